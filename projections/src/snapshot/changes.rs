//! What changed in the reporting period: each partnership's state at the
//! end of the previous stage compared with its state at the snapshot's date
//! (for the first stage, compared with nothing). Statuses, adoption and
//! overdue come from the two [`PartnershipState`]s; nothing is re-derived.

use std::collections::{HashMap, HashSet};

use accord_events::fields::{AgreementKind, Day, ReviewKind, Side};
use serde::{Deserialize, Serialize};

use super::{Folds, Window};
use crate::partnership::{
    AgreementState, AgreementStatus, CommitmentState, CommitmentStatus, Partnership,
    PartnershipState,
};
use crate::programme::Programme;

/// What changed in the period. Every list is in partnership order (the
/// order established), then in the order of the items within it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    /// The date compared with (the previous stage's completion), or null:
    /// compared with nothing.
    pub since: Option<Day>,
    /// Partnerships established.
    pub partnerships_established: Vec<PartnershipRef>,
    /// Partnerships closed.
    pub partnerships_closed: Vec<PartnershipRef>,
    /// Organisations that joined a partnership.
    pub members_joined: Vec<MemberChange>,
    /// Organisations that left a partnership.
    pub members_left: Vec<MemberChange>,
    /// Agreements proposed.
    pub agreements_proposed: Vec<AgreementChange>,
    /// Agreements whose version in force changed to a newly adopted one.
    pub agreements_adopted: Vec<AgreementChange>,
    /// Agreements revised (a new version made).
    pub agreements_revised: Vec<AgreementChange>,
    /// Agreements withdrawn.
    pub agreements_withdrawn: Vec<AgreementChange>,
    /// Commitments made.
    pub commitments_made: Vec<CommitmentChange>,
    /// Commitments newly reported completed.
    pub commitments_completed: Vec<CommitmentChange>,
    /// Commitments newly reported dropped.
    pub commitments_dropped: Vec<CommitmentChange>,
    /// Commitments overdue now that were not overdue before.
    pub commitments_newly_overdue: Vec<CommitmentChange>,
    /// Reviews that received responses.
    pub reviews: Vec<ReviewActivity>,
    /// Findings recorded.
    pub findings_recorded: usize,
}

/// A partnership named in a change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnershipRef {
    /// Its id.
    pub partnership: String,
    /// Its name.
    pub name: String,
}

/// A membership change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberChange {
    /// The partnership.
    pub partnership: String,
    /// The organisation.
    pub org: String,
    /// Its name.
    pub org_name: String,
    /// Its side.
    pub side: Option<Side>,
}

/// An agreement named in a change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgreementChange {
    /// The partnership.
    pub partnership: String,
    /// The agreement.
    pub agreement: String,
    /// Its kind.
    pub kind: AgreementKind,
    /// Its current title.
    pub title: String,
    /// Its status now.
    pub status: AgreementStatus,
    /// Its status at the start of the period (null: not yet proposed).
    pub status_before: Option<AgreementStatus>,
    /// The current version.
    pub current_version: u32,
    /// The version in force now.
    pub in_force_version: Option<u32>,
    /// When the version in force was adopted.
    pub adopted_on: Option<Day>,
}

/// A commitment named in a change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommitmentChange {
    /// The partnership.
    pub partnership: String,
    /// The commitment.
    pub commitment: String,
    /// What was committed.
    pub text: String,
    /// The owning organisation.
    pub owner: String,
    /// Its due date now.
    pub due: Day,
    /// Its status now.
    pub status: CommitmentStatus,
    /// Its status at the start of the period (null: not yet made).
    pub status_before: Option<CommitmentStatus>,
}

/// A review that received responses in the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewActivity {
    /// The partnership.
    pub partnership: String,
    /// The review.
    pub review: String,
    /// Its kind.
    pub kind: ReviewKind,
    /// When it was opened.
    pub opened_on: Day,
    /// Responses received in the period.
    pub responses: usize,
    /// Whether it had been concluded by the snapshot's date.
    pub concluded: bool,
}

impl Changes {
    /// Appends `other`'s lists to this one's (a later partnership's
    /// changes after an earlier one's) and adds its findings.
    pub(super) fn extend(&mut self, other: Changes) {
        let Changes {
            since: _,
            partnerships_established,
            partnerships_closed,
            members_joined,
            members_left,
            agreements_proposed,
            agreements_adopted,
            agreements_revised,
            agreements_withdrawn,
            commitments_made,
            commitments_completed,
            commitments_dropped,
            commitments_newly_overdue,
            reviews,
            findings_recorded,
        } = other;
        self.partnerships_established
            .extend(partnerships_established);
        self.partnerships_closed.extend(partnerships_closed);
        self.members_joined.extend(members_joined);
        self.members_left.extend(members_left);
        self.agreements_proposed.extend(agreements_proposed);
        self.agreements_adopted.extend(agreements_adopted);
        self.agreements_revised.extend(agreements_revised);
        self.agreements_withdrawn.extend(agreements_withdrawn);
        self.commitments_made.extend(commitments_made);
        self.commitments_completed.extend(commitments_completed);
        self.commitments_dropped.extend(commitments_dropped);
        self.commitments_newly_overdue
            .extend(commitments_newly_overdue);
        self.reviews.extend(reviews);
        self.findings_recorded += findings_recorded;
    }
}

/// What changed in one partnership in the period: its state `now`
/// compared with its state at the baseline (`before`; `None`: not yet
/// established then), `fold` being its fold as of the snapshot's date.
pub(super) fn of_partnership(
    f: &Folds<'_>,
    fold: &Partnership,
    now: &PartnershipState,
    before: Option<&PartnershipState>,
) -> Changes {
    let mut c = Changes::default();
    let dir = &f.now.directory;
    let p = || now.partnership.clone();
    let pref = || PartnershipRef {
        partnership: now.partnership.clone(),
        name: now.name.clone(),
    };
    if before.is_none() {
        c.partnerships_established.push(pref());
    }
    if now.closed && !before.is_some_and(|b| b.closed) {
        c.partnerships_closed.push(pref());
    }
    let old_members = before.map_or(&[][..], |b| b.members.as_slice());
    let old_orgs: HashSet<&str> = old_members.iter().map(|o| o.org.as_str()).collect();
    let new_orgs: HashSet<&str> = now.members.iter().map(|m| m.org.as_str()).collect();
    for m in &now.members {
        if !old_orgs.contains(m.org.as_str()) {
            c.members_joined.push(MemberChange {
                partnership: p(),
                org: m.org.clone(),
                org_name: m.name.clone(),
                side: m.side,
            });
        }
    }
    for o in old_members {
        if !new_orgs.contains(o.org.as_str()) {
            c.members_left.push(MemberChange {
                partnership: p(),
                org: o.org.clone(),
                org_name: dir.org_name(&o.org).to_owned(),
                side: o.side,
            });
        }
    }

    agreements(&mut c, now, before);
    commitments(&mut c, now, before);

    for r in &fold.reviews {
        let responses = r
            .responses
            .iter()
            .filter(|x| f.window.in_period(x.stamp.on.0))
            .count();
        if responses > 0 {
            c.reviews.push(ReviewActivity {
                partnership: p(),
                review: r.review.clone(),
                kind: r.kind,
                opened_on: r.opened.on,
                responses,
                concluded: r.concluded.is_some(),
            });
        }
    }
    c.findings_recorded += fold
        .findings
        .iter()
        .filter(|x| f.window.in_period(x.recorded_on.0))
        .count();
    c
}

/// The changes of the period: each established partnership's (in the
/// order established), and the programme's own findings recorded in it.
pub(super) fn assemble(
    programme: &Programme,
    w: Window,
    per_partnership: impl IntoIterator<Item = Changes>,
) -> Changes {
    let mut c = Changes {
        since: w.baseline.map(Day),
        ..Changes::default()
    };
    for p in per_partnership {
        c.extend(p);
    }
    c.findings_recorded += programme
        .findings
        .iter()
        .filter(|f| w.in_period(f.recorded_on.0))
        .count();
    c
}

/// Agreements proposed, adopted, revised or withdrawn since the baseline.
fn agreements(c: &mut Changes, now: &PartnershipState, before: Option<&PartnershipState>) {
    let old_agreements: HashMap<&str, &AgreementState> = before
        .map(|b| {
            b.agreements
                .iter()
                .map(|a| (a.agreement.as_str(), a))
                .collect()
        })
        .unwrap_or_default();
    let p = || now.partnership.clone();
    for a in &now.agreements {
        let old = old_agreements.get(a.agreement.as_str()).copied();
        let change = || AgreementChange {
            partnership: p(),
            agreement: a.agreement.clone(),
            kind: a.kind,
            title: a.title.clone(),
            status: a.status,
            status_before: old.map(|o| o.status),
            current_version: a.current_version,
            in_force_version: a.in_force_version,
            adopted_on: a.adopted_on,
        };
        if old.is_none() {
            c.agreements_proposed.push(change());
        }
        if a.in_force_version.is_some()
            && a.in_force_version != old.and_then(|o| o.in_force_version)
        {
            c.agreements_adopted.push(change());
        }
        if a.current_version > old.map_or(1, |o| o.current_version) {
            c.agreements_revised.push(change());
        }
        if a.status == AgreementStatus::Withdrawn
            && old.is_none_or(|o| o.status != AgreementStatus::Withdrawn)
        {
            c.agreements_withdrawn.push(change());
        }
    }
}

/// Commitments made, completed, dropped or newly overdue since the baseline.
fn commitments(c: &mut Changes, now: &PartnershipState, before: Option<&PartnershipState>) {
    let old_commitments: HashMap<&str, &CommitmentState> = before
        .map(|b| {
            b.commitments
                .iter()
                .map(|c| (c.commitment.as_str(), c))
                .collect()
        })
        .unwrap_or_default();
    let p = || now.partnership.clone();
    for k in &now.commitments {
        let old = old_commitments.get(k.commitment.as_str()).copied();
        let change = || CommitmentChange {
            partnership: p(),
            commitment: k.commitment.clone(),
            text: k.text.clone(),
            owner: k.owner.clone(),
            due: k.due,
            status: k.status,
            status_before: old.map(|o| o.status),
        };
        if old.is_none() {
            c.commitments_made.push(change());
        }
        let became = |s: CommitmentStatus| k.status == s && old.is_none_or(|o| o.status != s);
        if became(CommitmentStatus::Completed) {
            c.commitments_completed.push(change());
        }
        if became(CommitmentStatus::Dropped) {
            c.commitments_dropped.push(change());
        }
        if k.overdue && !old.is_some_and(|o| o.overdue) {
            c.commitments_newly_overdue.push(change());
        }
    }
}
