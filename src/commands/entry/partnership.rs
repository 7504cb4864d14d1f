//! `accord partnership add|close`.

use accord_events::fields::{Name, Slug, Text};

use super::args::A;

entry! {
    /// Establish a partnership (for example a Technical Working Group).
    Add => PartnershipEstablished,
    subject partnership: A<Slug> as "PARTNERSHIP",
    examples ["accord partnership add health --name \"TWG Health\" --host moh"],
    {
        /// The partnership's name.
        name: A<Name>,
        /// The organisation that hosts it.
        host: Option<A<Slug>>,
    }
}

entry! {
    /// Close a partnership: nothing more is recorded on it afterwards.
    Close => PartnershipClosed,
    subject partnership: A<Slug> as "PARTNERSHIP",
    examples ["accord partnership close fisheries --reason \"Merged into TWG Agriculture and Water\""],
    {
        /// Why it is closed.
        reason: A<Text>,
    }
}

verbs!(
    /// Verbs of `accord partnership`.
    PartnershipVerb { Add, Close }
);
