//! `accord diff`: what changed in a partnership between two dates.

use std::process::ExitCode;

use accord_projections::{PartnershipDiff, Replay};
use clap::Args;

use super::folds::{ReportKey, ReportReads};
use super::reading::{
    day_arg, not_established, print_saved_report, report_form, report_json, story_events,
};
use crate::context::Context;
use crate::error::CliError;
use crate::render::text;

/// Show what changed in a partnership between the end of one date and the end of another.
#[derive(Debug, Args)]
#[command(
    after_help = "The state at the end of --from is compared with the state at the end of --to,\nso a change made on the --from date itself is not listed.\n\nExamples:\n  accord diff twg-health --from 2009-09-08 --to 2009-09-11\n  accord diff twg-health --from 2009-06-30 --to 2010-08-31 --json"
)]
pub struct DiffArgs {
    /// The partnership's id (e.g. twg-health).
    pub partnership: String,
    /// The earlier date (its end).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: String,
    /// The later date (its end) [default: today, UTC; with --known-at, that moment's date].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    /// Only what had been recorded by then: RFC 3339, or a date meaning its end (UTC).
    #[arg(long, value_name = "TIMESTAMP")]
    pub known_at: Option<String>,
}

pub fn run(ctx: &Context, args: DiffArgs) -> Result<ExitCode, CliError> {
    let view = super::reading::TimeArgs {
        as_of: args.to.clone(),
        known_at: args.known_at.clone(),
    }
    .view(ctx)?;
    let from = day_arg("from", &args.from)?;
    if from > view.as_of {
        return Err(CliError::usage(
            format!("--from {from} is after --to {}", view.as_of),
            "give the earlier date as --from",
        ));
    }
    let store = ctx.open_read()?;
    let key = ReportKey {
        kind: "diff",
        partnership: &args.partnership,
        reads: ReportReads::Story,
        form: report_form(ctx, None, &format!("from={from}"))?,
    };
    let tr = crate::render::i18n::Tr::english();
    print_saved_report(ctx, &store, &view, &tr, &key, || {
        let events = story_events(&store, &args.partnership, &view, !ctx.read_only)?;
        let diff = PartnershipDiff::build(&events, &args.partnership, from, view.as_of, &view)
            .ok_or_else(|| not_established(&args.partnership, &view))?;
        match ctx.json {
            true => report_json(&diff),
            false => {
                let replay = Replay::of(&events, &view);
                Ok(text::diff::render(&diff, &replay, &ctx.out_style))
            }
        }
    })
}
