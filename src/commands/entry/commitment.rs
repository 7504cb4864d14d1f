//! `accord commitment add|report|reschedule`.

use accord_events::fields::{Day, ReportedStatus, Slug, Text};

use super::args::A;

entry! {
    /// Record that an organisation commits to an action by a due date.
    Add => CommitmentMade,
    subject commitment: A<Slug> as "COMMITMENT",
    examples [
        "accord commitment add c-7 --partnership health --owner moh --due 2010-06-30 --text \"Publish the joint annual plan\" --origin r-3",
        "accord import commitments.csv   (many commitments at once from a spreadsheet)",
    ],
    {
        /// The partnership it belongs to.
        partnership: A<Slug>,
        /// What is committed.
        text | text_file: Option<A<Text>>,
        /// The organisation responsible.
        owner: A<Slug>,
        /// When it is due (YYYY-MM-DD).
        due: A<Day>,
        /// The review, agreement or meeting it came from.
        origin: Option<A<Slug>>,
    }
}

entry! {
    /// Report progress on a commitment.
    Report => CommitmentReported,
    subject commitment: A<Slug> as "COMMITMENT",
    examples ["accord commitment report c-7 --status behind_schedule --reported-by chair-health --note \"Waiting for budget figures\" --date 2010-05-02"],
    {
        /// Where it stands.
        status: A<ReportedStatus>,
        /// The person who reports.
        reported_by: Option<A<Slug>>,
        /// A note, for example the reason for a delay.
        note | note_file: Option<A<Text>>,
    }
}

entry! {
    /// Give a commitment a new due date.
    Reschedule => CommitmentRescheduled,
    subject commitment: A<Slug> as "COMMITMENT",
    examples ["accord commitment reschedule c-7 --due 2010-09-30 --reason \"Budget approved late\""],
    {
        /// The new due date (YYYY-MM-DD).
        due: A<Day>,
        /// Why it moves.
        reason: A<Text>,
    }
}

verbs!(
    /// Verbs of `accord commitment`.
    CommitmentVerb { Add, Report, Reschedule }
);
