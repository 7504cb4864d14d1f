//! `accord review open|respond|conclude`.

use accord_events::fields::{Day, ReviewKind, Slug, Text};

use super::args::{A, Score};

entry! {
    /// Open a review of a partnership.
    Open => ReviewOpened,
    subject review: A<Slug> as "REVIEW",
    examples ["accord review open r-3 --partnership health --kind annual_review --next-due 2010-09-30"],
    {
        /// The partnership under review.
        partnership: A<Slug>,
        /// The kind of review.
        kind: A<ReviewKind>,
        /// The framework it is scored on (default: effectiveness).
        framework: Option<A<Slug>>,
        /// When the next review is due (YYYY-MM-DD).
        next_due: Option<A<Day>>,
    }
}

entry! {
    /// Record one respondent's scores for a review.
    Respond => ReviewResponse,
    subject review: A<Slug> as "REVIEW",
    examples [
        "accord review respond r-3 --respondent chair-health --score shared_goal=4 --score engagement=2 --comment \"Good progress\" --date 2010-03-15",
        "accord import reviews.csv   (many respondents at once from a spreadsheet)",
    ],
    {
        /// The person who responds.
        respondent: A<Slug>,
        /// A score as CRITERION=N (repeat the flag for each criterion).
        #[arg(long = "score", visible_alias = "scores", value_name = "CRITERION=N")]
        scores: Vec<A<Score>>,
        /// The respondent's comment.
        comment | comment_file: Option<A<Text>>,
    }
}

entry! {
    /// Conclude a review with a summary; it takes no more responses.
    Conclude => ReviewConcluded,
    subject review: A<Slug> as "REVIEW",
    examples ["accord review conclude r-3 --summary-file summary.txt --date 2010-04-01"],
    {
        /// What the review concluded.
        summary | summary_file: Option<A<Text>>,
    }
}

verbs!(
    /// Verbs of `accord review`.
    ReviewVerb { Open, Respond, Conclude }
);
