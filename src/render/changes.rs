//! A partnership's changes (`accord history`'s entries) in words: one
//! sentence per change, used by the text history, `diff` and the reports.
//! The projection (`accord_projections::history`) returns data only.

use accord_events::fields::{InterviewFormat, Side};
use accord_projections::Directory;
use accord_projections::history::{Actor, Change, What};

use crate::render::labels;

fn words(s: &str) -> String {
    s.replace('_', " ")
}

fn org_with_side(dir: &Directory, org: &str, side: Option<Side>) -> String {
    match side {
        Some(s) => format!("{} ({})", dir.org_name(org), s.label()),
        None => dir.org_name(org).to_owned(),
    }
}

fn actor_text(dir: &Directory, a: &Actor) -> String {
    let name = dir.person_name(&a.person);
    match (&a.org, a.side) {
        (Some(o), Some(s)) => format!("{name} ({}, {})", dir.org_name(o), s.label()),
        (Some(o), None) => format!("{name} ({})", dir.org_name(o)),
        _ => name.to_owned(),
    }
}

fn org_list(dir: &Directory, orgs: &[String]) -> String {
    let names: Vec<&str> = orgs.iter().map(|o| dir.org_name(o)).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The change in one readable sentence, dated, e.g. "2009-09-11 —
/// Agreement 'Partnership principles' v1 adopted: endorsed by Ministry
/// of Health (government) and WHO (development partner)".
pub fn sentence(change: &Change, dir: &Directory) -> String {
    format!("{} — {}", change.on, describe(&change.what, dir))
}

/// The change in words, undated.
pub fn describe(what: &What, dir: &Directory) -> String {
    match what {
        What::Established { name, host } => match host {
            Some(h) => format!(
                "Partnership '{name}' established, hosted by {}",
                dir.org_name(h)
            ),
            None => format!("Partnership '{name}' established"),
        },
        What::PartnerJoined { org, side, role } => format!(
            "{} joined as {}",
            org_with_side(dir, org, *side),
            words(role.as_str())
        ),
        What::PartnerLeft { org, side, reason } => {
            format!("{} left: {reason}", org_with_side(dir, org, *side))
        }
        What::Closed { reason } => format!("Partnership closed: {reason}"),
        What::AgreementProposed {
            title, kind, by, ..
        } => format!(
            "Agreement '{title}' ({}) proposed by {}",
            words(kind.as_str()),
            actor_text(dir, by)
        ),
        What::AgreementEndorsed {
            title,
            version,
            by,
            forum,
            adopted,
            ..
        } => match adopted {
            Some(a) => format!(
                "Agreement '{title}' v{version} adopted: endorsed by {} (government) and {} (development partner)",
                org_list(dir, &a.government),
                org_list(dir, &a.development_partner)
            ),
            None => {
                let at = forum
                    .as_ref()
                    .map(|f| format!(" at {f}"))
                    .unwrap_or_default();
                format!(
                    "Agreement '{title}' v{version} endorsed by {}{at}",
                    actor_text(dir, by)
                )
            }
        },
        What::AgreementRevised {
            title,
            previous_title,
            version,
            by,
            reason,
            ..
        } => {
            let renamed = if title != previous_title {
                format!(", now titled '{title}'")
            } else {
                String::new()
            };
            format!(
                "Agreement '{previous_title}' revised to v{version} by {}{renamed}: {reason}",
                actor_text(dir, by)
            )
        }
        What::AgreementWithdrawn {
            title, by, reason, ..
        } => format!(
            "Agreement '{title}' withdrawn by {}: {reason}",
            actor_text(dir, by)
        ),
        What::ReviewOpened {
            review,
            kind,
            framework,
            next_due,
        } => {
            let due = next_due
                .map(|d| format!("; next review due {d}"))
                .unwrap_or_default();
            format!(
                "Review '{review}' opened ({}, framework {framework}){due}",
                words(kind.as_str())
            )
        }
        What::ReviewResponse { review, by } => {
            format!("{} responded to review '{review}'", actor_text(dir, by))
        }
        What::ReviewConcluded { review, summary } => {
            format!("Review '{review}' concluded: {summary}")
        }
        What::FindingRecorded {
            swot, theme, text, ..
        } => format!(
            "Finding ({}, {}): {text}",
            swot.as_str(),
            words(theme.as_str())
        ),
        What::CommitmentMade {
            commitment,
            text,
            owner,
            due,
        } => format!(
            "Commitment '{commitment}' made by {}, due {due}: {text}",
            dir.org_name(owner)
        ),
        What::CommitmentReported {
            commitment,
            status,
            reported_by,
            note,
        } => {
            let by = reported_by
                .as_ref()
                .map(|p| format!(" by {}", dir.person_name(p)))
                .unwrap_or_default();
            let note = note.as_ref().map(|n| format!(": {n}")).unwrap_or_default();
            format!(
                "Commitment '{commitment}' reported {}{by}{note}",
                labels::commitment_status(*status)
            )
        }
        What::CommitmentRescheduled {
            commitment,
            from,
            to,
            reason,
        } => format!("Commitment '{commitment}' rescheduled from {from} to {to}: {reason}"),
        What::InterviewHeld { format, side, .. } => format!(
            "{} held with the {} side",
            match format {
                InterviewFormat::Individual => "Interview",
                InterviewFormat::FocusGroup => "Focus group",
            },
            side.label()
        ),
        What::MeetingHeld { kind, title, .. } => {
            format!("Meeting held ({}): {title}", words(kind.as_str()))
        }
        What::ActivityDelivered { kind, title, .. } => {
            format!("Activity delivered ({}): {title}", words(kind.as_str()))
        }
    }
}
