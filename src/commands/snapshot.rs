//! `accord snapshot`: the stage progress report for a steering body, as
//! Markdown (for minutes), a self-contained printable HTML page with charts,
//! or JSON.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use accord_events::Envelope;
use accord_events::store::Store;
use accord_projections::snapshot::{
    PRELUDE_TYPES, SnapshotBuilder, SnapshotError, SnapshotRequest, StageSnapshot, StreamShare,
};
use accord_projections::{Replay, StreamFold, View};
use clap::{Args, ValueEnum};

use super::folds::{Folds, naming_part, story_reads};
use super::out_file::write_whole;
use super::reading::{TimeArgs, head_of};
use super::stream;
use crate::context::Context;
use crate::error::CliError;
use crate::render::i18n::{LangArgs, Tr};
use crate::render::{report, text};

/// `--as-of` of a snapshot: its default is not the one of the other read
/// commands (today), so its help says so.
const AS_OF_HELP: &str = "The world as it stood at the end of this date [default: the stage's completion date; while the stage runs, today (with --known-at, that moment's date)]";

/// The stage progress snapshot of every partnership: coverage, agreements,
/// scores and their change since the previous stage, commitments, findings,
/// activities, and what changed. Taken as of the stage's completion (while
/// it runs: today) unless --as-of is given.
#[derive(Debug, Args)]
#[command(mut_arg("as_of", |a| a.help(AS_OF_HELP).long_help(AS_OF_HELP)))]
#[command(after_help = "Examples:
  accord snapshot --stage 2                                   # Markdown, for the minutes
  accord snapshot --stage 2 --format html --out stage2.html   # printable report with charts
  accord snapshot --stage 3 --as-of 2009-12-31 --json
  accord snapshot --stage 3 --known-at 2010-02-01T09:00:00Z   # exactly what it showed then

The report names the log head it was built from (`accord verify --head SEQ:HASH`
proves the log still extends it); the same log always gives the same bytes.")]
pub struct SnapshotArgs {
    /// The stage number (see `accord status`).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub stage: u32,
    #[command(flatten)]
    pub time: TimeArgs,
    /// The format [default: md; json with --json].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub lang: LangArgs,
}

/// Snapshot formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown, for pasting into minutes.
    Md,
    /// One self-contained, printable HTML page with inline SVG charts.
    Html,
    /// JSON.
    Json,
}

pub fn run(ctx: &Context, args: SnapshotArgs) -> Result<ExitCode, CliError> {
    let view = args.time.view(ctx)?;
    let tr = args.lang.tr().map_err(super::reading::unknown_lang)?;
    let format = args
        .format
        .unwrap_or(if ctx.json { Format::Json } else { Format::Md });
    let store = ctx.open_read()?;
    let (snapshot, fold) = take(
        &store,
        args.stage,
        args.time.as_of.is_some(),
        &view,
        !ctx.read_only,
    )?;
    match &args.out {
        Some(path) => {
            write_whole(path, render(&snapshot, format, &tr)?.as_bytes())?;
            eprintln!("wrote {}", path.display());
        }
        None if format == Format::Json => text::emit_json(&snapshot)?,
        None => text::emit(&render(&snapshot, format, &tr)?)?,
    }
    // The process ends here: leave the memory of a large log's facts to the
    // OS rather than freeing them piece by piece (a second on a million).
    std::mem::forget(fold);
    std::mem::forget(snapshot);
    Ok(ExitCode::SUCCESS)
}

/// Takes the snapshot of `stage` in `view` (whose `as_of` counts only when
/// `as_of_given`; otherwise it is "today" for a stage still running) from a
/// whole log held in memory.
pub fn build(
    events: &[Envelope],
    stage: u32,
    as_of_given: bool,
    view: &View,
) -> Result<StageSnapshot, CliError> {
    StageSnapshot::build(events, &request(stage, as_of_given, view)).map_err(not_planned)
}

/// Takes the snapshot of `stage` in `view` (as for [`build`]) from the
/// store, and the fold of the directory and programme it was taken from.
///
/// The retractions and the stage plan are read first (they decide the
/// snapshot's date and what counts); then the directory's and the
/// programme's streams, then each partnership's, which is folded, derived
/// into its share of the report and let go: memory holds what the report
/// prints, not every fact of the log. Nothing dated after the snapshot's
/// date is read but what counts at any date, so the head the report names
/// is asked of the store.
///
/// On SQLite, what each partnership's stream gave (its share, and the
/// interviews held with it) is saved beside the log (unless `save` is
/// false, as under `--read-only`), and the next snapshot of the stage in
/// the same view reads again only the partnerships whose stream changed
/// since, with the directory and programme (`folds.rs`).
pub fn take(
    store: &Store,
    stage: u32,
    as_of_given: bool,
    view: &View,
    save: bool,
) -> Result<(StageSnapshot, Replay), CliError> {
    // The prelude is let go once planned: a million-event log holds about
    // fifteen thousand retractions.
    let mut builder = SnapshotBuilder::new(
        &request(stage, as_of_given, view),
        &stream::prelude(store, &PRELUDE_TYPES)?,
    )
    .map_err(not_planned)?;
    let on = builder.view();
    let Some(mut folds) = Folds::open(store, KIND, &on)? else {
        stream::fold_by_stream(store, &on, &mut builder)?;
        return finish(store, &on, builder).map(|(s, fold, _)| (s, fold));
    };
    // A share reads what a partnership's story reads: a meeting that
    // names another partnership leaves it as saved.
    folds.add_programme_for_state(store)?;
    let partnerships = folds.partnership_streams();
    let mut saved = BTreeMap::new();
    let mut unsaved = Vec::new();
    for stream in partnerships {
        let partnership = stream.strip_prefix("partnership:").unwrap_or(&stream);
        let naming = folds.add_naming_part(store, partnership)?;
        match folds
            .saved::<StreamShare>(&share_name(&stream, stage), &story_reads(&stream, &naming))
        {
            Some(share) => {
                saved.insert(stream, share);
            }
            None => unsaved.push(stream),
        }
    }
    folds.let_go_of_saved();
    folds.keep_views(KEPT_VIEWS);
    let save = save && !unsaved.is_empty();
    if save {
        builder.keep_streams();
    }
    let mut given = GivenBack {
        builder: &mut builder,
        saved,
        folds: save.then_some(&mut folds),
        stage,
    };
    stream::fold_streams(store, &on, &stream::SHARED, &unsaved, &mut given)?;
    given.give_back_before(None);
    let (snapshot, fold, kept) = finish(store, &on, builder)?;
    if save {
        keep_shares(&mut folds, stage, kept);
        folds.save(store);
    }
    Ok((snapshot, fold))
}

/// The name a partnership's share of a stage is saved under.
fn share_name(stream: &str, stage: u32) -> String {
    format!("{stream} stage={stage}")
}

/// Keeps the shares of the partnerships folded, encoded, to be saved (as
/// soon as each is derived: their copies are let go at once).
fn keep_shares(folds: &mut Folds, stage: u32, kept: Vec<(String, StreamShare)>) {
    for (p, share) in kept {
        let stream = format!("partnership:{p}");
        let naming = naming_part(&p);
        folds.keep(
            &share_name(&stream, stage),
            &story_reads(&stream, &naming),
            &share,
        );
    }
}

/// What saved shares of `snapshot` are filed under.
const KIND: &str = "snapshot";

/// How many views of stage reports keep their shares: a view's shares are
/// about 20 MB on a million events (the report's rows, whole).
const KEPT_VIEWS: usize = 4;

/// A snapshot, the fold it was taken from, and what each partnership's
/// stream gave it (by partnership), to save.
type Taken = (StageSnapshot, Replay, Vec<(String, StreamShare)>);

/// The snapshot once every stream was taken, with the head named as the
/// store gives it for the view.
fn finish(store: &Store, on: &View, mut builder: SnapshotBuilder) -> Result<Taken, CliError> {
    let head = head_of(store, on)?;
    builder.set_head((head.seq > 0).then_some((head.seq, head.hash)));
    Ok(builder.finish_keeping())
}

/// A snapshot fed the streams of the partnerships without a saved share,
/// which gives back the saved ones in their place in the order of the
/// streams (as a read of every stream would have taken them).
struct GivenBack<'a, 'k> {
    builder: &'a mut SnapshotBuilder,
    /// By stream name, the order the streams are read in.
    saved: BTreeMap<String, StreamShare>,
    /// Where the shares of the partnerships folded are kept, when saved.
    folds: Option<&'a mut Folds<'k>>,
    stage: u32,
}

impl GivenBack<'_, '_> {
    /// Gives back the saved shares of the streams before `stream` (every
    /// one left, with `None`).
    fn give_back_before(&mut self, stream: Option<&str>) {
        while let Some(entry) = self.saved.first_entry() {
            if stream.is_some_and(|s| entry.key().as_str() >= s) {
                break;
            }
            self.builder.add_saved(entry.remove());
        }
    }
}

impl StreamFold for GivenBack<'_, '_> {
    fn open_partnership(&mut self, partnership: &str) {
        self.give_back_before(Some(&format!("partnership:{partnership}")));
        self.builder.open_partnership(partnership);
        if let Some(folds) = self.folds.as_deref_mut() {
            keep_shares(folds, self.stage, self.builder.take_kept());
        }
    }

    fn apply(&mut self, e: &Envelope) {
        self.builder.apply(e);
    }
}

fn request(stage: u32, as_of_given: bool, view: &View) -> SnapshotRequest {
    SnapshotRequest {
        stage,
        as_of: as_of_given.then_some(view.as_of),
        known_at: view.known_at.clone(),
        today: view.as_of,
    }
}

fn not_planned(e: SnapshotError) -> CliError {
    match e {
        SnapshotError::NotPlanned { .. } => CliError::rejected(
            e.to_string(),
            "`accord status` lists the stages; a stage is planned with a stage.planned event",
        ),
    }
}

/// The snapshot in a format, its words in the languages of `tr` (JSON has
/// no words of its own: it is the same in every language).
pub fn render(s: &StageSnapshot, format: Format, tr: &Tr) -> Result<String, CliError> {
    Ok(match format {
        Format::Md => report::markdown::render(s, tr),
        Format::Html => report::html::render(s, tr),
        Format::Json => {
            let mut j = serde_json::to_string_pretty(s).map_err(|e| {
                CliError::rejected(format!("cannot write JSON: {e}"), "report this as a bug")
            })?;
            j.push('\n');
            j
        }
    })
}
