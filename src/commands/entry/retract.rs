//! `accord retract EVENT --reason`.

use accord_events::catalogue::EventRef;
use accord_events::fields::Text;

use super::args::A;

entry! {
    /// Retract an earlier event: it counts nowhere from now on, but stays in
    /// the log. Find its id with `accord log`.
    Retract => EventRetracted,
    subject event: A<EventRef> as "EVENT",
    examples ["accord retract ev-0042 --reason \"Endorsement recorded for the wrong person\""],
    {
        /// Why it is retracted.
        reason: A<Text>,
    }
}
