//! `accord audit`: who agreed what — an agreement's versions and endorsers,
//! or everything a person or an organisation did.

use std::process::ExitCode;

use accord_events::store::{LogFilter, Store};
use accord_events::{Envelope, Event};
use accord_projections::{AgreementAudit, OrgAudit, PersonAudit, Replay, View};
use clap::Args;

use super::reading::{TimeArgs, head_of, print_json, wording};
use crate::context::Context;
use crate::error::CliError;
use crate::render::i18n::LangArgs;
use crate::render::text;

/// Trace who agreed what: which person, for which organisation and side,
/// endorsed which version (which exact text), when, and who recorded it.
#[derive(Debug, Args)]
#[command(
    disable_version_flag = true,
    group(clap::ArgGroup::new("subject").required(true).args(["agreement", "person", "org"])),
    after_help = "Examples:\n  accord audit pp-health\n  accord audit pp-health --diff\n  accord audit --person chair-health\n  accord audit --org who --json\n  accord audit pp-health --lang km\n  accord audit pp-health --by chair-health --statement > statement.txt\n  accord audit pp-health --by chair-health --signature > statement.txt.sig\n  accord signers > allowed_signers\n  ssh-keygen -Y verify -f allowed_signers -I chair-health -n accord-endorsement -s statement.txt.sig < statement.txt\n\nEach version's text_sha256 is the SHA-256 of its exact text; compare it with the signed copy. With --diff, each revision shows what changed from the version before: removed words [-like this-], added words {+like this+} (readable in black and white). --json always carries each version's `text` and its `diff_from_previous`."
)]
pub struct AuditArgs {
    /// The agreement's id (e.g. pp-health).
    pub agreement: Option<String>,
    /// Everything this person did, and for which organisation.
    #[arg(long, value_name = "PERSON")]
    pub person: Option<String>,
    /// Everything done for this organisation, and where it is a partner.
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// Show each revision as what changed from the version before, word by
    /// word, instead of its full text (an agreement only).
    #[arg(long, conflicts_with_all = ["person", "org"])]
    pub diff: bool,
    /// With --statement or --signature: the endorser.
    #[arg(long, value_name = "PERSON", requires = "agreement")]
    pub by: Option<String>,
    /// Print the exact statement PERSON's endorsement signed (for `ssh-keygen -Y verify`).
    #[arg(long, requires = "by", conflicts_with = "signature")]
    pub statement: bool,
    /// Print the armored signature of PERSON's endorsement.
    #[arg(long, requires = "by")]
    pub signature: bool,
    /// With --by: the version endorsed (default: their latest standing endorsement).
    #[arg(long, value_name = "N", requires = "by")]
    pub version: Option<u32>,
    #[command(flatten)]
    pub time: TimeArgs,
    #[command(flatten)]
    pub lang: LangArgs,
}

pub fn run(ctx: &Context, args: AuditArgs) -> Result<ExitCode, CliError> {
    if args.statement || args.signature {
        return endorsement_proof(ctx, &args);
    }
    let view = args.time.view(ctx)?;
    let tr = wording(&args.lang)?;
    let store = ctx.open_read()?;
    let head = head_of(&store, &view)?;
    let style = &ctx.out_style;
    let out = if let Some(agreement) = &args.agreement {
        let (audit, events) = agreement_audit(&store, agreement, &view)?;
        if ctx.json {
            return print_json(&audit, &head).map(|()| ExitCode::SUCCESS);
        }
        text::audit::agreement(&audit, &Replay::of(&events, &view), style, args.diff, &tr)
    } else {
        let events = store.read_all()?;
        let replay = Replay::of(&events, &view);
        if let Some(person) = &args.person {
            let audit = PersonAudit::build(&events, person, &view).ok_or_else(|| {
                unknown(
                    "person",
                    person,
                    replay.directory.people().map(|p| p.person.as_str()),
                )
            })?;
            if ctx.json {
                return print_json(&audit, &head).map(|()| ExitCode::SUCCESS);
            }
            text::audit::person(&audit, &replay, style, &tr)
        } else {
            let org = args.org.as_deref().unwrap_or_default();
            let audit = OrgAudit::build(&events, org, &view).ok_or_else(|| {
                unknown(
                    "organisation",
                    org,
                    replay.directory.organisations().map(|o| o.org.as_str()),
                )
            })?;
            if ctx.json {
                return print_json(&audit, &head).map(|()| ExitCode::SUCCESS);
            }
            text::audit::org(&audit, &replay, style, &tr)
        }
    };
    text::emit(&format!(
        "{out}{}",
        text::footer(style, &head, view.known_at.as_deref(), &tr)
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// The audit of `agreement` in `view`, and the events its text is rendered
/// with; an agreement never proposed, or not yet in the view, is an error.
pub fn agreement_audit(
    store: &Store,
    agreement: &str,
    view: &View,
) -> Result<(AgreementAudit, Vec<Envelope>), CliError> {
    let proposals = store.stored_matching(&LogFilter {
        kind: Some("agreement.proposed".into()),
        ..LogFilter::default()
    })?;
    let mut ids = Vec::new();
    let mut stream = None;
    for p in proposals {
        let decoded = p.decode().map_err(|e| {
            CliError::rejected(e.to_string(), "run `accord verify` to check the log")
        })?;
        if let Event::AgreementProposed(d) = decoded.event {
            if d.agreement.as_str() == agreement {
                stream = Some(p.stream.clone());
            }
            ids.push(d.agreement.to_string());
        }
    }
    let Some(stream) = stream else {
        return Err(unknown(
            "agreement",
            agreement,
            ids.iter().map(String::as_str),
        ));
    };
    let events = store.read_streams(&[stream.as_str(), "directory", "programme"])?;
    let audit = AgreementAudit::build(&events, agreement, view)
        .ok_or_else(|| not_yet("agreement", agreement, view))?;
    Ok((audit, events))
}

/// `audit AGREEMENT --by PERSON --statement|--signature`: what an auditor
/// hands to `ssh-keygen -Y verify` (docs/signatures.md).
fn endorsement_proof(ctx: &Context, args: &AuditArgs) -> Result<ExitCode, CliError> {
    let (Some(agreement), Some(by)) = (args.agreement.as_deref(), args.by.as_deref()) else {
        return Err(CliError::usage(
            "--statement and --signature need an agreement and --by PERSON",
            "accord audit pp-1 --by chair-health --statement",
        ));
    };
    let store = ctx.open_read()?;
    let events = store.read_all()?;
    let retracted = accord_events::rules::retracted_ids(&events);
    let mut walk = accord_events::rules::SignatureWalk::new();
    let mut found = None;
    for e in &events {
        if let Event::AgreementEndorsed(d) = &e.event
            && d.agreement.as_str() == agreement
            && d.by.as_str() == by
            && !retracted.contains(e.id.as_str())
            && args.version.is_none_or(|v| v == d.version.0)
        {
            let statement = walk
                .signing()
                .statement(agreement, d.version.0, by, e.occurred_on);
            found = Some((statement, d.signature.clone(), e.seq, d.version.0));
        }
        walk.push(e);
    }
    let Some((statement, signature, seq, version)) = found else {
        let which = args
            .version
            .map_or(String::new(), |v| format!(" of version {v}"));
        return Err(CliError::rejected(
            format!("{by:?} has no standing endorsement{which} of agreement {agreement:?}"),
            format!("`accord audit {agreement}` lists its endorsements"),
        ));
    };
    if args.statement {
        let text = statement.map(|s| s.text()).ok_or_else(|| {
            CliError::rejected(
                format!("the statement of the endorsement at seq {seq} cannot be rebuilt"),
                "run `accord verify`",
            )
        })?;
        text::emit(&text)?;
    } else {
        let sig = signature.ok_or_else(|| {
            CliError::rejected(
                format!("the endorsement of version {version} by {by:?} (seq {seq}) is not signed"),
                "`accord audit` marks each endorsement signed or unsigned",
            )
        })?;
        let sig = sig.as_str();
        if sig.ends_with('\n') {
            text::emit(sig)?;
        } else {
            outln!("{sig}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn unknown<'a>(what: &str, id: &str, known: impl Iterator<Item = &'a str>) -> CliError {
    let hint = match accord_events::rules::did_you_mean(id, known) {
        Some(k) => format!("did you mean {k:?}?"),
        None => format!(
            "`accord log --type {}` lists them",
            match what {
                "agreement" => "agreement.proposed",
                "person" => "person.registered",
                _ => "organisation.registered",
            }
        ),
    };
    CliError::rejected(format!("there is no {what} {id:?} in the log"), hint)
}

fn not_yet(what: &str, id: &str, view: &accord_projections::View) -> CliError {
    CliError::rejected(
        format!("{what} {id:?} was not yet recorded as of {}", view.as_of),
        "choose a later --as-of (or --known-at)",
    )
}
