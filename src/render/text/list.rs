//! `accord list` as text: one line per entity, the id first, columns two
//! spaces apart, and the free text (name, title, what is committed) last
//! and in full, so that a line can be read, grepped or cut whole. Dates are
//! written YYYY-MM-DD, as `accord log` writes them and as the flags take them.

use accord_events::fields::{Day, Side};
use accord_projections::list::{
    AgreementRow, CommitmentRow, OrgRow, PartnershipRow, PartnershipStatus, PersonRow, ReviewRow,
    ReviewStatus, StageRow,
};

use super::columns as text_width;
use crate::render::labels;
use crate::render::style::Style;

/// Aligns `rows` under `header`: every column but the last is padded to its
/// widest cell (as a terminal draws it, [`super::columns`]); the header is dimmed. The last column (free text) wraps,
/// word by word, under itself where it would run past the output's width
/// (`text::width`), so that the id still begins each entity's first line.
fn columns(style: &Style, header: &[&str], rows: &[Vec<String>]) -> String {
    let n = header.len();
    // Display width, not characters: a name in Khmer has combining signs
    // that take no column of their own.
    let mut widths: Vec<usize> = header.iter().map(|h| text_width(h)).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(text_width(c));
        }
    }
    let before_last: usize = widths.iter().take(n - 1).map(|w| w + 2).sum();
    // Wrapping into a sliver beside columns that already fill the line
    // helps no one: then the text stays whole on its line.
    let room = match usize::from(super::width()).saturating_sub(before_last) {
        r if r >= MIN_ROOM => r,
        _ => usize::MAX,
    };
    let line = |cells: &[String]| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == n {
                let indent = " ".repeat(before_last);
                s.push_str(&fit(c, room).join(&format!("\n{indent}")));
            } else {
                s.push_str(c);
                let pad = widths[i] - text_width(c) + 2;
                s.push_str(&" ".repeat(pad));
            }
        }
        s.trim_end().to_owned()
    };
    let head: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    let mut out = style.dim(&line(&head));
    out.push('\n');
    for r in rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

/// The narrowest free-text column worth wrapping into.
const MIN_ROOM: usize = 24;

/// `text` in lines of at most `room` columns, broken between words (a word
/// longer than a line is broken inside it).
fn fit(text: &str, room: usize) -> Vec<String> {
    textwrap::wrap(text, room)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

fn side(s: Option<Side>) -> String {
    labels::opt_side(s).to_owned()
}

fn day(d: Option<Day>) -> String {
    d.map_or_else(|| "—".to_owned(), |d| d.to_string())
}

/// Organisations: id, side, how many open partnerships it is a member of, name.
pub fn organisations(style: &Style, rows: &[OrgRow]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.org.clone(),
                side(Some(r.side)),
                r.partnerships.len().to_string(),
                r.name.clone(),
            ]
        })
        .collect();
    columns(style, &["ORG", "SIDE", "PARTNERSHIPS", "NAME"], &rows)
}

/// People: id, the organisation and side of their post, name (and title).
pub fn people(style: &Style, rows: &[PersonRow]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let name = match &r.title {
                Some(t) => format!("{} · {t}", r.name),
                None => r.name.clone(),
            };
            vec![
                r.person.clone(),
                r.org.clone().unwrap_or_else(|| "—".into()),
                side(r.side),
                name,
            ]
        })
        .collect();
    columns(style, &["PERSON", "ORG", "SIDE", "NAME"], &rows)
}

/// Partnerships: id, open or closed, how many members, name.
pub fn partnerships(style: &Style, rows: &[PartnershipRow]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.partnership.clone(),
                match r.status {
                    PartnershipStatus::Open => "open".into(),
                    PartnershipStatus::Closed => "closed".into(),
                },
                r.members.to_string(),
                r.name.clone(),
            ]
        })
        .collect();
    columns(style, &["PARTNERSHIP", "STATUS", "MEMBERS", "NAME"], &rows)
}

/// Agreements: id, partnership, status, current version (and the one in
/// force when that differs), title.
pub fn agreements(style: &Style, rows: &[AgreementRow]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let version = match r.in_force_version {
                Some(f) if f != r.current_version => {
                    format!("v{} (v{f} in force)", r.current_version)
                }
                _ => format!("v{}", r.current_version),
            };
            vec![
                r.agreement.clone(),
                r.partnership.clone(),
                labels::agreement_status(r.status).to_owned(),
                version,
                r.title.clone(),
            ]
        })
        .collect();
    columns(
        style,
        &["AGREEMENT", "PARTNERSHIP", "STATUS", "VERSION", "TITLE"],
        &rows,
    )
}

/// Reviews: id, partnership, open or concluded, responses, dates.
pub fn reviews(style: &Style, rows: &[ReviewRow]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.review.clone(),
                r.partnership.clone(),
                match r.status {
                    ReviewStatus::Open => "open".into(),
                    ReviewStatus::Concluded => "concluded".into(),
                },
                r.responses.to_string(),
                r.opened_on.to_string(),
                day(r.next_due),
            ]
        })
        .collect();
    columns(
        style,
        &[
            "REVIEW",
            "PARTNERSHIP",
            "STATUS",
            "RESPONSES",
            "OPENED",
            "NEXT DUE",
        ],
        &rows,
    )
}

/// Commitments: id, partnership, owner, status (and overdue), due date,
/// what is committed.
pub fn commitments(style: &Style, rows: &[CommitmentRow]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let status = if r.overdue {
                format!("{}, overdue", labels::commitment_status(r.status))
            } else {
                labels::commitment_status(r.status).to_owned()
            };
            vec![
                r.commitment.clone(),
                r.partnership.clone(),
                r.owner.clone(),
                status,
                r.due.to_string(),
                r.text.clone(),
            ]
        })
        .collect();
    columns(
        style,
        &[
            "COMMITMENT",
            "PARTNERSHIP",
            "OWNER",
            "STATUS",
            "DUE",
            "TEXT",
        ],
        &rows,
    )
}

/// Stages: number, progress, planned dates, name.
pub fn stages(style: &Style, rows: &[StageRow]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.stage.to_string(),
                labels::progress(r.status).to_owned(),
                format!("{} – {}", r.starts_on, r.ends_on),
                r.name.clone(),
            ]
        })
        .collect();
    columns(style, &["STAGE", "STATUS", "PLANNED", "NAME"], &rows)
}

#[cfg(test)]
mod tests {
    use super::{columns, fit};
    use crate::render::style::Style;

    #[test]
    fn a_khmer_cell_keeps_the_next_column_in_line() {
        let style = Style { color: false };
        let rows = vec![
            vec!["ក្រុមការងារបច្ចេកទេស".to_owned(), "a".to_owned()],
            vec!["TWG".to_owned(), "b".to_owned()],
        ];
        let out = columns(&style, &["NAME", "X"], &rows);
        let at: Vec<usize> = out
            .lines()
            .map(|l| super::text_width(&l[..l.len() - 1]))
            .collect();
        assert_eq!(at, [at[0]; 3], "{out}");
    }

    #[test]
    fn free_text_wraps_between_words_within_the_room_left() {
        assert_eq!(fit("Action plan 2010", 40), ["Action plan 2010"]);
        assert_eq!(
            fit("Action plan 2010, TWG on Health", 14),
            ["Action plan", "2010, TWG on", "Health"]
        );
    }
}
