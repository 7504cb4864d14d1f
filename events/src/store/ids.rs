//! Every id in the log, as fingerprints: what a batch asks before it looks
//! an id up in the database.

/// The ids in the log, kept as 64-bit fingerprints (8 bytes an event
/// rather than the id itself): "absent" is certain, "present" is checked
/// against the log (a fingerprint may collide). It spares a lookup per
/// event, and lets a backend buffer inserts, knowing none is a repeat.
#[derive(Default)]
pub(crate) struct IdFilter {
    seen: std::collections::HashSet<u64, foldhash::fast::RandomState>,
}

impl IdFilter {
    /// FNV-1a: the same fingerprint in every process and every build, as
    /// the saved checkpoint needs (a hasher of the standard library or of
    /// foldhash may change its output between versions).
    fn fingerprint(id: &str) -> u64 {
        id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    pub(crate) fn insert(&mut self, id: &str) {
        self.seen.insert(IdFilter::fingerprint(id));
    }

    pub(crate) fn may_contain(&self, id: &str) -> bool {
        self.seen.contains(&IdFilter::fingerprint(id))
    }

    /// The fingerprints, sorted (for the checkpoint).
    pub(crate) fn fingerprints(&self) -> Vec<u64> {
        let mut v: Vec<u64> = self.seen.iter().copied().collect();
        v.sort_unstable();
        v
    }

    /// A filter holding these fingerprints (from a checkpoint).
    pub(crate) fn from_fingerprints(v: Vec<u64>) -> IdFilter {
        IdFilter {
            seen: v.into_iter().collect(),
        }
    }
}
