//! A partnership's changes (`accord history`'s entries) in words: one
//! sentence per change, used by the text history, `diff` and the reports.
//! The projection (`accord_projections::history`) returns data only.
//!
//! The sentences come from the catalogues (`change-*` in
//! `locales/*/accord.ftl`) in the leading language of the wording only: a
//! bilingual report does not repeat a running sentence
//! (docs/languages.md). What the log holds (names, titles, reasons,
//! findings) stays as recorded; dates are written as the log writes them
//! (`2009-09-11`), in Khmer digits when asked.

use accord_events::fields::{InterviewFormat, Side};
use accord_projections::Directory;
use accord_projections::history::{Actor, AdoptedBy, Change, What};
use accord_projections::partnership::CommitmentStatus;

use crate::render::i18n::{Arg, Tr};
use crate::render::report::words;

fn org_with_side(tr: &Tr, dir: &Directory, org: &str, side: Option<Side>) -> String {
    match side {
        Some(s) => format!("{} ({})", dir.org_name(org), words::side(tr, s)),
        None => dir.org_name(org).to_owned(),
    }
}

fn actor_text(tr: &Tr, dir: &Directory, a: &Actor) -> String {
    let name = dir.person_name(&a.person);
    match (&a.org, a.side) {
        (Some(o), Some(s)) => format!("{name} ({}, {})", dir.org_name(o), words::side(tr, s)),
        (Some(o), None) => format!("{name} ({})", dir.org_name(o)),
        _ => name.to_owned(),
    }
}

fn org_list(tr: &Tr, dir: &Directory, orgs: &[String]) -> String {
    let names: Vec<&str> = orgs.iter().map(|o| dir.org_name(o)).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), tr.say("list-and", &[])),
    }
}

/// The change in one readable sentence, dated, e.g. "2009-09-11 —
/// Agreement 'Partnership principles' v1 adopted: endorsed by Ministry
/// of Health (government) and WHO (development partner)".
pub fn sentence(change: &Change, dir: &Directory, tr: &Tr) -> String {
    format!(
        "{} — {}",
        tr.digits(&change.on.to_string()),
        describe(&change.what, dir, tr)
    )
}

/// The change in words, undated, in the leading language of `tr`.
pub fn describe(what: &What, dir: &Directory, tr: &Tr) -> String {
    let tr = &tr.leading();
    let day = |d: &dyn std::fmt::Display| Arg::S(tr.digits(&d.to_string()));
    let s = |v: &str| Arg::S(v.to_owned());
    match what {
        What::AgreementProposed { .. }
        | What::AgreementEndorsed { .. }
        | What::AgreementRevised { .. }
        | What::AgreementWithdrawn { .. }
        | What::CommitmentMade { .. }
        | What::CommitmentReported { .. }
        | What::CommitmentRescheduled { .. } => agreement_or_commitment(what, dir, tr),
        What::Established { name, host } => match host {
            Some(h) => tr.say(
                "change-established-hosted",
                &[("name", s(name)), ("host", s(dir.org_name(h)))],
            ),
            None => tr.say("change-established", &[("name", s(name))]),
        },
        What::PartnerJoined { org, side, role } => tr.say(
            "change-joined",
            &[
                ("org", org_with_side(tr, dir, org, *side).into()),
                ("role", words::role(tr, *role).into()),
            ],
        ),
        What::PartnerLeft { org, side, reason } => tr.say(
            "change-left",
            &[
                ("org", org_with_side(tr, dir, org, *side).into()),
                ("reason", s(reason)),
            ],
        ),
        What::Closed { reason } => tr.say("change-closed", &[("reason", s(reason))]),
        What::ReviewOpened {
            review,
            kind,
            framework,
            next_due,
        } => {
            let mut args = vec![
                ("review", s(review)),
                ("kind", words::review_kind(tr, *kind).into()),
                ("framework", s(framework)),
            ];
            match next_due {
                Some(d) => {
                    args.push(("due", day(d)));
                    tr.say("change-review-opened-due", &args)
                }
                None => tr.say("change-review-opened", &args),
            }
        }
        What::ReviewResponse { review, by } => tr.say(
            "change-responded",
            &[
                ("by", actor_text(tr, dir, by).into()),
                ("review", s(review)),
            ],
        ),
        What::ReviewConcluded { review, summary } => tr.say(
            "change-review-concluded",
            &[("review", s(review)), ("summary", s(summary))],
        ),
        What::FindingRecorded {
            swot, theme, text, ..
        } => tr.say(
            "change-finding",
            &[
                ("swot", words::swot_in_text(tr, *swot).into()),
                ("theme", words::theme_in_text(tr, *theme).into()),
                ("text", s(text)),
            ],
        ),
        What::InterviewHeld { format, side, .. } => tr.say(
            match format {
                InterviewFormat::Individual => "change-interview",
                InterviewFormat::FocusGroup => "change-focus-group",
            },
            &[("side", words::side(tr, *side).into())],
        ),
        What::MeetingHeld { kind, title, .. } => tr.say(
            "change-meeting",
            &[
                ("kind", words::meeting(tr, *kind).into()),
                ("title", s(title)),
            ],
        ),
        What::ActivityDelivered { kind, title, .. } => tr.say(
            "change-activity",
            &[
                ("kind", words::activity(tr, *kind).into()),
                ("title", s(title)),
            ],
        ),
    }
}

/// A change to an agreement or a commitment, in words (`describe` routes
/// only those here; `tr` is already the leading language).
fn agreement_or_commitment(what: &What, dir: &Directory, tr: &Tr) -> String {
    let day = |d: &dyn std::fmt::Display| Arg::S(tr.digits(&d.to_string()));
    let s = |v: &str| Arg::S(v.to_owned());
    match what {
        What::AgreementProposed {
            title, kind, by, ..
        } => tr.say(
            "change-proposed",
            &[
                ("title", s(title)),
                ("kind", words::agreement_kind(tr, *kind).into()),
                ("by", actor_text(tr, dir, by).into()),
            ],
        ),
        What::AgreementEndorsed {
            title,
            version,
            by,
            forum,
            adopted,
            ..
        } => endorsed(
            tr,
            dir,
            title,
            *version,
            by,
            forum.as_deref(),
            adopted.as_ref(),
        ),
        What::AgreementRevised {
            title,
            previous_title,
            version,
            by,
            reason,
            ..
        } => {
            let mut args = vec![
                ("title", s(previous_title)),
                ("version", s(&version.to_string())),
                ("by", actor_text(tr, dir, by).into()),
                ("reason", s(reason)),
            ];
            if title != previous_title {
                args.push(("new_title", s(title)));
                tr.say("change-revised-renamed", &args)
            } else {
                tr.say("change-revised", &args)
            }
        }
        What::AgreementWithdrawn {
            title, by, reason, ..
        } => tr.say(
            "change-withdrawn",
            &[
                ("title", s(title)),
                ("by", actor_text(tr, dir, by).into()),
                ("reason", s(reason)),
            ],
        ),
        What::CommitmentMade {
            commitment,
            text,
            owner,
            due,
        } => tr.say(
            "change-commitment-made",
            &[
                ("commitment", s(commitment)),
                ("owner", s(dir.org_name(owner))),
                ("due", day(due)),
                ("text", s(text)),
            ],
        ),
        What::CommitmentReported {
            commitment,
            status,
            reported_by,
            note,
        } => reported(
            tr,
            dir,
            commitment,
            *status,
            reported_by.as_deref(),
            note.as_deref(),
        ),
        What::CommitmentRescheduled {
            commitment,
            from,
            to,
            reason,
        } => tr.say(
            "change-rescheduled",
            &[
                ("commitment", s(commitment)),
                ("from", day(from)),
                ("to", day(to)),
                ("reason", s(reason)),
            ],
        ),
        _ => unreachable!("describe routes only agreements and commitments here"),
    }
}

/// An endorsement: the one that adopted a version names the organisations
/// of both sides; any other names the endorser and where.
fn endorsed(
    tr: &Tr,
    dir: &Directory,
    title: &str,
    version: u32,
    by: &Actor,
    forum: Option<&str>,
    adopted: Option<&AdoptedBy>,
) -> String {
    let mut args: Vec<(&str, Arg)> = vec![
        ("title", title.into()),
        ("version", version.to_string().into()),
    ];
    match (adopted, forum) {
        (Some(a), _) => {
            args.push(("government", org_list(tr, dir, &a.government).into()));
            args.push(("partners", org_list(tr, dir, &a.development_partner).into()));
            tr.say("change-adopted", &args)
        }
        (None, Some(f)) => {
            args.push(("by", actor_text(tr, dir, by).into()));
            args.push(("forum", f.into()));
            tr.say("change-endorsed-at", &args)
        }
        (None, None) => {
            args.push(("by", actor_text(tr, dir, by).into()));
            tr.say("change-endorsed", &args)
        }
    }
}

/// A commitment's reported status, by whom and with what note.
fn reported(
    tr: &Tr,
    dir: &Directory,
    commitment: &str,
    status: CommitmentStatus,
    reported_by: Option<&str>,
    note: Option<&str>,
) -> String {
    let by = reported_by
        .map(|p| {
            tr.say(
                "change-reported-by",
                &[("person", dir.person_name(p).into())],
            )
        })
        .unwrap_or_default();
    let note = note
        .map(|n| tr.say("change-note", &[("note", n.into())]))
        .unwrap_or_default();
    tr.say(
        "change-commitment-reported",
        &[
            ("commitment", commitment.into()),
            ("status", words::commitment_status(tr, status).into()),
            ("by", by.into()),
            ("note", note.into()),
        ],
    )
}
