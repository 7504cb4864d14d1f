//! What every command needs: where the log is, who is typing, the clock,
//! and how to style output.

use std::path::PathBuf;

use accord_events::Clock;
use accord_events::store::{Access, Location, Store};
use clap::Args;

use crate::error::CliError;
use crate::render::style::{ColorChoice, Style};

/// Flags that every command takes, anywhere on the line.
#[derive(Debug, Args)]
pub struct Global {
    /// The log: an SQLite file, or a PostgreSQL database as a
    /// postgres://USER@HOST:PORT/DBNAME URL (give the password in ACCORD_DB or
    /// PGPASSWORD rather than on the command line).
    // The value is never printed in help: it may hold a password.
    #[arg(
        long,
        global = true,
        env = "ACCORD_DB",
        hide_env_values = true,
        default_value = "accord.db",
        value_name = "PATH"
    )]
    pub db: PathBuf,
    /// Your name, recorded as `recorded_by` on what you record; needed only
    /// by commands that write (append, import, the data-entry commands), read
    /// commands ignore it.
    #[arg(
        long = "as",
        global = true,
        env = "ACCORD_USER",
        hide_env_values = true,
        value_name = "NAME"
    )]
    pub operator: Option<String>,
    /// Print JSON instead of text (the reading commands, import and the
    /// data-entry commands; export has --format instead).
    #[arg(long, global = true)]
    pub json: bool,
    /// Open the log read-only: nothing can be written (read commands always do).
    #[arg(long, global = true)]
    pub read_only: bool,
    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// Resolved global options.
#[derive(Clone)]
pub struct Context {
    /// The log: an SQLite file, or a `postgres://` URL (printed with its
    /// password hidden: use `db.display()`).
    pub db: Location,
    pub operator: Option<String>,
    pub json: bool,
    pub read_only: bool,
    pub clock: Clock,
    pub out_style: Style,
    pub err_style: Style,
}

/// `ACCORD_CHECKPOINT_EVERY`: after how many folded events a batch saves
/// the rule state (0: never); `None` leaves the default.
fn checkpoint_every() -> Result<Option<u64>, CliError> {
    match std::env::var("ACCORD_CHECKPOINT_EVERY") {
        Err(_) => Ok(None),
        Ok(v) => v.trim().parse().map(Some).map_err(|_| {
            CliError::usage(
                format!("ACCORD_CHECKPOINT_EVERY={v:?} is not a number of events"),
                format!(
                    "give a whole number (0 turns checkpoints off; the default is {})",
                    accord_events::store::CHECKPOINT_EVERY
                ),
            )
        }),
    }
}

impl Context {
    pub fn new(g: &Global) -> Result<Context, CliError> {
        let clock = Clock::from_env().map_err(|m| {
            CliError::usage(m, "unset ACCORD_NOW or give it as 2010-01-31T12:00:00Z")
        })?;
        Ok(Context {
            db: Location::parse(&g.db),
            operator: g.operator.clone().filter(|s| !s.is_empty()),
            json: g.json,
            read_only: g.read_only,
            clock,
            out_style: Style::stdout(g.color),
            err_style: Style::stderr(g.color),
        })
    }

    /// Opens the log for reading: always read-only, so a reader cannot change it.
    pub fn open_read(&self) -> Result<Store, CliError> {
        Store::open_at(&self.db, Access::ReadOnly, self.clock)
            .map_err(|e| CliError::open(e, &self.db))
    }

    /// Refuses under --read-only: for every command that writes a file.
    pub fn check_writable(&self) -> Result<(), CliError> {
        if self.read_only {
            return Err(CliError::rejected(
                "the log was opened with --read-only; nothing can be written",
                "leave out --read-only to record events",
            ));
        }
        Ok(())
    }

    /// Opens the log for appending (refused under --read-only).
    pub fn open_write(&self) -> Result<Store, CliError> {
        self.check_writable()?;
        let mut store = Store::open_at(&self.db, Access::ReadWrite, self.clock)
            .map_err(|e| CliError::open(e, &self.db))?;
        if let Some(n) = checkpoint_every()? {
            store.set_checkpoint_every(n);
        }
        Ok(store)
    }
}
