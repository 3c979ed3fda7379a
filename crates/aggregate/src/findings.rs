//! Rule results that point at a cell: unit, year, file and line, the rule and its arithmetic.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use gongkai_form::{FormVersion, Level, Relation, RuleId, Violation};
use gongkai_report::UnitReport;

use rayon::prelude::*;

use crate::link::{Link, Links};

/// One failed rule on one unit (or total) and year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleId,
    pub level: Level,
    pub unit: String,
    pub year: i32,
    pub form: FormVersion,
    /// The unit's file; `None` for totals.
    pub file: Option<Arc<PathBuf>>,
    /// Line of the cell the rule checks (the total), where the file has one.
    pub line: Option<u32>,
    /// `natural_person: 41 + 2 ≠ 40 + 0 (off by 3)`.
    pub arithmetic: String,
    /// Codes (`section.row.column`) of every cell involved.
    pub cells: Vec<String>,
    pub expected: String,
    pub found: String,
}

impl Finding {
    fn from_violation(
        v: &Violation,
        unit: &str,
        year: i32,
        form: FormVersion,
        file: Option<&Arc<PathBuf>>,
        lines: Option<&[u32]>,
    ) -> Finding {
        let cat = form.catalogue();
        let kind = cat.cells[v.anchor()].kind();
        let fmt = |x: i128| match i64::try_from(x) {
            Ok(x) => gongkai_form::format_value(x, kind),
            Err(_) => x.to_string(),
        };
        let (expected, found) = match v.relation {
            Relation::Eq => (fmt(v.rhs_sum()), fmt(v.lhs_sum())),
            Relation::Le => (format!("≤ {}", fmt(v.rhs_sum())), fmt(v.lhs_sum())),
            Relation::Ge => (format!("≥ {}", fmt(v.rhs_sum())), fmt(v.lhs_sum())),
        };
        let line = lines.map(|l| l[v.anchor()]).filter(|l| *l != 0);
        Finding {
            rule: v.rule,
            level: v.level,
            unit: unit.to_string(),
            year,
            form,
            file: file.cloned(),
            line,
            arithmetic: v.arithmetic(cat),
            cells: v.cells().map(|i| cat.cells[i].code()).collect(),
            expected,
            found,
        }
    }

    /// Sort key: file and line first, so findings read top to bottom through each file.
    fn key(&self) -> (Option<&PathBuf>, Option<u32>, &str, i32, RuleId, &str) {
        (
            self.file.as_deref(),
            self.line,
            &self.unit,
            self.year,
            self.rule,
            &self.arithmetic,
        )
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl fmt::Display for Finding {
    /// `data/2020/城关区.csv:31: 城关区 2020 R1 error natural_person: 41 + 2 ≠ 40 + 0 (off by 3)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
            write!(f, ": ")?;
        }
        write!(
            f,
            "{} {} {} {} {}",
            self.unit, self.year, self.rule, self.level, self.arithmetic
        )
    }
}

/// R1–R6 on one unit's report, located in its file.
pub fn check_report(report: &UnitReport) -> Vec<Finding> {
    gongkai_form::rules::check_values(report.form, &report.values)
        .iter()
        .map(|v| {
            Finding::from_violation(
                v,
                &report.unit,
                report.year,
                report.form,
                Some(&report.source.file),
                Some(&report.source.lines),
            )
        })
        .collect()
}

/// R1–R6 on a set of values that has no file: a consolidated total.
pub fn check_values(unit: &str, year: i32, form: FormVersion, values: &[i64]) -> Vec<Finding> {
    gongkai_form::rules::check_values(form, values)
        .iter()
        .map(|v| Finding::from_violation(v, unit, year, form, None, None))
        .collect()
}

/// Sorts findings deterministically: by file, line, unit, year, rule.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.key().cmp(&b.key()));
}

/// X1–X4 between consecutive years of each unit. `reorganised(unit, year)` says whether the
/// unit was merged or split going into `year` (X1 is then a warning).
pub fn check_years(
    links: &Links,
    reorganised: &(dyn Fn(&str, i32) -> bool + Sync),
) -> Vec<Finding> {
    // Each unit's years side by side: one sort, no map of 100,000 small lists; the units in
    // parallel (a national batch over five years has 400,000 pairs), their findings in order.
    let rank = links.unit_ranks();
    let mut sorted: Vec<Link> = links.iter().collect();
    sorted.par_sort_by_key(|l| (rank[l.unit_id() as usize], l.year()));
    sorted
        .par_chunk_by(|a, b| a.unit_id() == b.unit_id())
        .flat_map_iter(|years| unit_years(years, reorganised))
        .collect()
}

/// X1–X4 between the consecutive years of one unit, its links in year order.
fn unit_years(years: &[Link], reorganised: &dyn Fn(&str, i32) -> bool) -> Vec<Finding> {
    let mut out = Vec::new();
    if years.len() < 2 {
        return out;
    }
    let unit = years[0].unit();
    // Each year's values once, though most years are in two pairs.
    let values: Vec<Vec<i64>> = years.iter().map(Link::values).collect();
    for (k, pair) in years.windows(2).enumerate() {
        let (prev, cur) = (&pair[0], &pair[1]);
        if cur.year() != prev.year() + 1 {
            continue;
        }
        // The links hold every cell X1–X3 read; X4 compares fingerprints.
        let (violations, _) = gongkai_form::rules::check_years(
            (prev.form(), &values[k]),
            (cur.form(), &values[k + 1]),
            reorganised(unit, cur.year()),
        );
        let identical = cur.identical_to(prev);
        if violations.is_empty() && !identical {
            continue;
        }
        let file = Arc::new(cur.file());
        let (cat, pcat) = (cur.form().catalogue(), prev.form().catalogue());
        for v in violations {
            let code = |w: gongkai_form::Which, i: usize| match w {
                gongkai_form::Which::Previous => {
                    format!("{}@{}", pcat.cells[i].code(), prev.year())
                }
                gongkai_form::Which::Current => cat.cells[i].code(),
            };
            let kind = cat.cells[v.target.0].kind();
            let fmt = |x: i128| match i64::try_from(x) {
                Ok(x) => gongkai_form::format_value(x, kind),
                Err(_) => x.to_string(),
            };
            let mut cells = vec![cat.cells[v.target.0].code()];
            cells.extend(v.terms.iter().map(|(w, i, _, _)| code(*w, *i)));
            out.push(Finding {
                rule: v.rule,
                level: v.level,
                unit: unit.to_string(),
                year: cur.year(),
                form: cur.form(),
                file: Some(file.clone()),
                line: cur.line(v.target.0),
                arithmetic: v.arithmetic((prev.form(), prev.year()), (cur.form(), cur.year())),
                cells,
                expected: fmt(v.expected()),
                found: gongkai_form::format_value(v.target.1, kind),
            });
        }
        if identical {
            out.push(Finding {
                rule: gongkai_form::RuleId::X4,
                level: Level::Warning,
                unit: unit.to_string(),
                year: cur.year(),
                form: cur.form(),
                file: Some(file.clone()),
                line: None,
                arithmetic: format!(
                    "all {} cells identical to {} ({}): suspected copy-paste",
                    cat.len(),
                    prev.year(),
                    prev.file().display()
                ),
                cells: Vec::new(),
                expected: format!("a report that differs from {}", prev.year()),
                found: "identical".to_string(),
            });
        }
    }
    out
}
