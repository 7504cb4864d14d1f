//! The report's vocabulary in the chosen languages: statuses, kinds,
//! themes, sides and channels, each a message of the catalogues
//! (`locales/*/accord.ftl`).

use accord_events::fields::{
    ActivityKind, AgreementKind, MeetingKind, ReviewKind, Role, Side, Swot, Theme,
};
use accord_projections::audit::ActKind;
use accord_projections::partnership::{AgreementStatus, CommitmentStatus};
use accord_projections::programme::StageProgress;

use crate::render::i18n::Tr;

/// An agreement's status (`adopted`).
pub fn agreement_status(tr: &Tr, s: AgreementStatus) -> String {
    tr.label(
        match s {
            AgreementStatus::Draft => "agreement-draft",
            AgreementStatus::Adopted => "agreement-adopted",
            AgreementStatus::RevisionPending => "agreement-revision-pending",
            AgreementStatus::Withdrawn => "agreement-withdrawn",
        },
        &[],
    )
}

/// A commitment's status (`on schedule`).
pub fn commitment_status(tr: &Tr, s: CommitmentStatus) -> String {
    tr.label(
        match s {
            CommitmentStatus::Open => "commitment-open",
            CommitmentStatus::OnSchedule => "commitment-on-schedule",
            CommitmentStatus::BehindSchedule => "commitment-behind-schedule",
            CommitmentStatus::Completed => "commitment-completed",
            CommitmentStatus::Dropped => "commitment-dropped",
        },
        &[],
    )
}

/// A stage's progress (`in progress`).
pub fn progress(tr: &Tr, p: StageProgress) -> String {
    tr.label(
        match p {
            StageProgress::Planned => "stage-planned",
            StageProgress::Started => "stage-started",
            StageProgress::Completed => "stage-completed",
        },
        &[],
    )
}

/// A SWOT quadrant as a heading (`Strengths`).
pub fn swot_heading(tr: &Tr, s: Swot) -> String {
    tr.label(
        match s {
            Swot::Strength => "swot-strengths",
            Swot::Weakness => "swot-weaknesses",
            Swot::Opportunity => "swot-opportunities",
            Swot::Threat => "swot-threats",
        },
        &[],
    )
}

/// A theme of findings.
pub fn theme(tr: &Tr, t: Theme) -> String {
    tr.label(
        match t {
            Theme::InstitutionalArrangements => "theme-institutional-arrangements",
            Theme::EnablingEnvironment => "theme-enabling-environment",
            Theme::Roles => "theme-roles",
            Theme::ParisPrinciples => "theme-paris-principles",
            Theme::Other => "theme-other",
        },
        &[],
    )
}

/// A side as a column heading (`Development partners`).
pub fn side_heading(tr: &Tr, s: Side) -> String {
    tr.label(
        match s {
            Side::Government => "side-government",
            Side::DevelopmentPartner => "side-development-partners",
            Side::CivilSociety => "side-civil-society",
            Side::PrivateSector => "side-private-sector",
            Side::Academic => "side-academic",
            Side::Facilitator => "side-facilitators",
        },
        &[],
    )
}

/// A side, of one finding (`development partner`).
pub fn side(tr: &Tr, s: Side) -> String {
    tr.label(
        match s {
            Side::Government => "side-one-government",
            Side::DevelopmentPartner => "side-one-development-partner",
            Side::CivilSociety => "side-one-civil-society",
            Side::PrivateSector => "side-one-private-sector",
            Side::Academic => "side-one-academic",
            Side::Facilitator => "side-one-facilitator",
        },
        &[],
    )
}

/// A kind of activity as a heading (`Trainings`).
pub fn activity_heading(tr: &Tr, k: ActivityKind) -> String {
    tr.label(
        match k {
            ActivityKind::Training => "activities-training",
            ActivityKind::CaseStudy => "activities-case-study",
            ActivityKind::Resource => "activities-resource",
            ActivityKind::Specialist => "activities-specialist",
        },
        &[],
    )
}

/// A kind of activity (`training`).
pub fn activity(tr: &Tr, k: ActivityKind) -> String {
    tr.label(
        match k {
            ActivityKind::Training => "activity-training",
            ActivityKind::CaseStudy => "activity-case-study",
            ActivityKind::Resource => "activity-resource",
            ActivityKind::Specialist => "activity-specialist",
        },
        &[],
    )
}

/// A kind of meeting.
pub fn meeting(tr: &Tr, k: MeetingKind) -> String {
    tr.label(
        match k {
            MeetingKind::StrategicMeeting => "meeting-strategic",
            MeetingKind::PartnershipMeeting => "meeting-partnership",
            MeetingKind::Retreat => "meeting-retreat",
            MeetingKind::Steering => "meeting-steering",
            MeetingKind::Other => "meeting-other",
        },
        &[],
    )
}

/// A kind of agreement, in a sentence (`terms of reference`).
pub fn agreement_kind(tr: &Tr, k: AgreementKind) -> String {
    tr.say(
        match k {
            AgreementKind::SharedGoal => "kind-shared-goal",
            AgreementKind::Principles => "kind-principles",
            AgreementKind::TermsOfReference => "kind-terms-of-reference",
            AgreementKind::ActionPlan => "kind-action-plan",
            AgreementKind::SuccessMeasures => "kind-success-measures",
            AgreementKind::FollowUp => "kind-follow-up",
        },
        &[],
    )
}

/// A kind of agreement as a column heading (`Terms of reference`).
pub fn agreement_kind_heading(tr: &Tr, k: AgreementKind) -> String {
    tr.label(
        match k {
            AgreementKind::SharedGoal => "kinds-shared-goal",
            AgreementKind::Principles => "kinds-principles",
            AgreementKind::TermsOfReference => "kinds-terms-of-reference",
            AgreementKind::ActionPlan => "kinds-action-plan",
            AgreementKind::SuccessMeasures => "kinds-success-measures",
            AgreementKind::FollowUp => "kinds-follow-up",
        },
        &[],
    )
}

/// A channel of engagement as people read it.
pub fn channel(tr: &Tr, c: &str) -> String {
    tr.label(
        match c {
            "interviews" => "channel-interviews",
            "meetings" => "channel-meetings",
            "reviews" => "channel-reviews",
            "activities" => "channel-activities",
            _ => "channel-other",
        },
        &[],
    )
}

/// A member's role in a partnership (`lead facilitator`).
pub fn role(tr: &Tr, r: Role) -> String {
    tr.label(
        match r {
            Role::Chair => "role-chair",
            Role::LeadFacilitator => "role-lead-facilitator",
            Role::CoFacilitator => "role-co-facilitator",
            Role::Secretariat => "role-secretariat",
            Role::Member => "role-member",
        },
        &[],
    )
}

/// What a person did, as the auditor's account of them says it
/// (`responded to`).
pub fn act(tr: &Tr, a: ActKind) -> String {
    tr.label(
        match a {
            ActKind::Proposed => "act-proposed",
            ActKind::Endorsed => "act-endorsed",
            ActKind::Revised => "act-revised",
            ActKind::Withdrew => "act-withdrew",
            ActKind::Responded => "act-responded",
            ActKind::Reported => "act-reported",
        },
        &[],
    )
}

/// A kind of review in running text (`health check`).
pub fn review_kind(tr: &Tr, k: ReviewKind) -> String {
    tr.label(
        match k {
            ReviewKind::HealthCheck => "review-health-check",
            ReviewKind::AnnualReview => "review-annual",
            ReviewKind::SelfAssessment => "review-self-assessment",
            ReviewKind::External => "review-external",
        },
        &[],
    )
}

/// A kind of review opening a sentence (`Health check`).
pub fn review_kind_title(tr: &Tr, k: ReviewKind) -> String {
    tr.label(
        match k {
            ReviewKind::HealthCheck => "review-title-health-check",
            ReviewKind::AnnualReview => "review-title-annual",
            ReviewKind::SelfAssessment => "review-title-self-assessment",
            ReviewKind::External => "review-title-external",
        },
        &[],
    )
}

/// A SWOT quadrant, singular, as a table cell (`Weakness`).
pub fn swot(tr: &Tr, s: Swot) -> String {
    tr.label(
        match s {
            Swot::Strength => "swot-one-strength",
            Swot::Weakness => "swot-one-weakness",
            Swot::Opportunity => "swot-one-opportunity",
            Swot::Threat => "swot-one-threat",
        },
        &[],
    )
}

/// A SWOT quadrant in running text (`weakness`).
pub fn swot_in_text(tr: &Tr, s: Swot) -> String {
    tr.label(
        match s {
            Swot::Strength => "swot-text-strength",
            Swot::Weakness => "swot-text-weakness",
            Swot::Opportunity => "swot-text-opportunity",
            Swot::Threat => "swot-text-threat",
        },
        &[],
    )
}

/// A theme of findings in running text (`roles`).
pub fn theme_in_text(tr: &Tr, t: Theme) -> String {
    tr.label(
        match t {
            Theme::InstitutionalArrangements => "theme-text-institutional-arrangements",
            Theme::EnablingEnvironment => "theme-text-enabling-environment",
            Theme::Roles => "theme-text-roles",
            Theme::ParisPrinciples => "theme-text-paris-principles",
            Theme::Other => "theme-text-other",
        },
        &[],
    )
}
