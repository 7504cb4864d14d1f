//! Every rule of docs/rules.md "Rules checked on append": one accepted and one
//! rejected case each, checked through the real store on a real SQLite file.
//! A rejected batch must leave the log exactly as it was.

use accord_events::input::parse_line;
use accord_events::rules::Rule;
use accord_events::store::{Access, AppendError, AppendOptions, AppendOutcome, Store};
use accord_events::{Clock, clock::parse_instant};
use chrono::NaiveDate;

fn clock() -> Clock {
    Clock::Fixed(parse_instant("2010-12-31T12:00:00Z", false).unwrap())
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2010, 12, 31).unwrap()
}

/// One event as a JSON line: `ev(type, date, data)`.
fn ev(kind: &str, date: &str, data: &str) -> String {
    format!(r#"{{"type":"{kind}","occurred_at":"{date}","data":{data}}}"#)
}

fn append(store: &mut Store, lines: &[String]) -> Result<AppendOutcome, AppendError> {
    let parsed = lines
        .iter()
        .enumerate()
        .map(|(i, l)| parse_line(i + 1, l, today()));
    store.append(
        parsed,
        &AppendOptions {
            operator: Some("tester"),
            progress: None,
            ..AppendOptions::default()
        },
    )
}

/// A small programme: two partnerships, government, development-partner and
/// civil-society organisations and people, stages 1–2 planned, stage 1 started.
fn programme() -> Vec<String> {
    vec![
        ev(
            "programme.defined",
            "2009-06-01",
            r#"{"name":"Making Partnerships Effective","objective":"Strengthen partnerships"}"#,
        ),
        ev(
            "stage.planned",
            "2009-06-01",
            r#"{"stage":1,"name":"Engagement and Inception","starts_on":"2009-06-01","ends_on":"2009-06-30"}"#,
        ),
        ev(
            "stage.planned",
            "2009-06-01",
            r#"{"stage":2,"name":"Strategic Meeting","starts_on":"2009-09-09","ends_on":"2009-09-11"}"#,
        ),
        ev("stage.started", "2009-06-01", r#"{"stage":1}"#),
        ev(
            "organisation.registered",
            "2009-06-01",
            r#"{"org":"moh","name":"Ministry of Health","side":"government"}"#,
        ),
        ev(
            "organisation.registered",
            "2009-06-01",
            r#"{"org":"moeys","name":"Ministry of Education","side":"government"}"#,
        ),
        ev(
            "organisation.registered",
            "2009-06-01",
            r#"{"org":"who","name":"WHO","side":"development_partner"}"#,
        ),
        ev(
            "organisation.registered",
            "2009-06-01",
            r#"{"org":"ngo-forum","name":"NGO Forum","side":"civil_society"}"#,
        ),
        ev(
            "person.registered",
            "2009-06-01",
            r#"{"person":"chair-health","name":"Chair, TWG on Health","org":"moh"}"#,
        ),
        ev(
            "person.registered",
            "2009-06-01",
            r#"{"person":"lf-health","name":"Lead facilitator, TWG on Health","org":"who"}"#,
        ),
        ev(
            "person.registered",
            "2009-06-01",
            r#"{"person":"ngo-rep","name":"NGO representative","org":"ngo-forum"}"#,
        ),
        ev(
            "person.registered",
            "2009-06-01",
            r#"{"person":"chair-edu","name":"Chair, TWG on Education","org":"moeys"}"#,
        ),
        ev(
            "partnership.established",
            "2009-06-01",
            r#"{"partnership":"health","name":"TWG on Health","host":"moh"}"#,
        ),
        ev(
            "partnership.established",
            "2009-06-01",
            r#"{"partnership":"education","name":"TWG on Education","host":"moeys"}"#,
        ),
        ev(
            "partner.joined",
            "2009-06-01",
            r#"{"partnership":"health","org":"moh","role":"chair"}"#,
        ),
        ev(
            "partner.joined",
            "2009-06-01",
            r#"{"partnership":"health","org":"who","role":"lead_facilitator"}"#,
        ),
        ev(
            "partner.joined",
            "2009-06-01",
            r#"{"partnership":"health","org":"ngo-forum","role":"member"}"#,
        ),
        ev(
            "partner.joined",
            "2009-06-01",
            r#"{"partnership":"education","org":"moeys","role":"chair"}"#,
        ),
        ev(
            "agreement.proposed",
            "2009-09-09",
            r#"{"agreement":"pp-1","partnership":"health","kind":"principles","title":"Partnership principles","text":"We agree to work as equals.","proposed_by":"chair-health"}"#,
        ),
        ev(
            "review.opened",
            "2009-06-15",
            r#"{"review":"r-1","partnership":"health","kind":"health_check","next_due":"2010-06-15"}"#,
        ),
        ev(
            "commitment.made",
            "2009-09-11",
            r#"{"commitment":"c-1","partnership":"health","text":"Share minutes within a week","owner":"moh","due":"2009-12-31","origin":"pp-1"}"#,
        ),
    ]
}

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("t.db"), clock()).unwrap();
    append(&mut store, &programme()).expect("the base programme is valid");
    (dir, store)
}

/// A fresh log, closed and opened again, with its file's bytes as they
/// are before anything more is appended (for all-or-nothing checks).
fn reopened() -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>, Store) {
    let (dir, store) = fresh();
    let path = dir.path().join("t.db");
    drop(store);
    let bytes = std::fs::read(&path).unwrap();
    let store = Store::open(&path, Access::ReadWrite, clock()).unwrap();
    (dir, path, bytes, store)
}

/// Asserts that `bad` is rejected for `rule` (and leaves the log as it was)
/// and that `good` — the same situation done right — is accepted.
fn case(setup: &[String], good: &[String], bad: &[String], rule: Rule) {
    let (_d, mut store) = fresh();
    append(&mut store, setup).expect("setup is valid");
    let before = store.head().unwrap();
    match append(&mut store, bad) {
        Err(AppendError::Rule { violation, .. }) => {
            assert_eq!(violation.rule, rule, "wrong rule: {violation:?}");
            assert!(!violation.message.is_empty());
        }
        other => panic!("expected {rule:?} to reject {bad:?}, got {other:?}"),
    }
    assert_eq!(
        store.head().unwrap(),
        before,
        "a rejected batch must leave the log unchanged"
    );
    append(&mut store, good).unwrap_or_else(|e| panic!("expected {good:?} to be accepted: {e}"));
}

#[test]
fn every_event_type_is_accepted_in_a_valid_programme() {
    let (_d, mut store) = fresh();
    // An Ed25519 key (the example's fixture for chair-health; example only).
    let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINwp3X0S1jYAu1dTsZ6t3rOkShEpPeLo2qbUn2OTX3Pw";
    let fingerprint = accord_events::signature::SigningKey::parse(key)
        .unwrap()
        .fingerprint();
    let key_added = format!(r#"{{"person":"chair-health","key":"{key}"}}"#);
    let key_revoked =
        format!(r#"{{"person":"chair-health","fingerprint":"{fingerprint}","reason":"replaced"}}"#);
    let rest = vec![
        ev("person.key_added", "2009-07-01", &key_added),
        ev("person.key_revoked", "2009-08-01", &key_revoked),
        ev(
            "person.moved",
            "2009-07-01",
            r#"{"person":"chair-edu","org":"moh","title":"Adviser"}"#,
        ),
        ev(
            "agreement.endorsed",
            "2009-09-11",
            r#"{"agreement":"pp-1","version":1,"by":"chair-health","forum":"Strategic Meeting"}"#,
        ),
        ev(
            "agreement.revised",
            "2009-10-01",
            r#"{"agreement":"pp-1","text":"We agree to work as equals, and to review yearly.","reason":"add review","revised_by":"lf-health"}"#,
        ),
        ev(
            "framework.defined",
            "2009-06-01",
            r#"{"framework":"traffic","name":"Traffic light","criteria":[{"id":"trust","label":"Trust"}],"scale_min":1,"scale_max":3}"#,
        ),
        ev(
            "review.response",
            "2009-06-20",
            r#"{"review":"r-1","respondent":"chair-health","scores":{"shared_goal":4,"engagement":2}}"#,
        ),
        ev(
            "review.concluded",
            "2009-06-30",
            r#"{"review":"r-1","summary":"Baseline taken."}"#,
        ),
        ev(
            "finding.recorded",
            "2009-06-20",
            r#"{"finding":"f-1","partnership":"health","origin":"interview","swot":"strength","theme":"roles","text":"Ready to move forward."}"#,
        ),
        ev(
            "interview.held",
            "2009-06-10",
            r#"{"interview":"i-1","partnership":"health","format":"individual","side":"government","interviewees":["chair-health"],"themes":["added_value"]}"#,
        ),
        ev(
            "meeting.held",
            "2009-09-11",
            r#"{"meeting":"sm-2009","kind":"strategic_meeting","title":"Strategic Meeting","partnerships":["health"],"attendees":["chair-health","lf-health"]}"#,
        ),
        ev(
            "activity.delivered",
            "2009-11-01",
            r#"{"activity":"t-1","kind":"training","title":"Partnering skills","partnerships":["health"],"participants":18}"#,
        ),
        ev(
            "commitment.reported",
            "2009-11-01",
            r#"{"commitment":"c-1","status":"on_schedule"}"#,
        ),
        ev(
            "commitment.rescheduled",
            "2009-11-02",
            r#"{"commitment":"c-1","due":"2010-01-31","reason":"holidays"}"#,
        ),
        ev(
            "stage.completed",
            "2009-06-30",
            r#"{"stage":1,"summary":"Interviews done."}"#,
        ),
        ev("stage.started", "2009-09-09", r#"{"stage":2}"#),
        ev(
            "partner.left",
            "2010-01-01",
            r#"{"partnership":"education","org":"moeys","reason":"restructured"}"#,
        ),
        ev(
            "partnership.closed",
            "2010-01-02",
            r#"{"partnership":"education","reason":"merged"}"#,
        ),
        ev(
            "agreement.withdrawn",
            "2010-02-01",
            r#"{"agreement":"pp-1","reason":"superseded","by":"chair-health"}"#,
        ),
        ev(
            "translation.recorded",
            "2010-02-01",
            r#"{"of":"programme","field":"name","lang":"km","text":"កម្មវិធី","translated_by":"Sok Dara"}"#,
        ),
        // Last: from here on, endorsements would have to be signed.
        ev(
            "signatures.required",
            "2010-02-01",
            r#"{"reason":"steering decision"}"#,
        ),
    ];
    let out = append(&mut store, &rest).unwrap();
    assert_eq!(out.appended, rest.len() as u64);
    let mut kinds: Vec<String> = Vec::new();
    store
        .for_each(|e| {
            kinds.push(e.kind);
            Ok(())
        })
        .unwrap();
    kinds.push("event.retracted".into()); // covered below
    for k in accord_events::EventKind::ALL {
        assert!(kinds.iter().any(|x| x == k.as_str()), "{k} not exercised");
    }
    let retract = vec![r#"{"type":"event.retracted","occurred_at":"2010-03-01","data":{"event":"x","reason":"typo"}}"#.to_string()];
    assert!(
        append(&mut store, &retract).is_err(),
        "retracting an unknown id is refused"
    );
}

#[test]
fn references_must_exist() {
    case(
        &[],
        &[ev(
            "person.registered",
            "2009-06-02",
            r#"{"person":"p2","name":"P","org":"who"}"#,
        )],
        &[ev(
            "person.registered",
            "2009-06-02",
            r#"{"person":"p2","name":"P","org":"unicef"}"#,
        )],
        Rule::UnknownReference,
    );
}

#[test]
fn entity_ids_are_registered_once() {
    case(
        &[],
        &[ev(
            "organisation.registered",
            "2009-06-02",
            r#"{"org":"adb","name":"ADB","side":"development_partner"}"#,
        )],
        &[ev(
            "organisation.registered",
            "2009-06-02",
            r#"{"org":"who","name":"WHO again","side":"development_partner"}"#,
        )],
        Rule::AlreadyRegistered,
    );
}

#[test]
fn an_event_does_not_occur_before_what_it_refers_to() {
    case(
        &[],
        &[ev(
            "agreement.endorsed",
            "2009-09-09",
            r#"{"agreement":"pp-1","version":1,"by":"chair-health"}"#,
        )],
        &[ev(
            "agreement.endorsed",
            "2009-09-08",
            r#"{"agreement":"pp-1","version":1,"by":"chair-health"}"#,
        )],
        Rule::OutOfOrder,
    );
}

#[test]
fn an_entity_story_reads_in_date_order() {
    let setup = [ev(
        "commitment.reported",
        "2009-11-01",
        r#"{"commitment":"c-1","status":"on_schedule"}"#,
    )];
    case(
        &setup,
        &[ev(
            "commitment.reported",
            "2009-11-01",
            r#"{"commitment":"c-1","status":"behind_schedule"}"#,
        )],
        &[ev(
            "commitment.reported",
            "2009-10-31",
            r#"{"commitment":"c-1","status":"behind_schedule"}"#,
        )],
        Rule::OutOfOrder,
    );
}

#[test]
fn joining_twice_and_leaving_without_joining_are_refused() {
    case(
        &[],
        &[ev(
            "partner.joined",
            "2009-06-02",
            r#"{"partnership":"education","org":"who","role":"member"}"#,
        )],
        &[ev(
            "partner.joined",
            "2009-06-02",
            r#"{"partnership":"health","org":"who","role":"member"}"#,
        )],
        Rule::Membership,
    );
    case(
        &[],
        &[ev(
            "partner.left",
            "2009-06-02",
            r#"{"partnership":"health","org":"who","reason":"r"}"#,
        )],
        &[ev(
            "partner.left",
            "2009-06-02",
            r#"{"partnership":"education","org":"who","reason":"r"}"#,
        )],
        Rule::Membership,
    );
}

#[test]
fn acting_people_speak_for_current_partners() {
    case(
        &[],
        &[ev(
            "agreement.proposed",
            "2009-09-09",
            r#"{"agreement":"tor-e","partnership":"education","kind":"terms_of_reference","title":"ToR","text":"t","proposed_by":"chair-edu"}"#,
        )],
        &[ev(
            "agreement.proposed",
            "2009-09-09",
            r#"{"agreement":"tor-e","partnership":"education","kind":"terms_of_reference","title":"ToR","text":"t","proposed_by":"lf-health"}"#,
        )],
        Rule::NotAPartner,
    );
    // Judged on the act's date: a partner then, even if it left later.
    let left = [ev(
        "partner.left",
        "2010-01-01",
        r#"{"partnership":"health","org":"who","reason":"r"}"#,
    )];
    case(
        &left,
        &[ev(
            "agreement.endorsed",
            "2009-12-01",
            r#"{"agreement":"pp-1","version":1,"by":"lf-health"}"#,
        )],
        &[ev(
            "agreement.endorsed",
            "2010-01-02",
            r#"{"agreement":"pp-1","version":1,"by":"lf-health"}"#,
        )],
        Rule::NotAPartner,
    );
}

#[test]
fn nothing_is_recorded_on_a_withdrawn_agreement() {
    let setup = [ev(
        "agreement.withdrawn",
        "2009-10-01",
        r#"{"agreement":"pp-1","reason":"r","by":"chair-health"}"#,
    )];
    case(
        &setup,
        &[ev(
            "agreement.proposed",
            "2009-10-02",
            r#"{"agreement":"pp-2","partnership":"health","kind":"principles","title":"P2","text":"t","proposed_by":"chair-health"}"#,
        )],
        &[ev(
            "agreement.endorsed",
            "2009-10-02",
            r#"{"agreement":"pp-1","version":1,"by":"chair-health"}"#,
        )],
        Rule::Withdrawn,
    );
}

#[test]
fn only_the_current_version_is_endorsed_once_per_person() {
    let revised = [ev(
        "agreement.revised",
        "2009-10-01",
        r#"{"agreement":"pp-1","text":"v2","reason":"r","revised_by":"chair-health"}"#,
    )];
    case(
        &revised,
        &[ev(
            "agreement.endorsed",
            "2009-10-02",
            r#"{"agreement":"pp-1","version":2,"by":"chair-health"}"#,
        )],
        &[ev(
            "agreement.endorsed",
            "2009-10-02",
            r#"{"agreement":"pp-1","version":1,"by":"chair-health"}"#,
        )],
        Rule::NotCurrentVersion,
    );
    let endorsed = [ev(
        "agreement.endorsed",
        "2009-09-11",
        r#"{"agreement":"pp-1","version":1,"by":"chair-health"}"#,
    )];
    case(
        &endorsed,
        &[ev(
            "agreement.endorsed",
            "2009-09-11",
            r#"{"agreement":"pp-1","version":1,"by":"lf-health"}"#,
        )],
        &[ev(
            "agreement.endorsed",
            "2009-09-12",
            r#"{"agreement":"pp-1","version":1,"by":"chair-health"}"#,
        )],
        Rule::AlreadyEndorsed,
    );
}

#[test]
fn scores_fit_the_framework() {
    case(
        &[],
        &[ev(
            "review.response",
            "2009-06-20",
            r#"{"review":"r-1","respondent":"lf-health","scores":{"shared_goal":5}}"#,
        )],
        &[ev(
            "review.response",
            "2009-06-20",
            r#"{"review":"r-1","respondent":"lf-health","scores":{"shared_goal":6}}"#,
        )],
        Rule::BadScore,
    );
    case(
        &[],
        &[ev(
            "review.response",
            "2009-06-20",
            r#"{"review":"r-1","respondent":"lf-health","scores":{"co_creation":1}}"#,
        )],
        &[ev(
            "review.response",
            "2009-06-20",
            r#"{"review":"r-1","respondent":"lf-health","scores":{"trust":1}}"#,
        )],
        Rule::BadScore,
    );
}

#[test]
fn a_concluded_review_takes_no_responses_and_one_per_respondent() {
    let concluded = [ev(
        "review.concluded",
        "2009-06-30",
        r#"{"review":"r-1","summary":"s"}"#,
    )];
    case(
        &concluded,
        &[ev(
            "review.opened",
            "2009-07-01",
            r#"{"review":"r-2","partnership":"health","kind":"annual_review"}"#,
        )],
        &[ev(
            "review.response",
            "2009-07-01",
            r#"{"review":"r-1","respondent":"lf-health","scores":{"shared_goal":3}}"#,
        )],
        Rule::ReviewConcluded,
    );
    let responded = [ev(
        "review.response",
        "2009-06-20",
        r#"{"review":"r-1","respondent":"lf-health","scores":{"shared_goal":3}}"#,
    )];
    case(
        &responded,
        &[ev(
            "review.response",
            "2009-06-21",
            r#"{"review":"r-1","respondent":"chair-health","scores":{"shared_goal":3}}"#,
        )],
        &[ev(
            "review.response",
            "2009-06-21",
            r#"{"review":"r-1","respondent":"lf-health","scores":{"shared_goal":4}}"#,
        )],
        Rule::AlreadyResponded,
    );
}

#[test]
fn stages_run_in_order() {
    case(
        &[],
        &[
            ev("stage.completed", "2009-06-30", r#"{"stage":1}"#),
            ev("stage.started", "2009-09-09", r#"{"stage":2}"#),
        ],
        &[ev("stage.started", "2009-09-09", r#"{"stage":2}"#)],
        Rule::Stage,
    );
    case(
        &[],
        &[ev("stage.completed", "2009-06-30", r#"{"stage":1}"#)],
        &[ev("stage.started", "2009-06-30", r#"{"stage":1}"#)],
        Rule::Stage,
    );
}

#[test]
fn completed_commitments_take_no_reports() {
    let done = [ev(
        "commitment.reported",
        "2009-11-01",
        r#"{"commitment":"c-1","status":"completed"}"#,
    )];
    case(
        &done,
        &[ev(
            "commitment.made",
            "2009-11-02",
            r#"{"commitment":"c-2","partnership":"health","text":"t","owner":"who","due":"2010-01-01"}"#,
        )],
        &[ev(
            "commitment.reported",
            "2009-11-02",
            r#"{"commitment":"c-1","status":"on_schedule"}"#,
        )],
        Rule::CommitmentClosed,
    );
}

#[test]
fn nothing_is_recorded_on_a_closed_partnership() {
    let closed = [ev(
        "partnership.closed",
        "2009-12-01",
        r#"{"partnership":"education","reason":"merged"}"#,
    )];
    case(
        &closed,
        &[ev(
            "finding.recorded",
            "2009-12-02",
            r#"{"finding":"f-9","partnership":"health","origin":"document","swot":"threat","theme":"other","text":"t"}"#,
        )],
        &[ev(
            "finding.recorded",
            "2009-12-02",
            r#"{"finding":"f-9","partnership":"education","origin":"document","swot":"threat","theme":"other","text":"t"}"#,
        )],
        Rule::PartnershipClosed,
    );
}

fn retract(id: &str, date: &str) -> String {
    format!(
        r#"{{"type":"event.retracted","occurred_at":"{date}","data":{{"event":"{id}","reason":"entered by mistake"}}}}"#
    )
}

fn with_id(id: &str, line: String) -> String {
    line.replacen('{', &format!(r#"{{"id":"{id}","#), 1)
}

#[test]
fn retractions_follow_their_rules() {
    // An endorsement can be retracted, and then the person may endorse again.
    let endorsed = [with_id(
        "e-1",
        ev(
            "agreement.endorsed",
            "2009-09-11",
            r#"{"agreement":"pp-1","version":1,"by":"chair-health"}"#,
        ),
    )];
    case(
        &endorsed,
        &[
            retract("e-1", "2009-09-12"),
            ev(
                "agreement.endorsed",
                "2009-09-12",
                r#"{"agreement":"pp-1","version":1,"by":"chair-health"}"#,
            ),
        ],
        &[retract("e-1", "2009-09-12"), retract("e-1", "2009-09-12")],
        Rule::Retraction,
    );
    // A review with responses cannot lose its opening; the response goes first.
    let opened = [
        with_id(
            "open-2",
            ev(
                "review.opened",
                "2009-07-01",
                r#"{"review":"r-2","partnership":"health","kind":"annual_review"}"#,
            ),
        ),
        with_id(
            "resp-2",
            ev(
                "review.response",
                "2009-07-02",
                r#"{"review":"r-2","respondent":"lf-health","scores":{"shared_goal":3}}"#,
            ),
        ),
    ];
    case(
        &opened,
        &[
            retract("resp-2", "2009-07-03"),
            retract("open-2", "2009-07-03"),
        ],
        &[retract("open-2", "2009-07-03")],
        Rule::Retraction,
    );
    // A membership relied on by an act cannot be retracted; the act goes first.
    let joined = [
        with_id(
            "j-1",
            ev(
                "partner.joined",
                "2009-06-02",
                r#"{"partnership":"education","org":"who","role":"member"}"#,
            ),
        ),
        ev(
            "agreement.proposed",
            "2009-09-09",
            r#"{"agreement":"tor-e","partnership":"education","kind":"terms_of_reference","title":"ToR","text":"t","proposed_by":"chair-edu"}"#,
        ),
        with_id(
            "e-2",
            ev(
                "agreement.endorsed",
                "2009-09-10",
                r#"{"agreement":"tor-e","version":1,"by":"lf-health"}"#,
            ),
        ),
    ];
    case(
        &joined,
        &[retract("e-2", "2009-09-11"), retract("j-1", "2009-09-11")],
        &[retract("j-1", "2009-09-11")],
        Rule::Retraction,
    );
    // Proposals are never retracted.
    let proposed = [with_id(
        "p-9",
        ev(
            "agreement.proposed",
            "2009-09-09",
            r#"{"agreement":"pp-9","partnership":"health","kind":"principles","title":"P","text":"t","proposed_by":"chair-health"}"#,
        ),
    )];
    case(
        &proposed,
        &[],
        &[retract("p-9", "2009-09-10")],
        Rule::Retraction,
    );
}

#[test]
fn a_retracted_registration_frees_its_id() {
    let (_d, mut store) = fresh();
    let typo = [with_id(
        "o-1",
        ev(
            "organisation.registered",
            "2009-06-02",
            r#"{"org":"adb","name":"Asain Development Bank","side":"development_partner"}"#,
        ),
    )];
    append(&mut store, &typo).unwrap();
    append(
        &mut store,
        &[
            retract("o-1", "2009-06-02"),
            ev(
                "organisation.registered",
                "2009-06-02",
                r#"{"org":"adb","name":"Asian Development Bank","side":"development_partner"}"#,
            ),
        ],
    )
    .unwrap();
}

#[test]
fn the_same_id_with_the_same_content_is_skipped_and_with_other_content_refused() {
    let (_d, mut store) = fresh();
    let line = with_id(
        "ev-9",
        ev(
            "finding.recorded",
            "2009-06-20",
            r#"{"finding":"f-9","origin":"document","swot":"threat","theme":"other","text":"t"}"#,
        ),
    );
    assert_eq!(
        append(&mut store, std::slice::from_ref(&line))
            .unwrap()
            .appended,
        1
    );
    let again = append(&mut store, &[line.clone(), line.clone()]).unwrap();
    assert_eq!((again.appended, again.skipped), (0, 2));
    let changed = line.replace(r#""text":"t""#, r#""text":"u""#);
    assert!(matches!(
        append(&mut store, &[changed]),
        Err(AppendError::IdConflict { field: "data", .. })
    ));
    // recorded_by does not count as content.
    let other_operator = line.replacen('{', r#"{"recorded_by":"someone-else","#, 1);
    assert_eq!(append(&mut store, &[other_operator]).unwrap().skipped, 1);
    // An absent field differs from null.
    let with_null = line.replace(r#""text":"t""#, r#""text":"t","side":null"#);
    assert!(matches!(
        append(&mut store, &[with_null]),
        Err(AppendError::IdConflict { .. })
    ));
}

#[test]
fn a_batch_is_all_or_nothing() {
    let (_dir, path, bytes_before, mut store) = reopened();
    let batch = [
        ev(
            "finding.recorded",
            "2009-06-20",
            r#"{"finding":"f-a","origin":"document","swot":"threat","theme":"other","text":"t"}"#,
        ),
        ev(
            "finding.recorded",
            "2009-06-20",
            r#"{"finding":"f-a","origin":"document","swot":"threat","theme":"other","text":"again"}"#,
        ),
    ];
    assert!(append(&mut store, &batch).is_err());
    drop(store);
    // Checkpoint-free comparison: the main file and the WAL together must hold nothing new.
    let store = Store::open(&path, Access::ReadOnly, clock()).unwrap();
    assert_eq!(store.head().unwrap().seq, programme().len() as u64);
    drop(store);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes_before,
        "the file is byte-for-byte unchanged"
    );
}

#[test]
fn triggers_refuse_update_delete_and_replace() {
    let (d, store) = fresh();
    // The file opened as anyone could, beside the store.
    let c = rusqlite::Connection::open(d.path().join("t.db")).unwrap();
    for sql in [
        "UPDATE events SET recorded_by = 'mallory' WHERE seq = 1",
        "DELETE FROM events WHERE seq = 3",
        "INSERT OR REPLACE INTO events SELECT * FROM events WHERE seq = 2",
        "INSERT OR REPLACE INTO events (seq, id, type, stream, stream_version, occurred_at, recorded_at, recorded_by, source, data, schema_version, prev_hash, hash) SELECT 999, id, type, stream, 999, occurred_at, recorded_at, recorded_by, source, data, schema_version, prev_hash, hash FROM events WHERE seq = 2",
    ] {
        let err = c.execute(sql, []).expect_err(sql);
        assert!(
            err.to_string().contains("append-only") || err.to_string().contains("replacing"),
            "{sql}: {err}"
        );
    }
    assert!(store.verify(None, |_| {}).unwrap().ok());
}

/// `count` findings with ids `f-<from>`…, valid after [`programme`].
fn findings(from: usize, count: usize) -> Vec<String> {
    (from..from + count)
        .map(|i| {
            ev(
                "finding.recorded",
                "2009-06-20",
                &format!(
                    r#"{{"finding":"f-{i}","origin":"document","swot":"threat","theme":"other","text":"t"}}"#
                ),
            )
        })
        .collect()
}

/// What another tool's connection gets for each way of changing the log.
fn refusals(path: &std::path::Path) -> Vec<String> {
    let c = rusqlite::Connection::open(path).unwrap();
    [
        "INSERT OR REPLACE INTO events SELECT * FROM events WHERE seq = 2",
        "INSERT OR REPLACE INTO events (seq, id, type, stream, stream_version, occurred_at, recorded_at, recorded_by, source, data, schema_version, prev_hash, hash) SELECT 999, id, type, stream, 999, occurred_at, recorded_at, recorded_by, source, data, schema_version, prev_hash, hash FROM events WHERE seq = 2",
    ]
    .iter()
    .map(|sql| c.execute(sql, []).expect_err(sql).to_string())
    .collect()
}

#[test]
fn a_long_batch_leaves_the_replace_guard_as_declared() {
    // A long batch sets the replace guard aside inside its transaction
    // (the store's `begin_bulk`); after the commit it must stand again,
    // exactly as the schema declares it.
    let (dir, mut store) = fresh();
    let outcome = append(&mut store, &findings(0, 2_000)).unwrap();
    assert_eq!(outcome.appended, 2_000);
    for err in refusals(&dir.path().join("t.db")) {
        assert!(err.contains("replacing events is refused"), "{err}");
    }
    let report = store.verify(None, |_| {}).unwrap();
    assert!(report.ok(), "verify checks the triggers against the schema");
}

#[test]
fn a_long_batch_is_checked_without_writing_on_a_read_only_log() {
    // Only a written batch sets the guard aside and writes on another
    // thread: checking one, even a long one, reads the log and no more.
    let (_dir, path, bytes_before, store) = reopened();
    drop(store);
    let mut store = Store::open(&path, Access::ReadOnly, clock()).unwrap();
    let lines = findings(0, 2_000);
    let parsed = lines
        .iter()
        .enumerate()
        .map(|(i, l)| parse_line(i + 1, l, today()));
    let opts = AppendOptions {
        operator: Some("tester"),
        check_only: true,
        ..AppendOptions::default()
    };
    let outcome = store.append(parsed, &opts).unwrap();
    assert_eq!(outcome.checked.len(), 2_000);
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), bytes_before);
}

#[test]
fn a_long_batch_that_fails_leaves_the_log_and_its_guard_as_they_were() {
    let (_dir, path, bytes_before, mut store) = reopened();
    // Past the point where the guard is set aside, then a repeated finding.
    let mut batch = findings(0, 2_000);
    batch.extend(findings(7, 1));
    let err = append(&mut store, &batch).unwrap_err();
    assert!(
        matches!(err, AppendError::Rule { line: 2_001, .. }),
        "{err}"
    );
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), bytes_before);
    for err in refusals(&path) {
        assert!(err.contains("replacing events is refused"), "{err}");
    }
}

#[test]
fn a_move_is_not_dated_before_the_persons_standing_acts() {
    // Earlier acts keep the organisation they were done for: a back-dated
    // move must not slip in before an endorsement already recorded.
    let endorsed = [ev(
        "agreement.endorsed",
        "2009-09-11",
        r#"{"agreement":"pp-1","version":1,"by":"chair-health"}"#,
    )];
    case(
        &endorsed,
        &[ev(
            "person.moved",
            "2009-09-11",
            r#"{"person":"chair-health","org":"moeys"}"#,
        )],
        &[ev(
            "person.moved",
            "2009-09-10",
            r#"{"person":"chair-health","org":"moeys"}"#,
        )],
        Rule::OutOfOrder,
    );
}

#[test]
fn a_stage_that_was_never_planned_cannot_start_or_complete() {
    for kind in ["stage.started", "stage.completed"] {
        case(
            &[],
            &[ev("stage.completed", "2009-06-30", r#"{"stage":1}"#)],
            &[ev(kind, "2009-06-30", r#"{"stage":7}"#)],
            Rule::Stage,
        );
    }
    // A planned stage that has started keeps its plan.
    let planned = [with_id(
        "plan-3",
        ev(
            "stage.planned",
            "2009-06-01",
            r#"{"stage":3,"name":"Follow-up","starts_on":"2009-10-01","ends_on":"2010-01-31"}"#,
        ),
    )];
    case(
        &planned,
        &[retract("plan-3", "2009-06-02")],
        &[retract("cam-x", "2009-06-02")],
        Rule::UnknownReference,
    );
    let started = [with_id(
        "plan-3",
        ev(
            "stage.planned",
            "2009-06-01",
            r#"{"stage":3,"name":"Follow-up","starts_on":"2009-10-01","ends_on":"2010-01-31"}"#,
        ),
    )];
    let (_d, mut store) = fresh();
    append(&mut store, &started).unwrap();
    append(
        &mut store,
        &[
            ev("stage.completed", "2009-06-30", r#"{"stage":1}"#),
            ev("stage.started", "2009-09-09", r#"{"stage":2}"#),
            ev("stage.completed", "2009-09-11", r#"{"stage":2}"#),
            ev("stage.started", "2009-10-01", r#"{"stage":3}"#),
        ],
    )
    .unwrap();
    match append(&mut store, &[retract("plan-3", "2009-10-02")]) {
        Err(AppendError::Rule { violation, .. }) => assert_eq!(violation.rule, Rule::Retraction),
        other => panic!("{other:?}"),
    }
}
