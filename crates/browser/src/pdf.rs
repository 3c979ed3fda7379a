//! How many pages a printed PDF has, read with the PDF reader the workspace already uses.

/// The number of pages of the PDF `bytes`, or why it cannot be read.
pub fn pdf_pages(bytes: &[u8]) -> Result<usize, String> {
    let document = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    match document.get_pages().len() {
        0 => Err("it has no pages".to_string()),
        pages => Ok(pages),
    }
}
