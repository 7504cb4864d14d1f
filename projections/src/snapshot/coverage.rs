//! Coverage: which partnerships the programme engaged in the reporting
//! period, through interviews, meetings and review responses, and which
//! sides took part.
//!
//! - An interview or focus group engages the partnership it names, on the
//!   side it records; one naming no partnership counts programme-wide.
//! - A meeting engages each partnership it names; a side took part when an
//!   attendee acted (on the meeting's date) for an organisation that was a
//!   member of that partnership then.
//! - A review response engages its review's partnership, on the side the
//!   respondent acted for on the response's date.
//! - An activity (training, case study, resource, specialist support)
//!   engages each partnership it served; it records no side.

use std::collections::{BTreeMap, BTreeSet};

use accord_events::fields::Side;
use chrono::NaiveDate;
use serde::Serialize;

use super::Basis;
use crate::partnership::Partnership;

/// Engagement in the reporting period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Coverage {
    /// Partnerships established by the snapshot's date.
    pub partnerships: usize,
    /// Of which engaged through any channel.
    pub engaged: usize,
    /// Per channel: `interviews`, `meetings`, `reviews`, `activities`.
    pub channels: Vec<Channel>,
    /// Partnerships not engaged in the period, in the order established.
    pub not_engaged: Vec<String>,
    /// Per partnership, by id.
    #[serde(skip)]
    pub per_partnership: Vec<(String, Engagement)>,
}

/// One channel of engagement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Channel {
    /// `interviews`, `meetings`, `reviews` or `activities`.
    pub channel: &'static str,
    /// Interviews and focus groups held, meetings held, reviews that
    /// received responses, or activities delivered, in the period.
    pub held: usize,
    /// Of those, how many named no partnership (programme-wide).
    pub programme_wide: usize,
    /// Partnerships reached.
    pub partnerships: usize,
    /// Partnerships reached with that side taking part.
    pub partnerships_by_side: BTreeMap<Side, usize>,
    /// People who took part, by side (each person counted once per channel).
    pub people_by_side: BTreeMap<Side, usize>,
}

/// How one partnership was engaged in the period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Engagement {
    /// Interviews and focus groups that named it.
    pub interviews: usize,
    /// Meetings that named it.
    pub meetings: usize,
    /// Responses to its reviews.
    pub review_responses: usize,
    /// Activities that served it.
    pub activities: usize,
    /// The sides that took part, in vocabulary order.
    pub sides: Vec<Side>,
}

impl Engagement {
    /// True when engaged through any channel.
    pub fn engaged(&self) -> bool {
        self.interviews + self.meetings + self.review_responses + self.activities > 0
    }
}

impl Coverage {
    /// The engagement of one partnership (nothing when it is unknown).
    pub fn engagement_of(&self, partnership: &str) -> Engagement {
        self.per_partnership
            .binary_search_by(|(p, _)| p.as_str().cmp(partnership))
            .ok()
            .map(|i| self.per_partnership[i].1.clone())
            .unwrap_or_default()
    }
}

#[derive(Default)]
struct Tally {
    held: usize,
    programme_wide: usize,
    reached: BTreeMap<String, BTreeSet<Side>>,
    people: BTreeMap<Side, BTreeSet<String>>,
}

impl Tally {
    fn reach(&mut self, partnership: &str, side: Option<Side>) {
        let sides = self.reached.entry(partnership.to_owned()).or_default();
        if let Some(s) = side {
            sides.insert(s);
        }
    }

    fn person(&mut self, side: Option<Side>, person: &str) {
        if let Some(s) = side {
            self.people.entry(s).or_default().insert(person.to_owned());
        }
    }

    fn channel(&self, channel: &'static str) -> Channel {
        let mut partnerships_by_side: BTreeMap<Side, usize> = BTreeMap::new();
        for sides in self.reached.values() {
            for s in sides {
                *partnerships_by_side.entry(*s).or_default() += 1;
            }
        }
        Channel {
            channel,
            held: self.held,
            programme_wide: self.programme_wide,
            partnerships: self.reached.len(),
            partnerships_by_side,
            people_by_side: self.people.iter().map(|(s, p)| (*s, p.len())).collect(),
        }
    }
}

fn member_on(p: &Partnership, org: &str, on: NaiveDate) -> bool {
    p.memberships.iter().any(|m| {
        m.org == org && m.joined.on.0 <= on && m.left.as_ref().is_none_or(|(l, _)| l.on.0 >= on)
    })
}

/// Each established partnership's engagement, filled channel by channel.
type Per<'a> = BTreeMap<&'a str, Engagement>;

pub(super) fn build(basis: &Basis<'_>) -> Coverage {
    let established: Vec<&str> = basis
        .states
        .iter()
        .map(|s| s.partnership.as_str())
        .collect();
    let mut per: Per<'_> = established
        .iter()
        .map(|p| (*p, Engagement::default()))
        .collect();

    let interviews = interviews(basis, &mut per);
    let meetings = meetings(basis, &mut per);
    let reviews = reviews(basis, &mut per);
    let activities = activities(basis, &mut per);

    let mut per_partnership: Vec<(String, Engagement)> = established
        .iter()
        .map(|p| {
            let mut e = per.remove(p).unwrap_or_default();
            e.sides.sort();
            e.sides.dedup();
            ((*p).to_owned(), e)
        })
        .collect();
    let not_engaged = per_partnership
        .iter()
        .filter(|(_, e)| !e.engaged())
        .map(|(p, _)| p.clone())
        .collect();
    per_partnership.sort_by(|a, b| a.0.cmp(&b.0));
    Coverage {
        partnerships: established.len(),
        engaged: per_partnership.iter().filter(|(_, e)| e.engaged()).count(),
        channels: vec![
            interviews.channel("interviews"),
            meetings.channel("meetings"),
            reviews.channel("reviews"),
            activities.channel("activities"),
        ],
        not_engaged,
        per_partnership,
    }
}

/// Interviews and focus groups held in the period.
fn interviews(basis: &Basis<'_>, per: &mut Per<'_>) -> Tally {
    let now = basis.now;
    let mut interviews = Tally::default();
    for i in now
        .programme
        .interviews
        .iter()
        .filter(|i| basis.in_period(i.held_on.0))
    {
        interviews.held += 1;
        for person in &i.interviewees {
            interviews.person(Some(i.side), person);
        }
        match i.partnership.as_deref().filter(|p| per.contains_key(p)) {
            Some(p) => {
                interviews.reach(p, Some(i.side));
                if let Some(e) = per.get_mut(p) {
                    e.interviews += 1;
                    e.sides.push(i.side);
                }
            }
            None => interviews.programme_wide += 1,
        }
    }
    interviews
}

/// Meetings held in the period; a named partnership's side counts when an attendee acted for one of its members that day.
fn meetings(basis: &Basis<'_>, per: &mut Per<'_>) -> Tally {
    let now = basis.now;
    let dir = basis.dir();
    let mut meetings = Tally::default();
    for m in now
        .programme
        .meetings
        .iter()
        .filter(|m| basis.in_period(m.held_on.0))
    {
        meetings.held += 1;
        let on = m.held_on.0;
        let attendees: Vec<(&str, Option<crate::directory::Affiliation>)> = m
            .attendees
            .iter()
            .map(|a| (a.as_str(), dir.acting_for(a, on)))
            .collect();
        for (person, who) in &attendees {
            meetings.person(who.as_ref().and_then(|w| w.side), person);
        }
        let named = established(&m.partnerships, per);
        if named.is_empty() {
            meetings.programme_wide += 1;
        }
        for p in named {
            meetings.reach(p, None);
            let fold = now.partnerships.get(p);
            let e = per.get_mut(p);
            let mut sides = Vec::new();
            for (_, who) in &attendees {
                if let (Some(w), Some(fold)) = (who, fold)
                    && member_on(fold, &w.org, on)
                    && let Some(s) = w.side
                {
                    meetings.reach(p, Some(s));
                    sides.push(s);
                }
            }
            if let Some(e) = e {
                e.meetings += 1;
                e.sides.extend(sides);
            }
        }
    }
    meetings
}

/// Review responses given in the period, per partnership.
fn reviews(basis: &Basis<'_>, per: &mut Per<'_>) -> Tally {
    let now = basis.now;
    let dir = basis.dir();
    let mut reviews = Tally::default();
    for p in basis.states.iter().map(|s| s.partnership.as_str()) {
        let Some(fold) = now.partnerships.get(p) else {
            continue;
        };
        for r in &fold.reviews {
            let responses: Vec<_> = r
                .responses
                .iter()
                .filter(|x| basis.in_period(x.stamp.on.0))
                .collect();
            if responses.is_empty() {
                continue;
            }
            reviews.held += 1;
            for x in responses {
                let side = dir
                    .acting_for(&x.respondent, x.stamp.on.0)
                    .and_then(|a| a.side);
                reviews.person(side, &x.respondent);
                reviews.reach(p, side);
                if let Some(e) = per.get_mut(p) {
                    e.review_responses += 1;
                    e.sides.extend(side);
                }
            }
        }
    }
    reviews
}

/// Follow-up activities delivered in the period.
fn activities(basis: &Basis<'_>, per: &mut Per<'_>) -> Tally {
    let now = basis.now;
    let mut activities = Tally::default();
    for a in now
        .programme
        .activities
        .iter()
        .filter(|a| basis.in_period(a.delivered_on.0))
    {
        activities.held += 1;
        let named = established(&a.partnerships, per);
        if named.is_empty() {
            activities.programme_wide += 1;
        }
        for p in named {
            activities.reach(p, None);
            if let Some(e) = per.get_mut(p) {
                e.activities += 1;
            }
        }
    }
    activities
}

/// The partnerships of `named` that are established (those `per` tallies).
fn established<'a>(named: &'a [String], per: &Per<'_>) -> Vec<&'a str> {
    named
        .iter()
        .map(String::as_str)
        .filter(|p| per.contains_key(p))
        .collect()
}
