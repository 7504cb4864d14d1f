//! Spreadsheet rows (CSV) to typed events, before anything touches the log.
//!
//! Three kinds of sheet, told apart by their header row:
//! - reviews: `review, respondent`, one column per criterion, `comment`;
//!   one row per respondent, becoming a `review.response`;
//! - commitments: `commitment, partnership, text, owner, due`, and `origin`
//!   if wanted; one row per commitment, becoming a `commitment.made`;
//! - translations: `of, id, field, translated_by`, `version` for agreement
//!   texts, an `original` column for the translator's reference (never
//!   recorded), and one column per language named by its code (`km`, `en`);
//!   one row per translated field, each filled language cell becoming a
//!   `translation.recorded`.
//!
//! All may add `date` (when it happened; default `--date` or today) and
//! `source`. Column names are matched without regard to case or surrounding
//! spaces, and a space inside a name counts as `_` ("Shared goal" is
//! `shared_goal`). Spreadsheet habits are tolerated: a UTF-8 byte order mark,
//! CRLF, LF or CR line endings (even mixed), rows that are entirely empty.
//! Every row is checked and every bad cell reported with its row number as a
//! spreadsheet shows it (the header is row 1) and its column.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use accord_events::Event;
use accord_events::catalogue::{CommitmentMade, ReviewResponse, TranslationRecorded};
use accord_events::fields::{
    Day, LangTag, Name, Ordinal, Slug, Text, Translatable, TranslatedField,
};

/// What a sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetKind {
    /// One review response per row.
    Reviews,
    /// One commitment per row.
    Commitments,
    /// One translated field per row, one column per language.
    Translations,
}

const REVIEW_COLUMNS: [&str; 2] = ["review", "respondent"];
const COMMITMENT_COLUMNS: [&str; 5] = ["commitment", "partnership", "text", "owner", "due"];
const TRANSLATION_COLUMNS: [&str; 3] = ["of", "field", "translated_by"];
const TRANSLATION_OPTIONAL: [&str; 3] = ["id", "version", "original"];
const OPTIONAL: [&str; 2] = ["date", "source"];

/// The columns of both kinds, for messages about a wrong header.
pub const EXPECTED: &str = "reviews: review, respondent, one column per criterion (for the built-in framework: shared_goal, co_creation, inclusive_transparent, engagement, review_revision), comment\n  commitments: commitment, partnership, text, owner, due, and optionally origin\n  translations: of, id, field, translated_by, one column per language (km, en), and optionally version, original\n  (all may add date and source)";

impl SheetKind {
    /// "reviews" or "commitments".
    pub fn noun(self) -> &'static str {
        match self {
            SheetKind::Reviews => "reviews",
            SheetKind::Commitments => "commitments",
            SheetKind::Translations => "translations",
        }
    }

    fn required(self) -> &'static [&'static str] {
        match self {
            SheetKind::Reviews => &REVIEW_COLUMNS,
            SheetKind::Commitments => &COMMITMENT_COLUMNS,
            SheetKind::Translations => &TRANSLATION_COLUMNS,
        }
    }

    fn known(self, column: &str) -> bool {
        self.required().contains(&column)
            || OPTIONAL.contains(&column)
            || match self {
                SheetKind::Reviews => column == "comment",
                SheetKind::Commitments => column == "origin",
                SheetKind::Translations => TRANSLATION_OPTIONAL.contains(&column),
            }
    }
}

/// A row that became an event.
#[derive(Clone, Debug)]
pub struct SheetRow {
    /// Its row number as a spreadsheet shows it (the header is row 1).
    pub row: usize,
    pub event: Event,
    /// The `date` cell, if the sheet has one and it is filled in.
    pub date: Option<String>,
    /// The `source` cell, likewise.
    pub source: Option<String>,
}

/// A bad row: where and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(f, "row {}, column {c}: {}", self.row, self.message),
            None => write!(f, "row {}: {}", self.row, self.message),
        }
    }
}

/// A file that cannot be read as a sheet at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub message: String,
    pub hint: String,
}

/// A sheet, read: its good rows as events and every bad one.
#[derive(Debug)]
pub struct Sheet {
    pub kind: SheetKind,
    pub rows: Vec<SheetRow>,
    pub errors: Vec<RowError>,
    /// The named columns (as accord reads their names).
    pub columns: HashSet<String>,
    /// Reviews sheets: the criterion columns, in the sheet's order.
    pub criteria: Vec<String>,
    /// The header's row number (1 unless empty lines come first).
    pub header_row: usize,
}

impl Sheet {
    /// The column a data field came from (`scores.engagement` → `engagement`).
    pub fn column_of(&self, field: &str) -> Option<String> {
        let key = match field {
            "occurred_at" => "date",
            f => f.strip_prefix("scores.").unwrap_or(f),
        };
        self.columns.get(key).cloned()
    }
}

/// One record of the file with its spreadsheet row number.
struct Record {
    row: usize,
    cells: Vec<String>,
}

/// Splits the file into records, numbering them as a spreadsheet does.
fn records(bytes: &[u8]) -> Result<Vec<Record>, FileError> {
    let text = std::str::from_utf8(bytes).map_err(|e| FileError {
        message: format!(
            "the file is not UTF-8 text: line {} has a character that cannot be read",
            bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1
        ),
        hint: "save the sheet as \"CSV UTF-8\" from your spreadsheet program".into(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Mixed line endings become LF, so that rows are counted one way.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    // The CSV reader skips empty lines silently and reports a record's
    // position from where it started looking; a spreadsheet shows an empty
    // line as a row, and a cell with line breaks as one row.
    let mut lines_inside_cells = 0;
    for rec in reader.records() {
        let rec = rec.map_err(|e| FileError {
            message: format!("the file cannot be read as CSV: {e}"),
            hint: "save the sheet as \"CSV UTF-8\" from your spreadsheet program".into(),
        })?;
        let (line, byte) = rec
            .position()
            .map_or((1, 0), |p| (p.line() as usize, p.byte() as usize));
        let skipped = text.as_bytes()[byte.min(text.len())..]
            .iter()
            .take_while(|b| **b == b'\n')
            .count();
        let row = line + skipped - lines_inside_cells;
        lines_inside_cells += rec.iter().map(|c| c.matches('\n').count()).sum::<usize>();
        out.push(Record {
            row,
            cells: rec.iter().map(str::to_owned).collect(),
        });
    }
    Ok(out)
}

/// A column name as accord reads it: case, outer spaces and inner spaces ignored.
fn normalise(name: &str) -> String {
    name.trim().to_lowercase().replace(' ', "_")
}

/// Reads a sheet. `progress` is told how many rows were read.
pub fn read(bytes: &[u8], progress: &dyn Fn(u64)) -> Result<Sheet, FileError> {
    let records = records(bytes)?;
    let Some((header, body)) = records.split_first() else {
        return Err(FileError {
            message: "the file is empty".into(),
            hint: format!("the first row names the columns:\n  {EXPECTED}"),
        });
    };
    let names: Vec<String> = header.cells.iter().map(|c| normalise(c)).collect();
    let kind = detect(&names, header.row)?;
    let layout = Layout::new(kind, &names, header.row)?;
    let mut sheet = Sheet {
        kind,
        rows: Vec::new(),
        errors: Vec::new(),
        columns: names.iter().filter(|n| !n.is_empty()).cloned().collect(),
        criteria: layout.criteria.iter().map(|(_, c)| c.to_string()).collect(),
        header_row: header.row,
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, rec) in body.iter().enumerate() {
        if i % 256 == 0 {
            progress(i as u64);
        }
        if rec.cells.iter().all(|c| c.trim().is_empty()) {
            continue; // an empty row, often left at the end of a sheet
        }
        let mut cells = Cells {
            rec,
            names: &names,
            errors: Vec::new(),
        };
        cells.check_unnamed();
        let events = match kind {
            SheetKind::Reviews => layout.review(&mut cells).into_iter().collect(),
            SheetKind::Commitments => layout.commitment(&mut cells).into_iter().collect(),
            SheetKind::Translations => layout.translations(&mut cells),
        };
        let date = cells.named("date");
        let source = cells.named("source");
        for event in events {
            if !cells.errors.is_empty() {
                break;
            }
            let (key, column, what) = match &event {
                Event::ReviewResponse(d) => (
                    format!("{}\u{0}{}", d.review, d.respondent),
                    "respondent",
                    format!(
                        "repeats row {{first}}: {:?} already has a row for review {:?}",
                        d.respondent.as_str(),
                        d.review.as_str()
                    ),
                ),
                Event::CommitmentMade(d) => (
                    d.commitment.to_string(),
                    "commitment",
                    format!(
                        "repeats row {{first}}: commitment {:?} is already on that row",
                        d.commitment.as_str()
                    ),
                ),
                Event::TranslationRecorded(d) => (
                    format!(
                        "{}\u{0}{:?}\u{0}{}\u{0}{:?}\u{0}{}",
                        d.of, d.id, d.field, d.version, d.lang
                    ),
                    d.lang.as_str(),
                    format!(
                        "repeats row {{first}}: that row already translates this {} into {:?}",
                        d.field.as_str(),
                        d.lang.as_str()
                    ),
                ),
                _ => unreachable!("sheets make responses, commitments and translations only"),
            };
            if let Some(first) = seen.get(&key) {
                cells.errors.push(RowError {
                    row: rec.row,
                    column: Some(column.into()),
                    message: what.replace("{first}", &first.to_string()),
                });
            } else {
                seen.insert(key, rec.row);
                sheet.rows.push(SheetRow {
                    row: rec.row,
                    event,
                    date: date.clone(),
                    source: source.clone(),
                });
            }
        }
        sheet.errors.append(&mut cells.errors);
    }
    progress(body.len() as u64);
    Ok(sheet)
}

fn detect(names: &[String], header_row: usize) -> Result<SheetKind, FileError> {
    let has = |c: &str| names.iter().any(|n| n == c);
    if has("commitment") {
        Ok(SheetKind::Commitments)
    } else if has("translated_by") || (has("of") && has("field")) {
        Ok(SheetKind::Translations)
    } else if has("review") || has("respondent") {
        Ok(SheetKind::Reviews)
    } else {
        Err(FileError {
            message: format!(
                "row {header_row} (the header) does not name the columns of a sheet accord can import: it has {}",
                names.join(", ")
            ),
            hint: format!("the first row must name the columns, either\n  {EXPECTED}"),
        })
    }
}

/// Where each column is.
struct Layout {
    index: HashMap<String, usize>,
    /// Review sheets: (column, criterion) of every score column.
    criteria: Vec<(usize, Slug)>,
    /// Translation sheets: (column, language) of every language column.
    languages: Vec<(usize, LangTag)>,
}

impl Layout {
    fn new(kind: SheetKind, names: &[String], header_row: usize) -> Result<Layout, FileError> {
        let bad = |message: String| FileError {
            message: format!("row {header_row} (the header): {message}"),
            hint: format!(
                "a {} sheet has the columns {}",
                kind.noun(),
                match kind {
                    SheetKind::Reviews =>
                        "review, respondent, one column per criterion (for example shared_goal), comment; and optionally date, source",
                    SheetKind::Commitments =>
                        "commitment, partnership, text, owner, due; and optionally origin, date, source",
                    SheetKind::Translations =>
                        "of, id, field, translated_by, one column per language named by its code (km, en); and optionally version, original, date, source",
                }
            ),
        };
        let mut index = HashMap::new();
        let mut criteria = Vec::new();
        let mut languages = Vec::new();
        let mut unknown = Vec::new();
        for (i, n) in names.iter().enumerate() {
            if n.is_empty() {
                continue;
            }
            if index.insert(n.clone(), i).is_some() {
                return Err(bad(format!("the column {n} appears twice")));
            }
            if kind.known(n) {
                continue;
            }
            match kind {
                SheetKind::Reviews if let Ok(id) = Slug::parse(n) => criteria.push((i, id)),
                SheetKind::Translations if let Ok(lang) = LangTag::parse(n) => {
                    languages.push((i, lang))
                }
                _ => unknown.push(format!("{n:?}")),
            }
        }
        let required = kind.required();
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|c| !index.contains_key(*c))
            .collect();
        let mut problems = Vec::new();
        if !unknown.is_empty() {
            problems.push(format!(
                "{} {} not a column of a {} sheet{}",
                unknown.join(", "),
                if unknown.len() == 1 { "is" } else { "are" },
                kind.noun(),
                match kind {
                    SheetKind::Reviews => " (nor the id of a criterion, written like shared_goal)",
                    SheetKind::Translations => " (nor a language code, written like km or en)",
                    SheetKind::Commitments => "",
                }
            ));
        }
        if !missing.is_empty() {
            problems.push(match missing.as_slice() {
                [one] => format!("the column {one} is missing"),
                many => format!("the columns {} are missing", many.join(", ")),
            });
        }
        if !problems.is_empty() {
            return Err(bad(problems.join("; ")));
        }
        if kind == SheetKind::Reviews && criteria.is_empty() {
            return Err(bad(
                "there is no criterion column to score (for example shared_goal)".into(),
            ));
        }
        if kind == SheetKind::Translations && languages.is_empty() {
            return Err(bad(
                "there is no language column to read translations from (name it by the language's code, for example km)".into(),
            ));
        }
        Ok(Layout {
            index,
            criteria,
            languages,
        })
    }

    /// One `translation.recorded` per filled language cell of the row. A
    /// row with every language cell empty is not translated yet (a sheet
    /// from `accord translate --sheet` lists everything): it is skipped.
    fn translations(&self, cells: &mut Cells<'_>) -> Vec<Event> {
        if self.languages.iter().all(|(i, _)| cells.get(*i).is_empty()) {
            return Vec::new();
        }
        let of = cells.required(self, "of", |s| {
            Translatable::parse(s).ok_or_else(|| {
                let all: Vec<&str> = Translatable::ALL.iter().map(|t| t.as_str()).collect();
                format!("{s:?} is not one of: {}", all.join(", "))
            })
        });
        let field = cells.required(self, "field", |s| {
            TranslatedField::parse(s).ok_or_else(|| {
                let all: Vec<&str> = TranslatedField::ALL.iter().map(|t| t.as_str()).collect();
                format!("{s:?} is not one of: {}", all.join(", "))
            })
        });
        let id = cells.optional_in(self, "id", Slug::parse);
        let version = cells.optional_in(self, "version", |s| match whole_number(s) {
            Ok(n) if n >= 1 && n <= i64::from(u32::MAX) => Ok(Ordinal(n as u32)),
            _ => Err(format!("{s:?} is not a version number (1, 2, ...)")),
        });
        let by = cells.required(self, "translated_by", Name::parse);
        let mut texts = Vec::new();
        for (i, lang) in &self.languages {
            let cell = cells.get(*i);
            if cell.is_empty() {
                continue;
            }
            match Text::parse(cell) {
                Ok(t) => texts.push((lang.clone(), t)),
                Err(m) => cells.error(lang.as_str(), m),
            }
        }
        let (Some(of), Some(field), Some(id), Some(version), Some(by)) =
            (of, field, id, version, by)
        else {
            return Vec::new();
        };
        texts
            .into_iter()
            .map(|(lang, text)| {
                Event::TranslationRecorded(TranslationRecorded {
                    of,
                    id: id.clone(),
                    field,
                    version,
                    lang,
                    text,
                    translated_by: by.clone(),
                })
            })
            .collect()
    }

    fn review(&self, cells: &mut Cells<'_>) -> Option<Event> {
        let review = cells.required(self, "review", Slug::parse);
        let respondent = cells.required(self, "respondent", Slug::parse);
        let mut scores = BTreeMap::new();
        for (i, criterion) in &self.criteria {
            let cell = cells.get(*i);
            if cell.is_empty() {
                continue; // a criterion the respondent did not score
            }
            match whole_number(cell) {
                Ok(n) => {
                    scores.insert(criterion.clone(), n);
                }
                Err(m) => cells.error(criterion.as_str(), m),
            }
        }
        let any_filled = self.criteria.iter().any(|(i, _)| !cells.get(*i).is_empty());
        if !any_filled {
            cells.error_row("no criterion is scored; fill in at least one score".into());
        }
        let comment = cells.optional_in(self, "comment", Text::parse);
        Some(Event::ReviewResponse(ReviewResponse {
            review: review?,
            respondent: respondent?,
            scores,
            comment: comment?,
        }))
    }

    fn commitment(&self, cells: &mut Cells<'_>) -> Option<Event> {
        let commitment = cells.required(self, "commitment", Slug::parse);
        let partnership = cells.required(self, "partnership", Slug::parse);
        let text = cells.required(self, "text", Text::parse);
        let owner = cells.required(self, "owner", Slug::parse);
        let due = cells.required(self, "due", Day::parse);
        let origin = cells.optional_in(self, "origin", Slug::parse);
        Some(Event::CommitmentMade(CommitmentMade {
            commitment: commitment?,
            partnership: partnership?,
            text: text?,
            owner: owner?,
            due: due?,
            origin: origin?,
        }))
    }
}

/// A whole number, as a spreadsheet may write it (`4` or `4.0`).
fn whole_number(cell: &str) -> Result<i64, String> {
    if let Ok(n) = cell.parse::<i64>() {
        return Ok(n);
    }
    match cell.parse::<f64>() {
        Ok(f) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(f as i64),
        _ => Err(format!(
            "{cell:?} is not a whole number; scores are whole numbers on the framework's scale"
        )),
    }
}

/// The cells of one row, and the errors found in them.
struct Cells<'a> {
    rec: &'a Record,
    names: &'a [String],
    errors: Vec<RowError>,
}

impl Cells<'_> {
    fn get(&self, i: usize) -> &str {
        self.rec.cells.get(i).map_or("", |c| c.trim())
    }

    fn error(&mut self, column: &str, message: String) {
        self.errors.push(RowError {
            row: self.rec.row,
            column: Some(column.to_owned()),
            message,
        });
    }

    fn error_row(&mut self, message: String) {
        self.errors.push(RowError {
            row: self.rec.row,
            column: None,
            message,
        });
    }

    /// Cells past the named columns (or under an unnamed one) must be empty.
    fn check_unnamed(&mut self) {
        let stray: Vec<usize> = (0..self.rec.cells.len())
            .filter(|i| self.names.get(*i).is_none_or(|n| n.is_empty()) && !self.get(*i).is_empty())
            .collect();
        for i in stray {
            let cell = self.get(i).to_owned();
            self.error_row(format!(
                "cell {} ({cell:?}) is under no named column; name the column in row 1 or empty the cell",
                i + 1
            ));
        }
    }

    fn required<T>(
        &mut self,
        layout: &Layout,
        column: &str,
        parse: fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let cell = layout.index.get(column).map_or("", |i| self.get(*i));
        if cell.is_empty() {
            self.error(column, format!("is empty; every row needs a {column}"));
            return None;
        }
        parse(cell).map_err(|m| self.error(column, m)).ok()
    }

    /// `Some(None)` for an empty or absent cell, `None` for a bad one.
    fn optional_in<T>(
        &mut self,
        layout: &Layout,
        column: &str,
        parse: fn(&str) -> Result<T, String>,
    ) -> Option<Option<T>> {
        let cell = layout.index.get(column).map_or("", |i| self.get(*i));
        if cell.is_empty() {
            return Some(None);
        }
        match parse(cell) {
            Ok(v) => Some(Some(v)),
            Err(m) => {
                self.error(column, m);
                None
            }
        }
    }

    /// A filled-in cell of an optional column that needs no checking here.
    fn named(&self, column: &str) -> Option<String> {
        let i = self.names.iter().position(|n| n == column)?;
        let cell = self.get(i);
        (!cell.is_empty()).then(|| cell.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(usize, Vec<String>)> {
        records(text.as_bytes())
            .unwrap()
            .into_iter()
            .map(|r| (r.row, r.cells))
            .collect()
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let r = rows("\u{feff}a,b\r\n1,2\r\n\n\r3,\"x\r\ny\"\n4,5\r,\n");
        let numbers: Vec<usize> = r.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [1, 2, 5, 6, 7]);
        assert_eq!(
            r[0].1,
            ["a", "b"],
            "the byte order mark is not part of the first column"
        );
        assert_eq!(r[2].1, ["3", "x\ny"]);
    }

    #[test]
    fn header_decides_the_kind() {
        let noop = |_: u64| {};
        let s = read(
            b"Review, Respondent ,Shared goal,comment\nr-1,p-1,4,ok\n",
            &noop,
        )
        .unwrap();
        assert_eq!(s.kind, SheetKind::Reviews);
        assert_eq!(s.rows.len(), 1);
        let s = read(b"commitment,partnership,text,owner,due\n", &noop).unwrap();
        assert_eq!(s.kind, SheetKind::Commitments);
        let e = read(b"name,score\nx,1\n", &noop).unwrap_err();
        assert!(e.message.contains("does not name the columns"), "{e:?}");
    }

    #[test]
    fn bad_cells_are_all_reported() {
        let noop = |_: u64| {};
        let s = read(
            b"review,respondent,shared_goal,engagement\nr-1,,4.5,x\nr-1,p-2,4.0,\n,,,\n",
            &noop,
        )
        .unwrap();
        let errors: Vec<String> = s.errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            errors,
            [
                "row 2, column respondent: is empty; every row needs a respondent",
                "row 2, column shared_goal: \"4.5\" is not a whole number; scores are whole numbers on the framework's scale",
                "row 2, column engagement: \"x\" is not a whole number; scores are whole numbers on the framework's scale",
            ]
        );
        assert_eq!(s.rows.len(), 1, "row 3 is good; row 4 is empty and skipped");
    }
}
