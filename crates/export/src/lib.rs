//! Export for BI tools: checked unit reports, their totals, year-over-year changes, rates and
//! findings as Parquet files (plus BOM-CSV and an Excel workbook on request).
//!
//! Layers, lowest first: [`schema`] (the tables' columns, as data) → `rows` → `tables` (Arrow
//! batches) → `parquet_out` · `csv_out` · `xlsx` (encoders) → [`dir`] (the folder, atomically).
//!
//! ```text
//! OUT/manifest.json                      what was read (size, sha256) and written
//! OUT/facts/year=YYYY/part-0.parquet     one row per unit, cell (hive partition by year)
//! OUT/units.parquet  measures.parquet  totals.parquet  deltas.parquet  rates.parquet  findings.parquet
//! OUT/csv/*.csv                          the same tables, UTF-8 with BOM (with --csv)
//! ```
//!
//! The data is already Arrow ([`gongkai_report::arrow`]); the tables are Arrow record batches
//! written by arrow-rs' `parquet` crate: flat columns, zstd, page statistics, dictionary-encoded,
//! a row group per [`ROW_GROUP_ROWS`] rows (the deltas, a row per report and measure, encoded as they
//! are built), counts `Int64`, money `Decimal(18, 6)` in 万元. Every file carries the
//! tool version, the form versions and the input manifest in its key-value metadata. Output is a
//! function of the input alone (no clock), so exporting the same inputs twice gives the same
//! bytes; the folder appears in one step ([`dir`]), never half-written.

pub mod dir;
pub mod schema;

mod csv_out;
mod parquet_out;
mod rows;
mod tables;
mod xlsx;

use std::collections::BTreeSet;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use gongkai_form::FormVersion;
use gongkai_report::{Finding, Registry, UnitReport};
use serde_json::json;
use sha2::{Digest, Sha256};

pub use parquet_out::ROW_GROUP_ROWS;
pub use schema::{ColType, ColumnSpec, TableSpec};
pub use tables::{build, measure_id, single_root, whole_name, Tables, DEFAULT_NAME};

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

/// One input file of the manifest: path as given, size and SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

impl InputFile {
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
            path: path.display().to_string(),
            bytes,
            sha256: hex(&hasher.finalize()),
        })
    }

    fn json(&self) -> serde_json::Value {
        json!({"path": self.path, "bytes": self.bytes, "sha256": self.sha256})
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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
    /// Every accepted report read, all years: the year before `from` still serves as the
    /// previous year of deltas.
    pub reports: &'a [UnitReport],
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
}

/// One file of an export, relative to its root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// `/`-separated: `facts/year=2020/part-0.parquet`.
    pub path: String,
    pub bytes: Vec<u8>,
    /// Rows of the table it holds (not for the manifest).
    pub rows: Option<usize>,
}

/// An export in memory: the folder's files (manifest last) and the workbook.
#[derive(Debug)]
pub struct Rendered {
    /// The name the batch's total was written under.
    pub name: String,
    pub files: Vec<File>,
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

/// Builds every table and file of the export in memory.
pub fn render(input: &Input, options: &Options) -> Result<Rendered, ExportError> {
    let mut tables = build(input, options.csv)?;
    let forms: Vec<&str> = tables.forms.iter().map(|f| f.code()).collect();
    let years: Vec<String> = tables.years.iter().map(ToString::to_string).collect();
    let inputs = serde_json::Value::Array(input.inputs.iter().map(InputFile::json).collect());
    // Each file names its inputs by a digest of the manifest's list, not the list itself: the
    // list is 1.3 MB at 10,000 inputs, and was written into every file.
    let inputs_digest = sha256(inputs.to_string().as_bytes());
    let metadata = |spec: &TableSpec, year: Option<i32>| -> Vec<(String, String)> {
        let mut kv = vec![
            ("gongkai.version".to_string(), VERSION.to_string()),
            ("gongkai.table".to_string(), spec.name.to_string()),
            ("gongkai.description".to_string(), spec.doc.to_string()),
            ("gongkai.columns".to_string(), spec.columns_json()),
            ("gongkai.name".to_string(), tables.name.clone()),
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

    let mut files = Vec::new();
    // A year's facts are built, encoded and let go before the next year's: only the CSV, which
    // is one file over all years, keeps them.
    let mut kept_facts: Vec<(i32, arrow::record_batch::RecordBatch)> = Vec::new();
    for &year in &tables.years {
        let batch = tables::facts(
            input
                .reports
                .iter()
                .filter(|r| r.year == year && input.in_range(r.year)),
        )?;
        files.push(File {
            path: format!("facts/year={year}/part-0.parquet"),
            bytes: parquet_out::write(&batch, metadata(&schema::FACTS, Some(year)))?,
            rows: Some(batch.num_rows()),
        });
        if options.csv {
            kept_facts.push((year, batch));
        }
    }
    let mut streamed = tables.deltas.parquet.take();
    for (spec, batch) in tables.others() {
        let (bytes, rows) = match batch {
            Some(batch) => (
                parquet_out::write(batch, metadata(spec, None))?,
                batch.num_rows(),
            ),
            None => match streamed.take() {
                Some(encoder) => (encoder.finish(metadata(spec, None))?, tables.deltas.rows),
                None => {
                    return Err(ExportError::Internal(format!(
                        "{}: written twice",
                        spec.name
                    )))
                }
            },
        };
        files.push(File {
            path: format!("{}.parquet", spec.name),
            bytes,
            rows: Some(rows),
        });
    }
    if options.csv {
        let facts: Vec<(Option<String>, &arrow::record_batch::RecordBatch)> = kept_facts
            .iter()
            .map(|(y, b)| (Some(y.to_string()), b))
            .collect();
        let header_only = schema::FACTS.schema();
        let empty = arrow::record_batch::RecordBatch::new_empty(header_only);
        let facts = if facts.is_empty() {
            vec![(None, &empty)]
        } else {
            facts
        };
        files.push(File {
            path: "csv/facts.csv".to_string(),
            bytes: csv_out::write(Some("year"), &facts)?,
            rows: Some(kept_facts.iter().map(|(_, b)| b.num_rows()).sum()),
        });
        for (spec, batch) in tables.others() {
            let batches: Vec<(Option<String>, &arrow::record_batch::RecordBatch)> = match batch {
                Some(batch) => vec![(None, batch)],
                None => tables.deltas.kept.iter().map(|b| (None, b)).collect(),
            };
            files.push(File {
                path: format!("csv/{}.csv", spec.name),
                bytes: csv_out::write(None, &batches)?,
                rows: Some(batches.iter().map(|(_, b)| b.num_rows()).sum()),
            });
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
    let manifest = json!({
        "tool": "gongkai",
        "version": VERSION,
        "name": tables.name,
        "years": tables.years,
        "forms": forms,
        "findings": {"errors": errors, "warnings": warnings},
        "inputs": inputs,
        "files": files.iter().map(|f| json!({
            "path": f.path, "bytes": f.bytes.len(), "rows": f.rows, "sha256": sha256(&f.bytes),
        })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&manifest)
        .map_err(|e| ExportError::Internal(e.to_string()))?;
    text.push('\n');
    files.push(File {
        path: dir::MANIFEST.to_string(),
        bytes: text.into_bytes(),
        rows: None,
    });
    let failing = |unit: &str, year: i32| input.failing.contains(&(unit.to_string(), year));
    let xlsx = match &options.xlsx {
        Some(_) => {
            let findings: Vec<&Finding> = input.findings_in_range().collect();
            Some(xlsx::write(&tables.grand_totals, &findings, &failing, &[])?)
        }
        None => None,
    };
    Ok(Rendered {
        name: tables.name.clone(),
        files,
        xlsx,
        years: tables.years,
        forms: tables.forms,
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

/// Renders the export and writes it: the folder `out` in one step (replacing an earlier export
/// there, refusing any other existing folder), then the workbook, also atomically.
pub fn export(input: &Input, out: &Path, options: &Options) -> Result<Rendered, ExportError> {
    if !dir::replaceable(out)? {
        return Err(ExportError::Output {
            path: out.to_path_buf(),
            reason: format!(
                "it exists and is not an earlier export (no {} of gongkai); choose a new or \
                 empty folder",
                dir::MANIFEST
            ),
        });
    }
    let rendered = render(input, options)?;
    let files: Vec<(&str, &[u8])> = rendered
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect();
    dir::write(out, &files)?;
    if let (Some(path), Some(bytes)) = (&options.xlsx, &rendered.xlsx) {
        dir::write_file(path, bytes)?;
    }
    Ok(rendered)
}
