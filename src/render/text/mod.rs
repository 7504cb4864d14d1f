//! Text renderings of the read models: headings, tables that fit the
//! terminal (80 columns when output goes to a file or a pipe), and dates
//! people read ("11 Sep 2009"). Each report lives in its own module; none of
//! them computes anything the projections do not.

pub mod audit;
pub mod diff;
pub mod history;
pub mod list;
pub mod show;
pub mod status;
pub mod table;
pub mod worddiff;

use accord_events::fields::Day;
use accord_events::verify::Head;
use unicode_width::UnicodeWidthStr;

pub use self::table::{Cell, Table};

use crate::render::i18n::Tr;
use crate::render::style::Style;

/// The width of text output when it goes to a file or a pipe (and so in
/// every test): tables and wrapped text fit 80 columns.
pub const WIDTH: u16 = 80;

/// The narrowest width honoured: below it, tables cannot show their columns.
const MIN_WIDTH: u16 = 40;

/// The width text output fits: `COLUMNS` when it is set to a number, else
/// the terminal's width when stdout is a terminal, else [`WIDTH`]. Never
/// narrower than 40 columns. Decided once per process, so one report never
/// mixes widths.
pub fn width() -> u16 {
    *DECIDED.get_or_init(|| {
        let columns = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<u16>().ok());
        // The terminal answers only when stdout is one.
        let terminal = || terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| w.0);
        columns.or_else(terminal).unwrap_or(WIDTH).max(MIN_WIDTH)
    })
}

/// The width of this process's text output, once decided.
static DECIDED: std::sync::OnceLock<u16> = std::sync::OnceLock::new();

/// Fixes the width at [`WIDTH`] whatever the terminal, before any output:
/// for `accord serve`, whose pages must not depend on the window the server
/// was started in.
pub fn fixed_width() {
    let _ = DECIDED.set(WIDTH);
}

/// A date as people read it: `11 Sep 2009`.
pub fn date(d: Day) -> String {
    d.0.format("%-d %b %Y").to_string()
}

/// The date written in an `occurred_at` (which may carry a time), as people read it.
pub fn occurred(occurred_at: &str) -> String {
    occurred_at
        .get(..10)
        .and_then(|d| Day::parse(d).ok())
        .map_or_else(|| occurred_at.to_owned(), date)
}

/// An optional date, or a dash.
pub fn opt_date(d: Option<Day>) -> String {
    d.map_or_else(|| "—".to_owned(), date)
}

/// The date written in an `occurred_at`, as people read it in the leading
/// language of `tr`.
pub fn occurred_in(tr: &Tr, occurred_at: &str) -> String {
    occurred_at
        .get(..10)
        .and_then(|d| Day::parse(d).ok())
        .map_or_else(|| occurred_at.to_owned(), |d| tr.date(d))
}

/// An optional date in the leading language of `tr`, or a dash.
pub fn opt_date_in(tr: &Tr, d: Option<Day>) -> String {
    d.map_or_else(|| "—".to_owned(), |d| tr.date(d))
}

/// The columns `text` takes in a terminal: Khmer's vowel signs, subscript
/// sign and diacritics combine with the letter before them and take none,
/// so neither bytes nor characters are counted.
pub fn columns(text: &str) -> usize {
    // Printable ASCII takes a column a byte: the busiest partnership's
    // tables measure millions of cells and words.
    if printable_ascii(text) {
        return text.len();
    }
    UnicodeWidthStr::width(text)
}

/// Whether every character of `text` is printable ASCII (a space up to `~`).
fn printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// `text` followed by spaces to fill `width` columns (as [`columns`]
/// measures them; text already as wide is left as it is).
pub fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(columns(text));
    format!("{text}{}", " ".repeat(fill))
}

pub use crate::render::labels::opt_side as side;
pub use crate::render::numbers::{change, mean};

/// A table with this header, fitted to [`width`], coloured only when `style` is.
pub fn table(style: &Style, header: &[&str]) -> Table {
    Table::new(style, header, usize::from(width()))
}

/// A table whose header is these messages, each column's heading in the
/// languages of `tr`, one above the other (the cells, in the leading
/// language, keep the room).
pub fn table_in(style: &Style, tr: &Tr, ids: &[&str]) -> Table {
    let stacked = tr.stacked();
    let header: Vec<String> = ids.iter().map(|id| stacked.label(id, &[])).collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    table(style, &header)
}

/// Keeps column `i` as wide as its content (ids are never split).
pub fn keep_width(t: &mut Table, i: usize) {
    t.keep_whole(i);
}

/// A cell in red (overdue, diverging), when colour is on.
pub fn alert(text: impl Into<String>) -> Cell {
    Cell::red(text)
}

/// A cell in green (adopted, completed), when colour is on.
pub fn good(text: impl Into<String>) -> Cell {
    Cell::green(text)
}

/// A cell in yellow (pending, behind schedule), when colour is on.
pub fn caution(text: impl Into<String>) -> Cell {
    Cell::yellow(text)
}

/// A section heading.
pub fn heading(style: &Style, title: &str) -> String {
    format!("\n{}\n", style.bold(title))
}

/// Appends a table, trimmed of trailing spaces, to `out`.
pub fn push_table(out: &mut String, t: &Table) {
    t.write_to(out);
}

/// Wraps `text` to [`width`] columns, measured as a terminal draws them
/// ([`columns`]); continuation lines start with `indent`.
pub fn wrap(text: &str, indent: &str) -> String {
    wrap_to(text, indent, usize::from(width()))
}

/// Wraps `text` to `width` columns ([`wrap`] at a given width).
fn wrap_to(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let body = text.trim_start_matches(' ');
    let mut line = text[..text.len() - body.len()].to_owned();
    let lead = columns(&line);
    for word in body.split(' ') {
        let len = columns(&line);
        if len > lead && len + 1 + columns(word) > width {
            out.push_str(&line);
            out.push('\n');
            line = format!("{indent}{word}");
        } else {
            if len > lead {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// A text of several lines under a label: the first line beside it, the
/// rest indented to line up, line breaks kept; a line too long for the
/// width continues two columns further in, so the text's own line breaks
/// stay visible.
pub fn labelled_text(out: &mut String, label: &str, text: &str, indent: &str) {
    let continued = format!("{indent}  ");
    for (i, line) in text.split('\n').enumerate() {
        let lead = if i == 0 { label } else { indent };
        for l in wrap(&format!("{lead}{line}"), &continued).lines() {
            out.push_str(l.trim_end());
            out.push('\n');
        }
    }
}

/// Writes a report to stdout. A reader that stops early (`| head`) is not
/// an error: a broken pipe ends the output quietly.
pub fn emit(out: &str) -> std::io::Result<()> {
    emit_parts(&[out])
}

/// Writes the parts of a report to stdout one after the other, as
/// [`emit`]: a saved report of tens of megabytes and its footer are
/// written as they are, not first copied into one string.
pub fn emit_parts(parts: &[&str]) -> std::io::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let written = parts
        .iter()
        .try_for_each(|p| stdout.write_all(p.as_bytes()))
        .and_then(|()| stdout.flush());
    quiet_when_closed(written)
}

/// A reader that stopped early (`| head`) is not an error.
fn quiet_when_closed(written: std::io::Result<()>) -> std::io::Result<()> {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    }
}

/// Writes `value` to standard output as pretty JSON and a newline, as it
/// is serialised: a stage report of a million-event log is tens of
/// megabytes of JSON, never held whole as a string. The bytes are those of
/// `serde_json::to_string_pretty`; a closed pipe ends it quietly, as
/// [`emit`].
pub fn emit_json(value: &impl serde::Serialize) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    quiet_when_closed(written)
}

/// The footer every report ends with: the log head it was built from, in
/// the languages of `tr` (a label: each language, the leading one first).
/// The seq, hash and time stay in Latin digits, as the log writes them.
pub fn footer(style: &Style, head: &Head, known_at: Option<&str>, tr: &Tr) -> String {
    let hash = hex::encode(head.hash);
    let line = tr.label_by("footer-log-head", |tr| {
        let known = known_at
            .map(|t| tr.say("footer-known-at", &[("at", t.into())]))
            .unwrap_or_default();
        vec![
            ("seq", head.seq.to_string().into()),
            ("hash", hash[..16].into()),
            ("known", known.into()),
        ]
    });
    style.dim(&format!("\n{line}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Technical Working Group" in Khmer: its subscript signs and vowel
    /// signs combine with the letters before them.
    const TWG: &str = "ក្រុមការងារបច្ចេកទេស";

    #[test]
    fn khmer_is_measured_in_columns_not_bytes_or_characters() {
        assert!(columns(TWG) < TWG.chars().count());
        assert!(TWG.chars().count() < TWG.len());
        // A subscript sign or a vowel sign alone takes no column.
        assert_eq!(columns("\u{17D2}"), 0);
        assert_eq!(columns("\u{17BB}"), 0);
    }

    #[test]
    fn padding_lines_khmer_up_with_latin() {
        let km = format!("{}|", pad(TWG, 20));
        let en = format!("{}|", pad("TWG", 20));
        assert_eq!(columns(&km), 21);
        assert_eq!(columns(&en), 21);
        // By characters the Khmer line would be longer: it is not padded
        // as if each sign were a column.
        assert!(km.chars().count() > en.chars().count());
    }

    #[test]
    fn khmer_wraps_at_the_width_a_terminal_draws() {
        let text = [TWG; 6].join(" ");
        let wrapped = wrap_to(&text, "", 40);
        let lines: Vec<&str> = wrapped.lines().collect();
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(columns(l) <= 40, "{l:?} is {} columns", columns(l));
        }
        // Two Khmer words fit a line of 40 columns, though they are more
        // than 40 characters: measured by characters, each would be alone.
        assert_eq!(lines[0], [TWG; 2].join(" "));
        assert!(lines[0].chars().count() > 40);
    }
}
