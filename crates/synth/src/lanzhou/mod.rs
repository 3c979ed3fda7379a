//! The Lanzhou sample, 2019–2023 (`data/lanzhou`): the published city totals of the
//! 兰州市2020年政府信息公开工作年度报告 (2021-03-09) split into 20 synthetic unit reports, and
//! synthetic reports of the same units for 2019 (form 2019) and 2021–2023 (form 2021).
//!
//! Only the 2020 city totals are real. The split is invented (fixed weights and the seeded
//! generator of this crate); it says nothing about the real units, and neither do the other
//! years, which drift each unit's 2020 report year by year. Every unit passes R1–R6 every year,
//! the units of 2020 add up exactly to the published totals, and the chains between years hold
//! (X1–X4): checked on the values, and again on the files read back before they replace the
//! old ones.

mod checks;
mod drift;
mod files;
mod published;
mod split;
mod units;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use gongkai_form::FormVersion;
use gongkai_messages::msg;

use crate::write::{staged, write_atomic};
use crate::SynthError;
use checks::{check_chains, check_rules, city_total, headline, Reports};

type Result<T> = std::result::Result<T, SynthError>;

/// The year of the published totals.
const YEAR: i32 = 2020;
const FORM: FormVersion = FormVersion::F2019;
/// Every year written, in order.
const YEARS: [i32; 5] = [2019, 2020, 2021, 2022, 2023];
const CITY: &str = "兰州市";
const SEED: u64 = 0x1a2b_2020_0309;

/// The sample's folder, below the repository root: `<year>/<unit>.csv` and `units.csv`.
pub const DATA_DIR: &str = "data/lanzhou";
/// The published 2020 city totals as tidy CSV.
pub const PUBLISHED_FIXTURE: &str = "tests/fixtures/lanzhou-2020-published.csv";
/// The headline city totals of every year (`year,measure,value`), for trend tests.
pub const TREND_FIXTURE: &str = "tests/fixtures/lanzhou-trend-expected.csv";

/// The city totals written to the trend fixture, per year.
const HEADLINE: [&str; 8] = [
    "requests.new_received.total",
    "requests.granted.total",
    "requests.partially_granted.total",
    "requests.total.total",
    "appeals.reconsideration.total",
    "appeals.litigation_direct.total",
    "appeals.litigation_after_reconsideration.total",
    "active.licensing.decisions",
];

fn invariant(msg: String) -> SynthError {
    SynthError::Invariant(format!("Lanzhou sample: {msg}"))
}

/// What [`write_sample`] wrote and checked.
#[derive(Debug, Clone)]
pub struct SampleSummary {
    pub root: PathBuf,
    /// One line per year: units, new and gone units, headline city totals.
    pub years: Vec<String>,
    /// Unit report files.
    pub files: usize,
    /// Files by how they are saved (`UTF-8`, `GB18030`, `tidy UTF-8`, …).
    pub encodings: BTreeMap<&'static str, usize>,
    pub blank_cells: usize,
    /// Warnings reading the files back (none expected).
    pub warnings: Vec<String>,
    /// Consecutive years of a unit checked with X1–X4.
    pub pairs: usize,
    /// Cells of the published totals that the 2020 units sum to.
    pub cells: usize,
}

impl fmt::Display for SampleSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.years {
            writeln!(f, "{line}")?;
        }
        for w in &self.warnings {
            writeln!(f, "{}", msg!("synth-sample-warning", warning = w))?;
        }
        let kinds: Vec<String> = self
            .encodings
            .iter()
            .map(|(k, n)| msg!("synth-sample-encoding", count = *n, encoding = *k))
            .collect();
        f.write_str(&msg!(
            "synth-sample-summary",
            files = self.files,
            first = YEARS[0],
            last = YEARS[YEARS.len() - 1],
            data = DATA_DIR,
            encodings = kinds.join(&msg!("synth-list-separator")),
            blanks = self.blank_cells,
            published = PUBLISHED_FIXTURE,
            trend = TREND_FIXTURE,
            root = self.root.display().to_string(),
            warnings = self.warnings.len(),
            pairs = self.pairs,
            city = CITY,
            cells = self.cells,
        ))
    }
}

/// Whether `dir` may be replaced: absent, an empty folder, or an earlier sample (its registry
/// opens with the city).
fn replaceable(dir: &Path) -> bool {
    let head = files::registry_head();
    !dir.exists()
        || std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
        || std::fs::read(dir.join("units.csv")).is_ok_and(|b| b.starts_with(head.as_bytes()))
}

/// Writes the sample below `root` (the repository): [`DATA_DIR`] replaced as a whole, and the
/// two fixtures [`PUBLISHED_FIXTURE`] and [`TREND_FIXTURE`]. Everything is checked before
/// anything is replaced, the unit files after reading them back; a folder at [`DATA_DIR`] that
/// is not an earlier sample is refused. Deterministic: a rerun writes the same bytes.
pub fn write_sample(root: &Path) -> Result<SampleSummary> {
    let golden = published::published()?;
    let years = drift::all_years(&golden)?;
    let named: Reports = years
        .iter()
        .map(|(&y, r)| (y, r.iter().map(|(u, v)| (u.name, v.clone())).collect()))
        .collect();
    let trend = files::trend_text(&named)?;
    let published_path = root.join(PUBLISHED_FIXTURE);
    let published = files::published_text(&golden)?;
    files::verify_published(&published, &published_path, &golden)?;

    let dir = root.join(DATA_DIR);
    if !replaceable(&dir) {
        return Err(SynthError::NotSample { dir });
    }
    let summary = staged(&dir, |tmp| {
        let written = files::write_years(tmp, &years)?;
        let mut summary = SampleSummary {
            root: root.to_path_buf(),
            years: Vec::new(),
            files: written.len(),
            encodings: BTreeMap::new(),
            blank_cells: written
                .iter()
                .flat_map(|w| &w.blank)
                .filter(|b| **b)
                .count(),
            warnings: Vec::new(),
            pairs: 0,
            cells: golden.len(),
        };
        // Read every file back; then R1–R6 per unit and city, X1–X4 per unit, 2020 = published.
        let mut read = Reports::new();
        for w in &written {
            let values = files::verify_written(w, &mut summary.warnings)?;
            check_rules(w.form, w.unit.name, &values)
                .map_err(|e| invariant(format!("{} {e}", w.year)))?;
            read.entry(w.year).or_default().push((w.unit.name, values));
            *summary.encodings.entry(w.label()).or_default() += 1;
        }
        files::verify_registry(&tmp.join("units.csv"), &read)?;
        summary.pairs = check_chains(&read)?;
        for (&year, reports) in &read {
            let form = FormVersion::for_year(year);
            let total = city_total(form, reports);
            check_rules(form, &format!("{CITY} {year}"), &total)?;
            if year == YEAR && total != golden {
                return Err(invariant(
                    "the 2020 files read back do not sum to the published totals".into(),
                ));
            }
            summary.years.push(year_line(year, &read, &total)?);
        }
        if files::trend_text(&read)? != trend {
            return Err(invariant(format!(
                "{TREND_FIXTURE}: the files read back give other totals"
            )));
        }
        Ok(summary)
    })?;
    write_atomic(&published_path, &published)?;
    write_atomic(&root.join(TREND_FIXTURE), trend.as_bytes())?;
    Ok(summary)
}

/// `2022: 20 units, form 2021; 兰州市: new_received …; new: …; gone: …`.
fn year_line(year: i32, read: &Reports, total: &[i64]) -> Result<String> {
    let form = FormVersion::for_year(year);
    let units: Vec<&str> = read
        .get(&year)
        .map_or(Vec::new(), |r| r.iter().map(|(u, _)| *u).collect());
    let before: Vec<&str> = read
        .get(&(year - 1))
        .map_or(Vec::new(), |r| r.iter().map(|(u, _)| *u).collect());
    let mut change = String::new();
    if !before.is_empty() {
        let came: Vec<&str> = units
            .iter()
            .filter(|u| !before.contains(u))
            .copied()
            .collect();
        let went: Vec<&str> = before
            .iter()
            .filter(|u| !units.contains(u))
            .copied()
            .collect();
        let separator = msg!("synth-list-separator");
        if !came.is_empty() {
            change.push_str(&msg!("synth-sample-new", units = came.join(&separator)));
        }
        if !went.is_empty() {
            change.push_str(&msg!("synth-sample-gone", units = went.join(&separator)));
        }
    }
    let h = |code: &str| headline(form, total, code);
    Ok(msg!(
        "synth-sample-year",
        year = year,
        units = units.len(),
        form = form.code(),
        city = CITY,
        new_received = h("requests.new_received.total")?,
        granted = h("requests.granted.total")?,
        partially_granted = h("requests.partially_granted.total")?,
        reconsideration = h("appeals.reconsideration.total")?,
        licensing = h("active.licensing.decisions")?,
        change = change,
    ))
}

#[cfg(test)]
mod tests;
