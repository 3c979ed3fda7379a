//! The pages' lines and tables into one [`Flow`]: page furniture dropped, a table broken by a
//! page joined, and the title candidates.
//!
//! **Furniture.** Of the first and last four lines of a page, one in the top or bottom eighth of
//! the page is dropped when it is a page number (`- 3 -`, `— 3 —`, `3`, `第3页`, `第 3 页 共 12 页`,
//! `3/12`, `Page 3 of 12`) or when the same text (digits aside) stands at the same height (within
//! a few points) on more than half of the pages (at least two): a running header or footer. A page
//! number is dropped too when it is the first or last line of its page.
//!
//! **Tables across pages.** When a page's last item is a table and the next page's first item
//! (furniture aside) is a table of the same width (left and right edges within 3 points; for
//! tables without rulings, any two), the second is the first one continued: its rows are
//! appended to the same grid, its columns matched to the first part's by position. Rows at the
//! top of the continuation that repeat the table's first rows (a heading row repeated on each
//! page) are dropped. A row broken by the page (its cells' text runs on at the top of the next
//! page) is joined back: the continuation's first row, when it holds only words and each word
//! stands under a cell of words of the last row, is that row's end. The grid's origin is the
//! page where the table starts (`Origin::Page`); its rows are numbered on from there, 1 to n
//! across the pages, so a place names the page the table starts on.
//!
//! **Titles.** The largest text of page 1 (its lines joined, a title set in two lines is one),
//! then page 1's first lines.

use std::collections::HashMap;

use gongkai_document::{Flow, Grid, Origin};

use crate::layout::{Item, Line, Slot, Table};

/// One page's items.
#[derive(Debug)]
pub(crate) struct Page {
    pub number: u32,
    pub items: Vec<Item>,
    pub height: f64,
}

/// Title candidates kept from page 1's first lines.
const TITLE_LINES: usize = 12;

pub(crate) fn flow(mut pages: Vec<Page>) -> Flow {
    drop_furniture(&mut pages);
    let titles = titles(pages.first());
    let mut pieces: Vec<Piece> = Vec::new();
    // The last table, if it ended its page: a table opening the next page may continue it.
    let mut open = false;
    for page in pages {
        let count = page.items.len();
        for (i, item) in page.items.into_iter().enumerate() {
            let last = i + 1 == count;
            match item {
                Item::Line(line) => {
                    open = false;
                    match pieces.last_mut() {
                        Some(Piece::Lines(lines)) => lines.push(line.text()),
                        _ => pieces.push(Piece::Lines(vec![line.text()])),
                    }
                }
                Item::Table(table) => {
                    let continued = open && i == 0;
                    match pieces.last_mut() {
                        Some(Piece::Table(acc)) if continued && acc.continues_as(&table) => {
                            acc.append(table);
                        }
                        _ => pieces.push(Piece::Table(Acc::new(page.number, table))),
                    }
                    open = last;
                }
            }
        }
        if count == 0 {
            open = false;
        }
    }
    let mut flow = Flow {
        titles,
        ..Flow::default()
    };
    for piece in pieces {
        match piece {
            Piece::Lines(lines) => flow.push_lines(lines),
            Piece::Table(acc) => flow.push_table(acc.grid()),
        }
    }
    flow
}

enum Piece {
    Lines(Vec<String>),
    Table(Acc),
}

/// A table being gathered across pages.
struct Acc {
    page: u32,
    texts: Vec<String>,
    rows: Vec<Vec<Slot>>,
    columns: Vec<f64>,
    left: f64,
    right: f64,
}

/// A cell's text that is a number (`1705`, `-271`, `27.88亿`, `3件`), not a word.
fn is_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches(['亿', '万', '元', '件', '个', '条', '%', '％']);
    let t = t.trim_start_matches(['+', '-', '−', '－', '—']);
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

impl Acc {
    fn new(page: u32, table: Table) -> Acc {
        Acc {
            page,
            texts: table.texts,
            rows: table.rows,
            columns: table.columns,
            left: table.left,
            right: table.right,
        }
    }

    fn continues_as(&self, next: &Table) -> bool {
        match (self.columns.is_empty(), next.columns.is_empty()) {
            (true, true) => true,
            (false, false) => {
                (self.left - next.left).abs() <= 3.0 && (self.right - next.right).abs() <= 3.0
            }
            _ => false,
        }
    }

    fn row_texts<'a>(texts: &'a [String], row: &[Slot]) -> Vec<&'a str> {
        row.iter()
            .map(|s| texts.get(s.cell).map_or("", String::as_str))
            .collect()
    }

    fn append(&mut self, mut next: Table) {
        // Heading rows repeated at the top of the continuation.
        let mut skip = 0;
        while let (Some(mine), Some(theirs)) = (self.rows.get(skip), next.rows.get(skip)) {
            let (a, b) = (
                Self::row_texts(&self.texts, mine),
                Self::row_texts(&next.texts, theirs),
            );
            if a != b || a.iter().any(|t| is_number(t)) || skip + 1 >= next.rows.len() {
                break;
            }
            skip += 1;
        }
        next.rows.drain(..skip);
        // Columns matched by position: each of the continuation's to the nearest of ours.
        let map: Vec<u32> = next
            .columns
            .iter()
            .map(|x| {
                self.columns
                    .iter()
                    .enumerate()
                    .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
                    .map_or(0, |(i, _)| i as u32)
            })
            .collect();
        let offset = self.texts.len();
        let mut rows = next.rows.into_iter().map(|row| {
            row.into_iter()
                .map(|s| Slot {
                    cell: s.cell + offset,
                    column: map.get(s.column as usize).copied().unwrap_or(s.column),
                    first: s.first,
                })
                .collect::<Vec<Slot>>()
        });
        self.texts.extend(next.texts);
        if let Some(first) = rows.next() {
            if !self.join_broken_row(&first) {
                self.rows.push(first);
            }
        }
        self.rows.extend(rows);
    }

    /// Joins `row` to the last row when it is that row's end, broken by the page.
    fn join_broken_row(&mut self, row: &[Slot]) -> bool {
        let Some(last) = self.rows.last() else {
            return false;
        };
        let text = |s: &Slot| self.texts.get(s.cell).map_or("", String::as_str);
        let own: Vec<&Slot> = row
            .iter()
            .filter(|s| s.first && !text(s).is_empty())
            .collect();
        let filled = last
            .iter()
            .filter(|s| s.first && !text(s).is_empty())
            .count();
        if own.is_empty() || own.len() >= filled {
            return false;
        }
        let mut targets = Vec::new();
        for s in &own {
            let above = last.iter().find(|a| a.column == s.column);
            match above {
                Some(a) if !is_number(text(s)) && !text(a).is_empty() && !is_number(text(a)) => {
                    targets.push((a.cell, s.cell));
                }
                _ => return false,
            }
        }
        for (to, from) in targets {
            let tail = self.texts.get(from).cloned().unwrap_or_default();
            if let Some(t) = self.texts.get_mut(to) {
                crate::layout::join_text(t, &tail);
            }
            if let Some(t) = self.texts.get_mut(from) {
                t.clear();
            }
        }
        true
    }

    /// The grid: only the texts its rows use, in the order they first appear.
    fn grid(self) -> Grid<'static> {
        let mut grid = Grid::new(Origin::Page(self.page));
        let mut ids: HashMap<usize, u32> = HashMap::new();
        for row in &self.rows {
            for s in row {
                ids.entry(s.cell).or_insert_with(|| {
                    grid.add_text(self.texts.get(s.cell).cloned().unwrap_or_default())
                });
            }
        }
        for (n, row) in self.rows.iter().enumerate() {
            grid.add_row(n as u32 + 1);
            for s in row {
                let id = ids.get(&s.cell).copied().unwrap_or(0);
                grid.add_slot(id, s.column, 0, s.first);
            }
        }
        grid
    }
}

/// Text with its digits as `#` and no spaces: a running header's text whatever the page.
fn shape(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// A page number as printed at the foot or head of a page.
pub(crate) fn is_page_number(text: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let dashes: &[char] = &[
        '-', '—', '–', '－', '~', '〜', '·', '•', '(', ')', '（', '）', '[', ']',
    ];
    // `- 3 -`: one number between dashes (two numbers are not a page number).
    if digits(text.trim_matches(|c: char| c.is_whitespace() || dashes.contains(&c))) {
        return true;
    }
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.as_str();
    // 第3页, 第3页共12页, 第3页/共12页
    if let Some(rest) = t.strip_prefix('第') {
        if let Some((n, after)) = rest.split_once('页') {
            let after = after.trim_start_matches(['/', ',', '，', '、']);
            return digits(n)
                && (after.is_empty()
                    || after
                        .strip_prefix('共')
                        .and_then(|a| a.strip_suffix('页'))
                        .is_some_and(digits));
        }
    }
    // 3/12
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    // Page 3, Page 3 of 12
    let lower = t.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        return match rest.split_once("of") {
            Some((a, b)) => digits(a) && digits(b),
            None => digits(rest),
        };
    }
    false
}

/// Lines at each end of a page looked at as furniture: a header or footer has one to three.
const EDGE_LINES: usize = 4;

/// Drops page numbers and running headers and footers (see the module's doc).
fn drop_furniture(pages: &mut [Page]) {
    let in_margin =
        |line: &Line, height: f64| line.baseline <= height / 8.0 || line.top >= height * 7.0 / 8.0;
    let near_edge = |i: usize, count: usize| i < EDGE_LINES || i + EDGE_LINES >= count;
    // The pages each shape of margin line stands on, by its height in 3-point steps.
    let mut seen: HashMap<(String, i64), Vec<u32>> = HashMap::new();
    for page in pages.iter() {
        let count = page.items.len();
        for (i, item) in page.items.iter().enumerate() {
            if let Item::Line(line) = item {
                if near_edge(i, count) && in_margin(line, page.height) {
                    let on = seen
                        .entry((shape(&line.text()), (line.baseline / 3.0).round() as i64))
                        .or_default();
                    if on.last() != Some(&page.number) {
                        on.push(page.number);
                    }
                }
            }
        }
    }
    let total = pages.len();
    let repeated = |shape: String, baseline: f64| {
        let step = (baseline / 3.0).round() as i64;
        let mut on: Vec<u32> = (step - 1..=step + 1)
            .filter_map(|s| seen.get(&(shape.clone(), s)))
            .flatten()
            .copied()
            .collect();
        on.sort_unstable();
        on.dedup();
        on.len() >= 2 && on.len() * 2 > total
    };
    for page in pages.iter_mut() {
        let count = page.items.len();
        let height = page.height;
        let mut keep = Vec::with_capacity(count);
        for (i, item) in page.items.drain(..).enumerate() {
            if let Item::Line(line) = &item {
                if near_edge(i, count) {
                    let text = line.text();
                    let edge = i == 0 || i + 1 == count;
                    let margin = in_margin(line, height);
                    if (is_page_number(&text) && (margin || edge))
                        || (margin && repeated(shape(&text), line.baseline))
                    {
                        continue;
                    }
                }
            }
            keep.push(item);
        }
        page.items = keep;
    }
}

/// The largest text of page 1, then its first lines.
fn titles(page: Option<&Page>) -> Vec<String> {
    let Some(page) = page else {
        return Vec::new();
    };
    let lines: Vec<&Line> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) => Some(l),
            Item::Table(_) => None,
        })
        .collect();
    let mut titles: Vec<String> = Vec::new();
    let largest = lines.iter().map(|l| l.size).fold(0.0, f64::max);
    let mut sizes: Vec<f64> = lines.iter().map(|l| l.size).collect();
    sizes.sort_by(f64::total_cmp);
    let body = sizes.get(sizes.len() / 2).copied().unwrap_or(largest);
    // Only text larger than the body's is a title by its size.
    let start = lines.iter().position(|l| l.size >= largest - 0.5);
    if let (Some(start), true) = (start, largest > body + 0.5) {
        let mut title = String::new();
        let mut previous: Option<&Line> = None;
        // A title set in two or three lines: the next line of its size, right under it.
        for l in lines.iter().skip(start).take(3) {
            let under = previous.is_none_or(|p| l.baseline - p.baseline <= 1.8 * p.size);
            if l.size < largest - 0.5 || !under {
                break;
            }
            crate::layout::join_text(&mut title, &l.text());
            previous = Some(l);
        }
        titles.push(title);
    }
    for l in lines.iter().take(TITLE_LINES) {
        let t = l.text();
        if !titles.contains(&t) {
            titles.push(t);
        }
    }
    titles
}
