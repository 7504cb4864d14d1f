//! The report as a format-neutral document: sections of headings,
//! paragraphs, lists, tables with typed cells, figures that refer to a
//! chart, and notes. [`super::sections`] builds it once from a stage
//! snapshot, with every word of the report; [`super::html`] and
//! [`super::markdown`] only lay it out and escape.
//!
//! The two formats do not say exactly the same things (the HTML page has
//! charts, cards and an annex; the Markdown has tables where the page has
//! charts, and a few sentences are worded for each). Such pieces are marked
//! [`Only`](Span::Only) one format, beside each other in the builder, so the
//! wording of both stays in one place.

/// The output formats of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One self-contained printable HTML page.
    Html,
    /// Markdown, for minutes.
    Markdown,
}

/// A run of inline content.
#[derive(Clone, Debug, PartialEq)]
pub enum Span {
    /// The report's own words (escaped for HTML like text from the log).
    Text(String),
    /// The report's own fixed words, written as they are in both formats:
    /// they hold no character that is markup in either.
    Words(String),
    /// Text from the log: always escaped.
    Log(String),
    /// A translation of text from the log, into the language of the tag:
    /// escaped, and marked as a translation (†) in both formats.
    Translated(String, String),
    /// An id from the log on its own (Markdown: a code span; HTML: an id
    /// chip).
    Id(String),
    /// An id after the title it names (Markdown: ` (`id`)`; HTML: an id
    /// chip after a space).
    IdAfter(String),
    /// A piece of command line or a JSON key (a code span in both).
    Code(String),
    /// A hash (Markdown: a code span; HTML: set in the hash style).
    Hash(String),
    /// Strong emphasis.
    Strong(Vec<Span>),
    /// A styled run: HTML gives it the class, Markdown writes it plainly.
    Styled(&'static str, Vec<Span>),
    /// A status pill (HTML) of the given class; plain text in Markdown.
    Pill(String, String),
    /// Small print (HTML); plain in Markdown.
    Small(Spans),
    /// A box of the given class (HTML); plain in Markdown.
    Div(String, Spans),
    /// Bold figures (HTML); plain in Markdown.
    Bold(Spans),
    /// A line break inside a cell or list item (HTML only).
    Break,
    /// Content shown in one format only.
    Only(Format, Vec<Span>),
}

/// Inline content, in order.
pub type Spans = Vec<Span>;

/// A block of a section.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph; HTML gives it the class (`note`, `muted`), if any.
    Para(Option<&'static str>, Spans),
    /// A sub-heading.
    Heading(Spans),
    /// A bulleted list; HTML gives it the class, if any.
    List(Option<&'static str>, Vec<Spans>),
    /// A quotation from the log and, in HTML, where it comes from.
    Quote(Spans, Option<Spans>),
    /// A table.
    Table(Table),
    /// A figure: a chart with its caption and notes.
    Figure(Figure),
    /// Key figures as cards (HTML).
    Cards(Vec<Card>),
    /// Blocks side by side, in columns (HTML; Markdown writes them in
    /// turn).
    Columns(&'static str, Vec<Vec<Block>>),
    /// A group of blocks that HTML wraps in a box of the given class.
    Group {
        /// The HTML class.
        class: String,
        /// The blocks.
        blocks: Vec<Block>,
        /// End the HTML source line after the group (cosmetic).
        ends_line: bool,
    },
    /// Blocks shown in one format only.
    Only(Format, Vec<Block>),
}

/// A table: its columns and rows of typed cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The HTML class of the table.
    pub class: &'static str,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows.
    pub rows: Vec<Row>,
}

/// A column of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The heading.
    pub heading: Spans,
    /// True for counts and scores: aligned right.
    pub numeric: bool,
}

/// A row of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The HTML class of the row (`total`, `closed`), if any.
    pub class: Option<&'static str>,
    /// One cell per column.
    pub cells: Vec<Spans>,
}

/// A key figure card.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// `alert`, `warn` or empty.
    pub class: &'static str,
    /// The figure.
    pub value: Spans,
    /// What it counts.
    pub label: Spans,
    /// A note under it.
    pub note: Spans,
}

/// A chart the HTML backend draws from the snapshot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    /// The programme's stages, planned and actual.
    Timeline,
    /// Partnerships × criteria.
    HeatMap,
    /// Score trends, one panel per partnership.
    Trends,
    /// Commitments by status.
    Commitments,
}

/// A figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The HTML class of the figure, if any.
    pub class: Option<&'static str>,
    /// The chart.
    pub chart: Chart,
    /// A legend before the chart: one entry per criterion, its key drawn by
    /// the chart.
    pub legend: Vec<Spans>,
    /// The caption.
    pub caption: Spans,
    /// Notes printed with the figure.
    pub notes: Vec<Block>,
    /// End the HTML source line after the figure (cosmetic).
    pub ends_line: bool,
}

/// A numbered section.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// The HTML anchor.
    pub id: &'static str,
    /// The heading.
    pub heading: Spans,
    /// The content.
    pub blocks: Vec<Block>,
    /// Shown in one format only, if so.
    pub only: Option<Format>,
    /// A lead section: in HTML it follows the masthead without a heading or
    /// number.
    pub lead: bool,
}

/// One fact of the masthead (a label and its value).
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// The label.
    pub label: String,
    /// The value.
    pub value: Spans,
    /// Shown in one format only, if so.
    pub only: Option<Format>,
}

/// The top of the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Masthead {
    /// The document title (HTML `<title>`).
    pub document_title: String,
    /// The running footer of each printed page (HTML): what and when.
    pub page_footer: (String, String),
    /// The title: Markdown's first heading.
    pub title: Spans,
    /// The line above the heading (HTML).
    pub eyebrow: Spans,
    /// The heading (HTML).
    pub heading: Spans,
    /// The programme, who commissioned and facilitates it.
    pub programme: Option<Spans>,
    /// The programme's objective: the label and the text.
    pub objective: Option<(Spans, Spans)>,
    /// The facts of the snapshot.
    pub facts: Vec<Fact>,
}

/// A whole report.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The leading language (HTML's `lang`).
    pub lang: crate::render::i18n::Lang,
    /// True when any of the report's words are Khmer (HTML names Khmer
    /// fonts).
    pub khmer: bool,
    /// The top.
    pub masthead: Masthead,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// Where the report comes from.
    pub footer: Spans,
}

impl Span {
    /// The report's own words (escaped in HTML).
    pub fn text(s: impl Into<String>) -> Span {
        Span::Text(s.into())
    }

    /// The report's own fixed words, free of markup characters.
    pub fn words(s: impl Into<String>) -> Span {
        Span::Words(s.into())
    }

    /// Text from the log.
    pub fn log(s: impl Into<String>) -> Span {
        Span::Log(s.into())
    }
}

impl Column {
    /// A column of words.
    pub fn text(heading: Spans) -> Column {
        Column {
            heading,
            numeric: false,
        }
    }

    /// A column of numbers.
    pub fn numeric(heading: Spans) -> Column {
        Column {
            heading,
            numeric: true,
        }
    }
}

impl Row {
    /// A plain row.
    pub fn new(cells: Vec<Spans>) -> Row {
        Row { class: None, cells }
    }
}

/// A one-span run of the report's own words (escaped in HTML).
pub fn t(s: impl Into<String>) -> Spans {
    vec![Span::Text(s.into())]
}

/// A one-span run of fixed words written as they are.
pub fn w(s: impl Into<String>) -> Spans {
    vec![Span::Words(s.into())]
}

/// A one-span run of text from the log.
pub fn l(s: impl Into<String>) -> Spans {
    vec![Span::Log(s.into())]
}
