//! What an auditor needs, end to end on the built-in example: each
//! agreement version's text and what each revision changed (`audit --diff`,
//! `history --diff`), `verify --head` naming the head it checked, and the
//! command-line conventions (a closed pipe is not an error; usage lines and
//! help that do not mislead).

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

/// The clock the example log is built and read with.
const NOW: &str = "2010-12-31T12:00:00Z";

struct Log {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Log {
    /// The built-in example, recorded at `NOW`.
    fn example() -> Log {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("accord.db");
        let log = Log { dir, db };
        log.cmd(&["init", "--example", "cambodia"])
            .assert()
            .success();
        log
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("accord").unwrap();
        c.env("ACCORD_NOW", NOW)
            .env("ACCORD_DB", &self.db)
            .env("ACCORD_USER", "auditor")
            .env("NO_COLOR", "1")
            .env_remove("COLUMNS")
            .current_dir(self.dir.path());
        c.args(args);
        c
    }

    /// stdout of a command that must succeed.
    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut with_json = args.to_vec();
        with_json.push("--json");
        serde_json::from_str(&self.run(&with_json)).unwrap()
    }
}

#[test]
fn audit_diff_marks_what_a_revision_changed_word_by_word() {
    let log = Log::example();
    let out = log.run(&["audit", "sm-pfm", "--diff"]);
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    insta::assert_snapshot!("audit_diff_sm_pfm", out);
}

#[test]
fn audit_shows_each_versions_full_text() {
    let log = Log::example();
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
    let log = Log::example();
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
