//! X1–X4 between consecutive years of each unit: the rules and the code `validate` uses, on the
//! report chosen for each unit and year.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use gongkai_aggregate::findings::check_years;
use gongkai_aggregate::link::Links;
use gongkai_form::Level;
use gongkai_messages::msg;
use gongkai_report::{Finding, Registry, UnitReport};

use crate::Row;

/// Adds to each report's row what X1–X4 find against the unit's report of the year before. A
/// finding that rests on a cell not found in either report (counted as 0) is only a warning,
/// and says which cells, as the rules on one report do.
pub(crate) fn check(
    rows: &mut [Row],
    chosen: &BTreeMap<(String, i32), usize>,
    registry: Option<&Registry>,
) {
    let reports: Vec<UnitReport> = chosen
        .values()
        .filter_map(|&at| rows[at].report.clone())
        .collect();
    let reorganised = |unit: &str, year: i32| {
        registry
            .and_then(|r| r.get(unit))
            .and_then(|u| u.reorganised)
            .is_some_and(|y| y == year)
    };
    let found = check_years(&Links::of(&reports), &reorganised);
    let by_file: HashMap<&Path, usize> = chosen
        .values()
        .map(|&at| (rows[at].file.as_path(), at))
        .collect();
    let mut placed: Vec<(usize, Finding)> = Vec::new();
    for mut f in found {
        let Some(&at) = f.file.as_deref().and_then(|p| by_file.get(p.as_path())) else {
            continue;
        };
        rest_on_found_cells(&mut f, rows, chosen);
        placed.push((at, f));
    }
    for (at, f) in placed {
        rows[at].findings.push(f);
    }
}

/// Lowers `f` to a warning, naming them, when a cell it reads was not found in its report.
fn rest_on_found_cells(f: &mut Finding, rows: &[Row], chosen: &BTreeMap<(String, i32), usize>) {
    let (Some(unit), Some(year)) = (f.unit.clone(), f.year) else {
        return;
    };
    let not_found: Vec<String> = f
        .rules
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|code| {
            // A previous year's cell is written `requests.carried_forward.total@2020`.
            let (code, year) = match code.split_once('@') {
                Some((c, y)) => (c, y.parse().unwrap_or(year)),
                None => (code.as_str(), year),
            };
            let report = chosen
                .get(&(unit.clone(), year))
                .and_then(|&at| rows[at].report.as_ref());
            report.is_some_and(|r| {
                r.form
                    .catalogue()
                    .by_code(code)
                    .is_some_and(|cell| !r.present(cell.index))
            })
        })
        .cloned()
        .collect();
    if not_found.is_empty() {
        return;
    }
    f.level = Level::Warning;
    for r in &mut f.rules {
        r.level = Level::Warning;
    }
    f.message.push_str(&msg!(
        "pages-rests-on-missing",
        count = not_found.len(),
        cells = not_found.join(", ")
    ));
}
