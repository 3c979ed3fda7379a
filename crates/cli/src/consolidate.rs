//! `gongkai consolidate`: read a year-end folder, check every unit, print the summed tables.

use anyhow::Result;
use gongkai_aggregate::Total;

use crate::args::{By, ConsolidateArgs, Format};
use crate::checked::{self, Need, Policy};
use crate::output::emit;
use crate::render::{self, Values};
use crate::Outcome;

pub fn run(args: &ConsolidateArgs) -> Result<Outcome> {
    let policy = Policy::from_args(&args.policy)?;
    let need = Need::Totals {
        name: &args.name,
        by_parent: args.by == Some(By::Parent),
    };
    let mut checked = checked::load(&args.input, &policy, need)?;
    for f in &checked.findings {
        eprintln!("{f}");
    }
    let failing: Vec<String> = checked
        .failing
        .iter()
        .map(|(u, y)| format!("{u} {y}"))
        .collect();
    if !failing.is_empty() && !args.force {
        checked::print_summary(&checked);
        eprintln!(
            "refused: {} unit report(s) fail rules ({}); nothing written. Fix them, silence a rule with --allow, or sum anyway with --force",
            failing.len(),
            failing.join(", ")
        );
        return Ok(Outcome::RuleErrors);
    }
    let totals = std::mem::take(&mut checked.closed.totals);
    let total_findings: Vec<_> = totals.iter().flat_map(Total::findings).collect();
    for f in &total_findings {
        eprintln!("{f}");
    }
    checked.add_findings(total_findings, &policy);

    let values: Vec<Values> = totals
        .iter()
        .map(|t| Values {
            name: &t.name,
            year: t.year,
            form: t.form,
            values: &t.values,
        })
        .collect();
    let mut text = String::new();
    let note = (!failing.is_empty()).then(|| {
        format!(
            "注意：本合计包含未通过校验的单位 (built on units that fail rules, --force): {}",
            failing.join("，")
        )
    });
    if let (Some(note), Format::Table | Format::Markdown) = (&note, args.format) {
        text.push_str(note);
        text.push_str("\n\n");
    }
    text.push_str(&match args.format {
        Format::Table => render::terminal(&values),
        Format::Markdown => render::markdown(&values),
        Format::Csv => render::tidy_csv(&values),
        Format::Json => render::tidy_json(&values),
    });
    emit(&text, args.out.as_deref())?;
    if let Some(note) = &note {
        eprintln!("{note}");
    }
    checked::print_summary(&checked);
    for t in &totals {
        let blank_cells = t.blank_units.iter().filter(|b| **b > 0).count();
        eprintln!(
            "total: {} {} (form {}) = {} unit(s); {} cell(s) rest on blanks",
            t.name,
            t.year,
            t.form,
            t.units.len(),
            blank_cells
        );
    }
    let outcome = if totals.is_empty() {
        Outcome::Unreadable
    } else {
        checked.outcome(&policy)
    };
    checked::leave(checked);
    Ok(outcome)
}
