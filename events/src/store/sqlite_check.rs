//! SQLite's structural check for `verify`, in the time a million events allow.
//!
//! `PRAGMA integrity_check` is the check `verify` reports, word for word.
//! On a large log most of its time goes to one B-tree descent per row and
//! per index, to find each row's entry in each of the events table's four
//! indexes (about three quarters of it on a million events). What it finds
//! is the same as this, which costs a few sequential scans:
//!
//! - `PRAGMA quick_check`: everything `integrity_check` checks except that
//!   the indexes hold exactly the table's rows and that UNIQUE holds;
//! - each index of the events table scanned once, in its own order: a digest
//!   of its entries (count and two 64-bit sums of hashes, which do not
//!   depend on the order), compared with the same digest of the table,
//!   which the chain walk computes from the rows it reads anyway; and
//!   each entry compared with the one before it (in order, and distinct
//!   where the index is UNIQUE);
//! - the small tables (`accord_meta`, the saved rule state, and the
//!   reading index's head and tables of digests, which carry a CHECK or an
//!   index of their own) by `integrity_check` on each of them.
//!
//! Whenever any of that finds anything, or cannot be run as planned (the
//! schema is not accord's, rows outside the sequence, a walk that stopped,
//! another process appending between the two snapshots), the full
//! `integrity_check` is run and its own answer is the result. So `verify`
//! prints exactly what it printed before, only sooner when the log is sound.

use std::sync::mpsc::Receiver;

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::StoreError;
use crate::envelope::StoredEvent;

/// The events table's indexes as accord creates them: name, and the
/// columns of its entries (the key, then `seq`, the rowid).
const INDEXES: [(&str, &str); 4] = [
    ("sqlite_autoindex_events_1", "id"),
    ("sqlite_autoindex_events_2", "stream, stream_version"),
    ("events_by_occurred_at", "occurred_at"),
    ("events_by_recorded_by", "recorded_by"),
];

/// The two UNIQUE constraints: their indexes must not repeat a key.
const UNIQUE: [bool; 4] = [true, true, false, false];

/// Seeds of the two hashes summed into a digest.
const SEEDS: [u64; 2] = [0x6163_636f_7264_2d31, 0x7665_7269_6679_2d32];

/// What one index (or the table, for that index) holds, whatever the order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Digest {
    count: u64,
    sums: [u64; 2],
}

impl Digest {
    fn add(&mut self, key: &[&[u8]], int_key: Option<i64>, seq: i64) {
        self.count += 1;
        for (sum, seed) in self.sums.iter_mut().zip(SEEDS) {
            *sum = sum.wrapping_add(entry_hash(seed, key, int_key, seq));
        }
    }
}

/// The hash of one index entry.
fn entry_hash(seed: u64, key: &[&[u8]], int_key: Option<i64>, seq: i64) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = foldhash::quality::FixedState::with_seed(seed).build_hasher();
    for part in key {
        h.write_usize(part.len());
        h.write(part);
    }
    if let Some(n) = int_key {
        h.write_i64(n);
    }
    h.write_i64(seq);
    h.finish()
}

/// The digests of the four indexes, as the table's rows make them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct TableDigest([Digest; 4]);

impl TableDigest {
    /// Adds a row read by the chain walk.
    pub(crate) fn add(&mut self, e: &StoredEvent) {
        let seq = e.seq as i64;
        self.0[0].add(&[e.id.as_bytes()], None, seq);
        self.0[1].add(&[e.stream.as_bytes()], Some(e.stream_version as i64), seq);
        self.0[2].add(&[e.occurred_at.as_bytes()], None, seq);
        self.0[3].add(&[e.recorded_by.as_bytes()], None, seq);
    }
}

/// The structural check on its own connection: `None` when sound. The
/// digest of the table arrives from the chain walk on `table` (nothing
/// arrives if the walk did not read every row cleanly).
pub(crate) fn structural_check(
    conn: &Connection,
    table: Receiver<TableDigest>,
    full: impl Fn(&Connection) -> Result<Option<String>, StoreError>,
) -> Result<Option<String>, StoreError> {
    conn.execute_batch("BEGIN")?;
    let sound = quick_checks(conn)
        .map(|indexes| indexes.is_some_and(|i| table.recv().is_ok_and(|t| t == i)));
    let result = match sound {
        Ok(true) => Ok(None),
        // Anything found, or anything that could not be run: the full
        // check decides, and says it in its own words.
        Ok(false) | Err(_) => full(conn),
    };
    let _ = conn.execute_batch("COMMIT");
    result
}

/// The cheap checks; `Some(digests of the indexes)` when they all pass.
fn quick_checks(conn: &Connection) -> Result<Option<TableDigest>, StoreError> {
    if !schema_is_accords(conn)? {
        return Ok(None);
    }
    let strays: i64 = conn.query_row("SELECT count(*) FROM events WHERE seq < 1", [], |r| {
        r.get(0)
    })?;
    if strays > 0 {
        return Ok(None);
    }
    if !pragma_ok(conn, "PRAGMA quick_check")? {
        return Ok(None);
    }
    for table in [
        "accord_meta",
        "accord_checkpoint",
        "accord_reading_head",
        "accord_reading_names_head",
        "accord_reading_entries_head",
    ] {
        let exists: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?;
        if exists == 1 && !pragma_ok(conn, &format!("PRAGMA integrity_check({table})"))? {
            return Ok(None);
        }
    }
    let mut digests = TableDigest::default();
    for (i, (name, columns)) in INDEXES.iter().enumerate() {
        match scan_index(conn, name, columns, UNIQUE[i])? {
            Some(d) => digests.0[i] = d,
            None => return Ok(None),
        }
    }
    Ok(Some(digests))
}

/// True when the pragma answers the single line "ok".
fn pragma_ok(conn: &Connection, pragma: &str) -> Result<bool, StoreError> {
    let mut stmt = conn.prepare(pragma)?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(lines == ["ok"])
}

/// True when the events table and its indexes are declared exactly as
/// accord's schema declares them (so that each scan below reads the
/// index it names, and only it: every column it asks for is in the index).
fn schema_is_accords(conn: &Connection) -> Result<bool, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'events' AND type IN ('table', 'index') ORDER BY name",
    )?;
    let found: Vec<(String, String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let schema = super::sqlite::SCHEMA_V1;
    let declared_table = schema.find("CREATE TABLE events (").and_then(|at| {
        schema[at..]
            .find(") STRICT;")
            .map(|end| &schema[at..at + end + 8])
    });
    let mut expected: Vec<(String, String, Option<String>)> = vec![
        (
            "index".into(),
            "events_by_occurred_at".into(),
            Some("CREATE INDEX events_by_occurred_at ON events (occurred_at)".into()),
        ),
        (
            "index".into(),
            "events_by_recorded_by".into(),
            Some("CREATE INDEX events_by_recorded_by ON events (recorded_by)".into()),
        ),
        (
            "table".into(),
            "events".into(),
            declared_table.map(String::from),
        ),
        ("index".into(), "sqlite_autoindex_events_1".into(), None),
        ("index".into(), "sqlite_autoindex_events_2".into(), None),
    ];
    expected.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(declared_table.is_some() && found == expected)
}

/// Scans one index in its own order: its digest, or `None` when an entry
/// is out of order, repeats a UNIQUE key, or is not of the column's type.
fn scan_index(
    conn: &Connection,
    name: &str,
    columns: &str,
    unique: bool,
) -> Result<Option<Digest>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {columns}, seq FROM events INDEXED BY {name}"
    ))?;
    let with_version = columns.contains(',');
    let mut rows = stmt.query([])?;
    let mut digest = Digest::default();
    let mut prev: Option<(Vec<u8>, i64, i64)> = None;
    while let Some(r) = rows.next()? {
        let ValueRef::Text(key) = r.get_ref(0)? else {
            return Ok(None);
        };
        let version = if with_version {
            match r.get_ref(1)? {
                ValueRef::Integer(n) => Some(n),
                _ => return Ok(None),
            }
        } else {
            None
        };
        let ValueRef::Integer(seq) = r.get_ref(if with_version { 2 } else { 1 })? else {
            return Ok(None);
        };
        let here = (version.unwrap_or(0), seq);
        if let Some((k, v, s)) = &prev {
            let order = k.as_slice().cmp(key).then(v.cmp(&here.0));
            let fine = match order {
                std::cmp::Ordering::Less => true,
                std::cmp::Ordering::Equal => !unique && *s < seq,
                std::cmp::Ordering::Greater => false,
            };
            if !fine {
                return Ok(None);
            }
        }
        digest.add(&[key], version, seq);
        match &mut prev {
            Some((k, v, s)) => {
                k.clear();
                k.extend_from_slice(key);
                (*v, *s) = here;
            }
            None => prev = Some((key.to_vec(), here.0, here.1)),
        }
    }
    Ok(Some(digest))
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::sync_channel;

    use super::*;
    use crate::clock::Clock;
    use crate::store::backend::Backend;
    use crate::store::sqlite::SqliteBackend;

    fn event(seq: u64) -> StoredEvent {
        StoredEvent {
            seq,
            id: format!("ev-{:04}", (seq * 7919) % 1000),
            kind: "finding.recorded".into(),
            // Three streams in turn: each gets every third seq.
            stream: format!("partnership:p{}", seq % 3),
            stream_version: seq.div_ceil(3),
            occurred_at: format!("2025-0{}-01", 1 + seq % 9),
            recorded_at: "2026-01-01T00:00:00.000000Z".into(),
            recorded_by: ["ana", "bo"][seq as usize % 2].into(),
            source: None,
            data: "{}".into(),
            schema_version: 1,
            prev_hash: [0; 32],
            hash: [0; 32],
        }
    }

    /// A log of `n` rows (their chain is of no interest here) and the
    /// digest the walk would send for it.
    fn log(n: u64) -> (tempfile::TempDir, std::path::PathBuf, TableDigest) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let db = SqliteBackend::create(&path, Clock::System).unwrap();
        let mut table = TableDigest::default();
        db.begin_write().unwrap();
        for seq in 1..=n {
            let e = event(seq);
            assert!(db.insert(&e).unwrap());
            table.add(&e);
        }
        db.commit().unwrap();
        (dir, path, table)
    }

    /// On a sound log the cheap checks pass and agree with the walk's
    /// digest, so the full check is not run (it would panic here).
    #[test]
    fn a_sound_log_passes_without_the_full_check() {
        let (_dir, path, table) = log(60);
        let conn = Connection::open(&path).unwrap();
        assert_eq!(quick_checks(&conn).unwrap(), Some(table));
        let (to, from) = sync_channel(1);
        to.send(table).unwrap();
        let found = structural_check(&conn, from, |_| panic!("the full check ran"));
        assert_eq!(found.unwrap(), None);
    }

    /// A walk that did not vouch for the table (nothing sent), or a table
    /// whose rows differ from the indexes: the full check decides.
    #[test]
    fn without_an_agreeing_digest_the_full_check_decides() {
        let (_dir, path, table) = log(30);
        let conn = Connection::open(&path).unwrap();
        let (to, from) = sync_channel::<TableDigest>(1);
        drop(to);
        let found = structural_check(&conn, from, |_| Ok(Some("full".into())));
        assert_eq!(found.unwrap().as_deref(), Some("full"));
        let mut other = table;
        other.add(&event(31));
        let (to, from) = sync_channel(1);
        to.send(other).unwrap();
        let found = structural_check(&conn, from, |_| Ok(Some("full".into())));
        assert_eq!(found.unwrap().as_deref(), Some("full"));
    }

    /// An index whose entries were swapped with another's (each a sound
    /// B-tree, so quick_check passes) no longer agrees with the table.
    #[test]
    fn swapped_indexes_disagree_with_the_table() {
        let (_dir, path, table) = log(40);
        let conn = Connection::open(&path).unwrap();
        let root = |name: &str| -> i64 {
            conn.query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .unwrap()
        };
        let (a, b) = (root("events_by_occurred_at"), root("events_by_recorded_by"));
        conn.execute_batch("PRAGMA writable_schema = ON").unwrap();
        conn.execute(
            "UPDATE sqlite_schema SET rootpage = CASE name WHEN 'events_by_occurred_at' THEN ?2 ELSE ?1 END
             WHERE name IN ('events_by_occurred_at', 'events_by_recorded_by')",
            [a, b],
        )
        .unwrap();
        drop(conn);
        let conn = Connection::open(&path).unwrap();
        let indexes = quick_checks(&conn).unwrap();
        assert!(indexes.is_some_and(|d| d != table), "{indexes:?}");
    }
}
