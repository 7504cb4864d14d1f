//! Folds saved beside the log, for the reading commands that fold every
//! stream (`status`): what each stream gave in a view is saved, and the
//! next command in the same view folds again only the streams that changed
//! since (`accord_events::store::folds` keeps the rows, in a file of their
//! own beside the log's: `<log>.folds`; the log's file is never written).
//!
//! A saved fold is used only when the digest of its inputs is still the
//! one it was saved with: this build's code (`ACCORD_FOLD_CODE`, from
//! `build.rs`), what was folded, the view, and the last event (seq and
//! hash) of each stream it read. The log is append-only and each event's
//! hash covers every event before it, so the same last event means the
//! same stream; a log restored or edited underneath changes the hashes.
//! An event's retraction is recorded on the retracted event's stream, so
//! the streams a fold reads hold every retraction it must honour.
//!
//! Bodies are encoded with postcard, which keeps every field and every
//! float exactly; one that does not decode is refolded, never guessed at.

use std::collections::BTreeMap;

use accord_events::store::{NewFold, SavedFold, Store, Tail};
use accord_projections::View;
use accord_projections::partnership::PROGRAMME_TYPES_FOR_STATE;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

/// The name of what a partnership's state reads of the programme stream:
/// only the types a state needs (a property test in projections holds the
/// state to that), so that a meeting or finding recorded on the programme
/// does not make every partnership's saved fold stale.
pub const PROGRAMME_FOR_STATE: &str = "programme:types-for-state";

/// What a fold of a partnership's state reads, `stream` being its own
/// (`partnership:ID`): the directory, the programme's part
/// ([`PROGRAMME_FOR_STATE`], read with [`Folds::add_programme_for_state`])
/// and its stream.
pub fn state_reads(stream: &str) -> [&str; 3] {
    ["directory", PROGRAMME_FOR_STATE, stream]
}

/// What a fold of a partnership's story reads, `stream` being its own and
/// `naming` the part of the programme stream that names it
/// ([`Folds::add_naming_part`]): the directory, the programme's types a
/// state needs, the programme's events that name it, its stream. (Its
/// story, and its share of a stage report, are derived from no other
/// programme events: `reading::story_events` reads only these, and a
/// property test in projections holds its history to the whole log's.)
pub fn story_reads<'a>(stream: &'a str, naming: &'a str) -> [&'a str; 4] {
    ["directory", PROGRAMME_FOR_STATE, naming, stream]
}

/// The name of the part of the programme stream that names `partnership`
/// ([`Folds::add_naming_part`]).
pub fn naming_part(partnership: &str) -> String {
    format!("programme:naming:{partnership}")
}

/// What a report on one partnership is derived from.
#[derive(Clone, Copy, Debug)]
pub enum ReportReads {
    /// Its state (`show`): its stream, the directory, the programme's
    /// types a state needs ([`state_reads`]).
    State,
    /// Its story (`history`, `diff`): its stream, the directory, and of
    /// the programme stream the types a state needs and the meetings,
    /// activities and interviews that name it ([`story_reads`]).
    Story,
}

/// Which report on one partnership: saved under `kind`, in one `form`
/// (`json`, or text in some languages, with the command's own options),
/// derived from what it `reads`.
#[derive(Clone, Debug)]
pub struct ReportKey<'a> {
    /// The command (`show`, `history`, `diff`).
    pub kind: &'a str,
    /// The partnership's id.
    pub partnership: &'a str,
    /// What it is derived from.
    pub reads: ReportReads,
    /// How it is printed.
    pub form: String,
}

/// A report on one partnership in `view`, as its command prints it: the
/// one saved under `key` when the streams it reads are unchanged since,
/// else the one `make` gives, then saved (when `save`). The head or
/// footer that names the log's head is not part of it.
pub fn partnership_report(
    store: &Store,
    save: bool,
    view: &View,
    key: &ReportKey,
    make: impl FnOnce() -> Result<String, crate::error::CliError>,
) -> Result<String, crate::error::CliError> {
    let stream = format!("partnership:{}", key.partnership);
    let name = format!("{stream} {}", key.form);
    let Some(mut folds) = Folds::open_one(store, key.kind, view, &name)? else {
        return make();
    };
    folds.add_programme_for_state(store)?;
    let naming;
    let reads: Vec<&str> = match key.reads {
        ReportReads::State => state_reads(&stream).to_vec(),
        ReportReads::Story => {
            naming = folds.add_naming_part(store, key.partnership)?;
            story_reads(&stream, &naming).to_vec()
        }
    };
    // A report is kept as its UTF-8 text, not encoded: the busiest
    // partnership's is tens of megabytes, read back without a copy.
    if let Some(report) = folds
        .take_saved(&name, &reads)
        .and_then(|body| String::from_utf8(body).ok())
    {
        return Ok(report);
    }
    let report = make()?;
    if !save {
        return Ok(report);
    }
    // Saved from the report's own bytes, then handed back: the busiest
    // partnership's report is 14 MB, not to be held twice.
    folds.keep_body(&name, &reads, report.into_bytes());
    let body = folds.save_and_hand_back(store).pop().map(|f| f.body);
    // The bytes are the report's own, so always UTF-8.
    Ok(body.map_or_else(String::new, |b| {
        String::from_utf8(b).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }))
}

/// The digest of this build's folding code.
const CODE: &str = env!("ACCORD_FOLD_CODE");

/// The folds of one kind in one view: those saved, the log's streams as
/// they stand, and those folded now, to save.
pub struct Folds<'a> {
    /// The build's folding code ([`CODE`]; another in tests).
    code: &'a str,
    kind: &'a str,
    view: String,
    tails: BTreeMap<String, Tail>,
    saved: BTreeMap<String, SavedFold>,
    new: Vec<NewFold>,
    /// The names of the parts of streams read as streams of their own
    /// ([`Folds::add_part`]).
    parts: Vec<String>,
    /// How many views of the kind are kept.
    keep_views: usize,
}

/// The view a fold that holds every date is saved in.
const ANY_VIEW: &str = "any";

/// How a view is named in the saved rows.
fn view_name(view: &View) -> String {
    format!(
        "as_of={} known_at={}",
        view.as_of,
        view.known_at.as_deref().unwrap_or("-")
    )
}

impl<'a> Folds<'a> {
    /// The folds of `kind` saved in `view`, and the streams' last events;
    /// `None` when the log keeps no saved folds (PostgreSQL).
    pub fn open(
        store: &Store,
        kind: &'a str,
        view: &View,
    ) -> Result<Option<Folds<'a>>, crate::error::CliError> {
        Folds::open_with(store, kind, view, |view| store.saved_folds(kind, view))
    }

    /// As [`Folds::open`], with only the fold saved under `name` read.
    pub fn open_one(
        store: &Store,
        kind: &'a str,
        view: &View,
        name: &str,
    ) -> Result<Option<Folds<'a>>, crate::error::CliError> {
        Folds::open_with(store, kind, view, |view| {
            store
                .saved_fold(kind, view, name)
                .map(|f| (name.to_owned(), f))
                .into_iter()
                .collect()
        })
    }

    /// As [`Folds::open_one`], for a fold that holds every date (a copy
    /// of what a fold reads: `kept.rs`), saved in no one view.
    pub fn open_kept(
        store: &Store,
        kind: &'a str,
        name: &str,
    ) -> Result<Option<Folds<'a>>, crate::error::CliError> {
        Folds::open_named(store, kind, ANY_VIEW.to_owned(), |view| {
            store
                .saved_fold(kind, view, name)
                .map(|f| (name.to_owned(), f))
                .into_iter()
                .collect()
        })
    }

    fn open_with(
        store: &Store,
        kind: &'a str,
        view: &View,
        read: impl FnOnce(&str) -> BTreeMap<String, SavedFold>,
    ) -> Result<Option<Folds<'a>>, crate::error::CliError> {
        Folds::open_named(store, kind, view_name(view), read)
    }

    fn open_named(
        store: &Store,
        kind: &'a str,
        view: String,
        read: impl FnOnce(&str) -> BTreeMap<String, SavedFold>,
    ) -> Result<Option<Folds<'a>>, crate::error::CliError> {
        if store.backend_kind() != accord_events::store::BackendKind::Sqlite {
            return Ok(None);
        }
        let saved = read(&view);
        Ok(Some(Folds {
            code: CODE,
            kind,
            view,
            tails: store.stream_tails()?,
            saved,
            new: Vec::new(),
            parts: Vec::new(),
            keep_views: accord_events::store::KEPT_VIEWS,
        }))
    }

    /// Reads `name` as a stream whose last event is the last of `types` in
    /// `stream`: for a fold that reads only those types of it.
    pub fn add_part(
        &mut self,
        store: &Store,
        name: &str,
        stream: &str,
        types: &[&str],
    ) -> Result<(), crate::error::CliError> {
        if let Some(tail) = store.last_of_types(stream, types)? {
            self.tails.insert(name.to_owned(), tail);
        }
        self.parts.push(name.to_owned());
        Ok(())
    }

    /// Reads the part of the programme stream a partnership's state reads
    /// ([`PROGRAMME_FOR_STATE`]).
    pub fn add_programme_for_state(&mut self, store: &Store) -> Result<(), crate::error::CliError> {
        self.add_part(
            store,
            PROGRAMME_FOR_STATE,
            "programme",
            &PROGRAMME_TYPES_FOR_STATE,
        )
    }

    /// Reads the part of the programme stream that names `partnership`
    /// (its meetings, activities and interviews) as a stream of its own,
    /// and gives its name: its last event as the reading index knows it,
    /// or, where the index cannot say, the programme stream's last event
    /// (any programme event then counts as one that may name it).
    pub fn add_naming_part(
        &mut self,
        store: &Store,
        partnership: &str,
    ) -> Result<String, crate::error::CliError> {
        let name = naming_part(partnership);
        let tail = match store.last_naming(partnership)? {
            Some(last) => last,
            None => self.tails.get("programme").copied(),
        };
        if let Some(tail) = tail {
            self.tails.insert(name.clone(), tail);
        }
        self.parts.push(name.clone());
        Ok(name)
    }

    /// The last event of `stream` (or of a part read with
    /// [`Folds::add_part`]), if it has any.
    pub fn tail(&self, stream: &str) -> Option<Tail> {
        self.tails.get(stream).copied()
    }

    /// How many events `stream` holds (0 when the log has none in it).
    pub fn stream_len(&self, stream: &str) -> u64 {
        self.tails.get(stream).map_or(0, |t| t.version)
    }

    /// The partnerships' streams of the log (`partnership:<id>`), in name
    /// order.
    pub fn partnership_streams(&self) -> Vec<String> {
        self.streams()
            .filter(|s| s.starts_with("partnership:"))
            .map(str::to_owned)
            .collect()
    }

    /// Every stream of the log, in name order.
    pub fn streams(&self) -> impl Iterator<Item = &str> {
        let parts = &self.parts;
        self.tails
            .keys()
            .map(String::as_str)
            .filter(move |s| !parts.iter().any(|name| name == s))
    }

    /// The digest of a fold of `reads` (the streams it reads, in a fixed
    /// order) saved under `name`.
    fn inputs(&self, name: &str, reads: &[&str]) -> [u8; 32] {
        let mut h = Sha256::new();
        for part in [self.code, self.kind, &self.view, name] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        for stream in reads {
            h.update((stream.len() as u64).to_le_bytes());
            h.update(stream.as_bytes());
            match self.tails.get(*stream) {
                Some(t) => {
                    h.update([1]);
                    h.update(t.seq.to_le_bytes());
                    h.update(t.hash);
                }
                None => h.update([0]),
            }
        }
        h.finalize().into()
    }

    /// The fold saved under `name` from `reads`, if its inputs are the
    /// log's still and its body decodes.
    pub fn saved<T: DeserializeOwned>(&self, name: &str, reads: &[&str]) -> Option<T> {
        let saved = self.saved.get(name)?;
        if saved.inputs != self.inputs(name, reads) {
            return None;
        }
        postcard::from_bytes(&saved.body).ok()
    }

    /// The body saved under `name` from `reads`, as saved (not decoded),
    /// if its inputs are the log's still; taken out of the folds read.
    pub(super) fn take_saved(&mut self, name: &str, reads: &[&str]) -> Option<Vec<u8>> {
        let inputs = self.inputs(name, reads);
        match self.saved.remove(name) {
            Some(saved) if saved.inputs == inputs => Some(saved.body),
            _ => None,
        }
    }

    /// Keeps only the latest `n` views of the kind when saving (for a
    /// kind whose views are large).
    pub fn keep_views(&mut self, n: usize) {
        self.keep_views = n;
    }

    /// Lets go of the saved folds read (every one was looked at): a
    /// fold of the whole log need not hold them too.
    pub fn let_go_of_saved(&mut self) {
        self.saved = BTreeMap::new();
    }

    /// Keeps a fold of `reads` to save under `name`.
    pub fn keep<T: Serialize>(&mut self, name: &str, reads: &[&str], fold: &T) {
        if let Ok(body) = postcard::to_stdvec(fold) {
            self.keep_body(name, reads, body);
        }
    }

    /// Keeps a body, as it is to be saved, of `reads` under `name`.
    fn keep_body(&mut self, name: &str, reads: &[&str], body: Vec<u8>) {
        let inputs = self.inputs(name, reads);
        self.new.push(NewFold {
            stream: name.to_owned(),
            inputs,
            body,
        });
    }

    /// Saves the folds kept, when the log's streams are still those they
    /// were folded from (another process may have appended meanwhile: then
    /// nothing is saved, and the next command folds again). Best effort.
    pub fn save(self, store: &Store) {
        self.save_and_hand_back(store);
    }

    /// [`Folds::save`], handing back the folds kept (saved or not), in
    /// the order they were kept.
    fn save_and_hand_back(self, store: &Store) -> Vec<NewFold> {
        store.save_stream_tails();
        if self.new.is_empty() {
            return self.new;
        }
        // The parts' tails follow from their streams': the streams' are
        // compared.
        let parts = &self.parts;
        let streams: BTreeMap<&String, &Tail> = self
            .tails
            .iter()
            .filter(|(s, _)| !parts.contains(s))
            .collect();
        let now = match store.stream_tails() {
            Ok(now) => now,
            Err(_) => return self.new,
        };
        if now.iter().collect::<BTreeMap<_, _>>() == streams {
            store.save_folds_keeping(self.kind, &self.view, &self.new, self.keep_views);
        }
        self.new
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folds<'a>(code: &'a str, tails: &[(&str, u64)], saved: &[NewFold]) -> Folds<'a> {
        Folds {
            code,
            kind: "status",
            view: view_name(&View::as_of(
                chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap(),
            )),
            tails: tails
                .iter()
                .map(|(s, seq)| {
                    (
                        (*s).to_owned(),
                        Tail {
                            seq: *seq,
                            hash: [*seq as u8; 32],
                            version: *seq,
                        },
                    )
                })
                .collect(),
            saved: saved
                .iter()
                .map(|f| {
                    let fold = SavedFold {
                        inputs: f.inputs,
                        body: f.body.clone(),
                    };
                    (f.stream.clone(), fold)
                })
                .collect(),
            new: Vec::new(),
            parts: Vec::new(),
            keep_views: accord_events::store::KEPT_VIEWS,
        }
    }

    /// A fold saved by one build is read back by the same build while its
    /// streams are unchanged, and by no other build, nor once a stream it
    /// read has a new last event.
    #[test]
    fn a_saved_fold_is_used_only_by_its_build_on_its_streams() {
        let tails = [("directory", 3), ("partnership:a", 9)];
        let reads = ["directory", "partnership:a"];
        let mut saving = folds("build one", &tails, &[]);
        saving.keep("partnership:a", &reads, &42u32);
        let saved = std::mem::take(&mut saving.new);

        let same = folds("build one", &tails, &saved);
        assert_eq!(same.saved::<u32>("partnership:a", &reads), Some(42));
        let other_build = folds("build two", &tails, &saved);
        assert_eq!(other_build.saved::<u32>("partnership:a", &reads), None);
        let appended = folds(
            "build one",
            &[("directory", 3), ("partnership:a", 10)],
            &saved,
        );
        assert_eq!(appended.saved::<u32>("partnership:a", &reads), None);
        // Read with another list of streams, it is another fold.
        assert_eq!(same.saved::<u32>("partnership:a", &["partnership:a"]), None);
    }
}
