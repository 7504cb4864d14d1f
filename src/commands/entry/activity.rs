//! `accord activity add`.

use accord_events::fields::{ActivityKind, Name, Slug};

use super::args::A;

entry! {
    /// Record a follow-up activity: training, case study, resource or specialist.
    Add => ActivityDelivered,
    subject activity: A<Slug> as "ACTIVITY",
    examples [
        "accord activity add t-1 --kind training --title \"Partnership brokering\" --partnerships health,education --participants 24",
    ],
    {
        /// The kind of activity.
        kind: A<ActivityKind>,
        /// Its title.
        title: A<Name>,
        /// Partnerships it served (repeat the flag or separate with commas).
        #[arg(value_delimiter = ',')]
        partnerships: Vec<A<Slug>>,
        /// How many took part.
        participants: Option<A<u32>>,
    }
}

verbs!(
    /// Verbs of `accord activity`.
    ActivityVerb { Add }
);
