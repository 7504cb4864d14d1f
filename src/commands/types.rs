//! `accord types`: the event catalogue, from its one definition.

use std::process::ExitCode;

use accord_events::EventKind;
use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::error::CliError;

/// List every event type with its fields (`?` marks an optional field).
#[derive(Debug, Args)]
pub struct TypesArgs {}

pub fn run(ctx: &Context, _args: TypesArgs) -> Result<ExitCode, CliError> {
    if ctx.json {
        for k in EventKind::ALL {
            outln!(
                "{}",
                json!({"type": k.as_str(), "doc": k.doc(), "fields": k.fields()})
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    for k in EventKind::ALL {
        outln!("{}", ctx.out_style.bold(k.as_str()))?;
        outln!("  {}", k.doc())?;
        outln!("  data: {}", k.fields())?;
    }
    Ok(ExitCode::SUCCESS)
}
