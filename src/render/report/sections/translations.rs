//! Recorded content in the report's languages, and the annex that lists
//! the translations used. A translation is marked (†) wherever it stands in
//! for recorded text, and the annex says who translated it and which event
//! recorded it: the reader always knows which words were recorded (and, for
//! an agreement, endorsed) and which are a reading aid.

use accord_projections::translations::{Target, Translation};

use super::*;
use crate::render::i18n::Lang;
use crate::render::translated::{Part, parts};

/// Recorded content in the report's languages: for each language, the
/// standing translation into it (marked), else the text as recorded (shown
/// once, however many languages lack a translation).
pub fn content(s: &StageSnapshot, tr: &Tr, target: &Target, original: &str) -> Spans {
    let find = |lang| find(s, target, lang).map(|t| t.text.as_str());
    let mut out: Spans = Vec::new();
    for part in parts(&tr.langs(), find) {
        if !out.is_empty() {
            out.push(Span::text(" / "));
        }
        out.push(match part {
            Part::Translation(lang, t) => Span::Translated(lang.tag().to_owned(), t.to_owned()),
            Part::Original => Span::log(original),
        });
    }
    out
}

fn find<'a>(s: &'a StageSnapshot, target: &Target, lang: Lang) -> Option<&'a Translation> {
    s.translations
        .iter()
        .find(|t| t.lang == lang.tag() && &t.target == target)
}

/// The translations into the report's languages, with who made them and
/// the event that recorded each; `None` when there are none.
pub fn annex(s: &StageSnapshot, tr: &Tr) -> Option<Section> {
    let langs = tr.langs();
    let used: Vec<&Translation> = s
        .translations
        .iter()
        .filter(|t| langs.iter().any(|l| l.tag() == t.lang))
        .collect();
    if used.is_empty() {
        return None;
    }
    let items = used
        .iter()
        .map(|t| {
            let mut what = vec![Span::Code(t.target.of.as_str().to_owned())];
            if !t.target.id.is_empty() {
                what.push(Span::text(" "));
                what.push(Span::Id(t.target.id.clone()));
            }
            what.push(Span::text(format!(" · {}", t.target.field.as_str())));
            if let Some(v) = t.target.version {
                what.push(Span::text(format!(" · v{v}")));
            }
            what.push(Span::text(format!(
                " · {}{} ",
                lang_name(tr, &t.lang),
                tr.say("colon", &[])
            )));
            what.push(Span::Translated(t.lang.clone(), t.text.clone()));
            what.push(Span::text(" — "));
            what.extend(with_log(
                tr,
                "translation-by",
                &[
                    ("date", Arg::S(tr.date(t.recorded.on))),
                    ("seq", Arg::S(t.recorded.seq.to_string())),
                ],
                &t.translated_by,
            ));
            what
        })
        .collect();
    Some(section(
        "translations",
        t(tr.label("section-translations", &[])),
        vec![
            Block::Para(None, t(tr.say("translations-note", &[]))),
            Block::List(None, items),
        ],
    ))
}

/// A language's name in the report's leading language (its tag for
/// languages accord has no catalogue for).
fn lang_name(tr: &Tr, tag: &str) -> String {
    match tag {
        "km" => tr.say("lang-km", &[]),
        "en" => tr.say("lang-en", &[]),
        other => other.to_owned(),
    }
}
