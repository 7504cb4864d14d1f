//! `accord generate`: print a deterministic, valid, realistic programme log.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use accord_events::fields::Day;
use accord_generate::{Config, Generator};
use chrono::NaiveDate;
use clap::Args;

use super::out_file::{self, OutFile};
use crate::context::Context;
use crate::error::CliError;
use crate::render::progress::Progress;

/// Print a generated programme as JSON Lines: valid under every rule, the
/// same bytes for the same arguments. For trying accord at scale and for the
/// benchmarks.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  accord generate --events 1000000 --partnerships 200 --seed 1 > big.jsonl\n  accord init --db big.db && accord --db big.db --as gen append big.jsonl\n\nThe events span --since to --until (default 2004-01-01 to 2025-12-31, and never after today: set ACCORD_NOW to pin it); activity is Zipf-skewed across partnerships, with revisions, retractions and some back-dated entries."
)]
pub struct GenerateArgs {
    /// How many events.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub events: u64,
    /// How many partnerships.
    #[arg(long, default_value_t = 20, value_name = "P")]
    pub partnerships: u32,
    /// The random seed.
    #[arg(long, default_value_t = 1, value_name = "S")]
    pub seed: u64,
    /// The programme's first day.
    #[arg(long, default_value = "2004-01-01", value_name = "DATE")]
    pub since: String,
    /// The last day an event may occur on (capped at today).
    #[arg(long, default_value = "2025-12-31", value_name = "DATE")]
    pub until: String,
    /// Write to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

fn date(s: &str, flag: &str) -> Result<NaiveDate, CliError> {
    Day::parse(s)
        .map(|d| d.0)
        .map_err(|m| CliError::usage(format!("{flag}: {m}"), "write the date as YYYY-MM-DD"))
}

pub fn run(ctx: &Context, args: GenerateArgs) -> Result<ExitCode, CliError> {
    if args.partnerships == 0 {
        return Err(CliError::usage(
            "--partnerships must be at least 1",
            "for example --partnerships 200",
        ));
    }
    let since = date(&args.since, "--since")?;
    let until = date(&args.until, "--until")?.min(ctx.clock.today());
    if until < since {
        return Err(CliError::usage(
            format!("the span ends ({until}) before it starts ({since})"),
            "give --since before --until (and before today, or set ACCORD_NOW)",
        ));
    }
    let cfg = Config {
        events: args.events,
        partnerships: args.partnerships,
        seed: args.seed,
        since,
        until,
    };
    let progress = Progress::new("generating", "events", Some(args.events));
    let done = match &args.out {
        Some(p) => {
            let mut file = OutFile::create(p)?;
            let written = write_events(cfg, &mut file, &progress);
            progress.finish();
            written.map_err(|e| out_file::cannot_write(p, &e))?;
            file.finish()
        }
        None => {
            let written = write_events(cfg, std::io::stdout().lock(), &progress);
            progress.finish();
            match written {
                // `accord generate | head` is fine.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(out_file::cannot_write_stdout("the events", &e)),
                Ok(()) => Ok(()),
            }
        }
    };
    done.map(|()| ExitCode::SUCCESS)
}

/// Writes the generated log to `sink`, one event a line.
fn write_events(cfg: Config, sink: impl Write, progress: &Progress) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, sink);
    let mut written = 0u64;
    for line in Generator::new(cfg) {
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        written += 1;
        progress.set(written);
    }
    out.flush()
}
