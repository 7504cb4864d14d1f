//! `accord translate OF [ID]`: a translation of recorded content, as an
//! event. Written by hand rather than with `entry!`: its subject is two
//! positionals (what kind of content, then its id), and the payload's `id`
//! field would clash with the `--id` every command takes for the event.

use accord_events::catalogue::TranslationRecorded;
use accord_events::fields::{LangTag, Name, Ordinal, Slug, Text, Translatable, TranslatedField};
use accord_events::{Event, EventKind};

use std::process::ExitCode;

use accord_projections::View;
use accord_projections::translations::translatable;

use super::args::{A, Common, Conv, TextSource};
use super::{Entry, Lookup, effects};
use crate::context::Context;
use crate::error::CliError;
use crate::render::csv::cell;
use crate::render::text;

/// Record a translation of recorded content (a partnership's name, an
/// agreement's text, a finding, ...) into another language.
///
/// A translation is a reading aid: reports in that language show it,
/// marked as a translation, and an agreement's text in translation says
/// that the endorsed text is the original, with its SHA-256. Nothing that
/// was endorsed or signed changes. A later translation of the same field
/// into the same language supersedes the earlier one; `accord retract`
/// takes one back. For many translations at once, `accord import` reads a
/// translations sheet (one column per language).
#[derive(Debug, clap::Args)]
#[command(
    disable_version_flag = true,
    next_help_heading = "Event data",
    after_help = "What can be translated (OF: its fields):\n  programme: name, objective (no ID)\n  stage: name, summary (ID is the stage's number)\n  organisation, partnership: name\n  agreement: title, text (of one version; default the current one)\n  review: summary\n  finding, commitment: text\n\nExamples:\n  accord translate partnership twg-health --lang km --text \"ក្រុមការងារបច្ចេកទេសសុខាភិបាល\" --translated-by \"Sok Dara\"\n  accord translate finding f-3 --lang km --text-file f-3.km.txt --translated-by \"MoP translation unit\"\n  accord translate agreement pp-1 --field text --version 2 --lang km --text-file pp-1.v2.km.txt --translated-by \"Sok Dara\"\n  accord translate programme --field name --lang km --text \"...\" --translated-by \"Sok Dara\""
)]
pub struct Translate {
    /// What kind of content is translated.
    #[arg(value_name = "OF", help_heading = None::<&str>, required_unless_present = "sheet")]
    pub of: Option<A<Translatable>>,
    /// Its id (left out for the programme; a stage's number).
    #[arg(value_name = "ID", help_heading = None::<&str>)]
    pub target: Option<A<Slug>>,
    /// The field translated (default: the only one, for kinds that have one).
    #[arg(long)]
    pub field: Option<A<TranslatedField>>,
    /// The agreement version whose title or text is translated (default: its current version).
    #[arg(long = "version", value_name = "N")]
    pub version: Option<A<Ordinal>>,
    /// The language of the translation: km (Khmer), en (English), or another 2- or 3-letter code.
    #[arg(long)]
    pub lang: A<LangTag>,
    /// The translation.
    #[arg(long)]
    pub text: Option<A<Text>>,
    /// Read the translation from a UTF-8 text file (for long texts).
    #[arg(long, value_name = "PATH", conflicts_with = "text")]
    pub text_file: Option<std::path::PathBuf>,
    /// Who translated it (a name: translators are often not in the directory).
    #[arg(long, required_unless_present = "sheet")]
    pub translated_by: Option<A<Name>>,
    /// Record nothing: print, as CSV, a translations sheet of what has no
    /// translation into --lang yet (its text as recorded in the original
    /// column), for a translator to fill in and `accord import` to record.
    #[arg(long, help_heading = "Translations sheet", conflicts_with_all = ["of", "text", "text_file", "translated_by"])]
    pub sheet: bool,
    /// With --sheet: list everything, its standing translation filled in.
    #[arg(long, help_heading = "Translations sheet", requires = "sheet")]
    pub all: bool,
    #[command(flatten)]
    pub common: Common,
}

impl Entry for Translate {
    const KIND: EventKind = EventKind::TranslationRecorded;
    const SUBJECT: Option<&'static str> = Some("of");

    fn build(self, lookup: &Lookup<'_>) -> Result<(Event, Common), CliError> {
        let (Some(A(of)), Some(A(translated_by))) = (self.of, self.translated_by) else {
            return Err(CliError::usage(
                "give what is translated (OF) and --translated-by",
                "see `accord translate --help`",
            ));
        };
        let field = match (self.field, of.fields()) {
            (Some(f), _) => f.0,
            (None, [only]) => *only,
            (None, _) => {
                return Err(CliError::usage(
                    format!("--field is required: a {of} has several fields to translate"),
                    format!(
                        "give --field {}",
                        of.fields()
                            .iter()
                            .map(|f| f.as_str())
                            .collect::<Vec<_>>()
                            .join(" or --field ")
                    ),
                ));
            }
        };
        let id = self.target.map(|a| a.0);
        let mut version = self.version.map(|a| a.0);
        if of == Translatable::Agreement
            && version.is_none()
            && let Some(id) = &id
        {
            version =
                effects::current_version(lookup.store, id.as_str(), lookup.today)?.map(Ordinal);
        }
        let text = TextSource {
            inline: self.text,
            file: self.text_file,
        }
        .conv("text")?;
        let payload = TranslationRecorded {
            of,
            id,
            field,
            version,
            lang: self.lang.0,
            text,
            translated_by,
        };
        Ok((Event::TranslationRecorded(payload), self.common))
    }
}

/// `accord translate --sheet`: what has no translation into the language
/// yet, as a translations sheet (CSV on stdout), read from the log as it
/// stands today. Records nothing.
pub fn sheet(ctx: &Context, args: Translate) -> Result<ExitCode, CliError> {
    let lang = args.lang.0;
    let store = ctx.open_read()?;
    let replay = crate::commands::status::replay(&store, &View::as_of(ctx.clock.today()))?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let lang_column = lang.as_str();
    let mut rows = 0;
    let mut write = |cells: &[&str]| -> Result<(), CliError> {
        w.write_record(cells).map_err(|e| {
            CliError::rejected(
                format!("cannot write the sheet: {e}"),
                "report this as a bug",
            )
        })
    };
    write(&[
        "of",
        "id",
        "field",
        "version",
        "translated_by",
        "original",
        lang_column,
    ])?;
    for (target, original) in translatable(&replay) {
        let standing = replay.translations.get(&target, lang.as_str());
        if standing.is_some() && !args.all {
            continue;
        }
        let version = target.version.map(|v| v.to_string()).unwrap_or_default();
        let (by, text) = standing.map_or((String::new(), String::new()), |t| {
            (cell(&t.translated_by), cell(&t.text))
        });
        write(&[
            target.of.as_str(),
            &target.id,
            target.field.as_str(),
            &version,
            &by,
            &cell(&original),
            &text,
        ])?;
        rows += 1;
    }
    let bytes = w.into_inner().map_err(|e| {
        CliError::rejected(
            format!("cannot write the sheet: {e}"),
            "report this as a bug",
        )
    })?;
    text::emit(&String::from_utf8_lossy(&bytes))?;
    eprintln!(
        "{rows} row(s) {} into {lang_column}: fill in the {lang_column} column and translated_by, save as CSV UTF-8, then `accord import FILE` (rows left empty are skipped)",
        if args.all {
            "to translate or revise"
        } else {
            "to translate"
        },
    );
    Ok(ExitCode::SUCCESS)
}
