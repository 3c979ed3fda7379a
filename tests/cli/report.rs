//! `gongkai report`: the review page, the Word draft, the ratings, and the same numbers
//! everywhere — the page, the workbook, the terminal's table and the Word draft carry
//! `consolidate`'s totals, and the page and the letters carry `validate`'s findings.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use scraper::{Html, Selector};

use crate::{gongkai, gongkai_zh, root, stdout_of, tempdir};

/// (year, code) → value, for the unit `name`, from a tidy CSV (`year,unit,section,row,column,value`).
pub(crate) fn tidy_values(csv: &str, name: &str) -> BTreeMap<(i32, String), String> {
    let csv = csv.trim_start_matches('\u{feff}');
    let mut out = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() != 6 || f[1] != name || f[5].is_empty() {
            continue;
        }
        let year: i32 = f[0].parse().unwrap_or_else(|e| panic!("{line}: {e}"));
        out.insert(
            (year, format!("{}.{}.{}", f[2], f[3], f[4])),
            f[5].to_string(),
        );
    }
    out
}

fn selector(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
}

/// The total cells the page shows: (year, code) → the value printed in the cell.
pub(crate) fn page_totals(html: &str) -> BTreeMap<(i32, String), String> {
    let doc = Html::parse_document(html);
    let mut out = BTreeMap::new();
    for td in doc.select(&selector(".totals td.v")) {
        let year: i32 = td
            .attr("data-year")
            .and_then(|y| y.parse().ok())
            .unwrap_or_else(|| panic!("a total cell without its year: {}", td.html()));
        let code = td.attr("data-code").unwrap_or_default().to_string();
        let shown: String = td.text().collect();
        assert_eq!(
            Some(shown.as_str()),
            td.attr("data-value"),
            "{code}: the cell shows what its data says"
        );
        out.insert((year, code), shown);
    }
    out
}

fn consolidated(dir: &Path, name: &str) -> BTreeMap<(i32, String), String> {
    let csv = stdout_of(
        gongkai()
            .arg("consolidate")
            .arg(dir)
            .args(["--name", name, "--force", "--format", "csv", "-q"]),
    );
    let values = tidy_values(&csv, name);
    assert!(!values.is_empty(), "consolidate gave no values:\n{csv}");
    values
}

/// A defective two-year batch: units failing rules, an unreadable file, a missing unit.
fn defective(dir: &Path) {
    gongkai()
        .arg("generate")
        .args(["--units", "30", "--years", "2020-2021", "--layout", "grid"])
        .args(["--errors", "0.3", "--seed", "7", "-q", "-o"])
        .arg(dir)
        .assert()
        .success();
}

#[test]
fn the_page_the_draft_the_workbook_and_the_table_carry_consolidates_numbers() {
    let tmp = tempdir();
    let batch = tmp.path().join("batch");
    defective(&batch);
    // One year at a time here; every year of one workbook below.
    for (dir, name) in [
        (root().join("data/lanzhou/2020"), "兰州市"),
        (batch.join("2020"), "某市"),
        (batch.join("2021"), "某市"),
    ] {
        let expected = consolidated(&dir, name);
        // The page and the Word draft from one run.
        let page = tmp.path().join("page.html");
        let docx = tmp.path().join("draft.docx");
        gongkai()
            .arg("report")
            .arg(&dir)
            .args(["--name", name, "--force", "-q", "--out"])
            .arg(&page)
            .arg("--docx")
            .arg(&docx)
            .assert()
            .code(predicate_code(name));
        let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            page_totals(&html) == expected,
            "{name}: the page's totals differ"
        );
        // The draft, read back by the project's own Word reader.
        assert!(
            read_back(&docx, name) == expected,
            "{name}: the Word draft's totals differ"
        );

        // The workbook, read back by the project's own reader of published tables.
        let xlsx = tmp.path().join("totals.xlsx");
        workbook(&dir, name, &xlsx);
        assert!(
            read_back(&xlsx, name) == expected,
            "{name}: the workbook's totals differ"
        );

        // The terminal's table: every number in its cells, as a multiset, per year.
        let table = stdout_of(
            gongkai()
                .arg("consolidate")
                .arg(&dir)
                .args(["--name", name, "--force", "-q"]),
        );
        let mut shown: Vec<String> = table
            .split(['│', '┆', '\n'])
            .map(str::trim)
            .filter(|c| !c.is_empty() && c.parse::<f64>().is_ok())
            .map(str::to_string)
            .collect();
        let mut want: Vec<String> = expected.values().cloned().collect();
        shown.sort();
        want.sort();
        assert_eq!(shown, want, "{name}: the terminal's table");
    }
}

/// A written document's tables as `import-report` reads them: (year, code) → value.
/// The workbook `consolidate -o` writes for several years (a sheet a year, then the findings)
/// reads back as every year's report, each the year's totals; the findings sheet is named as
/// holding no report.
#[test]
fn a_workbook_of_several_years_reads_back_every_year() {
    let tmp = tempdir();
    let batch = tmp.path().join("batch");
    defective(&batch);
    for (dir, name, years) in [
        (root().join("data/lanzhou"), "兰州市", 5),
        (batch.clone(), "某市", 2),
    ] {
        let expected = consolidated(&dir, name);
        let xlsx = tmp.path().join("years.xlsx");
        workbook(&dir, name, &xlsx);
        let out = gongkai()
            .arg("import-report")
            .arg(&xlsx)
            .args(["--format", "csv"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let got = tidy_values(&String::from_utf8_lossy(&out.stdout), name);
        let got_years: std::collections::BTreeSet<i32> = got.keys().map(|(y, _)| *y).collect();
        assert_eq!(got_years.len(), years, "{name}: {got_years:?}");
        assert!(got == expected, "{name}: the workbook's years differ");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("Findings"), "{name}: {stderr}");
        assert!(!stderr.contains("given twice"), "{name}: {stderr}");
    }
}

/// The workbook `consolidate -o` writes of `dir`'s totals.
fn workbook(dir: &Path, name: &str, xlsx: &Path) {
    gongkai()
        .arg("consolidate")
        .arg(dir)
        .args(["--name", name, "--force", "-q", "-o"])
        .arg(xlsx)
        .assert()
        .code(predicate_code(name));
}

fn read_back(file: &Path, name: &str) -> BTreeMap<(i32, String), String> {
    let csv = stdout_of(
        gongkai()
            .arg("import-report")
            .arg(file)
            .args(["--format", "csv"]),
    );
    tidy_values(&csv, name)
}

fn predicate_code(name: &str) -> i32 {
    // The Lanzhou sample is whole; the defective batch is forced (1) with unreadable input (2).
    if name == "兰州市" {
        0
    } else {
        2
    }
}

#[test]
fn the_page_and_the_letters_name_every_finding_validate_prints() {
    let tmp = tempdir();
    let batch = tmp.path().join("batch");
    defective(&batch);
    let page = tmp.path().join("review.html");
    let letters = tmp.path().join("letters");
    gongkai_zh()
        .arg("report")
        .arg(&batch)
        .args(["--name", "某市", "-q", "--out"])
        .arg(&page)
        .assert()
        .code(2);
    gongkai_zh()
        .arg("feedback")
        .arg(&batch)
        .args(["-q", "-o"])
        .arg(&letters)
        .assert()
        .code(2);
    let json = stdout_of(
        gongkai_zh()
            .arg("validate")
            .arg(&batch)
            .args(["--format", "json"]),
    );
    let findings: Vec<serde_json::Value> =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{e}"));
    let doc = Html::parse_document(&html);
    // Per unit and year, the findings the page lists under it.
    let mut on_page: BTreeMap<(String, i32), Vec<String>> = BTreeMap::new();
    for details in doc.select(&selector("details.unit")) {
        let unit = details.attr("data-unit").unwrap_or_default().to_string();
        let year: i32 = details
            .attr("data-year")
            .and_then(|y| y.parse().ok())
            .unwrap_or(0);
        for li in details.select(&selector("ol.findings > li")) {
            // The finding's words are the item's first text; the rule ids and place follow.
            let words = li.text().next().unwrap_or_default().trim().to_string();
            on_page.entry((unit.clone(), year)).or_default().push(words);
        }
    }
    let mut checked = 0;
    let mut counted: BTreeMap<(String, i32), usize> = BTreeMap::new();
    let mut with_rules: BTreeSet<(String, i32)> = BTreeSet::new();
    for f in &findings {
        let (Some(unit), Some(year)) = (f["unit"].as_str(), f["year"].as_i64()) else {
            continue;
        };
        let message = f["message"].as_str().unwrap_or_default();
        let key = (unit.to_string(), year as i32);
        // `validate` prints the finding whole (file, place, unit, year, level, words).
        let listed = on_page.get(&key).cloned().unwrap_or_default();
        let Some(words) = listed
            .iter()
            .find(|l| !l.is_empty() && message.contains(l.as_str()))
        else {
            panic!("{unit} {year}: the page does not list {message:?}; it lists {listed:#?}");
        };
        *counted.entry(key.clone()).or_insert(0) += 1;
        if f["rule"] != "coverage" {
            let letter = letters.join(format!("{unit}-{year}.txt"));
            let text = std::fs::read_to_string(&letter)
                .unwrap_or_else(|e| panic!("{}: {e}", letter.display()));
            assert!(
                text.contains(words.as_str()),
                "{}: no {words:?}",
                letter.display()
            );
            if f["rule"].as_str().is_some_and(|r| r.starts_with('R')) {
                with_rules.insert(key);
            }
        }
        checked += 1;
    }
    assert!(checked > 10, "only {checked} findings checked");
    // And the page lists nothing `validate` does not.
    let listed: BTreeMap<(String, i32), usize> =
        on_page.iter().map(|(k, v)| (k.clone(), v.len())).collect();
    assert_eq!(listed, counted);
    // A unit failing rules has its own table, its failing cells marked.
    for (unit, year) in &with_rules {
        let marked = doc
            .select(&selector("details.unit"))
            .filter(|d| {
                d.attr("data-unit") == Some(unit) && d.attr("data-year") == Some(&year.to_string())
            })
            .flat_map(|d| d.select(&selector("td.v.fail")).collect::<Vec<_>>())
            .count();
        assert!(marked > 0, "{unit} {year}: no cell marked on its table");
    }
    // The summary names who is missing and who was left out.
    let statuses: String = doc
        .select(&selector("table.units"))
        .flat_map(|t| t.text())
        .collect();
    assert!(statuses.contains("未报送"), "{statuses}");
    assert!(statuses.contains("未通过校验"), "{statuses}");
    assert!(statuses.contains("报告未纳入汇总"), "{statuses}");
}

#[test]
fn the_page_asks_for_nothing_outside_itself() {
    let tmp = tempdir();
    let page = tmp.path().join("review.html");
    gongkai()
        .arg("report")
        .arg(root().join("data/lanzhou"))
        .args(["--name", "兰州市", "-q", "--out"])
        .arg(&page)
        .assert()
        .success();
    let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{e}"));
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    let doc = Html::parse_document(&html);
    for el in doc.select(&selector("[src], [href], link, img, iframe, object, embed")) {
        let target = el.attr("src").or(el.attr("href")).unwrap_or_default();
        assert!(
            target.starts_with('#'),
            "a reference out of the page: {}",
            el.html()
        );
    }
    // Several years: the trend charts inline and the year-over-year table with the form change.
    assert_eq!(doc.select(&selector("figure.chart svg")).count(), 1);
    let breaks: Vec<String> = doc
        .select(&selector("table.yoy th.break"))
        .map(|th| th.text().collect())
        .collect();
    assert_eq!(breaks, ["2021†"]);
    // Deterministic: the same batch gives the same bytes.
    let again = tmp.path().join("again.html");
    gongkai()
        .arg("report")
        .arg(root().join("data/lanzhou"))
        .args(["--name", "兰州市", "-q", "--out"])
        .arg(&again)
        .assert()
        .success();
    assert!(std::fs::read(&again).ok() == std::fs::read(&page).ok());
}

#[test]
fn ratings_are_rated_after_summing_and_small_numbers_make_no_red_card() {
    let tmp = tempdir();
    let csv_path = tmp.path().join("ratings.csv");
    gongkai()
        .arg("report")
        .arg(root().join("data/lanzhou/2020"))
        .args(["--name", "兰州市", "-q", "--ratings"])
        .arg(&csv_path)
        .assert()
        .success();
    let csv = std::fs::read_to_string(&csv_path).unwrap_or_else(|e| panic!("{e}"));
    let csv = csv.trim_start_matches('\u{feff}');
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let totals = consolidated(&root().join("data/lanzhou/2020"), "兰州市");
    let total = |code: &str| -> i64 {
        totals[&(2020, code.to_string())]
            .parse()
            .unwrap_or_else(|e| panic!("{code}: {e}"))
    };
    // 实质公开率 of the total: (予以公开 + 部分公开) / 办理结果总计, from the summed counts.
    let disclosure = rows
        .iter()
        .find(|r| r[0] == "兰州市" && r[2] == "rate.disclosure")
        .unwrap_or_else(|| panic!("no total's disclosure rating:\n{csv}"));
    let numerator = total("requests.granted.total") + total("requests.partially_granted.total");
    assert_eq!(disclosure[3], numerator.to_string());
    assert_eq!(disclosure[4], total("requests.total.total").to_string());
    // Every rating with fewer than ten cases says so, never a colour; no cases is no data.
    for r in &rows {
        let denominator: i64 = r[4].parse().unwrap_or(-1);
        if denominator == 0 {
            assert_eq!(r[8], "no_data", "{r:?}");
        } else if denominator < 10 {
            assert!(matches!(r[8], "too_few" | "inconsistent"), "{r:?}");
        }
    }
    // Thresholds the user sets move the lines; a wrong one is refused before reading.
    gongkai()
        .arg("report")
        .arg(root().join("data/lanzhou/2020"))
        .args([
            "--name",
            "兰州市",
            "-q",
            "--thresholds",
            "disclosure.red=120%",
            "--ratings",
        ])
        .arg(&csv_path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("disclosure.red"));
    gongkai()
        .arg("report")
        .arg(root().join("data/lanzhou/2020"))
        .args(["--name", "兰州市"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--out"));
}

#[test]
fn the_word_draft_of_a_total_that_is_not_whole_needs_force() {
    let tmp = tempdir();
    let batch = tmp.path().join("batch");
    defective(&batch);
    let docx = tmp.path().join("draft.docx");
    gongkai_zh()
        .arg("report")
        .arg(&batch)
        .args(["--name", "某市", "-q", "--docx"])
        .arg(&docx)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--force"));
    assert!(
        !docx.exists(),
        "a draft of a total that is not whole was written"
    );
    // The Lanzhou sample over five years: the draft is 2023's, its change over 2022 in words.
    gongkai_zh()
        .arg("report")
        .arg(root().join("data/lanzhou"))
        .args(["--name", "兰州市", "-q", "--docx"])
        .arg(&docx)
        .assert()
        .success();
    let values = read_back(&docx, "兰州市");
    assert_eq!(
        values.keys().map(|(y, _)| *y).collect::<BTreeSet<_>>(),
        BTreeSet::from([2023])
    );
    assert_eq!(
        values[&(2023, "requests.new_received.total".to_string())],
        "578"
    );
}
