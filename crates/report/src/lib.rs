//! What every stage passes on: a unit's report for a year, the problems found with it, what
//! became of each file, the units registry, and reports written as Arrow, tidy CSV, form grid or
//! the form's workbook.
//!
//! Layers, lowest first: [`report`] · [`finding`] → [`outcome`] · [`duplicate`] · [`registry`] → [`arrow`] · [`write`].

pub mod arrow;
mod duplicate;
mod finding;
mod kept;
mod outcome;
pub mod registry;
mod report;
pub mod wording;
pub mod write;

pub use duplicate::{is_correction, Duplicate, Prefer, Why, CORRECTION_MARKS};
pub use finding::{level_word, Check, Finding, RuleDetail};
/// What a file is, by its bytes (`FileRead::format`, the summary's counts).
pub use gongkai_document::Format;
/// The place a finding is at, for its callers without a dependency of their own on documents.
pub use gongkai_document::Place;
pub use kept::{KeptReport, Unpacked};
pub use outcome::{FileRead, Summary};
pub use registry::{RegisteredUnit, Registry, UnitKind};
pub use report::{Layout, Source, UnitReport};
