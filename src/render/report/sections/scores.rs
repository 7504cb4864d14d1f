//! Review scores: the heat map (HTML) or table (Markdown) of each
//! partnership's latest review, and the score trends.

use std::fmt::Write;

use super::*;
use crate::render::report::charts;
use crate::render::report::model::{Chart, Column, Figure, Row, Table};

pub fn build(s: &StageSnapshot, names: &Names) -> Section {
    let reviewed: Vec<_> = s
        .partnerships
        .iter()
        .filter(|p| p.summary.latest_review.is_some())
        .collect();
    let none = nothing(format!(
        "No partnership had a review with responses by {}.",
        date(s.as_of)
    ));
    let unreviewed: Vec<Spans> = s
        .partnerships
        .iter()
        .filter(|p| p.summary.latest_review.is_none())
        .map(|p| l(names.short(&p.summary.name)))
        .collect();
    let unreviewed = (!unreviewed.is_empty()).then(|| {
        let mut line = t(format!("Not yet reviewed ({}): ", count(unreviewed.len())));
        line.extend(joined(unreviewed, "; "));
        line.push(Span::text("."));
        note(line)
    });
    let mut keys = vec![Span::words(
        "The criteria are the review framework's; in the JSON report (",
    )];
    keys.push(Span::Code("--format json".into()));
    keys.push(Span::text(") they are keyed "));
    keys.extend(and_spans(
        s.criteria
            .iter()
            .map(|c| vec![Span::Code(c.criterion.clone())])
            .collect(),
    ));
    keys.push(Span::text("."));
    let keys = note(keys);
    let compared = s.partnerships.iter().any(|p| p.previous_scores.is_some());

    let markdown = if reviewed.is_empty() {
        vec![none.clone()]
    } else {
        let scale = s
            .criteria
            .first()
            .map(|c| format!(" on a scale of {} to {}", c.scale_min, c.scale_max))
            .unwrap_or_default();
        let changed = if compared {
            format!(", with the change {} in brackets", since(s))
        } else {
            String::new()
        };
        let mut blocks = vec![Block::Para(
            None,
            w(format!(
                "Mean score of each partnership's latest review{scale}{changed}. Marked † where government and development partners differ by at least half the scale."
            )),
        )];
        blocks.push(Block::Table(score_table(s, names, &reviewed)));
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
        let mut caption = w(format!(
            "Figure 2. Mean score{scale} of each partnership's latest review"
        ));
        if compared {
            caption.push(Span::words(", with the change "));
            caption.push(Span::text(since(s)));
        }
        caption.push(Span::words(
            ". A dashed outline marks a criterion on which the government and development-partner means differ by at least half the scale.",
        ));
        // The chart, its caption and its notes print together.
        let mut blocks = vec![Block::Figure(Figure {
            class: None,
            chart: Chart::HeatMap,
            legend: Vec::new(),
            caption,
            notes: unreviewed.into_iter().chain([keys]).collect(),
            ends_line: true,
        })];
        blocks.extend(trends(s));
        blocks
    };
    super::section(
        "scores",
        t("Review scores"),
        vec![md_blocks(markdown), html_blocks(page)],
    )
}

/// Each reviewed partnership's latest means, with their change and
/// divergence (Markdown).
fn score_table(
    s: &StageSnapshot,
    names: &Names,
    reviewed: &[&accord_projections::snapshot::PartnershipSnapshot],
) -> Table {
    let mut columns = vec![
        Column::text(t("Partnership")),
        Column::text(t("Latest review")),
    ];
    columns.extend(s.criteria.iter().map(|c| Column::numeric(l(&c.label))));
    let mut rows = Vec::new();
    for p in reviewed {
        let mut row = vec![
            l(names.short(&p.summary.name)),
            t(if not_reviewed_since(p) {
                format!("{} (no new review)", opt_date(p.latest_review_on))
            } else {
                opt_date(p.latest_review_on)
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
fn trends(s: &StageSnapshot) -> Vec<Block> {
    let drawn = charts::trends::drawn(s);
    let single = charts::trends::single_reviews(s);
    if !drawn && single.is_empty() {
        return Vec::new();
    }
    let mut blocks = vec![Block::Heading(t("Score trends"))];
    if !single.is_empty() {
        let mut line = t(format!(
            "A trend needs two reviews with responses; {} had one by {}, so {} no chart: ",
            plural(single.len(), "partnership", "partnerships"),
            date(s.as_of),
            if single.len() == 1 {
                "it has"
            } else {
                "they have"
            },
        ));
        line.extend(joined(
            single
                .iter()
                .map(|(name, on)| {
                    vec![
                        Span::log(name),
                        Span::text(format!(" ({})", on.format("%b %Y"))),
                    ]
                })
                .collect(),
            "; ",
        ));
        line.push(Span::text("."));
        blocks.push(note(line));
    }
    if drawn {
        blocks.push(Block::Figure(Figure {
            class: Some("trend-figure"),
            chart: Chart::Trends,
            legend: s.criteria.iter().map(|c| l(&c.label)).collect(),
            caption: w(format!(
                "Figure 3. Each criterion's mean, review by review, on a common time axis; lines a little apart where they would coincide{}.",
                if s.changes.since.is_some() {
                    "; the dotted red line marks the end of the previous stage"
                } else {
                    ""
                }
            )),
            notes: Vec::new(),
            ends_line: true,
        }));
    }
    blocks
}
