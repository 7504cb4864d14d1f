//! The stage snapshot: the progress report the programme team gives a
//! steering body at the end of each stage.
//!
//! A snapshot is taken as of a date: the `--as-of` date when one is given,
//! else the date of the stage's `stage.completed`, else (while it runs, or
//! before it starts) today. Its *reporting period* runs from the day after
//! the previous stage was completed (the first stage: from the beginning of
//! the log) to that date; "new", "in the period" and "what changed" refer to
//! it, and score changes compare each partnership's latest review scores
//! with those it had at the end of the previous stage.
//!
//! Everything per partnership comes from the projections' own fold
//! ([`PartnershipState`](crate::partnership::PartnershipState), summarised
//! by [`PartnershipSummary`](crate::status::PartnershipSummary) exactly as
//! `accord status` does): this module never re-derives adoption, commitment
//! status, overdue or divergence; it selects, groups and compares. Each
//! partnership's part of the report (its *share*) is derived as soon as its
//! fold is complete, so a snapshot read stream by stream holds one
//! partnership's facts at a time ([`SnapshotBuilder`]).
//!
//! The report names the log head it was built from (with `known_at`, the
//! last event recorded by then) rather than the moment it was made, so the
//! same log gives the same report, byte for byte, and a report re-made with
//! `--known-at` equals the one printed at that moment.

mod changes;
mod coverage;
mod model;
mod share;

use std::collections::{BTreeSet, HashMap};

use accord_events::catalogue::EFFECTIVENESS;
use accord_events::fields::{ActivityKind, Day, Swot, Theme};
use accord_events::{Envelope, Event};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::directory::Directory;
use crate::partnership::Keep;
use crate::programme::{Held, Interview, Programme, ProgrammeDefinition, Stage, StageProgress};
use crate::replay::Replay;
use crate::view::{Sieve, View};

pub use changes::{
    AgreementChange, Changes, CommitmentChange, MemberChange, PartnershipRef, ReviewActivity,
};
pub use coverage::{Channel, Coverage, Engagement};
pub use model::{
    Activities, ActivityKindRow, ActivityLine, AgreementLine, AsOfBasis, CriterionInfo, Divergence,
    DivergingCriterion, FindingLine, Findings, LogHead, MeetingLine, OverdueCommitment,
    PartnershipSnapshot, Period, ProgrammeHeader, ScorePoint, StageLine, StageSnapshot, ThemeRow,
    Totals,
};

/// What to snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotRequest {
    /// The stage number.
    pub stage: u32,
    /// `--as-of`, when given (otherwise the stage's completion date, or today).
    pub as_of: Option<NaiveDate>,
    /// `--known-at`, in the stored `recorded_at` form.
    pub known_at: Option<String>,
    /// Today's date (with `known_at`, that instant's date).
    pub today: NaiveDate,
}

/// Why a snapshot cannot be taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotError {
    /// The stage was never planned (in what the view knows).
    NotPlanned {
        /// The stage asked for.
        stage: u32,
        /// The stages that are planned.
        planned: Vec<u32>,
    },
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotError::NotPlanned { stage, planned } if planned.is_empty() => {
                write!(f, "stage {stage} is not planned: the log plans no stages")
            }
            SnapshotError::NotPlanned { stage, planned } => {
                let list: Vec<String> = planned.iter().map(u32::to_string).collect();
                write!(
                    f,
                    "stage {stage} is not planned (planned stages: {})",
                    list.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for SnapshotError {}

/// The reporting period: after the baseline (the previous stage's
/// completion; none: from the beginning) up to the snapshot's date.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Window {
    pub baseline: Option<NaiveDate>,
    pub as_of: NaiveDate,
}

impl Window {
    /// True when `d` lies in the reporting period.
    pub fn in_period(&self, d: NaiveDate) -> bool {
        self.baseline.is_none_or(|b| d > b) && d <= self.as_of
    }
}

/// What a partnership's share is derived against: the directory and
/// programme as of the snapshot's date (and as of the baseline, with that
/// view), and the period.
pub(crate) struct Folds<'a> {
    pub now: &'a Replay,
    pub view: &'a View,
    pub before: Option<(&'a Replay, View)>,
    pub window: Window,
}

impl StageSnapshot {
    /// Takes the snapshot from a whole log in `seq` order (the whole-slice
    /// form of [`SnapshotBuilder`]).
    pub fn build(
        events: &[Envelope],
        req: &SnapshotRequest,
    ) -> Result<StageSnapshot, SnapshotError> {
        let mut b = SnapshotBuilder::new(req, events)?;
        for e in events {
            b.apply(e);
        }
        Ok(b.finish())
    }
}

/// A stage snapshot folded as the log streams past.
///
/// The snapshot's date depends on the stage plan (when the stage was
/// completed), and what counts depends on retractions that may come after
/// the events they retract, so the builder is made from a *prelude*: the
/// log's retractions and stage events, which a store reads by type without
/// decoding the rest. The log is then fed to [`SnapshotBuilder::apply`],
/// either whole in `seq` order, or stream by stream: the directory's and
/// the programme's streams first, then each partnership's after
/// [`SnapshotBuilder::open_partnership`]. Read whole, the two folds it
/// needs (as of the snapshot's date and as of the end of the previous
/// stage) hold every partnership; read by stream, they hold the directory
/// and the programme, and each partnership is folded, derived into its
/// share of the report and let go when the next one opens, so memory holds
/// what the report prints. Both give the same snapshot (a property test
/// holds them to it).
#[derive(Clone, Debug)]
pub struct SnapshotBuilder {
    stage: u32,
    /// What stands in the known-at view, at any business date.
    known: Sieve,
    /// The stage plan as known.
    plan: Programme,
    as_of: NaiveDate,
    as_of_basis: AsOfBasis,
    /// The previous stage's completion, when it is on or before `as_of`.
    baseline: Option<NaiveDate>,
    /// The fold as of `as_of`.
    now: Replay,
    /// The fold as of `baseline`.
    before: Option<Replay>,
    /// What the programme held by the baseline, as the report reads it
    /// (the fold as of `as_of` holds only what it held in the period).
    held_before: HeldBefore,
    /// The last event the view knows of: `(seq, hash)`.
    head: Option<(u64, accord_events::Hash)>,
    /// Read stream by stream: the partnership whose stream is being fed.
    open: Option<OpenPartnership>,
    /// Read stream by stream: the shares of the partnerships let go.
    shares: Vec<share::Share>,
    /// The frameworks of the reviews with responses, in every partnership
    /// folded (established or not): the criteria the report explains.
    frameworks_used: BTreeSet<String>,
    /// True once a partnership was opened: the log is read by stream.
    by_stream: bool,
    /// What each partnership's stream gave, kept to be saved
    /// ([`SnapshotBuilder::keep_streams`]).
    kept: Option<Vec<(String, StreamShare)>>,
}

/// What one partnership's stream gives a snapshot: its share of the
/// report (none when it is not established on the snapshot's date), the
/// frameworks of its reviews that received responses, and the interviews
/// held with it (recorded on its stream, counted by the programme). Kept
/// by [`SnapshotBuilder::keep_streams`] and given back, instead of the
/// stream, by [`SnapshotBuilder::add_saved`]; it can be saved and read
/// back (`serde`, in any format that keeps every field, such as postcard).
/// (A property test holds a snapshot taken so to the one of the whole
/// log: an event of a partnership's stream that the programme counted
/// otherwise would show there.)
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StreamShare {
    share: Option<share::Share>,
    frameworks: BTreeSet<String>,
    interviews: Vec<Interview>,
}

/// A partnership whose stream is being read: its folds as of the
/// snapshot's date and as of the baseline.
#[derive(Clone, Debug)]
struct OpenPartnership {
    partnership: String,
    now: Replay,
    before: Option<Replay>,
    /// The interviews on its stream the programme counted by the
    /// snapshot's date (kept only with [`SnapshotBuilder::keep_streams`]).
    interviews: Vec<Interview>,
}

/// What the programme held on or before the baseline, as a snapshot reads
/// it: the report lists and counts by channel only what was held in the
/// period, but counts activities by kind to date and findings by theme
/// whenever recorded. A million-event log holds over a hundred thousand
/// such events; of those dated by stage 2's end, about half are dated
/// before its period.
#[derive(Clone, Debug, Default)]
struct HeldBefore {
    /// The kinds of the activities delivered.
    activities: Vec<ActivityKind>,
    /// The findings that name no partnership, as the counts see them.
    findings: Vec<share::FindingMark>,
}

impl HeldBefore {
    /// Notes `e` when it is what the programme holds; whether it was.
    fn note(&mut self, e: &Envelope) -> bool {
        match &e.event {
            Event::ActivityDelivered(d) => self.activities.push(d.kind),
            Event::FindingRecorded(d) if d.partnership.is_none() => {
                self.findings.push(share::FindingMark {
                    theme: d.theme,
                    swot: d.swot,
                    new: false,
                });
            }
            _ => return Held::of(&e.event).is_some(),
        }
        true
    }
}

/// The stage events a [`SnapshotBuilder`] needs in its prelude (with every
/// `event.retracted`): the store types to read before the log is streamed.
pub const PRELUDE_TYPES: [&str; 4] = [
    "event.retracted",
    "stage.planned",
    "stage.started",
    "stage.completed",
];

impl SnapshotBuilder {
    /// Plans the snapshot from `prelude`: events in `seq` order that include
    /// at least every event of the log whose type is in [`PRELUDE_TYPES`]
    /// (others are ignored, so the whole log will do). Fails when the stage
    /// is not planned in what the view knows.
    pub fn new(
        req: &SnapshotRequest,
        prelude: &[Envelope],
    ) -> Result<SnapshotBuilder, SnapshotError> {
        let known = Sieve::new(
            &View {
                as_of: NaiveDate::MAX,
                known_at: req.known_at.clone(),
            },
            prelude,
        );
        // The stage plan as known, to find the stage's end.
        let mut plan = Programme::new();
        for e in prelude {
            if matches!(
                e.event,
                Event::StagePlanned(_) | Event::StageStarted(_) | Event::StageCompleted(_)
            ) && known.stands(e)
            {
                plan.apply(e);
            }
        }
        let Some(stage) = plan.stages.get(&req.stage) else {
            return Err(SnapshotError::NotPlanned {
                stage: req.stage,
                planned: plan.stages.keys().copied().collect(),
            });
        };
        let (as_of, as_of_basis) = match (req.as_of, stage.completed_on) {
            (Some(d), _) => (d, AsOfBasis::Given),
            (None, Some(d)) => (d.0, AsOfBasis::StageCompleted),
            (None, None) => (req.today, AsOfBasis::Today),
        };
        let baseline = plan
            .stages
            .range(..req.stage)
            .next_back()
            .and_then(|(_, p)| p.completed_on)
            .map(|d| d.0)
            .filter(|d| *d <= as_of);
        Ok(SnapshotBuilder {
            stage: req.stage,
            known,
            plan,
            as_of,
            as_of_basis,
            baseline,
            now: Replay::new(),
            before: baseline.map(|_| Replay::new()),
            held_before: HeldBefore::default(),
            head: None,
            open: None,
            shares: Vec::new(),
            frameworks_used: BTreeSet::new(),
            by_stream: false,
            kept: None,
        })
    }

    /// The view the snapshot is taken in.
    pub fn view(&self) -> View {
        self.known.view().on(self.as_of)
    }

    /// Takes the next event of the log: every event in `seq` order, or
    /// every event of the stream open (the directory's and the
    /// programme's before any partnership is opened), in `seq` order.
    pub fn apply(&mut self, e: &Envelope) {
        if !self.known.view().knows(e) {
            return;
        }
        if self.head.is_none_or(|(seq, _)| e.seq > seq) {
            self.head = Some((e.seq, e.hash));
        }
        // What counts in a view is what stands, up to its as-of date.
        if !self.known.stands(e) {
            return;
        }
        let by_baseline = self.baseline.is_some_and(|b| e.occurred_on <= b);
        // What the programme held by the baseline is counted, not folded;
        // the fold as of the baseline never reads it (a share compares a
        // partnership's state then with its state now).
        let held_before = by_baseline && self.held_before.note(e);
        let now = (e.occurred_on <= self.as_of || crate::view::is_reading_aid(e)) && !held_before;
        let before = by_baseline && !held_before;
        match &mut self.open {
            None => {
                if now {
                    self.now.apply(e);
                }
                if let (true, Some(r)) = (before, self.before.as_mut()) {
                    r.apply(e);
                }
            }
            Some(open) => {
                let now_held = self.now.programme.interviews.len();
                if now {
                    open.now.apply_to_partnership(e);
                    self.now.apply_programme_wide(e);
                }
                if let (true, Some(r), Some(shared)) =
                    (before, open.before.as_mut(), self.before.as_mut())
                {
                    r.apply_to_partnership(e);
                    shared.apply_programme_wide(e);
                }
                if self.kept.is_some()
                    && let Some(interview) = self.now.programme.interviews.get(now_held)
                {
                    open.interviews.push(interview.clone());
                }
            }
        }
    }

    /// Starts on `partnership`'s stream: the partnership open before is
    /// derived into its share of the report and its folds let go.
    pub fn open_partnership(&mut self, partnership: &str) {
        self.close_partnership();
        self.by_stream = true;
        self.open = Some(OpenPartnership {
            partnership: partnership.to_owned(),
            now: Replay::keeping(Keep::Share),
            // A share reads of the partnership at the baseline only what
            // its status line reads (members, agreements' and
            // commitments' standing, the latest review's scores).
            before: self.baseline.map(|_| Replay::keeping(Keep::Line)),
            interviews: Vec::new(),
        });
    }

    /// The log's head as the view knows it, `(seq, hash)`, when the builder
    /// was not fed every event the view knows (a reader by stream leaves
    /// unread what is dated after the snapshot's date).
    pub fn set_head(&mut self, head: Option<(u64, accord_events::Hash)>) {
        self.head = head;
    }

    fn close_partnership(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let mut frameworks = BTreeSet::new();
        note_frameworks(&mut frameworks, &open.now);
        let view = self.view();
        let folds = self.folds(&view);
        let before = open
            .before
            .as_ref()
            .and_then(|b| b.partnerships.get(&open.partnership));
        let share = open
            .now
            .partnerships
            .get(&open.partnership)
            .and_then(|p| share::derive(&folds, p, before));
        if let Some(kept) = &mut self.kept {
            let stream = StreamShare {
                share: share.clone(),
                frameworks: frameworks.clone(),
                interviews: open.interviews,
            };
            kept.push((open.partnership, stream));
        }
        self.frameworks_used.extend(frameworks);
        self.shares.extend(share);
    }

    /// Keeps what each partnership's stream gives from now on, to be saved
    /// ([`SnapshotBuilder::finish_keeping`]).
    pub fn keep_streams(&mut self) {
        self.kept = Some(Vec::new());
    }

    /// What the partnerships' streams gave since the last call (or since
    /// [`SnapshotBuilder::keep_streams`]), by partnership: a partnership's
    /// is there once the next one is opened. Taken as they come, they are
    /// not held twice (kept and in the report) to the end.
    pub fn take_kept(&mut self) -> Vec<(String, StreamShare)> {
        self.kept.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// Takes what a partnership's stream gave a snapshot of the same stage
    /// in the same view, saved before, instead of its stream. Called, like
    /// [`SnapshotBuilder::open_partnership`], after the directory's and
    /// the programme's streams, in the order of the partnerships' streams.
    pub fn add_saved(&mut self, saved: StreamShare) {
        self.close_partnership();
        self.by_stream = true;
        self.frameworks_used.extend(saved.frameworks);
        self.shares.extend(saved.share);
        self.now.programme.interviews.extend(saved.interviews);
    }

    fn folds<'a>(&'a self, view: &'a View) -> Folds<'a> {
        Folds {
            now: &self.now,
            view,
            before: self
                .baseline
                .zip(self.before.as_ref())
                .map(|(b, r)| (r, view.on(b))),
            window: Window {
                baseline: self.baseline,
                as_of: self.as_of,
            },
        }
    }

    /// The snapshot of every event taken.
    pub fn finish(self) -> StageSnapshot {
        self.finish_with_fold().0
    }

    /// The snapshot, and the fold it was taken from (as of its date). A
    /// caller about to exit may leave the fold's memory to the OS instead of
    /// freeing a large log's facts one by one.
    pub fn finish_with_fold(self) -> (StageSnapshot, Replay) {
        let (snapshot, fold, _) = self.finish_keeping();
        (snapshot, fold)
    }

    /// As [`SnapshotBuilder::finish_with_fold`], with what each
    /// partnership's stream gave since [`SnapshotBuilder::keep_streams`],
    /// by partnership, to be saved.
    pub fn finish_keeping(mut self) -> (StageSnapshot, Replay, Vec<(String, StreamShare)>) {
        self.close_partnership();
        let kept = self.kept.take().unwrap_or_default();
        let view = self.view();
        if !self.by_stream {
            // Read whole: every partnership is in the folds.
            note_frameworks(&mut self.frameworks_used, &self.now);
            let folds = self.folds(&view);
            let mut shares: Vec<share::Share> = self
                .now
                .partnerships
                .iter()
                .filter_map(|(id, p)| {
                    let before = folds
                        .before
                        .as_ref()
                        .and_then(|(r, _)| r.partnerships.get(id));
                    share::derive(&folds, p, before)
                })
                .collect();
            self.shares.append(&mut shares);
        }
        let SnapshotBuilder {
            stage: number,
            plan,
            as_of,
            as_of_basis,
            baseline,
            now,
            held_before,
            head,
            mut shares,
            frameworks_used,
            ..
        } = self;
        shares.sort_by_key(|s| s.established_seq);
        let window = Window { baseline, as_of };
        let stage = &plan.stages[&number];
        let line = |s: &Stage| stage_line(s, as_of);
        let previous = plan.stages.range(..number).next_back().map(|(_, s)| s);
        let coverage = coverage::assemble(&now.programme, &now.directory, window, &shares);
        let findings = findings(&now, &held_before, window, &shares);
        let criteria = criteria(&now, &frameworks_used);
        let mut changes = Vec::with_capacity(shares.len());
        let mut partnerships = Vec::with_capacity(shares.len());
        let mut diverging = Vec::new();
        let mut overdue = Vec::new();
        for s in shares {
            changes.push(s.changes);
            partnerships.push(s.snapshot);
            diverging.extend(s.divergence);
            overdue.extend(s.overdue);
        }
        let snapshot = StageSnapshot {
            stage: number,
            as_of: Day(as_of),
            totals: totals(&partnerships),
            head: head.map_or_else(
                || LogHead {
                    seq: 0,
                    hash: "0".repeat(64),
                },
                |(seq, hash)| LogHead {
                    seq,
                    hash: hex::encode(hash),
                },
            ),
            as_of_basis,
            programme: now
                .programme
                .definition
                .as_ref()
                .or(plan.definition.as_ref())
                .map(|d| programme_header(d, &now.directory)),
            stage_detail: line(stage),
            period: Period {
                from: baseline.and_then(|b| b.succ_opt()).map(Day),
                to: Day(as_of),
            },
            previous_stage: previous.map(line),
            stages: plan.stages.values().map(line).collect(),
            criteria,
            findings,
            diverging,
            overdue,
            activities: activities(&now, &held_before, window),
            meetings: now
                .programme
                .meetings
                .iter()
                .filter(|m| window.in_period(m.held_on.0))
                .map(|m| MeetingLine {
                    meeting: m.meeting.clone(),
                    kind: m.kind,
                    title: m.title.clone(),
                    held_on: m.held_on,
                    partnerships: m.partnerships.len(),
                    attendees: m.attendees.len(),
                })
                .collect(),
            changes: changes::assemble(&now.programme, window, changes),
            coverage,
            partnerships,
            translations: now.translations.all().cloned().collect(),
        };
        (snapshot, now, kept)
    }
}

impl crate::StreamFold for SnapshotBuilder {
    fn open_partnership(&mut self, partnership: &str) {
        SnapshotBuilder::open_partnership(self, partnership);
    }

    fn apply(&mut self, e: &Envelope) {
        SnapshotBuilder::apply(self, e);
    }
}

/// Notes the frameworks of `fold`'s reviews that received responses.
fn note_frameworks(used: &mut BTreeSet<String>, fold: &Replay) {
    for r in fold.partnerships.values().flat_map(|p| p.reviews.iter()) {
        if !r.responses.is_empty() && !used.contains(r.framework.as_str()) {
            used.insert(r.framework.clone());
        }
    }
}

fn stage_line(s: &Stage, as_of: NaiveDate) -> StageLine {
    let by = |d: Option<Day>| d.filter(|d| d.0 <= as_of);
    let started_on = by(s.started_on);
    let completed_on = by(s.completed_on);
    let status = match (started_on, completed_on) {
        (_, Some(_)) => StageProgress::Completed,
        (Some(_), None) => StageProgress::Started,
        _ => StageProgress::Planned,
    };
    StageLine {
        stage: s.stage,
        name: s.name.clone(),
        status,
        starts_on: s.starts_on,
        ends_on: s.ends_on,
        started_on,
        completed_on,
        intended_achievements: s.intended_achievements.clone(),
        summary: completed_on.and(s.summary.clone()),
    }
}

fn programme_header(d: &ProgrammeDefinition, dir: &Directory) -> ProgrammeHeader {
    ProgrammeHeader {
        name: d.name.clone(),
        objective: d.objective.clone(),
        commissioned_by: d
            .commissioned_by
            .as_deref()
            .map(|o| dir.org_name(o).to_owned()),
        facilitators: d
            .facilitators
            .iter()
            .map(|o| dir.org_name(o).to_owned())
            .collect(),
    }
}

/// The criteria of the frameworks the reviews use (`used`): `effectiveness`
/// first (also when nothing has been reviewed yet), then the others by id.
fn criteria(now: &Replay, used: &BTreeSet<String>) -> Vec<CriterionInfo> {
    let mut ids: Vec<&str> = Vec::new();
    if used.is_empty() || used.contains(EFFECTIVENESS) {
        ids.push(EFFECTIVENESS);
    }
    ids.extend(
        used.iter()
            .map(String::as_str)
            .filter(|f| *f != EFFECTIVENESS),
    );
    let mut out: Vec<CriterionInfo> = Vec::new();
    for id in ids {
        let f = now.programme.frameworks.get_or_default(id);
        for c in &f.criteria {
            if !out.iter().any(|o| o.criterion == c.id) {
                out.push(CriterionInfo {
                    criterion: c.id.clone(),
                    label: c.label.clone(),
                    scale_min: f.scale_min,
                    scale_max: f.scale_max,
                });
            }
        }
    }
    out
}

fn totals(ps: &[PartnershipSnapshot]) -> Totals {
    let mut t = Totals {
        partnerships: ps.len(),
        ..Totals::default()
    };
    for p in ps {
        let s = &p.summary;
        t.agreements_adopted += s.agreements_adopted;
        t.commitments.merge(&s.commitments);
        t.overdue_commitments += s.overdue_commitments.len();
        t.review_overdue += usize::from(s.review_overdue);
        t.agreements.merge(&s.agreements);
        t.diverging += usize::from(!s.diverging.is_empty());
        t.reviewed += usize::from(s.latest_review.is_some());
        t.engaged += usize::from(p.engagement.engaged());
        t.closed += usize::from(s.closed);
        t.endorsements_signed += p.endorsements_signed;
        t.endorsements_unsigned += p.endorsements_unsigned;
    }
    t
}

/// The findings standing on the snapshot's date: the programme's own and
/// the partnerships', counted by theme and listed (in log order) for the
/// period.
fn findings(now: &Replay, held: &HeldBefore, w: Window, shares: &[share::Share]) -> Findings {
    let names: HashMap<&str, &str> = shares
        .iter()
        .map(|s| (s.partnership.as_str(), s.name.as_str()))
        .collect();
    let programme = &now.programme.findings;
    let marks: Vec<share::FindingMark> = programme
        .iter()
        .map(|f| share::FindingMark::of(f, w.in_period(f.recorded_on.0)))
        .chain(held.findings.iter().copied())
        .chain(shares.iter().flat_map(|s| s.findings.iter().copied()))
        .collect();
    let by_theme = Theme::ALL
        .iter()
        .map(|&theme| {
            let of: Vec<&share::FindingMark> = marks.iter().filter(|f| f.theme == theme).collect();
            let n = |q: Swot| of.iter().filter(|f| f.swot == q).count();
            ThemeRow {
                theme,
                strength: n(Swot::Strength),
                weakness: n(Swot::Weakness),
                opportunity: n(Swot::Opportunity),
                threat: n(Swot::Threat),
                total: of.len(),
                new: of.iter().filter(|f| f.new).count(),
            }
        })
        .collect();
    let mut items: Vec<(u64, FindingLine)> = programme
        .iter()
        .filter(|f| w.in_period(f.recorded_on.0))
        .map(|f| (f.seq, share::finding_line(f)))
        .chain(shares.iter().flat_map(|s| s.new_findings.iter().cloned()))
        .collect();
    items.sort_by_key(|(seq, _)| *seq);
    let items: Vec<FindingLine> = items
        .into_iter()
        .map(|(_, mut line)| {
            line.partnership_name = line.partnership.as_deref().map(|p| {
                names
                    .get(p)
                    .map_or_else(|| p.to_owned(), |n| (*n).to_owned())
            });
            line
        })
        .collect();
    Findings {
        total: marks.len(),
        new_in_period: items.len(),
        by_theme,
        items,
    }
}

fn activities(now: &Replay, held: &HeldBefore, w: Window) -> Activities {
    let all = &now.programme.activities;
    let items: Vec<ActivityLine> = all
        .iter()
        .filter(|a| w.in_period(a.delivered_on.0))
        .map(|a| ActivityLine {
            activity: a.activity.clone(),
            kind: a.kind,
            title: a.title.clone(),
            delivered_on: a.delivered_on,
            partnerships: a.partnerships.len(),
            participants: a.participants,
        })
        .collect();
    let by_kind = ActivityKind::ALL
        .iter()
        .map(|&kind| ActivityKindRow {
            kind,
            in_period: items.iter().filter(|a| a.kind == kind).count(),
            to_date: all.iter().filter(|a| a.kind == kind).count()
                + held.activities.iter().filter(|k| **k == kind).count(),
            participants_in_period: items
                .iter()
                .filter(|a| a.kind == kind)
                .filter_map(|a| a.participants)
                .map(u64::from)
                .sum(),
        })
        .collect();
    Activities { by_kind, items }
}
