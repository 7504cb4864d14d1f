//! `accord retract EVENT --reason`.

use accord_events::catalogue::EventRef;
use accord_events::fields::Text;

use super::Lookup;
use super::args::A;
use crate::commands::known::EventIds;
use crate::error::CliError;

entry! {
    /// Retract an earlier event: it counts nowhere from now on, but stays in
    /// the log. Name it by its seq (the first column of `accord log`), its
    /// id (in [brackets] at the end of the line), or a unique start of its id.
    Retract => EventRetracted,
    subject event: A<EventRef> as "EVENT",
    prepare resolve_event,
    examples [
        "accord retract 675 --reason \"Endorsement recorded for the wrong person\"",
        "accord retract ev-0042 --reason \"Recorded twice\"",
    ],
    {
        /// Why it is retracted.
        reason: A<Text>,
    }
}

/// Turns a seq or an id prefix into the event's id. An id the log does not
/// hold is left to the rules, which refuse it in their own words.
fn resolve_event(args: &mut Retract, lookup: &Lookup<'_>) -> Result<(), CliError> {
    let given = match (args.subject.as_mut(), args.event.as_mut()) {
        (Some(g), _) | (None, Some(g)) => g,
        (None, None) => return Ok(()),
    };
    let ids = EventIds::read(lookup.store)?;
    given.0 = EventRef(ids.resolve(&given.0.0)?);
    Ok(())
}
