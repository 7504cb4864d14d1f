//! Strict JSON: the parser and the canonical writer used for storage and
//! hashing.
//!
//! Parsing rejects duplicate object keys (serde_json keeps the last one
//! silently, which would let two readers see different events in one line).
//! The canonical writer sorts object keys by code point and writes compact
//! JSON exactly as Python's `json.dumps(v, sort_keys=True,
//! separators=(",", ":"), ensure_ascii=False)` does for the values accord
//! stores (strings, integers, booleans, null, arrays, objects — never
//! floats), so that an auditor can recompute a hash with a few lines of Python.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Parses one JSON text, rejecting duplicate keys anywhere in it.
pub fn parse_strict(text: &str) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let v = Strict::deserialize(&mut de)?.0;
    de.end()?;
    Ok(v)
}

struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("numbers must be finite"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "the key {key:?} appears twice in one object"
                )));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// The canonical form of one JSON text, written in one pass over the text
/// without building its tree (a bulk append makes one per line, and
/// building and freeing the tree was most of its parsing thread).
///
/// Whenever it succeeds it equals `canonical(&parse_strict(text)?)`. It
/// refuses what [`parse_strict`] refuses and, besides, numbers with a
/// fraction or an exponent, which accord never stores: a caller that must
/// explain such a text takes the slower path.
pub fn canonical_of_text(text: &str) -> Result<String, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut out = String::with_capacity(text.len());
    Canonical(&mut out).deserialize(&mut de)?;
    de.end()?;
    Ok(out)
}

/// Deserializes one JSON value by writing its canonical form onto the
/// string it holds (see [`canonical_of_text`]).
pub(crate) struct Canonical<'o>(pub(crate) &'o mut String);

impl<'de> DeserializeSeed<'de> for Canonical<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// A member of an object as [`Canonical`] wrote it: its key, and where
/// `"key":value` stands in the output.
struct Member<'de> {
    key: Cow<'de, str>,
    span: std::ops::Range<usize>,
}

impl<'de> Visitor<'de> for Canonical<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    // Integers as `serde_json::Number` displays them, as `write_canonical` does.
    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        use fmt::Write;
        let _ = write!(self.0, "{v}");
        Ok(())
    }
    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        use fmt::Write;
        let _ = write!(self.0, "{v}");
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(
            "a number with a fraction or an exponent is not written in one pass",
        ))
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        write_str(v, self.0);
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        self.0.push_str("null");
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let out = self.0;
        out.push('[');
        let mut first = true;
        loop {
            let mark = out.len();
            if !first {
                out.push(',');
            }
            if seq.next_element_seed(Canonical(&mut *out))?.is_none() {
                out.truncate(mark);
                break;
            }
            first = false;
        }
        out.push(']');
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let out = self.0;
        out.push('{');
        let start = out.len();
        let mut members: Vec<Member<'de>> = Vec::new();
        let mut sorted = true;
        while let Some(Text(key)) = map.next_key()? {
            if !members.is_empty() {
                out.push(',');
            }
            let from = out.len();
            write_str(&key, out);
            out.push(':');
            map.next_value_seed(Canonical(&mut *out))?;
            sorted &= members.last().is_none_or(|last| last.key < key);
            members.push(Member {
                key,
                span: from..out.len(),
            });
        }
        if !sorted {
            // Written in the order given; set in order of their keys (each
            // written once, copied once), refusing a key given twice.
            members.sort_by(|a, b| a.key.cmp(&b.key));
            if let Some(w) = members.windows(2).find(|w| w[0].key == w[1].key) {
                return Err(de::Error::custom(format!(
                    "the key {:?} appears twice in one object",
                    w[0].key
                )));
            }
            let written = out.split_off(start);
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&written[m.span.start - start..m.span.end - start]);
            }
        }
        out.push('}');
        Ok(())
    }
}

/// A JSON string (an object's key, a field), borrowed from the text when
/// it holds no escape.
pub(crate) struct Text<'de>(pub(crate) Cow<'de, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(TextVisitor)
    }
}

/// Writes `v` in canonical form (sorted keys, compact) onto `out`.
pub fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            use fmt::Write;
            let _ = write!(out, "{n}");
        }
        Value::String(s) => write_str(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            // Sorted explicitly: serde_json's map order depends on a cargo
            // feature that any crate in the build could switch on. (Sorted
            // already, as without that feature, it is written as it stands:
            // sorting every object's keys anew showed in a bulk append.)
            out.push('{');
            if map.keys().is_sorted() {
                write_members(map.iter(), out);
            } else {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                write_members(keys.into_iter().map(|k| (k, &map[k])), out);
            }
            out.push('}');
        }
    }
}

fn write_members<'a>(members: impl Iterator<Item = (&'a String, &'a Value)>, out: &mut String) {
    for (i, (k, v)) in members.enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(k, out);
        out.push(':');
        write_canonical(v, out);
    }
}

/// The canonical form of `v` as a new string.
pub fn canonical(v: &Value) -> String {
    let mut s = String::new();
    write_canonical(v, &mut s);
    s
}

/// Writes a JSON string literal, escaping as Python's `json.dumps` does with
/// `ensure_ascii=False`: `"` `\` and the C0 controls, nothing else.
pub fn write_str(s: &str, out: &mut String) {
    out.reserve(s.len() + 2);
    out.push('"');
    // Copy runs of characters that need no escape in one go: pushing char by
    // char made this function 12% of `verify` and 4% of a bulk append (perf).
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        // Only ASCII bytes end a run, so `start..i` falls on char boundaries.
        out.push_str(&s[start..i]);
        start = i + 1;
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            c => {
                use fmt::Write;
                let _ = write!(out, "\\u{:04x}", c);
            }
        }
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_are_rejected_at_any_depth() {
        assert!(parse_strict(r#"{"a":1,"a":2}"#).is_err());
        assert!(parse_strict(r#"{"a":{"b":1,"b":1}}"#).is_err());
        assert!(parse_strict(r#"{"a":{"b":1},"c":[{"d":1}]}"#).is_ok());
    }

    #[test]
    fn canonical_sorts_keys_and_escapes_like_python() {
        let v = parse_strict(r#"{"b":"é\n\u0001\"","a":[1,true,null]}"#).unwrap();
        assert_eq!(canonical(&v), r#"{"a":[1,true,null],"b":"é\n\u0001\""}"#);
    }

    proptest::proptest! {
        #[test]
        fn strings_are_escaped_as_serde_json_and_python_do(s in "\\PC*|[\\x00-\\x7f]{0,40}") {
            let mut out = String::new();
            write_str(&s, &mut out);
            proptest::prop_assert_eq!(out, serde_json::to_string(&s).unwrap());
        }
    }

    /// A JSON value of the kinds accord stores, nested a few levels.
    fn json_value() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| Value::Number(n.into())),
            any::<u64>().prop_map(|n| Value::Number(n.into())),
            "\\PC{0,12}|[\\x00-\\x7f]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                proptest::collection::vec(("[a-c\\x00-\\x7fé]{0,3}", inner), 0..6)
                    .prop_map(|members| Value::Object(members.into_iter().collect())),
            ]
        })
    }

    /// `v` written as a person might: keys in a shuffled order, spaces,
    /// escapes where none are needed.
    fn written_loosely(v: &Value, seed: u64, out: &mut String) {
        match v {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort_by_key(|k| (k.len() as u64 ^ seed).wrapping_mul(2654435761) % 7);
                if seed % 2 == 1 {
                    keys.reverse();
                }
                out.push_str("{ ");
                for (i, k) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push_str(" ,\n");
                    }
                    out.push_str(&serde_json::to_string(k).unwrap().replace('é', "\\u00e9"));
                    out.push_str(" : ");
                    written_loosely(&map[k], seed.rotate_left(7) ^ i as u64, out);
                }
                out.push_str(" }");
            }
            Value::Array(items) => {
                out.push_str("[ ");
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    written_loosely(item, seed ^ i as u64, out);
                }
                out.push(']');
            }
            other => out.push_str(&serde_json::to_string(other).unwrap()),
        }
    }

    proptest::proptest! {
        /// The one-pass canonical form is the tree's, whatever the order,
        /// spacing and escapes of the text.
        #[test]
        fn the_canonical_form_of_a_text_is_that_of_its_tree(v in json_value(), seed in proptest::prelude::any::<u64>()) {
            let mut text = String::new();
            written_loosely(&v, seed, &mut text);
            let tree = parse_strict(&text).unwrap();
            proptest::prop_assert_eq!(canonical_of_text(&text).unwrap(), canonical(&tree));
        }
    }

    #[test]
    fn the_one_pass_canonical_form_refuses_what_the_strict_parse_refuses() {
        for text in [
            r#"{"a":1,"a":2}"#,
            r#"{"b":1,"a":{"c":1,"d":2,"c":3}}"#,
            r#"[{"z":1,"y":2,"z":3}]"#,
            r#"{"a":1} x"#,
            r#"{"a":"#,
        ] {
            assert!(parse_strict(text).is_err(), "{text}");
            assert!(canonical_of_text(text).is_err(), "{text}");
        }
        // Numbers with a fraction are left to the slower path.
        assert!(canonical_of_text(r#"{"a":1.5}"#).is_err());
        assert_eq!(
            canonical_of_text(r#" {"b" : [ 1 , -2 , "\u00e9" ], "a":null, "\u0063":true} "#)
                .unwrap(),
            r#"{"a":null,"b":[1,-2,"é"],"c":true}"#
        );
    }

    #[test]
    fn trailing_garbage_is_rejected() {
        assert!(parse_strict(r#"{"a":1} x"#).is_err());
    }
}
