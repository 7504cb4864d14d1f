//! How the human commands read their flags: typed values parsed by clap
//! (`A<T>`), the flags every command shares (`--date`, `--id`, `--source`),
//! and the conversions from flags to the fields of the catalogue's payloads.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::marker::PhantomData;
use std::path::PathBuf;

use accord_events::catalogue::{
    ArmoredSignature, Criterion, EventRef, KeyFingerprint, PublicKeyLine,
};
use accord_events::fields::*;
use clap::Args;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser, ValueParserFactory};

use crate::error::CliError;

/// A value read from the command line, validated by the catalogue's own
/// field types (a local wrapper, so that clap can parse the events crate's types).
#[derive(Clone, Debug)]
pub struct A<T>(pub T);

/// A field type that can be written on the command line.
pub trait FromArg: Sized + Clone + Send + Sync + 'static {
    /// Parses one value as typed after the flag.
    fn from_arg(s: &str) -> Result<Self, String>;
    /// The closed list of values, for `--help` and "did you mean" (vocabularies only).
    fn choices() -> Vec<&'static str> {
        Vec::new()
    }
}

/// Field types that validate themselves with their own `parse`.
macro_rules! parsed {
    ($($t:ty),+) => {$(
        impl FromArg for $t {
            fn from_arg(s: &str) -> Result<Self, String> {
                <$t>::parse(s)
            }
        }
    )+};
}

parsed!(Slug, Name, Text, Day, KeyFingerprint, LangTag);

/// A file named on the command line, read when the event is built (so a
/// missing or malformed file is rejected input, exit 1, not a usage error).
#[derive(Clone, Debug)]
pub struct FileArg(pub PathBuf);

impl FromArg for FileArg {
    fn from_arg(s: &str) -> Result<Self, String> {
        Ok(FileArg(PathBuf::from(s)))
    }
}

impl FileArg {
    /// The file's text, or a rejection naming the flag and the file.
    pub fn read(&self, field: &str) -> Result<String, CliError> {
        std::fs::read_to_string(&self.0).map_err(|e| {
            CliError::rejected(
                format!("{}: cannot read {}: {e}", flag(field), self.0.display()),
                "check the file name",
            )
        })
    }
}

/// `--key FILE.pub`: the public key line, its comment dropped (a comment
/// is not part of the key and often names a machine).
impl Conv<PublicKeyLine> for A<FileArg> {
    fn conv(self, field: &str) -> Result<PublicKeyLine, CliError> {
        let text = self.0.read(field)?;
        let reject = |m: String| {
            CliError::rejected(
                format!("{}: {}: {m}", flag(field), self.0.0.display()),
                "give the .pub file of an Ed25519 key (`ssh-keygen -t ed25519` writes KEY and KEY.pub)",
            )
        };
        let key = accord_events::signature::SigningKey::parse(&text)
            .map_err(|e| reject(e.to_string()))?;
        PublicKeyLine::parse(&key.openssh()).map_err(reject)
    }
}

/// `--signature FILE`: an armored signature made elsewhere (`ssh-keygen -Y sign`).
/// `--sign KEY` puts the signature it made here directly.
#[derive(Clone, Debug)]
pub enum SignatureArg {
    /// A file holding the armored signature.
    File(FileArg),
    /// A signature accord made.
    Made(String),
}

impl FromArg for SignatureArg {
    fn from_arg(s: &str) -> Result<Self, String> {
        FileArg::from_arg(s).map(SignatureArg::File)
    }
}

impl Conv<Option<ArmoredSignature>> for Option<A<SignatureArg>> {
    fn conv(self, field: &str) -> Result<Option<ArmoredSignature>, CliError> {
        let Some(A(arg)) = self else {
            return Ok(None);
        };
        let (text, whence) = match arg {
            SignatureArg::File(f) => {
                let text = f.read(field)?;
                // Stored in the canonical armor; a file with other line
                // endings or wrapping is the same signature.
                let text = accord_events::signature::canonical_signature(&text).unwrap_or(text);
                (text, format!("{}: {}: ", flag(field), f.0.display()))
            }
            SignatureArg::Made(s) => (s, String::new()),
        };
        ArmoredSignature::parse(&text).map(Some).map_err(|m| {
            CliError::rejected(
                format!("{whence}{m}"),
                "sign the output of `accord agreement statement` with `ssh-keygen -Y sign -f KEY -n accord-endorsement`",
            )
        })
    }
}

impl FromArg for Ordinal {
    fn from_arg(s: &str) -> Result<Self, String> {
        match s.trim().parse::<u32>() {
            Ok(n) if n >= 1 => Ok(Ordinal(n)),
            _ => Err(format!("{s:?} is not a whole number from 1")),
        }
    }
}
impl FromArg for i64 {
    fn from_arg(s: &str) -> Result<Self, String> {
        s.trim()
            .parse()
            .map_err(|_| format!("{s:?} is not a whole number"))
    }
}
impl FromArg for u32 {
    fn from_arg(s: &str) -> Result<Self, String> {
        s.trim()
            .parse()
            .map_err(|_| format!("{s:?} is not a whole number from 0"))
    }
}
impl FromArg for EventRef {
    fn from_arg(s: &str) -> Result<Self, String> {
        accord_events::input::check_event_id(s).map(|()| EventRef(s.to_owned()))
    }
}
impl FromArg for Criterion {
    fn from_arg(s: &str) -> Result<Self, String> {
        let (id, label) = s.split_once('=').ok_or_else(|| {
            format!("{s:?} should be written ID=LABEL, for example shared_goal=\"A shared goal\"")
        })?;
        Ok(Criterion {
            id: Slug::parse(id.trim())?,
            label: Name::parse(label.trim())?,
        })
    }
}

/// One score of a review response: `criterion=N`.
#[derive(Clone, Debug)]
pub struct Score(pub Slug, pub i64);

impl FromArg for Score {
    fn from_arg(s: &str) -> Result<Self, String> {
        let (id, n) = s.split_once('=').ok_or_else(|| {
            format!("{s:?} should be written CRITERION=SCORE, for example shared_goal=4")
        })?;
        let n = n.trim();
        let score = n
            .parse()
            .map_err(|_| format!("the score {n:?} for {:?} is not a whole number", id.trim()))?;
        Ok(Score(Slug::parse(id.trim())?, score))
    }
}

macro_rules! vocabularies {
    ($($t:ty),+ $(,)?) => {$(
        impl FromArg for $t {
            fn from_arg(s: &str) -> Result<Self, String> {
                <$t>::parse(s).ok_or_else(|| format!(
                    "{s:?} is not one of: {}",
                    Self::choices().join(", ")
                ))
            }
            fn choices() -> Vec<&'static str> {
                <$t>::ALL.iter().map(|v| v.as_str()).collect()
            }
        }
    )+};
}

vocabularies!(
    Side,
    Role,
    AgreementKind,
    ReviewKind,
    FindingOrigin,
    Swot,
    Theme,
    InterviewFormat,
    InterviewTheme,
    MeetingKind,
    ActivityKind,
    ReportedStatus,
    Translatable,
    TranslatedField,
);

/// clap's parser for `A<T>`: the field type's own validation, and the
/// vocabulary's values in `--help` and in clap's suggestions.
#[derive(Clone)]
pub struct ArgParser<T>(PhantomData<fn() -> T>);

impl<T: FromArg> ValueParserFactory for A<T> {
    type Parser = ArgParser<T>;
    fn value_parser() -> Self::Parser {
        ArgParser(PhantomData)
    }
}

impl<T: FromArg> TypedValueParser for ArgParser<T> {
    type Value = A<T>;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<A<T>, clap::Error> {
        let choices = T::choices();
        if choices.is_empty() {
            let parse = |s: &str| T::from_arg(s).map(A);
            parse.parse_ref(cmd, arg, value)
        } else {
            let s = PossibleValuesParser::new(choices).parse_ref(cmd, arg, value)?;
            Ok(A(T::from_arg(&s).expect("a listed value parses")))
        }
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let choices = T::choices();
        (!choices.is_empty()).then(|| {
            Box::new(choices.into_iter().map(PossibleValue::new))
                as Box<dyn Iterator<Item = PossibleValue>>
        })
    }
}

/// The flags every human command shares.
#[derive(Debug, Args)]
#[command(next_help_heading = "Recording")]
pub struct Common {
    /// When it happened (occurred_at): YYYY-MM-DD, RFC 3339 with an offset, or `today`.
    /// Required by the commands whose event counts from its date (agreement endorse,
    /// commitment report, review respond|conclude, stage start|complete, partner
    /// join|leave); the others default to today and say so.
    #[arg(long, value_name = "DATE", visible_alias = "occurred-at")]
    pub date: Option<String>,
    /// An id for the event itself (optional): running the command again with the same id
    /// and content records nothing twice.
    #[arg(long = "id", value_name = "EVENT-ID")]
    pub event_id: Option<String>,
    /// Where this comes from: minutes, a document reference.
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
}

/// A text given inline or read from a file (`--text` or `--text-file`).
pub struct TextSource {
    pub inline: Option<A<Text>>,
    pub file: Option<PathBuf>,
}

/// The flag a data field is written with (`proposed_by` → `--proposed-by`).
pub fn flag(field: &str) -> String {
    format!("--{}", field.replace('_', "-"))
}

/// From what clap parsed to the payload's field type.
pub trait Conv<T> {
    /// Converts; `field` names the data field, for messages.
    fn conv(self, field: &str) -> Result<T, CliError>;
}

impl<T> Conv<T> for A<T> {
    fn conv(self, _: &str) -> Result<T, CliError> {
        Ok(self.0)
    }
}

impl<T> Conv<Option<T>> for Option<A<T>> {
    fn conv(self, _: &str) -> Result<Option<T>, CliError> {
        Ok(self.map(|a| a.0))
    }
}

/// A value the command fills in itself when the flag is left out
/// (`agreement endorse` without `--version`).
impl Conv<Ordinal> for Option<A<Ordinal>> {
    fn conv(self, field: &str) -> Result<Ordinal, CliError> {
        self.map(|a| a.0).ok_or_else(|| {
            CliError::usage(
                format!("{} is required", flag(field)),
                "see --help for an example",
            )
        })
    }
}

impl Conv<TranslatedField> for Option<A<TranslatedField>> {
    fn conv(self, field: &str) -> Result<TranslatedField, CliError> {
        self.map(|a| a.0).ok_or_else(|| {
            CliError::usage(
                format!("{} is required: say which field is translated", flag(field)),
                "see --help for the fields of each kind of content",
            )
        })
    }
}

impl<T> Conv<Option<List<T>>> for Vec<A<T>> {
    fn conv(self, _: &str) -> Result<Option<List<T>>, CliError> {
        Ok((!self.is_empty()).then(|| List(self.into_iter().map(|a| a.0).collect())))
    }
}

impl<T> Conv<List<T>> for Vec<A<T>> {
    fn conv(self, field: &str) -> Result<List<T>, CliError> {
        let list: Option<List<T>> = self.conv(field)?;
        list.ok_or_else(|| {
            CliError::usage(
                format!("give at least one {}", flag(field)),
                format!(
                    "repeat the flag ({f} A {f} B) or separate values with commas ({f} A,B)",
                    f = flag(field)
                ),
            )
        })
    }
}

impl Conv<BTreeMap<Slug, i64>> for Vec<A<Score>> {
    fn conv(self, _: &str) -> Result<BTreeMap<Slug, i64>, CliError> {
        let mut scores = BTreeMap::new();
        for A(Score(criterion, n)) in self {
            if let Some(old) = scores.insert(criterion.clone(), n) {
                return Err(CliError::usage(
                    format!("{criterion} is scored twice ({old} and {n})"),
                    "give one --score per criterion",
                ));
            }
        }
        Ok(scores)
    }
}

impl TextSource {
    fn read(self, field: &str) -> Result<Option<Text>, CliError> {
        let Some(path) = self.file else {
            return Ok(self.inline.map(|a| a.0));
        };
        let file_flag = format!("{}-file", flag(field));
        let bytes = std::fs::read(&path).map_err(|e| {
            CliError::rejected(
                format!("{file_flag}: cannot read {}: {e}", path.display()),
                "check the file name",
            )
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            CliError::rejected(
                format!("{file_flag}: {} is not UTF-8 text", path.display()),
                "save the file as UTF-8 (plain text)",
            )
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let text = text.trim_end_matches(['\n', '\r']);
        Text::parse(text)
            .map(Some)
            .map_err(|m| CliError::rejected(format!("{file_flag}: {m}"), "check the file"))
    }
}

impl Conv<Option<Text>> for TextSource {
    fn conv(self, field: &str) -> Result<Option<Text>, CliError> {
        self.read(field)
    }
}

impl Conv<Text> for TextSource {
    fn conv(self, field: &str) -> Result<Text, CliError> {
        self.read(field)?.ok_or_else(|| {
            CliError::usage(
                format!(
                    "give the {field} with {} or {}-file",
                    flag(field),
                    flag(field)
                ),
                format!(
                    "for a long {field}, write it in a file and give {}-file PATH",
                    flag(field)
                ),
            )
        })
    }
}
