//! accord's event log: the catalogue of event types, their validation, the
//! rules checked on append, the hash chain and the append-only SQLite store.
//!
//! This crate knows nothing of projections or of the command line.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod catalogue;
pub mod clock;
pub mod envelope;
pub mod fields;
pub mod input;
pub mod json;
pub mod rules;
pub mod signature;
pub mod store;
pub mod upcast;
pub mod verify;

pub use catalogue::{Event, EventKind};
pub use clock::Clock;
pub use envelope::{Envelope, Hash, KeptEvent, StoredEvent};
pub use input::{InputError, NewEvent};
