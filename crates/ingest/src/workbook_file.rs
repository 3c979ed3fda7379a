//! A workbook (`.xlsx`, `.xls`, `.ods`, WPS `.et`, …) to reports: its sheets, read by
//! `gongkai_workbook`, go through the same readers as a CSV file's grid.
//!
//! Every visible sheet that holds the form is a unit's form grid, found by its labels by the one
//! locator ([`unit_file`], `Conventions::UNIT_FILE`). Sheets that each hold only part of the form
//! (二 on one sheet, 三 on the next, 四 on a third) are one unit's, read together as one document
//! of several grids. A sheet whose first row is the tidy header goes through the tidy reader.
//! The unit is the one a sheet names on its 填报单位 line, else the file's name when the workbook
//! holds one unit, else the sheet's name. Hidden sheets and sheets that hold no form are skipped
//! with a warning naming them.

use std::fmt::Write as _;
use std::path::Path;
use std::slice;
use std::sync::Arc;

use gongkai_document::delimited::read_records;
use gongkai_document::{Grid, Origin};
use gongkai_form::{FormVersion, Section};
use gongkai_messages::msg;
use gongkai_report::Layout;
use gongkai_workbook::Sheet;

use crate::locate::{self, Conventions, Document, Setting};
use crate::reading::{unit_from_path, year_from_path, Reading};
use crate::{tidy, unit_file};

/// Reads the workbook `bytes` into `r`; the layout of what was read.
pub(crate) fn read(bytes: &[u8], path: &Path, r: &mut Reading) -> Option<Layout> {
    let book = match gongkai_workbook::read(bytes) {
        Ok(book) => book,
        Err(e) => {
            let d = r.error(e.to_string());
            r.fail_file(d);
            return None;
        }
    };
    let path_year = year_from_path(path);
    let mut forms: Vec<&Sheet> = Vec::new();
    let mut skipped_empty = Vec::new();
    let mut tidy_read = false;
    for sheet in &book.sheets {
        if !sheet.visible {
            let d = r.warning(msg!("read-sheet-hidden", sheet = sheet.name.as_str()));
            r.push(d);
        } else if sheet.grid.is_empty() {
            skipped_empty.push(sheet.name.as_str());
        } else if read_tidy(sheet, r) {
            tidy_read = true;
        } else {
            forms.push(sheet);
        }
    }
    if forms.is_empty() {
        if !tidy_read {
            let header = gongkai_report::write::tidy::HEADER.join(",");
            let d = r.error(if skipped_empty.is_empty() {
                msg!("read-no-sheet-holds-a-report", header = header)
            } else {
                msg!(
                    "read-no-sheet-holds-a-report-empty",
                    header = header,
                    empty = skipped_empty.join(&msg!("read-list-separator"))
                )
            });
            r.fail_file(d);
        }
        return tidy_read.then_some(Layout::Tidy);
    }
    // One sheet to try: it is the report, or the file is in error (as a CSV grid would be).
    if let [sheet] = forms[..] {
        unit_file::read(&sheet.grid, path_year, &unit_from_path(path), r);
        return Some(Layout::Workbook);
    }
    let file = Arc::clone(&r.file);
    let (units, no_form) = units(&forms, path_year, &file);
    for sheet in no_form {
        let d = r.warning(msg!("read-sheet-no-form", sheet = sheet));
        r.push(d);
    }
    if units.is_empty() {
        let d = r.error(msg!(
            "read-no-table-in-any-sheet",
            header = gongkai_report::write::tidy::HEADER.join(",")
        ));
        r.fail_file(d);
        return None;
    }
    let one_unit = units.len() == 1;
    for unit in &units {
        let grids: Vec<Grid> = unit.iter().map(|s| s.grid.clone()).collect();
        let named = if one_unit {
            unit_from_path(path)
        } else {
            unit.first().map(|s| s.name.clone()).unwrap_or_default()
        };
        unit_file::read_grids(&grids, path_year, &named, r);
    }
    Some(Layout::Workbook)
}

/// Reads `sheet` as tidy rows if its first row is the tidy header; false if it is not.
fn read_tidy(sheet: &Sheet, r: &mut Reading) -> bool {
    let Some(first) = sheet.grid.rows().next() else {
        return false;
    };
    let words = first.cells().filter(|c| {
        let t = c.text.trim().to_ascii_lowercase();
        gongkai_report::write::tidy::HEADER.contains(&t.as_str())
    });
    if words.count() < 4 {
        return false;
    }
    // The tidy reader reads records: the sheet as CSV text, a line per row number, so that
    // its findings' lines and columns are the sheet's rows and columns.
    let text = as_csv(&sheet.grid);
    let Ok(table) = read_records(&text, b',') else {
        return false;
    };
    let records = table.records();
    let Some(start) = records.iter().position(|rec| !rec.is_empty()) else {
        return false;
    };
    let Some(pos) = tidy::header_positions(&records[start]) else {
        return false;
    };
    let before = r.diagnostics.len();
    if records[start + 1..].iter().all(|rec| rec.is_empty()) {
        let d = r
            .error(msg!("read-sheet-header-only", sheet = sheet.name.as_str()))
            .in_sheet(&sheet.name, records[start].line, None);
        r.push(d);
    } else {
        tidy::read(&records[start..], pos, r);
    }
    // The tidy reader's lines are the sheet's rows, its fields the sheet's columns (places of
    // cells read from a sheet's grid are sheet places already).
    let in_sheet = |place: &mut gongkai_report::Place| {
        if let Some((row, column)) = place.line() {
            *place = gongkai_report::Place::Sheet {
                sheet: sheet.name.clone(),
                row,
                column,
            };
        }
    };
    for d in &mut r.diagnostics[before..] {
        in_sheet(&mut d.place);
    }
    r.unreadable_places().for_each(in_sheet);
    true
}

/// A grid as comma-separated text, row `n` on line `n`, each cell in its column.
fn as_csv(grid: &Grid) -> String {
    let mut out = String::new();
    let mut line = 1;
    for row in grid.rows() {
        while line < row.number() {
            out.push('\n');
            line += 1;
        }
        let mut col = 0;
        for c in row.cells() {
            while col < c.column {
                out.push(',');
                col += 1;
            }
            if c.text.contains([',', '"', '\n', '\r']) {
                let _ = write!(out, "\"{}\"", c.text.replace('"', "\"\""));
            } else {
                out.push_str(c.text);
            }
        }
        out.push('\n');
        line += 1;
    }
    out
}

/// The sheets grouped by unit: a sheet that holds the whole form is a unit's; sheets that each
/// hold part of it, in a row, are one unit's until a table comes again or the sheet names
/// another unit. Second, the names of the sheets where no table of the form is seen.
fn units<'s>(
    forms: &[&'s Sheet],
    path_year: Option<i32>,
    file: &Arc<std::path::PathBuf>,
) -> (Vec<Vec<&'s Sheet>>, Vec<&'s str>) {
    let mut units: Vec<Vec<&Sheet>> = Vec::new();
    let mut no_form = Vec::new();
    // The tables the last group holds, and the unit it names.
    let mut holds: Vec<Section> = Vec::new();
    let mut named: Option<String> = None;
    let mut open = false;
    for sheet in forms {
        let (seen, unit) = tables_seen(&sheet.grid, path_year, file);
        if seen.is_empty() {
            no_form.push(sheet.name.as_str());
            continue;
        }
        let whole = Section::ALL.iter().all(|s| seen.contains(s));
        let joins = open
            && !whole
            && !seen.iter().any(|s| holds.contains(s))
            && (unit.is_none() || named.is_none() || unit == named);
        if joins {
            holds.extend(seen);
            named = named.or(unit);
            if let Some(last) = units.last_mut() {
                last.push(sheet);
            }
        } else {
            units.push(vec![sheet]);
            holds = seen;
            named = unit;
            open = !whole;
        }
    }
    (units, no_form)
}

/// The tables of the form a grid holds cells of, and the unit it names.
fn tables_seen(
    grid: &Grid,
    path_year: Option<i32>,
    file: &Arc<std::path::PathBuf>,
) -> (Vec<Section>, Option<String>) {
    let grids = slice::from_ref(grid);
    let document = Document::new(grids);
    let meta = unit_file::scan_meta(grids);
    let form = document
        .form_of_labels()
        .or(path_year.map(FormVersion::for_year))
        .unwrap_or(FormVersion::F2021);
    let sheet = match &grid.origin {
        Origin::Sheet(name) => name.as_str(),
        _ => "",
    };
    let located = locate::locate(
        &document,
        Setting {
            form,
            unit: sheet,
            year: path_year.unwrap_or(2021),
            file,
            conventions: Conventions::UNIT_FILE,
        },
    );
    (located.tables_found(), meta.unit.map(|(u, _)| u))
}
