//! One page's glyphs and rulings into what a reader sees, top to bottom: lines of text and
//! ruled tables.
//!
//! **Ruled tables.** Horizontal and vertical rulings that meet form a table when they make at
//! least two columns. Its rows are the bands between the distinct heights of its horizontal
//! rulings, its columns the spaces between the distinct positions of its vertical ones (and
//! the ends of its horizontal ones, for a table drawn without side borders). Where
//! no ruling separates two neighbouring slots the slots are one merged cell (a row or column
//! span), as the document drew it. Each glyph inside the table goes to the cell under its
//! centre; a cell's text is its lines joined (a label wrapped inside its cell is one label).
//!
//! **Lines.** Glyphs outside tables are grouped by baseline (within a third of their size) and
//! ordered by x. A gap wider than 1.5 spaces (a space taken as 0.3 of the font size) splits a
//! line into cells; a smaller gap between letters or digits is a space; CJK characters join
//! without one.
//!
//! **Tables without rulings.** A run of two or more consecutive lines of two or more cells each
//! is a table (each line a row, each cell a column in its order); other lines are prose.

use std::collections::HashMap;

use crate::content::{Glyph, PageContent, Ruling};

/// A line of text outside tables.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Its cells, left to right (one for running text).
    pub cells: Vec<String>,
    /// Top and baseline, top-down page coordinates.
    pub top: f64,
    pub baseline: f64,
    /// The largest font size on it.
    pub size: f64,
}

impl Line {
    /// The line as text: its cells with a space between.
    pub fn text(&self) -> String {
        self.cells.join(" ")
    }
}

/// One slot of a table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot {
    /// The cell's index in [`Table::texts`]: the slots of a merged cell share one.
    pub cell: usize,
    pub column: u32,
    /// The slot where the cell starts in this row (false for the further columns it spans).
    pub first: bool,
}

/// A table of a page: rows of slots over the texts of its cells.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub texts: Vec<String>,
    pub rows: Vec<Vec<Slot>>,
    /// The column boundaries (x), left to right; empty for a table without rulings.
    pub columns: Vec<f64>,
    pub top: f64,
    pub left: f64,
    pub right: f64,
}

/// What a page holds, top to bottom.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    Line(Line),
    Table(Table),
}

impl Item {
    fn top(&self) -> f64 {
        match self {
            Item::Line(l) => l.top,
            Item::Table(t) => t.top,
        }
    }
}

/// Rulings this close are one line; a ruling reaches a point this close to its end.
const SNAP: f64 = 2.0;

/// The root of `i` in a union-find forest (no cycles: a node links only to a root), halving
/// the path on the way.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    loop {
        let p = parent.get(i).copied().unwrap_or(i);
        if p == i {
            return i;
        }
        let grand = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(i) {
            *slot = grand;
        }
        i = grand;
    }
}

/// A page's lines and tables in reading order.
pub(crate) fn page_items(page: &PageContent) -> Vec<Item> {
    let glyphs = dedupe(&page.glyphs);
    let grids = ruled_grids(&page.rulings);
    let mut in_table: Vec<Vec<&Glyph>> = vec![Vec::new(); grids.len()];
    let mut free: Vec<&Glyph> = Vec::new();
    for g in glyphs {
        let (cx, cy) = centre(g);
        match grids.iter().position(|t| t.contains(cx, cy)) {
            Some(i) => in_table.get_mut(i).into_iter().for_each(|v| v.push(g)),
            None => free.push(g),
        }
    }
    let mut items: Vec<Item> = Vec::new();
    for (grid, glyphs) in grids.iter().zip(&in_table) {
        if let Some(t) = grid.table(glyphs) {
            items.push(Item::Table(t));
        }
    }
    items.extend(unruled(lines(&free)));
    items.sort_by(|a, b| a.top().total_cmp(&b.top()));
    items
}

/// Where a glyph is: the middle of its advance, a third of its size above the baseline.
fn centre(g: &Glyph) -> (f64, f64) {
    (g.x + g.width / 2.0, g.y - g.size * 0.35)
}

/// The glyphs less those drawn twice at (nearly) the same place: a bold faked by overprinting.
/// Positions are bucketed (a fifth of the size) so each glyph is checked against its
/// neighbours only, whatever the page holds; a bucket and the glyph's first character make one
/// integer key.
fn dedupe(glyphs: &[Glyph]) -> Vec<&Glyph> {
    let key = |c: char, bx: i64, by: i64| {
        (u64::from(c) << 42) | ((by as u64 & 0x1F_FFFF) << 21) | (bx as u64 & 0x1F_FFFF)
    };
    let mut out: Vec<&Glyph> = Vec::with_capacity(glyphs.len());
    let mut seen: foldhash::HashSet<u64> = foldhash::HashSet::default();
    for g in glyphs {
        let c = g.text.chars().next().unwrap_or(' ');
        let cell = (g.size * 0.2).max(0.5);
        let (bx, by) = ((g.x / cell).round() as i64, (g.y / cell).round() as i64);
        let mut near = false;
        for dx in -1..=1 {
            for dy in -1..=1 {
                near |= seen.contains(&key(c, bx + dx, by + dy));
            }
        }
        if !near {
            seen.insert(key(c, bx, by));
            out.push(g);
        }
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{2FA1F}' | '\u{2018}'..='\u{201D}'
    )
}

/// Joins two pieces of text of one cell: no space where either side is CJK.
pub(crate) fn join_text(out: &mut String, next: &str) {
    let before = out.chars().next_back();
    let after = next.chars().next();
    if let (Some(a), Some(b)) = (before, after) {
        if !is_cjk(a) && !is_cjk(b) {
            out.push(' ');
        }
    }
    out.push_str(next);
}

/// Glyphs on one baseline, left to right.
struct Run<'g> {
    glyphs: Vec<&'g Glyph>,
    baseline: f64,
    size: f64,
}

/// Groups glyphs by baseline, top to bottom, each run ordered by x.
fn baselines<'g>(glyphs: &[&'g Glyph]) -> Vec<Run<'g>> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut runs: Vec<Run> = Vec::new();
    for g in sorted {
        match runs.last_mut() {
            Some(run) if (g.y - run.baseline).abs() <= run.size.min(g.size) / 3.0 => {
                run.size = run.size.max(g.size);
                run.glyphs.push(g);
            }
            _ => runs.push(Run {
                glyphs: vec![g],
                baseline: g.y,
                size: g.size,
            }),
        }
    }
    for run in &mut runs {
        run.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    runs
}

/// A run's text split into cells at gaps wider than 1.5 spaces (`split`), else one cell.
fn cells(run: &Run, split: bool) -> Vec<String> {
    let mut cells: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut end: Option<f64> = None;
    for g in &run.glyphs {
        let em = g.size.max(1.0);
        match end {
            Some(e) if split && g.x - e > 1.5 * 0.3 * em => {
                cells.push(std::mem::take(&mut current));
                current.push_str(&g.text);
            }
            Some(e) if g.x - e > 0.15 * em => join_text(&mut current, &g.text),
            _ => current.push_str(&g.text),
        }
        end = Some(end.map_or(g.x + g.width, |e| e.max(g.x + g.width)));
    }
    cells.push(current);
    cells
        .into_iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

/// Lines of glyphs outside tables.
fn lines(glyphs: &[&Glyph]) -> Vec<Line> {
    baselines(glyphs)
        .iter()
        .map(|run| Line {
            cells: cells(run, true),
            top: run.baseline - run.size * 0.85,
            baseline: run.baseline,
            size: run.size,
        })
        .filter(|l| !l.cells.is_empty())
        .collect()
}

/// Lines, with runs of two or more lines of several cells each as tables (see the module's
/// doc).
fn unruled(lines: Vec<Line>) -> Vec<Item> {
    let mut items = Vec::new();
    let mut run: Vec<Line> = Vec::new();
    let flush = |run: &mut Vec<Line>, items: &mut Vec<Item>| {
        if run.len() >= 2 {
            let mut texts = Vec::new();
            let mut rows = Vec::new();
            for line in run.iter() {
                let mut row = Vec::new();
                for (i, c) in line.cells.iter().enumerate() {
                    texts.push(c.clone());
                    row.push(Slot {
                        cell: texts.len() - 1,
                        column: i as u32,
                        first: true,
                    });
                }
                rows.push(row);
            }
            let top = run.first().map_or(0.0, |l| l.top);
            items.push(Item::Table(Table {
                texts,
                rows,
                columns: Vec::new(),
                top,
                left: 0.0,
                right: 0.0,
            }));
        } else {
            items.extend(run.drain(..).map(Item::Line));
        }
        run.clear();
    };
    for line in lines {
        // A row follows the one before within about two lines' height.
        let follows = run
            .last()
            .is_none_or(|p| line.baseline - p.baseline <= 2.5 * p.size.max(line.size));
        if line.cells.len() >= 2 && follows {
            run.push(line);
            continue;
        }
        flush(&mut run, &mut items);
        if line.cells.len() >= 2 {
            run.push(line);
        } else {
            items.push(Item::Line(line));
        }
    }
    flush(&mut run, &mut items);
    items
}

// ------------------------------------------------------------------------------ ruled tables

/// A table's rulings and the grid they make.
#[derive(Debug)]
struct RuledGrid {
    /// Distinct heights of the horizontal rulings, top to bottom.
    ys: Vec<f64>,
    /// Distinct positions of the vertical rulings, left to right.
    xs: Vec<f64>,
    /// The extents (from, to) of the horizontal rulings at each of `ys`.
    across: Vec<Vec<(f64, f64)>>,
    /// The extents of the vertical rulings at each of `xs`.
    down: Vec<Vec<(f64, f64)>>,
}

/// Rows and columns of one ruled table at most: a report's tables have tens.
const MAX_BANDS: usize = 400;
const MAX_COLUMNS: usize = 64;

/// The extents of `rulings` by the index of the nearest of `at`.
fn by_line(rulings: &[Ruling], at: &[f64]) -> Vec<Vec<(f64, f64)>> {
    let mut out = vec![Vec::new(); at.len()];
    for r in rulings {
        let i = at.partition_point(|v| *v < r.at - SNAP);
        if let Some(line) = out.get_mut(i) {
            line.push((r.from, r.to));
        }
    }
    out
}

/// Distinct values, sorted, those within [`SNAP`] of each other as one.
fn distinct(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for x in v {
        match out.last() {
            Some(last) if x - last <= SNAP => {}
            _ => out.push(x),
        }
    }
    out
}

fn meets(h: &Ruling, v: &Ruling) -> bool {
    v.at >= h.from - SNAP && v.at <= h.to + SNAP && h.at >= v.from - SNAP && h.at <= v.to + SNAP
}

/// The tables the rulings make: rulings that meet, gathered; those with at least two columns
/// and a row.
fn ruled_grids(rulings: &[Ruling]) -> Vec<RuledGrid> {
    let (h, v): (Vec<&Ruling>, Vec<&Ruling>) = rulings.iter().partition(|r| r.horizontal);
    // Union-find over rulings: horizontal i is i, vertical j is h.len() + j.
    let mut parent: Vec<usize> = (0..h.len() + v.len()).collect();
    // Sorting the verticals by x bounds the pairs looked at to those that can meet.
    let mut by_x: Vec<usize> = (0..v.len()).collect();
    by_x.sort_by(|a, b| {
        let (xa, xb) = (
            v.get(*a).map_or(0.0, |r| r.at),
            v.get(*b).map_or(0.0, |r| r.at),
        );
        xa.total_cmp(&xb)
    });
    let xs: Vec<f64> = by_x
        .iter()
        .map(|j| v.get(*j).map_or(0.0, |r| r.at))
        .collect();
    for (i, hr) in h.iter().enumerate() {
        let start = xs.partition_point(|x| *x < hr.from - SNAP);
        let end = xs.partition_point(|x| *x <= hr.to + SNAP);
        for j in by_x.get(start..end).unwrap_or(&[]) {
            if v.get(*j).is_some_and(|vr| meets(hr, vr)) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, h.len() + j));
                if let Some(slot) = parent.get_mut(a) {
                    *slot = b;
                }
            }
        }
    }
    let mut groups: HashMap<usize, (Vec<Ruling>, Vec<Ruling>)> = HashMap::new();
    for (i, r) in h.iter().enumerate() {
        let k = root(&mut parent, i);
        groups.entry(k).or_default().0.push(**r);
    }
    for (j, r) in v.iter().enumerate() {
        let k = root(&mut parent, h.len() + j);
        groups.entry(k).or_default().1.push(**r);
    }
    let mut grids: Vec<RuledGrid> = groups
        .into_values()
        .filter_map(|(horizontal, vertical)| {
            let ys = distinct(horizontal.iter().map(|r| r.at).collect());
            // A table open at its sides (no outer borders) ends where its horizontal rulings do.
            let ends = [
                horizontal.iter().map(|r| r.from).fold(f64::MAX, f64::min),
                horizontal.iter().map(|r| r.to).fold(f64::MIN, f64::max),
            ];
            let xs = distinct(
                vertical
                    .iter()
                    .map(|r| r.at)
                    .chain(ends.into_iter().filter(|x| x.is_finite() && x.abs() < 1e6))
                    .collect(),
            );
            let fits = (2..=MAX_BANDS + 1).contains(&ys.len())
                && (3..=MAX_COLUMNS + 1).contains(&xs.len());
            fits.then(|| RuledGrid {
                across: by_line(&horizontal, &ys),
                down: by_line(&vertical, &xs),
                ys,
                xs,
            })
        })
        .collect();
    grids.sort_by(|a, b| a.top().total_cmp(&b.top()));
    grids
}

impl RuledGrid {
    fn top(&self) -> f64 {
        self.ys.first().copied().unwrap_or(0.0)
    }

    fn contains(&self, x: f64, y: f64) -> bool {
        let (Some(t), Some(b), Some(l), Some(r)) = (
            self.ys.first(),
            self.ys.last(),
            self.xs.first(),
            self.xs.last(),
        ) else {
            return false;
        };
        x >= l - 1.0 && x <= r + 1.0 && y >= t - 1.0 && y <= b + 1.0
    }

    /// A horizontal ruling on line `i` of `ys` across x `x`.
    fn h_at(&self, i: usize, x: f64) -> bool {
        self.across.get(i).is_some_and(|line| {
            line.iter()
                .any(|(from, to)| x >= from - SNAP && x <= to + SNAP)
        })
    }

    /// A vertical ruling on line `j` of `xs` across y `y`.
    fn v_at(&self, j: usize, y: f64) -> bool {
        self.down.get(j).is_some_and(|line| {
            line.iter()
                .any(|(from, to)| y >= from - SNAP && y <= to + SNAP)
        })
    }

    /// The table, its glyphs placed in its cells; `None` when nothing is in it.
    fn table(&self, glyphs: &[&Glyph]) -> Option<Table> {
        let bands = self.ys.len().checked_sub(1)?;
        let cols = self.xs.len().checked_sub(1)?;
        let slot = |band: usize, col: usize| band * cols + col;
        // Union-find over slots: neighbours with no ruling between them are one cell.
        let mut parent: Vec<usize> = (0..bands * cols).collect();
        fn union(parent: &mut [usize], a: usize, b: usize) {
            let (ra, rb) = (root(parent, a), root(parent, b));
            // The cell is named by its top-left slot.
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            if let Some(p) = parent.get_mut(hi) {
                *p = lo;
            }
        }
        let mid = |v: &[f64], i: usize| {
            (v.get(i).copied().unwrap_or(0.0) + v.get(i + 1).copied().unwrap_or(0.0)) / 2.0
        };
        for band in 0..bands {
            let y_mid = mid(&self.ys, band);
            for col in 0..cols {
                let x_mid = mid(&self.xs, col);
                if col + 1 < cols && !self.v_at(col + 1, y_mid) {
                    union(&mut parent, slot(band, col), slot(band, col + 1));
                }
                if band + 1 < bands && !self.h_at(band + 1, x_mid) {
                    union(&mut parent, slot(band, col), slot(band + 1, col));
                }
            }
        }
        // Glyphs to cells.
        let mut in_cell: HashMap<usize, Vec<&Glyph>> = HashMap::new();
        for g in glyphs {
            let (cx, cy) = centre(g);
            let band = self.ys.partition_point(|y| *y < cy).clamp(1, bands) - 1;
            let col = self.xs.partition_point(|x| *x < cx).clamp(1, cols) - 1;
            let cell = root(&mut parent, slot(band, col));
            in_cell.entry(cell).or_default().push(g);
        }
        if in_cell.is_empty() {
            return None;
        }
        // Each cell's text: its lines joined.
        let mut texts: Vec<String> = Vec::new();
        let mut index: HashMap<usize, usize> = HashMap::new();
        let mut rows: Vec<Vec<Slot>> = Vec::new();
        for band in 0..bands {
            let mut row: Vec<Slot> = Vec::new();
            let mut previous: Option<usize> = None;
            for col in 0..cols {
                let cell = root(&mut parent, slot(band, col));
                let i = *index.entry(cell).or_insert_with(|| {
                    let mut text = String::new();
                    if let Some(g) = in_cell.get(&cell) {
                        for run in baselines(g) {
                            for c in cells(&run, false) {
                                join_text(&mut text, &c);
                            }
                        }
                    }
                    texts.push(text);
                    texts.len() - 1
                });
                row.push(Slot {
                    cell: i,
                    column: col as u32,
                    first: previous != Some(cell),
                });
                previous = Some(cell);
            }
            // A band with nothing in it (a ruling that only crosses part of the table) is no row.
            if row
                .iter()
                .any(|s| texts.get(s.cell).is_some_and(|t| !t.is_empty()))
            {
                rows.push(row);
            }
        }
        Some(Table {
            texts,
            rows,
            columns: self.xs.clone(),
            top: self.top(),
            left: self.xs.first().copied().unwrap_or(0.0),
            right: self.xs.last().copied().unwrap_or(0.0),
        })
    }
}
