//! The README is a user's guide: every command it shows in a `sh` block
//! must work. This test runs those blocks, in order, as one shell script in
//! an empty folder (with the clock pinned and `accord` on the PATH), so the
//! guide cannot drift from the program. Blocks marked `console` (installing,
//! the test command) are shown, not run.

use std::path::Path;
use std::process::Command;

/// The `sh` blocks of a Markdown text, in order, each with the line it starts on.
fn sh_blocks(markdown: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in markdown.lines().enumerate() {
        match (&mut current, line.trim_end()) {
            (None, "```sh") => current = Some((i + 2, String::new())),
            (Some(_), "```") => blocks.push(current.take().expect("in a block")),
            (Some((_, body)), l) => {
                body.push_str(l);
                body.push('\n');
            }
            (None, _) => {}
        }
    }
    assert!(current.is_none(), "README.md has an unclosed code block");
    blocks
}

#[test]
fn every_sh_block_of_the_readme_runs() {
    let readme = include_str!("../README.md");
    let blocks = sh_blocks(readme);
    assert!(blocks.len() >= 10, "the walkthrough has its blocks");

    let mut script = String::from("set -euo pipefail\n");
    for (line, body) in &blocks {
        script.push_str(&format!("echo '>>> README.md line {line}' >&2\n"));
        for cmd in body.lines().filter(|l| !l.trim().is_empty()) {
            script.push_str(&format!("echo '$ {}' >&2\n", cmd.replace('\'', "'\\''")));
            script.push_str(cmd);
            script.push('\n');
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_accord"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(dir.path())
        .env("PATH", path)
        .env("ACCORD_NOW", "2026-11-27T12:00:00Z")
        .env("NO_COLOR", "1")
        .env_remove("ACCORD_DB")
        .env_remove("ACCORD_USER")
        .env_remove("ACCORD_LANG")
        .output()
        .expect("bash runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "a README command failed ({}); the tail of what it printed:\n{}",
        out.status,
        stderr
            .lines()
            .rev()
            .take(30)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n")
    );
    // What the walkthrough promises is really there.
    for file in [
        "health.db",
        "stage-1.html",
        "stage-1.md",
        "health-backup.jsonl",
    ] {
        assert!(dir.path().join(file).exists(), "{file} was written");
    }
    let md = std::fs::read_to_string(dir.path().join("stage-1.md")).unwrap();
    assert!(md.contains("Technical Working Group on Health"), "{md}");
}

#[test]
fn the_readme_refers_to_nothing_outside_the_repository() {
    let readme = include_str!("../README.md");
    assert!(
        !readme.contains("../shared"),
        "README links outside the repository"
    );
    for doc in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/docs")).unwrap() {
        let text = std::fs::read_to_string(doc.unwrap().path()).unwrap();
        assert!(!text.contains("../shared") && !text.contains("SPEC.md"));
    }
}
