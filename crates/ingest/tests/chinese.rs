//! Reading findings in Chinese: a bad cell in a CSV grid and in a workbook named by the table,
//! row and column as the form prints them, at the place as a Chinese user reads it, and the rules
//! over it said not to be checked. The language is process-wide: every test of this binary (and
//! only of this one) speaks Chinese.

use std::path::{Path, PathBuf};

use gongkai_document::delimited::read_records;
use gongkai_ingest::{read_bytes_at, ReadOptions};
use gongkai_messages::{set_lang, Lang};
use gongkai_report::{Check, FileRead, Finding, Place};
use rust_xlsxwriter::Workbook;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// 城关区's 2020 form grid, as the sample holds it.
fn grid() -> String {
    let path = root().join("data/lanzhou/2020/城关区.csv");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(bytes: &[u8], path: &str) -> FileRead {
    set_lang(Lang::Zh);
    read_bytes_at(bytes, Path::new(path), &ReadOptions::default())
}

/// Each finding as (place in its file, message, expected), for the parts reading words.
fn said(f: &FileRead) -> Vec<(String, String, Option<String>)> {
    f.diagnostics
        .iter()
        .map(|d: &Finding| {
            let file = d.file.as_deref().map_or(Path::new(""), |p| p.as_path());
            (
                d.place.in_file(file).to_string(),
                d.message.clone(),
                d.expected.clone(),
            )
        })
        .collect()
}

#[test]
fn a_bad_cell_in_a_csv_grid_is_named_as_the_form_prints_it() {
    let text = grid()
        // 表三“（一）予以公开”行“自然人”列, line 31, field 4.
        .replace("（一）予以公开,,61,", "（一）予以公开,,6.5,")
        // 表二“规章”行“本年新公开数量”列, line 8: a negative count (R5).
        .replace("规章,0,0,0,", "规章,0,-1,0,");
    let f = read(text.as_bytes(), "2020/城关区.csv");
    assert!(f.reports.is_empty());
    let said = said(&f);
    let bad = (
        "2020/城关区.csv 第31行第4列".to_string(),
        "表三“（一）予以公开”行“自然人”列不是整数".to_string(),
        Some("不小于 0 的整数".to_string()),
    );
    assert!(said.contains(&bad), "{said:#?}");
    assert!(said.contains(&(
        "2020/城关区.csv".to_string(),
        "该报表未计入汇总：单元格有 1 处错误".to_string(),
        None
    )));
    // The rules over the cell are not checked, with what would make each hold.
    let not_checked: Vec<&(String, String, Option<String>)> = said
        .iter()
        .filter(|(_, m, _)| m.contains("未核对"))
        .collect();
    // One finding for the cell, naming both rules it keeps from being checked.
    assert_eq!(
        not_checked,
        [&(
            "2020/城关区.csv 第31行第4列".to_string(),
            "表三“自然人”列、表三“（一）予以公开”行未核对：表三“（一）予以公开”行“自然人”列未能读取；\
             该格若为 61，则都相符"
                .to_string(),
            None
        )]
    );
    // The -1 is found in the same read, at its line.
    let r5 = f
        .diagnostics
        .iter()
        .find(|d| d.rule == Check::Rule(gongkai_form::RuleId::R5));
    assert_eq!(
        r5.map(|d| d.place.clone()),
        Some(Place::Line {
            line: 8,
            column: None
        })
    );
}

#[test]
fn a_row_given_twice_names_its_first_line_in_chinese() {
    let text = grid().replace(
        "规范性文件,257,135,412,,,,,,,,,,,\n",
        "规范性文件,257,135,412,,,,,,,,,,,\n规范性文件,1,2,3,,,,,,,,,,,\n",
    );
    let f = read(text.as_bytes(), "2020/城关区.csv");
    let said = said(&f);
    assert!(
        said.contains(&(
            "2020/城关区.csv 第10行第2列".to_string(),
            "表二“规范性文件”行填了两次（首次在第9行）；本行未计入".to_string(),
            Some("每行只填一次".to_string())
        )),
        "{said:#?}"
    );
}

/// The grid typed into a workbook's sheet: numbers as numbers, the rest as text.
fn xlsx(text: &str) -> Vec<u8> {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.set_name("Sheet1").ok();
    let table = read_records(text, b',').unwrap_or_default();
    for (row, rec) in table.records().iter().enumerate() {
        for (col, field) in rec.fields.iter().enumerate() {
            let (r, c) = (row as u32, col as u16);
            match field.parse::<f64>() {
                Ok(n) if n.is_finite() => drop(s.write(r, c, n)),
                _ if field.is_empty() => {}
                _ => drop(s.write(r, c, field)),
            }
        }
    }
    book.save_to_buffer().unwrap_or_default()
}

#[test]
fn a_bad_cell_in_a_workbook_is_named_as_the_form_prints_it() {
    let text = grid().replace("（一）予以公开,,61,", "（一）予以公开,,六十一,");
    let f = read(&xlsx(&text), "2020/城关区.xlsx");
    assert!(f.reports.is_empty());
    let said = said(&f);
    assert!(
        said.contains(&(
            "2020/城关区.xlsx[Sheet1]!D31".to_string(),
            "表三“（一）予以公开”行“自然人”列不是数字".to_string(),
            Some("不小于 0 的整数".to_string())
        )),
        "{said:#?}"
    );
    assert!(
        said.iter()
            .any(|(at, m, _)| at == "2020/城关区.xlsx[Sheet1]!D31"
                && m.starts_with("表三“自然人”列、表三“（一）予以公开”行未核对")),
        "{said:#?}"
    );
}

#[test]
fn places_read_as_a_chinese_user_reads_them() {
    set_lang(Lang::Zh);
    let file = Path::new("报告.pdf");
    let at = |place: Place| place.in_file(file).to_string();
    assert_eq!(
        at(Place::Line {
            line: 27,
            column: None
        }),
        "报告.pdf 第27行"
    );
    assert_eq!(
        at(Place::TableRow { table: 2, row: 14 }),
        "报告.pdf 第2个表格第14行"
    );
    assert_eq!(at(Place::Page { page: 3 }), "报告.pdf 第3页");
    assert_eq!(
        at(Place::Sheet {
            sheet: "Sheet1".into(),
            row: 31,
            column: Some(4)
        }),
        "报告.pdf[Sheet1]!D31"
    );
}

#[test]
fn a_bad_value_in_a_tidy_file_is_named_as_the_form_prints_it() {
    let text = "year,unit,section,row,column,value\n\
                2020,城关区,requests,granted,natural_person,x\n";
    let f = read(text.as_bytes(), "t.csv");
    let said = said(&f);
    assert!(
        said.contains(&(
            "t.csv 第2行第6列".to_string(),
            "表三“（一）予以公开”行“自然人”列不是数字".to_string(),
            Some("不小于 0 的整数".to_string())
        )),
        "{said:#?}"
    );
}
