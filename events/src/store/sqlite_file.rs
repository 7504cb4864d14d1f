//! The SQLite log's file as the file system sees it: its WAL, its URI,
//! its identity.

use std::path::{Path, PathBuf};

/// True when a `-wal` file with content lies beside the log: committed
/// events may be in it, so the log must not be read `immutable` (which
/// would ignore them).
pub(super) fn wal_pending(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0)
}

/// `file:///abs/path?immutable=1`, with the characters URIs reserve escaped.
pub(super) fn immutable_uri(path: &Path) -> Option<String> {
    file_uri(path, "immutable=1")
}

/// `file:///abs/path?QUERY`, with the characters URIs reserve escaped.
pub(super) fn file_uri(path: &Path, query: &str) -> Option<String> {
    let abs = std::fs::canonicalize(path).ok()?;
    let abs = abs.to_str()?;
    let mut uri = String::from("file://");
    for c in abs.chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri.push('?');
    uri.push_str(query);
    Some(uri)
}

/// Which file a path names right now: device and inode on Unix (elsewhere
/// only whether it exists).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct FileId {
    dev: u64,
    ino: u64,
}

pub(super) fn file_id(path: &Path) -> Option<FileId> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(FileId {
            dev: meta.dev(),
            ino: meta.ino(),
        })
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some(FileId { dev: 0, ino: 0 })
    }
}
