//! `gongkai template --format xlsx`: the workbook a unit fills in, written to a file or piped,
//! the format told by the file's name, and names that say another format refused.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use predicates::prelude::*;

use super::{gongkai, tempdir};

/// The workbook's only sheet: its name and cells.
fn sheet(bytes: &[u8]) -> (String, calamine::Range<Data>) {
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes.to_vec())).unwrap_or_else(|e| panic!("not a workbook: {e}"));
    let names = book.sheet_names();
    assert_eq!(names.len(), 1, "{names:?}");
    let range = book
        .worksheet_range(&names[0])
        .unwrap_or_else(|e| panic!("{e}"));
    (names[0].clone(), range)
}

fn text_at(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

#[test]
fn the_template_as_a_workbook_by_option_or_by_name() {
    let dir = tempdir();
    let named = dir.path().join("模板.xlsx");
    let asked = dir.path().join("asked.xlsx");
    gongkai()
        .args([
            "template",
            "--form",
            "2021",
            "--unit",
            "测试局",
            "--year",
            "2022",
            "-o",
        ])
        .arg(&named)
        .assert()
        .success();
    gongkai()
        .args([
            "template",
            "--form",
            "2021",
            "--unit",
            "测试局",
            "--year",
            "2022",
        ])
        .args(["--format", "xlsx", "--out"])
        .arg(&asked)
        .assert()
        .success();
    let bytes = std::fs::read(&named).unwrap_or_default();
    assert_eq!(
        bytes,
        std::fs::read(&asked).unwrap_or_default(),
        "the same template, byte for byte"
    );
    let (name, range) = sheet(&bytes);
    assert_eq!(name, "测试局");
    assert_eq!(text_at(&range, 1, 0), Data::String("填报单位".into()));
    assert_eq!(text_at(&range, 1, 1), Data::String("测试局".into()));
    assert_eq!(text_at(&range, 2, 0), Data::String("年度".into()));
    assert_eq!(text_at(&range, 2, 1), Data::Float(2022.0));
    let texts: Vec<String> = range
        .used_cells()
        .filter_map(|(_, _, d)| match d {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for needle in [
        "政府信息公开工作年度报告统计表（国办公开办函〔2021〕30号）",
        "二、主动公开政府信息情况",
        "行政规范性文件",
        "三、收到和处理政府信息公开申请情况",
        "3.其他",
        "四、政府信息公开行政复议、行政诉讼情况",
        "复议后起诉",
    ] {
        assert!(texts.iter().any(|t| t == needle), "no {needle}");
    }
    // Form 2019, piped: the same workbook on standard output.
    let out = gongkai()
        .args(["template", "--form", "2019", "--format", "xlsx"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let (name, range) = sheet(&out.stdout);
    assert_eq!(name, "统计表");
    assert_eq!(text_at(&range, 1, 1), Data::Empty, "no unit named");
    assert!(range
        .used_cells()
        .any(|(_, _, d)| *d == Data::String("政府集中采购".into())));
}

#[test]
fn a_name_that_says_another_format_is_refused() {
    let dir = tempdir();
    let xlsx = dir.path().join("t.xlsx");
    gongkai()
        .args(["template", "--form", "2021", "--format", "csv", "-o"])
        .arg(&xlsx)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--format csv does not write a .xlsx file",
        ));
    let xls = dir.path().join("t.xls");
    gongkai()
        .args(["template", "--form", "2021", "-o"])
        .arg(&xls)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not .xls: name the file .xlsx"));
    assert!(!xlsx.exists() && !xls.exists(), "nothing written");
    // A CSV by its name stays the grid it always was.
    let csv = dir.path().join("t.csv");
    gongkai()
        .args(["template", "--form", "2021", "-o"])
        .arg(&csv)
        .assert()
        .success();
    let bytes = std::fs::read(&csv).unwrap_or_default();
    assert!(bytes.starts_with("\u{feff}政府信息公开工作年度报告统计表".as_bytes()));
}
