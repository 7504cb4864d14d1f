//! What changed in the period, and the annex of partnerships at a glance.

use super::*;
use crate::render::report::model::{Column, Row, Table};

pub fn build(s: &StageSnapshot) -> Section {
    let heading = t(sentence(&format!("what changed {}", since(s))));
    let rows = change_rows(s);
    if rows.is_empty() {
        return super::section(
            "changes",
            heading,
            vec![para("Nothing was recorded in the period.")],
        );
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
            Row::new(vec![t(r.what), t(count(r.count)), detail])
        })
        .collect();
    super::section(
        "changes",
        heading,
        vec![Block::Table(Table {
            class: "changes",
            columns: vec![
                Column::text(t("Change")),
                Column::numeric(t("Number")),
                Column::text(t("Details")),
            ],
            rows,
        })],
    )
}

/// One line per partnership (HTML).
pub fn annex(s: &StageSnapshot, names: &Names) -> Section {
    let mut rows = Vec::new();
    for p in &s.partnerships {
        let c = &p.summary.commitments;
        let en = &p.engagement;
        let mut through = Vec::new();
        if en.interviews > 0 {
            through.push(plural(en.interviews, "interview", "interviews"));
        }
        if en.meetings > 0 {
            through.push(plural(en.meetings, "meeting", "meetings"));
        }
        if en.review_responses > 0 {
            through.push(plural(
                en.review_responses,
                "review response",
                "review responses",
            ));
        }
        if en.activities > 0 {
            through.push(plural(en.activities, "activity", "activities"));
        }
        let overdue = p.summary.overdue_commitments.len();
        let overdue_word = || Span::Styled("overdue", t("overdue"));
        let review = if p.summary.latest_review.is_none() && !p.summary.closed {
            t("not yet reviewed")
        } else if p.summary.review_overdue {
            match p.next_review_due {
                Some(d) => vec![overdue_word(), Span::text(format!(" (due {})", date(d)))],
                None => vec![overdue_word()],
            }
        } else {
            p.next_review_due
                .map_or_else(|| t("–"), |d| t(format!("due {}", date(d))))
        };
        let mut name = l(names.short(&p.summary.name));
        if p.summary.closed {
            name.push(Span::text(" (closed)"));
        }
        rows.push(Row {
            class: p.summary.closed.then_some("closed"),
            cells: vec![
                name,
                t(format!(
                    "{} of {}",
                    count(p.summary.agreements_adopted),
                    count(p.agreement_list.len())
                )),
                t(format!("{} of {}", count(c.completed), count(c.total()))),
                if overdue > 0 {
                    vec![Span::Styled("overdue", t(count(overdue)))]
                } else {
                    t("–")
                },
                review,
                if through.is_empty() {
                    vec![Span::Styled("muted", t("not engaged"))]
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
            t(format!("All {} partnerships", count(s.totals.partnerships))),
            t(format!(
                "{} of {}",
                count(s.totals.agreements_adopted),
                count(all_agreements)
            )),
            t(format!("{} of {}", count(c.completed), count(c.total()))),
            t(count(s.totals.overdue_commitments)),
            t(format!(
                "{} overdue, {} not yet reviewed",
                count(r.past_due),
                count(r.not_yet)
            )),
            t(format!("{} engaged", count(s.totals.engaged))),
        ],
    });
    Section {
        id: "annex",
        heading: t("Annex: partnerships at a glance"),
        blocks: vec![
            para(
                "One line per partnership: agreements in force, commitments completed and overdue, when its next review is due, and how it was engaged in the reporting period.",
            ),
            Block::Table(Table {
                class: "annex",
                columns: vec![
                    Column::text(t("Partnership")),
                    Column::numeric(t("Agreements in force")),
                    Column::numeric(t("Commitments completed")),
                    Column::numeric(t("Overdue")),
                    Column::text(t("Next review")),
                    Column::text(t("Engaged in the period through")),
                ],
                rows,
            }),
        ],
        only: Some(Format::Html),
        lead: false,
    }
}
