//! What recorded events changed, in words: the projections (`accord show`'s
//! own folds) taken just before and just after, compared.
//!
//! Only the streams the events touched are read (with the directory and the
//! programme, which every partnership's state needs). The view is "as of"
//! the latest date in play and knows everything recorded, so a retraction
//! shows as what it undoes.

use std::collections::BTreeSet;

use accord_events::Envelope;
use accord_events::fields::Side;
use accord_events::store::{LogFilter, Store};
use accord_projections::audit::text_sha256;
use accord_projections::partnership::{AgreementState, PartnershipState, VersionState};
use accord_projections::{Directory, Replay, View};
use chrono::NaiveDate;

use crate::error::CliError;

/// First 12 hex digits of the SHA-256 of a version's text (as `accord audit` prints it in full).
fn sha12(v: &VersionState) -> String {
    text_sha256(&v.text)[..12].to_owned()
}

/// What the events `first..=last` changed, one sentence each.
pub fn changes(
    store: &Store,
    first: u64,
    last: u64,
    today: NaiveDate,
) -> Result<Vec<String>, CliError> {
    let mut streams: BTreeSet<String> = ["directory", "programme"].map(String::from).into();
    for e in store.stored_after(first.saturating_sub(1))? {
        if e.seq <= last {
            streams.insert(e.stream);
        }
    }
    let streams: Vec<&str> = streams.iter().map(String::as_str).collect();
    let events = store.read_streams(&streams)?;
    Ok(compare(events, first, last, today))
}

/// What the events of a batch that was only checked (`check_only`: not in
/// the log, positioned after its head) would change, one sentence each.
pub fn would_change(
    store: &Store,
    unwritten: &[Envelope],
    today: NaiveDate,
) -> Result<Vec<String>, CliError> {
    let (Some(first), Some(last)) = (unwritten.first(), unwritten.last()) else {
        return Ok(Vec::new());
    };
    let mut streams: BTreeSet<&str> = ["directory", "programme"].into();
    streams.extend(unwritten.iter().map(|e| e.stream.as_str()));
    let streams: Vec<&str> = streams.into_iter().collect();
    // Another process may have appended since the check: the batch is
    // judged against the log as it was checked against.
    let mut events = store.read_streams(&streams)?;
    events.retain(|e| e.seq < first.seq);
    events.extend(unwritten.iter().cloned());
    Ok(compare(events, first.seq, last.seq, today))
}

/// The changes from the events before `first` to those up to `last`.
fn compare(events: Vec<Envelope>, first: u64, last: u64, today: NaiveDate) -> Vec<String> {
    let latest = events.iter().map(|e| e.occurred_on).max().unwrap_or(today);
    let view = View::as_of(latest.max(today));
    let upto =
        |seq: u64| -> Vec<Envelope> { events.iter().filter(|e| e.seq <= seq).cloned().collect() };
    let before = Replay::of(&upto(first - 1), &view);
    let after = Replay::of(&upto(last), &view);
    describe(&before, &after, &view)
}

/// Every change from `before` to `after`.
fn describe(before: &Replay, after: &Replay, view: &View) -> Vec<String> {
    let mut out = Vec::new();
    for p in after.established() {
        let id = p.partnership.as_str();
        let Some(a) = after.partnership_state(id, view) else {
            continue;
        };
        let b = before.partnership_state(id, view);
        partnership(&mut out, b.as_ref(), &a, &after.directory);
    }
    stages(&mut out, before, after);
    people(&mut out, before, after);
    out
}

fn partnership(
    out: &mut Vec<String>,
    b: Option<&PartnershipState>,
    a: &PartnershipState,
    dir: &Directory,
) {
    let p = &a.partnership;
    for ag in &a.agreements {
        let old = b.and_then(|b| b.agreements.iter().find(|x| x.agreement == ag.agreement));
        agreement(out, old, ag, dir);
    }
    for c in &a.commitments {
        let id = &c.commitment;
        match b.and_then(|b| b.commitments.iter().find(|x| &x.commitment == id)) {
            None => out.push(format!(
                "commitment {id} is {}, due {}",
                c.status.as_str(),
                c.due
            )),
            Some(o) => {
                if o.status != c.status {
                    out.push(format!(
                        "commitment {id} is now {} (was {})",
                        c.status.as_str(),
                        o.status.as_str()
                    ));
                }
                if o.due != c.due {
                    out.push(format!(
                        "commitment {id} is now due {} (was {})",
                        c.due, o.due
                    ));
                }
            }
        }
    }
    for r in &a.reviews {
        let id = &r.review;
        let n = r.responses.len();
        match b.and_then(|b| b.reviews.iter().find(|x| &x.review == id)) {
            None => out.push(format!("review {id} is open for responses")),
            Some(o) if o.concluded_on.is_none() && r.concluded_on.is_some() => {
                out.push(format!("review {id} is concluded with {n} response(s)"))
            }
            Some(o) if o.concluded_on.is_some() && r.concluded_on.is_none() => {
                out.push(format!("review {id} is open again for responses"))
            }
            Some(o) if o.responses.len() != n => {
                out.push(format!("review {id} now has {n} response(s)"))
            }
            Some(_) => {}
        }
    }
    for m in &a.members {
        let was = b.and_then(|b| b.members.iter().find(|x| x.org == m.org));
        if was.is_none_or(|w| w.role != m.role) {
            out.push(format!(
                "{} is now a partner of {p} as {}",
                org_label(dir, &m.org),
                m.role
            ));
        }
    }
    if let Some(b) = b {
        for m in &b.members {
            if !a.members.iter().any(|x| x.org == m.org) {
                out.push(format!(
                    "{} is no longer a partner of {p}",
                    org_label(dir, &m.org)
                ));
            }
        }
        gone(
            out,
            "agreement",
            b.agreements.iter().map(|x| &x.agreement),
            a.agreements.iter().map(|x| &x.agreement),
        );
        gone(
            out,
            "commitment",
            b.commitments.iter().map(|x| &x.commitment),
            a.commitments.iter().map(|x| &x.commitment),
        );
        gone(
            out,
            "review",
            b.reviews.iter().map(|x| &x.review),
            a.reviews.iter().map(|x| &x.review),
        );
    }
    match (b.is_some_and(|b| b.closed), a.closed) {
        (false, true) => out.push(format!(
            "partnership {p} is closed: nothing more can be recorded on it"
        )),
        (true, false) => out.push(format!("partnership {p} is open again")),
        _ => {}
    }
}

fn gone<'a>(
    out: &mut Vec<String>,
    noun: &str,
    before: impl Iterator<Item = &'a String>,
    after: impl Iterator<Item = &'a String>,
) {
    let after: BTreeSet<&String> = after.collect();
    for id in before.filter(|id| !after.contains(id)) {
        out.push(format!("{noun} {id} no longer counts"));
    }
}

fn org_label(dir: &Directory, org: &str) -> String {
    match dir.organisation(org) {
        Some(o) => format!("{} ({org}, {})", o.name, o.side.label()),
        None => org.to_owned(),
    }
}

fn agreement(
    out: &mut Vec<String>,
    before: Option<&AgreementState>,
    a: &AgreementState,
    dir: &Directory,
) {
    let id = &a.agreement;
    let mut adoption_said = false;
    for v in &a.versions {
        let n = v.version;
        let old = before.and_then(|b| b.versions.iter().find(|x| x.version == n));
        match old {
            Some(_) => {}
            None if n == 1 => out.push(format!(
                "agreement {id} v1 {:?} (text sha256 {}) is proposed; it is adopted once endorsed by both a government and a development-partner organisation",
                v.title,
                sha12(v)
            )),
            None => out.push(format!(
                "agreement {id} v{n} {:?} (text sha256 {}) is its current text now; endorsements start again",
                v.title,
                sha12(v)
            )),
        }
        let of_version =
            |s: Option<&AgreementState>| -> Vec<(String, Option<String>, Option<Side>)> {
                s.map(|s| {
                    s.endorsements
                        .iter()
                        .filter(|e| e.version == n)
                        .map(|e| (e.person.clone(), e.org.clone(), e.side))
                        .collect()
                })
                .unwrap_or_default()
            };
        let (was, now) = (of_version(before), of_version(Some(a)));
        for (person, org, _) in now.iter().filter(|e| !was.contains(e)) {
            let acting = org
                .as_deref()
                .map_or_else(|| "no organisation".into(), |o| org_label(dir, o));
            out.push(format!(
                "{person} of {acting} endorsed agreement {id} v{n} {:?} (text sha256 {})",
                v.title,
                sha12(v)
            ));
        }
        match (old.and_then(|o| o.adopted_on), v.adopted_on) {
            (None, Some(on)) => {
                adoption_said = true;
                let in_force = if a.in_force_version == Some(n) {
                    " and in force"
                } else {
                    ""
                };
                out.push(format!(
                    "agreement {id} v{n} is now adopted (on {on}){in_force}"
                ));
            }
            (Some(_), None) => out.push(format!("agreement {id} v{n} is no longer adopted")),
            (None, None) if old.is_some() && was != now => {
                let missing: Vec<&str> = [Side::Government, Side::DevelopmentPartner]
                    .into_iter()
                    .filter(|s| !now.iter().any(|(_, _, x)| *x == Some(*s)))
                    .map(|s| s.label())
                    .collect();
                out.push(format!(
                    "agreement {id} v{n} is not adopted yet: it still needs an endorsement from a {} organisation",
                    missing.join(" and a ")
                ));
            }
            _ => {}
        }
    }
    let Some(b) = before else { return };
    if b.status == a.status || (adoption_said && a.status.as_str() == "adopted") {
        return;
    }
    out.push(match (a.status.as_str(), a.in_force_version) {
        ("revision_pending", Some(f)) => format!(
            "agreement {id} is now revision_pending: v{f} stays in force until v{} is adopted",
            a.current_version
        ),
        ("adopted", Some(f)) => format!("agreement {id} is now adopted: v{f} is in force"),
        (s @ ("withdrawn" | "draft"), _) => {
            format!("agreement {id} is now {s}: no version of it is in force")
        }
        (s, _) => format!("agreement {id} is now {s}"),
    });
}

fn stages(out: &mut Vec<String>, before: &Replay, after: &Replay) {
    for (n, s) in &after.programme.stages {
        let what = format!("stage {n} {:?}", s.name);
        match before.programme.stages.get(n) {
            None => out.push(format!("{what} is planned")),
            Some(b) if b.completed_on != s.completed_on => out.push(match s.completed_on {
                Some(_) => format!("{what} is completed"),
                None => format!("{what} is no longer completed"),
            }),
            Some(b) if b.started_on != s.started_on => out.push(match s.started_on {
                Some(_) => format!("{what} has started"),
                None => format!("{what} is no longer started"),
            }),
            Some(_) => {}
        }
    }
    for n in before.programme.stages.keys() {
        if !after.programme.stages.contains_key(n) {
            out.push(format!("stage {n} no longer counts"));
        }
    }
}

fn people(out: &mut Vec<String>, before: &Replay, after: &Replay) {
    let dir = &after.directory;
    for p in after.directory.people() {
        let old = before
            .directory
            .person(&p.person)
            .map_or(0, |o| o.posts.len());
        let Some(post) = p.posts.last().filter(|_| p.posts.len() > old) else {
            continue;
        };
        out.push(match old.checked_sub(1).and_then(|i| p.posts.get(i)) {
            Some(was) => format!(
                "{} works for {} from {}; what they did before keeps {}",
                p.person,
                org_label(dir, &post.org),
                post.from,
                org_label(dir, &was.org)
            ),
            None => format!("{} works for {}", p.person, org_label(dir, &post.org)),
        });
    }
}

/// The current version of an agreement (`None` when it is not in the log).
pub fn current_version(
    store: &Store,
    agreement: &str,
    today: NaiveDate,
) -> Result<Option<u32>, CliError> {
    let filter = LogFilter {
        kind: Some("agreement.proposed".into()),
        ..LogFilter::default()
    };
    for stored in store.stored_matching(&filter)? {
        let Ok(e) = stored.decode() else { continue };
        if e.event.agreement().is_some_and(|a| a.as_str() == agreement) {
            let events = store.read_streams(&[e.stream.as_str(), "directory", "programme"])?;
            let latest = events.iter().map(|e| e.occurred_on).max().unwrap_or(today);
            let replay = Replay::of(&events, &View::as_of(latest.max(today)));
            let p = e.stream.trim_start_matches("partnership:");
            return Ok(replay
                .partnerships
                .get(p)
                .and_then(|p| p.agreement(agreement))
                .map(|a| a.current().version));
        }
    }
    Ok(None)
}
