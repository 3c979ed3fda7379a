//! `gongkai consolidate`: read a year-end folder, check every unit, print the summed tables.
//!
//! No total without its caveats: a total that is not whole (a unit report left out for any
//! reason, a registered unit without one, a unit failing rules) is refused, nothing written,
//! unless `--force`; forced, every format says what it rests on (the tables and the workbook a
//! note, JSON a `coverage` object, CSV stays tidy and its note goes to standard error and
//! `--notes`).

use std::collections::BTreeMap;

use anyhow::Result;
use gongkai_aggregate::{Coverage, Total};
use gongkai_messages::msg;
use gongkai_report::Finding;

use crate::args::{By, ConsolidateArgs, Format};
use crate::checked::{self, Need, Policy};
use crate::output::{self, emit, emit_bytes, emit_csv};
use crate::render::{self, Values};
use crate::{notes, Outcome};

pub fn run(args: &ConsolidateArgs) -> Result<Outcome> {
    let policy = Policy::from_args(&args.policy)?;
    let out = args.out.as_deref();
    // Before reading: a name that contradicts the format fails at once.
    let format = output::choose("consolidate", args.format, out, Format::Table)?;
    if format == Format::Xlsx {
        output::refuse_workbook_on_terminal(out, "合计.xlsx")?;
    }
    let need = Need::Totals {
        name: &args.name,
        by_parent: args.by == Some(By::Parent),
    };
    let mut checked = checked::load(&args.input, &policy, need)?;
    crate::say::findings(&checked.findings);
    let totals = std::mem::take(&mut checked.closed.totals);
    if totals.is_empty() {
        // Nothing could be summed: the findings say why.
        checked::print_summary(&checked);
        return Ok(Outcome::Unreadable);
    }
    // The batch's total per year comes first; by parent, its groups follow.
    let summed: BTreeMap<i32, Vec<String>> = totals
        .iter()
        .filter(|t| t.name == args.name)
        .map(|t| (t.year, t.units.clone()))
        .collect();
    let coverage = checked.coverage(&summed, &policy);
    let whole = coverage.is_complete();
    if !whole && !args.force {
        checked::print_summary(&checked);
        for line in notes::refusal(&coverage) {
            eprintln!("{line}");
        }
        return Ok(Outcome::RuleErrors);
    }
    let total_findings: Vec<Finding> = totals.iter().flat_map(Total::findings).collect();
    crate::say::findings(&total_findings);
    checked.add_findings(total_findings, &policy);

    write_output(args, format, &totals, &coverage, &checked)?;
    if let Some(path) = &args.notes {
        notes::write(path, &coverage, args.force)?;
    }
    if notes::worth_noting(&coverage) {
        eprint!("{}", notes::text(&coverage, args.force));
    }
    checked::print_summary(&checked);
    for t in &totals {
        let blank_cells = t.blank_units.iter().filter(|b| **b > 0).count();
        crate::say::note(msg!(
            "consolidate-total",
            name = t.name.as_str(),
            year = t.year,
            form = t.form.to_string(),
            units = t.units.len(),
            blanks = blank_cells
        ));
    }
    let mut outcome = checked.outcome(&policy);
    if !whole {
        // Forced: written, but a script still learns the total is not whole.
        outcome = outcome.max(Outcome::RuleErrors);
    }
    checked::leave(checked);
    Ok(outcome)
}

/// The totals in `format`, each format carrying what they rest on when there is something to
/// say: a note above the tables, the `coverage` object in JSON, a sheet in the workbook; the
/// CSV stays tidy (its note is on standard error and in `--notes`).
fn write_output(
    args: &ConsolidateArgs,
    format: Format,
    totals: &[Total],
    coverage: &Coverage,
    checked: &checked::Checked,
) -> Result<()> {
    let out = args.out.as_deref();
    let noted = notes::worth_noting(coverage);
    let values: Vec<Values> = totals
        .iter()
        .map(|t| Values {
            name: &t.name,
            year: t.year,
            form: t.form,
            values: &t.values,
        })
        .collect();
    match format {
        Format::Table => {
            let mut text = String::new();
            if noted {
                text.push_str(&notes::text(coverage, args.force));
                text.push('\n');
            }
            text.push_str(&render::terminal(&values));
            emit(&text, out)
        }
        Format::Markdown => {
            let mut text = String::new();
            if noted {
                text.push_str(&notes::markdown(coverage, args.force));
            }
            text.push_str(&render::markdown(&values));
            emit(&text, out)
        }
        Format::Csv => emit_csv(&render::tidy_csv(&values), out, args.no_bom),
        Format::Json => {
            let coverage = serde_json::to_string_pretty(&notes::json(coverage, args.force))?;
            let rows = render::tidy_json(&values);
            let text = format!(
                "{{\n  \"coverage\": {},\n  \"values\": {}\n}}\n",
                coverage.replace('\n', "\n  "),
                rows.trim_end().replace('\n', "\n  ")
            );
            emit(&text, out)
        }
        Format::Xlsx => {
            let lines = if noted {
                notes::lines(coverage, args.force)
            } else {
                Vec::new()
            };
            let findings: Vec<&Finding> = checked.findings.iter().collect();
            let bytes = gongkai_export::workbook(totals, &findings, &checked.failing, &lines)?;
            emit_bytes(&bytes, out)
        }
    }
}
