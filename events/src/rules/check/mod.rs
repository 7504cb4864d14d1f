//! Checking one new event against the state. Nothing here changes the state.

use chrono::NaiveDate;

use super::{Kind, Mark, Rule, RuleState, Violation, creates, did_you_mean, references};
use crate::catalogue::Event;
use crate::envelope::Envelope;
use crate::input::NewEvent;

mod agreement;
mod commitment;
mod partnership;
mod person;
mod review;
mod stage;
mod translation;

type Checked = Result<(), Violation>;

impl RuleState {
    /// Checks `ev` against every rule. `target` is the stored event a
    /// retraction names (looked up by the store), `None` when there is none.
    pub fn check(&self, ev: &NewEvent, target: Option<&Envelope>) -> Checked {
        let on = ev.occurred_on;
        if let Event::EventRetracted(d) = &ev.event {
            return self.check_retraction(d.event.0.as_str(), on, target);
        }
        if let Some((kind, id)) = creates(&ev.event) {
            self.check_new(kind, &id)?;
        }
        for (kind, id, field) in references(&ev.event) {
            self.check_reference(kind, id, on).map_err(|mut v| {
                if v.rule != Rule::Stage {
                    v.field = Some(field.to_owned());
                }
                v
            })?;
        }
        self.check_closed(ev)?;
        self.check_specific(ev)
    }

    fn exists(&self, kind: Kind, id: &str) -> Option<Option<Mark>> {
        match kind {
            Kind::Org => self.orgs.get(id).map(|o| Some(o.created)),
            Kind::Person => self.people.get(id).map(|p| p.posts.first().map(|p| p.mark)),
            Kind::Partnership => self.partnerships.get(id).map(|p| Some(p.created)),
            Kind::Agreement => self.agreements.get(id).map(|a| Some(a.created)),
            Kind::Framework => self.frameworks.get(id).map(|f| f.created),
            Kind::Review => self.reviews.get(id).map(|r| Some(r.created)),
            Kind::Commitment => self.commitments.get(id).map(|c| Some(c.created)),
            Kind::Stage => id
                .parse::<u32>()
                .ok()
                .and_then(|n| self.stages.get(&n))
                .map(|s| Some(s.planned)),
            Kind::Finding | Kind::Interview | Kind::Meeting | Kind::Activity => {
                self.others.get(kind, id).map(|m| Some(*m))
            }
        }
    }

    fn ids_of(&self, kind: Kind) -> Vec<&str> {
        match kind {
            Kind::Org => self.orgs.keys().map(String::as_str).collect(),
            Kind::Person => self.people.keys().map(String::as_str).collect(),
            Kind::Partnership => self.partnerships.keys().map(String::as_str).collect(),
            Kind::Agreement => self.agreements.keys().map(String::as_str).collect(),
            Kind::Framework => self.frameworks.keys().map(String::as_str).collect(),
            Kind::Review => self.reviews.keys().map(String::as_str).collect(),
            Kind::Commitment => self.commitments.keys().map(String::as_str).collect(),
            Kind::Stage => vec![],
            _ => self.others.keys(kind).collect(),
        }
    }

    fn check_new(&self, kind: Kind, id: &str) -> Checked {
        if self.exists(kind, id).is_some() {
            let what = if kind == Kind::Stage {
                format!("stage {id}")
            } else {
                format!("{} {id:?}", kind.noun())
            };
            return Err(Violation::new(
                Rule::AlreadyRegistered,
                field_of(kind),
                format!("{what} is already recorded; an id is registered once"),
            )
            .hint(format!("choose another id, or run `accord log --type` to see the event that recorded {what}")));
        }
        Ok(())
    }

    fn check_reference(&self, kind: Kind, id: &str, on: NaiveDate) -> Checked {
        match self.exists(kind, id) {
            None => {
                let mut v = if kind == Kind::Stage {
                    Violation::new(
                        Rule::Stage,
                        "stage",
                        format!("stage {id} has not been planned"),
                    )
                    .hint(match self.stages.keys().map(u32::to_string).collect::<Vec<_>>() {
                        planned if planned.is_empty() => format!(
                            "no stage is planned yet: plan it first with a stage.planned event (`accord stage plan {id} ...`)"
                        ),
                        planned => format!(
                            "the planned stages are {}; or plan this one first with a stage.planned event (`accord stage plan {id} ...`)",
                            planned.join(", ")
                        ),
                    })
                } else {
                    Violation::new(
                        Rule::UnknownReference,
                        field_of(kind),
                        format!("there is no {} {id:?} in the log", kind.noun()),
                    )
                };
                if let Some(s) = did_you_mean(id, self.ids_of(kind).into_iter()) {
                    v = v.hint(format!("did you mean {s:?}?"));
                } else if v.hint.is_none() {
                    v = v.hint(register_hint(kind, id));
                }
                Err(v)
            }
            Some(Some(created)) if created.on > on => Err(Violation::new(
                Rule::OutOfOrder,
                field_of(kind),
                format!(
                    "this event occurs on {on}, before {} {id:?} was recorded as existing (on {})",
                    kind.noun(),
                    created.on
                ),
            )
            .hint("check the occurred_at date: an event cannot happen before what it refers to")),
            Some(_) => Ok(()),
        }
    }

    fn check_closed(&self, ev: &NewEvent) -> Checked {
        if let Some(p) = self.stream_partnership(&ev.event)
            && let Some(closed) = self.partnerships.get(p).and_then(|x| x.closed)
        {
            return Err(Violation::new(
                    Rule::PartnershipClosed,
                    "partnership",
                    format!("partnership {p:?} was closed on {}; nothing more is recorded on it", closed.on),
                )
                .hint("if it was closed by mistake, retract the partnership.closed event with `accord retract`"));
        }
        Ok(())
    }

    /// "A new event does not occur before the latest one already standing on it."
    fn check_story(&self, what: &str, story: &[Mark], on: NaiveDate) -> Checked {
        match story.iter().map(|m| m.on).max() {
            Some(latest) if latest > on => Err(Violation::new(
                Rule::OutOfOrder,
                "occurred_at",
                format!("this event occurs on {on}, before the latest event already recorded on {what} (on {latest}); each one's story must read in date order"),
            )
            .hint("check the occurred_at date")),
            _ => Ok(()),
        }
    }

    fn check_acting_partner(
        &self,
        person: &str,
        partnership: &str,
        on: NaiveDate,
        field: &str,
    ) -> Checked {
        let Some(org) = self.org_of(person, on) else {
            return Ok(()); // the reference check already reported it
        };
        if self.is_partner_on(partnership, org, on) {
            return Ok(());
        }
        let org_name = self.orgs.get(org).map_or(org, |o| o.name.as_str());
        let p_name = self
            .partnerships
            .get(partnership)
            .map_or(partnership, |p| p.name.as_str());
        Err(Violation::new(
            Rule::NotAPartner,
            field,
            format!("{person:?} acts for {org_name} ({org}), which is not a partner of {p_name} ({partnership}) on {on}"),
        )
        .hint(format!("add it first with `accord partner join {partnership} --org {org} --role member --date YYYY-MM-DD`")))
    }

    fn check_specific(&self, ev: &NewEvent) -> Checked {
        use Event as E;
        match &ev.event {
            E::StagePlanned(_) | E::StageStarted(_) | E::StageCompleted(_) => self.check_stage(ev),
            E::PersonMoved(_) | E::PersonKeyAdded(_) | E::PersonKeyRevoked(_) => {
                self.check_person(ev)
            }
            E::PartnerJoined(_) | E::PartnerLeft(_) | E::PartnershipClosed(_) => {
                self.check_partnership(ev)
            }
            E::AgreementProposed(_)
            | E::AgreementEndorsed(_)
            | E::AgreementRevised(_)
            | E::AgreementWithdrawn(_) => self.check_agreement(ev),
            E::FrameworkDefined(_)
            | E::ReviewResponse(_)
            | E::ReviewConcluded(_)
            | E::FindingRecorded(_) => self.check_review(ev),
            E::CommitmentMade(_) | E::CommitmentReported(_) | E::CommitmentRescheduled(_) => {
                self.check_commitment(ev)
            }
            E::TranslationRecorded(_) => self.check_translation(ev),
            _ => Ok(()),
        }
    }

    fn check_agreement_open(&self, agreement: &str, on: NaiveDate) -> Checked {
        let a = &self.agreements[agreement];
        if let Some(w) = a.withdrawn {
            return Err(Violation::new(
                Rule::Withdrawn,
                "agreement",
                format!("agreement {agreement:?} ({}) was withdrawn on {}; nothing more is recorded on it", a.title, w.on),
            )
            .hint("propose a new agreement instead"));
        }
        self.check_story(&format!("agreement {agreement:?}"), &a.story, on)
    }

    fn check_membership(
        &self,
        partnership: &str,
        org: &str,
        on: NaiveDate,
        joining: bool,
    ) -> Checked {
        let p = &self.partnerships[partnership];
        let steps = p.memberships.get(org).map(Vec::as_slice).unwrap_or(&[]);
        let is_partner = steps.last().is_some_and(|s| s.joined);
        let org_name = self.orgs.get(org).map_or(org, |o| o.name.as_str());
        if joining && is_partner {
            return Err(Violation::new(
                Rule::Membership,
                "org",
                format!(
                    "{org_name} ({org}) is already a partner of {} ({partnership})",
                    p.name
                ),
            ));
        }
        if !joining && !is_partner {
            return Err(Violation::new(
                Rule::Membership,
                "org",
                format!(
                    "{org_name} ({org}) is not a partner of {} ({partnership}), so it cannot leave",
                    p.name
                ),
            ));
        }
        let marks: Vec<Mark> = steps.iter().map(|s| s.mark).collect();
        self.check_story(
            &format!("the membership of {org:?} in {partnership:?}"),
            &marks,
            on,
        )
    }

    fn check_retraction(&self, id: &str, on: NaiveDate, target: Option<&Envelope>) -> Checked {
        use Event as E;
        let refuse = |m: String| Err(Violation::new(Rule::Retraction, "event", m));
        let Some(t) = target else {
            return Err(Violation::new(
                Rule::UnknownReference,
                "event",
                format!("there is no event with id {id:?} in the log"),
            )
            .hint("find the event with `accord log`: its id is at the end of its line, in [brackets] (`accord retract` also takes the seq, the first column)"));
        };
        if self.retracted.contains(id) {
            return refuse(format!("event {id:?} is already retracted"));
        }
        if t.occurred_on > on {
            return Err(Violation::new(
                Rule::OutOfOrder,
                "occurred_at",
                format!(
                    "the retraction occurs on {on}, before the event it retracts (on {})",
                    t.occurred_on
                ),
            ));
        }
        let blocked = |what: String| blocked(id, what);
        let in_use = |kind: Kind, eid: &str| self.refs.get(kind, eid).copied().unwrap_or(0);
        if let Some(p) = t.stream.strip_prefix("partnership:")
            && self.partnerships.get(p).is_some_and(|x| x.closed.is_some())
            && !matches!(t.event, E::PartnershipClosed(_))
        {
            return refuse(format!(
                "partnership {p:?} is closed; nothing more is recorded on it"
            ));
        }
        match &t.event {
            E::EventRetracted(_) => refuse("a retraction is not itself retracted".into()),
            E::AgreementProposed(_) | E::AgreementRevised(_) => refuse(
                "proposals and revisions are never retracted: correct a wrong text with a further revision (`accord agreement revise`), or withdraw the agreement".into(),
            ),
            E::ProgrammeDefined(_)
            | E::PartnershipClosed(_)
            | E::AgreementEndorsed(_)
            | E::AgreementWithdrawn(_)
            | E::ReviewResponse(_)
            | E::ReviewConcluded(_)
            | E::CommitmentReported(_)
            | E::CommitmentRescheduled(_)
            | E::PersonKeyRevoked(_)
            | E::SignaturesRequired(_)
            | E::TranslationRecorded(_) => Ok(()),
            E::PersonKeyAdded(d) => {
                let fp = d.key.key().fingerprint();
                match self.signing.key_in_use(&fp) {
                    0 => Ok(()),
                    n => blocked(format!("{n} standing signed endorsement(s) were made with the key {fp}; revoke it instead (`accord person key revoke`)")),
                }
            }
            E::StagePlanned(d) => match self.stages.get(&d.stage.0).and_then(|s| s.started) {
                Some(_) => blocked(format!("stage {} has started since", d.stage.0)),
                None => Ok(()),
            },
            E::StageStarted(d) => match self.stages.get(&d.stage.0).and_then(|s| s.completed) {
                Some(_) => blocked(format!("stage {} has been completed since", d.stage.0)),
                None => Ok(()),
            },
            E::StageCompleted(d) => match self.stages.get(&(d.stage.0 + 1)).and_then(|s| s.started) {
                Some(_) => blocked(format!("stage {} has started since", d.stage.0 + 1)),
                None => Ok(()),
            },
            E::PersonMoved(d) => {
                let acts = self.people.get(d.person.as_str()).and_then(|p| p.posts.iter().find(|p| p.mark.seq == t.seq)).map_or(0, |p| p.acts);
                if acts > 0 {
                    blocked(format!("{acts} standing act(s) by {:?} relied on this post", d.person.as_str()))
                } else {
                    Ok(())
                }
            }
            E::PartnerJoined(d) => self.check_step_retraction(d.partnership.as_str(), d.org.as_str(), t.seq, id),
            E::PartnerLeft(d) => self.check_step_retraction(d.partnership.as_str(), d.org.as_str(), t.seq, id),
            other => {
                let (kind, eid) = creates(other).expect("every other event creates an entity");
                match in_use(kind, &eid) {
                    0 => Ok(()),
                    n => blocked(format!("{n} standing event(s) name {} {eid:?}", kind.noun())),
                }
            }
        }
    }

    fn check_step_retraction(&self, partnership: &str, org: &str, seq: u64, id: &str) -> Checked {
        let steps = self
            .partnerships
            .get(partnership)
            .and_then(|p| p.memberships.get(org));
        let Some(steps) = steps else { return Ok(()) };
        let blocked = |what: String| blocked(id, what);
        match steps.iter().position(|s| s.mark.seq == seq) {
            Some(i) if i + 1 < steps.len() => blocked(format!(
                "a later change to the membership of {org:?} in {partnership:?} stands"
            )),
            Some(i) if steps[i].acts > 0 => blocked(format!(
                "{} standing act(s) in {partnership:?} by people of {org:?} relied on it",
                steps[i].acts
            )),
            _ => Ok(()),
        }
    }
}

/// The field that names a `kind`: its noun, but `org` for an organisation.
/// A retraction refused because standing events still depend on `id`.
fn blocked(id: &str, what: String) -> Checked {
    Err(Violation::new(
        Rule::Retraction,
        "event",
        format!("event {id:?} cannot be retracted: {what}"),
    )
    .hint("retract the later events that depend on it first (newest first)"))
}

fn field_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Org => "org",
        other => other.noun(),
    }
}

fn register_hint(kind: Kind, id: &str) -> String {
    match kind {
        Kind::Org => {
            format!("register it first: `accord org add {id} --name ... --side government`")
        }
        Kind::Person => {
            format!("register them first: `accord person add {id} --name ... --org ...`")
        }
        Kind::Partnership => {
            format!("establish it first: `accord partnership add {id} --name ...`")
        }
        Kind::Agreement => format!("propose it first: `accord agreement propose {id} ...`"),
        Kind::Framework => format!(
            "define it first: `accord framework define {id} ...` (the built-in one is \"effectiveness\")"
        ),
        Kind::Review => format!("open it first: `accord review open {id} ...`"),
        Kind::Commitment => format!("record it first: `accord commitment add {id} ...`"),
        _ => "record it first, or check the id with `accord log`".to_owned(),
    }
}
