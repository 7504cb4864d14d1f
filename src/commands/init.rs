//! `accord init`: create a new log, empty or with a built-in example.

use std::process::ExitCode;

use accord_events::Clock;
use accord_events::store::{AppendOutcome, Store, StoreError};
use clap::Args;

use crate::commands::append::append_lines;
use crate::context::Context;
use crate::error::CliError;
use crate::example;

/// Create a new log (refuses to overwrite an existing file), empty or with
/// a built-in example programme.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  accord init --db programme.db
  accord --db programme.db --as secretariat append events.jsonl
  accord init --db cambodia.db --example cambodia   # the 19 TWGs of 2009-10, 659 events")]
pub struct InitArgs {
    /// Load a built-in example programme (its pairings, scores and exact dates are illustrative).
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(example::NAMES))]
    pub example: Option<String>,
}

pub fn run(ctx: &Context, args: InitArgs) -> Result<ExitCode, CliError> {
    let mut store = create(ctx)?;
    let Some(name) = &args.example else {
        eprintln!("created an empty log at {}", ctx.db.display());
        eprintln!("next: record events with `accord append FILE` (see `accord types`)");
        return Ok(ExitCode::SUCCESS);
    };
    let outcome = match load_example(ctx, &mut store, name) {
        Ok(o) => o,
        Err(e) => {
            // Leave no half-made log behind.
            drop(store);
            if let Some(path) = ctx.db.sqlite_path() {
                let _ = std::fs::remove_file(path);
            }
            return Err(e);
        }
    };
    eprintln!(
        "created {} with the {name} example: {} events, head {}",
        ctx.db.display(),
        outcome.appended,
        outcome.head
    );
    eprintln!(
        "next: `accord status`, `accord show twg-health`, `accord snapshot --stage 2 --format html --out stage2.html`"
    );
    Ok(ExitCode::SUCCESS)
}

/// Records the built-in example `name` into a new log, batch by batch, each
/// with the recording instant the example gives it (see
/// [`example::recording_batches`]); the store's clock is restored after.
pub fn load_example(
    ctx: &Context,
    store: &mut Store,
    name: &str,
) -> Result<AppendOutcome, CliError> {
    let events = example::events(name).expect("clap only accepts known names");
    let mut total: Option<AppendOutcome> = None;
    for (at, lines) in example::recording_batches(events) {
        store.set_clock(Clock::Fixed(at));
        let o = append_lines(ctx, store, lines.as_bytes())?;
        total = Some(match total {
            None => o,
            Some(t) => AppendOutcome {
                appended: t.appended + o.appended,
                skipped: t.skipped + o.skipped,
                head: o.head,
                ..t
            },
        });
    }
    store.set_clock(ctx.clock);
    Ok(total.expect("an example has events"))
}

/// Creates the log file, with a hint when one is already there.
pub fn create(ctx: &Context) -> Result<Store, CliError> {
    ctx.check_writable()?;
    Store::create_at(&ctx.db, ctx.clock).map_err(|e| match e {
        StoreError::AlreadyExists(p) => CliError::rejected(
            format!(
                "{} already exists; accord will not overwrite a log",
                p.display()
            ),
            "choose another --db path, or move the old file away first",
        ),
        StoreError::DiskFull | StoreError::NoRoomToOpen(_) => CliError::rejected(
            format!(
                "cannot create {}: the disk is full; nothing was left there",
                ctx.db.display()
            ),
            "free some space on that disk (or choose another --db path) and run the command again",
        ),
        other => CliError::store(other),
    })
}
