//! The whole programme folded at once: the directory, the programme and
//! every partnership, routed event by event.

use std::collections::{BTreeMap, HashMap};

use accord_events::{Envelope, Event};

use crate::directory::Directory;
use crate::partnership::{Keep, Partnership, PartnershipState};
use crate::programme::Programme;
use crate::translations::Translations;
use crate::view::{Sieve, View};

/// Every fold of a log, fed in `seq` order with the events that count.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Replay {
    /// Organisations and people.
    pub directory: Directory,
    /// The programme: stages, frameworks, meetings, ...
    pub programme: Programme,
    /// Partnerships by id.
    pub partnerships: BTreeMap<String, Partnership>,
    /// Translations of recorded content.
    pub translations: Translations,
    /// Which partnership each agreement, review and commitment belongs to
    /// (one map per kind, indexed by `AGREEMENT`, `REVIEW`, `COMMITMENT`,
    /// so that a lookup by `&str` allocates nothing).
    owner: [HashMap<String, String>; 3],
    /// What each partnership's fold keeps.
    keep: Keep,
}

const AGREEMENT: usize = 0;
const REVIEW: usize = 1;
const COMMITMENT: usize = 2;

impl Replay {
    /// Nothing folded yet.
    pub fn new() -> Replay {
        Replay::default()
    }

    /// Nothing folded yet; each partnership's fold will keep what `keep`
    /// says.
    pub fn keeping(keep: Keep) -> Replay {
        Replay {
            keep,
            ..Replay::default()
        }
    }

    /// Folds the events of `events` that count in `view` (the whole-slice
    /// form of [`ReplayBuilder`]).
    pub fn of(events: &[Envelope], view: &View) -> Replay {
        let mut b = ReplayBuilder::new(Sieve::new(view, events));
        for e in events {
            b.apply(e);
        }
        b.finish()
    }

    /// The partnership an event is recorded on, if any.
    pub fn partnership_of<'a>(&'a self, event: &'a Event) -> Option<&'a str> {
        route(&self.owner, event)
    }

    /// Folds what one event that counts tells the directory, the programme
    /// and the translations, not the partnerships. (An interview held with
    /// a partnership is recorded on its stream, yet the programme counts
    /// it: a reader by stream passes such events here too.)
    pub fn apply_programme_wide(&mut self, e: &Envelope) {
        self.directory.apply(e);
        self.programme.apply(e);
        self.translations.apply(e);
    }

    /// Folds one event that counts.
    pub fn apply(&mut self, e: &Envelope) {
        self.apply_programme_wide(e);
        self.apply_to_partnership(e);
    }

    /// Folds what one event that counts tells the partnership it is
    /// recorded on, not the directory, programme or translations: a reader
    /// by stream keeps one fold of those for the whole log
    /// ([`Replay::apply_programme_wide`]) and one of these per partnership.
    pub fn apply_to_partnership(&mut self, e: &Envelope) {
        let owned = match &e.event {
            Event::AgreementProposed(d) => Some((AGREEMENT, d.agreement.to_string())),
            Event::ReviewOpened(d) => Some((REVIEW, d.review.to_string())),
            Event::CommitmentMade(d) => Some((COMMITMENT, d.commitment.to_string())),
            _ => None,
        };
        let Some(p) = route(&self.owner, &e.event) else {
            return;
        };
        // Every event of a partnership passes here: look it up by `&str`
        // and allocate its id only for a partnership not seen before.
        let partnership = match self.partnerships.get_mut(p) {
            Some(found) => found,
            None => {
                let p = p.to_owned();
                self.partnerships
                    .entry(p.clone())
                    .or_insert_with(|| Partnership::keeping(p, self.keep))
            }
        };
        if let Some((kind, id)) = owned {
            self.owner[kind].insert(id, partnership.partnership.clone());
        }
        partnership.apply(e);
    }

    /// The partnerships established in this replay, in the order they were
    /// established (by `seq`).
    pub fn established(&self) -> Vec<&Partnership> {
        let mut v: Vec<&Partnership> = self
            .partnerships
            .values()
            .filter(|p| p.established.is_some())
            .collect();
        v.sort_by_key(|p| p.established.as_ref().map(|e| e.stamp.seq));
        v
    }

    /// The state of one partnership in `view` (which should be the view this
    /// replay was folded with).
    pub fn partnership_state(&self, partnership: &str, view: &View) -> Option<PartnershipState> {
        let p = self.partnerships.get(partnership)?;
        PartnershipState::build(p, &self.directory, &self.programme, view)
    }
}

/// The partnership `event` is recorded on: named in it, or the owner of the
/// agreement, review or commitment it is about.
fn route<'a>(owner: &'a [HashMap<String, String>; 3], event: &'a Event) -> Option<&'a str> {
    use Event as E;
    let owned = |k: usize, id: &str| owner[k].get(id).map(String::as_str);
    match event {
        E::AgreementEndorsed(d) => owned(AGREEMENT, d.agreement.as_str()),
        E::AgreementRevised(d) => owned(AGREEMENT, d.agreement.as_str()),
        E::AgreementWithdrawn(d) => owned(AGREEMENT, d.agreement.as_str()),
        E::ReviewResponse(d) => owned(REVIEW, d.review.as_str()),
        E::ReviewConcluded(d) => owned(REVIEW, d.review.as_str()),
        E::CommitmentReported(d) => owned(COMMITMENT, d.commitment.as_str()),
        E::CommitmentRescheduled(d) => owned(COMMITMENT, d.commitment.as_str()),
        other => other.partnership_field().map(|p| p.as_str()),
    }
}

/// A fold fed the log stream by stream: the directory's and the
/// programme's events first, then each partnership's stream after
/// [`StreamFold::open_partnership`], each stream in `seq` order. What it
/// derives of a partnership it derives when the next one opens (or at the
/// end), so it holds one partnership's facts at a time.
pub trait StreamFold {
    /// Starts on `partnership`'s stream.
    fn open_partnership(&mut self, partnership: &str);
    /// Takes the next event of the stream open.
    fn apply(&mut self, e: &Envelope);
}

/// A [`Replay`] folded as the log streams past: fed every event of the log
/// in `seq` order, it folds those that count in its sieve's view and keeps
/// nothing else, so memory holds the read models, never the log.
#[derive(Clone, Debug)]
pub struct ReplayBuilder {
    sieve: Sieve,
    replay: Replay,
}

impl ReplayBuilder {
    /// Nothing folded yet; `sieve` holds the log's retractions.
    pub fn new(sieve: Sieve) -> ReplayBuilder {
        ReplayBuilder {
            sieve,
            replay: Replay::new(),
        }
    }

    /// Takes the next event of the log (any event: those that do not count
    /// are passed over).
    pub fn apply(&mut self, e: &Envelope) {
        if self.sieve.counts(e) {
            self.replay.apply(e);
        }
    }

    /// The fold so far.
    pub fn replay(&self) -> &Replay {
        &self.replay
    }

    /// The fold of every event taken.
    pub fn finish(self) -> Replay {
        self.replay
    }
}

/// The state of `partnership` in `view`, from a log (or the streams that
/// hold it: `partnership:<id>`, `directory` and `programme`) in `seq` order.
pub fn show(events: &[Envelope], partnership: &str, view: &View) -> Option<PartnershipState> {
    Replay::of(events, view).partnership_state(partnership, view)
}
