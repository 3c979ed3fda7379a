//! The one locator: finds the form in grids of cells by its labels, whatever document they came
//! from (a unit's CSV grid or workbook sheet, the tables of a published page, a Word document or
//! a PDF, a text copy regrouped into rows). It knows nothing of formats: a reader yields grids.
//!
//! Section headings (`二、主动公开政府信息情况`, `第二十条第（一）项`) and header words (`信息内容`,
//! `申请人情况`, `行政复议`) set the table; header lines give its columns' positions; a row's
//! label names the row; the header's positions, else the order of the form's columns, name each
//! value's column. Nothing assumes where in the document a table is. What the form does not know
//! is reported, never summed. Where unit files and published pages really differ, a named
//! [`Conventions`] field says how; everything else is one path for both.
//!
//! Layers, lowest first: [`meta`] (the unit and year lines) · [`kind`] (what a cell's text is) · [`heading`] (section and item
//! headings) → [`state`] (where the walk is, what it found, how it reports) → [`label`] (row
//! labels) · [`header`] (header lines) → [`values`] (a row's values, each cell read) →
//! [`appeals`] (table 四's line of 15) → [`walk`] (the rows, in order) → [`found`] (which form
//! the labels are; what was not found) → this module (the documents and conventions it is
//! called with). The steps are `impl` blocks on the state, each in its module.

mod appeals;
mod found;
mod header;
mod heading;
mod inert;
mod kind;
mod label;
pub mod meta;
mod state;
mod values;
mod walk;

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use gongkai_document::{Grid, Place};
use gongkai_form::label::key;
use gongkai_form::{FormVersion, Section};
use gongkai_report::{Finding, UnitReport};

pub use inert::passes_over_before_tables;
pub use kind::{kind, Kind, Values};
use state::Locator;

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

/// Where the locator took each cell from, when asked: what a learned layout learns from (the
/// fast path of `gongkai-ingest`).
#[derive(Debug, Default)]
pub struct CellSources {
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
    /// Cells that could not be read, in the order found: text that is no value, a cell given
    /// twice (which is right cannot be told), a row whose values cannot be placed, cells in lines
    /// a quote swallowed. The rules they belong to cannot be checked (`form::check_known`). With
    /// each, where it is (the cell, its row, or the file).
    pub unreadable: Vec<(usize, Place)>,
    /// Tables whose heading, header or a row was seen.
    pub seen: Vec<Section>,
    pub sources: Option<CellSources>,
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
pub fn locate_recording(document: &Document, setting: Setting, sources: CellSources) -> Located {
    Locator::new(document, setting, Some(sources)).run()
}
