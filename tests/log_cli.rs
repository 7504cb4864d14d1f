//! The event-log commands end to end, through the real binary on a real
//! SQLite file: append's messages and exit codes, log, head, verify
//! (catching edits, reordering and truncation), export and restore.

use std::path::Path;

use assert_cmd::Command;

mod support;
use support::{NOW, TestLog as Log};

const PROGRAMME: &str = r#"{"id":"e1","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"moh","name":"Ministry of Health","side":"government"}}
{"id":"e2","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"who","name":"WHO","side":"development_partner"}}
{"id":"e3","type":"person.registered","occurred_at":"2009-06-01","data":{"person":"chair-health","name":"Chair, TWG on Health","org":"moh"}}
{"id":"e4","type":"person.registered","occurred_at":"2009-06-01","data":{"person":"lf-health","name":"Lead facilitator, TWG on Health","org":"who"}}
{"id":"e5","type":"partnership.established","occurred_at":"2009-06-01","data":{"partnership":"health","name":"TWG on Health","host":"moh"}}
{"id":"e6","type":"partner.joined","occurred_at":"2009-06-01","data":{"partnership":"health","org":"moh","role":"chair"}}
{"id":"e7","type":"agreement.proposed","occurred_at":"2009-09-09","source":"Strategic Meeting, day 1","data":{"agreement":"pp-1","partnership":"health","kind":"principles","title":"Partnership principles","text":"We agree to work as equals.","proposed_by":"chair-health"}}
{"id":"e8","type":"agreement.endorsed","occurred_at":"2009-09-11","data":{"agreement":"pp-1","version":1,"by":"chair-health"}}
"#;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn append_reports_counts_and_is_idempotent() {
    let log = Log::new();
    let out = log.append(PROGRAMME).success();
    insta::assert_snapshot!(text(&out.get_output().stdout), @"appended 8, skipped 0");
    let out = log.append(PROGRAMME).success();
    insta::assert_snapshot!(text(&out.get_output().stdout), @"appended 0, skipped 8");
}

#[test]
fn a_broken_rule_names_line_field_rule_and_hint_and_changes_nothing() {
    let log = Log::new();
    log.append(PROGRAMME).success();
    let before = std::fs::read(&log.db).unwrap();
    let bad = r#"{"type":"agreement.endorsed","occurred_at":"2009-09-11","data":{"agreement":"pp-1","version":1,"by":"lf-health"}}"#;
    let out = log.append(bad).code(1);
    insta::assert_snapshot!(text(&out.get_output().stderr), @r#"
    error: line 1: data.by: "lf-health" acts for WHO (who), which is not a partner of TWG on Health (health) on 2009-09-11
      rule: acting-partner (event type agreement.endorsed)
      nothing was appended; the log is unchanged
    hint: add it first with `accord partner join health --org who --role member --date YYYY-MM-DD`
    "#);
    assert_eq!(std::fs::read(&log.db).unwrap(), before);
    let typo = r#"{"type":"agreement.endorsed","occurred_at":"2009-09-11","data":{"agreement":"pp-1","version":1,"by":"chair-helth"}}"#;
    let out = log.append(typo).code(1);
    insta::assert_snapshot!(text(&out.get_output().stderr), @r#"
    error: line 1: data.by: there is no person "chair-helth" in the log
      rule: reference (event type agreement.endorsed)
      nothing was appended; the log is unchanged
    hint: did you mean "chair-health"?
    "#);
}

#[test]
fn malformed_lines_are_all_reported_at_once() {
    let log = Log::new();
    let bad = "{\"type\":\"stage.started\",\"occurred_at\":\"2009-13-01\",\"data\":{\"stage\":1}}\nnot json\n\n{\"type\":\"org.registered\",\"occurred_at\":\"2009-01-01\",\"data\":{}}\n{\"type\":\"organisation.registered\",\"occurred_at\":\"2009-01-01\",\"data\":{\"org\":\"Bad Id\",\"name\":\"x\",\"side\":\"government\"}}\n";
    let out = log.append(bad).code(1);
    insta::assert_snapshot!(text(&out.get_output().stderr), @r#"
    error: 4 line(s) could not be read as events
      line 1: occurred_at: "2009-13-01" is not a real calendar date
      line 2: line: not valid JSON (expected ident at line 1 column 2); each line must hold one JSON object
      line 4: type: "org.registered" is not an event type; run `accord types` to list them
      line 5: data.org: "Bad Id" is not a valid id: use 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit (for example "twg-health") (the fields of organisation.registered: org, name, side: government | development_partner | civil_society | private_sector | academic | facilitator)
      nothing was appended; the log is unchanged
    hint: fix the lines named above and append the file again; `accord types` lists every event type and its fields
    "#);
}

#[test]
fn log_lists_and_filters() {
    let log = Log::new();
    log.append(PROGRAMME).success();
    let out = log.cmd(&["log", "--agreement", "pp-1"]).assert().success();
    insta::assert_snapshot!(text(&out.get_output().stdout), @r#"
         7  2009-09-09  agreement.proposed       pp-1 "Partnership principles" by chair-health  [e7]
         8  2009-09-11  agreement.endorsed       pp-1 v1 by chair-health  [e8]
    "#);
    let out = log
        .cmd(&["log", "--by", "lf-health", "--json"])
        .assert()
        .success();
    insta::assert_snapshot!(text(&out.get_output().stdout), @r#"{"data":{"name":"Lead facilitator, TWG on Health","org":"who","person":"lf-health"},"hash":"34650f622c3932578c0b9d5c338ac46d0b6e2c37025e1ffe443d665646f926a1","id":"e4","occurred_at":"2009-06-01","prev_hash":"a7fb081ab306ef7db44db69f1373cc954745d2261a8d1ccf73e36fafb040d42b","recorded_at":"2010-12-31T12:00:00.000000Z","recorded_by":"secretariat","schema_version":1,"seq":4,"source":null,"stream":"directory","stream_version":4,"type":"person.registered"}"#);
    let out = log
        .cmd(&["log", "--since", "2009-09-10", "--limit", "1"])
        .assert()
        .success();
    assert!(text(&out.get_output().stdout).contains("[e8]"));
}

fn head(log: &Log) -> String {
    text(&log.cmd(&["head"]).assert().success().get_output().stdout)
        .trim()
        .replace(' ', ":")
}

fn sql(db: &Path, statements: &str) {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch("DROP TRIGGER events_refuse_update; DROP TRIGGER events_refuse_delete; DROP TRIGGER events_refuse_replace;").unwrap();
    c.execute_batch(statements).unwrap();
}

fn verify_json(log: &Log, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec!["verify", "--json"];
    args.extend_from_slice(extra);
    let out = log.cmd(&args).output().unwrap();
    (
        out.status.code().unwrap(),
        serde_json::from_slice(&out.stdout).unwrap(),
    )
}

#[test]
fn verify_passes_a_clean_log_and_names_the_first_bad_seq() {
    let log = Log::new();
    log.append(PROGRAMME).success();
    let (code, v) = verify_json(&log, &[]);
    assert_eq!(
        (code, v["ok"].as_bool(), v["events"].as_u64()),
        (0, Some(true), Some(8))
    );
    assert!(v["first_bad_seq"].is_null());

    // An edited field.
    sql(
        &log.db,
        "UPDATE events SET data = replace(data, 'equals', 'partners') WHERE seq = 7",
    );
    let (code, v) = verify_json(&log, &[]);
    assert_eq!((code, v["first_bad_seq"].as_u64()), (3, Some(7)));
}

#[test]
fn verify_catches_reordering_and_deletion() {
    let log = Log::new();
    log.append(PROGRAMME).success();
    sql(
        &log.db,
        "UPDATE events SET seq = seq + 100 WHERE seq IN (3, 4); UPDATE events SET seq = 4 WHERE seq = 103; UPDATE events SET seq = 3 WHERE seq = 104;",
    );
    let (code, v) = verify_json(&log, &[]);
    assert_eq!((code, v["first_bad_seq"].as_u64()), (3, Some(3)));

    let log = Log::new();
    log.append(PROGRAMME).success();
    sql(&log.db, "DELETE FROM events WHERE seq = 5");
    let (code, v) = verify_json(&log, &[]);
    assert_eq!((code, v["first_bad_seq"].as_u64()), (3, Some(5)));
}

#[test]
fn truncation_is_caught_only_against_a_head_kept_elsewhere() {
    let log = Log::new();
    log.append(PROGRAMME).success();
    let kept = head(&log);
    assert!(kept.starts_with("8:"));
    sql(&log.db, "DELETE FROM events WHERE seq > 6");
    let (code, _) = verify_json(&log, &[]);
    assert_eq!(code, 0, "a truncated chain is internally consistent");
    let (code, v) = verify_json(&log, &["--head", &kept]);
    assert_eq!((code, v["first_bad_seq"].as_u64()), (3, Some(8)));
    let out = log.cmd(&["verify", "--head", &kept]).assert().code(3);
    insta::assert_snapshot!(text(&out.get_output().stdout), @r"
    ALTERED: the log was altered: first bad seq 8
      the log ends at 6 and no longer reaches the head 8
      events read: 6; head as found: 6 c108a0f2dded5c374c291133867ee5e37af7d44313688b16905ec47b8b2ada25
      head checked: 8:37ad54b89114e4b0fbd181a009e575389d3f85060c2b4e38ef1ff8f03d46e8a6
    ");
}

#[test]
fn export_and_restore_keep_every_hash_and_verify_file_catches_one_byte() {
    let log = Log::new();
    log.append(PROGRAMME).success();
    let export = log.dir().join("backup.jsonl");
    log.cmd(&["export", "--out", export.to_str().unwrap()])
        .assert()
        .success();
    let restored = log.dir().join("restored.db");
    log.cmd(&[
        "--db",
        restored.to_str().unwrap(),
        "restore",
        export.to_str().unwrap(),
    ])
    .assert()
    .success();
    let again = log.dir().join("again.jsonl");
    log.cmd(&[
        "--db",
        restored.to_str().unwrap(),
        "export",
        "--out",
        again.to_str().unwrap(),
    ])
    .assert()
    .success();
    assert_eq!(
        std::fs::read(&export).unwrap(),
        std::fs::read(&again).unwrap(),
        "byte for byte"
    );

    log.cmd(&["verify", "--file", export.to_str().unwrap()])
        .assert()
        .success();
    let mut bytes = std::fs::read(&export).unwrap();
    let i = bytes.windows(6).position(|w| w == b"equals").unwrap();
    bytes[i] = b'E';
    std::fs::write(&export, &bytes).unwrap();
    let out = log
        .cmd(&["verify", "--file", export.to_str().unwrap(), "--json"])
        .assert()
        .code(3);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["first_bad_seq"].as_u64(), Some(7));
}

#[test]
fn init_refuses_to_overwrite_and_reading_a_missing_log_says_what_to_do() {
    let log = Log::new();
    let out = log.cmd(&["init"]).assert().code(1);
    assert!(text(&out.get_output().stderr).contains("will not overwrite"));
    let out = log
        .cmd(&["--db", "/nonexistent/x.db", "log"])
        .assert()
        .code(1);
    insta::assert_snapshot!(text(&out.get_output().stderr), @r"
    error: there is no accord log at /nonexistent/x.db
    hint: create one with `accord init --db /nonexistent/x.db`, try `accord demo`, or point --db / ACCORD_DB at an existing log
    ");
    let junk = log.dir().join("junk.db");
    std::fs::write(&junk, b"this is not a database, just text").unwrap();
    let out = log
        .cmd(&["--db", junk.to_str().unwrap(), "verify"])
        .assert()
        .code(1);
    assert!(text(&out.get_output().stderr).contains("is not an accord log"));
}

#[test]
fn csv_export_neutralises_formulas() {
    let log = Log::new();
    log.append(r#"{"id":"=cmd|' /C calc'!A0","type":"organisation.registered","occurred_at":"2009-06-01","source":"@SUM(A1)","data":{"org":"moh","name":"=HYPERLINK(\"x\")","side":"government"}}"#).success();
    let out = log.cmd(&["export", "--format", "csv"]).assert().success();
    let csv = text(&out.get_output().stdout);
    assert!(csv.contains("'=cmd|"), "{csv}");
    assert!(csv.contains("'@SUM(A1)"), "{csv}");
    assert!(
        !csv.lines()
            .skip(1)
            .any(|l| l.split(',').any(|c| c.starts_with('='))),
        "{csv}"
    );
}

#[test]
fn init_with_the_cambodia_example_builds_a_verified_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cambodia.db");
    let out = Command::cargo_bin("accord")
        .unwrap()
        .env("ACCORD_NOW", NOW)
        .args([
            "--db",
            db.to_str().unwrap(),
            "init",
            "--example",
            "cambodia",
        ])
        .assert()
        .success();
    assert!(text(&out.get_output().stderr).contains("with the cambodia example: 689 events"));
    let out = Command::cargo_bin("accord")
        .unwrap()
        .args(["--db", db.to_str().unwrap(), "verify", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(
        (v["ok"].as_bool(), v["events"].as_u64()),
        (Some(true), Some(689))
    );
    // Unknown examples are a usage error.
    Command::cargo_bin("accord")
        .unwrap()
        .args([
            "--db",
            db.to_str().unwrap(),
            "init",
            "--example",
            "atlantis",
        ])
        .assert()
        .code(2);
}
