//! The rules of docs/rules.md "Rules checked on append", over a state derived from
//! the log.
//!
//! [`RuleState`] is a fold of every standing (not retracted) event, holding
//! only what the rules need. The store keeps it in memory, brings it up to
//! date inside each write transaction and checks every new event against it
//! before the event is written, so two processes cannot both pass a check
//! that only one should. It is derived data: rebuilt from the log whenever
//! in doubt, never trusted over it.
//!
//! Dates: every business-time comparison uses the calendar date written in
//! `occurred_at`. Whether a person acts for an organisation, and whether that
//! organisation is a partner, is judged on the date of the act (so a
//! back-dated act is checked against the world as it stood then).

mod apply;
mod check;
mod criteria;
mod signing;
mod violation;

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use serde::{Deserialize, Serialize};

use crate::catalogue::Event;
use crate::envelope::Envelope;
use crate::fields::ReportedStatus;

pub use signing::{KeyInfo, SignatureFault, SignatureWalk, Signing, retracted_ids};
pub use violation::{Rule, Violation, did_you_mean};

/// The kinds of entity that events name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `org`
    Org,
    /// `person`
    Person,
    /// `partnership`
    Partnership,
    /// `agreement`
    Agreement,
    /// `framework`
    Framework,
    /// `review`
    Review,
    /// `commitment`
    Commitment,
    /// A stage, by number.
    Stage,
    /// `finding`
    Finding,
    /// `interview`
    Interview,
    /// `meeting`
    Meeting,
    /// `activity`
    Activity,
}

impl Kind {
    /// How people call it.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Org => "organisation",
            Kind::Person => "person",
            Kind::Partnership => "partnership",
            Kind::Agreement => "agreement",
            Kind::Framework => "framework",
            Kind::Review => "review",
            Kind::Commitment => "commitment",
            Kind::Stage => "stage",
            Kind::Finding => "finding",
            Kind::Interview => "interview",
            Kind::Meeting => "meeting",
            Kind::Activity => "activity",
        }
    }
}

/// The rule state's maps. foldhash instead of SipHash: hashing ids was ~4%
/// of a bulk append (perf); foldhash's per-process random seed still keeps
/// keys chosen to collide from degrading the maps.
pub(crate) type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type Set<K> = HashSet<K, foldhash::fast::RandomState>;

const KINDS: usize = Kind::Activity as usize + 1;

/// One map per kind of entity, keyed by id: lookups take a `&str` and never
/// allocate (a `(Kind, String)` key cost one String per lookup, and
/// `count_refs` looked up every reference of every event).
#[derive(Debug, Serialize, Deserialize)]
struct ByKind<V>(Vec<Map<String, V>>);

impl<V> ByKind<V> {
    fn new() -> Self {
        ByKind((0..KINDS).map(|_| Map::default()).collect())
    }
    fn get(&self, kind: Kind, id: &str) -> Option<&V> {
        self.0[kind as usize].get(id)
    }
    fn get_mut(&mut self, kind: Kind, id: &str) -> Option<&mut V> {
        self.0[kind as usize].get_mut(id)
    }
    fn contains(&self, kind: Kind, id: &str) -> bool {
        self.0[kind as usize].contains_key(id)
    }
    fn insert(&mut self, kind: Kind, id: &str, v: V) {
        self.0[kind as usize].insert(id.to_owned(), v);
    }
    fn remove(&mut self, kind: Kind, id: &str) {
        self.0[kind as usize].remove(id);
    }
    fn keys(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.0[kind as usize].keys().map(String::as_str)
    }
}

/// When a standing event happened and where it sits in the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Mark {
    seq: u64,
    #[serde(with = "day_number")]
    on: NaiveDate,
}

/// A date saved as its day number (days from 1 January of year 1), for the
/// rule-state checkpoint (`store/checkpoint.rs`).
mod day_number {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        d.num_days_from_ce().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let n = i32::deserialize(d)?;
        NaiveDate::from_num_days_from_ce_opt(n)
            .ok_or_else(|| serde::de::Error::custom(format!("day number {n} is out of range")))
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Org {
    created: Mark,
    name: String,
}

/// One post in a person's timeline; `acts` counts standing acts that relied on it.
#[derive(Debug, Serialize, Deserialize)]
struct Post {
    mark: Mark,
    org: String,
    acts: u32,
}

#[derive(Debug, Serialize, Deserialize)]
struct Person {
    posts: Vec<Post>,
    /// Standing acts by this person (endorsements, responses, proposals...):
    /// a move may not be dated before them, or they would change organisation.
    acts: Vec<Mark>,
}

/// One step of a membership (joined or left); `acts` counts standing acts that relied on it.
#[derive(Debug, Serialize, Deserialize)]
struct MembershipStep {
    mark: Mark,
    joined: bool,
    acts: u32,
}

#[derive(Debug, Serialize, Deserialize)]
struct Partnership {
    created: Mark,
    name: String,
    closed: Option<Mark>,
    memberships: Map<String, Vec<MembershipStep>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Agreement {
    created: Mark,
    partnership: String,
    title: String,
    /// Per version (index 0 is version 1): endorsers and the seq of their endorsement.
    versions: Vec<Vec<(String, u64)>>,
    withdrawn: Option<Mark>,
    story: Vec<Mark>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Framework {
    created: Option<Mark>,
    criteria: Vec<String>,
    scale: (i64, i64),
}

#[derive(Debug, Serialize, Deserialize)]
struct Review {
    created: Mark,
    partnership: String,
    framework: String,
    responses: Map<String, u64>,
    concluded: Option<Mark>,
    story: Vec<Mark>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Commitment {
    created: Mark,
    partnership: String,
    reports: Vec<(u64, ReportedStatus)>,
    story: Vec<Mark>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Stage {
    planned: Mark,
    started: Option<Mark>,
    completed: Option<Mark>,
}

/// What the rules know of the log: every standing event, folded.
#[derive(Debug, Serialize, Deserialize)]
pub struct RuleState {
    orgs: Map<String, Org>,
    people: Map<String, Person>,
    partnerships: Map<String, Partnership>,
    agreements: Map<String, Agreement>,
    frameworks: Map<String, Framework>,
    reviews: Map<String, Review>,
    commitments: Map<String, Commitment>,
    stages: BTreeMap<u32, Stage>,
    /// Findings, interviews, meetings, activities: only their existence and date matter.
    others: ByKind<Mark>,
    /// How many standing events (other than its creator) name each entity.
    refs: ByKind<u32>,
    /// Ids of retracted events.
    retracted: Set<String>,
    /// Keys, statements and whether signatures are required.
    signing: Signing,
}

impl Default for RuleState {
    fn default() -> Self {
        let mut frameworks = Map::default();
        frameworks.insert(
            crate::catalogue::EFFECTIVENESS.to_owned(),
            Framework {
                created: None,
                criteria: crate::catalogue::EFFECTIVENESS_CRITERIA
                    .iter()
                    .map(|(id, _)| (*id).to_owned())
                    .collect(),
                scale: crate::catalogue::EFFECTIVENESS_SCALE,
            },
        );
        RuleState {
            orgs: Map::default(),
            people: Map::default(),
            partnerships: Map::default(),
            agreements: Map::default(),
            frameworks,
            reviews: Map::default(),
            commitments: Map::default(),
            stages: BTreeMap::new(),
            others: ByKind::new(),
            refs: ByKind::new(),
            retracted: Set::default(),
            signing: Signing::default(),
        }
    }
}

/// The entities an event names (kind, id, field), other than the one it creates.
pub(crate) fn references(event: &Event) -> Vec<(Kind, &str, &'static str)> {
    use Event as E;
    let mut r: Vec<(Kind, &str, &'static str)> = Vec::new();
    match event {
        E::ProgrammeDefined(d) => {
            r.extend(
                d.commissioned_by
                    .iter()
                    .map(|o| (Kind::Org, o.as_str(), "commissioned_by")),
            );
            r.extend(
                d.facilitators
                    .iter()
                    .flat_map(|l| l.iter())
                    .map(|o| (Kind::Org, o.as_str(), "facilitators")),
            );
        }
        E::StagePlanned(_) | E::OrganisationRegistered(_) | E::EventRetracted(_) => {}
        E::TranslationRecorded(d) => {
            if let (Some(kind), Some(id)) = (translated_kind(d.of), &d.id) {
                r.push((kind, id.as_str(), "id"));
            }
        }
        E::StageStarted(_) | E::StageCompleted(_) => {}
        E::PersonRegistered(d) => r.push((Kind::Org, d.org.as_str(), "org")),
        E::PersonKeyAdded(d) => r.push((Kind::Person, d.person.as_str(), "person")),
        E::PersonKeyRevoked(d) => r.push((Kind::Person, d.person.as_str(), "person")),
        E::SignaturesRequired(_) => {}
        E::PersonMoved(d) => {
            r.push((Kind::Person, d.person.as_str(), "person"));
            r.push((Kind::Org, d.org.as_str(), "org"));
        }
        E::PartnershipEstablished(d) => {
            r.extend(d.host.iter().map(|o| (Kind::Org, o.as_str(), "host")))
        }
        E::PartnerJoined(d) => {
            r.push((Kind::Partnership, d.partnership.as_str(), "partnership"));
            r.push((Kind::Org, d.org.as_str(), "org"));
        }
        E::PartnerLeft(d) => {
            r.push((Kind::Partnership, d.partnership.as_str(), "partnership"));
            r.push((Kind::Org, d.org.as_str(), "org"));
        }
        E::PartnershipClosed(d) => {
            r.push((Kind::Partnership, d.partnership.as_str(), "partnership"))
        }
        E::AgreementProposed(d) => {
            r.push((Kind::Partnership, d.partnership.as_str(), "partnership"));
            r.push((Kind::Person, d.proposed_by.as_str(), "proposed_by"));
        }
        E::AgreementEndorsed(d) => {
            r.push((Kind::Agreement, d.agreement.as_str(), "agreement"));
            r.push((Kind::Person, d.by.as_str(), "by"));
        }
        E::AgreementRevised(d) => {
            r.push((Kind::Agreement, d.agreement.as_str(), "agreement"));
            r.push((Kind::Person, d.revised_by.as_str(), "revised_by"));
        }
        E::AgreementWithdrawn(d) => {
            r.push((Kind::Agreement, d.agreement.as_str(), "agreement"));
            r.push((Kind::Person, d.by.as_str(), "by"));
        }
        E::FrameworkDefined(_) => {}
        E::ReviewOpened(d) => {
            r.push((Kind::Partnership, d.partnership.as_str(), "partnership"));
            r.extend(
                d.framework
                    .iter()
                    .map(|f| (Kind::Framework, f.as_str(), "framework")),
            );
        }
        E::ReviewResponse(d) => {
            r.push((Kind::Review, d.review.as_str(), "review"));
            r.push((Kind::Person, d.respondent.as_str(), "respondent"));
        }
        E::ReviewConcluded(d) => r.push((Kind::Review, d.review.as_str(), "review")),
        E::FindingRecorded(d) => {
            r.extend(
                d.partnership
                    .iter()
                    .map(|p| (Kind::Partnership, p.as_str(), "partnership")),
            );
            r.extend(
                d.review
                    .iter()
                    .map(|v| (Kind::Review, v.as_str(), "review")),
            );
        }
        E::InterviewHeld(d) => {
            r.extend(
                d.partnership
                    .iter()
                    .map(|p| (Kind::Partnership, p.as_str(), "partnership")),
            );
            r.extend(
                d.interviewees
                    .iter()
                    .flat_map(|l| l.iter())
                    .map(|p| (Kind::Person, p.as_str(), "interviewees")),
            );
        }
        E::MeetingHeld(d) => {
            r.extend(
                d.partnerships
                    .iter()
                    .flat_map(|l| l.iter())
                    .map(|p| (Kind::Partnership, p.as_str(), "partnerships")),
            );
            r.extend(
                d.attendees
                    .iter()
                    .flat_map(|l| l.iter())
                    .map(|p| (Kind::Person, p.as_str(), "attendees")),
            );
        }
        E::ActivityDelivered(d) => {
            r.extend(
                d.partnerships
                    .iter()
                    .flat_map(|l| l.iter())
                    .map(|p| (Kind::Partnership, p.as_str(), "partnerships")),
            );
        }
        E::CommitmentMade(d) => {
            r.push((Kind::Partnership, d.partnership.as_str(), "partnership"));
            r.push((Kind::Org, d.owner.as_str(), "owner"));
        }
        E::CommitmentReported(d) => {
            r.push((Kind::Commitment, d.commitment.as_str(), "commitment"));
            r.extend(
                d.reported_by
                    .iter()
                    .map(|p| (Kind::Person, p.as_str(), "reported_by")),
            );
        }
        E::CommitmentRescheduled(d) => {
            r.push((Kind::Commitment, d.commitment.as_str(), "commitment"))
        }
    }
    r
}

/// The kind of entity a translation of `of` names (none for the programme).
fn translated_kind(of: crate::fields::Translatable) -> Option<Kind> {
    use crate::fields::Translatable as T;
    match of {
        T::Programme => None,
        T::Stage => Some(Kind::Stage),
        T::Organisation => Some(Kind::Org),
        T::Partnership => Some(Kind::Partnership),
        T::Agreement => Some(Kind::Agreement),
        T::Review => Some(Kind::Review),
        T::Finding => Some(Kind::Finding),
        T::Commitment => Some(Kind::Commitment),
    }
}

/// The entity an event creates, if any.
pub(crate) fn creates(event: &Event) -> Option<(Kind, String)> {
    use Event as E;
    Some(match event {
        E::StagePlanned(d) => (Kind::Stage, d.stage.0.to_string()),
        E::OrganisationRegistered(d) => (Kind::Org, d.org.to_string()),
        E::PersonRegistered(d) => (Kind::Person, d.person.to_string()),
        E::PartnershipEstablished(d) => (Kind::Partnership, d.partnership.to_string()),
        E::AgreementProposed(d) => (Kind::Agreement, d.agreement.to_string()),
        E::FrameworkDefined(d) => (Kind::Framework, d.framework.to_string()),
        E::ReviewOpened(d) => (Kind::Review, d.review.to_string()),
        E::FindingRecorded(d) => (Kind::Finding, d.finding.to_string()),
        E::InterviewHeld(d) => (Kind::Interview, d.interview.to_string()),
        E::MeetingHeld(d) => (Kind::Meeting, d.meeting.to_string()),
        E::ActivityDelivered(d) => (Kind::Activity, d.activity.to_string()),
        E::CommitmentMade(d) => (Kind::Commitment, d.commitment.to_string()),
        _ => return None,
    })
}

/// The person whose act needs their organisation to be a current partner, and the partnership.
fn act(event: &Event) -> Option<(&str, &str)> {
    match event {
        Event::AgreementProposed(d) => Some((d.proposed_by.as_str(), d.partnership.as_str())),
        _ => None,
    }
}

impl RuleState {
    /// An empty log's state (the built-in `effectiveness` framework only).
    pub fn new() -> RuleState {
        RuleState::default()
    }

    /// Builds the state from a whole log in `seq` order. Retracted events
    /// (and the retractions) are skipped; the resulting state equals the one
    /// reached by appending them one by one.
    pub fn rebuild<'a>(
        events: impl IntoIterator<Item = &'a Envelope>,
        retracted: &HashSet<String>,
    ) -> RuleState {
        let mut s = RuleState::new();
        s.retracted = retracted.iter().cloned().collect();
        for e in events {
            if !retracted.contains(&e.id) {
                s.apply(e);
            }
        }
        s
    }

    /// What the rules know of keys and statements.
    pub fn signing(&self) -> &Signing {
        &self.signing
    }

    /// True when `id` names an event already retracted.
    pub fn is_retracted(&self, id: &str) -> bool {
        self.retracted.contains(id)
    }

    /// The stream an (already checked) event belongs to.
    pub fn stream_of(&self, event: &Event, target_stream: Option<&str>) -> String {
        use Event as E;
        match event {
            E::EventRetracted(_) => target_stream.unwrap_or("programme").to_owned(),
            E::OrganisationRegistered(_)
            | E::PersonRegistered(_)
            | E::PersonMoved(_)
            | E::PersonKeyAdded(_)
            | E::PersonKeyRevoked(_) => "directory".to_owned(),
            _ => match self.stream_partnership(event) {
                Some(p) => format!("partnership:{p}"),
                None => "programme".to_owned(),
            },
        }
    }

    /// The partnership whose stream an event goes to, without building the
    /// stream name (the closed-partnership check runs on every event).
    /// `None` for retractions and for the directory and programme streams.
    pub(crate) fn stream_partnership<'a>(&'a self, event: &'a Event) -> Option<&'a str> {
        use Event as E;
        match event {
            E::AgreementEndorsed(d) => self
                .agreements
                .get(d.agreement.as_str())
                .map(|a| a.partnership.as_str()),
            E::AgreementRevised(d) => self
                .agreements
                .get(d.agreement.as_str())
                .map(|a| a.partnership.as_str()),
            E::AgreementWithdrawn(d) => self
                .agreements
                .get(d.agreement.as_str())
                .map(|a| a.partnership.as_str()),
            E::ReviewResponse(d) => self
                .reviews
                .get(d.review.as_str())
                .map(|r| r.partnership.as_str()),
            E::ReviewConcluded(d) => self
                .reviews
                .get(d.review.as_str())
                .map(|r| r.partnership.as_str()),
            E::CommitmentReported(d) => self
                .commitments
                .get(d.commitment.as_str())
                .map(|c| c.partnership.as_str()),
            E::CommitmentRescheduled(d) => self
                .commitments
                .get(d.commitment.as_str())
                .map(|c| c.partnership.as_str()),
            E::EventRetracted(_)
            | E::OrganisationRegistered(_)
            | E::PersonRegistered(_)
            | E::PersonMoved(_)
            | E::PersonKeyAdded(_)
            | E::PersonKeyRevoked(_) => None,
            other => other.partnership_field().map(|p| p.as_str()),
        }
    }

    fn person_post_index(&self, person: &str, on: NaiveDate) -> Option<usize> {
        let posts = &self.people.get(person)?.posts;
        posts.iter().rposition(|p| p.mark.on <= on)
    }

    /// The organisation `person` worked for on `on`.
    fn org_of(&self, person: &str, on: NaiveDate) -> Option<&str> {
        let i = self.person_post_index(person, on)?;
        Some(self.people[person].posts[i].org.as_str())
    }

    fn membership_step_index(&self, partnership: &str, org: &str, on: NaiveDate) -> Option<usize> {
        let steps = self.partnerships.get(partnership)?.memberships.get(org)?;
        steps.iter().rposition(|s| s.mark.on <= on)
    }

    fn is_partner_on(&self, partnership: &str, org: &str, on: NaiveDate) -> bool {
        self.membership_step_index(partnership, org, on)
            .is_some_and(|i| self.partnerships[partnership].memberships[org][i].joined)
    }

    /// The acting person and partnership of an act that needs a current partner.
    fn acting(&self, event: &Event) -> Option<(String, String)> {
        if let Some((p, ps)) = act(event) {
            return Some((p.to_owned(), ps.to_owned()));
        }
        let (person, partnership) = match event {
            Event::AgreementEndorsed(d) => (
                d.by.as_str(),
                self.agreements
                    .get(d.agreement.as_str())?
                    .partnership
                    .as_str(),
            ),
            Event::AgreementRevised(d) => (
                d.revised_by.as_str(),
                self.agreements
                    .get(d.agreement.as_str())?
                    .partnership
                    .as_str(),
            ),
            Event::AgreementWithdrawn(d) => (
                d.by.as_str(),
                self.agreements
                    .get(d.agreement.as_str())?
                    .partnership
                    .as_str(),
            ),
            Event::ReviewResponse(d) => (
                d.respondent.as_str(),
                self.reviews.get(d.review.as_str())?.partnership.as_str(),
            ),
            _ => return None,
        };
        Some((person.to_owned(), partnership.to_owned()))
    }

    /// Counts (`delta` = +1) or uncounts (-1) an act's reliance on the
    /// person's post and the organisation's membership on the act's date.
    fn rely(&mut self, event: &Event, mark: Mark, delta: i32) {
        let on = mark.on;
        let Some((person, partnership)) = self.acting(event) else {
            return;
        };
        let Some(pi) = self.person_post_index(&person, on) else {
            return;
        };
        let org = self.people[&person].posts[pi].org.clone();
        let someone = self.people.get_mut(&person).expect("indexed");
        if delta > 0 {
            someone.acts.push(mark);
        } else {
            someone.acts.retain(|m| m.seq != mark.seq);
        }
        let post = &mut someone.posts[pi];
        post.acts = post.acts.saturating_add_signed(delta);
        if let Some(mi) = self.membership_step_index(&partnership, &org, on) {
            let step = &mut self
                .partnerships
                .get_mut(&partnership)
                .expect("indexed")
                .memberships
                .get_mut(&org)
                .expect("indexed")[mi];
            step.acts = step.acts.saturating_add_signed(delta);
        }
    }

    fn count_refs(&mut self, event: &Event, delta: i32) {
        for (k, id, _) in references(event) {
            match self.refs.get_mut(k, id) {
                Some(n) => *n = n.saturating_add_signed(delta),
                None => self.refs.insert(k, id, 0u32.saturating_add_signed(delta)),
            }
        }
    }

    /// Folds an accepted, standing event into the state.
    pub fn apply(&mut self, e: &Envelope) {
        use Event as E;
        let mark = Mark {
            seq: e.seq,
            on: e.occurred_on,
        };
        self.count_refs(&e.event, 1);
        self.signing.apply(e);
        match &e.event {
            E::ProgrammeDefined(_)
            | E::EventRetracted(_)
            | E::PersonKeyAdded(_)
            | E::PersonKeyRevoked(_)
            | E::SignaturesRequired(_)
            | E::TranslationRecorded(_) => {}
            E::StagePlanned(_) | E::StageStarted(_) | E::StageCompleted(_) => {
                self.apply_stage(e, mark)
            }
            E::OrganisationRegistered(_) | E::PersonRegistered(_) | E::PersonMoved(_) => {
                self.apply_directory(e, mark)
            }
            E::PartnershipEstablished(_)
            | E::PartnerJoined(_)
            | E::PartnerLeft(_)
            | E::PartnershipClosed(_) => self.apply_partnership(e, mark),
            E::AgreementProposed(_)
            | E::AgreementEndorsed(_)
            | E::AgreementRevised(_)
            | E::AgreementWithdrawn(_) => self.apply_agreement(e, mark),
            E::FrameworkDefined(_)
            | E::ReviewOpened(_)
            | E::ReviewResponse(_)
            | E::ReviewConcluded(_)
            | E::FindingRecorded(_)
            | E::InterviewHeld(_)
            | E::MeetingHeld(_)
            | E::ActivityDelivered(_) => self.apply_review(e, mark),
            E::CommitmentMade(_) | E::CommitmentReported(_) | E::CommitmentRescheduled(_) => {
                self.apply_commitment(e, mark)
            }
        }
        self.rely(&e.event, mark, 1);
    }

    fn step(&mut self, partnership: &str, org: &str, mark: Mark, joined: bool) {
        if let Some(p) = self.partnerships.get_mut(partnership) {
            p.memberships
                .entry(org.to_owned())
                .or_default()
                .push(MembershipStep {
                    mark,
                    joined,
                    acts: 0,
                });
        }
    }

    /// What a commitment's `origin` names: a review, an agreement or a meeting.
    fn origin_kind(&self, id: &str) -> Option<Kind> {
        if self.reviews.contains_key(id) {
            Some(Kind::Review)
        } else if self.agreements.contains_key(id) {
            Some(Kind::Agreement)
        } else if self.others.contains(Kind::Meeting, id) {
            Some(Kind::Meeting)
        } else {
            None
        }
    }

    /// Takes a retracted event out of the state. Only called for targets that
    /// [`RuleState::check`] allowed to be retracted, so nothing standing
    /// depends on what is removed.
    pub fn unapply(&mut self, target: &Envelope) {
        use Event as E;
        self.retracted.insert(target.id.clone());
        self.rely(
            &target.event,
            Mark {
                seq: target.seq,
                on: target.occurred_on,
            },
            -1,
        );
        self.count_refs(&target.event, -1);
        self.signing.unapply(target);
        let seq = target.seq;
        let drop_mark = |story: &mut Vec<Mark>| story.retain(|m| m.seq != seq);
        match &target.event {
            E::ProgrammeDefined(_)
            | E::EventRetracted(_)
            | E::AgreementProposed(_)
            | E::AgreementRevised(_)
            | E::PersonKeyAdded(_)
            | E::PersonKeyRevoked(_)
            | E::SignaturesRequired(_)
            | E::TranslationRecorded(_) => {}
            E::StagePlanned(d) => {
                self.stages.remove(&d.stage.0);
            }
            E::StageStarted(d) => {
                if let Some(s) = self.stages.get_mut(&d.stage.0) {
                    s.started = None;
                }
            }
            E::StageCompleted(d) => {
                if let Some(s) = self.stages.get_mut(&d.stage.0) {
                    s.completed = None;
                }
            }
            E::OrganisationRegistered(d) => {
                self.orgs.remove(d.org.as_str());
            }
            E::PersonRegistered(d) => {
                self.people.remove(d.person.as_str());
            }
            E::PersonMoved(d) => {
                if let Some(p) = self.people.get_mut(d.person.as_str()) {
                    p.posts.retain(|p| p.mark.seq != seq);
                }
            }
            E::PartnershipEstablished(d) => {
                self.partnerships.remove(d.partnership.as_str());
            }
            E::PartnerJoined(d) => self.unstep(d.partnership.as_str(), d.org.as_str(), seq),
            E::PartnerLeft(d) => self.unstep(d.partnership.as_str(), d.org.as_str(), seq),
            E::PartnershipClosed(d) => {
                if let Some(p) = self.partnerships.get_mut(d.partnership.as_str()) {
                    p.closed = None;
                }
            }
            E::AgreementEndorsed(d) => {
                if let Some(a) = self.agreements.get_mut(d.agreement.as_str()) {
                    for v in &mut a.versions {
                        v.retain(|(_, s)| *s != seq);
                    }
                    drop_mark(&mut a.story);
                }
            }
            E::AgreementWithdrawn(d) => {
                if let Some(a) = self.agreements.get_mut(d.agreement.as_str()) {
                    a.withdrawn = None;
                    drop_mark(&mut a.story);
                }
            }
            E::FrameworkDefined(d) => {
                self.frameworks.remove(d.framework.as_str());
            }
            E::ReviewOpened(d) => {
                self.reviews.remove(d.review.as_str());
            }
            E::ReviewResponse(d) => {
                if let Some(r) = self.reviews.get_mut(d.review.as_str()) {
                    r.responses.remove(d.respondent.as_str());
                    drop_mark(&mut r.story);
                }
            }
            E::ReviewConcluded(d) => {
                if let Some(r) = self.reviews.get_mut(d.review.as_str()) {
                    r.concluded = None;
                    drop_mark(&mut r.story);
                }
            }
            E::FindingRecorded(d) => {
                self.others.remove(Kind::Finding, d.finding.as_str());
            }
            E::InterviewHeld(d) => {
                self.others.remove(Kind::Interview, d.interview.as_str());
            }
            E::MeetingHeld(d) => {
                self.others.remove(Kind::Meeting, d.meeting.as_str());
            }
            E::ActivityDelivered(d) => {
                self.others.remove(Kind::Activity, d.activity.as_str());
            }
            E::CommitmentMade(d) => {
                if let Some(origin) = &d.origin
                    && let Some(k) = self.origin_kind(origin.as_str())
                    && let Some(n) = self.refs.get_mut(k, origin.as_str())
                {
                    *n = n.saturating_sub(1);
                }
                self.commitments.remove(d.commitment.as_str());
            }
            E::CommitmentReported(d) => {
                if let Some(c) = self.commitments.get_mut(d.commitment.as_str()) {
                    c.reports.retain(|(s, _)| *s != seq);
                    drop_mark(&mut c.story);
                }
            }
            E::CommitmentRescheduled(d) => {
                if let Some(c) = self.commitments.get_mut(d.commitment.as_str()) {
                    drop_mark(&mut c.story);
                }
            }
        }
    }

    fn unstep(&mut self, partnership: &str, org: &str, seq: u64) {
        if let Some(steps) = self
            .partnerships
            .get_mut(partnership)
            .and_then(|p| p.memberships.get_mut(org))
        {
            steps.retain(|s| s.mark.seq != seq);
        }
    }
}
