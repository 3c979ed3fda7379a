//! The generator against the readers and the rules: what is written reads back as generated,
//! clean reports pass every rule, defects show as planned, and the bytes depend on the seed only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gongkai_form::rules::{check_values, check_years};
use gongkai_form::FormVersion;
use gongkai_ingest::{read_bytes_at, read_file, ReadOptions};
use gongkai_report::{Registry, UnitKind};
use proptest::prelude::*;

use crate::cells::{FormCells, TOTAL_COL};
use crate::*;

fn config(units: usize, years: &str, layout: FileLayout, errors: f64, seed: u64) -> Config {
    Config {
        seed,
        units,
        years: Years::parse(years).unwrap_or_else(|e| panic!("{e}")),
        layout,
        errors,
        variety: false,
    }
}

fn plan(c: Config) -> Plan {
    Plan::new(c).unwrap_or_else(|e| panic!("{e}"))
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// Every file below `dir`: relative path → bytes.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
        {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else if let Ok(rel) = p.strip_prefix(base) {
                let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{e}"));
                out.insert(rel.to_string_lossy().into_owned(), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn write_with_threads(c: Config, threads: usize, dir: &Path) -> Summary {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    pool.install(|| generate(c, dir))
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn same_seed_same_bytes_whatever_the_threads() {
    for (layout, variety) in [
        (FileLayout::Grid, false),
        (FileLayout::Tidy, false),
        (FileLayout::Grid, true),
    ] {
        let c = Config {
            variety,
            ..config(90, "2019-2023", layout, 0.2, 11)
        };
        let dir = tempdir();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        write_with_threads(c, 1, &a);
        write_with_threads(c, 3, &b);
        let (ta, tb) = (tree(&a), tree(&b));
        assert_eq!(ta.len(), tb.len());
        assert!(ta == tb, "{layout:?}: output depends on the thread count");
        assert!(ta.contains_key("units.csv") && ta.contains_key("manifest.json"));
        // Another seed gives other data.
        let other = dir.path().join("c");
        write_with_threads(Config { seed: 12, ..c }, 2, &other);
        assert!(tree(&other) != ta);
        // Leaves nothing beside the output.
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
    }
}

#[test]
fn layouts_share_the_values() {
    let grid = plan(config(40, "2020-2022", FileLayout::Grid, 0.3, 3));
    let tidy = plan(config(40, "2020-2022", FileLayout::Tidy, 0.3, 3));
    for i in 0..40 {
        let a = generate_unit(&grid, i).unwrap_or_else(|e| panic!("{e}"));
        let b = generate_unit(&tidy, i).unwrap_or_else(|e| panic!("{e}"));
        // Only what the reader says about a text cell differs between the layouts.
        let key = |u: &GeneratedUnit| -> Vec<_> {
            u.reports
                .iter()
                .map(|r| {
                    let d = r.defect.as_ref().map(|d| (d.kind, d.cell, d.text.clone()));
                    (r.year, r.values.clone(), d)
                })
                .collect()
        };
        assert_eq!(key(&a), key(&b));
    }
}

/// The first cell where two reports' cells differ (or the length of the shorter).
fn first_difference<T: PartialEq>(a: &[T], b: &[T]) -> Option<usize> {
    (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i))
}

/// Reads every report of a written run back, by the full reader (the fast paths are held to it:
/// the tests build the readers with `cross-check`), and checks it against what was generated,
/// cell by cell: values, and which cells are blank.
fn check_run(c: Config) {
    let dir = tempdir();
    let out = dir.path().join("out");
    let summary = write_with_threads(c, 2, &out);
    let plan = plan(c);
    let registry = Registry::load(&out.join("units.csv")).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(registry.units.len(), plan.registry.len());
    let mut defects = 0;
    let mut files = 0;
    for i in 0..plan.reporting.len() {
        let unit = plan.unit(i);
        let registered = registry
            .get(&unit.name)
            .unwrap_or_else(|| panic!("{} not registered", unit.name));
        assert_eq!(registered.from, unit.from);
        assert_eq!(registered.to, unit.to);
        let generated = generate_unit(&plan, i).unwrap_or_else(|e| panic!("{e}"));
        let style = FileStyle::of(&plan, i);
        let mut previous: Option<&GeneratedReport> = None;
        for r in &generated.reports {
            assert!(registered.due_in(r.year));
            let path = out.join(file_path(&c, unit, r.year));
            defects += usize::from(r.defect.is_some());
            if !r.has_file() {
                assert!(!path.exists(), "{}", path.display());
                previous = Some(r);
                continue;
            }
            files += 1;
            let read = read_file(&path, &ReadOptions::default());
            if !r.accepted() {
                assert!(read.reports.is_empty(), "{}: text read", path.display());
                assert_eq!(read.rejected, vec![format!("{} {}", unit.name, r.year)]);
                previous = Some(r);
                continue;
            }
            // A table a unit leaves blank in every cell (all its zeros blank) is warned of, as
            // it should be; nothing else may be said.
            let errors: Vec<String> = read
                .diagnostics
                .iter()
                .map(|d| d.to_string())
                .filter(|d| !d.contains("is blank in every cell"))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            assert_eq!(read.reports.len(), 1);
            let back = &read.reports[0];
            assert_eq!(
                (back.unit.as_str(), back.year, back.form),
                (unit.name.as_str(), r.year, FormVersion::for_year(r.year))
            );
            if let Some(cell) = first_difference(&back.values, &r.values) {
                panic!(
                    "{}: cell {} read as {}, generated {}",
                    path.display(),
                    r.form.catalogue().cells[cell].code(),
                    back.values[cell],
                    r.values[cell]
                );
            }
            // Blank exactly where the file leaves a zero blank.
            let (mut text, mut bytes, mut blank) = (String::new(), Vec::new(), Vec::new());
            write::render_into(c.layout, unit, style, r, &mut text, &mut bytes, &mut blank)
                .unwrap_or_else(|e| panic!("{e}"));
            if let Some(cell) = first_difference(&back.blank, &blank) {
                panic!(
                    "{}: cell {} read as blank {}, written blank {}",
                    path.display(),
                    r.form.catalogue().cells[cell].code(),
                    back.blank[cell],
                    blank[cell]
                );
            }
            let expected_encoding = match (c.layout, style.encoding) {
                (FileLayout::Workbook, _) => None,
                (_, Encoding::Gb18030) => Some("gb18030"),
                _ => Some("UTF-8"),
            };
            assert_eq!(read.encoding, expected_encoding);
            if c.layout == FileLayout::Tidy {
                assert_eq!(back.blank_count(), 0);
            }
            for (v, b) in back.values.iter().zip(&back.blank) {
                assert!(!*b || *v == 0);
            }
            if r.defect.is_none() {
                let v = check_values(r.form, &r.values);
                assert!(v.is_empty(), "{} {}: {v:?}", unit.name, r.year);
                if let Some(p) = previous.filter(|p| p.accepted() && p.year + 1 == r.year) {
                    let (x, identical) =
                        check_years((p.form, &p.values), (r.form, &r.values), false);
                    assert!(
                        x.is_empty() && !identical,
                        "{} {}: {x:?}",
                        unit.name,
                        r.year
                    );
                }
            }
            previous = Some(r);
        }
    }
    let m = &summary.manifest;
    assert_eq!(m.counts.files, files);
    assert_eq!(m.counts.defects, defects);
    assert_eq!(m.defects.len(), defects);
    assert_eq!(
        defects,
        (plan.reports_due() as f64 * c.errors).round() as usize
    );
    let on_disk: Manifest = serde_json::from_slice(
        &std::fs::read(out.join("manifest.json")).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&on_disk, m);
    let bytes: u64 = tree(&out)
        .iter()
        .filter(|(k, _)| k.as_str() != "manifest.json")
        .map(|(_, v)| v.len() as u64)
        .sum();
    assert_eq!(m.counts.bytes, bytes);
}

#[test]
fn grid_files_read_back_as_generated() {
    check_run(config(120, "2019-2023", FileLayout::Grid, 0.15, 7));
}

#[test]
fn tidy_files_read_back_as_generated() {
    check_run(config(120, "2018-2022", FileLayout::Tidy, 0.15, 8));
}

/// The oracle of `--variety`: each varied grid reads back, by the full reader, to exactly the
/// values and blanks the generator meant; with defects too (a text cell is still refused).
#[test]
fn varied_grids_read_back_as_generated() {
    let c = config(300, "2019-2022", FileLayout::Grid, 0.0, 21);
    check_run(Config { variety: true, ..c });
    check_run(Config {
        variety: true,
        ..config(80, "2020-2021", FileLayout::Grid, 0.2, 22)
    });
}

/// The run of the oracle above shows every shape of [`Variety`], and every shape a file can
/// show: it is a test of all of them.
#[test]
fn varied_grids_show_every_shape() {
    let p = plan(Config {
        variety: true,
        ..config(300, "2019-2022", FileLayout::Grid, 0.0, 21)
    });
    let mut seen: BTreeMap<&str, std::collections::BTreeSet<String>> = BTreeMap::new();
    let mut see = |what: &'static str, shape: String| {
        seen.entry(what).or_default().insert(shape);
    };
    let (mut text, mut bytes, mut blank) = (String::new(), Vec::new(), Vec::new());
    for i in 0..p.reporting.len() {
        let style = FileStyle::of(&p, i);
        let v = style.variety.unwrap_or_else(|| panic!("no variety"));
        see("encoding", format!("{:?}", v.encoding));
        see("crlf", v.crlf.to_string());
        see("width", format!("{:?}", v.width));
        see("title", format!("{:?}", v.title));
        see("unit line", format!("{:?}", v.unit_line));
        see("year line", format!("{:?}", v.year_line));
        see("zeros", format!("{:?}", v.zeros));
        see("half width", v.half_width.to_string());
        see("no numbering", v.no_numbering.to_string());
        see("spaced", v.spaced.to_string());
        see("notes", format!("{:?}", v.notes));
        let unit = p.unit(i);
        for r in &generate_unit(&p, i)
            .unwrap_or_else(|e| panic!("{e}"))
            .reports
        {
            write::render_into(
                FileLayout::Grid,
                unit,
                style,
                r,
                &mut text,
                &mut bytes,
                &mut blank,
            )
            .unwrap_or_else(|e| panic!("{e}"));
            let cat = r.form.catalogue();
            for (cell, value) in r.values.iter().enumerate() {
                let kind = cat.cells[cell].kind();
                if kind == gongkai_form::ValueKind::Money && *value != 0 {
                    see("money", format!("{:?}", v.money));
                }
                if kind == gongkai_form::ValueKind::SignedCount && *value > 0 {
                    see("plus", v.plus.to_string());
                }
            }
            see("blank zeros", (blank.iter().any(|b| *b)).to_string());
            see("typed zeros", text.contains(",0,").to_string());
        }
    }
    let expected = [
        ("encoding", 3),
        ("crlf", 2),
        ("width", 3),
        ("title", 4),
        ("unit line", 5),
        ("year line", 5),
        ("zeros", 4),
        ("half width", 2),
        ("no numbering", 2),
        ("spaced", 2),
        ("notes", 4),
        ("money", 5),
        ("plus", 2),
        ("blank zeros", 2),
        ("typed zeros", 2),
    ];
    for (what, n) in expected {
        assert_eq!(
            seen.get(what).map_or(0, |s| s.len()),
            n,
            "{what}: {:?}",
            seen.get(what)
        );
    }
}

#[test]
fn workbook_files_read_back_as_generated() {
    check_run(config(40, "2020-2022", FileLayout::Workbook, 0.0, 7));
}

/// A workbook leaves blank exactly the cells the grid of the same seed leaves blank.
#[test]
fn workbooks_leave_the_grids_blanks() {
    let dir = tempdir();
    let mut read = Vec::new();
    for layout in [FileLayout::Grid, FileLayout::Workbook] {
        let c = config(12, "2021", layout, 0.0, 3);
        let out = dir.path().join(layout.code());
        let summary = write_with_threads(c, 2, &out);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(out.join("2021"))
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        paths.sort_by(|a, b| a.file_stem().cmp(&b.file_stem()));
        assert_eq!(paths.len(), summary.manifest.counts.files);
        let reports: Vec<_> = paths
            .iter()
            .map(|path| {
                let r = read_file(path, &ReadOptions::default());
                assert_eq!(r.reports.len(), 1, "{}", path.display());
                (r.reports[0].values.clone(), r.reports[0].blank.clone())
            })
            .collect();
        read.push((reports, summary.manifest.counts.blank_cells));
    }
    assert!(
        read[0].1 > 0,
        "the grids leave no zero blank: the test shows nothing"
    );
    assert_eq!(read[0], read[1]);
}

#[test]
fn workbooks_refuse_injected_defects() {
    let err = Plan::new(config(5, "2020", FileLayout::Workbook, 0.1, 1))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("--errors 0.1 with --layout workbook"), "{err}");
}

#[test]
fn every_defect_kind_shows_as_its_rule() {
    let p = plan(config(400, "2019-2023", FileLayout::Tidy, 0.3, 21));
    let mut kinds = BTreeMap::new();
    for i in 0..p.reporting.len() {
        let u = generate_unit(&p, i).unwrap_or_else(|e| panic!("{e}"));
        for r in &u.reports {
            if let Some(d) = &r.defect {
                *kinds.entry(d.kind).or_insert(0) += 1;
                assert!(d
                    .expected
                    .iter()
                    .any(|(rule, level)| rule == d.kind.rule() && *level == d.kind.level()));
                if matches!(d.kind, DefectKind::Text) {
                    assert!(d.cell.is_some() && d.text.is_some());
                }
            }
        }
    }
    assert_eq!(kinds.len(), DefectKind::ALL.len(), "{kinds:?}");
}

#[test]
fn magnitudes_follow_the_kind_of_unit() {
    let p = plan(config(3000, "2021", FileLayout::Tidy, 0.0, 5));
    let f = FormCells::get(FormVersion::F2021);
    let licensing = f.active("licensing", "decisions");
    let penalty = f.active("penalty", "decisions");
    let mut by_kind: BTreeMap<&str, Vec<(i64, i64, i64)>> = BTreeMap::new();
    let mut zeros = 0usize;
    let mut cells = 0usize;
    for i in 0..p.reporting.len() {
        let u = p.unit(i);
        let g = generate_unit(&p, i).unwrap_or_else(|e| panic!("{e}"));
        let v = &g.reports[0].values;
        let big = u
            .department()
            .is_some_and(|d| d.licensing >= 4 || d.penalty >= 4);
        let key = match u.kind {
            UnitKind::District | UnitKind::County => "government",
            UnitKind::Township => "township",
            _ if big => "big department",
            _ => "department",
        };
        by_kind.entry(key).or_default().push((
            v[licensing],
            v[penalty],
            v[f.req(f.new_received, TOTAL_COL)],
        ));
        zeros += v.iter().filter(|x| **x == 0).count();
        cells += v.len();
    }
    let median = |key: &str, k: usize| {
        let mut xs: Vec<i64> = by_kind[key].iter().map(|t| [t.0, t.1, t.2][k]).collect();
        xs.sort_unstable();
        xs[xs.len() / 2]
    };
    assert!(
        median("government", 0) > 5_000,
        "{}",
        median("government", 0)
    );
    assert!(median("government", 1) > 1_000);
    assert!(median("big department", 0) > 1_000);
    assert!(median("township", 0) < 100);
    assert!(median("township", 1) < 30);
    assert!(median("department", 0) < median("big department", 0));
    assert!(median("government", 2) > median("township", 2));
    let all: Vec<i64> = by_kind.values().flatten().map(|t| t.2).collect();
    let small = all.iter().filter(|r| **r <= 20).count();
    assert!(small * 10 > all.len() * 7, "most units get 0–20 requests");
    assert!(zeros * 2 > cells, "most cells are zero: {zeros} of {cells}");
    let max = by_kind.values().flatten().map(|t| t.0).max().unwrap_or(0);
    assert!(
        max > 100_000,
        "the largest licensing counts reach six digits"
    );
}

#[test]
fn money_is_plausible_and_exact() {
    let p = plan(config(500, "2020-2021", FileLayout::Tidy, 0.0, 9));
    let f19 = FormCells::get(FormVersion::F2019).active("procurement", "amount");
    let f21 = FormCells::get(FormVersion::F2021).active("fees", "amount");
    let (mut two_decimals, mut amounts) = (0, 0);
    for i in 0..p.reporting.len() {
        for r in generate_unit(&p, i)
            .unwrap_or_else(|e| panic!("{e}"))
            .reports
        {
            let cell = if r.form == FormVersion::F2019 {
                f19
            } else {
                f21
            };
            let v = r.values[cell];
            assert!(v >= 0);
            if v > 0 {
                amounts += 1;
                two_decimals += usize::from(v % (gongkai_form::MONEY_SCALE / 100) == 0);
                assert!(v < 1_000_000 * gongkai_form::MONEY_SCALE, "under 100亿");
            }
        }
    }
    assert!(amounts > 200);
    assert!(two_decimals * 10 > amounts * 8, "mostly 0.01 万元 steps");
    assert!(two_decimals < amounts, "some finer amounts");
}

#[test]
fn refuses_a_foreign_folder_and_replaces_its_own_output() {
    let dir = tempdir();
    let c = config(10, "2020", FileLayout::Tidy, 0.0, 1);
    let foreign = dir.path().join("foreign");
    std::fs::create_dir(&foreign).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(foreign.join("notes.txt"), "mine").unwrap_or_else(|e| panic!("{e}"));
    let err = generate(c, &foreign).err().map(|e| e.to_string());
    assert!(
        err.as_deref().is_some_and(|e| e.contains("not empty")),
        "{err:?}"
    );
    assert!(foreign.join("notes.txt").exists());
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap_or_else(|e| panic!("{e}"));
    assert!(generate(c, &file).is_err());
    for bad in [".", "/", ".."] {
        let err = generate(c, Path::new(bad)).err().map(|e| e.to_string());
        assert!(
            err.as_deref()
                .is_some_and(|e| e.contains("a name of its own")),
            "{err:?}"
        );
    }

    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap_or_else(|e| panic!("{e}"));
    generate(c, &empty).unwrap_or_else(|e| panic!("{e}"));
    assert!(is_generated(&empty));
    // An earlier run is replaced whole: its other years go.
    let again = Config {
        years: Years::parse("2021").unwrap_or_else(|e| panic!("{e}")),
        ..c
    };
    generate(again, &empty).unwrap_or_else(|e| panic!("{e}"));
    assert!(!empty.join("2020").exists() && empty.join("2021").exists());
    let nested: PathBuf = dir.path().join("a/b/c");
    generate(c, &nested).unwrap_or_else(|e| panic!("{e}"));
    assert!(nested.join("units.csv").exists());
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn bad_arguments_are_refused() {
    for bad in ["", "2019-", "2023-2019", "1999", "20x9", "2019-2101"] {
        assert!(Years::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(
        Years::parse("2019–2023").ok(),
        Some(Years {
            first: 2019,
            last: 2023
        })
    );
    assert_eq!(
        Years::parse(" 2020 ").map(|y| y.len()).ok(),
        Some(1),
        "one year"
    );
    let c = config(10, "2020", FileLayout::Tidy, 0.0, 1);
    assert!(Plan::new(Config { units: 0, ..c }).is_err());
    assert!(Plan::new(Config { errors: 1.5, ..c }).is_err());
    assert!(Plan::new(Config {
        errors: f64::NAN,
        ..c
    })
    .is_err());
    // A variety of the tidy file or the workbook is not one people make by hand.
    for layout in [FileLayout::Tidy, FileLayout::Workbook] {
        let e = Plan::new(Config {
            variety: true,
            layout,
            ..c
        })
        .err()
        .map(|e| e.to_string());
        assert_eq!(
            e,
            Some(format!(
                "--variety with --layout {}: the variety is of the form grid only; use --layout grid",
                layout.code()
            ))
        );
    }
    assert!(Plan::new(Config {
        variety: true,
        layout: FileLayout::Grid,
        ..c
    })
    .is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any seed: every report renders, reads back (without touching the disk) to its values,
    /// and the rules agree with the manifest's expectations (checked inside generate_unit).
    #[test]
    fn any_seed_reads_back(seed in any::<u64>(), units in 1usize..30, shape in 0..3u8) {
        let layout = if shape == 0 { FileLayout::Tidy } else { FileLayout::Grid };
        let c = Config { variety: shape == 2, ..config(units, "2019-2022", layout, 0.25, seed) };
        let p = plan(c);
        let (mut text, mut bytes) = (String::new(), Vec::new());
        for i in 0..units {
            let unit = p.unit(i);
            let g = generate_unit(&p, i).map_err(|e| TestCaseError::fail(e.to_string()))?;
            for r in g.reports.iter().filter(|r| r.has_file()) {
                render(layout, unit, FileStyle::of(&p, i), r, &mut text, &mut bytes)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                let path = PathBuf::from(file_path(&c, unit, r.year));
                let read = read_bytes_at(&bytes, &path, &ReadOptions::default());
                if r.accepted() {
                    prop_assert_eq!(read.reports.len(), 1);
                    prop_assert_eq!(&read.reports[0].values, &r.values);
                    prop_assert_eq!(&read.reports[0].unit, &unit.name);
                } else {
                    prop_assert!(read.reports.is_empty());
                    prop_assert!(read.diagnostics.iter().any(|d| d.is_error()));
                }
            }
        }
    }
}
