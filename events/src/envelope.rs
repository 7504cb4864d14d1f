//! The stored envelope, its canonical form and the hash chain.
//!
//! ```text
//! hash = SHA-256( "accord-event-v1\n" ‖ prev_hash (32 raw bytes) ‖ canonical )
//! canonical = compact JSON, keys sorted, of
//!   {data, id, occurred_at, recorded_at, recorded_by, schema_version,
//!    seq, source, stream, stream_version, type}
//! ```
//! `source` is `null` when absent. README.md has the worked example and the
//! known-answer vectors; `tests` below pins them.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::catalogue::{DataError, Event, EventKind};
use crate::json::{canonical, write_canonical, write_str};

/// The fixed domain tag that starts every hash input.
pub const DOMAIN_TAG: &[u8] = b"accord-event-v1\n";
pub use crate::upcast::SCHEMA_VERSION;

/// A SHA-256 digest.
pub type Hash = [u8; 32];
/// The `prev_hash` of the first event.
pub const ZERO_HASH: Hash = [0; 32];

/// An event exactly as stored: every column of the `events` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredEvent {
    /// Global position, gapless from 1.
    pub seq: u64,
    /// The event id (given, or a UUIDv7).
    pub id: String,
    /// The `type` as stored.
    pub kind: String,
    /// `programme`, `directory` or `partnership:<id>`.
    pub stream: String,
    /// Position in the stream, gapless from 1.
    pub stream_version: u64,
    /// Business time as written.
    pub occurred_at: String,
    /// Transaction time, `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    pub recorded_at: String,
    /// The operator who recorded it.
    pub recorded_by: String,
    /// Provenance, if given.
    pub source: Option<String>,
    /// `data` in canonical JSON, as stored (before any upcasting).
    pub data: String,
    /// The schema version the event was written under.
    pub schema_version: u32,
    /// The previous event's hash.
    pub prev_hash: Hash,
    /// This event's hash.
    pub hash: Hash,
}

impl StoredEvent {
    /// The canonical JSON covered by the hash (every field but the hashes).
    pub fn canonical(&self) -> String {
        let mut s = String::with_capacity(self.data.len() + 256);
        self.canonical_into(&mut s);
        s
    }

    /// Writes [`StoredEvent::canonical`] onto `s` (cleared first), so that
    /// a loop over many events reuses one buffer.
    pub fn canonical_into(&self, s: &mut String) {
        s.clear();
        s.push_str("{\"data\":");
        s.push_str(&self.data);
        s.push_str(",\"id\":");
        write_str(&self.id, s);
        s.push_str(",\"occurred_at\":");
        write_str(&self.occurred_at, s);
        s.push_str(",\"recorded_at\":");
        write_str(&self.recorded_at, s);
        s.push_str(",\"recorded_by\":");
        write_str(&self.recorded_by, s);
        // Numbers written in place (`to_string` allocated twice per event).
        let _ = write!(
            s,
            ",\"schema_version\":{},\"seq\":{}",
            self.schema_version, self.seq
        );
        s.push_str(",\"source\":");
        match &self.source {
            Some(src) => write_str(src, s),
            None => s.push_str("null"),
        }
        s.push_str(",\"stream\":");
        write_str(&self.stream, s);
        let _ = write!(s, ",\"stream_version\":{}", self.stream_version);
        s.push_str(",\"type\":");
        write_str(&self.kind, s);
        s.push('}');
    }

    /// Recomputes this event's hash from its fields and `prev_hash`.
    pub fn compute_hash(&self) -> Hash {
        chain_hash(&self.prev_hash, self.canonical().as_bytes())
    }

    /// [`StoredEvent::compute_hash`], building the canonical form in
    /// `scratch` (a buffer reused across events).
    pub fn compute_hash_with(&self, scratch: &mut String) -> Hash {
        self.canonical_into(scratch);
        chain_hash(&self.prev_hash, scratch.as_bytes())
    }

    /// The stored envelope as one JSON line (`log --json`, `export`): the
    /// canonical object plus `prev_hash` and `hash` in lowercase hex, keys sorted.
    pub fn to_json_line(&self) -> String {
        let canon = self.canonical();
        // Insert the two hash keys in their sorted places.
        let mut obj: serde_json::Map<String, Value> = match serde_json::from_str(&canon) {
            Ok(Value::Object(m)) => m,
            _ => unreachable!("canonical() writes a JSON object"),
        };
        obj.insert("hash".into(), Value::String(hex::encode(self.hash)));
        obj.insert(
            "prev_hash".into(),
            Value::String(hex::encode(self.prev_hash)),
        );
        let mut out = String::with_capacity(canon.len() + 160);
        write_canonical(&Value::Object(obj), &mut out);
        out
    }

    /// Reads a stored envelope back from its JSON line (an export).
    pub fn from_json_line(line: &str) -> Result<StoredEvent, String> {
        let v = crate::json::parse_strict(line).map_err(|e| format!("not valid JSON: {e}"))?;
        let Value::Object(mut m) = v else {
            return Err("not a JSON object".into());
        };
        let mut take_str = |k: &str| -> Result<String, String> {
            match m.remove(k) {
                Some(Value::String(s)) => Ok(s),
                _ => Err(format!("\"{k}\" is missing or not a string")),
            }
        };
        let id = take_str("id")?;
        let kind = take_str("type")?;
        let stream = take_str("stream")?;
        let occurred_at = take_str("occurred_at")?;
        let recorded_at = take_str("recorded_at")?;
        let recorded_by = take_str("recorded_by")?;
        let prev_hash =
            parse_hash(&take_str("prev_hash")?).ok_or("\"prev_hash\" is not 64 hex digits")?;
        let hash = parse_hash(&take_str("hash")?).ok_or("\"hash\" is not 64 hex digits")?;
        let mut take_u64 = |k: &str| -> Result<u64, String> {
            m.remove(k)
                .and_then(|v| v.as_u64())
                .ok_or_else(|| format!("\"{k}\" is missing or not a whole number"))
        };
        let seq = take_u64("seq")?;
        let stream_version = take_u64("stream_version")?;
        let schema_version = u32::try_from(take_u64("schema_version")?)
            .map_err(|_| "\"schema_version\" is too large")?;
        let source = match m.remove("source") {
            Some(Value::String(s)) => Some(s),
            Some(Value::Null) => None,
            _ => return Err("\"source\" is missing or not a string or null".into()),
        };
        let data = m.remove("data").ok_or("\"data\" is missing")?;
        if let Some(k) = m.keys().next() {
            return Err(format!("\"{k}\" is not a field of a stored event"));
        }
        Ok(StoredEvent {
            seq,
            id,
            kind,
            stream,
            stream_version,
            occurred_at,
            recorded_at,
            recorded_by,
            source,
            data: canonical(&data),
            schema_version,
            prev_hash,
            hash,
        })
    }

    /// Decodes the stored event into its typed form, upcasting older shapes.
    pub fn decode(&self) -> Result<Envelope, DecodeError> {
        let kind = EventKind::parse(&self.kind).ok_or_else(|| DecodeError {
            seq: self.seq,
            message: format!("unknown event type {:?}", self.kind),
        })?;
        if self.schema_version == SCHEMA_VERSION
            && let Ok(event) = Event::decode_json(kind, &self.data)
            && let Ok(occurred_on) = crate::input::parse_occurred_at(&self.occurred_at)
        {
            // The fast path: data in today's shape needs no upcasting. (Stored
            // data is canonical, so it holds no repeated keys for the typed
            // decoder to overlook; anything it rejects takes the slow path.)
            return Ok(self.envelope(event, occurred_on));
        }
        let data: Value = serde_json::from_str(&self.data).map_err(|e| DecodeError {
            seq: self.seq,
            message: format!("data is not JSON: {e}"),
        })?;
        let data = crate::upcast::upcast(kind, self.schema_version, data).map_err(|message| {
            DecodeError {
                seq: self.seq,
                message,
            }
        })?;
        let event = Event::decode(kind, &data).map_err(|e: DataError| DecodeError {
            seq: self.seq,
            message: e.to_string(),
        })?;
        let occurred_on =
            crate::input::parse_occurred_at(&self.occurred_at).map_err(|message| DecodeError {
                seq: self.seq,
                message,
            })?;
        Ok(self.envelope(event, occurred_on))
    }

    fn envelope(&self, event: Event, occurred_on: chrono::NaiveDate) -> Envelope {
        Envelope {
            seq: self.seq,
            id: self.id.clone(),
            stream: self.stream.clone(),
            stream_version: self.stream_version,
            occurred_at: self.occurred_at.clone(),
            occurred_on,
            recorded_at: self.recorded_at.clone(),
            recorded_by: self.recorded_by.clone(),
            source: self.source.clone(),
            schema_version: self.schema_version,
            event,
            hash: self.hash,
        }
    }

    /// [`StoredEvent::decode`], consuming the stored event so that its
    /// strings move into the envelope instead of being copied.
    pub fn into_envelope(self) -> Result<Envelope, DecodeError> {
        if self.schema_version == SCHEMA_VERSION
            && let Some(kind) = EventKind::parse(&self.kind)
            && let Ok(event) = Event::decode_json(kind, &self.data)
            && let Ok(occurred_on) = crate::input::parse_occurred_at(&self.occurred_at)
        {
            return Ok(Envelope {
                seq: self.seq,
                id: self.id,
                stream: self.stream,
                stream_version: self.stream_version,
                occurred_at: self.occurred_at,
                occurred_on,
                recorded_at: self.recorded_at,
                recorded_by: self.recorded_by,
                source: self.source,
                schema_version: self.schema_version,
                event,
                hash: self.hash,
            });
        }
        self.decode()
    }
}

/// An event as a reader keeps it in a copy beside the log (encoded with
/// postcard, which cannot carry a JSON value): its data as its current
/// shape's canonical JSON, decoded again as the log's rows are. A copy is
/// derived data: it is never verified against the chain, only trusted
/// while the log still holds the event it ends with.
///
/// Its text fields are kept one after the other in one string: a copy is
/// decoded whole on every read of it (`show` on a new date), and one
/// string per event rather than eight made that decoding three times
/// slower (perf: allocation and UTF-8 checks per field).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeptEvent {
    seq: u64,
    stream_version: u64,
    schema_version: u32,
    hash: Hash,
    /// Whether it has a source (which may be empty).
    has_source: bool,
    /// Its id, type, stream, occurred_at, recorded_at, recorded_by, source
    /// and data, in that order, each ending where [`KeptEvent::ends`] says
    /// (data at the end of the string).
    text: String,
    ends: [u32; TEXT_FIELDS - 1],
}

/// How many text fields a kept event has.
const TEXT_FIELDS: usize = 8;

/// The text fields' places in [`KeptEvent::text`].
#[derive(Clone, Copy)]
enum Field {
    Id,
    Kind,
    Stream,
    OccurredAt,
    RecordedAt,
    RecordedBy,
    Source,
    Data,
}

impl From<&Envelope> for KeptEvent {
    fn from(e: &Envelope) -> KeptEvent {
        let data = canonical(&e.event.to_data());
        let fields: [&str; TEXT_FIELDS] = [
            &e.id,
            e.event.kind().as_str(),
            &e.stream,
            &e.occurred_at,
            &e.recorded_at,
            &e.recorded_by,
            e.source.as_deref().unwrap_or(""),
            &data,
        ];
        let mut text = String::with_capacity(fields.iter().map(|f| f.len()).sum());
        let mut ends = [0; TEXT_FIELDS - 1];
        for (i, field) in fields.iter().enumerate() {
            text.push_str(field);
            if let Some(end) = ends.get_mut(i) {
                // A kept event is one row of a copy of at most a few
                // megabytes: its offsets fit.
                *end = text.len() as u32;
            }
        }
        KeptEvent {
            seq: e.seq,
            stream_version: e.stream_version,
            schema_version: e.schema_version,
            hash: e.hash,
            has_source: e.source.is_some(),
            text,
            ends,
        }
    }
}

impl KeptEvent {
    /// Its position in the log.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// One text field; `None` when the copy is damaged (offsets out of
    /// place).
    fn field(&self, field: Field) -> Option<&str> {
        let i = field as usize;
        let start = match i {
            0 => 0,
            _ => *self.ends.get(i - 1)? as usize,
        };
        let end = match self.ends.get(i) {
            Some(end) => *end as usize,
            None => self.text.len(),
        };
        self.text.get(start..end)
    }

    /// False when a read up to `until` cannot give it (dated after the
    /// day, and of no type read at any date): decided without decoding
    /// it, as the store's query decides (on `occurred_at`'s date part).
    pub fn may_be_read_until(&self, until: Option<&crate::store::Until<'_>>) -> bool {
        let Some(until) = until else {
            return true;
        };
        let day = self
            .field(Field::OccurredAt)
            .and_then(|at| at.get(..10))
            .and_then(|d| crate::fields::Day::parse(d).ok());
        day.is_none_or(|day| day.0 <= until.day)
            || self
                .field(Field::Kind)
                .is_some_and(|kind| until.except.contains(&kind))
    }

    /// The envelope it was kept from; `None` when it does not decode (a
    /// copy written by another build: the reader reads the log instead).
    /// Borrows the copy: a reader decodes the events a view takes out of
    /// a copy it keeps whole, and cloning each kept event (its `data`
    /// too) to consume it showed in `show`'s profile.
    pub fn to_envelope(&self) -> Option<Envelope> {
        let text = |field| self.field(field).map(str::to_owned);
        let kind = EventKind::parse(self.field(Field::Kind)?)?;
        let occurred_at = text(Field::OccurredAt)?;
        Some(Envelope {
            event: Event::decode_json(kind, self.field(Field::Data)?).ok()?,
            occurred_on: crate::input::parse_occurred_at(&occurred_at).ok()?,
            seq: self.seq,
            id: text(Field::Id)?,
            stream: text(Field::Stream)?,
            stream_version: self.stream_version,
            occurred_at,
            recorded_at: text(Field::RecordedAt)?,
            recorded_by: text(Field::RecordedBy)?,
            source: match self.has_source {
                true => Some(text(Field::Source)?),
                false => None,
            },
            schema_version: self.schema_version,
            hash: self.hash,
        })
    }
}

/// A stored event that cannot be read (corrupt or from a newer accord).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("event seq {seq} cannot be read: {message}")]
pub struct DecodeError {
    /// Its position.
    pub seq: u64,
    /// Why.
    pub message: String,
}

/// A stored event in typed form: what projections fold.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    /// Global position.
    pub seq: u64,
    /// Event id.
    pub id: String,
    /// Stream.
    pub stream: String,
    /// Position in the stream.
    pub stream_version: u64,
    /// Business time as written.
    pub occurred_at: String,
    /// The calendar date written in `occurred_at`.
    pub occurred_on: NaiveDate,
    /// Transaction time.
    pub recorded_at: String,
    /// Operator.
    pub recorded_by: String,
    /// Provenance.
    pub source: Option<String>,
    /// Schema version it was written under.
    pub schema_version: u32,
    /// The typed event (upcast to the current shape).
    pub event: Event,
    /// Its hash.
    pub hash: Hash,
}

/// `SHA-256(DOMAIN_TAG ‖ prev ‖ canonical)`.
pub fn chain_hash(prev: &Hash, canonical: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update(DOMAIN_TAG);
    h.update(prev);
    h.update(canonical);
    h.finalize().into()
}

/// Parses 64 hex digits.
pub fn parse_hash(s: &str) -> Option<Hash> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(s, &mut out).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> StoredEvent {
        StoredEvent {
            seq: 1,
            id: "ev-0001".into(),
            kind: "organisation.registered".into(),
            stream: "directory".into(),
            stream_version: 1,
            occurred_at: "2009-06-01".into(),
            recorded_at: "2009-06-02T03:04:05.000006Z".into(),
            recorded_by: "secretariat-cdc".into(),
            source: None,
            data: r#"{"name":"Ministry of Health","org":"moh","side":"government"}"#.into(),
            schema_version: 1,
            prev_hash: ZERO_HASH,
            hash: ZERO_HASH,
        }
    }

    #[test]
    fn canonical_form_is_pinned() {
        assert_eq!(
            sample().canonical(),
            r#"{"data":{"name":"Ministry of Health","org":"moh","side":"government"},"id":"ev-0001","occurred_at":"2009-06-01","recorded_at":"2009-06-02T03:04:05.000006Z","recorded_by":"secretariat-cdc","schema_version":1,"seq":1,"source":null,"stream":"directory","stream_version":1,"type":"organisation.registered"}"#
        );
    }

    /// The vectors README.md gives auditors, computed independently in Python.
    #[test]
    fn known_answer_vectors() {
        let first = sample();
        assert_eq!(
            hex::encode(first.compute_hash()),
            "8e63d247593ff3d0e66e7995cf5178ac072c6f3c648955a36d09ad5452af2a91"
        );
        let second = StoredEvent {
            seq: 2,
            id: "ev-0002".into(),
            stream_version: 2,
            source: Some("Inception Meeting minutes, 10 June 2009".into()),
            data: r#"{"name":"WHO","org":"who","side":"development_partner"}"#.into(),
            prev_hash: first.compute_hash(),
            ..sample()
        };
        assert_eq!(
            hex::encode(second.compute_hash()),
            "616173b85931f2d5f7b7b7f2e3da865e5d5673fc9b0ef2fe6ce4e67a2e0b4629"
        );
    }

    /// A kept event gives back the envelope it was kept from, after a
    /// trip through postcard, whatever its source (none, empty, text) and
    /// whatever characters its fields hold.
    #[test]
    fn kept_event_gives_back_its_envelope() {
        for source in [None, Some(""), Some("Minutes, 10 June 2009 — ក្រសួង")] {
            let stored = StoredEvent {
                seq: 7,
                id: "ev-ខ្មែរ-7".into(),
                stream_version: 3,
                source: source.map(str::to_owned),
                data: r#"{"name":"ក្រសួងសុខាភិបាល","org":"moh","side":"government"}"#.into(),
                hash: [9; 32],
                ..sample()
            };
            let envelope = stored.into_envelope().unwrap();
            let kept = KeptEvent::from(&envelope);
            let bytes = postcard::to_stdvec(&kept).unwrap();
            let back: KeptEvent = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(back, kept);
            assert_eq!(back.to_envelope(), Some(envelope));
        }
    }

    /// A kept event whose offsets are out of place (a damaged copy) gives
    /// nothing rather than wrong fields or a panic.
    #[test]
    fn kept_event_with_damaged_offsets_gives_nothing() {
        let envelope = sample().into_envelope().unwrap();
        let kept = KeptEvent::from(&envelope);
        for (i, end) in [(0, u32::MAX), (3, 1), (6, kept.text.len() as u32 + 1)] {
            let mut damaged = kept.clone();
            damaged.ends[i] = end;
            assert_eq!(damaged.to_envelope(), None, "offset {i} set to {end}");
        }
        // Inside a character: not a field boundary.
        let mut envelope = envelope;
        envelope.id = "ខ".into();
        let mut damaged = KeptEvent::from(&envelope);
        damaged.ends[0] = 1;
        assert_eq!(damaged.to_envelope(), None);
    }

    #[test]
    fn json_line_round_trips() {
        let mut e = sample();
        e.hash = e.compute_hash();
        let back = StoredEvent::from_json_line(&e.to_json_line()).unwrap();
        assert_eq!(back, e);
    }
}
