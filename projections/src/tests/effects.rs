//! What a batch changed: the effects data entry tells after recording.

use super::{Log, d};
use crate::effects::{Effect, between};
use crate::{Replay, View};

/// The effects of the last `n` events of `l`.
fn effects_of_last(l: &Log, n: usize) -> Vec<Effect> {
    let view = View::as_of(d("2010-12-31"));
    let before = Replay::of(&l.events[..l.events.len() - n], &view);
    let after = Replay::of(&l.events, &view);
    between(&before, &after, &view)
}

#[test]
fn the_endorsement_that_completes_adoption_reports_the_endorsement_then_the_adoption() {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10", "pp", 1, "chair-health");
    l.endorse("2009-09-11", "pp", 1, "lead-who");
    let e = effects_of_last(&l, 1);
    assert!(
        matches!(&e[0], Effect::Endorsed { person, version: 1, .. } if person == "lead-who"),
        "{e:#?}"
    );
    assert!(
        matches!(&e[1], Effect::Adopted { version: 1, in_force: true, on, .. } if on.0 == d("2009-09-11")),
        "{e:#?}"
    );
    assert_eq!(e.len(), 2, "{e:#?}");
}

#[test]
fn retracting_an_endorsement_undoes_the_adoption() {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    l.endorse("2009-09-10", "pp", 1, "chair-health");
    let last = l.endorse("2009-09-11", "pp", 1, "lead-who");
    l.retract("2009-09-12", &last);
    let e = effects_of_last(&l, 1);
    assert!(
        e.iter()
            .any(|x| matches!(x, Effect::NoLongerAdopted { version: 1, .. })),
        "{e:#?}"
    );
}

#[test]
fn nothing_recorded_changes_nothing() {
    let mut l = Log::cambodia();
    l.propose_principles("2009-09-01");
    let view = View::as_of(d("2010-12-31"));
    let r = Replay::of(&l.events, &view);
    assert!(between(&r, &r, &view).is_empty());
}
