//! Tampering, class by class. Each trial copies a clean log, edits the
//! SQLite file behind accord's back (through rusqlite after dropping the
//! append-only triggers, or by raw byte edits), and runs `accord verify`
//! (with the auditor's `--head` for the classes only a head kept elsewhere
//! can reveal). Every trial must exit 3 and name the expected first bad
//! `seq`; clean logs (also after VACUUM, REINDEX, checkpoints, copies,
//! export and restore) must never raise an alarm.
//!
//! The expected `seq` is the lowest position that no longer chains, as
//! docs/hash-chain.md defines it: for an edited row, that row; for a deleted row, its
//! position; for a swap, the lower of the two; for a forged row inserted
//! at k with a hash made to chain on k-1, the position after it (k itself
//! is indistinguishable from a real event); for the classes detected only
//! through `--head`, the head's `seq`.
//!
//! A second test attacks the export verifier (`verify --file`): every
//! single-byte substitution, deletion and insertion of a small export must
//! fail, or leave the event lines byte-identical (only a line terminator
//! changed).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use accord_events::StoredEvent;
use accord_generate::Rng;
use accord_generate::batches::{self, Directory, Shape};
use common::*;
use rusqlite::{Connection, params};

const COLUMNS: &str = "seq, id, type, stream, stream_version, occurred_at, recorded_at, recorded_by, source, data, schema_version, prev_hash, hash";

/// The clean log every trial starts from, and the heads an auditor wrote
/// down along the way (with a copy of the file at each).
struct Template {
    _dir: tempfile::TempDir,
    db: PathBuf,
    n: u64,
    /// (head as SEQ:HASH, copy of the file at that head)
    snapshots: Vec<(u64, String, PathBuf)>,
}

fn template(seed: u64, partnerships: usize) -> Template {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("accord.db");
    run(&db, &["init"]).expect(0);
    let people = Directory::new(3, 2);
    let mut rng = Rng::new(seed);
    let mut batches = vec![people.events()];
    for p in 0..partnerships {
        let mut b = batches::partnership(&mut rng, &people, &format!("p{p}"), Shape::default());
        // Some events carry a source and their own recorded_by.
        for (i, l) in b.iter_mut().enumerate() {
            if i % 3 == 0 {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["source"] = format!("Minutes of meeting {i}, §{p}").into();
                if i % 2 == 0 {
                    v["recorded_by"] = "secretariat-cdc".into();
                }
                *l = v.to_string();
            }
        }
        batches.push(b);
    }
    let mut snapshots = Vec::new();
    for (i, b) in batches.iter().enumerate() {
        let f = dir.path().join("batch.jsonl");
        write_lines(&f, b);
        // Each batch is recorded at a later moment, so recorded_at varies.
        let now = format!(
            "2010-05-{:02}T{:02}:00:00.{:06}Z",
            1 + i / 24,
            i % 24,
            i * 1013
        );
        let r = accord(&db)
            .env("ACCORD_NOW", &now)
            .arg("append")
            .arg(&f)
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        checkpoint(&db);
        let head = head_of(&db);
        let seq: u64 = head.split(':').next().unwrap().parse().unwrap();
        let copy = dir.path().join(format!("at-{seq}.db"));
        std::fs::copy(&db, &copy).unwrap();
        snapshots.push((seq, head, copy));
    }
    let n = snapshots.last().unwrap().0;
    Template {
        _dir: dir,
        db,
        n,
        snapshots,
    }
}

fn read_row(c: &Connection, seq: i64) -> StoredEvent {
    c.query_row(
        &format!("SELECT {COLUMNS} FROM events WHERE seq = ?1"),
        [seq],
        |r| {
            Ok(StoredEvent {
                seq: r.get::<_, i64>(0)? as u64,
                id: r.get(1)?,
                kind: r.get(2)?,
                stream: r.get(3)?,
                stream_version: r.get::<_, i64>(4)? as u64,
                occurred_at: r.get(5)?,
                recorded_at: r.get(6)?,
                recorded_by: r.get(7)?,
                source: r.get(8)?,
                data: r.get(9)?,
                schema_version: r.get::<_, i64>(10)? as u32,
                prev_hash: r.get::<_, Vec<u8>>(11)?.try_into().unwrap(),
                hash: r.get::<_, Vec<u8>>(12)?.try_into().unwrap(),
            })
        },
    )
    .unwrap()
}

fn insert_row(c: &Connection, verb: &str, e: &StoredEvent) -> rusqlite::Result<usize> {
    c.execute(
        &format!("{verb} INTO events ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"),
        params![
            e.seq as i64,
            e.id,
            e.kind,
            e.stream,
            e.stream_version as i64,
            e.occurred_at,
            e.recorded_at,
            e.recorded_by,
            e.source,
            e.data,
            e.schema_version as i64,
            &e.prev_hash[..],
            &e.hash[..],
        ],
    )
}

fn drop_triggers(c: &Connection) {
    c.execute_batch(
        "DROP TRIGGER IF EXISTS events_refuse_update;
         DROP TRIGGER IF EXISTS events_refuse_delete;
         DROP TRIGGER IF EXISTS events_refuse_replace;",
    )
    .unwrap();
}

/// Moves rows `from..` by `by` positions (SQLite checks the primary key row
/// by row, so go through negative numbers).
fn shift(c: &Connection, from: u64, by: i64) {
    c.execute(
        "UPDATE events SET seq = -(seq + ?2) WHERE seq >= ?1",
        params![from as i64, by],
    )
    .unwrap();
    c.execute("UPDATE events SET seq = -seq WHERE seq < 0", [])
        .unwrap();
}

/// What verify must say about a tampered log.
struct Expect {
    /// The head the auditor holds, if the class needs one.
    head: Option<String>,
    /// The first bad seq verify must name.
    seq: u64,
    /// The class cannot be seen without the head: verify without it must pass.
    silent_without_head: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    BitFlip,
    RawByteFlip,
    Delete,
    Swap,
    Forge,
    Replace,
    Truncate,
    Rechain,
    Rollback,
}

const CLASSES: [Class; 9] = [
    Class::BitFlip,
    Class::RawByteFlip,
    Class::Delete,
    Class::Swap,
    Class::Forge,
    Class::Replace,
    Class::Truncate,
    Class::Rechain,
    Class::Rollback,
];

fn describe(c: Class) -> &'static str {
    match c {
        Class::BitFlip => "bit flipped in a random field of a random event (rusqlite)",
        Class::RawByteFlip => "bit flipped in an event's data by a raw edit of the file",
        Class::Delete => "row deleted from the middle",
        Class::Swap => "two rows swapped",
        Class::Forge => "forged row inserted (later rows renumbered)",
        Class::Replace => "INSERT OR REPLACE over an existing row (triggers dropped)",
        Class::Truncate => "last rows truncated (only --head can tell)",
        Class::Rechain => "row edited and the whole chain recomputed (only --head can tell)",
        Class::Rollback => "file rolled back to an older copy (only --head can tell)",
    }
}

/// Applies one tampering of `class` to the log at `db` (a copy of the
/// template); returns what verify must report, or None when the random
/// choice could not be applied (e.g. a constraint refused it) and another
/// must be drawn.
fn tamper(t: &Template, db: &Path, class: Class, rng: &mut Rng) -> Option<Expect> {
    let n = t.n;
    let at = |seq: u64| Expect {
        head: None,
        seq,
        silent_without_head: false,
    };
    if class == Class::Rollback {
        let older = rng.index(t.snapshots.len() - 1);
        let newer = rng.range(older as u64 + 1, t.snapshots.len() as u64 - 1) as usize;
        std::fs::copy(&t.snapshots[older].2, db).unwrap();
        let (seq, head, _) = &t.snapshots[newer];
        return Some(Expect {
            head: Some(head.clone()),
            seq: *seq,
            silent_without_head: true,
        });
    }
    if class == Class::RawByteFlip {
        return raw_flip(db, n, rng);
    }
    let c = sqlite(db);
    c.pragma_update(None, "synchronous", "OFF").unwrap();
    c.execute_batch("BEGIN").unwrap();
    drop_triggers(&c);
    let k = rng.range(2, n - 1);
    let expect = match class {
        Class::BitFlip => {
            let columns = [
                "seq",
                "id",
                "type",
                "stream",
                "stream_version",
                "occurred_at",
                "recorded_at",
                "recorded_by",
                "source",
                "data",
                "schema_version",
                "prev_hash",
                "hash",
            ];
            let k = rng.range(1, n);
            let col = *rng.pick(&columns);
            eprintln_field(col);
            match col {
                "seq" | "stream_version" | "schema_version" => {
                    let bit = rng.below(64);
                    // SQLite has no XOR: a ^ b = (a | b) - (a & b). A flipped
                    // seq that lands on another row's is refused: draw again.
                    c.execute(
                        &format!(
                            "UPDATE events SET {col} = ({col} | (1 << ?2)) - ({col} & (1 << ?2)) WHERE seq = ?1"
                        ),
                        params![k as i64, bit as i64],
                    )
                    .ok()?;
                }
                "prev_hash" | "hash" => {
                    let mut b: Vec<u8> = c
                        .query_row(
                            &format!("SELECT {col} FROM events WHERE seq = ?1"),
                            [k as i64],
                            |r| r.get(0),
                        )
                        .unwrap();
                    let i = rng.index(b.len());
                    b[i] ^= 1 << rng.below(8);
                    c.execute(
                        &format!("UPDATE events SET {col} = ?2 WHERE seq = ?1"),
                        params![k as i64, b],
                    )
                    .unwrap();
                }
                _ => {
                    let b: Option<Vec<u8>> = c
                        .query_row(
                            &format!("SELECT CAST({col} AS BLOB) FROM events WHERE seq = ?1"),
                            [k as i64],
                            |r| r.get(0),
                        )
                        .unwrap();
                    let mut b = b?; // a NULL source has no bits to flip
                    if b.is_empty() {
                        return None;
                    }
                    let i = rng.index(b.len());
                    b[i] ^= 1 << rng.below(8);
                    // CAST keeps the bytes as TEXT even when they are not UTF-8.
                    c.execute(
                        &format!("UPDATE events SET {col} = CAST(?2 AS TEXT) WHERE seq = ?1"),
                        params![k as i64, b],
                    )
                    .ok()?;
                }
            }
            at(k)
        }
        Class::Delete => {
            c.execute("DELETE FROM events WHERE seq = ?1", [k as i64])
                .unwrap();
            at(k)
        }
        Class::Swap => {
            let j = rng.range(1, n - 1);
            let k = rng.range(j + 1, n);
            c.execute("UPDATE events SET seq = -1 WHERE seq = ?1", [j as i64])
                .unwrap();
            c.execute(
                "UPDATE events SET seq = ?1 WHERE seq = ?2",
                [j as i64, k as i64],
            )
            .unwrap();
            c.execute("UPDATE events SET seq = ?1 WHERE seq = -1", [k as i64])
                .unwrap();
            at(j)
        }
        Class::Forge => {
            // A plausible event: a copy of another one's content under a new
            // id, in a stream of its own, dated like its neighbour.
            let model = read_row(&c, rng.range(1, n) as i64);
            let before = read_row(&c, k as i64 - 1);
            shift(&c, k, 1);
            let mut forged = StoredEvent {
                seq: k,
                id: format!("forged-{k}"),
                stream: format!("partnership:forged-{k}"),
                stream_version: 1,
                recorded_at: before.recorded_at.clone(),
                prev_hash: before.hash,
                ..model
            };
            let well_forged = rng.chance(0.5);
            forged.hash = if well_forged {
                forged.compute_hash()
            } else {
                let mut h = forged.compute_hash();
                h[0] ^= 0x80;
                h
            };
            insert_row(&c, "INSERT", &forged).unwrap();
            at(if well_forged { k + 1 } else { k })
        }
        Class::Replace => {
            let k = rng.range(1, n - 1);
            let mut e = read_row(&c, k as i64);
            // Change one visible thing: who recorded it.
            e.recorded_by = format!("{}-forger", e.recorded_by);
            let rehash = rng.chance(0.5);
            if rehash {
                e.hash = e.compute_hash();
            }
            let verb = *rng.pick(&["INSERT OR REPLACE", "REPLACE"]);
            insert_row(&c, verb, &e).unwrap();
            at(if rehash { k + 1 } else { k })
        }
        Class::Truncate => {
            let keep = rng.range(1, n - 1);
            c.execute("DELETE FROM events WHERE seq > ?1", [keep as i64])
                .unwrap();
            Expect {
                head: Some(t.snapshots.last().unwrap().1.clone()),
                seq: n,
                silent_without_head: true,
            }
        }
        Class::Rechain => {
            let mut e = read_row(&c, k as i64);
            e.recorded_by = "someone-else".into();
            c.execute(
                "UPDATE events SET recorded_by = ?2 WHERE seq = ?1",
                params![k as i64, e.recorded_by],
            )
            .unwrap();
            let mut prev = read_row(&c, k as i64 - 1).hash;
            for s in k..=n {
                let mut e = read_row(&c, s as i64);
                e.prev_hash = prev;
                e.hash = e.compute_hash();
                c.execute(
                    "UPDATE events SET prev_hash = ?2, hash = ?3 WHERE seq = ?1",
                    params![s as i64, &e.prev_hash[..], &e.hash[..]],
                )
                .unwrap();
                prev = e.hash;
            }
            // The auditor's head: any one written down at or after the edit.
            let heads: Vec<&(u64, String, PathBuf)> =
                t.snapshots.iter().filter(|s| s.0 >= k).collect();
            let (seq, head, _) = *rng.pick(&heads);
            Expect {
                head: Some(head.clone()),
                seq: *seq,
                silent_without_head: true,
            }
        }
        Class::RawByteFlip | Class::Rollback => unreachable!(),
    };
    c.execute_batch("COMMIT").unwrap();
    drop(c);
    Some(expect)
}

thread_local! {
    static FIELD: std::cell::Cell<&'static str> = const { std::cell::Cell::new("") };
}

/// Remembers which field the last bit flip hit (for failure messages and figures).
fn eprintln_field(f: &'static str) {
    FIELD.with(|c| c.set(f));
}

/// Flips one bit inside the stored `data` of a random event, found by
/// searching the file's bytes (no SQLite involved).
fn raw_flip(db: &Path, n: u64, rng: &mut Rng) -> Option<Expect> {
    let k = rng.range(1, n);
    let data: String = {
        let c = sqlite(db);
        c.query_row("SELECT data FROM events WHERE seq = ?1", [k as i64], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let mut bytes = std::fs::read(db).unwrap();
    let needle = data.as_bytes();
    let hits: Vec<usize> = bytes
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect();
    if hits.len() != 1 {
        return None; // spread over overflow pages, or not unique: draw again
    }
    let i = hits[0] + rng.index(needle.len());
    bytes[i] ^= 1 << rng.below(8);
    std::fs::write(db, bytes).unwrap();
    Some(Expect {
        head: None,
        seq: k,
        silent_without_head: false,
    })
}

#[test]
fn every_tampering_is_detected_at_the_right_seq() {
    let trials = size(80, 1000);
    let seed = seed(0x7A3);
    let t = template(seed, size(6, 12));
    let mut rng = Rng::new(seed);
    let work = tempfile::tempdir().unwrap();
    let mut figures: BTreeMap<Class, (usize, usize, usize)> = BTreeMap::new(); // detected, tried, silent-without-head
    let mut failures = Vec::new();
    let mut by_field: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    for class in CLASSES {
        let mut done = 0;
        let mut draws = 0;
        while done < trials {
            draws += 1;
            assert!(
                draws < trials * 20,
                "{class:?}: too many draws could not be applied"
            );
            let db = work.path().join(format!("{class:?}-{done}.db"));
            std::fs::copy(&t.db, &db).unwrap();
            let Some(expect) = tamper(&t, &db, class, &mut rng) else {
                let _ = std::fs::remove_file(&db);
                continue;
            };
            done += 1;
            let entry = figures.entry(class).or_default();
            entry.1 += 1;
            let mut args = vec!["--json", "verify"];
            if let Some(h) = &expect.head {
                args.extend(["--head", h]);
            }
            let r = run(&db, &args).no_panic();
            let named = serde_json::from_str::<serde_json::Value>(r.stdout.trim())
                .ok()
                .and_then(|v| v["first_bad_seq"].as_u64());
            let hit = r.code == Some(3) && named == Some(expect.seq);
            if class == Class::BitFlip {
                let f = by_field.entry(FIELD.with(|c| c.get())).or_default();
                f.0 += usize::from(hit);
                f.1 += 1;
            }
            if hit {
                entry.0 += 1;
            } else {
                failures.push(format!(
                    "{class:?} ({}) trial {done}: expected exit 3 at seq {}, got exit {:?}: {} {}",
                    FIELD.with(|c| c.get()),
                    expect.seq,
                    r.code,
                    r.stdout.trim(),
                    r.stderr.trim()
                ));
            }
            if expect.silent_without_head {
                let (code, v) = verify_at(&db, None);
                assert_eq!(
                    code, 0,
                    "{class:?}: a consistent log must verify without a head: {v}"
                );
                entry.2 += 1;
            }
            for ext in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
            }
        }
    }
    let mut lines = vec![format!(
        "seed {seed}; a clean log of {} events; {} trials per class",
        t.n, trials
    )];
    for (class, (detected, tried, silent)) in &figures {
        lines.push(format!(
            "{:<72} detected {detected}/{tried}{}",
            describe(*class),
            if *silent > 0 {
                format!(" (with --head; without it verify passes, {silent}/{tried}, as it must)")
            } else {
                String::new()
            }
        ));
    }
    lines.push(format!(
        "bit flips by field: {}",
        by_field
            .iter()
            .map(|(f, (d, t))| format!("{f} {d}/{t}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    report("tamper", &lines.join("\n"));
    assert!(
        failures.is_empty(),
        "{} misses:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// With the triggers in place, every way SQLite offers to change or remove
/// a row is refused, whatever `recursive_triggers` says, and the log is
/// left as it was.
#[test]
fn triggers_refuse_update_delete_and_replace() {
    let t = template(seed(0x7A4), 2);
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("accord.db");
    std::fs::copy(&t.db, &db).unwrap();
    let before = run(&db, &["export"]).expect(0).stdout;
    let c = sqlite(&db);
    let n = t.n as i64;
    let existing = read_row(&c, 3);
    let mut tried = 0;
    for recursive in ["OFF", "ON"] {
        c.pragma_update(None, "recursive_triggers", recursive)
            .unwrap();
        let mut forged = existing.clone();
        forged.recorded_by = "forger".into();
        let next = StoredEvent {
            seq: n as u64 + 1,
            ..forged.clone()
        };
        let new_id_same_seq = StoredEvent {
            id: "brand-new".into(),
            stream: "partnership:new".into(),
            ..forged.clone()
        };
        let attempts: Vec<(&str, rusqlite::Result<usize>)> = vec![
            ("INSERT OR REPLACE same seq", insert_row(&c, "INSERT OR REPLACE", &forged)),
            ("REPLACE same seq", insert_row(&c, "REPLACE", &forged)),
            ("INSERT OR REPLACE new id, same seq", insert_row(&c, "INSERT OR REPLACE", &new_id_same_seq)),
            ("INSERT OR REPLACE next seq, existing id", insert_row(&c, "INSERT OR REPLACE", &next)),
            ("INSERT OR IGNORE next seq, existing id", insert_row(&c, "INSERT OR IGNORE", &next)),
            ("INSERT OR ROLLBACK same seq", insert_row(&c, "INSERT OR ROLLBACK", &forged)),
            (
                "INSERT ... ON CONFLICT DO UPDATE",
                c.execute(
                    "INSERT INTO events SELECT * FROM events WHERE seq = 3 ON CONFLICT(seq) DO UPDATE SET recorded_by = 'forger'",
                    [],
                ),
            ),
            ("UPDATE", c.execute("UPDATE events SET recorded_by = 'forger' WHERE seq = 3", [])),
            ("UPDATE OR REPLACE", c.execute("UPDATE OR REPLACE events SET seq = 2 WHERE seq = 3", [])),
            ("DELETE", c.execute("DELETE FROM events WHERE seq = ?1", [n])),
            ("DELETE all", c.execute("DELETE FROM events", [])),
        ];
        for (what, result) in attempts {
            tried += 1;
            let e = result.expect_err(&format!(
                "{what} (recursive_triggers={recursive}) was allowed"
            ));
            assert!(
                e.to_string().contains("accord:"),
                "{what}: refused, but not by accord's trigger: {e}"
            );
        }
    }
    drop(c);
    assert_eq!(
        run(&db, &["export"]).expect(0).stdout,
        before,
        "the log changed"
    );
    let (code, v) = verify_at(&db, Some(&t.snapshots.last().unwrap().1));
    assert_eq!(code, 0, "{v}");
    report(
        "tamper-triggers",
        &format!(
            "with the triggers present: {tried}/{tried} attempts to UPDATE, DELETE or INSERT OR REPLACE/IGNORE/ROLLBACK/ON CONFLICT refused (recursive_triggers OFF and ON); log unchanged"
        ),
    );
}

/// Clean logs never raise an alarm: the log as written, checked against
/// every head written down along the way, and after operations that
/// rewrite the file without changing the log (VACUUM, REINDEX, a WAL
/// checkpoint, a copy, an export restored into a new file).
#[test]
fn clean_logs_raise_no_false_alarm() {
    let mut checks = 0;
    let seeds = size(3, 20);
    for s in 0..seeds as u64 {
        let t = template(seed(0x7A5) + s, 3);
        let work = tempfile::tempdir().unwrap();
        let variants: Vec<(&str, PathBuf)> = {
            let mut v = vec![("as written", t.db.clone())];
            for (what, sql) in [
                ("after VACUUM", "VACUUM"),
                ("after REINDEX", "REINDEX"),
                ("after a checkpoint", "PRAGMA wal_checkpoint(TRUNCATE)"),
                ("after ANALYZE", "ANALYZE"),
            ] {
                let db = work.path().join(format!("{what}.db"));
                std::fs::copy(&t.db, &db).unwrap();
                sqlite(&db).execute_batch(sql).unwrap();
                v.push((what, db));
            }
            let export = work.path().join("export.jsonl");
            std::fs::write(&export, run(&t.db, &["export"]).expect(0).stdout).unwrap();
            let restored = work.path().join("restored.db");
            run(&restored, &["restore", export.to_str().unwrap()]).expect(0);
            v.push(("restored from its export", restored));
            v
        };
        for (what, db) in &variants {
            let (code, v) = verify_at(db, None);
            assert_eq!(code, 0, "{what}: false alarm: {v}");
            checks += 1;
            for (_, head, _) in &t.snapshots {
                let (code, v) = verify_at(db, Some(head));
                assert_eq!(code, 0, "{what} --head {head}: false alarm: {v}");
                checks += 1;
            }
        }
        // The export checks out too, against every head.
        let export = work.path().join("export.jsonl");
        for (_, head, _) in &t.snapshots {
            let r = run(
                &t.db,
                &["verify", "--file", export.to_str().unwrap(), "--head", head],
            );
            assert_eq!(r.code, Some(0), "{}", r.stdout);
            checks += 1;
        }
    }
    report(
        "tamper-clean",
        &format!(
            "{checks} verifications of clean logs ({seeds} generated logs, as written and after VACUUM/REINDEX/checkpoint/ANALYZE/restore, against every head written down, and their exports): 0 false alarms"
        ),
    );
}

/// Bits flipped anywhere in the file (header, b-tree pages, indexes, free
/// space). Whatever is hit, verify must never pass a log whose content
/// changed, and never crash: it reports the alteration (exit 3), or the
/// file cannot be opened at all (exit 1, a clean message), or the flip
/// touched nothing the log holds (verify passes and the rows read back
/// identical).
#[test]
fn random_bit_flips_anywhere_in_the_file_are_never_missed() {
    let trials = size(150, 2000);
    let seed = seed(0x7A6);
    let t = template(seed, 3);
    let original = dump(&t.db).expect("the clean log reads");
    let mut rng = Rng::new(seed);
    let work = tempfile::tempdir().unwrap();
    let (mut detected, mut unopenable, mut harmless, mut index_only) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    let len = std::fs::metadata(&t.db).unwrap().len() as usize;
    for trial in 0..trials {
        let db = work.path().join(format!("flip-{trial}.db"));
        let mut bytes = std::fs::read(&t.db).unwrap();
        let at = rng.index(len);
        bytes[at] ^= 1 << rng.below(8);
        std::fs::write(&db, &bytes).unwrap();
        let r = run(&db, &["--json", "verify"]).no_panic();
        let content_same = dump(&db).is_some_and(|d| d == original);
        match r.code {
            Some(3) => detected += 1,
            Some(1) => {
                assert!(
                    r.stderr.starts_with("error:"),
                    "not a clean error: {}",
                    r.stderr
                );
                unopenable += 1
            }
            Some(0) if content_same => {
                harmless += 1;
                // verify runs SQLite's full integrity_check, which compares
                // the indexes with the table: a flip that damaged only an
                // index must have been reported, not passed.
                let full: String = Connection::open(&db)
                    .and_then(|c| c.query_row("PRAGMA integrity_check", [], |r| r.get(0)))
                    .unwrap_or_else(|e| e.to_string());
                if full != "ok" {
                    index_only += 1;
                }
            }
            other => misses.push(format!(
                "byte {at} (page {}): exit {other:?}: {}",
                at / 4096 + 1,
                r.stdout
            )),
        }
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
        }
    }
    report(
        "tamper-anywhere",
        &format!(
            "seed {seed}; {trials} single-bit flips at random offsets of a {len}-byte log file: \
             {detected} reported altered (exit 3), {unopenable} refused as unopenable (exit 1), \
             {harmless} harmless to the log (its rows read back identical, every index intact: \
             {index_only} passed with a damaged index), {} missed",
            misses.len()
        ),
    );
    assert_eq!(index_only, 0, "verify passed a log whose index was damaged");
    assert!(
        misses.is_empty(),
        "verify passed a changed log:\n{}",
        misses.join("\n")
    );
}

/// Every row, every column, as SQLite returns it (None if unreadable).
fn dump(db: &Path) -> Option<Vec<Vec<rusqlite::types::Value>>> {
    let c = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    let mut st = c
        .prepare(&format!("SELECT {COLUMNS} FROM events ORDER BY seq"))
        .ok()?;
    let rows = st
        .query_map([], |r| {
            (0..13)
                .map(|i| r.get::<_, rusqlite::types::Value>(i))
                .collect()
        })
        .ok()?;
    rows.collect::<Result<Vec<Vec<_>>, _>>().ok()
}

/// A small export with a little of everything: null and non-null sources,
/// non-ASCII text, escaped quotes and newlines, several streams.
fn small_export() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("accord.db");
    run(&db, &["init"]).expect(0);
    let lines = [
        r#"{"id":"o1","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"moh","name":"Ministry of Health","side":"government"}}"#,
        r#"{"id":"o2","type":"organisation.registered","occurred_at":"2009-06-01","source":"Minutes \"day 1\"\nline two","data":{"org":"who","name":"ក្រសួងសុខាភិបាល","side":"development_partner"}}"#,
        r#"{"id":"p1","type":"person.registered","occurred_at":"2009-06-02T09:30:00+07:00","data":{"person":"ana","name":"Ana","org":"moh"}}"#,
        r#"{"id":"ps1","type":"partnership.established","occurred_at":"2009-06-03","recorded_by":"secretariat-cdc","data":{"partnership":"twg-h","name":"TWG Health"}}"#,
        r#"{"id":"j1","type":"partner.joined","occurred_at":"2009-06-03","data":{"partnership":"twg-h","org":"moh","role":"chair"}}"#,
    ];
    let f = dir.path().join("b.jsonl");
    std::fs::write(&f, lines.join("\n")).unwrap();
    run(&db, &["append", f.to_str().unwrap()]).expect(0);
    run(&db, &["export"]).expect(0).stdout.into_bytes()
}

/// The event lines of an export with line terminators normalised: two
/// exports with the same lines are the same backup.
fn event_lines(b: &[u8]) -> Vec<&[u8]> {
    b.split(|c| *c == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| !l.is_empty())
        .collect()
}

fn export_ok(b: &[u8]) -> bool {
    accord_events::verify::verify_export(std::io::Cursor::new(b), None, |_| {})
        .expect("reading from memory cannot fail")
        .ok()
}

/// Transparency-log style: every corrupted variant of a good export must be
/// refused by the export verifier, unless its event lines are byte-identical
/// to the original's (a line terminator changed).
#[test]
fn every_single_byte_corruption_of_an_export_fails_verification() {
    let good = small_export();
    assert!(export_ok(&good));
    let original = event_lines(&good);
    // CI: every bit flip and a set of telling bytes at every position;
    // full size: all 255 other values at every position.
    let special: Vec<u8> = if full() {
        (0..=255).collect()
    } else {
        // JSON whitespace, upper-case hex, an escape, a multi-byte lead.
        b" \n\r\tAF\\\xc3".to_vec()
    };
    let (mut tried, mut refused, mut harmless) = (0usize, 0usize, 0usize);
    let mut accepted = Vec::new();
    let mut check = |variant: Vec<u8>, what: String| {
        tried += 1;
        if !export_ok(&variant) {
            refused += 1;
        } else if event_lines(&variant) == original {
            harmless += 1;
        } else {
            accepted.push(what);
        }
    };
    for i in 0..good.len() {
        let mut values: Vec<u8> = (0..8).map(|b| good[i] ^ (1 << b)).collect();
        values.extend(special.iter().copied());
        values.sort_unstable();
        values.dedup();
        for v in values.into_iter().filter(|v| *v != good[i]) {
            let mut m = good.clone();
            m[i] = v;
            check(
                m,
                format!("byte {i} {:?} -> {:?}", good[i] as char, v as char),
            );
        }
        let mut m = good.clone();
        m.remove(i);
        check(m, format!("byte {i} {:?} deleted", good[i] as char));
        for v in special.iter().copied() {
            let mut m = good.clone();
            m.insert(i, v);
            check(m, format!("{:?} inserted before byte {i}", v as char));
        }
    }
    // Through the binary too, on a seeded sample: exit 3 with the first bad seq.
    let mut rng = Rng::new(seed(0x7A7));
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("export.jsonl");
    let lines: Vec<usize> = std::iter::once(0)
        .chain(
            good.iter()
                .enumerate()
                .filter(|(_, c)| **c == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    let samples = size(40, 400);
    for _ in 0..samples {
        let i = rng.index(good.len());
        if good[i] == b'\n' {
            continue;
        }
        let mut m = good.clone();
        m[i] ^= 1 << rng.below(8);
        std::fs::write(&f, &m).unwrap();
        let r = run(&f, &["--json", "verify", "--file", f.to_str().unwrap()]).no_panic();
        let line = lines.iter().rposition(|start| *start <= i).unwrap() as u64 + 1;
        assert_eq!(r.code, Some(3), "byte {i}: {}", r.stdout);
        assert_eq!(
            r.json()["first_bad_seq"].as_u64(),
            Some(line),
            "byte {i}: {}",
            r.stdout
        );
    }
    report(
        "tamper-export",
        &format!(
            "an export of {} bytes ({} events): {tried} single-byte variants (every bit flip, {} chosen values \
             substituted and inserted at every position, every deletion): {refused} refused, {harmless} harmless \
             (same event lines; only a line terminator changed), {} accepted\n\
             through `accord verify --file`: {samples} sampled bit flips, all exit 3 naming the line's seq",
            good.len(),
            original.len(),
            special.len(),
            accepted.len()
        ),
    );
    assert!(
        accepted.is_empty(),
        "{} corrupted exports verified:\n{}",
        accepted.len(),
        accepted
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// An index that no longer matches the table (its pages swapped with
/// another index's, each a sound b-tree) leaves every row readable, and
/// SQLite's quick_check passes it; but lookups by that index would answer
/// wrongly, so verify (which runs the full integrity_check) must report it.
#[test]
fn an_index_that_no_longer_matches_the_table_is_reported() {
    let t = template(seed(0x1DE), 2);
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("swapped.db");
    std::fs::copy(&t.db, &db).unwrap();
    {
        let c = Connection::open(&db).unwrap();
        let root = |name: &str| -> i64 {
            c.query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .unwrap()
        };
        let (a, b) = (root("events_by_occurred_at"), root("events_by_recorded_by"));
        c.execute_batch("PRAGMA writable_schema = ON").unwrap();
        c.execute(
            "UPDATE sqlite_schema SET rootpage = CASE name WHEN 'events_by_occurred_at' THEN ?2 ELSE ?1 END
             WHERE name IN ('events_by_occurred_at', 'events_by_recorded_by')",
            params![a, b],
        )
        .unwrap();
    }
    let quick: String = Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(quick, "ok", "the damage is one quick_check cannot see");
    assert_eq!(dump(&db), dump(&t.db), "every row still reads the same");
    let r = run(&db, &["--json", "verify"]).expect(3);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["first_bad_seq"], 1, "{}", r.stdout);
    let reason = v["reason"].as_str().unwrap();
    assert!(reason.contains("structural check"), "{reason}");
    assert!(
        reason.contains("events_by_"),
        "the index is named: {reason}"
    );
}
