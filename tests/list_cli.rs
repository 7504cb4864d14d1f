//! `accord list KIND` end to end on the built-in example: every kind as
//! text (insta snapshots, with the clock pinned), singular forms, JSON
//! Lines, `--as-of` and `--known-at`, and an empty list.

use serde_json::Value;

mod support;
use support::{NOW, TestLog as Log};

const KINDS: [(&str, &str); 7] = [
    ("orgs", "org"),
    ("people", "person"),
    ("partnerships", "partnership"),
    ("agreements", "agreement"),
    ("reviews", "review"),
    ("commitments", "commitment"),
    ("stages", "stage"),
];

/// Every kind lists the example with its id first, and the singular form
/// prints the same list.
#[test]
fn every_kind_of_the_example_is_listed_id_first() {
    let log = Log::example();
    for (plural, singular) in KINDS {
        let out = log.run(&["list", plural]);
        insta::assert_snapshot!(format!("list_{plural}"), out);
        assert_eq!(log.run(&["list", singular]), out, "list {singular}");
    }
}

/// `--json` prints one JSON object per line, one per entity, each with its
/// id under the kind's own name, as many as the text lists.
#[test]
fn json_is_one_object_per_line() {
    let log = Log::example();
    for (plural, singular) in KINDS {
        // A wrapped name continues on indented lines; an entity's line starts with its id.
        let text = log.run(&["list", plural]);
        let text_rows = text.lines().filter(|l| !l.starts_with(' ')).count() - 1;
        let json = log.run(&["--json", "list", plural]);
        let rows: Vec<Value> = json
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(rows.len(), text_rows, "list {plural}");
        let key = if singular == "org" { "org" } else { singular };
        assert!(
            rows.iter().all(|r| !r[key].is_null()),
            "every {singular} row carries its id under {key:?}"
        );
    }
    let first = log.run(&["--json", "list", "agreements"]);
    insta::assert_snapshot!(first.lines().next().unwrap(), @r#"{"agreement":"ap-agriculture-water","partnership":"twg-agriculture-water","status":"adopted","current_version":1,"in_force_version":1,"kind":"action_plan","title":"Action plan 2010, TWG on Agriculture and Water"}"#);
}

/// `--as-of` lists the world as it stood then: stage 2 running, and only
/// the agreements proposed by that day, with their status on that day.
#[test]
fn as_of_lists_the_world_as_it_stood() {
    let log = Log::example();
    insta::assert_snapshot!(log.run(&["list", "stages", "--as-of", "2009-09-10"]), @r"
    STAGE  STATUS       PLANNED                  NAME
    1      completed    2009-06-01 – 2009-06-30  Engagement and Inception
    2      in progress  2009-09-09 – 2009-09-11  Strategic Meeting on Making
                                                 Partnerships Effective
    3      planned      2009-10-01 – 2010-01-31  Follow-up
    4      planned      2010-02-01 – 2010-08-31  Further Follow-up and
                                                 Recommendations
    ");
    let then = log.run(&["list", "agreements", "--as-of", "2009-09-10"]);
    let now = log.run(&["list", "agreements"]);
    assert!(then.lines().count() < now.lines().count());
    assert!(
        then.lines()
            .skip(1)
            .filter(|l| !l.starts_with(' '))
            .all(|l| l.contains(" draft ")),
        "nothing was adopted before the Strategic Meeting's last day:\n{then}"
    );
}

/// `--known-at` leaves out what was recorded later, even when it is
/// back-dated to before the as-of date.
#[test]
fn known_at_leaves_out_what_was_recorded_later() {
    let log = Log::example();
    log.at(
        "2011-02-01T09:00:00Z",
        &[
            "org",
            "add",
            "jica2",
            "--name",
            "JICA field office",
            "--side",
            "development_partner",
            "--date",
            "2009-01-01",
        ],
    )
    .assert()
    .success();
    let later = "2011-02-01T10:00:00Z";
    let now = log.run_at(later, &["list", "orgs"]);
    assert!(now.contains("\njica2 "), "{now}");
    let then = log.run_at(later, &["list", "orgs", "--known-at", "2011-01-15"]);
    assert!(!then.contains("jica2"), "{then}");
    assert_eq!(then.lines().count() + 1, now.lines().count());
}

/// Nothing to list is said on stderr (stdout stays empty) and is not an error.
#[test]
fn an_empty_list_says_so() {
    let log = Log::example();
    let out = log
        .at(NOW, &["list", "reviews", "--as-of", "2005-01-01"])
        .assert()
        .success();
    assert!(out.get_output().stdout.is_empty());
    insta::assert_snapshot!(String::from_utf8_lossy(&out.get_output().stderr), @"no reviews in the log as of 2005-01-01");
}
