//! Synthetic 政府信息公开工作年度报告 data with known defects (`gongkai generate`), and the
//! Lanzhou sample in `data/lanzhou` ([`lanzhou`]): the published 2020 totals split over invented units.
//!
//! Layers, lowest first: `rng` · `names` · `cells` → `defects` → `units` → `model` → `manifest`
//! → `write`; [`lanzhou`] on top of them.
//!
//! A registry of units (provinces → cities → districts and counties → departments and townships),
//! one report per unit and year with the chains between years intact, written exactly as the
//! readers of `gongkai-ingest` read them, and optionally a known set of injected defects listed
//! in a manifest, so `validate` can be scored against it.
//!
//! Everything is a function of the seed: each unit draws from its own stream derived from
//! (seed, unit), never from shared state, so the files are byte-identical whatever the number of
//! threads.

mod cells;
mod defects;
pub mod lanzhou;
mod manifest;
mod model;
mod names;
mod rng;
mod units;
mod write;

use std::fmt;
use std::path::PathBuf;

pub use defects::DefectKind;
pub use manifest::{Counts, DefectRecord, ExpectedFinding, Manifest, GENERATOR};
pub use model::{generate_unit, GeneratedReport, GeneratedUnit, Injected};
pub use units::{Plan, PlannedUnit, Role};
pub use write::{
    file_path, is_generated, registry_text, render, write, Blanks, Encoding, FileStyle, Summary,
};

/// How the unit files are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileLayout {
    /// The official form grid, as units fill it in (some GB18030 or with a BOM, some zeros blank).
    Grid,
    /// The tidy interchange CSV, UTF-8.
    Tidy,
    /// The form as an Excel workbook (`.xlsx`), one per report, filled in as units fill the
    /// template: the grid's blanks, numbers as numbers. No injected defects (see
    /// [`SynthError::WorkbookDefects`]).
    Workbook,
}

impl FileLayout {
    pub fn code(self) -> &'static str {
        match self {
            FileLayout::Grid => "grid",
            FileLayout::Tidy => "tidy",
            FileLayout::Workbook => "workbook",
        }
    }

    /// The extension of the unit files.
    pub fn extension(self) -> &'static str {
        match self {
            FileLayout::Grid | FileLayout::Tidy => "csv",
            FileLayout::Workbook => "xlsx",
        }
    }
}

/// An inclusive range of report years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Years {
    pub first: i32,
    pub last: i32,
}

impl Years {
    /// Years a report can carry (what the readers accept).
    pub const BOUNDS: (i32, i32) = (2000, 2100);

    /// `2019-2023` (also with an en dash) or one year `2020`.
    pub fn parse(text: &str) -> Result<Years, SynthError> {
        let bad = || SynthError::Years {
            text: text.to_string(),
        };
        let year = |s: &str| s.trim().parse::<i32>().map_err(|_| bad());
        let (first, last) = match text.split_once(['-', '–']) {
            Some((a, b)) => (year(a)?, year(b)?),
            None => {
                let y = year(text)?;
                (y, y)
            }
        };
        let (lo, hi) = Years::BOUNDS;
        if first > last || first < lo || last > hi {
            return Err(bad());
        }
        Ok(Years { first, last })
    }

    pub fn iter(self) -> impl Iterator<Item = i32> {
        self.first..=self.last
    }

    pub fn len(self) -> usize {
        (self.last - self.first + 1) as usize
    }

    pub fn is_empty(self) -> bool {
        self.last < self.first
    }
}

impl fmt::Display for Years {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}-{}", self.first, self.last)
        }
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    pub seed: u64,
    /// Reporting units: districts, counties, departments and townships (the provinces and cities
    /// above them are registry rows without reports of their own).
    pub units: usize,
    pub years: Years,
    pub layout: FileLayout,
    /// Fraction of reports (0..=1) that get exactly one injected defect.
    pub errors: f64,
}

impl Config {
    /// Most reporting units one run makes: the names and ids stay unique well past this.
    pub const MAX_UNITS: usize = 5_000_000;
}

/// Why nothing (or not everything) was generated.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error(
        "years {text:?}: expected FIRST-LAST such as 2019-2023, or one year, between 2000 and 2100"
    )]
    Years { text: String },
    #[error("--units {units}: expected 1 to {max}", max = Config::MAX_UNITS)]
    Units { units: usize },
    #[error("--errors {rate}: expected a fraction from 0 to 1")]
    ErrorRate { rate: f64 },
    /// Injected defects are CSV-only: a text defect needs text in a number cell, which the
    /// workbook writer does not write, and a run with only some of the kinds would score
    /// `validate` against a different mix than the CSV layouts of the same seed.
    #[error(
        "--errors {rate} with --layout workbook: injected defects are written only in the CSV \
         layouts (grid, tidy); use --errors 0 with --layout workbook"
    )]
    WorkbookDefects { rate: f64 },
    #[error(
        "{}: exists and is not empty, and is not the output of an earlier generate run \
         (no manifest.json of it); choose another folder",
        dir.display()
    )]
    NotEmpty { dir: PathBuf },
    #[error(
        "{}: exists and is not an earlier Lanzhou sample (no units.csv of it); --out is the \
         repository root",
        dir.display()
    )]
    NotSample { dir: PathBuf },
    #[error("{}: the output folder must have a name of its own (not . or /)", dir.display())]
    OutPath { dir: PathBuf },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Output(gongkai_atomic::AtomicError),
    #[error("{unit}: {detail}")]
    Encoding { unit: String, detail: String },
    #[error("{unit} {year}: writing the workbook: {source}")]
    Workbook {
        unit: String,
        year: i32,
        source: gongkai_report::write::workbook::Error,
    },
    /// A generated report breaks a rule it should keep, or a defect does not show: a bug here.
    #[error("generator invariant broken: {0}")]
    Invariant(String),
    #[error("manifest: {0}")]
    Manifest(#[from] serde_json::Error),
}

impl SynthError {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> SynthError {
        let path = path.into();
        move |source| SynthError::Io { path, source }
    }
}

/// Plans and writes a whole run into `dir` (see [`write`] for when `dir` is refused).
pub fn generate(config: Config, dir: &std::path::Path) -> Result<Summary, SynthError> {
    write(&Plan::new(config)?, dir)
}

#[cfg(test)]
mod tests;

impl From<gongkai_atomic::AtomicError> for SynthError {
    fn from(e: gongkai_atomic::AtomicError) -> SynthError {
        match e {
            gongkai_atomic::AtomicError::Io { path, source } => SynthError::Io { path, source },
            other => SynthError::Output(other),
        }
    }
}
