//! `accord meeting add`.

use accord_events::fields::{MeetingKind, Name, Slug};

use super::args::A;

entry! {
    /// Record a meeting, retreat or steering session.
    Add => MeetingHeld,
    subject meeting: A<Slug> as "MEETING",
    examples [
        "accord meeting add sm-2009 --kind strategic_meeting --title \"Strategic Meeting\" --partnerships health,education --attendees chair-health,lead-health",
    ],
    {
        /// The kind of meeting.
        kind: A<MeetingKind>,
        /// Its title.
        title: A<Name>,
        /// Partnerships taking part (repeat the flag or separate with commas).
        #[arg(value_delimiter = ',')]
        partnerships: Vec<A<Slug>>,
        /// People who attended (repeat the flag or separate with commas).
        #[arg(value_delimiter = ',')]
        attendees: Vec<A<Slug>>,
    }
}

verbs!(
    /// Verbs of `accord meeting`.
    MeetingVerb { Add }
);
