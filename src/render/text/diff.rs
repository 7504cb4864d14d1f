//! `accord diff` as text.

use accord_projections::Replay;
use accord_projections::diff::{PartnershipDiff, Transition};

use super::{change, date, heading, mean, opt_date, push_table, side, table, wrap};
use crate::render::i18n::Tr;
use crate::render::labels;
use crate::render::style::Style;

fn arrow<T, F: Fn(&T) -> String>(t: &Transition<T>, f: F) -> String {
    format!("{} → {}", f(&t.from), f(&t.to))
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

/// What changed between two dates, as text (without the footer).
pub fn render(d: &PartnershipDiff, replay: &Replay, style: &Style) -> String {
    let dir = &replay.directory;
    let mut out = String::new();
    out.push_str(&style.bold(&format!("Changes to {} ({})", d.name, d.partnership)));
    out.push('\n');
    out.push_str(&format!(
        "From the end of {} to the end of {}\n",
        date(d.from),
        date(d.to)
    ));
    if d.is_empty() {
        out.push_str("\nNothing changed.\n");
        return out;
    }
    if !d.members_joined.is_empty() || !d.members_left.is_empty() || !d.role_changes.is_empty() {
        out.push_str(&heading(style, "Members"));
        for m in &d.members_joined {
            out.push_str(&format!(
                "+ {} ({}) joined as {}\n",
                m.name,
                side(m.side),
                labels::role(m.role)
            ));
        }
        for m in &d.members_left {
            out.push_str(&format!("- {} ({}) left\n", m.name, side(m.side)));
        }
        for r in &d.role_changes {
            out.push_str(&format!(
                "~ {}: {} → {}\n",
                dir.org_name(&r.org),
                labels::role(r.from),
                labels::role(r.to)
            ));
        }
    }
    agreements(&mut out, d, style);
    reviews(&mut out, d, replay, style);
    if !d.commitments.is_empty() {
        out.push_str(&heading(style, "Commitments"));
        let mut t = table(style, &["Commitment", "Status", "Due", "Overdue"]);
        for c in &d.commitments {
            t.add_row(vec![
                c.commitment.clone(),
                arrow(&c.status, |s| {
                    s.map_or("(new)".to_owned(), |s| {
                        labels::commitment_status(s).to_owned()
                    })
                }),
                if c.new || c.due.from == c.due.to {
                    opt_date(c.due.to)
                } else {
                    arrow(&c.due, |d| opt_date(*d))
                },
                if c.overdue.from == c.overdue.to {
                    yes_no(c.overdue.to)
                } else {
                    arrow(&c.overdue, |o| yes_no(*o))
                },
            ]);
        }
        push_table(&mut out, &t);
    }
    if !d.findings_added.is_empty() {
        out.push_str(&heading(style, "Findings added"));
        for f in &d.findings_added {
            out.push_str(&wrap(
                &format!(
                    "+ {} ({}, {}): {}",
                    f.finding,
                    labels::swot(f.swot),
                    labels::theme(f.theme),
                    f.text
                ),
                "  ",
            ));
        }
    }
    if d.review_overdue.from != d.review_overdue.to {
        out.push_str(&format!(
            "\nReview overdue: {}\n",
            arrow(&d.review_overdue, |o| yes_no(*o))
        ));
    }
    if d.closed.to && !d.closed.from {
        out.push_str("\nThe partnership was closed.\n");
    }
    out.push_str(&heading(style, "Change by change"));
    super::history::changes(&mut out, d.changes.iter(), dir, None, &Tr::english());
    out
}

/// Reviews opened, the latest review, score changes and diverging criteria.
fn reviews(out: &mut String, d: &PartnershipDiff, replay: &Replay, style: &Style) {
    let framework = labels::framework_of(replay, &d.partnership);
    if !d.reviews_opened.is_empty()
        || !d.score_changes.is_empty()
        || d.latest_review.from != d.latest_review.to
    {
        out.push_str(&heading(style, "Reviews"));
        if !d.reviews_opened.is_empty() {
            out.push_str(&format!("Opened: {}\n", d.reviews_opened.join(", ")));
        }
        out.push_str(&format!(
            "Latest review: {}\n",
            arrow(&d.latest_review, |r| r
                .clone()
                .unwrap_or_else(|| "none".into()))
        ));
        if !d.score_changes.is_empty() {
            let mut t = table(style, &["Criterion", "From", "To", "Change"]);
            let mut changes: Vec<_> = d.score_changes.iter().collect();
            changes.sort_by_key(|c| (framework.position(&c.criterion), c.criterion.clone()));
            for c in changes {
                let change = match (c.from, c.to) {
                    (Some(a), Some(b)) => change(b - a),
                    _ => String::new(),
                };
                t.add_row(vec![
                    labels::criterion(framework, &c.criterion).to_owned(),
                    c.from.map_or("—".to_owned(), mean),
                    c.to.map_or("—".to_owned(), mean),
                    change,
                ]);
            }
            push_table(out, &t);
        }
        if d.diverging.from != d.diverging.to {
            out.push_str(&format!(
                "Diverging: {}\n",
                arrow(&d.diverging, |v| if v.is_empty() {
                    "none".to_owned()
                } else {
                    labels::in_framework_order(framework, v.iter())
                        .into_iter()
                        .map(|c| labels::criterion(framework, c))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
            ));
        }
    }
}

/// Agreements whose status, versions or endorsements changed.
fn agreements(out: &mut String, d: &PartnershipDiff, style: &Style) {
    if !d.agreements.is_empty() {
        out.push_str(&heading(style, "Agreements"));
        let mut t = table(
            style,
            &[
                "Agreement",
                "Status",
                "In force",
                "New versions",
                "New endorsements",
            ],
        );
        for a in &d.agreements {
            let status = arrow(&a.status, |s| {
                s.map_or("(new)".to_owned(), |s| {
                    labels::agreement_status(s).to_owned()
                })
            });
            let endorsers: Vec<String> = a
                .endorsements_added
                .iter()
                .map(|e| format!("{} v{}", e.org.as_deref().unwrap_or(&e.person), e.version))
                .collect();
            t.add_row(vec![
                a.agreement.clone(),
                status,
                arrow(&a.in_force_version, |v| {
                    v.map_or("—".to_owned(), |v| format!("v{v}"))
                }),
                a.versions_added
                    .iter()
                    .map(|v| format!("v{v}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                endorsers.join(", "),
            ]);
        }
        push_table(out, &t);
    }
}
