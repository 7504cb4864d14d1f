//! The reading index: a persistent projection kept beside an SQLite log,
//! so that reading a partnership scans neither the programme stream nor
//! the directory.
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
//! A partnership's history also reads the programme's meetings, activities
//! and interviews that name it (a few hundred among tens of thousands), so
//! the index also holds, per partnership, the positions of those naming it
//! (`accord_reading_names`), with a digest per partnership.
//!
//! A partnership's state looks up, of the directory, only the organisations
//! and people it names (and the organisations those people worked for):
//! a few hundred events among the directory's tens of thousands. The index
//! files each event of the directory stream under its entry
//! (`accord_reading_entries`: `org:<id>`, `person:<id>`, `*` for any other),
//! with a digest per entry.
//!
//! Derived data, never trusted over the log (the same terms as the saved
//! rule state, `checkpoint.rs`):
//! - it records the head it was caught up to, and is used only while the
//!   log still holds that exact event (same `seq`, same hash): a log
//!   restored or replaced underneath it is not read through it;
//! - its rows are chained into a digest, checked on every read: an edited,
//!   added or deleted row makes it ignored (a reader checks the rows of the
//!   types, those naming the partnership and those of the entries it reads;
//!   a writer checks them all before building on them, and starts afresh on
//!   any mismatch);
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
//! covers (best effort: a log that cannot be written is read as before),
//! with the rows the batch filed as it folded its events ([`Filed`]) when
//! the index covers exactly what the batch was appended to; whatever else
//! is missing is read back from the events table.
//! `accord rebuild` drops it and builds it afresh. `verify`, `export` and
//! the rules never read it.

use rusqlite::{Connection, OptionalExtension, params_from_iter};
use sha2::{Digest, Sha256};

use super::filter::{ANY_ENTRY, StreamPart};
use super::folds::{Tail, tail_of};
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

/// The index rows of a batch's events, filed as the batch folds them, so
/// that catching the index up after it reads back only what others
/// appended since (after a bulk append of a million events, scanning the
/// programme and directory streams again took ~0.9 s). Filed by the same
/// keys as the SQL of [`catch_up`]; a test holds the two to each other
/// (`tests/bulk_append.rs`).
#[derive(Debug, Default)]
pub(crate) struct Filed {
    /// The `seq` the batch was appended after, and its last.
    span: Option<(u64, u64)>,
    types: Vec<(i64, &'static str)>,
    names: Vec<(i64, String)>,
    entries: Vec<(i64, String)>,
}

impl Filed {
    /// Files one written event (the batch's are written in `seq` order,
    /// one after another).
    pub(crate) fn file(&mut self, e: &crate::Envelope) {
        let after = self.span.map_or(e.seq - 1, |(after, _)| after);
        self.span = Some((after, e.seq));
        let seq = e.seq as i64;
        let kind = e.event.kind().as_str();
        if e.stream == INDEXED_STREAM {
            if INDEXED_TYPES.contains(&kind) {
                self.types.push((seq, kind));
            }
            let mut named: Vec<&str> = e.event.partnerships_named().collect();
            named.sort_unstable();
            named.dedup();
            self.names
                .extend(named.into_iter().map(|p| (seq, p.to_owned())));
        } else if e.stream == "directory" {
            self.entries
                .push((seq, super::filter::directory_entry(&e.event)));
        }
    }
}

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
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('accord_reading', 'accord_reading_head', 'accord_reading_names', 'accord_reading_names_head', 'accord_reading_entries', 'accord_reading_entries_head')",
        [],
        |r| r.get(0),
    )?;
    if exists != 6 {
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

/// Catches the index up with the log, in one write transaction (or, for
/// a batch about to commit, in the batch's own: see `write_apart`): from
/// the last `seq` it covers, or from the start when there is none or it is
/// not trusted. `filed` holds the rows of the batch just written: used
/// when the index covers exactly what that batch was appended to, and the
/// events after it are read back. Returns what it covers now.
pub(crate) fn catch_up(conn: &Connection, filed: Option<&Filed>) -> rusqlite::Result<ReadingIndex> {
    super::sqlite::write_apart(conn, || caught_up(conn, filed))
}

fn caught_up(conn: &Connection, filed: Option<&Filed>) -> rusqlite::Result<ReadingIndex> {
    conn.execute_batch(TABLES)?;
    let (from, mut digest) = match checked(conn)? {
        ReadingIndex::Covers(seq) if all_sound(conn, &NAMES)? && all_sound(conn, &ENTRIES)? => {
            let d: Vec<u8> =
                conn.query_row("SELECT digest FROM accord_reading_head", [], |r| r.get(0))?;
            (seq as i64, d.try_into().unwrap_or([0; 32]))
        }
        _ => {
            conn.execute_batch(
                "DELETE FROM accord_reading; DELETE FROM accord_reading_head;
                 DELETE FROM accord_reading_names; DELETE FROM accord_reading_names_head;
                 DELETE FROM accord_reading_entries; DELETE FROM accord_reading_entries_head;",
            )?;
            (0, [0; 32])
        }
    };
    let none = Filed::default();
    let (filed, read_from) = match filed.and_then(|f| Some((f, f.span?))) {
        Some((f, (after, to))) if after == from as u64 => (f, to as i64),
        _ => (&none, from),
    };
    {
        let mut read = conn.prepare(&format!(
            "SELECT seq, type FROM events WHERE seq > ?1 AND stream = '{INDEXED_STREAM}' AND type IN {} ORDER BY seq",
            type_list()
        ))?;
        let mut insert =
            conn.prepare("INSERT INTO accord_reading (event_seq, event_type) VALUES (?1, ?2)")?;
        let mut add = |seq: i64, kind: &str| {
            digest = chained(digest, seq, kind);
            insert.execute(rusqlite::params![seq, kind]).map(drop)
        };
        for (seq, kind) in &filed.types {
            add(*seq, kind)?;
        }
        let mut rows = read.query([read_from])?;
        while let Some(r) = rows.next()? {
            add(r.get(0)?, &r.get::<_, String>(1)?)?;
        }
    }
    catch_up_names(conn, &filed.names, read_from)?;
    catch_up_entries(conn, &filed.entries, read_from)?;
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
    Ok(ReadingIndex::Covers(head_seq as u64))
}

/// A table of event positions filed by key, and its per-key digests.
struct Keyed {
    rows: &'static str,
    heads: &'static str,
    key: &'static str,
}

/// The programme's meetings, activities and interviews, by the
/// partnership they name.
const NAMES: Keyed = Keyed {
    rows: "accord_reading_names",
    heads: "accord_reading_names_head",
    key: "partnership",
};

/// The directory's events, by entry.
const ENTRIES: Keyed = Keyed {
    rows: "accord_reading_entries",
    heads: "accord_reading_entries_head",
    key: "entry",
};

/// Adds the rows naming partnerships of the events after `from`, and
/// chains them into each partnership's digest.
fn catch_up_names(conn: &Connection, filed: &[(i64, String)], from: i64) -> rusqlite::Result<()> {
    file(
        conn,
        &NAMES,
        filed,
        from,
        &format!(
            "SELECT seq, j.value FROM events, json_each(events.data, '$.partnerships') AS j
              WHERE events.seq > ?1 AND events.stream = '{INDEXED_STREAM}'
                AND events.type IN ('meeting.held', 'activity.delivered') AND j.type = 'text'
             UNION
             SELECT seq, json_extract(data, '$.partnership') FROM events
              WHERE seq > ?1 AND stream = '{INDEXED_STREAM}' AND type = 'interview.held'
                AND json_type(data, '$.partnership') = 'text'
             ORDER BY 1, 2"
        ),
    )
}

/// Files the directory's events after `from` by entry (the keys of
/// [`super::filter::directory_entry`], in SQL), and chains them into each
/// entry's digest.
fn catch_up_entries(conn: &Connection, filed: &[(i64, String)], from: i64) -> rusqlite::Result<()> {
    file(
        conn,
        &ENTRIES,
        filed,
        from,
        "SELECT seq, coalesce(CASE
                WHEN type = 'organisation.registered'
                  THEN 'org:' || json_extract(data, '$.org')
                WHEN type IN ('person.registered', 'person.moved', 'person.key_added', 'person.key_revoked')
                  THEN 'person:' || json_extract(data, '$.person')
              END, '*')
           FROM events WHERE seq > ?1 AND stream = 'directory'
          ORDER BY 1, 2",
    )
}

/// Adds to `table` the `(seq, key)` rows filed by a batch, then those
/// `select` gives for the events after `from` (in seq order), and chains
/// them into each key's digest.
fn file(
    conn: &Connection,
    table: &Keyed,
    filed: &[(i64, String)],
    from: i64,
    select: &str,
) -> rusqlite::Result<()> {
    let mut digests: std::collections::HashMap<String, [u8; 32]> = std::collections::HashMap::new();
    {
        let mut read = conn.prepare(select)?;
        let mut insert = conn.prepare(&format!(
            "INSERT INTO {} ({}, event_seq) VALUES (?1, ?2)",
            table.rows, table.key
        ))?;
        let mut known = conn.prepare(&format!(
            "SELECT digest FROM {} WHERE {} = ?1",
            table.heads, table.key
        ))?;
        let mut add = |seq: i64, key: &str| -> rusqlite::Result<()> {
            insert.execute(rusqlite::params![key, seq])?;
            if let Some(d) = digests.get_mut(key) {
                *d = chained(*d, seq, "");
            } else {
                let saved = known
                    .query_row([key], |r| r.get::<_, Vec<u8>>(0))
                    .optional()?
                    .and_then(|d| d.try_into().ok())
                    .unwrap_or([0; 32]);
                digests.insert(key.to_owned(), chained(saved, seq, ""));
            }
            Ok(())
        };
        for (seq, key) in filed {
            add(*seq, key)?;
        }
        let mut rows = read.query([from])?;
        while let Some(r) = rows.next()? {
            add(r.get(0)?, &r.get::<_, String>(1)?)?;
        }
    }
    let mut save = conn.prepare(&format!(
        "INSERT OR REPLACE INTO {} ({}, digest) VALUES (?1, ?2)",
        table.heads, table.key
    ))?;
    for (key, digest) in digests {
        save.execute(rusqlite::params![key, digest.as_slice()])?;
    }
    Ok(())
}

/// True when the rows of every key of `table` match their digests (a
/// writer checks them all before building on them; a reader checks those
/// of the keys it reads).
fn all_sound(conn: &Connection, table: &Keyed) -> rusqlite::Result<bool> {
    let mut saved: std::collections::HashMap<String, Vec<u8>> = conn
        .prepare(&format!(
            "SELECT {}, digest FROM {}",
            table.key, table.heads
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {0}, event_seq FROM {1} ORDER BY {0}, event_seq",
        table.key, table.rows
    ))?;
    let mut rows = stmt.query([])?;
    let mut current: Option<(String, [u8; 32])> = None;
    let mut finished = |k: String, d: [u8; 32]| saved.remove(&k).is_some_and(|s| s == d);
    while let Some(r) = rows.next()? {
        let key: String = r.get(0)?;
        let seq: i64 = r.get(1)?;
        match &mut current {
            Some((k, d)) if *k == key => *d = chained(*d, seq, ""),
            _ => {
                if let Some((k, d)) = current.take()
                    && !finished(k, d)
                {
                    return Ok(false);
                }
                current = Some((key, chained([0; 32], seq, "")));
            }
        }
    }
    if let Some((k, d)) = current
        && !finished(k, d)
    {
        return Ok(false);
    }
    // A digest left without rows is damage too.
    Ok(saved.is_empty())
}

/// True when the rows of `key` in `table` match their digest.
fn sound(conn: &Connection, table: &Keyed, key: &str) -> rusqlite::Result<bool> {
    let saved: Option<Vec<u8>> = conn
        .prepare_cached(&format!(
            "SELECT digest FROM {} WHERE {} = ?1",
            table.heads, table.key
        ))?
        .query_row([key], |r| r.get(0))
        .optional()?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT event_seq FROM {} WHERE {} = ?1 ORDER BY event_seq",
        table.rows, table.key
    ))?;
    let mut rows = stmt.query([key])?;
    let mut digest = [0u8; 32];
    let mut any = false;
    while let Some(r) = rows.next()? {
        digest = chained(digest, r.get(0)?, "");
        any = true;
    }
    Ok(match saved {
        Some(d) => d.as_slice() == digest.as_slice(),
        None => !any,
    })
}

/// The last event of the programme stream that names `partnership` (a
/// meeting, activity or interview listing it), as the index knows it:
/// `Ok(None)` when it cannot say (no index, its rows for the partnership
/// not sound, or programme events after what it covers), `Ok(Some(None))`
/// when there is none. Read in one snapshot of the log and the index.
pub(crate) fn last_naming(
    conn: &Connection,
    partnership: &str,
) -> rusqlite::Result<Option<Option<Tail>>> {
    in_one_snapshot(conn, || {
        let ReadingIndex::Covers(covers) = state(conn) else {
            return Ok(None);
        };
        if !sound(conn, &NAMES, partnership).unwrap_or(false) || !holds_the_programme(conn, covers)?
        {
            return Ok(None);
        }
        let last = conn
            .prepare_cached(
                "SELECT e.seq, e.hash, e.stream_version FROM accord_reading_names n
                 CROSS JOIN events e ON e.seq = n.event_seq
                 WHERE n.partnership = ?1 ORDER BY n.event_seq DESC LIMIT 1",
            )?
            .query_row([partnership], tail_of)
            .optional()?;
        Ok(Some(last))
    })
}

/// Whether an index that covers the log up to `covers` holds every event
/// of the programme stream: its last event, found by its stream position
/// (one lookup), is not after it.
fn holds_the_programme(conn: &Connection, covers: u64) -> rusqlite::Result<bool> {
    let programme: Option<i64> = conn
        .prepare_cached(
            "SELECT seq FROM events WHERE stream = ?1 ORDER BY stream_version DESC LIMIT 1",
        )?
        .query_row([INDEXED_STREAM], |r| r.get(0))
        .optional()?;
    Ok(programme.unwrap_or(0) as u64 <= covers)
}

/// The last event of the programme stream of one of `types` (every one of
/// them indexed), as the index knows it: `None` when it cannot say (no
/// index, or programme events after what it covers). Read in one
/// snapshot of the log and the index.
///
/// Without it, the programme stream was read backwards through its own
/// index, one row looked up per event, until one of those types: on ten
/// million events the last stage or retraction lay 800,000 programme
/// events back, and `status` from its saved folds took 1.7 s.
pub(crate) fn last_indexed(
    conn: &Connection,
    types: &[&str],
) -> rusqlite::Result<Option<Option<Tail>>> {
    if !types.iter().all(|t| INDEXED_TYPES.contains(t)) {
        return Ok(None);
    }
    in_one_snapshot(conn, || {
        let ReadingIndex::Covers(covers) = state(conn) else {
            return Ok(None);
        };
        if !holds_the_programme(conn, covers)? {
            return Ok(None);
        }
        let types = serde_json::to_string(types).expect("strings serialise");
        let last = conn
            .prepare_cached(
                "SELECT e.seq, e.hash, e.stream_version FROM accord_reading r
                 CROSS JOIN events e ON e.seq = r.event_seq
                 WHERE r.event_type IN (SELECT value FROM json_each(?1))
                 ORDER BY r.event_seq DESC LIMIT 1",
            )?
            .query_row([types], tail_of)
            .optional()?;
        Ok(Some(last))
    })
}

/// Runs `read` in one snapshot of the log and the index (a transaction of
/// its own, unless one is open).
fn in_one_snapshot<T>(
    conn: &Connection,
    read: impl FnOnce() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    let own = conn.is_autocommit();
    if own {
        conn.execute_batch("BEGIN")?;
    }
    let result = read();
    if own {
        conn.execute_batch("COMMIT")?;
    }
    result
}

/// Drops the index (`accord rebuild` then builds it afresh).
pub(crate) fn drop_index(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "DROP TABLE IF EXISTS accord_reading; DROP TABLE IF EXISTS accord_reading_head;
         DROP TABLE IF EXISTS accord_reading_names; DROP TABLE IF EXISTS accord_reading_names_head;
         DROP TABLE IF EXISTS accord_reading_entries; DROP TABLE IF EXISTS accord_reading_entries_head;",
    )
}

/// True when `part` is what the index answers: types of the programme
/// stream, every one of them indexed; or entries of the directory.
pub(crate) fn answers(part: &StreamPart<'_>) -> bool {
    let programme = part.stream == INDEXED_STREAM
        && part
            .types
            .is_some_and(|types| types.iter().all(|t| INDEXED_TYPES.contains(t)));
    let directory = part.stream == "directory" && part.types.is_none() && part.entries.is_some();
    programme || directory
}

/// The entries a read of `part` fetches by key: those asked for and
/// [`ANY_ENTRY`], once each.
fn entry_keys<'a>(part: &StreamPart<'a>) -> Vec<&'a str> {
    let mut keys: Vec<&str> = part
        .entries
        .unwrap_or_default()
        .iter()
        .map(String::as_str)
        .chain([ANY_ENTRY])
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The query reading `part` through an index that covers the log up to
/// `covers`, and its parameters: the indexed events by key, then the
/// events after `covers` by scanning only those. Every event read must
/// still match `part` in the events table itself.
pub(crate) fn part_query(part: &StreamPart<'_>, covers: u64) -> (String, Vec<String>) {
    let ph = |i: usize| format!("?{i}");
    let mut params = vec![covers.to_string()];
    let matching = part_conditions(part, &ph, &mut params);
    // The index drives the first halves (CROSS JOIN keeps it the outer
    // loop, each event then found by its key); the last reads the events
    // after `covers` by position (`+stream` keeps the planner off the
    // stream's index, which would visit the whole stream).
    let tail = matching.replacen("stream = ", "+stream = ", 1);
    if part.entries.is_some() {
        // The keys as one JSON array, not one parameter each: SQLite binds
        // at most 32,766 parameters to a statement, and the busiest
        // partnership of a ten-million-event log names about 76,000
        // people and organisations.
        let keys = serde_json::to_string(&entry_keys(part)).expect("strings serialise");
        params.push(keys);
        let sql = format!(
            "SELECT {COLUMNS} FROM accord_reading_entries CROSS JOIN events ON seq = event_seq
             WHERE entry IN (SELECT value FROM json_each(?{})) AND event_seq <= CAST(?1 AS INTEGER)
             AND {matching}
             UNION ALL
             SELECT {COLUMNS} FROM events WHERE seq > CAST(?1 AS INTEGER) AND {tail}
             ORDER BY seq",
            params.len()
        );
        return (sql, params);
    }
    let names = match part.naming {
        Some(partnership) => {
            params.push(partnership.to_owned());
            format!(
                "SELECT {COLUMNS} FROM accord_reading_names CROSS JOIN events ON seq = event_seq
                 WHERE partnership = ?{} AND event_seq <= CAST(?1 AS INTEGER) AND {matching}
                 UNION ALL ",
                params.len()
            )
        }
        None => String::new(),
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM accord_reading CROSS JOIN events ON seq = event_seq
         WHERE event_seq <= CAST(?1 AS INTEGER) AND {matching}
         UNION ALL
         {names}SELECT {COLUMNS} FROM events WHERE seq > CAST(?1 AS INTEGER) AND {tail}
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
    in_one_snapshot(conn, || {
        let ReadingIndex::Covers(covers) = state(conn) else {
            return Ok(None);
        };
        if let Some(partnership) = part.naming
            && !sound(conn, &NAMES, partnership).unwrap_or(false)
        {
            return Ok(None);
        }
        if part.entries.is_some()
            && !entry_keys(part)
                .into_iter()
                .all(|k| sound(conn, &ENTRIES, k).unwrap_or(false))
        {
            return Ok(None);
        }
        let head: i64 =
            conn.query_row("SELECT coalesce(max(seq), 0) FROM events", [], |r| r.get(0))?;
        if head as u64 > covers + FAR_BEHIND {
            return Ok(None);
        }
        let (sql, params) = part_query(part, covers);
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(params.iter()), row)?;
        rows.collect::<rusqlite::Result<Vec<T>>>().map(Some)
    })
}
