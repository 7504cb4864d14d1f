//! CSV for spreadsheets: one row per event, with formula injection neutralised.

use accord_events::StoredEvent;

/// The columns of `export --format csv`.
pub const HEADER: [&str; 13] = [
    "seq",
    "id",
    "type",
    "stream",
    "stream_version",
    "occurred_at",
    "recorded_at",
    "recorded_by",
    "source",
    "data",
    "schema_version",
    "prev_hash",
    "hash",
];

/// A cell a spreadsheet will not run as a formula: text starting with
/// `= + - @` (or a tab or carriage return) gets a leading apostrophe.
pub fn cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_owned(),
    }
}

/// One event as CSV cells, in [`HEADER`] order.
pub fn row(e: &StoredEvent) -> [String; 13] {
    [
        e.seq.to_string(),
        cell(&e.id),
        e.kind.clone(),
        cell(&e.stream),
        e.stream_version.to_string(),
        cell(&e.occurred_at),
        e.recorded_at.clone(),
        cell(&e.recorded_by),
        cell(e.source.as_deref().unwrap_or("")),
        cell(&e.data),
        e.schema_version.to_string(),
        hex::encode(e.prev_hash),
        hex::encode(e.hash),
    ]
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("plain"), "plain");
    }
}
