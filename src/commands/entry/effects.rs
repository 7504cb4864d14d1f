//! What recorded events changed, in words: the projections (`accord show`'s
//! own folds) taken just before and just after, compared by
//! `accord_projections::effects` and told by `render::effects`.
//!
//! Only the streams the events touched are read (with the directory and the
//! programme, which every partnership's state needs). The view is "as of"
//! the latest date in play and knows everything recorded, so a retraction
//! shows as what it undoes.

use std::collections::BTreeSet;

use accord_events::Envelope;
use accord_events::store::{LogFilter, Store};
use accord_projections::{Replay, View, effects};
use chrono::NaiveDate;

use crate::error::CliError;
use crate::render;

/// What the events `first..=last` changed, one sentence each.
pub fn changes(
    store: &Store,
    first: u64,
    last: u64,
    today: NaiveDate,
) -> Result<Vec<String>, CliError> {
    let mut streams: BTreeSet<String> = ["directory", "programme"].map(String::from).into();
    for e in store.stored_after(first.saturating_sub(1))? {
        if e.seq <= last {
            streams.insert(e.stream);
        }
    }
    let streams: Vec<&str> = streams.iter().map(String::as_str).collect();
    let events = store.read_streams(&streams)?;
    Ok(compare(events, first, last, today))
}

/// What the events of a batch that was only checked (`check_only`: not in
/// the log, positioned after its head) would change, one sentence each.
pub fn would_change(
    store: &Store,
    unwritten: &[Envelope],
    today: NaiveDate,
) -> Result<Vec<String>, CliError> {
    let (Some(first), Some(last)) = (unwritten.first(), unwritten.last()) else {
        return Ok(Vec::new());
    };
    let mut streams: BTreeSet<&str> = ["directory", "programme"].into();
    streams.extend(unwritten.iter().map(|e| e.stream.as_str()));
    let streams: Vec<&str> = streams.into_iter().collect();
    // Another process may have appended since the check: the batch is
    // judged against the log as it was checked against.
    let mut events = store.read_streams(&streams)?;
    events.retain(|e| e.seq < first.seq);
    events.extend(unwritten.iter().cloned());
    Ok(compare(events, first.seq, last.seq, today))
}

/// The changes from the events before `first` to those up to `last`.
fn compare(events: Vec<Envelope>, first: u64, last: u64, today: NaiveDate) -> Vec<String> {
    let latest = events.iter().map(|e| e.occurred_on).max().unwrap_or(today);
    let view = View::as_of(latest.max(today));
    let upto =
        |seq: u64| -> Vec<Envelope> { events.iter().filter(|e| e.seq <= seq).cloned().collect() };
    let before = Replay::of(&upto(first - 1), &view);
    let after = Replay::of(&upto(last), &view);
    effects::between(&before, &after, &view)
        .iter()
        .map(|e| render::effects::sentence(e, &after.directory))
        .collect()
}

/// The current version of an agreement (`None` when it is not in the log).
pub fn current_version(
    store: &Store,
    agreement: &str,
    today: NaiveDate,
) -> Result<Option<u32>, CliError> {
    let filter = LogFilter {
        kind: Some("agreement.proposed".into()),
        ..LogFilter::default()
    };
    for stored in store.stored_matching(&filter)? {
        let Ok(e) = stored.decode() else { continue };
        if e.event.agreement().is_some_and(|a| a.as_str() == agreement) {
            let events = store.read_streams(&[e.stream.as_str(), "directory", "programme"])?;
            let latest = events.iter().map(|e| e.occurred_on).max().unwrap_or(today);
            let replay = Replay::of(&events, &View::as_of(latest.max(today)));
            let p = e.stream.trim_start_matches("partnership:");
            return Ok(replay
                .partnerships
                .get(p)
                .and_then(|p| p.agreement(agreement))
                .map(|a| a.current().version));
        }
    }
    Ok(None)
}
