//! `accord status`: the programme at a glance.

use std::process::ExitCode;

use accord_events::store::Store;
use accord_projections::{ProgrammeStatus, Replay, ReplayBuilder, Sieve, View};
use clap::Args;

use super::reading::{TimeArgs, head_of, print_report, wording};
use super::stream;
use crate::context::Context;
use crate::error::CliError;
use crate::render::i18n::LangArgs;
use crate::render::text;

/// Show the programme: its stages, counts, and what is overdue or diverging.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  accord status\n  accord status --as-of 2009-12-31\n  accord status --json"
)]
pub struct StatusArgs {
    #[command(flatten)]
    pub time: TimeArgs,
    #[command(flatten)]
    pub lang: LangArgs,
}

/// The programme's status in `view`, and the replay its text is rendered with.
pub fn build(store: &Store, view: &View) -> Result<(ProgrammeStatus, Replay), CliError> {
    let replay = replay(store, view)?;
    let status = ProgrammeStatus::of(&replay, view);
    Ok((status, replay))
}

/// The whole programme folded in `view`, streaming the log (never holding it).
pub fn replay(store: &Store, view: &View) -> Result<Replay, CliError> {
    // Two passes: the retractions first (an event retracted later in the log
    // must not be folded), then the whole log, folded as it streams past.
    let retractions = stream::prelude(store, &["event.retracted"])?;
    let mut fold = ReplayBuilder::new(Sieve::new(view, &retractions));
    stream::each(store, |e| fold.apply(e))?;
    Ok(fold.finish())
}

pub fn run(ctx: &Context, args: StatusArgs) -> Result<ExitCode, CliError> {
    let view = args.time.view(ctx)?;
    let tr = wording(&args.lang)?;
    let store = ctx.open_read()?;
    let (status, replay) = build(&store, &view)?;
    let head = head_of(&store, &view)?;
    let code = print_report(ctx, &status, &head, &view, &tr, || {
        text::status::render(&status, &replay, &ctx.out_style, &tr)
    })?;
    // The process ends here: leave the read models' memory to the OS rather
    // than freeing a million facts one by one (a fifth of the run).
    std::mem::forget(replay);
    std::mem::forget(status);
    Ok(code)
}
