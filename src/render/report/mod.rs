//! The stage snapshot as a report for a steering body: Markdown for the
//! minutes, and one self-contained printable HTML page with inline SVG
//! charts. Renderers only lay out what the model says; the words and number
//! formats both share live here.
//!
//! Both are deterministic: no clock, no randomness, no hash-map order; the
//! report names the as-of date and the log head it was built from.

mod charts;
pub mod html;
pub mod index;
mod langtag;
pub mod markdown;
pub mod model;
pub mod sections;
pub mod wording;
pub mod words;

use crate::render::translated::{MARK, Part, parts};
use accord_events::fields::{AgreementKind, Day};
use accord_projections::partnership::AgreementStatus;
use accord_projections::snapshot::StageSnapshot;

pub use crate::render::numbers::{change, mean};
use crate::render::text;

/// At most this many findings are listed per SWOT quadrant (the most recent).
pub const LIST_AT_MOST: usize = 12;

/// At most this many rows are listed in a table of items (overdue
/// commitments, agreements not in force, activities, meetings); the rest are
/// counted, and all are in the JSON report.
pub const ROWS_AT_MOST: usize = 40;

/// A date as people read it: `11 Sep 2009`.
pub fn date(d: Day) -> String {
    text::date(d)
}

/// A list in prose: `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// First letter upper-case.
pub fn sentence(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The agreement kinds that occur, in vocabulary order.
pub fn agreement_kinds(s: &StageSnapshot) -> Vec<AgreementKind> {
    AgreementKind::ALL
        .iter()
        .copied()
        .filter(|k| {
            s.partnerships
                .iter()
                .any(|p| p.agreement_list.iter().any(|a| a.kind == *k))
        })
        .collect()
}

/// More agreements of one kind than this in one partnership are counted by
/// status rather than shown one by one.
pub const CELL_AT_MOST: usize = 3;

/// Agreements counted by status: adopted, revision pending, draft, withdrawn.
pub fn by_status(
    list: &[&accord_projections::snapshot::AgreementLine],
) -> Vec<(AgreementStatus, usize)> {
    [
        AgreementStatus::Adopted,
        AgreementStatus::RevisionPending,
        AgreementStatus::Draft,
        AgreementStatus::Withdrawn,
    ]
    .iter()
    .map(|st| (*st, list.iter().filter(|a| a.status == *st).count()))
    .filter(|(_, n)| *n > 0)
    .collect()
}

/// The change of a partnership's score on a criterion since the previous
/// stage, when there is one worth showing: not when the latest review and
/// its scores are the same as then.
pub fn shown_change(
    p: &accord_projections::snapshot::PartnershipSnapshot,
    criterion: &str,
) -> Option<f64> {
    let unchanged = p.previous_review.is_some()
        && p.previous_review == p.summary.latest_review
        && p.score_changes
            .values()
            .all(|d| d.is_some_and(|d| d == 0.0));
    if unchanged {
        return None;
    }
    p.score_changes.get(criterion).copied().flatten()
}

/// True when a partnership's latest review is the one it had at the end of
/// the previous stage, with the same scores.
pub fn not_reviewed_since(p: &accord_projections::snapshot::PartnershipSnapshot) -> bool {
    p.previous_review.is_some()
        && p.previous_review == p.summary.latest_review
        && p.score_changes
            .values()
            .all(|d| d.is_some_and(|d| d == 0.0))
}

/// A criterion as the snapshot's framework labels it (its id when the
/// framework does not list it).
pub fn criterion_label<'a>(s: &'a StageSnapshot, id: &'a str) -> &'a str {
    s.criteria
        .iter()
        .find(|c| c.criterion == id)
        .map_or(id, |c| c.label.as_str())
}

/// Reviews as the key figures count them. A partnership never reviewed is
/// shown as such, not as "overdue": overdue means a review's `next_due`
/// has passed.
pub struct ReviewFigures {
    /// Reviewed partnerships whose latest review's next date has passed.
    pub past_due: usize,
    /// Open partnerships with no review with responses yet.
    pub not_yet: usize,
}

/// The review figures of a snapshot.
pub fn review_figures(s: &StageSnapshot) -> ReviewFigures {
    let open = || s.partnerships.iter().filter(|p| !p.summary.closed);
    ReviewFigures {
        past_due: open()
            .filter(|p| p.summary.review_overdue && p.summary.latest_review.is_some())
            .count(),
        not_yet: open().filter(|p| p.summary.latest_review.is_none()).count(),
    }
}

/// How many stages the programme plans.
pub fn stage_count(s: &StageSnapshot) -> usize {
    s.stages.len()
}

/// A piece of a rendered phrase: plain words of the report, text from the
/// log (escaped by each renderer), or an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// The report's own words.
    Plain(String),
    /// Text from the log.
    Log(String),
    /// An id from the log.
    Id(String),
}

/// The name of a partnership in the snapshot (its id if unknown).
pub fn partnership_name(s: &StageSnapshot, p: &str) -> String {
    s.partnerships
        .iter()
        .find(|x| x.summary.partnership == p)
        .map_or_else(|| p.to_owned(), |x| x.summary.name.clone())
}

/// Escapes text for HTML and SVG, in element content and in quoted attributes.
pub fn esc_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Partnership names as the report shows them: without the words every
/// name starts with (e.g. "Technical Working Group on"), which the report
/// states once.
pub struct Names {
    /// The common prefix left out, if any.
    pub prefix: Option<String>,
    /// Recorded name → the name in the report's languages, for the
    /// partnerships whose name has a translation into one of them (each
    /// translation marked with [`MARK`]).
    translated: std::collections::HashMap<String, String>,
}

/// The common start of translated names, up to a word break (a space or,
/// in Khmer, which writes no spaces between words, a zero-width space), when
/// there are at least two names and the start is whole words.
fn translated_prefix(names: &[&str]) -> Option<String> {
    let (first, rest) = names.split_first()?;
    if rest.is_empty() {
        return None;
    }
    let mut end = first.len();
    for n in rest {
        end = first
            .char_indices()
            .zip(n.chars())
            .find(|((_, a), b)| a != b)
            .map_or(end.min(n.len()), |((i, _), _)| i.min(end));
    }
    let common = &first[..end];
    let cut = common.rfind([' ', '\u{200B}'])?;
    let brk = common[cut..].chars().next()?.len_utf8();
    Some(common[..cut + brk].to_owned())
}

impl Names {
    /// The names of a snapshot, as recorded.
    pub fn of(s: &StageSnapshot) -> Names {
        Names {
            prefix: charts::prefix_of(s),
            translated: Default::default(),
        }
    }

    /// The names of a snapshot in the languages of `tr`: a partnership's
    /// name translated into a language reads in it, marked.
    pub fn in_langs(s: &StageSnapshot, tr: &crate::render::i18n::Tr) -> Names {
        use accord_events::fields::{Translatable, TranslatedField};
        let mut names = Names::of(s);
        let target = |p: &accord_projections::snapshot::PartnershipSnapshot| {
            accord_projections::translations::Target::of(
                Translatable::Partnership,
                &p.summary.partnership,
                TranslatedField::Name,
            )
        };
        let find = |p, lang: crate::render::i18n::Lang| {
            let target = target(p);
            s.translations
                .iter()
                .find(|t| t.lang == lang.tag() && t.target == target)
        };
        // The words every translated name starts with, per language, left
        // out as the recorded names' common prefix is.
        let prefixes: Vec<Option<String>> = tr
            .langs()
            .into_iter()
            .map(|lang| {
                let all: Option<Vec<&str>> = s
                    .partnerships
                    .iter()
                    .map(|p| find(p, lang).map(|t| t.text.as_str()))
                    .collect();
                all.and_then(|all| translated_prefix(&all))
            })
            .collect();
        let langs = tr.langs();
        for p in &s.partnerships {
            let parts = parts(&langs, |lang| find(p, lang).map(|t| t.text.as_str()));
            if !parts.iter().any(|x| matches!(x, Part::Translation(..))) {
                continue;
            }
            let shown: Vec<String> = parts
                .into_iter()
                .map(|part| match part {
                    Part::Translation(lang, text) => {
                        let prefix = langs
                            .iter()
                            .position(|l| *l == lang)
                            .and_then(|i| prefixes[i].as_deref());
                        let text = prefix.and_then(|x| text.strip_prefix(x)).unwrap_or(text);
                        format!("{text}{MARK}")
                    }
                    Part::Original => names.short(&p.summary.name),
                })
                .collect();
            names
                .translated
                .insert(p.summary.name.clone(), shown.join(" / "));
        }
        names
    }

    /// A name, shortened (or in translation, when there is one).
    pub fn short(&self, name: &str) -> String {
        if let Some(t) = self.translated.get(name) {
            return t.clone();
        }
        charts::short_name(name, self.prefix.as_deref())
    }

    /// A partnership's shortened name, by id.
    pub fn of_id(&self, s: &StageSnapshot, id: &str) -> String {
        self.short(&partnership_name(s, id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            esc_html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn markdown_escapes_what_could_become_markup() {
        use super::markdown::esc;
        assert_eq!(esc("<script>"), r"\<script\>");
        assert_eq!(esc("a | b\nc"), r"a \| b c");
        assert_eq!(esc("[x](y) *z* _w_"), r"\[x\](y) \*z\* \_w\_");
        assert_eq!(esc("P&H &amp; R&D & co"), r"P\&H \&amp; R\&D & co");
    }

    #[test]
    fn lists_read_as_prose() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&v(&[])), "");
        assert_eq!(and_list(&v(&["a"])), "a");
        assert_eq!(and_list(&v(&["a", "b", "c"])), "a, b and c");
    }
}
