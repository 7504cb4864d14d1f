//! `accord show` as text, in the languages of the wording
//! (docs/languages.md): headings, column headers and labels in each
//! language, the leading one first; what the log holds as recorded.

use accord_events::fields::Side;
use accord_projections::partnership::{AgreementStatus, CommitmentStatus, ReviewState};
use accord_projections::{PartnershipState, Replay};

use super::{
    Cell, alert, caution, good, heading, keep_width, mean, occurred_in, opt_date_in, push_table,
    table, table_in, wrap,
};
use crate::render::i18n::{Arg, Tr};
use crate::render::labels;
use crate::render::report::words;
use crate::render::style::Style;
use crate::render::translated::Content;
use accord_events::fields::{Translatable, TranslatedField};
use accord_projections::translations::Target;

/// A side of a member or endorser, or a dash.
fn side(tr: &Tr, s: Option<Side>) -> String {
    s.map_or_else(|| "—".to_owned(), |s| words::side(tr, s))
}

/// How many findings a partnership has before its findings are drawn on
/// a thread of their own. `tests/translations_cli.rs` records 2,100 to
/// take that path: raise this above it and raise that too.
const FINDINGS_ON_A_THREAD: usize = 2_000;

/// The state of a partnership as text (without the footer), in the
/// languages of `tr`.
pub fn render(s: &PartnershipState, replay: &Replay, style: &Style, tr: &Tr) -> String {
    let dir = &replay.directory;
    let content = Content::new(&replay.translations, tr);
    let mut out = String::new();
    let name = content.text(
        &Target::of(
            Translatable::Partnership,
            &s.partnership,
            TranslatedField::Name,
        ),
        &s.name,
    );
    out.push_str(&style.bold(&format!("{name} ({})", s.partnership)));
    out.push('\n');
    let mut args: Vec<(&str, Arg)> = vec![
        ("date", tr.date(s.as_of).into()),
        ("established", tr.date(s.established_on).into()),
    ];
    let line = match &s.host {
        Some(h) => {
            args.push(("host", dir.org_name(h).into()));
            tr.say("show-as-of-hosted", &args)
        }
        None => tr.say("show-as-of", &args),
    };
    out.push_str(&line);
    out.push('\n');
    if s.closed {
        out.push_str(&style.yellow(&tr.say(
            "show-closed",
            &[("date", opt_date_in(tr, s.closed_on).into())],
        )));
        out.push('\n');
    }
    let rest = |out: &mut String| {
        members(out, s, style, tr);
        agreements(out, s, style, tr, &content);
        review_status(out, s, replay, style, tr);
        commitments(out, s, style, tr, &content);
    };
    let draw_findings = || {
        let mut out = String::new();
        findings(&mut out, s, style, tr, &content);
        out
    };
    // A busy partnership's findings are most of its text (two thirds of
    // the busiest's 14 MB, and of the time spent laying out its tables):
    // drawn on a thread of their own while this one draws the rest. Not
    // for a few hundred: a thread's start cost more than it saved.
    let findings = if s.findings.len() < FINDINGS_ON_A_THREAD {
        rest(&mut out);
        draw_findings()
    } else {
        std::thread::scope(|scope| {
            let findings = scope.spawn(draw_findings);
            rest(&mut out);
            findings
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    };
    out.push_str(&findings);
    if let Some(note) = content.note() {
        out.push('\n');
        out.push_str(&wrap(&note, ""));
    }
    out
}

/// Current and former members.
fn members(out: &mut String, s: &PartnershipState, style: &Style, tr: &Tr) {
    // Headings in every language; the cells in the leading one.
    let one = tr.leading();
    out.push_str(&heading(style, &tr.label("show-members", &[])));
    if s.members.is_empty() {
        out.push_str(&format!("{}\n", tr.say("show-no-members", &[])));
    } else {
        let mut t = table_in(
            style,
            tr,
            &[
                "col-id",
                "col-organisation",
                "col-side",
                "col-role",
                "col-since",
            ],
        );
        for m in &s.members {
            t.add_row(vec![
                m.org.clone(),
                m.name.clone(),
                side(&one, m.side),
                words::role(&one, m.role),
                tr.date(m.joined_on),
            ]);
        }
        push_table(out, &t);
    }
    if !s.former_members.is_empty() {
        // A label with its list: each language writes its own "(left …)".
        let line = tr.label_by("show-former-members", |one| {
            let left: Vec<String> = s
                .former_members
                .iter()
                .map(|f| {
                    one.say(
                        "show-left",
                        &[
                            ("name", f.name.as_str().into()),
                            ("date", one.date(f.left_on).into()),
                        ],
                    )
                })
                .collect();
            vec![("list", left.join(", ").into())]
        });
        out.push_str(&wrap(&line, "  "));
    }
}

/// Agreements, then who endorsed which version.
fn agreements(out: &mut String, s: &PartnershipState, style: &Style, tr: &Tr, c: &Content) {
    let one = tr.leading();
    out.push_str(&heading(style, &tr.label("show-agreements", &[])));
    if s.agreements.is_empty() {
        out.push_str(&format!("{}\n", tr.say("show-no-agreements", &[])));
    } else {
        let mut t = table_in(
            style,
            tr,
            &[
                "col-agreement",
                "col-title",
                "col-status",
                "col-current",
                "col-in-force",
                "col-adopted",
            ],
        );
        for a in &s.agreements {
            let word = words::agreement_status(&one, a.status);
            let status = match a.status {
                AgreementStatus::Adopted => good(word),
                AgreementStatus::RevisionPending => caution(word),
                _ => Cell::new(word),
            };
            t.add_row(vec![
                Cell::new(&a.agreement),
                Cell::new(c.text(
                    &Target {
                        version: Some(a.current_version),
                        ..Target::of(
                            Translatable::Agreement,
                            &a.agreement,
                            TranslatedField::Title,
                        )
                    },
                    &a.title,
                )),
                status,
                Cell::new(format!("v{}", a.current_version)),
                Cell::new(
                    a.in_force_version
                        .map_or("—".to_owned(), |v| format!("v{v}")),
                ),
                Cell::new(opt_date_in(tr, a.adopted_on)),
            ]);
        }
        push_table(out, &t);
        let endorsements: Vec<_> = s
            .agreements
            .iter()
            .flat_map(|a| a.endorsements.iter().map(move |e| (a, e)))
            .collect();
        if !endorsements.is_empty() {
            out.push_str(&heading(style, &tr.label("show-endorsements", &[])));
            let mut t = table_in(
                style,
                tr,
                &[
                    "col-agreement",
                    "col-version",
                    "col-person",
                    "col-for",
                    "col-side",
                    "col-on",
                ],
            );
            for (a, e) in endorsements {
                t.add_row(vec![
                    a.agreement.clone(),
                    format!("v{}", e.version),
                    e.person.clone(),
                    e.org.clone().unwrap_or_else(|| "—".to_owned()),
                    side(&one, e.side),
                    occurred_in(tr, &e.occurred_at),
                ]);
            }
            keep_width(&mut t, 0);
            keep_width(&mut t, 2);
            keep_width(&mut t, 3);
            push_table(out, &t);
        }
    }
}

/// The latest review with responses, and whether the next one is overdue.
fn review_status(out: &mut String, s: &PartnershipState, replay: &Replay, style: &Style, tr: &Tr) {
    match &s.latest_review {
        Some(r) => review(out, r, replay, style, tr),
        None => {
            out.push_str(&heading(style, &tr.label("show-latest-review", &[])));
            out.push_str(&format!("{}\n", tr.say("show-no-review", &[])));
        }
    }
    let why = |tr: &Tr| match (s.next_review_due, &s.latest_review, s.closed) {
        (_, _, true) => Some(tr.say("closed", &[])),
        (Some(d), _, _) => Some(tr.say("show-why-next-due", &[("date", tr.date(d).into())])),
        (None, Some(_), _) => Some(tr.say("show-why-no-next", &[])),
        (None, None, _) if s.review_overdue => Some(tr.say("show-why-stage", &[])),
        (None, None, _) => None,
    };
    // A label with its answer: in each language, the leading one first.
    let line = tr.label_by(
        if why(tr).is_some() {
            "show-review-overdue-why"
        } else {
            "show-review-overdue"
        },
        |one| {
            let answer = if s.review_overdue {
                style.red(&one.say("yes", &[]))
            } else {
                one.say("no", &[])
            };
            vec![
                ("answer", answer.into()),
                ("why", why(one).unwrap_or_default().into()),
            ]
        },
    );
    out.push_str(&format!("{line}\n"));
}

/// Commitments with their reported status.
fn commitments(out: &mut String, s: &PartnershipState, style: &Style, tr: &Tr, content: &Content) {
    let one = tr.leading();
    out.push_str(&heading(style, &tr.label("show-commitments", &[])));
    if s.commitments.is_empty() {
        out.push_str(&format!("{}\n", tr.say("show-no-commitments", &[])));
    } else {
        let mut t = table_in(
            style,
            tr,
            &[
                "col-commitment",
                "col-owner",
                "col-due",
                "col-status",
                "col-overdue",
            ],
        );
        for c in &s.commitments {
            let word = words::commitment_status(&one, c.status);
            let status = match c.status {
                CommitmentStatus::Completed => good(word),
                CommitmentStatus::BehindSchedule => caution(word),
                _ => Cell::new(word),
            };
            t.add_row(vec![
                Cell::new(format!(
                    "{}: {}",
                    c.commitment,
                    content.text(
                        &Target::of(
                            Translatable::Commitment,
                            &c.commitment,
                            TranslatedField::Text
                        ),
                        &c.text
                    )
                )),
                Cell::new(&c.owner),
                Cell::new(tr.date(c.due)),
                status,
                if c.overdue {
                    alert(one.say("overdue", &[]))
                } else {
                    Cell::new("")
                },
            ]);
        }
        push_table(out, &t);
    }
}

/// Findings by SWOT quadrant and theme.
fn findings(out: &mut String, s: &PartnershipState, style: &Style, tr: &Tr, c: &Content) {
    let one = tr.leading();
    out.push_str(&heading(style, &tr.label("show-findings", &[])));
    if s.findings.is_empty() {
        out.push_str(&format!("{}\n", tr.say("show-no-findings", &[])));
    } else {
        let mut t = table_in(style, tr, &["col-swot", "col-theme", "col-finding"]);
        for f in &s.findings {
            t.add_row(vec![
                words::swot(&one, f.swot),
                words::theme(&one, f.theme),
                c.text(
                    &Target::of(Translatable::Finding, &f.finding, TranslatedField::Text),
                    &f.text,
                ),
            ]);
        }
        push_table(out, &t);
    }
}

/// A review's scores, overall and by side, with divergence marked, in the
/// languages of `tr`.
pub fn review(out: &mut String, r: &ReviewState, replay: &Replay, style: &Style, tr: &Tr) {
    let framework = replay.programme.frameworks.get_or_default(&r.framework);
    out.push_str(&heading(
        style,
        &tr.label(
            "show-latest-review-of",
            &[("review", r.review.as_str().into())],
        ),
    ));
    let one = tr.leading();
    let mut args: Vec<(&str, Arg)> = vec![
        ("kind", words::review_kind_title(&one, r.kind).into()),
        ("opened", one.date(r.opened_on).into()),
        ("n", one.digits(&r.responses.len().to_string()).into()),
        ("framework", r.framework.as_str().into()),
    ];
    let opened = match r.concluded_on {
        Some(d) => {
            args.push(("concluded", one.date(d).into()));
            one.say("show-review-concluded", &args)
        }
        None => one.say("show-review-opened", &args),
    };
    out.push_str(&wrap(&opened, ""));
    let sides: Vec<Side> = r.by_side.keys().copied().collect();
    let stacked = tr.stacked();
    let mut header: Vec<String> = vec![
        stacked.label("col-criterion", &[]),
        stacked.label("col-all", &[]),
    ];
    header.extend(sides.iter().map(|s| words::side_heading(&stacked, *s)));
    let marks = !r.diverging.is_empty();
    if marks {
        header.push(String::new());
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = table(style, &header);
    for c in labels::in_framework_order(framework, r.scores.keys()) {
        let mut row = vec![
            Cell::new(labels::criterion(framework, c)),
            Cell::new(mean(r.scores[c])),
        ];
        for s in &sides {
            row.push(Cell::new(
                r.by_side[s].get(c).map_or("—".to_owned(), |m| mean(*m)),
            ));
        }
        if marks {
            row.push(if r.diverging.contains(c) {
                alert(one.say("diverges", &[]))
            } else {
                Cell::new("")
            });
        }
        t.add_row(row);
    }
    // Criteria are named by their framework's (long) labels: give them room.
    t.at_least(0, 22);
    push_table(out, &t);
    if !r.diverging.is_empty() {
        let half = framework.range() as f64 / 2.0;
        let criteria = labels::in_framework_order(framework, r.diverging.iter())
            .into_iter()
            .map(|c| labels::criterion(framework, c))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&wrap(
            &one.say(
                "show-diverging",
                &[("gap", mean(half).into()), ("criteria", criteria.into())],
            ),
            "  ",
        ));
    }
}
