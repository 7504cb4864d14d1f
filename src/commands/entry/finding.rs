//! `accord finding add`.

use accord_events::fields::{FindingOrigin, Side, Slug, Swot, Text, Theme};

use super::args::A;

entry! {
    /// Record a finding, placed in a SWOT quadrant and a theme.
    Add => FindingRecorded,
    subject finding: A<Slug> as "FINDING",
    examples [
        "accord finding add f-9 --partnership health --origin review --swot weakness --theme roles --text \"Roles of the secretariat are unclear\"",
    ],
    {
        /// The partnership it is about (leave out for the whole programme).
        partnership: Option<A<Slug>>,
        /// Where it came from.
        origin: A<FindingOrigin>,
        /// Its SWOT quadrant.
        swot: A<Swot>,
        /// The common issue it speaks to.
        theme: A<Theme>,
        /// The finding.
        text | text_file: Option<A<Text>>,
        /// The side whose view it reports.
        side: Option<A<Side>>,
        /// The review it came from.
        review: Option<A<Slug>>,
    }
}

verbs!(
    /// Verbs of `accord finding`.
    FindingVerb { Add }
);
