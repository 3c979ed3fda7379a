//! What went wrong where, from reading to Parquet: one [`Finding`] for a reading problem, a rule
//! that does not hold and a gap against the units registry. It prints as one line and serializes
//! as one object (`validate --format json`, the export's findings table).

use std::cmp::Ordering;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use gongkai_document::Place;
use gongkai_form::{format_value, FormVersion, Level, Relation, RuleId, ValueError, Violation};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

/// The check that found a problem: a rule of the form, reading, or the units registry.
///
/// Variants are in the order of their codes (`R1` … `X4` < `coverage` < `input`), so findings
/// sort the same by either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Check {
    /// R1–R6 on a report, X1–X4 between a unit's years.
    Rule(RuleId),
    /// A unit the registry expects without a report, or a report of a unit it does not know.
    Coverage,
    /// A file, line or cell that could not be read as it is.
    Input,
}

impl Check {
    /// `R1` … `X4`, `coverage` or `input`.
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
            .ok_or_else(|| format!("not a check: {s:?} (R1…R6, X1…X4, coverage, input)"))
    }
}

/// One problem, pointing at file, line and column where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `None` for a consolidated total and for a unit with no report.
    pub file: Option<Arc<PathBuf>>,
    /// The workbook sheet the place is in; then `line` and `column` are its row and column.
    pub sheet: Option<String>,
    /// 1-based line in the file (the row of a sheet).
    pub line: Option<u32>,
    /// 1-based CSV column (the column of a sheet).
    pub column: Option<u32>,
    pub unit: Option<String>,
    pub year: Option<i32>,
    /// The check that found it: `R1` … `X4`, `coverage` or `input`.
    pub rule: Check,
    pub level: Level,
    /// Codes (`section.row.column`) of the cells a rule involves.
    pub cells: Vec<String>,
    /// What would have been accepted; what the rule expects.
    pub expected: Option<String>,
    /// The offending text, verbatim; what the report has.
    pub found: Option<String>,
    /// What is wrong, in a few words; for a rule, its arithmetic. (The `message` of the JSON
    /// object and of the export is the whole line as printed.)
    pub message: String,
}

impl Finding {
    /// A finding of `rule` at no place yet.
    pub fn new(rule: Check, level: Level, message: impl Into<String>) -> Finding {
        Finding {
            file: None,
            sheet: None,
            line: None,
            column: None,
            unit: None,
            year: None,
            rule,
            level,
            cells: Vec::new(),
            expected: None,
            found: None,
            message: message.into(),
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

    /// A rule of the form that does not hold on `unit`'s report for `year` (or on a total): its
    /// cells, what the rule expects and what the report has, its arithmetic as the message. The
    /// caller places it in a file.
    pub fn violation(v: &Violation, form: FormVersion, unit: &str, year: i32) -> Finding {
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
        Finding {
            cells: v.cells().map(|i| cat.cells[i].code()).collect(),
            ..Finding::new(Check::Rule(v.rule), v.level, v.arithmetic(cat))
                .unit(unit, Some(year))
                .found(found, expected)
        }
    }

    pub fn at(mut self, line: u32, column: Option<u32>) -> Finding {
        self.line = Some(line);
        self.column = column;
        self
    }

    /// At a cell of a workbook sheet (1-based row and column), or its row: `file[Sheet1]!D31`.
    pub fn in_sheet(mut self, sheet: &str, row: u32, column: Option<u32>) -> Finding {
        self.sheet = Some(sheet.to_string());
        self.line = Some(row);
        self.column = column;
        self
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

    /// Sorts findings to read top to bottom through each file: by file, line, column, unit,
    /// year and rule, then as printed; findings without a file first.
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
            self.sheet.as_deref(),
            self.line,
            self.column,
            self.unit.as_deref(),
            self.year,
            self.rule,
        )
    }
}

impl fmt::Display for Finding {
    /// A reading problem: `data/2020/城关区.csv:12:4: error: not a number: found "abc", expected a whole number ≥ 0`;
    /// a rule: `data/2020/城关区.csv:31: 城关区 2020 R1 error natural_person: 41 + 2 ≠ 40 + 0 (off by 3)`;
    /// a registry gap: `城关区 2020 coverage warning: no report from this district (registry)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some(sheet) = &self.sheet {
                let place = Place::Sheet {
                    sheet: sheet.clone(),
                    row: self.line.unwrap_or(0),
                    column: self.column,
                };
                match self.line {
                    Some(_) => write!(f, "{place}")?,
                    None => write!(f, "[{sheet}]")?,
                }
            } else if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(col) = self.column {
                    write!(f, ":{col}")?;
                }
            }
            write!(f, ": ")?;
        }
        if self.rule == Check::Input {
            write!(f, "{}: ", self.level)?;
            if let Some(unit) = &self.unit {
                write!(f, "{unit}")?;
                if let Some(year) = self.year {
                    write!(f, " {year}")?;
                }
                write!(f, ": ")?;
            }
            write!(f, "{}", self.message)?;
            if let Some(found) = &self.found {
                write!(f, ": found {found:?}")?;
            }
            if let Some(expected) = &self.expected {
                write!(f, ", expected {expected}")?;
            }
            return Ok(());
        }
        write!(f, "{}", self.unit.as_deref().unwrap_or_default())?;
        if let Some(year) = self.year {
            write!(f, " {year}")?;
        }
        // A rule's message is its arithmetic; a registry gap's is a sentence.
        let colon = if self.rule == Check::Coverage {
            ":"
        } else {
            ""
        };
        write!(f, " {} {}{colon} {}", self.rule, self.level, self.message)
    }
}

/// The object `validate --format json` prints (the export's findings table has its columns): the
/// fields, `file` as text, and as `message` the line as printed. Written out rather than derived
/// because that line is rendered from the other fields, which readers still set after a finding
/// is made (`d.found = …`), so a stored copy could go stale.
impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Finding", 11)?;
        o.serialize_field("file", &self.file.as_deref().map(|p| p.to_string_lossy()))?;
        // Only for a place in a workbook: every other finding's object is as it was.
        if let Some(sheet) = &self.sheet {
            o.serialize_field("sheet", sheet)?;
        }
        o.serialize_field("line", &self.line)?;
        o.serialize_field("column", &self.column)?;
        o.serialize_field("unit", &self.unit)?;
        o.serialize_field("year", &self.year)?;
        o.serialize_field("rule", &self.rule)?;
        o.serialize_field("level", &self.level)?;
        o.serialize_field("cells", &self.cells)?;
        o.serialize_field("expected", &self.expected)?;
        o.serialize_field("found", &self.found)?;
        o.serialize_field("message", &self.to_string())?;
        o.end()
    }
}

/// What is wrong with a cell's text, in words for the finding.
pub fn value_problem(e: ValueError) -> String {
    match e {
        ValueError::Overflow => "too large: past the 64-bit integer range".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use gongkai_form::{FormVersion, Level, RuleId};

    use super::{Check, Finding};

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
        let in_sheet = Finding::error(&file("data/2020/城关区.xlsx"), "not a number")
            .in_sheet("Sheet1", 31, Some(4))
            .unit("城关区", Some(2020))
            .found("TRUE", "a whole number ≥ 0");
        assert_eq!(
            in_sheet.to_string(),
            "data/2020/城关区.xlsx[Sheet1]!D31: error: 城关区 2020: not a number: found \"TRUE\", expected a whole number ≥ 0"
        );
        let json = serde_json::to_string(&in_sheet).unwrap_or_default();
        assert!(
            json.starts_with("{\"file\":\"data/2020/城关区.xlsx\",\"sheet\":\"Sheet1\",\"line\":31,\"column\":4,"),
            "{json}"
        );
        let rule = Finding {
            file: Some(file("data/2020/城关区.csv")),
            line: Some(31),
            ..Finding::new(
                Check::Rule(RuleId::R1),
                Level::Error,
                "natural_person: 41 + 2 ≠ 40 + 0 (off by 3)",
            )
            .unit("城关区", Some(2020))
        };
        assert_eq!(
            rule.to_string(),
            "data/2020/城关区.csv:31: 城关区 2020 R1 error natural_person: 41 + 2 ≠ 40 + 0 (off by 3)"
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
                "{{\"file\":\"a.csv\",\"line\":3,\"column\":null,\"unit\":\"西固区\",\"year\":2020,\
                 \"rule\":\"input\",\"level\":\"warning\",\"cells\":[\"appeals.reconsideration.total\"],\
                 \"expected\":\"68\",\"found\":\"\",\"message\":{message}}}"
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
        assert!(total.file.is_none() && total.line.is_none());
        assert_eq!(total.rule, Check::Rule(RuleId::R5));
    }
}
