//! `accord serve`: a read-only web view of the log for people who do not
//! use a terminal (docs/serve.md). The web code lives in `crate::web`; this
//! module only reads the arguments and the access token.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::context::Context;
use crate::error::CliError;

/// Serve a read-only web view of the log: the programme, every partnership
/// on any date, histories, agreements, stage reports, the events and the
/// chain's proof. JSON under /api/… gives what the commands' --json gives.
#[derive(Debug, Args)]
#[command(
    after_help = "Listening on anything but a loopback address needs an access token, from ACCORD_SERVE_TOKEN or --token-file (at least 16 characters: letters, digits and -._~+/=). Browsers give it once as ?token=… (it is then kept in a cookie); other tools send `Authorization: Bearer TOKEN`.\n\naccord serve has no TLS of its own: to reach it from outside the office network, put it behind a reverse proxy that does.\n\nThe first line printed is the address served (useful with port 0).\n\nExamples:\n  accord serve                                 # http://127.0.0.1:8080/\n  accord serve --listen 127.0.0.1:0            # any free port\n  ACCORD_SERVE_TOKEN=$(cat token) accord serve --listen 0.0.0.0:8080\n  accord serve --listen 192.168.1.20:8080 --token-file /etc/accord/token"
)]
pub struct ServeArgs {
    /// The address and port to listen on.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// A file holding the access token (instead of ACCORD_SERVE_TOKEN).
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,
}

/// The shortest token accepted: a guessable token is no lock.
const TOKEN_MIN: usize = 16;

/// The access token: from --token-file, else ACCORD_SERVE_TOKEN; checked
/// to be long enough and to travel safely in a header, a query and a cookie.
fn token(args: &ServeArgs) -> Result<Option<String>, CliError> {
    let (token, from) = match &args.token_file {
        Some(path) => {
            let t = std::fs::read_to_string(path).map_err(|e| {
                CliError::usage(
                    format!("--token-file {}: {e}", path.display()),
                    "give a file holding the token on one line",
                )
            })?;
            (t, format!("the token in {}", path.display()))
        }
        None => match std::env::var("ACCORD_SERVE_TOKEN") {
            Ok(t) if !t.trim().is_empty() => (t, "ACCORD_SERVE_TOKEN".to_owned()),
            _ => return Ok(None),
        },
    };
    let token = token.trim().to_owned();
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~+/=".contains(c);
    if token.chars().count() < TOKEN_MIN || !token.chars().all(allowed) {
        return Err(CliError::usage(
            format!(
                "{from} must be at least {TOKEN_MIN} characters of letters, digits and -._~+/="
            ),
            "make one with `openssl rand -hex 32` (or `head -c 32 /dev/urandom | base64`)",
        ));
    }
    Ok(Some(token))
}

pub fn run(ctx: &Context, args: ServeArgs) -> Result<ExitCode, CliError> {
    let token = token(&args)?;
    if token.is_none() && !args.listen.ip().is_loopback() {
        return Err(CliError::usage(
            format!(
                "--listen {}: anything but a loopback address needs an access token",
                args.listen
            ),
            "set ACCORD_SERVE_TOKEN or give --token-file (make one with `openssl rand -hex 32`), or listen on 127.0.0.1",
        ));
    }
    // Pages read the same whatever the terminal the server was started in.
    crate::render::text::fixed_width();
    // A log that cannot be opened is said now, not on the first page load.
    ctx.open_read()?;
    crate::web::serve(ctx.clone(), args.listen, token)?;
    Ok(ExitCode::SUCCESS)
}
