//! `accord import FILE.csv`: spreadsheet rows to events, all or none.
//!
//! The sheet is read and every cell checked first (`crate::import`). Then
//! the rows are appended as one `Store::append` batch, so they go through
//! the same rules as every other event and are all recorded or none is.
//! The batch goes on past a row that breaks a rule (`keep_going`), so that
//! every bad row is reported at once; a dry run, or a sheet with bad cells,
//! is only checked (`check_only`), which writes nothing.
//!
//! Each row's event id is derived from the row (see [`row_id`]), so that
//! importing the same sheet again skips the rows already recorded instead
//! of refusing them.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;

use accord_events::Event;
use accord_events::input::NewEvent;
use accord_events::rules::Violation;
use accord_events::store::{AppendError, AppendOptions, AppendOutcome, Store};
use accord_projections::audit::text_sha256;
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

/// Import a spreadsheet saved as CSV: review responses, commitments or translations, all rows or none.
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
A translations sheet has one row per translated field and one column per language, named by its
code (an original column, for the translator's reference, is never recorded):
  of,id,field,version,translated_by,original,km
  finding,f-3,text,,Sok Dara,Roles of the secretariat are unclear,តួនាទីរបស់លេខាធិការដ្ឋានមិនច្បាស់លាស់
All may add a date column (when it happened; default --date, else today) and a source column.
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
    check_criteria(&mut store, &name, &sheet)?;
    if sheet.rows.is_empty() && sheet.errors.is_empty() {
        return Err(CliError::rejected(
            format!("{name}: the sheet has a header but no rows; there is nothing to import"),
            "fill in one row per response or commitment below the header (in a translations sheet, a translation under a language column)",
        ));
    }
    let mut errors = sheet.errors.clone();
    let events = to_events(ctx, &args, &name, &sheet, &mut errors);
    let progress = Progress::new("importing", "events", Some(events.len() as u64));
    let tick = |n: u64| progress.set(n);
    let opts = AppendOptions {
        operator: Some(operator),
        progress: Some(&tick),
        // A sheet with bad cells is not imported: its other rows are only
        // checked, to report what else is wrong.
        check_only: args.dry_run || !errors.is_empty(),
        keep_going: true,
    };
    let appended = store.append(events.into_iter().map(Ok), &opts);
    progress.finish();
    match appended {
        Ok(outcome) if errors.is_empty() => {
            report(ctx, &store, &name, &sheet, &outcome, args.dry_run)
        }
        Ok(_) => Err(rows_error(&name, errors, args.dry_run)),
        Err(AppendError::Refused(refused)) => {
            for e in refused {
                errors.push(refusal(&sheet, e)?);
            }
            errors.sort_by_key(|e| e.row);
            errors.truncate(MAX_ROW_ERRORS);
            Err(rows_error(&name, errors, args.dry_run))
        }
        Err(e) => Err(append_error(e)),
    }
}

/// A reviews sheet's criterion columns must be criteria of the framework its
/// reviews are scored on (a rule of the log): said once for the header, not
/// once per row.
fn check_criteria(store: &mut Store, name: &str, sheet: &Sheet) -> Result<(), CliError> {
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
    let rules = store.rules()?;
    let problems: Vec<String> = sheet
        .criteria
        .iter()
        .filter_map(|column| {
            let v = reviews
                .iter()
                .find_map(|r| rules.check_criterion(r, column).err())?;
            Some(match v.hint {
                Some(h) => format!("{}; {h}", v.message),
                None => v.message,
            })
        })
        .collect();
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
            Ok(mut e) => {
                e.id = Some(row_id(sheet, &e));
                out.push(e);
            }
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

/// The event id of an imported row: `import:` and the first 20 hex digits
/// of the SHA-256 of the sheet's kind and the event as it is recorded (type,
/// data as canonical JSON, `occurred_at`, `source`; the default source names
/// the file and the row). Importing the same sheet again gives the same
/// events, which the log skips as repeats; a row changed since, moved, or
/// given another date is another event, which the rules judge (a respondent
/// answers a review once, a commitment is made once), so it is refused
/// with its row named.
fn row_id(sheet: &Sheet, event: &NewEvent) -> String {
    let material = format!(
        "accord import row v1\n{}\n{}\n{}\n{}\n{}",
        sheet.kind.noun(),
        event.kind(),
        event.canonical_data(),
        event.occurred_at,
        event.source.as_deref().unwrap_or_default(),
    );
    format!("import:{}", &text_sha256(&material)[..20])
}

/// A row the log refused, as the row error the sheet's reader sees.
fn refusal(sheet: &Sheet, e: AppendError) -> Result<RowError, CliError> {
    Ok(match e {
        AppendError::Rule {
            line, violation, ..
        } => rule_error(sheet, line, violation),
        AppendError::IdConflict { line, id, seq, .. } => RowError {
            row: line,
            column: None,
            message: format!(
                "the event id {id:?} is already recorded (seq {seq}) with different content"
            ),
        },
        e => return Err(append_error(e)),
    })
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
    let today = ctx.clock.today();
    let changes = if dry_run {
        effects::would_change(store, &outcome.checked, today)?
    } else if outcome.appended > 0 {
        effects::changes(store, first, outcome.head.seq, today)?
    } else {
        Vec::new()
    };
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
    } else if outcome.appended == 0 {
        outln!(
            "{name} ({}) is already imported: its {} row(s) are all recorded; nothing was appended",
            sheet.kind.noun(),
            outcome.skipped
        )?;
    } else {
        outln!(
            "imported {name} ({}): appended {} event(s){seqs}",
            sheet.kind.noun(),
            outcome.appended
        )?;
    }
    if outcome.skipped > 0 && (dry_run || outcome.appended > 0) {
        outln!(
            "  {} row(s) already recorded by an earlier import {}",
            outcome.skipped,
            if dry_run {
                "would be skipped"
            } else {
                "were skipped"
            }
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
        outln!(
            "nothing was recorded (the rows were checked against the log without writing to it)"
        )?;
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
