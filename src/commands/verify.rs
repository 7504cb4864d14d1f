//! `accord verify`: recompute the hash chain and the log's invariants.

use std::io::BufReader;
use std::path::PathBuf;
use std::process::ExitCode;

use accord_events::envelope::{Hash, StoredEvent};
use accord_events::signature::{HEAD_NAMESPACE, SignedHead, parse_allowed_signers};
use accord_events::verify::{Head, VerifyReport, verify_export};
use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::error::{ALTERED, CliError};
use crate::render::progress::Progress;
use crate::render::text;

/// Check that the log was not altered: every hash, seq and stream position,
/// and (with --head) that it still extends a head written down earlier.
#[derive(Debug, Args)]
#[command(
    after_help = "It also checks that the log's append-only guards (its triggers) stand as accord made them, and warns if one is missing, disabled or changed; the exit code stays that of the chain, which alone proves whether events were edited.\n\nExit codes: 0 intact, 3 altered (the first bad seq is named), 1 the log cannot be opened.\n\nExamples:\n  accord verify\n  accord verify --head 142:9f2c0d…   # the head from `accord head`, kept in the minutes\n  accord verify --file backup.jsonl  # an export, without a database"
)]
pub struct VerifyArgs {
    /// A head kept elsewhere (`SEQ:HASH` from `accord head`): the log must still extend it.
    #[arg(long, value_name = "SEQ:HASH")]
    pub head: Option<String>,
    /// Check an exported log (`accord export`) instead of the database.
    #[arg(long, value_name = "EXPORT")]
    pub file: Option<PathBuf>,
    /// Witnessed heads (`accord head --sign`): each must be signed by a key of
    /// --allowed-signers, name this log, and the log must still extend it.
    #[arg(long, value_name = "FILE", num_args = 1.., requires = "allowed_signers")]
    pub witness: Vec<PathBuf>,
    /// The auditor's own OpenSSH allowed_signers file for the witnesses (never
    /// keys taken from the log being checked).
    #[arg(long, value_name = "FILE", requires = "witness")]
    pub allowed_signers: Option<PathBuf>,
    /// How many distinct keys must have signed the witnesses given.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "witness")]
    pub quorum: usize,
}

/// What one witnessed head showed.
struct Witnessed {
    file: String,
    seq: Option<u64>,
    fingerprint: Option<String>,
    signer: Option<String>,
    failure: Option<String>,
}

/// The witnesses' verdict: each one, then the quorum.
struct Witnesses {
    each: Vec<Witnessed>,
    distinct: usize,
    quorum: usize,
}

impl Witnesses {
    fn ok(&self) -> bool {
        self.each.iter().all(|w| w.failure.is_none()) && self.distinct >= self.quorum
    }
}

pub fn run(ctx: &Context, args: VerifyArgs) -> Result<ExitCode, CliError> {
    let head = args
        .head
        .as_deref()
        .map(Head::parse)
        .transpose()
        .map_err(|m| {
            CliError::usage(
                m,
                "copy the head exactly as `accord head` printed it, e.g. --head 142:9f2c…",
            )
        })?;
    let mut guards = Vec::new();
    let report = match &args.file {
        Some(path) => {
            let progress = Progress::new("verifying", "events", None);
            let f = std::fs::File::open(path).map_err(|e| {
                CliError::rejected(
                    format!("cannot read {}: {e}", path.display()),
                    "check the file name",
                )
            })?;
            let report = verify_export(BufReader::new(f), head, |n| progress.set(n));
            progress.finish();
            report?
        }
        None => {
            let store = ctx.open_read()?;
            // The head as stored gives the total to count towards; a log
            // too damaged to tell it is verified without one.
            let total = store.head().ok().map(|h| h.seq);
            let progress = Progress::new("verifying", "events", total);
            let report = store.verify(head, |n| progress.set(n));
            progress.finish();
            let report = report?;
            // On a damaged file the guards may be unreadable too: that is
            // said, not a failure of verify.
            guards = store
                .guard_problems()
                .unwrap_or_else(|e| vec![format!("the append-only guards could not be read: {e}")]);
            report
        }
    };
    let witnesses = if args.witness.is_empty() {
        None
    } else {
        Some(check_witnesses(ctx, &args, &report)?)
    };
    print_report(ctx, &report, head.as_ref(), &guards, witnesses.as_ref())?;
    Ok(
        if report.ok() && witnesses.as_ref().is_none_or(Witnesses::ok) {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(ALTERED)
        },
    )
}

/// Prints the report; `checked` is the head given with `--head`, named
/// in the verdict so the minutes can say which head was proven; `guards`
/// are the append-only guards found missing or changed. They are warnings,
/// not a breach: the chain alone proves whether events were edited, and it
/// is intact or not whatever the guards.
fn print_report(
    ctx: &Context,
    r: &VerifyReport,
    checked: Option<&Head>,
    guards: &[String],
    w: Option<&Witnesses>,
) -> std::io::Result<()> {
    if ctx.json {
        let mut v = report_json(r, checked, guards);
        if let Some(w) = w {
            v["witnesses"] = w
                .each
                .iter()
                .map(|x| {
                    json!({
                        "file": x.file,
                        "ok": x.failure.is_none(),
                        "seq": x.seq,
                        "fingerprint": x.fingerprint,
                        "signer": x.signer,
                        "reason": x.failure,
                    })
                })
                .collect();
            v["quorum"] =
                json!({"required": w.quorum, "signers": w.distinct, "met": w.distinct >= w.quorum});
            v["ok"] = json!(r.ok() && w.ok());
        }
        return text::emit(&format!("{v}\n"));
    }
    if !guards.is_empty() {
        eprintln!("warning: {}", guard_warning(guards));
        eprintln!("hint: {GUARD_HINT}");
    }
    let mut out = verdict(&ctx.out_style, r, checked);
    let s = &ctx.out_style;
    if let Some(w) = w {
        for x in &w.each {
            out.push_str(&match &x.failure {
                None => format!(
                    "{} witness {}: signed by {} ({}) at seq {}; the log extends it\n",
                    s.green("ok:"),
                    x.file,
                    x.signer.as_deref().unwrap_or_default(),
                    x.fingerprint.as_deref().unwrap_or_default(),
                    x.seq.unwrap_or_default()
                ),
                Some(why) => format!("{} witness {}: {why}\n", s.red("FAILED:"), x.file),
            });
        }
        if w.distinct < w.quorum {
            out.push_str(&format!(
                "{} quorum not met: {} distinct signer(s) of the {} required\n",
                s.red("FAILED:"),
                w.distinct,
                w.quorum
            ));
        }
    }
    text::emit(&out)
}

/// The append-only guards found missing or changed, in a sentence.
pub fn guard_warning(guards: &[String]) -> String {
    format!(
        "the log no longer refuses edits as accord set it up: {}.",
        guards.join("; ")
    )
}

/// What to do about missing guards.
pub const GUARD_HINT: &str = "the hash chain still shows whether any event was changed (see below); to get the guards back, copy the log into a new one: `accord export > log.jsonl` then `accord --db NEW restore log.jsonl`";

/// The report as `--json` prints it, without witnesses (`accord serve`'s
/// `/api/verify` answers with it).
pub fn report_json(
    r: &VerifyReport,
    checked: Option<&Head>,
    guards: &[String],
) -> serde_json::Value {
    json!({
        "ok": r.ok(),
        "events": r.events,
        "first_bad_seq": r.breach.as_ref().map(|b| b.seq),
        "reason": r.breach.as_ref().map(|b| b.reason.clone()),
        "head": {"seq": r.head.seq, "hash": hex::encode(r.head.hash)},
        "extends": checked.map(|h| json!({"seq": h.seq, "hash": hex::encode(h.hash)})),
        "guard_warnings": guards,
        "signatures_checked": r.signatures_checked,
    })
}

/// The chain's verdict in words: intact with its head, or where it was altered.
pub fn verdict(
    s: &crate::render::style::Style,
    r: &VerifyReport,
    checked: Option<&Head>,
) -> String {
    let signatures = if r.signatures_checked > 0 {
        format!(
            ", {} endorsement signature(s) verified",
            r.signatures_checked
        )
    } else {
        String::new()
    };
    match &r.breach {
        None => format!(
            "{} {} events, hash chain intact{signatures}; head {}{}\n",
            s.green("ok:"),
            r.events,
            r.head,
            checked.map_or_else(String::new, |h| format!("; extends {}", head_arg(h)))
        ),
        Some(b) => format!(
            "{} the log was altered: first bad seq {}\n  {}\n  events read: {}; head as found: {}{}\n",
            s.red("ALTERED:"),
            b.seq,
            b.reason,
            r.events,
            r.head,
            checked.map_or_else(String::new, |h| format!(
                "\n  head checked: {}",
                head_arg(h)
            ))
        ),
    }
}

/// A head as `--head` takes it: `SEQ:HASH`.
pub fn head_arg(h: &Head) -> String {
    format!("{}:{}", h.seq, hex::encode(h.hash))
}

/// Checks every witnessed head against the auditor's allowed_signers file
/// and the log as verified. Only called after the chain walk, whose
/// report gives the log's identity and head.
fn check_witnesses(
    ctx: &Context,
    args: &VerifyArgs,
    report: &VerifyReport,
) -> Result<Witnesses, CliError> {
    let signers_path = args.allowed_signers.as_ref().expect("clap requires it");
    let signers_text = std::fs::read_to_string(signers_path).map_err(|e| {
        CliError::rejected(
            format!(
                "--allowed-signers: cannot read {}: {e}",
                signers_path.display()
            ),
            "give your own OpenSSH allowed_signers file listing the partners' keys",
        )
    })?;
    let allowed = parse_allowed_signers(&signers_text).map_err(|m| {
        CliError::rejected(
            format!("--allowed-signers: {}: {m}", signers_path.display()),
            "one key per line: PRINCIPALS [namespaces=\"accord-head\"] ssh-ed25519 AAAA...",
        )
    })?;
    let today = ctx.clock.today();
    let mut heads = Vec::new();
    for path in &args.witness {
        let text = std::fs::read_to_string(path).map_err(|e| {
            CliError::rejected(
                format!("--witness: cannot read {}: {e}", path.display()),
                "check the file name",
            )
        })?;
        heads.push((path.display().to_string(), SignedHead::parse(&text)));
    }
    let wanted: Vec<u64> = heads
        .iter()
        .filter_map(|(_, h)| h.as_ref().ok().map(|h| h.seq))
        .collect();
    let hashes = if report.ok() {
        hashes_at(ctx, args, &wanted)?
    } else {
        Default::default()
    };
    let mut each = Vec::new();
    let mut signers = std::collections::BTreeSet::new();
    for (file, head) in heads {
        let mut w = Witnessed {
            file,
            seq: None,
            fingerprint: None,
            signer: None,
            failure: None,
        };
        w.failure = (|| -> Result<(), String> {
            let head = head.map_err(|m| format!("cannot be read as a witnessed head: {m}"))?;
            w.seq = Some(head.seq);
            let v = head
                .verify()
                .map_err(|e| format!("its signature does not verify: {e}"))?;
            w.fingerprint = Some(v.fingerprint.clone());
            let signer = allowed
                .iter()
                .find(|a| a.fingerprint == v.fingerprint && a.allows(HEAD_NAMESPACE, today))
                .ok_or_else(|| {
                    format!(
                        "signed by {}, a key the allowed-signers file does not list for namespace {HEAD_NAMESPACE} on {today}",
                        v.fingerprint
                    )
                })?;
            w.signer = Some(signer.principals.join(","));
            if !report.ok() {
                return Err("not checked: the log itself was altered (above)".into());
            }
            if report.first_hash != Some(head.log) {
                return Err(format!(
                    "it witnesses another log ({}), not this one ({})",
                    hex::encode(head.log),
                    report.first_hash.map(hex::encode).unwrap_or_else(|| "empty".into())
                ));
            }
            match hashes.get(&head.seq) {
                None => Err(format!(
                    "the log was rolled back: it ends at seq {}, before the witnessed seq {}",
                    report.head.seq, head.seq
                )),
                Some(h) if *h != head.hash => Err(format!(
                    "the log was rewritten (forked): event {} no longer has the witnessed hash",
                    head.seq
                )),
                Some(_) => {
                    signers.insert(v.fingerprint);
                    Ok(())
                }
            }
        })()
        .err();
        each.push(w);
    }
    Ok(Witnesses {
        each,
        distinct: signers.len(),
        quorum: args.quorum,
    })
}

/// The stored hashes at the witnessed positions: a second pass over the
/// log (or the export), made only once its chain has verified.
fn hashes_at(
    ctx: &Context,
    args: &VerifyArgs,
    wanted: &[u64],
) -> Result<std::collections::HashMap<u64, Hash>, CliError> {
    let mut out = std::collections::HashMap::new();
    match &args.file {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                CliError::rejected(
                    format!("cannot read {}: {e}", path.display()),
                    "check the file name",
                )
            })?;
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                if let Ok(e) = StoredEvent::from_json_line(line)
                    && wanted.contains(&e.seq)
                {
                    out.insert(e.seq, e.hash);
                }
            }
        }
        None => {
            let store = ctx.open_read()?;
            store.for_each(|e| {
                if wanted.contains(&e.seq) {
                    out.insert(e.seq, e.hash);
                }
                Ok(())
            })?;
        }
    }
    Ok(out)
}
