//! One file from bytes to reports: decode, split into records, detect the layout, read.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gongkai_form::Level;

use crate::decode::{decode, EncodingChoice};
use crate::table::{read_records, sniff_delimiter};
use crate::{grid, template, tidy, Diagnostic, Layout, UnitReport};

/// How to read files.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    pub encoding: EncodingChoice,
}

/// Everything learned from one file: accepted reports, what was rejected and why.
#[derive(Debug, PartialEq, Eq)]
pub struct FileRead {
    pub file: Arc<PathBuf>,
    /// Size of the file in bytes (0 when it could not be read).
    pub bytes: u64,
    /// Encoding the text was read in, once decoded.
    pub encoding: Option<&'static str>,
    pub layout: Option<Layout>,
    /// Reports without errors, ready to sum (a batch moves them out; `accepted` stays).
    pub reports: Vec<UnitReport>,
    /// How many reports were accepted.
    pub accepted: usize,
    /// Reports left out because of errors: `城关区 2020`.
    pub rejected: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
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
        self.accepted == 0 && self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.level == Level::Error)
    }
}

/// Working state of one file's read, shared by the tidy and grid readers.
#[derive(Debug)]
pub(crate) struct Reading {
    pub file: Arc<PathBuf>,
    pub reports: Vec<UnitReport>,
    pub diagnostics: Vec<Diagnostic>,
    pub values_read: usize,
    pub values_rejected: usize,
    /// Where the grid reader took each cell from, when asked: what a template learns from.
    pub cell_sources: Option<template::CellSources>,
    bytes: u64,
    /// (unit, year) reports to leave out because one of their cells was rejected.
    tainted: HashSet<(String, i32)>,
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
            tainted: HashSet::new(),
            file_failed: false,
        }
    }

    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.file, message)
    }

    pub fn warning(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.file, message)
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// A value cell that cannot be used.
    pub fn reject_value(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
        self.values_rejected += 1;
    }

    /// `n` values seen and left out (an unknown row, values outside the tables), with why.
    pub fn skip_values(&mut self, d: Diagnostic, n: usize) {
        self.diagnostics.push(d);
        self.values_read += n;
        self.values_rejected += n;
    }

    /// Leaves out the whole report of `unit` in `year`: a total missing one of its cells would be
    /// silently wrong.
    pub fn taint(&mut self, unit: &str, year: i32) {
        self.tainted.insert((unit.to_string(), year));
    }

    /// Nothing in the file can be used.
    pub fn fail_file(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
        self.file_failed = true;
    }

    fn finish(mut self, encoding: Option<&'static str>, layout: Option<Layout>) -> FileRead {
        let mut accepted = Vec::new();
        let mut rejected = Vec::new();
        let mut used = 0;
        for report in std::mem::take(&mut self.reports) {
            let present = report.source.lines.iter().filter(|l| **l != 0).count();
            let bad_cells = self
                .diagnostics
                .iter()
                .filter(|d| {
                    d.is_error()
                        && d.unit.as_deref() == Some(&report.unit)
                        && d.year == Some(report.year)
                })
                .count();
            if self.file_failed || self.tainted.contains(&(report.unit.clone(), report.year)) {
                // Its rejected cells are counted already and were never set; the rest go with it.
                self.values_rejected += present;
                rejected.push(format!("{} {}", report.unit, report.year));
                let d = Diagnostic::error(
                    &self.file,
                    format!("report left out: {bad_cells} error(s) in its cells"),
                )
                .unit(&report.unit, Some(report.year));
                self.diagnostics.push(d);
            } else {
                used += present;
                accepted.push(report);
            }
        }
        FileRead {
            file: self.file,
            bytes: self.bytes,
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

#[cfg(test)]
thread_local! {
    /// Tests turn the one-pass readers off to compare them with the full readers.
    pub(crate) static FAST_PATHS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

fn fast_paths() -> bool {
    #[cfg(test)]
    return FAST_PATHS.with(std::cell::Cell::get);
    #[cfg(not(test))]
    true
}

/// The year a folder names, e.g. `data/lanzhou/2020/城关区.csv` → 2020 (nearest folder wins).
pub fn year_from_path(path: &Path) -> Option<i32> {
    path.parent()?.ancestors().find_map(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .and_then(tidy::parse_year)
    })
}

/// The unit a file name names: its stem, `城关区.csv` → 城关区.
pub fn unit_from_path(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reads one file. Never panics and never fails: problems are in the returned diagnostics.
pub fn read_file(path: &Path, options: &ReadOptions) -> FileRead {
    let file = Arc::new(path.to_path_buf());
    let mut r = Reading::new(file);
    BUFFER.with_borrow_mut(|buf| match read_into(path, buf) {
        Ok(n) => read_bytes(&buf[..n], path, options, r),
        Err(e) => {
            let d = r.error(format!("cannot read the file: {e}"));
            r.fail_file(d);
            r.finish(None, None)
        }
    })
}

thread_local! {
    /// Each reading thread's file buffer, reused: a national batch is 100,000 small files.
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads the whole file into the front of `buf`, growing it as needed; returns the length.
/// Unlike `fs::read`, it does not ask the file's size first and allocates nothing per file: one
/// `read` takes a small file whole.
fn read_into(path: &Path, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut filled = 0;
    loop {
        if filled == buf.len() {
            buf.resize((buf.len() * 2).max(64 * 1024), 0);
        }
        match file.read(&mut buf[filled..]) {
            Ok(0) => return Ok(filled),
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Reads a file's contents as if from `path` (which names the unit and year where the file does not).
pub fn read_bytes_at(bytes: &[u8], path: &Path, options: &ReadOptions) -> FileRead {
    read_bytes(
        bytes,
        path,
        options,
        Reading::new(Arc::new(path.to_path_buf())),
    )
}

fn read_bytes(bytes: &[u8], path: &Path, options: &ReadOptions, mut r: Reading) -> FileRead {
    r.bytes = bytes.len() as u64;
    let decoded = match decode(bytes, options.encoding) {
        Ok(d) => d,
        Err(e) => {
            let mut d = r.error(e.detail());
            d.line = e.line();
            r.fail_file(d);
            return r.finish(None, None);
        }
    };
    let encoding = Some(decoded.encoding.name());
    let text = decoded.text.as_ref();
    // A canonical tidy export first: every line of one has commas, so the delimiter is a comma.
    if fast_paths() && tidy::read_plain(text, &mut r) {
        return r.finish(encoding, Some(Layout::Tidy));
    }
    let delimiter = sniff_delimiter(text);
    if delimiter != b',' {
        let name = if delimiter == b'\t' {
            "tab"
        } else {
            "semicolon"
        };
        let d = r.warning(format!(
            "fields are separated by {name}s, not commas; read as such"
        ));
        r.push(d.at(1, None));
    }
    // Most files of a national batch are plain: the canonical tidy export (above), or a grid laid
    // out as one seen before. Those are read in one pass over the text, with the same result as
    // below (tests compare them); anything else, or anything they are unsure of, goes the full way.
    if delimiter == b',' && fast_paths() && template::read_known(text, path, &mut r) {
        let read = r.finish(encoding, Some(Layout::Grid));
        // Tests hold every template read to the full reader's result.
        #[cfg(test)]
        template::assert_same_as_full(&read, || {
            read_bytes(bytes, path, options, Reading::new(read.file.clone()))
        });
        return read;
    }
    let table = match read_records(text, delimiter) {
        Ok(table) => table,
        Err(e) => {
            let mut d = r.error(e.detail());
            d.line = e.line();
            r.fail_file(d);
            return r.finish(encoding, None);
        }
    };
    let records = table.records();
    let first = records.iter().find(|rec| !rec.is_empty());
    let layout = match first.and_then(tidy::header_positions) {
        Some(pos) => {
            let start = records.iter().position(|rec| !rec.is_empty()).unwrap_or(0);
            if records[start + 1..].iter().all(|rec| rec.is_empty()) {
                let d = r
                    .error("header only: the file has no values")
                    .at(records[start].line, None);
                r.fail_file(d);
            } else {
                tidy::read(&records[start..], pos, &mut r);
            }
            Layout::Tidy
        }
        None => {
            // Where each cell came from, for the template a clean read of a plain text leaves.
            r.cell_sources =
                (delimiter == b',' && template::learning()).then(template::CellSources::default);
            grid::read(
                &records,
                year_from_path(path),
                &unit_from_path(path),
                &mut r,
            );
            template::learn(text, &records, path, &mut r);
            Layout::Grid
        }
    };
    r.finish(encoding, Some(layout))
}
