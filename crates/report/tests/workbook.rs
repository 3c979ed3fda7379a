//! The form's workbook read back by calamine: labels, merges, the unit's and year's cells, the
//! values at the cells of their codes, protection, validation, the checks' formulas, and the
//! whole sheet through the one locator as a sheet reader gives it.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::PathBuf;
use std::sync::Arc;

use calamine::{Data, DataRef, Dimensions, Range, Reader, Xlsx};
use gongkai_document::{Grid, Origin};
use gongkai_form::rules::check_values;
use gongkai_form::{format_value, parse_value, FormVersion, RuleId, Section, ValueKind};
use gongkai_locate::{locate, Conventions, Document, Located, Setting};
use gongkai_report::write::sheet::{self, At, Role};
use gongkai_report::write::workbook;

/// A workbook's only sheet: its name, values, formulas and merged regions.
struct Read_ {
    name: String,
    /// Every cell the sheet holds, empty ones too (a blank input cell keeps its format), as a
    /// cell reader streams them: (row, column, text).
    cells: Vec<(u32, u32, String)>,
    values: Range<Data>,
    formulas: Range<String>,
    merges: Vec<Dimensions>,
    styles: calamine::StyleRange,
}

fn open(bytes: &[u8]) -> Read_ {
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes.to_vec())).unwrap_or_else(|e| panic!("open: {e}"));
    let names = book.sheet_names();
    assert_eq!(names.len(), 1, "one sheet: {names:?}");
    let name = names[0].clone();
    let values = book
        .worksheet_range(&name)
        .unwrap_or_else(|e| panic!("values: {e}"));
    let formulas = book
        .worksheet_formula(&name)
        .unwrap_or_else(|e| panic!("formulas: {e}"));
    let merges = book
        .merge_cells_by_sheet_name(&name)
        .unwrap_or_else(|e| panic!("merges: {e}"));
    let styles = book
        .worksheet_style(&name)
        .unwrap_or_else(|e| panic!("styles: {e}"));
    let mut cells = Vec::new();
    let mut reader = book
        .worksheet_cells_reader(&name)
        .unwrap_or_else(|e| panic!("cells: {e}"));
    while let Some(cell) = reader.next_cell().unwrap_or_else(|e| panic!("cell: {e}")) {
        let (r, c) = cell.get_position();
        let text = match cell.get_value() {
            DataRef::Int(i) => i.to_string(),
            DataRef::Float(f) => number(*f),
            DataRef::String(s) => s.clone(),
            DataRef::SharedString(s) => s.to_string(),
            DataRef::Empty => String::new(),
            other => panic!("unexpected cell {other:?}"),
        };
        cells.push((r, c, text));
    }
    drop(reader);
    Read_ {
        name,
        cells,
        values,
        formulas,
        merges,
        styles,
    }
}

impl Read_ {
    fn value(&self, (r, c): At) -> Data {
        self.values
            .get_value((r, u32::from(c)))
            .cloned()
            .unwrap_or(Data::Empty)
    }

    fn text(&self, at: At) -> String {
        match self.value(at) {
            Data::String(s) => s,
            Data::Empty => String::new(),
            other => panic!("{at:?}: not text: {other:?}"),
        }
    }

    fn formula(&self, (r, c): At) -> String {
        self.formulas
            .get_value((r, u32::from(c)))
            .cloned()
            .unwrap_or_default()
    }

    fn locked(&self, (r, c): At) -> bool {
        self.styles
            .get((r, u32::from(c)))
            .and_then(|s| s.protection.as_ref())
            .is_none_or(|p| p.locked)
    }
}

/// The text a sheet shows for a number: whole numbers whole, else the shortest decimal that
/// reads back as the same double (as a spreadsheet shows up to 15 digits).
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 9e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

fn cell_text(d: &Data) -> Option<String> {
    let t = match d {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::String(s) => s.clone(),
        Data::Empty => return None,
        other => panic!("unexpected cell {other:?}"),
    };
    (!t.is_empty()).then_some(t)
}

/// The sheet as a sheet reader gives it to the locator (the `workbook` crate of issue 15): a
/// slot for every cell the sheet holds, empty ones too, and every slot of a merged region
/// holding its top-left text (`first` where the region starts in each row).
///
/// The template writes every input cell, blank ones with their format, so each has its slot.
/// A cell a sheet does not hold at all (a hand-made sheet's, or one cleared with Clear All)
/// has none: between two filled cells of a row the locator then takes the cells in order, and
/// the next cell's value lands in it.
fn grid(read: &Read_) -> Grid<'static> {
    let mut grid = Grid::new(Origin::Sheet(read.name.clone()));
    // (row, column) → (text id, first): each cell's own slot, then a merged region's others.
    let mut slots: HashMap<(u32, u32), (u32, bool)> = HashMap::new();
    for (r, c, t) in &read.cells {
        slots.insert((*r, *c), (grid.add_text(t.clone()), true));
    }
    for m in &read.merges {
        let top = slots.get(&m.start).map(|s| s.0);
        for r in m.start.0..=m.end.0 {
            for c in m.start.1..=m.end.1 {
                if (r, c) == m.start {
                    continue;
                }
                match top {
                    Some(id) => slots.insert((r, c), (id, c == m.start.1)),
                    None => slots.remove(&(r, c)),
                };
            }
        }
    }
    let mut slots: Vec<((u32, u32), (u32, bool))> = slots.into_iter().collect();
    slots.sort_unstable();
    let mut row = None;
    for ((r, c), (id, first)) in slots {
        if row != Some(r) {
            grid.add_row(r + 1);
            row = Some(r);
        }
        grid.add_slot(id, c, 0, first);
    }
    grid
}

/// Values of every kind, some blank, none breaking R1–R4 unless `broken`.
fn sample(form: FormVersion, broken: bool) -> (Vec<i64>, Vec<bool>) {
    let cat = form.catalogue();
    let mut values = vec![0i64; cat.len()];
    let mut blank = vec![false; cat.len()];
    for cell in &cat.cells {
        values[cell.index] = match cell.kind() {
            ValueKind::Count => (cell.index as i64 * 7) % 13,
            ValueKind::SignedCount => -((cell.index as i64) % 5) - 1,
            // 22744.07 万元 and 0.000001 万元 (one fen): what a double must carry exactly.
            ValueKind::Money => 22_744_070_000 + cell.index as i64 % 2,
        };
    }
    let req = cat.block_of(Section::Requests);
    let idx = |s, r: &str, c: &str| cat.find(s, r, c).map(|c| c.index).unwrap_or(0);
    // Blank cells: a whole row of table 三 (its check shows nothing), and one cell of 二.
    for col in req.columns {
        let i = idx(Section::Requests, "withheld.state_secret", col.code);
        (values[i], blank[i]) = (0, true);
    }
    if let Some(b) = cat.blocks.iter().position(|b| b.section == Section::Active) {
        let i = cat.cell_index(b, 0, 1);
        (values[i], blank[i]) = (0, true);
    }
    // Make R1–R4 hold: totals from their parts, what was received from the rest.
    for row in req.rows {
        let parts: i64 = req
            .columns
            .iter()
            .filter(|c| c.code != "total")
            .map(|c| values[idx(Section::Requests, row.code, c.code)])
            .sum();
        values[idx(Section::Requests, row.code, "total")] = parts;
    }
    for col in req.columns {
        let results: i64 = req
            .rows
            .iter()
            .map(|r| r.code)
            .skip_while(|c| *c != "granted")
            .take_while(|c| *c != "total")
            .map(|r| values[idx(Section::Requests, r, col.code)])
            .sum();
        values[idx(Section::Requests, "total", col.code)] = results;
        let i = idx(Section::Requests, "new_received", col.code);
        values[i] = results + values[idx(Section::Requests, "carried_forward", col.code)]
            - values[idx(Section::Requests, "carried_over", col.code)];
    }
    // new_received's 总计 is then the sum of its row too: every step is a sum.
    for row in cat.block_of(Section::Appeals).rows {
        let a = |c| idx(Section::Appeals, row.code, c);
        values[a("total")] = ["upheld", "corrected", "other", "pending"]
            .iter()
            .map(|c| values[a(c)])
            .sum();
    }
    if broken {
        values[idx(Section::Requests, "granted", "natural_person")] += 3;
        values[idx(Section::Appeals, "litigation_direct", "upheld")] += 2;
    }
    (values, blank)
}

#[test]
fn the_template_lays_out_the_official_tables() {
    for form in FormVersion::ALL {
        let bytes = workbook::write(
            form,
            Some("城关区"),
            Some(2021.max(form.number().into())),
            None,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let read = open(&bytes);
        let placed = sheet::place(form);
        assert_eq!(read.name, "城关区");
        // Every label at its place, as the catalogue prints it.
        for t in &placed.texts {
            assert_eq!(read.text(t.span.first), t.text, "{form} {:?}", t.span);
        }
        for needle in [
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "1.属于国家秘密",
            "申请人情况",
            "法人或其他组织",
            "未经复议直接起诉",
        ] {
            assert!(
                placed.texts.iter().any(|t| t.text == needle),
                "{form}: {needle}"
            );
        }
        let cat = form.catalogue();
        for cell in &cat.cells {
            for label in [
                cell.column.label,
                cell.row.path.last().copied().unwrap_or(""),
            ] {
                assert!(
                    placed.texts.iter().any(|t| t.text == label),
                    "{form}: {label} of {}",
                    cell.code()
                );
            }
        }
        // The unit's and the year's cells, right of their labels.
        assert_eq!(read.text((1, 0)), "填报单位");
        assert_eq!(read.value(placed.unit.first), Data::String("城关区".into()));
        assert_eq!(read.text((2, 0)), "年度");
        assert_eq!(
            read.value(placed.year),
            Data::Float(f64::from(2021.max(i32::from(form.number()))))
        );
        // Merged as placed: every label over several cells, every wide input cell, and nothing
        // else.
        let mut want: Vec<Dimensions> = placed
            .texts
            .iter()
            .map(|t| t.span)
            .chain(placed.cells.iter().copied())
            .chain(placed.checks.iter().map(|c| c.span))
            .chain([placed.unit, placed.summary])
            .filter(|s| s.is_merged())
            .map(|s| {
                Dimensions::new(
                    (s.first.0, u32::from(s.first.1)),
                    (s.last.0, u32::from(s.last.1)),
                )
            })
            .collect();
        let mut got = read.merges.clone();
        let key = |d: &Dimensions| (d.start, d.end);
        want.sort_by_key(key);
        got.sort_by_key(key);
        assert_eq!(got, want, "{form}");
        // Table 三's header as the form prints it: 申请人情况 over the seven columns, 自然人 and
        // 总计 over two lines, 法人或其他组织 over its five kinds.
        let header = |text: &str| {
            placed
                .texts
                .iter()
                .find(|t| t.text == text && t.role == Role::Header)
                .map(|t| (t.span.first, t.span.last))
        };
        let top = header("申请人情况").map_or(0, |s| s.0 .0);
        assert_eq!(header("申请人情况"), Some(((top, 3), (top, 9))));
        assert_eq!(header("自然人"), Some(((top + 1, 3), (top + 2, 3))));
        assert_eq!(header("法人或其他组织"), Some(((top + 1, 4), (top + 1, 8))));
        assert_eq!(header("行政诉讼").map(|s| (s.0 .1, s.1 .1)), Some((5, 14)));
    }
}

#[test]
fn labels_are_locked_input_cells_are_not_and_the_sheet_is_protected() {
    let form = FormVersion::F2021;
    let bytes = workbook::write(form, None, None, None).unwrap_or_else(|e| panic!("{e}"));
    let read = open(&bytes);
    let placed = sheet::place(form);
    assert_eq!(read.name, workbook::SHEET);
    for t in &placed.texts {
        assert!(read.locked(t.span.first), "{} is locked", t.text);
    }
    for (i, s) in placed.cells.iter().enumerate() {
        assert!(!read.locked(s.first), "cell {i} is open to input");
        assert_eq!(read.value(s.first), Data::Empty, "blank template");
    }
    assert!(!read.locked(placed.unit.first));
    assert!(!read.locked(placed.year));
    for c in &placed.checks {
        assert!(read.locked(c.span.first), "check at {:?} is locked", c.span);
    }
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    let protection = xml
        .split("<sheetProtection")
        .nth(1)
        .and_then(|s| s.split("/>").next())
        .unwrap_or_else(|| panic!("no sheetProtection in {xml}"));
    assert!(protection.contains(r#"sheet="1""#), "{protection}");
    assert!(
        !protection.contains("password"),
        "no password: {protection}"
    );
}

/// A part of the workbook's zip, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap_or_else(|e| panic!("zip: {e}"));
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    text
}

/// The `sqref` cells of each `<dataValidation>` by its type and operator.
fn validations(xml: &str) -> Vec<(String, Vec<String>, String)> {
    let attr = |tag: &str, name: &str| {
        tag.split(&format!(" {name}=\""))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("")
            .to_string()
    };
    xml.split("<dataValidation ")
        .skip(1)
        .map(|v| {
            let tag = format!(" {}", v.split('>').next().unwrap_or(""));
            let tag = tag.as_str();
            let kind = format!("{} {}", attr(tag, "type"), attr(tag, "operator"));
            let cells = attr(tag, "sqref").split(' ').map(str::to_string).collect();
            (kind, cells, v.to_string())
        })
        .collect()
}

/// Every cell of an `A1:B3`-style reference list.
fn expand(refs: &[String]) -> Vec<At> {
    let cell = |s: &str| -> At {
        let letters: String = s.chars().take_while(char::is_ascii_uppercase).collect();
        let digits = &s[letters.len()..];
        let col = letters
            .chars()
            .fold(0u16, |n, ch| n * 26 + (ch as u16 - 'A' as u16 + 1))
            - 1;
        (digits.parse::<u32>().unwrap_or(0) - 1, col)
    };
    let mut out = Vec::new();
    for r in refs {
        let (a, b) = r.split_once(':').unwrap_or((r, r));
        let ((r0, c0), (r1, c1)) = (cell(a), cell(b));
        for row in r0..=r1 {
            for col in c0..=c1 {
                out.push((row, col));
            }
        }
    }
    out.sort_unstable();
    out
}

#[test]
fn every_number_cell_validates_its_kind() {
    for form in FormVersion::ALL {
        let bytes = workbook::write(form, None, None, None).unwrap_or_else(|e| panic!("{e}"));
        let xml = part(&bytes, "xl/worksheets/sheet1.xml");
        let placed = sheet::place(form);
        let cat = form.catalogue();
        let all = validations(&xml);
        let of = |kind: &str| {
            all.iter()
                .filter(|(k, _, _)| k == kind)
                .flat_map(|(_, cells, _)| expand(cells))
                .collect::<Vec<At>>()
        };
        let want = |k: ValueKind| {
            let mut v: Vec<At> = cat
                .cells
                .iter()
                .filter(|c| c.kind() == k)
                .map(|c| placed.cells[c.index].first)
                .collect();
            v.sort_unstable();
            v
        };
        assert_eq!(
            of("whole greaterThanOrEqual"),
            want(ValueKind::Count),
            "{form}"
        );
        // The 本年增/减 column of form 2019 may be negative; form 2021 has none.
        let signed = want(ValueKind::SignedCount);
        assert_eq!(form == FormVersion::F2019, !signed.is_empty());
        let whole_between: Vec<At> = of("whole ")
            .into_iter()
            .chain(of("whole between"))
            .filter(|a| *a != placed.year)
            .collect();
        assert_eq!(whole_between, signed, "{form}");
        assert_eq!(
            of("decimal greaterThanOrEqual"),
            want(ValueKind::Money),
            "{form}"
        );
        assert!(!want(ValueKind::Money).is_empty());
        // The year cell takes the years the form is for, and every message is in Chinese.
        assert!(all
            .iter()
            .any(|(_, cells, _)| expand(cells) == vec![placed.year]));
        for (_, _, v) in &all {
            assert!(
                v.contains("promptTitle=") && v.contains("errorTitle="),
                "{v}"
            );
            assert!(v.contains("请填写"), "{v}");
        }
        let count = all
            .iter()
            .find(|(k, _, _)| k == "whole greaterThanOrEqual")
            .map(|(_, _, v)| v.as_str())
            .unwrap_or("");
        assert!(count.contains("<formula1>0</formula1>"), "{count}");
        assert!(count.contains("没有的填 0"), "{count}");
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (values, blank) = sample(FormVersion::F2019, false);
    let a = workbook::write(
        FormVersion::F2019,
        Some("城关区"),
        Some(2020),
        Some((&values, &blank)),
    );
    let b = workbook::write(
        FormVersion::F2019,
        Some("城关区"),
        Some(2020),
        Some((&values, &blank)),
    );
    assert!(a.is_ok());
    assert_eq!(a.ok(), b.ok());
    let core = part(
        &workbook::write(FormVersion::F2019, None, Some(2020), None).unwrap_or_default(),
        "docProps/core.xml",
    );
    assert!(core.contains("2021-01-01T00:00:00Z"), "{core}");
}

#[test]
fn each_value_lands_at_the_cell_of_its_code() {
    for form in FormVersion::ALL {
        let (values, blank) = sample(form, false);
        let bytes = workbook::write(form, Some("七里河区"), None, Some((&values, &blank)))
            .unwrap_or_else(|e| panic!("{e}"));
        let read = open(&bytes);
        let placed = sheet::place(form);
        let cat = form.catalogue();
        for cell in &cat.cells {
            let at = placed.cells[cell.index].first;
            let got = cell_text(&read.value(at));
            if blank[cell.index] {
                assert_eq!(got, None, "{}", cell.code());
                continue;
            }
            let text = got.unwrap_or_else(|| panic!("{} blank at {at:?}", cell.code()));
            assert_eq!(
                parse_value(&text, cell.kind()),
                Ok(Some(values[cell.index])),
                "{} at {at:?}: {text} for {}",
                cell.code(),
                format_value(values[cell.index], cell.kind())
            );
        }
    }
}

/// The check cell showing the rule `id` along `scope`.
fn check_of<'s>(placed: &'s sheet::Sheet, id: RuleId, scope: &str) -> &'s sheet::Check {
    placed
        .checks
        .iter()
        .find(|c| c.rules.iter().any(|r| r.id == id && r.scope == scope))
        .unwrap_or_else(|| panic!("no check of {id} {scope}"))
}

#[test]
fn checks_reference_the_cells_of_their_rules() {
    let form = FormVersion::F2021;
    let bytes = workbook::write(form, None, None, None).unwrap_or_else(|e| panic!("{e}"));
    let read = open(&bytes);
    let placed = sheet::place(form);
    let cat = form.catalogue();
    let name = |i: usize| {
        let (r, c) = placed.cells[i].first;
        format!("{}{}", (b'A' + c as u8) as char, r + 1)
    };
    let idx = |s, r, c| cat.find(s, r, c).map(|c| c.index).unwrap_or(usize::MAX);
    // R1 on 自然人: 一 + 二 = （七）总计 + 四, all in column D, on the R1 line below table 三.
    let r1 = check_of(&placed, RuleId::R1, "natural_person");
    let last = placed.cells[idx(Section::Requests, "carried_forward", "total")].first;
    assert_eq!(r1.span.first, (last.0 + 1, 0));
    assert_eq!(r1.span.last, (last.0 + 1, last.1));
    assert_eq!(r1.rules.len(), 7, "a column each");
    let f = read.formula(r1.span.first);
    let new = name(idx(Section::Requests, "new_received", "natural_person"));
    let over = name(idx(Section::Requests, "carried_over", "natural_person"));
    let total = name(idx(Section::Requests, "total", "natural_person"));
    let forward = name(idx(Section::Requests, "carried_forward", "natural_person"));
    let diff = format!("SUM({new}:{over})-SUM({total}:{forward})");
    let term = format!(
        r#"IF(OR(COUNTA({new}:{over},{total}:{forward})=0,{diff}=0),""," 自然人 差 "&({diff}))"#
    );
    assert!(f.contains(&term), "{f}\nlacks {term}");
    assert!(
        f.starts_with(&format!(
            r#""{}　"&IF(COUNTA("#,
            sheet::rule_label(RuleId::R1)
        )),
        "{f}"
    );
    // R2 on 总计: the total against the 21 result rows, one range down column J.
    let r2 = check_of(&placed, RuleId::R2, "total");
    assert_eq!(r2.span.first.0, r1.span.first.0 + 1);
    let granted = name(idx(Section::Requests, "granted", "total"));
    let other = name(idx(Section::Requests, "other.other", "total"));
    let total = name(idx(Section::Requests, "total", "total"));
    let f = read.formula(r2.span.first);
    assert!(
        f.contains(&format!(
            " 总计 差 \"&(SUM({total})-SUM({granted}:{other}))"
        )),
        "{f}"
    );
    // R3 on 一、本年新收: right of the row, 总计 against the six applicant columns.
    let r3 = check_of(&placed, RuleId::R3, "new_received");
    let row = placed.cells[idx(Section::Requests, "new_received", "total")].first;
    assert_eq!(r3.span, sheet::Span::one((row.0, row.1 + 1)));
    let first = name(idx(Section::Requests, "new_received", "natural_person"));
    let sixth = name(idx(Section::Requests, "new_received", "other_org"));
    let total = name(idx(Section::Requests, "new_received", "total"));
    assert_eq!(
        read.formula(r3.span.first),
        format!(
            r#"IF(COUNTA({first}:{total})=0,"",IF(SUM({total})-SUM({first}:{sixth})=0,"✓","✗ 差 "&(SUM({total})-SUM({first}:{sixth}))))"#
        )
    );
    // R4 on 复议后起诉: under its 总计, against its four result columns.
    let r4 = check_of(&placed, RuleId::R4, "litigation_after_reconsideration");
    let total = placed.cells[idx(
        Section::Appeals,
        "litigation_after_reconsideration",
        "total",
    )];
    assert_eq!(
        r4.span,
        sheet::Span::one((total.first.0 + 1, total.first.1))
    );
    let f = read.formula(r4.span.first);
    let (r, _) = total.first;
    assert!(
        f.contains(&format!("SUM(O{0})-SUM(K{0}:N{0})", r + 1)),
        "{f}"
    );
    // Every rule R1–R4 of the form is checked once, each with its label on the sheet.
    let mut shown: Vec<(RuleId, &str)> = placed
        .checks
        .iter()
        .flat_map(|c| c.rules.iter().map(|r| (r.id, r.scope)))
        .collect();
    let mut want: Vec<(RuleId, &str)> = sheet::checked_rules(form)
        .map(|r| (r.id, r.scope))
        .collect();
    shown.sort_unstable();
    want.sort_unstable();
    assert_eq!(shown, want);
    assert_eq!(want.len(), 7 + 7 + 25 + 3);
    for id in [RuleId::R3, RuleId::R4] {
        assert!(placed
            .texts
            .iter()
            .any(|t| t.role == Role::Check && t.text == sheet::rule_label(id)));
    }
}

#[test]
fn checks_show_what_the_values_give() {
    let form = FormVersion::F2021;
    let placed = sheet::place(form);
    let shown = |read: &Read_, c: &sheet::Check| match read.value(c.span.first) {
        Data::String(s) => s,
        other => panic!("{other:?}"),
    };
    let label = |c: &sheet::Check| c.label.map(|l| format!("{l}　")).unwrap_or_default();
    // Nothing filled, nothing judged.
    let blank_template = open(&workbook::write(form, None, None, None).unwrap_or_default());
    for c in &placed.checks {
        assert_eq!(shown(&blank_template, c), label(c));
    }
    assert_eq!(
        blank_template.value(placed.summary.first),
        Data::String(String::new())
    );
    let (values, blank) = sample(form, false);
    assert!(check_values(form, &values).is_empty());
    let good =
        open(&workbook::write(form, None, None, Some((&values, &blank))).unwrap_or_default());
    let state_secret = check_of(&placed, RuleId::R3, "withheld.state_secret");
    for c in &placed.checks {
        // The row left blank is not judged.
        let want = if c.span == state_secret.span {
            ""
        } else {
            "✓"
        };
        assert_eq!(
            shown(&good, c),
            format!("{}{want}", label(c)),
            "{:?}",
            c.rules
        );
    }
    assert_eq!(
        good.value(placed.summary.first),
        Data::String("✓ 未发现不符".into())
    );
    let (values, blank) = sample(form, true);
    let broken = check_values(form, &values);
    assert_eq!(broken.len(), 3, "{broken:?}");
    let bad = open(&workbook::write(form, None, None, Some((&values, &blank))).unwrap_or_default());
    let failing: Vec<String> = placed
        .checks
        .iter()
        .map(|c| shown(&bad, c))
        .filter(|s| s.contains('✗'))
        .collect();
    let r2 = check_of(&placed, RuleId::R2, "natural_person");
    assert_eq!(
        failing,
        vec![
            "✗ 差 -3".to_string(),
            format!("{}✗ 自然人 差 -3", label(r2)),
            "✗ 差 -2".to_string(),
        ]
    );
    assert_eq!(
        shown(&bad, check_of(&placed, RuleId::R3, "granted")),
        "✗ 差 -3"
    );
    assert_eq!(
        shown(&bad, check_of(&placed, RuleId::R4, "litigation_direct")),
        "✗ 差 -2"
    );
    assert_eq!(
        bad.value(placed.summary.first),
        Data::String("✗ 3 处不符".into())
    );
}

/// The workbook through the one locator, as a sheet reader will give it.
fn located(form: FormVersion, bytes: &[u8]) -> Located {
    let read = open(bytes);
    let grids = vec![grid(&read)];
    let doc = Document::new(&grids);
    let file = Arc::new(PathBuf::from("城关区.xlsx"));
    locate(
        &doc,
        Setting {
            form,
            unit: "城关区",
            year: 2021,
            file: &file,
            conventions: Conventions::UNIT_FILE,
        },
    )
}

#[test]
fn the_locator_reads_the_workbook_back() {
    for form in FormVersion::ALL {
        for broken in [false, true] {
            let (values, blank) = sample(form, broken);
            let bytes = workbook::write(form, Some("城关区"), None, Some((&values, &blank)))
                .unwrap_or_else(|e| panic!("{e}"));
            let got = located(form, &bytes);
            let shown: Vec<String> = got.diagnostics.iter().map(|d| d.to_string()).collect();
            assert!(shown.is_empty(), "{form} broken={broken}: {shown:#?}");
            assert!(!got.tainted);
            assert_eq!(got.report.values, values, "{form}");
            assert_eq!(got.report.blank, blank, "{form}");
        }
        // The blank template: every cell found, every one blank, nothing else said.
        let bytes = workbook::write(form, None, None, None).unwrap_or_default();
        let got = located(form, &bytes);
        let shown: Vec<String> = got.diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(shown.is_empty(), "{form} blank: {shown:#?}");
        let cat = form.catalogue();
        assert!((0..cat.len()).all(|i| got.report.present(i) && got.report.blank[i]));
    }
}
