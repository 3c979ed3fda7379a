//! `gongkai audit`: folders of published reports (the real Lanzhou 2020 report as copied text,
//! Word and PDF; the made-up pages of `fixtures/reports`; unit reports rebuilt from the Lanzhou
//! sample) checked as a batch: each report's rules, a unit's consecutive years, a city against
//! its districts; ranked worst first, as a table, CSV, JSON and a page.

use std::path::{Path, PathBuf};

use super::{fixture, gongkai, gongkai_zh, root, tempdir, write};

fn run(cmd: &mut assert_cmd::Command) -> (String, String, i32) {
    let out = cmd.output().unwrap_or_else(|e| panic!("run: {e}"));
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn audit(args: &[&str], paths: &[&Path]) -> (String, String, i32) {
    run(gongkai().arg("audit").args(args).args(paths))
}

/// The Lanzhou 2020 report as copied from its page, titled for `year` and named `unit`.
fn lanzhou_as(unit: &str, year: i32) -> String {
    fixture("reports/lanzhou-2020.txt").replacen(
        "兰州市2020年政府信息公开工作年度报告",
        &format!("{unit}{year}年政府信息公开工作年度报告"),
        1,
    )
}

/// The made-up GBK page of 示例区 2019 (`district-2019-gbk.html`), as text.
fn district_2019() -> String {
    let bytes = std::fs::read(root().join("tests/fixtures/reports/district-2019-gbk.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    encoding_rs::GBK.decode(&bytes).0.into_owned()
}

/// The figures of the table row of `page` labelled `label`, changed by `change`.
fn change_row(page: &str, label: &str, change: impl Fn(&mut Vec<i64>)) -> String {
    let mut out = Vec::new();
    for line in page.lines() {
        if !line.contains(label) {
            out.push(line.to_string());
            continue;
        }
        let mut parts: Vec<String> = line
            .split("<font size=\"2\">")
            .map(str::to_string)
            .collect();
        let mut values: Vec<i64> = parts[1..]
            .iter()
            .map(|p| p.split('<').next().unwrap_or("").parse().unwrap_or(-1))
            .collect();
        change(&mut values);
        for (p, v) in parts[1..].iter_mut().zip(&values) {
            let rest = p.split_once('<').map_or("", |(_, r)| r).to_string();
            *p = format!("{v}<{rest}");
        }
        out.push(parts.join("<font size=\"2\">"));
    }
    out.join("\n")
}

/// 示例区's 2020 page: its 2019 page a year on, with 3 applications carried over from 2019 (of
/// natural persons) where 2019 carried 0 forward; 2 fewer new ones, so 2020 itself adds up.
fn district_2020() -> Vec<u8> {
    let page = district_2019().replace("2019年", "2020年");
    let page = change_row(
        &page,
        "二、上年结转政府信息公开申请数量",
        |v| {
            v[0] = 3;
            v[6] = 3;
        },
    );
    // Its total is printed blank (derived from the columns when read).
    let page = change_row(
        &page,
        "一、本年新收政府信息公开申请数量",
        |v| {
            assert_eq!(v.len(), 6, "{v:?}");
            v[0] -= 2;
        },
    );
    encoding_rs::GBK.encode(&page).0.into_owned()
}

fn two_years_of_two_units(dir: &Path) {
    write(
        &dir.join("兰州市-2019.txt"),
        lanzhou_as("兰州市", 2019).as_bytes(),
    );
    write(
        &dir.join("lanzhou-2020.txt"),
        fixture("reports/lanzhou-2020.txt").as_bytes(),
    );
    let district = std::fs::read(root().join("tests/fixtures/reports/district-2019-gbk.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    write(&dir.join("district-2019.html"), &district);
    write(&dir.join("district-2020.html"), &district_2020());
}

/// A unit's consecutive years: what a year carried over against what the year before carried
/// forward (X1), last year's figures copied (X4); each report's own rules still hold, so these
/// are the breaks between the years, on the later year's row, worst first.
#[test]
fn consecutive_years_of_a_unit_report_the_breaks_they_print() {
    let dir = tempdir();
    two_years_of_two_units(dir.path());
    let (out, err, code) = audit(&["--format", "csv"], &[dir.path()]);
    assert_eq!(code, 1, "X1 is an error\n{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "unit,year,form,file,values,blank,errors,warnings,rules"
    );
    let row = |unit_year: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(unit_year))
            .unwrap_or_else(|| panic!("no {unit_year} in\n{out}"))
            .split(',')
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // The 2020 page of 示例区: 3 carried over, where 2019 carried 0 forward, in the 自然人 and
    // 总计 columns; its own figures add up (no R rule), and it is no copy (no X4).
    let district = row("示例区,2020,");
    assert!(district[8].contains("X1:2"), "{district:?}");
    assert!(
        !district[8].contains('R') && !district[8].contains("X4"),
        "{district:?}"
    );
    assert_eq!(district[6], "2", "{district:?}");
    let first_year = row("示例区,2019,");
    assert!(!first_year[8].contains('X'), "{first_year:?}");
    // Lanzhou's 2020 report after the same report titled 2019: 14 carried over (all of natural
    // persons) where 0 were carried forward, and every figure as the year before.
    let lanzhou = row("兰州市,2020,");
    assert!(lanzhou[8].split(';').any(|r| r == "X1:2"), "{lanzhou:?}");
    assert!(lanzhou[8].contains("X4:1"), "{lanzhou:?}");
    // Worst first: most errors first.
    let errors: Vec<usize> = lines[1..]
        .iter()
        .map(|l| {
            l.split(',')
                .nth(6)
                .and_then(|e| e.parse().ok())
                .unwrap_or(0)
        })
        .collect();
    assert!(errors.windows(2).all(|w| w[0] >= w[1]), "{out}");
    assert!(lines[1].starts_with("兰州市,2020,") || lines[1].starts_with("示例区,2020,"));
    // The findings, in the form's words, on standard error beside a CSV.
    assert!(
        err.contains(
            "示例区 2020 error: the requests table (三), column “natural persons”: carried over 3, \
             but the 2019 report carried 0 forward, a difference of 3. They must be equal: check \
             both years. [X1]"
        ),
        "{err}"
    );
    assert!(
        err.contains("兰州市 2020 warning: all 198 figures are identical to the 2019 report"),
        "{err}"
    );

    // The table: the ranking, then each report's findings under its rank, in Chinese.
    let (table, _, code) = run(gongkai_zh().arg("audit").arg(dir.path()));
    assert_eq!(code, 1);
    assert!(table.contains("排名") && table.contains("规则"), "{table}");
    assert!(
        table.contains(
            "表三“自然人”列，上年结转 3，而 2019 年报告的结转下年度继续办理为 0，相差 3。"
        ),
        "{table}"
    );
    let heading = table
        .lines()
        .find(|l| l.contains("示例区 2020年（"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(heading.contains("错误 2 项"), "{heading}");
}

/// A unit published under another name one year: matched only through the registry's aliases.
#[test]
fn a_registry_alias_joins_a_unit_published_under_two_names() {
    let dir = tempdir();
    let reports = dir.path().join("reports");
    write(
        &reports.join("2019.txt"),
        lanzhou_as("兰州市人民政府", 2019).as_bytes(),
    );
    write(
        &reports.join("2020.txt"),
        fixture("reports/lanzhou-2020.txt").as_bytes(),
    );
    let (out, err, code) = audit(&["--format", "csv"], &[&reports]);
    assert_eq!(code, 0, "two units, one year each\n{out}{err}");
    let rules: Vec<&str> = out
        .lines()
        .skip(1)
        .filter_map(|l| l.rsplit(',').next())
        .collect();
    assert_eq!(rules, ["", ""], "{out}");
    // Not beside the reports, where it would be found without being named.
    let units = dir.path().join("registry").join("名录.csv");
    write(
        &units,
        "unit,kind,parent,from,to,aliases\n兰州市,city,,,,兰州市人民政府；兰州市政府\n".as_bytes(),
    );
    let (json, err, code) = audit(
        &["--format", "json", "--units", &units.display().to_string()],
        &[&reports],
    );
    assert_eq!(code, 1, "{json}{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    let rows = v.as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["unit"], "兰州市");
    assert_eq!(rows[0]["year"], 2020);
    assert!(rows[0]["rules"]["X1"].as_u64().unwrap_or(0) >= 1, "{json}");
    assert_eq!(rows[1]["unit"], "兰州市");
    assert_eq!(rows[1]["published_as"], "兰州市人民政府");
    let x1 = rows[0]["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["rule"] == "X1" && f["cells"][0] == "requests.carried_over.total")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(x1["found"], "14");
    assert_eq!(x1["expected"], "0");
}

/// Reports ranked worst first, the same in every format; the CSV's and JSON's columns; the exit
/// codes as `validate`'s: 0 clean, 1 a rule error (or a warning with --strict), 2 a path or a
/// file that gives no report.
#[test]
fn ranking_formats_and_exit_codes() {
    let fixtures = root().join("tests/fixtures/reports");
    let dir = tempdir();
    for name in [
        "bureau-2021-wrong-totals.html",
        "county-2022.html",
        "district-2019-gbk.html",
        "lanzhou-2020.txt",
    ] {
        let bytes = std::fs::read(fixtures.join(name)).unwrap_or_else(|e| panic!("{e}"));
        write(&dir.path().join(name), &bytes);
    }
    let (csv, err, code) = audit(&["--format", "csv"], &[dir.path()]);
    assert_eq!(code, 1, "the bureau's totals are wrong\n{err}");
    let lines: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(lines.len(), 5, "{csv}");
    let bureau = &lines[1];
    assert_eq!(
        &bureau[..4],
        [
            "示例市交通运输局",
            "2021",
            "2021",
            &*dir
                .path()
                .join("bureau-2021-wrong-totals.html")
                .display()
                .to_string()
        ]
    );
    assert_eq!(&bureau[4..6], ["200", "0"], "all 200 cells with a figure");
    assert!(bureau[6].parse::<usize>().unwrap_or(0) >= 5, "{csv}");
    for rule in ["R1:2", "R2:2", "R4:1"] {
        assert!(bureau[8].split(';').any(|r| r == rule), "{rule}: {csv}");
    }
    // Then by warnings: the county's page (an old label, a row the form lacks) before the
    // district's (a blank total derived), before Lanzhou's (nothing to say).
    let units: Vec<&str> = lines[1..].iter().map(|l| l[0]).collect();
    assert_eq!(
        units,
        ["示例市交通运输局", "示例县", "示例区", "兰州市"],
        "{csv}"
    );
    assert_eq!(
        &lines[2][4..6],
        ["191", "9"],
        "the county left 9 cells blank"
    );
    assert_eq!(lines[4][6..8], ["0", "0"], "{csv}");

    // JSON: the same rows in the same order, with their findings.
    let (json, _, code) = audit(&["--format", "json"], &[dir.path()]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    let rows = v.as_array().cloned().unwrap_or_default();
    let json_units: Vec<&str> = rows.iter().filter_map(|r| r["unit"].as_str()).collect();
    assert_eq!(json_units, units);
    for key in [
        "rank", "unit", "year", "form", "file", "values", "blank", "errors", "warnings", "rules",
        "findings",
    ] {
        assert!(rows[0].get(key).is_some(), "no {key}: {}", rows[0]);
    }
    assert_eq!(rows[0]["rank"], 1);
    assert_eq!(rows[0]["rules"]["R4"], 1);
    let r4 = rows[0]["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["rule"] == "R4")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(r4["cells"][0], "appeals.reconsideration.total");

    // Exit codes.
    let lanzhou = dir.path().join("lanzhou-2020.txt");
    let county = dir.path().join("county-2022.html");
    let bureau = dir.path().join("bureau-2021-wrong-totals.html");
    assert_eq!(audit(&[], &[&lanzhou]).2, 0, "a clean report");
    assert_eq!(audit(&[], &[&county]).2, 0, "warnings only");
    assert_eq!(
        audit(&["--strict"], &[&county]).2,
        1,
        "warnings with --strict"
    );
    let allowed = audit(
        &["--allow", "R1", "--allow", "R2", "--allow", "R4"],
        &[&bureau],
    );
    assert_eq!(allowed.2, 0, "{}{}", allowed.0, allowed.1);
    assert_eq!(audit(&[], &[&lanzhou, Path::new("no/such/folder")]).2, 2);
    let scanned = root().join("tests/fixtures/published/scanned-2-pages.pdf");
    let (out, err, code) = audit(&["--format", "csv"], &[&lanzhou, &scanned]);
    assert_eq!(code, 2, "a file that gives no report\n{err}");
    let last = out.lines().last().unwrap_or_default();
    assert!(
        last.starts_with(",,,") && last.contains("scanned-2-pages.pdf"),
        "{out}"
    );
    // A name that is not a format audit writes.
    let (_, err, code) = audit(&["-o", "audit.md"], &[&lanzhou]);
    assert_eq!(code, 2);
    assert!(err.contains("audit does not write .md files"), "{err}");
}

/// The ranking as a page: one file, no request, the rows worst first, each report's findings
/// and its tables with the cells to check marked.
#[test]
fn the_audit_page_lists_the_ranking_and_each_reports_findings() {
    let dir = tempdir();
    two_years_of_two_units(dir.path());
    let page = dir.path().join("out").join("核查.html");
    let (_, err, code) = run(gongkai_zh()
        .arg("audit")
        .arg(dir.path())
        .arg("-o")
        .arg(&page));
    assert_eq!(code, 1, "{err}");
    let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{e}"));
    let doc = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).unwrap_or_else(|e| panic!("{e}"));
    let policy = doc
        .select(&select("meta[http-equiv=Content-Security-Policy]"))
        .next()
        .and_then(|m| m.value().attr("content"))
        .unwrap_or_default();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    assert!(doc.select(&select("script")).next().is_none());
    let rows: Vec<Vec<String>> = doc
        .select(&select("table.audit tbody tr"))
        .map(|tr| {
            tr.select(&select("td"))
                .map(|td| td.text().collect::<String>())
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0][0], "1");
    let errors: Vec<usize> = rows.iter().map(|r| r[7].parse().unwrap_or(0)).collect();
    assert!(errors.windows(2).all(|w| w[0] >= w[1]), "{rows:?}");
    // The district's 2020 report, opened at its findings, its 上年结转 cells marked.
    let district = doc
        .select(&select("details.unit"))
        .find(|d| d.value().attr("data-unit") == Some("示例区"))
        .unwrap_or_else(|| panic!("no 示例区 section"));
    let text: String = district.text().collect();
    assert!(
        text.contains("上年结转 3，而 2019 年报告的结转下年度继续办理为 0"),
        "{text}"
    );
    let marked: Vec<&str> = district
        .select(&select("td.fail"))
        .filter_map(|td| td.value().attr("data-code"))
        .collect();
    for code in [
        "requests.carried_over.natural_person",
        "requests.carried_over.total",
    ] {
        assert!(marked.contains(&code), "{code} not marked: {marked:?}");
    }
    // And what X2 asks to check: 上一年项目数量 against 2019's items plus their change.
    assert!(
        marked.contains(&"active.licensing.prior_year_items"),
        "{marked:?}"
    );
    assert!(
        !marked.iter().any(|c| c.starts_with("appeals.")),
        "{marked:?}"
    );
}

/// Unit reports rebuilt as published text copies from the Lanzhou sample's form grids: a title
/// line, then the grid with tabs (a table copied from a page).
fn published_copy(unit: &str) -> String {
    let bytes = std::fs::read(root().join(format!("data/lanzhou/2020/{unit}.csv")))
        .unwrap_or_else(|e| panic!("{unit}: {e}"));
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
        Err(_) => encoding_rs::GB18030.decode(&bytes).0.into_owned(),
    };
    let mut out = format!("{unit}2020年政府信息公开工作年度报告\n");
    for line in text.lines() {
        out.push_str(&line.trim_end_matches(['\r', ',']).replace(',', "\t"));
        out.push('\n');
    }
    out
}

const DISTRICTS: [&str; 4] = ["城关区", "七里河区", "西固区", "安宁区"];

/// The city's published report as the sum of `DISTRICTS`' figures: the annual report draft
/// `gongkai report --docx` writes from their grids, read back as a published Word report.
fn city_report(dir: &Path) -> PathBuf {
    let docx = dir.join("兰州市.docx");
    let grids: Vec<PathBuf> = DISTRICTS
        .iter()
        .map(|u| root().join(format!("data/lanzhou/2020/{u}.csv")))
        .collect();
    let (out, err, code) = run(gongkai()
        .args(["report", "--name", "兰州市", "--docx"])
        .arg(&docx)
        .args(&grids));
    assert_eq!(code, 0, "{out}{err}");
    docx
}

/// A city's report against its districts': equal cell for cell, nothing to say; one district's
/// 规范性文件 made this year 3 higher in its report than in the city's sum, that cell named with
/// both figures; a district of the registry without a report, named, and the difference then
/// only a warning (it may be that district's).
#[test]
fn a_city_is_reconciled_with_its_districts_reports() {
    let dir = tempdir();
    let reports = dir.path().join("reports");
    city_report(&reports);
    for unit in DISTRICTS {
        write(
            &reports.join(format!("{unit}.txt")),
            published_copy(unit).as_bytes(),
        );
    }
    let mut registry = String::from("unit,kind,parent\n兰州市,city,\n");
    for unit in DISTRICTS {
        registry.push_str(&format!("{unit},district,兰州市\n"));
    }
    // The registry in the reports' folder is found there, and is not read as a report.
    write(&reports.join("units.csv"), registry.as_bytes());
    let (out, err, code) = audit(&["--format", "csv"], &[&reports]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out.lines().count(), 6, "{out}");
    assert!(!out.contains("C1") && !err.contains("C1"), "{out}{err}");

    // 城关区 published 260 where the sum the city printed has its 257.
    let copy = published_copy("城关区");
    assert!(copy.contains("规范性文件\t257\t135\t412"), "{copy}");
    write(
        &reports.join("城关区.txt"),
        copy.replace("规范性文件\t257\t135\t412", "规范性文件\t260\t135\t412")
            .as_bytes(),
    );
    let (json, err, code) = audit(&["--format", "json"], &[&reports]);
    assert_eq!(code, 1, "{json}{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    let city = &v[0];
    assert_eq!(city["unit"], "兰州市");
    assert_eq!(city["rules"]["C1"], 1, "{city}");
    let c1 = &city["findings"][0];
    assert_eq!(c1["rule"], "C1");
    assert_eq!(c1["level"], "error");
    assert_eq!(c1["cells"][0], "active.normative_documents.new_made");
    let made: i64 = c1["found"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    assert_eq!(c1["expected"], (made + 3).to_string());
    assert_eq!(
        c1["rules"][0]["arithmetic"],
        format!(
            "active.normative_documents.new_made: {made} ≠ Σ 4 units = {} (off by 3)",
            made + 3
        )
    );
    assert!(
        c1["message"].as_str().unwrap_or("").contains(&format!(
            "row “normative documents”, column “made this year” has {made}, but the reports of the \
             4 units below it add up to {}, a difference of 3.",
            made + 3
        )),
        "{c1}"
    );

    // A district the registry expects sent nothing: named; the difference is now a warning.
    registry.push_str("红古区,district,兰州市\n");
    write(&reports.join("units.csv"), registry.as_bytes());
    let (out, err, code) = run(gongkai_zh()
        .args(["audit", "--format", "csv"])
        .arg(&reports));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(",C1:2"), "{out}");
    assert!(
        err.contains("下级 5 个单位中有 1 个没有报告，核对所用的合计未计入：红古区"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "表二“规范性文件”行“本年新制作数量”列填 {made}，下级 4 个单位的报告之和为 {}，相差 3。",
            made + 3
        )),
        "{err}"
    );
}

/// The page in a real browser: nothing asked of the network, nothing on the console, the
/// ranking's link opens the report's findings; a screenshot and an A4 print are kept.
#[test]
fn the_audit_page_opens_quietly_in_a_browser() {
    let Some(browser) = gongkai_browser::require() else {
        return;
    };
    let dir = tempdir();
    two_years_of_two_units(dir.path());
    let file = dir.path().join("核查.html");
    let (_, err, code) = run(gongkai_zh()
        .arg("audit")
        .arg(dir.path())
        .arg("-o")
        .arg(&file));
    assert_eq!(code, 1, "{err}");
    let page = browser.open(&file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.console_errors(), Vec::<String>::new());
    assert_eq!(page.requests(), Vec::<String>::new());
    let rows = page
        .count("table.audit tbody tr")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows, 4);
    let first = page
        .text("table.audit tbody tr:first-child")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(first.contains("X1"), "{first}");
    page.click("table.audit tbody tr:first-child a")
        .unwrap_or_else(|e| panic!("{e}"));
    let target = page.eval("location.hash").unwrap_or_else(|e| panic!("{e}"));
    assert!(
        target
            .as_str()
            .is_some_and(|h| h.starts_with("#unit-2020-")),
        "{target}"
    );
    let dir = gongkai_browser::artifacts_dir();
    page.screenshot_png(&dir.join("audit.png"))
        .unwrap_or_else(|e| panic!("{e}"));
    let pages = page
        .print_pdf(&dir.join("audit.pdf"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(pages >= 1);
}
