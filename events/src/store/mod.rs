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
    streams: std::collections::HashMap<String, u64>,
}

/// An open event log.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    clock: Clock,
    cache: Option<Cache>,
    /// The identity of the file opened (device and inode on Unix).
    file: Option<FileId>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn configure(conn: &Connection, access: Access) -> rusqlite::Result<()> {
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
            file: file_id(path),
        })
    }

    /// Opens an existing log.
    ///
    /// A read-only open also works on read-only media (a log copied to a
    /// CD or a read-only mount): SQLite cannot create the WAL's `-shm` file
    /// there, so when the log has no pending WAL the file is opened
    /// `immutable` instead. A read-write open of a log that can be read but
    /// not written fails with [`StoreError::ReadOnly`].
    pub fn open(path: &Path, access: Access, clock: Clock) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing(path.to_owned()));
        }
        let not_a_log = |reason: String| StoreError::NotALog {
            path: path.to_owned(),
            reason,
        };
        let before = file_id(path);
        let (conn, version) = match connect(path, access, false) {
            Ok(c) => c,
            Err(e) if cannot_open(&e) && access == Access::ReadOnly && !wal_pending(path) => {
                connect(path, access, true).map_err(|_| not_a_log(e.to_string()))?
            }
            Err(e) if cannot_open(&e) && access == Access::ReadWrite => {
                // Readable but not writable is "read-only", not "damaged".
                return match Store::open(path, Access::ReadOnly, clock) {
                    Ok(_) => Err(StoreError::ReadOnly),
                    Err(other) => Err(other),
                };
            }
            Err(e) => {
                return Err(match StoreError::from(e) {
                    StoreError::Sqlite(e) => not_a_log(e.to_string()),
                    busy_or_full => busy_or_full,
                });
            }
        };
        let file = file_id(path);
        if file.is_none() || file != before {
            return Err(StoreError::Moved(path.to_owned()));
        }
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
            file,
        })
    }

    /// Fails when the file at this store's path is no longer the file it
    /// opened (deleted, or replaced by another file): a commit would then
    /// go to a file nobody reads, and SQLite's WAL, found by path, would
    /// be replayed onto the replacement and damage it.
    pub(crate) fn check_unmoved(&self) -> Result<(), StoreError> {
        if file_id(&self.path) == self.file {
            Ok(())
        } else {
            Err(StoreError::Moved(self.path.clone()))
        }
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

    /// Direct access to the connection, for tests and tools that inspect the file.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
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

/// True when a `-wal` file with content lies beside the log: committed
/// events may be in it, so the log must not be read `immutable` (which
/// would ignore them).
fn wal_pending(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0)
}

/// `file:///abs/path?immutable=1`, with the characters URIs reserve escaped.
fn immutable_uri(path: &Path) -> Option<String> {
    let abs = std::fs::canonicalize(path).ok()?;
    let abs = abs.to_str()?;
    let mut uri = String::from("file://");
    for c in abs.chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    Some(uri)
}

/// Which file a path names right now: device and inode on Unix (elsewhere
/// only whether it exists).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileId {
    dev: u64,
    ino: u64,
}

fn file_id(path: &Path) -> Option<FileId> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(FileId {
            dev: meta.dev(),
            ino: meta.ino(),
        })
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some(FileId { dev: 0, ino: 0 })
    }
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
