//! Findings: SWOT observations about a partnership or the programme.

use accord_events::Envelope;
use accord_events::catalogue::FindingRecorded;
use accord_events::fields::{Day, FindingOrigin, Side, Swot, Theme};
use serde::Serialize;

/// A recorded finding. JSON keys: `finding`, `swot`, `theme`, `text` (SPEC),
/// then `origin`, `side`, `review`, `partnership`, `recorded_on`, `seq`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Its id.
    pub finding: String,
    /// The SWOT quadrant.
    pub swot: Swot,
    /// The common issue it speaks to.
    pub theme: Theme,
    /// What was found.
    pub text: String,
    /// Where it came from.
    pub origin: FindingOrigin,
    /// The side it came from, if recorded.
    pub side: Option<Side>,
    /// The review it came from, if any.
    pub review: Option<String>,
    /// The partnership it is about (`None`: the programme as a whole).
    pub partnership: Option<String>,
    /// The business date it was recorded for.
    pub recorded_on: Day,
    /// Its position in the log.
    pub seq: u64,
}

impl Finding {
    /// The finding a `finding.recorded` event records.
    pub fn from_event(e: &Envelope, d: &FindingRecorded) -> Finding {
        Finding {
            finding: d.finding.to_string(),
            swot: d.swot,
            theme: d.theme,
            text: d.text.as_str().to_owned(),
            origin: d.origin,
            side: d.side,
            review: d.review.as_ref().map(|r| r.to_string()),
            partnership: d.partnership.as_ref().map(|p| p.to_string()),
            recorded_on: Day(e.occurred_on),
            seq: e.seq,
        }
    }
}
