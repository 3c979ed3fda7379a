//! Bytes to a checked document: a PDF header, the whole file (it ends with `%%EOF`), readable
//! objects (a broken cross-reference table is rebuilt by scanning, as viewers do), no password
//! (the empty user password is tried), and a page tree without loops. Streams inflate within
//! the limit each.

use std::collections::HashSet;

use gongkai_messages::msg;
use lopdf::{Document, LoadOptions, Object, ObjectId};

use crate::content::resolve;
use crate::{Limits, PdfError};

/// A document and its pages in order.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub doc: Document,
    pub pages: Vec<ObjectId>,
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

pub(crate) fn load(bytes: &[u8], limits: &Limits) -> Result<Loaded, PdfError> {
    // The header may follow a little junk (a mail gateway's, a BOM).
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
    if !contains(head, b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    // A file cut short has lost its end: the cross-reference table and `%%EOF`.
    let tail = bytes
        .get(bytes.len().saturating_sub(4096)..)
        .unwrap_or_default();
    let whole = contains(tail, b"%%EOF");
    let options = LoadOptions {
        max_decompressed_size: Some(limits.inflated),
        ..LoadOptions::default()
    };
    let mut doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(e) => return Err(failed(e, whole, limits.inflated)),
    };
    if !whole {
        return Err(PdfError::Truncated);
    }
    if doc.is_encrypted() && doc.encryption_state.is_none() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    let pages = page_tree(&doc, limits.pages)?;
    if pages.is_empty() {
        return Err(PdfError::Damaged(msg!("pdf-no-pages")));
    }
    Ok(Loaded { doc, pages })
}

/// What a load error means to the one who sent the file.
fn failed(e: lopdf::Error, whole: bool, limit: usize) -> PdfError {
    use lopdf::Error as E;
    match e {
        E::Decryption(_) | E::InvalidPassword | E::AlreadyEncrypted => PdfError::Encrypted,
        E::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => PdfError::TooLarge {
            what: msg!("pdf-what-object-stream"),
            limit: crate::inflated_limit(limit),
        },
        _ if !whole => PdfError::Truncated,
        other => PdfError::Damaged(other.to_string()),
    }
}

/// The pages in order, walking the page tree from the catalog; a node met twice is a loop.
fn page_tree(doc: &Document, limit: usize) -> Result<Vec<ObjectId>, PdfError> {
    let root = doc
        .trailer
        .get(b"Root")
        .ok()
        .and_then(|o| resolve(doc, o))
        .and_then(|o| o.as_dict().ok())
        .ok_or_else(|| PdfError::Damaged(msg!("pdf-no-catalog")))?;
    let top = root
        .get(b"Pages")
        .ok()
        .and_then(|o| o.as_reference().ok())
        .ok_or_else(|| PdfError::Damaged(msg!("pdf-no-page-tree")))?;
    let mut pages = Vec::new();
    let mut seen = HashSet::new();
    // Depth first, left to right: (node, depth).
    let mut stack: Vec<(ObjectId, usize)> = vec![(top, 0)];
    while let Some((id, depth)) = stack.pop() {
        if !seen.insert(id) {
            return Err(PdfError::PageTreeLoop(id.0));
        }
        if depth > 64 {
            return Err(PdfError::Damaged(msg!("pdf-page-tree-deep")));
        }
        let Ok(node) = doc.get_dictionary(id) else {
            // A missing page object: a blank page, as viewers show it.
            pages.push(id);
            continue;
        };
        let kids = node
            .get(b"Kids")
            .ok()
            .and_then(|o| resolve(doc, o))
            .and_then(|o| o.as_array().ok());
        let is_node = node.get_type().is_ok_and(|t| t == b"Pages")
            || (kids.is_some() && node.get_type().is_err());
        match kids {
            Some(kids) if is_node => {
                for kid in kids.iter().rev() {
                    if let Object::Reference(k) = kid {
                        stack.push((*k, depth + 1));
                    }
                }
            }
            _ => {
                pages.push(id);
                if pages.len() > limit {
                    return Err(PdfError::TooManyPages);
                }
            }
        }
    }
    Ok(pages)
}
