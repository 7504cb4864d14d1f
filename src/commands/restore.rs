//! `accord restore`: a new log from an export, byte for byte.

use std::io::BufReader;
use std::path::PathBuf;
use std::process::ExitCode;

use accord_events::store::{RestoreError, Store, StoreError};
use accord_events::verify::Head;
use clap::Args;

use crate::context::Context;
use crate::error::CliError;

/// Build a new log (at --db) from an export, keeping every seq, recorded_at
/// and hash; the chain is checked while restoring.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  accord export > backup.jsonl\n  accord --db restored.db restore backup.jsonl --head 142:9f2c…"
)]
pub struct RestoreArgs {
    /// The export (`accord export`, JSON Lines).
    pub file: PathBuf,
    /// A head kept elsewhere that the export must extend.
    #[arg(long, value_name = "SEQ:HASH")]
    pub head: Option<String>,
}

pub fn run(ctx: &Context, args: RestoreArgs) -> Result<ExitCode, CliError> {
    ctx.check_writable()?;
    let head = args
        .head
        .as_deref()
        .map(Head::parse)
        .transpose()
        .map_err(|m| CliError::usage(m, "copy the head exactly as `accord head` printed it"))?;
    let f = std::fs::File::open(&args.file).map_err(|e| {
        CliError::rejected(
            format!("cannot read {}: {e}", args.file.display()),
            "check the file name",
        )
    })?;
    let restored =
        Store::restore_at(&ctx.db, BufReader::new(f), head, ctx.clock).map_err(|e| match e {
            RestoreError::Store(StoreError::AlreadyExists(p)) => CliError::rejected(
                format!("{} already exists; restore writes a new log", p.display()),
                "choose a new --db path",
            ),
            RestoreError::Store(s) => CliError::store(s),
            other => CliError::rejected(
                format!("the export cannot be restored: {other}"),
                "check it with `accord verify --file`; no log was created",
            ),
        })?;
    crate::render::text::emit(&format!(
        "restored {} events into {}; head {}{}\n",
        restored.events,
        ctx.db.display(),
        restored.head,
        head.as_ref().map_or_else(String::new, |h| format!(
            "; extends {}",
            super::verify::head_arg(h)
        ))
    ))?;
    Ok(ExitCode::SUCCESS)
}
