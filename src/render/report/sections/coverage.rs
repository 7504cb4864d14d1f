//! Coverage: which partnerships each channel of engagement reached, by side.

use accord_events::fields::Side;

use super::*;
use crate::render::report::model::{Column, Row, Table};

/// The sides that took part, facilitators left out.
fn sides_in(s: &StageSnapshot) -> Vec<Side> {
    let mut sides: Vec<Side> = s
        .coverage
        .channels
        .iter()
        .flat_map(|c| c.partnerships_by_side.keys().chain(c.people_by_side.keys()))
        .copied()
        .filter(|s| *s != Side::Facilitator)
        .collect();
    sides.sort();
    sides.dedup();
    sides
}

/// A channel of engagement as people read it.
pub fn channel_label(c: &str) -> &'static str {
    match c {
        "interviews" => "Interviews and focus groups",
        "meetings" => "Meetings",
        "reviews" => "Reviews (responses)",
        "activities" => "Activities",
        _ => "Other",
    }
}

pub fn build(s: &StageSnapshot, names: &Names) -> Section {
    let cov = &s.coverage;
    let engaged = format!("{} of {}", count(cov.engaged), count(cov.partnerships));
    let mut blocks = vec![
        md_blocks(vec![para(format!(
            "{engaged} partnerships were engaged in the reporting period ({}). Partnerships reached, and in brackets the people who took part, by side:",
            period(s)
        ))]),
        html_blocks(vec![Block::Para(
            None,
            vec![
                Span::Strong(t(engaged)),
                Span::text(format!(
                    " partnerships were engaged in the reporting period ({}). The table counts the partnerships each channel reached and, for each side, the partnerships where that side took part, with the number of people in brackets.",
                    period(s)
                )),
            ],
        )]),
    ];
    let sides = sides_in(s);
    let mut columns = vec![
        Column::text(t("Channel")),
        Column::numeric(t("Held")),
        Column::numeric(t("Partnerships reached")),
    ];
    columns.extend(sides.iter().map(|x| Column::numeric(t(side_heading(*x)))));
    let mut rows = Vec::new();
    for c in &cov.channels {
        let mut held = t(count(c.held));
        if c.programme_wide > 0 {
            let wide = format!("{} programme-wide", count(c.programme_wide));
            held.push(md(t(format!(" ({wide})"))));
            held.push(html(vec![Span::Break, Span::Styled("muted", t(wide))]));
        }
        let mut row = vec![t(channel_label(c.channel)), held, t(count(c.partnerships))];
        for side in &sides {
            let p = c.partnerships_by_side.get(side).copied().unwrap_or(0);
            row.push(match c.people_by_side.get(side) {
                Some(people) => vec![
                    Span::text(format!("{} ", count(p))),
                    Span::Styled("muted", t(format!("({})", count(*people)))),
                ],
                None if p == 0 => dash(),
                None => t(count(p)),
            });
        }
        rows.push(Row::new(row));
    }
    blocks.push(Block::Table(Table {
        class: "coverage",
        columns,
        rows,
    }));
    if !cov.not_engaged.is_empty() {
        let mut line = t("Not engaged in the period: ");
        line.extend(joined(
            cov.not_engaged
                .iter()
                .map(|p| l(names.of_id(s, p)))
                .collect(),
            "; ",
        ));
        line.push(Span::text("."));
        blocks.push(note(line));
    }
    super::section("coverage", t("Coverage"), blocks)
}
