//! `accord verify`: recompute the hash chain and the log's invariants.

use std::io::BufReader;
use std::path::PathBuf;
use std::process::ExitCode;

use accord_events::verify::{Head, VerifyReport, verify_export};
use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::error::{ALTERED, CliError};
use crate::render::progress::Progress;
use crate::render::text;

/// Check that the log was not altered: every hash, seq and stream position,
/// and (with --head) that it still extends a head written down earlier.
#[derive(Debug, Args)]
#[command(
    after_help = "It also checks that the log's append-only guards (its triggers) stand as accord made them, and warns if one is missing, disabled or changed; the exit code stays that of the chain, which alone proves whether events were edited.\n\nExit codes: 0 intact, 3 altered (the first bad seq is named), 1 the log cannot be opened.\n\nExamples:\n  accord verify\n  accord verify --head 142:9f2c0d…   # the head from `accord head`, kept in the minutes\n  accord verify --file backup.jsonl  # an export, without a database"
)]
pub struct VerifyArgs {
    /// A head kept elsewhere (`SEQ:HASH` from `accord head`): the log must still extend it.
    #[arg(long, value_name = "SEQ:HASH")]
    pub head: Option<String>,
    /// Check an exported log (`accord export`) instead of the database.
    #[arg(long, value_name = "EXPORT")]
    pub file: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: VerifyArgs) -> Result<ExitCode, CliError> {
    let head = args
        .head
        .as_deref()
        .map(Head::parse)
        .transpose()
        .map_err(|m| {
            CliError::usage(
                m,
                "copy the head exactly as `accord head` printed it, e.g. --head 142:9f2c…",
            )
        })?;
    let mut guards = Vec::new();
    let report = match &args.file {
        Some(path) => {
            let progress = Progress::new("verifying", "events", None);
            let f = std::fs::File::open(path).map_err(|e| {
                CliError::rejected(
                    format!("cannot read {}: {e}", path.display()),
                    "check the file name",
                )
            })?;
            let report = verify_export(BufReader::new(f), head, |n| progress.set(n));
            progress.finish();
            report?
        }
        None => {
            let store = ctx.open_read()?;
            // The head as stored gives the total to count towards; a log
            // too damaged to tell it is verified without one.
            let total = store.head().ok().map(|h| h.seq);
            let progress = Progress::new("verifying", "events", total);
            let report = store.verify(head, |n| progress.set(n));
            progress.finish();
            let report = report?;
            // On a damaged file the guards may be unreadable too: that is
            // said, not a failure of verify.
            guards = store
                .guard_problems()
                .unwrap_or_else(|e| vec![format!("the append-only guards could not be read: {e}")]);
            report
        }
    };
    print_report(ctx, &report, head.as_ref(), &guards)?;
    Ok(if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(ALTERED)
    })
}

/// Prints the report; `checked` is the head given with `--head`, named
/// in the verdict so the minutes can say which head was proven; `guards`
/// are the append-only guards found missing or changed. They are warnings,
/// not a breach: the chain alone proves whether events were edited, and it
/// is intact or not whatever the guards.
fn print_report(
    ctx: &Context,
    r: &VerifyReport,
    checked: Option<&Head>,
    guards: &[String],
) -> std::io::Result<()> {
    if ctx.json {
        let v = json!({
            "ok": r.ok(),
            "events": r.events,
            "first_bad_seq": r.breach.as_ref().map(|b| b.seq),
            "reason": r.breach.as_ref().map(|b| b.reason.clone()),
            "head": {"seq": r.head.seq, "hash": hex::encode(r.head.hash)},
            "extends": checked.map(|h| json!({"seq": h.seq, "hash": hex::encode(h.hash)})),
            "guard_warnings": guards,
        });
        return text::emit(&format!("{v}\n"));
    }
    if !guards.is_empty() {
        eprintln!(
            "warning: the log no longer refuses edits as accord set it up: {}.",
            guards.join("; ")
        );
        eprintln!(
            "hint: the hash chain still shows whether any event was changed (see below); to get the guards back, copy the log into a new one: `accord export > log.jsonl` then `accord --db NEW restore log.jsonl`"
        );
    }
    let s = &ctx.out_style;
    let out = match &r.breach {
        None => format!(
            "{} {} events, hash chain intact; head {}{}\n",
            s.green("ok:"),
            r.events,
            r.head,
            checked.map_or_else(String::new, |h| format!("; extends {}", head_arg(h)))
        ),
        Some(b) => format!(
            "{} the log was altered: first bad seq {}\n  {}\n  events read: {}; head as found: {}{}\n",
            s.red("ALTERED:"),
            b.seq,
            b.reason,
            r.events,
            r.head,
            checked.map_or_else(String::new, |h| format!(
                "\n  head checked: {}",
                head_arg(h)
            ))
        ),
    };
    text::emit(&out)
}

/// A head as `--head` takes it: `SEQ:HASH`.
pub fn head_arg(h: &Head) -> String {
    format!("{}:{}", h.seq, hex::encode(h.hash))
}
