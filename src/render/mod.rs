//! Renderers: how models look as text, CSV and progress. Kept apart from
//! the models they render.

pub mod csv;
pub mod progress;
pub mod summary;
pub mod text;
