//! Writing reports as text: the tidy interchange CSV and the official form grid.

pub mod grid;
pub mod tidy;
