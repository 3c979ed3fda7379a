//! The ranking as CSV (one line per file) and JSON (each file with its findings).

use gongkai_report::write::tidy::csv_field;
use serde_json::{json, Map, Value};

use crate::Row;

/// The CSV's columns.
pub const CSV_HEADER: &str = "unit,year,form,file,values,blank,errors,warnings,rules";

/// One line per file, worst first; `rules` as `R1:1;X3:2`. A file that gave no report has an
/// empty unit, year and form.
pub fn to_csv(rows: &[Row]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for r in rows {
        let fields = r.fields();
        let line: Vec<String> = fields.iter().map(|f| csv_field(f).into_owned()).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// An array of the rows, worst first: the CSV's columns (`rules` as an object of counts), the
/// rank, the unit's name as printed when the registry names it otherwise, and the findings as
/// `validate --format json` writes them.
pub fn to_json(rows: &[Row]) -> Value {
    Value::Array(
        rows.iter()
            .enumerate()
            .map(|(i, r)| {
                let rules: Map<String, Value> = r
                    .rules()
                    .into_iter()
                    .map(|(code, n)| (code.to_string(), json!(n)))
                    .collect();
                json!({
                    "rank": i + 1,
                    "unit": r.unit(),
                    "published_as": r.published_as,
                    "year": r.year(),
                    "form": r.form().map(|f| f.code()),
                    "file": r.file.display().to_string(),
                    "values": r.values(),
                    "blank": r.blank(),
                    "errors": r.errors(),
                    "warnings": r.warnings(),
                    "rules": rules,
                    "findings": r.findings,
                })
            })
            .collect(),
    )
}
