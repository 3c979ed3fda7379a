//! Writes the Lanzhou 2020 sample data: the published city totals of the 兰州市2020年政府信息公开
//! 工作年度报告 (2021-03-09), split into ~20 synthetic unit reports.
//!
//! The split is invented (fixed weights and a fixed-seed LCG); it says nothing about the real
//! units. It is built so that every unit passes R1–R6 and the units add up exactly to the
//! published totals, which the program checks on the values and again on the files read back.
//!
//! ```text
//! cargo run -p gongkai-ingest --example lanzhou_sample              # data/lanzhou/…
//! cargo run -p gongkai-ingest --example lanzhou_sample -- --golden  # tests/fixtures/…
//! ```

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gongkai_form::rules::check_values;
use gongkai_form::{format_value, FormVersion, Section, ValueKind, MONEY_SCALE};
use gongkai_ingest::{grid, read_file, tidy, Layout, ReadOptions, UnitReport};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const YEAR: i32 = 2020;
const FORM: FormVersion = FormVersion::F2019;
const CITY: &str = "兰州市";
const SEED: u64 = 0x1a2b_2020_0309;
const FIXTURE: &str = "tests/fixtures/lanzhou-2020-published.csv";
const UNITS_CSV: &str = "data/lanzhou/units.csv";
const DATA_DIR: &str = "data/lanzhou/2020";

// ------------------------------------------------------------------ the published totals

/// Section 二 in template order; money (the last value) in 万元: 27.88亿 = 278800 万元.
const ACTIVE: [i64; 22] = [
    36, 3, 50, // regulations: new_made, new_published, total_published
    1705, 864, 3117, // normative_documents
    1634, 1670, 1432816, // licensing: prior_year_items, change, decisions
    2708, -271, 197708, // other_services
    6614, 2666, 2543676, // penalty
    266, 150, 284127, // coercion
    88, -18, // fees: prior_year_items, change
    6447, 278800, // procurement: projects, amount (万元)
];

/// Section 三, rows in template order; columns 自然人, 商业企业, 科研机构, 社会公益组织,
/// 法律服务机构, 其他, 总计.
const REQUESTS: [[i64; 7]; 23] = [
    [284, 50, 1, 2, 6, 0, 343], // new_received
    [14, 0, 0, 0, 0, 0, 14],    // carried_over
    [252, 40, 1, 2, 2, 0, 297], // granted
    [8, 0, 0, 0, 0, 0, 8],      // partially_granted
    [0, 0, 0, 0, 0, 0, 0],      // withheld.state_secret
    [4, 0, 0, 0, 0, 0, 4],      // withheld.prohibited_by_law
    [0, 0, 0, 0, 0, 0, 0],      // withheld.security_stability
    [1, 0, 0, 0, 0, 0, 1],      // withheld.third_party_rights
    [2, 1, 0, 0, 0, 0, 3],      // withheld.internal_affairs
    [1, 1, 0, 0, 0, 0, 2],      // withheld.process_information
    [2, 1, 0, 0, 0, 0, 3],      // withheld.law_enforcement_files
    [1, 1, 0, 0, 0, 0, 2],      // withheld.administrative_inquiry
    [16, 6, 0, 0, 4, 0, 26],    // unable.not_held
    [0, 0, 0, 0, 0, 0, 0],      // unable.needs_creation
    [0, 0, 0, 0, 0, 0, 0],      // unable.unclear_after_correction
    [2, 0, 0, 0, 0, 0, 2],      // not_processed.petition_complaint
    [6, 0, 0, 0, 0, 0, 6],      // not_processed.duplicate
    [0, 0, 0, 0, 0, 0, 0],      // not_processed.publication
    [3, 0, 0, 0, 0, 0, 3],      // not_processed.unreasonable_repeated
    [0, 0, 0, 0, 0, 0, 0],      // not_processed.confirm_or_reissue
    [0, 0, 0, 0, 0, 0, 0],      // other
    [298, 50, 1, 2, 6, 0, 357], // total
    [0, 0, 0, 0, 0, 0, 0],      // carried_forward
];

/// Section 四: upheld, corrected, other, pending, total for reconsideration, litigation_direct,
/// litigation_after_reconsideration.
const APPEALS: [i64; 15] = [18, 6, 30, 14, 68, 1, 2, 25, 13, 41, 1, 0, 7, 6, 14];

/// The 198 published values, dense in the form-2019 catalogue's order.
fn golden() -> Result<Vec<i64>> {
    let cat = FORM.catalogue();
    let mut flat: Vec<i64> = ACTIVE.to_vec();
    flat.extend(REQUESTS.iter().flatten());
    flat.extend(APPEALS);
    if flat.len() != cat.len() {
        return Err(format!("{} published values for {} cells", flat.len(), cat.len()).into());
    }
    let values: Vec<i64> = cat
        .cells
        .iter()
        .map(|c| match c.kind() {
            ValueKind::Money => flat[c.index] * MONEY_SCALE,
            _ => flat[c.index],
        })
        .collect();
    // Spot checks against the worked example of report-format.md.
    let at = |s: Section, r: &str, c: &str| cat.find(s, r, c).map(|cell| values[cell.index]);
    let expect = [
        (Section::Active, "other_services", "change", -271),
        (Section::Active, "penalty", "decisions", 2_543_676),
        (Section::Active, "fees", "change", -18),
        (
            Section::Active,
            "procurement",
            "amount",
            278_800 * MONEY_SCALE,
        ),
        (Section::Requests, "new_received", "natural_person", 284),
        (
            Section::Requests,
            "new_received",
            "commercial_enterprise",
            50,
        ),
        (Section::Requests, "total", "natural_person", 298),
        (Section::Requests, "unable.not_held", "total", 26),
        (Section::Requests, "not_processed.duplicate", "total", 6),
        (Section::Requests, "carried_forward", "total", 0),
        (Section::Appeals, "reconsideration", "total", 68),
        (Section::Appeals, "litigation_direct", "other", 25),
        (
            Section::Appeals,
            "litigation_after_reconsideration",
            "pending",
            6,
        ),
    ];
    for (s, r, c, v) in expect {
        if at(s, r, c) != Some(v) {
            return Err(format!(
                "published {}.{r}.{c} is {:?}, not {v}",
                s.code(),
                at(s, r, c)
            )
            .into());
        }
    }
    check(CITY, &values)?;
    Ok(values)
}

/// R1–R6 on one set of values: any violation, warning or error, aborts.
fn check(unit: &str, values: &[i64]) -> Result<()> {
    let cat = FORM.catalogue();
    let violations = check_values(FORM, values);
    if violations.is_empty() {
        return Ok(());
    }
    let mut msg = format!("{unit}: {} rule violation(s)", violations.len());
    for v in &violations {
        let _ = write!(msg, "\n  {} {}: {}", v.rule, v.level, v.arithmetic(cat));
    }
    Err(msg.into())
}

// ------------------------------------------------------------------ the units

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    District,
    County,
    Department,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Kind::District => "district",
            Kind::County => "county",
            Kind::Department => "department",
        }
    }
}

/// How a unit's file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum File {
    Utf8,
    Utf8Bom,
    Gb18030,
    /// Tidy CSV (UTF-8) instead of the form grid.
    Tidy,
}

/// Which zero cells a grid unit leaves blank instead of writing 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Blanks {
    None,
    /// Zeros in the five 法人或其他组织 columns of table 三.
    OrgColumns,
    /// Zeros anywhere in tables 三 and 四.
    RequestsAndAppeals,
    /// Every zero cell.
    AllZeros,
}

#[derive(Debug)]
struct Unit {
    name: &'static str,
    kind: Kind,
    /// Weight of section 二 (active disclosure) before per-row multipliers.
    active: f64,
    /// Weight of sections 三 and 四 (applications, appeals).
    requests: f64,
    file: File,
    blanks: Blanks,
}

const fn unit(
    name: &'static str,
    kind: Kind,
    active: f64,
    requests: f64,
    file: File,
    blanks: Blanks,
) -> Unit {
    Unit {
        name,
        kind,
        active,
        requests,
        file,
        blanks,
    }
}

use Blanks as B;
use File as F;
use Kind as K;

const UNITS: &[Unit] = &[
    unit("城关区", K::District, 10.0, 14.0, F::Utf8, B::None),
    unit("七里河区", K::District, 8.0, 10.0, F::Utf8Bom, B::None),
    unit("西固区", K::District, 6.0, 5.0, F::Utf8, B::None),
    unit("安宁区", K::District, 6.0, 6.0, F::Utf8, B::None),
    unit("红古区", K::District, 3.0, 2.0, F::Utf8, B::None),
    unit("永登县", K::County, 5.0, 4.0, F::Gb18030, B::None),
    unit("皋兰县", K::County, 3.0, 2.0, F::Utf8, B::OrgColumns),
    unit("榆中县", K::County, 5.0, 5.0, F::Utf8, B::None),
    unit(
        "兰州市发展和改革委员会",
        K::Department,
        1.5,
        0.3,
        F::Utf8,
        B::None,
    ),
    unit(
        "兰州市教育局",
        K::Department,
        1.5,
        0.5,
        F::Utf8,
        B::RequestsAndAppeals,
    ),
    unit("兰州市公安局", K::Department, 4.0, 1.0, F::Utf8, B::None),
    unit("兰州市财政局", K::Department, 1.0, 0.0, F::Tidy, B::None),
    unit(
        "兰州市人力资源和社会保障局",
        K::Department,
        1.5,
        1.2,
        F::Gb18030,
        B::None,
    ),
    unit(
        "兰州市自然资源局",
        K::Department,
        2.5,
        4.0,
        F::Utf8,
        B::None,
    ),
    unit(
        "兰州市生态环境局",
        K::Department,
        2.0,
        0.6,
        F::Utf8,
        B::None,
    ),
    unit(
        "兰州市住房和城乡建设局",
        K::Department,
        2.5,
        3.0,
        F::Utf8,
        B::None,
    ),
    unit(
        "兰州市交通运输局",
        K::Department,
        2.5,
        0.4,
        F::Utf8,
        B::None,
    ),
    unit(
        "兰州市卫生健康委员会",
        K::Department,
        2.0,
        0.5,
        F::Utf8,
        B::None,
    ),
    unit(
        "兰州市市场监督管理局",
        K::Department,
        3.0,
        1.5,
        F::Utf8,
        B::None,
    ),
    unit(
        "兰州市司法局",
        K::Department,
        0.8,
        0.0,
        F::Utf8,
        B::AllZeros,
    ),
];

/// Per-row multipliers of the active weight: who makes regulations, who issues penalties, …
fn row_multiplier(u: &Unit, row: &str) -> f64 {
    let dept = |name: &str| u.name == format!("兰州市{name}");
    if row == "regulations" {
        // Districts and counties do not make 规章; the city's departments draft them.
        return match u.kind {
            K::Department if dept("司法局") => 4.0,
            K::Department => 1.0,
            _ => 0.0,
        };
    }
    if u.kind != K::Department {
        return 1.0;
    }
    let table: &[(&str, f64)] = match row {
        "licensing" => &[
            ("市场监督管理局", 6.0),
            ("公安局", 4.0),
            ("交通运输局", 3.0),
            ("住房和城乡建设局", 3.0),
            ("卫生健康委员会", 3.0),
            ("自然资源局", 2.0),
            ("人力资源和社会保障局", 2.0),
            ("财政局", 0.3),
            ("司法局", 0.5),
        ],
        "penalty" => &[
            ("公安局", 25.0),
            ("市场监督管理局", 5.0),
            ("交通运输局", 4.0),
            ("生态环境局", 3.0),
            ("住房和城乡建设局", 2.0),
            ("卫生健康委员会", 1.5),
            ("教育局", 0.2),
            ("发展和改革委员会", 0.3),
            ("财政局", 0.2),
            ("司法局", 0.3),
        ],
        "coercion" => &[
            ("公安局", 10.0),
            ("市场监督管理局", 3.0),
            ("生态环境局", 2.0),
            ("住房和城乡建设局", 2.0),
            ("交通运输局", 2.0),
            ("教育局", 0.0),
            ("财政局", 0.0),
            ("司法局", 0.0),
            ("发展和改革委员会", 0.2),
        ],
        "fees" => &[
            ("公安局", 2.0),
            ("自然资源局", 2.0),
            ("住房和城乡建设局", 2.0),
            ("发展和改革委员会", 0.3),
        ],
        "procurement" => &[("教育局", 3.0), ("卫生健康委员会", 3.0), ("公安局", 1.5)],
        _ => &[],
    };
    table
        .iter()
        .find(|(name, _)| dept(name))
        .map_or(1.0, |(_, m)| *m)
}

// ------------------------------------------------------------------ the split

/// A 64-bit LCG (Knuth's MMIX constants): deterministic, no dependency.
#[derive(Debug)]
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 11
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 53) as f64
    }
}

/// Splits `total` ≥ 0 into one share per unit, each ≤ its cap, by weight (jittered per call).
/// Large totals are shared out proportionally down to the last 500 items, which are dealt out one
/// by one at random. Units of weight 0 get nothing unless no weighted unit has room left.
fn split(total: i64, weights: &[f64], caps: Option<&[i64]>, rng: &mut Lcg) -> Result<Vec<i64>> {
    let n = weights.len();
    let cap = |i: usize| caps.map_or(i64::MAX, |c| c[i]);
    let w: Vec<f64> = weights.iter().map(|w| w * (0.5 + rng.unit())).collect();
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
            return Err(format!("cannot split {total}: every unit is at its cap").into());
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
fn split_change(total: i64, weights: &[f64], prior: &[i64], rng: &mut Lcg) -> Result<Vec<i64>> {
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

/// Every unit's dense values: base cells split, totals derived.
fn split_all(golden: &[i64]) -> Result<Vec<Vec<i64>>> {
    let cat = FORM.catalogue();
    let n = UNITS.len();
    let idx = |s: Section, r: &str, c: &str| -> Result<usize> {
        cat.find(s, r, c)
            .map(|cell| cell.index)
            .ok_or_else(|| format!("no cell {}.{r}.{c}", s.code()).into())
    };
    let mut rng = Lcg(SEED);
    let mut units = vec![vec![0i64; cat.len()]; n];

    // Section 二.
    for block in cat.blocks.iter().filter(|b| b.section == Section::Active) {
        for row in block.rows {
            let weights: Vec<f64> = UNITS
                .iter()
                .map(|u| u.active * row_multiplier(u, row.code))
                .collect();
            let a = |c: &str| idx(Section::Active, row.code, c);
            match row.code {
                "regulations" | "normative_documents" => {
                    let total = split(golden[a("total_published")?], &weights, None, &mut rng)?;
                    // new_published ≤ new_made ≤ total_published in every unit (R6 needs
                    // the outer pair; the inner one is only plausible).
                    let made = split(golden[a("new_made")?], &weights, Some(&total), &mut rng)?;
                    let new = split(golden[a("new_published")?], &weights, Some(&made), &mut rng)?;
                    put(&mut units, a("total_published")?, &total);
                    put(&mut units, a("new_published")?, &new);
                    put(&mut units, a("new_made")?, &made);
                }
                "procurement" => {
                    let projects = split(golden[a("projects")?], &weights, None, &mut rng)?;
                    put(&mut units, a("projects")?, &projects);
                    // Money in steps of 0.01 万元 (100 yuan), so most amounts are not whole 万元.
                    let step = MONEY_SCALE / 100;
                    let amount = a("amount")?;
                    if golden[amount] % step != 0 {
                        return Err("procurement amount finer than 0.01 万元".into());
                    }
                    let shares = split(golden[amount] / step, &weights, None, &mut rng)?;
                    let shares: Vec<i64> = shares.iter().map(|s| s * step).collect();
                    put(&mut units, amount, &shares);
                }
                _ => {
                    let prior = split(golden[a("prior_year_items")?], &weights, None, &mut rng)?;
                    let change = split_change(golden[a("change")?], &weights, &prior, &mut rng)?;
                    put(&mut units, a("prior_year_items")?, &prior);
                    put(&mut units, a("change")?, &change);
                    if block.columns.iter().any(|c| c.code == "decisions") {
                        let d = split(golden[a("decisions")?], &weights, None, &mut rng)?;
                        put(&mut units, a("decisions")?, &d);
                    }
                }
            }
        }
    }

    // Section 三: result rows × applicant columns, then carried_forward and carried_over.
    let req = cat.block_of(Section::Requests);
    let weights: Vec<f64> = UNITS.iter().map(|u| u.requests).collect();
    let result_rows: Vec<&str> = req
        .rows
        .iter()
        .map(|r| r.code)
        .skip_while(|r| *r != "granted")
        .take_while(|r| *r != "total")
        .collect();
    let applicants: Vec<&str> = req
        .columns
        .iter()
        .map(|c| c.code)
        .filter(|c| *c != "total")
        .collect();
    let r = |row: &str, col: &str| idx(Section::Requests, row, col);
    for &col in &applicants {
        // Organisations apply mostly to departments and the larger districts.
        let w: Vec<f64> = UNITS
            .iter()
            .zip(&weights)
            .map(|(u, w)| match (col, u.kind) {
                ("natural_person", _) => *w,
                (_, K::Department) => w * 2.0,
                _ => w * 0.5,
            })
            .collect();
        for &row in &result_rows {
            let shares = split(golden[r(row, col)?], &w, None, &mut rng)?;
            put(&mut units, r(row, col)?, &shares);
        }
        let total = r("total", col)?;
        for u in units.iter_mut() {
            u[total] = result_rows
                .iter()
                .map(|row| r(row, col).map(|i| u[i]))
                .sum::<Result<i64>>()?;
        }
        let forward = split(golden[r("carried_forward", col)?], &w, None, &mut rng)?;
        put(&mut units, r("carried_forward", col)?, &forward);
        // Carried over ≤ total + carried forward, so new_received stays ≥ 0.
        let room: Vec<i64> = units
            .iter()
            .map(|u| u[total])
            .zip(&forward)
            .map(|(t, f)| t + f)
            .collect();
        let over = split(golden[r("carried_over", col)?], &w, Some(&room), &mut rng)?;
        put(&mut units, r("carried_over", col)?, &over);
        let new = r("new_received", col)?;
        for (u, (room, over)) in units.iter_mut().zip(room.iter().zip(&over)) {
            u[new] = room - over;
        }
    }
    for row in req.rows {
        let total = r(row.code, "total")?;
        for u in units.iter_mut() {
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
            let shares = split(golden[a(c)?], &weights, None, &mut rng)?;
            put(&mut units, a(c)?, &shares);
            for (s, v) in sum.iter_mut().zip(&shares) {
                *s += v;
            }
        }
        put(&mut units, a("total")?, &sum);
    }

    // The units must add up to the published totals in every cell, and each pass R1–R6.
    for cell in &cat.cells {
        let sum: i64 = units.iter().map(|u| u[cell.index]).sum();
        if sum != golden[cell.index] {
            return Err(format!(
                "{}: units sum to {}, published {}",
                cell.code(),
                format_value(sum, cell.kind()),
                format_value(golden[cell.index], cell.kind())
            )
            .into());
        }
    }
    for (u, values) in UNITS.iter().zip(&units) {
        check(u.name, values)?;
    }
    Ok(units)
}

/// Which of a unit's zero cells are written blank.
fn blanks(u: &Unit, values: &[i64]) -> Vec<bool> {
    let cat = FORM.catalogue();
    cat.cells
        .iter()
        .map(|c| {
            values[c.index] == 0
                && match u.blanks {
                    B::None => false,
                    B::OrgColumns => {
                        c.section == Section::Requests
                            && !matches!(c.column.code, "natural_person" | "total")
                    }
                    B::RequestsAndAppeals => c.section != Section::Active,
                    B::AllZeros => true,
                }
        })
        .collect()
}

// ------------------------------------------------------------------ files

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tidy_text(unit: &str, values: &[i64]) -> String {
    let mut report = UnitReport::empty(
        unit.to_string(),
        YEAR,
        FORM,
        Arc::new(PathBuf::new()),
        Layout::Tidy,
    );
    report.values = values.to_vec();
    report.blank = vec![false; values.len()];
    let mut text = String::new();
    tidy::write(&[&report], &mut text);
    text
}

/// Reads a file back and returns its one report, failing on any error diagnostic.
fn read_back(path: &Path, warnings: &mut Vec<String>) -> Result<(UnitReport, String)> {
    let f = read_file(path, &ReadOptions::default());
    let errors: Vec<String> = f.errors().map(ToString::to_string).collect();
    if !errors.is_empty() {
        return Err(format!("{}:\n  {}", path.display(), errors.join("\n  ")).into());
    }
    warnings.extend(
        f.diagnostics
            .iter()
            .filter(|d| !d.is_error())
            .map(ToString::to_string),
    );
    let encoding = f.encoding.unwrap_or("?").to_string();
    let mut reports = f.reports;
    match (reports.pop(), reports.is_empty()) {
        (Some(r), true) => Ok((r, encoding)),
        _ => Err(format!("{}: expected one report", path.display()).into()),
    }
}

fn write_golden(golden: &[i64]) -> Result<()> {
    let path = root().join(FIXTURE);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&path, tidy_text(CITY, golden))?;
    verify_fixture(golden, true)?;
    println!(
        "wrote {FIXTURE}: {CITY} {YEAR}, {} values, R1–R6 hold",
        golden.len()
    );
    Ok(())
}

/// The fixture, read back, must hold exactly the published values.
fn verify_fixture(golden: &[i64], required: bool) -> Result<bool> {
    let path = root().join(FIXTURE);
    if !path.exists() && !required {
        return Ok(false);
    }
    let mut warnings = Vec::new();
    let (report, _) = read_back(&path, &mut warnings)?;
    if !warnings.is_empty() {
        return Err(format!("{FIXTURE}: {}", warnings.join("; ")).into());
    }
    if report.unit != CITY || report.year != YEAR || report.values != golden {
        return Err(
            format!("{FIXTURE} does not hold the published totals; rerun with --golden").into(),
        );
    }
    Ok(true)
}

fn write_sample(golden: &[i64]) -> Result<()> {
    let units = split_all(golden)?;
    let root = root();
    let dir = root.join(DATA_DIR);
    std::fs::create_dir_all(&dir)?;
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "csv") {
            std::fs::remove_file(path)?;
        }
    }

    let mut registry = String::from("unit,kind,parent\n");
    let _ = writeln!(registry, "{CITY},city,");
    for u in UNITS {
        let _ = writeln!(registry, "{},{},{CITY}", u.name, u.kind.code());
    }
    std::fs::write(root.join(UNITS_CSV), registry)?;

    let mut written = Vec::new();
    for (u, values) in UNITS.iter().zip(&units) {
        let blank = blanks(u, values);
        let text = match u.file {
            F::Tidy => tidy_text(u.name, values),
            _ => {
                let mut text = String::new();
                grid::write(
                    FORM,
                    Some(u.name),
                    Some(YEAR),
                    Some((values, &blank)),
                    &mut text,
                );
                text
            }
        };
        let bytes: Vec<u8> = match u.file {
            F::Utf8 | F::Tidy => text.into_bytes(),
            F::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            F::Gb18030 => {
                let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
                if unmappable {
                    return Err(format!("{}: not encodable in GB18030", u.name).into());
                }
                bytes.into_owned()
            }
        };
        let path = dir.join(format!("{}.csv", u.name));
        std::fs::write(&path, bytes)?;
        written.push((u, path, values, blank));
    }

    // Read every file back: same unit, same values and blanks, and the sum is the city's.
    let mut warnings = Vec::new();
    let mut sum = vec![0i64; golden.len()];
    let mut encodings: BTreeMap<String, usize> = BTreeMap::new();
    for (u, path, values, blank) in &written {
        let (report, encoding) = read_back(path, &mut warnings)?;
        let layout = if u.file == F::Tidy {
            Layout::Tidy
        } else {
            Layout::Grid
        };
        let expected_encoding = if u.file == F::Gb18030 {
            "gb18030"
        } else {
            "UTF-8"
        };
        if report.unit != u.name || report.year != YEAR || report.form != FORM {
            return Err(format!(
                "{}: read back as {} {}",
                path.display(),
                report.unit,
                report.year
            )
            .into());
        }
        if report.source.layout != layout || encoding != expected_encoding {
            return Err(format!(
                "{}: read as {encoding} {:?}",
                path.display(),
                report.source.layout
            )
            .into());
        }
        if &report.values != *values {
            return Err(format!("{}: values differ after reading back", path.display()).into());
        }
        let written_blank = if u.file == F::Tidy {
            vec![false; blank.len()]
        } else {
            blank.clone()
        };
        if report.blank != written_blank {
            return Err(
                format!("{}: blank cells differ after reading back", path.display()).into(),
            );
        }
        for (s, v) in sum.iter_mut().zip(&report.values) {
            *s += v;
        }
        let label = match u.file {
            F::Utf8 => "UTF-8",
            F::Utf8Bom => "UTF-8 with BOM",
            F::Gb18030 => "GB18030",
            F::Tidy => "tidy UTF-8",
        };
        *encodings.entry(label.to_string()).or_default() += 1;
    }
    if sum != golden {
        return Err("the files read back do not sum to the published totals".into());
    }
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let fixture = if verify_fixture(golden, false)? {
        "; fixture matches"
    } else {
        ""
    };
    let kinds: Vec<String> = encodings.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let blanks: usize = written
        .iter()
        .map(|(_, _, _, b)| b.iter().filter(|b| **b).count())
        .sum();
    println!(
        "wrote {} unit reports to {DATA_DIR} ({}; {blanks} blank cells) and {UNITS_CSV}; read back: \
         {} warning(s), per-cell sum = published {CITY} {YEAR} totals ({} cells){fixture}",
        written.len(),
        kinds.join(", "),
        warnings.len(),
        golden.len(),
    );
    Ok(())
}

fn main() -> Result<()> {
    let golden = golden()?;
    match std::env::args().nth(1).as_deref() {
        Some("--golden") => write_golden(&golden),
        None => write_sample(&golden),
        Some(other) => Err(format!("unknown argument {other:?}; use --golden or nothing").into()),
    }
}
