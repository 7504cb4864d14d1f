//! Upcasting: reading events written under an older `schema_version` in
//! today's shape. Hashes are always computed on the stored form, so upcasting
//! never touches what `verify` checks.
//!
//! # Schema 0: the pilot's event shapes
//!
//! The pilot of accord (schema 0, stage 1 of the Cambodian programme) named
//! some fields differently and had a narrower vocabulary of sides. Events it
//! wrote keep `schema_version` 0 and their stored data for ever (the hash
//! covers them); they are read through these renames:
//!
//! | type | schema 0 | schema 1 |
//! |---|---|---|
//! | `organisation.registered` | `organisation`; `side: "donor"` | `org`; `side: "development_partner"` |
//! | `person.registered`, `person.moved` | `organisation` | `org` |
//! | `partner.joined`, `partner.left` | `organisation` | `org` |
//! | `agreement.endorsed` | `endorser` | `by` |
//! | `agreement.withdrawn` | `withdrawn_by` | `by` |
//! | `review.response` | `ratings` | `scores` |
//! | `commitment.made` | `organisation`, `due_date` | `owner`, `due` |
//! | `commitment.rescheduled` | `due_date` | `due` |
//!
//! Every other type had today's shape already. An event carrying both the
//! old and the new name of a field is refused rather than guessed at.
//! The pilot's database layout is migrated by [`crate::store::Store::open`].

use serde_json::Value;

use crate::catalogue::EventKind;

/// The schema version this build writes (older stored shapes are upcast to it).
pub const SCHEMA_VERSION: u32 = 1;

/// Brings `data` written under `schema_version` to the current shape.
pub fn upcast(kind: EventKind, schema_version: u32, data: Value) -> Result<Value, String> {
    match schema_version {
        SCHEMA_VERSION => Ok(data),
        0 => v0_to_v1(kind, data),
        v if v > SCHEMA_VERSION => Err(format!(
            "it was written by a newer accord (schema version {v}; this one reads up to {SCHEMA_VERSION}); upgrade accord"
        )),
        v => Err(format!("schema version {v} of {kind} is not known")),
    }
}

/// The fields schema 0 named differently, per type: `(schema 0, schema 1)`.
fn v0_renames(kind: EventKind) -> &'static [(&'static str, &'static str)] {
    use EventKind as K;
    match kind {
        K::OrganisationRegistered
        | K::PersonRegistered
        | K::PersonMoved
        | K::PartnerJoined
        | K::PartnerLeft => &[("organisation", "org")],
        K::AgreementEndorsed => &[("endorser", "by")],
        K::AgreementWithdrawn => &[("withdrawn_by", "by")],
        K::ReviewResponse => &[("ratings", "scores")],
        K::CommitmentMade => &[("organisation", "owner"), ("due_date", "due")],
        K::CommitmentRescheduled => &[("due_date", "due")],
        _ => &[],
    }
}

fn v0_to_v1(kind: EventKind, data: Value) -> Result<Value, String> {
    let Value::Object(mut m) = data else {
        // Not an object: let decoding say what is wrong with it.
        return Ok(data);
    };
    for (old, new) in v0_renames(kind) {
        if let Some(v) = m.remove(*old) {
            if m.contains_key(*new) {
                return Err(format!(
                    "this schema-0 {kind} has both {old:?} and {new:?}; it cannot be read"
                ));
            }
            m.insert((*new).to_owned(), v);
        }
    }
    if kind == EventKind::OrganisationRegistered && m.get("side") == Some(&Value::from("donor")) {
        m.insert("side".into(), Value::from("development_partner"));
    }
    Ok(Value::Object(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn schema_0_fields_are_renamed() {
        let v = upcast(
            EventKind::OrganisationRegistered,
            0,
            json!({"organisation": "who", "name": "WHO", "side": "donor"}),
        )
        .unwrap();
        assert_eq!(
            v,
            json!({"org": "who", "name": "WHO", "side": "development_partner"})
        );
        let v = upcast(
            EventKind::CommitmentMade,
            0,
            json!({"commitment": "c", "partnership": "p", "text": "t", "organisation": "moh", "due_date": "2009-12-31"}),
        )
        .unwrap();
        assert_eq!(v["owner"], "moh");
        assert_eq!(v["due"], "2009-12-31");
        assert!(v.get("due_date").is_none());
    }

    #[test]
    fn schema_1_is_read_as_is_and_unknown_versions_are_refused() {
        let d = json!({"organisation": "x"});
        assert_eq!(
            upcast(EventKind::PartnerJoined, 1, d.clone()).unwrap(),
            d,
            "schema 1 is never renamed"
        );
        assert!(upcast(EventKind::PartnerJoined, 2, d.clone()).is_err());
        let both = json!({"endorser": "a", "by": "b", "agreement": "x", "version": 1});
        assert!(upcast(EventKind::AgreementEndorsed, 0, both).is_err());
    }
}
