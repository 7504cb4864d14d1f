//! Library-level benchmarks of the event store (divan).
//!
//! `durable_single_event`: one event per batch, so one `BEGIN IMMEDIATE`
//! transaction and one fsync'd commit (WAL, `synchronous=FULL`) per event —
//! what a person entering events one at a time costs.
//! `bulk_10k`: the same rules and hashing, 10,000 events in one batch.
//! `verify_10k` and `fold_rules_10k`: reading a log back.

use std::sync::LazyLock;

use accord_events::Clock;
use accord_events::input::{NewEvent, parse_line};
use accord_events::store::{AppendOptions, Store};
use accord_generate as generate;
use chrono::NaiveDate;

fn main() {
    divan::main();
}

const NOW: &str = "2026-01-01T00:00:00Z";

fn clock() -> Clock {
    Clock::Fixed(NOW.parse().expect("a timestamp"))
}

/// 10,000 generated events (the same ones every run).
static LINES: LazyLock<Vec<String>> = LazyLock::new(|| {
    generate::Generator::new(generate::Config {
        events: 10_000,
        partnerships: 20,
        seed: 1,
        since: NaiveDate::from_ymd_opt(2004, 1, 1).unwrap(),
        until: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
    })
    .collect()
});

fn parsed() -> Vec<NewEvent> {
    let today = clock().today();
    LINES
        .iter()
        .enumerate()
        .map(|(i, l)| parse_line(i + 1, l, today).expect("generated events parse"))
        .collect()
}

const OPTS: AppendOptions<'static> = AppendOptions {
    operator: Some("bench"),
    progress: None,
    check_only: false,
    keep_going: false,
};

/// Appends events one per transaction; each iteration is one durable commit.
#[divan::bench(sample_count = 60, sample_size = 5)]
fn durable_single_event(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("b.db"), clock()).unwrap();
    let mut events = parsed().into_iter();
    bencher.bench_local(|| {
        let ev = events.next().expect("enough events for every sample");
        store.append([Ok(ev)], &OPTS).unwrap()
    });
}

/// 10,000 events in one batch into an empty log.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn bulk_10k(bencher: divan::Bencher) {
    bencher
        .counter(divan::counter::ItemsCount::new(10_000usize))
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::create(&dir.path().join("b.db"), clock()).unwrap();
            (dir, store, parsed())
        })
        .bench_local_values(|(dir, mut store, events)| {
            store.append(events.into_iter().map(Ok), &OPTS).unwrap();
            (dir, store)
        });
}

/// A 10,000-event log, appended once and shared by the read benchmarks.
static LOG: LazyLock<(tempfile::TempDir, std::path::PathBuf)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let mut store = Store::create(&path, clock()).unwrap();
    store.append(parsed().into_iter().map(Ok), &OPTS).unwrap();
    (dir, path)
});

fn open() -> Store {
    Store::open(&LOG.1, accord_events::store::Access::ReadOnly, clock()).unwrap()
}

#[divan::bench(sample_count = 10)]
fn verify_10k(bencher: divan::Bencher) {
    let store = open();
    bencher
        .counter(divan::counter::ItemsCount::new(10_000usize))
        .bench_local(|| assert!(store.verify(None, |_| {}).unwrap().ok()));
}

/// Reading and decoding every event (what every projection replay starts with).
#[divan::bench(sample_count = 10)]
fn read_all_10k(bencher: divan::Bencher) {
    let store = open();
    bencher
        .counter(divan::counter::ItemsCount::new(10_000usize))
        .bench_local(|| store.read_all().unwrap().len());
}
