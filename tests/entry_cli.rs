//! The human commands end to end, through the real binary on a real log:
//! what each one records and says, every rule's refusal with its hint, and
//! the usage errors people make.

mod entry_support;

use entry_support::Log;

/// A whole programme typed in by hand: every directory, programme and
/// partnership command, with what each one says it changed.
#[test]
fn directory_programme_and_partnership_commands() {
    let log = Log::new();
    let mut out = String::new();
    for args in [
        &[
            "org",
            "add",
            "moh",
            "--name",
            "Ministry of Health",
            "--side",
            "government",
            "--date",
            "2009-05-01",
        ][..],
        &[
            "org",
            "add",
            "--org",
            "who",
            "--name",
            "World Health Organization",
            "--side",
            "development_partner",
            "--date",
            "2009-05-01",
        ],
        &[
            "org",
            "add",
            "tpi",
            "--name",
            "The Partnering Initiative",
            "--side",
            "facilitator",
            "--date",
            "2009-05-01",
        ],
        &[
            "programme",
            "define",
            "--name",
            "Making Partnerships Effective",
            "--objective",
            "Stronger TWGs",
            "--commissioned-by",
            "moh",
            "--facilitators",
            "tpi,who",
            "--date",
            "2009-05-02",
        ],
        &[
            "stage",
            "plan",
            "1",
            "--name",
            "Research",
            "--starts-on",
            "2009-06-01",
            "--ends-on",
            "2009-08-31",
            "--intended-achievements",
            "Interviews, one per TWG",
            "--intended-achievements",
            "A baseline",
            "--date",
            "2009-05-02",
        ],
        &[
            "stage",
            "plan",
            "2",
            "--name",
            "Strategic Meeting",
            "--starts-on",
            "2009-09-01",
            "--ends-on",
            "2009-09-30",
            "--date",
            "2009-05-02",
        ],
        &["stage", "start", "1", "--date", "2009-06-01"],
        &[
            "person",
            "add",
            "chair-health",
            "--name",
            "Dr Sok Chan",
            "--org",
            "moh",
            "--title",
            "Secretary of State",
            "--date",
            "2009-06-01",
        ],
        &[
            "person",
            "add",
            "lf-health",
            "--name",
            "Dr Anna Berg",
            "--org",
            "who",
            "--date",
            "2009-06-01",
        ],
        &[
            "partnership",
            "add",
            "health",
            "--name",
            "TWG Health",
            "--host",
            "moh",
            "--date",
            "2009-06-01",
        ],
        &[
            "partner",
            "join",
            "health",
            "--org",
            "moh",
            "--role",
            "chair",
            "--date",
            "2009-06-01",
        ],
        &[
            "partner",
            "join",
            "health",
            "--org",
            "who",
            "--role",
            "lead_facilitator",
            "--date",
            "2009-06-01",
        ],
        &[
            "partner",
            "join",
            "health",
            "--org",
            "tpi",
            "--role",
            "member",
            "--date",
            "2009-06-01",
        ],
        &[
            "partner",
            "leave",
            "health",
            "--org",
            "tpi",
            "--reason",
            "Facilitation ended",
            "--date",
            "2009-08-01",
        ],
        &[
            "interview",
            "add",
            "i-1",
            "--partnership",
            "health",
            "--format",
            "individual",
            "--side",
            "government",
            "--interviewees",
            "chair-health",
            "--themes",
            "added_value,expectations",
            "--notes",
            "Candid",
            "--date",
            "2009-07-01",
        ],
        &[
            "stage",
            "complete",
            "1",
            "--summary",
            "19 TWGs interviewed",
            "--date",
            "2009-08-31",
        ],
        &["stage", "start", "2", "--date", "2009-09-01"],
        &[
            "meeting",
            "add",
            "sm-2009",
            "--kind",
            "strategic_meeting",
            "--title",
            "Strategic Meeting",
            "--partnerships",
            "health",
            "--attendees",
            "chair-health",
            "--attendees",
            "lf-health",
            "--date",
            "2009-09-10",
        ],
        &[
            "activity",
            "add",
            "t-1",
            "--kind",
            "training",
            "--title",
            "Partnership brokering",
            "--partnerships",
            "health",
            "--participants",
            "24",
            "--date",
            "2009-09-20",
        ],
        &[
            "person",
            "move",
            "lf-health",
            "--org",
            "moh",
            "--title",
            "Adviser",
            "--date",
            "2009-12-01",
        ],
        &[
            "partnership",
            "add",
            "fisheries",
            "--name",
            "TWG Fisheries",
            "--date",
            "2009-06-01",
        ],
        &[
            "partnership",
            "close",
            "fisheries",
            "--reason",
            "Merged into TWG Agriculture",
            "--date",
            "2009-12-15",
        ],
    ] {
        out.push_str(&log.ok(args));
    }
    insta::assert_snapshot!(out, @r#"
    recorded seq 1: organisation.registered [<uuid>] moh "Ministry of Health" (government)
      dated 2009-05-01
    recorded seq 2: organisation.registered [<uuid>] who "World Health Organization" (development partner)
      dated 2009-05-01
    recorded seq 3: organisation.registered [<uuid>] tpi "The Partnering Initiative" (facilitator)
      dated 2009-05-01
    recorded seq 4: programme.defined [<uuid>] programme "Making Partnerships Effective"
      dated 2009-05-02
    recorded seq 5: stage.planned [<uuid>] stage 1 "Research" 2009-06-01..2009-08-31
      dated 2009-05-02
      stage 1 "Research" is planned
    recorded seq 6: stage.planned [<uuid>] stage 2 "Strategic Meeting" 2009-09-01..2009-09-30
      dated 2009-05-02
      stage 2 "Strategic Meeting" is planned
    recorded seq 7: stage.started [<uuid>] stage 1 started
      dated 2009-06-01
      stage 1 "Research" has started
    recorded seq 8: person.registered [<uuid>] chair-health "Dr Sok Chan" of moh
      dated 2009-06-01
      chair-health works for Ministry of Health (moh, government)
    recorded seq 9: person.registered [<uuid>] lf-health "Dr Anna Berg" of who
      dated 2009-06-01
      lf-health works for World Health Organization (who, development partner)
    recorded seq 10: partnership.established [<uuid>] health "TWG Health"
      dated 2009-06-01
    recorded seq 11: partner.joined [<uuid>] moh joined health as chair
      dated 2009-06-01
      Ministry of Health (moh, government) is now a partner of health as chair
    recorded seq 12: partner.joined [<uuid>] who joined health as lead_facilitator
      dated 2009-06-01
      World Health Organization (who, development partner) is now a partner of health as lead_facilitator
    recorded seq 13: partner.joined [<uuid>] tpi joined health as member
      dated 2009-06-01
      The Partnering Initiative (tpi, facilitator) is now a partner of health as member
    recorded seq 14: partner.left [<uuid>] tpi left health
      dated 2009-08-01
      The Partnering Initiative (tpi, facilitator) is no longer a partner of health
    recorded seq 15: interview.held [<uuid>] i-1 (individual, government)
      dated 2009-07-01
    recorded seq 16: stage.completed [<uuid>] stage 1 completed
      dated 2009-08-31
      stage 1 "Research" is completed
    recorded seq 17: stage.started [<uuid>] stage 2 started
      dated 2009-09-01
      stage 2 "Strategic Meeting" has started
    recorded seq 18: meeting.held [<uuid>] sm-2009 "Strategic Meeting"
      dated 2009-09-10
    recorded seq 19: activity.delivered [<uuid>] t-1 training "Partnership brokering"
      dated 2009-09-20
    recorded seq 20: person.moved [<uuid>] lf-health moved to moh
      dated 2009-12-01
      lf-health works for Ministry of Health (moh, government) from 2009-12-01; what they did before keeps World Health Organization (who, development partner)
    recorded seq 21: partnership.established [<uuid>] fisheries "TWG Fisheries"
      dated 2009-06-01
    recorded seq 22: partnership.closed [<uuid>] fisheries closed
      dated 2009-12-15
      partnership fisheries is closed: nothing more can be recorded on it
    "#);
}

/// An agreement's life: proposed, endorsed by each side (adopted), revised
/// (revision pending), endorsed again, withdrawn.
#[test]
fn agreement_commands_say_what_changed() {
    let log = Log::with_base();
    let text = log.file(
        "principles-v2.txt",
        "We work as equals.\nWe review every year.\n",
    );
    let text = text.to_str().unwrap();
    let mut out = String::new();
    for args in [
        &[
            "agreement",
            "propose",
            "tor-1",
            "--partnership",
            "health",
            "--kind",
            "terms_of_reference",
            "--title",
            "Terms of reference",
            "--text",
            "The TWG meets monthly.",
            "--proposed-by",
            "lf-health",
            "--date",
            "2009-09-09",
            "--source",
            "Strategic Meeting, day 1",
        ][..],
        &[
            "agreement",
            "endorse",
            "pp-1",
            "--by",
            "chair-health",
            "--date",
            "2009-09-11",
        ],
        &[
            "agreement",
            "endorse",
            "--agreement",
            "pp-1",
            "--version",
            "1",
            "--by",
            "lf-health",
            "--forum",
            "Strategic Meeting",
            "--date",
            "2009-09-11",
        ],
        &[
            "agreement",
            "revise",
            "pp-1",
            "--text-file",
            text,
            "--title",
            "Principles of partnership",
            "--reason",
            "Adds a yearly review",
            "--revised-by",
            "lf-health",
            "--date",
            "2009-11-01",
        ],
        &[
            "agreement",
            "endorse",
            "pp-1",
            "--by",
            "lf-health",
            "--date",
            "2009-11-02",
        ],
        &[
            "agreement",
            "endorse",
            "pp-1",
            "--by",
            "chair-health",
            "--date",
            "2009-11-03",
        ],
        &[
            "agreement",
            "withdraw",
            "tor-1",
            "--reason",
            "Replaced by the action plan",
            "--by",
            "chair-health",
            "--date",
            "2009-12-01",
        ],
    ] {
        out.push_str(&log.ok(args));
    }
    insta::assert_snapshot!(out, @r#"
    recorded seq 16: agreement.proposed [<uuid>] tor-1 "Terms of reference" by lf-health
      dated 2009-09-09
      agreement tor-1 v1 "Terms of reference" (text sha256 f67c8db3b81d) is proposed; it is adopted once endorsed by both a government and a development-partner organisation
    recorded seq 17: agreement.endorsed [<uuid>] pp-1 v1 by chair-health
      dated 2009-09-11
      chair-health of Ministry of Health (moh, government) endorsed agreement pp-1 v1 "Partnership principles" (text sha256 1ca79ed151ce)
      agreement pp-1 v1 is not adopted yet: it still needs an endorsement from a development partner organisation
    recorded seq 18: agreement.endorsed [<uuid>] pp-1 v1 by lf-health
      dated 2009-09-11
      lf-health of World Health Organization (who, development partner) endorsed agreement pp-1 v1 "Partnership principles" (text sha256 1ca79ed151ce)
      agreement pp-1 v1 is now adopted (on 2009-09-11) and in force
    recorded seq 19: agreement.revised [<uuid>] pp-1 revised by lf-health
      dated 2009-11-01
      agreement pp-1 v2 "Principles of partnership" (text sha256 f2adbdac1c9f) is its current text now; endorsements start again
      agreement pp-1 is now revision_pending: v1 stays in force until v2 is adopted
    recorded seq 20: agreement.endorsed [<uuid>] pp-1 v2 by lf-health
      dated 2009-11-02
      lf-health of World Health Organization (who, development partner) endorsed agreement pp-1 v2 "Principles of partnership" (text sha256 f2adbdac1c9f)
      agreement pp-1 v2 is not adopted yet: it still needs an endorsement from a government organisation
    recorded seq 21: agreement.endorsed [<uuid>] pp-1 v2 by chair-health
      dated 2009-11-03
      chair-health of Ministry of Health (moh, government) endorsed agreement pp-1 v2 "Principles of partnership" (text sha256 f2adbdac1c9f)
      agreement pp-1 v2 is now adopted (on 2009-11-03) and in force
    recorded seq 22: agreement.withdrawn [<uuid>] tor-1 withdrawn by chair-health
      dated 2009-12-01
      agreement tor-1 is now withdrawn: no version of it is in force
    "#);
}

#[test]
fn review_finding_and_framework_commands() {
    let log = Log::with_base();
    let mut out = String::new();
    for args in [
        &[
            "framework",
            "define",
            "traffic",
            "--name",
            "Traffic light",
            "--criterion",
            "trust=Trust between partners",
            "--criterion",
            "results=Results",
            "--scale-min",
            "1",
            "--scale-max",
            "3",
            "--date",
            "2009-10-01",
        ][..],
        &[
            "review",
            "open",
            "r-2",
            "--partnership",
            "health",
            "--kind",
            "self_assessment",
            "--framework",
            "traffic",
            "--next-due",
            "2010-10-01",
            "--date",
            "2009-10-05",
        ],
        &[
            "review",
            "respond",
            "r-1",
            "--respondent",
            "chair-health",
            "--score",
            "shared_goal=4",
            "--score",
            "engagement=2",
            "--comment",
            "Good start",
            "--date",
            "2009-10-06",
        ],
        &[
            "review",
            "respond",
            "r-1",
            "--respondent",
            "lf-health",
            "--score",
            "shared_goal=5",
            "--date",
            "2009-10-06",
        ],
        &[
            "review",
            "conclude",
            "r-1",
            "--summary",
            "Engagement is the weak point",
            "--date",
            "2009-10-10",
        ],
        &[
            "finding",
            "add",
            "f-9",
            "--partnership",
            "health",
            "--origin",
            "review",
            "--review",
            "r-1",
            "--swot",
            "weakness",
            "--theme",
            "roles",
            "--side",
            "government",
            "--text",
            "Roles of the secretariat are unclear",
            "--date",
            "2009-10-10",
        ],
        &[
            "finding",
            "add",
            "f-10",
            "--origin",
            "document",
            "--swot",
            "opportunity",
            "--theme",
            "paris_principles",
            "--text",
            "Programme-wide",
            "--date",
            "2009-10-10",
        ],
    ] {
        out.push_str(&log.ok(args));
    }
    insta::assert_snapshot!(out, @r#"
    recorded seq 16: framework.defined [<uuid>] traffic "Traffic light"
      dated 2009-10-01
    recorded seq 17: review.opened [<uuid>] r-2 of health (self_assessment)
      dated 2009-10-05
      review r-2 is open for responses
    recorded seq 18: review.response [<uuid>] r-1 by chair-health
      dated 2009-10-06
      review r-1 now has 1 response(s)
    recorded seq 19: review.response [<uuid>] r-1 by lf-health
      dated 2009-10-06
      review r-1 now has 2 response(s)
    recorded seq 20: review.concluded [<uuid>] r-1 concluded
      dated 2009-10-10
      review r-1 is concluded with 2 response(s)
    recorded seq 21: finding.recorded [<uuid>] f-9 weakness / roles
      dated 2009-10-10
    recorded seq 22: finding.recorded [<uuid>] f-10 opportunity / paris_principles
      dated 2009-10-10
    "#);
}

#[test]
fn commitment_commands_and_retraction() {
    let log = Log::with_base();
    let mut out = String::new();
    for args in [
        &[
            "commitment",
            "add",
            "c-2",
            "--partnership",
            "health",
            "--text",
            "Train the secretariat",
            "--owner",
            "who",
            "--due",
            "2010-03-31",
            "--origin",
            "r-1",
            "--date",
            "2009-10-05",
            "--id",
            "ev-c2",
        ][..],
        &[
            "commitment",
            "report",
            "c-1",
            "--status",
            "on_schedule",
            "--reported-by",
            "chair-health",
            "--date",
            "2009-11-01",
        ],
        &[
            "commitment",
            "report",
            "c-1",
            "--status",
            "behind_schedule",
            "--note",
            "Budget figures late",
            "--date",
            "2009-12-01",
            "--id",
            "ev-late",
        ],
        &[
            "commitment",
            "reschedule",
            "c-1",
            "--due",
            "2010-09-30",
            "--reason",
            "Budget approved late",
            "--date",
            "2009-12-01",
        ],
        &[
            "retract",
            "ev-late",
            "--reason",
            "Reported for the wrong commitment",
        ],
        &[
            "commitment",
            "report",
            "c-2",
            "--status",
            "completed",
            "--date",
            "2010-01-15",
        ],
    ] {
        out.push_str(&log.ok(args));
    }
    insta::assert_snapshot!(out, @"
    recorded seq 16: commitment.made [ev-c2] c-2 by who due 2010-03-31
      dated 2009-10-05
      commitment c-2 is open, due 2010-03-31
    recorded seq 17: commitment.reported [<uuid>] c-1 on_schedule
      dated 2009-11-01
      commitment c-1 is now on_schedule (was open)
    recorded seq 18: commitment.reported [ev-late] c-1 behind_schedule
      dated 2009-12-01
      commitment c-1 is now behind_schedule (was on_schedule)
    recorded seq 19: commitment.rescheduled [<uuid>] c-1 due 2010-09-30
      dated 2009-12-01
      commitment c-1 is now due 2010-09-30 (was 2010-06-30)
    recorded seq 20: event.retracted [<uuid>] retracts ev-late
      dated today (2010-01-31), the default; give --date for another day
      the event retracted: seq 18: commitment.reported c-1 behind_schedule
      commitment c-1 is now on_schedule (was behind_schedule)
    recorded seq 21: commitment.reported [<uuid>] c-2 completed
      dated 2010-01-15
      commitment c-2 is now completed (was open)
    ");
}

/// An event that back-dates its target's state (an endorsement, a report,
/// a response, a stage or membership change) needs --date: typed in from
/// old minutes, a default of today would make wrong history. `--date today`
/// says it on purpose; the other commands default to today and say so.
#[test]
fn back_dating_commands_require_a_date_and_a_default_date_is_said() {
    let log = Log::with_base();
    insta::assert_snapshot!(log.usage(&["agreement", "endorse", "pp-1", "--by", "chair-health"]), @"
    error: give --date: an endorsement counts from the day it happened, so accord does not assume today
    hint: give the date it happened, e.g. --date 2010-03-15, or --date today
    ");
    for args in [
        &["commitment", "report", "c-1", "--status", "on_schedule"][..],
        &[
            "review",
            "respond",
            "r-1",
            "--respondent",
            "chair-health",
            "--score",
            "shared_goal=3",
        ],
        &["review", "conclude", "r-1", "--summary", "Done"],
        &["stage", "complete", "1"],
        &["stage", "start", "2"],
        &[
            "partner",
            "join",
            "health",
            "--org",
            "ngo-forum",
            "--role",
            "member",
        ],
        &[
            "partner", "leave", "health", "--org", "who", "--reason", "Left",
        ],
    ] {
        let err = log.usage(args);
        assert!(
            err.contains("error: give --date: ") && err.contains("or --date today"),
            "{args:?}: {err}"
        );
    }
    insta::assert_snapshot!(log.ok(&["agreement", "endorse", "pp-1", "--by", "chair-health", "--date", "2009-10-15"]), @r#"
    recorded seq 16: agreement.endorsed [<uuid>] pp-1 v1 by chair-health
      dated 2009-10-15
      chair-health of Ministry of Health (moh, government) endorsed agreement pp-1 v1 "Partnership principles" (text sha256 1ca79ed151ce)
      agreement pp-1 v1 is not adopted yet: it still needs an endorsement from a development partner organisation
    "#);
    // The adoption is dated by the endorsement that completed it, not by today.
    insta::assert_snapshot!(log.ok(&["agreement", "endorse", "pp-1", "--by", "lf-health", "--date", "2009-10-20"]), @r#"
    recorded seq 17: agreement.endorsed [<uuid>] pp-1 v1 by lf-health
      dated 2009-10-20
      lf-health of World Health Organization (who, development partner) endorsed agreement pp-1 v1 "Partnership principles" (text sha256 1ca79ed151ce)
      agreement pp-1 v1 is now adopted (on 2009-10-20) and in force
    "#);
    insta::assert_snapshot!(log.ok(&["org", "add", "mop", "--name", "Ministry of Planning", "--side", "government", "--date", "today"]), @r#"
    recorded seq 18: organisation.registered [<uuid>] mop "Ministry of Planning" (government)
      dated 2010-01-31 (today)
    "#);
    insta::assert_snapshot!(log.ok(&["org", "add", "mef", "--name", "Ministry of Economy and Finance", "--side", "government"]), @r#"
    recorded seq 19: organisation.registered [<uuid>] mef "Ministry of Economy and Finance" (government)
      dated today (2010-01-31), the default; give --date for another day
    "#);
}

/// `retract` takes the event's seq (the first column of `log`), its id, or
/// a unique start of its id; a start shared by several ids is refused with
/// the candidates, and `log` shows the seq and the id that `retract` takes.
#[test]
fn retract_by_seq_by_id_prefix_and_an_ambiguous_prefix() {
    let log = Log::with_base();
    for (status, id, date) in [
        ("on_schedule", "rep-alpha-1", "2009-11-01"),
        ("behind_schedule", "rep-alpha-2", "2009-12-01"),
        ("completed", "rep-beta", "2010-01-15"),
    ] {
        log.ok(&[
            "commitment",
            "report",
            "c-1",
            "--status",
            status,
            "--date",
            date,
            "--id",
            id,
        ]);
    }
    insta::assert_snapshot!(log.ok(&["log", "--type", "commitment.reported"]), @"
        16  2009-11-01  commitment.reported      c-1 on_schedule  [rep-alpha-1]
        17  2009-12-01  commitment.reported      c-1 behind_schedule  [rep-alpha-2]
        18  2010-01-15  commitment.reported      c-1 completed  [rep-beta]
    ");
    insta::assert_snapshot!(log.ok(&["retract", "18", "--reason", "Not yet completed"]), @"
    recorded seq 19: event.retracted [<uuid>] retracts rep-beta
      dated today (2010-01-31), the default; give --date for another day
      the event retracted: seq 18: commitment.reported c-1 completed
      commitment c-1 is now behind_schedule (was completed)
    ");
    insta::assert_snapshot!(log.rejected(&["retract", "rep-alpha", "--reason", "Wrong"]), @r#"
    error: "rep-alpha" is the start of 2 event ids; it must name one
      seq 16: rep-alpha-1
      seq 17: rep-alpha-2
    hint: give more of the id, the whole id, or the event's seq
    "#);
    insta::assert_snapshot!(log.ok(&["retract", "rep-alpha-2", "--reason", "Was on schedule"]), @"
    recorded seq 20: event.retracted [<uuid>] retracts rep-alpha-2
      dated today (2010-01-31), the default; give --date for another day
      the event retracted: seq 17: commitment.reported c-1 behind_schedule
      commitment c-1 is now on_schedule (was behind_schedule)
    ");
    insta::assert_snapshot!(log.rejected(&["retract", "400", "--reason", "Typo"]), @"
    error: there is no event at seq 400: the log holds seq 1 to 20
    hint: find the event with `accord log`: the seq is the first column
    ");
}

/// A long generated id is shown by its shortest unique start (at least 8
/// characters), and `retract` takes that short form.
#[test]
fn log_shows_a_short_form_of_generated_ids_that_retract_takes() {
    let log = Log::with_base();
    log.ok(&[
        "commitment",
        "report",
        "c-1",
        "--status",
        "on_schedule",
        "--date",
        "2009-11-01",
    ]);
    // Read unredacted: `Log::ok` hides generated ids.
    let json = String::from_utf8(
        log.cmd(&["log", "--json", "--limit", "1"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    let id = v["id"].as_str().unwrap().to_owned();
    let line = String::from_utf8(
        log.cmd(&["log", "--limit", "1"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    let short = line
        .trim_end()
        .rsplit_once('[')
        .and_then(|(_, s)| s.strip_suffix(']'))
        .unwrap()
        .to_owned();
    assert!(
        short.len() >= 8 && short.len() < id.len() && id.starts_with(&short),
        "{line}"
    );
    let out = log.ok(&["retract", &short, "--reason", "Typo"]);
    assert!(
        out.contains("the event retracted: seq 16: commitment.reported c-1 on_schedule"),
        "{out}"
    );
}

#[test]
fn endorse_without_version_endorses_the_current_text_and_says_which() {
    let log = Log::with_base();
    log.ok(&[
        "agreement",
        "revise",
        "pp-1",
        "--text",
        "We work as equals, and review yearly.",
        "--reason",
        "Review clause",
        "--revised-by",
        "chair-health",
        "--date",
        "2009-10-01",
    ]);
    let out = log.ok(&[
        "agreement",
        "endorse",
        "pp-1",
        "--by",
        "chair-health",
        "--date",
        "2009-10-02",
    ]);
    insta::assert_snapshot!(out, @r#"
    recorded seq 17: agreement.endorsed [<uuid>] pp-1 v2 by chair-health
      dated 2009-10-02
      chair-health of Ministry of Health (moh, government) endorsed agreement pp-1 v2 "Partnership principles" (text sha256 7ff3478088a1)
      agreement pp-1 v2 is not adopted yet: it still needs an endorsement from a development partner organisation
    "#);
}

#[test]
fn the_same_id_twice_records_nothing_twice() {
    let log = Log::with_base();
    let args = [
        "agreement",
        "endorse",
        "pp-1",
        "--by",
        "chair-health",
        "--date",
        "2009-09-11",
        "--id",
        "ev-end-1",
    ];
    log.ok(&args);
    let n = log.count();
    insta::assert_snapshot!(log.ok(&args), @"already recorded: the event ev-end-1 is in the log with the same content; nothing was appended");
    assert_eq!(log.count(), n);
    let mut different = args.to_vec();
    different[6] = "2009-09-12";
    insta::assert_snapshot!(log.rejected(&different), @r#"
    error: the event id "ev-end-1" is already recorded (seq 16) with a different occurred_at
      rule: id-conflict (an event id names one event: the same id must carry the same content)
      nothing was recorded; the log is unchanged
    hint: give another --id, or leave --id out; see the recorded event with `accord log --json | grep '"ev-end-1"'`
    "#);
}

#[test]
fn json_output_names_seq_id_and_changes() {
    let log = Log::with_base();
    let out = log.ok(&[
        "--json",
        "commitment",
        "report",
        "c-1",
        "--status",
        "completed",
        "--date",
        "2010-01-02",
        "--id",
        "ev-done",
    ]);
    insta::assert_snapshot!(out, @r#"{"changes":["commitment c-1 is now completed (was open)"],"recorded":{"date_defaulted":false,"id":"ev-done","occurred_at":"2010-01-02","seq":16,"stream":"partnership:health","type":"commitment.reported"}}"#);
}

#[test]
fn text_file_is_read_as_the_text() {
    let log = Log::with_base();
    let f = log.file("plan.txt", "\u{feff}Line one\r\nLine two\r\n");
    log.ok(&[
        "agreement",
        "propose",
        "ap-1",
        "--partnership",
        "health",
        "--kind",
        "action_plan",
        "--title",
        "Action plan",
        "--text-file",
        f.to_str().unwrap(),
        "--proposed-by",
        "chair-health",
        "--date",
        "2009-10-01",
    ]);
    let out = log.ok(&["log", "--json", "--type", "agreement.proposed"]);
    assert!(out.contains(r#""text":"Line one\r\nLine two""#), "{out}");
}

// One refused command per rule: the message, the rule, and the hint.

#[test]
fn rule_reference_suggests_the_id_meant() {
    let log = Log::with_base();
    insta::assert_snapshot!(log.rejected(&["agreement", "endorse", "pp-1", "--by", "chair-helth", "--date", "2009-09-11"]), @r#"
    error: there is no person "chair-helth" in the log
      rule: reference (agreement.endorsed); check --by
      nothing was recorded; the log is unchanged
    hint: did you mean "chair-health"?
    "#);
    insta::assert_snapshot!(log.rejected(&["review", "respond", "r-9", "--respondent", "chair-health", "--score", "shared_goal=3", "--date", "today"]), @r#"
    error: there is no review "r-9" in the log
      rule: reference (review.response); check the review (the first argument)
      nothing was recorded; the log is unchanged
    hint: did you mean "r-1"?
    "#);
}

#[test]
fn rule_unique_id() {
    let log = Log::with_base();
    insta::assert_snapshot!(log.rejected(&["org", "add", "moh", "--name", "Ministry of Health", "--side", "government"]), @r#"
    error: organisation "moh" is already recorded; an id is registered once
      rule: unique-id (organisation.registered); check the org (the first argument)
      nothing was recorded; the log is unchanged
    hint: choose another id, or run `accord log --type` to see the event that recorded organisation "moh"
    "#);
}

#[test]
fn rule_date_order() {
    let log = Log::with_base();
    insta::assert_snapshot!(log.rejected(&["agreement", "endorse", "pp-1", "--by", "chair-health", "--date", "2009-09-01"]), @r#"
    error: this event occurs on 2009-09-01, before agreement "pp-1" was recorded as existing (on 2009-09-09)
      rule: date-order (agreement.endorsed); check --date
      nothing was recorded; the log is unchanged
    hint: check --date: an event cannot happen before what it refers to
    "#);
}

#[test]
fn rule_membership() {
    let log = Log::with_base();
    insta::assert_snapshot!(log.rejected(&["partner", "join", "health", "--org", "moh", "--role", "member", "--date", "today"]), @"
    error: Ministry of Health (moh) is already a partner of TWG Health (health)
      rule: membership (partner.joined); check --org
      nothing was recorded; the log is unchanged
    ");
    insta::assert_snapshot!(log.rejected(&["partner", "leave", "health", "--org", "ngo-forum", "--reason", "x", "--date", "today"]), @"
    error: NGO Forum (ngo-forum) is not a partner of TWG Health (health), so it cannot leave
      rule: membership (partner.left); check --org
      nothing was recorded; the log is unchanged
    ");
}

#[test]
fn rule_acting_partner_hints_the_join_command() {
    let log = Log::with_base();
    insta::assert_snapshot!(log.rejected(&["agreement", "endorse", "pp-1", "--by", "ngo-rep", "--date", "2009-09-11"]), @r#"
    error: "ngo-rep" acts for NGO Forum (ngo-forum), which is not a partner of TWG Health (health) on 2009-09-11
      rule: acting-partner (agreement.endorsed); check --by
      nothing was recorded; the log is unchanged
    hint: add it first with `accord partner join health --org ngo-forum --role member --date YYYY-MM-DD`
    "#);
}

#[test]
fn rule_withdrawn() {
    let log = Log::with_base();
    log.ok(&[
        "agreement",
        "withdraw",
        "pp-1",
        "--reason",
        "Superseded",
        "--by",
        "chair-health",
        "--date",
        "2009-10-01",
    ]);
    insta::assert_snapshot!(log.rejected(&["agreement", "endorse", "pp-1", "--by", "lf-health", "--date", "2009-10-02"]), @r#"
    error: agreement "pp-1" (Partnership principles) was withdrawn on 2009-10-01; nothing more is recorded on it
      rule: withdrawn (agreement.endorsed)
      nothing was recorded; the log is unchanged
    hint: propose a new agreement instead
    "#);
}

#[test]
fn rule_current_version() {
    let log = Log::with_base();
    log.ok(&[
        "agreement",
        "revise",
        "pp-1",
        "--text",
        "New text",
        "--reason",
        "Clearer",
        "--revised-by",
        "chair-health",
        "--date",
        "2009-10-01",
    ]);
    insta::assert_snapshot!(log.rejected(&["agreement", "endorse", "pp-1", "--version", "1", "--by", "lf-health", "--date", "2009-10-02"]), @r#"
    error: agreement "pp-1" is at version 2; version 1 cannot be endorsed
      rule: current-version (agreement.endorsed); check --version
      nothing was recorded; the log is unchanged
    hint: endorse version 2 (the current text), or leave --version out
    "#);
}

#[test]
fn rule_endorse_once() {
    let log = Log::with_base();
    log.ok(&[
        "agreement",
        "endorse",
        "pp-1",
        "--by",
        "chair-health",
        "--date",
        "2009-09-11",
    ]);
    insta::assert_snapshot!(log.rejected(&["agreement", "endorse", "pp-1", "--by", "chair-health", "--date", "2009-09-12"]), @r#"
    error: "chair-health" has already endorsed version 1 of agreement "pp-1"
      rule: endorse-once (agreement.endorsed); check --by
      nothing was recorded; the log is unchanged
    "#);
}

#[test]
fn rule_score() {
    let log = Log::with_base();
    insta::assert_snapshot!(log.rejected(&["review", "respond", "r-1", "--respondent", "chair-health", "--score", "engagement=9", "--date", "today"]), @r#"
    error: the score 9 for "engagement" is outside the scale 1–5
      rule: score (review.response); check --score engagement=...
      nothing was recorded; the log is unchanged
    "#);
    insta::assert_snapshot!(log.rejected(&["review", "respond", "r-1", "--respondent", "chair-health", "--score", "engagment=3", "--date", "today"]), @r#"
    error: "engagment" is not a criterion of the framework "effectiveness" (its criteria: shared_goal, co_creation, inclusive_transparent, engagement, review_revision)
      rule: score (review.response); check --score engagment=...
      nothing was recorded; the log is unchanged
    hint: did you mean "engagement"?
    "#);
    insta::assert_snapshot!(log.rejected(&["review", "respond", "r-1", "--respondent", "chair-health", "--date", "today"]), @"
    error: a response scores at least one criterion
      rule: score (review.response); check --score
      nothing was recorded; the log is unchanged
    ");
}

#[test]
fn rule_review_concluded() {
    let log = Log::with_base();
    log.ok(&[
        "review",
        "conclude",
        "r-1",
        "--summary",
        "Done",
        "--date",
        "2009-10-10",
    ]);
    insta::assert_snapshot!(log.rejected(&["review", "respond", "r-1", "--respondent", "chair-health", "--score", "shared_goal=3", "--date", "today"]), @r#"
    error: review "r-1" was concluded on 2009-10-10; it takes no more responses
      rule: review-concluded (review.response)
      nothing was recorded; the log is unchanged
    "#);
}

#[test]
fn rule_respond_once() {
    let log = Log::with_base();
    log.ok(&[
        "review",
        "respond",
        "r-1",
        "--respondent",
        "chair-health",
        "--score",
        "shared_goal=3",
        "--date",
        "2009-10-05",
    ]);
    insta::assert_snapshot!(log.rejected(&["review", "respond", "r-1", "--respondent", "chair-health", "--score", "shared_goal=4", "--date", "today"]), @r#"
    error: "chair-health" has already responded to review "r-1"
      rule: respond-once (review.response); check --respondent
      nothing was recorded; the log is unchanged
    hint: one response per respondent per review; to correct it, retract the earlier response and respond again
    "#);
}

#[test]
fn rule_stage_order() {
    let log = Log::with_base();
    insta::assert_snapshot!(log.rejected(&["stage", "start", "2", "--date", "today"]), @"
    error: stage 2 cannot start before stage 1 is completed
      rule: stage-order (stage.started)
      nothing was recorded; the log is unchanged
    hint: complete stage 1 first (`accord stage complete 1 --date YYYY-MM-DD`)
    ");
    insta::assert_snapshot!(log.rejected(&["stage", "complete", "2", "--date", "today"]), @"
    error: stage 2 has not started; it cannot be completed
      rule: stage-order (stage.completed)
      nothing was recorded; the log is unchanged
    hint: start it first (`accord stage start 2 --date YYYY-MM-DD`)
    ");
}

#[test]
fn rule_commitment_closed() {
    let log = Log::with_base();
    log.ok(&[
        "commitment",
        "report",
        "c-1",
        "--status",
        "completed",
        "--date",
        "2010-01-10",
    ]);
    insta::assert_snapshot!(log.rejected(&["commitment", "report", "c-1", "--status", "behind_schedule", "--date", "today"]), @r#"
    error: commitment "c-1" is already completed; it takes no more reports
      rule: commitment-closed (commitment.reported)
      nothing was recorded; the log is unchanged
    hint: if that report was a mistake, retract it with `accord retract` and report again
    "#);
}

#[test]
fn rule_partnership_closed() {
    let log = Log::with_base();
    log.ok(&[
        "partnership",
        "close",
        "health",
        "--reason",
        "Merged",
        "--date",
        "2010-01-10",
    ]);
    insta::assert_snapshot!(log.rejected(&["partner", "join", "health", "--org", "ngo-forum", "--role", "member", "--date", "today"]), @r#"
    error: partnership "health" was closed on 2010-01-10; nothing more is recorded on it
      rule: partnership-closed (partner.joined)
      nothing was recorded; the log is unchanged
    hint: if it was closed by mistake, retract the partnership.closed event with `accord retract`
    "#);
}

#[test]
fn rule_retraction() {
    let log = Log::with_base();
    insta::assert_snapshot!(log.rejected(&["retract", "b13", "--reason", "Wrong text"]), @"
    error: proposals and revisions are never retracted: correct a wrong text with a further revision (`accord agreement revise`), or withdraw the agreement
      rule: retraction (event.retracted)
      nothing was recorded; the log is unchanged
    ");
    insta::assert_snapshot!(log.rejected(&["retract", "b07", "--reason", "Wrong name"]), @r#"
    error: event "b07" cannot be retracted: 5 standing event(s) name partnership "health"
      rule: retraction (event.retracted)
      nothing was recorded; the log is unchanged
    hint: retract the later events that depend on it first (newest first)
    "#);
    insta::assert_snapshot!(log.rejected(&["retract", "b99", "--reason", "Typo"]), @r#"
    error: there is no event with id "b99" in the log
      rule: reference (event.retracted); check the event (the first argument)
      nothing was recorded; the log is unchanged
    hint: find the event with `accord log`: its id is at the end of its line, in [brackets] (`accord retract` also takes the seq, the first column)
    "#);
}

// Mistakes in the command line itself (exit 2).

#[test]
fn usage_errors_say_what_to_write() {
    let log = Log::with_base();
    insta::assert_snapshot!(log.usage(&["org", "add", "Health Ministry", "--name", "x", "--side", "government"]), @r#"
    error: invalid value 'Health Ministry' for '[ORG]': "Health Ministry" is not a valid id: use 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit (for example "twg-health")

    For more information, try '--help'.
    "#);
    insta::assert_snapshot!(log.usage(&["org", "add", "mop", "--name", "Ministry of Planning", "--side", "goverment"]), @"
    error: invalid value 'goverment' for '--side <SIDE>'
      [possible values: government, development_partner, civil_society, private_sector, academic, facilitator]

      tip: a similar value exists: 'government'

    For more information, try '--help'.
    ");
    insta::assert_snapshot!(log.usage(&["stage", "start", "1", "--date", "2010-02-05"]), @"
    error: --date: 2010-02-05 is in the future (today is 2010-01-31); an event may be back-dated but not dated more than one day ahead
    hint: see --help for the flags and an example
    ");
    insta::assert_snapshot!(log.usage(&["commitment", "reschedule", "c-1", "--due", "30/06/2010", "--reason", "x"]), @r#"
    error: invalid value '30/06/2010' for '--due <DUE>': "30/06/2010" is not a date: write it as YYYY-MM-DD, for example 2009-09-11

    For more information, try '--help'.
    "#);
    insta::assert_snapshot!(log.usage(&["agreement", "propose", "ap-1", "--partnership", "health", "--kind", "action_plan", "--title", "Plan", "--proposed-by", "chair-health"]), @"
    error: give the text with --text or --text-file
    hint: for a long text, write it in a file and give --text-file PATH
    ");
    insta::assert_snapshot!(log.usage(&["review", "respond", "r-1", "--respondent", "chair-health", "--score", "shared_goal"]), @r#"
    error: invalid value 'shared_goal' for '--score <CRITERION=N>': "shared_goal" should be written CRITERION=SCORE, for example shared_goal=4

    For more information, try '--help'.
    "#);
    insta::assert_snapshot!(log.usage(&["partner", "join", "--org", "moh", "--role", "chair"]), @"
    error: the following required arguments were not provided:
      <PARTNERSHIP>

    Usage: accord partner join --org <ORG> --role <ROLE> --db <PATH> --as <NAME> <PARTNERSHIP>

    For more information, try '--help'.
    ");
}

#[test]
fn nobody_to_record_as_is_refused_before_anything_is_read() {
    let log = Log::with_base();
    let before = log.bytes();
    let out = log
        .cmd(&[
            "org",
            "add",
            "mop",
            "--name",
            "Ministry of Planning",
            "--side",
            "government",
        ])
        .env_remove("ACCORD_USER")
        .assert()
        .code(2);
    assert_eq!(log.bytes(), before);
    insta::assert_snapshot!(entry_support::text(&out.get_output().stderr), @"
    error: nobody to record as recorded_by: accord records who typed every event in
    hint: say who you are with --as NAME, or set ACCORD_USER=NAME
    ");
}

#[test]
fn every_command_has_help_with_an_example() {
    let log = Log::new();
    let commands: &[&[&str]] = &[
        &["programme", "define"],
        &["stage", "plan"],
        &["stage", "start"],
        &["stage", "complete"],
        &["org", "add"],
        &["person", "add"],
        &["person", "move"],
        &["partnership", "add"],
        &["partnership", "close"],
        &["partner", "join"],
        &["partner", "leave"],
        &["agreement", "propose"],
        &["agreement", "endorse"],
        &["agreement", "revise"],
        &["agreement", "withdraw"],
        &["framework", "define"],
        &["review", "open"],
        &["review", "respond"],
        &["review", "conclude"],
        &["finding", "add"],
        &["interview", "add"],
        &["meeting", "add"],
        &["activity", "add"],
        &["commitment", "add"],
        &["commitment", "report"],
        &["commitment", "reschedule"],
        &["retract"],
        &["import"],
    ];
    for c in commands {
        let mut args = c.to_vec();
        args.push("--help");
        let help = log.ok(&args);
        let example = format!("accord {}", c.join(" "));
        assert!(
            help.contains("Example") && help.contains(&example),
            "{args:?} has no example:\n{help}"
        );
    }
    // The flags are the data fields, named after them.
    let help = log.ok(&["agreement", "propose", "--help"]);
    for flag in [
        "--partnership",
        "--kind",
        "--title",
        "--text",
        "--text-file",
        "--proposed-by",
        "--date",
        "--id",
        "--source",
    ] {
        assert!(help.contains(flag), "{flag} missing:\n{help}");
    }
}
