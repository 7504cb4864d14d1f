//! Shared helpers for the stress harnesses (`tests/stress_*.rs`): running the
//! built `accord` binary against a log in a temporary folder, reading the
//! log behind its back with rusqlite, and the figures each harness reports.
//! The seeded batches of valid events come from `accord_generate::batches`.
#![allow(dead_code)]

pub mod mount;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The clock every harness pins (`ACCORD_NOW`), so runs are repeatable.
pub const NOW: &str = "2010-06-01T00:00:00Z";

/// True for the full-size run (`ACCORD_STRESS_FULL=1`, see `scripts/stress.sh`).
pub fn full() -> bool {
    std::env::var("ACCORD_STRESS_FULL").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// `ci` in `cargo test`, `full` in the full-size run; `ACCORD_STRESS_SCALE`
/// multiplies the CI size when set (for a quick look at a bigger run).
pub fn size(ci: usize, full_size: usize) -> usize {
    if full() {
        return full_size;
    }
    match std::env::var("ACCORD_STRESS_SCALE")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
    {
        Some(k) if k > 0 => ci * k,
        _ => ci,
    }
}

/// The base seed: `ACCORD_STRESS_SEED` or a fixed default, so a failure can be replayed.
pub fn seed(default: u64) -> u64 {
    std::env::var("ACCORD_STRESS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// The built binary.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_accord")
}

/// A command running `accord` with the pinned clock and an operator.
pub fn accord(db: &Path) -> Command {
    let mut c = Command::new(bin());
    c.env_remove("ACCORD_DB")
        .env("ACCORD_NOW", NOW)
        .env("ACCORD_USER", "stress")
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(db);
    c
}

/// A finished run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn from_output(o: Output) -> Run {
        Run {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    /// Panics (with the output) unless the exit code is `code`.
    #[track_caller]
    pub fn expect(self, code: i32) -> Run {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit {code}\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        self.no_panic()
    }

    /// Panics if the process panicked or was killed by a signal.
    #[track_caller]
    pub fn no_panic(self) -> Run {
        assert!(
            !self.stderr.contains("panicked at") && !self.stderr.contains("RUST_BACKTRACE"),
            "accord panicked:\n{}",
            self.stderr
        );
        assert!(
            self.code.is_some(),
            "accord died from a signal:\n{}",
            self.stderr
        );
        self
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", self.stdout, self.stderr))
    }
}

/// Runs `accord --db DB ARGS...`.
pub fn run(db: &Path, args: &[&str]) -> Run {
    Run::from_output(accord(db).args(args).output().expect("run accord"))
}

/// Runs `accord --db DB ARGS...` with `input` on stdin.
pub fn run_stdin(db: &Path, args: &[&str], input: &[u8]) -> Run {
    let mut child = accord(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn accord");
    let mut stdin = child.stdin.take().expect("stdin");
    // The process may stop reading early (a rejected line); a broken pipe is fine.
    let _ = stdin.write_all(input);
    drop(stdin);
    Run::from_output(child.wait_with_output().expect("wait for accord"))
}

/// Writes lines as a JSON Lines file.
pub fn write_lines(path: &Path, lines: &[String]) {
    let mut s = lines.join("\n");
    s.push('\n');
    std::fs::write(path, s).expect("write batch");
}

/// A log in its own temporary folder.
pub struct Log {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Log {
    /// A new, empty log (`accord init`).
    pub fn init() -> Log {
        let dir = tempfile::tempdir().expect("tempdir");
        Log::init_in(dir)
    }

    /// A new log in the given folder.
    pub fn init_in(dir: tempfile::TempDir) -> Log {
        let db = dir.path().join("accord.db");
        run(&db, &["init"]).expect(0);
        Log { dir, db }
    }

    /// A path inside the log's folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Appends `lines` as one batch through the binary, expecting success.
    #[track_caller]
    pub fn append(&self, lines: &[String]) -> Run {
        let f = self.path("batch.jsonl");
        write_lines(&f, lines);
        run(&self.db, &["append", f.to_str().unwrap()]).expect(0)
    }

    /// `verify --json` (optionally against a head): (exit code, report).
    pub fn verify(&self, head: Option<&str>) -> (i32, Value) {
        verify_at(&self.db, head)
    }

    /// `accord head` as `SEQ:HASH`.
    pub fn head(&self) -> String {
        head_of(&self.db)
    }

    /// Every event row, as `(seq, id)`, read with rusqlite.
    pub fn rows(&self) -> Vec<(i64, String)> {
        rows(&self.db)
    }
}

/// `verify --json` on a log: (exit code, report).
pub fn verify_at(db: &Path, head: Option<&str>) -> (i32, Value) {
    let mut args = vec!["--json", "verify"];
    if let Some(h) = head {
        args.extend(["--head", h]);
    }
    let r = run(db, &args).no_panic();
    let code = r.code.unwrap_or(-1);
    assert!(
        code == 0 || code == 3,
        "verify exited {code}:\n{}\n{}",
        r.stdout,
        r.stderr
    );
    (code, r.json())
}

/// `accord head` of a log, as `SEQ:HASH`.
pub fn head_of(db: &Path) -> String {
    let r = run(db, &["head"]).expect(0);
    r.stdout.trim().replacen(' ', ":", 1)
}

/// Opens the log's file directly (read-write, no accord in between).
pub fn sqlite(db: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(db).expect("open with rusqlite");
    c.busy_timeout(std::time::Duration::from_secs(30)).unwrap();
    c
}

/// `(seq, id)` of every row, in seq order.
pub fn rows(db: &Path) -> Vec<(i64, String)> {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open read-only");
    c.busy_timeout(std::time::Duration::from_secs(30)).unwrap();
    let mut st = c
        .prepare("SELECT seq, id FROM events ORDER BY seq")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Checkpoints the WAL into the main file and empties it, so that the file
/// alone holds the log (for byte comparisons and raw edits).
pub fn checkpoint(db: &Path) {
    let c = sqlite(db);
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
}

/// Asserts that seq runs 1..=n without a gap and every id appears once.
#[track_caller]
pub fn assert_gapless_unique(rows: &[(i64, String)]) {
    for (i, (seq, _)) in rows.iter().enumerate() {
        assert_eq!(*seq, i as i64 + 1, "seq is not gapless");
    }
    let mut ids: Vec<&String> = rows.iter().map(|(_, id)| id).collect();
    ids.sort();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len(), "an id appears twice");
}

/// Records a harness's figures: printed (visible with `--nocapture`) and
/// written to `target/stress-report/NAME.txt` for `scripts/stress.sh`.
pub fn report(name: &str, text: &str) {
    let mode = if full() { "full" } else { "ci" };
    let body = format!("== {name} ({mode} size)\n{text}\n");
    eprintln!("{body}");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map(|p| p.join("stress-report"))
        .unwrap_or_else(|| PathBuf::from("stress-report"));
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(format!("{name}.txt")), body);
}
