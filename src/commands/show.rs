//! `accord show`: a partnership's state on a date, as it was known at a time.

use std::process::ExitCode;

use clap::Args;

use super::folds::partnership_report;
use super::reading::{TimeArgs, head_of, report_json, state, with_head, wording};
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
    let form = match ctx.json {
        true => "json".to_owned(),
        false => format!(
            "text {} color={}",
            args.lang
                .form()
                .map_err(|e| CliError::usage(e.to_string(), "give --lang en, km or km,en"))?,
            ctx.out_style.color
        ),
    };
    // The report is saved beside the log, and shown again from there while
    // the streams the state reads are unchanged (`folds.rs`).
    let report = partnership_report(
        &store,
        !ctx.read_only,
        KIND,
        &view,
        &args.partnership,
        &form,
        || {
            let (state, replay) = state(&store, &args.partnership, &view)?;
            let report = match ctx.json {
                true => report_json(&state)?,
                false => text::show::render(&state, &replay, &ctx.out_style, &tr),
            };
            // The process ends soon: leave the read models' memory to the
            // OS rather than free a busy partnership's facts one by one (as
            // `status` does).
            std::mem::forget(replay);
            std::mem::forget(state);
            Ok(report)
        },
    )?;
    let head = head_of(&store, &view)?;
    let out = match ctx.json {
        true => with_head(&report, &head),
        false => report + &text::footer(&ctx.out_style, &head, view.known_at.as_deref(), &tr),
    };
    text::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// What `show`'s saved reports are filed under.
const KIND: &str = "show";
