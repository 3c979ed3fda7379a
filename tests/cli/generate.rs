//! `gongkai generate`: its manifest scores `validate` (every injected defect found, nothing else
//! flagged), and clean data consolidates to the same totals in either layout.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use super::{gongkai, tempdir, write};

/// `layout` is one of `--layout`'s, or `variety`: `--layout grid --variety`.
fn generate(dir: &Path, layout: &str, seed: &str, errors: &str) -> String {
    let mut cmd = gongkai();
    cmd.args(["generate", "--units", "60", "--years", "2019-2023"]);
    match layout {
        "variety" => cmd.args(["--layout", "grid", "--variety"]),
        _ => cmd.args(["--layout", layout]),
    };
    let assert = cmd
        .args(["--seed", seed, "--errors", errors, "--out"])
        .arg(dir)
        .assert()
        .code(0);
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{e}"))
}

/// (unit, year, rule) of a JSON object.
fn key(v: &Value) -> (String, i64, String) {
    (
        v["unit"].as_str().unwrap_or_default().to_string(),
        v["year"].as_i64().unwrap_or_default(),
        v["rule"].as_str().unwrap_or_default().to_string(),
    )
}

#[test]
fn validate_finds_every_injected_defect_and_nothing_else() {
    let dir = tempdir();
    for layout in ["grid", "tidy", "variety"] {
        let out = dir.path().join(layout);
        let err = generate(&out, layout, "7", "0.1");
        assert!(err.contains("generated: 60 unit(s)"), "{err}");
        let manifest = json(&std::fs::read(out.join("manifest.json")).unwrap_or_default());
        let defects = manifest["defects"].as_array().cloned().unwrap_or_default();
        let reports = manifest["counts"]["reports"].as_u64().unwrap_or(0);
        assert!(
            reports >= 290,
            "60 units × 5 years, a few created or dissolved"
        );
        assert_eq!(defects.len() as u64, (reports as f64 * 0.1).round() as u64);

        let assert = gongkai()
            .args(["validate", "--format", "json"])
            .arg(&out)
            .assert();
        let code = assert.get_output().status.code();
        let text_defects = defects.iter().any(|d| d["kind"] == "text");
        assert_eq!(code, Some(if text_defects { 2 } else { 1 }), "{layout}");
        let findings = json(&assert.get_output().stdout);
        let findings = findings.as_array().cloned().unwrap_or_default();

        let injected: BTreeSet<(String, i64, String)> = defects.iter().map(key).collect();
        let defective: BTreeSet<(String, i64)> =
            injected.iter().map(|(u, y, _)| (u.clone(), *y)).collect();
        let expected: BTreeSet<(String, i64, String)> = defects
            .iter()
            .flat_map(|d| {
                let (unit, year, _) = key(d);
                d["expected"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .map(move |e| (unit.clone(), year, key(&e).2))
            })
            .collect();
        // Units that leave a whole table blank, as small ones do, get a warning each; the
        // manifest predicts the defects, not those (the ingest tests check them).
        let blank_table = |f: &Value| {
            f["level"] == "warning"
                && f["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("is blank in every cell"))
        };
        // A finding that names several rules (one cell explaining them) counts for each.
        let found: BTreeSet<(String, i64, String)> = findings
            .iter()
            .filter(|f| !blank_table(f))
            .flat_map(|f| {
                let (unit, year, rule) = key(f);
                let rules: Vec<String> = f["rules"]
                    .as_array()
                    .map(|rs| {
                        rs.iter()
                            .map(|r| r["rule"].as_str().unwrap_or_default().to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                let rules = if rules.is_empty() { vec![rule] } else { rules };
                rules.into_iter().map(move |r| (unit.clone(), year, r))
            })
            .collect();

        // Recall: each defect under its own rule, at its unit and year.
        let missed: Vec<_> = injected.difference(&found).collect();
        // Precision: no error on a report without a defect.
        let false_errors: Vec<&Value> = findings
            .iter()
            .filter(|f| f["level"] == "error")
            .filter(|f| {
                let (u, y, _) = key(f);
                !defective.contains(&(u, y))
            })
            .collect();
        let recall = (injected.len() - missed.len()) as f64 / injected.len() as f64;
        assert!(
            missed.is_empty() && false_errors.is_empty(),
            "{layout}: recall {recall}; missed {missed:?}; errors without a defect {false_errors:?}"
        );
        // And exactly the findings the manifest predicts, warnings included.
        assert_eq!(found, expected, "{layout}");
    }
}

#[test]
fn generated_layouts_consolidate_to_the_same_totals() {
    let dir = tempdir();
    let mut outputs = Vec::new();
    let layouts = ["tidy", "grid", "workbook", "variety"];
    for layout in layouts {
        let out = dir.path().join(layout);
        generate(&out, layout, "42", "0");
        let mut csv = Vec::new();
        for by_parent in [false, true] {
            let mut cmd = gongkai();
            cmd.args(["consolidate", "--format", "csv"]).arg(&out);
            if by_parent {
                cmd.args(["--by", "parent"]);
            }
            let assert = cmd.assert().code(0);
            let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
            assert!(err.contains("findings: 0 error(s), "), "{err}");
            let warnings = err.lines().filter(|l| l.contains(": warning: ")).count();
            let blank = err.matches("is blank in every cell").count();
            assert_eq!(
                warnings, blank,
                "only tables left blank are warned of: {err}"
            );
            assert!(err.contains("0 missing report(s)"), "{err}");
            csv.push(String::from_utf8_lossy(&assert.get_output().stdout).into_owned());
        }
        // Five years of one total: 2 × 198 + 3 × 200 cells and the header.
        assert_eq!(csv[0].lines().count(), 1 + 2 * 198 + 3 * 200, "{layout}");
        assert!(csv[1].lines().count() > csv[0].lines().count());
        outputs.push(csv);
    }
    for (layout, csv) in layouts.iter().zip(&outputs).skip(1) {
        assert!(
            *csv == outputs[0],
            "{layout} and tidy files of one seed sum differently"
        );
    }
    // The workbooks are what was summed: no CSV beside them but the registry.
    let workbook_dir = dir.path().join("workbook");
    assert!(walk(&workbook_dir).is_empty());
    let xlsx = std::fs::read_dir(workbook_dir.join("2020"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "xlsx"))
        .count();
    assert!(xlsx > 50, "{xlsx} workbook(s) written for 2020");
}

/// A province's units in one tidy file (past 2 MiB: read in pieces on every core) consolidate
/// and validate as the same units in their own files: the same totals, the same findings of
/// each unit, and problems placed at their lines of the one file.
#[test]
fn units_in_one_big_tidy_file_read_as_in_their_own_files() {
    let dir = tempdir();
    let files = dir.path().join("files");
    gongkai()
        .args([
            "generate", "--units", "200", "--years", "2023", "--layout", "tidy",
        ])
        .args(["--seed", "5", "--errors", "0.05", "--out"])
        .arg(&files)
        .assert()
        .code(0);
    let mut paths = walk(&files);
    paths.sort();
    let mut one = String::new();
    for (i, path) in paths.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let skip = if i == 0 { 0 } else { 1 };
        for line in text.lines().skip(skip) {
            one.push_str(line);
            one.push('\n');
        }
    }
    assert!(one.len() > 2 << 20, "{} bytes", one.len());
    let province = dir.path().join("province");
    write(&province.join("甘肃省.csv"), one.as_bytes());
    let registry = std::fs::read(files.join("units.csv")).unwrap_or_default();
    write(&province.join("units.csv"), &registry);
    let run = |args: &[&str], input: &Path| {
        let o = gongkai()
            .args(args)
            .arg(input)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    let consolidate = ["consolidate", "--format", "csv", "--force"];
    assert_eq!(run(&consolidate, &province), run(&consolidate, &files));
    let validate = ["validate", "--format", "json"];
    let (code, separate) = run(&validate, &files);
    let (one_code, together) = run(&validate, &province);
    assert_eq!(one_code, code);
    let findings = |text: &str| -> BTreeSet<(String, i64, String, String)> {
        let all = json(text.as_bytes());
        all.as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                let (unit, year, rule) = key(f);
                (
                    unit,
                    year,
                    rule,
                    f["level"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    let (separate, together_set) = (findings(&separate), findings(&together));
    assert!(separate.len() > 5, "{separate:?}");
    assert_eq!(together_set, separate);
    // A line's place is its line in the one file.
    let lines: Vec<&str> = one.lines().collect();
    for f in json(together.as_bytes()).as_array().into_iter().flatten() {
        let (Some(line), Some(unit)) = (f["line"].as_u64(), f["unit"].as_str()) else {
            continue;
        };
        let held = lines
            .get((line as usize).saturating_sub(1))
            .copied()
            .unwrap_or_default();
        assert!(held.contains(unit), "line {line} is not {unit}'s: {held}");
    }
}

#[test]
fn generate_refuses_a_foreign_folder_and_replaces_its_own() {
    let dir = tempdir();
    let foreign = dir.path().join("mine");
    write(&foreign.join("notes.txt"), b"keep");
    gongkai()
        .args(["generate", "--units", "5", "--out"])
        .arg(&foreign)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is not empty"));
    assert!(foreign.join("notes.txt").exists());
    let out = dir.path().join("out");
    for years in ["2019-2020", "2022"] {
        gongkai()
            .args(["generate", "--units", "5", "--years", years, "--out"])
            .arg(&out)
            .assert()
            .code(0);
    }
    assert!(out.join("2022").is_dir() && !out.join("2019").exists());
    for (bad, message) in [
        (
            ["--years", "2023-2019", "--units", "5"],
            "years \"2023-2019\"",
        ),
        (["--errors", "1.5", "--units", "5"], "--errors 1.5"),
        (
            ["--errors", "0.1", "--units=5", "--layout=workbook"],
            "--errors 0.1 with --layout workbook",
        ),
        (["--years", "2020", "--units", "0"], "--units 0"),
    ] {
        gongkai()
            .args(["generate", "--out"])
            .arg(dir.path().join("bad"))
            .args(bad)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(message));
    }
    assert!(!dir.path().join("bad").exists());
}

/// The batch is read and folded a chunk of files at a time; the chunk size changes nothing,
/// including a unit given twice in different chunks (taken back out of the totals at the end).
#[test]
fn chunk_size_changes_nothing() {
    let dir = tempdir();
    for layout in ["tidy", "grid"] {
        let out = dir.path().join(layout);
        generate(&out, layout, "11", "0.1");
        chunk_size_changes_nothing_in(&out);
    }
}

fn chunk_size_changes_nothing_in(out: &Path) {
    let mut files: Vec<_> = walk(out);
    files.sort();
    let copy = std::fs::read(&files[0]).unwrap_or_default();
    write(&out.join("zz-late-copy.csv"), &copy);
    let run = |chunk: Option<&str>, args: &[&str]| {
        let mut cmd = gongkai();
        if let Some(c) = chunk {
            cmd.env("GONGKAI_CHUNK_FILES", c);
        }
        let o = cmd
            .args(args)
            .arg(out)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        (
            o.status.code(),
            o.stdout,
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let commands: [&[&str]; 2] = [
        &[
            "consolidate",
            "--force",
            "--by",
            "parent",
            "--format",
            "csv",
        ],
        &["validate", "--format", "json"],
    ];
    for args in commands {
        let whole = run(None, args);
        let said = format!("{}{}", String::from_utf8_lossy(&whole.1), whole.2);
        assert!(said.contains("two files for"), "{said}");
        assert!(!whole.1.is_empty(), "{args:?}");
        for chunk in ["1", "7"] {
            assert!(
                run(Some(chunk), args) == whole,
                "{args:?} with chunks of {chunk}"
            );
        }
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "csv") && !p.ends_with("units.csv") {
            out.push(p);
        }
    }
    out
}
