//! The directory: organisations and people registering, people moving posts.

use accord_events::catalogue::{OrganisationRegistered, PersonMoved, PersonRegistered};
use accord_events::fields::Side;

use crate::emit::{capitalise, name, slug};
use crate::model::{Generator, Org, Person};
use crate::words::{FAMILY, GIVEN};

impl Generator {
    /// `organisation.registered`; returns the organisation's index.
    pub(crate) fn register_org(&mut self, id: String, org_name: &str, side: Side) -> u32 {
        let on = self.today();
        let data = OrganisationRegistered {
            org: slug(&id),
            name: name(org_name),
            side,
        };
        self.emit(on, data);
        let i = self.orgs.len() as u32;
        self.orgs.push(Org {
            id,
            side,
            people: Vec::new(),
            created: on,
        });
        self.orgs_by_side[side as usize].push(i);
        i
    }

    /// `person.registered` at organisation `org`; returns the person's index.
    pub(crate) fn register_person(&mut self, org: u32) -> u32 {
        let on = self.today();
        let i = self.people.len() as u32;
        let given = *self.rng.pick(GIVEN);
        let family = *self.rng.pick(FAMILY);
        let id = format!("{given}-{family}-{i}");
        let full_name = format!("{} {}", capitalise(family), capitalise(given));
        let titles = [
            "Director",
            "Deputy Director",
            "Programme Officer",
            "Adviser",
            "Chief of Office",
            "Team Leader",
        ];
        let title = *self.rng.pick(&titles);
        let data = PersonRegistered {
            person: slug(&id),
            name: name(&full_name),
            org: slug(&self.orgs[org as usize].id),
            title: self.rng.chance(0.7).then(|| name(title)),
        };
        self.emit(on, data);
        self.people.push(Person {
            id,
            org,
            created: on,
        });
        self.orgs[org as usize].people.push(i);
        i
    }

    pub(crate) fn new_person(&mut self) -> bool {
        let org = self.rng.below(self.orgs.len()) as u32;
        self.register_person(org);
        true
    }

    /// `person.moved` to another organisation of the same side.
    pub(crate) fn move_person(&mut self) -> bool {
        let person = self.rng.below(self.people.len()) as u32;
        let from = self.people[person as usize].org;
        let side = self.orgs[from as usize].side;
        let to = self.random_org(side);
        if to == from {
            return false;
        }
        let on = self.today();
        let data = PersonMoved {
            person: slug(&self.people[person as usize].id),
            org: slug(&self.orgs[to as usize].id),
            title: self.rng.chance(0.5).then(|| name("Adviser")),
        };
        self.emit(on, data);
        self.orgs[from as usize].people.retain(|x| *x != person);
        self.orgs[to as usize].people.push(person);
        self.people[person as usize].org = to;
        true
    }

    /// A new organisation on a random side, with two people.
    pub(crate) fn new_org(&mut self) -> bool {
        let side = self.random_side();
        let k = self.orgs_by_side[side as usize].len() + 1;
        let (id, org_name) = match side {
            Side::Government => (
                format!("prov-dept-{k}"),
                format!("Provincial Department {k}"),
            ),
            Side::DevelopmentPartner => (format!("dp-fund-{k}"), format!("Development Fund {k}")),
            Side::CivilSociety => (format!("ngo-{k}"), format!("Local NGO {k}")),
            Side::PrivateSector => (format!("firm-{k}"), format!("Private Firm {k}")),
            _ => (format!("institute-{k}"), format!("Research Institute {k}")),
        };
        if self.orgs.iter().any(|o| o.id == id) {
            return false;
        }
        let o = self.register_org(id, &org_name, side);
        self.register_person(o);
        self.register_person(o);
        true
    }
}
