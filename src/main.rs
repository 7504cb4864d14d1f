//! `accord`: the command line. Parses arguments, calls the libraries, renders.
#![forbid(unsafe_code)]

/// `println!` for command output: a reader that went away (`accord log |
/// head`) ends the output quietly instead of panicking. Gives an
/// `io::Result` for the other write errors (a full disk), which are errors.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::render::text::emit(&format!("{}\n", format_args!($($arg)*)))
    };
}

mod cli;
mod commands;
mod context;
mod error;
mod example;
mod import;
mod render;
mod web;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: a read of a million-event
/// log makes and frees tens of millions of small values, many of them freed
/// on another thread than the one that made them (events are parsed on one
/// thread and folded on another); glibc's malloc spent a third of `status`
/// there (docs/speed.md has the figures).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let ctx = match context::Context::new(&cli.global) {
        Ok(ctx) => ctx,
        Err(e) => return e.report(&render::style::Style::stderr(cli.global.color)),
    };
    match commands::run(&ctx, cli.command) {
        Ok(code) => code,
        Err(e) => e.report(&ctx.err_style),
    }
}
