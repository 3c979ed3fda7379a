//! What became of the files of a batch: each file's reports and problems, and the counts of the
//! summary line.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use gongkai_document::Format;
use gongkai_form::Level;

use crate::{Finding, Layout, UnitReport};

/// Everything learned from one file: accepted reports, what was rejected and why.
#[derive(Debug, PartialEq, Eq)]
pub struct FileRead {
    pub file: Arc<PathBuf>,
    /// Size of the file in bytes (0 when it could not be read).
    pub bytes: u64,
    /// SHA-256 of the file's bytes, when asked for and the file was read whole (not a large
    /// tidy file read in pieces, nor one refused from its start).
    pub sha256: Option<[u8; 32]>,
    /// What the file is, told by its bytes (`None` when it could not be read or was skipped by
    /// its name).
    pub format: Option<Format>,
    /// Why the file was not read as a report at all, when it was passed over (an Excel lock
    /// file, a hidden file, a file that is no report by its name or content); a warning says so.
    pub skipped: Option<String>,
    /// Encoding the text was read in, once decoded.
    pub encoding: Option<&'static str>,
    pub layout: Option<Layout>,
    /// Reports without errors, ready to sum (a batch moves them out; `accepted` stays).
    pub reports: Vec<UnitReport>,
    /// How many reports were accepted.
    pub accepted: usize,
    /// Reports left out because of errors: `城关区 2020`.
    pub rejected: Vec<String>,
    pub diagnostics: Vec<Finding>,
    /// Value cells seen in the file (tidy: data lines; grid: cells in value columns of table rows).
    pub values_read: usize,
    /// Value cells that went into accepted reports.
    pub values_used: usize,
    /// Value cells left out: unreadable, unknown rows, duplicates, or part of a rejected report.
    pub values_rejected: usize,
}

impl FileRead {
    /// True when nothing of the file can be used.
    pub fn is_rejected(&self) -> bool {
        self.accepted == 0 && self.diagnostics.iter().any(Finding::is_error)
    }

    /// True when the file was passed over, not read as a report.
    pub fn is_skipped(&self) -> bool {
        self.skipped.is_some()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.diagnostics.iter().filter(|d| d.level == Level::Error)
    }
}

/// Counts for the summary line: what came in and what was left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files_seen: usize,
    pub files_used: usize,
    /// Files read as reports that gave none (every file seen is used, rejected or skipped).
    pub files_rejected: usize,
    /// Files passed over: not reports by their name or content, lock files, hidden files.
    pub files_skipped: usize,
    /// Files seen by what their bytes are.
    pub formats: BTreeMap<Format, usize>,
    pub reports: usize,
    pub reports_rejected: usize,
    pub units: usize,
    pub years: Vec<i32>,
    pub blank_cells: usize,
    pub values_read: usize,
    pub values_used: usize,
    pub values_rejected: usize,
    pub errors: usize,
    pub warnings: usize,
}
