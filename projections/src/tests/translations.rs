//! Translations, folded with plain values: the latest standing one per
//! field and language, retractions honoured, counted at every as-of date
//! once recorded, and only from when they were recorded for `known_at`.

use accord_events::fields::{Translatable, TranslatedField};
use serde_json::json;

use super::{Log, d};
use crate::translations::Target;
use crate::{Replay, View};

fn name() -> Target {
    Target::of(
        Translatable::Partnership,
        "twg-health",
        TranslatedField::Name,
    )
}

fn translate(l: &mut Log, on: &str, text: &str) -> String {
    l.add(
        on,
        "translation.recorded",
        json!({"of": "partnership", "id": "twg-health", "field": "name", "lang": "km",
               "text": text, "translated_by": "Sok Dara"}),
    )
}

fn shown(l: &Log, view: &View) -> Option<String> {
    Replay::of(&l.events, view)
        .translations
        .get(&name(), "km")
        .map(|t| t.text.clone())
}

#[test]
fn a_later_translation_supersedes_and_a_retraction_brings_the_earlier_back() {
    let mut l = Log::cambodia();
    translate(&mut l, "2009-07-01", "ទីមួយ");
    let second = translate(&mut l, "2009-08-01", "ទីពីរ");
    let now = View::as_of(d("2010-01-01"));
    assert_eq!(shown(&l, &now).as_deref(), Some("ទីពីរ"));
    assert_eq!(
        Replay::of(&l.events, &now).translations.get(&name(), "en"),
        None
    );
    l.retract("2009-09-01", &second);
    assert_eq!(shown(&l, &now).as_deref(), Some("ទីមួយ"));
}

#[test]
fn a_translation_counts_at_every_as_of_date_but_not_before_it_was_known() {
    let mut l = Log::cambodia();
    l.recording_on("2010-03-01");
    translate(&mut l, "2010-03-01", "ក្រុមការងារបច្ចេកទេសសុខាភិបាល");
    let recorded_at = l.last_recorded_at();
    // A report as of 2009 reads a translation made in 2010.
    assert!(shown(&l, &View::as_of(d("2009-06-30"))).is_some());
    // As known before it was recorded, there is none.
    assert!(shown(&l, &View::known_at(d("2009-06-30"), "2010-02-28T00:00:00Z")).is_none());
    assert!(shown(&l, &View::known_at(d("2009-06-30"), recorded_at)).is_some());
}

#[test]
fn a_translation_changes_no_partnership_state() {
    let mut l = Log::cambodia();
    let before = l.show("2010-01-01");
    translate(&mut l, "2009-07-01", "ក្រុមការងារបច្ចេកទេសសុខាភិបាល");
    assert_eq!(l.show("2010-01-01"), before);
}
