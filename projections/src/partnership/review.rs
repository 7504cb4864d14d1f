//! Reviews and their scores.
//!
//! A review's scores are the mean per criterion over the responses that
//! scored it (every side counts), also split by the side each respondent
//! spoke for on the date of their response (only sides that responded). A
//! criterion diverges when both a government and a development-partner mean
//! exist and differ by at least half the framework's range; the comparison
//! is exact (done on the sums and counts, not on rounded means).

use std::collections::BTreeMap;

use accord_events::catalogue::EFFECTIVENESS;
use accord_events::catalogue::{ReviewOpened, ReviewResponse};
use accord_events::fields::{Day, ReviewKind, Side};
use compact_str::CompactString;

use super::Stamp;
use crate::directory::Directory;
use crate::framework::Framework;

/// A review of a partnership.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// Its id.
    pub review: String,
    /// Its kind.
    pub kind: ReviewKind,
    /// The framework it is scored on.
    pub framework: String,
    /// When the next review is due, if set.
    pub next_due: Option<Day>,
    /// `review.opened`.
    pub opened: Stamp,
    /// Its responses, in `seq` order.
    pub responses: Vec<Response>,
    /// `review.concluded` and its summary, once folded.
    pub concluded: Option<(Stamp, String)>,
}

/// One respondent's scores.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// Who responded.
    pub respondent: String,
    /// Their score per criterion, by criterion (a fold holds one per
    /// response ever recorded: a short list of inline strings, not a map).
    pub scores: Vec<(CompactString, i64)>,
    /// Their comment.
    pub comment: Option<String>,
    /// `review.response`.
    pub stamp: Stamp,
}

/// A running sum of scores for one criterion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// The sum of the scores.
    pub sum: i64,
    /// How many scores.
    pub count: i64,
}

impl Tally {
    /// Adds a score.
    pub fn add(&mut self, score: i64) {
        self.sum += score;
        self.count += 1;
    }

    /// The mean, unrounded (`None` when nothing was scored).
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum as f64 / self.count as f64)
    }

    /// True when the two means differ by at least `range / 2`, compared
    /// exactly: `2·|a.sum·b.count − b.sum·a.count| ≥ range·a.count·b.count`.
    pub fn differs_by_half(&self, other: &Tally, range: i64) -> bool {
        if self.count == 0 || other.count == 0 {
            return false;
        }
        let lhs = 2
            * (i128::from(self.sum) * i128::from(other.count)
                - i128::from(other.sum) * i128::from(self.count))
            .abs();
        lhs >= i128::from(range) * i128::from(self.count) * i128::from(other.count)
    }
}

/// A review's scores, overall and by side.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    /// Per criterion, over every response that scored it.
    pub overall: BTreeMap<String, Tally>,
    /// Per side that responded, per criterion.
    pub by_side: BTreeMap<Side, BTreeMap<String, Tally>>,
}

impl Scores {
    /// Mean per criterion.
    pub fn means(&self) -> BTreeMap<String, f64> {
        means(&self.overall)
    }

    /// Mean per side and criterion.
    pub fn side_means(&self) -> BTreeMap<Side, BTreeMap<String, f64>> {
        self.by_side.iter().map(|(s, t)| (*s, means(t))).collect()
    }

    /// The criteria on which government and development partners diverge,
    /// in the framework's order.
    pub fn diverging(&self, framework: &Framework) -> Vec<String> {
        let (Some(gov), Some(dp)) = (
            self.by_side.get(&Side::Government),
            self.by_side.get(&Side::DevelopmentPartner),
        ) else {
            return Vec::new();
        };
        let mut out: Vec<String> = gov
            .iter()
            .filter(|(c, g)| {
                dp.get(c.as_str())
                    .is_some_and(|d| g.differs_by_half(d, framework.range()))
            })
            .map(|(c, _)| c.clone())
            .collect();
        out.sort_by_key(|c| (framework.position(c), c.clone()));
        out
    }
}

fn means(t: &BTreeMap<String, Tally>) -> BTreeMap<String, f64> {
    t.iter()
        .filter_map(|(c, t)| t.mean().map(|m| (c.clone(), m)))
        .collect()
}

impl Review {
    pub(crate) fn opened(opened: Stamp, d: &ReviewOpened) -> Review {
        Review {
            review: d.review.to_string(),
            kind: d.kind,
            framework: d
                .framework
                .as_ref()
                .map_or_else(|| EFFECTIVENESS.to_owned(), |f| f.to_string()),
            next_due: d.next_due,
            opened,
            responses: Vec::new(),
            concluded: None,
        }
    }

    pub(crate) fn respond(&mut self, stamp: Stamp, d: &ReviewResponse) {
        self.responses.push(Response {
            respondent: d.respondent.to_string(),
            scores: d
                .scores
                .iter()
                .map(|(c, s)| (CompactString::from(c.as_str()), *s))
                .collect(),
            comment: d.comment.as_ref().map(|c| c.as_str().to_owned()),
            stamp,
        });
    }

    /// The scores of its responses; sides as of each response's date.
    pub fn scores(&self, dir: &Directory) -> Scores {
        let mut s = Scores::default();
        for r in &self.responses {
            let side = dir
                .acting_for(&r.respondent, r.stamp.on.0)
                .and_then(|a| a.side);
            for (c, score) in &r.scores {
                s.overall.entry(c.to_string()).or_default().add(*score);
                if let Some(side) = side {
                    s.by_side
                        .entry(side)
                        .or_default()
                        .entry(c.to_string())
                        .or_default()
                        .add(*score);
                }
            }
        }
        s
    }
}
