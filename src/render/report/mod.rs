//! The stage snapshot as a report for a steering body: Markdown for the
//! minutes, and one self-contained printable HTML page with inline SVG
//! charts. Renderers only lay out what the model says; the words and number
//! formats both share live here.
//!
//! Both are deterministic: no clock, no randomness, no hash-map order; the
//! report names the as-of date and the log head it was built from.

mod charts;
pub mod html;
pub mod index;
pub mod markdown;
pub mod model;
pub mod sections;

use accord_events::fields::{AgreementKind, Day};
use accord_projections::partnership::AgreementStatus;
use accord_projections::snapshot::{AsOfBasis, StageSnapshot};

pub use crate::render::labels::{
    activity as activity_label, activity_heading, agreement_kind, agreement_kind_heading,
    agreement_status, commitment_status, meeting as meeting_label, progress, side_heading,
    swot_heading, theme as theme_label,
};
pub use crate::render::numbers::{change, mean};
use crate::render::text;

/// At most this many findings are listed per SWOT quadrant (the most recent).
pub const LIST_AT_MOST: usize = 12;

/// At most this many rows are listed in a table of items (overdue
/// commitments, agreements not in force, activities, meetings); the rest are
/// counted, and all are in the JSON report.
pub const ROWS_AT_MOST: usize = 40;

/// The note under a table cut at [`ROWS_AT_MOST`] rows, if it was.
pub fn more_rows(shown: usize, all: usize) -> Option<String> {
    (shown < all).then(|| {
        format!(
            "The first {} of {}; all are in the JSON report (`--format json`).",
            count(shown),
            count(all)
        )
    })
}

/// A date as people read it: `11 Sep 2009`.
pub fn date(d: Day) -> String {
    text::date(d)
}

/// An optional date, or a dash.
pub fn opt_date(d: Option<Day>) -> String {
    text::opt_date(d)
}

/// A whole number with thousands separated by commas.
pub fn count(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n thing` / `n things`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// A list in prose: `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// First letter upper-case.
pub fn sentence(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The report's title line.
pub fn title(s: &StageSnapshot) -> String {
    format!(
        "Stage {} progress snapshot: {}",
        s.stage, s.stage_detail.name
    )
}

/// Why the snapshot is as of its date, in words.
pub fn as_of_basis(s: &StageSnapshot) -> &'static str {
    match s.as_of_basis {
        AsOfBasis::Given => "date requested",
        AsOfBasis::StageCompleted => "the stage's completion",
        AsOfBasis::Today => "today; the stage has not been completed",
    }
}

/// The reporting period in words.
pub fn period(s: &StageSnapshot) -> String {
    match s.period.from {
        Some(f) if f.0 > s.period.to.0 => format!("none (as of {})", date(s.period.to)),
        Some(f) => format!("{} – {}", date(f), date(s.period.to)),
        None => format!("from the start of the record to {}", date(s.period.to)),
    }
}

/// What the changes and score changes are compared with.
pub fn since(s: &StageSnapshot) -> String {
    match (&s.previous_stage, s.changes.since) {
        (Some(p), Some(d)) => format!("since the end of stage {} ({})", p.stage, date(d)),
        (Some(p), None) => format!(
            "since the start of the record (stage {} had not been completed)",
            p.stage
        ),
        (None, _) => "since the start of the record".to_owned(),
    }
}

/// The planned dates of the stage.
pub fn planned(s: &StageSnapshot) -> String {
    format!(
        "{} – {}",
        date(s.stage_detail.starts_on),
        date(s.stage_detail.ends_on)
    )
}

/// The actual dates of the stage.
pub fn actual(s: &StageSnapshot) -> String {
    let st = &s.stage_detail;
    match (st.started_on, st.completed_on) {
        (Some(a), Some(b)) => format!("{} – {} (completed)", date(a), date(b)),
        (Some(a), None) if s.as_of.0 > st.ends_on.0 => format!(
            "started {}; in progress, {} past its planned end",
            date(a),
            plural(
                (s.as_of.0 - st.ends_on.0).num_days() as usize,
                "day",
                "days"
            )
        ),
        (Some(a), None) => format!("started {}; in progress", date(a)),
        (None, _) => "not started".to_owned(),
    }
}

/// The highlights of the period, as phrases ("4 agreements adopted").
pub fn highlights(s: &StageSnapshot) -> Vec<String> {
    let c = &s.changes;
    let responses: usize = c.reviews.iter().map(|r| r.responses).sum();
    let mut out = Vec::new();
    let mut add = |n: usize, one: &str, many: &str| {
        if n > 0 {
            out.push(plural(n, one, many));
        }
    };
    let interviews = s
        .coverage
        .channels
        .iter()
        .find(|ch| ch.channel == "interviews")
        .map_or(0, |ch| ch.held);
    add(
        interviews,
        "interview or focus group held",
        "interviews and focus groups held",
    );
    add(
        c.agreements_adopted.len(),
        "agreement adopted",
        "agreements adopted",
    );
    add(
        c.agreements_revised.len(),
        "agreement revised",
        "agreements revised",
    );
    add(
        c.commitments_made.len(),
        "commitment made",
        "commitments made",
    );
    add(
        c.commitments_completed.len(),
        "commitment completed",
        "commitments completed",
    );
    add(
        c.reviews.len(),
        "review with responses",
        "reviews with responses",
    );
    add(responses, "review response", "review responses");
    add(
        s.activities.items.len(),
        "activity delivered",
        "activities delivered",
    );
    add(s.meetings.len(), "meeting held", "meetings held");
    add(c.findings_recorded, "finding recorded", "findings recorded");
    out
}

/// The agreement kinds that occur, in vocabulary order.
pub fn agreement_kinds(s: &StageSnapshot) -> Vec<AgreementKind> {
    AgreementKind::ALL
        .iter()
        .copied()
        .filter(|k| {
            s.partnerships
                .iter()
                .any(|p| p.agreement_list.iter().any(|a| a.kind == *k))
        })
        .collect()
}

/// More agreements of one kind than this in one partnership are counted by
/// status rather than shown one by one.
pub const CELL_AT_MOST: usize = 3;

/// Agreements counted by status: adopted, revision pending, draft, withdrawn.
pub fn by_status(
    list: &[&accord_projections::snapshot::AgreementLine],
) -> Vec<(AgreementStatus, usize)> {
    [
        AgreementStatus::Adopted,
        AgreementStatus::RevisionPending,
        AgreementStatus::Draft,
        AgreementStatus::Withdrawn,
    ]
    .iter()
    .map(|st| (*st, list.iter().filter(|a| a.status == *st).count()))
    .filter(|(_, n)| *n > 0)
    .collect()
}

/// What a reader should know about an agreement that is not simply
/// adopted.
pub fn agreement_note(a: &accord_projections::snapshot::AgreementLine) -> String {
    match (a.status, a.in_force_version) {
        (AgreementStatus::RevisionPending, Some(v)) => format!(
            "version {} awaits endorsement by both sides; version {v} stays in force",
            a.current_version
        ),
        (AgreementStatus::Draft, _) => {
            "not yet endorsed by both a government and a development-partner organisation".into()
        }
        (AgreementStatus::Withdrawn, _) => "withdrawn; nothing is in force".into(),
        _ => String::new(),
    }
}

/// The change of a partnership's score on a criterion since the previous
/// stage, when there is one worth showing: not when the latest review and
/// its scores are the same as then.
pub fn shown_change(
    p: &accord_projections::snapshot::PartnershipSnapshot,
    criterion: &str,
) -> Option<f64> {
    let unchanged = p.previous_review.is_some()
        && p.previous_review == p.summary.latest_review
        && p.score_changes
            .values()
            .all(|d| d.is_some_and(|d| d == 0.0));
    if unchanged {
        return None;
    }
    p.score_changes.get(criterion).copied().flatten()
}

/// True when a partnership's latest review is the one it had at the end of
/// the previous stage, with the same scores.
pub fn not_reviewed_since(p: &accord_projections::snapshot::PartnershipSnapshot) -> bool {
    p.previous_review.is_some()
        && p.previous_review == p.summary.latest_review
        && p.score_changes
            .values()
            .all(|d| d.is_some_and(|d| d == 0.0))
}

/// A criterion as the snapshot's framework labels it (its id when the
/// framework does not list it).
pub fn criterion_label<'a>(s: &'a StageSnapshot, id: &'a str) -> &'a str {
    s.criteria
        .iter()
        .find(|c| c.criterion == id)
        .map_or(id, |c| c.label.as_str())
}

/// Reviews as the key figures count them. A partnership never reviewed is
/// shown as such, not as "overdue": overdue means a review's `next_due`
/// has passed.
pub struct ReviewFigures {
    /// Reviewed partnerships whose latest review's next date has passed.
    pub past_due: usize,
    /// Open partnerships with no review with responses yet.
    pub not_yet: usize,
}

/// The review figures of a snapshot.
pub fn review_figures(s: &StageSnapshot) -> ReviewFigures {
    let open = || s.partnerships.iter().filter(|p| !p.summary.closed);
    ReviewFigures {
        past_due: open()
            .filter(|p| p.summary.review_overdue && p.summary.latest_review.is_some())
            .count(),
        not_yet: open().filter(|p| p.summary.latest_review.is_none()).count(),
    }
}

/// How many stages the programme plans.
pub fn stage_count(s: &StageSnapshot) -> usize {
    s.stages.len()
}

/// A piece of a rendered phrase: plain words of the report, text from the
/// log (escaped by each renderer), or an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// The report's own words.
    Plain(String),
    /// Text from the log.
    Log(String),
    /// An id from the log.
    Id(String),
}

/// One row of "what changed": what, how many, and the details.
pub struct ChangeRow {
    /// What changed.
    pub what: &'static str,
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

fn in_partnerships<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let set: std::collections::BTreeSet<&str> = ids.collect();
    format!("in {}", plural(set.len(), "partnership", "partnerships"))
}

fn agreements_detail(
    list: &[accord_projections::snapshot::AgreementChange],
    version: bool,
) -> Vec<Piece> {
    if list.len() <= NAME_AT_MOST {
        return join(
            list.iter()
                .map(|a| {
                    let mut v = vec![Piece::Log(a.title.clone())];
                    if version {
                        v.push(Piece::Plain(format!(" (version {})", a.current_version)));
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
        .map(|(k, n)| format!("{} {}", count(*n), agreement_kind(*k)))
        .collect();
    vec![Piece::Plain(format!(
        "{}; {}",
        parts.join(", "),
        in_partnerships(list.iter().map(|a| a.partnership.as_str()))
    ))]
}

fn commitments_detail(list: &[accord_projections::snapshot::CommitmentChange]) -> Vec<Piece> {
    if list.len() <= NAME_AT_MOST {
        return join(
            list.iter()
                .map(|c| vec![Piece::Id(c.commitment.clone())])
                .collect(),
            ", ",
        );
    }
    vec![Piece::Plain(in_partnerships(
        list.iter().map(|c| c.partnership.as_str()),
    ))]
}

/// The name of a partnership in the snapshot (its id if unknown).
pub fn partnership_name(s: &StageSnapshot, p: &str) -> String {
    s.partnerships
        .iter()
        .find(|x| x.summary.partnership == p)
        .map_or_else(|| p.to_owned(), |x| x.summary.name.clone())
}

/// "What changed" as rows, in a fixed order, only those with something.
pub fn change_rows(s: &StageSnapshot) -> Vec<ChangeRow> {
    let c = &s.changes;
    let short = Names::of(s);
    let mut rows = Vec::new();
    let mut push = |what: &'static str, count: usize, detail: Vec<Piece>| {
        if count > 0 {
            rows.push(ChangeRow {
                what,
                count,
                detail,
            });
        }
    };
    let names = |list: &[accord_projections::snapshot::PartnershipRef]| {
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
    };
    push(
        "Partnerships established",
        c.partnerships_established.len(),
        names(&c.partnerships_established),
    );
    push(
        "Partnerships closed",
        c.partnerships_closed.len(),
        names(&c.partnerships_closed),
    );
    let members = |list: &[accord_projections::snapshot::MemberChange]| {
        if list.len() > NAME_AT_MOST {
            return vec![Piece::Plain(in_partnerships(
                list.iter().map(|m| m.partnership.as_str()),
            ))];
        }
        join(
            list.iter()
                .map(|m| {
                    vec![
                        Piece::Log(m.org_name.clone()),
                        Piece::Plain(" — ".into()),
                        Piece::Log(short.of_id(s, &m.partnership)),
                    ]
                })
                .collect(),
            "; ",
        )
    };
    push(
        "Organisations joined",
        c.members_joined.len(),
        members(&c.members_joined),
    );
    push(
        "Organisations left",
        c.members_left.len(),
        members(&c.members_left),
    );
    push(
        "Agreements proposed",
        c.agreements_proposed.len(),
        agreements_detail(&c.agreements_proposed, false),
    );
    push(
        "Agreements adopted (a version newly in force)",
        c.agreements_adopted.len(),
        agreements_detail(&c.agreements_adopted, true),
    );
    push(
        "Agreements revised",
        c.agreements_revised.len(),
        agreements_detail(&c.agreements_revised, true),
    );
    push(
        "Agreements withdrawn",
        c.agreements_withdrawn.len(),
        agreements_detail(&c.agreements_withdrawn, false),
    );
    push(
        "Commitments made",
        c.commitments_made.len(),
        commitments_detail(&c.commitments_made),
    );
    push(
        "Commitments completed",
        c.commitments_completed.len(),
        commitments_detail(&c.commitments_completed),
    );
    push(
        "Commitments dropped",
        c.commitments_dropped.len(),
        commitments_detail(&c.commitments_dropped),
    );
    push(
        "Commitments that became overdue",
        c.commitments_newly_overdue.len(),
        commitments_detail(&c.commitments_newly_overdue),
    );
    let responses: usize = c.reviews.iter().map(|r| r.responses).sum();
    push(
        "Reviews that received responses",
        c.reviews.len(),
        vec![Piece::Plain(format!(
            "{}; {}",
            plural(responses, "response", "responses"),
            in_partnerships(c.reviews.iter().map(|r| r.partnership.as_str()))
        ))],
    );
    push("Findings recorded", c.findings_recorded, Vec::new());
    rows
}

/// Escapes text for HTML and SVG, in element content and in quoted attributes.
pub fn esc_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Partnership names as the report shows them: without the words every
/// name starts with (e.g. "Technical Working Group on"), which the report
/// states once.
pub struct Names {
    /// The common prefix left out, if any.
    pub prefix: Option<String>,
}

impl Names {
    /// The names of a snapshot.
    pub fn of(s: &StageSnapshot) -> Names {
        Names {
            prefix: charts::prefix_of(s),
        }
    }

    /// A name, shortened.
    pub fn short(&self, name: &str) -> String {
        charts::short_name(name, self.prefix.as_deref())
    }

    /// A partnership's shortened name, by id.
    pub fn of_id(&self, s: &StageSnapshot, id: &str) -> String {
        self.short(&partnership_name(s, id))
    }
}

/// The sentence that opens the findings section (plain text: counts and
/// dates only, so it needs no escaping in either format).
pub fn findings_intro(s: &StageSnapshot) -> String {
    let f = &s.findings;
    if f.items.is_empty() {
        return format!(
            "No findings were recorded in the reporting period; {} from earlier stand on {}, counted by theme below.",
            plural(f.total, "finding", "findings"),
            date(s.as_of)
        );
    }
    let earlier = if f.total > f.new_in_period {
        format!(
            "; with those from earlier, {} stand on {} (by theme below)",
            count(f.total),
            date(s.as_of)
        )
    } else {
        String::new()
    };
    format!(
        "The {} recorded in the reporting period, as a SWOT analysis{earlier}.",
        plural(f.new_in_period, "finding", "findings")
    )
}

/// The sentence that opens the agreements section when `all` agreements
/// are recorded (plain text: counts only, so it needs no escaping in either
/// format).
pub fn agreements_intro(s: &StageSnapshot, all: usize) -> String {
    let t = &s.totals.agreements;
    format!(
        "{} in force of {} recorded: {} adopted, {} with a revision pending (an earlier version stays in force), {} draft, {} withdrawn. A version is adopted when people of both a government and a development-partner organisation have endorsed its text.",
        plural(s.totals.agreements_adopted, "agreement", "agreements"),
        count(all),
        count(t.adopted),
        count(t.revision_pending),
        count(t.draft),
        count(t.withdrawn)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_round_them() {
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(count(999), "999");
    }

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            esc_html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn markdown_escapes_what_could_become_markup() {
        use super::markdown::esc;
        assert_eq!(esc("<script>"), r"\<script\>");
        assert_eq!(esc("a | b\nc"), r"a \| b c");
        assert_eq!(esc("[x](y) *z* _w_"), r"\[x\](y) \*z\* \_w\_");
        assert_eq!(esc("P&H &amp; R&D & co"), r"P\&H \&amp; R\&D & co");
    }

    #[test]
    fn lists_read_as_prose() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&v(&[])), "");
        assert_eq!(and_list(&v(&["a"])), "a");
        assert_eq!(and_list(&v(&["a", "b", "c"])), "a, b and c");
    }
}
