//! The log the CLI tests run accord against: a temporary folder with an
//! `accord.db`, and commands with the clock pinned (`ACCORD_NOW`), the
//! operator set, and nothing from the machine's environment that would
//! change what accord prints (colour, terminal width, language).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The clock the example is recorded and read with.
pub const NOW: &str = "2010-12-31T12:00:00Z";

/// A log in a temporary folder, removed when dropped.
pub struct TestLog {
    dir: tempfile::TempDir,
    /// The log file.
    pub db: PathBuf,
    /// Who records (`ACCORD_USER`).
    user: &'static str,
}

impl TestLog {
    /// No log yet (the folder only), recorded by the secretariat.
    pub fn empty() -> TestLog {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("accord.db");
        TestLog {
            dir,
            db,
            user: "secretariat",
        }
    }

    /// A new, empty log (`accord init`).
    pub fn new() -> TestLog {
        let log = TestLog::empty();
        log.cmd(&["init"]).assert().success();
        log
    }

    /// The built-in example, recorded at `NOW`.
    pub fn example() -> TestLog {
        let log = TestLog::empty();
        log.cmd(&["init", "--example", "cambodia"])
            .assert()
            .success();
        log
    }

    /// The same log, with commands run as `user`.
    pub fn recorded_by(mut self, user: &'static str) -> TestLog {
        self.user = user;
        self
    }

    /// The folder the log is in (commands run there too).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// accord with `args`, at the clock `now`.
    pub fn at(&self, now: &str, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("accord").unwrap();
        c.env("ACCORD_NOW", now)
            .env("ACCORD_DB", &self.db)
            .env("ACCORD_USER", self.user)
            .env_remove("NO_COLOR")
            .env_remove("COLUMNS")
            .env_remove("ACCORD_LANG")
            .env("LANG", "C.UTF-8")
            .current_dir(self.dir.path());
        c.args(args);
        c
    }

    /// accord with `args`, at `NOW`.
    pub fn cmd(&self, args: &[&str]) -> Command {
        self.at(NOW, args)
    }

    /// stdout of a command that must succeed, run at `now`.
    pub fn run_at(&self, now: &str, args: &[&str]) -> String {
        let out = self.at(now, args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    /// stdout of a command that must succeed.
    pub fn run(&self, args: &[&str]) -> String {
        self.run_at(NOW, args)
    }

    /// The JSON a command prints (`--json` is added when `args` lack it).
    pub fn json(&self, args: &[&str]) -> Value {
        let mut args = args.to_vec();
        if !args.contains(&"--json") {
            args.push("--json");
        }
        serde_json::from_str(&self.run(&args)).unwrap()
    }

    /// `accord append` of `lines` on stdin, at `now`.
    pub fn append_at(&self, now: &str, lines: &str) -> assert_cmd::assert::Assert {
        self.at(now, &["append"])
            .write_stdin(lines.to_owned())
            .assert()
    }

    /// `accord append` of `lines` on stdin, at `NOW`.
    pub fn append(&self, lines: &str) -> assert_cmd::assert::Assert {
        self.append_at(NOW, lines)
    }
}
