//! Commitments: where they come from, their reports and reschedules.

use super::super::{Rule, RuleState, Violation};
use super::Checked;
use crate::catalogue::Event;
use crate::input::NewEvent;

impl RuleState {
    /// The rules of commitment events beyond existence and dates.
    pub(super) fn check_commitment(&self, ev: &NewEvent) -> Checked {
        use Event as E;
        let on = ev.occurred_on;
        match &ev.event {
            E::CommitmentMade(d) => match &d.origin {
                Some(origin) => match self.origin_kind(origin.as_str()) {
                    None => Err(Violation::new(
                        Rule::UnknownReference,
                        "origin",
                        format!(
                            "there is no review, agreement or meeting {:?} in the log",
                            origin.as_str()
                        ),
                    )),
                    Some(kind) => {
                        self.check_reference(kind, origin.as_str(), on)
                            .map_err(|mut v| {
                                v.field = Some("origin".into());
                                v
                            })
                    }
                },
                None => Ok(()),
            },
            E::CommitmentReported(d) => {
                let c = &self.commitments[d.commitment.as_str()];
                if let Some((_, status)) = c.reports.last().filter(|(_, s)| s.is_final()) {
                    return Err(Violation::new(
                        Rule::CommitmentClosed,
                        "commitment",
                        format!("commitment {:?} is already {status}; it takes no more reports", d.commitment.as_str()),
                    )
                    .hint("if that report was a mistake, retract it with `accord retract` and report again"));
                }
                self.check_story(
                    &format!("commitment {:?}", d.commitment.as_str()),
                    &c.story,
                    on,
                )
            }
            E::CommitmentRescheduled(d) => {
                let c = &self.commitments[d.commitment.as_str()];
                if let Some((_, status)) = c.reports.last().filter(|(_, s)| s.is_final()) {
                    return Err(Violation::new(
                        Rule::CommitmentClosed,
                        "commitment",
                        format!(
                            "commitment {:?} is already {status}; it cannot be rescheduled",
                            d.commitment.as_str()
                        ),
                    ));
                }
                self.check_story(
                    &format!("commitment {:?}", d.commitment.as_str()),
                    &c.story,
                    on,
                )
            }
            _ => Ok(()),
        }
    }
}
