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

/// Which events of one stream a reader needs: read by the stream's index,
/// filtered by the database, so the rows left out are neither sent nor
/// decoded.
#[derive(Clone, Copy, Debug)]
pub struct StreamPart<'a> {
    /// The stream (`programme`, `directory`, `partnership:<id>`).
    pub stream: &'a str,
    /// Only these types, when given.
    pub types: Option<&'a [&'a str]>,
    /// Leave out what is dated after a day, when given.
    pub until: Option<Until<'a>>,
    /// With `types`, also the events that name this partnership among
    /// those that may name several ([`NAMING_TYPES`]: the programme's
    /// meetings, activities and interviews a partnership took part in).
    pub naming: Option<&'a str>,
}

/// The types whose events may name partnerships in their data while
/// recorded on the programme stream: those [`crate::Event::names_partnership`]
/// can answer yes for.
pub const NAMING_TYPES: [&str; 3] = ["activity.delivered", "interview.held", "meeting.held"];

/// Events dated after `day` are left out, except those of the types in
/// `except` (which count at every date: retractions, translations).
#[derive(Clone, Copy, Debug)]
pub struct Until<'a> {
    /// The last date read (`occurred_at`'s date part, inclusive).
    pub day: chrono::NaiveDate,
    /// The types read whatever their date.
    pub except: &'a [&'a str],
}

impl<'a> StreamPart<'a> {
    /// Every event of `stream`.
    pub fn all(stream: &'a str) -> StreamPart<'a> {
        StreamPart {
            stream,
            types: None,
            until: None,
            naming: None,
        }
    }
}
