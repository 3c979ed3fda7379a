//! The form grid: one unit's three tables laid out as the official form, as a person fills it
//! in Excel or WPS and saves as CSV.
//!
//! Cells are located by their labels, never by fixed positions: section headings set the table,
//! header lines map column positions, row labels (in one cell or spread over merged columns)
//! name the row. What the form does not know is reported, never summed.

use std::collections::HashMap;

use std::borrow::Cow;

use gongkai_form::label::{self, form_of_key, normalise, section_of_key, RowMatch};
use gongkai_form::{parse_value, Catalogue, FormVersion, Section, ValueKind};

use gongkai_document::delimited::Record;
use gongkai_form::parse_year;
use gongkai_report::{value_problem, Layout, UnitReport};

use crate::meta::meta_entry_of;
use crate::reading::Reading;

/// Unit and year named inside the file, with the line they were found on.
#[derive(Debug, Default)]
struct Meta {
    unit: Option<(String, u32)>,
    year: Option<(String, u32, u32)>,
}

/// Splits `填报单位：城关区` or (`年度`, `2020`) into a key and value if the key is a metadata key.
fn meta_entry(rec: &Record) -> Option<(bool, String, u32)> {
    meta_entry_of(rec.len(), |i| rec.get(i))
}

fn scan_meta(records: &[Record]) -> Meta {
    let mut meta = Meta::default();
    for rec in records {
        if let Some((is_unit, value, col)) = meta_entry(rec) {
            if is_unit && meta.unit.is_none() && !value.is_empty() {
                meta.unit = Some((value, rec.line));
            } else if !is_unit && meta.year.is_none() && !value.is_empty() {
                meta.year = Some((value, rec.line, col));
            }
        }
    }
    meta
}

/// Form versions the labels of the file point to: (2019-only labels, 2021-only labels).
fn form_votes(records: &[Record], keys: &[Vec<Cow<str>>]) -> (usize, usize) {
    let mut votes = (0, 0);
    for (rec, keys) in records.iter().zip(keys) {
        for (field, key) in rec.fields.iter().zip(keys) {
            if field.trim().is_empty() || field.len() > 300 {
                continue;
            }
            match form_of_key(key) {
                Some(FormVersion::F2019) => votes.0 += 1,
                Some(FormVersion::F2021) => votes.1 += 1,
                None => {}
            }
        }
    }
    votes
}

/// A cell holding a value (blank markers such as `—` are not).
fn is_number(text: &str) -> bool {
    // Plain digits and empty cells, most of a grid, answered without the full parser.
    if text.is_empty() {
        return false;
    }
    // Up to 12 digits: money (× 10⁶) still fits in i64, as the parser would find.
    if text.len() <= 12 && text.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if starts_with_ideograph(text.trim()) {
        return false;
    }
    matches!(parse_value(text, ValueKind::Money), Ok(Some(_)))
}

/// A cell holding label text: not empty, not a value, not a blank marker.
fn is_label(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && (starts_with_ideograph(t) || parse_value(text, ValueKind::Money).is_err())
}

/// Text that opens with a CJK ideograph is never a number (units such as 万元 only follow one):
/// most label cells, answered without the value parser.
fn starts_with_ideograph(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Index just past the last label cell: where values may start when no header says.
fn label_end(rec: &Record) -> usize {
    rec.fields
        .iter()
        .enumerate()
        .rfind(|(_, f)| is_label(f))
        .map_or(0, |(i, _)| i + 1)
}

/// Where each column of the current table sits, from its header lines.
#[derive(Debug, Default)]
struct Header {
    /// (block, column) → 0-based position in the record.
    positions: HashMap<(usize, usize), usize>,
}

impl Header {
    fn min_position(&self, section: Section, cat: &Catalogue) -> Option<usize> {
        self.positions
            .iter()
            .filter(|((b, _), _)| cat.blocks[*b].section == section)
            .map(|(_, p)| *p)
            .min()
    }

    /// Positions of every column of `block`, if the header gave them all.
    fn block_positions(&self, block: usize, cat: &Catalogue) -> Option<Vec<usize>> {
        (0..cat.blocks[block].columns.len())
            .map(|c| self.positions.get(&(block, c)).copied())
            .collect()
    }
}

pub(crate) fn read(records: &[Record], path_year: Option<i32>, path_unit: &str, r: &mut Reading) {
    let meta = scan_meta(records);
    let unit = meta
        .unit
        .as_ref()
        .map_or_else(|| path_unit.to_string(), |(u, _)| u.clone());
    let year = match &meta.year {
        Some((text, line, col)) => {
            match parse_year(text) {
                Some(y) => {
                    if let Some(py) = path_year.filter(|py| *py != y) {
                        let d = r
                        .warning(format!("year {y} in the file differs from the folder's year {py}; using {y}"))
                        .at(*line, Some(*col))
                        .unit(&unit, Some(y));
                        r.push(d);
                    }
                    y
                }
                None => {
                    let d = r
                        .error("bad year")
                        .at(*line, Some(*col))
                        .found(text.as_str(), "a year such as 2020")
                        .unit(&unit, None);
                    r.fail_file(d);
                    return;
                }
            }
        }
        None => match path_year {
            Some(y) => y,
            None => {
                let d = r
                    .error("no year: add a line 年度,2020 or put the file in a folder named after the year")
                    .unit(&unit, None);
                r.fail_file(d);
                return;
            }
        },
    };
    let form = FormVersion::for_year(year);
    // Every cell's label key, once: the passes below look cells up as headings, headers and rows.
    let keys: Vec<Vec<Cow<str>>> = records
        .iter()
        .map(|rec| rec.fields.iter().map(label::key).collect())
        .collect();
    let (v19, v21) = form_votes(records, &keys);
    let detected = match (v19, v21) {
        (a, 0) if a > 0 => Some(FormVersion::F2019),
        (0, b) if b > 0 => Some(FormVersion::F2021),
        _ => None,
    };
    if let Some(d) = detected.filter(|d| *d != form) {
        let msg = format!(
            "the tables are laid out in form {d}, but {year} reports use form {form} ({})",
            form.notice()
        );
        let diag = r.error(msg).unit(&unit, Some(year));
        r.fail_file(diag);
        return;
    }
    let cat = form.catalogue();
    let mut report = UnitReport::empty(unit.clone(), year, form, r.file.clone(), Layout::Grid);
    let mut section: Option<Section> = None;
    let mut header = Header::default();
    let mut last_was_header = false;
    let mut context: Option<String> = None;
    let mut appeals_header_seen = false;
    let mut appeals_positions: Option<Vec<usize>> = None;
    // The line table 四's numbers were read from, once read.
    let mut appeals_line: Option<u32> = None;
    let mut tainted = false;

    for (rec, keys) in records.iter().zip(&keys) {
        // A quote that opens a cell and closes lines later swallows whole lines of the table.
        if let Some((i, f)) = rec
            .has_line_break()
            .then(|| {
                rec.fields
                    .iter()
                    .enumerate()
                    .find(|(_, f)| f.contains('\n') && f.contains([',', '\t', ';']))
            })
            .flatten()
        {
            let numbers = rec.fields.iter().filter(|f| is_number(f)).count();
            let d = r
                .error(format!(
                    "a quoted cell runs over lines {}–{} and holds whole lines of the table: \
                     an unbalanced quote? The lines inside it are not read",
                    rec.line,
                    rec.line as usize + f.matches('\n').count()
                ))
                .at(rec.line, Some(i as u32 + 1))
                .found(f, "a closing quote (\") on the line that opens it")
                .unit(&unit, Some(year));
            r.skip_values(d, numbers);
            tainted = true;
            continue;
        }
        if let Some((is_unit, _, col)) = meta_entry(rec) {
            // Numbers after the unit or year (`年度,2020,5`) are no cell of the form.
            let extra = (col as usize..rec.len())
                .filter(|i| is_number(rec.get(*i)))
                .count();
            if extra > 0 {
                let d = r
                    .warning(format!(
                        "{extra} value(s) on the {} line; not summed",
                        if is_unit { "unit" } else { "year" }
                    ))
                    .at(rec.line, None)
                    .unit(&unit, Some(year));
                r.skip_values(d, extra);
            }
            continue;
        }
        // The appeals data line follows the header lines, even when every cell is blank.
        if section == Some(Section::Appeals)
            && appeals_header_seen
            && appeals_line.is_none()
            && !is_appeals_header(rec, keys, cat)
        {
            header_if_blank(rec, keys, section, cat, r);
            appeals_line = Some(rec.line);
            tainted |= read_appeals(rec, appeals_positions.as_deref(), cat, &mut report, r);
            continue;
        }
        if rec.is_empty() {
            continue;
        }
        if let Some(s) = keys.iter().find_map(|k| section_of_key(k)) {
            let numbers = rec.fields.iter().filter(|f| is_number(f)).count();
            if numbers > 0 {
                let d = r
                    .warning(format!(
                        "{numbers} value(s) on the heading line of table {}; not summed",
                        s.heading()
                    ))
                    .at(rec.line, None)
                    .unit(&unit, Some(year));
                r.skip_values(d, numbers);
            }
            section = Some(s);
            header = Header::default();
            context = None;
            continue;
        }
        // Header lines: column labels and no numbers.
        let numbers = rec.fields.iter().filter(|f| is_number(f)).count();
        if numbers > 0 {
            header_if_blank(rec, keys, section, cat, r);
        }
        if numbers == 0 {
            if let Some(s) = header_section(keys, section, cat) {
                section = Some(s);
                match s {
                    Section::Appeals => {
                        appeals_header_seen = true;
                        let pos: Vec<usize> = keys
                            .iter()
                            .enumerate()
                            .filter(|(_, k)| {
                                !cat.labels()
                                    .match_column_key(cat, Section::Appeals, k)
                                    .is_empty()
                            })
                            .map(|(i, _)| i)
                            .collect();
                        if pos.len() == 15 {
                            appeals_positions = Some(pos);
                        }
                    }
                    _ => {
                        if s == Section::Active || !last_was_header {
                            header = Header::default();
                        }
                        for (i, k) in keys.iter().enumerate() {
                            for (b, c) in cat.labels().match_column_key(cat, s, k) {
                                header.positions.insert((b, c), i);
                            }
                        }
                    }
                }
                last_was_header = true;
                continue;
            }
        }
        last_was_header = false;
        let s = match section {
            Some(s) => s,
            None => match infer_section(rec, cat) {
                Some(s) => s,
                None => {
                    let numbers = rec.fields.iter().filter(|f| is_number(f)).count();
                    if numbers > 0 {
                        let labels: String = rec.fields.iter().take(label_end(rec)).collect();
                        let d = r
                            .warning(format!(
                                "{numbers} value(s) before any table of the form; not summed"
                            ))
                            .at(rec.line, None)
                            .found(
                                labels.trim(),
                                "a table heading such as 二、主动公开政府信息情况 first",
                            )
                            .unit(&unit, Some(year));
                        r.skip_values(d, numbers);
                    }
                    continue;
                }
            },
        };
        if s == Section::Appeals {
            match appeals_line {
                None => {
                    appeals_line = Some(rec.line);
                    tainted |= read_appeals(rec, appeals_positions.as_deref(), cat, &mut report, r);
                }
                Some(first) => tainted |= appeals_again(rec, first, &unit, year, r),
            }
            continue;
        }
        let start = header
            .min_position(s, cat)
            .unwrap_or_else(|| label_end(rec));
        let labels: String = rec.fields.iter().take(start).collect();
        let m = cat.labels().match_row(cat, s, &labels, context.as_deref());
        match m {
            RowMatch::Row { block, row } => {
                let def = &cat.blocks[block].rows[row];
                if def.path.len() > 1 {
                    context = Some(normalise(def.path[def.path.len() - 2]));
                }
                let positions = header.block_positions(block, cat).unwrap_or_else(|| {
                    (0..cat.blocks[block].columns.len())
                        .map(|c| start + c)
                        .collect()
                });
                tainted |= read_row(rec, block, row, &positions, cat, &mut report, r);
                let last = positions.iter().max().copied().unwrap_or(0);
                // Numbers only: a note beside the table is text, not a value.
                let extra: Vec<usize> = (last + 1..rec.len())
                    .filter(|i| is_number(rec.get(*i)))
                    .collect();
                if let Some(first) = extra.first() {
                    let d = r
                        .warning(format!(
                            "{} value(s) right of the row's last column ({}); not summed",
                            extra.len(),
                            cat.blocks[block].columns.last().map_or("", |c| c.label)
                        ))
                        .at(rec.line, Some(*first as u32 + 1))
                        .found(rec.get(*first), "nothing right of the table")
                        .unit(&unit, Some(year));
                    r.push(d);
                    r.values_read += extra.len();
                    r.values_rejected += extra.len();
                }
            }
            RowMatch::Group(g) => {
                context = Some(g);
                let values: usize = rec
                    .fields
                    .iter()
                    .skip(start)
                    .filter(|f| !f.trim().is_empty())
                    .count();
                if values > 0 {
                    let d = r
                        .warning(format!(
                            "values on the group heading {:?} are not part of the form; not summed",
                            labels.trim()
                        ))
                        .at(rec.line, None)
                        .unit(&unit, Some(year));
                    r.skip_values(d, values);
                }
            }
            RowMatch::Ambiguous(codes) => {
                let values: usize = rec
                    .fields
                    .iter()
                    .skip(start)
                    .filter(|f| !f.trim().is_empty())
                    .count();
                let d = r
                    .warning(format!(
                        "row label fits several rows ({}); not summed",
                        codes.join(", ")
                    ))
                    .at(rec.line, Some(1))
                    .found(labels.trim(), "a label that names one row")
                    .unit(&unit, Some(year));
                r.skip_values(d, values);
            }
            RowMatch::Unknown => {
                let values: usize = rec
                    .fields
                    .iter()
                    .skip(start)
                    .filter(|f| !f.trim().is_empty())
                    .count();
                if values > 0 && !labels.trim().is_empty() {
                    let d = r
                        .warning(format!("row not in form {form} (section {}); its {values} value(s) are not summed", s.code()))
                        .at(rec.line, Some(1))
                        .found(labels.trim(), "a row label of the form")
                        .unit(&unit, Some(year));
                    r.skip_values(d, values);
                } else if values > 0 {
                    let d = r
                        .warning(format!("{values} value(s) without a row label; not summed"))
                        .at(rec.line, None)
                        .unit(&unit, Some(year));
                    r.skip_values(d, values);
                }
            }
        }
    }

    let mut missing_by_section: HashMap<Section, Vec<String>> = HashMap::new();
    for cell in &cat.cells {
        if !report.present(cell.index) {
            missing_by_section
                .entry(cell.section)
                .or_default()
                .push(cell.code());
        }
    }
    let found: Vec<Section> = Section::ALL
        .into_iter()
        .filter(|s| missing_by_section.get(s).map_or(0, Vec::len) < cat.cells_of(*s).count())
        .collect();
    let Some(&last_found) = found.last() else {
        let d = r
            .error(format!(
                "no table of the form found: neither a tidy header ({}) nor the headings \
                 and row labels of form {form}'s tables",
                gongkai_report::write::tidy::HEADER.join(",")
            ))
            .unit(&unit, Some(year));
        r.fail_file(d);
        return;
    };
    let end = records.last().map_or(0, |rec| rec.line);
    for s in Section::ALL {
        let Some(missing) = missing_by_section.get(&s) else {
            continue;
        };
        if !found.contains(&s) {
            let cut = if s > last_found {
                format!(
                    " (the file ends at line {end}, in table {}: cut short?)",
                    last_found.heading()
                )
            } else {
                String::new()
            };
            let d = r
                .error(format!("table {} not found in the file{cut}", s.heading()))
                .unit(&unit, Some(year));
            r.push(d);
            tainted = true;
        } else {
            let shown: Vec<&str> = missing.iter().take(4).map(String::as_str).collect();
            let more = if missing.len() > 4 {
                format!(" and {} more", missing.len() - 4)
            } else {
                String::new()
            };
            let d = r
                .warning(format!(
                    "{} cell(s) of {} not found, counted as blank: {}{more}",
                    missing.len(),
                    s.code(),
                    shown.join(", ")
                ))
                .unit(&unit, Some(year));
            r.push(d);
        }
    }
    r.reports.push(report);
    if tainted {
        r.taint(&unit, year);
    }
}

/// A line of values in table 四 after its line of numbers was read: a second copy of the table is
/// an error (there is no telling which is right); a stray value or two is a warning. Returns true
/// if the report must be left out.
fn appeals_again(rec: &Record, first: u32, unit: &str, year: i32, r: &mut Reading) -> bool {
    let values: Vec<usize> = (label_end(rec)..rec.len())
        .filter(|i| !rec.get(*i).trim().is_empty())
        .collect();
    let Some(at) = values.first().map(|i| *i as u32 + 1) else {
        return false;
    };
    let shown: Vec<&str> = values.iter().map(|i| rec.get(*i).trim()).collect();
    let numbers = values.iter().filter(|i| is_number(rec.get(**i))).count();
    r.values_read += values.len();
    if numbers >= 5 {
        let d = r
            .error(format!(
                "table 四 given twice: a second line of numbers (the first is line {first}); \
                 this line is not summed"
            ))
            .at(rec.line, Some(at))
            .found(shown.join(","), "one line of 15 numbers in table 四")
            .unit(unit, Some(year));
        r.reject_value(d);
        r.values_rejected += values.len() - 1;
        true
    } else {
        let d = r
            .warning(format!(
                "{} value(s) after table 四's line of numbers (line {first}); not summed",
                values.len()
            ))
            .at(rec.line, Some(at))
            .found(shown.join(","), "nothing after table 四")
            .unit(unit, Some(year));
        r.push(d);
        r.values_rejected += values.len();
        false
    }
}

/// Tells a layout being learned from this read (see `learned`) that `rec`, read for its values,
/// would be read as a header line had its numbers been blank, as they may be in another file.
fn header_if_blank(
    rec: &Record,
    keys: &[Cow<str>],
    section: Option<Section>,
    cat: &Catalogue,
    r: &mut Reading,
) {
    if let Some(sources) = &mut r.cell_sources {
        if header_section(keys, section, cat).is_some() {
            sources.header_if_blank.push(rec.line);
        }
    }
}

fn is_appeals_header(rec: &Record, keys: &[Cow<str>], cat: &Catalogue) -> bool {
    rec.fields.iter().filter(|f| is_number(f)).count() == 0
        && header_section(keys, Some(Section::Appeals), cat) == Some(Section::Appeals)
}

/// The section whose header line `rec` is. Within the current section a weak sign is enough;
/// moving on to another section takes several column labels, since 总计 and 其他 recur.
fn header_section(keys: &[Cow<str>], current: Option<Section>, cat: &Catalogue) -> Option<Section> {
    let count = |s: Section| {
        keys.iter()
            .filter(|k| !cat.labels().match_column_key(cat, s, k).is_empty())
            .count()
    };
    let row_label = |s: Section| {
        keys.iter().any(|k| {
            matches!(
                cat.labels().match_row_key(cat, s, k, None),
                RowMatch::Row { .. }
            )
        })
    };
    let weak = |s: Section| match s {
        Section::Active => count(s) >= 1 && !row_label(s),
        Section::Requests => count(s) >= 2,
        Section::Appeals => count(s) >= 1 || row_label(s),
    };
    let strong = |s: Section| match s {
        Section::Active => count(s) >= 1 && !row_label(s) && keys.iter().any(|k| k == "信息内容"),
        Section::Requests | Section::Appeals => count(s) >= 3,
    };
    if let Some(s) = current.filter(|s| weak(*s)) {
        return Some(s);
    }
    Section::ALL
        .into_iter()
        .filter(|s| Some(*s) != current && current.is_none_or(|c| *s > c))
        .find(|s| strong(*s))
}

/// The section of a data line seen before any heading, from its row label.
fn infer_section(rec: &Record, cat: &Catalogue) -> Option<Section> {
    let labels: String = rec.fields.iter().take(label_end(rec)).collect();
    [Section::Active, Section::Requests].into_iter().find(|&s| {
        matches!(
            cat.labels().match_row(cat, s, &labels, None),
            RowMatch::Row { .. }
        )
    })
}

/// Reads the cells of one row; returns true if a cell was rejected.
fn read_row(
    rec: &Record,
    block: usize,
    row: usize,
    positions: &[usize],
    cat: &Catalogue,
    report: &mut UnitReport,
    r: &mut Reading,
) -> bool {
    let mut bad = false;
    let first_cell = cat.cell_index(block, row, 0);
    for (c, &pos) in positions.iter().enumerate() {
        let cell = &cat.cells[first_cell + c];
        let text = rec.get(pos);
        r.values_read += 1;
        if report.present(cell.index) {
            let d = r
                .error(format!(
                    "row {} given twice (first on line {}); this line is not summed",
                    cell.row.code, report.source.lines[cell.index]
                ))
                .at(rec.line, Some(pos as u32 + 1))
                .found(text, "each row once")
                .unit(&report.unit, Some(report.year));
            r.reject_value(d);
            bad = true;
            continue;
        }
        match parse_value(text, cell.kind()) {
            Ok(v) => {
                report.set(cell.index, v, rec.line);
                if let Some(sources) = &mut r.cell_sources {
                    sources.cells.push((rec.line, pos as u32, cell.index));
                }
            }
            Err(e) => {
                let d = r
                    .error(format!(
                        "{} in {} ({} / {})",
                        value_problem(e),
                        cell.code(),
                        cell.row.path.last().copied().unwrap_or(""),
                        cell.column.label
                    ))
                    .at(rec.line, Some(pos as u32 + 1))
                    .found(text, cell.kind().expected())
                    .unit(&report.unit, Some(report.year));
                r.reject_value(d);
                bad = true;
            }
        }
    }
    bad
}

/// Reads the one line of 15 numbers of table 四.
fn read_appeals(
    rec: &Record,
    positions: Option<&[usize]>,
    cat: &Catalogue,
    report: &mut UnitReport,
    r: &mut Reading,
) -> bool {
    let block = cat
        .blocks
        .iter()
        .position(|b| b.section == Section::Appeals)
        .unwrap_or(0);
    let start = label_end(rec);
    let positions: Vec<usize> = match positions {
        Some(p) if start <= p[0] => p.to_vec(),
        _ => (start..start + 15).collect(),
    };
    let extra = rec
        .fields
        .iter()
        .enumerate()
        .filter(|(i, f)| *i > positions[14] && !f.trim().is_empty())
        .count();
    if extra > 0 {
        let d = r
            .warning(format!(
                "{extra} value(s) past the 15 columns of table 四; not summed"
            ))
            .at(rec.line, Some(positions[14] as u32 + 2))
            .unit(&report.unit, Some(report.year));
        r.skip_values(d, extra);
    }
    let mut bad = false;
    for (row, chunk) in positions.chunks(5).enumerate() {
        bad |= read_row(rec, block, row, chunk, cat, report, r);
    }
    bad
}
