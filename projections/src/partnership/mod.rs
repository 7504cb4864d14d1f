//! One partnership, folded event by event.
//!
//! [`Partnership`] keeps the facts recorded on a partnership as they were
//! recorded (who endorsed which version on which date, each response's
//! scores, ...). Meanings that depend on the directory or on the as-of date
//! (an endorser's organisation and side, adoption, scores by side, what is
//! overdue) are derived when a [`PartnershipState`] is built, so the fold can
//! be fed in one pass or in chunks and gives the same result.

mod agreement;
mod review;
mod state;

use std::collections::HashMap;

use accord_events::fields::{Day, ReportedStatus, Role};
use accord_events::{Envelope, Event, Hash};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::finding::Finding;

pub use agreement::{Adoption, Agreement, Endorsement, Version, Withdrawal};
pub use review::{Response, Review, Scores, Tally};
pub use state::{
    AgreementState, AgreementStatus, CommitmentState, EndorsementState, FormerMember, MemberState,
    PartnershipState, ResponseState, ReviewState, VersionState,
};

/// The types of the programme stream that a partnership's state (and
/// `show`'s text) depends on: the review frameworks its scores are read
/// against, the stages (a partnership never reviewed is overdue once a
/// stage completes), retractions (which may take either back), and the
/// translations its text may be shown in. The
/// rest of that stream (meetings, interviews, activities, findings that
/// name no partnership) never changes a partnership's state, so a reader
/// may leave it unread; a property test holds this list to that.
pub const PROGRAMME_TYPES_FOR_STATE: [&str; 6] = [
    "framework.defined",
    "stage.planned",
    "stage.started",
    "stage.completed",
    "event.retracted",
    "translation.recorded",
];

/// The fold a partnership's state is built from, given `own` (its stream
/// and the programme's, as [`PROGRAMME_TYPES_FOR_STATE`] allows, in `seq`
/// order) and a reader of directory entries (`directory`: every event of
/// the directory stream filed under one of the entries it is given, and
/// those filed under none, [`accord_events::store::ANY_ENTRY`]).
///
/// The directory is read in two steps: the entries the partnership's fold
/// names ([`Partnership::directory_entries`]), then the organisations the
/// people among them held posts at ([`crate::Directory::post_entries`]).
/// On a large programme that is a few hundred of the directory's tens of
/// thousands of events. They are folded after the rest: a directory event
/// changes only the directory, and a retraction of one is recorded on the
/// directory's stream, so the fold equals the one of all of them in `seq`
/// order (a property test holds the state to the whole log's).
pub fn state_fold<E>(
    own: &[Envelope],
    partnership: &str,
    view: &crate::View,
    directory: impl FnMut(&[String]) -> Result<Vec<Envelope>, E>,
) -> Result<crate::Replay, E> {
    let mut replay = crate::Replay::of(own, view);
    let named: Vec<String> = replay
        .partnerships
        .get(partnership)
        .map(Partnership::directory_entries)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let read = directory_of(named, directory)?;
    let sieve = crate::Sieve::new(view, &read);
    for e in read.iter().filter(|e| sieve.counts(e)) {
        replay.apply_programme_wide(e);
    }
    Ok(replay)
}

/// The events a partnership's story (its history, its diffs) is told
/// from, given `own` (its stream and the programme's, as
/// [`PROGRAMME_TYPES_FOR_STATE`] allows, with the programme's events that
/// name it, in `seq` order) and a reader of directory entries (as
/// [`state_fold`]'s): `own` with the directory's events of the entries its
/// state names and of every person and organisation its events name (a
/// story tells who acted and who left, where the state no longer keeps
/// them: who withdrew an agreement, the side of an organisation that left
/// without having joined), and of the organisations those people held
/// posts at, in `seq` order.
///
/// A story read this way equals the one read from the whole log (a
/// property test holds the history and the diffs to it); the whole
/// directory of a large programme is tens of thousands of events, this a
/// few hundred.
pub fn story_events<E>(
    own: Vec<Envelope>,
    partnership: &str,
    view: &crate::View,
    directory: impl FnMut(&[String]) -> Result<Vec<Envelope>, E>,
) -> Result<Vec<Envelope>, E> {
    use accord_events::store::{org_entry, person_entry};
    let replay = crate::Replay::of(&own, view);
    let mut named = replay
        .partnerships
        .get(partnership)
        .map(Partnership::directory_entries)
        .unwrap_or_default();
    named.extend(
        own.iter()
            .flat_map(|e| e.event.persons())
            .map(|p| person_entry(p.as_str())),
    );
    named.extend(
        own.iter()
            .flat_map(|e| e.event.organisations())
            .map(|o| org_entry(o.as_str())),
    );
    let mut events = directory_of(named.into_iter().collect(), directory)?;
    events.extend(own);
    events.sort_by_key(|e| e.seq);
    Ok(events)
}

/// The directory's events of `named` (sorted entries) and of the
/// organisations the people among them held posts at, in `seq` order,
/// each once.
fn directory_of<E>(
    named: Vec<String>,
    mut directory: impl FnMut(&[String]) -> Result<Vec<Envelope>, E>,
) -> Result<Vec<Envelope>, E> {
    let people = directory(&named)?;
    let posts: Vec<String> = crate::Directory::from_events(&people)
        .post_entries()
        .into_iter()
        .filter(|e| named.binary_search(e).is_err())
        .collect();
    let orgs = if posts.is_empty() {
        Vec::new()
    } else {
        directory(&posts)?
    };
    let mut read: Vec<Envelope> = people.into_iter().chain(orgs).collect();
    read.sort_by_key(|e| e.seq);
    // The events of no one entry come with both reads.
    read.dedup_by_key(|e| e.seq);
    Ok(read)
}

/// Where and when an event stands in the log: what an auditor traces.
///
/// A fold keeps one per fact, so a million-event log holds a million. Its
/// position and date are kept inline; the rest (id, business time as
/// written, recording, hash: [`Recording`]) in a box of its own, which a
/// fold that keeps a status line's or a snapshot share's worth
/// ([`Keep::Line`], [`Keep::Share`]) never makes: such a *lean* stamp is
/// 24 bytes, not 152. Asking a lean stamp for what it does not hold (but
/// its business time, for which it gives its date) is a bug in the caller
/// (those folds are read by `status` and `snapshot` only, which never
/// print a stamp), and panics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// Its position in the log.
    pub seq: u64,
    /// The calendar date written in `occurred_at`.
    pub on: Day,
    recording: Option<Box<Recording>>,
}

/// What a [`Stamp`] holds beside its position and date. The text fields
/// are [`CompactString`]s (kept inline, without an allocation, up to 24
/// bytes, which every id, date and user name of a generated log fits) and
/// the hash is kept as bytes (JSON still reads lowercase hex).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Recording {
    id: CompactString,
    occurred_at: CompactString,
    recorded_at: CompactString,
    recorded_by: CompactString,
    hash: Hash,
}

impl Stamp {
    /// The stamp of an envelope.
    pub fn of(e: &Envelope) -> Stamp {
        Stamp {
            recording: Some(Box::new(Recording {
                id: CompactString::from(e.id.as_str()),
                occurred_at: CompactString::from(e.occurred_at.as_str()),
                recorded_at: CompactString::from(e.recorded_at.as_str()),
                recorded_by: CompactString::from(e.recorded_by.as_str()),
                hash: e.hash,
            })),
            ..Stamp::lean(e)
        }
    }

    /// The position and date of an envelope, nothing more.
    pub fn lean(e: &Envelope) -> Stamp {
        Stamp {
            seq: e.seq,
            on: Day(e.occurred_on),
            recording: None,
        }
    }

    fn recording(&self) -> &Recording {
        self.recording
            .as_deref()
            .expect("a lean stamp (Keep::Line, Keep::Share) is asked only its seq and date")
    }

    /// The event id.
    pub fn id(&self) -> &str {
        &self.recording().id
    }

    /// Business time as written; of a lean stamp, its date (a state
    /// derived from a lean fold writes dates where times were written,
    /// which neither `status` nor `snapshot` reads).
    pub fn occurred_at(&self) -> std::borrow::Cow<'_, str> {
        match self.recording.as_deref() {
            Some(r) => std::borrow::Cow::Borrowed(r.occurred_at.as_str()),
            None => std::borrow::Cow::Owned(self.on.0.to_string()),
        }
    }

    /// When the store recorded it.
    pub fn recorded_at(&self) -> &str {
        &self.recording().recorded_at
    }

    /// Who recorded it.
    pub fn recorded_by(&self) -> &str {
        &self.recording().recorded_by
    }

    /// Its hash in the chain.
    pub fn hash(&self) -> &Hash {
        &self.recording().hash
    }

    /// Its hash in lowercase hex, as JSON and the reports write it.
    pub fn hash_hex(&self) -> String {
        hex::encode(self.hash())
    }
}

/// `seq`, `id`, `occurred_at`, `on`, `recorded_at`, `recorded_by` and
/// `hash` (in hex), in that order (a lean stamp is never written).
impl Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, to: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let r = self.recording();
        let mut s = to.serialize_struct("Stamp", 7)?;
        s.serialize_field("seq", &self.seq)?;
        s.serialize_field("id", &r.id)?;
        s.serialize_field("occurred_at", &r.occurred_at)?;
        s.serialize_field("on", &self.on)?;
        s.serialize_field("recorded_at", &r.recorded_at)?;
        s.serialize_field("recorded_by", &r.recorded_by)?;
        s.serialize_field("hash", &hex::encode(r.hash))?;
        s.end()
    }
}

/// `partnership.established`.
#[derive(Clone, Debug, PartialEq)]
pub struct Establishment {
    /// The partnership's name.
    pub name: String,
    /// The host organisation, if any.
    pub host: Option<String>,
    /// When and where it was recorded.
    pub stamp: Stamp,
}

/// An organisation's membership, from `partner.joined` to `partner.left`.
#[derive(Clone, Debug, PartialEq)]
pub struct Membership {
    /// The organisation.
    pub org: String,
    /// Its role.
    pub role: Role,
    /// The `partner.joined` event.
    pub joined: Stamp,
    /// The `partner.left` event and its reason, once it has left.
    pub left: Option<(Stamp, String)>,
}

/// `partnership.closed`.
#[derive(Clone, Debug, PartialEq)]
pub struct Closure {
    /// Why.
    pub reason: String,
    /// When and where it was recorded.
    pub stamp: Stamp,
}

/// A commitment and everything reported on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Commitment {
    /// Its id.
    pub commitment: String,
    /// What is committed.
    pub text: String,
    /// The organisation that owns it.
    pub owner: String,
    /// The due date it was made with.
    pub original_due: Day,
    /// The review, agreement or meeting it came from.
    pub origin: Option<String>,
    /// `commitment.made`.
    pub made: Stamp,
    /// `commitment.reported`, in `seq` order.
    pub reports: Vec<Report>,
    /// `commitment.rescheduled`, in `seq` order.
    pub reschedules: Vec<Reschedule>,
}

/// `commitment.reported`.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The reported status.
    pub status: ReportedStatus,
    /// Who reported it.
    pub reported_by: Option<String>,
    /// A note.
    pub note: Option<String>,
    /// When and where it was recorded.
    pub stamp: Stamp,
}

/// `commitment.rescheduled`.
#[derive(Clone, Debug, PartialEq)]
pub struct Reschedule {
    /// The new due date.
    pub due: Day,
    /// Why.
    pub reason: String,
    /// When and where it was recorded.
    pub stamp: Stamp,
}

/// A commitment's status: `open` until its first report, then the last
/// reported status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentStatus {
    /// Nothing reported yet.
    Open,
    /// Reported on schedule.
    OnSchedule,
    /// Reported behind schedule.
    BehindSchedule,
    /// Reported completed.
    Completed,
    /// Reported dropped.
    Dropped,
}

impl CommitmentStatus {
    /// Every status, `open` first.
    pub const ALL: [CommitmentStatus; 5] = [
        CommitmentStatus::Open,
        CommitmentStatus::OnSchedule,
        CommitmentStatus::BehindSchedule,
        CommitmentStatus::Completed,
        CommitmentStatus::Dropped,
    ];

    /// The status as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentStatus::Open => "open",
            CommitmentStatus::OnSchedule => "on_schedule",
            CommitmentStatus::BehindSchedule => "behind_schedule",
            CommitmentStatus::Completed => "completed",
            CommitmentStatus::Dropped => "dropped",
        }
    }

    /// Completed and dropped commitments are never overdue.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            CommitmentStatus::Completed | CommitmentStatus::Dropped
        )
    }
}

impl From<ReportedStatus> for CommitmentStatus {
    fn from(s: ReportedStatus) -> Self {
        match s {
            ReportedStatus::OnSchedule => CommitmentStatus::OnSchedule,
            ReportedStatus::BehindSchedule => CommitmentStatus::BehindSchedule,
            ReportedStatus::Completed => CommitmentStatus::Completed,
            ReportedStatus::Dropped => CommitmentStatus::Dropped,
        }
    }
}

impl Commitment {
    /// The due date after any rescheduling.
    pub fn due(&self) -> Day {
        self.reschedules.last().map_or(self.original_due, |r| r.due)
    }

    /// `open` until the first report, then the last reported status.
    pub fn status(&self) -> CommitmentStatus {
        self.reports
            .last()
            .map_or(CommitmentStatus::Open, |r| r.status.into())
    }

    /// Overdue on `on`: not completed or dropped, and due before `on`.
    /// (A closed partnership's commitments are never overdue; the
    /// partnership state applies that.)
    pub fn is_overdue_on(&self, on: chrono::NaiveDate) -> bool {
        !self.status().is_final() && self.due().0 < on
    }
}

/// What a fold of a partnership keeps of what it is fed. Under
/// [`Keep::Line`] and [`Keep::Share`] each fact's stamp is lean (its
/// position and date: [`Stamp::lean`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Keep {
    /// Every fact with its stamp: what `show`, `history`, the audits and
    /// the reports read.
    #[default]
    Everything,
    /// What a status line reads ([`crate::PartnershipLine::from_fold`]):
    /// of each commitment only its last report and rescheduling, of the
    /// reviews only the responses of the latest with any, of findings only
    /// how many, and none of the words a line never prints (versions'
    /// texts and reasons, endorsements' forums, withdrawals' reasons,
    /// conclusions' summaries, responses' comments, commitments' texts,
    /// reports' notes, reschedulings' reasons: left empty). The
    /// busiest partnership of a million events holds tens of thousands of
    /// each; a status keeps its fold while its stream is read. Such a fold
    /// must be fed in `seq` order and names fewer directory entries than
    /// the whole ([`Partnership::directory_entries`] is not to be asked of
    /// it); a property test holds the status from these folds to the whole
    /// log's.
    Line,
    /// What a stage snapshot's share reads of a partnership on the
    /// snapshot's date (`snapshot::share`): as [`Keep::Line`], but every
    /// review's responses (coverage and the score history read them; their
    /// comments are let go), every finding, and the commitments' texts
    /// (the report lists overdue and changed commitments). A property test
    /// holds the snapshot from these folds to the whole log's.
    Share,
}

/// The facts recorded on one partnership, folded in `seq` order.
#[derive(Clone, Debug, PartialEq)]
pub struct Partnership {
    /// The partnership's id.
    pub partnership: String,
    /// `partnership.established`, once folded.
    pub established: Option<Establishment>,
    /// Memberships in the order they began (an organisation that left and
    /// joined again has two).
    pub memberships: Vec<Membership>,
    /// `partnership.closed`, once folded.
    pub closed: Option<Closure>,
    /// Agreements in the order they were proposed.
    pub agreements: Vec<Agreement>,
    /// Reviews in the order they were opened.
    pub reviews: Vec<Review>,
    /// Commitments in the order they were made.
    pub commitments: Vec<Commitment>,
    /// Findings in `seq` order.
    pub findings: Vec<Finding>,
    agreement_index: HashMap<String, usize>,
    review_index: HashMap<String, usize>,
    commitment_index: HashMap<String, usize>,
    keep: Keep,
    /// How many findings were folded (kept or not).
    findings_folded: usize,
    /// Under [`Keep::Line`], the review whose responses are kept.
    latest: Option<usize>,
}

impl Partnership {
    /// The directory entries its state looks up
    /// ([`accord_events::store::directory_entry`]'s keys): the organisations
    /// of its members, host, commitment owners and version authors, and the
    /// people who endorsed its agreements or responded to its reviews. With
    /// the organisations those people worked for
    /// ([`crate::Directory::post_entries`]) that is all of the directory its
    /// state reads: `show` reads only those entries, and a property test
    /// holds the state so read to the one read from the whole directory.
    pub fn directory_entries(&self) -> std::collections::BTreeSet<String> {
        use accord_events::store::{org_entry, person_entry};
        let mut out = std::collections::BTreeSet::new();
        let orgs = self
            .memberships
            .iter()
            .map(|m| m.org.as_str())
            .chain(self.established.iter().filter_map(|e| e.host.as_deref()))
            .chain(self.commitments.iter().map(|c| c.owner.as_str()));
        out.extend(orgs.map(org_entry));
        for v in self.agreements.iter().flat_map(|a| a.versions.iter()) {
            // An author may be written as an organisation or a person.
            out.insert(org_entry(&v.author));
            out.insert(person_entry(&v.author));
            for e in &v.endorsements {
                out.insert(person_entry(&e.person));
                out.extend(e.signed_by.as_deref().map(person_entry));
            }
        }
        let respondents = self
            .reviews
            .iter()
            .flat_map(|r| r.responses.iter())
            .map(|x| person_entry(&x.respondent));
        out.extend(respondents);
        out
    }

    /// A partnership with nothing folded yet.
    pub fn new(partnership: impl Into<String>) -> Partnership {
        Partnership::keeping(partnership, Keep::Everything)
    }

    /// A partnership with nothing folded yet, that keeps what `keep` says.
    pub fn keeping(partnership: impl Into<String>, keep: Keep) -> Partnership {
        Partnership {
            partnership: partnership.into(),
            established: None,
            memberships: Vec::new(),
            closed: None,
            agreements: Vec::new(),
            reviews: Vec::new(),
            commitments: Vec::new(),
            findings: Vec::new(),
            agreement_index: HashMap::new(),
            review_index: HashMap::new(),
            commitment_index: HashMap::new(),
            keep,
            findings_folded: 0,
            latest: None,
        }
    }

    /// How many findings were recorded on it (in the view it was folded
    /// in), whether or not its fold keeps them.
    pub fn findings_folded(&self) -> usize {
        self.findings_folded
    }

    /// Under [`Keep::Line`] or [`Keep::Share`], after `e` was folded: the
    /// words neither reads (versions' texts and reasons, endorsements'
    /// forums, withdrawals' reasons, conclusions' summaries, responses'
    /// comments, reports' notes, reschedulings' reasons; under
    /// [`Keep::Line`], commitments' texts too) are let go.
    fn forget_words(&mut self, e: &Event) {
        use Event as E;
        let agreement = |p: &mut Partnership, id: &str| {
            let i = p.agreement_index[id];
            if let Some(v) = p.agreements[i].versions.last_mut() {
                v.text = String::new();
                v.reason = None;
            }
        };
        match e {
            E::AgreementEndorsed(d) => {
                let i = self.agreement_index[d.agreement.as_str()];
                let slot = (d.version.0 as usize).checked_sub(1);
                let version = slot.and_then(|v| self.agreements[i].versions.get_mut(v));
                if let Some(x) = version.and_then(|v| v.endorsements.last_mut()) {
                    x.forum = None;
                }
            }
            E::AgreementWithdrawn(d) => {
                let i = self.agreement_index[d.agreement.as_str()];
                if let Some(w) = &mut self.agreements[i].withdrawn {
                    w.reason = String::new();
                }
            }
            E::AgreementProposed(d) => agreement(self, d.agreement.as_str()),
            E::AgreementRevised(d) => agreement(self, d.agreement.as_str()),
            E::ReviewConcluded(d) => {
                let i = self.review_index[d.review.as_str()];
                if let Some((_, summary)) = &mut self.reviews[i].concluded {
                    *summary = String::new();
                }
            }
            E::ReviewResponse(d) => {
                let i = self.review_index[d.review.as_str()];
                if let Some(x) = self.reviews[i].responses.last_mut() {
                    x.comment = None;
                }
            }
            E::CommitmentMade(d) if self.keep == Keep::Line => {
                let i = self.commitment_index[d.commitment.as_str()];
                self.commitments[i].text = String::new();
            }
            E::CommitmentReported(d) => {
                let i = self.commitment_index[d.commitment.as_str()];
                if let Some(r) = self.commitments[i].reports.last_mut() {
                    r.note = None;
                }
            }
            E::CommitmentRescheduled(d) => {
                let i = self.commitment_index[d.commitment.as_str()];
                if let Some(r) = self.commitments[i].reschedules.last_mut() {
                    r.reason = String::new();
                }
            }
            _ => {}
        }
    }

    /// Under [`Keep::Line`], after review `i` received a response: the
    /// responses of only the latest review with any are kept. The latest
    /// (by opening date, ties by `seq`) only ever moves to a review opened
    /// later, and a review passed over never becomes the latest again, for
    /// a review later than the latest has no responses yet.
    fn keep_latest_responses(&mut self, i: usize) {
        let key = |r: &Review| (r.opened.on, r.opened.seq);
        match self.latest {
            Some(l) if l == i => {}
            Some(l) if key(&self.reviews[l]) > key(&self.reviews[i]) => {
                self.reviews[i].responses = Vec::new();
            }
            other => {
                if let Some(l) = other {
                    self.reviews[l].responses = Vec::new();
                }
                self.latest = Some(i);
            }
        }
    }

    /// Folds every event of `events` that concerns this partnership.
    pub fn from_events<'a>(
        partnership: &str,
        events: impl IntoIterator<Item = &'a Envelope>,
    ) -> Partnership {
        let mut p = Partnership::new(partnership);
        for e in events {
            p.apply(e);
        }
        p
    }

    /// True when `e` is recorded on this partnership (by the partnership it
    /// names, or by an agreement, review or commitment already folded here).
    pub fn concerns(&self, e: &Envelope) -> bool {
        use Event as E;
        let mine = |id: &str| id == self.partnership;
        match &e.event {
            E::PartnershipEstablished(d) => mine(d.partnership.as_str()),
            E::PartnerJoined(d) => mine(d.partnership.as_str()),
            E::PartnerLeft(d) => mine(d.partnership.as_str()),
            E::PartnershipClosed(d) => mine(d.partnership.as_str()),
            E::AgreementProposed(d) => mine(d.partnership.as_str()),
            E::ReviewOpened(d) => mine(d.partnership.as_str()),
            E::CommitmentMade(d) => mine(d.partnership.as_str()),
            E::FindingRecorded(d) => d.partnership.as_ref().is_some_and(|p| mine(p.as_str())),
            E::AgreementEndorsed(d) => self.agreement_index.contains_key(d.agreement.as_str()),
            E::AgreementRevised(d) => self.agreement_index.contains_key(d.agreement.as_str()),
            E::AgreementWithdrawn(d) => self.agreement_index.contains_key(d.agreement.as_str()),
            E::ReviewResponse(d) => self.review_index.contains_key(d.review.as_str()),
            E::ReviewConcluded(d) => self.review_index.contains_key(d.review.as_str()),
            E::CommitmentReported(d) => self.commitment_index.contains_key(d.commitment.as_str()),
            E::CommitmentRescheduled(d) => {
                self.commitment_index.contains_key(d.commitment.as_str())
            }
            _ => false,
        }
    }

    /// Folds one event that counts (see [`crate::View::counted`]). Events
    /// that do not concern this partnership are ignored; returns true when
    /// `e` was folded.
    pub fn apply(&mut self, e: &Envelope) -> bool {
        use Event as E;
        if !self.concerns(e) {
            return false;
        }
        let keep = self.keep;
        let stamp = || match keep {
            Keep::Everything => Stamp::of(e),
            Keep::Line | Keep::Share => Stamp::lean(e),
        };
        match &e.event {
            E::PartnershipEstablished(d) => {
                self.established = Some(Establishment {
                    name: d.name.as_str().to_owned(),
                    host: d.host.as_ref().map(|h| h.to_string()),
                    stamp: stamp(),
                });
            }
            E::PartnerJoined(d) => self.memberships.push(Membership {
                org: d.org.to_string(),
                role: d.role,
                joined: stamp(),
                left: None,
            }),
            E::PartnerLeft(d) => {
                if let Some(m) = self
                    .memberships
                    .iter_mut()
                    .rev()
                    .find(|m| m.org == d.org.as_str() && m.left.is_none())
                {
                    m.left = Some((stamp(), d.reason.as_str().to_owned()));
                }
            }
            E::PartnershipClosed(d) => {
                self.closed = Some(Closure {
                    reason: d.reason.as_str().to_owned(),
                    stamp: stamp(),
                });
            }
            E::AgreementProposed(d) => {
                self.agreement_index
                    .insert(d.agreement.to_string(), self.agreements.len());
                self.agreements.push(Agreement::proposed(stamp(), d));
            }
            E::AgreementEndorsed(d) => {
                let i = self.agreement_index[d.agreement.as_str()];
                self.agreements[i].endorse(stamp(), d);
            }
            E::AgreementRevised(d) => {
                let i = self.agreement_index[d.agreement.as_str()];
                self.agreements[i].revise(stamp(), d);
            }
            E::AgreementWithdrawn(d) => {
                let i = self.agreement_index[d.agreement.as_str()];
                self.agreements[i].withdrawn = Some(Withdrawal {
                    by: d.by.to_string(),
                    reason: d.reason.as_str().to_owned(),
                    stamp: stamp(),
                });
            }
            E::ReviewOpened(d) => {
                self.review_index
                    .insert(d.review.to_string(), self.reviews.len());
                self.reviews.push(Review::opened(stamp(), d));
            }
            E::ReviewResponse(d) => {
                let i = self.review_index[d.review.as_str()];
                self.reviews[i].respond(stamp(), d);
                if self.keep == Keep::Line {
                    self.keep_latest_responses(i);
                }
            }
            E::ReviewConcluded(d) => {
                let i = self.review_index[d.review.as_str()];
                self.reviews[i].concluded = Some((stamp(), d.summary.as_str().to_owned()));
            }
            E::CommitmentMade(d) => {
                self.commitment_index
                    .insert(d.commitment.to_string(), self.commitments.len());
                self.commitments.push(Commitment {
                    commitment: d.commitment.to_string(),
                    text: d.text.as_str().to_owned(),
                    owner: d.owner.to_string(),
                    original_due: d.due,
                    origin: d.origin.as_ref().map(|o| o.to_string()),
                    made: stamp(),
                    reports: Vec::new(),
                    reschedules: Vec::new(),
                });
            }
            E::CommitmentReported(d) => {
                let i = self.commitment_index[d.commitment.as_str()];
                if self.keep != Keep::Everything {
                    self.commitments[i].reports.clear();
                }
                self.commitments[i].reports.push(Report {
                    status: d.status,
                    reported_by: d.reported_by.as_ref().map(|p| p.to_string()),
                    note: d.note.as_ref().map(|n| n.as_str().to_owned()),
                    stamp: stamp(),
                });
            }
            E::CommitmentRescheduled(d) => {
                let i = self.commitment_index[d.commitment.as_str()];
                if self.keep != Keep::Everything {
                    self.commitments[i].reschedules.clear();
                }
                self.commitments[i].reschedules.push(Reschedule {
                    due: d.due,
                    reason: d.reason.as_str().to_owned(),
                    stamp: stamp(),
                });
            }
            E::FindingRecorded(d) => {
                self.findings_folded += 1;
                if self.keep != Keep::Line {
                    self.findings.push(Finding::from_event(e, d));
                }
            }
            _ => return false,
        }
        if self.keep != Keep::Everything {
            self.forget_words(&e.event);
        }
        true
    }

    /// An agreement by id.
    pub fn agreement(&self, id: &str) -> Option<&Agreement> {
        self.agreement_index.get(id).map(|&i| &self.agreements[i])
    }

    /// A review by id.
    pub fn review(&self, id: &str) -> Option<&Review> {
        self.review_index.get(id).map(|&i| &self.reviews[i])
    }

    /// A commitment by id.
    pub fn commitment(&self, id: &str) -> Option<&Commitment> {
        self.commitment_index.get(id).map(|&i| &self.commitments[i])
    }

    /// The memberships standing now, in the order they began.
    pub fn current_members(&self) -> impl Iterator<Item = &Membership> {
        self.memberships.iter().filter(|m| m.left.is_none())
    }

    /// The most recently opened review (by opening date, ties by `seq`) that
    /// has at least one response.
    pub fn latest_review(&self) -> Option<&Review> {
        self.reviews
            .iter()
            .filter(|r| !r.responses.is_empty())
            .max_by_key(|r| (r.opened.on, r.opened.seq))
    }
}
