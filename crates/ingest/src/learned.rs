//! Grid files laid out as one read before: read in one pass, without locating cells by label.
//!
//! A national batch is one template spreadsheet filled in many thousand times: the same lines,
//! labels and columns; only the unit, the year and the values differ. The full read (the
//! locator) spends most of its time finding cells by their labels, yet what it decides depends
//! only on the file's *shape*: its lines, the exact text of every label, which fields hold
//! values. To that reader every plain number is alike (a value, never a label, of one label
//! key), and a blank value differs from a number only where a line of blanks would look like a
//! header line or an empty line; the reader says which lines those are. So a clean full read
//! leaves a layout (the shape, and the field each cell was taken from), and a later file of the
//! same shape is read by taking its values from those fields, with the same result (tests compare
//! every such read with the full one). The layouts of the last files are first walked over a
//! text as compiled steps ([`steps`]), which decide the same without splitting it into a shape.
//!
//! What the shape does not pin down is checked, else the file goes the full way: quotes, a BOM
//! or a lone `\r` (split differently), a unit or year that is a label of the form (it would
//! count in the reader's guess of the form), a year that disagrees with the folder's or calls
//! for the other form, a unit or year in the cell of its key.

mod side;
mod steps;
mod tally;

use side::Side;
use tally::note;
pub use tally::{layout_tally, reset_layout_tally};

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use gongkai_form::label::{self, RowMatch};
use gongkai_form::{FormVersion, Section};

use crate::locate::meta::{may_name_meta, meta_entry_of};
use crate::reading::{unit_from_path, year_from_path, Reading};
use gongkai_document::Grid;
use gongkai_form::{parse_value, parse_year};
use gongkai_report::write::tidy::HEADER;
use gongkai_report::{Layout, UnitReport};

/// Classes of fields. Blank and number are one class in a shape: where a layout allows a
/// value, either will do.
const EMPTY: u8 = b'E';
const NUMBER: u8 = b'N';
const VALUE: u8 = b'v';
const TEXT: u8 = b'T';
/// The unit's and the year's value fields (`填报单位,城关区`).
const UNIT: u8 = b'U';
const YEAR: u8 = b'Y';

/// Learned layouts kept per thread: a batch of template files has a few layouts, one of
/// hand-shaped files some hundreds (how far lines are padded, brackets, numbering, which lines
/// are blank); one-off layouts replace the oldest.
const CAPACITY: usize = 1024;

/// How the layouts fare: a read they did not serve counts one up (to at most
/// [`MAX_MISSES`]), one they served [`HIT_CREDIT`] down. Past [`REST_AFTER`] (a batch of
/// one-off layouts: fewer than one hit in five reads, while a miss costs about a third of what
/// a hit saves), they are tried on one file in [`TRY_EVERY`] only.
const REST_AFTER: u32 = 32;
const MAX_MISSES: u32 = 4 * REST_AFTER;
const HIT_CREDIT: u32 = 4;
const TRY_EVERY: u32 = 16;

/// The field of a cell past the end of its line (the full reader reads it as blank).
const PAST_END: u32 = u32::MAX;

/// A cell of a layout: (its field, in the file's order, or [`PAST_END`]; its line; the cell).
type CellAt = (u32, u32, usize);

/// A layout read before, and where the full reader took each cell from.
#[derive(Debug)]
struct LearnedLayout {
    hash: u64,
    /// As [`Scratch::shape`] encodes it.
    shape: Vec<u8>,
    form: FormVersion,
    cells: Vec<CellAt>,
    /// Per field: it holds a cell's value, blank or a number. Any other field of class `VALUE`
    /// in the shape must be blank.
    values: Vec<bool>,
    /// Records that must hold a number (see [`crate::locate::CellSources`]).
    numbered: Vec<u32>,
    /// The same, as steps over a text: tried first, for the layouts of the last files.
    program: Option<steps::Program>,
    /// Its last line is table 四's line of values, after which lone words are passed over
    /// (a file's [`Side::tail`]).
    ends_in_appeals: bool,
    /// The lines of its core and their fields: a text of another frame is not walked.
    frame: (usize, usize),
}

/// One text split into lines and fields, with its shape; reused from file to file.
#[derive(Debug, Default)]
struct Scratch {
    /// Byte range of every field, in order.
    fields: Vec<(u32, u32)>,
    /// (line number, first field, end of its fields) per record, as `table::Record`s; while
    /// its line is read, the last holds where the line's shape starts instead of the end.
    records: Vec<(u32, u32, u32)>,
    /// Class of every field.
    classes: Vec<u8>,
    /// Per record `\n`, its line number (4 bytes), what the unit-line reader (`meta::meta_entry_of`) makes of it and
    /// whether it is blank; per field `,`, its shape class and, for text, the text (which holds
    /// no `,` or `\n`, so the encoding is unambiguous).
    shape: Vec<u8>,
    hash: u64,
    /// Where the text names its unit and year; `None` unless the last scan went through.
    meta: Option<Meta>,
}

/// Where a file names its unit and year: (field, value as the full reader takes it).
#[derive(Debug, Default)]
struct Meta {
    unit: Option<(u32, String)>,
    year: Option<(u32, String)>,
}

#[derive(Debug, Default)]
struct Cache {
    layouts: Vec<LearnedLayout>,
    /// The layout to replace next once full.
    next: usize,
    scratch: Scratch,
    /// The file's side lines and core (the text a layout is of).
    side: Side,
    /// The layouts that read the last files, the latest first: a batch's next file is most
    /// likely laid out as one of them (a few layouts alternate: a table blank or not, say).
    recent: Vec<usize>,
    walk: steps::Walk,
    /// See [`REST_AFTER`].
    misses: u32,
    reads: u32,
    /// Whether layouts are used and learned for the file being read (see [`REST_AFTER`]).
    trying: bool,
    /// Cross-checks and tests read some files the full way only.
    #[cfg(any(test, feature = "cross-check"))]
    off: bool,
    #[cfg(test)]
    hits: usize,
    /// Of them, reads by [`steps::Program`].
    #[cfg(test)]
    walks: usize,
}

impl Cache {
    /// The report of `text` from a layout, if one has its layout.
    fn read(&mut self, text: &str, path: &Path, r: &mut Reading) -> bool {
        // The scratch holds another file's split until this one is scanned: `learn` must not
        // take it for this file's (two files of one layout split alike, byte for byte).
        self.scratch.meta = None;
        if self.layouts.is_empty() {
            note("miss: no layout yet");
            return false;
        }
        if !plain(text) {
            note("miss: not plain text (quotes, a lone CR)");
            return false;
        }
        let mut side = std::mem::take(&mut self.side);
        let found = if side.split(text) {
            self.direct(&side, path, &r.file)
                .inspect(|_| note("hit: by a recent layout's walk"))
                .or_else(|| self.by_shape(&side, path, &r.file))
        } else {
            note("miss: a unit or year line a layout cannot stand for");
            None
        };
        self.side = side;
        let Some((t, report)) = found else {
            return false;
        };
        note("hit");
        r.values_read += self.layouts[t].cells.len();
        r.reports.push(report);
        #[cfg(test)]
        {
            self.hits += 1;
        }
        true
    }

    /// The layouts of the last files, walked over `text`.
    fn direct(
        &mut self,
        side: &Side,
        path: &Path,
        file: &Arc<PathBuf>,
    ) -> Option<(usize, UnitReport)> {
        let text = side.core.as_str();
        for k in 0..self.recent.len() {
            let i = self.recent[k];
            let Some(t) = self.layouts.get(i) else {
                continue;
            };
            let Some(program) = &t.program else {
                continue;
            };
            // A walk goes through each line and field of the core: one of another count of
            // either fails, if only at its last line. (Of 7.6 walks a file of a varied batch, 6.6
            // failed; this test took 20,000 such files from 0.72 s to 0.65 s on one core.)
            if t.frame != (side.lines.len(), side.width) {
                continue;
            }
            let report = program.read(t, text, side, path, file, &mut self.walk);
            // The walk is the shape's comparison and `LearnedLayout::read` in one: cross-checks
            // hold it to them.
            #[cfg(any(test, feature = "cross-check"))]
            {
                let s = &mut self.scratch;
                let by_shape = (s.scan(text) && t.hash == s.hash && t.shape == s.shape)
                    .then(|| t.read(text, s, side, path, file))
                    .flatten();
                assert_eq!(
                    report,
                    by_shape,
                    "walk and shape differ on {}",
                    path.display()
                );
                #[cfg(test)]
                {
                    self.walks += usize::from(report.is_some());
                }
            }
            if let Some(report) = report {
                to_front(&mut self.recent, i);
                return Some((i, report));
            }
        }
        None
    }

    /// The layout of `text`'s shape, if any.
    fn by_shape(
        &mut self,
        side: &Side,
        path: &Path,
        file: &Arc<PathBuf>,
    ) -> Option<(usize, UnitReport)> {
        let text = side.core.as_str();
        if !self.scratch.scan(text) {
            note("miss: a unit or year line a layout cannot stand for");
            return None;
        }
        let s = &self.scratch;
        let Some((i, t)) = self
            .layouts
            .iter()
            .enumerate()
            .find(|(_, t)| t.hash == s.hash && t.shape == s.shape)
        else {
            note("miss: a shape no layout has");
            return None;
        };
        let Some(report) = t.read(text, s, side, path, file) else {
            note("miss: the layout's shape, but values, unit or year it does not take");
            return None;
        };
        to_front(&mut self.recent, i);
        Some((i, report))
    }

    #[cfg(any(test, feature = "cross-check"))]
    fn off(&self) -> bool {
        self.off
    }

    #[cfg(not(any(test, feature = "cross-check")))]
    fn off(&self) -> bool {
        false
    }
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// Reads `text` as a grid whose layout a full read has learned, if it is one; false leaves `r`
/// untouched for the full reader.
pub(crate) fn read_known(text: &str, path: &Path, r: &mut Reading) -> bool {
    CACHE.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return false;
        };
        cache.reads = cache.reads.wrapping_add(1);
        cache.trying =
            !cache.off() && (cache.misses <= REST_AFTER || cache.reads.is_multiple_of(TRY_EVERY));
        if !cache.trying {
            if !cache.off() {
                note("miss: resting");
            }
            return false;
        }
        let hit = cache.read(text, path, r);
        cache.misses = if hit {
            cache.misses.saturating_sub(HIT_CREDIT)
        } else {
            (cache.misses + 1).min(MAX_MISSES)
        };
        hit
    })
}

/// Whether a clean full read of the file [`read_known`] declined would be learned from: the
/// full reader need not say where it took its cells from otherwise.
pub(crate) fn learning() -> bool {
    CACHE.with(|cache| cache.try_borrow().is_ok_and(|c| c.trying && !c.off()))
}

/// Keeps the layout of a grid the full reader has just read (`grid` of `text`, into `r`) as
/// a layout: only after a clean read (one report, no diagnostics) of a plain text, and only if
/// the layout gives back that same report from that same text.
pub(crate) fn learn(text: &str, grid: &Grid, path: &Path, r: &mut Reading) {
    let Some(sources) = r.cell_sources.take() else {
        return;
    };
    let [report] = r.reports.as_slice() else {
        note("learn: not one report");
        return;
    };
    if !r.diagnostics.is_empty() || r.values_rejected != 0 || r.values_read != sources.cells.len() {
        note("learn: not a clean read");
        return;
    }
    CACHE.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return;
        };
        if !cache.trying {
            return;
        }
        let Cache {
            layouts,
            next,
            scratch,
            side,
            recent,
            walk,
            ..
        } = &mut *cache;
        if !(plain(text) && side.split(text)) {
            note("learn: side lines no layout stands for");
            return;
        }
        let core = side.core.as_str();
        // The scan of the miss before the full read, if it is of this text (its fields are the
        // full reader's); else a scan now.
        let scanned = scratch.meta.is_some() && scratch.same_as(core, grid, &side.lines);
        if !(scanned || scratch.scan(core) && scratch.same_as(core, grid, &side.lines)) {
            note("learn: not split as the full reader splits it");
            return;
        }
        // A file whose first line is one of the core is read as tidy if that line is a tidy
        // header: no line of a layout is one.
        if scratch.has_tidy_header(core) {
            note("learn: a tidy header");
            return;
        }
        // The lines of the core the full reader's lines are.
        let core_line = |line: &u32| side.lines.binary_search(line).ok().map(|k| k as u32 + 1);
        let Some(cell_sources) = sources
            .cells
            .iter()
            .map(|&(line, field, cell)| Some((core_line(&line)?, field, cell)))
            .collect::<Option<Vec<_>>>()
        else {
            note("learn: a cell on a side line");
            return;
        };
        if layouts
            .iter()
            .any(|t| t.hash == scratch.hash && t.shape == scratch.shape)
        {
            note("learn: the shape is known");
            return;
        }
        let Some((cells, values)) = scratch.cells(&cell_sources) else {
            note("learn: a number where no value goes");
            return;
        };
        if !scratch.pads_safely(core, &values) {
            note("learn: a labelled row of table 四");
            return;
        }
        let Some(numbered) = sources
            .header_if_blank
            .iter()
            .map(|line| scratch.record_of(core_line(line)?))
            .collect()
        else {
            note("learn: a line that must hold a number is not one");
            return;
        };
        // Table 四's line of values is the last line of the core but for lines of blanks (a
        // workbook saved as CSV keeps its empty rows as `,,,,`): the full reader passes over lone
        // words after it either way.
        let last = cells.iter().map(|&(_, line, _)| line).max().unwrap_or(0);
        let blank_after = (last as usize..scratch.records.len()).all(|k| {
            let (_, a, _) = scratch.records[k];
            let b = scratch
                .records
                .get(k + 1)
                .map_or(scratch.fields.len() as u32, |r| r.1);
            scratch
                .classes
                .get(a as usize..b as usize)
                .is_some_and(|classes| is_blank(classes, |i| scratch.field(core, a + i as u32)))
        });
        let ends_in_appeals = blank_after
            && cells.iter().any(|&(_, line, cell)| {
                line == last
                    && report.form.catalogue().cells.get(cell).map(|c| c.section)
                        == Some(Section::Appeals)
            });
        let mut t = LearnedLayout {
            hash: scratch.hash,
            shape: scratch.shape.clone(),
            form: report.form,
            cells,
            values,
            numbered,
            program: None,
            ends_in_appeals,
            frame: (side.lines.len(), side.width),
        };
        if t.read(core, scratch, side, path, &r.file).as_ref() != Some(report) {
            note("learn: the layout reads otherwise");
            return;
        }
        note("learned");
        t.program = steps::Program::compile(&t, core, scratch)
            .filter(|p| p.read(&t, core, side, path, &r.file, walk).as_ref() == Some(report));
        if layouts.len() < CAPACITY {
            to_front(recent, layouts.len());
            layouts.push(t);
        } else {
            to_front(recent, *next);
            layouts[*next] = t;
            *next = (*next + 1) % CAPACITY;
        }
    });
}

impl LearnedLayout {
    /// The report of a text of this layout's shape, as the full reader makes it; `None` when
    /// its values, unit, year or path call for anything the layout did not see.
    fn read<'t>(
        &self,
        text: &'t str,
        s: &'t Scratch,
        side: &'t Side,
        path: &Path,
        file: &Arc<PathBuf>,
    ) -> Option<UnitReport> {
        let meta = s.meta.as_ref()?;
        // Numbers only where values go, and where a line of blanks would read otherwise.
        let numbers_fit = s.classes.len() == self.values.len()
            && s.classes
                .iter()
                .zip(&self.values)
                .all(|(class, value)| *class != NUMBER || *value);
        let numbered = |k: &u32| {
            let (_, a, b) = *s.records.get(*k as usize)?;
            s.classes
                .get(a as usize..b as usize)?
                .contains(&NUMBER)
                .then_some(())
        };
        if !numbers_fit {
            note("refused: a number where the layout has none");
            return None;
        }
        if self.numbered.iter().any(|k| numbered(k).is_none()) {
            note("refused: a numbered line without a number");
            return None;
        }
        // The side lines name the unit and year: the core has none.
        if meta.unit.is_some() || meta.year.is_some() {
            note("refused: a unit or year in the core");
            return None;
        }
        self.report(side, path, file, |k| s.field(text, self.cells[k].0))
    }

    /// The report of a text that fits this layout, given where it names its unit and year
    /// (the field's text, and the value the full reader takes from it) and the text of the
    /// field of each of [`Self::cells`].
    fn report<'t>(
        &self,
        side: &Side,
        path: &Path,
        file: &Arc<PathBuf>,
        cell_text: impl Fn(usize) -> &'t str,
    ) -> Option<UnitReport> {
        if side.tail && !self.ends_in_appeals {
            note("refused: a tail after a table other than 四");
            return None;
        }
        let unit = side.unit.as_ref().map(|(f, v)| (f.as_str(), v.as_str()));
        let year = side.year.as_ref().map(|(f, v)| (f.as_str(), v.as_str()));
        if [unit, year]
            .into_iter()
            .flatten()
            .any(|(field, _)| names_a_label(field))
        {
            note("refused: a unit or year line naming a label");
            return None;
        }
        let unit = unit.map_or_else(|| unit_from_path(path), |(_, u)| u.to_string());
        let path_year = year_from_path(path);
        let year = match year {
            // A year other than the folder's is a warning of the full reader.
            Some((_, y)) => parse_year(y).filter(|y| path_year.is_none_or(|py| py == *y))?,
            None => path_year?,
        };
        if FormVersion::for_year(year) != self.form {
            return None;
        }
        let cat = self.form.catalogue();
        let mut report = UnitReport::empty(unit, year, self.form, file.clone(), Layout::Grid);
        for (k, &(_, line, cell)) in self.cells.iter().enumerate() {
            let kind = cat.cells.get(cell)?.kind();
            // A count with a fraction, say: the full reader's error to give.
            let Ok(value) = parse_value(cell_text(k), kind) else {
                note("refused: a value the full reader does not take");
                return None;
            };
            report.set(
                cell,
                value,
                *side.lines.get((line as usize).checked_sub(1)?)?,
            );
        }
        Some(report)
    }
}

impl Scratch {
    /// Field `i`'s text ("" past the end).
    fn field<'t>(&self, text: &'t str, i: u32) -> &'t str {
        self.fields
            .get(i as usize)
            .and_then(|&(a, b)| text.get(a as usize..b as usize))
            .unwrap_or("")
    }

    /// The record on `line`.
    fn record_of(&self, line: u32) -> Option<u32> {
        let k = self.records.binary_search_by_key(&line, |rec| rec.0).ok()?;
        u32::try_from(k).ok()
    }

    /// Splits a [`plain`] text as `table::read_records` splits it (one record per non-empty
    /// line), classifies its fields, encodes its shape and finds where it names its unit and
    /// year. False for any other text, and for what a layout does not cover: a unit or year
    /// in the cell of its key, a second unit or year line.
    fn scan(&mut self, text: &str) -> bool {
        self.meta = self.split_and_shape(text);
        self.hash = hash(&self.shape);
        self.meta.is_some()
    }

    fn split_and_shape(&mut self, text: &str) -> Option<Meta> {
        self.fields.clear();
        self.records.clear();
        self.classes.clear();
        self.shape.clear();
        if !plain(text) {
            return None;
        }
        let bytes = text.as_bytes();
        let mut meta = Meta::default();
        let (mut line, mut line_start, mut field_start) = (1u32, 0, 0);
        self.open_line(line);
        let mut pos = 0;
        // Most fields are empty or short: looked at byte by byte; a label's run is searched.
        while let Some(at) = match bytes.get(pos..pos + 16) {
            Some(next) => match next.iter().position(|b| matches!(b, b',' | b'\n')) {
                Some(k) => Some(pos + k),
                None => memchr::memchr2(b',', b'\n', &bytes[pos + 16..]).map(|k| pos + 16 + k),
            },
            None => {
                memchr::memchr2(b',', b'\n', bytes.get(pos..).unwrap_or_default()).map(|k| pos + k)
            }
        } {
            pos = at + 1;
            match bytes[at] {
                b',' => {
                    self.push_field(bytes, field_start, at);
                    // A run of empty fields (`,,,,`), most of a grid's line, without a search
                    // each: the field ending at each further comma is empty.
                    let mut next = at + 1;
                    while bytes.get(next) == Some(&b',') {
                        self.push_empty(next);
                        next += 1;
                    }
                    pos = next;
                    field_start = next;
                }
                _ => {
                    let mut end = at;
                    if end > field_start && bytes[end - 1] == b'\r' {
                        end -= 1;
                    }
                    if at == line_start || (end == line_start && at == line_start + 1) {
                        // An empty line: no record.
                        self.drop_line();
                    } else {
                        self.push_field(bytes, field_start, end);
                        self.close_line(text, line, &mut meta)?;
                    }
                    line += 1;
                    line_start = at + 1;
                    field_start = at + 1;
                    self.open_line(line);
                }
            }
        }
        if line_start < bytes.len() {
            self.push_field(bytes, field_start, bytes.len());
            self.close_line(text, line, &mut meta)?;
        } else {
            self.drop_line();
        }
        Some(meta)
    }

    /// Starts the shape of a line: `\n`, its number, and places for what `meta::meta_entry_of`
    /// makes of it and whether it is blank.
    fn open_line(&mut self, line: u32) {
        self.records
            .push((line, self.fields.len() as u32, self.shape.len() as u32));
        self.shape.push(b'\n');
        self.shape.extend_from_slice(&line.to_le_bytes());
        self.shape.extend_from_slice(b".e");
    }

    /// Forgets an empty line (while open, a record holds where its shape starts).
    fn drop_line(&mut self) {
        if let Some((_, first, at)) = self.records.pop() {
            self.fields.truncate(first as usize);
            self.classes.truncate(first as usize);
            self.shape.truncate(at as usize);
        }
    }

    #[inline(always)]
    fn push_field(&mut self, bytes: &[u8], start: usize, end: usize) {
        self.fields.push((start as u32, end as u32));
        let f = bytes.get(start..end).unwrap_or_default();
        let class = classify(f);
        self.classes.push(class);
        emit(&mut self.shape, class, f);
    }

    /// An empty field at `at`: what [`Self::push_field`] makes of one.
    #[inline(always)]
    fn push_empty(&mut self, at: usize) {
        self.fields.push((at as u32, at as u32));
        self.classes.push(EMPTY);
        emit(&mut self.shape, EMPTY, b"");
    }

    /// Ends the open line's record: its blankness, and the unit or year it names. Meta lines
    /// are few: their shape is written again with the unit or year field as such.
    fn close_line(&mut self, text: &str, line: u32, meta: &mut Meta) -> Option<()> {
        let record = self.records.last_mut()?;
        let (first, at) = (record.1, record.2 as usize);
        *record = (line, first, self.fields.len() as u32);
        let line_fields = &self.fields[first as usize..];
        let get = |i: usize| {
            line_fields
                .get(i)
                .and_then(|&(a, b)| text.get(a as usize..b as usize))
                .unwrap_or("")
        };
        let classes = &self.classes[first as usize..];
        let header = at + 5;
        if !is_blank(classes, get) {
            self.shape[header + 1] = b'-';
        }
        let (is_unit, j, value) = match line_meta(classes, get)? {
            LineMeta::Neither => return Some(()),
            LineMeta::Key { is_unit } => {
                self.shape[header] = if is_unit { b'u' } else { b'y' };
                return Some(());
            }
            LineMeta::Named {
                is_unit,
                field,
                value,
            } => (is_unit, field, value),
        };
        let (slot, class) = if is_unit {
            (&mut meta.unit, UNIT)
        } else {
            (&mut meta.year, YEAR)
        };
        if slot.is_some() {
            return None;
        }
        *slot = Some((first + j as u32, value));
        self.shape[header] = class;
        *self.classes.get_mut(first as usize + j)? = class;
        self.shape.truncate(header + 2);
        for (i, &class) in self.classes[first as usize..].iter().enumerate() {
            emit(&mut self.shape, class, get(i).as_bytes());
        }
        Some(())
    }

    /// True when the split is the full reader's grid, field for field.
    /// True when the split of a core (`lines`: the file's line of each of its lines) is the
    /// full reader's grid, field for field, but for the side lines and the padding.
    fn same_as(&self, text: &str, grid: &Grid, lines: &[u32]) -> bool {
        let mut rows = grid
            .rows()
            .filter(|row| lines.binary_search(&row.number()).is_ok());
        self.records.len() == lines.len()
            && self.records.iter().all(|&(line, a, b)| {
                rows.next().is_some_and(|row| {
                    lines.get(line as usize - 1) == Some(&row.number())
                        && (b - a) as usize >= row.len()
                        && (a..b).enumerate().all(|(k, i)| match row.cells().nth(k) {
                            Some(c) => self.field(text, i) == c.text,
                            None => self.field(text, i).is_empty(),
                        })
                })
            })
            && rows.next().is_none()
    }

    /// Whether each line with a value field (`values`) reads the same padded (see
    /// [`side::pads_safely`]).
    fn pads_safely(&self, text: &str, values: &[bool]) -> bool {
        self.records.iter().all(|&(_, a, b)| {
            let fields = a as usize..b as usize;
            !values[fields.clone()].contains(&true)
                || fields.into_iter().all(|i| {
                    self.classes[i] != TEXT || side::pads_safely(self.field(text, i as u32))
                })
        })
    }

    /// Whether a line names four of the tidy header's columns (`tidy::header_positions`).
    fn has_tidy_header(&self, text: &str) -> bool {
        self.records.iter().any(|&(_, a, b)| {
            (a..b)
                .filter(|&i| {
                    let f = self.field(text, i).trim().trim_start_matches('\u{feff}');
                    HEADER.iter().any(|h| f.eq_ignore_ascii_case(h))
                })
                .count()
                >= 4
        })
    }

    /// The cells the full reader set, `(line, field in its line, cell)`, as fields of the split
    /// text, and which fields hold values; `None` unless every number of the text is a value
    /// (a number elsewhere, in a label say, could matter to the full reader in ways its class
    /// does not say).
    fn cells(&self, sources: &[(u32, u32, usize)]) -> Option<(Vec<CellAt>, Vec<bool>)> {
        let mut values = vec![false; self.fields.len()];
        let mut cells = Vec::with_capacity(sources.len());
        for &(line, field, cell) in sources {
            let (_, first, end) = self.records[self.record_of(line)? as usize];
            let at = if field < end - first {
                first + field
            } else {
                PAST_END
            };
            if at != PAST_END {
                match self.classes[at as usize] {
                    EMPTY | NUMBER => values[at as usize] = true,
                    // Text the full reader read as a value (`—`): the same text every time.
                    TEXT => {}
                    _ => return None,
                }
            }
            cells.push((at, line, cell));
        }
        self.classes
            .iter()
            .zip(&values)
            .all(|(class, value)| *class != NUMBER || *value)
            .then_some((cells, values))
    }
}

/// What the full reader makes of a line for the unit and year (see `unit_file::scan_meta`).
#[derive(Debug, PartialEq, Eq)]
enum LineMeta {
    Neither,
    /// A unit or year key with no value beside it.
    Key {
        is_unit: bool,
    },
    /// A unit or year key and its value, the whole (trimmed) text of the line's field `field`.
    Named {
        is_unit: bool,
        field: usize,
        value: String,
    },
}

/// [`LineMeta`] of a line given as its fields' classes (before a unit or year field is marked
/// as such) and texts; `None` where a layout cannot stand for the line: a value that is not
/// its field's whole text (`填报单位：城关区`).
fn line_meta<'t>(classes: &[u8], get: impl Fn(usize) -> &'t str) -> Option<LineMeta> {
    // Most lines cannot name the unit or year: their first cell says so at once.
    let opener = classes.iter().position(|c| *c != EMPTY);
    if !opener
        .is_some_and(|i| classes[i] == TEXT && get(i).chars().next().is_some_and(may_name_meta))
    {
        return Some(LineMeta::Neither);
    }
    // The field the full reader takes the unit or year from.
    let Some((is_unit, value, col)) = meta_entry_of(classes.len(), &get) else {
        return Some(LineMeta::Neither);
    };
    if value.is_empty() {
        return Some(LineMeta::Key { is_unit });
    }
    let field = (col as usize).checked_sub(1)?;
    (get(field).trim() == value).then_some(LineMeta::Named {
        is_unit,
        field,
        value,
    })
}

/// A line of blanks, which the full reader skips where a line of numbers is read.
fn is_blank<'t>(classes: &[u8], get: impl Fn(usize) -> &'t str) -> bool {
    classes.iter().enumerate().all(|(i, class)| match *class {
        EMPTY => true,
        TEXT => get(i).chars().all(char::is_whitespace),
        _ => false,
    })
}

/// How many layouts of the last files are walked before a file's shape is looked up. A walk
/// that fails does so within its first lines, about a tenth of a shape scan: with 4, a varied
/// batch (twenty-odd layouts) found 36–57% of its files by a walk, with 16 80–93%, and 20,000
/// varied files took 0.84 s on one core instead of 0.76 s (32: no faster).
const RECENT: usize = 16;

/// Puts layout `i` first among the recent ones.
fn to_front(recent: &mut Vec<usize>, i: usize) {
    recent.retain(|j| *j != i);
    recent.insert(0, i);
    recent.truncate(RECENT);
}

/// Text the full reader splits as [`Scratch::scan`] does: comma-separated (the caller knows),
/// no quotes, no BOM, every `\r` part of a `\r\n`, not blank, offsets within `u32`.
fn plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() < u32::MAX as usize
        && !text.trim().is_empty()
        && !text.starts_with('\u{feff}')
        && memchr::memchr(b'"', bytes).is_none()
        && memchr::memchr_iter(b'\r', bytes).all(|i| bytes.get(i + 1) == Some(&b'\n'))
}

/// Writes a field's shape: `,`, its shape class and, for text, the text.
#[inline]
fn emit(shape: &mut Vec<u8>, class: u8, field: &[u8]) {
    shape.push(b',');
    match class {
        TEXT => {
            shape.push(TEXT);
            shape.extend_from_slice(field);
        }
        EMPTY | NUMBER => shape.push(VALUE),
        other => shape.push(other),
    }
}

/// `EMPTY`, `NUMBER` or `TEXT`. A number is what the locator takes for a value (`locate::kind`): up to 12 digits,
/// maybe after a `-` (a change, 本年增/减) or before up to 6 decimals (money), so that it fits
/// in an `i64` in money cells too. To the full reader each of them is a value, never a label,
/// with a label key of "" or `-`. Anything else is text, compared exactly.
#[inline]
fn classify(field: &[u8]) -> u8 {
    let digits =
        |s: &[u8], max: usize| (1..=max).contains(&s.len()) && s.iter().all(u8::is_ascii_digit);
    match field.first() {
        None => EMPTY,
        Some(b'0'..=b'9' | b'-') => {
            if digits(field, 12) {
                return NUMBER;
            }
            let unsigned = field.strip_prefix(b"-").unwrap_or(field);
            let (int, frac) = match unsigned.iter().position(|b| *b == b'.') {
                Some(dot) => (&unsigned[..dot], Some(&unsigned[dot + 1..])),
                None => (unsigned, None),
            };
            if digits(int, 12) && frac.is_none_or(|f| digits(f, 6)) && number_keys_are_plain() {
                NUMBER
            } else {
                other_value(field)
            }
        }
        Some(b'+') => other_value(field),
        Some(_) => TEXT,
    }
}

/// `NUMBER` for a value the locator takes as plain numbers are taken, in other dress: `+3`,
/// `23441.81万元`, `2.344181亿`, `234418100元` (`locate::kind`'s `Value`); else `TEXT`. To the
/// full reader such a cell is a value like any other, read by `parse_value` (as a layout reads
/// it); its words count only in the reader's guess of the form, and then must name nothing
/// (`+`, `万元`: no label, heading or column of either form).
#[cold]
fn other_value(field: &[u8]) -> u8 {
    use gongkai_locate::{kind, Kind, Values};
    let Ok(text) = std::str::from_utf8(field) else {
        return TEXT;
    };
    if kind(text, Values::Numbers) != Kind::Value {
        return TEXT;
    }
    let words = label::key(text);
    if words.is_empty() || words == "-" && number_keys_are_plain() || !words_name_something(&words)
    {
        NUMBER
    } else {
        TEXT
    }
}

/// Whether a value's words (its label key: `+`, `万元`, `亿元`) name something to the full
/// reader; remembered per thread, as a batch has a few such words.
fn words_name_something(words: &str) -> bool {
    thread_local! {
        static SEEN: RefCell<Vec<(Box<str>, bool)>> = const { RefCell::new(Vec::new()) };
    }
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if let Some((_, names)) = seen.iter().find(|(w, _)| &**w == words) {
            return *names;
        }
        let names = names_a_label(words);
        if seen.len() < 64 {
            seen.push((words.into(), names));
        }
        names
    })
}

/// The label keys of `-12`, `1.5` and `-1.5` are `-`, "" and `-`, like those of plain numbers
/// (""), and `-` names no heading, label or column of either form: a number with a sign or
/// decimals then votes for no form, opens no table and is no header, like a plain one.
fn number_keys_are_plain() -> bool {
    static PLAIN: OnceLock<bool> = OnceLock::new();
    *PLAIN.get_or_init(|| {
        label::key("-12") == "-"
            && label::key("-1.5") == "-"
            && label::key("1.5").is_empty()
            && !names_a_label("-")
    })
}

/// True when the full reader could take `field` (a unit or year) for more than a name: a label
/// or heading of either form, or a tidy header name.
pub(crate) fn names_a_label(field: &str) -> bool {
    let bare = field.trim().trim_start_matches('\u{feff}');
    if HEADER.iter().any(|h| bare.eq_ignore_ascii_case(h)) {
        return true;
    }
    let key = label::key(field);
    if key.is_empty() {
        return false;
    }
    label::form_of_key(&key).is_some()
        || label::section_of_key(&key).is_some()
        || FormVersion::ALL.into_iter().any(|form| {
            let cat = form.catalogue();
            Section::ALL.into_iter().any(|s| {
                !cat.labels().match_column_key(cat, s, &key).is_empty()
                    || cat.labels().match_row_key(cat, s, &key, None) != RowMatch::Unknown
            })
        })
}

/// A fast 64-bit hash of a shape (equal shapes are then compared byte for byte).
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, w: u64| (h ^ w).wrapping_mul(K).rotate_left(27);
    let mut chunks = bytes.chunks_exact(8);
    let mut h = bytes.len() as u64;
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(w));
    }
    for &b in chunks.remainder() {
        h = mix(h, u64::from(b));
    }
    h
}

/// Runs `f` with layouts neither used nor learned on this thread.
#[cfg(any(test, feature = "cross-check"))]
pub(crate) fn without_learned<T>(f: impl FnOnce() -> T) -> T {
    let was = CACHE.with(|c| std::mem::replace(&mut c.borrow_mut().off, true));
    let out = f();
    CACHE.with(|c| c.borrow_mut().off = was);
    out
}

/// LearnedLayout reads on this thread so far.
#[cfg(test)]
pub(crate) fn hits() -> usize {
    CACHE.with(|c| c.borrow().hits)
}

/// Of them, reads by a layout's steps (layouts of the last files).
#[cfg(test)]
pub(crate) fn walks() -> usize {
    CACHE.with(|c| c.borrow().walks)
}

/// Forgets this thread's layouts.
#[cfg(test)]
pub(crate) fn forget() {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        c.layouts.clear();
        c.next = 0;
        c.recent.clear();
        c.misses = 0;
        c.reads = 0;
        c.trying = false;
    });
}

#[cfg(test)]
mod tests;
