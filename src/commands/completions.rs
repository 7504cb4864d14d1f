//! `accord completions`: shell completion scripts.

use std::process::ExitCode;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::context::Context;
use crate::error::CliError;

/// Print a completion script for your shell.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  accord completions bash > ~/.local/share/bash-completion/completions/accord\n  accord completions zsh > ~/.zfunc/_accord\n  accord completions fish > ~/.config/fish/completions/accord.fish"
)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: Shell,
}

pub fn run(_ctx: &Context, args: CompletionsArgs) -> Result<ExitCode, CliError> {
    // Built in memory, then written like any output, so that a reader that
    // stops early (`| head -1`) is not an error (clap_complete panics on a
    // failed write).
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "accord", &mut script);
    crate::render::text::emit(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}
