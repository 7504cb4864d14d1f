//! Agreements: the matrix of partnerships × kinds, and those not fully in
//! force.

use accord_events::fields::AgreementKind;
use accord_projections::partnership::AgreementStatus;
use accord_projections::snapshot::AgreementLine;

use super::*;
use crate::render::report::model::{Column, Row, Table};

pub fn build(s: &StageSnapshot, names: &Names) -> Section {
    let all: usize = s.partnerships.iter().map(|p| p.agreement_list.len()).sum();
    if all == 0 {
        return super::section(
            "agreements",
            t("Agreements"),
            vec![nothing(format!(
                "No agreements had been proposed by {}.",
                date(s.as_of)
            ))],
        );
    }
    let kinds = agreement_kinds(s);
    let mut blocks = vec![
        md_blocks(vec![para(format!(
            "{} Each cell gives the status and the date the version in force was adopted (v2: a revised version); more than three of a kind are counted by status.",
            agreements_intro(s, all)
        ))]),
        html_blocks(vec![para(agreements_intro(s, all))]),
        Block::Table(matrix(s, names, &kinds)),
        html_blocks(vec![note(w(format!(
            "Each cell shows an agreement's status and the date its version in force was adopted (v2: a revised version); more than three of a kind are counted by status (pending: a revision awaits endorsement, an earlier version stays in force). {}",
            if kinds.len() < AgreementKind::ALL.len() {
                "Kinds of agreement no partnership has recorded are left out."
            } else {
                ""
            }
        )))]),
    ];
    let attention: Vec<(&str, &AgreementLine)> = s
        .partnerships
        .iter()
        .flat_map(|p| {
            p.agreement_list
                .iter()
                .filter(|a| a.status != AgreementStatus::Adopted)
                .map(move |a| (p.summary.name.as_str(), a))
        })
        .collect();
    if !attention.is_empty() {
        blocks.push(Block::Heading(t(format!(
            "Not fully in force ({})",
            count(attention.len())
        ))));
        let rows = attention
            .iter()
            .take(ROWS_AT_MOST)
            .map(|&(name, a)| {
                Row::new(vec![
                    vec![Span::log(&a.title), Span::IdAfter(a.agreement.clone())],
                    l(names.short(name)),
                    vec![status_pill(a.status)],
                    l(agreement_note(a)),
                ])
            })
            .collect();
        blocks.push(Block::Table(Table {
            class: "attention",
            columns: ["Agreement", "Partnership", "Status", "Note"]
                .into_iter()
                .map(|h| Column::text(t(h)))
                .collect(),
            rows,
        }));
        blocks.extend(more_note(ROWS_AT_MOST, attention.len()));
    }
    super::section("agreements", t("Agreements"), blocks)
}

/// An agreement's status, as a pill in HTML.
fn status_pill(s: AgreementStatus) -> Span {
    Span::Pill(s.as_str().to_owned(), agreement_status(s).to_owned())
}

/// Partnerships × kinds of agreement: each cell the agreements of that
/// kind, or their counts by status when there are more than
/// [`CELL_AT_MOST`].
fn matrix(s: &StageSnapshot, names: &Names, kinds: &[AgreementKind]) -> Table {
    let mut columns = vec![Column::text(t("Partnership"))];
    columns.extend(
        kinds
            .iter()
            .map(|k| Column::text(t(agreement_kind_heading(*k)))),
    );
    let mut rows = Vec::new();
    for p in s
        .partnerships
        .iter()
        .filter(|p| !p.agreement_list.is_empty())
    {
        let mut cells = vec![l(names.short(&p.summary.name))];
        for k in kinds {
            let of_kind: Vec<&AgreementLine> =
                p.agreement_list.iter().filter(|a| a.kind == *k).collect();
            let entries: Vec<(Spans, Spans)> = if of_kind.len() > CELL_AT_MOST {
                by_status(&of_kind)
                    .into_iter()
                    .map(|(st, n)| {
                        let label = if st == AgreementStatus::RevisionPending {
                            "pending"
                        } else {
                            agreement_status(st)
                        };
                        (
                            t(format!("{} × {}", agreement_status(st), count(n))),
                            vec![Span::Div(
                                format!("agr-count {}", st.as_str()),
                                vec![Span::Bold(t(count(n))), Span::text(format!(" {label}"))],
                            )],
                        )
                    })
                    .collect()
            } else {
                of_kind.iter().map(|a| entry(a)).collect()
            };
            let mut cell = Vec::new();
            let mut markdown = Vec::new();
            for (i, (m, h)) in entries.into_iter().enumerate() {
                if i > 0 {
                    markdown.push(Span::text("; "));
                }
                markdown.extend(m);
                cell.push(html(h));
            }
            if markdown.is_empty() {
                markdown = t("—");
            }
            cell.insert(0, md(markdown));
            cells.push(cell);
        }
        rows.push(Row::new(cells));
    }
    Table {
        class: "agreement-matrix",
        columns,
        rows,
    }
}

/// One agreement in a matrix cell: its status, the version in force when
/// revised, and when that was adopted (Markdown, HTML).
fn entry(a: &AgreementLine) -> (Spans, Spans) {
    let version = match a.in_force_version {
        Some(v) if v > 1 => format!(" v{v}"),
        _ => String::new(),
    };
    let status = agreement_status(a.status);
    let mut markdown = match a.status {
        AgreementStatus::Adopted => t(format!("adopted{version}")),
        _ => vec![Span::Strong(t(status)), Span::text(version.clone())],
    };
    let mut page = vec![status_pill(a.status), Span::text(version)];
    if let Some(d) = a.adopted_on {
        markdown.push(Span::text(format!(" {}", date(d))));
        page.push(Span::Styled("when", t(date(d))));
    }
    (markdown, vec![Span::Div("agr".into(), page)])
}
