//! Commitments: by status for each partnership, those overdue, and reviews
//! overdue.

use accord_projections::status::CommitmentCounts;

use accord_events::fields::{Translatable, TranslatedField};
use accord_projections::translations::Target;

use super::*;
use crate::render::report::charts;
use crate::render::report::model::{Chart, Column, Figure, Row, Table};

pub fn build(s: &StageSnapshot, tr: &Tr, names: &Names) -> Section {
    let heading = t(tr.label("section-commitments", &[]));
    let as_of = tr.date(s.as_of);
    let with: Vec<_> = s
        .partnerships
        .iter()
        .filter(|p| p.summary.commitments.total() > 0)
        .collect();
    let none = nothing(tr.say("commitments-none", &[("date", as_of.clone().into())]));
    let drawn = charts::commitments::drawn(s);
    if with.is_empty() && !drawn {
        return super::section("commitments", heading, vec![none]);
    }
    let mut blocks = Vec::new();
    if with.is_empty() {
        blocks.push(md_blocks(vec![none.clone()]));
    } else {
        blocks.push(md_blocks(vec![Block::Table(by_status(
            s, tr, names, &with,
        ))]));
    }
    if drawn {
        blocks.push(html_blocks(vec![Block::Figure(Figure {
            class: None,
            chart: Chart::Commitments,
            legend: Vec::new(),
            caption: t(tr.label_by("figure-commitments", |tr| {
                vec![
                    ("all", Arg::N(s.totals.commitments.total())),
                    ("date", tr.date(s.as_of).into()),
                ]
            })),
            notes: Vec::new(),
            ends_line: false,
        })]));
    } else {
        blocks.push(html_blocks(vec![none]));
    }
    let mut rest = Vec::new();
    if s.overdue.is_empty() {
        rest.push(para(tr.say(
            "commitments-none-overdue",
            &[("date", as_of.clone().into())],
        )));
    } else {
        rest.push(Block::Heading(vec![
            Span::text(tr.label_by("overdue-on", |tr| vec![("date", tr.date(s.as_of).into())])),
            html(t(format!(" ({})", tr.count(s.overdue.len())))),
        ]));
        let rows = s
            .overdue
            .iter()
            .take(ROWS_AT_MOST)
            .map(|c| {
                Row::new(vec![
                    {
                        let target = Target::of(
                            Translatable::Commitment,
                            &c.commitment,
                            TranslatedField::Text,
                        );
                        let mut text = super::translations::content(s, tr, &target, &c.text);
                        text.push(Span::IdAfter(c.commitment.clone()));
                        text
                    },
                    l(names.short(&c.name)),
                    l(&c.owner_name),
                    vec![Span::Styled("overdue nowrap", t(tr.date(c.due)))],
                    vec![
                        Span::Pill(
                            c.status.as_str().to_owned(),
                            tr.say(
                                "status-reported",
                                &[("status", words::commitment_status(tr, c.status).into())],
                            ),
                        ),
                        md(vec![
                            Span::text(", "),
                            Span::Strong(t(tr.label("overdue", &[]))),
                        ]),
                        html(vec![
                            Span::text(" "),
                            Span::Pill("overdue-pill".into(), tr.label("overdue", &[])),
                        ]),
                    ],
                ])
            })
            .collect();
        rest.push(Block::Table(Table {
            class: "overdue-list",
            columns: [
                "col-commitment",
                "col-partnership",
                "col-owner",
                "col-due",
                "col-status",
            ]
            .into_iter()
            .map(|h| Column::text(t(tr.label(h, &[]))))
            .collect(),
            rows,
        }));
        rest.extend(more_note(tr, ROWS_AT_MOST, s.overdue.len()));
    }
    let overdue: Vec<Spans> = s
        .partnerships
        .iter()
        .filter(|p| p.summary.review_overdue && p.summary.latest_review.is_some())
        .map(|p| {
            let mut item = l(names.short(&p.summary.name));
            if let Some(d) = p.next_review_due {
                item.push(Span::text(format!(
                    " ({})",
                    tr.say("due-on", &[("date", tr.date(d).into())])
                )));
            }
            item
        })
        .collect();
    if !overdue.is_empty() {
        let n = overdue.len();
        let list = joined(overdue, "; ");
        let mut markdown = t(format!(
            "{} ",
            tr.say("reviews-overdue-md", &[("n", Arg::N(n))])
        ));
        markdown.extend(list.clone());
        markdown.push(Span::text(tr.say("full-stop", &[])));
        let mut page = t(format!("{} ", tr.say("reviews-overdue-note", &[])));
        page.extend(list);
        page.push(Span::text(tr.say("full-stop", &[])));
        rest.push(md_blocks(vec![para_spans(markdown)]));
        rest.push(html_blocks(vec![
            Block::Heading(t(tr.label("reviews-overdue", &[("n", Arg::N(n))]))),
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
    super::section("commitments", heading, blocks)
}

/// A paragraph of spans.
fn para_spans(spans: Spans) -> Block {
    Block::Para(None, spans)
}

/// Commitments by status, each partnership and all (Markdown).
fn by_status(
    s: &StageSnapshot,
    tr: &Tr,
    names: &Names,
    with: &[&accord_projections::snapshot::PartnershipSnapshot],
) -> Table {
    let row = |name: Spans, c: &CommitmentCounts, overdue: usize| {
        Row::new(vec![
            name,
            t(tr.count(c.open)),
            t(tr.count(c.on_schedule)),
            t(tr.count(c.behind_schedule)),
            t(tr.count(c.completed)),
            t(tr.count(c.dropped)),
            if overdue > 0 {
                vec![Span::Strong(t(tr.count(overdue)))]
            } else {
                t(tr.count(0))
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
        vec![Span::Strong(t(tr.label("all-partnerships", &[])))],
        &s.totals.commitments,
        s.totals.overdue_commitments,
    ));
    let mut columns = vec![Column::text(t(tr.label("col-partnership", &[])))];
    columns.extend(
        [
            "col-open",
            "col-on-schedule",
            "col-behind-schedule",
            "col-completed",
            "col-dropped",
            "col-overdue",
        ]
        .into_iter()
        .map(|h| Column::numeric(t(tr.label(h, &[])))),
    );
    Table {
        class: "commitments",
        columns,
        rows,
    }
}
