//! The last events a long batch folded, kept while the writing thread may
//! not have written them yet (`writer.rs`), so that a retraction of one of
//! them finds its target without waiting for the rows still queued.
//!
//! Looked up by id through a map of the ids' hashes: a 1M-event bulk
//! append with 15,000 retractions spent 2 s comparing each target with
//! up to 4,608 ids one by one (perf, 2026-11-29).

use std::collections::{HashMap, VecDeque};
use std::hash::BuildHasher;

use crate::Envelope;

/// At most `capacity` envelopes, the newest last, findable by id.
pub(crate) struct Recent {
    capacity: usize,
    events: VecDeque<Envelope>,
    /// The hash of an id, and the `seq` of the newest kept event with it
    /// (two ids with one hash: the older is found by a scan).
    by_id: HashMap<u64, u64>,
    hasher: foldhash::fast::FixedState,
}

impl Recent {
    /// An empty ring of `capacity` envelopes.
    pub(crate) fn new(capacity: usize) -> Recent {
        Recent {
            capacity,
            events: VecDeque::with_capacity(capacity),
            by_id: HashMap::with_capacity(capacity),
            hasher: foldhash::fast::FixedState::default(),
        }
    }

    /// Keeps `envelope`, dropping the oldest once `capacity` are kept.
    pub(crate) fn push(&mut self, envelope: Envelope) {
        if self.events.len() == self.capacity
            && let Some(old) = self.events.pop_front()
        {
            let key = self.hasher.hash_one(&old.id);
            if self.by_id.get(&key) == Some(&old.seq) {
                self.by_id.remove(&key);
            }
        }
        self.by_id
            .insert(self.hasher.hash_one(&envelope.id), envelope.seq);
        self.events.push_back(envelope);
    }

    /// The kept event with `id`, if any.
    pub(crate) fn find(&self, id: &str) -> Option<&Envelope> {
        let seq = *self.by_id.get(&self.hasher.hash_one(id))?;
        let at = |e: &&Envelope| e.seq == seq && e.id == id;
        // The kept events are consecutive in `seq` (each written event is
        // kept), so the position is arithmetic; the scans below only serve
        // a shared hash.
        let first = self.events.front()?.seq;
        self.events
            .get(seq.checked_sub(first)? as usize)
            .filter(at)
            .or_else(|| self.events.iter().rev().find(|e| e.id == id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Event;

    fn envelope(seq: u64, id: &str) -> Envelope {
        let event = Event::decode(
            crate::EventKind::parse("organisation.registered").unwrap(),
            &serde_json::json!({"org": "moh", "name": "Ministry of Health", "side": "government"}),
        )
        .unwrap();
        Envelope {
            seq,
            id: id.to_owned(),
            stream: "directory".into(),
            stream_version: seq,
            occurred_at: "2009-09-01".into(),
            occurred_on: chrono::NaiveDate::from_ymd_opt(2009, 9, 1).unwrap(),
            recorded_at: "2026-01-01T00:00:00.000000Z".into(),
            recorded_by: "team".into(),
            source: None,
            schema_version: 1,
            event,
            hash: [0; 32],
        }
    }

    #[test]
    fn finds_each_kept_event_by_id_and_forgets_the_oldest() {
        let mut recent = Recent::new(3);
        for seq in 1..=5 {
            recent.push(envelope(seq, &format!("ev-{seq}")));
        }
        assert!(recent.find("ev-1").is_none() && recent.find("ev-2").is_none());
        for seq in 3..=5 {
            assert_eq!(recent.find(&format!("ev-{seq}")).map(|e| e.seq), Some(seq));
        }
        assert!(recent.find("ev-9").is_none());
    }

    #[test]
    fn an_id_whose_hash_points_elsewhere_is_found_by_a_scan() {
        let mut recent = Recent::new(4);
        recent.push(envelope(1, "a"));
        recent.push(envelope(2, "b"));
        // As if "a" and "b" shared a hash: the map points at the newer.
        let key = recent.hasher.hash_one("a");
        recent.by_id.insert(key, 2);
        assert_eq!(recent.find("a").map(|e| e.seq), Some(1));
    }
}
