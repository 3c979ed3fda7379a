//! The sample's files, rendered by the same writers as `generate` (the ingest grid and tidy
//! writers), and read back with the ingest reader to prove they say what was meant.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use gongkai_form::FormVersion;
use gongkai_ingest::{read_bytes_at, read_file, ReadOptions};
use gongkai_report::{Layout, Registry, UnitReport};

use super::checks::{city_total, headline, Reports};
use super::drift::Year;
use super::units::{Unit, UNITS};
use super::{invariant, Result, CITY, FORM, HEADLINE, YEAR};
use crate::write::{encode, render_text, Encoding, FileStyle};
use crate::{FileLayout, SynthError};

/// A unit file as written, to compare with what reads back.
#[derive(Debug)]
pub(super) struct Written {
    pub unit: &'static Unit,
    pub year: i32,
    pub form: FormVersion,
    pub path: PathBuf,
    pub values: Vec<i64>,
    pub blank: Vec<bool>,
}

impl Written {
    /// How the file is saved, for the summary.
    pub fn label(&self) -> &'static str {
        match (self.unit.file.layout, self.unit.file.style.encoding) {
            (FileLayout::Tidy, _) => "tidy UTF-8",
            (_, Encoding::Utf8) => "UTF-8",
            (_, Encoding::Utf8Bom) => "UTF-8 with BOM",
            (_, Encoding::Gb18030) => "GB18030",
        }
    }
}

/// The published totals as the tidy CSV the fixture holds.
pub(super) fn published_text(golden: &[i64]) -> Result<Vec<u8>> {
    let style = FileStyle {
        encoding: Encoding::Utf8,
        blanks: crate::Blanks::None,
        variety: None,
    };
    let (mut text, mut blank, mut bytes) = (String::new(), Vec::new(), Vec::new());
    render_text(
        FileLayout::Tidy,
        style,
        CITY,
        YEAR,
        golden,
        &mut text,
        &mut blank,
    );
    encode(style.encoding, CITY, &text, &mut bytes)?;
    Ok(bytes)
}

/// The published fixture's bytes, read back, hold exactly the published values.
pub(super) fn verify_published(bytes: &[u8], path: &Path, golden: &[i64]) -> Result<()> {
    let mut warnings = Vec::new();
    let (report, _) = read_back(
        read_bytes_at(bytes, path, &ReadOptions::default()),
        &mut warnings,
    )?;
    if !warnings.is_empty() {
        return Err(invariant(format!(
            "{}: {}",
            path.display(),
            warnings.join("; ")
        )));
    }
    if report.unit != CITY || report.year != YEAR || report.form != FORM || report.values != golden
    {
        return Err(invariant(format!(
            "{}: does not read back as the published totals",
            path.display()
        )));
    }
    Ok(())
}

/// The first lines of `units.csv`: its header and the city.
pub(super) fn registry_head() -> String {
    format!("unit,kind,parent,from,to\n{CITY},city,,,\n")
}

/// The registry: the city, then every unit once, with its first and last report year.
pub(super) fn registry_text() -> String {
    let mut registry = registry_head();
    for u in UNITS {
        let to = u.to.map(|t| t.to_string()).unwrap_or_default();
        let _ = writeln!(
            registry,
            "{},{},{CITY},{},{to}",
            u.name,
            u.kind.code(),
            u.from
        );
    }
    registry
}

/// `year,measure,value`: the headline city totals of every year.
pub(super) fn trend_text(years: &Reports) -> Result<String> {
    let mut trend = String::from("year,measure,value\n");
    for (&year, reports) in years {
        let form = FormVersion::for_year(year);
        let total = city_total(form, reports);
        for code in HEADLINE {
            let _ = writeln!(trend, "{year},{code},{}", headline(form, &total, code)?);
        }
    }
    Ok(trend)
}

/// Writes every year's unit files and `units.csv` into the (new, empty) folder `dir`.
pub(super) fn write_years(dir: &Path, years: &BTreeMap<i32, Year>) -> Result<Vec<Written>> {
    let (mut text, mut bytes) = (String::new(), Vec::new());
    let mut written = Vec::new();
    for (&year, reports) in years {
        let form = FormVersion::for_year(year);
        let year_dir = dir.join(year.to_string());
        std::fs::create_dir_all(&year_dir).map_err(SynthError::io(&year_dir))?;
        for (u, values) in reports {
            let mut blank = Vec::new();
            let file = u.file;
            render_text(
                file.layout,
                file.style,
                u.name,
                year,
                values,
                &mut text,
                &mut blank,
            );
            encode(file.style.encoding, u.name, &text, &mut bytes)?;
            let path = year_dir.join(format!("{}.csv", u.name));
            std::fs::write(&path, &bytes).map_err(SynthError::io(&path))?;
            written.push(Written {
                unit: u,
                year,
                form,
                path,
                values: values.clone(),
                blank,
            });
        }
    }
    let path = dir.join("units.csv");
    std::fs::write(&path, registry_text()).map_err(SynthError::io(&path))?;
    Ok(written)
}

/// The one report of a file read, failing on any error diagnostic; warnings are collected.
fn read_back(
    f: gongkai_report::FileRead,
    warnings: &mut Vec<String>,
) -> Result<(UnitReport, String)> {
    let path = f.file.display().to_string();
    let errors: Vec<String> = f.errors().map(ToString::to_string).collect();
    if !errors.is_empty() {
        return Err(invariant(format!("{path}:\n  {}", errors.join("\n  "))));
    }
    warnings.extend(
        f.diagnostics
            .iter()
            .filter(|d| !d.is_error())
            .map(ToString::to_string),
    );
    let encoding = f.encoding.unwrap_or("?").to_string();
    let mut reports = f.reports;
    match (reports.pop(), reports.is_empty()) {
        (Some(r), true) => Ok((r, encoding)),
        _ => Err(invariant(format!("{path}: expected one report"))),
    }
}

/// Reads a written file back: same unit, year, form, layout, encoding, values and blanks.
pub(super) fn verify_written(w: &Written, warnings: &mut Vec<String>) -> Result<Vec<i64>> {
    let (report, encoding) = read_back(read_file(&w.path, &ReadOptions::default()), warnings)?;
    let path = w.path.display();
    let (layout, expected_encoding) = match (w.unit.file.layout, w.unit.file.style.encoding) {
        (FileLayout::Tidy, _) => (Layout::Tidy, "UTF-8"),
        (_, Encoding::Gb18030) => (Layout::Grid, "gb18030"),
        _ => (Layout::Grid, "UTF-8"),
    };
    if report.unit != w.unit.name || report.year != w.year || report.form != w.form {
        return Err(invariant(format!(
            "{path}: read back as {} {} form {}",
            report.unit, report.year, report.form
        )));
    }
    if report.source.layout != layout || encoding != expected_encoding {
        return Err(invariant(format!(
            "{path}: read as {encoding} {:?}",
            report.source.layout
        )));
    }
    if report.values != w.values {
        return Err(invariant(format!(
            "{path}: values differ after reading back"
        )));
    }
    if report.blank != w.blank {
        return Err(invariant(format!(
            "{path}: blank cells differ after reading back"
        )));
    }
    Ok(report.values)
}

/// `units.csv` read back names every unit that reports in a year as due that year, and no other.
pub(super) fn verify_registry(path: &Path, read: &Reports) -> Result<()> {
    let registry = Registry::load(path).map_err(|d| {
        let d: Vec<String> = d.iter().map(ToString::to_string).collect();
        invariant(d.join("\n  "))
    })?;
    for (&year, reports) in read {
        for u in UNITS {
            let due = registry.get(u.name).is_some_and(|r| r.due_in(year));
            let reported = reports.iter().any(|(n, _)| *n == u.name);
            if due != reported {
                return Err(invariant(format!(
                    "{}: {} {year}: due {due}, reported {reported}",
                    path.display(),
                    u.name
                )));
            }
        }
    }
    Ok(())
}
