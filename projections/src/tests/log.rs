//! A small builder of hand-made logs: envelopes in `seq` order, with
//! streams, ids and `recorded_at` filled in the way the store would.

use std::collections::HashMap;

use accord_events::clock::format_recorded_at;
use accord_events::{Envelope, Event, EventKind};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde_json::{Value, json};

use crate::View;

/// A date from `YYYY-MM-DD`.
pub(crate) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// A log under construction.
#[derive(Clone, Debug, Default)]
pub(crate) struct Log {
    pub events: Vec<Envelope>,
    clock: Option<NaiveDateTime>,
    owner: HashMap<String, String>,
    versions: HashMap<String, u64>,
}

impl Log {
    pub fn new() -> Log {
        Log::default()
    }

    /// Moves the recording clock forward to noon of `day` (for back-dated entries).
    pub fn recording_on(&mut self, day: &str) -> &mut Log {
        let t = d(day).and_hms_opt(12, 0, 0).unwrap();
        self.clock = Some(self.clock.map_or(t, |c| c.max(t)));
        self
    }

    /// The `recorded_at` of the last event appended.
    pub fn last_recorded_at(&self) -> String {
        self.events.last().unwrap().recorded_at.clone()
    }

    fn stream_of(&self, event: &Event) -> String {
        use Event as E;
        let owned = |id: &str| self.owner.get(id).map(|p| format!("partnership:{p}"));
        let s = match event {
            E::OrganisationRegistered(_) | E::PersonRegistered(_) | E::PersonMoved(_) => {
                Some("directory".to_owned())
            }
            E::AgreementEndorsed(x) => owned(x.agreement.as_str()),
            E::AgreementRevised(x) => owned(x.agreement.as_str()),
            E::AgreementWithdrawn(x) => owned(x.agreement.as_str()),
            E::ReviewResponse(x) => owned(x.review.as_str()),
            E::ReviewConcluded(x) => owned(x.review.as_str()),
            E::CommitmentReported(x) => owned(x.commitment.as_str()),
            E::CommitmentRescheduled(x) => owned(x.commitment.as_str()),
            E::EventRetracted(x) => self
                .events
                .iter()
                .find(|e| e.id == x.event.0)
                .map(|e| e.stream.clone()),
            other => other
                .partnership_field()
                .map(|p| format!("partnership:{p}")),
        };
        s.unwrap_or_else(|| "programme".to_owned())
    }

    /// Appends an event of type `kind` that occurred on `occurred_at`;
    /// returns its id (`ev-<seq>`).
    pub fn add(&mut self, occurred_at: &str, kind: &str, data: Value) -> String {
        let kind = EventKind::parse(kind).unwrap_or_else(|| panic!("no type {kind}"));
        let event = Event::decode(kind, &data).unwrap_or_else(|e| panic!("{kind}: {e}"));
        let occurred_on = accord_events::input::parse_occurred_at(occurred_at).unwrap();
        let seq = self.events.len() as u64 + 1;
        let noon = occurred_on.and_hms_opt(12, 0, 0).unwrap();
        let t = match self.clock {
            Some(c) => c.max(noon) + Duration::microseconds(1),
            None => noon,
        };
        self.clock = Some(t);
        match &event {
            Event::AgreementProposed(x) => {
                self.owner
                    .insert(x.agreement.to_string(), x.partnership.to_string());
            }
            Event::ReviewOpened(x) => {
                self.owner
                    .insert(x.review.to_string(), x.partnership.to_string());
            }
            Event::CommitmentMade(x) => {
                self.owner
                    .insert(x.commitment.to_string(), x.partnership.to_string());
            }
            _ => {}
        }
        let stream = self.stream_of(&event);
        let v = self.versions.entry(stream.clone()).or_insert(0);
        *v += 1;
        let id = format!("ev-{seq}");
        let mut hash = [0u8; 32];
        hash[..8].copy_from_slice(&seq.to_be_bytes());
        self.events.push(Envelope {
            seq,
            id: id.clone(),
            stream,
            stream_version: *v,
            occurred_at: occurred_at.to_owned(),
            occurred_on,
            recorded_at: format_recorded_at(t.and_utc()),
            recorded_by: "secretariat".to_owned(),
            source: None,
            schema_version: 1,
            event,
            hash,
        });
        id
    }

    /// Retracts the event `id`.
    pub fn retract(&mut self, occurred_at: &str, id: &str) -> String {
        self.add(
            occurred_at,
            "event.retracted",
            json!({"event": id, "reason": "recorded in error"}),
        )
    }

    pub fn endorse(&mut self, on: &str, agreement: &str, version: u32, by: &str) -> String {
        self.add(
            on,
            "agreement.endorsed",
            json!({"agreement": agreement, "version": version, "by": by}),
        )
    }

    pub fn respond(&mut self, on: &str, review: &str, by: &str, scores: Value) -> String {
        self.add(
            on,
            "review.response",
            json!({"review": review, "respondent": by, "scores": scores}),
        )
    }

    /// The state of `twg-health` as of `on`.
    pub fn show(&self, on: &str) -> crate::PartnershipState {
        crate::show(&self.events, "twg-health", &View::as_of(d(on))).expect("established")
    }

    /// The state of `twg-health` as of `on`, as known at `known_at`.
    pub fn show_known(&self, on: &str, known_at: &str) -> crate::PartnershipState {
        crate::show(&self.events, "twg-health", &View::known_at(d(on), known_at))
            .expect("established")
    }

    /// A programme with two stages, five organisations on four sides, a
    /// person for each, and the partnership `twg-health` (established
    /// 2009-06-10) with four members. Stage 1 is completed on 2009-06-30.
    pub fn cambodia() -> Log {
        let mut l = Log::new();
        l.add(
            "2009-06-01",
            "programme.defined",
            json!({"name": "Making Partnerships Effective", "objective": "Strengthen TWG partnerships", "commissioned_by": "cdc"}),
        );
        for (org, name, side) in [
            (
                "cdc",
                "Council for the Development of Cambodia",
                "government",
            ),
            ("moh", "Ministry of Health", "government"),
            ("who", "WHO", "development_partner"),
            ("undp", "UNDP", "development_partner"),
            ("ngo-forum", "NGO Forum", "civil_society"),
        ] {
            l.add(
                "2009-06-01",
                "organisation.registered",
                json!({"org": org, "name": name, "side": side}),
            );
        }
        for (person, name, org) in [
            ("chair-health", "Dr Sok", "moh"),
            ("deputy-health", "Dr Chan", "moh"),
            ("lead-who", "Dr Smith", "who"),
            ("rep-undp", "Ms Jones", "undp"),
            ("rep-ngo", "Mr Dara", "ngo-forum"),
        ] {
            l.add(
                "2009-06-01",
                "person.registered",
                json!({"person": person, "name": name, "org": org}),
            );
        }
        l.add(
            "2009-06-01",
            "stage.planned",
            json!({"stage": 1, "name": "Engagement and Inception", "starts_on": "2009-06-01", "ends_on": "2009-06-30"}),
        );
        l.add(
            "2009-06-01",
            "stage.planned",
            json!({"stage": 2, "name": "Strategic Meeting", "starts_on": "2009-09-09", "ends_on": "2009-09-11"}),
        );
        l.add("2009-06-01", "stage.started", json!({"stage": 1}));
        l.add(
            "2009-06-10",
            "partnership.established",
            json!({"partnership": "twg-health", "name": "TWG Health", "host": "moh"}),
        );
        for (org, role) in [
            ("moh", "chair"),
            ("who", "lead_facilitator"),
            ("undp", "co_facilitator"),
            ("ngo-forum", "member"),
        ] {
            l.add(
                "2009-06-10",
                "partner.joined",
                json!({"partnership": "twg-health", "org": org, "role": role}),
            );
        }
        l.add("2009-06-30", "stage.completed", json!({"stage": 1}));
        l
    }

    /// Proposes `pp` (principles) in `twg-health` on `on`.
    pub fn propose_principles(&mut self, on: &str) -> String {
        self.add(
            on,
            "agreement.proposed",
            json!({"agreement": "pp", "partnership": "twg-health", "kind": "principles",
                   "title": "Partnership principles", "text": "We agree to work as equals.",
                   "proposed_by": "chair-health"}),
        )
    }
}
