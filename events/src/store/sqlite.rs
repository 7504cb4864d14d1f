//! The SQLite backend: one file, WAL, `BEGIN IMMEDIATE` per batch.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::SyncSender;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, ToSql, params, params_from_iter};

use super::backend::{
    Backend, BodyWriter, CheckedRowsFn, RowRejected, RowsFn, Scan, StructuralJob, declared_triggers,
};
use super::filter::StreamPart;
use super::folds::{self, Tail};
use super::integrity::damaged;
use super::reading::{self, Filed, ReadingIndex};
use super::sql::{COLUMNS, STREAMS, filter_clauses, stream_part_query};
use super::sqlite_check::TableDigest;
use super::sqlite_file::{FileId, file_id, immutable_uri, wal_pending};
use super::sqlite_legacy::{legacy_in_memory, migrate_in_place, read_layout};
use super::{Access, BUSY_TIMEOUT, SCHEMA, StoreError, check_schema_version};
use crate::clock::Clock;
use crate::envelope::StoredEvent;
use crate::verify::Head;

pub(super) const SCHEMA_V1: &str = include_str!("../../sql/schema_v1.sql");
/// The table of the saved rule state (derived data, see `checkpoint.rs`).
const CHECKPOINT_TABLE: &str = include_str!("../../sql/checkpoint.sql");

const INSERT: &str = "INSERT INTO events (seq, id, type, stream, stream_version, occurred_at, recorded_at, recorded_by, source, data, schema_version, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

/// An open SQLite log.
pub(crate) struct SqliteBackend {
    pub(crate) conn: Connection,
    path: PathBuf,
    /// The identity of the file opened (device and inode on Unix).
    file: Option<FileId>,
    /// Whether a second connection can open the file as this one did (not
    /// on read-only media, opened `immutable`, nor for a pilot log read
    /// through an in-memory migrated copy).
    reopenable: bool,
    /// Where the chain walk sends the digest of the table's rows, for the
    /// structural check running beside it (see `sqlite_check.rs`): set by
    /// `structural_check_job`, taken by `with_checked_rows`.
    table_digest: RefCell<Option<SyncSender<TableDigest>>>,
    /// The streams' last events as last taken (`folds::kept_tails`).
    tails: RefCell<Option<folds::KeptTails>>,
    /// The last event of some types of a stream as last looked up.
    last_of_types: RefCell<Option<folds::KeptLast>>,
    /// Whether the open write transaction dropped the replace guard for a
    /// long batch (`begin_bulk`); `commit` creates it again first.
    bulk: Cell<bool>,
}

const REPLACE_GUARD: &str = "events_refuse_replace";

/// Drops the trigger that refuses `INSERT OR REPLACE`, in the open write
/// transaction (which must create it again before it commits).
pub(crate) fn drop_replace_guard(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(&format!("DROP TRIGGER main.{REPLACE_GUARD}"))
}

/// Creates the replace guard again, exactly as the schema declares it
/// (what `verify` compares it with).
pub(crate) fn restore_replace_guard(conn: &Connection) -> rusqlite::Result<()> {
    let declared = declared_triggers(SCHEMA_V1)
        .into_iter()
        .find(|(name, _)| *name == REPLACE_GUARD)
        .map(|(_, sql)| sql)
        .expect("the schema declares the replace guard");
    conn.execute_batch(declared)
}

pub(crate) fn stored_from_row(r: &Row<'_>) -> rusqlite::Result<StoredEvent> {
    let blob = |i: usize| -> rusqlite::Result<[u8; 32]> {
        let v: Vec<u8> = r.get(i)?;
        // A hash of the wrong length is kept as zeros so verify reports it as altered.
        Ok(v.try_into().unwrap_or([0; 32]))
    };
    // Integers are read with range checks: a value that does not fit (a
    // negative seq, a schema_version beyond u32) is an unreadable row, not a
    // different number that might hash the same.
    Ok(StoredEvent {
        seq: unsigned(r, 0)?,
        id: r.get(1)?,
        kind: r.get(2)?,
        stream: r.get(3)?,
        stream_version: unsigned(r, 4)?,
        occurred_at: r.get(5)?,
        recorded_at: r.get(6)?,
        recorded_by: r.get(7)?,
        source: r.get(8)?,
        data: r.get(9)?,
        schema_version: r.get::<_, u32>(10)?,
        prev_hash: blob(11)?,
        hash: blob(12)?,
    })
}

/// [`stored_from_row`] into an event already allocated (one the walk of
/// `verify` has finished with), reusing its strings' buffers: a million
/// rows otherwise cost eight allocations each. `false` when a column is
/// not what a sound row holds; the caller then reads the row with
/// [`stored_from_row`], which says why in the words it always has.
fn refill_from_row(r: &Row<'_>, e: &mut StoredEvent) -> rusqlite::Result<bool> {
    use rusqlite::types::ValueRef as V;
    fn text(v: V<'_>, into: &mut String) -> bool {
        match v {
            V::Text(b) => match std::str::from_utf8(b) {
                Ok(t) => {
                    into.clear();
                    into.push_str(t);
                    true
                }
                Err(_) => false,
            },
            _ => false,
        }
    }
    let (V::Integer(seq), V::Integer(version), V::Integer(schema)) =
        (r.get_ref(0)?, r.get_ref(4)?, r.get_ref(10)?)
    else {
        return Ok(false);
    };
    let (Ok(seq), Ok(version), Ok(schema)) = (
        u64::try_from(seq),
        u64::try_from(version),
        u32::try_from(schema),
    ) else {
        return Ok(false);
    };
    let (V::Blob(prev), V::Blob(hash)) = (r.get_ref(11)?, r.get_ref(12)?) else {
        return Ok(false);
    };
    let fine = text(r.get_ref(1)?, &mut e.id)
        && text(r.get_ref(2)?, &mut e.kind)
        && text(r.get_ref(3)?, &mut e.stream)
        && text(r.get_ref(5)?, &mut e.occurred_at)
        && text(r.get_ref(6)?, &mut e.recorded_at)
        && text(r.get_ref(7)?, &mut e.recorded_by)
        && text(r.get_ref(9)?, &mut e.data)
        && match r.get_ref(8)? {
            V::Null => {
                e.source = None;
                true
            }
            v => text(v, e.source.get_or_insert_with(String::new)),
        };
    if !fine {
        return Ok(false);
    }
    e.seq = seq;
    e.stream_version = version;
    e.schema_version = schema;
    // A hash of the wrong length is kept as zeros, as stored_from_row does.
    e.prev_hash = prev.try_into().unwrap_or([0; 32]);
    e.hash = hash.try_into().unwrap_or([0; 32]);
    Ok(true)
}

/// A row for `verify`: refilled into a spare event when there is one.
fn checked_row(r: &Row<'_>) -> rusqlite::Result<StoredEvent> {
    if let Some(mut e) = crate::verify::spare_event()
        && refill_from_row(r, &mut e)?
    {
        return Ok(e);
    }
    stored_from_row(r)
}

/// A non-negative integer column, or an error naming its value.
fn unsigned(r: &Row<'_>, i: usize) -> rusqlite::Result<u64> {
    let n: i64 = r.get(i)?;
    u64::try_from(n).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(i, n))
}

fn configure(conn: &Connection, access: Access) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if access == Access::ReadWrite {
        // WAL lets readers go on while one writer appends; FULL makes each
        // commit survive a power cut, not only a killed process.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        // The BEFORE INSERT trigger that refuses replacements makes every
        // INSERT a statement that may abort after it began writing, so SQLite
        // copies each page it touches into a statement journal (to undo that
        // one statement). With the default temp_store that journal spills to
        // a temporary file and a bulk append spent ~37% of its time in
        // pwrite() there (perf, 150k events). The statement journal only
        // serves rolling back a statement inside an open transaction; it
        // plays no part in crash recovery (the WAL does), so keeping it in
        // memory changes nothing about what survives a power cut.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

impl SqliteBackend {
    /// Creates a new, empty log at `path`. Refuses to overwrite anything.
    pub(crate) fn create(path: &Path, clock: Clock) -> Result<SqliteBackend, StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_owned()));
        }
        SqliteBackend::create_new(path, clock).inspect_err(|_| {
            // A log that could not be made whole (a full disk) is not left
            // half made: an empty file there would make the next `init`
            // refuse to overwrite "a log".
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut p = path.as_os_str().to_owned();
                p.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(p));
            }
        })
    }

    fn create_new(path: &Path, clock: Clock) -> Result<SqliteBackend, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        configure(&conn, Access::ReadWrite)?;
        let created = crate::clock::format_recorded_at(clock.now());
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(SCHEMA_V1)?;
        tx.execute(
            "INSERT INTO accord_meta (key, value) VALUES ('format', 'accord event log'), ('created_at', ?1)",
            [&created],
        )?;
        tx.pragma_update(None, "user_version", SCHEMA)?;
        tx.commit()?;
        Ok(SqliteBackend {
            conn,
            path: path.to_owned(),
            file: file_id(path),
            reopenable: true,
            table_digest: RefCell::new(None),
            tails: RefCell::new(None),
            last_of_types: RefCell::new(None),
            bulk: Cell::new(false),
        })
    }

    /// Opens an existing log.
    ///
    /// A read-only open also works on read-only media (a log copied to a
    /// CD or a read-only mount): SQLite cannot create the WAL's `-shm` file
    /// there, so when the log has no pending WAL the file is opened
    /// `immutable` instead. A read-write open of a log that can be read but
    /// not written fails with [`StoreError::ReadOnly`].
    ///
    /// Opening can meet another process mid-way through changing the file
    /// (the first opener of a pilot log switches it to WAL and migrates
    /// it); SQLite then answers "busy" without waiting, so the open is
    /// retried for up to [`BUSY_TIMEOUT`].
    pub(crate) fn open(
        path: &Path,
        access: Access,
        clock: Clock,
    ) -> Result<SqliteBackend, StoreError> {
        let started = std::time::Instant::now();
        loop {
            match SqliteBackend::open_once(path, access, clock) {
                Err(StoreError::Busy) if started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                other => return other,
            }
        }
    }

    fn open_once(path: &Path, access: Access, clock: Clock) -> Result<SqliteBackend, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing(path.to_owned()));
        }
        let not_a_log = |reason: String| StoreError::NotALog {
            path: path.to_owned(),
            reason,
        };
        // Busy, full or read-only stay what they are; anything else means
        // the file is not (or no longer) a log accord can read.
        let fail = |e: rusqlite::Error| match StoreError::from(e) {
            StoreError::Sqlite(e) => not_a_log(e.to_string()),
            // Not "damaged": a reader that cannot make its `-shm` file
            // would otherwise be told the log is not one.
            StoreError::DiskFull => StoreError::NoRoomToOpen(path.to_owned()),
            other => other,
        };
        let before = file_id(path);
        let mut immutable = false;
        let mut conn = match connect(path, access, false) {
            Ok((c, _)) => c,
            Err(e) if cannot_open(&e) && access == Access::ReadOnly && !wal_pending(path) => {
                immutable = true;
                connect(path, access, true)
                    .map_err(|_| not_a_log(e.to_string()))?
                    .0
            }
            Err(e) if cannot_open(&e) && access == Access::ReadWrite => {
                // Readable but not writable is "read-only", not "damaged".
                return match SqliteBackend::open_once(path, Access::ReadOnly, clock) {
                    Ok(_) => Err(StoreError::ReadOnly),
                    Err(other) => Err(other),
                };
            }
            Err(e) => return Err(fail(e)),
        };
        let file = file_id(path);
        if file.is_none() || file != before {
            return Err(StoreError::Moved(path.to_owned()));
        }
        // One snapshot for the three questions, so that a migration
        // committed by another process in between cannot mix the answers.
        let (has_events, mut version, legacy) = read_layout(&conn).map_err(fail)?;
        let mut reopenable = !immutable;
        if !has_events {
            if !(legacy && version == 0) {
                return Err(not_a_log("it has no events table".into()));
            }
            let now = crate::clock::format_recorded_at(clock.now());
            let migrated = match access {
                Access::ReadWrite => migrate_in_place(&conn, &now),
                // A reader must not change the file: it reads a migrated
                // copy in memory.
                Access::ReadOnly => legacy_in_memory(path, immutable, &now).map(|mem| {
                    conn = mem;
                    reopenable = false;
                }),
            };
            if let Err(e) = migrated {
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    || has_table(&conn, "main", "events").unwrap_or(false)
                {
                    // Another process is migrating it, or just did: try again.
                    return Err(StoreError::Busy);
                }
                return Err(not_a_log(format!(
                    "it is a log of accord's pilot (schema 0) that could not be migrated: {e}"
                )));
            }
            version = SCHEMA;
        }
        check_schema_version(version, path)?;
        Ok(SqliteBackend {
            conn,
            path: path.to_owned(),
            file,
            reopenable,
            table_digest: RefCell::new(None),
            tails: RefCell::new(None),
            last_of_types: RefCell::new(None),
            bulk: Cell::new(false),
        })
    }

    /// Fails when the file at this store's path is no longer the file it
    /// opened (deleted, or replaced by another file): a commit would then
    /// go to a file nobody reads, and SQLite's WAL, found by path, would
    /// be replayed onto the replacement and damage it.
    fn check_unmoved(&self) -> Result<(), StoreError> {
        if file_id(&self.path) == self.file {
            Ok(())
        } else {
            Err(StoreError::Moved(self.path.clone()))
        }
    }
}

/// Runs the prepared [`INSERT`] for one row, its columns in order.
fn execute_insert(
    insert: &mut rusqlite::CachedStatement<'_>,
    e: &StoredEvent,
) -> rusqlite::Result<usize> {
    insert.execute(params![
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
    ])
}

/// SQLite's full `PRAGMA integrity_check`: `None` when fine. Not the
/// cheaper `quick_check`, which does not compare the indexes with the
/// table: a damaged UNIQUE index on `id` would let a repeated id in
/// unnoticed. `verify` runs it only when the cheaper checks of
/// `sqlite_check.rs`, which find the same, find anything (it took 1.5 s of
/// CPU on a million events, more than the chain walk beside it).
fn integrity_check(conn: &Connection) -> Result<Option<String>, StoreError> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(if lines == ["ok"] {
        None
    } else {
        Some(lines.join("; "))
    })
}

impl Backend for SqliteBackend {
    fn head(&self) -> Result<Head, StoreError> {
        let row = self
            .conn
            .prepare_cached("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
            .and_then(|mut stmt| {
                stmt.query_row([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))
            });
        match row {
            Ok((seq, hash)) => Ok(Head {
                seq: seq as u64,
                hash: hash.try_into().unwrap_or([0; 32]),
            }),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(Head::EMPTY),
            Err(e) => Err(e.into()),
        }
    }

    fn with_rows(&self, scan: Scan<'_>, f: RowsFn<'_>) -> Result<(), StoreError> {
        match scan {
            Scan::All => {
                let mut stmt = self
                    .conn
                    .prepare(&format!("SELECT {COLUMNS} FROM events ORDER BY seq"))?;
                let mut rows = stmt
                    .query_map([], stored_from_row)?
                    .map(|r| r.map_err(StoreError::from));
                f(&mut rows)
            }
            Scan::After(seq) => {
                let mut stmt = self.conn.prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM events WHERE seq > ?1 ORDER BY seq"
                ))?;
                let mut rows = stmt
                    .query_map([seq as i64], stored_from_row)?
                    .map(|r| r.map_err(StoreError::from));
                f(&mut rows)
            }
            Scan::OfTypes(types) => {
                let placeholders = vec!["?"; types.len()].join(", ");
                let mut stmt = self.conn.prepare(&format!(
                    "SELECT {COLUMNS} FROM events WHERE type IN ({placeholders}) ORDER BY seq"
                ))?;
                let mut rows = stmt
                    .query_map(params_from_iter(types.iter()), stored_from_row)?
                    .map(|r| r.map_err(StoreError::from));
                f(&mut rows)
            }
            Scan::Matching(filter) => {
                let (clauses, params) = filter_clauses(filter, |_| "?".to_owned());
                let sql = format!("SELECT {COLUMNS} FROM events{clauses} ORDER BY seq");
                let mut stmt = self.conn.prepare(&sql)?;
                let params: Vec<&dyn ToSql> = params.iter().map(|p| p as &dyn ToSql).collect();
                let mut rows = stmt
                    .query_map(params_from_iter(params), stored_from_row)?
                    .map(|r| r.map_err(StoreError::from));
                f(&mut rows)
            }
        }
    }

    fn with_checked_rows(&self, f: CheckedRowsFn<'_>) -> Result<(), StoreError> {
        // Taken first, so that it is dropped (and the structural check
        // falls back to the full one) whichever way this returns.
        let digest_to = self.table_digest.borrow_mut().take();
        let mut digest = TableDigest::default();
        let mut clean = true;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM events WHERE seq >= 1 ORDER BY seq"
        ))?;
        let mut rows = stmt.query([])?;
        // On a damaged file SQLite fails mid-walk: the rows before are
        // still checked, and the failure is reported at the position reached.
        let mut stop = false;
        let mut rows = std::iter::from_fn(|| {
            if stop {
                return None;
            }
            match rows.next() {
                Ok(Some(r)) => {
                    let row =
                        checked_row(r).map_err(|e| format!("the stored row cannot be read: {e}"));
                    match &row {
                        Ok(e) => digest.add(e),
                        Err(_) => clean = false,
                    }
                    Some(Ok(row))
                }
                Ok(None) => None,
                Err(e) => {
                    stop = true;
                    clean = false;
                    let e = StoreError::from(e);
                    if damaged(&e) {
                        Some(Ok(Err(format!(
                            "the rows from here on cannot be read: {e}"
                        ))))
                    } else {
                        Some(Err(e))
                    }
                }
            }
        });
        let walked = f(&mut rows);
        // Only a walk that read every row, each one cleanly, vouches for the table.
        let finished = rows.next().is_none();
        if walked.is_ok()
            && finished
            && clean
            && let Some(to) = digest_to
        {
            let _ = to.send(digest);
        }
        walked
    }

    fn stray_rows(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM events WHERE seq < 1", [], |r| {
                r.get(0)
            })?;
        Ok(n as u64)
    }

    fn stream_rows(&self, part: &StreamPart<'_>) -> Result<Vec<StoredEvent>, StoreError> {
        if let Some(rows) = reading::read_part(&self.conn, part, stored_from_row)? {
            return Ok(rows);
        }
        let (sql, params) = stream_part_query(part, |i| format!("?{i}"));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(params.iter()), stored_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn each_stream_row(
        &self,
        part: &StreamPart<'_>,
        f: &mut dyn FnMut(StoredEvent) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        if let Some(rows) = reading::read_part(&self.conn, part, stored_from_row)? {
            return rows.into_iter().try_for_each(f);
        }
        let (sql, params) = stream_part_query(part, |i| format!("?{i}"));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(params.iter()))?;
        while let Some(row) = rows.next()? {
            f(stored_from_row(row)?)?;
        }
        Ok(())
    }

    fn recorded_at_of(&self, seq: u64) -> Result<(String, Vec<u8>), StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT recorded_at, hash FROM events WHERE seq = ?1")?;
        Ok(stmt.query_row([seq as i64], |r| Ok((r.get(0)?, r.get(1)?)))?)
    }

    fn by_id(&self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM events WHERE id = ?1"))?;
        let mut rows = stmt.query([id])?;
        match rows.next()? {
            Some(r) => Ok(Some(stored_from_row(r)?)),
            None => Ok(None),
        }
    }

    fn streams(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare(STREAMS)?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn has_stream(&self, stream: &str) -> Result<bool, StoreError> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM events WHERE stream = ?1)",
            [stream],
            |r| r.get(0),
        )?)
    }

    fn retracted_targets(&self) -> Result<HashSet<String>, StoreError> {
        let mut retracted = HashSet::new();
        let mut stmt = self.conn.prepare(
            "SELECT json_extract(data, '$.event') FROM events WHERE type = 'event.retracted'",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, Option<String>>(0))?;
        for id in rows {
            if let Some(id) = id? {
                retracted.insert(id);
            }
        }
        Ok(retracted)
    }

    fn structural_check(&self) -> Result<Option<String>, StoreError> {
        integrity_check(&self.conn)
    }

    fn structural_check_job(&self) -> Option<StructuralJob> {
        if !self.reopenable {
            return None;
        }
        let path = self.path.clone();
        let (to, table) = std::sync::mpsc::sync_channel(1);
        *self.table_digest.borrow_mut() = Some(to);
        Some(Box::new(move || {
            let conn = Connection::open_with_flags(
                &path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            super::sqlite_check::structural_check(&conn, table, integrity_check)
        }))
    }

    fn guard_problems(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1")?;
        let mut problems = Vec::new();
        for (name, declared) in declared_triggers(SCHEMA_V1) {
            let found: Option<Option<String>> = stmt.query_row([name], |r| r.get(0)).optional()?;
            match found {
                None => problems.push(format!("the trigger {name} is missing")),
                Some(sql) if sql.as_deref() != Some(declared) => problems.push(format!(
                    "the trigger {name} is not the one accord's schema declares"
                )),
                Some(_) => {}
            }
        }
        Ok(problems)
    }

    fn load_checkpoint(&self) -> Result<Option<(Head, Vec<u8>)>, StoreError> {
        if !has_table(&self.conn, "main", "accord_checkpoint")? {
            return Ok(None);
        }
        let row = self
            .conn
            .query_row(
                "SELECT head_seq, head_hash, body FROM accord_checkpoint WHERE name = 'rules'",
                [],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, Vec<u8>>(1)?,
                        r.get::<_, Vec<u8>>(2)?,
                    ))
                },
            )
            .optional()?;
        Ok(row.and_then(|(seq, hash, body)| {
            Some((
                Head {
                    seq: u64::try_from(seq).ok()?,
                    hash: hash.try_into().ok()?,
                },
                body,
            ))
        }))
    }

    fn save_checkpoint(
        &self,
        head: Head,
        size: usize,
        write: BodyWriter<'_>,
    ) -> Result<(), StoreError> {
        write_apart(&self.conn, || {
            self.conn.execute_batch(CHECKPOINT_TABLE)?;
            // Space of the body's size, then the body written into it in
            // place (incremental blob I/O), never held whole in memory.
            self.conn.execute(
                "INSERT OR REPLACE INTO accord_checkpoint (name, head_seq, head_hash, body) VALUES ('rules', ?1, ?2, zeroblob(?3))",
                params![head.seq as i64, &head.hash[..], size as i64],
            )?;
            let row = self.conn.last_insert_rowid();
            let blob =
                self.conn
                    .blob_open(rusqlite::MAIN_DB, "accord_checkpoint", "body", row, false)?;
            let mut out = std::io::BufWriter::with_capacity(1 << 16, blob);
            write(&mut out)?;
            std::io::Write::flush(&mut out)?;
            // As a batch's commit: never to a file the path no longer names.
            self.check_unmoved()
        })
    }

    fn saves_checkpoint_in_batch(&self) -> bool {
        true
    }

    fn drop_checkpoint(&self) -> Result<(), StoreError> {
        if has_table(&self.conn, "main", "accord_checkpoint")? {
            self.conn.execute("DELETE FROM accord_checkpoint", [])?;
        }
        Ok(())
    }

    fn reading_index(&self) -> ReadingIndex {
        reading::state(&self.conn)
    }

    fn catch_up_reading(
        &self,
        wait: bool,
        filed: Option<&Filed>,
    ) -> Result<ReadingIndex, StoreError> {
        if wait {
            return Ok(reading::catch_up(&self.conn, filed)?);
        }
        // After an append, a writer that finds another one at work leaves
        // the index to it rather than wait: readers scan past the head the
        // index covers, so a late index only costs them a little.
        self.conn.busy_timeout(std::time::Duration::ZERO)?;
        let caught_up = reading::catch_up(&self.conn, filed);
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(caught_up?)
    }

    fn drop_reading(&self) -> Result<(), StoreError> {
        Ok(reading::drop_index(&self.conn)?)
    }

    fn stream_tails(&self) -> Result<BTreeMap<String, Tail>, StoreError> {
        let head = self.head()?;
        let file = self.fold_file();
        Ok(folds::kept_tails(
            &self.conn,
            file.as_deref(),
            head,
            &self.tails,
        )?)
    }

    fn save_stream_tails(&self) {
        if let Some(file) = self.fold_file() {
            folds::save_kept_tails(&file, &self.tails);
        }
    }

    fn last_of_types(&self, stream: &str, types: &[&str]) -> Result<Option<Tail>, StoreError> {
        folds::kept_last_of_types(self.head()?, stream, types, &self.last_of_types, || {
            if stream == reading::INDEXED_STREAM
                && let Some(last) = reading::last_indexed(&self.conn, types)?
            {
                return Ok(last);
            }
            Ok(folds::last_of_types(&self.conn, stream, types)?)
        })
    }

    fn last_naming(&self, partnership: &str) -> Result<Option<Option<Tail>>, StoreError> {
        Ok(reading::last_naming(&self.conn, partnership)?)
    }

    fn fold_file(&self) -> Option<PathBuf> {
        self.reopenable.then(|| folds::file_beside(&self.path))
    }

    fn structural_check_name(&self) -> &'static str {
        "SQLite's structural check"
    }

    fn begin_write(&self) -> Result<(), StoreError> {
        // BEGIN IMMEDIATE takes the write lock before the state is read, so
        // no other process can append between our checks and our writes.
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        Ok(())
    }

    fn begin_read(&self) -> Result<(), StoreError> {
        // Deferred: the snapshot is taken at the first read and held until
        // the rollback; no lock keeps writers out meanwhile (WAL).
        self.conn.execute_batch("BEGIN DEFERRED")?;
        Ok(())
    }

    fn begin_bulk(&self) -> Result<(), StoreError> {
        // The replace guard's three lookups were about 40% of SQLite's own
        // time per inserted row (docs/speed.md). It stops another tool's
        // INSERT OR REPLACE; while this connection holds the write lock no
        // other can write, and accord's inserts are plain INSERTs of the
        // next seq, which the primary key and the UNIQUE indexes still hold
        // to. Dropped inside the write transaction, so no reader ever sees
        // the log without it: `commit` creates it again, as declared,
        // before COMMIT; a rollback undoes the drop.
        if !self.bulk.get() {
            drop_replace_guard(&self.conn)?;
            self.bulk.set(true);
        }
        Ok(())
    }

    fn commit(&self) -> Result<(), StoreError> {
        // Last check before the commit: the path still names the file this
        // store writes (see `check_unmoved`). The caller rolls back.
        self.check_unmoved()?;
        if self.bulk.get() {
            restore_replace_guard(&self.conn)?;
            self.bulk.set(false);
        }
        self.conn.execute_batch("COMMIT")?;
        Ok(())
    }

    fn rollback(&self) {
        self.bulk.set(false);
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }

    fn insert(&self, e: &StoredEvent) -> Result<bool, StoreError> {
        let mut insert = self.conn.prepare_cached(INSERT)?;
        let inserted = execute_insert(&mut insert, e);
        match inserted {
            Ok(_) => Ok(true),
            // The triggers and UNIQUE(id) refuse a repeated id: tell it apart
            // from any other failure by looking the id up.
            Err(err)
                if err.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
                    && self.by_id(&e.id)?.is_some() =>
            {
                Ok(false)
            }
            Err(err) => Err(err.into()),
        }
    }

    fn insert_rows(
        &self,
        rows: &mut dyn Iterator<Item = StoredEvent>,
    ) -> Result<Result<(), RowRejected>, StoreError> {
        let mut insert = self.conn.prepare_cached(INSERT)?;
        for e in rows {
            let inserted = execute_insert(&mut insert, &e);
            if let Err(err) = inserted {
                return Ok(Err(RowRejected(err.to_string())));
            }
        }
        Ok(Ok(()))
    }

    #[cfg(test)]
    fn sqlite(&self) -> Option<&Connection> {
        Some(&self.conn)
    }
}

/// Runs `write` in a write transaction of its own (the lock taken first),
/// or, inside an open one, under a savepoint: a batch about to commit
/// writes the reading index's rows and the rule state it leaves in its
/// own transaction, so that one commit (one sync and one copy of the WAL
/// into the file) makes them durable with its events. Either way a
/// failure undoes only what `write` wrote; should SQLite have abandoned
/// the whole transaction (a full disk), the batch's commit then fails.
pub(crate) fn write_apart<T, E: From<rusqlite::Error>>(
    conn: &Connection,
    write: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    let own = conn.is_autocommit();
    conn.execute_batch(if own {
        "BEGIN IMMEDIATE"
    } else {
        "SAVEPOINT accord_derived"
    })?;
    let written = write().and_then(|t| {
        conn.execute_batch(if own {
            "COMMIT"
        } else {
            "RELEASE accord_derived"
        })?;
        Ok(t)
    });
    if written.is_err() {
        let _ = conn.execute_batch(if own {
            "ROLLBACK"
        } else {
            "ROLLBACK TO accord_derived; RELEASE accord_derived"
        });
    }
    written
}

pub(crate) fn has_table(conn: &Connection, schema: &str, name: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        &format!("SELECT count(*) FROM {schema}.sqlite_schema WHERE type = 'table' AND name = ?1"),
        [name],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n == 1)
}

/// Opens and configures a connection, and reads `user_version` so that
/// an unreadable file fails here. `immutable` opens a file on read-only
/// media without the WAL's shared memory (only when no WAL is pending).
fn connect(
    path: &Path,
    access: Access,
    immutable: bool,
) -> Result<(Connection, i64), rusqlite::Error> {
    let mut flags = OpenFlags::SQLITE_OPEN_NO_MUTEX;
    flags |= match access {
        Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        Access::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE,
    };
    let conn = if immutable {
        let uri = immutable_uri(path).ok_or(rusqlite::Error::InvalidPath(path.to_owned()))?;
        Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)?
    } else {
        Connection::open_with_flags(path, flags)?
    };
    configure(&conn, access)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok((conn, version))
}

/// True for the errors SQLite gives when it cannot open or write the file
/// (or its `-wal`/`-shm` beside it), as on read-only media.
fn cannot_open(e: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode as C;
    matches!(
        e.sqlite_error_code(),
        Some(
            C::CannotOpen | C::ReadOnly | C::PermissionDenied | C::AuthorizationForStatementDenied
        )
    )
}

#[cfg(test)]
mod tests {
    use crate::clock::Clock;
    use crate::store::{Access, Store};

    fn log() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(Store::create(&path, Clock::System).unwrap());
        (dir, path)
    }

    /// A read-only store cannot write, even through SQLite directly: the
    /// file is opened read-only, not merely left alone by accord.
    #[test]
    fn a_read_only_store_refuses_writes_through_sqlite_itself() {
        let (_dir, path) = log();
        let before = std::fs::read(&path).unwrap();
        let store = Store::open(&path, Access::ReadOnly, Clock::System).unwrap();
        let c = store.backend.sqlite().unwrap();
        for sql in [
            "INSERT INTO accord_meta (key, value) VALUES ('x', 'y')",
            "DELETE FROM accord_meta",
            "DROP TRIGGER events_refuse_update",
            "PRAGMA user_version = 7",
            "CREATE TABLE sneaky (x)",
        ] {
            let e = c.execute_batch(sql).expect_err(sql);
            assert_eq!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::ReadOnly),
                "{sql}: {e}"
            );
        }
        drop(store);
        assert!(std::fs::read(&path).unwrap() == before);
    }

    /// The power-cut argument rests on this: every read-write open puts the
    /// log in WAL mode with `synchronous=FULL` (fsync of the WAL at each commit).
    #[test]
    fn synchronous_is_full() {
        let (_dir, path) = log();
        let store = Store::open(&path, Access::ReadWrite, Clock::System).unwrap();
        let c = store.backend.sqlite().unwrap();
        let sync: i64 = c
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap();
        let mode: String = c
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous must be FULL (2)");
        assert_eq!(mode, "wal");
    }
}
