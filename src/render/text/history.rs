//! `accord history` as text: one dated sentence per change, then the score
//! trends across reviews.

use accord_projections::history::{History, What};
use accord_projections::textdiff::word_diff;
use accord_projections::{Directory, Replay};

use super::worddiff::{LEGEND, changes_words, marked};
use super::{change, date, heading, labelled_text, mean, push_table, table, wrap};
use crate::render::style::Style;

/// A partnership's history as text (without the footer); with `diff`,
/// each revision is followed by what changed in the agreement's text.
pub fn render(h: &History, replay: &Replay, style: &Style, diff: bool) -> String {
    let mut out = String::new();
    out.push_str(&style.bold(&format!("History of {} ({})", h.name, h.partnership)));
    out.push('\n');
    out.push_str(&format!(
        "{} change(s) up to {}, in date order\n",
        h.changes.len(),
        date(h.as_of)
    ));
    out.push_str(&heading(style, "Changes"));
    changes(
        &mut out,
        h.changes.iter(),
        &replay.directory,
        diff.then_some(replay),
    );
    out.push_str(&heading(style, "Score trends"));
    trends(&mut out, h, style);
    out
}

/// One wrapped sentence per change, in date order (a back-dated entry
/// appears where it happened; JSON keeps the log's `seq` order). With
/// `texts` (the replay holding the agreements), each revision is followed
/// by its word diff from the version before.
pub fn changes<'a>(
    out: &mut String,
    changes: impl Iterator<Item = &'a accord_projections::history::Change>,
    dir: &Directory,
    texts: Option<&Replay>,
) {
    let mut changes: Vec<_> = changes.collect();
    changes.sort_by_key(|c| (c.on, c.seq));
    if changes.is_empty() {
        out.push_str("No changes.\n");
    }
    for c in changes {
        out.push_str(&wrap(
            &crate::render::changes::sentence(c, dir),
            "             ",
        ));
        if let (
            Some(replay),
            What::AgreementRevised {
                agreement, version, ..
            },
        ) = (texts, &c.what)
        {
            revision_diff(out, replay, agreement, *version);
        }
    }
}

/// What revision `version` of `agreement` changed in its text, word by word.
fn revision_diff(out: &mut String, replay: &Replay, agreement: &str, version: u32) {
    let indent = "               ";
    let versions = replay
        .partnerships
        .values()
        .find_map(|p| p.agreement(agreement))
        .map(|a| &a.versions);
    let texts = versions.and_then(|vs| {
        let new = vs.iter().find(|v| v.version == version)?;
        let old = vs.iter().find(|v| v.version + 1 == version)?;
        Some((&old.text, &new.text))
    });
    let Some((old, new)) = texts else {
        return;
    };
    let pieces = word_diff(old, new);
    if changes_words(&pieces) {
        out.push_str(&format!(
            "             What changed from v{}, word by word ({LEGEND}):\n",
            version - 1
        ));
        labelled_text(out, indent, &marked(&pieces), indent);
    } else {
        out.push_str(&format!(
            "             The text's words are those of v{} (spacing or line breaks only).\n",
            version - 1
        ));
    }
}

/// A table: one row per criterion, one column per review, then the change
/// from the first review to the last.
fn trends(out: &mut String, h: &History, style: &Style) {
    let mut reviews: Vec<(String, accord_events::fields::Day)> = Vec::new();
    for t in &h.trends {
        for p in &t.points {
            if !reviews.iter().any(|(r, _)| r == &p.review) {
                reviews.push((p.review.clone(), p.opened_on));
            }
        }
    }
    if reviews.is_empty() {
        out.push_str("No review has responses yet.\n");
        return;
    }
    reviews.sort_by_key(|(r, on)| (*on, r.clone()));
    let mut header: Vec<String> = vec!["Criterion".into()];
    header.extend(
        reviews
            .iter()
            .map(|(r, on)| format!("{r} ({})", on.0.format("%b %Y"))),
    );
    header.push("Change".into());
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = table(style, &header);
    for trend in &h.trends {
        let mut row = vec![trend.label.clone()];
        for (r, _) in &reviews {
            row.push(
                trend
                    .points
                    .iter()
                    .find(|p| &p.review == r)
                    .map_or("—".to_owned(), |p| mean(p.mean)),
            );
        }
        let change = match (trend.points.first(), trend.points.last()) {
            (Some(a), Some(b)) if trend.points.len() > 1 => {
                let d = b.mean - a.mean;
                let arrow = if d > 0.0 {
                    "↑"
                } else if d < 0.0 {
                    "↓"
                } else {
                    "→"
                };
                format!("{arrow} {}", change(d))
            }
            _ => String::new(),
        };
        row.push(change);
        t.add_row(row);
    }
    push_table(out, &t);
    out.push_str("Means over all respondents; `--json` gives them unrounded and by side.\n");
}
