//! A typed cell as the text the value parser reads: numbers as the decimal the sheet shows,
//! everything that is not a number as a text the parser rejects, saying what it was.

use calamine::{Data, DataRef, ExcelDateTime};

/// The text of a cell, `None` when it is empty. `formula` is the cell's formula, if it has one:
/// a formula without a cached value (a file written by a program that does not calculate) is
/// its own text, `=SUM(D3:D5)`, which no number parser takes.
pub(crate) fn of_ref(value: &DataRef, formula: Option<&str>) -> Option<String> {
    let text = match value {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(b) => boolean(*b),
        DataRef::DateTime(d) => date_time(d),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => return formula_text(formula),
    };
    // An empty text (a formula's result "", a cell holding an empty string) is an empty cell.
    (!text.is_empty()).then_some(text)
}

/// [`of_ref`] for a cell of a block read whole (`.xls`, `.ods`).
pub(crate) fn of(value: &Data, formula: Option<&str>) -> Option<String> {
    let text = match value {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::String(s) => s.clone(),
        Data::Bool(b) => boolean(*b),
        Data::DateTime(d) => date_time(d),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::Empty => return formula_text(formula),
    };
    (!text.is_empty()).then_some(text)
}

fn formula_text(formula: Option<&str>) -> Option<String> {
    let f = formula?.trim();
    if f.is_empty() {
        return None;
    }
    // calamine gives `.xlsx` and `.xls` formulas without their `=`, `.ods` ones as `of:=…`.
    let f = f.strip_prefix("of:").unwrap_or(f);
    Some(if f.starts_with('=') {
        f.to_string()
    } else {
        format!("={f}")
    })
}

fn boolean(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.to_string()
}

/// A number as the sheet shows it: at most 15 significant digits, which is all a spreadsheet
/// keeps and shows (22744.07 stored as 22744.070000000003 after a sum is 22744.07), then the
/// shortest decimal that reads back as that number; a whole number as an integer (5.0 → "5").
pub(crate) fn number(f: f64) -> String {
    if !f.is_finite() {
        // Not a value any sheet holds; a text the value parser rejects.
        return f.to_string();
    }
    // Whole numbers a double holds exactly are printed whole, all their digits kept.
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        return format!("{}", f as i64);
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    let text = rounded.to_string();
    if text == "-0" {
        "0".to_string()
    } else {
        text
    }
}

/// A date as the sheet shows it, ISO-style (`2020-03-05`, with the time when there is one); a
/// duration as hours, minutes and seconds.
fn date_time(d: &ExcelDateTime) -> String {
    let value = d.as_f64();
    if d.is_duration() || !(0.0..=2_958_466.0).contains(&value) {
        let seconds = (value * 86_400.0).round() as i64;
        let sign = if seconds < 0 { "-" } else { "" };
        let s = seconds.unsigned_abs();
        return format!("{sign}{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    }
    let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
    if (h, min, s) == (0, 0, 0) {
        format!("{y:04}-{m:02}-{day:02}")
    } else {
        format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_the_sheet_shows_them() {
        let cases = [
            (22744.07, "22744.07"),
            (22744.070000000003, "22744.07"),
            (0.1 + 0.2, "0.3"),
            (5.0, "5"),
            (-271.0, "-271"),
            (1432816.0, "1432816"),
            (278800.0, "278800"),
            (4068.208, "4068.208"),
            (0.5, "0.5"),
            (-0.0, "0"),
            (1e-7, "0.0000001"),
            (123456789012.34, "123456789012.34"),
        ];
        for (f, text) in cases {
            assert_eq!(number(f), text, "{f:?}");
        }
    }

    #[test]
    fn what_is_not_a_number_says_what_it_is() {
        assert_eq!(of(&Data::Bool(true), None).as_deref(), Some("TRUE"));
        assert_eq!(
            of(&Data::Error(calamine::CellErrorType::Div0), None).as_deref(),
            Some("#DIV/0!")
        );
        assert_eq!(
            of(&Data::Empty, Some("SUM(D3:D5)")).as_deref(),
            Some("=SUM(D3:D5)")
        );
        assert_eq!(
            of(&Data::Empty, Some("of:=SUM([.D3:.D5])")).as_deref(),
            Some("=SUM([.D3:.D5])")
        );
        assert_eq!(of(&Data::Empty, None), None);
        assert_eq!(of(&Data::String(String::new()), None), None);
        // A cached value wins over the formula.
        assert_eq!(
            of(&Data::Float(12.0), Some("SUM(D3:D5)")).as_deref(),
            Some("12")
        );
        let date = ExcelDateTime::new(43895.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(
            of(&Data::DateTime(date), None).as_deref(),
            Some("2020-03-05")
        );
    }
}
