//! The locator on what tells unit files and pages apart, and on layouts the two old locators
//! read differently: a serial-number column, a sum row in table 二, a short row of a table.

use std::path::PathBuf;
use std::sync::Arc;

use gongkai_document::delimited::read_records;
use gongkai_document::{Grid, Origin, Place};
use gongkai_form::{FormVersion, Section};

use crate::locate::{locate, Conventions, Document, Located, Setting};
use crate::tests::{errors, read_text, warnings, HAND_GRID};

fn located(grids: &[Grid], conventions: Conventions) -> Located {
    let file = Arc::new(PathBuf::from("p.html"));
    let document = Document::new(grids);
    locate(
        &document,
        Setting {
            form: FormVersion::F2019,
            unit: "示例区",
            year: 2020,
            file: &file,
            conventions,
        },
    )
}

/// Table 二's first item as a page table: heading, header, and the rows given.
fn active_table(rows: &[&[&str]]) -> Grid<'static> {
    let mut grid = Grid::new(Origin::Table(1));
    let head: [&[&str]; 2] = [
        &["二、主动公开政府信息情况"],
        &[
            "信息内容",
            "本年新制作数量",
            "本年新公开数量",
            "对外公开总数量",
        ],
    ];
    for (r, cells) in head.iter().chain(rows).enumerate() {
        grid.add_row(r as u32 + 1);
        for (c, text) in cells.iter().enumerate() {
            grid.add_cell(text.to_string(), c as u32, 0);
        }
    }
    grid
}

/// A unit's grid as a sheet or a table would hold it: each record of `text` a row, numbered
/// by the line it starts on (a sheet's row) or in order (a table's row).
fn grid_of(text: &str, origin: Origin) -> Grid<'static> {
    let by_line = matches!(origin, Origin::Sheet(_));
    let mut grid = Grid::new(origin);
    let table = read_records(text, b',').unwrap_or_default();
    for (i, record) in table.records().iter().enumerate() {
        grid.add_row(if by_line { record.line } else { i as u32 + 1 });
        for (c, field) in record.fields.iter().enumerate() {
            grid.add_cell(field.to_string(), c as u32, 0);
        }
    }
    grid
}

#[test]
fn a_finding_names_the_sheet_cell_or_the_table_row() {
    // Line 31 of the hand grid is 1.属于国家秘密; its cell D the first 法人或其他组织 column.
    let text = HAND_GRID.replacen(
        ",(三)不予公开 1.属于国家秘密,0,0,",
        ",(三)不予公开 1.属于国家秘密,0,x,",
        1,
    );
    let l = located(
        &[grid_of(&text, Origin::Sheet("表1".into()))],
        Conventions::UNIT_FILE,
    );
    let shown: Vec<String> = l.diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        shown
            .iter()
            .any(|d| d.starts_with("p.html[表1]!D31: error: 示例区 2020: not a number")),
        "{shown:?}"
    );
    let bad = l
        .diagnostics
        .iter()
        .find(|d| d.found.as_deref() == Some("x"));
    assert_eq!(
        bad.map(|d| (&d.place, d.line(), d.cell())),
        Some((
            &Place::Sheet {
                sheet: "表1".into(),
                row: 31,
                column: Some(4)
            },
            None,
            Some("D31".to_string())
        ))
    );
    // Record 14 (the hand grid's line 15) is 行政处罚: its 本年增/减 unreadable.
    let text = HAND_GRID.replacen("行政处罚,6614,2666,", "行政处罚,6614,x,", 1);
    let l = located(&[grid_of(&text, Origin::Table(2))], Conventions::UNIT_FILE);
    let shown: Vec<String> = l.diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        shown
            .iter()
            .any(|d| d.starts_with("p.html table 2 row 14: error: 示例区 2020: not a number")),
        "{shown:?}"
    );
    // None opens its message with its place any more.
    assert!(
        l.diagnostics
            .iter()
            .all(|d| !d.message.starts_with("table 2")),
        "{shown:?}"
    );
}

#[test]
fn a_row_given_twice_in_a_table_names_where_it_was_first() {
    let text = HAND_GRID.replacen(
        "行政处罚,6614,2666,2543676,",
        "行政处罚,6614,2666,2543676,,,,,\n行政处罚,1,2,3,",
        1,
    );
    let l = located(&[grid_of(&text, Origin::Table(2))], Conventions::UNIT_FILE);
    let shown: Vec<String> = l.diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        shown.iter().any(|d| d.starts_with(
            "p.html table 2 row 15: error: 示例区 2020: row penalty given twice (first in \
             table 2 row 14)"
        )),
        "{shown:?}"
    );
    // In a sheet, the cell: 本年增/减 of 行政处罚 first at C15 (the hand grid's line 15).
    let l = located(
        &[grid_of(&text, Origin::Sheet("表1".into()))],
        Conventions::UNIT_FILE,
    );
    let shown: Vec<String> = l.diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        shown.iter().any(|d| d.starts_with(
            "p.html[表1]!C16: error: 示例区 2020: row penalty given twice (first at [表1]!C15)"
        )),
        "{shown:?}"
    );
}

#[test]
fn a_serial_number_column_is_not_a_value() {
    // Numbered by line (a quoted header cell over two lines made one first).
    let grid = HAND_GRID.replace("\"本年新\n制作数量\"", "本年新制作数量");
    let numbered: String = grid
        .lines()
        .enumerate()
        .map(|(i, l)| format!("{},{l}\n", i + 1))
        .collect();
    let plain = read_text(&grid, "a.csv");
    let f = read_text(&numbered, "2020/a.csv");
    assert_eq!(errors(&f), Vec::<String>::new());
    assert_eq!(f.reports.len(), 1, "{:?}", warnings(&f));
    assert_eq!(f.reports[0].values, plain.reports[0].values);
    assert_eq!(f.reports[0].blank, plain.reports[0].blank);
}

#[test]
fn a_sum_row_of_table_two_is_not_table_three_total() {
    let text = HAND_GRID.replacen(
        "政府集中采购,6447,27.88亿,,,,,,\n",
        "政府集中采购,6447,27.88亿,,,,,,\n合计,1,2,3,,,,,\n",
        1,
    );
    let f = read_text(&text, "a.csv");
    assert_eq!(errors(&f), Vec::<String>::new());
    let w = warnings(&f);
    assert!(
        w.iter()
            .any(|w| w.contains("row not in form 2019 (table active): \"合计\"")),
        "{w:?}"
    );
    let r = &f.reports[0];
    let total = r
        .form
        .catalogue()
        .find(Section::Requests, "total", "total")
        .map_or(0, |c| c.index);
    assert_eq!(r.values[total], 357);
}

#[test]
fn a_short_row_is_blank_in_delimited_text_but_not_found_in_a_table() {
    // Delimited text leaves a row's empty cells out at its end: they are blank.
    let f = read_text(
        &HAND_GRID.replacen("规章,36,3,50,,,,,", "规章,36", 1),
        "a.csv",
    );
    let r = &f.reports[0];
    let cat = r.form.catalogue();
    let at = |row: &str, col: &str| cat.find(Section::Active, row, col).map_or(0, |c| c.index);
    let cell = at("regulations", "total_published");
    assert!(r.present(cell) && r.blank[cell]);
    // A table's row has all its cells: one that is short is said so, and its last cells are
    // not found.
    let grid = active_table(&[&["规章", "36", "3"]]);
    let l = located(&[grid], Conventions::PUBLISHED);
    assert!(
        l.diagnostics.iter().any(|d| d.to_string()
            == "p.html table 1 row 3: warning: 示例区 2020: only 2 cell(s) for the 3 column(s) \
                of row regulations; the last are not found"),
        "{:?}",
        l.diagnostics
    );
    assert_eq!(l.report.values[at("regulations", "new_published")], 3);
    assert!(!l.report.present(at("regulations", "total_published")));
}

#[test]
fn a_page_reads_counts_with_units_and_none_words_a_unit_file_does_not() {
    let rows: &[&[&str]] = &[&["规章", "3件", "无", "1"]];
    let page = located(&[active_table(rows)], Conventions::PUBLISHED);
    assert_eq!(page.bad_cells, 0, "{:?}", page.diagnostics);
    assert!(!page.tainted);
    let unit = located(&[active_table(rows)], Conventions::UNIT_FILE);
    assert_eq!(unit.bad_cells, 2, "{:?}", unit.diagnostics);
    assert!(unit.tainted);
    assert_eq!(
        (unit.values_read, unit.values_rejected),
        (3, 2),
        "read = used + rejected"
    );
}
