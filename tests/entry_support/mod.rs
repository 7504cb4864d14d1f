//! What the data-entry tests share (`entry_cli.rs`, `import_cli.rs`): a log
//! in a temporary folder, the clock pinned, and helpers that check exit
//! codes and that a refused command left the file byte for byte unchanged.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The pinned clock: "today" is 2010-01-31.
pub const NOW: &str = "2010-01-31T12:00:00Z";

/// A small programme to build on: two government and development-partner
/// organisations and a civil-society one, a person of each, TWG Health with
/// the ministry as chair and WHO as lead facilitator, stage 1 running,
/// agreement pp-1 proposed, review r-1 open, commitment c-1 made.
pub const BASE: &str = r#"{"id":"b01","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"moh","name":"Ministry of Health","side":"government"}}
{"id":"b02","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"who","name":"World Health Organization","side":"development_partner"}}
{"id":"b03","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"ngo-forum","name":"NGO Forum","side":"civil_society"}}
{"id":"b04","type":"person.registered","occurred_at":"2009-06-01","data":{"person":"chair-health","name":"Dr Sok Chan","org":"moh"}}
{"id":"b05","type":"person.registered","occurred_at":"2009-06-01","data":{"person":"lf-health","name":"Dr Anna Berg","org":"who"}}
{"id":"b06","type":"person.registered","occurred_at":"2009-06-01","data":{"person":"ngo-rep","name":"Mr Vuthy Lim","org":"ngo-forum"}}
{"id":"b07","type":"partnership.established","occurred_at":"2009-06-01","data":{"partnership":"health","name":"TWG Health","host":"moh"}}
{"id":"b08","type":"partner.joined","occurred_at":"2009-06-01","data":{"partnership":"health","org":"moh","role":"chair"}}
{"id":"b09","type":"partner.joined","occurred_at":"2009-06-01","data":{"partnership":"health","org":"who","role":"lead_facilitator"}}
{"id":"b10","type":"stage.planned","occurred_at":"2009-05-01","data":{"stage":1,"name":"Research","starts_on":"2009-06-01","ends_on":"2009-08-31"}}
{"id":"b11","type":"stage.planned","occurred_at":"2009-05-01","data":{"stage":2,"name":"Strategic Meeting","starts_on":"2009-09-01","ends_on":"2009-09-30"}}
{"id":"b12","type":"stage.started","occurred_at":"2009-06-01","data":{"stage":1}}
{"id":"b13","type":"agreement.proposed","occurred_at":"2009-09-09","data":{"agreement":"pp-1","partnership":"health","kind":"principles","title":"Partnership principles","text":"We work as equals.","proposed_by":"chair-health"}}
{"id":"b14","type":"review.opened","occurred_at":"2009-10-01","data":{"review":"r-1","partnership":"health","kind":"health_check"}}
{"id":"b15","type":"commitment.made","occurred_at":"2009-10-02","data":{"commitment":"c-1","partnership":"health","text":"Publish the joint annual plan","owner":"moh","due":"2010-06-30"}}
"#;

pub struct Log {
    dir: tempfile::TempDir,
    pub db: PathBuf,
    now: &'static str,
}

impl Log {
    /// An empty log.
    pub fn new() -> Log {
        let log = Log::at(NOW);
        log.cmd(&["init"]).assert().success();
        log
    }

    fn at(now: &'static str) -> Log {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("accord.db");
        Log { dir, db, now }
    }

    /// The built-in Cambodia example (which ends on 2010-12-31), "today" being 2011-01-15.
    pub fn cambodia() -> Log {
        let log = Log::at("2011-01-15T12:00:00Z");
        log.cmd(&["init", "--example", "cambodia"])
            .assert()
            .success();
        log
    }

    /// A log holding [`BASE`].
    pub fn with_base() -> Log {
        let log = Log::new();
        log.cmd(&["append"]).write_stdin(BASE).assert().success();
        log
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A file in the log's folder, written with `content`.
    pub fn file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, content).unwrap();
        p
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("accord").unwrap();
        c.env("ACCORD_NOW", self.now)
            .env("ACCORD_DB", &self.db)
            .env("ACCORD_USER", "secretariat")
            .env_remove("NO_COLOR")
            .current_dir(self.dir.path());
        c.args(args);
        c
    }

    pub fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.db).unwrap()
    }

    /// Runs a command that must succeed; its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).assert().success();
        text(&out.get_output().stdout)
    }

    /// Runs a command that must be refused (exit 1) and leave the file
    /// byte for byte as it was; its stderr.
    pub fn rejected(&self, args: &[&str]) -> String {
        let before = self.bytes();
        let out = self.cmd(args).assert().code(1);
        assert_eq!(self.bytes(), before, "a refused command changed the log");
        assert!(out.get_output().stdout.is_empty(), "nothing on stdout");
        text(&out.get_output().stderr)
    }

    /// Runs a command with a usage error (exit 2); its stderr.
    pub fn usage(&self, args: &[&str]) -> String {
        let before = self.bytes();
        let out = self.cmd(args).assert().code(2);
        assert_eq!(self.bytes(), before, "a usage error changed the log");
        text(&out.get_output().stderr)
    }

    /// How many events the log holds.
    pub fn count(&self) -> usize {
        let out = self.cmd(&["log", "--json"]).assert().success();
        text(&out.get_output().stdout).lines().count()
    }
}

/// Output as text, with generated event ids (UUIDs) replaced by `<uuid>`.
pub fn text(b: &[u8]) -> String {
    redact_uuids(&String::from_utf8_lossy(b))
}

fn redact_uuids(s: &str) -> String {
    let is_uuid = |w: &[u8]| {
        w.len() == 36
            && w.iter().enumerate().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => *c == b'-',
                _ => c.is_ascii_hexdigit(),
            })
    };
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if i + 36 <= b.len() && is_uuid(&b[i..i + 36]) {
            out.push_str("<uuid>");
            i += 36;
        } else {
            let ch = s[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}
