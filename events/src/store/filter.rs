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
    /// Of the directory stream: only the events of these entries
    /// ([`directory_entry`]: `org:<id>`, `person:<id>`) and those of no
    /// one entry ([`ANY_ENTRY`]: retractions), when given. A reader that
    /// looks a few people up need not read the whole directory.
    pub entries: Option<&'a [String]>,
    /// Only the events after this position in the log, when given: for a
    /// reader that catches up a copy it keeps of the events before.
    pub after: Option<u64>,
}

/// The entry of the events of the directory stream that belong to no one
/// organisation or person (retractions): read with any entries.
pub const ANY_ENTRY: &str = "*";

/// The directory entry an event of the directory stream belongs to:
/// `org:<id>` for an organisation's registration, `person:<id>` for a
/// person's registration, moves and keys, [`ANY_ENTRY`] for any other.
/// (The reading index files the events by the same key, in SQL:
/// `events/src/store/reading.rs`; a test holds the two to each other.)
pub fn directory_entry(event: &crate::Event) -> String {
    use crate::Event as E;
    match event {
        E::OrganisationRegistered(d) => org_entry(d.org.as_str()),
        E::PersonRegistered(d) => person_entry(d.person.as_str()),
        E::PersonMoved(d) => person_entry(d.person.as_str()),
        E::PersonKeyAdded(d) => person_entry(d.person.as_str()),
        E::PersonKeyRevoked(d) => person_entry(d.person.as_str()),
        _ => ANY_ENTRY.to_owned(),
    }
}

/// The directory entry of an organisation.
pub fn org_entry(org: &str) -> String {
    format!("org:{org}")
}

/// The directory entry of a person.
pub fn person_entry(person: &str) -> String {
    format!("person:{person}")
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
            entries: None,
            after: None,
        }
    }

    /// The events of the directory filed under `entries` (and those filed
    /// under none).
    pub fn directory_entries(entries: &'a [String]) -> StreamPart<'a> {
        StreamPart {
            entries: Some(entries),
            ..StreamPart::all("directory")
        }
    }

    /// True when `e` is one of this part's events: what a read of the
    /// part gives, decided on an event in memory (for a reader that keeps
    /// a copy of a stream and reads its parts from that). A test holds
    /// this to what the store's reads give, with and without the reading
    /// index.
    pub fn admits(&self, e: &crate::Envelope) -> bool {
        let kind = e.event.kind().as_str();
        e.stream == self.stream
            && self.after.is_none_or(|after| e.seq > after)
            && self.types.is_none_or(|types| {
                types.contains(&kind) || (self.naming.is_some() && NAMING_TYPES.contains(&kind))
            })
            && self
                .until
                .is_none_or(|u| e.occurred_on <= u.day || u.except.contains(&kind))
            && self.keeps(e)
    }

    /// True when `e`, sent by the database for this part, is one it asks
    /// for: the database sends every event of the naming types, and only
    /// those naming the partnership are kept
    /// ([`crate::Event::names_partnership`]).
    ///
    /// With `entries`, the database sends the whole directory stream (or,
    /// by the reading index, the entries asked for and the events after
    /// it) and only the events of those entries are kept, so a read gives
    /// the same events with or without the index.
    pub(crate) fn keeps(&self, e: &crate::Envelope) -> bool {
        if let Some(entries) = self.entries {
            let entry = directory_entry(&e.event);
            return entry == ANY_ENTRY || entries.contains(&entry);
        }
        let Some(partnership) = self.naming else {
            return true;
        };
        let kind = e.event.kind().as_str();
        self.types.is_some_and(|t| t.contains(&kind))
            || !NAMING_TYPES.contains(&kind)
            || e.event.names_partnership(partnership)
    }
}
