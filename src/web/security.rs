//! What guards every request: the access token (when the server listens
//! beyond loopback, or one was given), the methods allowed (GET and HEAD:
//! the view is read-only), and the headers every response carries.
//!
//! The token is accepted as `Authorization: Bearer TOKEN` (for tools), or
//! from the `accord_token` cookie (for browsers). A browser is given the
//! token once as `?token=TOKEN`: the answer is a redirect to the same page
//! without it, setting the cookie (HttpOnly, SameSite=Strict), so the token
//! does not stay in the address bar, the history or links.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

use super::App;
use super::routes::{Fmt, WebError, error_response};

/// The cookie a browser keeps the token in.
const COOKIE: &str = "accord_token";

/// No scripts, no external resources, no frames; styles inline, images
/// only as data: URIs; forms submit only to this server.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The access token the server requires.
pub struct Token(Vec<u8>);

impl Token {
    /// The token as configured (already checked by `accord serve`).
    pub fn new(token: String) -> Token {
        Token(token.into_bytes())
    }

    /// Whether `given` is the token, compared in constant time (only the
    /// length can show through timing, and it is not secret).
    fn matches(&self, given: &str) -> bool {
        bool::from(self.0.as_slice().ct_eq(given.as_bytes()))
    }
}

/// The token a request carries: a bearer header, else the cookie.
fn presented(headers: &HeaderMap) -> Option<&str> {
    if let Some(v) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        && let Some(t) = v.strip_prefix("Bearer ")
    {
        return Some(t.trim());
    }
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v)
}

/// `?token=…` in a query: the value, and the query without it.
fn token_in_query(query: &str) -> Option<(String, String)> {
    let mut token = None;
    let mut rest = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k == "token" {
            token = Some(v.into_owned());
        } else {
            rest.append_pair(&k, &v);
        }
    }
    token.map(|t| (t, rest.finish()))
}

/// Refuses a request without the token (401), and every method but GET and
/// HEAD (405); answers `?token=` with the cookie and a clean redirect.
pub async fn guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let fmt = Fmt::of(req.uri(), req.headers());
    if let Some(token) = &app.token {
        if let Some((given, rest)) = req.uri().query().and_then(token_in_query) {
            if !token.matches(&given) {
                return unauthorized(fmt);
            }
            let to = if rest.is_empty() {
                req.uri().path().to_owned()
            } else {
                format!("{}?{rest}", req.uri().path())
            };
            let mut r = (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
            if let Ok(v) = HeaderValue::from_str(&format!(
                "{COOKIE}={given}; Path=/; HttpOnly; SameSite=Strict"
            )) {
                r.headers_mut().insert(header::SET_COOKIE, v);
            }
            return r;
        }
        if !presented(req.headers()).is_some_and(|t| token.matches(t)) {
            return unauthorized(fmt);
        }
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = error_response(
            fmt,
            WebError {
                status: StatusCode::METHOD_NOT_ALLOWED,
                message: format!("{} is not allowed: this view is read-only", req.method()),
                hint: Some(
                    "record events with the accord command (accord append, or a data-entry command)"
                        .into(),
                ),
            },
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    next.run(req).await
}

fn unauthorized(fmt: Fmt) -> Response {
    let mut r = error_response(
        fmt,
        WebError {
            status: StatusCode::UNAUTHORIZED,
            message: "this server needs its access token".into(),
            hint: Some(
                "open the address once with ?token=TOKEN added (a browser then keeps it), or send the header `Authorization: Bearer TOKEN`; ask whoever runs the server for the token"
                    .into(),
            ),
        },
    );
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"accord\""),
    );
    r
}

/// Adds the headers every response carries, errors included.
pub async fn headers(req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Every page is the log as it is now: never served from a cache.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_matches_only_itself() {
        let t = Token::new("0123456789abcdef".into());
        assert!(t.matches("0123456789abcdef"));
        assert!(!t.matches("0123456789abcdeF"));
        assert!(!t.matches("0123456789abcde"));
        assert!(!t.matches(""));
    }

    #[test]
    fn a_token_in_the_query_is_taken_out_of_it() {
        assert_eq!(
            token_in_query("as_of=2009-09-11&token=abc"),
            Some(("abc".into(), "as_of=2009-09-11".into()))
        );
        assert_eq!(token_in_query("as_of=2009-09-11"), None);
    }

    #[test]
    fn the_cookie_or_the_bearer_header_carries_the_token() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; accord_token=xyz"),
        );
        assert_eq!(presented(&h), Some("xyz"));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer abc"),
        );
        assert_eq!(presented(&h), Some("abc"));
    }
}
