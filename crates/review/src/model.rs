//! One consolidated batch as the year-end deliverables see it: per year the total, every unit
//! with what became of it (summed, failing, missing, left out, not registered) and its findings,
//! and the ratings. Built once from what `consolidate` computes; the page and the Word draft
//! only render it, so they cannot disagree with the terminal's tables.

use std::collections::{BTreeMap, BTreeSet};

use gongkai_aggregate::coverage::{LeftOut, YearCoverage};
use gongkai_aggregate::{Coverage, Total};
use gongkai_form::FormVersion;
use gongkai_ratings::{rank, ratings_of, Rating, Thresholds};
use gongkai_report::{Check, Finding, UnitReport};

/// What the review is made from: a read, checked and summed batch.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    /// The name of the total (`兰州市`).
    pub name: &'a str,
    /// The totals named `name`, one per year.
    pub totals: &'a [Total],
    /// Every unit report read (the summed ones and any the totals left out).
    pub reports: &'a [UnitReport],
    /// Every finding of the run, the totals' own included.
    pub findings: &'a [Finding],
    pub coverage: &'a Coverage,
    pub thresholds: &'a Thresholds,
}

/// A unit in one year.
#[derive(Debug, Clone)]
pub struct UnitEntry<'a> {
    pub name: String,
    /// Its report, where one was read.
    pub report: Option<&'a UnitReport>,
    /// Summed into the year's total.
    pub summed: bool,
    /// Its report fails rules (errors).
    pub failing: bool,
    /// Registered, due, and sent nothing.
    pub missing: bool,
    /// Sent a report that was left out of the total.
    pub left_out: bool,
    /// Sent a report but is not in the units registry.
    pub unregistered: bool,
    /// Its findings, errors first, in the order `validate` prints them.
    pub findings: Vec<&'a Finding>,
}

impl UnitEntry<'_> {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    /// The codes of the cells its findings name (`requests.granted.total`), to mark on its table.
    pub fn marked_cells(&self) -> BTreeMap<String, Vec<&str>> {
        marked_cells(&self.findings)
    }
}

/// The codes of the cells `findings` name, each with the messages of the findings that name it:
/// what to mark on a report's table.
pub fn marked_cells<'a>(findings: &[&'a Finding]) -> BTreeMap<String, Vec<&'a str>> {
    let mut out: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for f in findings {
        // The cells the finding asks to check: one cell where a single cell explains every
        // rule it breaks, else the rule's cells; a previous year's (`@2020`) are not here.
        let cells: Vec<&String> = if f.cells.is_empty() {
            f.rules.iter().flat_map(|r| r.cells.iter()).collect()
        } else {
            f.cells.iter().collect()
        };
        let codes = cells.into_iter().filter(|c| !c.contains('@'));
        for code in codes {
            let messages = out.entry(code.clone()).or_default();
            if !messages.contains(&f.message.as_str()) {
                messages.push(&f.message);
            }
        }
    }
    out
}

/// One year of the batch.
#[derive(Debug, Clone)]
pub struct YearReview<'a> {
    pub total: &'a Total,
    /// Every unit of the year: summed, missing or left out; by name.
    pub units: Vec<UnitEntry<'a>>,
    pub coverage: Option<&'a YearCoverage>,
    /// Findings on the total itself (its sums checked by the rules).
    pub total_findings: Vec<&'a Finding>,
    /// The total's and every summed unit's ratings, worst first within each measure.
    pub ratings: Vec<Rating>,
}

impl YearReview<'_> {
    pub fn year(&self) -> i32 {
        self.total.year
    }

    pub fn form(&self) -> FormVersion {
        self.total.form
    }

    /// The summed units' reports, in the total's unit order.
    pub fn summed(&self) -> impl Iterator<Item = (&str, &UnitReport)> {
        self.units
            .iter()
            .filter(|u| u.summed)
            .filter_map(|u| u.report.map(|r| (u.name.as_str(), r)))
    }

    pub fn left_out(&self) -> &[LeftOut] {
        self.coverage.map_or(&[], |c| c.left_out.as_slice())
    }
}

/// The whole review: every year of the total, newest first.
#[derive(Debug, Clone)]
pub struct Review<'a> {
    pub parts: Parts<'a>,
    pub years: Vec<YearReview<'a>>,
    /// Findings that belong to no unit and year (a file that could not be read far enough).
    pub unplaced: Vec<&'a Finding>,
}

impl<'a> Review<'a> {
    pub fn build(parts: Parts<'a>) -> Review<'a> {
        let mut by_unit: BTreeMap<(&str, i32), Vec<&Finding>> = BTreeMap::new();
        let mut total_findings: BTreeMap<i32, Vec<&Finding>> = BTreeMap::new();
        let mut unregistered: BTreeSet<(&str, i32)> = BTreeSet::new();
        let mut unplaced = Vec::new();
        for f in parts.findings {
            match (f.unit.as_deref(), f.year) {
                (Some(unit), Some(year)) if f.file.is_none() && unit == parts.name => {
                    total_findings.entry(year).or_default().push(f)
                }
                (Some(unit), Some(year)) if f.rule == Check::Coverage => {
                    // A registry finding on a unit that sent a report: it is not registered.
                    // (Registered units that sent nothing are the coverage's missing.)
                    if parts
                        .reports
                        .iter()
                        .any(|r| r.unit == unit && r.year == year)
                    {
                        unregistered.insert((unit, year));
                    }
                    by_unit.entry((unit, year)).or_default().push(f);
                }
                (Some(unit), Some(year)) => by_unit.entry((unit, year)).or_default().push(f),
                _ => unplaced.push(f),
            }
        }
        for list in by_unit.values_mut() {
            list.sort_by_key(|f| !f.is_error());
        }
        let mut years = Vec::new();
        for total in parts.totals.iter().filter(|t| t.name == parts.name) {
            let year = total.year;
            let coverage = parts.coverage.years.iter().find(|c| c.year == year);
            let summed: BTreeSet<&str> = total.units.iter().map(String::as_str).collect();
            let left_out: BTreeSet<&str> = coverage
                .into_iter()
                .flat_map(|c| c.left_out.iter().filter_map(|l| l.unit.as_deref()))
                .collect();
            let missing: BTreeSet<&str> = coverage
                .into_iter()
                .flat_map(|c| c.missing.iter().map(String::as_str))
                .collect();
            let mut names: BTreeSet<&str> = summed.clone();
            names.extend(&left_out);
            names.extend(&missing);
            names.extend(
                parts
                    .reports
                    .iter()
                    .filter(|r| r.year == year)
                    .map(|r| r.unit.as_str()),
            );
            let units: Vec<UnitEntry> = names
                .into_iter()
                .map(|name| {
                    let findings = by_unit.get(&(name, year)).cloned().unwrap_or_default();
                    UnitEntry {
                        name: name.to_string(),
                        report: parts
                            .reports
                            .iter()
                            .find(|r| r.unit == name && r.year == year),
                        summed: summed.contains(name),
                        failing: findings
                            .iter()
                            .any(|f| f.is_error() && f.rule != Check::Coverage),
                        missing: missing.contains(name),
                        left_out: left_out.contains(name) && !summed.contains(name),
                        unregistered: unregistered.contains(&(name, year)),
                        findings,
                    }
                })
                .collect();
            let mut ratings = Vec::new();
            let all_blank: Vec<bool> = total
                .blank_units
                .iter()
                .map(|b| *b as usize >= total.units.len())
                .collect();
            ratings.extend(ratings_of(
                &total.name,
                year,
                total.form,
                &total.values,
                &all_blank,
                parts.thresholds,
            ));
            for u in units.iter().filter(|u| u.summed) {
                if let Some(r) = u.report {
                    ratings.extend(ratings_of(
                        &u.name,
                        year,
                        r.form,
                        &r.values,
                        &r.blank,
                        parts.thresholds,
                    ));
                }
            }
            rank(&mut ratings);
            years.push(YearReview {
                total,
                units,
                coverage,
                total_findings: total_findings.remove(&year).unwrap_or_default(),
                ratings,
            });
        }
        years.sort_by_key(|y| std::cmp::Reverse(y.year()));
        Review {
            parts,
            years,
            unplaced,
        }
    }

    /// Every rating of every year, worst first within each measure: the `--ratings` CSV.
    pub fn ratings(&self) -> Vec<Rating> {
        let mut all: Vec<Rating> = self
            .years
            .iter()
            .flat_map(|y| y.ratings.iter().cloned())
            .collect();
        rank(&mut all);
        all
    }
}
