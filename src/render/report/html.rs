//! The stage snapshot as one self-contained HTML page: no scripts, no
//! network, fonts from the reader's system, charts as inline SVG, laid out
//! for A4 when printed. Lays out the [report model](super::model) built by
//! [`super::sections`]; every text from the log is escaped.

use std::fmt::Write;

use accord_projections::snapshot::StageSnapshot;

use super::charts;
use super::esc_html as e;
use super::langtag::tagged;
use super::model::{Block, Card, Chart, Figure, Format, Report, Span, Table};
use super::sections;
use crate::render::i18n::{Lang, Tr};

/// The report's style sheet (also the front page's).
pub const CSS: &str = include_str!("report.css");

/// Khmer-capable system fonts, named after the Latin ones so that each
/// glyph comes from the first font that has it (docs/languages.md).
pub const KHMER_CSS: &str = r#"body, h1, h2, h3, .figure .value, svg.chart { font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", "Noto Sans Khmer", "Khmer OS", "Khmer OS System", sans-serif; }
:lang(km) { line-height: 1.6; }
"#;

/// The start of a page, up to and including `<body>`: the language tag,
/// the document title (plain text) and, after the style sheet, any further
/// CSS.
pub fn head(lang: &str, title: &str, extra_css: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="accord">
<title>{title}</title>
<style>
{CSS}
{extra_css}</style>
</head>
<body>
"#,
        title = e(title),
    )
}

/// The snapshot as HTML, in the languages of `tr`.
pub fn render(s: &StageSnapshot, tr: &Tr) -> String {
    layout(&sections::build(s, tr), s, tr)
}

/// A report as HTML; the charts are drawn from the snapshot, in the
/// languages of `tr`.
pub fn layout(r: &Report, s: &StageSnapshot, tr: &Tr) -> String {
    let m = &r.masthead;
    let page = r.lang;
    let mut o = String::with_capacity(64 * 1024);
    let mut css = format!(
        "@page {{ @bottom-left {{ content: \"{} \\2014  {}\"; }} }}\n",
        m.page_footer.0, m.page_footer.1
    );
    if r.khmer {
        css.push_str(KHMER_CSS);
    }
    o.push_str(&head(r.lang.tag(), &m.document_title, &css));
    o.push_str("<main class=\"page\">\n");
    o.push_str(r#"<header class="masthead">"#);
    let _ = write!(
        o,
        r#"<div class="eyebrow">{}</div>"#,
        spans(&m.eyebrow, page)
    );
    let _ = write!(o, "<h1>{}</h1>", spans(&m.heading, page));
    if let Some(p) = &m.programme {
        let _ = write!(o, r#"<p class="programme">{}</p>"#, spans(p, page));
    }
    if let Some((label, text)) = &m.objective {
        let _ = write!(
            o,
            r#"<p class="objective"><span>{}</span> {}</p>"#,
            spans(label, page),
            spans(text, page)
        );
    }
    o.push_str(r#"<dl class="meta">"#);
    for f in m.facts.iter().filter(|f| shown(f.only)) {
        let _ = write!(
            o,
            "<dt>{}</dt><dd>{}</dd>",
            words(&f.label, page),
            spans(&f.value, page)
        );
    }
    o.push_str("</dl></header>\n");
    let mut n = 0;
    for section in r.sections.iter().filter(|x| shown(x.only)) {
        let mut body = String::new();
        blocks(&mut body, &section.blocks, s, tr);
        if section.lead {
            o.push_str(&body);
            continue;
        }
        n += 1;
        let _ = write!(o, r#"<section id="{}">"#, section.id);
        o.push_str(&keep_with_heading(
            &format!(
                r#"<h2><span class="num">{n}</span>{}</h2>"#,
                spans(&section.heading, page)
            ),
            &body,
        ));
        o.push_str("</section>\n");
    }
    let _ = writeln!(
        o,
        r#"<footer class="provenance"><p>{}</p></footer>"#,
        spans(&r.footer, page)
    );
    o.push_str("</main>\n</body>\n</html>\n");
    o
}

fn shown(only: Option<Format>) -> bool {
    only.is_none_or(|f| f == Format::Html)
}

/// A heading and the section it opens. When the section opens with a
/// figure, the two are wrapped in one block that is not split across
/// pages: browsers honour `break-after: avoid` on a heading only when they
/// can, and a chart that does not fit below a heading would otherwise
/// leave the heading alone at a page foot.
fn keep_with_heading(heading: &str, body: &str) -> String {
    if body.starts_with("<figure")
        && let Some(end) = body.find("</figure>")
    {
        let end = end + "</figure>".len();
        return format!(
            r#"<div class="keep">{heading}{}</div>{}"#,
            &body[..end],
            &body[end..]
        );
    }
    format!("{heading}{body}")
}

/// Fixed words (no markup in them) with their languages said; anything
/// that looks like markup is written as it is.
fn words(t: &str, page: Lang) -> String {
    if t.contains(['&', '<']) {
        t.to_owned()
    } else {
        tagged(t, page, "span", str::to_owned)
    }
}

/// Inline content as HTML, on a page in `page`'s language: a run of text in
/// another language (or each half of a bilingual label) says its language
/// ([`langtag`]).
pub fn spans(p: &[Span], page: Lang) -> String {
    let mut o = String::new();
    for x in p {
        match x {
            Span::Text(t) | Span::Log(t) => o.push_str(&tagged(t, page, "span", e)),
            Span::Words(t) => o.push_str(&words(t, page)),
            Span::Translated(lang, t) => {
                let _ = write!(
                    o,
                    r#"<span lang="{}" class="translation">{}</span><sup class="tr-mark">{}</sup>"#,
                    e(lang),
                    e(t),
                    crate::render::translated::MARK
                );
            }
            Span::Id(t) => {
                let _ = write!(o, r#"<span class="id">{}</span>"#, e(t));
            }
            Span::IdAfter(t) => {
                let _ = write!(o, r#" <span class="id">{}</span>"#, e(t));
            }
            Span::Code(t) => {
                let _ = write!(o, "<code>{}</code>", e(t));
            }
            Span::Hash(t) => {
                let _ = write!(o, r#"<span class="hash">{}</span>"#, e(t));
            }
            Span::Strong(inner) => {
                let _ = write!(o, "<strong>{}</strong>", spans(inner, page));
            }
            Span::Styled(class, inner) => {
                let _ = write!(o, r#"<span class="{class}">{}</span>"#, spans(inner, page));
            }
            Span::Small(inner) => {
                let _ = write!(o, "<small>{}</small>", spans(inner, page));
            }
            Span::Div(class, inner) => {
                let _ = write!(o, r#"<div class="{class}">{}</div>"#, spans(inner, page));
            }
            Span::Bold(inner) => {
                let _ = write!(o, "<b>{}</b>", spans(inner, page));
            }
            Span::Pill(class, t) => {
                let _ = write!(
                    o,
                    r#"<span class="pill {class}">{}</span>"#,
                    tagged(t, page, "span", e)
                );
            }
            Span::Break => o.push_str("<br>"),
            Span::Only(f, inner) => {
                if *f == Format::Html {
                    o.push_str(&spans(inner, page));
                }
            }
        }
    }
    o
}

fn blocks(o: &mut String, list: &[Block], s: &StageSnapshot, tr: &Tr) {
    let page = tr.lang();
    for b in list {
        match b {
            Block::Para(class, p) => match class {
                Some(c) => {
                    let _ = write!(o, r#"<p class="{c}">{}</p>"#, spans(p, page));
                }
                None => {
                    let _ = write!(o, "<p>{}</p>", spans(p, page));
                }
            },
            Block::Heading(h) => {
                let _ = write!(o, "<h3>{}</h3>", spans(h, page));
            }
            Block::List(class, items) => {
                match class {
                    Some(c) => {
                        let _ = write!(o, r#"<ul class="{c}">"#);
                    }
                    None => o.push_str("<ul>"),
                }
                for i in items {
                    let _ = write!(o, "<li>{}</li>", spans(i, page));
                }
                o.push_str("</ul>");
            }
            Block::Quote(q, cite) => {
                let _ = write!(o, "<blockquote>{}", spans(q, page));
                if let Some(c) = cite {
                    let _ = write!(o, "<cite>{}</cite>", spans(c, page));
                }
                o.push_str("</blockquote>");
            }
            Block::Table(t) => table(o, t, page),
            Block::Figure(f) => figure(o, f, s, tr),
            Block::Cards(c) => cards(o, c, page),
            Block::Columns(class, cols) => {
                let _ = write!(o, r#"<div class="{class}">"#);
                for c in cols {
                    o.push_str("<div>");
                    blocks(o, c, s, tr);
                    o.push_str("</div>");
                }
                o.push_str("</div>\n");
            }
            Block::Group {
                class,
                blocks: inner,
                ends_line,
            } => {
                let _ = write!(o, r#"<div class="{}">"#, e(class));
                blocks(o, inner, s, tr);
                o.push_str("</div>");
                if *ends_line {
                    o.push('\n');
                }
            }
            Block::Only(f, inner) => {
                if *f == Format::Html {
                    blocks(o, inner, s, tr);
                }
            }
        }
    }
}

/// A table: numeric columns (heading and cells) aligned right.
fn table(o: &mut String, t: &Table, page: Lang) {
    let _ = write!(o, r#"<table class="{}"><thead><tr>"#, t.class);
    for c in &t.columns {
        if c.numeric {
            let _ = write!(o, r#"<th class="num">{}</th>"#, spans(&c.heading, page));
        } else {
            let _ = write!(o, "<th>{}</th>", spans(&c.heading, page));
        }
    }
    o.push_str("</tr></thead><tbody>");
    for r in &t.rows {
        match r.class {
            Some(c) => {
                let _ = write!(o, r#"<tr class="{c}">"#);
            }
            None => o.push_str("<tr>"),
        }
        for (c, col) in r.cells.iter().zip(&t.columns) {
            if col.numeric {
                let _ = write!(o, r#"<td class="num">{}</td>"#, spans(c, page));
            } else {
                let _ = write!(o, "<td>{}</td>", spans(c, page));
            }
        }
        o.push_str("</tr>");
    }
    o.push_str("</tbody></table>\n");
}

fn figure(o: &mut String, f: &Figure, s: &StageSnapshot, tr: &Tr) {
    let page = tr.lang();
    match f.class {
        Some(c) => {
            let _ = write!(o, r#"<figure class="{c}">"#);
        }
        None => o.push_str("<figure>"),
    }
    let chart = match f.chart {
        Chart::Timeline => charts::timeline::timeline(s, tr),
        Chart::HeatMap => charts::heat_map::heat_map(s, tr).unwrap_or_default(),
        Chart::Commitments => charts::commitments::commitments(s, tr).unwrap_or_default(),
        Chart::Trends => charts::trends::trends(s, tr)
            .into_iter()
            .map(|(_, svg)| svg)
            .collect(),
    };
    if f.legend.is_empty() {
        o.push_str(&chart);
    } else {
        o.push_str(r#"<ul class="legend">"#);
        for (j, label) in f.legend.iter().enumerate() {
            let _ = write!(
                o,
                "<li>{}{}</li>",
                charts::trends::trend_key(j),
                spans(label, page)
            );
        }
        let _ = write!(o, r#"</ul><div class="trends">{chart}</div>"#);
    }
    let _ = write!(o, "<figcaption>{}</figcaption>", spans(&f.caption, page));
    blocks(o, &f.notes, s, tr);
    o.push_str("</figure>");
    if f.ends_line {
        o.push('\n');
    }
}

/// Key figures as a row of cards.
pub fn cards(o: &mut String, cards: &[Card], page: Lang) {
    o.push_str(r#"<div class="figures">"#);
    for c in cards {
        let _ = write!(
            o,
            r#"<div class="figure {}"><div class="value">{}</div><div class="label">{}</div><div class="note">{}</div></div>"#,
            c.class,
            spans(&c.value, page),
            spans(&c.label, page),
            spans(&c.note, page)
        );
    }
    o.push_str("</div>\n");
}

/// The key figures of a snapshot, as a row of cards (also on the
/// programme's front page, [`super::index`]).
pub fn figures(o: &mut String, s: &StageSnapshot, tr: &Tr) {
    cards(o, &sections::cards(s, tr), tr.lang());
}
