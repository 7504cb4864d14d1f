//! Commitments: made by a partner (often out of a review, an agreement or a
//! meeting), reported on until completed or dropped, sometimes rescheduled.

use accord_events::catalogue::{CommitmentMade, CommitmentReported, CommitmentRescheduled};
use accord_events::fields::ReportedStatus;

use crate::emit::{day, slug, text};
use crate::model::{ACTIVE_COMMITMENTS, Commitment, Day, Generator, Retractable};

impl Generator {
    /// `commitment.made` by a partner of `p` (a report instead when `p` has
    /// its fill of running commitments).
    pub(crate) fn commit(&mut self, p: u32) -> bool {
        if self.partnerships[p as usize].commitments.len() >= ACTIVE_COMMITMENTS {
            return self.report(p);
        }
        let members = &self.partnerships[p as usize].members;
        if members.is_empty() {
            return false;
        }
        let owner = members[self.rng.below(members.len())];
        let mut earliest = self.established(p).max(self.orgs[owner as usize].created);
        let origin = self.commitment_origin(p);
        if let Some((_, d)) = &origin {
            earliest = earliest.max(*d);
        }
        let on = self.maybe_backdated(earliest);
        let part = &mut self.partnerships[p as usize];
        part.counters[2] += 1;
        let id = format!("{}-c{}", part.id, part.counters[2]);
        let due = on + self.rng.range(60, 540) as Day;
        let sentence = self.sentence();
        let data = CommitmentMade {
            commitment: slug(&id),
            partnership: slug(&self.partnerships[p as usize].id),
            text: text(&sentence),
            owner: slug(&self.orgs[owner as usize].id),
            due: day(due),
            origin: origin.as_ref().map(|(o, _)| slug(o)),
        };
        self.emit(on, data);
        let c = self.commitments.len() as u32;
        self.commitments.push(Commitment {
            id,
            partnership: p,
            reports: Vec::new(),
            due,
        });
        self.partnerships[p as usize].commitments.push(c);
        true
    }

    /// Where a new commitment of `p` comes from, with that origin's date:
    /// a recent review, one of its agreements, a recent meeting, or nothing.
    fn commitment_origin(&mut self, p: u32) -> Option<(String, Day)> {
        match self.rng.below(4) {
            0 => {
                let list = &self.partnerships[p as usize].recent_reviews;
                (!list.is_empty()).then(|| {
                    let r = &self.reviews[list[self.rng.below(list.len())] as usize];
                    (r.id.clone(), r.created)
                })
            }
            1 => {
                let list = &self.partnerships[p as usize].all_agreements;
                (!list.is_empty()).then(|| {
                    let a = &self.agreements[list[self.rng.below(list.len())] as usize];
                    (a.id.clone(), a.created)
                })
            }
            2 => (!self.meetings.is_empty()).then(|| {
                let k = self.meetings.len() - 1 - self.rng.below(self.meetings.len().min(20));
                self.meetings[k].clone()
            }),
            _ => None,
        }
    }

    fn running_commitment(&mut self, p: u32) -> Option<u32> {
        let list = &self.partnerships[p as usize].commitments;
        (!list.is_empty()).then(|| list[self.rng.below(list.len())])
    }

    /// `commitment.reported` on a running commitment of `p` (or a new one).
    pub(crate) fn report(&mut self, p: u32) -> bool {
        let Some(c) = self.running_commitment(p) else {
            return self.commit(p);
        };
        let on = self.today();
        let overdue = on > self.commitments[c as usize].due;
        let n = self.commitments[c as usize].reports.len();
        // The more reports a commitment has had, the likelier it ends.
        let status = match self.rng.below(100) {
            x if x < 8 + 6 * n => {
                if self.rng.chance(0.85) {
                    ReportedStatus::Completed
                } else {
                    ReportedStatus::Dropped
                }
            }
            x if x < 60 && !overdue => ReportedStatus::OnSchedule,
            _ => ReportedStatus::BehindSchedule,
        };
        let reporter = self.acting_person(p, &[]);
        let note = self.rng.chance(0.4).then(|| self.sentence());
        let data = CommitmentReported {
            commitment: slug(&self.commitments[c as usize].id),
            status,
            reported_by: reporter.map(|x| slug(&self.people[x as usize].id)),
            note: note.as_deref().map(text),
        };
        let ev = self.emit(on, data);
        let is_final = status.is_final();
        self.commitments[c as usize].reports.push((ev, is_final));
        if is_final {
            self.partnerships[p as usize]
                .commitments
                .retain(|x| *x != c);
        }
        self.remember(Retractable::Report { ev, commitment: c });
        true
    }

    /// `commitment.rescheduled` to a later due date.
    pub(crate) fn reschedule(&mut self, p: u32) -> bool {
        let Some(c) = self.running_commitment(p) else {
            return false;
        };
        let on = self.today();
        let due = self.commitments[c as usize].due.max(on) + self.rng.range(30, 180) as Day;
        let data = CommitmentRescheduled {
            commitment: slug(&self.commitments[c as usize].id),
            due: day(due),
            reason: text("Funding arrived later than planned."),
        };
        let ev = self.emit(on, data);
        self.commitments[c as usize].due = due;
        self.remember(Retractable::Rescheduled { ev, commitment: c });
        true
    }
}
