//! The stage snapshot as a report for a steering body: Markdown for the
//! minutes, and one self-contained printable HTML page with inline SVG
//! charts. Renderers only lay out what the model says.

pub mod html;
pub mod markdown;
