//! An id the log has never held is refused, never answered with silence:
//! every command that takes an id (the `log` filters, `show`, `history`,
//! `diff`, `audit`, `snapshot` and the data-entry commands) exits 1 with
//! the closest known id as a suggestion, and changes nothing.

mod support;
use support::TestLog as Log;

#[test]
fn log_refuses_an_unknown_partnership() {
    let log = Log::example();
    insta::assert_snapshot!(refused(&log, &["log", "--partnership", "twg-helth"]), @r#"
    error: there is no partnership "twg-helth" in the log
    hint: did you mean "twg-health"? `accord list partnerships` lists them
    "#);
}

#[test]
fn log_refuses_an_unknown_agreement() {
    let log = Log::example();
    insta::assert_snapshot!(refused(&log, &["log", "--agreement", "pp-helth"]), @r#"
    error: there is no agreement "pp-helth" in the log
    hint: did you mean "pp-health"? `accord list agreements` lists them
    "#);
}

#[test]
fn log_refuses_an_unknown_person() {
    let log = Log::example();
    insta::assert_snapshot!(refused(&log, &["log", "--by", "chair-helth"]), @r#"
    error: there is no person "chair-helth" in the log
    hint: did you mean "chair-health"? `accord list people` lists them
    "#);
}

#[test]
fn log_refuses_an_unknown_event_type() {
    let log = Log::example();
    insta::assert_snapshot!(refused(&log, &["log", "--type", "agreement.endorse"]), @r#"
    error: "agreement.endorse" is not an event type
    hint: did you mean "agreement.endorsed"? `accord types` lists them
    "#);
}

/// `recorded_by` is free text, but a name nobody recorded under filters to
/// silence just like a misspelt id: refused; a known name that matches
/// nothing in the other filters' range is a plain empty answer.
#[test]
fn log_refuses_an_operator_who_recorded_nothing() {
    let log = Log::example();
    insta::assert_snapshot!(refused(&log, &["log", "--recorded-by", "cdc-secretarat"]), @r#"
    error: nothing in the log was recorded by "cdc-secretarat"
    hint: did you mean "cdc-secretariat"? names are matched exactly
    "#);
    let out = log
        .cmd(&[
            "log",
            "--recorded-by",
            "cdc-secretariat",
            "--since",
            "2030-01-01",
        ])
        .assert()
        .success();
    assert!(out.get_output().stdout.is_empty());
}

#[test]
fn show_refuses_an_unknown_partnership() {
    let log = Log::example();
    insta::assert_snapshot!(refused(&log, &["show", "twg-helth"]), @r#"
    error: there is no partnership "twg-helth" in the log
    hint: did you mean "twg-health"? `accord list partnerships` lists them
    "#);
}

#[test]
fn history_refuses_an_unknown_partnership() {
    let log = Log::example();
    insta::assert_snapshot!(refused(&log, &["history", "twg-gendr"]), @r#"
    error: there is no partnership "twg-gendr" in the log
    hint: did you mean "twg-gender"? `accord list partnerships` lists them
    "#);
}

#[test]
fn diff_refuses_an_unknown_partnership() {
    let log = Log::example();
    insta::assert_snapshot!(refused(&log, &["diff", "twg-helth", "--from", "2009-09-01"]), @r#"
    error: there is no partnership "twg-helth" in the log
    hint: did you mean "twg-health"? `accord list partnerships` lists them
    "#);
}

#[test]
fn audit_refuses_an_unknown_agreement_person_or_organisation() {
    let log = Log::example();
    for args in [
        &["audit", "pp-helth"][..],
        &["audit", "--person", "chair-helth"],
        &["audit", "--org", "whoo"],
    ] {
        let err = refused(&log, args);
        assert!(err.contains("did you mean"), "{args:?}: {err}");
    }
}

#[test]
fn snapshot_refuses_a_stage_not_planned() {
    let log = Log::example();
    insta::assert_snapshot!(refused(&log, &["snapshot", "--stage", "7"]), @r"
    error: stage 7 is not planned (planned stages: 1, 2, 3, 4)
    hint: `accord status` lists the stages; a stage is planned with a stage.planned event
    ");
}

/// Every data-entry command goes through the log's rules, which refuse an
/// unknown id with the closest known one, whichever flag named it.
#[test]
fn data_entry_refuses_unknown_ids() {
    let log = Log::example();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "agreement",
                "endorse",
                "pp-helth",
                "--by",
                "chair-health",
                "--date",
                "2010-12-01",
            ],
            "pp-health",
        ),
        (
            &[
                "review",
                "respond",
                "hc-health-2010",
                "--respondent",
                "chair-helth",
                "--score",
                "shared_goal=3",
                "--date",
                "2010-12-01",
            ],
            "chair-health",
        ),
        (
            &[
                "commitment",
                "report",
                "c-dd-9",
                "--status",
                "completed",
                "--date",
                "2010-12-01",
            ],
            "c-dd-1",
        ),
        (
            &[
                "partner",
                "join",
                "twg-health",
                "--org",
                "whoo",
                "--role",
                "member",
                "--date",
                "2010-12-01",
            ],
            "who",
        ),
        (
            &["person", "move", "chair-helth", "--org", "moh"],
            "chair-health",
        ),
    ];
    for (args, suggestion) in cases {
        let err = refused(&log, args);
        assert!(
            err.contains(&format!("did you mean {suggestion:?}?")),
            "{args:?}: {err}"
        );
    }
    insta::assert_snapshot!(refused(&log, &["stage", "start", "7", "--date", "2010-12-01"]), @r"
    error: stage 7 has not been planned
      rule: stage-order (stage.started)
      nothing was recorded; the log is unchanged
    hint: the planned stages are 1, 2, 3, 4; or plan this one first with a stage.planned event (`accord stage plan 7 ...`)
    ");
}

/// stderr of a command that must be refused with exit 1, with nothing on
/// stdout and the log file unchanged.
fn refused(log: &Log, args: &[&str]) -> String {
    let before = std::fs::read(&log.db).unwrap();
    let out = log.cmd(args).assert().code(1);
    let out = out.get_output();
    assert!(out.stdout.is_empty(), "{args:?} printed on stdout");
    assert_eq!(
        std::fs::read(&log.db).unwrap(),
        before,
        "{args:?} changed the log"
    );
    String::from_utf8(out.stderr.clone()).unwrap()
}
