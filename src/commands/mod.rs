//! One module per command.

pub mod append;
pub mod completions;
pub mod export;
pub mod generate;
pub mod head;
pub mod init;
pub mod log;
pub mod restore;
pub mod types;
pub mod verify;

use std::process::ExitCode;

use crate::cli::Command;
use crate::context::Context;
use crate::error::CliError;

/// Runs one command.
pub fn run(ctx: &Context, command: Command) -> Result<ExitCode, CliError> {
    match command {
        Command::Init(a) => init::run(ctx, a),
        Command::Append(a) => append::run(ctx, a),
        Command::Log(a) => log::run(ctx, a),
        Command::Verify(a) => verify::run(ctx, a),
        Command::Head(a) => head::run(ctx, a),
        Command::Export(a) => export::run(ctx, a),
        Command::Restore(a) => restore::run(ctx, a),
        Command::Types(a) => types::run(ctx, a),
        Command::Completions(a) => completions::run(ctx, a),
        Command::Generate(a) => generate::run(ctx, a),
    }
}
