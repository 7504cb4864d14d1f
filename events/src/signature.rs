//! Signed endorsements and witnessed heads, in OpenSSH's signature format
//! (SSHSIG, as `ssh-keygen -Y sign` and git's SSH signing write it) with
//! Ed25519 keys. The cryptography is RustCrypto's `ssh-key`; this module
//! only decides what is signed and which keys are accepted.
//!
//! Two things are signed:
//! - an endorsement [`Statement`], in namespace [`ENDORSEMENT_NAMESPACE`]:
//!   the exact text an endorser agrees to, built here and nowhere else, so
//!   the rules, `verify` and `accord agreement statement` cannot disagree;
//! - a [`SignedHead`] (the log's identity, a `seq` and its hash), in
//!   namespace [`HEAD_NAMESPACE`]: a witness's countersignature of the log
//!   as it stood after a meeting.
//!
//! docs/signatures.md describes both formats for an auditor with OpenSSH.

use chrono::NaiveDate;
use ssh_key::{Algorithm, HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

use crate::envelope::Hash;

/// The namespace every endorsement signature is made in.
pub const ENDORSEMENT_NAMESPACE: &str = "accord-endorsement";
/// The namespace every witnessed head is signed in.
pub const HEAD_NAMESPACE: &str = "accord-head";
/// The first line of an endorsement statement (its format and version).
pub const STATEMENT_HEADER: &str = "accord endorsement statement v1";
/// The first line of a witnessed-head file (its format and version).
pub const HEAD_HEADER: &str = "accord signed head v1";

/// What is wrong with a key or a signature.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The text is not an OpenSSH public key line.
    #[error(
        "the public key cannot be read ({0}); expected one line as in a .pub file: ssh-ed25519 AAAA... comment"
    )]
    MalformedKey(String),
    /// A key of another algorithm than Ed25519.
    #[error("{0} keys are not accepted: use an Ed25519 key (ssh-keygen -t ed25519)")]
    NotEd25519(String),
    /// The text is not an armored SSH signature.
    #[error(
        "the signature cannot be read ({0}); expected an armored SSH signature (-----BEGIN SSH SIGNATURE-----), as `ssh-keygen -Y sign` writes it"
    )]
    MalformedSignature(String),
    /// The signature was made for another purpose.
    #[error("the signature was made in namespace {found:?}, not {expected:?}")]
    WrongNamespace {
        /// The namespace in the signature.
        found: String,
        /// The namespace required here.
        expected: &'static str,
    },
    /// The signature does not verify over the message with its own key.
    #[error(
        "the signature does not verify over this text: it was made over other bytes, or edited"
    )]
    DoesNotVerify,
    /// The private key file cannot be read.
    #[error(
        "the private key cannot be read ({0}); expected an OpenSSH private key (-----BEGIN OPENSSH PRIVATE KEY-----)"
    )]
    MalformedPrivateKey(String),
    /// The passphrase did not decrypt the private key.
    #[error("the passphrase does not decrypt this key")]
    BadPassphrase,
    /// Signing failed inside the crypto library.
    #[error("signing failed: {0}")]
    Sign(String),
}

/// A public key accepted by accord: Ed25519, in OpenSSH form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningKey {
    key: PublicKey,
}

impl SigningKey {
    /// Reads one OpenSSH public key line (`ssh-ed25519 AAAA... comment`).
    /// Keys of other algorithms are refused by name.
    pub fn parse(line: &str) -> Result<SigningKey, SignatureError> {
        let line = line.trim();
        if line.contains('\n') {
            return Err(SignatureError::MalformedKey(
                "it holds more than one line".into(),
            ));
        }
        // Keys of other algorithms are refused by name, also those this
        // build cannot even parse (ECDSA, security keys).
        if let Some(alg) = line.split_whitespace().next()
            && alg != "ssh-ed25519"
            && (alg.starts_with("ssh-") || alg.starts_with("ecdsa-") || alg.starts_with("sk-"))
        {
            return Err(SignatureError::NotEd25519(alg.to_owned()));
        }
        let key = PublicKey::from_openssh(line)
            .map_err(|e| SignatureError::MalformedKey(e.to_string()))?;
        Self::from_public(key)
    }

    fn from_public(key: PublicKey) -> Result<SigningKey, SignatureError> {
        match key.algorithm() {
            Algorithm::Ed25519 => Ok(SigningKey { key }),
            other => Err(SignatureError::NotEd25519(other.as_str().to_owned())),
        }
    }

    /// Its `SHA256:` fingerprint, as `ssh-keygen -l` prints it.
    pub fn fingerprint(&self) -> String {
        self.key.fingerprint(HashAlg::Sha256).to_string()
    }

    /// The key as stored in the log and in allowed_signers: algorithm and
    /// base64, without the comment (a comment is not part of the key and
    /// may name a machine).
    pub fn openssh(&self) -> String {
        let mut k = self.key.clone();
        k.set_comment("");
        k.to_openssh()
            .expect("an Ed25519 key always encodes")
            .trim()
            .to_owned()
    }
}

/// A signature that verified: who made it, as a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The signing key's `SHA256:` fingerprint.
    pub fingerprint: String,
    /// The signing key.
    pub key: SigningKey,
}

/// Reads an armored signature and returns its key's fingerprint, without
/// verifying it (for display and for finding the key it claims).
pub fn signature_fingerprint(armored: &str) -> Result<String, SignatureError> {
    let sig = parse_signature(armored)?;
    Ok(SigningKey::from_public(PublicKey::new(sig.public_key().clone(), ""))?.fingerprint())
}

/// Reads an armored signature as stored: SSHSIG version 1 (as OpenSSH
/// requires), in its canonical armor (70-column base64, LF, as
/// `ssh-keygen -Y sign` writes it; the final newline may be left out). The
/// canonical form matters because the signature does not cover its own
/// envelope: a byte changed there (the version field, the wrapping) would
/// still verify, and `verify` must see every edit.
fn parse_signature(armored: &str) -> Result<SshSig, SignatureError> {
    let sig = SshSig::from_pem(armored.trim().as_bytes())
        .map_err(|e| SignatureError::MalformedSignature(e.to_string()))?;
    if sig.version() != 1 {
        return Err(SignatureError::MalformedSignature(format!(
            "SSHSIG version {} is not supported",
            sig.version()
        )));
    }
    let canonical = sig
        .to_pem(LineEnding::LF)
        .map_err(|e| SignatureError::MalformedSignature(e.to_string()))?;
    let body = |s: &str| s.strip_suffix('\n').unwrap_or(s).to_owned();
    if body(armored) != body(&canonical) {
        return Err(SignatureError::MalformedSignature(
            "it is not in the canonical armored form ssh-keygen writes (70-column lines, LF)"
                .into(),
        ));
    }
    Ok(sig)
}

/// The canonical armored form of a signature read leniently (other line
/// endings or wrapping, surrounding blank lines): what the CLI stores for
/// `--signature FILE`.
pub fn canonical_signature(armored: &str) -> Result<String, SignatureError> {
    let sig = SshSig::from_pem(armored.trim().replace("\r\n", "\n").as_bytes())
        .map_err(|e| SignatureError::MalformedSignature(e.to_string()))?;
    sig.to_pem(LineEnding::LF)
        .map_err(|e| SignatureError::MalformedSignature(e.to_string()))
}

/// Checks an armored SSHSIG signature over `message` in `namespace` with
/// the key it carries, which must be Ed25519. Which keys are trusted is the
/// caller's decision (the log's key events, or an auditor's allowed_signers).
pub fn verify_signature(
    armored: &str,
    namespace: &'static str,
    message: &[u8],
) -> Result<Verified, SignatureError> {
    let sig = parse_signature(armored)?;
    let key = SigningKey::from_public(PublicKey::new(sig.public_key().clone(), ""))?;
    if sig.namespace() != namespace {
        return Err(SignatureError::WrongNamespace {
            found: sig.namespace().to_owned(),
            expected: namespace,
        });
    }
    key.key
        .verify(namespace, message, &sig)
        .map_err(|_| SignatureError::DoesNotVerify)?;
    Ok(Verified {
        fingerprint: key.fingerprint(),
        key,
    })
}

/// An OpenSSH private key read from its file, perhaps still encrypted.
pub struct SecretKey {
    key: PrivateKey,
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretKey({})", self.key.fingerprint(HashAlg::Sha256))
    }
}

impl SecretKey {
    /// Reads an OpenSSH private key file's text. Only Ed25519 keys are accepted.
    pub fn parse(pem: &str) -> Result<SecretKey, SignatureError> {
        let key = PrivateKey::from_openssh(pem.trim().as_bytes())
            .map_err(|e| SignatureError::MalformedPrivateKey(e.to_string()))?;
        if key.algorithm() != Algorithm::Ed25519 {
            return Err(SignatureError::NotEd25519(
                key.algorithm().as_str().to_owned(),
            ));
        }
        Ok(SecretKey { key })
    }

    /// An Ed25519 key made from 32 seed bytes: the same seed, the same key.
    /// For generated logs and tests only; a real key comes from
    /// `ssh-keygen -t ed25519`.
    pub fn from_seed(seed: [u8; 32]) -> SecretKey {
        let pair = ssh_key::private::Ed25519Keypair::from_seed(&seed);
        let key = PrivateKey::new(pair.into(), "").expect("an Ed25519 key pair is a valid key");
        SecretKey { key }
    }

    /// The public half as an OpenSSH line (`ssh-ed25519 AAAA...`, no comment).
    pub fn public_line(&self) -> String {
        SigningKey {
            key: self.key.public_key().clone(),
        }
        .openssh()
    }

    /// True when the key needs its passphrase before it can sign.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_encrypted()
    }

    /// Decrypts an encrypted key with its passphrase.
    pub fn decrypt(&self, passphrase: &str) -> Result<SecretKey, SignatureError> {
        self.key
            .decrypt(passphrase)
            .map(|key| SecretKey { key })
            .map_err(|_| SignatureError::BadPassphrase)
    }

    /// The public half's fingerprint.
    pub fn fingerprint(&self) -> String {
        self.key.fingerprint(HashAlg::Sha256).to_string()
    }

    /// Signs `message` in `namespace`; the armored signature, LF line endings.
    /// Ed25519 signing is deterministic: the same key and message give the
    /// same signature.
    pub fn sign(&self, namespace: &str, message: &[u8]) -> Result<String, SignatureError> {
        let sig = self
            .key
            .sign(namespace, HashAlg::Sha512, message)
            .map_err(|e| SignatureError::Sign(e.to_string()))?;
        sig.to_pem(LineEnding::LF)
            .map_err(|e| SignatureError::Sign(e.to_string()))
    }
}

/// The log's identity: the hash of its first event. It names the log in
/// witnessed heads, so a signature made for one log never
/// verifies for another (two logs share it only if they share event 1,
/// recorded_at to the microsecond included).
pub fn log_identity(first_event_hash: &Hash) -> String {
    hex::encode(first_event_hash)
}

/// The exact text an endorser signs (version 1 of the format). Every field
/// is on its own line as `key: value`; titles and names cannot hold line
/// breaks (the catalogue refuses control characters in them), so the text
/// reads one way only. LF line endings, a final newline.
///
/// It names the programme but not the log: an endorsement is a statement
/// about a text, which stays true when the log is rebuilt from its events
/// (`accord init --example`, an import into a fresh log). Heads, which are
/// statements about one log, name the log ([`SignedHead`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// The programme's name, from its latest standing `programme.defined`
    /// (empty when none is recorded).
    pub programme: String,
    /// The agreement's id.
    pub agreement: String,
    /// The version endorsed.
    pub version: u32,
    /// The title that version carries.
    pub title: String,
    /// SHA-256 of that version's text (UTF-8, as recorded).
    pub text_sha256: Hash,
    /// The endorser's person id.
    pub person: String,
    /// The calendar date of the endorsement (`occurred_at`).
    pub date: NaiveDate,
}

impl Statement {
    /// The bytes signed.
    pub fn text(&self) -> String {
        format!(
            "{STATEMENT_HEADER}\n\
             programme: {programme}\n\
             agreement: {agreement}\n\
             version: {version}\n\
             title: {title}\n\
             text-sha256: {sha}\n\
             person: {person}\n\
             date: {date}\n\
             \n\
             I, {person}, endorse version {version} of agreement {agreement}, \
             whose text has the SHA-256 above, on {date}.\n",
            programme = self.programme,
            agreement = self.agreement,
            version = self.version,
            title = self.title,
            sha = hex::encode(self.text_sha256),
            person = self.person,
            date = self.date.format("%Y-%m-%d"),
        )
    }
}

/// SHA-256 of an agreement text, as statements and `audit` name it.
pub fn text_sha256(text: &str) -> Hash {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes()).into()
}

/// A witnessed head: the log's identity, a position and its hash, and the
/// witness's signature over the first four lines.
///
/// ```text
/// accord signed head v1
/// log: <hash of event 1>
/// seq: <n>
/// hash: <hash of event n>
/// -----BEGIN SSH SIGNATURE-----
/// ...
/// -----END SSH SIGNATURE-----
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedHead {
    /// The log's identity.
    pub log: Hash,
    /// The position witnessed.
    pub seq: u64,
    /// The hash of the event at `seq`.
    pub hash: Hash,
    /// The armored SSHSIG signature over [`SignedHead::message`].
    pub signature: String,
}

impl SignedHead {
    /// The signed bytes: the header and the three fields, LF line endings.
    pub fn message(log: &Hash, seq: u64, hash: &Hash) -> String {
        format!(
            "{HEAD_HEADER}\nlog: {}\nseq: {seq}\nhash: {}\n",
            log_identity(log),
            hex::encode(hash)
        )
    }

    /// Signs a head with `key`.
    pub fn sign(
        key: &SecretKey,
        log: Hash,
        seq: u64,
        hash: Hash,
    ) -> Result<SignedHead, SignatureError> {
        let signature = key.sign(HEAD_NAMESPACE, Self::message(&log, seq, &hash).as_bytes())?;
        Ok(SignedHead {
            log,
            seq,
            hash,
            signature,
        })
    }

    /// The file's text: the signed message, then the armored signature.
    pub fn to_file(&self) -> String {
        let mut s = Self::message(&self.log, self.seq, &self.hash);
        s.push_str(self.signature.trim_end());
        s.push('\n');
        s
    }

    /// Reads a witnessed-head file. Any byte outside the expected layout is
    /// an error, so an edited file is never read as another head.
    pub fn parse(text: &str) -> Result<SignedHead, String> {
        let mut lines = text.split_inclusive('\n');
        let mut next = |what: &str| {
            lines
                .next()
                .map(|l| l.strip_suffix('\n').unwrap_or(l))
                .ok_or_else(|| format!("it ends before its {what} line"))
        };
        if next("first")? != HEAD_HEADER {
            return Err(format!("its first line is not {HEAD_HEADER:?}"));
        }
        let field = |line: &str, key: &str| -> Result<String, String> {
            line.strip_prefix(key)
                .and_then(|r| r.strip_prefix(": "))
                .map(str::to_owned)
                .ok_or_else(|| format!("expected a \"{key}: ...\" line, found {line:?}"))
        };
        let hash_of = |s: &str, what: &str| {
            crate::envelope::parse_hash(s)
                .ok_or_else(|| format!("{what} {s:?} is not 64 hex digits"))
        };
        let log = hash_of(&field(next("log")?, "log")?, "the log identity")?;
        let seq_text = field(next("seq")?, "seq")?;
        let seq: u64 = seq_text
            .parse()
            .ok()
            .filter(|n: &u64| *n > 0 && n.to_string() == seq_text)
            .ok_or_else(|| format!("seq {seq_text:?} is not a position in a log"))?;
        let hash = hash_of(&field(next("hash")?, "hash")?, "the hash")?;
        let signature: String = lines.collect();
        if !signature.starts_with("-----BEGIN SSH SIGNATURE-----\n")
            || !signature.ends_with("-----END SSH SIGNATURE-----\n")
        {
            return Err("the signature after the hash line is not an armored SSH signature".into());
        }
        let head = SignedHead {
            log,
            seq,
            hash,
            signature,
        };
        if head.to_file() != text {
            return Err("it is not laid out as `accord head --sign` writes it".into());
        }
        Ok(head)
    }

    /// Checks the signature (not who made it: that is the allowed-signers
    /// file's question) and returns the signing key.
    pub fn verify(&self) -> Result<Verified, SignatureError> {
        verify_signature(
            &self.signature,
            HEAD_NAMESPACE,
            Self::message(&self.log, self.seq, &self.hash).as_bytes(),
        )
    }
}

/// One line of an OpenSSH allowed_signers file, as an auditor keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllowedSigner {
    /// The principals (comma-separated in the file).
    pub principals: Vec<String>,
    /// `namespaces="..."`, when restricted.
    pub namespaces: Option<Vec<String>>,
    /// The key's fingerprint.
    pub fingerprint: String,
    /// `valid-after=`: the first day the key may be used.
    pub valid_after: Option<NaiveDate>,
    /// `valid-before=`: the key may be used only before this day.
    pub valid_before: Option<NaiveDate>,
}

impl AllowedSigner {
    /// True when the line lets the key sign in `namespace` on `day`.
    pub fn allows(&self, namespace: &str, day: NaiveDate) -> bool {
        self.namespaces
            .as_ref()
            .is_none_or(|n| n.iter().any(|x| x == namespace))
            && self.valid_after.is_none_or(|d| d <= day)
            && self.valid_before.is_none_or(|d| day < d)
    }
}

/// Reads an allowed_signers timestamp (`YYYYMMDD[Z]` or
/// `YYYYMMDDHHMM[SS][Z]`) to its day; accord's dates are days.
fn signer_day(value: &str) -> Option<NaiveDate> {
    let digits = value.trim_end_matches(['Z', 'z']);
    if !(digits.len() == 8 || digits.len() == 12 || digits.len() == 14)
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    NaiveDate::parse_from_str(&digits[..8], "%Y%m%d").ok()
}

/// Reads an allowed_signers file (`ssh-keygen(1)` ALLOWED SIGNERS): one
/// `principals [options] keytype base64 [comment]` per line, `#` comments.
/// `namespaces=`, `valid-after=` and `valid-before=` are read (dates to the
/// day); other options (cert-authority) are refused rather than ignored, so
/// a file never means less to accord than to OpenSSH.
pub fn parse_allowed_signers(text: &str) -> Result<Vec<AllowedSigner>, String> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |m: String| format!("line {}: {m}", i + 1);
        let (principals, rest) = line
            .split_once(char::is_whitespace)
            .ok_or_else(|| at("expected principals, then a key".into()))?;
        let mut rest = rest.trim_start();
        let mut namespaces = None;
        let (mut valid_after, mut valid_before) = (None, None);
        // Options come before the key type; the key type starts with
        // "ssh-" or "ecdsa-" or "sk-".
        while !rest.starts_with("ssh-") && !rest.starts_with("ecdsa-") && !rest.starts_with("sk-") {
            let (opt, after) = split_option(rest).map_err(&at)?;
            match opt.split_once('=') {
                Some((name, value)) if name.eq_ignore_ascii_case("namespaces") => {
                    let v = value.trim_matches('"');
                    namespaces = Some(v.split(',').map(str::to_owned).collect());
                }
                Some((name, value))
                    if name.eq_ignore_ascii_case("valid-after")
                        || name.eq_ignore_ascii_case("valid-before") =>
                {
                    let day = signer_day(value.trim_matches('"'))
                        .ok_or_else(|| at(format!("{value} is not a timestamp (YYYYMMDD[Z])")))?;
                    if name.eq_ignore_ascii_case("valid-after") {
                        valid_after = Some(day);
                    } else {
                        valid_before = Some(day);
                    }
                }
                _ => {
                    return Err(at(format!(
                        "the option {opt:?} is not supported by accord (only namespaces=, valid-after=, valid-before=)"
                    )));
                }
            }
            rest = after.trim_start();
        }
        let key = SigningKey::parse(rest).map_err(|e| at(e.to_string()))?;
        out.push(AllowedSigner {
            principals: principals.split(',').map(str::to_owned).collect(),
            namespaces,
            fingerprint: key.fingerprint(),
            valid_after,
            valid_before,
        });
    }
    Ok(out)
}

/// Splits the first option (`name="a,b"` or `name`) off `s`.
fn split_option(s: &str) -> Result<(&str, &str), String> {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' | ' ' | '\t' if !quoted => {
                let rest = &s[i + 1..];
                return Ok((&s[..i], rest.trim_start_matches(',')));
            }
            _ => {}
        }
    }
    Err(format!("{s:?} has no key after its options"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// From ssh-key's documentation: an Ed25519 key and its signature of
    /// "testing" in namespace "example".
    const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILM+rvN+ot98qgEN796jTiQfZfG1KaT0PtFDJ/XFSqti user@example.com";

    #[test]
    fn rsa_keys_are_refused_by_name() {
        let rsa = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC0WRHtxuxefSJhpIxGq4ibGFgwYnESPm8C3JFM88A1JJLoprenklrd7VJ+VH3Ov/bQwZwLyRU5dRmfR/SWTtIPWs7tToJVayKKDB+/qoXmM5ui/0CU2U4rCdQ6PdaCJdC7yFgpPL8WexjWN06+eSIKYz1AAXbx9rRv1iasslK/KUqtsqzVliagI6jl7FPO2GhRZMcso6LsZGgSxuYf/Lp0D/FcBU8GkeOo1Sx5xEt8H8bJcErtCe4Blb8JxcW6EXO3sReb4z+zcR07gumPgFITZ6hDA8sSNuvo/AlWg0IKTeZSwHHVknWdQqDJ0uczE837caBxyTZllDNIGkBjCIIOFzuTT76HfYc/7CTTGk07uaNkUFXKN79xDiFOX8JQ1ZZMZvGOTwWjuT9CqgdTvQRORbRWwOYv3MH8re9ykw3Ip6lrPifY7s6hOaAKry/nkGPMt40m1TdiW98MTIpooE7W+WXu96ax2l2OJvxX8QR7l+LFlKnkIEEJd/ItF1G22UmOjkVwNASTwza/hlY+8DoVvEmwum/nMgH2TwQT3bTQzF9s9DOJkH4d8p4Mw4gEDjNx0EgUFA91ysCAeUMQQyIvuR8HXXa+VcvhOOO5mmBcVhxJ3qUOJTyDBsT0932Zb4mNtkxdigoVxu+iiwk0vwtvKwGVDYdyMP5EAQeEIP1t0w== user@example.com";
        assert_eq!(
            SigningKey::parse(rsa).unwrap_err().to_string(),
            "ssh-rsa keys are not accepted: use an Ed25519 key (ssh-keygen -t ed25519)"
        );
    }

    #[test]
    fn fingerprint_is_openssh_sha256_and_comment_is_dropped() {
        let k = SigningKey::parse(KEY).unwrap();
        assert!(
            k.fingerprint().starts_with("SHA256:"),
            "{}",
            k.fingerprint()
        );
        assert!(!k.openssh().contains("user@"));
        assert_eq!(
            SigningKey::parse(&k.openssh()).unwrap().fingerprint(),
            k.fingerprint()
        );
    }

    #[test]
    fn garbage_is_a_malformed_key() {
        assert!(matches!(
            SigningKey::parse("ssh-ed25519 not-base64"),
            Err(SignatureError::MalformedKey(_))
        ));
    }

    #[test]
    fn statement_is_versioned_and_ends_with_a_newline() {
        let s = Statement {
            programme: "P".into(),
            agreement: "a".into(),
            version: 2,
            title: "T".into(),
            text_sha256: text_sha256("x"),
            person: "p".into(),
            date: NaiveDate::from_ymd_opt(2009, 9, 11).unwrap(),
        };
        let t = s.text();
        assert!(t.starts_with("accord endorsement statement v1\nprogramme: P\n"));
        assert!(t.contains("\nversion: 2\n") && t.contains("\ndate: 2009-09-11\n"));
        assert!(t.ends_with(".\n") && !t.contains('\r'));
    }

    #[test]
    fn allowed_signers_reads_namespaces_and_refuses_other_options() {
        let file = format!("# auditors\nalice,bob namespaces=\"accord-head\" {KEY}\n");
        let s = parse_allowed_signers(&file).unwrap();
        assert_eq!(s[0].principals, ["alice", "bob"]);
        assert_eq!(
            s[0].namespaces.as_deref(),
            Some(&["accord-head".to_owned()][..])
        );
        let bad = format!("alice cert-authority {KEY}\n");
        assert!(
            parse_allowed_signers(&bad)
                .unwrap_err()
                .contains("cert-authority")
        );
    }
}
