//! Unit files to reports: every file under the folders given is read (tidy CSV or form grid, any
//! encoding, or a workbook's sheets), its cells located by label, and each unit's report checked
//! for reading problems.
//!
//! The form is found in each file by the one locator ([`locate`], the `gongkai-locate` crate).
//!
//! Layers, lowest first: [`reading`] (one file's read state) → [`tidy`] · [`unit_file`] (the full
//! readers) → [`workbook_file`] (a workbook's sheets through them) · [`document_file`] (a Word,
//! PDF or HTML report read as published) → [`learned`] (the fast path: layouts read before) →
//! [`screen`] (texts that cannot be a report turned away before they are split) → [`read`] (one
//! file; [`big_file`]: a large tidy file in pieces on every core) → [`batch`] (folders, in
//! parallel, a chunk at a time).

mod batch;
mod big_file;
mod document_file;
mod learned;
mod read;
mod reading;
mod screen;
pub mod tidy;
mod unit_file;
mod workbook_file;

pub use batch::{
    collect_files, read_batch, read_batch_with, read_chunks, Batch, Progress, Quiet, CHUNK_FILES,
};
pub use gongkai_document::EncodingChoice;
/// The one locator, re-exported: the form found in any grid of cells.
pub use gongkai_locate as locate;
pub use learned::{layout_tally, reset_layout_tally};
pub use read::{read_bytes_at, read_file, ReadOptions};
pub use reading::{unit_from_path, year_from_path};

/// A batch assembled from files already read (tests and the duplicate re-read use it).
pub use batch::assemble;

#[cfg(test)]
mod big_file_tests;
#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod hostile;
#[cfg(test)]
mod locate_tests;
#[cfg(test)]
mod onepass_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod workbook_tests;
