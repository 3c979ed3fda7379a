//! What a file named `.doc`/`.docx`/`.wps` really is, from its first bytes: a zip container, an
//! old binary Office file (OLE2), or something saved under a Word name (RTF, HTML, a PDF).
//! Nothing is parsed but the OLE2 directory's entry names.

use std::fmt;

/// The OLE2 compound file signature (`.doc`, `.wps`, `.xls`, and encrypted `.docx`).
const OLE2: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// An OLE2 compound file, by the streams it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ole {
    /// A `WordDocument` stream: Word 97–2003, or WPS writing in Word's binary format.
    Word,
    /// An `EncryptedPackage` stream: an Office Open XML file saved with a password.
    Encrypted,
    Other,
}

/// What the bytes look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Looks {
    /// A zip container (or the start of one): a `.docx` to be checked.
    Zip,
    Ole(Ole),
    Rtf,
    Html,
    /// Word 2003's single-file XML (`<w:wordDocument>`), or a flat OpenDocument (`.fodt`).
    FlatXml,
    Pdf,
    Empty,
    /// None of the above.
    Unknown,
}

impl fmt::Display for Looks {
    /// Why the file is not read as a `.docx`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Looks::Zip => write!(f, "a zip container"),
            Looks::Ole(_) => write!(f, "an old binary Office file (OLE2)"),
            Looks::Rtf => write!(f, "an RTF document, not a .docx: save it as .docx"),
            Looks::Html => write!(
                f,
                "an HTML page saved under a Word name, not a .docx: read it as a page, or save it as .docx"
            ),
            Looks::FlatXml => write!(
                f,
                "a single-file XML document (Word 2003 XML or flat OpenDocument), not a .docx: save it as .docx"
            ),
            Looks::Pdf => write!(f, "a PDF, not a Word document"),
            Looks::Empty => write!(f, "the file is empty"),
            Looks::Unknown => write!(
                f,
                "not a Word document: a .docx is a zip container, and this file is not one"
            ),
        }
    }
}

/// What `bytes` are.
pub fn sniff(bytes: &[u8]) -> Looks {
    if bytes.is_empty() {
        return Looks::Empty;
    }
    // A local file header, or an empty archive's end record: the zip check says the rest.
    if bytes.starts_with(b"PK") {
        return Looks::Zip;
    }
    if bytes.starts_with(&OLE2) {
        return Looks::Ole(ole_streams(bytes));
    }
    let head = text_head(bytes);
    if head.starts_with("{\\rtf") {
        return Looks::Rtf;
    }
    if head.starts_with("%PDF") {
        return Looks::Pdf;
    }
    let lower = head.to_ascii_lowercase();
    if lower.contains("<html") || lower.contains("<!doctype html") || lower.contains("<body") {
        return Looks::Html;
    }
    if lower.contains("<?xml")
        && (lower.contains("wordml")
            || lower.contains("opendocument")
            || lower.contains("office:document"))
    {
        return Looks::FlatXml;
    }
    // Word's "web page" .doc (MHTML) begins with MIME headers.
    if lower.starts_with("mime-version") {
        return Looks::Html;
    }
    Looks::Unknown
}

/// The first 2 KB as text, past a byte-order mark and leading white space (UTF-16 halves dropped).
fn text_head(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(2048)];
    let head: Vec<u8> = head.iter().copied().filter(|b| *b != 0).collect();
    let text = String::from_utf8_lossy(&head);
    text.trim_start_matches(['\u{feff}', '\u{fffd}'])
        .trim_start()
        .to_string()
}

/// Which streams an OLE2 file holds. The directory is made of 128-byte entries in sectors that
/// start on 512-byte bounds, each entry's name in UTF-16 at its start and the name's length in
/// bytes at offset 64; looking at every such entry finds the names without following the
/// file's sector chains, which a damaged or hostile file can make loop.
fn ole_streams(bytes: &[u8]) -> Ole {
    let word = utf16("WordDocument");
    let encrypted = utf16("EncryptedPackage");
    let mut found = Ole::Other;
    for entry in bytes.get(512..).unwrap_or_default().chunks_exact(128) {
        let len = u16::from_le_bytes([entry[64], entry[65]]) as usize;
        // The length counts the terminating zero; a stream's entry type is 2.
        if !(4..=64).contains(&len) || !len.is_multiple_of(2) || entry[66] != 2 {
            continue;
        }
        let name = &entry[..len - 2];
        if name == encrypted.as_slice() {
            return Ole::Encrypted;
        }
        if name == word.as_slice() {
            found = Ole::Word;
        }
    }
    found
}

fn utf16(name: &str) -> Vec<u8> {
    name.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal OLE2 file: the header, then one directory sector with the named streams.
    pub(crate) fn ole2(streams: &[&str]) -> Vec<u8> {
        let mut bytes = OLE2.to_vec();
        bytes.resize(512, 0);
        let mut names = vec!["Root Entry"];
        names.extend_from_slice(streams);
        for (i, name) in names.iter().enumerate() {
            let mut entry = utf16(name);
            entry.extend_from_slice(&[0, 0]);
            let len = entry.len() as u16;
            entry.resize(128, 0);
            entry[64..66].copy_from_slice(&len.to_le_bytes());
            entry[66] = if i == 0 { 5 } else { 2 };
            bytes.extend_from_slice(&entry);
        }
        bytes.resize(1024, 0);
        bytes
    }

    #[test]
    fn kinds_by_content() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Looks::Zip);
        assert_eq!(
            sniff(&ole2(&["WordDocument", "1Table"])),
            Looks::Ole(Ole::Word)
        );
        assert_eq!(
            sniff(&ole2(&["EncryptionInfo", "EncryptedPackage"])),
            Looks::Ole(Ole::Encrypted)
        );
        assert_eq!(sniff(&ole2(&["Workbook"])), Looks::Ole(Ole::Other));
        // A name that only starts like a Word stream is not one.
        assert_eq!(sniff(&ole2(&["WordDocumentX"])), Looks::Ole(Ole::Other));
        // Cut short inside the directory: what is there is looked at, nothing more.
        assert_eq!(
            sniff(&ole2(&["WordDocument"])[..600]),
            Looks::Ole(Ole::Other)
        );
        assert_eq!(sniff(&OLE2), Looks::Ole(Ole::Other));
        assert_eq!(sniff(b"{\\rtf1\\ansi"), Looks::Rtf);
        assert_eq!(sniff(b"\xef\xbb\xbf  <!DOCTYPE html><html>"), Looks::Html);
        assert_eq!(sniff(b"MIME-Version: 1.0\r\n"), Looks::Html);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><?mso-application progid=\"Word.Document\"?><w:wordDocument xmlns:w=\"http://schemas.microsoft.com/office/word/2003/wordml\">"),
            Looks::FlatXml
        );
        assert_eq!(sniff(b"%PDF-1.7"), Looks::Pdf);
        assert_eq!(sniff(b""), Looks::Empty);
        assert_eq!(sniff("兰州市2020年".as_bytes()), Looks::Unknown);
    }
}
