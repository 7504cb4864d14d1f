//! A deterministic generator of valid, realistic programme logs (JSON Lines),
//! for users trying accord at scale and for the benchmarks.
//!
//! The generator keeps its own small model of the programme (who is a
//! partner, which version each agreement is at, who endorsed it, which
//! reviews are open, which commitments are still running, what may be
//! retracted) and only emits events that every rule of SPEC.md accepts when
//! they are appended in the order printed. The same configuration always
//! prints the same bytes: one seeded SplitMix64 stream drives every choice,
//! and nothing iterates a hash map.
//!
//! Business time: the `n`-th event of `N` happens on the date `n/N` of the way
//! through the programme's span, so dates never go back along the log except
//! for deliberately back-dated entries (findings, interviews, meetings,
//! activities, commitments), which pick a date between the latest thing they
//! refer to and the current date. Any prefix of the output is itself a valid
//! log, so the generator simply stops after `N` events.

mod rng;
mod words;

use std::collections::VecDeque;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

pub use rng::{Rng, Zipf};
use words::*;

/// What to generate.
#[derive(Clone, Debug)]
pub struct Config {
    /// How many events.
    pub events: u64,
    /// How many partnerships (established over the first quarter of the span).
    pub partnerships: u32,
    /// The seed: the same configuration gives the same bytes.
    pub seed: u64,
    /// The first day of the programme.
    pub since: NaiveDate,
    /// The last day any event may occur on.
    pub until: NaiveDate,
}

/// Days since 0001-01-01 (chrono's CE day number): cheap to compare and add.
type Day = i32;

fn day_of(d: NaiveDate) -> Day {
    d.num_days_from_ce()
}

fn write_day(out: &mut String, d: Day) {
    let date = NaiveDate::from_num_days_from_ce_opt(d).expect("generated dates stay in range");
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}",
        date.year(),
        date.month(),
        date.day()
    );
}

fn day_string(d: Day) -> String {
    let mut s = String::with_capacity(10);
    write_day(&mut s, d);
    s
}

/// Writes a JSON string literal (the generator's text never needs more than
/// quotes and backslashes escaped, but control characters are handled too).
fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON object written field by field, in the order given.
struct Obj {
    s: String,
}

impl Obj {
    fn new() -> Obj {
        let mut s = String::with_capacity(256);
        s.push('{');
        Obj { s }
    }
    fn key(&mut self, k: &str) {
        if self.s.len() > 1 {
            self.s.push(',');
        }
        json_str(&mut self.s, k);
        self.s.push(':');
    }
    fn str(mut self, k: &str, v: &str) -> Obj {
        self.key(k);
        json_str(&mut self.s, v);
        self
    }
    fn opt_str(self, k: &str, v: Option<&str>) -> Obj {
        match v {
            Some(v) => self.str(k, v),
            None => self,
        }
    }
    fn num(mut self, k: &str, v: i64) -> Obj {
        self.key(k);
        let _ = write!(self.s, "{v}");
        self
    }
    fn day(mut self, k: &str, d: Day) -> Obj {
        self.key(k);
        self.s.push('"');
        write_day(&mut self.s, d);
        self.s.push('"');
        self
    }
    fn strs<S: AsRef<str>>(mut self, k: &str, items: &[S]) -> Obj {
        self.key(k);
        self.s.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.s.push(',');
            }
            json_str(&mut self.s, item.as_ref());
        }
        self.s.push(']');
        self
    }
    fn raw(mut self, k: &str, json: &str) -> Obj {
        self.key(k);
        self.s.push_str(json);
        self
    }
    fn end(mut self) -> String {
        self.s.push('}');
        self.s
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Government,
    DevelopmentPartner,
    CivilSociety,
    PrivateSector,
    Academic,
    Facilitator,
}

impl Side {
    fn as_str(self) -> &'static str {
        match self {
            Side::Government => "government",
            Side::DevelopmentPartner => "development_partner",
            Side::CivilSociety => "civil_society",
            Side::PrivateSector => "private_sector",
            Side::Academic => "academic",
            Side::Facilitator => "facilitator",
        }
    }
}

/// A vocabulary of (id, name) pairs.
type Names = &'static [(&'static str, &'static str)];

struct Org {
    id: String,
    side: Side,
    /// People whose current post is here.
    people: Vec<u32>,
    created: Day,
}

struct Person {
    id: String,
    org: u32,
    created: Day,
}

struct Partnership {
    id: String,
    name: String,
    established: Option<Day>,
    closed: bool,
    /// Current partners (organisation indices).
    members: Vec<u32>,
    /// Agreements still being worked on.
    agreements: Vec<u32>,
    /// Every agreement, for commitment origins.
    all_agreements: Vec<u32>,
    /// Reviews not yet concluded.
    open_reviews: Vec<u32>,
    /// The last few reviews opened, for findings and origins.
    recent_reviews: Vec<u32>,
    /// Commitments not yet completed or dropped.
    commitments: Vec<u32>,
    counters: [u32; 3],
    /// How well it works, on 0..1; drifts over time and drives review scores.
    quality: f64,
}

struct Agreement {
    id: String,
    partnership: u32,
    version: u32,
    /// People who endorsed the current version (standing endorsements).
    endorsers: Vec<u32>,
    events: u32,
    withdrawn_by: Option<u64>,
    created: Day,
}

struct Review {
    id: String,
    partnership: u32,
    traffic_light: bool,
    responded: Vec<u32>,
    concluded_by: Option<u64>,
    target: u32,
    created: Day,
}

struct Commitment {
    id: String,
    partnership: u32,
    /// Standing reports: (event number, final?).
    reports: Vec<(u64, bool)>,
    due: Day,
}

/// A recorded event that may later be retracted (a mistake corrected).
#[derive(Clone, Copy, Debug)]
enum Retractable {
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
const TRAFFIC_LIGHT: &str = "traffic-light";
const TRAFFIC_LIGHT_CRITERIA: [&str; 4] = ["goals", "roles", "communication", "results"];
const EFFECTIVENESS_CRITERIA: [&str; 5] = [
    "shared_goal",
    "co_creation",
    "inclusive_transparent",
    "engagement",
    "review_revision",
];

/// Stage schedule as fractions of the log: (starts, completes).
const STAGES: [(&str, f64, f64); 4] = [
    ("Assessment and interviews", 0.04, 0.27),
    ("Strategic meeting and shared goals", 0.29, 0.52),
    ("Partnership-specific support", 0.54, 0.77),
    ("Review, revision and follow-up", 0.79, 0.97),
];

const AGREEMENT_KINDS: [&str; 6] = [
    "shared_goal",
    "principles",
    "terms_of_reference",
    "action_plan",
    "success_measures",
    "follow_up",
];
/// An agreement stops being worked on after about this many events (so no
/// single story grows without bound).
const AGREEMENT_EVENTS: u32 = 40;
/// At most this many agreements, reviews and commitments in play per partnership.
const ACTIVE_AGREEMENTS: usize = 6;
const ACTIVE_REVIEWS: usize = 2;
const ACTIVE_COMMITMENTS: usize = 12;
/// Retractions pick among this many recent retractable events.
const RETRACTABLE_WINDOW: usize = 2_000;

/// The generator: an iterator of JSON lines (without the newline).
pub struct Generator {
    cfg: Config,
    rng: Rng,
    zipf: Zipf,
    start: Day,
    span: i64,
    /// Events produced so far (also the number of the next event minus one).
    produced: u64,
    /// Events queued but not yet handed out.
    queue: VecDeque<String>,
    /// Events queued in total.
    queued: u64,
    orgs: Vec<Org>,
    orgs_by_side: [Vec<u32>; 6],
    people: Vec<Person>,
    partnerships: Vec<Partnership>,
    /// Index of the next partnership to establish.
    next_partnership: usize,
    /// Partnerships to close, with the event number at which to close them.
    closures: Vec<(u64, u32)>,
    agreements: Vec<Agreement>,
    reviews: Vec<Review>,
    commitments: Vec<Commitment>,
    meetings: Vec<(String, Day)>,
    retractable: Vec<Retractable>,
    /// Stage events emitted so far (0..8: start 1, complete 1, start 2, …).
    stage_events: usize,
    counts: [u64; 4],
    prologue_done: bool,
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

    // ----- time ---------------------------------------------------------

    /// The date of event number `ev` (1-based).
    fn date_at(&self, ev: u64) -> Day {
        let n = self.cfg.events.max(1);
        let frac = ev.saturating_sub(1).min(n) as f64 / n as f64;
        self.start + (self.span as f64 * frac) as Day
    }

    /// The date of the next event to be queued.
    fn today(&self) -> Day {
        self.date_at(self.queued + 1)
    }

    /// Either today or, now and then, a date back between `earliest` and today.
    fn maybe_backdated(&mut self, earliest: Day) -> Day {
        let today = self.today();
        if earliest < today && self.rng.chance(0.06) {
            self.rng.range(i64::from(earliest), i64::from(today)) as Day
        } else {
            today
        }
    }

    fn at_fraction(&self, f: f64) -> u64 {
        ((self.cfg.events as f64) * f) as u64
    }

    // ----- output -------------------------------------------------------

    /// Queues one event and returns its number.
    fn emit(&mut self, kind: &str, on: Day, data: String) -> u64 {
        self.queued += 1;
        let ev = self.queued;
        let mut line = String::with_capacity(data.len() + 160);
        line.push_str("{\"id\":\"ev-");
        let _ = write!(line, "{ev:07}");
        line.push_str("\",\"type\":");
        json_str(&mut line, kind);
        line.push_str(",\"occurred_at\":\"");
        write_day(&mut line, on);
        if self.rng.chance(0.08) {
            // Some entries carry the time of day, in Phnom Penh.
            let (h, m) = (self.rng.range(8, 17), self.rng.range(0, 59));
            let _ = write!(line, "T{h:02}:{m:02}:00+07:00");
        }
        line.push('"');
        if self.rng.chance(0.6) {
            line.push_str(",\"recorded_by\":");
            let op = *self.rng.pick(OPERATORS);
            json_str(&mut line, op);
        }
        if self.rng.chance(0.4) {
            line.push_str(",\"source\":");
            let src = format!("{}, {}", self.rng.pick(SOURCES), day_string(on));
            json_str(&mut line, &src);
        }
        line.push_str(",\"data\":");
        line.push_str(&data);
        line.push('}');
        self.queue.push_back(line);
        ev
    }

    fn sentence(&mut self) -> String {
        format!(
            "{} {} {} {}.",
            self.rng.pick(SUBJECTS),
            self.rng.pick(VERBS),
            self.rng.pick(OBJECTS),
            self.rng.pick(CLAUSES)
        )
    }

    fn text(&mut self, sentences: usize) -> String {
        let mut t = String::new();
        for i in 0..sentences {
            if i > 0 {
                t.push(' ');
            }
            let s = self.sentence();
            t.push_str(&s);
        }
        t
    }

    // ----- the directory and the programme -------------------------------

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

    fn register_org(&mut self, id: String, name: &str, side: Side) -> u32 {
        let on = self.today();
        let data = Obj::new()
            .str("org", &id)
            .str("name", name)
            .str("side", side.as_str())
            .end();
        self.emit("organisation.registered", on, data);
        let i = self.orgs.len() as u32;
        self.orgs.push(Org {
            id,
            side,
            people: Vec::new(),
            created: on,
        });
        self.orgs_by_side[side as usize].push(i);
        i
    }

    fn register_person(&mut self, org: u32) -> u32 {
        let on = self.today();
        let i = self.people.len() as u32;
        let given = *self.rng.pick(GIVEN);
        let family = *self.rng.pick(FAMILY);
        let id = format!("{given}-{family}-{i}");
        let name = format!("{} {}", capitalise(family), capitalise(given));
        let titles = [
            "Director",
            "Deputy Director",
            "Programme Officer",
            "Adviser",
            "Chief of Office",
            "Team Leader",
        ];
        let title = *self.rng.pick(&titles);
        let data = Obj::new()
            .str("person", &id)
            .str("name", &name)
            .str("org", &self.orgs[org as usize].id)
            .opt_str("title", self.rng.chance(0.7).then_some(title))
            .end();
        self.emit("person.registered", on, data);
        self.people.push(Person {
            id,
            org,
            created: on,
        });
        self.orgs[org as usize].people.push(i);
        i
    }

    fn prologue(&mut self) {
        let p = self.cfg.partnerships.max(1) as usize;
        let sides: [(Side, Names, usize); 6] = [
            (Side::Government, GOVERNMENT, 5 + p * 35 / 100),
            (Side::DevelopmentPartner, DEVELOPMENT_PARTNERS, 4 + p / 4),
            (Side::CivilSociety, CIVIL_SOCIETY, 2 + p * 15 / 100),
            (Side::PrivateSector, PRIVATE_SECTOR, 1 + p / 20),
            (Side::Academic, ACADEMIC, 1 + p / 20),
            (Side::Facilitator, FACILITATORS, 2),
        ];
        for (side, names, count) in sides {
            for k in 0..count {
                let (slug, name) = names[k % names.len()];
                let round = k / names.len();
                let (id, name) = if round == 0 {
                    (slug.to_owned(), name.to_owned())
                } else {
                    (
                        format!("{slug}-{}", round + 1),
                        format!("{name} (office {})", round + 1),
                    )
                };
                self.register_org(id, &name, side);
            }
        }
        for o in 0..self.orgs.len() as u32 {
            for _ in 0..self.rng.range(2, 4) {
                self.register_person(o);
            }
        }
        let on = self.today();
        let facilitators: Vec<String> = self.orgs_by_side[Side::Facilitator as usize]
            .iter()
            .map(|o| self.orgs[*o as usize].id.clone())
            .collect();
        let data = Obj::new()
            .str("name", &format!("Making Partnerships Effective (generated, seed {})", self.cfg.seed))
            .str("objective", "Strengthen the Technical Working Groups as effective partnerships between government and development partners, and track their agreements, reviews and commitments.")
            .str("commissioned_by", &self.orgs[0].id)
            .strs("facilitators", &facilitators)
            .end();
        self.emit("programme.defined", on, data);
        self.signing_keys(on);
        let criteria: Vec<String> = TRAFFIC_LIGHT_CRITERIA
            .iter()
            .map(|c| {
                Obj::new()
                    .str("id", c)
                    .str("label", &format!("{} (red, amber, green)", capitalise(c)))
                    .end()
            })
            .collect();
        let data = Obj::new()
            .str("framework", TRAFFIC_LIGHT)
            .str("name", "Traffic-light health check")
            .raw("criteria", &format!("[{}]", criteria.join(",")))
            .num("scale_min", 1)
            .num("scale_max", 3)
            .end();
        self.emit("framework.defined", on, data);
        for (i, (name, starts, ends)) in STAGES.iter().enumerate() {
            let s = self.date_at(self.at_fraction(*starts).max(1));
            let e = self.date_at(self.at_fraction(*ends).max(1));
            let data = Obj::new()
                .num("stage", i as i64 + 1)
                .str("name", name)
                .day("starts_on", s)
                .day("ends_on", e)
                .strs("intended_achievements", &[self.sentence(), self.sentence()])
                .end();
            self.emit("stage.planned", on, data);
        }
        self.prologue_done = true;
    }

    /// Signing keys (docs/signatures.md), so that a generated log covers
    /// the catalogue: the first two people register keys made from the seed
    /// (the same seed, the same keys), the second revokes theirs, and a
    /// signature requirement is recorded and retracted at once, so that the
    /// generated endorsements may stay unsigned.
    fn signing_keys(&mut self, on: Day) {
        let mut fingerprints = Vec::new();
        for i in 0..self.people.len().min(2) {
            let mut seed = [0u8; 32];
            seed[..8].copy_from_slice(&self.cfg.seed.to_le_bytes());
            seed[8] = i as u8 + 1;
            let key = accord_events::signature::SecretKey::from_seed(seed);
            let data = Obj::new()
                .str("person", &self.people[i].id)
                .str("key", &key.public_line())
                .end();
            self.emit("person.key_added", on, data);
            fingerprints.push(key.fingerprint());
        }
        if let (Some(person), Some(fp)) = (self.people.get(1), fingerprints.get(1)) {
            let data = Obj::new()
                .str("person", &person.id)
                .str("fingerprint", fp)
                .str("reason", "Replaced by a new key")
                .end();
            self.emit("person.key_revoked", on, data);
        }
        let data = Obj::new()
            .str("reason", "Recorded by mistake; retracted below")
            .end();
        let ev = self.emit("signatures.required", on, data);
        let data = Obj::new()
            .str("event", &format!("ev-{ev:07}"))
            .str(
                "reason",
                "Recorded by mistake: signatures are not required yet",
            )
            .end();
        self.emit("event.retracted", on, data);
    }

    // ----- scheduled events ---------------------------------------------

    fn scheduled(&mut self) {
        while self.stage_events < 8 {
            let (_, starts, ends) = STAGES[self.stage_events / 2];
            let f = if self.stage_events.is_multiple_of(2) {
                starts
            } else {
                ends
            };
            if self.queued < self.at_fraction(f) {
                break;
            }
            let stage = (self.stage_events / 2 + 1) as i64;
            let on = self.today();
            if self.stage_events.is_multiple_of(2) {
                self.emit("stage.started", on, Obj::new().num("stage", stage).end());
            } else {
                let summary = self.sentence();
                let data = Obj::new()
                    .num("stage", stage)
                    .str("summary", &summary)
                    .end();
                self.emit("stage.completed", on, data);
            }
            self.stage_events += 1;
        }
        let n = self.partnerships.len();
        while self.next_partnership < n {
            let k = self.next_partnership;
            let at = if k < 3 {
                0
            } else {
                self.at_fraction(0.25 * k as f64 / n as f64)
            };
            if self.queued < at {
                break;
            }
            self.establish(k as u32);
            self.next_partnership += 1;
        }
        while let Some(&(at, p)) = self.closures.first() {
            if self.queued < at {
                break;
            }
            self.closures.remove(0);
            // The busiest partnerships never close (the picker falls back on them).
            if p != 0 && self.partnerships[p as usize].established.is_some() {
                let on = self.today();
                let reason =
                    "The working group was merged into another TWG after the annual review.";
                let data = Obj::new()
                    .str("partnership", &self.partnerships[p as usize].id)
                    .str("reason", reason)
                    .end();
                self.emit("partnership.closed", on, data);
                self.partnerships[p as usize].closed = true;
            }
        }
    }

    fn random_org(&mut self, side: Side) -> u32 {
        let pool = &self.orgs_by_side[side as usize];
        pool[self.rng.below(pool.len())]
    }

    fn establish(&mut self, p: u32) {
        let on = self.today();
        let host = self.random_org(Side::Government);
        let data = Obj::new()
            .str("partnership", &self.partnerships[p as usize].id)
            .str("name", &self.partnerships[p as usize].name.clone())
            .str("host", &self.orgs[host as usize].id)
            .end();
        self.emit("partnership.established", on, data);
        self.partnerships[p as usize].established = Some(on);
        self.join(p, host, "chair");
        let lead = self.random_org(Side::DevelopmentPartner);
        self.join(p, lead, "lead_facilitator");
        if self.rng.chance(0.4) {
            let co = self.random_org(Side::DevelopmentPartner);
            self.join(p, co, "co_facilitator");
        }
        let sec = if self.rng.chance(0.7) {
            self.random_org(Side::Government)
        } else {
            self.random_org(Side::Facilitator)
        };
        self.join(p, sec, "secretariat");
        for _ in 0..self.rng.range(2, 7) {
            let side = self.random_side();
            let o = self.random_org(side);
            self.join(p, o, "member");
        }
    }

    fn random_side(&mut self) -> Side {
        match self.rng.below(10) {
            0..=3 => Side::Government,
            4..=6 => Side::DevelopmentPartner,
            7 => Side::CivilSociety,
            8 => Side::PrivateSector,
            _ => Side::Academic,
        }
    }

    /// `partner.joined`, unless the organisation is already a partner.
    fn join(&mut self, p: u32, org: u32, role: &str) -> bool {
        if self.partnerships[p as usize].members.contains(&org) {
            return false;
        }
        let on = self.today();
        let data = Obj::new()
            .str("partnership", &self.partnerships[p as usize].id)
            .str("org", &self.orgs[org as usize].id)
            .str("role", role)
            .end();
        self.emit("partner.joined", on, data);
        self.partnerships[p as usize].members.push(org);
        true
    }

    // ----- choosing --------------------------------------------------------

    fn pick_partnership(&mut self) -> Option<u32> {
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

    /// A person whose organisation is a current partner of `p`, not in `exclude`.
    fn acting_person(&mut self, p: u32, exclude: &[u32]) -> Option<u32> {
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

    fn person_id(&self, person: u32) -> String {
        self.people[person as usize].id.clone()
    }

    fn remember(&mut self, r: Retractable) {
        if self.retractable.len() >= RETRACTABLE_WINDOW {
            let i = self.rng.below(self.retractable.len());
            self.retractable.swap_remove(i);
        }
        self.retractable.push(r);
    }

    // ----- one step of programme life -----------------------------------

    fn step(&mut self) {
        if !self.prologue_done {
            self.prologue();
            return;
        }
        self.scheduled();
        let Some(p) = self.pick_partnership() else {
            return;
        };
        // Quality drifts slowly.
        let q = &mut self.partnerships[p as usize].quality;
        *q = (*q + (self.rng.unit() - 0.5) * 0.02).clamp(0.05, 0.95);
        let roll = self.rng.below(1000);
        let done = match roll {
            0..200 => self.respond(p),
            200..330 => self.endorse(p),
            330..440 => self.report(p),
            440..520 => self.commit(p),
            520..560 => self.interview(Some(p)),
            560..595 => self.open_review(p),
            595..615 => self.conclude(p),
            615..650 => self.propose(p),
            650..675 => self.revise(p),
            675..679 => self.withdraw(p),
            679..704 => self.reschedule(p),
            704..739 => self.meeting(p),
            739..759 => self.activity(p),
            759..769 => self.join_new(p),
            769..774 => self.leave(p),
            774..786 => self.new_person(),
            786..791 => self.move_person(),
            791..793 => self.new_org(),
            793..808 => self.retract(),
            808..815 => self.interview(None),
            _ => false,
        };
        if !done {
            self.finding(p);
        }
    }

    fn finding(&mut self, p: u32) {
        let with_partnership = self.rng.chance(0.9);
        let review = if with_partnership && self.rng.chance(0.3) {
            let recent = &self.partnerships[p as usize].recent_reviews;
            (!recent.is_empty()).then(|| recent[self.rng.below(recent.len())])
        } else {
            None
        };
        let mut earliest = self.start;
        if with_partnership {
            earliest = earliest.max(
                self.partnerships[p as usize]
                    .established
                    .unwrap_or(self.start),
            );
        }
        if let Some(r) = review {
            earliest = earliest.max(self.reviews[r as usize].created);
        }
        let on = self.maybe_backdated(earliest);
        self.counts[0] += 1;
        let id = format!("f-{}", self.counts[0]);
        let origin = if review.is_some() {
            "review"
        } else {
            *self
                .rng
                .pick(&["interview", "focus_group", "meeting", "document"])
        };
        let swot = *self
            .rng
            .pick(&["strength", "weakness", "opportunity", "threat"]);
        let theme = *self.rng.pick(&[
            "institutional_arrangements",
            "enabling_environment",
            "roles",
            "paris_principles",
            "other",
        ]);
        let k = 1 + self.rng.below(2);
        let text = self.text(k);
        let side = self.rng.chance(0.4).then(|| {
            *self
                .rng
                .pick(&["government", "development_partner", "civil_society"])
        });
        let data = Obj::new()
            .str("finding", &id)
            .opt_str(
                "partnership",
                with_partnership.then_some(self.partnerships[p as usize].id.as_str()),
            )
            .str("origin", origin)
            .str("swot", swot)
            .str("theme", theme)
            .str("text", &text)
            .opt_str("side", side)
            .opt_str(
                "review",
                review.map(|r| self.reviews[r as usize].id.as_str()),
            )
            .end();
        let ev = self.emit("finding.recorded", on, data);
        self.remember(Retractable::Finding {
            ev,
            partnership: with_partnership.then_some(p),
        });
    }

    fn propose(&mut self, p: u32) -> bool {
        if self.partnerships[p as usize].agreements.len() >= ACTIVE_AGREEMENTS {
            // Retire the oldest: it stays in the log, nobody works on it any more.
            self.partnerships[p as usize].agreements.remove(0);
        }
        let Some(person) = self.acting_person(p, &[]) else {
            return false;
        };
        let on = self.today();
        let part = &mut self.partnerships[p as usize];
        part.counters[0] += 1;
        let id = format!("{}-a{}", part.id, part.counters[0]);
        let kind = *self.rng.pick(&AGREEMENT_KINDS);
        let title = format!(
            "{} of the {}",
            capitalise(&kind.replace('_', " ")),
            self.partnerships[p as usize].name
        );
        let k = 2 + self.rng.below(4);
        let text = self.text(k);
        let data = Obj::new()
            .str("agreement", &id)
            .str("partnership", &self.partnerships[p as usize].id)
            .str("kind", kind)
            .str("title", &title)
            .str("text", &text)
            .str("proposed_by", &self.person_id(person))
            .end();
        self.emit("agreement.proposed", on, data);
        let a = self.agreements.len() as u32;
        self.agreements.push(Agreement {
            id,
            partnership: p,
            version: 1,
            endorsers: Vec::new(),
            events: 1,
            withdrawn_by: None,
            created: on,
        });
        let part = &mut self.partnerships[p as usize];
        part.agreements.push(a);
        part.all_agreements.push(a);
        true
    }

    /// An agreement of `p` still in play (not withdrawn), if any.
    fn live_agreement(&mut self, p: u32) -> Option<u32> {
        let list = &self.partnerships[p as usize].agreements;
        if list.is_empty() {
            return None;
        }
        let a = list[self.rng.below(list.len())];
        let ag = &self.agreements[a as usize];
        if ag.withdrawn_by.is_some() || ag.events >= AGREEMENT_EVENTS {
            let list = &mut self.partnerships[p as usize].agreements;
            list.retain(|x| *x != a);
            return None;
        }
        Some(a)
    }

    fn endorse(&mut self, p: u32) -> bool {
        let Some(a) = self.live_agreement(p) else {
            return self.propose(p);
        };
        let endorsers = self.agreements[a as usize].endorsers.clone();
        let Some(person) = self.acting_person(p, &endorsers) else {
            return self.revise(p);
        };
        let on = self.today();
        let ag = &self.agreements[a as usize];
        let version = ag.version;
        let forum = self.rng.chance(0.5).then(|| {
            *self.rng.pick(&[
                "TWG meeting",
                "Strategic Meeting",
                "GDCC",
                "Partnership retreat",
            ])
        });
        let data = Obj::new()
            .str("agreement", &self.agreements[a as usize].id)
            .num("version", i64::from(version))
            .str("by", &self.person_id(person))
            .opt_str("forum", forum)
            .end();
        let ev = self.emit("agreement.endorsed", on, data);
        let ag = &mut self.agreements[a as usize];
        ag.endorsers.push(person);
        ag.events += 1;
        self.remember(Retractable::Endorsement {
            ev,
            agreement: a,
            version,
            person,
        });
        true
    }

    fn revise(&mut self, p: u32) -> bool {
        let Some(a) = self.live_agreement(p) else {
            return false;
        };
        let Some(person) = self.acting_person(p, &[]) else {
            return false;
        };
        let on = self.today();
        let k = 2 + self.rng.below(4);
        let text = self.text(k);
        let reason = *self.rng.pick(&[
            "A new partner joined and the text was revisited.",
            "The annual review asked for clearer roles.",
            "Aligned with the updated national strategic development plan.",
            "Comments from the GDCC were taken in.",
        ]);
        let data = Obj::new()
            .str("agreement", &self.agreements[a as usize].id)
            .str("text", &text)
            .str("reason", reason)
            .str("revised_by", &self.person_id(person))
            .end();
        self.emit("agreement.revised", on, data);
        let ag = &mut self.agreements[a as usize];
        ag.version += 1;
        ag.endorsers.clear();
        ag.events += 1;
        true
    }

    fn withdraw(&mut self, p: u32) -> bool {
        let Some(a) = self.live_agreement(p) else {
            return false;
        };
        let Some(person) = self.acting_person(p, &[]) else {
            return false;
        };
        let on = self.today();
        let data = Obj::new()
            .str("agreement", &self.agreements[a as usize].id)
            .str("reason", "Superseded by a joint action plan.")
            .str("by", &self.person_id(person))
            .end();
        let ev = self.emit("agreement.withdrawn", on, data);
        let ag = &mut self.agreements[a as usize];
        ag.withdrawn_by = Some(ev);
        ag.events += 1;
        self.remember(Retractable::Withdrawn { ev, agreement: a });
        true
    }

    fn open_review(&mut self, p: u32) -> bool {
        if self.partnerships[p as usize].open_reviews.len() >= ACTIVE_REVIEWS {
            return false;
        }
        let on = self.today();
        let part = &mut self.partnerships[p as usize];
        part.counters[1] += 1;
        let id = format!("{}-r{}", part.id, part.counters[1]);
        let traffic_light = self.rng.chance(0.2);
        let kind = *self.rng.pick(&[
            "health_check",
            "annual_review",
            "annual_review",
            "self_assessment",
            "external",
        ]);
        let next_due = self
            .rng
            .chance(0.7)
            .then(|| on + self.rng.range(180, 400) as Day);
        let mut obj = Obj::new()
            .str("review", &id)
            .str("partnership", &self.partnerships[p as usize].id)
            .str("kind", kind);
        if traffic_light {
            obj = obj.str("framework", TRAFFIC_LIGHT);
        } else if self.rng.chance(0.3) {
            obj = obj.str("framework", "effectiveness");
        }
        if let Some(d) = next_due {
            obj = obj.day("next_due", d);
        }
        self.emit("review.opened", on, obj.end());
        let r = self.reviews.len() as u32;
        let target = self.rng.range(3, 14) as u32;
        self.reviews.push(Review {
            id,
            partnership: p,
            traffic_light,
            responded: Vec::new(),
            concluded_by: None,
            target,
            created: on,
        });
        let part = &mut self.partnerships[p as usize];
        part.open_reviews.push(r);
        part.recent_reviews.push(r);
        if part.recent_reviews.len() > 4 {
            part.recent_reviews.remove(0);
        }
        true
    }

    fn respond(&mut self, p: u32) -> bool {
        let open = &self.partnerships[p as usize].open_reviews;
        if open.is_empty() {
            return self.open_review(p);
        }
        let r = open[self.rng.below(open.len())];
        if self.reviews[r as usize].responded.len() as u32 >= self.reviews[r as usize].target {
            return self.conclude_review(r);
        }
        let responded = self.reviews[r as usize].responded.clone();
        let Some(person) = self.acting_person(p, &responded) else {
            return !responded.is_empty() && self.conclude_review(r);
        };
        let on = self.today();
        let side = self.orgs[self.people[person as usize].org as usize].side;
        let quality = self.partnerships[p as usize].quality;
        // Government tends to score its partnerships higher than development
        // partners do; now and then the gap is wide enough to diverge.
        let bias = match side {
            Side::Government => 0.08,
            Side::DevelopmentPartner => -0.08,
            _ => 0.0,
        } * if self.rng.chance(0.15) { 4.0 } else { 1.0 };
        let (criteria, max): (&[&str], i64) = if self.reviews[r as usize].traffic_light {
            (&TRAFFIC_LIGHT_CRITERIA, 3)
        } else {
            (&EFFECTIVENESS_CRITERIA, 5)
        };
        let mut scores = String::from("{");
        for c in criteria {
            if self.rng.chance(0.07) {
                continue; // left blank
            }
            let x = quality + bias + (self.rng.unit() - 0.5) * 0.35;
            let s = (1.0 + x.clamp(0.0, 0.999) * max as f64).floor() as i64;
            if scores.len() > 1 {
                scores.push(',');
            }
            let _ = write!(scores, "\"{c}\":{}", s.clamp(1, max));
        }
        if scores.len() == 1 {
            let _ = write!(scores, "\"{}\":{}", criteria[0], max.min(3));
        }
        scores.push('}');
        let comment = self.rng.chance(0.3).then(|| self.sentence());
        let data = Obj::new()
            .str("review", &self.reviews[r as usize].id)
            .str("respondent", &self.person_id(person))
            .raw("scores", &scores)
            .opt_str("comment", comment.as_deref())
            .end();
        let ev = self.emit("review.response", on, data);
        self.reviews[r as usize].responded.push(person);
        self.remember(Retractable::Response {
            ev,
            review: r,
            person,
        });
        true
    }

    fn conclude(&mut self, p: u32) -> bool {
        let open = &self.partnerships[p as usize].open_reviews;
        let Some(&r) = open
            .iter()
            .find(|r| !self.reviews[**r as usize].responded.is_empty())
        else {
            return self.respond(p);
        };
        self.conclude_review(r)
    }

    fn conclude_review(&mut self, r: u32) -> bool {
        let on = self.today();
        let summary = self.text(2);
        let data = Obj::new()
            .str("review", &self.reviews[r as usize].id)
            .str("summary", &summary)
            .end();
        let ev = self.emit("review.concluded", on, data);
        self.reviews[r as usize].concluded_by = Some(ev);
        let p = self.reviews[r as usize].partnership;
        self.partnerships[p as usize]
            .open_reviews
            .retain(|x| *x != r);
        self.remember(Retractable::Concluded { ev, review: r });
        true
    }

    fn commit(&mut self, p: u32) -> bool {
        if self.partnerships[p as usize].commitments.len() >= ACTIVE_COMMITMENTS {
            return self.report(p);
        }
        let members = &self.partnerships[p as usize].members;
        if members.is_empty() {
            return false;
        }
        let owner = members[self.rng.below(members.len())];
        let mut earliest = self.partnerships[p as usize]
            .established
            .unwrap_or(self.start)
            .max(self.orgs[owner as usize].created);
        let origin: Option<(String, Day)> = match self.rng.below(4) {
            0 => {
                let list = &self.partnerships[p as usize].recent_reviews;
                (!list.is_empty()).then(|| {
                    let r = &self.reviews[list[self.rng.below(list.len())] as usize];
                    (r.id.clone(), r.created)
                })
            }
            1 => {
                let list = &self.partnerships[p as usize].all_agreements;
                (!list.is_empty()).then(|| {
                    let a = &self.agreements[list[self.rng.below(list.len())] as usize];
                    (a.id.clone(), a.created)
                })
            }
            2 => (!self.meetings.is_empty()).then(|| {
                let k = self.meetings.len() - 1 - self.rng.below(self.meetings.len().min(20));
                self.meetings[k].clone()
            }),
            _ => None,
        };
        if let Some((_, d)) = &origin {
            earliest = earliest.max(*d);
        }
        let on = self.maybe_backdated(earliest);
        let part = &mut self.partnerships[p as usize];
        part.counters[2] += 1;
        let id = format!("{}-c{}", part.id, part.counters[2]);
        let due = on + self.rng.range(60, 540) as Day;
        let text = self.sentence();
        let data = Obj::new()
            .str("commitment", &id)
            .str("partnership", &self.partnerships[p as usize].id)
            .str("text", &text)
            .str("owner", &self.orgs[owner as usize].id)
            .day("due", due)
            .opt_str("origin", origin.as_ref().map(|(o, _)| o.as_str()))
            .end();
        self.emit("commitment.made", on, data);
        let c = self.commitments.len() as u32;
        self.commitments.push(Commitment {
            id,
            partnership: p,
            reports: Vec::new(),
            due,
        });
        self.partnerships[p as usize].commitments.push(c);
        true
    }

    fn running_commitment(&mut self, p: u32) -> Option<u32> {
        let list = &self.partnerships[p as usize].commitments;
        (!list.is_empty()).then(|| list[self.rng.below(list.len())])
    }

    fn report(&mut self, p: u32) -> bool {
        let Some(c) = self.running_commitment(p) else {
            return self.commit(p);
        };
        let on = self.today();
        let overdue = on > self.commitments[c as usize].due;
        let n = self.commitments[c as usize].reports.len();
        let status = match self.rng.below(100) {
            x if x < 8 + 6 * n => {
                if self.rng.chance(0.85) {
                    "completed"
                } else {
                    "dropped"
                }
            }
            x if x < 60 && !overdue => "on_schedule",
            _ => "behind_schedule",
        };
        let reporter = self.acting_person(p, &[]);
        let note = self.rng.chance(0.4).then(|| self.sentence());
        let data = Obj::new()
            .str("commitment", &self.commitments[c as usize].id)
            .str("status", status)
            .opt_str(
                "reported_by",
                reporter.map(|x| self.people[x as usize].id.as_str()),
            )
            .opt_str("note", note.as_deref())
            .end();
        let ev = self.emit("commitment.reported", on, data);
        let is_final = matches!(status, "completed" | "dropped");
        self.commitments[c as usize].reports.push((ev, is_final));
        if is_final {
            self.partnerships[p as usize]
                .commitments
                .retain(|x| *x != c);
        }
        self.remember(Retractable::Report { ev, commitment: c });
        true
    }

    fn reschedule(&mut self, p: u32) -> bool {
        let Some(c) = self.running_commitment(p) else {
            return false;
        };
        let on = self.today();
        let due = self.commitments[c as usize].due.max(on) + self.rng.range(30, 180) as Day;
        let data = Obj::new()
            .str("commitment", &self.commitments[c as usize].id)
            .day("due", due)
            .str("reason", "Funding arrived later than planned.")
            .end();
        let ev = self.emit("commitment.rescheduled", on, data);
        self.commitments[c as usize].due = due;
        self.remember(Retractable::Rescheduled { ev, commitment: c });
        true
    }

    fn people_of(&mut self, p: Option<u32>, n: usize) -> Vec<u32> {
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

    fn interview(&mut self, p: Option<u32>) -> bool {
        let k = self.rng.range(1, 4) as usize;
        let people = self.people_of(p, k);
        if people.is_empty() {
            return false;
        }
        let mut earliest = people
            .iter()
            .map(|x| self.people[*x as usize].created)
            .max()
            .unwrap_or(self.start);
        if let Some(p) = p {
            earliest = earliest.max(
                self.partnerships[p as usize]
                    .established
                    .unwrap_or(self.start),
            );
        }
        let on = self.maybe_backdated(earliest);
        self.counts[1] += 1;
        let id = format!("int-{}", self.counts[1]);
        let side = self.orgs[self.people[people[0] as usize].org as usize].side;
        let all = [
            "added_value",
            "effectiveness_reasons",
            "local_context",
            "expectations",
        ];
        let themes: Vec<&str> = all
            .iter()
            .copied()
            .filter(|_| self.rng.chance(0.6))
            .collect();
        let themes = if themes.is_empty() {
            vec![all[0]]
        } else {
            themes
        };
        let ids: Vec<String> = people.iter().map(|x| self.person_id(*x)).collect();
        let notes = self.rng.chance(0.5).then(|| self.text(2));
        let data = Obj::new()
            .str("interview", &id)
            .opt_str(
                "partnership",
                p.map(|p| self.partnerships[p as usize].id.as_str()),
            )
            .str(
                "format",
                if ids.len() > 2 {
                    "focus_group"
                } else {
                    "individual"
                },
            )
            .str("side", side.as_str())
            .strs("interviewees", &ids)
            .strs("themes", &themes)
            .opt_str("notes", notes.as_deref())
            .end();
        self.emit("interview.held", on, data);
        true
    }

    /// Up to `n` distinct partnerships in play, starting with `p`.
    fn some_partnerships(&mut self, p: u32, n: usize) -> Vec<u32> {
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

    fn meeting(&mut self, p: u32) -> bool {
        let k = self.rng.range(1, 3) as usize;
        let ps = self.some_partnerships(p, k);
        let k = self.rng.range(2, 10) as usize;
        let attendees = self.people_of(Some(p), k);
        let mut earliest = self.start;
        for q in &ps {
            earliest = earliest.max(
                self.partnerships[*q as usize]
                    .established
                    .unwrap_or(self.start),
            );
        }
        for a in &attendees {
            earliest = earliest.max(self.people[*a as usize].created);
        }
        let on = self.maybe_backdated(earliest);
        self.counts[2] += 1;
        let id = format!("mtg-{}", self.counts[2]);
        let kind = *self.rng.pick(&[
            "partnership_meeting",
            "partnership_meeting",
            "partnership_meeting",
            "strategic_meeting",
            "retreat",
            "steering",
            "other",
        ]);
        let title = format!(
            "{} {}",
            capitalise(&kind.replace('_', " ")),
            self.partnerships[p as usize].name
        );
        let pids: Vec<&str> = ps
            .iter()
            .map(|q| self.partnerships[*q as usize].id.as_str())
            .collect();
        let aids: Vec<&str> = attendees
            .iter()
            .map(|x| self.people[*x as usize].id.as_str())
            .collect();
        let mut obj = Obj::new()
            .str("meeting", &id)
            .str("kind", kind)
            .str("title", &title)
            .strs("partnerships", &pids);
        if !aids.is_empty() {
            obj = obj.strs("attendees", &aids);
        }
        let data = obj.end();
        self.emit("meeting.held", on, data);
        self.meetings.push((id, on));
        true
    }

    fn activity(&mut self, p: u32) -> bool {
        let k = self.rng.range(0, 3) as usize + 1;
        let ps = self.some_partnerships(p, k);
        let earliest = ps
            .iter()
            .map(|q| {
                self.partnerships[*q as usize]
                    .established
                    .unwrap_or(self.start)
            })
            .max()
            .unwrap_or(self.start);
        let on = self.maybe_backdated(earliest);
        self.counts[3] += 1;
        let id = format!("act-{}", self.counts[3]);
        let kind = *self
            .rng
            .pick(&["training", "case_study", "resource", "specialist"]);
        let title = format!(
            "{}: {}",
            capitalise(&kind.replace('_', " ")),
            self.rng.pick(OBJECTS)
        );
        let pids: Vec<&str> = ps
            .iter()
            .map(|q| self.partnerships[*q as usize].id.as_str())
            .collect();
        let mut obj = Obj::new()
            .str("activity", &id)
            .str("kind", kind)
            .str("title", &title)
            .strs("partnerships", &pids);
        if self.rng.chance(0.7) {
            obj = obj.num("participants", self.rng.range(5, 60));
        }
        let data = obj.end();
        self.emit("activity.delivered", on, data);
        true
    }

    fn join_new(&mut self, p: u32) -> bool {
        let side = self.random_side();
        let org = self.random_org(side);
        self.join(p, org, "member")
    }

    fn leave(&mut self, p: u32) -> bool {
        let members = self.partnerships[p as usize].members.clone();
        if members.len() <= 4 {
            return self.join_new(p);
        }
        let org = members[self.rng.below(members.len())];
        let side = self.orgs[org as usize].side;
        let same_side = members
            .iter()
            .filter(|o| self.orgs[**o as usize].side == side)
            .count();
        // Each partnership keeps both sides at the table.
        if same_side < 2 {
            return false;
        }
        let on = self.today();
        let data = Obj::new()
            .str("partnership", &self.partnerships[p as usize].id)
            .str("org", &self.orgs[org as usize].id)
            .str("reason", "Its programme in this sector ended.")
            .end();
        self.emit("partner.left", on, data);
        self.partnerships[p as usize].members.retain(|o| *o != org);
        true
    }

    fn new_person(&mut self) -> bool {
        let org = self.rng.below(self.orgs.len()) as u32;
        self.register_person(org);
        true
    }

    fn move_person(&mut self) -> bool {
        let person = self.rng.below(self.people.len()) as u32;
        let from = self.people[person as usize].org;
        let side = self.orgs[from as usize].side;
        let to = self.random_org(side);
        if to == from {
            return false;
        }
        let on = self.today();
        let data = Obj::new()
            .str("person", &self.people[person as usize].id)
            .str("org", &self.orgs[to as usize].id)
            .opt_str("title", self.rng.chance(0.5).then_some("Adviser"))
            .end();
        self.emit("person.moved", on, data);
        self.orgs[from as usize].people.retain(|x| *x != person);
        self.orgs[to as usize].people.push(person);
        self.people[person as usize].org = to;
        true
    }

    fn new_org(&mut self) -> bool {
        let side = self.random_side();
        let k = self.orgs_by_side[side as usize].len() + 1;
        let (id, name) = match side {
            Side::Government => (
                format!("prov-dept-{k}"),
                format!("Provincial Department {k}"),
            ),
            Side::DevelopmentPartner => (format!("dp-fund-{k}"), format!("Development Fund {k}")),
            Side::CivilSociety => (format!("ngo-{k}"), format!("Local NGO {k}")),
            Side::PrivateSector => (format!("firm-{k}"), format!("Private Firm {k}")),
            _ => (format!("institute-{k}"), format!("Research Institute {k}")),
        };
        if self.orgs.iter().any(|o| o.id == id) {
            return false;
        }
        let o = self.register_org(id, &name, side);
        self.register_person(o);
        self.register_person(o);
        true
    }

    fn partnership_open(&self, p: u32) -> bool {
        !self.partnerships[p as usize].closed
    }

    fn retract(&mut self) -> bool {
        for _ in 0..4 {
            if self.retractable.is_empty() {
                return false;
            }
            let i = self.rng.below(self.retractable.len());
            let target = self.retractable.swap_remove(i);
            let (ev, ok) = match target {
                Retractable::Endorsement { ev, agreement, .. }
                | Retractable::Withdrawn { ev, agreement } => {
                    let a = &self.agreements[agreement as usize];
                    let ok = self.partnership_open(a.partnership)
                        && match target {
                            Retractable::Withdrawn { .. } => a.withdrawn_by == Some(ev),
                            _ => true,
                        };
                    (ev, ok)
                }
                Retractable::Response { ev, review, .. } => (
                    ev,
                    self.partnership_open(self.reviews[review as usize].partnership),
                ),
                Retractable::Concluded { ev, review } => {
                    let r = &self.reviews[review as usize];
                    let open = &self.partnerships[r.partnership as usize].open_reviews;
                    (
                        ev,
                        self.partnership_open(r.partnership)
                            && r.concluded_by == Some(ev)
                            && open.len() < ACTIVE_REVIEWS,
                    )
                }
                Retractable::Finding { ev, partnership } => {
                    (ev, partnership.is_none_or(|p| self.partnership_open(p)))
                }
                Retractable::Report { ev, commitment } => {
                    let c = &self.commitments[commitment as usize];
                    (
                        ev,
                        self.partnership_open(c.partnership)
                            && c.reports.last().is_some_and(|(e, _)| *e == ev),
                    )
                }
                Retractable::Rescheduled { ev, commitment } => (
                    ev,
                    self.partnership_open(self.commitments[commitment as usize].partnership),
                ),
            };
            if !ok {
                continue;
            }
            let on = self.today();
            let reason = *self.rng.pick(&[
                "Recorded against the wrong partnership.",
                "Entered twice by mistake.",
                "The minutes were corrected at the next meeting.",
                "Wrong person recorded.",
            ]);
            let data = Obj::new()
                .str("event", &format!("ev-{ev:07}"))
                .str("reason", reason)
                .end();
            self.emit("event.retracted", on, data);
            self.undo(target);
            return true;
        }
        false
    }

    /// Takes a retracted event out of the model, as the rules do.
    fn undo(&mut self, target: Retractable) {
        match target {
            Retractable::Endorsement {
                agreement,
                version,
                person,
                ..
            } => {
                let a = &mut self.agreements[agreement as usize];
                if a.version == version {
                    a.endorsers.retain(|x| *x != person);
                }
            }
            Retractable::Withdrawn { agreement, .. } => {
                let a = &mut self.agreements[agreement as usize];
                a.withdrawn_by = None;
                let p = a.partnership;
                let list = &mut self.partnerships[p as usize].agreements;
                if !list.contains(&agreement) && list.len() < ACTIVE_AGREEMENTS {
                    list.push(agreement);
                }
            }
            Retractable::Response { review, person, .. } => {
                self.reviews[review as usize]
                    .responded
                    .retain(|x| *x != person);
            }
            Retractable::Concluded { review, .. } => {
                let r = &mut self.reviews[review as usize];
                r.concluded_by = None;
                let p = r.partnership;
                self.partnerships[p as usize].open_reviews.push(review);
            }
            Retractable::Finding { .. } | Retractable::Rescheduled { .. } => {}
            Retractable::Report { commitment, .. } => {
                let c = &mut self.commitments[commitment as usize];
                let was_final = c.reports.pop().is_some_and(|(_, f)| f);
                let p = c.partnership;
                if was_final {
                    self.partnerships[p as usize].commitments.push(commitment);
                }
            }
        }
    }
}

impl Iterator for Generator {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        if self.produced >= self.cfg.events {
            return None;
        }
        while self.queue.is_empty() {
            self.step();
        }
        self.produced += 1;
        self.queue.pop_front()
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
