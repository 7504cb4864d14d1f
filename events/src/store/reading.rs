//! The programme's reading index: a persistent projection kept beside an
//! SQLite log, so that reading a partnership does not scan the programme
//! stream.
//!
//! A partnership's state needs, of the programme stream, only its stages,
//! frameworks, retractions and translations: a few hundred events among the
//! tens of thousands of meetings and interviews of a large programme. The
//! events table has no index by type (each would cost every append), so
//! reading them meant visiting every row of the stream: two thirds of
//! `show`'s time for a partnership of median activity on a million events.
//! The index holds the position (`seq`) and type of each event of those
//! types, and the reader fetches them by key.
//!
//! Derived data, never trusted over the log (the same terms as the saved
//! rule state, `checkpoint.rs`):
//! - it records the head it was caught up to, and is used only while the
//!   log still holds that exact event (same `seq`, same hash): a log
//!   restored or replaced underneath it is not read through it;
//! - its rows are chained into a digest, checked on every read: an edited,
//!   added or deleted row makes it ignored;
//! - a build whose indexed types or layout differ (the layout digest covers
//!   this file and `reading.sql`) ignores it;
//! - an ignored index is never half-used: the reader scans the stream as
//!   before, and the next writer starts it afresh.
//!
//! The reader fetches the indexed events from the events table and keeps
//! only those that are on the programme stream and of the types asked for,
//! and it reads the events after the covered head by scanning only those:
//! the index can leave a reader slower, never wrong, so long as it lists
//! every event of its types (which the digest holds it to).
//!
//! Writers catch it up after each committed append, from the last `seq` it
//! covers (best effort: a log that cannot be written is read as before).
//! `accord rebuild` drops it and builds it afresh. `verify`, `export` and
//! the rules never read it.

use rusqlite::{Connection, OptionalExtension, params_from_iter};
use sha2::{Digest, Sha256};

use super::filter::StreamPart;
use super::sql::{COLUMNS, part_conditions};

const TABLES: &str = include_str!("../../sql/reading.sql");

/// The stream the index covers.
pub const INDEXED_STREAM: &str = "programme";

/// The types of the programme stream the index holds: what a partnership's
/// state reads of it.
pub const INDEXED_TYPES: [&str; 6] = [
    "event.retracted",
    "framework.defined",
    "stage.completed",
    "stage.planned",
    "stage.started",
    "translation.recorded",
];

/// How far behind the log the index may be for a reader to go through
/// it: the events after it are read by position, all of them, and beyond
/// this many scanning the stream by its own index costs less.
const FAR_BEHIND: u64 = 50_000;

/// Whether a reader may go through the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadingIndex {
    /// There is none (a log made before it, or on PostgreSQL).
    Missing,
    /// There is one, and it is not trusted, for this reason.
    Ignored(&'static str),
    /// It lists every indexed event up to this `seq`.
    Covers(u64),
}

/// Identifies the index's layout: this file and its tables.
fn layout() -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"accord-reading-index-v1\n");
    h.update(TABLES);
    h.update(include_str!("reading.rs"));
    h.finalize().into()
}

/// The digest after one more row.
fn chained(digest: [u8; 32], seq: i64, kind: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(digest);
    h.update(seq.to_le_bytes());
    h.update(kind.as_bytes());
    h.update([0]);
    h.finalize().into()
}

/// The types as SQL literals (they are the constants above, with no quotes
/// in them, so nothing is spliced from outside).
fn type_list() -> String {
    let quoted: Vec<String> = INDEXED_TYPES.iter().map(|t| format!("'{t}'")).collect();
    format!("({})", quoted.join(", "))
}

struct Saved {
    layout: Vec<u8>,
    head_seq: i64,
    head_hash: Vec<u8>,
    digest: Vec<u8>,
}

fn saved(conn: &Connection) -> rusqlite::Result<Option<Saved>> {
    let exists: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('accord_reading', 'accord_reading_head')",
        [],
        |r| r.get(0),
    )?;
    if exists != 2 {
        return Ok(None);
    }
    conn.query_row(
        "SELECT layout, head_seq, head_hash, digest FROM accord_reading_head WHERE one = 1",
        [],
        |r| {
            Ok(Saved {
                layout: r.get(0)?,
                head_seq: r.get(1)?,
                head_hash: r.get(2)?,
                digest: r.get(3)?,
            })
        },
    )
    .optional()
}

/// Checks the index against the log and its own digest. Errors reading it
/// (a damaged table) are reasons to ignore it, not errors of the read.
pub(crate) fn state(conn: &Connection) -> ReadingIndex {
    match checked(conn) {
        Ok(s) => s,
        Err(_) => ReadingIndex::Ignored("it cannot be read"),
    }
}

fn checked(conn: &Connection) -> rusqlite::Result<ReadingIndex> {
    let Some(s) = saved(conn)? else {
        return Ok(ReadingIndex::Missing);
    };
    if s.layout != layout() {
        return Ok(ReadingIndex::Ignored(
            "it was written by a build that indexes other types or lays it out differently",
        ));
    }
    if s.head_seq > 0 {
        let hash: Option<Vec<u8>> = conn
            .query_row(
                "SELECT hash FROM events WHERE seq = ?1",
                [s.head_seq],
                |r| r.get(0),
            )
            .optional()?;
        if hash.as_deref() != Some(s.head_hash.as_slice()) {
            return Ok(ReadingIndex::Ignored(
                "the log no longer holds the event it was caught up to (restored or replaced?)",
            ));
        }
    }
    let mut stmt =
        conn.prepare_cached("SELECT event_seq, event_type FROM accord_reading ORDER BY event_seq")?;
    let mut rows = stmt.query([])?;
    let mut digest = [0u8; 32];
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let kind: String = r.get(1)?;
        if seq > s.head_seq {
            return Ok(ReadingIndex::Ignored("it lists an event after its head"));
        }
        digest = chained(digest, seq, &kind);
    }
    if digest.as_slice() != s.digest.as_slice() {
        return Ok(ReadingIndex::Ignored("its rows do not match their digest"));
    }
    Ok(ReadingIndex::Covers(s.head_seq as u64))
}

/// Catches the index up with the log, in one write transaction: from the
/// last `seq` it covers, or from the start when there is none or it is not
/// trusted. Returns what it covers now.
pub(crate) fn catch_up(conn: &Connection) -> rusqlite::Result<ReadingIndex> {
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    conn.execute_batch(TABLES)?;
    let (from, mut digest) = match checked(conn)? {
        ReadingIndex::Covers(seq) => {
            let d: Vec<u8> =
                conn.query_row("SELECT digest FROM accord_reading_head", [], |r| r.get(0))?;
            (seq as i64, d.try_into().unwrap_or([0; 32]))
        }
        ReadingIndex::Missing | ReadingIndex::Ignored(_) => {
            conn.execute_batch("DELETE FROM accord_reading; DELETE FROM accord_reading_head;")?;
            (0, [0; 32])
        }
    };
    {
        let mut read = conn.prepare(&format!(
            "SELECT seq, type FROM events WHERE seq > ?1 AND stream = '{INDEXED_STREAM}' AND type IN {} ORDER BY seq",
            type_list()
        ))?;
        let mut insert =
            conn.prepare("INSERT INTO accord_reading (event_seq, event_type) VALUES (?1, ?2)")?;
        let mut rows = read.query([from])?;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let kind: String = r.get(1)?;
            insert.execute(rusqlite::params![seq, kind])?;
            digest = chained(digest, seq, &kind);
        }
    }
    let (head_seq, head_hash): (i64, Vec<u8>) = conn
        .query_row(
            "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, Vec::new()));
    conn.execute(
        "INSERT OR REPLACE INTO accord_reading_head (one, layout, head_seq, head_hash, digest) VALUES (1, ?1, ?2, ?3, ?4)",
        rusqlite::params![layout().as_slice(), head_seq, head_hash, digest.as_slice()],
    )?;
    tx.commit()?;
    Ok(ReadingIndex::Covers(head_seq as u64))
}

/// Drops the index (`accord rebuild` then builds it afresh).
pub(crate) fn drop_index(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "DROP TABLE IF EXISTS accord_reading; DROP TABLE IF EXISTS accord_reading_head;",
    )
}

/// True when `part` is what the index answers: types of the indexed
/// stream, every one of them indexed.
pub(crate) fn answers(part: &StreamPart<'_>) -> bool {
    part.stream == INDEXED_STREAM
        && part
            .types
            .is_some_and(|types| types.iter().all(|t| INDEXED_TYPES.contains(t)))
}

/// The query reading `part` through an index that covers the log up to
/// `covers`, and its parameters: the indexed events by key, then the
/// events after `covers` by scanning only those. Every event read must
/// still match `part` in the events table itself.
pub(crate) fn part_query(part: &StreamPart<'_>, covers: u64) -> (String, Vec<String>) {
    let ph = |i: usize| format!("?{i}");
    let mut params = vec![covers.to_string()];
    let matching = part_conditions(part, &ph, &mut params);
    // The index drives the first half (CROSS JOIN keeps it the outer
    // loop, each event then found by its key); the second reads the events
    // after `covers` by position (`+stream` keeps the planner off the
    // stream's index, which would visit the whole stream).
    let tail = matching.replacen("stream = ", "+stream = ", 1);
    let sql = format!(
        "SELECT {COLUMNS} FROM accord_reading CROSS JOIN events ON seq = event_seq
         WHERE event_seq <= CAST(?1 AS INTEGER) AND {matching}
         UNION ALL
         SELECT {COLUMNS} FROM events WHERE seq > CAST(?1 AS INTEGER) AND {tail}
         ORDER BY seq"
    );
    (sql, params)
}

/// Reads `part` through the index, when it answers `part` and is trusted;
/// `None` to scan instead.
pub(crate) fn read_part<T>(
    conn: &Connection,
    part: &StreamPart<'_>,
    row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Option<Vec<T>>> {
    if !answers(part) {
        return Ok(None);
    }
    // The check and the read see one snapshot of the log and the index.
    let own = conn.is_autocommit();
    if own {
        conn.execute_batch("BEGIN")?;
    }
    let result = (|| {
        let ReadingIndex::Covers(covers) = state(conn) else {
            return Ok(None);
        };
        let head: i64 =
            conn.query_row("SELECT coalesce(max(seq), 0) FROM events", [], |r| r.get(0))?;
        if head as u64 > covers + FAR_BEHIND {
            return Ok(None);
        }
        let (sql, params) = part_query(part, covers);
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(params.iter()), row)?;
        rows.collect::<rusqlite::Result<Vec<T>>>().map(Some)
    })();
    if own {
        conn.execute_batch("COMMIT")?;
    }
    result
}
