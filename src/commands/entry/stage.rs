//! `accord stage plan|start|complete`.

use accord_events::fields::{Day, Name, Ordinal, Text};

use super::args::A;

entry! {
    /// Plan a stage of the programme, with its dates and intended achievements.
    Plan => StagePlanned,
    subject stage: A<Ordinal> as "STAGE",
    examples [
        "accord stage plan 1 --name \"Research and analysis\" --starts-on 2009-06-01 --ends-on 2009-08-31 --intended-achievements \"Interviews with every TWG\"",
    ],
    {
        /// The stage's name.
        name: A<Name>,
        /// First day of the stage (YYYY-MM-DD).
        starts_on: A<Day>,
        /// Last day of the stage (YYYY-MM-DD).
        ends_on: A<Day>,
        /// What the stage should achieve (repeat the flag for several).
        intended_achievements: Vec<A<Text>>,
    }
}

entry! {
    /// Start a planned stage (stage N starts only after stage N-1 is completed).
    Start => StageStarted,
    subject stage: A<Ordinal> as "STAGE",
    examples ["accord stage start 2 --date 2009-09-01"],
    {}
}

entry! {
    /// Complete a started stage.
    Complete => StageCompleted,
    subject stage: A<Ordinal> as "STAGE",
    examples ["accord stage complete 1 --date 2009-08-31 --summary \"19 TWGs interviewed\""],
    {
        /// What the stage achieved.
        summary | summary_file: Option<A<Text>>,
    }
}

verbs!(
    /// Verbs of `accord stage`.
    StageVerb { Plan, Start, Complete }
);
