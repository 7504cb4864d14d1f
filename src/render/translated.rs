//! Recorded content in the languages of a text report: for each language,
//! the standing translation into it (marked ‡), else the text as recorded,
//! shown once however many languages lack a translation.

use std::sync::atomic::{AtomicBool, Ordering};

use accord_projections::translations::{Target, Translations};

use super::i18n::{Lang, Tr};

/// The mark after a translation (explained by the `translations-note` message).
pub const MARK: char = '‡';

/// One language's part of recorded content in a report.
#[derive(Debug, PartialEq, Eq)]
pub enum Part<'a> {
    /// The standing translation into the language.
    Translation(Lang, &'a str),
    /// The text as recorded.
    Original,
}

/// For each of `langs`, the translation `find` gives for it, else the
/// recorded text; the recorded text comes at most once, however many
/// languages lack a translation. Every report reads content this way.
pub fn parts<'a>(langs: &[Lang], find: impl Fn(Lang) -> Option<&'a str>) -> Vec<Part<'a>> {
    let mut out = Vec::new();
    for &lang in langs {
        match find(lang) {
            Some(t) => out.push(Part::Translation(lang, t)),
            None if !out.contains(&Part::Original) => out.push(Part::Original),
            None => {}
        }
    }
    out
}

/// Recorded content for one report: remembers whether any translation was
/// shown, so the report can explain the mark once.
pub struct Content<'a> {
    translations: &'a Translations,
    tr: &'a Tr,
    /// Shared by the threads that draw a report's sections.
    used: AtomicBool,
}

impl<'a> Content<'a> {
    /// Content read through `translations` in the languages of `tr`.
    pub fn new(translations: &'a Translations, tr: &'a Tr) -> Content<'a> {
        Content {
            translations,
            tr,
            used: AtomicBool::new(false),
        }
    }

    /// `original` (the recorded text of `target`) in the report's languages.
    pub fn text(&self, target: &Target, original: &str) -> String {
        let find = |lang: Lang| {
            self.translations
                .get(target, lang.tag())
                .map(|t| t.text.as_str())
        };
        parts(&self.tr.langs(), find)
            .into_iter()
            .map(|part| match part {
                Part::Translation(_, t) => {
                    self.used.store(true, Ordering::Relaxed);
                    format!("{t}{MARK}")
                }
                Part::Original => original.to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// The note explaining the mark, when a translation was shown.
    pub fn note(&self) -> Option<String> {
        // Read after every section's thread was joined.
        self.used
            .load(Ordering::Relaxed)
            .then(|| self.tr.say("translations-note", &[]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_reads_its_translation_and_the_recorded_text_comes_once() {
        let km_only = |l: Lang| (l == Lang::Km).then_some("ខ្មែរ");
        assert_eq!(
            parts(&[Lang::Km, Lang::En], km_only),
            [Part::Translation(Lang::Km, "ខ្មែរ"), Part::Original]
        );
        assert_eq!(parts(&[Lang::En], km_only), [Part::Original]);
        assert_eq!(parts(&[Lang::Km, Lang::En], |_| None), [Part::Original]);
    }
}
