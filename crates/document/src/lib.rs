//! Documents before the form: bytes decoded to text, text split into records, and (next) every
//! format as one grid of cells with the place each cell came from. Nothing here knows the form.
//!
//! Layers, lowest first: [`decode`] (bytes → text) → [`delimited`] (text → records).

pub mod decode;
pub mod delimited;

pub use decode::EncodingChoice;
