//! `accord interview add`.

use accord_events::fields::{InterviewFormat, InterviewTheme, Side, Slug, Text};

use super::args::A;

entry! {
    /// Record an interview or focus group.
    Add => InterviewHeld,
    subject interview: A<Slug> as "INTERVIEW",
    examples [
        "accord interview add i-12 --partnership health --format individual --side government --interviewees chair-health --themes added_value,expectations",
    ],
    {
        /// The partnership it was about (leave out for the whole programme).
        partnership: Option<A<Slug>>,
        /// Individual interview or focus group.
        format: A<InterviewFormat>,
        /// The side interviewed.
        side: A<Side>,
        /// People interviewed (repeat the flag or separate with commas).
        #[arg(value_delimiter = ',')]
        interviewees: Vec<A<Slug>>,
        /// Themes covered (repeat the flag or separate with commas).
        #[arg(value_delimiter = ',', required = true)]
        themes: Vec<A<InterviewTheme>>,
        /// Notes.
        notes | notes_file: Option<A<Text>>,
    }
}

verbs!(
    /// Verbs of `accord interview`.
    InterviewVerb { Add }
);
