//! What the reading commands (show, history, diff, audit, status, list,
//! snapshot, and the web view) share: the `--as-of` / `--known-at` flags,
//! reading a partnership's streams, the head a report was built from, and
//! the common ending: JSON with that head, or text and then the footer
//! naming it.

use std::process::ExitCode;

use accord_events::Envelope;
use accord_events::clock::{format_recorded_at, parse_instant};
use accord_events::fields::Day;
use accord_events::store::{Store, StreamPart, Until};
use accord_events::verify::Head;
use accord_projections::{READ_AT_ANY_DATE, Replay, View};
use clap::Args;
use serde::Serialize;

use super::folds::{ReportKey, partnership_report};
use crate::context::Context;
use crate::error::CliError;
use crate::render::i18n::{LangArgs, Tr};
use crate::render::text;

/// `--as-of` and `--known-at`.
#[derive(Debug, Args)]
pub struct TimeArgs {
    /// The world as it stood at the end of this date [default: today, UTC;
    /// with --known-at, that moment's date].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Only what had been recorded by then: RFC 3339, or a date meaning its end (UTC).
    #[arg(long, value_name = "TIMESTAMP")]
    pub known_at: Option<String>,
}

impl TimeArgs {
    /// The view these flags ask for.
    pub fn view(&self, ctx: &Context) -> Result<View, CliError> {
        let known_at = self
            .known_at
            .as_deref()
            .map(|s| {
                parse_instant(s.trim(), true).ok_or_else(|| {
                    CliError::usage(
                        format!("--known-at {s:?} is neither an RFC 3339 timestamp nor a YYYY-MM-DD date"),
                        "write it as 2010-01-15 (its end, UTC) or 2010-01-15T09:30:00+07:00",
                    )
                })
            })
            .transpose()?;
        let as_of = match &self.as_of {
            Some(s) => day_arg("as-of", s)?,
            None => known_at.map_or_else(|| ctx.clock.today(), |t| t.date_naive()),
        };
        Ok(View {
            as_of,
            known_at: known_at.map(format_recorded_at),
        })
    }
}

/// Parses a `YYYY-MM-DD` flag value.
pub fn day_arg(flag: &str, s: &str) -> Result<chrono::NaiveDate, CliError> {
    Day::parse(s.trim())
        .map(|d| d.0)
        .map_err(|m| CliError::usage(format!("--{flag}: {m}"), "dates are written YYYY-MM-DD"))
}

/// The head a report was built from: the last event recorded by the view's
/// `known_at`, or the log's head.
pub fn head_of(store: &Store, view: &View) -> Result<Head, CliError> {
    let Some(t) = &view.known_at else {
        return Ok(store.head()?);
    };
    Ok(store.head_at(t)?)
}

/// What a partnership's state reads of the log: its stream and the
/// programme's events of the types a state needs (on a large programme
/// most of that stream is meetings and interviews), and, with `naming`,
/// the programme's meetings, activities and interviews that name the
/// partnership (what its story also tells). What is dated after `as_of`
/// is left unread, except the types that matter at any date
/// ([`READ_AT_ANY_DATE`]): a state as of 2014 does not read the
/// partnership's next ten years.
fn own_events_until(
    store: &Store,
    partnership: &str,
    naming: bool,
    as_of: chrono::NaiveDate,
) -> Result<Vec<Envelope>, CliError> {
    let stream = format!("partnership:{partnership}");
    let until = until(Some(as_of));
    let parts = [
        StreamPart {
            until,
            ..StreamPart::all(&stream)
        },
        StreamPart {
            types: Some(&accord_projections::partnership::PROGRAMME_TYPES_FOR_STATE),
            naming: naming.then_some(partnership),
            until,
            ..StreamPart::all("programme")
        },
    ];
    Ok(store.read_stream_parts(&parts)?)
}

/// Nothing dated after `as_of` but what counts at any date.
pub fn until(as_of: Option<chrono::NaiveDate>) -> Option<Until<'static>> {
    as_of.map(|day| Until {
        day,
        except: &READ_AT_ANY_DATE,
    })
}

/// The events a partnership's history and its diffs need in `view`: its
/// stream, of the programme stream what its state needs and the meetings,
/// activities and interviews that name it, and of the directory the
/// entries `partnership::story_events` asks for; nothing dated after the
/// as-of date but what counts at any date. (Property tests in projections
/// hold the history and the diffs to those built from the whole log.)
///
/// From the partnership's kept inputs when it has them (`kept.rs`; saved
/// again unless `save` is false), else from the log.
pub fn story_events(
    store: &Store,
    partnership: &str,
    view: &View,
    save: bool,
) -> Result<Vec<Envelope>, CliError> {
    let until = until(Some(view.as_of));
    super::known::partnership(store, partnership)?;
    if let Some(mut kept) = super::kept::StateInputs::open(store, partnership)?
        && let Some(own) = kept.story(until)?
    {
        let events =
            accord_projections::partnership::story_events(own, partnership, view, |entries| {
                kept.directory(entries, until)
            })?;
        if save {
            kept.save();
        }
        return Ok(events);
    }
    let own = own_events_until(store, partnership, true, view.as_of)?;
    accord_projections::partnership::story_events(own, partnership, view, |entries| {
        read_directory(store, entries, until)
    })
}

/// The directory's events of `entries` (and of no one entry), nothing
/// dated after `until` but what counts at any date, from the log.
fn read_directory(
    store: &Store,
    entries: &[String],
    until: Option<Until<'_>>,
) -> Result<Vec<Envelope>, CliError> {
    Ok(store.read_stream_parts(&[StreamPart {
        until,
        ..StreamPart::directory_entries(entries)
    }])?)
}

/// The error for a partnership that exists in the log but not in the view.
pub fn not_established(partnership: &str, view: &View) -> CliError {
    let known = view
        .known_at
        .as_deref()
        .map(|t| format!(" as known at {t}"))
        .unwrap_or_default();
    CliError::rejected(
        format!(
            "partnership {partnership:?} was not established by {}{known}",
            view.as_of
        ),
        "choose a later --as-of (or --known-at); `accord log --partnership ID` shows when it was established",
    )
}

/// Prints a report as pretty JSON, with the `head` {`seq`, `hash`} it was built from.
pub fn print_json<T: Serialize>(report: &T, head: &Head) -> Result<(), CliError> {
    Ok(text::emit(&json_with_head(report, head)?)?)
}

/// A report as `--json` prints it: pretty JSON with the `head` {`seq`,
/// `hash`} it was built from, and a final newline (`accord serve`'s `/api/…`
/// answers with exactly this).
pub fn json_with_head<T: Serialize>(report: &T, head: &Head) -> Result<String, CliError> {
    Ok(with_head(report_json(report)?, head))
}

/// A report (a JSON object) as pretty JSON, without its head: what
/// [`with_head`] completes.
pub fn report_json<T: Serialize>(report: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(report)
        .map_err(|e| CliError::rejected(format!("cannot write JSON: {e}"), "report this as a bug"))
}

/// A report's pretty JSON ([`report_json`]) with the `head` it was built
/// from as its last member, and a final newline. Spliced as text, so that
/// a report saved beside the log ([`super::folds::partnership_report`])
/// is not parsed again to be printed.
pub fn with_head(report: String, head: &Head) -> String {
    let (body, tail) = head_parts(&report, head);
    [body, tail.as_str()].concat()
}

/// [`with_head`] in two parts, to be written one after the other: the
/// report's text up to where its head goes, and the rest (the head and
/// the closing brace). The busiest partnership's saved JSON is 31 MB; it
/// is printed as it was read, not copied to have its head appended.
pub fn head_parts<'a>(report: &'a str, head: &Head) -> (&'a str, String) {
    let body = match report.strip_suffix('}') {
        Some(open) => open.trim_end(),
        None => report,
    };
    let comma = if body == "{" { "" } else { "," };
    let tail = format!(
        "{comma}\n  \"head\": {{\n    \"seq\": {},\n    \"hash\": \"{}\"\n  }}\n}}\n",
        head.seq,
        hex::encode(head.hash)
    );
    (body, tail)
}

/// A partnership's state in `view`, and the replay its text is rendered
/// with; an unknown id or a partnership not yet established is an error.
///
/// The replay's directory holds only the organisations and people the
/// partnership names (and those people's employers): a renderer may look
/// those up, and must not list the directory.
pub fn state(
    store: &Store,
    partnership: &str,
    view: &View,
    save: bool,
) -> Result<(accord_projections::partnership::PartnershipState, Replay), CliError> {
    let (_, replay) = state_fold(store, partnership, view, save)?;
    let state = replay
        .partnership_state(partnership, view)
        .ok_or_else(|| not_established(partnership, view))?;
    Ok((state, replay))
}

/// What a partnership's state is derived from in `view`: its own events
/// (its stream, and the programme's of the types a state needs; nothing
/// dated after the as-of date but what counts at any date), and their
/// fold with the organisations and people they name.
///
/// Read from the partnership's inputs kept beside the log when it has
/// them (`kept.rs`: caught up with the log first, and saved again when
/// `save`), else from the log.
pub fn state_fold(
    store: &Store,
    partnership: &str,
    view: &View,
    save: bool,
) -> Result<(Vec<Envelope>, Replay), CliError> {
    let until = until(Some(view.as_of));
    super::known::partnership(store, partnership)?;
    if let Some(mut kept) = super::kept::StateInputs::open(store, partnership)?
        && let Some(own) = kept.own(until)
    {
        let replay =
            accord_projections::partnership::state_fold(&own, partnership, view, |entries| {
                kept.directory(entries, until)
            })?;
        if save {
            kept.save();
        }
        return Ok((own, replay));
    }
    // A state needs only some of the programme stream (a property test in
    // projections holds the list to that).
    // Of the directory, only the organisations and people it names (a
    // property test in projections holds this reading to the whole log's).
    let own = own_events_until(store, partnership, false, view.as_of)?;
    let replay = accord_projections::partnership::state_fold(&own, partnership, view, |entries| {
        read_directory(store, entries, until)
    })?;
    Ok((own, replay))
}

/// How every reading command ends: with `--json`, the report and the head
/// it was built from; otherwise the text `render` makes, then the footer
/// naming that head (and the known-at time, when the view has one), in the
/// languages of `tr`.
pub fn print_report<T: Serialize>(
    ctx: &Context,
    report: &T,
    head: &Head,
    view: &View,
    tr: &Tr,
    render: impl FnOnce() -> String,
) -> Result<ExitCode, CliError> {
    let report = match ctx.json {
        true => report_json(report)?,
        false => render(),
    };
    print_finished(ctx, report, head, view, tr)
}

/// Prints a report made for `ctx` (JSON without its head, or text without
/// its footer) with the head it was built from.
fn print_finished(
    ctx: &Context,
    report: String,
    head: &Head,
    view: &View,
    tr: &Tr,
) -> Result<ExitCode, CliError> {
    if ctx.json {
        let (body, tail) = head_parts(&report, head);
        text::emit_parts(&[body, &tail])?;
    } else {
        let footer = text::footer(&ctx.out_style, head, view.known_at.as_deref(), tr);
        text::emit_parts(&[&report, &footer])?;
    }
    Ok(ExitCode::SUCCESS)
}

/// How a report is printed, to name a saved one ([`print_saved_report`]):
/// `json`, or text with the languages `lang` chooses (English without),
/// its width and colour or not; then the command's own `options` that
/// change it.
pub fn report_form(
    ctx: &Context,
    lang: Option<&LangArgs>,
    options: &str,
) -> Result<String, CliError> {
    if ctx.json {
        return Ok(format!("json {options}"));
    }
    let langs = match lang {
        Some(lang) => lang.form().map_err(unknown_lang)?,
        None => "en".to_owned(),
    };
    Ok(format!(
        "text {langs} width={} color={} {options}",
        text::width(),
        ctx.out_style.color
    ))
}

/// How a report on one partnership ends when it is saved beside the log
/// (`folds.rs`): the one saved under `key` while the streams it reads are
/// unchanged, else the one `make` gives (JSON without its head, or text
/// without its footer), saved unless under `--read-only`; then, as
/// [`print_report`], with the head it was built from.
pub fn print_saved_report(
    ctx: &Context,
    store: &Store,
    view: &View,
    tr: &Tr,
    key: &ReportKey,
    make: impl FnOnce() -> Result<String, CliError>,
) -> Result<ExitCode, CliError> {
    let report = partnership_report(store, !ctx.read_only, view, key, make)?;
    let head = head_of(store, view)?;
    print_finished(ctx, report, &head, view, tr)
}

/// The wording `--lang` and `--digits` ask for; an unknown language is a
/// usage error.
pub fn wording(lang: &LangArgs) -> Result<Tr, CliError> {
    lang.tr().map_err(unknown_lang)
}

/// The usage error for a `--lang` that names no language accord has.
pub fn unknown_lang(e: crate::render::i18n::UnknownLang) -> CliError {
    CliError::usage(e.to_string(), "give --lang en, km or km,en")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `--json` printed before the head was spliced in as text: the
    /// report's members flattened beside `head`, by serde.
    #[derive(Serialize)]
    struct Flattened<'a, T: Serialize> {
        #[serde(flatten)]
        report: &'a T,
        head: HeadJson,
    }

    #[derive(Serialize)]
    struct HeadJson {
        seq: u64,
        hash: String,
    }

    /// The head spliced into a report's JSON as text is the JSON serde
    /// writes for the report flattened beside it: for a report with
    /// nested members, and for one with none.
    #[test]
    fn the_spliced_head_is_the_flattened_json() {
        let head = Head {
            seq: 42,
            hash: [7; 32],
        };
        let nested = serde_json::json!({
            "partnership": "twg-health",
            "members": [{"person": "a", "scores": {"x": 2.3636363636363638}}],
            "closed": false,
            "latest_review": null,
            "empty": {},
        });
        for report in [nested, serde_json::json!({})] {
            let flattened = Flattened {
                report: &report,
                head: HeadJson {
                    seq: head.seq,
                    hash: hex::encode(head.hash),
                },
            };
            let want = format!("{}\n", serde_json::to_string_pretty(&flattened).unwrap());
            assert_eq!(json_with_head(&report, &head).unwrap(), want);
        }
    }
}
