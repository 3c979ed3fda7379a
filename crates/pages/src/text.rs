//! Text copied from a report page: one cell per line (blank lines between, as a page's text
//! copies), or tab-separated lines as a browser copies a table.
//!
//! Either way the text becomes a stream of cell tokens, regrouped into the rows of a grid: a run
//! of label cells followed by a run of value cells. Which row a run of values belongs to, and how
//! many it must have, is then the locator's business (it knows the row labels and column counts).

use gongkai_document::{Grid, Origin};

use crate::{kind_of, Kind};

/// One cell of copied text and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub text: String,
    pub line: u32,
}

/// How the text lays out its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextLayout {
    /// Cells separated by blank lines; lines of one cell (a `<br>`-split header) are joined.
    BlankLines,
    /// Every non-empty line is a cell.
    Lines,
    /// Tab-separated cells, a line per table row.
    Tabs,
}

/// The layout of `text`: tabs on several lines make it a table copy; many empty lines make it
/// a cell-per-paragraph copy.
pub(crate) fn layout_of(text: &str) -> TextLayout {
    let mut tabbed = 0;
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
    }
    if tabbed >= 3 {
        TextLayout::Tabs
    } else if lines > 0 && empty * 4 >= lines {
        TextLayout::BlankLines
    } else {
        TextLayout::Lines
    }
}

/// Splits copied text into cell tokens.
pub(crate) fn tokens(text: &str, layout: TextLayout) -> Vec<Token> {
    let mut out = Vec::new();
    match layout {
        TextLayout::Tabs => {
            for (i, line) in text.lines().enumerate() {
                let line_no = i as u32 + 1;
                let fields: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
                // Leading empty fields are merged label columns of the row above, not blanks.
                let first = fields.iter().position(|f| !f.trim().is_empty());
                let Some(first) = first else { continue };
                for f in &fields[first..] {
                    out.push(Token {
                        text: f.trim().to_string(),
                        line: line_no,
                    });
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
                out.push(Token {
                    text: raw.trim().to_string(),
                    line: i as u32 + 1,
                });
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
                    out.push(Token {
                        text: String::new(),
                        line: run[0].0,
                    });
                    run.clear();
                    return;
                }
                let mut text: Option<Token> = None;
                for (n, l) in run.iter() {
                    let t = l.trim();
                    if t.is_empty() {
                        continue;
                    }
                    if kind_of(t) == Kind::Text {
                        match &mut text {
                            Some(tok) => {
                                tok.text.push('\n');
                                tok.text.push_str(t);
                            }
                            None => {
                                text = Some(Token {
                                    text: t.to_string(),
                                    line: *n,
                                })
                            }
                        }
                    } else {
                        if let Some(tok) = text.take() {
                            out.push(tok);
                        }
                        out.push(Token {
                            text: t.to_string(),
                            line: *n,
                        });
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
                    out.push(Token {
                        text: String::new(),
                        line: tok.line,
                    });
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
        .map(str::trim)
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
