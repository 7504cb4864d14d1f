//! The PostgreSQL backend: a log in a database named by a `postgres://` URL,
//! so that several offices, on several machines, append to one log.
//!
//! # Concurrency: why a transaction-level advisory lock, under READ COMMITTED
//!
//! The rules are checked against a state folded from everything before the
//! new event, so two writers must never check against the same head: a
//! batch has to see every event committed before it and commit before the
//! next batch looks. Each batch therefore runs
//!
//! ```sql
//! BEGIN ISOLATION LEVEL READ COMMITTED;
//! SELECT pg_advisory_xact_lock(<accord's class> << 32 | 'events'::regclass::oid);
//! -- head, rows after the cached head, checks, INSERTs
//! COMMIT;  -- releases the lock
//! ```
//!
//! - The advisory lock serialises writers (of this log: the key carries the
//!   table's oid, so logs in other schemas do not wait on each other) for the
//!   whole batch, across processes and machines, and is released by COMMIT or
//!   ROLLBACK, also when a client dies (the server ends its session).
//!   Readers take no lock and go on reading the last committed state. It
//!   needs no privilege, unlike `LOCK TABLE events IN EXCLUSIVE MODE`, which
//!   needs UPDATE, DELETE or TRUNCATE on the table (the application role has
//!   INSERT and SELECT only, see `grants.sql`).
//! - READ COMMITTED, not REPEATABLE READ or SERIALIZABLE: those take their
//!   snapshot at the first statement of the transaction, which is the lock
//!   request itself, so a writer that waited for the lock would not see what
//!   the previous holder committed while it waited. Under READ COMMITTED each
//!   statement sees everything committed before it began, and every
//!   statement after the lock is granted sees the previous batch whole.
//! - The backstop, should a writer bypass the lock (a script, or an engine
//!   whose advisory locks are no-ops): `seq` is the primary key and a trigger
//!   admits only `max(seq) + 1`, so of two batches computed from the same
//!   head only one can commit; the other fails and writes nothing.
//!
//! Durability: `synchronous_commit = on` for the session, so a COMMIT is
//! acknowledged only once it is flushed to the server's WAL.
//!
//! # TLS
//!
//! Built without the `tls` cargo feature (the default), accord connects
//! without TLS (`NoTls`): right for a server on the same host or network,
//! and a URL with `sslmode=require` is refused. With `--features tls`
//! (root crate: `postgres-tls`) it negotiates TLS through native-tls (the
//! system's OpenSSL), verifying the server's certificate against the
//! system's roots, and `sslmode=require` insists on it.
//!
//! # Secrets
//!
//! The URL is handed to the client library and nowhere else: errors and
//! messages carry [`PgUrl::redacted`]. A password may also come from
//! `PGPASSWORD` when the URL has none (keep it off the command line, where
//! other users can see it in the process list).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::error::SqlState;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{ToSql, Type};
use postgres::{Client, Config, Row, Statement};

use super::backend::{Backend, BodyWriter, RowRejected, RowsFn, Scan, declared_triggers};
use super::filter::StreamPart;
use super::location::PgUrl;
use super::sql::{COLUMNS, STREAMS, filter_clauses, stream_part_query};
use super::{Access, BUSY_TIMEOUT, SCHEMA, StoreError, check_schema_version};
use crate::clock::{Clock, format_recorded_at};
use crate::envelope::StoredEvent;
use crate::verify::Head;

/// The PostgreSQL schema (tables, indexes, append-only triggers).
pub const POSTGRES_SCHEMA_V1: &str = include_str!("../../sql/postgres/schema_v1.sql");
/// The table of the saved rule state (derived data, see `checkpoint.rs`).
const CHECKPOINT_TABLE: &str = include_str!("../../sql/postgres/checkpoint.sql");

/// The grants for the application role, with psql variables `:"schema"`
/// and `:"app"` (see [`postgres_grants`]).
pub const POSTGRES_GRANTS: &str = include_str!("../../sql/postgres/grants.sql");

/// [`POSTGRES_GRANTS`] for a schema and a role, ready to run.
pub fn postgres_grants(schema: &str, role: &str) -> String {
    POSTGRES_GRANTS
        .replace(":\"schema\"", &quote_ident(schema))
        .replace(":\"app\"", &quote_ident(role))
}

fn quote_ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The functions a schema file declares, each name with its body as
/// PostgreSQL keeps it (`pg_proc.prosrc`: the text between the `$$`).
fn declared_functions(schema: &str) -> HashMap<&str, &str> {
    let mut out = HashMap::new();
    let mut rest = schema;
    while let Some(at) = rest.find("CREATE FUNCTION ") {
        let stmt = &rest[at + "CREATE FUNCTION ".len()..];
        let name = stmt.split('(').next().unwrap_or_default();
        let Some(open) = stmt.find("$$") else { break };
        let body = &stmt[open + 2..];
        let Some(close) = body.find("$$") else { break };
        out.insert(name, &body[..close]);
        rest = &body[close + 2..];
    }
    out
}

/// Starts a batch. The advisory lock key is accord's class in the high 32
/// bits (1633907300 = 0x61637264, "acrd") and the events table's oid in the
/// low 32, so each log (schema) has its own writers' lock.
const BEGIN_WRITE: &str = "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock((1633907300::bigint << 32) | 'events'::regclass::oid::bigint)";

const COPY_IN: &str = "COPY events (seq, id, type, stream, stream_version, occurred_at, recorded_at, recorded_by, source, data, schema_version, prev_hash, hash) FROM STDIN (FORMAT binary)";

/// How many rows [`Backend::insert`] buffers before sending them.
const PENDING_ROWS: usize = 2000;

const COPY_TYPES: [Type; 13] = [
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::INT4,
    Type::BYTEA,
    Type::BYTEA,
];

/// An open PostgreSQL log: one session.
pub(crate) struct PgBackend {
    client: RefCell<Client>,
    /// Rows of the open batch not yet sent (see [`PgBackend::session`]).
    pending: RefCell<Vec<StoredEvent>>,
    prepared: RefCell<HashMap<&'static str, Statement>>,
    url: PgUrl,
}

/// Turns a client error into a store error, by SQLSTATE where it has one.
fn pg_err(e: postgres::Error) -> StoreError {
    if let Some(code) = e.code() {
        if *code == SqlState::LOCK_NOT_AVAILABLE || *code == SqlState::T_R_DEADLOCK_DETECTED {
            return StoreError::Busy;
        }
        if *code == SqlState::READ_ONLY_SQL_TRANSACTION {
            return StoreError::ReadOnly;
        }
        if *code == SqlState::DISK_FULL {
            return StoreError::DiskFull;
        }
        if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            return StoreError::PermissionDenied(describe(&e));
        }
    }
    StoreError::Postgres(describe(&e))
}

/// The client's error with its cause: the server's message (and detail and
/// hint), or the chain of sources (the bare `Display` says only "db error").
fn describe(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        let mut s = format!("{}: {}", db.severity(), db.message());
        if let Some(d) = db.detail() {
            s.push_str(&format!(" ({d})"));
        }
        if let Some(h) = db.hint() {
            s.push_str(&format!(" (hint: {h})"));
        }
        return s;
    }
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        s.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    s
}

fn stored_from_pg(r: &Row) -> Result<StoredEvent, StoreError> {
    let get_hash = |i: usize| -> Result<[u8; 32], StoreError> {
        let v: Vec<u8> = r.try_get(i).map_err(pg_err)?;
        // A hash of the wrong length is kept as zeros so verify reports it as altered.
        Ok(v.try_into().unwrap_or([0; 32]))
    };
    let e = (|| {
        Ok::<_, postgres::Error>(StoredEvent {
            seq: 0,
            id: r.try_get(1)?,
            kind: r.try_get(2)?,
            stream: r.try_get(3)?,
            stream_version: 0,
            occurred_at: r.try_get(5)?,
            recorded_at: r.try_get(6)?,
            recorded_by: r.try_get(7)?,
            source: r.try_get(8)?,
            data: r.try_get(9)?,
            schema_version: 0,
            prev_hash: [0; 32],
            hash: [0; 32],
        })
    })()
    .map_err(pg_err)?;
    // Integers are read with range checks, as on SQLite: a value that does
    // not fit is an unreadable row, not a different number that might hash
    // the same.
    let unsigned = |i: usize| -> Result<u64, StoreError> {
        let n: i64 = match i {
            10 => r.try_get::<_, i32>(i).map_err(pg_err)?.into(),
            _ => r.try_get(i).map_err(pg_err)?,
        };
        u64::try_from(n).map_err(|_| {
            StoreError::Postgres(format!(
                "a stored row holds {n} in column {i}, out of range"
            ))
        })
    };
    let schema_version = unsigned(10)?;
    Ok(StoredEvent {
        seq: unsigned(0)?,
        stream_version: unsigned(4)?,
        schema_version: u32::try_from(schema_version).map_err(|_| {
            StoreError::Postgres(format!("schema_version {schema_version} is out of range"))
        })?,
        prev_hash: get_hash(11)?,
        hash: get_hash(12)?,
        ..e
    })
}

#[cfg(not(feature = "tls"))]
fn connect_with(config: &Config) -> Result<Client, String> {
    config.connect(postgres::NoTls).map_err(|e| {
        let m = describe(&e);
        if m.contains("TLS") {
            format!("{m} (this accord was built without TLS: build it with the `postgres-tls` feature, or use sslmode=disable)")
        } else {
            m
        }
    })
}

#[cfg(feature = "tls")]
fn connect_with(config: &Config) -> Result<Client, String> {
    let tls = native_tls::TlsConnector::builder()
        .build()
        .map_err(|e| format!("cannot set up TLS: {e}"))?;
    config
        .connect(postgres_native_tls::MakeTlsConnector::new(tls))
        .map_err(|e| describe(&e))
}

fn connect(url: &PgUrl, access: Access) -> Result<Client, StoreError> {
    let failed = |reason: String| StoreError::Connect {
        location: url.redacted().to_owned(),
        reason: url.scrub(&reason),
    };
    let mut config: Config = url.secret().parse().map_err(|e: postgres::Error| {
        failed(format!("not a valid connection URL: {}", describe(&e)))
    })?;
    if config.get_password().is_none()
        && let Ok(pw) = std::env::var("PGPASSWORD")
        && !pw.is_empty()
    {
        config.password(pw);
    }
    if config.get_application_name().is_none() {
        config.application_name("accord");
    }
    let mut client = connect_with(&config).map_err(failed)?;
    let mut setup = format!(
        "SET lock_timeout = '{}s'; SET synchronous_commit = on; SET client_min_messages = warning;",
        BUSY_TIMEOUT.as_secs()
    );
    if access == Access::ReadOnly {
        setup.push_str(" SET default_transaction_read_only = on;");
    }
    client.batch_execute(&setup).map_err(pg_err)?;
    Ok(client)
}

impl PgBackend {
    fn connect(url: &PgUrl, access: Access) -> Result<PgBackend, StoreError> {
        Ok(PgBackend {
            client: RefCell::new(connect(url, access)?),
            pending: RefCell::new(Vec::new()),
            prepared: RefCell::new(HashMap::new()),
            url: url.clone(),
        })
    }

    fn statement(&self, client: &mut Client, sql: &'static str) -> Result<Statement, StoreError> {
        if let Some(s) = self.prepared.borrow().get(sql) {
            return Ok(s.clone());
        }
        let s = client.prepare(sql).map_err(pg_err)?;
        self.prepared.borrow_mut().insert(sql, s.clone());
        Ok(s)
    }

    fn batch(&self, sql: &str) -> Result<(), StoreError> {
        self.session()?.batch_execute(sql).map_err(pg_err)
    }

    /// The session, with every row buffered by [`Backend::insert`] sent
    /// first: whatever runs next (a read, COMMIT) sees the whole batch.
    ///
    /// Why a buffer: one INSERT per event costs a round trip to the server,
    /// which made a bulk append ~5x slower than SQLite (14.7k events/s on
    /// 100k events, loopback). Rows are sent [`PENDING_ROWS`] at a time by
    /// binary COPY instead. That is safe because the batch logic looks an
    /// event's id up before inserting it, so a buffered row is never a
    /// repeat; should one be (or break any constraint), the COPY fails, the
    /// batch rolls back and nothing is written.
    fn session(&self) -> Result<std::cell::RefMut<'_, Client>, StoreError> {
        let mut client = self.client.borrow_mut();
        let rows = std::mem::take(&mut *self.pending.borrow_mut());
        if !rows.is_empty() {
            let sink = client.copy_in(COPY_IN).map_err(pg_err)?;
            let mut w = BinaryCopyInWriter::new(sink, &COPY_TYPES);
            for e in &rows {
                let params = row_params(e);
                let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p.as_ref()).collect();
                w.write(&refs).map_err(pg_err)?;
            }
            w.finish().map_err(pg_err)?;
        }
        Ok(client)
    }

    fn path(&self) -> std::path::PathBuf {
        self.url.redacted().into()
    }

    /// Which of the log's tables exist (events, accord_meta) in the search path.
    fn tables(&self) -> Result<(bool, bool), StoreError> {
        let row = self
            .client
            .borrow_mut()
            .query_one(
                "SELECT to_regclass('events') IS NOT NULL, to_regclass('accord_meta') IS NOT NULL",
                &[],
            )
            .map_err(pg_err)?;
        Ok((row.get(0), row.get(1)))
    }

    /// Creates a new, empty log in the database. Refuses when one is there.
    pub(crate) fn create(url: &PgUrl, clock: Clock) -> Result<Box<dyn Backend>, StoreError> {
        let db = PgBackend::create_for_restore(url, clock)?;
        db.commit()?;
        Ok(db)
    }

    /// Creates the schema inside an open transaction, left open for the
    /// caller to fill and commit (or roll back: DDL is transactional in
    /// PostgreSQL, so nothing is left behind).
    pub(crate) fn create_for_restore(
        url: &PgUrl,
        clock: Clock,
    ) -> Result<Box<PgBackend>, StoreError> {
        let db = PgBackend::connect(url, Access::ReadWrite)?;
        let (events, meta) = db.tables()?;
        if events || meta {
            return Err(StoreError::AlreadyExists(db.path()));
        }
        db.batch("BEGIN ISOLATION LEVEL READ COMMITTED")?;
        let created = (|| {
            db.batch(POSTGRES_SCHEMA_V1)?;
            db.batch(CHECKPOINT_TABLE)?;
            let now = format_recorded_at(clock.now());
            db.client
                .borrow_mut()
                .execute(
                    "INSERT INTO accord_meta (key, value) VALUES ('format', 'accord event log'), ('created_at', $1), ('schema_version', $2)",
                    &[&now, &SCHEMA.to_string()],
                )
                .map_err(pg_err)?;
            Ok::<_, StoreError>(())
        })();
        if let Err(e) = created {
            db.rollback();
            return Err(e);
        }
        Ok(Box::new(db))
    }

    /// Opens an existing log.
    pub(crate) fn open(url: &PgUrl, access: Access) -> Result<Box<dyn Backend>, StoreError> {
        let db = PgBackend::connect(url, access)?;
        let not_a_log = |reason: String| StoreError::NotALog {
            path: db.path(),
            reason,
        };
        match db.tables()? {
            (true, true) => {}
            (false, false) => return Err(StoreError::Missing(db.path())),
            (false, true) => return Err(not_a_log("it has no events table".into())),
            (true, false) => return Err(not_a_log("it has no accord_meta table".into())),
        }
        let version: Option<String> = db
            .client
            .borrow_mut()
            .query_opt(
                "SELECT value FROM accord_meta WHERE key = 'schema_version'",
                &[],
            )
            .map_err(pg_err)?
            .map(|r| r.get(0));
        let version: i64 = match version.as_deref().map(str::parse) {
            Some(Ok(v)) => v,
            _ => return Err(not_a_log(format!("unknown schema version {version:?}"))),
        };
        check_schema_version(version, &db.path())?;
        Ok(Box::new(db))
    }
}

fn row_params(e: &StoredEvent) -> [Box<dyn ToSql + Sync + '_>; 13] {
    [
        Box::new(e.seq as i64),
        Box::new(e.id.as_str()),
        Box::new(e.kind.as_str()),
        Box::new(e.stream.as_str()),
        Box::new(e.stream_version as i64),
        Box::new(e.occurred_at.as_str()),
        Box::new(e.recorded_at.as_str()),
        Box::new(e.recorded_by.as_str()),
        Box::new(e.source.as_deref()),
        Box::new(e.data.as_str()),
        Box::new(e.schema_version as i32),
        Box::new(&e.prev_hash[..]),
        Box::new(&e.hash[..]),
    ]
}

impl Backend for PgBackend {
    fn head(&self) -> Result<Head, StoreError> {
        let mut client = self.session()?;
        let stmt = self.statement(
            &mut client,
            "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1",
        )?;
        match client.query_opt(&stmt, &[]).map_err(pg_err)? {
            None => Ok(Head::EMPTY),
            Some(r) => {
                let seq: i64 = r.try_get(0).map_err(pg_err)?;
                let hash: Vec<u8> = r.try_get(1).map_err(pg_err)?;
                Ok(Head {
                    seq: seq as u64,
                    hash: hash.try_into().unwrap_or([0; 32]),
                })
            }
        }
    }

    fn with_rows(&self, scan: Scan<'_>, f: RowsFn<'_>) -> Result<(), StoreError> {
        let mut client = self.session()?;
        // One statement each: it reads one snapshot, and the client streams
        // its rows (with back-pressure), so memory stays flat.
        let (sql, params): (String, Vec<Box<dyn ToSql + Sync>>) = match scan {
            Scan::All => (format!("SELECT {COLUMNS} FROM events ORDER BY seq"), vec![]),
            Scan::After(seq) => (
                format!("SELECT {COLUMNS} FROM events WHERE seq > $1 ORDER BY seq"),
                vec![Box::new(seq as i64)],
            ),
            Scan::OfTypes(types) => (
                format!("SELECT {COLUMNS} FROM events WHERE type = ANY($1) ORDER BY seq"),
                vec![Box::new(
                    types
                        .iter()
                        .map(|t| (*t).to_owned())
                        .collect::<Vec<String>>(),
                )],
            ),
            Scan::Matching(filter) => {
                let (clauses, params) = filter_clauses(filter, |i| format!("${i}"));
                (
                    format!("SELECT {COLUMNS} FROM events{clauses} ORDER BY seq"),
                    params
                        .into_iter()
                        .map(|p| Box::new(p) as Box<dyn ToSql + Sync>)
                        .collect(),
                )
            }
        };
        let it = client
            .query_raw(sql.as_str(), params.iter().map(|p| p.as_ref()))
            .map_err(pg_err)?;
        let mut rows = it
            .iterator()
            .map(|r| r.map_err(pg_err).and_then(|row| stored_from_pg(&row)));
        f(&mut rows)
    }

    fn stream_rows(&self, part: &StreamPart<'_>) -> Result<Vec<StoredEvent>, StoreError> {
        let mut client = self.session()?;
        let (sql, params) = stream_part_query(part, |i| format!("${i}"));
        let params: Vec<&(dyn ToSql + Sync)> =
            params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
        let rows = client.query(sql.as_str(), &params).map_err(pg_err)?;
        rows.iter().map(stored_from_pg).collect()
    }

    fn recorded_at_of(&self, seq: u64) -> Result<(String, Vec<u8>), StoreError> {
        let mut client = self.session()?;
        let stmt = self.statement(
            &mut client,
            "SELECT recorded_at, hash FROM events WHERE seq = $1",
        )?;
        let r = client.query_one(&stmt, &[&(seq as i64)]).map_err(pg_err)?;
        Ok((r.try_get(0).map_err(pg_err)?, r.try_get(1).map_err(pg_err)?))
    }

    fn by_id(&self, id: &str) -> Result<Option<StoredEvent>, StoreError> {
        let mut client = self.session()?;
        let stmt = self.statement(
            &mut client,
            "SELECT seq, id, type, stream, stream_version, occurred_at, recorded_at, recorded_by, source, data, schema_version, prev_hash, hash FROM events WHERE id = $1",
        )?;
        client
            .query_opt(&stmt, &[&id])
            .map_err(pg_err)?
            .as_ref()
            .map(stored_from_pg)
            .transpose()
    }

    fn streams(&self) -> Result<Vec<String>, StoreError> {
        let rows = self.session()?.query(STREAMS, &[]).map_err(pg_err)?;
        rows.iter().map(|r| r.try_get(0).map_err(pg_err)).collect()
    }

    fn retracted_targets(&self) -> Result<HashSet<String>, StoreError> {
        // `data` is parsed here rather than cast to jsonb in SQL: jsonb
        // refuses some JSON that the canonical text may hold (\u0000).
        let rows = self
            .session()?
            .query(
                "SELECT data FROM events WHERE type = 'event.retracted'",
                &[],
            )
            .map_err(pg_err)?;
        let mut out = HashSet::new();
        for r in rows {
            let data: String = r.try_get(0).map_err(pg_err)?;
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&data)
                && let Some(id) = v.get("event").and_then(|e| e.as_str())
            {
                out.insert(id.to_owned());
            }
        }
        Ok(out)
    }

    fn structural_check(&self) -> Result<Option<String>, StoreError> {
        // PostgreSQL checksums its pages itself (when the cluster has data
        // checksums); amcheck needs a superuser. The chain is the check.
        Ok(None)
    }

    fn guard_problems(&self) -> Result<Vec<String>, StoreError> {
        let rows = self
            .session()?
            .query(
                "SELECT t.tgname::text, t.tgenabled::text, p.proname::text, p.prosrc
                 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                 WHERE t.tgrelid IN (to_regclass('events'), to_regclass('accord_meta'))
                   AND NOT t.tgisinternal",
                &[],
            )
            .map_err(pg_err)?;
        let found: HashMap<String, (String, String, String)> = rows
            .iter()
            .map(|r| (r.get(0), (r.get(1), r.get(2), r.get(3))))
            .collect();
        let bodies = declared_functions(POSTGRES_SCHEMA_V1);
        let mut problems = Vec::new();
        for (name, declared) in declared_triggers(POSTGRES_SCHEMA_V1) {
            let function = declared
                .split("EXECUTE FUNCTION ")
                .nth(1)
                .and_then(|f| f.split('(').next())
                .unwrap_or_default();
            match found.get(name) {
                None => problems.push(format!("the trigger {name} is missing")),
                // 'D': ALTER TABLE ... DISABLE TRIGGER.
                Some((enabled, _, _)) if enabled == "D" => {
                    problems.push(format!("the trigger {name} is disabled"))
                }
                Some((_, proname, _)) if proname != function => problems.push(format!(
                    "the trigger {name} calls {proname}() instead of {function}()"
                )),
                Some((_, _, src)) if bodies.get(function) != Some(&src.as_str()) => problems
                    .push(format!(
                        "the function {function}() of the trigger {name} is not the one accord's schema declares"
                    )),
                Some(_) => {}
            }
        }
        Ok(problems)
    }

    fn load_checkpoint(&self) -> Result<Option<(Head, Vec<u8>)>, StoreError> {
        let mut client = self.session()?;
        let present: bool = client
            .query_one("SELECT to_regclass('accord_checkpoint') IS NOT NULL", &[])
            .map_err(pg_err)?
            .get(0);
        if !present {
            return Ok(None);
        }
        let row = client
            .query_opt(
                "SELECT head_seq, head_hash, body FROM accord_checkpoint WHERE name = 'rules'",
                &[],
            )
            .map_err(pg_err)?;
        Ok(row.and_then(|r| {
            let seq: i64 = r.get(0);
            let hash: Vec<u8> = r.get(1);
            Some((
                Head {
                    seq: u64::try_from(seq).ok()?,
                    hash: hash.try_into().ok()?,
                },
                r.get(2),
            ))
        }))
    }

    fn save_checkpoint(
        &self,
        head: Head,
        size: usize,
        write: BodyWriter<'_>,
    ) -> Result<(), StoreError> {
        // A bytea parameter is sent whole: the body is built in memory here.
        let mut body = Vec::with_capacity(size);
        write(&mut body)?;
        let mut client = self.session()?;
        let mut tx = client.transaction().map_err(pg_err)?;
        let present: bool = tx
            .query_one("SELECT to_regclass('accord_checkpoint') IS NOT NULL", &[])
            .map_err(pg_err)?
            .get(0);
        if !present {
            // A log made before the table: an owner creates it; the
            // application role may not (CREATE TABLE IF NOT EXISTS needs
            // that right even when the table exists), and saves nothing.
            tx.batch_execute(CHECKPOINT_TABLE).map_err(pg_err)?;
        }
        tx.execute(
            "INSERT INTO accord_checkpoint (name, head_seq, head_hash, body) VALUES ('rules', $1, $2, $3)
             ON CONFLICT (name) DO UPDATE SET head_seq = EXCLUDED.head_seq, head_hash = EXCLUDED.head_hash, body = EXCLUDED.body",
            &[&(head.seq as i64), &&head.hash[..], &body],
        )
        .map_err(pg_err)?;
        tx.commit().map_err(pg_err)
    }

    fn drop_checkpoint(&self) -> Result<(), StoreError> {
        let mut client = self.session()?;
        let present: bool = client
            .query_one("SELECT to_regclass('accord_checkpoint') IS NOT NULL", &[])
            .map_err(pg_err)?
            .get(0);
        if present {
            client
                .execute("DELETE FROM accord_checkpoint", &[])
                .map_err(pg_err)?;
        }
        Ok(())
    }

    fn structural_check_name(&self) -> &'static str {
        "PostgreSQL's structural check"
    }

    fn begin_write(&self) -> Result<(), StoreError> {
        // See the module's documentation for why this lock and this isolation.
        let r = self.batch(BEGIN_WRITE);
        if r.is_err() {
            self.rollback();
        }
        r
    }

    fn begin_read(&self) -> Result<(), StoreError> {
        // One snapshot for the whole check, taken at the first read; READ
        // ONLY, so it also runs on a session that may not write.
        let r = self.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        if r.is_err() {
            self.rollback();
        }
        r
    }

    fn commit(&self) -> Result<(), StoreError> {
        self.batch("COMMIT")
    }

    fn rollback(&self) {
        self.pending.borrow_mut().clear();
        let _ = self.client.borrow_mut().batch_execute("ROLLBACK");
    }

    fn now(&self, clock: Clock) -> Result<DateTime<Utc>, StoreError> {
        // Transaction time from the server's clock, so that offices whose
        // clocks disagree still record one time line (a fixed clock, for
        // tests, wins). recorded_at is still never decreasing along seq.
        if clock.is_fixed() {
            return Ok(clock.now());
        }
        let micros: i64 = self
            .client
            .borrow_mut()
            .query_one(
                "SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint",
                &[],
            )
            .map_err(pg_err)?
            .get(0);
        Ok(DateTime::from_timestamp_micros(micros).unwrap_or_else(|| clock.now()))
    }

    fn insert(&self, e: &StoredEvent) -> Result<bool, StoreError> {
        // Buffered, sent by `session` (see there why this is safe).
        let mut pending = self.pending.borrow_mut();
        pending.push(e.clone());
        let full = pending.len() >= PENDING_ROWS;
        drop(pending);
        if full {
            drop(self.session()?);
        }
        Ok(true)
    }

    fn insert_rows(
        &self,
        rows: &mut dyn Iterator<Item = StoredEvent>,
    ) -> Result<Result<(), RowRejected>, StoreError> {
        let mut client = self.session()?;
        // COPY, binary: one stream for the whole export (the triggers still
        // check every row).
        let sink = client.copy_in(COPY_IN).map_err(pg_err)?;
        let mut w = BinaryCopyInWriter::new(sink, &COPY_TYPES);
        for e in rows {
            let params = row_params(&e);
            let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p.as_ref()).collect();
            if let Err(err) = w.write(&refs) {
                return Ok(Err(RowRejected(self.url.scrub(&describe(&err)))));
            }
        }
        match w.finish() {
            Ok(_) => Ok(Ok(())),
            Err(err) => Ok(Err(RowRejected(self.url.scrub(&describe(&err))))),
        }
    }
}
