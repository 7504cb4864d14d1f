//! Read-only access for auditors: `--read-only`, and every read command
//! always, open the log read-only. Nothing they do changes the file (its
//! bytes are compared), writing commands are refused under `--read-only`
//! (exit 1), and a read-only store refuses writes even through its raw
//! SQLite connection.

mod common;

use std::path::Path;

use accord_generate::Rng;
use accord_generate::batches::{self, Directory, Shape};
use common::*;

/// The bytes of the log's file and of its WAL (an empty or missing WAL
/// holds nothing; the `-shm` index is shared memory, not data).
fn bytes(db: &Path) -> (Vec<u8>, Vec<u8>) {
    (
        std::fs::read(db).unwrap(),
        std::fs::read(format!("{}-wal", db.display())).unwrap_or_default(),
    )
}

fn programme_log() -> Log {
    let log = Log::init();
    let dir = Directory::new(3, 2);
    log.append(&dir.events());
    let mut rng = Rng::new(seed(0x8EAD));
    for p in 0..3 {
        log.append(&batches::partnership(
            &mut rng,
            &dir,
            &format!("p{p}"),
            Shape::default(),
        ));
    }
    log
}

#[test]
fn read_commands_and_read_only_mode_write_nothing() {
    let log = programme_log();
    let head = log.head();
    let export = log.path("export.jsonl");
    std::fs::write(&export, run(&log.db, &["export"]).expect(0).stdout).unwrap();
    let batch = log.path("one.jsonl");
    write_lines(
        &batch,
        &[batches::event(
            "ro-1",
            "organisation.registered",
            "2009-06-01",
            serde_json::json!({"org": "ro-org", "name": "Read-only", "side": "academic"}),
        )],
    );
    checkpoint(&log.db);
    let before = bytes(&log.db);
    let head_arg = head.as_str();
    let out_csv = log.path("out.csv");
    let reads: Vec<Vec<&str>> = vec![
        vec!["log"],
        vec!["--json", "log"],
        vec!["log", "--partnership", "p0", "--limit", "3"],
        vec!["head"],
        vec!["verify"],
        vec!["--json", "verify", "--head", head_arg],
        vec!["verify", "--file", export.to_str().unwrap()],
        vec!["export"],
        vec![
            "export",
            "--format",
            "csv",
            "--out",
            out_csv.to_str().unwrap(),
        ],
        vec!["show", "p0"],
        vec!["--json", "show", "p1", "--as-of", "2009-04-01"],
        vec!["history", "p2"],
        vec!["diff", "p0", "--from", "2009-01-01", "--to", "2009-12-31"],
        vec!["audit", "p0-a0"],
        vec!["audit", "--person", "gov0-p0"],
        vec!["status"],
    ];
    let mut read_runs = 0;
    for args in &reads {
        for ro in [false, true] {
            let mut a: Vec<&str> = if ro { vec!["--read-only"] } else { vec![] };
            a.extend(args.iter().copied());
            let r = run(&log.db, &a).no_panic();
            assert_eq!(r.code, Some(0), "{a:?}: {}", r.stderr);
            assert!(bytes(&log.db) == before, "{a:?} changed the log's file");
            read_runs += 1;
        }
    }
    // Every command that writes is refused under --read-only, the log untouched.
    let new_db = log.path("new.db");
    let writes: Vec<(&Path, Vec<&str>)> = vec![
        (
            &log.db,
            vec!["--read-only", "append", batch.to_str().unwrap()],
        ),
        (
            &log.db,
            vec!["append", "--read-only", batch.to_str().unwrap()],
        ),
        (&new_db, vec!["--read-only", "init"]),
        (
            &new_db,
            vec!["--read-only", "restore", export.to_str().unwrap()],
        ),
    ];
    for (db, args) in &writes {
        let r = run(db, args).expect(1);
        assert!(r.stderr.contains("--read-only"), "{args:?}: {}", r.stderr);
        assert!(bytes(&log.db) == before, "{args:?} changed the log's file");
        assert!(!new_db.exists(), "{args:?} created a file");
    }
    // Stdin too.
    let r = run_stdin(
        &log.db,
        &["--read-only", "append"],
        &std::fs::read(&batch).unwrap(),
    )
    .expect(1);
    assert!(r.stderr.contains("--read-only"));
    assert!(bytes(&log.db) == before);
    report(
        "readonly",
        &format!(
            "{read_runs} runs of {} read commands (with and without --read-only): the log's file and WAL byte-for-byte unchanged; \
             {} writing commands under --read-only (append from a file and stdin, init, restore): refused with exit 1, nothing written",
            reads.len(),
            writes.len() + 1
        ),
    );
}

/// The library's read-only store refuses an append, and may still check
/// one (`check_only`, as `accord import --dry-run` does) without writing.
/// That SQLite itself refuses writes on such a store's connection is
/// checked beside the backend (`events/src/store/sqlite.rs`), where the
/// connection is reachable.
#[test]
fn a_read_only_store_refuses_appends_but_checks_them() {
    use accord_events::store::{Access, AppendOptions, Store, StoreError};
    let log = programme_log();
    checkpoint(&log.db);
    let before = bytes(&log.db);
    let mut store = Store::open(&log.db, Access::ReadOnly, accord_events::Clock::System).unwrap();
    let ev = accord_events::input::parse_line(
        1,
        r#"{"type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"ro","name":"RO","side":"academic"}}"#,
        chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap(),
    )
    .unwrap();
    let err = store
        .append(
            [Ok(ev.clone())],
            &AppendOptions {
                operator: Some("x"),
                progress: None,
                ..AppendOptions::default()
            },
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            accord_events::store::AppendError::Store(StoreError::ReadOnly)
        ),
        "{err:?}"
    );
    let checked = store
        .append(
            [Ok(ev.clone())],
            &AppendOptions {
                operator: Some("x"),
                check_only: true,
                ..AppendOptions::default()
            },
        )
        .expect("a read-only store checks a batch");
    assert_eq!(checked.appended, 1);
    assert_eq!(checked.checked.len(), 1);
    drop(store);
    assert!(bytes(&log.db) == before);
}
