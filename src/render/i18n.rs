//! The languages of the reports: English and Khmer, alone or side by side.
//! Every word the stage snapshot prints comes from a Project Fluent
//! catalogue, one file per language under `locales/` (see
//! docs/languages.md); plural forms follow each language's rules (Khmer
//! has none), numbers are grouped by thousands and, on request, written in
//! Khmer digits; dates are written day, month name, year in each language.
//!
//! What the log holds (names, titles, texts, findings) is never translated
//! here: it stays as recorded.

use std::str::FromStr;

use accord_events::fields::Day;
use chrono::Datelike;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The English catalogue.
pub const EN_FTL: &str = include_str!("../../locales/en/accord.ftl");
/// The Khmer catalogue.
pub const KM_FTL: &str = include_str!("../../locales/km/accord.ftl");

/// A language accord writes reports in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Khmer.
    Km,
}

impl Lang {
    /// The BCP 47 tag (`en`, `km`), as HTML's `lang` takes it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Km => "km",
        }
    }

    fn catalogue(self) -> &'static str {
        match self {
            Lang::En => EN_FTL,
            Lang::Km => KM_FTL,
        }
    }
}

/// The languages of one report: one, or two side by side (the first leads).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Langs(pub Vec<Lang>);

/// Why a `--lang` value was refused.
#[derive(Debug)]
pub struct UnknownLang(pub String);

impl std::fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown language {:?}: accord writes reports in en (English), km (Khmer) or km,en (both, Khmer first)",
            self.0
        )
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Langs {
    type Err = UnknownLang;

    /// `en`, `km`, `km,en` or `en,km`; a locale such as `km_KH.UTF-8` reads
    /// as its language.
    fn from_str(s: &str) -> Result<Langs, UnknownLang> {
        let mut out = Vec::new();
        for part in s.split(',') {
            let tag = part
                .trim()
                .split(['_', '-', '.', '@'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let lang = match tag.as_str() {
                "en" => Lang::En,
                "km" => Lang::Km,
                _ => return Err(UnknownLang(s.to_owned())),
            };
            if !out.contains(&lang) {
                out.push(lang);
            }
        }
        Ok(Langs(out))
    }
}

impl Langs {
    /// English only.
    pub fn english() -> Langs {
        Langs(vec![Lang::En])
    }

    /// The languages asked for: `--lang`, else `ACCORD_LANG`, else the
    /// locale in `LANG` when it is one accord knows, else English.
    pub fn choose(flag: Option<&str>) -> Result<Langs, UnknownLang> {
        if let Some(f) = flag {
            return f.parse();
        }
        if let Ok(v) = std::env::var("ACCORD_LANG")
            && !v.is_empty()
        {
            return v.parse();
        }
        // LANG names the whole system's locale (often C.UTF-8): only a
        // language accord has a catalogue for is taken from it.
        Ok(std::env::var("LANG")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(Langs::english))
    }
}

/// The options that choose a report's languages (`--lang`, `--digits`).
#[derive(Clone, Debug, Default, clap::Args)]
pub struct LangArgs {
    /// The language of the report's words: en, km, or km,en for both
    /// (Khmer first) [default: ACCORD_LANG, else LANG when it is km or en,
    /// else en]. What the log holds stays as recorded; JSON never changes
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// The digits of counts and dates in a Khmer report
    #[arg(long, value_enum, value_name = "DIGITS", default_value_t)]
    pub digits: Digits,
}

impl LangArgs {
    /// The wording these options ask for.
    pub fn tr(&self) -> Result<Tr, UnknownLang> {
        Ok(Tr::new(&Langs::choose(self.lang.as_deref())?, self.digits))
    }

    /// What these options choose (the default language resolved), in words
    /// that name a text report's form where reports are saved.
    pub fn form(&self) -> Result<String, UnknownLang> {
        let langs = Langs::choose(self.lang.as_deref())?;
        Ok(format!("langs={:?} digits={:?}", langs.0, self.digits))
    }
}

/// How numbers are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Digits {
    /// 0–9 (the default: ids, seqs and hashes are always written so).
    #[default]
    Latin,
    /// ០–៩, in counts and dates of a report in Khmer.
    Khmer,
}

/// Writes `s` with Khmer digits.
pub fn khmer_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(0x17E0 + d).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// A whole number with thousands separated by commas.
fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn format_latin<M>(v: &FluentValue, _: &M) -> Option<String> {
    match v {
        FluentValue::Number(n) if n.value >= 0.0 && n.value.fract() == 0.0 => {
            Some(grouped(n.value as u64))
        }
        _ => None,
    }
}

fn format_khmer<M>(v: &FluentValue, m: &M) -> Option<String> {
    format_latin(v, m).map(|s| khmer_digits(&s))
}

/// An argument of a message.
#[derive(Clone, Debug)]
pub enum Arg {
    /// A count: selects the plural form, printed grouped (and in Khmer
    /// digits when asked).
    N(usize),
    /// Text, printed as it is.
    S(String),
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::N(n)
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::S(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::S(s.to_owned())
    }
}

/// One language's catalogue, ready to format.
struct Catalogue {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl Catalogue {
    fn new(lang: Lang, digits: Digits) -> Catalogue {
        let id: LanguageIdentifier = lang.tag().parse().expect("a valid language tag");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Unicode isolation marks would end up in Markdown and in tests.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(match (lang, digits) {
            (Lang::Km, Digits::Khmer) => format_khmer,
            _ => format_latin,
        }));
        let resource = FluentResource::try_new(lang.catalogue().to_owned())
            .unwrap_or_else(|(_, errors)| panic!("the {} catalogue: {errors:?}", lang.tag()));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("the {} catalogue: {errors:?}", lang.tag()));
        Catalogue { lang, bundle }
    }

    fn get(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            // A missing message is a bug the catalogue test catches; the
            // id shows where it is.
            return id.to_owned();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            match v {
                Arg::N(n) => fargs.set(*k, FluentValue::from(*n as f64)),
                Arg::S(s) => fargs.set(*k, FluentValue::from(s.as_str())),
            }
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned()
    }
}

/// The wording of one report: its languages and how it writes numbers.
pub struct Tr {
    catalogues: Vec<std::sync::Arc<Catalogue>>,
    digits: Digits,
    /// What joins a label's languages: ` / `, or a line break in a text
    /// table's header ([`Tr::stacked`]).
    joiner: &'static str,
}

impl Tr {
    /// The wording in these languages.
    pub fn new(langs: &Langs, digits: Digits) -> Tr {
        let langs = if langs.0.is_empty() {
            vec![Lang::En]
        } else {
            langs.0.clone()
        };
        Tr {
            catalogues: langs
                .iter()
                .map(|l| std::sync::Arc::new(Catalogue::new(*l, digits)))
                .collect(),
            digits,
            joiner: " / ",
        }
    }

    /// English, Latin digits.
    pub fn english() -> Tr {
        Tr::new(&Langs::english(), Digits::Latin)
    }

    /// The languages of the report, the leading one first.
    pub fn langs(&self) -> Vec<Lang> {
        self.catalogues.iter().map(|c| c.lang).collect()
    }

    /// The leading language.
    pub fn lang(&self) -> Lang {
        self.catalogues[0].lang
    }

    /// The same wording in the leading language only: for running
    /// sentences, which a bilingual report does not repeat
    /// (docs/languages.md).
    pub fn leading(&self) -> Tr {
        Tr {
            catalogues: vec![self.catalogues[0].clone()],
            digits: self.digits,
            joiner: self.joiner,
        }
    }

    /// The same wording with a label's languages one above the other: for
    /// the header of a text table, where `Khmer / English` side by side
    /// would leave the columns no room at 80 columns.
    pub fn stacked(&self) -> Tr {
        Tr {
            catalogues: self.catalogues.clone(),
            digits: self.digits,
            joiner: "\n",
        }
    }

    /// True when any language of the report is Khmer.
    pub fn has_khmer(&self) -> bool {
        self.catalogues.iter().any(|c| c.lang == Lang::Km)
    }

    /// A sentence or phrase, in the leading language.
    pub fn say(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.catalogues[0].get(id, args)
    }

    /// A heading, label or caption: in every language of the report,
    /// the leading one first, joined by ` / ` (one above the other when
    /// [`Tr::stacked`]; once when they read the same).
    pub fn label(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let mut parts: Vec<String> = Vec::new();
        for c in &self.catalogues {
            let s = c.get(id, args);
            if !parts.contains(&s) {
                parts.push(s);
            }
        }
        parts.join(self.joiner)
    }

    /// A heading, label or caption whose arguments are words in its own
    /// language (a date, a phrase): `args` gives them for each language.
    pub fn label_by(&self, id: &str, args: impl Fn(&Tr) -> Vec<(&'static str, Arg)>) -> String {
        let mut parts: Vec<String> = Vec::new();
        for c in &self.catalogues {
            let one = Tr {
                catalogues: vec![c.clone()],
                digits: self.digits,
                joiner: self.joiner,
            };
            let s = one.say(id, &args(&one));
            if !parts.contains(&s) {
                parts.push(s);
            }
        }
        parts.join(self.joiner)
    }

    /// A count, grouped by thousands (in Khmer digits when asked).
    pub fn count(&self, n: usize) -> String {
        self.digits(&grouped(n as u64))
    }

    /// Digits as the report writes them.
    pub fn digits(&self, s: &str) -> String {
        if self.digits == Digits::Khmer && self.lang() == Lang::Km {
            khmer_digits(s)
        } else {
            s.to_owned()
        }
    }

    /// A date as people read it in the leading language: `11 Sep 2009`,
    /// `11 កញ្ញា 2009`.
    pub fn date(&self, d: Day) -> String {
        let month = self.say(&format!("month-{}", d.0.month()), &[]);
        self.digits(&format!("{} {month} {}", d.0.day(), d.0.year()))
    }

    /// A month and year (`Sep 2009`).
    pub fn month_year(&self, d: chrono::NaiveDate) -> String {
        let month = self.say(&format!("month-{}", d.month()), &[]);
        self.digits(&format!("{month} {}", d.year()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_reads_flags_and_locales() {
        assert_eq!(
            "km,en".parse::<Langs>().unwrap().0,
            vec![Lang::Km, Lang::En]
        );
        assert_eq!("km_KH.UTF-8".parse::<Langs>().unwrap().0, vec![Lang::Km]);
        assert!("fr".parse::<Langs>().is_err());
    }

    #[test]
    fn khmer_digits_replace_only_digits() {
        assert_eq!(khmer_digits("12 Sep 2009"), "១២ Sep ២០០៩");
    }

    #[test]
    fn dates_read_in_each_language() {
        let d = Day(chrono::NaiveDate::from_ymd_opt(2009, 9, 11).unwrap());
        assert_eq!(Tr::english().date(d), "11 Sep 2009");
        let km = Tr::new(&Langs(vec![Lang::Km]), Digits::Khmer);
        assert_eq!(km.date(d), "១១ កញ្ញា ២០០៩");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(Tr::english().count(1_234_567), "1,234,567");
        assert_eq!(Tr::english().count(999), "999");
    }

    #[test]
    fn plurals_follow_each_language() {
        let en = Tr::english();
        assert_eq!(
            en.say("n-partnerships", &[("n", 1.into())]),
            "1 partnership"
        );
        assert_eq!(
            en.say("n-partnerships", &[("n", 1234.into())]),
            "1,234 partnerships"
        );
    }
}
