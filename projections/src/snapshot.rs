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
//! ([`PartnershipState`], summarised by [`PartnershipSummary`] exactly as
//! `accord status` does): this module never re-derives adoption, commitment
//! status, overdue or divergence; it selects, groups and compares.
//!
//! The report names the log head it was built from (with `known_at`, the
//! last event recorded by then) rather than the moment it was made, so the
//! same log gives the same report, byte for byte, and a report re-made with
//! `--known-at` equals the one printed at that moment.

mod changes;
mod coverage;
mod model;

use std::collections::{BTreeSet, HashMap};

use accord_events::catalogue::EFFECTIVENESS;
use accord_events::fields::{ActivityKind, Day, Side, Swot, Theme};
use accord_events::{Envelope, Event};
use chrono::NaiveDate;

use crate::directory::Directory;
use crate::partnership::PartnershipState;
use crate::programme::{Programme, ProgrammeDefinition, Stage, StageProgress};
use crate::replay::Replay;
use crate::status::PartnershipSummary;
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

/// The inputs every part of the snapshot is computed from.
pub(crate) struct Basis<'a> {
    pub names: HashMap<&'a str, &'a str>,
    pub now: &'a Replay,
    pub states: &'a [PartnershipState],
    /// The partnerships at the end of the previous stage.
    pub before: Option<&'a [PartnershipState]>,
    pub baseline: Option<NaiveDate>,
    pub as_of: NaiveDate,
}

impl Basis<'_> {
    /// True when `d` lies in the reporting period.
    pub fn in_period(&self, d: NaiveDate) -> bool {
        self.baseline.is_none_or(|b| d > b) && d <= self.as_of
    }

    pub fn dir(&self) -> &Directory {
        &self.now.directory
    }

    pub fn name_of(&self, partnership: &str) -> String {
        self.names
            .get(partnership)
            .map_or_else(|| partnership.to_owned(), |n| (*n).to_owned())
    }
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
/// decoding the rest. The whole log is then fed to [`SnapshotBuilder::apply`]
/// in `seq` order; only the two folds it needs (as of the snapshot's date
/// and as of the end of the previous stage) are kept.
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
    /// The last event the view knows of: `(seq, hash)`.
    head: Option<(u64, accord_events::Hash)>,
    /// How many events were taken.
    taken: usize,
}

/// From this many events on, the two folds are derived on two threads.
const PARALLEL_FROM: usize = 50_000;

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
            head: None,
            taken: 0,
        })
    }

    /// The view the snapshot is taken in.
    pub fn view(&self) -> View {
        self.known.view().on(self.as_of)
    }

    /// Takes the next event of the log (every event, in `seq` order).
    pub fn apply(&mut self, e: &Envelope) {
        self.taken += 1;
        if !self.known.view().knows(e) {
            return;
        }
        self.head = Some((e.seq, e.hash));
        // What counts in a view is what stands, up to its as-of date.
        if !self.known.stands(e) {
            return;
        }
        if e.occurred_on <= self.as_of || crate::view::is_reading_aid(e) {
            self.now.apply(e);
        }
        if let (Some(b), Some(r)) = (self.baseline, self.before.as_mut())
            && e.occurred_on <= b
        {
            r.apply(e);
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
        let view = self.view();
        let SnapshotBuilder {
            stage: number,
            plan,
            as_of,
            as_of_basis,
            baseline,
            now,
            before,
            head,
            taken,
            ..
        } = self;
        // Only the partnerships are kept of the earlier fold. The two are
        // independent: on a large log, derive them side by side (the earlier
        // fold is also freed on the other thread).
        let before_of = |(b, r): (NaiveDate, Replay)| states_of(&r, &view.on(b));
        let (states, before) = if taken >= PARALLEL_FROM {
            std::thread::scope(|scope| {
                let b = scope.spawn(|| baseline.zip(before).map(before_of));
                let n = states_of(&now, &view);
                (n, b.join().expect("the fold does not panic"))
            })
        } else {
            (states_of(&now, &view), baseline.zip(before).map(before_of))
        };
        let stage = &plan.stages[&number];
        let line = |s: &Stage| stage_line(s, as_of);
        let previous = plan.stages.range(..number).next_back().map(|(_, s)| s);
        let basis = Basis {
            names: states
                .iter()
                .map(|s| (s.partnership.as_str(), s.name.as_str()))
                .collect(),
            now: &now,
            states: &states,
            before: before.as_deref(),
            baseline,
            as_of,
        };

        let coverage = coverage::build(&basis);
        let partnerships: Vec<PartnershipSnapshot> = states
            .iter()
            .map(|s| partnership_snapshot(&basis, s, &coverage))
            .collect();
        let totals = totals(&partnerships);
        let criteria = criteria(&now);
        let snapshot = StageSnapshot {
            stage: number,
            as_of: Day(as_of),
            totals,
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
            findings: findings(&basis),
            diverging: diverging(&states),
            overdue: overdue(&states, &now.directory),
            activities: activities(&basis),
            meetings: now
                .programme
                .meetings
                .iter()
                .filter(|m| basis.in_period(m.held_on.0))
                .map(|m| MeetingLine {
                    meeting: m.meeting.clone(),
                    kind: m.kind,
                    title: m.title.clone(),
                    held_on: m.held_on,
                    partnerships: m.partnerships.len(),
                    attendees: m.attendees.len(),
                })
                .collect(),
            changes: changes::build(&basis),
            coverage,
            partnerships,
            translations: now.translations.all().cloned().collect(),
        };
        (snapshot, now)
    }
}

fn states_of(r: &Replay, view: &View) -> Vec<PartnershipState> {
    r.established()
        .into_iter()
        .filter_map(|p| PartnershipState::build(p, &r.directory, &r.programme, view))
        .collect()
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

/// The criteria of the frameworks the reviews use: `effectiveness` first
/// (also when nothing has been reviewed yet), then the others by id.
fn criteria(now: &Replay) -> Vec<CriterionInfo> {
    let used: BTreeSet<&str> = now
        .partnerships
        .values()
        .flat_map(|p| p.reviews.iter())
        .filter(|r| !r.responses.is_empty())
        .map(|r| r.framework.as_str())
        .collect();
    let mut ids: Vec<&str> = Vec::new();
    if used.is_empty() || used.contains(EFFECTIVENESS) {
        ids.push(EFFECTIVENESS);
    }
    ids.extend(used.iter().copied().filter(|f| *f != EFFECTIVENESS));
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

fn partnership_snapshot(
    basis: &Basis<'_>,
    s: &PartnershipState,
    coverage: &Coverage,
) -> PartnershipSnapshot {
    let summary = PartnershipSummary::of(s);
    let previous = basis.before.and_then(|before| {
        before
            .iter()
            .find(|b| b.partnership == s.partnership)
            .and_then(|b| b.latest_review.as_ref())
    });
    let previous_scores = previous.map(|r| r.scores.clone());
    let endorsements = s
        .agreements
        .iter()
        .map(|a| a.endorsements.len())
        .sum::<usize>();
    let signed = s
        .agreements
        .iter()
        .flat_map(|a| a.endorsements.iter())
        .filter(|e| e.signed)
        .count();
    let score_changes = summary
        .latest_scores
        .iter()
        .map(|(c, now)| {
            let then = previous_scores.as_ref().and_then(|p| p.get(c));
            (c.clone(), then.map(|t| now - t))
        })
        .collect();
    PartnershipSnapshot {
        host: s
            .host
            .as_deref()
            .map(|h| basis.dir().org_name(h).to_owned()),
        latest_review_on: s.latest_review.as_ref().map(|r| r.opened_on),
        previous_review: previous.map(|r| r.review.clone()),
        previous_scores,
        score_changes,
        next_review_due: s.next_review_due,
        agreement_list: s
            .agreements
            .iter()
            .map(|a| AgreementLine {
                agreement: a.agreement.clone(),
                kind: a.kind,
                title: a.title.clone(),
                status: a.status,
                current_version: a.current_version,
                in_force_version: a.in_force_version,
                adopted_on: a.adopted_on,
            })
            .collect(),
        score_history: s
            .reviews
            .iter()
            .filter(|r| !r.responses.is_empty())
            .map(|r| ScorePoint {
                review: r.review.clone(),
                opened_on: r.opened_on,
                scores: r.scores.clone(),
            })
            .collect(),
        engagement: coverage.engagement_of(&s.partnership),
        endorsements_signed: signed,
        endorsements_unsigned: endorsements - signed,
        summary,
    }
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

fn findings(basis: &Basis<'_>) -> Findings {
    let mut all: Vec<&crate::finding::Finding> = basis
        .now
        .programme
        .findings
        .iter()
        .chain(basis.states.iter().flat_map(|s| s.findings.iter()))
        .collect();
    all.sort_by_key(|f| f.seq);
    let new = |f: &crate::finding::Finding| basis.in_period(f.recorded_on.0);
    let by_theme = Theme::ALL
        .iter()
        .map(|&theme| {
            let of: Vec<&&crate::finding::Finding> =
                all.iter().filter(|f| f.theme == theme).collect();
            let n = |q: Swot| of.iter().filter(|f| f.swot == q).count();
            ThemeRow {
                theme,
                strength: n(Swot::Strength),
                weakness: n(Swot::Weakness),
                opportunity: n(Swot::Opportunity),
                threat: n(Swot::Threat),
                total: of.len(),
                new: of.iter().filter(|f| new(f)).count(),
            }
        })
        .collect();
    let items: Vec<FindingLine> = all
        .iter()
        .filter(|f| new(f))
        .map(|f| FindingLine {
            finding: f.finding.clone(),
            swot: f.swot,
            theme: f.theme,
            text: f.text.clone(),
            partnership_name: f.partnership.as_deref().map(|p| basis.name_of(p)),
            partnership: f.partnership.clone(),
            origin: f.origin,
            side: f.side,
            recorded_on: f.recorded_on,
        })
        .collect();
    Findings {
        total: all.len(),
        new_in_period: items.len(),
        by_theme,
        items,
    }
}

fn diverging(states: &[PartnershipState]) -> Vec<Divergence> {
    states
        .iter()
        .filter_map(|s| {
            let r = s.latest_review.as_ref()?;
            if r.diverging.is_empty() {
                return None;
            }
            let side = |side: Side, c: &str| r.by_side.get(&side).and_then(|m| m.get(c)).copied();
            Some(Divergence {
                partnership: s.partnership.clone(),
                name: s.name.clone(),
                review: r.review.clone(),
                criteria: r
                    .diverging
                    .iter()
                    .map(|c| DivergingCriterion {
                        criterion: c.clone(),
                        government: side(Side::Government, c),
                        development_partner: side(Side::DevelopmentPartner, c),
                    })
                    .collect(),
            })
        })
        .collect()
}

fn overdue(states: &[PartnershipState], dir: &Directory) -> Vec<OverdueCommitment> {
    states
        .iter()
        .flat_map(|s| {
            s.commitments
                .iter()
                .filter(|c| c.overdue)
                .map(move |c| OverdueCommitment {
                    partnership: s.partnership.clone(),
                    name: s.name.clone(),
                    commitment: c.commitment.clone(),
                    text: c.text.clone(),
                    owner: c.owner.clone(),
                    owner_name: dir.org_name(&c.owner).to_owned(),
                    due: c.due,
                    status: c.status,
                })
        })
        .collect()
}

fn activities(basis: &Basis<'_>) -> Activities {
    let all = &basis.now.programme.activities;
    let items: Vec<ActivityLine> = all
        .iter()
        .filter(|a| basis.in_period(a.delivered_on.0))
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
            to_date: all.iter().filter(|a| a.kind == kind).count(),
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
