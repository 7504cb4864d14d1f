//! Agreements: proposed, endorsed by partners' people, revised (which sets
//! endorsements going again), now and then withdrawn.

use accord_events::catalogue::{
    AgreementEndorsed, AgreementProposed, AgreementRevised, AgreementWithdrawn,
};
use accord_events::fields::{AgreementKind, Ordinal};

use crate::emit::{capitalise, name, slug, text};
use crate::model::{ACTIVE_AGREEMENTS, AGREEMENT_EVENTS, Agreement, Generator, Retractable};

impl Generator {
    /// `agreement.proposed` (retiring the oldest agreement in play when `p` has too many).
    pub(crate) fn propose(&mut self, p: u32) -> bool {
        if self.partnerships[p as usize].agreements.len() >= ACTIVE_AGREEMENTS {
            // Retire the oldest: it stays in the log, nobody works on it any more.
            self.partnerships[p as usize].agreements.remove(0);
        }
        let Some(person) = self.acting_person(p, &[]) else {
            return false;
        };
        let on = self.today();
        let part = &mut self.partnerships[p as usize];
        part.counters[0] += 1;
        let id = format!("{}-a{}", part.id, part.counters[0]);
        let kind = *self.rng.pick(AgreementKind::ALL);
        let title = format!(
            "{} of the {}",
            capitalise(&kind.as_str().replace('_', " ")),
            self.partnerships[p as usize].name
        );
        let k = 2 + self.rng.below(4);
        let body = self.text(k);
        let data = AgreementProposed {
            agreement: slug(&id),
            partnership: slug(&self.partnerships[p as usize].id),
            kind,
            title: name(&title),
            text: text(&body),
            proposed_by: slug(&self.people[person as usize].id),
        };
        self.emit(on, data);
        let a = self.agreements.len() as u32;
        self.agreements.push(Agreement {
            id,
            partnership: p,
            version: 1,
            endorsers: Vec::new(),
            events: 1,
            withdrawn_by: None,
            created: on,
        });
        let part = &mut self.partnerships[p as usize];
        part.agreements.push(a);
        part.all_agreements.push(a);
        true
    }

    /// An agreement of `p` still in play (not withdrawn), if any.
    fn live_agreement(&mut self, p: u32) -> Option<u32> {
        let list = &self.partnerships[p as usize].agreements;
        if list.is_empty() {
            return None;
        }
        let a = list[self.rng.below(list.len())];
        let ag = &self.agreements[a as usize];
        if ag.withdrawn_by.is_some() || ag.events >= AGREEMENT_EVENTS {
            let list = &mut self.partnerships[p as usize].agreements;
            list.retain(|x| *x != a);
            return None;
        }
        Some(a)
    }

    /// `agreement.endorsed` by someone who has not endorsed the current version.
    pub(crate) fn endorse(&mut self, p: u32) -> bool {
        let Some(a) = self.live_agreement(p) else {
            return self.propose(p);
        };
        let endorsers = self.agreements[a as usize].endorsers.clone();
        let Some(person) = self.acting_person(p, &endorsers) else {
            return self.revise(p);
        };
        let on = self.today();
        let version = self.agreements[a as usize].version;
        let forum = self.rng.chance(0.5).then(|| {
            *self.rng.pick(&[
                "TWG meeting",
                "Strategic Meeting",
                "GDCC",
                "Partnership retreat",
            ])
        });
        let data = AgreementEndorsed {
            agreement: slug(&self.agreements[a as usize].id),
            version: Ordinal(version),
            by: slug(&self.people[person as usize].id),
            forum: forum.map(name),
            // Generated endorsements are unsigned (docs/signatures.md).
            signature: None,
        };
        let ev = self.emit(on, data);
        let ag = &mut self.agreements[a as usize];
        ag.endorsers.push(person);
        ag.events += 1;
        self.remember(Retractable::Endorsement {
            ev,
            agreement: a,
            version,
            person,
        });
        true
    }

    /// `agreement.revised`: a new version, endorsements start again.
    pub(crate) fn revise(&mut self, p: u32) -> bool {
        let Some(a) = self.live_agreement(p) else {
            return false;
        };
        let Some(person) = self.acting_person(p, &[]) else {
            return false;
        };
        let on = self.today();
        let k = 2 + self.rng.below(4);
        let body = self.text(k);
        let reason = *self.rng.pick(&[
            "A new partner joined and the text was revisited.",
            "The annual review asked for clearer roles.",
            "Aligned with the updated national strategic development plan.",
            "Comments from the GDCC were taken in.",
        ]);
        let data = AgreementRevised {
            agreement: slug(&self.agreements[a as usize].id),
            text: text(&body),
            title: None,
            reason: text(reason),
            revised_by: slug(&self.people[person as usize].id),
        };
        self.emit(on, data);
        let ag = &mut self.agreements[a as usize];
        ag.version += 1;
        ag.endorsers.clear();
        ag.events += 1;
        true
    }

    /// `agreement.withdrawn`.
    pub(crate) fn withdraw(&mut self, p: u32) -> bool {
        let Some(a) = self.live_agreement(p) else {
            return false;
        };
        let Some(person) = self.acting_person(p, &[]) else {
            return false;
        };
        let on = self.today();
        let data = AgreementWithdrawn {
            agreement: slug(&self.agreements[a as usize].id),
            reason: text("Superseded by a joint action plan."),
            by: slug(&self.people[person as usize].id),
        };
        let ev = self.emit(on, data);
        let ag = &mut self.agreements[a as usize];
        ag.withdrawn_by = Some(ev);
        ag.events += 1;
        self.remember(Retractable::Withdrawn { ev, agreement: a });
        true
    }
}
