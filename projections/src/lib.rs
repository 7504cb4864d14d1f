//! Pure folds from events to read models.
#![forbid(unsafe_code)]
