//! Tests on hand-built logs: every derived meaning at its boundary dates,
//! the view's time rules, the read models, and property tests.

mod audit;
mod derived;
mod effects;
mod history;
mod log;
mod properties;
mod status;
mod time;
mod translations;

pub(crate) use log::{Log, d};
