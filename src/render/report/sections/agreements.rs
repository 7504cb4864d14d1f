//! Agreements: the matrix of partnerships × kinds, and those not fully in
//! force.

use accord_events::fields::AgreementKind;
use accord_projections::partnership::AgreementStatus;
use accord_projections::snapshot::AgreementLine;

use accord_events::fields::{Translatable, TranslatedField};
use accord_projections::translations::Target;

use super::*;
use crate::render::report::model::{Column, Row, Table};

pub fn build(s: &StageSnapshot, tr: &Tr, names: &Names) -> Section {
    let heading = t(tr.label("section-agreements", &[]));
    let all: usize = s.partnerships.iter().map(|p| p.agreement_list.len()).sum();
    if all == 0 {
        return super::section(
            "agreements",
            heading,
            vec![nothing(tr.say(
                "agreements-none",
                &[("date", tr.date(s.as_of).into())],
            ))],
        );
    }
    let kinds = agreement_kinds(s);
    let mut blocks = vec![
        md_blocks(vec![para(format!(
            "{} {}",
            wording::agreements_intro(tr, s, all),
            tr.say("agreements-cells-md", &[])
        ))]),
        html_blocks(vec![para(wording::agreements_intro(tr, s, all))]),
        Block::Table(matrix(s, tr, names, &kinds)),
        html_blocks(vec![note(w(format!(
            "{} {}",
            tr.say("agreements-cells", &[]),
            if kinds.len() < AgreementKind::ALL.len() {
                tr.say("agreements-kinds-left-out", &[])
            } else {
                String::new()
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
        blocks.push(Block::Heading(t(
            tr.label("not-fully-in-force", &[("n", Arg::N(attention.len()))])
        )));
        let rows = attention
            .iter()
            .take(ROWS_AT_MOST)
            .map(|&(name, a)| {
                Row::new(vec![
                    title(s, tr, a),
                    l(names.short(name)),
                    vec![status_pill(tr, a.status)],
                    l(wording::agreement_note(tr, a)),
                ])
            })
            .collect();
        blocks.push(Block::Table(Table {
            class: "attention",
            columns: ["col-agreement", "col-partnership", "col-status", "col-note"]
                .into_iter()
                .map(|h| Column::text(t(tr.label(h, &[]))))
                .collect(),
            rows,
        }));
        blocks.extend(more_note(tr, ROWS_AT_MOST, attention.len()));
    }
    super::section("agreements", heading, blocks)
}

/// An agreement's status, as a pill in HTML.
fn status_pill(tr: &Tr, s: AgreementStatus) -> Span {
    Span::Pill(s.as_str().to_owned(), words::agreement_status(tr, s))
}

/// Partnerships × kinds of agreement: each cell the agreements of that
/// kind, or their counts by status when there are more than
/// [`CELL_AT_MOST`].
fn matrix(s: &StageSnapshot, tr: &Tr, names: &Names, kinds: &[AgreementKind]) -> Table {
    let mut columns = vec![Column::text(t(tr.label("col-partnership", &[])))];
    columns.extend(
        kinds
            .iter()
            .map(|k| Column::text(t(words::agreement_kind_heading(tr, *k)))),
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
                            tr.label("agreement-pending-short", &[])
                        } else {
                            words::agreement_status(tr, st)
                        };
                        (
                            t(format!(
                                "{} × {}",
                                words::agreement_status(tr, st),
                                tr.count(n)
                            )),
                            vec![Span::Div(
                                format!("agr-count {}", st.as_str()),
                                vec![Span::Bold(t(tr.count(n))), Span::text(format!(" {label}"))],
                            )],
                        )
                    })
                    .collect()
            } else {
                of_kind.iter().map(|a| entry(tr, a)).collect()
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
fn entry(tr: &Tr, a: &AgreementLine) -> (Spans, Spans) {
    let version = match a.in_force_version {
        Some(v) if v > 1 => format!(" v{}", tr.digits(&v.to_string())),
        _ => String::new(),
    };
    let status = words::agreement_status(tr, a.status);
    let mut markdown = match a.status {
        AgreementStatus::Adopted => t(format!("{status}{version}")),
        _ => vec![Span::Strong(t(status)), Span::text(version.clone())],
    };
    let mut page = vec![status_pill(tr, a.status), Span::text(version)];
    if let Some(d) = a.adopted_on {
        markdown.push(Span::text(format!(" {}", tr.date(d))));
        page.push(Span::Styled("when", t(tr.date(d))));
    }
    (markdown, vec![Span::Div("agr".into(), page)])
}

/// An agreement's title (of its current version) in the report's
/// languages, and its id.
fn title(s: &StageSnapshot, tr: &Tr, a: &accord_projections::snapshot::AgreementLine) -> Spans {
    let target = Target {
        version: Some(a.current_version),
        ..Target::of(
            Translatable::Agreement,
            &a.agreement,
            TranslatedField::Title,
        )
    };
    let mut out = super::translations::content(s, tr, &target, &a.title);
    out.push(Span::IdAfter(a.agreement.clone()));
    out
}
