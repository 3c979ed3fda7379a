//! Word documents (`.docx`) as a unit or a portal saves them: the bytes of the file become a
//! [`Flow`] of the document's text and tables in reading order, for the same locator as
//! published pages. Nothing here knows the form.
//!
//! A `.docx` is a zip container; it is checked first ([`gongkai_document::zipped::check`]:
//! entries and inflated bytes counted, a password found), then its main part (`word/document.xml`,
//! or wherever the package's relationships point) is parsed as a stream. Tables become
//! [`gongkai_document::Grid`]s with spans expanded; paragraphs outside tables become lines; the
//! title and headings become title candidates. What is not a `.docx` says what it is instead:
//! an old binary `.doc`/`.wps`, a file saved with a password, an RTF or HTML file under a Word
//! name, a workbook.
//!
//! What the bytes are is told first by [`gongkai_document::sniff`].
//!
//! Layers, lowest first: `styles` (which
//! paragraph styles are titles and headings) · `table` (a table as read → grids and lines) →
//! `body` (the main part, streamed) → this module (the container, the parts, the limits).

mod body;
mod styles;
mod table;

#[cfg(test)]
mod tests;

use std::fmt;
use std::io::{BufRead, BufReader, Cursor, Read};

use gongkai_document::zipped::{self, ZipLimits, ZipProblem};
use gongkai_document::{sniff, Flow, Format};
use gongkai_messages::msg;
use quick_xml::events::Event;

/// How much a document may hold before it is refused. A Word annual report is a few dozen
/// pages: its main part a few hundred KB, its tables a few thousand cells, nested a few levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The container: entries and the bytes they inflate to.
    pub zip: ZipLimits,
    /// Bytes one XML part (the main document, the styles) may inflate to.
    pub part_bytes: u64,
    /// Elements nested in one another. Word nests a table cell's text about a dozen deep.
    pub depth: usize,
    /// Table rows and cells in the whole document, as written (before spans are expanded).
    pub cells: usize,
    /// Grid slots in the whole document, spans expanded.
    pub slots: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            zip: ZipLimits::default(),
            part_bytes: 64 << 20,
            depth: 256,
            cells: 1_000_000,
            slots: 4_000_000,
        }
    }
}

/// Why a file could not be read as a Word document; it prints as a sentence in the run's language
/// saying what to do (the texts held inside are worded when the error is made).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// An OLE2 compound file with a `WordDocument` stream: Word 97–2003 `.doc`, or WPS `.wps`.
    OldWord,
    /// An OLE2 compound file with an `EncryptedPackage` stream: a `.docx` saved with a password.
    Encrypted,
    /// Another OLE2 compound file (an old `.xls` or `.ppt`).
    OtherOffice,
    /// Not a zip container at all; what it is instead.
    NotAContainer(Format),
    /// The container cannot be read: damaged or cut short, an encrypted entry, too many entries,
    /// too many bytes (a zip bomb).
    Container(ZipProblem),
    /// A zip container with no Word document in it; what it holds instead.
    NotWord { holds: String },
    /// A part is not well-formed XML.
    Xml {
        part: String,
        position: u64,
        why: String,
    },
    /// Elements nested deeper than [`Limits::depth`].
    TooDeep { part: String, limit: usize },
    /// A part inflates past [`Limits::part_bytes`].
    PartTooLarge { part: String, limit: u64 },
    /// More table rows and cells than [`Limits::cells`], or slots than [`Limits::slots`].
    TooManyCells { limit: usize },
    /// A row of a table reaches past the widest grid read (Word itself stops at 63 columns).
    TableTooWide { table: u32, row: u32, limit: u32 },
    /// Content embedded as HTML or RTF (`w:altChunk`) that Word converts only when it opens
    /// the file: the document's text is not in it until then.
    AltChunk { chunks: usize },
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            DocxError::OldWord => msg!("docx-old-word"),
            DocxError::Encrypted => msg!("docx-encrypted"),
            DocxError::OtherOffice => msg!("docx-other-office"),
            DocxError::NotAContainer(format) => match format {
                Format::Html | Format::Pdf | Format::Text => {
                    msg!("docx-not-word-but", format = format.name())
                }
                other => msg!("docx-not-a-container", why = other.not_read()),
            },
            DocxError::Container(problem) => return write!(f, "{problem}"),
            DocxError::NotWord { holds } => msg!("docx-not-word", holds = holds),
            DocxError::Xml {
                part,
                position,
                why,
            } => msg!("docx-xml", part = part, position = *position, why = why),
            DocxError::TooDeep { part, limit } => {
                msg!("docx-too-deep", part = part, limit = *limit)
            }
            DocxError::PartTooLarge { part, limit } => {
                msg!("docx-part-too-large", part = part, mib = limit >> 20)
            }
            DocxError::TooManyCells { limit } => msg!("docx-too-many-cells", limit = *limit),
            DocxError::AltChunk { chunks } => msg!("docx-alt-chunk", chunks = *chunks),
            DocxError::TableTooWide { table, row, limit } => msg!(
                "docx-table-too-wide",
                table = *table,
                row = *row,
                limit = *limit
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for DocxError {}

impl From<ZipProblem> for DocxError {
    fn from(problem: ZipProblem) -> DocxError {
        match problem {
            ZipProblem::Encrypted { .. } => DocxError::Encrypted,
            other => DocxError::Container(other),
        }
    }
}

/// Reads a `.docx` (or `.docm`, `.dotx`: the same container) with the default [`Limits`].
pub fn read(bytes: &[u8]) -> Result<Flow, DocxError> {
    read_with(bytes, &Limits::default())
}

/// Reads a `.docx` within `limits`.
pub fn read_with(bytes: &[u8], limits: &Limits) -> Result<Flow, DocxError> {
    match sniff(bytes) {
        // Any zip: the container check and the parts say what is wrong with one that is no
        // Word document (and an empty archive's end record opens with `PK` too).
        Format::Docx | Format::Xlsx | Format::Ods | Format::Odt | Format::Zip => {}
        Format::Doc => return Err(DocxError::OldWord),
        Format::Encrypted => return Err(DocxError::Encrypted),
        Format::Xls => return Err(DocxError::OtherOffice),
        Format::Binary if bytes.starts_with(b"PK") => {}
        other => return Err(DocxError::NotAContainer(other)),
    }
    zipped::check(bytes, &limits.zip)?;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocxError::Container(ZipProblem::Damaged(e.to_string())))?;
    let main = main_part(&mut archive, limits)?;
    if archive.index_for_name(&main).is_none() {
        return Err(DocxError::NotWord {
            holds: what_it_holds(&mut archive),
        });
    }
    let styles = match related_part(&mut archive, &main, "/styles", "styles.xml", limits)? {
        Some(part) => styles::read(open(&mut archive, &part, limits)?, &part, limits)?,
        None => styles::Styles::default(),
    };
    let reader = open(&mut archive, &main, limits)?;
    body::read(reader, &main, &styles, limits)
}

/// A part of the container as a stream of at most [`Limits::part_bytes`] bytes.
fn open<'z, 'b: 'z>(
    archive: &'z mut zip::ZipArchive<Cursor<&'b [u8]>>,
    name: &str,
    limits: &Limits,
) -> Result<impl BufRead + use<'z, 'b>, DocxError> {
    let entry = archive.by_name(name).map_err(|e| {
        DocxError::Container(ZipProblem::Damaged(msg!(
            "docx-zip-entry",
            name = name,
            why = e.to_string()
        )))
    })?;
    if entry.size() > limits.part_bytes {
        return Err(DocxError::PartTooLarge {
            part: name.to_string(),
            limit: limits.part_bytes,
        });
    }
    Ok(BufReader::with_capacity(
        64 * 1024,
        Capped {
            inner: entry,
            left: limits.part_bytes,
        },
    ))
}

/// A reader that fails past a number of bytes: the size an entry declares is the archive's own
/// word, and a part is parsed as it inflates.
#[derive(Debug)]
pub(crate) struct Capped<R> {
    inner: R,
    left: u64,
}

/// The message of the error [`Capped`] gives: how a parse failure is told from a part too large.
const CAPPED: &str = "the part is larger than the limit";

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.left {
            return Err(std::io::Error::other(CAPPED));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// A parse error of `part` as a [`DocxError`].
pub(crate) fn xml_error(
    part: &str,
    position: u64,
    e: &quick_xml::Error,
    limits: &Limits,
) -> DocxError {
    if let quick_xml::Error::Io(io) = e {
        if io.to_string() == CAPPED {
            return DocxError::PartTooLarge {
                part: part.to_string(),
                limit: limits.part_bytes,
            };
        }
    }
    DocxError::Xml {
        part: part.to_string(),
        position,
        why: e.to_string(),
    }
}

/// The main document part: the package relationship of type `…/officeDocument`, else
/// `word/document.xml`.
fn main_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    limits: &Limits,
) -> Result<String, DocxError> {
    let found = if archive.index_for_name("_rels/.rels").is_some() {
        let rels = open(archive, "_rels/.rels", limits)?;
        relationship(rels, "_rels/.rels", "/officeDocument", "", limits)?
    } else {
        None
    };
    Ok(found.unwrap_or_else(|| "word/document.xml".to_string()))
}

/// A part related to `from` by a relationship whose type ends in `kind`, else `fallback` beside
/// it, if the container holds either.
fn related_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    from: &str,
    kind: &str,
    fallback: &str,
    limits: &Limits,
) -> Result<Option<String>, DocxError> {
    let (folder, name) = from.rsplit_once('/').unwrap_or(("", from));
    let rels_name = if folder.is_empty() {
        format!("_rels/{name}.rels")
    } else {
        format!("{folder}/_rels/{name}.rels")
    };
    let mut found = None;
    if archive.index_for_name(&rels_name).is_some() {
        let rels = open(archive, &rels_name, limits)?;
        found = relationship(rels, &rels_name, kind, folder, limits)?;
    }
    let found = found.unwrap_or_else(|| join(folder, fallback));
    Ok(archive.index_for_name(&found).is_some().then_some(found))
}

/// The target of the first relationship in a `.rels` part whose type ends in `kind`, as a name
/// in the container (targets are relative to `folder`, or absolute from its root).
fn relationship(
    part: impl BufRead,
    name: &str,
    kind: &str,
    folder: &str,
    limits: &Limits,
) -> Result<Option<String>, DocxError> {
    let mut reader = quick_xml::Reader::from_reader(part);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| xml_error(name, reader.error_position(), &e, limits))?;
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth > limits.depth {
                    return Err(DocxError::TooDeep {
                        part: name.to_string(),
                        limit: limits.depth,
                    });
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => return Ok(None),
            _ => {}
        }
        if let Event::Start(e) | Event::Empty(e) = &event {
            if e.local_name().as_ref() != "Relationship" {
                buf.clear();
                continue;
            }
            let mut of_kind = false;
            let mut target = None;
            let mut external = false;
            for attr in e.attributes().flatten() {
                match attr.key.local_name().as_ref() {
                    "Type" => of_kind = attr.value.ends_with(kind),
                    "Target" => target = Some(attr.value.trim().to_string()),
                    "TargetMode" => external = attr.value.eq_ignore_ascii_case("External"),
                    _ => {}
                }
            }
            if let (true, false, Some(t)) = (of_kind, external, target) {
                return Ok(Some(match t.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => join(folder, &t),
                }));
            }
        }
        buf.clear();
    }
}

/// `folder/name`, `..` steps resolved.
fn join(folder: &str, name: &str) -> String {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for p in name.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(p),
        }
    }
    parts.join("/")
}

/// What a zip container with no Word document holds, for the error.
fn what_it_holds(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> String {
    let has = |archive: &zip::ZipArchive<Cursor<&[u8]>>, name: &str| {
        archive.index_for_name(name).is_some()
    };
    if has(archive, "xl/workbook.xml") || has(archive, "xl/workbook.bin") {
        return msg!("docx-holds-workbook");
    }
    if has(archive, "ppt/presentation.xml") {
        return msg!("docx-holds-pptx");
    }
    if has(archive, "content.xml") {
        let mut mimetype = String::new();
        if let Ok(entry) = archive.by_name("mimetype") {
            // A few dozen bytes: `application/vnd.oasis.opendocument.text`.
            entry.take(200).read_to_string(&mut mimetype).ok();
        }
        return if mimetype.contains("opendocument.text") {
            msg!("docx-holds-odt")
        } else {
            msg!("docx-holds-opendocument")
        };
    }
    let names: Vec<String> = archive
        .file_names()
        .take(5)
        .map(|n| n.map(|n| n.into_owned()).unwrap_or_default())
        .collect();
    msg!(
        "docx-holds-entries",
        count = archive.len(),
        names = names.join(", "),
        more = if archive.len() > names.len() {
            "yes"
        } else {
            "no"
        }
    )
}
