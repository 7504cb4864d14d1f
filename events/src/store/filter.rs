//! Which events a filtered read wants (`accord log`'s options).

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
