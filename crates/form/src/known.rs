//! The rules on a report some of whose cells could not be read (`3.5` in a count cell, a row
//! given twice): every rule whose cells were all read is evaluated, and every rule that touches a
//! cell that was not is listed as not checked, with the cell. A report left out for one bad cell
//! is still checked for everything else in the same run, so one call to the unit covers it all.

use crate::rules::{check_values, rules};
use crate::{FormVersion, Level, Relation, RuleId, Violation};

/// A rule not evaluated because a cell it sums could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unchecked {
    pub rule: RuleId,
    /// The rule's level had it been broken.
    pub level: Level,
    /// The column (R1, R2) or row (R3, R4, R6) the rule runs along, by its code.
    pub scope: &'static str,
    /// Every cell the rule sums, in its order.
    pub cells: Vec<usize>,
    /// The cells among them that could not be read.
    pub unknown: Vec<usize>,
    /// With one cell unknown in an equation: the value that cell would need for the rule to hold
    /// (what the unit probably meant: 3 for `3.5`, 16 for a row that adds up to 16).
    pub implied: Option<i128>,
}

/// What the rules say of a report with cells that could not be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// Rules broken among those whose cells were all read (R5 on every cell read).
    pub violations: Vec<Violation>,
    /// Rules not evaluated, in the form's order of rules.
    pub unchecked: Vec<Unchecked>,
}

/// Evaluates R1–R6 on `values`, leaving out the cells where `known` is false: a rule touching one
/// is not evaluated but listed in [`Known::unchecked`]. With every cell known this is
/// [`check_values`]. `known` shorter than the form counts the missing cells as known.
pub fn check_known(form: FormVersion, values: &[i64], known: &[bool]) -> Known {
    let is_known = |i: usize| known.get(i).copied().unwrap_or(true);
    let violations = check_values(form, values)
        .into_iter()
        .filter(|v| v.cells().all(is_known))
        .collect();
    let mut unchecked = Vec::new();
    for rule in rules(form) {
        let unknown: Vec<usize> = rule
            .lhs
            .iter()
            .chain(&rule.rhs)
            .copied()
            .filter(|&i| !is_known(i))
            .collect();
        if unknown.is_empty() {
            continue;
        }
        let implied = match unknown[..] {
            [cell] if rule.relation == Relation::Eq => {
                let sum = |side: &[usize]| {
                    side.iter()
                        .filter(|&&i| i != cell)
                        .map(|&i| i128::from(values.get(i).copied().unwrap_or(0)))
                        .sum::<i128>()
                };
                let (lhs, rhs) = (sum(&rule.lhs), sum(&rule.rhs));
                // The cell on the left: it is the right side less the rest of the left.
                Some(if rule.lhs.contains(&cell) {
                    rhs - lhs
                } else {
                    lhs - rhs
                })
            }
            _ => None,
        };
        unchecked.push(Unchecked {
            rule: rule.id,
            level: rule.level,
            scope: rule.scope,
            cells: rule.lhs.iter().chain(&rule.rhs).copied().collect(),
            unknown,
            // A negative count cannot be what was meant: other cells are wrong too.
            implied: implied.filter(|v| *v >= 0),
        });
    }
    Known {
        violations,
        unchecked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Section;

    #[test]
    fn with_every_cell_known_it_is_check_values() {
        let form = FormVersion::F2019;
        let cat = form.catalogue();
        let mut values = vec![0; cat.len()];
        values[cat.index_of(Section::Requests, "granted", "natural_person")] = 5;
        let known = vec![true; cat.len()];
        let checked = check_known(form, &values, &known);
        assert_eq!(checked.violations, check_values(form, &values));
        assert!(!checked.violations.is_empty());
        assert!(checked.unchecked.is_empty());
    }

    #[test]
    fn rules_touching_an_unknown_cell_are_listed_not_evaluated() {
        let form = FormVersion::F2019;
        let cat = form.catalogue();
        let idx = |row: &str, col: &str| cat.index_of(Section::Requests, row, col);
        let mut values = vec![0; cat.len()];
        // 予以公开: 自然人 unreadable (0 here), 商业企业 2, total 18: the row implies 16.
        let bad = idx("granted", "natural_person");
        values[idx("granted", "commercial_enterprise")] = 2;
        values[idx("granted", "total")] = 18;
        // Elsewhere, all read: a -1 (R5) and a broken row (R3 on 部分公开).
        let negative = idx("withheld.state_secret", "legal_service_org");
        values[negative] = -1;
        values[idx("partially_granted", "total")] = 4;
        let mut known = vec![true; cat.len()];
        known[bad] = false;
        let checked = check_known(form, &values, &known);
        let broken: Vec<(RuleId, &str)> = checked
            .violations
            .iter()
            .map(|v| (v.rule, v.scope.as_str()))
            .collect();
        // R5 on the -1 and R3 on 部分公开 are there; nothing touching 自然人 of 予以公开 is.
        assert!(broken.contains(&(
            RuleId::R5,
            "requests.withheld.state_secret.legal_service_org"
        )));
        assert!(broken.contains(&(RuleId::R3, "partially_granted")));
        assert!(checked
            .violations
            .iter()
            .all(|v| v.cells().all(|c| c != bad)));
        // R2 on 自然人 and R3 on 予以公开 are not checked; the row implies 16.
        let unchecked: Vec<(RuleId, &str, Option<i128>)> = checked
            .unchecked
            .iter()
            .map(|u| (u.rule, u.scope, u.implied))
            .collect();
        assert_eq!(
            unchecked,
            [
                (RuleId::R2, "natural_person", Some(0)),
                (RuleId::R3, "granted", Some(16)),
            ]
        );
        assert!(checked.unchecked.iter().all(|u| u.unknown == [bad]));
    }

    #[test]
    fn no_value_is_implied_by_two_unknown_cells_or_a_negative_one() {
        let form = FormVersion::F2019;
        let cat = form.catalogue();
        let idx = |row: &str, col: &str| cat.index_of(Section::Requests, row, col);
        let mut values = vec![0; cat.len()];
        values[idx("granted", "commercial_enterprise")] = 5;
        let mut known = vec![true; cat.len()];
        known[idx("granted", "natural_person")] = false;
        let checked = check_known(form, &values, &known);
        let r3 = checked.unchecked.iter().find(|u| u.rule == RuleId::R3);
        // total 0 = x + 5: x would be −5.
        assert_eq!(r3.map(|u| u.implied), Some(None));
        known[idx("granted", "total")] = false;
        let checked = check_known(form, &values, &known);
        let r3 = checked.unchecked.iter().find(|u| u.rule == RuleId::R3);
        assert_eq!(r3.map(|u| u.unknown.len()), Some(2));
        assert_eq!(r3.map(|u| u.implied), Some(None));
    }
}
