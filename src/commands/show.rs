//! `accord show`: a partnership's state on a date, as it was known at a time.

use std::process::ExitCode;

use clap::Args;

use super::folds::{ReportKey, ReportReads};
use super::reading::{TimeArgs, print_saved_report, report_form, report_json, state, wording};
use crate::context::Context;
use crate::error::CliError;
use crate::render::i18n::LangArgs;
use crate::render::text;

/// Show a partnership as it stood: members, agreements and endorsements,
/// latest review scores, commitments, findings, what is overdue.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  accord show twg-health\n  accord show twg-health --as-of 2009-09-11\n  accord show twg-health --as-of 2009-12-31 --known-at 2010-01-15   # what the tracker showed then\n  accord show twg-health --lang km\n  accord show twg-health --json"
)]
pub struct ShowArgs {
    /// The partnership's id (e.g. twg-health).
    pub partnership: String,
    #[command(flatten)]
    pub time: TimeArgs,
    #[command(flatten)]
    pub lang: LangArgs,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<ExitCode, CliError> {
    let view = args.time.view(ctx)?;
    let tr = wording(&args.lang)?;
    let store = ctx.open_read()?;
    let key = ReportKey {
        kind: "show",
        partnership: &args.partnership,
        reads: ReportReads::State,
        form: report_form(ctx, Some(&args.lang), "")?,
    };
    print_saved_report(ctx, &store, &view, &tr, &key, || {
        let (state, replay) = state(&store, &args.partnership, &view, !ctx.read_only)?;
        let report = match ctx.json {
            true => report_json(&state)?,
            false => text::show::render(&state, &replay, &ctx.out_style, &tr),
        };
        // The process ends soon: leave the read models' memory to the OS
        // rather than free a busy partnership's facts one by one (as
        // `status` does).
        std::mem::forget(replay);
        std::mem::forget(state);
        Ok(report)
    })
}
