//! `manifest.json`: what was generated and every injected defect with the findings it must
//! cause, so a run of `validate` can be scored against it. Written last: a folder without it is
//! an interrupted run.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The `generator` field that marks a folder as this program's output.
pub const GENERATOR: &str = "gongkai generate";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub generator: String,
    pub version: String,
    pub seed: u64,
    /// Reporting units.
    pub units: usize,
    pub years: Vec<i32>,
    pub layout: String,
    /// The defect rate asked for.
    pub errors: f64,
    /// Grid files shaped as units' own tools save them (`--variety`); absent in manifests
    /// written before there was a variety.
    #[serde(default)]
    pub variety: bool,
    pub counts: Counts,
    /// Sorted by year, then unit id.
    pub defects: Vec<DefectRecord>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Rows of `units.csv`: the reporting units and the provinces and cities above them.
    pub registry_units: usize,
    /// Reporting units by registry kind.
    pub units_by_kind: BTreeMap<String, usize>,
    /// Units created (registry `from`) or dissolved (`to`) inside the range.
    pub created: usize,
    pub dissolved: usize,
    /// Reports due (one per unit and year it exists), written or planned missing.
    pub reports: usize,
    /// Unit files written.
    pub files: usize,
    /// Bytes of the unit files and `units.csv`.
    pub bytes: u64,
    /// Files by encoding: `utf-8`, `utf-8-bom`, `gb18030`.
    pub encodings: BTreeMap<String, usize>,
    /// Zero cells written blank (grid only).
    pub blank_cells: usize,
    pub defects: usize,
    pub defects_by_kind: BTreeMap<String, usize>,
}

/// One injected defect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefectRecord {
    pub unit: String,
    pub id: String,
    pub year: i32,
    /// The file, relative to the output folder; none for a missing report.
    pub file: Option<String>,
    pub kind: String,
    /// `section.row.column` of the broken cell (none for a copy or a missing report).
    pub cell: Option<String>,
    /// The text written in the cell instead of its number.
    pub text: Option<String>,
    /// The finding `validate` must report for this unit and year: a rule id, `input` or
    /// `coverage`.
    pub rule: String,
    pub level: String,
    /// Every finding `validate` reports for this unit and year (the rule above among them): a
    /// broken total also breaks the balance it is part of.
    pub expected: Vec<ExpectedFinding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedFinding {
    pub rule: String,
    pub level: String,
}
