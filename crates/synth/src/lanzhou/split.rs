//! 2020: the published totals split over the units. Only the base cells are split (section 二,
//! the result rows × applicant columns, 结转下年度, 上年结转, the four appeal outcomes); every total
//! is derived per unit, so each unit passes R1–R6 and the units add up to the published figures.

use gongkai_form::{format_value, Section, MONEY_SCALE};
use gongkai_report::UnitKind;

use super::checks::check_rules;
use super::units::{row_multiplier, Unit};
use super::{invariant, Result, FORM};
use crate::rng::Rng;

/// Splits `total` ≥ 0 into one share per unit, each ≤ its cap, by weight (jittered per call).
/// Large totals are shared out proportionally down to the last 500 items, which are dealt out one
/// by one at random. Units of weight 0 get nothing unless no weighted unit has room left.
fn split(total: i64, weights: &[f64], caps: Option<&[i64]>, rng: &mut Rng) -> Result<Vec<i64>> {
    let n = weights.len();
    let cap = |i: usize| caps.map_or(i64::MAX, |c| c[i]);
    let w: Vec<f64> = weights.iter().map(|w| w * rng.between(0.5, 1.5)).collect();
    let mut out = vec![0i64; n];
    let mut left = total;
    while left > 0 {
        let mut open: Vec<(usize, f64)> = (0..n)
            .filter(|&i| w[i] > 0.0 && out[i] < cap(i))
            .map(|i| (i, w[i]))
            .collect();
        if open.is_empty() {
            open = (0..n)
                .filter(|&i| out[i] < cap(i))
                .map(|i| (i, 1.0))
                .collect();
        }
        if open.is_empty() {
            return Err(invariant(format!(
                "cannot split {total}: every unit is at its cap"
            )));
        }
        let sum: f64 = open.iter().map(|(_, w)| w).sum();
        if left <= 500 {
            // One item to one unit, drawn by weight.
            let mut x = rng.unit() * sum;
            let mut pick = open[open.len() - 1].0;
            for &(i, wi) in &open {
                if x < wi {
                    pick = i;
                    break;
                }
                x -= wi;
            }
            out[pick] += 1;
            left -= 1;
            continue;
        }
        let mut given = 0;
        for &(i, wi) in &open {
            let share = ((left as f64 * wi / sum).floor() as i64).min(cap(i) - out[i]);
            out[i] += share;
            given += share;
        }
        if given == 0 {
            let (i, _) = open.iter().fold((open[0].0, f64::MIN), |best, &(i, wi)| {
                if wi > best.1 {
                    (i, wi)
                } else {
                    best
                }
            });
            out[i] += 1;
            given = 1;
        }
        left -= given;
    }
    Ok(out)
}

/// A signed total (本年增/减) split so that each unit keeps `prior + change ≥ 0`: a negative
/// total also gets one growing unit, so both signs appear.
fn split_change(total: i64, weights: &[f64], prior: &[i64], rng: &mut Rng) -> Result<Vec<i64>> {
    if total >= 0 {
        return split(total, weights, None, rng);
    }
    let grower = (0..weights.len())
        .max_by(|&a, &b| weights[a].total_cmp(&weights[b]))
        .unwrap_or(0);
    let growth = (-total / 10).max(1);
    let mut caps = prior.to_vec();
    caps[grower] = 0;
    let mut w = weights.to_vec();
    w[grower] = 0.0;
    let shrink = split(-total + growth, &w, Some(&caps), rng)?;
    Ok(shrink
        .iter()
        .enumerate()
        .map(|(i, s)| if i == grower { growth } else { -s })
        .collect())
}

/// Sets one cell of every unit.
fn put(units: &mut [Vec<i64>], cell: usize, shares: &[i64]) {
    for (u, v) in units.iter_mut().zip(shares) {
        u[cell] = *v;
    }
}

/// Every 2020 unit's dense values, from the published totals `golden` and one random stream.
pub(super) fn split_all(golden: &[i64], units: &[&Unit], rng: &mut Rng) -> Result<Vec<Vec<i64>>> {
    let cat = FORM.catalogue();
    let n = units.len();
    let idx = |s: Section, r: &str, c: &str| -> Result<usize> {
        cat.find(s, r, c)
            .map(|cell| cell.index)
            .ok_or_else(|| invariant(format!("no cell {}.{r}.{c}", s.code())))
    };
    let mut out = vec![vec![0i64; cat.len()]; n];

    // Section 二.
    for block in cat.blocks.iter().filter(|b| b.section == Section::Active) {
        for row in block.rows {
            let weights: Vec<f64> = units
                .iter()
                .map(|u| u.active * row_multiplier(u, row.code))
                .collect();
            let a = |c: &str| idx(Section::Active, row.code, c);
            match row.code {
                "regulations" | "normative_documents" => {
                    let total = split(golden[a("total_published")?], &weights, None, rng)?;
                    // new_published ≤ new_made ≤ total_published in every unit (R6 needs
                    // the outer pair; the inner one is only plausible).
                    let made = split(golden[a("new_made")?], &weights, Some(&total), rng)?;
                    let new = split(golden[a("new_published")?], &weights, Some(&made), rng)?;
                    put(&mut out, a("total_published")?, &total);
                    put(&mut out, a("new_published")?, &new);
                    put(&mut out, a("new_made")?, &made);
                }
                "procurement" => {
                    let projects = split(golden[a("projects")?], &weights, None, rng)?;
                    put(&mut out, a("projects")?, &projects);
                    // Money in steps of 0.01 万元 (100 yuan), so most amounts are not whole 万元.
                    let step = MONEY_SCALE / 100;
                    let amount = a("amount")?;
                    if golden[amount] % step != 0 {
                        return Err(invariant("procurement amount finer than 0.01 万元".into()));
                    }
                    let shares = split(golden[amount] / step, &weights, None, rng)?;
                    let shares: Vec<i64> = shares.iter().map(|s| s * step).collect();
                    put(&mut out, amount, &shares);
                }
                _ => {
                    let prior = split(golden[a("prior_year_items")?], &weights, None, rng)?;
                    let change = split_change(golden[a("change")?], &weights, &prior, rng)?;
                    put(&mut out, a("prior_year_items")?, &prior);
                    put(&mut out, a("change")?, &change);
                    if block.columns.iter().any(|c| c.code == "decisions") {
                        let d = split(golden[a("decisions")?], &weights, None, rng)?;
                        put(&mut out, a("decisions")?, &d);
                    }
                }
            }
        }
    }

    // Section 三: result rows × applicant columns, then carried_forward and carried_over.
    let req = cat.block_of(Section::Requests);
    let weights: Vec<f64> = units.iter().map(|u| u.requests).collect();
    let (applicants, result_rows) = super::drift::request_codes(FORM);
    let r = |row: &str, col: &str| idx(Section::Requests, row, col);
    for &col in &applicants {
        // Organisations apply mostly to departments and the larger districts.
        let w: Vec<f64> = units
            .iter()
            .zip(&weights)
            .map(|(u, w)| match (col, u.kind) {
                ("natural_person", _) => *w,
                (_, UnitKind::Department) => w * 2.0,
                _ => w * 0.5,
            })
            .collect();
        for &row in &result_rows {
            let shares = split(golden[r(row, col)?], &w, None, rng)?;
            put(&mut out, r(row, col)?, &shares);
        }
        let total = r("total", col)?;
        for u in out.iter_mut() {
            u[total] = result_rows
                .iter()
                .map(|row| r(row, col).map(|i| u[i]))
                .sum::<Result<i64>>()?;
        }
        let forward = split(golden[r("carried_forward", col)?], &w, None, rng)?;
        put(&mut out, r("carried_forward", col)?, &forward);
        // Carried over ≤ total + carried forward, so new_received stays ≥ 0.
        let room: Vec<i64> = out
            .iter()
            .map(|u| u[total])
            .zip(&forward)
            .map(|(t, f)| t + f)
            .collect();
        let over = split(golden[r("carried_over", col)?], &w, Some(&room), rng)?;
        put(&mut out, r("carried_over", col)?, &over);
        let new = r("new_received", col)?;
        for (u, (room, over)) in out.iter_mut().zip(room.iter().zip(&over)) {
            u[new] = room - over;
        }
    }
    for row in req.rows {
        let total = r(row.code, "total")?;
        for u in out.iter_mut() {
            u[total] = applicants
                .iter()
                .map(|col| r(row.code, col).map(|i| u[i]))
                .sum::<Result<i64>>()?;
        }
    }

    // Section 四: four outcomes per row, total derived.
    let app = cat.block_of(Section::Appeals);
    for row in app.rows {
        let a = |c: &str| idx(Section::Appeals, row.code, c);
        let mut sum = vec![0i64; n];
        for c in ["upheld", "corrected", "other", "pending"] {
            let shares = split(golden[a(c)?], &weights, None, rng)?;
            put(&mut out, a(c)?, &shares);
            for (s, v) in sum.iter_mut().zip(&shares) {
                *s += v;
            }
        }
        put(&mut out, a("total")?, &sum);
    }

    // The units must add up to the published totals in every cell, and each pass R1–R6.
    for cell in &cat.cells {
        let sum: i64 = out.iter().map(|u| u[cell.index]).sum();
        if sum != golden[cell.index] {
            return Err(invariant(format!(
                "{}: units sum to {}, published {}",
                cell.code(),
                format_value(sum, cell.kind()),
                format_value(golden[cell.index], cell.kind())
            )));
        }
    }
    for (u, values) in units.iter().zip(&out) {
        check_rules(FORM, u.name, values)?;
    }
    Ok(out)
}
