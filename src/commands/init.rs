//! `accord init`: create a new, empty log.

use std::process::ExitCode;

use accord_events::store::{Store, StoreError};
use clap::Args;

use crate::context::Context;
use crate::error::CliError;

/// Create a new log (refuses to overwrite an existing file).
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  accord init --db programme.db\n  accord --db programme.db --as secretariat append events.jsonl"
)]
pub struct InitArgs {}

pub fn run(ctx: &Context, _args: InitArgs) -> Result<ExitCode, CliError> {
    create(ctx)?;
    eprintln!("created an empty log at {}", ctx.db.display());
    eprintln!("next: record events with `accord append FILE` (see `accord types`)");
    Ok(ExitCode::SUCCESS)
}

/// Creates the log file, with a hint when one is already there.
pub fn create(ctx: &Context) -> Result<Store, CliError> {
    Store::create_at(&ctx.db, ctx.clock).map_err(|e| match e {
        StoreError::AlreadyExists(p) => CliError::rejected(
            format!(
                "{} already exists; accord will not overwrite a log",
                p.display()
            ),
            "choose another --db path, or move the old file away first",
        ),
        other => CliError::store(other),
    })
}
