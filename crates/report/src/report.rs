//! One unit's report for one year, as read from a file.

use std::path::PathBuf;
use std::sync::Arc;

use gongkai_form::{FormVersion, Section};

/// How a file lays out its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// `year,unit,section,row,column,value`, one value per line.
    Tidy,
    /// The official form's three tables, as filled in a spreadsheet.
    Grid,
    /// A workbook: each of its reports is laid out as a form grid (or tidy rows) on its sheets.
    Workbook,
}

impl Layout {
    pub fn code(self) -> &'static str {
        match self {
            Layout::Tidy => "tidy",
            Layout::Grid => "grid",
            Layout::Workbook => "workbook",
        }
    }
}

/// Where a report came from, down to the line of each cell (diagnostics name the column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub file: Arc<PathBuf>,
    pub layout: Layout,
    /// 1-based line of each cell in the file, 0 where the cell was not in the file.
    pub lines: Vec<u32>,
}

/// A unit's values for one year, dense in the form's template order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitReport {
    pub unit: String,
    pub year: i32,
    pub form: FormVersion,
    /// One value per cell of `form`'s catalogue; blank and missing cells hold 0.
    pub values: Vec<i64>,
    /// True where the cell was blank or absent: a 0 nobody wrote.
    pub blank: Vec<bool>,
    pub source: Source,
}

impl UnitReport {
    /// An all-blank report, to be filled by a reader.
    pub fn empty(
        unit: String,
        year: i32,
        form: FormVersion,
        file: Arc<PathBuf>,
        layout: Layout,
    ) -> UnitReport {
        let n = form.catalogue().len();
        UnitReport {
            unit,
            year,
            form,
            values: vec![0; n],
            blank: vec![true; n],
            source: Source {
                file,
                layout,
                lines: vec![0; n],
            },
        }
    }

    /// Sets one cell from a value read on `line`; `None` records a blank.
    pub fn set(&mut self, cell: usize, value: Option<i64>, line: u32) {
        self.values[cell] = value.unwrap_or(0);
        self.blank[cell] = value.is_none();
        self.source.lines[cell] = line;
    }

    /// Whether the cell was present in the file (filled or written blank).
    pub fn present(&self, cell: usize) -> bool {
        self.source.lines[cell] != 0
    }

    pub fn blank_count(&self) -> usize {
        self.blank.iter().filter(|b| **b).count()
    }

    /// Cells of `section` whose value is blank or absent.
    pub fn blanks_in(&self, section: Section) -> usize {
        self.form
            .catalogue()
            .cells_of(section)
            .filter(|c| self.blank[c.index])
            .count()
    }
}
