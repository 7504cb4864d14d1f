//! The one path every human command takes: build the typed event, append it
//! through `Store::append` (the same validation and rules as `accord
//! append`), and say what was recorded and what it changed.

use std::process::ExitCode;

use accord_events::input::{InputError, MAX_SOURCE_CHARS, NewEvent, check_event_id};
use accord_events::rules::Rule;
use accord_events::store::{AppendError, AppendOptions};
use accord_events::{Event, EventKind};
use chrono::{Days, NaiveDate};
use serde_json::json;

use super::args::flag;
use super::{Entry, Lookup, effects};
use crate::context::Context;
use crate::error::{CliError, REJECTED, append_error};
use crate::render::summary::summary;

const UNCHANGED: &str = "nothing was recorded; the log is unchanged";

/// Records one human command's event.
pub fn record<E: Entry>(ctx: &Context, entry: E) -> Result<ExitCode, CliError> {
    let operator = operator(ctx)?;
    let mut store = ctx.open_write()?;
    let today = ctx.clock.today();
    let (event, common) = entry.build(&Lookup {
        store: &store,
        today,
    })?;
    let date_given = common.date.as_deref().map(str::trim);
    if date_given.is_none()
        && let Some(what) = backdating(E::KIND)
    {
        return Err(CliError::usage(
            format!(
                "give --date: {what} counts from the day it happened, so accord does not assume today"
            ),
            "give the date it happened, e.g. --date 2010-03-15, or --date today",
        ));
    }
    let new = new_event(
        today,
        event,
        Stamp {
            date: common.date.as_deref(),
            id: common.event_id.as_deref(),
            source: common.source.as_deref(),
            line: 0,
        },
    )
    .map_err(|e| input_error(&e))?;
    let kind = E::KIND;
    let fields: Vec<String> = new
        .data()
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    let gist = summary(&new.event);
    let occurred_at = new.occurred_at.clone();
    // A retraction names its target by id only: say which event that is.
    let retracts = match &new.event {
        Event::EventRetracted(d) => Some(d.event.0.clone()),
        _ => None,
    };
    let given_id = new.id.clone();
    let opts = AppendOptions {
        operator: Some(operator),
        progress: None,
        ..AppendOptions::default()
    };
    let outcome = store
        .append([Ok(new)], &opts)
        .map_err(|e| entry_error(e, kind, &fields, E::SUBJECT))?;
    let Some(r) = outcome.recorded.first() else {
        let id = given_id.unwrap_or_default();
        if ctx.json {
            outln!("{}", json!({"recorded": null, "skipped": id}))?;
        } else {
            outln!(
                "already recorded: the event {id} is in the log with the same content; nothing was appended"
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    };
    let changes = effects::changes(&store, r.seq, r.seq, today)?;
    let defaulted = date_given.is_none();
    if ctx.json {
        let out = json!({
            "recorded": {
                "seq": r.seq, "id": r.id, "type": kind.as_str(), "stream": r.stream,
                "occurred_at": occurred_at, "date_defaulted": defaulted,
            },
            "changes": changes,
        });
        outln!("{out}")?;
    } else {
        let recorded = ctx.out_style.green("recorded");
        outln!("{recorded} seq {}: {kind} [{}] {gist}", r.seq, r.id)?;
        outln!(
            "  {}",
            dated(&occurred_at, today, defaulted, &ctx.out_style)
        )?;
        if let Some(target) = retracts
            && let Some(t) = store.stored_by_id(&target)?
        {
            let what = t
                .decode()
                .map_or_else(|_| String::new(), |e| format!(" {}", summary(&e.event)));
            outln!("  the event retracted: seq {}: {}{what}", t.seq, t.kind)?;
        }
        for c in changes {
            outln!("  {c}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The events that back-date their target's state, by what they record:
/// an endorsement adopts an agreement from its date, a report or a response
/// counts from its date, a stage or a membership starts or ends on it.
/// Typed in from minutes weeks later, a default of today would silently
/// make wrong history, so these commands require `--date` (`--date today`
/// says it on purpose). The other commands default to today and say so.
fn backdating(kind: EventKind) -> Option<&'static str> {
    use EventKind as K;
    Some(match kind {
        K::AgreementEndorsed => "an endorsement",
        K::CommitmentReported => "a progress report",
        K::ReviewResponse => "a review response",
        K::ReviewConcluded => "a review's conclusion",
        K::StageStarted => "a stage's start",
        K::StageCompleted => "a stage's completion",
        K::PartnerJoined => "joining a partnership",
        K::PartnerLeft => "leaving a partnership",
        _ => return None,
    })
}

/// The line that names the date recorded, and says when it was today's by default.
fn dated(
    occurred_at: &str,
    today: NaiveDate,
    defaulted: bool,
    style: &crate::render::style::Style,
) -> String {
    if defaulted {
        style.yellow(&format!(
            "dated today ({today}), the default; give --date for another day"
        ))
    } else if occurred_at.get(..10) == Some(today.to_string().as_str()) {
        format!("dated {occurred_at} (today)")
    } else {
        format!("dated {occurred_at}")
    }
}

/// Who is recording: `--as` or `ACCORD_USER`, required before anything is read.
pub fn operator(ctx: &Context) -> Result<&str, CliError> {
    ctx.operator.as_deref().ok_or_else(|| {
        CliError::usage(
            "nobody to record as recorded_by: accord records who typed every event in",
            "say who you are with --as NAME, or set ACCORD_USER=NAME",
        )
    })
}

/// When, under which id and from which source an event is recorded.
pub struct Stamp<'a> {
    /// `occurred_at` as given (`today` means today); today when absent.
    pub date: Option<&'a str>,
    pub id: Option<&'a str>,
    pub source: Option<&'a str>,
    /// Where it came from (a spreadsheet row; 0 for a command).
    pub line: usize,
}

/// A typed event, checked the way `accord append` checks a line: the date
/// (at most one day ahead), the id and the source.
pub fn new_event(today: NaiveDate, event: Event, stamp: Stamp<'_>) -> Result<NewEvent, InputError> {
    let err = |field: &str, message: String| InputError {
        line: stamp.line,
        field: field.to_owned(),
        message,
    };
    let today_text = today.to_string();
    // `--date today` says on purpose what leaving --date out assumes.
    let date = match stamp.date.map(str::trim) {
        None => today_text.as_str(),
        Some(d) if d.eq_ignore_ascii_case("today") => today_text.as_str(),
        Some(d) => d,
    };
    let mut new = NewEvent::from_event(event, date).map_err(|mut e| {
        e.line = stamp.line;
        e
    })?;
    let latest = today.checked_add_days(Days::new(1)).unwrap_or(today);
    if new.occurred_on > latest {
        return Err(err(
            "occurred_at",
            format!(
                "{date} is in the future (today is {today}); an event may be back-dated but not dated more than one day ahead"
            ),
        ));
    }
    if let Some(id) = stamp.id {
        check_event_id(id).map_err(|m| err("id", m))?;
        new.id = Some(id.to_owned());
    }
    if let Some(s) = stamp.source {
        if s.chars().count() > MAX_SOURCE_CHARS || s.chars().any(|c| c.is_control() && c != '\n') {
            return Err(err(
                "source",
                format!("must be at most {MAX_SOURCE_CHARS} characters without control characters"),
            ));
        }
        new.source = Some(s.to_owned());
    }
    new.line = stamp.line;
    Ok(new)
}

/// The flag a data field or envelope field is given with.
fn flag_of(field: &str) -> String {
    match field {
        "occurred_at" => "--date".into(),
        "id" => "--id".into(),
        "source" => "--source".into(),
        "scores" => "--score".into(),
        f if f.starts_with("scores.") => format!("--score {}=...", &f[7..]),
        f if f.starts_with("criteria") => "--criterion".into(),
        f => flag(f.split('.').next().unwrap_or(f)),
    }
}

fn input_error(e: &InputError) -> CliError {
    let field = e.field.strip_prefix("data.").unwrap_or(&e.field);
    CliError::usage(
        format!("{}: {}", flag_of(field), e.message),
        "see --help for the flags and an example",
    )
}

/// A refused append, said for someone who typed a command (flags, not JSON fields).
fn entry_error(
    e: AppendError,
    kind: EventKind,
    fields: &[String],
    subject: Option<&str>,
) -> CliError {
    match e {
        AppendError::Rule { violation, .. } => {
            let mut rule = format!("rule: {} ({kind})", violation.rule.code());
            let given = |f: &str| {
                let root = f.split('.').next().unwrap_or(f);
                root == "occurred_at" || fields.iter().any(|x| x == root)
            };
            // Point at the flag when its value may be the mistake; a rule
            // about the state (withdrawn, concluded, closed) needs no pointer.
            let field = match violation.rule {
                Rule::OutOfOrder => Some("occurred_at"),
                Rule::Withdrawn
                | Rule::ReviewConcluded
                | Rule::CommitmentClosed
                | Rule::PartnershipClosed
                | Rule::Retraction
                | Rule::Stage => None,
                _ => violation.field.as_deref().filter(|f| given(f)),
            };
            match field {
                // The one data field called `id` is the second argument of `accord translate`.
                Some("id") if kind == EventKind::TranslationRecorded => {
                    rule.push_str("; check the ID (the second argument)");
                }
                Some(f) if Some(f) == subject => {
                    rule.push_str(&format!("; check the {f} (the first argument)"));
                }
                Some(f) => rule.push_str(&format!("; check {}", flag_of(f))),
                None => {}
            }
            CliError {
                message: violation.message,
                details: vec![rule, UNCHANGED.into()],
                hint: violation
                    .hint
                    .map(|h| h.replace("check the occurred_at date", "check --date")),
                code: REJECTED,
            }
        }
        AppendError::IdConflict { id, seq, field, .. } => CliError {
            message: format!(
                "the event id {id:?} is already recorded (seq {seq}) with a different {field}"
            ),
            details: vec![
                "rule: id-conflict (an event id names one event: the same id must carry the same content)".into(),
                UNCHANGED.into(),
            ],
            hint: Some(format!(
                "give another --id, or leave --id out; see the recorded event with `accord log --json | grep '\"{id}\"'`"
            )),
            code: REJECTED,
        },
        AppendError::Input(errors) if errors.len() == 1 => input_error(&errors[0]),
        other => append_error(other),
    }
}
