//! The stage snapshot as one self-contained HTML page: no scripts, no
//! network, fonts from the reader's system, charts as inline SVG, laid out
//! for A4 when printed. Every text from the log is escaped.

use std::fmt::Write;

use accord_events::fields::AgreementKind;
use accord_events::fields::{Side, Swot};
use accord_projections::partnership::{AgreementStatus, CommitmentStatus};
use accord_projections::snapshot::StageSnapshot;

use super::*;

/// The report's style sheet (also the front page's).
pub const CSS: &str = include_str!("report.css");

fn e(s: &str) -> String {
    esc_html(s)
}

fn pieces(p: &[Piece]) -> String {
    p.iter()
        .map(|x| match x {
            Piece::Plain(t) => e(t),
            Piece::Log(t) => e(t),
            Piece::Id(t) => format!(r#"<span class="id">{}</span>"#, e(t)),
        })
        .collect()
}

/// A table being written.
struct Table<'a> {
    out: &'a mut String,
}

impl<'a> Table<'a> {
    /// Headings: a leading `#` right-aligns a (numeric) column.
    fn new(out: &'a mut String, class: &str, header: &[&str]) -> Table<'a> {
        let _ = write!(out, r#"<table class="{class}"><thead><tr>"#);
        for h in header {
            match h.strip_prefix('#') {
                Some(h) => {
                    let _ = write!(out, r#"<th class="num">{h}</th>"#);
                }
                None => {
                    let _ = write!(out, "<th>{h}</th>");
                }
            }
        }
        out.push_str("</tr></thead><tbody>");
        Table { out }
    }

    /// Cells are HTML already; a leading `#` right-aligns one.
    fn row(&mut self, class: &str, cells: &[String]) {
        if class.is_empty() {
            self.out.push_str("<tr>");
        } else {
            let _ = write!(self.out, r#"<tr class="{class}">"#);
        }
        for c in cells {
            match c.strip_prefix('#') {
                Some(c) => {
                    let _ = write!(self.out, r#"<td class="num">{c}</td>"#);
                }
                None => {
                    let _ = write!(self.out, "<td>{c}</td>");
                }
            }
        }
        self.out.push_str("</tr>");
    }

    fn finish(self) {
        self.out.push_str("</tbody></table>\n");
    }
}

fn num(n: usize) -> String {
    format!("#{}", count(n))
}

fn pill(class: &str, text: &str) -> String {
    format!(r#"<span class="pill {class}">{}</span>"#, e(text))
}

fn agreement_pill(s: AgreementStatus) -> String {
    pill(s.as_str(), agreement_status(s))
}

/// The status its owner reported and, beside it, that the commitment is
/// past its due date: an overdue commitment never wears only "on schedule".
fn overdue_pills(s: CommitmentStatus) -> String {
    format!(
        r#"{} <span class="pill overdue-pill">{}</span>"#,
        pill(s.as_str(), &format!("{} (reported)", commitment_status(s))),
        "overdue"
    )
}

/// The snapshot as HTML.
pub fn render(s: &StageSnapshot) -> String {
    let names = Names::of(s);
    let mut o = String::with_capacity(64 * 1024);
    let _ = write!(
        o,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="accord">
<title>{title}</title>
<style>
{CSS}
@page {{ @bottom-left {{ content: "Stage {stage} progress snapshot \2014  as of {as_of}"; }} }}
</style>
</head>
<body>
<main class="page">
"#,
        title = e(&format!(
            "{}{}",
            title(s),
            s.programme
                .as_ref()
                .map(|p| format!(" — {}", p.name))
                .unwrap_or_default()
        )),
        stage = s.stage,
        as_of = date(s.as_of),
    );
    masthead(&mut o, s);
    key_figures(&mut o, s, &names);
    let mut n = 0;
    let mut section = |o: &mut String, id: &str, title: &str, body: &dyn Fn(&mut String)| {
        n += 1;
        let mut b = String::new();
        body(&mut b);
        let _ = write!(o, r#"<section id="{id}">"#);
        o.push_str(&keep_with_heading(
            &format!(r#"<h2><span class="num">{n}</span>{title}</h2>"#),
            &b,
        ));
        o.push_str("</section>\n");
    };
    section(
        &mut o,
        "stage",
        "The stage: planned, intended and achieved",
        &|b| stage(b, s),
    );
    section(&mut o, "coverage", "Coverage", &|b| coverage(b, s, &names));
    section(&mut o, "scores", "Review scores", &|b| scores(b, s, &names));
    section(&mut o, "agreements", "Agreements", &|b| {
        agreements(b, s, &names)
    });
    section(&mut o, "commitments", "Commitments", &|b| {
        commitments(b, s, &names)
    });
    section(&mut o, "diverging", "Diverging views", &|b| {
        diverging(b, s, &names)
    });
    section(&mut o, "findings", "Findings", &|b| findings(b, s, &names));
    section(&mut o, "activities", "Activities and meetings", &|b| {
        activities(b, s)
    });
    section(
        &mut o,
        "changes",
        &e(&sentence(&format!("what changed {}", since(s)))),
        &|b| changes(b, s),
    );
    section(&mut o, "annex", "Annex: partnerships at a glance", &|b| {
        annex(b, s, &names)
    });
    provenance(&mut o, s);
    o.push_str("</main>\n</body>\n</html>\n");
    o
}

/// A heading and the section it opens. When the section opens with a
/// figure, the two are wrapped in one block that is not split across
/// pages: browsers honour `break-after: avoid` on a heading only when they
/// can, and a chart that does not fit below a heading would otherwise
/// leave the heading alone at a page foot.
fn keep_with_heading(heading: &str, body: &str) -> String {
    if body.starts_with("<figure")
        && let Some(end) = body.find("</figure>")
    {
        let end = end + "</figure>".len();
        return format!(
            r#"<div class="keep">{heading}{}</div>{}"#,
            &body[..end],
            &body[end..]
        );
    }
    format!("{heading}{body}")
}

fn masthead(o: &mut String, s: &StageSnapshot) {
    let st = &s.stage_detail;
    o.push_str(r#"<header class="masthead">"#);
    let _ = write!(
        o,
        r#"<div class="eyebrow">Progress snapshot · Stage {} of {} · {}</div>"#,
        s.stage,
        stage_count(s),
        e(progress(st.status))
    );
    let _ = write!(o, "<h1>{}</h1>", e(&st.name));
    if let Some(p) = &s.programme {
        let _ = write!(o, r#"<p class="programme"><strong>{}</strong>"#, e(&p.name));
        if let Some(c) = &p.commissioned_by {
            let _ = write!(o, " · commissioned by {}", e(c));
        }
        if !p.facilitators.is_empty() {
            let f: Vec<String> = p.facilitators.iter().map(|f| e(f)).collect();
            let _ = write!(o, " · facilitated by {}", and_list(&f));
        }
        o.push_str("</p>");
        let _ = write!(
            o,
            r#"<p class="objective"><span>Objective.</span> {}</p>"#,
            e(&p.objective)
        );
    }
    o.push_str(r#"<dl class="meta">"#);
    let mut item = |k: &str, v: String| {
        let _ = write!(o, "<dt>{k}</dt><dd>{v}</dd>");
    };
    item(
        "As of",
        format!(
            "<strong>{}</strong> <span class=\"muted\">({})</span>",
            date(s.as_of),
            e(as_of_basis(s))
        ),
    );
    item("Reporting period", e(&period(s)));
    item("Planned", e(&planned(s)));
    item("Actual", e(&actual(s)));
    item(
        "Built from log head",
        format!(
            r#"seq {} <span class="hash">{}</span>"#,
            s.head.seq,
            e(&s.head.hash)
        ),
    );
    o.push_str("</dl></header>\n");
}

fn key_figures(o: &mut String, s: &StageSnapshot, names: &Names) {
    figures(o, s);
    if let Some(p) = &names.prefix {
        let _ = write!(
            o,
            r#"<p class="note">Partnership names are shown without the words they all begin with, “{}”.</p>"#,
            e(p)
        );
    }
}

/// The key figures of a snapshot, as a row of cards (also on the
/// programme's front page, [`super::index`]).
pub fn figures(o: &mut String, s: &StageSnapshot) {
    let t = &s.totals;
    let agreements = t.agreements.draft
        + t.agreements.adopted
        + t.agreements.revision_pending
        + t.agreements.withdrawn;
    o.push_str(r#"<div class="figures">"#);
    let mut fig = |class: &str, value: String, label: &str, note: String| {
        let _ = write!(
            o,
            r#"<div class="figure {class}"><div class="value">{value}</div><div class="label">{label}</div><div class="note">{note}</div></div>"#
        );
    };
    fig(
        "",
        format!(
            "{}<small>/{}</small>",
            count(t.engaged),
            count(t.partnerships)
        ),
        "Partnerships engaged",
        "in the reporting period".into(),
    );
    fig(
        "",
        count(t.agreements_adopted),
        "Agreements in force",
        format!(
            "of {}; {} draft, {} pending revision{}",
            count(agreements),
            count(t.agreements.draft),
            count(t.agreements.revision_pending),
            // Shown once signatures are in use (docs/signatures.md).
            if t.endorsements_signed > 0 {
                format!(
                    "; {} of {} endorsements signed",
                    count(t.endorsements_signed),
                    count(t.endorsements_signed + t.endorsements_unsigned)
                )
            } else {
                String::new()
            }
        ),
    );
    fig(
        if t.overdue_commitments > 0 {
            "alert"
        } else {
            ""
        },
        count(t.overdue_commitments),
        "Commitments overdue",
        format!(
            "of {}; {} completed",
            count(t.commitments.total()),
            count(t.commitments.completed)
        ),
    );
    let reviews = review_figures(s);
    fig(
        if reviews.past_due > 0 { "alert" } else { "" },
        count(reviews.past_due),
        "Reviews overdue",
        format!(
            "next review date passed; {} reviewed, {} not yet reviewed",
            count(t.reviewed),
            count(reviews.not_yet)
        ),
    );
    fig(
        if t.diverging > 0 { "warn" } else { "" },
        count(t.diverging),
        "Diverging views",
        "partnerships whose sides differ".into(),
    );
    o.push_str("</div>\n");
}

fn stage(o: &mut String, s: &StageSnapshot) {
    let _ = write!(
        o,
        r#"<figure>{}<figcaption>Figure 1. The programme's stages as planned and as carried out; the dashed line marks the date of this snapshot.</figcaption></figure>"#,
        charts::timeline(s)
    );
    let st = &s.stage_detail;
    o.push_str(r#"<div class="two">"#);
    o.push_str("<div><h3>Intended achievements</h3>");
    if st.intended_achievements.is_empty() {
        o.push_str(r#"<p class="muted">None were recorded for this stage.</p>"#);
    } else {
        o.push_str(r#"<ul class="achievements">"#);
        for a in &st.intended_achievements {
            let _ = write!(o, "<li>{}</li>", e(a));
        }
        o.push_str("</ul>");
    }
    o.push_str("</div><div><h3>Achieved</h3>");
    match &st.summary {
        Some(sum) => {
            let _ = write!(
                o,
                r#"<blockquote>{}<cite>Recorded on completion, {}</cite></blockquote>"#,
                e(sum),
                opt_date(st.completed_on)
            );
        }
        None => {
            let _ = write!(
                o,
                r#"<p class="muted">The stage had not been completed by {}.</p>"#,
                date(s.as_of)
            );
        }
    }
    let lights = highlights(s);
    if !lights.is_empty() {
        let _ = write!(o, "<h3>In the reporting period</h3>");
        o.push_str(r#"<ul class="achieved">"#);
        for l in lights {
            let _ = write!(o, "<li>{}</li>", e(&l));
        }
        o.push_str("</ul>");
    }
    o.push_str("</div></div>\n");
}

fn sides_in(s: &StageSnapshot) -> Vec<Side> {
    let mut sides: Vec<Side> = s
        .coverage
        .channels
        .iter()
        .flat_map(|c| c.partnerships_by_side.keys().chain(c.people_by_side.keys()))
        .copied()
        .filter(|s| *s != Side::Facilitator)
        .collect();
    sides.sort();
    sides.dedup();
    sides
}

fn coverage(o: &mut String, s: &StageSnapshot, names: &Names) {
    let cov = &s.coverage;
    let _ = write!(
        o,
        "<p><strong>{} of {}</strong> partnerships were engaged in the reporting period ({}). The table counts the partnerships each channel reached and, for each side, the partnerships where that side took part, with the number of people in brackets.</p>",
        count(cov.engaged),
        count(cov.partnerships),
        e(&period(s))
    );
    let sides = sides_in(s);
    let mut header: Vec<String> = vec![
        "Channel".into(),
        "#Held".into(),
        "#Partnerships reached".into(),
    ];
    header.extend(sides.iter().map(|x| format!("#{}", side_heading(*x))));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = Table::new(o, "coverage", &header);
    for c in &cov.channels {
        let mut row = vec![
            e(super::markdown::channel_label(c.channel)),
            if c.programme_wide > 0 {
                format!(
                    "#{}<br><span class=\"muted\">{} programme-wide</span>",
                    count(c.held),
                    count(c.programme_wide)
                )
            } else {
                num(c.held)
            },
            num(c.partnerships),
        ];
        for side in &sides {
            let p = c.partnerships_by_side.get(side).copied().unwrap_or(0);
            row.push(match c.people_by_side.get(side) {
                Some(people) => format!(
                    "#{} <span class=\"muted\">({})</span>",
                    count(p),
                    count(*people)
                ),
                None if p == 0 => "#–".to_owned(),
                None => num(p),
            });
        }
        t.row("", &row);
    }
    t.finish();
    if !cov.not_engaged.is_empty() {
        let list: Vec<String> = cov
            .not_engaged
            .iter()
            .map(|p| e(&names.of_id(s, p)))
            .collect();
        let _ = write!(
            o,
            r#"<p class="note">Not engaged in the period: {}.</p>"#,
            list.join("; ")
        );
    }
}

fn scores(o: &mut String, s: &StageSnapshot, names: &Names) {
    let Some(map) = charts::heat_map(s) else {
        let _ = write!(
            o,
            r#"<p class="muted">No partnership had a review with responses by {}.</p>"#,
            date(s.as_of)
        );
        return;
    };
    let compared = s.partnerships.iter().any(|p| p.previous_scores.is_some());
    let scale = s
        .criteria
        .first()
        .map(|c| format!(" ({} to {})", c.scale_min, c.scale_max))
        .unwrap_or_default();
    // The chart, its caption and its notes print together.
    let _ = write!(
        o,
        r#"<figure>{map}<figcaption>Figure 2. Mean score{scale} of each partnership's latest review{}. A dashed outline marks a criterion on which the government and development-partner means differ by at least half the scale.</figcaption>"#,
        if compared {
            format!(", with the change {}", e(&since(s)))
        } else {
            String::new()
        }
    );
    let unreviewed: Vec<String> = s
        .partnerships
        .iter()
        .filter(|p| p.summary.latest_review.is_none())
        .map(|p| e(&names.short(&p.summary.name)))
        .collect();
    if !unreviewed.is_empty() {
        let _ = write!(
            o,
            r#"<p class="note">Not yet reviewed ({}): {}.</p>"#,
            count(unreviewed.len()),
            unreviewed.join("; ")
        );
    }
    let keys: Vec<String> = s
        .criteria
        .iter()
        .map(|c| format!("<code>{}</code>", e(&c.criterion)))
        .collect();
    let _ = writeln!(
        o,
        r#"<p class="note">The criteria are the review framework's; in the JSON report (<code>--format json</code>) they are keyed {}.</p></figure>"#,
        and_list(&keys)
    );
    trends(o, s);
}

fn trends(o: &mut String, s: &StageSnapshot) {
    let panels = charts::trends(s);
    let single = charts::single_reviews(s);
    if panels.is_empty() && single.is_empty() {
        return;
    }
    o.push_str("<h3>Score trends</h3>");
    if !single.is_empty() {
        let list: Vec<String> = single
            .iter()
            .map(|(name, on)| format!("{} ({})", e(name), on.format("%b %Y")))
            .collect();
        let _ = write!(
            o,
            r#"<p class="note">A trend needs two reviews with responses; {} had one by {}, so {} no chart: {}.</p>"#,
            plural(single.len(), "partnership", "partnerships"),
            date(s.as_of),
            if single.len() == 1 {
                "it has"
            } else {
                "they have"
            },
            list.join("; ")
        );
    }
    if panels.is_empty() {
        return;
    }
    o.push_str(r#"<figure class="trend-figure"><ul class="legend">"#);
    for (j, c) in s.criteria.iter().enumerate() {
        let _ = write!(o, "<li>{}{}</li>", charts::trend_key(j), e(&c.label));
    }
    o.push_str(r#"</ul><div class="trends">"#);
    for (_, svg) in &panels {
        o.push_str(svg);
    }
    let _ = writeln!(
        o,
        r#"</div><figcaption>Figure 3. Each criterion's mean, review by review, on a common time axis; lines a little apart where they would coincide{}.</figcaption></figure>"#,
        if s.changes.since.is_some() {
            "; the dotted red line marks the end of the previous stage"
        } else {
            ""
        }
    );
}

fn agreements(o: &mut String, s: &StageSnapshot, names: &Names) {
    let all: usize = s.partnerships.iter().map(|p| p.agreement_list.len()).sum();
    if all == 0 {
        let _ = write!(
            o,
            r#"<p class="muted">No agreements had been proposed by {}.</p>"#,
            date(s.as_of)
        );
        return;
    }
    let _ = write!(o, "<p>{}</p>", agreements_intro(s, all));
    let kinds = agreement_kinds(s);
    let mut header: Vec<String> = vec!["Partnership".into()];
    header.extend(kinds.iter().map(|k| agreement_kind_heading(*k).to_owned()));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut table = Table::new(o, "agreement-matrix", &header);
    for p in s
        .partnerships
        .iter()
        .filter(|p| !p.agreement_list.is_empty())
    {
        let mut cells = vec![e(&names.short(&p.summary.name))];
        for k in &kinds {
            let of_kind: Vec<&accord_projections::snapshot::AgreementLine> =
                p.agreement_list.iter().filter(|a| a.kind == *k).collect();
            let cell: Vec<String> = if of_kind.len() > CELL_AT_MOST {
                by_status(&of_kind)
                    .into_iter()
                    .map(|(st, n)| {
                        format!(
                            r#"<div class="agr-count {}"><b>{}</b> {}</div>"#,
                            st.as_str(),
                            count(n),
                            e(if st == AgreementStatus::RevisionPending {
                                "pending"
                            } else {
                                agreement_status(st)
                            })
                        )
                    })
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
                            .map(|d| format!(r#"<span class="when">{}</span>"#, date(d)))
                            .unwrap_or_default();
                        format!(
                            r#"<div class="agr">{}{}{when}</div>"#,
                            agreement_pill(a.status),
                            e(&version)
                        )
                    })
                    .collect()
            };
            cells.push(cell.concat());
        }
        table.row("", &cells);
    }
    table.finish();
    let _ = write!(
        o,
        r#"<p class="note">Each cell shows an agreement's status and the date its version in force was adopted (v2: a revised version); more than three of a kind are counted by status (pending: a revision awaits endorsement, an earlier version stays in force). {}</p>"#,
        if kinds.len() < AgreementKind::ALL.len() {
            "Kinds of agreement no partnership has recorded are left out."
        } else {
            ""
        }
    );
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
        let _ = write!(
            o,
            "<h3>Not fully in force ({})</h3>",
            count(attention.len())
        );
        let mut t = Table::new(
            o,
            "attention",
            &["Agreement", "Partnership", "Status", "Note"],
        );
        for &(name, a) in attention.iter().take(ROWS_AT_MOST) {
            t.row(
                "",
                &[
                    format!(
                        r#"{} <span class="id">{}</span>"#,
                        e(&a.title),
                        e(&a.agreement)
                    ),
                    e(&names.short(name)),
                    agreement_pill(a.status),
                    e(&agreement_note(a)),
                ],
            );
        }
        t.finish();
        if let Some(n) = more_rows(ROWS_AT_MOST.min(attention.len()), attention.len()) {
            let _ = write!(o, r#"<p class="note">{}</p>"#, e(&n));
        }
    }
}

fn commitments(o: &mut String, s: &StageSnapshot, names: &Names) {
    let Some(chart) = charts::commitments(s) else {
        let _ = write!(
            o,
            r#"<p class="muted">No commitments had been made by {}.</p>"#,
            date(s.as_of)
        );
        return;
    };
    let _ = write!(
        o,
        r#"<figure>{chart}<figcaption>Figure 4. Commitments by status: all partnerships (top, as shares of {}), then each partnership with commitments; the number on the right counts those overdue on {}.</figcaption></figure>"#,
        count(s.totals.commitments.total()),
        date(s.as_of)
    );
    if s.overdue.is_empty() {
        let _ = write!(
            o,
            r#"<p>No commitment was overdue on {}.</p>"#,
            date(s.as_of)
        );
    } else {
        let _ = write!(
            o,
            "<h3>Overdue on {} ({})</h3>",
            date(s.as_of),
            count(s.overdue.len())
        );
        let mut t = Table::new(
            o,
            "overdue-list",
            &["Commitment", "Partnership", "Owner", "Due", "Status"],
        );
        for c in s.overdue.iter().take(ROWS_AT_MOST) {
            t.row(
                "",
                &[
                    format!(
                        r#"{} <span class="id">{}</span>"#,
                        e(&c.text),
                        e(&c.commitment)
                    ),
                    e(&names.short(&c.name)),
                    e(&c.owner_name),
                    format!(r#"<span class="overdue nowrap">{}</span>"#, date(c.due)),
                    overdue_pills(c.status),
                ],
            );
        }
        t.finish();
        if let Some(n) = more_rows(ROWS_AT_MOST.min(s.overdue.len()), s.overdue.len()) {
            let _ = write!(o, r#"<p class="note">{}</p>"#, e(&n));
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
            format!("{}{}", e(&names.short(&p.summary.name)), due)
        })
        .collect();
    if !overdue.is_empty() {
        let _ = write!(
            o,
            r#"<h3>Reviews overdue ({})</h3><p class="note">Partnerships whose next review date has passed: {}.</p>"#,
            count(overdue.len()),
            overdue.join("; ")
        );
    }
}

fn diverging(o: &mut String, s: &StageSnapshot, names: &Names) {
    if s.diverging.is_empty() {
        o.push_str("<p>In no partnership's latest review did government and development partners differ by half the scale or more.</p>");
        return;
    }
    o.push_str("<p>Criteria on which the government and development-partner means of a partnership's latest review differ by at least half the scale: the sides see the partnership differently, and the steering committee may wish to ask why.</p>");
    let mut t = Table::new(
        o,
        "diverging",
        &[
            "Partnership",
            "Criterion",
            "#Government",
            "#Development partners",
            "#Gap",
        ],
    );
    for d in &s.diverging {
        for (i, c) in d.criteria.iter().enumerate() {
            let g = c.government.map_or_else(|| "–".to_owned(), mean);
            let p = c.development_partner.map_or_else(|| "–".to_owned(), mean);
            let gap = match (c.government, c.development_partner) {
                (Some(a), Some(b)) => mean((a - b).abs()),
                _ => "–".to_owned(),
            };
            t.row(
                "",
                &[
                    if i == 0 {
                        format!("<strong>{}</strong>", e(&names.short(&d.name)))
                    } else {
                        String::new()
                    },
                    e(criterion_label(s, &c.criterion)),
                    format!("#{g}"),
                    format!("#{p}"),
                    format!(r#"#<span class="overdue">{gap}</span>"#),
                ],
            );
        }
    }
    t.finish();
}

fn findings(o: &mut String, s: &StageSnapshot, names: &Names) {
    let f = &s.findings;
    if f.total == 0 {
        let _ = write!(
            o,
            r#"<p class="muted">No findings had been recorded by {}.</p>"#,
            date(s.as_of)
        );
        return;
    }
    let _ = write!(o, "<p>{}</p>", findings_intro(s));
    if !f.items.is_empty() {
        o.push_str(r#"<div class="swot">"#);
        for q in Swot::ALL {
            let items: Vec<_> = f.items.iter().filter(|x| x.swot == *q).collect();
            let _ = write!(
                o,
                r#"<div class="quad {}"><h3>{} <span class="muted">({})</span></h3>"#,
                q.as_str(),
                swot_heading(*q),
                count(items.len())
            );
            if items.is_empty() {
                o.push_str(r#"<p class="muted">None recorded.</p>"#);
            } else {
                let shown = &items[items.len().saturating_sub(LIST_AT_MOST)..];
                o.push_str("<ul>");
                for x in shown {
                    let about = x
                        .partnership_name
                        .as_deref()
                        .map_or_else(|| "Programme".to_owned(), |n| names.short(n));
                    let side = x
                        .side
                        .map(|s| format!(" · {}", s.label()))
                        .unwrap_or_default();
                    let _ = write!(
                        o,
                        r#"<li>{}<br><span class="tag">{} · {}{} · {}</span></li>"#,
                        e(&x.text),
                        e(&about),
                        theme_label(x.theme),
                        e(&side),
                        date(x.recorded_on)
                    );
                }
                o.push_str("</ul>");
                if shown.len() < items.len() {
                    let _ = write!(
                        o,
                        r#"<p class="note">The {} most recent of {}; all are in the JSON report.</p>"#,
                        count(shown.len()),
                        count(items.len())
                    );
                }
            }
            o.push_str("</div>");
        }
        o.push_str("</div>\n");
    }
    o.push_str("<h3>By theme</h3>");
    let mut t = Table::new(
        o,
        "themes",
        &[
            "Theme",
            "#Strengths",
            "#Weaknesses",
            "#Opportunities",
            "#Threats",
            "#All",
            "#Of which new",
        ],
    );
    for r in &f.by_theme {
        t.row(
            "",
            &[
                theme_label(r.theme).to_owned(),
                num(r.strength),
                num(r.weakness),
                num(r.opportunity),
                num(r.threat),
                num(r.total),
                num(r.new),
            ],
        );
    }
    t.finish();
    let _ = write!(
        o,
        r#"<p class="note">Findings standing on {}, by theme and SWOT quadrant; “of which new” were recorded in the reporting period.</p>"#,
        date(s.as_of)
    );
}

fn activities(o: &mut String, s: &StageSnapshot) {
    let mut t = Table::new(
        o,
        "activity-kinds",
        &["Activity", "#In the period", "#Participants", "#To date"],
    );
    for r in &s.activities.by_kind {
        t.row(
            "",
            &[
                activity_heading(r.kind).to_owned(),
                num(r.in_period),
                if r.participants_in_period > 0 {
                    num(r.participants_in_period as usize)
                } else {
                    "#–".to_owned()
                },
                num(r.to_date),
            ],
        );
    }
    t.finish();
    if !s.activities.items.is_empty() {
        o.push_str("<h3>Delivered in the period</h3>");
        let mut t = Table::new(
            o,
            "activities",
            &["Date", "Activity", "Kind", "#Partnerships", "#Participants"],
        );
        for a in s.activities.items.iter().take(ROWS_AT_MOST) {
            t.row(
                "",
                &[
                    format!(r#"<span class="nowrap">{}</span>"#, date(a.delivered_on)),
                    e(&a.title),
                    e(activity_label(a.kind)),
                    num(a.partnerships),
                    a.participants
                        .map_or_else(|| "#–".to_owned(), |n| num(n as usize)),
                ],
            );
        }
        t.finish();
        if let Some(n) = more_rows(
            ROWS_AT_MOST.min(s.activities.items.len()),
            s.activities.items.len(),
        ) {
            let _ = write!(o, r#"<p class="note">{}</p>"#, e(&n));
        }
    }
    if s.meetings.is_empty() {
        o.push_str(r#"<p class="muted">No meetings were recorded in the period.</p>"#);
    } else {
        o.push_str("<h3>Meetings held in the period</h3>");
        let mut t = Table::new(
            o,
            "meetings",
            &["Date", "Meeting", "Kind", "#Partnerships", "#Attendees"],
        );
        for m in s.meetings.iter().take(ROWS_AT_MOST) {
            t.row(
                "",
                &[
                    format!(r#"<span class="nowrap">{}</span>"#, date(m.held_on)),
                    e(&m.title),
                    e(meeting_label(m.kind)),
                    num(m.partnerships),
                    num(m.attendees),
                ],
            );
        }
        t.finish();
        if let Some(n) = more_rows(ROWS_AT_MOST.min(s.meetings.len()), s.meetings.len()) {
            let _ = write!(o, r#"<p class="note">{}</p>"#, e(&n));
        }
    }
}

fn changes(o: &mut String, s: &StageSnapshot) {
    let rows = change_rows(s);
    if rows.is_empty() {
        o.push_str("<p>Nothing was recorded in the period.</p>");
        return;
    }
    let mut t = Table::new(o, "changes", &["Change", "#Number", "Details"]);
    for r in rows {
        t.row("", &[e(r.what), num(r.count), pieces(&r.detail)]);
    }
    t.finish();
}

fn annex(o: &mut String, s: &StageSnapshot, names: &Names) {
    o.push_str("<p>One line per partnership: agreements in force, commitments completed and overdue, when its next review is due, and how it was engaged in the reporting period.</p>");
    let mut t = Table::new(
        o,
        "annex",
        &[
            "Partnership",
            "#Agreements in force",
            "#Commitments completed",
            "#Overdue",
            "Next review",
            "Engaged in the period through",
        ],
    );
    for p in &s.partnerships {
        let c = &p.summary.commitments;
        let en = &p.engagement;
        let mut through = Vec::new();
        if en.interviews > 0 {
            through.push(plural(en.interviews, "interview", "interviews"));
        }
        if en.meetings > 0 {
            through.push(plural(en.meetings, "meeting", "meetings"));
        }
        if en.review_responses > 0 {
            through.push(plural(
                en.review_responses,
                "review response",
                "review responses",
            ));
        }
        if en.activities > 0 {
            through.push(plural(en.activities, "activity", "activities"));
        }
        let overdue = p.summary.overdue_commitments.len();
        let review = if p.summary.latest_review.is_none() && !p.summary.closed {
            "not yet reviewed".to_owned()
        } else if p.summary.review_overdue {
            match p.next_review_due {
                Some(d) => format!(r#"<span class="overdue">overdue</span> (due {})"#, date(d)),
                None => r#"<span class="overdue">overdue</span>"#.to_owned(),
            }
        } else {
            p.next_review_due
                .map_or_else(|| "–".to_owned(), |d| format!("due {}", date(d)))
        };
        t.row(
            if p.summary.closed { "closed" } else { "" },
            &[
                format!(
                    "{}{}",
                    e(&names.short(&p.summary.name)),
                    if p.summary.closed { " (closed)" } else { "" }
                ),
                format!(
                    "#{} of {}",
                    count(p.summary.agreements_adopted),
                    count(p.agreement_list.len())
                ),
                format!("#{} of {}", count(c.completed), count(c.total())),
                if overdue > 0 {
                    format!(r#"#<span class="overdue">{}</span>"#, count(overdue))
                } else {
                    "#–".to_owned()
                },
                review,
                if through.is_empty() {
                    r#"<span class="muted">not engaged</span>"#.to_owned()
                } else {
                    e(&through.join(", "))
                },
            ],
        );
    }
    let c = &s.totals.commitments;
    let all_agreements: usize = s.partnerships.iter().map(|p| p.agreement_list.len()).sum();
    t.row(
        "total",
        &[
            format!("All {} partnerships", count(s.totals.partnerships)),
            format!(
                "#{} of {}",
                count(s.totals.agreements_adopted),
                count(all_agreements)
            ),
            format!("#{} of {}", count(c.completed), count(c.total())),
            num(s.totals.overdue_commitments),
            {
                let r = review_figures(s);
                format!(
                    "{} overdue, {} not yet reviewed",
                    count(r.past_due),
                    count(r.not_yet)
                )
            },
            format!("{} engaged", count(s.totals.engaged)),
        ],
    );
    t.finish();
}

fn provenance(o: &mut String, s: &StageSnapshot) {
    let _ = writeln!(
        o,
        r#"<footer class="provenance"><p><strong>Source.</strong> Built by accord from the programme's event log up to seq {seq}, head <span class="hash">{hash}</span>, as of {as_of}. The same log always gives this same report. To check that the log still holds everything this report was built from, run <code>accord verify --head {seq}:{hash}</code>.</p></footer>"#,
        seq = s.head.seq,
        hash = e(&s.head.hash),
        as_of = date(s.as_of),
    );
}
