//! Checking the hash chain and the rule-independent invariants of a log,
//! whatever it is read from (the store or an exported file).

use std::collections::HashMap;

use crate::clock::is_recorded_at;
use crate::envelope::{Hash, StoredEvent, ZERO_HASH};
use crate::rules::SignatureWalk;

/// A log's head: the last event's `seq` and hash (`0` and zeros when empty).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Head {
    /// Position of the last event.
    pub seq: u64,
    /// Its hash.
    pub hash: Hash,
}

impl Default for Head {
    fn default() -> Self {
        Head::EMPTY
    }
}

impl Head {
    /// The head of an empty log.
    pub const EMPTY: Head = Head {
        seq: 0,
        hash: ZERO_HASH,
    };

    /// Parses `SEQ:HASH` (also `SEQ HASH`, as `accord head` prints it).
    pub fn parse(s: &str) -> Result<Head, String> {
        let (seq, hash) = s.trim().split_once([':', ' ']).ok_or_else(|| {
            format!("{s:?} is not a head: write SEQ:HASH, as `accord head` prints it")
        })?;
        let seq = seq
            .trim()
            .parse()
            .map_err(|_| format!("{seq:?} is not a seq number"))?;
        let hash = crate::envelope::parse_hash(hash.trim())
            .ok_or_else(|| format!("{hash:?} is not 64 hex digits"))?;
        Ok(Head { seq, hash })
    }
}

impl std::fmt::Display for Head {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.seq, hex::encode(self.hash))
    }
}

/// The first problem found in a log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breach {
    /// The lowest `seq` missing, misplaced or failing.
    pub seq: u64,
    /// What is wrong there.
    pub reason: String,
}

/// Walks a log in order and stops at the first broken invariant.
#[derive(Debug, Default)]
pub struct ChainCheck {
    count: u64,
    prev: Hash,
    last_recorded_at: String,
    /// Each stream's version so far (foldhash: SipHash showed in the
    /// walk's profile, and the names come from the log, not an attacker
    /// who could aim at collisions to any effect beyond slowness).
    streams: HashMap<String, u64, foldhash::fast::RandomState>,
}

impl ChainCheck {
    /// A check starting at the beginning of a log.
    pub fn new() -> ChainCheck {
        ChainCheck::default()
    }

    /// The head reached so far.
    pub fn head(&self) -> Head {
        Head {
            seq: self.count,
            hash: self.prev,
        }
    }

    /// Checks the next event.
    pub fn push(&mut self, e: &StoredEvent) -> Result<(), Breach> {
        self.push_hashed(e, e.compute_hash() == e.hash)
    }

    /// Checks the next event, its hash already compared with its content
    /// (`content_intact`), as a worker thread did for [`verify_rows`]: the
    /// links between events are checked here, in order.
    pub fn push_hashed(&mut self, e: &StoredEvent, content_intact: bool) -> Result<(), Breach> {
        let expected = self.count + 1;
        let fail = |reason: String| {
            Err(Breach {
                seq: expected.min(e.seq.max(1)),
                reason,
            })
        };
        if e.seq != expected {
            let reason = if e.seq > expected {
                format!(
                    "event {expected} is missing (the next stored event is {})",
                    e.seq
                )
            } else {
                format!("event {} is out of place (expected {expected})", e.seq)
            };
            return Err(Breach {
                seq: expected,
                reason,
            });
        }
        if e.prev_hash != self.prev {
            return fail(format!(
                "its prev_hash does not match the hash of event {}",
                self.count
            ));
        }
        if !content_intact {
            return fail(
                "its hash does not match its content: it was altered after it was written".into(),
            );
        }
        // Looked up by &str: the stream name is cloned only the first time
        // it is seen, not once per event.
        let v = self.streams.get(e.stream.as_str()).copied().unwrap_or(0);
        if e.stream_version != v + 1 {
            return fail(format!(
                "stream {:?} jumps from version {} to {}",
                e.stream, v, e.stream_version
            ));
        }
        // A batch shares one recorded_at: a value equal to the last one
        // checked is well-formed already (parsing and re-formatting it for
        // every event cost ~1.5% of verify).
        if (self.count == 0 || e.recorded_at != self.last_recorded_at)
            && !is_recorded_at(&e.recorded_at)
        {
            return fail(format!(
                "recorded_at {:?} is not a stored timestamp",
                e.recorded_at
            ));
        }
        if e.recorded_at < self.last_recorded_at {
            return fail(format!(
                "recorded_at {} is earlier than the event before it ({})",
                e.recorded_at, self.last_recorded_at
            ));
        }
        match self.streams.get_mut(e.stream.as_str()) {
            Some(v) => *v += 1,
            None => {
                self.streams.insert(e.stream.clone(), 1);
            }
        }
        self.count = expected;
        self.prev = e.hash;
        self.last_recorded_at.clone_from(&e.recorded_at);
        Ok(())
    }

    /// Checks that the log still extends `head` (call after the last event).
    pub fn check_head(&self, head: &Head, hash_at_head: Option<Hash>) -> Result<(), Breach> {
        if head.seq == 0 {
            return Ok(());
        }
        match hash_at_head {
            None => Err(Breach {
                seq: head.seq,
                reason: format!(
                    "the log ends at {} and no longer reaches the head {}",
                    self.count, head.seq
                ),
            }),
            Some(h) if h != head.hash => Err(Breach {
                seq: head.seq,
                reason: format!(
                    "event {} does not have the hash of the head kept elsewhere",
                    head.seq
                ),
            }),
            Some(_) => Ok(()),
        }
    }
}

/// What `verify` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyReport {
    /// Events read.
    pub events: u64,
    /// The first breach, if any.
    pub breach: Option<Breach>,
    /// The head of the log as found.
    pub head: Head,
    /// Endorsement signatures re-checked (and found good) before the first breach.
    pub signatures_checked: u64,
    /// The hash of event 1: the log's identity in witnessed heads.
    pub first_hash: Option<Hash>,
}

impl VerifyReport {
    /// True when nothing was found wrong.
    pub fn ok(&self) -> bool {
        self.breach.is_none()
    }
}

/// Re-checks every stored endorsement signature against the keys and
/// statements the log itself holds at that point, folded here from the
/// events read (never from the rule state's saved copy).
#[derive(Debug, Default)]
struct SignatureCheck {
    walk: SignatureWalk,
    checked: u64,
}

impl SignatureCheck {
    fn push(&mut self, e: &StoredEvent) -> Result<(), Breach> {
        let signed_endorsement = e.kind == "agreement.endorsed" && e.data.contains("\"signature\"");
        let relevant = signed_endorsement
            || matches!(
                e.kind.as_str(),
                "programme.defined"
                    | "agreement.proposed"
                    | "agreement.revised"
                    | "person.key_added"
                    | "person.key_revoked"
                    | "signatures.required"
                    | "event.retracted"
            );
        if !relevant {
            return Ok(());
        }
        let env = match e.decode() {
            Ok(env) => env,
            // Reading events is not verify's job; a signature that cannot
            // be read is.
            Err(err) if signed_endorsement => {
                return Err(Breach {
                    seq: e.seq,
                    reason: format!("its signature cannot be checked: {}", err.message),
                });
            }
            Err(_) => return Ok(()),
        };
        match self.walk.push(&env) {
            Some(Ok(_)) => self.checked += 1,
            Some(Err(why)) => {
                return Err(Breach {
                    seq: e.seq,
                    reason: format!("its endorsement signature fails: {why}"),
                });
            }
            None => {}
        }
        Ok(())
    }
}

/// Walks a log once, remembering the first breach and the hash at an expected head.
struct Walk {
    check: ChainCheck,
    breach: Option<Breach>,
    expected_head: Option<Head>,
    hash_at_head: Option<Hash>,
    last: Head,
    read: u64,
    signatures: SignatureCheck,
    first_hash: Option<Hash>,
}

impl Walk {
    fn new(expected_head: Option<Head>) -> Walk {
        Walk {
            check: ChainCheck::new(),
            breach: None,
            expected_head,
            hash_at_head: None,
            last: Head::EMPTY,
            read: 0,
            signatures: SignatureCheck::default(),
            first_hash: None,
        }
    }

    fn event(&mut self, e: &StoredEvent, content_intact: bool) {
        self.read += 1;
        self.last = Head {
            seq: e.seq,
            hash: e.hash,
        };
        if e.seq == 1 {
            self.first_hash = Some(e.hash);
        }
        if self.breach.is_none()
            && let Err(b) = self
                .check
                .push_hashed(e, content_intact)
                .and_then(|()| self.signatures.push(e))
        {
            self.breach = Some(b);
        }
        if self.expected_head.is_some_and(|h| h.seq == e.seq) {
            self.hash_at_head = Some(e.hash);
        }
    }

    fn unreadable(&mut self, reason: String) {
        self.read += 1;
        if self.breach.is_none() {
            self.breach = Some(Breach {
                seq: self.check.head().seq + 1,
                reason,
            });
        }
    }

    fn finish(mut self) -> VerifyReport {
        if let Some(h) = self.expected_head
            && let Err(b) = self.check.check_head(&h, self.hash_at_head)
            && self.breach.as_ref().is_none_or(|x| b.seq < x.seq)
        {
            self.breach = Some(b);
        }
        VerifyReport {
            events: self.read,
            breach: self.breach,
            head: self.last,
            signatures_checked: self.signatures.checked,
            first_hash: self.first_hash,
        }
    }
}

/// Verifies a sequence of stored events, optionally against a head kept elsewhere.
pub fn verify_events<E>(
    events: impl IntoIterator<Item = Result<StoredEvent, E>>,
    expected_head: Option<Head>,
    on_event: impl FnMut(u64),
) -> Result<VerifyReport, E> {
    verify_rows(
        events.into_iter().map(|e| e.map(Ok)),
        expected_head,
        on_event,
    )
}

/// Verifies rows read in `seq` order, some of which may not be readable as
/// events (`Ok(Err(why))`: a damaged row is a breach at the position it
/// holds, not a failure to verify). `Err` stops the walk.
///
/// The rows are read on the calling thread; each one's canonical form and
/// hash are computed on worker threads, and the chain's links are checked
/// here in `seq` order (see [`walk_in_parallel`]).
pub fn verify_rows<E>(
    rows: impl IntoIterator<Item = Result<Result<StoredEvent, String>, E>>,
    expected_head: Option<Head>,
    mut on_event: impl FnMut(u64),
) -> Result<VerifyReport, E> {
    let mut walk = Walk::new(expected_head);
    walk_in_parallel(
        rows.into_iter(),
        |row: Result<StoredEvent, String>, scratch: &mut String| {
            Some(row.map(|e| hashed(e, scratch)))
        },
        true,
        &mut walk,
        &mut on_event,
    )?;
    Ok(walk.finish())
}

/// Verifies an export (`accord export` JSON Lines) without a database. A
/// line that cannot be read is a breach at the position it should hold.
/// Lines are read on the calling thread and parsed, re-canonicalised and
/// hashed on worker threads; the chain is checked in order.
pub fn verify_export(
    reader: impl std::io::BufRead,
    expected_head: Option<Head>,
    mut on_event: impl FnMut(u64),
) -> std::io::Result<VerifyReport> {
    let mut walk = Walk::new(expected_head);
    let lines = reader
        .split(b'\n')
        .enumerate()
        .map(|(i, line)| line.map(|bytes| (i + 1, bytes)));
    walk_in_parallel(lines, export_line, false, &mut walk, &mut on_event)?;
    Ok(walk.finish())
}

/// One line of an export made ready for the walk: `None` for a blank line.
fn export_line((number, bytes): (usize, Vec<u8>), scratch: &mut String) -> Option<Prepared> {
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.trim_end_matches('\r'),
        Err(_) => return Some(Err(format!("line {number} is not valid UTF-8"))),
    };
    if text.trim().is_empty() {
        return None;
    }
    Some(match StoredEvent::from_json_line(text) {
        // `accord export` writes each line in canonical form; any other
        // spelling of the same values (spaces, upper-case hex, escapes)
        // was made by hand, so the file is not the export it claims to be.
        Ok(e) if e.to_json_line() != text => Err(format!(
            "line {number} is not in the canonical form accord exports (it was edited)"
        )),
        Ok(e) => Ok(hashed(e, scratch)),
        Err(m) => Err(format!("line {number} cannot be read: {m}")),
    })
}

/// An event with the verdict on its content: whether its stored hash is
/// the hash of its canonical form chained to its own `prev_hash`. That
/// needs nothing from the events before it, so it is computed on any
/// thread; whether `prev_hash` is the previous event's hash is checked in
/// order by [`ChainCheck`].
fn hashed(e: StoredEvent, scratch: &mut String) -> (StoredEvent, bool) {
    let intact = e.compute_hash_with(scratch) == e.hash;
    (e, intact)
}

thread_local! {
    /// Events the walk has finished with, for the reader on the same thread
    /// to refill instead of allocating new ones (see [`spare_event`]).
    static SPARE: std::cell::RefCell<Vec<StoredEvent>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// At most this many spare events are kept (a few batches' worth).
const MAX_SPARE: usize = 4 * BATCH;

/// An event the walk on this thread has finished with, if any: a reader
/// refills its strings in place. With the events in flight between the
/// reader, the hashing workers and the walk, fresh allocations for each
/// row missed the allocator's per-thread caches and cost the reading
/// thread more than the hashing it handed off.
pub(crate) fn spare_event() -> Option<StoredEvent> {
    SPARE.with(|s| s.borrow_mut().pop())
}

fn give_back(e: StoredEvent) {
    SPARE.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() < MAX_SPARE {
            s.push(e);
        }
    });
}

/// An event with its content verdict, or why its row cannot be read.
type Prepared = Result<(StoredEvent, bool), String>;

/// Rows handed to a worker at a time: enough that the channels cost
/// nothing per row, few enough that memory stays flat (at most
/// [`IN_FLIGHT_PER_WORKER`] batches per worker are read ahead).
const BATCH: usize = 64;
/// Batches read ahead of the walk, per worker.
const IN_FLIGHT_PER_WORKER: usize = 2;

/// Reads `source` on the calling thread in batches, runs `prepare` on each
/// item on worker threads (one per core; batch `k` goes to worker
/// `k % workers`, so each worker's results come back in order), and feeds
/// the prepared items to `walk` in their original order. An `Err` from
/// `source` stops the walk and is returned (what was read before it has
/// been walked, as a sequential loop would have).
fn walk_in_parallel<R: Send, E>(
    mut source: impl Iterator<Item = Result<R, E>>,
    prepare: impl Fn(R, &mut String) -> Option<Prepared> + Sync,
    recycle: bool,
    walk: &mut Walk,
    on_event: &mut impl FnMut(u64),
) -> Result<(), E> {
    use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let mut apply = |prepared: std::vec::Drain<'_, Prepared>| {
        for item in prepared {
            match item {
                Ok((e, intact)) => {
                    walk.event(&e, intact);
                    on_event(e.seq);
                    if recycle {
                        give_back(e);
                    }
                }
                Err(why) => walk.unreadable(why),
            }
        }
    };
    // The batch vectors go back and forth empty instead of being freed:
    // allocating a fresh one per batch made glibc consolidate its free
    // lists each time (a sixth of the reading thread in perf).
    let mut spare_rows: Vec<Vec<R>> = Vec::new();
    let mut spare_prepared: Vec<Vec<Prepared>> = Vec::new();
    std::thread::scope(|scope| {
        let prepare = &prepare;
        let mut inboxes: Vec<SyncSender<(Vec<R>, Vec<Prepared>)>> = Vec::with_capacity(workers);
        let mut outboxes: Vec<Receiver<(Vec<Prepared>, Vec<R>)>> = Vec::with_capacity(workers);
        for _ in 0..workers {
            let (in_tx, in_rx) = sync_channel::<(Vec<R>, Vec<Prepared>)>(IN_FLIGHT_PER_WORKER);
            let (out_tx, out_rx) = sync_channel::<(Vec<Prepared>, Vec<R>)>(IN_FLIGHT_PER_WORKER);
            scope.spawn(move || {
                let mut scratch = String::new();
                for (mut batch, mut done) in in_rx {
                    done.extend(batch.drain(..).filter_map(|r| prepare(r, &mut scratch)));
                    if out_tx.send((done, batch)).is_err() {
                        return;
                    }
                }
            });
            inboxes.push(in_tx);
            outboxes.push(out_rx);
        }
        let mut walk_next = |walked: &mut usize,
                             spare_rows: &mut Vec<Vec<R>>,
                             spare_prepared: &mut Vec<Vec<Prepared>>| {
            let (mut done, rows) = outboxes[*walked % workers]
                .recv()
                .expect("a worker stopped");
            *walked += 1;
            spare_rows.push(rows);
            apply(done.drain(..));
            spare_prepared.push(done);
        };
        let (mut sent, mut walked) = (0usize, 0usize);
        let mut failed = None;
        loop {
            // Room is made first: at most IN_FLIGHT_PER_WORKER batches
            // wait at each worker, so a send never blocks for long.
            while sent - walked >= workers * IN_FLIGHT_PER_WORKER {
                walk_next(&mut walked, &mut spare_rows, &mut spare_prepared);
            }
            let mut batch = spare_rows
                .pop()
                .unwrap_or_else(|| Vec::with_capacity(BATCH));
            for item in source.by_ref() {
                match item {
                    Ok(r) => batch.push(r),
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
                if batch.len() == BATCH {
                    break;
                }
            }
            let last = batch.len() < BATCH;
            if !batch.is_empty() {
                let done = spare_prepared
                    .pop()
                    .unwrap_or_else(|| Vec::with_capacity(BATCH));
                inboxes[sent % workers]
                    .send((batch, done))
                    .expect("a worker stopped");
                sent += 1;
            }
            if last {
                break;
            }
        }
        drop(inboxes);
        while walked < sent {
            walk_next(&mut walked, &mut spare_rows, &mut spare_prepared);
        }
        failed.map_or(Ok(()), Err)
    })
}
