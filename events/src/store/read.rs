//! Reading the log: whole, by stream, by filter, one event by id.

use rusqlite::{Row, ToSql, params_from_iter};

use super::{Store, StoreError};
use crate::envelope::{Envelope, StoredEvent};
use crate::verify::Head;

pub(crate) const COLUMNS: &str = "seq, id, type, stream, stream_version, occurred_at, recorded_at, recorded_by, source, data, schema_version, prev_hash, hash";

pub(crate) fn stored_from_row(r: &Row<'_>) -> rusqlite::Result<StoredEvent> {
    let blob = |i: usize| -> rusqlite::Result<[u8; 32]> {
        let v: Vec<u8> = r.get(i)?;
        // A hash of the wrong length is kept as zeros so verify reports it as altered.
        Ok(v.try_into().unwrap_or([0; 32]))
    };
    // Integers are read with range checks: a value that does not fit (a
    // negative seq, a schema_version beyond u32) is an unreadable row, not a
    // different number that might hash the same.
    Ok(StoredEvent {
        seq: unsigned(r, 0)?,
        id: r.get(1)?,
        kind: r.get(2)?,
        stream: r.get(3)?,
        stream_version: unsigned(r, 4)?,
        occurred_at: r.get(5)?,
        recorded_at: r.get(6)?,
        recorded_by: r.get(7)?,
        source: r.get(8)?,
        data: r.get(9)?,
        schema_version: r.get::<_, u32>(10)?,
        prev_hash: blob(11)?,
        hash: blob(12)?,
    })
}

/// A non-negative integer column, or an error naming its value.
fn unsigned(r: &Row<'_>, i: usize) -> rusqlite::Result<u64> {
    let n: i64 = r.get(i)?;
    u64::try_from(n).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(i, n))
}

/// Which events `accord log` shows. Every set field must match.
#[derive(Clone, Debug, Default)]
pub struct LogFilter {
    /// Only this stream.
    pub stream: Option<String>,
    /// Only this type.
    pub kind: Option<String>,
    /// Only events recorded by this operator.
    pub recorded_by: Option<String>,
    /// `occurred_at` on or after this date (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// `occurred_at` on or before this date (`YYYY-MM-DD`).
    pub until: Option<String>,
}

impl Store {
    /// Every stored event in `seq` order, streamed to `f` (memory stays flat).
    pub fn for_each(
        &self,
        mut f: impl FnMut(StoredEvent) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM events ORDER BY seq"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(stored_from_row(r)?)?;
        }
        Ok(())
    }

    /// Stored events after `seq`, in order.
    pub fn stored_after(&self, seq: u64) -> Result<Vec<StoredEvent>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM events WHERE seq > ?1 ORDER BY seq"
        ))?;
        let rows = stmt.query_map([seq as i64], stored_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The events matching `filter`, in `seq` order.
    pub fn stored_matching(&self, filter: &LogFilter) -> Result<Vec<StoredEvent>, StoreError> {
        let mut clauses: Vec<&str> = Vec::new();
        let mut params: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(s) = &filter.stream {
            clauses.push("stream = ?");
            params.push(Box::new(s.clone()));
        }
        if let Some(k) = &filter.kind {
            clauses.push("type = ?");
            params.push(Box::new(k.clone()));
        }
        if let Some(r) = &filter.recorded_by {
            clauses.push("recorded_by = ?");
            params.push(Box::new(r.clone()));
        }
        if let Some(d) = &filter.since {
            clauses.push("occurred_at >= ?");
            params.push(Box::new(d.clone()));
        }
        if let Some(d) = &filter.until {
            // A timestamp written on that date sorts after the bare date: compare its date part.
            clauses.push("substr(occurred_at, 1, 10) <= ?");
            params.push(Box::new(d.clone()));
        }
        let mut sql = format!("SELECT {COLUMNS} FROM events");
        if !clauses.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&clauses.join(" AND "));
        }
        sql.push_str(" ORDER BY seq");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(params.iter()), stored_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One stored event by its id.
    pub fn stored_by_id(&self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        by_id(&self.conn, id)
    }

    /// The typed events of the given streams, merged in `seq` order. Reads
    /// each stream by index, so a partnership is read without folding the log.
    pub fn read_streams(&self, streams: &[&str]) -> Result<Vec<Envelope>, StoreError> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM events WHERE stream = ?1 ORDER BY stream_version"
        ))?;
        for s in streams {
            let rows = stmt.query_map([s], stored_from_row)?;
            for r in rows {
                out.push(r?.into_envelope()?);
            }
        }
        out.sort_by_key(|e: &Envelope| e.seq);
        Ok(out)
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
        let mut stmt = self
            .conn
            .prepare_cached("SELECT recorded_at, hash FROM events WHERE seq = ?1")?;
        let mut at = |seq: u64| -> Result<(String, Vec<u8>), StoreError> {
            Ok(stmt.query_row([seq as i64], |r| Ok((r.get(0)?, r.get(1)?)))?)
        };
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
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT stream FROM events ORDER BY stream")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

pub(crate) fn by_id(
    conn: &rusqlite::Connection,
    id: &str,
) -> Result<Option<StoredEvent>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM events WHERE id = ?1"))?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => Ok(Some(stored_from_row(r)?)),
        None => Ok(None),
    }
}
