use std::collections::BTreeSet;

use accord_events::Clock;
use accord_events::input::parse_line;
use accord_events::store::{AppendOptions, Store};
use chrono::NaiveDate;

use crate::{Config, Generator};

fn config(events: u64, partnerships: u32, seed: u64) -> Config {
    Config {
        events,
        partnerships,
        seed,
        since: NaiveDate::from_ymd_opt(2004, 1, 1).unwrap(),
        until: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
    }
}

fn lines(cfg: Config) -> Vec<String> {
    Generator::new(cfg).collect()
}

#[test]
fn same_arguments_give_the_same_bytes() {
    let a = lines(config(3_000, 15, 42));
    let b = lines(config(3_000, 15, 42));
    assert_eq!(a.len(), 3_000);
    assert_eq!(a, b);
    assert_ne!(a, lines(config(3_000, 15, 43)));
}

#[test]
fn a_shorter_run_is_a_prefix_of_a_longer_one_until_the_dates_diverge() {
    // Dates depend on N, so only the prologue is shared; the count is exact.
    assert_eq!(lines(config(10, 3, 1)).len(), 10);
    assert_eq!(lines(config(0, 3, 1)).len(), 0);
}

fn append_all(lines: &[String], now: &str) -> (u64, u64, accord_events::verify::VerifyReport) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gen.db");
    let clock = Clock::Fixed(now.parse().unwrap());
    let mut store = Store::create(&path, clock).unwrap();
    let today = clock.today();
    let events = lines
        .iter()
        .enumerate()
        .map(|(i, l)| parse_line(i + 1, l, today));
    let opts = AppendOptions {
        operator: Some("gen"),
        progress: None,
        ..AppendOptions::default()
    };
    let out = match store.append(events, &opts) {
        Ok(o) => o,
        Err(e) => panic!("generated log rejected: {e}"),
    };
    let report = store.verify(None, |_| {}).unwrap();
    (out.appended, out.skipped, report)
}

#[test]
fn the_generated_log_appends_cleanly_and_covers_the_catalogue() {
    let ls = lines(config(6_000, 12, 7));
    let types: BTreeSet<String> = ls
        .iter()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["type"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        types.len(),
        accord_events::EventKind::ALL.len(),
        "types seen: {types:?}"
    );
    let (appended, skipped, report) = append_all(&ls, "2026-01-01T00:00:00Z");
    assert_eq!((appended, skipped), (6_000, 0));
    assert!(report.ok(), "{:?}", report.breach);
}

#[test]
fn several_seeds_and_shapes_are_valid() {
    for (n, p, seed) in [(800, 1, 1), (1_500, 3, 2), (4_000, 40, 3), (2_500, 200, 4)] {
        let ls = lines(config(n, p, seed));
        let (appended, skipped, report) = append_all(&ls, "2026-01-01T00:00:00Z");
        assert_eq!((appended, skipped), (n, 0), "N={n} P={p} seed={seed}");
        assert!(report.ok());
    }
}

#[test]
fn dates_stay_within_the_span() {
    let mut cfg = config(2_000, 10, 5);
    cfg.until = NaiveDate::from_ymd_opt(2010, 6, 30).unwrap();
    let ls = lines(cfg);
    for l in &ls {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let d = &v["occurred_at"].as_str().unwrap()[..10];
        assert!(("2004-01-01"..="2010-06-30").contains(&d), "{d}");
    }
    let (appended, _, _) = append_all(&ls, "2010-06-30T12:00:00Z");
    assert_eq!(appended, 2_000);
}

#[test]
fn every_line_carries_a_catalogue_payload() {
    // The data is the typed payload's own serialisation: decoding it back
    // gives the same data, whatever the event type.
    for l in lines(config(3_000, 10, 11)) {
        let v: serde_json::Value = serde_json::from_str(&l).unwrap();
        let kind = accord_events::EventKind::parse(v["type"].as_str().unwrap()).unwrap();
        let event = accord_events::Event::decode(kind, &v["data"]).unwrap();
        assert_eq!(event.to_data(), v["data"], "{l}");
    }
}
