//! Charts as inline SVG, for the HTML report: the stage timeline, the heat
//! map of partnerships × criteria, score trends per partnership, and
//! commitments by status. Each returns a complete `<svg>` element that
//! scales to the width of its container; every text from the log is
//! escaped; coordinates are rounded so the output is stable.

use std::fmt::Write;

use accord_events::fields::Day;
use accord_projections::partnership::CommitmentStatus;
use accord_projections::programme::StageProgress;
use accord_projections::snapshot::{PartnershipSnapshot, StageLine, StageSnapshot};
use chrono::{Datelike, NaiveDate};

use super::{change, count, date, esc_html as esc, mean};

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

const WIDTH: f64 = 680.0;
const FONT: f64 = 11.0;

/// A number for an SVG attribute: at most one decimal, no trailing `.0`.
fn n(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

fn open(out: &mut String, height: f64, label: &str, class: &str) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart {class}" viewBox="0 0 {w} {h}" role="img" aria-label="{label}"><title>{label}</title>"#,
        w = n(WIDTH),
        h = n(height),
        label = esc(label),
    );
}

fn text(out: &mut String, x: f64, y: f64, attrs: &str, content: &str) {
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" {attrs}>{}</text>"#,
        n(x),
        n(y),
        esc(content)
    );
}

fn rect(out: &mut String, x: f64, y: f64, w: f64, h: f64, attrs: &str) {
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" {attrs}/>"#,
        n(x),
        n(y),
        n(w.max(0.0)),
        n(h.max(0.0))
    );
}

fn line(out: &mut String, x1: f64, y1: f64, x2: f64, y2: f64, attrs: &str) {
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
    for word in s.split_whitespace() {
        let len = cur.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
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
fn label(out: &mut String, x: f64, cy: f64, attrs: &str, s: &str, width: usize, lines: usize) {
    let parts = wrap(s, width, lines);
    let lh = FONT * 1.15;
    let top = cy - (parts.len() as f64 - 1.0) * lh / 2.0 + FONT * 0.35;
    let _ = write!(out, r#"<text x="{}" y="{}" {attrs}>"#, n(x), n(top));
    for (i, p) in parts.iter().enumerate() {
        if i == 0 {
            let _ = write!(out, "<tspan>{}</tspan>", esc(p));
        } else {
            let _ = write!(
                out,
                r#"<tspan x="{}" dy="{}">{}</tspan>"#,
                n(x),
                n(lh),
                esc(p)
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

// ---------------------------------------------------------------- timeline

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("day 1 exists")
}

fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).expect("valid month")
}

/// The programme's stages, planned against actual, with the as-of date;
/// the snapshot's own stage highlighted.
pub fn timeline(s: &StageSnapshot) -> String {
    timeline_of(&s.stages, s.as_of, Some(s.stage))
}

/// `stages`, planned against actual, as they stood on `as_of`; `current`
/// (if any) highlighted.
pub fn timeline_of(stages: &[StageLine], as_of: Day, current: Option<u32>) -> String {
    let mut out = String::new();
    let rows = stages.len().max(1) as f64;
    let top = 34.0;
    let row_h = 34.0;
    let height = top + rows * row_h + 40.0;
    open(
        &mut out,
        height,
        &format!(
            "Stage timeline: planned and actual dates, as of {}",
            date(as_of)
        ),
        "timeline",
    );
    let mut dates: Vec<NaiveDate> = vec![as_of.0];
    for st in stages {
        dates.extend([st.starts_on.0, st.ends_on.0]);
        dates.extend(st.started_on.map(|d| d.0));
        dates.extend(st.completed_on.map(|d| d.0));
    }
    let first = month_start(*dates.iter().min().expect("as_of is there"));
    let last = next_month(*dates.iter().max().expect("as_of is there"));
    let left = 190.0;
    let right = WIDTH - 12.0;
    let span = (last - first).num_days().max(1) as f64;
    let x = |d: NaiveDate| left + (d - first).num_days() as f64 / span * (right - left);
    let bottom = top + rows * row_h;

    // Month grid and labels.
    let months = {
        let mut v = Vec::new();
        let mut m = first;
        while m < last {
            v.push(m);
            m = next_month(m);
        }
        v
    };
    // Month labels while there is room; beyond three years, years only,
    // every so many years that the labels do not touch.
    let step = match months.len() {
        0..=18 => 1,
        19..=36 => 3,
        _ => 0,
    };
    let year_px = (right - left) / (months.len() as f64 / 12.0).max(1.0 / 12.0);
    let year_step = [1, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|k| year_px * *k as f64 >= 32.0)
        .unwrap_or(100);
    let mut last_year_x = f64::NEG_INFINITY;
    for (i, m) in months.iter().enumerate() {
        let xm = x(*m);
        let strong = m.month() == 1;
        if step > 0 || strong {
            line(
                &mut out,
                xm,
                top - 4.0,
                xm,
                bottom,
                if strong {
                    r##"stroke="#9aa7b4" stroke-width="1""##
                } else {
                    r##"stroke="#e3e8ee" stroke-width="1""##
                },
            );
        }
        if step > 0 && i % step == 0 {
            let w = x(next_month(*m)) - xm;
            let label_text = if step == 1 && w < 20.0 {
                m.format("%b").to_string().chars().take(1).collect()
            } else {
                m.format("%b").to_string()
            };
            text(
                &mut out,
                xm + 2.0,
                bottom + 14.0,
                r##"font-size="9.5" fill="#4a5561""##,
                &label_text,
            );
        }
        let year_due = if step > 0 {
            i == 0 || strong
        } else {
            strong && m.year() % year_step == 0
        };
        if year_due && xm - last_year_x >= 30.0 {
            last_year_x = xm;
            text(
                &mut out,
                xm + 2.0,
                if step > 0 {
                    bottom + 27.0
                } else {
                    bottom + 14.0
                },
                r##"font-size="10" font-weight="700" fill="#24313f""##,
                &m.year().to_string(),
            );
        }
    }
    line(
        &mut out,
        left,
        bottom,
        right,
        bottom,
        r##"stroke="#9aa7b4""##,
    );

    for (i, st) in stages.iter().enumerate() {
        let y = top + i as f64 * row_h;
        if Some(st.stage) == current {
            rect(&mut out, 0.0, y, WIDTH, row_h, r##"fill="#fdf3dc""##);
        }
        let name = format!("{}. {}", st.stage, st.name);
        label(
            &mut out,
            6.0,
            y + row_h / 2.0,
            &format!(
                r##"font-size="{}" fill="#1d2a38"{}"##,
                n(FONT),
                if Some(st.stage) == current {
                    r#" font-weight="700""#
                } else {
                    ""
                }
            ),
            &name,
            30,
            2,
        );
        // Planned.
        let (px1, px2) = (
            x(st.starts_on.0),
            x(st.ends_on.0).max(x(st.starts_on.0) + 3.0),
        );
        rect(
            &mut out,
            px1,
            y + 7.0,
            px2 - px1,
            9.0,
            r##"fill="#dbe4ee" stroke="#8da2b8" stroke-width="0.8""##,
        );
        // Actual (to completion, or to the as-of date while running).
        if let Some(a) = st.started_on {
            let end = st.completed_on.map_or(as_of.0, |d| d.0);
            let (ax1, ax2) = (x(a.0), x(end).max(x(a.0) + 3.0));
            let fill = match st.status {
                StageProgress::Completed => r##"fill="#1f4e79""##,
                _ => r##"fill="#4f8fc0""##,
            };
            rect(&mut out, ax1, y + 18.0, ax2 - ax1, 9.0, fill);
        }
    }
    // As-of marker.
    let xa = x(as_of.0);
    line(
        &mut out,
        xa,
        top - 6.0,
        xa,
        bottom,
        r##"stroke="#b03a2e" stroke-width="1.4" stroke-dasharray="4 3""##,
    );
    let anchor = if xa > WIDTH - 120.0 { "end" } else { "start" };
    let dx = if anchor == "end" { -4.0 } else { 4.0 };
    text(
        &mut out,
        xa + dx,
        top - 10.0,
        &format!(r##"font-size="10" fill="#b03a2e" text-anchor="{anchor}""##),
        &format!("As of {}", date(as_of)),
    );
    // Legend, above the stage names.
    let lx = 6.0;
    rect(
        &mut out,
        lx,
        6.0,
        14.0,
        8.0,
        r##"fill="#dbe4ee" stroke="#8da2b8" stroke-width="0.8""##,
    );
    text(
        &mut out,
        lx + 18.0,
        14.0,
        r##"font-size="10" fill="#4a5561""##,
        "Planned",
    );
    rect(&mut out, lx + 64.0, 6.0, 14.0, 8.0, r##"fill="#1f4e79""##);
    text(
        &mut out,
        lx + 82.0,
        14.0,
        r##"font-size="10" fill="#4a5561""##,
        "Actual",
    );
    if stages.iter().any(|st| st.status == StageProgress::Started) {
        rect(&mut out, lx + 120.0, 6.0, 14.0, 8.0, r##"fill="#4f8fc0""##);
        text(
            &mut out,
            lx + 138.0,
            14.0,
            r##"font-size="10" fill="#4a5561""##,
            "In progress",
        );
    }
    out.push_str("</svg>");
    out
}

// ---------------------------------------------------------------- heat map

/// A score's colour on the framework's scale: red (low) through pale
/// yellow to blue (high), ColorBrewer RdYlBu; and the text colour on it.
pub fn score_colour(v: f64, min: i64, max: i64) -> (String, &'static str) {
    const STOPS: [(u8, u8, u8); 5] = [
        (215, 48, 39),
        (252, 141, 89),
        (254, 224, 144),
        (145, 191, 219),
        (69, 117, 180),
    ];
    let range = (max - min).max(1) as f64;
    let t = ((v - min as f64) / range).clamp(0.0, 1.0) * 4.0;
    let i = (t.floor() as usize).min(3);
    let f = t - i as f64;
    let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * f).round() as u8;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    let c = (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2));
    let ink = if !(0.6..=3.4).contains(&t) {
        "#ffffff"
    } else {
        "#1d2a38"
    };
    (format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2), ink)
}

/// Partnerships × criteria: each latest review's mean, its change since
/// the previous stage, divergence outlined. Only partnerships with a
/// review with responses have a row.
pub fn heat_map(s: &StageSnapshot) -> Option<String> {
    let rows: Vec<&PartnershipSnapshot> = s
        .partnerships
        .iter()
        .filter(|p| p.summary.latest_review.is_some())
        .collect();
    if rows.is_empty() || s.criteria.is_empty() {
        return None;
    }
    let prefix = prefix_of(s);
    let mut out = String::new();
    let left = 180.0;
    let date_w = 60.0;
    let cols = s.criteria.len() as f64;
    let cell_w = ((WIDTH - left - date_w - 8.0) / cols).min(110.0);
    let cell_h = 34.0;
    // Headings are the framework's labels, on up to six lines while they
    // fit; slanted when the columns are too narrow for that.
    let chars = ((cell_w - 2.0) / 5.4) as usize;
    let heading_lines = 6;
    let slanted = s
        .criteria
        .iter()
        .any(|c| wrap(&c.label, chars, heading_lines).concat().contains('…'));
    let lines = s
        .criteria
        .iter()
        .map(|c| wrap(&c.label, chars, heading_lines).len())
        .max()
        .unwrap_or(1) as f64;
    let top = if slanted { 150.0 } else { lines * 11.5 + 14.0 };
    let legend_h = 44.0;
    let height = top + rows.len() as f64 * cell_h + legend_h;
    open(
        &mut out,
        height,
        &format!(
            "Heat map: mean score per criterion of each partnership's latest review, as of {}",
            date(s.as_of)
        ),
        "heatmap",
    );
    for (j, c) in s.criteria.iter().enumerate() {
        let cx = left + (j as f64 + 0.5) * cell_w;
        if slanted {
            let short = wrap(&c.label, 34, 1).concat();
            let (ax, ay) = (cx - 2.0, top - 6.0);
            let _ = write!(
                out,
                r##"<text x="{x}" y="{y}" transform="rotate(-55 {x} {y})" font-size="10" font-weight="700" fill="#1d2a38">{t}</text>"##,
                x = n(ax),
                y = n(ay),
                t = esc(&short)
            );
        } else {
            let parts = wrap(&c.label, chars, heading_lines);
            // Bottom-aligned, so that every heading sits on the grid.
            let first = top - 8.0 - (parts.len() as f64 - 1.0) * 11.5;
            let _ = write!(
                out,
                r##"<text x="{}" y="{}" font-size="10" font-weight="700" fill="#1d2a38" text-anchor="middle">"##,
                n(cx),
                n(first)
            );
            for (i, part) in parts.iter().enumerate() {
                if i == 0 {
                    let _ = write!(out, "<tspan>{}</tspan>", esc(part));
                } else {
                    let _ = write!(
                        out,
                        r#"<tspan x="{}" dy="11.5">{}</tspan>"#,
                        n(cx),
                        esc(part)
                    );
                }
            }
            out.push_str("</text>");
        }
    }
    text(
        &mut out,
        left + cols * cell_w + 8.0,
        top - 8.0,
        r##"font-size="10" fill="#4a5561""##,
        "Reviewed",
    );
    for (i, p) in rows.iter().enumerate() {
        let y = top + i as f64 * cell_h;
        label(
            &mut out,
            left - 8.0,
            y + cell_h / 2.0,
            r##"font-size="10.5" fill="#1d2a38" text-anchor="end""##,
            &short_name(&p.summary.name, prefix.as_deref()),
            31,
            2,
        );
        for (j, c) in s.criteria.iter().enumerate() {
            let x = left + j as f64 * cell_w;
            match p.summary.latest_scores.get(&c.criterion) {
                None => {
                    rect(
                        &mut out,
                        x + 1.0,
                        y + 1.0,
                        cell_w - 2.0,
                        cell_h - 2.0,
                        r##"fill="#eef1f4""##,
                    );
                    text(
                        &mut out,
                        x + cell_w / 2.0,
                        y + cell_h / 2.0 + 4.0,
                        r##"font-size="10" fill="#8a96a3" text-anchor="middle""##,
                        "–",
                    );
                }
                Some(v) => {
                    let (fill, ink) = score_colour(*v, c.scale_min, c.scale_max);
                    rect(
                        &mut out,
                        x + 1.0,
                        y + 1.0,
                        cell_w - 2.0,
                        cell_h - 2.0,
                        &format!(r#"fill="{fill}""#),
                    );
                    let delta = super::shown_change(p, &c.criterion);
                    let vy = if delta.is_some() {
                        y + 15.0
                    } else {
                        y + cell_h / 2.0 + 4.5
                    };
                    text(
                        &mut out,
                        x + cell_w / 2.0,
                        vy,
                        &format!(
                            r#"font-size="12.5" font-weight="700" fill="{ink}" text-anchor="middle""#
                        ),
                        &mean(*v),
                    );
                    if let Some(d) = delta {
                        let arrow = if d > 0.05 {
                            "▲ "
                        } else if d < -0.05 {
                            "▼ "
                        } else {
                            ""
                        };
                        text(
                            &mut out,
                            x + cell_w / 2.0,
                            y + 27.0,
                            &format!(r#"font-size="9" fill="{ink}" text-anchor="middle""#),
                            &format!("{arrow}{}", change(d)),
                        );
                    }
                    if p.summary.diverging.contains(&c.criterion) {
                        rect(
                            &mut out,
                            x + 2.5,
                            y + 2.5,
                            cell_w - 5.0,
                            cell_h - 5.0,
                            r##"fill="none" stroke="#1d2a38" stroke-width="2" stroke-dasharray="5 2.5""##,
                        );
                    }
                }
            }
        }
        text(
            &mut out,
            left + cols * cell_w + 8.0,
            y + cell_h / 2.0 + 4.0,
            r##"font-size="10" fill="#4a5561""##,
            &p.latest_review_on
                .map(|d| d.0.format("%b %Y").to_string())
                .unwrap_or_default(),
        );
        if super::not_reviewed_since(p) {
            text(
                &mut out,
                left + cols * cell_w + 8.0,
                y + cell_h / 2.0 + 15.0,
                r##"font-size="8.5" fill="#8a96a3" font-style="italic""##,
                "no new review",
            );
        }
    }
    // Legend: the scale, and the divergence outline.
    let ly = top + rows.len() as f64 * cell_h + 14.0;
    let (min, max) = (s.criteria[0].scale_min, s.criteria[0].scale_max);
    let steps = (max - min).clamp(1, 10);
    text(
        &mut out,
        left - 8.0,
        ly + 11.0,
        r##"font-size="10" fill="#4a5561" text-anchor="end""##,
        "Score",
    );
    for k in 0..=steps {
        let v = min as f64 + (max - min) as f64 * k as f64 / steps as f64;
        let (fill, ink) = score_colour(v, min, max);
        let x = left + k as f64 * 30.0;
        rect(&mut out, x, ly, 30.0, 16.0, &format!(r#"fill="{fill}""#));
        text(
            &mut out,
            x + 15.0,
            ly + 11.5,
            &format!(r#"font-size="9.5" fill="{ink}" text-anchor="middle""#),
            &n(v),
        );
    }
    let lx = left + (steps + 1) as f64 * 30.0 + 16.0;
    rect(
        &mut out,
        lx,
        ly,
        26.0,
        16.0,
        r##"fill="#ffffff" stroke="#1d2a38" stroke-width="2" stroke-dasharray="5 2.5""##,
    );
    text(
        &mut out,
        lx + 32.0,
        ly + 11.5,
        r##"font-size="10" fill="#4a5561""##,
        "sides diverge",
    );
    if s.partnerships.iter().any(|p| p.previous_scores.is_some()) {
        text(
            &mut out,
            lx + 112.0,
            ly + 11.5,
            r##"font-size="10" fill="#4a5561""##,
            "▲▼ change since previous stage",
        );
    }
    out.push_str("</svg>");
    Some(out)
}

// ---------------------------------------------------------------- trends

/// A trend needs at least this many reviews with responses; a partnership
/// with fewer gets a sentence instead of a chart.
pub const TREND_AT_LEAST: usize = 2;

/// Line dash patterns, one per criterion after the colour: series stay
/// apart when printed in black and white or when colours are confused.
const DASHES: [&str; 8] = [
    "", "6 3", "2 2.5", "9 3 2 3", "1.5 3", "12 4", "4 2 1 2", "3 5",
];

/// A marker of shape `j` (circle, square, triangle, diamond, cross,
/// downward triangle, plus, star outline) centred on (`x`, `y`).
fn marker(out: &mut String, j: usize, x: f64, y: f64, colour: &str) {
    let r = 3.2;
    let fill = format!(r##"fill="{colour}" stroke="#ffffff" stroke-width="0.7""##);
    let poly = |pts: &[(f64, f64)]| {
        pts.iter()
            .map(|(a, b)| format!("{},{}", n(x + a * r), n(y + b * r)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let _ = match j % 8 {
        0 => write!(
            out,
            r#"<circle cx="{}" cy="{}" r="{}" {fill}/>"#,
            n(x),
            n(y),
            n(r)
        ),
        1 => write!(
            out,
            r#"<rect x="{}" y="{}" width="{w}" height="{w}" {fill}/>"#,
            n(x - r * 0.85),
            n(y - r * 0.85),
            w = n(r * 1.7)
        ),
        2 => write!(
            out,
            r#"<polygon points="{}" {fill}/>"#,
            poly(&[(0.0, -1.2), (1.1, 0.8), (-1.1, 0.8)])
        ),
        3 => write!(
            out,
            r#"<polygon points="{}" {fill}/>"#,
            poly(&[(0.0, -1.25), (1.1, 0.0), (0.0, 1.25), (-1.1, 0.0)])
        ),
        4 => write!(
            out,
            r#"<path d="M{},{}L{},{}M{},{}L{},{}" stroke="{colour}" stroke-width="2"/>"#,
            n(x - r),
            n(y - r),
            n(x + r),
            n(y + r),
            n(x - r),
            n(y + r),
            n(x + r),
            n(y - r)
        ),
        5 => write!(
            out,
            r#"<polygon points="{}" {fill}/>"#,
            poly(&[(0.0, 1.2), (1.1, -0.8), (-1.1, -0.8)])
        ),
        6 => write!(
            out,
            r#"<path d="M{},{}L{},{}M{},{}L{},{}" stroke="{colour}" stroke-width="2"/>"#,
            n(x - r * 1.1),
            n(y),
            n(x + r * 1.1),
            n(y),
            n(x),
            n(y - r * 1.1),
            n(x),
            n(y + r * 1.1)
        ),
        _ => write!(
            out,
            r##"<rect x="{}" y="{}" width="{w}" height="{w}" fill="#ffffff" stroke="{colour}" stroke-width="1.6"/>"##,
            n(x - r * 0.8),
            n(y - r * 0.8),
            w = n(r * 1.6)
        ),
    };
}

/// One small chart per partnership with at least [`TREND_AT_LEAST`]
/// reviews with responses: each criterion's mean, review by review, on a
/// time axis shared by all the panels.
pub fn trends(s: &StageSnapshot) -> Vec<(String, String)> {
    let panels: Vec<&PartnershipSnapshot> = s
        .partnerships
        .iter()
        .filter(|p| p.score_history.len() >= TREND_AT_LEAST)
        .collect();
    let Some(first) = panels
        .iter()
        .flat_map(|p| p.score_history.iter().map(|h| h.opened_on.0))
        .min()
    else {
        return Vec::new();
    };
    // The axis reaches back to the previous stage's end, so the line that
    // marks it is drawn whenever the caption says so.
    let first = month_start(s.changes.since.map_or(first, |d| d.0.min(first)));
    let last = next_month(s.as_of.0.max(first));
    let prefix = prefix_of(s);
    let (min, max) = s
        .criteria
        .first()
        .map_or((1, 5), |c| (c.scale_min, c.scale_max));
    panels
        .iter()
        .map(|p| {
            let name = short_name(&p.summary.name, prefix.as_deref());
            (
                name.clone(),
                trend_panel(s, p, &name, first, last, min, max),
            )
        })
        .collect()
}

/// The partnerships with exactly one review with responses (too few for a
/// trend), shortened names, with the month of that review.
pub fn single_reviews(s: &StageSnapshot) -> Vec<(String, NaiveDate)> {
    let prefix = prefix_of(s);
    s.partnerships
        .iter()
        .filter(|p| p.score_history.len() == 1)
        .map(|p| {
            (
                short_name(&p.summary.name, prefix.as_deref()),
                p.score_history[0].opened_on.0,
            )
        })
        .collect()
}

/// Trend panels are drawn this wide (SVG units) and laid out two to a row
/// of the A4 page (about 89 mm each): one unit prints at about 1.15 pt, so
/// the smallest text, 8.5 units, prints at about 9.7 pt.
const PANEL_W: f64 = 220.0;
const AXIS_FONT: f64 = 8.5;

#[allow(clippy::too_many_arguments)]
fn trend_panel(
    s: &StageSnapshot,
    p: &PartnershipSnapshot,
    name: &str,
    first: NaiveDate,
    last: NaiveDate,
    min: i64,
    max: i64,
) -> String {
    let (w, h) = (PANEL_W, 140.0);
    let (left, right, top, bottom) = (20.0, w - 10.0, 40.0, h - 20.0);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart trend" viewBox="0 0 {} {}" role="img" aria-label="Score trend: {label}"><title>Score trend: {label}</title>"#,
        n(w),
        n(h),
        label = esc(name)
    );
    label(
        &mut out,
        4.0,
        12.0,
        r##"font-size="10" font-weight="700" fill="#1d2a38""##,
        name,
        36,
        1,
    );
    let span = (last - first).num_days().max(1) as f64;
    // Data starts a little right of the score axis, so the first markers
    // do not sit on its numbers.
    let x0 = left + 8.0;
    let x = |d: NaiveDate| x0 + (d - first).num_days() as f64 / span * (right - x0);
    let range = (max - min).max(1) as f64;
    let y = |v: f64| bottom - (v - min as f64) / range * (bottom - top);
    let axis = format!(r##"font-size="{}" fill="#4a5561""##, n(AXIS_FONT));
    let every = ((max - min) / 5).max(1);
    for k in min..=max {
        let yk = y(k as f64);
        line(&mut out, left, yk, right, yk, r##"stroke="#e3e8ee""##);
        if (k - min) % every == 0 {
            text(
                &mut out,
                left - 4.0,
                yk + 3.0,
                &format!(r#"{axis} text-anchor="end""#),
                &k.to_string(),
            );
        }
    }
    // Ticks at the start and at each new year, labelled where they do not crowd.
    let mut m = first;
    let mut last_label = f64::NEG_INFINITY;
    while m < last {
        if m == first || m.month() == 1 {
            let xm = x(m);
            line(
                &mut out,
                xm,
                bottom,
                xm,
                bottom + 3.0,
                r##"stroke="#9aa7b4""##,
            );
            let label = if m == first {
                m.format("%b %Y").to_string()
            } else {
                m.format("%Y").to_string()
            };
            let room = if last_label == f64::NEG_INFINITY {
                0.0
            } else {
                48.0
            };
            if xm - last_label >= room && xm + 22.0 <= right + 8.0 {
                text(&mut out, xm + 1.0, h - 6.0, &axis, &label);
                last_label = xm;
            }
        }
        m = next_month(m);
    }
    // The previous stage's end.
    if let Some(since) = s.changes.since
        && since.0 >= first
    {
        let xs = x(since.0);
        line(
            &mut out,
            xs,
            top - 4.0,
            xs,
            bottom,
            r##"stroke="#b03a2e" stroke-width="1" stroke-dasharray="2 2""##,
        );
    }
    line(
        &mut out,
        left,
        bottom,
        right,
        bottom,
        r##"stroke="#9aa7b4""##,
    );
    // Series that coincide stay visible: each is shifted a little sideways
    // and drawn with its own dash pattern and marker shape.
    let k = s.criteria.len().max(1) as f64;
    for (j, c) in s.criteria.iter().enumerate() {
        let colour = SERIES[j % SERIES.len()];
        let dx = (j as f64 - (k - 1.0) / 2.0) * 1.6;
        let pts: Vec<(f64, f64)> = p
            .score_history
            .iter()
            .filter_map(|h| {
                h.scores
                    .get(&c.criterion)
                    .map(|v| (x(h.opened_on.0) + dx, y(*v)))
            })
            .collect();
        let pts = per_pixel(pts);
        if pts.len() > 1 {
            let d: Vec<String> = pts
                .iter()
                .map(|(a, b)| format!("{},{}", n(*a), n(*b)))
                .collect();
            let dash = DASHES[j % DASHES.len()];
            let dash = if dash.is_empty() {
                String::new()
            } else {
                format!(r#" stroke-dasharray="{dash}""#)
            };
            let _ = write!(
                out,
                r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="1.6"{dash}/>"#,
                d.join(" ")
            );
        }
        // Markers only while they can be told apart.
        if pts.len() <= 40 {
            for (a, b) in pts {
                marker(&mut out, j, a, b, colour);
            }
        }
    }
    if let Some(d) = p.score_history.last().map(|h| h.opened_on) {
        text(
            &mut out,
            4.0,
            27.0,
            &axis,
            &format!(
                "{} · latest {}",
                super::plural(p.score_history.len(), "review", "reviews"),
                d.0.format("%b %Y")
            ),
        );
    }
    out.push_str("</svg>");
    out
}

/// Points that fall in the same pixel column averaged into one, so that a
/// long history draws as a line the width of the chart, not thousands of
/// segments. Points keep their order.
fn per_pixel(pts: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64, usize)> = Vec::new();
    for (x, y) in pts {
        match out.last_mut() {
            Some((lx, ly, n)) if lx.round() == x.round() => {
                *ly = (*ly * *n as f64 + y) / (*n as f64 + 1.0);
                *n += 1;
            }
            _ => out.push((x, y, 1)),
        }
    }
    out.into_iter().map(|(x, y, _)| (x, y)).collect()
}

/// The key to one criterion's series: a short stretch of its line, dashed
/// as in the panels, with its marker; a small SVG to set before the label.
pub fn trend_key(j: usize) -> String {
    let colour = SERIES[j % SERIES.len()];
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="key" viewBox="0 0 30 12" width="30" height="12" aria-hidden="true">"#
    );
    let dash = DASHES[j % DASHES.len()];
    let dash = if dash.is_empty() {
        String::new()
    } else {
        format!(r#" stroke-dasharray="{dash}""#)
    };
    let _ = write!(
        out,
        r#"<line x1="0" y1="6" x2="30" y2="6" stroke="{colour}" stroke-width="1.8"{dash}/>"#
    );
    marker(&mut out, j, 15.0, 6.0, colour);
    out.push_str("</svg>");
    out
}

// ---------------------------------------------------------------- commitments

fn status_count(p: &accord_projections::status::CommitmentCounts, s: CommitmentStatus) -> usize {
    match s {
        CommitmentStatus::Open => p.open,
        CommitmentStatus::OnSchedule => p.on_schedule,
        CommitmentStatus::BehindSchedule => p.behind_schedule,
        CommitmentStatus::Completed => p.completed,
        CommitmentStatus::Dropped => p.dropped,
    }
}

/// Commitments by status: all partnerships as one bar, then one bar per
/// partnership that has commitments, with the overdue ones counted.
pub fn commitments(s: &StageSnapshot) -> Option<String> {
    let rows: Vec<&PartnershipSnapshot> = s
        .partnerships
        .iter()
        .filter(|p| p.summary.commitments.total() > 0)
        .collect();
    let total = s.totals.commitments.total();
    if rows.is_empty() || total == 0 {
        return None;
    }
    let prefix = prefix_of(s);
    let mut out = String::new();
    let left = 200.0;
    let right = WIDTH - 70.0;
    let top = 30.0;
    let all_h = 26.0;
    let row_h = 19.0;
    let gap = 22.0;
    let height = top + all_h + gap + rows.len() as f64 * row_h + 10.0;
    open(
        &mut out,
        height,
        &format!("Commitments by status, as of {}", date(s.as_of)),
        "commitments",
    );
    // Legend.
    let mut lx = 0.0;
    for (st, colour) in STATUS_COLOURS {
        rect(
            &mut out,
            lx,
            6.0,
            12.0,
            10.0,
            &format!(r#"fill="{colour}""#),
        );
        let name = super::sentence(crate::render::labels::commitment_status(st));
        text(
            &mut out,
            lx + 16.0,
            15.0,
            r##"font-size="10" fill="#1d2a38""##,
            &name,
        );
        lx += 24.0 + name.chars().count() as f64 * 5.6;
    }
    let _ = write!(
        out,
        r##"<text x="{}" y="15" font-size="10" fill="#b03a2e" text-anchor="end" font-weight="700">overdue</text>"##,
        n(WIDTH)
    );
    // All partnerships, as shares of the whole.
    let y0 = top;
    label(
        &mut out,
        left - 8.0,
        y0 + all_h / 2.0,
        r##"font-size="11" font-weight="700" fill="#1d2a38" text-anchor="end""##,
        &format!("All partnerships ({})", count(total)),
        34,
        1,
    );
    let mut x = left;
    for (st, colour) in STATUS_COLOURS {
        let k = status_count(&s.totals.commitments, st);
        if k == 0 {
            continue;
        }
        let w = k as f64 / total as f64 * (right - left);
        rect(
            &mut out,
            x,
            y0,
            w,
            all_h,
            &format!(r##"fill="{colour}" stroke="#ffffff" stroke-width="1""##),
        );
        if w > 16.0 {
            let ink = if matches!(
                st,
                CommitmentStatus::Open | CommitmentStatus::BehindSchedule
            ) {
                "#1d2a38"
            } else {
                "#ffffff"
            };
            text(
                &mut out,
                x + w / 2.0,
                y0 + all_h / 2.0 + 4.0,
                &format!(r#"font-size="10.5" font-weight="700" fill="{ink}" text-anchor="middle""#),
                &count(k),
            );
        }
        x += w;
    }
    let overdue_total = s.totals.overdue_commitments;
    text(
        &mut out,
        WIDTH,
        y0 + all_h / 2.0 + 4.0,
        r##"font-size="11" font-weight="700" fill="#b03a2e" text-anchor="end""##,
        &if overdue_total > 0 {
            count(overdue_total)
        } else {
            "–".into()
        },
    );
    // Per partnership, on a common scale.
    let most = rows
        .iter()
        .map(|p| p.summary.commitments.total())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let unit = (right - left) / most;
    let y1 = top + all_h + gap;
    line(
        &mut out,
        left,
        y1 - 8.0,
        right,
        y1 - 8.0,
        r##"stroke="#e3e8ee""##,
    );
    for (i, p) in rows.iter().enumerate() {
        let y = y1 + i as f64 * row_h;
        label(
            &mut out,
            left - 8.0,
            y + row_h / 2.0 - 1.0,
            r##"font-size="10.5" fill="#1d2a38" text-anchor="end""##,
            &short_name(&p.summary.name, prefix.as_deref()),
            36,
            1,
        );
        let mut x = left;
        for (st, colour) in STATUS_COLOURS {
            let k = status_count(&p.summary.commitments, st);
            if k == 0 {
                continue;
            }
            let w = k as f64 * unit;
            rect(
                &mut out,
                x,
                y + 2.0,
                w,
                row_h - 6.0,
                &format!(r##"fill="{colour}" stroke="#ffffff" stroke-width="1""##),
            );
            x += w;
        }
        text(
            &mut out,
            x + 5.0,
            y + row_h / 2.0 + 2.5,
            r##"font-size="9.5" fill="#4a5561""##,
            &count(p.summary.commitments.total()),
        );
        let overdue = p.summary.overdue_commitments.len();
        if overdue > 0 {
            text(
                &mut out,
                WIDTH,
                y + row_h / 2.0 + 2.5,
                r##"font-size="10.5" font-weight="700" fill="#b03a2e" text-anchor="end""##,
                &count(overdue),
            );
        }
    }
    out.push_str("</svg>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
