//! Where a log lives: an SQLite file, or a PostgreSQL database named by a
//! `postgres://` URL. A URL's password never leaves this module in clear:
//! [`Location::display`], `Debug` and every error show it as `***`.

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where a log lives.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL database.
    Postgres(PgUrl),
}

impl Location {
    /// `postgres://…` or `postgresql://…` is a PostgreSQL database; anything
    /// else is the path of an SQLite file.
    pub fn parse(s: impl AsRef<OsStr>) -> Location {
        let s = s.as_ref();
        match s.to_str() {
            Some(t) if PgUrl::is_url(t) => Location::Postgres(PgUrl::new(t)),
            _ => Location::Sqlite(PathBuf::from(s)),
        }
    }

    /// Something to print: the path, or the URL with its password hidden.
    pub fn display(&self) -> impl fmt::Display + '_ {
        Shown(self)
    }

    /// The SQLite file, if this is one.
    pub fn sqlite_path(&self) -> Option<&Path> {
        match self {
            Location::Sqlite(p) => Some(p),
            Location::Postgres(_) => None,
        }
    }

    /// The location as a path, for errors that carry one (a URL is redacted).
    pub fn as_error_path(&self) -> PathBuf {
        match self {
            Location::Sqlite(p) => p.clone(),
            Location::Postgres(u) => PathBuf::from(u.redacted()),
        }
    }
}

impl From<&Path> for Location {
    fn from(p: &Path) -> Location {
        Location::Sqlite(p.to_owned())
    }
}

struct Shown<'a>(&'a Location);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Location::Sqlite(p) => write!(f, "{}", p.display()),
            Location::Postgres(u) => f.write_str(u.redacted()),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Shown(self).fmt(f)
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(p) => f.debug_tuple("Sqlite").field(p).finish(),
            Location::Postgres(u) => f.debug_tuple("Postgres").field(u).finish(),
        }
    }
}

/// A PostgreSQL connection URL. The full text (with any password) is only
/// handed to the client library; everything else sees [`PgUrl::redacted`].
#[derive(Clone, PartialEq, Eq)]
pub struct PgUrl {
    secret: String,
    redacted: String,
    passwords: Vec<String>,
}

impl fmt::Debug for PgUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted)
    }
}

impl fmt::Display for PgUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted)
    }
}

impl PgUrl {
    /// True for `postgres://` and `postgresql://` URLs.
    pub fn is_url(s: &str) -> bool {
        let lower = s.get(..13).unwrap_or(s).to_ascii_lowercase();
        lower.starts_with("postgres://") || lower.starts_with("postgresql://")
    }

    /// Wraps a URL, working out its redacted form.
    pub fn new(url: &str) -> PgUrl {
        let (redacted, passwords) = redact(url);
        PgUrl {
            secret: url.to_owned(),
            redacted,
            passwords,
        }
    }

    /// The URL with any password replaced by `***`.
    pub fn redacted(&self) -> &str {
        &self.redacted
    }

    /// The URL as given, password and all: for the client library only.
    pub(crate) fn secret(&self) -> &str {
        &self.secret
    }

    /// `message` with any occurrence of the password replaced by `***`
    /// (for error texts from the client library, which should not contain
    /// it, but are not trusted not to).
    pub fn scrub(&self, message: &str) -> String {
        let mut out = message.to_owned();
        for p in &self.passwords {
            if p.len() >= 3 {
                out = out.replace(p.as_str(), "***");
            }
        }
        out
    }
}

/// Replaces the password in `scheme://user:password@host…` and any
/// `password=` query parameter; returns the redacted URL and the passwords
/// found (as written and percent-decoded).
fn redact(url: &str) -> (String, Vec<String>) {
    let mut passwords = Vec::new();
    let Some(scheme_end) = url.find("://") else {
        return (url.to_owned(), passwords);
    };
    let (scheme, rest) = url.split_at(scheme_end + 3);
    let (before_query, query) = match rest.find('?') {
        Some(q) => (&rest[..q], Some(&rest[q + 1..])),
        None => (rest, None),
    };
    // The user info ends at the last '@' before the query (a password with
    // an unescaped '@' or '/' is still hidden whole).
    let mut out = String::from(scheme);
    match before_query.rfind('@') {
        Some(at) => {
            let userinfo = &before_query[..at];
            match userinfo.find(':') {
                Some(colon) => {
                    let pw = &userinfo[colon + 1..];
                    note_password(&mut passwords, pw);
                    out.push_str(&userinfo[..colon]);
                    out.push_str(":***");
                }
                None => out.push_str(userinfo),
            }
            out.push_str(&before_query[at..]);
        }
        None => out.push_str(before_query),
    }
    if let Some(q) = query {
        out.push('?');
        let params: Vec<String> = q
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, v)) if k.eq_ignore_ascii_case("password") => {
                    note_password(&mut passwords, v);
                    format!("{k}=***")
                }
                _ => kv.to_owned(),
            })
            .collect();
        out.push_str(&params.join("&"));
    }
    (out, passwords)
}

fn note_password(passwords: &mut Vec<String>, pw: &str) {
    if pw.is_empty() {
        return;
    }
    passwords.push(pw.to_owned());
    let decoded = percent_decode(pw);
    if decoded != pw {
        passwords.push(decoded);
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or("zz"), 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_postgres_and_the_rest_are_files() {
        assert!(matches!(
            Location::parse("postgres://h/db"),
            Location::Postgres(_)
        ));
        assert!(matches!(
            Location::parse("PostgreSQL://h/db"),
            Location::Postgres(_)
        ));
        assert!(matches!(Location::parse("accord.db"), Location::Sqlite(_)));
        assert!(matches!(
            Location::parse("./postgres:/x"),
            Location::Sqlite(_)
        ));
    }

    #[test]
    fn passwords_are_hidden() {
        let u = PgUrl::new("postgres://app:s3cr%40t@db.example:5432/accord?sslmode=require");
        assert_eq!(
            u.redacted(),
            "postgres://app:***@db.example:5432/accord?sslmode=require"
        );
        assert_eq!(u.scrub("bad s3cr@t and s3cr%40t"), "bad *** and ***");
        let u = PgUrl::new("postgresql://app@h/db?password=hunter22&application_name=x");
        assert_eq!(
            u.redacted(),
            "postgresql://app@h/db?password=***&application_name=x"
        );
        assert!(!format!("{u:?}").contains("hunter22"));
        let u = PgUrl::new("postgres://app:p@ss/word@h/db");
        assert_eq!(u.redacted(), "postgres://app:***@h/db");
        let l = Location::parse("postgres://a:topsecret@h/db");
        assert!(!l.display().to_string().contains("topsecret"));
        assert!(!format!("{l:?}").contains("topsecret"));
        assert!(
            !l.as_error_path()
                .display()
                .to_string()
                .contains("topsecret")
        );
    }
}
