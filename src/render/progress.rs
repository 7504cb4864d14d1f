//! A progress bar on a terminal for long work; nothing at all when piped.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress indicator that only draws on an interactive stderr.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Starts one; `total` when known.
    pub fn new(what: &str, total: Option<u64>) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar = match total {
            Some(t) => ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr()),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
        };
        let template = if total.is_some() {
            "{msg} [{bar:30}] {pos}/{len} ({per_sec}, {eta} left)"
        } else {
            "{msg} {pos} events ({per_sec})"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
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
