//! Reading unit report files: decode, detect the layout, locate cells by label, parse values.
//!
//! One path from file to table: [`read_chunks`] (or [`read_batch`], all files as one chunk) →
//! [`read_file`] → (tidy | grid) → [`UnitReport`]s → [`arrow::to_record_batch`], the
//! engine-neutral batch aggregate takes in. The common files of a national batch (a canonical
//! tidy export, a grid laid out as one read before) are read in one pass over their text, with the
//! full readers' result (tests hold them to it). Nothing here panics on bad input; every problem
//! is a [`Diagnostic`] with its place.

pub mod arrow;
mod batch;
pub mod decode;
mod diagnostic;
pub mod grid;
pub mod page;
mod read;
pub mod registry;
mod report;
mod table;
mod template;
pub mod tidy;

pub use batch::{
    assemble, collect_files, duplicate_report, read_batch, read_batch_with, read_chunks, Batch,
    Progress, Quiet, Summary, CHUNK_FILES, DUPLICATE,
};
pub use decode::EncodingChoice;
pub use diagnostic::Diagnostic;
pub use read::{read_bytes_at, read_file, unit_from_path, year_from_path, FileRead, ReadOptions};
pub use registry::{RegisteredUnit, Registry, UnitKind};
pub use report::{Layout, Source, UnitReport};

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod hostile;
#[cfg(test)]
mod tests;
