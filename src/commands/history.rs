//! `accord history`: how a partnership changed, change by change, with the
//! trend of its review scores.

use std::process::ExitCode;

use accord_projections::{History, Replay};
use clap::Args;

use super::folds::{ReportKey, ReportReads};
use super::reading::{
    TimeArgs, not_established, print_saved_report, report_form, report_json, story_events, wording,
};
use crate::context::Context;
use crate::error::CliError;
use crate::render::i18n::LangArgs;
use crate::render::text;

/// Show how a partnership changed, change by change, and how its review scores moved.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  accord history twg-health\n  accord history twg-health --diff\n  accord history twg-health --as-of 2009-12-31\n  accord history twg-health --lang km,en\n  accord history twg-health --json"
)]
pub struct HistoryArgs {
    /// The partnership's id (e.g. twg-health).
    pub partnership: String,
    /// Under each revision of an agreement, show what changed in its text
    /// word by word: removed words [-like this-], added words {+like this+}
    /// (text output; `accord audit AGREEMENT --json` has the same diff as data).
    #[arg(long)]
    pub diff: bool,
    #[command(flatten)]
    pub time: TimeArgs,
    #[command(flatten)]
    pub lang: LangArgs,
}

pub fn run(ctx: &Context, args: HistoryArgs) -> Result<ExitCode, CliError> {
    let view = args.time.view(ctx)?;
    let tr = wording(&args.lang)?;
    let store = ctx.open_read()?;
    let key = ReportKey {
        kind: "history",
        partnership: &args.partnership,
        reads: ReportReads::Story,
        form: report_form(
            ctx,
            Some(&args.lang),
            &format!("diff={}", args.diff && !ctx.json),
        )?,
    };
    print_saved_report(ctx, &store, &view, &tr, &key, || {
        let events = story_events(&store, &args.partnership, &view, !ctx.read_only)?;
        let history = History::build(&events, &args.partnership, &view)
            .ok_or_else(|| not_established(&args.partnership, &view))?;
        match ctx.json {
            true => report_json(&history),
            false => {
                let replay = Replay::of(&events, &view);
                Ok(text::history::render(
                    &history,
                    &replay,
                    &ctx.out_style,
                    args.diff,
                    &tr,
                ))
            }
        }
    })
}
