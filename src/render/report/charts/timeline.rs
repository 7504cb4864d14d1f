//! The programme's stages as planned and as carried out.

use accord_events::fields::Day;
use accord_projections::programme::StageProgress;
use accord_projections::snapshot::{StageLine, StageSnapshot};
use chrono::{Datelike, NaiveDate};

use super::*;
use crate::render::i18n::Tr;

pub(super) fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("day 1 exists")
}

pub(super) fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).expect("valid month")
}

/// The programme's stages, planned against actual, with the as-of date;
/// the snapshot's own stage highlighted.
pub fn timeline(s: &StageSnapshot, tr: &Tr) -> String {
    timeline_of(&s.stages, s.as_of, Some(s.stage), tr)
}

/// `stages`, planned against actual, as they stood on `as_of`; `current`
/// (if any) highlighted; the words in the languages of `tr`, the months
/// and dates in its leading one.
pub fn timeline_of(stages: &[StageLine], as_of: Day, current: Option<u32>, tr: &Tr) -> String {
    let mut out = String::new();
    let rows = stages.len().max(1) as f64;
    let top = 34.0;
    let row_h = 34.0;
    let height = top + rows * row_h + 40.0;
    open(
        &mut out,
        tr,
        height,
        &tr.label_by("chart-timeline-title", |tr| {
            vec![("date", tr.date(as_of).into())]
        }),
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

    month_axis(&mut out, (first, last), (left, right), (top, bottom), tr);
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
            tr,
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
        tr,
        xa + dx,
        top - 10.0,
        &format!(r##"font-size="10" fill="#b03a2e" text-anchor="{anchor}""##),
        &tr.say("chart-as-of", &[("date", tr.date(as_of).into())]),
    );
    legend(&mut out, stages, tr);
    out.push_str("</svg>");
    out
}

/// The month grid and its labels (months, then years only beyond three
/// years) along the time axis from `first` to `last`.
fn month_axis(
    out: &mut String,
    (first, last): (NaiveDate, NaiveDate),
    (left, right): (f64, f64),
    (top, bottom): (f64, f64),
    tr: &Tr,
) {
    let span = (last - first).num_days().max(1) as f64;
    let x = |d: NaiveDate| left + (d - first).num_days() as f64 / span * (right - left);
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
                out,
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
            let month = tr.say(&format!("month-{}", m.month()), &[]);
            let label_text = if step == 1 && w < 20.0 {
                month.chars().take(1).collect()
            } else {
                month
            };
            text(
                out,
                tr,
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
                out,
                tr,
                xm + 2.0,
                if step > 0 {
                    bottom + 27.0
                } else {
                    bottom + 14.0
                },
                r##"font-size="10" font-weight="700" fill="#24313f""##,
                &tr.digits(&m.year().to_string()),
            );
        }
    }
}

/// The legend, above the stage names.
fn legend(out: &mut String, stages: &[StageLine], tr: &Tr) {
    let lx = 6.0;
    let attrs = r##"font-size="10" fill="#4a5561""##;
    rect(
        out,
        lx,
        6.0,
        14.0,
        8.0,
        r##"fill="#dbe4ee" stroke="#8da2b8" stroke-width="0.8""##,
    );
    // Each swatch after the words before it: where the English legend
    // always put them, or further when the words are wider.
    let planned = stacked(out, tr, (lx + 18.0, 14.0, LINE), attrs, "chart-planned");
    let second = lx + (18.0 + planned + 8.0).max(64.0);
    rect(out, second, 6.0, 14.0, 8.0, r##"fill="#1f4e79""##);
    let actual = stacked(out, tr, (second + 18.0, 14.0, LINE), attrs, "chart-actual");
    if stages.iter().any(|st| st.status == StageProgress::Started) {
        let third = second + (18.0 + actual + 8.0).max(56.0);
        rect(out, third, 6.0, 14.0, 8.0, r##"fill="#4f8fc0""##);
        stacked(
            out,
            tr,
            (third + 18.0, 14.0, LINE),
            attrs,
            "chart-in-progress",
        );
    }
}
