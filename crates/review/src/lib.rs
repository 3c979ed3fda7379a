//! The year-end review: one consolidated batch as a head of office looks at it, in one
//! self-contained HTML file (`gongkai report`).
//!
//! The page shows the three official tables of the total as the form prints them; each total
//! cell opens its make-up (the units' values, largest first, with their shares); then the units
//! (summed, failing with their findings and their own tables with the failing cells marked,
//! missing, left out and why, not registered), the ratings of the supervisors' rates, and with
//! several years the trend charts and the headline measures year by year.
//!
//! `gongkai audit` has a page here too ([`audit_page`]): the published reports ranked worst
//! first, each with its findings and its own tables, the cells to check marked; the review's
//! style, tables and findings lists.
//!
//! Layers, lowest first: `figure` (the trend charts' figure, shared with `gongkai trend`) ·
//! `model` (the batch as the deliverables see it: built once, rendered by all) → `page` →
//! `audit`.

mod audit;
pub mod figure;
mod model;
mod page;

pub use audit::{audit_page, AUDIT_GENERATOR};
pub use model::{marked_cells, Parts, Review, UnitEntry, YearReview};
pub use page::{escape, page, GENERATOR};
