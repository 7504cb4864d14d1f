//! What a batch of events changed: every read model taken just before and
//! just after, compared — for data entry's "what this changed" lines.
//!
//! Returns data; the sentences are written in the binary's renderer. The
//! view is the same on both sides, so a retraction shows as what it undoes.

use std::collections::BTreeSet;

use accord_events::fields::{Day, Role, Side};
use serde::Serialize;

use crate::audit::text_sha256;
use crate::partnership::{AgreementState, AgreementStatus, CommitmentStatus, PartnershipState};
use crate::replay::Replay;
use crate::view::View;

/// One change a batch made, in the order they are told.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "effect", rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Effect {
    /// Version 1 of an agreement is proposed.
    Proposed {
        agreement: String,
        title: String,
        text_sha256: String,
    },
    /// A revision's text became the agreement's current one.
    NewText {
        agreement: String,
        version: u32,
        title: String,
        text_sha256: String,
    },
    /// Someone endorsed a version.
    Endorsed {
        person: String,
        org: Option<String>,
        agreement: String,
        version: u32,
        title: String,
        text_sha256: String,
    },
    /// A version became adopted.
    Adopted {
        agreement: String,
        version: u32,
        on: Day,
        in_force: bool,
    },
    /// A version is adopted no more (an endorsement was retracted).
    NoLongerAdopted { agreement: String, version: u32 },
    /// A version's endorsements changed but it still lacks a side.
    StillNeeds {
        agreement: String,
        version: u32,
        missing: Vec<Side>,
    },
    /// The agreement's status changed.
    AgreementStatus {
        agreement: String,
        status: AgreementStatus,
        in_force: Option<u32>,
        current: u32,
    },
    /// A commitment appeared.
    CommitmentMade {
        commitment: String,
        status: CommitmentStatus,
        due: Day,
    },
    /// A commitment's reported status changed.
    CommitmentStatus {
        commitment: String,
        status: CommitmentStatus,
        was: CommitmentStatus,
    },
    /// A commitment's due date moved.
    CommitmentDue {
        commitment: String,
        due: Day,
        was: Day,
    },
    /// A review was opened.
    ReviewOpened { review: String },
    /// A review was concluded.
    ReviewConcluded { review: String, responses: usize },
    /// A review's conclusion was retracted.
    ReviewReopened { review: String },
    /// A review's responses changed in number.
    ReviewResponses { review: String, responses: usize },
    /// An organisation became a partner, or changed its role.
    Member {
        partnership: String,
        org: String,
        role: Role,
    },
    /// An organisation stopped being a partner.
    MemberLeft { partnership: String, org: String },
    /// Something the batch's retraction took away ("agreement", "commitment", "review").
    Gone { what: &'static str, id: String },
    /// The partnership was closed.
    Closed { partnership: String },
    /// The partnership's closing was retracted.
    Reopened { partnership: String },
    /// A stage's progress changed.
    Stage {
        stage: u32,
        name: String,
        change: StageChange,
    },
    /// A stage was retracted.
    StageGone { stage: u32 },
    /// A person took up a post (with the organisation they left, if any).
    WorksFor {
        person: String,
        org: String,
        from: Day,
        before: Option<String>,
    },
}

/// How a stage moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum StageChange {
    Planned,
    Completed,
    NoLongerCompleted,
    Started,
    NoLongerStarted,
}

/// Every change from `before` to `after`, both folded in `view`.
pub fn between(before: &Replay, after: &Replay, view: &View) -> Vec<Effect> {
    let mut out = Vec::new();
    for p in after.established() {
        let id = p.partnership.as_str();
        let Some(a) = after.partnership_state(id, view) else {
            continue;
        };
        let b = before.partnership_state(id, view);
        partnership(&mut out, b.as_ref(), &a);
    }
    stages(&mut out, before, after);
    people(&mut out, before, after);
    out
}

fn partnership(out: &mut Vec<Effect>, b: Option<&PartnershipState>, a: &PartnershipState) {
    let p = &a.partnership;
    for ag in &a.agreements {
        let old = b.and_then(|b| b.agreements.iter().find(|x| x.agreement == ag.agreement));
        agreement(out, old, ag);
    }
    for c in &a.commitments {
        let id = &c.commitment;
        match b.and_then(|b| b.commitments.iter().find(|x| &x.commitment == id)) {
            None => out.push(Effect::CommitmentMade {
                commitment: id.clone(),
                status: c.status,
                due: c.due,
            }),
            Some(o) => {
                if o.status != c.status {
                    out.push(Effect::CommitmentStatus {
                        commitment: id.clone(),
                        status: c.status,
                        was: o.status,
                    });
                }
                if o.due != c.due {
                    out.push(Effect::CommitmentDue {
                        commitment: id.clone(),
                        due: c.due,
                        was: o.due,
                    });
                }
            }
        }
    }
    for r in &a.reviews {
        let review = r.review.clone();
        let responses = r.responses.len();
        match b.and_then(|b| b.reviews.iter().find(|x| x.review == r.review)) {
            None => out.push(Effect::ReviewOpened { review }),
            Some(o) if o.concluded_on.is_none() && r.concluded_on.is_some() => {
                out.push(Effect::ReviewConcluded { review, responses })
            }
            Some(o) if o.concluded_on.is_some() && r.concluded_on.is_none() => {
                out.push(Effect::ReviewReopened { review })
            }
            Some(o) if o.responses.len() != responses => {
                out.push(Effect::ReviewResponses { review, responses })
            }
            Some(_) => {}
        }
    }
    for m in &a.members {
        let was = b.and_then(|b| b.members.iter().find(|x| x.org == m.org));
        if was.is_none_or(|w| w.role != m.role) {
            out.push(Effect::Member {
                partnership: p.clone(),
                org: m.org.clone(),
                role: m.role,
            });
        }
    }
    if let Some(b) = b {
        for m in &b.members {
            if !a.members.iter().any(|x| x.org == m.org) {
                out.push(Effect::MemberLeft {
                    partnership: p.clone(),
                    org: m.org.clone(),
                });
            }
        }
        gone(
            out,
            "agreement",
            b.agreements.iter().map(|x| &x.agreement),
            a.agreements.iter().map(|x| &x.agreement),
        );
        gone(
            out,
            "commitment",
            b.commitments.iter().map(|x| &x.commitment),
            a.commitments.iter().map(|x| &x.commitment),
        );
        gone(
            out,
            "review",
            b.reviews.iter().map(|x| &x.review),
            a.reviews.iter().map(|x| &x.review),
        );
    }
    match (b.is_some_and(|b| b.closed), a.closed) {
        (false, true) => out.push(Effect::Closed {
            partnership: p.clone(),
        }),
        (true, false) => out.push(Effect::Reopened {
            partnership: p.clone(),
        }),
        _ => {}
    }
}

fn gone<'a>(
    out: &mut Vec<Effect>,
    what: &'static str,
    before: impl Iterator<Item = &'a String>,
    after: impl Iterator<Item = &'a String>,
) {
    let after: BTreeSet<&String> = after.collect();
    for id in before.filter(|id| !after.contains(id)) {
        out.push(Effect::Gone {
            what,
            id: id.clone(),
        });
    }
}

fn agreement(out: &mut Vec<Effect>, before: Option<&AgreementState>, a: &AgreementState) {
    let id = &a.agreement;
    let mut adoption_said = false;
    for v in &a.versions {
        let n = v.version;
        let sha = text_sha256(&v.text);
        let old = before.and_then(|b| b.versions.iter().find(|x| x.version == n));
        match old {
            Some(_) => {}
            None if n == 1 => out.push(Effect::Proposed {
                agreement: id.clone(),
                title: v.title.clone(),
                text_sha256: sha.clone(),
            }),
            None => out.push(Effect::NewText {
                agreement: id.clone(),
                version: n,
                title: v.title.clone(),
                text_sha256: sha.clone(),
            }),
        }
        let of_version =
            |s: Option<&AgreementState>| -> Vec<(String, Option<String>, Option<Side>)> {
                s.map(|s| {
                    s.endorsements
                        .iter()
                        .filter(|e| e.version == n)
                        .map(|e| (e.person.clone(), e.org.clone(), e.side))
                        .collect()
                })
                .unwrap_or_default()
            };
        let (was, now) = (of_version(before), of_version(Some(a)));
        for (person, org, _) in now.iter().filter(|e| !was.contains(e)) {
            out.push(Effect::Endorsed {
                person: person.clone(),
                org: org.clone(),
                agreement: id.clone(),
                version: n,
                title: v.title.clone(),
                text_sha256: sha.clone(),
            });
        }
        match (old.and_then(|o| o.adopted_on), v.adopted_on) {
            (None, Some(on)) => {
                adoption_said = true;
                out.push(Effect::Adopted {
                    agreement: id.clone(),
                    version: n,
                    on,
                    in_force: a.in_force_version == Some(n),
                });
            }
            (Some(_), None) => out.push(Effect::NoLongerAdopted {
                agreement: id.clone(),
                version: n,
            }),
            (None, None) if old.is_some() && was != now => {
                let missing = [Side::Government, Side::DevelopmentPartner]
                    .into_iter()
                    .filter(|s| !now.iter().any(|(_, _, x)| *x == Some(*s)))
                    .collect();
                out.push(Effect::StillNeeds {
                    agreement: id.clone(),
                    version: n,
                    missing,
                });
            }
            _ => {}
        }
    }
    let Some(b) = before else { return };
    if b.status == a.status || (adoption_said && a.status == AgreementStatus::Adopted) {
        return;
    }
    out.push(Effect::AgreementStatus {
        agreement: id.clone(),
        status: a.status,
        in_force: a.in_force_version,
        current: a.current_version,
    });
}

fn stages(out: &mut Vec<Effect>, before: &Replay, after: &Replay) {
    for (n, s) in &after.programme.stages {
        let change = match before.programme.stages.get(n) {
            None => Some(StageChange::Planned),
            Some(b) if b.completed_on != s.completed_on => Some(match s.completed_on {
                Some(_) => StageChange::Completed,
                None => StageChange::NoLongerCompleted,
            }),
            Some(b) if b.started_on != s.started_on => Some(match s.started_on {
                Some(_) => StageChange::Started,
                None => StageChange::NoLongerStarted,
            }),
            Some(_) => None,
        };
        if let Some(change) = change {
            out.push(Effect::Stage {
                stage: *n,
                name: s.name.clone(),
                change,
            });
        }
    }
    for n in before.programme.stages.keys() {
        if !after.programme.stages.contains_key(n) {
            out.push(Effect::StageGone { stage: *n });
        }
    }
}

fn people(out: &mut Vec<Effect>, before: &Replay, after: &Replay) {
    for p in after.directory.people() {
        let old = before
            .directory
            .person(&p.person)
            .map_or(0, |o| o.posts.len());
        let Some(post) = p.posts.last().filter(|_| p.posts.len() > old) else {
            continue;
        };
        out.push(Effect::WorksFor {
            person: p.person.clone(),
            org: post.org.clone(),
            from: post.from,
            before: old
                .checked_sub(1)
                .and_then(|i| p.posts.get(i))
                .map(|was| was.org.clone()),
        });
    }
}
