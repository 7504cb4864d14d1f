//! `accord head`: the log's head, `SEQ HASH`, for the minutes; with
//! `--sign`, a witnessed head a partner keeps (docs/signatures.md).

use std::path::PathBuf;
use std::process::ExitCode;

use accord_events::signature::{SecretKey, SignedHead};
use clap::Args;

use crate::context::Context;
use crate::error::{ALTERED, CliError};

/// Print the log's head as `SEQ HASH` (write it in the minutes; check it later with `verify --head`).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  accord head\n  142 9f2c…\n  accord verify --head 142:9f2c…   # later: proves nothing up to 142 was changed\n  accord head --sign ~/.ssh/id_ed25519 --out head-2009-09-11-moh.sig\n  accord verify --witness head-*.sig --allowed-signers partners_signers --quorum 2\n\nWith --sign the log is verified first; an altered log is not signed (exit 3)."
)]
pub struct HeadArgs {
    /// Sign the head with this OpenSSH private key (Ed25519), namespace accord-head.
    #[arg(long, value_name = "KEYFILE", requires = "out")]
    pub sign: Option<PathBuf>,
    /// Where to write the witnessed head (with --sign).
    #[arg(long, value_name = "FILE", requires = "sign")]
    pub out: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: HeadArgs) -> Result<ExitCode, CliError> {
    let store = ctx.open_read()?;
    let (Some(key_path), Some(out)) = (&args.sign, &args.out) else {
        let head = store.head()?;
        if ctx.json {
            outln!(
                "{}",
                serde_json::json!({"seq": head.seq, "hash": hex::encode(head.hash)})
            )?;
        } else {
            outln!("{head}")?;
        }
        return Ok(ExitCode::SUCCESS);
    };
    // A witness vouches for what it signs: the chain and every signature
    // are checked first.
    let report = store.verify(None, |_| {})?;
    if let Some(b) = &report.breach {
        eprintln!(
            "error: the log was altered (first bad seq {}): {}; it is not signed",
            b.seq, b.reason
        );
        return Ok(ExitCode::from(ALTERED));
    }
    let Some(first) = report.first_hash else {
        return Err(CliError::rejected(
            "the log is empty: there is no head to sign",
            "sign the head after the first events are recorded",
        ));
    };
    let key = read_key(key_path)?;
    let signed = SignedHead::sign(&key, first, report.head.seq, report.head.hash)
        .map_err(|e| CliError::rejected(format!("--sign: {e}"), "check the key file"))?;
    if out.exists() {
        return Err(CliError::rejected(
            format!(
                "{} already exists; a witnessed head is not overwritten",
                out.display()
            ),
            "choose another --out file (for example with the date and your organisation in its name)",
        ));
    }
    super::out_file::write_whole(out, signed.to_file().as_bytes())?;
    if ctx.json {
        outln!(
            "{}",
            serde_json::json!({
                "seq": signed.seq,
                "hash": hex::encode(signed.hash),
                "log": hex::encode(signed.log),
                "fingerprint": key.fingerprint(),
                "out": out.display().to_string(),
            })
        )?;
    } else {
        outln!(
            "signed head {} {} of log {} with {} → {}",
            signed.seq,
            hex::encode(signed.hash),
            hex::encode(signed.log),
            key.fingerprint(),
            out.display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads the witness's private key; an encrypted key asks for its
/// passphrase on the terminal.
fn read_key(path: &std::path::Path) -> Result<SecretKey, CliError> {
    crate::commands::entry::read_secret_key(path, "--sign")
}
