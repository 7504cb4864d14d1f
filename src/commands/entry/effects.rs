//! What an event changed, in words: the state of its stream (and the
//! directory) folded just before and just after it, compared.
//!
//! The fold keeps only what the messages need: agreement versions and their
//! adoption (SPEC.md "Derived meanings": a version is adopted once endorsed by
//! a person of a government organisation and one of a development-partner
//! organisation, each person's organisation taken as of the endorsement date),
//! commitment status and due date, stages, reviews and memberships. Retracted
//! events count nowhere, as everywhere else.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use accord_events::fields::{Role, Side};
use accord_events::store::{LogFilter, Recorded, Store};
use accord_events::{Envelope, Event};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::error::CliError;

/// One version of an agreement's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub title: String,
    /// First 12 hex digits of the SHA-256 of the text.
    pub text_sha: String,
    /// (person, org, side) of each standing endorsement.
    pub endorsements: Vec<(String, String, Option<Side>)>,
    pub adopted_on: Option<NaiveDate>,
}

impl Version {
    fn has(&self, side: Side) -> bool {
        self.endorsements.iter().any(|(_, _, s)| *s == Some(side))
    }
}

/// An agreement as the messages need it.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    pub versions: Vec<Version>,
    pub withdrawn: bool,
}

impl Agreement {
    /// The newest adopted version, unless withdrawn.
    pub fn in_force(&self) -> Option<usize> {
        if self.withdrawn {
            return None;
        }
        self.versions.iter().rposition(|v| v.adopted_on.is_some())
    }

    /// `draft`, `adopted`, `revision_pending` or `withdrawn` (SPEC.md).
    pub fn status(&self) -> &'static str {
        match self.in_force() {
            _ if self.withdrawn => "withdrawn",
            None => "draft",
            Some(i) if i + 1 == self.versions.len() => "adopted",
            Some(_) => "revision_pending",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Commitment {
    status: String,
    due: String,
}

#[derive(Clone, Debug, PartialEq)]
struct Stage {
    name: String,
    started: bool,
    completed: bool,
}

#[derive(Clone, Debug, PartialEq)]
struct Review {
    responses: usize,
    concluded: bool,
}

/// The state of a few streams, folded.
#[derive(Debug, Default)]
pub struct Model {
    sides: HashMap<String, Side>,
    org_names: HashMap<String, String>,
    posts: HashMap<String, Vec<(NaiveDate, String)>>,
    agreements: BTreeMap<String, Agreement>,
    commitments: BTreeMap<String, Commitment>,
    stages: BTreeMap<u32, Stage>,
    reviews: BTreeMap<String, Review>,
    members: BTreeMap<(String, String), Role>,
    closed: BTreeSet<String>,
}

/// First 12 hex digits of the SHA-256 of a text.
pub fn text_sha(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))[..12].to_owned()
}

impl Model {
    /// Folds the standing events with `seq <= upto`.
    pub fn fold(events: &[Envelope], upto: u64) -> Model {
        let upto: Vec<&Envelope> = events.iter().filter(|e| e.seq <= upto).collect();
        let retracted: HashSet<&str> = upto
            .iter()
            .filter_map(|e| match &e.event {
                Event::EventRetracted(d) => Some(d.event.0.as_str()),
                _ => None,
            })
            .collect();
        let mut m = Model::default();
        for e in upto {
            if !retracted.contains(e.id.as_str()) {
                m.apply(e);
            }
        }
        m
    }

    fn org_of(&self, person: &str, on: NaiveDate) -> Option<&str> {
        let posts = self.posts.get(person)?;
        posts
            .iter()
            .rev()
            .find(|(d, _)| *d <= on)
            .or(posts.first())
            .map(|(_, o)| o.as_str())
    }

    fn apply(&mut self, e: &Envelope) {
        use Event as E;
        let on = e.occurred_on;
        match &e.event {
            E::OrganisationRegistered(d) => {
                self.sides.insert(d.org.to_string(), d.side);
                self.org_names
                    .insert(d.org.to_string(), d.name.as_str().to_owned());
            }
            E::PersonRegistered(d) => {
                self.posts
                    .insert(d.person.to_string(), vec![(on, d.org.to_string())]);
            }
            E::PersonMoved(d) => {
                self.posts
                    .entry(d.person.to_string())
                    .or_default()
                    .push((on, d.org.to_string()));
            }
            E::PartnerJoined(d) => {
                self.members
                    .insert((d.partnership.to_string(), d.org.to_string()), d.role);
            }
            E::PartnerLeft(d) => {
                self.members
                    .remove(&(d.partnership.to_string(), d.org.to_string()));
            }
            E::PartnershipClosed(d) => {
                self.closed.insert(d.partnership.to_string());
            }
            E::AgreementProposed(d) => {
                let v = Version {
                    title: d.title.as_str().to_owned(),
                    text_sha: text_sha(d.text.as_str()),
                    endorsements: vec![],
                    adopted_on: None,
                };
                self.agreements.insert(
                    d.agreement.to_string(),
                    Agreement {
                        versions: vec![v],
                        withdrawn: false,
                    },
                );
            }
            E::AgreementEndorsed(d) => {
                let org = self.org_of(d.by.as_str(), on).unwrap_or("").to_owned();
                let side = self.sides.get(&org).copied();
                if let Some(v) = self
                    .agreements
                    .get_mut(d.agreement.as_str())
                    .and_then(|a| a.versions.get_mut(d.version.0 as usize - 1))
                {
                    v.endorsements.push((d.by.to_string(), org, side));
                    if v.adopted_on.is_none()
                        && v.has(Side::Government)
                        && v.has(Side::DevelopmentPartner)
                    {
                        v.adopted_on = Some(on);
                    }
                }
            }
            E::AgreementRevised(d) => {
                if let Some(a) = self.agreements.get_mut(d.agreement.as_str()) {
                    let title = d.title.as_ref().map_or_else(
                        || {
                            a.versions
                                .last()
                                .map(|v| v.title.clone())
                                .unwrap_or_default()
                        },
                        |t| t.as_str().to_owned(),
                    );
                    a.versions.push(Version {
                        title,
                        text_sha: text_sha(d.text.as_str()),
                        endorsements: vec![],
                        adopted_on: None,
                    });
                }
            }
            E::AgreementWithdrawn(d) => {
                if let Some(a) = self.agreements.get_mut(d.agreement.as_str()) {
                    a.withdrawn = true;
                }
            }
            E::ReviewOpened(d) => {
                self.reviews.insert(
                    d.review.to_string(),
                    Review {
                        responses: 0,
                        concluded: false,
                    },
                );
            }
            E::ReviewResponse(d) => {
                if let Some(r) = self.reviews.get_mut(d.review.as_str()) {
                    r.responses += 1;
                }
            }
            E::ReviewConcluded(d) => {
                if let Some(r) = self.reviews.get_mut(d.review.as_str()) {
                    r.concluded = true;
                }
            }
            E::CommitmentMade(d) => {
                self.commitments.insert(
                    d.commitment.to_string(),
                    Commitment {
                        status: "open".into(),
                        due: d.due.to_string(),
                    },
                );
            }
            E::CommitmentReported(d) => {
                if let Some(c) = self.commitments.get_mut(d.commitment.as_str()) {
                    c.status = d.status.as_str().to_owned();
                }
            }
            E::CommitmentRescheduled(d) => {
                if let Some(c) = self.commitments.get_mut(d.commitment.as_str()) {
                    c.due = d.due.to_string();
                }
            }
            E::StagePlanned(d) => {
                self.stages.insert(
                    d.stage.0,
                    Stage {
                        name: d.name.as_str().to_owned(),
                        started: false,
                        completed: false,
                    },
                );
            }
            E::StageStarted(d) => {
                if let Some(s) = self.stages.get_mut(&d.stage.0) {
                    s.started = true;
                }
            }
            E::StageCompleted(d) => {
                if let Some(s) = self.stages.get_mut(&d.stage.0) {
                    s.completed = true;
                }
            }
            _ => {}
        }
    }

    fn org_label(&self, org: &str) -> String {
        match (self.org_names.get(org), self.sides.get(org)) {
            (Some(n), Some(s)) => format!("{n} ({org}, {})", s.label()),
            _ => org.to_owned(),
        }
    }
}

/// Every change from `before` to `after`, one sentence each.
pub fn describe(before: &Model, after: &Model) -> Vec<String> {
    let mut out = Vec::new();
    for (id, a) in &after.agreements {
        describe_agreement(&mut out, after, id, before.agreements.get(id), a);
    }
    for id in before.agreements.keys() {
        if !after.agreements.contains_key(id) {
            out.push(format!("agreement {id} no longer counts"));
        }
    }
    for (id, c) in &after.commitments {
        match before.commitments.get(id) {
            None => out.push(format!("commitment {id} is {}, due {}", c.status, c.due)),
            Some(b) => {
                if b.status != c.status {
                    out.push(format!(
                        "commitment {id} is now {} (was {})",
                        c.status, b.status
                    ));
                }
                if b.due != c.due {
                    out.push(format!(
                        "commitment {id} is now due {} (was {})",
                        c.due, b.due
                    ));
                }
            }
        }
    }
    gone(
        &mut out,
        "commitment",
        &before.commitments,
        &after.commitments,
    );
    for (n, s) in &after.stages {
        let b = before.stages.get(n);
        let what = format!("stage {n} {:?}", s.name);
        match b {
            None => out.push(format!("{what} is planned")),
            Some(b) if b.completed != s.completed => out.push(if s.completed {
                format!("{what} is completed")
            } else {
                format!("{what} is no longer completed")
            }),
            Some(b) if b.started != s.started => out.push(if s.started {
                format!("{what} has started")
            } else {
                format!("{what} is no longer started")
            }),
            Some(_) => {}
        }
    }
    gone(&mut out, "stage", &before.stages, &after.stages);
    for (id, r) in &after.reviews {
        match before.reviews.get(id) {
            None => out.push(format!("review {id} is open for responses")),
            Some(b) if b.concluded != r.concluded => out.push(if r.concluded {
                format!("review {id} is concluded with {} response(s)", r.responses)
            } else {
                format!("review {id} is open again for responses")
            }),
            Some(b) if b.responses != r.responses => {
                out.push(format!("review {id} now has {} response(s)", r.responses))
            }
            Some(_) => {}
        }
    }
    gone(&mut out, "review", &before.reviews, &after.reviews);
    for ((p, org), role) in &after.members {
        if before.members.get(&(p.clone(), org.clone())) != Some(role) {
            out.push(format!(
                "{} is now a partner of {p} as {role}",
                after.org_label(org)
            ));
        }
    }
    for (p, org) in before.members.keys() {
        if !after.members.contains_key(&(p.clone(), org.clone())) {
            out.push(format!(
                "{} is no longer a partner of {p}",
                after.org_label(org)
            ));
        }
    }
    for (person, posts) in &after.posts {
        let old = before.posts.get(person).map_or(0, Vec::len);
        if let Some((on, org)) = posts.last().filter(|_| posts.len() > old) {
            out.push(match old.checked_sub(1).and_then(|i| posts.get(i)) {
                Some((_, was)) => format!(
                    "{person} works for {} from {on}; what they did before keeps {}",
                    after.org_label(org),
                    after.org_label(was)
                ),
                None => format!("{person} works for {}", after.org_label(org)),
            });
        }
    }
    for p in after.closed.difference(&before.closed) {
        out.push(format!(
            "partnership {p} is closed: nothing more can be recorded on it"
        ));
    }
    for p in before.closed.difference(&after.closed) {
        out.push(format!("partnership {p} is open again"));
    }
    out
}

fn gone<K: Ord + std::fmt::Display, V>(
    out: &mut Vec<String>,
    noun: &str,
    before: &BTreeMap<K, V>,
    after: &BTreeMap<K, V>,
) {
    for k in before.keys().filter(|k| !after.contains_key(k)) {
        out.push(format!("{noun} {k} no longer counts"));
    }
}

fn describe_agreement(
    out: &mut Vec<String>,
    m: &Model,
    id: &str,
    before: Option<&Agreement>,
    a: &Agreement,
) {
    let empty = Agreement {
        versions: vec![],
        withdrawn: false,
    };
    let b = before.unwrap_or(&empty);
    let mut adoption_said = false;
    for (i, v) in a.versions.iter().enumerate() {
        let n = i + 1;
        let old = b.versions.get(i);
        match old {
            Some(_) => {}
            None if n == 1 => out.push(format!(
                "agreement {id} v1 {:?} (text sha256 {}) is proposed; it is adopted once endorsed by both a government and a development-partner organisation",
                v.title, v.text_sha
            )),
            None => out.push(format!(
                "agreement {id} v{n} {:?} (text sha256 {}) is its current text now; endorsements start again",
                v.title, v.text_sha
            )),
        }
        let old_endorsers: Vec<&String> = old
            .map(|o| o.endorsements.iter().map(|(p, _, _)| p).collect())
            .unwrap_or_default();
        for (person, org, _) in &v.endorsements {
            if !old_endorsers.contains(&person) {
                out.push(format!(
                    "{person} of {} endorsed agreement {id} v{n} {:?} (text sha256 {})",
                    m.org_label(org),
                    v.title,
                    v.text_sha
                ));
            }
        }
        let was_adopted = old.is_some_and(|o| o.adopted_on.is_some());
        match (was_adopted, v.adopted_on) {
            (false, Some(on)) => {
                adoption_said = true;
                out.push(format!(
                    "agreement {id} v{n} is now adopted (on {on}){}",
                    if a.in_force() == Some(i) {
                        " and in force"
                    } else {
                        ""
                    }
                ));
            }
            (true, None) => out.push(format!("agreement {id} v{n} is no longer adopted")),
            (false, None) if old.is_some_and(|o| o.endorsements != v.endorsements) => {
                let missing: Vec<&str> = [Side::Government, Side::DevelopmentPartner]
                    .into_iter()
                    .filter(|s| !v.has(*s))
                    .map(|s| s.label())
                    .collect();
                out.push(format!(
                    "agreement {id} v{n} is not adopted yet: it still needs an endorsement from a {} organisation",
                    missing.join(" and a ")
                ));
            }
            _ => {}
        }
    }
    if before.is_some() && b.status() != a.status() && !(adoption_said && a.status() == "adopted") {
        out.push(match (a.status(), a.in_force()) {
            ("revision_pending", Some(f)) => format!(
                "agreement {id} is now revision_pending: v{} stays in force until v{} is adopted",
                f + 1,
                a.versions.len()
            ),
            ("withdrawn", _) => {
                format!("agreement {id} is now withdrawn: no version of it is in force")
            }
            ("draft", _) => format!("agreement {id} is now draft: no version of it is in force"),
            ("adopted", Some(f)) => {
                format!("agreement {id} is now adopted: v{} is in force", f + 1)
            }
            (s, _) => format!("agreement {id} is now {s}"),
        });
    }
}

/// Reads the events a change can touch: its stream and the directory.
fn read_for(store: &Store, stream: &str) -> Result<Vec<Envelope>, CliError> {
    let streams: Vec<&str> = if stream == "directory" {
        vec!["directory"]
    } else {
        vec![stream, "directory"]
    };
    Ok(store.read_streams(&streams)?)
}

/// What the recorded event changed, in words.
pub fn changes(store: &Store, r: &Recorded) -> Result<Vec<String>, CliError> {
    let events = read_for(store, &r.stream)?;
    let before = Model::fold(&events, r.seq - 1);
    let after = Model::fold(&events, r.seq);
    Ok(describe(&before, &after))
}

/// What the events `first..=last` changed together (an import).
pub fn changes_of_batch(store: &Store, first: u64, last: u64) -> Result<Vec<String>, CliError> {
    let mut streams = BTreeSet::new();
    for e in store.stored_after(first.saturating_sub(1))? {
        if e.seq <= last {
            streams.insert(e.stream);
        }
    }
    let mut out = Vec::new();
    for s in streams {
        let events = read_for(store, &s)?;
        let before = Model::fold(&events, first - 1);
        let after = Model::fold(&events, last);
        out.extend(describe(&before, &after));
    }
    Ok(out)
}

/// The standing state of one agreement, if it is in the log.
pub fn agreement_model(store: &Store, agreement: &str) -> Result<Option<Agreement>, CliError> {
    let filter = LogFilter {
        kind: Some("agreement.proposed".into()),
        ..LogFilter::default()
    };
    for stored in store.stored_matching(&filter)? {
        let Ok(e) = stored.decode() else { continue };
        if e.event.agreement().is_some_and(|a| a.as_str() == agreement) {
            let events = read_for(store, &e.stream)?;
            let m = Model::fold(&events, u64::MAX);
            return Ok(m.agreements.get(agreement).cloned());
        }
    }
    Ok(None)
}
