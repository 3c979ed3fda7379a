//! Published reports: the annual report as a government portal shows it (saved as HTML or copied
//! as text) or as its body wrote it (a Word file, a PDF, a workbook), into a checked [`UnitReport`].
//!
//! [`import_file`] reads one page: the HTML as saved (any charset the page declares; tables with
//! rowspan/colspan, `&nbsp;`, `<br>` and nested markup in cells; navigation, scripts and styles
//! around the report), or the text copied from it (one cell per line, blank lines between, or
//! tab-separated). Both become grids of cells ([`gongkai_document::Grid`]: a page's tables, the
//! text between them, a text copy regrouped into rows); the report's unit and year come from its
//! title, and the form is found in the grids by the one locator (`gongkai_ingest::locate`, with
//! the conventions of published reports). Deviations are data: rows the form does not have are
//! left out with a warning, blank cells stay blank, blank totals are derived from their parts (a
//! warning names each), and rules R1–R6 run on what was read ([`PageImport::findings`]), with N1:
//! the figures the report's text states against its tables (`gongkai-narrative`).
//!
//! The formats themselves are read below this crate (`gongkai-html`, and the document readers):
//! each yields a [`Flow`] of text lines and tables, whose lines are regrouped here.
//!
//! Layers, lowest first: [`text`] (a text copy or a flow's lines to grids) · [`title`] (unit and
//! year) · [`prose`] (the text outside the tables, for N1) → [`check`] (derived totals, rules) →
//! this module (one report's import).

mod check;
mod prose;
mod text;
mod title;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use gongkai_form::{FormVersion, Level, Section};
use gongkai_locate::{self as locate, kind, Conventions, Document, Kind, Setting, Values};
use gongkai_messages::msg;
use rayon::prelude::*;
use walkdir::WalkDir;

use gongkai_document::decode::{decode, EncodingChoice};
use gongkai_document::{sniff, Block, Flow, Format, Grid, Origin};
use gongkai_report::{Finding, UnitReport};

/// What kind of page a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// A saved HTML page.
    Html,
    /// Text copied from a page: one cell per line.
    Text,
    /// Text copied from a page's table: tab-separated cells.
    Tabbed,
    /// Markdown as a PDF or OCR converter writes it: pipe tables (`| 规章 | 36 | 3 | 50 |`).
    Markdown,
    /// A Word document (`.docx`).
    Word,
    /// A PDF with a text layer.
    Pdf,
    /// A workbook (`.xlsx`, `.xls`, `.ods`, WPS `.et`): a report pasted into or saved as a sheet.
    Workbook,
}

impl PageKind {
    pub fn code(self) -> &'static str {
        match self {
            PageKind::Html => "html",
            PageKind::Text => "text",
            PageKind::Tabbed => "tab-separated text",
            PageKind::Markdown => "markdown",
            PageKind::Word => "Word",
            PageKind::Pdf => "PDF",
            PageKind::Workbook => "workbook",
        }
    }
}

/// What a cell of a published page holds (`3件` is a value, `无` a blank).
pub(crate) fn kind_of(text: &str) -> Kind {
    kind(text, Values::Published)
}

/// Everything learned from one page.
#[derive(Debug)]
pub struct PageImport {
    pub file: Arc<PathBuf>,
    pub kind: Option<PageKind>,
    /// The charset the page was read in.
    pub encoding: Option<&'static str>,
    /// The report, with every cell found on the page; `None` when the page could not be read.
    pub report: Option<UnitReport>,
    /// Reading problems and deviations: rows left out, cells not found, blank totals derived.
    pub diagnostics: Vec<Finding>,
    /// Rules R1–R6 that do not hold on the report as published, and N1: figures its text states
    /// that its tables do not hold.
    pub findings: Vec<Finding>,
    /// Cells whose blank total was derived from its parts.
    pub derived: Vec<usize>,
    /// Cells whose text was not a value (each an error in `diagnostics`).
    pub bad_cells: usize,
}

impl PageImport {
    fn new(file: Arc<PathBuf>) -> PageImport {
        PageImport {
            file,
            kind: None,
            encoding: None,
            report: None,
            diagnostics: Vec::new(),
            findings: Vec::new(),
            derived: Vec::new(),
            bad_cells: 0,
        }
    }

    fn fail(mut self, message: impl Into<String>) -> PageImport {
        self.diagnostics.push(Finding::error(&self.file, message));
        self.report = None;
        self
    }

    /// True when the page gave a report (perhaps partial).
    pub fn is_readable(&self) -> bool {
        self.report.is_some()
    }

    /// Cells found on the page.
    pub fn found(&self) -> usize {
        self.report
            .as_ref()
            .map_or(0, |r| r.source.lines.iter().filter(|l| **l != 0).count())
    }

    /// Cells of the report's form: 198 (form 2019) or 200 (form 2021).
    pub fn expected(&self) -> usize {
        self.report.as_ref().map_or(0, |r| r.form.catalogue().len())
    }

    /// Codes of the cells of the form not found on the page.
    pub fn missing(&self) -> Vec<String> {
        let Some(r) = &self.report else {
            return Vec::new();
        };
        let cat = r.form.catalogue();
        cat.cells
            .iter()
            .filter(|c| !r.present(c.index))
            .map(|c| c.code())
            .collect()
    }

    /// Every cell of the form found.
    pub fn is_complete(&self) -> bool {
        self.report.is_some() && self.found() == self.expected()
    }

    /// A rule error, or a cell that is not a value.
    pub fn has_errors(&self) -> bool {
        self.bad_cells > 0 || self.findings.iter().any(|f| f.level == Level::Error)
    }

    /// One line for a batch summary, in the run's language: what the page yielded, and why not
    /// everything.
    pub fn summary(&self) -> String {
        let name = self.file.display().to_string();
        let Some(r) = &self.report else {
            let why = self
                .diagnostics
                .iter()
                .rev()
                .find(|d| d.is_error())
                .map_or_else(String::new, |d| d.message.clone());
            return msg!("pages-summary-unreadable", file = name, why = why);
        };
        let errors = self
            .findings
            .iter()
            .filter(|f| f.level == Level::Error)
            .count();
        let rules = if errors > 0 {
            msg!("pages-summary-rule-errors", count = errors)
        } else {
            String::new()
        };
        let blanks = r
            .blank
            .iter()
            .zip(&r.source.lines)
            .filter(|(b, l)| **b && **l != 0)
            .count();
        let blanks = if blanks > 0 {
            msg!("pages-summary-blanks", count = blanks)
        } else {
            String::new()
        };
        if self.is_complete() {
            return msg!(
                "pages-summary-complete",
                file = name,
                unit = &r.unit,
                year = r.year,
                form = r.form.code(),
                found = self.found(),
                expected = self.expected(),
                blanks = blanks,
                rules = rules,
            );
        }
        let missing = self.missing();
        let mut by_section: Vec<String> = Vec::new();
        for s in Section::ALL {
            let n = missing
                .iter()
                .filter(|c| c.starts_with(&format!("{}.", s.code())))
                .count();
            let all = r.form.catalogue().cells_of(s).count();
            if n == all {
                by_section.push(msg!("pages-table-not-found", table = table_name(s)));
            } else if n > 0 {
                by_section.push(msg!(
                    "pages-cells-not-found",
                    count = n,
                    table = table_name(s)
                ));
            }
        }
        if self.bad_cells > 0 {
            by_section.push(msg!("pages-cells-not-values", count = self.bad_cells));
        }
        msg!(
            "pages-summary-partial",
            file = name,
            unit = &r.unit,
            year = r.year,
            form = r.form.code(),
            found = self.found(),
            expected = self.expected(),
            blanks = blanks,
            rules = rules,
            missing = by_section.join(&msg!("pages-separator")),
        )
    }
}

/// A table of the form as a message names it: its code in English (`requests`), its number and
/// heading in Chinese (表三（收到和处理政府信息公开申请情况）).
pub(crate) fn table_name(section: Section) -> String {
    match section {
        Section::Active => msg!("pages-table-active"),
        Section::Requests => msg!("pages-table-requests"),
        Section::Appeals => msg!("pages-table-appeals"),
    }
}

/// Reads one saved page or text copy. Never fails: problems are in the diagnostics.
pub fn import_file(path: &Path) -> PageImport {
    match std::fs::read(path) {
        Ok(bytes) => import_bytes(&bytes, path),
        Err(e) => PageImport::new(Arc::new(path.to_path_buf()))
            .fail(msg!("pages-cannot-read", error = e.to_string())),
    }
}

/// [`import_file`], but a workbook whose sheets each hold a whole report of their own (a report a
/// year, as `consolidate -o` writes one) gives each sheet's report; any other file gives one.
pub fn import_file_all(path: &Path) -> Vec<PageImport> {
    match std::fs::read(path) {
        Ok(bytes) => import_all(&bytes, path, None),
        Err(e) => vec![PageImport::new(Arc::new(path.to_path_buf()))
            .fail(msg!("pages-cannot-read", error = e.to_string()))],
    }
}

/// The reports of a file: a sheet's each where every visible sheet of a workbook holds a whole
/// report of another unit or year ([`sheets_apart`]); else the file's one.
fn import_all(
    bytes: &[u8],
    path: &Path,
    served: Option<&'static encoding_rs::Encoding>,
) -> Vec<PageImport> {
    if matches!(sniff(bytes), Format::Xlsx | Format::Xls | Format::Ods) {
        // Read once: sheet by sheet, else together (an unreadable one as `import_any` says it).
        if let Ok(book) = gongkai_workbook::read(bytes) {
            return sheets_apart(&book, path)
                .unwrap_or_else(|| vec![import_book(book, path, None, None)]);
        }
    }
    vec![import_any(bytes, path, None, served)]
}

/// A workbook's visible sheets read together as one report. `sheet` names the one sheet read
/// apart: its name follows the file's as the last place the unit and year are looked for, as a
/// file's name is (`城关区.xlsx`, sheet `2020年`).
fn import_book(
    book: gongkai_workbook::Workbook,
    path: &Path,
    folder_year: Option<i32>,
    sheet: Option<&str>,
) -> PageImport {
    let mut imp = PageImport::new(Arc::new(path.to_path_buf()));
    imp.kind = Some(PageKind::Workbook);
    let file = Arc::clone(&imp.file);
    let (grids, about) = sheet_grids(book, &file, &mut imp.diagnostics);
    imp.bad_cells = imp.diagnostics.iter().filter(|d| d.is_error()).count();
    let name = sheet.map(|sheet| format!("{} {sheet}", stem(path)));
    import_grids(imp, grids, about, path, folder_year, name.as_deref())
}

/// A file's name without its extension: the last place a report's unit and year are looked for.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Each visible sheet of `book` read as a report of its own (its name after the file's the last
/// place its year or unit is looked for), if at least two are, every sheet that holds any of the form is whole
/// (every cell found) and no two are of the same unit and year; `None` otherwise: the sheets are
/// then one report's (二 on one sheet, 三 on the next, say), read together. A sheet with none of
/// the form (the findings `consolidate -o` adds) is named in a warning of the first report.
fn sheets_apart(book: &gongkai_workbook::Workbook, path: &Path) -> Option<Vec<PageImport>> {
    let sheets: Vec<&gongkai_workbook::Sheet> = book
        .sheets
        .iter()
        .filter(|s| s.visible && !s.grid.is_empty())
        .collect();
    if sheets.len() < 2 || book.sheets.iter().any(|s| !s.visible) {
        return None;
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut out: Vec<PageImport> = Vec::with_capacity(sheets.len());
    let mut no_form = Vec::new();
    for sheet in sheets {
        let one = gongkai_workbook::Workbook {
            format: book.format,
            sheets: vec![gongkai_workbook::Sheet {
                name: sheet.name.clone(),
                visible: true,
                grid: sheet.grid.clone(),
            }],
        };
        let imp = import_book(one, path, None, Some(&sheet.name));
        let Some(report) = imp.report.as_ref() else {
            no_form.push(sheet.name.as_str());
            continue;
        };
        if !imp.is_complete() || !seen.insert((report.unit.clone(), report.year)) {
            return None;
        }
        out.push(imp);
    }
    if out.len() < 2 {
        return None;
    }
    let file = Arc::clone(&out[0].file);
    out[0].diagnostics.extend(
        no_form
            .into_iter()
            .map(|sheet| Finding::warning(&file, msg!("read-sheet-no-form", sheet = sheet))),
    );
    Some(out)
}

/// Reads a page's contents as if from `path` (whose name is the fallback for unit and year).
pub fn import_bytes(bytes: &[u8], path: &Path) -> PageImport {
    import_bytes_in(bytes, path, None)
}

/// [`import_bytes`], with the year of the folder the file is in as the last fallback for the
/// report's year (a unit's submission in `2020/`, say).
pub fn import_bytes_in(bytes: &[u8], path: &Path, folder_year: Option<i32>) -> PageImport {
    import_any(bytes, path, folder_year, None)
}

/// A page as a server sent it: `address` names it (in every finding and in the summary, and
/// its last part is the fallback for unit and year, as a file's name is), `served` is the charset
/// of the HTTP `Content-Type` header, taken only where the page declares none (an HTML page's
/// BOM or `<meta>`; a text copy's BOM) and fits the bytes.
pub fn import_served(
    bytes: &[u8],
    address: &Path,
    served: Option<&'static encoding_rs::Encoding>,
) -> PageImport {
    import_any(bytes, address, None, served)
}

fn import_any(
    bytes: &[u8],
    path: &Path,
    folder_year: Option<i32>,
    served: Option<&'static encoding_rs::Encoding>,
) -> PageImport {
    let mut imp = PageImport::new(Arc::new(path.to_path_buf()));
    let file = Arc::clone(&imp.file);
    let (grids, about) = match sniff(bytes) {
        Format::Html => {
            let page = gongkai_html::read_served(bytes, served);
            imp.kind = Some(PageKind::Html);
            imp.encoding = Some(page.encoding.name());
            if let Some(note) = &page.note {
                imp.diagnostics.push(Finding::warning(&file, note.clone()));
            }
            flow_grids(page.flow, &file, &mut imp.diagnostics)
        }
        Format::Text => {
            // The server's charset first where it is one for Chinese text and the bytes fit it;
            // else as a saved copy is read.
            let decoded = match served
                .filter(|e| gongkai_html::plausible(e))
                .and_then(|e| decode(bytes, EncodingChoice::Fixed(e)).ok())
            {
                Some(d) => d,
                None => match decode(bytes, EncodingChoice::Auto) {
                    Ok(d) => d,
                    Err(e) => return imp.fail(e.to_string()),
                },
            };
            imp.encoding = Some(decoded.encoding.name());
            let text = decoded.text.as_ref();
            let layout = text::layout_of(text);
            imp.kind = Some(match layout {
                text::TextLayout::Tabs => PageKind::Tabbed,
                text::TextLayout::Pipes => PageKind::Markdown,
                _ => PageKind::Text,
            });
            let tokens = text::tokens(text, layout);
            imp.diagnostics.extend(text::ocr_notes(&tokens, &file));
            let about = Flow {
                titles: text::title_lines(text),
                ..Flow::default()
            };
            (vec![text::regroup(&tokens, Origin::Text)], about)
        }
        Format::Docx => match gongkai_docx::read(bytes) {
            Ok(flow) => {
                imp.kind = Some(PageKind::Word);
                flow_grids(flow, &file, &mut imp.diagnostics)
            }
            Err(e) => return imp.fail(e.to_string()),
        },
        Format::Pdf => match gongkai_pdf::read(bytes) {
            Ok(flow) => {
                imp.kind = Some(PageKind::Pdf);
                flow_grids(flow, &file, &mut imp.diagnostics)
            }
            Err(e) => return imp.fail(e.to_string()),
        },
        Format::Xlsx | Format::Xls | Format::Ods => match gongkai_workbook::read(bytes) {
            Ok(book) => return import_book(book, path, folder_year, None),
            Err(e) => return imp.fail(e.to_string()),
        },
        other => return imp.fail(other.not_read()),
    };
    // Errors in reading so far are cells a text's recognition garbled: cells not values.
    imp.bad_cells = imp.diagnostics.iter().filter(|d| d.is_error()).count();
    import_grids(imp, grids, about, path, folder_year, None)
}

/// A workbook's visible sheets as grids (hidden ones named in a warning), and as title candidates
/// the first cells of each sheet (a report saved as a sheet keeps its title in the top rows).
fn sheet_grids(
    book: gongkai_workbook::Workbook,
    file: &Arc<PathBuf>,
    diagnostics: &mut Vec<Finding>,
) -> (Vec<Grid<'static>>, Flow) {
    let mut grids = Vec::new();
    let mut titles = Vec::new();
    for sheet in book.sheets {
        if !sheet.visible {
            diagnostics.push(Finding::warning(
                file,
                msg!("pages-sheet-hidden", sheet = &sheet.name),
            ));
            continue;
        }
        titles.extend(
            sheet
                .grid
                .rows()
                .take(12)
                .flat_map(|r| r.cells().filter(|c| c.first).map(|c| c.text.to_string()))
                .filter(|t| !t.trim().is_empty()),
        );
        grids.push(sheet.grid);
    }
    let about = Flow {
        titles,
        ..Flow::default()
    };
    (grids, about)
}

/// A flow's tables as they are and its runs of lines regrouped into rows, with what it says of
/// itself (its blocks taken out): the title candidates, the document's own then the first lines
/// of each run that are no link or menu; its metadata and navigation.
fn flow_grids(
    mut flow: Flow,
    file: &Arc<PathBuf>,
    notes: &mut Vec<Finding>,
) -> (Vec<Grid<'static>>, Flow) {
    let mut grids = Vec::new();
    let blocks = std::mem::take(&mut flow.blocks);
    let mut firsts = Vec::new();
    for block in blocks {
        match block {
            Block::Lines(lines) => {
                firsts.extend(
                    lines
                        .iter()
                        .filter(|l| !flow.is_navigation(l))
                        .take(12)
                        .cloned(),
                );
                let toks: Vec<text::Token> =
                    lines.iter().flat_map(|l| text::line_tokens(l, 0)).collect();
                notes.extend(text::ocr_notes(&toks, file));
                grids.push(text::regroup(&toks, Origin::Prose));
            }
            Block::Table(grid) => grids.push(grid),
        }
    }
    flow.titles.extend(firsts);
    (grids, flow)
}

/// The report in a document's grids: unit and year from its title, the form found by the
/// locator, blank totals derived, the rules checked.
fn import_grids(
    mut imp: PageImport,
    grids: Vec<Grid<'_>>,
    about: Flow,
    path: &Path,
    folder_year: Option<i32>,
    name: Option<&str>,
) -> PageImport {
    let file = Arc::clone(&imp.file);

    // Unit and year: the title, else a title-like line anywhere, else the page's metadata,
    // else the file name (`name`, where one is given in its place).
    let stem = name.map_or_else(|| stem(path), str::to_string);
    let lines = grids
        .iter()
        .flat_map(|g| g.rows())
        .take(400)
        .flat_map(|r| r.cells().map(|c| c.text));
    let (unit, year) = match title::name_report(&about, lines, &stem, folder_year) {
        Ok(naming) => {
            for note in naming.notes {
                imp.diagnostics.push(Finding::warning(&file, note));
            }
            (naming.unit, naming.year)
        }
        Err(why) => return imp.fail(why),
    };

    // Form version: labels only one form has, checked against the year.
    let due = FormVersion::for_year(year);
    let document = Document::new(&grids);
    if let Some(d) = document.form_of_labels().filter(|d| *d != due) {
        return imp.fail(msg!(
            "pages-wrong-form",
            unit = &unit,
            year = year,
            found = d.code(),
            due = due.code(),
            notice = due.notice(),
        ));
    }

    let setting = Setting {
        form: due,
        unit: &unit,
        year,
        file: &file,
        conventions: Conventions::PUBLISHED,
    };
    let mut located = locate::locate(&document, setting);
    // Cells not values: the locator's, and any a text's recognition garbled (counted below).
    imp.bad_cells += located.bad_cells;
    let present = located
        .report
        .source
        .lines
        .iter()
        .filter(|l| **l != 0)
        .count();
    if present == 0 && imp.bad_cells == 0 {
        imp.diagnostics.append(&mut located.diagnostics);
        let message = if located.seen.is_empty() {
            msg!(
                "pages-no-table",
                unit = &unit,
                year = year,
                form = due.code()
            )
        } else {
            let seen: Vec<String> = located.seen.iter().map(|s| table_name(*s)).collect();
            msg!(
                "pages-no-table-seen",
                unit = &unit,
                year = year,
                form = due.code(),
                tables = seen.join(&msg!("pages-list-separator")),
            )
        };
        return imp.fail(message);
    }
    // What was not found, table by table.
    located.report_missing();
    imp.diagnostics.append(&mut located.diagnostics);
    let mut report = located.report;
    imp.derived = check::derive_totals(&mut report, &file, &mut imp.diagnostics);
    imp.findings = check::check(&report, &file);
    imp.findings.extend(gongkai_narrative::check(
        &prose::of(&grids, imp.kind),
        &report,
    ));
    imp.report = Some(report);
    imp
}

/// File names a folder of published reports holds: saved pages and text copies, Word files,
/// PDFs, workbooks (any name a report format has; the content decides how it is read).
fn is_page(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(Format::expected_from_name)
        .is_some_and(|f| f != Format::Zip)
}

/// The pages named by `paths`: files as given (whatever their name), folders searched for saved
/// pages (sorted). A path that does not exist is an error.
pub fn collect_pages(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Finding>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
            continue;
        }
        if !path.is_dir() {
            problems.push(Finding::error(
                &Arc::new(path.clone()),
                msg!("pages-no-such-path"),
            ));
            continue;
        }
        // Files of no report's format (a saved page's images and styles, notes in Markdown)
        // are left, and counted in one warning for the folder.
        let mut others: Vec<PathBuf> = Vec::new();
        for entry in WalkDir::new(path).follow_links(true).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_file() && is_page(e.path()) => {
                    files.push(e.into_path());
                }
                Ok(e) if e.file_type().is_file() => others.push(e.into_path()),
                Ok(_) => {}
                Err(err) => {
                    let at = err.path().map_or_else(|| path.clone(), Path::to_path_buf);
                    problems.push(Finding::error(&Arc::new(at), err.to_string()));
                }
            }
        }
        if let Some(first) = others.first() {
            problems.push(Finding::warning(
                &Arc::new(path.clone()),
                msg!(
                    "pages-folder-others",
                    count = others.len(),
                    first = first.display().to_string()
                ),
            ));
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    (files, problems)
}

/// Reads many pages in parallel; the results are in the order of `files`.
pub fn import_pages(files: &[PathBuf]) -> Vec<PageImport> {
    files
        .par_iter()
        .flat_map_iter(|f| import_file_all(f))
        .collect()
}

/// A page to read: a file, or a page a server sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageSource {
    File(PathBuf),
    /// Fetched from `address` and kept in `file`, as [`import_served`] reads it.
    Served {
        address: PathBuf,
        file: PathBuf,
        charset: Option<&'static encoding_rs::Encoding>,
    },
}

/// Reads files and served pages in parallel; the results are in the order of `sources`.
pub fn import_sources(sources: &[PageSource]) -> Vec<PageImport> {
    sources
        .par_iter()
        .flat_map_iter(|s| match s {
            PageSource::File(f) => import_file_all(f),
            PageSource::Served {
                address,
                file,
                charset,
            } => match std::fs::read(file) {
                Ok(bytes) => import_all(&bytes, address, *charset),
                Err(e) => vec![PageImport::new(Arc::new(address.clone())).fail(msg!(
                    "pages-cannot-read",
                    error = format!("{}: {e}", file.display())
                ))],
            },
        })
        .collect()
}

#[cfg(test)]
mod tests;
