//! Appending a batch: one write transaction, all or nothing. Written once,
//! over the [`Backend`] operations, for every database.

use serde_json::Value;

use super::backend::{Backend, Scan};
use super::checkpoint;
use super::ids::IdFilter;
use super::reading::Filed;
use super::recent::Recent;
use super::writer::{self, Direct, Writes};
use super::{AppendError, Cache, Store, StoreError};
use crate::catalogue::Event;
use crate::clock::{Clock, format_recorded_at};
use crate::envelope::{Envelope, SCHEMA_VERSION, StoredEvent};
use crate::input::{InputError, NewEvent};
use crate::rules::RuleState;
use crate::verify::Head;

/// At most this many input errors are collected before giving up on a batch.
pub const MAX_REPORTED_ERRORS: usize = 50;
/// At most this many recorded events are listed in an [`AppendOutcome`].
pub const MAX_LISTED: usize = 10_000;
/// A batch with [`AppendOptions::keep_going`] stops after refusing this many events.
pub const MAX_REFUSED: usize = 100;
/// From this many events on, a batch tells the backend it is a long one
/// ([`Backend::begin_bulk`]): setting a guard aside and putting it back
/// costs a schema change each way, which a few events do not repay.
const BULK_FROM: u64 = 512;

/// How to append.
#[derive(Default)]
pub struct AppendOptions<'a> {
    /// The operator recorded as `recorded_by` when an event does not name one.
    pub operator: Option<&'a str>,
    /// Called with the number of events handled so far (for a progress bar).
    pub progress: Option<&'a dyn Fn(u64)>,
    /// Check the batch without writing it: every event goes through the
    /// same idempotency check and rules as a real append, against the log
    /// and the batch's earlier events, and the outcome says what would be
    /// recorded ([`AppendOutcome::checked`]). Nothing is written, so a
    /// read-only store can check a batch: it runs in a read transaction
    /// (one consistent snapshot of the log) rather than the write lock, and
    /// another process may append before a real append of the same batch,
    /// which checks every rule again.
    pub check_only: bool,
    /// Go on past an event that breaks a rule or reuses an id with other
    /// content: it is set aside (later events are checked as if it were not
    /// in the batch) and the batch fails with [`AppendError::Refused`],
    /// naming every refused event (up to [`MAX_REFUSED`]), rather than
    /// with the first. Either way nothing of a refused batch is written.
    pub keep_going: bool,
}

/// One event written by a batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// Input line.
    pub line: usize,
    /// Its position.
    pub seq: u64,
    /// Its id.
    pub id: String,
    /// Its stream.
    pub stream: String,
}

/// What a successful batch did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppendOutcome {
    /// Events written.
    pub appended: u64,
    /// Events skipped because the same id was already recorded with the same content.
    pub skipped: u64,
    /// The events written (the first [`MAX_LISTED`]).
    pub recorded: Vec<Recorded>,
    /// The log's head after the batch.
    pub head: Head,
    /// With [`AppendOptions::check_only`]: every event the batch would
    /// record, as it would be stored (positions, ids, streams), so that a
    /// caller can show what it would change. Empty otherwise.
    pub checked: Vec<Envelope>,
}

impl Store {
    /// Appends a batch: every event is checked against the rules and written,
    /// or none is. Lines that fail to parse are all reported (up to
    /// [`MAX_REPORTED_ERRORS`]); otherwise the first broken rule is, or
    /// every one with [`AppendOptions::keep_going`]. With
    /// [`AppendOptions::check_only`] the batch is checked and nothing written.
    pub fn append<I>(
        &mut self,
        events: I,
        opts: &AppendOptions<'_>,
    ) -> Result<AppendOutcome, AppendError>
    where
        I: IntoIterator<Item = Result<NewEvent, InputError>>,
    {
        // The backend's write lock is taken before the state is read, so no
        // other process can append between our checks and our writes.
        if opts.check_only {
            self.backend.begin_read()?;
        } else {
            self.backend.begin_write()?;
        }
        let result = (|| {
            let db = &*self.backend;
            let cache = match self.cache.take() {
                Some(c) => Some(c),
                None => checkpoint::load(db, db.head()?),
            };
            let mut cache = refresh(db, cache)?;
            let outcome = append_in(&mut *self.backend, self.clock, &mut cache, events, opts);
            Ok::<_, AppendError>((cache, outcome))
        })();
        let db = &*self.backend;
        match result {
            Ok((_, Ok((outcome, _)))) if opts.check_only => {
                // The cached state saw the checked events, which are not in
                // the log: drop it, it is rebuilt next time.
                db.rollback();
                self.cache = None;
                Ok(outcome)
            }
            Ok((mut cache, Ok((outcome, filed)))) => {
                let due =
                    self.checkpoint_every > 0 && cache.since_checkpoint >= self.checkpoint_every;
                let in_batch = db.saves_checkpoint_in_batch();
                // The rule state, when due, is encoded on a thread of its
                // own: beside the reading index's catch-up when both go into
                // the batch's transaction (one commit, one sync and one copy
                // of the WAL for all three), else beside the commit.
                let (committed, saved, encoded) = std::thread::scope(|s| {
                    let encoding = due.then(|| s.spawn(|| checkpoint::encode(&cache)));
                    // Best effort, as the checkpoint: an index that cannot
                    // be caught up is not used, and readers scan instead.
                    let _ = db.catch_up_reading(false, Some(&filed));
                    if in_batch {
                        let encoded = encoding.and_then(|h| h.join().ok());
                        let saved = matches!(&encoded, Some(Ok(e)) if checkpoint::save_encoded(db, e).is_ok());
                        (db.commit(), saved, None)
                    } else {
                        let committed = db.commit();
                        (committed, false, encoding.and_then(|h| h.join().ok()))
                    }
                });
                if let Err(e) = committed {
                    db.rollback();
                    self.cache = None;
                    return Err(e.into());
                }
                if saved {
                    cache.since_checkpoint = 0;
                }
                self.cache = Some(cache);
                if let Some(Ok(encoded)) = encoded {
                    self.save_encoded(&encoded);
                }
                Ok(outcome)
            }
            Ok((_, Err(e))) | Err(e) => {
                // The cached state saw the rejected events: drop it, it is rebuilt next time.
                db.rollback();
                self.cache = None;
                Err(e)
            }
        }
    }
}

impl Store {
    /// Saves the rule state a batch folded (encoded while it committed)
    /// beside the log, once enough events have been folded since it was
    /// last saved or loaded (see `checkpoint.rs`), where the backend saves
    /// it after the commit (in the batch elsewhere). Best effort, since a
    /// checkpoint only spares work: if it cannot be written (a read-only
    /// role, a full disk), the next process folds the log as before.
    fn save_encoded(&mut self, encoded: &checkpoint::Encoded) {
        let Some(cache) = &mut self.cache else { return };
        if checkpoint::save_encoded(&*self.backend, encoded).is_ok() {
            cache.since_checkpoint = 0;
        }
    }

    /// Drops the saved rule state, folds the whole log afresh and saves
    /// that (`accord rebuild`); drops the programme's reading index and
    /// builds it afresh; drops the saved folds (readers save them again).
    /// Returns the head it was folded to.
    pub fn rebuild_checkpoint(&mut self) -> Result<Head, StoreError> {
        let db = &*self.backend;
        db.drop_checkpoint()?;
        if let Some(file) = db.fold_file() {
            super::folds::remove(&file).map_err(StoreError::Io)?;
        }
        db.drop_reading()?;
        db.catch_up_reading(true, None)?;
        let cache = refresh(db, None)?;
        let head = cache.head;
        checkpoint::save(db, &cache)?;
        self.cache = Some(Cache {
            since_checkpoint: 0,
            ..cache
        });
        Ok(head)
    }

    /// The rules' state folded to the log's head, as the next batch is
    /// checked against it (for questions asked once of a whole input, such
    /// as whether a sheet's columns are criteria of its review's framework).
    /// Read in one snapshot of the log, and kept for the next batch.
    pub fn rules(&mut self) -> Result<&RuleState, StoreError> {
        let db = &*self.backend;
        db.begin_read()?;
        let cache = (|| {
            let cache = match self.cache.take() {
                Some(c) => Some(c),
                None => checkpoint::load(db, db.head()?),
            };
            refresh(db, cache)
        })();
        db.rollback();
        Ok(&self.cache.insert(cache?).state)
    }

    /// After how many folded events a batch saves the rule state (0: never).
    pub fn set_checkpoint_every(&mut self, events: u64) {
        self.checkpoint_every = events;
    }
}

/// The rule state folded from the whole log, for tests that compare it
/// with a saved one.
#[cfg(test)]
pub(crate) fn refresh_for_tests(db: &dyn Backend) -> Result<Cache, StoreError> {
    refresh(db, None)
}

/// Brings the cached rule state up to the log's current head (other
/// processes may have appended), or builds it from scratch.
fn refresh(db: &dyn Backend, cache: Option<Cache>) -> Result<Cache, StoreError> {
    let head = db.head()?;
    if let Some(c) = cache.filter(|c| c.head.seq <= head.seq) {
        if c.head.seq == head.seq {
            return Ok(c);
        }
        let mut c = c;
        let mut rows: Vec<StoredEvent> = Vec::new();
        db.with_rows(Scan::After(c.head.seq), &mut |it| {
            for r in it {
                rows.push(r?);
            }
            Ok(())
        })?;
        for s in rows {
            fold_into(db, &mut c, &s)?;
        }
        return Ok(c);
    }
    // Full rebuild: find what is retracted first, then fold the rest.
    let retracted = db.retracted_targets()?;
    let mut c = Cache {
        state: RuleState::new(),
        head: Head::EMPTY,
        last_recorded_at: String::new(),
        streams: Default::default(),
        ids: IdFilter::default(),
        since_checkpoint: 0,
    };
    let mut state = RuleState::rebuild(std::iter::empty(), &retracted);
    db.with_rows(Scan::All, &mut |it| {
        for s in it {
            let s = s?;
            note_position(&mut c, &s);
            if s.kind == "event.retracted" || retracted.contains(&s.id) {
                continue;
            }
            state.apply(&s.into_envelope()?);
        }
        Ok(())
    })?;
    c.state = state;
    Ok(c)
}

fn note_position(c: &mut Cache, s: &StoredEvent) {
    c.head = Head {
        seq: s.seq,
        hash: s.hash,
    };
    c.last_recorded_at.clone_from(&s.recorded_at);
    note_stream(c, &s.stream, s.stream_version);
    c.ids.insert(&s.id);
    c.since_checkpoint += 1;
}

/// Folds one stored event (appended by someone else) into the cache.
fn fold_into(db: &dyn Backend, c: &mut Cache, s: &StoredEvent) -> Result<(), StoreError> {
    note_position(c, s);
    let e = s.decode()?;
    c.state.apply(&e);
    if let Event::EventRetracted(d) = &e.event
        && let Some(t) = db.by_id(&d.event.0)?
    {
        c.state.unapply(&t.decode()?);
    }
    Ok(())
}

/// Events of a check-only batch, which are not written: the batch's later
/// events look ids up here before asking the database.
#[derive(Default)]
struct Unwritten {
    by_id: std::collections::HashMap<String, StoredEvent>,
}

impl Unwritten {
    fn by_id(&self, db: &dyn Writes, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        match self.by_id.get(id) {
            Some(s) => Ok(Some(s.clone())),
            None => db.by_id(id),
        }
    }
}

fn append_in<I>(
    db: &mut dyn Backend,
    clock: Clock,
    cache: &mut Cache,
    events: I,
    opts: &AppendOptions<'_>,
) -> Result<(AppendOutcome, Filed), AppendError>
where
    I: IntoIterator<Item = Result<NewEvent, InputError>>,
{
    // recorded_at never decreases along seq, even if the clock steps back.
    let now = format_recorded_at(db.now(clock)?);
    let recorded_at = if now > cache.last_recorded_at {
        now
    } else {
        cache.last_recorded_at.clone()
    };
    let mut batch = Batch {
        opts,
        clock,
        recorded_at,
        out: AppendOutcome::default(),
        input_errors: Vec::new(),
        refused: Vec::new(),
        unwritten: Unwritten::default(),
        handled: 0,
        recent: None,
        filed: Filed::default(),
        scratch: String::new(),
    };
    let mut events = events.into_iter();
    while let Some(item) = events.next() {
        if batch.take(&Direct(&*db), cache, item)? {
            break;
        }
        if batch.handled == BULK_FROM && !opts.check_only {
            // A long batch: the guard set aside, and the rest of the rows
            // written on a thread of their own while the next events are
            // checked.
            db.begin_bulk()?;
            batch.recent = Some(Recent::new(writer::IN_FLIGHT));
            writer::piped(db, |pipe| {
                for item in events.by_ref() {
                    if batch.take(pipe, cache, item)? {
                        break;
                    }
                }
                Ok::<_, AppendError>(())
            })?;
            break;
        }
    }
    batch.finish(cache)
}

/// A batch under way: what it has recorded, refused and found unreadable.
struct Batch<'a> {
    opts: &'a AppendOptions<'a>,
    clock: Clock,
    recorded_at: String,
    out: AppendOutcome,
    input_errors: Vec<InputError>,
    refused: Vec<AppendError>,
    unwritten: Unwritten,
    handled: u64,
    /// While writing on another thread: the last [`writer::IN_FLIGHT`]
    /// events written, as folded, so that a retraction of one of them
    /// finds its target without waiting for the rows still queued.
    recent: Option<Recent>,
    /// The reading index's rows of the events written.
    filed: Filed,
    /// The buffer each event's canonical envelope is written into to be
    /// hashed (a new string per event showed in perf).
    scratch: String,
}

impl Batch<'_> {
    /// Takes the next event: checks it and writes it (or sets it aside).
    /// `Ok(true)` when the batch stops taking events (too many errors).
    fn take(
        &mut self,
        db: &dyn Writes,
        cache: &mut Cache,
        item: Result<NewEvent, InputError>,
    ) -> Result<bool, AppendError> {
        let opts = self.opts;
        self.handled += 1;
        if let Some(p) = opts.progress
            && self.handled.is_multiple_of(4096)
        {
            p(self.handled);
        }
        let mut ev = match item {
            Ok(ev) => ev,
            Err(e) => {
                self.input_errors.push(e);
                return Ok(self.input_errors.len() >= MAX_REPORTED_ERRORS);
            }
        };
        if !self.input_errors.is_empty() {
            return Ok(false); // keep reading only to report every bad line at once
        }
        let line = ev.line;
        let operator = match ev.recorded_by.as_deref().or(opts.operator) {
            Some(o) => o.to_owned(),
            None => return Err(AppendError::NoOperator { line }),
        };
        // An id already recorded makes the event a skip (same content) or
        // a conflict, whatever the rules say. Looked up before inserting, so
        // that a backend may buffer its inserts (PostgreSQL does) and a long
        // batch may write on another thread.
        if let Some(id) = &ev.id
            && cache.ids.may_contain(id)
            && let Some(existing) = self.unwritten.by_id(db, id)?
        {
            return match same_content(&ev, &existing, line) {
                Ok(()) => {
                    self.out.skipped += 1;
                    Ok(false)
                }
                Err(e) => self.refuse(e),
            };
        }
        let target = match &ev.event {
            Event::EventRetracted(d) => self.target(db, &d.event.0)?,
            _ => None,
        };
        if let Err(violation) = cache.state.check(&ev, target.as_ref()) {
            let e = AppendError::Rule {
                line,
                id: ev.id.clone(),
                kind: ev.kind(),
                violation,
            };
            return self.refuse(e);
        }
        let mut stored = stored_form(
            &mut ev,
            cache,
            self.clock,
            target.as_ref(),
            operator,
            &self.recorded_at,
            &mut self.scratch,
        );
        if opts.check_only {
            self.unwritten
                .by_id
                .insert(stored.id.clone(), stored.clone());
        } else if !db.insert(&mut stored)? {
            // The id is already recorded (a repeat whose rule check passed).
            if let Some(existing) = db.by_id(&stored.id)? {
                // Hand back what the stored form borrowed for the comparison.
                // (A backend that refuses a row leaves its `data` in place.)
                ev.occurred_at = stored.occurred_at;
                ev.source = stored.source;
                ev.restore_canonical(stored.data);
                return match same_content(&ev, &existing, line) {
                    Ok(()) => {
                        self.out.skipped += 1;
                        Ok(false)
                    }
                    Err(e) => self.refuse(e),
                };
            }
            self.out.skipped += 1;
            return Ok(false);
        }
        note_written(cache, &stored);
        self.out.appended += 1;
        if self.out.recorded.len() < MAX_LISTED {
            self.out.recorded.push(Recorded {
                line,
                seq: stored.seq,
                id: stored.id.clone(),
                stream: stored.stream.clone(),
            });
        }
        let envelope = fold_written(cache, stored, ev, target.as_ref());
        if opts.check_only {
            self.out.checked.push(envelope);
            return Ok(false);
        }
        self.filed.file(&envelope);
        if let Some(recent) = &mut self.recent {
            recent.push(envelope);
        }
        Ok(false)
    }

    /// A refused event stops the batch, or with keep_going is set aside and
    /// the batch goes on without it (`Ok(true)`: too many refused, stop).
    fn refuse(&mut self, e: AppendError) -> Result<bool, AppendError> {
        if !self.opts.keep_going {
            return Err(e);
        }
        self.refused.push(e);
        Ok(self.refused.len() >= MAX_REFUSED)
    }

    /// The event a retraction names, as recorded.
    fn target(&self, db: &dyn Writes, id: &str) -> Result<Option<Envelope>, StoreError> {
        let stored = match &self.recent {
            Some(recent) => {
                if let Some(e) = recent.find(id) {
                    return Ok(Some(e.clone()));
                }
                db.settled_by_id(id)?
            }
            None => self.unwritten.by_id(db, id)?,
        };
        Ok(stored.map(|t| t.decode()).transpose()?)
    }

    fn finish(self, cache: &Cache) -> Result<(AppendOutcome, Filed), AppendError> {
        if !self.input_errors.is_empty() {
            return Err(AppendError::Input(self.input_errors));
        }
        if !self.refused.is_empty() {
            return Err(AppendError::Refused(self.refused));
        }
        if let Some(p) = self.opts.progress {
            p(self.handled);
        }
        let mut out = self.out;
        out.head = cache.head;
        Ok((out, self.filed))
    }
}

/// The stored form of an accepted event: its stream, position, id and
/// hash, chained to the head. Moves the event's id, business time and
/// source into it.
fn stored_form(
    ev: &mut NewEvent,
    cache: &Cache,
    clock: Clock,
    target: Option<&Envelope>,
    operator: String,
    recorded_at: &str,
    scratch: &mut String,
) -> StoredEvent {
    let stream = cache
        .state
        .stream_of(&ev.event, target.map(|t| t.stream.as_str()));
    let stream_version = cache.streams.get(&stream).copied().unwrap_or(0) + 1;
    let seq = cache.head.seq + 1;
    let id = match ev.id.take() {
        Some(id) => id,
        None => generated_id(clock, seq, &cache.head.hash),
    };
    let mut stored = StoredEvent {
        seq,
        id,
        kind: ev.kind().as_str().to_owned(),
        stream,
        stream_version,
        occurred_at: std::mem::take(&mut ev.occurred_at),
        recorded_at: recorded_at.to_owned(),
        recorded_by: operator,
        source: ev.source.take(),
        data: ev.take_canonical(),
        schema_version: SCHEMA_VERSION,
        prev_hash: cache.head.hash,
        hash: [0; 32],
    };
    stored.hash = stored.compute_hash_with(scratch);
    stored
}

/// Folds a written event into the rule state (a retraction also unfolds
/// its target) and returns it as an envelope.
fn fold_written(
    cache: &mut Cache,
    stored: StoredEvent,
    ev: NewEvent,
    target: Option<&Envelope>,
) -> Envelope {
    let (seq, stream_version) = (stored.seq, stored.stream_version);
    // The stored form is written: its fields move into the envelope the
    // rule state folds (cloning six strings per event showed in perf).
    let envelope = Envelope {
        seq,
        id: stored.id,
        stream: stored.stream,
        stream_version,
        occurred_at: stored.occurred_at,
        occurred_on: ev.occurred_on,
        recorded_at: stored.recorded_at,
        recorded_by: stored.recorded_by,
        source: stored.source,
        schema_version: SCHEMA_VERSION,
        event: ev.event,
        hash: stored.hash,
    };
    cache.state.apply(&envelope);
    if let Some(t) = target {
        cache.state.unapply(t);
    }
    envelope
}

fn note_written(c: &mut Cache, s: &StoredEvent) {
    c.head = Head {
        seq: s.seq,
        hash: s.hash,
    };
    note_stream(c, &s.stream, s.stream_version);
    c.ids.insert(&s.id);
    c.since_checkpoint += 1;
}

/// Records a stream's new version; the name is cloned only when first seen.
fn note_stream(c: &mut Cache, stream: &str, version: u64) {
    match c.streams.get_mut(stream) {
        Some(v) => *v = version,
        None => {
            c.streams.insert(stream.to_owned(), version);
        }
    }
}

/// Idempotency: the same id must carry the same type, occurred_at, source
/// and data (as JSON values, as given); `recorded_by` is ignored.
fn same_content(ev: &NewEvent, existing: &StoredEvent, line: usize) -> Result<(), AppendError> {
    let conflict = |field| AppendError::IdConflict {
        line,
        id: existing.id.clone(),
        seq: existing.seq,
        field,
    };
    if existing.kind != ev.kind().as_str() {
        return Err(conflict("type"));
    }
    if existing.occurred_at != ev.occurred_at {
        return Err(conflict("occurred_at"));
    }
    if existing.source != ev.source {
        return Err(conflict("source"));
    }
    // Compared in stored form: the recorded `data` is canonicalised again
    // (it may predate this build's canonical form) and set beside the
    // line's, so the same content is the same bytes the hash covers.
    let stored: Value = crate::json::parse_strict(&existing.data).map_err(|_| conflict("data"))?;
    if crate::json::canonical(&stored) != ev.canonical_data() {
        return Err(conflict("data"));
    }
    Ok(())
}

/// A UUIDv7 for an event given without an id. With a fixed clock the
/// random part is derived from the position so that tests are repeatable.
fn generated_id(clock: Clock, seq: u64, prev: &[u8; 32]) -> String {
    if clock.is_fixed() {
        let ms = clock.now().timestamp_millis().max(0) as u64;
        let mut seed = [0u8; 10];
        let digest = crate::envelope::chain_hash(prev, &seq.to_be_bytes());
        seed.copy_from_slice(&digest[..10]);
        uuid::Builder::from_unix_timestamp_millis(ms, &seed)
            .into_uuid()
            .to_string()
    } else {
        uuid::Uuid::now_v7().to_string()
    }
}
