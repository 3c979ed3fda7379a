//! The locator's state over one document: where it is (the table, the group, the header),
//! what it found (the report), and how it reports (diagnostics at places, values counted).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use gongkai_document::{Cell, Origin, Place, Row};
use gongkai_form::{Catalogue, FormVersion, Section};
use gongkai_messages::msg;
use gongkai_report::{Finding, Layout, UnitReport};

use super::label::Label;
use super::{CellSources, Conventions, Document, Kind, Setting};

/// Buffers reused from row to row (a national batch reads millions of rows).
#[derive(Debug, Default)]
pub(super) struct Scratch<'g> {
    pub(super) kinds: Vec<Kind>,
    /// The row's label cells (slots), in order.
    pub(super) labels: Vec<usize>,
    /// Where a row's values are read from: (grid column, the row's cell there, if it has one).
    pub(super) cells: Vec<(u32, Option<Cell<'g>>)>,
    /// Label cells joined.
    pub(super) text: String,
    /// A row's kinds and label cells as they would be with its values blank.
    pub(super) blank: Vec<Kind>,
    pub(super) blank_labels: Vec<usize>,
    /// A block's columns from the header.
    pub(super) positions: Vec<u32>,
    /// Slots after a row's label.
    pub(super) slots: Vec<usize>,
}

/// The walk over a document's rows.
pub(super) struct Locator<'d, 'g> {
    pub(super) doc: &'d Document<'g>,
    pub(super) conv: Conventions,
    pub(super) cat: &'static Catalogue,
    pub(super) form: FormVersion,
    pub(super) file: Arc<PathBuf>,
    pub(super) report: UnitReport,
    pub(super) diags: Vec<Finding>,
    pub(super) values_read: usize,
    pub(super) values_rejected: usize,
    pub(super) bad_cells: usize,
    pub(super) tainted: bool,
    /// Cells that could not be read (see [`super::Located::unreadable`]).
    pub(super) unreadable: Vec<(usize, Place)>,
    /// Lines of the table were swallowed by a quote: every cell not found may be among them.
    pub(super) lines_lost: bool,
    pub(super) seen: Vec<Section>,
    pub(super) section: Option<Section>,
    /// The group heading last seen (normalised), to tell recurring row labels apart.
    pub(super) context: Option<Cow<'static, str>>,
    pub(super) header: Header,
    pub(super) appeals: Appeals<'g>,
    /// Rows so far: a row's place in the document where it has no line of the file.
    pub(super) ordinal: u32,
    pub(super) grid: usize,
    /// (grid, column) of values outside the header's columns, already reported.
    pub(super) strays: HashSet<(usize, u32)>,
    /// The row being read was matched by a label close to the form's, not the form's own.
    pub(super) reading_close: bool,
    /// Cells read from such rows: a row with the form's own label later replaces them.
    pub(super) close_cells: HashSet<usize>,
    /// The document has grids without lines of the file (a sheet, a table, a page): the report
    /// keeps where each cell was read from, for its findings (a line is kept in any case).
    pub(super) keep_places: bool,
    pub(super) sources: Option<CellSources>,
    pub(super) scratch: Scratch<'g>,
}

/// Where each column of the current table sits, from its header lines.
#[derive(Debug, Default)]
pub(super) struct Header {
    /// (block, column) → grid column.
    pub(super) positions: HashMap<(usize, usize), u32>,
    /// The last row read was a header line: the next one adds to it (a header over several
    /// lines) rather than starting another.
    pub(super) last_was_header: bool,
}

impl Header {
    pub(super) fn clear(&mut self) {
        self.positions.clear();
    }

    /// The leftmost column the header gives a value column of `section`.
    pub(super) fn min_position(&self, section: Option<Section>, cat: &Catalogue) -> Option<u32> {
        let section = section?;
        self.positions
            .iter()
            .filter(|((b, _), _)| cat.blocks[*b].section == section)
            .map(|(_, p)| *p)
            .min()
    }

    /// The grid column of every column of `block` into `out`, if the header gave them all.
    pub(super) fn block_positions(
        &self,
        block: usize,
        cat: &Catalogue,
        out: &mut Vec<u32>,
    ) -> bool {
        out.clear();
        for c in 0..cat.blocks[block].columns.len() {
            match self.positions.get(&(block, c)) {
                Some(p) => out.push(*p),
                None => return false,
            }
        }
        true
    }
}

/// What is known of table 四 so far.
#[derive(Debug, Default)]
pub(super) struct Appeals<'g> {
    /// Grid column → the header words above it in the current table (keys, top first).
    pub(super) stacks: BTreeMap<u32, Vec<String>>,
    /// The grid column of each of the 15 cells, from the header.
    pub(super) positions: Option<Vec<u32>>,
    /// A header line of table 四 was read in the current table: the next row is its line.
    pub(super) header_seen: bool,
    /// The row its line of numbers was read from.
    pub(super) line: Option<Place>,
    /// The line was read (or given up on).
    pub(super) done: bool,
    /// Values gathered over rows of copied text, until there are 15: (row, cell, ordinal).
    pub(super) pending: Vec<(Row<'g>, Cell<'g>, u32)>,
}

impl Appeals<'_> {
    /// A new table: its own header.
    pub(super) fn new_table(&mut self) {
        self.stacks.clear();
        self.positions = None;
        self.header_seen = false;
    }

    /// Table 四's header was read and its line not yet.
    pub(super) fn awaits_line(&self, section: Option<Section>) -> bool {
        section == Some(Section::Appeals) && self.header_seen && !self.done
    }

    pub(super) fn done(&self) -> bool {
        self.done
    }

    /// The leftmost of the 15 columns, when the header gave them.
    pub(super) fn first_column(&self) -> Option<u32> {
        self.positions.as_ref()?.iter().copied().min()
    }
}

/// What a row without values turned out to be.
pub(super) enum Line {
    /// A header line, taken.
    Header,
    /// Words before any table (a title, a page's prose): nothing to read.
    BeforeTables,
    /// Anything else: a row of blank cells, a group heading, a row the form does not have.
    Other(Label),
}

impl<'d, 'g> Locator<'d, 'g> {
    pub(super) fn new(
        doc: &'d Document<'g>,
        setting: Setting,
        sources: Option<CellSources>,
    ) -> Locator<'d, 'g> {
        let file = Arc::clone(setting.file);
        Locator {
            doc,
            conv: setting.conventions,
            cat: setting.form.catalogue(),
            form: setting.form,
            report: UnitReport::empty(
                setting.unit.to_string(),
                setting.year,
                setting.form,
                Arc::clone(&file),
                Layout::Grid,
            ),
            file,
            diags: Vec::new(),
            values_read: 0,
            values_rejected: 0,
            bad_cells: 0,
            tainted: false,
            unreadable: Vec::new(),
            lines_lost: false,
            seen: Vec::new(),
            section: None,
            context: None,
            header: Header::default(),
            appeals: Appeals::default(),
            ordinal: 0,
            grid: 0,
            strays: HashSet::new(),
            reading_close: false,
            close_cells: HashSet::new(),
            keep_places: doc
                .grids
                .iter()
                .any(|g| !matches!(g.origin, Origin::Delimited | Origin::Text)),
            sources,
            scratch: Scratch::default(),
        }
    }

    /// The leftmost column the current table's header gives a value, if it gave one.
    pub(super) fn first_value_column(&self, regrouped: bool) -> Option<u32> {
        if regrouped {
            return None;
        }
        match self.section {
            Some(Section::Appeals) => self.appeals.first_column(),
            section => self.header.min_position(section, self.cat),
        }
    }

    /// Moves to table `s` (reading what was gathered of table 四 when leaving it).
    pub(super) fn enter(&mut self, s: Section) {
        if self.section == Some(Section::Appeals) && s != Section::Appeals {
            self.flush_appeals();
        }
        if self.section != Some(s) {
            self.context = None;
        }
        self.section = Some(s);
        if !self.seen.contains(&s) {
            self.seen.push(s);
        }
    }

    /// Whether the reader may move to `s` on the strength of header words: forward through the
    /// report, or back to a table nothing was read from yet.
    pub(super) fn may_enter(&self, s: Section) -> bool {
        match self.section {
            None => true,
            Some(cur) if s >= cur => true,
            Some(_) => !self.cat.cells_of(s).any(|c| self.report.present(c.index)),
        }
    }

    /// The line a cell was read from, for the report: its own, else its row's (a line of the
    /// file, or the row's place in a document without lines).
    pub(super) fn source_line(&self, row: &Row, cell_line: u32, ordinal: u32) -> u32 {
        if cell_line != 0 {
            return cell_line;
        }
        match row.grid().origin {
            Origin::Delimited | Origin::Text => row.number(),
            _ => ordinal,
        }
    }

    /// A diagnostic at `place` in the file, of the unit and year being read.
    pub(super) fn diagnostic(&self, error: bool, place: &Place, message: String) -> Finding {
        let d = if error {
            Finding::error(&self.file, message)
        } else {
            Finding::warning(&self.file, message)
        };
        d.place(place.clone())
            .unit(&self.report.unit, Some(self.report.year))
    }

    /// Where cell `index` was read from, for a message about another place: `on line 12`,
    /// `at [表1]!D31`, `in table 2 row 14` (`第12行`, `[表1]!D31`, `第2个表格第14行`).
    pub(super) fn read_from(&self, index: usize) -> String {
        match self.report.source.place(index) {
            place @ Place::TableRow { .. } => msg!("locate-in-place", place = named(&place)),
            place @ Place::Sheet { .. } => msg!("locate-at-place", place = named(&place)),
            place => msg!("locate-on-place", place = named(&place)),
        }
    }

    pub(super) fn warning(&self, place: &Place, message: impl Into<String>) -> Finding {
        self.diagnostic(false, place, message.into())
    }

    pub(super) fn error(&self, place: &Place, message: impl Into<String>) -> Finding {
        self.diagnostic(true, place, message.into())
    }

    pub(super) fn push(&mut self, d: Finding) {
        self.diags.push(d);
    }

    /// `n` values seen and left out, with why.
    pub(super) fn skip(&mut self, d: Finding, n: usize) {
        self.diags.push(d);
        self.values_read += n;
        self.values_rejected += n;
    }

    /// A value cell (counted read already) that cannot be used.
    pub(super) fn reject(&mut self, d: Finding) {
        self.diags.push(d);
        self.values_rejected += 1;
    }
}

/// A place in a message about another one: `line 12`, `[表1]!D31`, `table 2 row 14`, `page 3`
/// (`第12行`, `第2个表格第14行`, `第3页`).
pub(super) fn named(place: &Place) -> String {
    match place {
        Place::Line { line, .. } => msg!("locate-line", line = *line),
        Place::File => msg!("locate-the-file"),
        other => other.to_string().trim_start().to_string(),
    }
}
