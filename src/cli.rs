//! The command-line grammar. Each command's arguments live beside its code
//! in `commands/`; this file only assembles them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands;

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

/// When to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(commands::init::InitArgs),
    Append(commands::append::AppendArgs),
    Log(commands::log::LogArgs),
    Verify(commands::verify::VerifyArgs),
    Head(commands::head::HeadArgs),
    Signers(commands::signers::SignersArgs),
    Export(commands::export::ExportArgs),
    Restore(commands::restore::RestoreArgs),
    Types(commands::types::TypesArgs),
    Completions(commands::completions::CompletionsArgs),
    Show(commands::show::ShowArgs),
    History(commands::history::HistoryArgs),
    Diff(commands::diff::DiffArgs),
    Audit(commands::audit::AuditArgs),
    Status(commands::status::StatusArgs),
    List(commands::list::ListArgs),
    #[command(flatten)]
    Entry(commands::entry::EntryCommand),
    Import(commands::import::ImportArgs),
    Snapshot(commands::snapshot::SnapshotArgs),
    Demo(commands::demo::DemoArgs),
    Generate(commands::generate::GenerateArgs),
    Rebuild(commands::rebuild::RebuildArgs),
    Serve(commands::serve::ServeArgs),
}
