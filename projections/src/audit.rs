//! Who agreed what: the audit trail of an agreement, a person or an
//! organisation, with where each act stands in the log and who recorded it.
//!
//! Every act carries the organisation and side the person acted for on the
//! act's date (a later move does not change it). Retracted events count
//! nowhere, but an agreement's audit lists its retractions separately so an
//! auditor sees what was taken back, when and by whom.

use accord_events::fields::{AgreementKind, Day, Role, Side};
use accord_events::{Envelope, Event};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::directory::Directory;
use crate::partnership::{AgreementState, AgreementStatus, CommitmentStatus, Stamp};
use crate::replay::Replay;
use crate::textdiff::{Piece, word_diff};
use crate::view::View;

/// Lowercase hex SHA-256 of the exact bytes of `text`.
pub fn text_sha256(text: &str) -> String {
    let digest: [u8; 32] = Sha256::digest(text.as_bytes()).into();
    hex::encode(digest)
}

/// The audit trail of one agreement.
///
/// JSON (the keys other tools read first): `agreement`, `versions` [{`version`,
/// `text_sha256`, `proposed_or_revised_by`, `occurred_at`, `seq`,
/// `endorsements` [{`person`, `org`, `side`, `occurred_at`, `seq`,
/// `recorded_by`, `recorded_at`, then `id`, `hash`, `forum`}], `adopted_on`,
/// then `title`, `org`, `side` (of the author), `reason`, `id`, `recorded_by`,
/// `recorded_at`, `hash`, `text` (the version's exact text, whose SHA-256 is
/// `text_sha256`), `diff_from_previous` (null for version 1, else the word
/// diff from the version before, as [`Piece`]s)}], then `partnership`, `kind`, `title`, `status`,
/// `in_force_version`, `withdrawn` (null or an act), `retractions`
/// [{`retracted` (the act taken back), `reason`, `id`, `seq`, `occurred_at`,
/// `recorded_by`, `recorded_at`}].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgreementAudit {
    /// Its id.
    pub agreement: String,
    /// Every version, version 1 first.
    pub versions: Vec<VersionAudit>,
    /// The partnership it belongs to.
    pub partnership: String,
    /// What it is about.
    pub kind: AgreementKind,
    /// Its current title.
    pub title: String,
    /// Its status.
    pub status: AgreementStatus,
    /// The version in force.
    pub in_force_version: Option<u32>,
    /// Its withdrawal, if withdrawn.
    pub withdrawn: Option<Act>,
    /// Acts on it that were retracted, in `seq` order of the retraction.
    pub retractions: Vec<RetractionAudit>,
}

/// One version's provenance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VersionAudit {
    /// Its number.
    pub version: u32,
    /// SHA-256 of its exact text.
    pub text_sha256: String,
    /// Who proposed or revised it.
    pub proposed_or_revised_by: String,
    /// Business time of the proposal or revision.
    pub occurred_at: String,
    /// Position of the proposal or revision in the log.
    pub seq: u64,
    /// Its endorsements, in `seq` order.
    pub endorsements: Vec<EndorsementAudit>,
    /// When it was first co-endorsed by both sides.
    pub adopted_on: Option<Day>,
    /// Its title.
    pub title: String,
    /// The author's organisation on that date.
    pub org: Option<String>,
    /// Its side.
    pub side: Option<Side>,
    /// Why it was revised.
    pub reason: Option<String>,
    /// The event id.
    pub id: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// When it was recorded.
    pub recorded_at: String,
    /// Its hash in the chain.
    pub hash: String,
    /// Its exact text, as proposed or revised.
    pub text: String,
    /// What changed from the version before, word by word (`None` for
    /// version 1).
    pub diff_from_previous: Option<Vec<Piece>>,
}

/// One endorsement's provenance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EndorsementAudit {
    /// Who endorsed.
    pub person: String,
    /// The organisation they acted for on that date.
    pub org: Option<String>,
    /// Its side.
    pub side: Option<Side>,
    /// Business time as written.
    pub occurred_at: String,
    /// Position in the log.
    pub seq: u64,
    /// Who recorded it.
    pub recorded_by: String,
    /// When it was recorded.
    pub recorded_at: String,
    /// The event id.
    pub id: String,
    /// Its hash in the chain.
    pub hash: String,
    /// The forum, if recorded.
    pub forum: Option<String>,
    /// `null` when unsigned; else the signing key and whether the signature
    /// verifies over the endorsement's statement with a key the person held
    /// on that date (re-checked from the events, not taken from the store).
    pub signature: Option<SignatureAudit>,
}

/// An endorsement's signature, as the audit found it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SignatureAudit {
    /// The signing key's `SHA256:` fingerprint.
    pub fingerprint: String,
    /// True when it verifies.
    pub verified: bool,
}

/// What a person did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActKind {
    /// Proposed an agreement.
    Proposed,
    /// Endorsed a version.
    Endorsed,
    /// Revised an agreement.
    Revised,
    /// Withdrew an agreement.
    Withdrew,
    /// Responded to a review.
    Responded,
    /// Reported on a commitment.
    Reported,
}

/// One act of a person, with whom they acted for and the log's record of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Act {
    /// What they did.
    pub act: ActKind,
    /// Who.
    pub person: String,
    /// The organisation they acted for on that date.
    pub org: Option<String>,
    /// Its side.
    pub side: Option<Side>,
    /// The partnership.
    pub partnership: String,
    /// The agreement, review or commitment acted on.
    pub subject: String,
    /// The agreement version, for proposals, revisions and endorsements.
    pub version: Option<u32>,
    /// Business time as written.
    pub occurred_at: String,
    /// Position in the log.
    pub seq: u64,
    /// The event id.
    pub id: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// When it was recorded.
    pub recorded_at: String,
}

/// A retraction of an act on an agreement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RetractionAudit {
    /// The act taken back (its type, id, `seq` and data summary).
    pub retracted: RetractedEvent,
    /// Why.
    pub reason: String,
    /// The retraction's event id.
    pub id: String,
    /// The retraction's position in the log.
    pub seq: u64,
    /// Business time of the retraction.
    pub occurred_at: String,
    /// Who recorded the retraction.
    pub recorded_by: String,
    /// When it was recorded (from then on the act counts nowhere).
    pub recorded_at: String,
}

/// The event a retraction took back.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RetractedEvent {
    /// Its type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its id.
    pub id: String,
    /// Its position.
    pub seq: u64,
    /// The person it named (the endorser, the one who withdrew).
    pub person: Option<String>,
    /// The version it named.
    pub version: Option<u32>,
    /// Business time as written.
    pub occurred_at: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// When it was recorded.
    pub recorded_at: String,
}

fn act(
    dir: &Directory,
    kind: ActKind,
    person: &str,
    partnership: &str,
    subject: &str,
    version: Option<u32>,
    s: &Stamp,
) -> Act {
    let who = dir.acting_for(person, s.on.0);
    Act {
        act: kind,
        person: person.to_owned(),
        org: who.as_ref().map(|w| w.org.clone()),
        side: who.and_then(|w| w.side),
        partnership: partnership.to_owned(),
        subject: subject.to_owned(),
        version,
        occurred_at: s.occurred_at().to_string(),
        seq: s.seq,
        id: s.id().to_string(),
        recorded_by: s.recorded_by().to_string(),
        recorded_at: s.recorded_at().to_string(),
    }
}

/// Every act of every person in a replay, in `seq` order.
pub fn acts(replay: &Replay) -> Vec<Act> {
    let dir = &replay.directory;
    let mut out = Vec::new();
    for p in replay.partnerships.values() {
        let pid = p.partnership.as_str();
        for a in &p.agreements {
            for v in &a.versions {
                let kind = if v.version == 1 {
                    ActKind::Proposed
                } else {
                    ActKind::Revised
                };
                out.push(act(
                    dir,
                    kind,
                    &v.author,
                    pid,
                    &a.agreement,
                    Some(v.version),
                    &v.stamp,
                ));
                for e in &v.endorsements {
                    out.push(act(
                        dir,
                        ActKind::Endorsed,
                        &e.person,
                        pid,
                        &a.agreement,
                        Some(e.version),
                        &e.stamp,
                    ));
                }
            }
            if let Some(w) = &a.withdrawn {
                out.push(act(
                    dir,
                    ActKind::Withdrew,
                    &w.by,
                    pid,
                    &a.agreement,
                    None,
                    &w.stamp,
                ));
            }
        }
        for r in &p.reviews {
            for x in &r.responses {
                out.push(act(
                    dir,
                    ActKind::Responded,
                    &x.respondent,
                    pid,
                    &r.review,
                    None,
                    &x.stamp,
                ));
            }
        }
        for c in &p.commitments {
            for r in &c.reports {
                if let Some(by) = &r.reported_by {
                    out.push(act(
                        dir,
                        ActKind::Reported,
                        by,
                        pid,
                        &c.commitment,
                        None,
                        &r.stamp,
                    ));
                }
            }
        }
    }
    out.sort_by_key(|a| a.seq);
    out
}

impl AgreementAudit {
    /// The audit trail of `agreement` in `view`; `None` when it was not
    /// proposed in the view.
    pub fn build(events: &[Envelope], agreement: &str, view: &View) -> Option<AgreementAudit> {
        let replay = Replay::of(events, view);
        let dir = &replay.directory;
        let (p, a) = replay
            .partnerships
            .values()
            .find_map(|p| p.agreement(agreement).map(|a| (p, a)))?;
        let state = AgreementState::build(a, dir);
        // Every signed endorsement re-checked at its place in the log.
        let mut walk = accord_events::rules::SignatureWalk::new();
        let checks: std::collections::HashMap<u64, bool> = events
            .iter()
            .filter_map(|e| walk.push(e).map(|r| (e.seq, r.is_ok())))
            .collect();
        let versions = a
            .versions
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let who = dir.acting_for(&v.author, v.stamp.on.0);
                VersionAudit {
                    version: v.version,
                    text_sha256: text_sha256(&v.text),
                    proposed_or_revised_by: v.author.clone(),
                    occurred_at: v.stamp.occurred_at().to_string(),
                    seq: v.stamp.seq,
                    endorsements: v
                        .endorsements
                        .iter()
                        .map(|e| {
                            let who = dir.acting_for(&e.person, e.stamp.on.0);
                            EndorsementAudit {
                                person: e.person.clone(),
                                org: who.as_ref().map(|w| w.org.clone()),
                                side: who.and_then(|w| w.side),
                                occurred_at: e.stamp.occurred_at().to_string(),
                                seq: e.stamp.seq,
                                recorded_by: e.stamp.recorded_by().to_string(),
                                recorded_at: e.stamp.recorded_at().to_string(),
                                id: e.stamp.id().to_string(),
                                hash: e.stamp.hash_hex(),
                                forum: e.forum.clone(),
                                signature: e.signed_by.as_ref().map(|fp| SignatureAudit {
                                    fingerprint: fp.clone(),
                                    verified: checks.get(&e.stamp.seq).copied().unwrap_or(false),
                                }),
                            }
                        })
                        .collect(),
                    adopted_on: v.adoption(dir).map(|x| x.on),
                    title: v.title.clone(),
                    org: who.as_ref().map(|w| w.org.clone()),
                    side: who.and_then(|w| w.side),
                    reason: v.reason.clone(),
                    id: v.stamp.id().to_string(),
                    recorded_by: v.stamp.recorded_by().to_string(),
                    recorded_at: v.stamp.recorded_at().to_string(),
                    hash: v.stamp.hash_hex(),
                    text: v.text.clone(),
                    diff_from_previous: i
                        .checked_sub(1)
                        .and_then(|p| a.versions.get(p))
                        .map(|prev| word_diff(&prev.text, &v.text)),
                }
            })
            .collect();
        let retractions = view
            .retractions(events)
            .into_iter()
            .filter_map(|r| {
                let t = r.target?;
                (t.event.agreement().map(|x| x.as_str()) == Some(agreement)).then(|| {
                    let (person, version) = match &t.event {
                        Event::AgreementEndorsed(d) => (Some(d.by.to_string()), Some(d.version.0)),
                        Event::AgreementWithdrawn(d) => (Some(d.by.to_string()), None),
                        _ => (None, None),
                    };
                    RetractionAudit {
                        retracted: RetractedEvent {
                            kind: t.event.kind().as_str().to_owned(),
                            id: t.id.clone(),
                            seq: t.seq,
                            person,
                            version,
                            occurred_at: t.occurred_at.clone(),
                            recorded_by: t.recorded_by.clone(),
                            recorded_at: t.recorded_at.clone(),
                        },
                        reason: r.reason.to_owned(),
                        id: r.retraction.id.clone(),
                        seq: r.retraction.seq,
                        occurred_at: r.retraction.occurred_at.clone(),
                        recorded_by: r.retraction.recorded_by.clone(),
                        recorded_at: r.retraction.recorded_at.clone(),
                    }
                })
            })
            .collect();
        Some(AgreementAudit {
            agreement: a.agreement.clone(),
            versions,
            partnership: p.partnership.clone(),
            kind: a.kind,
            title: a.title().to_owned(),
            status: state.status,
            in_force_version: state.in_force_version,
            withdrawn: a.withdrawn.as_ref().map(|w| {
                act(
                    dir,
                    ActKind::Withdrew,
                    &w.by,
                    &p.partnership,
                    &a.agreement,
                    None,
                    &w.stamp,
                )
            }),
            retractions,
        })
    }
}

/// A post, with the organisation's name and side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PostAudit {
    /// The organisation.
    pub org: String,
    /// Its name.
    pub name: String,
    /// Its side.
    pub side: Option<Side>,
    /// The title held.
    pub title: Option<String>,
    /// From when.
    pub from: Day,
    /// Until the next post began (null: still held).
    pub until: Option<Day>,
    /// Position in the log.
    pub seq: u64,
}

/// Everything a person did, and for whom.
///
/// JSON: `person`, `name`, `posts` [{`org`, `name`, `side`, `title`,
/// `from`, `until`, `seq`}], `acts` [{`act`, `person`, `org`, `side`,
/// `partnership`, `subject`, `version`, `occurred_at`, `seq`, `id`,
/// `recorded_by`, `recorded_at`}].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PersonAudit {
    /// Their id.
    pub person: String,
    /// Their name.
    pub name: String,
    /// Their posts, in date order.
    pub posts: Vec<PostAudit>,
    /// Their acts (proposals, endorsements, revisions, withdrawals, review
    /// responses, commitment reports), in `seq` order.
    pub acts: Vec<Act>,
}

fn posts(dir: &Directory, person: &crate::directory::Person) -> Vec<PostAudit> {
    let mut ps: Vec<_> = person.posts.iter().collect();
    ps.sort_by_key(|p| (p.from, p.seq));
    let untils: Vec<Option<Day>> = (0..ps.len())
        .map(|i| ps.get(i + 1).map(|n| n.from))
        .collect();
    ps.iter()
        .zip(untils)
        .map(|(p, until)| PostAudit {
            org: p.org.clone(),
            name: dir.org_name(&p.org).to_owned(),
            side: dir.side_of(&p.org),
            title: p.title.clone(),
            from: p.from,
            until,
            seq: p.seq,
        })
        .collect()
}

impl PersonAudit {
    /// The audit trail of `person` in `view`; `None` when not registered.
    pub fn build(events: &[Envelope], person: &str, view: &View) -> Option<PersonAudit> {
        let replay = Replay::of(events, view);
        let p = replay.directory.person(person)?;
        Some(PersonAudit {
            person: p.person.clone(),
            name: p.name.clone(),
            posts: posts(&replay.directory, p),
            acts: acts(&replay)
                .into_iter()
                .filter(|a| a.person == person)
                .collect(),
        })
    }
}

/// A person who worked for an organisation, and when.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StaffAudit {
    /// The person.
    pub person: String,
    /// Their name.
    pub name: String,
    /// Their title there.
    pub title: Option<String>,
    /// From when.
    pub from: Day,
    /// Until when (null: still there).
    pub until: Option<Day>,
}

/// An organisation's membership of a partnership.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MembershipAudit {
    /// The partnership.
    pub partnership: String,
    /// The role.
    pub role: Role,
    /// When it joined.
    pub joined_on: Day,
    /// When it left (null: still a member).
    pub left_on: Option<Day>,
    /// Why it left.
    pub reason: Option<String>,
    /// Position of `partner.joined` in the log.
    pub seq: u64,
}

/// A commitment an organisation owns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OwnedCommitment {
    /// The partnership.
    pub partnership: String,
    /// The commitment.
    pub commitment: String,
    /// Its status.
    pub status: CommitmentStatus,
    /// Its due date.
    pub due: Day,
}

/// What was done for an organisation, and where it took part.
///
/// JSON: `org`, `name`, `side`, `people` [{`person`, `name`, `title`,
/// `from`, `until`}], `memberships` [{`partnership`, `role`, `joined_on`,
/// `left_on`, `reason`, `seq`}], `acts` \[act done for this organisation\],
/// `commitments` [{`partnership`, `commitment`, `status`, `due`}].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrgAudit {
    /// Its id.
    pub org: String,
    /// Its name.
    pub name: String,
    /// Its side.
    pub side: Side,
    /// People who held a post there, in date order.
    pub people: Vec<StaffAudit>,
    /// Its memberships, in `seq` order.
    pub memberships: Vec<MembershipAudit>,
    /// Acts done for it (by the organisation each person acted for on the
    /// act's date), in `seq` order.
    pub acts: Vec<Act>,
    /// Commitments it owns, in `seq` order.
    pub commitments: Vec<OwnedCommitment>,
}

impl OrgAudit {
    /// The audit trail of `org` in `view`; `None` when not registered.
    pub fn build(events: &[Envelope], org: &str, view: &View) -> Option<OrgAudit> {
        let replay = Replay::of(events, view);
        let dir = &replay.directory;
        let o = dir.organisation(org)?;
        let mut people: Vec<StaffAudit> = dir
            .people()
            .flat_map(|p| {
                posts(dir, p)
                    .into_iter()
                    .filter(|x| x.org == org)
                    .map(|x| StaffAudit {
                        person: p.person.clone(),
                        name: p.name.clone(),
                        title: x.title,
                        from: x.from,
                        until: x.until,
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        people.sort_by(|a, b| (a.from, &a.person).cmp(&(b.from, &b.person)));
        let mut memberships = Vec::new();
        let mut commitments = Vec::new();
        for p in replay.partnerships.values() {
            for m in p.memberships.iter().filter(|m| m.org == org) {
                memberships.push(MembershipAudit {
                    partnership: p.partnership.clone(),
                    role: m.role,
                    joined_on: m.joined.on,
                    left_on: m.left.as_ref().map(|(s, _)| s.on),
                    reason: m.left.as_ref().map(|(_, r)| r.clone()),
                    seq: m.joined.seq,
                });
            }
            for c in p.commitments.iter().filter(|c| c.owner == org) {
                commitments.push((
                    c.made.seq,
                    OwnedCommitment {
                        partnership: p.partnership.clone(),
                        commitment: c.commitment.clone(),
                        status: c.status(),
                        due: c.due(),
                    },
                ));
            }
        }
        memberships.sort_by_key(|m| m.seq);
        commitments.sort_by_key(|(s, _)| *s);
        Some(OrgAudit {
            org: o.org.clone(),
            name: o.name.clone(),
            side: o.side,
            people,
            memberships,
            acts: acts(&replay)
                .into_iter()
                .filter(|a| a.org.as_deref() == Some(org))
                .collect(),
            commitments: commitments.into_iter().map(|(_, c)| c).collect(),
        })
    }
}
