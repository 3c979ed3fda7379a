//! What went wrong where: every rejected file, cell or row is reported with its place.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use gongkai_form::{Level, ValueError};

/// One problem found while reading, pointing at file, line and column where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub level: Level,
    pub file: Arc<PathBuf>,
    /// 1-based line in the file.
    pub line: Option<u32>,
    /// 1-based CSV column.
    pub column: Option<u32>,
    pub unit: Option<String>,
    pub year: Option<i32>,
    /// What is wrong, in a few words.
    pub message: String,
    /// The offending text, verbatim.
    pub found: Option<String>,
    /// What would have been accepted.
    pub expected: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &Arc<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level: Level::Error,
            file: Arc::clone(file),
            line: None,
            column: None,
            unit: None,
            year: None,
            message: message.into(),
            found: None,
            expected: None,
        }
    }

    pub fn warning(file: &Arc<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, line: u32, column: Option<u32>) -> Diagnostic {
        self.line = Some(line);
        self.column = column;
        self
    }

    pub fn found(mut self, text: impl Into<String>, expected: impl Into<String>) -> Diagnostic {
        self.found = Some(text.into());
        self.expected = Some(expected.into());
        self
    }

    pub fn unit(mut self, unit: &str, year: Option<i32>) -> Diagnostic {
        self.unit = Some(unit.to_string());
        self.year = year;
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `data/2020/城关区.csv:12:4: error: not a number: found "abc", expected a whole number ≥ 0`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}: ", self.level)?;
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
        Ok(())
    }
}

/// What is wrong with a cell's text, in words for the diagnostic.
pub fn value_problem(e: ValueError) -> String {
    match e {
        ValueError::Overflow => "too large: past the 64-bit integer range".to_string(),
        other => other.to_string(),
    }
}
