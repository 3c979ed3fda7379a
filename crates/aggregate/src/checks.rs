//! Every check of a batch in one place: rules on each unit, rules between a unit's years, and
//! coverage against the units registry. `validate` and `consolidate` both call [`check_batch`],
//! so no rule is checked twice by different code.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use arrow::array::{Array, BooleanArray, DictionaryArray, StringArray};
use arrow::datatypes::UInt32Type;
use arrow::record_batch::RecordBatch;
use gongkai_ingest::arrow::col;
use gongkai_ingest::{Registry, UnitKind, UnitReport};
use rayon::prelude::*;

use crate::findings::{self, Finding};
use crate::link::YearLink;
use crate::{consolidate, AggregateError, Total};

/// A coverage problem: a unit that did not submit, or a file for a unit nobody expects.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Coverage {
    /// A registered unit due for `year` with no report.
    Missing {
        year: i32,
        unit: String,
        kind: UnitKind,
    },
    /// A report whose unit is not in the registry; `hint` is the closest registered name.
    Unregistered {
        year: i32,
        unit: String,
        file: Arc<PathBuf>,
        hint: Option<String>,
    },
}

impl std::fmt::Display for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Coverage::Missing { year, unit, kind } => {
                write!(
                    f,
                    "{unit} {year} coverage warning: no report from this {} (registry)",
                    kind.code()
                )
            }
            Coverage::Unregistered {
                year,
                unit,
                file,
                hint,
            } => {
                write!(
                    f,
                    "{}: {unit} {year} coverage warning: unit not in the registry",
                    file.display()
                )?;
                if let Some(h) = hint {
                    write!(f, "; did you mean {h}?")?;
                }
                Ok(())
            }
        }
    }
}

/// The findings of a batch, sorted, and its coverage problems.
#[derive(Debug, Default)]
pub struct Checks {
    pub findings: Vec<Finding>,
    pub coverage: Vec<Coverage>,
}

/// R1–R6 on every report, X1–X4 between consecutive years of each unit, and coverage when a
/// registry is given.
pub fn check_batch(reports: &[UnitReport], registry: Option<&Registry>) -> Checks {
    // Each report on its own: in parallel (a national batch has 100,000), in report order.
    let found: Vec<Finding> = reports
        .par_iter()
        .flat_map_iter(findings::check_report)
        .collect();
    let links: Vec<YearLink> = reports.par_iter().map(YearLink::of).collect();
    close(found, &links, registry)
}

/// The checks that need the whole batch, once each report has had its own (`found`): X1–X4
/// between a unit's years and coverage against the registry; then everything sorted.
pub(crate) fn close(
    mut found: Vec<Finding>,
    links: &[YearLink],
    registry: Option<&Registry>,
) -> Checks {
    let reorganised = |unit: &str, year: i32| {
        registry
            .and_then(|r| r.get(unit))
            .and_then(|u| u.reorganised)
            .is_some_and(|y| y == year)
    };
    found.extend(findings::check_years(links, &reorganised));
    findings::sort(&mut found);
    let mut coverage = Vec::new();
    if let Some(registry) = registry {
        let mut by_year: BTreeMap<i32, HashSet<&str>> = BTreeMap::new();
        for r in links {
            by_year.entry(r.year).or_default().insert(r.unit.as_str());
            if registry.get(&r.unit).is_none() {
                coverage.push(Coverage::Unregistered {
                    year: r.year,
                    unit: r.unit.clone(),
                    file: r.file.clone(),
                    hint: registry.closest(&r.unit).map(str::to_string),
                });
            }
        }
        for (year, present) in &by_year {
            for u in registry.due_in(*year) {
                if !present.contains(u.name.as_str()) {
                    coverage.push(Coverage::Missing {
                        year: *year,
                        unit: u.name.clone(),
                        kind: u.kind,
                    });
                }
            }
        }
        coverage.sort();
    }
    Checks {
        findings: found,
        coverage,
    }
}

/// Totals for the whole batch (named `name`) and, with a registry, for every unit of the
/// registry that has reporting units below it: a district total and a city total from one run.
/// A group's total sums every report below it in the tree (a leaf-based roll-up), so a unit's
/// own report and its children's are both counted in their common ancestor.
pub fn rollup(
    batch: &RecordBatch,
    name: &str,
    registry: &Registry,
) -> Result<Vec<Total>, AggregateError> {
    let units = batch
        .column_by_name(col::UNIT)
        .and_then(|c| c.as_any().downcast_ref::<DictionaryArray<UInt32Type>>())
        .ok_or(AggregateError::MissingColumn { column: col::UNIT })?;
    let names = units
        .values()
        .as_any()
        .downcast_ref::<StringArray>()
        .ok_or(AggregateError::MissingColumn { column: col::UNIT })?;
    let mut groups: BTreeMap<&str, ()> = BTreeMap::new();
    let distinct: BTreeSet<&str> = names.iter().flatten().collect();
    for u in &distinct {
        for a in registry.ancestors(u) {
            groups.insert(a, ());
        }
    }
    let mut out = consolidate(batch, name)?;
    // Registry order, then nearest the root first: the city before its districts.
    let mut ordered: Vec<&str> = groups.keys().copied().filter(|g| *g != name).collect();
    ordered.sort_by_key(|g| {
        (
            registry.level(g),
            registry.units.iter().position(|u| u.name == *g),
        )
    });
    for group in ordered {
        let members: BTreeSet<&str> = distinct
            .iter()
            .copied()
            .filter(|u| registry.ancestors(u).contains(&group))
            .collect();
        // Per dictionary entry, then per row by key: no string is compared per row.
        let member: Vec<bool> = names
            .iter()
            .map(|n| n.is_some_and(|n| members.contains(n)))
            .collect();
        let mask: BooleanArray = units
            .keys()
            .values()
            .iter()
            .map(|k| Some(member[*k as usize]))
            .collect();
        let sub = arrow::compute::filter_record_batch(batch, &mask)
            .map_err(|e| AggregateError::Arrow(e.to_string()))?;
        out.extend(consolidate(&sub, group)?);
    }
    out.sort_by_key(|t| t.year);
    Ok(out)
}
