//! `accord agreement propose|endorse|revise|withdraw`.

use std::path::PathBuf;
use std::process::ExitCode;

use accord_events::fields::{AgreementKind, Name, Ordinal, Slug, Text};
use accord_events::rules::Signing;
use accord_events::signature::ENDORSEMENT_NAMESPACE;
use accord_events::store::Store;
use chrono::NaiveDate;

use super::args::{A, SignatureArg};
use super::{Lookup, effects};
use crate::context::Context;
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
    ///
    /// With --sign KEY or --signature FILE the endorsement is signed: the
    /// signature covers the exact text `accord agreement statement` prints
    /// for this agreement, version, person and date (namespace
    /// accord-endorsement), and must verify with a key the person held on
    /// that date.
    #[command(disable_version_flag = true)]
    Endorse => AgreementEndorsed,
    subject agreement: A<Slug> as "AGREEMENT",
    prepare prepare_endorsement,
    examples [
        "accord agreement endorse pp-1 --by chair-health --forum \"Strategic Meeting\" --date 2009-09-11",
        "accord agreement endorse pp-1 --version 2 --by lead-health --date today",
        "accord agreement endorse pp-1 --by chair-health --sign ~/.ssh/id_ed25519 --date today",
        "accord agreement endorse pp-1 --by chair-health --date 2009-09-11 --signature statement.txt.sig",
    ],
    {
        /// The version endorsed (default: the current one).
        #[arg(value_name = "N")]
        version: Option<A<Ordinal>>,
        /// The person who endorses it.
        by: A<Slug>,
        /// Where it was endorsed (a meeting, a forum).
        forum: Option<A<Name>>,
        /// An armored signature of the statement, made elsewhere:
        /// `accord agreement statement AGREEMENT --by PERSON --date D > s.txt`, then
        /// `ssh-keygen -Y sign -f KEY -n accord-endorsement s.txt` (which also uses ssh-agent).
        #[arg(value_name = "FILE", conflicts_with = "sign")]
        signature: Option<A<SignatureArg>>,
    }
    extra {
        /// Sign the statement here with this OpenSSH private key (Ed25519); an
        /// encrypted key asks for its passphrase on the terminal.
        #[arg(long, value_name = "KEYFILE", help_heading = "Event data")]
        sign: Option<PathBuf>,
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

/// Fills in the version, then signs the statement when `--sign` is given.
fn prepare_endorsement(args: &mut Endorse, lookup: &Lookup<'_>) -> Result<(), CliError> {
    current_version(args, lookup)?;
    let Some(key_path) = args.sign.take() else {
        return Ok(());
    };
    let Some(agreement) = args.subject.as_ref().or(args.agreement.as_ref()) else {
        return Ok(());
    };
    let version = args.version.as_ref().map_or(1, |v| v.0.0);
    let date = match &args.common.date {
        Some(d) => accord_events::input::parse_occurred_at(d)
            .map_err(|m| CliError::rejected(format!("--date: {m}"), "write YYYY-MM-DD"))?,
        None => lookup.today,
    };
    let text = statement_text(
        lookup.store,
        agreement.0.as_str(),
        version,
        args.by.0.as_str(),
        date,
    )?;
    let key = super::read_secret_key(&key_path, "--sign")?;
    let armored = key
        .sign(ENDORSEMENT_NAMESPACE, text.as_bytes())
        .map_err(|e| CliError::rejected(format!("--sign: {e}"), "check the key file"))?;
    args.signature = Some(A(SignatureArg::Made(armored)));
    Ok(())
}

/// The statement for an endorsement, from the log as it stands.
fn statement_text(
    store: &Store,
    agreement: &str,
    version: u32,
    person: &str,
    date: NaiveDate,
) -> Result<String, CliError> {
    let events = store.read_all().map_err(CliError::store)?;
    let signing = Signing::fold(&events);
    let Some(current) = signing.current_version(agreement) else {
        return Err(CliError::rejected(
            format!("there is no agreement {agreement:?} in the log"),
            "list the agreements with `accord log --type agreement.proposed`",
        ));
    };
    signing
        .statement(agreement, version, person, date)
        .map(|s| s.text())
        .ok_or_else(|| {
            CliError::rejected(
                format!("agreement {agreement:?} has no version {version} (its current version is {current})"),
                format!("give --version {current}, or leave --version out"),
            )
        })
}

/// Print the exact text an endorser signs for an agreement: the programme,
/// the agreement, its version and title, the SHA-256 of its text, the person
/// and the date (format `accord endorsement statement v1`, docs/signatures.md).
#[derive(Debug, clap::Args)]
#[command(
    disable_version_flag = true,
    after_help = "Example:\n  accord agreement statement pp-1 --by chair-health --date 2009-09-11 > statement.txt\n  ssh-keygen -Y sign -f ~/.ssh/id_ed25519 -n accord-endorsement statement.txt\n  accord agreement endorse pp-1 --by chair-health --date 2009-09-11 --signature statement.txt.sig"
)]
pub struct Statement {
    /// The agreement.
    #[arg(value_name = "AGREEMENT")]
    pub agreement: String,
    /// The person who endorses.
    #[arg(long, value_name = "PERSON")]
    pub by: String,
    /// The version (default: the current one).
    #[arg(long, value_name = "N")]
    pub version: Option<u32>,
    /// The date of the endorsement, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

impl Statement {
    fn run(self, ctx: &Context) -> Result<ExitCode, CliError> {
        let store = ctx.open_read()?;
        let date = match &self.date {
            Some(d) => accord_events::input::parse_occurred_at(d)
                .map_err(|m| CliError::usage(format!("--date: {m}"), "write YYYY-MM-DD"))?,
            None => ctx.clock.today(),
        };
        let version = match self.version {
            Some(v) => v,
            None => {
                let events = store.read_all().map_err(CliError::store)?;
                Signing::fold(&events)
                    .current_version(&self.agreement)
                    .unwrap_or(1)
            }
        };
        let text = statement_text(&store, &self.agreement, version, &self.by, date)?;
        crate::render::text::emit(&text)?;
        Ok(ExitCode::SUCCESS)
    }
}

/// Verbs of `accord agreement`.
#[derive(Debug, clap::Subcommand)]
pub enum AgreementVerb {
    Propose(Propose),
    Endorse(Endorse),
    Revise(Revise),
    Withdraw(Withdraw),
    Statement(Statement),
}

impl AgreementVerb {
    /// The event types its verbs record.
    #[cfg(test)]
    pub const KINDS: &[accord_events::EventKind] = &[
        <Propose as super::Entry>::KIND,
        <Endorse as super::Entry>::KIND,
        <Revise as super::Entry>::KIND,
        <Withdraw as super::Entry>::KIND,
    ];

    pub fn run(self, ctx: &Context) -> Result<ExitCode, CliError> {
        use super::record::record;
        match self {
            Self::Propose(a) => record(ctx, a),
            Self::Endorse(a) => record(ctx, a),
            Self::Revise(a) => record(ctx, a),
            Self::Withdraw(a) => record(ctx, a),
            Self::Statement(a) => a.run(ctx),
        }
    }
}
