//! What the rules between years need of a report, kept when the report itself is not: a national
//! batch is folded chunk by chunk, and X1–X4 are checked once every year is in.

use std::hash::BuildHasher;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use foldhash::fast::FixedState;
use gongkai_form::rules::cross_year_rules;
use gongkai_form::FormVersion;
use gongkai_ingest::UnitReport;

/// A report reduced to what X1–X4 read: the values of the cells the cross-year rules look at
/// (as the earlier or the later year), their lines, and a fingerprint of every value (X4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearLink {
    pub unit: String,
    pub year: i32,
    pub form: FormVersion,
    pub file: Arc<PathBuf>,
    /// Cells present in the file (written or blank) and cells blank or absent: for the summary.
    pub present: u32,
    pub blanks: u32,
    /// Values and lines of [`link_cells`]`(form)`, in that order.
    values: Box<[i64]>,
    lines: Box<[u32]>,
    /// Two independent hashes of all values: "identical to last year" without keeping them.
    fingerprint: (u64, u64),
    any_value: bool,
}

impl YearLink {
    pub fn of(report: &UnitReport) -> YearLink {
        let cells = link_cells(report.form);
        YearLink {
            unit: report.unit.clone(),
            year: report.year,
            form: report.form,
            file: report.source.file.clone(),
            present: report.source.lines.iter().filter(|l| **l != 0).count() as u32,
            blanks: report.blank_count() as u32,
            values: cells.iter().map(|&i| report.values[i]).collect(),
            lines: cells.iter().map(|&i| report.source.lines[i]).collect(),
            fingerprint: fingerprint(&report.values),
            any_value: report.values.iter().any(|v| *v != 0),
        }
    }

    /// Whether `report` is the report this link was made from, value for value (as far as the
    /// fingerprint tells): a file read twice must not have changed in between.
    pub fn matches(&self, report: &UnitReport) -> bool {
        self.form == report.form && self.fingerprint == fingerprint(&report.values)
    }

    /// The report's values with every cell the cross-year rules do not read set to 0.
    pub(crate) fn values(&self) -> Vec<i64> {
        let mut out = vec![0; self.form.catalogue().len()];
        for (&i, &v) in link_cells(self.form).iter().zip(self.values.iter()) {
            out[i] = v;
        }
        out
    }

    /// The line of `cell`, if the cross-year rules read it and the file had it.
    pub(crate) fn line(&self, cell: usize) -> Option<u32> {
        let at = link_cells(self.form).binary_search(&cell).ok()?;
        Some(self.lines[at]).filter(|l| *l != 0)
    }

    /// X4: the same form, every value the same, and not an empty report.
    pub(crate) fn identical_to(&self, prev: &YearLink) -> bool {
        self.form == prev.form && self.fingerprint == prev.fingerprint && self.any_value
    }
}

fn fingerprint(values: &[i64]) -> (u64, u64) {
    let hash = |seed| FixedState::with_seed(seed).hash_one(values);
    (hash(0x5eed_0001), hash(0x9e37_79b9_7f4a_7c15))
}

/// The cells of `form` that some rule between years reads, as either year, sorted.
pub fn link_cells(form: FormVersion) -> &'static [usize] {
    static CELLS: [OnceLock<Vec<usize>>; 2] = [OnceLock::new(), OnceLock::new()];
    let forms = [FormVersion::F2019, FormVersion::F2021];
    let slot = &CELLS[usize::from(form == FormVersion::F2021)];
    slot.get_or_init(|| {
        let mut cells = Vec::new();
        for other in forms {
            // As the earlier year: the terms it gives.
            for rule in cross_year_rules(form, other) {
                cells.extend(
                    rule.terms
                        .iter()
                        .filter(|t| t.0 == gongkai_form::Which::Previous)
                        .map(|t| t.1),
                );
            }
            // As the later year: the targets and its own terms.
            for rule in cross_year_rules(other, form) {
                cells.push(rule.target);
                cells.extend(
                    rule.terms
                        .iter()
                        .filter(|t| t.0 == gongkai_form::Which::Current)
                        .map(|t| t.1),
                );
            }
        }
        cells.sort_unstable();
        cells.dedup();
        cells
    })
}
#[cfg(test)]
mod tests {
    use gongkai_form::rules::cross_year_rules;
    use gongkai_form::{FormVersion, Which};

    use super::link_cells;

    /// Every cell a cross-year rule reads is kept, in both roles, whatever the pair of forms;
    /// and only a small part of the form is (the point of links).
    #[test]
    fn links_hold_every_cell_the_rules_between_years_read() {
        let forms = [FormVersion::F2019, FormVersion::F2021];
        for prev in forms {
            for cur in forms {
                for rule in cross_year_rules(prev, cur) {
                    assert!(link_cells(cur).contains(&rule.target));
                    for &(which, cell, _) in &rule.terms {
                        let form = if which == Which::Previous { prev } else { cur };
                        assert!(link_cells(form).contains(&cell), "{rule:?}");
                    }
                }
            }
        }
        for form in forms {
            assert!(link_cells(form).len() * 4 < form.catalogue().len());
        }
    }

    use std::path::PathBuf;
    use std::sync::Arc;

    use gongkai_form::rules::check_years;
    use gongkai_ingest::{Layout, UnitReport};
    use proptest::prelude::*;

    use super::YearLink;

    fn report(year: i32, values: &[i64]) -> UnitReport {
        let form = FormVersion::for_year(year);
        let file = Arc::new(PathBuf::from(format!("{year}/u.csv")));
        let mut r = UnitReport::empty("u".into(), year, form, file, Layout::Tidy);
        for i in 0..form.catalogue().len() {
            r.set(i, Some(values[i % values.len()]), i as u32 + 2);
        }
        r
    }

    proptest! {
        /// X1–X3 on two links give what they give on the full values; X4 (identical) too.
        #[test]
        fn links_check_years_as_the_full_reports_do(
            year in 2019..2023i32,
            a in prop::collection::vec(0..3i64, 1..40),
            b in prop::collection::vec(0..3i64, 1..40),
            same in any::<bool>(),
        ) {
            let prev = report(year, &a);
            let mut cur = report(year + 1, if same { &a } else { &b });
            if same && prev.form != cur.form {
                cur = report(year + 1, &a);
            }
            let want = check_years((prev.form, &prev.values), (cur.form, &cur.values), false);
            let (lp, lc) = (YearLink::of(&prev), YearLink::of(&cur));
            let got = check_years((lp.form, &lp.values()), (lc.form, &lc.values()), false).0;
            prop_assert_eq!(&got, &want.0);
            prop_assert_eq!(lc.identical_to(&lp), want.1);
            for v in &want.0 {
                prop_assert_eq!(lc.line(v.target.0), Some(cur.source.lines[v.target.0]));
            }
        }
    }
}
