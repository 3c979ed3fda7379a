//! A unit's file laid out as the official form (a form grid, as a person fills it in Excel or WPS
//! and saves as CSV, or a workbook's sheets): its unit and year, from the lines that name them or
//! else the path, then the form found in it by the locator.

use std::slice;

use gongkai_document::{Grid, Origin};
use gongkai_form::{parse_year, FormVersion};
use gongkai_messages::msg;
use gongkai_report::Finding;

use crate::locate::meta::meta_entry_of;
use crate::locate::{self, Conventions, Document, Setting};
use crate::reading::Reading;

/// Unit and year named inside the file, with the line they were found on (and the grid).
#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub unit: Option<(String, u32)>,
    year: Option<(String, u32, u32, usize)>,
}

/// The first `填报单位：城关区` and `年度,2020` lines of the grids.
pub(crate) fn scan_meta(grids: &[Grid]) -> Meta {
    let mut meta = Meta::default();
    for (g, grid) in grids.iter().enumerate() {
        for row in grid.rows() {
            if let Some((is_unit, value, col)) = meta_entry_of(row.len(), |i| row.text(i)) {
                if is_unit && meta.unit.is_none() && !value.is_empty() {
                    meta.unit = Some((value, row.number()));
                } else if !is_unit && meta.year.is_none() && !value.is_empty() {
                    meta.year = Some((value, row.number(), col, g));
                }
            }
        }
    }
    meta
}

/// `d` at a line and column of `grid`: a row and column of a sheet prints `file[Sheet1]!B3`.
fn at(d: Finding, grid: Option<&Grid>, line: u32, col: u32) -> Finding {
    match grid.map(|g| &g.origin) {
        Some(Origin::Sheet(sheet)) => d.in_sheet(sheet, line, Some(col)),
        _ => d.at(line, Some(col)),
    }
}

/// Reads a unit's form grid into `r`; `r.cell_sources`, when set, is filled for a learned
/// layout.
pub(crate) fn read(grid: &Grid, path_year: Option<i32>, path_unit: &str, r: &mut Reading) {
    read_grids(slice::from_ref(grid), path_year, path_unit, r);
}

/// [`read`] of one unit's form over several grids (a workbook's tables on sheets of their own).
pub(crate) fn read_grids(grids: &[Grid], path_year: Option<i32>, path_unit: &str, r: &mut Reading) {
    let meta = scan_meta(grids);
    let unit = meta
        .unit
        .as_ref()
        .map_or_else(|| path_unit.to_string(), |(u, _)| u.clone());
    let year = match &meta.year {
        Some((text, line, col, g)) => match parse_year(text) {
            Some(y) => {
                if let Some(py) = path_year.filter(|py| *py != y) {
                    let d = r.warning(msg!("read-year-differs", year = y, folder = py));
                    let d = at(d, grids.get(*g), *line, *col).unit(&unit, Some(y));
                    r.push(d);
                }
                y
            }
            None => {
                let d = at(r.error(msg!("read-bad-year")), grids.get(*g), *line, *col)
                    .found(text.as_str(), msg!("read-bad-year-expected"))
                    .unit(&unit, None);
                r.fail_file(d);
                return;
            }
        },
        None => match path_year {
            Some(y) => y,
            None => {
                let d = r.error(msg!("read-no-year")).unit(&unit, None);
                r.fail_file(d);
                return;
            }
        },
    };
    let form = FormVersion::for_year(year);
    let document = Document::new(grids);
    if let Some(d) = document.form_of_labels().filter(|d| *d != form) {
        let message = msg!(
            "read-wrong-form",
            laid_out = d.code(),
            year = year,
            form = form.code(),
            notice = form.notice()
        );
        let diag = r.error(message).unit(&unit, Some(year));
        r.fail_file(diag);
        return;
    }
    let setting = Setting {
        form,
        unit: &unit,
        year,
        file: &r.file,
        conventions: Conventions::UNIT_FILE,
    };
    let mut located = match r.cell_sources.take() {
        Some(sources) => locate::locate_recording(&document, setting, sources),
        None => locate::locate(&document, setting),
    };
    r.values_read += located.values_read;
    r.values_rejected += located.values_rejected;
    r.cell_sources = located.sources.take();
    if located.tables_found().is_empty() {
        r.diagnostics.append(&mut located.diagnostics);
        let d = r
            .error(msg!(
                "read-no-table",
                header = gongkai_report::write::tidy::HEADER.join(","),
                form = form.code()
            ))
            .unit(&unit, Some(year));
        r.fail_file(d);
        return;
    }
    located.report_missing();
    r.diagnostics.append(&mut located.diagnostics);
    r.unreadable(&unit, year, std::mem::take(&mut located.unreadable));
    r.reports.push(located.report);
    if located.tainted {
        r.taint(&unit, year);
    }
}
