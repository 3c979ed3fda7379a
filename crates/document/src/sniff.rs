//! What a file is, told by its bytes rather than its name: units send `.xls` files that are
//! HTML tables or CSV (as government systems save them), `.et` workbooks, and Word files named
//! anything. The name only breaks ties ([`Format::expected_from_name`] says what a name promises,
//! so a mismatch can be reported).

use gongkai_messages::msg;
use memchr::memmem;

/// The kinds of file a unit or a portal sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Nothing, or only white space.
    Empty,
    /// Text: CSV, tab-separated, or a text copy of a page (any encoding).
    Text,
    /// An HTML page or fragment (also a `.xls` a system saved as an HTML table).
    Html,
    /// An Office Open XML workbook (`.xlsx`, `.xlsm`) or its binary variant (`.xlsb`).
    Xlsx,
    /// An OpenDocument spreadsheet (`.ods`).
    Ods,
    /// A binary workbook in an OLE2 container: `.xls`, and WPS `.et`.
    Xls,
    /// A Word document (`.docx`).
    Docx,
    /// An OpenDocument text (`.odt`).
    Odt,
    /// An old binary Word or WPS document in an OLE2 container (`.doc`, `.wps`).
    Doc,
    /// A PDF.
    Pdf,
    /// An office file saved with a password: an OLE2 container holding an encrypted package.
    Encrypted,
    /// Rich text (`.rtf`).
    Rtf,
    /// A single-file XML document: Word 2003 XML, or a flat OpenDocument (`.fodt`, `.fods`).
    FlatXml,
    /// A zip archive that is no office file (a folder zipped, say).
    Zip,
    /// Any other binary content (an image, an executable, an OLE2 file of another program).
    Binary,
}

impl Format {
    /// Why a file of this format gives no report, for a format no reader takes: what to do
    /// instead, where there is something.
    pub fn not_read(self) -> String {
        match self {
            Format::Empty => msg!("read-format-empty"),
            Format::Doc => msg!("read-format-doc"),
            Format::Rtf | Format::Odt | Format::FlatXml => {
                msg!("read-format-save-as-docx", format = self.name())
            }
            Format::Encrypted => msg!("read-format-encrypted"),
            Format::Zip => msg!("read-format-zip"),
            other => msg!("read-format-not-a-report", format = other.name()),
        }
    }

    /// The name a message gives the format, in the run's language.
    pub fn name(self) -> String {
        match self {
            Format::Empty => msg!("format-empty"),
            Format::Text => msg!("format-text"),
            Format::Html => msg!("format-html"),
            Format::Xlsx => msg!("format-xlsx"),
            Format::Ods => msg!("format-ods"),
            Format::Xls => msg!("format-xls"),
            Format::Docx => msg!("format-docx"),
            Format::Odt => msg!("format-odt"),
            Format::Doc => msg!("format-doc"),
            Format::Pdf => msg!("format-pdf"),
            Format::Encrypted => msg!("format-encrypted"),
            Format::Rtf => msg!("format-rtf"),
            Format::FlatXml => msg!("format-flat-xml"),
            Format::Zip => msg!("format-zip"),
            Format::Binary => msg!("format-binary"),
        }
    }

    /// What a file name's extension promises, where it names a format gongkai knows.
    pub fn expected_from_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "csv" | "txt" | "tsv" => Format::Text,
            "html" | "htm" | "shtml" | "xhtml" => Format::Html,
            "xlsx" | "xlsm" | "xlsb" => Format::Xlsx,
            "ods" => Format::Ods,
            "xls" | "et" => Format::Xls,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            "doc" | "wps" => Format::Doc,
            "pdf" => Format::Pdf,
            "rtf" => Format::Rtf,
            "zip" => Format::Zip,
            _ => return None,
        })
    }
}

const OLE2: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// How far into a file the text tests look: a page's markup or a CSV's first lines.
const HEAD: usize = 4096;

/// The format of `bytes`.
pub fn sniff(bytes: &[u8]) -> Format {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Format::Empty;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_kind(bytes);
    }
    if bytes.starts_with(OLE2) {
        return ole2_kind(bytes);
    }
    let head = &bytes[..bytes.len().min(HEAD)];
    // A PDF may have junk before its header; readers accept it within the first kilobyte.
    if memmem::find(&head[..head.len().min(1024)], b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if head.starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    // Markup opens with `<` (after a BOM and white space): the test of every CSV stays one byte.
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let opens = body.iter().find(|b| !b.is_ascii_whitespace());
    if opens == Some(&b'<') {
        if looks_like_html(head) || opens_with_markup(body) {
            return Format::Html;
        }
        let has = |pat: &[u8]| memmem::find(head, pat).is_some();
        if has(b"<?xml") && (has(b"wordml") || has(b"opendocument")) {
            return Format::FlatXml;
        }
    }
    // A fragment after a line of text (a title, say): several closed tags of a page's body.
    if fragment_tags(head) >= 3 {
        return Format::Html;
    }
    // Word's "web page" (MHTML) opens with MIME headers.
    if head.len() >= 12 && head[..12].eq_ignore_ascii_case(b"mime-version") {
        return Format::Html;
    }
    if is_binary(head) {
        return Format::Binary;
    }
    Format::Text
}

/// An office file is a zip whose entries name it; entry names are stored uncompressed in every
/// local header and in the directory at the end, so a byte search finds them.
fn zip_kind(bytes: &[u8]) -> Format {
    let has = |name: &[u8]| memmem::find(bytes, name).is_some();
    if has(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet") {
        Format::Ods
    } else if has(b"mimetypeapplication/vnd.oasis.opendocument.text") {
        Format::Odt
    } else if has(b"xl/workbook.xml") || has(b"xl/workbook.bin") {
        Format::Xlsx
    } else if has(b"word/document.xml") {
        Format::Docx
    } else {
        Format::Zip
    }
}

/// An OLE2 container names its streams in its directory, in UTF-16: `Workbook`/`Book` (Excel,
/// WPS 表格), `WordDocument` (Word, WPS 文字), `EncryptedPackage` (any Office file saved with a
/// password). Directory entries are 128 bytes after the 512-byte header; every such slot is
/// looked at for a stream entry of exactly that name (a file cut short shows what it has).
fn ole2_kind(bytes: &[u8]) -> Format {
    let (mut word, mut book) = (false, false);
    for entry in bytes.get(512..).unwrap_or_default().chunks_exact(128) {
        let len = u16::from_le_bytes([entry[64], entry[65]]) as usize;
        // The length counts the terminating zero; a stream's entry type is 2.
        if !(4..=64).contains(&len) || !len.is_multiple_of(2) || entry[66] != 2 {
            continue;
        }
        let name = &entry[..len - 2];
        let is = |s: &str| {
            name.len() == s.len() * 2
                && name
                    .chunks_exact(2)
                    .zip(s.bytes())
                    .all(|(c, b)| c == [b, 0])
        };
        if is("EncryptedPackage") {
            return Format::Encrypted;
        }
        word |= is("WordDocument");
        book |= is("Workbook") || is("Book");
    }
    if word {
        Format::Doc
    } else if book {
        Format::Xls
    } else {
        Format::Binary
    }
}

/// A minimal OLE2 container holding streams of these names (no data): what [`sniff`] reads of
/// one, for the tests of the readers.
#[doc(hidden)]
pub fn ole2_naming(streams: &[&str]) -> Vec<u8> {
    let mut bytes = OLE2.to_vec();
    bytes.resize(512, 0);
    let mut names = vec!["Root Entry"];
    names.extend_from_slice(streams);
    for (i, name) in names.iter().enumerate() {
        let mut entry: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        entry.extend_from_slice(&[0, 0]);
        let len = entry.len() as u16;
        entry.resize(128, 0);
        entry[64..66].copy_from_slice(&len.to_le_bytes());
        entry[66] = if i == 0 { 5 } else { 2 };
        bytes.extend_from_slice(&entry);
    }
    bytes.resize(bytes.len().max(1024), 0);
    bytes
}

/// Markup a page or a system's HTML export opens with.
pub fn looks_like_html(head: &[u8]) -> bool {
    let lower: Vec<u8> = head.iter().take(HEAD).map(u8::to_ascii_lowercase).collect();
    let has = |pat: &[u8]| memmem::find(&lower, pat).is_some();
    has(b"<html") || has(b"<!doctype html") || has(b"<table") || has(b"<body") || has(b"<meta")
}

/// Tags a content system's fragment of a page is made of (an article's body as an API returns
/// it: no `<html>`, `<body>` or `<meta>`).
const FRAGMENT_TAGS: &[&[u8]] = &[
    b"div", b"p", b"table", b"tbody", b"thead", b"tr", b"td", b"th", b"span", b"section",
    b"article", b"h1", b"h2", b"h3", b"h4", b"h5", b"h6", b"font", b"strong", b"b", b"br",
    b"center", b"ul", b"ol", b"li", b"style", b"title", b"head", b"img", b"a",
];

/// Bytes that open with one of [`FRAGMENT_TAGS`] (`<div class="article">`, `<p>`, `<TABLE>`):
/// a fragment of a page, not text that happens to start with `<`.
fn opens_with_markup(body: &[u8]) -> bool {
    let at = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    tag_at(&body[at..]).is_some()
}

/// The tag name of one of [`FRAGMENT_TAGS`] opening (or closing, `</p>`) at the start of `s`.
fn tag_at(s: &[u8]) -> Option<&'static [u8]> {
    let s = s.strip_prefix(b"<")?;
    let s = s.strip_prefix(b"/").unwrap_or(s);
    FRAGMENT_TAGS.iter().copied().find(|name| {
        s.len() > name.len()
            && s[..name.len()].eq_ignore_ascii_case(name)
            && matches!(s[name.len()], b'>' | b' ' | b'/' | b'\t' | b'\r' | b'\n')
    })
}

/// How many closing tags of [`FRAGMENT_TAGS`] the head holds (`</p>`, `</td>`): text that only
/// mentions a `<` (`数量<5`) has none.
fn fragment_tags(head: &[u8]) -> usize {
    memmem::find_iter(head, b"</")
        .filter(|&i| tag_at(&head[i..]).is_some())
        .count()
}

/// NUL bytes, or many control bytes, in the head: no text encoding a unit uses has them, except
/// UTF-16, which a BOM announces.
fn is_binary(head: &[u8]) -> bool {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return false;
    }
    // Counted in byte lanes, 255 bytes at a time, so the compiler vectorises the count (a count
    // into a usize per byte was a twentieth of reading a batch of small grid files).
    let controls: usize = head
        .chunks(255)
        .map(|chunk| {
            chunk.iter().fold(0u8, |n, &b| {
                let control = (b < 0x20)
                    & (b != b'\t')
                    & (b != b'\n')
                    & (b != b'\r')
                    & (b != 0x0C)
                    & (b != 0x1A);
                n + u8::from(control)
            }) as usize
        })
        .sum();
    head.contains(&0) || controls * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::{sniff, Format};

    #[test]
    fn text_and_markup() {
        assert_eq!(sniff(b""), Format::Empty);
        assert_eq!(sniff(b" \r\n\t"), Format::Empty);
        assert_eq!(sniff("填报单位,城关区\n".as_bytes()), Format::Text);
        // GBK bytes are text.
        let (gbk, _, _) = encoding_rs::GBK.encode("填报单位,城关区\n");
        assert_eq!(sniff(&gbk), Format::Text);
        assert_eq!(sniff(b"\xFF\xFEa\x00,\x00"), Format::Text);
        assert_eq!(
            sniff(b"<html><body><table><tr><td>1</td></tr></table>"),
            Format::Html
        );
        assert_eq!(sniff(b"\xEF\xBB\xBF<TABLE border=1>"), Format::Html);
        assert_eq!(sniff(b"  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff("规章\n\n36\n".as_bytes()), Format::Text);
        assert_eq!(sniff(b"%PDF-1.7\n"), Format::Pdf);
        assert_eq!(sniff(b"{\\rtf1\\ansi"), Format::Rtf);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><?mso-application progid=\"Word.Document\"?><w:wordDocument xmlns:w=\"http://schemas.microsoft.com/office/word/2003/wordml\">"),
            Format::FlatXml
        );
        assert_eq!(
            sniff(b"MIME-Version: 1.0\r\nContent-Type: multipart/related"),
            Format::Html
        );
        // Fragments as content systems and APIs return an article's body.
        assert_eq!(
            sniff("<div class=\"article\"><p>一、总体情况</p><table><tr><td>规章</td></tr></table></div>".as_bytes()),
            Format::Html
        );
        assert_eq!(sniff("<p>正文</p>".as_bytes()), Format::Html);
        assert_eq!(sniff(b"\n <TR><TD>1</TD></TR>"), Format::Html);
        assert_eq!(
            sniff("兰州市2020年政府信息公开工作年度报告\n<p>一、总体情况</p><p>正文</p><table><tr><td>1</td></tr></table>".as_bytes()),
            Format::Html
        );
        // Text that mentions a `<` is text.
        assert_eq!(sniff("<5件\n规章\n\n36\n".as_bytes()), Format::Text);
        assert_eq!(sniff("规章<br\n数量<3\n".as_bytes()), Format::Text);
        assert_eq!(sniff("<本年新收>\n1\n".as_bytes()), Format::Text);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Format::Binary);
    }

    #[test]
    fn containers_by_what_they_hold() {
        let zip = |name: &str| {
            let mut b = b"PK\x03\x04".to_vec();
            b.extend_from_slice(&[0; 26]);
            b.extend_from_slice(name.as_bytes());
            b
        };
        assert_eq!(sniff(&zip("xl/workbook.xml")), Format::Xlsx);
        assert_eq!(sniff(&zip("word/document.xml")), Format::Docx);
        assert_eq!(
            sniff(&zip(
                "mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
            )),
            Format::Ods
        );
        assert_eq!(sniff(&zip("photos/1.jpg")), Format::Zip);
        let ole = |stream: &str| sniff(&super::ole2_naming(&[stream]));
        assert_eq!(ole("Workbook"), Format::Xls);
        assert_eq!(ole("Book"), Format::Xls);
        assert_eq!(ole("WordDocument"), Format::Doc);
        assert_eq!(ole("EncryptedPackage"), Format::Encrypted);
        assert_eq!(ole("Other"), Format::Binary);
        // A name that only starts like a Word stream is not one.
        assert_eq!(ole("WordDocumentX"), Format::Binary);
        // Cut short inside the directory: what is there is looked at, nothing more.
        assert_eq!(
            sniff(&super::ole2_naming(&["WordDocument"])[..600]),
            Format::Binary
        );
    }

    #[test]
    fn names_say_what_they_promise() {
        assert_eq!(Format::expected_from_name("城关区.XLS"), Some(Format::Xls));
        assert_eq!(Format::expected_from_name("a.et"), Some(Format::Xls));
        assert_eq!(Format::expected_from_name("报告.docx"), Some(Format::Docx));
        assert_eq!(Format::expected_from_name("README"), None);
    }
}
