//! A sheet's cells, gathered in any order within the limits, as a [`Grid`]: rows by the sheet's
//! own numbers, cells in their sheet columns, merged cells expanded.

use std::collections::HashSet;

use calamine::Dimensions;
use gongkai_document::{Grid, Origin};

use crate::{Limits, WorkbookError};

/// The cells of one sheet as they are read.
#[derive(Debug)]
pub(crate) struct SheetCells<'l> {
    name: String,
    limits: &'l Limits,
    /// (row, column, text), 0-based.
    cells: Vec<(u32, u32, String)>,
    rows: u64,
    columns: u64,
}

impl<'l> SheetCells<'l> {
    pub(crate) fn new(name: &str, limits: &'l Limits) -> SheetCells<'l> {
        SheetCells {
            name: name.to_string(),
            limits,
            cells: Vec::new(),
            rows: 0,
            columns: 0,
        }
    }

    /// A cell at 0-based `row` and `column`; an error past the limits.
    pub(crate) fn push(
        &mut self,
        row: u32,
        column: u32,
        text: String,
    ) -> Result<(), WorkbookError> {
        self.rows = self.rows.max(u64::from(row) + 1);
        self.columns = self.columns.max(u64::from(column) + 1);
        self.limits
            .check(&self.name, self.rows, self.columns, Some((row, column)))?;
        // A file may name one cell many times; each is kept until the end, so count them too.
        if self.cells.len() as u64 >= self.limits.cells {
            return Err(self.too_large(row, column));
        }
        self.cells.push((row, column, text));
        Ok(())
    }

    /// A cell the sheet has but that holds nothing (a bordered cell of a template left blank):
    /// kept as an empty cell, as a CSV export keeps its empty field. It holds nothing, so past
    /// the limits it is dropped, never an error.
    pub(crate) fn push_blank(&mut self, row: u32, column: u32) {
        let within = row < self.limits.rows
            && column < self.limits.columns
            && (self.cells.len() as u64) < self.limits.cells;
        if within {
            self.cells.push((row, column, String::new()));
        }
    }

    fn too_large(&self, row: u32, column: u32) -> WorkbookError {
        WorkbookError::SheetTooLarge {
            sheet: self.name.clone(),
            at: Some((row, column)),
            limits: *self.limits,
        }
    }

    /// The grid, with every slot a merged region covers holding the text of its top-left cell
    /// (`first` only where the region starts in each row); what a region hides under it is
    /// dropped, as the sheet shows it.
    pub(crate) fn into_grid(
        mut self,
        merges: &[Dimensions],
    ) -> Result<Grid<'static>, WorkbookError> {
        // The last of a cell named twice wins, as a sheet keeps the last write; a value wins
        // over a blank.
        self.cells.sort_by_key(|(r, c, _)| (*r, *c));
        self.cells.dedup_by(|later, earlier| {
            if (later.0, later.1) == (earlier.0, earlier.1) {
                if !later.2.is_empty() {
                    std::mem::swap(&mut later.2, &mut earlier.2);
                }
                true
            } else {
                false
            }
        });
        // A sheet stores no empty cell, but the locator reads a row's values in order, as a CSV
        // export has them: every column left of a row's last cell is a slot, empty where the
        // sheet has nothing (without this, `1, _, 1` read as `1, 1, blank`).
        let mut dense: Vec<(u32, u32, String)> = Vec::with_capacity(self.cells.len());
        let mut at: Option<(u32, u32)> = None;
        for (r, c, text) in std::mem::take(&mut self.cells) {
            let from = match at {
                Some((row, next)) if row == r => next,
                _ => 0,
            };
            for gap in from..c {
                dense.push((r, gap, String::new()));
            }
            if dense.len() as u64 > self.limits.cells {
                return Err(self.too_large(r, c));
            }
            dense.push((r, c, text));
            at = Some((r, c + 1));
        }
        let mut grid = Grid::new(Origin::Sheet(self.name.clone()));
        // (row, column, text, first), texts numbered in reading order.
        let mut slots: Vec<(u32, u32, u32, bool)> = Vec::with_capacity(dense.len());
        for (r, c, text) in dense {
            let id = grid.add_text(text);
            slots.push((r, c, id, true));
        }
        let mut covered: HashSet<(u32, u32)> = HashSet::new();
        let mut fills = Vec::new();
        let max_row = self.limits.rows.saturating_sub(1);
        let max_col = self.limits.columns.saturating_sub(1);
        for m in merges {
            let (r0, c0) = m.start;
            let (r1, c1) = (m.end.0.min(max_row), m.end.1.min(max_col));
            if r0 > r1 || c0 > c1 {
                continue;
            }
            let area = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
            if (covered.len() as u64).saturating_add(area) > self.limits.cells {
                return Err(self.too_large(r1, c1));
            }
            let top_left = slots
                .binary_search_by_key(&(r0, c0), |s| (s.0, s.1))
                .ok()
                .and_then(|i| slots.get(i))
                .map(|s| s.2);
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if (r, c) != (r0, c0) && covered.insert((r, c)) {
                        if let Some(id) = top_left {
                            fills.push((r, c, id, c == c0));
                        }
                    }
                }
            }
        }
        if !covered.is_empty() {
            slots.retain(|s| !covered.contains(&(s.0, s.1)));
            slots.extend(fills);
            slots.sort_by_key(|s| (s.0, s.1));
        }
        let mut row = None;
        for (r, c, id, first) in slots {
            if row != Some(r) {
                grid.add_row(r + 1);
                row = Some(r);
            }
            grid.add_slot(id, c, 0, first);
        }
        Ok(grid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, column, first) of each slot.
    type Slots = Vec<(String, u32, bool)>;

    fn rows(grid: &Grid) -> Vec<(u32, Slots)> {
        grid.rows()
            .map(|r| {
                (
                    r.number(),
                    r.cells()
                        .map(|c| (c.text.to_string(), c.column, c.first))
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn merged_cells_fill_their_region() {
        let limits = Limits::default();
        let mut cells = SheetCells::new("表三", &limits);
        for (r, c, t) in [
            (4, 3, "41"),
            (0, 0, "申请人情况"),
            (2, 0, "自然人"),
            (1, 1, "hidden under the merge"),
            (4, 0, "一、本年新收"),
        ] {
            assert!(cells.push(r, c, t.to_string()).is_ok());
        }
        // A1:B2 merged (a header over two rows and columns), A3:A4 merged with its label.
        let merges = [
            Dimensions::new((0, 0), (1, 1)),
            Dimensions::new((2, 0), (3, 0)),
        ];
        let grid = cells.into_grid(&merges);
        assert!(grid.as_ref().is_ok_and(|g| g.has_merged_cells()));
        let got = grid.map(|g| rows(&g)).unwrap_or_default();
        let s = |t: &str, c, f| (t.to_string(), c, f);
        assert_eq!(
            got,
            vec![
                (1, vec![s("申请人情况", 0, true), s("申请人情况", 1, false)]),
                (2, vec![s("申请人情况", 0, true), s("申请人情况", 1, false)]),
                (3, vec![s("自然人", 0, true)]),
                (4, vec![s("自然人", 0, true)]),
                // The columns between are empty slots, as a CSV export has them.
                (
                    5,
                    vec![
                        s("一、本年新收", 0, true),
                        s("", 1, true),
                        s("", 2, true),
                        s("41", 3, true)
                    ]
                ),
            ]
        );
    }

    #[test]
    fn past_the_limits_is_an_error_naming_the_cell() {
        let limits = Limits {
            rows: 10,
            columns: 5,
            cells: 20,
            ..Limits::default()
        };
        let mut cells = SheetCells::new("Sheet1", &limits);
        assert!(cells.push(9, 4, "x".into()).is_err(), "10 × 5 > 20 cells");
        let mut cells = SheetCells::new("Sheet1", &limits);
        let err = cells.push(10, 0, "x".into()).err();
        assert_eq!(
            err.map(|e| e.to_string()),
            Some(
                "sheet Sheet1 is too large: it has a cell at A11, past the 10 rows, 5 columns \
                 and 20 cells a sheet may span (a report needs about 100 rows of 15 columns); \
                 not read"
                    .to_string()
            )
        );
        // A merge past the cells a sheet may span.
        let mut cells = SheetCells::new("Sheet1", &limits);
        assert!(cells.push(0, 0, "title".into()).is_ok());
        assert!(cells.into_grid(&[Dimensions::new((0, 0), (9, 4))]).is_err());
    }
}
