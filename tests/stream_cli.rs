//! `accord status` and `accord snapshot` stream the log through the
//! projections' builders; these tests prove that what they print equals the
//! whole-slice builds over the same log read whole (the built-in example,
//! as of several dates and known-at cuts).

use std::path::{Path, PathBuf};

use accord_events::clock::Clock;
use accord_events::store::{Access, Store};
use accord_projections::snapshot::{SnapshotRequest, StageSnapshot};
use accord_projections::{ProgrammeStatus, View};
use assert_cmd::Command;
use chrono::NaiveDate;
use serde_json::Value;

/// The clock the example is built and read with.
const NOW: &str = "2010-12-31T12:00:00Z";

fn accord(db: &Path, args: &[&str]) -> Value {
    let out = Command::cargo_bin("accord")
        .unwrap()
        .env("ACCORD_NOW", NOW)
        .env("ACCORD_DB", db)
        .env("ACCORD_USER", "secretariat")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn example() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("accord.db");
    let out = Command::cargo_bin("accord")
        .unwrap()
        .env("ACCORD_NOW", NOW)
        .env("ACCORD_DB", &db)
        .env("ACCORD_USER", "secretariat")
        .args(["init", "--example", "cambodia"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    (dir, db)
}

#[test]
fn streamed_reports_equal_the_whole_slice_builds_on_the_example() {
    let (_dir, db) = example();
    let store = Store::open(&db, Access::ReadOnly, Clock::System).unwrap();
    let events = store.read_all().unwrap();
    let today = NaiveDate::from_ymd_opt(2010, 12, 31).unwrap();
    let cut = &events[events.len() / 2].recorded_at;
    let cases: [(Option<&str>, Option<&str>); 4] = [
        (None, None),
        (Some("2009-09-30"), None),
        (Some("2010-03-31"), None),
        (None, Some(cut.as_str())),
    ];
    for (as_of, known_at) in cases {
        let mut flags: Vec<&str> = Vec::new();
        if let Some(d) = as_of {
            flags.extend(["--as-of", d]);
        }
        if let Some(t) = known_at {
            flags.extend(["--known-at", t]);
        }
        // Without --as-of, "today" under --known-at is that moment's date.
        let today = known_at.map_or(today, |t| t[..10].parse().unwrap());
        let view = View {
            as_of: as_of.map_or(today, |d| d.parse().unwrap()),
            known_at: known_at.map(str::to_owned),
        };

        let mut status = accord(&db, &[&["status", "--json"], flags.as_slice()].concat());
        status.as_object_mut().unwrap().remove("head");
        let whole = serde_json::to_value(ProgrammeStatus::build(&events, &view)).unwrap();
        assert_eq!(status, whole, "status {flags:?}");

        for stage in 1..=3u32 {
            let n = stage.to_string();
            let streamed = accord(
                &db,
                &[
                    &["snapshot", "--stage", n.as_str(), "--json"],
                    flags.as_slice(),
                ]
                .concat(),
            );
            let req = SnapshotRequest {
                stage,
                as_of: as_of.map(|d| d.parse().unwrap()),
                known_at: view.known_at.clone(),
                today: view.as_of,
            };
            let whole = serde_json::to_value(StageSnapshot::build(&events, &req).unwrap()).unwrap();
            assert_eq!(streamed, whole, "snapshot --stage {stage} {flags:?}");
        }
    }
}

/// A row that cannot be decoded (its data edited underneath the log)
/// stops `status` and `snapshot`, which decode on a thread of their own,
/// with the error naming that row, as a read on one thread did.
#[test]
fn a_row_that_cannot_be_decoded_stops_the_read_and_is_named() {
    let (_dir, db) = example();
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch(
        "DROP TRIGGER events_refuse_update;
         UPDATE events SET data = '{\"broken\":1}'
          WHERE seq = (SELECT min(seq) FROM events WHERE stream LIKE 'partnership:%');",
    )
    .unwrap();
    let seq: i64 = c
        .query_row(
            "SELECT seq FROM events WHERE data = '{\"broken\":1}'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(c);
    for args in [&["status"][..], &["snapshot", "--stage", "2"][..]] {
        let out = Command::cargo_bin("accord")
            .unwrap()
            .env("ACCORD_NOW", NOW)
            .env("ACCORD_DB", &db)
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}: {out:?}");
        assert!(
            stderr.contains(&format!("event seq {seq} cannot be read")),
            "{args:?}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{args:?}: nothing printed");
    }
}
