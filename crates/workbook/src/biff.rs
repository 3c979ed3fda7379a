//! The `Workbook` stream of an `.xls` (BIFF records) checked before calamine parses it.
//!
//! calamine builds each sheet as a dense block from its top-left to its bottom-right cell, and
//! reserves what a sheet's DIMENSIONS record declares: one cell at IV65536, or a record that
//! declares a billion rows, would make it allocate gigabytes before anything could be said. This
//! walks the records as calamine does (the globals up to their EOF, then each sheet from the
//! offset its BOUNDSHEET gives) and checks every cell's place and every declared size against
//! the limits first. It also finds FILEPASS, the record of a workbook saved with a password, and
//! gathers each sheet's blank cells (BLANK, MULBLANK: formatted cells left empty), which
//! calamine does not give.

use gongkai_messages::msg;

use crate::{Limits, WorkbookError};

const EOF: u16 = 0x000A;
const BOF: u16 = 0x0809;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
const BLANK: u16 = 0x0201;
const MULBLANK: u16 = 0x00BE;
/// Records that hold one cell, its row and column first (NUMBER, LABEL, RSTRING, BOOLERR, RK,
/// LABELSST, FORMULA): those calamine reads.
const CELLS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

/// Checks the `Workbook` stream; the blank cells of each sheet, in the order of the sheets.
pub(crate) fn check(stream: &[u8], limits: &Limits) -> Result<Vec<Vec<(u32, u32)>>, WorkbookError> {
    let mut sheets = Vec::new();
    let mut blanks = Vec::new();
    for (typ, data) in records(stream) {
        match typ {
            FILEPASS if u16_at(data, 0).is_some_and(|v| v != 0) => {
                return Err(WorkbookError::Encrypted(msg!("workbook-xls-filepass")));
            }
            BOUNDSHEET => sheets.push(u32_at(data, 0).unwrap_or(u32::MAX) as usize),
            EOF => break,
            _ => {}
        }
    }
    for (n, at) in sheets.into_iter().enumerate() {
        let name = format!("#{}", n + 1);
        // calamine slices the stream at the offset unchecked.
        let Some(sheet) = stream.get(at..) else {
            return Err(WorkbookError::Unreadable(msg!(
                "workbook-sheet-start-past-end",
                sheet = &name,
                at = at
            )));
        };
        let mut extent = Extent::new(&name, limits);
        let mut blank = Vec::new();
        let mut keep = |row: u16, col: u16| {
            let (row, col) = (u32::from(row), u32::from(col));
            if row < limits.rows && col < limits.columns && (blank.len() as u64) < limits.cells {
                blank.push((row, col));
            }
        };
        let mut seen_bof = false;
        let mut depth = 0usize;
        for (typ, data) in records(sheet) {
            // Nested substreams (an embedded chart) are skipped, as calamine skips them.
            if depth > 0 {
                match typ {
                    BOF => depth += 1,
                    EOF => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match typ {
                BOF if seen_bof => depth += 1,
                BOF => seen_bof = true,
                EOF => break,
                DIMENSIONS => extent.declared(data)?,
                MULRK => {
                    let row = u16_at(data, 0).unwrap_or(0);
                    let first = u16_at(data, 2).unwrap_or(0);
                    let last = data
                        .len()
                        .checked_sub(2)
                        .and_then(|at| u16_at(data, at))
                        .unwrap_or(0);
                    extent.cell(u32::from(row), u32::from(first.max(last)))?;
                }
                BLANK => {
                    if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                        keep(row, col);
                    }
                }
                MULBLANK => {
                    let row = u16_at(data, 0).unwrap_or(0);
                    let first = u16_at(data, 2).unwrap_or(0);
                    let last = data
                        .len()
                        .checked_sub(2)
                        .and_then(|at| u16_at(data, at))
                        .unwrap_or(0);
                    for col in first..=last.min(first.saturating_add(1000)) {
                        keep(row, col);
                    }
                }
                t if CELLS.contains(&t) => {
                    if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                        extent.cell(u32::from(row), u32::from(col))?;
                    }
                }
                _ => {}
            }
        }
        blanks.push(blank);
    }
    Ok(blanks)
}

/// The block a sheet's cells span from A1, checked as it grows.
struct Extent<'a> {
    sheet: &'a str,
    limits: &'a Limits,
    rows: u64,
    columns: u64,
}

impl<'a> Extent<'a> {
    fn new(sheet: &'a str, limits: &'a Limits) -> Extent<'a> {
        Extent {
            sheet,
            limits,
            rows: 0,
            columns: 0,
        }
    }

    fn cell(&mut self, row: u32, column: u32) -> Result<(), WorkbookError> {
        self.rows = self.rows.max(u64::from(row) + 1);
        self.columns = self.columns.max(u64::from(column) + 1);
        self.limits
            .check(self.sheet, self.rows, self.columns, Some((row, column)))
    }

    /// What a DIMENSIONS record declares: calamine reserves room for it.
    fn declared(&self, data: &[u8]) -> Result<(), WorkbookError> {
        let (first_row, last_row, mut first_col, last_col) = match data.len() {
            10 => (
                i64::from(u16_at(data, 0).unwrap_or(0)),
                i64::from(u16_at(data, 2).unwrap_or(0)),
                i64::from(u16_at(data, 4).unwrap_or(0)),
                i64::from(u16_at(data, 6).unwrap_or(0)),
            ),
            14 | 16 => (
                i64::from(u32_at(data, 0).unwrap_or(0)),
                i64::from(u32_at(data, 4).unwrap_or(0)),
                i64::from(u16_at(data, 8).unwrap_or(0)),
                i64::from(u16_at(data, 10).unwrap_or(0)),
            ),
            _ => return Ok(()),
        };
        // As calamine reads the record (its `parse_dimensions`): the last row and column are
        // one past the end, a first column past IV is 0.
        if first_col > 0xFF || last_col < first_col {
            first_col = 0;
        }
        let (end_row, end_col) = if last_row >= 1 && last_col >= 1 {
            (last_row - 1, last_col - 1)
        } else {
            (first_row, first_col)
        };
        let rows = end_row - first_row + 1;
        let columns = end_col - first_col + 1;
        if rows <= 0 || columns <= 0 {
            // calamine would count this block's size round past zero.
            return Err(WorkbookError::Unreadable(msg!(
                "workbook-dimensions-reversed",
                sheet = self.sheet
            )));
        }
        self.limits
            .check(self.sheet, rows as u64, columns as u64, None)
    }
}

/// The records of a stream: (type, data), up to the first that runs past its end.
fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let typ = u16_at(stream, 0)?;
        let len = usize::from(u16_at(stream, 2)?);
        let data = stream.get(4..4 + len)?;
        stream = stream.get(4 + len..).unwrap_or_default();
        Some((typ, data))
    })
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}
