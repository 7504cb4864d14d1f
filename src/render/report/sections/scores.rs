//! Review scores: the heat map (HTML) or table (Markdown) of each
//! partnership's latest review, and the score trends.

use std::fmt::Write;

use super::*;
use crate::render::report::charts;
use crate::render::report::model::{Chart, Column, Figure, Row, Table};

pub fn build(s: &StageSnapshot, tr: &Tr, names: &Names) -> Section {
    let reviewed: Vec<_> = s
        .partnerships
        .iter()
        .filter(|p| p.summary.latest_review.is_some())
        .collect();
    let none = nothing(tr.say("scores-none", &[("date", tr.date(s.as_of).into())]));
    let unreviewed: Vec<Spans> = s
        .partnerships
        .iter()
        .filter(|p| p.summary.latest_review.is_none())
        .map(|p| l(names.short(&p.summary.name)))
        .collect();
    let unreviewed = (!unreviewed.is_empty()).then(|| {
        let mut line = t(format!(
            "{} ",
            tr.say("not-yet-reviewed", &[("n", Arg::N(unreviewed.len()))])
        ));
        line.extend(joined(unreviewed, "; "));
        line.push(Span::text(tr.say("full-stop", &[])));
        note(line)
    });
    let mut keys = vec![Span::words(format!("{} (", tr.say("criteria-keys", &[])))];
    keys.push(Span::Code("--format json".into()));
    keys.push(Span::text(format!(") {} ", tr.say("criteria-keyed", &[]))));
    keys.extend(and_spans(
        tr,
        s.criteria
            .iter()
            .map(|c| vec![Span::Code(c.criterion.clone())])
            .collect(),
    ));
    keys.push(Span::text(tr.say("full-stop", &[])));
    let keys = note(keys);
    let compared = s.partnerships.iter().any(|p| p.previous_scores.is_some());
    let since = wording::since(tr, s);

    let markdown = if reviewed.is_empty() {
        vec![none.clone()]
    } else {
        let scale = s
            .criteria
            .first()
            .map(|c| {
                tr.say(
                    "scores-scale",
                    &[
                        ("min", Arg::S(tr.digits(&c.scale_min.to_string()))),
                        ("max", Arg::S(tr.digits(&c.scale_max.to_string()))),
                    ],
                )
            })
            .unwrap_or_default();
        let changed = if compared {
            tr.say("scores-changed-md", &[("since", since.clone().into())])
        } else {
            String::new()
        };
        let mut blocks = vec![Block::Para(
            None,
            w(tr.say(
                "scores-intro-md",
                &[("scale", scale.into()), ("changed", changed.into())],
            )),
        )];
        blocks.push(Block::Table(score_table(s, tr, names, &reviewed)));
        blocks.extend(unreviewed.clone());
        blocks.push(keys.clone());
        blocks
    };

    let page = if !charts::heat_map::drawn(s) {
        vec![none]
    } else {
        let scale = s
            .criteria
            .first()
            .map(|c| format!(" ({} to {})", c.scale_min, c.scale_max))
            .unwrap_or_default();
        let changed = if compared {
            vec![
                Span::words(format!("{} ", tr.say("scores-with-change", &[]))),
                Span::text(since),
            ]
        } else {
            Vec::new()
        };
        let mut caption = w(tr.label("figure-heat-map", &[("scale", scale.into())]));
        caption.extend(changed);
        caption.push(Span::words(format!(
            "{} {}",
            tr.say("full-stop", &[]),
            tr.label("figure-heat-map-outline", &[])
        )));
        // The chart, its caption and its notes print together.
        let mut blocks = vec![Block::Figure(Figure {
            class: None,
            chart: Chart::HeatMap,
            legend: Vec::new(),
            caption,
            notes: unreviewed.into_iter().chain([keys]).collect(),
            ends_line: true,
        })];
        blocks.extend(trends(s, tr));
        blocks
    };
    super::section(
        "scores",
        t(tr.label("section-scores", &[])),
        vec![md_blocks(markdown), html_blocks(page)],
    )
}

/// Each reviewed partnership's latest means, with their change and
/// divergence (Markdown).
fn score_table(
    s: &StageSnapshot,
    tr: &Tr,
    names: &Names,
    reviewed: &[&accord_projections::snapshot::PartnershipSnapshot],
) -> Table {
    let mut columns = vec![
        Column::text(t(tr.label("col-partnership", &[]))),
        Column::text(t(tr.label("col-latest-review", &[]))),
    ];
    columns.extend(s.criteria.iter().map(|c| Column::numeric(l(&c.label))));
    let mut rows = Vec::new();
    for p in reviewed {
        let on = wording::opt_date(tr, p.latest_review_on);
        let mut row = vec![
            l(names.short(&p.summary.name)),
            t(if not_reviewed_since(p) {
                format!("{on} ({})", tr.say("no-new-review", &[]))
            } else {
                on
            }),
        ];
        for c in &s.criteria {
            row.push(match p.summary.latest_scores.get(&c.criterion) {
                None => t("—"),
                Some(m) => {
                    let mut cell = mean(*m);
                    if let Some(d) = shown_change(p, &c.criterion) {
                        let _ = write!(cell, " ({})", change(d));
                    }
                    if p.summary.diverging.contains(&c.criterion) {
                        cell.push_str(" †");
                    }
                    t(cell)
                }
            });
        }
        rows.push(Row::new(row));
    }
    Table {
        class: "scores",
        columns,
        rows,
    }
}

/// Score trends, one panel per partnership reviewed at least twice (HTML).
fn trends(s: &StageSnapshot, tr: &Tr) -> Vec<Block> {
    let drawn = charts::trends::drawn(s);
    let single = charts::trends::single_reviews(s);
    if !drawn && single.is_empty() {
        return Vec::new();
    }
    let mut blocks = vec![Block::Heading(t(tr.label("score-trends", &[])))];
    if !single.is_empty() {
        let mut line = t(format!(
            "{} ",
            tr.say(
                "trends-single",
                &[
                    ("n", Arg::N(single.len())),
                    ("date", tr.date(s.as_of).into()),
                ],
            )
        ));
        line.extend(joined(
            single
                .iter()
                .map(|(name, on)| {
                    vec![
                        Span::log(name),
                        Span::text(format!(" ({})", tr.month_year(*on))),
                    ]
                })
                .collect(),
            "; ",
        ));
        line.push(Span::text(tr.say("full-stop", &[])));
        blocks.push(note(line));
    }
    if drawn {
        let mut caption = tr.label("figure-trends", &[]);
        if s.changes.since.is_some() {
            caption.push_str(&tr.say("figure-trends-since", &[]));
        }
        caption.push_str(&tr.say("full-stop", &[]));
        blocks.push(Block::Figure(Figure {
            class: Some("trend-figure"),
            chart: Chart::Trends,
            legend: s.criteria.iter().map(|c| l(&c.label)).collect(),
            caption: w(caption),
            notes: Vec::new(),
            ends_line: true,
        }));
    }
    blocks
}
