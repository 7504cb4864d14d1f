//! What a batch of recorded events changed, one sentence per effect (the
//! lines data entry prints after "recorded"). The effects themselves are
//! computed by `accord_projections::effects`.

use accord_projections::Directory;
use accord_projections::effects::{Effect, StageChange};
use accord_projections::partnership::AgreementStatus;

/// The first 12 hex digits of a text's SHA-256, as data entry prints it
/// (`accord audit` prints it whole).
fn short(sha: &str) -> &str {
    &sha[..12.min(sha.len())]
}

/// An organisation with its id and side ("Ministry of Health (moh, government)").
fn org_label(dir: &Directory, org: &str) -> String {
    match dir.organisation(org) {
        Some(o) => format!("{} ({org}, {})", o.name, o.side.label()),
        None => org.to_owned(),
    }
}

/// One effect in words.
pub fn sentence(e: &Effect, dir: &Directory) -> String {
    match e {
        Effect::Proposed {
            agreement,
            title,
            text_sha256,
        } => format!(
            "agreement {agreement} v1 {title:?} (text sha256 {}) is proposed; it is adopted once endorsed by both a government and a development-partner organisation",
            short(text_sha256)
        ),
        Effect::NewText {
            agreement,
            version,
            title,
            text_sha256,
        } => format!(
            "agreement {agreement} v{version} {title:?} (text sha256 {}) is its current text now; endorsements start again",
            short(text_sha256)
        ),
        Effect::Endorsed {
            person,
            org,
            agreement,
            version,
            title,
            text_sha256,
        } => {
            let acting = org
                .as_deref()
                .map_or_else(|| "no organisation".into(), |o| org_label(dir, o));
            format!(
                "{person} of {acting} endorsed agreement {agreement} v{version} {title:?} (text sha256 {})",
                short(text_sha256)
            )
        }
        Effect::Adopted {
            agreement,
            version,
            on,
            in_force,
        } => {
            let in_force = if *in_force { " and in force" } else { "" };
            format!("agreement {agreement} v{version} is now adopted (on {on}){in_force}")
        }
        Effect::NoLongerAdopted { agreement, version } => {
            format!("agreement {agreement} v{version} is no longer adopted")
        }
        Effect::StillNeeds {
            agreement,
            version,
            missing,
        } => {
            let missing: Vec<&str> = missing.iter().map(|s| s.label()).collect();
            format!(
                "agreement {agreement} v{version} is not adopted yet: it still needs an endorsement from a {} organisation",
                missing.join(" and a ")
            )
        }
        Effect::AgreementStatus {
            agreement,
            status,
            in_force,
            current,
        } => agreement_status(agreement, *status, *in_force, *current),
        Effect::CommitmentMade {
            commitment,
            status,
            due,
        } => format!("commitment {commitment} is {}, due {due}", status.as_str()),
        Effect::CommitmentStatus {
            commitment,
            status,
            was,
        } => format!(
            "commitment {commitment} is now {} (was {})",
            status.as_str(),
            was.as_str()
        ),
        Effect::CommitmentDue {
            commitment,
            due,
            was,
        } => format!("commitment {commitment} is now due {due} (was {was})"),
        Effect::ReviewOpened { review } => format!("review {review} is open for responses"),
        Effect::ReviewConcluded { review, responses } => {
            format!("review {review} is concluded with {responses} response(s)")
        }
        Effect::ReviewReopened { review } => {
            format!("review {review} is open again for responses")
        }
        Effect::ReviewResponses { review, responses } => {
            format!("review {review} now has {responses} response(s)")
        }
        Effect::Member {
            partnership,
            org,
            role,
        } => format!(
            "{} is now a partner of {partnership} as {role}",
            org_label(dir, org)
        ),
        Effect::MemberLeft { partnership, org } => format!(
            "{} is no longer a partner of {partnership}",
            org_label(dir, org)
        ),
        Effect::Gone { what, id } => format!("{what} {id} no longer counts"),
        Effect::Closed { partnership } => {
            format!("partnership {partnership} is closed: nothing more can be recorded on it")
        }
        Effect::Reopened { partnership } => format!("partnership {partnership} is open again"),
        Effect::Stage {
            stage,
            name,
            change,
        } => {
            let what = format!("stage {stage} {name:?}");
            match change {
                StageChange::Planned => format!("{what} is planned"),
                StageChange::Completed => format!("{what} is completed"),
                StageChange::NoLongerCompleted => format!("{what} is no longer completed"),
                StageChange::Started => format!("{what} has started"),
                StageChange::NoLongerStarted => format!("{what} is no longer started"),
            }
        }
        Effect::StageGone { stage } => format!("stage {stage} no longer counts"),
        Effect::WorksFor {
            person,
            org,
            from,
            before,
        } => match before {
            Some(was) => format!(
                "{person} works for {} from {from}; what they did before keeps {}",
                org_label(dir, org),
                org_label(dir, was)
            ),
            None => format!("{person} works for {}", org_label(dir, org)),
        },
    }
}

/// An agreement's new status, with what is in force.
fn agreement_status(
    agreement: &str,
    status: AgreementStatus,
    in_force: Option<u32>,
    current: u32,
) -> String {
    match (status, in_force) {
        (AgreementStatus::RevisionPending, Some(f)) => format!(
            "agreement {agreement} is now revision_pending: v{f} stays in force until v{current} is adopted"
        ),
        (AgreementStatus::Adopted, Some(f)) => {
            format!("agreement {agreement} is now adopted: v{f} is in force")
        }
        (AgreementStatus::Withdrawn | AgreementStatus::Draft, _) => format!(
            "agreement {agreement} is now {}: no version of it is in force",
            status.as_str()
        ),
        (s, _) => format!("agreement {agreement} is now {}", s.as_str()),
    }
}
