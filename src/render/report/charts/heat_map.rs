//! The heat map of partnerships × criteria.

use std::fmt::Write;

use accord_projections::snapshot::{PartnershipSnapshot, StageSnapshot};

use super::*;
use crate::render::i18n::Tr;
use crate::render::report::{change, esc_html as esc, mean};

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
/// review with responses have a row. The words in the languages of `tr`.
pub fn heat_map(s: &StageSnapshot, tr: &Tr) -> Option<String> {
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
    let grid = Grid {
        left,
        top: 0.0,
        cell_w,
        cell_h,
    };
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
    let grid = Grid { top, ..grid };
    let legend_h = 44.0;
    let height = top + rows.len() as f64 * cell_h + legend_h;
    open(
        &mut out,
        tr,
        height,
        &tr.label_by("chart-heat-map-title", |tr| {
            vec![("date", tr.date(s.as_of).into())]
        }),
        "heatmap",
    );
    headings(&mut out, s, &grid, slanted, chars, heading_lines);
    // Over the dates, the languages one above the other, upwards.
    stacked(
        &mut out,
        tr,
        (left + cols * cell_w + 8.0, top - 8.0, -LINE),
        r##"font-size="10" fill="#4a5561""##,
        "chart-reviewed",
    );
    for (i, p) in rows.iter().enumerate() {
        let y = top + i as f64 * cell_h;
        label(
            &mut out,
            tr,
            left - 8.0,
            y + cell_h / 2.0,
            r##"font-size="10.5" fill="#1d2a38" text-anchor="end""##,
            &short_name(&p.summary.name, prefix.as_deref()),
            31,
            2,
        );
        for (j, c) in s.criteria.iter().enumerate() {
            let x = left + j as f64 * cell_w;
            cell(&mut out, tr, p, c, x, y, &grid);
        }
        text(
            &mut out,
            tr,
            left + cols * cell_w + 8.0,
            y + cell_h / 2.0 + 4.0,
            r##"font-size="10" fill="#4a5561""##,
            &p.latest_review_on
                .map(|d| tr.month_year(d.0))
                .unwrap_or_default(),
        );
        if crate::render::report::not_reviewed_since(p) {
            text(
                &mut out,
                tr,
                left + cols * cell_w + 8.0,
                y + cell_h / 2.0 + 15.0,
                r##"font-size="8.5" fill="#8a96a3" font-style="italic""##,
                &tr.say("no-new-review", &[]),
            );
        }
    }
    legend(&mut out, tr, s, &grid, rows.len());
    out.push_str("</svg>");
    Some(out)
}

/// True when the heat map has something to show: a partnership with a
/// review with responses, and criteria.
pub fn drawn(s: &StageSnapshot) -> bool {
    !s.criteria.is_empty()
        && s.partnerships
            .iter()
            .any(|p| p.summary.latest_review.is_some())
}

/// Where the grid of the heat map lies.
struct Grid {
    left: f64,
    top: f64,
    cell_w: f64,
    cell_h: f64,
}

/// The criteria's headings over the columns: wrapped, or slanted when the
/// columns are too narrow.
fn headings(
    out: &mut String,
    s: &StageSnapshot,
    grid: &Grid,
    slanted: bool,
    chars: usize,
    heading_lines: usize,
) {
    let (left, top, cell_w) = (grid.left, grid.top, grid.cell_w);
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
}

/// One partnership's mean on one criterion: coloured by the score, with
/// its change, outlined when the sides diverge.
#[allow(clippy::too_many_arguments)]
fn cell(
    out: &mut String,
    tr: &Tr,
    p: &PartnershipSnapshot,
    c: &accord_projections::snapshot::CriterionInfo,
    x: f64,
    y: f64,
    grid: &Grid,
) {
    let (cell_w, cell_h) = (grid.cell_w, grid.cell_h);
    match p.summary.latest_scores.get(&c.criterion) {
        None => {
            rect(
                out,
                x + 1.0,
                y + 1.0,
                cell_w - 2.0,
                cell_h - 2.0,
                r##"fill="#eef1f4""##,
            );
            text(
                out,
                tr,
                x + cell_w / 2.0,
                y + cell_h / 2.0 + 4.0,
                r##"font-size="10" fill="#8a96a3" text-anchor="middle""##,
                "–",
            );
        }
        Some(v) => {
            let (fill, ink) = score_colour(*v, c.scale_min, c.scale_max);
            rect(
                out,
                x + 1.0,
                y + 1.0,
                cell_w - 2.0,
                cell_h - 2.0,
                &format!(r#"fill="{fill}""#),
            );
            let delta = crate::render::report::shown_change(p, &c.criterion);
            let vy = if delta.is_some() {
                y + 15.0
            } else {
                y + cell_h / 2.0 + 4.5
            };
            text(
                out,
                tr,
                x + cell_w / 2.0,
                vy,
                &format!(r#"font-size="12.5" font-weight="700" fill="{ink}" text-anchor="middle""#),
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
                    out,
                    tr,
                    x + cell_w / 2.0,
                    y + 27.0,
                    &format!(r#"font-size="9" fill="{ink}" text-anchor="middle""#),
                    &format!("{arrow}{}", change(d)),
                );
            }
            if p.summary.diverging.contains(&c.criterion) {
                rect(
                    out,
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

/// The legend: the scale, and the divergence outline.
fn legend(out: &mut String, tr: &Tr, s: &StageSnapshot, grid: &Grid, rows: usize) {
    let (left, top, cell_h) = (grid.left, grid.top, grid.cell_h);
    // Legend: the scale, and the divergence outline.
    let ly = top + rows as f64 * cell_h + 14.0;
    let (min, max) = (s.criteria[0].scale_min, s.criteria[0].scale_max);
    let steps = (max - min).clamp(1, 10);
    stacked(
        out,
        tr,
        (left - 8.0, ly + 11.0, LINE),
        r##"font-size="10" fill="#4a5561" text-anchor="end""##,
        "chart-score",
    );
    for k in 0..=steps {
        let v = min as f64 + (max - min) as f64 * k as f64 / steps as f64;
        let (fill, ink) = score_colour(v, min, max);
        let x = left + k as f64 * 30.0;
        rect(out, x, ly, 30.0, 16.0, &format!(r#"fill="{fill}""#));
        text(
            out,
            tr,
            x + 15.0,
            ly + 11.5,
            &format!(r#"font-size="9.5" fill="{ink}" text-anchor="middle""#),
            &n(v),
        );
    }
    let lx = left + (steps + 1) as f64 * 30.0 + 16.0;
    rect(
        out,
        lx,
        ly,
        26.0,
        16.0,
        r##"fill="#ffffff" stroke="#1d2a38" stroke-width="2" stroke-dasharray="5 2.5""##,
    );
    let attrs = r##"font-size="10" fill="#4a5561""##;
    let diverge = stacked(
        out,
        tr,
        (lx + 32.0, ly + 11.5, LINE),
        attrs,
        "chart-sides-diverge",
    );
    if s.partnerships.iter().any(|p| p.previous_scores.is_some()) {
        stacked(
            out,
            tr,
            (lx + (32.0 + diverge + 14.0).max(112.0), ly + 11.5, LINE),
            attrs,
            "chart-change-since",
        );
    }
}
