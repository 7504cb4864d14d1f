//! Partnerships and their partners: establishing one, organisations joining
//! and leaving.

use accord_events::catalogue::{
    PartnerJoined, PartnerLeft, PartnershipEstablished, TranslationRecorded,
};
use accord_events::fields::{LangTag, Role, Side, Translatable, TranslatedField};

use crate::emit::{name, slug, text};
use crate::model::Generator;

impl Generator {
    /// `partnership.established`, then its chair, facilitators, secretariat
    /// and a few members joining.
    pub(crate) fn establish(&mut self, p: u32) {
        let on = self.today();
        let host = self.random_org(Side::Government);
        let data = PartnershipEstablished {
            partnership: slug(&self.partnerships[p as usize].id),
            name: name(&self.partnerships[p as usize].name),
            host: Some(slug(&self.orgs[host as usize].id)),
        };
        self.emit(on, data);
        if p == 0 {
            // One translation, so that every type of the catalogue is in a
            // generated log (no random draw: the rest stays as it was).
            let data = TranslationRecorded {
                of: Translatable::Partnership,
                id: Some(slug(&self.partnerships[0].id)),
                field: TranslatedField::Name,
                version: None,
                lang: LangTag::parse("km").expect("a language tag"),
                text: text("ក្រុមការងារបច្ចេកទេស"),
                translated_by: name("Translation unit"),
            };
            self.emit(on, data);
        }
        self.partnerships[p as usize].established = Some(on);
        self.join(p, host, Role::Chair);
        let lead = self.random_org(Side::DevelopmentPartner);
        self.join(p, lead, Role::LeadFacilitator);
        if self.rng.chance(0.4) {
            let co = self.random_org(Side::DevelopmentPartner);
            self.join(p, co, Role::CoFacilitator);
        }
        let sec = if self.rng.chance(0.7) {
            self.random_org(Side::Government)
        } else {
            self.random_org(Side::Facilitator)
        };
        self.join(p, sec, Role::Secretariat);
        for _ in 0..self.rng.range(2, 7) {
            let side = self.random_side();
            let o = self.random_org(side);
            self.join(p, o, Role::Member);
        }
    }

    /// `partner.joined`, unless the organisation is already a partner.
    pub(crate) fn join(&mut self, p: u32, org: u32, role: Role) -> bool {
        if self.partnerships[p as usize].members.contains(&org) {
            return false;
        }
        let on = self.today();
        let data = PartnerJoined {
            partnership: slug(&self.partnerships[p as usize].id),
            org: slug(&self.orgs[org as usize].id),
            role,
        };
        self.emit(on, data);
        self.partnerships[p as usize].members.push(org);
        true
    }

    /// A random organisation joins `p` as a member.
    pub(crate) fn join_new(&mut self, p: u32) -> bool {
        let side = self.random_side();
        let org = self.random_org(side);
        self.join(p, org, Role::Member)
    }

    /// `partner.left`, keeping at least four partners and two of each side present.
    pub(crate) fn leave(&mut self, p: u32) -> bool {
        let members = self.partnerships[p as usize].members.clone();
        if members.len() <= 4 {
            return self.join_new(p);
        }
        let org = members[self.rng.below(members.len())];
        let side = self.orgs[org as usize].side;
        let same_side = members
            .iter()
            .filter(|o| self.orgs[**o as usize].side == side)
            .count();
        // Each partnership keeps both sides at the table.
        if same_side < 2 {
            return false;
        }
        let on = self.today();
        let data = PartnerLeft {
            partnership: slug(&self.partnerships[p as usize].id),
            org: slug(&self.orgs[org as usize].id),
            reason: text("Its programme in this sector ended."),
        };
        self.emit(on, data);
        self.partnerships[p as usize].members.retain(|o| *o != org);
        true
    }
}
