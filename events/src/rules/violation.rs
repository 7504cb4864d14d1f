//! A broken rule, said in words a programme officer understands, with a hint
//! of the command that fixes it.

/// Which rule of docs/rules.md "Rules checked on append" an event broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// A field names an entity that is not in the log.
    UnknownReference,
    /// An entity id is registered twice.
    AlreadyRegistered,
    /// The event occurs before something it refers to, or before the latest
    /// event already standing on the same agreement, review, commitment,
    /// membership, stage or person.
    OutOfOrder,
    /// Joining twice, or leaving without being a partner.
    Membership,
    /// The acting person's organisation is not a current partner.
    NotAPartner,
    /// Something is recorded on a withdrawn agreement.
    Withdrawn,
    /// An endorsement of a version that is not the current one.
    NotCurrentVersion,
    /// The same person endorses one version twice.
    AlreadyEndorsed,
    /// A score outside the framework's criteria or scale.
    BadScore,
    /// A response to a concluded review, or a review concluded twice.
    ReviewConcluded,
    /// One respondent answers one review twice.
    AlreadyResponded,
    /// A stage event out of its life cycle.
    Stage,
    /// A report on a commitment already completed or dropped.
    CommitmentClosed,
    /// Anything recorded on a closed partnership.
    PartnershipClosed,
    /// A retraction that is not allowed.
    Retraction,
    /// A framework that cannot be used (no criteria, empty scale).
    Framework,
    /// An event id already used for different content.
    IdConflict,
    /// A signing key that cannot be added or revoked (another person's, twice, unknown).
    Key,
    /// An endorsement signature that does not verify, or by a key the person did not hold.
    Signature,
    /// An unsigned endorsement after `signatures.required`.
    SignatureRequired,
    /// A translation of a field its target does not have, or of a version
    /// or summary that does not exist.
    Translation,
}

impl Rule {
    /// A short name for the rule, shown in messages and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Rule::UnknownReference => "reference",
            Rule::AlreadyRegistered => "unique-id",
            Rule::OutOfOrder => "date-order",
            Rule::Membership => "membership",
            Rule::NotAPartner => "acting-partner",
            Rule::Withdrawn => "withdrawn",
            Rule::NotCurrentVersion => "current-version",
            Rule::AlreadyEndorsed => "endorse-once",
            Rule::BadScore => "score",
            Rule::ReviewConcluded => "review-concluded",
            Rule::AlreadyResponded => "respond-once",
            Rule::Stage => "stage-order",
            Rule::CommitmentClosed => "commitment-closed",
            Rule::PartnershipClosed => "partnership-closed",
            Rule::Retraction => "retraction",
            Rule::Framework => "framework",
            Rule::IdConflict => "id-conflict",
            Rule::Key => "signing-key",
            Rule::Signature => "signature",
            Rule::SignatureRequired => "signature-required",
            Rule::Translation => "translation",
        }
    }
}

/// An event that breaks a rule.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Violation {
    /// The rule.
    pub rule: Rule,
    /// The data field at fault, when one is (`by`, `version`, `scores.engagement`).
    pub field: Option<String>,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to do about it (often a command to run).
    pub hint: Option<String>,
}

impl Violation {
    pub(crate) fn new(rule: Rule, field: &str, message: impl Into<String>) -> Violation {
        Violation {
            rule,
            field: (!field.is_empty()).then(|| field.to_owned()),
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Violation {
        self.hint = Some(hint.into());
        self
    }
}

/// The closest of `candidates` to `wanted`, if close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(1);
    candidates
        .map(|c| (strsim::levenshtein(wanted, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_ids_only() {
        let ids = ["twg-health", "twg-education", "moh"];
        assert_eq!(
            did_you_mean("twg-helth", ids.iter().copied()),
            Some("twg-health")
        );
        assert_eq!(did_you_mean("agriculture", ids.iter().copied()), None);
    }
}
