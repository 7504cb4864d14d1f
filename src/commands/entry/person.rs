//! `accord person add|move`.

use accord_events::fields::{Name, Slug};

use super::args::A;

entry! {
    /// Register a person in the directory, working for an organisation.
    Add => PersonRegistered,
    subject person: A<Slug> as "PERSON",
    examples ["accord person add chair-health --name \"Dr Sok Chan\" --org moh --title \"Secretary of State\""],
    {
        /// The person's name.
        name: A<Name>,
        /// The organisation they work for.
        org: A<Slug>,
        /// Their post.
        title: Option<A<Name>>,
    }
}

entry! {
    /// Record that a person takes a new post; what they did before keeps the
    /// organisation they did it for.
    Move => PersonMoved,
    subject person: A<Slug> as "PERSON",
    examples ["accord person move chair-health --org mef --title \"Adviser\" --date 2010-02-01"],
    {
        /// The organisation of the new post.
        org: A<Slug>,
        /// The new post.
        title: Option<A<Name>>,
    }
}

verbs!(
    /// Verbs of `accord person`.
    PersonVerb { Add, Move }
);
