//! A line is read in one pass when it is well formed, and through its JSON
//! tree otherwise (`events/src/input/quick.rs`). The two must agree: the
//! quick pass takes no line the explained parse refuses, and gives the
//! same event (canonical `data` included, which is what is hashed) for
//! every line it takes.

mod support;

use accord_events::input::{parse_line, parse_line_explained, quick};
use chrono::NaiveDate;
use support::TestLog;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// A generated programme's lines: every event type, retractions,
/// back-dated entries.
fn generated() -> Vec<String> {
    TestLog::empty()
        .run(&[
            "generate",
            "--events",
            "4000",
            "--partnerships",
            "5",
            "--seed",
            "11",
        ])
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The same line written otherwise, or made wrong, in ways people and
/// programs do.
fn variants(line: &str) -> Vec<String> {
    let mut out = vec![
        // Spaces, and `data` first instead of last.
        line.replace("\":", "\" : ").replace(",\"", ", \""),
        match line.split_once(",\"data\":") {
            Some((head, data)) => {
                format!("{{\"data\":{},{}}}", &data[..data.len() - 1], &head[1..])
            }
            None => line.to_owned(),
        },
        // Escapes where none are needed.
        line.replace('e', "\\u0065"),
        line.replacen("\"data\":{", "\"data\":{\"zz\":1,", 1),
        line.replacen("\"data\":{", "\"data\":{\"a\":1,\"a\":1,", 1),
        line.replacen("\"data\":{", "\"data\":[{", 1)
            .replacen("}}", "}]}", 1),
        line.replacen("\"data\":{", "\"data\":{\"n\":1.5,", 1),
        line.replacen("{", "{\"id\":null,", 1),
        line.replacen("{", "{\"source\":7,", 1),
        line.replacen("{", "{\"note\":\"x\",", 1),
        line.replacen("{", "{\"type\":\"x\",", 1),
        line.replacen("\"occurred_at\":\"", "\"occurred_at\":\"2", 1),
        line.replacen("\"type\":\"", "\"type\":\"x", 1),
        format!("{line} x"),
        line[..line.len() / 2].to_owned(),
    ];
    if let Some((head, _)) = line.split_once(",\"data\":") {
        out.push(format!("{head}}}"));
    }
    // A control character in `source`; a score given twice.
    if line.contains("\"source\":\"") {
        out.push(line.replacen("\"source\":\"", "\"source\":\"\\u0007", 1));
    }
    if let Some((head, scores)) = line.split_once("\"scores\":{")
        && let Some((first, rest)) = scores.split_once(',')
    {
        out.push(format!("{head}\"scores\":{{{first},{first},{rest}"));
    }
    out
}

#[test]
fn the_quick_pass_and_the_explained_parse_agree_on_every_line() {
    let lines = generated();
    assert!(lines.len() >= 4000);
    let mut taken = 0;
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        let quick = quick::parse(n, line, today());
        assert!(
            quick.is_some(),
            "a generated line is taken in one pass: {line}"
        );
        assert_eq!(quick.map(Ok), Some(parse_line_explained(n, line, today())));
        // Every tenth line, written otherwise or made wrong.
        if i % 10 == 0 {
            for variant in variants(line) {
                let explained = parse_line_explained(n, &variant, today());
                if let Some(ev) = quick::parse(n, &variant, today()) {
                    taken += 1;
                    assert_eq!(Ok(ev), explained, "the quick pass took {variant}");
                }
                assert_eq!(parse_line(n, &variant, today()), explained, "{variant}");
            }
        }
    }
    assert!(taken > 400, "the rewritten lines are taken too ({taken})");
}
