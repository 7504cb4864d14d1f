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

use accord_projections::snapshot::StageSnapshot;

use super::model::{Block, Card, Fact, Format, Masthead, Report, Section, Span, Spans, l, t, w};
use super::*;

/// The report of a snapshot.
pub fn build(s: &StageSnapshot) -> Report {
    let names = Names::of(s);
    Report {
        masthead: masthead(s),
        sections: vec![
            key_figures(s, &names),
            stage::build(s),
            coverage::build(s, &names),
            scores::build(s, &names),
            agreements::build(s, &names),
            commitments::build(s, &names),
            findings::diverging(s, &names),
            findings::build(s, &names),
            activities::build(s),
            changes::build(s),
            changes::annex(s, &names),
        ],
        footer: footer(s),
    }
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
fn and_spans(items: Vec<Spans>) -> Spans {
    let n = items.len();
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(Span::text(if i + 1 == n { " and " } else { ", " }));
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
fn more_note(shown: usize, all: usize) -> Option<Block> {
    more_rows(shown.min(ROWS_AT_MOST), all).map(|n| note(t(n)))
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

fn masthead(s: &StageSnapshot) -> Masthead {
    let st = &s.stage_detail;
    let programme = s.programme.as_ref().map(|p| {
        let mut line = vec![Span::Strong(l(&p.name))];
        if let Some(c) = &p.commissioned_by {
            line.push(Span::text(" · commissioned by "));
            line.push(Span::log(c));
        }
        if !p.facilitators.is_empty() {
            line.push(Span::text(" · facilitated by "));
            line.extend(and_spans(p.facilitators.iter().map(l).collect()));
        }
        line
    });
    let objective = s.programme.as_ref().map(|p| {
        (
            vec![md(t("Objective:")), html(t("Objective."))],
            l(&p.objective),
        )
    });
    let fact = |label, value, only| Fact { label, value, only };
    let md_only = Some(Format::Markdown);
    let html_only = Some(Format::Html);
    Masthead {
        document_title: format!(
            "{}{}",
            title(s),
            s.programme
                .as_ref()
                .map(|p| format!(" — {}", p.name))
                .unwrap_or_default()
        ),
        page_footer: (
            format!("Stage {} progress snapshot", s.stage),
            format!("as of {}", date(s.as_of)),
        ),
        title: l(title(s)),
        eyebrow: vec![
            Span::text(format!(
                "Progress snapshot · Stage {} of {} · ",
                s.stage,
                stage_count(s)
            )),
            Span::text(progress(st.status)),
        ],
        heading: l(&st.name),
        programme,
        objective,
        facts: vec![
            fact(
                "Stage",
                vec![
                    Span::text(format!("{} of {} — ", s.stage, stage_count(s))),
                    Span::log(&st.name),
                    Span::text(format!(" ({})", progress(st.status))),
                ],
                md_only,
            ),
            fact(
                "As of",
                vec![
                    Span::Strong(t(date(s.as_of))),
                    Span::text(" "),
                    Span::Styled("muted", t(format!("({})", as_of_basis(s)))),
                ],
                html_only,
            ),
            fact("Reporting period", t(period(s)), html_only),
            fact("Planned", t(planned(s)), None),
            fact("Actual", t(actual(s)), None),
            fact("Reporting period", t(period(s)), md_only),
            fact(
                "As of",
                t(format!("{} ({})", date(s.as_of), as_of_basis(s))),
                md_only,
            ),
            fact(
                "Built from log head",
                vec![
                    md(t(format!("{} ", s.head.seq))),
                    html(t(format!("seq {} ", s.head.seq))),
                    Span::Hash(s.head.hash.clone()),
                ],
                None,
            ),
        ],
    }
}

/// The key figures of a snapshot as cards (also on the programme's front
/// page, [`super::index`]).
pub fn cards(s: &StageSnapshot) -> Vec<Card> {
    let t_ = &s.totals;
    let agreements = t_.agreements.draft
        + t_.agreements.adopted
        + t_.agreements.revision_pending
        + t_.agreements.withdrawn;
    let reviews = review_figures(s);
    let card = |class: &'static str, value: Spans, label: &str, note: String| Card {
        class,
        value,
        label: t(label),
        note: t(note),
    };
    vec![
        card(
            "",
            vec![
                Span::text(count(t_.engaged)),
                Span::Small(t(format!("/{}", count(t_.partnerships)))),
            ],
            "Partnerships engaged",
            "in the reporting period".into(),
        ),
        card(
            "",
            t(count(t_.agreements_adopted)),
            "Agreements in force",
            format!(
                "of {}; {} draft, {} pending revision{}",
                count(agreements),
                count(t_.agreements.draft),
                count(t_.agreements.revision_pending),
                // Shown once signatures are in use (docs/signatures.md).
                if t_.endorsements_signed > 0 {
                    format!(
                        "; {} of {} endorsements signed",
                        count(t_.endorsements_signed),
                        count(t_.endorsements_signed + t_.endorsements_unsigned)
                    )
                } else {
                    String::new()
                }
            ),
        ),
        card(
            if t_.overdue_commitments > 0 {
                "alert"
            } else {
                ""
            },
            t(count(t_.overdue_commitments)),
            "Commitments overdue",
            format!(
                "of {}; {} completed",
                count(t_.commitments.total()),
                count(t_.commitments.completed)
            ),
        ),
        card(
            if reviews.past_due > 0 { "alert" } else { "" },
            t(count(reviews.past_due)),
            "Reviews overdue",
            format!(
                "next review date passed; {} reviewed, {} not yet reviewed",
                count(t_.reviewed),
                count(reviews.not_yet)
            ),
        ),
        card(
            if t_.diverging > 0 { "warn" } else { "" },
            t(count(t_.diverging)),
            "Diverging views",
            "partnerships whose sides differ".into(),
        ),
    ]
}

/// The key figures as a list (Markdown).
fn figure_list(s: &StageSnapshot) -> Vec<Spans> {
    let tt = &s.totals;
    let agreements = tt.agreements.draft
        + tt.agreements.adopted
        + tt.agreements.revision_pending
        + tt.agreements.withdrawn;
    let item = |strong: String, rest: String| vec![Span::Strong(t(strong)), Span::text(rest)];
    let mut items = vec![
        item(
            plural(tt.engaged, "partnership", "partnerships"),
            format!(" engaged in the period, of {}.", count(tt.partnerships)),
        ),
        item(
            plural(tt.agreements_adopted, "agreement", "agreements"),
            format!(
                " in force, of {} recorded ({} draft, {} revision pending, {} withdrawn).",
                count(agreements),
                count(tt.agreements.draft),
                count(tt.agreements.revision_pending),
                count(tt.agreements.withdrawn)
            ),
        ),
    ];
    // Shown once signatures are in use (docs/signatures.md).
    if tt.endorsements_signed > 0 {
        items.push(item(
            plural(
                tt.endorsements_signed + tt.endorsements_unsigned,
                "endorsement",
                "endorsements",
            ),
            format!(
                " standing: {} signed, {} unsigned.",
                count(tt.endorsements_signed),
                count(tt.endorsements_unsigned)
            ),
        ));
    }
    let c = &tt.commitments;
    items.push(vec![
        Span::Strong(t(plural(c.total(), "commitment", "commitments"))),
        Span::text(format!(
            ": {} completed, {} on schedule, {} behind schedule, {} open, {} dropped; ",
            count(c.completed),
            count(c.on_schedule),
            count(c.behind_schedule),
            count(c.open),
            count(c.dropped),
        )),
        Span::Strong(t(format!("{} overdue", count(tt.overdue_commitments)))),
        Span::text("."),
    ]);
    let reviews = review_figures(s);
    items.push(item(
        plural(tt.reviewed, "partnership", "partnerships"),
        format!(
            " reviewed, {} not yet reviewed; reviews overdue (the next review date passed) in {}; government and development partners diverge in {}.",
            count(reviews.not_yet),
            plural(reviews.past_due, "partnership", "partnerships"),
            plural(tt.diverging, "partnership", "partnerships"),
        ),
    ));
    items.push(item(
        plural(s.activities.items.len(), "activity", "activities"),
        format!(
            " delivered and {} held in the period; {} recorded ({} new).",
            plural(s.meetings.len(), "meeting", "meetings"),
            plural(s.findings.total, "finding", "findings"),
            count(s.findings.new_in_period)
        ),
    ));
    items
}

fn key_figures(s: &StageSnapshot, names: &Names) -> Section {
    let mut blocks = vec![
        md_blocks(vec![Block::List(None, figure_list(s))]),
        html_blocks(vec![Block::Cards(cards(s))]),
    ];
    if let Some(p) = &names.prefix {
        blocks.push(note(vec![
            Span::text("Partnership names are shown without the words they all begin with, “"),
            Span::log(p),
            Span::text("”."),
        ]));
    }
    Section {
        id: "key-figures",
        heading: t("Key figures"),
        blocks,
        only: None,
        lead: true,
    }
}

fn footer(s: &StageSnapshot) -> Spans {
    let seq = s.head.seq;
    let hash = &s.head.hash;
    vec![
        md(vec![
            Span::text(format!(
                "Built by accord from the event log up to seq {seq} (head "
            )),
            Span::Hash(hash.clone()),
            Span::text(format!(
                "), as of {}. The same log always gives this same report; ",
                date(s.as_of)
            )),
            Span::Code(format!("accord verify --head {seq}:{hash}")),
            Span::text(" proves the log still holds everything it was built from."),
        ]),
        html(vec![
            Span::Strong(t("Source.")),
            Span::words(format!(
                " Built by accord from the programme's event log up to seq {seq}, head "
            )),
            Span::Hash(hash.clone()),
            Span::text(format!(
                ", as of {}. The same log always gives this same report. To check that the log still holds everything this report was built from, run ",
                date(s.as_of)
            )),
            Span::Code(format!("accord verify --head {seq}:{hash}")),
            Span::text("."),
        ]),
    ]
}
