//! `accord agreement propose|endorse|revise|withdraw`.

use accord_events::fields::{AgreementKind, Name, Ordinal, Slug, Text};

use super::args::A;
use super::{Lookup, effects};
use crate::error::CliError;

entry! {
    /// Propose an agreement: version 1 of its text.
    Propose => AgreementProposed,
    subject agreement: A<Slug> as "AGREEMENT",
    examples [
        "accord agreement propose pp-1 --partnership health --kind principles --title \"Partnership principles\" --text-file principles.txt --proposed-by chair-health",
    ],
    {
        /// The partnership it belongs to.
        partnership: A<Slug>,
        /// What the agreement is about.
        kind: A<AgreementKind>,
        /// Its title.
        title: A<Name>,
        /// Its text.
        text | text_file: Option<A<Text>>,
        /// The person who proposes it.
        proposed_by: A<Slug>,
    }
}

entry! {
    /// Endorse the current version of an agreement. Without --version, the
    /// current version is endorsed, and the output says which text that was.
    #[command(disable_version_flag = true)]
    Endorse => AgreementEndorsed,
    subject agreement: A<Slug> as "AGREEMENT",
    prepare current_version,
    examples [
        "accord agreement endorse pp-1 --by chair-health --forum \"Strategic Meeting\" --date 2009-09-11",
        "accord agreement endorse pp-1 --version 2 --by lead-health --date today",
    ],
    {
        /// The version endorsed (default: the current one).
        #[arg(value_name = "N")]
        version: Option<A<Ordinal>>,
        /// The person who endorses it.
        by: A<Slug>,
        /// Where it was endorsed (a meeting, a forum).
        forum: Option<A<Name>>,
    }
}

entry! {
    /// Revise an agreement: a new version of its text, whose endorsements start again.
    Revise => AgreementRevised,
    subject agreement: A<Slug> as "AGREEMENT",
    examples [
        "accord agreement revise pp-1 --text-file principles-v2.txt --reason \"Adds civil society\" --revised-by lead-health",
    ],
    {
        /// The new text.
        text | text_file: Option<A<Text>>,
        /// A new title (default: the title stays).
        title: Option<A<Name>>,
        /// Why it is revised.
        reason: A<Text>,
        /// The person who revises it.
        revised_by: A<Slug>,
    }
}

entry! {
    /// Withdraw an agreement: nothing is in force and nothing more is recorded on it.
    Withdraw => AgreementWithdrawn,
    subject agreement: A<Slug> as "AGREEMENT",
    examples ["accord agreement withdraw pp-2 --reason \"Replaced by the terms of reference\" --by chair-health"],
    {
        /// Why it is withdrawn.
        reason: A<Text>,
        /// The person who withdraws it.
        by: A<Slug>,
    }
}

/// Without `--version`, endorse the agreement's current version. An unknown
/// agreement is left to the rules, which name it and suggest a close id.
fn current_version(args: &mut Endorse, lookup: &Lookup<'_>) -> Result<(), CliError> {
    if args.version.is_some() {
        return Ok(());
    }
    let Some(id) = args.subject.as_ref().or(args.agreement.as_ref()) else {
        return Ok(());
    };
    let current = effects::current_version(lookup.store, id.0.as_str(), lookup.today)?;
    args.version = Some(A(Ordinal(current.unwrap_or(1))));
    Ok(())
}

verbs!(
    /// Verbs of `accord agreement`.
    AgreementVerb { Propose, Endorse, Revise, Withdraw }
);
