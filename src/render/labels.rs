//! The words every output uses for the log's vocabularies and for review
//! criteria: one place, so the terminal, the Markdown report and the HTML
//! report name a thing the same way. Lower-case forms are for running text
//! and table cells; `*_heading` forms are plural, capitalised, for headings.
//!
//! A criterion is named by its framework's label (`framework.defined` gives
//! each criterion an id and a label; the built-in framework's are the five
//! marks of an effective partnership), never by its id, and criteria are
//! listed in their framework's order.

use accord_events::fields::{Role, Side, Swot, Theme};
use accord_projections::Replay;
use accord_projections::framework::Framework;
use accord_projections::partnership::{AgreementStatus, CommitmentStatus};
use accord_projections::programme::StageProgress;

/// A side, in running text ("development partner").
pub fn side(s: Side) -> &'static str {
    s.label()
}

/// A side, or a dash when there is none.
pub fn opt_side(s: Option<Side>) -> &'static str {
    s.map_or("—", side)
}

/// A member's role in a partnership.
pub fn role(r: Role) -> &'static str {
    match r {
        Role::Chair => "chair",
        Role::LeadFacilitator => "lead facilitator",
        Role::CoFacilitator => "co-facilitator",
        Role::Secretariat => "secretariat",
        Role::Member => "member",
    }
}

/// An agreement's status ("revision pending").
pub fn agreement_status(s: AgreementStatus) -> &'static str {
    match s {
        AgreementStatus::Draft => "draft",
        AgreementStatus::Adopted => "adopted",
        AgreementStatus::RevisionPending => "revision pending",
        AgreementStatus::Withdrawn => "withdrawn",
    }
}

/// A commitment's status as its owner last reported it ("on schedule").
pub fn commitment_status(s: CommitmentStatus) -> &'static str {
    match s {
        CommitmentStatus::Open => "open",
        CommitmentStatus::OnSchedule => "on schedule",
        CommitmentStatus::BehindSchedule => "behind schedule",
        CommitmentStatus::Completed => "completed",
        CommitmentStatus::Dropped => "dropped",
    }
}

/// A stage's progress.
pub fn progress(p: StageProgress) -> &'static str {
    match p {
        StageProgress::Planned => "planned",
        StageProgress::Started => "in progress",
        StageProgress::Completed => "completed",
    }
}

/// A SWOT quadrant, singular, as a table cell.
pub fn swot(s: Swot) -> &'static str {
    match s {
        Swot::Strength => "Strength",
        Swot::Weakness => "Weakness",
        Swot::Opportunity => "Opportunity",
        Swot::Threat => "Threat",
    }
}

/// A theme of findings.
pub fn theme(t: Theme) -> &'static str {
    match t {
        Theme::InstitutionalArrangements => "Institutional arrangements",
        Theme::EnablingEnvironment => "Enabling environment",
        Theme::Roles => "Roles",
        Theme::ParisPrinciples => "Paris Declaration principles",
        Theme::Other => "Other",
    }
}

/// A criterion as its framework labels it (its id when the framework does
/// not list it).
pub fn criterion<'a>(framework: &'a Framework, id: &'a str) -> &'a str {
    framework.label(id)
}

/// Criteria ids in their framework's order (ones it does not list last, by id).
pub fn in_framework_order<'a, I>(framework: &Framework, ids: I) -> Vec<&'a String>
where
    I: IntoIterator<Item = &'a String>,
{
    let mut v: Vec<&String> = ids.into_iter().collect();
    v.sort_by_key(|c| (framework.position(c), (*c).clone()));
    v
}

/// The framework a partnership's scores are read in: that of its latest
/// review with responses, else of its latest review, else the built-in one.
pub fn framework_of<'a>(replay: &'a Replay, partnership: &str) -> &'a Framework {
    let frameworks = &replay.programme.frameworks;
    replay
        .partnerships
        .get(partnership)
        .and_then(|p| p.latest_review())
        .map_or_else(
            || frameworks.get_or_default(""),
            |r| frameworks.get_or_default(&r.framework),
        )
}
