//! One published file's line of the ranking: its report (if any), its findings and their counts.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use gongkai_form::FormVersion;
use gongkai_report::{Check, Finding, UnitReport};

use crate::Published;

/// One file of the batch and all that was found in it.
#[derive(Debug)]
pub struct Row {
    pub file: Arc<PathBuf>,
    /// Its report, the unit named as the registry names it.
    pub report: Option<UnitReport>,
    /// The unit's name as the report printed it, when the registry names the unit otherwise.
    pub published_as: Option<String>,
    /// Its import's findings, X1–X4 against the year before, C1 against the units below it.
    pub findings: Vec<Finding>,
}

impl From<Published> for Row {
    fn from(p: Published) -> Row {
        Row {
            file: p.file,
            report: p.report,
            published_as: None,
            findings: p.findings,
        }
    }
}

impl Row {
    pub fn unit(&self) -> Option<&str> {
        self.report.as_ref().map(|r| r.unit.as_str())
    }

    pub fn year(&self) -> Option<i32> {
        self.report.as_ref().map(|r| r.year)
    }

    pub fn form(&self) -> Option<FormVersion> {
        self.report.as_ref().map(|r| r.form)
    }

    /// Cells of the form found with a figure.
    pub fn values(&self) -> usize {
        self.report.as_ref().map_or(0, |r| {
            (0..r.values.len())
                .filter(|&i| r.present(i) && !r.blank[i])
                .count()
        })
    }

    /// Cells of the form found but left blank (a blank is not a 0). The form's cells neither
    /// here nor in [`values`](Row::values) were not found; the findings name them.
    pub fn blank(&self) -> usize {
        self.report.as_ref().map_or(0, |r| {
            (0..r.values.len())
                .filter(|&i| r.present(i) && r.blank[i])
                .count()
        })
    }

    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.iter().filter(|f| !f.is_error()).count()
    }

    /// The ranking's fields after the rank, as the CSV and the table show them: unit, year,
    /// form, file, values, blank, errors, warnings, rules (empty unit, year and form for a file
    /// that gave no report).
    pub fn fields(&self) -> [String; 9] {
        [
            self.unit().unwrap_or_default().to_string(),
            self.year().map_or_else(String::new, |y| y.to_string()),
            self.form().map_or("", |f| f.code()).to_string(),
            self.file.display().to_string(),
            self.values().to_string(),
            self.blank().to_string(),
            self.errors().to_string(),
            self.warnings().to_string(),
            self.rules_text(),
        ]
    }

    /// The heading of this report's findings, at rank `rank` (1 the worst): its unit, year,
    /// file and counts, or the file alone when it gave no report.
    pub fn heading(&self, rank: usize) -> String {
        let file = self.file.display().to_string();
        match (self.unit(), self.year()) {
            (Some(unit), Some(year)) => gongkai_messages::msg!(
                "audit-report-heading",
                rank = rank,
                unit = unit,
                year = year,
                file = file,
                errors = self.errors(),
                warnings = self.warnings()
            ),
            _ => gongkai_messages::msg!("audit-file-heading", rank = rank, file = file),
        }
    }

    /// The file gave no report, or a reading problem in it is an error.
    pub fn unreadable(&self) -> bool {
        self.report.is_none()
            || self
                .findings
                .iter()
                .any(|f| f.rule == Check::Input && f.is_error())
    }

    /// Findings by check: each finding counts once for every rule it names (one wrong cell can
    /// break R1, R2 and R3 at once), reading problems as `input`.
    pub fn rules(&self) -> BTreeMap<&'static str, usize> {
        let mut out = BTreeMap::new();
        for f in &self.findings {
            let mut codes: Vec<&'static str> = if f.rules.is_empty() {
                vec![f.rule.code()]
            } else {
                f.rules.iter().map(|r| r.rule.code()).collect()
            };
            codes.sort_unstable();
            codes.dedup();
            for code in codes {
                *out.entry(code).or_insert(0) += 1;
            }
        }
        out
    }

    /// [`rules`](Row::rules) as one field: `R1:1;X3:2`.
    pub fn rules_text(&self) -> String {
        self.rules()
            .iter()
            .map(|(code, n)| format!("{code}:{n}"))
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// Worst first: reports by errors, then warnings (most first), then unit, year and file; the
/// files that gave no report last, by file (with no figures there is nothing to rank).
pub(crate) fn rank(rows: &mut [Row]) {
    rows.sort_by(|a, b| {
        a.report
            .is_none()
            .cmp(&b.report.is_none())
            .then_with(|| b.errors().cmp(&a.errors()))
            .then_with(|| b.warnings().cmp(&a.warnings()))
            .then_with(|| a.unit().cmp(&b.unit()))
            .then_with(|| a.year().cmp(&b.year()))
            .then_with(|| a.file.cmp(&b.file))
    });
}
