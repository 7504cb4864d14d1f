//! Pure folds from accord's events to read models.
//!
//! Every fold takes envelopes in `seq` order and returns plain data: no SQL,
//! no I/O, no clock (the as-of date comes in a [`View`]). The events that
//! count are chosen by [`View::counted`]; [`Replay`] folds them into the
//! [`Directory`], the [`Programme`] and each [`Partnership`], from which the
//! read models are derived:
//!
//! - [`PartnershipState`] (`accord show`),
//! - [`History`] (`accord history`),
//! - [`PartnershipDiff`] (`accord diff`),
//! - [`AgreementAudit`], [`PersonAudit`], [`OrgAudit`] (`accord audit`),
//! - [`ProgrammeStatus`] (`accord status`),
//! - the rows of [`list`] (`accord list`).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod audit;
pub mod diff;
pub mod directory;
pub mod effects;
pub mod finding;
pub mod framework;
pub mod history;
pub mod list;
pub mod partnership;
pub mod programme;
pub mod replay;
pub mod snapshot;
pub mod status;
pub mod textdiff;
pub mod translations;
pub mod view;

#[cfg(test)]
mod tests;

pub use audit::{AgreementAudit, OrgAudit, PersonAudit};
pub use diff::PartnershipDiff;
pub use directory::Directory;
pub use history::History;
pub use partnership::{Partnership, PartnershipState};
pub use programme::Programme;
pub use replay::{Replay, ReplayBuilder, StreamFold, show};
pub use status::{
    PartnershipLine, ProgrammeShare, ProgrammeStatus, StatusBuilder, StatusParts, StreamStatus,
    Tally,
};
pub use view::{READ_AT_ANY_DATE, Sieve, View};
