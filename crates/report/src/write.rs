//! Writing reports: the tidy interchange CSV, and the official form as a CSV grid or as a
//! workbook to fill in.
//!
//! Layers, lowest first: [`tidy`] · [`sheet`] (the form placed on a sheet) → [`grid`] ·
//! [`workbook`] · [`official`] (the three tables cut from the sheet, for documents).

pub mod grid;
pub mod official;
pub mod sheet;
pub mod tidy;
pub mod workbook;
