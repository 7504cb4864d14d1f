//! `accord history` as text: one dated sentence per change, then the score
//! trends across reviews.

use accord_projections::history::{History, What};
use accord_projections::textdiff::word_diff;
use accord_projections::{Directory, Replay};

use super::worddiff::{changes_words, marked};
use super::{change, heading, labelled_text, mean, push_table, table, wrap};
use crate::render::i18n::{Arg, Tr};
use crate::render::style::Style;

/// A partnership's history as text (without the footer), in the languages
/// of `tr`; with `diff`, each revision is followed by what changed in the
/// agreement's text.
pub fn render(h: &History, replay: &Replay, style: &Style, diff: bool, tr: &Tr) -> String {
    let mut out = String::new();
    out.push_str(&style.bold(&tr.label(
        "history-title",
        &[
            ("name", h.name.as_str().into()),
            ("partnership", h.partnership.as_str().into()),
        ],
    )));
    out.push('\n');
    out.push_str(&format!(
        "{}\n",
        tr.say(
            "history-count",
            &[
                ("n", tr.digits(&h.changes.len().to_string()).into()),
                ("date", tr.date(h.as_of).into()),
            ],
        )
    ));
    out.push_str(&heading(style, &tr.label("history-changes", &[])));
    changes(
        &mut out,
        h.changes.iter(),
        &replay.directory,
        diff.then_some(replay),
        tr,
    );
    out.push_str(&heading(style, &tr.label("score-trends", &[])));
    trends(&mut out, h, style, tr);
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
    tr: &Tr,
) {
    let mut changes: Vec<_> = changes.collect();
    changes.sort_by_key(|c| (c.on, c.seq));
    if changes.is_empty() {
        out.push_str(&format!("{}\n", tr.say("history-no-changes", &[])));
    }
    for c in changes {
        out.push_str(&wrap(
            &crate::render::changes::sentence(c, dir, tr),
            "             ",
        ));
        if let (
            Some(replay),
            What::AgreementRevised {
                agreement, version, ..
            },
        ) = (texts, &c.what)
        {
            revision_diff(out, replay, agreement, *version, tr);
        }
    }
}

/// What revision `version` of `agreement` changed in its text, word by word.
fn revision_diff(out: &mut String, replay: &Replay, agreement: &str, version: u32, tr: &Tr) {
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
    let previous = || Arg::S((version - 1).to_string());
    if changes_words(&pieces) {
        out.push_str(&format!(
            "             {}\n",
            tr.say(
                "history-what-changed",
                &[
                    ("version", previous()),
                    ("legend", tr.say("diff-legend", &[]).into())
                ]
            )
        ));
        labelled_text(out, indent, &marked(&pieces), indent);
    } else {
        out.push_str(&format!(
            "             {}\n",
            tr.say("history-same-words", &[("version", previous())])
        ));
    }
}

/// A table: one row per criterion, one column per review, then the change
/// from the first review to the last.
fn trends(out: &mut String, h: &History, style: &Style, tr: &Tr) {
    let mut reviews: Vec<(String, accord_events::fields::Day)> = Vec::new();
    for t in &h.trends {
        for p in &t.points {
            if !reviews.iter().any(|(r, _)| r == &p.review) {
                reviews.push((p.review.clone(), p.opened_on));
            }
        }
    }
    if reviews.is_empty() {
        out.push_str(&format!("{}\n", tr.say("history-no-reviews", &[])));
        return;
    }
    reviews.sort_by_key(|(r, on)| (*on, r.clone()));
    let stacked = tr.stacked();
    let mut header: Vec<String> = vec![stacked.label("col-criterion", &[])];
    header.extend(
        reviews
            .iter()
            .map(|(r, on)| format!("{r} ({})", tr.month_year(on.0))),
    );
    header.push(stacked.label("col-change", &[]));
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
    out.push_str(&format!("{}\n", tr.say("history-means", &[])));
}
