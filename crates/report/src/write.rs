//! Writing reports: the tidy interchange CSV, and the official form as a CSV grid or as a
//! workbook to fill in.
//!
//! Layers, lowest first: [`tidy`] · [`sheet`] (the form placed on a sheet) → [`grid`] ·
//! [`workbook`].

pub mod grid;
pub mod sheet;
pub mod tidy;
pub mod workbook;
