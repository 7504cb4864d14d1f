//! SQL the two database backends share (SQLite and PostgreSQL read the same
//! columns and filter them the same way; only placeholders differ).

use super::filter::{LogFilter, NAMING_TYPES, StreamPart};

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

/// The query reading one [`StreamPart`] in `seq` order (within a stream,
/// `stream_version` order is `seq` order), with its parameters, with
/// placeholders made by `ph` (1-based). It goes by the (stream,
/// stream_version) index: a partnership is read without touching the rest
/// of the log.
pub(crate) fn stream_part_query(
    part: &StreamPart<'_>,
    ph: impl Fn(usize) -> String,
) -> (String, Vec<String>) {
    let mut params = Vec::new();
    let matching = part_conditions(part, &ph, &mut params);
    (
        format!("SELECT {COLUMNS} FROM events WHERE {matching} ORDER BY stream_version"),
        params,
    )
}

/// The conditions an event of `part` meets, their parameters added to
/// `params`.
pub(crate) fn part_conditions(
    part: &StreamPart<'_>,
    ph: &impl Fn(usize) -> String,
    params: &mut Vec<String>,
) -> String {
    let list = |params: &mut Vec<String>, values: &[&str]| -> String {
        let start = params.len();
        params.extend(values.iter().map(|v| (*v).to_owned()));
        let marks: Vec<String> = (start + 1..=params.len()).map(ph).collect();
        format!("({})", marks.join(", "))
    };
    params.push(part.stream.to_owned());
    let mut sql = format!("stream = {}", ph(params.len()));
    if let Some(types) = part.types {
        // The naming types come whole: which of them name the partnership
        // is decided on the typed events (`Store::read_stream_parts`).
        let mut wanted: Vec<&str> = types.to_vec();
        if part.naming.is_some() {
            wanted.extend(NAMING_TYPES.iter().filter(|t| !types.contains(t)));
        }
        let marks = list(params, &wanted);
        sql.push_str(&format!(" AND type IN {marks}"));
    }
    if let Some(after) = part.after {
        params.push(after.to_string());
        // Cast from text: every parameter is passed as text, and
        // PostgreSQL types a bare placeholder by what it is compared with.
        sql.push_str(&format!(
            " AND seq > CAST(CAST({} AS TEXT) AS BIGINT)",
            ph(params.len())
        ));
    }
    if let Some(until) = &part.until {
        params.push(until.day.format("%Y-%m-%d").to_string());
        // A timestamp written on that date sorts after the bare date: compare its date part.
        let day = ph(params.len());
        if until.except.is_empty() {
            sql.push_str(&format!(" AND substr(occurred_at, 1, 10) <= {day}"));
        } else {
            let marks = list(params, until.except);
            sql.push_str(&format!(
                " AND (substr(occurred_at, 1, 10) <= {day} OR type IN {marks})"
            ));
        }
    }
    sql
}

/// The streams of the log, sorted: one step of the (stream, stream_version)
/// index per stream rather than a scan of every entry (`SELECT DISTINCT`
/// read the whole index, a tenth of a second on a million events, on every
/// command that checks an id).
pub(crate) const STREAMS: &str = "WITH RECURSIVE s(stream) AS (
    SELECT min(stream) FROM events
    UNION ALL
    SELECT (SELECT min(stream) FROM events WHERE stream > s.stream) FROM s WHERE s.stream IS NOT NULL
) SELECT stream FROM s WHERE stream IS NOT NULL";
