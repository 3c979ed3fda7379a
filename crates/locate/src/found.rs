//! Which form a document's labels are of, and what of the form a read did not find.

use gongkai_form::label::form_of_key;
use gongkai_form::{Cell, FormVersion, Section};
use gongkai_messages::msg;
use gongkai_report::Finding;

use super::{Document, Located};

impl Document<'_> {
    /// The form the labels are laid out in: labels only one of the two forms has, when they
    /// outnumber the other form's three to one (a page may quote a label of the other).
    pub fn form_of_labels(&self) -> Option<FormVersion> {
        let (mut v19, mut v21) = (0usize, 0usize);
        for (grid, keys) in self.grids.iter().zip(&self.keys) {
            for row in grid.rows() {
                for c in row.cells() {
                    if !c.first || c.text.len() > 300 {
                        continue;
                    }
                    match form_of_key(&keys[c.text_index as usize]) {
                        Some(FormVersion::F2019) => v19 += 1,
                        Some(FormVersion::F2021) => v21 += 1,
                        None => {}
                    }
                }
            }
        }
        if v19 > 0 && v19 >= 3 * v21 {
            Some(FormVersion::F2019)
        } else if v21 > 0 && v21 >= 3 * v19 {
            Some(FormVersion::F2021)
        } else {
            None
        }
    }
}

impl Located {
    /// The tables of the form with at least one cell found.
    pub fn tables_found(&self) -> Vec<Section> {
        let cat = self.report.form.catalogue();
        Section::ALL
            .into_iter()
            .filter(|s| cat.cells_of(*s).any(|c| self.report.present(c.index)))
            .collect()
    }

    /// Reports what of the form was not found, table by table: a whole table (an error that
    /// leaves a unit file's report out, else a warning), else its cells.
    pub fn report_missing(&mut self) {
        let cat = self.report.form.catalogue();
        let found = self.tables_found();
        let (unit, year) = (self.report.unit.clone(), self.report.year);
        let whole = self.conventions.whole_reports;
        for s in Section::ALL {
            let missing: Vec<String> = cat
                .cells_of(s)
                .filter(|c| !self.report.present(c.index))
                .map(|c| c.code())
                .collect();
            if missing.is_empty() {
                continue;
            }
            if !found.contains(&s) {
                let message = match (found.last(), self.end_line) {
                    (Some(last), Some(end)) if s > *last => msg!(
                        "locate-table-not-found-cut",
                        table = s.heading(),
                        end = end,
                        last = last.heading()
                    ),
                    _ => msg!("locate-table-not-found", table = s.heading()),
                };
                let d = if whole {
                    self.tainted = true;
                    Finding::error(&self.file, message)
                } else {
                    Finding::warning(&self.file, message)
                };
                self.diagnostics.push(d.unit(&unit, Some(year)));
            } else {
                // A cell that could not be read is said so where it is, not again as missing.
                let unreadable = |code: &String| {
                    self.unreadable
                        .iter()
                        .any(|(i, _)| cat.cells.get(*i).is_some_and(|c| c.code() == *code))
                };
                let missing: Vec<String> = missing.into_iter().filter(|c| !unreadable(c)).collect();
                if missing.is_empty() {
                    continue;
                }
                let mut shown: Vec<String> = missing
                    .iter()
                    .take(6)
                    .filter_map(|code| cat.by_code(code))
                    .map(Cell::code_name)
                    .collect();
                if missing.len() > 6 {
                    let list = shown.join(&msg!("read-list-separator"));
                    shown = vec![msg!(
                        "read-list-and-more",
                        list = list,
                        more = missing.len() - 6
                    )];
                }
                let (cells, table, code) = (missing.len(), s.table_name(), s.code());
                let shown = shown.join(&msg!("read-list-separator"));
                let message = if whole {
                    msg!(
                        "locate-cells-not-found-blank",
                        cells = cells,
                        table = table.as_str(),
                        code = code,
                        shown = shown.as_str()
                    )
                } else {
                    msg!(
                        "locate-cells-not-found",
                        cells = cells,
                        table = table.as_str(),
                        code = code,
                        shown = shown.as_str()
                    )
                };
                let d = Finding::warning(&self.file, message);
                self.diagnostics.push(d.unit(&unit, Some(year)));
            }
        }
    }
}
