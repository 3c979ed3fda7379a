//! An `.ods` sheet's extent checked before calamine reads it.
//!
//! OpenDocument repeats a cell or a row by a count (`table:number-columns-repeated="16384"`), and
//! calamine expands repeated content into a dense block of up to 100 million cells per sheet:
//! a few bytes of `content.xml` could ask for gigabytes. This walks `content.xml` once and
//! checks the block each sheet's content spans (from A1, repeats counted) against the limits.
//! Repeated empty cells and rows, which LibreOffice writes to the sheet's end, span nothing.
//! The walk also gathers each sheet's formatted empty cells (a template's bordered blanks), which
//! calamine does not give.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::{Limits, WorkbookError};

/// Checks every sheet of `content` (the bytes of `content.xml`); the formatted empty cells of
/// each sheet, in the order of the sheets.
pub(crate) fn check(
    content: &[u8],
    limits: &Limits,
) -> Result<Vec<Vec<(u32, u32)>>, WorkbookError> {
    let mut reader = Reader::from_reader(content);
    let mut blanks: Vec<Vec<(u32, u32)>> = Vec::new();
    let mut buf = Vec::new();
    let mut sheet = String::new();
    // The sheet's next row and column, and the block its content spans so far.
    let (mut row, mut col) = (0u64, 0u64);
    let (mut rows, mut columns) = (0u64, 0u64);
    let mut row_repeats = 1u64;
    let mut row_has_content = false;
    loop {
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| WorkbookError::Unreadable(format!("content.xml: {e}")))?;
        let (e, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                if e.name().as_ref() == "table:table-row" {
                    row = row.saturating_add(row_repeats);
                }
                continue;
            }
            Event::Eof => return Ok(blanks),
            _ => continue,
        };
        match e.name().as_ref() {
            "table:table" => {
                sheet = attribute(e, "table:name").unwrap_or_default();
                (row, col, rows, columns) = (0, 0, 0, 0);
                blanks.push(Vec::new());
            }
            "table:table-row" => {
                row_repeats = repeats(e, "table:number-rows-repeated");
                col = 0;
                row_has_content = false;
                if empty {
                    row = row.saturating_add(row_repeats);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let n = repeats(e, "table:number-columns-repeated");
                // A cell with a value, a formula or text in it (an element with children).
                let content = !empty
                    || attribute(e, "office:value-type").is_some()
                    || attribute(e, "table:formula").is_some();
                if content {
                    if !row_has_content {
                        row_has_content = true;
                        rows = rows.max(row.saturating_add(row_repeats));
                    }
                    columns = columns.max(col.saturating_add(n));
                    let at = (
                        u32::try_from(rows - 1).unwrap_or(u32::MAX),
                        u32::try_from(columns - 1).unwrap_or(u32::MAX),
                    );
                    limits.check(&sheet, rows, columns, Some(at))?;
                } else if row_repeats == 1 && n <= 64 && attribute(e, "table:style-name").is_some()
                {
                    // A formatted blank, not a run of them to the sheet's end.
                    if let Some(b) = blanks.last_mut() {
                        for c in col..col + n {
                            let within = row < u64::from(limits.rows)
                                && c < u64::from(limits.columns)
                                && (b.len() as u64) < limits.cells;
                            if within {
                                b.push((row as u32, c as u32));
                            }
                        }
                    }
                }
                col = col.saturating_add(n);
            }
            _ => {}
        }
    }
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.into_owned())
}

/// A repeat count; 1 when absent or not a number (calamine then fails on the file itself).
fn repeats(e: &BytesStart, name: &str) -> u64 {
    attribute(e, name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1)
        .max(1)
}
