//! What an auditor needs, end to end on the built-in example: each
//! agreement version's text and what each revision changed (`audit --diff`,
//! `history --diff`), `verify --head` naming the head it checked, and the
//! command-line conventions (a closed pipe is not an error; usage lines and
//! help that do not mislead).

use serde_json::Value;

mod support;
use support::{NOW, TestLog as Log};

#[test]
fn audit_diff_marks_what_a_revision_changed_word_by_word() {
    let log = Log::example().recorded_by("auditor");
    let out = log.run(&["audit", "sm-pfm", "--diff"]);
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    insta::assert_snapshot!("audit_diff_sm_pfm", out);
}

#[test]
fn audit_shows_each_versions_full_text() {
    let log = Log::example().recorded_by("auditor");
    let out = log.run(&["audit", "pp-health"]);
    assert!(
        out.contains("Text:         Partnership principles of the TWG on Health"),
        "{out}"
    );
    // The added principle is in version 2's text, unmarked without --diff.
    assert!(out.contains("\n              6. Joint agenda:"), "{out}");
    assert!(!out.contains("{+"), "{out}");

    let v = log.json(&["audit", "pp-health"]);
    let v1 = &v["versions"][0];
    let v2 = &v["versions"][1];
    assert!(
        v1["text"]
            .as_str()
            .unwrap()
            .starts_with("Partnership principles of the TWG on Health")
    );
    assert_eq!(v1["diff_from_previous"], Value::Null);
    // The diff read back gives both versions' exact texts.
    let pieces = v2["diff_from_previous"].as_array().unwrap();
    let keep = |skip: &str| -> String {
        pieces
            .iter()
            .filter(|p| p["mark"] != skip)
            .map(|p| p["text"].as_str().unwrap())
            .collect()
    };
    assert_eq!(keep("added"), v1["text"].as_str().unwrap());
    assert_eq!(keep("removed"), v2["text"].as_str().unwrap());
    assert!(
        pieces
            .iter()
            .any(|p| p["mark"] == "added" && p["text"].as_str().unwrap().contains("Joint agenda"))
    );
}

#[test]
fn history_diff_shows_the_word_diff_under_each_revision() {
    let log = Log::example().recorded_by("auditor");
    let plain = log.run(&["history", "twg-health"]);
    assert!(!plain.contains("word by word"), "{plain}");
    let out = log.run(&["history", "twg-health", "--diff"]);
    let at = out
        .find("revised to v2")
        .expect("a revision in the history");
    let after = &out[at..];
    assert!(
        after.contains("What changed from v1, word by word ([-removed-] {+added+}):"),
        "{after}"
    );
    assert!(
        after.contains("{+6. Joint agenda: the chair and the lead facilitator draft each"),
        "{after}"
    );
}

#[test]
fn verify_head_names_the_head_it_checked() {
    let log = Log::example().recorded_by("auditor");
    let envelopes = log.run(&["log", "--json", "--limit", "90"]);
    let seq600: Value = serde_json::from_str(envelopes.lines().next().unwrap()).unwrap();
    assert_eq!(seq600["seq"], 600);
    let hash = seq600["hash"].as_str().unwrap();
    let checked = format!("600:{hash}");
    let out = log.run(&["verify", "--head", &checked]);
    let head = log.run(&["head"]);
    assert_eq!(
        out,
        format!(
            "ok: 689 events, hash chain intact, 4 endorsement signature(s) verified; head {}; extends {checked}\n",
            head.trim()
        )
    );
    let v = log.json(&["verify", "--head", &checked]);
    assert_eq!(v["extends"]["seq"], 600);
    assert_eq!(v["extends"]["hash"], hash);
    // Without --head, nothing is claimed about one.
    assert!(!log.run(&["verify"]).contains("extends"));
    assert_eq!(log.json(&["verify"])["extends"], Value::Null);
}

/// Runs `args` with stdout a pipe whose reading end is closed at once, as
/// `| head` does once it has read enough; gives the exit code and stderr.
fn into_closed_pipe(log: &Log, args: &[&str]) -> (Option<i32>, String) {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_accord"))
        .env("ACCORD_NOW", NOW)
        .env("ACCORD_DB", &log.db)
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Every output below is larger than a pipe's buffer (64 KiB), so the
    // writer meets the closed end whatever the timing.
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap().code(), err)
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    let log = Log::example().recorded_by("auditor");
    for args in [
        &["completions", "bash"][..],
        &["log"],
        &["log", "--json"],
        &["export"],
        &["export", "--format", "csv"],
    ] {
        let (code, err) = into_closed_pipe(&log, args);
        assert_eq!(code, Some(0), "accord {args:?}: {err}");
        assert_eq!(err, "", "accord {args:?}");
    }
}

#[test]
fn completions_into_head_exits_0_without_a_word_on_stderr() {
    let log = Log::example().recorded_by("auditor");
    let script = format!(
        "{:?} completions bash | head -1; exit ${{PIPESTATUS[0]}}",
        env!("CARGO_BIN_EXE_accord")
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &script])
        .current_dir(log.dir())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "_accord() {\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn text_fits_columns_when_set_and_80_otherwise() {
    let log = Log::example().recorded_by("auditor");
    let widest = |out: &str| out.lines().map(|l| l.chars().count()).max().unwrap();
    let plain = log.run(&["history", "twg-health"]);
    assert_eq!(widest(&plain), 80, "{plain}");
    let wide = String::from_utf8(
        log.cmd(&["history", "twg-health"])
            .env("COLUMNS", "120")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert_eq!(widest(&wide), 120, "{wide}");
    assert!(wide.contains(
        "2004-12-01 — Partnership 'Technical Working Group on Health' established, hosted by Ministry of Health (MoH)\n"
    ));
}

#[test]
fn help_does_not_mislead() {
    let log = Log::example().recorded_by("auditor");
    // --as is for commands that record: read commands never require it.
    for cmd in [
        "show", "history", "audit", "status", "log", "list", "snapshot", "verify",
    ] {
        let help = log.run(&[cmd, "--help"]);
        let usage = help.lines().find(|l| l.starts_with("Usage:")).unwrap();
        assert!(!usage.contains("--as "), "{usage}");
        assert!(help.contains("read commands ignore it"), "{cmd}");
    }
    // A snapshot's --as-of names its real default.
    let help = log.run(&["snapshot", "--help"]);
    assert!(
        help.contains("[default: the stage's completion date; while")
            && help.contains("the stage runs, today"),
        "{help}"
    );
    // The log's location may hold a password: help never prints its value.
    let help = String::from_utf8(
        log.cmd(&["status", "--help"])
            .env("ACCORD_DB", "postgres://u:secret@host/db")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(!help.contains("secret"), "{help}");
    assert!(help.contains("[env: ACCORD_DB]"), "{help}");
}
