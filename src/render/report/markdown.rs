//! The stage snapshot as Markdown, for pasting into minutes: lays out the
//! [report model](super::model) built by [`super::sections`]. Every text
//! from the log is escaped, so it reads as text in any Markdown renderer (no
//! links, emphasis or raw HTML can come from the log).

use std::fmt::Write;

use accord_projections::snapshot::StageSnapshot;

use super::model::{Block, Format, Report, Span, Table};
use super::sections;
use crate::render::i18n::Tr;

/// Escapes text from the log for Markdown: one line, every character that
/// could start markup backslash-escaped (CommonMark allows it before any
/// ASCII punctuation), `&` only where it could start an entity.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// An id or command in a code span (ids are slugs: no backticks).
fn code(s: &str) -> String {
    format!("`{}`", s.replace('`', "'"))
}

/// The snapshot as Markdown, in the languages of `tr`.
pub fn render(s: &StageSnapshot, tr: &Tr) -> String {
    layout(&sections::build(s, tr))
}

/// A report as Markdown.
pub fn layout(r: &Report) -> String {
    let mut o = String::new();
    let m = &r.masthead;
    let _ = writeln!(o, "# {}\n", spans(&m.title));
    if let Some(p) = &m.programme {
        let _ = writeln!(o, "{}\n", spans(p));
    }
    if let Some((label, text)) = &m.objective {
        let _ = writeln!(o, "*{}* {}\n", spans(label), spans(text));
    }
    let mut facts = Vec::new();
    for f in m.facts.iter().filter(|f| shown(f.only)) {
        facts.push(vec![f.label.to_owned(), spans(&f.value)]);
    }
    table_of(&mut o, &["", ""], &[], &facts);
    for section in r.sections.iter().filter(|x| shown(x.only)) {
        let _ = writeln!(o, "## {}\n", spans(&section.heading));
        blocks(&mut o, &section.blocks);
    }
    let _ = writeln!(o, "---\n");
    let _ = writeln!(o, "{}", spans(&r.footer));
    o
}

fn shown(only: Option<Format>) -> bool {
    only.is_none_or(|f| f == Format::Markdown)
}

/// Inline content as Markdown.
pub fn spans(p: &[Span]) -> String {
    let mut o = String::new();
    for x in p {
        match x {
            Span::Text(t) | Span::Words(t) => o.push_str(t),
            Span::Log(t) => o.push_str(&esc(t)),
            Span::Translated(_, t) => {
                o.push_str(&esc(t));
                o.push(crate::render::translated::MARK);
            }
            Span::Id(t) | Span::Code(t) | Span::Hash(t) => o.push_str(&code(t)),
            Span::IdAfter(t) => {
                let _ = write!(o, " ({})", code(t));
            }
            Span::Strong(inner) => {
                let _ = write!(o, "**{}**", spans(inner));
            }
            Span::Styled(_, inner)
            | Span::Small(inner)
            | Span::Div(_, inner)
            | Span::Bold(inner) => o.push_str(&spans(inner)),
            Span::Pill(_, t) => o.push_str(t),
            Span::Break => {}
            Span::Only(f, inner) => {
                if *f == Format::Markdown {
                    o.push_str(&spans(inner));
                }
            }
        }
    }
    o
}

fn blocks(o: &mut String, list: &[Block]) {
    for b in list {
        match b {
            Block::Para(_, p) => {
                let _ = writeln!(o, "{}\n", spans(p));
            }
            Block::Heading(h) => {
                let _ = writeln!(o, "### {}\n", spans(h));
            }
            Block::List(_, items) => {
                for i in items {
                    let _ = writeln!(o, "- {}", spans(i));
                }
                o.push('\n');
            }
            Block::Quote(q, _) => {
                let _ = writeln!(o, "> {}\n", spans(q));
            }
            Block::Table(t) => table(o, t),
            // Charts and cards are the HTML page's.
            Block::Figure(_) | Block::Cards(_) => {}
            Block::Columns(_, cols) => {
                for c in cols {
                    blocks(o, c);
                }
            }
            Block::Group { blocks: inner, .. } => blocks(o, inner),
            Block::Only(f, inner) => {
                if *f == Format::Markdown {
                    blocks(o, inner);
                }
            }
        }
    }
}

fn table(o: &mut String, t: &Table) {
    let header: Vec<String> = t.columns.iter().map(|c| spans(&c.heading)).collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let right: Vec<usize> = (0..t.columns.len())
        .filter(|i| t.columns[*i].numeric)
        .collect();
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| spans(c)).collect())
        .collect();
    table_of(o, &header, &right, &rows);
}

/// A pipe table, then a blank line.
fn table_of(o: &mut String, header: &[&str], right: &[usize], rows: &[Vec<String>]) {
    o.push('|');
    for h in header {
        let _ = write!(o, " {h} |");
    }
    o.push_str("\n|");
    for i in 0..header.len() {
        o.push_str(if right.contains(&i) { "---:|" } else { "---|" });
    }
    o.push('\n');
    for r in rows {
        o.push('|');
        for c in r {
            let _ = write!(o, " {c} |");
        }
        o.push('\n');
    }
    o.push('\n');
}
