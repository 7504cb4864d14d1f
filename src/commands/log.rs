//! `accord log`: the recorded events in `seq` order, filtered.

use std::process::ExitCode;

use accord_events::store::LogFilter;
use accord_events::{Event, StoredEvent};
use clap::Args;

use super::known;
use crate::context::Context;
use crate::error::CliError;
use crate::render::summary::summary;

/// Show recorded events in seq order (JSON Lines envelopes with --json):
/// each line starts with the seq and ends with the event's id in [brackets]
/// (a long id by its shortest unique start); `accord retract` takes either.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  accord log --partnership twg-health --since 2009-09-01\n  accord log --agreement pp-health --json\n  accord log --by chair-health --limit 20"
)]
pub struct LogArgs {
    /// Only events of this partnership.
    #[arg(long, value_name = "ID")]
    pub partnership: Option<String>,
    /// Only events on this agreement.
    #[arg(long, value_name = "ID")]
    pub agreement: Option<String>,
    /// Only events whose data names this person.
    #[arg(long, value_name = "PERSON")]
    pub by: Option<String>,
    /// Only events recorded by this operator (the name exactly as recorded).
    #[arg(long, value_name = "NAME")]
    pub recorded_by: Option<String>,
    /// Only events of this type (e.g. agreement.endorsed).
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// Only events that occurred on or after this date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Only events that occurred on or before this date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    /// Keep only the last N events.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

fn date_arg(flag: &str, v: &Option<String>) -> Result<Option<String>, CliError> {
    match v {
        None => Ok(None),
        Some(s) => accord_events::fields::Day::parse(s)
            .map(|d| Some(d.to_string()))
            .map_err(|m| CliError::usage(format!("--{flag}: {m}"), "dates are written YYYY-MM-DD")),
    }
}

pub fn run(ctx: &Context, args: LogArgs) -> Result<ExitCode, CliError> {
    if let Some(k) = &args.kind {
        known::event_type(k)?;
    }
    let filter = LogFilter {
        stream: args
            .partnership
            .as_ref()
            .map(|p| format!("partnership:{p}")),
        kind: args.kind.clone(),
        recorded_by: args.recorded_by.clone(),
        since: date_arg("since", &args.since)?,
        until: date_arg("until", &args.until)?,
    };
    let store = ctx.open_read()?;
    // An id the log never held is a typo, not "nothing happened".
    if let Some(p) = &args.partnership {
        known::partnership(&store, p)?;
    }
    if let Some(a) = &args.agreement {
        known::agreement(&store, a)?;
    }
    if let Some(p) = &args.by {
        known::person(&store, p)?;
    }
    let mut rows: Vec<(StoredEvent, Option<Event>)> = Vec::new();
    for e in store.stored_matching(&filter)? {
        let typed = e.decode().ok().map(|env| env.event);
        let keep_agreement = args.agreement.as_ref().is_none_or(|a| {
            typed
                .as_ref()
                .and_then(|t| t.agreement())
                .is_some_and(|x| x.as_str() == a)
        });
        let keep_by = args.by.as_ref().is_none_or(|p| {
            typed
                .as_ref()
                .is_some_and(|t| t.persons().iter().any(|x| x.as_str() == p))
        });
        if keep_agreement && keep_by {
            rows.push((e, typed));
        }
    }
    if let Some(n) = args.limit {
        let skip = rows.len().saturating_sub(n);
        rows.drain(..skip);
    }
    // Long ids (the UUIDs of events recorded without --id) are shown by
    // their shortest unique prefix, which `accord retract` takes; unique
    // means across the whole log, so every id is read when one is long.
    let ids = if !ctx.json && rows.iter().any(|(e, _)| e.id.chars().count() > 12) {
        Some(known::EventIds::read(&store)?)
    } else {
        None
    };
    let mut out = String::new();
    for (e, typed) in &rows {
        if ctx.json {
            out.push_str(&e.to_json_line());
        } else {
            let gist = typed
                .as_ref()
                .map_or_else(|| "(cannot be read)".to_owned(), summary);
            out.push_str(&format!(
                "{:>6}  {:<10}  {:<24} {}  {}",
                e.seq,
                &e.occurred_at[..e.occurred_at.len().min(10)],
                e.kind,
                gist,
                ctx.out_style.dim(&format!(
                    "[{}]",
                    ids.as_ref()
                        .map_or_else(|| e.id.clone(), |ids| ids.short(&e.id))
                ))
            ));
        }
        out.push('\n');
    }
    if rows.is_empty()
        && let Some(name) = &args.recorded_by
    {
        known::operator(&store, name)?;
    }
    if !ctx.json && rows.is_empty() {
        eprintln!("no events match");
    }
    crate::render::text::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}
