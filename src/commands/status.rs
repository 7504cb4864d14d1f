//! `accord status`: the programme at a glance.

use std::process::ExitCode;

use accord_events::store::Store;
use accord_projections::{ProgrammeStatus, Replay, ReplayBuilder, Sieve, StatusBuilder, View};
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

/// The programme's status in `view`, and the fold of the directory and the
/// programme its text is rendered with.
///
/// Read stream by stream so that memory holds the directory, the programme
/// and one partnership at a time, never every fact of the log: the
/// retractions first (an event retracted later in the log must not be
/// folded), then the directory and programme streams, then each
/// partnership's stream, folded, summarised into its line and let go
/// (`StatusBuilder`; a property test in projections holds it to the fold
/// of the whole log). Nothing dated after the as-of date is read but what
/// counts at any date.
pub fn build(store: &Store, view: &View) -> Result<(ProgrammeStatus, Replay), CliError> {
    let retractions = stream::prelude(store, &["event.retracted"])?;
    let mut status = StatusBuilder::new(Sieve::new(view, &retractions));
    stream::fold_by_stream(store, view, &mut status)?;
    Ok(status.finish())
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
