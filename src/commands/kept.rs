//! A partnership's inputs kept beside the log: every event its state reads
//! (its stream, the programme's events of the types a state needs, and the
//! directory's events of the organisations and people it has named), and,
//! once its story was asked for, the programme's events that name it (its
//! meetings, activities and interviews), kept in one row of the file of
//! saved folds (`folds.rs`, kind `inputs`).
//!
//! Why: a state on a new date folds a few thousand events, but the log
//! files them in `seq` order, interleaved with every other partnership's,
//! so reading them costs a page of the file each (a median partnership on
//! a million events: about 2,000 pages, two thirds of `show`). Kept
//! together, they are one row.
//!
//! The copy holds every date; each reader takes from it the events it
//! would have read from the log (`StreamPart::admits`, which a test holds
//! to the store's own reads). It is derived data, never trusted over the
//! log:
//! - it records, for each part, the last event it holds (seq and hash);
//!   it is used only while the log still holds that exact event (each
//!   hash covers every event before it), and then caught up with the
//!   events after it, not read again;
//! - a log restored or edited underneath (another event at that seq), a
//!   row edited (its seal), another build (the fold code digest): the copy
//!   is read again from the log and saved afresh;
//! - nothing is saved under `--read-only`, nor when the log grew while the
//!   copy was read (the next reader catches it up);
//! - streams of more than [`MOST_EVENTS`] events are read from the log as
//!   before: their copy would be tens of megabytes, read whole for any
//!   date, and held in memory beside the state.

use std::collections::BTreeSet;

use accord_events::store::{ANY_ENTRY, Store, StreamPart, Tail, Until};
use accord_events::{Envelope, Hash, KeptEvent};
use accord_projections::partnership::PROGRAMME_TYPES_FOR_STATE;
use serde::{Deserialize, Serialize};

use super::folds::{Folds, PROGRAMME_FOR_STATE};
use crate::error::CliError;

/// What the copies are saved under.
const KIND: &str = "inputs";

/// Streams of more events than this are read from the log.
pub const MOST_EVENTS: u64 = 50_000;

/// The last event a copy holds of one part of the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Through {
    seq: u64,
    hash: Hash,
}

impl From<Tail> for Through {
    fn from(t: Tail) -> Through {
        Through {
            seq: t.seq,
            hash: t.hash,
        }
    }
}

/// A copy as saved.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Body {
    /// The partnership's stream and the programme's events of the types a
    /// state needs, in `seq` order.
    own: Vec<KeptEvent>,
    /// The last event of the partnership's stream it holds.
    stream: Option<Through>,
    /// The last event of the programme's part it holds.
    programme: Option<Through>,
    /// Whether `own` also holds the programme's events that name the
    /// partnership (read once a story is asked for).
    named: bool,
    /// The last of those it holds, as the reading index named it (or the
    /// programme stream's last event, where the index could not say).
    naming: Option<Through>,
    /// The directory's events filed under `entries` (and under no one
    /// entry), in `seq` order.
    directory: Vec<KeptEvent>,
    /// The directory entries it holds (with [`ANY_ENTRY`] once any is).
    entries: BTreeSet<String>,
    /// The directory stream's last event when the copy was last caught
    /// up: it holds every event of its entries up to there.
    directory_through: Option<Through>,
}

/// A partnership's inputs, from its copy caught up with the log (or read
/// afresh), to read parts from.
pub struct StateInputs<'s> {
    store: &'s Store,
    stream: String,
    folds: Folds<'static>,
    /// As kept: decoded only when read (a state on a date reads few of
    /// a busy stream's later events).
    own: Vec<KeptEvent>,
    stream_through: Option<Through>,
    programme_through: Option<Through>,
    partnership: String,
    named: bool,
    naming_through: Option<Through>,
    directory: Vec<KeptEvent>,
    entries: BTreeSet<String>,
    directory_through: Option<Through>,
    /// Whether it differs from the copy saved.
    changed: bool,
}

/// Whether the log still holds `through` (nothing held: nothing to check).
fn still_held(store: &Store, through: Option<Through>) -> bool {
    through.is_none_or(|t| store.hash_at(t.seq) == Some(t.hash))
}

/// `more` (read from the log) merged into `events`, in `seq` order, each
/// event once (a part read again may overlap what is held).
fn merge(events: &mut Vec<KeptEvent>, more: Vec<Envelope>) {
    if more.is_empty() {
        return;
    }
    events.extend(more.iter().map(KeptEvent::from));
    events.sort_by_key(KeptEvent::seq);
    events.dedup_by_key(|e| e.seq());
}

/// The events of `kept` that `admits` takes, decoded, nothing dated after
/// `until` decoded but what counts at any date; `None` when one does not
/// decode (a copy written by another build).
fn read(
    kept: &[KeptEvent],
    until: Option<Until<'_>>,
    admits: impl Fn(&Envelope) -> bool,
) -> Option<Vec<Envelope>> {
    let readable = |e: &&KeptEvent| e.may_be_read_until(until.as_ref());
    // Room for all of them at once, counted first (a date compared per
    // event): growing a vector of envelopes copied it over and over (5%
    // of a `show` on a new date, perf), and room for every kept event
    // would hold a busy partnership's whole copy for an early date.
    let mut out = Vec::with_capacity(kept.iter().filter(readable).count());
    for e in kept.iter().filter(readable) {
        let e = e.to_envelope()?;
        if admits(&e) {
            out.push(e);
        }
    }
    Some(out)
}

impl<'s> StateInputs<'s> {
    /// The inputs of `partnership`'s state, from its copy when the log
    /// still holds what the copy ends with (caught up with what came
    /// after), else read from the log; `None` when the log keeps no copies
    /// (PostgreSQL) or the stream is longer than [`MOST_EVENTS`].
    pub fn open(store: &'s Store, partnership: &str) -> Result<Option<StateInputs<'s>>, CliError> {
        let stream = format!("partnership:{partnership}");
        let Some(mut folds) = Folds::open_kept(store, KIND, &stream)? else {
            return Ok(None);
        };
        if folds.stream_len(&stream) > MOST_EVENTS {
            return Ok(None);
        }
        folds.add_programme_for_state(store)?;
        let saved = folds
            .take_saved(&stream, &[])
            .and_then(|body| postcard::from_bytes::<Body>(&body).ok())
            .unwrap_or_default();
        let now = |name: &str| folds.tail(name).map(Through::from);
        let (stream_now, programme_now, directory_now) =
            (now(&stream), now(PROGRAMME_FOR_STATE), now("directory"));
        let mut inputs = StateInputs {
            store,
            stream: stream.clone(),
            own: Vec::new(),
            stream_through: stream_now,
            programme_through: programme_now,
            partnership: partnership.to_owned(),
            named: false,
            naming_through: None,
            directory: Vec::new(),
            entries: BTreeSet::new(),
            directory_through: directory_now,
            changed: false,
            folds,
        };
        // Each part: as held when the log still ends it the same way,
        // caught up when the log still holds its last event, else read
        // again (the directory's entries then asked for afresh).
        let stream_held = saved.stream.is_some() && still_held(store, saved.stream);
        let programme_held = still_held(store, saved.programme);
        // A copy that holds the naming part is of this log only if the
        // log still holds its last event too (it may be the copy's latest).
        let naming_held = !saved.named || still_held(store, saved.naming);
        if stream_held && programme_held && naming_held {
            inputs.own = saved.own;
            if saved.stream != stream_now {
                inputs.read_own(saved.stream.map(|t| t.seq), None)?;
            }
            if saved.programme != programme_now {
                inputs.read_own(None, Some(saved.programme.map_or(0, |t| t.seq)))?;
            }
            if saved.named {
                inputs.named = true;
                inputs.naming_through = saved.naming;
                inputs.catch_up_naming()?;
            }
        } else {
            inputs.read_own(Some(0), Some(0))?;
        }
        if saved.directory_through.is_some() && still_held(store, saved.directory_through) {
            inputs.directory = saved.directory;
            inputs.entries = saved.entries;
            if saved.directory_through != directory_now {
                let after = saved.directory_through.map(|t| t.seq);
                inputs.read_entries(&inputs.entries.clone(), after)?;
            }
        } else {
            inputs.changed = true;
        }
        Ok(Some(inputs))
    }

    /// Reads into the copy the events of its stream after `stream_after`
    /// and of the programme's part after `programme_after` (either left
    /// alone when `None`).
    fn read_own(
        &mut self,
        stream_after: Option<u64>,
        programme_after: Option<u64>,
    ) -> Result<(), CliError> {
        let mut parts = Vec::new();
        if let Some(after) = stream_after {
            parts.push(StreamPart {
                after: Some(after),
                ..StreamPart::all(&self.stream)
            });
        }
        if let Some(after) = programme_after {
            parts.push(StreamPart {
                types: Some(&PROGRAMME_TYPES_FOR_STATE),
                after: Some(after),
                ..StreamPart::all("programme")
            });
        }
        let more = self.store.read_stream_parts(&parts)?;
        merge(&mut self.own, more);
        self.changed = true;
        Ok(())
    }

    /// Reads into the copy the programme's events that name the
    /// partnership after the last it holds (all of them when it holds
    /// none yet), when the log has later ones.
    fn catch_up_naming(&mut self) -> Result<(), CliError> {
        let name = self.folds.add_naming_part(self.store, &self.partnership)?;
        let now = self.folds.tail(&name).map(Through::from);
        if self.named && self.naming_through == now {
            return Ok(());
        }
        let after = match self.named {
            true => self.naming_through.map_or(0, |t| t.seq),
            false => 0,
        };
        let more = self.store.read_stream_parts(&[StreamPart {
            types: Some(&[]),
            naming: Some(&self.partnership),
            after: Some(after),
            ..StreamPart::all("programme")
        }])?;
        merge(&mut self.own, more);
        self.named = true;
        self.naming_through = now;
        self.changed = true;
        Ok(())
    }

    /// Reads into the copy the directory's events of `entries` (and those
    /// of no one entry) after `after`.
    fn read_entries(
        &mut self,
        entries: &BTreeSet<String>,
        after: Option<u64>,
    ) -> Result<(), CliError> {
        let named: Vec<String> = entries
            .iter()
            .filter(|e| *e != ANY_ENTRY)
            .cloned()
            .collect();
        let more = self.store.read_stream_parts(&[StreamPart {
            after,
            ..StreamPart::directory_entries(&named)
        }])?;
        merge(&mut self.directory, more);
        self.entries.extend(entries.iter().cloned());
        self.entries.insert(ANY_ENTRY.to_owned());
        self.changed = true;
        Ok(())
    }

    /// The events a state reads of its stream and of the programme,
    /// nothing dated after `until` but what counts at any date: what
    /// `reading::state_fold` reads from the log. `None` when the copy
    /// does not decode.
    pub fn own(&self, until: Option<Until<'_>>) -> Option<Vec<Envelope>> {
        let stream = StreamPart {
            until,
            ..StreamPart::all(&self.stream)
        };
        let programme = StreamPart {
            types: Some(&PROGRAMME_TYPES_FOR_STATE),
            until,
            ..StreamPart::all("programme")
        };
        read(&self.own, until, |e| {
            stream.admits(e) || programme.admits(e)
        })
    }

    /// The events a story reads of its stream and of the programme
    /// ([`StateInputs::own`] and the programme's events that name the
    /// partnership, read into the copy the first time), nothing dated
    /// after `until` but what counts at any date: what
    /// `reading::story_events` reads from the log. `None` when the copy
    /// does not decode.
    pub fn story(&mut self, until: Option<Until<'_>>) -> Result<Option<Vec<Envelope>>, CliError> {
        if !self.named {
            self.catch_up_naming()?;
        }
        let stream = StreamPart {
            until,
            ..StreamPart::all(&self.stream)
        };
        let programme = StreamPart {
            types: Some(&PROGRAMME_TYPES_FOR_STATE),
            naming: Some(&self.partnership),
            until,
            ..StreamPart::all("programme")
        };
        Ok(read(&self.own, until, |e| {
            stream.admits(e) || programme.admits(e)
        }))
    }

    /// The directory's events of `entries` (and of no one entry), nothing
    /// dated after `until` but what counts at any date; entries the copy
    /// does not hold yet are read from the log and kept.
    pub fn directory(
        &mut self,
        entries: &[String],
        until: Option<Until<'_>>,
    ) -> Result<Vec<Envelope>, CliError> {
        let missing: BTreeSet<String> = entries
            .iter()
            .chain([&ANY_ENTRY.to_owned()])
            .filter(|e| !self.entries.contains(*e))
            .cloned()
            .collect();
        if !missing.is_empty() {
            self.read_entries(&missing, None)?;
        }
        let part = StreamPart {
            until,
            ..StreamPart::directory_entries(entries)
        };
        match read(&self.directory, until, |e| part.admits(e)) {
            Some(events) => Ok(events),
            // A copy that does not decode is let be: the log answers.
            None => Ok(self.store.read_stream_parts(&[part])?),
        }
    }

    /// Saves the copy when it changed (best effort; nothing is saved when
    /// the log grew meanwhile).
    pub fn save(mut self) {
        if !self.changed {
            return;
        }
        let body = Body {
            own: std::mem::take(&mut self.own),
            stream: self.stream_through,
            programme: self.programme_through,
            named: self.named,
            naming: self.naming_through,
            directory: std::mem::take(&mut self.directory),
            entries: std::mem::take(&mut self.entries),
            directory_through: self.directory_through,
        };
        self.folds.keep(&self.stream, &[], &body);
        self.folds.save(self.store);
    }
}
