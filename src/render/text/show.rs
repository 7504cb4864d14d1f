//! `accord show` as text.

use accord_events::fields::Side;
use accord_projections::partnership::{AgreementStatus, CommitmentStatus, ReviewState};
use accord_projections::{PartnershipState, Replay};
use comfy_table::Cell;

use super::{
    alert, caution, date, good, heading, keep_width, mean, occurred, opt_date, push_table, side,
    table, wrap,
};
use crate::render::labels;
use crate::render::style::Style;

/// The state of a partnership as text (without the footer).
pub fn render(s: &PartnershipState, replay: &Replay, style: &Style) -> String {
    let dir = &replay.directory;
    let mut out = String::new();
    out.push_str(&style.bold(&format!("{} ({})", s.name, s.partnership)));
    out.push('\n');
    let mut line = format!(
        "As of {} · established {}",
        date(s.as_of),
        date(s.established_on)
    );
    if let Some(h) = &s.host {
        line.push_str(&format!(" · hosted by {}", dir.org_name(h)));
    }
    out.push_str(&line);
    out.push('\n');
    if s.closed {
        out.push_str(&style.yellow(&format!(
            "Closed on {}: nothing more is recorded on it",
            super::opt_date(s.closed_on)
        )));
        out.push('\n');
    }
    members(&mut out, s, style);
    agreements(&mut out, s, style);
    review_status(&mut out, s, replay, style);
    commitments(&mut out, s, style);
    findings(&mut out, s, style);
    out
}

/// Current and former members.
fn members(out: &mut String, s: &PartnershipState, style: &Style) {
    out.push_str(&heading(style, "Members"));
    if s.members.is_empty() {
        out.push_str("No current members.\n");
    } else {
        let mut t = table(style, &["Id", "Organisation", "Side", "Role", "Since"]);
        for m in &s.members {
            t.add_row(vec![
                m.org.clone(),
                m.name.clone(),
                side(m.side).to_owned(),
                labels::role(m.role).to_owned(),
                date(m.joined_on),
            ]);
        }
        push_table(out, &t);
    }
    if !s.former_members.is_empty() {
        let left: Vec<String> = s
            .former_members
            .iter()
            .map(|f| format!("{} (left {})", f.name, date(f.left_on)))
            .collect();
        out.push_str(&wrap(&format!("Former members: {}", left.join(", ")), "  "));
    }
}

/// Agreements, then who endorsed which version.
fn agreements(out: &mut String, s: &PartnershipState, style: &Style) {
    out.push_str(&heading(style, "Agreements"));
    if s.agreements.is_empty() {
        out.push_str("No agreements yet.\n");
    } else {
        let mut t = table(
            style,
            &[
                "Agreement",
                "Title",
                "Status",
                "Current",
                "In force",
                "Adopted",
            ],
        );
        for a in &s.agreements {
            let status = match a.status {
                AgreementStatus::Adopted => good(crate::render::labels::agreement_status(a.status)),
                AgreementStatus::RevisionPending => {
                    caution(crate::render::labels::agreement_status(a.status))
                }
                _ => Cell::new(crate::render::labels::agreement_status(a.status)),
            };
            t.add_row(vec![
                Cell::new(&a.agreement),
                Cell::new(&a.title),
                status,
                Cell::new(format!("v{}", a.current_version)),
                Cell::new(
                    a.in_force_version
                        .map_or("—".to_owned(), |v| format!("v{v}")),
                ),
                Cell::new(opt_date(a.adopted_on)),
            ]);
        }
        push_table(out, &t);
        let endorsements: Vec<_> = s
            .agreements
            .iter()
            .flat_map(|a| a.endorsements.iter().map(move |e| (a, e)))
            .collect();
        if !endorsements.is_empty() {
            out.push_str(&heading(style, "Endorsements"));
            let mut t = table(
                style,
                &["Agreement", "Version", "Person", "For", "Side", "On"],
            );
            for (a, e) in endorsements {
                t.add_row(vec![
                    a.agreement.clone(),
                    format!("v{}", e.version),
                    e.person.clone(),
                    e.org.clone().unwrap_or_else(|| "—".to_owned()),
                    side(e.side).to_owned(),
                    occurred(&e.occurred_at),
                ]);
            }
            keep_width(&mut t, 0);
            keep_width(&mut t, 2);
            keep_width(&mut t, 3);
            push_table(out, &t);
        }
    }
}

/// The latest review with responses, and whether the next one is overdue.
fn review_status(out: &mut String, s: &PartnershipState, replay: &Replay, style: &Style) {
    match &s.latest_review {
        Some(r) => review(out, r, replay, style),
        None => {
            out.push_str(&heading(style, "Latest review"));
            out.push_str("No review with responses yet.\n");
        }
    }
    let overdue = if s.review_overdue {
        style.red("yes")
    } else {
        "no".to_owned()
    };
    let why = match (s.next_review_due, &s.latest_review, s.closed) {
        (_, _, true) => " (closed)".to_owned(),
        (Some(d), _, _) => format!(" (next review due {})", date(d)),
        (None, Some(_), _) => " (the latest review set no next date)".to_owned(),
        (None, None, _) if s.review_overdue => {
            " (no review since a programme stage was completed)".to_owned()
        }
        (None, None, _) => String::new(),
    };
    out.push_str(&format!("Review overdue: {overdue}{why}\n"));
}

/// Commitments with their reported status.
fn commitments(out: &mut String, s: &PartnershipState, style: &Style) {
    out.push_str(&heading(style, "Commitments"));
    if s.commitments.is_empty() {
        out.push_str("No commitments yet.\n");
    } else {
        let mut t = table(style, &["Commitment", "Owner", "Due", "Status", "Overdue"]);
        for c in &s.commitments {
            let status = match c.status {
                CommitmentStatus::Completed => {
                    good(crate::render::labels::commitment_status(c.status))
                }
                CommitmentStatus::BehindSchedule => {
                    caution(crate::render::labels::commitment_status(c.status))
                }
                _ => Cell::new(crate::render::labels::commitment_status(c.status)),
            };
            t.add_row(vec![
                Cell::new(format!("{}: {}", c.commitment, c.text)),
                Cell::new(&c.owner),
                Cell::new(date(c.due)),
                status,
                if c.overdue {
                    alert("overdue")
                } else {
                    Cell::new("")
                },
            ]);
        }
        push_table(out, &t);
    }
}

/// Findings by SWOT quadrant and theme.
fn findings(out: &mut String, s: &PartnershipState, style: &Style) {
    out.push_str(&heading(style, "Findings"));
    if s.findings.is_empty() {
        out.push_str("No findings yet.\n");
    } else {
        let mut t = table(style, &["SWOT", "Theme", "Finding"]);
        for f in &s.findings {
            t.add_row(vec![
                labels::swot(f.swot).to_owned(),
                labels::theme(f.theme).to_owned(),
                f.text.clone(),
            ]);
        }
        push_table(out, &t);
    }
}

/// A review's scores, overall and by side, with divergence marked.
pub fn review(out: &mut String, r: &ReviewState, replay: &Replay, style: &Style) {
    let framework = replay.programme.frameworks.get_or_default(&r.framework);
    let concluded = r
        .concluded_on
        .map(|d| format!(", concluded {}", date(d)))
        .unwrap_or_default();
    out.push_str(&heading(style, &format!("Latest review: {}", r.review)));
    out.push_str(&wrap(
        &format!(
            "{} opened {}{concluded}; {} response(s), framework {}",
            labels::review_kind(r.kind),
            date(r.opened_on),
            r.responses.len(),
            r.framework
        ),
        "",
    ));
    let sides: Vec<Side> = r.by_side.keys().copied().collect();
    let mut header: Vec<String> = vec!["Criterion".into(), "All".into()];
    header.extend(sides.iter().map(|s| labels::side_heading(*s).to_owned()));
    let marks = !r.diverging.is_empty();
    if marks {
        header.push(String::new());
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = table(style, &header);
    for c in labels::in_framework_order(framework, r.scores.keys()) {
        let mut row = vec![
            Cell::new(labels::criterion(framework, c)),
            Cell::new(mean(r.scores[c])),
        ];
        for s in &sides {
            row.push(Cell::new(
                r.by_side[s].get(c).map_or("—".to_owned(), |m| mean(*m)),
            ));
        }
        if marks {
            row.push(if r.diverging.contains(c) {
                alert("diverges")
            } else {
                Cell::new("")
            });
        }
        t.add_row(row);
    }
    // Criteria are named by their framework's (long) labels: give them room.
    if let Some(col) = t.column_mut(0) {
        col.set_constraint(comfy_table::ColumnConstraint::LowerBoundary(
            comfy_table::Width::Fixed(22),
        ));
    }
    push_table(out, &t);
    if !r.diverging.is_empty() {
        let half = framework.range() as f64 / 2.0;
        out.push_str(&wrap(
            &format!(
                "Diverging: government and development partners' means differ by {} or more on {}.",
                mean(half),
                labels::in_framework_order(framework, r.diverging.iter())
                    .into_iter()
                    .map(|c| labels::criterion(framework, c))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "  ",
        ));
    }
}
