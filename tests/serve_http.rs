//! `accord serve` over real HTTP: the built binary serving the built-in
//! example on a free loopback port (it prints the address it bound first),
//! asked with a tiny HTTP/1.1 client over `std::net::TcpStream`.
//!
//! Every route answers on the example; `/api/…` gives byte for byte what
//! the command's `--json` gives; bad dates, unknown ids and bad query
//! strings are 400/404 pages that say what was wrong; only GET and HEAD are
//! served; off loopback the access token is required; text from the log is
//! escaped; an event appended while the server runs shows on the next
//! request.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The clock the example is recorded with and the server reads with.
const NOW: &str = "2010-12-31T12:00:00Z";
/// A token long enough for the server to accept it.
const TOKEN: &str = "s3cret-token-0123456789";

fn accord(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_accord"));
    c.env_remove("ACCORD_DB")
        .env_remove("ACCORD_SERVE_TOKEN")
        .env("ACCORD_NOW", NOW)
        .env("ACCORD_USER", "secretariat")
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(db);
    c
}

/// The example log in a temporary folder.
struct Log {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

impl Log {
    fn example() -> Log {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("accord.db");
        let out = accord(&db)
            .args(["init", "--example", "cambodia"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        Log { _dir: dir, db }
    }

    /// stdout of a command that must succeed.
    fn run(&self, args: &[&str]) -> Vec<u8> {
        let out = accord(&self.db).args(args).output().unwrap();
        assert!(out.status.success(), "accord {args:?}: {out:?}");
        out.stdout
    }

    /// Appends JSON Lines with `accord append`.
    fn append(&self, lines: &str) {
        let mut child = accord(&self.db)
            .arg("append")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(lines.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success());
    }

    fn serve(&self, listen: &str, token: Option<&str>) -> Server {
        let mut c = accord(&self.db);
        c.args(["serve", "--listen", listen])
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(t) = token {
            c.env("ACCORD_SERVE_TOKEN", t);
        }
        let mut child = c.spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .and_then(|a| a.strip_suffix('/'))
            .unwrap_or_else(|| panic!("the first line names the address: {line:?}"));
        // Off loopback the server listens on every address; ask it on loopback.
        let port = addr.rsplit(':').next().unwrap();
        Server {
            child,
            addr: format!("127.0.0.1:{port}"),
        }
    }
}

/// A running server, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Server {
    /// One request on its own connection.
    fn ask(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Answer {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.addr
        );
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        if method != "GET" && method != "HEAD" {
            req.push_str("Content-Length: 0\r\n");
        }
        req.push_str("\r\n");
        s.write_all(req.as_bytes()).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8(raw).expect("answers are UTF-8");
        let (head, body) = raw.split_once("\r\n\r\n").expect("a head and a body");
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        Answer {
            status,
            headers,
            body: body.to_owned(),
        }
    }

    fn get(&self, path: &str) -> Answer {
        self.ask("GET", path, &[])
    }
}

/// Every page of the example, with its status.
const ROUTES: &[&str] = &[
    "/",
    "/?as_of=2009-09-11",
    "/partnerships/twg-health",
    "/partnerships/twg-health?as_of=2009-09-11",
    "/partnerships/twg-health?as_of=2009-12-31&known_at=2010-01-15",
    "/partnerships/twg-health/history",
    "/partnerships/twg-health/history?words=1",
    "/partnerships/twg-health/diff",
    "/partnerships/twg-health/diff?from=2009-09-08&to=2009-09-11",
    "/agreements/pp-health",
    "/agreements/pp-health?words=1",
    "/stages/1",
    "/stages/2",
    "/stages/4",
    "/stages/3?lang=km,en",
    "/log",
    "/log?page=2",
    "/log?partnership=twg-health&type=agreement.endorsed",
    "/verify",
];

#[test]
fn every_route_answers_on_the_example_with_the_security_headers() {
    let log = Log::example();
    let server = log.serve("127.0.0.1:0", None);
    for route in ROUTES {
        let a = server.get(route);
        assert_eq!(a.status, 200, "{route}: {}", a.body);
        assert_eq!(
            a.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{route}"
        );
        assert!(a.body.starts_with("<!DOCTYPE html>"), "{route}");
        let csp = a.header("content-security-policy").unwrap();
        assert!(csp.starts_with("default-src 'none'"), "{route}: {csp}");
        assert_eq!(a.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(a.header("referrer-policy"), Some("no-referrer"));
        // Nothing is fetched from elsewhere: no scripts, no external links.
        assert!(!a.body.contains("<script"), "{route}");
        // (The SVG namespace is a name, not a link.)
        let body = a.body.replace(r#"xmlns="http://www.w3.org/2000/svg""#, "");
        assert!(
            !body.contains("http://") && !body.contains("https://"),
            "{route}"
        );
    }
    // The partnership page links to its agreements, history and events.
    let p = server.get("/partnerships/twg-health").body;
    for link in [
        r#"href="/agreements/pp-health""#,
        r#"href="/partnerships/twg-health/history""#,
        r#"href="/log?partnership=twg-health""#,
    ] {
        assert!(p.contains(link), "{link}");
    }
    // The as-of form is a GET form whose date is in the address.
    assert!(p.contains(r#"<form class="when" method="get" action="/partnerships/twg-health">"#));
    assert!(p.contains(r#"name="as_of" value="2010-12-31""#));
    // HEAD is GET without the body.
    let head = server.ask("HEAD", "/", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
}

#[test]
fn api_routes_give_exactly_what_the_commands_json_gives() {
    let log = Log::example();
    let server = log.serve("127.0.0.1:0", None);
    let same = |path: &str, args: &[&str]| {
        let a = server.get(path);
        assert_eq!(a.status, 200, "{path}: {}", a.body);
        let cli = String::from_utf8(log.run(args)).unwrap();
        assert_eq!(a.body, cli, "{path} and accord {args:?}");
        a
    };
    let a = same("/api", &["status", "--json"]);
    assert_eq!(a.header("content-type"), Some("application/json"));
    same(
        "/api/partnerships/twg-health?as_of=2009-09-11",
        &["show", "twg-health", "--as-of", "2009-09-11", "--json"],
    );
    same(
        "/api/partnerships/twg-health/history",
        &["history", "twg-health", "--json"],
    );
    same(
        "/api/partnerships/twg-health/diff?from=2009-09-08&to=2009-09-11",
        &[
            "diff",
            "twg-health",
            "--from",
            "2009-09-08",
            "--to",
            "2009-09-11",
            "--json",
        ],
    );
    same(
        "/api/agreements/pp-health",
        &["audit", "pp-health", "--json"],
    );
    same("/api/stages/2", &["snapshot", "--stage", "2", "--json"]);
    same("/api/verify", &["verify", "--json"]);
    let l = same("/api/log?per_page=20", &["log", "--json", "--limit", "20"]);
    assert_eq!(l.header("content-type"), Some("application/x-ndjson"));
    same(
        "/api/log?partnership=twg-health&type=agreement.endorsed&per_page=500",
        &[
            "log",
            "--json",
            "--partnership",
            "twg-health",
            "--type",
            "agreement.endorsed",
        ],
    );
    // The stage page is the HTML report itself.
    same(
        "/stages/2",
        &["snapshot", "--stage", "2", "--format", "html"],
    );
    // Accept: application/json on a page route gives its JSON.
    let a = server.ask(
        "GET",
        "/partnerships/twg-health",
        &[("Accept", "application/json")],
    );
    let cli = String::from_utf8(log.run(&["show", "twg-health", "--json"])).unwrap();
    assert_eq!(a.body, cli);
}

/// The status and body of a request that must fail.
fn refused(server: &Server, path: &str) -> (u16, String) {
    let a = server.get(path);
    (a.status, a.body)
}

#[test]
fn bad_dates_unknown_ids_and_bad_queries_say_what_was_wrong() {
    let log = Log::example();
    let server = log.serve("127.0.0.1:0", None);
    let cases: &[(&str, u16, &str)] = &[
        ("/partnerships/twg-health?as_of=2009-13-01", 400, "as_of"),
        ("/partnerships/twg-health?as_of=yesterday", 400, "as_of"),
        ("/partnerships/twg-health?known_at=soon", 400, "known_at"),
        (
            "/partnerships/twg-helth",
            404,
            "did you mean &quot;twg-health&quot;",
        ),
        (
            "/partnerships/twg-health?as_of=2001-01-01",
            404,
            "was not established",
        ),
        (
            "/partnerships/twg-health/history?as_of=2009-02-30",
            400,
            "as_of",
        ),
        ("/partnerships/nope/history", 404, "no partnership"),
        (
            "/partnerships/twg-health/diff?from=2010-01-01&to=2009-01-01",
            400,
            "after",
        ),
        ("/partnerships/twg-health/diff?from=someday", 400, "from"),
        (
            "/agreements/pp-helth",
            404,
            "did you mean &quot;pp-health&quot;",
        ),
        ("/stages/9", 404, "stage 9"),
        ("/stages/zero", 400, "not a stage number"),
        ("/stages/0", 400, "not a stage number"),
        ("/stages/3?lang=fr", 400, "unknown language"),
        ("/log?type=agreement.endorse", 400, "did you mean"),
        ("/log?partnership=twg-helth", 404, "did you mean"),
        ("/log?page=0", 400, "page"),
        ("/log?page=9999", 404, "no page 9999"),
        ("/log?per_page=100000", 400, "per_page"),
        ("/partnerships/twg-health?asof=2009-09-11", 400, "asof"),
        (
            "/partnerships/twg-health?as_of=2009-09-11&as_of=2009-09-12",
            400,
            "more than once",
        ),
        ("/partnerships/twg-health?as_of=%FF", 400, "UTF-8"),
        ("/verify?head=12", 400, "not a head"),
        ("/no/such/page", 404, "no page"),
    ];
    for (path, status, says) in cases {
        let (got, body) = refused(&server, path);
        assert_eq!(got, *status, "{path}: {body}");
        assert!(
            body.to_lowercase().contains(&says.to_lowercase()),
            "{path} should say {says:?}: {body}"
        );
        assert!(!body.contains("panicked"), "{path}");
    }
    // The JSON twin says the same as data.
    let a = server.get("/api/partnerships/twg-helth");
    assert_eq!(a.status, 404);
    let v: serde_json::Value = serde_json::from_str(&a.body).unwrap();
    assert!(v["error"].as_str().unwrap().contains("twg-helth"));
    assert!(v["hint"].as_str().unwrap().contains("twg-health"));
}

#[test]
fn every_method_but_get_and_head_is_refused() {
    let log = Log::example();
    let server = log.serve("127.0.0.1:0", None);
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        for path in ["/", "/log", "/api/partnerships/twg-health", "/nowhere"] {
            let a = server.ask(method, path, &[]);
            assert_eq!(a.status, 405, "{method} {path}");
            assert_eq!(a.header("allow"), Some("GET, HEAD"));
        }
    }
}

#[test]
fn off_loopback_the_access_token_is_required() {
    let log = Log::example();
    // Without a token, listening beyond loopback is refused outright.
    let out = accord(&log.db)
        .args(["serve", "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs an access token"));
    // A short token is refused too.
    let out = accord(&log.db)
        .args(["serve", "--listen", "0.0.0.0:0"])
        .env("ACCORD_SERVE_TOKEN", "short")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));

    let server = log.serve("0.0.0.0:0", Some(TOKEN));
    let a = server.get("/");
    assert_eq!(a.status, 401);
    assert!(a.header("www-authenticate").is_some());
    assert!(a.body.contains("access token"));
    assert_eq!(server.get("/api/verify").status, 401);
    let wrong = format!("Bearer {}x", TOKEN);
    assert_eq!(
        server.ask("GET", "/", &[("Authorization", &wrong)]).status,
        401
    );
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(
        server.ask("GET", "/", &[("Authorization", &bearer)]).status,
        200
    );
    // A browser gives it once in the address: a redirect without it sets the cookie.
    let a = server.get(&format!(
        "/partnerships/twg-health?as_of=2009-09-11&token={TOKEN}"
    ));
    assert_eq!(a.status, 303);
    assert_eq!(
        a.header("location"),
        Some("/partnerships/twg-health?as_of=2009-09-11")
    );
    let cookie = a.header("set-cookie").unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let pair = cookie.split(';').next().unwrap();
    assert_eq!(server.ask("GET", "/log", &[("Cookie", pair)]).status, 200);
    assert_eq!(server.get("/?token=not-the-token").status, 401);
    // A wrong method with the token is still refused.
    assert_eq!(
        server
            .ask("POST", "/", &[("Authorization", &bearer)])
            .status,
        405
    );
}

#[test]
fn text_from_the_log_is_escaped_and_appends_show_on_the_next_request() {
    let log = Log::example();
    let server = log.serve("127.0.0.1:0", None);
    let before = server.get("/partnerships/twg-health");
    assert!(!before.body.contains("xss-health"));
    // Asked again with the log unchanged: the same page (kept, byte for byte).
    assert_eq!(server.get("/partnerships/twg-health").body, before.body);
    // Recorded by another process while the server runs.
    log.append(
        r#"{"type":"agreement.proposed","occurred_at":"2010-12-01","data":{"agreement":"xss-health","partnership":"twg-health","kind":"principles","title":"<script>alert('x')</script> & \"quotes\"","text":"<img src=x onerror=alert(1)>","proposed_by":"chair-health"}}
"#,
    );
    let after = server.get("/partnerships/twg-health");
    assert_eq!(after.status, 200);
    assert!(after.body.contains(r#"href="/agreements/xss-health""#));
    assert!(
        after
            .body
            .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
    );
    let page = server.get("/agreements/xss-health");
    assert_eq!(page.status, 200);
    for body in [&after.body, &page.body] {
        assert!(!body.contains("<script"), "{body}");
        assert!(!body.contains("<img"), "{body}");
    }
    assert!(page.body.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // The events page and the JSON show it too, newest first.
    let events = server.get("/log");
    assert!(events.body.contains("xss-health"));
    let newest = server.get("/api/log?per_page=1");
    assert!(newest.body.contains("\"xss-health\""));
}

#[test]
fn verify_reads_the_chain_every_time_even_when_the_head_is_unchanged() {
    let log = Log::example();
    let server = log.serve("127.0.0.1:0", None);
    let before = server.get("/api/verify");
    assert!(before.body.contains("\"ok\":true"), "{}", before.body);
    // An edit behind accord's back that leaves the head as it was: a page
    // kept for that head must not hide it from the proof.
    let c = rusqlite::Connection::open(&log.db).unwrap();
    c.execute_batch(
        "DROP TRIGGER IF EXISTS events_refuse_update;
         UPDATE events SET data = replace(data, 'equals', 'EQUALS') WHERE seq = 10;
         UPDATE events SET recorded_by = 'mallory' WHERE seq = 12;",
    )
    .unwrap();
    drop(c);
    let after = server.get("/api/verify");
    assert!(after.body.contains("\"ok\":false"), "{}", after.body);
    let page = server.get("/verify");
    assert!(page.body.contains("ALTERED"), "{}", page.body);
}

#[test]
fn a_stage_page_takes_the_report_language() {
    let log = Log::example();
    let server = log.serve("127.0.0.1:0", None);
    let english = server.get("/stages/3");
    let both = server.get("/stages/3?lang=km,en");
    assert_eq!(both.status, 200, "{}", both.body);
    assert!(both.body.contains(r#"lang="km""#), "no Khmer page");
    assert!(!english.body.contains(r#"lang="km""#));
    let cli = String::from_utf8(log.run(&[
        "snapshot", "--stage", "3", "--format", "html", "--lang", "km,en",
    ]))
    .unwrap();
    assert_eq!(
        both.body, cli,
        "the page is `snapshot --format html --lang km,en`"
    );
}
