//! Reports in Khmer and English (docs/languages.md): the stage snapshot in
//! `km` and `km,en` (insta snapshots, with the clock pinned), JSON the same
//! in every language, how the language is chosen, the HTML's language tag
//! and Khmer fonts, and the two catalogues holding the same messages, every
//! one used by the code.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The clock every example log is built and read with.
const NOW: &str = "2010-12-31T12:00:00Z";

struct Log {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Log {
    /// The built-in example, recorded at `NOW`.
    fn example() -> Log {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("accord.db");
        let log = Log { dir, db };
        log.cmd(&["init", "--example", "cambodia"])
            .assert()
            .success();
        log
    }

    /// A command with the language left to its flags (no ACCORD_LANG, a
    /// LANG accord has no catalogue for).
    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("accord").unwrap();
        c.env("ACCORD_NOW", NOW)
            .env("ACCORD_DB", &self.db)
            .env("ACCORD_USER", "secretariat")
            .env_remove("ACCORD_LANG")
            .env("LANG", "C.UTF-8")
            .current_dir(self.dir.path());
        c.args(args);
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }
}

#[test]
fn stage_snapshot_in_khmer() {
    let log = Log::example();
    insta::assert_snapshot!(
        "stage_3_km_md",
        log.run(&["snapshot", "--stage", "3", "--lang", "km"])
    );
    insta::assert_snapshot!(
        "stage_3_km_khmer_digits_md",
        log.run(&[
            "snapshot", "--stage", "3", "--lang", "km", "--digits", "khmer"
        ])
    );
}

#[test]
fn stage_snapshot_in_khmer_and_english() {
    let log = Log::example();
    insta::assert_snapshot!(
        "stage_3_km_en_md",
        log.run(&["snapshot", "--stage", "3", "--lang", "km,en"])
    );
}

#[test]
fn english_is_the_default_and_the_same_as_lang_en() {
    let log = Log::example();
    let default = log.run(&["snapshot", "--stage", "3"]);
    assert_eq!(
        default,
        log.run(&["snapshot", "--stage", "3", "--lang", "en"])
    );
    assert!(default.starts_with("# Stage 3 progress snapshot"));
}

#[test]
fn json_is_the_same_in_every_language() {
    let log = Log::example();
    let en = log.run(&["snapshot", "--stage", "3", "--json"]);
    for lang in ["km", "km,en", "en,km"] {
        assert_eq!(
            en,
            log.run(&["snapshot", "--stage", "3", "--json", "--lang", lang]),
            "--lang {lang}"
        );
    }
    assert_eq!(
        en,
        log.run(&[
            "snapshot", "--stage", "3", "--json", "--lang", "km", "--digits", "khmer"
        ])
    );
}

#[test]
fn accord_lang_then_lang_choose_the_language_and_the_flag_wins() {
    let log = Log::example();
    let km = log.run(&["snapshot", "--stage", "2", "--lang", "km"]);
    let en = log.run(&["snapshot", "--stage", "2", "--lang", "en"]);
    let with_env = |k: &str, v: &str, extra: &[&str]| {
        let mut args = vec!["snapshot", "--stage", "2"];
        args.extend(extra);
        let out = log.cmd(&args).env(k, v).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    assert_eq!(with_env("ACCORD_LANG", "km", &[]), km);
    assert_eq!(with_env("LANG", "km_KH.UTF-8", &[]), km);
    assert_eq!(with_env("ACCORD_LANG", "km", &["--lang", "en"]), en);
    // A system locale accord has no catalogue for means English.
    assert_eq!(with_env("LANG", "fr_FR.UTF-8", &[]), en);
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    let log = Log::example();
    let out = log
        .cmd(&["snapshot", "--stage", "2", "--lang", "fr"])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("unknown language \"fr\""), "{err}");
    assert!(err.contains("--lang en, km or km,en"), "{err}");
}

#[test]
fn html_in_khmer_names_khmer_fonts_and_its_language() {
    let log = Log::example();
    let km = log.run(&[
        "snapshot", "--stage", "3", "--format", "html", "--lang", "km,en",
    ]);
    assert!(km.contains("<html lang=\"km\">"));
    assert!(km.contains("\"Noto Sans Khmer\", \"Khmer OS\", \"Khmer OS System\", sans-serif"));
    assert!(km.contains(
        r#"<h2><span class="num">2</span><span lang="km">ការគ្របដណ្តប់</span> / <span lang="en">Coverage</span></h2>"#
    ));
    let en = log.run(&["snapshot", "--stage", "3", "--format", "html"]);
    assert!(en.contains("<html lang=\"en\">"));
    assert!(
        !en.contains("Noto Sans Khmer"),
        "an English report names no Khmer font"
    );
}

/// In `km,en` HTML each half of a bilingual heading, label or caption says
/// its language, and the charts' titles, axes and legends are in both
/// languages (each half marked too), drawn with Khmer-capable fonts; an
/// English report marks nothing.
#[test]
fn bilingual_html_marks_each_half_and_its_charts_speak_both() {
    let log = Log::example();
    let html = log.run(&[
        "snapshot", "--stage", "3", "--format", "html", "--lang", "km,en",
    ]);
    // A table heading, a key figure's label, a chart's legend.
    assert!(html.contains(
        r#"<th><span lang="km">ភាពជាដៃគូ</span> / <span lang="en">Partnership</span></th>"#
    ));
    // (a legend's languages one above the other, each line saying which)
    assert!(html.contains(r##"<text x="24" y="14" font-size="10" fill="#4a5561" lang="km">តាមគម្រោង</text><text x="24" y="25" font-size="10" fill="#4a5561" lang="en">Planned</text>"##));
    assert!(html.contains(r#" lang="km">ពិន្ទុ</text>"#));
    assert!(html.contains(r#" lang="en">Score</text>"#));
    assert!(html.contains(r#" lang="km">បានបញ្ចប់</text>"#));
    assert!(html.contains(r#" lang="en">Completed</text>"#));
    // Titles for screen readers, in both languages, Khmer first.
    assert!(html.contains(
        "aria-label=\"កាលវិភាគនៃដំណាក់កាល៖ កាលបរិច្ឆេទតាមគម្រោង និងជាក់ស្តែង គិតត្រឹម 29 មករា 2010 / Stage timeline: planned and actual dates, as of 29 Jan 2010\""
    ));
    // Months on the axes in the leading language.
    assert!(html.contains(">មករា</text>"), "Khmer month on an axis");
    // Every chart names Khmer-capable fonts.
    let charts = html.matches("<svg ").count();
    assert!(charts >= 3, "{charts} charts");
    assert_eq!(
        html.matches("'Noto Sans Khmer', 'Khmer OS', 'Khmer OS System', sans-serif\"")
            .count(),
        charts
    );
    // No English word of the report's own is left unmarked in a Khmer
    // report's headings.
    let km = log.run(&[
        "snapshot", "--stage", "3", "--format", "html", "--lang", "km",
    ]);
    assert!(km.contains(r#"<h2><span class="num">2</span>ការគ្របដណ្តប់</h2>"#));
    assert!(!km.contains(">Planned<") && !km.contains(">Score<"));

    let en = log.run(&["snapshot", "--stage", "3", "--format", "html"]);
    assert_eq!(en.matches(" lang=").count(), 1, "only <html lang=\"en\">");
    assert!(!en.contains("Khmer OS"));
}

/// The message ids of a catalogue.
fn ids(path: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(id, _)| id))
        .filter(|id| id.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .map(str::to_owned)
        .collect()
}

/// Every Rust source file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of the code that writes reports, shaped like a
/// message id (`word-word`).
fn id_shaped_literals(root: &Path) -> BTreeSet<String> {
    let mut files = Vec::new();
    sources(&root.join("src/render/report/sections"), &mut files);
    for f in ["wording.rs", "words.rs"] {
        files.push(root.join("src/render/report").join(f));
    }
    let mut out = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, part) in text.split('"').enumerate() {
            let shaped = part.contains('-')
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && part.starts_with(|c: char| c.is_ascii_lowercase());
            if i % 2 == 1 && shaped {
                out.insert(part.to_owned());
            }
        }
    }
    out
}

#[test]
fn both_catalogues_hold_the_same_messages_and_the_code_uses_every_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let en = ids(&root.join("locales/en/accord.ftl"));
    let km = ids(&root.join("locales/km/accord.ftl"));
    assert!(en.len() > 250, "{} messages", en.len());
    let only_en: Vec<_> = en.difference(&km).collect();
    let only_km: Vec<_> = km.difference(&en).collect();
    assert!(only_en.is_empty(), "missing in km: {only_en:?}");
    assert!(only_km.is_empty(), "missing in en: {only_km:?}");

    let mut code = String::new();
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    for f in files {
        code.push_str(&std::fs::read_to_string(f).unwrap());
    }
    // Months are looked up by number (`month-{}`).
    let unused: Vec<_> = en
        .iter()
        .filter(|id| !id.starts_with("month-") && !code.contains(&format!("\"{id}\"")))
        .collect();
    assert!(
        unused.is_empty(),
        "in the catalogues, never used: {unused:?}"
    );
    assert!(code.contains("\"month-{}\""));

    // Every id-shaped literal of the report's wording is a message, but for
    // these HTML classes and the section anchors.
    let classes: BTreeSet<&str> = [
        "activity-kinds",
        "agreement-matrix",
        "agr-count",
        "key-figures",
        "overdue-list",
        "overdue-pill",
        "trend-figure",
    ]
    .into();
    let stray: Vec<_> = id_shaped_literals(root)
        .into_iter()
        .filter(|l| !en.contains(l) && !classes.contains(l.as_str()))
        .collect();
    assert!(
        stray.is_empty(),
        "used but not in the catalogues: {stray:?}"
    );
}

#[test]
fn status_in_khmer() {
    let log = Log::example();
    insta::assert_snapshot!(
        "status_km",
        String::from_utf8(
            log.cmd(&["status", "--lang", "km"])
                .env("COLUMNS", "100")
                .assert()
                .success()
                .get_output()
                .stdout
                .clone()
        )
        .unwrap()
    );
    // JSON is the same in every language.
    assert_eq!(
        log.run(&["status", "--json"]),
        log.run(&["status", "--json", "--lang", "km"])
    );
}

/// `show`, `history` and `audit` in Khmer: every word of their own from
/// the Khmer catalogue, what the log holds as recorded (insta snapshots).
#[test]
fn show_history_and_audit_in_khmer() {
    let log = Log::example();
    insta::assert_snapshot!("show_km", log.run(&["show", "twg-health", "--lang", "km"]));
    insta::assert_snapshot!(
        "history_km",
        log.run(&["history", "twg-health", "--lang", "km"])
    );
    insta::assert_snapshot!("audit_km", log.run(&["audit", "pp-health", "--lang", "km"]));
}

/// In `km,en`, headings, column headers and labels are in both languages,
/// Khmer first; record lines in Khmer only.
#[test]
fn show_and_audit_in_khmer_and_english() {
    let log = Log::example();
    insta::assert_snapshot!(
        "show_km_en",
        log.run(&["show", "twg-health", "--lang", "km,en"])
    );
    insta::assert_snapshot!(
        "audit_org_km_en",
        log.run(&["audit", "--org", "who", "--lang", "km,en"])
    );
}

/// The English words of `show`, `history`, `audit` and `status` (headings,
/// labels, column headers, the footer): none is left in their Khmer text.
#[test]
fn khmer_text_reports_have_no_english_of_their_own() {
    let log = Log::example();
    let english = [
        "Log head",
        "As of",
        "established",
        "hosted by",
        "Members",
        "Organisation",
        "Endorsements",
        "Latest review",
        "Review overdue",
        "response(s)",
        "Commitments",
        "Findings",
        "Theme",
        "History of",
        "change(s)",
        "in date order",
        "Changes",
        "Score trends",
        "Criterion",
        "Means over",
        "Agreement '",
        "Commitment '",
        "Review '",
        "joined as",
        "responded to",
        "Audit of",
        "Version ",
        "Proposed by",
        "Revised by",
        "Recorded:",
        "Text SHA-256",
        "Endorsed by",
        "unsigned",
        "in force",
        "Posts",
        "Acts",
        "Memberships",
        "Stages",
        "Counts",
        "Overdue",
    ];
    let mut all_english = String::new();
    for args in [
        &["show", "twg-health"][..],
        &["history", "twg-health"],
        &["audit", "pp-health"],
        &["audit", "--org", "who"],
        &["audit", "--person", "lead-health"],
        &["status"],
    ] {
        let mut with_km = args.to_vec();
        with_km.extend(["--lang", "km"]);
        let km = log.run(&with_km);
        for word in english {
            assert!(!km.contains(word), "{args:?} --lang km still says {word:?}");
        }
        all_english.push_str(&log.run(args));
    }
    // Each word checked is one the English reports do write.
    for word in english {
        assert!(
            all_english.contains(word),
            "{word:?} is in no English report"
        );
    }
}

#[test]
fn json_of_show_history_and_audit_is_the_same_in_every_language() {
    let log = Log::example();
    for args in [
        &["show", "twg-health", "--json"][..],
        &["history", "twg-health", "--json"],
        &["audit", "pp-health", "--json"],
        &["audit", "--org", "who", "--json"],
    ] {
        let en = log.run(args);
        for lang in ["km", "km,en"] {
            let mut with = args.to_vec();
            with.extend(["--lang", lang, "--digits", "khmer"]);
            assert_eq!(en, log.run(&with), "{args:?} --lang {lang}");
        }
    }
}

/// `--digits khmer` writes the dates and counts of `show` in Khmer digits;
/// ids, versions and scores stay Latin.
#[test]
fn khmer_digits_in_show() {
    let log = Log::example();
    let out = log.run(&["show", "twg-health", "--lang", "km", "--digits", "khmer"]);
    assert!(out.contains("៣១ ធ្នូ ២០១០"), "{out}");
    assert!(out.contains("pp-health"));
    assert!(out.contains(" v2 "));
}

/// An unknown language is refused by `show`, `history` and `audit` as by
/// `snapshot` (a usage error, exit 2).
#[test]
fn show_history_and_audit_refuse_an_unknown_language() {
    let log = Log::example();
    for args in [
        &["show", "twg-health"][..],
        &["history", "twg-health"],
        &["audit", "pp-health"],
    ] {
        let mut with = args.to_vec();
        with.extend(["--lang", "fr"]);
        log.cmd(&with).assert().code(2);
    }
}

/// `show`, `history` and `audit` take their language from ACCORD_LANG, then
/// LANG, as `snapshot` and `status` do; `--lang` wins.
#[test]
fn show_history_and_audit_follow_accord_lang_then_lang() {
    let log = Log::example();
    for args in [
        &["show", "twg-health"][..],
        &["history", "twg-health"],
        &["audit", "pp-health"],
    ] {
        let with = |extra: &[&'static str]| -> Vec<&'static str> {
            let mut a = args.to_vec();
            a.extend(extra);
            a
        };
        let km = log.run(&with(&["--lang", "km"]));
        let en = log.run(&with(&["--lang", "en"]));
        assert_ne!(km, en);
        let env = |k: &str, v: &str, extra: &[&'static str]| {
            let out = log.cmd(&with(extra)).env(k, v).assert().success();
            String::from_utf8(out.get_output().stdout.clone()).unwrap()
        };
        assert_eq!(env("ACCORD_LANG", "km", &[]), km, "{args:?}");
        assert_eq!(env("LANG", "km_KH.UTF-8", &[]), km, "{args:?}");
        assert_eq!(env("ACCORD_LANG", "km", &["--lang", "en"]), en, "{args:?}");
    }
}
