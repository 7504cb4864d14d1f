//! The programme's reading index (`store/reading.rs`): caught up batch by
//! batch it equals one built afresh, reads through it equal a scan of the
//! stream, and stale or damaged index data is detected and never trusted.

use std::path::Path;

use accord_events::Clock;
use accord_events::clock::parse_instant;
use accord_events::input::parse_line;
use accord_events::store::{
    ANY_ENTRY, Access, AppendOptions, INDEXED_TYPES, ReadingIndex, Store, StreamPart,
    directory_entry,
};

fn clock() -> Clock {
    Clock::Fixed(parse_instant("2010-01-01T10:00:00Z", false).unwrap())
}

/// The programme, a stage, meetings (which the index leaves out) and a
/// retraction, spread over three batches.
fn batches() -> Vec<Vec<String>> {
    // Every third meeting names twg-a, every third twg-a and twg-b, the
    // rest none.
    let meeting = |i: u32| {
        let named = match i % 3 {
            0 => r#","partnerships":["twg-a"]"#,
            1 => r#","partnerships":["twg-a","twg-b"]"#,
            _ => "",
        };
        format!(
            r#"{{"id":"m{i}","type":"meeting.held","occurred_at":"2009-07-{:02}","data":{{"meeting":"m{i}","kind":"other","title":"Meeting {i}"{named}}}}}"#,
            i % 28 + 1
        )
    };
    let mut first = vec![
        r#"{"id":"p","type":"programme.defined","occurred_at":"2009-06-01","data":{"name":"Partnerships","objective":"Effective TWGs"}}"#.to_owned(),
        r#"{"id":"s1","type":"stage.planned","occurred_at":"2009-06-02","data":{"stage":1,"name":"Scoping","starts_on":"2009-06-01","ends_on":"2009-09-30"}}"#.to_owned(),
        r#"{"id":"pa","type":"partnership.established","occurred_at":"2009-06-03","data":{"partnership":"twg-a","name":"TWG A"}}"#.to_owned(),
        r#"{"id":"pb","type":"partnership.established","occurred_at":"2009-06-03","data":{"partnership":"twg-b","name":"TWG B"}}"#.to_owned(),
    ];
    first.extend((0..20).map(meeting));
    let mut second: Vec<String> = (20..40).map(meeting).collect();
    second.push(
        r#"{"id":"r1","type":"event.retracted","occurred_at":"2009-08-01","data":{"event":"m3","reason":"recorded twice"}}"#.to_owned(),
    );
    let mut third = vec![
        r#"{"id":"s2","type":"stage.planned","occurred_at":"2009-08-02","data":{"stage":2,"name":"Interviews","starts_on":"2009-10-01","ends_on":"2009-12-31"}}"#.to_owned(),
    ];
    third.extend((40..50).map(meeting));
    vec![first, second, third]
}

fn append(path: &Path, lines: &[String]) {
    let mut store = Store::open(path, Access::ReadWrite, clock()).unwrap();
    let today = clock().today();
    store
        .append(
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| parse_line(i + 1, l, today)),
            &AppendOptions {
                operator: Some("t"),
                progress: None,
                ..AppendOptions::default()
            },
        )
        .unwrap();
}

fn new_log() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    drop(Store::create(&path, clock()).unwrap());
    (dir, path)
}

/// The index's rows and head, as stored.
fn index_rows(path: &Path) -> (Vec<(i64, String)>, Vec<u8>) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT event_seq, event_type FROM accord_reading ORDER BY event_seq")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let digest = conn
        .query_row("SELECT digest FROM accord_reading_head", [], |r| r.get(0))
        .unwrap();
    (rows, digest)
}

fn sql(path: &Path, statement: &str) {
    rusqlite::Connection::open(path)
        .unwrap()
        .execute_batch(statement)
        .unwrap();
}

/// What a partnership's state asks of the programme stream, as ids.
fn read_indexed(store: &Store) -> Vec<String> {
    read_naming(store, None)
}

/// The same, and the meetings naming `partnership` (what its history asks).
fn read_naming(store: &Store, partnership: Option<&str>) -> Vec<String> {
    let types = ["stage.planned", "event.retracted"];
    store
        .read_stream_parts(&[StreamPart {
            stream: "programme",
            types: Some(&types),
            until: None,
            naming: partnership,
            entries: None,
            after: None,
        }])
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect()
}

fn open(path: &Path) -> Store {
    Store::open(path, Access::ReadOnly, clock()).unwrap()
}

#[test]
fn caught_up_batch_by_batch_it_equals_an_index_built_afresh() {
    let (_dir, path) = new_log();
    let mut covered = vec![];
    for batch in batches() {
        append(&path, &batch);
        let store = open(&path);
        let head = store.head().unwrap().seq;
        assert_eq!(store.reading_index(), ReadingIndex::Covers(head));
        covered.push(head);
    }
    let incremental = index_rows(&path);
    let names = names_rows(&path);
    // Only the indexed types of the programme stream, in seq order.
    assert_eq!(
        incremental.0,
        [
            (2, "stage.planned".to_owned()),
            (45, "event.retracted".to_owned()),
            (46, "stage.planned".to_owned())
        ]
    );
    assert!(
        incremental
            .0
            .iter()
            .all(|(_, t)| INDEXED_TYPES.contains(&t.as_str()))
    );
    let mut store = Store::open(&path, Access::ReadWrite, clock()).unwrap();
    store.rebuild_checkpoint().unwrap();
    drop(store);
    assert_eq!(index_rows(&path), incremental);
    assert_eq!(names_rows(&path), names);
    assert_eq!(read_indexed(&open(&path)), ["s1", "r1", "s2"]);
}

#[test]
fn reads_through_the_index_equal_a_scan_of_the_stream() {
    let (_dir, path) = new_log();
    for batch in batches() {
        append(&path, &batch);
    }
    let store = open(&path);
    let through = read_indexed(&store);
    let named: Vec<Vec<String>> = ["twg-a", "twg-b", "twg-c"]
        .iter()
        .map(|p| read_naming(&store, Some(p)))
        .collect();
    drop(store);
    sql(
        &path,
        "DROP TABLE accord_reading; DROP TABLE accord_reading_head;",
    );
    let store = open(&path);
    assert_eq!(store.reading_index(), ReadingIndex::Missing);
    assert_eq!(read_indexed(&store), through);
    for (p, through) in ["twg-a", "twg-b", "twg-c"].iter().zip(&named) {
        assert_eq!(&read_naming(&store, Some(p)), through, "{p}");
    }
    // Through the index, the meetings naming each: m0, m1, m3, m4, ... for
    // twg-a; m1, m4, ... for twg-b; none for twg-c (the stage and the
    // retraction come with each).
    assert_eq!(named[0].len(), 3 + 34, "{:?}", named[0]);
    assert_eq!(named[1].len(), 3 + 17, "{:?}", named[1]);
    assert_eq!(named[2], ["s1", "r1", "s2"]);
}

#[test]
fn the_events_after_the_head_it_covers_are_read_from_the_log() {
    let (_dir, path) = new_log();
    let all = batches();
    append(&path, &all[0]);
    let (rows, digest) = index_rows(&path);
    let head_then = open(&path).head().unwrap().seq;
    append(&path, &all[1]);
    append(&path, &all[2]);
    // Put the index back as it stood after the first batch, as if the
    // later ones had been recorded by a writer that left it alone (an
    // older accord, or one that could not write it).
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    sql(
        &path,
        &format!(
            "DELETE FROM accord_reading WHERE event_seq > {head_then};
             UPDATE accord_reading_head SET head_seq = {head_then},
               head_hash = (SELECT hash FROM events WHERE seq = {head_then}),
               digest = X'{hex}';"
        ),
    );
    assert_eq!(index_rows(&path).0, rows);
    let store = open(&path);
    assert_eq!(store.reading_index(), ReadingIndex::Covers(head_then));
    assert_eq!(read_indexed(&store), ["s1", "r1", "s2"]);
}

/// Each kind of damage: the index is ignored (reads are still right), and
/// the next writer starts it afresh.
#[test]
fn stale_or_damaged_index_data_is_detected_and_rebuilt() {
    let cases: [(&str, &str); 6] = [
        (
            "an edited row",
            "UPDATE accord_reading SET event_type = 'stage.started' WHERE event_seq = 2",
        ),
        (
            "a deleted row",
            "DELETE FROM accord_reading WHERE event_seq = 45",
        ),
        (
            "an added row",
            "INSERT INTO accord_reading VALUES (10, 'stage.planned')",
        ),
        (
            "a log restored underneath (another event at its head)",
            "UPDATE accord_reading_head SET head_hash = X'00'",
        ),
        (
            "a head beyond the log",
            "UPDATE accord_reading_head SET head_seq = 1000",
        ),
        (
            "a build with another layout",
            "UPDATE accord_reading_head SET layout = X'00'",
        ),
    ];
    for (what, damage) in cases {
        let (_dir, path) = new_log();
        let all = batches();
        append(&path, &all[0]);
        append(&path, &all[1]);
        sql(&path, damage);
        let store = open(&path);
        assert!(
            matches!(store.reading_index(), ReadingIndex::Ignored(_)),
            "{what}: {:?}",
            store.reading_index()
        );
        assert_eq!(read_indexed(&store), ["s1", "r1"], "{what}");
        drop(store);
        append(&path, &all[2]);
        let store = open(&path);
        let head = store.head().unwrap().seq;
        assert_eq!(store.reading_index(), ReadingIndex::Covers(head), "{what}");
        assert_eq!(read_indexed(&store), ["s1", "r1", "s2"], "{what}");
    }
}

/// Rows naming a partnership that were edited, deleted or added: reads
/// naming it are still right (the stream is scanned), and the next append
/// rebuilds the index.
#[test]
fn damaged_rows_naming_a_partnership_are_detected() {
    for damage in [
        "UPDATE accord_reading_names SET partnership = 'twg-b' WHERE event_seq = (SELECT max(event_seq) FROM accord_reading_names WHERE partnership = 'twg-a')",
        "DELETE FROM accord_reading_names WHERE event_seq = (SELECT min(event_seq) FROM accord_reading_names WHERE partnership = 'twg-a')",
        "INSERT INTO accord_reading_names VALUES ('twg-a', 2)",
        "UPDATE accord_reading_names_head SET digest = X'00' WHERE partnership = 'twg-a'",
    ] {
        let (_dir, path) = new_log();
        let all = batches();
        append(&path, &all[0]);
        append(&path, &all[1]);
        let whole = read_naming(&open(&path), Some("twg-a"));
        sql(&path, damage);
        assert_eq!(read_naming(&open(&path), Some("twg-a")), whole, "{damage}");
        append(&path, &all[2]);
        let store = open(&path);
        assert_eq!(
            store.reading_index(),
            ReadingIndex::Covers(store.head().unwrap().seq)
        );
        assert_eq!(names_rows(&path), {
            let mut store = Store::open(&path, Access::ReadWrite, clock()).unwrap();
            store.rebuild_checkpoint().unwrap();
            names_rows(&path)
        });
    }
}

/// The rows naming partnerships, as stored.
fn names_rows(path: &Path) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT partnership, event_seq FROM accord_reading_names ORDER BY 1, 2")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A directory over three batches: organisations, people, a move, a
/// retraction of a registration (filed under no one entry).
fn directory_batches() -> Vec<Vec<String>> {
    let line = |id: &str, kind: &str, data: &str| {
        format!(r#"{{"id":"{id}","type":"{kind}","occurred_at":"2009-06-01","data":{{{data}}}}}"#)
    };
    vec![
        vec![
            line(
                "o1",
                "organisation.registered",
                r#""org":"moh","name":"Ministry of Health","side":"government""#,
            ),
            line(
                "o2",
                "organisation.registered",
                r#""org":"undp","name":"UNDP","side":"development_partner""#,
            ),
            line(
                "n1",
                "person.registered",
                r#""person":"srey","name":"Srey","org":"moh""#,
            ),
            line(
                "n2",
                "person.registered",
                r#""person":"dara","name":"Dara","org":"undp""#,
            ),
        ],
        vec![
            line("v1", "person.moved", r#""person":"srey","org":"undp""#),
            line(
                "r1",
                "event.retracted",
                r#""event":"n2","reason":"registered twice""#,
            ),
        ],
        vec![line(
            "n3",
            "person.registered",
            r#""person":"kim","name":"Kim","org":"moh""#,
        )],
    ]
}

/// The ids of the directory's events filed under `entries` (and of those
/// filed under none).
fn read_entries(store: &Store, entries: &[&str]) -> Vec<String> {
    let entries: Vec<String> = entries.iter().map(|e| (*e).to_owned()).collect();
    store
        .read_stream_parts(&[StreamPart::directory_entries(&entries)])
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect()
}

/// The directory's rows by entry, as stored.
fn entries_rows(path: &Path) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT entry, event_seq FROM accord_reading_entries ORDER BY 1, 2")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Reads of some entries of the directory: the index files each event
/// under the entry `directory_entry` names (one rule, in Rust and in SQL),
/// caught up batch by batch it equals one built afresh, and reads through
/// it equal a scan of the stream.
#[test]
fn the_directory_is_read_by_entry() {
    let (_dir, path) = new_log();
    for batch in directory_batches() {
        append(&path, &batch);
    }
    let store = open(&path);
    let mut by_rule: Vec<(String, i64)> = store
        .read_stream_parts(&[StreamPart::all("directory")])
        .unwrap()
        .iter()
        .map(|e| (directory_entry(&e.event), e.seq as i64))
        .collect();
    by_rule.sort();
    let incremental = entries_rows(&path);
    assert_eq!(incremental, by_rule);
    assert!(
        incremental.contains(&(ANY_ENTRY.to_owned(), 6)),
        "{incremental:?}"
    );
    let asks: [&[&str]; 4] = [
        &["person:srey"],
        &["person:dara", "org:undp"],
        &["person:kim", "org:moh", "person:nobody"],
        &[],
    ];
    let through: Vec<Vec<String>> = asks.iter().map(|a| read_entries(&store, a)).collect();
    // More entries than a statement can bind: the stream is scanned.
    let many: Vec<String> = (0..40_000).map(|k| format!("person:p{k}")).collect();
    let mut many: Vec<&str> = many.iter().map(String::as_str).collect();
    many.push("person:srey");
    assert_eq!(read_entries(&store, &many), through[0]);
    assert_eq!(through[0], ["n1", "v1", "r1"]);
    assert_eq!(through[1], ["o2", "n2", "r1"]);
    assert_eq!(through[2], ["o1", "r1", "n3"]);
    assert_eq!(through[3], ["r1"]);
    drop(store);
    let mut store = Store::open(&path, Access::ReadWrite, clock()).unwrap();
    store.rebuild_checkpoint().unwrap();
    drop(store);
    assert_eq!(entries_rows(&path), incremental);
    sql(&path, "DROP TABLE accord_reading_entries;");
    let store = open(&path);
    assert_eq!(store.reading_index(), ReadingIndex::Missing);
    for (a, through) in asks.iter().zip(&through) {
        assert_eq!(&read_entries(&store, a), through, "{a:?}");
    }
}

/// Directory rows that were edited, deleted or added, or a damaged digest:
/// reads of those entries are still right (the stream is scanned), and the
/// next append rebuilds the index.
#[test]
fn damaged_directory_rows_are_detected() {
    for damage in [
        "UPDATE accord_reading_entries SET entry = 'person:kim' WHERE entry = 'person:srey' AND event_seq = (SELECT max(event_seq) FROM accord_reading_entries WHERE entry = 'person:srey')",
        "DELETE FROM accord_reading_entries WHERE entry = 'person:srey' AND event_seq = (SELECT min(event_seq) FROM accord_reading_entries WHERE entry = 'person:srey')",
        "DELETE FROM accord_reading_entries WHERE entry = '*'",
        "INSERT INTO accord_reading_entries VALUES ('person:srey', 2)",
        "UPDATE accord_reading_entries_head SET digest = X'00' WHERE entry = 'person:srey'",
    ] {
        let (_dir, path) = new_log();
        let all = directory_batches();
        append(&path, &all[0]);
        append(&path, &all[1]);
        let whole = read_entries(&open(&path), &["person:srey"]);
        assert_eq!(whole, ["n1", "v1", "r1"]);
        sql(&path, damage);
        assert_eq!(
            read_entries(&open(&path), &["person:srey"]),
            whole,
            "{damage}"
        );
        append(&path, &all[2]);
        let store = open(&path);
        assert_eq!(
            store.reading_index(),
            ReadingIndex::Covers(store.head().unwrap().seq),
            "{damage}"
        );
        assert_eq!(read_entries(&store, &["person:srey"]), whole, "{damage}");
        drop(store);
        assert_eq!(
            entries_rows(&path),
            {
                let mut store = Store::open(&path, Access::ReadWrite, clock()).unwrap();
                store.rebuild_checkpoint().unwrap();
                entries_rows(&path)
            },
            "{damage}"
        );
    }
}

/// The last event of the programme that names a partnership, as the index
/// knows it (what saved folds key a partnership's story on): the last
/// meeting naming it; none for a partnership no event names; and no
/// answer when its rows are damaged or the index is gone (the caller then
/// keys on the whole programme stream).
#[test]
fn the_last_event_naming_a_partnership_is_known_or_not_claimed() {
    let (_dir, path) = new_log();
    for batch in batches() {
        append(&path, &batch);
    }
    let store = open(&path);
    let last_seq = |p: &str| {
        store
            .read_all()
            .unwrap()
            .into_iter()
            .filter(|e| e.stream == "programme" && e.event.names_partnership(p))
            .map(|e| e.seq)
            .max()
    };
    let a = store
        .last_naming("twg-a")
        .unwrap()
        .expect("the index answers");
    assert_eq!(a.map(|t| t.seq), last_seq("twg-a"));
    assert!(a.is_some());
    let b = store
        .last_naming("twg-b")
        .unwrap()
        .expect("the index answers");
    assert_eq!(b.map(|t| t.seq), last_seq("twg-b"));
    assert_eq!(store.last_naming("twg-none").unwrap(), Some(None));
    drop(store);
    sql(
        &path,
        "DELETE FROM accord_reading_names WHERE event_seq = (SELECT max(event_seq) FROM accord_reading_names WHERE partnership = 'twg-a')",
    );
    assert_eq!(open(&path).last_naming("twg-a").unwrap(), None);
    sql(&path, "UPDATE accord_reading_head SET head_seq = 1000");
    assert_eq!(open(&path).last_naming("twg-b").unwrap(), None);
}

/// The last event of the programme of the indexed types (what saved
/// folds key a state on) is the one a scan of the stream finds: after
/// each batch (the last one ends with meetings, which the index leaves
/// out), for every one of those types and for one alone, with the index
/// and without it.
#[test]
fn the_last_event_of_the_indexed_types_is_the_scans() {
    let (_dir, path) = new_log();
    let scanned = |store: &Store, types: &[&str]| {
        store
            .read_stream_parts(&[StreamPart {
                types: Some(types),
                ..StreamPart::all("programme")
            }])
            .unwrap()
            .last()
            .map(|e| (e.seq, e.hash))
    };
    let asks: [&[&str]; 3] = [&INDEXED_TYPES, &["stage.planned"], &["event.retracted"]];
    let each_as_scanned = |store: &Store| {
        for types in asks {
            let last = store.last_of_types("programme", types).unwrap();
            assert_eq!(
                last.map(|t| (t.seq, t.hash)),
                scanned(store, types),
                "{types:?}"
            );
        }
    };
    for batch in batches() {
        append(&path, &batch);
        let store = open(&path);
        assert!(matches!(store.reading_index(), ReadingIndex::Covers(_)));
        each_as_scanned(&store);
    }
    let store = open(&path);
    let retracted = store
        .last_of_types("programme", &["event.retracted"])
        .unwrap();
    assert!(retracted.is_some(), "the test's premise");
    drop(store);
    sql(&path, "DROP TABLE accord_reading;");
    let store = open(&path);
    assert_eq!(store.reading_index(), ReadingIndex::Missing);
    each_as_scanned(&store);
}

/// `StreamPart::admits` (a part decided on an event in memory, for readers
/// that keep a copy of a stream) gives what the store's reads give: for
/// parts by type, naming a partnership, by directory entry, up to a date
/// and after a position; through the reading index and without it.
#[test]
fn a_part_decided_in_memory_is_the_part_the_store_reads() {
    let (_dir, path) = new_log();
    for (a, b) in batches().into_iter().zip(directory_batches()) {
        append(&path, &a);
        // Both lists retract an event under the id r1.
        let b: Vec<String> = b.iter().map(|l| l.replace(r#""r1""#, r#""rd""#)).collect();
        append(&path, &b);
    }
    let types = ["stage.planned", "event.retracted"];
    let except = ["event.retracted"];
    let until = accord_events::store::Until {
        day: chrono::NaiveDate::from_ymd_opt(2009, 7, 10).unwrap(),
        except: &except,
    };
    let entries = vec!["person:srey".to_owned(), "org:moh".to_owned()];
    let mut parts = vec![];
    for after in [None, Some(3), Some(30), Some(1000)] {
        for naming in [None, Some("twg-a"), Some("twg-c")] {
            for until in [None, Some(until)] {
                parts.push(StreamPart {
                    types: Some(&types),
                    naming,
                    until,
                    after,
                    ..StreamPart::all("programme")
                });
            }
        }
        parts.push(StreamPart {
            after,
            ..StreamPart::directory_entries(&entries)
        });
        parts.push(StreamPart {
            after,
            until: Some(until),
            ..StreamPart::all("programme")
        });
    }
    let ids = |store: &Store, part: &StreamPart| -> Vec<String> {
        store
            .read_stream_parts(std::slice::from_ref(part))
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect()
    };
    let store = open(&path);
    assert!(matches!(store.reading_index(), ReadingIndex::Covers(_)));
    let all = store.read_all().unwrap();
    let mut read = vec![];
    for part in &parts {
        let in_memory: Vec<String> = all
            .iter()
            .filter(|e| part.admits(e))
            .map(|e| e.id.clone())
            .collect();
        assert_eq!(ids(&store, part), in_memory, "{part:?}");
        read.push(in_memory);
    }
    // Parts are not all alike: some read nothing, some events.
    assert!(read.iter().any(Vec::is_empty) && read.iter().filter(|r| r.len() > 3).count() > 4);
    drop(store);
    sql(
        &path,
        "DROP TABLE accord_reading; DROP TABLE accord_reading_entries;",
    );
    let store = open(&path);
    assert_eq!(store.reading_index(), ReadingIndex::Missing);
    for (part, in_memory) in parts.iter().zip(&read) {
        assert_eq!(&ids(&store, part), in_memory, "{part:?}");
    }
}
