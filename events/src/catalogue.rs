//! The event catalogue (docs/format.md), defined once. The `catalogue!` invocation
//! below is the single source of truth: it yields [`EventKind`] (names and
//! documentation), the typed payloads, and [`Event`] with its decoder, so
//! parsing, validation, the stored JSON and `accord types` cannot drift apart.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::fields::*;

macro_rules! catalogue {
    ($($variant:ident => $name:literal, $doc:literal, $fields:literal;)+) => {
        /// The type of an event, as written in its `type` field.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum EventKind {
            $(#[doc = $doc] $variant,)+
        }

        impl EventKind {
            /// Every type of the catalogue, in the order of docs/format.md.
            pub const ALL: &'static [EventKind] = &[$(EventKind::$variant),+];

            /// The name written in the `type` field.
            pub fn as_str(self) -> &'static str {
                match self { $(EventKind::$variant => $name),+ }
            }

            /// Parses a `type` field.
            pub fn parse(s: &str) -> Option<EventKind> {
                match s { $($name => Some(EventKind::$variant),)+ _ => None }
            }

            /// One sentence on what the event records.
            pub fn doc(self) -> &'static str {
                match self { $(EventKind::$variant => $doc),+ }
            }

            /// Its data fields as docs/format.md lists them (`?` marks optional).
            pub fn fields(self) -> &'static str {
                match self { $(EventKind::$variant => $fields),+ }
            }
        }

        /// A typed event: the catalogue entry and its validated data.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Event {
            $(#[doc = $doc] $variant($variant),)+
        }

        impl Event {
            /// The event's type.
            pub fn kind(&self) -> EventKind {
                match self { $(Event::$variant(_) => EventKind::$variant),+ }
            }

            /// Decodes and validates `data` for `kind`. Unknown fields are an
            /// error; the error carries the path of the offending field.
            pub fn decode(kind: EventKind, data: &Value) -> Result<Event, DataError> {
                match kind {
                    $(EventKind::$variant => decode_as::<$variant>(data).map(Event::$variant),)+
                }
            }

            /// Decodes stored data (canonical JSON text) straight into the
            /// typed payload, without the intermediate [`Value`] and the
            /// path tracking [`Event::decode`] builds for its messages:
            /// reading the log back is most of what `show`, `status` and
            /// rebuilding the rule state do. The same field types validate
            /// the same way; on an error, call [`Event::decode`] for the message.
            pub fn decode_json(kind: EventKind, json: &str) -> Result<Event, serde_json::Error> {
                match kind {
                    $(EventKind::$variant => serde_json::from_str::<$variant>(json).map(Event::$variant),)+
                }
            }

            /// The data as JSON, from the typed form.
            pub fn to_data(&self) -> Value {
                let v = match self {
                    $(Event::$variant(d) => serde_json::to_value(d),)+
                };
                v.expect("catalogue payloads always serialise")
            }
        }
    };
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A data field that failed validation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", if path.is_empty() { "data" } else { path.as_str() })]
pub struct DataError {
    /// Dotted path of the field inside `data` (`scores.shared_goal`), empty for `data` itself.
    pub path: String,
    /// What is wrong, in words.
    pub message: String,
}

fn decode_as<T: for<'de> Deserialize<'de>>(data: &Value) -> Result<T, DataError> {
    if !data.is_object() {
        return Err(DataError {
            path: String::new(),
            message: "must be a JSON object".into(),
        });
    }
    serde_path_to_error::deserialize(data).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        DataError {
            path,
            message: humanise(&e.into_inner().to_string()),
        }
    })
}

/// Rewrites serde's wording into words a programme officer reads.
fn humanise(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("the field \"{field}\" is required");
    }
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        let expected = rest.split_once(", expected ").map(|(_, e)| e).unwrap_or("");
        return format!("\"{field}\" is not a field of this event type (expected {expected})")
            .replace('`', "\"");
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or(rest);
        let expected = rest.split_once(", expected ").map(|(_, e)| e).unwrap_or("");
        return format!("{value:?} is not allowed here (expected {expected})").replace('`', "\"");
    }
    msg.replace('`', "\"")
}

/// A criterion of a review framework.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Its id, used as the key of scores.
    pub id: Slug,
    /// How people read it.
    pub label: Name,
}

/// Declares one payload struct with `deny_unknown_fields`.
macro_rules! payload {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        // Field meanings are documented once, in `EventKind::fields` and docs/format.md.
        #[allow(missing_docs)]
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
        }
    };
}

payload!(
    /// `programme.defined`
    ProgrammeDefined {
        name: Name,
        objective: Text,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        commissioned_by: Option<Slug>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        facilitators: Option<List<Slug>>,
    }
);
payload!(
    /// `stage.planned`
    StagePlanned {
        stage: Ordinal,
        name: Name,
        starts_on: Day,
        ends_on: Day,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        intended_achievements: Option<List<Text>>,
    }
);
payload!(
    /// `stage.started`
    StageStarted { stage: Ordinal }
);
payload!(
    /// `stage.completed`
    StageCompleted {
        stage: Ordinal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        summary: Option<Text>,
    }
);
payload!(
    /// `organisation.registered`
    OrganisationRegistered { org: Slug, name: Name, side: Side }
);
payload!(
    /// `person.registered`
    PersonRegistered {
        person: Slug,
        name: Name,
        org: Slug,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<Name>,
    }
);
payload!(
    /// `person.moved`
    PersonMoved {
        person: Slug,
        org: Slug,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<Name>,
    }
);
payload!(
    /// `person.key_added`
    PersonKeyAdded { person: Slug, key: PublicKeyLine }
);
payload!(
    /// `person.key_revoked`
    PersonKeyRevoked {
        person: Slug,
        fingerprint: KeyFingerprint,
        reason: Text,
    }
);
payload!(
    /// `signatures.required`
    SignaturesRequired {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<Text>,
    }
);
payload!(
    /// `partnership.established`
    PartnershipEstablished {
        partnership: Slug,
        name: Name,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        host: Option<Slug>,
    }
);
payload!(
    /// `partner.joined`
    PartnerJoined { partnership: Slug, org: Slug, role: Role }
);
payload!(
    /// `partner.left`
    PartnerLeft { partnership: Slug, org: Slug, reason: Text }
);
payload!(
    /// `partnership.closed`
    PartnershipClosed { partnership: Slug, reason: Text }
);
payload!(
    /// `agreement.proposed`
    AgreementProposed {
        agreement: Slug,
        partnership: Slug,
        kind: AgreementKind,
        title: Name,
        text: Text,
        proposed_by: Slug,
    }
);
payload!(
    /// `agreement.endorsed`
    AgreementEndorsed {
        agreement: Slug,
        version: Ordinal,
        by: Slug,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        forum: Option<Name>,
        /// Absent: an unsigned endorsement (every event before issue 14).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        signature: Option<ArmoredSignature>,
    }
);
payload!(
    /// `agreement.revised`
    AgreementRevised {
        agreement: Slug,
        text: Text,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<Name>,
        reason: Text,
        revised_by: Slug,
    }
);
payload!(
    /// `agreement.withdrawn`
    AgreementWithdrawn { agreement: Slug, reason: Text, by: Slug }
);
payload!(
    /// `framework.defined`
    FrameworkDefined {
        framework: Slug,
        name: Name,
        criteria: List<Criterion>,
        scale_min: i64,
        scale_max: i64,
    }
);
payload!(
    /// `review.opened`
    ReviewOpened {
        review: Slug,
        partnership: Slug,
        kind: ReviewKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        framework: Option<Slug>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next_due: Option<Day>,
    }
);
payload!(
    /// `review.response`
    ReviewResponse {
        review: Slug,
        respondent: Slug,
        scores: BTreeMap<Slug, i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<Text>,
    }
);
payload!(
    /// `review.concluded`
    ReviewConcluded { review: Slug, summary: Text }
);
payload!(
    /// `finding.recorded`
    FindingRecorded {
        finding: Slug,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        partnership: Option<Slug>,
        origin: FindingOrigin,
        swot: Swot,
        theme: Theme,
        text: Text,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        side: Option<Side>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        review: Option<Slug>,
    }
);
payload!(
    /// `interview.held`
    InterviewHeld {
        interview: Slug,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        partnership: Option<Slug>,
        format: InterviewFormat,
        side: Side,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interviewees: Option<List<Slug>>,
        themes: List<InterviewTheme>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        notes: Option<Text>,
    }
);
payload!(
    /// `meeting.held`
    MeetingHeld {
        meeting: Slug,
        kind: MeetingKind,
        title: Name,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        partnerships: Option<List<Slug>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attendees: Option<List<Slug>>,
    }
);
payload!(
    /// `activity.delivered`
    ActivityDelivered {
        activity: Slug,
        kind: ActivityKind,
        title: Name,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        partnerships: Option<List<Slug>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        participants: Option<u32>,
    }
);
payload!(
    /// `commitment.made`
    CommitmentMade {
        commitment: Slug,
        partnership: Slug,
        text: Text,
        owner: Slug,
        due: Day,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        origin: Option<Slug>,
    }
);
payload!(
    /// `commitment.reported`
    CommitmentReported {
        commitment: Slug,
        status: ReportedStatus,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reported_by: Option<Slug>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<Text>,
    }
);
payload!(
    /// `commitment.rescheduled`
    CommitmentRescheduled { commitment: Slug, due: Day, reason: Text }
);
payload!(
    /// `translation.recorded`
    TranslationRecorded {
        of: Translatable,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<Slug>,
        field: TranslatedField,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        version: Option<Ordinal>,
        lang: LangTag,
        text: Text,
        translated_by: Name,
    }
);
payload!(
    /// `event.retracted`
    EventRetracted { event: EventRef, reason: Text }
);

/// The id of an event (not an entity): 1–128 printable characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct EventRef(pub String);

impl<'de> Deserialize<'de> for EventRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        crate::fields::check_event_id(&s)
            .map(|()| EventRef(s))
            .map_err(serde::de::Error::custom)
    }
}

/// An OpenSSH public key line of an Ed25519 key (`ssh-ed25519 AAAA... [comment]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct PublicKeyLine(String);

impl PublicKeyLine {
    /// Checks an OpenSSH public key line (Ed25519 only).
    pub fn parse(s: &str) -> Result<PublicKeyLine, String> {
        crate::signature::SigningKey::parse(s)
            .map(|_| PublicKeyLine(s.to_owned()))
            .map_err(|e| e.to_string())
    }
    /// The line as recorded.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The key it holds (it was checked when read).
    pub fn key(&self) -> crate::signature::SigningKey {
        crate::signature::SigningKey::parse(&self.0).expect("checked when read")
    }
}

impl<'de> Deserialize<'de> for PublicKeyLine {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        crate::signature::SigningKey::parse(&s)
            .map(|_| PublicKeyLine(s))
            .map_err(serde::de::Error::custom)
    }
}

/// A key's fingerprint as `ssh-keygen -l` prints it: `SHA256:` and 43
/// characters of unpadded base64.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct KeyFingerprint(String);

impl KeyFingerprint {
    /// Checks the form of a fingerprint.
    pub fn parse(s: &str) -> Result<KeyFingerprint, String> {
        let ok = s.strip_prefix("SHA256:").is_some_and(|b| {
            b.len() == 43
                && b.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/')
        });
        if ok {
            Ok(KeyFingerprint(s.to_owned()))
        } else {
            Err(format!(
                "{s:?} is not a key fingerprint: expected SHA256: and 43 characters, as `ssh-keygen -lf KEY.pub` prints it"
            ))
        }
    }
    /// The fingerprint.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for KeyFingerprint {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        KeyFingerprint::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// An armored SSHSIG signature (`-----BEGIN SSH SIGNATURE-----`) by an
/// Ed25519 key. Whether it verifies, and for whom, is for the rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ArmoredSignature(String);

impl ArmoredSignature {
    /// Checks that `s` reads as a signature by an Ed25519 key.
    pub fn parse(s: &str) -> Result<ArmoredSignature, String> {
        crate::signature::signature_fingerprint(s)
            .map(|_| ArmoredSignature(s.to_owned()))
            .map_err(|e| e.to_string())
    }
    /// The armored text as recorded.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The fingerprint of the key the signature names (not yet verified).
    pub fn fingerprint(&self) -> String {
        crate::signature::signature_fingerprint(&self.0).expect("checked when read")
    }
}

impl<'de> Deserialize<'de> for ArmoredSignature {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ArmoredSignature::parse(&s).map_err(serde::de::Error::custom)
    }
}

catalogue! {
    ProgrammeDefined => "programme.defined", "The programme: its name, objective, who commissioned it and who facilitates it.", "name, objective, commissioned_by: org?, facilitators: [org]?";
    StagePlanned => "stage.planned", "A stage of the programme is planned with its dates and intended achievements.", "stage: 1.., name, starts_on: date, ends_on: date, intended_achievements: [text]?";
    StageStarted => "stage.started", "A planned stage starts (stage N only after stage N-1 is completed).", "stage";
    StageCompleted => "stage.completed", "A started stage is completed.", "stage, summary?";
    OrganisationRegistered => "organisation.registered", "An organisation joins the directory, with the side it speaks for.", "org, name, side: government | development_partner | civil_society | private_sector | academic | facilitator";
    PersonRegistered => "person.registered", "A person joins the directory, working for an organisation.", "person, name, org, title?";
    PersonMoved => "person.moved", "A person takes a new post; earlier acts keep the organisation they were done for.", "person, org, title?";
    PersonKeyAdded => "person.key_added", "A person's public key for signing endorsements is registered (Ed25519; a key belongs to one person).", "person, key: OpenSSH public key line (ssh-ed25519 ...)";
    PersonKeyRevoked => "person.key_revoked", "A person's key is revoked: it signs nothing dated after this day.", "person, fingerprint: SHA256:..., reason";
    PartnershipEstablished => "partnership.established", "A partnership (for example a Technical Working Group) is established.", "partnership, name, host: org?";
    PartnerJoined => "partner.joined", "An organisation becomes a partner, with a role.", "partnership, org, role: chair | lead_facilitator | co_facilitator | secretariat | member";
    PartnerLeft => "partner.left", "An organisation stops being a partner.", "partnership, org, reason";
    PartnershipClosed => "partnership.closed", "A partnership is closed; nothing more is recorded on it.", "partnership, reason";
    AgreementProposed => "agreement.proposed", "An agreement is proposed as version 1 of its text.", "agreement, partnership, kind: shared_goal | principles | terms_of_reference | action_plan | success_measures | follow_up, title, text, proposed_by: person";
    AgreementEndorsed => "agreement.endorsed", "A person endorses the current version of an agreement.", "agreement, version, by: person, forum?, signature: armored SSH signature of the endorsement statement?";
    AgreementRevised => "agreement.revised", "An agreement gets a new version of its text; endorsements start again.", "agreement, text, title?, reason, revised_by: person";
    AgreementWithdrawn => "agreement.withdrawn", "An agreement is withdrawn; nothing more is recorded on it.", "agreement, reason, by: person";
    FrameworkDefined => "framework.defined", "A review framework: criteria and the scale they are scored on.", "framework, name, criteria: [{id, label}], scale_min, scale_max";
    ReviewOpened => "review.opened", "A review of a partnership is opened.", "review, partnership, kind: health_check | annual_review | self_assessment | external, framework? (default effectiveness), next_due: date?";
    ReviewResponse => "review.response", "A respondent scores a review's criteria.", "review, respondent: person, scores: {criterion: integer}, comment?";
    ReviewConcluded => "review.concluded", "A review is concluded with a summary.", "review, summary";
    FindingRecorded => "finding.recorded", "A finding, placed in a SWOT quadrant and a theme.", "finding, partnership?, origin: interview | focus_group | review | meeting | document, swot: strength | weakness | opportunity | threat, theme: institutional_arrangements | enabling_environment | roles | paris_principles | other, text, side?, review?";
    InterviewHeld => "interview.held", "An interview or focus group was held.", "interview, partnership?, format: individual | focus_group, side, interviewees: [person]?, themes: [added_value | effectiveness_reasons | local_context | expectations], notes?";
    MeetingHeld => "meeting.held", "A meeting, retreat or steering session was held.", "meeting, kind: strategic_meeting | partnership_meeting | retreat | steering | other, title, partnerships: [id]?, attendees: [person]?";
    ActivityDelivered => "activity.delivered", "A follow-up activity was delivered: training, case study, resource or specialist.", "activity, kind: training | case_study | resource | specialist, title, partnerships: [id]?, participants: integer?";
    CommitmentMade => "commitment.made", "An organisation commits to an action by a due date.", "commitment, partnership, text, owner: org, due: date, origin: review/agreement/meeting id?";
    CommitmentReported => "commitment.reported", "Progress on a commitment is reported.", "commitment, status: on_schedule | behind_schedule | completed | dropped, reported_by: person?, note?";
    CommitmentRescheduled => "commitment.rescheduled", "A commitment gets a new due date.", "commitment, due: date, reason";
    SignaturesRequired => "signatures.required", "From this event's date on, endorsements recorded after it must be signed.", "reason?";
    TranslationRecorded => "translation.recorded", "A translation of recorded content into another language: a reading aid, never the text that was endorsed. A later translation of the same field into the same language supersedes it.", "of: programme | stage | organisation | partnership | agreement | review | finding | commitment, id (absent for the programme; the stage's number), field: name | objective | title | text | summary, version (agreements: the version translated), lang: km | en | ..., text, translated_by";
    EventRetracted => "event.retracted", "An earlier event is retracted: it counts nowhere from now on, but stays in the log.", "event: id, reason";
}

impl Event {
    /// The partnership the event is recorded on, when its data names it directly.
    /// (Agreement, review and commitment events name it through their entity;
    /// the rules resolve those.)
    pub fn partnership_field(&self) -> Option<&Slug> {
        match self {
            Event::PartnershipEstablished(d) => Some(&d.partnership),
            Event::PartnerJoined(d) => Some(&d.partnership),
            Event::PartnerLeft(d) => Some(&d.partnership),
            Event::PartnershipClosed(d) => Some(&d.partnership),
            Event::AgreementProposed(d) => Some(&d.partnership),
            Event::ReviewOpened(d) => Some(&d.partnership),
            Event::CommitmentMade(d) => Some(&d.partnership),
            Event::FindingRecorded(d) => d.partnership.as_ref(),
            Event::InterviewHeld(d) => d.partnership.as_ref(),
            _ => None,
        }
    }

    /// True when this is a meeting or activity that lists `partnership`, or
    /// an interview held with it: the programme's events a partnership's
    /// history tells (their types are `store::NAMING_TYPES`).
    pub fn names_partnership(&self, partnership: &str) -> bool {
        self.partnerships_named().any(|p| p == partnership)
    }

    /// The partnerships a meeting, activity or interview names in its
    /// data (none for any other type), in the order written.
    pub fn partnerships_named(&self) -> impl Iterator<Item = &str> {
        let (listed, one) = match self {
            Event::MeetingHeld(d) => (d.partnerships.as_ref(), None),
            Event::ActivityDelivered(d) => (d.partnerships.as_ref(), None),
            Event::InterviewHeld(d) => (None, d.partnership.as_ref()),
            _ => (None, None),
        };
        listed
            .into_iter()
            .flat_map(|l| l.iter())
            .chain(one)
            .map(Slug::as_str)
    }

    /// Every person the data names (for `log --by` and the audit trail).
    pub fn persons(&self) -> Vec<&Slug> {
        match self {
            Event::PersonRegistered(d) => vec![&d.person],
            Event::PersonMoved(d) => vec![&d.person],
            Event::PersonKeyAdded(d) => vec![&d.person],
            Event::PersonKeyRevoked(d) => vec![&d.person],
            Event::AgreementProposed(d) => vec![&d.proposed_by],
            Event::AgreementEndorsed(d) => vec![&d.by],
            Event::AgreementRevised(d) => vec![&d.revised_by],
            Event::AgreementWithdrawn(d) => vec![&d.by],
            Event::ReviewResponse(d) => vec![&d.respondent],
            Event::InterviewHeld(d) => d.interviewees.iter().flat_map(|l| l.iter()).collect(),
            Event::MeetingHeld(d) => d.attendees.iter().flat_map(|l| l.iter()).collect(),
            Event::CommitmentReported(d) => d.reported_by.iter().collect(),
            _ => vec![],
        }
    }

    /// Every organisation the data names (a partnership's story tells
    /// the side of each organisation that joined or left it).
    pub fn organisations(&self) -> Vec<&Slug> {
        match self {
            Event::OrganisationRegistered(d) => vec![&d.org],
            Event::PersonRegistered(d) => vec![&d.org],
            Event::PersonMoved(d) => vec![&d.org],
            Event::PartnershipEstablished(d) => d.host.iter().collect(),
            Event::PartnerJoined(d) => vec![&d.org],
            Event::PartnerLeft(d) => vec![&d.org],
            Event::CommitmentMade(d) => vec![&d.owner],
            _ => vec![],
        }
    }

    /// The agreement the event is about, if any.
    pub fn agreement(&self) -> Option<&Slug> {
        match self {
            Event::AgreementProposed(d) => Some(&d.agreement),
            Event::AgreementEndorsed(d) => Some(&d.agreement),
            Event::AgreementRevised(d) => Some(&d.agreement),
            Event::AgreementWithdrawn(d) => Some(&d.agreement),
            _ => None,
        }
    }
}

/// The id of the built-in review framework (the seed's five marks).
pub const EFFECTIVENESS: &str = "effectiveness";

/// The five marks of an effective partnership, scored 1–5: `(id, label)`.
pub const EFFECTIVENESS_CRITERIA: [(&str, &str); 5] = [
    (
        "shared_goal",
        "A shared goal and agreed values and principles",
    ),
    ("co_creation", "Developed collaboratively (co-created)"),
    (
        "inclusive_transparent",
        "Inclusive and transparent in approach",
    ),
    (
        "engagement",
        "Continuing, deepening engagement beyond key individuals",
    ),
    (
        "review_revision",
        "Regularly reviewed and, where necessary, revised",
    ),
];

/// The scale of the built-in framework.
pub const EFFECTIVENESS_SCALE: (i64, i64) = (1, 5);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_kind_round_trips_its_name() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(EventKind::ALL.len(), 31);
    }

    #[test]
    fn unknown_field_is_named() {
        let e = Event::decode(
            EventKind::StageStarted,
            &json!({"stage": 1, "colour": "red"}),
        )
        .unwrap_err();
        assert!(e.message.contains("\"colour\" is not a field"), "{e}");
    }

    #[test]
    fn nested_error_carries_its_path() {
        let e = Event::decode(
            EventKind::ReviewResponse,
            &json!({"review": "r1", "respondent": "p", "scores": {"shared_goal": 2.5}}),
        )
        .unwrap_err();
        assert_eq!(e.path, "scores.shared_goal");
    }

    #[test]
    fn missing_field_is_required() {
        let e = Event::decode(
            EventKind::OrganisationRegistered,
            &json!({"org": "moh", "name": "MoH"}),
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "data: the field \"side\" is required");
    }
}
