//! A unit's submission as a document: its annual report as a Word file, a PDF or a saved page
//! (the official report is a Word document, and many units send that rather than the form). The
//! report is read as a published one (`gongkai-pages`: title, tables, blank totals derived) and
//! then held to a unit file's standard: a report the city's totals rest on must be whole, so one
//! with cells not found or not values is left out, with each cell named. What its text says
//! against its tables (rule N1) is a finding of the unit's like any other.

use std::path::Path;

use gongkai_form::RuleId;
use gongkai_messages::msg;
use gongkai_pages::import_bytes_in;
use gongkai_report::{Check, Layout, Place};

use crate::reading::{year_from_path, Reading};

/// Reads the document in `bytes` into `r`; the layout read, where a report was found.
pub(crate) fn read(bytes: &[u8], path: &Path, r: &mut Reading) -> Option<Layout> {
    let imp = import_bytes_in(bytes, path, year_from_path(path));
    r.diagnostics.extend(imp.diagnostics.iter().cloned());
    // N1 (the text states a figure the tables do not hold) is the document's own: the rules over
    // the values are checked again on the report with every other unit's, so only N1 is kept.
    r.diagnostics.extend(
        imp.findings
            .iter()
            .filter(|f| f.rule == Check::Rule(RuleId::N1))
            .cloned(),
    );
    let report = imp.report.as_ref()?;
    let found = imp.found();
    r.values_read += found + imp.bad_cells;
    r.values_rejected += imp.bad_cells;
    let missing = imp.missing();
    if !missing.is_empty() {
        let d = r
            .error(msg!(
                "read-document-cells-not-found",
                missing = missing.len(),
                cells = imp.expected(),
                shown = shown_list(&missing, 5)
            ))
            .unit(&report.unit, Some(report.year));
        r.push(d);
        r.taint(&report.unit, report.year);
    }
    if imp.bad_cells > 0 {
        r.taint(&report.unit, report.year);
    }
    if r.is_tainted(&report.unit, report.year) {
        // Cells not found and cells whose text is no value are alike not in the report: the
        // rules over them are not checked when it is checked all the same.
        let absent = (0..report.values.len()).filter(|&i| !report.present(i));
        let cells: Vec<(usize, Place)> = absent.map(|i| (i, Place::File)).collect();
        r.unreadable(&report.unit, report.year, cells);
    }
    let mut imp = imp;
    r.reports.extend(imp.report.take());
    Some(Layout::Grid)
}

/// The first `n` of `items`, and how many more there are: `a, b and 3 more`.
pub(crate) fn shown_list(items: &[String], n: usize) -> String {
    let shown = items
        .iter()
        .take(n)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(&msg!("read-list-separator"));
    match items.len().saturating_sub(n) {
        0 => shown,
        more => msg!("read-list-and-more", list = shown, more = more),
    }
}
