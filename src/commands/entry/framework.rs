//! `accord framework define`.

use accord_events::catalogue::Criterion;
use accord_events::fields::{Name, Slug};

use super::args::A;

entry! {
    /// Define a review framework: its criteria and the scale they are scored on.
    /// (The framework "effectiveness" is built in: the five marks, scored 1-5.)
    Define => FrameworkDefined,
    subject framework: A<Slug> as "FRAMEWORK",
    examples [
        "accord framework define traffic --name \"Traffic light\" --criterion trust=\"Trust between partners\" --criterion results=\"Results\" --scale-min 1 --scale-max 3",
    ],
    {
        /// The framework's name.
        name: A<Name>,
        /// A criterion as ID=LABEL (repeat the flag for each criterion).
        #[arg(long = "criterion", visible_alias = "criteria", value_name = "ID=LABEL")]
        criteria: Vec<A<Criterion>>,
        /// The lowest score.
        #[arg(allow_negative_numbers = true)]
        scale_min: A<i64>,
        /// The highest score.
        #[arg(allow_negative_numbers = true)]
        scale_max: A<i64>,
    }
}

verbs!(
    /// Verbs of `accord framework`.
    FrameworkVerb { Define }
);
