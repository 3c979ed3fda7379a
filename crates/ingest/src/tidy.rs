//! The tidy interchange CSV: `year,unit,section,row,column,value`, any units and years per file.

use std::collections::HashMap;
use std::fmt::Write as _;

use gongkai_form::{format_value, parse_value, FormVersion, Section};

use crate::read::Reading;
use crate::table::Record;
use crate::{Layout, UnitReport};

/// The interchange header, in its canonical order.
pub const HEADER: [&str; 6] = ["year", "unit", "section", "row", "column", "value"];

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
            .error(format!(
                "tidy header lacks column(s) {}",
                missing.join(", ")
            ))
            .at(records[0].line, None)
            .found(
                records[0].fields.iter().collect::<Vec<_>>().join(","),
                HEADER.join(","),
            );
        r.push(d);
        r.values_read += records.len() - 1;
        r.values_rejected += records.len() - 1;
        return;
    }
    let [py, pu, ps, pr, pc, pv] = pos.map(|p| p.unwrap_or(0));
    let mut index: HashMap<(String, i32), usize> = HashMap::new();
    let mut code = String::new();
    for rec in &records[1..] {
        if rec.is_empty() {
            continue;
        }
        r.values_read += 1;
        let col = |p: usize| Some(p as u32 + 1);
        let year_text = rec.get(py).trim();
        let Some(year) = parse_year(year_text) else {
            let d = r
                .error("bad year")
                .at(rec.line, col(py))
                .found(year_text, "a year such as 2020");
            r.reject_value(d);
            continue;
        };
        let unit = rec.get(pu).trim();
        if unit.is_empty() {
            let d = r
                .error("no unit name")
                .at(rec.line, col(pu))
                .found("", "the reporting unit's name");
            r.reject_value(d);
            continue;
        }
        let form = FormVersion::for_year(year);
        let cat = form.catalogue();
        let section_text = rec.get(ps).trim();
        if Section::parse(section_text).is_none() {
            let d = r
                .error("unknown section")
                .at(rec.line, col(ps))
                .found(section_text, "active, requests or appeals")
                .unit(unit, Some(year));
            r.reject_value(d);
            continue;
        }
        code.clear();
        let _ = write!(
            code,
            "{}.{}.{}",
            section_text,
            rec.get(pr).trim(),
            rec.get(pc).trim()
        );
        let Some(cell) = cat.by_code(&code) else {
            let section = Section::parse(section_text).unwrap_or(Section::Active);
            let row_ok = cat
                .cells_of(section)
                .any(|c| c.row.code == rec.get(pr).trim());
            let (what, p, found) = if row_ok {
                ("unknown column", pc, rec.get(pc).trim())
            } else {
                ("unknown row", pr, rec.get(pr).trim())
            };
            let d = r
                .error(format!(
                    "{what} for section {section_text} in form {form} (used for {year})"
                ))
                .at(rec.line, col(p))
                .found(
                    found,
                    "a code of the shared spec, e.g. requests,granted,natural_person",
                )
                .unit(unit, Some(year));
            r.reject_value(d);
            r.taint(unit, year);
            continue;
        };
        let value_text = rec.get(pv);
        let value = match parse_value(value_text, cell.kind()) {
            Ok(v) => v,
            Err(e) => {
                let d = r
                    .error(format!("{e} in {code}"))
                    .at(rec.line, col(pv))
                    .found(value_text, cell.kind().expected())
                    .unit(unit, Some(year));
                r.reject_value(d);
                r.taint(unit, year);
                continue;
            }
        };
        let k = match index.get(&(unit.to_string(), year)) {
            Some(k) => *k,
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
        let report = &mut r.reports[k];
        if report.present(cell.index) {
            let first = report.source.lines[cell.index];
            let shown = report.blank[cell.index]
                .then(String::new)
                .unwrap_or_else(|| format_value(report.values[cell.index], cell.kind()));
            let d = r
                .error(format!(
                    "duplicate value for {code}, first given on line {first} as {shown:?}"
                ))
                .at(rec.line, col(pv))
                .found(value_text, "one line per cell")
                .unit(unit, Some(year));
            r.reject_value(d);
            r.taint(unit, year);
            continue;
        }
        report.set(cell.index, value, rec.line, pv as u32 + 1);
    }
    for report in &r.reports {
        let absent = report.source.lines.iter().filter(|l| **l == 0).count();
        if absent > 0 {
            let n = report.values.len();
            let d = r
                .warning(format!(
                    "{absent} of {n} cells absent from the file, counted as blank"
                ))
                .unit(&report.unit, Some(report.year));
            r.diagnostics.push(d);
        }
    }
}

/// `2020`, `2020年`, `2020.0`: a plausible report year.
pub fn parse_year(text: &str) -> Option<i32> {
    let t = text.trim().trim_end_matches('年').trim_end_matches(".0");
    let y: i32 = t.parse().ok()?;
    (2000..=2100).contains(&y).then_some(y)
}

/// Writes reports as tidy CSV (header included), cells in template order.
pub fn write(reports: &[&UnitReport], out: &mut String) {
    out.push_str(&HEADER.join(","));
    out.push('\n');
    for report in reports {
        write_rows(&report.unit, report.year, report.form, &report.values, out);
    }
}

/// Writes one set of dense values as tidy rows (no header).
pub fn write_rows(unit: &str, year: i32, form: FormVersion, values: &[i64], out: &mut String) {
    let cat = form.catalogue();
    let unit = csv_field(unit);
    for cell in &cat.cells {
        let _ = writeln!(
            out,
            "{year},{unit},{},{},{},{}",
            cell.section.code(),
            cell.row.code,
            cell.column.code,
            format_value(values[cell.index], cell.kind())
        );
    }
}

/// Quotes a field when CSV needs it.
pub fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        std::borrow::Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}
