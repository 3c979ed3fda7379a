//! Synthetic 政府信息公开工作年度报告 data with known defects (`gongkai generate`), and the
//! Lanzhou sample in `data/lanzhou` ([`lanzhou`]): the published 2020 totals split over invented units.
//!
//! Layers, lowest first: `rng` · `names` · `cells` → `defects` → `units` → `model` → `manifest`
//! → [`variety`] → `write`; [`lanzhou`] on top of them.
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
pub mod variety;
mod write;

use std::fmt;
use std::path::PathBuf;

use gongkai_messages::msg;

pub use defects::DefectKind;
pub use manifest::{Counts, DefectRecord, ExpectedFinding, Manifest, GENERATOR};
pub use model::{generate_unit, GeneratedReport, GeneratedUnit, Injected};
pub use units::{Plan, PlannedUnit, Role};
pub use variety::Variety;
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
    /// Grid files shaped as units' own tools save them ([`variety`]) instead of as the template
    /// writes them; grid layout only.
    pub variety: bool,
}

impl Config {
    /// Most reporting units one run makes: the names and ids stay unique well past this.
    pub const MAX_UNITS: usize = 5_000_000;
}

/// Why nothing (or not everything) was generated; it prints in the run's language.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// `--years` is not FIRST-LAST or one year within [`Years::BOUNDS`].
    Years {
        text: String,
    },
    /// `--units` past 1..=[`Config::MAX_UNITS`].
    Units {
        units: usize,
    },
    /// `--errors` not a fraction from 0 to 1.
    ErrorRate {
        rate: f64,
    },
    /// Injected defects are CSV-only: a text defect needs text in a number cell, which the
    /// workbook writer does not write, and a run with only some of the kinds would score
    /// `validate` against a different mix than the CSV layouts of the same seed.
    WorkbookDefects {
        rate: f64,
    },
    /// `--variety` is a way of saving the form grid: other layouts have no such variety.
    Variety {
        layout: FileLayout,
    },
    /// The output folder holds something that is not an earlier run's output.
    NotEmpty {
        dir: PathBuf,
    },
    /// The folder given for the Lanzhou sample is not an earlier sample's root.
    NotSample {
        dir: PathBuf,
    },
    /// The output folder has no name of its own (`.`, `/`).
    OutPath {
        dir: PathBuf,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Output(gongkai_atomic::AtomicError),
    /// A unit's file cannot be written in its encoding.
    Encoding {
        unit: String,
        detail: String,
    },
    Workbook {
        unit: String,
        year: i32,
        source: gongkai_report::write::workbook::Error,
    },
    /// A generated report breaks a rule it should keep, or a defect does not show: a bug here.
    /// Its detail is for the developer, in English.
    Invariant(String),
    Manifest(#[from] serde_json::Error),
}

impl fmt::Display for SynthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            SynthError::Years { text } => msg!("synth-years", text = text),
            SynthError::Units { units } => {
                msg!("synth-units", units = *units, max = Config::MAX_UNITS)
            }
            SynthError::ErrorRate { rate } => msg!("synth-error-rate", rate = rate.to_string()),
            SynthError::WorkbookDefects { rate } => {
                msg!("synth-workbook-defects", rate = rate.to_string())
            }
            SynthError::Variety { layout } => {
                msg!("synth-variety-layout", layout = layout.code())
            }
            SynthError::NotEmpty { dir } => {
                msg!("synth-not-empty", dir = dir.display().to_string())
            }
            SynthError::NotSample { dir } => {
                msg!("synth-not-sample", dir = dir.display().to_string())
            }
            SynthError::OutPath { dir } => msg!("synth-out-path", dir = dir.display().to_string()),
            SynthError::Io { path, source } => msg!(
                "synth-io",
                path = path.display().to_string(),
                error = gongkai_atomic::io_reason(source)
            ),
            SynthError::Output(e) => return e.fmt(f),
            SynthError::Encoding { unit, detail } => {
                msg!("synth-encoding", unit = unit, detail = detail)
            }
            SynthError::Workbook { unit, year, source } => msg!(
                "synth-workbook",
                unit = unit,
                year = *year,
                error = source.to_string()
            ),
            SynthError::Invariant(detail) => msg!("synth-invariant", detail = detail),
            SynthError::Manifest(e) => msg!("synth-manifest", error = e.to_string()),
        };
        f.write_str(&text)
    }
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
mod learned_tests;
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
