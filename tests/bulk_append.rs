//! A long batch is appended differently from a short one: past its first
//! few hundred events the store sets the replace guard aside and writes
//! the rows on a thread of its own while the next events are checked
//! (`events/src/store/writer.rs`). These tests hold what a long batch
//! records to what the same events record in short batches, which take
//! the plain path: the same rows, byte for byte, hashes included.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const NOW: &str = "2026-01-01T00:00:00Z";

fn run(db: &Path, args: &[&str], stdin: Option<&[u8]>) -> String {
    let mut cmd = Command::cargo_bin("accord").unwrap();
    cmd.env("ACCORD_NOW", NOW)
        .env("ACCORD_DB", db)
        .env("ACCORD_USER", "secretariat")
        .env_remove("ACCORD_LANG")
        .args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// A generated programme's lines (every event type, retractions of recent
/// and of old events, back-dated entries).
fn generated(dir: &Path, seed: u64, events: usize) -> Vec<String> {
    let scratch = dir.join("scratch.db");
    run(
        &scratch,
        &[
            "generate",
            "--events",
            &events.to_string(),
            "--partnerships",
            "6",
            "--seed",
            &seed.to_string(),
        ],
        None,
    )
    .lines()
    .map(str::to_owned)
    .collect()
}

fn new_log(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    run(&db, &["init"], None);
    db
}

fn append(db: &Path, lines: &[String]) -> String {
    let mut input = lines.join("\n");
    input.push('\n');
    run(db, &["append"], Some(input.as_bytes()))
}

#[test]
fn one_long_batch_records_what_short_batches_record() {
    let dir = tempfile::tempdir().unwrap();
    // More events than the writing thread ever holds unwritten (4,608), so
    // that retractions find their targets both among the events still
    // queued and among those already written.
    let lines = generated(dir.path(), 3, 7_000);
    let retractions = lines
        .iter()
        .filter(|l| l.contains("\"event.retracted\""))
        .count();
    assert!(retractions > 20, "the log retracts events ({retractions})");

    let long = new_log(dir.path(), "long.db");
    assert_eq!(append(&long, &lines).trim(), "appended 7000, skipped 0");
    let short = new_log(dir.path(), "short.db");
    for part in lines.chunks(400) {
        append(&short, part);
    }
    let exported = |db: &Path| run(db, &["export"], None);
    assert_eq!(
        exported(&long),
        exported(&short),
        "the same rows, positions and hashes"
    );
    assert!(run(&long, &["verify"], None).starts_with("ok"));
}

#[test]
fn a_long_batch_skips_the_repeats_of_its_own_events() {
    let dir = tempfile::tempdir().unwrap();
    let lines = generated(dir.path(), 5, 1_500);
    // Each event twice: the second copy is looked up while the first may
    // still be queued for writing, and must be found.
    let twice: Vec<String> = lines.iter().chain(lines.iter()).cloned().collect();
    let long = new_log(dir.path(), "long.db");
    assert_eq!(append(&long, &twice).trim(), "appended 1500, skipped 1500");
    let once = new_log(dir.path(), "once.db");
    append(&once, &lines);
    assert_eq!(run(&long, &["export"], None), run(&once, &["export"], None));
}
