//! One model for every document that is a grid of cells: a CSV form grid, a table of a web page,
//! a text copy regrouped into rows, and (next) a workbook sheet, a Word table, a PDF page.
//!
//! A [`Grid`] is rows of cells. Each cell has its text (borrowed from the document where it
//! can be: a national batch reads millions of CSV cells), its grid column with row and column
//! spans expanded (a merged cell fills every slot it spans; [`Cell::first`] marks the slot where
//! it starts in its row), and the line of the file it starts on. Where a cell or row is in its
//! document prints the same way for every format ([`Place`]). Nothing here knows the form.

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

use gongkai_messages::msg;

use crate::delimited::Table;

/// What a grid is within its document: how its rows are numbered and its places printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Delimited text (CSV): a row is a record, numbered by the line it starts on; a cell is a
    /// field (`file:line:col`).
    Delimited,
    /// Copied text: rows numbered by line, cells on lines of their own (`file:line`).
    Text,
    /// Text of a page outside its tables, which has no lines of the file (`file`).
    Prose,
    /// A table of a page or a Word document, 1-based; rows numbered within it
    /// (`file table 2 row 14`).
    Table(u32),
    /// A workbook sheet by name; rows and columns numbered as the sheet does (`file[Sheet1]!D31`).
    Sheet(String),
    /// A PDF page, 1-based (`file page 3`).
    Page(u32),
}

impl Origin {
    /// Rows may end before their last empty cells, which then count as blank: delimited text
    /// (a spreadsheet's CSV export drops them) and sheets (which store no empty cell). A table's
    /// rows have all their cells: one that is short is a row that does not line up.
    pub fn drops_trailing_empty_cells(&self) -> bool {
        matches!(self, Origin::Delimited | Origin::Sheet(_))
    }
}

/// One slot of a grid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell<'g> {
    pub text: &'g str,
    /// The grid column, 0-based, spans expanded.
    pub column: u32,
    /// The slot where the cell starts in this row: false for the further columns a merged cell
    /// spans (a cell spanning rows starts again in each).
    pub first: bool,
    /// The 1-based line of the file the cell starts on; 0 where the document has no lines.
    pub line: u32,
    /// The index of the cell's text in the grid: the slots of a merged cell share one.
    pub text_index: u32,
}

/// A slot of a grid built cell by cell (a grid of delimited text has none: see [`Grid::slots`]).
#[derive(Debug, Clone, Copy)]
struct Slot {
    text: u32,
    column: u32,
    line: u32,
    first: bool,
}

/// Rows of cells and where they came from.
#[derive(Debug, Clone)]
pub struct Grid<'t> {
    pub origin: Origin,
    /// The rows are runs of text regrouped (a run of labels, then the run of values after it):
    /// a cell's column is only its place in the run, not a column of the source.
    pub regrouped: bool,
    texts: Vec<Cow<'t, str>>,
    /// (number, first slot, end of slots) per row: the number is the line (delimited text, text)
    /// or the row (a table, a sheet), 1-based.
    rows: Vec<(u32, u32, u32)>,
    /// Per slot: empty for delimited text, where slot `i` is text `i`, in the column of its
    /// place in the row, on the row's line.
    slots: Vec<Slot>,
    /// A cell may hold a line break that was inside quotes in the source.
    line_breaks: bool,
    /// A cell fills more than one slot (a merged cell).
    spans: bool,
}

impl<'t> Grid<'t> {
    /// An empty grid, to be built with [`Grid::add_row`], [`Grid::add_text`] and
    /// [`Grid::add_slot`].
    pub fn new(origin: Origin) -> Grid<'t> {
        Grid {
            origin,
            regrouped: false,
            texts: Vec::new(),
            rows: Vec::new(),
            slots: Vec::new(),
            line_breaks: false,
            spans: false,
        }
    }

    /// Starts a row numbered `number` (its line, or its row in a table or sheet).
    pub fn add_row(&mut self, number: u32) {
        let at = self.slots.len() as u32;
        self.rows.push((number, at, at));
    }

    /// Keeps a cell's text; returns its index for [`Grid::add_slot`].
    pub fn add_text(&mut self, text: impl Into<Cow<'t, str>>) -> u32 {
        self.texts.push(text.into());
        self.texts.len() as u32 - 1
    }

    /// Puts text `text` in the next slot of the last row, in grid column `column`.
    pub fn add_slot(&mut self, text: u32, column: u32, line: u32, first: bool) {
        // A text in a second slot: a cell spanning columns or rows.
        self.spans |= !first || self.slots.last().is_some_and(|s| s.text >= text);
        self.slots.push(Slot {
            text,
            column,
            line,
            first,
        });
        if let Some(row) = self.rows.last_mut() {
            row.2 = self.slots.len() as u32;
        }
    }

    /// A cell of its own in the next slot of the last row.
    pub fn add_cell(&mut self, text: impl Into<Cow<'t, str>>, column: u32, line: u32) {
        let id = self.add_text(text);
        self.add_slot(id, column, line, true);
    }

    /// The rows, in order.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = Row<'_>> + '_ {
        let grid: &Grid = self;
        (0..self.rows.len()).map(move |i| Row { grid, index: i })
    }

    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Every text of the grid (a merged cell once), by [`Cell::text_index`].
    pub fn texts(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.texts.iter().map(AsRef::as_ref)
    }

    /// True when a cell may hold a line break that was inside quotes (delimited text only).
    pub fn may_hold_line_breaks(&self) -> bool {
        self.line_breaks
    }

    /// True when a cell fills more than one slot (merged cells, spans expanded).
    pub fn has_merged_cells(&self) -> bool {
        self.spans
    }

    /// True when every slot is its own text, in order, on its row's line (delimited text).
    fn plain(&self) -> bool {
        self.slots.is_empty()
    }

    /// Where a row is, or a cell of it when `column` (0-based) is given.
    pub fn place(&self, number: u32, line: u32, column: Option<u32>) -> Place {
        match &self.origin {
            Origin::Delimited => Place::Line {
                line: if line != 0 { line } else { number },
                column: column.map(|c| c + 1),
            },
            Origin::Text => Place::Line {
                line: if line != 0 { line } else { number },
                column: None,
            },
            Origin::Prose => Place::File,
            Origin::Table(table) => Place::TableRow {
                table: *table,
                row: number,
            },
            Origin::Sheet(sheet) => Place::Sheet {
                sheet: sheet.clone(),
                row: number,
                column: column.map(|c| c + 1),
            },
            Origin::Page(page) => Place::Page { page: *page },
        }
    }
}

impl<'t> From<Table<'t>> for Grid<'t> {
    /// The records of delimited text as a grid: no copy of a field, no allocation but the
    /// table's own.
    fn from(table: Table<'t>) -> Grid<'t> {
        Grid {
            origin: Origin::Delimited,
            regrouped: false,
            texts: table.fields,
            rows: table.spans,
            slots: Vec::new(),
            line_breaks: table.quoted,
            spans: false,
        }
    }
}

/// One row of a grid.
#[derive(Debug, Clone, Copy)]
pub struct Row<'g> {
    grid: &'g Grid<'g>,
    index: usize,
}

impl<'g> Row<'g> {
    /// The row's line (delimited text, text) or its row in a table or sheet, 1-based.
    pub fn number(&self) -> u32 {
        self.grid.rows[self.index].0
    }

    /// Its slots.
    pub fn len(&self) -> usize {
        let (_, a, b) = self.grid.rows[self.index];
        (b - a) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Slot `i` (0-based), if the row has it.
    pub fn cell(&self, i: usize) -> Option<Cell<'g>> {
        let (number, a, b) = self.grid.rows[self.index];
        let at = a as usize + i;
        if at >= b as usize {
            return None;
        }
        let grid = self.grid;
        Some(if grid.plain() {
            Cell {
                text: grid.texts[at].as_ref(),
                column: i as u32,
                first: true,
                line: number,
                text_index: at as u32,
            }
        } else {
            let slot = grid.slots[at];
            Cell {
                text: grid.texts[slot.text as usize].as_ref(),
                column: slot.column,
                first: slot.first,
                line: slot.line,
                text_index: slot.text,
            }
        })
    }

    /// The text of slot `i`, or "" past the end.
    pub fn text(&self, i: usize) -> &'g str {
        self.cell(i).map_or("", |c| c.text)
    }

    /// The slots, in order.
    pub fn cells(&self) -> impl DoubleEndedIterator<Item = Cell<'g>> + ExactSizeIterator + 'g {
        let row = *self;
        // Every index below the length is a slot.
        (0..self.len()).map(move |i| row.cell(i).unwrap_or_default())
    }

    /// The grid the row is in.
    pub fn grid(&self) -> &'g Grid<'g> {
        self.grid
    }

    /// Where the row is, or a cell of it.
    pub fn place(&self, cell: Option<&Cell>) -> Place {
        self.grid.place(
            self.number(),
            cell.map_or(0, |c| c.line),
            cell.map(|c| c.column),
        )
    }
}

/// Where something is in a document, printed the same way whatever the format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A line of text, and the field on it in delimited text (1-based): `file:12:4`, `file:12`.
    Line { line: u32, column: Option<u32> },
    /// A cell of a workbook sheet (1-based row and column): `file[Sheet1]!D31`; a whole row
    /// `file[Sheet1]!31:31`.
    Sheet {
        sheet: String,
        row: u32,
        column: Option<u32>,
    },
    /// A row of a table in a page or a Word document (1-based): `file table 2 row 14`.
    TableRow { table: u32, row: u32 },
    /// A page of a PDF (1-based): `file page 3`.
    Page { page: u32 },
    /// Nowhere finer than the file.
    File,
}

impl Place {
    /// The place after the file's name: `file` then this prints `file table 2 row 14`.
    pub fn in_file<'a>(&'a self, file: &'a Path) -> impl fmt::Display + 'a {
        InFile { file, place: self }
    }

    /// The line and column, for a place that is one.
    pub fn line(&self) -> Option<(u32, Option<u32>)> {
        match self {
            Place::Line { line, column } => Some((*line, *column)),
            _ => None,
        }
    }

    /// A sheet's cell as the sheet names it, column letters then row (`D31`): for a cell of a
    /// sheet, not a whole row nor any other place.
    pub fn cell(&self) -> Option<String> {
        match self {
            Place::Sheet {
                row,
                column: Some(c),
                ..
            } => Some(format!("{}{row}", column_letters(*c))),
            _ => None,
        }
    }
}

impl fmt::Display for Place {
    /// What follows the file's name, in the run's language: `:12:4`, `[Sheet1]!D31`,
    /// ` table 2 row 14`, ` page 3`, or nothing (` 第12行第4列`, ` 第2个表格第14行`, ` 第3页`; a
    /// sheet's cell is named as the sheet names it in every language).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line {
                line,
                column: Some(column),
            } => f.write_str(&msg!("place-line-column", line = *line, column = *column)),
            Place::Line { line, column: None } => f.write_str(&msg!("place-line", line = *line)),
            Place::Sheet {
                sheet,
                row,
                column: Some(c),
            } => write!(f, "[{sheet}]!{}{row}", column_letters(*c)),
            Place::Sheet {
                sheet,
                row,
                column: None,
            } => write!(f, "[{sheet}]!{row}:{row}"),
            Place::TableRow { table, row } => {
                f.write_str(&msg!("place-table-row", table = *table, row = *row))
            }
            Place::Page { page } => f.write_str(&msg!("place-page", page = *page)),
            Place::File => Ok(()),
        }
    }
}

struct InFile<'a> {
    file: &'a Path,
    place: &'a Place,
}

impl fmt::Display for InFile<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.file.display(), self.place)
    }
}

/// A 1-based column as a sheet names it: 1 → A, 26 → Z, 27 → AA.
fn column_letters(mut column: u32) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rem = (column - 1) % 26;
        letters.push(b'A' + rem as u8);
        column = (column - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delimited::read_records;

    #[test]
    fn a_place_prints_the_same_way_in_every_format() {
        let file = Path::new("data/城关区.csv");
        let shown = |p: Place| p.in_file(file).to_string();
        assert_eq!(
            shown(Place::Line {
                line: 12,
                column: Some(4)
            }),
            "data/城关区.csv:12:4"
        );
        assert_eq!(
            shown(Place::Line {
                line: 12,
                column: None
            }),
            "data/城关区.csv:12"
        );
        assert_eq!(
            shown(Place::Sheet {
                sheet: "Sheet1".into(),
                row: 31,
                column: Some(4)
            }),
            "data/城关区.csv[Sheet1]!D31"
        );
        assert_eq!(
            shown(Place::Sheet {
                sheet: "表三".into(),
                row: 7,
                column: None
            }),
            "data/城关区.csv[表三]!7:7"
        );
        assert_eq!(
            shown(Place::TableRow { table: 2, row: 14 }),
            "data/城关区.csv table 2 row 14"
        );
        assert_eq!(shown(Place::Page { page: 3 }), "data/城关区.csv page 3");
        assert_eq!(shown(Place::File), "data/城关区.csv");
        let cell = |column| Place::Sheet {
            sheet: "Sheet1".into(),
            row: 31,
            column,
        };
        assert_eq!(cell(Some(4)).cell().as_deref(), Some("D31"));
        assert_eq!(cell(Some(27)).cell().as_deref(), Some("AA31"));
        assert_eq!(cell(None).cell(), None);
        assert_eq!(Place::TableRow { table: 2, row: 14 }.cell(), None);
        assert_eq!(
            [1, 26, 27, 52, 53, 702, 703].map(column_letters),
            ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]
        );
    }

    #[test]
    fn delimited_text_is_a_grid_of_borrowed_fields() {
        let text = "a,b\n\n规章,1,\"2\"\n";
        let grid = Grid::from(read_records(text, b',').unwrap_or_default());
        assert_eq!(grid.origin, Origin::Delimited);
        assert!(!grid.has_merged_cells());
        let rows: Vec<(u32, Vec<&str>)> = grid
            .rows()
            .map(|r| (r.number(), r.cells().map(|c| c.text).collect()))
            .collect();
        assert_eq!(rows, vec![(1, vec!["a", "b"]), (3, vec!["规章", "1", "2"])]);
        let row = grid.rows().nth(1).map(|r| (r.cell(2), r.text(7)));
        assert_eq!(
            row,
            Some((
                Some(Cell {
                    text: "2",
                    column: 2,
                    first: true,
                    line: 3,
                    text_index: 4
                }),
                ""
            ))
        );
        // Borrowed from the text, not copied.
        let at = grid.texts().nth(2).map(str::as_ptr);
        assert_eq!(at, Some(text[5..].as_ptr()));
        let place = grid.rows().nth(1).map(|r| r.place(r.cell(1).as_ref()));
        assert_eq!(
            place,
            Some(Place::Line {
                line: 3,
                column: Some(2)
            })
        );
    }

    #[test]
    fn merged_cells_fill_every_slot_they_span() {
        // A table: a label over two rows, a header over two columns.
        let mut grid = Grid::new(Origin::Table(2));
        grid.add_row(1);
        let label = grid.add_text("第二十条第（一）项");
        grid.add_slot(label, 0, 0, true);
        let head = grid.add_text("本年新制作数量");
        grid.add_slot(head, 1, 0, true);
        grid.add_slot(head, 2, 0, false);
        grid.add_row(2);
        grid.add_slot(label, 0, 0, true);
        grid.add_cell("3", 1, 0);
        let rows: Vec<Vec<(&str, u32, bool)>> = grid
            .rows()
            .map(|r| r.cells().map(|c| (c.text, c.column, c.first)).collect())
            .collect();
        assert_eq!(
            rows,
            vec![
                vec![
                    ("第二十条第（一）项", 0, true),
                    ("本年新制作数量", 1, true),
                    ("本年新制作数量", 2, false)
                ],
                vec![("第二十条第（一）项", 0, true), ("3", 1, true)],
            ]
        );
        assert_eq!(grid.texts().len(), 3);
        assert!(grid.has_merged_cells());
        let place = grid.rows().nth(1).map(|r| r.place(r.cell(1).as_ref()));
        assert_eq!(place, Some(Place::TableRow { table: 2, row: 2 }));
    }
}
