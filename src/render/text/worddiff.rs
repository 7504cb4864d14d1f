//! A word diff ([`accord_projections::textdiff`]) as text that survives
//! black-and-white printing: removed words `[-like this-]`, added words
//! `{+like this+}` (the marks of `git diff --word-diff=plain`), so nothing
//! depends on colour. Changes in spacing alone are not marked.

use accord_projections::textdiff::{Mark, Piece};

/// The new text with every change marked in place. A change spanning line
/// breaks is marked line by line, so each line of the result reads alone.
pub fn marked(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for p in pieces {
        let (open, close) = match p.mark {
            Mark::Same => {
                out.push_str(&p.text);
                continue;
            }
            // Spacing that was only in the old text has no place in the new.
            Mark::Removed if p.is_space() => continue,
            Mark::Added if p.is_space() => {
                out.push_str(&p.text);
                continue;
            }
            Mark::Removed => ("[-", "-]"),
            Mark::Added => ("{+", "+}"),
        };
        let core = p.text.trim();
        let lead = &p.text[..p.text.len() - p.text.trim_start().len()];
        let trail = &p.text[p.text.trim_end().len()..];
        out.push_str(lead);
        for (i, line) in core.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let line = line.trim();
            if !line.is_empty() {
                out.push_str(open);
                out.push_str(line);
                out.push_str(close);
            }
        }
        out.push_str(trail);
    }
    out
}

/// Whether the texts differ in more than spacing.
pub fn changes_words(pieces: &[Piece]) -> bool {
    pieces.iter().any(|p| p.mark != Mark::Same && !p.is_space())
}

#[cfg(test)]
mod tests {
    use accord_projections::textdiff::word_diff;

    use super::*;

    #[test]
    fn changes_are_marked_with_brackets_not_colour() {
        let d = word_diff(
            "Minutes within two weeks after.",
            "Minutes within ten days after.",
        );
        assert_eq!(
            marked(&d),
            "Minutes within [-two weeks-]{+ten days+} after."
        );
    }

    #[test]
    fn an_added_line_is_marked_on_its_own_line() {
        let d = word_diff(
            "1. Equity.",
            "1. Equity.\n2. Joint agenda: drafted together.",
        );
        assert_eq!(
            marked(&d),
            "1. Equity.\n{+2. Joint agenda: drafted together.+}"
        );
    }

    #[test]
    fn a_removed_line_is_marked_on_its_own_line() {
        let d = word_diff(
            "1. Equity.\n2. Speed.\n3. Learning.",
            "1. Equity.\n3. Learning.",
        );
        assert_eq!(marked(&d), "1. Equity.\n[-2. Speed.-]\n3. Learning.");
    }

    #[test]
    fn spacing_alone_is_not_a_change_of_words() {
        let d = word_diff("a  b\nc", "a b c");
        assert!(!changes_words(&d));
        assert_eq!(marked(&d), "a b c");
    }
}
