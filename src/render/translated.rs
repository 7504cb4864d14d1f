//! Recorded content in the languages of a text report: for each language,
//! the standing translation into it (marked ‡), else the text as recorded,
//! shown once however many languages lack a translation.

use std::cell::Cell;

use accord_projections::translations::{Target, Translations};

use super::i18n::Tr;

/// The mark after a translation (explained by the `translations-note` message).
pub const MARK: char = '‡';

/// Recorded content for one report: remembers whether any translation was
/// shown, so the report can explain the mark once.
pub struct Content<'a> {
    translations: &'a Translations,
    tr: &'a Tr,
    used: Cell<bool>,
}

impl<'a> Content<'a> {
    /// Content read through `translations` in the languages of `tr`.
    pub fn new(translations: &'a Translations, tr: &'a Tr) -> Content<'a> {
        Content {
            translations,
            tr,
            used: Cell::new(false),
        }
    }

    /// `original` (the recorded text of `target`) in the report's languages.
    pub fn text(&self, target: &Target, original: &str) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut original_shown = false;
        for lang in self.tr.langs() {
            let part = match self.translations.get(target, lang.tag()) {
                Some(t) => {
                    self.used.set(true);
                    format!("{}{MARK}", t.text)
                }
                None if !original_shown => {
                    original_shown = true;
                    original.to_owned()
                }
                None => continue,
            };
            parts.push(part);
        }
        parts.join(" / ")
    }

    /// The note explaining the mark, when a translation was shown.
    pub fn note(&self) -> Option<String> {
        self.used
            .get()
            .then(|| self.tr.say("translations-note", &[]))
    }
}
