//! C1: a unit's published report against the sum of the reports of the units below it in the
//! registry (those whose `parent` it is), cell by cell. A city compiles its report by summing
//! its districts' and departments' (the Lanzhou 2020 report says so), so each of its cells must
//! be that sum exactly: money to the 0.000001 万元, counts to the unit.

use std::collections::BTreeMap;

use gongkai_form::Level;
use gongkai_messages::msg;
use gongkai_report::{Finding, Registry, UnitReport};

use crate::Row;

/// A unit with units below it in the registry whose report could not be checked against theirs:
/// none of them has a report for the year in the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreconciled {
    pub unit: String,
    pub year: i32,
    /// Units below it due to report for the year.
    pub due: usize,
}

/// Adds the C1 findings to the rows of units with units below them; returns those that could
/// not be checked.
pub(crate) fn check(
    rows: &mut [Row],
    chosen: &BTreeMap<(String, i32), usize>,
    registry: &Registry,
) -> Vec<Unreconciled> {
    let mut unreconciled = Vec::new();
    let mut found: Vec<(usize, Vec<Finding>)> = Vec::new();
    for (&(ref unit, year), &at) in chosen {
        let below: Vec<&str> = registry.children(unit).map(|u| u.name.as_str()).collect();
        if below.is_empty() {
            continue;
        }
        let reports: Vec<(&str, &UnitReport)> = below
            .iter()
            .filter_map(|child| {
                let at = chosen.get(&(child.to_string(), year))?;
                Some((*child, rows[*at].report.as_ref()?))
            })
            .collect();
        let missing: Vec<&str> = registry
            .children(unit)
            .filter(|u| u.due_in(year) && !chosen.contains_key(&(u.name.clone(), year)))
            .map(|u| u.name.as_str())
            .collect();
        if reports.is_empty() {
            unreconciled.push(Unreconciled {
                unit: unit.clone(),
                year,
                due: missing.len(),
            });
            continue;
        }
        let Some(parent) = rows[at].report.as_ref() else {
            continue;
        };
        let mut out = cells_against_sum(parent, &reports, !missing.is_empty());
        if !missing.is_empty() {
            let due = reports.len() + missing.len();
            out.push(Finding {
                file: Some(rows[at].file.clone()),
                ..Finding::children_missing(unit, year, &missing, due)
            });
        }
        found.push((at, out));
    }
    for (at, findings) in found {
        rows[at].findings.extend(findings);
    }
    unreconciled
}

/// One finding per cell of `parent` that is not the sum of `children`'s: an error, or a warning
/// when `incomplete` (units below without a report: the difference may be theirs) or when a
/// unit's report lacks the cell (counted as 0). Cells not found in the parent's report are not
/// compared (its import already says they were not found).
fn cells_against_sum(
    parent: &UnitReport,
    children: &[(&str, &UnitReport)],
    incomplete: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for cell in 0..parent.values.len() {
        if !parent.present(cell) {
            continue;
        }
        let sum: i128 = children
            .iter()
            .filter(|(_, r)| r.form == parent.form)
            .map(|(_, r)| i128::from(r.values[cell]))
            .sum();
        let value = parent.values[cell];
        if i128::from(value) == sum {
            continue;
        }
        // A unit's report in another form cannot be summed into this one (its year's form is
        // due for all); one without the cell counts 0 there.
        let lacking: Vec<&str> = children
            .iter()
            .filter(|(_, r)| r.form != parent.form || !r.present(cell))
            .map(|(name, _)| *name)
            .collect();
        let mut f = Finding {
            file: Some(parent.source.file.clone()),
            place: parent.source.place(cell),
            ..Finding::reconciled(
                parent.form,
                &parent.unit,
                parent.year,
                cell,
                value,
                sum,
                children.len(),
            )
        };
        if !lacking.is_empty() {
            f.message.push_str(&msg!(
                "rule-c1-not-found",
                count = lacking.len(),
                units = lacking.join(&msg!("list-separator"))
            ));
        }
        if incomplete || !lacking.is_empty() {
            f.level = Level::Warning;
            for r in &mut f.rules {
                r.level = Level::Warning;
            }
        }
        out.push(f);
    }
    out
}
