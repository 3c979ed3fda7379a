//! Workbooks as grids of cells: the bytes of an `.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods` or WPS
//! `.et` file (by content, not by name) become its sheets, each a [`Grid`] with
//! [`Origin::Sheet`], rows numbered as the sheet numbers them and cells in their sheet columns, so
//! a place prints `file[Sheet1]!D31`. Nothing here knows the form.
//!
//! Cells come through calamine by their types: a number as the decimal the sheet shows (see
//! [`text`]), a formula as its cached value (its own text `=SUM(D3:D5)` when it has none), a
//! date, a boolean or an error value as a text no number parser takes. A cell the file has but
//! that holds nothing (a template's bordered blank) is an empty cell, as a CSV export has it;
//! cells the file does not have are absent.
//! Merged regions are expanded where the format keeps them in a form calamine reads (`.xlsx`,
//! `.xls`); `.ods` and `.xlsb` merges read as their top-left cell alone, as a CSV export has them.
//!
//! A unit's file is untrusted. Before calamine sees a file it is checked: a zip container by
//! [`gongkai_document::zipped::check`] (entries and inflated bytes counted), a compound file by
//! [`compound`] (every chain of sectors walked once), an `.xls`'s records by `biff` and an
//! `.ods`'s sheets by `ods_extent` (what calamine would expand into a dense block), and every
//! sheet is held to [`Limits`] as it is read. A panic inside calamine on malformed content is
//! caught and reported as an unreadable file (the last resort: the checks above are meant to
//! leave none).
//!
//! Layers, lowest first: [`compound`] · `biff` · `ods_extent` · `text` (a typed cell as text) →
//! `build` (cells → grid, merges) → `readers` (one per format) → this module (detection, limits,
//! errors).

mod biff;
mod build;
pub mod compound;
mod ods_extent;
mod readers;
mod text;

use std::fmt;
use std::io::{Cursor, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};

use gongkai_document::zipped::{self, ZipLimits, ZipProblem};
pub use gongkai_document::{Grid, Origin};
use gongkai_messages::msg;

/// How much a workbook may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The zip container (`.xlsx`, `.xlsb`, `.ods`): entries and inflated bytes.
    pub zip: ZipLimits,
    /// Rows a sheet may span, counted from row 1.
    pub rows: u32,
    /// Columns a sheet may span, counted from column A.
    pub columns: u32,
    /// Cells a sheet may span (its rows times its columns, from A1), and cells it may hold.
    pub cells: u64,
}

impl Default for Limits {
    /// A report's sheet spans about 100 rows of 15 columns. 100,000 rows, 1,000 columns and
    /// 1,000,000 cells (a list of 10,000 rows by 100 columns beside the form still reads) leave
    /// room for any report, and keep the dense blocks calamine builds for `.xls` and `.ods`
    /// sheets under about 60 MB.
    fn default() -> Limits {
        Limits {
            zip: ZipLimits::default(),
            rows: 100_000,
            columns: 1_000,
            cells: 1_000_000,
        }
    }
}

impl Limits {
    /// Checks a sheet spanning `rows` × `columns` from A1; `at` is the cell that made it so.
    fn check(
        &self,
        sheet: &str,
        rows: u64,
        columns: u64,
        at: Option<(u32, u32)>,
    ) -> Result<(), WorkbookError> {
        if rows > u64::from(self.rows)
            || columns > u64::from(self.columns)
            || rows.saturating_mul(columns) > self.cells
        {
            return Err(WorkbookError::SheetTooLarge {
                sheet: sheet.to_string(),
                at,
                limits: *self,
            });
        }
        Ok(())
    }
}

/// The workbook formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML: `.xlsx`, `.xlsm`.
    Xlsx,
    /// Excel binary: `.xlsb`.
    Xlsb,
    /// BIFF in a compound file: `.xls`, WPS `.et`.
    Xls,
    /// OpenDocument spreadsheet: `.ods`.
    Ods,
}

impl Format {
    pub fn code(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }
}

/// A workbook's sheets, in the workbook's order.
#[derive(Debug)]
pub struct Workbook {
    pub format: Format,
    pub sheets: Vec<Sheet>,
}

/// One sheet.
#[derive(Debug)]
pub struct Sheet {
    pub name: String,
    /// False for a hidden or very hidden sheet.
    pub visible: bool,
    /// Its cells; empty for a sheet that holds none (a chart sheet).
    pub grid: Grid<'static>,
}

/// Why a file cannot be read as a workbook. Each prints as a sentence saying what to do, in the
/// run's language (the texts held inside are worded when the error is made).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookError {
    /// Saved with a password: what shows it.
    Encrypted(String),
    /// The zip container is damaged, cut short, or past its limits.
    Container(ZipProblem),
    /// A compound file (`.xls`) damaged or cut short.
    Damaged(String),
    /// A zip or compound file that is not a workbook: what it is.
    NotAWorkbook(String),
    /// A sheet past the [`Limits`]; `at` is the cell (0-based row, column) when one is known.
    SheetTooLarge {
        sheet: String,
        at: Option<(u32, u32)>,
        limits: Limits,
    },
    /// The reader could not make sense of the content.
    Unreadable(String),
}

impl WorkbookError {
    /// A short name of the kind of problem, for summaries: `encrypted`, `container`, `damaged`,
    /// `not-a-workbook`, `too-large`, `unreadable`.
    pub fn code(&self) -> &'static str {
        match self {
            WorkbookError::Encrypted(_) => "encrypted",
            WorkbookError::Container(_) => "container",
            WorkbookError::Damaged(_) => "damaged",
            WorkbookError::NotAWorkbook(_) => "not-a-workbook",
            WorkbookError::SheetTooLarge { .. } => "too-large",
            WorkbookError::Unreadable(_) => "unreadable",
        }
    }
}

impl fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            WorkbookError::Encrypted(what) => msg!("workbook-encrypted", what = what),
            WorkbookError::Container(p) => return p.fmt(f),
            WorkbookError::Damaged(why) => msg!("workbook-damaged", why = why),
            WorkbookError::NotAWorkbook(what) => msg!("workbook-not-a-workbook", what = what),
            WorkbookError::SheetTooLarge { sheet, at, limits } => match at {
                Some((r, c)) => msg!(
                    "workbook-sheet-too-large-at",
                    sheet = sheet,
                    cell = cell_name(*r, *c),
                    rows = limits.rows,
                    columns = limits.columns,
                    cells = limits.cells,
                ),
                None => msg!(
                    "workbook-sheet-too-large-block",
                    sheet = sheet,
                    rows = limits.rows,
                    columns = limits.columns,
                    cells = limits.cells,
                ),
            },
            WorkbookError::Unreadable(why) => msg!("workbook-unreadable", why = why),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for WorkbookError {}

/// A 0-based cell as a sheet names it: (30, 3) → D31.
pub fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut c = column + 1;
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

const ZIP: &[u8] = b"PK\x03\x04";

/// True when `bytes` starts as a zip container (`.xlsx`, `.ods`, and `.docx` too) or a compound
/// file (`.xls`, `.et`, and `.doc` too) does: what to hand to [`read`].
pub fn is_container(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP) || compound::is_compound(bytes)
}

/// Reads a workbook within the default [`Limits`].
pub fn read(bytes: &[u8]) -> Result<Workbook, WorkbookError> {
    read_with(bytes, &Limits::default())
}

/// Reads a workbook within `limits`. Never panics.
pub fn read_with(bytes: &[u8], limits: &Limits) -> Result<Workbook, WorkbookError> {
    // calamine is the one part not written here; should malformed content still make it panic
    // past the checks, the file is reported, not the program stopped.
    catch_unwind(AssertUnwindSafe(|| dispatch(bytes, limits)))
        .unwrap_or_else(|_| Err(WorkbookError::Unreadable(msg!("workbook-reader-failed"))))
}

fn dispatch(bytes: &[u8], limits: &Limits) -> Result<Workbook, WorkbookError> {
    if compound::is_compound(bytes) {
        return readers::xls(bytes, limits);
    }
    if !bytes.starts_with(ZIP) {
        return Err(WorkbookError::NotAWorkbook(msg!(
            "workbook-not-a-container"
        )));
    }
    zipped::check(bytes, &limits.zip).map_err(|p| match p {
        ZipProblem::Encrypted { .. } => {
            WorkbookError::Encrypted(msg!("workbook-zip-entry-encrypted"))
        }
        p => WorkbookError::Container(p),
    })?;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| WorkbookError::Container(ZipProblem::Damaged(e.to_string())))?;
    let names: Vec<String> = archive
        .file_names()
        .flatten()
        .map(|n| n.into_owned())
        .collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    if has("xl/workbook.xml") {
        return readers::xlsx(bytes, limits);
    }
    if has("xl/workbook.bin") {
        return readers::xlsb(bytes, limits);
    }
    let mimetype = entry_text(&mut archive, "mimetype", 200).unwrap_or_default();
    if mimetype.trim() == "application/vnd.oasis.opendocument.spreadsheet" {
        let manifest = entry_text(&mut archive, "META-INF/manifest.xml", 1 << 20);
        if manifest.is_some_and(|m| m.contains("encryption-data")) {
            return Err(WorkbookError::Encrypted(msg!("workbook-ods-encrypted")));
        }
        let content = entry_bytes(&mut archive, "content.xml", limits.zip.total_bytes)
            .ok_or_else(|| WorkbookError::Unreadable(msg!("workbook-content-missing")))?;
        let blanks = ods_extent::check(&content, limits)?;
        return readers::ods(bytes, &blanks, limits);
    }
    let what = if has("word/document.xml") {
        msg!("workbook-is-docx")
    } else if has("ppt/presentation.xml") {
        msg!("workbook-is-pptx")
    } else if mimetype.starts_with("application/vnd.oasis.opendocument.") {
        msg!("workbook-is-opendocument", mimetype = mimetype.trim())
    } else {
        msg!("workbook-zip-without-workbook", entries = archive.len())
    };
    Err(WorkbookError::NotAWorkbook(what))
}

fn entry_bytes(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Option<Vec<u8>> {
    let entry = archive.by_name(name).ok()?;
    let mut out = Vec::new();
    entry.take(limit).read_to_end(&mut out).ok()?;
    Some(out)
}

fn entry_text(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Option<String> {
    entry_bytes(archive, name, limit).map(|b| String::from_utf8_lossy(&b).into_owned())
}

#[cfg(test)]
mod tests;
