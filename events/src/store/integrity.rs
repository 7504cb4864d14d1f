//! Checking a stored log, and rebuilding one from an export.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use super::backend::{Backend, RowRejected};
use super::{Location, Store, StoreError};
use crate::clock::Clock;
use crate::envelope::StoredEvent;
use crate::verify::{Breach, ChainCheck, Head, VerifyReport, verify_rows};

impl Store {
    /// Recomputes the chain and every rule-independent invariant: the
    /// database's structural check (SQLite's `integrity_check`), gapless `seq`
    /// and stream versions, non-decreasing `recorded_at`, every hash, and
    /// (if given) that the log still extends `expected_head`. `on_event` is
    /// called with each `seq` read.
    pub fn verify(
        &self,
        expected_head: Option<Head>,
        mut on_event: impl FnMut(u64),
    ) -> Result<VerifyReport, StoreError> {
        // A row whose seq is below 1 holds no position: it is set aside
        // (the position it left, if any, shows as missing) and reported.
        let strays = match self.backend.stray_rows() {
            Ok(n) => n,
            Err(e) if damaged(&e) => 0,
            Err(e) => return Err(e),
        };
        // The structural check runs beside the walk where the backend can
        // (SQLite: a second read-only connection), else after it.
        let (walked, structural) = std::thread::scope(|scope| {
            let job = self.backend.structural_check_job().map(|j| scope.spawn(j));
            let mut report = None;
            let walked = self.backend.with_checked_rows(&mut |rows| {
                report = Some(verify_rows(rows, expected_head, &mut on_event)?);
                Ok(())
            });
            let structural = match job {
                Some(handle) => handle.join().unwrap_or_else(|_| {
                    Err(StoreError::Io(std::io::Error::other(
                        "the structural check stopped unexpectedly",
                    )))
                }),
                None => self.backend.structural_check(),
            };
            (walked.map(|()| report), structural)
        });
        let structural = match structural {
            Ok(s) => s,
            Err(e) if damaged(&e) => Some(e.to_string()),
            Err(e) => return Err(e),
        };
        let mut report = walked?.expect("with_checked_rows lends the rows");
        if strays > 0 && report.breach.is_none() {
            report.breach = Some(Breach {
                seq: report.head.seq + 1,
                reason: format!("{strays} row(s) with a seq below 1 lie outside the sequence"),
            });
        }
        if let (Some(problem), None) = (structural, &report.breach) {
            report.breach = Some(Breach {
                seq: 1,
                reason: format!("{} failed: {problem}", self.backend.structural_check_name()),
            });
        }
        Ok(report)
    }
}

/// True for the errors of a damaged file (as opposed to one that cannot
/// be reached at all): they are findings of `verify`, not failures of it.
pub(crate) fn damaged(e: &StoreError) -> bool {
    use rusqlite::ErrorCode as C;
    match e {
        StoreError::Sqlite(e) => matches!(
            e.sqlite_error_code(),
            Some(C::DatabaseCorrupt | C::NotADatabase | C::TypeMismatch)
        ),
        _ => false,
    }
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
    /// Creates a new SQLite log at `path` from an export (`accord export`
    /// JSON Lines), keeping every `seq`, `recorded_at` and hash, and
    /// checking the chain while it reads. The log is built in a temporary
    /// file beside `path` and moved into place only when complete.
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
        let result = restore_sqlite(&tmp, export, expected_head, clock);
        match result {
            Ok(r) => {
                if let Err(e) = move_into_place(&tmp, path) {
                    let _ = std::fs::remove_file(&tmp);
                    return Err(e.into());
                }
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

    /// Creates a new log at `location` from an export, as [`Store::restore`]
    /// does. In PostgreSQL the schema and every row are written in one
    /// transaction: a failed restore leaves the database as it was.
    pub fn restore_at(
        location: &Location,
        export: impl BufRead,
        expected_head: Option<Head>,
        clock: Clock,
    ) -> Result<Restored, RestoreError> {
        match location {
            Location::Sqlite(path) => Store::restore(path, export, expected_head, clock),
            Location::Postgres(url) => {
                let db = super::postgres::PgBackend::create_for_restore(url, clock)?;
                fill_and_commit(&*db, export, expected_head)
            }
        }
    }
}

/// Moves the finished log (closed, so its WAL is checkpointed into it) to
/// its name, never over a file that appeared there meanwhile, and makes the
/// new name durable.
///
/// A hard link fails if the name is taken, where a rename would silently
/// replace whatever another process put there since the check; file
/// systems without hard links fall back to that check-and-rename. Then
/// the folder is synced: a rename or link is only a change to the folder,
/// and without that a power cut could forget the restored log's name.
fn move_into_place(tmp: &Path, path: &Path) -> Result<(), StoreError> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => std::fs::remove_file(tmp)?,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(StoreError::AlreadyExists(path.to_owned()));
        }
        Err(_) => {
            if path.exists() {
                return Err(StoreError::AlreadyExists(path.to_owned()));
            }
            std::fs::rename(tmp, path)?;
        }
    }
    sync_folder(path);
    Ok(())
}

/// Syncs the folder that holds `path` (Unix; elsewhere the rename is
/// left to the file system). Best effort: the log itself is complete and
/// synced already, and some file systems refuse to sync a folder.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if let Ok(f) = std::fs::File::open(folder) {
            let _ = f.sync_all();
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

fn restore_sqlite(
    tmp: &Path,
    export: impl BufRead,
    expected_head: Option<Head>,
    clock: Clock,
) -> Result<Restored, RestoreError> {
    let db = super::sqlite::SqliteBackend::create(tmp, clock)?;
    db.begin_write()?;
    fill_and_commit(&db, export, expected_head)
}

/// [`fill`] in the open write transaction, committed when the whole export
/// is in and checked, abandoned otherwise.
fn fill_and_commit(
    db: &dyn Backend,
    export: impl BufRead,
    expected_head: Option<Head>,
) -> Result<Restored, RestoreError> {
    match fill(db, export, expected_head) {
        Ok(r) => {
            db.commit()?;
            Ok(r)
        }
        Err(e) => {
            db.rollback();
            Err(e)
        }
    }
}

/// Reads an export into the open write transaction of a new log, checking
/// the chain (and the head, if given) as it goes. Written once for every
/// backend.
fn fill(
    db: &dyn Backend,
    export: impl BufRead,
    expected_head: Option<Head>,
) -> Result<Restored, RestoreError> {
    let mut check = ChainCheck::new();
    let mut hash_at_head = None;
    let mut failed: Option<RestoreError> = None;
    let mut line_no = 0;
    let mut lines = export.lines().enumerate();
    let mut rows = std::iter::from_fn(|| {
        for (i, line) in lines.by_ref() {
            line_no = i + 1;
            let parsed = (|| {
                let text = line.map_err(StoreError::from)?;
                if text.trim().is_empty() {
                    return Ok(None);
                }
                let e =
                    StoredEvent::from_json_line(&text).map_err(|message| RestoreError::Line {
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
                Ok::<_, RestoreError>(Some(e))
            })();
            match parsed {
                Ok(Some(e)) => return Some(e),
                Ok(None) => continue,
                Err(e) => {
                    failed = Some(e);
                    return None;
                }
            }
        }
        None
    });
    let written = db.insert_rows(&mut rows)?;
    if let Some(e) = failed {
        return Err(e);
    }
    if let Err(RowRejected(message)) = written {
        return Err(RestoreError::Line {
            line: line_no,
            message: format!("cannot be stored: {message}"),
        });
    }
    if let Some(h) = expected_head {
        check
            .check_head(&h, hash_at_head)
            .map_err(RestoreError::Head)?;
    }
    let head = check.head();
    Ok(Restored {
        events: head.seq,
        head,
    })
}
