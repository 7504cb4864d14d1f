//! Files the commands write (`--out`): whole or not at all.
//!
//! The bytes go to a hidden temporary file beside the target, renamed over
//! it once every byte is written and flushed to disk. On any failure (a
//! full disk, a folder that cannot be written, an error while reading the
//! log) the temporary file is removed and the target is left as it was.
//! Why: a half export is worse than none. A JSONL export cut at the end of
//! a line restores as a shorter log whose hash chain verifies, and a report
//! cut short reads as a report with less in it; someone archiving either
//! would take it for whole.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::CliError;

/// A file being written: renamed into place by [`OutFile::finish`],
/// removed if dropped before. Unbuffered: its writers buffer (`export`,
/// `generate`) or write all at once ([`write_whole`]).
pub struct OutFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<File>,
}

impl OutFile {
    /// Starts writing `path` (nothing appears there until
    /// [`OutFile::finish`]).
    pub fn create(path: &Path) -> Result<OutFile, CliError> {
        let name = path.file_name().ok_or_else(|| {
            CliError::usage(
                format!("--out {}: not a file name", path.display()),
                "give a file path such as backup.jsonl or stage2.html",
            )
        })?;
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let tmp = dir.join(format!(
            ".{}.tmp-{}",
            name.to_string_lossy(),
            std::process::id()
        ));
        let file = File::create(&tmp).map_err(|e| cannot_write(path, &e))?;
        Ok(OutFile {
            path: path.to_owned(),
            tmp,
            file: Some(file),
        })
    }

    /// Flushes every byte to disk and puts the file in place.
    pub fn finish(mut self) -> Result<(), CliError> {
        let Some(file) = self.file.take() else {
            return Ok(());
        };
        let done = file
            .sync_all()
            .and_then(|()| std::fs::rename(&self.tmp, &self.path));
        done.map_err(|e| {
            let _ = std::fs::remove_file(&self.tmp);
            cannot_write(&self.path, &e)
        })
    }
}

impl Write for OutFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("the file was already finished")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for OutFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `contents` to `path` whole (see the module's comment).
pub fn write_whole(path: &Path, contents: &[u8]) -> Result<(), CliError> {
    let mut out = OutFile::create(path)?;
    out.write_all(contents)
        .map_err(|e| cannot_write(path, &e))?;
    out.finish()
}

/// Whether `e` says the disk (or the user's quota) is full.
pub fn disk_full(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

/// The error for a file that could not be written: a full disk said as
/// such, and that nothing was left at `path`.
pub fn cannot_write(path: &Path, e: &io::Error) -> CliError {
    if disk_full(e) {
        return CliError::rejected(
            format!(
                "cannot write {}: the disk is full; nothing was written there",
                path.display()
            ),
            "free some space on that disk (or write elsewhere with another --out) and run the command again; the log is unchanged",
        );
    }
    CliError::rejected(
        format!(
            "cannot write {}: {e}; nothing was written there",
            path.display()
        ),
        "check that the folder exists and is writable",
    )
}

/// The error for output to stdout that could not be written (`what`: "the
/// export"), a full disk said as such.
pub fn cannot_write_stdout(what: &str, e: &io::Error) -> CliError {
    if disk_full(e) {
        return CliError::rejected(
            format!("cannot write {what}: the disk is full"),
            "free some space where the output goes (or choose a file on another disk with --out) and run the command again; the log is unchanged",
        );
    }
    CliError::rejected(
        format!("cannot write {what}: {e}"),
        "check where the output goes; the log is unchanged",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many files `dir` holds (the target, and no temporary file).
    fn files_in(dir: &Path) -> usize {
        std::fs::read_dir(dir).unwrap().count()
    }

    #[test]
    fn a_finished_file_is_in_place_and_nothing_else_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("backup.jsonl");
        let mut out = OutFile::create(&path).unwrap();
        out.write_all(b"line 1\n").unwrap();
        assert!(!path.exists(), "the target appeared before it was whole");
        out.write_all(b"line 2\n").unwrap();
        out.finish().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"line 1\nline 2\n");
        assert_eq!(files_in(dir.path()), 1);
    }

    #[test]
    fn a_file_given_up_leaves_the_target_as_it_was_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("backup.jsonl");
        std::fs::write(&path, b"the previous backup\n").unwrap();
        let mut out = OutFile::create(&path).unwrap();
        out.write_all(b"half of a new one").unwrap();
        drop(out);
        assert_eq!(std::fs::read(&path).unwrap(), b"the previous backup\n");
        assert_eq!(files_in(dir.path()), 1);
    }

    #[test]
    fn a_full_disk_is_named_in_the_message_and_the_hint() {
        let e = cannot_write(
            Path::new("out/backup.jsonl"),
            &io::Error::from(io::ErrorKind::StorageFull),
        );
        assert_eq!(
            e.message,
            "cannot write out/backup.jsonl: the disk is full; nothing was written there"
        );
        assert!(e.hint.unwrap().starts_with("free some space on that disk"));
        let e = cannot_write(
            Path::new("missing/backup.jsonl"),
            &io::Error::from(io::ErrorKind::NotFound),
        );
        assert!(e.message.starts_with("cannot write missing/backup.jsonl: "));
        assert_eq!(
            e.hint.unwrap(),
            "check that the folder exists and is writable"
        );
    }
}
