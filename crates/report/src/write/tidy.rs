//! The tidy interchange: `year,unit,section,row,column,value`, one value per line, as CSV or
//! as JSON (one object per value). Every tidy writer of the project is here.

use std::borrow::Cow;
use std::fmt::Write as _;

use gongkai_form::{format_value, Cell, FormVersion};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::UnitReport;

/// The tidy CSV's columns, in the order written.
pub const HEADER: [&str; 6] = ["year", "unit", "section", "row", "column", "value"];

/// One value of the interchange: `None` is a blank cell (an empty CSV field, JSON `null`).
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub year: i32,
    pub unit: &'a str,
    pub cell: &'static Cell,
    pub value: Option<i64>,
}

/// Every cell of a set of dense values, in template order.
pub fn rows<'a>(
    unit: &'a str,
    year: i32,
    form: FormVersion,
    values: &'a [i64],
) -> impl Iterator<Item = Row<'a>> + 'a {
    form.catalogue().cells.iter().map(move |cell| Row {
        year,
        unit,
        cell,
        value: Some(values[cell.index]),
    })
}

/// A report as it was read: every cell present in its file, a blank one as blank; cells not
/// in the file are left out.
pub fn rows_as_read(report: &UnitReport) -> impl Iterator<Item = Row<'_>> + '_ {
    let cells = report.form.catalogue().cells.iter();
    cells
        .filter(|cell| report.present(cell.index))
        .map(|cell| Row {
            year: report.year,
            unit: &report.unit,
            cell,
            value: (!report.blank[cell.index]).then(|| report.values[cell.index]),
        })
}

/// Appends rows as CSV lines (no header).
pub fn write_csv<'a>(rows: impl IntoIterator<Item = Row<'a>>, out: &mut String) {
    let mut unit: Option<(&str, Cow<str>)> = None;
    for row in rows {
        // A unit's name is quoted once for all of its lines.
        if unit.as_ref().is_none_or(|(name, _)| *name != row.unit) {
            unit = Some((row.unit, csv_field(row.unit)));
        }
        let quoted = unit.as_ref().map_or("", |(_, q)| q);
        let value = row
            .value
            .map(|v| format_value(v, row.cell.kind()))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{},{quoted},{},{},{},{value}",
            row.year,
            row.cell.section.code(),
            row.cell.row.code,
            row.cell.column.code,
        );
    }
}

/// Rows as a JSON array, one object per line; values are written exactly as in the CSV
/// (`1520.5`, never a binary float).
pub fn to_json<'a>(rows: impl IntoIterator<Item = Row<'a>>) -> String {
    #[derive(Serialize)]
    struct Object<'a> {
        year: i32,
        unit: &'a str,
        section: &'static str,
        row: &'static str,
        column: &'static str,
        value: Option<Box<RawValue>>,
    }
    let mut out = String::from("[");
    let mut first = true;
    for row in rows {
        let value = row.value.map(|v| {
            RawValue::from_string(format_value(v, row.cell.kind()))
                .expect("a formatted value is a JSON number")
        });
        let object = Object {
            year: row.year,
            unit: row.unit,
            section: row.cell.section.code(),
            row: row.cell.row.code,
            column: row.cell.column.code,
            value,
        };
        out.push_str(if first { "\n  " } else { ",\n  " });
        first = false;
        let mut line = Vec::new();
        let mut writer = serde_json::Serializer::with_formatter(&mut line, OneLine);
        object
            .serialize(&mut writer)
            .expect("plain fields serialise");
        out.push_str(std::str::from_utf8(&line).expect("serde_json writes UTF-8"));
    }
    out.push_str(if first { "]\n" } else { "\n]\n" });
    out
}

/// JSON on one line with a space after each `:` and `,`: `{"year": 2020, "unit": "城关区", …}`,
/// one value a line, easy to read and to diff.
struct OneLine;

impl serde_json::ser::Formatter for OneLine {
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        writer.write_all(b": ")
    }
}

/// Writes one set of dense values as tidy rows (no header).
pub fn write_rows(unit: &str, year: i32, form: FormVersion, values: &[i64], out: &mut String) {
    write_csv(rows(unit, year, form, values), out);
}

/// Writes reports as they were read (header included): see [`rows_as_read`].
pub fn write_as_read<'a>(reports: impl IntoIterator<Item = &'a UnitReport>, out: &mut String) {
    out.push_str(&HEADER.join(","));
    out.push('\n');
    for report in reports {
        write_csv(rows_as_read(report), out);
    }
}

/// Quotes a field when CSV needs it.
pub fn csv_field(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use gongkai_form::{FormVersion, MONEY_SCALE};

    use super::*;

    #[test]
    fn csv_and_json_say_the_same_values() {
        let form = FormVersion::F2019;
        let n = form.catalogue().len();
        let mut values = vec![0; n];
        values[n - 1] = 7;
        // The procurement amount: 1520.5 万元, exactly.
        let money = form
            .catalogue()
            .cells
            .iter()
            .find(|c| c.column.code == "amount")
            .unwrap()
            .index;
        values[money] = 1_520 * MONEY_SCALE + MONEY_SCALE / 2;
        let mut csv = String::new();
        write_rows("城关区, 东", 2020, form, &values, &mut csv);
        assert_eq!(csv.lines().count(), n);
        assert!(csv.contains("2020,\"城关区, 东\",active,procurement,amount,1520.5\n"));
        let json: serde_json::Value =
            serde_json::from_str(&to_json(rows("城关区, 东", 2020, form, &values))).unwrap();
        let json = json.as_array().unwrap();
        assert_eq!(json.len(), n);
        assert_eq!(json[money]["value"].to_string(), "1520.5");
        assert_eq!(json[money]["unit"], "城关区, 东");
        assert_eq!(json[n - 1]["value"], 7);
        assert!(to_json(rows("城关区", 2020, form, &values)).contains(
            "{\"year\": 2020, \"unit\": \"城关区\", \"section\": \"active\", \"row\": \"procurement\", \"column\": \"amount\", \"value\": 1520.5},\n"
        ));
        assert_eq!(to_json(std::iter::empty()), "[]\n");
    }

    #[test]
    fn as_read_leaves_out_absent_cells_and_keeps_blanks_blank() {
        let form = FormVersion::F2021;
        let mut report = UnitReport::empty(
            "西固区".into(),
            2021,
            form,
            std::sync::Arc::new("x.csv".into()),
            crate::Layout::Grid,
        );
        report.set(0, Some(3), 5);
        report.set(1, None, 6);
        let mut csv = String::new();
        write_as_read([&report], &mut csv);
        assert_eq!(csv.lines().count(), 3, "{csv}");
        assert!(
            csv.ends_with(",\n"),
            "the blank cell is an empty field: {csv}"
        );
        let json: serde_json::Value =
            serde_json::from_str(&to_json(rows_as_read(&report))).unwrap();
        assert_eq!(json[0]["value"], 3);
        assert!(json[1]["value"].is_null());
    }
}
