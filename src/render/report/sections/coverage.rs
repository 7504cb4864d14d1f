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

pub fn build(s: &StageSnapshot, tr: &Tr, names: &Names) -> Section {
    let cov = &s.coverage;
    let engaged = tr.say(
        "coverage-engaged",
        &[
            ("engaged", Arg::N(cov.engaged)),
            ("all", Arg::N(cov.partnerships)),
        ],
    );
    let period = wording::period(tr, s);
    let mut blocks = vec![
        md_blocks(vec![para(format!(
            "{engaged} {}",
            tr.say("coverage-intro-md", &[("period", period.clone().into())])
        ))]),
        html_blocks(vec![Block::Para(
            None,
            vec![
                Span::Strong(t(engaged)),
                Span::text(format!(
                    " {}",
                    tr.say("coverage-intro", &[("period", period.into())])
                )),
            ],
        )]),
    ];
    let sides = sides_in(s);
    let mut columns = vec![
        Column::text(t(tr.label("col-channel", &[]))),
        Column::numeric(t(tr.label("col-held", &[]))),
        Column::numeric(t(tr.label("col-reached", &[]))),
    ];
    columns.extend(
        sides
            .iter()
            .map(|x| Column::numeric(t(words::side_heading(tr, *x)))),
    );
    let mut rows = Vec::new();
    for c in &cov.channels {
        let mut held = t(tr.count(c.held));
        if c.programme_wide > 0 {
            let wide = tr.say("programme-wide", &[("n", Arg::N(c.programme_wide))]);
            held.push(md(t(format!(" ({wide})"))));
            held.push(html(vec![Span::Break, Span::Styled("muted", t(wide))]));
        }
        let mut row = vec![
            t(words::channel(tr, c.channel)),
            held,
            t(tr.count(c.partnerships)),
        ];
        for side in &sides {
            let p = c.partnerships_by_side.get(side).copied().unwrap_or(0);
            row.push(match c.people_by_side.get(side) {
                Some(people) => vec![
                    Span::text(format!("{} ", tr.count(p))),
                    Span::Styled("muted", t(format!("({})", tr.count(*people)))),
                ],
                None if p == 0 => dash(),
                None => t(tr.count(p)),
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
        let mut line = t(format!("{} ", tr.say("not-engaged", &[])));
        line.extend(joined(
            cov.not_engaged
                .iter()
                .map(|p| l(names.of_id(s, p)))
                .collect(),
            "; ",
        ));
        line.push(Span::text(tr.say("full-stop", &[])));
        blocks.push(note(line));
    }
    super::section("coverage", t(tr.label("section-coverage", &[])), blocks)
}
