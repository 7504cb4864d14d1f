//! Charts as inline SVG, for the HTML report: the stage timeline, the heat
//! map of partnerships × criteria, score trends per partnership, and
//! commitments by status. Each returns a complete `<svg>` element that
//! scales to the width of its container; every text from the log is
//! escaped; coordinates are rounded so the output is stable.

pub mod commitments;
pub mod heat_map;
pub mod timeline;
pub mod trends;

use std::fmt::Write;

use accord_projections::partnership::CommitmentStatus;
use accord_projections::snapshot::StageSnapshot;

use super::esc_html as esc;
use super::langtag::tagged;
use crate::render::i18n::Tr;

/// One colour per criterion: the Okabe–Ito palette (Okabe & Ito, "Color
/// Universal Design", 2008), chosen to stay distinct under the common
/// colour-vision deficiencies; its yellow (#f0e442) is darkened to #7f6b00
/// so that it shows on white paper. Trend lines add a dash pattern and a
/// marker shape per criterion, so no reader depends on colour alone.
pub const SERIES: [&str; 8] = [
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#7f6b00", "#000000",
];

/// Commitment statuses: colour and label, in the order stacked.
pub const STATUS_COLOURS: [(CommitmentStatus, &str); 5] = [
    (CommitmentStatus::Completed, "#2e7d4f"),
    (CommitmentStatus::OnSchedule, "#4f8fc0"),
    (CommitmentStatus::Open, "#b8c2cc"),
    (CommitmentStatus::BehindSchedule, "#e69f00"),
    (CommitmentStatus::Dropped, "#7a5c61"),
];

pub(super) const WIDTH: f64 = 680.0;
pub(super) const FONT: f64 = 11.0;

/// A number for an SVG attribute: at most one decimal, no trailing `.0`.
pub(super) fn n(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

pub(super) fn open(out: &mut String, tr: &Tr, height: f64, label: &str, class: &str) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart {class}" viewBox="0 0 {w} {h}"{font} role="img" aria-label="{label}"><title>{label}</title>"#,
        w = n(WIDTH),
        h = n(height),
        font = font(tr),
        label = esc(label),
    );
}

/// Khmer-capable fonts named on a chart in Khmer (after the Latin ones,
/// as the page's style sheet names them), so the chart draws its Khmer
/// also when copied out of the page.
pub(super) fn font(tr: &Tr) -> &'static str {
    if tr.has_khmer() {
        r#" font-family="'Segoe UI', 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', 'Noto Sans Khmer', 'Khmer OS', 'Khmer OS System', sans-serif""#
    } else {
        ""
    }
}

/// Text of a chart, escaped, each run in a language other than the page's
/// (or each half of a bilingual label) marked with its `lang`.
fn content(tr: &Tr, s: &str) -> String {
    tagged(s, tr.lang(), "tspan", esc)
}

/// The width in SVG units a text of `font` size takes, roughly: Latin
/// letters about half the size, Khmer (by its display columns) about
/// four fifths of it.
pub(super) fn text_px(s: &str, font: f64) -> f64 {
    s.chars()
        .map(|c| {
            let cols = crate::render::text::columns(c.encode_utf8(&mut [0; 4])) as f64;
            if ('\u{1780}'..='\u{17FF}').contains(&c) {
                cols * font * 0.8
            } else {
                cols * font * 0.5
            }
        })
        .sum()
}

/// A label of a chart's legend or axis in the languages of `tr`, one
/// above the other (the leading one on top, at `y`, the next `LINE`
/// below, or above with a negative `step`): bilingual labels side by side
/// would run off a chart 680 wide. Returns the width of the widest line.
pub(super) fn stacked(
    out: &mut String,
    tr: &Tr,
    (x, y, step): (f64, f64, f64),
    attrs: &str,
    id: &str,
) -> f64 {
    stacked_text(out, tr, (x, y, step), attrs, &tr.stacked().label(id, &[]))
}

/// [`stacked`] for a label already worded (its languages on lines of
/// their own, as [`Tr::stacked`] writes them).
pub(super) fn stacked_text(
    out: &mut String,
    tr: &Tr,
    (x, y, step): (f64, f64, f64),
    attrs: &str,
    label: &str,
) -> f64 {
    let mut widest: f64 = 0.0;
    let lines: Vec<&str> = label.split('\n').collect();
    let langs = tr.langs();
    for (i, line) in lines.iter().enumerate() {
        // Upwards, the leading language still on top.
        let row = if step < 0.0 { lines.len() - 1 - i } else { i };
        let y = y + row as f64 * step;
        if lines.len() > 1 && lines.len() == langs.len() {
            // One language a line: each line says which.
            let lang = langs[i];
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" {attrs} lang="{}">{}</text>"#,
                n(x),
                n(y),
                lang.tag(),
                tagged(line, lang, "tspan", esc)
            );
        } else {
            text(out, tr, x, y, attrs, line);
        }
        widest = widest.max(text_px(line, 10.0));
    }
    widest
}

/// The number of languages a label of `tr` is written in (the lines
/// [`stacked`] draws).
pub(super) fn stacked_lines(tr: &Tr) -> usize {
    tr.stacked().label("chart-planned", &[]).lines().count()
}

/// The distance between the lines of a stacked label.
pub(super) const LINE: f64 = 11.0;

pub(super) fn text(out: &mut String, tr: &Tr, x: f64, y: f64, attrs: &str, s: &str) {
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" {attrs}>{}</text>"#,
        n(x),
        n(y),
        content(tr, s)
    );
}

pub(super) fn rect(out: &mut String, x: f64, y: f64, w: f64, h: f64, attrs: &str) {
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" {attrs}/>"#,
        n(x),
        n(y),
        n(w.max(0.0)),
        n(h.max(0.0))
    );
}

pub(super) fn line(out: &mut String, x1: f64, y1: f64, x2: f64, y2: f64, attrs: &str) {
    let _ = write!(
        out,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" {attrs}/>"#,
        n(x1),
        n(y1),
        n(x2),
        n(y2)
    );
}

/// Splits `s` into at most `lines` lines of about `width` characters; the
/// last line ends in an ellipsis when the text does not fit.
pub fn wrap(s: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    // Display columns, not characters: Khmer's combining signs take none.
    let cols = crate::render::text::columns;
    for word in s.split_whitespace() {
        let len = cols(&cur);
        if len > 0 && len + 1 + cols(word) > width {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    if out.len() > lines {
        out.truncate(lines);
        let last = out.last_mut().expect("lines > 0");
        let keep: String = last.chars().take(width.saturating_sub(1)).collect();
        *last = format!("{}…", keep.trim_end());
    }
    for l in &mut out {
        if l.chars().count() > width {
            let keep: String = l.chars().take(width.saturating_sub(1)).collect();
            *l = format!("{keep}…");
        }
    }
    out
}

/// Text on up to `lines` lines, vertically centred on `cy`.
#[allow(clippy::too_many_arguments)]
pub(super) fn label(
    out: &mut String,
    tr: &Tr,
    x: f64,
    cy: f64,
    attrs: &str,
    s: &str,
    width: usize,
    lines: usize,
) {
    let parts = wrap(s, width, lines);
    let lh = FONT * 1.15;
    let top = cy - (parts.len() as f64 - 1.0) * lh / 2.0 + FONT * 0.35;
    let _ = write!(out, r#"<text x="{}" y="{}" {attrs}>"#, n(x), n(top));
    for (i, p) in parts.iter().enumerate() {
        if i == 0 {
            let _ = write!(out, "<tspan>{}</tspan>", content(tr, p));
        } else {
            let _ = write!(
                out,
                r#"<tspan x="{}" dy="{}">{}</tspan>"#,
                n(x),
                n(lh),
                content(tr, p)
            );
        }
    }
    out.push_str("</text>");
}

/// The words every partnership name starts with, when there are at least
/// two names and the common start is at least two words (e.g. "Technical
/// Working Group on"): charts leave it out to make room.
pub fn common_prefix(names: &[&str]) -> Option<String> {
    if names.len() < 2 {
        return None;
    }
    let split: Vec<Vec<&str>> = names
        .iter()
        .map(|n| n.split_whitespace().collect())
        .collect();
    let shortest = split.iter().map(Vec::len).min().unwrap_or(0);
    let mut k = 0;
    while k + 1 < shortest && split.iter().all(|w| w[k] == split[0][k]) {
        k += 1;
    }
    (k >= 2).then(|| split[0][..k].join(" "))
}

/// A partnership's name without the common prefix.
pub fn short_name(name: &str, prefix: Option<&str>) -> String {
    match prefix.and_then(|p| name.strip_prefix(p)) {
        Some(rest) if !rest.trim().is_empty() => rest.trim().to_owned(),
        _ => name.to_owned(),
    }
}

/// The prefix charts leave out, for a caption.
pub fn prefix_of(s: &StageSnapshot) -> Option<String> {
    let names: Vec<&str> = s
        .partnerships
        .iter()
        .map(|p| p.summary.name.as_str())
        .collect();
    common_prefix(&names)
}

#[cfg(test)]
mod tests {
    use super::heat_map::score_colour;
    use super::timeline::{month_start, next_month};
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(n(3.0), "3");
        assert_eq!(n(3.04), "3");
        assert_eq!(n(3.25), "3.3");
        assert_eq!(n(-0.0), "0");
    }

    #[test]
    fn common_prefix_needs_two_words() {
        let names = [
            "Technical Working Group on Health",
            "Technical Working Group on Land",
        ];
        assert_eq!(
            common_prefix(&names).as_deref(),
            Some("Technical Working Group on")
        );
        assert_eq!(common_prefix(&["TWG Health", "TWG Land"]), None);
        assert_eq!(common_prefix(&["Only one name here"]), None);
    }

    #[test]
    fn wrapping_keeps_to_the_lines_given() {
        assert_eq!(wrap("a b c", 3, 2), vec!["a b", "c"]);
        assert_eq!(wrap("aaaa bbbb cccc", 4, 2), vec!["aaaa", "bbb…"]);
    }

    #[test]
    fn scores_colour_from_red_to_blue() {
        assert_eq!(score_colour(1.0, 1, 5).0, "#d73027");
        assert_eq!(score_colour(5.0, 1, 5).0, "#4575b4");
        assert_eq!(score_colour(3.0, 1, 5).0, "#fee090");
    }

    #[test]
    fn a_day_is_a_day() {
        let d = accord_events::fields::Day(NaiveDate::from_ymd_opt(2009, 9, 11).unwrap());
        assert_eq!(
            month_start(d.0),
            NaiveDate::from_ymd_opt(2009, 9, 1).unwrap()
        );
        assert_eq!(
            next_month(NaiveDate::from_ymd_opt(2009, 12, 5).unwrap()),
            NaiveDate::from_ymd_opt(2010, 1, 1).unwrap()
        );
    }
}
