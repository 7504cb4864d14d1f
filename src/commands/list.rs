//! `accord list KIND`: what the log holds, one line per entity, the id
//! first — to find the id a command needs.

use std::process::ExitCode;

use accord_projections::ReplayBuilder;
use accord_projections::list;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::reading::TimeArgs;
use super::stream;
use crate::context::Context;
use crate::error::CliError;
use crate::render::text;

/// List what the log holds: organisations, people, partnerships,
/// agreements, reviews, commitments or stages, one per line with its id
/// first (JSON Lines with --json).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  accord list partnerships\n  accord list agreements --as-of 2009-09-11\n  accord list people --json\n  accord list commitments | grep overdue"
)]
pub struct ListArgs {
    /// What to list (the singular is accepted too: org, person, ...).
    #[arg(value_enum, value_name = "KIND")]
    pub kind: ListKind,
    #[command(flatten)]
    pub time: TimeArgs,
}

/// The kinds of thing `accord list` lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListKind {
    /// Organisations: id, side, partnerships, name.
    #[value(alias = "org", alias = "organisations", alias = "organisation")]
    Orgs,
    /// People: id, organisation and side on the as-of date, name.
    #[value(alias = "person")]
    People,
    /// Partnerships: id, open or closed, members, name.
    #[value(alias = "partnership")]
    Partnerships,
    /// Agreements: id, partnership, status, version, title.
    #[value(alias = "agreement")]
    Agreements,
    /// Reviews: id, partnership, open or concluded, responses, dates.
    #[value(alias = "review")]
    Reviews,
    /// Commitments: id, partnership, owner, status, due date, text.
    #[value(alias = "commitment")]
    Commitments,
    /// Stages: number, progress, planned dates, name.
    #[value(alias = "stage")]
    Stages,
}

impl ListKind {
    /// The plural noun, for "no … in the log".
    fn noun(self) -> &'static str {
        match self {
            ListKind::Orgs => "organisations",
            ListKind::People => "people",
            ListKind::Partnerships => "partnerships",
            ListKind::Agreements => "agreements",
            ListKind::Reviews => "reviews",
            ListKind::Commitments => "commitments",
            ListKind::Stages => "stages",
        }
    }
}

/// Rows as JSON Lines: one object per line.
fn json_lines<T: Serialize>(rows: &[T]) -> Result<String, CliError> {
    let mut out = String::new();
    for r in rows {
        let line = serde_json::to_string(r).map_err(|e| {
            CliError::rejected(format!("cannot write JSON: {e}"), "report this as a bug")
        })?;
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}

/// The text or JSON of `rows`, and how many there are.
fn render<T: Serialize>(
    ctx: &Context,
    rows: &[T],
    text: impl Fn(&crate::render::style::Style, &[T]) -> String,
) -> Result<(String, usize), CliError> {
    let out = if ctx.json {
        json_lines(rows)?
    } else if rows.is_empty() {
        String::new()
    } else {
        text(&ctx.out_style, rows)
    };
    Ok((out, rows.len()))
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<ExitCode, CliError> {
    let view = args.time.view(ctx)?;
    let store = ctx.open_read()?;
    // Retractions first: an event retracted later in the log must not be
    // listed. People and stages need one stream each; the rest needs the
    // partnerships' streams, so the whole log is folded as it streams past.
    let mut fold = ReplayBuilder::new(stream::sieve(&store, &view)?);
    match args.kind {
        ListKind::People => store
            .read_streams(&["directory"])?
            .iter()
            .for_each(|e| fold.apply(e)),
        ListKind::Stages => store
            .read_streams(&["programme"])?
            .iter()
            .for_each(|e| fold.apply(e)),
        _ => stream::each(&store, |e| fold.apply(e))?,
    }
    let replay = fold.finish();
    let (out, n) = match args.kind {
        ListKind::Orgs => render(
            ctx,
            &list::organisations(&replay),
            text::list::organisations,
        )?,
        ListKind::People => render(ctx, &list::people(&replay, &view), text::list::people)?,
        ListKind::Partnerships => {
            render(ctx, &list::partnerships(&replay), text::list::partnerships)?
        }
        ListKind::Agreements => render(ctx, &list::agreements(&replay), text::list::agreements)?,
        ListKind::Reviews => render(ctx, &list::reviews(&replay), text::list::reviews)?,
        ListKind::Commitments => render(
            ctx,
            &list::commitments(&replay, &view),
            text::list::commitments,
        )?,
        ListKind::Stages => render(ctx, &list::stages(&replay), text::list::stages)?,
    };
    if n == 0 && !ctx.json {
        let known = view
            .known_at
            .as_deref()
            .map(|t| format!(" as known at {t}"))
            .unwrap_or_default();
        eprintln!(
            "no {} in the log as of {}{known}",
            args.kind.noun(),
            view.as_of
        );
    }
    text::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}
