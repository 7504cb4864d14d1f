//! What changed between two versions of a text, word by word.
//!
//! This is the one place accord compares texts: `audit --diff` (between an
//! agreement's consecutive versions) and `history --diff` (under each
//! revision) both render what [`word_diff`] returns. The comparison itself
//! is the `similar` crate's (Myers' algorithm over words and the runs of
//! whitespace between them, with no time limit, so the same two texts always
//! give the same pieces).

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// Whether a piece of text is in both versions, only the old or only the new.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// In both versions.
    Same,
    /// Only in the old version.
    Removed,
    /// Only in the new version.
    Added,
}

/// A run of text with one [`Mark`].
///
/// JSON: `mark` (`same`, `removed` or `added`), `text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// Which version holds it.
    pub mark: Mark,
    /// The text, exactly (line breaks included).
    pub text: String,
}

impl Piece {
    /// Whether this piece is only spacing or line breaks.
    pub fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

/// `old` turned into `new`, word by word: every word of `new` in order, with
/// the words of `old` it replaced or dropped, as few pieces as possible
/// (within one change, what was removed comes before what was added).
///
/// Concatenating the pieces not [`Mark::Added`] gives `old` back; those not
/// [`Mark::Removed`] give `new`.
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let diff = TextDiff::from_words(old, new);
    let tokens: Vec<(Mark, &str)> = diff
        .iter_all_changes()
        .map(|c| {
            let mark = match c.tag() {
                ChangeTag::Equal => Mark::Same,
                ChangeTag::Delete => Mark::Removed,
                ChangeTag::Insert => Mark::Added,
            };
            (mark, c.value())
        })
        .collect();
    let mut out: Vec<Piece> = Vec::new();
    let mut removed = String::new();
    let mut added = String::new();
    let flush = |out: &mut Vec<Piece>, removed: &mut String, added: &mut String| {
        for (mark, text) in [(Mark::Removed, removed), (Mark::Added, added)] {
            if !text.is_empty() {
                out.push(Piece {
                    mark,
                    text: std::mem::take(text),
                });
            }
        }
    };
    for (i, &(mark, text)) in tokens.iter().enumerate() {
        match mark {
            Mark::Removed => removed.push_str(text),
            Mark::Added => added.push_str(text),
            Mark::Same => {
                // A single space kept between two changed words belongs to
                // the change: "[-a b-]{+x y+}" reads better than
                // "[-a-]{+x+} [-b-]{+y+}".
                let inside_change = !removed.is_empty()
                    && !added.is_empty()
                    && !text.contains('\n')
                    && text.chars().all(char::is_whitespace)
                    && tokens.get(i + 1).is_some_and(|(m, _)| *m != Mark::Same);
                if inside_change {
                    removed.push_str(text);
                    added.push_str(text);
                    continue;
                }
                flush(&mut out, &mut removed, &mut added);
                match out.last_mut() {
                    Some(last) if last.mark == Mark::Same => last.text.push_str(text),
                    _ => out.push(Piece {
                        mark: Mark::Same,
                        text: text.to_owned(),
                    }),
                }
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebuild(pieces: &[Piece], skip: Mark) -> String {
        pieces
            .iter()
            .filter(|p| p.mark != skip)
            .map(|p| p.text.as_str())
            .collect()
    }

    fn show(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p.mark {
                Mark::Same => p.text.clone(),
                Mark::Removed => format!("[-{}-]", p.text),
                Mark::Added => format!("{{+{}+}}", p.text),
            })
            .collect()
    }

    #[test]
    fn identical_texts_are_one_unchanged_piece() {
        let d = word_diff("a b\nc", "a b\nc");
        assert_eq!(
            d,
            vec![Piece {
                mark: Mark::Same,
                text: "a b\nc".into()
            }]
        );
    }

    #[test]
    fn a_replaced_phrase_is_one_removal_then_one_addition() {
        let d = word_diff(
            "papers circulate a week before each meeting",
            "papers circulate two weeks before each meeting",
        );
        assert_eq!(
            show(&d),
            "papers circulate [-a week-]{+two weeks+} before each meeting"
        );
    }

    #[test]
    fn an_added_line_is_marked_as_added() {
        let d = word_diff(
            "1. Equity.\n2. Learning.",
            "1. Equity.\n2. Learning.\n3. Joint agenda.",
        );
        assert_eq!(show(&d), "1. Equity.\n2. Learning.{+\n3. Joint agenda.+}");
    }

    #[test]
    fn both_versions_can_be_read_back_from_the_pieces() {
        let old = "The chair leads;  partners align.\nMinutes within two weeks.";
        let new = "The chair and the facilitator lead; partners align.\n\nMinutes within ten days.";
        let d = word_diff(old, new);
        assert_eq!(rebuild(&d, Mark::Added), old);
        assert_eq!(rebuild(&d, Mark::Removed), new);
    }
}
