//! The stage snapshot as data: what `StageSnapshot::build` returns and the
//! renderers lay out. Serialised as documented on each type (docs/reports.md).

use std::collections::BTreeMap;

use accord_events::fields::{ActivityKind, AgreementKind, Day, FindingOrigin, Side, Swot, Theme};
use serde::{Deserialize, Serialize};

use super::{Changes, Coverage, Engagement};
use crate::partnership::{AgreementStatus, CommitmentStatus};
use crate::programme::StageProgress;
use crate::status::{AgreementCounts, CommitmentCounts, PartnershipSummary};

/// A stage progress snapshot.
///
/// JSON, in this order. Keys other tools read (docs/): `stage`, `as_of`, `partnerships`
/// [{`partnership`, `agreements_adopted`, `latest_scores`, `commitments`
/// {`open`, `on_schedule`, `behind_schedule`, `completed`, `dropped`},
/// `overdue_commitments` \[id\], `review_overdue`, ...}], `totals` (the same
/// counts summed, and `partnerships`).
///
/// Extra keys: `head` {`seq`, `hash`}, `as_of_basis` (`given`,
/// `stage_completed` or `today`), `programme`, `stage_detail`, `period`
/// {`from`, `to`}, `previous_stage`, `stages` (the timeline), `criteria`,
/// `coverage`, `findings`, `diverging`, `overdue`, `activities`,
/// `meetings`, `changes`. Missing values are null; arrays come in `seq`
/// order (partnerships in the order they were established); means are
/// unrounded.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageSnapshot {
    /// The stage number.
    pub stage: u32,
    /// The date the snapshot is taken as of.
    pub as_of: Day,
    /// Every partnership established by then, in the order established.
    pub partnerships: Vec<PartnershipSnapshot>,
    /// The counts summed over the partnerships.
    pub totals: Totals,
    /// The log head the snapshot was built from.
    pub head: LogHead,
    /// Why `as_of` is what it is.
    pub as_of_basis: AsOfBasis,
    /// The programme, if defined.
    pub programme: Option<ProgrammeHeader>,
    /// The stage reported on.
    pub stage_detail: StageLine,
    /// The reporting period.
    pub period: Period,
    /// The stage before this one, if there is one.
    pub previous_stage: Option<StageLine>,
    /// Every planned stage (the programme's timeline), as of `as_of`.
    pub stages: Vec<StageLine>,
    /// The criteria the latest reviews are scored on, in framework order.
    pub criteria: Vec<CriterionInfo>,
    /// Which partnerships were engaged in the period, and how.
    pub coverage: Coverage,
    /// Findings: standing counts by theme, and those recorded in the period.
    pub findings: Findings,
    /// Latest reviews whose government and development-partner means diverge.
    pub diverging: Vec<Divergence>,
    /// Overdue commitments, named.
    pub overdue: Vec<OverdueCommitment>,
    /// Activities delivered.
    pub activities: Activities,
    /// Meetings held in the period.
    pub meetings: Vec<MeetingLine>,
    /// What changed in the period.
    pub changes: Changes,
    /// Translations of recorded content standing as of the snapshot's date
    /// (left out of the JSON when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<crate::translations::Translation>,
}

/// The head of the log a report was built from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LogHead {
    /// The last event's `seq` (0 for an empty log).
    pub seq: u64,
    /// Its hash, lowercase hex (64 zeros for an empty log).
    pub hash: String,
}

impl std::fmt::Display for LogHead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.seq, self.hash)
    }
}

/// Why the snapshot is taken as of its date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AsOfBasis {
    /// `--as-of` was given.
    Given,
    /// The date the stage was completed.
    StageCompleted,
    /// Today: the stage has not been completed.
    Today,
}

/// The programme with its organisations' names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProgrammeHeader {
    /// Name.
    pub name: String,
    /// Objective.
    pub objective: String,
    /// The commissioning organisation's name.
    pub commissioned_by: Option<String>,
    /// The facilitating organisations' names.
    pub facilitators: Vec<String>,
}

/// A stage: planned and actual dates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageLine {
    /// Its number.
    pub stage: u32,
    /// Its name.
    pub name: String,
    /// Planned, started or completed (as of the snapshot's date).
    pub status: StageProgress,
    /// Planned start.
    pub starts_on: Day,
    /// Planned end.
    pub ends_on: Day,
    /// Actual start.
    pub started_on: Option<Day>,
    /// Actual completion.
    pub completed_on: Option<Day>,
    /// What it is meant to achieve.
    pub intended_achievements: Vec<String>,
    /// The summary given on completion.
    pub summary: Option<String>,
}

/// The reporting period, both ends included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day (the day after the previous stage's completion), or
    /// null: from the beginning of the log.
    pub from: Option<Day>,
    /// The last day: the snapshot's as-of date.
    pub to: Day,
}

/// A criterion of a framework used by the reviews.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CriterionInfo {
    /// Its id (the key of scores).
    pub criterion: String,
    /// How people read it.
    pub label: String,
    /// The framework's lowest score.
    pub scale_min: i64,
    /// The framework's highest score.
    pub scale_max: i64,
}

/// One partnership in the snapshot: the keys of `accord status`'s summary
/// (flattened), then what the report shows about it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnershipSnapshot {
    /// `partnership`, `agreements_adopted`, `latest_scores`, `commitments`,
    /// `overdue_commitments`, `review_overdue`, `name`, `closed`,
    /// `agreements` (by status), `latest_review`, `diverging`.
    #[serde(flatten)]
    pub summary: PartnershipSummary,
    /// The host organisation's name.
    pub host: Option<String>,
    /// When the latest review (with responses) was opened.
    pub latest_review_on: Option<Day>,
    /// The latest review (with responses) at the end of the previous stage.
    pub previous_review: Option<String>,
    /// Its scores then (null when there is no previous stage or no review
    /// with responses then).
    pub previous_scores: Option<BTreeMap<String, f64>>,
    /// Per criterion of `latest_scores`: the change since the previous
    /// stage (null when it was not scored then).
    pub score_changes: BTreeMap<String, Option<f64>>,
    /// When the next review is due (the latest review's `next_due`).
    pub next_review_due: Option<Day>,
    /// Its agreements, in the order proposed.
    pub agreement_list: Vec<AgreementLine>,
    /// Every review with responses, in the order opened: the score trend.
    pub score_history: Vec<ScorePoint>,
    /// How it was engaged in the period.
    pub engagement: Engagement,
    /// Standing endorsements (every version) that carry a signature.
    pub endorsements_signed: usize,
    /// Standing endorsements without one.
    pub endorsements_unsigned: usize,
}

/// An agreement and its status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgreementLine {
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
    /// The version in force.
    pub in_force_version: Option<u32>,
    /// When the version in force was adopted.
    pub adopted_on: Option<Day>,
}

/// One review's mean scores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScorePoint {
    /// The review.
    pub review: String,
    /// When it was opened.
    pub opened_on: Day,
    /// Mean per criterion.
    pub scores: BTreeMap<String, f64>,
}

/// Counts summed over the partnerships.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Partnerships established (closed ones included).
    pub partnerships: usize,
    /// Agreements with a version in force.
    pub agreements_adopted: usize,
    /// Commitments by status.
    pub commitments: CommitmentCounts,
    /// Overdue commitments.
    pub overdue_commitments: usize,
    /// Partnerships whose review is overdue.
    pub review_overdue: usize,
    /// Agreements by status.
    pub agreements: AgreementCounts,
    /// Partnerships whose latest review diverges.
    pub diverging: usize,
    /// Partnerships with a review with responses.
    pub reviewed: usize,
    /// Partnerships engaged in the period.
    pub engaged: usize,
    /// Closed partnerships.
    pub closed: usize,
    /// Standing endorsements that carry a signature.
    pub endorsements_signed: usize,
    /// Standing endorsements without one.
    pub endorsements_unsigned: usize,
}

/// Findings: counted as they stand on the snapshot's date, listed for the
/// reporting period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Findings {
    /// How many stand on the snapshot's date.
    pub total: usize,
    /// Of which recorded in the period.
    pub new_in_period: usize,
    /// Standing findings per theme and SWOT quadrant (and how many are new),
    /// themes in vocabulary order.
    pub by_theme: Vec<ThemeRow>,
    /// The findings recorded in the period, in `seq` order.
    pub items: Vec<FindingLine>,
}

/// Findings on one theme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ThemeRow {
    /// The theme.
    pub theme: Theme,
    /// Strengths.
    pub strength: usize,
    /// Weaknesses.
    pub weakness: usize,
    /// Opportunities.
    pub opportunity: usize,
    /// Threats.
    pub threat: usize,
    /// All of them.
    pub total: usize,
    /// Of which new in the period.
    pub new: usize,
}

/// A finding in the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FindingLine {
    /// Its id.
    pub finding: String,
    /// The SWOT quadrant.
    pub swot: Swot,
    /// The theme.
    pub theme: Theme,
    /// What was found.
    pub text: String,
    /// The partnership it is about (null: the programme).
    pub partnership: Option<String>,
    /// That partnership's name.
    pub partnership_name: Option<String>,
    /// Where it came from.
    pub origin: FindingOrigin,
    /// The side it came from.
    pub side: Option<Side>,
    /// Its business date.
    pub recorded_on: Day,
}

/// A latest review whose sides diverge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Divergence {
    /// The partnership.
    pub partnership: String,
    /// Its name.
    pub name: String,
    /// The review.
    pub review: String,
    /// The diverging criteria, in framework order.
    pub criteria: Vec<DivergingCriterion>,
}

/// A criterion on which the sides diverge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DivergingCriterion {
    /// The criterion.
    pub criterion: String,
    /// The government mean.
    pub government: Option<f64>,
    /// The development-partner mean.
    pub development_partner: Option<f64>,
}

/// An overdue commitment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverdueCommitment {
    /// The partnership.
    pub partnership: String,
    /// Its name.
    pub name: String,
    /// The commitment.
    pub commitment: String,
    /// What was committed.
    pub text: String,
    /// The owning organisation.
    pub owner: String,
    /// Its name.
    pub owner_name: String,
    /// When it was due (after rescheduling).
    pub due: Day,
    /// Its status.
    pub status: CommitmentStatus,
}

/// Activities delivered.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Activities {
    /// Per kind (every kind, in vocabulary order).
    pub by_kind: Vec<ActivityKindRow>,
    /// The activities delivered in the period, in `seq` order.
    pub items: Vec<ActivityLine>,
}

/// Activities of one kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActivityKindRow {
    /// The kind.
    pub kind: ActivityKind,
    /// Delivered in the period.
    pub in_period: usize,
    /// Delivered up to the snapshot's date.
    pub to_date: usize,
    /// Participants recorded for those in the period.
    pub participants_in_period: u64,
}

/// An activity delivered.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActivityLine {
    /// Its id.
    pub activity: String,
    /// Its kind.
    pub kind: ActivityKind,
    /// Its title.
    pub title: String,
    /// When.
    pub delivered_on: Day,
    /// How many partnerships it served.
    pub partnerships: usize,
    /// How many took part, if recorded.
    pub participants: Option<u32>,
}

/// A meeting held in the period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeetingLine {
    /// Its id.
    pub meeting: String,
    /// Its kind.
    pub kind: accord_events::fields::MeetingKind,
    /// Its title.
    pub title: String,
    /// When.
    pub held_on: Day,
    /// How many partnerships it concerned.
    pub partnerships: usize,
    /// How many attended (as recorded).
    pub attendees: usize,
}
