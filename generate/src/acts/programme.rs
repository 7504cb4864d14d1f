//! The programme itself: the prologue (directory, programme, framework, stage
//! plan) and what happens on schedule (stages starting and completing,
//! partnerships established over the first quarter, some closed late).

use accord_events::catalogue::{
    Criterion, EventRef, EventRetracted, FrameworkDefined, KeyFingerprint, PartnershipClosed,
    PersonKeyAdded, PersonKeyRevoked, ProgrammeDefined, PublicKeyLine, SignaturesRequired,
    StageCompleted, StagePlanned, StageStarted,
};
use accord_events::fields::{List, Ordinal, Side};

use crate::emit::{capitalise, day, name, slug, slugs, text};
use crate::model::{Generator, Names, STAGES, TRAFFIC_LIGHT, TRAFFIC_LIGHT_CRITERIA};
use crate::words::{
    ACADEMIC, CIVIL_SOCIETY, DEVELOPMENT_PARTNERS, FACILITATORS, GOVERNMENT, PRIVATE_SECTOR,
};

impl Generator {
    /// The directory, the programme, its traffic-light framework and its stages.
    pub(crate) fn prologue(&mut self) {
        let p = self.cfg.partnerships.max(1) as usize;
        let sides: [(Side, Names, usize); 6] = [
            (Side::Government, GOVERNMENT, 5 + p * 35 / 100),
            (Side::DevelopmentPartner, DEVELOPMENT_PARTNERS, 4 + p / 4),
            (Side::CivilSociety, CIVIL_SOCIETY, 2 + p * 15 / 100),
            (Side::PrivateSector, PRIVATE_SECTOR, 1 + p / 20),
            (Side::Academic, ACADEMIC, 1 + p / 20),
            (Side::Facilitator, FACILITATORS, 2),
        ];
        for (side, names, count) in sides {
            for k in 0..count {
                let (slug, name) = names[k % names.len()];
                let round = k / names.len();
                let (id, name) = if round == 0 {
                    (slug.to_owned(), name.to_owned())
                } else {
                    (
                        format!("{slug}-{}", round + 1),
                        format!("{name} (office {})", round + 1),
                    )
                };
                self.register_org(id, &name, side);
            }
        }
        for o in 0..self.orgs.len() as u32 {
            for _ in 0..self.rng.range(2, 4) {
                self.register_person(o);
            }
        }
        let on = self.today();
        let facilitators: Vec<&str> = self.orgs_by_side[Side::Facilitator as usize]
            .iter()
            .map(|o| self.orgs[*o as usize].id.as_str())
            .collect();
        let data = ProgrammeDefined {
            name: name(&format!(
                "Making Partnerships Effective (generated, seed {})",
                self.cfg.seed
            )),
            objective: text(
                "Strengthen the Technical Working Groups as effective partnerships between government and development partners, and track their agreements, reviews and commitments.",
            ),
            commissioned_by: Some(slug(&self.orgs[0].id)),
            facilitators: Some(slugs(&facilitators)),
        };
        self.emit(on, data);
        self.signing_keys(on);
        let criteria = TRAFFIC_LIGHT_CRITERIA
            .iter()
            .map(|c| Criterion {
                id: slug(c),
                label: name(&format!("{} (red, amber, green)", capitalise(c))),
            })
            .collect();
        let data = FrameworkDefined {
            framework: slug(TRAFFIC_LIGHT),
            name: name("Traffic-light health check"),
            criteria: List(criteria),
            scale_min: 1,
            scale_max: 3,
        };
        self.emit(on, data);
        for (i, (stage_name, starts, ends)) in STAGES.iter().enumerate() {
            let s = self.date_at(self.at_fraction(*starts).max(1));
            let e = self.date_at(self.at_fraction(*ends).max(1));
            let achievements = [self.sentence(), self.sentence()];
            let data = StagePlanned {
                stage: Ordinal(i as u32 + 1),
                name: name(stage_name),
                starts_on: day(s),
                ends_on: day(e),
                intended_achievements: Some(List(achievements.iter().map(|a| text(a)).collect())),
            };
            self.emit(on, data);
        }
        self.prologue_done = true;
    }

    /// Whatever is due by now: stage starts and completions, partnerships
    /// to establish, partnerships to close.
    pub(crate) fn scheduled(&mut self) {
        while self.stage_events < 8 {
            let (_, starts, ends) = STAGES[self.stage_events / 2];
            let starting = self.stage_events.is_multiple_of(2);
            let f = if starting { starts } else { ends };
            if self.queued < self.at_fraction(f) {
                break;
            }
            let stage = Ordinal((self.stage_events / 2 + 1) as u32);
            let on = self.today();
            if starting {
                self.emit(on, StageStarted { stage });
            } else {
                let summary = self.sentence();
                let data = StageCompleted {
                    stage,
                    summary: Some(text(&summary)),
                };
                self.emit(on, data);
            }
            self.stage_events += 1;
        }
        let n = self.partnerships.len();
        while self.next_partnership < n {
            let k = self.next_partnership;
            let at = if k < 3 {
                0
            } else {
                self.at_fraction(0.25 * k as f64 / n as f64)
            };
            if self.queued < at {
                break;
            }
            self.establish(k as u32);
            self.next_partnership += 1;
        }
        while let Some(&(at, p)) = self.closures.first() {
            if self.queued < at {
                break;
            }
            self.closures.remove(0);
            // The busiest partnerships never close (the picker falls back on them).
            if p != 0 && self.partnerships[p as usize].established.is_some() {
                let on = self.today();
                let data = PartnershipClosed {
                    partnership: slug(&self.partnerships[p as usize].id),
                    reason: text(
                        "The working group was merged into another TWG after the annual review.",
                    ),
                };
                self.emit(on, data);
                self.partnerships[p as usize].closed = true;
            }
        }
    }
}

impl Generator {
    /// Signing keys (docs/signatures.md), so that a generated log covers
    /// the catalogue: the first two people register keys made from the seed
    /// (the same seed, the same keys), the second revokes theirs, and a
    /// signature requirement is recorded and retracted at once, so that the
    /// generated endorsements may stay unsigned.
    fn signing_keys(&mut self, on: crate::model::Day) {
        let mut fingerprints = Vec::new();
        for i in 0..self.people.len().min(2) {
            let mut seed = [0u8; 32];
            seed[..8].copy_from_slice(&self.cfg.seed.to_le_bytes());
            seed[8] = i as u8 + 1;
            let key = accord_events::signature::SecretKey::from_seed(seed);
            let data = PersonKeyAdded {
                person: slug(&self.people[i].id),
                key: PublicKeyLine::parse(&key.public_line()).expect("an Ed25519 key line"),
            };
            self.emit(on, data);
            fingerprints.push(key.fingerprint());
        }
        if let (Some(person), Some(fp)) = (self.people.get(1), fingerprints.get(1)) {
            let data = PersonKeyRevoked {
                person: slug(&person.id.clone()),
                fingerprint: KeyFingerprint::parse(fp).expect("a SHA256 fingerprint"),
                reason: text("Replaced by a new key"),
            };
            self.emit(on, data);
        }
        let data = SignaturesRequired {
            reason: Some(text("Recorded by mistake; retracted below")),
        };
        let ev = self.emit(on, data);
        let data = EventRetracted {
            event: EventRef(format!("ev-{ev:07}")),
            reason: text("Recorded by mistake: signatures are not required yet"),
        };
        self.emit(on, data);
    }
}
