//! Review frameworks, responses, conclusions and the findings recorded from them.

use super::super::{Rule, RuleState, Violation, did_you_mean};
use super::Checked;
use crate::catalogue::Event;
use crate::input::NewEvent;

impl RuleState {
    /// The rules of review events beyond existence and dates.
    pub(super) fn check_review(&self, ev: &NewEvent) -> Checked {
        use Event as E;
        let on = ev.occurred_on;
        match &ev.event {
            E::FrameworkDefined(d) => {
                if d.criteria.0.is_empty() {
                    return Err(Violation::new(
                        Rule::Framework,
                        "criteria",
                        "a framework needs at least one criterion",
                    ));
                }
                let mut seen = std::collections::HashSet::new();
                if let Some(c) = d.criteria.iter().find(|c| !seen.insert(c.id.as_str())) {
                    return Err(Violation::new(
                        Rule::Framework,
                        "criteria",
                        format!("criterion {:?} is listed twice", c.id.as_str()),
                    ));
                }
                if d.scale_min >= d.scale_max {
                    return Err(Violation::new(
                        Rule::Framework,
                        "scale_max",
                        format!(
                            "the scale {}–{} is empty: scale_min must be below scale_max",
                            d.scale_min, d.scale_max
                        ),
                    ));
                }
                Ok(())
            }
            E::ReviewResponse(d) => {
                let r = &self.reviews[d.review.as_str()];
                if let Some(c) = r.concluded {
                    return Err(Violation::new(
                        Rule::ReviewConcluded,
                        "review",
                        format!(
                            "review {:?} was concluded on {}; it takes no more responses",
                            d.review.as_str(),
                            c.on
                        ),
                    ));
                }
                if r.responses.contains_key(d.respondent.as_str()) {
                    return Err(Violation::new(
                        Rule::AlreadyResponded,
                        "respondent",
                        format!("{:?} has already responded to review {:?}", d.respondent.as_str(), d.review.as_str()),
                    )
                    .hint("one response per respondent per review; to correct it, retract the earlier response and respond again"));
                }
                let f = &self.frameworks[&r.framework];
                if d.scores.is_empty() {
                    return Err(Violation::new(
                        Rule::BadScore,
                        "scores",
                        "a response scores at least one criterion",
                    ));
                }
                for (criterion, score) in &d.scores {
                    if !f.criteria.iter().any(|c| c == criterion.as_str()) {
                        let mut v = Violation::new(
                            Rule::BadScore,
                            &format!("scores.{criterion}"),
                            format!(
                                "{:?} is not a criterion of the framework {:?} (its criteria: {})",
                                criterion.as_str(),
                                r.framework,
                                f.criteria.join(", ")
                            ),
                        );
                        if let Some(s) =
                            did_you_mean(criterion.as_str(), f.criteria.iter().map(String::as_str))
                        {
                            v = v.hint(format!("did you mean {s:?}?"));
                        }
                        return Err(v);
                    }
                    if *score < f.scale.0 || *score > f.scale.1 {
                        return Err(Violation::new(
                            Rule::BadScore,
                            &format!("scores.{criterion}"),
                            format!(
                                "the score {score} for {:?} is outside the scale {}–{}",
                                criterion.as_str(),
                                f.scale.0,
                                f.scale.1
                            ),
                        ));
                    }
                }
                self.check_story(&format!("review {:?}", d.review.as_str()), &r.story, on)?;
                self.check_acting_partner(d.respondent.as_str(), &r.partnership, on, "respondent")
            }
            E::ReviewConcluded(d) => {
                let r = &self.reviews[d.review.as_str()];
                if let Some(c) = r.concluded {
                    return Err(Violation::new(
                        Rule::ReviewConcluded,
                        "review",
                        format!(
                            "review {:?} was already concluded on {}",
                            d.review.as_str(),
                            c.on
                        ),
                    ));
                }
                self.check_story(&format!("review {:?}", d.review.as_str()), &r.story, on)
            }
            E::FindingRecorded(d) => match (&d.partnership, &d.review) {
                (Some(p), Some(r)) if self.reviews[r.as_str()].partnership != p.as_str() => {
                    Err(Violation::new(
                        Rule::UnknownReference,
                        "review",
                        format!(
                            "review {:?} belongs to partnership {:?}, not {:?}",
                            r.as_str(),
                            self.reviews[r.as_str()].partnership,
                            p.as_str()
                        ),
                    ))
                }
                _ => Ok(()),
            },
            _ => Ok(()),
        }
    }
}
