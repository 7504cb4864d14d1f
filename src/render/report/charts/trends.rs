//! Score trends: one small chart per partnership reviewed at least twice.

use std::fmt::Write;

use accord_projections::snapshot::{PartnershipSnapshot, StageSnapshot};
use chrono::{Datelike, NaiveDate};

use super::timeline::{month_start, next_month};
use super::*;
use crate::render::i18n::Tr;
use crate::render::report::esc_html as esc;

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
/// time axis shared by all the panels; the words in the languages of `tr`.
pub fn trends(s: &StageSnapshot, tr: &Tr) -> Vec<(String, String)> {
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
                trend_panel(s, p, &name, (first, last), (min, max), tr),
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

fn trend_panel(
    s: &StageSnapshot,
    p: &PartnershipSnapshot,
    name: &str,
    (first, last): (NaiveDate, NaiveDate),
    (min, max): (i64, i64),
    tr: &Tr,
) -> String {
    let (w, h) = (PANEL_W, 140.0);
    let (left, right, top, bottom) = (20.0, w - 10.0, 40.0, h - 20.0);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart trend" viewBox="0 0 {} {}"{font} role="img" aria-label="{label}"><title>{label}</title>"#,
        n(w),
        n(h),
        font = font(tr),
        label = esc(&tr.label("chart-trend-title", &[("name", name.into())]))
    );
    label(
        &mut out,
        tr,
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
                tr,
                left - 4.0,
                yk + 3.0,
                &format!(r#"{axis} text-anchor="end""#),
                &k.to_string(),
            );
        }
    }
    year_ticks(&mut out, (first, last), &x, (bottom, right, h), &axis, tr);
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
            tr,
            4.0,
            27.0,
            &axis,
            &tr.say(
                "chart-trend-latest",
                &[
                    (
                        "reviews",
                        tr.say("chart-n-reviews", &[("n", p.score_history.len().into())])
                            .into(),
                    ),
                    ("date", tr.month_year(d.0).into()),
                ],
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

/// True when at least one partnership has a trend to draw.
pub fn drawn(s: &StageSnapshot) -> bool {
    s.partnerships
        .iter()
        .any(|p| p.score_history.len() >= TREND_AT_LEAST)
}

/// Ticks at the start and at each new year, labelled where they do not crowd.
fn year_ticks(
    out: &mut String,
    (first, last): (NaiveDate, NaiveDate),
    x: &dyn Fn(NaiveDate) -> f64,
    (bottom, right, h): (f64, f64, f64),
    axis: &str,
    tr: &Tr,
) {
    let mut m = first;
    let mut last_label = f64::NEG_INFINITY;
    while m < last {
        if m == first || m.month() == 1 {
            let xm = x(m);
            line(out, xm, bottom, xm, bottom + 3.0, r##"stroke="#9aa7b4""##);
            let label = if m == first {
                tr.month_year(m)
            } else {
                tr.digits(&m.year().to_string())
            };
            let room = if last_label == f64::NEG_INFINITY {
                0.0
            } else {
                48.0
            };
            if xm - last_label >= room && xm + 22.0 <= right + 8.0 {
                text(out, tr, xm + 1.0, h - 6.0, axis, &label);
                last_label = xm;
            }
        }
        m = next_month(m);
    }
}
