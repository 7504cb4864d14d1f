//! Diverging views, and findings as a SWOT analysis and by theme.

use accord_events::fields::Swot;

use super::*;
use crate::render::report::model::{Column, Row, Table};

pub fn diverging(s: &StageSnapshot, names: &Names) -> Section {
    let heading = t("Diverging views");
    if s.diverging.is_empty() {
        return super::section(
            "diverging",
            heading,
            vec![
                md_blocks(vec![para(
                    "In no latest review did government and development partners differ by half the scale or more.",
                )]),
                html_blocks(vec![Block::Para(
                    None,
                    w(
                        "In no partnership's latest review did government and development partners differ by half the scale or more.",
                    ),
                )]),
            ],
        );
    }
    let intro = "Criteria on which the government and development-partner means of a partnership's latest review differ by at least half the scale";
    let mut rows = Vec::new();
    for d in &s.diverging {
        for (i, c) in d.criteria.iter().enumerate() {
            let value = |v: Option<f64>| v.map_or_else(dash, |v| t(mean(v)));
            let gap = match (c.government, c.development_partner) {
                (Some(a), Some(b)) => t(mean((a - b).abs())),
                _ => dash(),
            };
            let name = l(names.short(&d.name));
            rows.push(Row::new(vec![
                if i == 0 {
                    vec![md(name.clone()), html(vec![Span::Strong(name)])]
                } else {
                    vec![md(name)]
                },
                l(criterion_label(s, &c.criterion)),
                value(c.government),
                value(c.development_partner),
                vec![Span::Styled("overdue", gap)],
            ]));
        }
    }
    super::section(
        "diverging",
        heading,
        vec![
            md_blocks(vec![Block::Para(None, w(format!("{intro}:")))]),
            html_blocks(vec![Block::Para(
                None,
                w(format!(
                    "{intro}: the sides see the partnership differently, and the steering committee may wish to ask why."
                )),
            )]),
            Block::Table(Table {
                class: "diverging",
                columns: vec![
                    Column::text(t("Partnership")),
                    Column::text(t("Criterion")),
                    Column::numeric(t("Government")),
                    Column::numeric(t("Development partners")),
                    Column::numeric(t("Gap")),
                ],
                rows,
            }),
        ],
    )
}

pub fn build(s: &StageSnapshot, names: &Names) -> Section {
    let f = &s.findings;
    if f.total == 0 {
        return super::section(
            "findings",
            t("Findings"),
            vec![nothing(format!(
                "No findings had been recorded by {}.",
                date(s.as_of)
            ))],
        );
    }
    let mut blocks = vec![para(findings_intro(s))];
    if !f.items.is_empty() {
        let mut markdown = Vec::new();
        let mut quads = Vec::new();
        for q in Swot::ALL {
            let items: Vec<_> = f.items.iter().filter(|x| x.swot == *q).collect();
            let heading = Block::Heading(vec![
                Span::text(format!("{} ", swot_heading(*q))),
                Span::Styled("muted", t(format!("({})", count(items.len())))),
            ]);
            let mut quad = vec![heading.clone()];
            markdown.push(heading);
            if items.is_empty() {
                markdown.push(para("None recorded."));
                quad.push(nothing("None recorded."));
            } else {
                let shown = &items[items.len().saturating_sub(LIST_AT_MOST)..];
                let mut md_items = Vec::new();
                let mut html_items = Vec::new();
                for x in shown {
                    let about = x
                        .partnership_name
                        .as_deref()
                        .map_or_else(|| t("Programme"), |n| l(names.short(n)));
                    let mut item = l(&x.text);
                    item.push(Span::text(" — "));
                    item.extend(about.clone());
                    item.push(Span::text(format!("; {}", theme_label(x.theme))));
                    if let Some(side) = x.side {
                        item.push(Span::text(format!(", {}", side.label())));
                    }
                    item.push(Span::text(format!(", {}", date(x.recorded_on))));
                    md_items.push(item);
                    let mut tag = about;
                    tag.push(Span::text(format!(" · {}", theme_label(x.theme))));
                    if let Some(side) = x.side {
                        tag.push(Span::text(format!(" · {}", side.label())));
                    }
                    tag.push(Span::text(format!(" · {}", date(x.recorded_on))));
                    html_items.push(vec![
                        Span::log(&x.text),
                        Span::Break,
                        Span::Styled("tag", tag),
                    ]);
                }
                markdown.push(Block::List(None, md_items));
                quad.push(Block::List(None, html_items));
                if shown.len() < items.len() {
                    let more = note(t(format!(
                        "The {} most recent of {}; all are in the JSON report.",
                        count(shown.len()),
                        count(items.len())
                    )));
                    markdown.push(more.clone());
                    quad.push(more);
                }
            }
            quads.push(Block::Group {
                class: format!("quad {}", q.as_str()),
                blocks: quad,
                ends_line: false,
            });
        }
        blocks.push(md_blocks(markdown));
        blocks.push(html_blocks(vec![Block::Group {
            class: "swot".into(),
            blocks: quads,
            ends_line: true,
        }]));
    }
    blocks.push(Block::Heading(vec![
        Span::text("By theme"),
        md(t(format!(", standing on {}", date(s.as_of)))),
    ]));
    let rows = f
        .by_theme
        .iter()
        .map(|r| {
            Row::new(vec![
                t(theme_label(r.theme)),
                t(count(r.strength)),
                t(count(r.weakness)),
                t(count(r.opportunity)),
                t(count(r.threat)),
                t(count(r.total)),
                t(count(r.new)),
            ])
        })
        .collect();
    let mut columns = vec![Column::text(t("Theme"))];
    columns.extend(
        [
            "Strengths",
            "Weaknesses",
            "Opportunities",
            "Threats",
            "All",
            "Of which new",
        ]
        .into_iter()
        .map(|h| Column::numeric(t(h))),
    );
    blocks.push(Block::Table(Table {
        class: "themes",
        columns,
        rows,
    }));
    blocks.push(html_blocks(vec![note(t(format!(
        "Findings standing on {}, by theme and SWOT quadrant; “of which new” were recorded in the reporting period.",
        date(s.as_of)
    )))]));
    super::section("findings", t("Findings"), blocks)
}
