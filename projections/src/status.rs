//! The programme at a glance: its stages, counts, and what is overdue or
//! diverging, partnership by partnership.

use std::collections::BTreeMap;

use accord_events::fields::Day;
use accord_events::{Envelope, Event};
use serde::{Deserialize, Serialize};

use crate::partnership::{AgreementStatus, CommitmentStatus, Keep, PartnershipState, ReviewState};
use crate::programme::{Held, ProgrammeDefinition, Stage, StageProgress};
use crate::replay::Replay;
use crate::view::{Sieve, View};

/// The programme's status in a view.
///
/// JSON: `programme` (null or {`name`, `objective`, `commissioned_by`,
/// `facilitators`}), `as_of`, `known_at`, `stages` [{`stage`, `name`,
/// `starts_on`, `ends_on`, `intended_achievements`, `started_on`,
/// `completed_on`, `summary`, `status`}], `current_stage` (number or null),
/// `counts` {`partnerships`, `partnerships_closed`, `organisations`,
/// `people`, `agreements` {`draft`, `adopted`, `revision_pending`,
/// `withdrawn`}, `reviews`, `findings`, `commitments` {`open`,
/// `on_schedule`, `behind_schedule`, `completed`, `dropped`},
/// `interviews`, `meetings`, `activities`}, `overdue_commitments`
/// [{`partnership`, `commitment`, `owner`, `due`, `status`}],
/// `overdue_reviews` \[partnership id\], `diverging` [{`partnership`,
/// `review`, `criteria`}], `partnerships` \[summary\].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProgrammeStatus {
    /// `programme.defined`, if recorded.
    pub programme: Option<ProgrammeDefinition>,
    /// The view's as-of date.
    pub as_of: Day,
    /// The view's known-at instant.
    pub known_at: Option<String>,
    /// Every planned stage, by number.
    pub stages: Vec<StageStatus>,
    /// The stage running (started, not completed).
    pub current_stage: Option<u32>,
    /// How many of everything.
    pub counts: Counts,
    /// Overdue commitments, partnership by partnership.
    pub overdue_commitments: Vec<OverdueCommitment>,
    /// Partnerships whose review is overdue.
    pub overdue_reviews: Vec<String>,
    /// Latest reviews with diverging criteria.
    pub diverging: Vec<Divergence>,
    /// One line per partnership, in the order they were established.
    pub partnerships: Vec<PartnershipSummary>,
}

/// A stage and where it stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageStatus {
    /// The stage.
    #[serde(flatten)]
    pub stage: Stage,
    /// Planned, started or completed.
    pub status: StageProgress,
}

/// Counts across the programme.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Partnerships established (closed ones included).
    pub partnerships: usize,
    /// Of which closed.
    pub partnerships_closed: usize,
    /// Organisations registered.
    pub organisations: usize,
    /// People registered.
    pub people: usize,
    /// Agreements by status.
    pub agreements: AgreementCounts,
    /// Reviews opened.
    pub reviews: usize,
    /// Findings recorded (programme-level ones included).
    pub findings: usize,
    /// Commitments by status.
    pub commitments: CommitmentCounts,
    /// Interviews and focus groups held.
    pub interviews: usize,
    /// Meetings held.
    pub meetings: usize,
    /// Activities delivered.
    pub activities: usize,
}

/// Agreements by status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct AgreementCounts {
    pub draft: usize,
    pub adopted: usize,
    pub revision_pending: usize,
    pub withdrawn: usize,
}

impl AgreementCounts {
    /// Counts one agreement.
    pub fn add(&mut self, s: AgreementStatus) {
        *match s {
            AgreementStatus::Draft => &mut self.draft,
            AgreementStatus::Adopted => &mut self.adopted,
            AgreementStatus::RevisionPending => &mut self.revision_pending,
            AgreementStatus::Withdrawn => &mut self.withdrawn,
        } += 1;
    }

    /// Adds another tally.
    pub fn merge(&mut self, o: &AgreementCounts) {
        self.draft += o.draft;
        self.adopted += o.adopted;
        self.revision_pending += o.revision_pending;
        self.withdrawn += o.withdrawn;
    }
}

/// Commitments by status (all five, `open` included).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct CommitmentCounts {
    pub open: usize,
    pub on_schedule: usize,
    pub behind_schedule: usize,
    pub completed: usize,
    pub dropped: usize,
}

impl CommitmentCounts {
    /// Counts one commitment.
    pub fn add(&mut self, s: CommitmentStatus) {
        *match s {
            CommitmentStatus::Open => &mut self.open,
            CommitmentStatus::OnSchedule => &mut self.on_schedule,
            CommitmentStatus::BehindSchedule => &mut self.behind_schedule,
            CommitmentStatus::Completed => &mut self.completed,
            CommitmentStatus::Dropped => &mut self.dropped,
        } += 1;
    }

    /// Adds another tally.
    pub fn merge(&mut self, o: &CommitmentCounts) {
        self.open += o.open;
        self.on_schedule += o.on_schedule;
        self.behind_schedule += o.behind_schedule;
        self.completed += o.completed;
        self.dropped += o.dropped;
    }

    /// How many in all.
    pub fn total(&self) -> usize {
        self.open + self.on_schedule + self.behind_schedule + self.completed + self.dropped
    }
}

/// An overdue commitment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverdueCommitment {
    /// Its partnership.
    pub partnership: String,
    /// Its id.
    pub commitment: String,
    /// The organisation that owns it.
    pub owner: String,
    /// When it was due.
    pub due: Day,
    /// Its status.
    pub status: CommitmentStatus,
}

/// A latest review whose sides diverge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Divergence {
    /// The partnership.
    pub partnership: String,
    /// Its latest review.
    pub review: String,
    /// The diverging criteria.
    pub criteria: Vec<String>,
}

impl Divergence {
    /// The divergence of `partnership`'s latest review `r`, if its sides
    /// diverge on any criterion.
    fn of(partnership: &str, r: &ReviewState) -> Option<Divergence> {
        (!r.diverging.is_empty()).then(|| Divergence {
            partnership: partnership.to_owned(),
            review: r.review.clone(),
            criteria: r.diverging.clone(),
        })
    }
}

/// One partnership in a line: the keys of a stage snapshot's partnership
/// (`partnership`, `agreements_adopted`, `latest_scores`, `commitments`,
/// `overdue_commitments`, `review_overdue`) plus `name`, `closed`,
/// `agreements` (by status), `latest_review` and `diverging`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnershipSummary {
    /// Its id.
    pub partnership: String,
    /// Agreements with a version in force.
    pub agreements_adopted: usize,
    /// Mean per criterion of its latest review (empty when none).
    pub latest_scores: BTreeMap<String, f64>,
    /// Commitments by status.
    pub commitments: CommitmentCounts,
    /// Ids of overdue commitments.
    pub overdue_commitments: Vec<String>,
    /// Whether its review is overdue.
    pub review_overdue: bool,
    /// Its name.
    pub name: String,
    /// Whether it is closed.
    pub closed: bool,
    /// Agreements by status.
    pub agreements: AgreementCounts,
    /// Its latest review (with responses).
    pub latest_review: Option<String>,
    /// Diverging criteria of the latest review.
    pub diverging: Vec<String>,
    /// When its latest review was opened (for the text's "reviewed"
    /// column; not in JSON).
    #[serde(skip)]
    pub latest_review_opened_on: Option<Day>,
    /// The framework its latest review is scored on (for the labels of its
    /// criteria; not in JSON).
    #[serde(skip)]
    pub latest_review_framework: Option<String>,
}

impl PartnershipSummary {
    /// Summarises a partnership's state.
    pub fn of(s: &PartnershipState) -> PartnershipSummary {
        let mut agreements = AgreementCounts::default();
        let mut commitments = CommitmentCounts::default();
        for a in &s.agreements {
            agreements.add(a.status);
        }
        for c in &s.commitments {
            commitments.add(c.status);
        }
        PartnershipSummary {
            partnership: s.partnership.clone(),
            agreements_adopted: s
                .agreements
                .iter()
                .filter(|a| a.in_force_version.is_some())
                .count(),
            latest_scores: s
                .latest_review
                .as_ref()
                .map(|r| r.scores.clone())
                .unwrap_or_default(),
            commitments,
            overdue_commitments: s
                .commitments
                .iter()
                .filter(|c| c.overdue)
                .map(|c| c.commitment.clone())
                .collect(),
            review_overdue: s.review_overdue,
            name: s.name.clone(),
            closed: s.closed,
            agreements,
            latest_review: s.latest_review.as_ref().map(|r| r.review.clone()),
            diverging: s
                .latest_review
                .as_ref()
                .map(|r| r.diverging.clone())
                .unwrap_or_default(),
            latest_review_opened_on: s.latest_review.as_ref().map(|r| r.opened_on),
            latest_review_framework: s.latest_review.as_ref().map(|r| r.framework.clone()),
        }
    }
}

/// What the status keeps of one partnership: its line and its share of the
/// programme's counts and lists, taken from its state, which may then be
/// dropped.
///
/// It can be saved and read back (`serde`, in any format that keeps every
/// field, such as postcard): with its summary's two fields that JSON
/// leaves out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnershipLine {
    /// The `seq` of its `partnership.established`: lines are listed in
    /// that order.
    established_seq: u64,
    #[serde(with = "whole_summary")]
    summary: PartnershipSummary,
    reviews: usize,
    findings: usize,
    overdue: Vec<OverdueCommitment>,
    divergence: Option<Divergence>,
}

/// A [`PartnershipSummary`] with the fields its JSON skips.
pub(crate) mod whole_summary {
    use accord_events::fields::Day;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::PartnershipSummary;

    pub fn serialize<S: Serializer>(s: &PartnershipSummary, to: S) -> Result<S::Ok, S::Error> {
        (s, &s.latest_review_opened_on, &s.latest_review_framework).serialize(to)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<PartnershipSummary, D::Error> {
        let (mut s, opened_on, framework): (PartnershipSummary, Option<Day>, Option<String>) =
            Deserialize::deserialize(from)?;
        s.latest_review_opened_on = opened_on;
        s.latest_review_framework = framework;
        Ok(s)
    }
}

impl PartnershipLine {
    /// The line of `partnership` in a fold that holds it (`None` when it is
    /// not established in the view), derived against `shared`'s directory
    /// and programme.
    ///
    /// Read from the fold itself, not from the partnership's state: the
    /// state of the busiest partnership of a million events (its
    /// agreements' texts, its commitments, its findings) was a quarter
    /// of `status`'s memory. A property test holds the line to the one read
    /// from the whole state ([`PartnershipLine::of_state`]).
    pub fn from_fold(
        fold: &Replay,
        partnership: &str,
        shared: &Replay,
        view: &View,
    ) -> Option<PartnershipLine> {
        let p = fold.partnerships.get(partnership)?;
        let est = p.established.as_ref()?;
        let (dir, programme) = (&shared.directory, &shared.programme);
        let closed = p.closed.is_some();
        let mut agreements = AgreementCounts::default();
        let mut agreements_adopted = 0;
        for a in &p.agreements {
            let (status, in_force) = a.standing(dir);
            agreements.add(status);
            agreements_adopted += usize::from(in_force.is_some());
        }
        let mut commitments = CommitmentCounts::default();
        let mut overdue = Vec::new();
        for c in &p.commitments {
            let status = c.status();
            commitments.add(status);
            if !closed && c.is_overdue_on(view.as_of) {
                overdue.push(OverdueCommitment {
                    partnership: p.partnership.clone(),
                    commitment: c.commitment.clone(),
                    owner: c.owner.clone(),
                    due: c.due(),
                    status,
                });
            }
        }
        let latest = p
            .latest_review()
            .map(|r| ReviewState::scored(r, dir, programme));
        let divergence = latest
            .as_ref()
            .and_then(|r| Divergence::of(&p.partnership, r));
        let summary = PartnershipSummary {
            partnership: p.partnership.clone(),
            agreements_adopted,
            commitments,
            overdue_commitments: overdue.iter().map(|o| o.commitment.clone()).collect(),
            review_overdue: p.review_overdue(programme, view.as_of),
            name: est.name.clone(),
            closed,
            agreements,
            latest_review_opened_on: latest.as_ref().map(|r| r.opened_on),
            latest_review: latest.as_ref().map(|r| r.review.clone()),
            latest_scores: latest
                .as_ref()
                .map(|r| r.scores.clone())
                .unwrap_or_default(),
            latest_review_framework: latest.as_ref().map(|r| r.framework.clone()),
            diverging: latest.map(|r| r.diverging).unwrap_or_default(),
        };
        Some(PartnershipLine {
            established_seq: est.stamp.seq,
            summary,
            reviews: p.reviews.len(),
            findings: p.findings_folded(),
            overdue,
            divergence,
        })
    }

    /// The line read from a partnership's whole state: what
    /// [`PartnershipLine::from_fold`] is held to.
    #[cfg(test)]
    pub(crate) fn of_state(s: &PartnershipState, established_seq: u64) -> PartnershipLine {
        PartnershipLine {
            established_seq,
            summary: PartnershipSummary::of(s),
            reviews: s.reviews.len(),
            findings: s.findings.len(),
            overdue: s
                .commitments
                .iter()
                .filter(|c| c.overdue)
                .map(|c| OverdueCommitment {
                    partnership: s.partnership.clone(),
                    commitment: c.commitment.clone(),
                    owner: c.owner.clone(),
                    due: c.due,
                    status: c.status,
                })
                .collect(),
            divergence: s
                .latest_review
                .as_ref()
                .and_then(|r| Divergence::of(&s.partnership, r)),
        }
    }
}

/// The programme-wide counts a fold holds: what the directory and the
/// programme have registered and held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Organisations registered.
    pub organisations: usize,
    /// People registered.
    pub people: usize,
    /// Findings that name no partnership.
    pub findings: usize,
    /// Interviews and focus groups held.
    pub interviews: usize,
    /// Meetings held.
    pub meetings: usize,
    /// Activities delivered.
    pub activities: usize,
}

impl Tally {
    /// The counts of `replay`'s directory and programme.
    pub fn of(replay: &Replay) -> Tally {
        Tally {
            organisations: replay.directory.organisations().count(),
            people: replay.directory.people().count(),
            findings: replay.programme.findings.len(),
            interviews: replay.programme.interviews.len(),
            meetings: replay.programme.meetings.len(),
            activities: replay.programme.activities.len(),
        }
    }

    /// What was added since `before` (a fold only ever adds to these).
    fn since(self, before: Tally) -> Tally {
        Tally {
            organisations: self.organisations - before.organisations,
            people: self.people - before.people,
            findings: self.findings - before.findings,
            interviews: self.interviews - before.interviews,
            meetings: self.meetings - before.meetings,
            activities: self.activities - before.activities,
        }
    }

    /// Counts `e` when it is what the programme holds and a status only
    /// counts (a finding that names no partnership, an interview, a
    /// meeting, an activity), as folding it would; whether it did.
    fn count(&mut self, e: &Event) -> bool {
        let n = match Held::of(e) {
            Some(Held::Finding) => &mut self.findings,
            Some(Held::Interview) => &mut self.interviews,
            Some(Held::Meeting) => &mut self.meetings,
            Some(Held::Activity) => &mut self.activities,
            None => return false,
        };
        *n += 1;
        true
    }

    fn add(&mut self, o: Tally) {
        self.organisations += o.organisations;
        self.people += o.people;
        self.findings += o.findings;
        self.interviews += o.interviews;
        self.meetings += o.meetings;
        self.activities += o.activities;
    }
}

/// What the status takes from the directory and the programme: their
/// counts, the programme's definition and its stages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeShare {
    /// Counts of what they registered and held.
    pub tally: Tally,
    /// `programme.defined`, if recorded.
    pub definition: Option<ProgrammeDefinition>,
    /// Every planned stage, by number.
    pub stages: Vec<Stage>,
}

impl ProgrammeShare {
    /// The share of `replay`'s directory and programme.
    pub fn of(replay: &Replay) -> ProgrammeShare {
        ProgrammeShare {
            tally: Tally::of(replay),
            definition: replay.programme.definition.clone(),
            stages: replay.programme.stages.values().cloned().collect(),
        }
    }
}

/// What one partnership's stream gives the status: its line (`None` when
/// it is not established in the view) and what its events add to the
/// programme's counts (an interview held with it is recorded on its
/// stream).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StreamStatus {
    /// Its line.
    pub line: Option<PartnershipLine>,
    /// What it adds to the programme's counts.
    pub tally: Tally,
}

/// The status in parts, each derived from its own streams: the directory's
/// and programme's share, and each partnership's, by id. Parts folded at
/// different times from the same streams in the same view assemble into
/// the same status (a property test holds this).
#[derive(Clone, Debug, PartialEq)]
pub struct StatusParts {
    /// The directory's and programme's share.
    pub programme: ProgrammeShare,
    /// Each partnership's, by id.
    pub partnerships: BTreeMap<String, StreamStatus>,
}

impl StatusParts {
    /// The status the parts make in `view`.
    pub fn assemble(self, view: &View) -> ProgrammeStatus {
        let mut tally = self.programme.tally;
        let mut lines = Vec::new();
        for part in self.partnerships.into_values() {
            tally.add(part.tally);
            lines.extend(part.line);
        }
        ProgrammeStatus::assemble(
            ProgrammeShare {
                tally,
                ..self.programme
            },
            lines,
            view,
        )
    }
}

/// The programme's status built stream by stream, so that memory holds the
/// directory, the programme and one partnership at a time, never the
/// whole log's facts: feed it the directory's and the programme's events
/// first, then each partnership's stream in turn, opened by
/// [`StatusBuilder::open_partnership`], each stream in `seq` order. The
/// result equals [`ProgrammeStatus::build`] over the whole log (a property
/// test holds it to that).
///
/// Not every partnership needs to be fed: [`StatusBuilder::finish_parts`]
/// gives the parts of those that were, to assemble with parts saved
/// earlier.
#[derive(Debug)]
pub struct StatusBuilder {
    sieve: Sieve,
    view: View,
    shared: Replay,
    /// What the programme held that the status only counts: counted here,
    /// never folded into `shared` (a million-event log holds over eighty
    /// thousand meetings, interviews, activities and such findings).
    held: Tally,
    /// The directory's and the programme's share, taken when the first
    /// partnership opens.
    programme: Option<ProgrammeShare>,
    /// The partnership whose stream is being fed, its fold, and the
    /// programme's counts when it opened.
    open: Option<(String, Replay, Tally)>,
    partnerships: BTreeMap<String, StreamStatus>,
}

impl StatusBuilder {
    /// Nothing folded yet; `sieve` holds the log's retractions.
    pub fn new(sieve: Sieve) -> StatusBuilder {
        StatusBuilder {
            view: sieve.view().clone(),
            sieve,
            shared: Replay::new(),
            held: Tally::default(),
            programme: None,
            open: None,
            partnerships: BTreeMap::new(),
        }
    }

    /// Takes the next event: of the directory or the programme before any
    /// partnership is opened, else of the partnership open.
    pub fn apply(&mut self, e: &Envelope) {
        if !self.sieve.counts(e) {
            return;
        }
        match &mut self.open {
            None => self.shared.apply_to_partnership(e),
            Some((_, fold, _)) => fold.apply_to_partnership(e),
        }
        if !self.held.count(&e.event) {
            self.shared.apply_programme_wide(e);
        }
    }

    /// The counts of what has been fed so far.
    fn tally(&self) -> Tally {
        let mut t = Tally::of(&self.shared);
        t.add(self.held);
        t
    }

    /// The directory's and the programme's share of what has been fed.
    fn share(&self) -> ProgrammeShare {
        ProgrammeShare {
            tally: self.tally(),
            ..ProgrammeShare::of(&self.shared)
        }
    }

    /// Starts on `partnership`'s stream: the one open before is summarised
    /// into its line and its fold let go.
    pub fn open_partnership(&mut self, partnership: &str) {
        self.close_partnership();
        if self.programme.is_none() {
            self.programme = Some(self.share());
        }
        self.open = Some((
            partnership.to_owned(),
            Replay::keeping(Keep::Line),
            self.tally(),
        ));
    }

    fn close_partnership(&mut self) {
        if let Some((p, fold, before)) = self.open.take() {
            let line = PartnershipLine::from_fold(&fold, &p, &self.shared, &self.view);
            let tally = self.tally().since(before);
            self.partnerships.insert(p, StreamStatus { line, tally });
        }
    }

    /// The status, and the fold of the directory and programme its text is
    /// rendered with (which holds none of what the status only counts).
    pub fn finish(self) -> (ProgrammeStatus, Replay) {
        let view = self.view.clone();
        let (parts, shared) = self.finish_parts();
        (parts.assemble(&view), shared)
    }

    /// The parts of the streams fed, and the fold of the directory and
    /// programme.
    pub fn finish_parts(mut self) -> (StatusParts, Replay) {
        self.close_partnership();
        let programme = self.programme.take().unwrap_or_else(|| self.share());
        let parts = StatusParts {
            programme,
            partnerships: self.partnerships,
        };
        (parts, self.shared)
    }
}

impl crate::StreamFold for StatusBuilder {
    fn open_partnership(&mut self, partnership: &str) {
        StatusBuilder::open_partnership(self, partnership);
    }

    fn apply(&mut self, e: &Envelope) {
        StatusBuilder::apply(self, e);
    }
}

impl ProgrammeStatus {
    /// The programme's status from a whole log in `seq` order.
    pub fn build(events: &[Envelope], view: &View) -> ProgrammeStatus {
        ProgrammeStatus::of(&Replay::of(events, view), view)
    }

    /// The programme's status from a log already folded in `view` (by
    /// [`Replay::of`], or streamed through a [`crate::ReplayBuilder`]).
    pub fn of(replay: &Replay, view: &View) -> ProgrammeStatus {
        // One partnership's state at a time, summarised and dropped: the
        // status holds what it prints, not every partnership's state.
        let lines = replay
            .established()
            .into_iter()
            .filter_map(|p| PartnershipLine::from_fold(replay, &p.partnership, replay, view))
            .collect();
        ProgrammeStatus::assemble(ProgrammeShare::of(replay), lines, view)
    }

    /// The status from the lines of its partnerships (in any order) and the
    /// share of the directory and programme (their counts with everything
    /// the partnerships' streams added).
    fn assemble(
        programme: ProgrammeShare,
        mut lines: Vec<PartnershipLine>,
        view: &View,
    ) -> ProgrammeStatus {
        lines.sort_by_key(|l| l.established_seq);
        let t = programme.tally;
        let mut counts = Counts {
            organisations: t.organisations,
            people: t.people,
            findings: t.findings,
            interviews: t.interviews,
            meetings: t.meetings,
            activities: t.activities,
            ..Counts::default()
        };
        let mut overdue_commitments = Vec::new();
        let mut overdue_reviews = Vec::new();
        let mut diverging = Vec::new();
        let mut partnerships = Vec::new();
        for line in lines {
            let summary = line.summary;
            counts.partnerships += 1;
            counts.partnerships_closed += usize::from(summary.closed);
            counts.agreements.merge(&summary.agreements);
            counts.commitments.merge(&summary.commitments);
            counts.reviews += line.reviews;
            counts.findings += line.findings;
            overdue_commitments.extend(line.overdue);
            if summary.review_overdue {
                overdue_reviews.push(summary.partnership.clone());
            }
            diverging.extend(line.divergence);
            partnerships.push(summary);
        }
        // The stage running: the last started and not completed.
        let current_stage = programme
            .stages
            .iter()
            .rev()
            .find(|s| s.progress() == StageProgress::Started)
            .map(|s| s.stage);
        ProgrammeStatus {
            programme: programme.definition,
            as_of: Day(view.as_of),
            known_at: view.known_at.clone(),
            stages: programme
                .stages
                .into_iter()
                .map(|stage| StageStatus {
                    status: stage.progress(),
                    stage,
                })
                .collect(),
            current_stage,
            counts,
            overdue_commitments,
            overdue_reviews,
            diverging,
            partnerships,
        }
    }
}
