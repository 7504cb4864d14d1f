//! Activities and meetings.

use super::*;
use crate::render::report::model::{Column, Row, Table};

pub fn build(s: &StageSnapshot) -> Section {
    let heading = |h: &str, numeric: bool| {
        if numeric {
            Column::numeric(t(h))
        } else {
            Column::text(t(h))
        }
    };
    let mut blocks = vec![Block::Table(Table {
        class: "activity-kinds",
        columns: vec![
            heading("Activity", false),
            heading("In the period", true),
            heading("Participants", true),
            heading("To date", true),
        ],
        rows: s
            .activities
            .by_kind
            .iter()
            .map(|r| {
                Row::new(vec![
                    t(activity_heading(r.kind)),
                    t(count(r.in_period)),
                    if r.participants_in_period > 0 {
                        t(count(r.participants_in_period as usize))
                    } else {
                        dash()
                    },
                    t(count(r.to_date)),
                ])
            })
            .collect(),
    })];
    let items = &s.activities.items;
    if !items.is_empty() {
        blocks.push(html_blocks(vec![Block::Heading(t(
            "Delivered in the period",
        ))]));
        blocks.push(Block::Table(Table {
            class: "activities",
            columns: vec![
                heading("Date", false),
                heading("Activity", false),
                heading("Kind", false),
                heading("Partnerships", true),
                heading("Participants", true),
            ],
            rows: items
                .iter()
                .take(ROWS_AT_MOST)
                .map(|a| {
                    Row::new(vec![
                        vec![Span::Styled("nowrap", t(date(a.delivered_on)))],
                        l(&a.title),
                        t(activity_label(a.kind)),
                        t(count(a.partnerships)),
                        a.participants.map_or_else(dash, |n| t(count(n as usize))),
                    ])
                })
                .collect(),
        }));
        blocks.extend(more_note(ROWS_AT_MOST, items.len()));
    }
    if s.meetings.is_empty() {
        blocks.push(nothing("No meetings were recorded in the period."));
    } else {
        blocks.push(html_blocks(vec![Block::Heading(t(
            "Meetings held in the period",
        ))]));
        blocks.push(Block::Table(Table {
            class: "meetings",
            columns: vec![
                heading("Date", false),
                heading("Meeting", false),
                heading("Kind", false),
                heading("Partnerships", true),
                heading("Attendees", true),
            ],
            rows: s
                .meetings
                .iter()
                .take(ROWS_AT_MOST)
                .map(|m| {
                    Row::new(vec![
                        vec![Span::Styled("nowrap", t(date(m.held_on)))],
                        l(&m.title),
                        t(meeting_label(m.kind)),
                        t(count(m.partnerships)),
                        t(count(m.attendees)),
                    ])
                })
                .collect(),
        }));
        blocks.extend(more_note(ROWS_AT_MOST, s.meetings.len()));
    }
    super::section("activities", t("Activities and meetings"), blocks)
}
