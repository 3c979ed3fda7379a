//! A batch of files read in parallel: the year-end folder of every unit's export.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use gongkai_messages::msg;
use gongkai_report::{Duplicate, FileRead, Prefer, Summary};

use crate::read::{read_file, ReadOptions};
use gongkai_report::{Finding, UnitReport};

/// File names inside input folders that are not unit reports.
/// gongkai's own files beside the reports (the units registry, `generate`'s manifest).
const NOT_REPORTS: &[&str] = &["units.csv", "manifest.json"];

/// The files named by `paths`: files as given, folders searched for every file (sorted, symlinks
/// followed; each file is then read as a report or passed over with a note saying why, so none is
/// left out unseen). Paths that do not exist and unreadable or broken entries are errors;
/// symbolic link loops, entries that are not regular files and second paths to one file are
/// warnings (nothing is left out by them).
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Finding>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    let mut links = paths.len() > 1 || paths.iter().any(|p| p.ancestors().any(is_link));
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
            continue;
        }
        if !path.exists() {
            let message = match std::fs::read_link(path) {
                Ok(target) => msg!("read-broken-link", target = target.display().to_string()),
                Err(_) => msg!("read-no-such-path"),
            };
            problems.push(Finding::error(&Arc::new(path.clone()), message));
            continue;
        }
        // Walked in directory order and sorted once below: walkdir's own sort re-parses both
        // paths on every comparison (a tenth of a second, on one core, for 100,000 files).
        let first = files.len();
        for entry in WalkDir::new(path).follow_links(true) {
            if let Ok(e) = &entry {
                links |= e.path_is_symlink();
            }
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let name = e.file_name().as_encoded_bytes();
                    if !NOT_REPORTS
                        .iter()
                        .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
                    {
                        files.push(e.into_path());
                    }
                }
                Ok(e) if !e.file_type().is_dir() && !e.file_type().is_file() => {
                    problems.push(Finding::warning(
                        &Arc::new(e.into_path()),
                        msg!("read-not-a-regular-file"),
                    ));
                }
                Ok(_) => {}
                Err(err) => {
                    let at = err.path().map_or_else(|| path.clone(), Path::to_path_buf);
                    problems.push(walk_problem(&err, at));
                }
            }
        }
        files[first..].sort_by_cached_key(|p| walk_key(p));
    }
    // One input is sorted by its walk; several are merged (and may name a file twice).
    if paths.len() > 1 {
        files.sort();
        files.dedup();
    }
    problems.sort_by(|a, b| a.file.cmp(&b.file));
    // Two paths to one file need a symbolic link or two overlapping inputs; without either,
    // skip resolving every path (a national batch has 100,000 files).
    if !links {
        return (files, problems);
    }
    // One file reached by two paths (a symbolic link beside its target) is read once, by the
    // path that is not a link: a grid's file name names its unit.
    let mut by_real: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for f in &files {
        if let Ok(real) = std::fs::canonicalize(f) {
            by_real.entry(real).or_default().push(f.clone());
        }
    }
    for paths in by_real.into_values().filter(|p| p.len() > 1) {
        let is_link =
            |p: &PathBuf| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
        let keep = paths
            .iter()
            .find(|p| !is_link(p))
            .unwrap_or(&paths[0])
            .clone();
        for p in paths.into_iter().filter(|p| *p != keep) {
            problems.push(Finding::warning(
                &Arc::new(p.clone()),
                msg!("read-same-file", file = keep.display().to_string()),
            ));
            files.retain(|f| *f != p);
        }
    }
    (files, problems)
}

/// A key in the order of [`Path`]'s `Ord`, for paths walked from one root (one root string,
/// then names joined by single `/`): the bytes with `/` below every other byte, so a name that is
/// a prefix of another sorts first, as its component does. Compared without parsing components.
fn walk_key(path: &Path) -> Vec<u8> {
    // No path holds a NUL byte, so 0 sorts below everything else.
    let bytes = path.as_os_str().as_encoded_bytes();
    bytes
        .iter()
        .map(|c| if *c == b'/' { 0 } else { *c })
        .collect()
}

/// A folder entry that could not be walked.
fn walk_problem(err: &walkdir::Error, at: PathBuf) -> Finding {
    let file = Arc::new(at);
    if let Some(ancestor) = err.loop_ancestor() {
        return Finding::warning(
            &file,
            msg!("read-link-loop", folder = ancestor.display().to_string()),
        );
    }
    let io = err
        .io_error()
        .map_or_else(|| err.to_string(), ToString::to_string);
    let broken = std::fs::symlink_metadata(file.as_path())
        .is_ok_and(|m| m.file_type().is_symlink())
        && !file.exists();
    if broken {
        let target = std::fs::read_link(file.as_path())
            .map_or_else(|_| "?".to_string(), |t| t.display().to_string());
        let message = msg!("read-broken-link", target = target);
        return if is_report_name(&file) {
            Finding::error(&file, msg!("read-cannot-read-entry", why = message))
        } else {
            Finding::warning(&file, msg!("read-broken-link-skipped", why = message))
        };
    }
    Finding::error(&file, msg!("read-cannot-read-entry", why = io))
}

/// A name a report may have (`.csv`, `.xlsx`, `.docx`, `.pdf`, …): a broken link by such a name
/// is an error, any other a warning.
fn is_report_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(gongkai_document::Format::expected_from_name)
        .is_some()
}

/// What a batch read yielded, in a deterministic order whatever the thread schedule.
#[derive(Debug)]
pub struct Batch {
    /// One entry per file, sorted by path; their reports have moved to `reports`.
    pub files: Vec<FileRead>,
    /// Accepted reports, sorted by year, unit and file.
    pub reports: Vec<UnitReport>,
    /// Problems of the batch as a whole: missing paths, unreadable folders, duplicate units.
    pub diagnostics: Vec<Finding>,
    /// Value cells of reports dropped as duplicates.
    pub values_dropped: usize,
    /// Reports left out as duplicates: one per unit and year none of whose files was used, and
    /// each file not used where one was.
    pub duplicates_left_out: usize,
}

impl Batch {
    /// Every diagnostic: the batch's, then each file's in path order.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Finding> {
        self.diagnostics
            .iter()
            .chain(self.files.iter().flat_map(|f| f.diagnostics.iter()))
    }

    pub fn summary(&self) -> Summary {
        let mut units: Vec<&str> = self.reports.iter().map(|r| r.unit.as_str()).collect();
        units.sort_unstable();
        units.dedup();
        let mut years: Vec<i32> = self.reports.iter().map(|r| r.year).collect();
        years.sort_unstable();
        years.dedup();
        let (errors, warnings) =
            self.diagnostics().fold(
                (0, 0),
                |(e, w), d| if d.is_error() { (e + 1, w) } else { (e, w + 1) },
            );
        // A set of the files reports came from: a scan per file would be quadratic.
        let used: std::collections::HashSet<&Path> = self
            .reports
            .iter()
            .map(|r| r.source.file.as_path())
            .collect();
        let files_used = self
            .files
            .iter()
            .filter(|f| used.contains(f.file.as_path()))
            .count();
        let files_skipped = self.files.iter().filter(|f| f.is_skipped()).count();
        let mut formats = std::collections::BTreeMap::new();
        for format in self.files.iter().filter_map(|f| f.format) {
            *formats.entry(format).or_default() += 1;
        }
        Summary {
            files_seen: self.files.len(),
            files_used,
            files_rejected: self.files.len() - files_used - files_skipped,
            files_skipped,
            formats,
            reports: self.reports.len(),
            reports_rejected: self.files.iter().map(|f| f.rejected.len()).sum::<usize>()
                + self.duplicates_left_out,
            units: units.len(),
            years,
            blank_cells: self.reports.iter().map(UnitReport::blank_count).sum(),
            values_read: self.files.iter().map(|f| f.values_read).sum(),
            values_used: self
                .reports
                .iter()
                .map(|r| r.source.lines.iter().filter(|l| **l != 0).count())
                .sum(),
            values_rejected: self.files.iter().map(|f| f.values_rejected).sum::<usize>()
                + self.values_dropped,
            errors,
            warnings,
        }
    }
}

/// Told of a batch read as it goes, from the reading threads: a progress bar, say.
pub trait Progress: Sync {
    /// The files are known; reading starts.
    fn start(&self, _files: usize) {}
    /// One more file read, of `bytes` bytes.
    fn file_read(&self, _bytes: u64) {}
}

/// No progress shown.
#[derive(Debug)]
pub struct Quiet;

impl Progress for Quiet {}

/// Reads every file in parallel; one bad file never stops the others.
pub fn read_batch(paths: &[PathBuf], options: &ReadOptions) -> Batch {
    read_batch_with(paths, options, &Quiet)
}

/// [`read_batch`], telling `progress` of every file read.
pub fn read_batch_with(paths: &[PathBuf], options: &ReadOptions, progress: &dyn Progress) -> Batch {
    let mut reads = Vec::new();
    let diagnostics = read_chunks(paths, options, progress, usize::MAX, &mut |chunk| {
        reads.extend(chunk);
    });
    assemble(reads, diagnostics)
}

/// Files per chunk of a streamed read: enough to keep both cores busy between hand-overs, few
/// enough that a chunk's reports (about 2.6 KB each) stay a few megabytes. On 100,000 files,
/// 1024 ran as fast as 2048 with 15-20 MiB less peak memory; 256 ran 8% slower.
pub const CHUNK_FILES: usize = 1024;

/// Reads the files `paths` name in chunks of `chunk` files, each chunk in parallel, and hands
/// every chunk's reads to `sink` in path order, so that a caller folding them as they come holds
/// a chunk or two at a time, whatever the size of the batch. Returns the problems of the batch as
/// a whole (missing paths, unreadable folders); duplicate units across chunks are the caller's.
///
/// `sink` takes one chunk while the next is read, both on the thread pool (`rayon::join`): a
/// core the sink leaves idle reads files, and the sink does not take a core from the readers as a
/// third thread would (that cost a grid batch a third of its wall time).
pub fn read_chunks(
    paths: &[PathBuf],
    options: &ReadOptions,
    progress: &dyn Progress,
    chunk: usize,
    sink: &mut (dyn FnMut(Vec<FileRead>) + Send),
) -> Vec<Finding> {
    let (mut files, diagnostics) = collect_files(paths);
    progress.start(files.len());
    // Last first, each chunk taken off the end: a national batch's paths go as they are read.
    files.reverse();
    let mut pending: Option<Vec<FileRead>> = None;
    loop {
        let at = files.len().saturating_sub(chunk.max(1));
        let part: Vec<PathBuf> = files.drain(at..).rev().collect();
        if files.len() < files.capacity() / 2 {
            files.shrink_to_fit();
        }
        if part.is_empty() && pending.is_none() {
            break;
        }
        let (reads, ()) = rayon::join(
            || {
                part.par_iter()
                    .map(|f| {
                        let read = read_file(f, options);
                        progress.file_read(read.bytes);
                        read
                    })
                    .collect::<Vec<FileRead>>()
            },
            || pending.take().map_or((), &mut *sink),
        );
        pending = (!reads.is_empty()).then_some(reads);
    }
    diagnostics
}

/// A report's identity in a batch: its year and unit.
type ReportKey = (i32, String);

/// Builds a batch from files already read (any order). Of a unit and year that more than one
/// file gives, only a file named as the correction is kept ([`Duplicate`]); otherwise all are
/// dropped, since there is no telling which is right.
pub fn assemble(mut reads: Vec<FileRead>, mut diagnostics: Vec<Finding>) -> Batch {
    reads.sort_by(|a, b| a.file.cmp(&b.file));
    // (year, unit, file, report) sorted: a unit's reports for a year sit together.
    let mut places: Vec<(i32, &str, usize, usize)> = reads
        .iter()
        .enumerate()
        .flat_map(|(f, read)| {
            read.reports
                .iter()
                .enumerate()
                .map(move |(r, report)| (report.year, report.unit.as_str(), f, r))
        })
        .collect();
    places.sort_unstable();
    // (year, unit) → (file, report) places of its reports.
    let mut by_key: Vec<(ReportKey, Vec<(usize, usize)>)> = Vec::new();
    for group in places.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        let (year, unit) = (group[0].0, group[0].1.to_string());
        by_key.push(((year, unit), group.iter().map(|p| (p.2, p.3)).collect()));
    }
    let mut reports = Vec::new();
    let mut values_dropped = 0;
    let mut duplicates_left_out = 0;
    let mut taken: Vec<Vec<Option<UnitReport>>> = reads
        .iter_mut()
        .map(|r| {
            std::mem::take(&mut r.reports)
                .into_iter()
                .map(Some)
                .collect()
        })
        .collect();
    for ((year, unit), places) in by_key {
        if places.len() == 1 {
            let (f, r) = places[0];
            if let Some(report) = taken[f][r].take() {
                reports.push(report);
            }
            continue;
        }
        // Duplicates: decided by `gongkai_report::Duplicate`, as the streamed ledger decides.
        let files: Vec<Arc<PathBuf>> = places.iter().map(|(f, _)| reads[*f].file.clone()).collect();
        let duplicate = Duplicate::resolve(&unit, year, files, Prefer::default());
        let kept = duplicate.chosen.map(|(i, _)| i);
        duplicates_left_out += if kept.is_some() { places.len() - 1 } else { 1 };
        for (i, (f, r)) in places.iter().enumerate() {
            if let Some(report) = taken[*f][*r].take() {
                if Some(i) == kept {
                    reports.push(report);
                } else {
                    values_dropped += report.source.lines.iter().filter(|l| **l != 0).count();
                }
            }
        }
        diagnostics.push(duplicate.finding());
    }
    reports
        .sort_by(|a, b| (a.year, &a.unit, &a.source.file).cmp(&(b.year, &b.unit, &b.source.file)));
    Batch {
        files: reads,
        reports,
        diagnostics,
        values_dropped,
        duplicates_left_out,
    }
}
