//! The interval against published values, the colour rule at its edges, the thresholds' parser,
//! the CSV, and the Lanzhou 2020 totals rated from the published figures.

use gongkai_form::{FormVersion, Section};
use gongkai_messages::{with_lang, Lang};
use proptest::prelude::*;

use crate::*;

fn close(x: f64, y: f64) -> bool {
    (x - y).abs() < 5e-5
}

fn bounds(k: u64, n: u64) -> (f64, f64) {
    match wilson(k, n, Z95) {
        Some(i) => (i.low, i.high),
        None => panic!("{k}/{n} has an interval"),
    }
}

#[test]
fn wilson_matches_published_values() {
    // Newcombe (1998), Statistics in Medicine 17:857, table I, method 3 (score, no correction);
    // and the 5/10.
    for (k, n, low, high) in [
        (5, 10, 0.2366, 0.7634),
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
        (0, 50, 0.0, 0.0713),
        (1, 1, 0.2065, 1.0),
    ] {
        let (l, h) = bounds(k, n);
        assert!(close(l, low) && close(h, high), "{k}/{n}: [{l}, {h}]");
    }
    // The bounds at the ends are exact, not a float's crumb away.
    assert_eq!(bounds(0, 50).0, 0.0);
    assert_eq!(bounds(1, 1).1, 1.0);
    // 1/1: low = 1 / (1 + z²) exactly; 0/50: high = z² / (50 + z²).
    assert!((bounds(1, 1).0 - 1.0 / (1.0 + Z95 * Z95)).abs() < 1e-15);
    assert!((bounds(0, 50).1 - Z95 * Z95 / (50.0 + Z95 * Z95)).abs() < 1e-15);
}

#[test]
fn no_interval_without_cases_or_from_nonsense() {
    assert_eq!(wilson(0, 0, Z95), None);
    assert_eq!(wilson(3, 2, Z95), None);
    assert_eq!(wilson(1, 2, 0.0), None);
    assert_eq!(wilson(1, 2, f64::NAN), None);
}

#[test]
fn a_higher_confidence_level_gives_a_wider_interval() {
    let t = Thresholds::parse("confidence=99%").unwrap_or_else(|e| panic!("{e}"));
    let (Some(i95), Some(i99)) = (wilson(6, 54, Z95), wilson(6, 54, t.z)) else {
        panic!("6/54 has intervals");
    };
    assert!(i99.low < i95.low && i99.high > i95.high);
}

proptest! {
    #[test]
    fn the_interval_holds_the_rate_within_0_and_1(n in 1u64..2_000_000, k_seed in any::<u64>()) {
        let k = k_seed % (n + 1);
        let Some(i) = wilson(k, n, Z95) else {
            panic!("{k}/{n} has an interval");
        };
        let rate = k as f64 / n as f64;
        prop_assert!(0.0 <= i.low && i.high <= 1.0, "{k}/{n}: {i:?}");
        prop_assert!(i.contains(rate), "{k}/{n}: {i:?} misses {rate}");
        prop_assert!(i.width() > 0.0);
    }

    #[test]
    fn the_interval_narrows_as_cases_grow_at_a_fixed_rate(
        n in 1u64..5_000, k_seed in any::<u64>(), factor in 2u64..50,
    ) {
        let k = k_seed % (n + 1);
        let (Some(small), Some(large)) = (wilson(k, n, Z95), wilson(k * factor, n * factor, Z95))
        else {
            panic!("both have intervals");
        };
        prop_assert!(large.width() < small.width(), "{k}/{n}: {small:?}, ×{factor}: {large:?}");
    }

    #[test]
    fn a_colour_is_only_given_where_the_interval_is_past_the_line(
        n in 1i64..3_000, k_seed in any::<i64>(), correction in any::<bool>(),
    ) {
        let k = k_seed.rem_euclid(n + 1);
        let measure = if correction { Measure::Reconsideration } else { Measure::Disclosure };
        let t = Thresholds::default();
        let counts = Counts { numerator: k, denominator: n, reported: true };
        let r = Rating::new("单位", 2020, measure, counts, &t);
        let Some(i) = r.interval else { panic!("{k}/{n} has an interval") };
        let line = t.line(measure);
        let (past_red, past_yellow, good) = if correction {
            (i.low > line.red, i.low > line.yellow, i.high <= line.yellow)
        } else {
            (i.high < line.red, i.high < line.yellow, i.low >= line.yellow)
        };
        let expected = if (n as u64) < t.min_cases {
            Verdict::TooFew
        } else if past_red {
            Verdict::Red
        } else if past_yellow {
            Verdict::Yellow
        } else if good {
            Verdict::Green
        } else {
            Verdict::TooFew
        };
        prop_assert_eq!(r.verdict, expected);
        // And the rate itself is on the side of its colour.
        let rate = r.rate.unwrap_or(f64::NAN);
        match (r.verdict, correction) {
            (Verdict::Red, true) => prop_assert!(rate > line.red),
            (Verdict::Red, false) => prop_assert!(rate < line.red),
            (Verdict::Green, true) => prop_assert!(rate <= line.yellow),
            (Verdict::Green, false) => prop_assert!(rate >= line.yellow),
            _ => {}
        }
    }
}

fn rate(measure: Measure, numerator: i64, denominator: i64) -> Rating {
    let counts = Counts {
        numerator,
        denominator,
        reported: true,
    };
    Rating::new("某区", 2020, measure, counts, &Thresholds::default())
}

#[test]
fn small_numbers_never_make_a_red_card() {
    // 1 of 3 corrected is 33%, far above 15%, but three cases cannot say so: [6.2%, 79.2%].
    let r = rate(Measure::Reconsideration, 1, 3);
    assert_eq!(r.verdict, Verdict::TooFew);
    assert!(close(r.rate.unwrap_or_default(), 1.0 / 3.0));
    assert!(r
        .interval
        .is_some_and(|i| close(i.low, 0.0615) && close(i.high, 0.7923)));
    for n in 1..DEFAULT_MIN_CASES as i64 {
        for k in 0..=n {
            for measure in Measure::ALL {
                let v = rate(measure, k, n).verdict;
                assert_eq!(v, Verdict::TooFew, "{measure:?} {k}/{n}");
            }
        }
    }
    // The floor is what keeps 1 of 1 from red: its interval alone, [20.7%, 100%], is past 15%.
    let no_floor = Thresholds::parse("min_cases=0").unwrap_or_else(|e| panic!("{e}"));
    let one_of_one = Counts {
        numerator: 1,
        denominator: 1,
        reported: true,
    };
    let v = |t: &Thresholds| Rating::new("某区", 2020, Measure::Litigation, one_of_one, t).verdict;
    assert_eq!(
        (v(&Thresholds::default()), v(&no_floor)),
        (Verdict::TooFew, Verdict::Red)
    );
    // Without the floor 1 of 3 is still too few: the interval decides.
    let one_of_three = Counts {
        denominator: 3,
        ..one_of_one
    };
    let r = Rating::new("某区", 2020, Measure::Litigation, one_of_three, &no_floor);
    assert_eq!(r.verdict, Verdict::TooFew);
    // At the floor, enough: 10 of 10 corrected is red.
    assert_eq!(rate(Measure::Litigation, 10, 10).verdict, Verdict::Red);
}

#[test]
fn enough_cases_give_each_colour() {
    // 30/100 corrected: [21.9%, 39.6%], wholly above 15%.
    assert_eq!(
        rate(Measure::Reconsideration, 30, 100).verdict,
        Verdict::Red
    );
    // 130/1000: [11.1%, 15.2%], wholly above 10% but not wholly above 15%.
    assert_eq!(
        rate(Measure::Reconsideration, 130, 1000).verdict,
        Verdict::Yellow
    );
    // 0/50: [0, 7.1%], wholly at most 10%.
    assert_eq!(rate(Measure::Litigation, 0, 50).verdict, Verdict::Green);
    // 0/30: [0, 11.4%] reaches past 10%.
    assert_eq!(rate(Measure::Litigation, 0, 30).verdict, Verdict::TooFew);
    // Disclosure 100/400: [21.0%, 29.5%], wholly below 40%.
    assert_eq!(rate(Measure::Disclosure, 100, 400).verdict, Verdict::Red);
    // 1700/4000: [41.0%, 44.0%], wholly below 45% but not wholly below 40%.
    assert_eq!(
        rate(Measure::Disclosure, 1700, 4000).verdict,
        Verdict::Yellow
    );
    // 90/100: [82.6%, 94.5%].
    assert_eq!(rate(Measure::Disclosure, 90, 100).verdict, Verdict::Green);
}

fn cell(form: FormVersion, section: Section, row: &str, column: &str) -> usize {
    match form.catalogue().find(section, row, column) {
        Some(c) => c.index,
        None => panic!("no cell {section:?}.{row}.{column}"),
    }
}

#[test]
fn no_applications_is_no_data_never_green() {
    let r = rate(Measure::Disclosure, 0, 0);
    assert_eq!(r.verdict, Verdict::NoData);
    assert_eq!((r.rate, r.interval), (None, None));
    let form = FormVersion::F2021;
    let n = form.catalogue().len();
    let t = Thresholds::default();
    // Zeros written: no applications, no concluded cases.
    for r in ratings_of("某局", 2021, form, &vec![0; n], &vec![false; n], &t) {
        assert_eq!(r.verdict, Verdict::NoData, "{:?}", r.measure);
    }
    // An unfilled table: every cell blank.
    let blank = vec![true; n];
    for r in ratings_of("某局", 2021, form, &vec![0; n], &blank, &t) {
        assert_eq!(r.verdict, Verdict::NoData, "{:?}", r.measure);
    }
    // A blank 总计 is no data even where other cells have figures.
    let mut values = vec![0; n];
    let granted = cell(form, Section::Requests, "granted", "total");
    values[granted] = 5;
    let mut some_blank = blank.clone();
    some_blank[granted] = false;
    let c = counts(form, &values, &some_blank, Measure::Disclosure);
    assert_eq!((c.numerator, c.reported), (5, false));
    let r = Rating::new("某局", 2021, Measure::Disclosure, c, &t);
    assert_eq!(r.verdict, Verdict::NoData);
    // Once 总计 is written, the same figures do not add up.
    some_blank[cell(form, Section::Requests, "total", "total")] = false;
    let c = counts(form, &values, &some_blank, Measure::Disclosure);
    assert_eq!((c.numerator, c.denominator, c.reported), (5, 0, true));
    let r = Rating::new("某局", 2021, Measure::Disclosure, c, &t);
    assert_eq!(r.verdict, Verdict::Inconsistent);
    // Values too short for the form (a caller's slip): no data, no panic.
    for r in ratings_of("某局", 2021, form, &[1, 2, 3], &[], &t) {
        assert_eq!(r.verdict, Verdict::NoData);
    }
}

#[test]
fn figures_that_do_not_add_up_get_no_rate() {
    for (k, n) in [(7, 5), (1, 0), (-1, 5), (2, -3)] {
        let r = rate(Measure::Reconsideration, k, n);
        assert_eq!(r.verdict, Verdict::Inconsistent, "{k}/{n}");
        assert_eq!((r.rate, r.interval), (None, None));
    }
}

/// The Lanzhou 2020 published totals, as dense values and blank flags of the 2019 form.
fn lanzhou_2020() -> (Vec<i64>, Vec<bool>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/lanzhou-2020-published.csv"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let cat = FormVersion::F2019.catalogue();
    let mut values = vec![0; cat.len()];
    let mut blank = vec![true; cat.len()];
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let [year, unit, section, row, column, value] = f[..] else {
            panic!("not a tidy row: {line}");
        };
        assert_eq!((year, unit), ("2020", "兰州市"));
        let code = format!("{section}.{row}.{column}");
        let Some(c) = cat.by_code(&code) else {
            panic!("no cell {code}");
        };
        values[c.index] = value.parse().unwrap_or_else(|e| panic!("{line}: {e}"));
        blank[c.index] = false;
    }
    (values, blank)
}

#[test]
fn lanzhou_2020_totals_give_the_published_rates() {
    let (values, blank) = lanzhou_2020();
    let v = |s, r, c| values[cell(FormVersion::F2019, s, r, c)];
    let (req, app) = (Section::Requests, Section::Appeals);
    // By hand from the fixture: (297 + 8) / 357; 6 / (68 − 14); (2 + 0) / ((41 − 13) + (14 − 6)).
    let disclosure = (
        v(req, "granted", "total") + v(req, "partially_granted", "total"),
        v(req, "total", "total"),
    );
    assert_eq!(disclosure, (305, 357));
    let reconsideration = (
        v(app, "reconsideration", "corrected"),
        v(app, "reconsideration", "total") - v(app, "reconsideration", "pending"),
    );
    assert_eq!(reconsideration, (6, 54));
    let rows = ["litigation_direct", "litigation_after_reconsideration"];
    let litigation = (
        rows.iter().map(|r| v(app, r, "corrected")).sum::<i64>(),
        rows.iter()
            .map(|r| v(app, r, "total") - v(app, r, "pending"))
            .sum::<i64>(),
    );
    assert_eq!(litigation, (2, 36));

    let t = Thresholds::default();
    let [d, r, l] = ratings_of("兰州市", 2020, FormVersion::F2019, &values, &blank, &t);
    assert_eq!((d.numerator, d.denominator), disclosure);
    assert_eq!((r.numerator, r.denominator), reconsideration);
    assert_eq!((l.numerator, l.denominator), litigation);
    assert!((d.rate.unwrap_or_default() - 305.0 / 357.0).abs() < 1e-12);
    assert!((r.rate.unwrap_or_default() - 6.0 / 54.0).abs() < 1e-12);
    assert!((l.rate.unwrap_or_default() - 2.0 / 36.0).abs() < 1e-12);
    // 85.4% [81.4%, 88.7%]: green. 11.1% [5.2%, 22.2%] and 5.6% [1.5%, 18.1%] straddle 10%.
    assert_eq!(
        [d.verdict, r.verdict, l.verdict],
        [Verdict::Green, Verdict::TooFew, Verdict::TooFew]
    );
    assert_eq!(
        to_csv(&[d, r, l]),
        "unit,year,measure,numerator,denominator,rate,low,high,verdict\n\
         兰州市,2020,rate.disclosure,305,357,0.8543,0.8140,0.8872,green\n\
         兰州市,2020,rate.reconsideration_corrected,6,54,0.1111,0.0519,0.2219,too_few\n\
         兰州市,2020,rate.litigation_corrected,2,36,0.0556,0.0154,0.1814,too_few\n"
    );
}

#[test]
fn ranking_puts_the_worst_first_within_each_measure() {
    let r = |unit: &str, measure, k, n| {
        let mut rating = rate(measure, k, n);
        rating.unit = unit.to_string();
        rating
    };
    let mut ratings = vec![
        r("乙", Measure::Litigation, 0, 100),  // green, [0, 3.7%]
        r("甲", Measure::Disclosure, 10, 100), // red, high 17.4%
        r("丙", Measure::Litigation, 1, 3),    // too few
        r("丁", Measure::Litigation, 0, 0),    // no data
        r("戊", Measure::Litigation, 40, 100), // red, low 30.9%
        r("己", Measure::Litigation, 20, 100), // yellow, low 13.3%
        r("庚", Measure::Litigation, 60, 100), // red, low 50.2%
        r("辛", Measure::Disclosure, 30, 100), // red, high 39.6%
        r("壬", Measure::Litigation, 60, 100), // as 庚: by name (壬 U+58EC before 庚 U+5E9A)
        r("癸", Measure::Litigation, 5, 3),    // figures do not add up
    ];
    rank(&mut ratings);
    let order: Vec<(&str, &str)> = ratings
        .iter()
        .map(|r| (r.unit.as_str(), r.verdict.code()))
        .collect();
    assert_eq!(
        order,
        [
            ("甲", "red"),
            ("辛", "red"),
            ("壬", "red"),
            ("庚", "red"),
            ("戊", "red"),
            ("己", "yellow"),
            ("丙", "too_few"),
            ("乙", "green"),
            ("癸", "inconsistent"),
            ("丁", "no_data"),
        ]
    );
}

#[test]
fn thresholds_parse_the_users_settings() {
    assert_eq!(Thresholds::parse(" "), Ok(Thresholds::default()));
    let t = Thresholds::parse(
        " reconsideration.red=25% , correction.red=0.2，DISCLOSURE.yellow＝50％;confidence=90%,min_cases=25",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // A measure's own key wins over correction.*, whatever the order.
    assert_eq!(
        t.reconsideration,
        Line {
            red: 0.25,
            yellow: 0.10
        }
    );
    assert_eq!(
        t.litigation,
        Line {
            red: 0.20,
            yellow: 0.10
        }
    );
    assert_eq!(
        t.disclosure,
        Line {
            red: 0.40,
            yellow: 0.50
        }
    );
    assert_eq!((t.confidence, t.z, t.min_cases), (0.90, 1.644854, 25));
    // What it says of itself reads back to the same.
    assert_eq!(t.to_string().parse::<Thresholds>(), Ok(t));
    assert_eq!(
        Thresholds::default().to_string(),
        "disclosure.red=40%,disclosure.yellow=45%,reconsideration.red=15%,\
         reconsideration.yellow=10%,litigation.red=15%,litigation.yellow=10%,confidence=95%,min_cases=10"
    );
    // A stricter red line turns a yellow unit red.
    let stricter = Thresholds::parse("correction.red=11%").unwrap_or_else(|e| panic!("{e}"));
    let counts = Counts {
        numerator: 130,
        denominator: 1000,
        reported: true,
    };
    let v = |t: &Thresholds| Rating::new("某区", 2020, Measure::Reconsideration, counts, t).verdict;
    assert_eq!(
        (v(&Thresholds::default()), v(&stricter)),
        (Verdict::Yellow, Verdict::Red)
    );
}

#[test]
fn threshold_mistakes_are_told_in_words() {
    let err = |s: &str| match Thresholds::parse(s) {
        Ok(t) => panic!("{s} read as {t}"),
        Err(e) => (e.clone(), e.to_string()),
    };
    let (e, text) = err("correction.red");
    assert!(matches!(e, ThresholdError::NotKeyValue { .. }));
    assert!(text.contains("“correction.red” is not key=value"), "{text}");
    let (e, text) = err("correction.orange=5%");
    assert!(matches!(e, ThresholdError::UnknownKey { .. }));
    assert!(text.contains("“correction.orange”"), "{text}");
    assert!(
        text.contains("disclosure.red") && text.contains("confidence"),
        "{text}"
    );
    let (e, _) = err("disclosure.red=30%,disclosure.red=35%");
    assert_eq!(
        e,
        ThresholdError::Twice {
            key: "disclosure.red".into()
        }
    );
    let (e, text) = err("correction.red=15");
    assert!(matches!(e, ThresholdError::NotARate { .. }));
    assert!(text.contains("15% or a fraction such as 0.15"), "{text}");
    let (e, _) = err("correction.red=abc%");
    assert!(matches!(e, ThresholdError::NotARate { .. }));
    let (e, _) = err("correction.red=inf");
    assert!(matches!(e, ThresholdError::NotARate { .. }));
    let (e, _) = err("disclosure.yellow=120%");
    assert!(matches!(e, ThresholdError::OutOfRange { .. }));
    let (e, _) = err("disclosure.yellow=-0.1");
    assert!(matches!(e, ThresholdError::OutOfRange { .. }));
    let (e, text) = err("min_cases=ten");
    assert_eq!(
        e,
        ThresholdError::NotACount {
            value: "ten".into()
        }
    );
    assert!(
        text.contains("min_cases=ten is not a whole number"),
        "{text}"
    );
    let (e, _) = err("min_cases=-1");
    assert!(matches!(e, ThresholdError::NotACount { .. }));
    let (e, text) = err("confidence=93%");
    assert!(matches!(e, ThresholdError::NotALevel { .. }));
    assert!(text.contains("99.9%"), "{text}");
    let (e, text) = err("litigation.yellow=20%");
    assert_eq!(
        e,
        ThresholdError::Order {
            measure: Measure::Litigation,
            red: "15%".into(),
            yellow: "20%".into()
        }
    );
    assert!(
        text.contains(
            "litigation correction rate: the red line (15%) is below the yellow line (20%)"
        ),
        "{text}"
    );
    let (_, text) = err("disclosure.red=50%");
    assert!(text.contains("is above the yellow line (45%)"), "{text}");
    // In Chinese, as an official would write it.
    let zh = with_lang(Lang::Zh, || err("litigation.yellow=20%").1);
    assert_eq!(
        zh,
        "阈值设置：行政诉讼纠错率的红线（15%）低于黄线（20%）；比率高于红线为红，红线应不低于黄线"
    );
}

#[test]
fn verdicts_and_measures_in_both_languages() {
    let words = |lang| {
        with_lang(lang, || {
            let verdicts = [
                Verdict::Red,
                Verdict::Yellow,
                Verdict::Green,
                Verdict::TooFew,
                Verdict::NoData,
            ]
            .map(Verdict::words);
            (verdicts, Measure::ALL.map(Measure::name))
        })
    };
    assert_eq!(
        words(Lang::Zh),
        (
            ["红", "黄", "绿", "样本太少无法判断", "无数据"].map(String::from),
            ["实质公开率", "行政复议纠错率", "行政诉讼纠错率"].map(String::from)
        )
    );
    let (verdicts, _) = words(Lang::En);
    assert_eq!(verdicts[3], "too few cases to say");
}

#[test]
fn csv_quotes_names_and_leaves_no_rate_empty() {
    let mut r = rate(Measure::Disclosure, 0, 0);
    r.unit = "某局,\"办公室\"".into();
    assert_eq!(
        to_csv(&[r]).lines().nth(1),
        Some("\"某局,\"\"办公室\"\"\",2020,rate.disclosure,0,0,,,,no_data")
    );
}

#[test]
fn both_forms_count_the_same_cells() {
    for form in FormVersion::ALL {
        let n = form.catalogue().len();
        let mut values = vec![0; n];
        let mut set = |s, r, c, x| values[cell(form, s, r, c)] = x;
        let (req, app) = (Section::Requests, Section::Appeals);
        set(req, "granted", "total", 40);
        set(req, "partially_granted", "total", 7);
        set(req, "granted", "natural_person", 1000); // not the total column: not counted
        set(req, "total", "total", 90);
        set(app, "reconsideration", "corrected", 3);
        set(app, "reconsideration", "total", 30);
        set(app, "reconsideration", "pending", 4);
        set(app, "litigation_direct", "corrected", 2);
        set(app, "litigation_direct", "total", 20);
        set(app, "litigation_direct", "pending", 5);
        set(app, "litigation_after_reconsideration", "corrected", 1);
        set(app, "litigation_after_reconsideration", "total", 11);
        set(app, "litigation_after_reconsideration", "pending", 2);
        let got = Measure::ALL.map(|m| {
            let c = counts(form, &values, &[], m);
            (c.numerator, c.denominator, c.reported)
        });
        assert_eq!(
            got,
            [(47, 90, true), (3, 26, true), (3, 24, true)],
            "{form:?}"
        );
    }
}

#[test]
fn a_rating_in_a_line_in_both_languages() {
    let t = Thresholds::default();
    let r = rate(Measure::Reconsideration, 6, 54);
    assert_eq!(
        r.summary(&t),
        "11.1% (6/54; 95% interval 5.2%–22.2%): too few cases to say"
    );
    assert_eq!(
        with_lang(Lang::Zh, || r.summary(&t)),
        "11.1%（6/54，95%置信区间 5.2%～22.2%）：样本太少无法判断"
    );
    let none = rate(Measure::Disclosure, 0, 0);
    assert_eq!(with_lang(Lang::Zh, || none.summary(&t)), "0/0：无数据");
}
