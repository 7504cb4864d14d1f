//! What the log holds, kind by kind (`accord list`): one row per
//! organisation, person, partnership, agreement, review, commitment or
//! stage, with the id first and what a person needs to pick the right one.
//!
//! Rows are derived from a [`Replay`] folded in a view, so a list honours
//! `--as-of` and `--known-at` like every other report: what was retracted,
//! not yet recorded, or not yet happened is not listed. Rows come sorted by
//! id (stages by number), so that a list reads the same whatever order the
//! log recorded things in.

use accord_events::fields::{AgreementKind, Day, ReviewKind, Side};
use serde::Serialize;

use crate::partnership::{AgreementState, AgreementStatus, CommitmentState, CommitmentStatus};
use crate::programme::StageProgress;
use crate::replay::Replay;
use crate::view::View;

/// A registered organisation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrgRow {
    /// Its id.
    pub org: String,
    /// The side it speaks for.
    pub side: Side,
    /// Its name.
    pub name: String,
    /// The partnerships it is a current member of, by id.
    pub partnerships: Vec<String>,
}

/// A registered person, with the post they held on the as-of date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PersonRow {
    /// Their id.
    pub person: String,
    /// The organisation of their post on the as-of date.
    pub org: Option<String>,
    /// That organisation's side.
    pub side: Option<Side>,
    /// Their name.
    pub name: String,
    /// Their title in that post, if recorded.
    pub title: Option<String>,
}

/// Whether a partnership is still open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartnershipStatus {
    /// Established and not closed.
    Open,
    /// Closed: nothing more can be recorded on it.
    Closed,
}

/// An established partnership.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnershipRow {
    /// Its id.
    pub partnership: String,
    /// Open or closed.
    pub status: PartnershipStatus,
    /// How many organisations are current members.
    pub members: usize,
    /// Its name.
    pub name: String,
    /// The host organisation, if any.
    pub host: Option<String>,
    /// When it was established.
    pub established_on: Day,
}

/// An agreement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgreementRow {
    /// Its id.
    pub agreement: String,
    /// The partnership it belongs to.
    pub partnership: String,
    /// Draft, adopted, revision pending or withdrawn.
    pub status: AgreementStatus,
    /// The newest version.
    pub current_version: u32,
    /// The version in force, if any.
    pub in_force_version: Option<u32>,
    /// What it is about.
    pub kind: AgreementKind,
    /// Its current title.
    pub title: String,
}

/// Whether a review still takes responses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Taking responses.
    Open,
    /// Concluded.
    Concluded,
}

/// A review.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReviewRow {
    /// Its id.
    pub review: String,
    /// The partnership reviewed.
    pub partnership: String,
    /// Open or concluded.
    pub status: ReviewStatus,
    /// How many responses it has.
    pub responses: usize,
    /// Its kind.
    pub kind: ReviewKind,
    /// When it was opened.
    pub opened_on: Day,
    /// When the next one is due.
    pub next_due: Option<Day>,
}

/// A commitment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommitmentRow {
    /// Its id.
    pub commitment: String,
    /// The partnership it was made in.
    pub partnership: String,
    /// `open` until the first report, then the last reported status.
    pub status: CommitmentStatus,
    /// Past its due date and neither completed nor dropped.
    pub overdue: bool,
    /// The due date after rescheduling.
    pub due: Day,
    /// The owning organisation.
    pub owner: String,
    /// What is committed.
    pub text: String,
}

/// A planned stage of the programme.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageRow {
    /// Its number.
    pub stage: u32,
    /// Planned, started or completed.
    pub status: StageProgress,
    /// Planned start.
    pub starts_on: Day,
    /// Planned end.
    pub ends_on: Day,
    /// Its name.
    pub name: String,
}

/// Every organisation in the directory, by id.
pub fn organisations(replay: &Replay) -> Vec<OrgRow> {
    replay
        .directory
        .organisations()
        .map(|o| OrgRow {
            org: o.org.clone(),
            side: o.side,
            name: o.name.clone(),
            partnerships: replay
                .established()
                .into_iter()
                .filter(|p| p.closed.is_none())
                .filter(|p| p.current_members().any(|m| m.org == o.org))
                .map(|p| p.partnership.clone())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect(),
        })
        .collect()
}

/// Every person in the directory, by id, with the post held on the view's date.
pub fn people(replay: &Replay, view: &View) -> Vec<PersonRow> {
    let dir = &replay.directory;
    dir.people()
        .map(|p| {
            let post = p.post_on(view.as_of);
            PersonRow {
                person: p.person.clone(),
                org: post.map(|x| x.org.clone()),
                side: post.and_then(|x| dir.side_of(&x.org)),
                name: p.name.clone(),
                title: post.and_then(|x| x.title.clone()),
            }
        })
        .collect()
}

/// Every established partnership, by id.
pub fn partnerships(replay: &Replay) -> Vec<PartnershipRow> {
    let mut rows: Vec<PartnershipRow> = replay
        .established()
        .into_iter()
        .filter_map(|p| {
            let est = p.established.as_ref()?;
            Some(PartnershipRow {
                partnership: p.partnership.clone(),
                status: if p.closed.is_some() {
                    PartnershipStatus::Closed
                } else {
                    PartnershipStatus::Open
                },
                members: p.current_members().count(),
                name: est.name.clone(),
                host: est.host.clone(),
                established_on: est.stamp.on,
            })
        })
        .collect();
    rows.sort_by(|a, b| a.partnership.cmp(&b.partnership));
    rows
}

/// Every agreement of an established partnership, by id.
pub fn agreements(replay: &Replay) -> Vec<AgreementRow> {
    let mut rows: Vec<AgreementRow> = replay
        .established()
        .into_iter()
        .flat_map(|p| {
            p.agreements.iter().map(|a| {
                let s = AgreementState::build(a, &replay.directory);
                AgreementRow {
                    agreement: s.agreement,
                    partnership: p.partnership.clone(),
                    status: s.status,
                    current_version: s.current_version,
                    in_force_version: s.in_force_version,
                    kind: s.kind,
                    title: s.title,
                }
            })
        })
        .collect();
    rows.sort_by(|a, b| a.agreement.cmp(&b.agreement));
    rows
}

/// Every review of an established partnership, by id.
pub fn reviews(replay: &Replay) -> Vec<ReviewRow> {
    let mut rows: Vec<ReviewRow> = replay
        .established()
        .into_iter()
        .flat_map(|p| {
            p.reviews.iter().map(|r| ReviewRow {
                review: r.review.clone(),
                partnership: p.partnership.clone(),
                status: if r.concluded.is_some() {
                    ReviewStatus::Concluded
                } else {
                    ReviewStatus::Open
                },
                responses: r.responses.len(),
                kind: r.kind,
                opened_on: r.opened.on,
                next_due: r.next_due,
            })
        })
        .collect();
    rows.sort_by(|a, b| a.review.cmp(&b.review));
    rows
}

/// Every commitment of an established partnership, by id, as it stood on
/// the view's date (a closed partnership's commitments are never overdue).
pub fn commitments(replay: &Replay, view: &View) -> Vec<CommitmentRow> {
    let mut rows: Vec<CommitmentRow> = replay
        .established()
        .into_iter()
        .flat_map(|p| {
            p.commitments.iter().map(|c| {
                let s = CommitmentState::build(c, view.as_of, p.closed.is_some());
                CommitmentRow {
                    commitment: s.commitment,
                    partnership: p.partnership.clone(),
                    status: s.status,
                    overdue: s.overdue,
                    due: s.due,
                    owner: s.owner,
                    text: s.text,
                }
            })
        })
        .collect();
    rows.sort_by(|a, b| a.commitment.cmp(&b.commitment));
    rows
}

/// Every planned stage, by number.
pub fn stages(replay: &Replay) -> Vec<StageRow> {
    replay
        .programme
        .stages
        .values()
        .map(|s| StageRow {
            stage: s.stage,
            status: s.progress(),
            starts_on: s.starts_on,
            ends_on: s.ends_on,
            name: s.name.clone(),
        })
        .collect()
}
