//! The append-only store, on SQLite (the default) or PostgreSQL.
//!
//! [`Store`] is what callers use, whatever the database. It holds a backend
//! (`backend.rs`: head, rows after a position, a row by id, insert, the
//! write transaction, streaming and filtered reads) and writes the batch
//! logic once over it (`append.rs`): writers take the backend's write lock
//! for a whole batch, bring the rule state up to date from whatever other
//! processes appended, check and insert every event, and commit once: a
//! batch is all or nothing, `seq` stays gapless, and a commit is durable
//! before accord reports it.
//!
//! - SQLite (`sqlite.rs`): one file, WAL, `BEGIN IMMEDIATE`, `synchronous=FULL`.
//! - PostgreSQL (`postgres.rs`): a database named by a `postgres://` URL;
//!   a transaction-level advisory lock serialises writers (see there why).

mod append;
mod backend;
mod checkpoint;
mod error;
mod filter;
mod folds;
mod folds_reader;
mod ids;
mod integrity;
mod location;
mod postgres;
mod read;
mod reading;
mod recent;
mod sql;
mod sqlite;
mod sqlite_check;
mod sqlite_file;
mod sqlite_legacy;
mod writer;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use append::{AppendOptions, AppendOutcome, MAX_REFUSED, Recorded};
pub use checkpoint::DEFAULT_EVERY as CHECKPOINT_EVERY;
pub use error::{AppendError, StoreError};
pub use filter::{
    ANY_ENTRY, LogFilter, NAMING_TYPES, StreamPart, Until, directory_entry, org_entry, person_entry,
};
pub use folds::{KEPT_VIEWS, NewFold, SavedFold, Tail};
pub use integrity::{RestoreError, Restored};
pub use location::{Location, PgUrl};
pub use postgres::{POSTGRES_GRANTS, POSTGRES_SCHEMA_V1, postgres_grants};
pub use reading::{INDEXED_STREAM, INDEXED_TYPES, ReadingIndex};

use crate::clock::Clock;
use crate::rules::RuleState;
use crate::verify::Head;
use backend::Backend;

/// The schema this build writes (`PRAGMA user_version` in SQLite,
/// `accord_meta.schema_version` in PostgreSQL).
pub const SCHEMA: i64 = 1;
/// How long a writer waits for another to finish before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Refuses a log whose schema version this build cannot read: newer than
/// [`SCHEMA`] (written by a newer accord) or below 1 (not a version accord
/// ever wrote). Shared by both backends.
pub(crate) fn check_schema_version(version: i64, path: &Path) -> Result<(), StoreError> {
    if version > SCHEMA {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            found: version,
            known: SCHEMA,
        });
    }
    if version < 1 {
        return Err(StoreError::NotALog {
            path: path.to_owned(),
            reason: format!("unknown schema version {version}"),
        });
    }
    Ok(())
}

/// Read-only or read-write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Nothing can be written through this handle (SQLite opens the file
    /// read-only; a PostgreSQL session is made read-only).
    ReadOnly,
    /// Appends allowed.
    ReadWrite,
}

/// Which database a store runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackendKind {
    /// An SQLite file.
    Sqlite,
    /// A PostgreSQL database.
    Postgres,
}

/// The rule state cached between batches, with the head it was built to.
struct Cache {
    state: RuleState,
    head: Head,
    last_recorded_at: String,
    streams: crate::rules::Map<String, u64>,
    /// Every id in the log, as fingerprints: see [`ids::IdFilter`].
    ids: ids::IdFilter,
    /// Events folded since the state was last saved or loaded.
    since_checkpoint: u64,
}

/// An open event log.
pub struct Store {
    backend: Box<dyn Backend>,
    kind: BackendKind,
    location: Location,
    path: PathBuf,
    clock: Clock,
    cache: Option<Cache>,
    /// After how many folded events a batch saves the rule state.
    checkpoint_every: u64,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("location", &self.location)
            .finish_non_exhaustive()
    }
}

impl Store {
    fn wrap(
        backend: Box<dyn Backend>,
        kind: BackendKind,
        location: Location,
        clock: Clock,
    ) -> Store {
        Store {
            backend,
            kind,
            path: location.as_error_path(),
            location,
            clock,
            cache: None,
            checkpoint_every: checkpoint::DEFAULT_EVERY,
        }
    }

    /// Creates a new, empty SQLite log at `path`. Refuses to overwrite anything.
    pub fn create(path: &Path, clock: Clock) -> Result<Store, StoreError> {
        Store::create_at(&Location::Sqlite(path.to_owned()), clock)
    }

    /// Opens an existing SQLite log.
    pub fn open(path: &Path, access: Access, clock: Clock) -> Result<Store, StoreError> {
        Store::open_at(&Location::Sqlite(path.to_owned()), access, clock)
    }

    /// Creates a new, empty log at `location`. Refuses to overwrite one (a
    /// PostgreSQL database must not hold an accord log already).
    pub fn create_at(location: &Location, clock: Clock) -> Result<Store, StoreError> {
        let (backend, kind): (Box<dyn Backend>, _) = match location {
            Location::Sqlite(path) => (
                Box::new(sqlite::SqliteBackend::create(path, clock)?),
                BackendKind::Sqlite,
            ),
            Location::Postgres(url) => (
                postgres::PgBackend::create(url, clock)?,
                BackendKind::Postgres,
            ),
        };
        Ok(Store::wrap(backend, kind, location.clone(), clock))
    }

    /// Opens an existing log.
    pub fn open_at(location: &Location, access: Access, clock: Clock) -> Result<Store, StoreError> {
        let (backend, kind): (Box<dyn Backend>, _) = match location {
            Location::Sqlite(path) => (
                Box::new(sqlite::SqliteBackend::open(path, access, clock)?),
                BackendKind::Sqlite,
            ),
            Location::Postgres(url) => (
                postgres::PgBackend::open(url, access)?,
                BackendKind::Postgres,
            ),
        };
        Ok(Store::wrap(backend, kind, location.clone(), clock))
    }

    /// The file this store reads (for PostgreSQL, the URL with its password
    /// hidden).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where this store is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Which database it runs on.
    pub fn backend_kind(&self) -> BackendKind {
        self.kind
    }

    /// The clock used for `recorded_at` and "today".
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Sets the clock for the batches that follow. A built-in example uses it
    /// to be recorded as if typed in over the years it describes; the store
    /// still never lets `recorded_at` decrease along `seq`.
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// The last event's `seq` and hash.
    pub fn head(&self) -> Result<Head, StoreError> {
        self.backend.head()
    }

    /// The database's structural check (SQLite's `PRAGMA integrity_check`):
    /// `None` when fine. PostgreSQL offers none that an ordinary role may
    /// run, so it is `None` there.
    pub fn quick_check(&self) -> Result<Option<String>, StoreError> {
        self.backend.structural_check()
    }

    /// The append-only guards that are missing, disabled or changed (see
    /// `accord verify`), one sentence each; empty when all stand as the
    /// schema made them.
    pub fn guard_problems(&self) -> Result<Vec<String>, StoreError> {
        self.backend.guard_problems()
    }
}
