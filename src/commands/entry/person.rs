//! `accord person add|move`.

use accord_events::fields::{Name, Slug};

use super::args::A;

entry! {
    /// Register a person in the directory, working for an organisation.
    Add => PersonRegistered,
    subject person: A<Slug> as "PERSON",
    examples ["accord person add chair-health --name \"Dr Sok Chan\" --org moh --title \"Secretary of State\""],
    {
        /// The person's name.
        name: A<Name>,
        /// The organisation they work for.
        org: A<Slug>,
        /// Their post.
        title: Option<A<Name>>,
    }
}

entry! {
    /// Record that a person takes a new post; what they did before keeps the
    /// organisation they did it for.
    Move => PersonMoved,
    subject person: A<Slug> as "PERSON",
    examples ["accord person move chair-health --org mef --title \"Adviser\" --date 2010-02-01"],
    {
        /// The organisation of the new post.
        org: A<Slug>,
        /// The new post.
        title: Option<A<Name>>,
    }
}

/// `accord person key add|revoke`: the keys people sign endorsements with.
pub mod key {
    use accord_events::catalogue::KeyFingerprint;
    use accord_events::fields::{Slug, Text};

    use crate::commands::entry::args::{A, FileArg};

    entry! {
        /// Register a person's public key for signing endorsements (Ed25519,
        /// OpenSSH .pub file). accord derives and shows its SHA256: fingerprint;
        /// the key is valid for endorsements dated on or after --date.
        Add => PersonKeyAdded,
        subject person: A<Slug> as "PERSON",
        examples ["accord person key add chair-health --key ~/.ssh/id_ed25519.pub --date 2009-09-01"],
        {
            /// The public key file (KEY.pub, one line: ssh-ed25519 AAAA...).
            #[arg(value_name = "FILE.pub")]
            key: A<FileArg>,
        }
    }

    entry! {
        /// Revoke a person's key: it signs nothing dated after --date
        /// (endorsements signed with it before stay valid).
        Revoke => PersonKeyRevoked,
        subject person: A<Slug> as "PERSON",
        examples ["accord person key revoke chair-health --fingerprint SHA256:abc... --reason \"Laptop lost\" --date 2010-01-15"],
        {
            /// The key's fingerprint (`ssh-keygen -lf KEY.pub`, or `accord signers`).
            #[arg(value_name = "SHA256:...")]
            fingerprint: A<KeyFingerprint>,
            /// Why it is revoked.
            reason: A<Text>,
        }
    }

    verbs!(
        /// Verbs of `accord person key`.
        KeyVerb { Add, Revoke }
    );
}

/// Verbs of `accord person`.
#[derive(Debug, clap::Subcommand)]
pub enum PersonVerb {
    Add(Add),
    Move(Move),
    /// Register and revoke the keys a person signs endorsements with.
    Key {
        #[command(subcommand)]
        verb: key::KeyVerb,
    },
}

impl PersonVerb {
    /// The event types its verbs record.
    #[cfg(test)]
    pub const KINDS: &[accord_events::EventKind] = &[
        <Add as crate::commands::entry::Entry>::KIND,
        <Move as crate::commands::entry::Entry>::KIND,
        key::KeyVerb::KINDS[0],
        key::KeyVerb::KINDS[1],
    ];

    pub fn run(
        self,
        ctx: &crate::context::Context,
    ) -> Result<std::process::ExitCode, crate::error::CliError> {
        use crate::commands::entry::record::record;
        match self {
            Self::Add(a) => record(ctx, a),
            Self::Move(a) => record(ctx, a),
            Self::Key { verb } => verb.run(ctx),
        }
    }
}
