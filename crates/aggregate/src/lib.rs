//! Consolidation: unit reports summed into what a city publishes, exactly, a chunk of files at a
//! time, with every report and total checked (R1–R6, X1–X4, coverage); and trends.
//!
//! Layers, lowest first: [`bridge`] (Arrow → polars) · [`link`] (what a report leaves behind) →
//! [`findings`] (rules on reports) → [`consolidate`] (the group-by sums of a table) · `dense` (the
//! sums of reports) → [`checks`] (a batch's findings and roll-ups) → [`ledger`] (the streamed
//! fold) → [`coverage`] (what its totals rest on); [`trend`] beside them.
//!
//! A city's annual report is the cell-by-cell sum of its districts' and departments' reports.
//! A table of reports (`gongkai_report::arrow`: one row per unit, year and cell) is summed by
//! [`consolidate`], which moves it into polars through the Arrow C Data Interface ([`bridge`]) and
//! sums it in one group-by over `(year, cell)`: one columnar group-by per table, never a frame per
//! file or per unit.
//!
//! A national batch does not come as one table: the [`Ledger`] takes it a chunk of files at a
//! time, checks each chunk's reports, adds their dense arrays of cells into exact running totals
//! (`dense`, held to the group-by's totals by tests) and keeps of each report only what the checks
//! across the batch need ([`link`]). Memory then holds one chunk, not every report.
//!
//! Sums are exact integers (money in 万元 × 10⁶), never floats, and a sum that would not fit in
//! `i64` is an error, not a wrapped number (see [`consolidate`](mod@consolidate)).

pub mod bridge;
pub mod checks;
pub mod consolidate;
pub mod coverage;
mod dense;
pub mod findings;
pub mod ledger;
pub mod link;
pub mod trend;

pub use bridge::record_batch_to_dataframe;
pub use checks::{check_batch, rollup, Checks};
pub use consolidate::{consolidate, AggregateError, Total};
pub use coverage::{Caveat, Coverage};
pub use ledger::{Closed, Ledger, SeenFile, Sums};
