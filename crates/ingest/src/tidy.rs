//! The tidy interchange CSV: `year,unit,section,row,column,value`, any units and years per file.

use std::fmt::Write as _;
use std::sync::OnceLock;

use foldhash::{HashMap, HashMapExt};
use gongkai_form::{format_value, parse_value, Catalogue, FormVersion, Section};

use crate::reading::Reading;
use gongkai_document::delimited::{trim, Record};
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
    let [py, pu, ps, pr, pc, pv] = pos.map(|p| p.unwrap_or(0));
    let header_len = records[0].len();
    let needed = pos.iter().flatten().max().map_or(0, |p| p + 1);
    let last_line = records
        .iter()
        .rev()
        .find(|rec| !rec.is_empty())
        .map(|rec| rec.line);
    let mut index: HashMap<(String, i32), usize> = HashMap::new();
    let mut last: Option<usize> = None;
    let mut next_cell: Option<(FormVersion, usize)> = None;
    let mut code = String::new();
    let mut lost = Lost::new();
    for rec in &records[1..] {
        if rec.is_empty() {
            continue;
        }
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
            let message = if Some(rec.line) == last_line {
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
            reject_line(r, d, named(), &mut lost);
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
            reject_line(r, d, named(), &mut lost);
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
            reject_line(r, d, named(), &mut lost);
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
        let predicted = next_cell
            .and_then(|(f, i)| (f == form).then(|| cat.cells.get(i)).flatten())
            .filter(|c| {
                c.section.code() == section_text
                    && c.row.code == row_text
                    && c.column.code == column_text
            });
        let found = predicted.or_else(|| {
            code.clear();
            let _ = write!(code, "{section_text}.{row_text}.{column_text}");
            cat.by_code(&code)
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
            lost.entry((unit.to_string(), year))
                .or_insert_with(|| d.place.clone());
            r.reject_value(d);
            r.taint(unit, year);
            continue;
        };
        next_cell = Some((form, cell.index + 1));
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
        let k = match last
            .filter(same)
            .or_else(|| index.get(&(unit.to_string(), year)).copied())
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
                index.insert((unit.to_string(), year), k);
                k
            }
        };
        last = Some(k);
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
    note_lost(r, lost);
    warn_absent(r);
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
    let header = &body[..header_end];
    // Where each of the six columns is. Another order than the interchange's, or more columns
    // (which the full reader leaves aside: a pandas index, say), go their own way.
    let mut order = [usize::MAX; 6];
    let mut width = 0;
    for (i, name) in header
        .strip_suffix('\r')
        .unwrap_or(header)
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
    if order.contains(&usize::MAX) {
        return None;
    }
    let rest = &body[header_end + 1..];
    // A quoted comma in a column left aside would shift the fields read: not here.
    if width > 6 && (width > MAX_WIDTH || memchr::memchr(b'"', rest.as_bytes()).is_some()) {
        return None;
    }
    if width > 6 || order != [0, 1, 2, 3, 4, 5] {
        return reordered_reports(rest, order, width, r);
    }
    let mut reports: Vec<UnitReport> = Vec::new();
    let mut current: Option<Current> = None;
    let (mut line, mut lines) = (1u32, 0usize);
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
                let form = start_report(&mut reports, year_field, unit_field, r)?;
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
    }
    (!reports.is_empty()).then_some((reports, lines))
}

/// Columns a tidy file may have for [`reordered_reports`].
const MAX_WIDTH: usize = 16;

/// Starts the report a line's year and unit fields name and gives its form; `None` where a
/// one-pass reader must leave the file to the full reader: a year or name it would not take as
/// written, or a report whose lines came apart (the full reader joins them).
fn start_report(
    reports: &mut Vec<UnitReport>,
    year_field: &str,
    unit_field: &str,
    r: &Reading,
) -> Option<FormVersion> {
    let (year_text, unit) = (unquote(year_field)?, unquote(unit_field)?);
    let year = parse_year(year_text).filter(|_| year_text.len() == 4)?;
    let again = reports.iter().any(|p| p.year == year && p.unit == unit);
    if again || unit.is_empty() || trim(unit) != unit {
        return None;
    }
    let form = FormVersion::for_year(year);
    let file = r.file.clone();
    reports.push(UnitReport::empty(
        unit.to_string(),
        year,
        form,
        file,
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
    r: &Reading,
) -> Option<(Vec<UnitReport>, usize)> {
    let mut reports: Vec<UnitReport> = Vec::new();
    // The year and unit fields of the report being read, as written; its form's catalogue and
    // keys; the cell its next line holds if its lines follow the form.
    let mut current: Option<(&str, &str, &'static Catalogue, &'static LineKeys, usize)> = None;
    let (mut line, mut lines) = (1u32, 0usize);
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
                let form = start_report(&mut reports, year_field, unit_field, r)?;
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
    }
    (!reports.is_empty()).then_some((reports, lines))
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
fn note_lost(r: &mut Reading, lost: Lost) {
    for ((unit, year), place) in lost {
        let Some(report) = r.reports.iter().find(|p| p.unit == unit && p.year == year) else {
            continue;
        };
        let absent: Vec<(usize, Place)> = (0..report.values.len())
            .filter(|&i| !report.present(i))
            .map(|i| (i, place.clone()))
            .collect();
        r.unreadable(&unit, year, absent);
    }
}
