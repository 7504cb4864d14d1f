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
    streams: HashMap<String, u64>,
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
        if e.compute_hash() != e.hash {
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

    fn event(&mut self, e: &StoredEvent) {
        self.read += 1;
        self.last = Head {
            seq: e.seq,
            hash: e.hash,
        };
        if e.seq == 1 {
            self.first_hash = Some(e.hash);
        }
        if self.breach.is_none()
            && let Err(b) = self.check.push(e).and_then(|()| self.signatures.push(e))
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
pub fn verify_rows<E>(
    rows: impl IntoIterator<Item = Result<Result<StoredEvent, String>, E>>,
    expected_head: Option<Head>,
    mut on_event: impl FnMut(u64),
) -> Result<VerifyReport, E> {
    let mut walk = Walk::new(expected_head);
    for row in rows {
        match row? {
            Ok(e) => {
                walk.event(&e);
                on_event(e.seq);
            }
            Err(why) => walk.unreadable(why),
        }
    }
    Ok(walk.finish())
}

/// Verifies an export (`accord export` JSON Lines) without a database. A
/// line that cannot be read is a breach at the position it should hold.
pub fn verify_export(
    reader: impl std::io::BufRead,
    expected_head: Option<Head>,
    mut on_event: impl FnMut(u64),
) -> std::io::Result<VerifyReport> {
    let mut walk = Walk::new(expected_head);
    for (i, line) in reader.split(b'\n').enumerate() {
        let bytes = line?;
        let text = match std::str::from_utf8(&bytes) {
            Ok(t) => t.trim_end_matches('\r'),
            Err(_) => {
                walk.unreadable(format!("line {} is not valid UTF-8", i + 1));
                continue;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        match StoredEvent::from_json_line(text) {
            // `accord export` writes each line in canonical form; any other
            // spelling of the same values (spaces, upper-case hex, escapes)
            // was made by hand, so the file is not the export it claims to be.
            Ok(e) if e.to_json_line() != text => walk.unreadable(format!(
                "line {} is not in the canonical form accord exports (it was edited)",
                i + 1
            )),
            Ok(e) => {
                walk.event(&e);
                on_event(e.seq);
            }
            Err(m) => walk.unreadable(format!("line {} cannot be read: {m}", i + 1)),
        }
    }
    Ok(walk.finish())
}
