//! Reading events as people and programs write them: one JSON object per
//! line (see docs/format.md). Everything that can be checked
//! without the log is checked here, before any lock is taken.

use std::io::{BufRead, Read};

use chrono::{DateTime, Days, NaiveDate};
use serde_json::{Map, Value};

use crate::catalogue::{Event, EventKind};
use crate::json::canonical;

pub mod quick;
// Where the envelope's own fields are checked (ids and operators are
// checked by the catalogue too, which must not depend on this module).
pub use crate::fields::{MAX_EVENT_ID_CHARS, MAX_OPERATOR_CHARS, check_event_id, check_operator};

/// Longest line accepted (bytes).
pub const MAX_LINE_BYTES: usize = 1 << 20;
/// Longest `source`.
pub const MAX_SOURCE_CHARS: usize = 2_000;

/// An event as given, parsed and validated on its own, not yet checked against the log.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEvent {
    /// Where it came from, for messages: the line number in the input (1-based).
    pub line: usize,
    /// The idempotency key, when given.
    pub id: Option<String>,
    /// Business time, as written.
    pub occurred_at: String,
    /// The calendar date written in `occurred_at`.
    pub occurred_on: NaiveDate,
    /// The operator, when given in the line (else the caller's `--as`).
    pub recorded_by: Option<String>,
    /// Free-text provenance.
    pub source: Option<String>,
    /// The canonical JSON of `data`, as stored and hashed: made where the
    /// line is parsed, which a bulk append does on a thread of its own
    /// ([`parse_ahead`]), so that the writing thread only takes it. The
    /// parsed `data` is not kept: it is dropped on the thread that built
    /// it (freeing a tree of maps on another thread showed in perf), and a
    /// repeated id's content is compared in this form.
    canonical: String,
    /// The typed, validated event.
    pub event: Event,
}

impl NewEvent {
    /// Builds an event from typed data (for the human commands and the example).
    pub fn from_event(event: Event, occurred_at: &str) -> Result<NewEvent, InputError> {
        let occurred_on =
            parse_occurred_at(occurred_at).map_err(|m| InputError::field(0, "occurred_at", m))?;
        let data = event.to_data();
        Ok(NewEvent {
            line: 0,
            id: None,
            occurred_at: occurred_at.to_owned(),
            occurred_on,
            recorded_by: None,
            source: None,
            canonical: canonical(&data),
            event,
        })
    }

    /// `data` as it is stored: the value of its canonical JSON.
    pub fn data(&self) -> Value {
        serde_json::from_str(&self.canonical).unwrap_or(Value::Null)
    }

    /// The canonical JSON of `data`, as it would be stored and hashed.
    pub fn canonical_data(&self) -> &str {
        &self.canonical
    }

    /// Takes the canonical JSON of `data` (what is stored and hashed),
    /// leaving it empty: the stored form is made once.
    pub(crate) fn take_canonical(&mut self) -> String {
        std::mem::take(&mut self.canonical)
    }

    /// Hands back what [`NewEvent::take_canonical`] took (a row that was
    /// not written, compared with the recorded one).
    pub(crate) fn restore_canonical(&mut self, canonical: String) {
        self.canonical = canonical;
    }

    /// The event's type.
    pub fn kind(&self) -> EventKind {
        self.event.kind()
    }
}

/// Why a line could not be read as an event.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {field}: {message}")]
pub struct InputError {
    /// 1-based line number (0 when the event did not come from a file).
    pub line: usize,
    /// The field at fault (`type`, `data.scores.shared_goal`), or `line` for the whole line.
    pub field: String,
    /// What is wrong and what to write instead.
    pub message: String,
}

impl InputError {
    fn field(line: usize, field: &str, message: impl Into<String>) -> InputError {
        InputError {
            line,
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// Parses `occurred_at` (`YYYY-MM-DD` or RFC 3339 with an offset) and returns
/// the calendar date written in it.
pub fn parse_occurred_at(s: &str) -> Result<NaiveDate, String> {
    if s.len() == 10 {
        return crate::fields::Day::parse(s).map(|d| d.0);
    }
    let day = s.get(..10).and_then(|d| crate::fields::Day::parse(d).ok());
    match (day, DateTime::parse_from_rfc3339(s)) {
        (Some(day), Ok(_)) => Ok(day.0),
        _ => Err(format!(
            "{s:?} is not a date or timestamp: write YYYY-MM-DD (2009-09-11) or RFC 3339 with an offset (2009-09-11T09:30:00+07:00)"
        )),
    }
}

const TOP_LEVEL: [&str; 6] = ["id", "type", "occurred_at", "recorded_by", "source", "data"];

/// Parses one line of JSON Lines. `today` bounds `occurred_at` (at most one day ahead).
///
/// A well-formed line is read in one pass ([`quick`]); any line that pass
/// does not take whole is read again by [`parse_line_explained`], which
/// accepts exactly the same lines, with the same result, and says what is
/// wrong with the others.
pub fn parse_line(line: usize, text: &str, today: NaiveDate) -> Result<NewEvent, InputError> {
    if text.len() <= MAX_LINE_BYTES
        && let Some(ev) = quick::parse(line, text, today)
    {
        return Ok(ev);
    }
    parse_line_explained(line, text, today)
}

/// Parses one line through its JSON tree, tracking the path of every field
/// for the message: what [`parse_line`] falls back to. Public so that its
/// agreement with the quick pass can be tested from outside.
pub fn parse_line_explained(
    line: usize,
    text: &str,
    today: NaiveDate,
) -> Result<NewEvent, InputError> {
    if text.len() > MAX_LINE_BYTES {
        return Err(InputError::field(
            line,
            "line",
            format!(
                "the line is {} bytes long; at most {MAX_LINE_BYTES} are accepted",
                text.len()
            ),
        ));
    }
    let value = crate::json::parse_strict(text).map_err(|e| {
        InputError::field(
            line,
            "line",
            format!("not valid JSON ({e}); each line must hold one JSON object"),
        )
    })?;
    let Value::Object(mut obj) = value else {
        return Err(InputError::field(
            line,
            "line",
            "each line must hold one JSON object, {...}",
        ));
    };
    if let Some(k) = obj.keys().find(|k| !TOP_LEVEL.contains(&k.as_str())) {
        return Err(InputError::field(
            line,
            k,
            format!(
                "{k:?} is not a field of an event (expected one of id, type, occurred_at, recorded_by, source, data; event fields go inside \"data\")"
            ),
        ));
    }
    let id = optional_string(&mut obj, line, "id")?;
    if let Some(id) = &id {
        checked_id(line, id)?;
    }
    let kind = checked_kind(line, &required_string(&mut obj, line, "type")?)?;
    let occurred_at = required_string(&mut obj, line, "occurred_at")?;
    let occurred_on = checked_occurred_at(line, &occurred_at, today)?;
    let recorded_by = optional_string(&mut obj, line, "recorded_by")?;
    if let Some(r) = &recorded_by {
        checked_operator(line, r)?;
    }
    let source = optional_string(&mut obj, line, "source")?;
    if let Some(s) = &source {
        checked_source(line, s)?;
    }
    let data = obj.remove("data").ok_or_else(|| {
        InputError::field(
            line,
            "data",
            "the field \"data\" is required (an object with the event's fields)",
        )
    })?;
    let event = Event::decode(kind, &data).map_err(|e| {
        let field = if e.path.is_empty() {
            "data".to_owned()
        } else {
            format!("data.{}", e.path)
        };
        InputError::field(
            line,
            &field,
            format!("{} (the fields of {kind}: {})", e.message, kind.fields()),
        )
    })?;
    Ok(NewEvent {
        line,
        id,
        occurred_at,
        occurred_on,
        recorded_by,
        source,
        canonical: canonical(&data),
        event,
    })
}

// The checks of the envelope's fields, shared by both passes over a line.

fn checked_id(line: usize, id: &str) -> Result<(), InputError> {
    check_event_id(id).map_err(|m| InputError::field(line, "id", m))
}

fn checked_kind(line: usize, kind_text: &str) -> Result<EventKind, InputError> {
    EventKind::parse(kind_text).ok_or_else(|| {
        InputError::field(
            line,
            "type",
            format!("{kind_text:?} is not an event type; run `accord types` to list them"),
        )
    })
}

fn checked_occurred_at(
    line: usize,
    occurred_at: &str,
    today: NaiveDate,
) -> Result<NaiveDate, InputError> {
    let occurred_on =
        parse_occurred_at(occurred_at).map_err(|m| InputError::field(line, "occurred_at", m))?;
    let latest = today.checked_add_days(Days::new(1)).unwrap_or(today);
    if occurred_on > latest {
        return Err(InputError::field(
            line,
            "occurred_at",
            format!(
                "{occurred_at} is in the future (today is {today}); an event may be back-dated but not dated more than one day ahead"
            ),
        ));
    }
    Ok(occurred_on)
}

fn checked_operator(line: usize, recorded_by: &str) -> Result<(), InputError> {
    check_operator(recorded_by).map_err(|m| InputError::field(line, "recorded_by", m))
}

fn checked_source(line: usize, source: &str) -> Result<(), InputError> {
    if source.chars().count() > MAX_SOURCE_CHARS
        || source.chars().any(|c| c.is_control() && c != '\n')
    {
        return Err(InputError::field(
            line,
            "source",
            format!("must be at most {MAX_SOURCE_CHARS} characters without control characters"),
        ));
    }
    Ok(())
}

fn optional_string(
    obj: &mut Map<String, Value>,
    line: usize,
    key: &str,
) -> Result<Option<String>, InputError> {
    match obj.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(InputError::field(
            line,
            key,
            format!("must be a string, not {}", json_kind(&other)),
        )),
    }
}

fn required_string(
    obj: &mut Map<String, Value>,
    line: usize,
    key: &str,
) -> Result<String, InputError> {
    optional_string(obj, line, key)?
        .ok_or_else(|| InputError::field(line, key, format!("the field \"{key}\" is required")))
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Parses JSON Lines lazily, so a large file is never held in memory whole.
pub struct JsonLines<R> {
    reader: R,
    today: NaiveDate,
    line: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> JsonLines<R> {
    /// Reads `reader`; dates given as `today` (or relative ones) resolve against `today`.
    pub fn new(reader: R, today: NaiveDate) -> Self {
        JsonLines {
            reader,
            today,
            line: 0,
            buf: Vec::new(),
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<NewEvent, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buf.clear();
            self.line += 1;
            let line = self.line;
            let limit = (MAX_LINE_BYTES + 2) as u64;
            match (&mut self.reader)
                .take(limit)
                .read_until(b'\n', &mut self.buf)
            {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    return Some(Err(InputError {
                        line,
                        field: "line".into(),
                        message: format!("cannot be read: {e}"),
                    }));
                }
            }
            if self.buf.len() as u64 >= limit && !self.buf.ends_with(b"\n") {
                // Skip the rest of an oversized line so the next one is read whole.
                let _ = skip_line(&mut self.reader);
                return Some(Err(InputError {
                    line,
                    field: "line".into(),
                    message: format!("the line is longer than {MAX_LINE_BYTES} bytes"),
                }));
            }
            let text = match std::str::from_utf8(&self.buf) {
                Ok(t) => t,
                Err(e) => {
                    return Some(Err(InputError {
                        line,
                        field: "line".into(),
                        message: format!(
                            "is not valid UTF-8 (byte {}); save the file as UTF-8",
                            e.valid_up_to() + 1
                        ),
                    }));
                }
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let text = text.trim_end_matches(['\n', '\r']);
            if text.trim().is_empty() {
                continue;
            }
            return Some(parse_line(line, text, self.today));
        }
    }
}

/// Lines parsed by the reading thread and not yet taken: a few chunks, so
/// that memory stays bounded whatever the size of the input.
const AHEAD_CHUNKS: usize = 8;
/// Events handed over at once (one channel message per chunk, not per event).
const AHEAD_CHUNK: usize = 512;

/// Parses `reader` as [`JsonLines`] on a thread of its own, ahead of
/// `consume`, which sees the same items in the same order. On two cores a
/// bulk append checks, hashes and writes one event while the next ones are
/// parsed (parsing was about a sixth of its time). If `consume` returns
/// before the end, the reading thread stops at its next chunk.
///
/// The reading thread ends the input with an empty chunk. Should it stop
/// without one (a panic), `consume` gets an error after the last line it
/// was given rather than a shorter input, so that a batch is never
/// committed without its last lines.
pub fn parse_ahead<R, T>(
    reader: R,
    today: NaiveDate,
    consume: impl FnOnce(&mut dyn Iterator<Item = Result<NewEvent, InputError>>) -> T,
) -> T
where
    R: BufRead + Send,
{
    let (chunks, taken) = std::sync::mpsc::sync_channel(AHEAD_CHUNKS);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut lines = JsonLines::new(reader, today);
            loop {
                let chunk: Vec<_> = lines.by_ref().take(AHEAD_CHUNK).collect();
                let end = chunk.is_empty();
                if chunks.send(chunk).is_err() || end {
                    return;
                }
            }
        });
        let mut items = Ahead {
            taken: &taken,
            chunk: Vec::new().into_iter(),
            line: 0,
            ended: false,
        };
        let out = consume(&mut items);
        drop(items);
        drop(taken);
        out
    })
}

/// The items of [`parse_ahead`]'s chunks, in order.
struct Ahead<'a> {
    taken: &'a std::sync::mpsc::Receiver<Vec<Result<NewEvent, InputError>>>,
    chunk: std::vec::IntoIter<Result<NewEvent, InputError>>,
    /// The line of the last item given.
    line: usize,
    ended: bool,
}

impl Iterator for Ahead<'_> {
    type Item = Result<NewEvent, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.chunk.next() {
                self.line = match &item {
                    Ok(ev) => ev.line,
                    Err(e) => e.line,
                };
                return Some(item);
            }
            if self.ended {
                return None;
            }
            match self.taken.recv() {
                Ok(chunk) if chunk.is_empty() => self.ended = true,
                Ok(chunk) => self.chunk = chunk.into_iter(),
                Err(_) => {
                    self.ended = true;
                    return Some(Err(InputError {
                        line: self.line + 1,
                        field: "line".into(),
                        message: "the input stopped being read here (an internal error); nothing of it was recorded".into(),
                    }));
                }
            }
        }
    }
}

fn skip_line(r: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = buf.iter().position(|b| *b == b'\n') {
            r.consume(i + 1);
            return Ok(());
        }
        let n = buf.len();
        r.consume(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2010, 1, 1).unwrap()
    }

    const GOOD: &str = r#"{"type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"moh","name":"Ministry of Health","side":"government"}}"#;

    /// What `consume` saw of `parse_ahead`: each item's line, or its error.
    fn seen_ahead(reader: impl BufRead + Send) -> (Vec<Result<usize, String>>, bool) {
        let seen = std::sync::Mutex::new(Vec::new());
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            parse_ahead(reader, today(), |items| {
                for item in items {
                    let item = item.map(|e| e.line).map_err(|e| e.message);
                    seen.lock().unwrap().push(item);
                }
            })
        }));
        (seen.into_inner().unwrap(), outcome.is_ok())
    }

    #[test]
    fn parsing_ahead_gives_every_line_in_order() {
        let input = format!("{GOOD}\n").repeat(AHEAD_CHUNK * 2 + 3);
        let (seen, finished) = seen_ahead(input.as_bytes());
        assert!(finished);
        let lines: Vec<usize> = seen.into_iter().map(Result::unwrap).collect();
        assert_eq!(lines, (1..=AHEAD_CHUNK * 2 + 3).collect::<Vec<_>>());
    }

    #[test]
    fn a_reading_thread_that_stops_short_ends_the_input_with_an_error() {
        /// Gives its bytes, then breaks instead of saying "end of input".
        struct Breaks(std::io::Cursor<Vec<u8>>);
        impl Read for Breaks {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                match self.0.read(buf)? {
                    0 => panic!("the reader broke (on purpose, in a test)"),
                    n => Ok(n),
                }
            }
        }
        // One whole chunk is handed over; the reader breaks while the
        // second is read, and its lines never arrive.
        let input = format!("{GOOD}\n").repeat(AHEAD_CHUNK + 3).into_bytes();
        let (seen, finished) =
            seen_ahead(std::io::BufReader::new(Breaks(std::io::Cursor::new(input))));
        assert!(!finished, "the reading thread's panic is not swallowed");
        let (last, given) = seen.split_last().unwrap();
        let given: Vec<usize> = given.iter().cloned().map(Result::unwrap).collect();
        assert_eq!(given, (1..=AHEAD_CHUNK).collect::<Vec<_>>());
        let last = last.as_ref().unwrap_err();
        assert!(
            last.contains("stopped being read"),
            "a batch sees an error, not a shorter input: {last}"
        );
    }

    #[test]
    fn a_good_line_parses() {
        let e = parse_line(
            3,
            r#"{"id":"ev-1","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"moh","name":"Ministry of Health","side":"government"}}"#,
            today(),
        )
        .unwrap();
        assert_eq!(e.kind(), EventKind::OrganisationRegistered);
        assert_eq!(e.occurred_on.to_string(), "2009-06-01");
    }

    #[test]
    fn errors_name_line_and_field() {
        let e = parse_line(
            7,
            r#"{"type":"stage.started","occurred_at":"2009-06-01","data":{"stage":0}}"#,
            today(),
        )
        .unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (7, "data.stage"));
        let e = parse_line(
            2,
            r#"{"type":"nope","occurred_at":"2009-06-01","data":{}}"#,
            today(),
        )
        .unwrap_err();
        assert_eq!(e.field, "type");
        let e = parse_line(
            2,
            r#"{"type":"stage.started","occurred_at":"2010-01-03","data":{"stage":1}}"#,
            today(),
        )
        .unwrap_err();
        assert_eq!(e.field, "occurred_at");
        let ok = parse_line(
            2,
            r#"{"type":"stage.started","occurred_at":"2010-01-02T23:00:00+07:00","data":{"stage":1}}"#,
            today(),
        );
        assert!(ok.is_ok(), "one day ahead is allowed");
    }

    #[test]
    fn timestamps_need_an_offset() {
        assert!(parse_occurred_at("2009-09-11T09:00:00+07:00").is_ok());
        assert!(parse_occurred_at("2009-09-11T09:00:00").is_err());
        assert!(parse_occurred_at("2009-09-11 09:00").is_err());
    }
}
