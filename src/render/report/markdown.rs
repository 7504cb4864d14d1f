//! The stage snapshot as Markdown, for pasting into minutes. Every text from
//! the log is escaped, so it reads as text in any Markdown renderer (no
//! links, emphasis or raw HTML can come from the log).

use std::fmt::Write;

use accord_events::fields::{Side, Swot};
use accord_projections::partnership::AgreementStatus;
use accord_projections::snapshot::StageSnapshot;

use super::*;

/// Escapes text from the log for Markdown: one line, every character that
/// could start markup backslash-escaped (CommonMark allows it before any
/// ASCII punctuation), `&` only where it could start an entity.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// An id in a code span (ids are slugs: no backticks).
fn id(s: &str) -> String {
    format!("`{}`", s.replace('`', "'"))
}

struct Table {
    out: String,
}

impl Table {
    fn new(header: &[&str], right: &[usize]) -> Table {
        let mut out = String::new();
        out.push('|');
        for h in header {
            let _ = write!(out, " {h} |");
        }
        out.push_str("\n|");
        for i in 0..header.len() {
            out.push_str(if right.contains(&i) { "---:|" } else { "---|" });
        }
        out.push('\n');
        Table { out }
    }

    fn row(&mut self, cells: &[String]) {
        self.out.push('|');
        for c in cells {
            let _ = write!(self.out, " {c} |");
        }
        self.out.push('\n');
    }

    fn finish(self, out: &mut String) {
        out.push_str(&self.out);
        out.push('\n');
    }
}

/// The snapshot as Markdown.
pub fn render(s: &StageSnapshot) -> String {
    let names = Names::of(s);
    let mut o = String::new();
    header(&mut o, s);
    key_figures(&mut o, s, &names);
    objectives(&mut o, s);
    coverage(&mut o, s, &names);
    scores(&mut o, s, &names);
    agreements(&mut o, s, &names);
    commitments(&mut o, s, &names);
    diverging(&mut o, s, &names);
    findings(&mut o, s, &names);
    activities(&mut o, s);
    changes(&mut o, s);
    footer(&mut o, s);
    o
}

fn header(o: &mut String, s: &StageSnapshot) {
    let _ = writeln!(o, "# {}\n", esc(&title(s)));
    if let Some(p) = &s.programme {
        let mut line = format!("**{}**", esc(&p.name));
        if let Some(c) = &p.commissioned_by {
            let _ = write!(line, " · commissioned by {}", esc(c));
        }
        if !p.facilitators.is_empty() {
            let f: Vec<String> = p.facilitators.iter().map(|f| esc(f)).collect();
            let _ = write!(line, " · facilitated by {}", and_list(&f));
        }
        let _ = writeln!(o, "{line}\n");
        let _ = writeln!(o, "*Objective:* {}\n", esc(&p.objective));
    }
    let mut t = Table::new(&["", ""], &[]);
    t.row(&[
        "Stage".into(),
        format!(
            "{} of {} — {} ({})",
            s.stage,
            stage_count(s),
            esc(&s.stage_detail.name),
            progress(s.stage_detail.status)
        ),
    ]);
    t.row(&["Planned".into(), planned(s)]);
    t.row(&["Actual".into(), actual(s)]);
    t.row(&["Reporting period".into(), period(s)]);
    t.row(&[
        "As of".into(),
        format!("{} ({})", date(s.as_of), as_of_basis(s)),
    ]);
    t.row(&[
        "Built from log head".into(),
        format!("{} {}", s.head.seq, id(&s.head.hash)),
    ]);
    t.finish(o);
}

fn key_figures(o: &mut String, s: &StageSnapshot, names: &Names) {
    let t = &s.totals;
    let _ = writeln!(o, "## Key figures\n");
    let agreements = t.agreements.draft
        + t.agreements.adopted
        + t.agreements.revision_pending
        + t.agreements.withdrawn;
    let _ = writeln!(
        o,
        "- **{}** engaged in the period, of {}.",
        plural(t.engaged, "partnership", "partnerships"),
        count(t.partnerships)
    );
    let _ = writeln!(
        o,
        "- **{}** in force, of {} recorded ({} draft, {} revision pending, {} withdrawn).",
        plural(t.agreements_adopted, "agreement", "agreements"),
        count(agreements),
        count(t.agreements.draft),
        count(t.agreements.revision_pending),
        count(t.agreements.withdrawn)
    );
    // Shown once signatures are in use (docs/signatures.md).
    if t.endorsements_signed > 0 {
        let _ = writeln!(
            o,
            "- **{}** standing: {} signed, {} unsigned.",
            plural(
                t.endorsements_signed + t.endorsements_unsigned,
                "endorsement",
                "endorsements"
            ),
            count(t.endorsements_signed),
            count(t.endorsements_unsigned)
        );
    }
    let c = &t.commitments;
    let _ = writeln!(
        o,
        "- **{}**: {} completed, {} on schedule, {} behind schedule, {} open, {} dropped; **{} overdue**.",
        plural(c.total(), "commitment", "commitments"),
        count(c.completed),
        count(c.on_schedule),
        count(c.behind_schedule),
        count(c.open),
        count(c.dropped),
        count(t.overdue_commitments)
    );
    let _ = writeln!(
        o,
        "- **{}** reviewed, {} not yet reviewed; reviews overdue (the next review date passed) in {}; government and development partners diverge in {}.",
        plural(t.reviewed, "partnership", "partnerships"),
        count(review_figures(s).not_yet),
        plural(review_figures(s).past_due, "partnership", "partnerships"),
        plural(t.diverging, "partnership", "partnerships"),
    );
    let delivered: usize = s.activities.items.len();
    let _ = writeln!(
        o,
        "- **{}** delivered and {} held in the period; {} recorded ({} new).\n",
        plural(delivered, "activity", "activities"),
        plural(s.meetings.len(), "meeting", "meetings"),
        plural(s.findings.total, "finding", "findings"),
        count(s.findings.new_in_period)
    );
    if let Some(p) = &names.prefix {
        let _ = writeln!(
            o,
            "Partnership names are shown without the words they all begin with, “{}”.\n",
            esc(p)
        );
    }
}

fn objectives(o: &mut String, s: &StageSnapshot) {
    let st = &s.stage_detail;
    let _ = writeln!(o, "## The stage: intended and achieved\n");
    if st.intended_achievements.is_empty() {
        let _ = writeln!(
            o,
            "No intended achievements were recorded for this stage.\n"
        );
    } else {
        let _ = writeln!(o, "Intended achievements:\n");
        for a in &st.intended_achievements {
            let _ = writeln!(o, "- {}", esc(a));
        }
        o.push('\n');
    }
    match &st.summary {
        Some(sum) => {
            let _ = writeln!(o, "Completion summary:\n\n> {}\n", esc(sum));
        }
        None => {
            let _ = writeln!(
                o,
                "The stage had not been completed by {}.\n",
                date(s.as_of)
            );
        }
    }
    let mut t = Table::new(&["Stage", "Planned", "Actual", "Status"], &[]);
    for l in &s.stages {
        let actual = match (l.started_on, l.completed_on) {
            (Some(a), Some(b)) => format!("{} – {}", date(a), date(b)),
            (Some(a), None) => format!("from {}", date(a)),
            (None, _) => "—".to_owned(),
        };
        let name = format!("{}. {}", l.stage, esc(&l.name));
        t.row(&[
            if l.stage == s.stage {
                format!("**{name}**")
            } else {
                name
            },
            format!("{} – {}", date(l.starts_on), date(l.ends_on)),
            actual,
            progress(l.status).to_owned(),
        ]);
    }
    t.finish(o);
}

fn sides_in(s: &StageSnapshot) -> Vec<Side> {
    let mut sides: Vec<Side> = s
        .coverage
        .channels
        .iter()
        .flat_map(|c| c.partnerships_by_side.keys().chain(c.people_by_side.keys()))
        .copied()
        .collect();
    sides.retain(|s| *s != Side::Facilitator);
    sides.sort();
    sides.dedup();
    sides
}

fn coverage(o: &mut String, s: &StageSnapshot, names: &Names) {
    let cov = &s.coverage;
    let _ = writeln!(o, "## Coverage\n");
    let _ = writeln!(
        o,
        "{} of {} partnerships were engaged in the reporting period ({}). Partnerships reached, and in brackets the people who took part, by side:\n",
        count(cov.engaged),
        count(cov.partnerships),
        period(s)
    );
    let sides = sides_in(s);
    let mut header: Vec<&str> = vec!["Channel", "Held", "Partnerships reached"];
    header.extend(sides.iter().map(|s| side_heading(*s)));
    let right: Vec<usize> = (1..header.len()).collect();
    let mut t = Table::new(&header, &right);
    for c in &cov.channels {
        let mut row = vec![
            channel_label(c.channel).to_owned(),
            if c.programme_wide > 0 {
                format!(
                    "{} ({} programme-wide)",
                    count(c.held),
                    count(c.programme_wide)
                )
            } else {
                count(c.held)
            },
            count(c.partnerships),
        ];
        for side in &sides {
            let p = c.partnerships_by_side.get(side).copied().unwrap_or(0);
            let people = c.people_by_side.get(side).copied();
            row.push(match people {
                Some(n) => format!("{} ({})", count(p), count(n)),
                None if p == 0 => "—".to_owned(),
                None => count(p),
            });
        }
        t.row(&row);
    }
    t.finish(o);
    if !cov.not_engaged.is_empty() {
        let list: Vec<String> = cov
            .not_engaged
            .iter()
            .map(|p| esc(&names.of_id(s, p)))
            .collect();
        let _ = writeln!(o, "Not engaged in the period: {}.\n", list.join("; "));
    }
}

/// A channel of engagement as people read it.
pub fn channel_label(c: &str) -> &'static str {
    match c {
        "interviews" => "Interviews and focus groups",
        "meetings" => "Meetings",
        "reviews" => "Reviews (responses)",
        "activities" => "Activities",
        _ => "Other",
    }
}

fn scores(o: &mut String, s: &StageSnapshot, names: &Names) {
    let _ = writeln!(o, "## Review scores\n");
    let reviewed: Vec<_> = s
        .partnerships
        .iter()
        .filter(|p| p.summary.latest_review.is_some())
        .collect();
    if reviewed.is_empty() {
        let _ = writeln!(
            o,
            "No partnership had a review with responses by {}.\n",
            date(s.as_of)
        );
        return;
    }
    let scale = s
        .criteria
        .first()
        .map(|c| format!(" on a scale of {} to {}", c.scale_min, c.scale_max))
        .unwrap_or_default();
    let compared = s.partnerships.iter().any(|p| p.previous_scores.is_some());
    let changed = if compared {
        format!(", with the change {} in brackets", since(s))
    } else {
        String::new()
    };
    let _ = writeln!(
        o,
        "Mean score of each partnership's latest review{scale}{changed}. Marked † where government and development partners differ by at least half the scale.\n"
    );
    let mut header: Vec<String> = vec!["Partnership".into(), "Latest review".into()];
    header.extend(s.criteria.iter().map(|c| esc(&c.label)));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let right: Vec<usize> = (2..header.len()).collect();
    let mut t = Table::new(&header, &right);
    for p in &reviewed {
        let mut row = vec![
            esc(&names.short(&p.summary.name)),
            if not_reviewed_since(p) {
                format!("{} (no new review)", opt_date(p.latest_review_on))
            } else {
                opt_date(p.latest_review_on)
            },
        ];
        for c in &s.criteria {
            let cell = match p.summary.latest_scores.get(&c.criterion) {
                None => "—".to_owned(),
                Some(m) => {
                    let mut cell = mean(*m);
                    if let Some(d) = shown_change(p, &c.criterion) {
                        let _ = write!(cell, " ({})", change(d));
                    }
                    if p.summary.diverging.contains(&c.criterion) {
                        cell.push_str(" †");
                    }
                    cell
                }
            };
            row.push(cell);
        }
        t.row(&row);
    }
    t.finish(o);
    let unreviewed: Vec<String> = s
        .partnerships
        .iter()
        .filter(|p| p.summary.latest_review.is_none())
        .map(|p| esc(&names.short(&p.summary.name)))
        .collect();
    if !unreviewed.is_empty() {
        let _ = writeln!(
            o,
            "Not yet reviewed ({}): {}.\n",
            count(unreviewed.len()),
            unreviewed.join("; ")
        );
    }
    let keys: Vec<String> = s.criteria.iter().map(|c| id(&c.criterion)).collect();
    let _ = writeln!(
        o,
        "The criteria are the review framework's; in the JSON report (`--format json`) they are keyed {}.\n",
        and_list(&keys)
    );
}

fn agreements(o: &mut String, s: &StageSnapshot, names: &Names) {
    let _ = writeln!(o, "## Agreements\n");
    let all: usize = s.partnerships.iter().map(|p| p.agreement_list.len()).sum();
    if all == 0 {
        let _ = writeln!(o, "No agreements had been proposed by {}.\n", date(s.as_of));
        return;
    }
    let _ = writeln!(
        o,
        "{} Each cell gives the status and the date the version in force was adopted (v2: a revised version); more than three of a kind are counted by status.\n",
        agreements_intro(s, all)
    );
    let kinds = agreement_kinds(s);
    let mut header: Vec<&str> = vec!["Partnership"];
    header.extend(kinds.iter().map(|k| agreement_kind_heading(*k)));
    let mut table = Table::new(&header, &[]);
    for p in s
        .partnerships
        .iter()
        .filter(|p| !p.agreement_list.is_empty())
    {
        let mut cells = vec![esc(&names.short(&p.summary.name))];
        for k in &kinds {
            let of_kind: Vec<&accord_projections::snapshot::AgreementLine> =
                p.agreement_list.iter().filter(|a| a.kind == *k).collect();
            let cell: Vec<String> = if of_kind.len() > CELL_AT_MOST {
                by_status(&of_kind)
                    .into_iter()
                    .map(|(st, n)| format!("{} × {}", agreement_status(st), count(n)))
                    .collect()
            } else {
                of_kind
                    .iter()
                    .map(|a| {
                        let version = match a.in_force_version {
                            Some(v) if v > 1 => format!(" v{v}"),
                            _ => String::new(),
                        };
                        let when = a
                            .adopted_on
                            .map(|d| format!(" {}", date(d)))
                            .unwrap_or_default();
                        match a.status {
                            AgreementStatus::Adopted => format!("adopted{version}{when}"),
                            other => format!("**{}**{version}{when}", agreement_status(other)),
                        }
                    })
                    .collect()
            };
            cells.push(if cell.is_empty() {
                "—".to_owned()
            } else {
                cell.join("; ")
            });
        }
        table.row(&cells);
    }
    table.finish(o);
    let attention: Vec<(&str, &accord_projections::snapshot::AgreementLine)> = s
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
        let _ = writeln!(o, "### Not fully in force ({})\n", count(attention.len()));
        let mut t = Table::new(&["Agreement", "Partnership", "Status", "Note"], &[]);
        for &(name, a) in attention.iter().take(ROWS_AT_MOST) {
            t.row(&[
                format!("{} ({})", esc(&a.title), id(&a.agreement)),
                esc(&names.short(name)),
                agreement_status(a.status).to_owned(),
                esc(&agreement_note(a)),
            ]);
        }
        t.finish(o);
        if let Some(n) = more_rows(ROWS_AT_MOST.min(attention.len()), attention.len()) {
            let _ = writeln!(o, "{n}\n");
        }
    }
}

fn commitments(o: &mut String, s: &StageSnapshot, names: &Names) {
    let _ = writeln!(o, "## Commitments\n");
    let with: Vec<_> = s
        .partnerships
        .iter()
        .filter(|p| p.summary.commitments.total() > 0)
        .collect();
    if with.is_empty() {
        let _ = writeln!(o, "No commitments had been made by {}.\n", date(s.as_of));
        return;
    }
    let mut t = Table::new(
        &[
            "Partnership",
            "Open",
            "On schedule",
            "Behind schedule",
            "Completed",
            "Dropped",
            "Overdue",
        ],
        &[1, 2, 3, 4, 5, 6],
    );
    let row = |name: String, c: &accord_projections::status::CommitmentCounts, overdue: usize| {
        vec![
            name,
            count(c.open),
            count(c.on_schedule),
            count(c.behind_schedule),
            count(c.completed),
            count(c.dropped),
            if overdue > 0 {
                format!("**{}**", count(overdue))
            } else {
                "0".to_owned()
            },
        ]
    };
    for p in &with {
        t.row(&row(
            esc(&names.short(&p.summary.name)),
            &p.summary.commitments,
            p.summary.overdue_commitments.len(),
        ));
    }
    t.row(&row(
        "**All partnerships**".to_owned(),
        &s.totals.commitments,
        s.totals.overdue_commitments,
    ));
    t.finish(o);
    if s.overdue.is_empty() {
        let _ = writeln!(o, "No commitment was overdue on {}.\n", date(s.as_of));
    } else {
        let _ = writeln!(o, "### Overdue on {}\n", date(s.as_of));
        let mut t = Table::new(
            &["Commitment", "Partnership", "Owner", "Due", "Status"],
            &[],
        );
        for c in s.overdue.iter().take(ROWS_AT_MOST) {
            t.row(&[
                format!("{} ({})", esc(&c.text), id(&c.commitment)),
                esc(&names.short(&c.name)),
                esc(&c.owner_name),
                date(c.due),
                format!("{} (reported), **overdue**", commitment_status(c.status)),
            ]);
        }
        t.finish(o);
        if let Some(n) = more_rows(ROWS_AT_MOST.min(s.overdue.len()), s.overdue.len()) {
            let _ = writeln!(o, "{n}\n");
        }
    }
    let overdue: Vec<String> = s
        .partnerships
        .iter()
        .filter(|p| p.summary.review_overdue && p.summary.latest_review.is_some())
        .map(|p| {
            let due = p
                .next_review_due
                .map(|d| format!(" (due {})", date(d)))
                .unwrap_or_default();
            format!("{}{due}", esc(&names.short(&p.summary.name)))
        })
        .collect();
    if !overdue.is_empty() {
        let _ = writeln!(
            o,
            "Reviews overdue, the next review date passed ({}): {}.\n",
            count(overdue.len()),
            overdue.join("; ")
        );
    }
}

fn diverging(o: &mut String, s: &StageSnapshot, names: &Names) {
    let _ = writeln!(o, "## Diverging views\n");
    if s.diverging.is_empty() {
        let _ = writeln!(
            o,
            "In no latest review did government and development partners differ by half the scale or more.\n"
        );
        return;
    }
    let _ = writeln!(
        o,
        "Criteria on which the government and development-partner means of a partnership's latest review differ by at least half the scale:\n"
    );
    let mut t = Table::new(
        &[
            "Partnership",
            "Criterion",
            "Government",
            "Development partners",
            "Gap",
        ],
        &[2, 3, 4],
    );
    for d in &s.diverging {
        for c in &d.criteria {
            let g = c.government.map_or_else(|| "—".to_owned(), mean);
            let p = c.development_partner.map_or_else(|| "—".to_owned(), mean);
            let gap = match (c.government, c.development_partner) {
                (Some(a), Some(b)) => mean((a - b).abs()),
                _ => "—".to_owned(),
            };
            t.row(&[
                esc(&names.short(&d.name)),
                esc(criterion_label(s, &c.criterion)),
                g,
                p,
                gap,
            ]);
        }
    }
    t.finish(o);
}

fn findings(o: &mut String, s: &StageSnapshot, names: &Names) {
    let f = &s.findings;
    let _ = writeln!(o, "## Findings\n");
    if f.total == 0 {
        let _ = writeln!(o, "No findings had been recorded by {}.\n", date(s.as_of));
        return;
    }
    let _ = writeln!(o, "{}\n", findings_intro(s));
    if !f.items.is_empty() {
        for q in Swot::ALL {
            let items: Vec<_> = f.items.iter().filter(|x| x.swot == *q).collect();
            let _ = writeln!(o, "### {} ({})\n", swot_heading(*q), count(items.len()));
            if items.is_empty() {
                let _ = writeln!(o, "None recorded.\n");
                continue;
            }
            let shown = &items[items.len().saturating_sub(LIST_AT_MOST)..];
            for x in shown {
                let about = x
                    .partnership_name
                    .as_deref()
                    .map_or_else(|| "Programme".to_owned(), |n| esc(&names.short(n)));
                let side = x
                    .side
                    .map(|s| format!(", {}", s.label()))
                    .unwrap_or_default();
                let _ = writeln!(
                    o,
                    "- {} — {}; {}{side}, {}",
                    esc(&x.text),
                    about,
                    theme_label(x.theme),
                    date(x.recorded_on)
                );
            }
            if shown.len() < items.len() {
                let _ = writeln!(
                    o,
                    "\nThe {} most recent of {}; all are in the JSON report.",
                    count(shown.len()),
                    count(items.len())
                );
            }
            o.push('\n');
        }
    }
    let _ = writeln!(o, "### By theme, standing on {}\n", date(s.as_of));
    let mut t = Table::new(
        &[
            "Theme",
            "Strengths",
            "Weaknesses",
            "Opportunities",
            "Threats",
            "All",
            "Of which new",
        ],
        &[1, 2, 3, 4, 5, 6],
    );
    for r in &f.by_theme {
        t.row(&[
            theme_label(r.theme).to_owned(),
            count(r.strength),
            count(r.weakness),
            count(r.opportunity),
            count(r.threat),
            count(r.total),
            count(r.new),
        ]);
    }
    t.finish(o);
}

fn activities(o: &mut String, s: &StageSnapshot) {
    let _ = writeln!(o, "## Activities and meetings\n");
    let mut t = Table::new(
        &["Activity", "In the period", "Participants", "To date"],
        &[1, 2, 3],
    );
    for r in &s.activities.by_kind {
        t.row(&[
            activity_heading(r.kind).to_owned(),
            count(r.in_period),
            if r.participants_in_period > 0 {
                count(r.participants_in_period as usize)
            } else {
                "—".to_owned()
            },
            count(r.to_date),
        ]);
    }
    t.finish(o);
    if !s.activities.items.is_empty() {
        let mut t = Table::new(
            &["Date", "Activity", "Kind", "Partnerships", "Participants"],
            &[3, 4],
        );
        for a in s.activities.items.iter().take(ROWS_AT_MOST) {
            t.row(&[
                date(a.delivered_on),
                esc(&a.title),
                activity_label(a.kind).to_owned(),
                count(a.partnerships),
                a.participants
                    .map_or_else(|| "—".to_owned(), |n| count(n as usize)),
            ]);
        }
        t.finish(o);
        if let Some(n) = more_rows(
            ROWS_AT_MOST.min(s.activities.items.len()),
            s.activities.items.len(),
        ) {
            let _ = writeln!(o, "{n}\n");
        }
    }
    if s.meetings.is_empty() {
        let _ = writeln!(o, "No meetings were recorded in the period.\n");
    } else {
        let mut t = Table::new(
            &["Date", "Meeting", "Kind", "Partnerships", "Attendees"],
            &[3, 4],
        );
        for m in s.meetings.iter().take(ROWS_AT_MOST) {
            t.row(&[
                date(m.held_on),
                esc(&m.title),
                meeting_label(m.kind).to_owned(),
                count(m.partnerships),
                count(m.attendees),
            ]);
        }
        t.finish(o);
        if let Some(n) = more_rows(ROWS_AT_MOST.min(s.meetings.len()), s.meetings.len()) {
            let _ = writeln!(o, "{n}\n");
        }
    }
}

/// Pieces of a phrase as Markdown.
fn pieces(p: &[Piece]) -> String {
    p.iter()
        .map(|x| match x {
            Piece::Plain(t) => t.clone(),
            Piece::Log(t) => esc(t),
            Piece::Id(t) => id(t),
        })
        .collect()
}

fn changes(o: &mut String, s: &StageSnapshot) {
    let _ = writeln!(o, "## What changed {}\n", since(s));
    let rows = change_rows(s);
    if rows.is_empty() {
        let _ = writeln!(o, "Nothing was recorded in the period.\n");
        return;
    }
    let mut t = Table::new(&["Change", "Number", "Details"], &[1]);
    for r in rows {
        t.row(&[r.what.to_owned(), count(r.count), pieces(&r.detail)]);
    }
    t.finish(o);
}

fn footer(o: &mut String, s: &StageSnapshot) {
    let _ = writeln!(o, "---\n");
    let _ = writeln!(
        o,
        "Built by accord from the event log up to seq {} (head {}), as of {}. The same log always gives this same report; `accord verify --head {}:{}` proves the log still holds everything it was built from.",
        s.head.seq,
        id(&s.head.hash),
        date(s.as_of),
        s.head.seq,
        s.head.hash
    );
}
