//! The pilot's log (schema 0, `user_version` 0): recognised on opening and
//! migrated to the current layout, in its own file (read-write) or into an
//! in-memory copy (read-only).

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::SCHEMA;
use super::sqlite::{SCHEMA_V1, drop_replace_guard, has_table, restore_replace_guard};
use super::sqlite_file::file_uri;

/// The table of the pilot's log (schema 0, `user_version` 0).
const LEGACY_V0_TABLE: &str = "event_log";

/// Whether the file has an events table, its `user_version`, and whether
/// it has the pilot's table, read in one transaction.
pub(crate) fn read_layout(conn: &Connection) -> rusqlite::Result<(bool, i64, bool)> {
    conn.execute_batch("BEGIN")?;
    let read = (|| {
        let events = has_table(conn, "main", "events")?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let legacy = has_table(conn, "main", LEGACY_V0_TABLE)?;
        Ok((events, version, legacy))
    })();
    let _ = conn.execute_batch("COMMIT");
    read
}

/// Copies the pilot's log (schema 0) from `src.event_log` into the events
/// table of the current layout in `main`, row for row.
///
/// The pilot's layout (kept in `tests/fixtures/schema0/make_fixture.py`):
/// `event_log(position, event_id, kind, stream, stream_position, occurred,
/// recorded, recorded_by, source, payload, prev_hash, hash)`, the hashes as
/// lowercase hex text, no `schema_version` column (every row is schema 0)
/// and `user_version` 0. Nothing is recomputed: each row keeps its
/// position, timestamps, stored data and hashes, and gets
/// `schema_version` 0, so `verify` checks the pilot's own hashes (the
/// pilot hashed the same canonical envelope, with `"schema_version":0`).
/// Rows are copied as they are, gaps and damage included, for `verify` to
/// report; a hash that is not hex becomes an empty blob, which verify flags.
fn migrate_v0(conn: &Connection, src: &str, now: &str) -> rusqlite::Result<()> {
    conn.execute_batch(SCHEMA_V1)?;
    // The replace guard insists on seq = max + 1; a damaged pilot log may
    // have gaps, which verify must see rather than the migration hide.
    drop_replace_guard(conn)?;
    conn.execute(
        &format!(
            "INSERT INTO main.events (seq, id, type, stream, stream_version, occurred_at, recorded_at, recorded_by, source, data, schema_version, prev_hash, hash)
             SELECT position, CAST(event_id AS TEXT), CAST(kind AS TEXT), CAST(stream AS TEXT), CAST(stream_position AS INTEGER),
                    CAST(occurred AS TEXT), CAST(recorded AS TEXT), CAST(recorded_by AS TEXT), CAST(source AS TEXT), CAST(payload AS TEXT), 0,
                    coalesce(unhex(prev_hash), X''), coalesce(unhex(hash), X'')
             FROM {src}.{LEGACY_V0_TABLE} ORDER BY position"
        ),
        [],
    )?;
    restore_replace_guard(conn)?;
    conn.execute(
        "INSERT INTO main.accord_meta (key, value) VALUES ('format', 'accord event log'), ('created_at', ?1), ('migrated_from', 'schema 0 (table event_log), on ' || ?1)",
        [now],
    )?;
    conn.pragma_update(Some("main"), "user_version", SCHEMA)?;
    Ok(())
}

/// Migrates the pilot's log in its own file, in one write transaction (a
/// concurrent opener waits, then finds it done).
pub(crate) fn migrate_in_place(conn: &Connection, now: &str) -> rusqlite::Result<()> {
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    if has_table(conn, "main", "events")? {
        return Ok(()); // another process migrated it first
    }
    migrate_v0(conn, "main", now)?;
    conn.execute_batch(&format!("DROP TABLE main.{LEGACY_V0_TABLE}"))?;
    tx.commit()
}

/// The pilot's log, migrated into an in-memory copy; the file is only read.
pub(crate) fn legacy_in_memory(
    path: &Path,
    immutable: bool,
    now: &str,
) -> rusqlite::Result<Connection> {
    let mem = Connection::open_with_flags(
        ":memory:",
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let uri = file_uri(path, if immutable { "immutable=1" } else { "mode=ro" })
        .ok_or(rusqlite::Error::InvalidPath(path.to_owned()))?;
    mem.execute("ATTACH DATABASE ?1 AS legacy", [uri])?;
    mem.execute_batch("BEGIN")?;
    migrate_v0(&mem, "legacy", now)?;
    mem.execute_batch("COMMIT; DETACH DATABASE legacy")?;
    Ok(mem)
}
