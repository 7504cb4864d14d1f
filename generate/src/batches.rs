//! Event batches for the test harnesses (JSON Lines): a small, fixed-shape
//! partnership programme, where [`crate::Generator`] simulates a whole one.
//! A directory of organisations and people, then partnerships with partners,
//! agreements (proposed, endorsed, revised), reviews with responses,
//! findings and commitments with reports. Every batch passes the rules of
//! docs/rules.md when appended in order; every event has an id, so a batch can be
//! appended again (skipped, not duplicated).

use std::collections::BTreeMap;

use accord_events::catalogue::{
    AgreementEndorsed, AgreementProposed, AgreementRevised, CommitmentMade, CommitmentReported,
    FindingRecorded, OrganisationRegistered, PartnerJoined, PartnershipEstablished,
    PersonRegistered, ProgrammeDefined, ReviewConcluded, ReviewOpened, ReviewResponse,
    StagePlanned, StageStarted,
};
use accord_events::fields::{
    AgreementKind, Day, FindingOrigin, Ordinal, ReportedStatus, ReviewKind, Role, Side, Swot, Theme,
};
use serde::Serialize;
use serde_json::Value;

use crate::emit::{Payload, name, slug, text};
use crate::rng::Rng;

/// The criteria of the built-in `effectiveness` framework.
pub const CRITERIA: [&str; 5] = [
    "shared_goal",
    "co_creation",
    "inclusive_transparent",
    "engagement",
    "review_revision",
];

/// The organisations and people every partnership draws on.
#[derive(Clone, Debug)]
pub struct Directory {
    /// Government organisations.
    pub gov: Vec<String>,
    /// Development-partner organisations.
    pub dp: Vec<String>,
    /// `(person, org)`; people of org `o` are `o-p0`, `o-p1`, ...
    pub people: Vec<(String, String)>,
    /// People per organisation.
    pub per_org: usize,
}

impl Directory {
    /// A directory with `orgs` organisations on each side and `per_org` people each.
    pub fn new(orgs: usize, per_org: usize) -> Directory {
        let gov: Vec<String> = (0..orgs).map(|i| format!("gov{i}")).collect();
        let dp: Vec<String> = (0..orgs).map(|i| format!("dp{i}")).collect();
        let mut people = Vec::new();
        for o in gov.iter().chain(&dp) {
            for p in 0..per_org {
                people.push((format!("{o}-p{p}"), o.clone()));
            }
        }
        Directory {
            gov,
            dp,
            people,
            per_org,
        }
    }

    /// The people of `org`.
    pub fn people_of(&self, org: &str) -> Vec<String> {
        (0..self.per_org).map(|p| format!("{org}-p{p}")).collect()
    }

    /// The events that set the programme and the directory up.
    pub fn events(&self) -> Vec<String> {
        let mut out = Lines::default();
        let on = "2009-01-05";
        out.push(
            "dir-programme",
            on,
            &ProgrammeDefined {
                name: name("Making Partnerships Effective"),
                objective: text("Stronger partnerships in every TWG"),
                commissioned_by: None,
                facilitators: None,
            },
        );
        out.push(
            "dir-stage-1",
            on,
            &StagePlanned {
                stage: Ordinal(1),
                name: name("Interviews"),
                starts_on: day("2009-01-05"),
                ends_on: day("2009-06-30"),
                intended_achievements: None,
            },
        );
        out.push(
            "dir-stage-1-started",
            on,
            &StageStarted { stage: Ordinal(1) },
        );
        for (orgs, side, prefix) in [
            (&self.gov, Side::Government, "Ministry"),
            (&self.dp, Side::DevelopmentPartner, "Agency"),
        ] {
            for o in orgs {
                out.push(
                    &format!("dir-{o}"),
                    on,
                    &OrganisationRegistered {
                        org: slug(o),
                        name: name(&format!("{prefix} {o}")),
                        side,
                    },
                );
            }
        }
        for (p, o) in &self.people {
            out.push(
                &format!("dir-{p}"),
                on,
                &PersonRegistered {
                    person: slug(p),
                    name: name(&format!("Person {p}")),
                    org: slug(o),
                    title: Some(name("Officer")),
                },
            );
        }
        out.0
    }
}

/// Lines of a batch, each one event.
#[derive(Default)]
struct Lines(Vec<String>);

impl Lines {
    /// One event as a JSON line (no `recorded_by`: the operator comes from `--as`).
    fn push<P: Payload>(&mut self, id: &str, occurred_at: &str, data: &P) {
        #[derive(Serialize)]
        struct Line<'a, P> {
            id: &'a str,
            #[serde(rename = "type")]
            kind: &'a str,
            occurred_at: &'a str,
            data: &'a P,
        }
        let line = Line {
            id,
            kind: P::KIND.as_str(),
            occurred_at,
            data,
        };
        self.0
            .push(serde_json::to_string(&line).expect("typed payloads serialise"));
    }
}

/// One hand-made event as a JSON line, for tests that write events the
/// batches do not (odd shapes, repeats, deliberate conflicts); no
/// `recorded_by`: the operator comes from `--as`.
pub fn event(id: &str, kind: &str, occurred_at: &str, data: Value) -> String {
    serde_json::json!({"id": id, "type": kind, "occurred_at": occurred_at, "data": data})
        .to_string()
}

/// A date the batches use (written as a literal, so always valid).
fn day(s: &str) -> Day {
    Day::parse(s).expect("batch dates are valid")
}

/// Sizes of one generated partnership.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// Agreements proposed.
    pub agreements: usize,
    /// Reviews opened (each with responses and a conclusion).
    pub reviews: usize,
    /// Commitments made (each with a report or two).
    pub commitments: usize,
    /// Findings recorded.
    pub findings: usize,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            agreements: 3,
            reviews: 2,
            commitments: 3,
            findings: 3,
        }
    }
}

/// The events of one partnership `pid`, all valid after `dir.events()`.
/// Every event id starts with `pid` so batches never collide.
pub fn partnership(rng: &mut Rng, dir: &Directory, pid: &str, shape: Shape) -> Vec<String> {
    let gov = [rng.pick(&dir.gov).clone(), rng.pick(&dir.gov).clone()];
    let dp = [rng.pick(&dir.dp).clone(), rng.pick(&dir.dp).clone()];
    let mut partners: Vec<String> = gov.iter().chain(&dp).cloned().collect();
    partners.sort();
    partners.dedup();
    let members: Vec<String> = partners.iter().flat_map(|o| dir.people_of(o)).collect();
    let mut b = Batch {
        lines: Lines::default(),
        pid,
        n: 0,
    };
    b.push(
        "2009-02-01",
        &PartnershipEstablished {
            partnership: slug(pid),
            name: name(&format!("TWG {pid}")),
            host: Some(slug(&gov[0])),
        },
    );
    let roles = [
        Role::Chair,
        Role::LeadFacilitator,
        Role::CoFacilitator,
        Role::Member,
    ];
    for (i, org) in partners.iter().enumerate() {
        b.push(
            "2009-02-02",
            &PartnerJoined {
                partnership: slug(pid),
                org: slug(org),
                role: roles[i.min(3)],
            },
        );
    }
    agreements(&mut b, rng, &members, shape.agreements);
    reviews(&mut b, rng, &members, shape.reviews);
    findings(&mut b, rng, shape.findings);
    commitments(&mut b, rng, &members, &partners, shape.commitments);
    b.lines.0
}

/// The events of one partnership being built, numbered `PID-e1`, `PID-e2`, ...
struct Batch<'a> {
    lines: Lines,
    pid: &'a str,
    n: usize,
}

impl Batch<'_> {
    fn push<P: Payload>(&mut self, occurred_at: &str, data: &P) {
        self.n += 1;
        let id = format!("{}-e{}", self.pid, self.n);
        self.lines.push(&id, occurred_at, data);
    }
}

/// Agreements proposed, endorsed, sometimes revised and endorsed again.
fn agreements(b: &mut Batch<'_>, rng: &mut Rng, members: &[String], count: usize) {
    let kinds = [
        AgreementKind::SharedGoal,
        AgreementKind::Principles,
        AgreementKind::TermsOfReference,
        AgreementKind::ActionPlan,
        AgreementKind::SuccessMeasures,
        AgreementKind::FollowUp,
    ];
    for a in 0..count {
        let agreement = format!("{}-a{a}", b.pid);
        let body = words(rng, 40);
        b.push(
            "2009-03-01",
            &AgreementProposed {
                agreement: slug(&agreement),
                partnership: slug(b.pid),
                kind: kinds[a % kinds.len()],
                title: name(&format!("Agreement {a} of {}", b.pid)),
                text: text(&body),
                proposed_by: slug(rng.pick(members).as_str()),
            },
        );
        for p in some(rng, members, 4) {
            b.push(
                "2009-03-02",
                &AgreementEndorsed {
                    agreement: slug(&agreement),
                    version: Ordinal(1),
                    by: slug(&p),
                    forum: Some(name("Partnership meeting")),
                    signature: None,
                },
            );
        }
        if rng.chance(0.4) {
            let body = words(rng, 50);
            b.push(
                "2009-04-01",
                &AgreementRevised {
                    agreement: slug(&agreement),
                    text: text(&body),
                    title: None,
                    reason: text("Comments from the retreat"),
                    revised_by: slug(rng.pick(members).as_str()),
                },
            );
            for p in some(rng, members, 4) {
                b.push(
                    "2009-04-02",
                    &AgreementEndorsed {
                        agreement: slug(&agreement),
                        version: Ordinal(2),
                        by: slug(&p),
                        forum: None,
                        signature: None,
                    },
                );
            }
        }
    }
}

/// Health checks with responses from members, then concluded.
fn reviews(b: &mut Batch<'_>, rng: &mut Rng, members: &[String], count: usize) {
    for r in 0..count {
        let review = format!("{}-r{r}", b.pid);
        b.push(
            "2009-05-01",
            &ReviewOpened {
                review: slug(&review),
                partnership: slug(b.pid),
                kind: ReviewKind::HealthCheck,
                framework: None,
                next_due: Some(day("2010-05-01")),
            },
        );
        for p in some(rng, members, 5) {
            let mut scores = BTreeMap::new();
            for c in CRITERIA {
                if rng.chance(0.8) {
                    scores.insert(slug(c), rng.range(1, 5) as i64);
                }
            }
            if scores.is_empty() {
                scores.insert(slug("engagement"), 3);
            }
            let comment = words(rng, 12);
            b.push(
                "2009-05-02",
                &ReviewResponse {
                    review: slug(&review),
                    respondent: slug(&p),
                    scores,
                    comment: Some(text(&comment)),
                },
            );
        }
        let summary = words(rng, 20);
        b.push(
            "2009-05-03",
            &ReviewConcluded {
                review: slug(&review),
                summary: text(&summary),
            },
        );
    }
}

/// Findings from interviews.
fn findings(b: &mut Batch<'_>, rng: &mut Rng, count: usize) {
    let swot = [
        Swot::Strength,
        Swot::Weakness,
        Swot::Opportunity,
        Swot::Threat,
    ];
    let themes = [
        Theme::InstitutionalArrangements,
        Theme::EnablingEnvironment,
        Theme::Roles,
        Theme::ParisPrinciples,
        Theme::Other,
    ];
    for f in 0..count {
        let (swot, theme) = (*rng.pick(&swot), *rng.pick(&themes));
        let body = words(rng, 25);
        b.push(
            "2009-05-04",
            &FindingRecorded {
                finding: slug(&format!("{}-f{f}", b.pid)),
                partnership: Some(slug(b.pid)),
                origin: FindingOrigin::Interview,
                swot,
                theme,
                text: text(&body),
                side: None,
                review: None,
            },
        );
    }
}

/// Commitments with a report or two.
fn commitments(
    b: &mut Batch<'_>,
    rng: &mut Rng,
    members: &[String],
    partners: &[String],
    count: usize,
) {
    let statuses = [
        ReportedStatus::OnSchedule,
        ReportedStatus::BehindSchedule,
        ReportedStatus::Completed,
        ReportedStatus::Dropped,
    ];
    for c in 0..count {
        let commitment = format!("{}-c{c}", b.pid);
        let body = words(rng, 15);
        b.push(
            "2009-05-05",
            &CommitmentMade {
                commitment: slug(&commitment),
                partnership: slug(b.pid),
                text: text(&body),
                owner: slug(rng.pick(partners).as_str()),
                due: day("2009-12-31"),
                origin: None,
            },
        );
        for _ in 0..rng.range(0, 2) {
            let status = statuses[rng.index(2)];
            b.push(
                "2009-06-01",
                &CommitmentReported {
                    commitment: slug(&commitment),
                    status,
                    reported_by: Some(slug(rng.pick(members).as_str())),
                    note: None,
                },
            );
        }
        if rng.chance(0.5) {
            b.push(
                "2009-06-02",
                &CommitmentReported {
                    commitment: slug(&commitment),
                    status: *rng.pick(&statuses[2..]),
                    reported_by: None,
                    note: None,
                },
            );
        }
    }
}

/// Between 1 and `max` distinct items of `from`, in random order.
pub fn some(rng: &mut Rng, from: &[String], max: usize) -> Vec<String> {
    let mut pool = from.to_vec();
    let k = rng.range(1, pool.len().min(max));
    (0..k).map(|_| pool.remove(rng.index(pool.len()))).collect()
}

/// `words` words of plausible text, with some non-ASCII and punctuation.
pub fn words(rng: &mut Rng, words: usize) -> String {
    const WORDS: [&str; 16] = [
        "partnership",
        "ministry",
        "co-creation",
        "review",
        "TWG",
        "principles",
        "engagement",
        "budget",
        "ក្រសួង",
        "indicators",
        "sector-wide",
        "\"quoted\"",
        "donor",
        "alignment",
        "2009",
        "follow-up",
    ];
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        let w = WORDS[rng.index(WORDS.len())];
        s.push_str(w);
    }
    s.push('.');
    s
}

/// A whole programme: the directory batch, then one batch per partnership.
pub fn programme(seed: u64, partnerships: usize, shape: Shape) -> (Directory, Vec<Vec<String>>) {
    let mut rng = Rng::new(seed);
    let dir = Directory::new(4, 3);
    let mut batches = vec![dir.events()];
    for p in 0..partnerships {
        batches.push(partnership(&mut rng, &dir, &format!("p{p}"), shape));
    }
    (dir, batches)
}

/// The event ids of a batch of lines.
pub fn ids(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("generated lines are JSON");
            v["id"]
                .as_str()
                .expect("generated events have ids")
                .to_owned()
        })
        .collect()
}
