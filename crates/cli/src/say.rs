//! What the run says on standard error, and `--quiet`: with it only errors are said (an error
//! finding, a refusal, a failure); the progress bar, summaries, notices and warnings are not.
//! A forced total's note is not a notice: it is said whatever (the issue's "always on standard
//! error"), since a CSV carries no note of its own.

use std::fmt::Display;
use std::sync::atomic::{AtomicBool, Ordering};

use gongkai_report::Finding;

static QUIET: AtomicBool = AtomicBool::new(false);

pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// A summary line or a notice: not said with `--quiet`.
pub fn note(text: impl Display) {
    if !quiet() {
        eprintln!("{text}");
    }
}

/// A finding on standard error: a warning only without `--quiet`, an error always.
pub fn finding(f: &Finding) {
    if f.is_error() || !quiet() {
        eprintln!("{f}");
    }
}

/// Findings on standard error, as [`finding`] says each.
pub fn findings<'a>(fs: impl IntoIterator<Item = &'a Finding>) {
    for f in fs {
        finding(f);
    }
}
