//! Reading the whole log as a stream, for the commands that fold all of it
//! (`status`, `snapshot`): memory holds the read models, never the log.

use accord_events::store::{Store, StoreError, StreamPart, Until};
use accord_events::{Envelope, StoredEvent};
use accord_projections::{READ_AT_ANY_DATE, Sieve, StreamFold, View};

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

/// The sieve of `view` over the whole log: its retractions read first
/// ([`prelude`]) and let go once their targets are known (a million-event
/// log holds about fifteen thousand).
pub fn sieve(store: &Store, view: &View) -> Result<Sieve, CliError> {
    Ok(Sieve::new(view, &prelude(store, &["event.retracted"])?))
}

/// How many events travel together from one thread to the next.
const BATCH: usize = 1024;
/// How many batches may wait between two threads: enough to keep them
/// busy, few enough that memory stays flat (a few thousand events at most).
const QUEUED: usize = 4;

/// Runs `read` on this thread, `decode` on a second and `fold` on a third:
/// `read` fills batches of rows through a [`Pipe`], `decode` turns each
/// row into an item, `fold` takes the items in order.
///
/// SQLite's reading and the decoding of each row's JSON each take about as
/// long as folding; on one thread together they bounded the whole read
/// (the folding thread waited half the time). The first row that cannot
/// be decoded stops the decoding, and its error is returned, as reading on
/// one thread would.
///
/// (Handing each used batch back to the reading thread, so that every
/// event is freed by the thread that allocated it, was tried: `status` on
/// a million events took as long, 10.2–10.9 s against 9.6–10.9 s.)
fn pipeline<R: Send, T: Send>(
    read: impl FnOnce(&mut Pipe<R>) -> Result<(), CliError>,
    decode: impl Fn(R) -> Result<T, StoreError> + Send,
    mut fold: impl FnMut(&T) + Send,
) -> Result<(), CliError> {
    let (tx, rows) = std::sync::mpsc::sync_channel::<Vec<R>>(QUEUED);
    let (decoded, items) = std::sync::mpsc::sync_channel::<Vec<T>>(QUEUED);
    std::thread::scope(|scope| {
        let decoder = scope.spawn(move || -> Result<(), StoreError> {
            for batch in rows {
                let mut out = Vec::with_capacity(batch.len());
                for row in batch {
                    out.push(decode(row)?);
                }
                // The folder stops only by panicking: its join reports it.
                if decoded.send(out).is_err() {
                    break;
                }
            }
            Ok(())
        });
        let folder = scope.spawn(move || {
            for batch in items {
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
        // Closing the channel ends the decoder's loop, and so the folder's.
        pipe.tx = None;
        let decoded = decoder.join();
        if let Err(panic) = folder.join() {
            std::panic::resume_unwind(panic);
        }
        match decoded {
            Err(panic) => std::panic::resume_unwind(panic),
            // A row that could not be decoded comes before any later
            // failure of the reading.
            Ok(Err(e)) => Err(e.into()),
            Ok(Ok(())) => read,
        }
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
        // A send fails only when the decoder has stopped (on a row it could
        // not decode, or a panic): the rest is read for nothing, and
        // `pipeline` reports why it stopped.
        if let Some(tx) = &self.tx
            && tx.send(full).is_err()
        {
            self.tx = None;
        }
    }
}

/// Every event of the log, decoded, handed to `f` one at a time in `seq`
/// order: read on this thread, decoded on a second, folded by `f` on a
/// third, batch by batch ([`pipeline`]).
pub fn each<F>(store: &Store, f: F) -> Result<(), CliError>
where
    F: FnMut(&Envelope) + Send,
{
    pipeline(
        |pipe| {
            Ok(store.for_each(|s| {
                pipe.push(s);
                Ok(())
            })?)
        },
        |s: StoredEvent| Ok(s.into_envelope()?),
        f,
    )
}

/// What travels from one thread to the next in a read by stream: a row
/// (or, decoded, an event), or the start of the next stream (its index in
/// the list read), whose rows follow. Nearly every item is a row or an
/// event: boxing them to shrink the rare marker would cost an allocation
/// each.
#[allow(clippy::large_enum_variant)]
enum Item<T> {
    Stream(usize),
    Event(T),
}

/// Feeds `fold` the whole log stream by stream, as of `view`'s date: the
/// directory's and the programme's streams first (a partnership is
/// derived against them as soon as its stream ends), then each
/// partnership's; of each, nothing dated after that date but what counts
/// at any date.
///
/// As in [`each`], the streams are read, decoded and folded on three
/// threads, batch by batch; so a fold by stream costs memory for one
/// partnership's fold, not the log's, and no more time than [`each`] but
/// for SQLite fetching each stream through its index.
pub fn fold_by_stream(
    store: &Store,
    view: &View,
    fold: &mut (impl StreamFold + Send),
) -> Result<(), CliError> {
    let partnerships: Vec<String> = store
        .streams()?
        .into_iter()
        .filter(|s| s.starts_with("partnership:"))
        .collect();
    fold_streams(store, view, &SHARED, &partnerships, fold)
}

/// The streams every partnership's fold is derived against, folded first.
pub const SHARED: [&str; 2] = ["directory", "programme"];

/// As [`fold_by_stream`], of the `shared` streams (some of [`SHARED`])
/// and the partnership streams named (`partnership:<id>`), in that order.
pub fn fold_streams(
    store: &Store,
    view: &View,
    shared: &[&str],
    partnerships: &[String],
    fold: &mut (impl StreamFold + Send),
) -> Result<(), CliError> {
    let mut streams: Vec<String> = shared.iter().map(|s| (*s).to_owned()).collect();
    streams.extend(partnerships.iter().cloned());
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
                store.each_stored_in_stream(&part, |row| pipe.push(Item::Event(row)))?;
            }
            Ok(())
        },
        |item: Item<StoredEvent>| {
            Ok(match item {
                Item::Stream(i) => Item::Stream(i),
                Item::Event(row) => Item::Event(row.into_envelope()?),
            })
        },
        |item: &Item<Envelope>| match item {
            Item::Stream(i) => {
                if let Some(p) = streams[*i].strip_prefix("partnership:") {
                    fold.open_partnership(p);
                }
            }
            Item::Event(e) => fold.apply(e),
        },
    )
}
