//! Store reads that depend on transaction time.

use accord_events::Clock;
use accord_events::clock::parse_instant;
use accord_events::input::parse_line;
use accord_events::store::{Access, AppendOptions, Store};
use accord_events::verify::Head;

fn at(t: &str) -> Clock {
    Clock::Fixed(parse_instant(t, false).unwrap())
}

fn org(n: u32) -> String {
    format!(
        r#"{{"type":"organisation.registered","occurred_at":"2009-06-01","data":{{"org":"o{n}","name":"Org {n}","side":"government"}}}}"#
    )
}

#[test]
fn head_at_finds_the_last_event_recorded_by_a_moment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    drop(Store::create(&path, at("2010-01-01T00:00:00Z")).unwrap());
    let mut heads = vec![];
    for (batch, t) in [
        (0..3, "2010-01-01T10:00:00Z"),
        (3..4, "2010-01-02T10:00:00Z"),
        (4..9, "2010-01-03T10:00:00Z"),
    ] {
        let mut store = Store::open(&path, Access::ReadWrite, at(t)).unwrap();
        let lines: Vec<String> = batch.map(org).collect();
        let today = at(t).today();
        let out = store
            .append(
                lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| parse_line(i + 1, l, today)),
                &AppendOptions {
                    operator: Some("t"),
                    progress: None,
                    ..AppendOptions::default()
                },
            )
            .unwrap();
        heads.push(out.head);
    }
    let store = Store::open(&path, Access::ReadOnly, at("2011-01-01T00:00:00Z")).unwrap();
    assert_eq!(
        store.head_at("2009-12-31T23:59:59.999999Z").unwrap(),
        Head::EMPTY
    );
    assert_eq!(
        store.head_at("2010-01-01T10:00:00.000000Z").unwrap(),
        heads[0]
    );
    assert_eq!(
        store.head_at("2010-01-02T23:59:59.999999Z").unwrap(),
        heads[1]
    );
    assert_eq!(
        store.head_at("2010-01-03T10:00:00.000000Z").unwrap(),
        heads[2]
    );
    assert_eq!(
        store.head_at("2030-01-01T00:00:00.000000Z").unwrap(),
        heads[2]
    );
    assert_eq!((heads[0].seq, heads[1].seq, heads[2].seq), (3, 4, 9));
}
