//! After a page is read: blank totals derived from their parts, then rules R1–R6 on the report,
//! so that an arithmetic error in a published report is caught when it is imported.

use std::path::PathBuf;
use std::sync::Arc;

use gongkai_form::rules::check_values;
use gongkai_form::{format_value, Catalogue, Level, Section};
use gongkai_messages::msg;

use gongkai_report::{Finding, UnitReport};

/// Fills blank totals from their parts (R3 row totals, R2 column totals, R4 appeal totals),
/// with a warning naming each. A total stays blank when all its parts are blank too.
pub(crate) fn derive_totals(
    report: &mut UnitReport,
    file: &Arc<PathBuf>,
    diags: &mut Vec<Finding>,
) -> Vec<usize> {
    let cat = report.form.catalogue();
    let mut derived = Vec::new();
    let req = cat.block_of(Section::Requests);
    let rb = block_index(cat, Section::Requests);
    let total_col = req.columns.len() - 1;
    let total_row = req.rows.iter().position(|r| r.code == "total").unwrap_or(0);
    let results: Vec<usize> = (0..req.rows.len())
        .filter(|r| {
            let code = req.rows[*r].code;
            !matches!(
                code,
                "new_received" | "carried_over" | "total" | "carried_forward"
            )
        })
        .collect();
    // Row totals of every row but 总计 (R3), then 总计 per column (R2), then its own total (R3).
    for r in 0..req.rows.len() {
        if r == total_row {
            continue;
        }
        let parts: Vec<usize> = (0..total_col).map(|c| cat.cell_index(rb, r, c)).collect();
        derive(
            report,
            cat.cell_index(rb, r, total_col),
            &parts,
            "R3",
            &mut derived,
        );
    }
    for c in 0..=total_col {
        let parts: Vec<usize> = results.iter().map(|r| cat.cell_index(rb, *r, c)).collect();
        derive(
            report,
            cat.cell_index(rb, total_row, c),
            &parts,
            "R2",
            &mut derived,
        );
    }
    let parts: Vec<usize> = (0..total_col)
        .map(|c| cat.cell_index(rb, total_row, c))
        .collect();
    derive(
        report,
        cat.cell_index(rb, total_row, total_col),
        &parts,
        "R3",
        &mut derived,
    );
    let ab = block_index(cat, Section::Appeals);
    let app = cat.block_of(Section::Appeals);
    let last = app.columns.len() - 1;
    for r in 0..app.rows.len() {
        let parts: Vec<usize> = (0..last).map(|c| cat.cell_index(ab, r, c)).collect();
        derive(
            report,
            cat.cell_index(ab, r, last),
            &parts,
            "R4",
            &mut derived,
        );
    }
    for (index, rule) in &derived {
        let cell = &cat.cells[*index];
        let d = Finding::warning(
            file,
            msg!(
                "pages-total-derived",
                cell = cell.code(),
                rule = *rule,
                value = format_value(report.values[*index], cell.kind()),
                place = gongkai_report::wording::where_cell(cell),
            ),
        )
        .unit(&report.unit, Some(report.year))
        .place(report.source.place(*index));
        diags.push(d);
    }
    derived.into_iter().map(|(i, _)| i).collect()
}

fn block_index(cat: &Catalogue, section: Section) -> usize {
    cat.blocks
        .iter()
        .position(|b| b.section == section)
        .unwrap_or(0)
}

/// Sets a blank (present, written empty) total to the sum of its parts when any part has a
/// value.
fn derive(
    report: &mut UnitReport,
    total: usize,
    parts: &[usize],
    rule: &'static str,
    derived: &mut Vec<(usize, &'static str)>,
) {
    if !report.present(total) || !report.blank[total] {
        return;
    }
    if !parts
        .iter()
        .any(|p| report.present(*p) && !report.blank[*p])
    {
        return;
    }
    let sum: i64 = parts
        .iter()
        .map(|p| report.values[*p])
        .fold(0i64, i64::saturating_add);
    report.values[total] = sum;
    report.blank[total] = false;
    derived.push((total, rule));
}

/// Rules R1–R6 on an imported report, each pointing at the cell it checks: its line in a text
/// copy, its table's row in a page. A check that involves a cell not found on the page is only a
/// warning: its arithmetic counts that cell as 0, and the finding names the cells it rests on.
pub(crate) fn check(report: &UnitReport, file: &Arc<PathBuf>) -> Vec<Finding> {
    let cat = report.form.catalogue();
    let violations = check_values(report.form, &report.values);
    Finding::violations(&violations, report.form, &report.unit, report.year)
        .into_iter()
        .map(|(anchor, finding)| {
            let not_found: Vec<String> = finding
                .rules
                .iter()
                .flat_map(|r| &r.cells)
                .filter(|code| {
                    cat.by_code(code)
                        .is_some_and(|cell| !report.present(cell.index))
                })
                .cloned()
                .collect();
            let mut message = finding.message.clone();
            if !not_found.is_empty() {
                message.push_str(&gongkai_messages::msg!(
                    "pages-rests-on-missing",
                    count = not_found.len(),
                    cells = not_found.join(", ")
                ));
            }
            Finding {
                file: Some(Arc::clone(file)),
                place: report.source.place(anchor),
                level: if not_found.is_empty() {
                    finding.level
                } else {
                    Level::Warning
                },
                message,
                ..finding
            }
        })
        .collect()
}
