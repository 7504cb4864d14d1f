//! `accord head`: the log's head, `SEQ HASH`, for the minutes.

use std::process::ExitCode;

use clap::Args;

use crate::context::Context;
use crate::error::CliError;

/// Print the log's head as `SEQ HASH` (write it in the minutes; check it later with `verify --head`).
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  accord head\n  142 9f2c…\n  accord verify --head 142:9f2c…   # later: proves nothing up to 142 was changed"
)]
pub struct HeadArgs {}

pub fn run(ctx: &Context, _args: HeadArgs) -> Result<ExitCode, CliError> {
    let store = ctx.open_read()?;
    let head = store.head()?;
    if ctx.json {
        outln!(
            "{}",
            serde_json::json!({"seq": head.seq, "hash": hex::encode(head.hash)})
        )?;
    } else {
        outln!("{head}")?;
    }
    Ok(ExitCode::SUCCESS)
}
