//! `accord programme define`.

use accord_events::fields::{Name, Slug, Text};

use super::args::A;

entry! {
    /// Define the programme: its name, objective, who commissioned it and who facilitates it.
    Define => ProgrammeDefined,
    examples [
        "accord programme define --name \"Making Partnerships Effective\" --objective \"Strengthen the partnerships of the TWGs\" --commissioned-by crdb --facilitators tpi,undp",
    ],
    {
        /// The programme's name.
        name: A<Name>,
        /// What the programme sets out to achieve.
        objective | objective_file: Option<A<Text>>,
        /// The organisation that commissioned it.
        commissioned_by: Option<A<Slug>>,
        /// Organisations that facilitate it (repeat the flag or separate with commas).
        #[arg(value_delimiter = ',')]
        facilitators: Vec<A<Slug>>,
    }
}

entry! {
    /// Require signed endorsements from --date on: an unsigned endorsement
    /// dated on or after it, recorded after this, is refused.
    RequireSignatures => SignaturesRequired,
    examples ["accord programme require-signatures --date 2010-01-01 --reason \"Agreed at the steering meeting\""],
    {
        /// Why signatures are now required.
        reason: Option<A<Text>>,
    }
}

verbs!(
    /// Verbs of `accord programme`.
    ProgrammeVerb { Define, RequireSignatures }
);
