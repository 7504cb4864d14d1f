//! A person's moves and signing keys.

use super::super::{Mark, RuleState};
use super::Checked;
use crate::catalogue::Event;
use crate::input::NewEvent;

impl RuleState {
    /// The rules of person events beyond existence and dates.
    pub(super) fn check_person(&self, ev: &NewEvent) -> Checked {
        use Event as E;
        let on = ev.occurred_on;
        match &ev.event {
            E::PersonMoved(d) => {
                // Neither before their last post nor before their last act:
                // earlier acts keep the organisation they were done for.
                let person = &self.people[d.person.as_str()];
                let story: Vec<Mark> = person
                    .posts
                    .iter()
                    .map(|p| p.mark)
                    .chain(person.acts.iter().copied())
                    .collect();
                let what = format!("person {:?} (their posts and acts)", d.person.as_str());
                self.check_story(&what, &story, on)
            }
            E::PersonKeyAdded(d) => self
                .signing
                .check_key_added(d.person.as_str(), &d.key.key().fingerprint()),
            E::PersonKeyRevoked(d) => {
                self.signing
                    .check_key_revoked(d.person.as_str(), d.fingerprint.as_str(), on)
            }
            _ => Ok(()),
        }
    }
}
