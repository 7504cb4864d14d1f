//! Property tests over random, valid-ish logs: dates out of order, acts by
//! non-members, retractions of anything. The folds must never panic and
//! must honour the view's rules.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use serde_json::json;

use super::{Log, d};
use crate::partnership::{AgreementStatus, PartnershipState};
use crate::snapshot::{
    PRELUDE_TYPES, SnapshotBuilder, SnapshotError, SnapshotRequest, StageSnapshot, StreamShare,
};
use crate::{
    History, Partnership, PartnershipDiff, PartnershipLine, ProgrammeStatus, Replay, ReplayBuilder,
    Sieve, StatusBuilder, View,
};

const PEOPLE: [&str; 5] = [
    "chair-health",
    "deputy-health",
    "lead-who",
    "rep-undp",
    "rep-ngo",
];
const ORGS: [&str; 5] = ["cdc", "moh", "who", "undp", "ngo-forum"];
const STATUSES: [&str; 4] = ["on_schedule", "behind_schedule", "completed", "dropped"];
const CRITERIA: [&str; 5] = [
    "shared_goal",
    "co_creation",
    "inclusive_transparent",
    "engagement",
    "review_revision",
];

#[derive(Clone, Debug)]
enum Op {
    Propose(usize, usize),
    Endorse(usize, usize),
    Revise(usize, usize),
    Withdraw(usize, usize),
    OpenReview(usize, Option<u16>),
    Respond(usize, usize, Vec<(usize, i64)>),
    Conclude(usize),
    Commit(usize, u16),
    Report(usize, usize),
    Reschedule(usize, u16),
    Join(usize),
    Leave(usize),
    Move(usize, usize),
    Finding,
    CompleteStage,
    Close,
    Retract(usize),
    RecordLater(u16),
    /// Programme-stream events around the partnership.
    Meeting,
    Interview,
    ProgrammeFinding,
    Activity,
    Framework(i64),
}

fn op() -> impl Strategy<Value = Op> {
    // Mostly the first agreement, review and commitment, so their stories grow.
    let i3 = || prop_oneof![3 => Just(0usize), 1 => 0usize..3];
    let p = || 0usize..PEOPLE.len();
    let scores = |min| proptest::collection::vec((0usize..5, 1i64..=5), min..4);
    prop_oneof![
        3 => (i3(), p()).prop_map(|(a, p)| Op::Propose(a, p)),
        8 => (i3(), p()).prop_map(|(a, p)| Op::Endorse(a, p)),
        2 => (i3(), p()).prop_map(|(a, p)| Op::Revise(a, p)),
        1 => (i3(), p()).prop_map(|(a, p)| Op::Withdraw(a, p)),
        2 => (i3(), proptest::option::of(0u16..500)).prop_map(|(r, n)| Op::OpenReview(r, n)),
        4 => (i3(), p(), scores(0)).prop_map(|(r, p, s)| Op::Respond(r, p, s)),
        2 => (i3(), p()).prop_map(|(r, p)| Op::Respond(r, p, vec![(0, 1), (1, 5)])),
        2 => (i3(), p()).prop_map(|(r, p)| Op::Respond(r, p, vec![(0, 5), (1, 1)])),
        1 => i3().prop_map(Op::Conclude),
        2 => (i3(), 0u16..500).prop_map(|(c, due)| Op::Commit(c, due)),
        2 => (i3(), 0usize..4).prop_map(|(c, s)| Op::Report(c, s)),
        1 => (i3(), 0u16..500).prop_map(|(c, due)| Op::Reschedule(c, due)),
        1 => (0usize..ORGS.len()).prop_map(Op::Join),
        1 => (0usize..ORGS.len()).prop_map(Op::Leave),
        1 => (p(), 0usize..ORGS.len()).prop_map(|(p, o)| Op::Move(p, o)),
        1 => Just(Op::Finding),
        1 => Just(Op::CompleteStage),
        1 => Just(Op::Finding),
        1 => (0usize..1000).prop_map(Op::Retract),
        1 => Just(Op::Close),
        1 => (1u16..60).prop_map(Op::RecordLater),
        1 => Just(Op::Meeting),
        1 => Just(Op::Interview),
        1 => Just(Op::ProgrammeFinding),
        1 => Just(Op::Activity),
        1 => (3i64..=10).prop_map(Op::Framework),
    ]
}

fn start() -> NaiveDate {
    d("2009-06-10")
}

fn day(offset: u16) -> String {
    (start() + Duration::days(i64::from(offset)))
        .format("%Y-%m-%d")
        .to_string()
}

/// Builds a log from ops; events referring to entities never created are
/// skipped, everything else (dates, membership, order) is left to chance.
fn build(ops: &[(i16, Op)]) -> Log {
    let mut l = Log::cambodia();
    // A third stage, so that a snapshot of it compares each partnership
    // with its state at a baseline anywhere in the ops (stage 2's
    // completion, when an op completes it).
    l.add(
        "2009-06-01",
        "stage.planned",
        json!({"stage": 3, "name": "Follow-up", "starts_on": "2010-01-04", "ends_on": "2010-06-30"}),
    );
    let base = l.events.len();
    let mut versions = [0u32; 3];
    let mut reviews = [false; 3];
    let mut commitments = [false; 3];
    let mut findings = 0;
    let mut stage_done = false;
    let mut clock: i32 = 0;
    for (delta, op) in ops {
        clock = (clock + i32::from(*delta)).max(0);
        let on = day(clock as u16);
        match op {
            Op::Propose(a, p) if versions[*a] == 0 => {
                versions[*a] = 1;
                l.add(
                    &on,
                    "agreement.proposed",
                    json!({"agreement": format!("a{a}"), "partnership": "twg-health", "kind": "principles",
                           "title": format!("Agreement {a}"), "text": format!("text {a}"), "proposed_by": PEOPLE[*p]}),
                );
            }
            Op::Endorse(a, p) if versions[*a] > 0 => {
                l.endorse(&on, &format!("a{a}"), versions[*a], PEOPLE[*p]);
            }
            Op::Revise(a, p) if versions[*a] > 0 => {
                versions[*a] += 1;
                l.add(
                    &on,
                    "agreement.revised",
                    json!({"agreement": format!("a{a}"), "text": format!("text {a} v{}", versions[*a]), "reason": "r", "revised_by": PEOPLE[*p]}),
                );
            }
            Op::Withdraw(a, p) if versions[*a] > 0 => {
                l.add(
                    &on,
                    "agreement.withdrawn",
                    json!({"agreement": format!("a{a}"), "reason": "r", "by": PEOPLE[*p]}),
                );
            }
            Op::OpenReview(r, next) if !reviews[*r] => {
                reviews[*r] = true;
                let mut data = json!({"review": format!("r{r}"), "partnership": "twg-health", "kind": "health_check"});
                if let Some(n) = next {
                    data["next_due"] = json!(day(*n));
                }
                l.add(&on, "review.opened", data);
            }
            Op::Respond(r, p, scores) if reviews[*r] => {
                let scores: serde_json::Map<String, serde_json::Value> = scores
                    .iter()
                    .map(|(c, s)| (CRITERIA[*c].to_owned(), json!(s)))
                    .collect();
                l.respond(
                    &on,
                    &format!("r{r}"),
                    PEOPLE[*p],
                    serde_json::Value::Object(scores),
                );
            }
            Op::Conclude(r) if reviews[*r] => {
                l.add(
                    &on,
                    "review.concluded",
                    json!({"review": format!("r{r}"), "summary": "s"}),
                );
            }
            Op::Commit(c, due) if !commitments[*c] => {
                commitments[*c] = true;
                l.add(
                    &on,
                    "commitment.made",
                    json!({"commitment": format!("c{c}"), "partnership": "twg-health", "text": "t", "owner": "moh", "due": day(*due)}),
                );
            }
            Op::Report(c, s) if commitments[*c] => {
                l.add(
                    &on,
                    "commitment.reported",
                    json!({"commitment": format!("c{c}"), "status": STATUSES[*s]}),
                );
            }
            Op::Reschedule(c, due) if commitments[*c] => {
                l.add(
                    &on,
                    "commitment.rescheduled",
                    json!({"commitment": format!("c{c}"), "due": day(*due), "reason": "r"}),
                );
            }
            Op::Join(o) => {
                l.add(
                    &on,
                    "partner.joined",
                    json!({"partnership": "twg-health", "org": ORGS[*o], "role": "member"}),
                );
            }
            Op::Leave(o) => {
                l.add(
                    &on,
                    "partner.left",
                    json!({"partnership": "twg-health", "org": ORGS[*o], "reason": "r"}),
                );
            }
            Op::Move(p, o) => {
                l.add(
                    &on,
                    "person.moved",
                    json!({"person": PEOPLE[*p], "org": ORGS[*o]}),
                );
            }
            Op::Finding => {
                findings += 1;
                l.add(
                    &on,
                    "finding.recorded",
                    json!({"finding": format!("f{findings}"), "partnership": "twg-health", "origin": "review", "swot": "strength", "theme": "roles", "text": "t"}),
                );
            }
            Op::CompleteStage if !stage_done => {
                stage_done = true;
                l.add(&on, "stage.started", json!({"stage": 2}));
                l.add(&on, "stage.completed", json!({"stage": 2}));
            }
            Op::Close => {
                l.add(
                    &on,
                    "partnership.closed",
                    json!({"partnership": "twg-health", "reason": "r"}),
                );
            }
            Op::Retract(i) if l.events.len() > base => {
                let target = base + i % (l.events.len() - base);
                let id = l.events[target].id.clone();
                l.retract(&on, &id);
            }
            Op::Meeting => {
                findings += 1;
                l.add(
                    &on,
                    "meeting.held",
                    // Every third names another partnership only: nothing of
                    // twg-health's may depend on it.
                    json!({"meeting": format!("m{findings}"), "kind": "partnership_meeting", "title": "Meeting",
                           "partnerships": if findings % 3 == 0 { ["twg-education"] } else { ["twg-health"] },
                           "attendees": ["chair-health"]}),
                );
            }
            // An interview with a partnership is recorded on its stream,
            // though the programme counts it: a reader by stream must not
            // lose it.
            Op::Interview => {
                findings += 1;
                let mut data = json!({"interview": format!("i{findings}"), "format": "individual", "side": "government", "themes": ["local_context"]});
                if findings % 2 == 0 {
                    data["partnership"] = json!("twg-health");
                }
                l.add(&on, "interview.held", data);
            }
            Op::ProgrammeFinding => {
                findings += 1;
                l.add(
                    &on,
                    "finding.recorded",
                    json!({"finding": format!("pf{findings}"), "origin": "interview", "swot": "threat", "theme": "other", "text": "t"}),
                );
            }
            // A snapshot counts activities by kind to date, and lists those
            // of its period.
            Op::Activity => {
                findings += 1;
                let kind = ["training", "case_study"][findings % 2];
                l.add(
                    &on,
                    "activity.delivered",
                    json!({"activity": format!("act{findings}"), "kind": kind, "title": "Training",
                           "partnerships": ["twg-health"], "participants": findings}),
                );
            }
            // The default framework redefined on another scale changes how
            // every response reads.
            Op::Framework(max) => {
                l.add(
                    &on,
                    "framework.defined",
                    json!({"framework": "effectiveness", "name": "Effectiveness", "criteria": CRITERIA.iter().map(|c| json!({"id": c, "label": c})).collect::<Vec<_>>(), "scale_min": 1, "scale_max": max}),
                );
            }
            Op::RecordLater(n) => {
                let later = (start() + Duration::days(i64::from(*n) * 10))
                    .format("%Y-%m-%d")
                    .to_string();
                l.recording_on(&later);
            }
            _ => {}
        }
    }
    l
}

/// Mostly forward in time, sometimes back-dated by up to two months.
fn delta() -> impl Strategy<Value = i16> {
    prop_oneof![9 => 0i16..12, 1 => -60i16..0]
}

fn log_and_date() -> impl Strategy<Value = (Log, NaiveDate)> {
    (
        proptest::collection::vec((delta(), op()), 0..100),
        0u16..100,
    )
        .prop_map(|(ops, pct)| {
            let l = build(&ops);
            let last = l.events.iter().map(|e| e.occurred_on).max().unwrap();
            let span = (last - start()).num_days() + 40;
            let on = start() - Duration::days(10) + Duration::days(span * i64::from(pct) / 100);
            (l, on)
        })
}

/// A view as of `on`: two times in three, as known when the event
/// `known` picks was recorded.
fn some_view(l: &Log, on: NaiveDate, known: usize) -> View {
    match known % 3 {
        0 => View::as_of(on),
        _ => View::known_at(on, l.events[known % l.events.len()].recorded_at.clone()),
    }
}

fn state(events: &[accord_events::Envelope], view: &View) -> Option<PartnershipState> {
    crate::show(events, "twg-health", view)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The state as of D is the state built from only the events that
    /// occurred by D (retractions kept: they apply at every date).
    #[test]
    fn state_as_of_d_ignores_what_occurred_later((l, on) in log_and_date()) {
        let view = View::as_of(on);
        let earlier: Vec<_> = l.events.iter().filter(|e| {
            e.occurred_on <= on || matches!(e.event, accord_events::Event::EventRetracted(_))
        }).cloned().collect();
        prop_assert_eq!(state(&l.events, &view), state(&earlier, &view));
        prop_assert_eq!(
            ProgrammeStatus::build(&l.events, &view),
            ProgrammeStatus::build(&earlier, &view)
        );
    }

    /// A partnership's state needs of the programme stream only the types
    /// in `PROGRAMME_TYPES_FOR_STATE`, and of what is dated after its as-of
    /// date only the types in `READ_AT_ANY_DATE` (what `show` reads): built
    /// from its stream, the directory and those, it equals the state built
    /// from the whole log.
    #[test]
    fn state_needs_only_the_programme_types_it_names((l, on) in log_and_date(), known in 0usize..1000) {
        let read: Vec<_> = l.events.iter().filter(|e| {
            e.stream == "partnership:twg-health"
                || e.stream == "directory"
                || (e.stream == "programme"
                    && crate::partnership::PROGRAMME_TYPES_FOR_STATE.contains(&e.event.kind().as_str()))
        }).cloned().collect();
        // What `show` reads: nothing dated after the as-of date but the
        // types that matter at any date.
        let until: Vec<_> = read.iter().filter(|e| {
            e.occurred_on <= on || crate::READ_AT_ANY_DATE.contains(&e.event.kind().as_str())
        }).cloned().collect();
        let t = l.events[known % l.events.len()].recorded_at.clone();
        for view in [View::as_of(on), View { as_of: on, known_at: Some(t) }] {
            let whole = state(&l.events, &view);
            prop_assert_eq!(&whole, &state(&read, &view));
            prop_assert_eq!(&whole, &state(&until, &view));
        }
    }

    /// A partnership's state needs of the directory only the entries its
    /// fold names and the organisations those people held posts at, read
    /// as `show` reads them (`partnership::state_fold`): it equals the
    /// state built from the whole log.
    #[test]
    fn state_needs_only_the_directory_entries_it_names((l, on) in log_and_date(), known in 0usize..1000) {
        let t = l.events[known % l.events.len()].recorded_at.clone();
        for view in [View::as_of(on), View { as_of: on, known_at: Some(t) }] {
            let (fold, _) = fold_as_show_does(&l.events, "twg-health", &view);
            prop_assert_eq!(state(&l.events, &view), fold.partnership_state("twg-health", &view));
        }
    }

    /// A partnership's history and its diffs need of the programme stream
    /// only the types its state needs and the meetings, activities and
    /// interviews that name it, and nothing dated after the as-of date but
    /// what counts at any date (what `history` and `diff` read).
    #[test]
    fn the_story_needs_only_what_names_the_partnership((l, on) in log_and_date(), known in 0usize..1000, back in 0i64..400) {
        let read: Vec<_> = l.events.iter().filter(|e| {
            let kind = e.event.kind().as_str();
            (e.stream == "partnership:twg-health"
                || e.stream == "directory"
                || (e.stream == "programme"
                    && (crate::partnership::PROGRAMME_TYPES_FOR_STATE.contains(&kind)
                        || e.event.names_partnership("twg-health"))))
                && (e.occurred_on <= on || crate::READ_AT_ANY_DATE.contains(&kind))
        }).cloned().collect();
        let t = l.events[known % l.events.len()].recorded_at.clone();
        let from = on - Duration::days(back);
        for view in [View::as_of(on), View { as_of: on, known_at: Some(t) }] {
            prop_assert_eq!(
                crate::History::build(&l.events, "twg-health", &view),
                crate::History::build(&read, "twg-health", &view)
            );
            prop_assert_eq!(
                crate::PartnershipDiff::build(&l.events, "twg-health", from, on, &view),
                crate::PartnershipDiff::build(&read, "twg-health", from, on, &view)
            );
        }
    }

    /// A partnership's story needs of the directory only the entries its
    /// state names, the people its events name and the organisations they
    /// held posts at, read as `history` and `diff` read them
    /// (`partnership::story_events`): its history and diffs equal those
    /// built from the whole log.
    #[test]
    fn the_story_needs_only_the_directory_entries_it_names((l, on) in log_and_date(), known in 0usize..1000, back in 0i64..400) {
        let t = l.events[known % l.events.len()].recorded_at.clone();
        let from = on - Duration::days(back);
        for view in [View::as_of(on), View { as_of: on, known_at: Some(t) }] {
            let story = story_as_history_reads(&l.events, "twg-health", &view);
            prop_assert_eq!(
                crate::History::build(&l.events, "twg-health", &view),
                crate::History::build(&story, "twg-health", &view)
            );
            prop_assert_eq!(
                crate::PartnershipDiff::build(&l.events, "twg-health", from, on, &view),
                crate::PartnershipDiff::build(&story, "twg-health", from, on, &view)
            );
        }
    }

    /// Folding in chunks (stopping, cloning, resuming) equals one pass, and
    /// the routed fold equals the partnership's own fold.
    #[test]
    fn chunked_folding_equals_one_pass((l, on) in log_and_date(), cuts in proptest::collection::vec(0usize..200, 0..4)) {
        let view = View::as_of(on);
        let counted = view.counted(&l.events);
        let one = Replay::of(&l.events, &view);
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (counted.len() + 1)).collect();
        cuts.sort_unstable();
        cuts.push(counted.len());
        let mut chunked = Replay::new();
        let mut from = 0;
        for cut in cuts {
            for e in &counted[from..cut] {
                chunked.apply(e);
            }
            chunked = chunked.clone();
            from = cut;
        }
        prop_assert_eq!(&one, &chunked);
        let own = Partnership::from_events("twg-health", counted.iter().copied());
        prop_assert_eq!(one.partnerships.get("twg-health").cloned().unwrap_or_else(|| Partnership::new("twg-health")), own);
    }

    /// A retracted event is as if it had never been recorded.
    #[test]
    fn retraction_is_as_if_never_recorded((l, on) in log_and_date(), pick in 0usize..1000) {
        let retracted = View::as_of(on).retracted(&l.events);
        let candidates: Vec<_> = l.events.iter().filter(|e| {
            !matches!(e.event, accord_events::Event::EventRetracted(_)) && !retracted.contains(e.id.as_str())
        }).collect();
        let target = candidates[pick % candidates.len()].id.clone();
        let mut with = l.clone();
        with.retract(&on.format("%Y-%m-%d").to_string(), &target);
        let without: Vec<_> = l.events.iter().filter(|e| e.id != target).cloned().collect();
        let view = View::as_of(on);
        prop_assert_eq!(state(&with.events, &view), state(&without, &view));
    }

    /// known_at T reproduces the log as it was at T.
    #[test]
    fn known_at_equals_the_log_truncated_at_t((l, on) in log_and_date(), pick in 0usize..1000) {
        let t = l.events[pick % l.events.len()].recorded_at.clone();
        let then: Vec<_> = l.events.iter().filter(|e| e.recorded_at <= t).cloned().collect();
        let known = state(&l.events, &View::known_at(on, t.clone())).map(|mut s| { s.known_at = None; s });
        prop_assert_eq!(known, state(&then, &View::as_of(on)));
    }

    /// The outline a snapshot's share is read from is the whole state with
    /// the responses of `reviews` (not `latest_review`'s), the versions'
    /// texts and the findings taken out, in any view.
    #[test]
    fn the_outline_is_the_state_without_responses_texts_and_findings((l, on) in log_and_date(), known in 0usize..1000) {
        let view = some_view(&l, on, known);
        let replay = Replay::of(&l.events, &view);
        let Some(p) = replay.partnerships.get("twg-health") else {
            return Ok(());
        };
        let outline = PartnershipState::outline(p, &replay.directory, &replay.programme, &view);
        let mut whole = replay.partnership_state("twg-health", &view);
        if let Some(s) = &mut whole {
            for r in &mut s.reviews {
                r.responses.clear();
            }
            for v in s.agreements.iter_mut().flat_map(|a| a.versions.iter_mut()) {
                v.text.clear();
            }
            s.findings.clear();
        }
        prop_assert_eq!(outline, whole);
    }

    /// A status line read from the partnership's fold is the line read
    /// from its whole state, in any view.
    #[test]
    fn the_status_line_is_the_whole_states((l, on) in log_and_date(), known in 0usize..1000) {
        let view = some_view(&l, on, known);
        let replay = Replay::of(&l.events, &view);
        let line = PartnershipLine::from_fold(&replay, "twg-health", &replay, &view);
        let whole = replay.partnership_state("twg-health", &view).map(|s| {
            let established = &replay.partnerships["twg-health"].established;
            PartnershipLine::of_state(&s, established.as_ref().unwrap().stamp.seq)
        });
        prop_assert_eq!(line, whole);
    }

    /// The derived meanings hold together, and nothing panics.
    #[test]
    fn derived_meanings_are_consistent((l, on) in log_and_date()) {
        let view = View::as_of(on);
        if let Some(s) = state(&l.events, &view) {
            for a in &s.agreements {
                prop_assert!(a.in_force_version.is_none_or(|v| v <= a.current_version));
                let expected = match (a.status, a.in_force_version) {
                    (AgreementStatus::Withdrawn, v) => v.is_none(),
                    (AgreementStatus::Draft, v) => v.is_none(),
                    (AgreementStatus::Adopted, v) => v == Some(a.current_version),
                    (AgreementStatus::RevisionPending, Some(v)) => v < a.current_version,
                    (AgreementStatus::RevisionPending, None) => false,
                };
                prop_assert!(expected, "{:?}", a);
                for v in &a.versions {
                    let sides: Vec<_> = a.endorsements.iter().filter(|e| e.version == v.version).filter_map(|e| e.side).collect();
                    let both = sides.contains(&accord_events::fields::Side::Government)
                        && sides.contains(&accord_events::fields::Side::DevelopmentPartner);
                    prop_assert_eq!(v.adopted_on.is_some(), both);
                    prop_assert!(v.adopted_on.is_none_or(|d| d.0 <= on));
                }
            }
            for c in &s.commitments {
                if c.overdue {
                    prop_assert!(c.due.0 < on && !c.status.is_final() && !s.closed);
                }
            }
            if let Some(r) = &s.latest_review {
                prop_assert!(!r.responses.is_empty());
                for c in &r.diverging {
                    prop_assert!(r.scores.contains_key(c));
                }
            }
            if s.closed {
                prop_assert!(!s.review_overdue);
            }
            let v = serde_json::to_value(&s).unwrap();
            for k in ["partnership", "name", "as_of", "members", "agreements", "latest_review", "commitments", "findings", "review_overdue"] {
                prop_assert!(v.get(k).is_some());
            }
        }
        if let Some(h) = History::build(&l.events, "twg-health", &view) {
            prop_assert!(h.changes.windows(2).all(|w| w[0].seq < w[1].seq));
        }
        let _ = PartnershipDiff::build(&l.events, "twg-health", on - Duration::days(90), on, &view);
        for a in ["a0", "a1", "a2"] {
            let _ = crate::AgreementAudit::build(&l.events, a, &view);
        }
        for p in PEOPLE {
            let _ = crate::PersonAudit::build(&l.events, p, &view);
        }
        for o in ORGS {
            let _ = crate::OrgAudit::build(&l.events, o, &view);
        }
    }
}

/// The status and snapshot fed the way the commands feed them: the builder
/// made from the log's retractions and stage events only, then every event
/// handed over one at a time.
fn streamed(
    events: &[accord_events::Envelope],
    view: &View,
    req: &SnapshotRequest,
) -> (ProgrammeStatus, Result<StageSnapshot, SnapshotError>) {
    let prelude: Vec<accord_events::Envelope> = events
        .iter()
        .filter(|e| PRELUDE_TYPES.contains(&e.event.kind().as_str()))
        .cloned()
        .collect();
    let mut fold = ReplayBuilder::new(Sieve::new(view, &retractions(&prelude)));
    let mut snapshot = SnapshotBuilder::new(req, &prelude);
    for e in events {
        fold.apply(e);
        if let Ok(s) = &mut snapshot {
            s.apply(e);
        }
    }
    (
        ProgrammeStatus::of(&fold.finish(), view),
        snapshot.map(SnapshotBuilder::finish),
    )
}

/// The retractions among `events`: what a reader reads before the log.
fn retractions(events: &[accord_events::Envelope]) -> Vec<accord_events::Envelope> {
    events
        .iter()
        .filter(|e| matches!(e.event, accord_events::Event::EventRetracted(_)))
        .cloned()
        .collect()
}

/// The status built stream by stream, as `accord status` reads the log:
/// the directory's stream, then the programme's, then each partnership's
/// on its own (none of them interleaved by `seq` with another).
fn by_stream(events: &[accord_events::Envelope], view: &View) -> ProgrammeStatus {
    let mut b = StatusBuilder::new(Sieve::new(view, &retractions(events)));
    for stream in stream_order(events) {
        if let Some(p) = stream.strip_prefix("partnership:") {
            b.open_partnership(p);
        }
        for e in events.iter().filter(|e| e.stream == stream) {
            b.apply(e);
        }
    }
    b.finish().0
}

/// The status assembled from parts as `accord status` keeps them beside
/// the log: every stream folded once (its parts saved, through postcard),
/// then the partnerships not in `refold` taken from what was saved and
/// those in it folded again with the directory and programme.
fn from_saved_parts(
    events: &[accord_events::Envelope],
    view: &View,
    refold: &std::collections::BTreeSet<String>,
) -> ProgrammeStatus {
    let fold = |only: &dyn Fn(&str) -> bool| {
        let mut b = StatusBuilder::new(Sieve::new(view, &retractions(events)));
        for stream in stream_order(events) {
            if let Some(p) = stream.strip_prefix("partnership:") {
                if !only(p) {
                    continue;
                }
                b.open_partnership(p);
            }
            for e in events.iter().filter(|e| e.stream == stream) {
                b.apply(e);
            }
        }
        b.finish_parts().0
    };
    let first = fold(&|_| true);
    let saved: std::collections::BTreeMap<String, crate::StreamStatus> = first
        .partnerships
        .iter()
        .map(|(p, part)| {
            let bytes = postcard::to_stdvec(part).unwrap();
            (p.clone(), postcard::from_bytes(&bytes).unwrap())
        })
        .collect();
    let programme: crate::ProgrammeShare =
        postcard::from_bytes(&postcard::to_stdvec(&first.programme).unwrap()).unwrap();
    assert_eq!(programme, first.programme);
    let mut parts = fold(&|p| refold.contains(p));
    assert_eq!(
        parts.programme, programme,
        "the directory's and programme's share"
    );
    for (p, part) in saved {
        if !refold.contains(&p) {
            parts.partnerships.insert(p, part);
        }
    }
    parts.assemble(view)
}

/// Whether a read up to the as-of date gives `e`: nothing dated after it
/// but what counts at any date.
fn dated(view: &View, e: &accord_events::Envelope) -> bool {
    e.occurred_on <= view.as_of || crate::READ_AT_ANY_DATE.contains(&e.event.kind().as_str())
}

/// What a partnership's state reads of its stream and of the programme
/// (the types its state needs and, with `naming`, the events that name
/// it), up to the as-of date.
fn own_part(
    events: &[accord_events::Envelope],
    partnership: &str,
    view: &View,
    naming: bool,
) -> Vec<accord_events::Envelope> {
    let stream = format!("partnership:{partnership}");
    events
        .iter()
        .filter(|e| {
            e.stream == stream
                || (e.stream == "programme"
                    && (crate::partnership::PROGRAMME_TYPES_FOR_STATE
                        .contains(&e.event.kind().as_str())
                        || (naming && e.event.names_partnership(partnership))))
        })
        .filter(|e| dated(view, e))
        .cloned()
        .collect()
}

/// The directory's events filed under one of `entries` or under none,
/// up to the as-of date: what the store gives for
/// `StreamPart::directory_entries`.
fn directory_part(
    events: &[accord_events::Envelope],
    view: &View,
    entries: &[String],
) -> Vec<accord_events::Envelope> {
    use accord_events::store::{ANY_ENTRY, directory_entry};
    events
        .iter()
        .filter(|e| {
            let entry = directory_entry(&e.event);
            e.stream == "directory" && (entry == ANY_ENTRY || entries.contains(&entry))
        })
        .filter(|e| dated(view, e))
        .cloned()
        .collect()
}

/// The fold `show` builds a partnership's state from: its stream, the
/// programme's types its state needs, and of the directory the entries
/// `partnership::state_fold` asks for; nothing dated after the as-of date
/// but what counts at any date. Also how many directory events it read.
fn fold_as_show_does(
    events: &[accord_events::Envelope],
    partnership: &str,
    view: &View,
) -> (Replay, usize) {
    let own = own_part(events, partnership, view, false);
    let mut read = std::collections::BTreeSet::new();
    let directory = |entries: &[String]| -> Result<Vec<accord_events::Envelope>, ()> {
        let part = directory_part(events, view, entries);
        read.extend(part.iter().map(|e| e.seq));
        Ok(part)
    };
    let fold = crate::partnership::state_fold(&own, partnership, view, directory).unwrap();
    (fold, read.len())
}

/// The events `history` and `diff` tell a partnership's story from: its
/// stream, the programme's types its state needs and the events that name
/// it, and of the directory the entries `partnership::story_events` asks
/// for; nothing dated after the as-of date but what counts at any date.
fn story_as_history_reads(
    events: &[accord_events::Envelope],
    partnership: &str,
    view: &View,
) -> Vec<accord_events::Envelope> {
    let own = own_part(events, partnership, view, true);
    let directory =
        |entries: &[String]| -> Result<_, ()> { Ok(directory_part(events, view, entries)) };
    crate::partnership::story_events(own, partnership, view, directory).unwrap()
}

/// The snapshot built stream by stream, as `accord snapshot` reads the log
/// (the head given as the store names it: the last event the view knows).
fn snapshot_by_stream(
    events: &[accord_events::Envelope],
    req: &SnapshotRequest,
) -> Result<StageSnapshot, SnapshotError> {
    Ok(snapshot_streamed(events, req, None)?.0)
}

/// The snapshot as `accord snapshot` takes it with saved shares: every
/// stream read once (what each partnership's gave kept and saved, through
/// postcard), then the partnerships not in `refold` given back from what
/// was saved and those in it read again.
fn snapshot_from_saved_shares(
    events: &[accord_events::Envelope],
    req: &SnapshotRequest,
    refold: &std::collections::BTreeSet<String>,
) -> Result<StageSnapshot, SnapshotError> {
    let (first, kept) = snapshot_streamed(events, req, None)?;
    let saved: std::collections::BTreeMap<String, StreamShare> = kept
        .iter()
        .map(|(p, share)| {
            let bytes = postcard::to_stdvec(share).unwrap();
            (p.clone(), postcard::from_bytes(&bytes).unwrap())
        })
        .collect();
    let (again, _) = snapshot_streamed(events, req, Some((&saved, refold)))?;
    assert_eq!(again, first);
    Ok(again)
}

/// The snapshot read stream by stream, with what each partnership's stream
/// gave; with `saved`, the partnerships not in its set given back from it.
#[allow(clippy::type_complexity)]
fn snapshot_streamed(
    events: &[accord_events::Envelope],
    req: &SnapshotRequest,
    saved: Option<(
        &std::collections::BTreeMap<String, StreamShare>,
        &std::collections::BTreeSet<String>,
    )>,
) -> Result<(StageSnapshot, Vec<(String, StreamShare)>), SnapshotError> {
    let prelude: Vec<accord_events::Envelope> = events
        .iter()
        .filter(|e| PRELUDE_TYPES.contains(&e.event.kind().as_str()))
        .cloned()
        .collect();
    let mut b = SnapshotBuilder::new(req, &prelude)?;
    b.keep_streams();
    let view = b.view();
    let streams = stream_order(events);
    for stream in &streams {
        // As the store reads a stream for a view: nothing dated after the
        // snapshot's date but what counts at any date.
        let read = events.iter().filter(|e| {
            e.stream == *stream
                && (e.occurred_on <= view.as_of
                    || crate::READ_AT_ANY_DATE.contains(&e.event.kind().as_str()))
        });
        if let Some(p) = stream.strip_prefix("partnership:") {
            if let Some((saved, refold)) = saved
                && !refold.contains(p)
            {
                b.add_saved(saved[p].clone());
                continue;
            }
            b.open_partnership(p);
        }
        for e in read {
            b.apply(e);
        }
    }
    b.set_head(
        events
            .iter()
            .rev()
            .find(|e| view.knows(e))
            .map(|e| (e.seq, e.hash)),
    );
    let (snapshot, _, kept) = b.finish_keeping();
    Ok((snapshot, kept))
}

/// The log's streams in the order a reader by stream takes them: the
/// directory, the programme, then each partnership by id.
fn stream_order(events: &[accord_events::Envelope]) -> Vec<String> {
    let partnerships: std::collections::BTreeSet<&str> = events
        .iter()
        .map(|e| e.stream.as_str())
        .filter(|s| s.starts_with("partnership:"))
        .collect();
    ["directory", "programme"]
        .into_iter()
        .chain(partnerships)
        .map(str::to_owned)
        .collect()
}

/// The fold as the view's rules define it, written out without the sieve:
/// the retractions the view knows of, then what is known, not retracted,
/// not a retraction, and occurred by the as-of date.
fn reference_replay(events: &[accord_events::Envelope], view: &View) -> Replay {
    use accord_events::Event;
    let retracted: std::collections::HashSet<&str> = events
        .iter()
        .filter(|e| view.knows(e))
        .filter_map(|e| match &e.event {
            Event::EventRetracted(r) => Some(r.event.0.as_str()),
            _ => None,
        })
        .collect();
    let mut r = Replay::new();
    for e in events {
        if view.knows(e)
            && !matches!(e.event, Event::EventRetracted(_))
            && !retracted.contains(e.id.as_str())
            && e.occurred_on <= view.as_of
        {
            r.apply(e);
        }
    }
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Streaming a log through the builders, from its retractions and stage
    /// events read first, gives exactly what the whole-slice builds give,
    /// in any view (as-of and known-at), and the fold is the view's own.
    #[test]
    fn streaming_equals_the_whole_slice_build(
        (l, on) in log_and_date(),
        pick in 0usize..1000,
        known in any::<bool>(),
        stage in 1u32..4,
        given in any::<bool>(),
    ) {
        let view = if known {
            View::known_at(on, l.events[pick % l.events.len()].recorded_at.clone())
        } else {
            View::as_of(on)
        };
        prop_assert_eq!(Replay::of(&l.events, &view), reference_replay(&l.events, &view));
        let req = SnapshotRequest {
            stage,
            as_of: given.then_some(on),
            known_at: view.known_at.clone(),
            today: on,
        };
        let (status, snapshot) = streamed(&l.events, &view, &req);
        let whole = ProgrammeStatus::build(&l.events, &view);
        prop_assert_eq!(&status, &whole);
        prop_assert_eq!(&by_stream(&l.events, &view), &whole);
        let refold = stream_order(&l.events)
            .iter()
            .filter_map(|s| s.strip_prefix("partnership:"))
            .enumerate()
            .filter(|(i, _)| (pick >> (i % 10)) & 1 == 1)
            .map(|(_, p)| p.to_owned())
            .collect();
        prop_assert_eq!(&from_saved_parts(&l.events, &view, &refold), &whole);
        let whole = StageSnapshot::build(&l.events, &req);
        prop_assert_eq!(&snapshot_by_stream(&l.events, &req), &whole);
        prop_assert_eq!(&snapshot_from_saved_shares(&l.events, &req, &refold), &whole);
        prop_assert_eq!(snapshot, whole);
    }

    /// A snapshot counts every activity delivered and every finding
    /// standing up to its date, however long before its period (held to
    /// the view's own fold, written out without the builders).
    #[test]
    fn a_snapshot_counts_what_was_held_before_its_period(
        (l, on) in log_and_date(),
        pick in 0usize..1000,
        known in any::<bool>(),
        stage in 2u32..4,
    ) {
        let known_at = known.then(|| l.events[pick % l.events.len()].recorded_at.clone());
        let req = SnapshotRequest { stage, as_of: None, known_at: known_at.clone(), today: on };
        let Ok(snapshot) = StageSnapshot::build(&l.events, &req) else {
            return Ok(());
        };
        let view = View { as_of: snapshot.as_of.0, known_at };
        let fold = reference_replay(&l.events, &view);
        for row in &snapshot.activities.by_kind {
            let delivered = fold.programme.activities.iter().filter(|a| a.kind == row.kind).count();
            prop_assert_eq!(row.to_date, delivered, "{:?}", row.kind);
        }
        let standing = fold.programme.findings.len()
            + fold
                .partnerships
                .values()
                .filter(|p| p.established.is_some())
                .map(|p| p.findings.len())
                .sum::<usize>();
        prop_assert_eq!(snapshot.findings.total, standing);
        let threats = snapshot.findings.by_theme.iter().map(|t| t.threat).sum::<usize>();
        let standing_threats = fold
            .programme
            .findings
            .iter()
            .chain(fold.partnerships.values().filter(|p| p.established.is_some()).flat_map(|p| &p.findings))
            .filter(|f| f.swot == accord_events::fields::Swot::Threat)
            .count();
        prop_assert_eq!(threats, standing_threats);
    }
}

/// The same over the built-in Cambodian example (every event type, stages
/// completed, retractions), in every stage and at a few known-at cuts.
#[test]
fn streaming_equals_the_whole_slice_build_on_the_example() {
    let l = Log::cambodia();
    let on = l.events.iter().map(|e| e.occurred_on).max().unwrap();
    let n = l.events.len();
    for cut in [None, Some(n / 3), Some(2 * n / 3)] {
        let known_at = cut.map(|i| l.events[i].recorded_at.clone());
        let view = View {
            as_of: on,
            known_at: known_at.clone(),
        };
        for stage in 1..=3 {
            let req = SnapshotRequest {
                stage,
                as_of: None,
                known_at: known_at.clone(),
                today: on,
            };
            let (status, snapshot) = streamed(&l.events, &view, &req);
            assert_eq!(status, ProgrammeStatus::build(&l.events, &view));
            assert_eq!(by_stream(&l.events, &view), status);
            // Every partnership's part saved, then one in two folded again.
            assert_eq!(
                from_saved_parts(&l.events, &view, &Default::default()),
                status
            );
            let half = stream_order(&l.events)
                .iter()
                .filter_map(|s| s.strip_prefix("partnership:"))
                .step_by(2)
                .map(str::to_owned)
                .collect();
            assert_eq!(from_saved_parts(&l.events, &view, &half), status);
            let whole = StageSnapshot::build(&l.events, &req);
            assert_eq!(snapshot_by_stream(&l.events, &req), whole);
            assert_eq!(
                snapshot_from_saved_shares(&l.events, &req, &Default::default()),
                whole
            );
            assert_eq!(snapshot_from_saved_shares(&l.events, &req, &half), whole);
            assert_eq!(snapshot, whole);
        }
    }
}

/// On the built-in example, `show`'s reading of the directory leaves most
/// of it unread, and the state is the whole log's.
#[test]
fn show_reads_a_part_of_the_directory_on_the_example() {
    let l = Log::cambodia();
    let on = l.events.iter().map(|e| e.occurred_on).max().unwrap();
    let view = View::as_of(on);
    let directory = l.events.iter().filter(|e| e.stream == "directory").count();
    let all = Replay::of(&l.events, &view);
    let established: Vec<&str> = all
        .established()
        .into_iter()
        .map(|p| p.partnership.as_str())
        .collect();
    assert!(!established.is_empty());
    for p in established {
        let (fold, read_directory) = fold_as_show_does(&l.events, p, &view);
        assert!(
            read_directory < directory,
            "{p}: read {read_directory} of the directory's {directory} events"
        );
        let whole = all.partnership_state(p, &view);
        assert!(whole.is_some(), "{p} is in the example");
        assert_eq!(whole, fold.partnership_state(p, &view), "{p}");
    }
}
