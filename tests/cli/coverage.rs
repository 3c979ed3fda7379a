//! No total without its caveats (issue 16): a batch with a unit report left out, missing or
//! failing is refused, and forced says what it rests on in every format; duplicates settled
//! by name or by `--prefer newer`; `trend` marks such years; Excel-friendly outputs (BOM, the
//! format by the file's name, a real workbook); the BI export's level 0 counted once.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use calamine::{Data, Reader, Xlsx};
use predicates::prelude::*;

use super::{fixture, gongkai, gongkai_zh, tempdir, write};

/// The published Lanzhou totals as one unit's tidy file.
fn unit_tidy(unit: &str) -> String {
    fixture("lanzhou-2020-published.csv").replace(",兰州市,", &format!(",{unit},"))
}

/// `2020/` with 城关区 and 七里河区 whole, and 西固区 with text in a number cell (left out).
fn folder_with_a_bad_unit() -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    let year = dir.path().join("2020");
    write(&year.join("城关区.csv"), unit_tidy("城关区").as_bytes());
    write(&year.join("七里河区.csv"), unit_tidy("七里河区").as_bytes());
    let bad = unit_tidy("西固区").replacen(
        "requests,granted,natural_person,252",
        "requests,granted,natural_person,二百五十二",
        1,
    );
    write(&year.join("西固区.csv"), bad.as_bytes());
    (dir, year)
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

/// `value` of one cell of the tidy CSV (`2020,合计,requests,total,total,`).
fn value(csv: &str, key: &str) -> Option<i64> {
    csv.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.rsplit(',').next())
        .and_then(|v| v.parse().ok())
}

#[test]
fn a_unit_left_out_refuses_the_total_and_forced_json_says_who_and_why() {
    let (dir, year) = folder_with_a_bad_unit();
    for format in ["table", "markdown", "csv", "json", "xlsx"] {
        let out = dir.path().join(format!("合计.{format}"));
        let assert = gongkai()
            .args(["consolidate", "--format", format, "-o"])
            .arg(&out)
            .arg(&year)
            .assert()
            .code(1);
        assert!(!out.exists(), "{format}: nothing written when refusing");
        assert_eq!(stdout(&assert), "");
        let err = stderr(&assert);
        assert!(
            err.contains(
                "refused: 1 unit report(s) left out (西固区 2020: could not be read); nothing \
                 written"
            ),
            "{err}"
        );
    }

    let assert = gongkai()
        .args(["consolidate", "--force", "--format", "json"])
        .arg(&year)
        .assert()
        .code(2);
    let json: serde_json::Value = serde_json::from_str(&stdout(&assert))
        .unwrap_or_else(|e| panic!("{e}: {}", stdout(&assert)));
    let coverage = &json["coverage"];
    assert_eq!(coverage["complete"], false);
    assert_eq!(coverage["forced"], true);
    let y = &coverage["years"][0];
    assert_eq!(y["year"], 2020);
    assert_eq!(y["summed"], serde_json::json!(["七里河区", "城关区"]));
    let left = &y["left_out"][0];
    assert_eq!(left["unit"], "西固区");
    assert_eq!(left["year"], 2020);
    assert_eq!(left["reason"], "unreadable");
    let file = year.join("西固区.csv").display().to_string();
    assert_eq!(left["files"][0], file.as_str());
    let detail = left["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains("not a number in requests.granted.natural_person"),
        "{detail}"
    );
    assert_eq!(y["missing"], serde_json::json!([]));
    assert_eq!(y["failing"], serde_json::json!([]));
    // The values are the two units summed.
    let total = json["values"]
        .as_array()
        .and_then(|v| {
            v.iter().find(|r| {
                r["section"] == "requests" && r["row"] == "total" && r["column"] == "total"
            })
        })
        .map(|r| r["value"].clone());
    assert_eq!(total, Some(serde_json::json!(2 * 357)));

    // The table and Markdown carry the note above the tables.
    for (format, opening) in [
        (
            "table",
            "Note: this total was summed with --force and is not whole.",
        ),
        (
            "markdown",
            "> **Note: this total was summed with --force and is not whole.",
        ),
    ] {
        let assert = gongkai()
            .args(["consolidate", "--force", "--format", format])
            .arg(&year)
            .assert()
            .code(2);
        let out = stdout(&assert);
        assert!(out.starts_with(opening), "{format}: {out}");
        assert!(
            out.contains("left out: 西固区 2020 (could not be read): "),
            "{format}: {out}"
        );
    }
}

#[test]
fn forced_csv_stays_tidy_and_its_note_goes_to_stderr_and_the_notes_file() {
    let (dir, year) = folder_with_a_bad_unit();
    let notes = dir.path().join("说明.txt");
    let assert = gongkai()
        .args(["consolidate", "--force", "--format", "csv", "--notes"])
        .arg(&notes)
        .arg(&year)
        .assert()
        .code(2);
    let csv = stdout(&assert);
    assert!(
        csv.starts_with("year,unit,section,row,column,value\n"),
        "{csv}"
    );
    assert!(!csv.contains("Note"), "the CSV is only data");
    assert_eq!(
        value(&csv, "2020,合计,requests,total,total,"),
        Some(2 * 357)
    );
    let err = stderr(&assert);
    let noted = std::fs::read_to_string(&notes).unwrap_or_default();
    for text in [&err, &noted] {
        assert!(
            text.contains("Note: this total was summed with --force and is not whole."),
            "{text}"
        );
        assert!(text.contains("  - 2020: 2 unit report(s) summed"), "{text}");
        assert!(text.contains("  - left out: 西固区 2020"), "{text}");
    }
    // A whole total writes the notes file too, saying so.
    let whole = dir.path().join("whole.txt");
    gongkai()
        .args([
            "consolidate",
            "data/lanzhou/2020",
            "--format",
            "csv",
            "--notes",
        ])
        .arg(&whole)
        .assert()
        .code(0);
    let noted = std::fs::read_to_string(&whole).unwrap_or_default();
    assert!(noted.starts_with("This total is whole."), "{noted}");
    assert!(noted.contains("2020: 20 unit report(s) summed"), "{noted}");
}

#[test]
fn the_refusal_in_chinese() {
    let (_dir, year) = folder_with_a_bad_unit();
    let assert = gongkai_zh()
        .args(["consolidate"])
        .arg(&year)
        .assert()
        .code(1)
        .stdout("");
    let err = stderr(&assert);
    assert!(
        err.contains(
            "不予汇总：有 1 份单位报表未能计入（西固区 2020（无法读取）），未写出任何结果。"
        ),
        "{err}"
    );
    assert!(
        err.contains("汇总：读取文件 3 个，采用 2 个，未采用 1 个"),
        "{err}"
    );
    let assert = gongkai_zh()
        .args(["consolidate", "--force"])
        .arg(&year)
        .assert()
        .code(2);
    let out = stdout(&assert);
    assert!(
        out.starts_with("注意：本合计系加 --force 强行汇总，数据不完整。"),
        "{out}"
    );
    assert!(out.contains("未计入：西固区 2020（无法读取）"), "{out}");
}

#[test]
fn a_registered_unit_missing_refuses_the_total_unless_silenced() {
    let dir = tempdir();
    let year = dir.path().join("2020");
    write(&year.join("城关区.csv"), unit_tidy("城关区").as_bytes());
    write(
        &dir.path().join("units.csv"),
        "unit,kind,parent,from,to\n兰州市,city,,,\n城关区,district,兰州市,,\n安宁区,district,兰州市,,\n"
            .as_bytes(),
    );
    gongkai()
        .args(["consolidate", "--format", "csv"])
        .arg(&year)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "refused: 1 registered unit(s) sent no report (安宁区 2020); nothing written",
        ));
    let assert = gongkai()
        .args(["consolidate", "--force", "--format", "json"])
        .arg(&year)
        .assert()
        .code(1);
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&assert)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        json["coverage"]["years"][0]["missing"],
        serde_json::json!(["安宁区"])
    );
    // Silenced, the total is whole as far as the user cares.
    gongkai()
        .args(["consolidate", "--allow", "coverage", "--format", "csv"])
        .arg(&year)
        .assert()
        .code(0);
}

/// Sets a file's modification time `minutes` after a fixed time.
fn touch(path: &Path, minutes: u64) {
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000 + minutes * 60);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(at))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn duplicates_a_correction_wins_the_newer_when_asked_else_both_are_named() {
    let dir = tempdir();
    let year = dir.path().join("2020");
    // The first copy with a wrong count, then the right one.
    let first = unit_tidy("城关区").replacen(
        "requests,new_received,natural_person,284",
        "requests,new_received,natural_person,1284",
        1,
    );
    assert_ne!(first, unit_tidy("城关区"));
    write(&year.join("七里河区.csv"), unit_tidy("七里河区").as_bytes());
    let old = year.join("城关区.csv");
    let new = year.join("城关区-2.csv");
    write(&old, first.as_bytes());
    write(&new, unit_tidy("城关区").as_bytes());
    touch(&old, 0);
    touch(&new, 5);

    // Nothing tells which is right: refused, the newer named.
    let assert = gongkai()
        .args(["consolidate", "--format", "csv"])
        .arg(&year)
        .assert()
        .code(1)
        .stdout("");
    let err = stderr(&assert);
    assert!(
        err.contains(&format!(
            "two files for 城关区 2020: {} and {}; both left out ({} is the newer: --prefer \
             newer uses it)",
            new.display(),
            old.display(),
            new.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("refused: 1 unit report(s) left out (城关区 2020: given by several files)")
    );

    // --prefer newer: the newer is summed, and said so.
    let assert = gongkai()
        .args(["consolidate", "--prefer", "newer", "--format", "csv"])
        .arg(&year)
        .assert()
        .code(0);
    let csv = stdout(&assert);
    assert_eq!(
        value(&csv, "2020,合计,requests,new_received,natural_person,"),
        Some(2 * 284)
    );
    let err = stderr(&assert);
    assert!(
        err.contains(&format!(
            "{} is used (the newer, as --prefer newer asks), the other left out",
            new.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "城关区 2020: {} used, not {} (the newer, as --prefer newer asks)",
            new.display(),
            old.display()
        )),
        "{err}"
    );

    // A file named as the correction wins whatever the times, without asking.
    let corrected = year.join("城关区（更正）.csv");
    std::fs::rename(&new, &corrected).unwrap_or_else(|e| panic!("{e}"));
    touch(&corrected, 0);
    touch(&old, 5);
    let assert = gongkai()
        .args(["consolidate", "--format", "json"])
        .arg(&year)
        .assert()
        .code(0);
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&assert)).unwrap_or_else(|e| panic!("{e}"));
    let chosen = &json["coverage"]["years"][0]["chosen"][0];
    assert_eq!(chosen["file"], corrected.display().to_string().as_str());
    assert_eq!(chosen["over"][0], old.display().to_string().as_str());
    assert_eq!(chosen["why"], "corrected");
    assert_eq!(json["coverage"]["complete"], true);
}

#[test]
fn trend_marks_a_year_resting_on_incomplete_data_and_exits_1() {
    let dir = tempdir();
    let root = dir.path().join("lanzhou");
    for entry in walk(&super::root().join("data/lanzhou")) {
        let rel = entry
            .strip_prefix(super::root().join("data/lanzhou"))
            .unwrap_or_else(|e| panic!("{e}"));
        let bytes = std::fs::read(&entry).unwrap_or_else(|e| panic!("{e}"));
        write(&root.join(rel), &bytes);
    }
    // 2021 without 城关区: the registry expects it.
    std::fs::remove_file(root.join("2021/城关区.csv")).unwrap_or_else(|e| panic!("{e}"));
    let args = [
        "trend",
        "--name",
        "兰州市",
        "--metric",
        "requests.new_received.total",
    ];
    let assert = gongkai()
        .args(args)
        .args(["--format", "csv"])
        .arg(&root)
        .assert()
        .code(1);
    let csv = stdout(&assert);
    let caveats: Vec<(&str, &str)> = csv
        .lines()
        .skip(1)
        .filter_map(|l| Some((l.get(..4)?, l.rsplit(',').next()?)))
        .collect();
    assert_eq!(
        caveats,
        [
            ("2019", ""),
            ("2020", ""),
            ("2021", "incomplete"),
            ("2022", ""),
            ("2023", "")
        ],
        "{csv}"
    );
    let err = stderr(&assert);
    assert!(
        err.contains("  - missing: 城关区 2021, in the registry, sent no report"),
        "{err}"
    );

    let table = stdout(&gongkai().args(args).arg(&root).assert().code(1));
    assert!(
        table.contains("┆ 2021* ┆") || table.contains(" 2021* "),
        "{table}"
    );
    assert!(
        table.contains("* 2021: not whole: unit reports left out or missing"),
        "{table}"
    );
    let json = stdout(
        &gongkai()
            .args(args)
            .args(["--format", "json"])
            .arg(&root)
            .assert()
            .code(1),
    );
    let items: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    let marked: Vec<i64> = items
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|i| i["caveat"] == "incomplete")
                .filter_map(|i| i["year"].as_i64())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(marked, [2021]);
    // The chart marks the same year (a `*` on its axis and a footer note saying why).
    let svg = root.join("trend.svg");
    gongkai()
        .args(args)
        .arg(&root)
        .arg("--chart")
        .arg(&svg)
        .assert()
        .code(1);
    let drawn = std::fs::read_to_string(&svg).unwrap_or_else(|e| panic!("{e}"));
    assert!(drawn.contains("2021*"), "no 2021* on the chart");
    assert!(!drawn.contains("2022*") && !drawn.contains("2020*"));
    assert!(
        drawn.contains("标*的年份数据不完整")
            || drawn.contains("the year rests on incomplete data"),
        "no note on the chart"
    );
    // The whole sample: nothing marked, exit 0.
    gongkai()
        .args(args)
        .arg("data/lanzhou")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("2021*").not());
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn csv_files_start_with_a_bom_and_standard_output_does_not() {
    let dir = tempdir();
    let by_name = dir.path().join("合计.csv");
    gongkai()
        .args(["consolidate", "data/lanzhou/2020", "-o"])
        .arg(&by_name)
        .assert()
        .code(0);
    let bytes = std::fs::read(&by_name).unwrap_or_default();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFyear,unit,section"),
        "the format by the name, with a BOM"
    );
    let piped = gongkai()
        .args(["consolidate", "data/lanzhou/2020", "--format", "csv"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        piped.stdout.starts_with(b"year,"),
        "no BOM on standard output"
    );
    assert_eq!(&bytes[3..], &piped.stdout[..], "the same CSV");
    let plain = dir.path().join("plain.csv");
    gongkai()
        .args(["consolidate", "data/lanzhou/2020", "--no-bom", "-o"])
        .arg(&plain)
        .assert()
        .code(0);
    assert_eq!(std::fs::read(&plain).unwrap_or_default(), piped.stdout);
    // The template's grid the same way.
    let template = dir.path().join("模板.csv");
    gongkai()
        .args(["template", "--form", "2021", "--no-bom", "-o"])
        .arg(&template)
        .assert()
        .code(0);
    let bytes = std::fs::read(&template).unwrap_or_default();
    assert!(bytes.starts_with("政府信息公开工作年度报告统计表".as_bytes()));
    // trend too.
    let trend = dir.path().join("trend.csv");
    gongkai()
        .args(["trend", "data/lanzhou", "-o"])
        .arg(&trend)
        .assert()
        .code(0);
    let bytes = std::fs::read(&trend).unwrap_or_default();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFyear,unit,measure"));
}

#[test]
fn an_xlsx_name_writes_the_official_tables_as_a_workbook() {
    let dir = tempdir();
    let file = dir.path().join("兰州市.xlsx");
    gongkai()
        .args(["consolidate", "data/lanzhou/2020", "--name", "兰州市", "-o"])
        .arg(&file)
        .assert()
        .code(0);
    let bytes = std::fs::read(&file).unwrap_or_default();
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).unwrap_or_else(|e| panic!("not a workbook: {e}"));
    assert_eq!(book.sheet_names(), ["2020年", "Findings"]);
    let range = book
        .worksheet_range("2020年")
        .unwrap_or_else(|e| panic!("{e}"));
    let title = range.get_value((0, 0)).cloned().unwrap_or(Data::Empty);
    assert_eq!(
        title,
        Data::String(
            "兰州市 2020年 政府信息公开工作年度报告统计表（2019版，国办公开办函〔2019〕60号）"
                .into()
        )
    );
    let texts: Vec<String> = range.used_cells().map(|(_, _, d)| d.to_string()).collect();
    assert!(
        texts.iter().any(|t| t.contains("属于国家秘密")),
        "the form's labels: {texts:?}"
    );
    // 本年新收 343, 总计 357: numbers, not text.
    for n in [343.0, 357.0] {
        assert!(
            range.used_cells().any(|(_, _, d)| *d == Data::Float(n)),
            "{n} not in the sheet"
        );
    }

    // Forced over a unit left out: a sheet of notes says what the total rests on.
    let (dir, year) = folder_with_a_bad_unit();
    let file = dir.path().join("合计.xlsx");
    gongkai()
        .args(["consolidate", "--force", "-o"])
        .arg(&file)
        .arg(&year)
        .assert()
        .code(2);
    let bytes = std::fs::read(&file).unwrap_or_default();
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).unwrap_or_else(|e| panic!("not a workbook: {e}"));
    assert_eq!(book.sheet_names(), ["2020年", "Notes", "Findings"]);
    let notes = book
        .worksheet_range("Notes")
        .unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<String> = notes.used_cells().map(|(_, _, d)| d.to_string()).collect();
    assert!(
        lines.iter().any(|l| l.contains("left out: 西固区 2020")),
        "{lines:?}"
    );
}

#[test]
fn a_name_that_contradicts_the_format_is_an_error_and_nothing_is_written() {
    let dir = tempdir();
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["consolidate", "data/lanzhou/2020", "--format", "csv"],
            "c.xlsx",
            "c.xlsx: --format csv does not write a .xlsx file: name it .csv, or leave --format out",
        ),
        (
            &["consolidate", "data/lanzhou/2020", "--format", "json"],
            "c.md",
            "--format json does not write a .md file: name it .json",
        ),
        (
            &["consolidate", "data/lanzhou/2020"],
            "c.xls",
            "consolidate writes workbooks as .xlsx, not .xls: name the file .xlsx",
        ),
        (
            &["trend", "data/lanzhou"],
            "t.xlsx",
            "trend does not write .xlsx files; it writes .txt, .md, .csv or .json",
        ),
        (
            &["validate", "data/lanzhou/2020"],
            "v.csv",
            "validate does not write .csv files; it writes .txt or .json",
        ),
    ];
    for (args, name, message) in cases {
        let out = dir.path().join(name);
        gongkai()
            .args(args)
            .arg("-o")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
        assert!(!out.exists(), "{name}");
    }
    // validate -o x.json: the findings as JSON, by the name.
    let findings = dir.path().join("v.json");
    gongkai()
        .args(["validate", "data/lanzhou/2020", "-o"])
        .arg(&findings)
        .assert()
        .code(0)
        .stdout("");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&findings).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json.as_array().map_or(0, Vec::len), 3);
}

/// The export without --name: the registry's root is the batch's total, written once at level
/// 0, so summing level 0 of totals.parquet gives each published figure once.
#[test]
fn summing_level_zero_of_the_exported_totals_counts_each_figure_once() {
    use arrow::array::{Array, Int32Array, Int64Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let published: std::collections::BTreeMap<String, i64> = fixture("lanzhou-2020-published.csv")
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            // Money is in the amount column; the counts are what this sums.
            let v = f.get(5)?.parse().ok()?;
            Some((format!("{}.{}.{}", f.get(2)?, f.get(3)?, f.get(4)?), v))
        })
        .collect();
    let dir = tempdir();
    for name in [None, Some("兰州市")] {
        let out = dir.path().join(format!("bi-{}", name.is_some()));
        let mut cmd = gongkai();
        cmd.args(["export", "data/lanzhou/2020", "-o"]).arg(&out);
        if let Some(name) = name {
            cmd.args(["--name", name]);
        }
        cmd.assert().code(0);
        let file =
            std::fs::File::open(out.join("totals.parquet")).unwrap_or_else(|e| panic!("{e}"));
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .and_then(|b| b.build())
            .unwrap_or_else(|e| panic!("{e}"));
        let mut sums: std::collections::BTreeMap<String, i64> = Default::default();
        let mut names = std::collections::BTreeSet::new();
        for batch in reader {
            let batch = batch.unwrap_or_else(|e| panic!("{e}"));
            let column = |n: &str| {
                let c = batch.column_by_name(n).unwrap_or_else(|| panic!("no {n}"));
                arrow::compute::cast(c, &arrow::datatypes::DataType::Utf8)
                    .unwrap_or_else(|e| panic!("{e}"))
            };
            let level = batch
                .column_by_name("level")
                .and_then(|c| c.as_any().downcast_ref::<Int32Array>().cloned())
                .unwrap_or_else(|| panic!("level"));
            let value = batch
                .column_by_name("value")
                .and_then(|c| c.as_any().downcast_ref::<Int64Array>().cloned())
                .unwrap_or_else(|| panic!("value"));
            let (measure, total) = (column("measure"), column("total"));
            let measure = measure
                .as_any()
                .downcast_ref::<StringArray>()
                .unwrap_or_else(|| panic!("measure"));
            let total = total
                .as_any()
                .downcast_ref::<StringArray>()
                .unwrap_or_else(|| panic!("total"));
            for i in 0..batch.num_rows() {
                if level.value(i) != 0 || value.is_null(i) {
                    continue;
                }
                names.insert(total.value(i).to_string());
                *sums.entry(measure.value(i).to_string()).or_default() += value.value(i);
            }
        }
        assert_eq!(
            names,
            std::collections::BTreeSet::from(["兰州市".to_string()]),
            "{name:?}"
        );
        let counts: std::collections::BTreeMap<String, i64> = published
            .iter()
            .filter(|(k, _)| sums.contains_key(*k))
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        assert_eq!(
            sums, counts,
            "{name:?}: level 0 sums to the published figures"
        );
        assert_eq!(sums.get("requests.total.total"), Some(&357));
        assert!(sums.len() > 150, "{} counts", sums.len());
    }
}
