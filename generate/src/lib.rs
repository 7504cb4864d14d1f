//! Deterministic generators of valid, realistic accord event logs (JSON
//! Lines): the programme simulation behind `accord generate` (for users
//! trying accord at scale and for the benchmarks), and the smaller event
//! batches the integration tests and stress harnesses append ([`batches`]).
//!
//! The [`Generator`] keeps its own small model of the programme
//! ([`model`](crate::model): who is a partner, which version each agreement
//! is at, who endorsed it, which reviews are open, which commitments are
//! still running, what may be retracted) and its acts (`acts/`, one file per
//! family) only emit events that every rule of docs/rules.md accepts when they are
//! appended in the order printed. Every event is built as the catalogue's
//! typed payload (`accord_events::catalogue`) and serialised by its derived
//! `Serialize`. The same configuration always prints the same bytes: one
//! seeded SplitMix64 stream drives every choice, and nothing iterates a hash
//! map.
//!
//! Business time: the `n`-th event of `N` happens on the date `n/N` of the way
//! through the programme's span, so dates never go back along the log except
//! for deliberately back-dated entries (findings, interviews, meetings,
//! activities, commitments), which pick a date between the latest thing they
//! refer to and the current date. Any prefix of the output is itself a valid
//! log, so the generator simply stops after `N` events.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod acts;
pub mod batches;
mod emit;
mod model;
mod rng;
mod words;

use chrono::NaiveDate;

pub use model::Generator;
pub use rng::{Rng, Zipf};

/// What to generate.
#[derive(Clone, Debug)]
pub struct Config {
    /// How many events.
    pub events: u64,
    /// How many partnerships (established over the first quarter of the span).
    pub partnerships: u32,
    /// The seed: the same configuration gives the same bytes.
    pub seed: u64,
    /// The first day of the programme.
    pub since: NaiveDate,
    /// The last day any event may occur on.
    pub until: NaiveDate,
}

impl Iterator for Generator {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        if self.produced >= self.cfg.events {
            return None;
        }
        while self.queue.is_empty() {
            self.step();
        }
        self.produced += 1;
        self.queue.pop_front()
    }
}

#[cfg(test)]
mod tests;
