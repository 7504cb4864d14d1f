//! The human commands: one noun-verb command per event type of the
//! catalogue (`accord agreement endorse pp-1 --by chair-health`).
//!
//! Each command is declared once with [`entry!`]: its flags are the event's
//! data fields (`--proposed-by` for `proposed_by`), its subject may also be
//! the first argument, and it builds the catalogue's typed payload. Every
//! command then goes through the same path ([`record::record`]): one
//! `Store::append`, the same validation and rules as `accord append`, and a
//! report of what was recorded and what it changed.

/// Declares one human command: a clap `Args` struct whose flags are the
/// payload's fields, and its conversion into a typed [`Event`].
///
/// ```text
/// entry! {
///     /// About text (first line) and longer help.
///     Endorse => AgreementEndorsed,         // command struct => catalogue payload
///     subject agreement: A<Slug> as "AGREEMENT",  // optional: positional or --agreement
///     prepare endorse_current_version,      // optional: fn(&mut Self, &Lookup) -> Result<()>
///     examples ["accord agreement endorse pp-1 --by chair-health"],
///     {
///         /// Help of --version.
///         version: Option<A<Ordinal>>,       // converted by `Conv` to the payload's type
///         text | text_file: Option<A<Text>>, // also --text-file PATH
///     }
///     extra { sign: Option<PathBuf> }        // optional: flags that are not data fields
/// }
/// ```
macro_rules! entry {
    (
        $(#[$meta:meta])*
        $name:ident => $payload:ident,
        $(subject $subj:ident : $subjty:ty as $subjname:literal,)?
        $(prepare $prepare:path,)?
        examples [$($example:literal),+ $(,)?],
        { $( $(#[$fmeta:meta])* $field:ident $(| $file:ident)? : $fty:ty ),* $(,)? }
        $(extra { $( $(#[$xmeta:meta])* $xfield:ident : $xty:ty ),* $(,)? })?
    ) => {
        #[derive(Debug, clap::Args)]
        $(#[$meta])*
        #[command(next_help_heading = "Event data", after_help = examples_help!($($example),+))]
        pub struct $name {
            $(
                #[arg(
                    value_name = $subjname,
                    help_heading = None::<&str>,
                    help = concat!("The ", stringify!($subj), " (or give it with --", stringify!($subj), ")"),
                    required_unless_present = stringify!($subj),
                    conflicts_with = stringify!($subj),
                )]
                pub subject: Option<$subjty>,
                #[arg(long, value_name = $subjname, help = concat!("The ", stringify!($subj), ", when not given as the first argument"))]
                pub $subj: Option<$subjty>,
            )?
            $(
                #[arg(long)]
                $(#[$fmeta])*
                pub $field: $fty,
                $(
                    #[arg(
                        long,
                        value_name = "PATH",
                        help = concat!("Read the ", stringify!($field), " from a UTF-8 text file (for long texts)"),
                        conflicts_with = stringify!($field),
                    )]
                    pub $file: Option<std::path::PathBuf>,
                )?
            )*
            $($(
                $(#[$xmeta])*
                pub $xfield: $xty,
            )*)?
            #[command(flatten)]
            pub common: $crate::commands::entry::args::Common,
        }

        impl $crate::commands::entry::Entry for $name {
            const KIND: accord_events::EventKind = accord_events::EventKind::$payload;
            const SUBJECT: Option<&'static str> = subject_name!($($subj)?);
            fn build(
                self,
                #[allow(unused_variables)] lookup: &$crate::commands::entry::Lookup<'_>,
            ) -> Result<(accord_events::Event, $crate::commands::entry::args::Common), $crate::error::CliError> {
                #[allow(unused_imports)]
                use $crate::commands::entry::args::Conv;
                #[allow(unused_mut)]
                let mut args = self;
                $( $prepare(&mut args, lookup)?; )?
                let payload = accord_events::catalogue::$payload {
                    $( $subj: $crate::commands::entry::subject(args.subject.or(args.$subj), stringify!($subj))?, )?
                    $( $field: field_value!(args, $field $(, $file)?)?, )*
                };
                Ok((accord_events::Event::$payload(payload), args.common))
            }
        }
    };
}

/// The name of a command's subject field, if it has one.
macro_rules! subject_name {
    () => {
        None
    };
    ($subj:ident) => {
        Some(stringify!($subj))
    };
}

/// The `after_help` of a command: its examples.
macro_rules! examples_help {
    ($one:literal) => {
        concat!("Example:\n  ", $one)
    };
    ($($example:literal),+) => {
        concat!("Examples:", $("\n  ", $example),+)
    };
}

/// One field's value, converted to the payload's type.
macro_rules! field_value {
    ($args:ident, $field:ident) => {
        Conv::conv($args.$field, stringify!($field))
    };
    ($args:ident, $field:ident, $file:ident) => {
        Conv::conv(
            $crate::commands::entry::args::TextSource {
                inline: $args.$field,
                file: $args.$file,
            },
            stringify!($field),
        )
    };
}

/// The verbs of one noun: a clap subcommand enum whose every variant is recorded
/// through [`record::record`].
macro_rules! verbs {
    ($(#[$meta:meta])* $enum:ident { $($verb:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, clap::Subcommand)]
        pub enum $enum {
            $($verb($verb),)+
        }

        impl $enum {
            /// The event types its verbs record.
            #[cfg(test)]
            pub const KINDS: &[accord_events::EventKind] =
                &[$(<$verb as $crate::commands::entry::Entry>::KIND),+];

            pub fn run(self, ctx: &$crate::context::Context) -> Result<std::process::ExitCode, $crate::error::CliError> {
                match self {
                    $(Self::$verb(a) => $crate::commands::entry::record::record(ctx, a),)+
                }
            }
        }
    };
}

pub mod args;
pub mod effects;
pub mod record;

mod activity;
mod agreement;
mod commitment;
mod finding;
mod framework;
mod interview;
mod meeting;
mod org;
mod partner;
mod partnership;
mod person;
mod programme;
mod retract;
mod review;
mod stage;
mod translate;

use std::process::ExitCode;

use std::io::IsTerminal;
use std::path::Path;

use accord_events::Event;
use accord_events::signature::SecretKey;
use accord_events::store::Store;
use clap::Subcommand;

use crate::context::Context;
use crate::error::CliError;
use args::{A, Common};

/// A human command: its flags, turned into one typed event.
pub trait Entry {
    /// The type of the event it records.
    const KIND: accord_events::EventKind;
    /// The data field that may be given as the first argument.
    const SUBJECT: Option<&'static str>;

    /// The event and the shared flags (`--date`, `--id`, `--source`).
    fn build(self, lookup: &Lookup<'_>) -> Result<(Event, Common), CliError>;
}

/// Read access to the log while a command builds its event (to fill in
/// defaults such as the current version of an agreement).
pub struct Lookup<'a> {
    pub store: &'a Store,
    pub today: chrono::NaiveDate,
}

/// Reads an OpenSSH private key (`--sign`), asking for its passphrase on
/// the terminal when it is encrypted (never from the command line).
pub fn read_secret_key(path: &Path, flag: &str) -> Result<SecretKey, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError::rejected(
            format!("{flag}: cannot read {}: {e}", path.display()),
            "give the private key file (KEY, beside KEY.pub)",
        )
    })?;
    let key = SecretKey::parse(&text).map_err(|e| {
        CliError::rejected(
            format!("{flag}: {}: {e}", path.display()),
            "give the private key file of an Ed25519 key (`ssh-keygen -t ed25519`)",
        )
    })?;
    if !key.is_encrypted() {
        return Ok(key);
    }
    let agent_path = "or sign with `ssh-keygen -Y sign -f KEY -n accord-endorsement` (it asks for the passphrase, or uses ssh-agent) and give --signature FILE";
    if !std::io::stdin().is_terminal() {
        return Err(CliError::rejected(
            format!(
                "{flag}: {} is encrypted and there is no terminal to ask its passphrase on",
                path.display()
            ),
            format!("run the command in a terminal, {agent_path}"),
        ));
    }
    let passphrase = rpassword::prompt_password(format!("Passphrase for {}: ", path.display()))
        .map_err(|e| {
            CliError::rejected(
                format!("{flag}: the passphrase could not be read: {e}"),
                agent_path,
            )
        })?;
    key.decrypt(&passphrase).map_err(|e| {
        CliError::rejected(
            format!("{flag}: {}: {e}", path.display()),
            "type the key's passphrase again",
        )
    })
}

/// The subject, from the first argument or its flag (clap makes sure one is there).
pub fn subject<T>(given: Option<A<T>>, field: &str) -> Result<T, CliError> {
    given.map(|a| a.0).ok_or_else(|| {
        CliError::usage(
            format!("give the {field}, as the first argument or with --{field}"),
            "see --help for an example",
        )
    })
}

/// The nouns of the human commands, at the top level of `accord`.
#[derive(Debug, Subcommand)]
pub enum EntryCommand {
    /// Define the programme: its name, objective, who commissioned and facilitates it.
    Programme {
        #[command(subcommand)]
        verb: programme::ProgrammeVerb,
    },
    /// Plan, start and complete the programme's stages.
    Stage {
        #[command(subcommand)]
        verb: stage::StageVerb,
    },
    /// Register organisations in the directory.
    Org {
        #[command(subcommand)]
        verb: org::OrgVerb,
    },
    /// Register people and record their moves to new posts.
    Person {
        #[command(subcommand)]
        verb: person::PersonVerb,
    },
    /// Establish and close partnerships (for example Technical Working Groups).
    Partnership {
        #[command(subcommand)]
        verb: partnership::PartnershipVerb,
    },
    /// Record organisations joining and leaving a partnership.
    Partner {
        #[command(subcommand)]
        verb: partner::PartnerVerb,
    },
    /// Propose, endorse, revise and withdraw agreements.
    Agreement {
        #[command(subcommand)]
        verb: agreement::AgreementVerb,
    },
    /// Define review frameworks: criteria and their scale.
    Framework {
        #[command(subcommand)]
        verb: framework::FrameworkVerb,
    },
    /// Open reviews, record responses and conclude them.
    Review {
        #[command(subcommand)]
        verb: review::ReviewVerb,
    },
    /// Record findings (SWOT and theme).
    Finding {
        #[command(subcommand)]
        verb: finding::FindingVerb,
    },
    /// Record interviews and focus groups.
    Interview {
        #[command(subcommand)]
        verb: interview::InterviewVerb,
    },
    /// Record meetings, retreats and steering sessions.
    Meeting {
        #[command(subcommand)]
        verb: meeting::MeetingVerb,
    },
    /// Record follow-up activities: training, case studies, resources, specialists.
    Activity {
        #[command(subcommand)]
        verb: activity::ActivityVerb,
    },
    /// Record commitments, progress reports and new due dates.
    Commitment {
        #[command(subcommand)]
        verb: commitment::CommitmentVerb,
    },
    Retract(retract::Retract),
    Translate(translate::Translate),
}

impl EntryCommand {
    pub fn run(self, ctx: &Context) -> Result<ExitCode, CliError> {
        use EntryCommand as C;
        match self {
            C::Programme { verb } => verb.run(ctx),
            C::Stage { verb } => verb.run(ctx),
            C::Org { verb } => verb.run(ctx),
            C::Person { verb } => verb.run(ctx),
            C::Partnership { verb } => verb.run(ctx),
            C::Partner { verb } => verb.run(ctx),
            C::Agreement { verb } => verb.run(ctx),
            C::Framework { verb } => verb.run(ctx),
            C::Review { verb } => verb.run(ctx),
            C::Finding { verb } => verb.run(ctx),
            C::Interview { verb } => verb.run(ctx),
            C::Meeting { verb } => verb.run(ctx),
            C::Activity { verb } => verb.run(ctx),
            C::Commitment { verb } => verb.run(ctx),
            C::Retract(a) => record::record(ctx, a),
            C::Translate(a) if a.sheet => translate::sheet(ctx, a),
            C::Translate(a) => record::record(ctx, a),
        }
    }
}

#[cfg(test)]
mod tests {
    use accord_events::EventKind;
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn every_event_type_has_a_command() {
        let mut kinds = [
            programme::ProgrammeVerb::KINDS,
            stage::StageVerb::KINDS,
            org::OrgVerb::KINDS,
            person::PersonVerb::KINDS,
            partnership::PartnershipVerb::KINDS,
            partner::PartnerVerb::KINDS,
            agreement::AgreementVerb::KINDS,
            framework::FrameworkVerb::KINDS,
            review::ReviewVerb::KINDS,
            finding::FindingVerb::KINDS,
            interview::InterviewVerb::KINDS,
            meeting::MeetingVerb::KINDS,
            activity::ActivityVerb::KINDS,
            commitment::CommitmentVerb::KINDS,
            &[<retract::Retract as Entry>::KIND],
            &[<translate::Translate as Entry>::KIND],
        ]
        .concat();
        kinds.sort();
        let mut all = EventKind::ALL.to_vec();
        all.sort();
        assert_eq!(kinds, all);
    }

    #[test]
    fn the_command_line_is_well_formed() {
        crate::cli::Cli::command().debug_assert();
    }
}
