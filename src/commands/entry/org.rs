//! `accord org add`.

use accord_events::fields::{Name, Side, Slug};

use super::args::A;

entry! {
    /// Register an organisation in the directory, with the side it speaks for.
    Add => OrganisationRegistered,
    subject org: A<Slug> as "ORG",
    examples ["accord org add moh --name \"Ministry of Health\" --side government"],
    {
        /// The organisation's name.
        name: A<Name>,
        /// The side it speaks for.
        side: A<Side>,
    }
}

verbs!(
    /// Verbs of `accord org`.
    OrgVerb { Add }
);
