//! Computes a digest of the code that folds the log (`ACCORD_FOLD_CODE`):
//! a fold saved beside a log (`events/src/store/folds.rs`) is used only by
//! a build whose code is the one that saved it, since any change to what
//! the events mean, how they are folded or how a fold is encoded may
//! change what a saved fold should hold.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Every file the folds depend on is under one of these.
const FOLDING_CODE: [&str; 4] = ["events/src", "events/sql", "projections/src", "src"];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let mut all = Vec::new();
    for dir in FOLDING_CODE {
        println!("cargo::rerun-if-changed={dir}");
        files(Path::new(dir), &mut all);
    }
    // In a fixed order, each file named and sized, so that moving text
    // from one file to another changes the digest too.
    all.sort();
    let mut h = Sha256::new();
    for path in &all {
        let text = fs::read(path).unwrap_or_default();
        let name = path.to_string_lossy();
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((text.len() as u64).to_le_bytes());
        h.update(&text);
    }
    let digest: [u8; 32] = h.finalize().into();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo::rustc-env=ACCORD_FOLD_CODE={hex}");
}
