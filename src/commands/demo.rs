//! `accord demo`: the tool at work in one command. Builds the built-in
//! example programme in a fresh log inside a folder, writes every stage's
//! progress snapshot as HTML and Markdown beside it, and prints where they
//! are and what to try next.
//!
//! The folder's log is never overwritten: when `DIR/accord.db` exists the
//! demo refuses (remove the folder or choose another `--out`). Report files
//! already in the folder are replaced.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use accord_events::store::{Store, StoreError};
use accord_projections::View;
use clap::Args;

use super::out_file::write_whole;
use super::snapshot::{self, Format};
use crate::context::Context;
use crate::error::CliError;
use crate::render::report::index;
use crate::render::text;

/// Build the example programme (Cambodia's Technical Working Groups,
/// 2009–2010) in a fresh log and write every stage's progress snapshot.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  accord demo                      # into ./accord-demo
  accord demo --out /tmp/cambodia

The folder gets accord.db (the log), stage-N.html (printable reports with charts),
stage-N.md (for minutes), stage-N.km-en.html (the report in Khmer and English side by
side, reading the example's Khmer translations) and index.html. Pairings, scores and exact dates in the
example are illustrative.")]
pub struct DemoArgs {
    /// The folder to build in (created if needed; an existing log there is
    /// never overwritten). The log is always DIR/accord.db: --db is not used.
    #[arg(long, value_name = "DIR", default_value = "accord-demo")]
    pub out: PathBuf,
}

pub fn run(ctx: &Context, args: DemoArgs) -> Result<ExitCode, CliError> {
    let dir = &args.out;
    std::fs::create_dir_all(dir).map_err(|e| {
        CliError::rejected(
            format!("cannot create the folder {}: {e}", dir.display()),
            "choose another folder with --out DIR",
        )
    })?;
    let db = dir.join("accord.db");
    let mut store = create(ctx, dir, &db)?;
    let outcome = match super::init::load_example(ctx, &mut store, "cambodia") {
        Ok(o) => o,
        Err(e) => {
            drop(store);
            let _ = std::fs::remove_file(&db);
            return Err(e);
        }
    };
    let all = store.read_all()?;
    drop(store);

    let view = View::as_of(ctx.clock.today());
    // The example's reports are in English, and in Khmer and English side by
    // side for bilingual minutes (docs/languages.md).
    use crate::render::i18n::{Digits, Lang, Langs, Tr};
    let tr = Tr::english();
    let bilingual = Tr::new(&Langs(vec![Lang::Km, Lang::En]), Digits::Latin);
    let mut stages: Vec<(u32, String, PathBuf, PathBuf)> = Vec::new();
    let mut snapshots = Vec::new();
    let mut programme = None;
    for n in stage_numbers(&all) {
        let s = snapshot::build(&all, n, false, &view)?;
        let html = dir.join(format!("stage-{n}.html"));
        let md = dir.join(format!("stage-{n}.md"));
        write_whole(&html, snapshot::render(&s, Format::Html, &tr)?.as_bytes())?;
        write_whole(&md, snapshot::render(&s, Format::Md, &tr)?.as_bytes())?;
        let km_en = dir.join(format!("stage-{n}.km-en.html"));
        write_whole(
            &km_en,
            snapshot::render(&s, Format::Html, &bilingual)?.as_bytes(),
        )?;
        programme = s.programme.as_ref().map(|p| p.name.clone()).or(programme);
        stages.push((n, s.stage_detail.name.clone(), html, md));
        snapshots.push(s);
    }
    let file = |p: &Path| {
        p.file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let entries: Vec<index::StageEntry<'_>> = snapshots
        .iter()
        .zip(&stages)
        .map(|(s, (n, _, html, md))| index::StageEntry {
            snapshot: s,
            html: file(html),
            markdown: file(md),
            bilingual: format!("stage-{n}.km-en.html"),
        })
        .collect();
    let front = dir.join("index.html");
    write_whole(
        &front,
        index::render(
            &entries,
            "The example's pairings, scores and exact dates are illustrative.",
        )
        .as_bytes(),
    )?;

    let mut out = String::new();
    let _ = writeln!(
        out,
        "Built the example programme{} in {}: {} events, head {}.",
        programme
            .as_deref()
            .map(|p| format!(" \"{p}\""))
            .unwrap_or_default(),
        db.display(),
        outcome.appended,
        outcome.head
    );
    let _ = writeln!(
        out,
        "\nStage progress snapshots (HTML to print or circulate, Markdown for minutes):"
    );
    let width = stages
        .iter()
        .map(|(n, name, ..)| text::columns(&format!("{n}. {name}")))
        .max()
        .unwrap_or(0);
    for (n, name, html, md) in &stages {
        // Padded by display width: a stage's name may be in Khmer.
        let label = text::pad(&format!("{n}. {name}"), width);
        let _ = writeln!(out, "  {label}  {}  {}", html.display(), md.display());
    }
    let _ = writeln!(
        out,
        "  In Khmer and English side by side: {}",
        dir.join("stage-N.km-en.html").display()
    );
    let _ = writeln!(out, "  All stages: {}", front.display());
    let db_arg = shell_word(&db);
    let head = outcome.head.to_string().replacen(' ', ":", 1);
    let _ = writeln!(out, "\nNext, try:");
    for (cmd, what) in [
        ("status".to_owned(), "the programme at a glance"),
        (
            "show twg-health --as-of 2009-09-11".to_owned(),
            "a partnership on the day of the Strategic Meeting",
        ),
        (
            "history twg-land".to_owned(),
            "how a partnership changed, with score trends",
        ),
        (
            "audit pp-health".to_owned(),
            "who endorsed which text of an agreement, and when",
        ),
        (
            "snapshot --stage 3 --as-of 2009-12-31".to_owned(),
            "a stage report on any date",
        ),
        (
            format!("verify --head {head}"),
            "prove the log was not altered since",
        ),
    ] {
        let _ = writeln!(out, "  accord --db {db_arg} {cmd}");
        let _ = writeln!(out, "      {what}");
    }
    let _ = writeln!(
        out,
        "\nThe example's pairings, scores and exact dates are illustrative."
    );
    text::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The planned stages, in order.
fn stage_numbers(events: &[accord_events::Envelope]) -> Vec<u32> {
    let mut v: Vec<u32> = events
        .iter()
        .filter_map(|e| match &e.event {
            accord_events::Event::StagePlanned(d) => Some(d.stage.0),
            _ => None,
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// A path as one shell word (quoted when it needs to be).
fn shell_word(p: &Path) -> String {
    let s = p.display().to_string();
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:".contains(c))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// A new log at `db`, refusing to overwrite one.
fn create(ctx: &Context, dir: &Path, db: &Path) -> Result<Store, CliError> {
    Store::create(db, ctx.clock).map_err(|e| match e {
        StoreError::AlreadyExists(_) => CliError::rejected(
            format!(
                "{} already holds a log; the demo never overwrites one",
                db.display()
            ),
            format!(
                "remove the folder (rm -r {}) and run the demo again, or choose another with --out DIR",
                dir.display()
            ),
        ),
        other => CliError::store(other),
    })
}
