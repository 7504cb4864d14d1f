//! SQL the two database backends share (SQLite and PostgreSQL read the same
//! columns and filter them the same way; only placeholders differ).

use super::filter::LogFilter;

pub(crate) const COLUMNS: &str = "seq, id, type, stream, stream_version, occurred_at, recorded_at, recorded_by, source, data, schema_version, prev_hash, hash";

/// The `WHERE` clause of a [`LogFilter`] and its
/// parameters, with placeholders made by `ph` (1-based).
pub(crate) fn filter_clauses(
    filter: &LogFilter,
    ph: impl Fn(usize) -> String,
) -> (String, Vec<String>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut params: Vec<String> = Vec::new();
    let mut add = |clause: &str, value: &String| {
        params.push(value.clone());
        clauses.push(clause.replace('?', &ph(params.len())));
    };
    if let Some(s) = &filter.stream {
        add("stream = ?", s);
    }
    if let Some(k) = &filter.kind {
        add("type = ?", k);
    }
    if let Some(r) = &filter.recorded_by {
        add("recorded_by = ?", r);
    }
    if let Some(d) = &filter.since {
        add("occurred_at >= ?", d);
    }
    if let Some(d) = &filter.until {
        // A timestamp written on that date sorts after the bare date: compare its date part.
        add("substr(occurred_at, 1, 10) <= ?", d);
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    (sql, params)
}
