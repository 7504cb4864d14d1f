//! Agreements: proposals, endorsements (and their signatures), revisions, withdrawals.

use super::super::{Rule, RuleState, Violation};
use super::Checked;
use crate::catalogue::Event;
use crate::input::NewEvent;

impl RuleState {
    /// The rules of agreement events beyond existence and dates.
    pub(super) fn check_agreement(&self, ev: &NewEvent) -> Checked {
        use Event as E;
        let on = ev.occurred_on;
        match &ev.event {
            E::AgreementProposed(d) => self.check_acting_partner(
                d.proposed_by.as_str(),
                d.partnership.as_str(),
                on,
                "proposed_by",
            ),
            E::AgreementEndorsed(d) => {
                let a = &self.agreements[d.agreement.as_str()];
                self.check_agreement_open(d.agreement.as_str(), on)?;
                let current = a.versions.len() as u32;
                if d.version.0 != current {
                    return Err(Violation::new(
                        Rule::NotCurrentVersion,
                        "version",
                        format!(
                            "agreement {:?} is at version {current}; version {} cannot be endorsed",
                            d.agreement.as_str(),
                            d.version.0
                        ),
                    )
                    .hint(format!(
                        "endorse version {current} (the current text), or leave --version out"
                    )));
                }
                if a.versions[current as usize - 1]
                    .iter()
                    .any(|(p, _)| p == d.by.as_str())
                {
                    return Err(Violation::new(
                        Rule::AlreadyEndorsed,
                        "by",
                        format!(
                            "{:?} has already endorsed version {current} of agreement {:?}",
                            d.by.as_str(),
                            d.agreement.as_str()
                        ),
                    ));
                }
                self.check_acting_partner(d.by.as_str(), &a.partnership, on, "by")?;
                self.signing.check_endorsement(d, on)
            }
            E::AgreementRevised(d) => {
                self.check_agreement_open(d.agreement.as_str(), on)?;
                let a = &self.agreements[d.agreement.as_str()];
                self.check_acting_partner(d.revised_by.as_str(), &a.partnership, on, "revised_by")
            }
            E::AgreementWithdrawn(d) => {
                self.check_agreement_open(d.agreement.as_str(), on)?;
                let a = &self.agreements[d.agreement.as_str()];
                self.check_acting_partner(d.by.as_str(), &a.partnership, on, "by")
            }
            _ => Ok(()),
        }
    }
}
