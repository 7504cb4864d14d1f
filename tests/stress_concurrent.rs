//! Concurrent writers: several `accord append` processes write to one log at
//! once, round after round, while readers verify it. Some rounds race on the
//! same rule (two endorsements of one version by one person, two responses
//! by one respondent to one review, one event id sent by everybody, a batch
//! whose last event loses a race). Afterwards: every accepted event is
//! present exactly once, exactly one of each racing group won, a losing
//! batch left nothing behind, `seq` is gapless, `verify` passes, no process
//! failed with "database is locked" or "busy", and every rule still holds
//! (the whole log, re-appended in `seq` order to a fresh log, is accepted).

mod common;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Barrier, Mutex};
use std::time::Instant;

use accord_generate::Rng;
use accord_generate::batches::{self, Directory, Shape};
use common::*;
use serde_json::{Value, json};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Round {
    /// Everyone endorses `shared-a{r}` version 1 as `gov0-p0`, each with its own event id.
    Endorse,
    /// Everyone responds to `shared-r{r}` as `dp0-p0`, each with its own id and scores.
    Respond,
    /// Everyone sends the same event with the same id.
    SameId,
    /// Everyone appends its own partnership (about 40 events).
    Own,
    /// Everyone appends its own partnership plus, last, a racing endorsement.
    Mixed,
}

const PLAN: [Round; 5] = [
    Round::Endorse,
    Round::Respond,
    Round::SameId,
    Round::Own,
    Round::Mixed,
];

struct Outcome {
    writer: usize,
    round: usize,
    kind: Round,
    ids: Vec<String>,
    run: Run,
}

fn setup(dir: &Directory, rounds: usize) -> Vec<String> {
    let mut lines = dir.events();
    let mut ev = |id: String, kind: &str, data: Value| {
        lines.push(batches::event(&id, kind, "2009-02-01", data));
    };
    ev(
        "shared".into(),
        "partnership.established",
        json!({"partnership": "shared", "name": "Shared TWG"}),
    );
    for org in ["gov0", "dp0", "gov1", "dp1"] {
        ev(
            format!("shared-join-{org}"),
            "partner.joined",
            json!({"partnership": "shared", "org": org, "role": "member"}),
        );
    }
    for r in 0..rounds {
        ev(
            format!("shared-a{r}"),
            "agreement.proposed",
            json!({"agreement": format!("shared-a{r}"), "partnership": "shared", "kind": "principles",
                   "title": format!("Principles {r}"), "text": "We agree.", "proposed_by": "gov1-p0"}),
        );
        ev(
            format!("shared-r{r}"),
            "review.opened",
            json!({"review": format!("shared-r{r}"), "partnership": "shared", "kind": "health_check"}),
        );
    }
    lines
}

fn endorse(id: &str, r: usize) -> String {
    batches::event(
        id,
        "agreement.endorsed",
        "2009-03-01",
        json!({"agreement": format!("shared-a{r}"), "version": 1, "by": "gov0-p0"}),
    )
}

#[test]
fn concurrent_writers_lose_nothing_and_rules_hold() {
    let writers = size(8, 16);
    let rounds = size(20, 60);
    let seed = seed(0xC0C0);
    let dir = Directory::new(4, 3);
    let log = Log::init();
    let base = setup(&dir, rounds);
    log.append(&base);
    let base_count = base.len();

    let barrier = Arc::new(Barrier::new(writers + 1));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let outcomes = Arc::new(Mutex::new(Vec::<Outcome>::new()));
    let started = Instant::now();
    let mut handles = Vec::new();
    for w in 0..writers {
        let barrier = barrier.clone();
        let outcomes = outcomes.clone();
        let db = log.db.clone();
        let dir = dir.clone();
        let folder = log.dir.path().to_owned();
        handles.push(std::thread::spawn(move || {
            let mut rng = Rng::new(seed ^ (w as u64 * 0x9E37));
            for r in 0..rounds {
                let kind = PLAN[r % PLAN.len()];
                let lines: Vec<String> = match kind {
                    Round::Endorse => vec![endorse(&format!("w{w}-end-{r}"), r)],
                    Round::Respond => {
                        let score = 1 + (w % 5);
                        vec![batches::event(
                            &format!("w{w}-resp-{r}"),
                            "review.response",
                            "2009-03-01",
                            json!({"review": format!("shared-r{r}"), "respondent": "dp0-p0",
                                   "scores": {"engagement": score, "shared_goal": 6 - score}}),
                        )]
                    }
                    Round::SameId => vec![batches::event(
                        &format!("same-{r}"),
                        "finding.recorded",
                        "2009-03-01",
                        json!({"finding": format!("same-{r}"), "partnership": "shared", "origin": "meeting",
                               "swot": "opportunity", "theme": "roles", "text": "Everyone saw it."}),
                    )],
                    Round::Own => batches::partnership(&mut rng, &dir, &format!("w{w}-r{r}"), Shape::default()),
                    Round::Mixed => {
                        let mut l = batches::partnership(&mut rng, &dir, &format!("w{w}-r{r}"), Shape::default());
                        l.push(endorse(&format!("w{w}-mix-{r}"), r));
                        l
                    }
                };
                let ids = batches::ids(&lines);
                let file = folder.join(format!("w{w}-r{r}.jsonl"));
                write_lines(&file, &lines);
                barrier.wait(); // every writer starts the round together
                let run = run(&db, &["append", file.to_str().unwrap()]);
                outcomes.lock().unwrap().push(Outcome { writer: w, round: r, kind, ids, run });
            }
        }));
    }
    // Readers verify and read the log while it is written.
    let mut readers = Vec::new();
    let reads = Arc::new(Mutex::new((0usize, Vec::<String>::new())));
    for _ in 0..2 {
        let db = log.db.clone();
        let done = done.clone();
        let reads = reads.clone();
        readers.push(std::thread::spawn(move || {
            let mut i = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let args: &[&str] = if i % 2 == 0 {
                    &["--json", "verify"]
                } else {
                    &["--json", "log"]
                };
                let r = run(&db, args);
                let mut g = reads.lock().unwrap();
                g.0 += 1;
                if r.code != Some(0) {
                    g.1.push(format!("{args:?}: exit {:?}: {}", r.code, r.stderr));
                }
                i += 1;
            }
        }));
    }
    for _ in 0..rounds {
        barrier.wait();
    }
    for h in handles {
        h.join().unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    for h in readers {
        h.join().unwrap();
    }
    let elapsed = started.elapsed();
    let (reads, read_failures) = std::mem::take(&mut *reads.lock().unwrap());
    assert!(
        read_failures.is_empty(),
        "readers failed: {read_failures:#?}"
    );

    let outcomes = std::mem::take(&mut *outcomes.lock().unwrap());
    let rows = rows(&log.db);
    assert_gapless_unique(&rows);
    let present: HashSet<&str> = rows.iter().map(|(_, id)| id.as_str()).collect();
    let mut winners: HashMap<usize, Vec<usize>> = HashMap::new();
    let (mut accepted, mut rejected, mut skipped_total) = (0usize, 0usize, 0usize);
    let mut appended_total = 0usize;
    for o in &outcomes {
        let r = &o.run;
        assert!(
            !r.stderr.contains("locked") && !r.stderr.contains("busy"),
            "writer {} round {}: {}",
            o.writer,
            o.round,
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        match r.code {
            Some(0) => {
                accepted += 1;
                let (a, s) = parse_counts(&r.stdout);
                appended_total += a;
                skipped_total += s;
                for id in &o.ids {
                    assert!(
                        present.contains(id.as_str()),
                        "accepted event {id} is missing"
                    );
                }
                if a > 0 && o.kind != Round::Own {
                    winners.entry(o.round).or_default().push(o.writer);
                }
                if o.kind == Round::SameId && s == 1 {
                    // a skip is the idempotent outcome of losing the race
                } else {
                    assert_eq!(
                        a,
                        o.ids.len(),
                        "writer {} round {}: {}",
                        o.writer,
                        o.round,
                        r.stdout
                    );
                }
            }
            Some(1) => {
                rejected += 1;
                let rule = match o.kind {
                    Round::Endorse | Round::Mixed => "endorse-once",
                    Round::Respond => "respond-once",
                    k => panic!(
                        "writer {} round {} ({k:?}) rejected: {}",
                        o.writer, o.round, r.stderr
                    ),
                };
                assert!(
                    r.stderr.contains(rule),
                    "writer {} round {}: {}",
                    o.writer,
                    o.round,
                    r.stderr
                );
                assert!(
                    r.stderr.contains("line "),
                    "the error names no line: {}",
                    r.stderr
                );
                for id in &o.ids {
                    assert!(
                        !present.contains(id.as_str()),
                        "event {id} of a rejected batch is present"
                    );
                }
            }
            other => panic!(
                "writer {} round {}: exit {other:?}: {}",
                o.writer, o.round, r.stderr
            ),
        }
    }
    // Exactly one winner per racing round.
    for r in 0..rounds {
        if PLAN[r % PLAN.len()] != Round::Own {
            let w = winners.get(&r).map(Vec::len).unwrap_or(0);
            assert_eq!(
                w,
                1,
                "round {r} ({:?}) has {w} winners",
                PLAN[r % PLAN.len()]
            );
        }
    }
    assert_eq!(
        rows.len(),
        base_count + appended_total,
        "events appended != events reported"
    );
    let (code, v) = log.verify(None);
    assert_eq!(code, 0, "{v}");

    // Every rule still holds: the log, re-appended in seq order as one
    // batch to a fresh log, is accepted whole.
    let replay = Log::init();
    let envelopes = run(&log.db, &["--json", "log"]).expect(0).stdout;
    let lines: Vec<String> = envelopes
        .lines()
        .map(|l| {
            let e: Value = serde_json::from_str(l).unwrap();
            json!({"id": e["id"], "type": e["type"], "occurred_at": e["occurred_at"],
                   "recorded_by": e["recorded_by"], "source": e["source"], "data": e["data"]})
            .to_string()
        })
        .collect();
    let r = replay.append(&lines);
    assert_eq!(
        r.stdout.trim(),
        format!("appended {}, skipped 0", rows.len())
    );

    report(
        "concurrent",
        &format!(
            "seed {seed}; {writers} writer processes x {rounds} rounds = {} appends, all started together each round, \
             with 2 readers running verify/log throughout ({reads} reads, 0 failed) in {elapsed:?}\n\
             {accepted} appends accepted, {rejected} rejected by the rule they raced on (endorse-once / respond-once), \
             0 \"database is locked\" or busy; {appended_total} events appended + {skipped_total} skipped as idempotent repeats; \
             log: {} events, gapless, verify ok; exactly 1 winner in each of {} racing rounds; \
             replaying the whole log into a fresh one is accepted (every rule holds)",
            outcomes.len(),
            rows.len(),
            (0..rounds)
                .filter(|r| PLAN[r % PLAN.len()] != Round::Own)
                .count(),
        ),
    );
}

fn parse_counts(stdout: &str) -> (usize, usize) {
    // "appended N, skipped M"
    let t = stdout.trim();
    let nums: Vec<usize> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    assert!(
        t.starts_with("appended") && nums.len() == 2,
        "unexpected output {t:?}"
    );
    (nums[0], nums[1])
}
