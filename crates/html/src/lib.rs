//! Saved HTML pages (and the HTML tables government systems save as `.xls`): the charset the
//! page declares, the DOM (html5ever, through `scraper`), and every table expanded into a grid of
//! cell texts (rowspan and colspan filled in). Nothing here knows the form.
//!
//! Text outside tables (headings, titles, paragraphs) comes out as lines in document order,
//! between the tables, so that section headings printed as paragraphs are seen where they are.

use std::borrow::Cow;

use encoding_rs::{Encoding, BIG5, EUC_JP, EUC_KR, GB18030, GBK, SHIFT_JIS, UTF_8};
use scraper::{ElementRef, Html, Node};

use gongkai_document::{Flow, Grid, Origin};
use gongkai_messages::msg;

/// Longest colspan and rowspan taken from an attribute, and widest grid built: a hostile page
/// cannot make a table of millions of cells.
const MAX_SPAN: usize = 100;
const MAX_ROWSPAN: usize = 1000;
const MAX_COLUMNS: usize = 400;
/// Grid slots one table may fill; the rows past that are not read.
const MAX_SLOTS: usize = 2_000_000;

/// A page decoded to text, with what was learned about its charset.
#[derive(Debug)]
pub struct DecodedPage {
    pub text: String,
    pub encoding: &'static Encoding,
    /// Something worth a warning, in the run's language: no charset declared, or the declared
    /// one was wrong.
    pub note: Option<String>,
}

/// The charset named by a `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="text/html; charset=…">` in the first bytes of the page.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: Vec<u8> = bytes
        .iter()
        .take(8192)
        .map(u8::to_ascii_lowercase)
        .collect();
    let mut from = 0;
    while let Some(at) = find(&head[from..], b"<meta").map(|i| i + from) {
        let end = find(&head[at..], b">").map_or(head.len(), |i| i + at);
        let tag = &head[at..end];
        let mut k = 0;
        while let Some(c) = find(&tag[k..], b"charset").map(|i| i + k) {
            let mut i = c + b"charset".len();
            while i < tag.len() && tag[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < tag.len() && tag[i] == b'=' {
                i += 1;
                while i < tag.len()
                    && (tag[i].is_ascii_whitespace() || tag[i] == b'"' || tag[i] == b'\'')
                {
                    i += 1;
                }
                let start = i;
                while i < tag.len()
                    && (tag[i].is_ascii_alphanumeric()
                        || matches!(tag[i], b'-' | b'_' | b'.' | b':'))
                {
                    i += 1;
                }
                if let Some(enc) = Encoding::for_label(&tag[start..i]) {
                    return Some(enc);
                }
            }
            k = c + 1;
        }
        from = end.max(at + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Encodings a Chinese page may really be in; a page declaring another (windows-1252 from a
/// misconfigured server) is read as if it declared nothing.
pub fn plausible(enc: &'static Encoding) -> bool {
    [UTF_8, GBK, GB18030, BIG5, EUC_JP, EUC_KR, SHIFT_JIS].contains(&enc)
}

fn strict(bytes: &[u8], enc: &'static Encoding) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(Cow::into_owned)
}

/// Decodes a page: its BOM, else its declared charset, else UTF-8, else GB18030. A declared
/// charset the bytes do not fit is overridden by one they do fit, with a note.
pub fn decode_page(bytes: &[u8]) -> DecodedPage {
    decode_served(bytes, None)
}

/// Decodes a page fetched from a server: as [`decode_page`], with the charset of the HTTP
/// `Content-Type` header (`served`) taken where the page itself declares none (no BOM, no
/// `<meta>`): what the page says of itself wins over what the server says of it.
pub fn decode_served(bytes: &[u8], served: Option<&'static Encoding>) -> DecodedPage {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return DecodedPage {
            text: text.into_owned(),
            encoding: enc,
            note: had_errors.then(|| msg!("html-bom-invalid", charset = enc.name())),
        };
    }
    let in_page = declared_charset(bytes);
    let from_header = in_page.is_none() && served.is_some();
    let declared = in_page.or(served);
    let mut note = None;
    if let Some(enc) = declared {
        if plausible(enc) {
            if let Some(text) = strict(bytes, enc) {
                return DecodedPage {
                    text,
                    encoding: enc,
                    note: None,
                };
            }
            note = Some(match from_header {
                true => msg!("html-header-invalid", charset = enc.name()),
                false => msg!("html-declared-invalid", charset = enc.name()),
            });
        } else {
            note = Some(match from_header {
                true => msg!("html-header-not-chinese", charset = enc.name()),
                false => msg!("html-declared-not-chinese", charset = enc.name()),
            });
        }
    }
    for enc in [UTF_8, GB18030] {
        if Some(enc) == declared {
            continue;
        }
        if let Some(text) = strict(bytes, enc) {
            let note = match (note, declared) {
                (Some(n), _) => Some(then(n, msg!("html-read-as", charset = enc.name()))),
                (None, None) if enc != UTF_8 => Some(msg!("html-no-charset", charset = enc.name())),
                (None, _) => None,
            };
            return DecodedPage {
                text,
                encoding: enc,
                note,
            };
        }
    }
    let enc = declared.filter(|e| plausible(e)).unwrap_or(GB18030);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let replaced = msg!("html-undecodable", charset = enc.name());
    DecodedPage {
        text: text.into_owned(),
        encoding: enc,
        note: Some(match note {
            Some(n) => then(n, replaced),
            None => replaced,
        }),
    }
}

/// Two notes on a page's charset, one after the other.
fn then(note: String, next: String) -> String {
    msg!("html-then", note = note, next = next)
}

/// One step of the document walk (iterative: a deeply nested page cannot overflow the stack).
enum Step<'a> {
    Open(ElementRef<'a>),
    Text(&'a str),
    Close(bool),
    /// The end of a link or of a navigation block.
    LeaveNavigation,
}

/// Words in a class or id that say navigation: menus, breadcrumbs (当前位置), footers, side
/// bars, related links (相关链接, `xglj`), sharing and print tools.
const NAVIGATION_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "crumbs",
    "position",
    "location",
    "footer",
    "foot",
    "sidebar",
    "side",
    "aside",
    "related",
    "relate",
    "xglj",
    "links",
    "link",
    "friendlink",
    "yqlj",
    "share",
    "bottom",
    "copyright",
    "pager",
    "prev",
    "next",
    "sxp",
    "tools",
];

/// An element whose text is navigation, never the report's: `<a href>`, `<nav>`, `<footer>`,
/// `<aside>`, `<menu>`, and elements whose class or id says so (`class="position"`,
/// `id="xglj"`).
fn is_navigation(el: &ElementRef) -> bool {
    let e = el.value();
    match e.name() {
        "a" => return e.attr("href").is_some(),
        "nav" | "footer" | "aside" | "menu" => return true,
        _ => {}
    }
    let says = |s: &str| {
        s.to_ascii_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| NAVIGATION_WORDS.contains(&w))
    };
    e.attr("class").is_some_and(says) || e.attr("id").is_some_and(says)
}

/// True when an element is inside navigation (a heading in a side bar's list of reports).
fn in_navigation(el: &ElementRef) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| is_navigation(&a))
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "aside"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "center"
            | "form"
            | "fieldset"
            | "address"
            | "figure"
            | "figcaption"
            | "caption"
            | "hr"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "body"
            | "html"
    )
}

/// Elements whose content is never report text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "select"
            | "option"
            | "textarea"
            | "button"
            | "input"
            | "head"
            | "canvas"
            | "audio"
            | "video"
    )
}

fn is_hidden(el: &ElementRef) -> bool {
    let e = el.value();
    if e.attr("hidden").is_some() {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Title-like elements: headings, and elements whose class or id says title.
fn is_title_like(el: &ElementRef) -> bool {
    let e = el.value();
    if matches!(e.name(), "h1" | "h2" | "h3") {
        return true;
    }
    let says_title = |s: &str| {
        let s = s.to_ascii_lowercase();
        s.contains("title") || s.contains("biaoti")
    };
    e.attr("class").is_some_and(says_title) || e.attr("id").is_some_and(says_title)
}

/// The text of an element as a person reads it: `<br>` and block elements break lines, each
/// line trimmed (`&nbsp;` included), empty lines dropped.
pub fn element_text(el: ElementRef) -> String {
    let mut raw = String::new();
    let mut stack = vec![Step::Open(el)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Text(t) => raw.push_str(t),
            Step::Close(block) => {
                if block {
                    raw.push('\n');
                }
            }
            Step::LeaveNavigation => {}
            Step::Open(e) => {
                let name = e.value().name();
                if name == "br" {
                    raw.push('\n');
                    continue;
                }
                if is_skipped(name) || is_hidden(&e) {
                    continue;
                }
                let block = is_block(name);
                if block {
                    raw.push('\n');
                }
                stack.push(Step::Close(block));
                push_children(e, &mut stack);
            }
        }
    }
    clean_lines(&raw)
}

fn push_children<'a>(el: ElementRef<'a>, stack: &mut Vec<Step<'a>>) {
    let children: Vec<_> = el.children().collect();
    for child in children.into_iter().rev() {
        match child.value() {
            Node::Text(t) => stack.push(Step::Text(t)),
            Node::Element(_) => {
                if let Some(e) = ElementRef::wrap(child) {
                    stack.push(Step::Open(e));
                }
            }
            _ => {}
        }
    }
}

/// Trims every line and drops empty ones.
fn clean_lines(raw: &str) -> String {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// True when a table holds another table: a layout table, whose cells are read as the page.
fn has_nested_table(table: ElementRef) -> bool {
    table
        .descendants()
        .skip(1)
        .any(|n| n.value().as_element().is_some_and(|e| e.name() == "table"))
}

/// A page read: its text and tables in order, and how its bytes were decoded.
#[derive(Debug)]
pub struct Page {
    pub flow: Flow,
    pub encoding: &'static Encoding,
    /// Something worth a warning about the charset.
    pub note: Option<String>,
}

/// Reads a saved page: decoded ([`decode_page`]), then its text and tables ([`extract`]).
pub fn read(bytes: &[u8]) -> Page {
    read_served(bytes, None)
}

/// [`read`] for a page fetched from a server, with the charset its `Content-Type` header names
/// (taken only where the page declares none: [`decode_served`]).
pub fn read_served(bytes: &[u8], served: Option<&'static Encoding>) -> Page {
    let decoded = decode_served(bytes, served);
    Page {
        flow: extract(&decoded.text),
        encoding: decoded.encoding,
        note: decoded.note,
    }
}

/// Walks the page in document order, collecting text lines and tables.
pub fn extract(text: &str) -> Flow {
    let html = Html::parse_document(text);
    let mut out = Flow::default();
    let mut page_title = Vec::new();
    let mut para = String::new();
    let flush = |para: &mut String, out: &mut Flow| {
        out.push_lines(para.lines().map(str::to_string));
        para.clear();
    };
    // The page's own title first: the CMS's article title (`<meta name="ArticleTitle">`), then
    // <title> (both in <head>, which the walk skips), then the article's <h1>. Headings and
    // title-like elements in document order come after them: a sidebar may list other reports,
    // so nothing in navigation or a link is a title. Other metadata (ColumnName, SiteName,
    // og:title) is weaker evidence, kept by name for the caller.
    let mut meta_title = Vec::new();
    let mut h1 = Vec::new();
    for node in html.root_element().descendants() {
        let Some(e) = ElementRef::wrap(node) else {
            continue;
        };
        match e.value().name() {
            "title" => page_title.push(element_text(e)),
            "h1" if !is_hidden(&e) && !in_navigation(&e) => h1.push(element_text(e)),
            "meta" => {
                let name = e
                    .value()
                    .attr("name")
                    .or(e.value().attr("property"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(content) = e.value().attr("content").map(str::trim) else {
                    continue;
                };
                if content.is_empty() {
                    continue;
                }
                if matches!(name.as_str(), "articletitle" | "title") {
                    meta_title.push(content.to_string());
                } else if matches!(
                    name.as_str(),
                    "columnname" | "sitename" | "og:title" | "og:site_name" | "contentsource"
                ) {
                    out.meta.push((name, content.to_string()));
                }
            }
            _ => {}
        }
    }
    page_title.retain(|t| !t.is_empty());
    h1.retain(|t| !t.is_empty() && t.chars().count() <= 200);
    let mut stack = vec![Step::Open(html.root_element())];
    let mut tables = 0;
    // Depth of links and navigation blocks the walk is in.
    let mut navigation = 0usize;
    while let Some(step) = stack.pop() {
        match step {
            Step::Text(t) => para.push_str(t),
            Step::Close(block) => {
                if block {
                    para.push('\n');
                }
            }
            Step::LeaveNavigation => navigation -= 1,
            Step::Open(e) => {
                let name = e.value().name();
                if name == "br" {
                    para.push('\n');
                    continue;
                }
                if is_skipped(name) || is_hidden(&e) {
                    continue;
                }
                if navigation == 0 && is_navigation(&e) {
                    let t = element_text(e);
                    out.navigation.extend(t.lines().map(str::to_string));
                    navigation += 1;
                    stack.push(Step::LeaveNavigation);
                } else if navigation > 0 && is_navigation(&e) {
                    navigation += 1;
                    stack.push(Step::LeaveNavigation);
                }
                if navigation == 0 && is_title_like(&e) {
                    let t = element_text(e);
                    if !t.is_empty() && t.chars().count() <= 200 {
                        out.titles.push(t);
                    }
                }
                if name == "table" && !has_nested_table(e) {
                    flush(&mut para, &mut out);
                    let grid = read_table(e, tables + 1);
                    if !grid.is_empty() {
                        tables += 1;
                        out.push_table(grid);
                    }
                    continue;
                }
                let block = is_block(name);
                if block {
                    para.push('\n');
                }
                stack.push(Step::Close(block));
                push_children(e, &mut stack);
            }
        }
    }
    flush(&mut para, &mut out);
    let rest = std::mem::take(&mut out.titles);
    out.titles = meta_title;
    out.titles.extend(page_title);
    out.titles.extend(h1);
    out.titles.extend(rest);
    out
}

/// The `<tr>` rows of a table (through `thead`/`tbody`/`tfoot`), and its caption as a row.
fn table_rows(table: ElementRef) -> Vec<ElementRef> {
    let mut rows = Vec::new();
    let mut stack: Vec<ElementRef> = table.children().filter_map(ElementRef::wrap).collect();
    stack.reverse();
    while let Some(e) = stack.pop() {
        match e.value().name() {
            "tr" => rows.push(e),
            "thead" | "tbody" | "tfoot" => {
                let mut kids: Vec<ElementRef> = e.children().filter_map(ElementRef::wrap).collect();
                kids.reverse();
                stack.extend(kids);
            }
            _ => {}
        }
    }
    rows
}

fn span(el: &ElementRef, attr: &str, max: usize) -> usize {
    el.value()
        .attr(attr)
        .and_then(|v| {
            let digits: String = v.trim().chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<usize>().ok()
        })
        .map_or(1, |n| n.clamp(1, max))
}

/// Reads a table into a grid, rowspan and colspan expanded: a cell that spans columns fills
/// each (only the first marked `first`), one that spans rows is in each row it covers (first
/// there again). Its caption comes first, as a row of its own.
pub fn read_table(table: ElementRef, number: u32) -> Grid<'static> {
    let trs = table_rows(table);
    let n = trs.len();
    let mut out = Grid::new(Origin::Table(number));
    // slots[r][c] = the text of the cell there, by its index in the grid
    let mut slots: Vec<Vec<Option<u32>>> = vec![Vec::new(); n];
    let mut caption = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        if child.value().name() == "caption" {
            let t = element_text(child);
            if !t.is_empty() {
                caption.push(t);
            }
        }
    }
    let mut row_number = 0;
    for t in caption {
        row_number += 1;
        out.add_row(row_number);
        out.add_cell(t, 0, 0);
    }
    let mut texts = Vec::new();
    let mut filled = 0usize;
    for (r, tr) in trs.iter().enumerate() {
        if filled > MAX_SLOTS {
            slots.truncate(r);
            break;
        }
        let mut c = 0;
        for cell in tr.children().filter_map(ElementRef::wrap) {
            if !matches!(cell.value().name(), "td" | "th") {
                continue;
            }
            let colspan = span(&cell, "colspan", MAX_SPAN);
            let rowspan = match cell.value().attr("rowspan").map(str::trim) {
                // rowspan="0": to the end of the table
                Some("0") => n - r,
                _ => span(&cell, "rowspan", MAX_ROWSPAN),
            };
            while slots[r].get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            if c >= MAX_COLUMNS {
                break;
            }
            texts.push(element_text(cell));
            let id = texts.len() as u32 - 1;
            filled += rowspan.min(n - r) * colspan;
            for row in slots.iter_mut().skip(r).take(rowspan) {
                let end = (c + colspan).min(MAX_COLUMNS);
                if row.len() < end {
                    row.resize(end, None);
                }
                for slot in row.iter_mut().take(end).skip(c) {
                    if slot.is_none() {
                        *slot = Some(id);
                    }
                }
            }
            c += colspan;
        }
    }
    // The caption's texts come first.
    let base = out.texts().len() as u32;
    for t in texts {
        out.add_text(t);
    }
    for row in &slots {
        row_number += 1;
        out.add_row(row_number);
        for (c, slot) in row.iter().enumerate() {
            if let Some(id) = slot {
                let first = c == 0 || row[c - 1] != Some(*id);
                out.add_slot(base + id, c as u32, 0, first);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_document::Block;

    fn table(html: &str) -> Vec<Vec<(String, usize, bool)>> {
        let page = extract(html);
        page.blocks
            .iter()
            .find_map(|i| match i {
                Block::Table(t) => Some(
                    t.rows()
                        .map(|r| {
                            r.cells()
                                .map(|c| (c.text.to_string(), c.column as usize, c.first))
                                .collect()
                        })
                        .collect(),
                ),
                Block::Lines(_) => None,
            })
            .unwrap_or_default()
    }

    #[test]
    fn spans_are_expanded() {
        let t = table(
            "<table><tr><td rowspan=2>第二十条第（一）项</td><td>信息内容</td><td colspan=2>本年新<br>制作数量</td></tr>\
             <tr><td><span>规<font>章</font></span></td><td>&nbsp;</td><td> 3 </td></tr></table>",
        );
        let row0: Vec<(&str, usize, bool)> =
            t[0].iter().map(|(s, c, f)| (s.as_str(), *c, *f)).collect();
        assert_eq!(
            row0,
            vec![
                ("第二十条第（一）项", 0, true),
                ("信息内容", 1, true),
                ("本年新\n制作数量", 2, true),
                ("本年新\n制作数量", 3, false)
            ]
        );
        let row1: Vec<(&str, usize, bool)> =
            t[1].iter().map(|(s, c, f)| (s.as_str(), *c, *f)).collect();
        assert_eq!(
            row1,
            vec![
                ("第二十条第（一）项", 0, true),
                ("规章", 1, true),
                ("", 2, true),
                ("3", 3, true)
            ]
        );
    }

    #[test]
    fn rowspan_in_the_middle_shifts_later_cells() {
        let t = table(
            "<table><tr><td>a</td><td rowspan=3>b</td><td>c</td></tr><tr><td>d</td><td>e</td></tr>\
             <tr><td>f</td><td rowspan=0>g</td></tr><tr><td>h</td></tr></table>",
        );
        let texts: Vec<Vec<&str>> = t
            .iter()
            .map(|r| r.iter().map(|(s, _, _)| s.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            vec![
                vec!["a", "b", "c"],
                vec!["d", "b", "e"],
                vec!["f", "b", "g"],
                vec!["h", "g"]
            ]
        );
        assert_eq!(t[3][1].1, 2, "g stays in column 2");
    }

    #[test]
    fn scripts_styles_and_hidden_text_are_not_text() {
        let page = extract(
            "<html><head><title>某县2022年政府信息公开工作年度报告_某县人民政府</title>\
             <style>td{color:red}</style><script>var x = '<table><tr><td>9</td></tr></table>';</script></head>\
             <body><div class=nav>首页 | 政务公开</div><h1>某县2022年政府信息公开工作年度报告</h1>\
             <p>二、主动公开政府信息情况</p><div style='display: none'>隐藏</div>\
             <table><tr><td>x</td></tr></table><p>正文</p></body></html>",
        );
        assert_eq!(
            page.titles,
            vec![
                "某县2022年政府信息公开工作年度报告_某县人民政府".to_string(),
                "某县2022年政府信息公开工作年度报告".to_string(),
                "某县2022年政府信息公开工作年度报告".to_string(),
            ]
        );
        let lines: Vec<String> = page
            .blocks
            .iter()
            .flat_map(|i| match i {
                Block::Lines(l) => l.clone(),
                Block::Table(_) => vec!["<table>".to_string()],
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                "首页 | 政务公开",
                "某县2022年政府信息公开工作年度报告",
                "二、主动公开政府信息情况",
                "<table>",
                "正文"
            ]
        );
    }

    #[test]
    fn links_and_navigation_are_never_titles() {
        let page = extract(
            "<meta name=\"SiteName\" content=\"示例县人民政府\"><meta name=\"ColumnName\" content=\"政府信息公开年报\">\
             <meta property=\"og:title\" content=\"年报\">\
             <div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; 年报</div>\
             <div class=\"side-bar\"><h1>示例县2020年政府信息公开工作年度报告</h1><p class=\"title\">侧栏</p></div>\
             <div class=\"content\"><p>正文</p><p>附件：<a href=\"a.pdf\">示例县2021年政府信息公开工作年度报告</a></p></div>\
             <div id=\"xglj\"><b>相关链接</b><ul><li><a href=\"/1.html\"><span class=\"title\">示例县人民政府2021年政府信息公开工作年度报告</span></a></li></ul></div>",
        );
        assert!(page.titles.is_empty(), "{:?}", page.titles);
        assert_eq!(page.meta("sitename"), Some("示例县人民政府"));
        assert_eq!(page.meta("columnname"), Some("政府信息公开年报"));
        assert_eq!(page.meta("og:title"), Some("年报"));
        for line in [
            "当前位置：首页 > 年报",
            "示例县2020年政府信息公开工作年度报告",
            "附件：示例县2021年政府信息公开工作年度报告",
            "示例县人民政府2021年政府信息公开工作年度报告",
        ] {
            assert!(page.is_navigation(line), "{line}: {:?}", page.navigation);
        }
        assert!(!page.is_navigation("正文"));
        // Still lines of the page, in order.
        let lines: Vec<String> = page
            .blocks
            .iter()
            .flat_map(|b| match b {
                Block::Lines(l) => l.clone(),
                Block::Table(_) => Vec::new(),
            })
            .collect();
        assert!(lines.contains(&"正文".to_string()), "{lines:?}");
    }

    #[test]
    fn layout_tables_are_read_through() {
        let page = extract(
            "<table><tr><td><p>标题</p><table><tr><td>规章</td><td>1</td></tr></table></td></tr></table>",
        );
        assert!(matches!(&page.blocks[0], Block::Lines(l) if l == &["标题".to_string()]));
        assert!(
            matches!(&page.blocks[1], Block::Table(t) if t.rows().next().is_some_and(|r| r.len() == 2))
        );
    }

    #[test]
    fn hostile_pages_end_quickly() {
        // No recursion here: depth costs html5ever time (quadratic), never the stack.
        let deep = format!(
            "{}规章{}",
            "<div><span>".repeat(3_000),
            "</span></div>".repeat(3_000)
        );
        let page = extract(&deep);
        assert!(matches!(&page.blocks[..], [Block::Lines(l)] if l == &["规章".to_string()]));
        let mut wide = String::from("<table>");
        for _ in 0..3000 {
            wide.push_str(
                "<tr><td colspan=100000 rowspan=100000>x</td><td colspan=999>y</td></tr>",
            );
        }
        wide.push_str("</table>");
        let start = std::time::Instant::now();
        let page = extract(&wide);
        assert!(start.elapsed().as_secs() < 20);
        let cells: usize = page
            .blocks
            .iter()
            .map(|i| match i {
                Block::Table(t) => t.rows().map(|r| r.len()).sum(),
                Block::Lines(_) => 0,
            })
            .sum();
        assert!(cells <= MAX_SLOTS + MAX_COLUMNS * MAX_ROWSPAN, "{cells}");
    }

    #[test]
    fn charsets() {
        let (gbk, _, _) = GBK.encode("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>规章</body></html>");
        assert_eq!(declared_charset(&gbk), Some(GBK));
        let d = decode_page(&gbk);
        assert_eq!(d.encoding, GBK);
        assert!(d.text.contains("规章"));
        assert_eq!(d.note, None);
        assert_eq!(declared_charset(b"<meta charset='UTF-8'>"), Some(UTF_8));
        // Declared UTF-8, written GBK: read as GB18030, with a note.
        let (body, _, _) = GBK.encode("<meta charset=\"utf-8\"><p>主动公开政府信息情况</p>");
        let d = decode_page(&body);
        assert_eq!(d.encoding, GB18030);
        assert!(d.text.contains("主动公开"));
        assert!(d
            .note
            .is_some_and(|n| n.contains("utf-8") || n.contains("UTF-8")));
        // No declaration, UTF-8 bytes.
        let d = decode_page("<p>规章</p>".as_bytes());
        assert_eq!((d.encoding, d.note), (UTF_8, None));
    }

    /// A page fetched from a server: the header's charset where the page declares none, never
    /// over the page's own declaration or BOM.
    #[test]
    fn charset_from_the_server_only_where_the_page_declares_none() {
        // Big5 bytes, no declaration: without the header they would be read as GB18030 (they fit
        // it) and come out as nonsense; the header says Big5.
        let (big5, _, _) = BIG5.encode("<p>政府資訊公開</p>");
        assert_ne!(decode_page(&big5).encoding, BIG5);
        let d = decode_served(&big5, Some(BIG5));
        assert_eq!((d.encoding, d.note.as_deref()), (BIG5, None));
        assert!(d.text.contains("政府資訊公開"), "{}", d.text);
        // The page's <meta> wins over the header.
        let page = "<meta charset=\"utf-8\"><p>主动公开政府信息情况</p>";
        let d = decode_served(page.as_bytes(), Some(GBK));
        assert_eq!((d.encoding, d.note.as_deref()), (UTF_8, None));
        assert!(d.text.contains("主动公开"));
        // So does a BOM.
        let bommed = [b"\xEF\xBB\xBF".as_slice(), "<p>规章</p>".as_bytes()].concat();
        assert_eq!(decode_served(&bommed, Some(GBK)).encoding, UTF_8);
        // A header the bytes do not fit is overridden, with a note that names the server.
        let (gbk, _, _) = GBK.encode("<p>主动公开政府信息情况</p>");
        let d = decode_served(&gbk, Some(UTF_8));
        assert_eq!(d.encoding, GB18030);
        assert!(d.text.contains("主动公开"));
        let note = d.note.unwrap_or_default();
        assert!(note.contains("UTF-8") && note.contains("server"), "{note}");
        // A header for no Chinese text (a server's ISO-8859-1 default) is ignored.
        let d = decode_served(&gbk, Some(encoding_rs::WINDOWS_1252));
        assert_eq!(d.encoding, GB18030);
        assert!(d.text.contains("主动公开"));
    }
}
