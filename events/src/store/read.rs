//! Reading the log: whole, by stream, by filter, one event by id.

use super::backend::Scan;
use super::filter::{LogFilter, StreamPart};
use super::reading::ReadingIndex;
use super::{Store, StoreError};
use crate::envelope::{Envelope, StoredEvent};
use crate::verify::Head;

impl Store {
    /// Every stored event in `seq` order, streamed to `f` (memory stays flat).
    /// `f` must not call back into this store.
    pub fn for_each(
        &self,
        mut f: impl FnMut(StoredEvent) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.backend.with_rows(Scan::All, &mut |rows| {
            for r in rows {
                f(r?)?;
            }
            Ok(())
        })
    }

    fn collect(&self, scan: Scan<'_>) -> Result<Vec<StoredEvent>, StoreError> {
        let mut out = Vec::new();
        self.backend.with_rows(scan, &mut |rows| {
            for r in rows {
                out.push(r?);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Stored events after `seq`, in order.
    pub fn stored_after(&self, seq: u64) -> Result<Vec<StoredEvent>, StoreError> {
        self.collect(Scan::After(seq))
    }

    /// The events matching `filter`, in `seq` order.
    pub fn stored_matching(&self, filter: &LogFilter) -> Result<Vec<StoredEvent>, StoreError> {
        self.collect(Scan::Matching(filter))
    }

    /// Stored events of any of these types, in `seq` order: one pass the
    /// database filters, for readers that need a few kinds of event before
    /// folding the log. (SQLite has no index on `type`: one measured 7% off
    /// a bulk append for 3–10% on `status` and `snapshot`; one scan for all
    /// the types, rather than one per type, was the gain worth having.)
    pub fn stored_of_types(&self, types: &[&str]) -> Result<Vec<StoredEvent>, StoreError> {
        self.collect(Scan::OfTypes(types))
    }

    /// One stored event by its id.
    pub fn stored_by_id(&self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        self.backend.by_id(id)
    }

    /// The typed events of the given streams, merged in `seq` order. Reads
    /// each stream by index, so a partnership is read without folding the log.
    pub fn read_streams(&self, streams: &[&str]) -> Result<Vec<Envelope>, StoreError> {
        let parts: Vec<StreamPart<'_>> = streams.iter().map(|s| StreamPart::all(s)).collect();
        self.read_stream_parts(&parts)
    }

    /// The typed events of the given parts of streams, merged in `seq`
    /// order: for a reader that needs a few kinds of a large stream (a
    /// partnership's view needs the frameworks of the programme stream, not
    /// its thousands of meetings), or nothing dated after its as-of date.
    pub fn read_stream_parts(&self, parts: &[StreamPart<'_>]) -> Result<Vec<Envelope>, StoreError> {
        let mut out = Vec::new();
        for part in parts {
            // Typed as each stream arrives, so its raw rows are let go
            // before the next is read.
            for row in self.backend.stream_rows(part)? {
                let e = row.into_envelope()?;
                if part.keeps(&e) {
                    out.push(e);
                }
            }
        }
        out.sort_by_key(|e: &Envelope| e.seq);
        Ok(out)
    }

    /// The typed events of one part of a stream, handed to `f` one at a
    /// time in `seq` order (a reader that folds a large stream and lets
    /// each event go).
    pub fn each_in_stream(
        &self,
        part: &StreamPart<'_>,
        mut f: impl FnMut(Envelope),
    ) -> Result<(), StoreError> {
        self.backend.each_stream_row(part, &mut |row| {
            let e = row.into_envelope()?;
            if part.keeps(&e) {
                f(e);
            }
            Ok(())
        })
    }

    /// The stored rows of one part of a stream, not yet decoded, handed to
    /// `f` one at a time in `seq` order: for a reader that decodes them on
    /// another thread. Only for parts that name no partnership and no
    /// directory entries (which events of those such a part keeps is
    /// decided on the decoded events).
    pub fn each_stored_in_stream(
        &self,
        part: &StreamPart<'_>,
        mut f: impl FnMut(StoredEvent),
    ) -> Result<(), StoreError> {
        assert!(
            part.naming.is_none() && part.entries.is_none(),
            "a part that names a partnership or directory entries is read decoded"
        );
        self.backend.each_stream_row(part, &mut |row| {
            f(row);
            Ok(())
        })
    }

    /// Every event, typed, in `seq` order (for whole-programme reports).
    pub fn read_all(&self) -> Result<Vec<Envelope>, StoreError> {
        let mut out = Vec::new();
        self.for_each(|e| {
            out.push(e.into_envelope()?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The head as it stood at `recorded_at` (inclusive): the last event
    /// recorded by then. `recorded_at` never decreases along `seq`, so this
    /// is a binary search over positions, a few index lookups on any log.
    pub fn head_at(&self, recorded_at: &str) -> Result<Head, StoreError> {
        let head = self.head()?;
        let at = |seq: u64| self.backend.recorded_at_of(seq);
        // Invariant: events 1..=lo were recorded by then, events after hi were not.
        let (mut lo, mut hi) = (0u64, head.seq);
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if at(mid)?.0.as_str() <= recorded_at {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if lo == 0 {
            return Ok(Head::EMPTY);
        }
        let hash = at(lo)?.1;
        Ok(Head {
            seq: lo,
            hash: hash.try_into().unwrap_or([0; 32]),
        })
    }

    /// Names of the streams in the log, sorted.
    pub fn streams(&self) -> Result<Vec<String>, StoreError> {
        self.backend.streams()
    }

    /// Whether the log holds any event of `stream`.
    pub fn has_stream(&self, stream: &str) -> Result<bool, StoreError> {
        self.backend.has_stream(stream)
    }

    /// Whether readers go through the programme's reading index, and how
    /// far it covers the log (see `reading.rs`).
    pub fn reading_index(&self) -> ReadingIndex {
        self.backend.reading_index()
    }
}
