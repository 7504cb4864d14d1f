//! Where a batch writes its accepted events: straight to the database, or,
//! for a long batch, through a thread of its own that holds the database
//! while the batch's thread checks the rules and hashes the next events.
//!
//! A long batch on two cores runs three stages at once: parsing (the
//! caller's reading thread, see `input::parse_ahead`), rules and hashing
//! (the batch's thread), and the database's inserts (the writing thread
//! here). SQLite's insert was about half of a bulk append's time on the
//! batch's thread (docs/speed.md).
//!
//! Order is kept: rows are written in the order they are sent, and a
//! lookup of a recorded id is answered by the writing thread after every
//! row sent before it, so the batch sees its own earlier events exactly as
//! when it writes them itself.

use std::cell::RefCell;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::StoreError;
use super::backend::Backend;
use crate::envelope::StoredEvent;

/// What a batch asks of the database while it runs.
pub(crate) trait Writes {
    /// The recorded event with this id, counting the batch's own events
    /// written so far.
    fn by_id(&self, id: &str) -> Result<Option<StoredEvent>, StoreError>;

    /// As `by_id`, for an id that is not among the last [`IN_FLIGHT`]
    /// events the batch wrote: the writing thread answers it at once
    /// rather than after the rows still queued (none of them has it).
    fn settled_by_id(&self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        self.by_id(id)
    }

    /// Writes one row in the open write transaction. `Ok(false)` when a row
    /// with the same id is already recorded. May take the row's `data`
    /// when it is written (the batch does not read it again); a row not
    /// written is left whole, for the comparison with the recorded one.
    fn insert(&self, row: &mut StoredEvent) -> Result<bool, StoreError>;
}

/// Writing on the batch's own thread.
pub(crate) struct Direct<'a>(pub(crate) &'a dyn Backend);

impl Writes for Direct<'_> {
    fn by_id(&self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        self.0.by_id(id)
    }

    fn insert(&self, row: &mut StoredEvent) -> Result<bool, StoreError> {
        self.0.insert(row)
    }
}

/// Rows handed over at once: one message, and at most one wake-up of the
/// writing thread, per chunk rather than per event.
const CHUNK: usize = 256;
/// Chunks sent and not yet written: bounds the memory a long batch holds.
const CHUNKS_AHEAD: usize = 16;
/// At most this many rows are sent and not yet written at any time (the
/// chunk being filled, the queue, and the chunk being written): a batch
/// that keeps its last `IN_FLIGHT` events knows every other one is written.
pub(crate) const IN_FLIGHT: usize = (CHUNKS_AHEAD + 2) * CHUNK;

type Answer = SyncSender<Result<Option<StoredEvent>, StoreError>>;

enum Request {
    Rows(Vec<StoredEvent>),
    /// A lookup answered after every row sent before it.
    ById(String, Answer),
    /// Look at the settled lookups (the writing thread may be waiting for rows).
    Wake,
}

/// Writing through the writing thread.
pub(crate) struct Piped {
    requests: SyncSender<Request>,
    /// Lookups of settled ids, answered between two rows.
    settled: std::sync::mpsc::Sender<(String, Answer)>,
    chunk: RefCell<Chunk>,
    /// Chunks written, handed back to be filled again here: their rows'
    /// strings are overwritten in place, so a row costs no allocation once
    /// the first chunks come back (copying each row into new strings, and
    /// freeing them, showed in perf on the batch's thread), and the writing
    /// thread, the busier, frees nothing (6% of its time, 2026-11-29).
    spent: Receiver<Vec<StoredEvent>>,
}

/// The chunk being filled: rows `..filled` are this chunk's; any after
/// them are written rows kept for their strings' space.
struct Chunk {
    rows: Vec<StoredEvent>,
    filled: usize,
}

impl Chunk {
    fn new(rows: Vec<StoredEvent>) -> Chunk {
        Chunk { rows, filled: 0 }
    }

    /// Copies `row` in (its `data` moved), into a kept row's strings when
    /// there is one.
    fn push(&mut self, row: &mut StoredEvent) {
        let Some(kept) = self.rows.get_mut(self.filled) else {
            let data = std::mem::take(&mut row.data);
            self.rows.push(StoredEvent {
                data,
                ..row.clone()
            });
            self.filled += 1;
            return;
        };
        // Every field named, so that a field added to the row cannot be
        // left behind with a written row's value.
        let StoredEvent {
            seq,
            id,
            kind,
            stream,
            stream_version,
            occurred_at,
            recorded_at,
            recorded_by,
            source,
            data,
            schema_version,
            prev_hash,
            hash,
        } = row;
        kept.seq = *seq;
        kept.id.clone_from(id);
        kept.kind.clone_from(kind);
        kept.stream.clone_from(stream);
        kept.stream_version = *stream_version;
        kept.occurred_at.clone_from(occurred_at);
        kept.recorded_at.clone_from(recorded_at);
        kept.recorded_by.clone_from(recorded_by);
        kept.source.clone_from(source);
        kept.data = std::mem::take(data);
        kept.schema_version = *schema_version;
        kept.prev_hash = *prev_hash;
        kept.hash = *hash;
        self.filled += 1;
    }

    /// The rows filled, for the writing thread.
    fn into_rows(mut self) -> Vec<StoredEvent> {
        self.rows.truncate(self.filled);
        self.rows
    }
}

impl Piped {
    fn send(&self, request: Request) -> Result<(), StoreError> {
        self.requests.send(request).map_err(|_| stopped())
    }

    fn flush(&self) -> Result<(), StoreError> {
        if self.chunk.borrow().filled == 0 {
            return Ok(());
        }
        let next = match self.spent.try_recv() {
            Ok(spent) => spent,
            Err(_) => Vec::with_capacity(CHUNK),
        };
        let rows = std::mem::replace(&mut *self.chunk.borrow_mut(), Chunk::new(next));
        self.send(Request::Rows(rows.into_rows()))
    }
}

impl Writes for Piped {
    fn by_id(&self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        self.flush()?;
        let (answer, answered) = sync_channel(1);
        self.send(Request::ById(id.to_owned(), answer))?;
        answered.recv().map_err(|_| stopped())?
    }

    fn settled_by_id(&self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        let (answer, answered) = sync_channel(1);
        self.settled
            .send((id.to_owned(), answer))
            .map_err(|_| stopped())?;
        // A full queue means the writing thread is busy and looks at the
        // settled lookups after its current row; an empty one may find it
        // waiting for rows.
        let _ = self.requests.try_send(Request::Wake);
        answered.recv().map_err(|_| stopped())?
    }

    fn insert(&self, row: &mut StoredEvent) -> Result<bool, StoreError> {
        // The batch looks every id up before it writes (`append_in`), so a
        // repeat never reaches the writing thread; it fails the batch there.
        let full = {
            let mut chunk = self.chunk.borrow_mut();
            chunk.push(row);
            chunk.filled >= CHUNK
        };
        if full {
            self.flush()?;
        }
        Ok(true)
    }
}

/// The error the batch's thread sees when the writing thread has stopped;
/// `piped` replaces it with the writing thread's own.
fn stopped() -> StoreError {
    StoreError::Io(std::io::Error::other("the writing thread stopped"))
}

/// Runs `batch` with a [`Piped`] writer whose thread holds `db` until
/// `batch` returns and every row it sent is written. The first failure of
/// the writing thread is the batch's error.
pub(crate) fn piped<T, E: From<StoreError>>(
    db: &mut dyn Backend,
    batch: impl FnOnce(&Piped) -> Result<T, E>,
) -> Result<T, E> {
    let (requests, received) = sync_channel(CHUNKS_AHEAD);
    let (settled, lookups) = std::sync::mpsc::channel();
    let (written, spent) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || serve(db, received, lookups, written));
        let pipe = Piped {
            requests,
            settled,
            chunk: RefCell::new(Chunk::new(Vec::with_capacity(CHUNK))),
            spent,
        };
        let out = batch(&pipe).and_then(|t| pipe.flush().map(|()| t).map_err(E::from));
        drop(pipe);
        match writer.join() {
            Ok(Ok(())) => out,
            Ok(Err(e)) => Err(e.into()),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

fn serve(
    db: &mut dyn Backend,
    requests: Receiver<Request>,
    lookups: Receiver<(String, Answer)>,
    written: std::sync::mpsc::Sender<Vec<StoredEvent>>,
) -> Result<(), StoreError> {
    let answer_settled = |db: &dyn Backend| {
        while let Ok((id, answer)) = lookups.try_recv() {
            let _ = answer.send(db.by_id(&id));
        }
    };
    for request in requests {
        match request {
            Request::Rows(rows) => {
                for row in &rows {
                    if !db.insert(row)? {
                        return Err(StoreError::Io(std::io::Error::other(format!(
                            "the event id {} was found already recorded as its event was written; nothing was written",
                            row.id
                        ))));
                    }
                    answer_settled(db);
                }
                let _ = written.send(rows);
            }
            Request::ById(id, answer) => {
                let _ = answer.send(db.by_id(&id));
            }
            Request::Wake => {}
        }
        answer_settled(db);
    }
    Ok(())
}
