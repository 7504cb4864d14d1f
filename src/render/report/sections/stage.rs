//! The stage: planned, intended and achieved.

use super::*;
use crate::render::report::model::{Chart, Column, Figure, Row, Table};

pub fn build(s: &StageSnapshot) -> Section {
    let st = &s.stage_detail;
    let mut markdown = Vec::new();
    if st.intended_achievements.is_empty() {
        markdown.push(para(
            "No intended achievements were recorded for this stage.",
        ));
    } else {
        markdown.push(para("Intended achievements:"));
        markdown.push(Block::List(
            None,
            st.intended_achievements.iter().map(l).collect(),
        ));
    }
    let not_completed = format!("The stage had not been completed by {}.", date(s.as_of));
    match &st.summary {
        Some(sum) => {
            markdown.push(para("Completion summary:"));
            markdown.push(Block::Quote(l(sum), None));
        }
        None => markdown.push(para(not_completed.clone())),
    }
    markdown.push(Block::Table(stages_table(s)));

    let mut intended = vec![Block::Heading(t("Intended achievements"))];
    if st.intended_achievements.is_empty() {
        intended.push(nothing("None were recorded for this stage."));
    } else {
        intended.push(Block::List(
            Some("achievements"),
            st.intended_achievements.iter().map(l).collect(),
        ));
    }
    let mut achieved = vec![Block::Heading(t("Achieved"))];
    match &st.summary {
        Some(sum) => achieved.push(Block::Quote(
            l(sum),
            Some(t(format!(
                "Recorded on completion, {}",
                opt_date(st.completed_on)
            ))),
        )),
        None => achieved.push(nothing(not_completed)),
    }
    let lights = highlights(s);
    if !lights.is_empty() {
        achieved.push(Block::Heading(t("In the reporting period")));
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
            caption: w(
                "Figure 1. The programme's stages as planned and as carried out; the dashed line marks the date of this snapshot.",
            ),
            notes: Vec::new(),
            ends_line: false,
        }),
        Block::Columns("two", vec![intended, achieved]),
    ];
    super::section(
        "stage",
        vec![
            Span::text("The stage: "),
            html(t("planned, ")),
            Span::text("intended and achieved"),
        ],
        vec![md_blocks(markdown), html_blocks(page)],
    )
}

/// Every stage of the programme, the snapshot's own in bold (Markdown).
fn stages_table(s: &StageSnapshot) -> Table {
    let mut rows = Vec::new();
    for st in &s.stages {
        let actual = match (st.started_on, st.completed_on) {
            (Some(a), Some(b)) => format!("{} – {}", date(a), date(b)),
            (Some(a), None) => format!("from {}", date(a)),
            (None, _) => "—".to_owned(),
        };
        let name = vec![Span::text(format!("{}. ", st.stage)), Span::log(&st.name)];
        rows.push(Row::new(vec![
            if st.stage == s.stage {
                vec![Span::Strong(name)]
            } else {
                name
            },
            t(format!("{} – {}", date(st.starts_on), date(st.ends_on))),
            t(actual),
            t(progress(st.status)),
        ]));
    }
    Table {
        class: "stages",
        columns: ["Stage", "Planned", "Actual", "Status"]
            .into_iter()
            .map(|h| Column::text(t(h)))
            .collect(),
        rows,
    }
}
