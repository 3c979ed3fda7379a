//! Export for BI tools: checked unit reports, their totals, year-over-year changes, rates and
//! findings as Parquet files (plus BOM-CSV and an Excel workbook on request).
//!
//! Layers, lowest first: [`schema`] (the tables' columns, as data) → `rows` → `tables` (Arrow
//! batches) → `parquet_out` · `parts` · `csv_out` · `xlsx` (encoders) → [`dir`] (the folder,
//! atomically).
//!
//! ```text
//! OUT/manifest.json                      what was read (size, sha256) and written
//! OUT/facts/year=YYYY/part-0.parquet     one row per unit, cell (hive partition by year)
//! OUT/units.parquet  measures.parquet  totals.parquet  deltas.parquet  rates.parquet  findings.parquet
//! OUT/csv/*.csv                          the same tables, UTF-8 with BOM (with --csv)
//! ```
//!
//! The reports come packed ([`KeptReport`]) and the totals as the batch was summed while it was
//! read, so an export holds no table of every report: the work is cut into parts ([`Part`]: a
//! year's facts, a run of units' deltas and rates, the totals' table) done on every core, each
//! encoded a batch at a time straight to its file; the parts of one table are joined into its
//! file by copying their column chunks (`parts`). Tables are Arrow record batches written by
//! arrow-rs' `parquet` crate: flat columns, zstd, page statistics, dictionary-encoded, a row group per
//! [`ROW_GROUP_ROWS`] rows, counts `Int64`, money `Decimal(18, 6)` in 万元. Every file carries the
//! tool version, the form versions and a digest of the input manifest (`manifest.json` lists the
//! inputs) in its key-value metadata. Output is a function of the input alone (no clock), so
//! exporting the same inputs twice gives the same bytes; the folder appears in one step
//! ([`dir`]), never half-written.

pub mod dir;
pub mod schema;

mod columns;
mod csv_out;
mod parquet_out;
mod parts;
mod rows;
mod tables;
mod xlsx;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::record_batch::RecordBatch;
use gongkai_aggregate::Total;
use gongkai_form::FormVersion;
use gongkai_report::{Finding, KeptReport, Registry};
use rayon::prelude::*;
use serde_json::json;
use sha2::{Digest, Sha256};

pub use dir::{Staging, Written};
pub use parquet_out::ROW_GROUP_ROWS;
pub use schema::{ColType, ColumnSpec, TableSpec};
pub use tables::{measure_id, single_root, whole_name, Batch, Part, DEFAULT_NAME};

/// The name to sum a batch's total under when `--name` is not given: no unit is called so, and
/// the export names the total once the reports are read ([`whole_name`]).
pub const UNNAMED: &str = "\u{1}batch";

/// The version written into every file.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why an export failed. Nothing is left at the destination when it does.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Aggregate(#[from] gongkai_aggregate::AggregateError),
    #[error("arrow: {0}")]
    Arrow(#[from] arrow::error::ArrowError),
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write to {}: {reason}", path.display())]
    Output { path: PathBuf, reason: String },
    #[error(
        "{table}.{column}: {value} 万元 is past what Decimal(18, 6) holds (10¹² 万元); \
         is the amount right?"
    )]
    MoneyOutOfRange {
        table: &'static str,
        column: &'static str,
        value: String,
    },
    #[error("internal: {0}")]
    Internal(String),
}

/// One input file of the manifest: path as given, size and SHA-256 of its bytes. Serialised
/// with its fields in name order, as the manifest's other objects are, the digest in hex. Kept
/// as 48 bytes, the path shared with the batch read: a national batch has half a million inputs
/// (as strings they were 90 MB of an export's peak).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub bytes: u64,
    pub path: Arc<PathBuf>,
    pub sha256: [u8; 32],
}

impl serde::Serialize for InputFile {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        /// Serialised as text without a string made for it.
        struct Shown<T>(T);
        impl<T: std::fmt::Display> serde::Serialize for Shown<T> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(&self.0)
            }
        }
        let mut st = s.serialize_struct("InputFile", 3)?;
        st.serialize_field("bytes", &self.bytes)?;
        st.serialize_field("path", &Shown(self.path.display()))?;
        let mut digits = [0u8; 64];
        hex_into(&self.sha256, &mut digits);
        st.serialize_field("sha256", std::str::from_utf8(&digits).unwrap_or_default())?;
        st.end()
    }
}

impl InputFile {
    /// A file hashed as it was read: `bytes` long, with SHA-256 `sha256`.
    pub fn hashed(path: Arc<PathBuf>, bytes: u64, sha256: [u8; 32]) -> InputFile {
        InputFile {
            path,
            bytes,
            sha256,
        }
    }

    /// A file read and hashed now.
    pub fn read(path: &Path) -> Result<InputFile, ExportError> {
        let err = |source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut file = std::fs::File::open(path).map_err(err)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        let mut bytes = 0u64;
        loop {
            let n = file.read(&mut buf).map_err(err)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            bytes += n as u64;
        }
        Ok(InputFile {
            path: Arc::new(path.to_path_buf()),
            bytes,
            sha256: hasher.finalize().into(),
        })
    }
}

/// Hashes what is written to it.
struct HashWriter(Sha256);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Lowercase hexadecimal, two digits a byte (a `format!` a byte was a thirtieth of a national
/// export, for the manifest's half a million digests).
fn hex(bytes: &[u8]) -> String {
    let mut out = vec![0u8; bytes.len() * 2];
    hex_into(bytes, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`hex`] into `out`, two digits a byte of `bytes`.
fn hex_into(bytes: &[u8], out: &mut [u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (pair, b) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(b >> 4)];
        pair[1] = DIGITS[usize::from(b & 15)];
    }
}

/// The SHA-256 of `bytes`, in hex.
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// What to export.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The name of the total (`--name`); `None`: the registry's root when every unit lies below
    /// it, else [`DEFAULT_NAME`] ([`whole_name`]).
    pub name: Option<&'a str>,
    /// Every accepted report read, all years, packed: the year before `from` still serves as
    /// the previous year of deltas.
    pub reports: &'a [KeptReport],
    /// Every year's totals as the batch was read and summed (`gongkai_aggregate::Ledger`): the
    /// batch's, named `summed_as`, and with a registry every group's.
    pub totals: &'a [Total],
    /// The name the batch's total carries in `totals` ([`UNNAMED`] when `name` is not known
    /// before the reports are read); it is exported under [`whole_name`].
    pub summed_as: &'a str,
    pub registry: Option<&'a Registry>,
    /// The validation findings, in their order: the entries `validate --format json` prints.
    pub findings: &'a [Finding],
    /// Unit reports with rule errors, `(unit, year)`: counted per total, named in the workbook.
    pub failing: &'a BTreeSet<(String, i32)>,
    /// The report years exported (facts, totals, rates, deltas, findings), inclusive.
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// The input manifest.
    pub inputs: &'a [InputFile],
}

impl Input<'_> {
    /// Whether report year `year` is exported (`from..=to`).
    pub fn in_range(&self, year: i32) -> bool {
        self.from.is_none_or(|f| year >= f) && self.to.is_none_or(|t| year <= t)
    }

    /// The findings of the exported years, and those without a year.
    fn findings_in_range(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.year.is_none_or(|y| self.in_range(y)))
    }
}

/// What to write besides the Parquet files.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `csv/NAME.csv` for every table, UTF-8 with BOM.
    pub csv: bool,
    /// The workbook: a sheet per year with the official tables, and the findings.
    pub xlsx: Option<PathBuf>,
    /// Reports per part of the deltas and rates ([`Part`]; default 16,384). The rows are the same
    /// whatever it is; only the files' row groups differ.
    pub part_reports: Option<usize>,
    /// Write a row for every cell a unit filled with 0 (facts) and every unit measure that is 0
    /// in both years (deltas). Off: those rows are left out, as nine in ten facts and unit
    /// deltas are such zeros; sums, counts of units reporting a figure and the totals' tables
    /// are the same either way.
    pub zeros: bool,
}

/// An export as written: the folder's files (manifest last) and the workbook.
#[derive(Debug)]
pub struct Rendered {
    /// The name the batch's total was written under.
    pub name: String,
    pub files: Vec<Written>,
    pub xlsx: Option<Vec<u8>>,
    pub years: Vec<i32>,
    pub forms: Vec<FormVersion>,
}

/// Columns that must never be summed, per table, for the file metadata.
fn non_additive(table: &str) -> Option<&'static str> {
    match table {
        "rates" => Some("value"),
        "deltas" => Some("rate,previous_rate,change_rate,change_pct"),
        _ => None,
    }
}

/// What one [`Part`] wrote: a year's facts file, or parts of the deltas and rates (and the
/// totals' file), each with its rows and the batches kept for a CSV copy.
#[derive(Default)]
struct PartOut {
    facts: Option<(Written, Vec<RecordBatch>)>,
    totals: Option<(Written, Vec<RecordBatch>)>,
    deltas: Option<(PathBuf, usize, Vec<RecordBatch>)>,
    rates: Option<(PathBuf, usize, Vec<RecordBatch>)>,
    whole: Option<(&'static str, Written, Vec<RecordBatch>)>,
}

/// Writes every table of the export into `staging`, as it is built: every part of the work
/// ([`Batch::parts`]: a year's facts, a run of units' deltas and rates, the totals) on any core,
/// each encoded straight to disk; the parts of the deltas and of the rates are then joined into
/// their one file each ([`parts::join`]).
fn render(
    input: &Input,
    options: &Options,
    staging: &mut Staging,
) -> Result<Rendered, ExportError> {
    let batch = Batch::new(input, options.zeros);
    let forms: Vec<&str> = batch.forms.iter().map(|f| f.code()).collect();
    let years: Vec<String> = batch.years.iter().map(ToString::to_string).collect();
    // Each file names its inputs by a digest of the manifest's list (compact JSON), not the list
    // itself: the list is 1.3 MB at 10,000 inputs, and was written into every file.
    let inputs_digest = {
        let mut hasher = HashWriter(Sha256::new());
        serde_json::to_writer(&mut hasher, input.inputs)
            .map_err(|e| ExportError::Internal(e.to_string()))?;
        hex(&hasher.0.finalize())
    };
    let metadata = |spec: &TableSpec, year: Option<i32>| -> Vec<(String, String)> {
        let mut kv = vec![
            ("gongkai.version".to_string(), VERSION.to_string()),
            ("gongkai.table".to_string(), spec.name.to_string()),
            ("gongkai.description".to_string(), spec.doc.to_string()),
            ("gongkai.columns".to_string(), spec.columns_json()),
            ("gongkai.name".to_string(), batch.name.to_string()),
            ("gongkai.forms".to_string(), forms.join(",")),
            ("gongkai.years".to_string(), years.join(",")),
            ("gongkai.inputs_sha256".to_string(), inputs_digest.clone()),
            (
                "gongkai.inputs_count".to_string(),
                input.inputs.len().to_string(),
            ),
        ];
        if let Some(y) = year {
            kv.push(("gongkai.year".to_string(), y.to_string()));
        }
        if let Some(cols) = non_additive(spec.name) {
            kv.push(("gongkai.non_additive".to_string(), cols.to_string()));
        }
        kv
    };

    // The folders' files (a year's facts, the totals) are made here, in the parts' order; a part
    // of the deltas and rates opens its scratch files itself, so only the running parts' files
    // are open at once (a batch ten times the national one has some 600 parts). The parts run on
    // every core, and their results come back in their order.
    let keep = options.csv;
    let parts = batch.parts(options.part_reports.unwrap_or(tables::PART_REPORTS));
    let mut jobs = Vec::new();
    for (i, part) in parts.iter().cloned().enumerate() {
        let sinks = match &part {
            Part::Facts(year) => {
                vec![staging.create(&format!("facts/year={year}/part-0.parquet"))?]
            }
            Part::Units { .. } => Vec::new(),
            Part::Totals => vec![staging.create(&format!("{}.parquet", schema::TOTALS.name))?],
            Part::Whole(spec) => vec![staging.create(&format!("{}.parquet", spec.name))?],
        };
        jobs.push((i, part, sinks));
    }
    let scratch = &*staging;
    let parted =
        |stream: tables::Stream| -> Result<(PathBuf, usize, Vec<RecordBatch>), ExportError> {
            let (sink, rows, kept) = stream.finish(Vec::new())?;
            let path = sink.path().to_path_buf();
            sink.close(None)?;
            Ok((path, rows, kept))
        };
    let outs: Vec<PartOut> = jobs
        .into_par_iter()
        .map(|(i, part, sinks)| -> Result<PartOut, ExportError> {
            let mut sinks = sinks.into_iter();
            let mut next = |spec: &'static TableSpec| -> Result<tables::Stream, ExportError> {
                let sink = sinks
                    .next()
                    .ok_or_else(|| ExportError::Internal(format!("{}: no file", spec.name)))?;
                tables::Stream::new(spec, keep, sink)
            };
            let mut out = PartOut::default();
            match part {
                Part::Facts(year) => {
                    let mut facts = next(&schema::FACTS)?;
                    batch.facts_part(year, &mut facts)?;
                    let (sink, rows, kept) = facts.finish(metadata(&schema::FACTS, Some(year)))?;
                    out.facts = Some((sink.close(Some(rows))?, kept));
                }
                Part::Units { range, totals } => {
                    let part_file = |spec: &'static TableSpec| {
                        let name = format!("{}-{i:05}.parquet", spec.name);
                        tables::Stream::new(spec, keep, scratch.scratch(&name)?)
                    };
                    let (mut deltas, mut rates) =
                        (part_file(&schema::DELTAS)?, part_file(&schema::RATES)?);
                    batch.units_part(range, totals, &mut deltas, &mut rates)?;
                    out.deltas = Some(parted(deltas)?);
                    out.rates = Some(parted(rates)?);
                }
                Part::Totals => {
                    let mut table = next(&schema::TOTALS)?;
                    batch.totals_table(&mut table)?;
                    let (sink, rows, kept) = table.finish(metadata(&schema::TOTALS, None))?;
                    out.totals = Some((sink.close(Some(rows))?, kept));
                }
                Part::Whole(spec) => {
                    let mut table = next(spec)?;
                    match spec.name {
                        n if n == schema::UNITS.name => batch.units_table(&mut table)?,
                        n if n == schema::MEASURES.name => tables::measures_table(&mut table)?,
                        _ => tables::findings(input, &mut table)?,
                    }
                    let (sink, rows, kept) = table.finish(metadata(spec, None))?;
                    out.whole = Some((spec.name, sink.close(Some(rows))?, kept));
                }
            }
            Ok(out)
        })
        .collect::<Result<_, _>>()?;

    // Listed in a fixed order: the years' facts, then the other tables as `schema::ALL` has
    // them, then the CSV copies.
    let mut kept_facts: Vec<(i32, Vec<RecordBatch>)> = Vec::new();
    let mut kept: BTreeMap<&str, Vec<RecordBatch>> = BTreeMap::new();
    let mut part_files: BTreeMap<&str, (Vec<PathBuf>, usize)> = BTreeMap::new();
    let mut totals_file = None;
    let mut whole_files: BTreeMap<&str, Written> = BTreeMap::new();
    for (out, part) in outs.into_iter().zip(&parts) {
        if let (Some((written, batches)), Part::Facts(year)) = (out.facts, part) {
            staging.files.push(written);
            kept_facts.push((*year, batches));
        }
        for (table, part) in [
            (schema::DELTAS.name, out.deltas),
            (schema::RATES.name, out.rates),
        ] {
            if let Some((path, rows, batches)) = part {
                let entry = part_files.entry(table).or_default();
                entry.0.push(path);
                entry.1 += rows;
                kept.entry(table).or_default().extend(batches);
            }
        }
        if let Some((written, batches)) = out.totals {
            totals_file = Some(written);
            kept.insert(schema::TOTALS.name, batches);
        }
        if let Some((name, written, batches)) = out.whole {
            whole_files.insert(name, written);
            kept.insert(name, batches);
        }
    }
    for spec in schema::ALL.iter().filter(|s| s.name != schema::FACTS.name) {
        if let Some(written) = whole_files.remove(spec.name) {
            staging.files.push(written);
        } else if spec.name == schema::TOTALS.name {
            let written = totals_file
                .take()
                .ok_or_else(|| ExportError::Internal("totals: not written".to_string()))?;
            staging.files.push(written);
        } else {
            let (paths, rows) = part_files
                .remove(spec.name)
                .ok_or_else(|| ExportError::Internal(format!("{}: no parts", spec.name)))?;
            let sink = staging.create(&format!("{}.parquet", spec.name))?;
            let written = parts::join(&paths, sink, metadata(spec, None))?.close(Some(rows))?;
            staging.files.push(written);
        }
    }
    staging.clear_scratch()?;
    if options.csv {
        let facts: Vec<(Option<String>, &RecordBatch)> = kept_facts
            .iter()
            .flat_map(|(y, batches)| batches.iter().map(move |b| (Some(y.to_string()), b)))
            .collect();
        let empty = RecordBatch::new_empty(schema::FACTS.schema());
        let facts = if facts.is_empty() {
            vec![(None, &empty)]
        } else {
            facts
        };
        let rows = facts.iter().map(|(_, b)| b.num_rows()).sum();
        staging.add(
            "csv/facts.csv",
            &csv_out::write(Some("year"), &facts)?,
            Some(rows),
        )?;
        for spec in schema::ALL.iter().filter(|s| s.name != schema::FACTS.name) {
            let empty = RecordBatch::new_empty(spec.schema());
            let batches: Vec<(Option<String>, &RecordBatch)> = match kept.get(spec.name) {
                Some(b) if !b.is_empty() => b.iter().map(|b| (None, b)).collect(),
                _ => vec![(None, &empty)],
            };
            let rows = batches.iter().map(|(_, b)| b.num_rows()).sum();
            staging.add(
                &format!("csv/{}.csv", spec.name),
                &csv_out::write(None, &batches)?,
                Some(rows),
            )?;
        }
    }
    let (errors, warnings) =
        input.findings_in_range().fold(
            (0, 0),
            |(e, w), f| {
                if f.is_error() {
                    (e + 1, w)
                } else {
                    (e, w + 1)
                }
            },
        );
    // Listed in the order closed: the years' facts, the other tables, the CSV copies.
    let listed = &staging.files;
    // Keys in name order, as before the list of inputs was streamed (half a million entries
    // at national scale: written as they are serialised, never held as text).
    #[derive(serde::Serialize)]
    struct Manifest<'a> {
        files: Vec<serde_json::Value>,
        findings: serde_json::Value,
        forms: &'a [&'a str],
        inputs: &'a [InputFile],
        name: &'a str,
        tool: &'a str,
        version: &'a str,
        years: &'a [i32],
    }
    let manifest = Manifest {
        files: listed
            .iter()
            .map(|f| {
                json!({
                    "path": f.path, "bytes": f.bytes, "rows": f.rows, "sha256": f.sha256,
                })
            })
            .collect(),
        findings: json!({"errors": errors, "warnings": warnings}),
        forms: &forms,
        inputs: input.inputs,
        name: batch.name,
        tool: "gongkai",
        version: VERSION,
        years: &batch.years,
    };
    let mut sink = staging.create(dir::MANIFEST)?;
    serde_json::to_writer_pretty(&mut sink, &manifest)
        .map_err(|e| ExportError::Internal(e.to_string()))?;
    std::io::Write::write_all(&mut sink, b"\n").map_err(|source| ExportError::Io {
        path: PathBuf::from(dir::MANIFEST),
        source,
    })?;
    let written = sink.close(None)?;
    staging.files.push(written);
    let failing = |unit: &str, year: i32| input.failing.contains(&(unit.to_string(), year));
    let xlsx = match &options.xlsx {
        Some(_) => {
            let findings: Vec<&Finding> = input.findings_in_range().collect();
            Some(xlsx::write(
                &batch.grand_totals(),
                &findings,
                &failing,
                &[],
            )?)
        }
        None => None,
    };
    Ok(Rendered {
        name: batch.name.to_string(),
        files: Vec::new(),
        xlsx,
        years: batch.years.clone(),
        forms: batch.forms.clone(),
    })
}

/// The official tables of `totals` as a workbook (a sheet per total), with `notes` on what they
/// rest on (a sheet of their own, when there are any) and the findings: what
/// `consolidate -o totals.xlsx` writes.
pub fn workbook(
    totals: &[gongkai_aggregate::Total],
    findings: &[&Finding],
    failing: &BTreeSet<(String, i32)>,
    notes: &[String],
) -> Result<Vec<u8>, ExportError> {
    let failing = |unit: &str, year: i32| failing.contains(&(unit.to_string(), year));
    Ok(xlsx::write(totals, findings, &failing, notes)?)
}

/// Writes the export: the folder `out` in one step (replacing an earlier export there, refusing
/// any other existing folder), then the workbook, also atomically.
pub fn export(input: &Input, out: &Path, options: &Options) -> Result<Rendered, ExportError> {
    // The files in the order written: as the manifest lists them, the manifest last.
    let rendered = dir::fill(out, |staging| {
        let mut rendered = render(input, options, staging)?;
        rendered.files = std::mem::take(&mut staging.files);
        Ok(rendered)
    })?;
    if let (Some(path), Some(bytes)) = (&options.xlsx, &rendered.xlsx) {
        dir::write_file(path, bytes)?;
    }
    Ok(rendered)
}

#[cfg(test)]
mod tests {
    #[test]
    fn digests_are_lowercase_hex_sha256() {
        assert_eq!(
            super::sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(super::hex(&[0, 9, 10, 255]), "00090aff");
    }
}
