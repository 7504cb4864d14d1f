//! Commitments: by status for each partnership, those overdue, and reviews
//! overdue.

use accord_projections::status::CommitmentCounts;

use super::*;
use crate::render::report::charts;
use crate::render::report::model::{Chart, Column, Figure, Row, Table};

pub fn build(s: &StageSnapshot, names: &Names) -> Section {
    let with: Vec<_> = s
        .partnerships
        .iter()
        .filter(|p| p.summary.commitments.total() > 0)
        .collect();
    let none = nothing(format!(
        "No commitments had been made by {}.",
        date(s.as_of)
    ));
    let drawn = charts::commitments::drawn(s);
    if with.is_empty() && !drawn {
        return super::section("commitments", t("Commitments"), vec![none]);
    }
    let mut blocks = Vec::new();
    if with.is_empty() {
        blocks.push(md_blocks(vec![none.clone()]));
    } else {
        blocks.push(md_blocks(vec![Block::Table(by_status(s, names, &with))]));
    }
    if drawn {
        blocks.push(html_blocks(vec![Block::Figure(Figure {
            class: None,
            chart: Chart::Commitments,
            legend: Vec::new(),
            caption: t(format!(
                "Figure 4. Commitments by status: all partnerships (top, as shares of {}), then each partnership with commitments; the number on the right counts those overdue on {}.",
                count(s.totals.commitments.total()),
                date(s.as_of)
            )),
            notes: Vec::new(),
            ends_line: false,
        })]));
    } else {
        blocks.push(html_blocks(vec![none]));
    }
    let mut rest = Vec::new();
    if s.overdue.is_empty() {
        rest.push(para(format!(
            "No commitment was overdue on {}.",
            date(s.as_of)
        )));
    } else {
        rest.push(Block::Heading(vec![
            Span::text(format!("Overdue on {}", date(s.as_of))),
            html(t(format!(" ({})", count(s.overdue.len())))),
        ]));
        let rows = s
            .overdue
            .iter()
            .take(ROWS_AT_MOST)
            .map(|c| {
                Row::new(vec![
                    vec![Span::log(&c.text), Span::IdAfter(c.commitment.clone())],
                    l(names.short(&c.name)),
                    l(&c.owner_name),
                    vec![Span::Styled("overdue nowrap", t(date(c.due)))],
                    vec![
                        Span::Pill(
                            c.status.as_str().to_owned(),
                            format!("{} (reported)", commitment_status(c.status)),
                        ),
                        md(vec![Span::text(", "), Span::Strong(t("overdue"))]),
                        html(vec![
                            Span::text(" "),
                            Span::Pill("overdue-pill".into(), "overdue".into()),
                        ]),
                    ],
                ])
            })
            .collect();
        rest.push(Block::Table(Table {
            class: "overdue-list",
            columns: ["Commitment", "Partnership", "Owner", "Due", "Status"]
                .into_iter()
                .map(|h| Column::text(t(h)))
                .collect(),
            rows,
        }));
        rest.extend(more_note(ROWS_AT_MOST, s.overdue.len()));
    }
    let overdue: Vec<Spans> = s
        .partnerships
        .iter()
        .filter(|p| p.summary.review_overdue && p.summary.latest_review.is_some())
        .map(|p| {
            let mut item = l(names.short(&p.summary.name));
            if let Some(d) = p.next_review_due {
                item.push(Span::text(format!(" (due {})", date(d))));
            }
            item
        })
        .collect();
    if !overdue.is_empty() {
        let n = count(overdue.len());
        let list = joined(overdue, "; ");
        let mut markdown = t(format!(
            "Reviews overdue, the next review date passed ({n}): "
        ));
        markdown.extend(list.clone());
        markdown.push(Span::text("."));
        let mut page = t("Partnerships whose next review date has passed: ");
        page.extend(list);
        page.push(Span::text("."));
        rest.push(md_blocks(vec![para_spans(markdown)]));
        rest.push(html_blocks(vec![
            Block::Heading(t(format!("Reviews overdue ({n})"))),
            note(page),
        ]));
    }
    // Without commitments, Markdown says so and stops here.
    if with.is_empty() {
        blocks.push(html_blocks(rest));
    } else if drawn {
        blocks.extend(rest);
    } else {
        blocks.push(md_blocks(rest));
    }
    super::section("commitments", t("Commitments"), blocks)
}

/// A paragraph of spans.
fn para_spans(spans: Spans) -> Block {
    Block::Para(None, spans)
}

/// Commitments by status, each partnership and all (Markdown).
fn by_status(
    s: &StageSnapshot,
    names: &Names,
    with: &[&accord_projections::snapshot::PartnershipSnapshot],
) -> Table {
    let row = |name: Spans, c: &CommitmentCounts, overdue: usize| {
        Row::new(vec![
            name,
            t(count(c.open)),
            t(count(c.on_schedule)),
            t(count(c.behind_schedule)),
            t(count(c.completed)),
            t(count(c.dropped)),
            if overdue > 0 {
                vec![Span::Strong(t(count(overdue)))]
            } else {
                t("0")
            },
        ])
    };
    let mut rows: Vec<Row> = with
        .iter()
        .map(|p| {
            row(
                l(names.short(&p.summary.name)),
                &p.summary.commitments,
                p.summary.overdue_commitments.len(),
            )
        })
        .collect();
    rows.push(row(
        vec![Span::Strong(t("All partnerships"))],
        &s.totals.commitments,
        s.totals.overdue_commitments,
    ));
    let mut columns = vec![Column::text(t("Partnership"))];
    columns.extend(
        [
            "Open",
            "On schedule",
            "Behind schedule",
            "Completed",
            "Dropped",
            "Overdue",
        ]
        .into_iter()
        .map(|h| Column::numeric(t(h))),
    );
    Table {
        class: "commitments",
        columns,
        rows,
    }
}
