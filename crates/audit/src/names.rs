//! Units named as the registry names them, and one report for each unit and year: what the
//! checks between reports (X1–X4, C1) compare.

use std::collections::BTreeMap;

use gongkai_messages::msg;
use gongkai_report::{is_correction, Finding, Registry};

use crate::Row;

/// Renames each report's unit to its registered name where the registry knows the printed one
/// as an alias; the printed name is kept in [`Row::published_as`].
pub(crate) fn register(rows: &mut [Row], registry: &Registry) {
    for row in rows {
        let Some(report) = &mut row.report else {
            continue;
        };
        let Some(unit) = registry.resolve(&report.unit) else {
            continue;
        };
        if unit.name != report.unit {
            row.published_as = Some(std::mem::replace(&mut report.unit, unit.name.clone()));
        }
    }
}

/// Per unit and year, the row whose report the checks between reports use: the file named as
/// the correction (更正, 修改, …) if one is, else the first (in path order). Each other file of
/// that unit and year gets a warning naming the one used.
pub(crate) fn one_per_unit_and_year(rows: &mut [Row]) -> BTreeMap<(String, i32), usize> {
    let mut of: BTreeMap<(String, i32), Vec<usize>> = BTreeMap::new();
    for (at, row) in rows.iter().enumerate() {
        if let Some(r) = &row.report {
            of.entry((r.unit.clone(), r.year)).or_default().push(at);
        }
    }
    let mut chosen = BTreeMap::new();
    for (key, ats) in of {
        let used = ats
            .iter()
            .copied()
            .find(|&at| is_correction(&rows[at].file))
            .unwrap_or(ats[0]);
        let used_file = rows[used].file.display().to_string();
        for at in ats.into_iter().filter(|&at| at != used) {
            let row = &mut rows[at];
            row.findings.push(
                Finding::warning(&row.file, msg!("audit-twice", used = used_file.as_str()))
                    .unit(&key.0, Some(key.1)),
            );
        }
        chosen.insert(key, used);
    }
    chosen
}
