//! Table 四: one line of 15 numbers under a header of three lines (行政复议 and 行政诉讼, the two
//! kinds of litigation, the five result columns each), or three labelled rows of five.

use std::borrow::Cow;

use gongkai_document::delimited::trim;
use gongkai_document::{Cell, Row};
use gongkai_form::label::{normalise, RowMatch};
use gongkai_form::{Catalogue, Section};
use gongkai_messages::msg;

use super::label::Label;
use super::state::{named, Appeals, Locator, Scratch};
use super::values::What;
use super::Kind;

impl Appeals<'_> {
    /// Takes the words of a header line of table 四: the words above each column, and, where a
    /// line names all 15 result columns, their columns in order.
    pub(super) fn header_words(&mut self, row: Row, keys: &[Cow<str>], cat: &Catalogue) {
        let mut line = Vec::new();
        for c in row.cells() {
            let key = keys[c.text_index as usize].as_ref();
            let stack = self.stacks.entry(c.column).or_default();
            if !key.is_empty() && stack.last().map(String::as_str) != Some(key) {
                stack.push(key.to_string());
            }
            if !cat
                .labels()
                .match_column_key(cat, Section::Appeals, key)
                .is_empty()
            {
                line.push(c.column);
            }
        }
        // The header as read so far: a later line that breaks it leaves the columns unknown.
        // Without merged cells (delimited text) the words above a column are not repeated over
        // it: there a line naming all 15 columns gives them.
        let in_order = !row.grid().has_merged_cells() && line.len() == 15;
        self.positions = self.columns(cat).or_else(|| in_order.then_some(line));
    }

    /// The grid column of each of the 15 cells, from the header words above them.
    fn columns(&self, cat: &Catalogue) -> Option<Vec<u32>> {
        let block = appeals_block(cat);
        let rows = cat.blocks[block].rows;
        let cols = cat.blocks[block].columns;
        let mut found: Vec<Option<u32>> = vec![None; 15];
        for (&grid_col, heads) in &self.stacks {
            let has = |w: &str| heads.iter().any(|h| h == w);
            let row = if has("未经复议直接起诉") {
                rows.iter().position(|r| r.code == "litigation_direct")
            } else if has("复议后起诉") {
                rows.iter()
                    .position(|r| r.code == "litigation_after_reconsideration")
            } else if has("行政复议") {
                rows.iter().position(|r| r.code == "reconsideration")
            } else {
                None
            };
            let col = heads.last().and_then(|h| {
                cols.iter()
                    .position(|c| normalise(c.label) == *h || (c.code == "total" && h == "合计"))
            });
            if let (Some(r), Some(c)) = (row, col) {
                let i = r * cols.len() + c;
                if found.get(i).is_some_and(Option::is_none) {
                    found[i] = Some(grid_col);
                }
            }
        }
        found.into_iter().collect()
    }
}

fn appeals_block(cat: &Catalogue) -> usize {
    cat.blocks
        .iter()
        .position(|b| b.section == Section::Appeals)
        .unwrap_or(0)
}

impl<'g> Locator<'_, 'g> {
    /// A row with values in table 四.
    pub(super) fn appeals_row(
        &mut self,
        row: Row<'g>,
        keys: &[Cow<str>],
        sc: &mut Scratch<'g>,
        label_end: usize,
        label: Label,
    ) {
        let cat = self.cat;
        let block = appeals_block(cat);
        // Table 四 printed as three labelled rows of five.
        if let Some(&last) = sc.labels.last() {
            let key = row.cell(last).map_or("", |c| &keys[c.text_index as usize]);
            if let RowMatch::Row { block: b, row: r } =
                cat.labels()
                    .match_row_key(cat, Section::Appeals, key, self.context.as_deref())
            {
                let cells = (label_end..row.len())
                    .filter(|&i| row.cell(i).is_some_and(|c| c.first))
                    .count();
                if b == block && cells <= 6 {
                    self.read_row(row, keys, sc, label_end, b, r, 1);
                    return;
                }
            }
        }
        // A row of another table (the report goes on after table 四).
        if let Label::Row {
            section,
            block,
            row: r,
            cells,
            close: None,
        } = label
        {
            if section != Section::Appeals {
                self.enter(section);
                self.read_row(row, keys, sc, label_end, block, r, cells);
                return;
            }
        }
        if !self.appeals.done {
            // In delimited text the line is the row after the header, whatever it holds, and
            // its empty tail may be left out; a page may break the line over rows, and a row
            // without values there is words about the table.
            let delimited = row.grid().origin.drops_trailing_empty_cells();
            let has_values = sc
                .kinds
                .get(label_end..)
                .unwrap_or_default()
                .contains(&Kind::Value);
            if delimited
                || (has_values && self.appeals.positions.is_some() && !row.grid().regrouped)
            {
                self.appeals_line(row, label_end, sc);
            } else if has_values {
                self.gather_appeals(row, label_end);
            }
        } else if !self.conv.prose {
            self.appeals_again(row, sc, label_end);
        }
    }

    /// Reads the line of 15 numbers of table 四 from one row: at the header's columns, else in
    /// order after its label.
    pub(super) fn appeals_line(&mut self, row: Row<'g>, label_end: usize, sc: &mut Scratch<'g>) {
        let cat = self.cat;
        let block = appeals_block(cat);
        let positions = self.appeals.positions.take();
        let read = self.cells_for(
            row,
            sc,
            label_end,
            positions.as_deref(),
            15,
            What::Appeals(block),
        );
        self.appeals.positions = positions;
        self.appeals.line = Some(row.place(None));
        self.appeals.done = true;
        if !read {
            return;
        }
        let start = cat.cell_index(block, 0, 0);
        let ordinal = self.ordinal;
        for i in 0..sc.cells.len() {
            let (column, cell) = sc.cells[i];
            let line = self.source_line(&row, cell.map_or(0, |c| c.line), ordinal);
            self.read_cell(start + i, column, cell, row, line);
        }
    }

    /// Copied text may break table 四's line over rows: its values are gathered until there
    /// are 15.
    fn gather_appeals(&mut self, row: Row<'g>, label_end: usize) {
        let ordinal = self.ordinal;
        for c in (label_end..row.len()).filter_map(|i| row.cell(i)) {
            if c.first {
                self.appeals.pending.push((row, c, ordinal));
            }
        }
        if self.appeals.pending.len() >= 15 {
            self.flush_appeals();
        }
    }

    /// Reads the values of table 四 gathered so far.
    pub(super) fn flush_appeals(&mut self) {
        if self.appeals.pending.is_empty() || self.appeals.done {
            return;
        }
        let mut values = std::mem::take(&mut self.appeals.pending);
        let blank = |v: &(Row, Cell, u32)| super::kind(v.1.text, self.conv.values) == Kind::Blank;
        while values.len() > 15 && values.last().is_some_and(blank) {
            values.pop();
        }
        let lead = values
            .iter()
            .take_while(|v| blank(v))
            .count()
            .min(values.len().saturating_sub(15));
        values.drain(..lead);
        self.appeals.done = true;
        let (row, first, _) = values[0];
        self.appeals.line = Some(row.place(None));
        if values.len() > 15 {
            let extra = &values[15..];
            let shown: Vec<&str> = extra.iter().map(|v| trim(v.1.text)).collect();
            let (at_row, at_cell, _) = extra[0];
            let d = self
                .warning(
                    &at_row.place(Some(&at_cell)),
                    msg!("locate-appeals-past-15", values = extra.len()),
                )
                .found(shown.join(" "), msg!("locate-n-values", values = 15));
            self.skip(d, extra.len());
            values.truncate(15);
        }
        if values.len() < 15 {
            let shown: Vec<&str> = values.iter().map(|v| trim(v.1.text)).collect();
            let d = self
                .error(
                    &row.place(Some(&first)),
                    msg!("locate-appeals-too-few", values = values.len()),
                )
                .found(shown.join(" "), msg!("locate-appeals-too-few-expected"));
            self.skip(d, values.len());
            self.bad_cells += 1;
            self.tainted = true;
            let place = row.place(Some(&first));
            let cells = self.cells_of(What::Appeals(appeals_block(self.cat)));
            self.unreadable.extend(cells.map(|i| (i, place.clone())));
            return;
        }
        let start = self.cat.cell_index(appeals_block(self.cat), 0, 0);
        for (i, (row, cell, ordinal)) in values.into_iter().enumerate() {
            let line = self.source_line(&row, cell.line, ordinal);
            self.read_cell(start + i, cell.column, Some(cell), row, line);
        }
    }

    /// A line of values in table 四 after its line of numbers was read (a unit file): a second
    /// copy of the table is an error (there is no telling which is right); a stray value or two
    /// is a warning.
    fn appeals_again(&mut self, row: Row<'g>, sc: &Scratch, label_end: usize) {
        let values: Vec<Cell> = (label_end..row.len())
            .filter_map(|i| row.cell(i))
            .filter(|c| c.first && !trim(c.text).is_empty())
            .collect();
        let Some(first) = values.first() else {
            return;
        };
        let place = row.place(Some(first));
        let shown: Vec<&str> = values.iter().map(|c| trim(c.text)).collect();
        let numbers = (label_end..row.len())
            .filter(|&i| sc.kinds[i] == Kind::Value)
            .count();
        let line = self.appeals.line.as_ref().map_or_else(String::new, named);
        self.values_read += values.len();
        if numbers >= 5 {
            let d = self
                .error(&place, msg!("locate-appeals-twice", first = line.as_str()))
                .found(shown.join(","), msg!("locate-appeals-twice-expected"));
            self.reject(d);
            self.values_rejected += values.len() - 1;
            self.tainted = true;
            // Which line is right cannot be told.
            let cells = self.cells_of(What::Appeals(appeals_block(self.cat)));
            self.unreadable.extend(cells.map(|i| (i, place.clone())));
        } else {
            let d = self
                .warning(
                    &place,
                    msg!(
                        "locate-appeals-after-line",
                        values = values.len(),
                        first = line.as_str()
                    ),
                )
                .found(shown.join(","), msg!("locate-appeals-after-line-expected"));
            self.push(d);
            self.values_rejected += values.len();
        }
    }
}
