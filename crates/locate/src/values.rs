//! A row's values: which cells hold them (the header's columns, else the cells after the label
//! in order), and each cell read as its kind of value.

use std::borrow::Cow;

use gongkai_document::delimited::trim;
use gongkai_document::{Cell, Place, Row};
use gongkai_form::label::key;
use gongkai_form::names::row_name;
use gongkai_form::{parse_value, FormVersion, Section, ValueKind};

use super::kind::{is_none_word, COUNT_UNITS};
use super::label::{joined, parent_key};
use super::state::{Locator, Scratch};
use super::{Kind, Repeats, Values};
use gongkai_messages::msg;

/// What a run of values is read for, for messages.
#[derive(Debug, Clone, Copy)]
pub(super) enum What {
    /// A row of the form: (block, row).
    Row(usize, usize),
    /// Table 四's line of 15 (its block).
    Appeals(usize),
}

impl<'g> Locator<'_, 'g> {
    /// What a run of values is read for, as messages name it: `row granted`, `table 四`
    /// (`表三“（一）予以公开”行`, `表四`).
    fn what(&self, what: What) -> String {
        match what {
            What::Row(b, r) => {
                let block = &self.cat.blocks[b];
                row_name(block.section, &block.rows[r])
            }
            What::Appeals(_) => Section::Appeals.table_name(),
        }
    }

    /// The cells of the form a run of values is read for.
    pub(super) fn cells_of(&self, what: What) -> std::ops::Range<usize> {
        let (block, row, n) = match what {
            What::Row(b, r) => (b, r, self.cat.blocks[b].columns.len()),
            What::Appeals(b) => (
                b,
                0,
                self.cat.blocks[b].rows.len() * self.cat.blocks[b].columns.len(),
            ),
        };
        let first = self.cat.cell_index(block, row, 0);
        first..first + n
    }

    fn last_column(&self, what: What) -> &'static str {
        let (What::Row(b, _) | What::Appeals(b)) = what;
        self.cat.blocks[b].columns.last().map_or("", |c| c.label)
    }

    /// Reads the cells of row `r` of `block`, named by the last `cells` label cells.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn read_row(
        &mut self,
        row: Row<'g>,
        keys: &[Cow<str>],
        sc: &mut Scratch<'g>,
        label_end: usize,
        block: usize,
        r: usize,
        cells: usize,
    ) {
        let cat = self.cat;
        let def = &cat.blocks[block].rows[r];
        if let Some(parent) = parent_key(cat, block, r) {
            self.context = Some(Cow::Borrowed(parent));
        }
        if self.form == FormVersion::F2021 && def.code == "normative_documents" {
            let labels = &sc.labels[sc.labels.len().saturating_sub(cells)..];
            let old = match labels {
                [one] => row
                    .cell(*one)
                    .is_some_and(|c| keys[c.text_index as usize] == "规范性文件"),
                _ => key(&joined(row, labels, " ")) == "规范性文件",
            };
            if old {
                let d = self.warning(&row.place(None), msg!("locate-old-label"));
                self.push(d);
            }
        }
        let mut positions = std::mem::take(&mut sc.positions);
        let header = self
            .header
            .block_positions(block, cat, &mut positions)
            .then_some(positions.as_slice());
        let ncols = cat.blocks[block].columns.len();
        let read = self.cells_for(row, sc, label_end, header, ncols, What::Row(block, r));
        sc.positions = positions;
        if read {
            let first = cat.cell_index(block, r, 0);
            let ordinal = self.ordinal;
            for c in 0..sc.cells.len() {
                let (column, cell) = sc.cells[c];
                let line = self.source_line(&row, cell.map_or(0, |c| c.line), ordinal);
                self.read_cell(first + c, column, cell, row, line);
            }
        }
        self.reading_close = false;
    }

    /// Finds the cells holding the `n` values of a row (into `sc.cells`, in the form's order of
    /// columns): at the header's columns when the header gave them and they fit the row, else
    /// the cells after the label in order. Past the end of a row of delimited text a cell is
    /// blank (spreadsheets leave trailing empty cells out); a table's short row gives fewer cells
    /// (the last columns are not found). False when a row of copied text has fewer values than
    /// columns: which cell is empty cannot be told, and none of it is read.
    pub(super) fn cells_for(
        &mut self,
        row: Row<'g>,
        sc: &mut Scratch<'g>,
        label_end: usize,
        header: Option<&[u32]>,
        n: usize,
        what: What,
    ) -> bool {
        sc.cells.clear();
        let len = row.len();
        let label_col = (0..label_end.min(len))
            .filter_map(|i| row.cell(i))
            .map(|c| c.column)
            .max();
        let tail_dropped = row.grid().origin.drops_trailing_empty_cells();
        if let Some(pos) = header {
            let last_col = len
                .checked_sub(1)
                .and_then(|i| row.cell(i))
                .map(|c| c.column);
            let fits = pos.iter().all(|&p| {
                label_col.is_none_or(|l| p > l)
                    && match slot_at(row, p) {
                        Some(i) => row.cell(i).is_some_and(|c| c.first),
                        None => tail_dropped && last_col.is_none_or(|l| p > l),
                    }
            });
            if fits {
                for &p in pos {
                    let cell = slot_at(row, p).and_then(|i| row.cell(i));
                    sc.cells.push((p, cell));
                }
                self.strays(row, &sc.kinds, label_end, pos, what);
                return true;
            }
        }
        sc.slots.clear();
        sc.slots
            .extend((label_end..len).filter(|&i| row.cell(i).is_some_and(|c| c.first)));
        let kinds = &sc.kinds;
        let blank = |i: &usize| kinds[*i] == Kind::Blank;
        while sc.slots.len() > n && sc.slots.last().is_some_and(blank) {
            sc.slots.pop();
        }
        let lead = sc
            .slots
            .iter()
            .take_while(|i| blank(i))
            .count()
            .min(sc.slots.len().saturating_sub(n));
        let values = &sc.slots[lead..];
        if values.len() > n {
            let extra: Vec<Cell> = values[n..]
                .iter()
                .filter(|&&i| kinds[i] == Kind::Value)
                .filter_map(|&i| row.cell(i))
                .collect();
            if let Some(first) = extra.first() {
                let shown: Vec<&str> = extra.iter().map(|c| trim(c.text)).collect();
                let d = self
                    .warning(
                        &row.place(Some(first)),
                        msg!(
                            "locate-values-past-columns",
                            values = extra.len(),
                            columns = n,
                            what = self.what(what)
                        ),
                    )
                    .found(shown.join(" "), msg!("locate-n-values", values = n));
                self.skip(d, extra.len());
            }
        }
        if values.len() < n && row.grid().regrouped {
            // In copied text an empty cell may leave no trace.
            let shown: Vec<&str> = values
                .iter()
                .filter_map(|&i| row.cell(i))
                .map(|c| trim(c.text))
                .collect();
            let d = self
                .error(
                    &row.place(None),
                    msg!(
                        "locate-too-few-values",
                        values = values.len(),
                        columns = n,
                        what = self.what(what)
                    ),
                )
                .found(
                    shown.join(" "),
                    msg!("locate-too-few-values-expected", values = n),
                );
            self.skip(d, values.len());
            self.bad_cells += 1;
            self.tainted = true;
            let place = row.place(None);
            let cells = self.cells_of(what).map(|i| (i, place.clone()));
            self.unreadable.extend(cells);
            return false;
        }
        if values.len() < n && !tail_dropped {
            let got = values.len();
            let d = self.warning(
                &row.place(None),
                msg!(
                    "locate-short-row",
                    cells = got,
                    columns = n,
                    what = self.what(what)
                ),
            );
            self.push(d);
            for &i in values {
                if let Some(c) = row.cell(i) {
                    sc.cells.push((c.column, Some(c)));
                }
            }
            return true;
        }
        let mut next = values
            .last()
            .and_then(|&i| row.cell(i))
            .map_or(label_col.map_or(0, |l| l + 1), |c| c.column + 1);
        for j in 0..n {
            match values.get(j).and_then(|&i| row.cell(i)) {
                Some(c) => sc.cells.push((c.column, Some(c))),
                None => {
                    sc.cells.push((next, None));
                    next += 1;
                }
            }
        }
        true
    }

    /// Values of a row read by the header's columns that are in none of them: right of the
    /// last (a note's number, a stray value), said for each row; between them (a column the
    /// form does not have, such as 小计), said once per column of a table.
    fn strays(&mut self, row: Row<'g>, kinds: &[Kind], label_end: usize, pos: &[u32], what: What) {
        // Numbers left of the table's columns (a serial number) are none of its values.
        let first = pos.iter().copied().min().unwrap_or(0);
        let last = pos.iter().copied().max().unwrap_or(0);
        let mut right: Vec<Cell> = Vec::new();
        let mut between = 0;
        let mut new: Vec<Cell> = Vec::new();
        for (i, c) in row.cells().enumerate().skip(label_end) {
            if !c.first || kinds[i] != Kind::Value || c.column < first || pos.contains(&c.column) {
                continue;
            }
            if c.column > last {
                right.push(c);
            } else {
                between += 1;
                if self.strays.insert((self.grid, c.column)) {
                    new.push(c);
                }
            }
        }
        if let Some(first) = right.first() {
            let d = self
                .warning(
                    &row.place(Some(first)),
                    msg!(
                        "locate-values-right",
                        values = right.len(),
                        column = self.last_column(what)
                    ),
                )
                .found(first.text, msg!("locate-values-right-expected"));
            self.skip(d, right.len());
        }
        if between > 0 {
            self.values_read += between;
            self.values_rejected += between;
        }
        if let Some(first) = new.first() {
            let shown: Vec<&str> = new.iter().map(|c| trim(c.text)).collect();
            let d = self
                .warning(
                    &row.place(Some(first)),
                    msg!(
                        "locate-values-outside",
                        values = new.len(),
                        what = self.what(what)
                    ),
                )
                .found(shown.join(" "), msg!("locate-values-outside-expected"));
            self.push(d);
        }
    }

    /// Reads one cell of the form from `cell` (`None`: past the end of its row, blank).
    pub(super) fn read_cell(
        &mut self,
        index: usize,
        column: u32,
        cell: Option<Cell<'g>>,
        row: Row<'g>,
        line: u32,
    ) {
        let def = &self.cat.cells[index];
        let text = cell.map_or("", |c| c.text);
        let at = Cell {
            column,
            line,
            ..cell.unwrap_or_default()
        };
        // Only for a diagnostic: a sheet's place holds its name.
        let place = || row.place(Some(&at));
        self.values_read += 1;
        if self.report.present(index) && !self.reading_close && self.close_cells.remove(&index) {
            // The form's own row after one read by a close label (其他行政许可 before 行政许可).
            let d = self
                .warning(
                    &place(),
                    msg!("locate-own-label-wins", cell = def.code_name()),
                )
                .found(text, msg!("locate-own-label-wins-expected"));
            self.push(d);
            self.report.source.lines[index] = 0;
            if self.keep_places {
                self.report.source.set_place(index, Place::File);
            }
            self.values_rejected += 1;
        }
        if self.reading_close && !self.report.present(index) {
            self.close_cells.insert(index);
        }
        if self.report.present(index) {
            match self.conv.repeats {
                Repeats::Reject => {
                    let d = self
                        .error(
                            &place(),
                            msg!(
                                "locate-row-twice",
                                row = row_name(def.section, def.row),
                                first = self.read_from(index)
                            ),
                        )
                        .found(text, msg!("locate-row-twice-expected"));
                    self.reject(d);
                    self.tainted = true;
                    self.unreadable.push((index, place()));
                }
                Repeats::KeepFirst => {
                    self.values_rejected += 1;
                    // The same table twice (a print copy, a mobile copy) says nothing new.
                    let same = match parse_value(text, def.kind()) {
                        Ok(Some(v)) => !self.report.blank[index] && self.report.values[index] == v,
                        Ok(None) => self.report.blank[index],
                        Err(_) => false,
                    };
                    if !same {
                        let d = self
                            .warning(&place(), msg!("locate-cell-twice", cell = def.code_name()))
                            .found(text, msg!("locate-cell-twice-expected"));
                        self.push(d);
                    }
                }
            }
            return;
        }
        let mut parsed = parse_value(text, def.kind());
        if self.conv.values == Values::Published {
            if parsed.is_err() && is_none_word(text) {
                parsed = Ok(None);
                let d = self
                    .warning(
                        &place(),
                        msg!(
                            "locate-none-word",
                            text = trim(text),
                            cell = def.code_name()
                        ),
                    )
                    .found(text, msg!("locate-none-word-expected"));
                self.push(d);
            }
            if parsed.is_err() && def.kind() != ValueKind::Money {
                // `3件`: a count with its unit of measure.
                let t = trim(text);
                if let Some((number, unit)) = COUNT_UNITS
                    .iter()
                    .find_map(|u| t.strip_suffix(u).map(|n| (n, *u)))
                {
                    if let Ok(v) = parse_value(number, def.kind()) {
                        parsed = Ok(v);
                        let d = self
                            .warning(
                                &place(),
                                msg!("locate-count-unit", unit = unit, cell = def.code_name()),
                            )
                            .found(text, msg!("locate-count-unit-expected"));
                        self.push(d);
                    }
                }
            }
        }
        match parsed {
            Ok(v) => {
                self.report.set(index, v, line.max(1));
                if self.keep_places {
                    self.report.source.set_place(index, place());
                }
                if let Some(sources) = &mut self.sources {
                    sources.cells.push((row.number(), column, index));
                }
            }
            Err(e) => {
                let d = self
                    .error(
                        &place(),
                        msg!("read-bad-value", problem = e.to_string(), cell = def.name()),
                    )
                    .found(text, def.kind().expected());
                self.reject(d);
                self.bad_cells += 1;
                self.tainted = true;
                self.unreadable.push((index, place()));
            }
        }
    }
}

/// The slot of a row at grid column `column`, if it has one.
fn slot_at(row: Row, column: u32) -> Option<usize> {
    // Delimited text: the slot is the column.
    if row
        .cell(column as usize)
        .is_some_and(|c| c.column == column)
    {
        return Some(column as usize);
    }
    row.cells().position(|c| c.column == column)
}
