//! The programme's status.

use serde_json::json;

use super::{Log, d};
use crate::View;
use crate::status::ProgrammeStatus;

#[test]
fn status_counts_and_lists_what_is_overdue_and_diverging() {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10", "pp", 1, "chair-health");
    l.endorse("2009-09-11", "pp", 1, "lead-who");
    l.add(
        "2009-09-11",
        "commitment.made",
        json!({"commitment": "c1", "partnership": "twg-health", "text": "x", "owner": "moh", "due": "2009-12-31"}),
    );
    l.add(
        "2009-09-11",
        "review.opened",
        json!({"review": "hc-1", "partnership": "twg-health", "kind": "health_check", "next_due": "2010-03-01"}),
    );
    l.respond(
        "2009-09-11",
        "hc-1",
        "chair-health",
        json!({"shared_goal": 5}),
    );
    l.respond("2009-09-11", "hc-1", "lead-who", json!({"shared_goal": 1}));
    l.add(
        "2009-07-01",
        "finding.recorded",
        json!({"finding": "f0", "origin": "interview", "swot": "opportunity", "theme": "other", "text": "Time is right"}),
    );
    l.add("2009-09-09", "stage.started", json!({"stage": 2}));

    let s = ProgrammeStatus::build(&l.events, &View::as_of(d("2010-01-01")));
    assert_eq!(
        s.programme.as_ref().unwrap().name,
        "Making Partnerships Effective"
    );
    assert_eq!(s.current_stage, Some(2));
    assert_eq!(s.counts.partnerships, 1);
    assert_eq!(s.counts.organisations, 5);
    assert_eq!(s.counts.people, 5);
    assert_eq!(s.counts.agreements.adopted, 1);
    assert_eq!(s.counts.commitments.open, 1);
    assert_eq!(s.counts.findings, 1);
    assert_eq!(s.counts.reviews, 1);
    assert_eq!(s.overdue_commitments.len(), 1);
    assert_eq!(s.overdue_commitments[0].commitment, "c1");
    assert!(s.overdue_reviews.is_empty());
    assert_eq!(s.diverging[0].criteria, vec!["shared_goal"]);
    let p = &s.partnerships[0];
    assert_eq!(p.agreements_adopted, 1);
    assert_eq!(p.latest_scores["shared_goal"], 3.0);

    let later = ProgrammeStatus::build(&l.events, &View::as_of(d("2010-03-02")));
    assert_eq!(later.overdue_reviews, vec!["twg-health"]);
    let v = serde_json::to_value(&later).unwrap();
    assert_eq!(
        v["counts"]["commitments"],
        json!({"open": 1, "on_schedule": 0, "behind_schedule": 0, "completed": 0, "dropped": 0})
    );
    assert_eq!(v["stages"][0]["status"], "completed");
    assert_eq!(v["stages"][1]["status"], "started");
}
