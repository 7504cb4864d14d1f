//! `accord status`: the programme at a glance.

use std::process::ExitCode;

use accord_projections::{ProgrammeStatus, Replay};
use clap::Args;

use super::show::{TimeArgs, head_of, print_json};
use crate::context::Context;
use crate::error::CliError;
use crate::render::text;

/// Show the programme: its stages, counts, and what is overdue or diverging.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  accord status\n  accord status --as-of 2009-12-31\n  accord status --json"
)]
pub struct StatusArgs {
    #[command(flatten)]
    pub time: TimeArgs,
}

pub fn run(ctx: &Context, args: StatusArgs) -> Result<ExitCode, CliError> {
    let view = args.time.view(ctx)?;
    let store = ctx.open_read()?;
    let events = store.read_all()?;
    let status = ProgrammeStatus::build(&events, &view);
    let head = head_of(&store, &view)?;
    if ctx.json {
        print_json(&status, &head)?;
    } else {
        let replay = Replay::of(&events, &view);
        let mut out = text::status::render(&status, &replay, &ctx.out_style);
        out.push_str(&text::footer(
            &ctx.out_style,
            &head,
            view.known_at.as_deref(),
        ));
        text::emit(&out)?;
    }
    Ok(ExitCode::SUCCESS)
}
