//! History sentences, score trends and diffs.

use serde_json::json;

use super::{Log, d};
use crate::diff::PartnershipDiff;
use crate::history::{History, What};
use crate::partnership::AgreementStatus;
use crate::{Replay, View};

fn principles_adopted() -> Log {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10", "pp", 1, "chair-health");
    l.endorse("2009-09-11", "pp", 1, "lead-who");
    l
}

fn history(l: &Log, on: &str) -> (History, Replay) {
    let view = View::as_of(d(on));
    (
        History::build(&l.events, "twg-health", &view).unwrap(),
        Replay::of(&l.events, &view),
    )
}

#[test]
fn adoption_is_reported_on_the_endorsement_that_completed_it() {
    let l = principles_adopted();
    let (h, _) = history(&l, "2010-01-01");
    let changes: Vec<serde_json::Value> = h
        .changes
        .iter()
        .map(|c| serde_json::to_value(c).unwrap())
        .collect();
    let n = changes.len();
    assert_eq!(changes[n - 1]["change"], "agreement_endorsed");
    assert_eq!(changes[n - 1]["on"], "2009-09-11");
    assert_eq!(changes[n - 2]["change"], "agreement_endorsed");
    assert_eq!(
        changes[n - 2]["by"],
        json!({"person": "chair-health", "org": "moh", "side": "government"})
    );
    assert_eq!(changes[n - 2]["adopted"], json!(null));
    assert_eq!(changes[0]["change"], "established");
    assert_eq!(changes[0]["host"], "moh");
    assert_eq!(changes[1]["change"], "partner_joined");
    assert_eq!(changes[1]["role"], "chair");
    let adopted = h
        .changes
        .iter()
        .filter(|c| {
            matches!(
                &c.what,
                What::AgreementEndorsed {
                    adopted: Some(_),
                    ..
                }
            )
        })
        .count();
    assert_eq!(adopted, 1);
}

#[test]
fn history_json_names_the_change() {
    let l = principles_adopted();
    let (h, _) = history(&l, "2010-01-01");
    let v = serde_json::to_value(&h).unwrap();
    let last = v["changes"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["change"], "agreement_endorsed");
    assert_eq!(last["on"], "2009-09-11");
    assert_eq!(
        last["by"],
        json!({"person": "lead-who", "org": "who", "side": "development_partner"})
    );
    assert_eq!(
        last["adopted"],
        json!({"government": ["moh"], "development_partner": ["who"]})
    );
}

#[test]
fn revisions_reschedules_and_meetings_carry_what_a_sentence_needs() {
    let mut l = principles_adopted();
    l.add(
        "2009-10-01",
        "agreement.revised",
        json!({"agreement": "pp", "text": "v2", "title": "Principles", "reason": "shorter", "revised_by": "rep-undp"}),
    );
    l.add(
        "2009-10-02",
        "commitment.made",
        json!({"commitment": "c1", "partnership": "twg-health", "text": "Draft a ToR", "owner": "moh", "due": "2010-01-31"}),
    );
    l.add(
        "2010-01-20",
        "commitment.rescheduled",
        json!({"commitment": "c1", "due": "2010-03-31", "reason": "elections"}),
    );
    l.add(
        "2009-09-11",
        "meeting.held",
        json!({"meeting": "sm", "kind": "strategic_meeting", "title": "Strategic Meeting", "partnerships": ["twg-health"]}),
    );
    let (h, _) = history(&l, "2010-12-31");
    let whats: Vec<&What> = h.changes.iter().map(|c| &c.what).collect();
    assert!(
        whats.iter().any(|w| matches!(w, What::AgreementRevised { title, previous_title, version: 2, reason, .. }
            if title == "Principles" && previous_title == "Partnership principles" && reason == "shorter")),
        "{whats:#?}"
    );
    assert!(
        whats
            .iter()
            .any(|w| matches!(w, What::CommitmentRescheduled { from, to, .. }
            if from.0 == d("2010-01-31") && to.0 == d("2010-03-31"))),
        "{whats:#?}"
    );
    assert!(
        h.changes.iter().any(|c| c.on.0 == d("2009-09-11")
            && matches!(&c.what, What::MeetingHeld { title, .. } if title == "Strategic Meeting")),
        "{whats:#?}"
    );
}

#[test]
fn score_trends_follow_reviews_in_opening_order() {
    let mut l = Log::cambodia();
    for (on, review) in [
        ("2009-09-11", "hc-1"),
        ("2010-03-01", "hc-2"),
        ("2010-06-01", "hc-3"),
    ] {
        l.add(
            on,
            "review.opened",
            json!({"review": review, "partnership": "twg-health", "kind": "health_check"}),
        );
    }
    l.respond(
        "2009-09-11",
        "hc-1",
        "chair-health",
        json!({"shared_goal": 2, "engagement": 1}),
    );
    l.respond("2009-09-11", "hc-1", "lead-who", json!({"shared_goal": 3}));
    l.respond(
        "2010-03-01",
        "hc-2",
        "chair-health",
        json!({"shared_goal": 4}),
    );
    let (h, _) = history(&l, "2010-12-31");
    assert_eq!(h.trends.len(), 2);
    let sg = &h.trends[0];
    assert_eq!(sg.criterion, "shared_goal");
    assert_eq!(sg.label, "A shared goal and agreed values and principles");
    let points: Vec<(&str, f64)> = sg
        .points
        .iter()
        .map(|p| (p.review.as_str(), p.mean))
        .collect();
    assert_eq!(
        points,
        [("hc-1", 2.5), ("hc-2", 4.0)],
        "hc-3 has no responses"
    );
    assert_eq!(h.trends[1].criterion, "engagement");
    assert_eq!(h.trends[1].points.len(), 1);
}

#[test]
fn diff_between_two_dates() {
    let mut l = principles_adopted();
    l.add(
        "2009-09-11",
        "commitment.made",
        json!({"commitment": "c1", "partnership": "twg-health", "text": "x", "owner": "moh", "due": "2009-12-31"}),
    );
    l.add(
        "2009-10-01",
        "agreement.revised",
        json!({"agreement": "pp", "text": "v2", "reason": "r", "revised_by": "chair-health"}),
    );
    l.add(
        "2009-11-01",
        "partner.left",
        json!({"partnership": "twg-health", "org": "ngo-forum", "reason": "r"}),
    );
    let diff = PartnershipDiff::build(
        &l.events,
        "twg-health",
        d("2009-09-10"),
        d("2010-01-15"),
        &View::as_of(d("2010-01-15")),
    )
    .unwrap();
    assert_eq!(diff.members_left.len(), 1);
    assert_eq!(diff.members_left[0].org, "ngo-forum");
    let a = &diff.agreements[0];
    assert!(!a.new);
    assert_eq!(a.status.from, Some(AgreementStatus::Draft));
    assert_eq!(a.status.to, Some(AgreementStatus::RevisionPending));
    assert_eq!(a.in_force_version.to, Some(1));
    assert_eq!(a.versions_added, vec![2]);
    assert_eq!(a.endorsements_added.len(), 1);
    assert_eq!(a.endorsements_added[0].person, "lead-who");
    let c = &diff.commitments[0];
    assert!(c.new);
    assert!(c.overdue.to);
    assert!(diff.changes.iter().all(|c| c.on.0 > d("2009-09-10")));
    assert_eq!(diff.changes.len(), 4);

    // Before the partnership existed: everything is new.
    let diff = PartnershipDiff::build(
        &l.events,
        "twg-health",
        d("2009-01-01"),
        d("2009-06-10"),
        &View::as_of(d("2010-01-15")),
    )
    .unwrap();
    assert_eq!(diff.members_joined.len(), 4);
    assert!(!diff.is_empty());
    let same = PartnershipDiff::build(
        &l.events,
        "twg-health",
        d("2009-12-01"),
        d("2009-12-15"),
        &View::as_of(d("2010-01-15")),
    )
    .unwrap();
    assert!(same.is_empty(), "{same:#?}");
}
