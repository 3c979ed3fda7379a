//! The main part (`word/document.xml`) streamed into a [`Flow`]: paragraphs outside tables as
//! lines, tables through [`crate::table`], title and heading paragraphs as title candidates.
//!
//! What a reader sees is kept: the text of runs (`w:t`; Word splits a line into many runs around
//! proofing marks, bookmarks, fields and edits, and they are joined), tabs, line breaks, inserted
//! text (`w:ins`), field results. What it does not see is dropped: field codes (`w:instrText`),
//! deleted and moved-away text (`w:del`, `w:moveFrom`), hidden runs (`w:vanish`), the old
//! properties kept by change tracking (`w:*PrChange`), the compatibility copy of a text box
//! (`mc:Fallback`, which repeats `mc:Choice`).
//!
//! Elements are matched by local name, so Strict Open XML (another namespace) reads the same.

use std::io::BufRead;

use gongkai_document::Flow;
use quick_xml::events::{BytesStart, Event};

use crate::styles::{Role, Styles};
use crate::table::{self, Cell, Item, Merge, Row, Table, Tally, MAX_COLUMNS};
use crate::{xml_error, DocxError, Limits};

/// Title candidates kept: a report's title, its headings and its first lines.
const MAX_TITLES: usize = 64;
/// First lines of the body kept as title candidates (pages keep the first 12 of each run).
const FIRST_LINES: usize = 12;
/// Paragraphs at the top of the body where a centred bold or large one is the title.
const TITLE_PARAGRAPHS: usize = 5;
/// A run of at least this size (half-points: 15 pt, 小三) is large.
const LARGE: u32 = 30;

/// Elements whose content a reader does not see.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "del" | "moveFrom" | "Fallback" | "sdtPr" | "sdtEndPr" | "instrText" | "delText"
    ) || name.ends_with("PrChange")
}

/// The elements the walk keeps track of; every other is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    PPr,
    R,
    RPr,
    T,
    Tbl,
    Tr,
    TrPr,
    Tc,
    TcPr,
    Other,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    style: Option<String>,
    centred: bool,
    bold: bool,
    /// The largest run, in half-points.
    size: u32,
    /// An outline level of its own (0–8).
    outline: bool,
}

/// A table being read: the row and cell open in it.
#[derive(Debug, Default)]
struct OpenTable {
    table: Table,
    row: Option<Row>,
    in_cell: bool,
}

impl OpenTable {
    fn cell(&mut self) -> Option<&mut Cell> {
        if !self.in_cell {
            return None;
        }
        self.row.as_mut().and_then(|r| r.cells.last_mut())
    }
}

struct Walk<'a> {
    styles: &'a Styles,
    limits: &'a Limits,
    flow: Flow,
    tags: Vec<Tag>,
    /// The depth of the element being skipped, while inside one.
    skip: Option<usize>,
    paragraphs: Vec<Paragraph>,
    tables: Vec<OpenTable>,
    run_hidden: bool,
    tally: Tally,
    cells: usize,
    /// Title and heading paragraphs, in order.
    headed: Vec<String>,
    first_lines: Vec<String>,
    /// Non-empty paragraphs of the body so far.
    body_paragraphs: usize,
    /// The text of the paragraph before, when it was a title (not a heading).
    last_titled: Option<String>,
    /// Content embedded as another format (`w:altChunk`: HTML or RTF that Word converts when
    /// it opens the file, as web systems write it): not in this part's text.
    alt_chunks: usize,
}

/// Reads the main part.
pub(crate) fn read(
    part: impl BufRead,
    name: &str,
    styles: &Styles,
    limits: &Limits,
) -> Result<Flow, DocxError> {
    let mut reader = quick_xml::Reader::from_reader(part);
    let mut buf = Vec::new();
    let mut walk = Walk {
        styles,
        limits,
        flow: Flow::default(),
        tags: Vec::new(),
        skip: None,
        paragraphs: Vec::new(),
        tables: Vec::new(),
        run_hidden: false,
        tally: Tally::default(),
        cells: 0,
        headed: Vec::new(),
        first_lines: Vec::new(),
        body_paragraphs: 0,
        last_titled: None,
        alt_chunks: 0,
    };
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| xml_error(name, reader.error_position(), &e, limits))?;
        match event {
            Event::Start(e) => {
                if walk.tags.len() >= limits.depth {
                    return Err(DocxError::TooDeep {
                        part: name.to_string(),
                        limit: limits.depth,
                    });
                }
                let tag = if walk.skip.is_some() {
                    Tag::Other
                } else {
                    walk.open(&e)?
                };
                walk.tags.push(tag);
            }
            Event::Empty(e) if walk.skip.is_none() => {
                let tag = walk.open(&e)?;
                match walk.skip {
                    // An empty element skipped has nothing to skip.
                    Some(at) if at == walk.tags.len() => walk.skip = None,
                    _ => walk.close(tag)?,
                }
            }
            Event::End(_) => {
                let tag = walk.tags.pop().unwrap_or(Tag::Other);
                match walk.skip {
                    Some(at) if at == walk.tags.len() => walk.skip = None,
                    Some(_) => {}
                    None => walk.close(tag)?,
                }
            }
            Event::Text(t) => walk.text(&t.xml10_content()),
            Event::CData(t) => walk.text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                // `&amp;` and the like, and `&#…;`; no other entity is defined in a part.
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => {
                        quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string)
                    }
                    Err(_) => None,
                };
                if let Some(s) = resolved {
                    walk.text(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !walk.tags.is_empty() {
        return Err(DocxError::Xml {
            part: name.to_string(),
            position: reader.buffer_position(),
            why: gongkai_messages::msg!("docx-ends-inside", count = walk.tags.len()),
        });
    }
    if walk.alt_chunks > 0 {
        return Err(DocxError::AltChunk {
            chunks: walk.alt_chunks,
        });
    }
    Ok(walk.finish())
}

/// The `val` attribute (`w:val`) of an element.
fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value.trim().to_string())
}

/// A `w:val` that turns a toggle property off.
fn is_off(v: Option<&str>) -> bool {
    matches!(v, Some("0" | "false" | "off"))
}

impl Walk<'_> {
    fn parent(&self) -> Tag {
        self.tags.last().copied().unwrap_or(Tag::Other)
    }

    fn grandparent(&self) -> Tag {
        let n = self.tags.len();
        if n >= 2 {
            self.tags.get(n - 2).copied().unwrap_or(Tag::Other)
        } else {
            Tag::Other
        }
    }

    fn row(&mut self) -> Option<&mut Row> {
        self.tables.last_mut().and_then(|t| t.row.as_mut())
    }

    fn cell_props(&mut self) -> Option<&mut Cell> {
        self.row().and_then(|r| r.cells.last_mut())
    }

    /// An element starts: what it opens or sets. Returns its tag.
    fn open(&mut self, e: &BytesStart) -> Result<Tag, DocxError> {
        let local = e.local_name();
        let name = local.as_ref();
        let parent = self.parent();
        // A row deleted with change tracking on is marked in its properties.
        if parent == Tag::TrPr && name == "del" {
            if let Some(row) = self.row() {
                row.deleted = true;
            }
            return Ok(Tag::Other);
        }
        if is_skipped(name) {
            self.skip = Some(self.tags.len());
            return Ok(Tag::Other);
        }
        Ok(match name {
            "p" => {
                self.paragraphs.push(Paragraph::default());
                Tag::P
            }
            "pPr" => Tag::PPr,
            "r" => {
                self.run_hidden = false;
                Tag::R
            }
            "rPr" => Tag::RPr,
            "t" => Tag::T,
            "tbl" => {
                self.tables.push(OpenTable::default());
                Tag::Tbl
            }
            "tr" => {
                self.count_cell()?;
                if let Some(t) = self.tables.last_mut() {
                    if let Some(row) = t.row.take() {
                        t.table.rows.push(row);
                    }
                    t.row = Some(Row::default());
                }
                Tag::Tr
            }
            "trPr" => Tag::TrPr,
            "tc" => {
                self.count_cell()?;
                if let Some(t) = self.tables.last_mut() {
                    let row = t.row.get_or_insert_with(Row::default);
                    row.cells.push(Cell::default());
                    t.in_cell = true;
                }
                Tag::Tc
            }
            "tcPr" => Tag::TcPr,
            "altChunk" => {
                self.alt_chunks += 1;
                Tag::Other
            }
            _ => {
                self.property(name, parent, e);
                Tag::Other
            }
        })
    }

    /// One more row or cell held until its table ends (an empty row costs memory too).
    fn count_cell(&mut self) -> Result<(), DocxError> {
        self.cells += 1;
        if self.cells > self.limits.cells {
            return Err(DocxError::TooManyCells {
                limit: self.limits.cells,
            });
        }
        Ok(())
    }

    /// A property or a run's special character.
    fn property(&mut self, name: &str, parent: Tag, e: &BytesStart) {
        match (parent, name) {
            (Tag::R, "tab" | "ptab") => self.push('\t'),
            (Tag::R, "br" | "cr") => self.push('\n'),
            (Tag::R, "noBreakHyphen") => self.push('-'),
            (Tag::PPr, "pStyle") => {
                let v = val(e);
                if let Some(p) = self.paragraphs.last_mut() {
                    p.style = v;
                }
            }
            (Tag::PPr, "jc") => {
                let centred = matches!(val(e).as_deref(), Some("center" | "centre"));
                if let Some(p) = self.paragraphs.last_mut() {
                    p.centred = centred;
                }
            }
            (Tag::PPr, "outlineLvl") => {
                let heading = val(e)
                    .and_then(|v| v.parse::<u8>().ok())
                    .is_some_and(|l| l < 9);
                if let Some(p) = self.paragraphs.last_mut() {
                    p.outline = heading;
                }
            }
            (Tag::RPr, "b" | "bCs") => {
                let bold = !is_off(val(e).as_deref());
                if let Some(p) = self.paragraphs.last_mut() {
                    p.bold |= bold;
                }
            }
            (Tag::RPr, "sz" | "szCs") => {
                let size = val(e).and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
                if let Some(p) = self.paragraphs.last_mut() {
                    p.size = p.size.max(size);
                }
            }
            // Hidden text in a run; on a paragraph's mark it hides only the mark.
            (Tag::RPr, "vanish") if self.grandparent() == Tag::R && !is_off(val(e).as_deref()) => {
                self.run_hidden = true;
            }
            (Tag::TcPr, "gridSpan") => {
                let span = val(e)
                    .and_then(|v| v.parse::<u32>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_COLUMNS);
                if let Some(c) = self.cell_props() {
                    c.span = span;
                }
            }
            (Tag::TcPr, "vMerge") => {
                let merge = if val(e).as_deref() == Some("restart") {
                    Merge::Restart
                } else {
                    Merge::Continue
                };
                if let Some(c) = self.cell_props() {
                    c.merge = merge;
                }
            }
            (Tag::TcPr, "hMerge") if val(e).as_deref() != Some("restart") => {
                if let Some(c) = self.cell_props() {
                    c.merge = Merge::ContinueLeft;
                }
            }
            (Tag::TrPr, "gridBefore") => {
                let before = val(e)
                    .and_then(|v| v.parse::<u32>().ok())
                    .unwrap_or(0)
                    .min(MAX_COLUMNS);
                if let Some(row) = self.row() {
                    row.before = before;
                }
            }
            _ => {}
        }
    }

    /// Text of the document: only inside a run's `w:t` (elsewhere it is the part's layout).
    fn text(&mut self, s: &str) {
        if self.parent() != Tag::T || self.run_hidden {
            return;
        }
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.push_str(s);
        }
    }

    /// A character a run's element stands for (a tab, a line break).
    fn push(&mut self, c: char) {
        if self.run_hidden {
            return;
        }
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.push(c);
        }
    }

    /// An element ends.
    fn close(&mut self, tag: Tag) -> Result<(), DocxError> {
        match tag {
            Tag::P => {
                if let Some(p) = self.paragraphs.pop() {
                    self.paragraph(p);
                }
            }
            Tag::Tc => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_cell = false;
                }
            }
            Tag::Tr => {
                if let Some(t) = self.tables.last_mut() {
                    if let Some(row) = t.row.take() {
                        t.table.rows.push(row);
                    }
                    t.in_cell = false;
                }
            }
            Tag::Tbl => {
                if let Some(mut open) = self.tables.pop() {
                    if let Some(row) = open.row.take() {
                        open.table.rows.push(row);
                    }
                    self.table(open.table)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A table has ended: into the cell around it, else into the flow.
    fn table(&mut self, table: Table) -> Result<(), DocxError> {
        let Some(outer) = self.tables.last_mut() else {
            return table.emit(&mut self.flow, &mut self.tally, self.limits);
        };
        outer.table.nested = true;
        match outer.cell() {
            Some(cell) => cell.items.push(Item::Table(table)),
            // A table between rows (not valid, but written by some tools): a row of its own.
            None => outer.table.rows.push(Row {
                cells: vec![Cell {
                    items: vec![Item::Table(table)],
                    ..Cell::default()
                }],
                ..Row::default()
            }),
        }
        Ok(())
    }

    /// A paragraph has ended: into the cell around it, else into the flow's lines.
    fn paragraph(&mut self, p: Paragraph) {
        if let Some(cell) = self.tables.last_mut().and_then(OpenTable::cell) {
            if !p.text.trim().is_empty() {
                cell.items.push(Item::Paragraph(p.text));
            }
            return;
        }
        let lines = table::lines(&p.text);
        if lines.is_empty() {
            return;
        }
        self.body_paragraphs += 1;
        let role = p
            .style
            .as_deref()
            .map_or(Role::Body, |s| self.styles.role(s));
        let at_top = self.body_paragraphs <= TITLE_PARAGRAPHS;
        let title = role == Role::Title || (at_top && p.centred && (p.bold || p.size >= LARGE));
        if title || role == Role::Heading || p.outline {
            let whole: String = lines.concat();
            // A title broken over paragraphs at the top reads as one.
            if let Some(before) = self.last_titled.take().filter(|_| title && at_top) {
                self.title(format!("{before}{whole}"));
            }
            self.title(whole.clone());
            self.last_titled = title.then_some(whole);
        } else {
            self.last_titled = None;
        }
        for line in &lines {
            if self.first_lines.len() < FIRST_LINES {
                self.first_lines.push(line.clone());
            }
        }
        self.flow.push_lines(lines);
    }

    fn title(&mut self, title: String) {
        if self.headed.len() < MAX_TITLES && title.chars().count() <= 200 {
            self.headed.push(title);
        }
    }

    fn finish(mut self) -> Flow {
        let mut titles: Vec<String> = Vec::new();
        for t in self.headed.into_iter().chain(self.first_lines) {
            if !titles.contains(&t) {
                titles.push(t);
            }
        }
        self.flow.titles = titles;
        self.flow
    }
}
