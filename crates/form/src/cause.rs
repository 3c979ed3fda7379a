//! One cause, one finding: a single wrong cell breaks every sum it is in (a wrong cell of table
//! 三 breaks its row's total and its column's total), so when one cell explains several broken
//! rules it is reported once, at that cell, naming the rules.
//!
//! A cell explains a set of broken rules when changing that one cell by the same amount makes
//! every one of them hold and breaks no rule that holds now: every R1–R4 sum the cell is in is
//! broken, each by the amount that change repairs.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::rules::{rules, Relation, Violation};
use crate::{FormVersion, ValueKind};

/// A cell that explains two or more broken rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    /// The cell's dense index.
    pub cell: usize,
    /// What the report has there.
    pub value: i64,
    /// What it would have to be for all of `violations` to hold.
    pub fix: i64,
    /// Indexes into the violations given, in their order.
    pub violations: Vec<usize>,
}

/// The cells among `violations` (one report's, from [`crate::rules::check_values`]) that each
/// explain two or more of them, the largest explanations first; a violation is in at most one
/// cause. Where two cells would explain the same violations equally well neither is chosen:
/// the finding cannot say which is wrong.
pub fn single_cell_causes(form: FormVersion, violations: &[Violation]) -> Vec<Cause> {
    let sums_of = sums_per_cell(form);
    let cat = form.catalogue();
    // Per cell: (violation, the change to that cell that repairs it, its value).
    let mut repairs: BTreeMap<usize, Vec<(usize, i128, i64)>> = BTreeMap::new();
    for (k, v) in violations.iter().enumerate() {
        if v.relation != Relation::Eq || !v.rule.is_sum() {
            continue;
        }
        let off = v.lhs_sum() - v.rhs_sum();
        for &(cell, value) in &v.lhs {
            repairs.entry(cell).or_default().push((k, -off, value));
        }
        for &(cell, value) in &v.rhs {
            repairs.entry(cell).or_default().push((k, off, value));
        }
    }
    let mut candidates: Vec<Cause> = repairs
        .into_iter()
        .filter_map(|(cell, list)| {
            let (_, change, value) = *list.first()?;
            let fix = i64::try_from(i128::from(value) + change).ok()?;
            let explains = list.len() >= 2
                && list.iter().all(|(_, c, _)| *c == change)
                && change != 0
                // Every sum the cell is in is broken: changing it breaks nothing that holds.
                && list.len() == sums_of.get(cell).copied().unwrap_or(0)
                && (fix >= 0 || cat.cells[cell].kind() == ValueKind::SignedCount);
            explains.then(|| Cause {
                cell,
                value,
                fix,
                violations: list.iter().map(|(k, _, _)| *k).collect(),
            })
        })
        .collect();
    candidates.sort_by(|a, b| {
        b.violations
            .len()
            .cmp(&a.violations.len())
            .then(a.cell.cmp(&b.cell))
    });
    let mut taken = vec![false; violations.len()];
    let mut out = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let tie = candidates
            .iter()
            .enumerate()
            .any(|(j, other)| j != i && other.violations == c.violations);
        if tie || c.violations.iter().any(|&k| taken[k]) {
            continue;
        }
        for &k in &c.violations {
            taken[k] = true;
        }
        out.push(c.clone());
    }
    out
}

/// How many of the form's R1–R4 sums each cell is a term of.
fn sums_per_cell(form: FormVersion) -> &'static [usize] {
    static F2019: OnceLock<Vec<usize>> = OnceLock::new();
    static F2021: OnceLock<Vec<usize>> = OnceLock::new();
    let slot = match form {
        FormVersion::F2019 => &F2019,
        FormVersion::F2021 => &F2021,
    };
    slot.get_or_init(|| {
        let mut count = vec![0; form.catalogue().len()];
        for rule in rules(form)
            .iter()
            .filter(|r| r.relation == Relation::Eq && r.id.is_sum())
        {
            for &cell in rule.lhs.iter().chain(&rule.rhs) {
                count[cell] += 1;
            }
        }
        count
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{check_values, RuleId};
    use crate::Section;

    /// A consistent 2021 report: in each applicant column 2 received, 1 granted and 1 carried
    /// forward; the totals column sums them.
    fn consistent() -> Vec<i64> {
        let form = FormVersion::F2021;
        let cat = form.catalogue();
        let mut values = vec![0; cat.len()];
        let cols = [
            "natural_person",
            "commercial_enterprise",
            "research_institution",
            "social_welfare_org",
            "legal_service_org",
            "other_org",
        ];
        let at = |row: &str, col: &str| cat.index_of(Section::Requests, row, col);
        for (row, v) in [
            ("new_received", 2),
            ("granted", 1),
            ("total", 1),
            ("carried_forward", 1),
        ] {
            for col in cols {
                values[at(row, col)] = v;
            }
            values[at(row, "total")] = v * 6;
        }
        assert!(check_values(form, &values).is_empty());
        values
    }

    #[test]
    fn a_wrong_result_cell_breaks_its_row_and_column_and_is_one_cause() {
        let form = FormVersion::F2021;
        let cat = form.catalogue();
        let mut values = consistent();
        let cell = cat.index_of(Section::Requests, "granted", "natural_person");
        values[cell] = 3;
        let v = check_values(form, &values);
        let rules: Vec<RuleId> = v.iter().map(|v| v.rule).collect();
        assert_eq!(rules, [RuleId::R2, RuleId::R3]);
        let causes = single_cell_causes(form, &v);
        assert_eq!(
            causes,
            [Cause {
                cell,
                value: 3,
                fix: 1,
                violations: vec![0, 1]
            }]
        );
    }

    #[test]
    fn a_wrong_grand_total_breaks_three_sums_and_is_one_cause() {
        let form = FormVersion::F2021;
        let cat = form.catalogue();
        let mut values = consistent();
        let cell = cat.index_of(Section::Requests, "total", "total");
        values[cell] = 9;
        let v = check_values(form, &values);
        assert_eq!(v.len(), 3, "{v:?}");
        let causes = single_cell_causes(form, &v);
        assert_eq!(causes.len(), 1);
        assert_eq!((causes[0].cell, causes[0].fix), (cell, 6));
        assert_eq!(causes[0].violations.len(), 3);
    }

    #[test]
    fn two_unrelated_errors_are_not_joined() {
        let form = FormVersion::F2021;
        let cat = form.catalogue();
        let mut values = consistent();
        // Two different amounts: no one cell repairs both.
        values[cat.index_of(Section::Requests, "granted", "natural_person")] = 3;
        values[cat.index_of(Section::Requests, "granted", "other_org")] = 4;
        let v = check_values(form, &values);
        // Each cell's own column breaks with its own amount; the row total breaks by 5.
        let causes = single_cell_causes(form, &v);
        assert!(causes.is_empty(), "{causes:?}");
    }

    #[test]
    fn a_cell_whose_other_sum_holds_is_not_a_cause() {
        let form = FormVersion::F2021;
        let cat = form.catalogue();
        let mut values = consistent();
        // The row total and the column's received both off by one, in different sums: R3 on
        // granted (total column) and R1 on natural_person. No single cell is in both.
        values[cat.index_of(Section::Requests, "granted", "total")] = 7;
        values[cat.index_of(Section::Requests, "new_received", "natural_person")] = 3;
        let v = check_values(form, &values);
        for c in single_cell_causes(form, &v) {
            assert!(c.violations.len() >= 2);
            let cell = c.cell;
            // Whatever is grouped, the repair makes every grouped rule hold and none break.
            let mut fixed = values.clone();
            fixed[cell] = c.fix;
            let after = check_values(form, &fixed);
            assert!(after.len() < v.len(), "{after:?}");
        }
    }

    #[test]
    fn an_appeals_total_alone_is_one_rule_not_a_cause() {
        let form = FormVersion::F2019;
        let cat = form.catalogue();
        let mut values = vec![0; cat.len()];
        values[cat.index_of(Section::Appeals, "reconsideration", "total")] = 1;
        let v = check_values(form, &values);
        assert_eq!(v.len(), 1);
        assert!(single_cell_causes(form, &v).is_empty());
    }
}
