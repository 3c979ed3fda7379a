//! Exports of the Lanzhou sample read back with independent readers: polars for the data and
//! its types, the parquet crate's metadata reader for the file layout, zip for the workbook.
//! One test binary (each one links polars).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gongkai_aggregate::checks::check_batch;
use gongkai_export::schema::{self, ColType};
use gongkai_export::{Input, InputFile, Options};
use gongkai_form::{FormVersion, Section, MONEY_SCALE};
use gongkai_ingest::{read_batch, ReadOptions};
use gongkai_report::{Finding, KeptReport, Layout, Place, Registry, UnitReport};
use parquet::file::reader::{FileReader, SerializedFileReader};
use polars::prelude::*;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// What the CLI hands the exporter, built here from the library calls it makes.
struct Loaded {
    reports: Vec<UnitReport>,
    kept: Vec<KeptReport>,
    totals: Vec<gongkai_aggregate::Total>,
    registry: Option<Registry>,
    findings: Vec<Finding>,
    failing: BTreeSet<(String, i32)>,
    inputs: Vec<InputFile>,
}

impl Loaded {
    /// Packs the reports again after a test changed them.
    fn repack(&mut self) {
        self.kept = self.reports.iter().map(KeptReport::from).collect();
    }

    fn input<'a>(&'a self, name: &'a str) -> Input<'a> {
        Input {
            name: Some(name),
            reports: &self.kept,
            totals: &self.totals,
            summed_as: gongkai_export::UNNAMED,
            registry: self.registry.as_ref(),
            findings: &self.findings,
            failing: &self.failing,
            from: None,
            to: None,
            inputs: &self.inputs,
        }
    }
}

fn checked(reports: Vec<UnitReport>, registry: Option<Registry>, files: &[PathBuf]) -> Loaded {
    let checks = check_batch(&reports, registry.as_ref());
    let failing = checks
        .findings
        .iter()
        .filter(|f| f.is_error())
        .filter_map(|f| Some((f.unit.clone()?, f.year?)))
        .collect();
    let findings = checks.findings;
    let inputs = files
        .iter()
        .map(|p| InputFile::read(p).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    // The totals as the ledger sums them, here in one go.
    let totals = if reports.is_empty() {
        Vec::new()
    } else {
        let batch = gongkai_report::arrow::to_record_batch(&reports).unwrap();
        match &registry {
            Some(r) => gongkai_aggregate::rollup(&batch, gongkai_export::UNNAMED, r).unwrap(),
            None => gongkai_aggregate::consolidate(&batch, gongkai_export::UNNAMED).unwrap(),
        }
    };
    Loaded {
        kept: reports.iter().map(KeptReport::from).collect(),
        totals,
        reports,
        registry,
        findings,
        failing,
        inputs,
    }
}

fn lanzhou() -> Loaded {
    let dir = root().join("data/lanzhou/2020");
    let batch = read_batch(
        std::slice::from_ref(&dir),
        &ReadOptions {
            encoding: gongkai_ingest::EncodingChoice::Auto,
            ..Default::default()
        },
    );
    assert!(batch.diagnostics().all(|d| !d.is_error()));
    let registry = Registry::load(&root().join("data/lanzhou/units.csv")).ok();
    let files: Vec<PathBuf> = batch.files.iter().map(|f| f.file.to_path_buf()).collect();
    checked(batch.reports, registry, &files)
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn read_df(path: &Path) -> DataFrame {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ParquetReader::new(file)
        .finish()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn polars_type(ty: ColType) -> DataType {
    match ty {
        ColType::Str => DataType::String,
        ColType::I32 => DataType::Int32,
        ColType::I64 => DataType::Int64,
        ColType::F64 => DataType::Float64,
        ColType::Bool => DataType::Boolean,
        ColType::Money => DataType::Decimal(18, 6),
    }
}

fn spec_of(path: &str) -> &'static schema::TableSpec {
    let name = if path.starts_with("facts/") {
        "facts"
    } else {
        path.trim_end_matches(".parquet")
    };
    schema::ALL
        .into_iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no table for {path}"))
}

/// Exact sums of `value` (counts) and `amount` (money, 万元 × 10⁶) per measure of a frame.
fn sums(df: &DataFrame, key: &str) -> BTreeMap<String, i128> {
    let keys = df.column(key).and_then(|c| c.str().cloned()).unwrap();
    let value = df.column("value").and_then(|c| c.i64().cloned()).unwrap();
    let amount = df
        .column("amount")
        .unwrap()
        .cast(&DataType::Decimal(18, 6))
        .unwrap();
    let amount = amount.decimal().unwrap();
    let mut out: BTreeMap<String, i128> = BTreeMap::new();
    for i in 0..df.height() {
        let k = keys.get(i).unwrap().to_string();
        let v = match (value.get(i), amount.physical().get(i)) {
            (Some(v), None) => i128::from(v),
            (None, Some(a)) => a,
            other => panic!("row {i} of {key}: value/amount {other:?}: exactly one must be set"),
        };
        *out.entry(k).or_default() += v;
    }
    out
}

#[test]
fn lanzhou_reads_back_with_polars_typed_as_documented_and_sums_to_consolidate() {
    let data = lanzhou();
    let out = tempdir();
    let dir = out.path().join("export");
    let xlsx = out.path().join("兰州市.xlsx");
    let options = Options {
        csv: true,
        xlsx: Some(xlsx.clone()),
        part_reports: None,
        zeros: false,
    };
    let rendered = gongkai_export::export(&data.input("兰州市"), &dir, &options)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rendered.years, [2020]);
    assert_eq!(rendered.forms, [FormVersion::F2019]);

    let mut seen = BTreeSet::new();
    for f in rendered
        .files
        .iter()
        .filter(|f| f.path.ends_with(".parquet"))
    {
        let spec = spec_of(&f.path);
        seen.insert(spec.name);
        let df = read_df(&dir.join(&f.path));
        assert_eq!(Some(df.height()), f.rows, "{}", f.path);
        let names: Vec<&str> = df.get_column_names().iter().map(|n| n.as_str()).collect();
        let want: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
        assert_eq!(names, want, "{}", f.path);
        for c in spec.columns {
            let got = df.column(c.name).unwrap().dtype().clone();
            assert_eq!(got, polars_type(c.ty), "{}.{}", f.path, c.name);
            if !c.nullable {
                assert_eq!(df.column(c.name).unwrap().null_count(), 0, "{}", c.name);
            }
        }
    }
    assert_eq!(
        seen.len(),
        schema::ALL.len(),
        "every table written: {seen:?}"
    );
    assert!(dir.join("facts/year=2020/part-0.parquet").is_file());

    // facts, summed per cell, are the consolidated totals, which are the published report: a
    // row for each unit's cell that is not 0 (the zeros only with `zeros`, below).
    let facts = read_df(&dir.join("facts/year=2020/part-0.parquet"));
    let figures: usize = data
        .reports
        .iter()
        .map(|r| r.values.iter().filter(|v| **v != 0).count())
        .sum();
    assert!(figures > 300 && figures < 20 * 198, "{figures}");
    assert_eq!(facts.height(), figures);
    assert_eq!(
        facts.column("blank").unwrap().bool().unwrap().sum(),
        Some(0),
        "a blank cell is 0: no row"
    );
    let batch = gongkai_report::arrow::to_record_batch(&data.reports).unwrap();
    let totals = gongkai_aggregate::consolidate(&batch, "兰州市").unwrap();
    let want: BTreeMap<String, i128> = {
        let cat = FormVersion::F2019.catalogue();
        cat.cells
            .iter()
            .map(|c| (c.code(), i128::from(totals[0].values[c.index])))
            .collect()
    };
    let nonzero = |m: &BTreeMap<String, i128>| -> BTreeMap<String, i128> {
        m.iter()
            .filter(|(_, v)| **v != 0)
            .map(|(k, v)| (k.clone(), *v))
            .collect()
    };
    assert_eq!(nonzero(&sums(&facts, "measure")), nonzero(&want));
    let procurement = want["active.procurement.amount"];
    assert_eq!(procurement, 278_800 * i128::from(MONEY_SCALE), "27.88亿");
    // The totals file says the same.
    let t = read_df(&dir.join("totals.parquet"));
    assert_eq!(
        t.height(),
        198,
        "one total (兰州市 is the registry's root and --name)"
    );
    assert_eq!(sums(&t, "measure"), want);

    // Rates: one per unit and total but a unit's 0 over 0; the disclosure rate of the
    // published figures.
    let rates = read_df(&dir.join("rates.parquet"));
    let zero_over_zero = rates
        .clone()
        .lazy()
        .filter(
            col("numerator")
                .eq(lit(0))
                .and(col("denominator").eq(lit(0)))
                .and(col("is_total").not()),
        )
        .collect()
        .unwrap();
    assert_eq!(zero_over_zero.height(), 0);
    assert!(rates.height() < 21 * gongkai_form::measures::RATES.len());
    let total_rates = rates
        .clone()
        .lazy()
        .filter(col("is_total").and(col("rate").eq(lit("rate.disclosure"))))
        .collect()
        .unwrap();
    let v = total_rates.column("value").unwrap().f64().unwrap().get(0);
    assert_eq!(v, Some(305.0 / 357.0));
    let num = total_rates
        .column("numerator")
        .unwrap()
        .i64()
        .unwrap()
        .get(0);
    assert_eq!(num, Some(305));

    // Units from the registry, levels from its tree.
    let units = read_df(&dir.join("units.parquet"));
    let registered = data.registry.as_ref().map_or(0, |r| r.units.len());
    assert_eq!(units.height(), registered);
    let reports: i64 = units
        .column("reports")
        .unwrap()
        .cast(&DataType::Int64)
        .unwrap()
        .i64()
        .unwrap()
        .sum()
        .unwrap_or(0);
    assert_eq!(reports, 20);

    // Measures: every cell of both forms, the groups and the rates of each form.
    let measures = read_df(&dir.join("measures.parquet"));
    for form in FormVersion::ALL {
        let n = gongkai_form::measures::all(&[form]).len();
        let rows = measures
            .clone()
            .lazy()
            .filter(col("form").eq(lit(form.code())))
            .collect()
            .unwrap();
        assert_eq!(rows.height(), n, "{form}");
        let cells = rows
            .lazy()
            .filter(col("type").eq(lit("cell")))
            .collect()
            .unwrap();
        assert_eq!(cells.height(), form.catalogue().len());
    }
    let rates_not_additive = measures
        .lazy()
        .filter(col("type").eq(lit("rate")).and(col("additive")))
        .collect()
        .unwrap();
    assert_eq!(rates_not_additive.height(), 0);

    // A single year has no previous one.
    let deltas = read_df(&dir.join("deltas.parquet"));
    let statuses: BTreeSet<String> = deltas
        .column("status")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .flatten()
        .map(str::to_string)
        .collect();
    assert_eq!(statuses, BTreeSet::from(["none".to_string()]));
    assert_eq!(read_df(&dir.join("findings.parquet")).height(), 0);

    // CSV beside it: BOM, a year column for facts, one line per row.
    let csv = std::fs::read(dir.join("csv/facts.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert!(text.starts_with(
        "year,unit,form,section,row,column,measure,measure_id,kind,value,amount,blank,file,line\r\n"
    ));
    assert_eq!(text.lines().count(), 1 + figures);
    assert!(
        text.contains(",money,,6510.5,"),
        "money as an exact decimal"
    );
    for t in schema::ALL {
        assert!(
            dir.join(format!("csv/{}.csv", t.name)).is_file(),
            "{}",
            t.name
        );
    }
    assert!(xlsx.is_file());

    // With the zeros: every cell of every report, blanks marked, the same sums; the unit
    // deltas of measures that are 0 too. The totals are the same file.
    let all = out.path().join("all");
    let options = Options {
        zeros: true,
        ..Options::default()
    };
    gongkai_export::export(&data.input("兰州市"), &all, &options).unwrap();
    let every = read_df(&all.join("facts/year=2020/part-0.parquet"));
    assert_eq!(every.height(), 20 * 198);
    assert_eq!(sums(&every, "measure"), want);
    let blanks: usize = data
        .reports
        .iter()
        .map(|r| r.blank.iter().filter(|b| **b).count())
        .sum();
    assert!(blanks > 0);
    assert_eq!(
        every.column("blank").unwrap().bool().unwrap().sum(),
        Some(blanks as u32)
    );
    let every_delta = read_df(&all.join("deltas.parquet"));
    let sums_and_cells = every_delta
        .clone()
        .lazy()
        .filter(col("kind").neq(lit("rate")))
        .collect()
        .unwrap();
    let measures = gongkai_form::measures::all(&[FormVersion::F2019]).len();
    assert_eq!(
        sums_and_cells.height(),
        21 * (measures - gongkai_form::measures::RATES.len()),
        "every unit's and the total's every cell and group"
    );
    assert!(
        deltas.height() < every_delta.height() / 2,
        "nine in ten are 0 and 0"
    );
    assert_eq!(
        std::fs::read(all.join("totals.parquet")).unwrap(),
        std::fs::read(dir.join("totals.parquet")).unwrap()
    );
    let every_rate = read_df(&all.join("rates.parquet"));
    assert_eq!(
        every_rate.height(),
        21 * gongkai_form::measures::RATES.len()
    );
    for sum in ["numerator", "denominator"] {
        let total = |df: &DataFrame| df.column(sum).unwrap().i64().unwrap().sum();
        assert_eq!(total(&every_rate), total(&rates), "{sum}");
    }
}

/// Without --name, with --name the registry's root, or with another --name: the batch lies
/// below one root, so level 0 holds one total and summing it gives each figure once.
#[test]
fn level_zero_holds_the_batch_total_once() {
    let data = lanzhou();
    let batch = gongkai_report::arrow::to_record_batch(&data.reports).unwrap();
    let city = gongkai_aggregate::consolidate(&batch, "兰州市").unwrap();
    let want: BTreeMap<String, i128> = FormVersion::F2019
        .catalogue()
        .cells
        .iter()
        .map(|c| (c.code(), i128::from(city[0].values[c.index])))
        .collect();
    let out = tempdir();
    for (name, shown) in [
        (None, "兰州市"),
        (Some("兰州市"), "兰州市"),
        (Some("全市"), "全市"),
    ] {
        let input = Input {
            name,
            ..data.input("")
        };
        let dir = out.path().join("bi");
        let rendered = gongkai_export::export(&input, &dir, &Options::default()).unwrap();
        assert_eq!(rendered.name, shown);
        let totals = read_df(&dir.join("totals.parquet"));
        let level_0 = totals
            .clone()
            .lazy()
            .filter(col("level").eq(lit(0)))
            .collect()
            .unwrap();
        assert_eq!(level_0.height(), 198, "{name:?}: one total at level 0");
        assert_eq!(sums(&level_0, "measure"), want, "{name:?}");
        let names: BTreeSet<String> = totals
            .column("total")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .flatten()
            .map(str::to_string)
            .collect();
        assert_eq!(names, BTreeSet::from([shown.to_string()]), "{name:?}");
    }
}

#[test]
fn files_are_zstd_one_row_group_with_statistics_dictionaries_and_metadata() {
    let data = lanzhou();
    let tmp = tempdir();
    let dir = tmp.path().join("bi");
    let rendered =
        gongkai_export::export(&data.input("兰州市"), &dir, &Options::default()).unwrap();
    for f in rendered
        .files
        .iter()
        .filter(|f| f.path.ends_with(".parquet"))
    {
        let path = dir.join(&f.path);
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", f.path));
        let meta = reader.metadata();
        // One row group; an empty table (no findings) has none, only its schema.
        let rows = f.rows.unwrap_or(0);
        assert_eq!(meta.num_row_groups(), usize::from(rows > 0), "{}", f.path);
        let file_meta = meta.file_metadata();
        assert!(file_meta
            .created_by()
            .is_some_and(|c| c.starts_with("parquet-rs")));
        let kv: BTreeMap<&str, &str> = file_meta
            .key_value_metadata()
            .into_iter()
            .flatten()
            .filter_map(|kv| kv.value.as_deref().map(|v| (kv.key.as_str(), v)))
            .collect();
        assert_eq!(kv["gongkai.version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(kv["gongkai.forms"], "2019");
        assert_eq!(kv["gongkai.name"], "兰州市");
        // The file names its inputs by a digest of the manifest's list (compact JSON).
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
        assert_eq!(
            kv["gongkai.inputs_sha256"],
            gongkai_export::sha256(manifest["inputs"].to_string().as_bytes())
        );
        assert!(
            !kv.contains_key("gongkai.inputs"),
            "no input list in each file"
        );
        let inputs = manifest["inputs"].as_array().unwrap();
        assert_eq!(kv["gongkai.inputs_count"], inputs.len().to_string());
        assert_eq!(inputs.len(), 20);
        for i in inputs {
            let path = i["path"].as_str().unwrap();
            let bytes = std::fs::read(path).unwrap();
            assert_eq!(i["bytes"].as_u64(), Some(bytes.len() as u64));
            assert_eq!(
                i["sha256"].as_str(),
                Some(gongkai_export::sha256(&bytes).as_str())
            );
        }
        if f.path == "rates.parquet" {
            assert_eq!(kv["gongkai.non_additive"], "value");
            assert!(kv["gongkai.description"].contains("NOT ADDITIVE"));
        }
        if rows == 0 {
            continue;
        }
        let rg = meta.row_group(0);
        for c in rg.columns() {
            assert!(
                matches!(c.compression(), parquet::basic::Compression::ZSTD(_)),
                "{}",
                f.path
            );
            assert!(c.statistics().is_some(), "{} {}", f.path, c.column_path());
            let physical = c.column_descr().physical_type();
            if physical == parquet::basic::Type::BYTE_ARRAY {
                assert!(
                    c.dictionary_page_offset().is_some(),
                    "{} {} dictionary-encoded",
                    f.path,
                    c.column_path()
                );
            }
        }
        // No nested or unsigned types.
        for col in meta.file_metadata().schema_descr().columns() {
            assert_eq!(col.max_rep_level(), 0, "{} {}", f.path, col.path());
            assert!(
                !matches!(
                    col.logical_type_ref(),
                    Some(parquet::basic::LogicalType::Integer(i)) if !i.is_signed
                ),
                "{} {} unsigned",
                f.path,
                col.path()
            );
        }
    }
}

/// Every file under `dir`, relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn the_same_inputs_give_byte_identical_exports() {
    let data = lanzhou();
    let out = tempdir();
    let run = |n: u32| {
        let dir = out.path().join(format!("run{n}"));
        let xlsx = out.path().join(format!("run{n}.xlsx"));
        let options = Options {
            csv: true,
            xlsx: Some(xlsx.clone()),
            part_reports: None,
            zeros: false,
        };
        gongkai_export::export(&data.input("兰州市"), &dir, &options).unwrap();
        (tree(&dir), std::fs::read(xlsx).unwrap())
    };
    let (a, xa) = run(1);
    // A pause, so a clock anywhere would show.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (b, xb) = run(2);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(b[k] == *v, "{k} differs between two exports");
    }
    assert!(xa == xb, "the workbook differs between two exports");
    assert!(a.contains_key("manifest.json"));
}

/// The deltas and rates are encoded in parts on every core and joined: parts of one report each
/// (twenty, and the totals in the last) give the same rows in the same order as one part, in as
/// many row groups, each with its page statistics; every other file is the same bytes.
#[test]
fn deltas_and_rates_joined_from_parts_hold_the_same_rows() {
    let data = lanzhou();
    let out = tempdir();
    let run = |part_reports: Option<usize>| {
        let dir = out.path().join(format!("parts-{part_reports:?}"));
        // With the zeros, every unit has rates: a part of one unit is never empty.
        let options = Options {
            csv: true,
            xlsx: None,
            part_reports,
            zeros: true,
        };
        gongkai_export::export(&data.input("兰州市"), &dir, &options).unwrap();
        dir
    };
    let (whole, parted) = (run(None), run(Some(1)));
    let (a, b) = (tree(&whole), tree(&parted));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    assert!(!b.keys().any(|k| k.contains(".parts")), "no part is left");
    for (k, v) in &a {
        let joined = k == "deltas.parquet" || k == "rates.parquet" || k == "manifest.json";
        assert_eq!(b[k] == *v, !joined, "{k}");
    }
    for table in ["deltas", "rates"] {
        let file = format!("{table}.parquet");
        let (one, many) = (read_df(&whole.join(&file)), read_df(&parted.join(&file)));
        assert!(one.height() > 0);
        assert!(one.equals_missing(&many), "{table}: the rows differ");
        let meta = |dir: &Path| {
            SerializedFileReader::new(std::fs::File::open(dir.join(&file)).unwrap())
                .unwrap()
                .metadata()
                .clone()
        };
        assert_eq!(meta(&whole).num_row_groups(), 1, "{table}");
        let groups = meta(&parted).num_row_groups();
        assert_eq!(
            groups, 20,
            "{table}: a group per unit, the totals with the last"
        );
        let kv = |dir: &Path| -> Vec<(String, Option<String>)> {
            meta(dir)
                .file_metadata()
                .key_value_metadata()
                .into_iter()
                .flatten()
                .map(|kv| (kv.key.clone(), kv.value.clone()))
                .collect()
        };
        assert_eq!(
            kv(&whole),
            kv(&parted),
            "{table}: the same key-value metadata"
        );
        // Page statistics survive the join: every group has its column index.
        let file = std::fs::File::open(parted.join(&file)).unwrap();
        let reader = parquet::file::serialized_reader::ReadOptionsBuilder::new()
            .with_page_index()
            .build();
        let indexed = SerializedFileReader::new_with_options(file, reader).unwrap();
        let index = indexed.metadata().page_index().expect("a page index");
        for g in 0..groups {
            assert!(index.column_index(g, 0).is_some(), "{table}: group {g}");
        }
    }
}

#[test]
fn an_export_replaces_an_export_but_never_another_folder() {
    let data = lanzhou();
    let out = tempdir();
    let dir = out.path().join("bi");
    let options = Options::default();
    gongkai_export::export(&data.input("兰州市"), &dir, &options).unwrap();
    std::fs::write(dir.join("stale.txt"), "from an earlier export").unwrap();
    gongkai_export::export(&data.input("兰州市"), &dir, &options).unwrap();
    assert!(
        !dir.join("stale.txt").exists(),
        "the old export is gone whole"
    );
    assert!(dir.join("facts/year=2020/part-0.parquet").is_file());
    let leftovers: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "bi")
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary folders left: {leftovers:?}"
    );

    // A folder of someone's files is refused and left alone.
    let docs = out.path().join("documents");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("report.docx"), "mine").unwrap();
    let err = gongkai_export::export(&data.input("兰州市"), &docs, &options).unwrap_err();
    assert!(
        err.to_string().contains("is not an earlier export"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(docs.join("report.docx")).unwrap(),
        "mine"
    );
    assert_eq!(std::fs::read_dir(&docs).unwrap().count(), 1);
    // So is a file, and an empty folder is fine.
    assert!(
        gongkai_export::export(&data.input("兰州市"), &docs.join("report.docx"), &options).is_err()
    );
    let empty = out.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    gongkai_export::export(&data.input("兰州市"), &empty, &options).unwrap();
    assert!(empty.join("manifest.json").is_file());
}

/// A report of `form` for `unit` and `year`, every cell `f(cell index)`.
fn report(unit: &str, year: i32, form: FormVersion, f: impl Fn(usize) -> i64) -> UnitReport {
    let file = Arc::new(PathBuf::from(format!("{year}/{unit}.csv")));
    let mut r = UnitReport::empty(unit.to_string(), year, form, file, Layout::Tidy);
    for i in 0..form.catalogue().len() {
        r.set(i, Some(f(i)), i as u32 + 2);
    }
    r
}

#[test]
fn years_are_hive_partitions_deltas_compare_and_failing_units_are_exported() {
    // Two units over 2020 (form 2019) and 2021 (form 2021); B's 2021 report breaks R1.
    let zero = |_| 0;
    let cat21 = FormVersion::F2021.catalogue();
    let granted21 = cat21
        .find(Section::Requests, "granted", "total")
        .unwrap()
        .index;
    let cat19 = FormVersion::F2019.catalogue();
    let granted19 = cat19
        .find(Section::Requests, "granted", "total")
        .unwrap()
        .index;
    let reports = vec![
        report("A", 2020, FormVersion::F2019, zero),
        report("B", 2020, FormVersion::F2019, zero),
        report("A", 2021, FormVersion::F2021, zero),
        report("B", 2021, FormVersion::F2021, move |i| {
            i64::from(i == granted21) * 5
        }),
    ];
    let mut data = checked(reports, None, &[]);
    assert!(data.failing.contains(&("B".to_string(), 2021)));
    assert!(!data.findings.is_empty());
    data.reports[0].values[granted19] = 0;
    // B's 2020 report as read from a workbook: its facts name no line, a finding in it its cell.
    let sheet = |row: u32| Place::Sheet {
        sheet: "表1".into(),
        row,
        column: Some(4),
    };
    for i in 0..cat19.len() {
        data.reports[1].source.set_place(i, sheet(i as u32 + 1));
    }
    data.repack();
    let workbook = Arc::new(PathBuf::from("2020/B.xlsx"));
    data.findings.push(
        Finding::error(&workbook, "not a number")
            .place(sheet(31))
            .unit("B", Some(2020)),
    );

    let out = tempdir();
    let dir = out.path().join("x");
    let xlsx = out.path().join("x.xlsx");
    // Every cell and delta, zeros too: the units are all zeros but for one cell.
    let options = Options {
        csv: true,
        xlsx: Some(xlsx.clone()),
        part_reports: None,
        zeros: true,
    };
    let rendered = gongkai_export::export(&data.input("合计"), &dir, &options).unwrap();
    assert_eq!(rendered.years, [2020, 2021]);
    assert_eq!(rendered.forms, [FormVersion::F2019, FormVersion::F2021]);
    assert_eq!(
        read_df(&dir.join("facts/year=2020/part-0.parquet")).height(),
        2 * 198
    );
    assert_eq!(
        read_df(&dir.join("facts/year=2021/part-0.parquet")).height(),
        2 * 200
    );

    let totals = read_df(&dir.join("totals.parquet"));
    let failing = totals
        .clone()
        .lazy()
        .group_by([col("year")])
        .agg([col("failing_units").max(), col("units").max()])
        .sort(["year"], Default::default())
        .collect()
        .unwrap();
    let f: Vec<Option<i32>> = failing
        .column("failing_units")
        .unwrap()
        .i32()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(
        f,
        [Some(0), Some(1)],
        "B's 2021 report fails R1 and is still summed"
    );

    // Deltas across the form change: requests compare, section 二 breaks.
    let deltas = read_df(&dir.join("deltas.parquet"));
    let pick = |unit: &str, measure: &str| -> (String, Option<i64>) {
        let row = deltas
            .clone()
            .lazy()
            .filter(
                col("unit")
                    .eq(lit(unit))
                    .and(col("measure").eq(lit(measure)))
                    .and(col("year").eq(lit(2021))),
            )
            .collect()
            .unwrap();
        assert_eq!(row.height(), 1, "{unit} {measure}");
        (
            row.column("status")
                .unwrap()
                .str()
                .unwrap()
                .get(0)
                .unwrap()
                .to_string(),
            row.column("change_value").unwrap().i64().unwrap().get(0),
        )
    };
    assert_eq!(
        pick("B", "requests.granted.total"),
        ("new".to_string(), Some(5))
    );
    assert_eq!(
        pick("合计", "requests.granted.total"),
        ("new".to_string(), Some(5))
    );
    assert_eq!(
        pick("A", "requests.granted.total"),
        ("compared".to_string(), Some(0))
    );
    assert_eq!(
        pick("A", "active.fees.amount").0,
        "none",
        "2021 fees break the series"
    );

    let findings = read_df(&dir.join("findings.parquet"));
    assert_eq!(findings.height(), data.findings.len());
    let rules: BTreeSet<String> = findings
        .column("rule")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .flatten()
        .map(str::to_string)
        .collect();
    assert!(rules.contains("R2"), "{rules:?}");
    // The place in its columns: the sheet's cell, no line.
    let strs = |name: &str| -> Vec<Option<String>> {
        let c = findings.column(name).unwrap().str().unwrap().clone();
        c.iter().map(|s| s.map(str::to_string)).collect()
    };
    let ints = |name: &str| -> Vec<Option<i32>> {
        let c = findings.column(name).unwrap().i32().unwrap().clone();
        c.iter().collect()
    };
    let at = strs("sheet")
        .iter()
        .position(|s| s.as_deref() == Some("表1"));
    let at = at.expect("the workbook's finding");
    assert_eq!(strs("cell")[at].as_deref(), Some("D31"));
    assert_eq!(
        [ints("row")[at], ints("line")[at], ints("table")[at]],
        [Some(31), None, None]
    );
    assert!(strs("message")[at]
        .as_deref()
        .is_some_and(|m| m.starts_with("2020/B.xlsx[表1]!D31: error: B 2020: ")));
    let facts = read_df(&dir.join("facts/year=2020/part-0.parquet"));
    let units = facts.column("unit").unwrap().str().unwrap().clone();
    let lines = facts.column("line").unwrap().i32().unwrap().clone();
    for (unit, line) in units.iter().zip(lines.iter()) {
        assert_eq!(line.is_none(), unit == Some("B"), "{unit:?} {line:?}");
    }

    // Without a registry every reporting unit, at level 0.
    let units = read_df(&dir.join("units.parquet"));
    assert_eq!(units.height(), 2);
    assert_eq!(units.column("kind").unwrap().null_count(), 2);

    // --from / --to: only 2021, deltas still joined to 2020.
    let only = Input {
        from: Some(2021),
        ..data.input("合计")
    };
    let only_dir = out.path().join("only");
    let r = gongkai_export::export(&only, &only_dir, &Options::default()).unwrap();
    assert_eq!(r.years, [2021]);
    assert!(r.files.iter().all(|f| !f.path.contains("year=2020")));
    let d = read_df(&only_dir.join("deltas.parquet"));
    let years: BTreeSet<i32> = d
        .column("year")
        .unwrap()
        .i32()
        .unwrap()
        .iter()
        .flatten()
        .collect();
    assert_eq!(years, BTreeSet::from([2021]));
    let compared = d
        .lazy()
        .filter(col("status").eq(lit("compared")))
        .collect()
        .unwrap();
    assert!(
        compared.height() > 0,
        "2020 is still the previous year of 2021"
    );

    // The workbook: a sheet per year and the findings, the failing unit named.
    let book = unzip(&xlsx);
    let workbook = &book["xl/workbook.xml"];
    assert!(workbook.contains("name=\"2020年\"") && workbook.contains("name=\"2021年\""));
    assert!(workbook.contains("name=\"Findings\""));
    assert!(book["xl/sharedStrings.xml"].contains("Note: 1 of them fails rules"));
}

/// The text entries of a zip file.
fn unzip(path: &Path) -> BTreeMap<String, String> {
    let mut z = ::zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut s = String::new();
        if f.read_to_string(&mut s).is_ok() {
            out.insert(f.name().unwrap().to_string(), s);
        }
    }
    out
}

#[test]
fn the_workbook_lays_out_the_official_tables_from_the_catalogue() {
    let data = lanzhou();
    let out = tempdir();
    let xlsx = out.path().join("t.xlsx");
    let options = Options {
        csv: false,
        xlsx: Some(xlsx.clone()),
        part_reports: None,
        zeros: false,
    };
    gongkai_export::export(&data.input("兰州市"), &out.path().join("bi"), &options).unwrap();
    let book = unzip(&xlsx);
    let strings = &book["xl/sharedStrings.xml"];
    // Every label of the form, as the catalogue has it.
    let cat = FormVersion::F2019.catalogue();
    for cell in &cat.cells {
        for part in cell.row.path {
            assert!(strings.contains(part), "row label {part}");
        }
        assert!(strings.contains(cell.column.label), "{}", cell.column.label);
    }
    for s in Section::ALL {
        assert!(strings.contains(s.heading()));
    }
    assert!(strings.contains("兰州市 2020年 政府信息公开工作年度报告统计表"));
    let sheet = &book["xl/worksheets/sheet1.xml"];
    // Merged headers: the 法人或其他组织 group, 三、本年度办理结果 down its rows, 行政诉讼 over ten.
    let merges = sheet.matches("<mergeCell ").count();
    assert!(merges > 40, "{merges} merged ranges");
    // The published figures, e.g. 采购总金额 278800 万元 and 总计 357.
    assert!(sheet.contains("<v>278800</v>"));
    assert!(sheet.contains("<v>357</v>"));
    // A fixed creation date: no clock.
    assert!(book["docProps/core.xml"].contains("2021-01-01T00:00:00Z"));
}

#[test]
fn docs_document_every_column() {
    let docs = std::fs::read_to_string(root().join("docs/export.md")).unwrap();
    let tables = schema::markdown();
    assert!(
        docs.contains(&tables),
        "docs/export.md's column tables are out of date; paste gongkai_export::schema::markdown():\n{tables}"
    );
}
