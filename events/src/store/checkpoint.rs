//! The rule state saved beside the log, so that a new process appending to a
//! large log does not fold it whole first (3 s on a million events, for one
//! event).
//!
//! Derived data, never trusted over the log:
//! - it is saved with the head it was folded to, and used only when the
//!   log still holds that exact event at that position (same `seq`, same
//!   hash); the events after it are then folded on top, as a process that
//!   kept its state in memory would;
//! - a body that does not decode, or was written by a build whose rule
//!   state is laid out differently (the body carries a digest of the source
//!   that defines it), is ignored, and the state is folded from the log;
//! - `verify`, `export` and every report ignore it; `accord rebuild` drops
//!   it and saves a fresh one.
//!
//! It decides nothing that the log could not: it only spares the refold.
//! Whoever can write it can also write rows to the log itself, so it opens
//! no door that was closed.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::backend::Backend;
use super::ids::IdFilter;
use super::{Cache, StoreError};
use crate::rules::RuleState;
use crate::verify::Head;

/// By default a checkpoint is saved after a batch once this many events
/// have been folded since the last one was saved or loaded.
pub const DEFAULT_EVERY: u64 = 20_000;

/// Identifies the layout of a body: a digest of the source that defines
/// it (the rule state, the vocabularies it holds, the id fingerprint and
/// this file). postcard writes no field names, so any change there makes
/// earlier bodies unreadable here, and they are ignored, not misread.
fn layout() -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"accord-rule-checkpoint-v1\n");
    for source in [
        include_str!("../rules/mod.rs"),
        include_str!("../rules/signing.rs"),
        include_str!("../fields.rs"),
        include_str!("append.rs"),
        include_str!("checkpoint.rs"),
    ] {
        h.update(source);
    }
    h.finalize().into()
}

#[derive(Serialize)]
struct BodyRef<'a> {
    layout: [u8; 32],
    last_recorded_at: &'a str,
    streams: Vec<(&'a str, u64)>,
    ids: Vec<u64>,
    state: &'a RuleState,
}

#[derive(Deserialize)]
struct Body {
    layout: [u8; 32],
    last_recorded_at: String,
    streams: Vec<(String, u64)>,
    ids: Vec<u64>,
    state: RuleState,
}

/// Saves `c` beside the log. The body is written as it is encoded, into
/// space of its exact size (measured by a first, counting pass): on a
/// million events it is ~37 MB, which `accord rebuild` need not hold
/// twice over on top of its rule state.
pub(crate) fn save(db: &dyn Backend, c: &Cache) -> Result<(), StoreError> {
    let body = body_of(c);
    let size = postcard::experimental::serialized_size(&body).map_err(unencodable)?;
    db.save_checkpoint(c.head, size, &mut |w| {
        postcard::to_io(&body, w)
            .map(drop)
            .map_err(|e| std::io::Error::other(e.to_string()))
    })
}

/// The rule state encoded, to be saved once the batch it was folded from
/// is committed ([`save_encoded`]).
pub(crate) struct Encoded {
    head: Head,
    body: Vec<u8>,
}

/// Encodes `c` whole in memory. A batch does this on a thread of its own
/// while its commit writes: after a bulk append of a million events that
/// takes the ~0.7 s of encoding off the end of the command, for holding
/// the ~42 MB body meanwhile.
pub(crate) fn encode(c: &Cache) -> Result<Encoded, StoreError> {
    let body = body_of(c);
    // Measured first, so that the body is held once at its exact size
    // (grown by doubling it peaked at three times that).
    let size = postcard::experimental::serialized_size(&body).map_err(unencodable)?;
    let body = postcard::to_extend(&body, Vec::with_capacity(size)).map_err(unencodable)?;
    Ok(Encoded { head: c.head, body })
}

/// Saves what [`encode`] made.
pub(crate) fn save_encoded(db: &dyn Backend, encoded: &Encoded) -> Result<(), StoreError> {
    db.save_checkpoint(encoded.head, encoded.body.len(), &mut |w| {
        w.write_all(&encoded.body)
    })
}

fn body_of(c: &Cache) -> BodyRef<'_> {
    let mut streams: Vec<(&str, u64)> = c.streams.iter().map(|(s, v)| (s.as_str(), *v)).collect();
    streams.sort_unstable();
    BodyRef {
        layout: layout(),
        last_recorded_at: &c.last_recorded_at,
        streams,
        ids: c.ids.fingerprints(),
        state: &c.state,
    }
}

fn unencodable(e: postcard::Error) -> StoreError {
    StoreError::Io(std::io::Error::other(e.to_string()))
}

/// The saved state, when there is one that this build can read and the
/// log (whose head is `log_head`) still holds the event it was saved at.
/// Anything else, including an error reading it, is no checkpoint: the
/// caller folds the log instead.
pub(crate) fn load(db: &dyn Backend, log_head: Head) -> Option<Cache> {
    let (head, body) = db.load_checkpoint().ok()??;
    if head.seq == 0 || head.seq > log_head.seq {
        return None;
    }
    let (_, hash_there) = db.recorded_at_of(head.seq).ok()?;
    if hash_there != head.hash {
        return None;
    }
    let body: Body = postcard::from_bytes(&body).ok()?;
    if body.layout != layout() {
        return None;
    }
    Some(Cache {
        state: body.state,
        head,
        last_recorded_at: body.last_recorded_at,
        streams: body.streams.into_iter().collect(),
        ids: IdFilter::from_fingerprints(body.ids),
        since_checkpoint: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, parse_instant};
    use crate::input::parse_line;
    use crate::store::{Access, AppendOptions, Store};

    fn clock() -> Clock {
        Clock::Fixed(parse_instant("2010-01-01T10:00:00Z", false).unwrap())
    }

    /// A log of `n` organisations, its rule state saved at its head.
    fn saved_log(n: u32) -> (tempfile::TempDir, Store, Head) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(Store::create(&path, clock()).unwrap());
        let mut store = Store::open(&path, Access::ReadWrite, clock()).unwrap();
        let lines: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"type":"organisation.registered","occurred_at":"2009-06-01","data":{{"org":"o{i}","name":"Org {i}","side":"government"}}}}"#))
            .collect();
        let today = clock().today();
        store
            .append(
                lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| parse_line(i + 1, l, today)),
                &AppendOptions {
                    operator: Some("t"),
                    progress: None,
                    ..AppendOptions::default()
                },
            )
            .unwrap();
        let head = store.rebuild_checkpoint().unwrap();
        (dir, store, head)
    }

    /// Rewrites the saved checkpoint's row.
    fn set(store: &Store, column: &str, value: &[u8]) {
        store
            .backend
            .sqlite()
            .expect("an SQLite log")
            .execute(
                &format!("UPDATE accord_checkpoint SET {column} = ?1"),
                [value],
            )
            .unwrap();
    }

    #[test]
    fn a_saved_state_loads_as_the_state_folded_from_the_log() {
        let (_dir, store, head) = saved_log(30);
        let db = &*store.backend;
        let loaded = load(db, head).expect("the checkpoint matches the log");
        let folded = super::super::append::refresh_for_tests(db).unwrap();
        assert_eq!(loaded.head, folded.head);
        assert_eq!(loaded.last_recorded_at, folded.last_recorded_at);
        assert_eq!(loaded.ids.fingerprints(), folded.ids.fingerprints());
        let sorted = |c: &Cache| {
            let mut v: Vec<_> = c.streams.iter().map(|(k, v)| (k.clone(), *v)).collect();
            v.sort();
            v
        };
        assert_eq!(sorted(&loaded), sorted(&folded));
        // The rule states themselves are compared by the decisions they
        // make: tests/contract.rs runs every PostgreSQL case with a
        // checkpoint saved after each batch, so each process there starts
        // from the one before it saved.
    }

    #[test]
    fn a_checkpoint_the_log_no_longer_holds_is_ignored() {
        let (_dir, store, head) = saved_log(30);
        let db = &*store.backend;
        // Saved beyond the log's head (the log was replaced by a shorter one).
        assert!(
            load(
                db,
                Head {
                    seq: head.seq - 1,
                    ..head
                }
            )
            .is_none()
        );
        // Another event at that position.
        set(&store, "head_hash", &[7u8; 32]);
        assert!(load(db, head).is_none());
    }

    #[test]
    fn a_garbled_or_foreign_body_is_ignored() {
        let (_dir, store, head) = saved_log(30);
        let db = &*store.backend;
        let (_, body) = db.load_checkpoint().unwrap().unwrap();
        // Another build's layout: the digest leads the body.
        let mut other = body.clone();
        other[0] ^= 1;
        set(&store, "body", &other);
        assert!(load(db, head).is_none());
        // Cut short.
        set(&store, "body", &body[..body.len() / 2]);
        assert!(load(db, head).is_none());
        // Restored whole, it loads again.
        set(&store, "body", &body);
        assert!(load(db, head).is_some());
    }
}
