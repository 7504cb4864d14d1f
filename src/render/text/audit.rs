//! `accord audit` as text: who agreed what, for whom, and who recorded it.
//! Each act is a short record (date, what, for whom, where in the log, who
//! recorded it) rather than a wide table, so nothing is cut at 80 columns.
//!
//! In the languages of the wording (docs/languages.md): headings, column
//! headers and the labels before a value in each language, the leading one
//! first; the record lines in the leading language. Ids, seqs, hashes and
//! recording times stay as the log writes them.

use accord_projections::Replay;
use accord_projections::audit::{Act, AgreementAudit, OrgAudit, PersonAudit, VersionAudit};

use super::worddiff::{changes_words, marked};
use super::{
    columns, heading, labelled_text, occurred_in, opt_date_in, pad, push_table, table_in, wrap,
};
use crate::render::i18n::{Arg, Tr};
use crate::render::report::words;
use crate::render::style::Style;

/// How a record is laid out: its date in a column as wide as the widest
/// date of the leading language (`11 Sep 2009` is 11 columns; Khmer month
/// names are wider), its details indented past that column.
struct Records {
    date: usize,
    detail: String,
}

impl Records {
    fn new(tr: &Tr) -> Records {
        let date = (1..=12)
            .filter_map(|m| chrono::NaiveDate::from_ymd_opt(2000, m, 28))
            .map(|d| columns(&tr.date(accord_events::fields::Day(d))))
            .max()
            .unwrap_or(0)
            .max(11);
        Records {
            date,
            detail: " ".repeat(date + 3),
        }
    }

    /// A record's first line: its date in its column, then what happened.
    fn dated(&self, tr: &Tr, occurred_at: &str, what: &str) -> String {
        format!("  {} {what}", pad(&occurred_in(tr, occurred_at), self.date))
    }

    /// A record: a first line, then indented detail lines, wrapped.
    fn record(&self, out: &mut String, first: &str, details: &[String]) {
        out.push_str(&wrap(first, &self.detail));
        let continued = format!("{}  ", self.detail);
        for d in details {
            out.push_str(&wrap(&format!("{}{d}", self.detail), &continued));
        }
    }
}

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

fn side(tr: &Tr, s: Option<accord_events::fields::Side>) -> String {
    s.map_or_else(|| "—".to_owned(), |s| words::side(tr, s))
}

fn for_whom(
    tr: &Tr,
    replay: &Replay,
    org: Option<&str>,
    s: Option<accord_events::fields::Side>,
) -> String {
    match org {
        Some(o) => format!("{} ({o}), {}", replay.directory.org_name(o), side(tr, s)),
        None => tr.say("audit-no-org", &[]),
    }
}

/// "for …" of a record.
fn for_line(
    tr: &Tr,
    replay: &Replay,
    org: Option<&str>,
    s: Option<accord_events::fields::Side>,
) -> String {
    tr.say(
        "audit-for",
        &[("whom", for_whom(tr, replay, org, s).into())],
    )
}

/// "seq … · by … at …" of a record.
fn recorded(tr: &Tr, seq: u64, by: &str, at: &str) -> String {
    tr.say(
        "audit-recorded",
        &[
            ("seq", seq.to_string().into()),
            ("by", by.into()),
            ("at", instant(at).into()),
        ],
    )
}

/// An agreement's audit trail as text (without the footer), in the
/// languages of `tr`: each version's full text, or with `diff` what changed
/// from the version before, marked word by word.
pub fn agreement(
    a: &AgreementAudit,
    replay: &Replay,
    style: &Style,
    diff: bool,
    tr: &Tr,
) -> String {
    let dir = &replay.directory;
    let one = &tr.leading();
    let rec = Records::new(one);
    let mut out = String::new();
    out.push_str(&style.bold(&tr.label(
        "audit-agreement-title",
        &[
            ("agreement", a.agreement.as_str().into()),
            ("title", a.title.as_str().into()),
        ],
    )));
    out.push('\n');
    let in_force = match a.in_force_version {
        Some(v) => one.say("audit-in-force", &[("version", v.to_string().into())]),
        None => one.say("audit-nothing-in-force", &[]),
    };
    out.push_str(&format!(
        "{}\n",
        one.say(
            "audit-agreement-line",
            &[
                ("kind", words::agreement_kind(one, a.kind).into()),
                ("partnership", a.partnership.as_str().into()),
                ("status", words::agreement_status(one, a.status).into()),
                ("in_force", in_force.into()),
            ],
        )
    ));
    let labels = Labels::new(tr);
    for v in &a.versions {
        version(&mut out, &a.agreement, v, replay, style, diff, tr, &labels);
    }
    if let Some(w) = &a.withdrawn {
        out.push_str(&heading(style, &tr.label("audit-withdrawn", &[])));
        rec.record(
            &mut out,
            &rec.dated(
                one,
                &w.occurred_at,
                &one.say(
                    "audit-by",
                    &[
                        ("name", dir.person_name(&w.person).into()),
                        ("person", w.person.as_str().into()),
                    ],
                ),
            ),
            &[
                for_line(one, replay, w.org.as_deref(), w.side),
                recorded(one, w.seq, &w.recorded_by, &w.recorded_at),
            ],
        );
    }
    if !a.retractions.is_empty() {
        out.push_str(&heading(style, &tr.label("audit-retracted", &[])));
        for r in &a.retractions {
            let who = r
                .retracted
                .person
                .as_deref()
                .map(|p| {
                    one.say(
                        "audit-by-person",
                        &[("name", dir.person_name(p).into()), ("person", p.into())],
                    )
                })
                .unwrap_or_default();
            let version = r
                .retracted
                .version
                .map(|v| one.say("audit-of-version", &[("version", v.to_string().into())]))
                .unwrap_or_default();
            rec.record(
                &mut out,
                &rec.dated(
                    one,
                    &r.retracted.occurred_at,
                    &one.say(
                        "audit-retracted-event",
                        &[
                            ("kind", r.retracted.kind.as_str().into()),
                            ("version", version.into()),
                            ("who", who.into()),
                            ("seq", r.retracted.seq.to_string().into()),
                        ],
                    ),
                ),
                &[
                    one.say(
                        "audit-retracted-reason",
                        &[("reason", r.reason.as_str().into())],
                    ),
                    recorded(one, r.seq, &r.recorded_by, &r.recorded_at),
                ],
            );
        }
    }
    out
}

/// The labels before a version's values, padded to one column (as wide as
/// the widest label, and at least 14 columns, in every language).
struct Labels {
    width: usize,
    /// How the endorsements' records are laid out.
    records: Records,
    title: String,
    proposed_by: String,
    revised_by: String,
    reason: String,
    recorded: String,
    sha: String,
    changes: String,
    text: String,
    translation: String,
}

impl Labels {
    fn new(tr: &Tr) -> Labels {
        let l = |id: &str| tr.label(id, &[]);
        let mut labels = Labels {
            width: 0,
            records: Records::new(&tr.leading()),
            title: l("audit-label-title"),
            proposed_by: l("audit-label-proposed-by"),
            revised_by: l("audit-label-revised-by"),
            reason: l("audit-label-reason"),
            recorded: l("audit-label-recorded"),
            sha: l("audit-label-sha"),
            changes: l("audit-label-changes"),
            text: l("audit-label-text"),
            translation: l("audit-label-translation"),
        };
        labels.width = [
            &labels.title,
            &labels.proposed_by,
            &labels.revised_by,
            &labels.reason,
            &labels.recorded,
            &labels.sha,
            &labels.changes,
            &labels.text,
            &labels.translation,
        ]
        .iter()
        .map(|l| columns(l) + 1)
        .max()
        .unwrap_or(0)
        .max(14);
        labels
    }

    /// `label` padded to the labels' column.
    fn pad(&self, label: &str) -> String {
        pad(label, self.width)
    }
}

/// The translations of a version's text into the languages of `tr`, each
/// saying who made it and that the endorsed text is the original, with its
/// SHA-256 (a translation never changes what was endorsed).
fn translated_text(
    out: &mut String,
    agreement: &str,
    v: &VersionAudit,
    replay: &Replay,
    tr: &Tr,
    labels: &Labels,
) {
    use accord_events::fields::{Translatable, TranslatedField};
    let target = accord_projections::translations::Target {
        version: Some(v.version),
        ..accord_projections::translations::Target::of(
            Translatable::Agreement,
            agreement,
            TranslatedField::Text,
        )
    };
    let one = &tr.leading();
    let blank = labels.pad("");
    for lang in tr.langs() {
        let Some(t) = replay.translations.get(&target, lang.tag()) else {
            continue;
        };
        let label = labels.pad(&labels.translation);
        labelled_text(out, &label, &format!("{}\u{2021}", t.text), &blank);
        let note = one.say(
            "audit-translation-note",
            &[
                ("lang", one.say(&format!("lang-{}", lang.tag()), &[]).into()),
                ("by", t.translated_by.as_str().into()),
                ("date", tr.date(t.recorded.on).into()),
                ("seq", t.recorded.seq.to_string().into()),
                ("sha", v.text_sha256.as_str().into()),
            ],
        );
        labelled_text(out, &blank, &note, &blank);
    }
}

/// One version: who proposed or revised it, its record, its text (or word diff), and who endorsed it.
#[allow(clippy::too_many_arguments)]
fn version(
    out: &mut String,
    agreement: &str,
    v: &VersionAudit,
    replay: &Replay,
    style: &Style,
    diff: bool,
    tr: &Tr,
    labels: &Labels,
) {
    let rec = &labels.records;
    let dir = &replay.directory;
    let one = &tr.leading();
    let number = || Arg::S(v.version.to_string());
    out.push_str(&heading(
        style,
        &tr.label_by(
            if v.adopted_on.is_some() {
                "audit-version-adopted"
            } else {
                "audit-version-not-adopted"
            },
            |tr| {
                vec![
                    ("version", number()),
                    ("date", opt_date_in(tr, v.adopted_on).into()),
                ]
            },
        ),
    ));
    let label = |l: &str| labels.pad(l);
    let blank = label("");
    out.push_str(&format!("{}{}\n", label(&labels.title), v.title));
    out.push_str(&wrap(
        &format!(
            "{}{}",
            label(if v.version == 1 {
                &labels.proposed_by
            } else {
                &labels.revised_by
            }),
            one.say(
                "audit-proposed",
                &[
                    ("name", dir.person_name(&v.proposed_or_revised_by).into()),
                    ("person", v.proposed_or_revised_by.as_str().into()),
                    (
                        "whom",
                        for_whom(one, replay, v.org.as_deref(), v.side).into()
                    ),
                    ("date", occurred_in(one, &v.occurred_at).into()),
                ],
            )
        ),
        &blank,
    ));
    if let Some(r) = &v.reason {
        out.push_str(&wrap(&format!("{}{r}", label(&labels.reason)), &blank));
    }
    out.push_str(&wrap(
        &format!(
            "{}{}",
            label(&labels.recorded),
            one.say(
                "audit-recorded-id",
                &[
                    ("seq", v.seq.to_string().into()),
                    ("id", v.id.as_str().into()),
                    ("by", v.recorded_by.as_str().into()),
                    ("at", instant(&v.recorded_at).into()),
                ],
            )
        ),
        &blank,
    ));
    out.push_str(&format!("{}{}\n", label(&labels.sha), v.text_sha256));
    let previous = || Arg::S((v.version - 1).to_string());
    match v.diff_from_previous.as_deref().filter(|_| diff) {
        Some(pieces) if changes_words(pieces) => {
            out.push_str(&format!(
                "{}{}\n",
                label(&labels.changes),
                one.say(
                    "audit-changes-from",
                    &[
                        ("version", previous()),
                        ("legend", one.say("diff-legend", &[]).into())
                    ],
                )
            ));
            labelled_text(out, &blank, &marked(pieces), &blank);
        }
        Some(_) => {
            out.push_str(&format!(
                "{}{}\n",
                label(&labels.changes),
                one.say("audit-changes-none", &[("version", previous())])
            ));
            labelled_text(out, &label(&labels.text), &v.text, &blank);
        }
        None => labelled_text(out, &label(&labels.text), &v.text, &blank),
    }
    translated_text(out, agreement, v, replay, tr, labels);
    if v.endorsements.is_empty() {
        out.push_str(&format!("{}\n", one.say("audit-no-endorsements", &[])));
        return;
    }
    out.push_str(&format!("{}\n", tr.label("audit-endorsed-by", &[])));
    for e in &v.endorsements {
        let mut details = vec![for_line(one, replay, e.org.as_deref(), e.side)];
        if let Some(f) = &e.forum {
            details.push(one.say("audit-at", &[("forum", f.as_str().into())]));
        }
        details.push(match &e.signature {
            None => one.say("audit-unsigned", &[]),
            Some(sig) => one.say(
                if sig.verified {
                    "audit-signed"
                } else {
                    "audit-signed-bad"
                },
                &[("fingerprint", sig.fingerprint.as_str().into())],
            ),
        });
        details.push(one.say(
            "audit-recorded-id",
            &[
                ("seq", e.seq.to_string().into()),
                ("id", e.id.as_str().into()),
                ("by", e.recorded_by.as_str().into()),
                ("at", instant(&e.recorded_at).into()),
            ],
        ));
        rec.record(
            out,
            &rec.dated(
                one,
                &e.occurred_at,
                &format!("{} ({})", dir.person_name(&e.person), e.person),
            ),
            &details,
        );
    }
}

fn acts(out: &mut String, acts: &[Act], replay: &Replay, with_person: bool, tr: &Tr) {
    let one = &tr.leading();
    let rec = Records::new(one);
    if acts.is_empty() {
        out.push_str(&format!("{}\n", one.say("audit-no-acts", &[])));
        return;
    }
    for a in acts {
        let act = words::act(one, a.act);
        let what = match a.version {
            Some(v) => one.say(
                "audit-act-version",
                &[
                    ("act", act.into()),
                    ("subject", a.subject.as_str().into()),
                    ("version", v.to_string().into()),
                ],
            ),
            None => one.say(
                "audit-act",
                &[("act", act.into()), ("subject", a.subject.as_str().into())],
            ),
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
        rec.record(
            out,
            &rec.dated(
                one,
                &a.occurred_at,
                &one.say(
                    "audit-act-in",
                    &[
                        ("what", what.into()),
                        ("partnership", a.partnership.as_str().into()),
                        ("who", who.into()),
                    ],
                ),
            ),
            &[
                for_line(one, replay, a.org.as_deref(), a.side),
                recorded(one, a.seq, &a.recorded_by, &a.recorded_at),
            ],
        );
    }
}

/// A person's audit trail as text, in the languages of `tr`.
pub fn person(p: &PersonAudit, replay: &Replay, style: &Style, tr: &Tr) -> String {
    // Headings in every language; the cells in the leading one.
    let one = &tr.leading();
    let mut out = String::new();
    out.push_str(&style.bold(&tr.label(
        "audit-person-title",
        &[
            ("name", p.name.as_str().into()),
            ("person", p.person.as_str().into()),
        ],
    )));
    out.push('\n');
    out.push_str(&heading(style, &tr.label("audit-posts", &[])));
    let mut t = table_in(
        style,
        tr,
        &[
            "col-organisation",
            "col-side",
            "col-title",
            "col-from",
            "col-until",
        ],
    );
    for x in &p.posts {
        t.add_row(vec![
            format!("{} ({})", x.name, x.org),
            side(one, x.side),
            x.title.clone().unwrap_or_default(),
            tr.date(x.from),
            opt_date_in(tr, x.until),
        ]);
    }
    push_table(&mut out, &t);
    out.push_str(&heading(style, &tr.label("audit-acts", &[])));
    acts(&mut out, &p.acts, replay, false, tr);
    out
}

/// An organisation's audit trail as text, in the languages of `tr`.
pub fn org(o: &OrgAudit, replay: &Replay, style: &Style, tr: &Tr) -> String {
    let one = &tr.leading();
    let mut out = String::new();
    out.push_str(&style.bold(&tr.label(
        "audit-person-title",
        &[
            ("name", o.name.as_str().into()),
            ("person", o.org.as_str().into()),
        ],
    )));
    out.push('\n');
    out.push_str(&format!(
        "{}\n",
        tr.label_by("audit-side", |one| vec![(
            "side",
            words::side(one, o.side).into()
        )])
    ));
    out.push_str(&heading(style, &tr.label("audit-people", &[])));
    if o.people.is_empty() {
        out.push_str(&format!("{}\n", tr.say("audit-nobody", &[])));
    } else {
        let mut t = table_in(
            style,
            tr,
            &["col-person", "col-title", "col-from", "col-until"],
        );
        for p in &o.people {
            t.add_row(vec![
                format!("{} ({})", p.name, p.person),
                p.title.clone().unwrap_or_default(),
                tr.date(p.from),
                opt_date_in(tr, p.until),
            ]);
        }
        push_table(&mut out, &t);
    }
    out.push_str(&heading(style, &tr.label("audit-memberships", &[])));
    if o.memberships.is_empty() {
        out.push_str(&format!("{}\n", tr.say("audit-no-memberships", &[])));
    } else {
        let mut t = table_in(
            style,
            tr,
            &["col-partnership", "col-role", "col-joined", "col-left"],
        );
        for m in &o.memberships {
            t.add_row(vec![
                m.partnership.clone(),
                words::role(one, m.role),
                tr.date(m.joined_on),
                opt_date_in(tr, m.left_on),
            ]);
        }
        push_table(&mut out, &t);
    }
    out.push_str(&heading(style, &tr.label("audit-acts-for", &[])));
    acts(&mut out, &o.acts, replay, true, tr);
    if !o.commitments.is_empty() {
        out.push_str(&heading(style, &tr.label("audit-commitments-owned", &[])));
        let mut t = table_in(
            style,
            tr,
            &["col-commitment", "col-partnership", "col-due", "col-status"],
        );
        for c in &o.commitments {
            t.add_row(vec![
                c.commitment.clone(),
                c.partnership.clone(),
                tr.date(c.due),
                words::commitment_status(one, c.status),
            ]);
        }
        push_table(&mut out, &t);
    }
    out
}
