//! End-to-end tests: run the `gongkai` binary on sample and fixture folders and check stdout,
//! stderr and the exit code. One test binary for the whole workspace (each extra one relinks polars).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

mod audit;
mod coverage;
mod export;
mod feedback;
mod fetch;
mod formats;
mod generate;
mod hostile;
mod import;
mod page;
mod report;
mod template;
mod trend;

pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The binary in English whatever the machine's locale (`LC_ALL=C`); [`gongkai_zh`] in Chinese.
pub(crate) fn gongkai() -> Command {
    let mut cmd = Command::cargo_bin("gongkai").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.current_dir(root()).env("LC_ALL", "C");
    cmd
}

/// The binary as a Chinese user's machine runs it (`LANG=zh_CN.UTF-8`, nothing overriding it).
pub(crate) fn gongkai_zh() -> Command {
    let mut cmd = Command::cargo_bin("gongkai").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.current_dir(root())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8");
    cmd
}

pub(crate) fn fixture(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures").join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub(crate) fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

pub(crate) fn write(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

pub(crate) fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("run: {e}"));
    String::from_utf8(out.stdout).unwrap_or_default()
}

/// The headline: consolidating the sample reproduces all 198 published Lanzhou 2020 values.
#[test]
fn lanzhou_2020_sample_reproduces_the_published_report() {
    let published = fixture("lanzhou-2020-published.csv");
    assert_eq!(published.lines().count(), 199);
    let assert = gongkai()
        .args([
            "consolidate",
            "data/lanzhou/2020",
            "--name",
            "兰州市",
            "--format",
            "csv",
        ])
        .assert()
        .success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert_eq!(out, published);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    // Two units left whole tables blank (a warning each: nothing to report should be 0).
    assert!(err.contains("findings: 0 error(s), 3 warning(s)"), "{err}");
    assert_eq!(err.matches("is blank in every cell").count(), 3, "{err}");
    assert!(err.contains("0 rejected"), "{err}");
}

#[test]
fn table_output_has_the_official_labels_and_figures() {
    let out = stdout_of(gongkai().args(["consolidate", "data/lanzhou/2020", "--name", "兰州市"]));
    for needle in [
        "兰州市 2020年",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "1.属于国家秘密",
        "278800",
        "1432816",
        "-271",
    ] {
        assert!(out.contains(needle), "missing {needle} in\n{out}");
    }
    // Within each table every line has the same display width (CJK counts double).
    let mut tables = 0;
    let mut width: Option<usize> = None;
    for line in out.lines() {
        if line.starts_with(['┌', '│', '├', '╞', '└']) {
            let w = unicode_width::UnicodeWidthStr::width(line);
            assert_eq!(*width.get_or_insert(w), w, "misaligned: {line}");
            if line.starts_with('└') {
                width = None;
                tables += 1;
            }
        }
    }
    assert_eq!(tables, 7, "five items of 二, then 三 and 四");
}

#[test]
fn markdown_and_json_outputs() {
    let md = stdout_of(gongkai().args([
        "consolidate",
        "data/lanzhou/2020",
        "--name",
        "兰州市",
        "--format",
        "markdown",
    ]));
    assert!(md.contains("| 规章 | 36 | 3 | 50 |"), "{md}");
    assert!(md.contains("### 三、收到和处理政府信息公开申请情况"));
    let json = stdout_of(gongkai().args([
        "consolidate",
        "data/lanzhou/2020",
        "--name",
        "兰州市",
        "--format",
        "json",
    ]));
    let parsed: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let items = parsed["values"].as_array().map_or(0, Vec::len);
    assert_eq!(items, 198);
    // What the total rests on: all 20 units of the registry, nothing left out.
    let coverage = &parsed["coverage"];
    assert_eq!(coverage["complete"], true, "{coverage}");
    assert_eq!(coverage["years"][0]["year"], 2020);
    assert_eq!(
        coverage["years"][0]["summed"]
            .as_array()
            .map_or(0, Vec::len),
        20
    );
    assert!(json.contains(
        r#""section": "active", "row": "procurement", "column": "amount", "value": 278800}"#
    ));
}

#[test]
fn template_reads_back_for_both_forms() {
    let dir = tempdir();
    for (form, year) in [("2019", "2020"), ("2021", "2022")] {
        let file = dir.path().join(format!("{form}.csv"));
        gongkai()
            .args([
                "template",
                "--form",
                form,
                "--unit",
                "测试局",
                "--year",
                year,
                "--out",
            ])
            .arg(&file)
            .assert()
            .success();
        let bytes = std::fs::read(&file).unwrap_or_default();
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "template file has a BOM for Excel"
        );
        // Every cell is found, and every one blank: a form sent back unfilled is refused, not
        // summed as zeros.
        gongkai()
            .args(["consolidate", "--format", "csv"])
            .arg(&file)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "测试局 ".to_string() + year + ": every cell of the report is blank",
            ));
    }
    gongkai()
        .args(["template", "--form", "2021", "--year", "2020"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2020 reports use form 2019"));
}

/// A blank form grid for `unit`, as `gongkai template` prints it.
fn blank_grid(form: &str, unit: &str, year: i32) -> String {
    stdout_of(gongkai().args([
        "template",
        "--form",
        form,
        "--unit",
        unit,
        "--year",
        &year.to_string(),
    ]))
}

#[test]
fn gbk_and_utf8_units_sum_and_bad_files_are_left_out() {
    let dir = tempdir();
    let year_dir = dir.path().join("2020");
    // Two real-shaped units: one GBK grid, one UTF-8 tidy file.
    let published = fixture("lanzhou-2020-published.csv");
    let tidy_a = published.replace(",兰州市,", ",城关区,");
    write(&year_dir.join("城关区.csv"), tidy_a.as_bytes());
    // All zeros where a value is written (规章), the rest blank: a report of zeros, not an
    // unfilled form.
    let grid = blank_grid("2019", "七里河区", 2020).replace("\n规章,,,,", "\n规章,0,0,0,");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&grid);
    write(&year_dir.join("七里河区.csv"), &gbk);
    // A broken file: binary junk.
    write(&year_dir.join("坏文件.csv"), b"\x00\x00PK\x03\x04junk");
    // The broken file leaves the total incomplete: refused, nothing written.
    gongkai()
        .args(["consolidate", "--format", "csv", "--name", "兰州市"])
        .arg(&year_dir)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "refused: 1 unit report(s) left out (",
        ))
        .stderr(predicate::str::contains(
            "坏文件.csv: could not be read); nothing written",
        ));
    let assert = gongkai()
        .args([
            "consolidate",
            "--force",
            "--format",
            "csv",
            "--name",
            "兰州市",
        ])
        .arg(&year_dir)
        .assert()
        .code(2);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert_eq!(
        out, published,
        "the GBK grid is all zeros, so the total is the tidy unit's"
    );
    assert!(
        err.contains("坏文件.csv: error: binary data, not CSV text (NUL byte at offset 0)"),
        "{err}"
    );
    assert!(err.contains("3 file(s) read, 2 used, 1 rejected"), "{err}");
    assert!(err.contains("left out:"), "{err}");
}

/// The published totals as one unit's tidy file, with one cell changed.
fn broken_unit(dir: &Path, unit: &str, from: &str, to: &str) -> (PathBuf, String) {
    let published = fixture("lanzhou-2020-published.csv");
    let broken = published
        .replace(from, to)
        .replace(",兰州市,", &format!(",{unit},"));
    assert_ne!(
        broken,
        published.replace(",兰州市,", &format!(",{unit},")),
        "{from} not found"
    );
    let file = dir.join("2020").join(format!("{unit}.csv"));
    write(&file, broken.as_bytes());
    (file, broken)
}

#[test]
fn consolidate_refuses_failing_units_unless_forced() {
    let dir = tempdir();
    let (file, broken) = broken_unit(
        dir.path(),
        "城关区",
        "2020,兰州市,requests,total,natural_person,298",
        "2020,兰州市,requests,total,natural_person,295",
    );
    let out = dir.path().join("out.csv");
    let assert = gongkai()
        .args(["consolidate", "--format", "csv", "--out"])
        .arg(&out)
        .arg(&file)
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert_eq!(stdout, "");
    assert!(!out.exists(), "nothing written when refusing");
    let line = broken
        .lines()
        .position(|l| l.contains("requests,total,natural_person"))
        .map_or(0, |i| i + 1);
    // One wrong cell breaks R1 and R2 down its column and R3 along its row: one finding, at
    // that cell, in the form's words.
    assert!(
        err.contains(&format!(
            "城关区.csv:{line}: 城关区 2020 error: the requests table (三), row “total”, column \
             “natural persons” has 295: the column's “received plus carried over = results' total \
             plus carried forward”, the column's total and the row's total are each off by 3; \
             with 298 in this cell every one holds. Check this cell. [R1, R2, R3]"
        )),
        "{err}"
    );
    assert!(
        err.contains("refused: 1 unit report(s) fail rules (城关区 2020); nothing written"),
        "{err}"
    );

    let assert = gongkai()
        .args(["consolidate", "--force"])
        .arg(&file)
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stdout.starts_with("Note: this total was summed with --force and is not whole."),
        "{stdout}"
    );
    assert!(
        stdout.contains("fails rules, summed anyway: 城关区 2020"),
        "{stdout}"
    );
    assert!(
        err.contains("合计 2020 error: the requests table (三), row “total”, column “natural persons” has 295"),
        "the total is checked too: {err}"
    );

    // --allow silences the rules that fail, and the total is produced.
    gongkai()
        .args([
            "consolidate",
            "--format",
            "csv",
            "--allow",
            "R1",
            "--allow",
            "r2",
            "--allow",
            "R3",
        ])
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "2020,合计,requests,total,natural_person,295",
        ));
    gongkai()
        .args(["consolidate", "--allow", "R9"])
        .arg(&file)
        .assert()
        .code(2);
}

#[test]
fn validate_reports_findings_as_text_and_json() {
    let dir = tempdir();
    let (file, broken) = broken_unit(
        dir.path(),
        "西固区",
        "2020,兰州市,appeals,reconsideration,total,68",
        "2020,兰州市,appeals,reconsideration,total,67",
    );
    let line = broken
        .lines()
        .position(|l| l.contains("appeals,reconsideration,total"))
        .map_or(0, |i| i + 1);
    let assert = gongkai().args(["validate"]).arg(&file).assert().code(1);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let expected = format!(
        "{}:{line}: 西固区 2020 error: the reconsideration and litigation table (四), row \
         “administrative reconsideration”: the total column has 67, the outcomes add up to 68 \
         (upheld 18 + corrected 6 + other outcome 30 + pending 14), a difference of 1. Check the \
         row's outcomes or its total. [R4]\n",
        file.display()
    );
    assert_eq!(out, expected);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(err.contains("by rule: R4 1E/0W"), "{err}");
    assert!(err.contains("findings by unit: 西固区 1E/0W"), "{err}");

    let json = stdout_of(gongkai().args(["validate", "--format", "json"]).arg(&file));
    let v: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let f = &v[0];
    assert_eq!(f["rule"], "R4");
    assert_eq!(f["level"], "error");
    assert_eq!(f["unit"], "西固区");
    assert_eq!(f["year"], 2020);
    assert_eq!(f["line"], line);
    assert_eq!(f["expected"], "68");
    assert_eq!(f["found"], "67");
    assert_eq!(f["file"], file.display().to_string());
    assert_eq!(f["cells"][0], "appeals.reconsideration.total");
    assert_eq!(f["cells"].as_array().map_or(0, Vec::len), 5);
}

#[test]
fn findings_speak_chinese_for_a_chinese_locale_and_english_on_request() {
    let dir = tempdir();
    let (file, _) = broken_unit(
        dir.path(),
        "西固区",
        "2020,兰州市,appeals,reconsideration,total,68",
        "2020,兰州市,appeals,reconsideration,total,67",
    );
    let zh = stdout_of(gongkai_zh().args(["validate"]).arg(&file));
    assert!(
        zh.contains(
            "西固区 2020年 错误：表四“行政复议”行，总计列填 67，各项结果之和为 68（结果维持 18 + \
             结果纠正 6 + 其他结果 30 + 尚未审结 14），相差 1。请核对该行各项或总计。 [R4]"
        ),
        "{zh}"
    );
    // --lang wins over the locale, both ways.
    let en = stdout_of(gongkai_zh().args(["validate", "--lang", "en"]).arg(&file));
    assert!(
        en.contains("西固区 2020 error: the reconsideration"),
        "{en}"
    );
    let zh = stdout_of(gongkai().args(["validate", "--lang=zh"]).arg(&file));
    assert!(zh.contains("西固区 2020年 错误：表四"), "{zh}");
}

#[test]
fn validate_warnings_fail_only_with_strict() {
    let dir = tempdir();
    // new_published > total_published: R6, a warning.
    let (file, _) = broken_unit(
        dir.path(),
        "安宁区",
        "2020,兰州市,active,regulations,total_published,50",
        "2020,兰州市,active,regulations,total_published,2",
    );
    gongkai()
        .args(["validate"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
        "安宁区 2020 warning: the proactive disclosure table (二), row “regulations”: published \
             this year 3 is more than total published 2. Check these two cells. [R6]",
    ));
    gongkai()
        .args(["validate", "--strict"])
        .arg(&file)
        .assert()
        .code(1);
    gongkai()
        .args(["validate", "--strict", "--allow", "R6"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout("");
}

/// Two years of one unit as tidy rows: 2020 from the published totals, 2021 in form 2021.
fn two_years(carried_over_2021: i64) -> String {
    let mut text = fixture("lanzhou-2020-published.csv").replace(",兰州市,", ",城关区,");
    // Form 2021: a consistent report with one carried-over request from 2020.
    let rows = [
        ("new_received", 10),
        ("carried_over", carried_over_2021),
        ("granted", 10 + carried_over_2021),
        ("total", 10 + carried_over_2021),
    ];
    for (row, v) in rows {
        for col in ["natural_person", "total"] {
            text.push_str(&format!("2021,城关区,requests,{row},{col},{v}\n"));
        }
    }
    text
}

#[test]
fn cross_year_carry_over_is_checked_across_the_form_change() {
    let dir = tempdir();
    let file = dir.path().join("城关区.csv");
    write(&file, two_years(0).as_bytes());
    let assert = gongkai().args(["validate"]).arg(&file).assert().code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(!out.contains("X1"), "{out}");
    write(&file, two_years(2).as_bytes());
    let assert = gongkai().args(["validate"]).arg(&file).assert().code(1);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(
        out.contains("城关区 2021 error: the requests table (三), column “natural persons”: carried \
                      over 2, but the 2020 report carried 0 forward, a difference of 2. They must be \
                      equal: check both years. [X1]"),
        "{out}"
    );
    assert!(
        out.contains("城关区 2021 error: the requests table (三), column “total”: carried over 2"),
        "{out}"
    );
    // The codes stay for machines.
    let json = stdout_of(gongkai().args(["validate", "--format", "json"]).arg(&file));
    let v: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let arithmetic: Vec<&str> = v
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["rules"].as_array().into_iter().flatten())
        .filter_map(|r| r["arithmetic"].as_str())
        .collect();
    assert!(
        arithmetic.contains(
            &"natural_person: carried_over 2021 = 2 ≠ carried_forward 2020 = 0 (off by 2)"
        ),
        "{json}"
    );
}

#[test]
fn identical_years_are_flagged_as_copy_paste() {
    let dir = tempdir();
    let a = fixture("lanzhou-2020-published.csv").replace(",兰州市,", ",城关区,");
    let b = a.replace("2020,城关区,", "2019,城关区,");
    write(&dir.path().join("2020").join("城关区.csv"), a.as_bytes());
    write(&dir.path().join("2019").join("城关区.csv"), b.as_bytes());
    let out = stdout_of(gongkai().args(["validate"]).arg(dir.path()));
    assert!(
        out.contains("城关区 2020 warning: all 198 figures are identical to the 2019 report"),
        "{out}"
    );
}

#[test]
fn registry_reports_missing_and_unregistered_units_and_rolls_up() {
    let dir = tempdir();
    let published = fixture("lanzhou-2020-published.csv");
    let unit = |name: &str| published.replace(",兰州市,", &format!(",{name},"));
    let year = dir.path().join("2020");
    write(&year.join("东岗街道.csv"), unit("东岗街道").as_bytes());
    write(&year.join("酒泉路街道.csv"), unit("酒泉路街道").as_bytes());
    write(
        &year.join("兰州市教育局.csv"),
        unit("兰州市教育局").as_bytes(),
    );
    write(&year.join("城关县.csv"), unit("城关县").as_bytes());
    write(
        &dir.path().join("units.csv"),
        "unit,kind,parent,from,to\n兰州市,city,,,\n城关区,district,兰州市,,\n东岗街道,township,城关区,,\n\
         酒泉路街道,township,城关区,,\n兰州市教育局,department,兰州市,,\n兰州市司法局,department,兰州市,,\n\
         兰州市数据局,department,兰州市,2022,\n"
            .as_bytes(),
    );
    let assert = gongkai().args(["validate"]).arg(&year).assert().code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(out.contains("城关县.csv: 城关县 2020 coverage warning: unit not in the registry; did you mean 城关区?"), "{out}");
    assert!(
        out.contains("兰州市司法局 2020 coverage warning: no report from this department"),
        "{out}"
    );
    assert!(
        out.contains("城关区 2020 coverage warning: no report from this district"),
        "{out}"
    );
    assert!(!out.contains("兰州市数据局"), "not due before 2022: {out}");
    gongkai()
        .args(["validate", "--strict"])
        .arg(&year)
        .assert()
        .code(1);
    gongkai()
        .args(["validate", "--strict", "--allow", "coverage"])
        .arg(&year)
        .assert()
        .code(0);

    // Units of the registry without a report: refused, unless forced (or silenced).
    gongkai()
        .args(["consolidate", "--by", "parent", "--name", "兰州市"])
        .arg(&year)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "refused: 2 registered unit(s) sent no report (城关区 2020, 兰州市司法局 2020)",
        ));
    let csv = stdout_of(
        gongkai()
            .args([
                "consolidate",
                "--by",
                "parent",
                "--name",
                "兰州市",
                "--format",
                "csv",
                "--allow",
                "coverage",
            ])
            .arg(&year),
    );
    let value = |unit: &str| {
        csv.lines()
            .find(|l| l.starts_with(&format!("2020,{unit},requests,new_received,total,")))
            .and_then(|l| l.rsplit(',').next())
            .and_then(|v| v.parse::<i64>().ok())
    };
    assert_eq!(value("兰州市"), Some(4 * 343), "all four files");
    assert_eq!(value("城关区"), Some(2 * 343), "its two townships");
    assert_eq!(
        csv.lines().count(),
        1 + 2 * 198,
        "city and district totals only"
    );
    gongkai()
        .args(["consolidate", "--by", "parent"])
        .arg(dir.path().join("2020").join("城关县.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--by parent needs a units registry",
        ));
}

#[test]
fn two_files_for_one_unit_and_year_name_both() {
    let dir = tempdir();
    let published = fixture("lanzhou-2020-published.csv").replace(",兰州市,", ",城关区,");
    write(&dir.path().join("a.csv"), published.as_bytes());
    write(&dir.path().join("b.csv"), published.as_bytes());
    let assert = gongkai()
        .args(["consolidate", "--format", "csv"])
        .arg(dir.path())
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(err.contains("two files for 城关区 2020:"), "{err}");
    assert!(err.contains("a.csv and "), "{err}");
    assert!(err.contains("b.csv; both left out"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    gongkai().args(["consolidate"]).assert().code(2);
    gongkai()
        .args(["consolidate", "no/such/folder"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no/such/folder: error: no such file or folder",
        ));
    gongkai()
        .args(["consolidate", "data/lanzhou/2020", "--encoding", "klingon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown encoding"));
}

#[test]
fn output_file_is_written_atomically_and_deterministically() {
    let dir = tempdir();
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    for f in [&a, &b] {
        gongkai()
            .args([
                "consolidate",
                "data/lanzhou/2020",
                "--name",
                "兰州市",
                "--format",
                "csv",
                "--out",
            ])
            .arg(f)
            .assert()
            .success();
    }
    let (x, y) = (
        std::fs::read(&a).unwrap_or_default(),
        std::fs::read(&b).unwrap_or_default(),
    );
    assert!(!x.is_empty());
    assert_eq!(x, y);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default();
    assert!(leftovers.is_empty());
}

/// The progress bar never reaches a log: stderr that is not a terminal gets the summary and no bar
/// (no carriage returns, no "files, … left"); `--quiet` leaves only errors, and the sample has none.
#[test]
fn progress_is_hidden_when_stderr_is_not_a_terminal() {
    let run = |quiet: bool| {
        let mut cmd = gongkai();
        cmd.args(["consolidate", "data/lanzhou/2020", "--format", "csv"]);
        if quiet {
            cmd.arg("--quiet");
        }
        let out = cmd.output().unwrap_or_else(|e| panic!("run: {e}"));
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stderr).unwrap_or_default()
    };
    let (plain, quiet) = (run(false), run(true));
    assert!(plain.contains("summary: 20 file(s) read"), "{plain}");
    assert_eq!(quiet, "");
    assert!(!plain.contains('\r') && !plain.contains(" left"), "{plain}");
}

#[test]
fn help_completions_and_man_pages_come_from_one_localised_command() {
    let zh = stdout_of(gongkai_zh().args(["trend", "--help"]));
    assert!(zh.contains("用法：") && zh.contains("示例："), "{zh}");
    assert!(
        zh.contains("gongkai trend data/lanzhou --name 兰州市"),
        "{zh}"
    );
    let en = stdout_of(gongkai().args(["trend", "--help"]));
    assert!(en.contains("Usage: ") && en.contains("Examples:"), "{en}");
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = stdout_of(gongkai().args(["completions", shell]));
        for word in ["consolidate", "import-report", "lang"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let dir = tempdir();
    gongkai()
        .args(["man", "-o"])
        .arg(dir.path())
        .assert()
        .code(0);
    for page in ["gongkai.1", "gongkai-consolidate.1", "gongkai-trend.1"] {
        let text = std::fs::read_to_string(dir.path().join(page))
            .unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.starts_with(".ie") && text.contains(".TH"), "{page}");
    }
    let zh_page = stdout_of(gongkai_zh().arg("man"));
    assert!(zh_page.contains("汇总、校验、比较"), "{zh_page}");
}
