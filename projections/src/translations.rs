//! Translations of recorded content (`translation.recorded`), folded: for
//! each translated field and language, the translation that stands (a
//! later one supersedes an earlier one; a retracted one never counts). A
//! translation is a reading aid kept beside the content; nothing here
//! changes the content itself.

use std::collections::BTreeMap;

use accord_events::fields::{Translatable, TranslatedField};
use accord_events::{Envelope, Event};
use serde::Serialize;

use crate::partnership::Stamp;

/// What a translation renders: the content, its field, and for an
/// agreement the version of its text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Target {
    /// The kind of content.
    pub of: Translatable,
    /// Its id (empty for the programme; a stage's number).
    pub id: String,
    /// The field.
    pub field: TranslatedField,
    /// The agreement version translated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
}

/// One standing translation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Translation {
    /// What it translates.
    #[serde(flatten)]
    pub target: Target,
    /// The language (`km`, `en`, ...).
    pub lang: String,
    /// The translated text.
    pub text: String,
    /// Who translated it.
    pub translated_by: String,
    /// The event that recorded it.
    pub recorded: Stamp,
}

/// Every standing translation, by target and language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Translations {
    by_target: BTreeMap<(Target, String), Translation>,
}

impl Translations {
    /// Folds one event that counts (others are ignored).
    pub fn apply(&mut self, e: &Envelope) {
        let Event::TranslationRecorded(d) = &e.event else {
            return;
        };
        let target = Target {
            of: d.of,
            id: d.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
            field: d.field,
            version: d.version.map(|v| v.0),
        };
        let t = Translation {
            target: target.clone(),
            lang: d.lang.to_string(),
            text: d.text.as_str().to_owned(),
            translated_by: d.translated_by.as_str().to_owned(),
            recorded: Stamp::of(e),
        };
        self.by_target.insert((target, d.lang.to_string()), t);
    }

    /// The translation of `target` into `lang`, if one stands.
    pub fn get(&self, target: &Target, lang: &str) -> Option<&Translation> {
        self.by_target.get(&(target.clone(), lang.to_owned()))
    }

    /// Every standing translation, by target then language.
    pub fn all(&self) -> impl Iterator<Item = &Translation> {
        self.by_target.values()
    }

    /// True when no translation stands.
    pub fn is_empty(&self) -> bool {
        self.by_target.is_empty()
    }
}

impl Target {
    /// A target without a version (everything but an agreement's title and text).
    pub fn of(of: Translatable, id: &str, field: TranslatedField) -> Target {
        Target {
            of,
            id: id.to_owned(),
            field,
            version: None,
        }
    }
}

/// Recorded content a translator could translate, with its text as
/// recorded: what a translations sheet lists. In reading order: the
/// programme, its stages, the organisations, then each partnership with its
/// agreements (the current version's title and text), reviews, commitments
/// and findings, then the findings that name no partnership.
pub fn translatable(replay: &crate::Replay) -> Vec<(Target, String)> {
    use Translatable as T;
    use TranslatedField as F;
    let mut out: Vec<(Target, String)> = Vec::new();
    let mut add = |t: Target, text: &str| out.push((t, text.to_owned()));
    if let Some(p) = &replay.programme.definition {
        add(Target::of(T::Programme, "", F::Name), &p.name);
        add(Target::of(T::Programme, "", F::Objective), &p.objective);
    }
    for s in replay.programme.stages.values() {
        let id = s.stage.to_string();
        add(Target::of(T::Stage, &id, F::Name), &s.name);
        if let Some(sum) = &s.summary {
            add(Target::of(T::Stage, &id, F::Summary), sum);
        }
    }
    for o in replay.directory.organisations() {
        add(Target::of(T::Organisation, &o.org, F::Name), &o.name);
    }
    for p in replay.established() {
        if let Some(e) = &p.established {
            add(Target::of(T::Partnership, &p.partnership, F::Name), &e.name);
        }
        for a in &p.agreements {
            let Some(v) = a.versions.last() else { continue };
            for (field, text) in [(F::Title, &v.title), (F::Text, &v.text)] {
                let target = Target {
                    version: Some(v.version),
                    ..Target::of(T::Agreement, &a.agreement, field)
                };
                add(target, text);
            }
        }
        for r in &p.reviews {
            if let Some((_, sum)) = &r.concluded {
                add(Target::of(T::Review, &r.review, F::Summary), sum);
            }
        }
        for c in &p.commitments {
            add(Target::of(T::Commitment, &c.commitment, F::Text), &c.text);
        }
        for f in &p.findings {
            add(Target::of(T::Finding, &f.finding, F::Text), &f.text);
        }
    }
    for f in &replay.programme.findings {
        add(Target::of(T::Finding, &f.finding, F::Text), &f.text);
    }
    out
}
