//! Text copied from a report page: one cell per line (blank lines between, as a page's text
//! copies), or tab-separated lines as a browser copies a table.
//!
//! Either way the text becomes a stream of cell tokens, regrouped into the rows of a grid: a run
//! of label cells followed by a run of value cells. Which row a run of values belongs to, and how
//! many it must have, is then the locator's business (it knows the row labels and column counts).

use std::path::PathBuf;
use std::sync::Arc;

use gongkai_document::{Grid, Origin, Place};
use gongkai_messages::msg;
use gongkai_report::Finding;

use crate::{kind_of, Kind};

/// One cell of copied text and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub text: String,
    pub line: u32,
    /// What text recognition (OCR) made of the cell, where that was not plain.
    pub ocr: Ocr,
}

/// A cell of scanned text read with care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ocr {
    /// As written.
    Plain,
    /// A number written with letters for digits (`1O` for 10, `l2` for 12): read as the digits;
    /// the text as written.
    Read(String),
    /// Among a row's numbers, but no number (`7?`, `l`): left as text, so the row is not read
    /// by its values, and named.
    Unreadable,
}

impl Token {
    pub(crate) fn new(text: String, line: u32) -> Token {
        Token {
            text,
            line,
            ocr: Ocr::Plain,
        }
    }
}

/// How the text lays out its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextLayout {
    /// Cells separated by blank lines; lines of one cell (a `<br>`-split header) are joined.
    BlankLines,
    /// Every non-empty line is a cell (or a row: a label and its numbers, space-separated).
    Lines,
    /// Tab-separated cells, a line per table row.
    Tabs,
    /// Markdown pipe tables (`| 规章 | 36 | 3 | 50 |`), as PDF and OCR converters write them,
    /// between lines of text.
    Pipes,
}

/// True when a line is a row of a pipe table.
fn is_pipe_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.matches('|').count() >= 2
}

/// The layout of `text`: pipe rows on several lines make it markdown; tabs on several lines a
/// table copy; many empty lines a cell-per-paragraph copy.
pub(crate) fn layout_of(text: &str) -> TextLayout {
    let mut tabbed = 0;
    let mut piped = 0;
    let mut empty = 0;
    let mut lines = 0;
    for line in text.lines() {
        lines += 1;
        if line.trim_end_matches('\r').is_empty() {
            empty += 1;
        }
        if line.split('\t').filter(|f| !f.trim().is_empty()).count() >= 2 {
            tabbed += 1;
        }
        if is_pipe_row(line) {
            piped += 1;
        }
    }
    if piped >= 3 {
        TextLayout::Pipes
    } else if tabbed >= 3 {
        TextLayout::Tabs
    } else if lines > 0 && empty * 4 >= lines {
        TextLayout::BlankLines
    } else {
        TextLayout::Lines
    }
}

/// A line without its markdown marks: `# 标题`, `**二、…**`, `> 引文`.
pub(crate) fn plain(line: &str) -> &str {
    let mut t = line.trim();
    let hashes = t.len() - t.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) {
        t = t[hashes..].trim_start();
    }
    if let Some(rest) = t.strip_prefix("> ") {
        t = rest.trim_start();
    }
    for mark in ["**", "__"] {
        if let Some(inner) = t.strip_prefix(mark).and_then(|x| x.strip_suffix(mark)) {
            t = inner.trim();
        }
    }
    t
}

/// A number as text recognition writes it, letters for digits: `1O` → `10`, `l2` → `12`, `O`
/// → `0`. Only a cell that is digits but for O, o, I and l is read so (never a word).
fn ocr_number(piece: &str) -> Option<String> {
    if matches!(piece, "O" | "o") {
        return Some("0".to_string());
    }
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    if !piece.chars().any(digit) || !piece.contains(['O', 'o', 'I', 'l']) {
        return None;
    }
    if !piece.chars().all(|c| digit(c) || "OoIl,，.-+".contains(c)) {
        return None;
    }
    let fixed: String = piece
        .chars()
        .map(|c| match c {
            'O' | 'o' => '0',
            'I' | 'l' => '1',
            c => c,
        })
        .collect();
    (kind_of(&fixed) == Kind::Value).then_some(fixed)
}

/// A cell of scanned text that stands among numbers but is none: short, no Chinese, a digit or
/// a letter recognition confuses with one (`7?`, `l`, `I`).
fn is_scan_noise(piece: &str) -> bool {
    piece.chars().count() <= 6
        && !piece
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && piece
            .chars()
            .any(|c| c.is_ascii_digit() || "OoIl|".contains(c))
}

/// A cell's token: as written, or a number recognition wrote with letters, read as digits.
fn cell_token(text: &str, line: u32) -> Token {
    match ocr_number(text) {
        Some(fixed) => Token {
            text: fixed,
            line,
            ocr: Ocr::Read(text.to_string()),
        },
        None => Token::new(text.to_string(), line),
    }
}

/// A line of text as cells: a row printed on one line, its label and then its numbers
/// separated by spaces (`（一）予以公开 72 0 0 0 0 0 72`, as OCR and PDF text give a table), is
/// the label and each number; any other line is one cell.
pub(crate) fn line_tokens(raw: &str, line: u32) -> Vec<Token> {
    let t = plain(raw);
    let pieces: Vec<&str> = t.split_whitespace().collect();
    if pieces.len() < 2 {
        return vec![cell_token(t, line)];
    }
    // The numbers at the end of the line, with any noise among them.
    let mut run = Vec::new();
    let mut numbers = 0;
    for piece in pieces.iter().rev() {
        let token = cell_token(piece, line);
        if kind_of(&token.text) != Kind::Text {
            numbers += 1;
            run.push(token);
        } else if is_scan_noise(piece) {
            run.push(Token {
                ocr: Ocr::Unreadable,
                ..token
            });
        } else {
            break;
        }
    }
    let noise = run.iter().filter(|t| t.ocr == Ocr::Unreadable).count();
    if numbers == 0 || (noise > 0 && numbers < 2) {
        return vec![Token::new(t.to_string(), line)];
    }
    let label = pieces[..pieces.len() - run.len()].join(" ");
    let mut out = Vec::with_capacity(run.len() + 1);
    if !label.is_empty() {
        out.push(Token::new(label, line));
    }
    out.extend(run.into_iter().rev());
    out
}

/// The cells of a pipe row, trimmed: `| 规章 | 36 |` → `规章`, `36`.
fn pipe_cells(line: &str) -> Vec<&str> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(str::trim).collect()
}

/// A pipe table's line under its header: `|---|:--:|`.
fn is_separator(cells: &[&str]) -> bool {
    cells.iter().any(|c| c.contains('-'))
        && cells
            .iter()
            .all(|c| c.trim_matches(':').chars().all(|ch| ch == '-') && !c.contains("::"))
}

/// A header a converter made up, no label of the form: `类别`, `数据1`, `列2`, `Column 3`.
fn is_generic_header(cell: &str) -> bool {
    let c: String = cell
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    if matches!(
        c.as_str(),
        "类别" | "类型" | "项目" | "名称" | "指标" | "序号" | "数据" | "数值" | "#" | "内容"
    ) {
        return true;
    }
    [
        "数据", "数值", "列", "栏", "字段", "column", "col", "data", "field",
    ]
    .iter()
    .any(|p| {
        c.strip_prefix(p)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|d| d.is_ascii_digit()))
    })
}

/// The tokens of a pipe table's row. A row of words (a header) gives its words, empty cells
/// dropped, or nothing when it is mostly made-up headers (`| 类别 | 数据1 | … | 总计 |`): the
/// row's values are then read by its label and their order. A row with numbers gives its cells,
/// empty ones too, but for those before its label (merged label columns) and after its last
/// value (a converter pads rows to the table's width).
fn pipe_tokens(cells: &[&str], line: u32, out: &mut Vec<Token>) {
    let tokens: Vec<Token> = cells.iter().map(|c| cell_token(c, line)).collect();
    let words = tokens
        .iter()
        .filter(|t| !t.text.is_empty() && kind_of(&t.text) == Kind::Text)
        .count();
    let filled = tokens.iter().filter(|t| !t.text.is_empty()).count();
    if words == filled {
        let generic = cells.iter().filter(|c| is_generic_header(c)).count();
        if generic * 2 >= words {
            return;
        }
        out.extend(tokens.into_iter().filter(|t| !t.text.is_empty()));
        return;
    }
    let Some(first) = tokens.iter().position(|t| !t.text.is_empty()) else {
        return;
    };
    let last = tokens
        .iter()
        .rposition(|t| !t.text.is_empty())
        .unwrap_or(first);
    let value_seen = tokens[first..=last]
        .iter()
        .position(|t| kind_of(&t.text) != Kind::Text)
        .map_or(usize::MAX, |i| i + first);
    for (i, mut t) in tokens.into_iter().enumerate().take(last + 1).skip(first) {
        // A word after the row's first value, among numbers, is no number.
        if i > value_seen && kind_of(&t.text) == Kind::Text && is_scan_noise(&t.text) {
            t.ocr = Ocr::Unreadable;
        }
        out.push(t);
    }
}

/// Splits copied text into cell tokens.
pub(crate) fn tokens(text: &str, layout: TextLayout) -> Vec<Token> {
    let mut out = Vec::new();
    match layout {
        TextLayout::Pipes => {
            for (i, line) in text.lines().enumerate() {
                let line_no = i as u32 + 1;
                if is_pipe_row(line) {
                    let cells = pipe_cells(line);
                    if !is_separator(&cells) {
                        pipe_tokens(&cells, line_no, &mut out);
                    }
                } else if !plain(line).is_empty() {
                    out.extend(line_tokens(line, line_no));
                }
            }
        }
        TextLayout::Tabs => {
            for (i, line) in text.lines().enumerate() {
                let line_no = i as u32 + 1;
                let fields: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
                // Leading empty fields are merged label columns of the row above, not blanks.
                let first = fields.iter().position(|f| !f.trim().is_empty());
                let Some(first) = first else { continue };
                for f in &fields[first..] {
                    out.push(Token::new(f.trim().to_string(), line_no));
                }
            }
        }
        TextLayout::Lines => {
            for (i, line) in text.lines().enumerate() {
                let raw = line.trim_end_matches('\r');
                if raw.is_empty() {
                    continue;
                }
                // A line of only spaces or &nbsp; is an empty cell.
                out.extend(line_tokens(raw, i as u32 + 1));
            }
        }
        TextLayout::BlankLines => {
            // A cell is a run of non-empty lines: its text lines are joined, numbers stay
            // separate cells (two numbers never make one), a run of only spaces is an empty cell.
            let mut run: Vec<(u32, &str)> = Vec::new();
            let flush = |run: &mut Vec<(u32, &str)>, out: &mut Vec<Token>| {
                if run.is_empty() {
                    return;
                }
                if run.iter().all(|(_, l)| l.trim().is_empty()) {
                    out.push(Token::new(String::new(), run[0].0));
                    run.clear();
                    return;
                }
                let mut text: Option<Token> = None;
                for (n, l) in run.iter() {
                    if l.trim().is_empty() {
                        continue;
                    }
                    for tok in line_tokens(l, *n) {
                        if kind_of(&tok.text) == Kind::Text && tok.ocr == Ocr::Plain {
                            match &mut text {
                                Some(t) => {
                                    t.text.push('\n');
                                    t.text.push_str(&tok.text);
                                }
                                None => text = Some(tok),
                            }
                        } else {
                            if let Some(t) = text.take() {
                                out.push(t);
                            }
                            out.push(tok);
                        }
                    }
                }
                if let Some(tok) = text.take() {
                    out.push(tok);
                }
                run.clear();
            };
            // Empty lines before each run, to find empty cells that left no line of their own.
            let mut gaps: Vec<(usize, usize)> = Vec::new();
            let mut gap = 0;
            for (i, line) in text.lines().enumerate() {
                let raw = line.trim_end_matches('\r');
                if raw.is_empty() {
                    if !run.is_empty() {
                        flush(&mut run, &mut out);
                    }
                    gap += 1;
                } else {
                    if run.is_empty() {
                        gaps.push((out.len(), gap));
                        gap = 0;
                    }
                    run.push((i as u32 + 1, raw));
                }
            }
            flush(&mut run, &mut out);
            return with_empty_cells(out, &gaps);
        }
    }
    out
}

/// Findings on cells of scanned text, each at its line with its text: numbers read from
/// letters (warnings), and noise among a row's numbers (errors: a cell of the form not read).
pub(crate) fn ocr_notes(tokens: &[Token], file: &Arc<PathBuf>) -> Vec<Finding> {
    tokens
        .iter()
        .filter_map(|t| {
            let message = match &t.ocr {
                Ocr::Plain => return None,
                Ocr::Read(written) => msg!("pages-ocr-number", text = written, value = &t.text),
                Ocr::Unreadable => msg!("pages-ocr-unreadable", text = &t.text),
            };
            // A document's lines (line 0) have no place finer than the file.
            let place = if t.line == 0 {
                Place::File
            } else {
                Place::Line {
                    line: t.line,
                    column: None,
                }
            };
            let finding = match t.ocr {
                Ocr::Unreadable => Finding::error(file, message),
                _ => Finding::warning(file, message),
            };
            Some(finding.place(place))
        })
        .collect()
}

/// Where cells are separated by one empty line, three or more in a row stand for empty cells
/// (two per empty cell): they become empty tokens, so a row's values keep their columns.
fn with_empty_cells(tokens: Vec<Token>, gaps: &[(usize, usize)]) -> Vec<Token> {
    let mut counts = [0usize; 4];
    for (_, g) in gaps {
        counts[(*g).min(3)] += 1;
    }
    if counts[1] < counts[2] + counts[3] || counts[1] == 0 {
        return tokens;
    }
    let mut out = Vec::with_capacity(tokens.len());
    let mut gaps = gaps.iter().peekable();
    for (i, tok) in tokens.into_iter().enumerate() {
        while let Some((at, g)) = gaps.peek() {
            if *at > i {
                break;
            }
            if *at == i && *g >= 3 && i > 0 {
                for _ in 0..(g - 1) / 2 {
                    out.push(Token::new(String::new(), tok.line));
                }
            }
            gaps.next();
        }
        out.push(tok);
    }
    out
}

/// Regroups tokens into the rows of a grid of `origin`: each row is a run of label cells and the
/// run of value cells (numbers, blank markers, empty cells) after it, numbered by the line of
/// its label (the last words before its values).
pub(crate) fn regroup(tokens: &[Token], origin: Origin) -> Grid<'static> {
    let mut grid = Grid::new(origin);
    grid.regrouped = true;
    let kinds: Vec<Kind> = tokens.iter().map(|t| kind_of(&t.text)).collect();
    let mut start = 0;
    while start < tokens.len() {
        // A run of words, then a run of values.
        let values = (start..tokens.len())
            .find(|&i| kinds[i] != Kind::Text)
            .unwrap_or(tokens.len());
        let end = (values..tokens.len())
            .find(|&i| kinds[i] == Kind::Text)
            .unwrap_or(tokens.len());
        let line = tokens[start..values]
            .last()
            .or(tokens.get(start))
            .map_or(0, |t| t.line);
        grid.add_row(line);
        for (col, tok) in tokens[start..end].iter().enumerate() {
            grid.add_cell(tok.text.clone(), col as u32, tok.line);
        }
        start = end;
    }
    grid
}

/// The first non-empty lines, where a copied page has its title.
pub(crate) fn title_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !is_pipe_row(l))
        .map(plain)
        .filter(|l| !l.is_empty())
        .take(12)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(grid: &Grid) -> Vec<Vec<String>> {
        grid.rows()
            .map(|r| r.cells().map(|c| c.text.to_string()).collect())
            .collect()
    }

    /// The rows' lines.
    fn lines(grid: &Grid) -> Vec<u32> {
        grid.rows().map(|r| r.number()).collect()
    }

    #[test]
    fn blank_line_cells_join_split_headers_and_keep_numbers_apart() {
        let text = "二、主动公开政府信息情况\n\n本年新\n \n制作数量\n\n规章  \n\n  36\n\n\u{a0}\n\n50\n\n规范性文件\n\n1\n2\n3\n";
        let layout = layout_of(text);
        assert_eq!(layout, TextLayout::BlankLines);
        let toks = tokens(text, layout);
        let shown: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            shown,
            vec![
                "二、主动公开政府信息情况",
                "本年新\n制作数量",
                "规章",
                "36",
                "",
                "50",
                "规范性文件",
                "1",
                "2",
                "3"
            ]
        );
        assert_eq!(toks[1].line, 3);
        let rows = regroup(&toks, Origin::Text);
        assert_eq!(
            texts(&rows),
            vec![
                vec![
                    "二、主动公开政府信息情况",
                    "本年新\n制作数量",
                    "规章",
                    "36",
                    "",
                    "50"
                ],
                vec!["规范性文件", "1", "2", "3"],
            ]
        );
    }

    #[test]
    fn extra_empty_lines_are_empty_cells() {
        let text = "规章\n\n1\n\n\n\n3\n\n行政许可\n\n5\n";
        let toks = tokens(text, layout_of(text));
        let shown: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(shown, vec!["规章", "1", "", "3", "行政许可", "5"]);
    }

    #[test]
    fn tabs_keep_empty_fields_but_not_leading_ones() {
        let text = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t\t3\n\t\t行政规范性文件\t4\t5\t6\n";
        assert_eq!(layout_of(text), TextLayout::Tabs);
        let rows = regroup(&tokens(text, TextLayout::Tabs), Origin::Text);
        assert_eq!(
            texts(&rows),
            vec![
                vec![
                    "信息内容",
                    "本年制发件数",
                    "本年废止件数",
                    "现行有效件数",
                    "规章",
                    "1",
                    "",
                    "3"
                ],
                vec!["行政规范性文件", "4", "5", "6"],
            ]
        );
        assert_eq!(lines(&rows)[1], 3);
    }

    #[test]
    fn one_cell_per_line() {
        let text = "规章\n1\n2\n \n行政许可\n5\n";
        assert_eq!(layout_of(text), TextLayout::Lines);
        let rows = regroup(&tokens(text, TextLayout::Lines), Origin::Text);
        assert_eq!(
            texts(&rows),
            vec![vec!["规章", "1", "2", ""], vec!["行政许可", "5"]]
        );
    }
}
