//! A small tmpfs for I/O-fault tests (full disk, read-only media). Mounting
//! needs root (CAP_SYS_ADMIN); without it the caller skips, visibly.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A mounted tmpfs, unmounted when dropped.
pub struct Tmpfs {
    _holder: tempfile::TempDir,
    path: PathBuf,
}

impl Tmpfs {
    /// Mounts a tmpfs of `bytes` bytes, or says why it cannot.
    pub fn mount(bytes: u64) -> Result<Tmpfs, String> {
        let holder = tempfile::tempdir().map_err(|e| e.to_string())?;
        let path = holder.path().join("mnt");
        std::fs::create_dir(&path).map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}"), "tmpfs"])
            .arg(&path)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "mount -t tmpfs failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(Tmpfs {
            _holder: holder,
            path,
        })
    }

    /// The mount point.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Remounts it read-only (`ro = true`) or read-write.
    pub fn remount(&self, ro: bool) {
        let opt = if ro { "remount,ro" } else { "remount,rw" };
        let st = Command::new("mount")
            .args(["-o", opt])
            .arg(&self.path)
            .status()
            .expect("run mount");
        assert!(st.success(), "mount -o {opt} failed");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

/// Fills the file system holding `dir` until exactly `leave` bytes (rounded
/// to pages by tmpfs) are free, with a file named `filler`.
pub fn fill(dir: &Path, leave: u64) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).expect("create filler");
    let chunk = vec![0u8; 4096];
    let mut written = 0u64;
    loop {
        match f.write(&chunk) {
            Ok(0) => break,
            Ok(n) => written += n as u64,
            Err(_) => break,
        }
    }
    let _ = f.sync_all();
    f.set_len(written.saturating_sub(leave))
        .expect("truncate filler");
    path
}
