//! `accord audit` as text: who agreed what, for whom, and who recorded it.
//! Each act is a short record (date, what, for whom, where in the log, who
//! recorded it) rather than a wide table, so nothing is cut at 80 columns.

use accord_projections::Replay;
use accord_projections::audit::{Act, AgreementAudit, OrgAudit, PersonAudit, VersionAudit};

use super::worddiff::{LEGEND, changes_words, marked};
use super::{date, heading, labelled_text, occurred, opt_date, push_table, side, table, wrap};
use crate::render::labels;
use crate::render::style::Style;

/// `2010-12-31T12:00:00.000000Z` as `2010-12-31 12:00:00 UTC`.
fn instant(recorded_at: &str) -> String {
    format!(
        "{} UTC",
        recorded_at
            .get(..19)
            .unwrap_or(recorded_at)
            .replace('T', " ")
    )
}

fn for_whom(replay: &Replay, org: Option<&str>, s: Option<accord_events::fields::Side>) -> String {
    match org {
        Some(o) => format!("{} ({o}), {}", replay.directory.org_name(o), side(s)),
        None => "no organisation on record".to_owned(),
    }
}

/// A record: a first line, then indented detail lines, wrapped.
fn record(out: &mut String, first: &str, details: &[String]) {
    out.push_str(&wrap(first, "              "));
    for d in details {
        out.push_str(&wrap(&format!("              {d}"), "                "));
    }
}

/// An agreement's audit trail as text (without the footer): each version's
/// full text, or with `diff` what changed from the version before, marked
/// word by word.
pub fn agreement(a: &AgreementAudit, replay: &Replay, style: &Style, diff: bool) -> String {
    let dir = &replay.directory;
    let mut out = String::new();
    out.push_str(&style.bold(&format!("Audit of agreement {}: {}", a.agreement, a.title)));
    out.push('\n');
    out.push_str(&format!(
        "{} in {} · {} · {}\n",
        labels::agreement_kind(a.kind),
        a.partnership,
        crate::render::labels::agreement_status(a.status),
        a.in_force_version
            .map_or("nothing in force".to_owned(), |v| format!("v{v} in force"))
    ));
    for v in &a.versions {
        version(&mut out, v, replay, style, diff);
    }
    if let Some(w) = &a.withdrawn {
        out.push_str(&heading(style, "Withdrawn"));
        record(
            &mut out,
            &format!(
                "  {:<11} by {} ({})",
                occurred(&w.occurred_at),
                dir.person_name(&w.person),
                w.person
            ),
            &[
                format!("for {}", for_whom(replay, w.org.as_deref(), w.side)),
                format!(
                    "seq {} · by {} at {}",
                    w.seq,
                    w.recorded_by,
                    instant(&w.recorded_at)
                ),
            ],
        );
    }
    if !a.retractions.is_empty() {
        out.push_str(&heading(style, "Retracted (counted nowhere)"));
        for r in &a.retractions {
            let who = r
                .retracted
                .person
                .as_deref()
                .map(|p| format!(" by {} ({p})", dir.person_name(p)))
                .unwrap_or_default();
            let version = r
                .retracted
                .version
                .map(|v| format!(" of v{v}"))
                .unwrap_or_default();
            record(
                &mut out,
                &format!(
                    "  {:<11} {}{version}{who}, seq {}",
                    occurred(&r.retracted.occurred_at),
                    r.retracted.kind,
                    r.retracted.seq
                ),
                &[
                    format!("retracted: {}", r.reason),
                    format!(
                        "seq {} · by {} at {}",
                        r.seq,
                        r.recorded_by,
                        instant(&r.recorded_at)
                    ),
                ],
            );
        }
    }
    out
}

/// One version: who proposed or revised it, its record, its text (or word diff), and who endorsed it.
fn version(out: &mut String, v: &VersionAudit, replay: &Replay, style: &Style, diff: bool) {
    let dir = &replay.directory;
    out.push_str(&heading(
        style,
        &format!(
            "Version {} — {}",
            v.version,
            v.adopted_on
                .map_or("not adopted".to_owned(), |d| format!("adopted {}", date(d)))
        ),
    ));
    let label = |l: &str| format!("{l:<14}");
    out.push_str(&format!("{}{}\n", label("Title:"), v.title));
    out.push_str(&wrap(
        &format!(
            "{}{} ({}) for {} on {}",
            label(if v.version == 1 {
                "Proposed by:"
            } else {
                "Revised by:"
            }),
            dir.person_name(&v.proposed_or_revised_by),
            v.proposed_or_revised_by,
            for_whom(replay, v.org.as_deref(), v.side),
            occurred(&v.occurred_at)
        ),
        &label(""),
    ));
    if let Some(r) = &v.reason {
        out.push_str(&wrap(&format!("{}{r}", label("Reason:")), &label("")));
    }
    out.push_str(&wrap(
        &format!(
            "{}seq {} · id {} · by {} at {}",
            label("Recorded:"),
            v.seq,
            v.id,
            v.recorded_by,
            instant(&v.recorded_at)
        ),
        &label(""),
    ));
    out.push_str(&format!("{}{}\n", label("Text SHA-256:"), v.text_sha256));
    match v.diff_from_previous.as_deref().filter(|_| diff) {
        Some(pieces) if changes_words(pieces) => {
            out.push_str(&format!(
                "{}from v{}, word by word: {LEGEND}\n",
                label("Changes:"),
                v.version - 1
            ));
            labelled_text(out, &label(""), &marked(pieces), &label(""));
        }
        Some(_) => out.push_str(&format!(
            "{}from v{}: none in the words (spacing or line breaks only)\n{}",
            label("Changes:"),
            v.version - 1,
            {
                let mut t = String::new();
                labelled_text(&mut t, &label("Text:"), &v.text, &label(""));
                t
            }
        )),
        None => labelled_text(out, &label("Text:"), &v.text, &label("")),
    }
    if v.endorsements.is_empty() {
        out.push_str("No endorsements.\n");
        return;
    }
    out.push_str("Endorsed by:\n");
    for e in &v.endorsements {
        let forum = e
            .forum
            .as_ref()
            .map(|f| vec![format!("at {f}")])
            .unwrap_or_default();
        let mut details = vec![format!(
            "for {}",
            for_whom(replay, e.org.as_deref(), e.side)
        )];
        details.extend(forum);
        details.push(match &e.signature {
            None => "unsigned".to_owned(),
            Some(sig) if sig.verified => format!("signed with {} (verified)", sig.fingerprint),
            Some(sig) => format!(
                "signed with {} — DOES NOT VERIFY (run `accord verify`)",
                sig.fingerprint
            ),
        });
        details.push(format!(
            "seq {} · id {} · by {} at {}",
            e.seq,
            e.id,
            e.recorded_by,
            instant(&e.recorded_at)
        ));
        record(
            out,
            &format!(
                "  {:<11} {} ({})",
                occurred(&e.occurred_at),
                dir.person_name(&e.person),
                e.person
            ),
            &details,
        );
    }
}

fn acts(out: &mut String, acts: &[Act], replay: &Replay, with_person: bool) {
    if acts.is_empty() {
        out.push_str("No acts recorded.\n");
        return;
    }
    for a in acts {
        let what = match a.version {
            Some(v) => format!("{} {} v{v}", crate::render::labels::act(a.act), a.subject),
            None => format!("{} {}", crate::render::labels::act(a.act), a.subject),
        };
        let who = if with_person {
            format!(
                " — {} ({})",
                replay.directory.person_name(&a.person),
                a.person
            )
        } else {
            String::new()
        };
        record(
            out,
            &format!(
                "  {:<11} {what} in {}{who}",
                occurred(&a.occurred_at),
                a.partnership
            ),
            &[
                format!("for {}", for_whom(replay, a.org.as_deref(), a.side)),
                format!(
                    "seq {} · by {} at {}",
                    a.seq,
                    a.recorded_by,
                    instant(&a.recorded_at)
                ),
            ],
        );
    }
}

/// A person's audit trail as text.
pub fn person(p: &PersonAudit, replay: &Replay, style: &Style) -> String {
    let mut out = String::new();
    out.push_str(&style.bold(&format!("Audit of {} ({})", p.name, p.person)));
    out.push('\n');
    out.push_str(&heading(style, "Posts"));
    let mut t = table(style, &["Organisation", "Side", "Title", "From", "Until"]);
    for x in &p.posts {
        t.add_row(vec![
            format!("{} ({})", x.name, x.org),
            side(x.side).to_owned(),
            x.title.clone().unwrap_or_default(),
            date(x.from),
            opt_date(x.until),
        ]);
    }
    push_table(&mut out, &t);
    out.push_str(&heading(style, "Acts"));
    acts(&mut out, &p.acts, replay, false);
    out
}

/// An organisation's audit trail as text.
pub fn org(o: &OrgAudit, replay: &Replay, style: &Style) -> String {
    let mut out = String::new();
    out.push_str(&style.bold(&format!("Audit of {} ({})", o.name, o.org)));
    out.push('\n');
    out.push_str(&format!("Side: {}\n", o.side.label()));
    out.push_str(&heading(style, "People"));
    if o.people.is_empty() {
        out.push_str("Nobody registered.\n");
    } else {
        let mut t = table(style, &["Person", "Title", "From", "Until"]);
        for p in &o.people {
            t.add_row(vec![
                format!("{} ({})", p.name, p.person),
                p.title.clone().unwrap_or_default(),
                date(p.from),
                opt_date(p.until),
            ]);
        }
        push_table(&mut out, &t);
    }
    out.push_str(&heading(style, "Memberships"));
    if o.memberships.is_empty() {
        out.push_str("Not a partner anywhere.\n");
    } else {
        let mut t = table(style, &["Partnership", "Role", "Joined", "Left"]);
        for m in &o.memberships {
            t.add_row(vec![
                m.partnership.clone(),
                labels::role(m.role).to_owned(),
                date(m.joined_on),
                opt_date(m.left_on),
            ]);
        }
        push_table(&mut out, &t);
    }
    out.push_str(&heading(style, "Acts done for it"));
    acts(&mut out, &o.acts, replay, true);
    if !o.commitments.is_empty() {
        out.push_str(&heading(style, "Commitments it owns"));
        let mut t = table(style, &["Commitment", "Partnership", "Due", "Status"]);
        for c in &o.commitments {
            t.add_row(vec![
                c.commitment.clone(),
                c.partnership.clone(),
                date(c.due),
                crate::render::labels::commitment_status(c.status).to_owned(),
            ]);
        }
        push_table(&mut out, &t);
    }
    out
}
