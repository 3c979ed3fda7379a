//! `gongkai trend` on the 2019–2023 Lanzhou sample: deltas and rates against values computed
//! here from the generator's own city totals, the crosswalk across the form change, units that
//! come and go, the table snapshot and the chart.

use std::collections::BTreeMap;

use super::{fixture, gongkai, stdout_of, tempdir};

/// (year, measure) → value, from the generator's independent city totals.
fn expected() -> BTreeMap<(i32, String), i64> {
    fixture("lanzhou-trend-expected.csv")
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split(',');
            let year = f.next()?.parse().ok()?;
            let measure = f.next()?.to_string();
            Some(((year, measure), f.next()?.parse().ok()?))
        })
        .collect()
}

/// Rows of the trend CSV keyed by (year, unit, measure) → [value, previous, change, change_pct].
fn trend_csv(args: &[&str]) -> BTreeMap<(i32, String, String), [String; 4]> {
    let out = stdout_of(
        gongkai()
            .args([
                "trend",
                "data/lanzhou",
                "--name",
                "兰州市",
                "--format",
                "csv",
            ])
            .args(args),
    );
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("year,unit,measure,value,previous,change,change_pct,caveat"),
        "{out}"
    );
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 8, "{l}");
            assert_eq!(f[7], "", "the sample is whole: {l}");
            let year = f[0].parse().unwrap_or_else(|e| panic!("{l}: {e}"));
            (
                (year, f[1].to_string(), f[2].to_string()),
                [f[3], f[4], f[5], f[6]].map(String::from),
            )
        })
        .collect()
}

#[test]
fn deltas_match_hand_computed_values_for_every_year_and_measure() {
    let exp = expected();
    let measures: Vec<String> = exp
        .keys()
        .map(|(_, m)| m.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut args: Vec<&str> = Vec::new();
    for m in &measures {
        args.push("--metric");
        args.push(m);
    }
    let rows = trend_csv(&args);
    let mut checked = 0;
    for ((year, measure), value) in &exp {
        let row = rows
            .get(&(*year, "兰州市".to_string(), measure.clone()))
            .unwrap_or_else(|| panic!("no row for {year} {measure}"));
        assert_eq!(row[0], value.to_string(), "{year} {measure}");
        match exp.get(&(year - 1, measure.clone())) {
            None => assert_eq!(
                row[1..],
                ["", "", ""],
                "{year} {measure}: first year has no previous"
            ),
            Some(prev) => {
                assert_eq!(row[1], prev.to_string(), "{year} {measure} previous");
                assert_eq!(
                    row[2],
                    (value - prev).to_string(),
                    "{year} {measure} change"
                );
                let pct = (value - prev) as f64 / *prev as f64 * 100.0;
                assert_eq!(row[3], format!("{pct:.4}"), "{year} {measure} change_pct");
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 40);
}

#[test]
fn rates_are_computed_after_summing() {
    let exp = expected();
    let rows = trend_csv(&["--metric", "rate.disclosure"]);
    for year in 2019..=2023 {
        let get = |m: &str| exp[&(year, m.to_string())] as f64;
        let rate = (get("requests.granted.total") + get("requests.partially_granted.total"))
            / get("requests.total.total");
        let row = &rows[&(year, "兰州市".to_string(), "rate.disclosure".to_string())];
        assert_eq!(row[0], format!("{rate:.6}"), "{year}");
    }
    // A rate is not the sum of the units' rates: with 20 units that would be far above 1.
    let by_units = trend_csv(&[
        "--metric",
        "rate.disclosure",
        "--by",
        "unit",
        "--to",
        "2020",
    ]);
    let sum: f64 = by_units
        .values()
        .filter_map(|r| r[0].parse::<f64>().ok())
        .sum();
    let total: f64 = rows[&(2020, "兰州市".to_string(), "rate.disclosure".to_string())][0]
        .parse()
        .unwrap_or(0.0);
    assert!(sum > 2.0 * total, "{sum} vs {total}");
}

#[test]
fn the_form_change_breaks_only_what_does_not_compare() {
    let rows = trend_csv(&[
        "--metric",
        "requests.other.total",
        "--metric",
        "active.penalty.decisions",
        "--metric",
        "active.fees.amount",
        "--metric",
        "active.regulations.new_made",
    ]);
    let get = |y: i32, m: &str| rows.get(&(y, "兰州市".to_string(), m.to_string())).cloned();
    // 2019 `other` compares with the sum of the three 2021 `other.*` rows.
    let other = get(2021, "requests.other.total").unwrap_or_else(|| panic!("other 2021"));
    assert_eq!(
        other[1],
        get(2020, "requests.other.total")
            .map(|r| r[0].clone())
            .unwrap_or_default()
    );
    assert!(
        !get(2021, "active.penalty.decisions")
            .map(|r| r[1].is_empty())
            .unwrap_or(true),
        "decisions compare"
    );
    let fees = get(2021, "active.fees.amount").unwrap_or_else(|| panic!("fees 2021"));
    assert_eq!(
        fees[1..],
        ["", "", ""],
        "a new-form measure starts a new series, no fall from zero"
    );
    assert!(!get(2022, "active.fees.amount")
        .map(|r| r[1].is_empty())
        .unwrap_or(true));
    assert!(get(2020, "active.regulations.new_made").is_some());
    assert!(
        get(2021, "active.regulations.new_made").is_none(),
        "2019-form measure ends with its form"
    );
}

#[test]
fn units_that_come_and_go() {
    let new = trend_csv(&[
        "--unit",
        "兰州市数据局",
        "--metric",
        "requests.new_received.total",
    ]);
    let years: Vec<i32> = new.keys().map(|k| k.0).collect();
    assert_eq!(years, vec![2022, 2023]);
    assert_eq!(
        new.values().next().map(|r| r[1..].to_vec()),
        Some(vec![String::new(); 3])
    );
    let gone = trend_csv(&[
        "--unit",
        "兰州市交通运输局",
        "--metric",
        "requests.new_received.total",
    ]);
    assert_eq!(
        gone.keys().map(|k| k.0).collect::<Vec<_>>(),
        vec![2019, 2020, 2021]
    );
    gongkai()
        .args(["trend", "data/lanzhou", "--unit", "兰州市不存在局"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no report of unit"));
    gongkai()
        .args(["trend", "data/lanzhou", "--metric", "requests.granted"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown measure"));
}

#[test]
fn ranking_units_by_change() {
    let out = stdout_of(gongkai().args([
        "trend",
        "data/lanzhou",
        "--by",
        "unit",
        "--metric",
        "requests.new_received.total",
        "--to",
        "2022",
        "--format",
        "csv",
    ]));
    let changes: Vec<Option<i64>> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(5).and_then(|c| c.parse().ok()))
        .collect();
    assert_eq!(changes.len(), 20, "the units of 2022");
    let known: Vec<i64> = changes.iter().flatten().copied().collect();
    assert!(
        known.windows(2).all(|w| w[0] >= w[1]),
        "sorted by change: {known:?}"
    );
    assert_eq!(
        changes.last(),
        Some(&None),
        "兰州市数据局, new in 2022, comes last"
    );
    assert!(
        out.lines()
            .last()
            .is_some_and(|l| l.contains("兰州市数据局")),
        "{out}"
    );
}

#[test]
fn table_output_snapshot() {
    let out = stdout_of(gongkai().args(["trend", "data/lanzhou", "--name", "兰州市"]));
    insta::assert_snapshot!("trend_table_lanzhou", out);
}

#[test]
fn chart_files_are_written() {
    let dir = tempdir();
    for name in ["trend.svg", "trend.png"] {
        let path = dir.path().join(name);
        let assert = gongkai()
            .args(["trend", "data/lanzhou", "--name", "兰州市", "--chart"])
            .arg(&path)
            .assert();
        let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        if name.ends_with(".png") && err.contains("no font") {
            continue; // a machine without any font file: the PNG path says so and fails
        }
        assert!(err.contains("chart: "), "{err}");
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(bytes.len() > 10_000, "{name}: {} bytes", bytes.len());
        if name.ends_with(".svg") {
            let text = String::from_utf8_lossy(&bytes);
            assert!(text.starts_with("<svg") && text.trim_end().ends_with("</svg>"));
            for year in 2019..=2023 {
                assert!(text.contains(&format!("\n{year}\n")), "year tick {year}");
            }
            assert!(text.contains("公开率"));
        } else {
            assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        }
    }
}

/// The contents of an SVG's `<text>` elements, trimmed.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = t.get(t.find('>')? + 1..t.find("</text>")?)?;
            Some(body.trim().to_string())
        })
        .collect()
}

/// Runs `trend` on the sample with `args` and returns the chart's texts.
fn chart_texts(name: &str, args: &[&str]) -> Vec<String> {
    let dir = tempdir();
    let path = dir.path().join(name);
    gongkai()
        .args(["trend", "data/lanzhou", "--name", "兰州市", "--chart"])
        .arg(&path)
        .args(args)
        .assert()
        .success();
    svg_texts(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}")))
}

#[test]
fn chart_report_preset_has_four_panels_with_exact_values() {
    let texts = chart_texts("report.svg", &["--preset", "report"]);
    let titles = [
        "本年新收政府信息公开申请数量",
        "公开率：予以公开和部分公开占办理结果总计的比例",
        "政府信息公开行政复议、行政诉讼",
        "主动公开：行政规范性文件",
    ];
    for title in titles {
        assert_eq!(
            texts.iter().filter(|t| *t == title).count(),
            1,
            "panel {title}: {texts:?}"
        );
    }
    // Four panels, each with its unit over the y axis and its own year axis.
    assert_eq!(texts.iter().filter(|t| t.starts_with("单位：")).count(), 4);
    assert_eq!(texts.iter().filter(|t| *t == "单位：件").count(), 3);
    assert_eq!(texts.iter().filter(|t| *t == "2023年").count(), 4);
    assert!(texts.contains(&"兰州市政府信息公开工作情况（2019–2023年）".to_string()));
    // Every value written, exactly as the table has it (README: 306 … 578; 84.4% … 82.9%);
    // 行政诉讼 = 未经复议直接起诉 + 复议后起诉 (38 + 13 = 51 in 2019, 54 + 16 = 70 in 2023).
    let exp = expected();
    for year in 2019..=2023 {
        let v = exp[&(year, "requests.new_received.total".to_string())];
        assert!(texts.contains(&v.to_string()), "{year}: {v}");
        let r = exp[&(year, "appeals.reconsideration.total".to_string())];
        assert!(texts.contains(&r.to_string()), "{year}: {r}");
    }
    for v in [
        "84.4%", "85.4%", "82.9%", "51", "70", "1,589", "1,705", "1,847", "1,961",
    ] {
        assert!(texts.contains(&v.to_string()), "{v} in {texts:?}");
    }
    for legend in ["行政复议", "行政诉讼", "本年新制作数量", "本年制发件数"] {
        assert!(texts.contains(&legend.to_string()), "legend {legend}");
    }
    // The documents' panel draws the 2021 form change, and the footer says so (only that).
    let notes: Vec<&String> = texts
        .iter()
        .filter(|t| t.contains("：") && t.chars().count() > 20)
        .collect();
    assert!(
        notes
            .iter()
            .any(|t| t.starts_with("竖虚线：2021年起报表格式调整")),
        "{notes:?}"
    );
    assert!(!texts.iter().any(|t| t.starts_with("灰色竖条")));
    assert!(!texts.iter().any(|t| t.starts_with("每个小图")));
}

#[test]
fn chart_notes_follow_what_is_drawn() {
    // From 2021 on only the 2021 form is drawn: no break, no note, no 2019-form legend entry.
    let texts = chart_texts("report-2021.svg", &["--preset", "report", "--from", "2021"]);
    assert!(!texts.iter().any(|t| t.contains("报表格式")), "{texts:?}");
    assert!(!texts.contains(&"本年新制作数量".to_string()));
    assert_eq!(texts.iter().filter(|t| t.starts_with("单位：")).count(), 4);
    // The headline grid compares across the change: the grid's note, nothing about breaks.
    let texts = chart_texts("full.svg", &[]);
    assert!(texts.iter().any(|t| t.starts_with("每个小图有各自的纵轴")));
    assert!(!texts
        .iter()
        .any(|t| t.contains("报表格式") || t.starts_with("灰色竖条")));
    // The 2019 form's documents and the 2021 form's: grey bands where each has no value.
    let texts = chart_texts(
        "docs.svg",
        &[
            "--metric",
            "active.normative_documents.new_made",
            "--metric",
            "active.normative_documents.issued",
        ],
    );
    assert!(texts.iter().any(|t| t.starts_with("灰色竖条")), "{texts:?}");
    // --preset draws a chart: without --chart it is a usage error.
    gongkai()
        .args(["trend", "data/lanzhou", "--preset", "report"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--chart"));
}
