//! Reading the whole log as a stream, for the commands that fold all of it
//! (`status`, `snapshot`): memory holds the read models, never the log.

use accord_events::Envelope;
use accord_events::store::{LogFilter, Store};

use crate::error::CliError;

/// The events of the given types, decoded, in `seq` order: a pass the store
/// filters by type, so the rest of the log is never decoded.
///
/// An event that cannot be decoded is left out rather than reported: the
/// full pass that follows meets it in `seq` order and reports it exactly as
/// reading the whole log would.
pub fn prelude(store: &Store, kinds: &[&str]) -> Result<Vec<Envelope>, CliError> {
    let mut out = Vec::new();
    for kind in kinds {
        let stored = store.stored_matching(&LogFilter {
            kind: Some((*kind).to_owned()),
            ..LogFilter::default()
        })?;
        out.extend(stored.into_iter().filter_map(|s| s.into_envelope().ok()));
    }
    out.sort_by_key(|e| e.seq);
    Ok(out)
}

/// Every event of the log, decoded, handed to `f` one at a time in `seq`
/// order.
pub fn each(store: &Store, mut f: impl FnMut(&Envelope)) -> Result<(), CliError> {
    store.for_each(|s| {
        f(&s.into_envelope()?);
        Ok(())
    })?;
    Ok(())
}
