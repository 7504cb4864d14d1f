//! Translations: a reading aid recorded beside the content it renders. The
//! target's existence (and its date) is checked with every reference; here,
//! that the field, version and summary it translates exist.

use super::super::{Rule, RuleState, Violation};
use super::Checked;
use crate::catalogue::{Event, TranslationRecorded};
use crate::fields::{Translatable, TranslatedField};
use crate::input::NewEvent;

impl RuleState {
    /// The rules of `translation.recorded` beyond the target's existence.
    pub(super) fn check_translation(&self, ev: &NewEvent) -> Checked {
        let Event::TranslationRecorded(d) = &ev.event else {
            return Ok(());
        };
        let of = d.of.as_str();
        match (&d.id, d.of) {
            (Some(_), Translatable::Programme) => {
                return Err(Violation::new(
                    Rule::Translation,
                    "id",
                    "a translation of the programme names no id (there is one programme)",
                )
                .hint("leave the id out"));
            }
            (None, Translatable::Programme) if !self.signing.programme_defined() => {
                return Err(Violation::new(
                    Rule::UnknownReference,
                    "of",
                    "the programme is not defined yet, so there is nothing to translate",
                )
                .hint("define it first with a programme.defined event"));
            }
            (None, Translatable::Programme) => {}
            (None, _) => {
                return Err(Violation::new(
                    Rule::Translation,
                    "id",
                    format!("a translation of a {of} names the {of} by its id"),
                )
                .hint(format!(
                    "give the {of}'s id (`accord list {of}s` shows them)"
                )));
            }
            (Some(_), _) => {}
        }
        if !d.of.fields().contains(&d.field) {
            let fields: Vec<&str> = d.of.fields().iter().map(|f| f.as_str()).collect();
            return Err(Violation::new(
                Rule::Translation,
                "field",
                format!("a {of} has no {} to translate", d.field.as_str()),
            )
            .hint(format!(
                "a {of}'s translatable fields are: {}",
                fields.join(", ")
            )));
        }
        self.check_translated_version(d)?;
        self.check_translated_summary(d)
    }

    /// An agreement's title and text change with its versions, so a
    /// translation names the version it renders; nothing else has versions.
    fn check_translated_version(&self, d: &TranslationRecorded) -> Checked {
        let id = d.id.as_ref().map(|i| i.as_str()).unwrap_or_default();
        match (d.of, d.version) {
            (Translatable::Agreement, None) => Err(Violation::new(
                Rule::Translation,
                "version",
                format!(
                    "a translation of agreement {id:?} names the version of the text it translates"
                ),
            )
            .hint("give the version (`accord show` lists each agreement's current version)")),
            (Translatable::Agreement, Some(v)) => {
                let versions = self.agreements.get(id).map_or(0, |a| a.versions.len());
                if v.0 as usize > versions {
                    Err(Violation::new(
                        Rule::Translation,
                        "version",
                        format!(
                            "agreement {id:?} has no version {} (its latest is version {versions})",
                            v.0
                        ),
                    )
                    .hint("translate a version that has been proposed or revised"))
                } else {
                    Ok(())
                }
            }
            (_, Some(_)) => Err(Violation::new(
                Rule::Translation,
                "version",
                format!(
                    "only agreements have versions; a {} does not",
                    d.of.as_str()
                ),
            )
            .hint("leave the version out")),
            (_, None) => Ok(()),
        }
    }

    /// A stage's or review's summary is written when it is completed or
    /// concluded: there is no summary to translate before then.
    fn check_translated_summary(&self, d: &TranslationRecorded) -> Checked {
        if d.field != TranslatedField::Summary {
            return Ok(());
        }
        let id = d.id.as_ref().map(|i| i.as_str()).unwrap_or_default();
        let (done, when) = match d.of {
            Translatable::Stage => (
                id.parse::<u32>()
                    .ok()
                    .and_then(|n| self.stages.get(&n))
                    .is_some_and(|s| s.completed.is_some()),
                "completed",
            ),
            Translatable::Review => (
                self.reviews.get(id).is_some_and(|r| r.concluded.is_some()),
                "concluded",
            ),
            _ => (true, ""),
        };
        if done {
            Ok(())
        } else {
            Err(Violation::new(
                Rule::Translation,
                "field",
                format!(
                    "{} {id:?} has no summary yet: it is written when the {} is {when}",
                    d.of.as_str(),
                    d.of.as_str()
                ),
            )
            .hint("record the translation after the summary"))
        }
    }
}
