//! Agreements: versions of a text and who endorsed each one.
//!
//! A version is adopted on the date it first had an endorsement from a
//! person of a `government` organisation and one from a person of a
//! `development_partner` organisation (each endorser's organisation as of
//! the endorsement's date). An endorser's organisation leaving later does
//! not undo an adoption. The version in force is the newest adopted one.

use accord_events::catalogue::{AgreementEndorsed, AgreementProposed, AgreementRevised};
use accord_events::fields::{AgreementKind, Day, Side};

use super::Stamp;
use crate::directory::Directory;

/// An agreement and its versions.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    /// Its id.
    pub agreement: String,
    /// What it is about.
    pub kind: AgreementKind,
    /// Its versions, version 1 first.
    pub versions: Vec<Version>,
    /// `agreement.withdrawn`, once folded.
    pub withdrawn: Option<Withdrawal>,
}

/// One version of an agreement's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    /// Its number, from 1.
    pub version: u32,
    /// The agreement's title as of this version.
    pub title: String,
    /// The exact text.
    pub text: String,
    /// Who proposed (version 1) or revised (later versions) it.
    pub author: String,
    /// Why it was revised (`None` for version 1).
    pub reason: Option<String>,
    /// The `agreement.proposed` or `agreement.revised` event.
    pub stamp: Stamp,
    /// Its endorsements, in `seq` order.
    pub endorsements: Vec<Endorsement>,
}

/// One person's endorsement of a version.
#[derive(Clone, Debug, PartialEq)]
pub struct Endorsement {
    /// The version endorsed.
    pub version: u32,
    /// Who endorsed it.
    pub person: String,
    /// The forum it was given in, if recorded.
    pub forum: Option<String>,
    /// The fingerprint of the key that signed it (`None`: unsigned).
    /// Whether the signature verifies is `audit`'s and `verify`'s question.
    pub signed_by: Option<String>,
    /// The `agreement.endorsed` event.
    pub stamp: Stamp,
}

/// `agreement.withdrawn`.
#[derive(Clone, Debug, PartialEq)]
pub struct Withdrawal {
    /// Who withdrew it.
    pub by: String,
    /// Why.
    pub reason: String,
    /// When and where it was recorded.
    pub stamp: Stamp,
}

/// How a version came to be adopted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adoption {
    /// The date it first had both sides' endorsements.
    pub on: Day,
    /// The `seq` of the endorsement that completed it.
    pub completed_by: u64,
    /// Government organisations that had endorsed it by then (in order).
    pub government: Vec<String>,
    /// Development-partner organisations that had endorsed it by then (in order).
    pub development_partner: Vec<String>,
}

impl Agreement {
    pub(crate) fn proposed(stamp: Stamp, d: &AgreementProposed) -> Agreement {
        Agreement {
            agreement: d.agreement.to_string(),
            kind: d.kind,
            versions: vec![Version {
                version: 1,
                title: d.title.as_str().to_owned(),
                text: d.text.as_str().to_owned(),
                author: d.proposed_by.to_string(),
                reason: None,
                stamp,
                endorsements: Vec::new(),
            }],
            withdrawn: None,
        }
    }

    pub(crate) fn endorse(&mut self, stamp: Stamp, d: &AgreementEndorsed) {
        let slot = (d.version.0 as usize).checked_sub(1);
        if let Some(v) = slot.and_then(|i| self.versions.get_mut(i)) {
            v.endorsements.push(Endorsement {
                version: d.version.0,
                person: d.by.to_string(),
                forum: d.forum.as_ref().map(|f| f.as_str().to_owned()),
                signed_by: d.signature.as_ref().map(|s| s.fingerprint()),
                stamp,
            });
        }
    }

    pub(crate) fn revise(&mut self, stamp: Stamp, d: &AgreementRevised) {
        let title = d
            .title
            .as_ref()
            .map(|t| t.as_str().to_owned())
            .unwrap_or_else(|| self.title().to_owned());
        self.versions.push(Version {
            version: self.versions.len() as u32 + 1,
            title,
            text: d.text.as_str().to_owned(),
            author: d.revised_by.to_string(),
            reason: Some(d.reason.as_str().to_owned()),
            stamp,
            endorsements: Vec::new(),
        });
    }

    /// The current title (the newest version's).
    pub fn title(&self) -> &str {
        self.current().title.as_str()
    }

    /// The newest version.
    pub fn current(&self) -> &Version {
        self.versions.last().expect("an agreement has version 1")
    }

    /// A version by number.
    pub fn version(&self, n: u32) -> Option<&Version> {
        n.checked_sub(1).and_then(|i| self.versions.get(i as usize))
    }

    /// Every endorsement of every version, in `seq` order.
    pub fn endorsements(&self) -> Vec<&Endorsement> {
        let mut all: Vec<&Endorsement> = self
            .versions
            .iter()
            .flat_map(|v| v.endorsements.iter())
            .collect();
        all.sort_by_key(|e| e.stamp.seq);
        all
    }

    /// The proposal date.
    pub fn proposed_on(&self) -> Day {
        self.versions[0].stamp.on
    }
}

impl Version {
    /// How the version was adopted, if it was: walks its endorsements in
    /// date order (ties by `seq`) until one of each side has endorsed.
    pub fn adoption(&self, dir: &Directory) -> Option<Adoption> {
        let mut ordered: Vec<&Endorsement> = self.endorsements.iter().collect();
        ordered.sort_by_key(|e| (e.stamp.on, e.stamp.seq));
        let mut government: Vec<String> = Vec::new();
        let mut development_partner: Vec<String> = Vec::new();
        for e in ordered {
            let Some(a) = dir.acting_for(&e.person, e.stamp.on.0) else {
                continue;
            };
            let list = match a.side {
                Some(Side::Government) => &mut government,
                Some(Side::DevelopmentPartner) => &mut development_partner,
                _ => continue,
            };
            if !list.contains(&a.org) {
                list.push(a.org);
            }
            if !government.is_empty() && !development_partner.is_empty() {
                return Some(Adoption {
                    on: e.stamp.on,
                    completed_by: e.stamp.seq,
                    government,
                    development_partner,
                });
            }
        }
        None
    }
}
