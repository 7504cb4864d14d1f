//! The report's sections, built once from a stage snapshot into the
//! format-neutral [`model`](super::model): every heading, label, caption and
//! sentence of the report is written here (and in the wording helpers of
//! [`super`]), none in the backends. A new section is a function here that
//! returns a [`Section`], added to [`build`].

mod activities;
mod agreements;
mod changes;
mod commitments;
mod coverage;
mod findings;
mod scores;
mod stage;
mod translations;

use accord_events::fields::{Translatable, TranslatedField};
use accord_projections::snapshot::StageSnapshot;
use accord_projections::translations::Target;

use super::model::{Block, Card, Fact, Format, Masthead, Report, Section, Span, Spans, l, t, w};
use super::wording::{self, n};
use super::words;
use super::*;
use crate::render::i18n::{Arg, Tr};

/// The report of a snapshot.
pub fn build(s: &StageSnapshot, tr: &Tr) -> Report {
    let names = Names::in_langs(s, tr);
    Report {
        lang: tr.lang(),
        khmer: tr.has_khmer(),
        masthead: masthead(s, tr),
        sections: vec![
            key_figures(s, tr, &names),
            stage::build(s, tr),
            coverage::build(s, tr, &names),
            scores::build(s, tr, &names),
            agreements::build(s, tr, &names),
            commitments::build(s, tr, &names),
            findings::diverging(s, tr, &names),
            findings::build(s, tr, &names),
            activities::build(s, tr),
            changes::build(s, tr),
            changes::annex(s, tr, &names),
        ]
        .into_iter()
        .chain(translations::annex(s, tr))
        .collect(),
        footer: footer(s, tr),
    }
}

/// A stage's name, in the report's languages.
fn stage_name(s: &StageSnapshot, tr: &Tr, st: &accord_projections::snapshot::StageLine) -> Spans {
    let id = st.stage.to_string();
    translations::content(
        s,
        tr,
        &Target::of(Translatable::Stage, &id, TranslatedField::Name),
        &st.name,
    )
}

/// A message with text from the log in it (passed as `$log`): the
/// message's words, and the log's text to be escaped.
fn with_log(tr: &Tr, id: &str, args: &[(&str, Arg)], log: &str) -> Spans {
    const MARK: &str = "\u{E000}";
    let mut all: Vec<(&str, Arg)> = args.to_vec();
    all.push(("log", Arg::S(MARK.to_owned())));
    let text = tr.say(id, &all);
    let mut out = Vec::new();
    for (i, part) in text.split(MARK).enumerate() {
        if i > 0 {
            out.push(Span::log(log));
        }
        if !part.is_empty() {
            out.push(Span::text(part));
        }
    }
    out
}

/// Spans shown in Markdown only.
fn md(spans: Spans) -> Span {
    Span::Only(Format::Markdown, spans)
}

/// Spans shown in HTML only.
fn html(spans: Spans) -> Span {
    Span::Only(Format::Html, spans)
}

/// Blocks shown in Markdown only.
fn md_blocks(blocks: Vec<Block>) -> Block {
    Block::Only(Format::Markdown, blocks)
}

/// Blocks shown in HTML only.
fn html_blocks(blocks: Vec<Block>) -> Block {
    Block::Only(Format::Html, blocks)
}

/// An empty cell: an em dash in Markdown, an en dash in HTML.
fn dash() -> Spans {
    vec![md(t("—")), html(t("–"))]
}

/// A paragraph of plain words.
fn para(text: impl Into<String>) -> Block {
    Block::Para(None, t(text))
}

/// A note (small print in HTML).
fn note(spans: Spans) -> Block {
    Block::Para(Some("note"), spans)
}

/// A sentence saying there is nothing to show (muted in HTML).
fn nothing(text: impl Into<String>) -> Block {
    Block::Para(Some("muted"), t(text))
}

/// Items joined in prose: `a`, `a and b`, `a, b and c`.
fn and_spans(tr: &Tr, items: Vec<Spans>) -> Spans {
    let n = items.len();
    let and = format!(" {} ", tr.say("list-and", &[]));
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(Span::text(if i + 1 == n { and.as_str() } else { ", " }));
        }
        out.extend(item);
    }
    out
}

/// Items joined with a separator.
fn joined(items: Vec<Spans>, sep: &str) -> Spans {
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(Span::text(sep));
        }
        out.extend(item);
    }
    out
}

/// The note under a table cut at [`ROWS_AT_MOST`] rows, if it was.
fn more_note(tr: &Tr, shown: usize, all: usize) -> Option<Block> {
    wording::more_rows(tr, shown.min(ROWS_AT_MOST), all).map(|n| note(t(n)))
}

/// A numbered section shown in both formats.
fn section(id: &'static str, heading: Spans, blocks: Vec<Block>) -> Section {
    Section {
        id,
        heading,
        blocks,
        only: None,
        lead: false,
    }
}

fn masthead(s: &StageSnapshot, tr: &Tr) -> Masthead {
    let st = &s.stage_detail;
    let programme = s.programme.as_ref().map(|p| {
        let mut line = vec![Span::Strong(translations::content(
            s,
            tr,
            &Target::of(Translatable::Programme, "", TranslatedField::Name),
            &p.name,
        ))];
        if let Some(c) = &p.commissioned_by {
            line.push(Span::text(format!(
                " · {} ",
                tr.say("commissioned-by", &[])
            )));
            line.push(Span::log(c));
        }
        if !p.facilitators.is_empty() {
            line.push(Span::text(format!(" · {} ", tr.say("facilitated-by", &[]))));
            line.extend(and_spans(tr, p.facilitators.iter().map(l).collect()));
        }
        line
    });
    let objective = s.programme.as_ref().map(|p| {
        (
            vec![
                md(t(tr.label("objective-colon", &[]))),
                html(t(tr.label("objective-heading", &[]))),
            ],
            translations::content(
                s,
                tr,
                &Target::of(Translatable::Programme, "", TranslatedField::Objective),
                &p.objective,
            ),
        )
    });
    let fact = |id: &str, value, only| Fact {
        label: tr.label(id, &[]),
        value,
        only,
    };
    let md_only = Some(Format::Markdown);
    let html_only = Some(Format::Html);
    let stage_of = tr.say(
        "stage-of",
        &[
            ("stage", Arg::N(s.stage as usize)),
            ("count", Arg::N(stage_count(s))),
        ],
    );
    let progress = words::progress(tr, st.status);
    let basis = wording::as_of_basis(tr, s);
    let as_of = tr.date(s.as_of);
    Masthead {
        document_title: format!(
            "{}{}",
            wording::title(tr, s),
            s.programme
                .as_ref()
                .map(|p| format!(" — {}", p.name))
                .unwrap_or_default()
        ),
        page_footer: (
            tr.label("report-title", &[("stage", Arg::N(s.stage as usize))]),
            tr.say("as-of-date", &[("date", as_of.clone().into())]),
        ),
        title: l(wording::title(tr, s)),
        eyebrow: vec![
            Span::text(format!(
                "{} · {} · ",
                tr.label("eyebrow", &[]),
                tr.label(
                    "stage-of-capital",
                    &[
                        ("stage", Arg::N(s.stage as usize)),
                        ("count", Arg::N(stage_count(s))),
                    ]
                )
            )),
            Span::text(progress.clone()),
        ],
        heading: stage_name(s, tr, st),
        programme,
        objective,
        facts: vec![
            fact(
                "fact-stage",
                [
                    vec![Span::text(format!("{stage_of} — "))],
                    stage_name(s, tr, st),
                    vec![Span::text(format!(" ({progress})"))],
                ]
                .concat(),
                md_only,
            ),
            fact(
                "fact-as-of",
                vec![
                    Span::Strong(t(as_of.clone())),
                    Span::text(" "),
                    Span::Styled("muted", t(format!("({basis})"))),
                ],
                html_only,
            ),
            fact("fact-period", t(wording::period(tr, s)), html_only),
            fact("fact-planned", t(wording::planned(tr, s)), None),
            fact("fact-actual", t(wording::actual(tr, s)), None),
            fact("fact-period", t(wording::period(tr, s)), md_only),
            fact("fact-as-of", t(format!("{as_of} ({basis})")), md_only),
            fact(
                "fact-head",
                vec![
                    md(t(format!("{} ", s.head.seq))),
                    html(t(format!(
                        "{} ",
                        tr.say("head-seq", &[("seq", Arg::S(s.head.seq.to_string()))])
                    ))),
                    Span::Hash(s.head.hash.clone()),
                ],
                None,
            ),
        ],
    }
}

/// The key figures of a snapshot as cards (also on the programme's front
/// page, [`super::index`]).
pub fn cards(s: &StageSnapshot, tr: &Tr) -> Vec<Card> {
    let tt = &s.totals;
    let agreements = tt.agreements.draft
        + tt.agreements.adopted
        + tt.agreements.revision_pending
        + tt.agreements.withdrawn;
    let reviews = review_figures(s);
    let card = |class: &'static str, value: Spans, label: &str, note: String| Card {
        class,
        value,
        label: t(tr.label(label, &[])),
        note: t(note),
    };
    // Shown once signatures are in use (docs/signatures.md).
    let signed = if tt.endorsements_signed > 0 {
        tr.say(
            "card-signed",
            &[
                ("signed", Arg::N(tt.endorsements_signed)),
                (
                    "all",
                    Arg::N(tt.endorsements_signed + tt.endorsements_unsigned),
                ),
            ],
        )
    } else {
        String::new()
    };
    vec![
        card(
            "",
            vec![
                Span::text(tr.count(tt.engaged)),
                Span::Small(t(format!("/{}", tr.count(tt.partnerships)))),
            ],
            "card-engaged",
            tr.say("card-engaged-note", &[]),
        ),
        card(
            "",
            t(tr.count(tt.agreements_adopted)),
            "card-in-force",
            tr.say(
                "card-in-force-note",
                &[
                    ("all", Arg::N(agreements)),
                    ("draft", Arg::N(tt.agreements.draft)),
                    ("pending", Arg::N(tt.agreements.revision_pending)),
                    ("signed", signed.into()),
                ],
            ),
        ),
        card(
            if tt.overdue_commitments > 0 {
                "alert"
            } else {
                ""
            },
            t(tr.count(tt.overdue_commitments)),
            "card-overdue",
            tr.say(
                "card-overdue-note",
                &[
                    ("all", Arg::N(tt.commitments.total())),
                    ("completed", Arg::N(tt.commitments.completed)),
                ],
            ),
        ),
        card(
            if reviews.past_due > 0 { "alert" } else { "" },
            t(tr.count(reviews.past_due)),
            "card-reviews",
            tr.say(
                "card-reviews-note",
                &[
                    ("reviewed", Arg::N(tt.reviewed)),
                    ("not_yet", Arg::N(reviews.not_yet)),
                ],
            ),
        ),
        card(
            if tt.diverging > 0 { "warn" } else { "" },
            t(tr.count(tt.diverging)),
            "card-diverging",
            tr.say("card-diverging-note", &[]),
        ),
    ]
}

/// The key figures as a list (Markdown).
fn figure_list(s: &StageSnapshot, tr: &Tr) -> Vec<Spans> {
    let tt = &s.totals;
    let agreements = tt.agreements.draft
        + tt.agreements.adopted
        + tt.agreements.revision_pending
        + tt.agreements.withdrawn;
    let item = |strong: String, rest: String| {
        vec![Span::Strong(t(strong)), Span::text(format!(" {rest}"))]
    };
    let mut items = vec![
        item(
            n(tr, "n-partnerships", tt.engaged),
            tr.say("kf-engaged", &[("all", Arg::N(tt.partnerships))]),
        ),
        item(
            n(tr, "n-agreements", tt.agreements_adopted),
            tr.say(
                "kf-in-force",
                &[
                    ("all", Arg::N(agreements)),
                    ("draft", Arg::N(tt.agreements.draft)),
                    ("pending", Arg::N(tt.agreements.revision_pending)),
                    ("withdrawn", Arg::N(tt.agreements.withdrawn)),
                ],
            ),
        ),
    ];
    // Shown once signatures are in use (docs/signatures.md).
    if tt.endorsements_signed > 0 {
        items.push(item(
            n(
                tr,
                "n-endorsements",
                tt.endorsements_signed + tt.endorsements_unsigned,
            ),
            tr.say(
                "kf-endorsements",
                &[
                    ("signed", Arg::N(tt.endorsements_signed)),
                    ("unsigned", Arg::N(tt.endorsements_unsigned)),
                ],
            ),
        ));
    }
    let c = &tt.commitments;
    items.push(vec![
        Span::Strong(t(n(tr, "n-commitments", c.total()))),
        Span::text(format!(
            "{} ",
            tr.say(
                "kf-commitments",
                &[
                    ("completed", Arg::N(c.completed)),
                    ("on_schedule", Arg::N(c.on_schedule)),
                    ("behind", Arg::N(c.behind_schedule)),
                    ("open", Arg::N(c.open)),
                    ("dropped", Arg::N(c.dropped)),
                ],
            )
        )),
        Span::Strong(t(n(tr, "n-overdue", tt.overdue_commitments))),
        Span::text(tr.say("full-stop", &[])),
    ]);
    let reviews = review_figures(s);
    items.push(item(
        n(tr, "n-partnerships", tt.reviewed),
        tr.say(
            "kf-reviewed",
            &[
                ("not_yet", Arg::N(reviews.not_yet)),
                ("past_due", Arg::N(reviews.past_due)),
                ("diverging", Arg::N(tt.diverging)),
            ],
        ),
    ));
    items.push(item(
        n(tr, "n-activities", s.activities.items.len()),
        tr.say(
            "kf-activities",
            &[
                ("meetings", Arg::N(s.meetings.len())),
                ("findings", Arg::N(s.findings.total)),
                ("new", Arg::N(s.findings.new_in_period)),
            ],
        ),
    ));
    items
}

fn key_figures(s: &StageSnapshot, tr: &Tr, names: &Names) -> Section {
    let mut blocks = vec![
        md_blocks(vec![Block::List(None, figure_list(s, tr))]),
        html_blocks(vec![Block::Cards(cards(s, tr))]),
    ];
    if let Some(p) = &names.prefix {
        blocks.push(note(with_log(tr, "names-prefix", &[], p)));
    }
    Section {
        id: "key-figures",
        heading: t(tr.label("key-figures", &[])),
        blocks,
        only: None,
        lead: true,
    }
}

fn footer(s: &StageSnapshot, tr: &Tr) -> Spans {
    let seq = s.head.seq.to_string();
    let hash = &s.head.hash;
    let date = tr.date(s.as_of);
    let args = [("seq", Arg::S(seq.clone())), ("date", Arg::S(date))];
    vec![
        md(vec![
            Span::text(format!("{} ", tr.say("footer-md-built", &args))),
            Span::Hash(hash.clone()),
            Span::text(format!("{} ", tr.say("footer-md-same", &args))),
            Span::Code(format!("accord verify --head {seq}:{hash}")),
            Span::text(format!(" {}", tr.say("footer-md-proves", &args))),
        ]),
        html(vec![
            Span::Strong(t(tr.label("footer-source", &[]))),
            Span::words(format!(" {} ", tr.say("footer-html-built", &args))),
            Span::Hash(hash.clone()),
            Span::text(format!("{} ", tr.say("footer-html-same", &args))),
            Span::Code(format!("accord verify --head {seq}:{hash}")),
            Span::text(tr.say("full-stop", &[])),
        ]),
    ]
}
