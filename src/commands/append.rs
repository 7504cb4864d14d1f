//! `accord append`: JSON Lines events from a file or stdin, all or nothing.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use accord_events::input::parse_ahead;
use accord_events::store::{AppendOptions, AppendOutcome, Store};
use clap::Args;

use crate::context::Context;
use crate::error::{CliError, append_error};
use crate::render::progress::Progress;

/// Append events (JSON Lines) from FILE or stdin; all are recorded or none.
#[derive(Debug, Args)]
#[command(after_help = r#"Each line is one event:
  {"id": "ev-0042", "type": "agreement.endorsed", "occurred_at": "2009-09-11",
   "source": "Strategic Meeting minutes", "data": {"agreement": "pp-1", "version": 1, "by": "chair-health"}}

Example:
  accord --as secretariat append events.jsonl
  cat events.jsonl | accord --as secretariat append

Re-appending an event with the same id and content is skipped, so a file can be appended again safely.
`accord types` lists every event type and its fields."#)]
pub struct AppendArgs {
    /// The JSON Lines file (stdin when absent or `-`).
    pub file: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: AppendArgs) -> Result<ExitCode, CliError> {
    let reader: Box<dyn Read + Send> = match args.file.as_deref() {
        None => spooled_stdin()?,
        Some(p) if p.as_os_str() == "-" => spooled_stdin()?,
        Some(p) => Box::new(std::fs::File::open(p).map_err(|e| {
            CliError::rejected(
                format!("cannot read {}: {e}", p.display()),
                "check the file name",
            )
        })?),
    };
    // Opened only once the input is all there: a batch holds the log's
    // write lock from its first event to its commit.
    let mut store = ctx.open_write()?;
    let outcome = append_lines(ctx, &mut store, BufReader::new(reader))?;
    outln!("appended {}, skipped {}", outcome.appended, outcome.skipped)?;
    Ok(ExitCode::SUCCESS)
}

/// Standard input, read to its end before the log is touched.
///
/// A batch holds the log's write lock (SQLite's, or the writers' lock of a
/// PostgreSQL log shared by several offices) until it commits. Read
/// straight from a pipe, a slow producer, or someone typing at a terminal,
/// would keep every other writer waiting, and failing after 30 seconds.
/// So a pipe or terminal is first copied to an unnamed temporary file
/// (removed by the system when accord exits); a file redirected with `<`
/// is read directly.
fn spooled_stdin() -> Result<Box<dyn Read + Send>, CliError> {
    let stdin = std::io::stdin();
    if let Some(file) = regular_file(&stdin) {
        return Ok(Box::new(file));
    }
    let failed = |e: std::io::Error| {
        CliError::rejected(
            format!("cannot read the events from standard input: {e}"),
            "give the events as a file instead: `accord append FILE`; the log is unchanged",
        )
    };
    let mut spool = tempfile::tempfile().map_err(failed)?;
    std::io::copy(&mut stdin.lock(), &mut spool).map_err(failed)?;
    std::io::Seek::rewind(&mut spool).map_err(failed)?;
    Ok(Box::new(spool))
}

/// Standard input as a file, when it is a regular file (`< events.jsonl`).
fn regular_file(stdin: &std::io::Stdin) -> Option<std::fs::File> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let fd = stdin.as_fd().try_clone_to_owned().ok()?;
        let file = std::fs::File::from(fd);
        file.metadata().ok()?.is_file().then_some(file)
    }
    #[cfg(not(unix))]
    {
        let _ = stdin;
        None
    }
}

/// Appends every line of `reader` in one batch.
pub fn append_lines(
    ctx: &Context,
    store: &mut Store,
    reader: impl BufRead + Send,
) -> Result<AppendOutcome, CliError> {
    let today = ctx.clock.today();
    let progress = Progress::new("appending", "events", None);
    let tick = |n: u64| progress.set(n);
    let opts = AppendOptions {
        operator: ctx.operator.as_deref(),
        progress: Some(&tick),
        ..AppendOptions::default()
    };
    let outcome =
        parse_ahead(reader, today, |events| store.append(events, &opts)).map_err(append_error);
    progress.finish();
    outcome
}
