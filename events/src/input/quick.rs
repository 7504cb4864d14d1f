//! One pass over a well-formed line: the envelope's fields taken from the
//! text, `data` written in canonical form as it is read
//! ([`crate::json::canonical_of_text`]'s seed), and the typed event decoded
//! from that canonical form. No JSON tree is built.
//!
//! Parsing was the busiest part of a bulk append's reading thread, and
//! most of it was building a `serde_json::Value` for every line, walking
//! it twice (typed decode with field paths, canonical form) and freeing
//! it. This pass says nothing about a line it does not take whole (`None`):
//! [`super::parse_line_explained`] reads that line again and explains it.
//! It takes no line the explained parse refuses, and gives the same event
//! for every line it takes (tests/parse_paths.rs holds the two together).

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use serde::de::{Deserializer, MapAccess, Visitor};

use super::{
    NewEvent, checked_id, checked_kind, checked_occurred_at, checked_operator, checked_source,
};
use crate::catalogue::Event;
use crate::json::{Canonical, Text};

/// A line's fields as written: strings borrowed from the text where they
/// hold no escape; `data` already in canonical form.
#[derive(Default)]
struct Fields<'de> {
    id: Option<Cow<'de, str>>,
    kind: Option<Cow<'de, str>>,
    occurred_at: Option<Cow<'de, str>>,
    recorded_by: Option<Cow<'de, str>>,
    source: Option<Cow<'de, str>>,
    data: Option<String>,
}

/// The event of a well-formed line, or `None` for any line it does not
/// take whole (the caller then reads it through its tree).
pub fn parse(line: usize, text: &str, today: NaiveDate) -> Option<NewEvent> {
    let mut de = serde_json::Deserializer::from_str(text);
    let fields = de.deserialize_map(FieldsVisitor).ok()?;
    de.end().ok()?;
    let id = fields.id.map(Cow::into_owned);
    if let Some(id) = &id {
        checked_id(line, id).ok()?;
    }
    let kind = checked_kind(line, &fields.kind?).ok()?;
    let occurred_at = fields.occurred_at?.into_owned();
    let occurred_on = checked_occurred_at(line, &occurred_at, today).ok()?;
    let recorded_by = fields.recorded_by.map(Cow::into_owned);
    if let Some(r) = &recorded_by {
        checked_operator(line, r).ok()?;
    }
    let source = fields.source.map(Cow::into_owned);
    if let Some(s) = &source {
        checked_source(line, s).ok()?;
    }
    let canonical = fields.data?;
    // A typed payload would also take a JSON list, field by field; the
    // explained parse refuses any `data` that is not an object.
    if !canonical.starts_with('{') {
        return None;
    }
    let event = Event::decode_json(kind, &canonical).ok()?;
    Some(NewEvent {
        line,
        id,
        occurred_at,
        occurred_on,
        recorded_by,
        source,
        canonical,
        event,
    })
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
        use serde::de::Error;
        let mut fields = Fields::default();
        while let Some(Text(key)) = map.next_key()? {
            let slot = match &*key {
                "id" => &mut fields.id,
                "type" => &mut fields.kind,
                "occurred_at" => &mut fields.occurred_at,
                "recorded_by" => &mut fields.recorded_by,
                "source" => &mut fields.source,
                "data" if fields.data.is_none() => {
                    let mut data = String::with_capacity(256);
                    map.next_value_seed(Canonical(&mut data))?;
                    fields.data = Some(data);
                    continue;
                }
                // Unknown, or `data` twice: the explained parse says which.
                _ => return Err(A::Error::custom("not taken in one pass")),
            };
            if slot.is_some() {
                return Err(A::Error::custom("a field given twice"));
            }
            // Only a string: `null` and other kinds are left to the
            // explained parse, which has the words for them.
            *slot = Some(map.next_value::<Text<'de>>()?.0);
        }
        Ok(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_that_is_not_an_object_is_left_to_the_explained_parse() {
        let today = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        // A typed payload would take `[1]` as its one field, in order.
        let list = r#"{"type":"stage.started","occurred_at":"2009-06-01","data":[1]}"#;
        let object = r#"{"type":"stage.started","occurred_at":"2009-06-01","data":{"stage":1}}"#;
        assert!(parse(1, object, today).is_some());
        assert!(parse(1, list, today).is_none());
        let e = super::super::parse_line(1, list, today).unwrap_err();
        assert_eq!(e.field, "data");
    }
}
