//! What changed in a partnership between two dates: its state at the end of
//! `from` compared with its state at the end of `to` (both in the same
//! known-at view). A partnership not yet established at `from` is compared
//! with nothing, so everything in it is new.

use std::collections::BTreeSet;

use accord_events::Envelope;
use accord_events::fields::{Day, Role, Side};
use chrono::NaiveDate;
use serde::Serialize;

use crate::finding::Finding;
use crate::history::{Change, History};
use crate::partnership::{
    AgreementStatus, CommitmentStatus, EndorsementState, MemberState, PartnershipState,
};
use crate::replay::show;
use crate::view::View;

/// A value before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Transition<T> {
    /// At the end of `from`.
    pub from: T,
    /// At the end of `to`.
    pub to: T,
}

/// What changed between two dates.
///
/// JSON: `partnership`, `name`, `from`, `to`, `known_at`, `members_joined`
/// \[member\], `members_left` [{`org`, `side`, `role`, `name`}],
/// `role_changes` [{`org`, `from`, `to`}], `agreements` [{`agreement`,
/// `title`, `new`, `status` {from, to}, `in_force_version` {from, to},
/// `versions_added` \[n\], `endorsements_added` \[endorsement\]}],
/// `reviews_opened` \[id\], `latest_review` {from, to}, `score_changes`
/// [{`criterion`, `from`, `to`}], `diverging` {from, to}, `commitments`
/// [{`commitment`, `new`, `status` {from, to}, `due` {from, to},
/// `overdue` {from, to}}], `findings_added` \[finding\], `review_overdue`
/// {from, to}, `closed` {from, to}, `changes` (the history entries that
/// occurred after `from` up to `to`). Entries appear only for what changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnershipDiff {
    /// The partnership's id.
    pub partnership: String,
    /// Its name at `to`.
    pub name: String,
    /// The earlier date.
    pub from: Day,
    /// The later date.
    pub to: Day,
    /// The view's known-at instant.
    pub known_at: Option<String>,
    /// Organisations that became members.
    pub members_joined: Vec<MemberState>,
    /// Organisations that stopped being members.
    pub members_left: Vec<MemberLeft>,
    /// Members whose role changed (they left and rejoined).
    pub role_changes: Vec<RoleChange>,
    /// Agreements that are new or changed.
    pub agreements: Vec<AgreementChange>,
    /// Reviews opened in between.
    pub reviews_opened: Vec<String>,
    /// The latest review (with responses) at each end.
    pub latest_review: Transition<Option<String>>,
    /// Criteria whose latest-review mean changed.
    pub score_changes: Vec<ScoreChange>,
    /// Diverging criteria of the latest review at each end.
    pub diverging: Transition<Vec<String>>,
    /// Commitments that are new or changed.
    pub commitments: Vec<CommitmentChange>,
    /// Findings recorded in between.
    pub findings_added: Vec<Finding>,
    /// Whether a review was overdue at each end.
    pub review_overdue: Transition<bool>,
    /// Whether the partnership was closed at each end.
    pub closed: Transition<bool>,
    /// The changes that occurred after `from`, up to and including `to`.
    pub changes: Vec<Change>,
}

/// A member that left.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MemberLeft {
    /// The organisation.
    pub org: String,
    /// Its side.
    pub side: Option<Side>,
    /// The role it had.
    pub role: Role,
    /// Its name.
    pub name: String,
}

/// A member whose role changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoleChange {
    /// The organisation.
    pub org: String,
    /// Its role at `from`.
    pub from: Role,
    /// Its role at `to`.
    pub to: Role,
}

/// How an agreement changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgreementChange {
    /// Its id.
    pub agreement: String,
    /// Its title at `to`.
    pub title: String,
    /// Proposed in between.
    pub new: bool,
    /// Status at each end (`from` is null when new).
    pub status: Transition<Option<AgreementStatus>>,
    /// Version in force at each end.
    pub in_force_version: Transition<Option<u32>>,
    /// Versions made in between.
    pub versions_added: Vec<u32>,
    /// Endorsements given in between.
    pub endorsements_added: Vec<EndorsementState>,
}

/// A criterion whose mean changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoreChange {
    /// The criterion.
    pub criterion: String,
    /// Its mean at `from` (null when not scored).
    pub from: Option<f64>,
    /// Its mean at `to`.
    pub to: Option<f64>,
}

/// How a commitment changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommitmentChange {
    /// Its id.
    pub commitment: String,
    /// Made in between.
    pub new: bool,
    /// Status at each end (`from` is null when new).
    pub status: Transition<Option<CommitmentStatus>>,
    /// Due date at each end.
    pub due: Transition<Option<Day>>,
    /// Overdue at each end.
    pub overdue: Transition<bool>,
}

impl PartnershipDiff {
    /// Compares `partnership` at the end of `from` and at the end of `to`,
    /// in the known-at view of `view` (its `as_of` is not used). `None`
    /// when the partnership is not established at `to`.
    pub fn build(
        events: &[Envelope],
        partnership: &str,
        from: NaiveDate,
        to: NaiveDate,
        view: &View,
    ) -> Option<PartnershipDiff> {
        let after = show(events, partnership, &view.on(to))?;
        let before = show(events, partnership, &view.on(from));
        let changes = History::build(events, partnership, &view.on(to))
            .map(|h| h.changes)
            .unwrap_or_default()
            .into_iter()
            .filter(|c| c.on.0 > from)
            .collect();
        Some(compare(before.as_ref(), &after, from, changes))
    }
}

fn compare(
    before: Option<&PartnershipState>,
    after: &PartnershipState,
    from: NaiveDate,
    changes: Vec<Change>,
) -> PartnershipDiff {
    let empty: &[MemberState] = &[];
    let old_members = before.map_or(empty, |b| b.members.as_slice());
    let members_joined = after
        .members
        .iter()
        .filter(|m| !old_members.iter().any(|o| o.org == m.org))
        .cloned()
        .collect();
    let members_left = old_members
        .iter()
        .filter(|o| !after.members.iter().any(|m| m.org == o.org))
        .map(|o| MemberLeft {
            org: o.org.clone(),
            side: o.side,
            role: o.role,
            name: o.name.clone(),
        })
        .collect();
    let role_changes = after
        .members
        .iter()
        .filter_map(|m| {
            let o = old_members.iter().find(|o| o.org == m.org)?;
            (o.role != m.role).then(|| RoleChange {
                org: m.org.clone(),
                from: o.role,
                to: m.role,
            })
        })
        .collect();

    let agreements = agreement_changes(before, after);

    let old_reviews: BTreeSet<&str> = before
        .map(|b| b.reviews.iter().map(|r| r.review.as_str()).collect())
        .unwrap_or_default();
    let reviews_opened = after
        .reviews
        .iter()
        .filter(|r| !old_reviews.contains(r.review.as_str()))
        .map(|r| r.review.clone())
        .collect();
    let old_latest = before.and_then(|b| b.latest_review.as_ref());
    let new_latest = after.latest_review.as_ref();
    let mut criteria: BTreeSet<&String> = BTreeSet::new();
    criteria.extend(old_latest.iter().flat_map(|r| r.scores.keys()));
    criteria.extend(new_latest.iter().flat_map(|r| r.scores.keys()));
    let score_changes = criteria
        .into_iter()
        .filter_map(|c| {
            let f = old_latest.and_then(|r| r.scores.get(c)).copied();
            let t = new_latest.and_then(|r| r.scores.get(c)).copied();
            (f != t).then(|| ScoreChange {
                criterion: c.clone(),
                from: f,
                to: t,
            })
        })
        .collect();

    let commitments = commitment_changes(before, after);

    let old_findings: BTreeSet<&str> = before
        .map(|b| b.findings.iter().map(|f| f.finding.as_str()).collect())
        .unwrap_or_default();
    PartnershipDiff {
        partnership: after.partnership.clone(),
        name: after.name.clone(),
        from: Day(from),
        to: after.as_of,
        known_at: after.known_at.clone(),
        members_joined,
        members_left,
        role_changes,
        agreements,
        reviews_opened,
        latest_review: Transition {
            from: old_latest.map(|r| r.review.clone()),
            to: new_latest.map(|r| r.review.clone()),
        },
        score_changes,
        diverging: Transition {
            from: old_latest.map(|r| r.diverging.clone()).unwrap_or_default(),
            to: new_latest.map(|r| r.diverging.clone()).unwrap_or_default(),
        },
        commitments,
        findings_added: after
            .findings
            .iter()
            .filter(|f| !old_findings.contains(f.finding.as_str()))
            .cloned()
            .collect(),
        review_overdue: Transition {
            from: before.is_some_and(|b| b.review_overdue),
            to: after.review_overdue,
        },
        closed: Transition {
            from: before.is_some_and(|b| b.closed),
            to: after.closed,
        },
        changes,
    }
}

impl PartnershipDiff {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
            && self.members_joined.is_empty()
            && self.members_left.is_empty()
            && self.agreements.is_empty()
            && self.commitments.is_empty()
            && self.findings_added.is_empty()
            && self.score_changes.is_empty()
            && self.review_overdue.from == self.review_overdue.to
            && self.closed.from == self.closed.to
    }
}

/// Agreements new at `after` or whose status, versions or endorsements changed.
fn agreement_changes(
    before: Option<&PartnershipState>,
    after: &PartnershipState,
) -> Vec<AgreementChange> {
    after
        .agreements
        .iter()
        .filter_map(|a| {
            let old = before.and_then(|b| b.agreements.iter().find(|x| x.agreement == a.agreement));
            let old_seqs: BTreeSet<u64> = old
                .map(|o| o.endorsements.iter().map(|e| e.seq).collect())
                .unwrap_or_default();
            let change = AgreementChange {
                agreement: a.agreement.clone(),
                title: a.title.clone(),
                new: old.is_none(),
                status: Transition {
                    from: old.map(|o| o.status),
                    to: Some(a.status),
                },
                in_force_version: Transition {
                    from: old.and_then(|o| o.in_force_version),
                    to: a.in_force_version,
                },
                versions_added: (old.map_or(1, |o| o.current_version + 1)..=a.current_version)
                    .collect(),
                endorsements_added: a
                    .endorsements
                    .iter()
                    .filter(|e| !old_seqs.contains(&e.seq))
                    .cloned()
                    .collect(),
            };
            let changed = change.new
                || change.status.from != change.status.to
                || change.in_force_version.from != change.in_force_version.to
                || !change.versions_added.is_empty()
                || !change.endorsements_added.is_empty();
            changed.then_some(change)
        })
        .collect()
}

/// Commitments new at `after` or whose status, due date or overdue flag changed.
fn commitment_changes(
    before: Option<&PartnershipState>,
    after: &PartnershipState,
) -> Vec<CommitmentChange> {
    after
        .commitments
        .iter()
        .filter_map(|c| {
            let old =
                before.and_then(|b| b.commitments.iter().find(|x| x.commitment == c.commitment));
            let change = CommitmentChange {
                commitment: c.commitment.clone(),
                new: old.is_none(),
                status: Transition {
                    from: old.map(|o| o.status),
                    to: Some(c.status),
                },
                due: Transition {
                    from: old.map(|o| o.due),
                    to: Some(c.due),
                },
                overdue: Transition {
                    from: old.is_some_and(|o| o.overdue),
                    to: c.overdue,
                },
            };
            let changed = change.new
                || change.status.from != change.status.to
                || change.due.from != change.due.to
                || change.overdue.from != change.overdue.to;
            changed.then_some(change)
        })
        .collect()
}
