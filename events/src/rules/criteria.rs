//! Whether a criterion belongs to a review's framework, asked once for a
//! whole column of scores (a spreadsheet's header) rather than per response.

use super::{Rule, RuleState, Violation, did_you_mean};

impl RuleState {
    /// Checks that `criterion` is a criterion of the framework review
    /// `review` is scored on. A review the log does not hold passes: the
    /// responses that name it are refused on their own.
    ///
    /// The same rule as a response's scores are checked against
    /// ([`Rule::BadScore`]), said of the review: for a reviews sheet, whose
    /// criterion columns are checked once for the header.
    pub fn check_criterion(&self, review: &str, criterion: &str) -> Result<(), Violation> {
        let Some(r) = self.reviews.get(review) else {
            return Ok(());
        };
        let Some(f) = self.frameworks.get(&r.framework) else {
            return Ok(());
        };
        if f.criteria.iter().any(|c| c == criterion) {
            return Ok(());
        }
        let mut v = Violation::new(
            Rule::BadScore,
            &format!("scores.{criterion}"),
            format!(
                "{criterion:?} is not a criterion of the framework {:?} that review {review:?} is scored on (its criteria: {})",
                r.framework,
                f.criteria.join(", ")
            ),
        );
        if let Some(s) = did_you_mean(criterion, f.criteria.iter().map(String::as_str)) {
            v = v.hint(format!("did you mean {s:?}?"));
        }
        Err(v)
    }
}
