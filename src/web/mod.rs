//! `accord serve`: the log as read-only web pages and JSON (docs/serve.md).
//!
//! - [`routes`]: the HTTP side — paths, query strings, formats, status codes;
//! - [`read`]: what each route reads from the log, through the same
//!   functions the reading commands use, so page, `/api/…` and `--json`
//!   never disagree;
//! - [`pages`]: how the models look as HTML (the wording is the text
//!   renderers' own);
//! - [`security`]: the access token, the methods allowed, the headers.
//!
//! Every request opens the log afresh (read-only), so what another process
//! appends shows on the next page load; the reading runs on a bounded pool
//! of blocking threads, which is what bounds memory under load. Pages
//! built are kept while the log's head (and the day) stay the same
//! ([`cache`]).

mod cache;
mod pages;
mod read;
mod routes;
mod security;

use std::net::SocketAddr;

use crate::context::Context;
use crate::error::CliError;

/// What every request needs: the log and the clock (in `ctx`), and the
/// access token if one is required.
pub struct App {
    ctx: Context,
    token: Option<security::Token>,
    pages: cache::Pages,
}

/// How many requests read the log at once, at most: each holds one
/// partnership's events, or a fold of the whole log, in memory.
fn readers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()) * 2
}

/// Serves the log on `listen` until the process is stopped. The first line
/// on stdout is the address served (`listening on http://ADDR/`).
pub fn serve(ctx: Context, listen: SocketAddr, token: Option<String>) -> Result<(), CliError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .max_blocking_threads(readers())
        .build()
        .map_err(|e| {
            CliError::rejected(
                format!("cannot start the server: {e}"),
                "report this as a bug",
            )
        })?;
    let app = std::sync::Arc::new(App {
        ctx,
        token: token.map(security::Token::new),
        pages: cache::Pages::default(),
    });
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen).await.map_err(|e| {
            CliError::usage(
                format!("cannot listen on {listen}: {e}"),
                "choose another --listen address or port (port 0 picks a free one)",
            )
        })?;
        let bound = listener.local_addr()?;
        outln!("listening on http://{bound}/")?;
        eprintln!(
            "serving {} read-only{}; stop with Ctrl-C",
            app.ctx.db.display(),
            if app.token.is_some() {
                ", access token required"
            } else {
                ""
            }
        );
        axum::serve(listener, routes::router(app))
            .await
            .map_err(|e| CliError::rejected(format!("the server stopped: {e}"), "start it again"))
    })
}
