//! Documents before the form: bytes decoded to text, text split into records, and every format
//! as one grid of cells with the place each cell came from. Nothing here knows the form.
//!
//! Layers, lowest first: [`decode`] (bytes → text) → [`delimited`] (text → records) → [`grid`]
//! (records, and the tables and text other crates read, as one grid of cells; places).

pub mod decode;
pub mod delimited;
pub mod grid;

pub use decode::EncodingChoice;
pub use grid::{Cell, Grid, Origin, Place, Row};
