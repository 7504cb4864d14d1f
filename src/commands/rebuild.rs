//! `accord rebuild`: drop the derived data kept beside the log and fold it
//! afresh.

use std::process::ExitCode;
use std::time::Instant;

use accord_events::store::ReadingIndex;
use clap::Args;

use crate::context::Context;
use crate::error::CliError;

/// Rebuild the saved rule state and the reading index (derived data) from the log; delete the saved folds, reports and kept inputs.
///
/// To check each new event against the rules, accord needs the state of
/// everything recorded before it. On a large log, folding that from the
/// first event takes seconds, so after a batch accord saves the state
/// beside the log (every 20,000 events; ACCORD_CHECKPOINT_EVERY changes
/// that, 0 turns it off) and the next process starts from it. The saved
/// state is used only while the log still holds the exact event it was
/// saved at, and never by verify, export or any report.
///
/// Beside it, an SQLite log keeps the programme's reading index: where the
/// stages, frameworks, retractions and translations are in the programme
/// stream, and which of its meetings, activities and interviews name each
/// partnership, so that reading one partnership (show, history, diff, the
/// web view) does not scan the programme's thousands of meetings. It is caught up after each
/// append, and ignored (the stream is scanned) unless the log still holds
/// the event it was caught up to and its rows match their digest.
///
/// `status` also saves, in a file beside an SQLite log (`<log>.folds`),
/// what each stream gave it in the view asked for, so that the next status
/// in that view folds again only the streams that changed; a saved fold is
/// used only while the last event of each stream it read is still the same.
///
/// `rebuild` drops all three and builds the first two again from the
/// whole log (the next `status` saves its folds again): after restoring
/// or copying a log, or whenever you want to be sure they reflect nothing
/// but the log.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  accord rebuild\n  rebuilt the saved rule state from 1000000 events (head 1000000 49508e3f…) in 3.1 s\n  rebuilt the reading index up to seq 1000000\n  deleted the saved folds, reports and kept inputs (readers save them again)"
)]
pub struct RebuildArgs {}

pub fn run(ctx: &Context, _args: RebuildArgs) -> Result<ExitCode, CliError> {
    let mut store = ctx.open_write()?;
    let started = Instant::now();
    let head = store.rebuild_checkpoint()?;
    let took = started.elapsed().as_secs_f64();
    let reading = store.reading_index();
    if ctx.json {
        let covers = match reading {
            ReadingIndex::Covers(seq) => Some(seq),
            ReadingIndex::Missing | ReadingIndex::Ignored(_) => None,
        };
        outln!(
            "{}",
            serde_json::json!({
                "events": head.seq,
                "head": {"seq": head.seq, "hash": hex::encode(head.hash)},
                "reading_index": covers,
            })
        )?;
    } else {
        outln!(
            "rebuilt the saved rule state from {} events (head {head}) in {took:.1} s",
            head.seq
        )?;
        // What the second derived table holds now, so that nobody has to
        // guess whether `show` will use it (each line under 80 columns).
        match reading {
            ReadingIndex::Covers(seq) => {
                outln!("rebuilt the reading index up to seq {seq}")?;
                outln!(
                    "deleted the saved folds, reports and kept inputs (readers save them again)"
                )?;
            }
            ReadingIndex::Missing => outln!(
                "this log keeps no reading index (PostgreSQL): reads scan the programme stream"
            )?,
            ReadingIndex::Ignored(why) => {
                outln!("reading index not rebuilt ({why}); reads scan the stream")?
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
