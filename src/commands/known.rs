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
    let streams = store.streams()?;
    if streams
        .iter()
        .any(|s| s.strip_prefix("partnership:") == Some(id))
    {
        return Ok(());
    }
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
