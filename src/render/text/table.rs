//! Tables in text reports: a header, a rule under it, and rows of cells,
//! a space before the first column and three between columns, fitted to
//! the output's width.
//!
//! Why not a table crate: accord's tables are always of one plain style,
//! and laying them out was the largest single cost of `show` on a new date
//! (comfy-table's general layout, about a sixth of the median
//! partnership's `show` on a million-event log). What a reader needs from
//! the layout is narrow and is written down here:
//! - a table that fits is drawn at its content's width (as comfy-table
//!   drew it: the same widths, spaces and rule);
//! - one that does not gives every column at least its longest word (an
//!   id is one word, so it is never split), then puts columns on one line
//!   from the narrowest up (a date, a status, a side before a long title),
//!   and shares what is left among the columns still wrapped, in
//!   proportion to what each lacks; a heading wraps before a cell does;
//! - only when even the longest words cannot all fit is a word split, at a
//!   character that takes a column of its own (Khmer's vowel signs and
//!   subscripts stay with the letter they belong to).
//!
//! Widths are measured as a terminal draws the text
//! ([`super::columns`]), and trailing spaces are trimmed from each line.

use std::borrow::Cow;

use crate::render::style::Style;

use super::columns;

/// How a cell is coloured when colour is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Paint {
    Plain,
    Red,
    Green,
    Yellow,
}

/// One cell: its text (which may hold line breaks) and its colour.
#[derive(Clone, Debug)]
pub struct Cell {
    text: String,
    paint: Paint,
}

impl Cell {
    /// A cell of plain text.
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            paint: Paint::Plain,
        }
    }

    /// Red when colour is on (overdue, diverging).
    pub fn red(text: impl Into<String>) -> Cell {
        Cell {
            paint: Paint::Red,
            ..Cell::new(text)
        }
    }

    /// Green when colour is on (adopted, completed).
    pub fn green(text: impl Into<String>) -> Cell {
        Cell {
            paint: Paint::Green,
            ..Cell::new(text)
        }
    }

    /// Yellow when colour is on (pending, behind schedule).
    pub fn yellow(text: impl Into<String>) -> Cell {
        Cell {
            paint: Paint::Yellow,
            ..Cell::new(text)
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::new(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::new(text)
    }
}

/// What a column may be narrowed to when the table does not fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fit {
    /// Down to its longest word.
    Share,
    /// Never: its content's width (ids that must be copied whole).
    Whole,
    /// Down to this many columns, or its longest word if longer.
    AtLeast(usize),
}

/// The narrowest a column is made when even the longest words do not fit.
const NARROWEST: usize = 4;

/// A table with a header, fitted to a width.
#[derive(Clone, Debug)]
pub struct Table {
    header: Vec<Cell>,
    rows: Vec<Vec<Cell>>,
    fits: Vec<Fit>,
    width: usize,
    style: Style,
}

impl Table {
    /// A table with this header, drawn within `width` columns, coloured
    /// only when `style` is.
    pub fn new(style: &Style, header: &[&str], width: usize) -> Table {
        Table {
            header: header.iter().map(|h| Cell::new(*h)).collect(),
            rows: Vec::new(),
            fits: vec![Fit::Share; header.len()],
            width,
            style: *style,
        }
    }

    /// Adds a row: one cell per column (missing cells are empty).
    pub fn add_row<C: Into<Cell>>(&mut self, row: impl IntoIterator<Item = C>) {
        self.rows.push(row.into_iter().map(Into::into).collect());
    }

    /// Keeps column `i` as wide as its content, whatever the width.
    pub fn keep_whole(&mut self, i: usize) {
        if let Some(f) = self.fits.get_mut(i) {
            *f = Fit::Whole;
        }
    }

    /// Narrows column `i` to no fewer than `least` columns.
    pub fn at_least(&mut self, i: usize, least: usize) {
        if let Some(f) = self.fits.get_mut(i) {
            *f = Fit::AtLeast(least);
        }
    }

    /// Appends the table to `out`, line by line.
    pub fn write_to(&self, out: &mut String) {
        let widths = self.widths();
        self.write_row(out, &self.header, &widths, false);
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            for _ in 0..w + 2 {
                out.push('─');
            }
        }
        out.push('\n');
        for row in &self.rows {
            self.write_row(out, row, &widths, true);
        }
    }

    /// The width given to each column's text.
    fn widths(&self) -> Vec<usize> {
        let n = self.fits.len();
        // What each column's cells need to sit on one line: with the
        // header (`natural`), and without it (`body`: a heading wraps
        // rather than widen a column of numbers).
        let mut natural = vec![0; n];
        let mut body = vec![0; n];
        let mut word = vec![0; n];
        for (r, row) in std::iter::once(&self.header).chain(&self.rows).enumerate() {
            for (i, cell) in row.iter().enumerate().take(n) {
                for line in cell.text.lines() {
                    let w = columns(line);
                    natural[i] = natural[i].max(w);
                    if r > 0 {
                        body[i] = body[i].max(w);
                    }
                    for w in line.split(' ') {
                        word[i] = word[i].max(columns(w));
                    }
                }
            }
        }
        // Each column is padded by a space on each side, and columns are
        // a space apart.
        let room = self.width.saturating_sub(3 * n).saturating_add(1);
        if natural.iter().sum::<usize>() <= room {
            return natural;
        }
        let least: Vec<usize> = (0..n)
            .map(|i| match self.fits[i] {
                Fit::Share => word[i],
                Fit::Whole => natural[i],
                Fit::AtLeast(k) => word[i].max(k.min(natural[i])),
            })
            .collect();
        let wanted: Vec<usize> = (0..n).map(|i| body[i].max(least[i])).collect();
        let needed: usize = least.iter().sum();
        if needed <= room {
            let mut widths = share(&least, &wanted, room - needed);
            // Room left when every cell is on one line: headings, from
            // the narrowest column up, as far as it goes.
            let mut left = room - widths.iter().sum::<usize>().min(room);
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by_key(|i| (natural[*i], *i));
            for i in order {
                let add = natural[i].saturating_sub(widths[i]).min(left);
                widths[i] += add;
                left -= add;
            }
            widths
        } else {
            squeeze(&self.fits, &least, room)
        }
    }

    fn write_row(&self, out: &mut String, row: &[Cell], widths: &[usize], painted: bool) {
        let empty = Cell::new("");
        let cells: Vec<(&Cell, Vec<&str>)> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let cell = row.get(i).unwrap_or(&empty);
                (cell, wrap(&cell.text, *w))
            })
            .collect();
        let height = cells.iter().map(|(_, l)| l.len()).max().unwrap_or(0);
        for k in 0..height.max(1) {
            let start = out.len();
            for (i, (cell, lines)) in cells.iter().enumerate() {
                out.push_str(if i == 0 { " " } else { "   " });
                let line = lines.get(k).copied().unwrap_or("");
                out.push_str(&self.paint(cell.paint, line, painted));
                for _ in columns(line)..widths[i] {
                    out.push(' ');
                }
            }
            let end = out[start..].trim_end().len();
            out.truncate(start + end);
            out.push('\n');
        }
    }

    fn paint<'t>(&self, paint: Paint, text: &'t str, painted: bool) -> Cow<'t, str> {
        if !painted || text.is_empty() {
            return Cow::Borrowed(text);
        }
        match paint {
            Paint::Plain => Cow::Borrowed(text),
            Paint::Red => Cow::Owned(self.style.red(text)),
            Paint::Green => Cow::Owned(self.style.green(text)),
            Paint::Yellow => Cow::Owned(self.style.yellow(text)),
        }
    }
}

/// Each column its `least`, then `spare` columns given out: first, from
/// the narrowest column up, whole to each column it puts on one line (a
/// date or a status is not wrapped to give a long title one more column),
/// then the rest shared among the columns still wrapped, in proportion to
/// what each lacks of its `natural` width (its cells on one line, the
/// header aside; the remainder of the division going to the first of
/// them).
fn share(least: &[usize], natural: &[usize], spare: usize) -> Vec<usize> {
    let lacks: Vec<usize> = least.iter().zip(natural).map(|(l, n)| n - l).collect();
    let mut widths = least.to_vec();
    let mut order: Vec<usize> = (0..lacks.len()).collect();
    order.sort_by_key(|i| (natural[*i], *i));
    let mut left = spare;
    let mut wrapped = Vec::new();
    for i in order {
        if lacks[i] <= left {
            widths[i] += lacks[i];
            left -= lacks[i];
        } else {
            wrapped.push(i);
        }
    }
    wrapped.sort_unstable();
    let total: usize = wrapped.iter().map(|i| lacks[*i]).sum();
    let mut given = 0;
    for &i in &wrapped {
        let add = left * lacks[i] / total.max(1);
        widths[i] += add;
        given += add;
    }
    for &i in wrapped.iter().take(left - given) {
        widths[i] += 1;
    }
    widths
}

/// When even the longest words do not fit: columns kept whole keep their
/// width; of the others, the widest is narrowed by one column at a time
/// until the table fits (so as few words as possible are split), none
/// below [`NARROWEST`].
fn squeeze(fits: &[Fit], least: &[usize], room: usize) -> Vec<usize> {
    let mut widths = least.to_vec();
    let mut over = widths.iter().sum::<usize>().saturating_sub(room);
    while over > 0 {
        let widest = (0..widths.len())
            .filter(|i| fits[*i] != Fit::Whole && widths[*i] > NARROWEST)
            .max_by_key(|i| (widths[*i], std::cmp::Reverse(*i)));
        match widest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
        over -= 1;
    }
    widths
}

/// `text` in lines of at most `width` columns: its own line breaks kept,
/// words wrapped at spaces, a word longer than the line split before a
/// character that takes a column (never between a letter and the signs
/// that combine with it).
///
/// Not `textwrap` (which `list.rs` uses for its last column): it measures
/// a line as the sum of its characters' widths, which counts a Khmer
/// consonant after the subscript sign that [`columns`] does not, and it
/// gives owned lines where these are slices of the cell.
fn wrap(text: &str, width: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut rest = para;
        // Whether the rest fits is measured as padding measures it
        // ([`columns`]: Khmer's subscript consonants take no column after
        // the subscript sign, which a sum over characters would count).
        while columns(rest) > width {
            let cut = line_end(rest, width);
            lines.push(rest[..cut].trim_end_matches(' '));
            rest = rest[cut..].trim_start_matches(' ');
        }
        lines.push(rest);
    }
    lines
}

/// Where the first line of `text` ends when lines are `width` columns:
/// at the last space before the text runs past it, else before the first
/// character that does not fit; never before a sign that takes no column
/// (it belongs to the letter before it). `text.len()` when it fits.
fn line_end(text: &str, width: usize) -> usize {
    if !super::printable_ascii(text) {
        return line_end_by_char(text, width);
    }
    // One column a byte: the same answer without looking each character up.
    if text.len() <= width {
        return text.len();
    }
    match text.as_bytes()[..=width].iter().rposition(|b| *b == b' ') {
        Some(s) if s > 0 => s,
        _ => width.max(1),
    }
}

/// [`line_end`] for any text, character by character.
fn line_end_by_char(text: &str, width: usize) -> usize {
    let mut used = 0;
    let mut last_space = None;
    for (at, c) in text.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if c == ' ' {
            last_space = Some(at);
        }
        if w > 0 && used + w > width {
            return match last_space {
                Some(s) if s > 0 => s,
                _ if at > 0 => at,
                // Not even one character fits: it takes the line alone,
                // with the signs that combine with it.
                _ => text
                    .char_indices()
                    .skip(1)
                    .find(|(_, c)| unicode_width::UnicodeWidthChar::width(*c) != Some(0))
                    .map_or(text.len(), |(i, _)| i),
            };
        }
        used += w;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain() -> Style {
        Style { color: false }
    }

    fn drawn(t: &Table) -> String {
        let mut out = String::new();
        t.write_to(&mut out);
        out
    }

    /// A table that fits is drawn at its content's width: a space before
    /// each column, three between them, a rule under the header.
    #[test]
    fn a_table_that_fits_is_drawn_at_its_content_width() {
        let mut t = Table::new(&plain(), &["Id", "Organisation"], 80);
        t.add_row(["moh", "Ministry of Health"]);
        t.add_row(vec![Cell::new("jica"), Cell::new("JICA")]);
        insta::assert_snapshot!(drawn(&t), @r"
         Id     Organisation
        ────── ────────────────────
         moh    Ministry of Health
         jica   JICA
        ");
    }

    /// Too wide: ids and dates (one word each) stay whole, the text wraps
    /// at spaces, and every line fits the width.
    #[test]
    fn a_wide_table_wraps_text_and_keeps_words_whole() {
        let mut t = Table::new(&plain(), &["Agreement", "Title", "Adopted"], 48);
        t.add_row([
            "twg-gender-6-a14",
            "Principles of the TWG on Gender and its partners",
            "18 Apr 2013",
        ]);
        let out = drawn(&t);
        assert!(out.lines().all(|l| columns(l) <= 48), "{out}");
        assert!(out.contains("twg-gender-6-a14"), "{out}");
        assert!(out.contains("18 Apr 2013"), "{out}");
        insta::assert_snapshot!(out, @r"
         Agreement          Title           Adopted
        ────────────────── ─────────────── ─────────────
         twg-gender-6-a14   Principles of   18 Apr 2013
                            the TWG on
                            Gender and
                            its partners
        ");
    }

    /// A column kept whole keeps its width even when the others must split
    /// their words to fit.
    #[test]
    fn a_column_kept_whole_is_never_split() {
        let mut t = Table::new(&plain(), &["Commitment", "Partnership"], 40);
        t.add_row([
            "twg-health-c123456789012345",
            "a-partnership-id-far-too-long-to-fit",
        ]);
        t.keep_whole(0);
        let out = drawn(&t);
        assert!(out.contains("twg-health-c123456789012345"), "{out}");
    }

    /// Khmer's combining signs take no column and stay with their letter:
    /// a split word never starts a line with one.
    #[test]
    fn a_split_word_never_starts_with_a_combining_sign() {
        let word = "ក្រសួងសុខាភិបាលនិងការអប់រំ";
        for width in 1..12 {
            for line in wrap(word, width) {
                let first = line.chars().next().unwrap();
                assert_ne!(
                    unicode_width::UnicodeWidthChar::width(first),
                    Some(0),
                    "{line:?} at {width}"
                );
                assert!(columns(line) <= width.max(1), "{line:?} at {width}");
            }
            assert_eq!(wrap(word, width).concat(), word);
        }
    }

    /// The shortcut for printable ASCII finds the same line ends as the
    /// walk character by character.
    #[test]
    fn ascii_lines_end_where_the_walk_by_character_ends_them() {
        let texts = [
            "",
            "a",
            " lead",
            "twg-gender-6-a14",
            "Principles of the TWG on Gender and its partners",
            "a  b   c ",
            "  two leading spaces, then words of many lengths: x yy zzz",
        ];
        for text in texts {
            for width in 0..text.len() + 2 {
                assert_eq!(
                    line_end(text, width),
                    line_end_by_char(text, width),
                    "{text:?} at {width}"
                );
            }
        }
    }

    /// A column given a least width keeps it where its longest word alone
    /// would have let it be narrowed further.
    #[test]
    fn a_column_given_a_least_width_keeps_it() {
        let mut t = Table::new(&plain(), &["Criterion", "Note"], 40);
        t.add_row([
            "A shared goal and agreed values and principles",
            "Both sides agreed to report back on it within six months",
        ]);
        assert!(t.widths()[0] < 22, "{:?}", t.widths());
        t.at_least(0, 22);
        assert!(t.widths()[0] >= 22, "{:?}", t.widths());
        assert!(drawn(&t).lines().all(|l| columns(l) <= 40));
    }

    /// A Khmer cell as wide as its column stays on one line: after the
    /// subscript sign a consonant takes no column, which a sum over
    /// characters would count.
    #[test]
    fn khmer_text_as_wide_as_its_column_is_not_wrapped() {
        for text in ["18 វិច្ឆិកា 2009", "សហអ្នកសម្របសម្រួល", "ការប្តេជ្ញាចិត្ត"]
        {
            assert_eq!(wrap(text, columns(text)), vec![text]);
        }
    }

    /// Cells are coloured when colour is on, the header never; the
    /// padding is counted on the text, not the escape codes.
    #[test]
    fn colour_paints_cells_and_keeps_the_columns() {
        let mut t = Table::new(&Style { color: true }, &["Status", "Due"], 80);
        t.add_row(vec![Cell::red("overdue"), Cell::new("1 Jan 2010")]);
        let out = drawn(&t);
        let row = out.lines().nth(2).unwrap();
        assert!(row.contains("\u{1b}["), "{row:?}");
        assert!(row.ends_with("   1 Jan 2010"), "{row:?}");
        assert!(!out.lines().next().unwrap().contains('\u{1b}'));
    }
}
