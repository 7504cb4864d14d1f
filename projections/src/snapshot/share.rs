//! One partnership's share of a snapshot: everything the report says of
//! it, derived as soon as its fold is complete. A snapshot read stream by
//! stream keeps the shares and lets each partnership's facts go, so memory
//! holds what the report prints, not every fact of the log.

use accord_events::fields::{Side, Swot, Theme};
use serde::{Deserialize, Serialize};

use super::changes::{self, Changes};
use super::coverage::{self, Reach};
use super::{
    Divergence, DivergingCriterion, FindingLine, Folds, OverdueCommitment, PartnershipSnapshot,
};
use crate::finding::Finding;
use crate::partnership::{Partnership, PartnershipState};
use crate::snapshot::{AgreementLine, ScorePoint};
use crate::status::PartnershipSummary;

/// What the snapshot keeps of one established partnership.
///
/// It can be saved and read back (`serde`, in any format that keeps every
/// field, such as postcard): its row is written whole, with the fields
/// its JSON flattens or leaves out.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct Share {
    /// Where it was established in the log: the report's partnership order.
    pub established_seq: u64,
    /// Its id.
    pub partnership: String,
    /// Its name on the snapshot's date.
    pub name: String,
    /// Its row of the report.
    #[serde(with = "whole_row")]
    pub snapshot: PartnershipSnapshot,
    /// How the period's engagement reached it.
    pub reach: Reach,
    /// What changed in it in the period.
    pub changes: Changes,
    /// Each of its standing findings, counted by theme and quadrant.
    pub findings: Vec<FindingMark>,
    /// Those recorded in the period, as the report lists them, each with
    /// its `seq` (the report lists them in log order).
    pub new_findings: Vec<(u64, FindingLine)>,
    /// Its latest review's divergence, if any.
    pub divergence: Option<Divergence>,
    /// Its overdue commitments.
    pub overdue: Vec<OverdueCommitment>,
}

/// A finding as the counts by theme see it.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub(super) struct FindingMark {
    pub theme: Theme,
    pub swot: Swot,
    /// Recorded in the period.
    pub new: bool,
}

impl FindingMark {
    pub fn of(f: &Finding, new: bool) -> FindingMark {
        FindingMark {
            theme: f.theme,
            swot: f.swot,
            new,
        }
    }
}

/// A [`PartnershipSnapshot`] with every field, in order (its JSON
/// flattens its summary, which postcard cannot read back, and leaves two
/// of the summary's fields out).
mod whole_row {
    use std::collections::BTreeMap;

    use accord_events::fields::Day;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::snapshot::{AgreementLine, Engagement, PartnershipSnapshot, ScorePoint};
    use crate::status::{PartnershipSummary, whole_summary};

    /// The summary, whole.
    #[derive(Serialize, Deserialize)]
    struct Summary(#[serde(with = "whole_summary")] PartnershipSummary);

    type Row = (
        Summary,
        Option<String>,
        Option<Day>,
        Option<String>,
        Option<BTreeMap<String, f64>>,
        BTreeMap<String, Option<f64>>,
        Option<Day>,
        Vec<AgreementLine>,
        Vec<ScorePoint>,
        Engagement,
        usize,
        usize,
    );

    pub fn serialize<S: Serializer>(p: &PartnershipSnapshot, to: S) -> Result<S::Ok, S::Error> {
        (
            Summary(p.summary.clone()),
            &p.host,
            &p.latest_review_on,
            &p.previous_review,
            &p.previous_scores,
            &p.score_changes,
            &p.next_review_due,
            &p.agreement_list,
            &p.score_history,
            &p.engagement,
            p.endorsements_signed,
            p.endorsements_unsigned,
        )
            .serialize(to)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        from: D,
    ) -> Result<PartnershipSnapshot, D::Error> {
        let row: Row = Deserialize::deserialize(from)?;
        Ok(PartnershipSnapshot {
            summary: row.0.0,
            host: row.1,
            latest_review_on: row.2,
            previous_review: row.3,
            previous_scores: row.4,
            score_changes: row.5,
            next_review_due: row.6,
            agreement_list: row.7,
            score_history: row.8,
            engagement: row.9,
            endorsements_signed: row.10,
            endorsements_unsigned: row.11,
        })
    }
}

/// The line of `f` in the report; the partnership's name is filled in
/// when every name is known.
pub(super) fn finding_line(f: &Finding) -> FindingLine {
    FindingLine {
        finding: f.finding.clone(),
        swot: f.swot,
        theme: f.theme,
        text: f.text.clone(),
        partnership_name: None,
        partnership: f.partnership.clone(),
        origin: f.origin,
        side: f.side,
        recorded_on: f.recorded_on,
    }
}

/// The share of `fold`, a partnership as of the snapshot's date, beside
/// `before`, the same partnership's fold as of the baseline (when there is
/// one): `None` when it is not established on the snapshot's date.
pub(super) fn derive(
    f: &Folds<'_>,
    fold: &Partnership,
    before: Option<&Partnership>,
) -> Option<Share> {
    let established_seq = fold.established.as_ref()?.stamp.seq;
    let now = PartnershipState::outline(fold, &f.now.directory, &f.now.programme, f.view)?;
    let before = f.before.as_ref().and_then(|(shared, view)| {
        PartnershipState::outline(before?, &shared.directory, &shared.programme, view)
    });
    let reach = coverage::reach(f, &now.partnership, fold);
    let snapshot = partnership_snapshot(f, fold, &now, before.as_ref(), &reach);
    let changes = changes::of_partnership(f, fold, &now, before.as_ref());
    let new = |x: &Finding| f.window.in_period(x.recorded_on.0);
    Some(Share {
        established_seq,
        partnership: now.partnership.clone(),
        name: now.name.clone(),
        reach,
        changes,
        findings: fold
            .findings
            .iter()
            .map(|x| FindingMark::of(x, new(x)))
            .collect(),
        new_findings: fold
            .findings
            .iter()
            .filter(|x| new(x))
            .map(|x| (x.seq, finding_line(x)))
            .collect(),
        divergence: divergence(&now),
        overdue: overdue(f, &now),
        snapshot,
    })
}

/// `s` is `fold`'s outline ([`PartnershipState::outline`]): which of its
/// reviews received responses is read from the fold.
fn partnership_snapshot(
    f: &Folds<'_>,
    fold: &Partnership,
    s: &PartnershipState,
    before: Option<&PartnershipState>,
    reach: &Reach,
) -> PartnershipSnapshot {
    let summary = PartnershipSummary::of(s);
    let previous = before.and_then(|b| b.latest_review.as_ref());
    let previous_scores = previous.map(|r| r.scores.clone());
    let endorsements = s
        .agreements
        .iter()
        .map(|a| a.endorsements.len())
        .sum::<usize>();
    let signed = s
        .agreements
        .iter()
        .flat_map(|a| a.endorsements.iter())
        .filter(|e| e.signed)
        .count();
    let score_changes = summary
        .latest_scores
        .iter()
        .map(|(c, now)| {
            let then = previous_scores.as_ref().and_then(|p| p.get(c));
            (c.clone(), then.map(|t| now - t))
        })
        .collect();
    PartnershipSnapshot {
        host: s
            .host
            .as_deref()
            .map(|h| f.now.directory.org_name(h).to_owned()),
        latest_review_on: s.latest_review.as_ref().map(|r| r.opened_on),
        previous_review: previous.map(|r| r.review.clone()),
        previous_scores,
        score_changes,
        next_review_due: s.next_review_due,
        agreement_list: s
            .agreements
            .iter()
            .map(|a| AgreementLine {
                agreement: a.agreement.clone(),
                kind: a.kind,
                title: a.title.clone(),
                status: a.status,
                current_version: a.current_version,
                in_force_version: a.in_force_version,
                adopted_on: a.adopted_on,
            })
            .collect(),
        score_history: s
            .reviews
            .iter()
            .zip(&fold.reviews)
            .filter(|(_, folded)| !folded.responses.is_empty())
            .map(|(r, _)| ScorePoint {
                review: r.review.clone(),
                opened_on: r.opened_on,
                scores: r.scores.clone(),
            })
            .collect(),
        engagement: reach.engagement.clone(),
        endorsements_signed: signed,
        endorsements_unsigned: endorsements - signed,
        summary,
    }
}

fn divergence(s: &PartnershipState) -> Option<Divergence> {
    let r = s.latest_review.as_ref()?;
    if r.diverging.is_empty() {
        return None;
    }
    let side = |side: Side, c: &str| r.by_side.get(&side).and_then(|m| m.get(c)).copied();
    Some(Divergence {
        partnership: s.partnership.clone(),
        name: s.name.clone(),
        review: r.review.clone(),
        criteria: r
            .diverging
            .iter()
            .map(|c| DivergingCriterion {
                criterion: c.clone(),
                government: side(Side::Government, c),
                development_partner: side(Side::DevelopmentPartner, c),
            })
            .collect(),
    })
}

fn overdue(f: &Folds<'_>, s: &PartnershipState) -> Vec<OverdueCommitment> {
    s.commitments
        .iter()
        .filter(|c| c.overdue)
        .map(|c| OverdueCommitment {
            partnership: s.partnership.clone(),
            name: s.name.clone(),
            commitment: c.commitment.clone(),
            text: c.text.clone(),
            owner: c.owner.clone(),
            owner_name: f.now.directory.org_name(&c.owner).to_owned(),
            due: c.due,
            status: c.status,
        })
        .collect()
}
