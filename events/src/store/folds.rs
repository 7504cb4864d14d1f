//! Saved folds: what a reading command derived from one stream in one view,
//! kept in a file beside an SQLite log (`<log>.folds`, an SQLite database
//! of its own: `sql/folds.sql`) so that the next command in that view
//! folds again only the streams that changed since.
//!
//! Not in the log's own file: a reading command never changes the log's
//! file (an auditor may compare its bytes before and after), and the file
//! of saved folds may be deleted at any time.
//!
//! The store knows nothing of what is folded: a row is a body of bytes its
//! reader encodes, filed by kind, view and stream, with the digest of the
//! inputs it was folded from. The reader computes that digest from the
//! build's code and [`Store::stream_tails`] (the last event of each stream
//! it read: the log is append-only and each hash covers every event before
//! it, so the same last event means the same stream), and uses a row only
//! when the digest is still the same.
//!
//! Derived data, never trusted over the log (the same terms as the reading
//! index, `reading.rs`):
//! - each row is sealed, a BLAKE3 hash over its other columns: a row edited,
//!   truncated or moved to another key is not returned;
//! - a file that cannot be read (missing, locked, not a database) holds
//!   no saved folds, and one that is not a database is replaced when next
//!   written;
//! - rows are written in a transaction of their own, only when nobody else
//!   is writing that file (a reader never waits for it), and only the
//!   latest views of a kind are kept ([`KEPT_VIEWS`] unless the reader
//!   asks for fewer);
//! - `accord rebuild` deletes the file; `verify`, `export` and the rules
//!   never read it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::Store;
use super::StoreError;
use super::sql::STREAMS;
use super::sqlite::has_table;
use crate::verify::Head;

const TABLES: &str = include_str!("../../sql/folds.sql");

/// How many views of a kind are kept, the ones saved last, unless the
/// reader that saves them asks for another number.
pub const KEPT_VIEWS: usize = 16;

/// The file of saved folds is kept no larger than its log, and never
/// trimmed below this many bytes: past it, the rows saved longest ago
/// are deleted as new ones are saved ([`within_budget`]).
pub const LEAST_BUDGET: u64 = 256 << 20;

/// How many bytes the file of saved folds `file` may hold: as many as its
/// log (and its write-ahead log) take, and at least [`LEAST_BUDGET`].
/// Derived data should not cost more disk than what it was derived from;
/// kept copies and printed reports otherwise grow with every partnership
/// and date asked about (a busy partnership's history on one date is
/// 14 MB of text on a million events).
fn budget(file: &Path) -> u64 {
    let log = file.with_extension("");
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut wal = log.as_os_str().to_owned();
    wal.push("-wal");
    (size(&log) + size(Path::new(&wal))).max(LEAST_BUDGET)
}

/// The last event of a stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tail {
    /// Its position in the log.
    pub seq: u64,
    /// Its hash, which covers every event before it.
    pub hash: [u8; 32],
    /// Its position in its stream: how many events the stream holds.
    pub version: u64,
}

/// A fold read back: the digest of its inputs, and its body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedFold {
    /// The digest of what it was folded from, as its reader computed it.
    pub inputs: [u8; 32],
    /// What the fold gave, as its reader encoded it.
    pub body: Vec<u8>,
}

/// A fold to save: its stream, the digest of its inputs, and its body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFold {
    /// The stream (or the streams, named as its reader likes) it read.
    pub stream: String,
    /// The digest of what it was folded from.
    pub inputs: [u8; 32],
    /// What it gave.
    pub body: Vec<u8>,
}

/// A row's seal: BLAKE3 over its other columns, each with its length.
/// BLAKE3, not the log's SHA-256: a saved report of the busiest
/// partnership is 14 MB, checked on every read, and BLAKE3 reads it in a
/// third of the time. Either only detects a row damaged or edited without
/// its seal; the log, not this file, is what an auditor trusts.
fn seal(kind: &str, view: &str, stream: &str, inputs: &[u8], body: &[u8]) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(b"accord-fold-v2\0");
    for part in [kind.as_bytes(), view.as_bytes(), stream.as_bytes(), inputs] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part);
    }
    h.update(body);
    h.finalize().into()
}

/// The last event of every stream of the log, by stream: one lookup in the
/// stream index per stream.
pub(crate) fn tails(conn: &Connection) -> rusqlite::Result<BTreeMap<String, Tail>> {
    let mut names = conn.prepare(STREAMS)?;
    let streams: Vec<String> = names
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut last = conn.prepare(
        "SELECT seq, hash, stream_version FROM events WHERE stream = ?1
         ORDER BY stream_version DESC LIMIT 1",
    )?;
    let mut out = BTreeMap::new();
    for stream in streams {
        let tail = last.query_row([&stream], tail_of).optional()?;
        if let Some(tail) = tail {
            out.insert(stream, tail);
        }
    }
    Ok(out)
}

/// The kind the streams' tails are saved under: one row (view `""`,
/// stream `*`) whose inputs are the hash of the log's last event, which
/// covers every event before it. Finding the last event of 200 streams
/// took 6-8 ms of a 25 ms `show` on a million events; the row is read in
/// about one.
const TAILS: &str = "tails";

/// The streams' tails saved in `file`, when they were taken with `head`
/// as the log's last event (else `None`: the log has changed since, or
/// the row is missing or damaged).
fn saved_tails(file: &Path, head: &Head) -> Option<BTreeMap<String, Tail>> {
    let saved = load(file, TAILS, "", Some("*")).ok()?.remove("*")?;
    if saved.inputs != head.hash {
        return None;
    }
    decode_tails(&saved.body)
}

/// Saves `tails` in `file` (best effort), under the last event among them,
/// the log's last when they were taken.
fn save_tails(file: &Path, tails: &BTreeMap<String, Tail>) {
    let Some(last) = tails.values().max_by_key(|t| t.seq) else {
        return;
    };
    let fold = NewFold {
        stream: "*".to_owned(),
        inputs: last.hash,
        body: encode_tails(tails),
    };
    let to = Saving {
        kind: TAILS,
        view: "",
        keep_views: 1,
        budget: budget(file),
    };
    let _ = save(file, to, &[fold]);
}

/// The last event of every stream as a backend last took it (a reading
/// command asks several times: its saved folds, a partnership's kept
/// inputs, the check before saving; while the log ends with the same
/// event its streams end the same way).
pub(crate) struct KeptTails {
    /// The log's last event when they were taken.
    head: Head,
    tails: BTreeMap<String, Tail>,
    /// Whether the file of saved folds holds them (read from it, or saved).
    in_file: bool,
}

/// The streams' tails at `head`: those `kept` holds when taken at it, else
/// those saved in `file` under it (one row, rather than an index step
/// per stream), else looked up; kept for the next call either way.
pub(crate) fn kept_tails(
    conn: &Connection,
    file: Option<&Path>,
    head: Head,
    kept: &std::cell::RefCell<Option<KeptTails>>,
) -> rusqlite::Result<BTreeMap<String, Tail>> {
    if let Some(k) = &*kept.borrow()
        && k.head == head
    {
        return Ok(k.tails.clone());
    }
    let saved = file.and_then(|f| saved_tails(f, &head));
    let in_file = saved.is_some();
    let tails = match saved {
        Some(tails) => tails,
        None => tails(conn)?,
    };
    *kept.borrow_mut() = Some(KeptTails {
        head,
        tails: tails.clone(),
        in_file,
    });
    Ok(tails)
}

/// Saves in `file` the tails `kept` holds, unless they came from there or
/// were saved already (only a command that may write its saved folds
/// calls this: never under `--read-only`).
pub(crate) fn save_kept_tails(file: &Path, kept: &std::cell::RefCell<Option<KeptTails>>) {
    if let Some(k) = kept.borrow_mut().as_mut()
        && !k.in_file
    {
        save_tails(file, &k.tails);
        k.in_file = true;
    }
}

/// Each stream as its name's length (4 bytes), its name, and its tail's
/// seq (8), hash (32) and version (8); numbers little-endian.
fn encode_tails(tails: &BTreeMap<String, Tail>) -> Vec<u8> {
    let mut out = Vec::with_capacity(tails.len() * 80);
    for (stream, t) in tails {
        out.extend_from_slice(&(stream.len() as u32).to_le_bytes());
        out.extend_from_slice(stream.as_bytes());
        out.extend_from_slice(&t.seq.to_le_bytes());
        out.extend_from_slice(&t.hash);
        out.extend_from_slice(&t.version.to_le_bytes());
    }
    out
}

fn decode_tails(mut body: &[u8]) -> Option<BTreeMap<String, Tail>> {
    fn take<'a>(body: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, rest) = body.split_at_checked(n)?;
        *body = rest;
        Some(head)
    }
    let number = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
    let mut tails = BTreeMap::new();
    while !body.is_empty() {
        let len = u32::from_le_bytes(take(&mut body, 4)?.try_into().ok()?) as usize;
        let stream = std::str::from_utf8(take(&mut body, len)?).ok()?.to_owned();
        let seq = number(take(&mut body, 8)?);
        let hash = take(&mut body, 32)?.try_into().ok()?;
        let version = number(take(&mut body, 8)?);
        tails.insert(stream, Tail { seq, hash, version });
    }
    Some(tails)
}

/// The file of saved folds beside the log at `log`.
pub(crate) fn file_beside(log: &Path) -> PathBuf {
    let mut name = log.as_os_str().to_owned();
    name.push(".folds");
    PathBuf::from(name)
}

/// The last event of `stream` of one of `types`: the stream read backwards
/// through its index until one is found.
pub(crate) fn last_of_types(
    conn: &Connection,
    stream: &str,
    types: &[&str],
) -> rusqlite::Result<Option<Tail>> {
    let marks: Vec<String> = (0..types.len()).map(|i| format!("?{}", i + 2)).collect();
    let sql = format!(
        "SELECT seq, hash, stream_version FROM events WHERE stream = ?1 AND type IN ({})
         ORDER BY stream_version DESC LIMIT 1",
        marks.join(", ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let params = std::iter::once(stream).chain(types.iter().copied());
    stmt.query_row(rusqlite::params_from_iter(params), tail_of)
        .optional()
}

/// The last event of some types of a stream, as a backend last looked it
/// up (a reading command asks twice: for its saved report, then for a
/// partnership's kept inputs; while the log ends with the same event the
/// answer is the same).
pub(crate) struct KeptLast {
    head: Head,
    stream: String,
    types: Vec<String>,
    last: Option<Tail>,
}

/// The last event of `types` in `stream` at `head`: as `kept` holds it
/// when asked at that head, else looked up by `look` and kept.
pub(crate) fn kept_last_of_types(
    head: Head,
    stream: &str,
    types: &[&str],
    kept: &std::cell::RefCell<Option<KeptLast>>,
    look: impl FnOnce() -> Result<Option<Tail>, StoreError>,
) -> Result<Option<Tail>, StoreError> {
    if let Some(k) = &*kept.borrow()
        && k.head == head
        && k.stream == stream
        && k.types.iter().eq(types.iter())
    {
        return Ok(k.last);
    }
    let last = look()?;
    *kept.borrow_mut() = Some(KeptLast {
        head,
        stream: stream.to_owned(),
        types: types.iter().map(|t| (*t).to_owned()).collect(),
        last,
    });
    Ok(last)
}

/// A stream's last event from a row of `seq, hash, stream_version`.
pub(crate) fn tail_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Tail> {
    let hash: Vec<u8> = r.get(1)?;
    Ok(Tail {
        seq: r.get::<_, i64>(0)? as u64,
        // A hash of the wrong length matches no fold's inputs.
        hash: hash.try_into().unwrap_or([0; 32]),
        version: r.get::<_, i64>(2)? as u64,
    })
}

/// The intact folds of `kind` saved in `view` in `file`, by stream; with
/// `only`, that stream's alone (a report of one partnership reads one row,
/// not every partnership's of the view).
fn load(
    file: &Path,
    kind: &str,
    view: &str,
    only: Option<&str>,
) -> rusqlite::Result<BTreeMap<String, SavedFold>> {
    let loaded = super::folds_reader::with_reader(file, |conn| {
        let mut out = BTreeMap::new();
        if !has_table(conn, "main", "accord_folds")? {
            return Ok(out);
        }
        // A long body (the busiest partnership's report, 14 MB) is read
        // through a blob handle straight into its buffer: as a column,
        // SQLite first copied it into a buffer of its own, written to
        // fresh pages, then into ours.
        let mut stmt = conn.prepare_cached(
            "SELECT stream, inputs, seal, rowid, length(body),
                    CASE WHEN length(body) > ?4 THEN NULL ELSE body END
             FROM accord_folds
             WHERE kind = ?1 AND view = ?2 AND (?3 IS NULL OR stream = ?3)",
        )?;
        let mut rows = stmt.query(rusqlite::params![kind, view, only, READ_BY_HANDLE])?;
        while let Some(row) = rows.next()? {
            // A row of the wrong type is as damaged as one that fails its seal.
            let Ok((stream, inputs, sealed, rowid, len, body)) = (|| {
                Ok::<_, rusqlite::Error>((
                    row.get::<_, String>(0)?,
                    row.get::<_, Vec<u8>>(1)?,
                    row.get::<_, Vec<u8>>(2)?,
                    row.get::<_, i64>(3)?,
                    row.get::<_, i64>(4)?,
                    row.get::<_, Option<Vec<u8>>>(5)?,
                ))
            })() else {
                continue;
            };
            let body = match body {
                Some(body) => body,
                None => match read_body(conn, rowid, len) {
                    Some(body) => body,
                    None => continue,
                },
            };
            if sealed != seal(kind, view, &stream, &inputs, &body) {
                continue;
            }
            let Ok(inputs) = <[u8; 32]>::try_from(inputs) else {
                continue;
            };
            out.insert(stream, SavedFold { inputs, body });
        }
        Ok(out)
    })?;
    Ok(loaded.unwrap_or_default())
}

/// Bodies longer than this are read by [`read_body`].
const READ_BY_HANDLE: i64 = 1 << 20;

/// The body of the row at `rowid`, `len` bytes, read through a blob
/// handle into one buffer; `None` when it cannot be read whole.
fn read_body(conn: &Connection, rowid: i64, len: i64) -> Option<Vec<u8>> {
    let blob = conn
        .blob_open(rusqlite::MAIN_DB, "accord_folds", "body", rowid, true)
        .ok()?;
    let len = usize::try_from(len).ok()?;
    if blob.len() != len {
        return None;
    }
    let mut body = vec![0; len];
    blob.read_at_exact(&mut body, 0).ok()?;
    Some(body)
}

/// Saves `folds` of `kind` in `view` in `file` (created when missing;
/// replaced when it is not a database or is damaged), in one transaction,
/// and keeps only the latest `keep_views` views of the kind. Gives up at
/// once when another process is writing it.
fn save(file: &Path, to: Saving<'_>, folds: &[NewFold]) -> rusqlite::Result<()> {
    match save_once(file, to, folds) {
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
            ) =>
        {
            remove(file).map_err(|_| e)?;
            save_once(file, to, folds)
        }
        other => other,
    }
}

/// Where folds are saved: their kind and view, and how many views of the
/// kind are kept.
#[derive(Clone, Copy)]
struct Saving<'a> {
    kind: &'a str,
    view: &'a str,
    keep_views: usize,
    /// How many bytes the file may hold ([`budget`]).
    budget: u64,
}

fn save_once(file: &Path, to: Saving<'_>, folds: &[NewFold]) -> rusqlite::Result<()> {
    let conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::ZERO)?;
    // Derived data: a save is not worth an fsync (tens of milliseconds on
    // a reading command). A power cut may lose it or leave the file
    // damaged; a damaged file is deleted and written afresh (above), and a
    // damaged row fails its seal.
    conn.pragma_update(None, "synchronous", "OFF")?;
    // Nor a journal file created and deleted (a few milliseconds): a save
    // cut short leaves a damaged file, replaced as above.
    conn.pragma_update(None, "journal_mode", "MEMORY")?;
    conn.execute_batch("BEGIN IMMEDIATE")?;
    match write(&conn, to, folds) {
        Ok(()) => conn.execute_batch("COMMIT"),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

fn write(conn: &Connection, to: Saving<'_>, folds: &[NewFold]) -> rusqlite::Result<()> {
    let Saving {
        kind,
        view,
        keep_views,
        budget,
    } = to;
    conn.execute_batch(TABLES)?;
    let saved: i64 = conn.query_row(
        "SELECT coalesce(max(saved), 0) + 1 FROM accord_folds",
        [],
        |r| r.get(0),
    )?;
    let mut put = conn.prepare(
        "INSERT OR REPLACE INTO accord_folds (kind, view, stream, inputs, body, seal, saved)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for f in folds {
        let sealed = seal(kind, view, &f.stream, &f.inputs, &f.body);
        put.execute(rusqlite::params![
            kind,
            view,
            f.stream,
            &f.inputs[..],
            f.body,
            &sealed[..],
            saved
        ])?;
    }
    // The views of this kind saved last stay (a view counts as saved when
    // any of its rows was).
    conn.execute(
        "DELETE FROM accord_folds WHERE kind = ?1 AND view NOT IN (
             SELECT view FROM accord_folds WHERE kind = ?1
             GROUP BY view ORDER BY max(saved) DESC LIMIT ?2)",
        rusqlite::params![kind, keep_views as i64],
    )?;
    within_budget(conn, saved, budget)
}

/// Deletes the rows saved longest ago, of any kind, never those of this
/// save (`saved`), while the file's pages in use take more than `budget`
/// bytes. The pages freed are reused by later saves, so the file stays
/// about that size.
fn within_budget(conn: &Connection, saved: i64, budget: u64) -> rusqlite::Result<()> {
    loop {
        let used: i64 = conn.query_row(
            "SELECT (p.page_count - f.freelist_count) * s.page_size
             FROM pragma_page_count() AS p, pragma_freelist_count() AS f,
                  pragma_page_size() AS s",
            [],
            |r| r.get(0),
        )?;
        if u64::try_from(used).unwrap_or(0) <= budget {
            return Ok(());
        }
        let deleted = conn.execute(
            "DELETE FROM accord_folds WHERE rowid IN (
                 SELECT rowid FROM accord_folds WHERE saved < ?1 ORDER BY saved LIMIT 8)",
            [saved],
        )?;
        if deleted == 0 {
            return Ok(());
        }
    }
}

/// Deletes the file of saved folds (and a journal SQLite left beside it).
pub(crate) fn remove(file: &Path) -> std::io::Result<()> {
    let mut journal = file.as_os_str().to_owned();
    journal.push("-journal");
    for path in [file.to_owned(), PathBuf::from(journal)] {
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

impl Store {
    /// The last event of every stream, by stream; empty on a backend that
    /// keeps no saved folds (PostgreSQL), where nothing is saved either.
    /// On SQLite they are read from the file of saved folds while the
    /// log's last event is the one they were taken at, else looked up (an
    /// index step per stream); [`Store::save_stream_tails`] saves them.
    pub fn stream_tails(&self) -> Result<BTreeMap<String, Tail>, StoreError> {
        self.backend.stream_tails()
    }

    /// Saves, beside the saved folds, the tails [`Store::stream_tails`]
    /// last looked up, unless they were read from there (best effort). A
    /// reading command calls it where it saves its folds, never under
    /// `--read-only`.
    pub fn save_stream_tails(&self) {
        self.backend.save_stream_tails();
    }

    /// The last event of `stream` of one of `types`, as
    /// [`Store::stream_tails`] gives a stream's (none where that gives
    /// none): for a fold that reads only those types of the stream.
    pub fn last_of_types(&self, stream: &str, types: &[&str]) -> Result<Option<Tail>, StoreError> {
        self.backend.last_of_types(stream, types)
    }

    /// The last event of the programme stream that names `partnership` (a
    /// meeting, activity or interview listing it), as the reading index
    /// knows it: `None` when it cannot say (no index, as on PostgreSQL;
    /// not sound; behind the programme stream), `Some(None)` when there is
    /// none. For a fold that reads only those events of the programme.
    pub fn last_naming(&self, partnership: &str) -> Result<Option<Option<Tail>>, StoreError> {
        self.backend.last_naming(partnership)
    }

    /// The hash of the event at `seq`, if the log holds one there: for a
    /// reader that checks a copy it keeps is still of this log (each hash
    /// covers every event before it).
    pub fn hash_at(&self, seq: u64) -> Option<[u8; 32]> {
        let (_, hash) = self.backend.recorded_at_of(seq).ok()?;
        hash.try_into().ok()
    }

    /// The intact folds of `kind` saved in `view`, by stream: none when
    /// the log keeps no file of saved folds or it cannot be read.
    pub fn saved_folds(&self, kind: &str, view: &str) -> BTreeMap<String, SavedFold> {
        self.backend
            .fold_file()
            .and_then(|file| load(&file, kind, view, None).ok())
            .unwrap_or_default()
    }

    /// The intact fold of `kind` saved in `view` from `stream`, if any (as
    /// [`Store::saved_folds`], one row read).
    pub fn saved_fold(&self, kind: &str, view: &str, stream: &str) -> Option<SavedFold> {
        let file = self.backend.fold_file()?;
        load(&file, kind, view, Some(stream)).ok()?.remove(stream)
    }

    /// Saves folds of `kind` in `view`, replacing those of the same
    /// streams. Best effort: `false` when they could not be written (a
    /// read-only directory, another process writing, PostgreSQL); readers
    /// then fold as before.
    pub fn save_folds(&self, kind: &str, view: &str, folds: &[NewFold]) -> bool {
        self.save_folds_keeping(kind, view, folds, KEPT_VIEWS)
    }

    /// As [`Store::save_folds`], keeping the latest `keep_views` views of
    /// the kind (a kind whose views are large keeps fewer).
    pub fn save_folds_keeping(
        &self,
        kind: &str,
        view: &str,
        folds: &[NewFold],
        keep_views: usize,
    ) -> bool {
        match self.backend.fold_file() {
            Some(file) if !folds.is_empty() => {
                let to = Saving {
                    kind,
                    view,
                    keep_views,
                    budget: budget(&file),
                };
                save(&file, to, folds).is_ok()
            }
            _ => false,
        }
    }

    /// The file the saved folds are kept in, if this log keeps one.
    pub fn fold_file(&self) -> Option<PathBuf> {
        self.backend.fold_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::store::Access;

    fn fold(stream: &str, body: &[u8]) -> NewFold {
        NewFold {
            stream: stream.to_owned(),
            inputs: [7; 32],
            body: body.to_vec(),
        }
    }

    fn append_organisations(store: &mut Store, from: u32, n: u32) {
        let lines: Vec<String> = (from..from + n)
            .map(|i| format!(r#"{{"type":"organisation.registered","occurred_at":"2009-06-01","data":{{"org":"o{i}","name":"Org {i}","side":"government"}}}}"#))
            .collect();
        let today = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        let opts = crate::store::AppendOptions {
            operator: Some("t"),
            ..Default::default()
        };
        let events = lines
            .iter()
            .enumerate()
            .map(|(i, l)| crate::input::parse_line(i + 1, l, today));
        store.append(events, &opts).unwrap();
    }

    /// The streams' tails are saved under the log's last event, read back
    /// while it is still the last, and taken afresh (and saved again) once
    /// the log has grown or the row is damaged.
    #[test]
    fn the_streams_tails_are_saved_under_the_log_s_last_event() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.db");
        let file = file_beside(&path);
        let mut store = Store::create(&path, Clock::System).unwrap();
        append_organisations(&mut store, 0, 3);
        let looked_up = || tails(&Connection::open(&path).unwrap()).unwrap();
        let taken = store.stream_tails().unwrap();
        assert_eq!(taken, looked_up());
        assert_eq!(taken["directory"].version, 3);
        let head = store.head().unwrap();
        assert_eq!(saved_tails(&file, &head), None, "saved only when asked");
        store.save_stream_tails();
        assert_eq!(saved_tails(&file, &head), Some(taken.clone()));

        append_organisations(&mut store, 3, 2);
        let head = store.head().unwrap();
        assert_eq!(saved_tails(&file, &head), None, "the log has grown");
        let reopened = Store::open(&path, Access::ReadOnly, Clock::System).unwrap();
        assert_eq!(reopened.stream_tails().unwrap(), looked_up());
        reopened.save_stream_tails();
        assert_eq!(saved_tails(&file, &head), Some(looked_up()), "saved again");

        // A row whose body was edited fails its seal and is not used.
        Connection::open(&file)
            .unwrap()
            .execute(
                "UPDATE accord_folds SET body = zeroblob(length(body)) WHERE kind = 'tails'",
                [],
            )
            .unwrap();
        assert_eq!(saved_tails(&file, &head), None);
        let reopened = Store::open(&path, Access::ReadOnly, Clock::System).unwrap();
        assert_eq!(reopened.stream_tails().unwrap(), looked_up());
    }

    /// The last event of some types is looked up once per head, stream
    /// and types: asked again the same, it is the one kept; asked at
    /// another head, of another stream or of other types, looked up.
    #[test]
    fn the_last_of_types_is_kept_for_the_same_question_only() {
        let kept = std::cell::RefCell::new(None);
        let looked = std::cell::Cell::new(0);
        let tail = |seq| Tail {
            seq,
            hash: [seq as u8; 32],
            version: seq,
        };
        let head = |seq| Head {
            seq,
            hash: [seq as u8; 32],
        };
        let ask = |at: Head, stream: &str, types: &[&str]| {
            kept_last_of_types(at, stream, types, &kept, || {
                looked.set(looked.get() + 1);
                Ok(Some(tail(at.seq + looked.get())))
            })
            .unwrap()
        };
        let first = ask(
            head(5),
            "programme",
            &["stage.entered", "framework.adopted"],
        );
        assert_eq!(
            ask(
                head(5),
                "programme",
                &["stage.entered", "framework.adopted"]
            ),
            first
        );
        assert_eq!(looked.get(), 1);
        for (at, stream, types) in [
            (
                head(6),
                "programme",
                &["stage.entered", "framework.adopted"][..],
            ),
            (
                head(6),
                "directory",
                &["stage.entered", "framework.adopted"][..],
            ),
            (head(6), "directory", &["stage.entered"][..]),
        ] {
            let before = looked.get();
            assert_ne!(ask(at, stream, types), first);
            assert_eq!(looked.get(), before + 1, "{stream} {types:?} at {}", at.seq);
        }
    }

    #[test]
    fn saved_tails_decode_as_encoded_and_refuse_a_cut_body() {
        let tails: BTreeMap<String, Tail> = [("directory", 4), ("partnership:twg-é", 9)]
            .into_iter()
            .map(|(s, seq)| {
                let tail = Tail {
                    seq,
                    hash: [seq as u8; 32],
                    version: seq - 1,
                };
                (s.to_owned(), tail)
            })
            .collect();
        let body = encode_tails(&tails);
        assert_eq!(decode_tails(&body), Some(tails));
        assert_eq!(decode_tails(&body[..body.len() - 1]), None);
    }

    /// Saved through a read-only store (a second connection writes), read
    /// back intact; only the latest views of a kind are kept.
    #[test]
    fn the_latest_views_are_kept_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.db");
        drop(Store::create(&path, Clock::System).unwrap());
        let store = Store::open(&path, Access::ReadOnly, Clock::System).unwrap();
        assert!(store.saved_folds("status", "v0").is_empty());
        for v in 0..KEPT_VIEWS + 4 {
            assert!(store.save_folds("status", &format!("v{v}"), &[fold("programme", b"x")]));
        }
        assert!(store.save_folds("snapshot", "v0", &[fold("programme", b"y")]));
        for v in 0..4 {
            assert!(store.saved_folds("status", &format!("v{v}")).is_empty());
        }
        let last = store.saved_folds("status", &format!("v{}", KEPT_VIEWS + 3));
        assert_eq!(last["programme"].body, b"x");
        assert_eq!(last["programme"].inputs, [7; 32]);
        // Another kind's views are its own.
        assert_eq!(store.saved_folds("snapshot", "v0")["programme"].body, b"y");
        // A kind that keeps fewer views.
        for v in 0..4 {
            assert!(store.save_folds_keeping("report", &format!("v{v}"), &[fold("a", b"z")], 2));
        }
        for v in 0..4 {
            assert_eq!(
                store.saved_folds("report", &format!("v{v}")).is_empty(),
                v < 2,
                "v{v}"
            );
        }
    }

    /// Past its budget, the file deletes the rows saved longest ago, of
    /// any kind, never the row of the save that went past it, and stays
    /// about that size (the pages freed are used again).
    #[test]
    fn the_rows_saved_longest_ago_go_past_the_budget() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.db");
        let store = Store::create(&path, Clock::System).unwrap();
        let file = file_beside(&path);
        assert_eq!(budget(&file), LEAST_BUDGET, "a small log's file");
        let body = vec![7u8; 100_000];
        let budget = 1 << 20;
        for k in 0..40 {
            let to = Saving {
                kind: ["show", "inputs"][k % 2],
                view: &format!("v{k}"),
                keep_views: 64,
                budget,
            };
            save(&file, to, &[fold(&format!("s{k}"), &body)]).unwrap();
            let size = std::fs::metadata(&file).unwrap().len();
            assert!(
                size < budget + 3 * body.len() as u64,
                "save {k}: {size} bytes"
            );
        }
        let kept = |kind, k: usize| store.saved_fold(kind, &format!("v{k}"), &format!("s{k}"));
        assert_eq!(kept("inputs", 39).unwrap().body, body);
        assert_eq!(kept("show", 38).unwrap().body, body);
        assert!(kept("show", 0).is_none());
        assert!(kept("inputs", 1).is_none());
        let conn = Connection::open(&file).unwrap();
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM accord_folds", [], |r| r.get(0))
            .unwrap();
        assert!((6..=11).contains(&rows), "{rows} rows of 100 kB in 1 MB");
        // One save larger than the budget is kept whole, alone.
        let to = Saving {
            kind: "show",
            view: "big",
            keep_views: 64,
            budget,
        };
        let big = vec![1u8; 2 << 20];
        save(&file, to, &[fold("big", &big)]).unwrap();
        assert_eq!(store.saved_fold("show", "big", "big").unwrap().body, big);
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM accord_folds", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 1);
    }

    /// A row whose body, inputs or key was changed after it was saved fails
    /// its seal and is not returned.
    #[test]
    fn an_edited_row_is_not_returned() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.db");
        let store = Store::create(&path, Clock::System).unwrap();
        assert!(store.save_folds(
            "status",
            "v",
            &[fold("a", b"one"), fold("b", b"two"), fold("c", b"three")]
        ));
        let conn = Connection::open(file_beside(&path)).unwrap();
        conn.execute_batch(
            "UPDATE accord_folds SET body = X'00' WHERE stream = 'a';
             UPDATE accord_folds SET inputs = zeroblob(32) WHERE stream = 'b';",
        )
        .unwrap();
        let read = store.saved_folds("status", "v");
        assert_eq!(read.keys().collect::<Vec<_>>(), ["c"]);
        conn.execute("UPDATE accord_folds SET view = 'w' WHERE stream = 'c'", [])
            .unwrap();
        assert!(store.saved_folds("status", "w").is_empty());
        // A file that is not a database holds nothing, and is replaced.
        drop(conn);
        std::fs::write(file_beside(&path), b"not a database").unwrap();
        assert!(store.saved_folds("status", "v").is_empty());
        assert!(store.save_folds("status", "v", &[fold("a", b"again")]));
        assert_eq!(store.saved_folds("status", "v")["a"].body, b"again");
    }

    /// A file damaged past its header (as a power cut may leave it: saves
    /// are not synced) holds nothing, and is replaced at the next save.
    #[test]
    fn a_damaged_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.db");
        let store = Store::create(&path, Clock::System).unwrap();
        let big = vec![b'x'; 20_000];
        assert!(store.save_folds("status", "v", &[fold("a", &big), fold("b", &big)]));
        let file = file_beside(&path);
        let mut bytes = std::fs::read(&file).unwrap();
        assert!(bytes.len() > 8192, "the test's premise");
        // Every page after the first (the schema's) overwritten.
        let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
        for b in &mut bytes[page..] {
            *b = 0xA5;
        }
        std::fs::write(&file, &bytes).unwrap();
        assert!(store.saved_folds("status", "v").is_empty());
        assert!(store.save_folds("status", "v", &[fold("a", b"again")]));
        assert_eq!(store.saved_folds("status", "v")["a"].body, b"again");
    }

    /// Bodies longer than [`READ_BY_HANDLE`] (read through a blob handle,
    /// not as a column) come back whole, beside short ones, one stream or
    /// all; one edited in place fails its seal like a short one.
    #[test]
    fn long_bodies_are_read_whole_and_an_edited_one_is_not_returned() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.db");
        let store = Store::create(&path, Clock::System).unwrap();
        let long = |b: u8| {
            let mut body: Vec<u8> = (0..READ_BY_HANDLE as usize + 4097)
                .map(|i| (i % 251) as u8)
                .collect();
            body[0] = b;
            body
        };
        let folds = [
            fold("a", &long(1)),
            fold("b", b"short"),
            fold("c", &long(2)),
        ];
        assert!(store.save_folds("show", "v", &folds));
        let read = store.saved_folds("show", "v");
        assert_eq!(read.len(), 3);
        for f in &folds {
            assert_eq!(read[&f.stream].body, f.body, "{}", f.stream);
        }
        assert_eq!(store.saved_fold("show", "v", "c").unwrap().body, long(2));
        // A byte changed in the middle of a long body, its length kept.
        let conn = Connection::open(file_beside(&path)).unwrap();
        let rowid: i64 = conn
            .query_row(
                "SELECT rowid FROM accord_folds WHERE stream = 'a'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let mut blob = conn
            .blob_open(rusqlite::MAIN_DB, "accord_folds", "body", rowid, false)
            .unwrap();
        blob.write_at(b"!", READ_BY_HANDLE as usize / 2).unwrap();
        drop(blob);
        let read = store.saved_folds("show", "v");
        assert_eq!(read.keys().collect::<Vec<_>>(), ["b", "c"]);
        assert!(store.saved_fold("show", "v", "a").is_none());
    }
}
