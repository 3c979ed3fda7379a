//! The rules every report of the sample keeps: R1–R6 on each report and city total, X1–X4
//! between a unit's consecutive years. Any finding, even a warning, is a bug of the sample.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use gongkai_form::rules::{check_values, check_years};
use gongkai_form::FormVersion;

use super::{invariant, Result};

/// R1–R6 on one set of values.
pub(super) fn check_rules(form: FormVersion, unit: &str, values: &[i64]) -> Result<()> {
    let violations = check_values(form, values);
    if violations.is_empty() {
        return Ok(());
    }
    let cat = form.catalogue();
    let mut msg = format!("{unit}: {} rule violation(s)", violations.len());
    for v in &violations {
        let _ = write!(msg, "\n  {} {}: {}", v.rule, v.level, v.arithmetic(cat));
    }
    Err(invariant(msg))
}

/// Reports by year: (unit, values) in registry order.
pub(super) type Reports<'a> = BTreeMap<i32, Vec<(&'a str, Vec<i64>)>>;

/// X1–X4 between each unit's consecutive reports; returns the number of pairs checked.
pub(super) fn check_chains(years: &Reports) -> Result<usize> {
    let mut pairs = 0;
    for (&year, reports) in years {
        let Some(prev) = years.get(&(year - 1)) else {
            continue;
        };
        let (pf, cf) = (FormVersion::for_year(year - 1), FormVersion::for_year(year));
        for (unit, cur) in reports {
            let Some((_, before)) = prev.iter().find(|(p, _)| p == unit) else {
                continue;
            };
            let (violations, identical) = check_years((pf, before), (cf, cur), false);
            if identical {
                return Err(invariant(format!(
                    "{unit} {year}: identical to {} (X4)",
                    year - 1
                )));
            }
            if let Some(v) = violations.first() {
                return Err(invariant(format!(
                    "{unit} {year}: {} violation(s), first {} {}",
                    violations.len(),
                    v.rule,
                    v.arithmetic((pf, year - 1), (cf, year))
                )));
            }
            pairs += 1;
        }
    }
    Ok(pairs)
}

/// Per-cell sum of one year's reports.
pub(super) fn city_total(form: FormVersion, reports: &[(&str, Vec<i64>)]) -> Vec<i64> {
    let mut sum = vec![0i64; form.catalogue().len()];
    for (_, values) in reports {
        for (s, v) in sum.iter_mut().zip(values) {
            *s += v;
        }
    }
    sum
}

/// A city total by dotted code.
pub(super) fn headline(form: FormVersion, total: &[i64], code: &str) -> Result<i64> {
    form.catalogue()
        .by_code(code)
        .map(|c| total[c.index])
        .ok_or_else(|| invariant(format!("form {form} has no cell {code}")))
}
