//! `accord import` end to end: spreadsheet rows to events, all or none,
//! every bad row reported with the row number a spreadsheet shows and its
//! column, `--dry-run`, and the habits of spreadsheet programs (a byte order
//! mark, CRLF or CR line endings, empty rows at the end).

mod entry_support;

use std::path::PathBuf;

use entry_support::Log;

fn example(name: &str) -> String {
    let p: PathBuf = [env!("CARGO_MANIFEST_DIR"), "examples", name]
        .iter()
        .collect();
    p.to_str().unwrap().to_owned()
}

/// The example sheets of `examples/` import into the built-in example, as
/// the README shows.
#[test]
fn the_example_sheets_import_into_the_built_in_example() {
    let log = Log::cambodia();
    log.ok(&[
        "review",
        "open",
        "ar-health-2010",
        "--partnership",
        "twg-health",
        "--kind",
        "annual_review",
        "--next-due",
        "2011-12-01",
        "--date",
        "2010-12-01",
    ]);
    let reviews = log.ok(&["import", &example("reviews.csv"), "--date", "2010-12-10"]);
    insta::assert_snapshot!(reviews, @r#"
    imported reviews.csv (reviews): appended 5 event(s) (seq 691–695)
    what changed:
      review ar-health-2010 now has 5 response(s)
    "#);
    let commitments = log.ok(&[
        "import",
        &example("commitments.csv"),
        "--date",
        "2010-12-15",
    ]);
    insta::assert_snapshot!(commitments, @r#"
    imported commitments.csv (commitments): appended 3 event(s) (seq 696–698)
    what changed:
      commitment c-health-2011-1 is open, due 2011-03-31
      commitment c-health-2011-2 is open, due 2011-02-28
      commitment c-health-2011-3 is open, due 2011-01-31
    "#);
    let recorded = log.ok(&["log", "--type", "review.response", "--since", "2010-12-10"]);
    assert_eq!(recorded.lines().count(), 5, "{recorded}");
}

const REVIEWS: &str = "review,respondent,shared_goal,co_creation,engagement,comment\n";

#[test]
fn spreadsheet_habits_are_tolerated() {
    let log = Log::with_base();
    // A byte order mark, a header in other case and spacing, CRLF, a lone CR
    // and LF mixed, a comment with a line break and commas, empty rows at the end.
    let sheet = "\u{feff}Review, Respondent ,Shared goal,co_creation,engagement,Comment\r\n\
                 r-1,chair-health,4,3,2,\"Good start,\r\nbut slow\"\r\
                 r-1,lf-health,5,,2,\n\
                 ,,,,,\r\n\
                 ,,,,,\r\n";
    let f = log.file("reviews.csv", sheet);
    let out = log.ok(&["import", f.to_str().unwrap(), "--date", "2009-10-06"]);
    insta::assert_snapshot!(out, @"
    imported reviews.csv (reviews): appended 2 event(s) (seq 16–17)
    what changed:
      review r-1 now has 2 response(s)
    ");
    let stored = log.ok(&["log", "--json", "--type", "review.response"]);
    assert!(
        stored.contains(r#""comment":"Good start,\nbut slow""#),
        "{stored}"
    );
    assert!(
        stored.contains(r#""source":"reviews.csv, row 3""#),
        "the source names the row: {stored}"
    );
}

#[test]
fn every_bad_row_is_reported_with_its_row_and_column() {
    let log = Log::with_base();
    let sheet = format!(
        "{REVIEWS}\
         r-1,chair-health,4,3,2,fine\n\
         r-1,lf-health,9,3,2,score out of scale\n\
         r-1,chair-helth,4,3,2,unknown person\n\
         r-1,chair-health,4,4,4,duplicate row\n\
         r-1,ngo-rep,4,four,,not a number\n\
         r-7,lf-health,1,1,1,unknown review\n"
    );
    let f = log.file("reviews.csv", sheet);
    let before = log.count();
    insta::assert_snapshot!(log.rejected(&["import", f.to_str().unwrap()]), @r#"
    error: reviews.csv: 5 rows cannot be imported
      row 3, column shared_goal: the score 9 for "shared_goal" is outside the scale 1–5
      row 4, column respondent: there is no person "chair-helth" in the log — did you mean "chair-health"?
      row 5, column respondent: repeats row 2: "chair-health" already has a row for review "r-1"
      row 6, column co_creation: "four" is not a whole number; scores are whole numbers on the framework's scale
      row 7, column review: there is no review "r-7" in the log — did you mean "r-1"?
      nothing was imported; the log is unchanged
    hint: fix the rows named above in the spreadsheet, save it as CSV UTF-8 and import it again (`accord import --dry-run FILE` checks a file without recording anything)
    "#);
    assert_eq!(log.count(), before, "all rows or none");
}

#[test]
fn a_rule_broken_against_the_log_is_reported_and_nothing_is_imported() {
    // Every cell is fine on its own; the log refuses row 3 (the respondent's
    // organisation is not a partner) and row 4 (that respondent has already
    // responded), and row 2, though fine, is not imported either.
    let log = Log::with_base();
    log.ok(&[
        "review",
        "respond",
        "r-1",
        "--respondent",
        "lf-health",
        "--score",
        "shared_goal=3",
        "--date",
        "2009-10-05",
    ]);
    let f = log.file(
        "reviews.csv",
        format!("{REVIEWS}r-1,chair-health,4,3,2,\nr-1,ngo-rep,4,3,2,\nr-1,lf-health,4,3,2,\n"),
    );
    let before = log.bytes();
    insta::assert_snapshot!(log.rejected(&["import", f.to_str().unwrap()]), @r#"
    error: reviews.csv: 2 rows cannot be imported
      row 3, column respondent: "ngo-rep" acts for NGO Forum (ngo-forum), which is not a partner of TWG Health (health) on 2010-01-31 — add it first with `accord partner join health --org ngo-forum --role member --date YYYY-MM-DD`
      row 4, column respondent: "lf-health" has already responded to review "r-1" — one response per respondent per review; to correct it, retract the earlier response and respond again
      nothing was imported; the log is unchanged
    hint: fix the rows named above in the spreadsheet, save it as CSV UTF-8 and import it again (`accord import --dry-run FILE` checks a file without recording anything)
    "#);
    assert_eq!(log.bytes(), before, "byte for byte unchanged");
}

#[test]
fn row_numbers_count_cr_line_endings_and_multi_line_cells() {
    let log = Log::with_base();
    let sheet = "review,respondent,shared_goal,co_creation,engagement,comment\r\
                 r-1,chair-health,4,3,2,\"two\rlines\"\r\
                 \r\
                 r-1,lf-health,4,3,7,\r";
    let f = log.file("reviews.csv", sheet);
    insta::assert_snapshot!(log.rejected(&["import", f.to_str().unwrap()]), @r#"
    error: reviews.csv: 1 row cannot be imported
      row 4, column engagement: the score 7 for "engagement" is outside the scale 1–5
      nothing was imported; the log is unchanged
    hint: fix the rows named above in the spreadsheet, save it as CSV UTF-8 and import it again (`accord import --dry-run FILE` checks a file without recording anything)
    "#);
}

#[test]
fn a_wrong_header_lists_the_expected_columns() {
    let log = Log::with_base();
    let f = log.file("scores.csv", "name,score\nchair-health,4\n");
    insta::assert_snapshot!(log.rejected(&["import", f.to_str().unwrap()]), @r#"
    error: scores.csv: row 1 (the header) does not name the columns of a sheet accord can import: it has name, score
      nothing was imported; the log is unchanged
    hint: the first row must name the columns, either
      reviews: review, respondent, one column per criterion (for the built-in framework: shared_goal, co_creation, inclusive_transparent, engagement, review_revision), comment
      commitments: commitment, partnership, text, owner, due, and optionally origin
      translations: of, id, field, translated_by, one column per language (km, en), and optionally version, original
      (all may add date and source)
    "#);
    let f = log.file(
        "commitments.csv",
        "commitment,partnership,text,owner,deadline\n",
    );
    insta::assert_snapshot!(log.rejected(&["import", f.to_str().unwrap()]), @r#"
    error: commitments.csv: row 1 (the header): "deadline" is not a column of a commitments sheet; the column due is missing
      nothing was imported; the log is unchanged
    hint: a commitments sheet has the columns commitment, partnership, text, owner, due; and optionally origin, date, source
    "#);
    let f = log.file(
        "reviews.csv",
        "review,respondent,comment\nr-1,chair-health,x\n",
    );
    insta::assert_snapshot!(log.rejected(&["import", f.to_str().unwrap()]), @"
    error: reviews.csv: row 1 (the header): there is no criterion column to score (for example shared_goal)
      nothing was imported; the log is unchanged
    hint: a reviews sheet has the columns review, respondent, one column per criterion (for example shared_goal), comment; and optionally date, source
    ");
    let f = log.file(
        "reviews.csv",
        "review,respondent,shared_goal,engagment\nr-1,chair-health,4,3\nr-1,lf-health,4,2\n",
    );
    insta::assert_snapshot!(log.rejected(&["import", f.to_str().unwrap()]), @r#"
    error: reviews.csv: row 1 (the header): "engagment" is not a criterion of the framework "effectiveness" that review "r-1" is scored on (its criteria: shared_goal, co_creation, inclusive_transparent, engagement, review_revision); did you mean "engagement"?
      nothing was imported; the log is unchanged
    hint: name each score column after a criterion of the review's framework (leave a cell empty when it was not scored)
    "#);
    let f = log.file(
        "header-only.csv",
        "commitment,partnership,text,owner,due\r\n,,,,\r\n",
    );
    insta::assert_snapshot!(log.rejected(&["import", f.to_str().unwrap()]), @"
    error: header-only.csv: the sheet has a header but no rows; there is nothing to import
    hint: fill in one row per response or commitment below the header (in a translations sheet, a translation under a language column)
    ");
    let f = log.file("empty.csv", "");
    insta::assert_snapshot!(log.rejected(&["import", f.to_str().unwrap()]), @r#"
    error: empty.csv: the file is empty
      nothing was imported; the log is unchanged
    hint: the first row names the columns:
      reviews: review, respondent, one column per criterion (for the built-in framework: shared_goal, co_creation, inclusive_transparent, engagement, review_revision), comment
      commitments: commitment, partnership, text, owner, due, and optionally origin
      translations: of, id, field, translated_by, one column per language (km, en), and optionally version, original
      (all may add date and source)
    "#);
}

#[test]
fn commitments_sheet_accepted_and_rejected() {
    let log = Log::with_base();
    let good = log.file(
        "commitments.csv",
        "commitment,partnership,text,owner,due,origin,date\n\
         c-2,health,Train the secretariat,who,2010-03-31,r-1,2009-10-05\n\
         c-3,health,\"Publish minutes, within a week\",moh,2010-04-30,,\n",
    );
    insta::assert_snapshot!(log.ok(&["import", good.to_str().unwrap(), "--date", "2009-10-06"]), @"
    imported commitments.csv (commitments): appended 2 event(s) (seq 16–17)
    what changed:
      commitment c-2 is open, due 2010-03-31
      commitment c-3 is open, due 2010-04-30
    ");
    let bad = log.file(
        "more.csv",
        "commitment,partnership,text,owner,due\n\
         c-4,health,Fine,moh,2010-05-31\n\
         c-4,health,Same id twice,moh,2010-05-31\n\
         c-1,health,Already in the log,moh,2010-05-31\n\
         c-5,helth,Unknown partnership,moh,2010-05-31\n\
         c-6,health,Unknown owner,mho,2010-05-31\n\
         c-7,health,Bad date,moh,31/05/2010\n\
         c-8,health,,moh,2010-05-31\n",
    );
    insta::assert_snapshot!(log.rejected(&["import", bad.to_str().unwrap()]), @r#"
    error: more.csv: 6 rows cannot be imported
      row 3, column commitment: repeats row 2: commitment "c-4" is already on that row
      row 4, column commitment: commitment "c-1" is already recorded; an id is registered once — choose another id, or run `accord log --type` to see the event that recorded commitment "c-1"
      row 5, column partnership: there is no partnership "helth" in the log — did you mean "health"?
      row 6, column owner: there is no organisation "mho" in the log — did you mean "who"?
      row 7, column due: "31/05/2010" is not a date: write it as YYYY-MM-DD, for example 2009-09-11
      row 8, column text: is empty; every row needs a text
      nothing was imported; the log is unchanged
    hint: fix the rows named above in the spreadsheet, save it as CSV UTF-8 and import it again (`accord import --dry-run FILE` checks a file without recording anything)
    "#);
}

#[test]
fn dry_run_appends_nothing() {
    let log = Log::with_base();
    let f = log.file(
        "reviews.csv",
        format!("{REVIEWS}r-1,chair-health,4,3,2,Good\nr-1,lf-health,5,4,,\n"),
    );
    let before = log.bytes();
    let n = log.count();
    // A dry run needs no --as: it records nothing.
    let out = log
        .cmd(&[
            "import",
            "--dry-run",
            f.to_str().unwrap(),
            "--date",
            "2009-10-06",
        ])
        .env_remove("ACCORD_USER")
        .assert()
        .success();
    insta::assert_snapshot!(entry_support::text(&out.get_output().stdout), @"
    dry run: reviews.csv is valid (reviews); importing it would append 2 event(s):
      row 2: review.response r-1 by chair-health: co_creation 3, engagement 2, shared_goal 4
      row 3: review.response r-1 by lf-health: co_creation 4, shared_goal 5
    it would change:
      review r-1 now has 2 response(s)
    nothing was recorded (the rows were checked against the log without writing to it)
    ");
    assert_eq!(
        log.bytes(),
        before,
        "a dry run leaves the file byte for byte unchanged"
    );
    assert_eq!(log.count(), n);
    let leftovers: Vec<_> = std::fs::read_dir(log.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with("accord-check"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The real import then appends exactly what the dry run showed.
    log.ok(&["import", f.to_str().unwrap(), "--date", "2009-10-06"]);
    assert_eq!(log.count(), n + 2);
}

#[test]
fn dry_run_reports_bad_rows_too() {
    let log = Log::with_base();
    let f = log.file("reviews.csv", format!("{REVIEWS}r-1,chair-health,0,3,2,\n"));
    insta::assert_snapshot!(log.rejected(&["import", "--dry-run", f.to_str().unwrap()]), @r#"
    error: reviews.csv: 1 row cannot be imported
      row 2, column shared_goal: the score 0 for "shared_goal" is outside the scale 1–5
      dry run: nothing was recorded
    hint: fix the rows named above in the spreadsheet, save it as CSV UTF-8 and import it again (`accord import --dry-run FILE` checks a file without recording anything)
    "#);
}

#[test]
fn a_file_that_is_not_utf8_is_refused() {
    let log = Log::with_base();
    let f = log.file(
        "latin1.csv",
        b"review,respondent,shared_goal,comment\nr-1,chair-health,4,Tr\xe8s bien\n",
    );
    insta::assert_snapshot!(log.rejected(&["import", f.to_str().unwrap()]), @r#"
    error: latin1.csv: the file is not UTF-8 text: line 2 has a character that cannot be read
      nothing was imported; the log is unchanged
    hint: save the sheet as "CSV UTF-8" from your spreadsheet program
    "#);
}

#[test]
fn json_output_lists_rows_and_seqs() {
    let log = Log::with_base();
    let f = log.file("reviews.csv", format!("{REVIEWS}r-1,chair-health,4,3,2,\n"));
    insta::assert_snapshot!(log.ok(&["--json", "import", f.to_str().unwrap(), "--date", "2009-10-06"]), @r#"{"appended":1,"changes":["review r-1 now has 1 response(s)"],"dry_run":false,"file":"reviews.csv","kind":"reviews","rows":[{"id":"import:131c2cea2944f623ebd5","row":2,"seq":16}],"skipped":0,"would_append":0}"#);
}

/// Importing the same sheet twice records it once: the second import skips
/// every row and says so (exit 0), in text, JSON and a dry run.
#[test]
fn a_sheet_imported_again_is_a_no_op_that_says_so() {
    let log = Log::cambodia();
    log.ok(&[
        "review",
        "open",
        "ar-health-2010",
        "--partnership",
        "twg-health",
        "--kind",
        "annual_review",
        "--date",
        "2010-12-01",
    ]);
    let sheet = example("commitments.csv");
    log.ok(&["import", &sheet, "--date", "2010-12-15"]);
    let before = log.bytes();
    insta::assert_snapshot!(log.ok(&["import", &sheet, "--date", "2010-12-15"]), @"commitments.csv (commitments) is already imported: its 3 row(s) are all recorded; nothing was appended");
    insta::assert_snapshot!(log.ok(&["--json", "import", &sheet, "--date", "2010-12-15"]), @r#"{"appended":0,"changes":[],"dry_run":false,"file":"commitments.csv","kind":"commitments","rows":[],"skipped":3,"would_append":0}"#);
    insta::assert_snapshot!(log.ok(&["import", "--dry-run", &sheet, "--date", "2010-12-15"]), @"
    dry run: commitments.csv is valid (commitments); importing it would append 0 event(s):
      3 row(s) already recorded by an earlier import would be skipped
    nothing was recorded (the rows were checked against the log without writing to it)
    ");
    assert_eq!(log.bytes(), before, "nothing was written");
    let reviews = example("reviews.csv");
    log.ok(&["import", &reviews, "--date", "2010-12-10"]);
    let before = log.bytes();
    log.ok(&["import", &reviews, "--date", "2010-12-10"]);
    assert_eq!(log.bytes(), before, "a reviews sheet likewise");
}

/// Rows added below an imported sheet's rows are appended alone; the rows
/// already recorded are skipped.
#[test]
fn rows_added_to_an_imported_sheet_are_appended_alone() {
    let log = Log::with_base();
    let rows = "r-1,chair-health,4,3,2,Good\nr-1,lf-health,5,4,,\n";
    let f = log.file("reviews.csv", format!("{REVIEWS}{rows}"));
    log.ok(&["import", f.to_str().unwrap(), "--date", "2009-10-06"]);
    log.ok(&[
        "partner",
        "join",
        "health",
        "--org",
        "ngo-forum",
        "--role",
        "member",
        "--date",
        "2009-10-01",
    ]);
    let f = log.file(
        "reviews.csv",
        format!("{REVIEWS}{rows}r-1,ngo-rep,3,3,3,\n"),
    );
    insta::assert_snapshot!(log.ok(&["import", f.to_str().unwrap(), "--date", "2009-10-06"]), @"
    imported reviews.csv (reviews): appended 1 event(s) (seq 19)
      2 row(s) already recorded by an earlier import were skipped
    what changed:
      review r-1 now has 3 response(s)
    ");
}

/// A row changed since it was imported (or moved, or dated differently) is
/// not a repeat: the rules judge it, and the error names the row.
#[test]
fn a_changed_row_is_refused_naming_the_row() {
    let log = Log::with_base();
    let f = log.file(
        "reviews.csv",
        format!("{REVIEWS}r-1,chair-health,4,3,2,Good\nr-1,lf-health,5,4,,\n"),
    );
    log.ok(&["import", f.to_str().unwrap(), "--date", "2009-10-06"]);
    let before = log.bytes();
    let original = std::fs::read(&f).unwrap();
    let changed = log.file(
        "reviews.csv",
        format!("{REVIEWS}r-1,chair-health,4,3,2,Good\nr-1,lf-health,5,3,,\n"),
    );
    insta::assert_snapshot!(log.rejected(&["import", changed.to_str().unwrap(), "--date", "2009-10-06"]), @r#"
    error: reviews.csv: 1 row cannot be imported
      row 3, column respondent: "lf-health" has already responded to review "r-1" — one response per respondent per review; to correct it, retract the earlier response and respond again
      nothing was imported; the log is unchanged
    hint: fix the rows named above in the spreadsheet, save it as CSV UTF-8 and import it again (`accord import --dry-run FILE` checks a file without recording anything)
    "#);
    std::fs::write(&f, original).unwrap();
    insta::assert_snapshot!(log.rejected(&["import", f.to_str().unwrap(), "--date", "2009-10-07"]), @r#"
    error: reviews.csv: 2 rows cannot be imported
      row 2, column respondent: "chair-health" has already responded to review "r-1" — one response per respondent per review; to correct it, retract the earlier response and respond again
      row 3, column respondent: "lf-health" has already responded to review "r-1" — one response per respondent per review; to correct it, retract the earlier response and respond again
      nothing was imported; the log is unchanged
    hint: fix the rows named above in the spreadsheet, save it as CSV UTF-8 and import it again (`accord import --dry-run FILE` checks a file without recording anything)
    "#);
    assert_eq!(log.bytes(), before, "nothing was written");
}
