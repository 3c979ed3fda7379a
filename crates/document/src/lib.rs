//! Documents before the form: bytes decoded to text, text split into records, and every format
//! as one grid of cells with the place each cell came from. Nothing here knows the form.
//!
//! Layers, lowest first: [`sniff`] (what a file is, by its bytes) · [`zipped`] (containers checked before a reader opens them) · [`decode`]
//! (bytes → text) → [`delimited`] (text → records) → [`grid`] (records, and the tables and text
//! other crates read, as one grid of cells; places) → [`flow`] (a document as text and tables in
//! reading order).

pub mod decode;
pub mod delimited;
pub mod flow;
pub mod grid;
pub mod sniff;
pub mod zipped;

pub use decode::EncodingChoice;
pub use flow::{Block, Flow};
pub use grid::{Cell, Grid, Origin, Place, Row};
pub use sniff::{sniff, Format};
