//! `accord import FILE.csv`: spreadsheet rows to events (placeholder).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::context::Context;
use crate::error::CliError;

/// Import a spreadsheet (CSV).
#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
}

pub fn run(_ctx: &Context, _args: ImportArgs) -> Result<ExitCode, CliError> {
    Err(CliError::usage("not yet", "later"))
}
