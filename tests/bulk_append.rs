//! A long batch is appended differently from a short one: past its first
//! few hundred events the store sets the replace guard aside and writes
//! the rows on a thread of its own while the next events are checked
//! (`events/src/store/writer.rs`). These tests hold what a long batch
//! records to what the same events record in short batches, which take
//! the plain path: the same rows, byte for byte, hashes included.

mod support;

use support::TestLog;

/// A generated programme's lines (every event type, retractions of recent
/// and of old events, back-dated entries).
fn generated(seed: u64, events: usize) -> Vec<String> {
    TestLog::empty()
        .run(&[
            "generate",
            "--events",
            &events.to_string(),
            "--partnerships",
            "6",
            "--seed",
            &seed.to_string(),
        ])
        .lines()
        .map(str::to_owned)
        .collect()
}

fn append(log: &TestLog, lines: &[String]) -> String {
    let mut input = lines.join("\n");
    input.push('\n');
    let out = log.append(&input).success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn one_long_batch_records_what_short_batches_record() {
    // More events than the writing thread ever holds unwritten (4,608), so
    // that retractions find their targets both among the events still
    // queued and among those already written.
    let lines = generated(3, 7_000);
    let retractions = lines
        .iter()
        .filter(|l| l.contains("\"event.retracted\""))
        .count();
    assert!(retractions > 20, "the log retracts events ({retractions})");

    let long = TestLog::new();
    assert_eq!(append(&long, &lines).trim(), "appended 7000, skipped 0");
    let short = TestLog::new();
    for part in lines.chunks(400) {
        append(&short, part);
    }
    assert_eq!(
        long.run(&["export"]),
        short.run(&["export"]),
        "the same rows, positions and hashes"
    );
    assert!(long.run(&["verify"]).starts_with("ok"));
}

#[test]
fn a_long_batch_skips_the_repeats_of_its_own_events() {
    let lines = generated(5, 1_500);
    // Each event twice: the second copy is looked up while the first may
    // still be queued for writing, and must be found.
    let twice: Vec<String> = lines.iter().chain(lines.iter()).cloned().collect();
    let long = TestLog::new();
    assert_eq!(append(&long, &twice).trim(), "appended 1500, skipped 1500");
    let once = TestLog::new();
    append(&once, &lines);
    assert_eq!(long.run(&["export"]), once.run(&["export"]));
}

/// Every row and digest of the programme's reading index, in one order.
fn reading_index(log: &TestLog) -> Vec<String> {
    let conn = rusqlite::Connection::open(&log.db).unwrap();
    let mut rows = Vec::new();
    for query in [
        "SELECT head_seq || ' ' || hex(head_hash) || ' ' || hex(digest) FROM accord_reading_head",
        "SELECT event_seq || ' ' || event_type FROM accord_reading ORDER BY event_seq",
        "SELECT partnership || ' ' || event_seq FROM accord_reading_names ORDER BY 1",
        "SELECT partnership || ' ' || hex(digest) FROM accord_reading_names_head ORDER BY 1",
        "SELECT entry || ' ' || event_seq FROM accord_reading_entries ORDER BY 1",
        "SELECT entry || ' ' || hex(digest) FROM accord_reading_entries_head ORDER BY 1",
    ] {
        let mut stmt = conn.prepare(query).unwrap();
        let found: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(!found.is_empty(), "{query} gives rows");
        rows.push(query.to_owned());
        rows.extend(found);
    }
    rows
}

#[test]
fn the_reading_index_a_batch_files_is_the_one_the_log_gives() {
    // A batch files the index rows of its events as it folds them, and the
    // catch-up after it writes those instead of reading the events back
    // (`Filed` in events/src/store/reading.rs). Two batches: one onto a
    // log with no index yet, one onto the index the first left.
    let lines = generated(5, 4_000);
    let log = TestLog::new();
    append(&log, &lines[..1_500]);
    append(&log, &lines[1_500..]);
    let filed = reading_index(&log);
    assert!(log.run(&["rebuild"]).contains("rebuilt"));
    assert_eq!(
        filed,
        reading_index(&log),
        "the index as filed by the batches, and as built afresh from the log by SQL"
    );
}
