//! What went wrong where, from reading to Parquet: one [`Finding`] for a reading problem, a rule
//! that does not hold and a gap against the units registry. It prints as one line and serializes
//! as one object (`validate --format json`, the export's findings table). Where it is in its file
//! is a [`Place`], whatever the format: `file:12:4`, `file[Sheet1]!D31`, `file table 2 row 14`,
//! `file page 3`.

use std::cmp::Ordering;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use gongkai_document::Place;
use gongkai_form::cause::single_cell_causes;
use gongkai_form::{format_value, CrossViolation, FormVersion, Level, Relation, RuleId, Violation};
use gongkai_messages::msg;

use crate::wording;
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

/// The check that found a problem: a rule of the form, reading, or the units registry.
///
/// Variants are in the order of their codes (`N1` < `R1` … `X4` < `coverage` < `input`), so
/// findings sort the same by either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Check {
    /// R1–R6 on a report, X1–X4 between a unit's years, N1 a report's text against its tables.
    Rule(RuleId),
    /// A unit the registry expects without a report, or a report of a unit it does not know.
    Coverage,
    /// A file, line or cell that could not be read as it is.
    Input,
}

impl Check {
    /// `N1`, `R1` … `X4`, `coverage` or `input`.
    pub fn code(self) -> &'static str {
        match self {
            Check::Rule(id) => id.code(),
            Check::Coverage => "coverage",
            Check::Input => "input",
        }
    }

    /// A rule id or `coverage` or `input`, in any case.
    pub fn parse(s: &str) -> Option<Check> {
        let s = s.trim();
        RuleId::parse(s).map(Check::Rule).or_else(|| {
            [Check::Coverage, Check::Input]
                .into_iter()
                .find(|c| c.code().eq_ignore_ascii_case(s))
        })
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// For serde: a check is written as its code.
impl From<Check> for &'static str {
    fn from(check: Check) -> &'static str {
        check.code()
    }
}

/// For serde: a check is read from its code.
impl TryFrom<String> for Check {
    type Error = String;

    fn try_from(s: String) -> Result<Check, String> {
        Check::parse(&s)
            .ok_or_else(|| format!("not a check: {s:?} (N1, R1…R6, X1…X4, coverage, input)"))
    }
}

/// One problem, pointing at its file and the place in it where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `None` for a consolidated total and for a unit with no report.
    pub file: Option<Arc<PathBuf>>,
    /// Where in the file: a line (and CSV column), a sheet's cell or row, a table's row, a page;
    /// [`Place::File`] when nowhere finer is known, and for a finding without a file.
    pub place: Place,
    pub unit: Option<String>,
    pub year: Option<i32>,
    /// The check that found it: `N1`, `R1` … `X4`, `coverage` or `input`.
    pub rule: Check,
    pub level: Level,
    /// Codes (`section.row.column`) of the cells a rule involves.
    pub cells: Vec<String>,
    /// What would have been accepted; what the rule expects.
    pub expected: Option<String>,
    /// The offending text, verbatim; what the report has.
    pub found: Option<String>,
    /// What is wrong, in the run's language; for a rule, a sentence naming the table, row and
    /// column as the form prints them, the numbers and what to check. (The `message` of the JSON
    /// object and of the export is the whole line as printed.)
    pub message: String,
    /// For a rule finding, each rule it reports: one, or several that one cell explains (a wrong
    /// cell breaks its row's total and its column's). Empty for reading and registry findings.
    pub rules: Vec<RuleDetail>,
}

/// One broken rule of a rule finding, in codes: what `--format json` keeps of each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleDetail {
    pub rule: Check,
    pub level: Level,
    /// The column (R1, R2, X1) or row (R3, R4, R6, X2, X3) the rule runs along, or the cell (R5).
    pub scope: String,
    /// Codes of the cells the rule sums (`requests.granted.total`; a previous year's with
    /// `@2020`).
    pub cells: Vec<String>,
    pub expected: String,
    pub found: String,
    /// The sums in codes: `natural_person: 41 + 2 ≠ 40 + 0 (off by 3)`.
    pub arithmetic: String,
}

impl Finding {
    /// A finding of `rule` at no place yet.
    pub fn new(rule: Check, level: Level, message: impl Into<String>) -> Finding {
        Finding {
            file: None,
            place: Place::File,
            unit: None,
            year: None,
            rule,
            level,
            cells: Vec::new(),
            expected: None,
            found: None,
            message: message.into(),
            rules: Vec::new(),
        }
    }

    /// A reading problem in `file`.
    pub fn error(file: &Arc<PathBuf>, message: impl Into<String>) -> Finding {
        Finding {
            file: Some(Arc::clone(file)),
            ..Finding::new(Check::Input, Level::Error, message)
        }
    }

    /// A reading problem in `file` that is only worth knowing.
    pub fn warning(file: &Arc<PathBuf>, message: impl Into<String>) -> Finding {
        Finding {
            level: Level::Warning,
            ..Finding::error(file, message)
        }
    }

    /// A rule of the form that does not hold on `unit`'s report for `year` (or on a total),
    /// worded in the form's terms, with its cells, what the rule expects and what the report
    /// has. The caller places it in a file.
    pub fn violation(v: &Violation, form: FormVersion, unit: &str, year: i32) -> Finding {
        let cat = form.catalogue();
        let detail = RuleDetail::of(v, form);
        Finding {
            cells: detail.cells.clone(),
            rules: vec![detail.clone()],
            ..Finding::new(Check::Rule(v.rule), v.level, wording::violation(v, cat))
                .unit(unit, Some(year))
                .found(detail.found, detail.expected)
        }
    }

    /// The broken rules of one report (or total) as findings, each with the cell it is at: a
    /// cell that explains several of them is one finding naming them all (one cause, one
    /// finding), the others one each. In the violations' order, a cause where its first rule was.
    pub fn violations(
        violations: &[Violation],
        form: FormVersion,
        unit: &str,
        year: i32,
    ) -> Vec<(usize, Finding)> {
        let cat = form.catalogue();
        let causes = single_cell_causes(form, violations);
        let mut cause_of = vec![None; violations.len()];
        for (c, cause) in causes.iter().enumerate() {
            for &k in &cause.violations {
                cause_of[k] = Some(c);
            }
        }
        let mut out = Vec::with_capacity(violations.len());
        for (k, v) in violations.iter().enumerate() {
            let Some(c) = cause_of[k] else {
                out.push((v.anchor(), Finding::violation(v, form, unit, year)));
                continue;
            };
            let cause = &causes[c];
            if cause.violations.first() != Some(&k) {
                continue;
            }
            let grouped: Vec<&Violation> =
                cause.violations.iter().map(|&k| &violations[k]).collect();
            let rules: Vec<RuleDetail> = grouped.iter().map(|v| RuleDetail::of(v, form)).collect();
            let level = grouped.iter().map(|v| v.level).min().unwrap_or(v.level);
            let kind = cat.cells[cause.cell].kind();
            let finding = Finding {
                cells: vec![cat.cells[cause.cell].code()],
                rules,
                ..Finding::new(
                    Check::Rule(v.rule),
                    level,
                    wording::cause(cause, violations, cat),
                )
                .unit(unit, Some(year))
                .found(
                    format_value(cause.value, kind),
                    format_value(cause.fix, kind),
                )
            };
            out.push((cause.cell, finding));
        }
        out
    }

    /// A rule between `unit`'s report of `prev` (form, year) and of `cur` that does not hold,
    /// worded in the form's terms; the caller places it at the later year's cell.
    pub fn cross_year(
        v: &CrossViolation,
        prev: (FormVersion, i32),
        cur: (FormVersion, i32),
        unit: &str,
    ) -> Finding {
        let cat = cur.0.catalogue();
        let kind = cat.cells[v.target.0].kind();
        let expected = match i64::try_from(v.expected()) {
            Ok(x) => format_value(x, kind),
            Err(_) => v.expected().to_string(),
        };
        let found = format_value(v.target.1, kind);
        let mut cells = vec![cat.cells[v.target.0].code()];
        cells.extend(
            v.terms
                .iter()
                .map(|(w, i, _, _)| wording::cross_cell_code(*w, *i, prev, cur.0)),
        );
        let detail = RuleDetail {
            rule: Check::Rule(v.rule),
            level: v.level,
            scope: v.scope.clone(),
            cells: cells.clone(),
            expected: expected.clone(),
            found: found.clone(),
            arithmetic: v.arithmetic(prev, cur),
        };
        Finding {
            cells,
            rules: vec![detail],
            ..Finding::new(
                Check::Rule(v.rule),
                v.level,
                wording::cross_year(v, prev, cur),
            )
            .unit(unit, Some(cur.1))
            .found(found, expected)
        }
    }

    /// X4: every cell of `unit`'s report for `year` is as the year before's (`prev_file`).
    pub fn copied(unit: &str, year: i32, cells: usize, prev_file: &str) -> Finding {
        let arithmetic = format!(
            "all {cells} cells identical to {} ({prev_file}): suspected copy-paste",
            year - 1
        );
        let detail = RuleDetail {
            rule: Check::Rule(RuleId::X4),
            level: Level::Warning,
            scope: "report".to_string(),
            cells: Vec::new(),
            expected: format!("a report that differs from {}", year - 1),
            found: "identical".to_string(),
            arithmetic,
        };
        Finding {
            rules: vec![detail.clone()],
            ..Finding::new(
                Check::Rule(RuleId::X4),
                Level::Warning,
                wording::copied(cells, year - 1, prev_file),
            )
            .unit(unit, Some(year))
            .found(detail.found, detail.expected)
        }
    }

    /// C1: cell `cell` of `unit`'s report for `year` has `value`, but the reports of the
    /// `children` units below it add up to `sum`. The caller places it at the cell and sets the
    /// level (an error when every unit below has a report, else a warning).
    pub fn reconciled(
        form: FormVersion,
        unit: &str,
        year: i32,
        cell: usize,
        value: i64,
        sum: i128,
        children: usize,
    ) -> Finding {
        let cat = form.catalogue();
        let c = &cat.cells[cell];
        let kind = c.kind();
        let code = c.code();
        let shown = |x: i128| match i64::try_from(x) {
            Ok(x) => format_value(x, kind),
            Err(_) => x.to_string(),
        };
        let diff = i128::from(value) - sum;
        let detail = RuleDetail {
            rule: Check::Rule(RuleId::C1),
            level: Level::Error,
            scope: code.clone(),
            cells: vec![code.clone()],
            expected: shown(sum),
            found: format_value(value, kind),
            arithmetic: format!(
                "{code}: {} ≠ Σ {children} units = {} (off by {})",
                format_value(value, kind),
                shown(sum),
                shown(diff.abs())
            ),
        };
        Finding {
            cells: vec![code],
            rules: vec![detail.clone()],
            ..Finding::new(
                Check::Rule(RuleId::C1),
                Level::Error,
                wording::reconciled(c, value, shown(sum), children, shown(diff.abs())),
            )
            .unit(unit, Some(year))
            .found(detail.found, detail.expected)
        }
    }

    /// C1: units below `unit` due to report for `year` whose reports are not in the batch, so
    /// not in the sum its report is checked against.
    pub fn children_missing(unit: &str, year: i32, missing: &[&str], due: usize) -> Finding {
        let names = missing.join(&msg!("list-separator"));
        let detail = RuleDetail {
            rule: Check::Rule(RuleId::C1),
            level: Level::Warning,
            scope: "units".to_string(),
            cells: Vec::new(),
            expected: format!("{due} reports"),
            found: format!("{} reports", due - missing.len()),
            arithmetic: format!("no report from {}", missing.join(", ")),
        };
        Finding {
            rules: vec![detail.clone()],
            ..Finding::new(
                Check::Rule(RuleId::C1),
                Level::Warning,
                msg!(
                    "rule-c1-missing",
                    count = missing.len(),
                    due = due,
                    units = names
                ),
            )
            .unit(unit, Some(year))
            .found(detail.found, detail.expected)
        }
    }

    /// At `place` in its file.
    pub fn place(mut self, place: Place) -> Finding {
        self.place = place;
        self
    }

    /// At 1-based `line` of a text file, and field `column` of it in delimited text.
    pub fn at(self, line: u32, column: Option<u32>) -> Finding {
        self.place(Place::Line { line, column })
    }

    /// At 1-based `row` of a workbook sheet, and 1-based `column` of it (`file[Sheet1]!D31`).
    pub fn in_sheet(self, sheet: &str, row: u32, column: Option<u32>) -> Finding {
        self.place(Place::Sheet {
            sheet: sheet.to_string(),
            row,
            column,
        })
    }

    /// The 1-based line of a text file, when the place is one.
    pub fn line(&self) -> Option<u32> {
        self.place.line().map(|(line, _)| line)
    }

    /// The 1-based field of a line of delimited text, when the place is one.
    pub fn column(&self) -> Option<u32> {
        self.place.line().and_then(|(_, column)| column)
    }

    /// The name of the workbook sheet, when the place is in one.
    pub fn sheet(&self) -> Option<&str> {
        match &self.place {
            Place::Sheet { sheet, .. } => Some(sheet),
            _ => None,
        }
    }

    /// The sheet's cell as the sheet names it (`D31`), when the place is one.
    pub fn cell(&self) -> Option<String> {
        self.place.cell()
    }

    /// The 1-based table of a page or Word document, when the place is a row of one.
    pub fn table(&self) -> Option<u32> {
        match self.place {
            Place::TableRow { table, .. } => Some(table),
            _ => None,
        }
    }

    /// The 1-based row of a sheet or of a table, when the place is in one.
    pub fn row(&self) -> Option<u32> {
        match self.place {
            Place::Sheet { row, .. } | Place::TableRow { row, .. } => Some(row),
            _ => None,
        }
    }

    /// The 1-based page of a PDF, when the place is one.
    pub fn page(&self) -> Option<u32> {
        match self.place {
            Place::Page { page } => Some(page),
            _ => None,
        }
    }

    pub fn found(mut self, text: impl Into<String>, expected: impl Into<String>) -> Finding {
        self.found = Some(text.into());
        self.expected = Some(expected.into());
        self
    }

    pub fn unit(mut self, unit: &str, year: Option<i32>) -> Finding {
        self.unit = Some(unit.to_string());
        self.year = year;
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    /// Sorts findings to read top to bottom through each file: by file, place, unit, year and
    /// rule, then as printed; findings without a file first, and in a file those at no finer
    /// place. Places in a file go by number (line 9 before line 10, table 2 before table 10,
    /// column D before AA), sheets by name.
    pub fn sort(findings: &mut [Finding]) {
        findings.sort_by(Finding::order);
    }

    fn order(a: &Finding, b: &Finding) -> Ordering {
        a.key()
            .cmp(&b.key())
            .then_with(|| a.to_string().cmp(&b.to_string()))
    }

    fn key(&self) -> impl Ord + '_ {
        (
            // As printed, not by path components.
            self.file.as_deref().map(|p| p.to_string_lossy()),
            place_key(&self.place),
            self.unit.as_deref(),
            self.year,
            self.rule,
        )
    }
}

impl RuleDetail {
    /// A broken rule of one report, in codes.
    fn of(v: &Violation, form: FormVersion) -> RuleDetail {
        let cat = form.catalogue();
        let kind = cat.cells[v.anchor()].kind();
        let sum = |x: i128| match i64::try_from(x) {
            Ok(x) => format_value(x, kind),
            Err(_) => x.to_string(),
        };
        let (expected, found) = match v.relation {
            Relation::Eq => (sum(v.rhs_sum()), sum(v.lhs_sum())),
            Relation::Le => (format!("≤ {}", sum(v.rhs_sum())), sum(v.lhs_sum())),
            Relation::Ge => (format!("≥ {}", sum(v.rhs_sum())), sum(v.lhs_sum())),
        };
        RuleDetail {
            rule: Check::Rule(v.rule),
            level: v.level,
            scope: v.scope.clone(),
            cells: v.cells().map(|i| cat.cells[i].code()).collect(),
            expected,
            found,
            arithmetic: v.arithmetic(cat),
        }
    }
}

/// The place in a file as a sort key: nowhere finer first, then by kind (a file holds one kind
/// but for the prose around a document's tables), then by number.
fn place_key(place: &Place) -> (u8, &str, u32, Option<u32>) {
    match place {
        Place::File => (0, "", 0, None),
        Place::Line { line, column } => (1, "", *line, *column),
        Place::Sheet { sheet, row, column } => (2, sheet, *row, *column),
        Place::TableRow { table, row } => (3, "", *table, Some(*row)),
        Place::Page { page } => (4, "", *page, None),
    }
}

impl fmt::Display for Finding {
    /// The file and place first, as `file:12:4`, `file[Sheet1]!D31`, `file table 2 row 14` or
    /// `file page 3` print (in Chinese `file 第12行第4列`, …), in the run's language.
    ///
    /// A reading problem: `data/2020/城关区.csv:12:4: error: 城关区 2020: not a number: found "abc", expected a whole number ≥ 0`;
    /// a rule: `data/2020/城关区.csv:31: 城关区 2020 error: the requests table (三), column “natural persons”: … [R1]`;
    /// a registry gap: `城关区 2020 coverage warning: no report from this district (registry)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let colon = msg!("punct-colon");
        if let Some(file) = &self.file {
            write!(f, "{}{colon}", self.place.in_file(file))?;
        }
        let unit_year = self.unit.as_deref().map(|unit| match self.year {
            Some(year) => msg!("finding-unit-year", unit = unit, year = year.to_string()),
            None => unit.to_string(),
        });
        match self.rule {
            Check::Input => {
                write!(f, "{}{colon}", level_word(self.level))?;
                if let Some(unit_year) = &unit_year {
                    write!(f, "{unit_year}{colon}")?;
                }
                write!(f, "{}", self.message)?;
                let comma = msg!("punct-comma");
                if let Some(found) = &self.found {
                    write!(
                        f,
                        "{colon}{}",
                        msg!("finding-found", found = format!("{found:?}"))
                    )?;
                }
                if let Some(expected) = &self.expected {
                    let sep = if self.found.is_some() { &comma } else { &colon };
                    write!(f, "{sep}{}", msg!("finding-expected", expected = expected))?;
                }
                Ok(())
            }
            Check::Coverage => write!(
                f,
                "{} {} {}{colon}{}",
                unit_year.unwrap_or_default(),
                msg!("finding-check-coverage"),
                level_word(self.level),
                self.message
            ),
            Check::Rule(_) => {
                if let Some(unit_year) = &unit_year {
                    write!(f, "{unit_year} ")?;
                }
                let ids: Vec<&str> = if self.rules.is_empty() {
                    vec![self.rule.code()]
                } else {
                    self.rules.iter().map(|r| r.rule.code()).collect()
                };
                write!(
                    f,
                    "{}{colon}{} [{}]",
                    level_word(self.level),
                    self.message,
                    ids.join(", ")
                )
            }
        }
    }
}

/// The object `validate --format json` prints (the export's findings table has its columns): the
/// fields, `file` as text, and as `message` the line as printed. Written out rather than derived
/// because that line is rendered from the other fields, which readers still set after a finding
/// is made (`d.found = …`), so a stored copy could go stale.
///
/// The place is flat, one key per part, each `null` where the place has none, so a script
/// filters on a key without knowing the formats: `line` and `column` (a line of text and its
/// CSV field), `sheet` and `cell` (a workbook sheet and its cell, `D31`; `cell` is `null` for a
/// whole row), `table` (of a page or Word document), `row` (of the sheet or the table), `page`
/// (of a PDF). All are `null` for a finding in no finer place than its file.
impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Finding", 17)?;
        o.serialize_field("file", &self.file.as_deref().map(|p| p.to_string_lossy()))?;
        o.serialize_field("line", &self.line())?;
        o.serialize_field("column", &self.column())?;
        o.serialize_field("sheet", &self.sheet())?;
        o.serialize_field("cell", &self.cell())?;
        o.serialize_field("table", &self.table())?;
        o.serialize_field("row", &self.row())?;
        o.serialize_field("page", &self.page())?;
        o.serialize_field("unit", &self.unit)?;
        o.serialize_field("year", &self.year)?;
        o.serialize_field("rule", &self.rule)?;
        o.serialize_field("level", &self.level)?;
        o.serialize_field("cells", &self.cells)?;
        o.serialize_field("expected", &self.expected)?;
        o.serialize_field("found", &self.found)?;
        o.serialize_field("message", &self.to_string())?;
        o.serialize_field("rules", &self.rules)?;
        o.end()
    }
}

/// `error` or `warning` in the run's language.
pub fn level_word(level: Level) -> String {
    match level {
        Level::Error => gongkai_messages::msg!("level-error"),
        Level::Warning => gongkai_messages::msg!("level-warning"),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use gongkai_document::Place;
    use gongkai_form::{FormVersion, Level, RuleId};

    use super::{Check, Finding};

    fn sheet(name: &str, row: u32, column: Option<u32>) -> Place {
        Place::Sheet {
            sheet: name.to_string(),
            row,
            column,
        }
    }

    fn file(name: &str) -> Arc<PathBuf> {
        Arc::new(PathBuf::from(name))
    }

    #[test]
    fn each_kind_prints_as_one_line() {
        let input = Finding::error(&file("data/2020/城关区.csv"), "not a number")
            .at(12, Some(4))
            .unit("城关区", Some(2020))
            .found("abc", "a whole number ≥ 0");
        assert_eq!(
            input.to_string(),
            "data/2020/城关区.csv:12:4: error: 城关区 2020: not a number: found \"abc\", expected a whole number ≥ 0"
        );
        let rule = Finding {
            file: Some(file("data/2020/城关区.csv")),
            place: Place::Line {
                line: 31,
                column: None,
            },
            ..Finding::new(
                Check::Rule(RuleId::R1),
                Level::Error,
                "natural_person: 41 + 2 ≠ 40 + 0 (off by 3)",
            )
            .unit("城关区", Some(2020))
        };
        assert_eq!(
            rule.to_string(),
            "data/2020/城关区.csv:31: 城关区 2020 error: natural_person: 41 + 2 ≠ 40 + 0 (off by 3) [R1]"
        );
        let missing = Finding::new(
            Check::Coverage,
            Level::Warning,
            "no report from this district (registry)",
        )
        .unit("城关区", Some(2020));
        assert_eq!(
            missing.to_string(),
            "城关区 2020 coverage warning: no report from this district (registry)"
        );
    }

    #[test]
    fn serializes_as_the_validate_json_object() {
        let f = Finding {
            cells: vec!["appeals.reconsideration.total".to_string()],
            ..Finding::warning(&file("a.csv"), "blank total")
                .at(3, None)
                .unit("西固区", Some(2020))
                .found("", "68")
        };
        // The keys in this order, `message` the line as printed.
        let message = serde_json::to_string(&f.to_string()).unwrap_or_default();
        assert_eq!(
            serde_json::to_string(&f).unwrap_or_default(),
            format!(
                "{{\"file\":\"a.csv\",\"line\":3,\"column\":null,\"sheet\":null,\"cell\":null,\
                 \"table\":null,\"row\":null,\"page\":null,\"unit\":\"西固区\",\"year\":2020,\
                 \"rule\":\"input\",\"level\":\"warning\",\"cells\":[\"appeals.reconsideration.total\"],\
                 \"expected\":\"68\",\"found\":\"\",\"message\":{message},\"rules\":[]}}"
            )
        );
    }

    #[test]
    fn level_and_check_are_their_codes_both_ways() {
        for level in [Level::Error, Level::Warning] {
            let text = serde_json::to_string(&level).unwrap_or_default();
            assert_eq!(text, format!("\"{}\"", level.code()));
            assert_eq!(serde_json::from_str::<Level>(&text).ok(), Some(level));
        }
        let mut checks: Vec<Check> = RuleId::ALL.into_iter().map(Check::Rule).collect();
        checks.extend([Check::Coverage, Check::Input]);
        for c in &checks {
            let text = serde_json::to_string(c).unwrap_or_default();
            assert_eq!(text, format!("\"{}\"", c.code()));
            assert_eq!(serde_json::from_str::<Check>(&text).ok(), Some(*c));
            assert_eq!(Check::parse(&c.code().to_lowercase()), Some(*c));
        }
        assert!(serde_json::from_str::<Check>("\"R9\"").is_err());
        // Findings sort by check as by its code.
        let mut by_code = checks.clone();
        by_code.sort_by_key(|c| c.code());
        checks.sort();
        assert_eq!(checks, by_code);
    }

    #[test]
    fn sorted_by_file_as_printed_then_line_then_as_printed() {
        let at = |name: &str, line: u32, message: &str| {
            Finding::error(&file(name), message).at(line, None)
        };
        // A total with a negative count: R5, no file.
        let form = FormVersion::F2019;
        let mut values = vec![0; form.catalogue().len()];
        values[0] = -1;
        let violations = gongkai_form::rules::check_values(form, &values);
        let total = Finding::violation(&violations[0], form, "合计", 2020);
        let mut findings = vec![
            at("a/b.csv", 1, "x"),
            at("a-b.csv", 2, "x"),
            at("a-b.csv", 1, "y"),
            at("a-b.csv", 1, "x"),
            total.clone(),
        ];
        Finding::sort(&mut findings);
        let order: Vec<String> = findings.iter().map(ToString::to_string).collect();
        assert_eq!(
            order,
            [
                total.to_string(),
                "a-b.csv:1: error: x".to_string(),
                "a-b.csv:1: error: y".to_string(),
                "a-b.csv:2: error: x".to_string(),
                "a/b.csv:1: error: x".to_string(),
            ]
        );
        assert!(total.file.is_none() && total.place == Place::File);
        assert_eq!(total.rule, Check::Rule(RuleId::R5));
    }

    #[test]
    fn every_kind_of_place_prints_after_the_file() {
        let at = |place: Place| {
            Finding::error(&file("城关区.xlsx"), "not a number")
                .place(place)
                .unit("城关区", Some(2020))
                .to_string()
        };
        let tail = ": error: 城关区 2020: not a number";
        assert_eq!(
            at(sheet("Sheet1", 31, Some(4))),
            format!("城关区.xlsx[Sheet1]!D31{tail}")
        );
        assert_eq!(
            at(sheet("表1", 7, None)),
            format!("城关区.xlsx[表1]!7:7{tail}")
        );
        assert_eq!(
            at(Place::TableRow { table: 2, row: 14 }),
            format!("城关区.xlsx table 2 row 14{tail}")
        );
        assert_eq!(
            at(Place::Page { page: 3 }),
            format!("城关区.xlsx page 3{tail}")
        );
        assert_eq!(
            at(Place::Line {
                line: 12,
                column: Some(4)
            }),
            format!("城关区.xlsx:12:4{tail}")
        );
        assert_eq!(at(Place::File), format!("城关区.xlsx{tail}"));
        // A rule finding in a sheet: the place, then the unit and the arithmetic.
        let rule = Finding::new(
            Check::Rule(RuleId::R1),
            Level::Error,
            "natural_person: 1 ≠ 2",
        )
        .unit("城关区", Some(2020));
        let rule = Finding {
            file: Some(file("城关区.xlsx")),
            ..rule.place(sheet("Sheet1", 31, Some(4)))
        };
        assert_eq!(
            rule.to_string(),
            "城关区.xlsx[Sheet1]!D31: 城关区 2020 error: natural_person: 1 ≠ 2 [R1]"
        );
    }

    #[test]
    fn every_kind_of_place_serializes_as_its_parts() {
        // (place, line, column, sheet, cell, table, row, page) as JSON.
        let cases = [
            (
                Place::Line {
                    line: 12,
                    column: Some(4),
                },
                r#""line":12,"column":4,"sheet":null,"cell":null,"table":null,"row":null,"page":null"#,
            ),
            (
                Place::Line {
                    line: 12,
                    column: None,
                },
                r#""line":12,"column":null,"sheet":null,"cell":null,"table":null,"row":null,"page":null"#,
            ),
            (
                sheet("表1", 31, Some(4)),
                r#""line":null,"column":null,"sheet":"表1","cell":"D31","table":null,"row":31,"page":null"#,
            ),
            (
                sheet("Sheet1", 7, None),
                r#""line":null,"column":null,"sheet":"Sheet1","cell":null,"table":null,"row":7,"page":null"#,
            ),
            (
                Place::TableRow { table: 2, row: 14 },
                r#""line":null,"column":null,"sheet":null,"cell":null,"table":2,"row":14,"page":null"#,
            ),
            (
                Place::Page { page: 3 },
                r#""line":null,"column":null,"sheet":null,"cell":null,"table":null,"row":null,"page":3"#,
            ),
            (
                Place::File,
                r#""line":null,"column":null,"sheet":null,"cell":null,"table":null,"row":null,"page":null"#,
            ),
        ];
        for (place, parts) in cases {
            let f = Finding::error(&file("a.xlsx"), "x").place(place.clone());
            let json = serde_json::to_string(&f).unwrap_or_default();
            let message = serde_json::to_string(&f.to_string()).unwrap_or_default();
            assert_eq!(
                json,
                format!(
                    "{{\"file\":\"a.xlsx\",{parts},\"unit\":null,\"year\":null,\"rule\":\"input\",\
                     \"level\":\"error\",\"cells\":[],\"expected\":null,\"found\":null,\
                     \"message\":{message},\"rules\":[]}}"
                ),
                "{place:?}"
            );
        }
    }

    #[test]
    fn places_in_a_file_sort_by_number() {
        let at = |place: Place| Finding::error(&file("a.xlsx"), "x").place(place);
        let mut findings = vec![
            at(Place::TableRow { table: 10, row: 1 }),
            at(Place::TableRow { table: 2, row: 14 }),
            at(Place::TableRow { table: 2, row: 9 }),
            at(sheet("表1", 31, Some(27))),
            at(sheet("表1", 31, Some(4))),
            at(sheet("表1", 31, None)),
            at(sheet("表1", 9, Some(4))),
            at(Place::Page { page: 10 }),
            at(Place::Page { page: 3 }),
            at(Place::Line {
                line: 10,
                column: None,
            }),
            at(Place::Line {
                line: 9,
                column: Some(2),
            }),
            at(Place::File),
        ];
        Finding::sort(&mut findings);
        let order: Vec<String> = findings.iter().map(ToString::to_string).collect();
        assert_eq!(
            order,
            [
                "a.xlsx: error: x",
                "a.xlsx:9:2: error: x",
                "a.xlsx:10: error: x",
                "a.xlsx[表1]!D9: error: x",
                "a.xlsx[表1]!31:31: error: x",
                "a.xlsx[表1]!D31: error: x",
                "a.xlsx[表1]!AA31: error: x",
                "a.xlsx table 2 row 9: error: x",
                "a.xlsx table 2 row 14: error: x",
                "a.xlsx table 10 row 1: error: x",
                "a.xlsx page 3: error: x",
                "a.xlsx page 10: error: x",
            ]
        );
    }
}
