//! The workbook an analyst pastes into the city report: one sheet per year with the three
//! official tables laid out as the printed form (merged headers, the template's Chinese labels),
//! and a sheet of findings.
//!
//! The tables are laid out by walking the form catalogue: blocks, their rows' label paths and
//! their columns. Only the few headings the catalogue does not hold (信息内容, 申请人情况,
//! 法人或其他组织 and the R1 note printed on the form) are written here, as in the terminal
//! renderer. The workbook's creation date is fixed (1 January of the year after the last report
//! year, when such reports are compiled) and the zip entries carry no times, so the same totals
//! give the same bytes.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use gongkai_aggregate::Total;
use gongkai_form::{Block, FormVersion, Section, ValueKind, MONEY_SCALE};
use gongkai_messages::msg;
use gongkai_report::Finding;

const INFO: &str = "信息内容";
const APPLICANTS: &str = "申请人情况";
const ORGANISATIONS: &str = "法人或其他组织";
const R1_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
/// Label columns on the left of tables 二 and 三 (table 三's rows nest three deep).
const LABEL_COLS: u16 = 3;

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

/// Text over the range `(r0, c0)..=(r1, c1)`: merged when it is more than one cell.
fn put(
    ws: &mut Worksheet,
    (r0, c0): (u32, u16),
    (r1, c1): (u32, u16),
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if r0 == r1 && c0 == c1 {
        ws.write_string_with_format(r0, c0, text, format)?;
    } else {
        ws.merge_range(r0, c0, r1, c1, text, format)?;
    }
    Ok(())
}

/// A value cell spanning columns `c0..=c1` of row `r`.
fn number(
    ws: &mut Worksheet,
    f: &Formats,
    r: u32,
    (c0, c1): (u16, u16),
    value: i64,
    kind: ValueKind,
) -> Result<(), XlsxError> {
    let (x, format) = match kind {
        ValueKind::Money => (value as f64 / MONEY_SCALE as f64, &f.money),
        _ => (value as f64, &f.count),
    };
    if c1 > c0 {
        put(ws, (r, c0), (r, c1), "", format)?;
    }
    ws.write_number_with_format(r, c0, x, format)?;
    Ok(())
}

/// Widths of the label columns, in Excel's character units.
const LABEL_WIDTHS: [f64; LABEL_COLS as usize] = [12.0, 16.0, 34.0];
/// Height of one line of text, in points.
const LINE_HEIGHT: f64 = 15.0;

/// Makes row `r` tall enough for `text` wrapped in label columns `c0..=c1` (a CJK character is
/// two units wide); Excel does not grow rows for wrapped text by itself.
fn fit(ws: &mut Worksheet, r: u32, (c0, c1): (u16, u16), text: &str) -> Result<(), XlsxError> {
    let width: f64 = LABEL_WIDTHS[c0 as usize..=c1 as usize].iter().sum();
    let need: f64 = text
        .chars()
        .map(|c| if (c as u32) < 0x2E80 { 1.0 } else { 2.0 })
        .sum();
    let lines = (need / (width - 1.0)).ceil().max(1.0);
    if lines > 1.0 {
        ws.set_row_height(r, LINE_HEIGHT * lines)?;
    }
    Ok(())
}

/// Consecutive rows `from..` of `rows` whose label paths share `path[..=depth]` with row `from`.
fn run(block: &Block, from: usize, depth: usize) -> usize {
    let key = &block.rows[from].path[..=depth];
    block.rows[from..]
        .iter()
        .take_while(|r| r.path.len() > depth && &r.path[..=depth] == key)
        .count()
}

/// Whether row `i` starts a new group at `depth` (the row before has another prefix).
fn starts(block: &Block, i: usize, depth: usize) -> bool {
    i == 0 || {
        let (prev, cur) = (block.rows[i - 1].path, block.rows[i].path);
        prev.len() <= depth || prev[..=depth] != cur[..=depth]
    }
}

/// Section 二: per item, its heading, a header line and one line per row. The narrower items'
/// last column spans the rest, so all items share one width as on the printed form.
fn active(ws: &mut Worksheet, f: &Formats, t: &Total, mut r: u32) -> Result<u32, XlsxError> {
    let cat = t.form.catalogue();
    let blocks: Vec<(usize, &Block)> = cat
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.section == Section::Active)
        .collect();
    let width = blocks
        .iter()
        .map(|(_, b)| b.columns.len())
        .max()
        .unwrap_or(1) as u16;
    let last = LABEL_COLS + width - 1;
    let span = |block: &Block, c: usize| -> (u16, u16) {
        let c0 = LABEL_COLS + c as u16;
        if c + 1 == block.columns.len() {
            (c0, last)
        } else {
            (c0, c0)
        }
    };
    for (b, block) in blocks {
        if let Some(h) = block.heading {
            put(ws, (r, 0), (r, last), h, &f.header)?;
            r += 1;
        }
        put(ws, (r, 0), (r, LABEL_COLS - 1), INFO, &f.header)?;
        for (c, column) in block.columns.iter().enumerate() {
            let (c0, c1) = span(block, c);
            put(ws, (r, c0), (r, c1), column.label, &f.header)?;
        }
        r += 1;
        for (i, row) in block.rows.iter().enumerate() {
            let label = row.path.last().copied().unwrap_or(row.code);
            put(ws, (r, 0), (r, LABEL_COLS - 1), label, &f.label)?;
            for (c, column) in block.columns.iter().enumerate() {
                let v = t.values[cat.cell_index(b, i, c)];
                number(ws, f, r, span(block, c), v, column.kind)?;
            }
            r += 1;
        }
    }
    Ok(r)
}

/// Section 三: three header lines over the applicant columns, then the rows with their label
/// paths nested in up to three label columns, each group merged down the rows it covers.
fn requests(ws: &mut Worksheet, f: &Formats, t: &Total, mut r: u32) -> Result<u32, XlsxError> {
    let cat = t.form.catalogue();
    let b = cat
        .blocks
        .iter()
        .position(|b| b.section == Section::Requests)
        .unwrap_or(0);
    let block = &cat.blocks[b];
    let n = block.columns.len() as u16;
    put(ws, (r, 0), (r + 2, LABEL_COLS - 1), R1_NOTE, &f.header)?;
    put(
        ws,
        (r, LABEL_COLS),
        (r, LABEL_COLS + n - 1),
        APPLICANTS,
        &f.header,
    )?;
    // Columns other than 自然人 and 总计 are the kinds of 法人或其他组织.
    let grouped = |code: &str| code != "natural_person" && code != "total";
    let mut c = 0usize;
    while c < block.columns.len() {
        let col = LABEL_COLS + c as u16;
        if grouped(block.columns[c].code) {
            let k = block.columns[c..]
                .iter()
                .take_while(|x| grouped(x.code))
                .count();
            put(
                ws,
                (r + 1, col),
                (r + 1, col + k as u16 - 1),
                ORGANISATIONS,
                &f.header,
            )?;
            for (j, x) in block.columns[c..c + k].iter().enumerate() {
                put(
                    ws,
                    (r + 2, col + j as u16),
                    (r + 2, col + j as u16),
                    x.label,
                    &f.header,
                )?;
            }
            c += k;
        } else {
            put(
                ws,
                (r + 1, col),
                (r + 2, col),
                block.columns[c].label,
                &f.header,
            )?;
            c += 1;
        }
    }
    r += 3;
    for (i, row) in block.rows.iter().enumerate() {
        let depth = row.path.len();
        for d in 0..depth - 1 {
            if starts(block, i, d) {
                let k = run(block, i, d) as u32;
                put(
                    ws,
                    (r, d as u16),
                    (r + k - 1, d as u16),
                    row.path[d],
                    &f.label,
                )?;
            }
        }
        let span = ((depth - 1) as u16, LABEL_COLS - 1);
        put(ws, (r, span.0), (r, span.1), row.path[depth - 1], &f.label)?;
        fit(ws, r, span, row.path[depth - 1])?;
        for (c, column) in block.columns.iter().enumerate() {
            let v = t.values[cat.cell_index(b, i, c)];
            let col = LABEL_COLS + c as u16;
            number(ws, f, r, (col, col), v, column.kind)?;
        }
        r += 1;
    }
    Ok(r)
}

/// Section 四: the rows become column groups (行政复议 | 行政诉讼: 未经复议直接起诉, 复议后起诉),
/// each with its outcome columns, over one line of numbers.
fn appeals(ws: &mut Worksheet, f: &Formats, t: &Total, r: u32) -> Result<u32, XlsxError> {
    let cat = t.form.catalogue();
    let b = cat
        .blocks
        .iter()
        .position(|b| b.section == Section::Appeals)
        .unwrap_or(0);
    let block = &cat.blocks[b];
    let n = block.columns.len() as u16;
    let depth = block.rows.iter().map(|x| x.path.len()).max().unwrap_or(1) as u32;
    for (i, row) in block.rows.iter().enumerate() {
        let c0 = i as u16 * n;
        for d in 0..row.path.len() {
            if starts(block, i, d) {
                let k = run(block, i, d) as u16;
                put(
                    ws,
                    (r + d as u32, c0),
                    (r + d as u32, c0 + k * n - 1),
                    row.path[d],
                    &f.header,
                )?;
            }
        }
        let top = r + row.path.len() as u32;
        for (c, column) in block.columns.iter().enumerate() {
            let col = c0 + c as u16;
            put(ws, (top, col), (r + depth, col), column.label, &f.header)?;
            let v = t.values[cat.cell_index(b, i, c)];
            number(ws, f, r + depth + 1, (col, col), v, column.kind)?;
        }
    }
    Ok(r + depth + 2)
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
    for (c, w) in LABEL_WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for c in 3..20u16 {
        ws.set_column_width(c, 11)?;
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
    let mut r = 3;
    for section in Section::ALL {
        ws.write_string_with_format(r, 0, section.heading(), &f.heading)?;
        r += 1;
        r = match section {
            Section::Active => active(ws, f, t, r)?,
            Section::Requests => requests(ws, f, t, r)?,
            Section::Appeals => appeals(ws, f, t, r)?,
        } + 1;
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
