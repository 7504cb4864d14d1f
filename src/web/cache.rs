//! Pages kept while the log stays as it is. Every page is a function of the
//! log's head, the address asked and today's date (the default as-of), and
//! is deterministic: so a page built once is answered again, byte for byte,
//! until something is appended or the day changes. Checking costs one
//! read of the head; a page of a large log costs a fold of it.
//!
//! `/verify` is never kept: it reads the whole chain every time, since an
//! edit behind accord's back need not change the head.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;

use super::App;
use super::routes::Fmt;

/// At most this many bytes of pages are kept; past it, pages are built
/// each time until the log changes.
const BUDGET: usize = 64 << 20;

/// What a kept page is valid for: the log's head and today's date.
type Stamp = (u64, [u8; 32], NaiveDate);

/// The pages kept for the current stamp, by format and address.
#[derive(Default)]
pub struct Pages(Mutex<Kept>);

#[derive(Default)]
struct Kept {
    stamp: Option<Stamp>,
    pages: HashMap<(Fmt, String), (HeaderValue, Bytes)>,
    bytes: usize,
}

impl Pages {
    fn get(&self, stamp: Stamp, key: &(Fmt, String)) -> Option<(HeaderValue, Bytes)> {
        let kept = self.0.lock().ok()?;
        if kept.stamp != Some(stamp) {
            return None;
        }
        kept.pages.get(key).cloned()
    }

    fn put(&self, stamp: Stamp, key: (Fmt, String), page: (HeaderValue, Bytes)) {
        let Ok(mut kept) = self.0.lock() else { return };
        if kept.stamp != Some(stamp) {
            // The log changed (or the day did): every page kept is stale.
            *kept = Kept {
                stamp: Some(stamp),
                ..Kept::default()
            };
        }
        if kept.bytes + page.1.len() > BUDGET {
            return;
        }
        kept.bytes += page.1.len();
        kept.pages.insert(key, page);
    }
}

/// Answers a GET from the pages kept when the log is unchanged; keeps
/// every page answered 200.
pub async fn pages(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET || req.uri().path().ends_with("/verify") {
        return next.run(req).await;
    }
    let key = (Fmt::of(req.uri(), req.headers()), req.uri().to_string());
    let reader = app.clone();
    let stamp = tokio::task::spawn_blocking(move || {
        let head = reader.ctx.open_read().ok()?.head().ok()?;
        Some((head.seq, head.hash, reader.ctx.clock.today()))
    })
    .await
    .ok()
    .flatten();
    // A log that cannot be read now: the route says why.
    let Some(stamp) = stamp else {
        return next.run(req).await;
    };
    if let Some((ty, body)) = app.pages.get(stamp, &key) {
        return ([(header::CONTENT_TYPE, ty)], body).into_response();
    }
    let answer = next.run(req).await;
    if answer.status() != StatusCode::OK {
        return answer;
    }
    let (parts, body) = answer.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, BUDGET).await else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the page could not be read",
        )
            .into_response();
    };
    if let Some(ty) = parts.headers.get(header::CONTENT_TYPE) {
        app.pages.put(stamp, key, (ty.clone(), bytes.clone()));
    }
    Response::from_parts(parts, Body::from(bytes))
}
