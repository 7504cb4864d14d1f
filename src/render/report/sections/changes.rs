//! What changed in the period, and the annex of partnerships at a glance.

use super::*;
use crate::render::report::model::{Column, Row, Table};

pub fn build(s: &StageSnapshot, tr: &Tr) -> Section {
    let heading = t(tr.label_by("section-changes", |tr| {
        vec![("since", wording::since(tr, s).into())]
    }));
    let rows = wording::change_rows(tr, s);
    if rows.is_empty() {
        return super::section("changes", heading, vec![para(tr.say("changes-none", &[]))]);
    }
    let rows = rows
        .into_iter()
        .map(|r| {
            let detail = r
                .detail
                .into_iter()
                .map(|p| match p {
                    Piece::Plain(x) => Span::Text(x),
                    Piece::Log(x) => Span::Log(x),
                    Piece::Id(x) => Span::Id(x),
                })
                .collect();
            Row::new(vec![t(r.what), t(tr.count(r.count)), detail])
        })
        .collect();
    super::section(
        "changes",
        heading,
        vec![Block::Table(Table {
            class: "changes",
            columns: vec![
                Column::text(t(tr.label("col-change", &[]))),
                Column::numeric(t(tr.label("col-number", &[]))),
                Column::text(t(tr.label("col-details", &[]))),
            ],
            rows,
        })],
    )
}

/// One line per partnership (HTML).
pub fn annex(s: &StageSnapshot, tr: &Tr, names: &Names) -> Section {
    let mut rows = Vec::new();
    for p in &s.partnerships {
        let c = &p.summary.commitments;
        let en = &p.engagement;
        let mut through = Vec::new();
        if en.interviews > 0 {
            through.push(n(tr, "n-interviews", en.interviews));
        }
        if en.meetings > 0 {
            through.push(n(tr, "n-meetings", en.meetings));
        }
        if en.review_responses > 0 {
            through.push(n(tr, "n-review-responses", en.review_responses));
        }
        if en.activities > 0 {
            through.push(n(tr, "n-activities", en.activities));
        }
        let overdue = p.summary.overdue_commitments.len();
        let overdue_word = || Span::Styled("overdue", t(tr.label("overdue", &[])));
        let review = if p.summary.latest_review.is_none() && !p.summary.closed {
            t(tr.say("not-yet-reviewed-short", &[]))
        } else if p.summary.review_overdue {
            match p.next_review_due {
                Some(d) => vec![
                    overdue_word(),
                    Span::text(format!(
                        " ({})",
                        tr.say("due-on", &[("date", tr.date(d).into())])
                    )),
                ],
                None => vec![overdue_word()],
            }
        } else {
            p.next_review_due.map_or_else(
                || t("–"),
                |d| t(tr.say("due-on", &[("date", tr.date(d).into())])),
            )
        };
        let mut name = l(names.short(&p.summary.name));
        if p.summary.closed {
            name.push(Span::text(format!(" ({})", tr.say("closed", &[]))));
        }
        rows.push(Row {
            class: p.summary.closed.then_some("closed"),
            cells: vec![
                name,
                t(of(tr, p.summary.agreements_adopted, p.agreement_list.len())),
                t(of(tr, c.completed, c.total())),
                if overdue > 0 {
                    vec![Span::Styled("overdue", t(tr.count(overdue)))]
                } else {
                    t("–")
                },
                review,
                if through.is_empty() {
                    vec![Span::Styled("muted", t(tr.say("not-engaged-short", &[])))]
                } else {
                    t(through.join(", "))
                },
            ],
        });
    }
    let c = &s.totals.commitments;
    let all_agreements: usize = s.partnerships.iter().map(|p| p.agreement_list.len()).sum();
    let r = review_figures(s);
    rows.push(Row {
        class: Some("total"),
        cells: vec![
            t(tr.say("annex-all", &[("n", Arg::N(s.totals.partnerships))])),
            t(of(tr, s.totals.agreements_adopted, all_agreements)),
            t(of(tr, c.completed, c.total())),
            t(tr.count(s.totals.overdue_commitments)),
            t(tr.say(
                "annex-reviews",
                &[
                    ("past_due", Arg::N(r.past_due)),
                    ("not_yet", Arg::N(r.not_yet)),
                ],
            )),
            t(tr.say("annex-engaged", &[("n", Arg::N(s.totals.engaged))])),
        ],
    });
    Section {
        id: "annex",
        heading: t(tr.label("section-annex", &[])),
        blocks: vec![
            para(tr.say("annex-intro", &[])),
            Block::Table(Table {
                class: "annex",
                columns: vec![
                    Column::text(t(tr.label("col-partnership", &[]))),
                    Column::numeric(t(tr.label("card-in-force", &[]))),
                    Column::numeric(t(tr.label("col-commitments-completed", &[]))),
                    Column::numeric(t(tr.label("col-overdue", &[]))),
                    Column::text(t(tr.label("col-next-review", &[]))),
                    Column::text(t(tr.label("col-engaged-through", &[]))),
                ],
                rows,
            }),
        ],
        only: Some(Format::Html),
        lead: false,
    }
}

/// `a of b`.
fn of(tr: &Tr, a: usize, b: usize) -> String {
    tr.say("a-of-b", &[("a", Arg::N(a)), ("b", Arg::N(b))])
}
