//! The programme's front page (`index.html` of `accord demo`): the stage
//! timeline, then each stage with its dates, status and key figures, and
//! links to its report in both formats. Built only from the stage
//! snapshots, so its figures are the reports' own.

use std::fmt::Write;

use accord_projections::snapshot::StageSnapshot;

use super::*;

/// One stage on the front page: its snapshot and the file names of its
/// reports (relative to the page).
pub struct StageEntry<'a> {
    /// The stage's snapshot.
    pub snapshot: &'a StageSnapshot,
    /// The HTML report's file name.
    pub html: String,
    /// The Markdown report's file name.
    pub markdown: String,
    /// The HTML report's file name in Khmer and English.
    pub bilingual: String,
}

/// The front page as one self-contained HTML file; `note` (plain text) ends it.
pub fn render(stages: &[StageEntry<'_>], note: &str) -> String {
    let e = esc_html;
    // The front page is in English (docs/languages.md).
    let tr = crate::render::i18n::Tr::english();
    // The programme as most recently known: the snapshot with the latest
    // as-of date holds every stage's dates and status on that date.
    let latest = stages
        .iter()
        .map(|st| st.snapshot)
        .max_by_key(|s| (s.as_of, s.stage));
    let programme = latest.and_then(|s| s.programme.as_ref());
    let name = programme.map_or("Programme", |p| p.name.as_str());
    let mut o = String::with_capacity(32 * 1024);
    o.push_str(&html::head(
        "en",
        &format!("{name}: stage progress snapshots"),
        "",
    ));
    let _ = write!(
        o,
        r#"<main class="page front">
<header class="masthead"><div class="eyebrow">Programme · stage progress snapshots</div><h1>{}</h1>"#,
        e(name)
    );
    if let Some(p) = programme {
        let mut line = String::new();
        if let Some(c) = &p.commissioned_by {
            let _ = write!(line, "Commissioned by {}", e(c));
        }
        if !p.facilitators.is_empty() {
            let f: Vec<String> = p.facilitators.iter().map(|f| e(f)).collect();
            if !line.is_empty() {
                line.push_str(" · ");
            }
            let _ = write!(line, "facilitated by {}", and_list(&f));
        }
        if !line.is_empty() {
            let _ = write!(o, r#"<p class="programme">{line}</p>"#);
        }
        let _ = write!(
            o,
            r#"<p class="objective"><span>Objective.</span> {}</p>"#,
            e(&p.objective)
        );
    }
    o.push_str("</header>\n");
    if let Some(s) = latest {
        let current = s
            .stages
            .iter()
            .find(|st| st.status == accord_projections::programme::StageProgress::Started)
            .map(|st| st.stage);
        let _ = writeln!(
            o,
            r#"<figure class="front-timeline">{}<figcaption>The programme's stages as planned and as carried out, as of {}{}.</figcaption></figure>"#,
            charts::timeline::timeline_of(&s.stages, s.as_of, current, &tr),
            date(s.as_of),
            if current.is_some() {
                "; the stage in progress is highlighted"
            } else {
                ""
            }
        );
    }
    for st in stages {
        let s = st.snapshot;
        let d = &s.stage_detail;
        let _ = write!(
            o,
            r#"<section class="stage-entry" id="stage-{n}"><h2><span class="num">{n}</span>{name} <span class="pill stage-{status}">{label}</span></h2>"#,
            n = s.stage,
            name = e(&d.name),
            status = match d.status {
                accord_projections::programme::StageProgress::Planned => "planned",
                accord_projections::programme::StageProgress::Started => "started",
                accord_projections::programme::StageProgress::Completed => "completed",
            },
            label = e(&words::progress(&tr, d.status)),
        );
        let _ = write!(
            o,
            r#"<dl class="meta"><dt>Planned</dt><dd>{}</dd><dt>Actual</dt><dd>{}</dd><dt>Key figures as of</dt><dd>{} <span class="muted">({})</span></dd></dl>"#,
            e(&wording::planned(&tr, s)),
            e(&wording::actual(&tr, s)),
            date(s.as_of),
            e(&wording::as_of_basis(&tr, s))
        );
        html::figures(&mut o, s, &tr);
        let _ = writeln!(
            o,
            r#"<p class="links">Stage {n} report: <a href="{h}">HTML</a> <span class="muted">(printable, with charts)</span> · <a href="{m}">Markdown</a> <span class="muted">(for minutes)</span> · <a href="{b}" lang="km">ខ្មែរ</a> / <a href="{b}">Khmer and English</a></p></section>"#,
            n = s.stage,
            h = e(&st.html),
            m = e(&st.markdown),
            b = e(&st.bilingual),
        );
    }
    let _ = write!(
        o,
        r#"<footer class="provenance"><p>Built by accord from the programme's event log; each stage report names the log head it was built from. {}</p></footer>"#,
        e(note)
    );
    o.push_str("\n</main>\n</body>\n</html>\n");
    o
}
