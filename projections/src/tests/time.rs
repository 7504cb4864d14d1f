//! The view: retractions count nowhere from when they are recorded, and
//! `known_at` reproduces what the tracker showed then.

use serde_json::json;

use super::{Log, d};
use crate::View;
use crate::partnership::AgreementStatus;

fn adopted_log() -> (Log, String) {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10", "pp", 1, "chair-health");
    let dp = l.endorse("2009-09-11", "pp", 1, "lead-who");
    (l, dp)
}

#[test]
fn a_retracted_endorsement_counts_nowhere_at_every_date() {
    let (mut l, dp) = adopted_log();
    l.recording_on("2009-12-01");
    l.retract("2009-12-01", &dp);
    for day in ["2009-09-11", "2009-11-30", "2009-12-01", "2010-06-01"] {
        let s = l.show(day);
        let a = &s.agreements[0];
        assert_eq!(a.status, AgreementStatus::Draft, "as of {day}");
        assert_eq!(a.endorsements.len(), 1, "as of {day}");
    }
    // The same person may endorse again; it counts from its own date.
    l.endorse("2009-12-02", "pp", 1, "lead-who");
    assert_eq!(
        l.show("2009-12-01").agreements[0].status,
        AgreementStatus::Draft
    );
    let s = l.show("2009-12-02");
    assert_eq!(s.agreements[0].status, AgreementStatus::Adopted);
    assert_eq!(s.agreements[0].adopted_on.unwrap().0, d("2009-12-02"));
}

#[test]
fn known_at_before_the_retraction_shows_the_earlier_state() {
    let (mut l, dp) = adopted_log();
    let before = l.last_recorded_at();
    l.recording_on("2009-12-01");
    l.retract("2009-12-01", &dp);
    let after = l.last_recorded_at();
    let s = l.show_known("2009-11-30", &before);
    assert_eq!(s.agreements[0].status, AgreementStatus::Adopted);
    assert_eq!(s.known_at.as_deref(), Some(before.as_str()));
    let s = l.show_known("2009-11-30", &after);
    assert_eq!(s.agreements[0].status, AgreementStatus::Draft);
}

#[test]
fn known_at_before_a_back_dated_entry_reproduces_the_earlier_state() {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10", "pp", 1, "chair-health");
    let before = l.last_recorded_at();
    // Recorded on 2009-10-15, back-dated to the meeting on 2009-09-11.
    l.recording_on("2009-10-15");
    l.endorse("2009-09-11", "pp", 1, "lead-who");
    let s = l.show_known("2009-09-30", &before);
    assert_eq!(s.agreements[0].status, AgreementStatus::Draft);
    assert_eq!(s.agreements[0].endorsements.len(), 1);
    let s = l.show("2009-09-30");
    assert_eq!(s.agreements[0].status, AgreementStatus::Adopted);
    assert_eq!(s.agreements[0].adopted_on.unwrap().0, d("2009-09-11"));
}

#[test]
fn known_at_is_inclusive_and_recorded_at_is_compared_as_stored() {
    let (l, _) = adopted_log();
    let last = l.last_recorded_at();
    assert_eq!(
        l.show_known("2009-12-31", &last).agreements[0].status,
        AgreementStatus::Adopted
    );
    // One microsecond earlier: the DP endorsement is not yet known.
    let earlier = {
        let t = chrono::DateTime::parse_from_rfc3339(&last).unwrap()
            - chrono::Duration::microseconds(1);
        accord_events::clock::format_recorded_at(t.with_timezone(&chrono::Utc))
    };
    assert_eq!(
        l.show_known("2009-12-31", &earlier).agreements[0].status,
        AgreementStatus::Draft
    );
}

#[test]
fn a_retracted_membership_and_move_count_nowhere() {
    let mut l = Log::cambodia();
    let moved = l.add(
        "2009-08-01",
        "person.moved",
        json!({"person": "rep-ngo", "org": "who"}),
    );
    let joined = l.add(
        "2009-08-01",
        "partner.joined",
        json!({"partnership": "twg-health", "org": "cdc", "role": "secretariat"}),
    );
    assert_eq!(l.show("2009-08-01").members.len(), 5);
    l.retract("2009-08-02", &joined);
    l.retract("2009-08-02", &moved);
    assert_eq!(l.show("2009-08-01").members.len(), 4);
    let events = &l.events;
    let r = crate::Replay::of(events, &View::as_of(d("2009-12-31")));
    assert_eq!(
        r.directory
            .acting_for("rep-ngo", d("2009-12-31"))
            .unwrap()
            .org,
        "ngo-forum"
    );
}

#[test]
fn retractions_are_not_folded_as_facts() {
    let (mut l, dp) = adopted_log();
    l.retract("2009-12-01", &dp);
    let view = View::as_of(d("2010-01-01"));
    let counted = view.counted(&l.events);
    assert!(counted.iter().all(|e| e.id != dp));
    assert!(
        counted
            .iter()
            .all(|e| !matches!(e.event, accord_events::Event::EventRetracted(_)))
    );
    let h = crate::History::build(&l.events, "twg-health", &view).unwrap();
    assert!(
        h.changes
            .iter()
            .all(|c| c.seq != l.events.last().unwrap().seq)
    );
}

#[test]
fn an_occurred_at_with_a_time_counts_on_its_written_date() {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10T09:00:00+07:00", "pp", 1, "chair-health");
    l.endorse("2009-09-11T23:30:00-05:00", "pp", 1, "lead-who");
    assert_eq!(
        l.show("2009-09-10").agreements[0].status,
        AgreementStatus::Draft
    );
    let s = l.show("2009-09-11");
    assert_eq!(s.agreements[0].status, AgreementStatus::Adopted);
    assert_eq!(
        s.agreements[0].endorsements[1].occurred_at,
        "2009-09-11T23:30:00-05:00"
    );
}
