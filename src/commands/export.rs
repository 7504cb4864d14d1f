//! `accord export`: the whole log, as stored envelopes or as CSV.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use accord_events::store::StoreError;
use clap::{Args, ValueEnum};

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
    let sink: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(std::fs::File::create(p)?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = BufWriter::new(sink);
    let written = (|| -> Result<(), StoreError> {
        match args.format {
            Format::Jsonl => store.for_each(|e| {
                writeln!(w, "{}", e.to_json_line())?;
                Ok(())
            })?,
            Format::Csv => {
                let mut c = csv::Writer::from_writer(&mut w);
                c.write_record(HEADER).map_err(csv_error)?;
                store.for_each(|e| c.write_record(row(&e)).map_err(csv_error))?;
                c.flush()?;
            }
        }
        w.flush()?;
        Ok(())
    })();
    match written {
        // A reader that stops early (`| head`) is not an error.
        Err(StoreError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            return Ok(ExitCode::SUCCESS);
        }
        other => other?,
    }
    if let Some(p) = &args.out {
        eprintln!("wrote {}", p.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn csv_error(e: csv::Error) -> StoreError {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => StoreError::Io(io),
        other => StoreError::Io(std::io::Error::other(format!("{other:?}"))),
    }
}
