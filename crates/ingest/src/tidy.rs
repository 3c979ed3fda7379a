//! The tidy interchange CSV: `year,unit,section,row,column,value`, any units and years per file.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use gongkai_form::{format_value, parse_value, Catalogue, FormVersion, Section};

use crate::reading::Reading;
use gongkai_document::delimited::{read_records, trim, Record, Table};
use gongkai_form::parse_year;
use gongkai_messages::msg;
use gongkai_report::write::tidy::HEADER;
use gongkai_report::{Finding, Layout, Place, UnitReport};

/// Positions of the six columns in a header record, if the record is a tidy header.
/// Extra columns are allowed; at least four of the six names make it a tidy header.
pub fn header_positions(record: &Record) -> Option<[Option<usize>; 6]> {
    let mut pos = [None; 6];
    for (i, field) in record.fields.iter().enumerate() {
        let name = field
            .trim()
            .trim_start_matches('\u{feff}')
            .to_ascii_lowercase();
        if let Some(k) = HEADER.iter().position(|h| *h == name) {
            pos[k].get_or_insert(i);
        }
    }
    (pos.iter().filter(|p| p.is_some()).count() >= 4).then_some(pos)
}

pub(crate) fn read(records: &[Record], pos: [Option<usize>; 6], r: &mut Reading) {
    let missing: Vec<&str> = HEADER
        .iter()
        .zip(pos)
        .filter(|(_, p)| p.is_none())
        .map(|(h, _)| *h)
        .collect();
    if !missing.is_empty() {
        let d = r
            .error(msg!("read-tidy-header-lacks", columns = missing.join(", ")))
            .at(records[0].line, None)
            .found(
                records[0].fields.iter().collect::<Vec<_>>().join(","),
                HEADER.join(","),
            );
        r.push(d);
        let lines = records[1..].iter().filter(|rec| !rec.is_empty()).count();
        r.values_read += lines;
        r.values_rejected += lines;
        return;
    }
    let columns = Columns {
        pos: pos.map(|p| p.unwrap_or(0)),
        header_len: records[0].len(),
    };
    let last_line = records
        .iter()
        .rev()
        .find(|rec| !rec.is_empty())
        .map(|rec| rec.line);
    let mut lines = TidyLines::new(columns, LastLine::Known(last_line));
    lines.read(&records[1..], r);
    lines.finish(r);
}

/// Where the six columns are in a tidy file whose header has them all, and its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Columns {
    pos: [usize; 6],
    header_len: usize,
}

impl Columns {
    /// The columns of a header record that has all six, else `None`.
    pub(crate) fn of(header: &Record) -> Option<Columns> {
        let [y, u, s, r, c, v] = header_positions(header)?;
        Some(Columns {
            pos: [y?, u?, s?, r?, c?, v?],
            header_len: header.len(),
        })
    }

    /// Fields a line needs to reach every column.
    fn needed(&self) -> usize {
        self.pos.iter().max().map_or(0, |p| p + 1)
    }
}

/// Whether the last line with text is known while lines are read: a line cut short there is the
/// file's end cut off, anywhere else a line with too few fields.
#[derive(Debug, Clone, Copy)]
enum LastLine {
    Known(Option<u32>),
    /// Told at [`TidyLines::finish`]: the file is read a piece at a time.
    Later,
}

/// The state of reading a tidy file's value lines in order, the lines given all at once or a
/// piece at a time ([`TidyLines::read`] again on the next lines): the report of each unit and
/// year so far, the first line each lost, and the last line read.
#[derive(Debug)]
pub(crate) struct TidyLines {
    columns: Columns,
    last_line: LastLine,
    /// The report of each (unit, year) in the reading's reports.
    index: HashMap<(String, i32), usize>,
    /// The report of the line before, and the cell the next line holds if it follows the form:
    /// lines come grouped by report and in template order, which saves a look-up.
    last: Option<usize>,
    next_cell: Option<(FormVersion, usize)>,
    code: String,
    lost: Lost,
    /// The last line with text read so far.
    last_seen: Option<u32>,
    /// The finding on that line if it was cut short, and its fields (`LastLine::Later`): told
    /// as the file's end cut off if no line with text follows.
    cut_short: Option<(usize, usize)>,
}

impl TidyLines {
    fn new(columns: Columns, last_line: LastLine) -> TidyLines {
        TidyLines {
            columns,
            last_line,
            index: HashMap::new(),
            last: None,
            next_cell: None,
            code: String::new(),
            lost: Lost::new(),
            last_seen: None,
            cut_short: None,
        }
    }

    /// For a long file read a piece at a time ([`Piece`]), whose last line is not known yet.
    pub(crate) fn in_pieces(columns: Columns) -> TidyLines {
        TidyLines::new(columns, LastLine::Later)
    }

    /// Whether any line with text was read.
    pub(crate) fn any_read(&self) -> bool {
        self.last_seen.is_some()
    }

    /// Reads value lines (no header), after those read before.
    fn read(&mut self, records: &[Record], r: &mut Reading) {
        let [py, pu, ps, pr, pc, pv] = self.columns.pos;
        let header_len = self.columns.header_len;
        let needed = self.columns.needed();
        for rec in records {
            if rec.is_empty() {
                continue;
            }
            self.last_seen = Some(rec.line);
            self.cut_short = None;
            r.values_read += 1;
            let col = |p: usize| Some(p as u32 + 1);
            // The report the line belongs to, when it names one (only wanted on errors).
            let named = || {
                parse_year(rec.get(py))
                    .map(|y| (trim(rec.get(pu)), y))
                    .filter(|(u, _)| !u.is_empty())
            };
            // A line cut short: its value would read as a blank cell.
            if rec.len() < needed {
                let cut = match self.last_line {
                    LastLine::Known(last) => Some(rec.line) == last,
                    LastLine::Later => false,
                };
                let message = if cut {
                    msg!(
                        "read-tidy-cut-short",
                        fields = rec.len(),
                        header = header_len
                    )
                } else {
                    msg!(
                        "read-tidy-too-few-fields",
                        fields = rec.len(),
                        header = header_len
                    )
                };
                let d = r.error(message).at(rec.line, Some(rec.len() as u32)).found(
                    rec.fields.iter().collect::<Vec<_>>().join(","),
                    HEADER.join(","),
                );
                if matches!(self.last_line, LastLine::Later) {
                    self.cut_short = Some((r.diagnostics.len(), rec.len()));
                }
                reject_line(r, d, named(), &mut self.lost);
                continue;
            }
            // More fields than the header: a value such as 1,234 written without quotes.
            if let Some(extra) = (header_len..rec.len()).find(|i| !trim(rec.get(*i)).is_empty()) {
                let d = r
                    .error(msg!("read-tidy-too-many-fields", header = header_len))
                    .at(rec.line, Some(extra as u32 + 1))
                    .found(
                        rec.fields.iter().collect::<Vec<_>>().join(","),
                        msg!("read-tidy-too-many-fields-expected"),
                    );
                reject_line(r, d, named(), &mut self.lost);
                continue;
            }
            // A field over several lines: a quote that opens a field and closes lines later.
            let multi_line = rec.has_line_break();
            if let Some((i, f)) = multi_line
                .then(|| {
                    rec.fields
                        .iter()
                        .enumerate()
                        .find(|(_, f)| f.contains('\n'))
                })
                .flatten()
            {
                let breaks = f.matches('\n').count();
                let d = r
                    .error(msg!(
                        "read-tidy-quote-over-lines",
                        first = rec.line,
                        last = rec.line as usize + breaks
                    ))
                    .at(rec.line, col(i))
                    .found(f, msg!("read-tidy-quote-over-lines-expected"));
                reject_line(r, d, named(), &mut self.lost);
                continue;
            }
            let year_text = trim(rec.get(py));
            let Some(year) = parse_year(year_text) else {
                let d = r
                    .error(msg!("read-bad-year"))
                    .at(rec.line, col(py))
                    .found(year_text, msg!("read-bad-year-expected"));
                r.reject_value(d);
                continue;
            };
            let unit = trim(rec.get(pu));
            if unit.is_empty() {
                let d = r
                    .error(msg!("read-tidy-no-unit"))
                    .at(rec.line, col(pu))
                    .found("", msg!("read-tidy-no-unit-expected"));
                r.reject_value(d);
                continue;
            }
            let form = FormVersion::for_year(year);
            let cat = form.catalogue();
            let section_text = trim(rec.get(ps));
            if Section::parse(section_text).is_none() {
                let d = r
                    .error(msg!("read-tidy-unknown-section"))
                    .at(rec.line, col(ps))
                    .found(section_text, msg!("read-tidy-unknown-section-expected"))
                    .unit(unit, Some(year));
                r.reject_value(d);
                continue;
            }
            let (row_text, column_text) = (trim(rec.get(pr)), trim(rec.get(pc)));
            // Lines come in template order: the cell after the line before's, else a look-up.
            let predicted = self
                .next_cell
                .and_then(|(f, i)| (f == form).then(|| cat.cells.get(i)).flatten())
                .filter(|c| {
                    c.section.code() == section_text
                        && c.row.code == row_text
                        && c.column.code == column_text
                });
            let found = predicted.or_else(|| {
                self.code.clear();
                let _ = write!(self.code, "{section_text}.{row_text}.{column_text}");
                cat.by_code(&self.code)
            });
            let Some(cell) = found else {
                let section = Section::parse(section_text).unwrap_or(Section::Active);
                let row_ok = cat.cells_of(section).any(|c| c.row.code == row_text);
                let form = form.code();
                let (message, p, found) = if row_ok {
                    let m = msg!(
                        "read-tidy-unknown-column",
                        section = section_text,
                        form = form,
                        year = year
                    );
                    (m, pc, column_text)
                } else {
                    let m = msg!(
                        "read-tidy-unknown-row",
                        section = section_text,
                        form = form,
                        year = year
                    );
                    (m, pr, row_text)
                };
                let d = r
                    .error(message)
                    .at(rec.line, col(p))
                    .found(found, msg!("read-tidy-unknown-code-expected"))
                    .unit(unit, Some(year));
                self.lost
                    .entry((unit.to_string(), year))
                    .or_insert_with(|| d.place.clone());
                r.reject_value(d);
                r.taint(unit, year);
                continue;
            };
            self.next_cell = Some((form, cell.index + 1));
            let value_text = rec.get(pv);
            let value = match parse_value(value_text, cell.kind()) {
                Ok(v) => v,
                Err(e) => {
                    let d = r
                        .error(msg!(
                            "read-bad-value",
                            problem = e.to_string(),
                            cell = cell.code_name()
                        ))
                        .at(rec.line, col(pv))
                        .found(value_text, cell.kind().expected())
                        .unit(unit, Some(year));
                    let place = d.place.clone();
                    r.reject_value(d);
                    r.taint(unit, year);
                    r.unreadable(unit, year, [(cell.index, place)]);
                    continue;
                }
            };
            // Lines come grouped by unit: the report of the line before, else a look-up.
            let same = |k: &usize| r.reports[*k].year == year && r.reports[*k].unit == unit;
            let k = match self
                .last
                .filter(same)
                .or_else(|| self.index.get(&(unit.to_string(), year)).copied())
            {
                Some(k) => k,
                None => {
                    let k = r.reports.len();
                    r.reports.push(UnitReport::empty(
                        unit.to_string(),
                        year,
                        form,
                        r.file.clone(),
                        Layout::Tidy,
                    ));
                    self.index.insert((unit.to_string(), year), k);
                    k
                }
            };
            self.last = Some(k);
            let report = &mut r.reports[k];
            if report.present(cell.index) {
                let first = report.source.lines[cell.index];
                let shown = report.blank[cell.index]
                    .then(String::new)
                    .unwrap_or_else(|| format_value(report.values[cell.index], cell.kind()));
                let d = r
                    .error(msg!(
                        "read-tidy-duplicate",
                        cell = cell.code_name(),
                        first = first,
                        shown = shown
                    ))
                    .at(rec.line, col(pv))
                    .found(value_text, msg!("read-tidy-duplicate-expected"))
                    .unit(unit, Some(year));
                // Which of the two is right cannot be told.
                let place = d.place.clone();
                r.reject_value(d);
                r.taint(unit, year);
                r.unreadable(unit, year, [(cell.index, place)]);
                continue;
            }
            report.set(cell.index, value, rec.line);
        }
    }

    /// Reads the value lines of `text`, whose first line is line `first` of the file, after
    /// those read before; `None` (and nothing read) where the text cannot be read apart from
    /// the rest of the file ([`records_of`]).
    pub(crate) fn read_text(&mut self, text: &str, first: u32, r: &mut Reading) -> Option<()> {
        let table = records_of(text, first)?;
        self.read_table(&table, r);
        Some(())
    }

    /// Reads the value lines of a piece split already ([`records_of`]), after those read before.
    pub(crate) fn read_table(&mut self, table: &Table, r: &mut Reading) {
        self.read(&table.records(), r);
    }

    /// After the last line: the line cut short at the end, the cells of reports that lost a
    /// line, and a warning for each report lacking cells.
    pub(crate) fn finish(self, r: &mut Reading) {
        if let Some((at, fields)) = self.cut_short {
            if let Some(d) = r.diagnostics.get_mut(at) {
                d.message = msg!(
                    "read-tidy-cut-short",
                    fields = fields,
                    header = self.columns.header_len
                );
            }
        }
        note_lost(r, self.lost, &self.index);
        warn_absent(r);
    }

    /// Takes in a piece read alone, as if its lines had been read here after those before: its
    /// reports joined to the same units' and years' so far, its findings and counts added. A
    /// piece giving a cell that a report had already is not taken in ([`Clash`]): it is to be
    /// read again here in order ([`TidyLines::read_text`]), as which line was first decides what
    /// is said of both.
    /// Taken in, it tells how many of its reports were joined to reports before.
    pub(crate) fn absorb(&mut self, r: &mut Reading, piece: Piece) -> Result<Joined, Clash> {
        let clash = piece.r.reports.iter().any(|p| {
            self.index
                .get(&(p.unit.clone(), p.year))
                .and_then(|&k| r.reports.get(k))
                .is_some_and(|g| (0..p.values.len()).any(|i| p.present(i) && g.present(i)))
        });
        if clash {
            return Err(Clash);
        }
        let Piece { r: mut read, lines } = piece;
        let before = r.diagnostics.len();
        r.diagnostics.append(&mut read.diagnostics);
        r.values_read += read.values_read;
        r.values_rejected += read.values_rejected;
        r.absorb_marks(&mut read);
        for (key, place) in lines.lost {
            self.lost.entry(key).or_insert(place);
        }
        if lines.last_seen.is_some() {
            self.last_seen = lines.last_seen;
            self.cut_short = lines.cut_short.map(|(at, fields)| (at + before, fields));
        }
        let mut joined = Joined {
            reports: read.reports.len(),
            joined: 0,
        };
        for p in read.reports {
            let key = (p.unit.clone(), p.year);
            match self.index.get(&key).and_then(|&k| r.reports.get_mut(k)) {
                Some(g) => {
                    joined.joined += 1;
                    for i in (0..p.values.len()).filter(|&i| p.present(i)) {
                        let value = (!p.blank[i]).then_some(p.values[i]);
                        g.set(i, value, p.source.lines[i]);
                    }
                }
                None => {
                    self.index.insert(key, r.reports.len());
                    r.reports.push(p);
                }
            }
        }
        Ok(joined)
    }
}

/// Of a piece taken in: its reports, and how many of them joined reports before (its lines
/// were apart from theirs).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Joined {
    pub reports: usize,
    pub joined: usize,
}

/// The records of `text`, whose first line is line `first` of the file, as the whole file's read
/// splits them; `None` where the text cannot be read apart from the rest of the file: a quoted
/// field running over lines (it may start or end outside), line ends a CSV reader of the whole
/// would see otherwise (a lone `\r`, a byte-order mark), or anything the CSV reader refuses
/// (the whole file's read says what).
pub(crate) fn records_of(text: &str, first: u32) -> Option<Table<'_>> {
    if !gongkai_document::delimited::plain(text) {
        return None;
    }
    if text.trim().is_empty() {
        return Some(Table::default());
    }
    let mut table = read_records(text, b',').ok()?;
    table.number_from(first);
    if table.records().iter().any(Record::has_line_break) {
        return None;
    }
    Some(table)
}

/// A piece gave a cell that a report had already: nothing of it was taken in.
#[derive(Debug)]
pub(crate) struct Clash;

/// A piece of a long tidy file (whole lines) read alone, to be taken in by the reading of the
/// whole ([`TidyLines::absorb`]).
#[derive(Debug)]
pub(crate) struct Piece {
    r: Reading,
    lines: TidyLines,
}

impl Piece {
    /// Reads `text`, whose first line is line `first` of the file: in one pass where its lines
    /// are plain (`plain`, the file's header as the one-pass reader takes it), else the full way.
    /// `None` where the piece cannot be read apart ([`TidyLines::read_text`]) or its line ends
    /// are not what a CSV reader of the whole would see (a lone `\r`, a byte-order mark).
    pub(crate) fn read(
        text: &str,
        first: u32,
        columns: Columns,
        plain: Option<&PlainHeader>,
        file: &Arc<PathBuf>,
    ) -> Option<Piece> {
        if !gongkai_document::delimited::plain(text) {
            return None;
        }
        let mut r = Reading::new(file.clone());
        let mut lines = TidyLines::in_pieces(columns);
        if let Some(p) = plain.and_then(|h| plain_lines(text, h, first.saturating_sub(1), file)) {
            r.reports = p.reports;
            r.values_read = p.lines;
            lines.last_seen = Some(p.last);
            return Some(Piece { r, lines });
        }
        lines.read_text(text, first, &mut r)?;
        Some(Piece { r, lines })
    }
}

/// A warning for each report of the file that lacks cells: they count as blank.
fn warn_absent(r: &mut Reading) {
    for report in &r.reports {
        let absent = report.source.lines.iter().filter(|l| **l == 0).count();
        if absent > 0 {
            let n = report.values.len();
            let d = r
                .warning(msg!("read-tidy-absent", absent = absent, cells = n))
                .unit(&report.unit, Some(report.year));
            r.diagnostics.push(d);
        }
    }
}

/// A form's cells keyed by their `section,row,column` text, as it stands in a canonical line.
#[derive(Debug)]
struct LineKeys {
    /// Template order: what a line holds when it follows the cell before.
    cells: Vec<String>,
    /// The same with every code quoted, as R writes them.
    quoted: Vec<String>,
    index: HashMap<String, usize>,
}

fn line_keys(form: FormVersion) -> &'static LineKeys {
    static KEYS: [OnceLock<LineKeys>; 2] = [OnceLock::new(), OnceLock::new()];
    let slot = match form {
        FormVersion::F2019 => &KEYS[0],
        FormVersion::F2021 => &KEYS[1],
    };
    slot.get_or_init(|| {
        let cells: Vec<String> = form
            .catalogue()
            .cells
            .iter()
            .map(|c| format!("{},{},{}", c.section.code(), c.row.code, c.column.code))
            .collect();
        let index = cells
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect();
        let quoted = cells
            .iter()
            .map(|k| format!("\"{}\"", k.replace(',', "\",\"")))
            .collect();
        LineKeys {
            cells,
            quoted,
            index,
        }
    })
}

/// Reads the common case of a national batch, a canonical export (one report after another, each
/// report's lines together), in one pass over the text: no record table, no trimming, one
/// comparison per field. Cells a report lacks are blank, with the full reader's warning.
///
/// Fields may be quoted (`"城关区"`, as R's `write.csv` writes every text), and the file may open
/// with a byte-order mark and end lines with `\r\n` (Excel). It gives what [`read`] gives (tests
/// compare the two) and declines (false, `r` untouched) on anything else: another header, a quote
/// to unescape or a quoted comma, a report's lines apart, a field needing a trim, an unknown or
/// repeated cell, an unreadable value. The full reader then reports it.
pub(crate) fn read_plain(text: &str, r: &mut Reading) -> bool {
    match plain_reports(text, r) {
        Some((reports, lines)) => {
            r.values_read += lines;
            r.reports = reports;
            warn_absent(r);
            true
        }
        None => false,
    }
}

/// The report being read by [`plain_reports`]: its line prefix (`2020,城关区,`) and form.
struct Current<'t> {
    prefix: &'t str,
    cat: &'static Catalogue,
    keys: &'static LineKeys,
    /// The cell the next line holds if lines follow the template.
    next: usize,
}

/// The reports of a canonical tidy text and its number of value lines, if it is one: every line
/// of a report together, reports one after another.
fn plain_reports(text: &str, r: &Reading) -> Option<(Vec<UnitReport>, usize)> {
    // Excel's "CSV UTF-8" opens with a byte-order mark.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Lines as the CSV reader splits them.
    if !gongkai_document::delimited::plain(body) {
        return None;
    }
    let header_end = memchr::memchr(b'\n', body.as_bytes())?;
    let header = PlainHeader::of(&body[..header_end])?;
    let read = plain_lines(&body[header_end + 1..], &header, 1, &r.file)?;
    Some((read.reports, read.lines))
}

/// A tidy header as the one-pass reader takes it: the six names exactly, once each, maybe
/// quoted, among at most [`MAX_WIDTH`] columns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlainHeader {
    /// The place of each of [`HEADER`] in a line.
    order: [usize; 6],
    width: usize,
}

impl PlainHeader {
    /// The header `line` (its `\r` if any, no `\n`), if the one-pass reader takes it.
    pub(crate) fn of(line: &str) -> Option<PlainHeader> {
        // Where each of the six columns is. Another order than the interchange's, or more
        // columns (which the full reader leaves aside: a pandas index, say), go their own way.
        let mut order = [usize::MAX; 6];
        let mut width = 0;
        for (i, name) in line
            .strip_suffix('\r')
            .unwrap_or(line)
            .split(',')
            .enumerate()
        {
            width += 1;
            let Some(k) = HEADER.iter().position(|h| Some(*h) == unquote(name)) else {
                continue;
            };
            if order[k] != usize::MAX {
                return None;
            }
            order[k] = i;
        }
        (!order.contains(&usize::MAX)).then_some(PlainHeader { order, width })
    }

    /// Whether the full reader finds the columns where this header has them.
    pub(crate) fn agrees(&self, columns: &Columns) -> bool {
        self.order == columns.pos && self.width == columns.header_len
    }
}

/// What the one-pass reader read of value lines.
struct Plain {
    reports: Vec<UnitReport>,
    /// Value lines read.
    lines: usize,
    /// The line number of the last.
    last: u32,
}

/// The reports of value lines `rest` under `header`, line `line0` being the one before them, if
/// they are canonical (see [`read_plain`]).
fn plain_lines(rest: &str, header: &PlainHeader, line0: u32, file: &Arc<PathBuf>) -> Option<Plain> {
    let PlainHeader { order, width } = *header;
    // A quoted comma in a column left aside would shift the fields read: not here.
    if width > 6 && (width > MAX_WIDTH || memchr::memchr(b'"', rest.as_bytes()).is_some()) {
        return None;
    }
    if width > 6 || order != [0, 1, 2, 3, 4, 5] {
        return reordered_reports(rest, order, width, line0, file);
    }
    let mut reports: Vec<UnitReport> = Vec::new();
    let mut seen = HashSet::new();
    let mut current: Option<Current> = None;
    let (mut line, mut lines, mut last) = (line0, 0usize, 0u32);
    let mut unquoted = String::new();
    // Lines found with the memchr crate's SIMD search: `str::split` searches byte by byte.
    let mut start = 0;
    let bytes = rest.as_bytes();
    while start < rest.len() {
        // The line the report's cells in form order call for next, `2020,城关区,` and
        // `active,regulations,new_made,`, is compared at once and its value read up to the end of
        // the line: no search for the line's end or its last comma. Anything else goes below.
        if let Some(c) = current.as_mut() {
            if let Some(at) = expected_value(&bytes[start..], c) {
                let (from, to) = (start + at.0, start + at.1);
                let report = reports.last_mut()?;
                line += 1;
                if report.present(c.next) {
                    return None;
                }
                let value = parse_value(&rest[from..to], c.cat.cells[c.next].kind()).ok()?;
                report.set(c.next, value, line);
                c.next += 1;
                lines += 1;
                last = line;
                start += at.2;
                continue;
            }
        }
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(rest.len(), |i| start + i);
        let mut l = &rest[start..end];
        start = end + 1;
        line += 1;
        if let Some(cut) = l.strip_suffix('\r') {
            l = cut;
        }
        if l.is_empty() {
            continue;
        }
        // The line of the report before, or the first of another: `2020,城关区,` (maybe quoted).
        let c = match current.as_mut() {
            Some(c) if l.as_bytes().starts_with(c.prefix.as_bytes()) => c,
            _ => {
                let (year_field, after) = l.split_once(',')?;
                let (unit_field, _) = after.split_once(',')?;
                let form = start_report(&mut reports, &mut seen, year_field, unit_field, file)?;
                current.insert(Current {
                    prefix: &l[..year_field.len() + 1 + unit_field.len() + 1],
                    cat: form.catalogue(),
                    keys: line_keys(form),
                    next: 0,
                })
            }
        };
        let report = reports.last_mut()?;
        let fields = &l[c.prefix.len()..];
        let comma = memchr::memrchr(b',', fields.as_bytes())?;
        let (mut key, value_text) = (&fields[..comma], unquote(&fields[comma + 1..])?);
        let keys = c.keys;
        if keys.quoted.get(c.next).is_some_and(|k| k == key) {
            key = &keys.cells[c.next];
        } else if memchr::memchr(b'"', key.as_bytes()).is_some() {
            unquoted.clear();
            for (k, part) in key.split(',').enumerate() {
                if k > 0 {
                    unquoted.push(',');
                }
                unquoted.push_str(unquote(part)?);
            }
            key = &unquoted;
        }
        let index = if keys.cells.get(c.next).is_some_and(|k| k == key) {
            c.next
        } else {
            *keys.index.get(key)?
        };
        if report.present(index) {
            return None;
        }
        let value = parse_value(value_text, c.cat.cells[index].kind()).ok()?;
        report.set(index, value, line);
        c.next = index + 1;
        lines += 1;
        last = line;
    }
    (!reports.is_empty()).then_some(Plain {
        reports,
        lines,
        last,
    })
}

/// Columns a tidy file may have for [`reordered_reports`].
const MAX_WIDTH: usize = 16;

/// Starts the report a line's year and unit fields name and gives its form; `None` where a
/// one-pass reader must leave the file to the full reader: a year or name it would not take as
/// written, or a report whose lines came apart (the full reader joins them).
fn start_report<'t>(
    reports: &mut Vec<UnitReport>,
    seen: &mut HashSet<(i32, &'t str)>,
    year_field: &'t str,
    unit_field: &'t str,
    file: &Arc<PathBuf>,
) -> Option<FormVersion> {
    let (year_text, unit) = (unquote(year_field)?, unquote(unit_field)?);
    let year = parse_year(year_text).filter(|_| year_text.len() == 4)?;
    // A set, not a look through the reports so far: a province's file has 25,000.
    let again = !seen.insert((year, unit));
    if again || unit.is_empty() || trim(unit) != unit {
        return None;
    }
    let form = FormVersion::for_year(year);
    reports.push(UnitReport::empty(
        unit.to_string(),
        year,
        form,
        file.clone(),
        Layout::Tidy,
    ));
    Some(form)
}

/// [`plain_reports`] of a text whose six columns come in another `order` (the place of each of
/// [`HEADER`] in a line), among `width` columns: each line split into its fields, its cell found
/// by its codes.
fn reordered_reports(
    rest: &str,
    order: [usize; 6],
    width: usize,
    line0: u32,
    file: &Arc<PathBuf>,
) -> Option<Plain> {
    let mut reports: Vec<UnitReport> = Vec::new();
    let mut seen = HashSet::new();
    // The year and unit fields of the report being read, as written; its form's catalogue and
    // keys; the cell its next line holds if its lines follow the form.
    let mut current: Option<(&str, &str, &'static Catalogue, &'static LineKeys, usize)> = None;
    let (mut line, mut lines, mut last) = (line0, 0usize, 0u32);
    let mut key = String::new();
    let mut fields = [""; MAX_WIDTH];
    let bytes = rest.as_bytes();
    // Commas and line ends found by one SIMD search over the text, not one per field.
    let mut marks = memchr::memchr2_iter(b',', b'\n', bytes);
    let mut start = 0;
    while start < bytes.len() {
        let (mut commas, mut n) = ([0usize; MAX_WIDTH - 1], 0);
        let mut end = bytes.len();
        for at in marks.by_ref() {
            if bytes[at] == b'\n' {
                end = at;
                break;
            }
            *commas.get_mut(n)? = at;
            n += 1;
        }
        let line_start = start;
        start = end + 1;
        line += 1;
        if bytes[line_start..end].last() == Some(&b'\r') {
            end -= 1;
        }
        if end == line_start {
            continue;
        }
        if n != width - 1 {
            return None;
        }
        let mut from = line_start;
        for (k, field) in fields.iter_mut().take(width).enumerate() {
            let to = if k < n { commas[k] } else { end };
            *field = &rest[from..to];
            from = to + 1;
        }
        let [year_field, unit_field, section, row, column, value] = order.map(|i| fields[i]);
        let (_, _, cat, keys, next) = match &mut current {
            Some(c) if (c.0, c.1) == (year_field, unit_field) => c,
            _ => {
                let form = start_report(&mut reports, &mut seen, year_field, unit_field, file)?;
                let keys = line_keys(form);
                current.insert((year_field, unit_field, form.catalogue(), keys, 0))
            }
        };
        // The cell after the last, as most files go; else found by its codes.
        let codes = [section, row, column];
        let index = match keys.cells.get(*next) {
            Some(k) if joined_is(k, codes) => *next,
            _ => {
                key.clear();
                for (k, code) in codes.into_iter().enumerate() {
                    if k > 0 {
                        key.push(',');
                    }
                    key.push_str(unquote(code)?);
                }
                *keys.index.get(key.as_str())?
            }
        };
        *next = index + 1;
        let report = reports.last_mut()?;
        if report.present(index) {
            return None;
        }
        let value = parse_value(unquote(value)?, cat.cells[index].kind()).ok()?;
        report.set(index, value, line);
        lines += 1;
        last = line;
    }
    (!reports.is_empty()).then_some(Plain {
        reports,
        lines,
        last,
    })
}

/// Whether `key` is the three codes joined by commas, as written (bare).
fn joined_is(key: &str, [a, b, c]: [&str; 3]) -> bool {
    key.len() == a.len() + b.len() + c.len() + 2
        && key.starts_with(a)
        && key[a.len()..].starts_with(',')
        && key[a.len() + 1..].starts_with(b)
        && key[a.len() + 1 + b.len()..].starts_with(',')
        && key.ends_with(c)
}

/// Where the value of `line` is (from, to) and where the next line starts, if `line` is the one
/// `c` expects next with a bare value: no quote and no further comma, ending the line.
#[inline]
fn expected_value(line: &[u8], c: &Current) -> Option<(usize, usize, usize)> {
    let key = c.keys.cells.get(c.next)?.as_bytes();
    let after = line.strip_prefix(c.prefix.as_bytes())?.strip_prefix(key)?;
    let value = after.strip_prefix(b",")?;
    let from = line.len() - value.len();
    let len = value
        .iter()
        .position(|b| matches!(b, b'\n' | b'\r' | b',' | b'"'))
        .unwrap_or(value.len());
    let to = from + len;
    let next = match &line[to..] {
        [] => to,
        [b'\n', ..] => to + 1,
        [b'\r', b'\n', ..] => to + 2,
        _ => return None,
    };
    Some((from, to, next))
}

/// A field's text as the CSV reader gives it, if it is bare (no quote) or simply quoted (`"…"`
/// with no quote inside); `None` for anything the reader would unescape or join.
fn unquote(field: &str) -> Option<&str> {
    match field.strip_prefix('"') {
        Some(inside) => inside.strip_suffix('"').filter(|i| !i.contains('"')),
        None => (!field.contains('"')).then_some(field),
    }
}

/// Reports with a line that named no cell of theirs, and where the first such line is.
type Lost = HashMap<(String, i32), Place>;

/// Rejects a whole line; leaves out the report it names, if any, noting that one of its cells
/// was lost.
fn reject_line(r: &mut Reading, d: Finding, named: Option<(&str, i32)>, lost: &mut Lost) {
    match named {
        Some((unit, year)) => {
            lost.entry((unit.to_string(), year))
                .or_insert_with(|| d.place.clone());
            r.reject_value(d.unit(unit, Some(year)));
            r.taint(unit, year);
        }
        None => r.reject_value(d),
    }
}

/// A report that lost a line cannot tell which cell it held: every cell absent from it may be
/// that one, and the rules over them are not checked when it is checked all the same.
fn note_lost(r: &mut Reading, lost: Lost, index: &HashMap<(String, i32), usize>) {
    for ((unit, year), place) in lost {
        let Some(report) = index
            .get(&(unit.clone(), year))
            .and_then(|&k| r.reports.get(k))
        else {
            continue;
        };
        let absent: Vec<(usize, Place)> = (0..report.values.len())
            .filter(|&i| !report.present(i))
            .map(|i| (i, place.clone()))
            .collect();
        r.unreadable(&unit, year, absent);
    }
}
