//! A Word table as read (rows of cells, each cell's paragraphs and the tables inside it) into
//! the flow: a [`Grid`] with spans expanded, or, for a table that holds tables, its contents.
//!
//! Word writes a cell spanning columns once, with `w:gridSpan`; a cell spanning rows as a
//! `w:vMerge="restart"` cell and a `w:vMerge` continuation cell in each row below; a row that
//! starts past the first grid column with `w:gridBefore`. Expanded, a cell fills every slot it
//! spans (marked `first` only where it starts in its row), a continuation repeats the text of
//! the cell above it, and skipped leading columns hold no slot, as a page's rowspan and colspan
//! are read.
//!
//! Nested tables: a table that holds another table is laid out with it (a frame around the
//! report, a table per cell), as pages read layout tables: its cells are read as the document,
//! their paragraphs as lines and the tables in them as tables of their own, in order. A data
//! table never holds a table in Word's templates, and a grid whose cells held whole tables
//! would hide the tables' rows from the locator.

use gongkai_document::{Flow, Grid, Origin};

use crate::{DocxError, Limits};

/// The widest grid read: Word stops at 63 columns.
pub(crate) const MAX_COLUMNS: u32 = 400;

#[derive(Debug, Default)]
pub(crate) struct Table {
    pub rows: Vec<Row>,
    /// A cell holds a table.
    pub nested: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Row {
    /// Grid columns skipped before the first cell (`w:gridBefore`).
    pub before: u32,
    pub cells: Vec<Cell>,
    /// Deleted with change tracking on (`w:trPr/w:del`): not in the document as it reads.
    pub deleted: bool,
}

#[derive(Debug)]
pub(crate) struct Cell {
    /// Grid columns spanned (`w:gridSpan`), at least 1.
    pub span: u32,
    pub merge: Merge,
    pub items: Vec<Item>,
}

impl Default for Cell {
    fn default() -> Cell {
        Cell {
            span: 1,
            merge: Merge::None,
            items: Vec::new(),
        }
    }
}

/// How a cell joins its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Merge {
    None,
    /// `w:vMerge="restart"`: the top of a cell spanning rows.
    Restart,
    /// `w:vMerge`: a continuation of the cell above.
    Continue,
    /// `w:hMerge` (older writers): a continuation of the cell to the left.
    ContinueLeft,
}

/// What a cell holds, in order.
#[derive(Debug)]
pub(crate) enum Item {
    /// A paragraph's text: lines broken by `\n`.
    Paragraph(String),
    Table(Table),
}

/// Counts what tables have put in the flow, against the limits.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// Grids put in the flow: the next is number `grids + 1`.
    pub grids: u32,
    pub slots: usize,
}

impl Table {
    /// Puts the table in the flow: a grid, or for a layout table its contents.
    pub(crate) fn emit(
        self,
        flow: &mut Flow,
        tally: &mut Tally,
        limits: &Limits,
    ) -> Result<(), DocxError> {
        if self.nested {
            for row in self.rows.into_iter().filter(|r| !r.deleted) {
                for cell in row.cells {
                    // A continuation's own paragraphs are empty: its text is the cell above's.
                    for item in cell.items {
                        match item {
                            Item::Paragraph(text) => flow.push_lines(lines(&text)),
                            Item::Table(table) => table.emit(flow, tally, limits)?,
                        }
                    }
                }
            }
            return Ok(());
        }
        let number = tally.grids + 1;
        let mut grid = Grid::new(Origin::Table(number));
        // The text in each grid column of the row above, for continuations.
        let mut above: Vec<Option<u32>> = Vec::new();
        let mut row_number = 0u32;
        for row in self.rows.into_iter().filter(|r| !r.deleted) {
            row_number += 1;
            grid.add_row(row_number);
            let mut here: Vec<Option<u32>> = Vec::new();
            let mut column = row.before;
            let mut left: Option<u32> = None;
            for cell in row.cells {
                let span = cell.span.max(1);
                if column.saturating_add(span) > MAX_COLUMNS {
                    return Err(DocxError::TableTooWide {
                        table: number,
                        row: row_number,
                        limit: MAX_COLUMNS,
                    });
                }
                let joined = match cell.merge {
                    Merge::Continue => above.get(column as usize).copied().flatten(),
                    Merge::ContinueLeft => left,
                    Merge::None | Merge::Restart => None,
                };
                // A continuation with nothing to continue (a writer's slip) is a cell of its own.
                let (text, starts) = match joined {
                    Some(id) => (id, cell.merge != Merge::ContinueLeft),
                    None => (grid.add_text(cell_text(&cell.items)), true),
                };
                tally.slots += span as usize;
                if tally.slots > limits.slots {
                    return Err(DocxError::TooManyCells {
                        limit: limits.slots,
                    });
                }
                let end = (column + span) as usize;
                if here.len() < end {
                    here.resize(end, None);
                }
                for k in 0..span {
                    grid.add_slot(text, column + k, 0, starts && k == 0);
                    if let Some(slot) = here.get_mut((column + k) as usize) {
                        *slot = Some(text);
                    }
                }
                left = Some(text);
                column += span;
            }
            above = here;
        }
        if !grid.is_empty() {
            tally.grids = number;
            flow.push_table(grid);
        }
        Ok(())
    }
}

/// A cell's text: its paragraphs' lines, trimmed, empty ones dropped, a tab as a space.
fn cell_text(items: &[Item]) -> String {
    let mut out = String::new();
    for item in items {
        if let Item::Paragraph(text) = item {
            for line in lines(text) {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&line.replace('\t', " "));
            }
        }
    }
    out
}

/// A paragraph's lines (`w:br` breaks them), trimmed, empty ones dropped.
pub(crate) fn lines(text: &str) -> Vec<String> {
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}
