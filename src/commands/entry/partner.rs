//! `accord partner join|leave`.

use accord_events::fields::{Role, Slug, Text};

use super::args::A;

entry! {
    /// Record that an organisation becomes a partner of a partnership, with a role.
    Join => PartnerJoined,
    subject partnership: A<Slug> as "PARTNERSHIP",
    examples ["accord partner join health --org moh --role chair --date 2009-06-01"],
    {
        /// The organisation that joins.
        org: A<Slug>,
        /// Its role in the partnership.
        role: A<Role>,
    }
}

entry! {
    /// Record that an organisation stops being a partner.
    Leave => PartnerLeft,
    subject partnership: A<Slug> as "PARTNERSHIP",
    examples ["accord partner leave health --org usaid --reason \"Programme ended\" --date 2010-06-30"],
    {
        /// The organisation that leaves.
        org: A<Slug>,
        /// Why it leaves.
        reason: A<Text>,
    }
}

verbs!(
    /// Verbs of `accord partner`.
    PartnerVerb { Join, Leave }
);
