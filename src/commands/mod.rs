//! One module per command.

pub mod append;
pub mod audit;
pub mod completions;
pub mod demo;
pub mod diff;
pub mod entry;
pub mod export;
pub mod folds;
pub mod generate;
pub mod head;
pub mod history;
pub mod import;
pub mod init;
pub mod kept;
pub mod known;
pub mod list;
pub mod log;
pub mod out_file;
pub mod reading;
pub mod rebuild;
pub mod restore;
pub mod serve;
pub mod show;
pub mod signers;
pub mod snapshot;
pub mod status;
pub mod stream;
pub mod types;
pub mod verify;

use std::process::ExitCode;

use clap::Subcommand;

use crate::context::Context;
use crate::error::CliError;

/// Every command, each with its arguments (defined beside its code).
#[derive(Debug, Subcommand)]
pub enum Command {
    Init(init::InitArgs),
    Append(append::AppendArgs),
    Log(log::LogArgs),
    Verify(verify::VerifyArgs),
    Head(head::HeadArgs),
    Signers(signers::SignersArgs),
    Export(export::ExportArgs),
    Restore(restore::RestoreArgs),
    Types(types::TypesArgs),
    Completions(completions::CompletionsArgs),
    Show(show::ShowArgs),
    History(history::HistoryArgs),
    Diff(diff::DiffArgs),
    Audit(audit::AuditArgs),
    Status(status::StatusArgs),
    List(list::ListArgs),
    #[command(flatten)]
    Entry(entry::EntryCommand),
    Import(import::ImportArgs),
    Snapshot(snapshot::SnapshotArgs),
    Demo(demo::DemoArgs),
    Generate(generate::GenerateArgs),
    Rebuild(rebuild::RebuildArgs),
    Serve(serve::ServeArgs),
}

/// Runs one command.
pub fn run(ctx: &Context, command: Command) -> Result<ExitCode, CliError> {
    match command {
        Command::Init(a) => init::run(ctx, a),
        Command::Append(a) => append::run(ctx, a),
        Command::Log(a) => log::run(ctx, a),
        Command::List(a) => list::run(ctx, a),
        Command::Verify(a) => verify::run(ctx, a),
        Command::Head(a) => head::run(ctx, a),
        Command::Signers(a) => signers::run(ctx, a),
        Command::Export(a) => export::run(ctx, a),
        Command::Restore(a) => restore::run(ctx, a),
        Command::Types(a) => types::run(ctx, a),
        Command::Completions(a) => completions::run(ctx, a),
        Command::Show(a) => show::run(ctx, a),
        Command::History(a) => history::run(ctx, a),
        Command::Diff(a) => diff::run(ctx, a),
        Command::Audit(a) => audit::run(ctx, a),
        Command::Status(a) => status::run(ctx, a),
        Command::Entry(c) => c.run(ctx),
        Command::Import(a) => import::run(ctx, a),
        Command::Snapshot(a) => snapshot::run(ctx, a),
        Command::Demo(a) => demo::run(ctx, a),
        Command::Generate(a) => generate::run(ctx, a),
        Command::Rebuild(a) => rebuild::run(ctx, a),
        Command::Serve(a) => serve::run(ctx, a),
    }
}
