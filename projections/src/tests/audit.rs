//! Audit trails.

use serde_json::json;

use super::{Log, d};
use crate::View;
use crate::audit::{ActKind, AgreementAudit, OrgAudit, PersonAudit, text_sha256};

#[test]
fn text_sha256_is_lowercase_hex_of_the_exact_bytes() {
    assert_eq!(
        text_sha256("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_ne!(text_sha256("abc"), text_sha256("abc\n"));
}

fn log() -> Log {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10", "pp", 1, "chair-health");
    let bad = l.endorse("2009-09-10", "pp", 1, "rep-ngo");
    l.endorse("2009-09-11", "pp", 1, "lead-who");
    l.retract("2009-09-12", &bad);
    l.add(
        "2009-10-01",
        "person.moved",
        json!({"person": "lead-who", "org": "undp"}),
    );
    l.add(
        "2009-10-02",
        "agreement.revised",
        json!({"agreement": "pp", "text": "Version two.", "reason": "r", "revised_by": "lead-who"}),
    );
    l
}

#[test]
fn agreement_audit_traces_versions_endorsers_and_retractions() {
    let l = log();
    let a = AgreementAudit::build(&l.events, "pp", &View::as_of(d("2010-01-01"))).unwrap();
    assert_eq!(a.versions.len(), 2);
    let v1 = &a.versions[0];
    assert_eq!(v1.text_sha256, text_sha256("We agree to work as equals."));
    assert_eq!(v1.proposed_or_revised_by, "chair-health");
    assert_eq!(v1.adopted_on.unwrap().0, d("2009-09-11"));
    assert_eq!(v1.endorsements.len(), 2, "the retracted one is not counted");
    assert_eq!(v1.endorsements[1].org.as_deref(), Some("who"));
    assert_eq!(v1.endorsements[1].recorded_by, "secretariat");
    let v2 = &a.versions[1];
    assert_eq!(v2.text_sha256, text_sha256("Version two."));
    assert_eq!(v2.org.as_deref(), Some("undp"), "revised after the move");
    assert_eq!(v2.adopted_on, None);
    assert_eq!(a.retractions.len(), 1);
    assert_eq!(
        a.retractions[0].retracted.person.as_deref(),
        Some("rep-ngo")
    );

    let v = serde_json::to_value(&a).unwrap();
    let keys =
        |o: &serde_json::Value| -> Vec<String> { o.as_object().unwrap().keys().cloned().collect() };
    for k in ["agreement", "versions"] {
        assert!(keys(&v).contains(&k.to_owned()));
    }
    for k in [
        "version",
        "text_sha256",
        "proposed_or_revised_by",
        "occurred_at",
        "seq",
        "endorsements",
        "adopted_on",
    ] {
        assert!(keys(&v["versions"][0]).contains(&k.to_owned()), "{k}");
    }
    for k in [
        "person",
        "org",
        "side",
        "occurred_at",
        "seq",
        "recorded_by",
        "recorded_at",
    ] {
        assert!(
            keys(&v["versions"][0]["endorsements"][0]).contains(&k.to_owned()),
            "{k}"
        );
    }
    assert!(v["versions"][1]["adopted_on"].is_null());
}

#[test]
fn person_audit_keeps_each_acts_organisation() {
    let l = log();
    let p = PersonAudit::build(&l.events, "lead-who", &View::as_of(d("2010-01-01"))).unwrap();
    assert_eq!(p.posts.len(), 2);
    assert_eq!(p.posts[0].until.unwrap().0, d("2009-10-01"));
    let acts: Vec<(ActKind, Option<&str>)> =
        p.acts.iter().map(|a| (a.act, a.org.as_deref())).collect();
    assert_eq!(
        acts,
        [
            (ActKind::Endorsed, Some("who")),
            (ActKind::Revised, Some("undp"))
        ]
    );
}

#[test]
fn org_audit_lists_acts_done_for_it_and_memberships() {
    let l = log();
    let o = OrgAudit::build(&l.events, "who", &View::as_of(d("2010-01-01"))).unwrap();
    assert_eq!(o.acts.len(), 1, "the revision was done for UNDP");
    assert_eq!(o.memberships.len(), 1);
    assert_eq!(o.memberships[0].partnership, "twg-health");
    assert_eq!(o.people.len(), 1);
    assert_eq!(o.people[0].until.unwrap().0, d("2009-10-01"));
    assert!(OrgAudit::build(&l.events, "nope", &View::as_of(d("2010-01-01"))).is_none());
}

/// A fold keeps its stamps compact (text inline, hash as bytes); what it
/// shows of them must read as before: the hash in lowercase hex, the rest
/// as written.
#[test]
fn a_stamp_reads_as_recorded_and_its_hash_as_lowercase_hex() {
    let l = log();
    let mut e = l.events[0].clone();
    e.hash = [0xab; 32];
    let stamp = crate::partnership::Stamp::of(&e);
    let json = serde_json::to_value(&stamp).unwrap();
    assert_eq!(json["hash"], json!("ab".repeat(32)));
    assert_eq!(stamp.hash_hex(), "ab".repeat(32));
    assert_eq!(json["id"], json!(e.id));
    assert_eq!(json["occurred_at"], json!(e.occurred_at));
    assert_eq!(json["recorded_at"], json!(e.recorded_at));
    assert_eq!(json["recorded_by"], json!(e.recorded_by));
    assert_eq!(json["seq"], json!(e.seq));
}
