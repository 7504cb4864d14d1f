//! The size limits docs/architecture.md sets for the code outside tests: no
//! source file over 1,000 lines and no function over 150, so that a room
//! that overgrows is noticed when it happens rather than in a later review.
//!
//! A function is measured from its `fn` line to the line that closes its
//! body, by counting braces (braces inside strings and comments are rare
//! enough in this tree not to matter; a false alarm names the place to look).

use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 1000;
const MAX_FN_LINES: usize = 150;

/// Every `.rs` file of the crates' sources (not tests, benches or targets).
fn sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["src", "events/src", "projections/src", "generate/src"] {
        walk(&root.join(dir), &mut out);
    }
    out.sort();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            // Unit-test modules are tests, held to no limit.
            if p.file_name().is_some_and(|n| n != "tests") {
                walk(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The name of the function a line declares, if it declares one.
fn declared_fn(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    for prefix in [
        "pub(crate) ",
        "pub(super) ",
        "pub ",
        "const ",
        "async ",
        "unsafe ",
    ] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    let name = rest.strip_prefix("fn ")?;
    let end = name.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    Some(&name[..end])
}

/// `(name, first line, length)` of each function with a body in `text`.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(name) = declared_fn(lines[i]) else {
            i += 1;
            continue;
        };
        let (mut depth, mut opened, mut j) = (0i64, false, i);
        while j < lines.len() {
            let l = lines[j];
            depth += l.matches('{').count() as i64 - l.matches('}').count() as i64;
            opened |= l.contains('{');
            if (opened && depth <= 0) || (!opened && l.trim_end().ends_with(';')) {
                break;
            }
            j += 1;
        }
        if opened {
            out.push((name.to_owned(), i + 1, j - i + 1));
        }
        i = j.max(i) + 1;
    }
    out
}

#[test]
fn no_source_file_is_over_a_thousand_lines() {
    let long: Vec<String> = sources()
        .into_iter()
        .filter_map(|p| {
            let n = std::fs::read_to_string(&p).ok()?.lines().count();
            (n > MAX_FILE_LINES).then(|| format!("{} ({n} lines)", p.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these by concern (docs/architecture.md): {long:#?}"
    );
}

#[test]
fn no_function_is_over_a_hundred_and_fifty_lines() {
    let mut long = Vec::new();
    for p in sources() {
        let text = std::fs::read_to_string(&p).unwrap();
        for (name, line, n) in functions(&text) {
            if n > MAX_FN_LINES {
                long.push(format!("{}:{line} {name} ({n} lines)", p.display()));
            }
        }
    }
    assert!(long.is_empty(), "split these into named steps: {long:#?}");
}

#[test]
fn the_measure_finds_a_long_function_and_passes_a_short_one() {
    let body = "    let x = 1;\n".repeat(MAX_FN_LINES);
    let text = format!("fn short() {{\n}}\n\npub(crate) fn long() {{\n{body}}}\n");
    let found = functions(&text);
    assert_eq!(found[0], ("short".to_owned(), 1, 2));
    assert_eq!(found[1].0, "long");
    assert_eq!(found[1].2, MAX_FN_LINES + 2);
}
