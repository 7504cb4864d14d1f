//! The clock: real time, or the time fixed by `ACCORD_NOW` so that tests get
//! the same `recorded_at`, "today" and generated ids on every run.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

/// The environment variable that fixes the clock (RFC 3339, or a date meaning its start in UTC).
pub const NOW_VAR: &str = "ACCORD_NOW";

/// Where "now" comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// The system clock.
    System,
    /// A fixed instant.
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// `ACCORD_NOW` if set (an error if it cannot be read), else the system clock.
    pub fn from_env() -> Result<Clock, String> {
        match std::env::var(NOW_VAR) {
            Ok(s) if !s.trim().is_empty() => parse_instant(s.trim(), false)
                .map(Clock::Fixed)
                .ok_or_else(|| {
                    format!(
                        "{NOW_VAR}={s:?} is neither an RFC 3339 timestamp nor a YYYY-MM-DD date"
                    )
                }),
            _ => Ok(Clock::System),
        }
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(t) => *t,
        }
    }

    /// Today's UTC date.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// True when the clock is fixed (ids are then derived, not random).
    pub fn is_fixed(&self) -> bool {
        matches!(self, Clock::Fixed(_))
    }
}

/// Parses RFC 3339, or a bare date meaning its start (`end_of_day = false`)
/// or its last microsecond (`end_of_day = true`) in UTC.
pub fn parse_instant(s: &str, end_of_day: bool) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    let d = crate::fields::Day::parse(s).ok()?.0;
    let t = if end_of_day {
        d.and_hms_micro_opt(23, 59, 59, 999_999)?
    } else {
        d.and_hms_opt(0, 0, 0)?
    };
    Some(t.and_utc())
}

/// Formats a `recorded_at`: `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
pub fn format_recorded_at(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// True when `s` is a well-formed stored `recorded_at`.
pub fn is_recorded_at(s: &str) -> bool {
    s.len() == 27
        && s.ends_with('Z')
        && DateTime::parse_from_rfc3339(s)
            .is_ok_and(|t| format_recorded_at(t.with_timezone(&Utc)) == s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_at_has_microseconds() {
        let t = parse_instant("2009-09-11T08:30:00+07:00", false).unwrap();
        assert_eq!(format_recorded_at(t), "2009-09-11T01:30:00.000000Z");
        assert!(is_recorded_at("2009-09-11T01:30:00.000000Z"));
        assert!(!is_recorded_at("2009-09-11T01:30:00Z"));
    }

    #[test]
    fn a_date_means_its_end_for_known_at() {
        let t = parse_instant("2010-01-31", true).unwrap();
        assert_eq!(format_recorded_at(t), "2010-01-31T23:59:59.999999Z");
    }
}
