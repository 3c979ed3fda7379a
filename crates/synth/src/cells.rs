//! Dense cell indexes of each form, looked up once: the generator touches every cell of every
//! report, and a catalogue search per cell would dominate the run.

use std::sync::OnceLock;

use gongkai_form::{FormVersion, Section};

/// Columns of table 三: six applicant columns, then 总计.
pub(crate) const APPLICANTS: usize = 6;
pub(crate) const TOTAL_COL: usize = 6;

/// Where each cell of one form sits.
#[derive(Debug)]
pub(crate) struct FormCells {
    pub form: FormVersion,
    pub len: usize,
    /// Table 三, `[row][column]`, rows in template order.
    pub requests: Vec<[usize; 7]>,
    pub new_received: usize,
    pub carried_over: usize,
    /// Row indexes of the result rows (予以公开 … 其他处理), in template order.
    pub results: std::ops::Range<usize>,
    pub total: usize,
    pub carried_forward: usize,
    /// Table 四, `[row][upheld, corrected, other, pending, total]`.
    pub appeals: [[usize; 5]; 3],
    /// Section 二: (row, column) → index.
    active: Vec<(&'static str, &'static str, usize)>,
}

impl FormCells {
    pub(crate) fn get(form: FormVersion) -> &'static FormCells {
        static F2019: OnceLock<FormCells> = OnceLock::new();
        static F2021: OnceLock<FormCells> = OnceLock::new();
        let cell = match form {
            FormVersion::F2019 => &F2019,
            FormVersion::F2021 => &F2021,
        };
        cell.get_or_init(|| FormCells::build(form))
    }

    fn build(form: FormVersion) -> FormCells {
        let cat = form.catalogue();
        let req = cat.block_of(Section::Requests);
        let mut requests = Vec::new();
        for row in req.rows {
            let mut idx = [0; 7];
            for (c, col) in req.columns.iter().enumerate() {
                idx[c] = cat
                    .find(Section::Requests, row.code, col.code)
                    .map_or(0, |cell| cell.index);
            }
            requests.push(idx);
        }
        let row = |code: &str| req.rows.iter().position(|r| r.code == code).unwrap_or(0);
        let app = cat.block_of(Section::Appeals);
        let mut appeals = [[0; 5]; 3];
        for (r, def) in app.rows.iter().enumerate().take(3) {
            for (c, col) in app.columns.iter().enumerate().take(5) {
                appeals[r][c] = cat
                    .find(Section::Appeals, def.code, col.code)
                    .map_or(0, |cell| cell.index);
            }
        }
        let active = cat
            .cells_of(Section::Active)
            .map(|c| (c.row.code, c.column.code, c.index))
            .collect();
        FormCells {
            form,
            len: cat.len(),
            requests,
            new_received: row("new_received"),
            carried_over: row("carried_over"),
            results: row("granted")..row("total"),
            total: row("total"),
            carried_forward: row("carried_forward"),
            appeals,
            active,
        }
    }

    /// The section 二 cell (`row`, `column`); the codes are the catalogue's, so a miss is a typo.
    pub(crate) fn active(&self, row: &str, column: &str) -> usize {
        match self
            .active
            .iter()
            .find(|(r, c, _)| *r == row && *c == column)
        {
            Some((_, _, i)) => *i,
            None => unreachable!("form {} has no cell active.{row}.{column}", self.form),
        }
    }

    pub(crate) fn req(&self, row: usize, col: usize) -> usize {
        self.requests[row][col]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_match_the_catalogue() {
        for form in FormVersion::ALL {
            let f = FormCells::get(form);
            let cat = form.catalogue();
            assert_eq!(f.len, cat.len());
            let code = |i: usize| cat.cells[i].code();
            assert_eq!(
                code(f.req(f.carried_forward, TOTAL_COL)),
                "requests.carried_forward.total"
            );
            assert_eq!(
                code(f.req(f.results.start, 0)),
                "requests.granted.natural_person"
            );
            assert_eq!(
                code(f.req(f.results.end - 1, 5)),
                match form {
                    FormVersion::F2019 => "requests.other.other_org",
                    FormVersion::F2021 => "requests.other.other.other_org",
                }
            );
            assert_eq!(
                code(f.appeals[2][4]),
                "appeals.litigation_after_reconsideration.total"
            );
            assert_eq!(
                code(f.active("penalty", "decisions")),
                "active.penalty.decisions"
            );
        }
    }
}
