//! Reading unit report files: decode, detect the layout, locate cells by label, parse values.
//!
//! The output is [`UnitReport`]s and, for any engine, one Arrow [`RecordBatch`](arrow::record_batch::RecordBatch).

pub mod arrow;
mod report;

pub use report::{Layout, Source, UnitReport};
