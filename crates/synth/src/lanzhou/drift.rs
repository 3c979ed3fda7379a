//! The years around 2020, all invented: each unit's report drifted year by year from its 2020
//! split (2019 going back, 2021–2023 forward), or founded, with the chains between years built
//! in rather than hoped for. Each unit and year draws from its own stream.

use std::collections::BTreeMap;

use gongkai_form::{FormVersion, Section, MONEY_SCALE};

use super::checks::check_rules;
use super::split::split_all;
use super::units::{units_in, Unit};
use super::{invariant, Result, SEED, YEAR, YEARS};
use crate::model::money;
use crate::rng::{Rng, Stream};

/// One year's reports, in registry order.
pub(super) type Year = Vec<(&'static Unit, Vec<i64>)>;

/// Every year: 2020 split from the published totals, 2019 drifted back from 2020, 2021–2023 each
/// drifted from the year before (or founded). Every report passes R1–R6.
pub(super) fn all_years(golden: &[i64]) -> Result<BTreeMap<i32, Year>> {
    let units_2020: Vec<&'static Unit> = units_in(YEAR).map(|(_, u)| u).collect();
    let mut rng = Rng::derive(SEED, Stream::Lanzhou, YEAR as u64, 0);
    let split = split_all(golden, &units_2020, &mut rng)?;
    let mut years: BTreeMap<i32, Year> = BTreeMap::new();
    years.insert(YEAR, units_2020.into_iter().zip(split).collect());
    for year in YEARS.into_iter().filter(|y| *y != YEAR) {
        let base_year = if year < YEAR { year + 1 } else { year - 1 };
        let base = years
            .get(&base_year)
            .ok_or_else(|| invariant(format!("{year} needs {base_year} first")))?;
        let form = FormVersion::for_year(year);
        let mut reports = Year::new();
        for (i, u) in units_in(year) {
            let mut rng = Rng::derive(SEED, Stream::Lanzhou, year as u64, i as u64 + 1);
            let values = match base.iter().find(|(b, _)| b.name == u.name) {
                Some((_, b)) => evolve(u, year, base_year, b, &mut rng)?,
                None => founding(u, year, &mut rng)?,
            };
            check_rules(form, u.name, &values).map_err(|e| invariant(format!("{year}: {e}")))?;
            reports.push((u, values));
        }
        years.insert(year, reports);
    }
    Ok(years)
}

/// The city's drift of applications from `year` − 1 to `year`.
fn request_growth(year: i32) -> f64 {
    match year {
        2020 => 1.22,
        2021 => 1.22,
        2022 => 1.27,
        _ => 1.09,
    }
}

/// The city's drift of section 二 decisions and procurement from `year` − 1 to `year`.
fn active_growth(year: i32) -> f64 {
    match year {
        2020 => 1.05,
        2021 => 1.08,
        2022 => 0.93,
        _ => 1.12,
    }
}

/// `x × factor × U(1 − jitter, 1 + jitter)`, rounded at random.
fn drift(rng: &mut Rng, x: i64, factor: f64, jitter: f64) -> i64 {
    let f = factor * rng.between(1.0 - jitter, 1.0 + jitter);
    rng.round(x as f64 * f)
}

/// Dense index of a cell; the codes are the catalogue's, so a miss is a typo here.
fn ix(form: FormVersion, section: Section, row: &str, col: &str) -> usize {
    match form.catalogue().find(section, row, col) {
        Some(c) => c.index,
        None => unreachable!("form {form} has no cell {}.{row}.{col}", section.code()),
    }
}

/// The six applicant columns and the result rows (予以公开 … 其他处理) of a form.
pub(super) fn request_codes(form: FormVersion) -> (Vec<&'static str>, Vec<&'static str>) {
    let req = form.catalogue().block_of(Section::Requests);
    let applicants = req
        .columns
        .iter()
        .map(|c| c.code)
        .filter(|c| *c != "total")
        .collect();
    let results = req
        .rows
        .iter()
        .map(|r| r.code)
        .skip_while(|r| *r != "granted")
        .take_while(|r| *r != "total")
        .collect();
    (applicants, results)
}

/// The smallest money amount a unit writes: 0.001 万元 (10 yuan) for one, 0.01 万元 for the rest.
fn money_step(u: &Unit) -> i64 {
    if u.name == "兰州市公安局" {
        MONEY_SCALE / 1000
    } else {
        MONEY_SCALE / 100
    }
}

/// Fills section 三: per applicant column the result rows from `result(row, column)`, then
/// (上年结转, 结转下年度) from `carry(column, 总计)`, 总计 and 本年新收 = 总计 + 结转下年度 −
/// 上年结转 (R1, R2), and the 总计 column (R3). Carried-over applications are dealt with in the
/// year, so a column whose results fall short of them gets the difference as 予以公开, which keeps
/// 本年新收 ≥ 0.
fn fill_requests(
    form: FormVersion,
    out: &mut [i64],
    rng: &mut Rng,
    mut result: impl FnMut(&str, &str, &mut Rng) -> i64,
    mut carry: impl FnMut(&str, i64, &mut Rng) -> (i64, i64),
) {
    let (applicants, results) = request_codes(form);
    let r = |row: &str, col: &str| ix(form, Section::Requests, row, col);
    for col in &applicants {
        let mut total = 0;
        for row in &results {
            let v = result(row, col, rng);
            out[r(row, col)] = v;
            total += v;
        }
        let (over, forward) = carry(col, total, rng);
        if total + forward < over {
            out[r("granted", col)] += over - total - forward;
            total = over - forward;
        }
        out[r("total", col)] = total;
        out[r("carried_over", col)] = over;
        out[r("carried_forward", col)] = forward;
        out[r("new_received", col)] = total + forward - over;
    }
    for row in form.catalogue().block_of(Section::Requests).rows {
        out[r(row.code, "total")] = applicants.iter().map(|c| out[r(row.code, c)]).sum();
    }
}

/// Fills section 四 from `outcome(row, column)` for the four outcomes; 总计 is their sum (R4).
fn fill_appeals(
    form: FormVersion,
    out: &mut [i64],
    rng: &mut Rng,
    mut outcome: impl FnMut(&str, &str, &mut Rng) -> i64,
) {
    for row in form.catalogue().block_of(Section::Appeals).rows {
        let mut total = 0;
        for col in ["upheld", "corrected", "other", "pending"] {
            let v = outcome(row.code, col, rng);
            out[ix(form, Section::Appeals, row.code, col)] = v;
            total += v;
        }
        out[ix(form, Section::Appeals, row.code, "total")] = total;
    }
}

/// Result rows where a unit with applications may get its first case of a kind.
const FRESH: [&str; 6] = [
    "granted",
    "partially_granted",
    "withheld.process_information",
    "unable.not_held",
    "not_processed.duplicate",
    "other.overdue_correction",
];

/// `u`'s report for `year`, drifted from its report for `base_year`: the next year when going
/// back to 2019, else the previous one. The chains are built in, not hoped for:
/// - 上年结转 is the previous year's 结转下年度 (X1); going back, 2019's 结转下年度 is 2020's
///   上年结转;
/// - 2019's 上一年项目数量 is 2020's minus 2019's 本年增/减, so they add up to 2020's (X2);
/// - form 2021 现行有效 is last year's + 本年制发 − 本年废止 (X3); 2021's opening stock (a
///   share of 2020's 对外公开总数量) is not on any form;
/// - 结转下年度 is 0 in a unit's last year.
fn evolve(u: &Unit, year: i32, base_year: i32, base: &[i64], rng: &mut Rng) -> Result<Vec<i64>> {
    let (form, bform) = (
        FormVersion::for_year(year),
        FormVersion::for_year(base_year),
    );
    let mut out = vec![0i64; form.catalogue().len()];
    let b = |s: Section, row: &str, col: &str| {
        // Form 2019 has one 其他处理 row where form 2021 has three.
        let row = match (bform, row) {
            (FormVersion::F2019, "other.other") => "other",
            _ => row,
        };
        bform
            .catalogue()
            .find(s, row, col)
            .map_or(0, |c| base[c.index])
    };
    let back = year < base_year;
    // Factors from the base year's figures to this year's.
    let grow = if back { base_year } else { year };
    let req_f = request_growth(grow) * u.trend * rng.between(0.92, 1.08);
    let act_f = active_growth(grow) * rng.between(0.9, 1.1);
    let (req_f, act_f) = if back {
        (1.0 / req_f, 1.0 / act_f)
    } else {
        (req_f, act_f)
    };
    let a = |row: &str, col: &str| ix(form, Section::Active, row, col);
    let active = Section::Active;
    let step = money_step(u);
    match (bform, form) {
        (FormVersion::F2019, FormVersion::F2019) if back => {
            for row in ["regulations", "normative_documents"] {
                // 本年新公开 ≤ 本年新制作 ≤ 对外公开总数量 (R6 needs the outer pair).
                let total = drift(rng, b(active, row, "total_published"), 0.875, 0.08);
                let made = drift(rng, b(active, row, "new_made"), act_f, 0.25).min(total);
                let new = drift(rng, b(active, row, "new_published"), act_f, 0.25);
                out[a(row, "total_published")] = total;
                out[a(row, "new_made")] = made;
                out[a(row, "new_published")] = new.min(made);
            }
            for row in ["licensing", "other_services", "penalty", "coercion", "fees"] {
                // 2019's items at the end of the year are 2020's 上一年项目数量.
                let end = b(active, row, "prior_year_items");
                let change = ((end as f64) * rng.between(-0.12, 0.2)).round() as i64;
                let change = change.min(end);
                out[a(row, "prior_year_items")] = end - change;
                out[a(row, "change")] = change;
                if row != "fees" {
                    out[a(row, "decisions")] = drift(rng, b(active, row, "decisions"), act_f, 0.1);
                }
            }
            out[a("procurement", "projects")] =
                drift(rng, b(active, "procurement", "projects"), act_f, 0.1);
            let amount = b(active, "procurement", "amount") as f64 / MONEY_SCALE as f64;
            out[a("procurement", "amount")] = money(amount * act_f * rng.between(0.9, 1.1), step);
        }
        (FormVersion::F2019, FormVersion::F2021) => {
            for row in ["regulations", "normative_documents"] {
                let stock = drift(rng, b(active, row, "total_published"), 0.7, 0.15);
                let issued = drift(rng, b(active, row, "new_made"), act_f, 0.2);
                let abolished = drift(rng, stock, 0.06, 0.6).min(stock);
                out[a(row, "issued")] = issued;
                out[a(row, "abolished")] = abolished;
                out[a(row, "in_force")] = stock + issued - abolished;
            }
            for row in ["licensing", "penalty", "coercion"] {
                out[a(row, "decisions")] = drift(rng, b(active, row, "decisions"), act_f, 0.1);
            }
            // 收费金额: the unit's fee items (2020, after 本年增/减) × 25–250 万元 each.
            let items = b(active, "fees", "prior_year_items") + b(active, "fees", "change");
            out[a("fees", "amount")] = money(items as f64 * rng.between(25.0, 250.0), step);
        }
        (FormVersion::F2021, FormVersion::F2021) if !back => {
            for row in ["regulations", "normative_documents"] {
                let stock = b(active, row, "in_force");
                let issued = drift(rng, b(active, row, "issued"), act_f, 0.25);
                let abolished = drift(rng, stock, 0.05, 0.8).min(stock);
                out[a(row, "issued")] = issued;
                out[a(row, "abolished")] = abolished;
                out[a(row, "in_force")] = stock + issued - abolished;
            }
            for row in ["licensing", "penalty", "coercion"] {
                out[a(row, "decisions")] = drift(rng, b(active, row, "decisions"), act_f, 0.1);
            }
            let amount = b(active, "fees", "amount") as f64 / MONEY_SCALE as f64;
            out[a("fees", "amount")] = money(amount * act_f * rng.between(0.9, 1.1), step);
        }
        _ => {
            return Err(invariant(format!(
                "{}: cannot derive {year} from {base_year}",
                u.name
            )))
        }
    }

    let last = u.to == Some(year);
    let weight = u.requests;
    let fresh = move |row: &str, col: &str, rng: &mut Rng| {
        weight > 0.0
            && FRESH.contains(&row)
            && matches!(col, "natural_person" | "commercial_enterprise")
            && rng.chance((0.012 * weight).min(0.15) * req_f)
    };
    fill_requests(
        form,
        &mut out,
        rng,
        |row, col, rng| match b(Section::Requests, row, col) {
            0 => i64::from(fresh(row, col, rng)),
            v => drift(rng, v, req_f, 0.15),
        },
        |col, total, rng| {
            let r = |row: &str| b(Section::Requests, row, col);
            if back {
                (drift(rng, total, 0.03, 1.0).min(total), r("carried_over"))
            } else if last {
                (r("carried_forward"), 0)
            } else {
                (r("carried_forward"), drift(rng, total, 0.03, 1.0))
            }
        },
    );
    fill_appeals(form, &mut out, rng, |row, col, rng| {
        match b(Section::Appeals, row, col) {
            0 => i64::from(weight > 0.0 && rng.chance((0.004 * weight).min(0.05))),
            v => drift(rng, v, req_f.sqrt(), 0.3),
        }
    });

    // No report is a copy of the previous one (X4).
    if form == bform && out == base {
        out[a("licensing", "decisions")] += 1;
    }
    Ok(out)
}

/// The first report of a unit created in `year` (form 2021): a small new department with no
/// documents but its own, and nothing carried over.
fn founding(u: &Unit, year: i32, rng: &mut Rng) -> Result<Vec<i64>> {
    let form = FormVersion::for_year(year);
    if form != FormVersion::F2021 || u.from != year {
        return Err(invariant(format!(
            "{}: no founding report for {year}",
            u.name
        )));
    }
    let mut out = vec![0i64; form.catalogue().len()];
    let a = |row: &str, col: &str| ix(form, Section::Active, row, col);
    out[a("normative_documents", "issued")] = 3;
    out[a("normative_documents", "in_force")] = 3;
    out[a("licensing", "decisions")] = 12;
    let results: [(&str, &str, i64); 7] = [
        ("granted", "natural_person", 5),
        ("partially_granted", "natural_person", 1),
        ("unable.not_held", "natural_person", 2),
        ("other.overdue_correction", "natural_person", 1),
        ("granted", "commercial_enterprise", 4),
        ("unable.not_held", "commercial_enterprise", 1),
        ("granted", "research_institution", 1),
    ];
    let result = |row: &str, col: &str, _: &mut Rng| {
        results
            .iter()
            .find(|(r, c, _)| *r == row && *c == col)
            .map_or(0, |(_, _, v)| *v)
    };
    let carry = |col: &str, _, _: &mut Rng| (0, i64::from(col == "natural_person"));
    fill_requests(form, &mut out, rng, result, carry);
    fill_appeals(form, &mut out, rng, |row, col, _| {
        i64::from(row == "reconsideration" && col == "upheld")
    });
    Ok(out)
}
