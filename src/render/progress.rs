//! A progress bar on a terminal for long work; nothing at all when piped.
//!
//! It reads as a person counts: a total when one is known, thousands
//! separated, and a whole-number rate ("120,000 / 300,000 events,
//! 53,280/s"), never indicatif's fractional `{per_sec}`.

use std::io::IsTerminal;

use indicatif::{HumanCount, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// A progress indicator that only draws on an interactive stderr.
pub struct Progress {
    bar: Option<ProgressBar>,
}

/// Items per second, rounded to a whole number, thousands separated.
fn whole_rate(per_sec: f64) -> String {
    let whole = if per_sec.is_finite() && per_sec > 0.0 {
        per_sec.round() as u64
    } else {
        0
    };
    format!("{}/s", HumanCount(whole))
}

/// The `{rate}` key of the templates.
fn rate(state: &ProgressState, w: &mut dyn std::fmt::Write) {
    let _ = w.write_str(&whole_rate(state.per_sec()));
}

/// The template for `unit` (events, rows), with or without a known total.
fn template(unit: &str, total: bool) -> String {
    if total {
        format!(
            "{{msg}} [{{bar:30}}] {{human_pos}} / {{human_len}} {unit}, {{rate}} ({{eta}} left)"
        )
    } else {
        format!("{{msg}} {{human_pos}} {unit}, {{rate}}")
    }
}

impl Progress {
    /// Starts one counting `unit` (e.g. "events"); `total` when known.
    pub fn new(what: &str, unit: &str, total: Option<u64>) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(&template(unit, total.is_some())) {
            bar.set_style(style.with_key("rate", rate).progress_chars("=> "));
        }
        bar.set_message(what.to_owned());
        // Nothing shows for work that finishes in a blink.
        bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
        Progress { bar: Some(bar) }
    }

    /// Sets how far the work has got.
    pub fn set(&self, n: u64) {
        if let Some(b) = &self.bar
            && (n.is_multiple_of(1024) || b.length().is_some_and(|l| n >= l))
        {
            b.set_position(n);
        }
    }

    /// Clears the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_whole_numbers_with_thousands_separators() {
        assert_eq!(whole_rate(53_279.995_5), "53,280/s");
        assert_eq!(whole_rate(0.4), "0/s");
        assert_eq!(whole_rate(f64::NAN), "0/s");
    }

    #[test]
    fn templates_name_the_total_and_the_unit() {
        assert_eq!(
            template("events", true),
            "{msg} [{bar:30}] {human_pos} / {human_len} events, {rate} ({eta} left)"
        );
        assert_eq!(template("rows", false), "{msg} {human_pos} rows, {rate}");
        assert!(ProgressStyle::with_template(&template("events", true)).is_ok());
        assert!(ProgressStyle::with_template(&template("rows", false)).is_ok());
    }
}
