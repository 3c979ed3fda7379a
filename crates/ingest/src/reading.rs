//! The working state of one file's read, shared by every reader, and what a path says of its
//! unit and year.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gongkai_document::{Format, Place};
use gongkai_form::names::scope_name;
use gongkai_form::{check_known, format_value, parse_year, Level, Section};
use gongkai_report::{Check, FileRead, Finding, Layout, UnitReport};

use gongkai_messages::msg;

use crate::locate::CellSources;

/// Working state of one file's read, shared by the tidy reader and the unit-file reader.
#[derive(Debug)]
pub(crate) struct Reading {
    pub file: Arc<PathBuf>,
    pub reports: Vec<UnitReport>,
    pub diagnostics: Vec<Finding>,
    pub values_read: usize,
    pub values_rejected: usize,
    /// Where the locator took each cell from, when asked: what a learned layout learns from.
    pub cell_sources: Option<CellSources>,
    pub bytes: u64,
    pub format: Option<Format>,
    skipped: Option<String>,
    /// (unit, year) reports to leave out because one of their cells was rejected.
    tainted: HashSet<(String, i32)>,
    /// Cells of each (unit, year) that could not be read, and where: left out of the rules when
    /// a report left out is checked all the same.
    unreadable: HashMap<(String, i32), Vec<(usize, Place)>>,
    file_failed: bool,
}

impl Reading {
    pub(crate) fn new(file: Arc<PathBuf>) -> Reading {
        Reading {
            file,
            reports: Vec::new(),
            diagnostics: Vec::new(),
            values_read: 0,
            values_rejected: 0,
            cell_sources: None,
            bytes: 0,
            format: None,
            skipped: None,
            tainted: HashSet::new(),
            unreadable: HashMap::new(),
            file_failed: false,
        }
    }

    pub fn error(&self, message: impl Into<String>) -> Finding {
        Finding::error(&self.file, message)
    }

    pub fn warning(&self, message: impl Into<String>) -> Finding {
        Finding::warning(&self.file, message)
    }

    pub fn push(&mut self, d: Finding) {
        self.diagnostics.push(d);
    }

    /// A value cell that cannot be used.
    pub fn reject_value(&mut self, d: Finding) {
        self.diagnostics.push(d);
        self.values_rejected += 1;
    }

    /// Leaves out the whole report of `unit` in `year`: a total missing one of its cells would be
    /// silently wrong.
    pub fn taint(&mut self, unit: &str, year: i32) {
        self.tainted.insert((unit.to_string(), year));
    }

    /// Whether the report of `unit` in `year` is to be left out.
    pub fn is_tainted(&self, unit: &str, year: i32) -> bool {
        self.tainted.contains(&(unit.to_string(), year))
    }

    /// Cells of `unit`'s report for `year` that could not be read, at their places: the rules
    /// they belong to are not checked (and said so) when the report is checked all the same.
    pub fn unreadable(
        &mut self,
        unit: &str,
        year: i32,
        cells: impl IntoIterator<Item = (usize, Place)>,
    ) {
        self.unreadable
            .entry((unit.to_string(), year))
            .or_default()
            .extend(cells);
    }

    /// Takes in what a piece of the same file read alone left to leave out: reports with a cell
    /// rejected, cells that could not be read (after those of lines before).
    pub(crate) fn absorb_marks(&mut self, piece: &mut Reading) {
        self.tainted.extend(piece.tainted.drain());
        for (key, cells) in piece.unreadable.drain() {
            self.unreadable.entry(key).or_default().extend(cells);
        }
    }

    /// The places of unreadable cells, to move them where a reader's lines are not the file's
    /// (a sheet's tidy rows).
    pub fn unreadable_places(&mut self) -> impl Iterator<Item = &mut Place> {
        self.unreadable
            .values_mut()
            .flat_map(|cells| cells.iter_mut().map(|(_, place)| place))
    }

    /// The file is passed over, not read as a report: a warning says why.
    pub fn skip(&mut self, why: impl Into<String>) {
        let why = why.into();
        let d = self.warning(msg!("read-skipped", why = why.as_str()));
        self.diagnostics.push(d);
        self.skipped = Some(why);
    }

    /// Nothing in the file can be used.
    pub fn fail_file(&mut self, d: Finding) {
        self.diagnostics.push(d);
        self.file_failed = true;
    }

    /// Blank is not zero, and an empty form is not a report of zeros: a report with every cell
    /// blank (a template sent back unfilled) is an error that leaves it out; a table all blank
    /// (table 四 left empty, say) is a warning, since a body may truly have nothing to report
    /// there but should then write 0.
    fn check_blanks(&mut self, report: &UnitReport) {
        let cat = report.form.catalogue();
        let blank = |i: usize| !report.present(i) || report.blank[i];
        if report.blank_count() > 0 && (0..cat.len()).all(blank) {
            let d = Finding::error(&self.file, msg!("read-all-blank"))
                .unit(&report.unit, Some(report.year));
            self.diagnostics.push(d);
            self.taint(&report.unit, report.year);
            return;
        }
        for section in Section::ALL {
            let any_present = cat.cells_of(section).any(|c| report.present(c.index));
            if any_present && cat.cells_of(section).all(|c| blank(c.index)) {
                let d = Finding::warning(
                    &self.file,
                    msg!("read-table-blank", table = section.heading()),
                )
                .unit(&report.unit, Some(report.year));
                self.diagnostics.push(d);
            }
        }
    }

    /// A report left out is checked all the same, so that one call to the unit covers all its
    /// problems: the rules on the cells that were read, and for each rule that touches a cell
    /// that was not, a warning that it was not checked (with the value that would make it hold,
    /// where one cell decides it).
    fn check_rejected(&mut self, report: &UnitReport) {
        let key = (report.unit.clone(), report.year);
        let unreadable = self.unreadable.remove(&key).unwrap_or_default();
        let mut known = vec![true; report.values.len()];
        for (cell, _) in &unreadable {
            if let Some(k) = known.get_mut(*cell) {
                *k = false;
            }
        }
        let checked = check_known(report.form, &report.values, &known);
        let cat = report.form.catalogue();
        // One cause, one finding here too: a cell that explains several broken sums is one.
        for (cell, f) in
            Finding::violations(&checked.violations, report.form, &report.unit, report.year)
        {
            self.diagnostics.push(Finding {
                file: Some(Arc::clone(&self.file)),
                place: report.source.place(cell),
                ..f
            });
        }
        // The rules an unreadable cell keeps from being checked: one finding per cell (or set of
        // cells), naming them all, with the value that would make them hold where they agree.
        let mut blocked: Vec<(&[usize], Vec<&gongkai_form::Unchecked>)> = Vec::new();
        for u in &checked.unchecked {
            match blocked
                .iter_mut()
                .find(|(cells, _)| *cells == u.unknown.as_slice())
            {
                Some((_, rules)) => rules.push(u),
                None => blocked.push((u.unknown.as_slice(), vec![u])),
            }
        }
        for (unknown, rules) in blocked {
            let Some(&first) = unknown.first() else {
                continue;
            };
            let scopes: Vec<String> = rules
                .iter()
                .map(|u| scope_name(cat, cat.cells[first].section, u.scope))
                .collect();
            let names: Vec<String> = unknown.iter().map(|&i| cat.cells[i].code_name()).collect();
            let cells = names.join(&msg!("read-list-separator"));
            let scopes = scopes.join(&msg!("read-list-separator"));
            let implied = rules.first().and_then(|u| u.implied);
            let agreed = implied.filter(|v| rules.iter().all(|u| u.implied == Some(*v)));
            let message = match agreed.and_then(|v| i64::try_from(v).ok()) {
                Some(v) => msg!(
                    "read-rule-not-checked-implied",
                    scope = scopes,
                    cells = cells,
                    value = format_value(v, cat.cells[first].kind())
                ),
                None => msg!("read-rule-not-checked", scope = scopes, cells = cells),
            };
            let place = unreadable
                .iter()
                .find(|(cell, _)| *cell == first)
                .map_or(Place::File, |(_, place)| place.clone());
            let details = rules
                .iter()
                .map(|u| gongkai_report::RuleDetail {
                    rule: Check::Rule(u.rule),
                    level: Level::Warning,
                    scope: u.scope.to_string(),
                    cells: u.cells.iter().map(|&i| cat.cells[i].code()).collect(),
                    expected: u.implied.map(|v| v.to_string()).unwrap_or_default(),
                    found: String::new(),
                    arithmetic: format!(
                        "{}: not checked, {} could not be read",
                        u.scope,
                        unknown
                            .iter()
                            .map(|&i| cat.cells[i].code())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                })
                .collect();
            let d = Finding {
                file: Some(Arc::clone(&self.file)),
                place,
                cells: unknown.iter().map(|&i| cat.cells[i].code()).collect(),
                rules: details,
                ..Finding::new(Check::Rule(rules[0].rule), Level::Warning, message)
                    .unit(&report.unit, Some(report.year))
            };
            self.diagnostics.push(d);
        }
    }

    pub(crate) fn finish(
        mut self,
        encoding: Option<&'static str>,
        layout: Option<Layout>,
    ) -> FileRead {
        let mut accepted = Vec::new();
        let mut rejected = Vec::new();
        let mut used = 0;
        // Errors by unit and year among the findings so far, counted as they come: a scan of
        // every finding per report is quadratic in a province's file (25,000 reports, a
        // warning each where cells are absent).
        let mut errors: HashMap<(String, i32), usize> = HashMap::new();
        let mut counted = 0;
        for report in std::mem::take(&mut self.reports) {
            self.check_blanks(&report);
            let present = report.source.lines.iter().filter(|l| **l != 0).count();
            for d in &self.diagnostics[counted..] {
                if let (true, Some(unit), Some(year)) = (d.is_error(), &d.unit, d.year) {
                    *errors.entry((unit.clone(), year)).or_default() += 1;
                }
            }
            counted = self.diagnostics.len();
            let bad_cells = errors
                .get(&(report.unit.clone(), report.year))
                .copied()
                .unwrap_or(0);
            if self.file_failed || self.tainted.contains(&(report.unit.clone(), report.year)) {
                // Its rejected cells are counted already and were never set; the rest go with it.
                self.values_rejected += present;
                rejected.push(format!("{} {}", report.unit, report.year));
                let d =
                    Finding::error(&self.file, msg!("read-report-left-out", errors = bad_cells))
                        .unit(&report.unit, Some(report.year));
                self.diagnostics.push(d);
                self.check_rejected(&report);
            } else {
                used += present;
                accepted.push(report);
            }
        }
        FileRead {
            file: self.file,
            bytes: self.bytes,
            sha256: None,
            format: self.format,
            skipped: self.skipped,
            encoding,
            layout,
            accepted: accepted.len(),
            reports: accepted,
            rejected,
            diagnostics: self.diagnostics,
            values_read: self.values_read,
            values_used: used,
            values_rejected: self.values_rejected,
        }
    }
}

/// The year a folder names, e.g. `data/lanzhou/2020/城关区.csv` → 2020 (nearest folder wins).
pub fn year_from_path(path: &Path) -> Option<i32> {
    path.parent()?
        .ancestors()
        .find_map(|p| p.file_name().and_then(|n| n.to_str()).and_then(parse_year))
}

/// The unit a file name names: its stem, `城关区.csv` → 城关区.
pub fn unit_from_path(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
