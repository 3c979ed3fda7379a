//! PDF reports with a text layer into a [`Flow`]: the text in reading order, lines rebuilt
//! from where each glyph is drawn, ruled tables rebuilt cell by cell (merged cells as the
//! document drew them), a table broken by a page joined, page numbers and running headers and
//! footers dropped. What the report says is left to the locator; nothing here knows the form.
//!
//! [`read`] takes the file's bytes. A PDF without a text layer (a scan) is an error that says so
//! and names its pages; so are an encrypted PDF (the empty user password is tried first), a
//! damaged or cut-short file, a page tree that loops, and a file that would cost more than a
//! report can (streams inflating past [`INFLATED_LIMIT`], more than [`PAGE_LIMIT`] pages,
//! [`GLYPH_LIMIT`] glyphs or [`OPERATION_LIMIT`] drawing operators).
//!
//! Layers, lowest first: `fonts` (codes to text and widths) · `load` (bytes to a checked
//! document) → `content` (a page's drawing: glyphs and rulings) → `layout` (a page's lines
//! and tables) → `assemble` (the pages as one flow) → this module (limits, errors, the
//! guard against a panic in the PDF library).
//!
//! Built on `lopdf` (pure Rust; object parsing, a rebuilt cross-reference table, decryption,
//! bounded inflation, ToUnicode maps); the drawing is followed here, for positions.

mod assemble;
mod content;
mod fonts;
mod layout;
mod load;

use std::cell::Cell;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use gongkai_document::Flow;
use gongkai_messages::msg;

/// Bytes one stream may inflate to; a document's page content and character maps together may
/// take twice this.
pub const INFLATED_LIMIT: usize = 32 << 20;
/// Pages read at most: an annual report has tens.
pub const PAGE_LIMIT: usize = 1_000;
/// Glyphs read at most (a dense page has 2,000).
pub const GLYPH_LIMIT: usize = 1_000_000;
/// Drawing operators run at most.
pub const OPERATION_LIMIT: usize = 5_000_000;

/// Why a PDF gives no text; it prints as a sentence in the run's language saying what to do (the
/// texts held inside are worded when the error is made).
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The file does not begin with `%PDF-`.
    NotPdf,
    /// No text layer: a scan.
    Scanned { pages: usize },
    /// The fonts do not say which characters they draw.
    Undecodable,
    /// A password is needed to open it.
    Encrypted,
    /// No `%%EOF` at the end.
    Truncated,
    /// Damaged: why.
    Damaged(String),
    /// The page tree loops at this object.
    PageTreeLoop(u32),
    /// More than [`PAGE_LIMIT`] pages.
    TooManyPages,
    /// What would cost more than the limit for a report, and that limit.
    TooLarge { what: String, limit: String },
    /// The PDF library failed: why.
    Failed(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            PdfError::NotPdf => msg!("pdf-not-pdf"),
            PdfError::Scanned { pages } => msg!("pdf-scanned", pages = *pages),
            PdfError::Undecodable => msg!("pdf-undecodable"),
            PdfError::Encrypted => msg!("pdf-encrypted"),
            PdfError::Truncated => msg!("pdf-truncated"),
            PdfError::Damaged(why) => msg!("pdf-damaged", why = why),
            PdfError::PageTreeLoop(object) => msg!("pdf-page-tree-loop", object = *object),
            PdfError::TooManyPages => msg!("pdf-too-many-pages", limit = PAGE_LIMIT),
            PdfError::TooLarge { what, limit } => msg!("pdf-too-large", what = what, limit = limit),
            PdfError::Failed(why) => msg!("pdf-failed", why = why),
        };
        f.write_str(&text)
    }
}

/// Reads a PDF's text into a flow of lines and tables.
pub fn read(bytes: &[u8]) -> Result<Flow, PdfError> {
    guarded(|| read_text(bytes, &Limits::REPORT))
}

/// What reading one document may cost.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Bytes one stream may inflate to; the pages' content together may take twice this.
    pub inflated: usize,
    pub pages: usize,
    pub glyphs: usize,
    pub operations: usize,
}

impl Limits {
    const REPORT: Limits = Limits {
        inflated: INFLATED_LIMIT,
        pages: PAGE_LIMIT,
        glyphs: GLYPH_LIMIT,
        operations: OPERATION_LIMIT,
    };
}

fn read_text(bytes: &[u8], limits: &Limits) -> Result<Flow, PdfError> {
    let loaded = load::load(bytes, limits)?;
    let budget = content::Budget {
        inflated: limits.inflated.saturating_mul(2),
        stream: limits.inflated,
        operations: limits.operations,
        glyphs: limits.glyphs,
        widths: 1_000_000,
    };
    let mut reader = content::Reader::new(&loaded.doc, budget);
    let mut pages = Vec::with_capacity(loaded.pages.len());
    let (mut glyphs, mut undecoded) = (0, 0);
    for (i, id) in loaded.pages.iter().enumerate() {
        let number = i as u32 + 1;
        let page = reader.page(number, *id)?;
        glyphs += page.glyphs.len();
        undecoded += page.undecoded;
        pages.push(assemble::Page {
            number,
            items: layout::page_items(&page),
            height: page.height,
        });
    }
    if undecoded > glyphs {
        return Err(PdfError::Undecodable);
    }
    if glyphs == 0 {
        return Err(PdfError::Scanned { pages: pages.len() });
    }
    Ok(assemble::flow(pages))
}

thread_local! {
    /// This thread is inside [`guarded`]: a panic there is caught and reported as an error.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into [`PdfError::Failed`]. The last resort for a PDF library fault
/// on malformed input: lopdf is lenient, but parsing arbitrary bytes is its whole job. While a
/// thread is inside, the panic message is not printed (the hook set once wraps the one before
/// and stays silent only for such threads, so other threads and later panics print as ever).
fn guarded<T>(f: impl FnOnce() -> Result<T, PdfError>) -> Result<T, PdfError> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let before = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                before(info);
            }
        }));
    });
    let outer = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(outer));
    match result {
        Ok(r) => r,
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| msg!("pdf-internal-fault"));
            Err(PdfError::Failed(why))
        }
    }
}

#[cfg(test)]
mod tests;

/// An inflated-bytes limit as a person reads it.
fn inflated_limit(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        msg!("pdf-limit-mib", mib = bytes >> 20)
    } else {
        msg!("pdf-limit-bytes", bytes = bytes)
    }
}
