//! Crash safety: `accord append` on a large batch is killed with SIGKILL at
//! seeded random moments across the batch's life. After every kill the
//! batch is wholly present or wholly absent, every batch the binary
//! reported as committed is present, `verify` passes, `seq` is gapless, and
//! re-running the append finishes with exactly the expected events and no
//! duplicates.
//!
//! What this proves and what it does not: a killed *process* (SIGKILL at any
//! instruction: while parsing, while inserting, during COMMIT, during the
//! WAL checkpoint on close) loses no acknowledged batch and leaves no partial
//! one. A power cut or kernel crash is not simulated: the page cache survives
//! a killed process, so this harness cannot tell a synced commit from an
//! unsynced one. Durability across a power cut rests on SQLite's WAL with
//! `synchronous=FULL` (the WAL is fsynced at every commit, before accord
//! prints `appended N`), which the store sets on every read-write open and
//! `tests/stress_crash.rs::synchronous_is_full` checks.

mod common;

use std::collections::HashSet;
use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;
use std::time::{Duration, Instant};

use accord_generate::Rng;
use accord_generate::batches::{self, Directory, Shape};
use common::*;

/// Trials that share one log before it is rebuilt from the baseline (so
/// later trials recover a log that already survived earlier kills).
const TRIALS_PER_EPISODE: usize = 5;

#[derive(Default, Debug)]
struct Outcomes {
    absent: usize,
    present_unreported: usize,
    reported: usize,
    rerun_appended: usize,
    rerun_skipped: usize,
}

#[test]
fn sigkill_at_random_moments_never_leaves_a_partial_or_lost_batch() {
    let trials = size(60, 400);
    let partnerships = size(50, 500); // about 40 events each
    let seed = seed(0xC0FFEE);
    let mut rng = Rng::new(seed);
    let dir = Directory::new(4, 3);

    let baseline = Log::init();
    baseline.append(&dir.events());
    checkpoint(&baseline.db);

    let mut outcomes = Outcomes::default();
    let mut log: Option<Log> = None;
    let mut expected: Vec<String> = Vec::new();
    let mut last_duration = Duration::ZERO;
    let mut fractions = Vec::new();
    let mut batch_events = 0usize;
    for trial in 0..trials {
        if trial % TRIALS_PER_EPISODE == 0 {
            let fresh = tempfile::tempdir().unwrap();
            std::fs::copy(&baseline.db, fresh.path().join("accord.db")).unwrap();
            let db = fresh.path().join("accord.db");
            log = Some(Log { dir: fresh, db });
            expected = rows(&baseline.db).into_iter().map(|(_, id)| id).collect();
        }
        let log = log.as_ref().unwrap();
        let mut batch = Vec::new();
        for p in 0..partnerships {
            batch.extend(batches::partnership(
                &mut rng,
                &dir,
                &format!("t{trial}-p{p}"),
                Shape::default(),
            ));
        }
        batch_events = batch.len();
        let file = log.path(&format!("batch-{trial}.jsonl"));
        write_lines(&file, &batch);
        let batch_ids: HashSet<String> = batches::ids(&batch).into_iter().collect();

        // Trial 0 calibrates: it runs to the end. The others are killed at a
        // moment drawn uniformly over 115% of the last full run, so some
        // land before the process starts work, some while it inserts, some
        // around the commit and some after it has exited.
        let kill_after = if trial == 0 {
            None
        } else {
            let f = rng.unit() * 1.15;
            fractions.push(f);
            Some(last_duration.mul_f64(f))
        };
        let started = Instant::now();
        let mut child = accord(&log.db)
            .arg("append")
            .arg(&file)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(d) = kill_after {
            std::thread::sleep(d);
            let _ = child.kill(); // SIGKILL; fails only if it already exited
        }
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let killed = out.status.signal() == Some(9);
        if !killed {
            assert_eq!(out.status.code(), Some(0), "trial {trial}: {stderr}");
            last_duration = started.elapsed();
        }
        let reported = stdout.contains(&format!("appended {}, skipped 0", batch.len()));
        assert!(
            killed || reported,
            "trial {trial}: exited without a report: {stdout} {stderr}"
        );

        // All or nothing.
        let now = rows(&log.db);
        assert_gapless_unique(&now);
        let present = now.iter().filter(|(_, id)| batch_ids.contains(id)).count();
        assert!(
            present == 0 || present == batch.len(),
            "trial {trial}: {present} of {} events of the batch are present (seed {seed})",
            batch.len()
        );
        if reported {
            assert_eq!(
                present,
                batch.len(),
                "trial {trial}: a reported batch is missing"
            );
            outcomes.reported += 1;
        } else if present == 0 {
            outcomes.absent += 1;
        } else {
            outcomes.present_unreported += 1;
        }
        // Every batch committed in earlier trials of this episode is still there.
        let ids_now: Vec<String> = now.iter().map(|(_, id)| id.clone()).collect();
        assert_eq!(
            &ids_now[..expected.len()],
            &expected[..],
            "trial {trial}: an earlier batch changed"
        );
        let (code, v) = log.verify(None);
        assert_eq!(code, 0, "trial {trial}: verify after the kill: {v}");
        assert_eq!(v["events"].as_u64(), Some(now.len() as u64));

        // Re-running the append completes it, with no duplicate. A re-run
        // that appends the whole batch also times a full run for the next kill.
        let started = Instant::now();
        let rerun = run(&log.db, &["append", file.to_str().unwrap()]).expect(0);
        if present == 0 {
            last_duration = started.elapsed();
        }
        let want = if present == 0 {
            outcomes.rerun_appended += 1;
            format!("appended {}, skipped 0", batch.len())
        } else {
            outcomes.rerun_skipped += 1;
            format!("appended 0, skipped {}", batch.len())
        };
        assert_eq!(rerun.stdout.trim(), want, "trial {trial}");
        expected.extend(batches::ids(&batch));
        let after = rows(&log.db);
        assert_gapless_unique(&after);
        let ids_after: Vec<String> = after.into_iter().map(|(_, id)| id).collect();
        assert_eq!(
            ids_after, expected,
            "trial {trial}: the log is not exactly the batches appended"
        );
        let (code, v) = log.verify(None);
        assert_eq!(code, 0, "trial {trial}: verify after the re-run: {v}");
        let _ = std::fs::remove_file(&file);
    }

    fractions.sort_by(f64::total_cmp);
    let q = |p: f64| fractions[((fractions.len() - 1) as f64 * p) as usize];
    report(
        "crash",
        &format!(
            "seed {seed}; {trials} trials of `accord append` on a batch of {batch_events} events, \
             SIGKILL at a random moment (fraction of a full run: min {:.2}, median {:.2}, max {:.2}; \
             a full run took {:?} at the end)\n\
             outcomes: {} killed before commit (batch absent), {} killed after commit before reporting \
             (batch present), {} finished and reported (batch present); 0 partial batches, 0 lost, 0 duplicated\n\
             re-runs: {} appended the whole batch, {} skipped the whole batch; verify passed {} times",
            q(0.0),
            q(0.5),
            q(1.0),
            last_duration,
            outcomes.absent,
            outcomes.present_unreported,
            outcomes.reported,
            outcomes.rerun_appended,
            outcomes.rerun_skipped,
            trials * 2,
        ),
    );
    assert_eq!(
        outcomes.absent + outcomes.present_unreported + outcomes.reported,
        trials
    );
    assert!(
        outcomes.absent > 0 && outcomes.reported > 0,
        "the kill moments did not span the batch's life: {outcomes:?}"
    );
}

// That every read-write open puts the log in WAL mode with
// `synchronous=FULL`, which the power-cut argument rests on, is checked
// beside the backend (`events/src/store/sqlite.rs`, `synchronous_is_full`),
// where the connection is reachable.
