//! The workbook an analyst pastes into the city report: one sheet per year with the three
//! official tables laid out as the printed form (merged headers, the template's Chinese labels),
//! and a sheet of findings.
//!
//! The tables are where the form's own workbook places them (`gongkai_report::write::sheet`,
//! which walks the catalogue), so the template and this workbook are laid out by one piece of
//! code; the template's checks are left out. The workbook's creation date is fixed (1 January of the year after the last report
//! year, when such reports are compiled) and the zip entries carry no times, so the same totals
//! give the same bytes.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use gongkai_aggregate::Total;
use gongkai_form::{FormVersion, ValueKind, MONEY_SCALE};
use gongkai_messages::msg;
use gongkai_report::write::sheet::{self, Role, Span};
use gongkai_report::write::workbook::{fit, put, LABEL_WIDTHS, VALUE_WIDTH};
use gongkai_report::Finding;

struct Formats {
    title: Format,
    note: Format,
    heading: Format,
    header: Format,
    label: Format,
    count: Format,
    money: Format,
    plain: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new(),
            heading: Format::new().set_bold(),
            header: cell.clone().set_align(FormatAlign::Center),
            label: cell.clone().set_align(FormatAlign::Left),
            count: cell
                .clone()
                .set_align(FormatAlign::Right)
                .set_num_format("0"),
            money: cell.set_align(FormatAlign::Right).set_num_format("General"),
            plain: Format::new().set_align(FormatAlign::Top),
        }
    }
}

/// A value cell over `span` (an item of table 二 narrower than the widest spans the rest of its
/// row, as on the printed form).
fn number(
    ws: &mut Worksheet,
    f: &Formats,
    span: Span,
    value: i64,
    kind: ValueKind,
) -> Result<(), XlsxError> {
    let (x, format) = match kind {
        ValueKind::Money => (value as f64 / MONEY_SCALE as f64, &f.money),
        _ => (value as f64, &f.count),
    };
    if span.is_merged() {
        put(ws, span, "", format)?;
    }
    let (r, c) = span.first;
    ws.write_number_with_format(r, c, x, format)?;
    Ok(())
}

fn year_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    t: &Total,
    sheet: &str,
    failing: &[String],
    notes: bool,
) -> Result<(), XlsxError> {
    ws.set_name(sheet)?;
    // The three tables where the form's workbook places them (`report::write::sheet`), below this
    // sheet's own title and notes, which take the lines of the form's title, unit and year; the
    // form's checks are left out: these are the totals, checked on the findings sheet.
    let placed = sheet::placed(t.form);
    let mut widths = vec![VALUE_WIDTH; usize::from(placed.columns)];
    widths[..LABEL_WIDTHS.len()].copy_from_slice(&LABEL_WIDTHS);
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let title = msg!(
        "export-sheet-title",
        name = t.name.as_str(),
        year = t.year,
        form = t.form.to_string(),
        notice = t.form.notice()
    );
    ws.write_string_with_format(0, 0, &title, &f.title)?;
    let mut note = msg!("export-sheet-units", count = t.units.len());
    if !failing.is_empty() {
        note.push_str(&msg!(
            "export-sheet-failing",
            count = failing.len(),
            units = failing.join(&msg!("export-list-sep")),
            sheet = msg!("export-findings-sheet")
        ));
    }
    ws.write_string_with_format(1, 0, &note, &f.note)?;
    if notes {
        let see = msg!("export-sheet-see-notes", sheet = msg!("export-notes-sheet"));
        ws.write_string_with_format(2, 0, &see, &f.note)?;
    }
    for text in &placed.texts {
        let format = match text.role {
            Role::Section => &f.heading,
            Role::Header => &f.header,
            Role::Label => &f.label,
            Role::Title | Role::Meta | Role::Check => continue,
        };
        put(ws, text.span, &text.text, format)?;
        if text.role == Role::Label {
            fit(ws, text.span, &text.text, &widths)?;
        }
    }
    let cat = t.form.catalogue();
    for cell in &cat.cells {
        if let (Some(&span), Some(&v)) = (placed.cells.get(cell.index), t.values.get(cell.index)) {
            number(ws, f, span, v, cell.kind())?;
        }
    }
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0); // one page wide, as many long as it takes
    Ok(())
}

/// Column headers of the findings sheet: Chinese and the field name.
const FINDING_HEADERS: [(&str, f64); 11] = [
    ("文件 file", 36.0),
    ("行 line", 7.0),
    ("列 column", 7.0),
    ("单位 unit", 22.0),
    ("年度 year", 8.0),
    ("规则 rule", 9.0),
    ("级别 level", 9.0),
    ("单元格 cells", 40.0),
    ("应为 expected", 14.0),
    ("实为 found", 14.0),
    ("说明 message", 90.0),
];

fn findings_sheet(ws: &mut Worksheet, f: &Formats, findings: &[&Finding]) -> Result<(), XlsxError> {
    ws.set_name(msg!("export-findings-sheet"))?;
    for (c, (h, width)) in FINDING_HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.heading)?;
        ws.set_column_width(c as u16, *width)?;
    }
    for (i, x) in findings.iter().enumerate() {
        let r = i as u32 + 1;
        let text = |ws: &mut Worksheet, c: u16, s: Option<&str>| -> Result<(), XlsxError> {
            if let Some(s) = s {
                ws.write_string_with_format(r, c, s, &f.plain)?;
            }
            Ok(())
        };
        let num = |ws: &mut Worksheet, c: u16, n: Option<f64>| -> Result<(), XlsxError> {
            if let Some(n) = n {
                ws.write_number_with_format(r, c, n, &f.plain)?;
            }
            Ok(())
        };
        text(
            ws,
            0,
            x.file.as_deref().map(|p| p.to_string_lossy()).as_deref(),
        )?;
        num(ws, 1, x.line().map(f64::from))?;
        num(ws, 2, x.column().map(f64::from))?;
        text(ws, 3, x.unit.as_deref())?;
        num(ws, 4, x.year.map(f64::from))?;
        text(ws, 5, Some(x.rule.code()))?;
        text(ws, 6, Some(x.level.code()))?;
        text(ws, 7, Some(&x.cells.join(";")))?;
        text(ws, 8, x.expected.as_deref())?;
        text(ws, 9, x.found.as_deref())?;
        text(ws, 10, Some(&x.to_string()))?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(
        0,
        0,
        findings.len() as u32,
        FINDING_HEADERS.len() as u16 - 1,
    )?;
    Ok(())
}

/// What a total rests on, one line each, for a sheet of its own (`consolidate --force`).
fn notes_sheet(ws: &mut Worksheet, f: &Formats, notes: &[String]) -> Result<(), XlsxError> {
    ws.set_name(msg!("export-notes-sheet"))?;
    ws.set_column_width(0, 120)?;
    for (i, line) in notes.iter().enumerate() {
        ws.write_string_with_format(i as u32, 0, line, &f.plain)?;
    }
    Ok(())
}

/// Sheet names for `totals`: `2020年` when a year has one total, else the total's name and year;
/// cut to Excel's 31 characters without the characters it refuses, and never twice the same.
fn sheet_names(totals: &[Total]) -> Vec<String> {
    let mut used: Vec<String> = Vec::new();
    for t in totals {
        let alone = totals.iter().filter(|x| x.year == t.year).count() == 1;
        let base = if alone {
            format!("{}年", t.year)
        } else {
            let name: String = t
                .name
                .chars()
                .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\''))
                .collect();
            let name: String = name.chars().take(24).collect();
            format!("{name} {}", t.year)
        };
        let mut name = base.clone();
        let mut n = 2;
        while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
            let suffix = format!("({n})");
            let keep = 31usize.saturating_sub(suffix.chars().count());
            name = base.chars().take(keep).collect::<String>() + &suffix;
            n += 1;
        }
        used.push(name);
    }
    used
}

/// The workbook's bytes: a sheet per total (one per year for the batch's total), the notes on
/// what the totals rest on when there are any, then the findings.
/// `failing(unit, year)` says whether a unit's report has rule errors.
pub fn write(
    totals: &[Total],
    findings: &[&Finding],
    failing: &dyn Fn(&str, i32) -> bool,
    notes: &[String],
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let last_year = totals.iter().map(|t| t.year).max().unwrap_or(2019);
    let created = ExcelDateTime::from_ymd((last_year + 1).clamp(1900, 9998) as u16, 1, 1)?;
    let forms: Vec<&str> = {
        let mut v: Vec<FormVersion> = totals.iter().map(|t| t.form).collect();
        v.sort();
        v.dedup();
        v.iter().map(|f| f.notice()).collect()
    };
    wb.set_properties(
        &DocProperties::new()
            .set_title("政府信息公开工作年度报告统计表")
            .set_subject(forms.join("，"))
            .set_author("gongkai")
            .set_comment(format!("gongkai {}", env!("CARGO_PKG_VERSION")))
            .set_creation_datetime(&created),
    );
    let f = Formats::new();
    for (t, sheet) in totals.iter().zip(sheet_names(totals)) {
        let failing: Vec<String> = t
            .units
            .iter()
            .filter(|u| failing(u, t.year))
            .cloned()
            .collect();
        year_sheet(
            wb.add_worksheet(),
            &f,
            t,
            &sheet,
            &failing,
            !notes.is_empty(),
        )?;
    }
    if !notes.is_empty() {
        notes_sheet(wb.add_worksheet(), &f, notes)?;
    }
    findings_sheet(wb.add_worksheet(), &f, findings)?;
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use gongkai_form::FormVersion;

    use super::*;

    fn total(name: &str, year: i32) -> Total {
        Total {
            name: name.to_string(),
            year,
            form: FormVersion::for_year(year),
            values: Vec::new(),
            blank_units: Vec::new(),
            units: Vec::new(),
        }
    }

    /// A year with one total is `2020年`; a year with several (by parent) names each, and no
    /// two sheets share a name, however long or odd the names.
    #[test]
    fn sheet_names_are_unique_and_fit_excel() {
        let long = "某某省某某市某某区某某街道办事处某某社区居民委员会[一]";
        let names = sheet_names(&[
            total("兰州市", 2020),
            total("兰州市", 2021),
            total("城关区", 2021),
            total(long, 2021),
            total(long, 2021),
        ]);
        assert_eq!(names[..3], ["2020年", "兰州市 2021", "城关区 2021"]);
        assert_ne!(names[3], names[4]);
        for n in &names {
            assert!(n.chars().count() <= 31, "{n}");
            assert!(!n.contains('['), "{n}");
        }
    }
}
