//! Renderers: how models look as text, CSV and progress. Kept apart from
//! the models they render. Every output names things with [`labels`] and
//! rounds numbers with [`numbers`], so they read the same everywhere.

pub mod changes;
pub mod csv;
pub mod effects;
pub mod i18n;
pub mod labels;
pub mod numbers;
pub mod progress;
pub mod report;
pub mod style;
pub mod summary;
pub mod text;
pub mod translated;
