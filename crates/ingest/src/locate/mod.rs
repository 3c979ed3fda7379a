//! The one locator: finds the form in grids of cells by its labels, whatever document they came
//! from (a unit's CSV grid, the tables and text copies of a published page; next a workbook
//! sheet, a Word table, a PDF page).
//!
//! Section headings (`二、主动公开政府信息情况`, `第二十条第（一）项`) and header words (`信息内容`,
//! `申请人情况`, `行政复议`) set the table; header lines give its columns' positions; a row's
//! label names the row; the header's positions, else the order of the form's columns, name each
//! value's column. Nothing assumes where in the document a table is. What the form does not know
//! is reported, never summed. Where unit files and published pages really differ, a named
//! [`Conventions`] field says how; everything else is one path for both.
//!
//! Layers, lowest first: [`kind`] (what a cell's text is) · [`heading`] → [`label`] (row labels)
//! · [`header`] (header lines) → [`values`] (a row's values, each cell read) → [`appeals`]
//! (table 四's line of 15) → this module (the walk over the rows) → [`found`] (which form the
//! labels are; what was not found).

mod appeals;
mod found;
mod header;
mod heading;
mod kind;
mod label;
mod values;

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use gongkai_document::delimited::trim;
use gongkai_document::{Cell, Grid, Origin, Place, Row};
use gongkai_form::label::key;
use gongkai_form::{Catalogue, FormVersion, Section};
use gongkai_report::{Finding, Layout, UnitReport};

use crate::meta::meta_entry_of;
use heading::Heading;
pub use kind::{kind, Kind, Values};
use label::Label;

/// How a kind of document is read where unit files and published pages really differ; every
/// other step is the same for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conventions {
    /// Which texts are values (see [`Values`]).
    pub values: Values,
    /// The unit and year are named on lines of their own (`填报单位,城关区`, `年度,2020`): no
    /// part of the tables (numbers on them are reported, not summed).
    pub unit_lines: bool,
    /// A cell given twice.
    pub repeats: Repeats,
    /// A row label a few characters off the form's (a typo, a word more) is read as that row,
    /// with a warning. Pages are typed by hand; a unit file's labels are the template's, and a
    /// label that is not is a row the form does not have.
    pub close_labels: bool,
    /// The document has prose around its tables (a page): numbers before the first table,
    /// after table 四 or in a paragraph are not the form's, and not reported. A unit file is
    /// all form: numbers anywhere outside its tables are reported.
    pub prose: bool,
    /// A report missing a whole table is left out (a unit file: its totals would be silently
    /// wrong); a page's report keeps what was found.
    pub whole_reports: bool,
}

/// What to make of a cell given twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeats {
    /// An error that leaves the report out: which is right cannot be told (a unit file).
    Reject,
    /// The first is kept, silently when both say the same: a page may print a table twice (a
    /// print and a mobile copy).
    KeepFirst,
}

impl Conventions {
    /// A unit's own file, filled into the form's template.
    pub const UNIT_FILE: Conventions = Conventions {
        values: Values::Numbers,
        unit_lines: true,
        repeats: Repeats::Reject,
        close_labels: false,
        prose: false,
        whole_reports: true,
    };

    /// A report as a portal publishes it (a saved page, a text copy).
    pub const PUBLISHED: Conventions = Conventions {
        values: Values::Published,
        unit_lines: false,
        repeats: Repeats::KeepFirst,
        close_labels: true,
        prose: true,
        whole_reports: false,
    };
}

/// A document's grids, in order, and the label key of every text in them (computed once: the
/// form's look-ups run on every cell).
#[derive(Debug)]
pub struct Document<'g> {
    grids: &'g [Grid<'g>],
    keys: Vec<Vec<Cow<'g, str>>>,
}

impl<'g> Document<'g> {
    pub fn new(grids: &'g [Grid<'g>]) -> Document<'g> {
        Document {
            grids,
            keys: grids.iter().map(|g| g.texts().map(key).collect()).collect(),
        }
    }

    pub fn grids(&self) -> &'g [Grid<'g>] {
        self.grids
    }
}

/// The report a document is read for, and how.
#[derive(Debug, Clone, Copy)]
pub struct Setting<'a> {
    pub form: FormVersion,
    pub unit: &'a str,
    pub year: i32,
    pub file: &'a Arc<PathBuf>,
    pub conventions: Conventions,
}

/// Where the locator took each cell from, when asked: what a learned layout learns from.
#[derive(Debug, Default)]
pub(crate) struct CellSources {
    /// `(line, 0-based field, cell)` of every cell it set.
    pub cells: Vec<(u32, u32, usize)>,
    /// Lines with numbers it would have taken for a header line had they been blank.
    pub header_if_blank: Vec<u32>,
}

/// What the locator made of a document.
#[derive(Debug)]
pub struct Located {
    /// Every cell found (blank or not); the others are not present.
    pub report: UnitReport,
    pub diagnostics: Vec<Finding>,
    /// Value cells seen, and of them left out (the rest are in the report).
    pub values_read: usize,
    pub values_rejected: usize,
    /// A cell was rejected (or, with [`Conventions::whole_reports`], a table is missing): the
    /// report must not be summed.
    pub tainted: bool,
    /// Cells whose text is not a value (an error each).
    pub bad_cells: usize,
    /// Tables whose heading, header or a row was seen.
    pub seen: Vec<Section>,
    pub(crate) sources: Option<CellSources>,
    /// The last line of the document, when it has lines.
    end_line: Option<u32>,
    conventions: Conventions,
    file: Arc<PathBuf>,
}

/// Finds the form's cells in `document`.
pub fn locate(document: &Document, setting: Setting) -> Located {
    Locator::new(document, setting, None).run()
}

/// [`locate`], saying where each cell came from.
pub(crate) fn locate_recording(
    document: &Document,
    setting: Setting,
    sources: CellSources,
) -> Located {
    Locator::new(document, setting, Some(sources)).run()
}

/// Buffers reused from row to row (a national batch reads millions of rows).
#[derive(Debug, Default)]
struct Scratch<'g> {
    kinds: Vec<Kind>,
    /// The row's label cells (slots), in order.
    labels: Vec<usize>,
    /// Where a row's values are read from: (grid column, the row's cell there, if it has one).
    cells: Vec<(u32, Option<Cell<'g>>)>,
    /// Label cells joined.
    text: String,
    /// A row's kinds and label cells as they would be with its values blank.
    blank: Vec<Kind>,
    blank_labels: Vec<usize>,
    /// A block's columns from the header.
    positions: Vec<u32>,
    /// Slots after a row's label.
    slots: Vec<usize>,
}

/// The walk over a document's rows.
struct Locator<'d, 'g> {
    doc: &'d Document<'g>,
    conv: Conventions,
    cat: &'static Catalogue,
    form: FormVersion,
    file: Arc<PathBuf>,
    report: UnitReport,
    diags: Vec<Finding>,
    values_read: usize,
    values_rejected: usize,
    bad_cells: usize,
    tainted: bool,
    seen: Vec<Section>,
    section: Option<Section>,
    /// The group heading last seen (normalised), to tell recurring row labels apart.
    context: Option<Cow<'static, str>>,
    header: header::Header,
    appeals: appeals::Appeals<'g>,
    /// Rows so far: a row's place in the document where it has no line of the file.
    ordinal: u32,
    grid: usize,
    /// (grid, column) of values outside the header's columns, already reported.
    strays: HashSet<(usize, u32)>,
    /// The row being read was matched by a label close to the form's, not the form's own.
    reading_close: bool,
    /// Cells read from such rows: a row with the form's own label later replaces them.
    close_cells: HashSet<usize>,
    sources: Option<CellSources>,
    scratch: Scratch<'g>,
}

/// What a row without values turned out to be.
enum Line {
    /// A header line, taken.
    Header,
    /// Words before any table (a title, a page's prose): nothing to read.
    BeforeTables,
    /// Anything else: a row of blank cells, a group heading, a row the form does not have.
    Other(Label),
}

impl<'d, 'g> Locator<'d, 'g> {
    fn new(
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
            seen: Vec::new(),
            section: None,
            context: None,
            header: header::Header::default(),
            appeals: appeals::Appeals::default(),
            ordinal: 0,
            grid: 0,
            strays: HashSet::new(),
            reading_close: false,
            close_cells: HashSet::new(),
            sources,
            scratch: Scratch::default(),
        }
    }

    fn run(mut self) -> Located {
        let doc = self.doc;
        for (g, grid) in doc.grids.iter().enumerate() {
            // Header positions and table 四's header words are a table's own.
            self.grid = g;
            self.header.clear();
            self.header.last_was_header = false;
            self.appeals.new_table();
            for row in grid.rows() {
                self.ordinal += 1;
                let mut sc = std::mem::take(&mut self.scratch);
                sc.kinds.clear();
                sc.kinds
                    .extend(row.cells().map(|c| kind(c.text, self.conv.values)));
                self.row(row, &doc.keys[g], &mut sc);
                self.scratch = sc;
            }
        }
        self.flush_appeals();
        let end_line = doc.grids.last().and_then(|g| {
            matches!(g.origin, Origin::Delimited | Origin::Text)
                .then(|| g.rows().last().map(|r| r.number()))
                .flatten()
        });
        Located {
            report: self.report,
            diagnostics: self.diags,
            values_read: self.values_read,
            values_rejected: self.values_rejected,
            tainted: self.tainted,
            bad_cells: self.bad_cells,
            seen: self.seen,
            sources: self.sources,
            end_line,
            conventions: self.conv,
            file: self.file,
        }
    }

    fn row(&mut self, row: Row<'g>, keys: &[Cow<str>], sc: &mut Scratch<'g>) {
        if row.grid().may_hold_line_breaks() && self.swallowed_lines(row, sc) {
            return;
        }
        if self.conv.unit_lines && self.unit_line(row, sc) {
            return;
        }
        if row.cells().all(|c| trim(c.text).is_empty()) {
            // Table 四's line of numbers follows its header, even when every cell is blank.
            if self.appeals.awaits_line(self.section)
                && row.grid().origin.drops_trailing_empty_cells()
            {
                self.appeals_line(row, 0, sc);
            }
            return;
        }
        let (start, heading) = self.headings(row, keys, sc);
        let len = row.len();
        if let Some(s) = heading.filter(|_| !(start..len).any(|i| sc.kinds[i] == Kind::Text)) {
            let numbers = sc.kinds.iter().filter(|k| **k == Kind::Value).count();
            if numbers > 0 {
                let d = self.warning(
                    &row.place(None),
                    format!(
                        "{numbers} value(s) on the heading line of table {}; not summed",
                        s.heading()
                    ),
                );
                self.skip(d, numbers);
            }
            return;
        }
        // A number before a row's first words is a serial number (a 序号 column), not a value.
        let filled = |from: usize| (from..len).find(|&i| sc.kinds[i] != Kind::Blank);
        let values_from = self.first_value_column(row.grid().regrouped);
        let serial = filled(start).filter(|&i| {
            sc.kinds[i] == Kind::Value
                && filled(i + 1).is_some_and(|j| sc.kinds[j] == Kind::Text)
                && row
                    .cell(i)
                    .is_some_and(|c| values_from.is_none_or(|m| c.column < m))
        });
        let first_value =
            (serial.map_or(start, |i| i + 1)..len).find(|&i| sc.kinds[i] == Kind::Value);
        let label_end = self.label_end(row, &sc.kinds, start, first_value);
        label::label_cells(row, keys, &sc.kinds, start, label_end, &mut sc.labels);
        let label = if first_value.is_none() {
            match self.line_without_values(row, keys, sc, start, label_end) {
                Line::Header => return,
                Line::BeforeTables => {
                    self.header.last_was_header = false;
                    return;
                }
                // A heading's line holds no row of the form.
                Line::Other(_) if heading.is_some() => {
                    self.header.last_was_header = false;
                    return;
                }
                Line::Other(label) => label,
            }
        } else {
            self.note_header_if_blank(row, keys, sc, start);
            if row.grid().regrouped {
                self.header_words_before_label(row, keys, sc);
            }
            self.match_label(row, keys, sc)
        };
        self.header.last_was_header = false;
        self.data_row(row, keys, sc, label_end, label);
    }

    /// A quote that opens a cell of delimited text and closes lines later swallows whole lines
    /// of the table: the row is not read.
    fn swallowed_lines(&mut self, row: Row<'g>, sc: &Scratch) -> bool {
        let Some(cell) = row
            .cells()
            .find(|c| c.text.contains('\n') && c.text.contains([',', '\t', ';']))
        else {
            return false;
        };
        let numbers = sc.kinds.iter().filter(|k| **k == Kind::Value).count();
        let line = row.number();
        let d = self
            .error(
                &row.place(Some(&cell)),
                format!(
                    "a quoted cell runs over lines {line}–{} and holds whole lines of the table: \
                     an unbalanced quote? The lines inside it are not read",
                    line as usize + cell.text.matches('\n').count()
                ),
            )
            .found(cell.text, "a closing quote (\") on the line that opens it");
        self.skip(d, numbers);
        self.tainted = true;
        true
    }

    /// A unit file's line naming its unit or year: no part of the tables. Numbers after the
    /// unit or year (`年度,2020,5`) are no cell of the form.
    fn unit_line(&mut self, row: Row<'g>, sc: &Scratch) -> bool {
        let Some((is_unit, _, col)) = meta_entry_of(row.len(), |i| row.text(i)) else {
            return false;
        };
        let extra = sc
            .kinds
            .iter()
            .skip(col as usize)
            .filter(|k| **k == Kind::Value)
            .count();
        if extra > 0 {
            let d = self.warning(
                &row.place(None),
                format!(
                    "{extra} value(s) on the {} line; not summed",
                    if is_unit { "unit" } else { "year" }
                ),
            );
            self.skip(d, extra);
        }
        true
    }

    /// Headings anywhere in the row set the table; labels start after the last one.
    fn headings(
        &mut self,
        row: Row<'g>,
        keys: &[Cow<str>],
        sc: &Scratch,
    ) -> (usize, Option<Section>) {
        let mut start = 0;
        let mut section = None;
        for (i, c) in row.cells().enumerate() {
            if sc.kinds[i] != Kind::Text || !c.first {
                continue;
            }
            match heading::heading(c.text, &keys[c.text_index as usize]) {
                Some(Heading::Section(s)) => {
                    self.enter(s);
                    // A new table: its own header and groups.
                    self.context = None;
                    self.header.clear();
                    section = Some(s);
                    start = i + 1;
                }
                // An item heading after the row's values is a note beside the table.
                Some(Heading::Item(_)) if sc.kinds[..i].contains(&Kind::Value) => {}
                Some(Heading::Item(_)) => {
                    if self.section.is_none_or(|s| s == Section::Active)
                        || self.may_enter(Section::Active)
                    {
                        self.enter(Section::Active);
                    }
                    start = i + 1;
                }
                None => {}
            }
        }
        (start, section)
    }

    /// Where a row's labels end: after its last words before its first value, or, where the
    /// table's header says values start, there (words in value columns are then bad values, not
    /// part of the label; numbers before the first label, a serial number, are not values).
    fn label_end(
        &self,
        row: Row<'g>,
        kinds: &[Kind],
        start: usize,
        first_value: Option<usize>,
    ) -> usize {
        let len = row.len();
        let end = first_value.unwrap_or(len);
        let mut label_end = (start..end)
            .rev()
            .find(|&i| kinds[i] == Kind::Text)
            .map_or(start, |i| i + 1);
        if row.grid().regrouped {
            return label_end;
        }
        if let Some(min) = self.header.min_position(self.section, self.cat) {
            let at = row.cells().position(|c| c.column >= min).unwrap_or(len);
            let from = (start..len)
                .find(|&i| kinds[i] == Kind::Text)
                .unwrap_or(start)
                .min(at);
            if at >= start && (from..at).all(|i| kinds[i] != Kind::Value) {
                label_end = at;
            }
        }
        label_end
    }

    /// The leftmost column the current table's header gives a value, if it gave one.
    fn first_value_column(&self, regrouped: bool) -> Option<u32> {
        if regrouped {
            return None;
        }
        match self.section {
            Some(Section::Appeals) => self.appeals.first_column(),
            section => self.header.min_position(section, self.cat),
        }
    }

    /// Moves to table `s` (reading what was gathered of table 四 when leaving it).
    fn enter(&mut self, s: Section) {
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
    fn may_enter(&self, s: Section) -> bool {
        match self.section {
            None => true,
            Some(cur) if s >= cur => true,
            Some(_) => !self.cat.cells_of(s).any(|c| self.report.present(c.index)),
        }
    }

    /// A row with values.
    fn data_row(
        &mut self,
        row: Row<'g>,
        keys: &[Cow<str>],
        sc: &mut Scratch<'g>,
        label_end: usize,
        label: Label,
    ) {
        if self.section == Some(Section::Appeals) {
            self.appeals_row(row, keys, sc, label_end, label);
            return;
        }
        let filled = (label_end..row.len())
            .filter_map(|i| row.cell(i))
            .filter(|c| c.first && !trim(c.text).is_empty())
            .count();
        if self.section.is_none() && !matches!(label, Label::Row { .. }) {
            self.before_any_table(row, sc, label_end);
            return;
        }
        match label {
            Label::Row {
                section,
                block,
                row: r,
                cells,
                close,
            } => {
                if self.section != Some(section) {
                    self.enter(section);
                }
                self.note_close(row, sc, close);
                self.read_row(row, keys, sc, label_end, block, r, cells);
            }
            Label::Group(g) => {
                if filled > 0 {
                    let text = label::joined(row, &sc.labels[sc.labels.len() - 1..], "");
                    let (place, shown) = self.values_shown(row, label_end);
                    let d = self
                        .warning(
                            &place,
                            format!(
                                "values on the group heading {text:?}, which is not a row of form \
                                 {}; not summed",
                                self.form
                            ),
                        )
                        .found(shown, "values in the rows below it");
                    self.skip(d, filled);
                }
                self.context = Some(Cow::Owned(g));
            }
            Label::Ambiguous(codes, cells) => {
                if filled > 0 {
                    let labels = &sc.labels[sc.labels.len() - cells..];
                    let text = label::joined(row, labels, "");
                    let place = row.place(row.cell(labels[0]).as_ref());
                    let d = self
                        .warning(
                            &place,
                            format!(
                                "row label fits several rows ({}); its {filled} value(s) are not \
                                 read",
                                codes.join(", ")
                            ),
                        )
                        .found(text.trim(), "a label that names one row");
                    self.skip(d, filled);
                }
            }
            Label::Unknown | Label::None => {
                if filled > 0 {
                    self.row_not_in_form(row, sc, label_end, filled);
                }
            }
        }
    }

    /// Values before any heading, header or row of the form.
    fn before_any_table(&mut self, row: Row<'g>, sc: &Scratch, label_end: usize) {
        let numbers = sc.kinds.iter().filter(|k| **k == Kind::Value).count();
        if numbers == 0 {
            return;
        }
        if self.conv.prose {
            // A page's prose before its tables.
            self.values_read += numbers;
            self.values_rejected += numbers;
            return;
        }
        let labels: String = (0..label_end.min(row.len())).map(|i| row.text(i)).collect();
        let d = self
            .warning(
                &row.place(None),
                format!("{numbers} value(s) before any table of the form; not summed"),
            )
            .found(
                labels.trim(),
                "a table heading such as 二、主动公开政府信息情况 first",
            );
        self.skip(d, numbers);
    }

    /// Values in a row whose label is not one of the form's (or that has none).
    fn row_not_in_form(&mut self, row: Row<'g>, sc: &Scratch, label_end: usize, filled: usize) {
        let label = sc.labels.last().map(|&i| row.text(i).replace('\n', " "));
        let prose = self.conv.prose
            && (self.appeals.done() || label.as_ref().is_some_and(|l| l.chars().count() > 80));
        if prose {
            // A paragraph of a page, or its text after the tables.
            self.values_read += filled;
            self.values_rejected += filled;
            return;
        }
        let (value_place, shown) = self.values_shown(row, label_end);
        let section = self.section.map_or("", Section::code);
        let d = match label {
            Some(text) => {
                let place = row.place(sc.labels.last().and_then(|&i| row.cell(i)).as_ref());
                self.warning(
                    &place,
                    format!(
                        "row not in form {} (table {section}): {text:?}; its {filled} value(s) \
                         are not read",
                        self.form
                    ),
                )
            }
            None => self.warning(
                &value_place,
                format!("{filled} value(s) without a row label; not summed"),
            ),
        };
        let d = d.found(shown, format!("a row of form {}", self.form));
        self.skip(d, filled);
    }

    /// Where a row's values start, and their texts (for a message).
    fn values_shown(&self, row: Row<'g>, label_end: usize) -> (Place, String) {
        let cells: Vec<Cell> = (label_end..row.len())
            .filter_map(|i| row.cell(i))
            .filter(|c| c.first)
            .collect();
        // Up to the last cell with text: spreadsheets pad rows with empty cells.
        let end = cells
            .iter()
            .rposition(|c| !trim(c.text).is_empty())
            .map_or(0, |i| i + 1);
        let shown: Vec<&str> = cells[..end].iter().map(|c| trim(c.text)).collect();
        (row.place(cells.first()), shown.join(" "))
    }

    /// The line a cell was read from, for the report: its own, else its row's (a line of the
    /// file, or the row's place in a document without lines).
    fn source_line(&self, row: &Row, cell_line: u32, ordinal: u32) -> u32 {
        if cell_line != 0 {
            return cell_line;
        }
        match row.grid().origin {
            Origin::Delimited | Origin::Text => row.number(),
            _ => ordinal,
        }
    }

    /// A diagnostic at `place`: a line and column where the place is one, else the place opens
    /// the message (`table 2 row 14: …`).
    fn diagnostic(&self, error: bool, place: &Place, message: String) -> Finding {
        let message = match place {
            Place::Line { .. } | Place::File => message,
            other => format!("{}: {message}", other.to_string().trim_start()),
        };
        let d = if error {
            Finding::error(&self.file, message)
        } else {
            Finding::warning(&self.file, message)
        };
        let d = match place.line() {
            Some((line, column)) => d.at(line, column),
            None => d,
        };
        d.unit(&self.report.unit, Some(self.report.year))
    }

    fn warning(&self, place: &Place, message: impl Into<String>) -> Finding {
        self.diagnostic(false, place, message.into())
    }

    fn error(&self, place: &Place, message: impl Into<String>) -> Finding {
        self.diagnostic(true, place, message.into())
    }

    fn push(&mut self, d: Finding) {
        self.diags.push(d);
    }

    /// `n` values seen and left out, with why.
    fn skip(&mut self, d: Finding, n: usize) {
        self.diags.push(d);
        self.values_read += n;
        self.values_rejected += n;
    }

    /// A value cell (counted read already) that cannot be used.
    fn reject(&mut self, d: Finding) {
        self.diags.push(d);
        self.values_rejected += 1;
    }
}
