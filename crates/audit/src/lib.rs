//! Published annual reports audited as a batch (`gongkai audit`): what a supervising office or a
//! researcher checks of hundreds of reports a year.
//!
//! Each report comes as its import made it ([`Published`]: the report, if the file gave one, and
//! every finding its reading and its own rules R1–R6 and narrative checks gave). The audit adds
//! what needs more than one report:
//!
//! - **X1–X4** between consecutive years of the same unit, by the rules and the code `validate`
//!   uses (`gongkai_aggregate::findings::check_years`): this year's 上年结转 against last year's
//!   结转下年度, and so on. A unit is matched across years by its name; a units registry maps
//!   the names a unit published under (`aliases`) to its registered one.
//! - **C1**: with a registry, a unit's report against the sum of the reports of the units whose
//!   `parent` it is (a city's against its districts' and departments'), cell by cell, exactly;
//!   which cells differ, by how much, and which units below it have no report in the batch.
//!
//! Then every report is ranked worst first ([`Audit::rows`]): by errors, then warnings.
//!
//! Layers, lowest first: [`row`] (one report's line of the ranking) → [`names`] (units named
//! as the registry names them, one report per unit and year) → [`years`] (X1–X4) ·
//! [`reconcile`] (C1) → this module (the audit) → [`write`] (CSV and JSON).

pub mod names;
pub mod reconcile;
pub mod row;
pub mod write;
pub mod years;

use std::path::PathBuf;
use std::sync::Arc;

use gongkai_report::{Finding, Registry, UnitReport};

/// The ranking's columns as a reader sees them: the catalogue's message for each, in the
/// order of the CSV's `rank,unit,year,form,file,values,blank,errors,warnings,rules`.
pub const COLUMN_MESSAGES: [&str; 10] = [
    "audit-col-rank",
    "audit-col-unit",
    "audit-col-year",
    "audit-col-form",
    "audit-col-file",
    "audit-col-values",
    "audit-col-blank",
    "audit-col-errors",
    "audit-col-warnings",
    "audit-col-rules",
];

pub use reconcile::Unreconciled;
pub use row::Row;

/// One published report as its import left it.
#[derive(Debug)]
pub struct Published {
    pub file: Arc<PathBuf>,
    /// The report, when the file gave one (perhaps with cells not found).
    pub report: Option<UnitReport>,
    /// Everything its reading said: reading problems, and the rules on the report as published.
    pub findings: Vec<Finding>,
}

/// A batch audited: every file's row, worst first.
#[derive(Debug)]
pub struct Audit {
    /// Reports ranked worst first, then the files that gave no report.
    pub rows: Vec<Row>,
    /// Units whose report could not be checked against the units below them: none of those
    /// has a report in the batch.
    pub unreconciled: Vec<Unreconciled>,
}

impl Audit {
    /// Audits `published`: the names mapped through `registry`, X1–X4 between each unit's
    /// consecutive years, C1 with a registry, then ranked. `keep` says which findings count
    /// (`--allow` silences a rule).
    pub fn of(
        published: Vec<Published>,
        registry: Option<&Registry>,
        keep: &dyn Fn(&Finding) -> bool,
    ) -> Audit {
        let mut rows: Vec<Row> = published.into_iter().map(Row::from).collect();
        rows.sort_by(|a, b| a.file.cmp(&b.file));
        if let Some(registry) = registry {
            names::register(&mut rows, registry);
        }
        let chosen = names::one_per_unit_and_year(&mut rows);
        years::check(&mut rows, &chosen, registry);
        let unreconciled = match registry {
            Some(registry) => reconcile::check(&mut rows, &chosen, registry),
            None => Vec::new(),
        };
        for row in &mut rows {
            row.findings.retain(|f| keep(f));
            Finding::sort(&mut row.findings);
        }
        row::rank(&mut rows);
        Audit { rows, unreconciled }
    }

    /// Whether any file gave no report, or a reading problem is an error.
    pub fn unreadable(&self) -> bool {
        self.rows.iter().any(Row::unreadable)
    }

    /// Whether a finding fails the run: an error, or with `strict` a warning too.
    pub fn fails(&self, strict: bool) -> bool {
        self.rows
            .iter()
            .any(|r| r.errors() > 0 || (strict && r.warnings() > 0))
    }
}

#[cfg(test)]
mod tests;
