//! Every derived meaning of docs/rules.md at its boundary dates.

use accord_events::fields::Side;
use serde_json::json;

use super::{Log, d};
use crate::partnership::{AgreementStatus, CommitmentStatus};

fn agreement(s: &crate::PartnershipState) -> &crate::partnership::AgreementState {
    s.agreements.iter().find(|a| a.agreement == "pp").unwrap()
}

#[test]
fn adopted_the_day_the_second_side_endorses() {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10", "pp", 1, "chair-health");
    l.endorse("2009-09-11", "pp", 1, "lead-who");

    let before = l.show("2009-09-10");
    let a = agreement(&before);
    assert_eq!(a.status, AgreementStatus::Draft);
    assert_eq!(a.in_force_version, None);
    assert_eq!(a.endorsements.len(), 1);

    let on = l.show("2009-09-11");
    let a = agreement(&on);
    assert_eq!(a.status, AgreementStatus::Adopted);
    assert_eq!(a.in_force_version, Some(1));
    assert_eq!(a.adopted_on.map(|x| x.0), Some(d("2009-09-11")));
    assert_eq!(a.versions[0].adopted_on.map(|x| x.0), Some(d("2009-09-11")));
    assert_eq!(a.endorsements[1].org.as_deref(), Some("who"));
    assert_eq!(a.endorsements[1].side, Some(Side::DevelopmentPartner));
}

#[test]
fn two_endorsements_from_one_side_do_not_adopt() {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10", "pp", 1, "chair-health");
    l.endorse("2009-09-10", "pp", 1, "deputy-health");
    l.endorse("2009-09-10", "pp", 1, "rep-undp");
    let s = l.show("2009-09-10");
    assert_eq!(agreement(&s).status, AgreementStatus::Adopted);
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10", "pp", 1, "chair-health");
    l.endorse("2009-09-10", "pp", 1, "deputy-health");
    assert_eq!(
        agreement(&l.show("2009-12-31")).status,
        AgreementStatus::Draft
    );
}

#[test]
fn civil_society_alone_never_adopts() {
    for other in ["chair-health", "lead-who"] {
        let mut l = Log::cambodia();
        l.propose_principles("2009-09-01");
        l.endorse("2009-09-10", "pp", 1, "rep-ngo");
        l.endorse("2009-09-11", "pp", 1, other);
        let a = l.show("2010-12-31");
        assert_eq!(
            agreement(&a).status,
            AgreementStatus::Draft,
            "ngo + {other}"
        );
        assert_eq!(agreement(&a).in_force_version, None);
    }
}

#[test]
fn revision_pending_until_the_new_version_is_co_endorsed() {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10", "pp", 1, "chair-health");
    l.endorse("2009-09-11", "pp", 1, "lead-who");
    l.add(
        "2009-10-01",
        "agreement.revised",
        json!({"agreement": "pp", "text": "We agree to work as equals, openly.", "reason": "add transparency", "revised_by": "lead-who", "title": "Principles of partnership"}),
    );
    l.endorse("2009-10-05", "pp", 2, "lead-who");
    l.endorse("2009-10-06", "pp", 2, "chair-health");

    let s = l.show("2009-09-30");
    assert_eq!(agreement(&s).current_version, 1);
    assert_eq!(agreement(&s).title, "Partnership principles");
    for day in ["2009-10-01", "2009-10-05"] {
        let s = l.show(day);
        let a = agreement(&s);
        assert_eq!(a.status, AgreementStatus::RevisionPending, "{day}");
        assert_eq!(a.current_version, 2);
        assert_eq!(a.in_force_version, Some(1));
        assert_eq!(a.title, "Principles of partnership");
        assert_eq!(a.adopted_on.map(|x| x.0), Some(d("2009-09-11")));
    }
    let s = l.show("2009-10-06");
    let a = agreement(&s);
    assert_eq!(a.status, AgreementStatus::Adopted);
    assert_eq!(a.in_force_version, Some(2));
    assert_eq!(a.adopted_on.map(|x| x.0), Some(d("2009-10-06")));
    assert_eq!(a.endorsements.len(), 4);
    assert_eq!(a.endorsements[2].version, 2);
}

#[test]
fn withdrawn_has_nothing_in_force() {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10", "pp", 1, "chair-health");
    l.endorse("2009-09-11", "pp", 1, "lead-who");
    l.add(
        "2009-11-01",
        "agreement.withdrawn",
        json!({"agreement": "pp", "reason": "superseded", "by": "chair-health"}),
    );
    assert_eq!(
        agreement(&l.show("2009-10-31")).status,
        AgreementStatus::Adopted
    );
    let s = l.show("2009-11-01");
    let a = agreement(&s);
    assert_eq!(a.status, AgreementStatus::Withdrawn);
    assert_eq!(a.in_force_version, None);
    assert_eq!(a.withdrawn_on.map(|x| x.0), Some(d("2009-11-01")));
}

#[test]
fn an_endorsers_organisation_leaving_does_not_undo_adoption() {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10", "pp", 1, "chair-health");
    l.endorse("2009-09-11", "pp", 1, "lead-who");
    l.add(
        "2009-12-01",
        "partner.left",
        json!({"partnership": "twg-health", "org": "who", "reason": "programme ended"}),
    );
    let s = l.show("2010-01-01");
    assert_eq!(agreement(&s).status, AgreementStatus::Adopted);
    assert!(
        s.members.iter().all(|m| m.org != "who"),
        "a member who left is gone"
    );
    assert_eq!(s.former_members.len(), 1);
    assert_eq!(s.former_members[0].org, "who");
    assert_eq!(s.former_members[0].left_on.0, d("2009-12-01"));
}

#[test]
fn a_person_who_moved_keeps_the_organisation_of_earlier_acts() {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10", "pp", 1, "lead-who");
    l.add(
        "2009-10-01",
        "person.moved",
        json!({"person": "lead-who", "org": "moh", "title": "Adviser"}),
    );
    l.add(
        "2009-10-02",
        "agreement.revised",
        json!({"agreement": "pp", "text": "v2", "reason": "update", "revised_by": "chair-health"}),
    );
    l.endorse("2009-10-03", "pp", 2, "lead-who");
    let s = l.show("2009-12-31");
    let a = agreement(&s);
    assert_eq!(a.endorsements[0].org.as_deref(), Some("who"));
    assert_eq!(a.endorsements[0].side, Some(Side::DevelopmentPartner));
    assert_eq!(a.endorsements[1].org.as_deref(), Some("moh"));
    assert_eq!(a.endorsements[1].side, Some(Side::Government));
    // Version 1 had only a DP endorsement; version 2 only a government one.
    assert_eq!(a.status, AgreementStatus::Draft);
}

#[test]
fn commitment_is_overdue_the_day_after_it_is_due() {
    let mut l = Log::cambodia();
    l.add(
        "2009-09-11",
        "commitment.made",
        json!({"commitment": "c1", "partnership": "twg-health", "text": "Agree a ToR", "owner": "moh", "due": "2010-01-31"}),
    );
    let c = |s: &crate::PartnershipState| s.commitments[0].clone();
    let on_due = c(&l.show("2010-01-31"));
    assert_eq!(on_due.status, CommitmentStatus::Open);
    assert!(!on_due.overdue, "not overdue on its due date");
    assert!(c(&l.show("2010-02-01")).overdue, "overdue the day after");

    l.add(
        "2010-01-15",
        "commitment.reported",
        json!({"commitment": "c1", "status": "behind_schedule"}),
    );
    let s = c(&l.show("2010-02-01"));
    assert_eq!(s.status, CommitmentStatus::BehindSchedule);
    assert!(s.overdue);
    assert_eq!(c(&l.show("2010-01-14")).status, CommitmentStatus::Open);

    l.add(
        "2010-01-20",
        "commitment.rescheduled",
        json!({"commitment": "c1", "due": "2010-03-31", "reason": "ministry reshuffle"}),
    );
    let s = c(&l.show("2010-02-01"));
    assert_eq!(s.due.0, d("2010-03-31"));
    assert_eq!(s.original_due.0, d("2010-01-31"));
    assert!(!s.overdue);
    assert!(c(&l.show("2010-04-01")).overdue);

    l.add(
        "2010-03-15",
        "commitment.reported",
        json!({"commitment": "c1", "status": "completed"}),
    );
    let s = c(&l.show("2010-04-01"));
    assert_eq!(s.status, CommitmentStatus::Completed);
    assert!(!s.overdue, "a completed commitment is never overdue");
}

#[test]
fn dropped_commitments_and_closed_partnerships_are_never_overdue() {
    let mut l = Log::cambodia();
    for c in ["c1", "c2"] {
        l.add(
            "2009-09-11",
            "commitment.made",
            json!({"commitment": c, "partnership": "twg-health", "text": "x", "owner": "moh", "due": "2009-12-31"}),
        );
    }
    l.add(
        "2009-12-01",
        "commitment.reported",
        json!({"commitment": "c1", "status": "dropped"}),
    );
    l.add(
        "2010-02-01",
        "partnership.closed",
        json!({"partnership": "twg-health", "reason": "merged"}),
    );
    let s = l.show("2010-01-31");
    assert!(!s.commitments[0].overdue);
    assert!(s.commitments[1].overdue);
    let s = l.show("2010-02-01");
    assert!(s.closed);
    assert!(!s.commitments[1].overdue, "never overdue after closing");
}

fn open_review(l: &mut Log, on: &str, review: &str, next_due: Option<&str>) {
    let mut data = json!({"review": review, "partnership": "twg-health", "kind": "health_check"});
    if let Some(n) = next_due {
        data["next_due"] = json!(n);
    }
    l.add(on, "review.opened", data);
}

#[test]
fn review_overdue_after_next_due_of_latest_review() {
    let mut l = Log::cambodia();
    open_review(&mut l, "2009-09-11", "hc-1", Some("2010-03-01"));
    // Without a response it is not the latest review; stage 1 was completed
    // after establishment, so a review is overdue.
    assert!(l.show("2009-09-12").review_overdue);
    assert!(l.show("2009-09-12").latest_review.is_none());
    l.respond(
        "2009-09-12",
        "hc-1",
        "chair-health",
        json!({"shared_goal": 3}),
    );
    let s = l.show("2009-09-12");
    assert_eq!(s.latest_review.as_ref().unwrap().review, "hc-1");
    assert!(!s.review_overdue);
    assert!(
        !l.show("2010-03-01").review_overdue,
        "not on next_due itself"
    );
    assert!(
        l.show("2010-03-02").review_overdue,
        "the day after next_due"
    );
    assert_eq!(
        l.show("2010-03-02").next_review_due.map(|x| x.0),
        Some(d("2010-03-01"))
    );

    // A newer review without next_due is never overdue.
    open_review(&mut l, "2010-03-05", "hc-2", None);
    l.respond("2010-03-05", "hc-2", "lead-who", json!({"shared_goal": 4}));
    assert!(!l.show("2011-01-01").review_overdue);
    assert!(l.show("2010-03-04").review_overdue);
}

#[test]
fn review_overdue_without_review_follows_stage_completion() {
    // Stage 1 completed 2009-06-30, after establishment (2009-06-10).
    let l = Log::cambodia();
    assert!(!l.show("2009-06-29").review_overdue);
    assert!(
        l.show("2009-06-30").review_overdue,
        "once a stage is completed"
    );

    // A partnership established after the only completed stage: not overdue.
    let mut l = Log::cambodia();
    l.add(
        "2009-07-01",
        "partnership.established",
        json!({"partnership": "twg-land", "name": "TWG Land"}),
    );
    let land =
        |l: &Log, on: &str| crate::show(&l.events, "twg-land", &crate::View::as_of(d(on))).unwrap();
    assert!(!land(&l, "2009-12-31").review_overdue);
    l.add("2009-09-01", "stage.started", json!({"stage": 2}));
    l.add("2009-09-11", "stage.completed", json!({"stage": 2}));
    assert!(!land(&l, "2009-09-10").review_overdue);
    assert!(land(&l, "2009-09-11").review_overdue);

    // Completed on the very day of establishment counts.
    let mut l = Log::cambodia();
    l.add(
        "2009-06-30",
        "partnership.established",
        json!({"partnership": "twg-land", "name": "TWG Land"}),
    );
    assert!(land(&l, "2009-06-30").review_overdue);
    // Closed: never overdue.
    l.add(
        "2009-07-05",
        "partnership.closed",
        json!({"partnership": "twg-land", "reason": "merged"}),
    );
    assert!(land(&l, "2009-07-04").review_overdue);
    assert!(!land(&l, "2009-07-05").review_overdue);
}

#[test]
fn latest_review_is_the_most_recently_opened_with_a_response() {
    let mut l = Log::cambodia();
    open_review(&mut l, "2009-09-11", "hc-1", None);
    open_review(&mut l, "2009-12-01", "hc-2", None);
    l.respond(
        "2009-09-12",
        "hc-1",
        "chair-health",
        json!({"shared_goal": 2}),
    );
    assert_eq!(l.show("2010-01-01").latest_review.unwrap().review, "hc-1");
    l.respond("2009-12-02", "hc-2", "lead-who", json!({"shared_goal": 4}));
    assert_eq!(l.show("2009-12-01").latest_review.unwrap().review, "hc-1");
    assert_eq!(l.show("2009-12-02").latest_review.unwrap().review, "hc-2");
    // A back-dated review opened earlier does not become the latest.
    open_review(&mut l, "2009-10-01", "hc-0", None);
    l.respond("2009-10-01", "hc-0", "lead-who", json!({"shared_goal": 1}));
    assert_eq!(l.show("2010-01-01").latest_review.unwrap().review, "hc-2");
}

#[test]
fn scores_by_side_and_divergence_at_half_the_range() {
    let mut l = Log::cambodia();
    open_review(&mut l, "2009-09-11", "hc-1", None);
    l.respond(
        "2009-09-11",
        "hc-1",
        "chair-health",
        json!({"shared_goal": 5, "co_creation": 4, "engagement": 3}),
    );
    l.respond(
        "2009-09-11",
        "hc-1",
        "deputy-health",
        json!({"shared_goal": 4, "co_creation": 4}),
    );
    l.respond(
        "2009-09-11",
        "hc-1",
        "lead-who",
        json!({"shared_goal": 2, "co_creation": 2, "review_revision": 1}),
    );
    l.respond("2009-09-11", "hc-1", "rep-ngo", json!({"shared_goal": 1}));
    let s = l.show("2009-09-11");
    let r = s.latest_review.unwrap();
    assert_eq!(r.scores["shared_goal"], 3.0);
    assert_eq!(r.scores["co_creation"], 10.0 / 3.0);
    assert_eq!(r.scores["engagement"], 3.0);
    assert_eq!(r.scores["review_revision"], 1.0);
    assert!(!r.scores.contains_key("inclusive_transparent"));
    assert_eq!(r.by_side.len(), 3, "only sides that responded");
    assert_eq!(r.by_side[&Side::Government]["shared_goal"], 4.5);
    assert_eq!(r.by_side[&Side::DevelopmentPartner]["shared_goal"], 2.0);
    assert_eq!(r.by_side[&Side::CivilSociety]["shared_goal"], 1.0);
    // shared_goal: 4.5 vs 2 (2.5 ≥ 2) diverges; co_creation: 4 vs 2 (exactly 2)
    // diverges; engagement and review_revision lack one side.
    assert_eq!(r.diverging, vec!["shared_goal", "co_creation"]);

    let mut l = Log::cambodia();
    open_review(&mut l, "2009-09-11", "hc-1", None);
    l.respond(
        "2009-09-11",
        "hc-1",
        "chair-health",
        json!({"shared_goal": 4}),
    );
    l.respond(
        "2009-09-11",
        "hc-1",
        "deputy-health",
        json!({"shared_goal": 3}),
    );
    l.respond("2009-09-11", "hc-1", "lead-who", json!({"shared_goal": 2}));
    let r = l.show("2009-09-11").latest_review.unwrap();
    assert!(r.diverging.is_empty(), "3.5 vs 2 differs by 1.5 < 2");
}

#[test]
fn divergence_uses_a_defined_frameworks_scale() {
    let mut l = Log::cambodia();
    l.add(
        "2009-06-01",
        "framework.defined",
        json!({"framework": "traffic", "name": "Traffic lights", "criteria": [{"id": "trust", "label": "Trust"}], "scale_min": 0, "scale_max": 10}),
    );
    l.add(
        "2009-09-11",
        "review.opened",
        json!({"review": "hc-1", "partnership": "twg-health", "kind": "health_check", "framework": "traffic"}),
    );
    l.respond("2009-09-11", "hc-1", "chair-health", json!({"trust": 9}));
    l.respond("2009-09-11", "hc-1", "lead-who", json!({"trust": 5}));
    let r = l.show("2009-09-11").latest_review.unwrap();
    assert!(r.diverging.is_empty(), "4 < 10/2");
    l.respond("2009-09-11", "hc-1", "rep-undp", json!({"trust": 3}));
    let r = l.show("2009-09-11").latest_review.unwrap();
    assert_eq!(r.diverging, vec!["trust"], "9 vs 4 differs by 5 = 10/2");
}

#[test]
fn members_have_side_and_role_and_leave() {
    let mut l = Log::cambodia();
    let s = l.show("2009-06-10");
    let orgs: Vec<_> = s
        .members
        .iter()
        .map(|m| (m.org.as_str(), m.role.as_str()))
        .collect();
    assert_eq!(
        orgs,
        [
            ("moh", "chair"),
            ("who", "lead_facilitator"),
            ("undp", "co_facilitator"),
            ("ngo-forum", "member")
        ]
    );
    assert_eq!(s.members[0].side, Some(Side::Government));
    l.add(
        "2009-08-01",
        "partner.left",
        json!({"partnership": "twg-health", "org": "undp", "reason": "no capacity"}),
    );
    l.add(
        "2009-09-01",
        "partner.joined",
        json!({"partnership": "twg-health", "org": "undp", "role": "member"}),
    );
    assert_eq!(l.show("2009-08-01").members.len(), 3);
    let s = l.show("2009-09-01");
    assert_eq!(s.members.last().unwrap().org, "undp");
    assert_eq!(s.members.last().unwrap().role.as_str(), "member");
    assert!(
        s.former_members.is_empty(),
        "a rejoined member is not former"
    );
}

#[test]
fn not_established_in_the_view_is_none() {
    let l = Log::cambodia();
    assert!(
        crate::show(
            &l.events,
            "twg-health",
            &crate::View::as_of(d("2009-06-09"))
        )
        .is_none()
    );
    assert!(crate::show(&l.events, "nope", &crate::View::as_of(d("2010-01-01"))).is_none());
}

#[test]
fn show_json_has_exactly_the_spec_keys_and_nulls() {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10", "pp", 1, "chair-health");
    l.add(
        "2009-09-11",
        "commitment.made",
        json!({"commitment": "c1", "partnership": "twg-health", "text": "x", "owner": "moh", "due": "2010-01-31"}),
    );
    l.add(
        "2009-09-11",
        "finding.recorded",
        json!({"finding": "f1", "partnership": "twg-health", "origin": "interview", "swot": "weakness", "theme": "roles", "text": "Roles unclear"}),
    );
    let v = serde_json::to_value(l.show("2009-09-11")).unwrap();
    for k in [
        "partnership",
        "name",
        "as_of",
        "members",
        "agreements",
        "latest_review",
        "commitments",
        "findings",
        "review_overdue",
    ] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    assert_eq!(v["partnership"], "twg-health");
    assert_eq!(v["as_of"], "2009-09-11");
    assert!(v["latest_review"].is_null());
    assert_eq!(
        v["members"][0],
        json!({"org": "moh", "side": "government", "role": "chair", "name": "Ministry of Health", "joined_on": "2009-06-10"})
    );
    let a = &v["agreements"][0];
    assert_eq!(a["agreement"], "pp");
    assert_eq!(a["kind"], "principles");
    assert_eq!(a["title"], "Partnership principles");
    assert_eq!(a["status"], "draft");
    assert_eq!(a["current_version"], 1);
    assert!(a["in_force_version"].is_null());
    assert_eq!(a["endorsements"][0]["version"], 1);
    assert_eq!(a["endorsements"][0]["person"], "chair-health");
    assert_eq!(a["endorsements"][0]["org"], "moh");
    assert_eq!(a["endorsements"][0]["side"], "government");
    assert_eq!(a["endorsements"][0]["occurred_at"], "2009-09-10");
    assert_eq!(
        v["commitments"][0],
        json!({"commitment": "c1", "status": "open", "due": "2010-01-31", "overdue": false,
               "text": "x", "owner": "moh", "original_due": "2010-01-31", "origin": null,
               "made_on": "2009-09-11", "last_reported_on": null})
    );
    assert_eq!(v["findings"][0]["finding"], "f1");
    assert_eq!(v["findings"][0]["swot"], "weakness");
    assert_eq!(v["findings"][0]["theme"], "roles");
    assert_eq!(v["findings"][0]["text"], "Roles unclear");
    assert_eq!(v["review_overdue"], true);

    open_review(&mut l, "2009-09-12", "hc-1", None);
    l.respond(
        "2009-09-12",
        "hc-1",
        "chair-health",
        json!({"shared_goal": 4}),
    );
    l.respond("2009-09-12", "hc-1", "lead-who", json!({"shared_goal": 1}));
    let v = serde_json::to_value(l.show("2009-09-12")).unwrap();
    let r = &v["latest_review"];
    assert_eq!(r["review"], "hc-1");
    assert_eq!(r["scores"], json!({"shared_goal": 2.5}));
    assert_eq!(
        r["by_side"],
        json!({"government": {"shared_goal": 4.0}, "development_partner": {"shared_goal": 1.0}})
    );
    assert_eq!(r["diverging"], json!(["shared_goal"]));
}
