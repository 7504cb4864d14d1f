//! The stage: planned, intended and achieved.

use super::*;
use crate::render::report::model::{Chart, Column, Figure, Row, Table};

pub fn build(s: &StageSnapshot, tr: &Tr) -> Section {
    let st = &s.stage_detail;
    let mut markdown = Vec::new();
    if st.intended_achievements.is_empty() {
        markdown.push(para(tr.say("stage-no-intended", &[])));
    } else {
        markdown.push(para(tr.label("stage-intended-colon", &[])));
        markdown.push(Block::List(
            None,
            st.intended_achievements.iter().map(l).collect(),
        ));
    }
    let not_completed = tr.say("stage-not-completed", &[("date", tr.date(s.as_of).into())]);
    match &st.summary {
        Some(sum) => {
            markdown.push(para(tr.label("stage-summary-colon", &[])));
            markdown.push(Block::Quote(summary(s, tr, sum), None));
        }
        None => markdown.push(para(not_completed.clone())),
    }
    markdown.push(Block::Table(stages_table(s, tr)));

    let mut intended = vec![Block::Heading(t(tr.label("stage-intended", &[])))];
    if st.intended_achievements.is_empty() {
        intended.push(nothing(tr.say("stage-none-intended", &[])));
    } else {
        intended.push(Block::List(
            Some("achievements"),
            st.intended_achievements.iter().map(l).collect(),
        ));
    }
    let mut achieved = vec![Block::Heading(t(tr.label("stage-achieved", &[])))];
    match &st.summary {
        Some(sum) => achieved.push(Block::Quote(
            summary(s, tr, sum),
            Some(t(tr.say(
                "stage-recorded-on-completion",
                &[("date", wording::opt_date(tr, st.completed_on).into())],
            ))),
        )),
        None => achieved.push(nothing(not_completed)),
    }
    let lights = wording::highlights(tr, s);
    if !lights.is_empty() {
        achieved.push(Block::Heading(t(tr.label("stage-in-period", &[]))));
        achieved.push(Block::List(
            Some("achieved"),
            lights.into_iter().map(t).collect(),
        ));
    }
    let page = vec![
        Block::Figure(Figure {
            class: None,
            chart: Chart::Timeline,
            legend: Vec::new(),
            caption: w(tr.label("figure-timeline", &[])),
            notes: Vec::new(),
            ends_line: false,
        }),
        Block::Columns("two", vec![intended, achieved]),
    ];
    super::section(
        "stage",
        vec![
            md(t(tr.label("section-stage-md", &[]))),
            html(t(tr.label("section-stage", &[]))),
        ],
        vec![md_blocks(markdown), html_blocks(page)],
    )
}

/// Every stage of the programme, the snapshot's own in bold (Markdown).
fn stages_table(s: &StageSnapshot, tr: &Tr) -> Table {
    let mut rows = Vec::new();
    for st in &s.stages {
        let actual = match (st.started_on, st.completed_on) {
            (Some(a), Some(b)) => wording::range(tr, a, b),
            (Some(a), None) => tr.say("from-date", &[("date", tr.date(a).into())]),
            (None, _) => "—".to_owned(),
        };
        let mut name = vec![Span::text(format!(
            "{}. ",
            tr.digits(&st.stage.to_string())
        ))];
        name.extend(super::stage_name(s, tr, st));
        rows.push(Row::new(vec![
            if st.stage == s.stage {
                vec![Span::Strong(name)]
            } else {
                name
            },
            t(wording::range(tr, st.starts_on, st.ends_on)),
            t(actual),
            t(words::progress(tr, st.status)),
        ]));
    }
    Table {
        class: "stages",
        columns: ["col-stage", "col-planned", "col-actual", "col-status"]
            .into_iter()
            .map(|h| Column::text(t(tr.label(h, &[]))))
            .collect(),
        rows,
    }
}

/// The stage's summary, in the report's languages.
fn summary(s: &StageSnapshot, tr: &Tr, sum: &str) -> Spans {
    let id = s.stage.to_string();
    let target = Target::of(Translatable::Stage, &id, TranslatedField::Summary);
    super::translations::content(s, tr, &target, sum)
}
