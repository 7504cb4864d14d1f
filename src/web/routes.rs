//! The HTTP side: which path is which page, the query strings each takes,
//! HTML or JSON, and the status of an error. The reading is in
//! [`super::read`], the HTML in [`super::pages`].
//!
//! Every page has its JSON twin under `/api` (`/api/partnerships/ID` for
//! `/partnerships/ID`); a page route also answers JSON to a request whose
//! `Accept` header prefers `application/json`.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::handler::Handler;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::{App, pages, read, security};
use crate::context::Context;
use crate::error::{CliError, USAGE};

/// The routes, guarded and with the security headers on every answer.
pub fn router(app: Arc<App>) -> Router {
    let r = Router::new();
    let r = both(r, "/", read_home);
    let r = r.route("/api/", get(read_home));
    let r = both(r, "/partnerships/{id}", read_partnership);
    let r = both(r, "/partnerships/{id}/history", read_history);
    let r = both(r, "/partnerships/{id}/diff", read_diff);
    let r = both(r, "/agreements/{id}", read_agreement);
    let r = both(r, "/stages/{n}", read_stage);
    let r = both(r, "/log", read_log);
    let r = both(r, "/verify", read_verify);
    r.fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            super::cache::pages,
        ))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            security::guard,
        ))
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(app)
}

/// A page and its JSON twin under `/api`.
fn both<H, T>(r: Router<Arc<App>>, path: &str, h: H) -> Router<Arc<App>>
where
    H: Handler<T, Arc<App>> + Clone,
    T: 'static,
{
    let api = if path == "/" {
        "/api".to_owned()
    } else {
        format!("/api{path}")
    };
    r.route(path, get(h.clone())).route(&api, get(h))
}

/// The answer's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fmt {
    /// A page.
    Html,
    /// What the command's `--json` prints.
    Json,
}

impl Fmt {
    /// JSON under `/api`, or when the `Accept` header puts
    /// `application/json` before any HTML; HTML otherwise.
    pub fn of(uri: &Uri, headers: &HeaderMap) -> Fmt {
        let path = uri.path();
        if path == "/api" || path.starts_with("/api/") {
            return Fmt::Json;
        }
        let accept = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let json = accept.find("application/json");
        let html = accept.find("text/html");
        match (json, html) {
            (Some(j), Some(h)) if j < h => Fmt::Json,
            (Some(_), None) => Fmt::Json,
            _ => Fmt::Html,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Fmt {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Fmt::of(&parts.uri, &parts.headers))
    }
}

/// An error as the web shows it: a status, what was wrong, what to do.
#[derive(Debug)]
pub struct WebError {
    /// 400 for a bad query or id, 404 for what the log does not hold, ...
    pub status: StatusCode,
    /// What was wrong.
    pub message: String,
    /// What to do.
    pub hint: Option<String>,
}

impl WebError {
    fn from_cli(status: StatusCode, e: CliError) -> WebError {
        let mut message = web_words(&e.message);
        for d in &e.details {
            message.push_str("; ");
            message.push_str(d);
        }
        WebError {
            status,
            message,
            hint: e.hint.as_deref().map(web_words),
        }
    }

    /// A query or path the CLI would refuse as usage: 400.
    pub fn bad_request(e: CliError) -> WebError {
        WebError::from_cli(StatusCode::BAD_REQUEST, e)
    }

    /// An id the log does not hold (or not in the view asked): 404.
    pub fn not_found(e: CliError) -> WebError {
        WebError::from_cli(StatusCode::NOT_FOUND, e)
    }

    /// A 400 with a message of our own.
    pub fn bad(message: impl Into<String>, hint: impl Into<String>) -> WebError {
        WebError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}

/// The commands' flags named as the query strings that carry them here.
fn web_words(s: &str) -> String {
    s.replace("--as-of", "as_of")
        .replace("--known-at", "known_at")
        .replace("--from", "from")
        .replace("--to", "to")
}

impl From<CliError> for WebError {
    /// Usage errors are the request's fault (400); the rest (the log
    /// cannot be read) are the server's (500).
    fn from(e: CliError) -> WebError {
        let status = if e.code == USAGE {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        WebError::from_cli(status, e)
    }
}

/// An error as a page, or as `{"error": …, "hint": …}`.
pub fn error_response(fmt: Fmt, e: WebError) -> Response {
    match fmt {
        Fmt::Json => {
            let body = serde_json::json!({"error": e.message, "hint": e.hint});
            (
                e.status,
                [(header::CONTENT_TYPE, "application/json")],
                format!("{body}\n"),
            )
                .into_response()
        }
        Fmt::Html => (
            e.status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            pages::error(e.status, &e.message, e.hint.as_deref()),
        )
            .into_response(),
    }
}

/// What a route answers.
pub enum Reply {
    /// A page.
    Html(String),
    /// One JSON document.
    Json(String),
    /// JSON Lines (the log's events, as `accord log --json`).
    JsonLines(String),
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let (ty, body) = match self {
            Reply::Html(b) => ("text/html; charset=utf-8", b),
            Reply::Json(b) => ("application/json", b),
            Reply::JsonLines(b) => ("application/x-ndjson", b),
        };
        ([(header::CONTENT_TYPE, ty)], body).into_response()
    }
}

/// A query string: each key at most once, only the keys a route takes
/// (and `token`, which the guard has dealt with); an empty value (an empty
/// form field) counts as absent.
pub struct Query(BTreeMap<String, String>);

impl Query {
    /// Parses `raw`, refusing unknown or repeated keys and bad encoding.
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Query, WebError> {
        let mut map = BTreeMap::new();
        for (k, v) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
            if k.contains('\u{FFFD}') || v.contains('\u{FFFD}') {
                return Err(WebError::bad(
                    "the query string is not valid UTF-8 once decoded",
                    "percent-encode text as UTF-8",
                ));
            }
            if k == "token" {
                continue;
            }
            if !allowed.contains(&k.as_ref()) {
                return Err(WebError::bad(
                    format!("this page takes no {k:?} in its query string"),
                    if allowed.is_empty() {
                        "it takes none: leave the query string out".to_owned()
                    } else {
                        format!("it takes {}", allowed.join(", "))
                    },
                ));
            }
            if map.insert(k.to_string(), v.to_string()).is_some() {
                return Err(WebError::bad(
                    format!("{k:?} is given more than once in the query string"),
                    "give it once",
                ));
            }
        }
        Ok(Query(map))
    }

    /// The value of `key`, unless absent or empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(|s| s.trim()).filter(|s| !s.is_empty())
    }
}

/// Runs a reading on the pool of blocking threads (the log is read with
/// blocking calls) and answers with its reply or its error.
async fn answer<F>(app: Arc<App>, fmt: Fmt, f: F) -> Response
where
    F: FnOnce(&Context, Fmt) -> Result<Reply, WebError> + Send + 'static,
{
    let done = tokio::task::spawn_blocking(move || f(&app.ctx, fmt)).await;
    match done {
        Ok(Ok(reply)) => reply.into_response(),
        Ok(Err(e)) => error_response(fmt, e),
        Err(_) => error_response(
            fmt,
            WebError {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: "this page could not be built (the server hit a bug)".into(),
                hint: Some("report this as a bug, with the address of the page".into()),
            },
        ),
    }
}

/// An id from the path, or a 400 for a path that does not decode.
fn id(p: Result<Path<String>, PathRejection>) -> Result<String, WebError> {
    p.map(|Path(s)| s).map_err(|e| {
        WebError::bad(
            format!("the address cannot be read: {e}"),
            "check the id in the address",
        )
    })
}

async fn read_home(State(app): State<Arc<App>>, fmt: Fmt, RawQuery(q): RawQuery) -> Response {
    answer(app, fmt, move |ctx, fmt| {
        read::home(
            ctx,
            fmt,
            &Query::parse(q.as_deref(), &["as_of", "known_at"])?,
        )
    })
    .await
}

async fn read_partnership(
    State(app): State<Arc<App>>,
    fmt: Fmt,
    p: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    answer(app, fmt, move |ctx, fmt| {
        let q = Query::parse(q.as_deref(), &["as_of", "known_at"])?;
        read::partnership(ctx, fmt, &id(p)?, &q)
    })
    .await
}

async fn read_history(
    State(app): State<Arc<App>>,
    fmt: Fmt,
    p: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    answer(app, fmt, move |ctx, fmt| {
        let q = Query::parse(q.as_deref(), &["as_of", "known_at", "words"])?;
        read::history(ctx, fmt, &id(p)?, &q)
    })
    .await
}

async fn read_diff(
    State(app): State<Arc<App>>,
    fmt: Fmt,
    p: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    answer(app, fmt, move |ctx, fmt| {
        let q = Query::parse(q.as_deref(), &["from", "to", "known_at"])?;
        read::diff(ctx, fmt, &id(p)?, &q)
    })
    .await
}

async fn read_agreement(
    State(app): State<Arc<App>>,
    fmt: Fmt,
    p: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    answer(app, fmt, move |ctx, fmt| {
        let q = Query::parse(q.as_deref(), &["as_of", "known_at", "words"])?;
        read::agreement(ctx, fmt, &id(p)?, &q)
    })
    .await
}

async fn read_stage(
    State(app): State<Arc<App>>,
    fmt: Fmt,
    p: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    answer(app, fmt, move |ctx, fmt| {
        let q = Query::parse(q.as_deref(), &["as_of", "known_at", "lang"])?;
        let n = id(p)?;
        let stage = n.parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| {
            WebError::bad(
                format!("{n:?} is not a stage number"),
                "stages are numbered from 1: /stages/1, /stages/2, …",
            )
        })?;
        read::stage(ctx, fmt, stage, &q)
    })
    .await
}

async fn read_log(State(app): State<Arc<App>>, fmt: Fmt, RawQuery(q): RawQuery) -> Response {
    answer(app, fmt, move |ctx, fmt| {
        let q = Query::parse(q.as_deref(), &["partnership", "type", "page", "per_page"])?;
        read::log(ctx, fmt, &q)
    })
    .await
}

async fn read_verify(State(app): State<Arc<App>>, fmt: Fmt, RawQuery(q): RawQuery) -> Response {
    answer(app, fmt, move |ctx, fmt| {
        read::verify(ctx, fmt, &Query::parse(q.as_deref(), &["head"])?)
    })
    .await
}

async fn not_found(fmt: Fmt, uri: Uri) -> Response {
    error_response(
        fmt,
        WebError {
            status: StatusCode::NOT_FOUND,
            message: format!("there is no page at {}", uri.path()),
            hint: Some(
                "start from the programme's page, /; the pages are listed in its menu".into(),
            ),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_takes_only_its_keys_once_and_empty_is_absent() {
        let q = Query::parse(Some("as_of=2009-09-11&known_at="), &["as_of", "known_at"]).unwrap();
        assert_eq!(q.get("as_of"), Some("2009-09-11"));
        assert_eq!(q.get("known_at"), None);
        assert!(Query::parse(Some("asof=1"), &["as_of"]).is_err());
        assert!(Query::parse(Some("as_of=1&as_of=2"), &["as_of"]).is_err());
        assert!(Query::parse(Some("as_of=%FF"), &["as_of"]).is_err());
        assert!(Query::parse(Some("token=x"), &[]).is_ok());
    }

    #[test]
    fn api_paths_and_json_first_accept_headers_ask_for_json() {
        let h = HeaderMap::new();
        assert_eq!(Fmt::of(&"/api/log".parse().unwrap(), &h), Fmt::Json);
        assert_eq!(Fmt::of(&"/log".parse().unwrap(), &h), Fmt::Html);
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT, "application/json".parse().unwrap());
        assert_eq!(Fmt::of(&"/log".parse().unwrap(), &h), Fmt::Json);
        h.insert(
            header::ACCEPT,
            "text/html,application/xhtml+xml,application/json;q=0.9"
                .parse()
                .unwrap(),
        );
        assert_eq!(Fmt::of(&"/log".parse().unwrap(), &h), Fmt::Html);
    }
}
