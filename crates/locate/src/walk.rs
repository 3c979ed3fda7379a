//! The walk over a document's rows: each row is a quoted line gone wrong, a unit's own line,
//! a heading, a header line, a row of the form (read), or values the form does not have
//! (reported).

use std::borrow::Cow;

use gongkai_document::delimited::trim;
use gongkai_document::{Cell, Origin, Place, Row};
use gongkai_form::Section;
use gongkai_messages::msg;

use super::heading::{self, Heading};
use super::label::{self, Label};
use super::state::{Line, Locator, Scratch};
use super::{kind, Kind, Located};
use crate::meta::meta_entry_of;

impl<'g> Locator<'_, 'g> {
    /// Reads every row of every grid, in order.
    pub(super) fn run(mut self) -> Located {
        let doc = self.doc;
        for (g, grid) in doc.grids.iter().enumerate() {
            // Header positions and table 四's header words are a table's own.
            self.grid = g;
            self.header.clear();
            self.header.last_was_header = false;
            self.appeals.new_table();
            for row in grid.rows() {
                self.ordinal += 1;
                let mut sc = std::mem::take(&mut self.scratch);
                sc.kinds.clear();
                sc.kinds
                    .extend(row.cells().map(|c| kind(c.text, self.conv.values)));
                self.row(row, &doc.keys[g], &mut sc);
                self.scratch = sc;
            }
        }
        self.flush_appeals();
        if self.lines_lost {
            // Which cells the swallowed lines held cannot be told: any not found may be one.
            let report = &self.report;
            let lost = (0..report.values.len()).filter(|&i| !report.present(i));
            self.unreadable.extend(lost.map(|i| (i, Place::File)));
        }
        // Each cell once, at the first place it was found unreadable.
        self.unreadable.sort_by_key(|(i, _)| *i);
        self.unreadable.dedup_by_key(|(i, _)| *i);
        let end_line = doc.grids.last().and_then(|g| {
            matches!(g.origin, Origin::Delimited | Origin::Text)
                .then(|| g.rows().last().map(|r| r.number()))
                .flatten()
        });
        Located {
            report: self.report,
            diagnostics: self.diags,
            values_read: self.values_read,
            values_rejected: self.values_rejected,
            tainted: self.tainted,
            bad_cells: self.bad_cells,
            unreadable: self.unreadable,
            seen: self.seen,
            sources: self.sources,
            end_line,
            conventions: self.conv,
            file: self.file,
        }
    }

    pub(super) fn row(&mut self, row: Row<'g>, keys: &[Cow<str>], sc: &mut Scratch<'g>) {
        if row.grid().may_hold_line_breaks() && self.swallowed_lines(row, sc) {
            return;
        }
        if self.conv.unit_lines && self.unit_line(row, sc) {
            return;
        }
        if row.cells().all(|c| trim(c.text).is_empty()) {
            // Table 四's line of numbers follows its header, even when every cell is blank.
            if self.appeals.awaits_line(self.section)
                && row.grid().origin.drops_trailing_empty_cells()
            {
                self.appeals_line(row, 0, sc);
            }
            return;
        }
        let (start, heading) = self.headings(row, keys, sc);
        let len = row.len();
        if let Some(s) = heading.filter(|_| !(start..len).any(|i| sc.kinds[i] == Kind::Text)) {
            let numbers = sc.kinds.iter().filter(|k| **k == Kind::Value).count();
            if numbers > 0 {
                let d = self.warning(
                    &row.place(None),
                    msg!(
                        "locate-values-on-heading",
                        values = numbers,
                        table = s.heading()
                    ),
                );
                self.skip(d, numbers);
            }
            return;
        }
        // A number before a row's first words is a serial number (a 序号 column), not a value.
        let filled = |from: usize| (from..len).find(|&i| sc.kinds[i] != Kind::Blank);
        let values_from = self.first_value_column(row.grid().regrouped);
        let serial = filled(start).filter(|&i| {
            sc.kinds[i] == Kind::Value
                && filled(i + 1).is_some_and(|j| sc.kinds[j] == Kind::Text)
                && row
                    .cell(i)
                    .is_some_and(|c| values_from.is_none_or(|m| c.column < m))
        });
        let first_value =
            (serial.map_or(start, |i| i + 1)..len).find(|&i| sc.kinds[i] == Kind::Value);
        let label_end = self.label_end(row, &sc.kinds, start, first_value);
        label::label_cells(row, keys, &sc.kinds, start, label_end, &mut sc.labels);
        let label = if first_value.is_none() {
            match self.line_without_values(row, keys, sc, start, label_end) {
                Line::Header => return,
                Line::BeforeTables => {
                    self.header.last_was_header = false;
                    return;
                }
                // A heading's line holds no row of the form.
                Line::Other(_) if heading.is_some() => {
                    self.header.last_was_header = false;
                    return;
                }
                Line::Other(label) => label,
            }
        } else {
            self.note_header_if_blank(row, keys, sc, start);
            if row.grid().regrouped {
                self.header_words_before_label(row, keys, sc);
            }
            self.match_label(row, keys, sc)
        };
        self.header.last_was_header = false;
        self.data_row(row, keys, sc, label_end, label);
    }

    /// A quote that opens a cell of delimited text and closes lines later swallows whole lines
    /// of the table: the row is not read.
    fn swallowed_lines(&mut self, row: Row<'g>, sc: &Scratch) -> bool {
        let Some(cell) = row
            .cells()
            .find(|c| c.text.contains('\n') && c.text.contains([',', '\t', ';']))
        else {
            return false;
        };
        let numbers = sc.kinds.iter().filter(|k| **k == Kind::Value).count();
        let line = row.number();
        let d = self
            .error(
                &row.place(Some(&cell)),
                msg!(
                    "locate-quote-swallows-lines",
                    first = line,
                    last = line as usize + cell.text.matches('\n').count()
                ),
            )
            .found(cell.text, msg!("locate-quote-swallows-lines-expected"));
        self.skip(d, numbers);
        self.tainted = true;
        self.lines_lost = true;
        true
    }

    /// A unit file's line naming its unit or year: no part of the tables. Numbers after the
    /// unit or year (`年度,2020,5`) are no cell of the form.
    fn unit_line(&mut self, row: Row<'g>, sc: &Scratch) -> bool {
        let Some((is_unit, _, col)) = meta_entry_of(row.len(), |i| row.text(i)) else {
            return false;
        };
        let extra = sc
            .kinds
            .iter()
            .skip(col as usize)
            .filter(|k| **k == Kind::Value)
            .count();
        if extra > 0 {
            let d = self.warning(
                &row.place(None),
                if is_unit {
                    msg!("locate-values-on-unit-line", values = extra)
                } else {
                    msg!("locate-values-on-year-line", values = extra)
                },
            );
            self.skip(d, extra);
        }
        true
    }

    /// Headings anywhere in the row set the table; labels start after the last one.
    fn headings(
        &mut self,
        row: Row<'g>,
        keys: &[Cow<str>],
        sc: &Scratch,
    ) -> (usize, Option<Section>) {
        let mut start = 0;
        let mut section = None;
        for (i, c) in row.cells().enumerate() {
            if sc.kinds[i] != Kind::Text || !c.first {
                continue;
            }
            match heading::heading(c.text, &keys[c.text_index as usize]) {
                Some(Heading::Section(s)) => {
                    self.enter(s);
                    // A new table: its own header and groups.
                    self.context = None;
                    self.header.clear();
                    section = Some(s);
                    start = i + 1;
                }
                // An item heading after a row's label is a note beside the table.
                Some(Heading::Item(_)) if sc.kinds[start..i].contains(&Kind::Text) => {}
                Some(Heading::Item(_)) => {
                    if self.section.is_none_or(|s| s == Section::Active)
                        || self.may_enter(Section::Active)
                    {
                        self.enter(Section::Active);
                    }
                    start = i + 1;
                }
                None => {}
            }
        }
        (start, section)
    }

    /// Where a row's labels end: after its last words before its first value, or, where the
    /// table's header says values start, there (words in value columns are then bad values, not
    /// part of the label; numbers before the first label, a serial number, are not values).
    pub(super) fn label_end(
        &self,
        row: Row<'g>,
        kinds: &[Kind],
        start: usize,
        first_value: Option<usize>,
    ) -> usize {
        let len = row.len();
        let end = first_value.unwrap_or(len);
        let mut label_end = (start..end)
            .rev()
            .find(|&i| kinds[i] == Kind::Text)
            .map_or(start, |i| i + 1);
        if row.grid().regrouped {
            return label_end;
        }
        if let Some(min) = self.header.min_position(self.section, self.cat) {
            let at = row.cells().position(|c| c.column >= min).unwrap_or(len);
            let from = (start..len)
                .find(|&i| kinds[i] == Kind::Text)
                .unwrap_or(start)
                .min(at);
            if at >= start && (from..at).all(|i| kinds[i] != Kind::Value) {
                label_end = at;
            }
        }
        label_end
    }

    /// A row with values.
    fn data_row(
        &mut self,
        row: Row<'g>,
        keys: &[Cow<str>],
        sc: &mut Scratch<'g>,
        label_end: usize,
        label: Label,
    ) {
        if self.section == Some(Section::Appeals) {
            self.appeals_row(row, keys, sc, label_end, label);
            return;
        }
        let filled = (label_end..row.len())
            .filter_map(|i| row.cell(i))
            .filter(|c| c.first && !trim(c.text).is_empty())
            .count();
        if self.section.is_none() && !matches!(label, Label::Row { .. }) {
            self.before_any_table(row, sc, label_end);
            return;
        }
        match label {
            Label::Row {
                section,
                block,
                row: r,
                cells,
                close,
            } => {
                if self.section != Some(section) {
                    self.enter(section);
                }
                self.note_close(row, sc, close);
                self.read_row(row, keys, sc, label_end, block, r, cells);
            }
            Label::Group(g) => {
                if filled > 0 {
                    let text = label::joined(row, &sc.labels[sc.labels.len() - 1..], "");
                    let (place, shown) = self.values_shown(row, label_end);
                    let d = self
                        .warning(
                            &place,
                            msg!(
                                "locate-values-on-group",
                                label = text,
                                form = self.form.code()
                            ),
                        )
                        .found(shown, msg!("locate-values-on-group-expected"));
                    self.skip(d, filled);
                }
                self.context = Some(Cow::Owned(g));
            }
            Label::Ambiguous(codes, cells) => {
                if filled > 0 {
                    let labels = &sc.labels[sc.labels.len() - cells..];
                    let text = label::joined(row, labels, "");
                    let place = row.place(row.cell(labels[0]).as_ref());
                    let d = self
                        .warning(
                            &place,
                            msg!(
                                "locate-ambiguous-label",
                                rows = codes.join(", "),
                                values = filled
                            ),
                        )
                        .found(text.trim(), msg!("locate-ambiguous-label-expected"));
                    self.skip(d, filled);
                }
            }
            Label::Unknown | Label::None => {
                if filled > 0 {
                    self.row_not_in_form(row, sc, label_end, filled);
                }
            }
        }
    }

    /// Values before any heading, header or row of the form.
    fn before_any_table(&mut self, row: Row<'g>, sc: &Scratch, label_end: usize) {
        let numbers = sc.kinds.iter().filter(|k| **k == Kind::Value).count();
        if numbers == 0 {
            return;
        }
        if self.conv.prose {
            // A page's prose before its tables.
            self.values_read += numbers;
            self.values_rejected += numbers;
            return;
        }
        let labels: String = (0..label_end.min(row.len())).map(|i| row.text(i)).collect();
        let d = self
            .warning(
                &row.place(None),
                msg!("locate-values-before-tables", values = numbers),
            )
            .found(labels.trim(), msg!("locate-values-before-tables-expected"));
        self.skip(d, numbers);
    }

    /// Values in a row whose label is not one of the form's (or that has none).
    fn row_not_in_form(&mut self, row: Row<'g>, sc: &Scratch, label_end: usize, filled: usize) {
        let label = sc.labels.last().map(|&i| row.text(i).replace('\n', " "));
        let prose = self.conv.prose
            && (self.appeals.done() || label.as_ref().is_some_and(|l| l.chars().count() > 80));
        if prose {
            // A paragraph of a page, or its text after the tables.
            self.values_read += filled;
            self.values_rejected += filled;
            return;
        }
        let (value_place, shown) = self.values_shown(row, label_end);
        let table = self
            .section
            .map_or_else(|| msg!("locate-no-table"), Section::table_code_name);
        let d = match label {
            Some(text) => {
                let place = row.place(sc.labels.last().and_then(|&i| row.cell(i)).as_ref());
                self.warning(
                    &place,
                    msg!(
                        "locate-row-not-in-form",
                        form = self.form.code(),
                        table = table,
                        label = text,
                        values = filled
                    ),
                )
            }
            None => self.warning(
                &value_place,
                msg!("locate-values-without-label", values = filled),
            ),
        };
        let d = d.found(
            shown,
            msg!("locate-row-not-in-form-expected", form = self.form.code()),
        );
        self.skip(d, filled);
    }

    /// Where a row's values start, and their texts (for a message).
    fn values_shown(&self, row: Row<'g>, label_end: usize) -> (Place, String) {
        let cells: Vec<Cell> = (label_end..row.len())
            .filter_map(|i| row.cell(i))
            .filter(|c| c.first)
            .collect();
        // Up to the last cell with text: spreadsheets pad rows with empty cells.
        let end = cells
            .iter()
            .rposition(|c| !trim(c.text).is_empty())
            .map_or(0, |i| i + 1);
        let shown: Vec<&str> = cells[..end].iter().map(|c| trim(c.text)).collect();
        (row.place(cells.first()), shown.join(" "))
    }
}
