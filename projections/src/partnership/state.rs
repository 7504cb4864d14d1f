//! [`PartnershipState`]: what `accord show` prints.

use std::collections::BTreeMap;

use accord_events::fields::{AgreementKind, Day, ReviewKind, Role, Side};
use serde::{Deserialize, Serialize};

use super::{Agreement, Commitment, CommitmentStatus, Partnership, Review};
use crate::directory::Directory;
use crate::finding::Finding;
use crate::programme::Programme;
use crate::view::View;

/// A partnership as it stood in a view.
///
/// JSON (`show --json`), in this order. Keys other tools read (docs/): `partnership`, `name`,
/// `as_of`, `members` [{`org`, `side`, `role`}], `agreements` [{`agreement`,
/// `kind`, `title`, `status`, `current_version`, `in_force_version`,
/// `endorsements` [{`version`, `person`, `org`, `side`, `occurred_at`}]}],
/// `latest_review` ({`review`, `scores`, `by_side`, `diverging`} or null),
/// `commitments` [{`commitment`, `status`, `due`, `overdue`}], `findings`
/// [{`finding`, `swot`, `theme`, `text`}], `review_overdue`.
///
/// Extra keys: `known_at` (the `--known-at` instant or null), `host`,
/// `established_on`, `closed`, `closed_on`, `next_review_due` (the latest
/// review's `next_due`), `former_members`, `reviews` (every review, with its
/// scores); members carry `name` and `joined_on`; agreements carry
/// `adopted_on` (of the version in force), `proposed_on`, `withdrawn_on` and
/// `versions`; endorsements carry `seq` and `forum`; reviews carry their
/// kind, framework, dates and responses; commitments carry `text`, `owner`,
/// `original_due`, `origin`, `made_on`, `last_reported_on`; findings carry
/// `origin`, `side`, `review`, `partnership`, `recorded_on` and `seq`.
/// Missing values are null; arrays come in `seq` order; maps are sorted;
/// means are unrounded.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnershipState {
    /// Its id.
    pub partnership: String,
    /// Its name.
    pub name: String,
    /// The as-of date of the view.
    pub as_of: Day,
    /// Current members, in the order they joined.
    pub members: Vec<MemberState>,
    /// Agreements, in the order they were proposed.
    pub agreements: Vec<AgreementState>,
    /// The most recently opened review with at least one response.
    pub latest_review: Option<ReviewState>,
    /// Commitments, in the order they were made.
    pub commitments: Vec<CommitmentState>,
    /// Findings, in `seq` order.
    pub findings: Vec<Finding>,
    /// Whether a review is overdue on the as-of date.
    pub review_overdue: bool,
    /// The `known_at` of the view.
    pub known_at: Option<String>,
    /// The host organisation.
    pub host: Option<String>,
    /// When it was established.
    pub established_on: Day,
    /// Whether it is closed.
    pub closed: bool,
    /// When it was closed.
    pub closed_on: Option<Day>,
    /// When the next review is due (the latest review's `next_due`).
    pub next_review_due: Option<Day>,
    /// Organisations that were members and left (and have not rejoined).
    pub former_members: Vec<FormerMember>,
    /// Every review, in the order opened.
    pub reviews: Vec<ReviewState>,
}

/// A current member.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MemberState {
    /// The organisation.
    pub org: String,
    /// Its side.
    pub side: Option<Side>,
    /// Its role.
    pub role: Role,
    /// The organisation's name.
    pub name: String,
    /// When it joined.
    pub joined_on: Day,
}

/// An organisation that left.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FormerMember {
    /// The organisation.
    pub org: String,
    /// Its side.
    pub side: Option<Side>,
    /// The role it had.
    pub role: Role,
    /// The organisation's name.
    pub name: String,
    /// When it joined.
    pub joined_on: Day,
    /// When it left.
    pub left_on: Day,
    /// Why.
    pub reason: String,
}

/// An agreement's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    /// No version adopted yet.
    Draft,
    /// The current version is in force.
    Adopted,
    /// An older version is in force; the current one is not yet adopted.
    RevisionPending,
    /// Withdrawn: nothing is in force.
    Withdrawn,
}

impl AgreementStatus {
    /// Every status.
    pub const ALL: [AgreementStatus; 4] = [
        AgreementStatus::Draft,
        AgreementStatus::Adopted,
        AgreementStatus::RevisionPending,
        AgreementStatus::Withdrawn,
    ];

    /// As written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementStatus::Draft => "draft",
            AgreementStatus::Adopted => "adopted",
            AgreementStatus::RevisionPending => "revision_pending",
            AgreementStatus::Withdrawn => "withdrawn",
        }
    }
}

/// An agreement as it stood.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgreementState {
    /// Its id.
    pub agreement: String,
    /// What it is about.
    pub kind: AgreementKind,
    /// Its current title.
    pub title: String,
    /// Draft, adopted, revision pending or withdrawn.
    pub status: AgreementStatus,
    /// The newest version.
    pub current_version: u32,
    /// The newest adopted version (null when none, or withdrawn).
    pub in_force_version: Option<u32>,
    /// Every endorsement of every version, in `seq` order.
    pub endorsements: Vec<EndorsementState>,
    /// When the version in force was adopted.
    pub adopted_on: Option<Day>,
    /// When it was proposed.
    pub proposed_on: Day,
    /// When it was withdrawn.
    pub withdrawn_on: Option<Day>,
    /// Its versions, version 1 first.
    pub versions: Vec<VersionState>,
}

/// An endorsement, with the organisation and side the person acted for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EndorsementState {
    /// The version endorsed.
    pub version: u32,
    /// Who endorsed.
    pub person: String,
    /// The organisation they acted for on that date.
    pub org: Option<String>,
    /// Its side.
    pub side: Option<Side>,
    /// Business time as written.
    pub occurred_at: String,
    /// Position in the log.
    pub seq: u64,
    /// The forum, if recorded.
    pub forum: Option<String>,
    /// True when the endorsement carries a signature (counted by snapshots;
    /// `audit` shows the key and whether it verifies).
    #[serde(skip)]
    pub signed: bool,
}

/// A version of an agreement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VersionState {
    /// Its number.
    pub version: u32,
    /// The title as of this version.
    pub title: String,
    /// Who proposed or revised it.
    pub author: String,
    /// Business time of the proposal or revision.
    pub occurred_at: String,
    /// When it was first co-endorsed by both sides, if it was.
    pub adopted_on: Option<Day>,
    /// Why it was revised (null for version 1).
    pub reason: Option<String>,
    /// The exact text.
    pub text: String,
}

/// A review as it stood.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReviewState {
    /// Its id.
    pub review: String,
    /// Mean per criterion over the responses that scored it.
    pub scores: BTreeMap<String, f64>,
    /// Mean per side (only sides that responded) and criterion.
    pub by_side: BTreeMap<Side, BTreeMap<String, f64>>,
    /// Criteria where government and development partners diverge, in the framework's order.
    pub diverging: Vec<String>,
    /// Its kind.
    pub kind: ReviewKind,
    /// The framework it is scored on.
    pub framework: String,
    /// When it was opened.
    pub opened_on: Day,
    /// When the next one is due.
    pub next_due: Option<Day>,
    /// When it was concluded.
    pub concluded_on: Option<Day>,
    /// The conclusion's summary.
    pub summary: Option<String>,
    /// Its responses, in `seq` order.
    pub responses: Vec<ResponseState>,
}

/// A response, with the side the respondent spoke for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResponseState {
    /// Who responded.
    pub respondent: String,
    /// The organisation they acted for.
    pub org: Option<String>,
    /// Its side.
    pub side: Option<Side>,
    /// Business time as written.
    pub occurred_at: String,
    /// Their scores.
    pub scores: BTreeMap<String, i64>,
    /// Their comment.
    pub comment: Option<String>,
}

/// A commitment as it stood.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommitmentState {
    /// Its id.
    pub commitment: String,
    /// `open` until the first report, then the last reported status.
    pub status: CommitmentStatus,
    /// The due date after rescheduling.
    pub due: Day,
    /// Not completed or dropped, due before the as-of date, partnership not closed.
    pub overdue: bool,
    /// What is committed.
    pub text: String,
    /// The owning organisation.
    pub owner: String,
    /// The due date it was made with.
    pub original_due: Day,
    /// The review, agreement or meeting it came from.
    pub origin: Option<String>,
    /// When it was made.
    pub made_on: Day,
    /// When it was last reported on.
    pub last_reported_on: Option<Day>,
}

impl PartnershipState {
    /// Builds the state of a partnership folded from the events that count
    /// in `view`, with the directory and programme folded from the same
    /// events. `None` when the partnership was not established in the view.
    pub fn build(
        p: &Partnership,
        dir: &Directory,
        programme: &Programme,
        view: &View,
    ) -> Option<PartnershipState> {
        PartnershipState::derive(p, dir, programme, view, Detail::Whole)
    }

    /// As [`PartnershipState::build`], but only `latest_review` carries
    /// its responses (the reviews in `reviews` carry none; their scores,
    /// by side and divergence are derived as ever), its agreements'
    /// versions carry no text and it has no `findings` (they are the
    /// fold's, as they stand: a reader that needs them reads them there):
    /// what a stage snapshot's share reads. The busiest partnership of a
    /// million-event log has tens of thousands of responses and thousands
    /// of versions and findings. A property test holds the outline to the
    /// whole state with those taken out.
    pub fn outline(
        p: &Partnership,
        dir: &Directory,
        programme: &Programme,
        view: &View,
    ) -> Option<PartnershipState> {
        PartnershipState::derive(p, dir, programme, view, Detail::Outline)
    }

    fn derive(
        p: &Partnership,
        dir: &Directory,
        programme: &Programme,
        view: &View,
        detail: Detail,
    ) -> Option<PartnershipState> {
        let est = p.established.as_ref()?;
        let as_of = view.as_of;
        let closed = p.closed.is_some();
        let latest = p.latest_review();
        let review_overdue = p.review_overdue(programme, as_of);
        let member = |m: &super::Membership| MemberState {
            org: m.org.clone(),
            side: dir.side_of(&m.org),
            role: m.role,
            name: dir.org_name(&m.org).to_owned(),
            joined_on: m.joined.on,
        };
        let current: Vec<&str> = p.current_members().map(|m| m.org.as_str()).collect();
        let mut former_members: Vec<FormerMember> = p
            .memberships
            .iter()
            .filter(|m| !current.contains(&m.org.as_str()))
            .filter_map(|m| {
                let (left, reason) = m.left.as_ref()?;
                Some(FormerMember {
                    org: m.org.clone(),
                    side: dir.side_of(&m.org),
                    role: m.role,
                    name: dir.org_name(&m.org).to_owned(),
                    joined_on: m.joined.on,
                    left_on: left.on,
                    reason: reason.clone(),
                })
            })
            .collect();
        // Keep only the last stint of an organisation that left more than once.
        let mut seen = std::collections::HashSet::new();
        former_members.reverse();
        former_members.retain(|f| seen.insert(f.org.clone()));
        former_members.reverse();
        Some(PartnershipState {
            partnership: p.partnership.clone(),
            name: est.name.clone(),
            as_of: Day(as_of),
            members: p.current_members().map(member).collect(),
            agreements: p
                .agreements
                .iter()
                .map(|a| {
                    let mut state = AgreementState::build(a, dir);
                    if detail == Detail::Outline {
                        for v in &mut state.versions {
                            v.text = String::new();
                        }
                    }
                    state
                })
                .collect(),
            latest_review: latest.map(|r| ReviewState::build(r, dir, programme)),
            commitments: p
                .commitments
                .iter()
                .map(|c| CommitmentState::build(c, as_of, closed))
                .collect(),
            findings: match detail {
                Detail::Whole => p.findings.clone(),
                Detail::Outline => Vec::new(),
            },
            review_overdue,
            known_at: view.known_at.clone(),
            host: est.host.clone(),
            established_on: est.stamp.on,
            closed,
            closed_on: p.closed.as_ref().map(|c| c.stamp.on),
            next_review_due: latest.and_then(|r| r.next_due),
            former_members,
            reviews: p
                .reviews
                .iter()
                .map(|r| match detail {
                    Detail::Whole => ReviewState::build(r, dir, programme),
                    Detail::Outline => ReviewState::scored(r, dir, programme),
                })
                .collect(),
        })
    }
}

impl AgreementState {
    /// Derives an agreement's status, version in force and endorsers' sides.
    pub fn build(a: &Agreement, dir: &Directory) -> AgreementState {
        let adoptions = adoptions(a, dir);
        let current_version = a.current().version;
        let (status, in_force) = standing(a, &adoptions);
        let endorsements = a
            .endorsements()
            .into_iter()
            .map(|e| {
                let who = dir.acting_for(&e.person, e.stamp.on.0);
                EndorsementState {
                    version: e.version,
                    person: e.person.clone(),
                    org: who.as_ref().map(|w| w.org.clone()),
                    side: who.and_then(|w| w.side),
                    occurred_at: e.stamp.occurred_at().to_string(),
                    seq: e.stamp.seq,
                    forum: e.forum.clone(),
                    signed: e.signed_by.is_some(),
                }
            })
            .collect();
        AgreementState {
            agreement: a.agreement.clone(),
            kind: a.kind,
            title: a.title().to_owned(),
            status,
            current_version,
            in_force_version: in_force,
            endorsements,
            adopted_on: in_force.and_then(|v| adoptions[v as usize - 1]),
            proposed_on: a.proposed_on(),
            withdrawn_on: a.withdrawn.as_ref().map(|w| w.stamp.on),
            versions: a
                .versions
                .iter()
                .zip(&adoptions)
                .map(|(v, ad)| VersionState {
                    version: v.version,
                    title: v.title.clone(),
                    author: v.author.clone(),
                    occurred_at: v.stamp.occurred_at().to_string(),
                    adopted_on: *ad,
                    reason: v.reason.clone(),
                    text: v.text.clone(),
                })
                .collect(),
        }
    }
}

/// When each version of `a` was adopted, if it was.
fn adoptions(a: &Agreement, dir: &Directory) -> Vec<Option<Day>> {
    a.versions
        .iter()
        .map(|v| v.adoption(dir).map(|x| x.on))
        .collect()
}

/// `a`'s status and version in force, given when each version was
/// adopted.
fn standing(a: &Agreement, adoptions: &[Option<Day>]) -> (AgreementStatus, Option<u32>) {
    let in_force = if a.withdrawn.is_some() {
        None
    } else {
        a.versions
            .iter()
            .zip(adoptions)
            .rev()
            .find(|(_, ad)| ad.is_some())
            .map(|(v, _)| v.version)
    };
    let status = match (a.withdrawn.is_some(), in_force) {
        (true, _) => AgreementStatus::Withdrawn,
        (false, None) => AgreementStatus::Draft,
        (false, Some(v)) if v == a.current().version => AgreementStatus::Adopted,
        (false, Some(_)) => AgreementStatus::RevisionPending,
    };
    (status, in_force)
}

impl Agreement {
    /// Its status and version in force, as [`AgreementState::build`]
    /// derives them, without the rest of its state.
    pub fn standing(&self, dir: &Directory) -> (AgreementStatus, Option<u32>) {
        standing(self, &adoptions(self, dir))
    }
}

impl Partnership {
    /// Whether its review is overdue on `as_of`: not closed, and its latest
    /// review's next one due before then, or (never reviewed) a stage
    /// completed since it was established.
    pub fn review_overdue(&self, programme: &Programme, as_of: chrono::NaiveDate) -> bool {
        let Some(est) = &self.established else {
            return false;
        };
        self.closed.is_none()
            && match self.latest_review() {
                Some(r) => r.next_due.is_some_and(|d| as_of > d.0),
                None => programme
                    .completions()
                    .any(|c| c >= est.stamp.on.0 && c <= as_of),
            }
    }
}

/// How much of a state is derived: the whole, or its outline (no
/// responses but the latest review's, no versions' texts, no findings).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    Whole,
    Outline,
}

impl ReviewState {
    /// Derives a review's scores, by side, and divergence.
    pub fn build(r: &Review, dir: &Directory, programme: &Programme) -> ReviewState {
        ReviewState {
            responses: r
                .responses
                .iter()
                .map(|x| {
                    let who = dir.acting_for(&x.respondent, x.stamp.on.0);
                    ResponseState {
                        respondent: x.respondent.clone(),
                        org: who.as_ref().map(|w| w.org.clone()),
                        side: who.and_then(|w| w.side),
                        occurred_at: x.stamp.occurred_at().to_string(),
                        scores: x.scores.iter().map(|(c, s)| (c.to_string(), *s)).collect(),
                        comment: x.comment.clone(),
                    }
                })
                .collect(),
            ..ReviewState::scored(r, dir, programme)
        }
    }

    /// As [`ReviewState::build`], without the responses.
    pub fn scored(r: &Review, dir: &Directory, programme: &Programme) -> ReviewState {
        let framework = programme.frameworks.get_or_default(&r.framework);
        let scores = r.scores(dir);
        ReviewState {
            review: r.review.clone(),
            scores: scores.means(),
            by_side: scores.side_means(),
            diverging: scores.diverging(framework),
            kind: r.kind,
            framework: r.framework.clone(),
            opened_on: r.opened.on,
            next_due: r.next_due,
            concluded_on: r.concluded.as_ref().map(|(s, _)| s.on),
            summary: r.concluded.as_ref().map(|(_, t)| t.clone()),
            responses: Vec::new(),
        }
    }
}

impl CommitmentState {
    /// Derives a commitment's status and whether it is overdue on `as_of`.
    pub fn build(c: &Commitment, as_of: chrono::NaiveDate, closed: bool) -> CommitmentState {
        CommitmentState {
            commitment: c.commitment.clone(),
            status: c.status(),
            due: c.due(),
            overdue: !closed && c.is_overdue_on(as_of),
            text: c.text.clone(),
            owner: c.owner.clone(),
            original_due: c.original_due,
            origin: c.origin.clone(),
            made_on: c.made.on,
            last_reported_on: c.reports.last().map(|r| r.stamp.on),
        }
    }
}
