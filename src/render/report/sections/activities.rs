//! Activities and meetings.

use super::*;
use crate::render::report::model::{Column, Row, Table};

pub fn build(s: &StageSnapshot, tr: &Tr) -> Section {
    let heading = |h: &str, numeric: bool| {
        let h = t(tr.label(h, &[]));
        if numeric {
            Column::numeric(h)
        } else {
            Column::text(h)
        }
    };
    let mut blocks = vec![Block::Table(Table {
        class: "activity-kinds",
        columns: vec![
            heading("col-activity", false),
            heading("col-in-period", true),
            heading("col-participants", true),
            heading("col-to-date", true),
        ],
        rows: s
            .activities
            .by_kind
            .iter()
            .map(|r| {
                Row::new(vec![
                    t(words::activity_heading(tr, r.kind)),
                    t(tr.count(r.in_period)),
                    if r.participants_in_period > 0 {
                        t(tr.count(r.participants_in_period as usize))
                    } else {
                        dash()
                    },
                    t(tr.count(r.to_date)),
                ])
            })
            .collect(),
    })];
    let items = &s.activities.items;
    if !items.is_empty() {
        blocks.push(html_blocks(vec![Block::Heading(t(
            tr.label("delivered-in-period", &[])
        ))]));
        blocks.push(Block::Table(Table {
            class: "activities",
            columns: vec![
                heading("col-date", false),
                heading("col-activity", false),
                heading("col-kind", false),
                heading("col-partnerships", true),
                heading("col-participants", true),
            ],
            rows: items
                .iter()
                .take(ROWS_AT_MOST)
                .map(|a| {
                    Row::new(vec![
                        vec![Span::Styled("nowrap", t(tr.date(a.delivered_on)))],
                        l(&a.title),
                        t(words::activity(tr, a.kind)),
                        t(tr.count(a.partnerships)),
                        a.participants
                            .map_or_else(dash, |n| t(tr.count(n as usize))),
                    ])
                })
                .collect(),
        }));
        blocks.extend(more_note(tr, ROWS_AT_MOST, items.len()));
    }
    if s.meetings.is_empty() {
        blocks.push(nothing(tr.say("meetings-none", &[])));
    } else {
        blocks.push(html_blocks(vec![Block::Heading(t(
            tr.label("meetings-in-period", &[])
        ))]));
        blocks.push(Block::Table(Table {
            class: "meetings",
            columns: vec![
                heading("col-date", false),
                heading("col-meeting", false),
                heading("col-kind", false),
                heading("col-partnerships", true),
                heading("col-attendees", true),
            ],
            rows: s
                .meetings
                .iter()
                .take(ROWS_AT_MOST)
                .map(|m| {
                    Row::new(vec![
                        vec![Span::Styled("nowrap", t(tr.date(m.held_on)))],
                        l(&m.title),
                        t(words::meeting(tr, m.kind)),
                        t(tr.count(m.partnerships)),
                        t(tr.count(m.attendees)),
                    ])
                })
                .collect(),
        }));
        blocks.extend(more_note(tr, ROWS_AT_MOST, s.meetings.len()));
    }
    super::section("activities", t(tr.label("section-activities", &[])), blocks)
}
