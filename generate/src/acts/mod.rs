//! The acts of programme life, one file per family. Each act reads the model
//! (`crate::model`), emits the typed events the rules of docs/rules.md accept at
//! that point and updates the model to match. An act that finds nothing to
//! do returns `false`, and the step records a finding instead.

mod agreements;
mod commitments;
mod directory;
mod gatherings;
mod partnerships;
mod programme;
mod retractions;
mod reviews;

use crate::model::Generator;

impl Generator {
    /// One step of programme life: the prologue first, then whatever is
    /// scheduled, then one act on a partnership chosen by activity.
    pub(crate) fn step(&mut self) {
        if !self.prologue_done {
            self.prologue();
            return;
        }
        self.scheduled();
        let Some(p) = self.pick_partnership() else {
            return;
        };
        // Quality drifts slowly.
        let q = &mut self.partnerships[p as usize].quality;
        *q = (*q + (self.rng.unit() - 0.5) * 0.02).clamp(0.05, 0.95);
        let roll = self.rng.below(1000);
        let done = match roll {
            0..200 => self.respond(p),
            200..330 => self.endorse(p),
            330..440 => self.report(p),
            440..520 => self.commit(p),
            520..560 => self.interview(Some(p)),
            560..595 => self.open_review(p),
            595..615 => self.conclude(p),
            615..650 => self.propose(p),
            650..675 => self.revise(p),
            675..679 => self.withdraw(p),
            679..704 => self.reschedule(p),
            704..739 => self.meeting(p),
            739..759 => self.activity(p),
            759..769 => self.join_new(p),
            769..774 => self.leave(p),
            774..786 => self.new_person(),
            786..791 => self.move_person(),
            791..793 => self.new_org(),
            793..808 => self.retract(),
            808..815 => self.interview(None),
            _ => false,
        };
        if !done {
            self.finding(p);
        }
    }
}
