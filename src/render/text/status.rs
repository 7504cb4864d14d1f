//! `accord status` as text.

use accord_events::fields::{Translatable, TranslatedField};
use accord_projections::translations::Target;

use crate::render::translated::Content;
use accord_projections::Replay;
use accord_projections::programme::StageProgress;
use accord_projections::status::ProgrammeStatus;

use super::{Cell, alert, good, heading, keep_width, push_table, table_in, wrap};
use crate::render::i18n::{Arg, Tr};
use crate::render::labels;
use crate::render::report::words;
use crate::render::style::Style;

/// The programme's status as text (without the footer).
/// In the languages of `tr` (docs/languages.md).
pub fn render(s: &ProgrammeStatus, replay: &Replay, style: &Style, tr: &Tr) -> String {
    let date = |d| tr.date(d);
    let l = |id: &str| tr.label(id, &[]);
    let content = Content::new(&replay.translations, tr);
    let mut out = programme(s, &content, style, tr);
    out.push_str(&format!(
        "{}\n",
        tr.say("status-as-of", &[("date", date(s.as_of).into())])
    ));

    stages(&mut out, s, style, tr, &content);

    let c = &s.counts;
    out.push_str(&heading(style, &l("status-counts")));
    // Counts as they were always written here: not grouped by thousands.
    let num = |n: usize| Arg::S(tr.digits(&n.to_string()));
    let line = |id: &str, args: &[(&str, Arg)]| format!("{}\n", tr.say(id, args));
    out.push_str(&line(
        "status-count-partnerships",
        &[
            ("partnerships", num(c.partnerships)),
            ("closed", num(c.partnerships_closed)),
            ("organisations", num(c.organisations)),
            ("people", num(c.people)),
        ],
    ));
    out.push_str(&line(
        "status-count-agreements",
        &[
            ("adopted", num(c.agreements.adopted)),
            ("pending", num(c.agreements.revision_pending)),
            ("draft", num(c.agreements.draft)),
            ("withdrawn", num(c.agreements.withdrawn)),
        ],
    ));
    out.push_str(&line(
        "status-count-commitments",
        &[
            ("open", num(c.commitments.open)),
            ("on_schedule", num(c.commitments.on_schedule)),
            ("behind", num(c.commitments.behind_schedule)),
            ("completed", num(c.commitments.completed)),
            ("dropped", num(c.commitments.dropped)),
        ],
    ));
    out.push_str(&line(
        "status-count-reviews",
        &[
            ("reviews", num(c.reviews)),
            ("findings", num(c.findings)),
            ("interviews", num(c.interviews)),
            ("meetings", num(c.meetings)),
            ("activities", num(c.activities)),
        ],
    ));

    partnerships(&mut out, s, replay, style, tr);

    out.push_str(&heading(style, &l("status-overdue-commitments")));
    if s.overdue_commitments.is_empty() {
        out.push_str(&format!("{}\n", tr.say("status-none", &[])));
    } else {
        let mut t = table_in(
            style,
            tr,
            &[
                "col-commitment",
                "col-partnership",
                "col-owner",
                "col-due",
                "col-status",
            ],
        );
        for o in &s.overdue_commitments {
            t.add_row(vec![
                o.commitment.clone(),
                o.partnership.clone(),
                o.owner.clone(),
                date(o.due),
                words::commitment_status(&tr.leading(), o.status),
            ]);
        }
        keep_width(&mut t, 0);
        keep_width(&mut t, 1);
        keep_width(&mut t, 3);
        push_table(&mut out, &t);
    }
    out.push_str(&heading(style, &l("status-reviews-overdue")));
    if s.overdue_reviews.is_empty() {
        out.push_str(&format!("{}\n", tr.say("status-none", &[])));
    } else {
        out.push_str(&wrap(&s.overdue_reviews.join(", "), ""));
    }
    if let Some(note) = content.note() {
        out.push('\n');
        out.push_str(&wrap(&note, ""));
    }
    out
}

/// The programme's name and objective, in the report's languages.
fn programme(s: &ProgrammeStatus, content: &Content, style: &Style, tr: &Tr) -> String {
    let target = |field| Target::of(Translatable::Programme, "", field);
    match &s.programme {
        Some(p) => format!(
            "{}\n{}",
            style.bold(&content.text(&target(TranslatedField::Name), &p.name)),
            wrap(
                &content.text(&target(TranslatedField::Objective), &p.objective),
                ""
            )
        ),
        None => style.bold(&format!("{}\n", tr.label("status-no-programme", &[]))),
    }
}

/// Every partnership on one line: adoption, latest review, what is overdue, diverging criteria.
fn partnerships(out: &mut String, s: &ProgrammeStatus, replay: &Replay, style: &Style, tr: &Tr) {
    let l = |id: &str| tr.label(id, &[]);
    out.push_str(&heading(style, &l("col-partnerships")));
    if s.partnerships.is_empty() {
        out.push_str(&format!("{}\n", tr.say("status-no-partnerships", &[])));
    } else {
        let mut t = table_in(
            style,
            tr,
            &[
                "col-partnership",
                "status-adopted",
                "status-reviewed",
                "status-review",
                "col-overdue",
                "status-diverging",
            ],
        );
        for p in &s.partnerships {
            let name = if p.closed {
                format!("{} ({})", p.partnership, tr.say("closed", &[]))
            } else {
                p.partnership.clone()
            };
            let reviewed = p
                .latest_review_opened_on
                .map_or("—".to_owned(), |on| tr.month_year(on.0));
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
                    alert(tr.say("overdue", &[]))
                } else {
                    Cell::new("")
                },
                match p.overdue_commitments.len() {
                    0 => Cell::new(""),
                    n => alert(tr.digits(&n.to_string())),
                },
                // A count, as for overdue commitments; the criteria are
                // listed under the table (their labels are sentences, which
                // wrapped this last column into slivers at 80 columns).
                match p.diverging.len() {
                    0 => Cell::new(""),
                    n => alert(tr.digits(&n.to_string())),
                },
            ]);
        }
        keep_width(&mut t, 0);
        keep_width(&mut t, 2);
        push_table(out, &t);
        diverging(out, s, replay, tr);
        out.push_str(&format!("{}\n", tr.say("status-key", &[])));
    }
}

/// The programme's stages: planned, started, completed; the current one
/// marked.
fn stages(out: &mut String, s: &ProgrammeStatus, style: &Style, tr: &Tr, content: &Content) {
    let date = |d| tr.date(d);
    let opt_date = |d: Option<_>| d.map_or_else(|| "—".to_owned(), |d| tr.date(d));
    out.push_str(&heading(style, &tr.label("status-stages", &[])));
    if s.stages.is_empty() {
        out.push_str(&format!("{}\n", tr.say("status-no-stages", &[])));
    } else {
        let mut t = table_in(
            style,
            tr,
            &[
                "col-stage",
                "col-planned",
                "status-started",
                "col-completed",
            ],
        );
        for st in &s.stages {
            let id = st.stage.stage.to_string();
            let stage = Target::of(Translatable::Stage, &id, TranslatedField::Name);
            let name = format!(
                "{}. {}",
                st.stage.stage,
                content.text(&stage, &st.stage.name)
            );
            let name = if s.current_stage == Some(st.stage.stage) {
                Cell::new(format!("{name} ({})", tr.say("status-current", &[])))
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
        push_table(out, &t);
    }
}

/// The diverging criteria of each partnership, by their framework's labels.
fn diverging(out: &mut String, s: &ProgrammeStatus, replay: &Replay, tr: &Tr) {
    let lines: Vec<String> = s
        .partnerships
        .iter()
        .filter(|p| !p.diverging.is_empty())
        .map(|p| {
            let framework = replay
                .programme
                .frameworks
                .get_or_default(p.latest_review_framework.as_deref().unwrap_or(""));
            let criteria: Vec<String> = labels::in_framework_order(framework, p.diverging.iter())
                .into_iter()
                .map(|c| labels::criterion(framework, c).to_owned())
                .collect();
            format!("{}: {}", p.partnership, criteria.join("; "))
        })
        .collect();
    if lines.is_empty() {
        return;
    }
    out.push_str(&format!("{}\n", tr.label("status-diverging-criteria", &[])));
    for line in lines {
        out.push_str(&wrap(&format!("  {line}"), "    "));
    }
}
