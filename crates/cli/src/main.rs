//! `gongkai`: consolidate, check and compare government information disclosure annual reports.
//!
//! A thin binary: arguments, the order of the stages, rendering and exit codes; the work is in
//! the crates (docs/architecture.md): files are read by `gongkai-ingest` and `gongkai-pages`,
//! summed and checked by `gongkai-aggregate`, exported by `gongkai-export`, drawn by `gongkai-chart`.
//!
//! Layers, lowest first: `args` · `output` · `progress` · `render` → `sources` (inputs made
//! readable: web addresses fetched) · `checked` (read and check a batch) · `notes` (what a total
//! rests on) · `published` (published reports read, for `import-report` and `audit`) → one module
//! per command (`consolidate`, `validate`,
//! `trend`, `export`, …).

mod args;
mod audit;
mod checked;
mod consolidate;
mod export;
mod feedback;
mod generate;
mod help;
mod import_report;
mod manual;
mod notes;
mod output;
mod progress;
mod published;
mod render;
mod report;
mod say;
mod sources;
mod template;
mod trend;
mod validate;

use std::process::ExitCode;

use clap::FromArgMatches;

/// mimalloc: a batch read allocates and frees a file's worth per file on every thread, which glibc's
/// allocator answers by handing pages back and faulting them in again (a third of the run in the
/// kernel on 100,000 files).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How a run ended, as the exit code tells scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// 0: everything read, every rule holds.
    Clean = 0,
    /// 1: rule errors found (or warnings with `--strict`), or a total that is not whole (a unit
    /// report left out or missing): refused, or written with `--force` and said so.
    RuleErrors = 1,
    /// 2: a usage error, or input that could not be read.
    Unreadable = 2,
}

fn main() -> ExitCode {
    // The language first: help and argument errors are worded in it too.
    let lang =
        args::lang_asked(std::env::args_os()).unwrap_or_else(gongkai_messages::Lang::from_env);
    gongkai_messages::set_lang(lang);
    let cli = match help::command()
        .try_get_matches()
        .and_then(|m| args::Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => usage_error(e),
    };
    say::set_quiet(cli.quiet);
    let result = match cli.command {
        args::Command::Consolidate(a) => consolidate::run(&a),
        args::Command::Validate(a) => validate::run(&a),
        args::Command::Trend(a) => trend::run(&a),
        args::Command::Template(a) => template::run(&a),
        args::Command::Export(a) => export::run(&a),
        args::Command::ImportReport(a) => import_report::run(&a),
        args::Command::Audit(a) => audit::run(&a),
        args::Command::Generate(a) => generate::run(&a),
        args::Command::Feedback(a) => feedback::run(&a),
        args::Command::Report(a) => report::run(&a),
        args::Command::Completions(a) => manual::completions(&a),
        args::Command::Man(a) => manual::man(&a),
    };
    match result {
        Ok(outcome) => ExitCode::from(outcome as u8),
        Err(e) => {
            eprintln!(
                "{}",
                gongkai_messages::msg!("cli-error", detail = format!("{e:#}"))
            );
            ExitCode::from(Outcome::Unreadable as u8)
        }
    }
}

/// Help and version as clap prints them; a usage error in the user's language first (what kind
/// of mistake), then clap's own lines (the argument, a tip, the usage), exit 2.
fn usage_error(e: clap::Error) -> ! {
    use clap::error::ErrorKind;
    let kind = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
        ErrorKind::UnknownArgument => "cli-usage-unknown-argument",
        ErrorKind::InvalidSubcommand => "cli-usage-unknown-command",
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "cli-usage-invalid-value",
        ErrorKind::MissingRequiredArgument => "cli-usage-missing-argument",
        ErrorKind::ArgumentConflict => "cli-usage-conflict",
        _ => "cli-usage-other",
    };
    if gongkai_messages::lang() == gongkai_messages::Lang::Zh {
        eprintln!("{}", gongkai_messages::text(kind, &[]));
    }
    let _ = e.print();
    std::process::exit(Outcome::Unreadable as i32)
}
