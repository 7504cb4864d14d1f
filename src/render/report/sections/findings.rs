//! Diverging views, and findings as a SWOT analysis and by theme.

use accord_events::fields::{Swot, Translatable, TranslatedField};
use accord_projections::translations::Target;

use super::*;
use crate::render::report::model::{Column, Row, Table};

pub fn diverging(s: &StageSnapshot, tr: &Tr, names: &Names) -> Section {
    let heading = t(tr.label("section-diverging", &[]));
    if s.diverging.is_empty() {
        return super::section(
            "diverging",
            heading,
            vec![
                md_blocks(vec![para(tr.say("diverging-none-md", &[]))]),
                html_blocks(vec![Block::Para(None, w(tr.say("diverging-none", &[])))]),
            ],
        );
    }
    let intro = tr.say("diverging-intro", &[]);
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
            md_blocks(vec![Block::Para(
                None,
                w(format!("{intro}{}", tr.say("colon", &[]))),
            )]),
            html_blocks(vec![Block::Para(
                None,
                w(format!(
                    "{intro}{} {}",
                    tr.say("colon", &[]),
                    tr.say("diverging-ask-why", &[])
                )),
            )]),
            Block::Table(Table {
                class: "diverging",
                columns: vec![
                    Column::text(t(tr.label("col-partnership", &[]))),
                    Column::text(t(tr.label("col-criterion", &[]))),
                    Column::numeric(t(tr.label("side-government", &[]))),
                    Column::numeric(t(tr.label("side-development-partners", &[]))),
                    Column::numeric(t(tr.label("col-gap", &[]))),
                ],
                rows,
            }),
        ],
    )
}

pub fn build(s: &StageSnapshot, tr: &Tr, names: &Names) -> Section {
    let f = &s.findings;
    let heading = t(tr.label("section-findings", &[]));
    if f.total == 0 {
        return super::section(
            "findings",
            heading,
            vec![nothing(
                tr.say("findings-none", &[("date", tr.date(s.as_of).into())]),
            )],
        );
    }
    let mut blocks = vec![para(wording::findings_intro(tr, s))];
    if !f.items.is_empty() {
        let mut markdown = Vec::new();
        let mut quads = Vec::new();
        for q in Swot::ALL {
            let items: Vec<_> = f.items.iter().filter(|x| x.swot == *q).collect();
            let heading = Block::Heading(vec![
                Span::text(format!("{} ", words::swot_heading(tr, *q))),
                Span::Styled("muted", t(format!("({})", tr.count(items.len())))),
            ]);
            let mut quad = vec![heading.clone()];
            markdown.push(heading);
            if items.is_empty() {
                markdown.push(para(tr.say("none-recorded", &[])));
                quad.push(nothing(tr.say("none-recorded", &[])));
            } else {
                let shown = &items[items.len().saturating_sub(LIST_AT_MOST)..];
                let mut md_items = Vec::new();
                let mut html_items = Vec::new();
                for x in shown {
                    let about = x
                        .partnership_name
                        .as_deref()
                        .map_or_else(|| t(tr.label("programme", &[])), |n| l(names.short(n)));
                    let theme = words::theme(tr, x.theme);
                    let on = tr.date(x.recorded_on);
                    let text = translations::content(
                        s,
                        tr,
                        &Target::of(Translatable::Finding, &x.finding, TranslatedField::Text),
                        &x.text,
                    );
                    let mut item = text.clone();
                    item.push(Span::text(" — "));
                    item.extend(about.clone());
                    item.push(Span::text(format!("; {theme}")));
                    if let Some(side) = x.side {
                        item.push(Span::text(format!(", {}", words::side(tr, side))));
                    }
                    item.push(Span::text(format!(", {on}")));
                    md_items.push(item);
                    let mut tag = about;
                    tag.push(Span::text(format!(" · {theme}")));
                    if let Some(side) = x.side {
                        tag.push(Span::text(format!(" · {}", words::side(tr, side))));
                    }
                    tag.push(Span::text(format!(" · {on}")));
                    let mut html_item = text;
                    html_item.extend([Span::Break, Span::Styled("tag", tag)]);
                    html_items.push(html_item);
                }
                markdown.push(Block::List(None, md_items));
                quad.push(Block::List(None, html_items));
                if shown.len() < items.len() {
                    let more = note(t(tr.say(
                        "findings-most-recent",
                        &[("shown", Arg::N(shown.len())), ("all", Arg::N(items.len()))],
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
        Span::text(tr.label("by-theme", &[])),
        md(t(format!(
            ", {}",
            tr.say("standing-on", &[("date", tr.date(s.as_of).into())])
        ))),
    ]));
    let rows = f
        .by_theme
        .iter()
        .map(|r| {
            Row::new(vec![
                t(words::theme(tr, r.theme)),
                t(tr.count(r.strength)),
                t(tr.count(r.weakness)),
                t(tr.count(r.opportunity)),
                t(tr.count(r.threat)),
                t(tr.count(r.total)),
                t(tr.count(r.new)),
            ])
        })
        .collect();
    let mut columns = vec![Column::text(t(tr.label("col-theme", &[])))];
    columns.extend(
        [
            "swot-strengths",
            "swot-weaknesses",
            "swot-opportunities",
            "swot-threats",
            "col-all",
            "col-new",
        ]
        .into_iter()
        .map(|h| Column::numeric(t(tr.label(h, &[])))),
    );
    blocks.push(Block::Table(Table {
        class: "themes",
        columns,
        rows,
    }));
    blocks.push(html_blocks(vec![note(t(tr.say(
        "findings-by-theme-note",
        &[("date", tr.date(s.as_of).into())],
    )))]));
    super::section("findings", heading, blocks)
}
