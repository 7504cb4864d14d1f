//! Upcasting: reading events written under an older `schema_version` in
//! today's shape. Hashes are always computed on the stored form, so upcasting
//! never touches what `verify` checks.

use serde_json::Value;

use crate::catalogue::EventKind;
use crate::envelope::SCHEMA_VERSION;

/// Brings `data` written under `schema_version` to the current shape.
pub fn upcast(kind: EventKind, schema_version: u32, data: Value) -> Result<Value, String> {
    match schema_version {
        SCHEMA_VERSION => Ok(data),
        v if v > SCHEMA_VERSION => Err(format!(
            "it was written by a newer accord (schema version {v}; this one reads up to {SCHEMA_VERSION}); upgrade accord"
        )),
        v => Err(format!("schema version {v} of {kind} is not known")),
    }
}
