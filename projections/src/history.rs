//! How a partnership changed, change by change, and how its review scores
//! moved from review to review.
//!
//! Each entry is one event that counts in the view, in `seq` order, carrying
//! the fields a renderer needs (organisations and sides already resolved as
//! of the event's date). An endorsement that completed a version's adoption
//! carries the adoption.

use std::collections::BTreeMap;

use accord_events::fields::{
    ActivityKind, AgreementKind, Day, InterviewFormat, MeetingKind, ReviewKind, Role, Side, Swot,
    Theme,
};
use accord_events::{Envelope, Event};
use serde::Serialize;

use crate::directory::Directory;
use crate::partnership::{CommitmentStatus, Partnership};
use crate::replay::Replay;
use crate::view::View;

/// A partnership's history in a view.
///
/// JSON: `partnership`, `name`, `as_of`, `known_at`, `changes` [{`seq`,
/// `on`, `occurred_at`, `recorded_at`, `recorded_by`, `change` (the kind of
/// change, e.g. `agreement_endorsed`), then that change's fields}],
/// `trends` [{`criterion`, `label`, `points` [{`review`, `opened_on`,
/// `mean`, `by_side`}]}].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct History {
    /// The partnership's id.
    pub partnership: String,
    /// Its name.
    pub name: String,
    /// The view's as-of date.
    pub as_of: Day,
    /// The view's known-at instant.
    pub known_at: Option<String>,
    /// Every change, in `seq` order.
    pub changes: Vec<Change>,
    /// Per criterion, its mean in each review with responses (in the order
    /// the reviews were opened).
    pub trends: Vec<ScoreTrend>,
}

/// One change: when it happened, where it stands in the log, and what it was.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// Position in the log.
    pub seq: u64,
    /// The date it happened.
    pub on: Day,
    /// Business time as written.
    pub occurred_at: String,
    /// When it was recorded.
    pub recorded_at: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// What changed.
    #[serde(flatten)]
    pub what: What,
}

/// Who acted, with the organisation and side they acted for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// The person.
    pub person: String,
    /// Their organisation on the date of the act.
    pub org: Option<String>,
    /// Its side.
    pub side: Option<Side>,
}

/// The organisations whose endorsements made a version adopted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AdoptedBy {
    /// Government organisations.
    pub government: Vec<String>,
    /// Development-partner organisations.
    pub development_partner: Vec<String>,
}

/// The kind of change and its fields (JSON: `change` names the kind).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum What {
    /// The partnership was established.
    Established { name: String, host: Option<String> },
    /// An organisation joined.
    PartnerJoined {
        org: String,
        side: Option<Side>,
        role: Role,
    },
    /// An organisation left.
    PartnerLeft {
        org: String,
        side: Option<Side>,
        reason: String,
    },
    /// The partnership was closed.
    Closed { reason: String },
    /// An agreement was proposed (version 1).
    AgreementProposed {
        agreement: String,
        kind: AgreementKind,
        title: String,
        by: Actor,
    },
    /// A version was endorsed; `adopted` is set when this endorsement
    /// completed its adoption.
    AgreementEndorsed {
        agreement: String,
        title: String,
        version: u32,
        by: Actor,
        forum: Option<String>,
        adopted: Option<AdoptedBy>,
    },
    /// A new version was made.
    AgreementRevised {
        agreement: String,
        title: String,
        previous_title: String,
        version: u32,
        by: Actor,
        reason: String,
    },
    /// An agreement was withdrawn.
    AgreementWithdrawn {
        agreement: String,
        title: String,
        by: Actor,
        reason: String,
    },
    /// A review was opened.
    ReviewOpened {
        review: String,
        kind: ReviewKind,
        framework: String,
        next_due: Option<Day>,
    },
    /// Someone responded to a review.
    ReviewResponse { review: String, by: Actor },
    /// A review was concluded.
    ReviewConcluded { review: String, summary: String },
    /// A finding was recorded.
    FindingRecorded {
        finding: String,
        swot: Swot,
        theme: Theme,
        text: String,
    },
    /// A commitment was made.
    CommitmentMade {
        commitment: String,
        text: String,
        owner: String,
        due: Day,
    },
    /// Progress on a commitment was reported.
    CommitmentReported {
        commitment: String,
        status: CommitmentStatus,
        reported_by: Option<String>,
        note: Option<String>,
    },
    /// A commitment got a new due date.
    CommitmentRescheduled {
        commitment: String,
        from: Day,
        to: Day,
        reason: String,
    },
    /// An interview or focus group about the partnership was held.
    InterviewHeld {
        interview: String,
        format: InterviewFormat,
        side: Side,
    },
    /// A meeting concerning the partnership was held.
    MeetingHeld {
        meeting: String,
        kind: MeetingKind,
        title: String,
    },
    /// An activity serving the partnership was delivered.
    ActivityDelivered {
        activity: String,
        kind: ActivityKind,
        title: String,
    },
}

/// One criterion's mean across reviews.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoreTrend {
    /// The criterion's id.
    pub criterion: String,
    /// How people read it.
    pub label: String,
    /// Its mean in each review that scored it.
    pub points: Vec<TrendPoint>,
}

/// A criterion's mean in one review.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrendPoint {
    /// The review.
    pub review: String,
    /// When it was opened.
    pub opened_on: Day,
    /// The mean over the responses that scored the criterion (unrounded).
    pub mean: f64,
    /// The mean per side that scored it.
    pub by_side: BTreeMap<Side, f64>,
}

fn actor(dir: &Directory, person: &str, on: Day) -> Actor {
    let who = dir.acting_for(person, on.0);
    Actor {
        person: person.to_owned(),
        org: who.as_ref().map(|w| w.org.clone()),
        side: who.and_then(|w| w.side),
    }
}

impl History {
    /// The history of `partnership` from a log in `seq` order; `None` when
    /// it was not established in the view.
    pub fn build(events: &[Envelope], partnership: &str, view: &View) -> Option<History> {
        let counted = view.counted(events);
        let mut full = Replay::new();
        for e in &counted {
            full.apply(e);
        }
        let whole = full.partnerships.get(partnership)?;
        let est = whole.established.as_ref()?;
        let dir = &full.directory;
        // Which endorsement completed which adoption (judged on the whole view).
        let mut adoptions: BTreeMap<u64, AdoptedBy> = BTreeMap::new();
        for a in &whole.agreements {
            for v in &a.versions {
                if let Some(ad) = v.adoption(dir) {
                    adoptions.insert(
                        ad.completed_by,
                        AdoptedBy {
                            government: ad.government,
                            development_partner: ad.development_partner,
                        },
                    );
                }
            }
        }
        let mut running = Partnership::new(partnership);
        let mut changes = Vec::new();
        for e in &counted {
            let what = if running.concerns(e) {
                let what = change_of(&running, dir, e, &mut adoptions);
                running.apply(e);
                what
            } else {
                touch_of(e, partnership)
            };
            if let Some(what) = what {
                changes.push(Change {
                    seq: e.seq,
                    on: Day(e.occurred_on),
                    occurred_at: e.occurred_at.clone(),
                    recorded_at: e.recorded_at.clone(),
                    recorded_by: e.recorded_by.clone(),
                    what,
                });
            }
        }
        Some(History {
            partnership: partnership.to_owned(),
            name: est.name.clone(),
            as_of: Day(view.as_of),
            known_at: view.known_at.clone(),
            changes,
            trends: trends(whole, &full),
        })
    }
}

/// The change an event makes to a partnership, judged before it is folded.
fn change_of(
    p: &Partnership,
    dir: &Directory,
    e: &Envelope,
    adoptions: &mut BTreeMap<u64, AdoptedBy>,
) -> Option<What> {
    use Event as E;
    let on = Day(e.occurred_on);
    let title = |a: &str| p.agreement(a).map_or(a, |x| x.title()).to_owned();
    Some(match &e.event {
        E::PartnershipEstablished(d) => What::Established {
            name: d.name.as_str().to_owned(),
            host: d.host.as_ref().map(|h| h.to_string()),
        },
        E::PartnerJoined(d) => What::PartnerJoined {
            org: d.org.to_string(),
            side: dir.side_of(d.org.as_str()),
            role: d.role,
        },
        E::PartnerLeft(d) => What::PartnerLeft {
            org: d.org.to_string(),
            side: dir.side_of(d.org.as_str()),
            reason: d.reason.as_str().to_owned(),
        },
        E::PartnershipClosed(d) => What::Closed {
            reason: d.reason.as_str().to_owned(),
        },
        E::AgreementProposed(d) => What::AgreementProposed {
            agreement: d.agreement.to_string(),
            kind: d.kind,
            title: d.title.as_str().to_owned(),
            by: actor(dir, d.proposed_by.as_str(), on),
        },
        E::AgreementEndorsed(d) => What::AgreementEndorsed {
            agreement: d.agreement.to_string(),
            title: title(d.agreement.as_str()),
            version: d.version.0,
            by: actor(dir, d.by.as_str(), on),
            forum: d.forum.as_ref().map(|f| f.as_str().to_owned()),
            adopted: adoptions.remove(&e.seq),
        },
        E::AgreementRevised(d) => {
            let previous = title(d.agreement.as_str());
            What::AgreementRevised {
                agreement: d.agreement.to_string(),
                title: d
                    .title
                    .as_ref()
                    .map_or_else(|| previous.clone(), |t| t.as_str().to_owned()),
                previous_title: previous,
                version: p
                    .agreement(d.agreement.as_str())
                    .map_or(1, |a| a.current().version + 1),
                by: actor(dir, d.revised_by.as_str(), on),
                reason: d.reason.as_str().to_owned(),
            }
        }
        E::AgreementWithdrawn(d) => What::AgreementWithdrawn {
            agreement: d.agreement.to_string(),
            title: title(d.agreement.as_str()),
            by: actor(dir, d.by.as_str(), on),
            reason: d.reason.as_str().to_owned(),
        },
        E::ReviewOpened(d) => What::ReviewOpened {
            review: d.review.to_string(),
            kind: d.kind,
            framework: d.framework.as_ref().map_or_else(
                || accord_events::catalogue::EFFECTIVENESS.to_owned(),
                |f| f.to_string(),
            ),
            next_due: d.next_due,
        },
        E::ReviewResponse(d) => What::ReviewResponse {
            review: d.review.to_string(),
            by: actor(dir, d.respondent.as_str(), on),
        },
        E::ReviewConcluded(d) => What::ReviewConcluded {
            review: d.review.to_string(),
            summary: d.summary.as_str().to_owned(),
        },
        E::FindingRecorded(d) => What::FindingRecorded {
            finding: d.finding.to_string(),
            swot: d.swot,
            theme: d.theme,
            text: d.text.as_str().to_owned(),
        },
        E::CommitmentMade(d) => What::CommitmentMade {
            commitment: d.commitment.to_string(),
            text: d.text.as_str().to_owned(),
            owner: d.owner.to_string(),
            due: d.due,
        },
        E::CommitmentReported(d) => What::CommitmentReported {
            commitment: d.commitment.to_string(),
            status: d.status.into(),
            reported_by: d.reported_by.as_ref().map(|r| r.to_string()),
            note: d.note.as_ref().map(|n| n.as_str().to_owned()),
        },
        E::CommitmentRescheduled(d) => What::CommitmentRescheduled {
            commitment: d.commitment.to_string(),
            from: p
                .commitment(d.commitment.as_str())
                .map_or(d.due, |c| c.due()),
            to: d.due,
            reason: d.reason.as_str().to_owned(),
        },
        _ => return None,
    })
}

/// Interviews, meetings and activities that name the partnership.
fn touch_of(e: &Envelope, partnership: &str) -> Option<What> {
    if !e.event.names_partnership(partnership) {
        return None;
    }
    match &e.event {
        Event::InterviewHeld(d) => Some(What::InterviewHeld {
            interview: d.interview.to_string(),
            format: d.format,
            side: d.side,
        }),
        Event::MeetingHeld(d) => Some(What::MeetingHeld {
            meeting: d.meeting.to_string(),
            kind: d.kind,
            title: d.title.as_str().to_owned(),
        }),
        Event::ActivityDelivered(d) => Some(What::ActivityDelivered {
            activity: d.activity.to_string(),
            kind: d.kind,
            title: d.title.as_str().to_owned(),
        }),
        _ => None,
    }
}

/// Per criterion, the means of the reviews with responses, in opening order.
fn trends(p: &Partnership, replay: &Replay) -> Vec<ScoreTrend> {
    let mut reviews: Vec<_> = p
        .reviews
        .iter()
        .filter(|r| !r.responses.is_empty())
        .collect();
    reviews.sort_by_key(|r| (r.opened.on, r.opened.seq));
    let mut out: Vec<ScoreTrend> = Vec::new();
    for r in reviews {
        let framework = replay.programme.frameworks.get_or_default(&r.framework);
        let scores = r.scores(&replay.directory);
        let mut criteria: Vec<&String> = scores.overall.keys().collect();
        criteria.sort_by_key(|c| (framework.position(c), (*c).clone()));
        for c in criteria {
            let Some(mean) = scores.overall[c].mean() else {
                continue;
            };
            let by_side = scores
                .by_side
                .iter()
                .filter_map(|(s, t)| t.get(c).and_then(|t| t.mean()).map(|m| (*s, m)))
                .collect();
            let point = TrendPoint {
                review: r.review.clone(),
                opened_on: r.opened.on,
                mean,
                by_side,
            };
            match out.iter_mut().find(|t| &t.criterion == c) {
                Some(t) => t.points.push(point),
                None => out.push(ScoreTrend {
                    criterion: c.clone(),
                    label: framework.label(c).to_owned(),
                    points: vec![point],
                }),
            }
        }
    }
    out
}
