//! Writing results: atomically to files, or to standard output.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `bytes` to `path` atomically: no reader ever sees a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    Ok(gongkai_atomic::write_file(path, bytes)?)
}

/// Sends `text` to `out` if given (atomically), else to standard output.
pub fn emit(text: &str, out: Option<&Path>) -> Result<()> {
    emit_bytes(text.as_bytes(), out)
}

/// [`emit`] for bytes that need not be text (a workbook).
pub fn emit_bytes(bytes: &[u8], out: Option<&Path>) -> Result<()> {
    match out {
        Some(path) => write_atomic(path, bytes),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
                // A closed pipe (`| head`) is the reader's choice, not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.context("cannot write to standard output"),
            }
        }
    }
}
