//! Errors of the store, typed so that a caller can tell them apart.

use std::path::PathBuf;

use crate::input::InputError;
use crate::rules::Violation;

/// A store that cannot be opened, created, read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No log at the path.
    #[error("there is no accord log at {0}")]
    Missing(PathBuf),
    /// `create` found a file already there.
    #[error("{0} already exists; accord will not overwrite it")]
    AlreadyExists(PathBuf),
    /// The file is not an accord log (or is damaged beyond opening).
    #[error("{path} is not an accord log: {reason}")]
    NotALog {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// Written by a newer accord.
    #[error("{path} was written by a newer accord (schema {found}; this one knows up to {known})")]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its `user_version`.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// Another process holds the write lock for longer than the busy timeout.
    #[error("the log is busy: another accord process is writing to it")]
    Busy,
    /// The log cannot be written: it was opened read-only, or the file
    /// or its folder is read-only.
    #[error(
        "the log cannot be written: it is open read-only, or the file or its folder is read-only"
    )]
    ReadOnly,
    /// The file was deleted or replaced by another while accord had it open.
    #[error("{0} was deleted or replaced while accord had it open; nothing was written to it")]
    Moved(PathBuf),
    /// The disk is full.
    #[error("the disk is full; nothing was written")]
    DiskFull,
    /// The log cannot be opened because the disk holding it is full: even
    /// to read a log, SQLite makes a small shared-memory file beside it
    /// (`-shm`), which it deletes when the last process closes the log.
    #[error(
        "cannot open {0}: the disk is full (even to read a log, SQLite needs a little room beside it, for {0}-shm)"
    )]
    NoRoomToOpen(PathBuf),
    /// A stored event cannot be read.
    #[error(transparent)]
    Decode(#[from] crate::envelope::DecodeError),
    /// The PostgreSQL server cannot be reached, or refused the connection.
    #[error("cannot connect to {location}: {reason}")]
    Connect {
        /// The URL, its password hidden.
        location: String,
        /// Why (with any password hidden).
        reason: String,
    },
    /// The database refused the connection's role something it asked
    /// (PostgreSQL's insufficient_privilege), e.g. an application role,
    /// which may only read and append, asked to create a log.
    #[error("the database refused: {0}")]
    PermissionDenied(String),
    /// Any other PostgreSQL failure.
    #[error("database error: {0}")]
    Postgres(String),
    /// Any other SQLite failure.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// A file could not be read or written.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            // SQLite writes a byte into each new page of the `-shm` file to
            // make room for it; no room is a full disk (or a full quota).
            _ if extended_code(&e) == Some(rusqlite::ffi::SQLITE_IOERR_SHMSIZE) => {
                StoreError::DiskFull
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

/// SQLite's extended result code of `e`, when it is SQLite's.
fn extended_code(e: &rusqlite::Error) -> Option<std::ffi::c_int> {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.extended_code),
        _ => None,
    }
}

/// Why a batch was not appended. The log is left exactly as it was.
#[derive(Debug, thiserror::Error)]
pub enum AppendError {
    /// Lines that could not be read as events (every one found, up to a limit).
    #[error("{} line(s) could not be read as events", .0.len())]
    Input(Vec<InputError>),
    /// An event breaks a rule.
    #[error("line {line}: {violation}")]
    Rule {
        /// Input line (1-based; 0 when not from a file).
        line: usize,
        /// The event's id, if given.
        id: Option<String>,
        /// The event type.
        kind: crate::catalogue::EventKind,
        /// The rule and its explanation.
        violation: Violation,
    },
    /// An id already recorded with different content.
    #[error("line {line}: the id {id:?} is already recorded (seq {seq}) with different content")]
    IdConflict {
        /// Input line.
        line: usize,
        /// The id.
        id: String,
        /// Where it is recorded.
        seq: u64,
        /// The first field that differs.
        field: &'static str,
    },
    /// Every event a batch with [`AppendOptions::keep_going`](super::AppendOptions::keep_going)
    /// refused, in input order: each a [`AppendError::Rule`] or an
    /// [`AppendError::IdConflict`].
    #[error("{} event(s) refused", .0.len())]
    Refused(Vec<AppendError>),
    /// No operator for `recorded_by`.
    #[error("line {line}: no operator: give recorded_by in the event, or --as NAME / ACCORD_USER")]
    NoOperator {
        /// Input line.
        line: usize,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for AppendError {
    fn from(e: rusqlite::Error) -> Self {
        AppendError::Store(e.into())
    }
}
