//! `accord status` saves what each stream gave beside the log and, in the
//! same view, folds again only the streams that changed (saved folds,
//! `src/commands/folds.rs`). These tests hold what it prints from saved
//! folds to the whole log's fold, after each of several appended batches,
//! and show that saved folds which no longer match the log (edited rows, a
//! log restored underneath) are never trusted. The folds are kept in a
//! file of their own beside the log (`<log>.folds`).

use std::path::{Path, PathBuf};

use accord_events::clock::Clock;
use accord_events::store::{Access, Store};
use accord_projections::{ProgrammeStatus, View};
use assert_cmd::Command;
use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::Value;

fn run(db: &Path, now: &str, args: &[&str], stdin: Option<&[u8]>) -> Vec<u8> {
    let mut cmd = Command::cargo_bin("accord").unwrap();
    cmd.env("ACCORD_NOW", now)
        .env("ACCORD_DB", db)
        .env("ACCORD_USER", "secretariat")
        .env_remove("ACCORD_LANG")
        .args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    out.stdout
}

/// `status --json` without its head.
fn status(db: &Path, now: &str, flags: &[&str]) -> Value {
    let out = run(db, now, &[&["status", "--json"], flags].concat(), None);
    let mut v: Value = serde_json::from_slice(&out).unwrap();
    v.as_object_mut().unwrap().remove("head");
    v
}

/// The status of the whole log folded in one pass, by the projections'
/// own build: what saved folds must never change.
fn whole(db: &Path, view: &View) -> Value {
    let store = Store::open(db, Access::ReadOnly, Clock::System).unwrap();
    let events = store.read_all().unwrap();
    serde_json::to_value(ProgrammeStatus::build(&events, view)).unwrap()
}

/// The file the saved folds are kept in, beside the log.
fn fold_file(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}.folds", db.display()))
}

/// How many folds are saved beside the log.
fn saved_rows(db: &Path) -> i64 {
    if !fold_file(db).exists() {
        return 0;
    }
    let conn = rusqlite::Connection::open(fold_file(db)).unwrap();
    conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE name = 'accord_folds'",
        [],
        |r| r.get::<_, i64>(0),
    )
    .and_then(|n| {
        if n == 0 {
            return Ok(0);
        }
        conn.query_row("SELECT count(*) FROM accord_folds", [], |r| r.get(0))
    })
    .unwrap()
}

/// A generated programme's lines, and a new log to append them to.
fn generated(seed: u64, events: usize) -> (tempfile::TempDir, PathBuf, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("accord.db");
    let now = "2026-01-01T00:00:00Z";
    let n = events.to_string();
    let s = seed.to_string();
    let lines = run(
        &db,
        now,
        &[
            "generate",
            "--events",
            &n,
            "--partnerships",
            "6",
            "--seed",
            &s,
        ],
        None,
    );
    let lines = String::from_utf8(lines)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    run(&db, now, &["init"], None);
    (dir, db, lines)
}

fn append(db: &Path, now: &str, lines: &[String]) {
    let mut input = lines.join("\n");
    input.push('\n');
    run(db, now, &["append"], Some(input.as_bytes()));
}

/// The clock of batch `k`: each batch is recorded a day after the one
/// before, so that `--known-at` can cut between them.
fn batch_time(k: usize) -> String {
    format!("2026-01-{:02}T00:00:00Z", k + 2)
}

/// Appends the generated programme of `seed` in three batches (cut at
/// `cuts` per cent) and, after each, asks for `status` in the views of
/// `days` (as-of, days after 2004-01-01) and `known` (a batch's clock, or
/// none when 3 or more): the status from a fold and from saved folds must
/// both be the whole log's.
fn saved_folds_equal_the_whole_fold(
    seed: u64,
    cuts: (usize, usize),
    days: &[i64],
    known: &[usize],
) -> Result<(), TestCaseError> {
    let (_dir, db, lines) = generated(seed, 700);
    let (a, b) = (cuts.0.min(cuts.1), cuts.0.max(cuts.1));
    let at = |pc: usize| lines.len() * pc / 100;
    let batches = [&lines[..at(a)], &lines[at(a)..at(b)], &lines[at(b)..]];
    // The views asked for after every batch: the same each time, so
    // that what was saved before a batch is there to be (not) used.
    let first = NaiveDate::from_ymd_opt(2004, 1, 1).unwrap();
    let views: Vec<(String, Option<usize>)> = days
        .iter()
        .zip(known)
        .map(|(d, k)| {
            (
                (first + chrono::Duration::days(*d)).to_string(),
                Some(*k).filter(|k| *k < 3),
            )
        })
        .collect();
    for (k, batch) in batches.iter().enumerate() {
        append(&db, &batch_time(k), batch);
        let now = batch_time(k);
        for (as_of, cut) in &views {
            let known_at = cut.map(|c| format!("{}.000000Z", &batch_time(c)[..19]));
            let mut flags = vec!["--as-of", as_of.as_str()];
            if let Some(t) = &known_at {
                flags.extend(["--known-at", t.as_str()]);
            }
            let view = View {
                as_of: as_of.parse().unwrap(),
                known_at: known_at.clone(),
            };
            let reference = whole(&db, &view);
            let folded = status(&db, &now, &flags);
            prop_assert_eq!(&folded, &reference, "batch {} folded, {:?}", k, flags);
            let saved = status(&db, &now, &flags);
            prop_assert_eq!(
                &saved,
                &reference,
                "batch {} from saved folds, {:?}",
                k,
                flags
            );
        }
    }
    prop_assert!(saved_rows(&db) > 0, "status saved its folds");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4))]

    /// After each of several appended batches, in random views (as-of
    /// dates, known-at cuts), `status` prints the whole log's status both
    /// when it folds and saves and when it reads what it saved; and what it
    /// saved in a view before a batch is not used after it.
    #[test]
    fn status_from_saved_folds_equals_the_whole_fold_after_each_batch(
        seed in 1u64..1000,
        cuts in (1usize..99, 1usize..99),
        days in proptest::collection::vec(0i64..8000, 3),
        known in proptest::collection::vec(0usize..4, 3),
    ) {
        saved_folds_equal_the_whole_fold(seed, cuts, &days, &known)?;
    }
}

/// The case CI's run of the property above found (stop 24).
#[test]
fn saved_folds_case_found_by_ci() {
    saved_folds_equal_the_whole_fold(284, (33, 9), &[2976, 7602, 1065], &[3, 3, 0]).unwrap();
}

/// The built-in example: its text (stages, criteria labels, translations)
/// is the same, byte for byte, from saved folds as from a fold, in English
/// and in Khmer.
#[test]
fn status_text_from_saved_folds_is_the_folded_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("accord.db");
    let now = "2010-12-31T12:00:00Z";
    run(&db, now, &["init", "--example", "cambodia"], None);
    for flags in [
        vec!["status"],
        vec!["status", "--lang", "km"],
        vec!["status", "--as-of", "2010-03-31"],
    ] {
        let folded = run(&db, now, &flags, None);
        assert!(saved_rows(&db) > 0, "{flags:?} saved its folds");
        let saved = run(&db, now, &flags, None);
        assert_eq!(
            String::from_utf8(saved).unwrap(),
            String::from_utf8(folded).unwrap(),
            "{flags:?}"
        );
    }
}

/// Under `--read-only` nothing is saved, and the status is the same.
#[test]
fn read_only_status_saves_nothing() {
    let (_dir, db, lines) = generated(7, 300);
    let now = batch_time(0);
    append(&db, &now, &lines);
    let out = run(&db, &now, &["--read-only", "status", "--json"], None);
    assert_eq!(saved_rows(&db), 0);
    assert_eq!(out, run(&db, &now, &["status", "--json"], None));
    assert!(saved_rows(&db) > 0);
}

/// A saved fold whose row was edited (here: one partnership's body
/// written over another's, still a valid fold) fails its seal and is
/// folded again.
#[test]
fn edited_saved_folds_are_not_used() {
    let (_dir, db, lines) = generated(11, 500);
    let now = batch_time(0);
    append(&db, &now, &lines);
    let reference = status(&db, &now, &[]);
    let conn = rusqlite::Connection::open(fold_file(&db)).unwrap();
    let rows: Vec<(String, Vec<u8>)> = conn
        .prepare("SELECT stream, body FROM accord_folds WHERE stream LIKE 'partnership:%' ORDER BY stream")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(rows.len() >= 2, "{rows:?}");
    assert_ne!(rows[0].1, rows[1].1);
    conn.execute(
        "UPDATE accord_folds SET body = ?1 WHERE stream = ?2",
        rusqlite::params![rows[0].1, rows[1].0],
    )
    .unwrap();
    drop(conn);
    assert_eq!(status(&db, &now, &[]), reference);
}

/// Saved folds copied under a log whose streams hold other events (a log
/// restored underneath them: same streams, other content) are not used.
#[test]
fn saved_folds_of_another_log_are_not_used() {
    let (_dir, db, lines) = generated(21, 600);
    let now = batch_time(0);
    let half = lines.len() / 2;
    append(&db, &now, &lines[..half]);
    // A second log with the same first half, then the rest: the folds of
    // the first log, saved after its first half, are copied into it.
    let other = db.with_file_name("other.db");
    run(&other, &now, &["init"], None);
    append(&other, &now, &lines[..half]);
    append(&other, &batch_time(1), &lines[half..]);
    append(&db, &batch_time(1), &lines[half..half + 1]);
    let later = batch_time(2);
    let expected = status(&other, &later, &["--read-only"]);
    status(&db, &later, &[]);
    std::fs::copy(fold_file(&db), fold_file(&other)).unwrap();
    assert!(saved_rows(&other) > 0);
    assert_eq!(status(&other, &later, &[]), expected);
}

/// `accord rebuild` deletes the saved folds; the next status saves them
/// again.
#[test]
fn rebuild_drops_the_saved_folds() {
    let (_dir, db, lines) = generated(5, 300);
    let now = batch_time(0);
    append(&db, &now, &lines);
    let before = status(&db, &now, &[]);
    assert!(saved_rows(&db) > 0);
    run(&db, &now, &["rebuild"], None);
    assert_eq!(saved_rows(&db), 0);
    assert_eq!(status(&db, &now, &[]), before);
    assert!(saved_rows(&db) > 0);
}

/// A generated log appended up to its first `stage.completed`, and that
/// event's line (to append after something was saved).
fn up_to_a_stage_completed() -> (tempfile::TempDir, PathBuf, Vec<String>) {
    let (dir, db, lines) = generated(3, 700);
    let at = lines
        .iter()
        .position(|l| l.contains("\"type\":\"stage.completed\""))
        .unwrap();
    append(&db, &batch_time(0), &lines[..at]);
    (dir, db, vec![lines[at].clone()])
}

/// A partnership's line reads, of the programme stream, only the types a
/// state needs; one of those appended after the lines were saved (here a
/// stage completed, which makes a review overdue where none was held)
/// folds every line again.
#[test]
fn a_stage_completed_after_saving_folds_the_lines_again() {
    let (_dir, db, stage_completed) = up_to_a_stage_completed();
    let flags = ["--as-of", "2010-06-30"];
    let view = View::as_of("2010-06-30".parse().unwrap());
    let before = status(&db, &batch_time(1), &flags);
    assert_eq!(before, whole(&db, &view));
    append(&db, &batch_time(1), &stage_completed);
    let after = status(&db, &batch_time(1), &flags);
    assert_ne!(
        after["overdue_reviews"], before["overdue_reviews"],
        "the test's premise"
    );
    assert_eq!(after, whole(&db, &view));
}

/// Batches that touch only partnerships' streams (the directory's and the
/// programme's share still saved): each partnership that changed is read
/// on its own, as `show` reads it, and the status is the whole log's.
#[test]
fn partnerships_that_changed_alone_are_read_one_by_one() {
    let (dir, db, lines) = generated(9, 900);
    // The stream of each line, from a scratch log holding them all.
    let scratch = dir.path().join("scratch.db");
    run(&scratch, &batch_time(0), &["init"], None);
    append(&scratch, &batch_time(0), &lines);
    let store = Store::open(&scratch, Access::ReadOnly, Clock::System).unwrap();
    let on_partnership: Vec<bool> = store
        .read_all()
        .unwrap()
        .iter()
        .map(|e| e.stream.starts_with("partnership:"))
        .collect();
    assert_eq!(on_partnership.len(), lines.len());
    // Runs of consecutive partnership events in the second half, each a
    // batch of its own, with what comes between them.
    let mut batches: Vec<(usize, usize)> = Vec::new();
    let mut i = lines.len() / 2;
    while i < lines.len() && batches.len() < 4 {
        let start = i;
        while i < lines.len() && on_partnership[i] && i - start < 12 {
            i += 1;
        }
        if i - start >= 2 {
            batches.push((start, i));
        }
        i += 1;
    }
    assert!(batches.len() >= 2, "the test's premise: {batches:?}");
    let views = [
        ("2015-06-30", None),
        ("2025-12-31", None),
        ("2025-12-31", Some(1usize)),
    ];
    let mut done = 0;
    for (k, (start, end)) in batches.iter().enumerate() {
        let now = batch_time(2 * k + 1);
        append(&db, &batch_time(2 * k), &lines[done..*start]);
        let asked: Vec<(Vec<String>, View)> = views
            .iter()
            .map(|(as_of, cut)| {
                let known_at = cut.map(|c| format!("{}.000000Z", &batch_time(2 * k + c)[..19]));
                let mut flags = vec!["--as-of".to_owned(), (*as_of).to_owned()];
                if let Some(t) = &known_at {
                    flags.extend(["--known-at".to_owned(), t.clone()]);
                }
                let view = View {
                    as_of: as_of.parse().unwrap(),
                    known_at,
                };
                (flags, view)
            })
            .collect();
        // Saved in each view, then the partnerships' batch.
        for (flags, _) in &asked {
            let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
            status(&db, &now, &flags);
        }
        append(&db, &now, &lines[*start..*end]);
        done = *end;
        for (flags, view) in &asked {
            let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
            assert_eq!(
                status(&db, &now, &flags),
                whole(&db, view),
                "batch {k} {flags:?}"
            );
        }
    }
}

/// `show --json` of `partnership` without its head.
fn show(db: &Path, now: &str, partnership: &str, flags: &[&str]) -> Value {
    let out = run(
        db,
        now,
        &[&["show", partnership, "--json"], flags].concat(),
        None,
    );
    let mut v: Value = serde_json::from_slice(&out).unwrap();
    v.as_object_mut().unwrap().remove("head");
    v
}

/// A partnership's state folded from the whole log by the projections.
fn whole_state(db: &Path, partnership: &str, view: &View) -> Value {
    let store = Store::open(db, Access::ReadOnly, Clock::System).unwrap();
    let events = store.read_all().unwrap();
    let state = accord_projections::Replay::of(&events, view)
        .partnership_state(partnership, view)
        .unwrap();
    serde_json::to_value(state).unwrap()
}

/// A reading command's `--json` without its head.
fn report(db: &Path, now: &str, args: &[&str]) -> Value {
    let out = run(db, now, &[args, &["--json"]].concat(), None);
    let mut v: Value = serde_json::from_slice(&out).unwrap();
    v.as_object_mut().unwrap().remove("head");
    v
}

/// A partnership's history in `view`, and its diff from 2008-01-01 to the
/// view's as-of date, built by the projections from the whole log.
fn whole_story(db: &Path, partnership: &str, view: &View) -> (Value, Value) {
    let store = Store::open(db, Access::ReadOnly, Clock::System).unwrap();
    let events = store.read_all().unwrap();
    let history = accord_projections::History::build(&events, partnership, view).unwrap();
    let from = "2008-01-01".parse().unwrap();
    let diff =
        accord_projections::PartnershipDiff::build(&events, partnership, from, view.as_of, view)
            .unwrap();
    (
        serde_json::to_value(history).unwrap(),
        serde_json::to_value(diff).unwrap(),
    )
}

/// How many folds of `kind` are saved beside the log.
fn saved_of_kind(db: &Path, kind: &str) -> i64 {
    if saved_rows(db) == 0 {
        return 0;
    }
    let conn = rusqlite::Connection::open(fold_file(db)).unwrap();
    conn.query_row(
        "SELECT count(*) FROM accord_folds WHERE kind = ?1",
        [kind],
        |r| r.get(0),
    )
    .unwrap()
}

/// How many reports `show` saved beside the log.
fn saved_reports(db: &Path) -> i64 {
    saved_of_kind(db, "show")
}

/// The stream of each of `lines`, from a scratch log holding them all.
fn streams_of(dir: &Path, lines: &[String]) -> Vec<String> {
    let scratch = dir.join("scratch.db");
    run(&scratch, &batch_time(0), &["init"], None);
    append(&scratch, &batch_time(0), lines);
    let store = Store::open(&scratch, Access::ReadOnly, Clock::System).unwrap();
    let streams: Vec<String> = store
        .read_all()
        .unwrap()
        .into_iter()
        .map(|e| e.stream)
        .collect();
    assert_eq!(streams.len(), lines.len());
    streams
}

/// `show` saves its report beside the log and shows it again from there
/// (and so do `history` and `diff`); after batches appended to its own stream (not the directory), to other
/// streams, and to every stream, in several views, what it shows (from a
/// fold or from the saved report) is the whole log's state.
#[test]
fn show_from_saved_reports_is_the_whole_fold_after_each_batch() {
    let (dir, db, lines) = generated(13, 900);
    let streams = streams_of(dir.path(), &lines);
    // Two thirds at once; then runs of up to 6 events that leave the
    // directory alone and touch twg-health's stream or the programme's;
    // then the rest.
    let mut cuts = vec![2 * lines.len() / 3];
    let mut own = 0;
    let mut i = cuts[0];
    while i < lines.len() && cuts.len() < 12 {
        let start = i;
        while i < lines.len() && streams[i] != "directory" && i - start < 6 {
            i += 1;
        }
        let run = &streams[start..i];
        let health = run.iter().any(|s| s == "partnership:twg-health");
        let prog = run.iter().any(|s| s == "programme");
        if health || prog {
            own += usize::from(health);
            cuts.push(i);
        }
        i += 1;
        cuts.push(i.min(lines.len()));
    }
    cuts.push(lines.len());
    assert!(own >= 2, "the test's premise: {own}");
    let views = [
        (
            vec!["--as-of", "2009-12-31"],
            View::as_of("2009-12-31".parse().unwrap()),
        ),
        (
            vec!["--as-of", "2030-01-01"],
            View::as_of("2030-01-01".parse().unwrap()),
        ),
    ];
    let mut done = 0;
    for (k, cut) in cuts.iter().enumerate() {
        if *cut <= done {
            continue;
        }
        let now = batch_time(0);
        append(&db, &now, &lines[done..*cut]);
        done = *cut;
        for partnership in ["twg-health", "twg-education"] {
            for (flags, view) in &views {
                let reference = whole_state(&db, partnership, view);
                assert_eq!(
                    show(&db, &now, partnership, flags),
                    reference,
                    "batch {k} folded {flags:?}"
                );
                assert_eq!(
                    show(&db, &now, partnership, flags),
                    reference,
                    "batch {k} saved {flags:?}"
                );
                let (history, diff) = whole_story(&db, partnership, view);
                for _ in ["folded", "saved"] {
                    let h = report(&db, &now, &[&["history", partnership], &flags[..]].concat());
                    assert_eq!(h, history, "batch {k} history {flags:?}");
                    let to = flags[1];
                    let d = report(
                        &db,
                        &now,
                        &["diff", partnership, "--from", "2008-01-01", "--to", to],
                    );
                    assert_eq!(d, diff, "batch {k} diff to {to}");
                }
            }
        }
    }
    // In a view cut by --known-at, too.
    let known_at = format!("{}.000000Z", &batch_time(0)[..19]);
    let flags = ["--as-of", "2030-01-01", "--known-at", known_at.as_str()];
    let view = View {
        as_of: "2030-01-01".parse().unwrap(),
        known_at: Some(known_at.clone()),
    };
    let reference = whole_state(&db, "twg-health", &view);
    assert_eq!(show(&db, &batch_time(1), "twg-health", &flags), reference);
    assert_eq!(show(&db, &batch_time(1), "twg-health", &flags), reference);
    assert!(saved_reports(&db) > 0, "show saved its reports");
}

/// `show`'s text from its saved report is the folded text, byte for byte,
/// in English and in Khmer, and it is saved once per language: the
/// report in one language is never shown for another. Under
/// `--read-only` nothing is saved.
#[test]
fn show_text_from_saved_reports_is_the_folded_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("accord.db");
    let now = "2010-12-31T12:00:00Z";
    run(&db, now, &["init", "--example", "cambodia"], None);
    let read_only = run(&db, now, &["--read-only", "show", "twg-health"], None);
    assert_eq!(saved_reports(&db), 0);
    let mut texts = Vec::new();
    for flags in [
        vec!["show", "twg-health"],
        vec!["show", "twg-health", "--lang", "km"],
        vec!["show", "twg-health", "--as-of", "2009-09-11"],
    ] {
        let folded = run(&db, now, &flags, None);
        let saved = run(&db, now, &flags, None);
        assert_eq!(
            String::from_utf8(saved).unwrap(),
            String::from_utf8(folded.clone()).unwrap(),
            "{flags:?}"
        );
        texts.push(folded);
    }
    assert_eq!(saved_reports(&db), 3);
    assert_eq!(texts[0], read_only);
    assert_ne!(texts[0], texts[1]);
}

/// A saved report whose body was edited (its seal no longer matches) is
/// not shown: the state is folded again.
#[test]
fn an_edited_saved_report_is_not_shown() {
    let (_dir, db, lines) = generated(11, 500);
    let now = batch_time(0);
    append(&db, &now, &lines);
    let reference = show(&db, &now, "twg-health", &[]);
    assert_eq!(saved_reports(&db), 1);
    let conn = rusqlite::Connection::open(fold_file(&db)).unwrap();
    let edited = conn
        .execute(
            "UPDATE accord_folds SET body = CAST(replace(CAST(body AS TEXT), 'twg-health', 'twg-hacked') AS BLOB) WHERE kind = 'show'",
            [],
        )
        .unwrap();
    assert_eq!(edited, 1);
    drop(conn);
    assert_eq!(show(&db, &now, "twg-health", &[]), reference);
}

/// A stage completed after `show` saved its reports (on the programme's
/// stream: one of the types a state reads; here it makes reviews overdue)
/// is shown.
#[test]
fn a_stage_completed_after_saving_a_report_is_shown() {
    let (_dir, db, stage_completed) = up_to_a_stage_completed();
    let flags = ["--as-of", "2010-06-30"];
    let view = View::as_of("2010-06-30".parse().unwrap());
    let partnerships: Vec<String> = status(&db, &batch_time(1), &flags)["partnerships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["partnership"].as_str().unwrap().to_owned())
        .collect();
    let before: Vec<Value> = partnerships
        .iter()
        .map(|p| show(&db, &batch_time(1), p, &flags))
        .collect();
    append(&db, &batch_time(1), &stage_completed);
    let mut changed = 0;
    for (p, before) in partnerships.iter().zip(&before) {
        let after = show(&db, &batch_time(1), p, &flags);
        assert_eq!(after, whole_state(&db, p, &view), "{p}");
        changed += usize::from(&after != before);
    }
    assert!(changed > 0, "the test's premise");
}

/// A meeting that names a partnership, recorded on the programme stream
/// after `history` saved its report and `snapshot` its share, is part of
/// the history shown next and of the partnership's row in the next report.
#[test]
fn a_meeting_recorded_after_saving_a_history_is_shown() {
    let (_dir, db, lines) = generated(3, 700);
    let at = lines
        .iter()
        .skip(lines.len() / 2)
        .position(|l| l.contains("\"type\":\"meeting.held\"") && l.contains("\"twg-health\""))
        .map(|i| i + lines.len() / 2)
        .expect("the test's premise: a meeting naming twg-health in the second half");
    append(&db, &batch_time(0), &lines[..at]);
    let view = View::as_of("2030-01-01".parse().unwrap());
    let args = ["history", "twg-health", "--as-of", "2030-01-01"];
    let before = whole_story(&db, "twg-health", &view).0;
    assert_eq!(report(&db, &batch_time(1), &args), before);
    let snapshot = ["snapshot", "--stage", "2", "--as-of", "2030-01-01"];
    let today = "2026-01-03";
    let row = |s: &Value| {
        s["partnerships"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["partnership"] == "twg-health")
            .cloned()
            .unwrap()
    };
    let snapshot_before = whole_snapshot(&db, 2, Some("2030-01-01"), today).unwrap();
    let taken = || {
        let out = run(
            &db,
            &batch_time(1),
            &[&snapshot[..], &["--json"]].concat(),
            None,
        );
        serde_json::from_slice::<Value>(&out).unwrap()
    };
    assert_eq!(taken(), snapshot_before);
    append(&db, &batch_time(1), &lines[at..=at]);
    let after = whole_story(&db, "twg-health", &view).0;
    assert_ne!(after, before, "the test's premise");
    assert_eq!(report(&db, &batch_time(1), &args), after);
    let snapshot_after = whole_snapshot(&db, 2, Some("2030-01-01"), today).unwrap();
    assert_ne!(
        row(&snapshot_after),
        row(&snapshot_before),
        "the test's premise"
    );
    assert_eq!(taken(), snapshot_after);
}

/// The whole log's snapshot of `stage` (as of `as_of` when given, else
/// the stage's completion or `today`), built by the projections; `None`
/// while the stage is not planned.
fn whole_snapshot(db: &Path, stage: u32, as_of: Option<&str>, today: &str) -> Option<Value> {
    use accord_projections::snapshot::{SnapshotRequest, StageSnapshot};
    let store = Store::open(db, Access::ReadOnly, Clock::System).unwrap();
    let events = store.read_all().unwrap();
    let req = SnapshotRequest {
        stage,
        as_of: as_of.map(|d| d.parse().unwrap()),
        known_at: None,
        today: today.parse().unwrap(),
    };
    let snapshot = StageSnapshot::build(&events, &req).ok()?;
    Some(serde_json::to_value(snapshot).unwrap())
}

/// `snapshot` saves what each partnership's stream gave it and, for the
/// same stage in the same view, reads again only the partnerships whose
/// stream changed: after batches on single partnerships' streams and on
/// every stream, its JSON (from a fold or from saved shares) is the whole
/// log's snapshot, and its Markdown the same from saved shares as folded.
#[test]
fn snapshot_from_saved_shares_is_the_whole_fold_after_each_batch() {
    let (dir, db, lines) = generated(17, 900);
    let streams = streams_of(dir.path(), &lines);
    let mut cuts = vec![lines.len() / 2];
    let mut i = cuts[0];
    while i < lines.len() && cuts.len() < 8 {
        let start = i;
        while i < lines.len() && streams[i].starts_with("partnership:") && i - start < 4 {
            i += 1;
        }
        if i > start {
            cuts.push(i);
        }
        i += 1;
        cuts.push(i.min(lines.len()));
    }
    cuts.push(lines.len());
    let now = "2026-01-02T00:00:00Z";
    let today = "2026-01-02";
    let mut done = 0;
    let mut asked = 0;
    for cut in cuts {
        if cut <= done {
            continue;
        }
        append(&db, now, &lines[done..cut]);
        done = cut;
        for (stage, as_of) in [
            (2u32, Some("2030-01-01")),
            (3, None),
            (1, Some("2012-06-30")),
        ] {
            let n = stage.to_string();
            let mut args = vec!["snapshot", "--stage", n.as_str()];
            if let Some(d) = as_of {
                args.extend(["--as-of", d]);
            }
            let Some(reference) = whole_snapshot(&db, stage, as_of, today) else {
                continue; // not planned yet
            };
            asked += 1;
            for _ in ["folded", "saved"] {
                let out = run(&db, now, &[&args[..], &["--json"]].concat(), None);
                let got: Value = serde_json::from_slice(&out).unwrap();
                assert_eq!(got, reference, "{args:?} after {done} lines");
            }
            let md = run(&db, now, &args, None);
            assert_eq!(run(&db, now, &args, None), md, "{args:?} Markdown");
        }
    }
    assert!(asked >= 6, "the test's premise: {asked} snapshots taken");
    let conn = rusqlite::Connection::open(fold_file(&db)).unwrap();
    let saved: i64 = conn
        .query_row(
            "SELECT count(*) FROM accord_folds WHERE kind = 'snapshot'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(saved > 0, "snapshot saved its shares");
}

/// How many partnerships' inputs are kept beside the log (`kept.rs`).
fn kept_inputs(db: &Path) -> i64 {
    saved_of_kind(db, "inputs")
}

/// A date never asked for before in a test (so that no saved report
/// answers it): the `k`th, 23 days apart from 2009-03-01.
fn new_date(k: usize) -> String {
    let day = NaiveDate::from_ymd_opt(2009, 3, 1).unwrap() + chrono::Days::new(23 * k as u64);
    day.to_string()
}

/// The `k`th date not asked before, as `--as-of` (and, with `known`, the
/// end of that batch's recording time as `--known-at`), and its view.
fn new_view(k: usize, known: Option<usize>) -> (Vec<String>, View) {
    let as_of = new_date(k);
    let mut flags = vec!["--as-of".to_owned(), as_of.clone()];
    let mut view = View::as_of(as_of.parse().unwrap());
    if let Some(j) = known {
        let at = format!("{}.000000Z", &batch_time(j)[..19]);
        flags.extend(["--known-at".to_owned(), at.clone()]);
        view.known_at = Some(at);
    }
    (flags, view)
}

/// `show` on a new date reads the partnership's inputs kept beside the
/// log, caught up after each appended batch (its own stream, the
/// programme, the directory, in runs of every size): on every date, and
/// cut by `--known-at`, what it shows is the whole log's state.
#[test]
fn show_from_kept_inputs_is_the_whole_fold_after_each_batch() {
    let (_dir, db, lines) = generated(17, 1200);
    let mut cuts: Vec<usize> = [30, 45, 46, 50, 58, 70, 71, 85, 100]
        .iter()
        .map(|p| p * lines.len() / 100)
        .collect();
    cuts.dedup();
    let mut done = 0;
    let mut asked = 0;
    for (k, cut) in cuts.iter().enumerate() {
        let now = batch_time(k);
        append(&db, &now, &lines[done..*cut]);
        done = *cut;
        for partnership in ["twg-health", "twg-education"] {
            for known in [None, Some(k.saturating_sub(1))] {
                asked += 1;
                let (flags, view) = new_view(asked, known);
                let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
                assert_eq!(
                    show(&db, &now, partnership, &flags),
                    whole_state(&db, partnership, &view),
                    "batch {k} {partnership} {flags:?}"
                );
            }
        }
        assert_eq!(kept_inputs(&db), 2, "batch {k}: one copy per partnership");
    }
}

/// `history` and `diff` on a new date read the partnership's kept inputs
/// too (with the programme's events that name it, read into the copy the
/// first time a story is asked for, then caught up): after each appended
/// batch, on every date and cut by `--known-at`, they tell the whole
/// log's story. A `show` first keeps a copy without those events; the
/// story adds them to the same copy.
#[test]
fn history_and_diff_from_kept_inputs_are_the_whole_story_after_each_batch() {
    let (_dir, db, lines) = generated(19, 1000);
    let cuts: Vec<usize> = [35, 50, 51, 65, 80, 100]
        .iter()
        .map(|p| p * lines.len() / 100)
        .collect();
    let mut done = 0;
    let mut asked = 0;
    for (k, cut) in cuts.iter().enumerate() {
        let now = batch_time(k);
        append(&db, &now, &lines[done..*cut]);
        done = *cut;
        if k == 0 {
            show(&db, &now, "twg-health", &[]);
            assert_eq!(
                kept_inputs(&db),
                1,
                "the test's premise: a copy kept by show"
            );
        }
        for partnership in ["twg-health", "twg-education"] {
            for known in [None, Some(k.saturating_sub(1))] {
                asked += 1;
                let (time, view) = new_view(asked, known);
                let time: Vec<&str> = time.iter().map(String::as_str).collect();
                let as_of = time[1];
                let (history, diff) = whole_story(&db, partnership, &view);
                let h = report(&db, &now, &[&["history", partnership], &time[..]].concat());
                assert_eq!(h, history, "batch {k} history {partnership} {time:?}");
                let mut d = vec!["diff", partnership, "--from", "2008-01-01", "--to", as_of];
                d.extend(time.iter().skip(2));
                assert_eq!(
                    report(&db, &now, &d),
                    diff,
                    "batch {k} diff {partnership} {time:?}"
                );
            }
        }
        assert_eq!(kept_inputs(&db), 2, "batch {k}: one copy per partnership");
    }
}

/// Under `--read-only`, no partnership's inputs are kept.
#[test]
fn read_only_show_keeps_no_inputs() {
    let (_dir, db, lines) = generated(11, 400);
    let now = batch_time(0);
    append(&db, &now, &lines);
    show(&db, &now, "twg-health", &["--read-only"]);
    assert_eq!(kept_inputs(&db), 0);
    show(&db, &now, "twg-health", &[]);
    assert_eq!(kept_inputs(&db), 1);
}

/// Kept inputs that no longer match are read again from the log, never
/// trusted: a row edited (another partnership's copy in its place), and
/// a log whose events at the same positions were recorded otherwise (a
/// log restored underneath: here the second half recorded a day later,
/// which a `--known-at` view between the two tells apart).
#[test]
fn kept_inputs_that_no_longer_match_are_not_used() {
    let (_dir, db, lines) = generated(21, 600);
    let half = lines.len() / 2;
    append(&db, &batch_time(0), &lines[..half]);
    append(&db, &batch_time(1), &lines[half..]);
    let now = batch_time(5);
    show(&db, &now, "twg-health", &["--as-of", "2030-01-01"]);
    show(&db, &now, "twg-education", &["--as-of", "2030-01-01"]);
    assert_eq!(kept_inputs(&db), 2);
    // Edited: twg-education's copy under twg-health's name.
    let conn = rusqlite::Connection::open(fold_file(&db)).unwrap();
    let body: Vec<u8> = conn
        .query_row(
            "SELECT body FROM accord_folds WHERE kind = 'inputs' AND stream = 'partnership:twg-education'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let edited = conn
        .execute(
            "UPDATE accord_folds SET body = ?1 WHERE kind = 'inputs' AND stream = 'partnership:twg-health'",
            [body],
        )
        .unwrap();
    assert_eq!(edited, 1);
    drop(conn);
    let view = View::as_of("2029-01-01".parse().unwrap());
    assert_eq!(
        show(&db, &now, "twg-health", &["--as-of", "2029-01-01"]),
        whole_state(&db, "twg-health", &view)
    );
    // Restored underneath: the same events, the second half recorded a
    // day later; the copies of the first log are put beside it.
    let other = db.with_file_name("other.db");
    run(&other, &batch_time(0), &["init"], None);
    append(&other, &batch_time(0), &lines[..half]);
    append(&other, &batch_time(2), &lines[half..]);
    show(&db, &now, "twg-health", &["--as-of", "2028-01-01"]);
    std::fs::copy(fold_file(&db), fold_file(&other)).unwrap();
    assert_eq!(kept_inputs(&other), 2);
    let between = format!("{}.000000Z", &batch_time(1)[..19]);
    let view = View {
        as_of: "2027-01-01".parse().unwrap(),
        known_at: Some(between.clone()),
    };
    let flags = ["--as-of", "2027-01-01", "--known-at", between.as_str()];
    let expected = whole_state(&other, "twg-health", &view);
    assert_ne!(
        expected,
        whole_state(&db, "twg-health", &view),
        "the test's premise: the two logs differ in that view"
    );
    assert_eq!(show(&other, &now, "twg-health", &flags), expected);
}

/// A person's move recorded after a partnership's inputs were kept, for
/// someone whose endorsement the state already shows, then an agreement
/// that person endorses: the kept directory entries are caught up, and
/// the new endorsement shows the post held on its date.
#[test]
fn a_move_recorded_after_the_inputs_were_kept_is_shown() {
    let (_dir, db, lines) = generated(17, 1200);
    let now = "2026-02-01T00:00:00Z";
    append(&db, now, &lines);
    let before = show(&db, now, "twg-health", &["--as-of", "2030-01-01"]);
    assert_eq!(kept_inputs(&db), 1);
    let endorsement = &before["agreements"][0]["endorsements"][0];
    let person = endorsement["person"].as_str().unwrap();
    let org = endorsement["org"].as_str().unwrap();
    let to = if org == "who" { "unicef" } else { "who" };
    let later = [
        format!(
            r#"{{"id":"moved-late","type":"person.moved","occurred_at":"2026-01-10","data":{{"person":"{person}","org":"{to}"}}}}"#
        ),
        r#"{"id":"proposed-late","type":"agreement.proposed","occurred_at":"2026-01-11","data":{"agreement":"twg-health-late","partnership":"twg-health","kind":"principles","title":"Late principles","text":"Agreed late.","proposed_by":"dara-smith-23"}}"#.to_owned(),
        format!(
            r#"{{"id":"endorsed-late","type":"agreement.endorsed","occurred_at":"2026-01-12","data":{{"agreement":"twg-health-late","version":1,"by":"{person}"}}}}"#
        ),
    ];
    append(&db, now, &later);
    let view = View::as_of("2031-01-01".parse().unwrap());
    let after = show(&db, now, "twg-health", &["--as-of", "2031-01-01"]);
    let late = after["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agreement"] == "twg-health-late")
        .unwrap();
    assert_eq!(
        late["endorsements"][0]["org"], to,
        "the test's premise: the endorsement shows the post held then"
    );
    assert_eq!(after, whole_state(&db, "twg-health", &view));
}

/// After `status` saved its folds, an event recorded on the programme
/// alone (a finding that names no partnership) folds the programme's
/// stream alone, the directory's counts as saved; and after a directory
/// event, the directory is folded again. Each time, in text and JSON, the
/// status is the whole log's.
#[test]
fn a_programme_event_after_saving_folds_the_programme_alone() {
    let (_dir, db, lines) = generated(23, 700);
    let now = batch_time(0);
    append(&db, &now, &lines);
    let view = View::as_of("2026-01-02".parse().unwrap());
    assert_eq!(status(&db, &now, &[]), whole(&db, &view));
    let finding = r#"{"id":"late-finding","type":"finding.recorded","occurred_at":"2025-12-31","data":{"finding":"late-finding","origin":"document","swot":"strength","theme":"roles","text":"One more finding."}}"#;
    append(&db, &now, &[finding.to_owned()]);
    let after = status(&db, &now, &[]);
    assert_eq!(after, whole(&db, &view));
    assert!(
        after["counts"]["organisations"].as_u64().unwrap() > 0
            && after["counts"]["people"].as_u64().unwrap() > 0,
        "the test's premise: the directory's counts are in the status"
    );
    let text = run(&db, &now, &["status"], None);
    let folded = run(&db, &now, &["status", "--read-only"], None);
    assert_eq!(
        String::from_utf8(text).unwrap(),
        String::from_utf8(folded).unwrap()
    );
    let org = r#"{"id":"late-org","type":"organisation.registered","occurred_at":"2025-12-31","data":{"org":"late-org","name":"A late organisation","side":"civil_society"}}"#;
    append(&db, &now, &[org.to_owned(), r#"{"id":"late-finding-2","type":"finding.recorded","occurred_at":"2025-12-31","data":{"finding":"late-finding-2","origin":"document","swot":"weakness","theme":"roles","text":"And another."}}"#.to_owned()]);
    assert_eq!(status(&db, &now, &[]), whole(&db, &view));
    append(&db, &now, &[r#"{"id":"late-finding-3","type":"finding.recorded","occurred_at":"2025-12-31","data":{"finding":"late-finding-3","origin":"document","swot":"weakness","theme":"roles","text":"And a third."}}"#.to_owned()]);
    assert_eq!(status(&db, &now, &[]), whole(&db, &view));
}
