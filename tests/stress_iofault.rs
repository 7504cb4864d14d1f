//! I/O faults: a full disk, a read-only file, and the log deleted or
//! replaced while an append is running. Each ends in a clean error with exit
//! code 1 (no panic, no raw SQLite message), and the log is left intact.
//!
//! The full-disk and read-only-media cases mount a small tmpfs, which needs
//! root; without it they print `SKIPPED` and say why.

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use accord_generate::Rng;
use accord_generate::batches::{self, Directory, Shape};
use common::mount::{Tmpfs, fill};
use common::*;

fn skip(what: &str, why: &str) {
    report(
        &format!("iofault-{what}"),
        &format!("SKIPPED: {what}: {why}"),
    );
}

/// A tmpfs of `bytes` bytes, or `None` after saying why `what` is skipped.
fn mounted(what: &str, bytes: u64) -> Option<Tmpfs> {
    Tmpfs::mount(bytes).map_err(|why| skip(what, &why)).ok()
}

/// The exported log: what "intact" is compared against.
fn export(db: &std::path::Path) -> String {
    run(db, &["export"]).expect(0).stdout
}

fn batch(rng: &mut Rng, dir: &Directory, tag: &str, partnerships: usize) -> Vec<String> {
    (0..partnerships)
        .flat_map(|p| batches::partnership(rng, dir, &format!("{tag}-p{p}"), Shape::default()))
        .collect()
}

#[test]
fn full_disk_is_a_clean_error_and_the_log_stays_intact() {
    let Some(fs) = mounted("full-disk", 1 << 20) else {
        return;
    };
    let dir = Directory::new(4, 3);
    let mut rng = Rng::new(seed(7));
    let db = fs.path().join("accord.db");
    run(&db, &["init"]).expect(0);
    let setup = fs.path().join("dir.jsonl");
    write_lines(&setup, &dir.events());
    run(&db, &["append", setup.to_str().unwrap()]).expect(0);
    let big = batch(&mut rng, &dir, "big", 60); // ~2,400 events, more than the disk holds
    let small = batch(&mut rng, &dir, "small", 1);
    // Batches live outside the tmpfs so that they do not use its space.
    let outside = tempfile::tempdir().unwrap();
    let big_file = outside.path().join("big.jsonl");
    let small_file = outside.path().join("small.jsonl");
    write_lines(&big_file, &big);
    write_lines(&small_file, &small);

    let mut lines = Vec::new();
    let mut full_errors = 0;
    let mut fitted = 0;
    // From no space at all to some: the failure comes at a different point
    // each time (creating the WAL, growing it mid-batch, at commit).
    for leave in [0u64, 4 << 10, 16 << 10, 64 << 10, 160 << 10, 320 << 10] {
        let before = export(&db);
        let filler = fill(fs.path(), leave);
        for (name, file, n) in [
            ("big", &big_file, big.len()),
            ("small", &small_file, small.len()),
        ] {
            let r = run(&db, &["append", file.to_str().unwrap()]).no_panic();
            let after = export(&db);
            match r.code {
                Some(0) => {
                    fitted += 1;
                    assert!(
                        r.stdout.contains(&format!("appended {n}"))
                            || r.stdout.contains("appended 0"),
                        "{}",
                        r.stdout
                    );
                    assert!(
                        after.starts_with(&before),
                        "an append that fitted changed earlier events"
                    );
                }
                Some(1) => {
                    full_errors += 1;
                    assert!(
                        r.stderr.contains("disk is full"),
                        "leave {leave}, {name}: not a clean disk-full error:\n{}",
                        r.stderr
                    );
                    assert!(
                        !r.stderr.contains("database or disk is full"),
                        "raw SQLite message:\n{}",
                        r.stderr
                    );
                    assert_eq!(
                        after, before,
                        "leave {leave}, {name}: a failed append changed the log"
                    );
                }
                other => panic!("leave {leave}, {name}: exit {other:?}\n{}", r.stderr),
            }
            // Reading works on a full disk too.
            let (code, v) = verify_at(&db, None);
            assert_eq!(code, 0, "{v}");
            lines.push(format!(
                "free {:>6} bytes, {name:<5} batch: exit {} ({})",
                leave,
                r.code.unwrap(),
                if r.code == Some(0) {
                    r.stdout.trim().to_owned()
                } else {
                    "disk is full; log unchanged".into()
                }
            ));
        }
        std::fs::remove_file(filler).unwrap();
    }
    // With space again, the small batch goes in (it may already have fitted).
    let r = run(&db, &["append", small_file.to_str().unwrap()]).expect(0);
    assert!(r.stdout.contains("appended") && r.stdout.contains(&format!("{}", small.len())));
    let (code, v) = verify_at(&db, None);
    assert_eq!(code, 0, "{v}");
    assert_gapless_unique(&rows(&db));
    assert!(full_errors > 0, "the disk never filled up");
    report(
        "iofault-full-disk",
        &format!(
            "tmpfs of 1 MiB; {} appends on a full or nearly full disk: {full_errors} refused with \
             \"the disk is full\" (exit 1, log unchanged, verify ok), {fitted} fitted whole\n{}",
            full_errors + fitted,
            lines.join("\n")
        ),
    );
}

/// A reader needs SQLite's `-shm` file beside the log, which the last
/// writer to close deletes: on a disk filled after an append, a read used
/// to say the log "is not an accord log" and advise restoring it from an
/// export. It says the disk is full, what room a read needs, that the log
/// is unchanged; and with that room freed, the same read works.
#[test]
fn a_read_on_a_full_disk_says_the_disk_is_full_not_that_the_log_is_damaged() {
    let Some(fs) = mounted("full-disk-read", 1 << 20) else {
        return;
    };
    let dir = Directory::new(3, 2);
    let db = fs.path().join("accord.db");
    run(&db, &["init"]).expect(0);
    let setup = fs.path().join("dir.jsonl");
    write_lines(&setup, &dir.events());
    run(&db, &["append", setup.to_str().unwrap()]).expect(0);
    std::fs::remove_file(&setup).unwrap();
    let shm = fs.path().join("accord.db-shm");
    assert!(!shm.exists(), "the appending process left its -shm file");
    let before = std::fs::read(&db).unwrap();
    let filler = fill(fs.path(), 0);

    let mut lines = Vec::new();
    for args in [&["status"][..], &["verify"], &["export"], &["log"]] {
        let r = run(&db, args).expect(1);
        assert!(
            r.stderr.contains("the disk is full") && r.stderr.contains("accord.db-shm"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains("hint: free some space on that disk")
                && r.stderr.contains("the log is unchanged"),
            "{args:?}: {}",
            r.stderr
        );
        for wrong in ["not an accord log", "restore", "disk I/O error"] {
            assert!(!r.stderr.contains(wrong), "{args:?}: {}", r.stderr);
        }
        lines.push(format!(
            "disk full, {}: exit 1, \"the disk is full\"",
            args[0]
        ));
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "the log changed");

    // The room the message names (32 KB) is enough to read.
    std::fs::remove_file(filler).unwrap();
    let filler = fill(fs.path(), 32 << 10);
    let (code, v) = verify_at(&db, None);
    assert_eq!(code, 0, "{v}");
    run(&db, &["status"]).expect(0);
    std::fs::remove_file(filler).unwrap();
    lines.push("32 KB free: verify and status ok".into());
    report("iofault-full-disk-read", &lines.join("\n"));
}

/// How many files `dir` holds.
fn files_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).unwrap().count()
}

/// `init` on a full disk used to leave an empty file behind, which the
/// next `init` (with room again) refused to overwrite as "a log".
#[test]
fn init_on_a_full_disk_leaves_no_file_and_can_be_run_again() {
    let Some(fs) = mounted("full-disk-init", 1 << 20) else {
        return;
    };
    let db = fs.path().join("new.db");
    let filler = fill(fs.path(), 0);
    let r = run(&db, &["init"]).expect(1);
    assert!(
        r.stderr.contains("cannot create")
            && r.stderr
                .contains("the disk is full; nothing was left there"),
        "{}",
        r.stderr
    );
    assert_eq!(files_in(fs.path()), 1, "init left files on a full disk");
    std::fs::remove_file(filler).unwrap();
    run(&db, &["init"]).expect(0);
    let (code, v) = verify_at(&db, None);
    assert_eq!(code, 0, "{v}");
    report(
        "iofault-full-disk-init",
        "init on a full disk: exit 1, \"the disk is full\", no file left; with room: init ok",
    );
}

/// An export or a report written with `--out` onto a full disk used to
/// leave the part that fitted: a JSONL export cut at a line's end restores
/// as a shorter log whose chain verifies. Now nothing is left (not even a
/// temporary file), a file already there is kept as it was, and the message
/// says the disk is full; an export to stdout says so too, rather than
/// advising a check of the log.
#[test]
fn output_onto_a_full_disk_leaves_nothing_half_written() {
    let Some(fs) = mounted("full-disk-out", 1 << 20) else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("accord.db");
    run(&db, &["init"]).expect(0);
    let dir = Directory::new(4, 3);
    let mut rng = Rng::new(seed(11));
    let mut events = dir.events();
    events.extend(batch(&mut rng, &dir, "out", 12));
    let file = home.path().join("events.jsonl");
    write_lines(&file, &events);
    run(&db, &["append", file.to_str().unwrap()]).expect(0);
    let whole = export(&db);
    assert!(
        whole.len() > 64 << 10,
        "the export must not fit in the room left"
    );

    let out = fs.path();
    let kept = out.join("backup.jsonl");
    std::fs::write(&kept, "the previous backup\n").unwrap();
    let filler = fill(out, 16 << 10);
    let mut lines = Vec::new();
    let target = |name: &str| out.join(name).to_str().unwrap().to_owned();
    for args in [
        vec!["export", "--out", &target("backup.jsonl")],
        vec!["export", "--format", "csv", "--out", &target("events.csv")],
        vec![
            "snapshot",
            "--stage",
            "1",
            "--format",
            "html",
            "--out",
            &target("stage1.html"),
        ],
        vec![
            "generate",
            "--events",
            "5000",
            "--out",
            &target("generated.jsonl"),
        ],
    ] {
        let r = run(&db, &args).expect(1);
        assert!(
            r.stderr
                .contains("the disk is full; nothing was written there")
                && r.stderr.contains("hint: free some space on that disk"),
            "{args:?}: {}",
            r.stderr
        );
        lines.push(format!(
            "{}: exit 1, \"the disk is full\", nothing left",
            args.join(" ")
        ));
    }
    // The previous backup and the filler: no part of a file, no temporary one.
    assert_eq!(files_in(out), 2, "a half-written file was left");
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        "the previous backup\n"
    );

    // To stdout, redirected to a file on the full disk.
    let redirected = std::fs::File::create(out.join("redirected.jsonl")).unwrap();
    let r = Run::from_output(
        accord(&db)
            .arg("export")
            .stdout(redirected)
            .output()
            .expect("run accord"),
    );
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("cannot write the export: the disk is full")
            && !r.stderr.contains("accord verify"),
        "{}",
        r.stderr
    );
    lines.push("export > file on the full disk: exit 1, \"the disk is full\"".into());

    // With room, the export is written whole over the previous one.
    std::fs::remove_file(filler).unwrap();
    std::fs::remove_file(out.join("redirected.jsonl")).unwrap();
    run(&db, &["export", "--out", &target("backup.jsonl")]).expect(0);
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), whole);
    report("iofault-full-disk-out", &lines.join("\n"));
}

/// Byte-for-byte contents of the log's files (the db, and its WAL if any).
fn file_bytes(db: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for suffix in ["", "-wal"] {
        let p = format!("{}{suffix}", db.display());
        if let Ok(b) = std::fs::read(&p) {
            out.push((p, b));
        }
    }
    out
}

#[test]
fn a_read_only_file_can_be_read_and_verified_but_not_appended_to() {
    let dir = Directory::new(2, 2);
    let make = |db: &std::path::Path| {
        run(db, &["init"]).expect(0);
        let f = db.with_extension("jsonl");
        write_lines(&f, &dir.events());
        run(db, &["append", f.to_str().unwrap()]).expect(0);
        std::fs::remove_file(f).unwrap();
    };
    let one = batches::event(
        "ro-1",
        "organisation.registered",
        "2009-06-01",
        serde_json::json!({"org": "ro-org", "name": "Read-only", "side": "academic"}),
    );
    let outside = tempfile::tempdir().unwrap();
    let one_file = outside.path().join("one.jsonl");
    write_lines(&one_file, &[one]);

    let mut cases = Vec::new();
    // 1. A read-only mount (what an auditor gets on a CD or a read-only share).
    // The guard keeps the mount alive to the end of the test.
    let _guard = match Tmpfs::mount(4 << 20) {
        Ok(fs) => {
            let db = fs.path().join("accord.db");
            make(&db);
            fs.remount(true);
            cases.push(("read-only mount", db));
            Some(fs)
        }
        Err(why) => {
            skip("read-only-mount", &why);
            None
        }
    };
    // 2. A file and folder without write permission. Root ignores
    // permissions, so this case only means something for other users.
    let perm = tempfile::tempdir().unwrap();
    let is_root = std::env::var("USER").is_ok_and(|u| u == "root")
        || Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0"));
    if !is_root {
        use std::os::unix::fs::PermissionsExt;
        let db = perm.path().join("accord.db");
        make(&db);
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
        std::fs::set_permissions(perm.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        cases.push(("chmod 444 file in a 555 folder", db));
    } else {
        skip(
            "read-only-permissions",
            "running as root, which ignores file permissions",
        );
    }

    let mut lines = Vec::new();
    for (what, db) in &cases {
        let before = file_bytes(db);
        // Every read command works.
        let (code, v) = verify_at(db, None);
        assert_eq!(code, 0, "{what}: verify: {v}");
        let n = v["events"].as_u64().unwrap();
        run(db, &["log"]).expect(0);
        run(db, &["--json", "log"]).expect(0);
        run(db, &["head"]).expect(0);
        assert_eq!(export(db).lines().count() as u64, n);
        // Appending is refused cleanly, with or without --read-only.
        let r = run(db, &["append", one_file.to_str().unwrap()]).expect(1);
        assert!(r.stderr.contains("read-only"), "{what}: {}", r.stderr);
        assert!(
            !r.stderr.contains("not an accord log"),
            "{what}: {}",
            r.stderr
        );
        let r = run(db, &["--read-only", "append", one_file.to_str().unwrap()]).expect(1);
        assert!(r.stderr.contains("read-only"), "{what}: {}", r.stderr);
        assert_eq!(file_bytes(db), before, "{what}: the file changed");
        lines.push(format!("{what}: verify/log/head/export ok ({n} events); append refused (exit 1); bytes unchanged"));
    }
    if let Some(p) = cases
        .iter()
        .find(|(w, _)| w.starts_with("chmod"))
        .map(|(_, p)| p.clone())
    {
        use std::os::unix::fs::PermissionsExt;
        let _ =
            std::fs::set_permissions(p.parent().unwrap(), std::fs::Permissions::from_mode(0o755));
    }
    report("iofault-read-only", &lines.join("\n"));
}

use std::process::Command;

/// Waits until another process holds the log's write lock.
fn wait_for_write_lock(db: &std::path::Path) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let c = rusqlite::Connection::open(db).unwrap();
        c.busy_timeout(Duration::ZERO).unwrap();
        match c.execute_batch("BEGIN IMMEDIATE; ROLLBACK;") {
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => return,
            _ => {}
        }
        assert!(
            Instant::now() < deadline,
            "the append never took the write lock"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[derive(Clone, Copy, Debug)]
enum Fault {
    Deleted,
    Replaced,
    MovedAway,
}

/// Starts an append of a batch large enough to take seconds, waits until
/// it holds the write lock (it is then between its first insert and its
/// commit), and does `fault` to the file while it works.
fn fault_mid_append(fault: Fault) -> String {
    let dir = Directory::new(3, 2);
    let mut rng = Rng::new(seed(11));
    let log = Log::init();
    log.append(&dir.events());
    let original = export(&log.db);
    let other = Log::init();
    other.append(&dir.events()[..5]);
    let other_export = export(&other.db);
    let other_bytes = std::fs::read(&other.db).unwrap();

    // ~16,000 events: seconds of work in a debug build, against a lock
    // polled every 5 ms.
    let lines = batch(&mut rng, &dir, "mid", 400);
    let file = log.path("mid.jsonl");
    write_lines(&file, &lines);
    let child = accord(&log.db)
        .arg("append")
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_write_lock(&log.db);
    let moved = log.path("moved-away.db");
    match fault {
        Fault::Deleted => std::fs::remove_file(&log.db).unwrap(),
        Fault::Replaced => std::fs::rename(&other.db, &log.db).unwrap(),
        Fault::MovedAway => std::fs::rename(&log.db, &moved).unwrap(),
    }
    let r = Run::from_output(child.wait_with_output().unwrap()).expect(1);
    assert!(
        r.stderr
            .contains("was deleted or replaced while accord had it open"),
        "{fault:?}: {}",
        r.stderr
    );
    assert!(
        !r.stdout.contains("appended"),
        "{fault:?}: reported an append: {}",
        r.stdout
    );
    match fault {
        Fault::Deleted => {
            let v = run(&log.db, &["verify"]).expect(1);
            assert!(v.stderr.contains("there is no accord log"), "{}", v.stderr);
            "deleted mid-append: exit 1 \"deleted or replaced\", nothing reported appended".into()
        }
        Fault::Replaced => {
            // The file now at the path is the other log, untouched: no
            // frame of the failed append was replayed onto it.
            assert_eq!(std::fs::read(&log.db).unwrap(), other_bytes);
            let (code, v) = verify_at(&log.db, None);
            assert_eq!(code, 0, "the replacement was damaged: {v}");
            assert_eq!(export(&log.db), other_export);
            // ... and it takes appends again.
            log.append(&dir.events()[5..8]);
            let (code, v) = verify_at(&log.db, None);
            assert_eq!(code, 0, "{v}");
            "replaced mid-append: exit 1, the replacement byte-identical, verifies, appendable"
                .into()
        }
        Fault::MovedAway => {
            let (code, v) = verify_at(&moved, None);
            assert_eq!(code, 0, "{v}");
            assert_eq!(export(&moved), original, "the moved log changed");
            "moved away mid-append: exit 1, the moved file holds exactly the log before the batch"
                .into()
        }
    }
}

#[test]
fn a_log_deleted_replaced_or_moved_mid_append_is_refused_and_left_intact() {
    let lines: Vec<String> = [Fault::Deleted, Fault::Replaced, Fault::MovedAway]
        .into_iter()
        .map(fault_mid_append)
        .collect();
    report("iofault-moved", &lines.join("\n"));
}
