//! Reading the whole log as a stream, for the commands that fold all of it
//! (`status`, `snapshot`): memory holds the read models, never the log.

use accord_events::Envelope;
use accord_events::store::{Store, StreamPart, Until};
use accord_projections::{READ_AT_ANY_DATE, StreamFold, View};

use crate::error::CliError;

/// The events of the given types, decoded, in `seq` order: a pass the store
/// filters by type, so the rest of the log is never decoded.
///
/// An event that cannot be decoded is left out rather than reported: the
/// full pass that follows meets it in `seq` order and reports it exactly as
/// reading the whole log would.
pub fn prelude(store: &Store, kinds: &[&str]) -> Result<Vec<Envelope>, CliError> {
    Ok(store
        .stored_of_types(kinds)?
        .into_iter()
        .filter_map(|s| s.into_envelope().ok())
        .collect())
}

/// How many events travel together from the reading thread to the folding one.
const BATCH: usize = 1024;
/// How many batches may wait: enough to keep both threads busy, few enough
/// that memory stays flat (a few thousand envelopes at most).
const QUEUED: usize = 4;

/// Runs `read` on this thread and `fold` on another, `read` filling
/// batches through a [`Pipe`] and `fold` taking each item in order.
///
/// (Handing each used batch back to the reading thread, so that every
/// event is freed by the thread that allocated it, was tried: `status` on
/// a million events took as long, 10.2–10.9 s against 9.6–10.9 s.)
fn pipeline<T: Send>(
    read: impl FnOnce(&mut Pipe<T>) -> Result<(), CliError>,
    mut fold: impl FnMut(&T) + Send,
) -> Result<(), CliError> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<T>>(QUEUED);
    std::thread::scope(|scope| {
        let folder = scope.spawn(move || {
            for batch in rx {
                for item in &batch {
                    fold(item);
                }
            }
        });
        let mut pipe = Pipe {
            batch: Vec::with_capacity(BATCH),
            tx: Some(tx),
        };
        let read = read(&mut pipe);
        if read.is_ok() {
            pipe.flush();
        }
        // Closing the channel ends the folder's loop.
        pipe.tx = None;
        if let Err(panic) = folder.join() {
            std::panic::resume_unwind(panic);
        }
        read
    })
}

/// The reading end of a [`pipeline`].
struct Pipe<T> {
    batch: Vec<T>,
    tx: Option<std::sync::mpsc::SyncSender<Vec<T>>>,
}

impl<T> Pipe<T> {
    fn push(&mut self, item: T) {
        self.batch.push(item);
        if self.batch.len() == BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.batch.is_empty() {
            return;
        }
        let full = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        // A send fails only when the folder has stopped (it panicked); the
        // join in `pipeline` brings its panic to this thread.
        if let Some(tx) = &self.tx {
            let _ = tx.send(full);
        }
    }
}

/// Every event of the log, decoded, handed to `f` one at a time in `seq`
/// order.
///
/// Reading and decoding take about as long as folding, so the log is read
/// and decoded on this thread while `f` folds on another, batch by batch.
pub fn each<F>(store: &Store, f: F) -> Result<(), CliError>
where
    F: FnMut(&Envelope) + Send,
{
    pipeline(
        |pipe| {
            Ok(store.for_each(|s| {
                pipe.push(s.into_envelope()?);
                Ok(())
            })?)
        },
        f,
    )
}

/// What travels from the reading thread to the folding one. Nearly every
/// item is an event: boxing them to shrink the rare stream marker would
/// cost an allocation per event.
#[allow(clippy::large_enum_variant)]
enum Item {
    /// The next stream starts (its index in the list read); its events
    /// follow.
    Stream(usize),
    Event(Envelope),
}

/// Feeds `fold` the whole log stream by stream, as of `view`'s date: the
/// directory's and the programme's streams first (a partnership is
/// derived against them as soon as its stream ends), then each
/// partnership's; of each, nothing dated after that date but what counts
/// at any date.
///
/// As in [`each`], the streams are read and decoded on this thread while
/// `fold` folds on another, batch by batch; so a fold by stream costs
/// memory for one partnership's fold, not the log's, and no more time
/// than [`each`] but for SQLite fetching each stream through its index.
pub fn fold_by_stream(
    store: &Store,
    view: &View,
    fold: &mut (impl StreamFold + Send),
) -> Result<(), CliError> {
    let mut streams = vec!["directory".to_owned(), "programme".to_owned()];
    streams.extend(
        store
            .streams()?
            .into_iter()
            .filter(|s| s.starts_with("partnership:")),
    );
    let until = Until {
        day: view.as_of,
        except: &READ_AT_ANY_DATE,
    };
    let streams = &streams;
    pipeline(
        |pipe| {
            for (i, stream) in streams.iter().enumerate() {
                pipe.push(Item::Stream(i));
                let part = StreamPart {
                    until: Some(until),
                    ..StreamPart::all(stream)
                };
                store.each_in_stream(&part, |e| pipe.push(Item::Event(e)))?;
            }
            Ok(())
        },
        |item| match item {
            Item::Stream(i) => {
                if let Some(p) = streams[*i].strip_prefix("partnership:") {
                    fold.open_partnership(p);
                }
            }
            Item::Event(e) => fold.apply(e),
        },
    )
}
