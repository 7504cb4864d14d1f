//! Schema evolution: logs written by accord's pilot (schema 0: an older
//! database layout, and events with older field names) are read correctly,
//! migrated on the first write, and still verify against the pilot's own
//! hashes, computed independently by the script that wrote the fixtures
//! (`tests/fixtures/schema0/make_fixture.py`). Hashes are over the stored
//! form, so upcasting never changes what `verify` checks.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::{Value, json};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schema0")
        .join(name)
}

fn pilot_head() -> String {
    std::fs::read_to_string(fixture("pilot-v0.head"))
        .unwrap()
        .trim()
        .to_owned()
}

/// A copy of the pilot's database in a folder of its own.
fn pilot_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pilot.db");
    std::fs::copy(fixture("pilot-v0.db"), &db).unwrap();
    (dir, db)
}

fn envelopes(db: &Path) -> Vec<Value> {
    run(db, &["--json", "log"])
        .expect(0)
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

/// What the pilot's events mean, read through the upcaster: sides, endorsers,
/// scores and due dates under today's names.
fn check_meaning(db: &Path) {
    let show = run(
        db,
        &["--json", "show", "twg-health", "--as-of", "2009-12-31"],
    )
    .expect(0)
    .json();
    let sides: Vec<(&str, &str)> = show["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["org"].as_str().unwrap(), m["side"].as_str().unwrap()))
        .collect();
    assert_eq!(
        sides[..2],
        [("moh", "government"), ("who", "development_partner")]
    );
    let a = &show["agreements"][0];
    assert_eq!(
        a["status"], "adopted",
        "the pilot's endorsements count: {a}"
    );
    assert_eq!(a["endorsements"][0]["person"], "chair-moh");
    let scores = &show["latest_review"]["scores"];
    assert_eq!(scores["shared_goal"].as_f64(), Some(4.5));
    assert_eq!(scores["engagement"].as_f64(), Some(3.0));
    let c = &show["commitments"][0];
    assert_eq!(c["due"], "2010-03-31", "the rescheduled due date: {c}");
}

#[test]
fn a_pilot_log_is_read_without_being_changed_and_verifies_on_its_original_hashes() {
    let (dir, db) = pilot_copy();
    let before = std::fs::read(&db).unwrap();
    let files = files_in(dir.path());
    let (code, v) = verify_at(&db, Some(&pilot_head()));
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["events"], 21);
    // The stored form is shown as stored: schema 0, the pilot's field names.
    let log = envelopes(&db);
    assert!(log.iter().all(|e| e["schema_version"] == 0));
    assert_eq!(log[13]["data"]["endorser"], "chair-moh");
    assert_eq!(log[4]["data"]["side"], "donor");
    // ... and the export is byte for byte the pilot's own.
    let export = run(&db, &["export"]).expect(0).stdout;
    assert_eq!(
        export,
        std::fs::read_to_string(fixture("pilot-v0-export.jsonl")).unwrap()
    );
    check_meaning(&db);
    run(&db, &["audit", "pp-health"]).expect(0);
    run(&db, &["status"]).expect(0);
    assert!(
        std::fs::read(&db).unwrap() == before,
        "reading changed the pilot's file"
    );
    assert_eq!(files_in(dir.path()), files, "reading left files behind");
}

#[test]
fn the_first_write_migrates_the_layout_and_keeps_every_hash() {
    let (dir, db) = pilot_copy();
    let batch = dir.path().join("new.jsonl");
    write_lines(
        &batch,
        &[
            json!({"id": "v1-1", "type": "partner.joined", "occurred_at": "2009-09-01",
                   "data": {"partnership": "twg-health", "org": "jica", "role": "member"}}),
            json!({"id": "v1-2", "type": "agreement.endorsed", "occurred_at": "2009-09-02",
                   "data": {"agreement": "pp-health", "version": 1, "by": "rep-jica"}}),
            json!({"id": "v1-3", "type": "commitment.reported", "occurred_at": "2009-09-03",
                   "data": {"commitment": "c-plan", "status": "on_schedule", "reported_by": "chair-moh"}}),
        ]
        .map(|v| v.to_string()),
    );
    let r = run(&db, &["append", batch.to_str().unwrap()]).expect(0);
    assert_eq!(r.stdout.trim(), "appended 3, skipped 0");
    // The layout is today's; the pilot's other tables are left alone.
    let c = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // Beside them, the programme's reading index: derived data, caught up
    // after the append.
    assert_eq!(
        tables,
        [
            "accord_meta",
            "accord_reading",
            "accord_reading_entries",
            "accord_reading_entries_head",
            "accord_reading_head",
            "accord_reading_names",
            "accord_reading_names_head",
            "events",
            "settings"
        ]
    );
    let note: String = c
        .query_row(
            "SELECT value FROM accord_meta WHERE key = 'migrated_from'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(note.starts_with("schema 0"), "{note}");
    let triggers: i64 = c
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        triggers, 3,
        "the append-only triggers guard the migrated log"
    );
    drop(c);
    // Every pilot event kept its bytes and hash; the new ones chain on.
    let (code, v) = verify_at(&db, Some(&pilot_head()));
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["events"], 24);
    let export = run(&db, &["export"]).expect(0).stdout;
    let pilot = std::fs::read_to_string(fixture("pilot-v0-export.jsonl")).unwrap();
    assert!(
        export.starts_with(&pilot),
        "the pilot's events changed in migration"
    );
    let log = envelopes(&db);
    assert_eq!(log[21]["schema_version"], 1);
    assert_eq!(log[20]["schema_version"], 0);
    // The rules see the pilot's events through the upcaster.
    for (line, rule) in [
        (
            json!({"type": "agreement.endorsed", "occurred_at": "2009-09-05",
                "data": {"agreement": "pp-health", "version": 1, "by": "chair-moh"}}),
            "endorse-once",
        ),
        (
            json!({"type": "review.response", "occurred_at": "2009-09-05",
                "data": {"review": "hc-2009", "respondent": "rep-who", "scores": {"engagement": 1}}}),
            "respond-once",
        ),
        (
            json!({"type": "organisation.registered", "occurred_at": "2009-09-05",
                "data": {"org": "who", "name": "WHO again", "side": "development_partner"}}),
            "unique-id",
        ),
    ] {
        let f = dir.path().join("rule.jsonl");
        write_lines(&f, &[line.to_string()]);
        let r = run(&db, &["append", f.to_str().unwrap()]).expect(1);
        assert!(r.stderr.contains(rule), "{rule}: {}", r.stderr);
    }
    check_meaning(&db);
    // The migrated log exports, verifies and restores.
    let out = dir.path().join("export.jsonl");
    std::fs::write(&out, &export).unwrap();
    run(
        &db,
        &[
            "verify",
            "--file",
            out.to_str().unwrap(),
            "--head",
            &pilot_head(),
        ],
    )
    .expect(0);
    let restored = dir.path().join("restored.db");
    run(&restored, &["restore", out.to_str().unwrap()]).expect(0);
    assert_eq!(run(&restored, &["export"]).expect(0).stdout, export);
}

#[test]
fn the_pilot_export_verifies_and_restores_into_todays_layout() {
    let dir = tempfile::tempdir().unwrap();
    let export = fixture("pilot-v0-export.jsonl");
    run(
        &dir.path().join("x.db"),
        &[
            "verify",
            "--file",
            export.to_str().unwrap(),
            "--head",
            &pilot_head(),
        ],
    )
    .expect(0);
    let db = dir.path().join("restored.db");
    run(
        &db,
        &["restore", export.to_str().unwrap(), "--head", &pilot_head()],
    )
    .expect(0);
    let (code, v) = verify_at(&db, Some(&pilot_head()));
    assert_eq!(code, 0, "{v}");
    assert_eq!(
        run(&db, &["export"]).expect(0).stdout,
        std::fs::read_to_string(&export).unwrap()
    );
    check_meaning(&db);
}

#[test]
fn tampering_with_a_pilot_log_is_caught_before_and_after_migration() {
    let (dir, db) = pilot_copy();
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute(
        "UPDATE event_log SET payload = replace(payload, 'monthly', 'weekly') WHERE position = 13",
        [],
    )
    .unwrap();
    drop(c);
    let (code, v) = verify_at(&db, None);
    assert_eq!((code, v["first_bad_seq"].as_u64()), (3, Some(13)), "{v}");
    // Migrating keeps the edit where verify finds it.
    let f = dir.path().join("one.jsonl");
    write_lines(
        &f,
        &[json!({"id": "x", "type": "stage.completed", "occurred_at": "2009-09-01", "data": {"stage": 1}})
            .to_string()],
    );
    run(&db, &["append", f.to_str().unwrap()]).expect(0);
    let (code, v) = verify_at(&db, Some(&pilot_head()));
    assert_eq!((code, v["first_bad_seq"].as_u64()), (3, Some(13)), "{v}");
    // A hash that is not hex, and a row removed, in the pilot's layout.
    let (_dir2, db2) = pilot_copy();
    let c = rusqlite::Connection::open(&db2).unwrap();
    c.execute(
        "UPDATE event_log SET hash = 'not hex' WHERE position = 5",
        [],
    )
    .unwrap();
    c.execute("DELETE FROM event_log WHERE position = 9", [])
        .unwrap();
    drop(c);
    let (code, v) = verify_at(&db2, None);
    assert_eq!((code, v["first_bad_seq"].as_u64()), (3, Some(5)), "{v}");
}

/// Several writers and readers open a pilot log at once: one migrates it,
/// the others wait for it (SQLite answers "busy" without waiting while the
/// file changes journal mode; the store retries), nobody fails.
#[test]
fn concurrent_first_writers_migrate_once() {
    let rounds = size(5, 50);
    let (writers, readers) = (6, 2);
    for round in 0..rounds {
        let (dir, db) = pilot_copy();
        let mut handles: Vec<_> = (0..writers)
            .map(|i| {
                let f = dir.path().join(format!("w{i}.jsonl"));
                write_lines(
                    &f,
                    &[json!({"id": format!("w{i}"), "type": "finding.recorded", "occurred_at": "2009-09-01",
                             "data": {"finding": format!("w{i}"), "partnership": "twg-health", "origin": "meeting",
                                      "swot": "opportunity", "theme": "other", "text": "Seen at once."}})
                    .to_string()],
                );
                let db = db.clone();
                std::thread::spawn(move || run(&db, &["append", f.to_str().unwrap()]))
            })
            .collect();
        handles.extend((0..readers).map(|_| {
            let db = db.clone();
            std::thread::spawn(move || run(&db, &["verify"]))
        }));
        for h in handles {
            let r = h.join().unwrap();
            assert_eq!(r.code, Some(0), "round {round}: {}{}", r.stdout, r.stderr);
        }
        let (code, v) = verify_at(&db, Some(&pilot_head()));
        assert_eq!(code, 0, "{v}");
        assert_eq!(v["events"], 21 + writers);
        let c = rusqlite::Connection::open(&db).unwrap();
        let notes: i64 = c
            .query_row(
                "SELECT count(*) FROM accord_meta WHERE key = 'migrated_from'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(notes, 1);
    }
}

#[test]
fn unknown_layouts_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    // Not a log at all, a log from the future, and an empty file.
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE notes (x)")
        .unwrap();
    let r = run(&other, &["verify"]).expect(1);
    assert!(r.stderr.contains("not an accord log"), "{}", r.stderr);
    let (_d, future) = pilot_copy();
    let f = dir.path().join("x.jsonl");
    write_lines(
        &f,
        &[
            json!({"type": "stage.completed", "occurred_at": "2009-09-01", "data": {"stage": 1}})
                .to_string(),
        ],
    );
    run(&future, &["append", f.to_str().unwrap()]).expect(0);
    rusqlite::Connection::open(&future)
        .unwrap()
        .pragma_update(None, "user_version", 9)
        .unwrap();
    let r = run(&future, &["verify"]).expect(1);
    assert!(r.stderr.contains("newer accord"), "{}", r.stderr);
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let r = run(&empty, &["log"]).expect(1);
    assert!(r.stderr.contains("not an accord log"), "{}", r.stderr);
    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, vec![0x42; 8192]).unwrap();
    let r = run(&garbage, &["verify"]).expect(1);
    assert!(r.stderr.contains("not an accord log"), "{}", r.stderr);
    report(
        "schema",
        "pilot log (schema 0: table event_log, hex hashes, user_version 0, older field names) read in place without a byte changed, \
         migrated on the first write (exactly once, with 6 writers and 2 readers opening it at the same moment), verified on the pilot's 21 original hashes (computed \
         independently in Python) before and after migration; its export verifies and restores; upcast events drive projections \
         and rules; tampering caught before and after migration; unknown layouts refused",
    );
}
