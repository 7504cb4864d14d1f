//! The language of each run of text in the HTML report and its charts
//! (docs/languages.md): a run of Khmer script is marked `lang="km"`, a run
//! of Latin script `lang="en"`, so that a browser, a screen reader or a
//! printer picks the right font, voice and line breaking for each half of
//! a bilingual label ("ការគ្របដណ្តប់ / Coverage"). A text wholly in the
//! page's language is written as it is (it inherits `<html lang>`), so an
//! English report is unchanged; a text with both scripts has each run
//! marked, whichever leads.

use crate::render::i18n::Lang;

/// The script of a character, as far as the report's languages go.
fn script(c: char) -> Option<Lang> {
    match c {
        // Khmer and Khmer Symbols: letters, signs, digits, punctuation.
        '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}' => Some(Lang::Km),
        c if c.is_ascii_alphabetic() => Some(Lang::En),
        // Latin-1 Supplement and Latin Extended letters (names like "Nguyễn"
        // stay with their run).
        c if c.is_alphabetic() && ('\u{00C0}'..='\u{024F}').contains(&c) => Some(Lang::En),
        '\u{1E00}'..='\u{1EFF}' => Some(Lang::En),
        _ => None,
    }
}

/// The runs of `text`: byte ranges with their script, each from its first
/// letter to its last (spaces, digits and punctuation between two letters
/// of one script belong to the run; those between runs to neither).
fn runs(text: &str) -> Vec<(usize, usize, Lang)> {
    let mut out: Vec<(usize, usize, Lang)> = Vec::new();
    for (i, c) in text.char_indices() {
        let Some(lang) = script(c) else { continue };
        let end = i + c.len_utf8();
        match out.last_mut() {
            Some(last) if last.2 == lang => last.1 = end,
            _ => out.push((i, end, lang)),
        }
    }
    out
}

/// `text` for element content on a page in `page`'s language, written by
/// `write` (escaping it, or not for fixed words): each run whose language
/// must be said wrapped in `<TAG lang="…">` (`span` in HTML, `tspan` in
/// SVG).
pub fn tagged(text: &str, page: Lang, tag: &str, write: impl Fn(&str) -> String) -> String {
    let runs = runs(text);
    let mixed = runs.iter().any(|r| r.2 != runs[0].2);
    if runs.iter().all(|r| r.2 == page) {
        return write(text);
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    for (start, end, lang) in runs {
        out.push_str(&write(&text[at..start]));
        if mixed || lang != page {
            out.push_str(&format!(
                r#"<{tag} lang="{}">{}</{tag}>"#,
                lang.tag(),
                write(&text[start..end])
            ));
        } else {
            out.push_str(&write(&text[start..end]));
        }
        at = end;
    }
    out.push_str(&write(&text[at..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> String {
        s.to_owned()
    }

    #[test]
    fn each_half_of_a_bilingual_label_says_its_language() {
        assert_eq!(
            tagged("ការគ្របដណ្តប់ / Coverage", Lang::Km, "span", plain),
            r#"<span lang="km">ការគ្របដណ្តប់</span> / <span lang="en">Coverage</span>"#
        );
        assert_eq!(
            tagged("Coverage / ការគ្របដណ្តប់", Lang::En, "tspan", plain),
            r#"<tspan lang="en">Coverage</tspan> / <tspan lang="km">ការគ្របដណ្តប់</tspan>"#
        );
    }

    #[test]
    fn text_in_the_pages_language_is_left_as_it_is() {
        assert_eq!(
            tagged("Review scores", Lang::En, "span", plain),
            "Review scores"
        );
        assert_eq!(tagged("ការគ្របដណ្តប់", Lang::Km, "span", plain), "ការគ្របដណ្តប់");
        assert_eq!(tagged("3 / 19", Lang::Km, "span", plain), "3 / 19");
        // Latin on a Khmer page (a name from the log) says so.
        assert_eq!(
            tagged("Land", Lang::Km, "span", plain),
            r#"<span lang="en">Land</span>"#
        );
    }

    #[test]
    fn a_run_keeps_its_spaces_and_digits_and_is_escaped_inside() {
        let esc = crate::render::report::esc_html;
        assert_eq!(
            tagged("Land & Water 2 / ដីធ្លី", Lang::Km, "span", esc),
            r#"<span lang="en">Land &amp; Water</span> 2 / <span lang="km">ដីធ្លី</span>"#
        );
        assert_eq!(tagged("12 / 19", Lang::En, "span", esc), "12 / 19");
    }
}
