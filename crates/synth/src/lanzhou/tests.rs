//! The sample against its promises: the published totals untouched, the 2020 split summing to
//! them, every report keeping R1–R6 and every unit's years X1–X4, and the files in the
//! repository being exactly what this code writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gongkai_form::rules::check_values;
use gongkai_form::FormVersion;

use crate::tests::tree;

use super::*;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn years() -> (Vec<i64>, BTreeMap<i32, drift::Year>) {
    let golden = published::published().unwrap_or_else(|e| panic!("{e}"));
    let years = drift::all_years(&golden).unwrap_or_else(|e| panic!("{e}"));
    (golden, years)
}

#[test]
fn published_totals_are_the_fixture() {
    let golden = published::published().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(golden.len(), 198);
    let text = files::published_text(&golden).unwrap_or_else(|e| panic!("{e}"));
    let fixture = std::fs::read(repo().join(PUBLISHED_FIXTURE)).unwrap_or_default();
    assert!(
        text == fixture,
        "{PUBLISHED_FIXTURE} differs from the published totals"
    );
    let at = |code: &str| {
        FORM.catalogue()
            .by_code(code)
            .map(|c| golden[c.index])
            .unwrap_or(i64::MIN)
    };
    assert_eq!(at("requests.new_received.total"), 343);
    assert_eq!(at("requests.granted.total"), 297);
    assert_eq!(at("active.licensing.decisions"), 1_432_816);
    assert_eq!(
        at("active.procurement.amount"),
        278_800 * gongkai_form::MONEY_SCALE
    );
}

#[test]
fn units_of_2020_sum_to_the_published_totals_in_every_cell() {
    let (golden, years) = years();
    let units_2020 = &years[&YEAR];
    assert_eq!(units_2020.len(), 20);
    let named: Vec<(&str, Vec<i64>)> = units_2020
        .iter()
        .map(|(u, v)| (u.name, v.clone()))
        .collect();
    let total = city_total(FORM, &named);
    let same = total.iter().zip(&golden).filter(|(a, b)| a == b).count();
    assert_eq!((same, golden.len()), (198, 198));
    // The split is not degenerate: more than half the units have applications.
    let new = FORM
        .catalogue()
        .by_code("requests.new_received.total")
        .map(|c| c.index);
    let with_requests = named
        .iter()
        .filter(|(_, v)| new.is_some_and(|i| v[i] > 0))
        .count();
    assert!(
        with_requests > 10,
        "{with_requests} units with applications"
    );
}

#[test]
fn every_report_keeps_r1_to_r6_and_every_unit_x1_to_x4() {
    let (_, years) = years();
    let mut named = Reports::new();
    for (&year, reports) in &years {
        let form = FormVersion::for_year(year);
        assert_eq!(reports.len(), 20, "{year}");
        for (u, values) in reports {
            assert_eq!(values.len(), form.catalogue().len());
            let v = check_values(form, values);
            assert!(v.is_empty(), "{} {year}: {} finding(s)", u.name, v.len());
            named
                .entry(year)
                .or_default()
                .push((u.name, values.clone()));
        }
        let total = city_total(form, &named[&year]);
        assert!(check_values(form, &total).is_empty(), "{CITY} {year}");
    }
    // 20 pairs 2019→2020, 20 2020→2021, 19 2021→2022 (one unit gone), 20 2022→2023.
    assert_eq!(check_chains(&named).unwrap_or_else(|e| panic!("{e}")), 79);
    let in_year = |year: i32, name: &str| named[&year].iter().any(|(u, _)| *u == name);
    assert!(in_year(2021, "兰州市交通运输局") && !in_year(2022, "兰州市交通运输局"));
    assert!(!in_year(2021, "兰州市数据局") && in_year(2022, "兰州市数据局"));
}

#[test]
fn the_repository_holds_what_this_code_writes() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let summary = write_sample(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary.files, 100);
    assert_eq!(summary.pairs, 79);
    assert_eq!(summary.cells, 198);
    // Two units leave whole tables blank every year (教育局 四; 司法局 三 and 四): a warning each,
    // and nothing else.
    assert_eq!(summary.warnings.len(), 15, "{:?}", summary.warnings);
    assert!(
        summary
            .warnings
            .iter()
            .all(|w| w.contains("is blank in every cell")),
        "{:?}",
        summary.warnings
    );
    assert_eq!(summary.encodings.get("GB18030"), Some(&10));
    assert_eq!(summary.encodings.get("tidy UTF-8"), Some(&5));
    let written = tree(&dir.path().join(DATA_DIR));
    let committed = tree(&repo().join(DATA_DIR));
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &written {
        assert!(
            committed.get(path) == Some(bytes),
            "{DATA_DIR}/{path} is not what the code writes: run `just regenerate-sample`"
        );
    }
    for fixture in [PUBLISHED_FIXTURE, TREND_FIXTURE] {
        let a = std::fs::read(dir.path().join(fixture)).unwrap_or_default();
        let b = std::fs::read(repo().join(fixture)).unwrap_or_default();
        assert!(a == b, "{fixture} is not what the code writes");
    }
    // A rerun replaces the earlier sample with the same bytes and leaves nothing beside it.
    write_sample(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(tree(&dir.path().join(DATA_DIR)) == written);
    let data = tree(&dir.path().join("data"));
    assert!(
        data.keys().all(|k| k.starts_with("lanzhou/")),
        "{:?}",
        data.keys()
    );
}

#[test]
fn a_folder_that_is_not_the_sample_is_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let foreign = dir.path().join(DATA_DIR);
    std::fs::create_dir_all(&foreign).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(foreign.join("notes.txt"), "keep").unwrap_or_else(|e| panic!("{e}"));
    let err = write_sample(dir.path()).map(|_| ()).unwrap_err();
    assert!(matches!(err, SynthError::NotSample { .. }), "{err}");
    assert!(foreign.join("notes.txt").exists());
    assert!(!dir.path().join(TREND_FIXTURE).exists());
}
