//! Hostile input. A corpus of malformed and adversarial events
//! (`tests/fixtures/hostile/`, made by `make_corpus.py` there), inputs too
//! big to keep in the repository, and property tests that generate random
//! input: accord never panics, refuses bad input with exit 1 and an error
//! naming the line and the field, and leaves the log byte-for-byte
//! unchanged; adversarial but valid input is stored and read back exactly.
//!
//! The limits (events/src/input.rs, events/src/fields.rs, serde_json):
//! a line at most 1 MiB; free text at most 20,000 characters; names and
//! titles 300; lists 1,000 items; event ids 1–128 printable characters;
//! operator names 1–64; `source` 2,000; entity ids
//! `[a-z0-9][a-z0-9._-]{0,63}`; JSON nesting at most 128 deep; integers
//! must fit their field (stage and version 1..2^32-1, scores i64); no
//! floats, NaN or infinities; duplicate keys refused at any depth; at most
//! 50 bad lines are listed per batch.

mod common;

use std::path::{Path, PathBuf};

use accord_generate::batches::Directory;
use common::*;
use proptest::prelude::*;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// A small log to append hostile batches to, checkpointed so that its file
/// alone holds it.
fn base_log() -> Log {
    let log = Log::init();
    log.append(&Directory::new(2, 2).events());
    checkpoint(&log.db);
    log
}

/// The bytes of the log's files; a refused append must leave them equal.
fn snapshot(db: &Path) -> (Vec<u8>, Option<Vec<u8>>) {
    (
        std::fs::read(db).unwrap(),
        std::fs::read(format!("{}-wal", db.display()))
            .ok()
            .filter(|w| !w.is_empty()),
    )
}

/// Why a run is not a clean refusal naming `line` and `field`, if it is not.
fn refusal_problem(r: Run, line: usize, field: &str) -> Option<String> {
    let r = r.no_panic();
    let want = if field.is_empty() {
        format!("line {line}:")
    } else {
        format!("line {line}: {field}")
    };
    if r.code != Some(1) {
        Some(format!(
            "exit {:?}, not 1: {}{}",
            r.code, r.stdout, r.stderr
        ))
    } else if !r.stderr.contains(&want) {
        Some(format!("the error does not name {want:?}:\n{}", r.stderr))
    } else if !r.stderr.contains("the log is unchanged") || !r.stdout.is_empty() {
        Some(format!("unexpected output: {}{}", r.stdout, r.stderr))
    } else {
        None
    }
}

#[test]
fn the_hostile_corpus_is_refused_cleanly_and_the_log_is_unchanged() {
    let manifest = std::fs::read_to_string(corpus().join("MANIFEST.tsv")).unwrap();
    let log = base_log();
    let before = snapshot(&log.db);
    let mut cases = 0;
    let mut problems = Vec::new();
    let mut listed = std::collections::HashSet::new();
    for row in manifest.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (file, line, field) = (cols[0], cols[1].parse::<usize>().unwrap(), cols[2]);
        listed.insert(file.to_owned());
        let path = corpus().join("reject").join(file);
        let bytes = std::fs::read(&path).unwrap();
        // From a file, and from stdin.
        let r = run(&log.db, &["append", path.to_str().unwrap()]);
        if let Some(p) = refusal_problem(r, line, field) {
            problems.push(format!("{file}: {p}"));
        }
        let r = run_stdin(&log.db, &["append"], &bytes);
        if let Some(p) = refusal_problem(r, line, field) {
            problems.push(format!("{file} (stdin): {p}"));
        }
        if snapshot(&log.db) != before {
            problems.push(format!("{file}: the log's file changed"));
            // Put the log back so that the next cases start from it.
            std::fs::write(&log.db, &before.0).unwrap();
            let _ = std::fs::remove_file(format!("{}-wal", log.db.display()));
            let _ = std::fs::remove_file(format!("{}-shm", log.db.display()));
        }
        cases += 1;
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for entry in std::fs::read_dir(corpus().join("reject")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(listed.contains(&name), "{name} is not in MANIFEST.tsv");
    }
    let (code, v) = log.verify(None);
    assert_eq!(code, 0, "{v}");
    report(
        "hostile-corpus",
        &format!(
            "{cases} hostile batches (tests/fixtures/hostile/reject), each from a file and from stdin: all refused with exit 1 naming the line and field, 0 panics, the log file byte-for-byte unchanged"
        ),
    );
}

/// Adversarial but valid batches are stored whole and read back exactly as
/// given: ids, business time, operator, source and data (as JSON values).
#[test]
fn adversarial_valid_input_is_stored_and_read_back_exactly() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus().join("accept"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut events = 0;
    for path in &files {
        let log = Log::init();
        let r = run(&log.db, &["append", path.to_str().unwrap()]).expect(0);
        let given: Vec<serde_json::Value> = std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l.trim_end_matches('\r')).unwrap())
            .collect();
        assert_eq!(
            r.stdout.trim(),
            format!("appended {}, skipped 0", given.len()),
            "{path:?}"
        );
        let stored: Vec<serde_json::Value> = run(&log.db, &["--json", "log"])
            .expect(0)
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(stored.len(), given.len());
        for (g, s) in given.iter().zip(&stored) {
            assert_eq!(g["data"], s["data"], "{path:?}");
            assert_eq!(g["occurred_at"], s["occurred_at"], "{path:?}");
            if let Some(id) = g.get("id") {
                assert_eq!(id, &s["id"], "{path:?}");
            }
            let source = g.get("source").cloned().unwrap_or(serde_json::Value::Null);
            assert_eq!(source, s["source"], "{path:?}");
            let by = g.get("recorded_by").cloned().unwrap_or("stress".into());
            assert_eq!(by, s["recorded_by"], "{path:?}");
        }
        // The export verifies and restores; the restored log is the same.
        let export = log.path("export.jsonl");
        std::fs::write(&export, run(&log.db, &["export"]).expect(0).stdout).unwrap();
        run(&log.db, &["verify", "--file", export.to_str().unwrap()]).expect(0);
        let restored = log.path("restored.db");
        run(&restored, &["restore", export.to_str().unwrap()]).expect(0);
        assert_eq!(
            run(&restored, &["export"]).expect(0).stdout,
            std::fs::read_to_string(&export).unwrap()
        );
        // Appending the same file again skips every event.
        let r = run(&log.db, &["append", path.to_str().unwrap()]).expect(0);
        assert_eq!(
            r.stdout.trim(),
            format!("appended 0, skipped {}", given.len())
        );
        events += given.len();
    }
    report(
        "hostile-accept",
        &format!(
            "{} adversarial but valid batches ({events} events: Khmer, Arabic, RTL override, emoji, combining marks, HTML, formulas, maximum sizes, odd offsets, CRLF) stored and read back exactly; exports verify and restore byte for byte; re-appends skip every event",
            files.len()
        ),
    );
}

/// Inputs too big to keep in the repository: lines beyond 1 MiB, a file
/// of many bad lines, a long run of blank lines. Memory stays bounded
/// (the reader never holds more than one line), the error names the line.
#[test]
fn oversized_input_is_refused_with_the_line_named() {
    let log = base_log();
    let before = snapshot(&log.db);
    let ok = r#"{"id":"big-0","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"big","name":"Big","side":"academic"}}"#;
    let mut tried = 0;
    let mut check = |bytes: Vec<u8>, line: usize, field: &str, what: &str| {
        let f = log.path("big.jsonl");
        std::fs::write(&f, &bytes).unwrap();
        let r = run(&log.db, &["append", f.to_str().unwrap()]);
        if let Some(p) = refusal_problem(r, line, field) {
            panic!("{what}: {p}");
        }
        assert!(
            snapshot(&log.db) == before,
            "{what}: the log's file changed"
        );
        tried += 1;
    };
    let mib = 1 << 20;
    // A line one byte over the limit, and one far over it (a text field of
    // many megabytes), each followed by a good line that must still be read.
    for (len, what) in [(mib + 1, "1 MiB + 1"), (size(8, 200) * mib, "many MiB")] {
        let mut line = br#"{"type":"stage.completed","occurred_at":"2009-06-02","data":{"stage":1,"summary":""#.to_vec();
        line.resize(len - 3, b'x');
        line.extend_from_slice(b"\"}}");
        assert_eq!(line.len(), len);
        let mut bytes = format!("{ok}\n").into_bytes();
        bytes.extend_from_slice(&line);
        bytes.extend_from_slice(b"\n{\"bad\":1}\n");
        check(bytes, 2, "line", what);
    }
    // The line-length limit is exact: 1 MiB is read (and refused for its text).
    let mut line =
        br#"{"type":"stage.completed","occurred_at":"2009-06-02","data":{"stage":1,"summary":""#
            .to_vec();
    line.resize(mib - 3, b'x');
    line.extend_from_slice(b"\"}}");
    check(line, 1, "data.summary", "exactly 1 MiB");
    // 100,000 bad lines: the first 50 are listed, then accord stops reading.
    let bad: String = (0..100_000).map(|i| format!("{{\"n\":{i}}}\n")).collect();
    check(bad.into_bytes(), 1, "n", "100,000 bad lines");
    // A million blank lines, then a bad one: its number is right.
    let mut blank = "\n".repeat(1_000_000).into_bytes();
    blank.extend_from_slice(b"{\"type\":\"nope\",\"occurred_at\":\"2009-06-01\",\"data\":{}}\n");
    check(blank, 1_000_001, "type", "a million blank lines");
    report(
        "hostile-oversized",
        &format!(
            "{tried} oversized inputs (lines of 1 MiB + 1 and {} MiB, 100,000 bad lines, 1,000,000 blank lines): all refused naming the line, log unchanged",
            size(8, 200)
        ),
    );
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2010, 6, 1).unwrap()
}

/// Random JSON, with the shapes events have more often than chance would give.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,40}".prop_map(Value::String),
        prop::sample::select(vec![
            "moh",
            "twg-health",
            "2009-06-01",
            "government",
            "a1",
            "",
            "1"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    prop::sample::select(vec![
                        "org",
                        "name",
                        "side",
                        "stage",
                        "agreement",
                        "version",
                        "by",
                        "review",
                        "respondent",
                        "scores",
                        "partnership",
                        "role",
                        "text",
                        "engagement"
                    ])
                    .prop_map(String::from),
                    "[a-z_]{1,12}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A line that is almost an event: a real type, a plausible date, random data.
fn event_like() -> impl Strategy<Value = String> {
    let kinds: Vec<&'static str> = accord_events::EventKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect();
    (
        prop::sample::select(kinds),
        prop_oneof![
            Just("2009-06-01".to_owned()),
            "[0-9]{4}-[0-9]{2}-[0-9]{2}",
            ".{0,30}"
        ],
        json_value(),
        prop::option::of(".{0,20}"),
    )
        .prop_map(|(kind, date, data, id)| {
            let mut v = serde_json::json!({"type": kind, "occurred_at": date, "data": data});
            if let Some(id) = id {
                v["id"] = id.into();
            }
            v.to_string()
        })
}

/// A valid line with one byte changed.
fn mutated_valid() -> impl Strategy<Value = Vec<u8>> {
    let lines = Directory::new(2, 2).events();
    (
        prop::sample::select(lines),
        any::<prop::sample::Index>(),
        any::<u8>(),
    )
        .prop_map(|(l, i, b)| {
            let mut bytes = l.into_bytes();
            let at = i.index(bytes.len());
            bytes[at] = b;
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: size(2000, 50_000) as u32,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// parse_line never panics; an error names the line and a field.
    #[test]
    fn parsing_random_text_never_panics(text in ".{0,400}", line in 1usize..10_000) {
        if let Err(e) = accord_events::input::parse_line(line, &text, today()) {
            prop_assert_eq!(e.line, line);
            prop_assert!(!e.field.is_empty() && !e.message.is_empty());
        }
    }

    #[test]
    fn parsing_event_like_json_never_panics(text in event_like()) {
        match accord_events::input::parse_line(3, &text, today()) {
            Err(e) => {
                prop_assert_eq!(e.line, 3);
                prop_assert!(!e.field.is_empty() && !e.message.is_empty());
            }
            // Whatever is accepted decodes back from its stored form, which
            // is canonical (made again from its own value, it is the same).
            Ok(ev) => {
                let stored = ev.canonical_data();
                prop_assert_eq!(stored, accord_events::json::canonical(&ev.data()));
                let back: serde_json::Value = serde_json::from_str(stored).unwrap();
                prop_assert!(accord_events::Event::decode(ev.kind(), &back).is_ok());
            }
        }
    }

    #[test]
    fn parsing_mutated_events_never_panics(bytes in mutated_valid()) {
        if let Ok(text) = std::str::from_utf8(&bytes)
            && let Err(e) = accord_events::input::parse_line(1, text, today())
        {
            prop_assert!(!e.field.is_empty());
        }
    }
}

/// Random batches through the binary: a few valid events and random lines,
/// in random order. The binary never panics; a refusal (exit 1) names a
/// line and leaves the log file byte-for-byte unchanged; an acceptance
/// leaves a log that verifies.
#[test]
fn random_batches_through_the_binary() {
    use proptest::test_runner::{Config, TestRunner};
    let cases = size(48, 1000);
    let log = base_log();
    let valid = Directory::new(2, 2).events();
    let line = prop_oneof![
        3 => event_like().prop_map(String::into_bytes),
        2 => mutated_valid(),
        1 => prop::collection::vec(any::<u8>(), 0..200),
        8 => prop::sample::select(valid).prop_map(String::into_bytes),
    ];
    let batch = prop::collection::vec(line, 1..8);
    let mut runner = TestRunner::new(Config {
        cases: cases as u32,
        failure_persistence: None,
        ..Config::default()
    });
    let counts = std::cell::Cell::new((0usize, 0usize));
    runner
        .run(&batch, |lines| {
            let mut input = Vec::new();
            for l in &lines {
                let l: Vec<u8> = l.iter().copied().filter(|b| *b != b'\n').collect();
                input.extend_from_slice(&l);
                input.push(b'\n');
            }
            checkpoint(&log.db);
            let before = snapshot(&log.db);
            let r = run_stdin(&log.db, &["append"], &input).no_panic();
            let (mut a, mut f) = counts.get();
            match r.code {
                Some(1) => {
                    f += 1;
                    prop_assert!(r.stderr.contains("line "), "{}", r.stderr);
                    prop_assert!(
                        snapshot(&log.db) == before,
                        "a refused batch changed the log"
                    );
                }
                Some(0) => {
                    a += 1;
                    let (code, v) = log.verify(None);
                    prop_assert_eq!(code, 0, "{}", v);
                }
                other => prop_assert!(false, "exit {:?}: {}", other, r.stderr),
            }
            counts.set((a, f));
            Ok(())
        })
        .unwrap();
    let (accepted, refused) = counts.get();
    let (code, v) = log.verify(None);
    assert_eq!(code, 0, "{v}");
    report(
        "hostile-proptest",
        &format!(
            "property tests: {} random texts, {} event-like JSON lines and {} mutated events through the parser, \
             {cases} random batches through the binary ({accepted} accepted and verified, {refused} refused with the \
             line named and the log file unchanged); 0 panics",
            size(2000, 50_000),
            size(2000, 50_000),
            size(2000, 50_000)
        ),
    );
}

/// One field of an event type, read from `EventKind::fields()` (the
/// catalogue's own description, so the fuzzer follows the catalogue).
#[derive(Clone, Debug)]
struct FieldSpec {
    name: String,
    optional: bool,
    list: bool,
    choices: Vec<String>,
}

fn field_specs(kind: accord_events::EventKind) -> Vec<FieldSpec> {
    let text = kind.fields();
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '[' | '{' | '(' => depth += 1,
            ']' | '}' | ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
        .into_iter()
        .map(|p| {
            let p = p.trim();
            let name: String = p
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            let ty = p.split_once(':').map(|(_, t)| t.trim()).unwrap_or("");
            let choices = if ty.contains('|') {
                ty.trim_matches(|c| c == '[' || c == ']' || c == '?')
                    .split('|')
                    .map(|s| s.trim().trim_end_matches(['?', ']']).to_owned())
                    .collect()
            } else {
                vec![]
            };
            FieldSpec {
                name,
                optional: p.contains('?'),
                list: ty.starts_with('['),
                choices,
            }
        })
        .collect()
}

/// A value for a field: ids drawn from what the base log holds plus
/// ghosts, small numbers around the edges, a few dates.
fn field_value(f: &FieldSpec) -> BoxedStrategy<serde_json::Value> {
    use serde_json::Value;
    let pick = |v: Vec<&'static str>| prop::sample::select(v).prop_map(Value::from).boxed();
    let orgs = vec!["gov0", "gov1", "dp0", "dp1", "ghost-org", "new-org"];
    let people = vec![
        "gov0-p0",
        "gov0-p1",
        "gov1-p0",
        "dp0-p0",
        "dp1-p1",
        "ghost-person",
        "new-person",
    ];
    let scalar = match f.name.as_str() {
        _ if !f.choices.is_empty() => {
            let c: Vec<Value> = f.choices.iter().map(|s| Value::from(s.as_str())).collect();
            prop::sample::select(c).boxed()
        }
        "org" | "owner" | "host" | "commissioned_by" | "facilitators" => pick(orgs),
        "person" | "by" | "proposed_by" | "revised_by" | "respondent" | "reported_by"
        | "attendees" | "interviewees" => pick(people),
        "partnership" | "partnerships" => pick(vec!["p0", "p1", "p2", "ghost-p", "new-p"]),
        "agreement" => pick(vec!["p0-a0", "p0-a1", "p1-a0", "p2-a2", "ghost-a", "new-a"]),
        "review" => pick(vec!["p0-r0", "p1-r1", "p2-r0", "ghost-r", "new-r"]),
        "commitment" => pick(vec!["p0-c0", "p0-c1", "p1-c2", "ghost-c", "new-c"]),
        "framework" => pick(vec!["effectiveness", "ghost-f", "new-f"]),
        "finding" | "interview" | "meeting" | "activity" => {
            pick(vec!["p0-f0", "x1", "x2", "new-x"])
        }
        "origin" => pick(vec!["p0-r0", "p0-a0", "x1", "ghost-o"]),
        "event" => pick(vec![
            "dir-gov0",
            "p0-e1",
            "p0-e3",
            "p0-e7",
            "p1-e12",
            "dir-stage-1",
            "ghost-event",
        ]),
        "stage" | "version" => (0u32..5).prop_map(Value::from).boxed(),
        "scale_min" | "scale_max" | "participants" => (-2i64..8).prop_map(Value::from).boxed(),
        "due" | "starts_on" | "ends_on" | "next_due" => {
            pick(vec!["2009-01-01", "2009-06-15", "2009-12-31", "2010-05-31"])
        }
        "scores" => prop::collection::btree_map(
            prop::sample::select(vec![
                "shared_goal",
                "co_creation",
                "engagement",
                "review_revision",
                "ghost",
            ]),
            -1i64..7,
            0..4,
        )
        .prop_map(|m| {
            Value::Object(
                m.into_iter()
                    .map(|(k, v)| (k.to_owned(), Value::from(v)))
                    .collect(),
            )
        })
        .boxed(),
        "criteria" => prop::collection::vec(
            prop::sample::select(vec!["c1", "c2", "c3"])
                .prop_map(|id| serde_json::json!({"id": id, "label": "A criterion"})),
            0..3,
        )
        .prop_map(Value::Array)
        .boxed(),
        _ => pick(vec!["Some text", "Ministry of Health", "ក្រសួង"]),
    };
    if f.list && f.choices.is_empty() && f.name != "criteria" || f.list && !f.choices.is_empty() {
        prop::collection::vec(scalar, 0..3)
            .prop_map(serde_json::Value::Array)
            .boxed()
    } else {
        scalar
    }
}

/// A random event of a random type, its fields filled from the pools.
fn fuzzed_event() -> impl Strategy<Value = String> {
    let kinds: Vec<accord_events::EventKind> = accord_events::EventKind::ALL.to_vec();
    prop::sample::select(kinds).prop_flat_map(|kind| {
        let fields: Vec<BoxedStrategy<Option<(String, serde_json::Value)>>> = field_specs(kind)
            .into_iter()
            .map(|f| {
                let name = f.name.clone();
                let v = field_value(&f).prop_map(move |v| Some((name.clone(), v)));
                if f.optional {
                    prop_oneof![Just(None), v].boxed()
                } else {
                    v.boxed()
                }
            })
            .collect();
        (
            fields,
            prop::sample::select(vec!["2009-01-05", "2009-03-01", "2009-06-15", "2010-05-31"]),
        )
            .prop_map(move |(fields, day)| {
                let data: serde_json::Map<String, serde_json::Value> =
                    fields.into_iter().flatten().collect();
                serde_json::json!({"type": kind.as_str(), "occurred_at": day, "data": data})
                    .to_string()
            })
    })
}

/// Rule fuzzing, in process: random but well-formed events of every type,
/// naming entities that exist and some that do not, appended in random
/// batches to a populated log. The rules never panic, every refusal is a
/// rule or input error, an accepted batch leaves a log that verifies.
#[test]
fn fuzzed_events_never_make_the_rules_panic() {
    use accord_events::store::{Access, AppendError, AppendOptions, Store};
    use proptest::test_runner::{Config, TestRunner};
    let cases = size(250, 20_000);
    let base = Log::init();
    let dir = Directory::new(2, 2);
    base.append(&dir.events());
    let mut rng = accord_generate::Rng::new(seed(0xF022));
    for p in 0..3 {
        base.append(&accord_generate::batches::partnership(
            &mut rng,
            &dir,
            &format!("p{p}"),
            accord_generate::batches::Shape::default(),
        ));
    }
    checkpoint(&base.db);
    let clock = accord_events::Clock::Fixed(
        chrono::DateTime::parse_from_rfc3339(NOW)
            .unwrap()
            .with_timezone(&chrono::Utc),
    );
    let work = tempfile::tempdir().unwrap();
    let counts = std::cell::Cell::new((0usize, 0usize, 0usize)); // accepted batches, refused, events accepted
    let mut runner = TestRunner::new(Config {
        cases: cases as u32,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&prop::collection::vec(fuzzed_event(), 1..6), |lines| {
            let db = work.path().join("fuzz.db");
            for ext in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
            }
            std::fs::copy(&base.db, &db).unwrap();
            let mut store = Store::open(&db, Access::ReadWrite, clock).unwrap();
            // Each line alone, then the whole batch: one event at a time
            // builds up state that later ones act on.
            let (mut a, mut r, mut n) = counts.get();
            for chunk in lines
                .iter()
                .map(std::slice::from_ref)
                .chain(std::iter::once(&lines[..]))
            {
                let events = chunk
                    .iter()
                    .enumerate()
                    .map(|(i, l)| accord_events::input::parse_line(i + 1, l, today()));
                match store.append(
                    events,
                    &AppendOptions {
                        operator: Some("fuzz"),
                        progress: None,
                        ..AppendOptions::default()
                    },
                ) {
                    Ok(o) => {
                        a += 1;
                        n += o.appended as usize;
                    }
                    Err(
                        AppendError::Rule { .. }
                        | AppendError::Input(_)
                        | AppendError::IdConflict { .. },
                    ) => r += 1,
                    Err(other) => prop_assert!(false, "not a rule or input error: {:?}", other),
                }
            }
            counts.set((a, r, n));
            let report = store.verify(None, |_| {}).unwrap();
            prop_assert!(report.ok(), "{:?}", report.breach);
            // The rule state rebuilt from the log agrees with the one kept
            // in memory: a fresh store accepts and refuses the same.
            drop(store);
            let _ = Store::open(&db, Access::ReadOnly, clock)
                .unwrap()
                .read_all()
                .unwrap();
            Ok(())
        })
        .unwrap();
    let (accepted, refused, events) = counts.get();
    report(
        "hostile-rulefuzz",
        &format!(
            "rule fuzzing: {cases} cases of 1-5 random well-formed events of every type (existing and unknown ids, edge \
             numbers and dates) appended one by one and as a batch to a populated log: {accepted} appends accepted \
             ({events} events), {refused} refused by a rule or input check, 0 panics, every log verified and re-read"
        ),
    );
}
