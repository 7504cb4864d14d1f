//! Turning library errors into what a person reads: a message, a hint of
//! what to run next, and an exit code (0 ok, 1 rejected, 2 usage, 3 altered).

use std::process::ExitCode;

use accord_events::store::{AppendError, Location, StoreError};

use crate::render::style::Style;

/// Exit code for rejected input or a broken domain rule.
pub const REJECTED: u8 = 1;
/// Exit code for a usage error.
pub const USAGE: u8 = 2;
/// Exit code when `verify` finds the log altered.
pub const ALTERED: u8 = 3;

/// An error ready to show.
#[derive(Debug)]
pub struct CliError {
    pub message: String,
    /// Further lines (one per bad input line, the rule, ...).
    pub details: Vec<String>,
    pub hint: Option<String>,
    pub code: u8,
}

impl CliError {
    pub fn rejected(message: impl Into<String>, hint: impl Into<String>) -> CliError {
        CliError {
            message: message.into(),
            details: vec![],
            hint: Some(hint.into()),
            code: REJECTED,
        }
    }

    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> CliError {
        CliError {
            message: message.into(),
            details: vec![],
            hint: Some(hint.into()),
            code: USAGE,
        }
    }

    /// An error opening the log, with the command that helps.
    pub fn open(e: StoreError, db: &Location) -> CliError {
        let hint = match &e {
            StoreError::Missing(_) => format!(
                "create one with `accord init --db {}`, try `accord demo`, or point --db / ACCORD_DB at an existing log",
                db.display()
            ),
            StoreError::NotALog { .. } => "check the --db path; if the file was damaged, restore it from an export with `accord restore`".into(),
            StoreError::TooNew { .. } => "upgrade accord to read this log".into(),
            StoreError::Connect { .. } => "check the URL, that the server is running, and the password (in ACCORD_DB or PGPASSWORD)".into(),
            StoreError::NoRoomToOpen(_) | StoreError::DiskFull => "free some space on that disk (32 KB lets a log be read; an append needs room for its events too) and run the command again; the log is unchanged".into(),
            _ => "check the file and its permissions".into(),
        };
        CliError {
            message: e.to_string(),
            details: vec![],
            hint: Some(hint),
            code: REJECTED,
        }
    }

    pub fn store(e: StoreError) -> CliError {
        let hint = match &e {
            StoreError::PermissionDenied(_) => {
                "the role in the URL may not do this: create or restore a log as the role that will own it, and append as the application role given SELECT and INSERT by events/sql/postgres/grants.sql"
            }
            StoreError::Busy => {
                "wait for the other accord process to finish, then run the command again"
            }
            StoreError::ReadOnly => {
                "the file or its folder is read-only; check permissions, or write to a copy"
            }
            StoreError::DiskFull => {
                "free some disk space and run the command again; the log is unchanged"
            }
            _ => "run `accord verify` to check the log",
        };
        CliError {
            message: e.to_string(),
            details: vec![],
            hint: Some(hint.into()),
            code: REJECTED,
        }
    }

    /// Prints the error on stderr and gives the exit code.
    pub fn report(&self, style: &Style) -> ExitCode {
        eprintln!("{} {}", style.red("error:"), self.message);
        for d in &self.details {
            eprintln!("  {d}");
        }
        if let Some(h) = &self.hint {
            eprintln!("{} {h}", style.yellow("hint:"));
        }
        ExitCode::from(self.code)
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::store(e)
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::rejected(e.to_string(), "check the path and its permissions")
    }
}

/// An append that was refused. The log is unchanged; say so.
pub fn append_error(e: AppendError) -> CliError {
    const UNCHANGED: &str = "nothing was appended; the log is unchanged";
    match e {
        AppendError::Input(errors) => {
            let n = errors.len();
            let mut details: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            details.push(UNCHANGED.into());
            CliError {
                message: format!("{n} line(s) could not be read as events"),
                details,
                hint: Some("fix the lines named above and append the file again; `accord types` lists every event type and its fields".into()),
                code: REJECTED,
            }
        }
        AppendError::Rule { line, id, kind, violation } => {
            let at = if line > 0 { format!("line {line}: ") } else { String::new() };
            let field = violation.field.as_deref().map(|f| format!("data.{f}: ")).unwrap_or_default();
            let mut details = vec![format!(
                "rule: {} (event type {kind}{})",
                violation.rule.code(),
                id.map(|i| format!(" with id {i:?}")).unwrap_or_default()
            )];
            details.push(UNCHANGED.into());
            CliError {
                message: format!("{at}{field}{}", violation.message),
                details,
                hint: violation.hint,
                code: REJECTED,
            }
        }
        AppendError::IdConflict { line, id, seq, field } => CliError {
            message: format!("line {line}: the id {id:?} is already recorded (seq {seq}) with a different {field}"),
            details: vec![
                "rule: id-conflict (an id is an idempotency key: the same id must carry the same content)".into(),
                UNCHANGED.into(),
            ],
            hint: Some(format!(
                "give this event a new id, or leave the id out; see the recorded one with `accord log --json | grep '\"{id}\"'`"
            )),
            code: REJECTED,
        },
        AppendError::Refused(refused) => {
            // Each refusal said as it would be alone, without its own
            // "unchanged" line and hint; one of each for the whole batch.
            let n = refused.len();
            let mut details = Vec::new();
            let mut hint = None;
            for e in refused {
                let c = append_error(e);
                details.push(c.message);
                details.extend(c.details.into_iter().filter(|d| d != UNCHANGED));
                hint = hint.or(c.hint);
            }
            details.push(UNCHANGED.into());
            CliError {
                message: format!("{n} event(s) break the rules"),
                details,
                hint,
                code: REJECTED,
            }
        }
        AppendError::NoOperator { line } => CliError {
            message: format!("line {line}: nobody to record as recorded_by"),
            details: vec![UNCHANGED.into()],
            hint: Some("say who you are with --as NAME (or ACCORD_USER=NAME), or put \"recorded_by\" in each event".into()),
            code: REJECTED,
        },
        AppendError::Store(e) => {
            let mut c = CliError::store(e);
            c.details.push(UNCHANGED.into());
            c
        }
    }
}
