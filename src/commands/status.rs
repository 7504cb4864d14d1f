//! `accord status`: the programme at a glance.

use std::collections::BTreeMap;
use std::process::ExitCode;

use accord_events::store::{Store, StreamPart};
use accord_projections::partnership::PROGRAMME_TYPES_FOR_STATE;
use accord_projections::{
    PartnershipLine, ProgrammeShare, ProgrammeStatus, Replay, ReplayBuilder, StatusBuilder,
    StatusParts, StreamStatus, Tally, View,
};
use clap::Args;

use super::folds::{Folds, state_reads};
use super::reading::{self, TimeArgs, head_of, print_report, wording};
use super::stream::{self, SHARED};
use crate::context::Context;
use crate::error::CliError;
use crate::render::i18n::LangArgs;
use crate::render::text;

/// Show the programme: its stages, counts, and what is overdue or diverging.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  accord status\n  accord status --as-of 2009-12-31\n  accord status --json"
)]
pub struct StatusArgs {
    #[command(flatten)]
    pub time: TimeArgs,
    #[command(flatten)]
    pub lang: LangArgs,
}

/// The programme's status in `view`, and the fold of the directory and the
/// programme its text is rendered with.
///
/// Read stream by stream so that memory holds the directory, the programme
/// and one partnership at a time, never every fact of the log: the
/// retractions first (an event retracted later in the log must not be
/// folded), then the directory and programme streams, then each
/// partnership's stream, folded, summarised into its line and let go
/// (`StatusBuilder`; a property test in projections holds it to the fold
/// of the whole log). Nothing dated after the as-of date is read but what
/// counts at any date.
///
/// On SQLite, what each stream gave is saved beside the log (unless
/// `save` is false, as under `--read-only`), and the next status in the
/// same view folds again only the partnerships whose stream changed since
/// (`folds.rs`); when none did and neither did the directory or the
/// programme, it folds nothing but the programme's frameworks and
/// translations its text needs.
pub fn build(
    store: &Store,
    view: &View,
    save: bool,
) -> Result<(ProgrammeStatus, Replay), CliError> {
    let Some(mut folds) = Folds::open(store, KIND, view)? else {
        let mut status = StatusBuilder::new(stream::sieve(store, view)?);
        stream::fold_by_stream(store, view, &mut status)?;
        return Ok(status.finish());
    };
    folds.add_programme_for_state(store)?;
    let partnerships = folds.partnership_streams();
    let mut saved = BTreeMap::new();
    let mut unsaved = Vec::new();
    for stream in &partnerships {
        match folds.saved::<StreamStatus>(stream, &state_reads(stream)) {
            Some(part) => {
                saved.insert(stream.clone(), part);
            }
            None => unsaved.push(stream.clone()),
        }
    }
    let programme = folds.saved::<ProgrammeShare>(PROGRAMME, &SHARED);
    if let (Some(programme), true) = (&programme, unsaved.is_empty()) {
        let parts = StatusParts {
            programme: programme.clone(),
            partnerships: by_partnership(saved),
        };
        return Ok((parts.assemble(view), wording_fold(store, view)?));
    }
    let one_by_one = unsaved.len() <= ONE_BY_ONE
        && unsaved.iter().map(|s| folds.stream_len(s)).sum::<u64>() <= ONE_BY_ONE_EVENTS;
    if let (Some(programme), true) = (&programme, one_by_one) {
        // The directory and the programme are as saved: each partnership
        // that changed is read as `show` reads it.
        let mut parts = StatusParts {
            programme: programme.clone(),
            partnerships: BTreeMap::new(),
        };
        for stream in &unsaved {
            let part = partnership_part(store, stream, view, save)?;
            if save {
                folds.keep(stream, &state_reads(stream), &part);
            }
            parts.partnerships.insert(stream.clone(), part);
        }
        parts.partnerships.extend(saved);
        parts.partnerships = by_partnership(parts.partnerships);
        if save {
            folds.save(store);
        }
        return Ok((parts.assemble(view), wording_fold(store, view)?));
    }
    // The directory or the programme changed, or many partnerships did:
    // the directory and the programme are folded again (every
    // partnership's line is derived against them), and the partnerships
    // whose streams changed. When only the programme changed (a finding,
    // a meeting recorded on it) and every line is as saved, its stream is
    // folded alone and the directory's counts are as saved (folding a
    // programme event reads nothing of the directory; a test holds the
    // status to the whole log's).
    let directory = folds
        .saved::<Tally>(DIRECTORY, &["directory"])
        .filter(|_| unsaved.is_empty());
    let shared: &[&str] = match directory {
        Some(_) => &["programme"],
        None => &SHARED,
    };
    let mut status = StatusBuilder::new(stream::sieve(store, view)?);
    stream::fold_streams(store, view, shared, &unsaved, &mut status)?;
    let (mut parts, replay) = status.finish_parts();
    if let Some(directory) = directory {
        parts.programme.tally.organisations = directory.organisations;
        parts.programme.tally.people = directory.people;
    }
    if save {
        folds.keep(PROGRAMME, &SHARED, &parts.programme);
        let counts = Tally {
            organisations: parts.programme.tally.organisations,
            people: parts.programme.tally.people,
            ..Tally::default()
        };
        folds.keep(DIRECTORY, &["directory"], &counts);
        for (p, part) in &parts.partnerships {
            let stream = format!("partnership:{p}");
            folds.keep(&stream, &state_reads(&stream), part);
        }
    }
    parts.partnerships.extend(by_partnership(saved));
    let status = parts.assemble(view);
    if save {
        folds.save(store);
    }
    Ok((status, replay))
}

/// What the saved folds of `status` are filed under.
const KIND: &str = "status";
/// The name the directory's and programme's share is saved under.
const PROGRAMME: &str = "directory+programme";
/// The name the directory's counts (organisations and people) are saved
/// under, apart: when only the programme changed, they are as saved.
const DIRECTORY: &str = "directory";

/// Up to how many changed partnerships are read one by one, as `show`
/// reads one (its stream, the programme's types a state needs, the
/// directory's entries it names: tens of milliseconds each on a million
/// events), rather than streamed after the whole directory and programme
/// (a second or so, whatever the number).
const ONE_BY_ONE: usize = 16;
/// And up to how many events their streams hold in all: read one by one,
/// a stream is held whole (the busiest of a million events, 188,000
/// events, took 2.7 s and 360 MB so, against 2.5–2.8 s and 250 MB
/// streamed after the directory and programme).
const ONE_BY_ONE_EVENTS: u64 = 50_000;

/// What the stream `partnership:<id>` gives the status, read as `show`
/// reads the partnership: its line from its state's fold (which equals
/// the whole log's: a property test in projections holds it to that), and
/// what its own events add to the programme's counts (an interview held
/// with it is recorded on its stream; its retractions too).
fn partnership_part(
    store: &Store,
    stream: &str,
    view: &View,
    save: bool,
) -> Result<StreamStatus, CliError> {
    let id = stream.strip_prefix("partnership:").unwrap_or(stream);
    let (own, fold) = reading::state_fold(store, id, view, save)?;
    let line = PartnershipLine::from_fold(&fold, id, &fold, view);
    let its_own: Vec<_> = own.into_iter().filter(|e| e.stream == stream).collect();
    let tally = Tally::of(&Replay::of(&its_own, view));
    Ok(StreamStatus { line, tally })
}

/// Parts filed by stream, filed by partnership id.
fn by_partnership(parts: BTreeMap<String, StreamStatus>) -> BTreeMap<String, StreamStatus> {
    parts
        .into_iter()
        .map(|(stream, part)| {
            let id = stream
                .strip_prefix("partnership:")
                .unwrap_or(&stream)
                .to_owned();
            (id, part)
        })
        .collect()
}

/// The fold the status's text is rendered with when every part was saved:
/// of the programme stream, what names its criteria and translates its
/// words (the types a partnership's state reads, through the reading
/// index).
fn wording_fold(store: &Store, view: &View) -> Result<Replay, CliError> {
    let events = store.read_stream_parts(&[StreamPart {
        types: Some(&PROGRAMME_TYPES_FOR_STATE),
        until: reading::until(Some(view.as_of)),
        ..StreamPart::all("programme")
    }])?;
    Ok(Replay::of(&events, view))
}

/// The whole programme folded in `view`, streaming the log (never holding it).
pub fn replay(store: &Store, view: &View) -> Result<Replay, CliError> {
    // Two passes: the retractions first (an event retracted later in the log
    // must not be folded), then the whole log, folded as it streams past.
    let mut fold = ReplayBuilder::new(stream::sieve(store, view)?);
    stream::each(store, |e| fold.apply(e))?;
    Ok(fold.finish())
}

pub fn run(ctx: &Context, args: StatusArgs) -> Result<ExitCode, CliError> {
    let view = args.time.view(ctx)?;
    let tr = wording(&args.lang)?;
    let store = ctx.open_read()?;
    let (status, replay) = build(&store, &view, !ctx.read_only)?;
    let head = head_of(&store, &view)?;
    let code = print_report(ctx, &status, &head, &view, &tr, || {
        text::status::render(&status, &replay, &ctx.out_style, &tr)
    })?;
    // The process ends here: leave the read models' memory to the OS rather
    // than freeing a million facts one by one (a fifth of the run).
    std::mem::forget(replay);
    std::mem::forget(status);
    Ok(code)
}
