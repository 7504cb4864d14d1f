//! `accord translate OF [ID]`: a translation of recorded content, as an
//! event. Written by hand rather than with `entry!`: its subject is two
//! positionals (what kind of content, then its id), and the payload's `id`
//! field would clash with the `--id` every command takes for the event.

use accord_events::catalogue::TranslationRecorded;
use accord_events::fields::{LangTag, Name, Ordinal, Slug, Text, Translatable, TranslatedField};
use accord_events::{Event, EventKind};

use super::args::{A, Common, Conv, TextSource};
use super::{Entry, Lookup, effects};
use crate::error::CliError;

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
    #[arg(value_name = "OF", help_heading = None::<&str>)]
    pub of: A<Translatable>,
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
    #[arg(long)]
    pub translated_by: A<Name>,
    #[command(flatten)]
    pub common: Common,
}

impl Entry for Translate {
    const KIND: EventKind = EventKind::TranslationRecorded;
    const SUBJECT: Option<&'static str> = Some("of");

    fn build(self, lookup: &Lookup<'_>) -> Result<(Event, Common), CliError> {
        let of = self.of.0;
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
            translated_by: self.translated_by.0,
        };
        Ok((Event::TranslationRecorded(payload), self.common))
    }
}
