//! The command-line grammar. Each command's arguments live beside its code
//! in `commands/`; this file only assembles them.

use clap::Parser;

use crate::commands::Command;
use crate::context::Global;

/// accord keeps the history of partnership programmes honest: every
/// agreement, endorsement, review, finding and commitment is appended to a
/// tamper-evident event log, and reports are rebuilt from it for any date.
#[derive(Debug, Parser)]
#[command(
    name = "accord",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Start with `accord demo` to see the built-in example programme, or `accord init` for a new log.\nEvery command has --help with an example."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}
