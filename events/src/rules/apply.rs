//! Folding accepted events into the rule state, one aggregate at a time
//! (`RuleState::apply` in `mod.rs` dispatches here).

use super::{
    Agreement, Commitment, Framework, Kind, Map, Mark, Org, Partnership, Person, Post, Review,
    RuleState, Stage,
};
use crate::catalogue::Event;
use crate::envelope::Envelope;

impl RuleState {
    /// Folds one of the stage events.
    pub(super) fn apply_stage(&mut self, e: &Envelope, mark: Mark) {
        use Event as E;
        match &e.event {
            E::StagePlanned(d) => {
                self.stages.insert(
                    d.stage.0,
                    Stage {
                        planned: mark,
                        started: None,
                        completed: None,
                    },
                );
            }
            E::StageStarted(d) => {
                if let Some(s) = self.stages.get_mut(&d.stage.0) {
                    s.started = Some(mark);
                }
            }
            E::StageCompleted(d) => {
                if let Some(s) = self.stages.get_mut(&d.stage.0) {
                    s.completed = Some(mark);
                }
            }
            // `apply` sends only stage events here.
            _ => {}
        }
    }

    /// Folds one of the organisations and people.
    pub(super) fn apply_directory(&mut self, e: &Envelope, mark: Mark) {
        use Event as E;
        match &e.event {
            E::OrganisationRegistered(d) => {
                self.orgs.insert(
                    d.org.to_string(),
                    Org {
                        created: mark,
                        name: d.name.as_str().to_owned(),
                    },
                );
            }
            E::PersonRegistered(d) => {
                self.people.insert(
                    d.person.to_string(),
                    Person {
                        posts: vec![Post {
                            mark,
                            org: d.org.to_string(),
                            acts: 0,
                        }],
                        acts: Vec::new(),
                    },
                );
            }
            E::PersonMoved(d) => {
                if let Some(p) = self.people.get_mut(d.person.as_str()) {
                    p.posts.push(Post {
                        mark,
                        org: d.org.to_string(),
                        acts: 0,
                    });
                }
            }
            // `apply` sends only directory events here.
            _ => {}
        }
    }

    /// Folds one of the partnerships and their membership.
    pub(super) fn apply_partnership(&mut self, e: &Envelope, mark: Mark) {
        use Event as E;
        match &e.event {
            E::PartnershipEstablished(d) => {
                self.partnerships.insert(
                    d.partnership.to_string(),
                    Partnership {
                        created: mark,
                        name: d.name.as_str().to_owned(),
                        closed: None,
                        memberships: Map::default(),
                    },
                );
            }
            E::PartnerJoined(d) => self.step(d.partnership.as_str(), d.org.as_str(), mark, true),
            E::PartnerLeft(d) => self.step(d.partnership.as_str(), d.org.as_str(), mark, false),
            E::PartnershipClosed(d) => {
                if let Some(p) = self.partnerships.get_mut(d.partnership.as_str()) {
                    p.closed = Some(mark);
                }
            }
            // `apply` sends only partnership events here.
            _ => {}
        }
    }

    /// Folds one of the agreements.
    pub(super) fn apply_agreement(&mut self, e: &Envelope, mark: Mark) {
        use Event as E;
        match &e.event {
            E::AgreementProposed(d) => {
                self.agreements.insert(
                    d.agreement.to_string(),
                    Agreement {
                        created: mark,
                        partnership: d.partnership.to_string(),
                        title: d.title.as_str().to_owned(),
                        versions: vec![Vec::new()],
                        withdrawn: None,
                        story: vec![mark],
                    },
                );
            }
            E::AgreementEndorsed(d) => {
                if let Some(a) = self.agreements.get_mut(d.agreement.as_str()) {
                    if let Some(v) = a.versions.get_mut(d.version.0 as usize - 1) {
                        v.push((d.by.to_string(), e.seq));
                    }
                    a.story.push(mark);
                }
            }
            E::AgreementRevised(d) => {
                if let Some(a) = self.agreements.get_mut(d.agreement.as_str()) {
                    a.versions.push(Vec::new());
                    if let Some(t) = &d.title {
                        a.title = t.as_str().to_owned();
                    }
                    a.story.push(mark);
                }
            }
            E::AgreementWithdrawn(d) => {
                if let Some(a) = self.agreements.get_mut(d.agreement.as_str()) {
                    a.withdrawn = Some(mark);
                    a.story.push(mark);
                }
            }
            // `apply` sends only agreement events here.
            _ => {}
        }
    }

    /// Folds one of the frameworks, reviews, and what reviews and meetings record (findings, interviews, meetings, activities).
    pub(super) fn apply_review(&mut self, e: &Envelope, mark: Mark) {
        use Event as E;
        match &e.event {
            E::FrameworkDefined(d) => {
                self.frameworks.insert(
                    d.framework.to_string(),
                    Framework {
                        created: Some(mark),
                        criteria: d.criteria.iter().map(|c| c.id.to_string()).collect(),
                        scale: (d.scale_min, d.scale_max),
                    },
                );
            }
            E::ReviewOpened(d) => {
                self.reviews.insert(
                    d.review.to_string(),
                    Review {
                        created: mark,
                        partnership: d.partnership.to_string(),
                        framework: d
                            .framework
                            .as_ref()
                            .map_or(crate::catalogue::EFFECTIVENESS.to_owned(), |f| {
                                f.to_string()
                            }),
                        responses: Map::default(),
                        concluded: None,
                        story: vec![mark],
                    },
                );
            }
            E::ReviewResponse(d) => {
                if let Some(r) = self.reviews.get_mut(d.review.as_str()) {
                    r.responses.insert(d.respondent.to_string(), e.seq);
                    r.story.push(mark);
                }
            }
            E::ReviewConcluded(d) => {
                if let Some(r) = self.reviews.get_mut(d.review.as_str()) {
                    r.concluded = Some(mark);
                    r.story.push(mark);
                }
            }
            E::FindingRecorded(d) => {
                self.others.insert(Kind::Finding, d.finding.as_str(), mark);
            }
            E::InterviewHeld(d) => {
                self.others
                    .insert(Kind::Interview, d.interview.as_str(), mark);
            }
            E::MeetingHeld(d) => {
                self.others.insert(Kind::Meeting, d.meeting.as_str(), mark);
            }
            E::ActivityDelivered(d) => {
                self.others
                    .insert(Kind::Activity, d.activity.as_str(), mark);
            }
            // `apply` sends only review events here.
            _ => {}
        }
    }

    /// Folds one of the commitments.
    pub(super) fn apply_commitment(&mut self, e: &Envelope, mark: Mark) {
        use Event as E;
        match &e.event {
            E::CommitmentMade(d) => {
                let c = Commitment {
                    created: mark,
                    partnership: d.partnership.to_string(),
                    reports: Vec::new(),
                    story: vec![mark],
                };
                self.commitments.insert(d.commitment.to_string(), c);
                if let Some(origin) = &d.origin
                    && let Some(k) = self.origin_kind(origin.as_str())
                {
                    match self.refs.get_mut(k, origin.as_str()) {
                        Some(n) => *n += 1,
                        None => self.refs.insert(k, origin.as_str(), 1),
                    }
                }
            }
            E::CommitmentReported(d) => {
                if let Some(c) = self.commitments.get_mut(d.commitment.as_str()) {
                    c.reports.push((e.seq, d.status));
                    c.story.push(mark);
                }
            }
            E::CommitmentRescheduled(d) => {
                if let Some(c) = self.commitments.get_mut(d.commitment.as_str()) {
                    c.story.push(mark);
                }
            }
            // `apply` sends only commitment events here.
            _ => {}
        }
    }
}
