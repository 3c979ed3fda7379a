//! A year's folder as units really send it: CSV, workbooks, a Word report, a lock file, a
//! corrupt file, an unfilled template and a note. Every file is named with what became of it.

use std::path::Path;

use crate::{gongkai, tempdir, write};

fn repo(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn copy(from: &str, to: &Path) {
    let bytes = std::fs::read(repo(from)).unwrap_or_else(|e| panic!("{from}: {e}"));
    write(to, &bytes);
}

#[test]
fn a_mixed_folder_names_every_file_and_refuses_the_blank_report() {
    let dir = tempdir();
    let year = dir.path().join("2020");
    copy("data/lanzhou/2020/七里河区.csv", &year.join("七里河区.csv"));
    copy(
        "tests/fixtures/workbooks/城关区-2020.xlsx",
        &year.join("城关区.xlsx"),
    );
    copy(
        "tests/fixtures/workbooks/城关区-2020.xls",
        &year.join("城关区旧版.et"),
    );
    copy(
        "tests/fixtures/published/lanzhou-2020.docx",
        &year.join("兰州市.docx"),
    );
    write(&year.join("~$城关区.xlsx"), b"\x0bsomeone   ");
    let good = std::fs::read(repo("tests/fixtures/workbooks/城关区-2020.xlsx")).unwrap_or_default();
    write(&year.join("西固区.xlsx"), &good[..good.len() / 2]);
    write(&year.join("说明.md"), "各单位报表说明".as_bytes());
    let blank = year.join("安宁区.csv");
    gongkai()
        .args([
            "template",
            "--form",
            "2019",
            "--unit",
            "安宁区",
            "--year",
            "2020",
            "--out",
        ])
        .arg(&blank)
        .assert()
        .success();

    let assert = gongkai()
        .args(["consolidate", "--format", "csv", "--name", "兰州市"])
        .arg(&year)
        .assert()
        .code(1)
        .stdout("");
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let has = |text: &str| assert!(err.contains(text), "stderr lacks {text:?}:\n{err}");
    has("summary: 8 file(s) read, 2 used, 4 rejected, 2 skipped");
    has("2 Excel workbook, 1 Excel 97-2003 / WPS workbook, 1 Word document");
    has("1 Word document");
    has("skipped: ");
    has("~$城关区.xlsx: an Office lock file");
    has("说明.md: not a report by its name or its content");
    has("西固区.xlsx: error: ");
    has("damaged or cut short");
    has("安宁区 2020: every cell of the report is blank");
    // The .et (an .xls inside) and the .xlsx are both 城关区 2020: two files for one unit are
    // both left out, named.
    has("two files for 城关区 2020");
    // Reports left out: no total.
    has("refused: ");
    assert!(
        !err.contains("panicked"),
        "no reader panics on what units send:\n{err}"
    );
}

/// A unit that sends its annual report as a saved page whose text states a figure its tables
/// do not hold: the report is summed as its tables have it, and N1 names the sentence and the
/// cell, as `import-report` does (a warning: exit 0, 1 with --strict).
#[test]
fn a_unit_page_contradicting_its_tables_is_an_n1_warning() {
    let dir = tempdir();
    let year = dir.path().join("2020");
    let page = std::fs::read_to_string(repo("tests/fixtures/reports/lanzhou-2020-portal.html"))
        .unwrap_or_default();
    let heading = "一、总体情况</span></p>";
    assert!(page.contains(heading));
    let planted = page.replacen(
        heading,
        &format!("{heading}\n<p>2020年,全市共受理政府信息公开申请355件。</p>"),
        1,
    );
    write(&year.join("兰州市.html"), planted.as_bytes());
    let assert = gongkai()
        .args(["validate", "--lang", "en"])
        .arg(&year)
        .assert()
        .code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
        + &String::from_utf8_lossy(&assert.get_output().stderr);
    assert_eq!(out.matches("[N1]").count(), 1, "{out}");
    assert!(
        out.contains("says “2020年,全市共受理政府信息公开申请355件”") && out.contains("has 343"),
        "{out}"
    );
    gongkai()
        .args(["validate", "--strict", "--lang", "en"])
        .arg(&year)
        .assert()
        .code(1);
    // Silenced, as any rule is.
    let silenced = gongkai()
        .args(["validate", "--strict", "--allow", "N1", "--lang", "en"])
        .arg(&year)
        .assert()
        .code(0);
    let err = String::from_utf8_lossy(&silenced.get_output().stderr);
    assert!(!err.contains("[N1]"), "{err}");
}
