//! The reading commands end to end on a small hand-written programme:
//! `show`, `history`, `diff`, `audit` and `status`, as text and JSON, with
//! `--as-of` and `--known-at`. The log is recorded in four batches at four
//! clock times, so that `--known-at` can reproduce earlier views:
//!
//! - 2009-09-12: the directory, the programme, the TWG on Health, its first
//!   health check and the principles endorsed by the chair and the NGO;
//! - 2010-02-15: the lead facilitator's endorsement of 11 September,
//!   back-dated; commitments; a revision of the principles;
//! - 2010-03-01: the revision endorsed by the chair and by UNDP's Ms Jones;
//! - 2010-12-31: Ms Jones's endorsement retracted, the lead facilitator's
//!   endorsement instead, a move, a reschedule.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

struct Programme {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

const NOW: &str = "2010-12-31T12:00:00Z";

const BATCH_1: &str = r#"{"id":"o1","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"cdc","name":"CDC","side":"government"}}
{"id":"o2","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"moh","name":"Ministry of Health","side":"government"}}
{"id":"o3","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"who","name":"WHO","side":"development_partner"}}
{"id":"o4","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"undp","name":"UNDP","side":"development_partner"}}
{"id":"o5","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"medicam","name":"MEDiCAM","side":"civil_society"}}
{"id":"p1","type":"programme.defined","occurred_at":"2009-06-01","data":{"name":"Making Partnerships Effective","objective":"Strengthen the TWG partnerships.","commissioned_by":"cdc"}}
{"id":"n1","type":"person.registered","occurred_at":"2009-06-01","data":{"person":"chair-health","name":"Dr Sok","org":"moh","title":"Secretary of State"}}
{"id":"n2","type":"person.registered","occurred_at":"2009-06-01","data":{"person":"lead-health","name":"Dr Smith","org":"who"}}
{"id":"n3","type":"person.registered","occurred_at":"2009-06-01","data":{"person":"rep-undp","name":"Ms Jones","org":"undp"}}
{"id":"n4","type":"person.registered","occurred_at":"2009-06-01","data":{"person":"rep-ngo","name":"Mr Dara","org":"medicam"}}
{"id":"s1","type":"stage.planned","occurred_at":"2009-06-01","data":{"stage":1,"name":"Engagement and Inception","starts_on":"2009-06-01","ends_on":"2009-06-30"}}
{"id":"s2","type":"stage.planned","occurred_at":"2009-06-01","data":{"stage":2,"name":"Strategic Meeting","starts_on":"2009-09-09","ends_on":"2009-09-11"}}
{"id":"s3","type":"stage.started","occurred_at":"2009-06-01","data":{"stage":1}}
{"id":"t1","type":"partnership.established","occurred_at":"2009-06-05","data":{"partnership":"twg-health","name":"TWG on Health","host":"moh"}}
{"id":"t2","type":"partner.joined","occurred_at":"2009-06-05","data":{"partnership":"twg-health","org":"moh","role":"chair"}}
{"id":"t3","type":"partner.joined","occurred_at":"2009-06-05","data":{"partnership":"twg-health","org":"who","role":"lead_facilitator"}}
{"id":"t4","type":"partner.joined","occurred_at":"2009-06-05","data":{"partnership":"twg-health","org":"medicam","role":"member"}}
{"id":"t5","type":"partner.joined","occurred_at":"2009-06-05","data":{"partnership":"twg-health","org":"undp","role":"member"}}
{"id":"s4","type":"stage.completed","occurred_at":"2009-06-30","data":{"stage":1}}
{"id":"r1","type":"review.opened","occurred_at":"2009-08-03","data":{"review":"hc-2009","partnership":"twg-health","kind":"health_check","next_due":"2010-03-31"}}
{"id":"r2","type":"review.response","occurred_at":"2009-08-10","data":{"review":"hc-2009","respondent":"chair-health","scores":{"shared_goal":4,"co_creation":4,"inclusive_transparent":3,"engagement":3,"review_revision":2}}}
{"id":"r3","type":"review.response","occurred_at":"2009-08-17","data":{"review":"hc-2009","respondent":"lead-health","scores":{"shared_goal":3,"co_creation":2,"inclusive_transparent":3,"engagement":2,"review_revision":2}}}
{"id":"r4","type":"review.response","occurred_at":"2009-08-24","data":{"review":"hc-2009","respondent":"rep-ngo","scores":{"shared_goal":3,"co_creation":2}}}
{"id":"r5","type":"review.concluded","occurred_at":"2009-09-04","data":{"review":"hc-2009","summary":"Views diverge on co-creation."}}
{"id":"f1","type":"finding.recorded","occurred_at":"2009-09-04","data":{"finding":"f-cocreation","partnership":"twg-health","origin":"review","swot":"weakness","theme":"roles","text":"Partners read co-creation differently.","review":"hc-2009"}}
{"id":"s5","type":"stage.started","occurred_at":"2009-09-09","data":{"stage":2}}
{"id":"a1","type":"agreement.proposed","occurred_at":"2009-09-10","source":"Strategic Meeting, day 2","data":{"agreement":"pp-health","partnership":"twg-health","kind":"principles","title":"Partnership principles","text":"We work as equals and decide together.","proposed_by":"chair-health"}}
{"id":"a2","type":"agreement.endorsed","occurred_at":"2009-09-11","data":{"agreement":"pp-health","version":1,"by":"chair-health","forum":"Strategic Meeting"}}
{"id":"a3","type":"agreement.endorsed","occurred_at":"2009-09-11","data":{"agreement":"pp-health","version":1,"by":"rep-ngo","forum":"Strategic Meeting"}}
{"id":"s6","type":"stage.completed","occurred_at":"2009-09-11","data":{"stage":2}}
"#;

const BATCH_2: &str = r#"{"id":"a4","type":"agreement.endorsed","occurred_at":"2009-09-11","source":"late entry from the meeting minutes","data":{"agreement":"pp-health","version":1,"by":"lead-health","forum":"Strategic Meeting"}}
{"id":"c1","type":"commitment.made","occurred_at":"2009-09-11","data":{"commitment":"c-tor","partnership":"twg-health","text":"Agree terms of reference.","owner":"moh","due":"2009-12-31","origin":"pp-health"}}
{"id":"c2","type":"commitment.made","occurred_at":"2009-09-11","data":{"commitment":"c-position","partnership":"twg-health","text":"Agree one DP position before each meeting.","owner":"who","due":"2010-01-31"}}
{"id":"c3","type":"commitment.reported","occurred_at":"2009-11-05","data":{"commitment":"c-tor","status":"on_schedule","reported_by":"chair-health"}}
{"id":"c4","type":"commitment.reported","occurred_at":"2009-12-18","data":{"commitment":"c-tor","status":"completed","reported_by":"chair-health","note":"Endorsed by both sides."}}
{"id":"c5","type":"commitment.reported","occurred_at":"2010-01-20","data":{"commitment":"c-position","status":"behind_schedule","reported_by":"lead-health"}}
{"id":"a5","type":"agreement.revised","occurred_at":"2010-02-01","data":{"agreement":"pp-health","text":"We work as equals, decide together and draft agendas jointly.","reason":"Agendas drafted jointly closed the co-creation gap.","revised_by":"lead-health"}}
"#;

const BATCH_3: &str = r#"{"id":"a6","type":"agreement.endorsed","occurred_at":"2010-03-01","data":{"agreement":"pp-health","version":2,"by":"chair-health"}}
{"id":"a7","type":"agreement.endorsed","occurred_at":"2010-03-01","data":{"agreement":"pp-health","version":2,"by":"rep-undp"}}
"#;

const BATCH_4: &str = r#"{"id":"x1","type":"event.retracted","occurred_at":"2010-03-02","data":{"event":"a7","reason":"Ms Jones endorsed for the minutes only; recorded in error."}}
{"id":"a8","type":"agreement.endorsed","occurred_at":"2010-03-05","data":{"agreement":"pp-health","version":2,"by":"lead-health"}}
{"id":"m1","type":"person.moved","occurred_at":"2010-06-01","data":{"person":"lead-health","org":"undp","title":"Country Director"}}
{"id":"c6","type":"commitment.rescheduled","occurred_at":"2010-06-02","data":{"commitment":"c-position","due":"2010-09-30","reason":"New lead facilitator."}}
"#;

impl Programme {
    /// The programme, recorded in four batches.
    fn new() -> Programme {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("accord.db");
        let p = Programme { _dir: dir, db };
        p.at("2009-09-12T10:00:00Z", &["init"]).assert().success();
        for (now, batch) in [
            ("2009-09-12T10:00:00Z", BATCH_1),
            ("2010-02-15T10:00:00Z", BATCH_2),
            ("2010-03-01T18:00:00Z", BATCH_3),
            ("2010-12-31T10:00:00Z", BATCH_4),
        ] {
            p.at(now, &["append"])
                .write_stdin(batch.to_owned())
                .assert()
                .success();
        }
        p
    }

    fn at(&self, now: &str, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("accord").unwrap();
        c.env("ACCORD_NOW", now)
            .env("ACCORD_DB", &self.db)
            .env("ACCORD_USER", "secretariat")
            .env_remove("NO_COLOR");
        c.args(args);
        c
    }

    /// Runs a command that must succeed; returns its stdout.
    fn run(&self, args: &[&str]) -> String {
        let out = self.at(NOW, args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    /// Runs a command with --json; returns the parsed document.
    fn json(&self, args: &[&str]) -> Value {
        let mut a = args.to_vec();
        a.push("--json");
        serde_json::from_str(&self.run(&a)).unwrap()
    }

    /// Runs a command that must fail with `code`; returns its stderr.
    fn fail(&self, code: i32, args: &[&str]) -> String {
        let out = self.at(NOW, args).assert().code(code);
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    }
}

fn max_width(s: &str) -> usize {
    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn show_text_fits_80_columns() {
    let p = Programme::new();
    let out = p.run(&["show", "twg-health"]);
    assert!(max_width(&out) <= 80, "{out}");
    insta::assert_snapshot!("show_today", out);
    insta::assert_snapshot!(
        "show_2009_09_11",
        p.run(&["show", "twg-health", "--as-of", "2009-09-11"])
    );
}

#[test]
fn show_json_has_the_spec_keys() {
    let p = Programme::new();
    let v = p.json(&["show", "twg-health", "--as-of", "2010-02-01"]);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
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
        "head",
    ] {
        assert!(keys.contains(&k), "missing {k}");
    }
    assert_eq!(v["as_of"], "2010-02-01");
    assert_eq!(
        v["members"][0],
        serde_json::json!({"org": "moh", "side": "government", "role": "chair", "name": "Ministry of Health", "joined_on": "2009-06-05"})
    );
    let a = &v["agreements"][0];
    assert_eq!(a["status"], "revision_pending");
    assert_eq!(a["current_version"], 2);
    assert_eq!(a["in_force_version"], 1);
    assert_eq!(a["endorsements"].as_array().unwrap().len(), 3);
    assert_eq!(a["endorsements"][2]["person"], "lead-health");
    assert_eq!(a["endorsements"][2]["org"], "who");
    assert_eq!(a["endorsements"][2]["side"], "development_partner");
    let r = &v["latest_review"];
    assert_eq!(r["review"], "hc-2009");
    assert_eq!(r["scores"]["co_creation"], 8.0 / 3.0);
    assert_eq!(r["by_side"]["government"]["co_creation"], 4.0);
    assert_eq!(r["by_side"]["development_partner"]["co_creation"], 2.0);
    assert_eq!(r["diverging"], serde_json::json!(["co_creation"]));
    let c: Vec<(&str, &str, bool)> = v["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["commitment"].as_str().unwrap(),
                c["status"].as_str().unwrap(),
                c["overdue"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        c,
        [
            ("c-tor", "completed", false),
            ("c-position", "behind_schedule", true)
        ]
    );
    assert_eq!(v["findings"][0]["swot"], "weakness");
    assert_eq!(v["review_overdue"], false);
    assert_eq!(
        p.json(&["show", "twg-health", "--as-of", "2010-04-01"])["review_overdue"],
        true
    );
    assert_eq!(
        p.json(&["show", "twg-health", "--as-of", "2009-07-31"])["latest_review"],
        Value::Null
    );
    insta::assert_snapshot!(
        "show_json_2010_02_01",
        serde_json::to_string_pretty(&v).unwrap()
    );
}

#[test]
fn known_at_reproduces_what_the_tracker_showed_then() {
    let p = Programme::new();
    // On 12 September 2009 the lead facilitator's endorsement was not yet recorded.
    let then = p.json(&["show", "twg-health", "--known-at", "2009-09-12"]);
    assert_eq!(then["as_of"], "2009-09-12");
    assert_eq!(then["agreements"][0]["status"], "draft");
    assert_eq!(then["head"]["seq"], 30, "the last event of the first batch");
    let now = p.json(&["show", "twg-health", "--as-of", "2009-09-12"]);
    assert_eq!(now["agreements"][0]["status"], "adopted");
    assert_eq!(now["agreements"][0]["adopted_on"], "2009-09-11");
    // Before the retraction was recorded, Ms Jones's endorsement counted.
    let before = p.json(&["show", "twg-health", "--known-at", "2010-03-01T18:00:00Z"]);
    assert_eq!(before["agreements"][0]["status"], "adopted");
    assert_eq!(before["agreements"][0]["adopted_on"], "2010-03-01");
    assert_eq!(
        before["agreements"][0]["endorsements"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    let after = p.json(&["show", "twg-health", "--as-of", "2010-03-01"]);
    assert_eq!(after["agreements"][0]["status"], "revision_pending");
    let today = p.json(&["show", "twg-health"]);
    assert_eq!(today["agreements"][0]["adopted_on"], "2010-03-05");
    let out = p.run(&["show", "twg-health", "--known-at", "2009-09-12"]);
    insta::assert_snapshot!("show_known_at_2009_09_12", out);
}

#[test]
fn history_reads_change_by_change() {
    let p = Programme::new();
    let out = p.run(&["history", "twg-health"]);
    let unwrapped = out.replace("\n             ", " ");
    assert!(unwrapped.contains("2009-09-11 — Agreement 'Partnership principles' v1 adopted: endorsed by Ministry of Health (government) and WHO (development partner)"), "{out}");
    assert!(max_width(&out) <= 80);
    insta::assert_snapshot!("history", out);
    let v = p.json(&["history", "twg-health"]);
    assert_eq!(v["trends"][0]["criterion"], "shared_goal");
    assert!(
        v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["change"].is_string())
    );
}

#[test]
fn diff_between_two_dates() {
    let p = Programme::new();
    let out = p.run(&[
        "diff",
        "twg-health",
        "--from",
        "2009-09-10",
        "--to",
        "2010-03-05",
    ]);
    assert!(max_width(&out) <= 80);
    insta::assert_snapshot!("diff", out);
    let v = p.json(&[
        "diff",
        "twg-health",
        "--from",
        "2009-09-10",
        "--to",
        "2010-03-05",
    ]);
    assert_eq!(v["agreements"][0]["status"]["from"], "draft");
    assert_eq!(v["agreements"][0]["status"]["to"], "adopted");
    assert_eq!(v["agreements"][0]["versions_added"], serde_json::json!([2]));
    let err = p.fail(
        2,
        &[
            "diff",
            "twg-health",
            "--from",
            "2010-01-01",
            "--to",
            "2009-01-01",
        ],
    );
    assert!(
        err.contains("--from 2010-01-01 is after --to 2009-01-01"),
        "{err}"
    );
}

#[test]
fn audit_traces_who_agreed_what() {
    let p = Programme::new();
    let out = p.run(&["audit", "pp-health"]);
    assert!(max_width(&out) <= 80, "{out}");
    insta::assert_snapshot!("audit_agreement", out);
    let v = p.json(&["audit", "pp-health"]);
    let v1 = &v["versions"][0];
    for k in [
        "version",
        "text_sha256",
        "proposed_or_revised_by",
        "occurred_at",
        "seq",
        "endorsements",
        "adopted_on",
    ] {
        assert!(v1.get(k).is_some(), "missing {k}");
    }
    // sha256("We work as equals and decide together.")
    assert_eq!(v1["text_sha256"].as_str().unwrap().len(), 64);
    assert_eq!(v1["adopted_on"], "2009-09-11");
    let e = &v1["endorsements"][2];
    assert_eq!(e["person"], "lead-health");
    assert_eq!(e["org"], "who");
    assert_eq!(e["side"], "development_partner");
    assert_eq!(e["recorded_by"], "secretariat");
    assert_eq!(e["recorded_at"], "2010-02-15T10:00:00.000000Z");
    for k in [
        "person",
        "org",
        "side",
        "occurred_at",
        "seq",
        "recorded_by",
        "recorded_at",
    ] {
        assert!(e.get(k).is_some(), "missing {k}");
    }
    assert_eq!(v["versions"][1]["adopted_on"], "2010-03-05");
    assert_eq!(
        v["versions"][1]["text"],
        "We work as equals, decide together and draft agendas jointly."
    );
    // With --diff, the revision shows what it changed, word by word, in
    // marks that survive black-and-white printing.
    let diff = p.run(&["audit", "pp-health", "--diff"]);
    let changes: String = diff
        .lines()
        .skip_while(|l| !l.starts_with("Changes:"))
        .take(3)
        .map(|l| format!("{l}\n"))
        .collect();
    insta::assert_snapshot!(changes, @r"
    Changes:      from v1, word by word: [-removed-] {+added+}
                  We work as [-equals-]{+equals, decide together+} and [-decide
                    together.-]{+draft agendas jointly.+}
    ");
    assert_eq!(v["retractions"][0]["retracted"]["person"], "rep-undp");

    let person = p.run(&["audit", "--person", "lead-health"]);
    assert!(max_width(&person) <= 80, "{person}");
    insta::assert_snapshot!("audit_person", person);
    let org = p.run(&["audit", "--org", "who"]);
    insta::assert_snapshot!("audit_org", org);
}

#[test]
fn status_of_the_programme() {
    let p = Programme::new();
    let out = p.run(&["status", "--as-of", "2010-02-01"]);
    assert!(max_width(&out) <= 80, "{out}");
    insta::assert_snapshot!("status_2010_02_01", out);
    let v = p.json(&["status"]);
    assert_eq!(v["counts"]["partnerships"], 1);
    assert_eq!(v["counts"]["agreements"]["adopted"], 1);
    assert_eq!(v["current_stage"], Value::Null);
    assert_eq!(v["overdue_commitments"][0]["commitment"], "c-position");
    assert_eq!(v["overdue_commitments"][0]["due"], "2010-09-30");
    assert_eq!(v["overdue_reviews"], serde_json::json!(["twg-health"]));
}

#[test]
fn unknown_ids_and_empty_views_are_refused() {
    let p = Programme::new();
    insta::assert_snapshot!(p.fail(1, &["show", "twg-helth"]), @r#"
    error: there is no partnership "twg-helth" in the log
    hint: did you mean "twg-health"? `accord list partnerships` lists them
    "#);
    insta::assert_snapshot!(p.fail(1, &["show", "twg-health", "--as-of", "2009-06-04"]), @r#"
    error: partnership "twg-health" was not established by 2009-06-04
    hint: choose a later --as-of (or --known-at); `accord log --partnership ID` shows when it was established
    "#);
    insta::assert_snapshot!(p.fail(1, &["audit", "pp-helth"]), @r#"
    error: there is no agreement "pp-helth" in the log
    hint: did you mean "pp-health"?
    "#);
    let err = p.fail(2, &["show", "twg-health", "--as-of", "2009-13-01"]);
    assert!(err.contains("--as-of"), "{err}");
    let err = p.fail(2, &["show", "twg-health", "--known-at", "yesterday"]);
    assert!(err.contains("--known-at"), "{err}");
    p.fail(2, &["audit"]);
    p.fail(2, &["audit", "pp-health", "--person", "chair-health"]);
}
