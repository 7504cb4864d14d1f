//! Retractions: a recent mistake corrected, and the model put back as the
//! rules see it once the event no longer counts.

use accord_events::catalogue::{EventRef, EventRetracted};

use crate::emit::text;
use crate::model::{ACTIVE_AGREEMENTS, ACTIVE_REVIEWS, Generator, Retractable};

impl Generator {
    /// `event.retracted` on one of the recent retractable events the rules
    /// still allow retracting (a few tries, then give up).
    pub(crate) fn retract(&mut self) -> bool {
        for _ in 0..4 {
            if self.retractable.is_empty() {
                return false;
            }
            let i = self.rng.below(self.retractable.len());
            let target = self.retractable.swap_remove(i);
            let (ev, ok) = self.may_retract(target);
            if !ok {
                continue;
            }
            let on = self.today();
            let reason = *self.rng.pick(&[
                "Recorded against the wrong partnership.",
                "Entered twice by mistake.",
                "The minutes were corrected at the next meeting.",
                "Wrong person recorded.",
            ]);
            let data = EventRetracted {
                event: EventRef(format!("ev-{ev:07}")),
                reason: text(reason),
            };
            self.emit(on, data);
            self.undo(target);
            return true;
        }
        false
    }

    /// The event number of `target` and whether the rules let it be
    /// retracted now (its partnership open, and it still the standing act).
    fn may_retract(&self, target: Retractable) -> (u64, bool) {
        match target {
            Retractable::Endorsement { ev, agreement, .. }
            | Retractable::Withdrawn { ev, agreement } => {
                let a = &self.agreements[agreement as usize];
                let ok = self.partnership_open(a.partnership)
                    && match target {
                        Retractable::Withdrawn { .. } => a.withdrawn_by == Some(ev),
                        _ => true,
                    };
                (ev, ok)
            }
            Retractable::Response { ev, review, .. } => (
                ev,
                self.partnership_open(self.reviews[review as usize].partnership),
            ),
            Retractable::Concluded { ev, review } => {
                let r = &self.reviews[review as usize];
                let open = &self.partnerships[r.partnership as usize].open_reviews;
                (
                    ev,
                    self.partnership_open(r.partnership)
                        && r.concluded_by == Some(ev)
                        && open.len() < ACTIVE_REVIEWS,
                )
            }
            Retractable::Finding { ev, partnership } => {
                (ev, partnership.is_none_or(|p| self.partnership_open(p)))
            }
            Retractable::Report { ev, commitment } => {
                let c = &self.commitments[commitment as usize];
                (
                    ev,
                    self.partnership_open(c.partnership)
                        && c.reports.last().is_some_and(|(e, _)| *e == ev),
                )
            }
            Retractable::Rescheduled { ev, commitment } => (
                ev,
                self.partnership_open(self.commitments[commitment as usize].partnership),
            ),
        }
    }

    /// Takes a retracted event out of the model, as the rules do.
    fn undo(&mut self, target: Retractable) {
        match target {
            Retractable::Endorsement {
                agreement,
                version,
                person,
                ..
            } => {
                let a = &mut self.agreements[agreement as usize];
                if a.version == version {
                    a.endorsers.retain(|x| *x != person);
                }
            }
            Retractable::Withdrawn { agreement, .. } => {
                let a = &mut self.agreements[agreement as usize];
                a.withdrawn_by = None;
                let p = a.partnership;
                let list = &mut self.partnerships[p as usize].agreements;
                if !list.contains(&agreement) && list.len() < ACTIVE_AGREEMENTS {
                    list.push(agreement);
                }
            }
            Retractable::Response { review, person, .. } => {
                self.reviews[review as usize]
                    .responded
                    .retain(|x| *x != person);
            }
            Retractable::Concluded { review, .. } => {
                let r = &mut self.reviews[review as usize];
                r.concluded_by = None;
                let p = r.partnership;
                self.partnerships[p as usize].open_reviews.push(review);
            }
            Retractable::Finding { .. } | Retractable::Rescheduled { .. } => {}
            Retractable::Report { commitment, .. } => {
                let c = &mut self.commitments[commitment as usize];
                let was_final = c.reports.pop().is_some_and(|(_, f)| f);
                let p = c.partnership;
                if was_final {
                    self.partnerships[p as usize].commitments.push(commitment);
                }
            }
        }
    }
}
