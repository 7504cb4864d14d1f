//! Signed endorsements and witnessed heads (issue 14), checked against real
//! OpenSSH: `ssh-keygen` makes the keys, signs statements accord prints and
//! verifies signatures accord made, with nothing of accord's in between.
//! Every bad input is refused with exit 1 (append) or 3 (verify) and leaves
//! the log unchanged.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use accord_events::StoredEvent;
use common::{Log, Run, run};
use serde_json::json;

/// The events every test starts from: a programme, two sides, three people,
/// one partnership and one agreement (version 1).
fn base() -> Vec<String> {
    let e = |id: &str, t: &str, on: &str, data: serde_json::Value| {
        json!({"id": id, "type": t, "occurred_at": on, "data": data}).to_string()
    };
    vec![
        e(
            "b1",
            "programme.defined",
            "2010-01-01",
            json!({"name": "Signing test programme", "objective": "Prove who agreed what."}),
        ),
        e(
            "b2",
            "organisation.registered",
            "2010-01-01",
            json!({"org": "moh", "name": "Ministry of Health", "side": "government"}),
        ),
        e(
            "b3",
            "organisation.registered",
            "2010-01-01",
            json!({"org": "who", "name": "WHO", "side": "development_partner"}),
        ),
        e(
            "b4",
            "person.registered",
            "2010-01-01",
            json!({"person": "alice", "name": "Alice", "org": "moh"}),
        ),
        e(
            "b5",
            "person.registered",
            "2010-01-01",
            json!({"person": "bob", "name": "Bob", "org": "who"}),
        ),
        e(
            "b6",
            "person.registered",
            "2010-01-01",
            json!({"person": "carol", "name": "Carol", "org": "moh"}),
        ),
        e(
            "b7",
            "partnership.established",
            "2010-01-01",
            json!({"partnership": "p1", "name": "TWG One"}),
        ),
        e(
            "b8",
            "partner.joined",
            "2010-01-01",
            json!({"partnership": "p1", "org": "moh", "role": "chair"}),
        ),
        e(
            "b9",
            "partner.joined",
            "2010-01-01",
            json!({"partnership": "p1", "org": "who", "role": "member"}),
        ),
        e(
            "b11",
            "stage.planned",
            "2010-01-01",
            json!({"stage": 1, "name": "One", "starts_on": "2010-01-01", "ends_on": "2010-12-31"}),
        ),
        e(
            "b10",
            "agreement.proposed",
            "2010-01-02",
            json!({"agreement": "a1", "partnership": "p1", "kind": "principles", "title": "Principles", "text": "We meet monthly.\nWe share agendas.", "proposed_by": "alice"}),
        ),
    ]
}

fn ssh_keygen(args: &[&str]) -> Run {
    Run::from_output(
        Command::new("ssh-keygen")
            .args(args)
            .output()
            .expect("ssh-keygen is installed (.ci/run installs openssh-client)"),
    )
}

/// A fresh Ed25519 key pair made by OpenSSH: the private key's path.
fn keygen(dir: &Path, name: &str) -> PathBuf {
    let key = dir.join(name);
    ssh_keygen(&[
        "-q",
        "-t",
        "ed25519",
        "-N",
        "",
        "-C",
        name,
        "-f",
        key.to_str().unwrap(),
    ])
    .expect(0);
    key
}

fn pub_of(key: &Path) -> String {
    format!("{}.pub", key.display())
}

/// `ssh-keygen -Y sign` of `file` in `namespace`: the signature's path.
fn ssh_sign(key: &Path, namespace: &str, file: &Path) -> PathBuf {
    ssh_keygen(&[
        "-Y",
        "sign",
        "-f",
        key.to_str().unwrap(),
        "-n",
        namespace,
        file.to_str().unwrap(),
    ])
    .expect(0);
    PathBuf::from(format!("{}.sig", file.display()))
}

/// A log with the base events, alice and bob holding keys from 2010-01-01.
struct Fixture {
    log: Log,
    alice: PathBuf,
    bob: PathBuf,
}

fn fixture() -> Fixture {
    let log = Log::init();
    log.append(&base());
    let alice = keygen(log.dir.path(), "alice_key");
    let bob = keygen(log.dir.path(), "bob_key");
    for (who, key) in [("alice", &alice), ("bob", &bob)] {
        run(
            &log.db,
            &[
                "person",
                "key",
                "add",
                who,
                "--key",
                &pub_of(key),
                "--date",
                "2010-01-01",
            ],
        )
        .expect(0);
    }
    Fixture { log, alice, bob }
}

impl Fixture {
    fn db(&self) -> &Path {
        &self.log.db
    }

    /// `accord agreement statement` written to a file.
    fn statement(&self, by: &str, date: &str, name: &str) -> PathBuf {
        let r = run(
            self.db(),
            &["agreement", "statement", "a1", "--by", by, "--date", date],
        )
        .expect(0);
        let path = self.log.path(name);
        std::fs::write(&path, r.stdout).unwrap();
        path
    }

    /// `endorse --signature FILE`.
    fn endorse_with(&self, by: &str, date: &str, sig: &Path) -> Run {
        run(
            self.db(),
            &[
                "agreement",
                "endorse",
                "a1",
                "--by",
                by,
                "--date",
                date,
                "--signature",
                sig.to_str().unwrap(),
            ],
        )
    }

    /// Asserts a refusal: exit 1, the message names `what`, and nothing was recorded.
    #[track_caller]
    fn refused(&self, r: Run, what: &str) {
        let before = self.log.head();
        let r = r.expect(1);
        assert!(
            r.stderr.contains(what),
            "expected {what:?} in:\n{}",
            r.stderr
        );
        assert_eq!(self.log.head(), before, "the log changed");
    }
}

#[test]
fn the_statement_names_programme_agreement_version_text_person_and_date() {
    let f = fixture();
    let r = run(
        f.db(),
        &[
            "agreement",
            "statement",
            "a1",
            "--by",
            "alice",
            "--date",
            "2010-01-05",
        ],
    )
    .expect(0);
    insta::assert_snapshot!(r.stdout, @r"
    accord endorsement statement v1
    programme: Signing test programme
    agreement: a1
    version: 1
    title: Principles
    text-sha256: 126d6aca7b037078682e82308f51d8953b4df7d0d6a02ee812acfed1068fe8f3
    person: alice
    date: 2010-01-05

    I, alice, endorse version 1 of agreement a1, whose text has the SHA-256 above, on 2010-01-05.
    ");
}

#[test]
fn an_openssh_signature_is_accepted_and_accords_own_verifies_with_openssh() {
    let f = fixture();
    // alice signs elsewhere with OpenSSH.
    let st = f.statement("alice", "2010-01-05", "alice.txt");
    let sig = ssh_sign(&f.alice, "accord-endorsement", &st);
    let r = f.endorse_with("alice", "2010-01-05", &sig).expect(0);
    assert!(r.stdout.contains("(signed)"), "{}", r.stdout);
    // bob lets accord sign.
    run(
        f.db(),
        &[
            "agreement",
            "endorse",
            "a1",
            "--by",
            "bob",
            "--date",
            "2010-01-06",
            "--sign",
            f.bob.to_str().unwrap(),
        ],
    )
    .expect(0);
    // carol endorses unsigned (allowed while signatures are not required).
    run(
        f.db(),
        &[
            "agreement",
            "endorse",
            "a1",
            "--by",
            "carol",
            "--date",
            "2010-01-06",
        ],
    )
    .expect(0);

    // An auditor checks bob's endorsement with OpenSSH alone.
    let allowed = f.log.path("allowed_signers");
    std::fs::write(&allowed, run(f.db(), &["signers"]).expect(0).stdout).unwrap();
    let statement = run(f.db(), &["audit", "a1", "--by", "bob", "--statement"])
        .expect(0)
        .stdout;
    let signature = run(f.db(), &["audit", "a1", "--by", "bob", "--signature"])
        .expect(0)
        .stdout;
    let (st, sig) = (f.log.path("bob.txt"), f.log.path("bob.txt.sig"));
    std::fs::write(&st, &statement).unwrap();
    std::fs::write(&sig, &signature).unwrap();
    let out = Command::new("ssh-keygen")
        .args([
            "-Y",
            "verify",
            "-f",
            allowed.to_str().unwrap(),
            "-I",
            "bob",
            "-n",
            "accord-endorsement",
            "-s",
            sig.to_str().unwrap(),
        ])
        .stdin(std::fs::File::open(&st).unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "ssh-keygen -Y verify refused accord's signature: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // ...and it does not verify as alice's.
    let out = Command::new("ssh-keygen")
        .args([
            "-Y",
            "verify",
            "-f",
            allowed.to_str().unwrap(),
            "-I",
            "alice",
            "-n",
            "accord-endorsement",
            "-s",
            sig.to_str().unwrap(),
        ])
        .stdin(std::fs::File::open(&st).unwrap())
        .output()
        .unwrap();
    assert!(!out.status.success());

    // audit --json: signature null or {fingerprint, verified}.
    let a = run(f.db(), &["--json", "audit", "a1"]).expect(0).json();
    let e = &a["versions"][0]["endorsements"];
    assert_eq!(e[0]["person"], "alice");
    assert!(
        e[0]["signature"]["fingerprint"]
            .as_str()
            .unwrap()
            .starts_with("SHA256:")
    );
    assert_eq!(e[0]["signature"]["verified"], true);
    assert_eq!(e[1]["signature"]["verified"], true);
    assert_eq!(e[2]["person"], "carol");
    assert!(e[2]["signature"].is_null());
    let text = run(f.db(), &["audit", "a1"]).expect(0).stdout;
    assert!(
        text.contains("(verified)") && text.contains("unsigned"),
        "{text}"
    );

    // verify re-checks both signatures.
    let (code, v) = f.log.verify(None);
    assert_eq!(
        (code, v["signatures_checked"].as_u64()),
        (0, Some(2)),
        "{v}"
    );

    // The snapshot counts them.
    let s = run(f.db(), &["snapshot", "--stage", "1", "--format", "json"])
        .expect(0)
        .json();
    assert_eq!(s["totals"]["endorsements_signed"], 2);
    assert_eq!(s["totals"]["endorsements_unsigned"], 1);
    assert_eq!(s["partnerships"][0]["endorsements_signed"], 2);
}

#[test]
fn every_bad_key_and_signature_is_refused_and_nothing_recorded() {
    let f = fixture();
    let dir = f.log.dir.path();

    // Keys: malformed, not Ed25519, another person's.
    let junk = dir.join("junk.pub");
    std::fs::write(&junk, "ssh-ed25519 AAAAnot-a-key\n").unwrap();
    f.refused(
        run(
            f.db(),
            &[
                "person",
                "key",
                "add",
                "carol",
                "--key",
                junk.to_str().unwrap(),
            ],
        ),
        "cannot be read",
    );
    let ecdsa = dir.join("ecdsa_key");
    ssh_keygen(&["-q", "-t", "ecdsa", "-N", "", "-f", ecdsa.to_str().unwrap()]).expect(0);
    f.refused(
        run(
            f.db(),
            &["person", "key", "add", "carol", "--key", &pub_of(&ecdsa)],
        ),
        "ecdsa-sha2-nistp256 keys are not accepted: use an Ed25519 key (ssh-keygen -t ed25519)",
    );
    f.refused(
        run(
            f.db(),
            &["person", "key", "add", "carol", "--key", &pub_of(&f.alice)],
        ),
        "is registered to \"alice\"; a key belongs to one person",
    );

    let st = f.statement("alice", "2010-01-05", "alice.txt");
    // A malformed signature.
    let bad = dir.join("bad.sig");
    std::fs::write(
        &bad,
        "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n",
    )
    .unwrap();
    f.refused(
        f.endorse_with("alice", "2010-01-05", &bad),
        "the signature cannot be read",
    );
    // A signature over another statement (another date).
    let other = f.statement("alice", "2010-01-04", "other.txt");
    let sig = ssh_sign(&f.alice, "accord-endorsement", &other);
    f.refused(
        f.endorse_with("alice", "2010-01-05", &sig),
        "does not verify over the statement",
    );
    // By another person's key.
    let st_bob = dir.join("bob-signs-alice.txt");
    std::fs::copy(&st, &st_bob).unwrap();
    let sig = ssh_sign(&f.bob, "accord-endorsement", &st_bob);
    f.refused(
        f.endorse_with("alice", "2010-01-05", &sig),
        "a key of \"bob\", not of \"alice\"",
    );
    // In another namespace.
    let st_git = dir.join("git.txt");
    std::fs::copy(&st, &st_git).unwrap();
    let sig = ssh_sign(&f.alice, "git", &st_git);
    f.refused(
        f.endorse_with("alice", "2010-01-05", &sig),
        "namespace \"git\", not \"accord-endorsement\"",
    );
    // For another log: the same agreement in another programme.
    let other_log = Log::init();
    let mut lines = base();
    lines[0] = lines[0].replace("Signing test programme", "Another programme");
    other_log.append(&lines);
    let r = run(
        &other_log.db,
        &[
            "agreement",
            "statement",
            "a1",
            "--by",
            "alice",
            "--date",
            "2010-01-05",
        ],
    )
    .expect(0);
    let st_other = dir.join("other-log.txt");
    std::fs::write(&st_other, r.stdout).unwrap();
    let sig = ssh_sign(&f.alice, "accord-endorsement", &st_other);
    f.refused(
        f.endorse_with("alice", "2010-01-05", &sig),
        "does not verify over the statement",
    );
    // By a key not registered at all.
    let stranger = keygen(dir, "stranger");
    let st_s = dir.join("stranger.txt");
    std::fs::copy(&st, &st_s).unwrap();
    let sig = ssh_sign(&stranger, "accord-endorsement", &st_s);
    f.refused(
        f.endorse_with("alice", "2010-01-05", &sig),
        "is not registered to anyone",
    );
    // By a revoked key: revoked on the 3rd, the endorsement is dated the 5th.
    let fp = run(f.db(), &["--json", "signers"]).expect(0).json()[0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_owned();
    run(
        f.db(),
        &[
            "person",
            "key",
            "revoke",
            "alice",
            "--fingerprint",
            &fp,
            "--reason",
            "Laptop lost",
            "--date",
            "2010-01-03",
        ],
    )
    .expect(0);
    let sig = ssh_sign(&f.alice, "accord-endorsement", &st);
    f.refused(
        f.endorse_with("alice", "2010-01-05", &sig),
        "was revoked on 2010-01-03",
    );
    // ...while it still signs for the day it was revoked.
    let on_the_day = f.statement("alice", "2010-01-03", "day.txt");
    let sig = ssh_sign(&f.alice, "accord-endorsement", &on_the_day);
    f.endorse_with("alice", "2010-01-03", &sig).expect(0);
    // signers gives the revoked key a valid-before of the day after.
    let signers = run(f.db(), &["signers"]).expect(0).stdout;
    assert!(signers.contains("valid-before=\"20100104Z\""), "{signers}");
    // A revoked key is not revoked twice, and a fingerprint must be one.
    f.refused(
        run(
            f.db(),
            &[
                "person",
                "key",
                "revoke",
                "alice",
                "--fingerprint",
                &fp,
                "--reason",
                "again",
            ],
        ),
        "already revoked",
    );
}

#[test]
fn once_signatures_are_required_an_unsigned_endorsement_is_refused() {
    let f = fixture();
    run(
        f.db(),
        &[
            "programme",
            "require-signatures",
            "--date",
            "2010-01-03",
            "--reason",
            "Steering decision",
        ],
    )
    .expect(0);
    f.refused(
        run(
            f.db(),
            &[
                "agreement",
                "endorse",
                "a1",
                "--by",
                "carol",
                "--date",
                "2010-01-05",
            ],
        ),
        "must be signed",
    );
    // Back-dated before the requirement, an unsigned endorsement is still recorded.
    run(
        f.db(),
        &[
            "agreement",
            "endorse",
            "a1",
            "--by",
            "carol",
            "--date",
            "2010-01-02",
        ],
    )
    .expect(0);
    run(
        f.db(),
        &[
            "agreement",
            "endorse",
            "a1",
            "--by",
            "bob",
            "--date",
            "2010-01-05",
            "--sign",
            f.bob.to_str().unwrap(),
        ],
    )
    .expect(0);
}

/// Recomputes every hash from `from` on, as someone holding the file would.
fn rechain(events: &mut [StoredEvent]) {
    let mut prev = [0u8; 32];
    for e in events.iter_mut() {
        e.prev_hash = prev;
        e.hash = e.compute_hash();
        prev = e.hash;
    }
}

#[test]
fn verify_catches_an_edited_signature_even_with_the_chain_recomputed() {
    let f = fixture();
    let st = f.statement("alice", "2010-01-05", "alice.txt");
    let sig = ssh_sign(&f.alice, "accord-endorsement", &st);
    f.endorse_with("alice", "2010-01-05", &sig).expect(0);
    run(
        f.db(),
        &[
            "agreement",
            "endorse",
            "a1",
            "--by",
            "bob",
            "--date",
            "2010-01-06",
            "--sign",
            f.bob.to_str().unwrap(),
        ],
    )
    .expect(0);
    let export = run(f.db(), &["export"]).expect(0).stdout;
    let events: Vec<StoredEvent> = export
        .lines()
        .map(|l| StoredEvent::from_json_line(l).unwrap())
        .collect();
    let seq_of = |by: &str| {
        events
            .iter()
            .find(|e| {
                e.kind == "agreement.endorsed" && e.data.contains(&format!("\"by\":\"{by}\""))
            })
            .unwrap()
            .seq
    };
    let (alice_seq, bob_seq) = (seq_of("alice"), seq_of("bob"));
    let write = |events: &[StoredEvent], name: &str| {
        let p = f.log.path(name);
        let text: String = events.iter().map(|e| e.to_json_line() + "\n").collect();
        std::fs::write(&p, text).unwrap();
        p
    };
    let intact = write(&events, "intact.jsonl");
    let r = run(
        f.db(),
        &["--json", "verify", "--file", intact.to_str().unwrap()],
    )
    .expect(0);
    assert_eq!(r.json()["signatures_checked"], 2);

    let mut cases: Vec<(&str, Vec<StoredEvent>, u64)> = Vec::new();
    // bob's signature moved onto alice's endorsement.
    let mut swapped = events.clone();
    let bob_sig = {
        let v: serde_json::Value =
            serde_json::from_str(&swapped[bob_seq as usize - 1].data).unwrap();
        v["signature"].clone()
    };
    let mut v: serde_json::Value =
        serde_json::from_str(&swapped[alice_seq as usize - 1].data).unwrap();
    v["signature"] = bob_sig;
    swapped[alice_seq as usize - 1].data = v.to_string();
    cases.push(("swapped signature", swapped, alice_seq));
    // The endorsement re-dated: the signature covers another date.
    let mut redated = events.clone();
    redated[bob_seq as usize - 1].occurred_at = "2010-01-07".into();
    cases.push(("endorsement re-dated", redated, bob_seq));
    // The agreement's text edited after it was signed.
    let mut retexted = events.clone();
    let i = retexted
        .iter()
        .position(|e| e.kind == "agreement.proposed")
        .unwrap();
    retexted[i].data = retexted[i].data.replace("monthly", "yearly");
    cases.push(("agreement text edited", retexted, alice_seq));
    // One character of the signature itself.
    let mut flipped = events.clone();
    let d = &mut flipped[bob_seq as usize - 1].data;
    let at = d.find("-----\\n").unwrap() + 20;
    let c = if &d[at..at + 1] == "A" { "B" } else { "A" };
    d.replace_range(at..at + 1, c);
    cases.push(("signature byte edited", flipped, bob_seq));

    for (what, mut edited, seq) in cases {
        rechain(&mut edited);
        let p = write(&edited, "edited.jsonl");
        let r = run(f.db(), &["--json", "verify", "--file", p.to_str().unwrap()]);
        assert_eq!(r.code, Some(3), "{what}: {}", r.stdout);
        let v = r.json();
        assert_eq!(v["first_bad_seq"], seq, "{what}: {v}");
        // Restored into a database (the chain is intact), verify still finds it.
        let db = f.log.path(&format!("restored-{seq}-{}.db", what.len()));
        if run(&db, &["restore", p.to_str().unwrap()]).code == Some(0) {
            let (code, v) = common::verify_at(&db, None);
            assert_eq!(
                (code, v["first_bad_seq"].as_u64()),
                (3, Some(seq)),
                "{what}: {v}"
            );
        }
    }
}

#[test]
fn witnessed_heads_pass_and_fail_on_rollback_fork_edit_unlisted_signer_and_quorum() {
    let f = fixture();
    let dir = f.log.dir.path();
    let witness = |key: &Path, name: &str| {
        let out = dir.join(name);
        run(
            f.db(),
            &[
                "head",
                "--sign",
                key.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
        )
        .expect(0);
        out
    };
    let w_moh = witness(&f.alice, "w-moh.sig");
    let w_who = witness(&f.bob, "w-who.sig");
    // The auditor's own file: the partners' keys, for accord-head.
    let allowed = dir.join("partners");
    let line = |who: &str, key: &Path| {
        format!(
            "{who} namespaces=\"accord-head\" {}",
            std::fs::read_to_string(pub_of(key)).unwrap()
        )
    };
    std::fs::write(&allowed, line("moh", &f.alice) + &line("who", &f.bob)).unwrap();
    let verify = |db: &Path, files: &[&Path], allowed: &Path, quorum: &str| {
        let mut args = vec![
            "--json",
            "verify",
            "--allowed-signers",
            allowed.to_str().unwrap(),
            "--quorum",
            quorum,
            "--witness",
        ];
        args.extend(files.iter().map(|p| p.to_str().unwrap()));
        run(db, &args)
    };
    let r = verify(f.db(), &[&w_moh, &w_who], &allowed, "2").expect(0);
    assert_eq!(r.json()["quorum"]["signers"], 2);

    // OpenSSH checks a witness too: the first four lines are the signed message.
    let text = std::fs::read_to_string(&w_moh).unwrap();
    let (msg, sig) = text.split_at(text.find("-----BEGIN").unwrap());
    std::fs::write(dir.join("msg"), msg).unwrap();
    std::fs::write(dir.join("msg.sig"), sig).unwrap();
    let out = Command::new("ssh-keygen")
        .args([
            "-Y",
            "verify",
            "-f",
            allowed.to_str().unwrap(),
            "-I",
            "moh",
            "-n",
            "accord-head",
            "-s",
            dir.join("msg.sig").to_str().unwrap(),
        ])
        .stdin(std::fs::File::open(dir.join("msg")).unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The log grows: it still extends both heads.
    run(
        f.db(),
        &[
            "agreement",
            "endorse",
            "a1",
            "--by",
            "carol",
            "--date",
            "2010-01-06",
        ],
    )
    .expect(0);
    verify(f.db(), &[&w_moh, &w_who], &allowed, "2").expect(0);

    // Quorum not met: one distinct signer of two.
    let v = verify(f.db(), &[&w_moh], &allowed, "2").expect(3).json();
    assert_eq!(v["quorum"]["met"], false);
    // The same key twice is one signer.
    let w_moh2 = witness(&f.alice, "w-moh-2.sig");
    verify(f.db(), &[&w_moh, &w_moh2], &allowed, "2").expect(3);

    // A witness file edited by one byte.
    let edited = dir.join("w-edited.sig");
    std::fs::write(&edited, text.replacen("seq: ", "seq: 1", 1)).unwrap();
    let v = verify(f.db(), &[&edited], &allowed, "1").expect(3).json();
    assert!(
        v["witnesses"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("does not verify"),
        "{v}"
    );

    // A signer the allowed-signers file does not list.
    let only_moh = dir.join("only-moh");
    std::fs::write(&only_moh, line("moh", &f.alice)).unwrap();
    let v = verify(f.db(), &[&w_who], &only_moh, "1").expect(3).json();
    assert!(
        v["witnesses"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("does not list"),
        "{v}"
    );

    // Rolled back: the log cut before the witnessed seq (an export of the
    // first events, restored).
    let export = run(f.db(), &["export"]).expect(0).stdout;
    let lines: Vec<&str> = export.lines().collect();
    let short = dir.join("short.jsonl");
    std::fs::write(&short, lines[..lines.len() - 3].join("\n") + "\n").unwrap();
    let v = run(
        f.db(),
        &[
            "--json",
            "verify",
            "--file",
            short.to_str().unwrap(),
            "--allowed-signers",
            allowed.to_str().unwrap(),
            "--witness",
            w_moh.to_str().unwrap(),
        ],
    )
    .expect(3)
    .json();
    assert!(
        v["witnesses"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("rolled back"),
        "{v}"
    );

    // Forked: an event before the head rewritten, the chain recomputed.
    let mut events: Vec<StoredEvent> = lines
        .iter()
        .map(|l| StoredEvent::from_json_line(l).unwrap())
        .collect();
    events[5].recorded_by = "someone-else".into();
    rechain(&mut events);
    let forked = dir.join("forked.jsonl");
    std::fs::write(
        &forked,
        events
            .iter()
            .map(|e| e.to_json_line() + "\n")
            .collect::<String>(),
    )
    .unwrap();
    let v = run(
        f.db(),
        &[
            "--json",
            "verify",
            "--file",
            forked.to_str().unwrap(),
            "--allowed-signers",
            allowed.to_str().unwrap(),
            "--witness",
            w_moh.to_str().unwrap(),
        ],
    )
    .expect(3)
    .json();
    assert!(
        v["witnesses"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("forked"),
        "{v}"
    );

    // Another log entirely.
    // (Its first event differs: with the pinned clock, the same event 1 at
    // the same microsecond would be the same log as far as hashes can tell.)
    let other = Log::init();
    let mut lines = base();
    lines[0] = lines[0].replace("Signing test programme", "Another programme");
    other.append(&lines);
    let v = verify(&other.db, &[&w_moh], &allowed, "1").expect(3).json();
    assert!(
        v["witnesses"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("another log"),
        "{v}"
    );
}
