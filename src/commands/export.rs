//! `accord export`: the whole log, as stored envelopes or as CSV.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use accord_events::store::{Store, StoreError};
use clap::{Args, ValueEnum};

use super::out_file::{self, OutFile};
use crate::context::Context;
use crate::error::CliError;
use crate::render::csv::{HEADER, row};

/// Export the whole log: `jsonl` is a backup an auditor can check
/// (`accord verify --file`) and restore; `csv` opens in a spreadsheet.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  accord export > backup.jsonl && accord verify --file backup.jsonl\n  accord export --format csv --out events.csv"
)]
pub struct ExportArgs {
    /// The format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Stored envelopes, one JSON object per line.
    Jsonl,
    /// One row per event, formulas neutralised.
    Csv,
}

pub fn run(ctx: &Context, args: ExportArgs) -> Result<ExitCode, CliError> {
    let store = ctx.open_read()?;
    match &args.out {
        Some(path) => {
            let mut file = OutFile::create(path)?;
            write_log(&store, args.format, &mut file).map_err(|e| e.into_cli(Some(path)))?;
            file.finish()?;
            eprintln!("wrote {}", path.display());
        }
        None => match write_log(&store, args.format, std::io::stdout().lock()) {
            // A reader that stops early (`| head`) is not an error.
            Err(Failed::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other.map_err(|e| e.into_cli(None))?,
        },
    }
    Ok(ExitCode::SUCCESS)
}

/// Why an export stopped: the log could not be read, or the output could
/// not be written (a full disk is not a damaged log, and says so).
enum Failed {
    Log(StoreError),
    Output(std::io::Error),
}

impl Failed {
    fn into_cli(self, path: Option<&Path>) -> CliError {
        match self {
            Failed::Log(e) => CliError::store(e),
            Failed::Output(e) => match path {
                Some(p) => out_file::cannot_write(p, &e),
                None => out_file::cannot_write_stdout("the export", &e),
            },
        }
    }
}

/// Writes every event of the log to `sink` in `format`.
fn write_log(store: &Store, format: Format, sink: impl Write) -> Result<(), Failed> {
    let mut w = BufWriter::new(sink);
    // The first error of the output, kept apart from the log's own.
    let mut output = None;
    let mut out = |r: std::io::Result<()>| {
        r.map_err(|e| {
            output.get_or_insert(e);
            StoreError::Io(std::io::Error::other("the output could not be written"))
        })
    };
    let read = match format {
        Format::Jsonl => store.for_each(|e| out(writeln!(w, "{}", e.to_json_line()))),
        Format::Csv => {
            let mut c = csv::Writer::from_writer(&mut w);
            out(c.write_record(HEADER).map_err(csv_error))
                .and_then(|()| store.for_each(|e| out(c.write_record(row(&e)).map_err(csv_error))))
                .and_then(|()| out(c.flush()))
        }
    };
    let read = read.and_then(|()| out(w.flush()));
    match (output, read) {
        (Some(e), _) => Err(Failed::Output(e)),
        (None, Err(e)) => Err(Failed::Log(e)),
        (None, Ok(())) => Ok(()),
    }
}

fn csv_error(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}
