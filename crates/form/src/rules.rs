//! The consistency rules (勾稽关系) as data: each check is two sums of cells and a relation.
//!
//! R1–R4 and R6 expand, per form, into a list of [`Check`]s over dense cell indexes; R5 is a
//! property of each cell's kind. [`check_values`] evaluates all of them on any report or total,
//! so a unit and a city total are checked by the same code.

use std::fmt;
use std::sync::OnceLock;

use crate::{Catalogue, FormVersion, Section, ValueKind};

/// A rule of the shared spec; C1, a parent's published report against its children's; and N1,
/// the report's prose against its tables.
///
/// In the order of their codes (`C1` < `N1` < `R1` … `X4`), so findings sort the same by either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleId {
    /// A parent unit's published report against the sum of its children's (`gongkai audit`):
    /// first, as its code sorts.
    C1,
    /// A figure the report's text states (收到申请357件) that its tables do not hold: a
    /// published report checked against itself (`gongkai-narrative`). Never a rule over values.
    N1,
    R1,
    R2,
    R3,
    R4,
    R5,
    R6,
    X1,
    X2,
    X3,
    X4,
}

impl RuleId {
    pub const ALL: [RuleId; 12] = [
        RuleId::C1,
        RuleId::N1,
        RuleId::R1,
        RuleId::R2,
        RuleId::R3,
        RuleId::R4,
        RuleId::R5,
        RuleId::R6,
        RuleId::X1,
        RuleId::X2,
        RuleId::X3,
        RuleId::X4,
    ];

    /// `C1`, `N1`, `R1` … `X4`.
    pub fn code(self) -> &'static str {
        match self {
            RuleId::C1 => "C1",
            RuleId::N1 => "N1",
            RuleId::R1 => "R1",
            RuleId::R2 => "R2",
            RuleId::R3 => "R3",
            RuleId::R4 => "R4",
            RuleId::R5 => "R5",
            RuleId::R6 => "R6",
            RuleId::X1 => "X1",
            RuleId::X2 => "X2",
            RuleId::X3 => "X3",
            RuleId::X4 => "X4",
        }
    }

    pub fn parse(s: &str) -> Option<RuleId> {
        RuleId::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(s.trim()))
    }

    /// R1–R4: a total that must equal the sum of its parts, where one wrong cell breaks every
    /// sum it is in.
    pub fn is_sum(self) -> bool {
        matches!(self, RuleId::R1 | RuleId::R2 | RuleId::R3 | RuleId::R4)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Error or warning; errors fail a run, warnings only with `--strict`. Serialized as its code.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

impl Level {
    pub fn code(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// How the two sides of a check must relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Eq,
    /// lhs ≤ rhs
    Le,
    /// lhs ≥ rhs
    Ge,
}

impl Relation {
    pub fn holds(self, lhs: i128, rhs: i128) -> bool {
        match self {
            Relation::Eq => lhs == rhs,
            Relation::Le => lhs <= rhs,
            Relation::Ge => lhs >= rhs,
        }
    }

    /// The symbol printed when the relation fails.
    pub fn broken(self) -> &'static str {
        match self {
            Relation::Eq => "≠",
            Relation::Le => ">",
            Relation::Ge => "<",
        }
    }
}

/// One arithmetic check: `sum(lhs) relation sum(rhs)` over dense cell indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub id: RuleId,
    pub level: Level,
    /// The column (R1, R2) or row (R3, R4, R6) the check runs along.
    pub scope: &'static str,
    pub lhs: Vec<usize>,
    pub relation: Relation,
    /// Empty means the constant 0.
    pub rhs: Vec<usize>,
}

/// A failed check or a value outside its kind's range, with the numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub rule: RuleId,
    pub level: Level,
    pub scope: String,
    /// (cell index, value) of each term, in the rule's order.
    pub lhs: Vec<(usize, i64)>,
    pub relation: Relation,
    pub rhs: Vec<(usize, i64)>,
}

impl Violation {
    pub fn lhs_sum(&self) -> i128 {
        self.lhs.iter().map(|(_, v)| *v as i128).sum()
    }

    pub fn rhs_sum(&self) -> i128 {
        self.rhs.iter().map(|(_, v)| *v as i128).sum()
    }

    /// The cell a finding should point at: the total the rule checks, else its first term.
    pub fn anchor(&self) -> usize {
        match self.rule {
            RuleId::R1 => self.rhs.first().or(self.lhs.first()).map_or(0, |(i, _)| *i),
            _ => self.lhs.first().map_or(0, |(i, _)| *i),
        }
    }

    /// Every cell the violation involves.
    pub fn cells(&self) -> impl Iterator<Item = usize> + '_ {
        self.lhs.iter().chain(&self.rhs).map(|(i, _)| *i)
    }

    /// `natural_person: 41 + 2 ≠ 40 + 0 (off by 3)`, with money printed in 万元.
    pub fn arithmetic(&self, cat: &Catalogue) -> String {
        let side = |terms: &[(usize, i64)]| -> String {
            if terms.is_empty() {
                return "0".to_string();
            }
            let shown: Vec<String> = terms
                .iter()
                .map(|(i, v)| crate::format_value(*v, cat.cells[*i].kind()))
                .collect();
            if shown.len() <= 8 {
                shown.join(" + ")
            } else {
                let sum: i128 = terms.iter().map(|(_, v)| *v as i128).sum();
                format!(
                    "Σ{} rows = {}",
                    terms.len(),
                    format_sum(sum, cat.cells[terms[0].0].kind())
                )
            }
        };
        let diff = self.lhs_sum() - self.rhs_sum();
        let kind = self
            .lhs
            .first()
            .map_or(ValueKind::Count, |(i, _)| cat.cells[*i].kind());
        let mut s = format!(
            "{}: {} {} {}",
            self.scope,
            side(&self.lhs),
            self.relation.broken(),
            side(&self.rhs)
        );
        if self.relation == Relation::Eq {
            s.push_str(&format!(" (off by {})", format_sum(diff.abs(), kind)));
        }
        s
    }
}

fn format_sum(v: i128, kind: ValueKind) -> String {
    match i64::try_from(v) {
        Ok(v) => crate::format_value(v, kind),
        Err(_) => v.to_string(),
    }
}

/// The expanded R1–R4 and R6 checks of a form, in a fixed order.
pub fn rules(form: FormVersion) -> &'static [Rule] {
    static F2019: OnceLock<Vec<Rule>> = OnceLock::new();
    static F2021: OnceLock<Vec<Rule>> = OnceLock::new();
    let cell = match form {
        FormVersion::F2019 => &F2019,
        FormVersion::F2021 => &F2021,
    };
    cell.get_or_init(|| build(form.catalogue()))
}

fn build(cat: &Catalogue) -> Vec<Rule> {
    let mut out = Vec::new();
    let requests = cat.block_of(Section::Requests);
    let req = |row: &str, col: &str| cat.index_of(Section::Requests, row, col);
    // Result rows: everything between carried_over and total.
    let result_rows: Vec<&str> = requests
        .rows
        .iter()
        .map(|r| r.code)
        .skip_while(|c| *c != "granted")
        .take_while(|c| *c != "total")
        .collect();
    for col in requests.columns {
        out.push(Rule {
            id: RuleId::R1,
            level: Level::Error,
            scope: col.code,
            lhs: vec![req("new_received", col.code), req("carried_over", col.code)],
            relation: Relation::Eq,
            rhs: vec![req("total", col.code), req("carried_forward", col.code)],
        });
    }
    for col in requests.columns {
        out.push(Rule {
            id: RuleId::R2,
            level: Level::Error,
            scope: col.code,
            lhs: vec![req("total", col.code)],
            relation: Relation::Eq,
            rhs: result_rows.iter().map(|r| req(r, col.code)).collect(),
        });
    }
    for row in requests.rows {
        out.push(Rule {
            id: RuleId::R3,
            level: Level::Error,
            scope: row.code,
            lhs: vec![req(row.code, "total")],
            relation: Relation::Eq,
            rhs: requests
                .columns
                .iter()
                .filter(|c| c.code != "total")
                .map(|c| req(row.code, c.code))
                .collect(),
        });
    }
    let appeals = cat.block_of(Section::Appeals);
    for row in appeals.rows {
        let a = |col: &str| cat.index_of(Section::Appeals, row.code, col);
        out.push(Rule {
            id: RuleId::R4,
            level: Level::Error,
            scope: row.code,
            lhs: vec![a("total")],
            relation: Relation::Eq,
            rhs: vec![a("upheld"), a("corrected"), a("other"), a("pending")],
        });
    }
    if cat.form == FormVersion::F2019 {
        for row in ["regulations", "normative_documents"] {
            let a = |col: &str| cat.index_of(Section::Active, row, col);
            out.push(Rule {
                id: RuleId::R6,
                level: Level::Warning,
                scope: row,
                lhs: vec![a("new_published")],
                relation: Relation::Le,
                rhs: vec![a("total_published")],
            });
        }
        for row in ["licensing", "other_services", "penalty", "coercion", "fees"] {
            let a = |col: &str| cat.index_of(Section::Active, row, col);
            out.push(Rule {
                id: RuleId::R6,
                level: Level::Warning,
                scope: row,
                lhs: vec![a("prior_year_items"), a("change")],
                relation: Relation::Ge,
                rhs: vec![],
            });
        }
    }
    out
}

/// Evaluates R1–R6 on one report's dense values (a unit's or a total's).
pub fn check_values(form: FormVersion, values: &[i64]) -> Vec<Violation> {
    let cat = form.catalogue();
    debug_assert_eq!(values.len(), cat.len());
    let mut out = Vec::new();
    // R5 first: it names single cells, the others build on their values.
    for cell in &cat.cells {
        let v = values[cell.index];
        if v < 0 && cell.kind() != ValueKind::SignedCount {
            out.push(Violation {
                rule: RuleId::R5,
                level: Level::Error,
                scope: cell.code(),
                lhs: vec![(cell.index, v)],
                relation: Relation::Ge,
                rhs: vec![],
            });
        }
    }
    // Every report of a batch passes through here: terms are listed only for a rule broken.
    let sum = |idx: &[usize]| idx.iter().map(|&i| i128::from(values[i])).sum::<i128>();
    let terms = |idx: &[usize]| idx.iter().map(|&i| (i, values[i])).collect::<Vec<_>>();
    for rule in rules(form) {
        if !rule.relation.holds(sum(&rule.lhs), sum(&rule.rhs)) {
            out.push(Violation {
                rule: rule.id,
                level: rule.level,
                scope: rule.scope.to_string(),
                lhs: terms(&rule.lhs),
                relation: rule.relation,
                rhs: terms(&rule.rhs),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_counts() {
        let r19 = rules(FormVersion::F2019);
        let count = |id| r19.iter().filter(|r| r.id == id).count();
        assert_eq!(count(RuleId::R1), 7);
        assert_eq!(count(RuleId::R2), 7);
        assert_eq!(count(RuleId::R3), 23);
        assert_eq!(count(RuleId::R4), 3);
        assert_eq!(count(RuleId::R6), 7);
        let r21 = rules(FormVersion::F2021);
        assert_eq!(r21.iter().filter(|r| r.id == RuleId::R3).count(), 25);
        assert_eq!(r21.iter().filter(|r| r.id == RuleId::R6).count(), 0);
        // R2 sums 19 result rows in 2019 (granted … other) and 21 in 2021 (… other.other).
        assert_eq!(
            r19.iter().find(|r| r.id == RuleId::R2).map(|r| r.rhs.len()),
            Some(19)
        );
        assert_eq!(
            r21.iter().find(|r| r.id == RuleId::R2).map(|r| r.rhs.len()),
            Some(21)
        );
    }

    #[test]
    fn zeros_pass_and_a_broken_total_fails() {
        let cat = FormVersion::F2019.catalogue();
        let mut values = vec![0i64; cat.len()];
        assert!(check_values(FormVersion::F2019, &values).is_empty());
        let idx = |row: &str, col: &str| cat.index_of(Section::Requests, row, col);
        values[idx("new_received", "natural_person")] = 41;
        values[idx("carried_over", "natural_person")] = 2;
        values[idx("total", "natural_person")] = 40;
        let v = check_values(FormVersion::F2019, &values);
        let r1: Vec<&Violation> = v.iter().filter(|v| v.rule == RuleId::R1).collect();
        assert_eq!(r1.len(), 1);
        assert_eq!(
            r1[0].arithmetic(cat),
            "natural_person: 41 + 2 ≠ 40 + 0 (off by 3)"
        );
        assert_eq!(r1[0].anchor(), idx("total", "natural_person"));
        assert!(v
            .iter()
            .any(|v| v.rule == RuleId::R2 && v.scope == "natural_person"));
        assert!(v
            .iter()
            .any(|v| v.rule == RuleId::R3 && v.scope == "new_received"));
    }

    #[test]
    fn r5_and_r6() {
        let cat = FormVersion::F2019.catalogue();
        let mut values = vec![0i64; cat.len()];
        values[cat.index_of(Section::Active, "penalty", "change")] = -5;
        values[cat.index_of(Section::Appeals, "reconsideration", "upheld")] = -1;
        let v = check_values(FormVersion::F2019, &values);
        assert!(v
            .iter()
            .any(|v| v.rule == RuleId::R5 && v.scope == "appeals.reconsideration.upheld"));
        assert!(!v
            .iter()
            .any(|v| v.rule == RuleId::R5 && v.scope.contains("change")));
        let r6: Vec<&Violation> = v.iter().filter(|v| v.rule == RuleId::R6).collect();
        assert_eq!(r6.len(), 1);
        assert_eq!(r6[0].level, Level::Warning);
        assert_eq!(r6[0].arithmetic(cat), "penalty: 0 + -5 < 0");
    }
}

/// Which of two consecutive reports a term of a cross-year rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Which {
    Previous,
    Current,
}

/// A rule between a unit's report of year N−1 and of year N:
/// `current[target] = Σ coef × value` over the terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossRule {
    pub id: RuleId,
    pub level: Level,
    pub scope: String,
    /// Cell of the current year's form.
    pub target: usize,
    /// (which year, cell of that year's form, coefficient ±1).
    pub terms: Vec<(Which, usize, i64)>,
}

/// A failed cross-year rule with the values it saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossViolation {
    pub rule: RuleId,
    pub level: Level,
    pub scope: String,
    pub target: (usize, i64),
    /// (which, cell, coefficient, value).
    pub terms: Vec<(Which, usize, i64, i64)>,
}

impl CrossViolation {
    pub fn expected(&self) -> i128 {
        self.terms
            .iter()
            .map(|(_, _, c, v)| *c as i128 * *v as i128)
            .sum()
    }

    /// `natural_person: carried_over 2021 = 5 ≠ carried_forward 2020 = 3 (off by 2)`.
    pub fn arithmetic(&self, prev: (FormVersion, i32), cur: (FormVersion, i32)) -> String {
        let name = |w: Which, i: usize| {
            let (form, year) = if w == Which::Previous { prev } else { cur };
            let cell = &form.catalogue().cells[i];
            let row = cell.row.code.rsplit('.').next().unwrap_or(cell.row.code);
            (
                format!(
                    "{} {}",
                    if cell.section == Section::Requests {
                        row
                    } else {
                        cell.column.code
                    },
                    year
                ),
                cell.kind(),
            )
        };
        let (target_name, kind) = name(Which::Current, self.target.0);
        let mut rhs = String::new();
        for (k, (w, i, c, v)) in self.terms.iter().enumerate() {
            let (n, kind) = name(*w, *i);
            let sign = match (k, *c < 0) {
                (0, false) => "",
                (0, true) => "− ",
                (_, false) => " + ",
                (_, true) => " − ",
            };
            rhs.push_str(&format!("{sign}{n} = {}", crate::format_value(*v, kind)));
        }
        let off = self.target.1 as i128 - self.expected();
        format!(
            "{}: {target_name} = {} ≠ {rhs} (off by {})",
            self.scope,
            crate::format_value(self.target.1, kind),
            format_sum(off.abs(), kind)
        )
    }
}

/// The rules X1–X3 that apply between a report in `prev` form and the next year's in `cur` form,
/// built once per pair of forms: a national batch over five years checks 400,000 pairs.
pub fn cross_year_rules(prev: FormVersion, cur: FormVersion) -> &'static [CrossRule] {
    static RULES: [OnceLock<Vec<CrossRule>>; 4] = [const { OnceLock::new() }; 4];
    let at = |f: FormVersion| usize::from(f == FormVersion::F2021);
    RULES[2 * at(prev) + at(cur)].get_or_init(|| build_cross_year_rules(prev, cur))
}

fn build_cross_year_rules(prev: FormVersion, cur: FormVersion) -> Vec<CrossRule> {
    let (pc, cc) = (prev.catalogue(), cur.catalogue());
    let mut out = Vec::new();
    // X1: requests carry-over, per applicant column; the rows exist in both forms.
    for col in cc.block_of(Section::Requests).columns {
        out.push(CrossRule {
            id: RuleId::X1,
            level: Level::Error,
            scope: col.code.to_string(),
            target: cc.index_of(Section::Requests, "carried_over", col.code),
            terms: vec![(
                Which::Previous,
                pc.index_of(Section::Requests, "carried_forward", col.code),
                1,
            )],
        });
    }
    if prev == FormVersion::F2019 && cur == FormVersion::F2019 {
        for row in ["licensing", "other_services", "penalty", "coercion", "fees"] {
            let p = |col: &str| pc.index_of(Section::Active, row, col);
            out.push(CrossRule {
                id: RuleId::X2,
                level: Level::Warning,
                scope: row.to_string(),
                target: cc.index_of(Section::Active, row, "prior_year_items"),
                terms: vec![
                    (Which::Previous, p("prior_year_items"), 1),
                    (Which::Previous, p("change"), 1),
                ],
            });
        }
    }
    if prev == FormVersion::F2021 && cur == FormVersion::F2021 {
        for row in ["regulations", "normative_documents"] {
            let c = |col: &str| cc.index_of(Section::Active, row, col);
            out.push(CrossRule {
                id: RuleId::X3,
                level: Level::Warning,
                scope: row.to_string(),
                target: c("in_force"),
                terms: vec![
                    (
                        Which::Previous,
                        pc.index_of(Section::Active, row, "in_force"),
                        1,
                    ),
                    (Which::Current, c("issued"), 1),
                    (Which::Current, c("abolished"), -1),
                ],
            });
        }
    }
    out
}

/// Evaluates X1–X3 between consecutive years, and X4 (an identical, non-empty report).
/// `reorganised` lowers X1 to a warning: a merged or split unit's carry-over moves with it.
pub fn check_years(
    prev: (FormVersion, &[i64]),
    cur: (FormVersion, &[i64]),
    reorganised: bool,
) -> (Vec<CrossViolation>, bool) {
    let mut out = Vec::new();
    for rule in cross_year_rules(prev.0, cur.0) {
        let value = |w: Which, i: usize| {
            if w == Which::Previous {
                prev.1[i]
            } else {
                cur.1[i]
            }
        };
        let expected: i128 = rule
            .terms
            .iter()
            .map(|&(w, i, c)| c as i128 * value(w, i) as i128)
            .sum();
        let target = cur.1[rule.target];
        if target as i128 != expected {
            let terms = rule
                .terms
                .iter()
                .map(|&(w, i, c)| (w, i, c, value(w, i)))
                .collect();
            let level = if rule.id == RuleId::X1 && reorganised {
                Level::Warning
            } else {
                rule.level
            };
            out.push(CrossViolation {
                rule: rule.id,
                level,
                scope: rule.scope.clone(),
                target: (rule.target, target),
                terms,
            });
        }
    }
    let identical = prev.0 == cur.0 && prev.1 == cur.1 && cur.1.iter().any(|v| *v != 0);
    (out, identical)
}

#[cfg(test)]
mod cross_tests {
    use super::*;

    #[test]
    fn carry_over_across_the_form_change() {
        let (p, c) = (FormVersion::F2019, FormVersion::F2021);
        let mut prev = vec![0; p.catalogue().len()];
        let mut cur = vec![0; c.catalogue().len()];
        prev[p
            .catalogue()
            .index_of(Section::Requests, "carried_forward", "natural_person")] = 3;
        cur[c
            .catalogue()
            .index_of(Section::Requests, "carried_over", "natural_person")] = 5;
        let (v, identical) = check_years((p, &prev), (c, &cur), false);
        assert!(!identical);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].rule, RuleId::X1);
        assert_eq!(v[0].level, Level::Error);
        assert_eq!(
            v[0].arithmetic((p, 2020), (c, 2021)),
            "natural_person: carried_over 2021 = 5 ≠ carried_forward 2020 = 3 (off by 2)"
        );
        let (v, _) = check_years((p, &prev), (c, &cur), true);
        assert_eq!(v[0].level, Level::Warning);
    }

    #[test]
    fn stock_rules_and_copy_paste() {
        let f = FormVersion::F2021;
        let cat = f.catalogue();
        let mut prev = vec![0; cat.len()];
        prev[cat.index_of(Section::Active, "regulations", "in_force")] = 10;
        let mut cur = prev.clone();
        cur[cat.index_of(Section::Active, "regulations", "issued")] = 3;
        cur[cat.index_of(Section::Active, "regulations", "abolished")] = 1;
        cur[cat.index_of(Section::Active, "regulations", "in_force")] = 12;
        assert_eq!(check_years((f, &prev), (f, &cur), false), (vec![], false));
        cur[cat.index_of(Section::Active, "regulations", "in_force")] = 11;
        let (v, _) = check_years((f, &prev), (f, &cur), false);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].rule, RuleId::X3);
        assert_eq!(
            v[0].arithmetic((f, 2021), (f, 2022)),
            "regulations: in_force 2022 = 11 ≠ in_force 2021 = 10 + issued 2022 = 3 − abolished 2022 = 1 (off by 1)"
        );
        assert_eq!(check_years((f, &prev), (f, &prev), false), (vec![], true));
        let zeros = vec![0; cat.len()];
        assert_eq!(
            check_years((f, &zeros), (f, &zeros), false),
            (vec![], false),
            "empty reports are not copies"
        );
        let p = FormVersion::F2019;
        let pc = p.catalogue();
        let mut a = vec![0; pc.len()];
        a[pc.index_of(Section::Active, "penalty", "prior_year_items")] = 100;
        a[pc.index_of(Section::Active, "penalty", "change")] = -20;
        let mut b = vec![0; pc.len()];
        b[pc.index_of(Section::Active, "penalty", "prior_year_items")] = 80;
        assert_eq!(check_years((p, &a), (p, &b), false).0, vec![]);
        b[pc.index_of(Section::Active, "penalty", "prior_year_items")] = 81;
        let (v, _) = check_years((p, &a), (p, &b), false);
        assert_eq!(v[0].rule, RuleId::X2);
        assert_eq!(v[0].level, Level::Warning);
    }
}
