//! The programme being simulated: its organisations, people, partnerships,
//! agreements, reviews and commitments, and just enough of their state to
//! know which acts the rules of docs/rules.md still allow. The acts (`crate::acts`)
//! read this model to choose what happens next and update it after each
//! event they emit.

use std::collections::VecDeque;

use accord_events::fields::Side;
use chrono::{Datelike, NaiveDate};

use crate::Config;
use crate::rng::{Rng, Zipf};
use crate::words::TOPICS;

/// Days since 0001-01-01 (chrono's CE day number): cheap to compare and add.
pub(crate) type Day = i32;

pub(crate) fn day_of(d: NaiveDate) -> Day {
    d.num_days_from_ce()
}

pub(crate) fn date_of(d: Day) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(d).expect("generated dates stay in range")
}

/// Writes `d` as `YYYY-MM-DD` (for `occurred_at` and `source`, which are
/// plain strings of the envelope rather than typed fields).
pub(crate) fn write_day(out: &mut String, d: Day) {
    use std::fmt::Write as _;
    let date = date_of(d);
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}",
        date.year(),
        date.month(),
        date.day()
    );
}

pub(crate) fn day_string(d: Day) -> String {
    let mut s = String::with_capacity(10);
    write_day(&mut s, d);
    s
}

/// A vocabulary of (id, name) pairs.
pub(crate) type Names = &'static [(&'static str, &'static str)];

pub(crate) struct Org {
    pub(crate) id: String,
    pub(crate) side: Side,
    /// People whose current post is here.
    pub(crate) people: Vec<u32>,
    pub(crate) created: Day,
}

pub(crate) struct Person {
    pub(crate) id: String,
    pub(crate) org: u32,
    pub(crate) created: Day,
}

pub(crate) struct Partnership {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) established: Option<Day>,
    pub(crate) closed: bool,
    /// Current partners (organisation indices).
    pub(crate) members: Vec<u32>,
    /// Agreements still being worked on.
    pub(crate) agreements: Vec<u32>,
    /// Every agreement, for commitment origins.
    pub(crate) all_agreements: Vec<u32>,
    /// Reviews not yet concluded.
    pub(crate) open_reviews: Vec<u32>,
    /// The last few reviews opened, for findings and origins.
    pub(crate) recent_reviews: Vec<u32>,
    /// Commitments not yet completed or dropped.
    pub(crate) commitments: Vec<u32>,
    /// Agreements, reviews and commitments numbered so far (for their ids).
    pub(crate) counters: [u32; 3],
    /// How well it works, on 0..1; drifts over time and drives review scores.
    pub(crate) quality: f64,
}

pub(crate) struct Agreement {
    pub(crate) id: String,
    pub(crate) partnership: u32,
    pub(crate) version: u32,
    /// People who endorsed the current version (standing endorsements).
    pub(crate) endorsers: Vec<u32>,
    pub(crate) events: u32,
    pub(crate) withdrawn_by: Option<u64>,
    pub(crate) created: Day,
}

pub(crate) struct Review {
    pub(crate) id: String,
    pub(crate) partnership: u32,
    pub(crate) traffic_light: bool,
    pub(crate) responded: Vec<u32>,
    pub(crate) concluded_by: Option<u64>,
    /// How many responses it collects before it is concluded.
    pub(crate) target: u32,
    pub(crate) created: Day,
}

pub(crate) struct Commitment {
    pub(crate) id: String,
    pub(crate) partnership: u32,
    /// Standing reports: (event number, final?).
    pub(crate) reports: Vec<(u64, bool)>,
    pub(crate) due: Day,
}

/// A recorded event that may later be retracted (a mistake corrected).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Retractable {
    Endorsement {
        ev: u64,
        agreement: u32,
        version: u32,
        person: u32,
    },
    Response {
        ev: u64,
        review: u32,
        person: u32,
    },
    Finding {
        ev: u64,
        partnership: Option<u32>,
    },
    Report {
        ev: u64,
        commitment: u32,
    },
    Rescheduled {
        ev: u64,
        commitment: u32,
    },
    Concluded {
        ev: u64,
        review: u32,
    },
    Withdrawn {
        ev: u64,
        agreement: u32,
    },
}

/// The traffic-light framework defined by the generated programme.
pub(crate) const TRAFFIC_LIGHT: &str = "traffic-light";
/// Its criteria, in the order its form asks them.
pub(crate) const TRAFFIC_LIGHT_CRITERIA: [&str; 4] = ["goals", "roles", "communication", "results"];
/// The built-in framework's criteria, in the order its form asks them.
pub(crate) const EFFECTIVENESS_CRITERIA: [&str; 5] = [
    "shared_goal",
    "co_creation",
    "inclusive_transparent",
    "engagement",
    "review_revision",
];

/// Stage schedule as fractions of the log: (starts, completes).
pub(crate) const STAGES: [(&str, f64, f64); 4] = [
    ("Assessment and interviews", 0.04, 0.27),
    ("Strategic meeting and shared goals", 0.29, 0.52),
    ("Partnership-specific support", 0.54, 0.77),
    ("Review, revision and follow-up", 0.79, 0.97),
];

/// An agreement stops being worked on after about this many events (so no
/// single story grows without bound).
pub(crate) const AGREEMENT_EVENTS: u32 = 40;
/// At most this many agreements, reviews and commitments in play per partnership.
pub(crate) const ACTIVE_AGREEMENTS: usize = 6;
pub(crate) const ACTIVE_REVIEWS: usize = 2;
pub(crate) const ACTIVE_COMMITMENTS: usize = 12;
/// Retractions pick among this many recent retractable events.
pub(crate) const RETRACTABLE_WINDOW: usize = 2_000;

/// The generator: the model of the programme, the random stream that drives
/// it and the events queued for output. An iterator of JSON lines (without
/// the newline).
pub struct Generator {
    pub(crate) cfg: Config,
    pub(crate) rng: Rng,
    pub(crate) zipf: Zipf,
    pub(crate) start: Day,
    pub(crate) span: i64,
    /// Events produced so far (also the number of the next event minus one).
    pub(crate) produced: u64,
    /// Events queued but not yet handed out.
    pub(crate) queue: VecDeque<String>,
    /// Events queued in total.
    pub(crate) queued: u64,
    pub(crate) orgs: Vec<Org>,
    /// Organisation indices by side (indexed by `Side as usize`).
    pub(crate) orgs_by_side: [Vec<u32>; 6],
    pub(crate) people: Vec<Person>,
    pub(crate) partnerships: Vec<Partnership>,
    /// Index of the next partnership to establish.
    pub(crate) next_partnership: usize,
    /// Partnerships to close, with the event number at which to close them.
    pub(crate) closures: Vec<(u64, u32)>,
    pub(crate) agreements: Vec<Agreement>,
    pub(crate) reviews: Vec<Review>,
    pub(crate) commitments: Vec<Commitment>,
    pub(crate) meetings: Vec<(String, Day)>,
    pub(crate) retractable: Vec<Retractable>,
    /// Stage events emitted so far (0..8: start 1, complete 1, start 2, …).
    pub(crate) stage_events: usize,
    /// Findings, interviews, meetings and activities numbered so far.
    pub(crate) counts: [u64; 4],
    pub(crate) prologue_done: bool,
}

impl Generator {
    /// A generator for `cfg`.
    pub fn new(cfg: Config) -> Generator {
        let start = day_of(cfg.since);
        let span = i64::from((day_of(cfg.until) - start).max(0));
        let n = cfg.partnerships.max(1) as usize;
        let mut g = Generator {
            rng: Rng::new(cfg.seed),
            zipf: Zipf::new(n, 1.07),
            start,
            span,
            produced: 0,
            queue: VecDeque::new(),
            queued: 0,
            orgs: Vec::new(),
            orgs_by_side: Default::default(),
            people: Vec::new(),
            partnerships: Vec::new(),
            next_partnership: 0,
            closures: Vec::new(),
            agreements: Vec::new(),
            reviews: Vec::new(),
            commitments: Vec::new(),
            meetings: Vec::new(),
            retractable: Vec::new(),
            stage_events: 0,
            counts: [0; 4],
            prologue_done: false,
            cfg,
        };
        g.plan_partnerships(n);
        g
    }

    /// Names the partnerships and decides which of them close, and when.
    fn plan_partnerships(&mut self, n: usize) {
        for k in 0..n {
            let (slug, name) = TOPICS[k % TOPICS.len()];
            let round = k / TOPICS.len();
            let (id, name) = if round == 0 {
                (format!("twg-{slug}"), format!("TWG on {name}"))
            } else {
                (
                    format!("twg-{slug}-{}", round + 1),
                    format!("TWG on {name} ({})", round + 1),
                )
            };
            let quality = 0.25 + 0.5 * self.rng.unit();
            self.partnerships.push(Partnership {
                id,
                name,
                established: None,
                closed: false,
                members: Vec::new(),
                agreements: Vec::new(),
                all_agreements: Vec::new(),
                open_reviews: Vec::new(),
                recent_reviews: Vec::new(),
                commitments: Vec::new(),
                counters: [0; 3],
                quality,
            });
        }
        // A few of the quieter partnerships close late in the programme.
        if n >= 10 {
            for i in 0..(n / 50).max(1) {
                let p = n / 2 + self.rng.below(n - n / 2);
                let jitter = self.rng.unit();
                let at =
                    self.at_fraction(0.7 + 0.25 * (i as f64 + jitter) / (n / 50).max(1) as f64);
                if !self.closures.iter().any(|(_, q)| *q as usize == p) {
                    self.closures.push((at, p as u32));
                }
            }
            self.closures.sort_unstable();
        }
    }

    // ----- time ---------------------------------------------------------

    /// The date of event number `ev` (1-based).
    pub(crate) fn date_at(&self, ev: u64) -> Day {
        let n = self.cfg.events.max(1);
        let frac = ev.saturating_sub(1).min(n) as f64 / n as f64;
        self.start + (self.span as f64 * frac) as Day
    }

    /// The date of the next event to be queued.
    pub(crate) fn today(&self) -> Day {
        self.date_at(self.queued + 1)
    }

    /// Either today or, now and then, a date back between `earliest` and today.
    pub(crate) fn maybe_backdated(&mut self, earliest: Day) -> Day {
        let today = self.today();
        if earliest < today && self.rng.chance(0.06) {
            self.rng.range(i64::from(earliest), i64::from(today)) as Day
        } else {
            today
        }
    }

    /// The event number at fraction `f` of the log.
    pub(crate) fn at_fraction(&self, f: f64) -> u64 {
        ((self.cfg.events as f64) * f) as u64
    }

    // ----- choosing --------------------------------------------------------

    /// A partnership in play, busier ones more often (Zipf).
    pub(crate) fn pick_partnership(&mut self) -> Option<u32> {
        for _ in 0..16 {
            let k = self.zipf.sample(&mut self.rng);
            let p = &self.partnerships[k];
            if p.established.is_some() && !p.closed {
                return Some(k as u32);
            }
        }
        self.partnerships
            .iter()
            .position(|p| p.established.is_some() && !p.closed)
            .map(|k| k as u32)
    }

    pub(crate) fn random_org(&mut self, side: Side) -> u32 {
        let pool = &self.orgs_by_side[side as usize];
        pool[self.rng.below(pool.len())]
    }

    pub(crate) fn random_side(&mut self) -> Side {
        match self.rng.below(10) {
            0..=3 => Side::Government,
            4..=6 => Side::DevelopmentPartner,
            7 => Side::CivilSociety,
            8 => Side::PrivateSector,
            _ => Side::Academic,
        }
    }

    /// A person whose organisation is a current partner of `p`, not in `exclude`.
    pub(crate) fn acting_person(&mut self, p: u32, exclude: &[u32]) -> Option<u32> {
        let members = &self.partnerships[p as usize].members;
        if members.is_empty() {
            return None;
        }
        for _ in 0..12 {
            let org = members[self.rng.below(members.len())];
            let people = &self.orgs[org as usize].people;
            if people.is_empty() {
                continue;
            }
            let person = people[self.rng.below(people.len())];
            if !exclude.contains(&person) {
                return Some(person);
            }
        }
        None
    }

    /// Up to `n` distinct people: partners' people of `p`, or anyone.
    pub(crate) fn people_of(&mut self, p: Option<u32>, n: usize) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for _ in 0..n * 3 {
            if out.len() >= n {
                break;
            }
            let person = match p {
                Some(p) => self.acting_person(p, &out),
                None => Some(self.rng.below(self.people.len()) as u32),
            };
            if let Some(x) = person
                && !out.contains(&x)
            {
                out.push(x);
            }
        }
        out
    }

    /// Up to `n` distinct partnerships in play, starting with `p`.
    pub(crate) fn some_partnerships(&mut self, p: u32, n: usize) -> Vec<u32> {
        let mut out = vec![p];
        for _ in 0..n.saturating_sub(1) {
            if let Some(q) = self.pick_partnership()
                && !out.contains(&q)
            {
                out.push(q);
            }
        }
        out
    }

    /// The day partnership `p` was established (the programme's start if not yet).
    pub(crate) fn established(&self, p: u32) -> Day {
        self.partnerships[p as usize]
            .established
            .unwrap_or(self.start)
    }

    pub(crate) fn partnership_open(&self, p: u32) -> bool {
        !self.partnerships[p as usize].closed
    }

    /// Keeps `r` among the events a later retraction may pick.
    pub(crate) fn remember(&mut self, r: Retractable) {
        if self.retractable.len() >= RETRACTABLE_WINDOW {
            let i = self.rng.below(self.retractable.len());
            self.retractable.swap_remove(i);
        }
        self.retractable.push(r);
    }
}
