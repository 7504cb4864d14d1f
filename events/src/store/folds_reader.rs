//! One connection per thread to read the file of saved folds.
//!
//! A reading command reads the file several times (the streams' tails,
//! its saved report, a partnership's kept inputs), and opening it each time
//! (the connection, then the schema on its first statement) was a tenth of
//! a `show` on a new date. The connection is kept for the next read on the
//! same thread while the path still names the same file: one deleted and
//! written afresh (`accord rebuild`, a damaged file replaced) is opened
//! again. Rows saved meanwhile by other connections are seen: the file is
//! in rollback-journal mode, where each read transaction checks whether
//! the file changed since the last.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

/// A connection kept to read one file.
struct Reader {
    file: PathBuf,
    identity: Identity,
    conn: Connection,
}

/// What tells one file from another at the same path.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Identity {
    dev: u64,
    ino: u64,
}

thread_local! {
    static READER: RefCell<Option<Reader>> = const { RefCell::new(None) };
}

/// The file's identity; `None` where the platform does not give one (a
/// connection is then opened for each read).
fn identity(meta: &std::fs::Metadata) -> Option<Identity> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(Identity {
            dev: meta.dev(),
            ino: meta.ino(),
        })
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

fn open(file: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// Runs `read` on a read-only connection to `file`, the one this thread
/// kept when it is still of the file at that path; `None` when there is
/// no file. `read` must not read the file of saved folds itself.
pub(super) fn with_reader<T>(
    file: &Path,
    read: impl FnOnce(&Connection) -> rusqlite::Result<T>,
) -> rusqlite::Result<Option<T>> {
    let meta = match std::fs::metadata(file) {
        Ok(meta) if meta.is_file() => meta,
        _ => return Ok(None),
    };
    let Some(id) = identity(&meta) else {
        return read(&open(file)?).map(Some);
    };
    READER.with(|slot| {
        let mut slot = slot.borrow_mut();
        let kept = slot
            .as_ref()
            .is_some_and(|r| r.identity == id && r.file == file);
        if !kept {
            // The connection kept for another file (or for this path's
            // previous file) is closed first.
            *slot = None;
            *slot = Some(Reader {
                file: file.to_owned(),
                identity: id,
                conn: open(file)?,
            });
        }
        let reader = slot.as_ref().expect("a reader was just kept");
        read(&reader.conn).map(Some)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(file: &Path, value: &str) {
        let conn = Connection::open(file).unwrap();
        conn.execute_batch("CREATE TABLE IF NOT EXISTS t (v TEXT)")
            .unwrap();
        conn.execute("INSERT INTO t VALUES (?1)", [value]).unwrap();
    }

    fn values(file: &Path) -> Option<Vec<String>> {
        with_reader(file, |conn| {
            let mut stmt = conn.prepare_cached("SELECT v FROM t ORDER BY rowid")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect()
        })
        .unwrap()
    }

    /// The kept connection sees rows another connection wrote after it
    /// was opened.
    #[test]
    fn a_kept_reader_sees_rows_written_since() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.folds");
        assert_eq!(values(&file), None);
        write(&file, "a");
        assert_eq!(values(&file), Some(vec!["a".to_owned()]));
        write(&file, "b");
        assert_eq!(values(&file), Some(vec!["a".to_owned(), "b".to_owned()]));
    }

    /// A file deleted and written afresh at the same path is read afresh,
    /// not through the connection kept to the deleted one; a deleted file
    /// with none after it reads as none.
    #[test]
    fn a_file_written_afresh_is_opened_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.folds");
        write(&file, "old");
        assert_eq!(values(&file), Some(vec!["old".to_owned()]));
        std::fs::remove_file(&file).unwrap();
        assert_eq!(values(&file), None);
        write(&file, "new");
        assert_eq!(values(&file), Some(vec!["new".to_owned()]));
    }

    /// Two files read in turn on one thread each give their own rows.
    #[test]
    fn files_read_in_turn_give_their_own_rows() {
        let dir = tempfile::tempdir().unwrap();
        let (one, two) = (dir.path().join("1.folds"), dir.path().join("2.folds"));
        write(&one, "one");
        write(&two, "two");
        for _ in 0..2 {
            assert_eq!(values(&one), Some(vec!["one".to_owned()]));
            assert_eq!(values(&two), Some(vec!["two".to_owned()]));
        }
    }
}
