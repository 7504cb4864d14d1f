//! Which events count: the view a report is taken from.
//!
//! A view combines business time (`as_of`: the world as it stood at the end
//! of that date) and transaction time (`known_at`: only what had been
//! recorded by then). A retracted event counts nowhere, at every as-of date,
//! from the moment its retraction is recorded, whatever date the retraction
//! itself carries; retractions are never folded as facts.

use std::collections::HashSet;

use accord_events::{Envelope, Event};
use chrono::NaiveDate;

/// The point of view of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    /// Events that occurred on or before this date count (inclusive).
    pub as_of: NaiveDate,
    /// Only events recorded at or before this instant count, written in the
    /// stored `recorded_at` form (`YYYY-MM-DDTHH:MM:SS.ffffffZ`, so that
    /// string order is time order); `None` means everything recorded.
    pub known_at: Option<String>,
}

impl View {
    /// The world as it stood at the end of `as_of`, from everything recorded.
    pub fn as_of(as_of: NaiveDate) -> View {
        View {
            as_of,
            known_at: None,
        }
    }

    /// The world at the end of `as_of` as it was known at `known_at`.
    pub fn known_at(as_of: NaiveDate, known_at: impl Into<String>) -> View {
        View {
            as_of,
            known_at: Some(known_at.into()),
        }
    }

    /// The same view at another as-of date.
    pub fn on(&self, as_of: NaiveDate) -> View {
        View {
            as_of,
            known_at: self.known_at.clone(),
        }
    }

    /// True when `e` had been recorded by `known_at`.
    pub fn knows(&self, e: &Envelope) -> bool {
        self.known_at
            .as_deref()
            .is_none_or(|t| e.recorded_at.as_str() <= t)
    }

    /// Ids of the events retracted by a retraction this view knows of.
    pub fn retracted<'a>(&self, events: &'a [Envelope]) -> HashSet<&'a str> {
        events
            .iter()
            .filter_map(|e| self.retraction_target(e))
            .collect()
    }

    /// The id `e` retracts, when `e` is a retraction this view knows of.
    fn retraction_target<'a>(&self, e: &'a Envelope) -> Option<&'a str> {
        match &e.event {
            Event::EventRetracted(r) if self.knows(e) => Some(r.event.0.as_str()),
            _ => None,
        }
    }

    /// The events that stand in this view at any date: known, not retracted,
    /// not a retraction. Business time is not applied (see [`View::counted`]).
    pub fn standing<'a>(&self, events: &'a [Envelope]) -> Vec<&'a Envelope> {
        let sieve = Sieve::new(self, events);
        events.iter().filter(|e| sieve.stands(e)).collect()
    }

    /// The events that count in this view, in the order given (`seq` order):
    /// standing, and occurred on or before `as_of` (translations: at any
    /// date, see [`Sieve::counts`]).
    pub fn counted<'a>(&self, events: &'a [Envelope]) -> Vec<&'a Envelope> {
        let sieve = Sieve::new(self, events);
        events.iter().filter(|e| sieve.counts(e)).collect()
    }

    /// The retractions this view knows of, with the event each one retracts
    /// (when it is in `events`), in `seq` order.
    pub fn retractions<'a>(&self, events: &'a [Envelope]) -> Vec<Retraction<'a>> {
        events
            .iter()
            .filter(|e| self.knows(e))
            .filter_map(|e| match &e.event {
                Event::EventRetracted(r) => Some(Retraction {
                    retraction: e,
                    target: events.iter().find(|t| t.id == r.event.0),
                    reason: r.reason.as_str(),
                }),
                _ => None,
            })
            .collect()
    }
}

/// A recorded retraction and what it retracts.
#[derive(Clone, Copy, Debug)]
pub struct Retraction<'a> {
    /// The `event.retracted` envelope.
    pub retraction: &'a Envelope,
    /// The retracted event, if it is among the events read.
    pub target: Option<&'a Envelope>,
    /// Why it was retracted.
    pub reason: &'a str,
}

/// What stands and what counts in a view, decided one event at a time, so
/// that a log can be folded as it streams past instead of held whole.
///
/// Whether an event stands depends on retractions recorded after it, so a
/// sieve is made from the log's retractions first (a cheap pass that reads
/// only `event.retracted`); the log is then fed through it in `seq` order.
#[derive(Clone, Debug)]
pub struct Sieve {
    view: View,
    /// Ids retracted by a retraction the view knows of. Owned, not borrowed:
    /// the retractions are read apart from the events they are asked about.
    retracted: HashSet<String>,
}

impl Sieve {
    /// The sieve of `view` over a log whose retractions are among
    /// `retractions` (any other events given are ignored, so the whole log
    /// will do). A retraction missing here would let its target count.
    pub fn new<'a>(view: &View, retractions: impl IntoIterator<Item = &'a Envelope>) -> Sieve {
        Sieve {
            retracted: retractions
                .into_iter()
                .filter_map(|e| view.retraction_target(e))
                .map(str::to_owned)
                .collect(),
            view: view.clone(),
        }
    }

    /// The view this sieve decides for.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// True when `e` stands in the view at any date: known, not retracted,
    /// not a retraction (see [`View::standing`]).
    pub fn stands(&self, e: &Envelope) -> bool {
        self.view.knows(e)
            && !matches!(e.event, Event::EventRetracted(_))
            && !self.retracted.contains(e.id.as_str())
    }

    /// True when `e` counts in the view: it stands and occurred on or before
    /// the as-of date (see [`View::counted`]). A translation counts whatever
    /// its date: it renders words, it is no step in a partnership's story,
    /// so a report as of 2009 reads in a translation made in 2010 (and
    /// `--known-at` still shows only the translations known then).
    pub fn counts(&self, e: &Envelope) -> bool {
        (e.occurred_on <= self.view.as_of || is_reading_aid(e)) && self.stands(e)
    }
}

/// True for the events that count at every as-of date once recorded.
pub fn is_reading_aid(e: &Envelope) -> bool {
    matches!(e.event, Event::TranslationRecorded(_))
}

/// The types whose events matter to a view whatever their date:
/// retractions (a retraction recorded later takes its target back at every
/// as-of date) and the reading aids. The rest of a log dated after the
/// as-of date never counts, so a reader may leave it unread; a test holds
/// this list to [`Sieve::counts`].
pub const READ_AT_ANY_DATE: [&str; 2] = ["event.retracted", "translation.recorded"];
