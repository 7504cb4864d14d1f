//! `accord import FILE.csv`: spreadsheet rows to events, all or none.
//!
//! The sheet is read and every cell checked first (`crate::import`). Then
//! the rows are appended as one `Store::append` batch, so they go through
//! the same rules as every other event and are all recorded or none is.
//!
//! The store stops a batch at the first broken rule. To report every bad
//! row at once, and for `--dry-run`, the rows are checked against a private
//! temporary copy of the log (SQLite `VACUUM INTO`, a consistent snapshot):
//! the batch is appended there, a row that breaks a rule is set aside and
//! the batch tried again without it, until the rest passes. The copy is
//! deleted afterwards; the log itself is only read. (Another process may
//! append between the check and a real import; the real append checks
//! every rule again, so nothing inconsistent can be recorded.)

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use accord_events::Event;
use accord_events::catalogue::{EFFECTIVENESS, EFFECTIVENESS_CRITERIA};
use accord_events::input::NewEvent;
use accord_events::rules::{Violation, did_you_mean};
use accord_events::store::{Access, AppendError, AppendOptions, AppendOutcome, LogFilter, Store};
use clap::Args;
use serde_json::json;

use crate::commands::entry::effects;
use crate::commands::entry::record::{Stamp, new_event, operator};
use crate::context::Context;
use crate::error::{CliError, REJECTED, append_error};
use crate::import::{RowError, Sheet, SheetRow, read};
use crate::render::progress::Progress;
use crate::render::summary::summary;

/// At most this many bad rows are reported.
const MAX_ROW_ERRORS: usize = 100;
/// At most this many rows and changes are listed in the output.
const MAX_LISTED: usize = 20;

/// Import a spreadsheet saved as CSV: review responses or commitments, all rows or none.
#[derive(Debug, Args)]
#[command(
    next_help_heading = "Import",
    after_help = r#"The kind of sheet is read from its first row (the header).
A reviews sheet has one row per respondent and one column per criterion of the review's framework:
  review,respondent,shared_goal,co_creation,inclusive_transparent,engagement,review_revision,comment
  r-2010,chair-health,4,3,4,2,3,"Good start, slow follow-up"
A commitments sheet has one row per commitment (the origin column is optional):
  commitment,partnership,text,owner,due,origin
  c-7,health,Publish the joint annual plan,moh,2010-06-30,r-2010
Both may add a date column (when it happened; default --date, else today) and a source column.
An empty score cell means the criterion was not scored. Row numbers in messages are the ones
your spreadsheet shows (the header is row 1). All rows are recorded, or none.

Examples:
  accord import --dry-run reviews.csv     (checks the file; records nothing)
  accord --as secretariat import reviews.csv --date 2010-03-15 --source "Health check, March 2010""#
)]
pub struct ImportArgs {
    /// The CSV file (saved from a spreadsheet as "CSV UTF-8").
    #[arg(value_name = "FILE.csv", help_heading = None::<&str>)]
    pub file: PathBuf,
    /// Check every row against the log and show what would be appended, without recording anything.
    #[arg(long)]
    pub dry_run: bool,
    /// When the rows happened, for rows without a date cell (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Where the rows come from, for rows without a source cell (default: the file name and row).
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
}

pub fn run(ctx: &Context, args: ImportArgs) -> Result<ExitCode, CliError> {
    // A dry run records nothing, so it does not need to know who is typing.
    let operator = match (args.dry_run, ctx.operator.as_deref()) {
        (true, None) => "(dry run)",
        _ => operator(ctx)?,
    };
    let bytes = std::fs::read(&args.file).map_err(|e| {
        CliError::rejected(
            format!("cannot read {}: {e}", args.file.display()),
            "check the file name",
        )
    })?;
    let name = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let progress = Progress::new("reading", "rows", None);
    let sheet = read(&bytes, &|n| progress.set(n));
    progress.finish();
    let sheet = sheet.map_err(|e| CliError {
        message: format!("{name}: {}", e.message),
        details: vec!["nothing was imported; the log is unchanged".into()],
        hint: Some(e.hint),
        code: REJECTED,
    })?;
    let mut store = if args.dry_run {
        ctx.open_read()?
    } else {
        ctx.open_write()?
    };
    check_criteria(&store, &name, &sheet)?;
    if sheet.rows.is_empty() && sheet.errors.is_empty() {
        return Err(CliError::rejected(
            format!("{name}: the sheet has a header but no rows; there is nothing to import"),
            "fill in one row per response or commitment below the header",
        ));
    }
    let mut errors = sheet.errors.clone();
    let events = to_events(ctx, &args, &name, &sheet, &mut errors);
    let total = events.len() as u64;
    let progress = Progress::new("importing", "events", Some(total));
    let tick = |n: u64| progress.set(n);
    let opts = AppendOptions {
        operator: Some(operator),
        progress: Some(&tick),
    };
    if errors.is_empty() && !args.dry_run {
        match store.append(events.iter().cloned().map(Ok), &opts) {
            Ok(outcome) => {
                progress.finish();
                return report(ctx, &store, &name, &sheet, &outcome, false);
            }
            Err(AppendError::Rule { .. } | AppendError::IdConflict { .. }) => {}
            Err(e) => {
                progress.finish();
                return Err(append_error(e));
            }
        }
    }
    // A dry run, or rows to report: check every row against a copy of the log.
    let copy = Scratch::of(&store)?;
    let mut scratch = Store::open(&copy.path, Access::ReadWrite, ctx.clock)?;
    scratch
        .connection()
        .execute_batch("PRAGMA synchronous = OFF")
        .map_err(|e| CliError::store(e.into()))?;
    let outcome = check_all(&mut scratch, &sheet, &events, &opts, &mut errors);
    progress.finish();
    let outcome = outcome?;
    if !errors.is_empty() {
        return Err(rows_error(&name, errors, args.dry_run));
    }
    let outcome = outcome.expect("a batch without bad rows was appended to the copy");
    report(ctx, &scratch, &name, &sheet, &outcome, true)
}

/// A reviews sheet's criterion columns must be criteria of the framework its
/// reviews are scored on: said once for the header, not once per row.
fn check_criteria(store: &Store, name: &str, sheet: &Sheet) -> Result<(), CliError> {
    let reviews: BTreeSet<&str> = sheet
        .rows
        .iter()
        .filter_map(|r| match &r.event {
            Event::ReviewResponse(d) => Some(d.review.as_str()),
            _ => None,
        })
        .collect();
    if reviews.is_empty() {
        return Ok(());
    }
    let mut criteria: HashMap<String, Vec<String>> = HashMap::new();
    criteria.insert(
        EFFECTIVENESS.into(),
        EFFECTIVENESS_CRITERIA
            .iter()
            .map(|(c, _)| (*c).to_owned())
            .collect(),
    );
    let mut framework_of: HashMap<String, String> = HashMap::new();
    for kind in ["framework.defined", "review.opened"] {
        let filter = LogFilter {
            kind: Some(kind.into()),
            ..LogFilter::default()
        };
        for stored in store.stored_matching(&filter)? {
            match stored.decode().map(|e| e.event) {
                Ok(Event::FrameworkDefined(d)) => {
                    let ids = d.criteria.iter().map(|c| c.id.to_string()).collect();
                    criteria.insert(d.framework.to_string(), ids);
                }
                Ok(Event::ReviewOpened(d)) => {
                    let f = d
                        .framework
                        .map_or(EFFECTIVENESS.to_owned(), |f| f.to_string());
                    framework_of.insert(d.review.to_string(), f);
                }
                _ => {}
            }
        }
    }
    let mut problems = Vec::new();
    for column in &sheet.criteria {
        let misfit = reviews.iter().find_map(|r| {
            let f = framework_of.get(*r)?;
            let ids = criteria.get(f)?;
            (!ids.contains(column)).then_some((r, f, ids))
        });
        if let Some((review, framework, ids)) = misfit {
            let mut p = format!(
                "{column:?} is not a criterion of the framework {framework:?} that review {review:?} is scored on (its criteria: {})",
                ids.join(", ")
            );
            if let Some(s) = did_you_mean(column, ids.iter().map(String::as_str)) {
                p.push_str(&format!("; did you mean {s:?}?"));
            }
            problems.push(p);
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(CliError {
        message: format!("{name}: row {} (the header): {}", sheet.header_row, problems.join("; ")),
        details: vec!["nothing was imported; the log is unchanged".into()],
        hint: Some("name each score column after a criterion of the review's framework (leave a cell empty when it was not scored)".into()),
        code: REJECTED,
    })
}

/// The sheet's good rows as events, dated and sourced; bad dates join `errors`.
fn to_events(
    ctx: &Context,
    args: &ImportArgs,
    name: &str,
    sheet: &Sheet,
    errors: &mut Vec<RowError>,
) -> Vec<NewEvent> {
    let today = ctx.clock.today();
    let mut out = Vec::with_capacity(sheet.rows.len());
    for SheetRow {
        row,
        event,
        date,
        source,
    } in &sheet.rows
    {
        let default_source = format!("{name}, row {row}");
        let stamp = Stamp {
            date: date.as_deref().or(args.date.as_deref()),
            id: None,
            source: Some(
                source
                    .as_deref()
                    .or(args.source.as_deref())
                    .unwrap_or(&default_source),
            ),
            line: *row,
        };
        match new_event(today, event.clone(), stamp) {
            Ok(e) => out.push(e),
            Err(e) => {
                let column = match e.field.as_str() {
                    "occurred_at" if date.is_some() => Some("date".to_owned()),
                    "occurred_at" => None,
                    f => sheet.column_of(f),
                };
                let message = if e.field == "occurred_at" && date.is_none() {
                    format!("--date: {}", e.message)
                } else {
                    e.message
                };
                errors.push(RowError {
                    row: *row,
                    column,
                    message,
                });
            }
        }
    }
    errors.sort_by_key(|e| e.row);
    out
}

/// Appends to the scratch copy, setting aside each row that breaks a rule:
/// the rows before it passed, so they are kept (later rows are checked
/// against them) and the check goes on after it. Returns the outcome when
/// every row passed in one batch.
fn check_all(
    scratch: &mut Store,
    sheet: &Sheet,
    events: &[NewEvent],
    opts: &AppendOptions<'_>,
    errors: &mut Vec<RowError>,
) -> Result<Option<AppendOutcome>, CliError> {
    let clean = errors.is_empty();
    let mut pos = 0;
    loop {
        let rest = &events[pos..];
        let (row, error) = match scratch.append(rest.iter().cloned().map(Ok), opts) {
            Ok(outcome) => {
                errors.sort_by_key(|e| e.row);
                return Ok((clean && pos == 0).then_some(outcome));
            }
            Err(AppendError::Rule {
                line, violation, ..
            }) => (line, rule_error(sheet, line, violation)),
            Err(AppendError::IdConflict { line, id, seq, .. }) => (
                line,
                RowError {
                    row: line,
                    column: None,
                    message: format!(
                        "the event id {id:?} is already recorded (seq {seq}) with different content"
                    ),
                },
            ),
            Err(e) => return Err(append_error(e)),
        };
        errors.push(error);
        if errors.len() >= MAX_ROW_ERRORS {
            errors.sort_by_key(|e| e.row);
            return Ok(None);
        }
        let bad = rest
            .iter()
            .position(|e| e.line == row)
            .expect("the refused row is in the batch");
        if bad > 0 {
            scratch
                .append(rest[..bad].iter().cloned().map(Ok), opts)
                .map_err(append_error)?;
        }
        pos += bad + 1;
    }
}

fn rule_error(sheet: &Sheet, row: usize, v: Violation) -> RowError {
    let column = v.field.as_deref().and_then(|f| sheet.column_of(f));
    let mut message = v.message;
    if let Some(h) = v.hint {
        message.push_str(" — ");
        message.push_str(&h);
    }
    RowError {
        row,
        column,
        message,
    }
}

fn rows_error(name: &str, errors: Vec<RowError>, dry_run: bool) -> CliError {
    let n = errors.iter().map(|e| e.row).collect::<HashSet<_>>().len();
    let mut details: Vec<String> = errors.iter().map(ToString::to_string).collect();
    if errors.len() >= MAX_ROW_ERRORS {
        details.push(format!("(stopped after {MAX_ROW_ERRORS} errors)"));
    }
    details.push(if dry_run {
        "dry run: nothing was recorded".into()
    } else {
        "nothing was imported; the log is unchanged".into()
    });
    CliError {
        message: format!(
            "{name}: {n} {} cannot be imported",
            if n == 1 { "row" } else { "rows" }
        ),
        details,
        hint: Some("fix the rows named above in the spreadsheet, save it as CSV UTF-8 and import it again (`accord import --dry-run FILE` checks a file without recording anything)".into()),
        code: REJECTED,
    }
}

/// What was (or would be) appended, and what it changed.
fn report(
    ctx: &Context,
    store: &Store,
    name: &str,
    sheet: &Sheet,
    outcome: &AppendOutcome,
    dry_run: bool,
) -> Result<ExitCode, CliError> {
    let first = outcome
        .recorded
        .first()
        .map_or(outcome.head.seq + 1, |r| r.seq);
    let changes = effects::changes(store, first, outcome.head.seq, ctx.clock.today())?;
    if ctx.json {
        let rows: Vec<_> = outcome
            .recorded
            .iter()
            .map(|r| json!({"row": r.line, "seq": r.seq, "id": r.id}))
            .collect();
        let out = json!({
            "file": name,
            "kind": sheet.kind.noun(),
            "dry_run": dry_run,
            "appended": if dry_run { 0 } else { outcome.appended },
            "would_append": if dry_run { outcome.appended } else { 0 },
            "skipped": outcome.skipped,
            "rows": rows,
            "changes": changes,
        });
        outln!("{out}")?;
        return Ok(ExitCode::SUCCESS);
    }
    let seqs = match outcome.appended {
        0 => String::new(),
        1 => format!(" (seq {first})"),
        _ => format!(" (seq {first}–{})", outcome.head.seq),
    };
    if dry_run {
        outln!(
            "dry run: {name} is valid ({}); importing it would append {} event(s):",
            sheet.kind.noun(),
            outcome.appended
        )?;
        let by_row: HashMap<usize, &Event> = sheet.rows.iter().map(|r| (r.row, &r.event)).collect();
        for r in outcome.recorded.iter().take(MAX_LISTED) {
            if let Some(e) = by_row.get(&r.line) {
                outln!("  row {}: {} {}", r.line, e.kind(), describe_row(e))?;
            }
        }
        more(outcome.appended as usize)?;
    } else {
        outln!(
            "imported {name} ({}): appended {} event(s){seqs}",
            sheet.kind.noun(),
            outcome.appended
        )?;
    }
    if !changes.is_empty() {
        outln!(
            "{}",
            if dry_run {
                "it would change:"
            } else {
                "what changed:"
            }
        )?;
        for c in changes.iter().take(MAX_LISTED) {
            outln!("  {c}")?;
        }
        more(changes.len())?;
    }
    if dry_run {
        outln!("nothing was recorded (the rows were checked against a temporary copy of the log)")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn more(n: usize) -> std::io::Result<()> {
    if n > MAX_LISTED {
        outln!("  ... and {} more", n - MAX_LISTED)?;
    }
    Ok(())
}

fn describe_row(e: &Event) -> String {
    match e {
        Event::ReviewResponse(d) => {
            let scores: Vec<String> = d.scores.iter().map(|(c, n)| format!("{c} {n}")).collect();
            format!("{} by {}: {}", d.review, d.respondent, scores.join(", "))
        }
        other => summary(other),
    }
}

/// A private copy of the log, deleted when dropped.
struct Scratch {
    path: PathBuf,
}

impl Scratch {
    fn of(store: &Store) -> Result<Scratch, CliError> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path =
            std::env::temp_dir().join(format!("accord-check-{}-{nanos}.db", std::process::id()));
        let scratch = Scratch { path };
        let target = scratch.path.to_str().ok_or_else(|| {
            CliError::rejected(
                "the temporary folder's path is not UTF-8",
                "set TMPDIR to a plain folder",
            )
        })?;
        let failed = |e: String| {
            CliError::rejected(
                format!("cannot make a temporary copy of the log to check the rows: {e}"),
                "check that the temporary folder (TMPDIR) is writable and has room",
            )
        };
        match store.sqlite_connection() {
            Some(conn) => conn
                .execute_batch(&format!("VACUUM INTO '{}'", target.replace('\'', "''")))
                .map_err(|e| failed(e.to_string()))?,
            None => {
                // Another database (PostgreSQL): the copy is an SQLite log
                // restored from its export, the same events and positions.
                let mut export = Vec::new();
                store.for_each(|e| {
                    export.extend_from_slice(e.to_json_line().as_bytes());
                    export.push(b'\n');
                    Ok(())
                })?;
                Store::restore(&scratch.path, &export[..], None, store.clock())
                    .map_err(|e| failed(e.to_string()))?;
            }
        }
        Ok(scratch)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = self.path.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(Path::new(&p));
        }
    }
}
