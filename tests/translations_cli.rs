//! Translations of recorded content (`translation.recorded`): refused
//! without their target, shown in reports in their language and marked as
//! translations, retractable, superseded by a later one, imported from a
//! sheet with one column per language, and never changing what was
//! endorsed (the text whose SHA-256 was signed).

mod support;
use support::TestLog as Log;

/// stderr of a command refused with `code`, which must leave the log as it was.
fn refused(log: &Log, args: &[&str], code: i32) -> String {
    let before = std::fs::read(&log.db).unwrap();
    let out = log.cmd(args).assert().code(code);
    assert_eq!(
        std::fs::read(&log.db).unwrap(),
        before,
        "{args:?} changed the log"
    );
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

const BY: &[&str] = &["--translated-by", "Sok Dara"];

fn translate(log: &Log, args: &[&str]) -> String {
    let mut all = vec!["translate"];
    all.extend_from_slice(args);
    all.extend_from_slice(BY);
    log.run(&all)
}

#[test]
fn a_translation_of_something_the_log_does_not_hold_is_refused() {
    let log = Log::example();
    let args = [
        "translate",
        "finding",
        "f-nope",
        "--lang",
        "km",
        "--text",
        "x",
        "--translated-by",
        "S",
    ];
    insta::assert_snapshot!(refused(&log, &args, 1), @r#"
    error: there is no finding "f-nope" in the log
      rule: reference (translation.recorded); check the ID (the second argument)
      nothing was recorded; the log is unchanged
    hint: record it first, or check the id with `accord log`
    "#);
}

#[test]
fn a_translation_of_a_field_or_version_that_does_not_exist_is_refused() {
    let log = Log::example();
    let field = [
        "translate",
        "stage",
        "2",
        "--field",
        "objective",
        "--lang",
        "km",
        "--text",
        "x",
        "--translated-by",
        "S",
    ];
    insta::assert_snapshot!(refused(&log, &field, 1), @r#"
    error: a stage has no objective to translate
      rule: translation (translation.recorded); check --field
      nothing was recorded; the log is unchanged
    hint: a stage's translatable fields are: name, summary
    "#);
    let version = [
        "translate",
        "agreement",
        "pp-health",
        "--field",
        "text",
        "--version",
        "9",
        "--lang",
        "km",
        "--text",
        "x",
        "--translated-by",
        "S",
    ];
    insta::assert_snapshot!(refused(&log, &version, 1), @r#"
    error: agreement "pp-health" has no version 9 (its latest is version 2)
      rule: translation (translation.recorded); check --version
      nothing was recorded; the log is unchanged
    hint: translate a version that has been proposed or revised
    "#);
    let lang = [
        "translate",
        "partnership",
        "twg-health",
        "--lang",
        "Khmer",
        "--text",
        "x",
        "--translated-by",
        "S",
    ];
    insta::assert_snapshot!(refused(&log, &lang, 2), @r#"
    error: invalid value 'Khmer' for '--lang <LANG>': "Khmer" is not a language tag: write the language's 2- or 3-letter code in lowercase ("km" for Khmer, "en" for English)

    For more information, try '--help'.
    "#);
}

#[test]
fn a_report_in_khmer_shows_the_translation_marked_and_names_who_made_it() {
    let log = Log::example();
    translate(
        &log,
        &[
            "partnership",
            "twg-health",
            "--lang",
            "km",
            "--text",
            "ក្រុមការងារបច្ចេកទេសសុខាភិបាល",
            "--date",
            "2010-01-05",
        ],
    );
    let md = log.run(&["snapshot", "--stage", "2", "--lang", "km,en"]);
    assert!(md.contains("ក្រុមការងារបច្ចេកទេសសុខាភិបាល‡ / Health"), "{md}");
    let annex = &md[md.find("## ការបកប្រែ / Translations").expect("the annex")..];
    let shown: Vec<&str> = annex
        .lines()
        .enumerate()
        .filter(|(i, l)| *i < 3 || l.contains("twg-health"))
        .map(|(_, l)| l)
        .collect();
    insta::assert_snapshot!(shown.join("\n"), @r#"
    ## ការបកប្រែ / Translations

    ‡ សម្គាល់ការបកប្រែដែលបានកត់ត្រាក្នុងកំណត់ហេតុ៖ ជាជំនួយសម្រាប់ការអាន។ អត្ថបទដែលបានកត់ត្រា ហើយសម្រាប់កិច្ចព្រមព្រៀង អត្ថបទដែលបានយល់ព្រម និងចុះហត្ថលេខា គឺជាអត្ថបទដើម។
    - `partnership` `twg-health` · name · ភាសាខ្មែរ៖ ក្រុមការងារបច្ចេកទេសសុខាភិបាល‡ — បកប្រែដោយ Sok Dara កត់ត្រានៅ 5 មករា 2010 (លេខរៀង 690)
    "#);
    // In English the recorded name stands, and nothing is marked.
    let en = log.run(&["snapshot", "--stage", "2", "--lang", "en"]);
    assert!(!en.contains('‡') && !en.contains("ក្រុមការងារ"), "{en}");
}

#[test]
fn a_later_translation_supersedes_and_a_retracted_one_no_longer_shows() {
    let log = Log::example();
    translate(
        &log,
        &[
            "finding",
            "f-ready-gov",
            "--lang",
            "km",
            "--text",
            "ទីមួយ",
            "--id",
            "tr-1",
        ],
    );
    translate(
        &log,
        &[
            "finding",
            "f-ready-gov",
            "--lang",
            "km",
            "--text",
            "ទីពីរ",
            "--id",
            "tr-2",
        ],
    );
    let shown = |log: &Log| {
        let j = log.json(&["snapshot", "--stage", "1"]);
        j["translations"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|t| t["id"] == "f-ready-gov")
                    .map(|t| t["text"].as_str().unwrap().to_owned())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    assert_eq!(shown(&log), ["ទីពីរ"]);
    log.run(&["retract", "tr-2", "--reason", "Wrong finding"]);
    assert_eq!(shown(&log), ["ទីមួយ"]);
    log.run(&["retract", "tr-1", "--reason", "Wrong finding"]);
    assert!(shown(&log).is_empty());
}

#[test]
fn translating_an_agreement_never_changes_what_was_endorsed() {
    let log = Log::example();
    let audit = log.json(&["audit", "pp-health"]);
    let show = log.json(&["show", "twg-health"]);
    translate(
        &log,
        &[
            "agreement",
            "pp-health",
            "--field",
            "text",
            "--lang",
            "km",
            "--text",
            "គោលការណ៍ភាពជាដៃគូ",
        ],
    );
    translate(
        &log,
        &[
            "agreement",
            "pp-health",
            "--field",
            "title",
            "--lang",
            "km",
            "--text",
            "គោលការណ៍",
        ],
    );
    let after = log.json(&["audit", "pp-health"]);
    assert_eq!(
        after["versions"], audit["versions"],
        "versions and their text hashes are unchanged"
    );
    assert_eq!(
        log.json(&["show", "twg-health"])["agreements"],
        show["agreements"]
    );
    assert_eq!(
        log.run(&["verify"])
            .lines()
            .next()
            .map(|l| l.starts_with("ok")),
        Some(true)
    );
}

#[test]
fn a_translation_made_later_reads_in_an_earlier_report_but_not_as_known_before_it() {
    let log = Log::example();
    translate(
        &log,
        &[
            "stage",
            "2",
            "--field",
            "name",
            "--lang",
            "km",
            "--text",
            "កិច្ចប្រជុំយុទ្ធសាស្ត្រ",
        ],
    );
    let md = log.run(&["snapshot", "--stage", "2", "--lang", "km"]);
    assert!(md.contains("កិច្ចប្រជុំយុទ្ធសាស្ត្រ‡"), "{md}");
    let before = log.run(&[
        "snapshot",
        "--stage",
        "2",
        "--lang",
        "km",
        "--known-at",
        "2010-12-01",
    ]);
    assert!(!before.contains("កិច្ចប្រជុំយុទ្ធសាស្ត្រ‡"), "{before}");
}

#[test]
fn a_translations_sheet_records_one_event_per_language_cell_or_nothing() {
    let log = Log::example();
    let sheet = log.dir().join("translations.csv");
    std::fs::write(
        &sheet,
        "of,id,field,version,translated_by,original,km,fr\n\
         partnership,twg-health,name,,Sok Dara,Technical Working Group on Health,ក្រុមការងារបច្ចេកទេសសុខាភិបាល,Groupe de travail technique sur la santé\n\
         finding,f-nope,text,,Sok Dara,,x,\n\
         stage,2,objective,,Sok Dara,,x,\n\
         finding,f-ready-gov,text,,,,x,\n",
    )
    .unwrap();
    insta::assert_snapshot!(refused(&log, &["import", "translations.csv", "--date", "2010-01-05"], 1), @r#"
    error: translations.csv: 3 rows cannot be imported
      row 3, column id: there is no finding "f-nope" in the log — record it first, or check the id with `accord log`
      row 4, column field: a stage has no objective to translate — a stage's translatable fields are: name, summary
      row 5, column translated_by: is empty; every row needs a translated_by
      nothing was imported; the log is unchanged
    hint: fix the rows named above in the spreadsheet, save it as CSV UTF-8 and import it again (`accord import --dry-run FILE` checks a file without recording anything)
    "#);
    let fixed = std::fs::read_to_string(&sheet).unwrap();
    let fixed: Vec<&str> = fixed.lines().take(2).collect();
    std::fs::write(&sheet, fixed.join("\n")).unwrap();
    insta::assert_snapshot!(log.run(&["import", "translations.csv", "--date", "2010-01-05"]), @r#"
    imported translations.csv (translations): appended 2 event(s) (seq 690–691)
    "#);
    let j = log.json(&["snapshot", "--stage", "2"]);
    let langs: Vec<&str> = j["translations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["translated_by"] == "Sok Dara")
        .map(|t| t["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["fr", "km"]);
}

#[test]
fn an_agreement_text_in_translation_says_the_endorsed_text_is_the_original_with_its_hash() {
    let log = Log::example();
    translate(
        &log,
        &[
            "agreement",
            "pp-health",
            "--field",
            "text",
            "--lang",
            "km",
            "--text",
            "គោលការណ៍ភាពជាដៃគូ",
            "--date",
            "2010-10-20",
        ],
    );
    let audit = log.run(&["audit", "pp-health", "--lang", "km"]);
    let sha = log.json(&["audit", "pp-health"])["versions"][1]["text_sha256"]
        .as_str()
        .unwrap()
        .to_owned();
    let at = audit.find("ការបកប្រែ៖").expect("the translation is shown");
    let block: String = audit[at..].lines().take(5).collect::<Vec<_>>().join("\n");
    assert!(block.contains("គោលការណ៍ភាពជាដៃគូ‡"), "{block}");
    assert!(
        block.contains(&sha[..32]),
        "the note gives the endorsed text's SHA-256: {block}"
    );
    // Version 1 has no translation: only version 2's block holds one.
    assert_eq!(audit.matches("ការបកប្រែ៖").count(), 1, "{audit}");
    // In English, nothing is translated into English: no translation block.
    assert!(!log.run(&["audit", "pp-health"]).contains("Translation:"));
    // show reads the partnership's name in Khmer, marked, and explains the mark.
    let show = log.run(&["show", "twg-health", "--lang", "km"]);
    assert!(
        show.starts_with("ក្រុមការងារបច្ចេកទេសស្តីពី\u{200b}សុខាភិបាល‡ (twg-health)"),
        "{show}"
    );
    assert!(show.contains("‡ សម្គាល់ការបកប្រែ"), "{show}");
}

#[test]
fn a_sheet_from_translate_sheet_comes_back_through_import_and_empty_rows_are_skipped() {
    let log = Log::example();
    let out = log
        .cmd(&["translate", "--sheet", "--lang", "km"])
        .assert()
        .success();
    let sheet = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut reader = csv::Reader::from_reader(sheet.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "of",
            "id",
            "field",
            "version",
            "translated_by",
            "original",
            "km"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    // Translated already (the example's TWG names) is not listed again.
    assert!(!rows.iter().any(|r| r[0] == "partnership"), "{rows:?}");
    let commitment = rows
        .iter()
        .position(|r| r[0] == "commitment")
        .expect("a commitment row");
    let mut filled = rows.clone();
    filled[commitment][4] = "Sok Dara".into();
    filled[commitment][6] = "ការប្តេជ្ញាចិត្ត".into();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).unwrap();
    for r in &filled {
        w.write_record(r).unwrap();
    }
    std::fs::write(log.dir().join("km.csv"), w.into_inner().unwrap()).unwrap();
    let imported = log.run(&["import", "km.csv", "--date", "2010-12-01"]);
    assert!(
        imported.starts_with("imported km.csv (translations): appended 1 event(s)"),
        "{imported}"
    );
    let id = &filled[commitment][1];
    let j = log.json(&["snapshot", "--stage", "4"]);
    let found = j["translations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["id"] == id.as_str() && t["text"] == "ការប្តេជ្ញាចិត្ត");
    assert!(found, "the imported translation stands");
}

/// A partnership with thousands of findings has them drawn on a thread of
/// their own (`show.rs`): each is shown once, in the order recorded, after
/// the commitments, and a translated one among them (marked, beside its
/// text) still brings the note that explains the mark, at the end (the
/// log holds no other translation that could bring it).
#[test]
fn thousands_of_findings_show_once_each_in_order_and_a_translated_one_brings_the_note() {
    let log = Log::new();
    let mut lines = String::from(concat!(
        r#"{"type":"organisation.registered","occurred_at":"2009-06-01","data":{"org":"moh","name":"Ministry of Health","side":"government"}}"#,
        "\n",
        r#"{"type":"partnership.established","occurred_at":"2009-06-01","data":{"partnership":"health","name":"TWG on Health","host":"moh"}}"#,
        "\n",
        r#"{"type":"partner.joined","occurred_at":"2009-06-01","data":{"partnership":"health","org":"moh","role":"chair"}}"#,
        "\n",
    ));
    for i in 0..2_100 {
        lines += &format!(
            r#"{{"type":"finding.recorded","occurred_at":"2010-02-04","data":{{"finding":"f-many-{i:04}","partnership":"health","origin":"review","swot":"strength","theme":"roles","text":"Finding number {i:04}."}}}}"#
        );
        lines.push('\n');
    }
    log.append(&lines).success();
    let plain = log.run(&["show", "health", "--lang", "km,en", "--as-of", "2010-03-01"]);
    assert!(!plain.contains('‡'), "no translation yet: {plain}");
    translate(
        &log,
        &[
            "finding",
            "f-many-2099",
            "--lang",
            "km",
            "--text",
            "ការរកឃើញចុងក្រោយ",
            "--date",
            "2010-02-05",
        ],
    );
    let show = log.run(&["show", "health", "--lang", "km,en", "--as-of", "2010-03-01"]);
    let commitments = show.find("Commitments").expect("the commitments' heading");
    let mut at = commitments;
    for i in 0..2_100 {
        let text = format!("Finding number {i:04}.");
        assert_eq!(show.matches(&text).count(), 1, "{text}");
        let here = show.find(&text).unwrap();
        assert!(here > at, "{text} out of order");
        at = here;
    }
    // In a report in Khmer and English, the translation beside the text.
    let translated = show
        .find("ការរកឃើញចុងក្រោយ‡")
        .expect("the translated finding");
    assert!(translated > show.find("Finding number 2098.").unwrap());
    let note = show.find("‡ សម្គាល់ការបកប្រែ").expect("the note on the mark");
    assert!(note > translated, "the note comes after the findings");
}
