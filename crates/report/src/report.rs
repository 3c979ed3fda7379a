//! One unit's report for one year, as read from a file.

use std::path::PathBuf;
use std::sync::Arc;

use gongkai_document::Place;
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

/// Where a report came from, down to the line or place of each cell (diagnostics name the
/// column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub file: Arc<PathBuf>,
    pub layout: Layout,
    /// 1-based line of each cell in the file, 0 where the cell was not in the file. In a
    /// document without lines (a workbook, a Word file, a page's tables) it is the cell's row
    /// counted through the document: non-zero where the cell was found, not a place to name.
    pub lines: Vec<u32>,
    /// Where each cell was read from in a document without lines (a sheet's cell, a table's row,
    /// a page), [`Place::File`] where it was not found; empty for text, whose lines say it.
    pub places: Vec<Place>,
}

impl Source {
    /// Where `cell` was read from, to name in a finding: its place, else its line; [`Place::File`]
    /// where the cell was not in the file.
    pub fn place(&self, cell: usize) -> Place {
        if !self.places.is_empty() {
            return self.places.get(cell).cloned().unwrap_or(Place::File);
        }
        match self.lines.get(cell) {
            Some(&line) if line != 0 => Place::Line { line, column: None },
            _ => Place::File,
        }
    }

    /// Records where `cell` was read from in a document without lines (the first place recorded
    /// makes room for every cell).
    pub fn set_place(&mut self, cell: usize, place: Place) {
        if self.places.is_empty() {
            self.places = vec![Place::File; self.lines.len()];
        }
        if let Some(slot) = self.places.get_mut(cell) {
            *slot = place;
        }
    }
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
                places: Vec::new(),
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use gongkai_document::Place;
    use gongkai_form::FormVersion;

    use super::{Layout, UnitReport};

    #[test]
    fn a_cell_is_at_its_line_in_text_and_at_its_place_elsewhere() {
        let file = Arc::new(PathBuf::from("a"));
        let mut r = UnitReport::empty("u".into(), 2020, FormVersion::F2019, file, Layout::Grid);
        r.set(3, Some(1), 12);
        let line = Place::Line {
            line: 12,
            column: None,
        };
        assert_eq!((r.source.place(3), r.source.place(4)), (line, Place::File));
        // A workbook: the row counted through the document is no line to name.
        let cell = Place::Sheet {
            sheet: "表1".into(),
            row: 31,
            column: Some(4),
        };
        r.source.set_place(3, cell.clone());
        assert_eq!(r.source.places.len(), r.values.len());
        assert_eq!((r.source.place(3), r.source.place(4)), (cell, Place::File));
        assert_eq!(r.source.place(9999), Place::File);
    }
}
