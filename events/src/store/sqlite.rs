//! The SQLite backend: one file, WAL, `BEGIN IMMEDIATE` per batch.

use std::collections::HashSet;
use std::path::Path;

use rusqlite::{Connection, OpenFlags, Row, ToSql, params, params_from_iter};

use super::backend::{Backend, RowRejected, RowsFn, Scan};
use super::{Access, BUSY_TIMEOUT, SCHEMA, StoreError};
use crate::clock::Clock;
use crate::envelope::StoredEvent;
use crate::verify::Head;

const SCHEMA_V1: &str = include_str!("../../sql/schema_v1.sql");

pub(crate) const COLUMNS: &str = "seq, id, type, stream, stream_version, occurred_at, recorded_at, recorded_by, source, data, schema_version, prev_hash, hash";

const INSERT: &str = "INSERT INTO events (seq, id, type, stream, stream_version, occurred_at, recorded_at, recorded_by, source, data, schema_version, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

/// An open SQLite log.
pub(crate) struct SqliteBackend {
    pub(crate) conn: Connection,
}

pub(crate) fn stored_from_row(r: &Row<'_>) -> rusqlite::Result<StoredEvent> {
    let blob = |i: usize| -> rusqlite::Result<[u8; 32]> {
        let v: Vec<u8> = r.get(i)?;
        // A hash of the wrong length is kept as zeros so verify reports it as altered.
        Ok(v.try_into().unwrap_or([0; 32]))
    };
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
        prev_hash: blob(11)?,
        hash: blob(12)?,
    })
}

fn configure(conn: &Connection, access: Access) -> Result<(), StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if access == Access::ReadWrite {
        // WAL lets readers go on while one writer appends; FULL makes each
        // commit survive a power cut, not only a killed process.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
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
        Ok(SqliteBackend { conn })
    }

    /// Opens an existing log.
    pub(crate) fn open(path: &Path, access: Access) -> Result<SqliteBackend, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing(path.to_owned()));
        }
        let mut flags = OpenFlags::SQLITE_OPEN_NO_MUTEX;
        flags |= match access {
            Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
            Access::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE,
        };
        let not_a_log = |reason: String| StoreError::NotALog {
            path: path.to_owned(),
            reason,
        };
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| not_a_log(e.to_string()))?;
        configure(&conn, access).map_err(|e| match e {
            StoreError::Sqlite(e) => not_a_log(e.to_string()),
            other => other,
        })?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| not_a_log(e.to_string()))?;
        let has_events: bool = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'events'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n == 1)
            .map_err(|e| not_a_log(e.to_string()))?;
        if !has_events {
            return Err(not_a_log("it has no events table".into()));
        }
        if version > SCHEMA {
            return Err(StoreError::TooNew {
                path: path.to_owned(),
                found: version,
                known: SCHEMA,
            });
        }
        if version < 1 {
            return Err(not_a_log(format!("unknown schema version {version}")));
        }
        Ok(SqliteBackend { conn })
    }
}

/// The `WHERE` clause of a [`LogFilter`](super::LogFilter) and its
/// parameters, with placeholders made by `ph` (1-based).
pub(crate) fn filter_clauses(
    filter: &super::LogFilter,
    ph: impl Fn(usize) -> String,
) -> (String, Vec<String>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut params: Vec<String> = Vec::new();
    let mut add = |clause: &str, value: &String| {
        params.push(value.clone());
        clauses.push(clause.replace('?', &ph(params.len())));
    };
    if let Some(s) = &filter.stream {
        add("stream = ?", s);
    }
    if let Some(k) = &filter.kind {
        add("type = ?", k);
    }
    if let Some(r) = &filter.recorded_by {
        add("recorded_by = ?", r);
    }
    if let Some(d) = &filter.since {
        add("occurred_at >= ?", d);
    }
    if let Some(d) = &filter.until {
        // A timestamp written on that date sorts after the bare date: compare its date part.
        add("substr(occurred_at, 1, 10) <= ?", d);
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    (sql, params)
}

impl Backend for SqliteBackend {
    fn head(&self) -> Result<Head, StoreError> {
        let row = self.conn.query_row(
            "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)),
        );
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

    fn stream_rows(&self, streams: &[&str]) -> Result<Vec<StoredEvent>, StoreError> {
        // Each stream by its index, then merged: a partnership is read
        // without touching the rest of the log.
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM events WHERE stream = ?1 ORDER BY stream_version"
        ))?;
        for s in streams {
            let rows = stmt.query_map([s], stored_from_row)?;
            for r in rows {
                out.push(r?);
            }
        }
        out.sort_by_key(|e: &StoredEvent| e.seq);
        Ok(out)
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
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT stream FROM events ORDER BY stream")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
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
        let mut stmt = self.conn.prepare("PRAGMA quick_check")?;
        let lines: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(if lines == ["ok"] {
            None
        } else {
            Some(lines.join("; "))
        })
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

    fn commit(&self) -> Result<(), StoreError> {
        self.conn.execute_batch("COMMIT")?;
        Ok(())
    }

    fn rollback(&self) {
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }

    fn insert(&self, e: &StoredEvent) -> Result<bool, StoreError> {
        let mut insert = self.conn.prepare_cached(INSERT)?;
        let inserted = insert.execute(params![
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
        ]);
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
            let inserted = insert.execute(params![
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
            ]);
            if let Err(err) = inserted {
                return Ok(Err(RowRejected(err.to_string())));
            }
        }
        Ok(Ok(()))
    }

    fn sqlite(&self) -> Option<&Connection> {
        Some(&self.conn)
    }
}
