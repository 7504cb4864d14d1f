//! A one-line summary of an event's data, for `accord log`.

use accord_events::Event;

/// The gist of an event in a few words.
pub fn summary(e: &Event) -> String {
    use Event as E;
    match e {
        E::ProgrammeDefined(d) => format!("programme {:?}", d.name.as_str()),
        E::StagePlanned(d) => format!(
            "stage {} {:?} {}..{}",
            d.stage.0,
            d.name.as_str(),
            d.starts_on,
            d.ends_on
        ),
        E::StageStarted(d) => format!("stage {} started", d.stage.0),
        E::StageCompleted(d) => format!("stage {} completed", d.stage.0),
        E::OrganisationRegistered(d) => {
            format!("{} {:?} ({})", d.org, d.name.as_str(), d.side.label())
        }
        E::PersonRegistered(d) => format!("{} {:?} of {}", d.person, d.name.as_str(), d.org),
        E::PersonMoved(d) => format!("{} moved to {}", d.person, d.org),
        E::PartnershipEstablished(d) => format!("{} {:?}", d.partnership, d.name.as_str()),
        E::PartnerJoined(d) => format!("{} joined {} as {}", d.org, d.partnership, d.role),
        E::PartnerLeft(d) => format!("{} left {}", d.org, d.partnership),
        E::PartnershipClosed(d) => format!("{} closed", d.partnership),
        E::AgreementProposed(d) => format!(
            "{} {:?} by {}",
            d.agreement,
            d.title.as_str(),
            d.proposed_by
        ),
        E::AgreementEndorsed(d) => format!(
            "{} v{} by {}{}",
            d.agreement,
            d.version.0,
            d.by,
            if d.signature.is_some() {
                " (signed)"
            } else {
                ""
            }
        ),
        E::PersonKeyAdded(d) => format!("{} key {}", d.person, d.key.key().fingerprint()),
        E::PersonKeyRevoked(d) => format!("{} key {} revoked", d.person, d.fingerprint.as_str()),
        E::SignaturesRequired(_) => "signatures required".to_owned(),
        E::AgreementRevised(d) => format!("{} revised by {}", d.agreement, d.revised_by),
        E::AgreementWithdrawn(d) => format!("{} withdrawn by {}", d.agreement, d.by),
        E::FrameworkDefined(d) => format!("{} {:?}", d.framework, d.name.as_str()),
        E::ReviewOpened(d) => format!("{} of {} ({})", d.review, d.partnership, d.kind),
        E::ReviewResponse(d) => format!("{} by {}", d.review, d.respondent),
        E::ReviewConcluded(d) => format!("{} concluded", d.review),
        E::FindingRecorded(d) => format!("{} {} / {}", d.finding, d.swot, d.theme),
        E::InterviewHeld(d) => format!("{} ({}, {})", d.interview, d.format, d.side.label()),
        E::MeetingHeld(d) => format!("{} {:?}", d.meeting, d.title.as_str()),
        E::ActivityDelivered(d) => format!("{} {} {:?}", d.activity, d.kind, d.title.as_str()),
        E::CommitmentMade(d) => format!("{} by {} due {}", d.commitment, d.owner, d.due),
        E::CommitmentReported(d) => format!("{} {}", d.commitment, d.status),
        E::CommitmentRescheduled(d) => format!("{} due {}", d.commitment, d.due),
        E::EventRetracted(d) => format!("retracts {}", d.event.0),
        E::TranslationRecorded(d) => {
            let what = match (&d.id, d.version) {
                (Some(id), Some(v)) => format!("{} {id} v{}", d.of, v.0),
                (Some(id), None) => format!("{} {id}", d.of),
                (None, _) => d.of.to_string(),
            };
            format!(
                "{what} {} in {} by {:?}",
                d.field,
                d.lang,
                d.translated_by.as_str()
            )
        }
    }
}
