//! The pages as HTML: plain documents that work without scripts, styled by
//! the reports' style sheet plus a few rules of their own, fonts from the
//! reader's system, nothing fetched from elsewhere, laid out for A4 when
//! printed. The words of each report are the text renderers' own (the
//! commands' output, shown as preformatted text), so the web and the
//! terminal never word a thing differently. Every text from the log is
//! escaped.

use std::fmt::Write;

use accord_events::StoredEvent;
use accord_events::verify::{Head, VerifyReport};
use accord_projections::partnership::PartnershipState;
use accord_projections::{AgreementAudit, History, PartnershipDiff, ProgrammeStatus, Replay, View};
use axum::http::StatusCode;

use super::routes::Query;
use crate::commands::verify::{GUARD_HINT, guard_warning, head_arg, verdict};
use crate::render::i18n::Tr;
use crate::render::labels::progress;
use crate::render::report::{esc_html as e, html::CSS};
use crate::render::style::Style;
use crate::render::summary::summary;
use crate::render::text;

/// The web view's own rules, after the reports' style sheet.
const WEB_CSS: &str = r#"
nav.site { max-width: 210mm; margin: 0 auto; padding: 12px 4px 0; font-size: 10pt; }
nav.site a { margin-right: 16px; color: var(--accent); font-weight: 700; text-decoration: none; }
nav.site a:hover, nav.site a:focus { text-decoration: underline; }
pre.report { font: 8.6pt/1.38 "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; margin: 10px 0; }
form.when { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: flex-end; background: #f5f7fa; border: 1px solid var(--rule); border-left: 4px solid var(--accent); padding: 8px 12px; margin: 10px 0; font-size: 9pt; }
form.when label { display: flex; flex-direction: column; gap: 2px; font-weight: 700; color: var(--muted); }
form.when input, form.when select, form.when button { font: inherit; padding: 3px 6px; }
p.links a { margin-right: 14px; }
ul.ids { columns: 2; font-size: 9.5pt; }
.error { border-left: 4px solid var(--bad); background: #fbeeee; padding: 8px 12px; }
.status { color: var(--bad); font-weight: 700; }
.pager a, .pager span { margin-right: 12px; }
table.log td:first-child { text-align: right; white-space: nowrap; }
table.log td:nth-child(3) { overflow-wrap: anywhere; }
@media print {
  nav.site, form.when, .pager, p.links { display: none; }
  body { background: #fff; }
  main.page { margin: 0; box-shadow: none; padding: 0; max-width: none; }
}
"#;

/// The style text is rendered in: no colour codes.
const PLAIN: Style = Style { color: false };

/// A whole page: the menu, then `body`.
fn layout(title: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="accord">
<title>{t} · accord</title>
<style>
{CSS}
{WEB_CSS}
</style>
</head>
<body>
<nav class="site"><a href="/">Programme</a><a href="/log">Events</a><a href="/verify">Proof</a></nav>
<main class="page">
{body}
</main>
</body>
</html>
"#,
        t = e(title),
    )
}

/// A text report, escaped, as it reads in a terminal.
fn pre(text: &str) -> String {
    format!("<pre class=\"report\">{}</pre>\n", e(text))
}

/// A path segment made safe: an id is percent-encoded in links.
fn seg(id: &str) -> String {
    form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

/// The as-of / known-at form: a GET form, so the date chosen is in the
/// address (and works without scripts).
fn when_form(action: &str, view: &View, q: &Query, extra: &str) -> String {
    let known = q.get("known_at").unwrap_or_default();
    format!(
        r#"<form class="when" method="get" action="{action}"><label>As of <input type="date" name="as_of" value="{as_of}"></label><label>As known at <input type="text" name="known_at" value="{known}" placeholder="YYYY-MM-DD or RFC 3339" size="24"></label>{extra}<button type="submit">Show</button></form>"#,
        action = e(action),
        as_of = view.as_of.format("%Y-%m-%d"),
        known = e(known),
    )
}

fn footer(head: &Head, view: &View) -> String {
    text::footer(&PLAIN, head, view.known_at.as_deref(), &Tr::english())
}

/// `/`: the programme — its stages and partnerships as links, then
/// `accord status`.
pub fn home(s: &ProgrammeStatus, replay: &Replay, head: &Head, view: &View, q: &Query) -> String {
    let name = s
        .programme
        .as_ref()
        .map_or("Programme", |p| p.name.as_str());
    let mut b = String::new();
    let _ = write!(
        b,
        r#"<header class="masthead"><div class="eyebrow">Programme</div><h1>{}</h1>"#,
        e(name)
    );
    if let Some(p) = &s.programme {
        let _ = write!(
            b,
            r#"<p class="objective"><span>Objective.</span> {}</p>"#,
            e(&p.objective)
        );
    }
    b.push_str("</header>\n");
    b.push_str(&when_form("/", view, q, ""));
    if !s.stages.is_empty() {
        b.push_str("<h2>Stages</h2><table><thead><tr><th class=\"num\">Stage</th><th>Name</th><th>Planned</th><th>Progress</th><th>Report</th></tr></thead><tbody>");
        for st in &s.stages {
            let _ = write!(
                b,
                r#"<tr><td class="num">{n}</td><td>{name}</td><td class="nowrap">{from} – {to}</td><td>{p}</td><td><a href="/stages/{n}">stage {n} snapshot</a></td></tr>"#,
                n = st.stage.stage,
                name = e(&st.stage.name),
                from = text::date(st.stage.starts_on),
                to = text::date(st.stage.ends_on),
                p = e(progress(st.status)),
            );
        }
        b.push_str("</tbody></table>\n");
    }
    if !s.partnerships.is_empty() {
        b.push_str("<h2>Partnerships</h2><ul class=\"ids\">");
        for p in &s.partnerships {
            let _ = write!(
                b,
                r#"<li><a href="/partnerships/{}">{}</a> <span class="id">{}</span>{}</li>"#,
                seg(&p.partnership),
                e(&p.name),
                e(&p.partnership),
                if p.closed {
                    r#" <span class="muted">(closed)</span>"#
                } else {
                    ""
                }
            );
        }
        b.push_str("</ul>\n");
    }
    b.push_str("<h2>Status</h2>");
    let mut t = text::status::render(s, replay, &PLAIN, &Tr::english());
    t.push_str(&footer(head, view));
    b.push_str(&pre(&t));
    layout(name, &b)
}

/// `/partnerships/ID`: its state (`accord show`), with the date form and
/// links to its history, its agreements and its events.
pub fn partnership(
    s: &PartnershipState,
    replay: &Replay,
    head: &Head,
    view: &View,
    q: &Query,
) -> String {
    let id = seg(&s.partnership);
    let mut b = String::new();
    let _ = write!(
        b,
        r#"<header class="masthead"><div class="eyebrow">Partnership <span class="id">{}</span></div><h1>{}</h1></header>"#,
        e(&s.partnership),
        e(&s.name)
    );
    b.push_str(&when_form(&format!("/partnerships/{id}"), view, q, ""));
    let _ = write!(
        b,
        r#"<p class="links"><a href="/partnerships/{id}/history">History</a><a href="/partnerships/{id}/diff">What changed between two dates</a><a href="/log?partnership={id}">Its events</a></p>"#
    );
    if !s.agreements.is_empty() {
        b.push_str("<h2>Agreements</h2><ul>");
        for a in &s.agreements {
            let _ = write!(
                b,
                r#"<li><a href="/agreements/{}">{}</a> <span class="id">{}</span></li>"#,
                seg(&a.agreement),
                e(&a.title),
                e(&a.agreement)
            );
        }
        b.push_str("</ul>\n");
    }
    b.push_str("<h2>State</h2>");
    let mut t = text::show::render(s, replay, &PLAIN, &Tr::english());
    t.push_str(&footer(head, view));
    b.push_str(&pre(&t));
    layout(&s.name, &b)
}

/// `/partnerships/ID/history` (`accord history`).
pub fn history(h: &History, replay: &Replay, head: &Head, view: &View, words: bool) -> String {
    let id = seg(&h.partnership);
    let mut b = String::new();
    let _ = write!(
        b,
        r#"<header class="masthead"><div class="eyebrow">History of <a href="/partnerships/{id}">{}</a></div><h1>{}</h1></header>"#,
        e(&h.partnership),
        e(&h.name)
    );
    let _ = write!(
        b,
        r#"<p class="links">{}</p>"#,
        if words {
            format!(r#"<a href="/partnerships/{id}/history">Without word changes</a>"#)
        } else {
            format!(
                r#"<a href="/partnerships/{id}/history?words=1">Show each revision's changes word by word</a>"#
            )
        }
    );
    let mut t = text::history::render(h, replay, &PLAIN, words, &Tr::english());
    t.push_str(&footer(head, view));
    b.push_str(&pre(&t));
    layout(&format!("History: {}", h.name), &b)
}

/// The two-date form of `/partnerships/ID/diff`.
fn diff_dates(id: &str, view: &View, q: &Query) -> String {
    format!(
        r#"<form class="when" method="get" action="/partnerships/{id}/diff"><label>From (its end) <input type="date" name="from" value="{from}" required></label><label>To (its end) <input type="date" name="to" value="{to}"></label><label>As known at <input type="text" name="known_at" value="{known}" placeholder="YYYY-MM-DD or RFC 3339" size="24"></label><button type="submit">Compare</button></form>"#,
        id = seg(id),
        from = e(q.get("from").unwrap_or_default()),
        to = view.as_of.format("%Y-%m-%d"),
        known = e(q.get("known_at").unwrap_or_default()),
    )
}

/// `/partnerships/ID/diff` before its dates are chosen.
pub fn diff_form(id: &str, view: &View, q: &Query) -> String {
    let b = format!(
        r#"<header class="masthead"><div class="eyebrow">Partnership <a href="/partnerships/{sid}">{id}</a></div><h1>What changed between two dates</h1></header>{form}<p class="note">The state at the end of the first date is compared with the state at the end of the second, so a change made on the first date itself is not listed.</p>"#,
        sid = seg(id),
        id = e(id),
        form = diff_dates(id, view, q),
    );
    layout(&format!("What changed: {id}"), &b)
}

/// `/partnerships/ID/diff?from=…&to=…` (`accord diff`).
pub fn diff(d: &PartnershipDiff, replay: &Replay, head: &Head, view: &View, q: &Query) -> String {
    let mut b = format!(
        r#"<header class="masthead"><div class="eyebrow">Partnership <a href="/partnerships/{sid}">{id}</a></div><h1>What changed between two dates</h1></header>{form}"#,
        sid = seg(&d.partnership),
        id = e(&d.partnership),
        form = diff_dates(&d.partnership, view, q),
    );
    let mut t = text::diff::render(d, replay, &PLAIN);
    t.push_str(&footer(head, view));
    b.push_str(&pre(&t));
    layout(&format!("What changed: {}", d.partnership), &b)
}

/// `/agreements/ID` (`accord audit AGREEMENT`): every version's text,
/// endorsements, who recorded what.
pub fn agreement(
    a: &AgreementAudit,
    replay: &Replay,
    head: &Head,
    view: &View,
    words: bool,
) -> String {
    let id = seg(&a.agreement);
    let mut b = format!(
        r#"<header class="masthead"><div class="eyebrow">Agreement <span class="id">{}</span> of <a href="/partnerships/{}">{}</a></div><h1>{}</h1></header>"#,
        e(&a.agreement),
        seg(&a.partnership),
        e(&a.partnership),
        e(&a.title)
    );
    let _ = write!(
        b,
        r#"<p class="links">{}<a href="/log?partnership={}&amp;type=agreement.endorsed">Endorsement events</a></p>"#,
        if words {
            format!(r#"<a href="/agreements/{id}">Every version's full text</a>"#)
        } else {
            format!(
                r#"<a href="/agreements/{id}?words=1">What changed between versions, word by word</a>"#
            )
        },
        seg(&a.partnership)
    );
    let mut t = text::audit::agreement(a, replay, &PLAIN, words, &Tr::english());
    t.push_str(&footer(head, view));
    b.push_str(&pre(&t));
    layout(&format!("Agreement: {}", a.title), &b)
}

/// Where `/log` stands: the page, the filters, the choices.
pub struct LogPage<'a> {
    /// This page, from 1 (the newest events).
    pub page: usize,
    /// How many pages.
    pub pages: usize,
    /// Events a page.
    pub per_page: usize,
    /// Events matching the filters.
    pub total: usize,
    /// The partnership filtered on.
    pub partnership: Option<&'a str>,
    /// The type filtered on.
    pub kind: Option<&'a str>,
    /// Every partnership the log holds, for the filter.
    pub partnerships: &'a [&'a str],
}

impl LogPage<'_> {
    /// The address of page `n` with the same filters.
    fn link(&self, n: usize) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        if let Some(p) = self.partnership {
            q.append_pair("partnership", p);
        }
        if let Some(k) = self.kind {
            q.append_pair("type", k);
        }
        if self.per_page != 50 {
            q.append_pair("per_page", &self.per_page.to_string());
        }
        q.append_pair("page", &n.to_string());
        format!("/log?{}", e(&q.finish()))
    }
}

/// `/log`: the events, newest first, a page at a time (`accord log`).
pub fn log(rows: &[StoredEvent], p: &LogPage<'_>, head: &Head) -> String {
    let mut b = String::from(
        r#"<header class="masthead"><div class="eyebrow">The log</div><h1>Events, newest first</h1></header>"#,
    );
    let option = |value: &str, chosen: bool| {
        format!(
            r#"<option value="{v}"{s}>{v}</option>"#,
            v = e(value),
            s = if chosen { " selected" } else { "" }
        )
    };
    let mut parts = String::from(r#"<option value="">every partnership</option>"#);
    for x in p.partnerships {
        parts.push_str(&option(x, p.partnership == Some(*x)));
    }
    let mut kinds = String::from(r#"<option value="">every type</option>"#);
    for k in accord_events::EventKind::ALL {
        kinds.push_str(&option(k.as_str(), p.kind == Some(k.as_str())));
    }
    let _ = write!(
        b,
        r#"<form class="when" method="get" action="/log"><label>Partnership <select name="partnership">{parts}</select></label><label>Type <select name="type">{kinds}</select></label><button type="submit">Filter</button></form>"#
    );
    let _ = write!(
        b,
        r#"<p class="note">{} event(s) match; page {} of {}. The log's head: seq {}.</p>"#,
        p.total, p.page, p.pages, head.seq
    );
    b.push_str(r#"<table class="log"><thead><tr><th class="num">Seq</th><th>Occurred</th><th>Type</th><th>What <span class="muted">(partnership, event id)</span></th><th>Recorded by</th></tr></thead><tbody>"#);
    for ev in rows {
        let gist = ev
            .decode()
            .ok()
            .map_or_else(|| "(cannot be read)".to_owned(), |env| summary(&env.event));
        let stream = match ev.stream.strip_prefix("partnership:") {
            Some(id) => format!(
                r#" <a class="id" href="/partnerships/{}">{}</a>"#,
                seg(id),
                e(id)
            ),
            None => String::new(),
        };
        let _ = write!(
            b,
            r#"<tr><td>{}</td><td class="nowrap">{}</td><td>{}</td><td>{}{} <span class="id">[{}]</span></td><td>{}</td></tr>"#,
            ev.seq,
            e(&text::occurred(&ev.occurred_at)),
            e(&ev.kind),
            e(&gist),
            stream,
            e(&ev.id),
            e(&ev.recorded_by),
        );
    }
    b.push_str("</tbody></table>\n<p class=\"pager\">");
    if p.page > 1 {
        let _ = write!(b, r#"<a href="{}">← newer</a>"#, p.link(p.page - 1));
    }
    if p.page < p.pages {
        let _ = write!(b, r#"<a href="{}">older →</a>"#, p.link(p.page + 1));
    }
    b.push_str("</p>");
    layout("Events", &b)
}

/// `/verify`: the chain checked now (`accord verify`), and the head to
/// write in the minutes.
pub fn verify(r: &VerifyReport, checked: Option<&Head>, guards: &[String]) -> String {
    let mut b = String::from(
        r#"<header class="masthead"><div class="eyebrow">Proof</div><h1>Was the log altered?</h1></header>"#,
    );
    if !guards.is_empty() {
        let _ = write!(
            b,
            r#"<p class="error">Warning: {}<br>{}</p>"#,
            e(&guard_warning(guards)),
            e(GUARD_HINT)
        );
    }
    b.push_str(&pre(&verdict(&PLAIN, r, checked)));
    if r.ok() {
        let _ = write!(
            b,
            r#"<h2>The head to write in the minutes</h2><p><code>{}</code></p><p class="note">Later, <code>accord verify --head {}</code> (or this page with the head below) proves the log still extends it: nothing recorded up to it was changed or removed.</p>"#,
            e(&head_arg(&r.head)),
            e(&head_arg(&r.head)),
        );
    }
    let _ = write!(
        b,
        r#"<form class="when" method="get" action="/verify"><label>A head written down earlier <input type="text" name="head" value="{}" placeholder="SEQ:HASH" size="60"></label><button type="submit">Check</button></form>"#,
        checked.map(|h| e(&head_arg(h))).unwrap_or_default()
    );
    layout("Proof", &b)
}

/// An error page: the status, what was wrong, what to do.
pub fn error(status: StatusCode, message: &str, hint: Option<&str>) -> String {
    let mut b = format!(
        r#"<header class="masthead"><div class="eyebrow status">{} {}</div><h1>{}</h1></header>"#,
        status.as_u16(),
        e(status.canonical_reason().unwrap_or_default()),
        e(&crate::render::report::sentence(message)),
    );
    if let Some(h) = hint {
        let _ = write!(
            b,
            r#"<p class="error">{}</p>"#,
            e(&crate::render::report::sentence(h))
        );
    }
    layout(status.canonical_reason().unwrap_or("Error"), &b)
}
