//! CSV export for spreadsheets: a cell whose text starts with `=`, `+`,
//! `-`, `@` (or a tab or carriage return) would run as a formula when the
//! file is opened; `export --format csv` prefixes it with an apostrophe.
//! Every cell of a log full of formula-like values is checked.

mod common;

use common::*;
use serde_json::json;

const DANGEROUS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

#[test]
fn csv_export_neutralises_every_formula_like_cell() {
    let log = Log::init();
    let payloads = [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "=1+1",
        "\tindented",
        "plain",
    ];
    let mut lines = Vec::new();
    for (i, p) in payloads.iter().enumerate() {
        // The formula in the event id, the source and the operator (data
        // is one JSON cell, which always starts with `{`).
        let mut e = json!({
            "id": if p.starts_with('\t') { format!("{i}{p}").replace('\t', " ") } else { format!("{p}#{i}") },
            "type": "organisation.registered",
            "occurred_at": "2009-06-01",
            "source": p,
            "recorded_by": p.replace('\t', " "),
            "data": {"org": format!("org{i}"), "name": p.replace('\t', " "), "side": "government"}
        });
        if p.starts_with('\t') {
            // Ids, operators and sources refuse tabs and CRs; a newline is
            // allowed in a source, with a formula after it.
            e["source"] = json!("\n=cmd on a second line");
        }
        lines.push(e.to_string());
    }
    log.append(&lines);
    // And an operator given with --as.
    let f = log.path("as.jsonl");
    write_lines(
        &f,
        &[
            json!({"id": "as-1", "type": "organisation.registered", "occurred_at": "2009-06-01",
                 "data": {"org": "as1", "name": "As", "side": "academic"}})
            .to_string(),
        ],
    );
    let r = accord(&log.db)
        .args(["--as", "=evil()", "append"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));

    let out = run(&log.db, &["export", "--format", "csv"])
        .expect(0)
        .stdout;
    let stored: Vec<serde_json::Value> = run(&log.db, &["--json", "log"])
        .expect(0)
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut cells = 0;
    let mut neutralised = 0;
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), stored.len());
    for (row, event) in rows.iter().zip(&stored) {
        for (name, cell) in header.iter().zip(row.iter()) {
            cells += 1;
            assert!(
                !cell.starts_with(DANGEROUS),
                "column {name}: the cell {cell:?} would run as a formula"
            );
            // The original value is there, after the apostrophe.
            let original = match &event[name.as_str()] {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => String::new(),
                serde_json::Value::Object(_) => {
                    accord_events::json::canonical(&event[name.as_str()])
                }
                v => v.to_string(),
            };
            if original.starts_with(DANGEROUS) {
                assert_eq!(cell, format!("'{original}"), "column {name}");
                neutralised += 1;
            } else {
                assert_eq!(cell, original, "column {name}");
            }
        }
    }
    assert!(
        neutralised >= 15,
        "only {neutralised} cells needed neutralising"
    );
    report(
        "csv",
        &format!(
            "export --format csv of {} events with formula-like ids, sources and operators: {cells} cells checked, {neutralised} neutralised with a leading apostrophe, 0 start with = + - @ tab or CR; every other cell is the stored value",
            stored.len()
        ),
    );
}
