//! Helpers for the storage contract suite (`tests/contract.rs`): a fresh
//! log on either backend, the binary pointed at it, and a look behind its
//! back (tampering) for the integrity cases.
//!
//! PostgreSQL: `ACCORD_TEST_PG` names a database whose role may create
//! schemas (`scripts/pg.sh start` prints it). Each log lives in a schema of
//! its own (`search_path` set through the URL's `options`), dropped after
//! the case. When the variable is unset the PostgreSQL cases pass with a
//! visible "skipped" line, except in CI (`CI=true`), where they fail.
#![allow(dead_code)]

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use accord_events::store::{Access, Location, Store};
use accord_events::{Clock, StoredEvent};
use assert_cmd::Command;

/// The clock every case pins.
pub const NOW: &str = "2010-12-31T12:00:00Z";

/// Which database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// A fresh, empty place for a log (not yet created: `init` or `restore` it).
pub struct Db {
    pub kind: Kind,
    /// The `--db` value.
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg: Option<PgSchema>,
}

struct PgSchema {
    admin: String,
    schema: String,
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

/// The PostgreSQL database for tests, or `None` (after saying so) when it
/// is not configured outside CI. In CI a missing one is a failure.
pub fn test_pg() -> Option<String> {
    match std::env::var("ACCORD_TEST_PG") {
        Ok(u) if !u.trim().is_empty() => Some(u),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
                panic!(
                    "ACCORD_TEST_PG is not set, but CI=true: the PostgreSQL contract cases must run in CI \
                     (`eval \"$(scripts/pg.sh start)\"` starts a cluster and sets it)"
                );
            }
            static SAID: Once = Once::new();
            SAID.call_once(|| {
                // Straight to stderr, past the test harness's capture, so it is seen.
                let _ = writeln!(
                    std::io::stderr(),
                    "\n*** skipped: set ACCORD_TEST_PG to run the PostgreSQL contract cases \
                     (eval \"$(scripts/pg.sh start)\") ***\n"
                );
            });
            None
        }
    }
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// `url` with `key=value` added to its query.
pub fn with_param(url: &str, param: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}{param}")
}

impl Db {
    /// A fresh place on `kind`; `None` when PostgreSQL is not configured.
    pub fn fresh(kind: Kind) -> Option<Db> {
        match kind {
            Kind::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let url = dir.path().join("accord.db").to_str().unwrap().to_owned();
                Some(Db {
                    kind,
                    url,
                    _dir: Some(dir),
                    pg: None,
                })
            }
            Kind::Postgres => {
                let admin = test_pg()?;
                let schema = format!(
                    "contract_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::SeqCst)
                );
                let mut c = postgres::Client::connect(&admin, postgres::NoTls)
                    .unwrap_or_else(|e| panic!("cannot connect to ACCORD_TEST_PG: {e}"));
                c.batch_execute(&format!(
                    "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
                ))
                .unwrap();
                let url = with_param(&admin, &format!("options=-csearch_path%3D{schema}"));
                Some(Db {
                    kind,
                    url,
                    _dir: None,
                    pg: Some(PgSchema { admin, schema }),
                })
            }
        }
    }

    /// A fresh, initialised log.
    pub fn init(kind: Kind) -> Option<Db> {
        let db = Db::fresh(kind)?;
        db.cmd(&["init"]).assert().success();
        Some(db)
    }

    /// How often the processes save the rule state. On PostgreSQL after
    /// every batch, so that each case there also runs every process from the
    /// state the previous one saved (and the application role's grants on
    /// the checkpoint are exercised); on SQLite the default, which the small
    /// logs here never reach, so both paths run the same cases.
    fn checkpoint_every(&self) -> &'static str {
        match self.kind {
            Kind::Postgres => "1",
            Kind::Sqlite => "20000",
        }
    }

    /// The head the saved rule state was folded to, if one is saved.
    pub fn checkpoint_head(&self) -> Option<u64> {
        match &self.pg {
            None => {
                let c = rusqlite::Connection::open(&self.url).unwrap();
                c.query_row(
                    "SELECT head_seq FROM accord_checkpoint WHERE name = 'rules'",
                    [],
                    |r| r.get::<_, i64>(0),
                )
                .ok()
                .map(|n| n as u64)
            }
            Some(pg) => {
                let mut c = postgres::Client::connect(&pg.admin, postgres::NoTls).unwrap();
                c.query_opt(
                    &format!(
                        "SELECT head_seq FROM {}.accord_checkpoint WHERE name = 'rules'",
                        pg.schema
                    ),
                    &[],
                )
                .ok()
                .flatten()
                .map(|r| r.get::<_, i64>(0) as u64)
            }
        }
    }

    /// The PostgreSQL schema holding this log.
    pub fn schema(&self) -> Option<&str> {
        self.pg.as_ref().map(|p| p.schema.as_str())
    }

    /// The binary, with the pinned clock, an operator and this log (in
    /// ACCORD_DB, so a password stays off the command line).
    pub fn cmd(&self, args: &[&str]) -> Command {
        self.cmd_at(NOW, args)
    }

    /// The binary with the clock at `now`.
    pub fn cmd_at(&self, now: &str, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("accord").unwrap();
        c.env("ACCORD_NOW", now)
            .env("ACCORD_DB", &self.url)
            .env("ACCORD_USER", "secretariat")
            .env("NO_COLOR", "1")
            .env("ACCORD_CHECKPOINT_EVERY", self.checkpoint_every())
            .env_remove("PGPASSWORD");
        c.args(args);
        c
    }

    /// A plain `std::process::Command` (for running many at once).
    pub fn process(&self, args: &[&str]) -> std::process::Command {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_accord"));
        c.env("ACCORD_NOW", NOW)
            .env("ACCORD_DB", &self.url)
            .env("ACCORD_USER", "secretariat")
            .env("NO_COLOR", "1")
            .env("ACCORD_CHECKPOINT_EVERY", self.checkpoint_every())
            .args(args);
        c
    }

    /// Appends JSON Lines at the pinned clock; the assertion to check.
    pub fn append(&self, lines: &str) -> assert_cmd::assert::Assert {
        self.cmd(&["append"]).write_stdin(lines.to_owned()).assert()
    }

    /// Appends JSON Lines with the clock at `now`; must succeed.
    pub fn append_ok_at(&self, now: &str, lines: &str) -> String {
        let out = self
            .cmd_at(now, &["append"])
            .write_stdin(lines.to_owned())
            .assert()
            .success();
        text(&out.get_output().stdout)
    }

    /// stdout of a command that must succeed.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).assert().success();
        text(&out.get_output().stdout)
    }

    /// stderr of a command that must exit with `code`.
    pub fn fails(&self, code: i32, args: &[&str]) -> String {
        let out = self.cmd(args).assert().code(code);
        text(&out.get_output().stderr)
    }

    /// `accord export` (JSON Lines).
    pub fn export(&self) -> String {
        self.ok(&["export"])
    }

    /// The stored events, read back through an export.
    pub fn events(&self) -> Vec<StoredEvent> {
        self.export()
            .lines()
            .map(|l| StoredEvent::from_json_line(l).unwrap())
            .collect()
    }

    /// The store, opened through the library.
    pub fn store(&self, access: Access) -> Store {
        Store::open_at(
            &Location::parse(&self.url),
            access,
            Clock::Fixed("2010-12-31T12:00:00Z".parse().unwrap()),
        )
        .unwrap()
    }

    /// Runs SQL on the log behind accord's back (as the database's owner;
    /// for SQLite on the file).
    pub fn sql(&self, sqlite: &str, postgres: &str) -> Result<(), String> {
        match &self.pg {
            None => {
                let c = rusqlite::Connection::open(&self.url).unwrap();
                c.execute_batch(sqlite).map_err(|e| e.to_string())
            }
            Some(pg) => {
                let mut c = postgres::Client::connect(&pg.admin, postgres::NoTls).unwrap();
                c.batch_execute(&format!("SET search_path = {}; {postgres}", pg.schema))
                    .map_err(|e| {
                        e.as_db_error()
                            .map_or_else(|| e.to_string(), |d| d.message().to_owned())
                    })
            }
        }
    }

    /// Changes the source of the event at `seq`, disabling the append-only
    /// triggers as someone holding the database could.
    pub fn forge_source(&self, seq: u64) {
        self.sql(
            &format!(
                "DROP TRIGGER events_refuse_update; UPDATE events SET source = 'forged' WHERE seq = {seq};"
            ),
            &format!(
                "ALTER TABLE events DISABLE TRIGGER USER; UPDATE events SET source = 'forged' WHERE seq = {seq}; ALTER TABLE events ENABLE TRIGGER USER;"
            ),
        )
        .unwrap();
    }

    /// A path in a temporary folder that lives as long as the case.
    pub fn file(&self, dir: &tempfile::TempDir, name: &str, content: &str) -> PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, content).unwrap();
        p
    }

    /// The `--db` value as an OsString.
    pub fn os(&self) -> OsString {
        OsString::from(&self.url)
    }
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The other backend.
pub fn other(kind: Kind) -> Kind {
    match kind {
        Kind::Sqlite => Kind::Postgres,
        Kind::Postgres => Kind::Sqlite,
    }
}
