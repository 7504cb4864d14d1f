//! Event batches for the test harnesses (JSON Lines): a small, fixed-shape
//! partnership programme, where [`crate::Generator`] simulates a whole one.
//! A directory of organisations and people, then partnerships with partners,
//! agreements (proposed, endorsed, revised), reviews with responses,
//! findings and commitments with reports. Every batch passes the rules of
//! docs/rules.md when appended in order; every event has an id, so a batch can be
//! appended again (skipped, not duplicated).

use serde_json::{Value, json};

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
        let mut out = Vec::new();
        let mut line = |id: String, kind: &str, data: Value| {
            out.push(event(&id, kind, "2009-01-05", data));
        };
        line(
            "dir-programme".into(),
            "programme.defined",
            json!({"name": "Making Partnerships Effective", "objective": "Stronger partnerships in every TWG"}),
        );
        line(
            "dir-stage-1".into(),
            "stage.planned",
            json!({"stage": 1, "name": "Interviews", "starts_on": "2009-01-05", "ends_on": "2009-06-30"}),
        );
        line(
            "dir-stage-1-started".into(),
            "stage.started",
            json!({"stage": 1}),
        );
        for o in &self.gov {
            line(
                format!("dir-{o}"),
                "organisation.registered",
                json!({"org": o, "name": format!("Ministry {o}"), "side": "government"}),
            );
        }
        for o in &self.dp {
            line(
                format!("dir-{o}"),
                "organisation.registered",
                json!({"org": o, "name": format!("Agency {o}"), "side": "development_partner"}),
            );
        }
        for (p, o) in &self.people {
            line(
                format!("dir-{p}"),
                "person.registered",
                json!({"person": p, "name": format!("Person {p}"), "org": o, "title": "Officer"}),
            );
        }
        out
    }
}

/// One event as a JSON line (no `recorded_by`: the operator comes from `--as`).
pub fn event(id: &str, kind: &str, occurred_at: &str, data: Value) -> String {
    json!({"id": id, "type": kind, "occurred_at": occurred_at, "data": data}).to_string()
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
    let mut out = Vec::new();
    let mut n = 0usize;
    let mut push = |kind: &str, day: &str, data: Value| {
        n += 1;
        out.push(event(&format!("{pid}-e{n}"), kind, day, data));
    };
    let gov = [rng.pick(&dir.gov).clone(), rng.pick(&dir.gov).clone()];
    let dp = [rng.pick(&dir.dp).clone(), rng.pick(&dir.dp).clone()];
    let mut partners: Vec<String> = gov.iter().chain(&dp).cloned().collect();
    partners.sort();
    partners.dedup();
    push(
        "partnership.established",
        "2009-02-01",
        json!({"partnership": pid, "name": format!("TWG {pid}"), "host": gov[0]}),
    );
    let roles = ["chair", "lead_facilitator", "co_facilitator", "member"];
    for (i, org) in partners.iter().enumerate() {
        push(
            "partner.joined",
            "2009-02-02",
            json!({"partnership": pid, "org": org, "role": roles[i.min(3)]}),
        );
    }
    let members: Vec<String> = partners.iter().flat_map(|o| dir.people_of(o)).collect();
    let kinds = [
        "shared_goal",
        "principles",
        "terms_of_reference",
        "action_plan",
        "success_measures",
        "follow_up",
    ];
    for a in 0..shape.agreements {
        let agreement = format!("{pid}-a{a}");
        push(
            "agreement.proposed",
            "2009-03-01",
            json!({
                "agreement": agreement, "partnership": pid, "kind": kinds[a % kinds.len()],
                "title": format!("Agreement {a} of {pid}"),
                "text": text(rng, 40),
                "proposed_by": rng.pick(&members),
            }),
        );
        for p in some(rng, &members, 4) {
            push(
                "agreement.endorsed",
                "2009-03-02",
                json!({"agreement": agreement, "version": 1, "by": p, "forum": "Partnership meeting"}),
            );
        }
        if rng.chance(0.4) {
            push(
                "agreement.revised",
                "2009-04-01",
                json!({"agreement": agreement, "text": text(rng, 50), "reason": "Comments from the retreat", "revised_by": rng.pick(&members)}),
            );
            for p in some(rng, &members, 4) {
                push(
                    "agreement.endorsed",
                    "2009-04-02",
                    json!({"agreement": agreement, "version": 2, "by": p}),
                );
            }
        }
    }
    for r in 0..shape.reviews {
        let review = format!("{pid}-r{r}");
        push(
            "review.opened",
            "2009-05-01",
            json!({"review": review, "partnership": pid, "kind": "health_check", "next_due": "2010-05-01"}),
        );
        for p in some(rng, &members, 5) {
            let mut scores = serde_json::Map::new();
            for c in CRITERIA {
                if rng.chance(0.8) {
                    scores.insert(c.into(), json!(rng.range(1, 5)));
                }
            }
            if scores.is_empty() {
                scores.insert("engagement".into(), json!(3));
            }
            push(
                "review.response",
                "2009-05-02",
                json!({"review": review, "respondent": p, "scores": scores, "comment": text(rng, 12)}),
            );
        }
        push(
            "review.concluded",
            "2009-05-03",
            json!({"review": review, "summary": text(rng, 20)}),
        );
    }
    let swot = ["strength", "weakness", "opportunity", "threat"];
    let themes = [
        "institutional_arrangements",
        "enabling_environment",
        "roles",
        "paris_principles",
        "other",
    ];
    for f in 0..shape.findings {
        push(
            "finding.recorded",
            "2009-05-04",
            json!({"finding": format!("{pid}-f{f}"), "partnership": pid, "origin": "interview",
                   "swot": rng.pick(&swot), "theme": rng.pick(&themes), "text": text(rng, 25)}),
        );
    }
    let statuses = ["on_schedule", "behind_schedule", "completed", "dropped"];
    for c in 0..shape.commitments {
        let commitment = format!("{pid}-c{c}");
        push(
            "commitment.made",
            "2009-05-05",
            json!({"commitment": commitment, "partnership": pid, "text": text(rng, 15),
                   "owner": rng.pick(&partners), "due": "2009-12-31"}),
        );
        for _ in 0..rng.range(0, 2) {
            push(
                "commitment.reported",
                "2009-06-01",
                json!({"commitment": commitment, "status": statuses[rng.index(2)], "reported_by": rng.pick(&members)}),
            );
        }
        if rng.chance(0.5) {
            push(
                "commitment.reported",
                "2009-06-02",
                json!({"commitment": commitment, "status": rng.pick(&statuses[2..])}),
            );
        }
    }
    out
}

/// Between 1 and `max` distinct items of `from`, in random order.
pub fn some(rng: &mut Rng, from: &[String], max: usize) -> Vec<String> {
    let mut pool = from.to_vec();
    let k = rng.range(1, pool.len().min(max));
    (0..k).map(|_| pool.remove(rng.index(pool.len()))).collect()
}

/// `words` words of plausible text, with some non-ASCII and punctuation.
pub fn text(rng: &mut Rng, words: usize) -> String {
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
