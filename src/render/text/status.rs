//! `accord status` as text.

use accord_projections::Replay;
use accord_projections::programme::StageProgress;
use accord_projections::status::ProgrammeStatus;
use comfy_table::Cell;

use super::{alert, date, good, heading, keep_width, opt_date, push_table, table, wrap};
use crate::render::labels;
use crate::render::style::Style;

/// The programme's status as text (without the footer).
pub fn render(s: &ProgrammeStatus, replay: &Replay, style: &Style) -> String {
    let mut out = String::new();
    match &s.programme {
        Some(p) => {
            out.push_str(&style.bold(&p.name));
            out.push('\n');
            out.push_str(&wrap(&p.objective, ""));
        }
        None => out.push_str(&style.bold("Programme (not yet defined)\n")),
    }
    out.push_str(&format!("As of {}\n", date(s.as_of)));

    out.push_str(&heading(style, "Stages"));
    if s.stages.is_empty() {
        out.push_str("No stages planned.\n");
    } else {
        let mut t = table(style, &["Stage", "Planned", "Started", "Completed"]);
        for st in &s.stages {
            let name = format!("{}. {}", st.stage.stage, st.stage.name);
            let name = if s.current_stage == Some(st.stage.stage) {
                Cell::new(format!("{name} (current)"))
            } else {
                Cell::new(name)
            };
            t.add_row(vec![
                name,
                Cell::new(format!(
                    "{} – {}",
                    date(st.stage.starts_on),
                    date(st.stage.ends_on)
                )),
                Cell::new(opt_date(st.stage.started_on)),
                match st.status {
                    StageProgress::Completed => good(opt_date(st.stage.completed_on)),
                    _ => Cell::new("—"),
                },
            ]);
        }
        push_table(&mut out, &t);
    }

    let c = &s.counts;
    out.push_str(&heading(style, "Counts"));
    out.push_str(&format!(
        "Partnerships {} ({} closed) · organisations {} · people {}\n",
        c.partnerships, c.partnerships_closed, c.organisations, c.people
    ));
    out.push_str(&format!(
        "Agreements: {} adopted, {} revision pending, {} draft, {} withdrawn\n",
        c.agreements.adopted,
        c.agreements.revision_pending,
        c.agreements.draft,
        c.agreements.withdrawn
    ));
    out.push_str(&format!(
        "Commitments: {} open, {} on schedule, {} behind schedule, {} completed, {} dropped\n",
        c.commitments.open,
        c.commitments.on_schedule,
        c.commitments.behind_schedule,
        c.commitments.completed,
        c.commitments.dropped
    ));
    out.push_str(&format!(
        "Reviews {} · findings {} · interviews {} · meetings {} · activities {}\n",
        c.reviews, c.findings, c.interviews, c.meetings, c.activities
    ));

    partnerships(&mut out, s, replay, style);

    out.push_str(&heading(style, "Overdue commitments"));
    if s.overdue_commitments.is_empty() {
        out.push_str("None.\n");
    } else {
        let mut t = table(
            style,
            &["Commitment", "Partnership", "Owner", "Due", "Status"],
        );
        for o in &s.overdue_commitments {
            t.add_row(vec![
                o.commitment.clone(),
                o.partnership.clone(),
                o.owner.clone(),
                date(o.due),
                crate::render::labels::commitment_status(o.status).to_owned(),
            ]);
        }
        keep_width(&mut t, 0);
        keep_width(&mut t, 1);
        keep_width(&mut t, 3);
        push_table(&mut out, &t);
    }
    out.push_str(&heading(style, "Reviews overdue"));
    if s.overdue_reviews.is_empty() {
        out.push_str("None.\n");
    } else {
        out.push_str(&wrap(&s.overdue_reviews.join(", "), ""));
    }
    out
}

/// Every partnership on one line: adoption, latest review, what is overdue, diverging criteria.
fn partnerships(out: &mut String, s: &ProgrammeStatus, replay: &Replay, style: &Style) {
    out.push_str(&heading(style, "Partnerships"));
    if s.partnerships.is_empty() {
        out.push_str("No partnerships yet.\n");
    } else {
        let mut t = table(
            style,
            &[
                "Partnership",
                "Adopted",
                "Reviewed",
                "Review",
                "Overdue",
                "Diverging",
            ],
        );
        for p in &s.partnerships {
            let name = if p.closed {
                format!("{} (closed)", p.partnership)
            } else {
                p.partnership.clone()
            };
            let reviewed = p
                .latest_review
                .as_deref()
                .and_then(|r| replay.partnerships.get(&p.partnership)?.review(r))
                .map_or("—".to_owned(), |r| {
                    r.opened.on.0.format("%b %Y").to_string()
                });
            t.add_row(vec![
                Cell::new(name),
                Cell::new(format!(
                    "{}/{}",
                    p.agreements_adopted,
                    p.agreements.draft
                        + p.agreements.adopted
                        + p.agreements.revision_pending
                        + p.agreements.withdrawn
                )),
                Cell::new(reviewed),
                if p.review_overdue {
                    alert("overdue")
                } else {
                    Cell::new("")
                },
                match p.overdue_commitments.len() {
                    0 => Cell::new(""),
                    n => alert(n.to_string()),
                },
                Cell::new({
                    let framework = labels::framework_of(replay, &p.partnership);
                    labels::in_framework_order(framework, p.diverging.iter())
                        .into_iter()
                        .map(|c| labels::criterion(framework, c))
                        .collect::<Vec<_>>()
                        .join(", ")
                }),
            ]);
        }
        keep_width(&mut t, 0);
        keep_width(&mut t, 2);
        push_table(out, &t);
        out.push_str("Adopted: agreements with a version in force / all. Reviewed: when the latest\nreview with responses was opened. Overdue: commitments past their due date.\n");
    }
}
