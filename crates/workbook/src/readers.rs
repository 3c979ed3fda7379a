//! One reader per format, each from checked bytes to sheets through calamine.
//!
//! `.xlsx` and `.xlsb` sheets are streamed cell by cell (calamine's cell readers), so a sheet
//! past the limits stops at its first cell beyond them and no dense block is ever built. `.xls`
//! and `.ods` are parsed whole by calamine on opening; their extents were checked before.

use std::fmt::Display;
use std::io::Cursor;

use calamine::{
    Data, Dimensions, Ods, Range, Reader, SheetType, SheetVisible, Xls, XlsError, Xlsb, Xlsx,
};
use gongkai_document::{Grid, Origin};
use gongkai_messages::msg;

use crate::build::SheetCells;
use crate::compound::Compound;
use crate::{biff, text, Format, Limits, Sheet, Workbook, WorkbookError};

fn unreadable(e: impl Display) -> WorkbookError {
    WorkbookError::Unreadable(e.to_string())
}

fn visible(v: SheetVisible) -> bool {
    v == SheetVisible::Visible
}

/// A sheet that holds no cells (a chart sheet, a dialog).
fn no_cells(name: &str, visible: bool) -> Sheet {
    Sheet {
        name: name.to_string(),
        visible,
        grid: Grid::new(Origin::Sheet(name.to_string())),
    }
}

pub(crate) fn xlsx(bytes: &[u8], limits: &Limits) -> Result<Workbook, WorkbookError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut sheets = Vec::new();
    for meta in book.sheets_metadata().to_vec() {
        let shown = visible(meta.visible);
        if meta.typ != SheetType::WorkSheet {
            sheets.push(no_cells(&meta.name, shown));
            continue;
        }
        let mut cells = SheetCells::new(&meta.name, limits);
        {
            let mut reader = book
                .worksheet_cells_reader(&meta.name)
                .map_err(unreadable)?;
            // Value and formula in one pass: a formula without a cached value is its text.
            while let Some(cell) = reader.next_cell_with_formula().map_err(unreadable)? {
                let (row, column) = cell.pos;
                match text::of_ref(&cell.value, cell.formula.as_deref()) {
                    Some(t) => cells.push(row, column, t)?,
                    // A cell in the file with nothing in it: a blank of a formatted template.
                    None => cells.push_blank(row, column),
                }
            }
        }
        let merges = book
            .merge_cells_by_sheet_name(&meta.name)
            .map_err(unreadable)?;
        sheets.push(Sheet {
            name: meta.name.clone(),
            visible: shown,
            grid: cells.into_grid(&merges)?,
        });
    }
    Ok(Workbook {
        format: Format::Xlsx,
        sheets,
    })
}

/// `.xlsb`: values only (calamine gives formulas in a second pass, and a binary workbook is
/// written by Excel, which always caches values); no merged regions (calamine reads none).
pub(crate) fn xlsb(bytes: &[u8], limits: &Limits) -> Result<Workbook, WorkbookError> {
    let mut book: Xlsb<_> = Xlsb::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut sheets = Vec::new();
    for meta in book.sheets_metadata().to_vec() {
        let shown = visible(meta.visible);
        if meta.typ != SheetType::WorkSheet {
            sheets.push(no_cells(&meta.name, shown));
            continue;
        }
        let mut cells = SheetCells::new(&meta.name, limits);
        let mut reader = book
            .worksheet_cells_reader(&meta.name)
            .map_err(unreadable)?;
        while let Some(cell) = reader.next_cell().map_err(unreadable)? {
            let (row, column) = cell.get_position();
            match text::of_ref(cell.get_value(), None) {
                Some(t) => cells.push(row, column, t)?,
                None => cells.push_blank(row, column),
            }
        }
        sheets.push(Sheet {
            name: meta.name.clone(),
            visible: shown,
            grid: cells.into_grid(&[])?,
        });
    }
    Ok(Workbook {
        format: Format::Xlsb,
        sheets,
    })
}

/// `.xls` and WPS `.et`: the compound file and the BIFF records checked, then calamine.
pub(crate) fn xls(bytes: &[u8], limits: &Limits) -> Result<Workbook, WorkbookError> {
    let file = Compound::open(bytes).map_err(WorkbookError::Damaged)?;
    if file.has("EncryptedPackage") || file.has("EncryptionInfo") {
        return Err(WorkbookError::Encrypted(msg!("workbook-encrypted-package")));
    }
    let Some(stream) = file.stream("Workbook").or_else(|| file.stream("Book")) else {
        return Err(WorkbookError::NotAWorkbook(describe(&file)));
    };
    let blanks = biff::check(&stream, limits)?;
    drop(stream);
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsError::Password => WorkbookError::Encrypted(msg!("workbook-xls-encrypted")),
        e => unreadable(e),
    })?;
    let mut sheets = Vec::new();
    for (i, meta) in book.sheets_metadata().to_vec().into_iter().enumerate() {
        let shown = visible(meta.visible);
        if meta.typ != SheetType::WorkSheet {
            sheets.push(no_cells(&meta.name, shown));
            continue;
        }
        let blank = blanks.get(i).map_or(&[][..], Vec::as_slice);
        let values = book.worksheet_range(&meta.name).map_err(unreadable)?;
        let formulas = book.worksheet_formula(&meta.name).map_err(unreadable)?;
        let merges = book
            .merge_cells_by_sheet_name(&meta.name)
            .map_err(unreadable)?;
        sheets.push(Sheet {
            name: meta.name.clone(),
            visible: shown,
            grid: block(&meta.name, &values, &formulas, &merges, blank, limits)?,
        });
    }
    Ok(Workbook {
        format: Format::Xls,
        sheets,
    })
}

/// What a compound file that holds no workbook is.
fn describe(file: &Compound) -> String {
    if file.has("WordDocument") {
        msg!("workbook-is-doc")
    } else if file.has("PowerPoint Document") {
        msg!("workbook-is-ppt")
    } else {
        let names: Vec<&str> = file.names().take(8).collect();
        msg!(
            "workbook-compound-without-workbook",
            streams = names.join(", ")
        )
    }
}

/// `.ods`: its extent was checked before (`blanks`: each sheet's formatted empty cells, from
/// that walk); calamine reads no merged regions of it.
pub(crate) fn ods(
    bytes: &[u8],
    blanks: &[Vec<(u32, u32)>],
    limits: &Limits,
) -> Result<Workbook, WorkbookError> {
    let mut book: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut sheets = Vec::new();
    for (i, meta) in book.sheets_metadata().to_vec().into_iter().enumerate() {
        let blank = blanks.get(i).map_or(&[][..], Vec::as_slice);
        let values = book.worksheet_range(&meta.name).map_err(unreadable)?;
        let formulas = book.worksheet_formula(&meta.name).map_err(unreadable)?;
        sheets.push(Sheet {
            name: meta.name.clone(),
            visible: visible(meta.visible),
            grid: block(&meta.name, &values, &formulas, &[], blank, limits)?,
        });
    }
    Ok(Workbook {
        format: Format::Ods,
        sheets,
    })
}

/// A sheet read whole by calamine as a grid: every non-empty value, each formula whose cell
/// holds no value as its text, and the sheet's `blanks` as empty cells.
fn block(
    name: &str,
    values: &Range<Data>,
    formulas: &Range<String>,
    merges: &[Dimensions],
    blanks: &[(u32, u32)],
    limits: &Limits,
) -> Result<Grid<'static>, WorkbookError> {
    let mut cells = SheetCells::new(name, limits);
    for (r, c) in blanks {
        cells.push_blank(*r, *c);
    }
    let (r0, c0) = values.start().unwrap_or((0, 0));
    for (r, c, value) in values.used_cells() {
        if let Some(t) = text::of(value, None) {
            cells.push(r0 + r as u32, c0 + c as u32, t)?;
        }
    }
    let (f0, g0) = formulas.start().unwrap_or((0, 0));
    for (r, c, formula) in formulas.used_cells() {
        let at = (f0 + r as u32, g0 + c as u32);
        let cached = values.get_value(at).is_some_and(|v| *v != Data::Empty);
        if !cached {
            if let Some(t) = text::of(&Data::Empty, Some(formula)) {
                cells.push(at.0, at.1, t)?;
            }
        }
    }
    cells.into_grid(merges)
}
