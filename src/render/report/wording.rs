//! The sentences and phrases the report shares between its sections, in
//! the report's languages (every word from the catalogues,
//! `locales/*/accord.ftl`).

use std::collections::BTreeSet;

use accord_events::fields::{AgreementKind, Day};
use accord_projections::partnership::AgreementStatus;
use accord_projections::snapshot::{
    AgreementChange, AgreementLine, AsOfBasis, CommitmentChange, MemberChange, PartnershipRef,
    StageSnapshot,
};

use super::words;
use super::{Names, Piece, partnership_name};
use crate::render::i18n::{Arg, Tr};

/// `n` things: a counted phrase from the catalogue (`n-partnerships`).
pub fn n(tr: &Tr, id: &str, n: usize) -> String {
    tr.say(id, &[("n", Arg::N(n))])
}

/// An optional date, or a dash.
pub fn opt_date(tr: &Tr, d: Option<Day>) -> String {
    d.map_or_else(|| "—".to_owned(), |d| tr.date(d))
}

/// The note under a table cut at `shown` of `all` rows, if it was.
pub fn more_rows(tr: &Tr, shown: usize, all: usize) -> Option<String> {
    (shown < all).then(|| {
        tr.say(
            "more-rows",
            &[("shown", Arg::N(shown)), ("all", Arg::N(all))],
        )
    })
}

/// The report's title line.
pub fn title(tr: &Tr, s: &StageSnapshot) -> String {
    format!(
        "{}: {}",
        tr.label("report-title", &[("stage", Arg::N(s.stage as usize))]),
        s.stage_detail.name
    )
}

/// Why the snapshot is as of its date, in words.
pub fn as_of_basis(tr: &Tr, s: &StageSnapshot) -> String {
    tr.say(
        match s.as_of_basis {
            AsOfBasis::Given => "as-of-given",
            AsOfBasis::StageCompleted => "as-of-stage-completed",
            AsOfBasis::Today => "as-of-today",
        },
        &[],
    )
}

/// A range of dates.
pub fn range(tr: &Tr, from: Day, to: Day) -> String {
    format!("{} – {}", tr.date(from), tr.date(to))
}

/// The reporting period in words.
pub fn period(tr: &Tr, s: &StageSnapshot) -> String {
    let to = tr.date(s.period.to);
    match s.period.from {
        Some(f) if f.0 > s.period.to.0 => tr.say("period-none", &[("to", to.into())]),
        Some(f) => range(tr, f, s.period.to),
        None => tr.say("period-from-start", &[("to", to.into())]),
    }
}

/// What the changes and score changes are compared with.
pub fn since(tr: &Tr, s: &StageSnapshot) -> String {
    match (&s.previous_stage, s.changes.since) {
        (Some(p), Some(d)) => tr.say(
            "since-stage-end",
            &[
                ("stage", Arg::N(p.stage as usize)),
                ("date", tr.date(d).into()),
            ],
        ),
        (Some(p), None) => tr.say(
            "since-start-stage-open",
            &[("stage", Arg::N(p.stage as usize))],
        ),
        (None, _) => tr.say("since-start", &[]),
    }
}

/// The planned dates of the stage.
pub fn planned(tr: &Tr, s: &StageSnapshot) -> String {
    range(tr, s.stage_detail.starts_on, s.stage_detail.ends_on)
}

/// The actual dates of the stage.
pub fn actual(tr: &Tr, s: &StageSnapshot) -> String {
    let st = &s.stage_detail;
    match (st.started_on, st.completed_on) {
        (Some(a), Some(b)) => tr.say("actual-completed", &[("range", range(tr, a, b).into())]),
        (Some(a), None) if s.as_of.0 > st.ends_on.0 => tr.say(
            "actual-late",
            &[
                ("from", tr.date(a).into()),
                ("n", Arg::N((s.as_of.0 - st.ends_on.0).num_days() as usize)),
            ],
        ),
        (Some(a), None) => tr.say("actual-running", &[("from", tr.date(a).into())]),
        (None, _) => tr.say("actual-not-started", &[]),
    }
}

/// The highlights of the period, as phrases ("4 agreements adopted").
pub fn highlights(tr: &Tr, s: &StageSnapshot) -> Vec<String> {
    let c = &s.changes;
    let responses: usize = c.reviews.iter().map(|r| r.responses).sum();
    let interviews = s
        .coverage
        .channels
        .iter()
        .find(|ch| ch.channel == "interviews")
        .map_or(0, |ch| ch.held);
    [
        ("lit-interviews", interviews),
        ("lit-agreements-adopted", c.agreements_adopted.len()),
        ("lit-agreements-revised", c.agreements_revised.len()),
        ("lit-commitments-made", c.commitments_made.len()),
        ("lit-commitments-completed", c.commitments_completed.len()),
        ("lit-reviews", c.reviews.len()),
        ("lit-responses", responses),
        ("lit-activities", s.activities.items.len()),
        ("lit-meetings", s.meetings.len()),
        ("lit-findings", c.findings_recorded),
    ]
    .into_iter()
    .filter(|(_, k)| *k > 0)
    .map(|(id, k)| n(tr, id, k))
    .collect()
}

/// What a reader should know about an agreement that is not simply
/// adopted.
pub fn agreement_note(tr: &Tr, a: &AgreementLine) -> String {
    match (a.status, a.in_force_version) {
        (AgreementStatus::RevisionPending, Some(v)) => tr.say(
            "agreement-note-pending",
            &[
                ("version", Arg::N(a.current_version as usize)),
                ("in_force", Arg::N(v as usize)),
            ],
        ),
        (AgreementStatus::Draft, _) => tr.say("agreement-note-draft", &[]),
        (AgreementStatus::Withdrawn, _) => tr.say("agreement-note-withdrawn", &[]),
        _ => String::new(),
    }
}

/// One row of "what changed": what, how many, and the details.
pub struct ChangeRow {
    /// What changed.
    pub what: String,
    /// How many.
    pub count: usize,
    /// The details.
    pub detail: Vec<Piece>,
}

/// Up to this many items are named one by one; more are summarised.
const NAME_AT_MOST: usize = 8;

fn join(items: Vec<Vec<Piece>>, sep: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(Piece::Plain(sep.to_owned()));
        }
        out.extend(item);
    }
    out
}

fn in_partnerships<'a>(tr: &Tr, ids: impl Iterator<Item = &'a str>) -> String {
    let set: BTreeSet<&str> = ids.collect();
    n(tr, "in-partnerships", set.len())
}

fn agreements_detail(tr: &Tr, list: &[AgreementChange], version: bool) -> Vec<Piece> {
    if list.len() <= NAME_AT_MOST {
        return join(
            list.iter()
                .map(|a| {
                    let mut v = vec![Piece::Log(a.title.clone())];
                    if version {
                        v.push(Piece::Plain(format!(
                            " ({})",
                            tr.say(
                                "version-n",
                                &[("version", Arg::N(a.current_version as usize))]
                            )
                        )));
                    }
                    v
                })
                .collect(),
            "; ",
        );
    }
    let mut kinds: Vec<(AgreementKind, usize)> = Vec::new();
    for a in list {
        match kinds.iter_mut().find(|(k, _)| *k == a.kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((a.kind, 1)),
        }
    }
    let parts: Vec<String> = kinds
        .iter()
        .map(|(k, n)| format!("{} {}", tr.count(*n), words::agreement_kind(tr, *k)))
        .collect();
    vec![Piece::Plain(format!(
        "{}; {}",
        parts.join(", "),
        in_partnerships(tr, list.iter().map(|a| a.partnership.as_str()))
    ))]
}

fn commitments_detail(tr: &Tr, list: &[CommitmentChange]) -> Vec<Piece> {
    if list.len() <= NAME_AT_MOST {
        return join(
            list.iter()
                .map(|c| vec![Piece::Id(c.commitment.clone())])
                .collect(),
            ", ",
        );
    }
    vec![Piece::Plain(in_partnerships(
        tr,
        list.iter().map(|c| c.partnership.as_str()),
    ))]
}

fn names_detail(list: &[PartnershipRef]) -> Vec<Piece> {
    if list.len() <= NAME_AT_MOST {
        join(
            list.iter()
                .map(|p| vec![Piece::Log(p.name.clone())])
                .collect(),
            "; ",
        )
    } else {
        Vec::new()
    }
}

fn members_detail(tr: &Tr, s: &StageSnapshot, list: &[MemberChange]) -> Vec<Piece> {
    if list.len() > NAME_AT_MOST {
        return vec![Piece::Plain(in_partnerships(
            tr,
            list.iter().map(|m| m.partnership.as_str()),
        ))];
    }
    let short = Names::in_langs(s, tr);
    join(
        list.iter()
            .map(|m| {
                vec![
                    Piece::Log(m.org_name.clone()),
                    Piece::Plain(" — ".into()),
                    Piece::Log(short.short(&partnership_name(s, &m.partnership))),
                ]
            })
            .collect(),
        "; ",
    )
}

/// "What changed" as rows, in a fixed order, only those with something.
pub fn change_rows(tr: &Tr, s: &StageSnapshot) -> Vec<ChangeRow> {
    let c = &s.changes;
    let responses: usize = c.reviews.iter().map(|r| r.responses).sum();
    let reviews = vec![Piece::Plain(format!(
        "{}; {}",
        n(tr, "n-responses", responses),
        in_partnerships(tr, c.reviews.iter().map(|r| r.partnership.as_str()))
    ))];
    let rows: Vec<(&str, usize, Vec<Piece>)> = vec![
        (
            "changed-established",
            c.partnerships_established.len(),
            names_detail(&c.partnerships_established),
        ),
        (
            "changed-closed",
            c.partnerships_closed.len(),
            names_detail(&c.partnerships_closed),
        ),
        (
            "changed-joined",
            c.members_joined.len(),
            members_detail(tr, s, &c.members_joined),
        ),
        (
            "changed-left",
            c.members_left.len(),
            members_detail(tr, s, &c.members_left),
        ),
        (
            "changed-proposed",
            c.agreements_proposed.len(),
            agreements_detail(tr, &c.agreements_proposed, false),
        ),
        (
            "changed-adopted",
            c.agreements_adopted.len(),
            agreements_detail(tr, &c.agreements_adopted, true),
        ),
        (
            "changed-revised",
            c.agreements_revised.len(),
            agreements_detail(tr, &c.agreements_revised, true),
        ),
        (
            "changed-withdrawn",
            c.agreements_withdrawn.len(),
            agreements_detail(tr, &c.agreements_withdrawn, false),
        ),
        (
            "changed-made",
            c.commitments_made.len(),
            commitments_detail(tr, &c.commitments_made),
        ),
        (
            "changed-completed",
            c.commitments_completed.len(),
            commitments_detail(tr, &c.commitments_completed),
        ),
        (
            "changed-dropped",
            c.commitments_dropped.len(),
            commitments_detail(tr, &c.commitments_dropped),
        ),
        (
            "changed-overdue",
            c.commitments_newly_overdue.len(),
            commitments_detail(tr, &c.commitments_newly_overdue),
        ),
        ("changed-reviews", c.reviews.len(), reviews),
        ("changed-findings", c.findings_recorded, Vec::new()),
    ];
    rows.into_iter()
        .filter(|(_, k, _)| *k > 0)
        .map(|(id, count, detail)| ChangeRow {
            what: tr.label(id, &[]),
            count,
            detail,
        })
        .collect()
}

/// The sentence that opens the findings section (plain text: counts and
/// dates only, so it needs no escaping in either format).
pub fn findings_intro(tr: &Tr, s: &StageSnapshot) -> String {
    let f = &s.findings;
    let as_of = tr.date(s.as_of);
    if f.items.is_empty() {
        return tr.say(
            "findings-none-new",
            &[("n", Arg::N(f.total)), ("date", as_of.into())],
        );
    }
    let earlier = if f.total > f.new_in_period {
        tr.say(
            "findings-earlier",
            &[("total", Arg::N(f.total)), ("date", as_of.into())],
        )
    } else {
        String::new()
    };
    tr.say(
        "findings-intro",
        &[("n", Arg::N(f.new_in_period)), ("earlier", earlier.into())],
    )
}

/// The sentence that opens the agreements section when `all` agreements
/// are recorded (plain text: counts only).
pub fn agreements_intro(tr: &Tr, s: &StageSnapshot, all: usize) -> String {
    let t = &s.totals.agreements;
    tr.say(
        "agreements-intro",
        &[
            ("n", Arg::N(s.totals.agreements_adopted)),
            ("all", Arg::N(all)),
            ("adopted", Arg::N(t.adopted)),
            ("pending", Arg::N(t.revision_pending)),
            ("draft", Arg::N(t.draft)),
            ("withdrawn", Arg::N(t.withdrawn)),
        ],
    )
}
