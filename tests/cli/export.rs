//! `gongkai export`: exit codes, the folder's files, repeatability and the findings hand-off.
//! (The Parquet contents are read back with polars in crates/export's tests, and with DuckDB and
//! pyarrow by tests/export_check.py.)

use std::collections::BTreeMap;
use std::path::Path;

use super::{broken_unit, gongkai, tempdir, write};

/// Every file under `dir`, relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else if let Ok(rel) = p.strip_prefix(base) {
                let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                out.insert(rel.to_string_lossy().into_owned(), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn export_of_the_sample_is_complete_and_byte_identical_when_repeated() {
    let dir = tempdir();
    let run = |n: u32| {
        let out = dir.path().join(format!("bi{n}"));
        let xlsx = dir.path().join(format!("兰州市{n}.xlsx"));
        let assert = gongkai()
            .args([
                "export",
                "data/lanzhou/2020",
                "--name",
                "兰州市",
                "--csv",
                "--out",
            ])
            .arg(&out)
            .arg("--xlsx")
            .arg(&xlsx)
            .assert()
            .code(0);
        let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(
            // A row for each of the 20 units' 198 cells that is not 0 (3,960 with --zeros).
            err.contains("753 fact row(s) for 2020; 3 finding(s)"),
            "{err}"
        );
        let xlsx = std::fs::read(&xlsx).unwrap_or_else(|e| panic!("{e}"));
        (tree(&out), xlsx)
    };
    let (a, xa) = run(1);
    let (b, xb) = run(2);
    let names: Vec<&str> = a.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "csv/deltas.csv",
            "csv/facts.csv",
            "csv/findings.csv",
            "csv/measures.csv",
            "csv/rates.csv",
            "csv/totals.csv",
            "csv/units.csv",
            "deltas.parquet",
            "facts/year=2020/part-0.parquet",
            "findings.parquet",
            "manifest.json",
            "measures.parquet",
            "rates.parquet",
            "totals.parquet",
            "units.parquet",
        ]
    );
    assert!(a == b, "two exports of the same input differ");
    assert!(xa == xb, "two workbooks of the same input differ");
    assert!(xa.starts_with(b"PK"), "a zip (xlsx)");
    let manifest = String::from_utf8_lossy(&a["manifest.json"]).into_owned();
    assert!(
        manifest.contains("\"path\": \"data/lanzhou/2020/城关区.csv\""),
        "{manifest}"
    );
    assert!(
        manifest.contains("\"path\": \"data/lanzhou/units.csv\""),
        "{manifest}"
    );
    for (name, bytes) in &a {
        if name.ends_with(".parquet") {
            assert!(
                bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"),
                "{name}"
            );
        }
        if name.ends_with(".csv") {
            assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{name}: UTF-8 with BOM");
        }
    }
    // The registry's tree: 兰州市 and its 20 units.
    let units = String::from_utf8_lossy(&a["csv/units.csv"]).into_owned();
    // unit,kind,parent,level,registered,from_year,to_year,reports
    let row = units.lines().find(|l| l.starts_with("城关区,"));
    assert!(
        row.is_some_and(|l| l.starts_with("城关区,district,兰州市,1,true,") && l.ends_with(",1")),
        "{units}"
    );
    let totals = String::from_utf8_lossy(&a["csv/totals.csv"]).into_owned();
    assert!(
        totals.contains("2020,兰州市,0,,20,0,2019,active,procurement,amount,active.procurement.amount,2019:active.procurement.amount,money,,278800,0\r\n"),
        "{totals}"
    );
}

#[test]
fn failing_units_are_exported_with_the_findings_validate_gives_and_exit_1() {
    let dir = tempdir();
    let (file, _) = broken_unit(
        dir.path(),
        "城关区",
        "2020,兰州市,requests,total,natural_person,298",
        "2020,兰州市,requests,total,natural_person,295",
    );
    let json = super::stdout_of(gongkai().args(["validate", "--format", "json"]).arg(&file));
    let entries: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let entries = entries.as_array().cloned().unwrap_or_default();
    // One wrong cell: one finding naming R1, R2 and R3.
    assert!(
        entries
            .iter()
            .any(|e| e["rules"].as_array().map_or(0, Vec::len) == 3),
        "R1, R2, R3: {json}"
    );

    let out = dir.path().join("bi");
    let assert = gongkai()
        .args(["export", "--csv", "--out"])
        .arg(&out)
        .arg(&file)
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        err.contains("written with 1 unit report(s) that fail rules"),
        "{err}"
    );
    let findings = std::fs::read_to_string(out.join("csv/findings.csv")).unwrap_or_default();
    assert_eq!(findings.lines().count(), entries.len() + 1, "{findings}");
    for e in &entries {
        let message = e["message"]
            .as_str()
            .unwrap_or_default()
            .replace('"', "\"\"");
        assert!(findings.contains(&message), "{message} not in\n{findings}");
        assert!(findings.contains(&format!(",{},", e["rule"].as_str().unwrap_or_default())));
    }
    // The total rests on the failing report, and says so.
    let totals = std::fs::read_to_string(out.join("csv/totals.csv")).unwrap_or_default();
    assert!(totals.contains("\r\n2020,合计,0,,1,1,2019,"), "{totals}");
    assert!(out.join("facts/year=2020/part-0.parquet").is_file());
}

#[test]
fn export_refuses_a_folder_that_is_not_an_export_and_leaves_it_alone() {
    let dir = tempdir();
    let docs = dir.path().join("docs");
    write(&docs.join("note.txt"), b"mine");
    gongkai()
        .args(["export", "data/lanzhou/2020", "--out"])
        .arg(&docs)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is not an earlier export"));
    assert_eq!(
        std::fs::read(docs.join("note.txt")).unwrap_or_default(),
        b"mine"
    );
    assert_eq!(
        std::fs::read_dir(&docs).map(Iterator::count).unwrap_or(0),
        1
    );
    let leftovers = std::fs::read_dir(dir.path())
        .map(Iterator::count)
        .unwrap_or(0);
    assert_eq!(leftovers, 1, "no temporary folder left beside it");
}

#[test]
fn unreadable_input_is_left_out_exported_as_a_finding_and_exits_2() {
    let dir = tempdir();
    let input = dir.path().join("2020");
    for unit in ["城关区", "七里河区"] {
        let name = format!("{unit}.csv");
        let bytes = std::fs::read(super::root().join("data/lanzhou/2020").join(&name))
            .unwrap_or_else(|e| panic!("{e}"));
        write(&input.join(name), &bytes);
    }
    write(&input.join("坏文件.csv"), b"\x00\x01binary");
    let out = dir.path().join("bi");
    gongkai()
        .args(["export", "--csv", "--zeros", "--out"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(2);
    let findings = std::fs::read_to_string(out.join("csv/findings.csv")).unwrap_or_default();
    assert!(findings.contains(",input,error,"), "{findings}");
    // With --zeros, every cell of the two reports read.
    let facts = std::fs::read_to_string(out.join("csv/facts.csv")).unwrap_or_default();
    assert_eq!(facts.lines().count(), 1 + 2 * 198);
}

#[test]
fn export_without_reports_writes_nothing() {
    let dir = tempdir();
    let out = dir.path().join("bi");
    gongkai()
        .args(["export", "data/lanzhou/2020", "--from", "2021", "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nothing written"));
    assert!(!out.exists());
    gongkai()
        .args([
            "export",
            "data/lanzhou/2020",
            "--from",
            "2021",
            "--to",
            "2020",
            "--out",
        ])
        .arg(&out)
        .assert()
        .code(2);
}
