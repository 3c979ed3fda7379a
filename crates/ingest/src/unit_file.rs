//! A unit's file laid out as the official form (a form grid, as a person fills it in Excel or WPS
//! and saves as CSV): its unit and year, from the lines that name them or else the path, then
//! the form found in it by the locator.

use std::slice;

use gongkai_document::Grid;
use gongkai_form::{parse_year, FormVersion};

use crate::locate::meta::meta_entry_of;
use crate::locate::{self, Conventions, Document, Setting};
use crate::reading::Reading;

/// Unit and year named inside the file, with the line they were found on.
#[derive(Debug, Default)]
struct Meta {
    unit: Option<(String, u32)>,
    year: Option<(String, u32, u32)>,
}

/// The first `填报单位：城关区` and `年度,2020` lines of a grid.
fn scan_meta(grid: &Grid) -> Meta {
    let mut meta = Meta::default();
    for row in grid.rows() {
        if let Some((is_unit, value, col)) = meta_entry_of(row.len(), |i| row.text(i)) {
            if is_unit && meta.unit.is_none() && !value.is_empty() {
                meta.unit = Some((value, row.number()));
            } else if !is_unit && meta.year.is_none() && !value.is_empty() {
                meta.year = Some((value, row.number(), col));
            }
        }
    }
    meta
}

/// Reads a unit's form grid into `r`; `r.cell_sources`, when set, is filled for a learned
/// layout.
pub(crate) fn read(grid: &Grid, path_year: Option<i32>, path_unit: &str, r: &mut Reading) {
    let meta = scan_meta(grid);
    let unit = meta
        .unit
        .as_ref()
        .map_or_else(|| path_unit.to_string(), |(u, _)| u.clone());
    let year = match &meta.year {
        Some((text, line, col)) => match parse_year(text) {
            Some(y) => {
                if let Some(py) = path_year.filter(|py| *py != y) {
                    let d = r
                        .warning(format!(
                            "year {y} in the file differs from the folder's year {py}; using {y}"
                        ))
                        .at(*line, Some(*col))
                        .unit(&unit, Some(y));
                    r.push(d);
                }
                y
            }
            None => {
                let d = r
                    .error("bad year")
                    .at(*line, Some(*col))
                    .found(text.as_str(), "a year such as 2020")
                    .unit(&unit, None);
                r.fail_file(d);
                return;
            }
        },
        None => match path_year {
            Some(y) => y,
            None => {
                let d = r
                    .error(
                        "no year: add a line 年度,2020 or put the file in a folder named after \
                         the year",
                    )
                    .unit(&unit, None);
                r.fail_file(d);
                return;
            }
        },
    };
    let form = FormVersion::for_year(year);
    let grids = slice::from_ref(grid);
    let document = Document::new(grids);
    if let Some(d) = document.form_of_labels().filter(|d| *d != form) {
        let msg = format!(
            "the tables are laid out in form {d}, but {year} reports use form {form} ({})",
            form.notice()
        );
        let diag = r.error(msg).unit(&unit, Some(year));
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
            .error(format!(
                "no table of the form found: neither a tidy header ({}) nor the headings \
                 and row labels of form {form}'s tables",
                gongkai_report::write::tidy::HEADER.join(",")
            ))
            .unit(&unit, Some(year));
        r.fail_file(d);
        return;
    }
    located.report_missing();
    r.diagnostics.append(&mut located.diagnostics);
    r.reports.push(located.report);
    if located.tainted {
        r.taint(&unit, year);
    }
}
