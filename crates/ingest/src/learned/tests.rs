//! The learned layouts held to the full reader: same reports, same problems, hit or miss.
//! Every layout read in any test is also checked against the full reader (in
//! `read::read_bytes`); these tests make sure such reads happen, on real and varied files.

use std::path::{Path, PathBuf};

use gongkai_form::{FormVersion, Section, ValueKind, MONEY_SCALE};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::{forget, hits, walks, without_learned, Scratch};
use crate::tests::distinct_values;
use gongkai_document::delimited::read_records;
use gongkai_report::{write, FileRead};

use crate::{collect_files, read_bytes_at, ReadOptions};

fn read(bytes: &[u8], path: &str) -> FileRead {
    read_bytes_at(bytes, Path::new(path), &ReadOptions::default())
}

/// Reads `bytes` with this thread's layouts and without; asserts the two reads are the
/// same and returns whether the first was a layout read.
fn same_either_way(bytes: &[u8], path: &str) -> bool {
    let before = hits();
    let warm = read(bytes, path);
    let cold = without_learned(|| read(bytes, path));
    assert_eq!(warm, cold, "{path}");
    hits() > before
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A grid of `form` as `grid::write` lays it out, its values drawn from `seed`: the form's
/// distinct values, zeros, blanks, negative changes and money with decimals.
fn grid_text(form: FormVersion, unit: Option<&str>, year: Option<i32>, seed: u64) -> String {
    let cat = form.catalogue();
    let mut values = distinct_values(form);
    let mut blank = vec![false; values.len()];
    let mut x = seed.wrapping_mul(6_364_136_223_846_793_005) | 1;
    for cell in &cat.cells {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let pick = (x >> 33) % 6;
        let v = &mut values[cell.index];
        match (pick, cell.kind()) {
            (0, _) => blank[cell.index] = true,
            (1, _) => *v = 0,
            (2, ValueKind::SignedCount) => *v = -((x >> 40) as i64 % 500),
            (2, ValueKind::Money) => *v = (x >> 40) as i64 % 1000 * MONEY_SCALE / 8,
            (3, _) => *v = (x >> 40) as i64 % 100_000,
            _ => {}
        }
        if seed.is_multiple_of(5) {
            // Whole tables blank, as small units file them.
            blank[cell.index] = cell.section == Section::Requests;
        }
    }
    let mut text = String::new();
    write::grid::write(form, unit, year, Some((&values, &blank)), &mut text);
    text
}

#[test]
fn signed_and_decimal_numbers_are_numbers_to_the_full_reader() {
    assert!(super::number_keys_are_plain());
    for n in [
        "0",
        "123456789012",
        "-5",
        "-123456789012",
        "12.5",
        "-0.000001",
    ] {
        assert_eq!(super::classify(n.as_bytes()), super::NUMBER, "{n}");
    }
    // Numbers in other dress (more digits than the fast parse takes, a sign, a trailing point,
    // thousands separators): values to the locator, so numbers to a layout too, each read by
    // `parse_value` as the full reader reads it.
    for n in ["1234567890123", "1.", "+5", "1,234"] {
        assert_eq!(super::classify(n.as_bytes()), super::NUMBER, "{n}");
    }
    for t in ["1.1234567", "-", ".5", "５"] {
        assert_eq!(super::classify(t.as_bytes()), super::TEXT, "{t}");
    }
}

#[test]
fn a_file_laid_out_as_one_before_is_read_by_its_template() {
    forget();
    let first = grid_text(FormVersion::F2019, Some("城关区"), Some(2020), 1);
    let second = grid_text(FormVersion::F2019, Some("七里河区"), Some(2019), 2);
    assert!(!same_either_way(first.as_bytes(), "data/2020/城关区.csv"));
    let walked = walks();
    assert!(same_either_way(second.as_bytes(), "data/2019/七里河区.csv"));
    assert_eq!(walks(), walked + 1, "read by the layout's steps");
    let f = read(second.as_bytes(), "七里河区.csv");
    assert_eq!(f.reports[0].unit, "七里河区");
    assert_eq!(f.reports[0].year, 2019);
    assert!(f.diagnostics.is_empty());
}

/// The split of another file with the same bytes but another shape (a `-` where this one
/// has a `0`) is not learned as this file's: after a reset, no split is left to reuse.
#[test]
fn a_split_of_another_file_is_not_learned_as_this_ones() {
    let text = grid_text(FormVersion::F2019, Some("城关区"), Some(2020), 1);
    let at = text.find(",0,").expect("a zero value") + 1;
    let dash = format!("{}-{}", &text[..at], &text[at + 1..]);
    forget();
    same_either_way(text.as_bytes(), "data/2020/a.csv");
    // A miss: its split stays in the scratch.
    same_either_way(dash.as_bytes(), "data/2020/b.csv");
    forget();
    // Learned from its own split, this text then walks and reads alike.
    same_either_way(text.as_bytes(), "data/2020/a.csv");
    assert!(same_either_way(text.as_bytes(), "data/2020/a.csv"));
}

/// A batch where a table is blank in some files and filled in others has two layouts in
/// turn: both are walked, without looking up the shape.
#[test]
fn layouts_in_turn_are_walked() {
    forget();
    let filled = grid_text(FormVersion::F2019, Some("城关区"), Some(2020), 1);
    // Table 四 is one line of numbers without labels: left blank, a line of commas.
    let (head, last) = filled.trim_end().rsplit_once('\n').unwrap();
    assert!(last.split(',').any(|f| !f.is_empty()) && !last.contains("行政"));
    let blank = format!("{head}\n{}\n", ",".repeat(last.matches(',').count()));
    assert!(!same_either_way(filled.as_bytes(), "data/2020/a.csv"));
    assert!(
        !same_either_way(blank.as_bytes(), "data/2020/b.csv"),
        "one layout"
    );
    let walked = walks();
    for text in [&filled, &blank, &filled, &blank] {
        assert!(same_either_way(text.as_bytes(), "data/2020/c.csv"));
    }
    assert_eq!(walks() - walked, 4);
}

#[test]
fn generated_grids_read_the_same_with_templates() {
    forget();
    let mut hit = 0;
    let mut n = 0;
    for (form, years) in [
        (FormVersion::F2019, [2019, 2020]),
        (FormVersion::F2021, [2021, 2024]),
    ] {
        for seed in 0..40u64 {
            let year = years[seed as usize % 2];
            let unit = ["城关区", "兰州市财政局", "三亚市（筹）", "—"][seed as usize % 4];
            let (unit, year_in_file) = match seed % 7 {
                0 => (None, Some(year)),
                1 => (Some(unit), None),
                _ => (Some(unit), Some(year)),
            };
            let text = grid_text(form, unit, year_in_file, seed);
            let folder = [year, years[0], 2023, 2020][seed as usize % 4];
            for path in [format!("data/{folder}/某区.csv"), "某区.csv".to_string()] {
                n += 1;
                hit += usize::from(same_either_way(text.as_bytes(), &path));
            }
        }
    }
    assert!(hit * 2 > n, "{hit} layout reads of {n}");
}

#[test]
fn a_unit_named_like_a_label_goes_the_full_way() {
    forget();
    let base = grid_text(FormVersion::F2019, Some("城关区"), Some(2020), 3);
    assert!(!same_either_way(base.as_bytes(), "data/2020/a.csv"));
    let cat = FormVersion::F2019.catalogue();
    let block = cat.block_of(Section::Active);
    let labels = [
        block.rows[0].path[0],
        block.columns[0].label,
        Section::Requests.heading(),
        "总计",
        "year",
        "Unit",
    ];
    for unit in labels {
        let text = base.replace("填报单位,城关区,", &format!("填报单位,{unit},"));
        assert!(
            !same_either_way(text.as_bytes(), "data/2020/a.csv"),
            "{unit}"
        );
    }
    // A label of the other form only votes for it: a layout must not take such a file.
    let other = FormVersion::F2021.catalogue().block_of(Section::Requests);
    let text = base.replace(
        "填报单位,城关区,",
        &format!("填报单位,{},", other.columns[0].label),
    );
    assert!(!same_either_way(text.as_bytes(), "data/2020/a.csv"));
}

#[test]
fn a_year_the_folder_contradicts_goes_the_full_way() {
    forget();
    let base = grid_text(FormVersion::F2021, Some("城关区"), Some(2022), 4);
    assert!(!same_either_way(base.as_bytes(), "data/2022/a.csv"));
    assert!(same_either_way(base.as_bytes(), "data/2022/b.csv"));
    assert!(!same_either_way(base.as_bytes(), "data/2023/a.csv"));
    let old = base.replace("年度,2022,", "年度,2020,");
    assert!(!same_either_way(old.as_bytes(), "a.csv"));
    assert!(read(old.as_bytes(), "a.csv").is_rejected());
}

/// Every grid in the sample data, and the first files of a generated bench batch if there
/// is one, read in turn: layouts repeat, so most files are layout reads.
#[test]
fn sample_and_bench_grids_read_the_same_with_templates() {
    forget();
    let (mut files, _) = collect_files(&[repo().join("data")]);
    let bench = repo().join("target/bench-data/5000/grid/2020");
    if bench.is_dir() {
        let (more, _) = collect_files(&[bench]);
        files.extend(more.into_iter().take(600));
    }
    let mut hit = 0;
    for file in &files {
        let bytes = std::fs::read(file).unwrap_or_default();
        let path = file.to_string_lossy();
        hit += usize::from(same_either_way(&bytes, &path));
    }
    assert!(
        hit * 3 > files.len(),
        "{hit} layout reads of {}",
        files.len()
    );
}

/// Labels of both forms, as units, years and labels put in place of others.
fn labels() -> Vec<String> {
    let mut labels = crate::fuzz::form_labels();
    labels.extend(["year", "填报单位", "年度"].map(str::to_string));
    labels.sort();
    labels.dedup();
    labels
}

/// Changes to a grid: values (by their order among the file's numbers), unit, year, one
/// label (by its order among the file's labels), one field anywhere, and the path it is
/// read under (`None`: the grid's own folder).
#[derive(Debug, Clone)]
struct Change {
    values: Vec<(usize, String)>,
    anywhere: Option<(usize, String)>,
    unit: Option<String>,
    year: Option<String>,
    label: Option<(usize, String)>,
    path: Option<usize>,
}

const PATHS: [&str; 4] = [
    "data/2020/x.csv",
    "data/2023/y.csv",
    "z.csv",
    "data/2019/w.csv",
];

fn change() -> impl Strategy<Value = Change> {
    let value = prop_oneof![
        16 => "[0-9]{1,6}",
        6 => Just(String::new()),
        1 => "-[0-9]{1,4}(\\.[0-9]{1,2})?",
        1 => "[0-9]{1,4}\\.[0-9]{1,7}",
        1 => Just("—".to_string()),
        1 => Just("-".to_string()),
        1 => "[0-9]{11,14}",
        1 => "-[0-9]{12,13}",
        1 => prop::sample::select(vec!["0.0", "1,234", " 5", "+3", "１２", "5万", "1e3", "."])
            .prop_map(str::to_string),
    ];
    let text = prop_oneof![
        2 => prop::sample::select(labels()),
        1 => "[\\u{4e00}-\\u{9fa5}]{1,8}",
        1 => prop::sample::select(vec!["", " ", "2020", "—", "-", "Year", "西固区 "])
            .prop_map(str::to_string),
    ];
    let year = prop_oneof![
        3 => "20(19|2[0-4])",
        1 => prop::sample::select(vec!["2020年", "2023.0", "", "abc", "1999", " 2021"])
            .prop_map(str::to_string),
    ];
    (
        prop::collection::vec((any::<usize>(), value.clone()), 0..12),
        prop::option::weighted(0.1, (any::<usize>(), value)),
        prop::option::weighted(0.3, text.clone()),
        prop::option::weighted(0.3, year),
        prop::option::weighted(0.1, (any::<usize>(), text)),
        prop::option::weighted(0.4, 0..PATHS.len()),
    )
        .prop_map(|(values, anywhere, unit, year, label, path)| Change {
            values,
            anywhere,
            unit,
            year,
            label,
            path,
        })
}

/// `text` with `change` made (the text's lines split at commas; it has no quotes).
fn apply(text: &str, change: &Change) -> String {
    let mut lines: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    let (mut numbers, mut labels, mut all) = (Vec::new(), Vec::new(), Vec::new());
    for (l, line) in lines.iter().enumerate() {
        for (i, f) in line.iter().enumerate() {
            all.push((l, i));
            if i == 1 && matches!(line[0].as_str(), "填报单位" | "年度") {
                continue;
            }
            match super::classify(f.as_bytes()) {
                super::NUMBER => numbers.push((l, i)),
                super::TEXT => labels.push((l, i)),
                _ => {}
            }
        }
    }
    let changes = (change.values.iter().map(|c| (&numbers, c)))
        .chain(change.anywhere.iter().map(|c| (&all, c)));
    for (fields, (k, v)) in changes {
        if let Some(&(l, i)) = fields.get(k % fields.len().max(1)) {
            lines[l][i] = v.clone();
        }
    }
    if let Some((k, t)) = &change.label {
        if let Some(&(l, i)) = labels.get(k % labels.len().max(1)) {
            lines[l][i] = t.clone();
        }
    }
    for line in &mut lines {
        match (line[0].as_str(), &change.unit, &change.year) {
            ("填报单位", Some(u), _) | ("年度", _, Some(u)) if line.len() > 1 => {
                line[1] = u.clone()
            }
            _ => {}
        }
    }
    lines.iter().map(|l| l.join(",") + "\n").collect()
}

/// Grids changed every which way, each read once with the layouts of the unchanged grid
/// and once the full way: the same result (and a layout read is checked on its own too).
#[test]
fn changed_grids_read_the_same_with_and_without_templates() {
    let mut seeds = vec![
        (
            grid_text(FormVersion::F2019, Some("城关区"), Some(2020), 7),
            2020,
        ),
        (
            grid_text(FormVersion::F2021, Some("城关区"), Some(2023), 8),
            2023,
        ),
    ];
    for (file, year) in [
        ("data/lanzhou/2020/城关区.csv", 2020),
        ("target/bench-data/5000/grid/2020/u000001.csv", 2020),
    ] {
        if let Ok(text) = std::fs::read_to_string(repo().join(file)) {
            seeds.push((text, year));
        }
    }
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let (before, walked) = (hits(), walks());
    let result = runner.run(&(0..seeds.len(), change()), |(seed, change)| {
        let (text, year) = &seeds[seed];
        forget();
        let warm_up = read(text.as_bytes(), &format!("data/{year}/seed.csv"));
        prop_assert!(warm_up.diagnostics.is_empty(), "{:?}", warm_up.diagnostics);
        let changed = apply(text, &change);
        let own = format!("data/{year}/changed.csv");
        let path = change.path.map_or(own.as_str(), |p| PATHS[p]);
        let warm = read(changed.as_bytes(), path);
        let cold = without_learned(|| read(changed.as_bytes(), path));
        prop_assert_eq!(warm, cold);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let hit = hits() - before;
    assert!(hit * 10 > cases as usize, "{hit} layout reads of {cases}");
    // The steps are tried first: every layout read here is theirs (one layout).
    assert_eq!(walks() - walked, hit);
}

proptest! {
    #![proptest_config(Config { cases: 2000, failure_persistence: None, ..Config::default() })]

    /// The layout reader splits a plain text as `table::read_records` does.
    #[test]
    fn split_agrees_with_read_records(
        text in "[,\\n\\r a1\"\u{feff}规 ]{0,40}",
    ) {
        let mut s = Scratch::default();
        if s.scan(&text) {
            let table = read_records(&text, b',');
            prop_assert!(table.is_ok(), "{:?}", text);
            let records = table.map(|t| {
                t.records()
                    .iter()
                    .map(|r| (r.line, r.fields.iter().map(str::to_string).collect::<Vec<_>>()))
                    .collect::<Vec<_>>()
            });
            let mine: Vec<(u32, Vec<String>)> = s
                .records
                .iter()
                .map(|&(line, a, b)| (line, (a..b).map(|i| s.field(&text, i).to_string()).collect()))
                .collect();
            prop_assert_eq!(records.ok(), Some(mine));
        } else {
            prop_assert!(
                text.contains(['"', '\u{feff}', '\r']) || text.trim().is_empty(),
                "{:?}",
                text
            );
        }
    }
}
