//! Consolidation: summing unit reports into what a city publishes, with polars.
//!
//! A city's annual report is the cell-by-cell sum of its districts' and departments' reports.
//! The ingest crate hands over all reports of all years as one long Arrow batch (one row per
//! unit, year and cell); [`consolidate`] moves it into polars once, through the Arrow C Data
//! Interface ([`bridge`]), and sums it in one group-by over `(year, form, cell)`. That is why polars
//! is here: one columnar group-by over the whole batch, never a frame per file or per unit.
//!
//! Sums are exact integers (money in 万元 × 10⁶), never floats, and a sum that would not fit in
//! `i64` is an error, not a wrapped number (see [`consolidate`](mod@consolidate)).

pub mod bridge;
pub mod checks;
pub mod consolidate;
pub mod findings;
pub mod trend;

pub use bridge::record_batch_to_dataframe;
pub use checks::{check_batch, rollup, Checks, Coverage};
pub use consolidate::{consolidate, AggregateError, Total};
