//! Commitments by status, as stacked bars.

use accord_projections::partnership::CommitmentStatus;
use accord_projections::snapshot::{PartnershipSnapshot, StageSnapshot};

use super::*;
use crate::render::i18n::Tr;

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
/// partnership that has commitments, with the overdue ones counted; the
/// words in the languages of `tr`.
pub fn commitments(s: &StageSnapshot, tr: &Tr) -> Option<String> {
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
    // Below the legend, which takes a line for each language.
    let top = 30.0 + LINE * (stacked_lines(tr) - 1) as f64;
    let all_h = 26.0;
    let row_h = 19.0;
    let gap = 22.0;
    let height = top + all_h + gap + rows.len() as f64 * row_h + 10.0;
    open(
        &mut out,
        tr,
        height,
        &tr.label_by("chart-commitments-title", |tr| {
            vec![("date", tr.date(s.as_of).into())]
        }),
        "commitments",
    );
    legend(&mut out, tr);
    all_bar(&mut out, s, tr, (left, right), (top, all_h));
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
            tr,
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
            tr,
            x + 5.0,
            y + row_h / 2.0 + 2.5,
            r##"font-size="9.5" fill="#4a5561""##,
            &tr.count(p.summary.commitments.total()),
        );
        let overdue = p.summary.overdue_commitments.len();
        if overdue > 0 {
            text(
                &mut out,
                tr,
                WIDTH,
                y + row_h / 2.0 + 2.5,
                r##"font-size="10.5" font-weight="700" fill="#b03a2e" text-anchor="end""##,
                &tr.count(overdue),
            );
        }
    }
    out.push_str("</svg>");
    Some(out)
}

/// True when there are commitments to draw.
pub fn drawn(s: &StageSnapshot) -> bool {
    s.totals.commitments.total() > 0
        && s.partnerships
            .iter()
            .any(|p| p.summary.commitments.total() > 0)
}

/// The legend: one swatch per status, and what the number on the right
/// counts.
fn legend(out: &mut String, tr: &Tr) {
    let mut lx = 0.0;
    for (st, colour) in STATUS_COLOURS {
        rect(out, lx, 6.0, 12.0, 10.0, &format!(r#"fill="{colour}""#));
        let id = match st {
            CommitmentStatus::Open => "col-open",
            CommitmentStatus::OnSchedule => "col-on-schedule",
            CommitmentStatus::BehindSchedule => "col-behind-schedule",
            CommitmentStatus::Completed => "col-completed",
            CommitmentStatus::Dropped => "col-dropped",
        };
        let wide = stacked(
            out,
            tr,
            (lx + 16.0, 15.0, LINE),
            r##"font-size="10" fill="#1d2a38""##,
            id,
        );
        // As wide as the words (Latin at 5.6 a letter, as always).
        lx += 24.0 + wide * 1.12;
    }
    stacked(
        out,
        tr,
        (WIDTH, 15.0, LINE),
        r##"font-size="10" fill="#b03a2e" text-anchor="end" font-weight="700""##,
        "overdue",
    );
}

/// All partnerships as one bar, as shares of the whole, with its label and
/// the overdue ones counted on the right.
fn all_bar(
    out: &mut String,
    s: &StageSnapshot,
    tr: &Tr,
    (left, right): (f64, f64),
    (y0, all_h): (f64, f64),
) {
    let total = s.totals.commitments.total();
    let attrs = r##"font-size="11" font-weight="700" fill="#1d2a38" text-anchor="end""##;
    let all = tr
        .stacked()
        .label("chart-all-partnerships", &[("n", tr.count(total).into())]);
    if all.contains('\n') {
        // Bilingual: a line for each language, centred on the bar.
        let lines = all.lines().count() as f64;
        let first = y0 + all_h / 2.0 + FONT * 0.35 - (lines - 1.0) * LINE / 2.0;
        stacked_text(out, tr, (left - 8.0, first, LINE), attrs, &all);
    } else {
        label(out, tr, left - 8.0, y0 + all_h / 2.0, attrs, &all, 34, 1);
    }
    let mut x = left;
    for (st, colour) in STATUS_COLOURS {
        let k = status_count(&s.totals.commitments, st);
        if k == 0 {
            continue;
        }
        let w = k as f64 / total as f64 * (right - left);
        rect(
            out,
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
                out,
                tr,
                x + w / 2.0,
                y0 + all_h / 2.0 + 4.0,
                &format!(r#"font-size="10.5" font-weight="700" fill="{ink}" text-anchor="middle""#),
                &tr.count(k),
            );
        }
        x += w;
    }
    let overdue_total = s.totals.overdue_commitments;
    text(
        out,
        tr,
        WIDTH,
        y0 + all_h / 2.0 + 4.0,
        r##"font-size="11" font-weight="700" fill="#b03a2e" text-anchor="end""##,
        &if overdue_total > 0 {
            tr.count(overdue_total)
        } else {
            "–".into()
        },
    );
}
