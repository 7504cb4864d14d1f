//! Joining and leaving a partnership, and closing it.

use super::super::RuleState;
use super::Checked;
use crate::catalogue::Event;
use crate::input::NewEvent;

impl RuleState {
    /// The rules of partnership events beyond existence and dates.
    pub(super) fn check_partnership(&self, ev: &NewEvent) -> Checked {
        use Event as E;
        let on = ev.occurred_on;
        match &ev.event {
            E::PartnerJoined(d) => {
                self.check_membership(d.partnership.as_str(), d.org.as_str(), on, true)
            }
            E::PartnerLeft(d) => {
                self.check_membership(d.partnership.as_str(), d.org.as_str(), on, false)
            }
            E::PartnershipClosed(_) => Ok(()),
            _ => Ok(()),
        }
    }
}
