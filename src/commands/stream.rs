//! Reading the whole log as a stream, for the commands that fold all of it
//! (`status`, `snapshot`): memory holds the read models, never the log.

use accord_events::Envelope;
use accord_events::store::{Store, StreamPart, Until};
use accord_projections::{READ_AT_ANY_DATE, View};

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

/// Every event of the log, decoded, handed to `f` one at a time in `seq`
/// order.
///
/// Reading and decoding take about as long as folding, so the log is read
/// and decoded on this thread while `f` folds on another, batch by batch.
pub fn each<F>(store: &Store, mut f: F) -> Result<(), CliError>
where
    F: FnMut(&Envelope) + Send,
{
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Envelope>>(QUEUED);
    std::thread::scope(|scope| {
        let folder = scope.spawn(move || {
            for batch in rx {
                for e in &batch {
                    f(e);
                }
            }
        });
        let mut batch = Vec::with_capacity(BATCH);
        let read = store.for_each(|s| {
            batch.push(s.into_envelope()?);
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                // A send fails only when the folder has stopped (it panicked):
                // stop reading; the join below brings its panic here.
                if tx.send(full).is_err() {
                    return Ok(());
                }
            }
            Ok(())
        });
        if read.is_ok() && !batch.is_empty() {
            // As above: a failed send means a panic the join reports.
            let _ = tx.send(batch);
        }
        drop(tx);
        if let Err(panic) = folder.join() {
            std::panic::resume_unwind(panic);
        }
        read?;
        Ok(())
    })
}

/// One step of a log read stream by stream ([`each_by_stream`]).
pub enum Step<'a> {
    /// The next stream starts; its events follow.
    Stream(&'a str),
    /// An event of the stream that started last.
    Event(&'a Envelope),
}

/// What travels from the reading thread to the folding one. Nearly every
/// item is an event: boxing them to shrink the rare stream marker would
/// cost an allocation per event.
#[allow(clippy::large_enum_variant)]
enum Item {
    Stream(usize),
    Event(Envelope),
}

/// The events of `streams`, one stream after the other (each in `seq`
/// order, read as `part` says), handed to `f` one step at a time.
///
/// As in [`each`], the streams are read and decoded on this thread while
/// `f` folds on another, batch by batch; so a fold by stream costs memory
/// for one stream's fold, not the log's, and no more time than [`each`]
/// but for SQLite fetching each stream through its index.
pub fn each_by_stream<'s, F>(
    store: &Store,
    streams: &'s [String],
    part: impl Fn(&'s str) -> StreamPart<'s>,
    mut f: F,
) -> Result<(), CliError>
where
    F: FnMut(Step<'_>) + Send,
{
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(QUEUED);
    std::thread::scope(|scope| {
        let folder = scope.spawn(move || {
            for batch in rx {
                for item in &batch {
                    match item {
                        Item::Stream(i) => f(Step::Stream(&streams[*i])),
                        Item::Event(e) => f(Step::Event(e)),
                    }
                }
            }
        });
        let mut batch = Vec::with_capacity(BATCH);
        let mut read = Ok(());
        for (i, stream) in streams.iter().enumerate() {
            batch.push(Item::Stream(i));
            read = store.each_in_stream(&part(stream), |e| {
                batch.push(Item::Event(e));
                if batch.len() == BATCH {
                    // A send fails only when the folder has stopped (it
                    // panicked); the join below brings its panic here.
                    let _ = tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                }
            });
            if read.is_err() {
                break;
            }
        }
        if read.is_ok() && !batch.is_empty() {
            let _ = tx.send(batch);
        }
        drop(tx);
        if let Err(panic) = folder.join() {
            std::panic::resume_unwind(panic);
        }
        Ok(read?)
    })
}

/// The log's streams in the order a fold by stream reads them: the
/// directory and the programme first (a partnership is derived against
/// them as soon as its stream ends), then each partnership's.
pub fn fold_order(store: &Store) -> Result<Vec<String>, CliError> {
    let mut streams = vec!["directory".to_owned(), "programme".to_owned()];
    streams.extend(
        store
            .streams()?
            .into_iter()
            .filter(|s| s.starts_with("partnership:")),
    );
    Ok(streams)
}

/// All of `stream` that a fold as of `view`'s date may need: nothing dated
/// after it but what counts at any date.
pub fn as_of_part<'a>(stream: &'a str, view: &View) -> StreamPart<'a> {
    StreamPart {
        stream,
        types: None,
        until: Some(Until {
            day: view.as_of,
            except: &READ_AT_ANY_DATE,
        }),
        naming: None,
    }
}
