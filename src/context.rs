//! What every command needs: where the log is, who is typing, the clock,
//! and how to style output.

use accord_events::Clock;
use accord_events::store::{Access, Location, Store};

use crate::cli::Global;
use crate::error::CliError;
use crate::render::style::Style;

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
