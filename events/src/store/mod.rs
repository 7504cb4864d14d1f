//! The append-only SQLite store.
//!
//! One file holds the log (`events`) and a little metadata. Writers take
//! SQLite's write lock with `BEGIN IMMEDIATE` for a whole batch, bring the
//! rule state up to date from whatever other processes appended, check and
//! insert every event, and commit once: a batch is all or nothing, `seq`
//! stays gapless, and a commit is durable (`synchronous=FULL` in WAL mode)
//! before accord reports it.

mod append;
mod error;
mod integrity;
mod read;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use append::{AppendOptions, AppendOutcome, Recorded};
pub use error::{AppendError, StoreError};
pub use integrity::{RestoreError, Restored};
pub use read::LogFilter;

use crate::clock::Clock;
use crate::rules::RuleState;
use crate::verify::Head;

/// The schema this build writes (`PRAGMA user_version`).
pub const SCHEMA: i64 = 1;
const SCHEMA_V1: &str = include_str!("../../sql/schema_v1.sql");
/// How long a writer waits for another to finish before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Read-only or read-write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Nothing can be written through this handle (SQLite opens the file read-only).
    ReadOnly,
    /// Appends allowed.
    ReadWrite,
}

/// The rule state cached between batches, with the head it was built to.
struct Cache {
    state: RuleState,
    head: Head,
    last_recorded_at: String,
    streams: crate::rules::Map<String, u64>,
}

/// An open event log.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    clock: Clock,
    cache: Option<Cache>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn configure(conn: &Connection, access: Access) -> Result<(), StoreError> {
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

impl Store {
    /// Creates a new, empty log at `path`. Refuses to overwrite anything.
    pub fn create(path: &Path, clock: Clock) -> Result<Store, StoreError> {
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
        Ok(Store {
            conn,
            path: path.to_owned(),
            clock,
            cache: None,
        })
    }

    /// Opens an existing log.
    pub fn open(path: &Path, access: Access, clock: Clock) -> Result<Store, StoreError> {
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
        Ok(Store {
            conn,
            path: path.to_owned(),
            clock,
            cache: None,
        })
    }

    /// The file this store reads.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The clock used for `recorded_at` and "today".
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The last event's `seq` and hash.
    pub fn head(&self) -> Result<Head, StoreError> {
        head_of(&self.conn)
    }

    /// SQLite's own structural check (`PRAGMA quick_check`): `None` when fine.
    pub fn quick_check(&self) -> Result<Option<String>, StoreError> {
        quick_check_on(&self.conn)
    }

    /// Direct access to the connection, for tests and tools that inspect the file.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

fn quick_check_on(conn: &Connection) -> Result<Option<String>, StoreError> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(if lines == ["ok"] {
        None
    } else {
        Some(lines.join("; "))
    })
}

fn head_of(conn: &Connection) -> Result<Head, StoreError> {
    let row = conn.query_row(
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
