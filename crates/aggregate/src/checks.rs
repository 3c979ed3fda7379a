//! Every check of a batch in one place: rules on each unit, rules between a unit's years, and
//! coverage against the units registry. `validate` and `consolidate` both call [`check_batch`],
//! so no rule is checked twice by different code.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use arrow::array::{Array, DictionaryArray, StringArray};
use arrow::datatypes::UInt32Type;
use arrow::record_batch::RecordBatch;
use foldhash::HashSet;
use gongkai_form::Level;
use gongkai_report::arrow::col;
use gongkai_report::{Check, Finding, Registry, UnitReport};
use rayon::prelude::*;

use crate::findings;
use crate::link::Links;
use crate::{AggregateError, Total};

/// The findings of a batch: rules on reports and between years, and coverage against the
/// registry (units that did not submit, files of units nobody expects), each sorted.
#[derive(Debug, Default)]
pub struct Checks {
    pub findings: Vec<Finding>,
    pub coverage: Vec<Finding>,
    /// Units of the registry due to report for a year of the batch that sent no report, by
    /// year and registry order (each also a coverage finding).
    pub missing: Vec<(i32, String)>,
}

/// R1–R6 on every report, X1–X4 between consecutive years of each unit, and coverage when a
/// registry is given.
pub fn check_batch(reports: &[UnitReport], registry: Option<&Registry>) -> Checks {
    // Each report on its own: in parallel (a national batch has 100,000), in report order.
    let found: Vec<Finding> = reports
        .par_iter()
        .flat_map_iter(findings::check_report)
        .collect();
    close(found, &Links::of(reports), registry)
}

/// The checks that need the whole batch, once each report has had its own (`found`): X1–X4
/// between a unit's years and coverage against the registry; then everything sorted.
pub(crate) fn close(mut found: Vec<Finding>, links: &Links, registry: Option<&Registry>) -> Checks {
    let reorganised = |unit: &str, year: i32| {
        registry
            .and_then(|r| r.get(unit))
            .and_then(|u| u.reorganised)
            .is_some_and(|y| y == year)
    };
    found.extend(findings::check_years(links, &reorganised));
    Finding::sort(&mut found);
    let mut coverage = Vec::new();
    let mut missing = Vec::new();
    if let Some(registry) = registry {
        let mut by_year: BTreeMap<i32, HashSet<&str>> = BTreeMap::new();
        for r in links.iter() {
            by_year.entry(r.year()).or_default().insert(r.unit());
            if registry.get(r.unit()).is_none() {
                let hint = registry.closest(r.unit());
                let message = match hint {
                    Some(h) => gongkai_messages::msg!("registry-not-registered-hint", hint = h),
                    None => gongkai_messages::msg!("registry-not-registered"),
                };
                coverage.push(Finding {
                    file: Some(Arc::new(r.file())),
                    ..Finding::new(Check::Coverage, Level::Warning, message)
                        .unit(r.unit(), Some(r.year()))
                        .found(
                            r.unit(),
                            hint.map_or_else(
                                || gongkai_messages::msg!("registry-a-registered-unit"),
                                str::to_string,
                            ),
                        )
                });
            }
        }
        for (year, present) in &by_year {
            for u in registry.due_in(*year) {
                if !present.contains(u.name.as_str()) {
                    missing.push((*year, u.name.clone()));
                    let kind = u.kind.code();
                    let message = gongkai_messages::msg!("registry-missing", kind = kind);
                    coverage.push(
                        Finding::new(Check::Coverage, Level::Warning, message)
                            .unit(&u.name, Some(*year))
                            .found(
                                gongkai_messages::msg!("registry-none"),
                                gongkai_messages::msg!("registry-a-report", kind = kind),
                            ),
                    );
                }
            }
        }
        Finding::sort(&mut coverage);
    }
    Checks {
        findings: found,
        coverage,
        missing,
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
    // Per unit of the dictionary, its ancestors: the groups it counts in besides the whole.
    let ancestors: Vec<Vec<&str>> = names
        .iter()
        .map(|n| n.map(|n| registry.ancestors(n)).unwrap_or_default())
        .collect();
    // Registry order, then nearest the root first: the city before its districts.
    let mut groups: Vec<&str> = ancestors
        .iter()
        .flatten()
        .copied()
        .filter(|g| *g != name)
        .collect();
    groups.sort_unstable();
    groups.dedup();
    groups.sort_by_cached_key(|g| (registry.level(g), registry.position(g)));
    if groups.len() >= usize::from(u16::MAX) {
        return Err(AggregateError::TooManyGroups {
            groups: groups.len() + 1,
        });
    }
    let id: HashMap<&str, u16> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (*g, i as u16 + 1))
        .collect();
    let of_unit: Vec<Vec<u16>> = ancestors
        .iter()
        .map(|a| {
            std::iter::once(0)
                .chain(a.iter().filter_map(|g| id.get(g).copied()))
                .collect()
        })
        .collect();
    let mut all = vec![name];
    all.extend(groups);
    // One group-by for the whole and every group: a row counts once in each of its groups.
    crate::consolidate::sum_groups(batch, &all, Some(&of_unit))
}

#[cfg(test)]
mod rollup_tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use arrow::array::{Array, BooleanArray, DictionaryArray, StringArray};
    use arrow::datatypes::UInt32Type;
    use arrow::record_batch::RecordBatch;
    use gongkai_ingest::{read_batch, ReadOptions};
    use gongkai_report::arrow::{col, to_record_batch};
    use gongkai_report::Registry;

    use super::rollup;
    use crate::{consolidate, Total};

    /// The roll-up as first written: one filtered batch and one sum per group.
    fn by_filter(batch: &RecordBatch, name: &str, registry: &Registry) -> Vec<Total> {
        let units = batch
            .column_by_name(col::UNIT)
            .and_then(|c| c.as_any().downcast_ref::<DictionaryArray<UInt32Type>>())
            .unwrap();
        let names = units
            .values()
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap();
        let distinct: BTreeSet<&str> = names.iter().flatten().collect();
        let groups: BTreeSet<&str> = distinct
            .iter()
            .flat_map(|u| registry.ancestors(u))
            .filter(|g| *g != name)
            .collect();
        let mut ordered: Vec<&str> = groups.into_iter().collect();
        ordered.sort_by_key(|g| (registry.level(g), registry.position(g)));
        let mut out = consolidate(batch, name).unwrap();
        for group in ordered {
            let member: Vec<bool> = names
                .iter()
                .map(|n| n.is_some_and(|n| registry.ancestors(n).contains(&group)))
                .collect();
            let mask: BooleanArray = units
                .keys()
                .values()
                .iter()
                .map(|k| Some(member[*k as usize]))
                .collect();
            let sub = arrow::compute::filter_record_batch(batch, &mask).unwrap();
            out.extend(consolidate(&sub, group).unwrap());
        }
        out.sort_by_key(|t| t.year);
        out
    }

    /// One group-by for every group gives what one sum per group gave, on the sample's five
    /// years and its registry (districts, counties and departments under the city).
    #[test]
    fn rollup_in_one_group_by_equals_one_sum_per_group() {
        let root = root_dir();
        let registry = Registry::load(&root.join("units.csv")).unwrap();
        let batch = read_batch(std::slice::from_ref(&root), &ReadOptions::default());
        let record_batch = to_record_batch(&batch.reports).unwrap();
        for name in ["合计", "兰州市"] {
            let got = rollup(&record_batch, name, &registry).unwrap();
            let want = by_filter(&record_batch, name, &registry);
            assert_eq!(got, want);
            assert_eq!(got.len(), if name == "合计" { 10 } else { 5 }, "{name}");
        }
        // A deeper tree: the districts split between two groups under the city.
        let text = std::fs::read_to_string(root_dir().join("units.csv")).unwrap();
        let mut deeper = String::new();
        for (i, line) in text.lines().enumerate() {
            let line = if line.contains(",兰州市,") {
                let half = if i % 2 == 0 { "东片" } else { "西片" };
                line.replace(",兰州市,", &format!(",{half},"))
            } else {
                line.to_string()
            };
            deeper.push_str(&line);
            deeper.push('\n');
        }
        deeper.push_str("东片,district,兰州市,,\n西片,district,兰州市,,\n");
        let dir = std::env::temp_dir().join(format!("gongkai-rollup-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("units.csv"), deeper).unwrap();
        let registry = Registry::load(&dir.join("units.csv")).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let got = rollup(&record_batch, "合计", &registry).unwrap();
        assert_eq!(got, by_filter(&record_batch, "合计", &registry));
        assert_eq!(
            got.len(),
            5 * 4,
            "the whole, the city and two halves, five years"
        );
    }

    fn root_dir() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/lanzhou")
    }
}
