//! `accord signers`: every registered key as an OpenSSH allowed_signers
//! file, so an auditor checks an endorsement with `ssh-keygen -Y verify`
//! and nothing of accord's.

use std::process::ExitCode;

use accord_events::rules::Signing;
use accord_events::signature::ENDORSEMENT_NAMESPACE;
use chrono::Days;
use clap::Args;

use crate::context::Context;
use crate::error::CliError;

/// Print every registered signing key as an OpenSSH allowed_signers file:
/// one line per key, the person as principal, namespaces="accord-endorsement",
/// valid-after the day it was added and, when revoked, valid-before the day
/// after the revocation (a key signs endorsements dated up to its revocation day).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  accord signers > allowed_signers\n  accord audit pp-1 --by chair-health --statement > s.txt\n  accord audit pp-1 --by chair-health --signature > s.txt.sig\n  ssh-keygen -Y verify -f allowed_signers -I chair-health -n accord-endorsement -s s.txt.sig < s.txt\n\nssh-keygen checks validity dates at the time it runs; for a key revoked since, add\n-Overify-time=YYYYMMDD (the endorsement's date)."
)]
pub struct SignersArgs {
    /// The keys as they stood at the end of this date (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

pub fn run(ctx: &Context, args: SignersArgs) -> Result<ExitCode, CliError> {
    let as_of = match &args.as_of {
        Some(d) => {
            accord_events::fields::Day::parse(d)
                .map_err(|m| CliError::usage(format!("--as-of: {m}"), "write YYYY-MM-DD"))?
                .0
        }
        None => ctx.clock.today(),
    };
    let store = ctx.open_read()?;
    let events = store.read_all()?;
    let signing = Signing::fold_as_of(&events, Some(as_of));
    let day = |d: chrono::NaiveDate| d.format("%Y%m%d").to_string();
    let keys = signing.keys();
    if ctx.json {
        let v: Vec<_> = keys
            .iter()
            .map(|k| {
                serde_json::json!({
                    "person": k.person,
                    "fingerprint": k.fingerprint,
                    "key": k.line,
                    "added_on": k.added_on.to_string(),
                    "revoked_on": k.revoked_on.map(|d| d.to_string()),
                })
            })
            .collect();
        outln!("{}", serde_json::Value::Array(v))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = format!(
        "# allowed_signers for the endorsements of this accord log, as of {as_of}\n# (accord signers; check with ssh-keygen -Y verify -n {ENDORSEMENT_NAMESPACE})\n"
    );
    for k in keys {
        let before = k
            .revoked_on
            .and_then(|r| r.checked_add_days(Days::new(1)))
            .map(|d| format!(",valid-before=\"{}Z\"", day(d)))
            .unwrap_or_default();
        out.push_str(&format!(
            "{} namespaces=\"{ENDORSEMENT_NAMESPACE}\",valid-after=\"{}Z\"{before} {} {}\n",
            k.person,
            day(k.added_on),
            k.line,
            k.fingerprint
        ));
    }
    crate::render::text::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}
