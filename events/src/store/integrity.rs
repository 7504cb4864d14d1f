//! Checking a stored log, and rebuilding one from an export.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use rusqlite::params;

use super::{Store, StoreError};
use crate::clock::Clock;
use crate::envelope::StoredEvent;
use crate::verify::{Breach, ChainCheck, Head, VerifyReport, verify_events};

impl Store {
    /// Recomputes the chain and every rule-independent invariant: SQLite's
    /// `quick_check`, gapless `seq` and stream versions, non-decreasing
    /// `recorded_at`, every hash, and (if given) that the log still extends
    /// `expected_head`. `on_event` is called with each `seq` read.
    pub fn verify(
        &self,
        expected_head: Option<Head>,
        on_event: impl FnMut(u64),
    ) -> Result<VerifyReport, StoreError> {
        // SQLite's structural check reads every page of the file; the chain
        // walk reads the events table and hashes it. They are independent,
        // so the check runs on a second read-only connection in its own
        // thread and `verify` takes about the longer of the two instead of
        // their sum (1M generated events: quick_check 0.44 s, walk ~1.5 s).
        let path = self.path.clone();
        let structural = std::thread::spawn(move || quick_check_at(&path));
        let mut stmt = self.conn.prepare(
            "SELECT seq, id, type, stream, stream_version, occurred_at, recorded_at, recorded_by, source, data, schema_version, prev_hash, hash FROM events ORDER BY seq",
        )?;
        let rows = stmt.query_map([], super::read::stored_from_row)?;
        let mut report = verify_events(
            rows.map(|r| r.map_err(StoreError::from)),
            expected_head,
            on_event,
        )?;
        let structural = match structural.join() {
            Ok(Ok(r)) => r,
            // The file could not be opened a second time: check it here.
            _ => self.quick_check()?,
        };
        if let (Some(problem), None) = (structural, &report.breach) {
            report.breach = Some(Breach {
                seq: 1,
                reason: format!("SQLite's structural check failed: {problem}"),
            });
        }
        Ok(report)
    }
}

/// `PRAGMA quick_check` on a connection of its own (read-only).
fn quick_check_at(path: &Path) -> Result<Option<String>, StoreError> {
    let flags =
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = rusqlite::Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    super::quick_check_on(&conn)
}

/// Why a restore failed. No log is left behind.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// A line of the export is not a stored event.
    #[error("line {line}: {message}")]
    Line {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The export's chain is broken.
    #[error("line {line}: the export's hash chain is broken at seq {}: {}", breach.seq, breach.reason)]
    Chain {
        /// 1-based line number.
        line: usize,
        /// Where and why.
        breach: Breach,
    },
    /// The export does not reach the head given.
    #[error("the export does not extend the head given: {}", .0.reason)]
    Head(Breach),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a restore produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Restored {
    /// Events restored.
    pub events: u64,
    /// The head of the new log.
    pub head: Head,
}

impl Store {
    /// Creates a new log at `path` from an export (`accord export` JSON
    /// Lines), keeping every `seq`, `recorded_at` and hash, and checking the
    /// chain while it reads. The log is built in a temporary file beside
    /// `path` and moved into place only when complete.
    pub fn restore(
        path: &Path,
        export: impl BufRead,
        expected_head: Option<Head>,
        clock: Clock,
    ) -> Result<Restored, RestoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_owned()).into());
        }
        let tmp = temp_path(path);
        let _ = std::fs::remove_file(&tmp);
        let result = restore_into(&tmp, export, expected_head, clock);
        match result {
            Ok(r) => {
                std::fs::rename(&tmp, path).map_err(StoreError::from)?;
                Ok(r)
            }
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                let _ = std::fs::remove_file(tmp.with_extension("restoring-wal"));
                let _ = std::fs::remove_file(tmp.with_extension("restoring-shm"));
                Err(e)
            }
        }
    }
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".restoring");
    path.with_file_name(name)
}

fn restore_into(
    tmp: &Path,
    export: impl BufRead,
    expected_head: Option<Head>,
    clock: Clock,
) -> Result<Restored, RestoreError> {
    let store = Store::create(tmp, clock)?;
    let mut check = ChainCheck::new();
    let mut hash_at_head = None;
    {
        let tx = rusqlite::Transaction::new_unchecked(
            &store.conn,
            rusqlite::TransactionBehavior::Immediate,
        )
        .map_err(StoreError::from)?;
        let mut insert = store
            .conn
            .prepare_cached(
                "INSERT INTO events (seq, id, type, stream, stream_version, occurred_at, recorded_at, recorded_by, source, data, schema_version, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )
            .map_err(StoreError::from)?;
        for (i, line) in export.lines().enumerate() {
            let line_no = i + 1;
            let text = line.map_err(StoreError::from)?;
            if text.trim().is_empty() {
                continue;
            }
            let e = StoredEvent::from_json_line(&text).map_err(|message| RestoreError::Line {
                line: line_no,
                message,
            })?;
            check.push(&e).map_err(|breach| RestoreError::Chain {
                line: line_no,
                breach,
            })?;
            e.decode().map_err(|d| RestoreError::Line {
                line: line_no,
                message: d.message,
            })?;
            if expected_head.is_some_and(|h| h.seq == e.seq) {
                hash_at_head = Some(e.hash);
            }
            insert
                .execute(params![
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
                .map_err(|err| RestoreError::Line {
                    line: line_no,
                    message: format!("cannot be stored: {err}"),
                })?;
        }
        drop(insert);
        if let Some(h) = expected_head {
            check
                .check_head(&h, hash_at_head)
                .map_err(RestoreError::Head)?;
        }
        tx.commit().map_err(StoreError::from)?;
    }
    let head = check.head();
    Ok(Restored {
        events: head.seq,
        head,
    })
}
