//! `accord snapshot` and `accord demo` end to end: the three formats on the
//! built-in example (insta snapshots, with the clock pinned), byte-identical
//! output, `--known-at` reproducing an earlier report after a back-dated
//! entry, escaping of text from the log, and the demo folder.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

mod support;
use support::{NOW, TestLog as Log};

#[test]
fn markdown_of_the_example() {
    let log = Log::example();
    insta::assert_snapshot!("stage_2_md", log.run(&["snapshot", "--stage", "2"]));
    insta::assert_snapshot!(
        "stage_4_md",
        log.run(&["snapshot", "--stage", "4", "--format", "md"])
    );
}

#[test]
fn html_of_the_example() {
    let log = Log::example();
    let html = log.run(&["snapshot", "--stage", "3", "--format", "html"]);
    insta::assert_snapshot!("stage_3_html", html);
}

#[test]
fn json_of_the_example() {
    let log = Log::example();
    let out = log.run(&["snapshot", "--stage", "4", "--format", "json"]);
    // The bytes as printed: keys in the report's order.
    let _: Value = serde_json::from_str(&out).unwrap();
    insta::assert_snapshot!("stage_4_json", out);
    // The global --json flag means --format json.
    assert_eq!(log.run(&["snapshot", "--stage", "4", "--json"]), out);
}

#[test]
fn json_has_the_spec_keys_with_nulls_not_omissions() {
    let log = Log::example();
    let v = log.json(&["snapshot", "--stage", "2", "--json"]);
    assert_eq!(v["stage"], 2);
    assert_eq!(v["as_of"], "2009-09-11", "as of the stage's completion");
    let ps = v["partnerships"].as_array().unwrap();
    assert_eq!(ps.len(), 19);
    for p in ps {
        for k in [
            "partnership",
            "agreements_adopted",
            "latest_scores",
            "commitments",
            "overdue_commitments",
            "review_overdue",
        ] {
            assert!(p.get(k).is_some(), "missing {k} in {p}");
        }
        let c = p["commitments"].as_object().unwrap();
        let keys: Vec<&str> = c.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "behind_schedule",
                "completed",
                "dropped",
                "on_schedule",
                "open"
            ]
        );
        // Stage 2 has no previous scores: null, not missing.
        assert!(p.get("previous_scores").is_some());
    }
    // Partnerships in the order they were established (seq order).
    assert_eq!(ps[0]["partnership"], "twg-agriculture-water");
    assert_eq!(ps[18]["partnership"], "twg-ph");
    let health = ps
        .iter()
        .find(|p| p["partnership"] == "twg-health")
        .unwrap();
    assert_eq!(health["agreements_adopted"], 2);
    assert_eq!(health["latest_scores"]["shared_goal"], 3.4);
    assert_eq!(health["review_overdue"], false);
    assert_eq!(health["previous_scores"], Value::Null);
    let t = &v["totals"];
    assert_eq!(t["partnerships"], 19);
    assert_eq!(t["agreements_adopted"], 38);
    assert_eq!(t["commitments"]["open"], 26);
    assert_eq!(t["overdue_commitments"], 0);
    assert!(v["head"]["hash"].as_str().unwrap().len() == 64);

    // Stage 4: the overdue commitments of the example, named.
    let v = log.json(&["snapshot", "--stage", "4", "--json"]);
    assert_eq!(v["as_of"], "2010-08-31");
    let mut overdue: Vec<String> = v["partnerships"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["overdue_commitments"].as_array().unwrap().clone())
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    overdue.sort();
    assert_eq!(
        overdue,
        [
            "c-dd-2",
            "c-fisheries-1",
            "c-infrastructure-1",
            "c-land-1",
            "c-land-2",
            "c-pfm-2",
            "c-rwssh-1"
        ]
    );
    assert_eq!(v["totals"]["overdue_commitments"], 7);
    // Score change since the end of stage 3, from the same projections.
    let ph = v["partnerships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["partnership"] == "twg-ph")
        .unwrap();
    let now = ph["latest_scores"]["review_revision"].as_f64().unwrap();
    let then = ph["previous_scores"]["review_revision"].as_f64().unwrap();
    assert_eq!(
        ph["score_changes"]["review_revision"].as_f64().unwrap(),
        now - then
    );
}

#[test]
fn the_same_log_gives_the_same_bytes() {
    let a = Log::example();
    let b = Log::example();
    for format in ["md", "html", "json"] {
        let args = ["snapshot", "--stage", "4", "--format", format];
        let first = a.run(&args);
        assert_eq!(first, a.run(&args), "{format}: twice from one log");
        assert_eq!(first, b.run(&args), "{format}: from an identical log");
        // Reading later does not change a completed stage's report.
        assert_eq!(
            first,
            a.run_at("2011-06-01T08:00:00Z", &args),
            "{format}: read on another day"
        );
    }
}

#[test]
fn out_writes_the_file() {
    let log = Log::example();
    let path = log.dir().join("stage2.html");
    let out = log
        .at(
            NOW,
            &[
                "snapshot",
                "--stage",
                "2",
                "--format",
                "html",
                "--out",
                path.to_str().unwrap(),
            ],
        )
        .assert()
        .success();
    assert!(out.get_output().stdout.is_empty());
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("stage2.html"), "{stderr}");
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        written,
        log.run(&["snapshot", "--stage", "2", "--format", "html"])
    );
}

/// The example's first 506 events: everything that occurred up to
/// 10 December 2009, in the middle of stage 3.
fn example_until_10_december_2009() -> String {
    let all = include_str!("../src/example/cambodia.jsonl");
    let lines: Vec<&str> = all.lines().take(506).collect();
    assert!(lines[505].contains("\"cam-0506\""));
    lines.join("\n") + "\n"
}

const BACK_DATED: &str = r#"{"id":"late-1","type":"finding.recorded","occurred_at":"2009-11-15","source":"typed in from notes in February","data":{"finding":"f-land-late","partnership":"twg-land","origin":"meeting","swot":"threat","theme":"roles","text":"Land's secretariat has been without a head since October."}}
{"id":"late-2","type":"meeting.held","occurred_at":"2009-11-20","data":{"meeting":"twg-land-2009-11","kind":"partnership_meeting","title":"TWG on Land meeting, 20 November 2009","partnerships":["twg-land"],"attendees":["chair-land","lead-land"]}}
"#;

#[test]
fn known_at_reproduces_the_report_printed_before_a_back_dated_entry() {
    const THEN: &str = "2009-12-10T18:00:00Z";
    const LATER: &str = "2010-03-01T09:00:00Z";
    let log = Log::empty();
    log.at(THEN, &["init"]).assert().success();
    log.append_at(THEN, &example_until_10_december_2009())
        .success();
    // Stage 3 is running: its snapshot is as of today.
    let formats = ["md", "html", "json"];
    let printed: Vec<String> = formats
        .iter()
        .map(|f| log.run_at(THEN, &["snapshot", "--stage", "3", "--format", f]))
        .collect();
    assert!(printed[0].contains("10 Dec 2009"), "{}", printed[0]);
    // The completed stage 2, as of a date.
    let stage_2 = log.run_at(THEN, &["snapshot", "--stage", "2", "--as-of", "2009-12-01"]);

    // Later, entries back-dated into stage 3 are recorded.
    log.append_at(LATER, BACK_DATED).success();
    let now = log.run_at(
        LATER,
        &[
            "snapshot",
            "--stage",
            "3",
            "--as-of",
            "2009-12-10",
            "--format",
            "md",
        ],
    );
    assert_ne!(now, printed[0], "the back-dated entries change the report");
    assert!(now.contains("without a head"));

    for (f, before) in formats.iter().zip(&printed) {
        let again = log.run_at(
            LATER,
            &[
                "snapshot",
                "--stage",
                "3",
                "--known-at",
                THEN,
                "--format",
                f,
            ],
        );
        assert_eq!(&again, before, "{f}: --known-at reproduces the report");
    }
    let again = log.run_at(
        LATER,
        &[
            "snapshot",
            "--stage",
            "2",
            "--as-of",
            "2009-12-01",
            "--known-at",
            THEN,
        ],
    );
    assert_eq!(again, stage_2);
}

const INJECTION: &str = r#"{"type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"gov","name":"Ministry <b>of</b> Things","side":"government"}}
{"type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"dp","name":"Agency & \"Partners\"","side":"development_partner"}}
{"type":"person.registered","occurred_at":"2009-06-01","data":{"person":"g","name":"G","org":"gov"}}
{"type":"person.registered","occurred_at":"2009-06-01","data":{"person":"d","name":"D","org":"dp"}}
{"type":"programme.defined","occurred_at":"2009-06-01","data":{"name":"<img src=x onerror=alert(2)>","objective":"</style><script>alert(3)</script>","commissioned_by":"gov"}}
{"type":"stage.planned","occurred_at":"2009-06-01","data":{"stage":1,"name":"<script>alert(4)</script>","starts_on":"2009-06-01","ends_on":"2009-06-30","intended_achievements":["<iframe src=//evil>"]}}
{"type":"stage.started","occurred_at":"2009-06-01","data":{"stage":1}}
{"type":"partnership.established","occurred_at":"2009-06-02","data":{"partnership":"p","name":"TWG <svg onload=alert(5)>","host":"gov"}}
{"type":"partner.joined","occurred_at":"2009-06-02","data":{"partnership":"p","org":"gov","role":"chair"}}
{"type":"partner.joined","occurred_at":"2009-06-02","data":{"partnership":"p","org":"dp","role":"lead_facilitator"}}
{"type":"agreement.proposed","occurred_at":"2009-06-03","data":{"agreement":"a","partnership":"p","kind":"principles","title":"<script>alert(1)</script>","text":"t","proposed_by":"g"}}
{"type":"agreement.endorsed","occurred_at":"2009-06-04","data":{"agreement":"a","version":1,"by":"g"}}
{"type":"agreement.endorsed","occurred_at":"2009-06-04","data":{"agreement":"a","version":1,"by":"d"}}
{"type":"finding.recorded","occurred_at":"2009-06-05","data":{"finding":"f","partnership":"p","origin":"interview","swot":"strength","theme":"roles","text":"[link](javascript:alert(6)) *bold* | pipe <script>x</script>"}}
{"type":"commitment.made","occurred_at":"2009-06-05","data":{"commitment":"c","partnership":"p","text":"<a href=\"http://evil\">click</a>","owner":"gov","due":"2009-06-10"}}
{"type":"review.opened","occurred_at":"2009-06-06","data":{"review":"r","partnership":"p","kind":"health_check"}}
{"type":"review.response","occurred_at":"2009-06-06","data":{"review":"r","respondent":"g","scores":{"shared_goal":5,"co_creation":4}}}
{"type":"review.response","occurred_at":"2009-06-06","data":{"review":"r","respondent":"d","scores":{"shared_goal":1,"co_creation":4}}}
{"type":"activity.delivered","occurred_at":"2009-06-07","data":{"activity":"x","kind":"training","title":"<style>body{display:none}</style>","partnerships":["p"]}}
"#;

#[test]
fn text_from_the_log_is_escaped() {
    let log = Log::empty();
    log.at(NOW, &["init"]).assert().success();
    log.append_at(NOW, INJECTION).success();
    let html = log.run(&["snapshot", "--stage", "1", "--format", "html"]);
    // The agreement's title shows as text.
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the title is shown escaped"
    );
    for raw in [
        "<script",
        "<img",
        "<iframe",
        "<b>",
        "<svg onload",
        "</style><script",
        "<a href",
        "<style>body",
    ] {
        assert!(!html.contains(raw), "raw {raw:?} in the HTML");
    }
    assert!(html.contains("Agency &amp; &quot;Partners&quot;"));
    // Every tag in the page is one the report writes itself.
    const TAGS: &[&str] = &[
        "!DOCTYPE",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "header",
        "section",
        "footer",
        "div",
        "h1",
        "h2",
        "h3",
        "p",
        "strong",
        "small",
        "span",
        "code",
        "br",
        "dl",
        "dt",
        "dd",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "figure",
        "figcaption",
        "blockquote",
        "cite",
        "svg",
        "rect",
        "text",
        "tspan",
        "line",
        "polyline",
        "circle",
    ];
    for (i, _) in html.match_indices('<') {
        let name: String = html[i + 1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        assert!(
            TAGS.contains(&name.as_str()),
            "unexpected tag {:?}",
            &html[i..i + 30]
        );
    }
    // The only <style> is the report's own, and nothing is fetched.
    assert_eq!(html.matches("<style>").count(), 1);
    assert!(!html.contains("url("));
    assert!(!html.contains("@import"));

    let md = log.run(&["snapshot", "--stage", "1"]);
    assert!(md.contains(r"\<script\>alert(1)\</script\>"), "{md}");
    for (i, _) in md.match_indices('<') {
        assert!(
            md[..i].ends_with('\\'),
            "unescaped < in {:?}",
            &md[i.saturating_sub(20)..i + 10]
        );
    }
    assert!(md.contains(r"\[link\](javascript:alert(6)) \*bold\* \| pipe"));
    // JSON carries the text as it was recorded.
    let v = log.json(&["snapshot", "--stage", "1", "--json"]);
    assert_eq!(
        v["partnerships"][0]["agreement_list"][0]["title"],
        "<script>alert(1)</script>"
    );
    // The divergence and the overdue commitment of the small log.
    assert_eq!(
        v["partnerships"][0]["diverging"],
        serde_json::json!(["shared_goal"])
    );
    assert_eq!(
        v["partnerships"][0]["overdue_commitments"],
        serde_json::json!(["c"])
    );
}

#[test]
fn a_stage_never_planned_is_an_error() {
    let log = Log::example();
    let out = log.at(NOW, &["snapshot", "--stage", "7"]).assert().code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("stage 7 is not planned"), "{stderr}");
    assert!(stderr.contains("1, 2, 3, 4"), "{stderr}");
    log.at(NOW, &["snapshot", "--stage", "0"]).assert().code(2);
    log.at(NOW, &["snapshot", "--stage", "2", "--format", "pdf"])
        .assert()
        .code(2);
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn demo_builds_the_example_and_writes_every_stage() {
    let log = Log::empty();
    let out = log.at(NOW, &["demo"]).assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let dir = log.dir().join("accord-demo");
    assert_eq!(
        files(&dir),
        [
            "accord.db",
            "index.html",
            "stage-1.html",
            "stage-1.km-en.html",
            "stage-1.md",
            "stage-2.html",
            "stage-2.km-en.html",
            "stage-2.md",
            "stage-3.html",
            "stage-3.km-en.html",
            "stage-3.md",
            "stage-4.html",
            "stage-4.km-en.html",
            "stage-4.md"
        ]
    );
    assert!(stdout.contains("accord-demo/stage-2.html"), "{stdout}");
    assert!(
        stdout.contains("accord --db accord-demo/accord.db status"),
        "{stdout}"
    );
    assert!(stdout.contains("verify --head 689:"), "{stdout}");
    // The reports are the snapshots of the log it built.
    let demo_db = dir.join("accord.db");
    let snapshot = Command::cargo_bin("accord")
        .unwrap()
        .env("ACCORD_NOW", NOW)
        .args([
            "--db",
            demo_db.to_str().unwrap(),
            "snapshot",
            "--stage",
            "2",
            "--format",
            "html",
        ])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(dir.join("stage-2.html")).unwrap(),
        String::from_utf8(snapshot.get_output().stdout.clone()).unwrap()
    );
    // It never overwrites a log.
    let again = log.at(NOW, &["demo"]).assert().code(1);
    let stderr = String::from_utf8(again.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("already holds a log"), "{stderr}");
    // Another folder: the same reports, byte for byte.
    let other = log.dir().join("elsewhere");
    log.at(NOW, &["demo", "--out", other.to_str().unwrap()])
        .assert()
        .success();
    for f in ["stage-1.md", "stage-3.html", "index.html"] {
        assert_eq!(
            std::fs::read(dir.join(f)).unwrap(),
            std::fs::read(other.join(f)).unwrap(),
            "{f}"
        );
    }
}

/// Each partnership's line in a snapshot is `accord status`'s line for the
/// same view: one fold, one set of rules.
#[test]
fn partnerships_agree_with_status() {
    let log = Log::example();
    for (stage, as_of) in [
        ("2", "2009-09-11"),
        ("3", "2010-01-29"),
        ("4", "2010-08-31"),
    ] {
        let snap = log.json(&["snapshot", "--stage", stage, "--json"]);
        let status = log.json(&["status", "--as-of", as_of, "--json"]);
        assert_eq!(snap["as_of"], as_of);
        let keys = [
            "partnership",
            "agreements_adopted",
            "latest_scores",
            "commitments",
            "overdue_commitments",
            "review_overdue",
            "name",
            "closed",
            "agreements",
            "latest_review",
            "diverging",
        ];
        let ours = snap["partnerships"].as_array().unwrap();
        let theirs = status["partnerships"].as_array().unwrap();
        assert_eq!(ours.len(), theirs.len());
        for (a, b) in ours.iter().zip(theirs) {
            for k in keys {
                assert_eq!(a[k], b[k], "stage {stage}, {}: {k}", a["partnership"]);
            }
        }
    }
}

/// A small programme for the reading rules: one partnership whose review
/// of August 2009 has means of exactly 3.25 and 3.75 (four responses), and
/// a commitment reported on schedule that fell due on 31 December 2009.
const SMALL: &str = r#"{"id":"o1","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"moh","name":"Ministry of Health","side":"government"}}
{"id":"o2","type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"who","name":"WHO","side":"development_partner"}}
{"id":"n1","type":"person.registered","occurred_at":"2009-06-01","data":{"person":"g1","name":"Dr Sok","org":"moh"}}
{"id":"n2","type":"person.registered","occurred_at":"2009-06-01","data":{"person":"g2","name":"Dr Chan","org":"moh"}}
{"id":"n3","type":"person.registered","occurred_at":"2009-06-01","data":{"person":"d1","name":"Dr Smith","org":"who"}}
{"id":"n4","type":"person.registered","occurred_at":"2009-06-01","data":{"person":"d2","name":"Ms Jones","org":"who"}}
{"id":"s1","type":"stage.planned","occurred_at":"2009-06-01","data":{"stage":1,"name":"Inception","starts_on":"2009-06-01","ends_on":"2010-06-30"}}
{"id":"s2","type":"stage.started","occurred_at":"2009-06-01","data":{"stage":1}}
{"id":"t1","type":"partnership.established","occurred_at":"2009-06-05","data":{"partnership":"twg-health","name":"TWG on Health","host":"moh"}}
{"id":"t2","type":"partner.joined","occurred_at":"2009-06-05","data":{"partnership":"twg-health","org":"moh","role":"chair"}}
{"id":"t3","type":"partner.joined","occurred_at":"2009-06-05","data":{"partnership":"twg-health","org":"who","role":"lead_facilitator"}}
{"id":"r1","type":"review.opened","occurred_at":"2009-08-03","data":{"review":"hc-2009","partnership":"twg-health","kind":"health_check","next_due":"2010-03-31"}}
{"id":"r2","type":"review.response","occurred_at":"2009-08-10","data":{"review":"hc-2009","respondent":"g1","scores":{"shared_goal":3,"co_creation":4,"engagement":3}}}
{"id":"r3","type":"review.response","occurred_at":"2009-08-10","data":{"review":"hc-2009","respondent":"g2","scores":{"shared_goal":3,"co_creation":4,"engagement":3}}}
{"id":"r4","type":"review.response","occurred_at":"2009-08-10","data":{"review":"hc-2009","respondent":"d1","scores":{"shared_goal":3,"co_creation":4,"engagement":3}}}
{"id":"r5","type":"review.response","occurred_at":"2009-08-10","data":{"review":"hc-2009","respondent":"d2","scores":{"shared_goal":4,"co_creation":3,"engagement":3}}}
{"id":"c1","type":"commitment.made","occurred_at":"2009-09-11","data":{"commitment":"c-tor","partnership":"twg-health","text":"Agree terms of reference.","owner":"moh","due":"2009-12-31"}}
{"id":"c2","type":"commitment.reported","occurred_at":"2009-11-05","data":{"commitment":"c-tor","status":"on_schedule","reported_by":"g1"}}
"#;

/// A second review, in February 2010, with other means.
const SECOND_REVIEW: &str = r#"{"id":"r6","type":"review.opened","occurred_at":"2010-02-01","data":{"review":"hc-2010","partnership":"twg-health","kind":"health_check"}}
{"id":"r7","type":"review.response","occurred_at":"2010-02-02","data":{"review":"hc-2010","respondent":"g1","scores":{"shared_goal":4,"co_creation":2,"engagement":5}}}
{"id":"r8","type":"review.response","occurred_at":"2010-02-02","data":{"review":"hc-2010","respondent":"d1","scores":{"shared_goal":4,"co_creation":2,"engagement":5}}}
"#;

fn small() -> Log {
    let log = Log::empty();
    log.at(NOW, &["init"]).assert().success();
    log.append_at(NOW, SMALL).success();
    log
}

/// One rounding rule: a mean of 3.25 reads 3.3 and 3.75 reads 3.8 in
/// `show`, `history`, and both report formats (JSON keeps 3.25 and 3.75).
#[test]
fn halves_round_up_alike_in_every_output() {
    let log = small();
    let as_of = ["--as-of", "2009-09-30"];
    let show = log.run(&["show", "twg-health", as_of[0], as_of[1]]);
    let row = |text: &str, label: &str| {
        text.lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("no line with {label:?} in\n{text}"))
            .to_owned()
    };
    assert!(row(&show, "A shared goal").contains(" 3.3 "), "{show}");
    assert!(row(&show, "Developed").contains(" 3.8 "), "{show}");
    let history = log.run(&["history", "twg-health"]);
    assert!(row(&history, "A shared goal").contains(" 3.3"), "{history}");
    assert!(row(&history, "Developed").contains(" 3.8"), "{history}");
    let md = log.run(&["snapshot", "--stage", "1", as_of[0], as_of[1]]);
    assert!(
        row(&md, "| TWG on Health |").contains("| 3.3 | 3.8 | — | 3.0 |"),
        "{md}"
    );
    let html = log.run(&[
        "snapshot", "--stage", "1", as_of[0], as_of[1], "--format", "html",
    ]);
    assert!(
        html.contains(r#"text-anchor="middle">3.3</text>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"text-anchor="middle">3.8</text>"#),
        "{html}"
    );
    assert!(!html.contains(">3.2</text>") && !html.contains(">3.7</text>"));
    let json = log.json(&["snapshot", "--stage", "1", as_of[0], as_of[1], "--json"]);
    let scores = &json["partnerships"][0]["latest_scores"];
    assert_eq!(scores["shared_goal"], 3.25);
    assert_eq!(scores["co_creation"], 3.75);
    // `status` names the criteria the same way (it prints no means).
    let status = log.run(&["status", as_of[0], as_of[1]]);
    assert!(!status.contains("co creation"), "{status}");
}

/// One set of labels: every output names a criterion by its framework's
/// label, and lists criteria in the framework's order (`diff` too).
#[test]
fn criteria_read_alike_and_in_the_framework_order() {
    let log = small();
    log.append_at(NOW, SECOND_REVIEW).success();
    let labels = [
        "A shared goal and agreed values and principles",
        "Developed collaboratively (co-created)",
        "Continuing, deepening engagement beyond key individuals",
    ];
    let in_order = |text: &str| {
        let at: Vec<usize> = labels
            .iter()
            .map(|l| {
                // The first word or two: a table may wrap a label.
                let first = l.split(' ').next().unwrap();
                let first = if first == "A" { "A shared" } else { first };
                text.find(first)
                    .unwrap_or_else(|| panic!("no {first:?} in\n{text}"))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?} in\n{text}");
    };
    let diff = log.run(&[
        "diff",
        "twg-health",
        "--from",
        "2009-09-30",
        "--to",
        "2010-03-01",
    ]);
    in_order(&diff);
    for out in [
        log.run(&["show", "twg-health"]),
        log.run(&["history", "twg-health"]),
        log.run(&["snapshot", "--stage", "1", "--as-of", "2010-03-01"]),
    ] {
        in_order(&out);
        for old in [
            "co creation",
            "Co-creation",
            "inclusive transparent",
            "Inclusive & transparent",
        ] {
            assert!(!out.contains(old), "{old:?} in\n{out}");
        }
    }
}

/// A trend needs two reviews: with one, a sentence instead of an empty
/// frame; with two, a panel whose series carry markers of their own shapes.
#[test]
fn a_trend_chart_needs_two_reviews() {
    let log = small();
    let one = log.run(&[
        "snapshot",
        "--stage",
        "1",
        "--as-of",
        "2009-09-30",
        "--format",
        "html",
    ]);
    assert!(
        !one.contains(r#"class="chart trend""#),
        "a chart of one review"
    );
    assert!(one.contains("A trend needs two reviews with responses; 1 partnership had one"));
    log.append_at(NOW, SECOND_REVIEW).success();
    let two = log.run(&[
        "snapshot",
        "--stage",
        "1",
        "--as-of",
        "2010-03-01",
        "--format",
        "html",
    ]);
    assert!(two.contains(r#"class="chart trend""#));
    assert!(two.contains("<polyline"), "lines join the two reviews");
    assert!(
        two.contains("stroke-dasharray=\"6 3\""),
        "series have dash patterns"
    );
    assert!(two.contains("<polygon"), "markers of several shapes");
    assert!(two.contains(r#"<ul class="legend">"#));
    assert!(!two.contains("A trend needs two reviews"));
}

/// Key figures: a commitment past its due date shows the status its owner
/// reported and that it is overdue; partnerships never reviewed are
/// counted as such, not as reviews overdue.
#[test]
fn overdue_is_never_hidden_behind_a_reported_status() {
    let log = small();
    let md = log.run(&["snapshot", "--stage", "1", "--as-of", "2010-01-15"]);
    assert!(
        md.contains("| on schedule (reported), **overdue** |"),
        "{md}"
    );
    let html = log.run(&[
        "snapshot",
        "--stage",
        "1",
        "--as-of",
        "2010-01-15",
        "--format",
        "html",
    ]);
    assert!(html.contains(
        r#"on schedule (reported)</span> <span class="pill overdue-pill">overdue</span>"#
    ));
    // A second partnership, never reviewed.
    log.append_at(
        NOW,
        r#"{"id":"t9","type":"partnership.established","occurred_at":"2009-07-01","data":{"partnership":"twg-land","name":"TWG on Land"}}
"#,
    ).success();
    let md = log.run(&["snapshot", "--stage", "1", "--as-of", "2010-04-15"]);
    assert!(
        md.contains("- **1 partnership** reviewed, 1 not yet reviewed; reviews overdue (the next review date passed) in 1 partnership;"),
        "{md}"
    );
}

/// `index.html` of the demo is the programme's front page: the stage
/// timeline, every stage's dates, status and key figures, and links to
/// both formats of each stage's report.
#[test]
fn the_demo_front_page_has_the_timeline_and_every_stage() {
    let log = Log::empty();
    log.at(NOW, &["demo"]).assert().success();
    let index = std::fs::read_to_string(log.dir().join("accord-demo").join("index.html")).unwrap();
    assert!(index.contains(r#"class="chart timeline""#));
    for n in 1..=4 {
        assert!(index.contains(&format!(r#"<a href="stage-{n}.html">HTML</a>"#)));
        assert!(index.contains(&format!(r#"<a href="stage-{n}.md">Markdown</a>"#)));
        assert!(index.contains(&format!(r#"<section class="stage-entry" id="stage-{n}">"#)));
    }
    assert_eq!(index.matches(r#"<div class="figures">"#).count(), 4);
    assert!(index.contains("Partnerships engaged"));
    assert!(index.contains("not yet reviewed"));
    assert_eq!(
        index
            .matches(r#"<span class="pill stage-completed">completed</span>"#)
            .count(),
        4
    );
}
