//! What a total rests on: per year, the unit reports summed, those left out and why, the units
//! of the registry that sent none, and those summed although they fail rules. `consolidate`
//! refuses a total that is not whole and, forced, writes this beside it in every format;
//! `trend` marks each year that is not whole ([`Caveat`]).
//!
//! Built from a closed batch ([`Closed`]): every error a file or the batch has leaves something
//! out (the file's report, or part of it); a unit and year given twice is left out unless one
//! file was chosen ([`gongkai_report::Duplicate`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use gongkai_report::{Check, Finding, Why};

use crate::Closed;

/// Why a unit report was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// Its file, or cells of it, could not be read (each error is a finding).
    Unreadable,
    /// Several files give the unit and year, and none was chosen.
    Duplicate,
}

impl Reason {
    /// `unreadable` or `duplicate`, for machines (JSON).
    pub fn code(self) -> &'static str {
        match self {
            Reason::Unreadable => "unreadable",
            Reason::Duplicate => "duplicate",
        }
    }
}

/// A unit report (or a file whose unit is not known) left out of the totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// `None` when the file could not be read far enough to tell.
    pub unit: Option<String>,
    pub year: Option<i32>,
    pub files: Vec<PathBuf>,
    pub reason: Reason,
    /// The first finding that says why, as printed.
    pub detail: String,
}

/// A unit and year given by several files, of which one was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    pub unit: String,
    pub year: i32,
    pub file: PathBuf,
    /// The files not used.
    pub over: Vec<PathBuf>,
    pub why: Why,
}

/// One year's part of a total's coverage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearCoverage {
    pub year: i32,
    /// Units whose reports were summed, by name.
    pub summed: Vec<String>,
    pub left_out: Vec<LeftOut>,
    /// Units of the registry due this year that sent no report.
    pub missing: Vec<String>,
    /// Units summed whose reports fail rules (with `--force`), by name.
    pub failing: Vec<String>,
    pub chosen: Vec<Chosen>,
}

impl YearCoverage {
    fn new(year: i32) -> YearCoverage {
        YearCoverage {
            year,
            ..YearCoverage::default()
        }
    }
}

/// What a year's figures rest on, in two flags: a chart or a table marks the year by them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Caveat {
    /// A unit report was left out, or a registered unit sent none.
    pub incomplete: bool,
    /// A unit report summed fails rules.
    pub failing: bool,
}

impl Caveat {
    /// Nothing to mark.
    pub fn is_clear(self) -> bool {
        !self.incomplete && !self.failing
    }

    /// The flags as one field (the CSV's `caveat` column): empty, `incomplete`, `failing`, or
    /// `incomplete;failing`.
    pub fn code(self) -> &'static str {
        match (self.incomplete, self.failing) {
            (false, false) => "",
            (true, false) => "incomplete",
            (false, true) => "failing",
            (true, true) => "incomplete;failing",
        }
    }

    /// Both caveats together.
    pub fn or(self, other: Caveat) -> Caveat {
        Caveat {
            incomplete: self.incomplete || other.incomplete,
            failing: self.failing || other.failing,
        }
    }
}

/// What the totals of a batch rest on, year by year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// In year order: every year summed, and every year something was left out of.
    pub years: Vec<YearCoverage>,
    /// Files left out whose year is not known: they may belong to any year.
    pub unplaced: Vec<LeftOut>,
}

impl Coverage {
    /// The coverage of `closed`'s totals: `summed` gives the units summed per year (the total's
    /// `units`), `failing` the unit reports with rule errors, and `missing` whether registered
    /// units without a report count (not when `--allow coverage` silences them).
    pub fn build(
        closed: &Closed,
        summed: &BTreeMap<i32, Vec<String>>,
        failing: &BTreeSet<(String, i32)>,
        missing: bool,
    ) -> Coverage {
        let mut years: BTreeMap<i32, YearCoverage> = summed
            .iter()
            .map(|(year, units)| {
                let mut y = YearCoverage::new(*year);
                y.summed = units.clone();
                (*year, y)
            })
            .collect();
        let mut left = Vec::new();

        // Errors of the batch as a whole (a path that is not there, a link to nothing); a
        // duplicate's finding names its unit and is taken from `closed.duplicates` below.
        for f in closed.diagnostics.iter().filter(|f| is_input_error(f)) {
            if f.unit.is_none() {
                left.push(LeftOut {
                    unit: None,
                    year: None,
                    files: f.file.iter().map(|p| p.as_ref().clone()).collect(),
                    reason: Reason::Unreadable,
                    detail: f.to_string(),
                });
            }
        }
        // Each file's errors, one entry per unit and year they name (or the file as a whole),
        // and its rejected reports an error did not name.
        for file in &closed.files {
            let mut seen: BTreeSet<(Option<&str>, Option<i32>)> = BTreeSet::new();
            for f in file.diagnostics.iter().filter(|f| is_input_error(f)) {
                let key = (f.unit.as_deref(), f.unit.as_ref().and(f.year));
                if seen.insert(key) {
                    left.push(LeftOut {
                        unit: key.0.map(str::to_string),
                        year: key.1,
                        files: vec![file.file.as_ref().clone()],
                        reason: Reason::Unreadable,
                        detail: f.to_string(),
                    });
                }
            }
            for name in &file.rejected {
                let (unit, year) = match name.rsplit_once(' ') {
                    Some((unit, year)) => (unit, year.parse::<i32>().ok()),
                    None => (name.as_str(), None),
                };
                if !seen.contains(&(Some(unit), year)) {
                    seen.insert((Some(unit), year));
                    left.push(LeftOut {
                        unit: Some(unit.to_string()),
                        year,
                        files: vec![file.file.as_ref().clone()],
                        reason: Reason::Unreadable,
                        detail: name.clone(),
                    });
                }
            }
        }
        for d in &closed.duplicates {
            let files = || d.files.iter().map(|f| f.as_ref().clone());
            match (d.winner(), d.chosen) {
                (Some(winner), Some((_, why))) => years
                    .entry(d.year)
                    .or_insert_with(|| YearCoverage::new(d.year))
                    .chosen
                    .push(Chosen {
                        unit: d.unit.clone(),
                        year: d.year,
                        file: winner.as_ref().clone(),
                        over: d.left_out().map(|f| f.as_ref().clone()).collect(),
                        why,
                    }),
                _ => left.push(LeftOut {
                    unit: Some(d.unit.clone()),
                    year: Some(d.year),
                    files: files().collect(),
                    reason: Reason::Duplicate,
                    detail: d.finding().to_string(),
                }),
            }
        }
        let mut unplaced = Vec::new();
        for l in left {
            match l.year {
                Some(year) => years
                    .entry(year)
                    .or_insert_with(|| YearCoverage::new(year))
                    .left_out
                    .push(l),
                None => unplaced.push(l),
            }
        }
        if missing {
            for (year, unit) in &closed.checks.missing {
                years
                    .entry(*year)
                    .or_insert_with(|| YearCoverage::new(*year))
                    .missing
                    .push(unit.clone());
            }
        }
        for (unit, year) in failing {
            years
                .entry(*year)
                .or_insert_with(|| YearCoverage::new(*year))
                .failing
                .push(unit.clone());
        }
        Coverage {
            years: years.into_values().collect(),
            unplaced,
        }
    }

    /// Nothing left out, nothing missing, nothing failing: the totals are whole.
    pub fn is_complete(&self) -> bool {
        self.unplaced.is_empty() && self.years.iter().all(|y| self.caveat(y.year).is_clear())
    }

    /// The year's coverage, if the batch has that year.
    pub fn year(&self, year: i32) -> Option<&YearCoverage> {
        self.years.iter().find(|y| y.year == year)
    }

    /// Every report left out, the year's first, those of no known year last.
    pub fn left_out(&self) -> impl Iterator<Item = &LeftOut> {
        self.years
            .iter()
            .flat_map(|y| y.left_out.iter())
            .chain(&self.unplaced)
    }

    /// Registered units without a report: (year, unit).
    pub fn missing(&self) -> impl Iterator<Item = (i32, &str)> {
        self.years
            .iter()
            .flat_map(|y| y.missing.iter().map(move |u| (y.year, u.as_str())))
    }

    /// Units summed that fail rules: (year, unit).
    pub fn failing(&self) -> impl Iterator<Item = (i32, &str)> {
        self.years
            .iter()
            .flat_map(|y| y.failing.iter().map(move |u| (y.year, u.as_str())))
    }

    /// Duplicates settled by choosing a file.
    pub fn chosen(&self) -> impl Iterator<Item = &Chosen> {
        self.years.iter().flat_map(|y| y.chosen.iter())
    }

    /// What `year`'s total rests on. A file left out whose year is not known may have been any
    /// year's, so it marks them all.
    pub fn caveat(&self, year: i32) -> Caveat {
        let y = self.year(year);
        Caveat {
            incomplete: !self.unplaced.is_empty()
                || y.is_some_and(|y| !y.left_out.is_empty() || !y.missing.is_empty()),
            failing: y.is_some_and(|y| !y.failing.is_empty()),
        }
    }

    /// What one unit's figures for `year` rest on: its report fails rules, or (part of) it was
    /// left out.
    pub fn unit_caveat(&self, unit: &str, year: i32) -> Caveat {
        let y = self.year(year);
        Caveat {
            incomplete: y.is_some_and(|y| {
                y.left_out.iter().any(|l| l.unit.as_deref() == Some(unit))
                    || y.missing.iter().any(|m| m == unit)
            }),
            failing: y.is_some_and(|y| y.failing.iter().any(|f| f == unit)),
        }
    }
}

fn is_input_error(f: &Finding) -> bool {
    f.rule == Check::Input && f.is_error()
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use gongkai_form::FormVersion;
    use gongkai_ingest::{read_bytes_at, ReadOptions};
    use gongkai_report::write::tidy;
    use gongkai_report::{FileRead, Registry};

    use super::*;
    use crate::{Ledger, Sums};

    fn tidy_file(unit: &str, year: i32) -> String {
        let form = FormVersion::for_year(year);
        let values = vec![0; form.catalogue().len()];
        let mut text = tidy::HEADER.join(",");
        text.push('\n');
        tidy::write_rows(unit, year, form, &values, &mut text);
        text
    }

    fn read(path: &str, text: &str) -> FileRead {
        read_bytes_at(text.as_bytes(), Path::new(path), &ReadOptions::default())
    }

    fn closed(files: &[(&str, String)], registry: Option<&Registry>) -> Closed {
        let mut ledger = Ledger::new("合计", Sums::Whole);
        ledger
            .add(files.iter().map(|(p, t)| read(p, t)).collect())
            .unwrap();
        let texts: Vec<(PathBuf, String)> = files
            .iter()
            .map(|(p, t)| (PathBuf::from(p), t.clone()))
            .collect();
        let reread = |p: &Path| {
            let text = texts.iter().find(|(q, _)| q == p).map(|(_, t)| t.as_str());
            read_bytes_at(
                text.unwrap_or_default().as_bytes(),
                p,
                &ReadOptions::default(),
            )
        };
        ledger.close(Vec::new(), registry, &reread).unwrap()
    }

    fn summed(closed: &Closed) -> BTreeMap<i32, Vec<String>> {
        closed
            .totals
            .iter()
            .map(|t| (t.year, t.units.clone()))
            .collect()
    }

    #[test]
    fn each_report_left_out_is_named_with_why() {
        let bad = tidy_file("西固区", 2020).replacen(",0\n", ",三\n", 1);
        let files = [
            ("in/城关区.csv", tidy_file("城关区", 2020)),
            ("in/西固区.csv", bad),
            ("in/a/安宁区.csv", tidy_file("安宁区", 2020)),
            ("in/b/安宁区.csv", tidy_file("安宁区", 2020)),
            ("in/empty.csv", String::new()),
        ];
        let c = closed(&files, None);
        let failing = BTreeSet::from([("城关区".to_string(), 2020)]);
        let cov = Coverage::build(&c, &summed(&c), &failing, true);
        assert!(!cov.is_complete());
        let y = cov.year(2020).unwrap();
        assert_eq!(y.summed, ["城关区"]);
        assert_eq!(y.failing, ["城关区"]);
        let left: Vec<(Option<&str>, Reason)> = cov
            .left_out()
            .map(|l| (l.unit.as_deref(), l.reason))
            .collect();
        assert_eq!(
            left,
            [
                (Some("西固区"), Reason::Unreadable),
                (Some("安宁区"), Reason::Duplicate),
                (None, Reason::Unreadable),
            ]
        );
        let xigu = &y.left_out[0];
        assert_eq!(xigu.files, [PathBuf::from("in/西固区.csv")]);
        assert!(xigu.detail.contains("not a number"), "{}", xigu.detail);
        assert_eq!(y.left_out[1].files.len(), 2);
        // The empty file's year is not known: every year is marked.
        assert_eq!(
            cov.caveat(2020),
            Caveat {
                incomplete: true,
                failing: true
            }
        );
        assert_eq!(cov.caveat(2021).code(), "incomplete");
        assert_eq!(cov.unit_caveat("城关区", 2020).code(), "failing");
        assert_eq!(cov.unit_caveat("西固区", 2020).code(), "incomplete");
    }

    #[test]
    fn missing_units_count_unless_silenced_and_a_chosen_file_is_no_gap() {
        let dir = tempfile::tempdir().unwrap();
        let units = dir.path().join("units.csv");
        std::fs::write(
            &units,
            "unit,kind,parent,from,to\n兰州市,city,,,\n城关区,district,兰州市,,\n七里河区,district,兰州市,,\n",
        )
        .unwrap();
        let registry = Registry::load(&units).unwrap();
        let files = [
            ("in/城关区.csv", tidy_file("城关区", 2020)),
            ("in/城关区（更正）.csv", tidy_file("城关区", 2020)),
        ];
        let c = closed(&files, Some(&registry));
        let none = BTreeSet::new();
        let cov = Coverage::build(&c, &summed(&c), &none, true);
        assert_eq!(cov.missing().collect::<Vec<_>>(), [(2020, "七里河区")]);
        assert_eq!(cov.caveat(2020).code(), "incomplete");
        let chosen: Vec<&Chosen> = cov.chosen().collect();
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].file, PathBuf::from("in/城关区（更正）.csv"));
        assert_eq!(chosen[0].over, [PathBuf::from("in/城关区.csv")]);
        assert_eq!(c.totals[0].units, ["城关区"], "summed once");

        let cov = Coverage::build(&c, &summed(&c), &none, false);
        assert!(cov.is_complete(), "{cov:?}");
    }
}
