//! What the rules (and `verify`) know of signing keys and of the statements
//! endorsers sign: a fold of the standing key, programme and agreement
//! events. `verify` folds its own copy from the events it reads, so a
//! signature is always re-checked against the log itself, never against
//! a saved state.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Map, Mark, Rule, Violation};
use crate::catalogue::{AgreementEndorsed, Event};
use crate::envelope::{Envelope, Hash};
use crate::signature::{ENDORSEMENT_NAMESPACE, SignatureError, Statement, text_sha256};

/// One version's title and text digest: what a statement names.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct VersionText {
    title: String,
    text_sha256: Hash,
}

/// A registered key (by fingerprint).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Key {
    person: String,
    /// The key as stored for allowed_signers: `ssh-ed25519 AAAA...`, no comment.
    line: String,
    added: Mark,
    revoked: Option<Mark>,
    /// Standing endorsements signed with it (a key in use is not retracted).
    uses: u32,
}

/// The signing side of the rule state.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Signing {
    /// Standing `programme.defined` events: `(seq, name)`; the last names the programme.
    programme: Vec<(u64, String)>,
    /// Per agreement, per version (index 0 is version 1).
    versions: Map<String, Vec<VersionText>>,
    /// Every standing key, by fingerprint.
    keys: Map<String, Key>,
    /// Standing `signatures.required` events.
    required: Vec<Mark>,
}

/// Why a stored signature fails `verify`.
pub type SignatureFault = String;

/// One registered key, for `accord signers`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyInfo<'a> {
    /// `SHA256:...`
    pub fingerprint: &'a str,
    /// Its owner.
    pub person: &'a str,
    /// `ssh-ed25519 AAAA...`
    pub line: &'a str,
    /// The day it was added (valid for endorsements dated from then).
    pub added_on: NaiveDate,
    /// The day it was revoked (valid for endorsements dated up to then).
    pub revoked_on: Option<NaiveDate>,
}

/// A positional walk over a log in `seq` order that re-checks every signed
/// endorsement against the keys and statements standing at its position:
/// what `verify` and `audit` use, from the events alone.
#[derive(Debug, Default)]
pub struct SignatureWalk {
    signing: Signing,
    /// Events a later retraction takes out of the fold, by id.
    retractable: std::collections::HashMap<String, Envelope>,
}

impl SignatureWalk {
    /// A walk from the start of a log.
    pub fn new() -> SignatureWalk {
        SignatureWalk::default()
    }

    /// Folds the next event; for a signed endorsement, first the outcome of
    /// its check: the signing key's fingerprint, or why it fails.
    pub fn push(&mut self, env: &Envelope) -> Option<Result<String, SignatureFault>> {
        let mut outcome = None;
        match &env.event {
            Event::AgreementEndorsed(d) if d.signature.is_some() => {
                outcome = Some(self.signing.recheck(d, env.occurred_on));
            }
            Event::EventRetracted(d) => {
                if let Some(t) = self.retractable.remove(d.event.0.as_str()) {
                    self.signing.unapply(&t);
                }
            }
            _ => {}
        }
        self.signing.apply(env);
        if matches!(
            env.event,
            Event::ProgrammeDefined(_)
                | Event::PersonKeyAdded(_)
                | Event::PersonKeyRevoked(_)
                | Event::SignaturesRequired(_)
        ) {
            self.retractable.insert(env.id.clone(), env.clone());
        }
        outcome
    }

    /// The statement as it stands at this point of the walk.
    pub fn signing(&self) -> &Signing {
        &self.signing
    }
}

impl Signing {
    /// True once a standing `programme.defined` names the programme.
    pub(crate) fn programme_defined(&self) -> bool {
        !self.programme.is_empty()
    }

    /// A fold of nothing.
    pub fn new() -> Signing {
        Signing::default()
    }

    /// Folds a whole log read in `seq` order, leaving out retracted events
    /// (what the CLI needs to print or sign a statement).
    pub fn fold(events: &[Envelope]) -> Signing {
        Signing::fold_as_of(events, None)
    }

    /// [`Signing::fold`] of the events that occurred on or before `as_of`
    /// (retracted events count nowhere, whenever the retraction is dated).
    pub fn fold_as_of(events: &[Envelope], as_of: Option<NaiveDate>) -> Signing {
        let retracted = retracted_ids(events);
        let mut s = Signing::new();
        for e in events {
            if !retracted.contains(e.id.as_str()) && as_of.is_none_or(|d| e.occurred_on <= d) {
                s.apply(e);
            }
        }
        s
    }

    /// Every standing key: fingerprint, owner, key line, day added, day revoked.
    /// Sorted by person, then day added, then fingerprint.
    pub fn keys(&self) -> Vec<KeyInfo<'_>> {
        let mut v: Vec<KeyInfo<'_>> = self
            .keys
            .iter()
            .map(|(fp, k)| KeyInfo {
                fingerprint: fp,
                person: &k.person,
                line: &k.line,
                added_on: k.added.on,
                revoked_on: k.revoked.map(|m| m.on),
            })
            .collect();
        v.sort_by(|a, b| {
            (a.person, a.added_on, a.fingerprint).cmp(&(b.person, b.added_on, b.fingerprint))
        });
        v
    }

    /// Folds a standing event.
    pub fn apply(&mut self, e: &Envelope) {
        let mark = Mark {
            seq: e.seq,
            on: e.occurred_on,
        };
        match &e.event {
            Event::ProgrammeDefined(d) => self.programme.push((e.seq, d.name.as_str().to_owned())),
            Event::AgreementProposed(d) => {
                self.versions.insert(
                    d.agreement.to_string(),
                    vec![VersionText {
                        title: d.title.as_str().to_owned(),
                        text_sha256: text_sha256(d.text.as_str()),
                    }],
                );
            }
            Event::AgreementRevised(d) => {
                if let Some(v) = self.versions.get_mut(d.agreement.as_str()) {
                    let title = d
                        .title
                        .as_ref()
                        .map(|t| t.as_str().to_owned())
                        .or_else(|| v.last().map(|l| l.title.clone()))
                        .unwrap_or_default();
                    v.push(VersionText {
                        title,
                        text_sha256: text_sha256(d.text.as_str()),
                    });
                }
            }
            Event::PersonKeyAdded(d) => {
                let key = d.key.key();
                self.keys.insert(
                    key.fingerprint(),
                    Key {
                        person: d.person.to_string(),
                        line: key.openssh(),
                        added: mark,
                        revoked: None,
                        uses: 0,
                    },
                );
            }
            Event::PersonKeyRevoked(d) => {
                if let Some(k) = self.keys.get_mut(d.fingerprint.as_str()) {
                    k.revoked = Some(mark);
                }
            }
            Event::SignaturesRequired(_) => self.required.push(mark),
            Event::AgreementEndorsed(d) => self.count_use(d, 1),
            _ => {}
        }
    }

    /// Takes a retracted event out (proposals and revisions are never retracted).
    pub fn unapply(&mut self, t: &Envelope) {
        match &t.event {
            Event::ProgrammeDefined(_) => self.programme.retain(|(s, _)| *s != t.seq),
            Event::PersonKeyAdded(d) => {
                self.keys.remove(&d.key.key().fingerprint());
            }
            Event::PersonKeyRevoked(d) => {
                if let Some(k) = self.keys.get_mut(d.fingerprint.as_str())
                    && k.revoked.is_some_and(|m| m.seq == t.seq)
                {
                    k.revoked = None;
                }
            }
            Event::SignaturesRequired(_) => self.required.retain(|m| m.seq != t.seq),
            Event::AgreementEndorsed(d) => self.count_use(d, -1),
            _ => {}
        }
    }

    fn count_use(&mut self, d: &AgreementEndorsed, delta: i32) {
        if let Some(sig) = &d.signature
            && let Some(k) = self.keys.get_mut(&sig.fingerprint())
        {
            k.uses = k.uses.saturating_add_signed(delta);
        }
    }

    /// The statement `person` signs to endorse `version` of `agreement` on
    /// `date`; `None` when the agreement or the version is not recorded.
    pub fn statement(
        &self,
        agreement: &str,
        version: u32,
        person: &str,
        date: NaiveDate,
    ) -> Option<Statement> {
        let v = self
            .versions
            .get(agreement)?
            .get((version as usize).checked_sub(1)?)?;
        Some(Statement {
            programme: self
                .programme
                .last()
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            agreement: agreement.to_owned(),
            version,
            title: v.title.clone(),
            text_sha256: v.text_sha256,
            person: person.to_owned(),
            date,
        })
    }

    /// The current version of an agreement, as far as statements go.
    pub fn current_version(&self, agreement: &str) -> Option<u32> {
        self.versions.get(agreement).map(|v| v.len() as u32)
    }

    /// True when an endorsement recorded now, dated `on`, must be signed.
    pub fn signatures_required_on(&self, on: NaiveDate) -> Option<NaiveDate> {
        self.required
            .iter()
            .map(|m| m.on)
            .filter(|d| *d <= on)
            .min()
    }

    /// The person a fingerprint is registered to, if it is.
    pub fn key_owner(&self, fingerprint: &str) -> Option<&str> {
        self.keys.get(fingerprint).map(|k| k.person.as_str())
    }

    /// Checks a new `person.key_added`.
    pub(crate) fn check_key_added(&self, person: &str, fingerprint: &str) -> Result<(), Violation> {
        if let Some(k) = self.keys.get(fingerprint) {
            let whose = if k.person == person {
                "is already registered to them".to_owned()
            } else {
                format!(
                    "is registered to {:?}; a key belongs to one person",
                    k.person
                )
            };
            return Err(Violation::new(
                Rule::Key,
                "key",
                format!("the key {fingerprint} {whose}"),
            )
            .hint("each person signs with their own key: generate one with `ssh-keygen -t ed25519`"));
        }
        Ok(())
    }

    /// Checks a new `person.key_revoked`.
    pub(crate) fn check_key_revoked(
        &self,
        person: &str,
        fingerprint: &str,
        on: NaiveDate,
    ) -> Result<(), Violation> {
        let refuse = |m: String| Violation::new(Rule::Key, "fingerprint", m);
        let Some(k) = self.keys.get(fingerprint).filter(|k| k.person == person) else {
            let mine: Vec<&str> = self
                .keys
                .iter()
                .filter(|(_, k)| k.person == person && k.revoked.is_none())
                .map(|(f, _)| f.as_str())
                .collect();
            return Err(refuse(format!(
                "{person:?} holds no key with the fingerprint {fingerprint}"
            ))
            .hint(if mine.is_empty() {
                format!("{person:?} has no key in force; see `accord signers`")
            } else {
                format!("their keys in force: {}", sorted(mine).join(", "))
            }));
        };
        if let Some(r) = k.revoked {
            return Err(refuse(format!(
                "the key {fingerprint} was already revoked on {}",
                r.on
            )));
        }
        if k.added.on > on {
            return Err(Violation::new(
                Rule::OutOfOrder,
                "occurred_at",
                format!(
                    "the revocation occurs on {on}, before the key was added (on {})",
                    k.added.on
                ),
            ));
        }
        Ok(())
    }

    /// Checks a new endorsement's signature (or its absence).
    pub(crate) fn check_endorsement(
        &self,
        d: &AgreementEndorsed,
        on: NaiveDate,
    ) -> Result<(), Violation> {
        let Some(sig) = &d.signature else {
            if let Some(from) = self.signatures_required_on(on) {
                return Err(Violation::new(
                    Rule::SignatureRequired,
                    "signature",
                    format!("endorsements dated from {from} on must be signed (signatures.required); this one is not"),
                )
                .hint(format!(
                    "sign it: `accord agreement endorse {} --by {} --sign KEY`, or `--signature FILE` made with `ssh-keygen -Y sign -n {ENDORSEMENT_NAMESPACE}` over `accord agreement statement {} --by {}`",
                    d.agreement.as_str(),
                    d.by.as_str(),
                    d.agreement.as_str(),
                    d.by.as_str()
                )));
            }
            return Ok(());
        };
        let statement = self
            .statement(d.agreement.as_str(), d.version.0, d.by.as_str(), on)
            .map(|s| s.text())
            .unwrap_or_default();
        self.check_signature(sig.as_str(), d.by.as_str(), on, &statement)
            .map(|_| ())
            .map_err(|(m, hint)| {
                Violation::new(Rule::Signature, "signature", m).hint(hint.unwrap_or_else(|| {
                    format!(
                        "print the exact text to sign with `accord agreement statement {} --by {} --version {} --date {on}` and sign it with `ssh-keygen -Y sign -f KEY -n {ENDORSEMENT_NAMESPACE}`",
                        d.agreement.as_str(),
                        d.by.as_str(),
                        d.version.0
                    )
                }))
            })
    }

    /// The one check of a signature against the keys, shared by the rules
    /// and `verify`: the message and an optional hint on failure.
    fn check_signature(
        &self,
        armored: &str,
        person: &str,
        on: NaiveDate,
        statement: &str,
    ) -> Result<String, (String, Option<String>)> {
        let verified = crate::signature::verify_signature(
            armored,
            ENDORSEMENT_NAMESPACE,
            statement.as_bytes(),
        );
        let fp = match &verified {
            Ok(v) => v.fingerprint.clone(),
            Err(SignatureError::DoesNotVerify) => {
                crate::signature::signature_fingerprint(armored).unwrap_or_default()
            }
            Err(e) => return Err((e.to_string(), None)),
        };
        match self.keys.get(&fp) {
            None => {
                return Err((
                    format!("the signing key {fp} is not registered to anyone in this log"),
                    Some(format!(
                        "register it first: `accord person key add {person} --key KEY.pub`"
                    )),
                ));
            }
            Some(k) if k.person != person => {
                return Err((
                    format!(
                        "the signature was made with {fp}, a key of {:?}, not of {person:?}",
                        k.person
                    ),
                    Some(format!("{person:?} signs with their own key")),
                ));
            }
            Some(k) if k.added.on > on => {
                return Err((
                    format!(
                        "the key {fp} was added on {}, after the endorsement's date {on}",
                        k.added.on
                    ),
                    None,
                ));
            }
            Some(Key {
                revoked: Some(r), ..
            }) if r.on < on => {
                return Err((
                    format!(
                        "the key {fp} was revoked on {}, before the endorsement's date {on}",
                        r.on
                    ),
                    Some(format!(
                        "sign with a key of {person:?} in force (`accord signers`), or add a new one with `accord person key add`"
                    )),
                ));
            }
            Some(_) => {}
        }
        match verified {
            Ok(_) => Ok(fp),
            Err(_) => Err((
                format!(
                    "the signature by {fp} does not verify over the statement for this endorsement (another agreement, version, text, person or date, or an edited signature)"
                ),
                None,
            )),
        }
    }

    /// `verify`'s re-check of a stored endorsement against the keys and
    /// statements folded so far.
    pub fn recheck(&self, d: &AgreementEndorsed, on: NaiveDate) -> Result<String, SignatureFault> {
        let Some(sig) = &d.signature else {
            return Err("the endorsement is not signed".into());
        };
        let statement = self
            .statement(d.agreement.as_str(), d.version.0, d.by.as_str(), on)
            .ok_or_else(|| {
                format!(
                    "the signed endorsement names version {} of agreement {:?}, which is not recorded before it",
                    d.version.0,
                    d.agreement.as_str()
                )
            })?;
        self.check_signature(sig.as_str(), d.by.as_str(), on, &statement.text())
            .map_err(|(m, _)| m)
    }

    /// True when no standing endorsement was signed with the key.
    pub(crate) fn key_in_use(&self, fingerprint: &str) -> u32 {
        self.keys.get(fingerprint).map_or(0, |k| k.uses)
    }
}

fn sorted(mut v: Vec<&str>) -> Vec<&str> {
    v.sort_unstable();
    v
}

/// The ids of the events retracted in `events` (a retraction counts
/// whenever it is dated).
pub fn retracted_ids(events: &[Envelope]) -> std::collections::HashSet<&str> {
    events
        .iter()
        .filter_map(|e| match &e.event {
            Event::EventRetracted(d) => Some(d.event.0.as_str()),
            _ => None,
        })
        .collect()
}
