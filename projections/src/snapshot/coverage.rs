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
use serde::{Deserialize, Serialize};

use super::share::Share;
use super::{Folds, Window};
use crate::partnership::Partnership;
use crate::programme::Programme;

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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// The people of one channel who took part, by side.
type People = BTreeMap<Side, BTreeSet<String>>;

fn person(people: &mut People, side: Option<Side>, person: &str) {
    if let Some(s) = side {
        people.entry(s).or_default().insert(person.to_owned());
    }
}

/// The channels, in the order the report lists them.
const CHANNELS: [&str; 4] = ["interviews", "meetings", "reviews", "activities"];
const INTERVIEWS: usize = 0;
const MEETINGS: usize = 1;
const REVIEWS: usize = 2;
const ACTIVITIES: usize = 3;

/// How the period's engagement reached one established partnership: what
/// its share of the snapshot keeps of coverage once its fold is let go.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(super) struct Reach {
    /// Per channel (in [`CHANNELS`] order): the sides that took part when
    /// the channel reached the partnership at all.
    channels: [Option<BTreeSet<Side>>; 4],
    /// Its reviews that received responses in the period.
    reviews_held: usize,
    /// The people who responded to them, by side.
    respondents: People,
    /// Its engagement, as the report prints it.
    pub engagement: Engagement,
}

impl Reach {
    fn reach(&mut self, channel: usize, side: Option<Side>) {
        let sides = self.channels[channel].get_or_insert_with(BTreeSet::new);
        if let Some(s) = side {
            sides.insert(s);
        }
    }
}

fn member_on(p: &Partnership, org: &str, on: NaiveDate) -> bool {
    p.memberships.iter().any(|m| {
        m.org == org && m.joined.on.0 <= on && m.left.as_ref().is_none_or(|(l, _)| l.on.0 >= on)
    })
}

/// How the period's engagement reached `fold`, an established partnership
/// (its id `id`), by every channel:
/// - interviews and focus groups that name it, on their side;
/// - meetings that name it, on the side of each attendee who acted (on the
///   meeting's date) for one of its members then;
/// - responses to its reviews, on the side the respondent acted for;
/// - activities that served it (no side).
pub(super) fn reach(f: &Folds<'_>, id: &str, fold: &Partnership) -> Reach {
    let programme = &f.now.programme;
    let dir = &f.now.directory;
    let w = f.window;
    let mut r = Reach::default();
    for i in programme
        .interviews
        .iter()
        .filter(|i| w.in_period(i.held_on.0) && i.partnership.as_deref() == Some(id))
    {
        r.reach(INTERVIEWS, Some(i.side));
        r.engagement.interviews += 1;
        r.engagement.sides.push(i.side);
    }
    for m in programme
        .meetings
        .iter()
        .filter(|m| w.in_period(m.held_on.0))
    {
        // A meeting that names the partnership twice counts twice, as the
        // report has always counted it.
        for _ in m.partnerships.iter().filter(|p| p.as_str() == id) {
            r.reach(MEETINGS, None);
            let on = m.held_on.0;
            for a in &m.attendees {
                if let Some(w) = dir.acting_for(a, on)
                    && member_on(fold, &w.org, on)
                    && let Some(s) = w.side
                {
                    r.reach(MEETINGS, Some(s));
                    r.engagement.sides.push(s);
                }
            }
            r.engagement.meetings += 1;
        }
    }
    for review in &fold.reviews {
        let responses: Vec<_> = review
            .responses
            .iter()
            .filter(|x| w.in_period(x.stamp.on.0))
            .collect();
        if responses.is_empty() {
            continue;
        }
        r.reviews_held += 1;
        for x in responses {
            let side = dir
                .acting_for(&x.respondent, x.stamp.on.0)
                .and_then(|a| a.side);
            person(&mut r.respondents, side, &x.respondent);
            r.reach(REVIEWS, side);
            r.engagement.review_responses += 1;
            r.engagement.sides.extend(side);
        }
    }
    for a in programme
        .activities
        .iter()
        .filter(|a| w.in_period(a.delivered_on.0))
    {
        for _ in a.partnerships.iter().filter(|p| p.as_str() == id) {
            r.reach(ACTIVITIES, None);
            r.engagement.activities += 1;
        }
    }
    r.engagement.sides.sort();
    r.engagement.sides.dedup();
    r
}

/// What a channel held in the period, beside the partnerships it reached.
#[derive(Default)]
struct Held {
    held: usize,
    programme_wide: usize,
    people: People,
}

/// The coverage of the period, from the programme (its interviews,
/// meetings and activities) and the shares of the established
/// partnerships, in the order established.
pub(super) fn assemble(
    programme: &Programme,
    dir: &crate::directory::Directory,
    w: Window,
    shares: &[Share],
) -> Coverage {
    let established: BTreeSet<&str> = shares.iter().map(|s| s.partnership.as_str()).collect();
    let names_established =
        |named: &[String]| named.iter().any(|p| established.contains(p.as_str()));
    let mut held: [Held; 4] = Default::default();

    for i in programme
        .interviews
        .iter()
        .filter(|i| w.in_period(i.held_on.0))
    {
        let h = &mut held[INTERVIEWS];
        h.held += 1;
        for p in &i.interviewees {
            person(&mut h.people, Some(i.side), p);
        }
        if !i
            .partnership
            .as_deref()
            .is_some_and(|p| established.contains(p))
        {
            h.programme_wide += 1;
        }
    }
    for m in programme
        .meetings
        .iter()
        .filter(|m| w.in_period(m.held_on.0))
    {
        let h = &mut held[MEETINGS];
        h.held += 1;
        for a in &m.attendees {
            let side = dir.acting_for(a, m.held_on.0).and_then(|w| w.side);
            person(&mut h.people, side, a);
        }
        if !names_established(&m.partnerships) {
            h.programme_wide += 1;
        }
    }
    for s in shares {
        let h = &mut held[REVIEWS];
        h.held += s.reach.reviews_held;
        for (side, people) in &s.reach.respondents {
            h.people
                .entry(*side)
                .or_default()
                .extend(people.iter().cloned());
        }
    }
    for a in programme
        .activities
        .iter()
        .filter(|a| w.in_period(a.delivered_on.0))
    {
        let h = &mut held[ACTIVITIES];
        h.held += 1;
        if !names_established(&a.partnerships) {
            h.programme_wide += 1;
        }
    }

    let channels = CHANNELS
        .iter()
        .zip(&held)
        .enumerate()
        .map(|(i, (channel, h))| {
            let reached: Vec<&BTreeSet<Side>> = shares
                .iter()
                .filter_map(|s| s.reach.channels[i].as_ref())
                .collect();
            let mut partnerships_by_side: BTreeMap<Side, usize> = BTreeMap::new();
            for s in reached.iter().flat_map(|sides| sides.iter()) {
                *partnerships_by_side.entry(*s).or_default() += 1;
            }
            Channel {
                channel,
                held: h.held,
                programme_wide: h.programme_wide,
                partnerships: reached.len(),
                partnerships_by_side,
                people_by_side: h.people.iter().map(|(s, p)| (*s, p.len())).collect(),
            }
        })
        .collect();
    let mut per_partnership: Vec<(String, Engagement)> = shares
        .iter()
        .map(|s| (s.partnership.clone(), s.reach.engagement.clone()))
        .collect();
    per_partnership.sort_by(|a, b| a.0.cmp(&b.0));
    Coverage {
        partnerships: shares.len(),
        engaged: shares
            .iter()
            .filter(|s| s.reach.engagement.engaged())
            .count(),
        channels,
        not_engaged: shares
            .iter()
            .filter(|s| !s.reach.engagement.engaged())
            .map(|s| s.partnership.clone())
            .collect(),
        per_partnership,
    }
}
