//! The locator on what tells unit files and pages apart, and on layouts the two old locators
//! read differently: a serial-number column, a sum row in table 二, a short row of a table.

use std::path::PathBuf;
use std::sync::Arc;

use gongkai_document::{Grid, Origin};
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
        l.diagnostics.iter().any(|d| d.message
            == "table 1 row 3: only 2 cell(s) for the 3 column(s) of row regulations; the last \
                are not found"),
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
