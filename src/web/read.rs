//! What each route reads: the log opened afresh (read-only) for every
//! request, then the same functions the reading commands call, so a page,
//! its `/api/…` twin and the command's `--json` say the same thing.

use crate::render::i18n::{Digits, Langs, Tr};
use accord_events::store::{LogFilter, Store};
use accord_events::verify::Head;
use accord_projections::{History, PartnershipDiff, Replay, View};

use super::pages;
use super::routes::{Fmt, Query, Reply, WebError};
use crate::commands::reading::{
    TimeArgs, day_arg, head_of, json_with_head, not_established, story_events,
};
use crate::commands::{audit, known, snapshot, status, verify};
use crate::context::Context;

/// Events on one page of `/log`, unless `per_page` says otherwise.
const PER_PAGE: usize = 50;
/// The most events one page of `/log` shows.
const PER_PAGE_MAX: usize = 500;

fn open(ctx: &Context) -> Result<Store, WebError> {
    Ok(ctx.open_read()?)
}

/// The view `as_of` and `known_at` ask for (as the commands' flags).
fn view(ctx: &Context, q: &Query) -> Result<View, WebError> {
    TimeArgs {
        as_of: q.get("as_of").map(str::to_owned),
        known_at: q.get("known_at").map(str::to_owned),
    }
    .view(ctx)
    .map_err(WebError::bad_request)
}

/// The programme (`accord status`).
pub fn home(ctx: &Context, fmt: Fmt, q: &Query) -> Result<Reply, WebError> {
    let view = view(ctx, q)?;
    let store = open(ctx)?;
    let (status, replay) = status::build(&store, &view, !ctx.read_only)?;
    let head = head_of(&store, &view)?;
    Ok(match fmt {
        Fmt::Json => Reply::Json(json_with_head(&status, &head)?),
        Fmt::Html => Reply::Html(pages::home(&status, &replay, &head, &view, q)),
    })
}

/// A partnership's state (`accord show`).
pub fn partnership(ctx: &Context, fmt: Fmt, id: &str, q: &Query) -> Result<Reply, WebError> {
    let view = view(ctx, q)?;
    let store = open(ctx)?;
    let (state, replay) = crate::commands::reading::state(&store, id, &view, !ctx.read_only)
        .map_err(WebError::not_found)?;
    let head = head_of(&store, &view)?;
    Ok(match fmt {
        Fmt::Json => Reply::Json(json_with_head(&state, &head)?),
        Fmt::Html => Reply::Html(pages::partnership(&state, &replay, &head, &view, q)),
    })
}

/// A partnership's history (`accord history`); `words=1` shows each
/// revision's changes word by word (`--diff`).
pub fn history(ctx: &Context, fmt: Fmt, id: &str, q: &Query) -> Result<Reply, WebError> {
    let view = view(ctx, q)?;
    let words = flag(q, "words")?;
    let store = open(ctx)?;
    let events = story_events(&store, id, &view, !ctx.read_only).map_err(WebError::not_found)?;
    let history = History::build(&events, id, &view)
        .ok_or_else(|| WebError::not_found(not_established(id, &view)))?;
    let head = head_of(&store, &view)?;
    Ok(match fmt {
        Fmt::Json => Reply::Json(json_with_head(&history, &head)?),
        Fmt::Html => {
            let replay = Replay::of(&events, &view);
            Reply::Html(pages::history(&history, &replay, &head, &view, words))
        }
    })
}

/// `0` or `1` (or absent: no).
fn flag(q: &Query, key: &str) -> Result<bool, WebError> {
    match q.get(key) {
        None | Some("0") => Ok(false),
        Some("1") => Ok(true),
        Some(v) => Err(WebError::bad(
            format!("{key}={v:?}: give 1 (yes) or 0 (no)"),
            format!("{key}=1"),
        )),
    }
}

/// What changed between two dates (`accord diff`). The page without
/// `from` is the form to choose them.
pub fn diff(ctx: &Context, fmt: Fmt, id: &str, q: &Query) -> Result<Reply, WebError> {
    let view = TimeArgs {
        as_of: q.get("to").map(str::to_owned),
        known_at: q.get("known_at").map(str::to_owned),
    }
    .view(ctx)
    .map_err(WebError::bad_request)?;
    let store = open(ctx)?;
    known::partnership(&store, id).map_err(WebError::not_found)?;
    let Some(from) = q.get("from") else {
        return match fmt {
            Fmt::Json => Err(WebError::bad(
                "give the earlier date as from=YYYY-MM-DD",
                format!("/api/partnerships/{id}/diff?from=2009-09-08&to=2009-09-11"),
            )),
            Fmt::Html => Ok(Reply::Html(pages::diff_form(id, &view, q))),
        };
    };
    let from = day_arg("from", from).map_err(WebError::bad_request)?;
    if from > view.as_of {
        return Err(WebError::bad(
            format!("from {from} is after to {}", view.as_of),
            "give the earlier date as from",
        ));
    }
    let events = story_events(&store, id, &view, !ctx.read_only).map_err(WebError::not_found)?;
    let diff = PartnershipDiff::build(&events, id, from, view.as_of, &view)
        .ok_or_else(|| WebError::not_found(not_established(id, &view)))?;
    let head = head_of(&store, &view)?;
    Ok(match fmt {
        Fmt::Json => Reply::Json(json_with_head(&diff, &head)?),
        Fmt::Html => {
            let replay = Replay::of(&events, &view);
            Reply::Html(pages::diff(&diff, &replay, &head, &view, q))
        }
    })
}

/// An agreement's versions and endorsements (`accord audit AGREEMENT`).
pub fn agreement(ctx: &Context, fmt: Fmt, id: &str, q: &Query) -> Result<Reply, WebError> {
    let view = view(ctx, q)?;
    let words = flag(q, "words")?;
    let store = open(ctx)?;
    let (audit, events) = audit::agreement_audit(&store, id, &view).map_err(WebError::not_found)?;
    let head = head_of(&store, &view)?;
    Ok(match fmt {
        Fmt::Json => Reply::Json(json_with_head(&audit, &head)?),
        Fmt::Html => {
            let replay = Replay::of(&events, &view);
            Reply::Html(pages::agreement(&audit, &replay, &head, &view, words))
        }
    })
}

/// A stage's snapshot: the page is exactly `snapshot --format html`, the
/// JSON exactly `snapshot --json`.
pub fn stage(ctx: &Context, fmt: Fmt, n: u32, q: &Query) -> Result<Reply, WebError> {
    let view = view(ctx, q)?;
    let store = open(ctx)?;
    let (snap, _) = snapshot::take(&store, n, q.get("as_of").is_some(), &view, !ctx.read_only)
        .map_err(WebError::not_found)?;
    // `?lang=km` or `?lang=km,en` as `snapshot --lang` (docs/languages.md);
    // English without it. JSON is the same in every language.
    let langs = match q.get("lang") {
        Some(l) => l
            .parse::<Langs>()
            .map_err(|e| WebError::bad(e.to_string(), "write lang=en, lang=km or lang=km,en"))?,
        None => Langs::english(),
    };
    let tr = Tr::new(&langs, Digits::Latin);
    Ok(match fmt {
        Fmt::Json => Reply::Json(snapshot::render(&snap, snapshot::Format::Json, &tr)?),
        Fmt::Html => Reply::Html(snapshot::render(&snap, snapshot::Format::Html, &tr)?),
    })
}

/// A whole number from the query, at least 1.
fn count(q: &Query, key: &str, default: usize) -> Result<usize, WebError> {
    match q.get(key) {
        None => Ok(default),
        Some(v) => v.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
            WebError::bad(
                format!("{key}={v:?} is not a whole number from 1"),
                format!("{key}=1 is the first"),
            )
        }),
    }
}

/// One page of the events, newest first (`accord log`): page 1 holds the
/// newest `per_page`. The JSON is the page's events as `accord log --json`
/// prints them (JSON Lines in seq order: page 1 is `--limit per_page`).
pub fn log(ctx: &Context, fmt: Fmt, q: &Query) -> Result<Reply, WebError> {
    let page = count(q, "page", 1)?;
    let per_page = count(q, "per_page", PER_PAGE)?;
    if per_page > PER_PAGE_MAX {
        return Err(WebError::bad(
            format!("per_page={per_page} is more than {PER_PAGE_MAX}"),
            format!("ask for at most {PER_PAGE_MAX} events a page"),
        ));
    }
    let kind = q.get("type");
    if let Some(k) = kind {
        known::event_type(k).map_err(WebError::bad_request)?;
    }
    let partnership = q.get("partnership");
    let store = open(ctx)?;
    if let Some(p) = partnership {
        known::partnership(&store, p).map_err(WebError::not_found)?;
    }
    let head = store.head().map_err(crate::error::CliError::from)?;
    // The events after `skip` newer ones, `per_page` of them, oldest first.
    let skip = (page - 1).saturating_mul(per_page);
    let (mut rows, total) = if partnership.is_none() && kind.is_none() {
        // The whole log: seq is gapless from 1, so a page is a seq range.
        let total = usize::try_from(head.seq).unwrap_or(usize::MAX);
        let hi = total.saturating_sub(skip);
        let lo = hi.saturating_sub(per_page);
        let mut rows = store
            .stored_after(lo as u64)
            .map_err(crate::error::CliError::from)?;
        rows.retain(|e| e.seq <= hi as u64);
        (rows, total)
    } else {
        let filter = LogFilter {
            stream: partnership.map(|p| format!("partnership:{p}")),
            kind: kind.map(str::to_owned),
            ..LogFilter::default()
        };
        let mut all = store
            .stored_matching(&filter)
            .map_err(crate::error::CliError::from)?;
        let total = all.len();
        let hi = total.saturating_sub(skip);
        let lo = hi.saturating_sub(per_page);
        all.truncate(hi);
        all.drain(..lo);
        (all, total)
    };
    let pages = total.div_ceil(per_page).max(1);
    if page > pages {
        return Err(WebError {
            status: axum::http::StatusCode::NOT_FOUND,
            message: format!("there is no page {page}: these events fill {pages} page(s)"),
            hint: Some("page=1 holds the newest events".into()),
        });
    }
    Ok(match fmt {
        Fmt::Json => Reply::JsonLines(rows.iter().map(|e| e.to_json_line() + "\n").collect()),
        Fmt::Html => {
            rows.reverse();
            let streams = store.streams().map_err(crate::error::CliError::from)?;
            let partnerships: Vec<&str> = streams
                .iter()
                .filter_map(|s| s.strip_prefix("partnership:"))
                .collect();
            Reply::Html(pages::log(
                &rows,
                &pages::LogPage {
                    page,
                    pages,
                    per_page,
                    total,
                    partnership,
                    kind,
                    partnerships: &partnerships,
                },
                &head,
            ))
        }
    })
}

/// The chain checked now (`accord verify`), with `head=SEQ:HASH` checked
/// to be extended.
pub fn verify(ctx: &Context, fmt: Fmt, q: &Query) -> Result<Reply, WebError> {
    let checked = q
        .get("head")
        .map(Head::parse)
        .transpose()
        .map_err(|m| WebError::bad(m, "copy the head exactly as accord head printed it"))?;
    let store = open(ctx)?;
    let report = store
        .verify(checked, |_| {})
        .map_err(crate::error::CliError::from)?;
    let guards = store
        .guard_problems()
        .unwrap_or_else(|e| vec![format!("the append-only guards could not be read: {e}")]);
    Ok(match fmt {
        Fmt::Json => Reply::Json(format!(
            "{}\n",
            verify::report_json(&report, checked.as_ref(), &guards)
        )),
        Fmt::Html => Reply::Html(pages::verify(&report, checked.as_ref(), &guards)),
    })
}
