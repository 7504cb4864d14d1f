//! Refusing an id the log has never held: a filter or a subject naming an
//! unknown partnership, agreement, person or event type is a mistake to
//! say out loud (exit 1, with the closest known id), never a silent empty
//! answer that reads as "nothing happened".

use accord_events::rules::did_you_mean;
use accord_events::store::{LogFilter, Store};

use crate::error::CliError;

/// The error for `id`, which is no `what` in the log: the closest of
/// `known`, if one is close enough to be a typo, and the command that
/// lists them all.
pub fn unknown<'a>(
    what: &str,
    id: &str,
    known: impl Iterator<Item = &'a str>,
    listed_by: &str,
) -> CliError {
    let hint = match did_you_mean(id, known) {
        Some(k) => format!("did you mean {k:?}? `{listed_by}` lists them"),
        None => format!("`{listed_by}` lists them"),
    };
    CliError::rejected(format!("there is no {what} {id:?} in the log"), hint)
}

/// Refuses a partnership the log has no stream for.
pub fn partnership(store: &Store, id: &str) -> Result<(), CliError> {
    if store.has_stream(&format!("partnership:{id}"))? {
        return Ok(());
    }
    // Only a refusal lists the streams, for the closest id.
    let streams = store.streams()?;
    Err(unknown(
        "partnership",
        id,
        streams
            .iter()
            .filter_map(|s| s.strip_prefix("partnership:")),
        "accord list partnerships",
    ))
}

/// The ids an event type's events create (`agreement` of
/// `agreement.proposed`), retracted or not: the log held them.
fn ids_created(store: &Store, kind: &str, field: &str) -> Result<Vec<String>, CliError> {
    let filter = LogFilter {
        kind: Some(kind.to_owned()),
        ..LogFilter::default()
    };
    Ok(store
        .stored_matching(&filter)?
        .into_iter()
        .filter_map(|e| {
            let data: serde_json::Value = serde_json::from_str(&e.data).ok()?;
            data.get(field)?.as_str().map(str::to_owned)
        })
        .collect())
}

/// Refuses an agreement that was never proposed.
pub fn agreement(store: &Store, id: &str) -> Result<(), CliError> {
    let ids = ids_created(store, "agreement.proposed", "agreement")?;
    if ids.iter().any(|a| a == id) {
        return Ok(());
    }
    Err(unknown(
        "agreement",
        id,
        ids.iter().map(String::as_str),
        "accord list agreements",
    ))
}

/// Refuses a person who was never registered.
pub fn person(store: &Store, id: &str) -> Result<(), CliError> {
    let ids = ids_created(store, "person.registered", "person")?;
    if ids.iter().any(|p| p == id) {
        return Ok(());
    }
    Err(unknown(
        "person",
        id,
        ids.iter().map(String::as_str),
        "accord list people",
    ))
}

/// Refuses a name that is not an event type of the catalogue.
pub fn event_type(kind: &str) -> Result<(), CliError> {
    if accord_events::EventKind::parse(kind).is_some() {
        return Ok(());
    }
    let hint = match did_you_mean(
        kind,
        accord_events::EventKind::ALL.iter().map(|k| k.as_str()),
    ) {
        Some(k) => format!("did you mean {k:?}? `accord types` lists them"),
        None => "`accord types` lists them".to_owned(),
    };
    Err(CliError::rejected(
        format!("{kind:?} is not an event type"),
        hint,
    ))
}

/// Refuses an operator name under which nothing was ever recorded.
///
/// `recorded_by` is free text (whoever typed the event in), not an entity
/// the log registers, but a misspelt name filters to silence just as a
/// misspelt id does. The names are only known by reading the whole log, so
/// this is asked only when a filter on the name matched nothing.
pub fn operator(store: &Store, name: &str) -> Result<(), CliError> {
    let mut names = std::collections::BTreeSet::new();
    store.for_each(|e| {
        names.insert(e.recorded_by);
        Ok(())
    })?;
    if names.contains(name) {
        return Ok(());
    }
    let hint = match did_you_mean(name, names.iter().map(String::as_str)) {
        Some(k) => format!("did you mean {k:?}? names are matched exactly"),
        None => {
            // A long list helps nobody: the first few, and how many more.
            const SHOWN: usize = 8;
            let mut some: Vec<&str> = names.iter().take(SHOWN).map(String::as_str).collect();
            let more = names.len().saturating_sub(SHOWN);
            if more > 0 {
                some.push("…");
            }
            format!(
                "names are matched exactly; {} name(s) recorded events: {}",
                names.len(),
                some.join(", ")
            )
        }
    };
    Err(CliError::rejected(
        format!("nothing in the log was recorded by {name:?}"),
        hint,
    ))
}

/// Ids this long or shorter are shown whole; longer ones (the UUIDs accord
/// gives events recorded without `--id`) by their shortest unique prefix.
const SHORT_ID: usize = 12;
/// A shortened id keeps at least this many characters, so that it stays
/// unique as the log grows a little.
const SHORT_ID_MIN: usize = 8;
/// A prefix shorter than this is never taken for an id (as git asks four
/// characters of a hash): a stray character must not name an event.
const PREFIX_MIN: usize = 4;

/// Every event's id with its seq, sorted by id: what short forms and
/// prefixes are measured against.
pub struct EventIds(Vec<(String, u64)>);

impl EventIds {
    /// Reads the id and seq of every event in the log.
    pub fn read(store: &Store) -> Result<EventIds, CliError> {
        let mut ids = Vec::new();
        store.for_each(|e| {
            ids.push((e.id, e.seq));
            Ok(())
        })?;
        Ok(EventIds::from(ids))
    }

    /// From ids and seqs in any order.
    pub fn from(mut ids: Vec<(String, u64)>) -> EventIds {
        ids.sort();
        EventIds(ids)
    }

    /// The form of `id` that `accord log` shows and `accord retract`
    /// takes: the whole id when short, else its shortest prefix (of at
    /// least [`SHORT_ID_MIN`] characters) that no other id shares.
    pub fn short(&self, id: &str) -> String {
        if id.chars().count() <= SHORT_ID {
            return id.to_owned();
        }
        let common = |other: &str| {
            id.chars()
                .zip(other.chars())
                .take_while(|(a, b)| a == b)
                .count()
        };
        let at = self.0.partition_point(|(x, _)| x.as_str() < id);
        let before = at.checked_sub(1).map_or(0, |i| common(&self.0[i].0));
        let after = self
            .0
            .iter()
            .skip(at)
            .find(|(x, _)| x != id)
            .map_or(0, |(x, _)| common(x));
        let mut n = (before.max(after) + 1).max(SHORT_ID_MIN);
        // A short form of digits alone would read as a seq: take it up to
        // the first character that is not a digit (a UUID's first '-').
        while n < id.chars().count() && id.chars().take(n).all(|c| c.is_ascii_digit()) {
            n += 1;
        }
        if n >= id.chars().count() {
            id.to_owned()
        } else {
            id.chars().take(n).collect()
        }
    }

    /// The event `given` names: its id, its seq (a whole number), or an
    /// unambiguous prefix of its id (at least 4 characters), in that order. An id the log does not hold is
    /// returned as given, for the rules to refuse with their own words.
    pub fn resolve(&self, given: &str) -> Result<String, CliError> {
        let exact = self.0.iter().find(|(x, _)| x == given);
        let by_seq = given
            .parse::<u64>()
            .ok()
            .map(|n| (n, self.0.iter().find(|(_, s)| *s == n)));
        match (exact, by_seq) {
            (Some((id, seq)), Some((_, Some((other, _))))) if other != id => {
                Err(CliError::rejected(
                    format!(
                        "{given} is both the id of the event at seq {seq} and the seq of event {other:?}"
                    ),
                    format!("give the id: {id:?} or {other:?}"),
                ))
            }
            (Some((id, _)), _) => Ok(id.clone()),
            (None, Some((_, Some((id, _))))) => Ok(id.clone()),
            // Digits that are no seq may still start an id.
            (None, Some((n, None))) if self.by_prefix(given)? == given => Err(CliError::rejected(
                format!(
                    "there is no event at seq {n}: the log holds seq 1 to {}",
                    self.0.iter().map(|(_, s)| *s).max().unwrap_or(0)
                ),
                "find the event with `accord log`: the seq is the first column",
            )),
            (None, _) => self.by_prefix(given),
        }
    }

    fn by_prefix(&self, prefix: &str) -> Result<String, CliError> {
        if prefix.chars().count() < PREFIX_MIN {
            return Ok(prefix.to_owned());
        }
        let from = self.0.partition_point(|(x, _)| x.as_str() < prefix);
        let matches: Vec<&(String, u64)> = self.0[from..]
            .iter()
            .take_while(|(x, _)| x.starts_with(prefix))
            .collect();
        match matches.as_slice() {
            [] => Ok(prefix.to_owned()),
            [(id, _)] => Ok(id.clone()),
            many => {
                const SHOWN: usize = 10;
                let mut by_seq = many.to_vec();
                by_seq.sort_by_key(|(_, s)| *s);
                let mut details: Vec<String> = by_seq
                    .iter()
                    .take(SHOWN)
                    .map(|(id, seq)| format!("seq {seq}: {id}"))
                    .collect();
                if many.len() > SHOWN {
                    details.push(format!("… and {} more", many.len() - SHOWN));
                }
                Err(CliError {
                    message: format!(
                        "{prefix:?} is the start of {} event ids; it must name one",
                        many.len()
                    ),
                    details,
                    hint: Some("give more of the id, the whole id, or the event's seq".to_owned()),
                    code: crate::error::REJECTED,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[(&str, u64)]) -> EventIds {
        EventIds::from(v.iter().map(|(i, s)| ((*i).to_owned(), *s)).collect())
    }

    #[test]
    fn short_forms_are_unique_prefixes_never_read_as_a_seq() {
        let log = ids(&[
            ("cam-0001", 1),
            ("01a21ce0-6e00-75a0-b858-45dda485cdef", 2),
            ("01a21ce0-6e00-71ac-9c2b-87262003689d", 3),
            ("01268440-aaaa-7000-8000-000000000000", 4),
        ]);
        assert_eq!(log.short("cam-0001"), "cam-0001");
        assert_eq!(
            log.short("01a21ce0-6e00-75a0-b858-45dda485cdef"),
            "01a21ce0-6e00-75"
        );
        assert_eq!(
            log.short("01268440-aaaa-7000-8000-000000000000"),
            "01268440-"
        );
        for (id, seq) in &log.0 {
            assert_eq!(&log.resolve(&log.short(id)).unwrap(), id, "seq {seq}");
        }
    }

    #[test]
    fn a_seq_an_id_or_a_prefix_names_one_event() {
        let log = ids(&[("ev-0042", 7), ("ev-0043", 8), ("12", 9)]);
        assert_eq!(log.resolve("7").unwrap(), "ev-0042");
        assert_eq!(log.resolve("ev-0043").unwrap(), "ev-0043");
        assert_eq!(
            log.resolve("ev-0042x").unwrap(),
            "ev-0042x",
            "left to the rules"
        );
        assert!(
            log.resolve("ev-00")
                .unwrap_err()
                .message
                .contains("2 event ids")
        );
        assert_eq!(log.resolve("ev").unwrap(), "ev", "too short to be a prefix");
        assert!(
            log.resolve("99")
                .unwrap_err()
                .message
                .contains("no event at seq 99")
        );
        assert_eq!(
            log.resolve("12").unwrap(),
            "12",
            "an id wins when no seq 12 exists"
        );
        let both = ids(&[("ev-1", 7), ("7", 9)]);
        assert!(both.resolve("7").unwrap_err().message.contains("both"));
    }
}
