//! What a total rests on ([`Coverage`]), worded for every output: lines for the terminal, the
//! `--notes` file and standard error, a Markdown block, the JSON `coverage` object, and the
//! refusal of a total that is not whole.

use std::fmt::Write as _;
use std::path::Path;

use gongkai_aggregate::coverage::{Chosen, LeftOut, Reason};
use gongkai_aggregate::Coverage;
use gongkai_messages::msg;
use gongkai_report::Why;
use serde_json::{json, Value};

/// Whether an output should carry notes: something is left out, missing or failing, or a file
/// was chosen among several.
pub fn worth_noting(coverage: &Coverage) -> bool {
    !coverage.is_complete() || coverage.chosen().next().is_some()
}

/// Who was left out: `西固区 2020`, or the file when its unit is not known.
fn who(left: &LeftOut) -> String {
    match (&left.unit, left.year) {
        (Some(unit), Some(year)) => format!("{unit} {year}"),
        (Some(unit), None) => unit.clone(),
        (None, _) => left
            .files
            .first()
            .map_or_else(|| msg!("coverage-unknown"), |f| f.display().to_string()),
    }
}

fn reason(r: Reason) -> String {
    match r {
        Reason::Unreadable => msg!("coverage-reason-unreadable"),
        Reason::Duplicate => msg!("coverage-reason-duplicate"),
    }
}

fn why(w: Why) -> String {
    match w {
        Why::Corrected => msg!("duplicate-why-corrected"),
        Why::Newer => msg!("duplicate-why-newer"),
    }
}

fn files(paths: &[std::path::PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(&msg!("summary-sep"))
}

fn chosen_line(c: &Chosen) -> String {
    msg!(
        "coverage-chosen",
        unit = c.unit.as_str(),
        year = c.year,
        file = c.file.display().to_string(),
        over = files(&c.over),
        why = why(c.why)
    )
}

/// One line per fact: per year the reports summed, each left out (with the finding that says
/// why), each registered unit missing, each unit summed that fails rules, each duplicate
/// settled; then files left out of no known year.
pub fn body(coverage: &Coverage) -> Vec<String> {
    let mut lines = Vec::new();
    for y in &coverage.years {
        lines.push(msg!(
            "coverage-summed",
            year = y.year,
            count = y.summed.len()
        ));
        for l in &y.left_out {
            lines.push(msg!(
                "coverage-left-out",
                who = who(l),
                reason = reason(l.reason),
                detail = l.detail.as_str()
            ));
        }
        for unit in &y.missing {
            lines.push(msg!(
                "coverage-missing",
                unit = unit.as_str(),
                year = y.year
            ));
        }
        for unit in &y.failing {
            lines.push(msg!(
                "coverage-failing",
                unit = unit.as_str(),
                year = y.year
            ));
        }
        for c in &y.chosen {
            lines.push(chosen_line(c));
        }
    }
    for l in &coverage.unplaced {
        lines.push(msg!(
            "coverage-left-out",
            who = who(l),
            reason = reason(l.reason),
            detail = l.detail.as_str()
        ));
    }
    lines
}

/// The heading and the lines of [`body`]: what the notes file and standard error get.
pub fn lines(coverage: &Coverage, forced: bool) -> Vec<String> {
    let heading = if coverage.is_complete() {
        msg!("coverage-heading-whole")
    } else if forced {
        msg!("coverage-heading-forced")
    } else {
        msg!("coverage-heading-not-whole")
    };
    let mut out = vec![heading];
    out.extend(body(coverage).into_iter().map(|l| format!("  - {l}")));
    out
}

/// [`lines`] as one text, a line each.
pub fn text(coverage: &Coverage, forced: bool) -> String {
    let mut out = String::new();
    for line in lines(coverage, forced) {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// [`lines`] as a Markdown block quote, above the tables.
pub fn markdown(coverage: &Coverage, forced: bool) -> String {
    let all = lines(coverage, forced);
    let mut out = String::new();
    if let Some((heading, rest)) = all.split_first() {
        let _ = writeln!(out, "> **{heading}**\n>");
        for line in rest {
            let _ = writeln!(out, "> {}", line.trim_start());
        }
    }
    out.push('\n');
    out
}

fn left_out_json(l: &LeftOut) -> Value {
    json!({
        "unit": l.unit,
        "year": l.year,
        "files": l.files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
        "reason": l.reason.code(),
        "detail": l.detail,
    })
}

/// The JSON `coverage` object: whole or not, per year the units summed, left out (with the
/// reason's code and the finding), missing, failing and chosen among duplicates, and files left
/// out of no known year.
pub fn json(coverage: &Coverage, forced: bool) -> Value {
    let years: Vec<Value> = coverage
        .years
        .iter()
        .map(|y| {
            json!({
                "year": y.year,
                "complete": coverage.caveat(y.year).is_clear(),
                "summed": y.summed,
                "left_out": y.left_out.iter().map(left_out_json).collect::<Vec<_>>(),
                "missing": y.missing,
                "failing": y.failing,
                "chosen": y.chosen.iter().map(|c| json!({
                    "unit": c.unit,
                    "file": c.file.display().to_string(),
                    "over": c.over.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
                    "why": c.why.code(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "complete": coverage.is_complete(),
        "forced": forced,
        "years": years,
        "left_out": coverage.unplaced.iter().map(left_out_json).collect::<Vec<_>>(),
    })
}

/// The refusal of a total that is not whole, a line per cause, each saying how to go on.
pub fn refusal(coverage: &Coverage) -> Vec<String> {
    let mut out = Vec::new();
    let left: Vec<String> = coverage
        .left_out()
        .map(|l| msg!("coverage-who-why", who = who(l), reason = reason(l.reason)))
        .collect();
    if !left.is_empty() {
        out.push(msg!(
            "consolidate-refused-left-out",
            count = left.len(),
            reports = left.join(&msg!("summary-sep"))
        ));
    }
    let missing: Vec<String> = coverage
        .missing()
        .map(|(year, unit)| format!("{unit} {year}"))
        .collect();
    if !missing.is_empty() {
        out.push(msg!(
            "consolidate-refused-missing",
            count = missing.len(),
            units = missing.join(&msg!("summary-sep"))
        ));
    }
    let failing: Vec<String> = coverage
        .failing()
        .map(|(year, unit)| format!("{unit} {year}"))
        .collect();
    if !failing.is_empty() {
        out.push(msg!(
            "consolidate-refused-failing",
            count = failing.len(),
            units = failing.join(&msg!("summary-sep"))
        ));
    }
    out
}

/// Writes the notes to `path` (atomically), a line each.
pub fn write(path: &Path, coverage: &Coverage, forced: bool) -> anyhow::Result<()> {
    crate::output::write_atomic(path, text(coverage, forced).as_bytes())
}
