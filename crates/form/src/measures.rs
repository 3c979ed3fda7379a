//! Measures for trends: cell codes, group sums, derived rates, and the crosswalk that says which
//! of them compare across the 2021 form change.
//!
//! A measure is `section.row.column`, where `row` may name a group (`withheld` sums every
//! `withheld.*` row; `other` is the 2019 row or the sum of the three 2021 `other.*` rows), or the
//! name of a rate (`rate.disclosure`). Rates are computed from summed values, never summed.

use crate::{Catalogue, FormVersion, Section, ValueKind};

/// A measure's value in one report: exact for counts and money, a ratio for rates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MeasureValue {
    /// Counts as they are; money in 万元 × 10⁶ (see [`crate::MONEY_SCALE`]).
    Exact(i64, ValueKind),
    /// A rate in 0..=1.
    Ratio(f64),
}

impl MeasureValue {
    pub fn as_f64(self) -> f64 {
        match self {
            MeasureValue::Exact(v, ValueKind::Money) => v as f64 / crate::MONEY_SCALE as f64,
            MeasureValue::Exact(v, _) => v as f64,
            MeasureValue::Ratio(r) => r,
        }
    }
}

/// A derived rate: Σ numerator / Σ denominator over signed measure terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub name: &'static str,
    pub label: &'static str,
    pub english: &'static str,
    /// The formula, for documentation and `--help`.
    pub formula: &'static str,
    pub numerator: &'static [(i64, &'static str)],
    pub denominator: &'static [(i64, &'static str)],
}

/// Every rate, defined once.
pub const RATES: &[Rate] = &[
    Rate {
        name: "rate.disclosure",
        label: "公开率",
        english: "disclosure rate",
        formula: "(granted + partially_granted) / total, total column of section 三",
        numerator: &[
            (1, "requests.granted.total"),
            (1, "requests.partially_granted.total"),
        ],
        denominator: &[(1, "requests.total.total")],
    },
    Rate {
        name: "rate.withheld",
        label: "不予公开占比",
        english: "withheld share",
        formula: "Σ withheld.* / total",
        numerator: &[(1, "requests.withheld.total")],
        denominator: &[(1, "requests.total.total")],
    },
    Rate {
        name: "rate.not_held",
        label: "本机关不掌握占比",
        english: "not-held share",
        formula: "unable.not_held / total",
        numerator: &[(1, "requests.unable.not_held.total")],
        denominator: &[(1, "requests.total.total")],
    },
    Rate {
        name: "rate.not_processed",
        label: "不予处理占比",
        english: "not-processed share",
        formula: "Σ not_processed.* / total",
        numerator: &[(1, "requests.not_processed.total")],
        denominator: &[(1, "requests.total.total")],
    },
    Rate {
        name: "rate.reconsideration_corrected",
        label: "行政复议纠错率",
        english: "reconsideration correction rate",
        formula: "reconsideration corrected / (total − pending)",
        numerator: &[(1, "appeals.reconsideration.corrected")],
        denominator: &[
            (1, "appeals.reconsideration.total"),
            (-1, "appeals.reconsideration.pending"),
        ],
    },
    Rate {
        name: "rate.litigation_corrected",
        label: "行政诉讼纠错率",
        english: "litigation correction rate",
        formula: "corrected / (total − pending), both litigation rows together",
        numerator: &[
            (1, "appeals.litigation_direct.corrected"),
            (1, "appeals.litigation_after_reconsideration.corrected"),
        ],
        denominator: &[
            (1, "appeals.litigation_direct.total"),
            (1, "appeals.litigation_after_reconsideration.total"),
            (-1, "appeals.litigation_direct.pending"),
            (-1, "appeals.litigation_after_reconsideration.pending"),
        ],
    },
    Rate {
        name: "rate.natural_person",
        label: "自然人申请占比",
        english: "share of applications from natural persons",
        formula: "new_received natural_person / new_received total",
        numerator: &[(1, "requests.new_received.natural_person")],
        denominator: &[(1, "requests.new_received.total")],
    },
];

/// The default measures of `gongkai trend`: applications and outcomes, appeals, and the rates.
pub const HEADLINE: &[&str] = &[
    "requests.new_received.total",
    "requests.granted.total",
    "requests.partially_granted.total",
    "requests.withheld.total",
    "appeals.reconsideration.total",
    "appeals.litigation_direct.total",
    "appeals.litigation_after_reconsideration.total",
    "rate.disclosure",
    "rate.withheld",
    "rate.not_held",
    "rate.not_processed",
    "rate.reconsideration_corrected",
    "rate.litigation_corrected",
    "rate.natural_person",
];

/// Whether a measure compares between a report in `prev` form and one in `cur` form.
/// First match wins; the same form always compares.
pub const CROSSWALK: &[(&str, bool, &str)] = &[
    (
        "rate.",
        true,
        "rates are built from sections 三 and 四, which did not change",
    ),
    (
        "requests.",
        true,
        "section 三 is the same table; 2019 other = Σ 2021 other.*",
    ),
    ("appeals.", true, "section 四 did not change"),
    (
        "active.licensing.decisions",
        true,
        "处理决定数量 in both forms",
    ),
    (
        "active.penalty.decisions",
        true,
        "处理决定数量 in both forms",
    ),
    (
        "active.coercion.decisions",
        true,
        "处理决定数量 in both forms",
    ),
    ("active.", false, "section 二 changed completely in 2021"),
];

pub fn comparable(measure: &str, prev: FormVersion, cur: FormVersion) -> bool {
    prev == cur
        || CROSSWALK
            .iter()
            .find(|(p, _, _)| measure.starts_with(p))
            .is_some_and(|(_, c, _)| *c)
}

pub fn rate(name: &str) -> Option<&'static Rate> {
    RATES.iter().find(|r| r.name == name)
}

/// Cells a measure sums in `form`: the cell itself, or every row of the group. Empty when the
/// form does not have it.
pub fn cells_of(cat: &Catalogue, measure: &str) -> Vec<usize> {
    let mut parts = measure.splitn(2, '.');
    let (Some(section), Some(rest)) = (parts.next().and_then(Section::parse), parts.next()) else {
        return Vec::new();
    };
    let Some((row, column)) = rest.rsplit_once('.') else {
        return Vec::new();
    };
    cat.cells_of(section)
        .filter(|c| {
            c.column.code == column
                && (c.row.code == row
                    || c.row
                        .code
                        .strip_prefix(row)
                        .is_some_and(|r| r.starts_with('.')))
        })
        .map(|c| c.index)
        .collect()
}

/// The value of a measure in a report of `form`, `None` where the form lacks it or a rate's
/// denominator is zero.
pub fn value(form: FormVersion, values: &[i64], measure: &str) -> Option<MeasureValue> {
    Compiled::of(form.catalogue(), measure)?.value(values)
}

/// Measures resolved to the cells they sum, once per form, for evaluating many reports: a
/// national export evaluates 260 measures in half a million reports, and [`value`] resolves a
/// measure by its name each time (most of the export's time when it did).
#[derive(Debug, Clone)]
pub struct Plan {
    names: Vec<String>,
    /// Indices of `names` in name order.
    by_name: Vec<usize>,
    /// Per form ([`FormVersion::ALL`] order), per measure: how to compute it there.
    forms: Vec<(FormVersion, Vec<Option<Compiled>>)>,
}

#[derive(Debug, Clone)]
enum Compiled {
    Sum {
        cells: Vec<usize>,
        kind: ValueKind,
    },
    Rate {
        numerator: Vec<(i64, Vec<usize>)>,
        denominator: Vec<(i64, Vec<usize>)>,
    },
}

impl Compiled {
    /// How `measure` is computed in `cat`'s form; `None` where the form lacks one of its cells.
    fn of(cat: &Catalogue, measure: &str) -> Option<Compiled> {
        let terms = |terms: &[(i64, &str)]| -> Option<Vec<(i64, Vec<usize>)>> {
            terms
                .iter()
                .map(|(sign, m)| {
                    let cells = cells_of(cat, m);
                    (!cells.is_empty()).then_some((*sign, cells))
                })
                .collect()
        };
        match rate(measure) {
            Some(r) => Some(Compiled::Rate {
                numerator: terms(r.numerator)?,
                denominator: terms(r.denominator)?,
            }),
            None => {
                let cells = cells_of(cat, measure);
                let kind = cells.first().map(|&i| cat.cells[i].kind())?;
                Some(Compiled::Sum { cells, kind })
            }
        }
    }

    /// A rate's Σ numerator and Σ denominator; `None` for a sum.
    fn terms(&self, values: &[i64]) -> Option<(i128, i128)> {
        let Compiled::Rate {
            numerator,
            denominator,
        } = self
        else {
            return None;
        };
        let sum = |cells: &[usize]| cells.iter().map(|&c| values[c] as i128).sum::<i128>();
        let terms = |t: &[(i64, Vec<usize>)]| -> i128 {
            t.iter()
                .map(|(sign, cells)| *sign as i128 * sum(cells))
                .sum()
        };
        Some((terms(numerator), terms(denominator)))
    }

    fn value(&self, values: &[i64]) -> Option<MeasureValue> {
        let sum = |cells: &[usize]| cells.iter().map(|&c| values[c] as i128).sum::<i128>();
        match self {
            // Most measures are one cell: its value as it is.
            Compiled::Sum { cells, kind } if cells.len() == 1 => {
                Some(MeasureValue::Exact(values[cells[0]], *kind))
            }
            Compiled::Sum { cells, kind } => i64::try_from(sum(cells))
                .ok()
                .map(|v| MeasureValue::Exact(v, *kind)),
            Compiled::Rate { .. } => {
                let (n, d) = self.terms(values)?;
                (d != 0).then(|| MeasureValue::Ratio(n as f64 / d as f64))
            }
        }
    }
}

impl Plan {
    pub fn new(measures: &[String]) -> Plan {
        let forms = FormVersion::ALL
            .iter()
            .map(|&form| {
                let cat = form.catalogue();
                let compiled = measures.iter().map(|m| Compiled::of(cat, m)).collect();
                (form, compiled)
            })
            .collect();
        let mut by_name: Vec<usize> = (0..measures.len()).collect();
        by_name.sort_by(|a, b| measures[*a].cmp(&measures[*b]));
        Plan {
            names: measures.to_vec(),
            by_name,
            forms,
        }
    }

    /// The measures, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Indices of the measures in the order of their names.
    pub fn by_name(&self) -> &[usize] {
        &self.by_name
    }

    /// The index of `measure` in [`Plan::names`].
    pub fn index(&self, measure: &str) -> Option<usize> {
        self.by_name
            .binary_search_by(|&i| self.names[i].as_str().cmp(measure))
            .ok()
            .map(|k| self.by_name[k])
    }

    /// Σ numerator and Σ denominator of rate `i` in a report of `form`: `None` where `i` is not
    /// a rate, the form lacks one of its terms, or a sum passes i64.
    pub fn rate_terms(&self, form: FormVersion, values: &[i64], i: usize) -> Option<(i64, i64)> {
        let (_, compiled) = self.forms.iter().find(|(f, _)| *f == form)?;
        let (n, d) = compiled.get(i)?.as_ref()?.terms(values)?;
        Some((i64::try_from(n).ok()?, i64::try_from(d).ok()?))
    }

    /// Every measure's value in a report of `form`, in plan order: what [`Plan::value`] gives
    /// for each (a unit's series reads each measure of each year once).
    pub fn values_of(&self, form: FormVersion, values: &[i64]) -> Vec<Option<MeasureValue>> {
        match self.forms.iter().find(|(f, _)| *f == form) {
            Some((_, compiled)) => compiled
                .iter()
                .map(|c| c.as_ref().and_then(|c| c.value(values)))
                .collect(),
            None => vec![None; self.names.len()],
        }
    }

    /// The value of measure `i` in a report of `form`: what [`value`] gives for its name.
    pub fn value(&self, form: FormVersion, values: &[i64], i: usize) -> Option<MeasureValue> {
        let (_, compiled) = self.forms.iter().find(|(f, _)| *f == form)?;
        compiled.get(i)?.as_ref()?.value(values)
    }
}

/// Every measure of the given forms: each cell, each group sum, each rate, in template order.
pub fn all(forms: &[FormVersion]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |m: String| {
        if !out.contains(&m) {
            out.push(m);
        }
    };
    for form in forms {
        let cat = form.catalogue();
        for cell in &cat.cells {
            if let Some((group, _)) = cell.row.code.split_once('.') {
                push(format!(
                    "{}.{}.{}",
                    cell.section.code(),
                    group,
                    cell.column.code
                ));
            }
            push(cell.code());
        }
    }
    for r in RATES {
        push(r.name.to_string());
    }
    out
}

/// A short Chinese label for a measure: the row label and column header, or the rate's name.
pub fn label(measure: &str) -> String {
    if let Some(r) = rate(measure) {
        return r.label.to_string();
    }
    for form in [FormVersion::F2021, FormVersion::F2019] {
        let cat = form.catalogue();
        let cells = cells_of(cat, measure);
        if let Some(&first) = cells.first() {
            let cell = &cat.cells[first];
            let row = if cells.len() > 1 {
                cell.row
                    .path
                    .get(cell.row.path.len().saturating_sub(2))
                    .copied()
                    .unwrap_or(cell.row.code)
            } else {
                cell.row.path.last().copied().unwrap_or(cell.row.code)
            };
            let row = crate::label::normalise(row);
            return if cell.column.code == "total" && cell.section == Section::Requests {
                row
            } else {
                format!("{row}·{}", crate::label::normalise(cell.column.label))
            };
        }
    }
    measure.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_measures_and_the_other_row_across_forms() {
        let (f19, f21) = (
            FormVersion::F2019.catalogue(),
            FormVersion::F2021.catalogue(),
        );
        assert_eq!(cells_of(f19, "requests.withheld.total").len(), 8);
        assert_eq!(cells_of(f19, "requests.other.total").len(), 1);
        assert_eq!(cells_of(f21, "requests.other.total").len(), 3);
        assert_eq!(cells_of(f21, "requests.other.other.total").len(), 1);
        assert_eq!(
            cells_of(f19, "requests.total.total").len(),
            1,
            "total is not a group"
        );
        assert!(cells_of(f21, "active.procurement.amount").is_empty());
        assert!(cells_of(f19, "nonsense").is_empty());
    }

    #[test]
    fn rates_from_the_published_lanzhou_figures() {
        let f = FormVersion::F2019;
        let cat = f.catalogue();
        let mut v = vec![0i64; cat.len()];
        let mut set = |s, r, c, x| v[cat.index_of(s, r, c)] = x;
        set(Section::Requests, "granted", "total", 297);
        set(Section::Requests, "partially_granted", "total", 8);
        set(Section::Requests, "total", "total", 357);
        set(Section::Requests, "new_received", "total", 343);
        set(Section::Requests, "new_received", "natural_person", 284);
        set(Section::Appeals, "reconsideration", "corrected", 6);
        set(Section::Appeals, "reconsideration", "total", 68);
        set(Section::Appeals, "reconsideration", "pending", 14);
        let r = |m| match value(f, &v, m) {
            Some(MeasureValue::Ratio(x)) => x,
            other => panic!("{m}: {other:?}"),
        };
        assert!((r("rate.disclosure") - 305.0 / 357.0).abs() < 1e-12);
        assert!((r("rate.natural_person") - 284.0 / 343.0).abs() < 1e-12);
        assert!((r("rate.reconsideration_corrected") - 6.0 / 54.0).abs() < 1e-12);
        assert_eq!(
            value(f, &v, "rate.litigation_corrected"),
            None,
            "0 / 0 is no rate"
        );
    }

    #[test]
    fn crosswalk() {
        let (a, b) = (FormVersion::F2019, FormVersion::F2021);
        assert!(comparable("requests.other.total", a, b));
        assert!(comparable("active.penalty.decisions", a, b));
        assert!(!comparable("active.regulations.new_made", a, b));
        assert!(!comparable("active.fees.amount", a, b));
        assert!(comparable("active.fees.amount", b, b));
        assert!(comparable("rate.disclosure", a, b));
        let all = all(&[a, b]);
        assert!(all.contains(&"requests.withheld.total".to_string()));
        assert!(all.contains(&"requests.other.total".to_string()));
        assert!(all.contains(&"rate.natural_person".to_string()));
        assert_eq!(label("requests.withheld.total"), "不予公开");
        assert_eq!(label("appeals.reconsideration.total"), "行政复议·总计");
    }
}
