use std::path::PathBuf;
use std::sync::Arc;

use gongkai_form::{FormVersion, Level, Section};
use gongkai_report::{Check, Finding, Layout, Place, Registry, UnitReport};

use crate::{write, Audit, Published};

/// The report of `unit` for `year` read from `file`, each cell at a row of a page's table 2:
/// every cell 0 but the carried-over and carried-forward applications of 自然人 and of the
/// total column (the rules between reports read them; no rule of one report is checked here).
fn report(unit: &str, year: i32, file: &str, over: i64, forward: i64) -> UnitReport {
    let form = FormVersion::for_year(year);
    let cat = form.catalogue();
    let mut r = UnitReport::empty(
        unit.into(),
        year,
        form,
        Arc::new(PathBuf::from(file)),
        Layout::Grid,
    );
    for i in 0..cat.len() {
        r.set(i, Some(0), 10 + i as u32);
        r.source.set_place(
            i,
            Place::TableRow {
                table: 2,
                row: i as u32 + 1,
            },
        );
    }
    for col in ["natural_person", "total"] {
        let at = |row: &str| index(cat, row, col);
        r.values[at("carried_over")] = over;
        r.values[at("carried_forward")] = forward;
    }
    r
}

fn index(cat: &gongkai_form::Catalogue, row: &str, column: &str) -> usize {
    cat.find(Section::Requests, row, column)
        .map_or_else(|| panic!("no cell {row} {column}"), |c| c.index)
}

fn published(r: UnitReport) -> Published {
    Published {
        file: r.source.file.clone(),
        report: Some(r),
        findings: Vec::new(),
    }
}

fn registry(text: &str) -> (tempfile::TempDir, Registry) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("units.csv");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let r = Registry::load(&path).unwrap_or_else(|e| panic!("{e:?}"));
    (dir, r)
}

fn all(_: &Finding) -> bool {
    true
}

fn rules_of(audit: &Audit, file: &str) -> String {
    audit
        .rows
        .iter()
        .find(|r| r.file.as_path() == std::path::Path::new(file))
        .map(|r| r.rules_text())
        .unwrap_or_else(|| panic!("no row of {file}"))
}

/// 2019 carries 3 forward; 2020 says 5 came over, in both columns: X1 twice on 2020's row, at
/// its cells; the unit is matched under its former name through the registry's aliases, and
/// not without them.
#[test]
fn carry_over_breaks_between_years_of_one_unit_known_by_two_names() {
    let batch = || {
        vec![
            published(report("城关区人民政府", 2019, "a/2019.html", 0, 3)),
            published(report("城关区", 2020, "a/2020.html", 5, 5)),
        ]
    };
    let audit = Audit::of(batch(), None, &all);
    assert_eq!(
        rules_of(&audit, "a/2020.html"),
        "",
        "two units without a registry"
    );
    let (_dir, reg) = registry(
        "unit,kind,parent,from,to,aliases\n兰州市,city,,,,\n城关区,district,兰州市,,,城关区人民政府\n",
    );
    let audit = Audit::of(batch(), Some(&reg), &all);
    assert_eq!(rules_of(&audit, "a/2020.html"), "X1:2");
    assert_eq!(rules_of(&audit, "a/2019.html"), "");
    let first = &audit.rows[0];
    assert_eq!(first.file.as_path(), std::path::Path::new("a/2020.html"));
    let x1 = &first.findings[0];
    assert_eq!(x1.level, Level::Error);
    assert!(matches!(x1.place, Place::TableRow { table: 2, .. }));
    let older = audit.rows.iter().find(|r| r.year() == Some(2019));
    assert_eq!(
        older.and_then(|r| r.published_as.as_deref()),
        Some("城关区人民政府")
    );
    assert_eq!(older.and_then(|r| r.unit()), Some("城关区"));
    // A cell X1 reads that was not found on last year's page: only a warning, saying so.
    let mut old = report("城关区", 2019, "a/2019.html", 0, 3);
    let cat = old.form.catalogue();
    let forward = index(cat, "carried_forward", "total");
    old.source.lines[forward] = 0;
    let audit = Audit::of(
        vec![
            published(old),
            published(report("城关区", 2020, "a/2020.html", 5, 5)),
        ],
        None,
        &all,
    );
    let levels: Vec<Level> = audit.rows[0].findings.iter().map(|f| f.level).collect();
    assert_eq!(levels, [Level::Error, Level::Warning]);
    assert!(audit.rows[0].findings[1]
        .message
        .contains("requests.carried_forward.total@2019"));
}

/// A city's report against its two districts': exact where it is their sum, one finding per
/// cell that is not, an error while every district reported; with a district missing, the
/// differences are warnings and one more finding names the district.
#[test]
fn a_parent_is_reconciled_cell_by_cell_with_the_units_below_it() {
    let (_dir, reg) = registry(
        "unit,kind,parent,from,to\n兰州市,city,,,\n城关区,district,兰州市,,\n七里河区,district,兰州市,,\n西固区,district,兰州市,2021,\n",
    );
    let city = |forward| report("兰州市", 2020, "c/兰州市.html", 5, forward);
    let batch = |forward| {
        vec![
            published(city(forward)),
            published(report("城关区", 2020, "c/城关区.html", 2, 2)),
            published(report("七里河区", 2020, "c/七里河区.html", 3, 3)),
        ]
    };
    let audit = Audit::of(batch(5), Some(&reg), &all);
    assert!(
        audit.rows.iter().all(|r| r.findings.is_empty()),
        "{audit:#?}"
    );
    assert!(!audit.fails(true));
    // 结转下年度 of the city says 6 in both columns, the districts' add up to 5.
    let audit = Audit::of(batch(6), Some(&reg), &all);
    let city_row = &audit.rows[0];
    assert_eq!(city_row.unit(), Some("兰州市"));
    assert_eq!(city_row.rules_text(), "C1:2");
    let f = &city_row.findings[0];
    assert_eq!(f.level, Level::Error);
    assert_eq!(f.rule, Check::Rule(gongkai_form::RuleId::C1));
    assert_eq!(f.found.as_deref(), Some("6"));
    assert_eq!(f.expected.as_deref(), Some("5"));
    assert_eq!(
        f.rules[0].arithmetic,
        "requests.carried_forward.natural_person: 6 ≠ Σ 2 units = 5 (off by 1)"
    );
    assert!(audit.fails(false));
    // 七里河区 missing: the difference may be its, so a warning; and it is named.
    let mut b = batch(2);
    b.remove(2);
    let audit = Audit::of(b, Some(&reg), &all);
    let city_row = audit
        .rows
        .iter()
        .find(|r| r.unit() == Some("兰州市"))
        .unwrap_or_else(|| panic!("no city"));
    assert_eq!(city_row.rules_text(), "C1:3");
    assert!(city_row.findings.iter().all(|f| f.level == Level::Warning));
    assert!(
        city_row
            .findings
            .iter()
            .any(|f| f.message.contains("七里河区")
                && !f.message.contains("西固区")
                && f.cells.is_empty()),
        "{:#?}",
        city_row.findings
    );
    assert!(!audit.fails(false));
    // No district's report at all: nothing to compare, said as such.
    let audit = Audit::of(vec![published(city(5))], Some(&reg), &all);
    assert_eq!(audit.unreconciled.len(), 1);
    assert_eq!(audit.unreconciled[0].due, 2);
}

/// Worst first, a duplicate named (the correction is used), the file without a report last; the CSV has the columns.
#[test]
fn ranking_duplicates_and_csv() {
    let broken = report("榆中县", 2020, "r/榆中县.html", 1, 0);
    let unreadable = Published {
        file: Arc::new(PathBuf::from("r/扫描件.pdf")),
        report: None,
        findings: vec![Finding::error(
            &Arc::new(PathBuf::from("r/扫描件.pdf")),
            "no text",
        )],
    };
    let with_warning = Published {
        findings: vec![Finding::warning(
            &Arc::new(PathBuf::from("r/皋兰县.html")),
            "a row left out",
        )],
        ..published(report("皋兰县", 2020, "r/皋兰县.html", 0, 0))
    };
    let batch = vec![
        unreadable,
        published(report("红古区", 2020, "r/红古区.html", 0, 0)),
        with_warning,
        published(report("红古区", 2020, "r/红古区（更正）.html", 0, 0)),
        Published {
            findings: vec![Finding::new(
                Check::Rule(gongkai_form::RuleId::R1),
                Level::Error,
                "R1",
            )],
            ..published(broken)
        },
    ];
    let audit = Audit::of(batch, None, &all);
    let order: Vec<String> = audit
        .rows
        .iter()
        .map(|r| r.file.display().to_string())
        .collect();
    assert_eq!(
        order,
        [
            "r/榆中县.html",
            "r/皋兰县.html",
            "r/红古区.html",
            "r/红古区（更正）.html",
            "r/扫描件.pdf"
        ]
    );
    assert!(audit.unreadable());
    let csv = write::to_csv(&audit.rows);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "unit,year,form,file,values,blank,errors,warnings,rules"
    );
    assert_eq!(lines[1], "榆中县,2020,2019,r/榆中县.html,198,0,1,0,R1:1");
    assert_eq!(lines[3], "红古区,2020,2019,r/红古区.html,198,0,0,1,input:1");
    assert_eq!(lines[5], ",,,r/扫描件.pdf,0,0,1,0,input:1");
    let json = write::to_json(&audit.rows);
    assert_eq!(json[0]["rank"], 1);
    assert_eq!(json[0]["rules"]["R1"], 1);
    assert_eq!(json[4]["unit"], serde_json::Value::Null);
}
