//! Colour on the terminal: whether a stream gets it (`--color`, `NO_COLOR`,
//! whether it is a terminal) and the few styles accord uses, written with
//! `anstyle` so the escape codes come from one well-kept place.

use std::io::IsTerminal;

use anstyle::{AnsiColor, Effects};
use clap::ValueEnum;

/// When to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Whether to colour a stream.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// True when escape codes are written.
    pub color: bool,
}

impl Style {
    fn decide(choice: ColorChoice, is_tty: bool) -> Style {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Style { color }
    }

    /// The style for standard output.
    pub fn stdout(choice: ColorChoice) -> Style {
        Style::decide(choice, std::io::stdout().is_terminal())
    }

    /// The style for standard error (messages and hints).
    pub fn stderr(choice: ColorChoice) -> Style {
        Style::decide(choice, std::io::stderr().is_terminal())
    }

    fn paint(&self, style: anstyle::Style, s: &str) -> String {
        if self.color {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_owned()
        }
    }

    /// Errors and what is overdue.
    pub fn red(&self, s: &str) -> String {
        self.paint(AnsiColor::Red.on_default().effects(Effects::BOLD), s)
    }

    /// What went well (adopted, completed, verified).
    pub fn green(&self, s: &str) -> String {
        self.paint(AnsiColor::Green.on_default(), s)
    }

    /// Cautions (revision pending, behind schedule, closed).
    pub fn yellow(&self, s: &str) -> String {
        self.paint(AnsiColor::Yellow.on_default(), s)
    }

    /// Titles and headings.
    pub fn bold(&self, s: &str) -> String {
        self.paint(anstyle::Style::new().bold(), s)
    }

    /// What matters less (hints' labels, footers).
    pub fn dim(&self, s: &str) -> String {
        self.paint(anstyle::Style::new().dimmed(), s)
    }
}
