//! The tidy interchange CSV: `year,unit,section,row,column,value`, one value per line.

use std::borrow::Cow;
use std::fmt::Write as _;

use gongkai_form::{format_value, FormVersion};

use crate::UnitReport;

/// The tidy CSV's columns, in the order written.
pub const HEADER: [&str; 6] = ["year", "unit", "section", "row", "column", "value"];

/// Writes reports as tidy CSV (header included), cells in template order.
pub fn write(reports: &[&UnitReport], out: &mut String) {
    out.push_str(&HEADER.join(","));
    out.push('\n');
    for report in reports {
        write_rows(&report.unit, report.year, report.form, &report.values, out);
    }
}

/// Writes one set of dense values as tidy rows (no header).
pub fn write_rows(unit: &str, year: i32, form: FormVersion, values: &[i64], out: &mut String) {
    let cat = form.catalogue();
    let unit = csv_field(unit);
    for cell in &cat.cells {
        let _ = writeln!(
            out,
            "{year},{unit},{},{},{},{}",
            cell.section.code(),
            cell.row.code,
            cell.column.code,
            format_value(values[cell.index], cell.kind())
        );
    }
}

/// Writes reports as the tidy CSV (header `year,unit,section,row,column,value`), cells in
/// template order: every cell found on the page, a blank one with an empty value (which the
/// tidy reader reads back as blank); cells not found are left out.
pub fn write_as_read<'a>(reports: impl IntoIterator<Item = &'a UnitReport>, out: &mut String) {
    out.push_str(&HEADER.join(","));
    out.push('\n');
    for report in reports {
        let cat = report.form.catalogue();
        let unit = csv_field(&report.unit);
        for cell in &cat.cells {
            if !report.present(cell.index) {
                continue;
            }
            let value = if report.blank[cell.index] {
                String::new()
            } else {
                format_value(report.values[cell.index], cell.kind())
            };
            let _ = writeln!(
                out,
                "{},{unit},{},{},{},{value}",
                report.year,
                cell.section.code(),
                cell.row.code,
                cell.column.code,
            );
        }
    }
}

/// Quotes a field when CSV needs it.
pub fn csv_field(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}
