//! The form as an Excel workbook for a unit to fill in: the official tables as placed by
//! [`super::sheet`], blank (the `template` command) or filled with a report's values (test
//! fixtures, benchmarks).
//!
//! What a unit may change is only what it must fill: the unit's name, the year and the form's
//! cells are unlocked and the sheet is protected (no password: it guards against slips, not
//! people). Every number cell validates what its kind allows (R5), with a message in Chinese.
//! The rules R1–R4 are live formulas beside the cells they check, built from the rules' data:
//! `✓` when a rule holds, `✗ 差 3` (left side minus right side) when not, coloured by
//! conditional formats. Blank cells count as 0 in the sums, but a check of cells that are all
//! blank shows nothing: an untouched template is not wrong, and a part not yet filled is not
//! yet checked. A check's text is never a number, so the locator passes over it as words
//! beside the table.
//!
//! The same form and values give the same bytes: the creation date is fixed (1 January of the
//! year after the report year, when reports are compiled) and the zip entries carry no times.

use rust_xlsxwriter::utility::row_col_to_cell;
use rust_xlsxwriter::{
    Color, ConditionalFormatText, ConditionalFormatTextRule, DataValidation,
    DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use gongkai_form::rules::Rule;
use gongkai_form::{FormVersion, Relation, ValueKind, MONEY_SCALE};

use super::sheet::{self, At, Check, Role, Sheet, Span};

pub use rust_xlsxwriter::XlsxError as Error;

/// Widths of the label columns, in Excel's character units.
pub const LABEL_WIDTHS: [f64; sheet::LABEL_COLUMNS as usize] = [12.0, 16.0, 34.0];
pub const VALUE_WIDTH: f64 = 11.0;
/// The column of table 三's row checks holds a label over it: wider.
const CHECK_WIDTH: f64 = 16.0;
/// Height of one line of text, in points.
const LINE_HEIGHT: f64 = 15.0;

/// The sheet's name when no unit is named.
pub const SHEET: &str = "统计表";

struct Formats {
    title: Format,
    meta: Format,
    section: Format,
    header: Format,
    label: Format,
    check_label: Format,
    check: Format,
    check_line: Format,
    summary: Format,
    unit: Format,
    year: Format,
    count: Format,
    money: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        // What a unit fills in stands out from what it may not touch.
        let input = cell
            .clone()
            .set_unlocked()
            .set_background_color(Color::RGB(0xFFF8E1))
            .set_align(FormatAlign::Right);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            meta: Format::new().set_bold(),
            section: Format::new().set_bold(),
            header: cell.clone().set_align(FormatAlign::Center),
            label: cell.clone().set_align(FormatAlign::Left),
            check_label: Format::new()
                .set_text_wrap()
                .set_italic()
                .set_font_color(Color::RGB(0x595959))
                .set_align(FormatAlign::VerticalCenter),
            check: Format::new()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            check_line: Format::new()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter),
            summary: Format::new().set_bold().set_align(FormatAlign::Left),
            unit: input.clone().set_align(FormatAlign::Left),
            year: input
                .clone()
                .set_num_format("0")
                .set_align(FormatAlign::Left),
            count: input.clone().set_num_format("0"),
            money: input.set_num_format("General"),
        }
    }

    fn of(&self, role: Role) -> &Format {
        match role {
            Role::Title => &self.title,
            Role::Meta => &self.meta,
            Role::Section => &self.section,
            Role::Header => &self.header,
            Role::Label => &self.label,
            Role::Check => &self.check_label,
        }
    }
}

/// Text over a span: merged when it is more than one cell.
/// `text` over `span`, merged when the span is more than one cell.
pub fn put(ws: &mut Worksheet, span: Span, text: &str, format: &Format) -> Result<(), XlsxError> {
    let (r0, c0) = span.first;
    let (r1, c1) = span.last;
    if span.is_merged() {
        ws.merge_range(r0, c0, r1, c1, text, format)?;
    } else {
        ws.write_string_with_format(r0, c0, text, format)?;
    }
    Ok(())
}

/// Makes the rows of a label tall enough for its text wrapped over its columns (a CJK
/// character is two units wide); Excel does not grow rows for wrapped text by itself.
pub fn fit(ws: &mut Worksheet, span: Span, text: &str, widths: &[f64]) -> Result<(), XlsxError> {
    let width: f64 = (span.first.1..=span.last.1)
        .map(|c| widths.get(c as usize).copied().unwrap_or(VALUE_WIDTH))
        .sum();
    let need: f64 = text
        .chars()
        .map(|c| if (c as u32) < 0x2E80 { 1.0 } else { 2.0 })
        .sum();
    let rows = f64::from(span.last.0 - span.first.0 + 1);
    let lines = (need / (width - 1.0).max(1.0) / rows).ceil().max(1.0);
    if lines > 1.0 {
        for r in span.first.0..=span.last.0 {
            ws.set_row_height(r, LINE_HEIGHT * lines)?;
        }
    }
    Ok(())
}

/// `D20:D40,E20` for cells at `places`: runs down a column or along a row become ranges.
fn refs(places: &mut [At]) -> String {
    places.sort_by_key(|&(r, c)| (c, r));
    let mut singles: Vec<At> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < places.len() {
        let (r, c) = places[i];
        let mut j = i + 1;
        while j < places.len() && places[j] == (r + (j - i) as u32, c) {
            j += 1;
        }
        if j - i > 1 {
            let (last, _) = places[j - 1];
            parts.push(format!(
                "{}:{}",
                row_col_to_cell(r, c),
                row_col_to_cell(last, c)
            ));
        } else {
            singles.push((r, c));
        }
        i = j;
    }
    singles.sort_unstable();
    let mut i = 0;
    while i < singles.len() {
        let (r, c) = singles[i];
        let mut j = i + 1;
        while j < singles.len() && singles[j] == (r, c + (j - i) as u16) {
            j += 1;
        }
        let (_, last) = singles[j - 1];
        parts.push(if j - i > 1 {
            format!("{}:{}", row_col_to_cell(r, c), row_col_to_cell(r, last))
        } else {
            row_col_to_cell(r, c)
        });
        i = j;
    }
    parts.join(",")
}

/// The cells of `indexes` on the sheet.
fn places(sheet: &Sheet, indexes: &[usize]) -> Vec<At> {
    indexes
        .iter()
        .filter_map(|&i| sheet.cells.get(i))
        .map(|s| s.first)
        .collect()
}

/// What a check shows when its rule fails: the difference, left side minus right side.
const FAILS: &str = "✗ 差 ";
const HOLDS: &str = "✓";
/// Between a line's label and what it shows.
const AFTER_LABEL: &str = "　";

/// A rule's parts as formulas: every cell it reads, and its left side minus its right side.
struct Terms {
    all: String,
    diff: String,
    holds: &'static str,
}

fn terms(sheet: &Sheet, rule: &Rule) -> Terms {
    let lhs = refs(&mut places(sheet, &rule.lhs));
    let rhs = refs(&mut places(sheet, &rule.rhs));
    let mut all = places(sheet, &rule.lhs);
    all.extend(places(sheet, &rule.rhs));
    let diff = if rhs.is_empty() {
        format!("SUM({lhs})")
    } else {
        format!("SUM({lhs})-SUM({rhs})")
    };
    let holds = match rule.relation {
        Relation::Eq => "=0",
        Relation::Le => "<=0",
        Relation::Ge => ">=0",
    };
    Terms {
        all: refs(&mut all),
        diff,
        holds,
    }
}

/// The name of what a rule in a line of checks runs along: the column of its first cell.
fn scope_name(rule: &Rule, form: FormVersion) -> &'static str {
    rule.lhs
        .first()
        .and_then(|&i| form.catalogue().cells.get(i))
        .map_or(rule.scope, |c| c.column.label)
}

/// The live formula of a check cell. One rule: blank while every cell it reads is blank, else
/// ✓ or the difference. A line: its label, then ✓ when every rule holds whose cells are not
/// all blank, or ✗ and, for each that fails, what it runs along and the difference.
pub fn check_formula(sheet: &Sheet, check: &Check) -> String {
    match (check.label, check.rules.as_slice()) {
        (None, [rule]) => {
            let t = terms(sheet, rule);
            format!(
                r#"=IF(COUNTA({all})=0,"",IF({diff}{holds},"{HOLDS}","{FAILS}"&({diff})))"#,
                all = t.all,
                diff = t.diff,
                holds = t.holds
            )
        }
        (label, rules) => {
            let t: Vec<(Terms, &str)> = rules
                .iter()
                .map(|r| (terms(sheet, r), scope_name(r, sheet.form)))
                .collect();
            let all = t.iter().map(|(t, _)| t.all.as_str()).collect::<Vec<_>>();
            let ok = t
                .iter()
                .map(|(t, _)| format!("OR(COUNTA({})=0,{}{})", t.all, t.diff, t.holds))
                .collect::<Vec<_>>()
                .join(",");
            let failing = t
                .iter()
                .map(|(t, name)| {
                    format!(
                        r#"IF(OR(COUNTA({all})=0,{diff}{holds}),""," {name} 差 "&({diff}))"#,
                        all = t.all,
                        diff = t.diff,
                        holds = t.holds
                    )
                })
                .collect::<Vec<_>>()
                .join("&");
            format!(
                r#"="{label}{AFTER_LABEL}"&IF(COUNTA({all})=0,"",IF(AND({ok}),"{HOLDS}","✗"&{failing}))"#,
                label = label.unwrap_or(""),
                all = all.join(","),
            )
        }
    }
}

/// One rule on these values: `None` while every cell it reads is blank, else its left side
/// minus its right side and whether it holds.
fn evaluate(rule: &Rule, values: &[i64], blank: &[bool]) -> Option<(i128, bool)> {
    let filled = |i: &usize| !blank.get(*i).copied().unwrap_or(true);
    if !rule.lhs.iter().chain(&rule.rhs).any(filled) {
        return None;
    }
    let sum = |idx: &[usize]| -> i128 {
        idx.iter()
            .filter(|i| filled(i))
            .map(|&i| i128::from(values.get(i).copied().unwrap_or(0)))
            .sum()
    };
    let (lhs, rhs) = (sum(&rule.lhs), sum(&rule.rhs));
    Some((lhs - rhs, rule.relation.holds(lhs, rhs)))
}

/// What [`check_formula`] shows for these values: the formula's cached result, for readers
/// that do not calculate.
fn check_result(sheet: &Sheet, check: &Check, values: Option<(&[i64], &[bool])>) -> String {
    let results: Vec<Option<(i128, bool)>> = match values {
        Some((v, blank)) => check.rules.iter().map(|r| evaluate(r, v, blank)).collect(),
        None => vec![None; check.rules.len()],
    };
    match (check.label, check.rules.as_slice()) {
        (None, [_]) => match results.first().copied().flatten() {
            None => String::new(),
            Some((_, true)) => HOLDS.to_string(),
            Some((diff, false)) => format!("{FAILS}{diff}"),
        },
        (label, rules) => {
            let mut text = format!("{}{AFTER_LABEL}", label.unwrap_or(""));
            if results.iter().all(Option::is_none) {
                return text;
            }
            let failing: String = rules
                .iter()
                .zip(&results)
                .filter_map(|(r, res)| match res {
                    Some((diff, false)) => {
                        Some(format!(" {} 差 {diff}", scope_name(r, sheet.form)))
                    }
                    _ => None,
                })
                .collect();
            if failing.is_empty() {
                text.push_str(HOLDS);
            } else {
                text.push('✗');
                text.push_str(&failing);
            }
            text
        }
    }
}

/// How many check cells show a failure, or ✓ when some hold and none fails.
fn summary_formula(sheet: &Sheet) -> String {
    let mut at: Vec<At> = sheet.checks.iter().map(|c| c.span.first).collect();
    let runs = refs(&mut at);
    let count = |what: &str| {
        runs.split(',')
            .map(|r| format!(r#"COUNTIF({r},"{what}")"#))
            .collect::<Vec<_>>()
            .join("+")
    };
    let fails = count("*✗*");
    let holds = count("*✓*");
    format!(r#"=IF(({fails})>0,"✗ "&({fails})&" 处不符",IF(({holds})>0,"✓ 未发现不符",""))"#)
}

fn summary_result(results: &[String]) -> String {
    let fails = results.iter().filter(|r| r.contains('✗')).count();
    if fails > 0 {
        format!("✗ {fails} 处不符")
    } else if results.iter().any(|r| r.contains(HOLDS)) {
        "✓ 未发现不符".to_string()
    } else {
        String::new()
    }
}

/// What a cell of each kind accepts, and the words that say so.
fn validation(kind: ValueKind) -> Result<DataValidation, XlsxError> {
    let (rule, title, input, error) = match kind {
        ValueKind::Count => (
            DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
            "只能填 0 或正整数",
            "请填写件数：0 或正整数。没有的填 0，不要留空，也不要填“无”“-”或文字。",
            "此格只能填 0 或正整数（件数），不能填小数、负数或文字。",
        ),
        ValueKind::SignedCount => (
            DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(i32::MIN, i32::MAX)),
            "只能填整数，可为负数",
            "请填写本年增/减的件数：增加填正数，减少填负数（如 -3），没有变化填 0。",
            "此格只能填整数（增加为正，减少为负），不能填小数或文字。",
        ),
        ValueKind::Money => (
            DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
            "只能填金额（万元）",
            "请填写金额，单位万元，可带小数（如 22744.07）。没有的填 0，不要带“万元”等文字。",
            "此格只能填大于或等于 0 的数（单位：万元），不能填负数或文字。",
        ),
    };
    rule.set_input_title(title)?
        .set_input_message(input)?
        .set_error_title("填写有误")?
        .set_error_message(error)
        .map(|v| v.set_error_style(DataValidationErrorStyle::Stop))
}

/// The years a form is for, and the words that say so.
fn year_validation(form: FormVersion) -> Result<DataValidation, XlsxError> {
    let (first, last, years) = match form {
        FormVersion::F2019 => (2019, 2020, "2019 或 2020 年度"),
        FormVersion::F2021 => (2021, 2100, "2021 年度起"),
    };
    DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(first, last))
        .set_input_title("报告年度")?
        .set_input_message(format!(
            "请填写报告年度，如 {first}。本表（{}）用于{years}。",
            form.notice()
        ))?
        .set_error_title("年度有误")?
        .set_error_message(format!(
            "本表（{}）用于{years}：请填写 {first}–{last} 之间的年份。",
            form.notice()
        ))
}

/// A sheet name from a unit's name: Excel allows 31 UTF-16 units (a rare ideograph such as 𠮷
/// takes two) and none of `[]:*?/\`.
fn sheet_name(unit: Option<&str>) -> String {
    let mut units = 0;
    let name: String = unit
        .unwrap_or("")
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take_while(|c| {
            units += c.len_utf16();
            units <= 31
        })
        .collect();
    let name = name.trim().trim_matches('\'').to_string();
    if name.is_empty() {
        SHEET.to_string()
    } else {
        name
    }
}

/// Writes the form's workbook: blank where `values` is `None` (the `template` command), else
/// filled with the values, blank where `blank` says so. `unit` and `year` fill their cells.
pub fn write(
    form: FormVersion,
    unit: Option<&str>,
    year: Option<i32>,
    values: Option<(&[i64], &[bool])>,
) -> Result<Vec<u8>, XlsxError> {
    let sheet = sheet::placed(form);
    let cat = form.catalogue();
    let f = Formats::new();
    let mut wb = Workbook::new();
    let compiled = year.map_or(i32::from(form.number()) + 1, |y| y + 1);
    let created = ExcelDateTime::from_ymd(compiled.clamp(1900, 9998) as u16, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("政府信息公开工作年度报告统计表")
            .set_subject(form.notice())
            .set_author("gongkai")
            .set_comment(format!("gongkai {}", env!("CARGO_PKG_VERSION")))
            .set_creation_datetime(&created),
    );
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(unit))?;
    let mut widths = vec![VALUE_WIDTH; usize::from(sheet.columns)];
    for (c, w) in LABEL_WIDTHS.iter().enumerate() {
        if let Some(slot) = widths.get_mut(c) {
            *slot = *w;
        }
    }
    // A column of checks with its label over it (right of table 三's rows) is wider.
    for t in sheet.texts.iter().filter(|t| t.role == Role::Check) {
        if t.span.first.1 == t.span.last.1 {
            if let Some(slot) = widths.get_mut(usize::from(t.span.first.1)) {
                *slot = CHECK_WIDTH;
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }

    for t in &sheet.texts {
        put(ws, t.span, &t.text, f.of(t.role))?;
        if matches!(t.role, Role::Label | Role::Check) {
            fit(ws, t.span, &t.text, &widths)?;
        }
    }

    // The unit's and the year's cells.
    put(ws, sheet.unit, unit.unwrap_or(""), &f.unit)?;
    let (yr, yc) = sheet.year;
    match year {
        Some(y) => ws.write_number_with_format(yr, yc, f64::from(y), &f.year)?,
        None => ws.write_blank(yr, yc, &f.year)?,
    };
    ws.add_data_validation(yr, yc, yr, yc, &year_validation(form)?)?;

    // The form's cells, and per kind one validation over all of them.
    let mut by_kind: Vec<(ValueKind, Vec<At>)> = Vec::new();
    for cell in &cat.cells {
        let Some(&span) = sheet.cells.get(cell.index) else {
            continue;
        };
        let kind = cell.kind();
        let format = match kind {
            ValueKind::Money => &f.money,
            ValueKind::Count | ValueKind::SignedCount => &f.count,
        };
        let (r, c) = span.first;
        if span.is_merged() {
            put(ws, span, "", format)?;
        }
        let value = values.and_then(|(v, blank)| {
            let filled = !blank.get(cell.index).copied().unwrap_or(true);
            v.get(cell.index).copied().filter(|_| filled)
        });
        match value {
            Some(v) if kind == ValueKind::Money => {
                ws.write_number_with_format(r, c, v as f64 / MONEY_SCALE as f64, format)?
            }
            Some(v) => ws.write_number_with_format(r, c, v as f64, format)?,
            None => ws.write_blank(r, c, format)?,
        };
        match by_kind.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, at)) => at.push(span.first),
            None => by_kind.push((kind, vec![span.first])),
        }
    }
    for (kind, mut at) in by_kind {
        let Some(&(r, c)) = at.first() else {
            continue;
        };
        let v = validation(kind)?.set_multi_range(refs(&mut at).replace(',', " "));
        ws.add_data_validation(r, c, r, c, &v)?;
    }

    // The checks, their summary and their colours.
    let mut results = Vec::with_capacity(sheet.checks.len());
    for check in &sheet.checks {
        let (r, c) = check.span.first;
        let result = check_result(sheet, check, values);
        let format = if check.label.is_some() {
            &f.check_line
        } else {
            &f.check
        };
        if check.span.is_merged() {
            put(ws, check.span, "", format)?;
        }
        ws.write_formula_with_format(r, c, check_formula(sheet, check).as_str(), format)?;
        ws.set_formula_result(r, c, result.clone());
        results.push(result);
    }
    put(ws, sheet.summary, "", &f.summary)?;
    let (sr, sc) = sheet.summary.first;
    ws.write_formula_with_format(sr, sc, summary_formula(sheet).as_str(), &f.summary)?;
    ws.set_formula_result(sr, sc, summary_result(&results));
    let mut at: Vec<At> = sheet.checks.iter().map(|c| c.span.first).collect();
    at.push(sheet.summary.first);
    let coloured = refs(&mut at).replace(',', " ");
    let good = Format::new()
        .set_font_color(Color::RGB(0x006100))
        .set_background_color(Color::RGB(0xC6EFCE));
    let bad = Format::new()
        .set_font_color(Color::RGB(0x9C0006))
        .set_background_color(Color::RGB(0xFFC7CE))
        .set_bold();
    // A line of checks opens with its label: what it shows is found anywhere in its text.
    for (shown, format) in [("✗", bad), (HOLDS, good)] {
        let cf = ConditionalFormatText::new()
            .set_rule(ConditionalFormatTextRule::Contains(shown.to_string()))
            .set_multi_range(coloured.clone())
            .set_format(format);
        ws.add_conditional_format(sr, sc, sr, sc, &cf)?;
    }

    ws.protect_with_options(&ProtectionOptions {
        // Widening a column to see a long number harms nothing.
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0); // one page wide, as many long as it takes
    let (ur, uc) = sheet.unit.first;
    ws.set_selection(ur, uc, ur, uc)?;
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_join_runs_into_ranges() {
        assert_eq!(refs(&mut []), "");
        assert_eq!(refs(&mut [(4, 2)]), "C5");
        // Runs down a column first, then the rest row by row, runs along a row joined.
        assert_eq!(
            refs(&mut [(5, 4), (0, 0), (2, 0), (1, 0), (5, 3), (9, 0)]),
            "A1:A3,D6:E6,A10"
        );
    }

    #[test]
    fn sheet_names_are_what_excel_allows() {
        assert_eq!(sheet_name(Some("城关区")), "城关区");
        assert_eq!(sheet_name(Some("a/b[c]:d*?\\")), "abcd");
        assert_eq!(sheet_name(Some("  ")), SHEET);
        assert_eq!(sheet_name(None), SHEET);
        assert_eq!(sheet_name(Some(&"局".repeat(40))).chars().count(), 31);
    }

    #[test]
    fn a_long_name_of_rare_ideographs_still_names_the_sheet() {
        use calamine::Reader;
        let unit = "𠮷".repeat(20);
        assert_eq!(sheet_name(Some(&unit)), "𠮷".repeat(15));
        let bytes = write(FormVersion::F2021, Some(&unit), None, None).unwrap_or_default();
        let book = calamine::Xlsx::new(std::io::Cursor::new(bytes));
        assert_eq!(
            book.map(|b| b.sheet_names()).ok(),
            Some(vec!["𠮷".repeat(15)])
        );
    }
}
