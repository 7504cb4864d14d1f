//! What a database must provide for accord's log: the low-level operations
//! that [`Store`](super::Store) builds everything else on.
//!
//! The batch logic (idempotency, rules, stream and `seq` assignment,
//! `recorded_at`, hashing) is written once in `append.rs` over this trait;
//! the reads, `verify` and `restore` likewise. A backend only moves rows:
//! it never decides whether an event may be written.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};

use super::StoreError;
use super::filter::{LogFilter, StreamPart};
use super::folds::Tail;
use super::reading::{Filed, ReadingIndex};
use crate::clock::Clock;
use crate::envelope::StoredEvent;
use crate::verify::Head;

/// Which rows a read wants, always in `seq` order.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Scan<'a> {
    /// The whole log.
    All,
    /// Rows with `seq` greater than this.
    After(u64),
    /// Rows matching a filter.
    Matching(&'a LogFilter),
    /// Rows of any of these types.
    OfTypes(&'a [&'a str]),
}

/// Rows as an iterator, lent to a closure for the lifetime of one query.
pub(crate) type Rows<'r> = &'r mut dyn Iterator<Item = Result<StoredEvent, StoreError>>;

/// Receives rows from a query; see [`Backend::with_rows`].
pub(crate) type RowsFn<'f> = &'f mut dyn FnMut(Rows<'_>) -> Result<(), StoreError>;

/// Rows as `verify` reads them: an outer error when the database cannot be
/// read at all; an inner `Err` with the reason when one row (or, on a
/// damaged file, the rest of the table) cannot be decoded, which `verify`
/// reports as a finding rather than failing.
pub(crate) type CheckedRows<'r> =
    &'r mut dyn Iterator<Item = Result<Result<StoredEvent, String>, StoreError>>;

/// Receives rows for `verify`; see [`Backend::with_checked_rows`].
pub(crate) type CheckedRowsFn<'f> = &'f mut dyn FnMut(CheckedRows<'_>) -> Result<(), StoreError>;

/// Writes a checkpoint's body; see [`Backend::save_checkpoint`].
pub(crate) type BodyWriter<'w> = &'w mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>;

/// A structural check that runs on its own thread (see
/// [`Backend::structural_check_job`]).
pub(crate) type StructuralJob = Box<dyn FnOnce() -> Result<Option<String>, StoreError> + Send>;

/// A row that could not be written while restoring, with the database's reason.
#[derive(Debug)]
pub(crate) struct RowRejected(pub String);

/// The operations a database backend provides. Every method runs inside the
/// write transaction when one is open (`begin_write` .. `commit`/`rollback`).
pub(crate) trait Backend: Send {
    /// The last event's `seq` and hash ([`Head::EMPTY`] for an empty log).
    fn head(&self) -> Result<Head, StoreError>;

    /// Runs one query and lends its rows, in `seq` order, to `f`. Rows are
    /// streamed: memory stays flat however long the log. `f` must not call
    /// back into the backend while it holds the rows.
    fn with_rows(&self, scan: Scan<'_>, f: RowsFn<'_>) -> Result<(), StoreError>;

    /// Every row with `seq >= 1`, in `seq` order, for `verify`: a row that
    /// cannot be decoded is lent as an inner `Err` and the walk goes on, so
    /// damage becomes a finding with its position. The default suits a
    /// database whose rows always decode (PostgreSQL's typed columns).
    fn with_checked_rows(&self, f: CheckedRowsFn<'_>) -> Result<(), StoreError> {
        self.with_rows(Scan::All, &mut |rows| f(&mut rows.map(|r| r.map(Ok))))
    }

    /// How many rows have a `seq` below 1 (outside the sequence). Zero
    /// where the schema refuses such rows (PostgreSQL's CHECK).
    fn stray_rows(&self) -> Result<u64, StoreError> {
        Ok(0)
    }

    /// The rows of one stream a reader needs ([`StreamPart`]), in `seq`
    /// order.
    fn stream_rows(&self, part: &StreamPart<'_>) -> Result<Vec<StoredEvent>, StoreError>;

    /// The rows of [`Backend::stream_rows`], lent one at a time, so that a
    /// reader of a large stream never holds it whole. The default reads
    /// them all first (PostgreSQL); SQLite steps through them.
    fn each_stream_row(
        &self,
        part: &StreamPart<'_>,
        f: &mut dyn FnMut(StoredEvent) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.stream_rows(part)?.into_iter().try_for_each(f)
    }

    /// The `recorded_at` and hash of the event at `seq` (which must exist).
    fn recorded_at_of(&self, seq: u64) -> Result<(String, Vec<u8>), StoreError>;

    /// One row by its event id.
    fn by_id(&self, id: &str) -> Result<Option<StoredEvent>, StoreError>;

    /// Names of the streams in the log, sorted bytewise.
    fn streams(&self) -> Result<Vec<String>, StoreError>;

    /// Whether the log holds any event of `stream` (one index step where
    /// the database allows it, rather than listing every stream).
    fn has_stream(&self, stream: &str) -> Result<bool, StoreError> {
        Ok(self.streams()?.iter().any(|s| s == stream))
    }

    /// The ids named by `event.retracted` events (`data.event`).
    fn retracted_targets(&self) -> Result<HashSet<String>, StoreError>;

    /// The database's own structural check, where it has one: `None` when fine.
    fn structural_check(&self) -> Result<Option<String>, StoreError>;

    /// The append-only guards (triggers, and on PostgreSQL their functions)
    /// that are missing, disabled or not as the schema declares them, one
    /// sentence each; empty when all stand. A missing guard proves nothing
    /// was edited or not (the hash chain does that), but it means the log
    /// no longer refuses an edit by mistake.
    fn guard_problems(&self) -> Result<Vec<String>, StoreError>;

    /// The structural check as a job for another thread, on a connection of
    /// its own, so that `verify` runs it beside the chain walk; `None` runs
    /// [`Backend::structural_check`] in line instead.
    fn structural_check_job(&self) -> Option<StructuralJob> {
        None
    }

    /// The saved rule state, if any: the head it was folded to and its
    /// body (see `checkpoint.rs`). `Ok(None)` where there is none.
    fn load_checkpoint(&self) -> Result<Option<(Head, Vec<u8>)>, StoreError>;

    /// Saves the rule state folded to `head`, replacing any other, in a
    /// transaction of its own, or, where
    /// [`Backend::saves_checkpoint_in_batch`], inside a batch's open write
    /// transaction as part of it: `write` writes the body, exactly `size`
    /// bytes, into the writer it is given.
    fn save_checkpoint(
        &self,
        head: Head,
        size: usize,
        write: BodyWriter<'_>,
    ) -> Result<(), StoreError>;

    /// Removes the saved rule state.
    fn drop_checkpoint(&self) -> Result<(), StoreError>;

    /// Whether a batch saves the rule state inside its own write
    /// transaction, before its commit, so that one commit makes it durable
    /// with the events (SQLite, under a savepoint). The default saves it
    /// after the commit, in a transaction of its own.
    fn saves_checkpoint_in_batch(&self) -> bool {
        false
    }

    /// Whether readers may go through the programme's reading index
    /// (`reading.rs`; SQLite only: elsewhere there is none).
    fn reading_index(&self) -> ReadingIndex {
        ReadingIndex::Missing
    }

    /// Catches the reading index up with the log (or starts it afresh),
    /// with the rows a batch wrote filed in `filed` (see [`Filed`]); inside
    /// a batch's open write transaction, as part of it. Unless `wait`,
    /// gives up at once when another writer holds the log.
    fn catch_up_reading(
        &self,
        wait: bool,
        filed: Option<&Filed>,
    ) -> Result<ReadingIndex, StoreError> {
        let _ = (wait, filed);
        Ok(ReadingIndex::Missing)
    }

    /// Drops the reading index.
    fn drop_reading(&self) -> Result<(), StoreError> {
        Ok(())
    }

    /// The last event of every stream (`folds.rs`; SQLite only: elsewhere
    /// none, and no folds are saved).
    fn stream_tails(&self) -> Result<BTreeMap<String, Tail>, StoreError> {
        Ok(BTreeMap::new())
    }

    /// Saves what [`Backend::stream_tails`] last looked up beside the
    /// log's saved folds, when they are not there already (none kept
    /// where none are kept).
    fn save_stream_tails(&self) {}

    /// The last event of `stream` of one of `types` (none where
    /// `stream_tails` gives none).
    fn last_of_types(&self, stream: &str, types: &[&str]) -> Result<Option<Tail>, StoreError> {
        let _ = (stream, types);
        Ok(None)
    }

    /// The last event of the programme stream that names `partnership`,
    /// as the reading index knows it (`None`: it cannot say; `Some(None)`:
    /// there is none).
    fn last_naming(&self, partnership: &str) -> Result<Option<Option<Tail>>, StoreError> {
        let _ = partnership;
        Ok(None)
    }

    /// The file the saved folds are kept in, beside the log (`folds.rs`;
    /// SQLite only, when the log's file can be opened a second time).
    fn fold_file(&self) -> Option<std::path::PathBuf> {
        None
    }

    /// The name of that check, for the message when it fails.
    fn structural_check_name(&self) -> &'static str;

    /// Opens the write transaction of a batch, taking whatever lock makes
    /// this process the only writer until `commit` or `rollback`.
    fn begin_write(&self) -> Result<(), StoreError>;

    /// Opens a read transaction: every read until `rollback` sees one
    /// consistent state of the log, and nothing can be written. For a batch
    /// that is only checked ([`AppendOptions::check_only`](super::AppendOptions)).
    fn begin_read(&self) -> Result<(), StoreError>;

    /// Says that the open write transaction is a long batch of accord's own
    /// inserts: the backend may set aside, until the commit, a guard that
    /// only stops other tools' writes (none can write while this one holds
    /// the lock), and must put it back as declared before the commit makes
    /// anything visible. A rollback undoes both. SQLite drops its replace
    /// guard (see `sqlite.rs`); the default sets nothing aside.
    fn begin_bulk(&self) -> Result<(), StoreError> {
        Ok(())
    }

    /// Commits the write transaction; durable when this returns.
    fn commit(&self) -> Result<(), StoreError>;

    /// Abandons the write or read transaction (nothing it wrote remains).
    fn rollback(&self);

    /// The transaction time for a batch (before the non-decreasing clamp).
    fn now(&self, clock: Clock) -> Result<DateTime<Utc>, StoreError> {
        Ok(clock.now())
    }

    /// Inserts one row in the open write transaction. `Ok(false)` when a row
    /// with the same id is already recorded (and nothing was written).
    ///
    /// A backend may buffer the row until its next read or the commit
    /// (PostgreSQL does, to save a round trip per event) and answer
    /// `Ok(true)` at once: the batch logic has already looked the id up, so
    /// a repeat reaching a buffered insert fails the batch as an error.
    fn insert(&self, e: &StoredEvent) -> Result<bool, StoreError>;

    /// Writes rows from an export into the open write transaction, as they
    /// are (restore). Stops at the first row the database refuses.
    fn insert_rows(
        &self,
        rows: &mut dyn Iterator<Item = StoredEvent>,
    ) -> Result<Result<(), RowRejected>, StoreError>;

    /// The SQLite connection, for the crate's own tests that inspect the file.
    #[cfg(test)]
    fn sqlite(&self) -> Option<&rusqlite::Connection> {
        None
    }
}

/// The triggers a schema file declares: each name with its statement as
/// written, which is what SQLite keeps in `sqlite_schema.sql`.
pub(crate) fn declared_triggers(schema: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = schema;
    while let Some(at) = rest.find("CREATE TRIGGER ") {
        let stmt = &rest[at..];
        let name = stmt.split_whitespace().nth(2).unwrap_or_default();
        // A trigger with a body (SQLite's BEGIN ... END;) ends at its END;
        // one that calls a function (PostgreSQL's) at its first semicolon.
        let first_semicolon = stmt.find(';').unwrap_or(stmt.len());
        let end = match stmt.find("\nEND;") {
            Some(e) if stmt[..first_semicolon].contains("\nBEGIN") => e + "\nEND".len(),
            _ => first_semicolon,
        };
        out.push((name, &stmt[..end]));
        rest = &stmt[end..];
    }
    out
}
