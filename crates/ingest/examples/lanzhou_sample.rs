//! Writes the Lanzhou sample data, 2019–2023: the published city totals of the 兰州市2020年政府
//! 信息公开工作年度报告 (2021-03-09), split into ~20 synthetic unit reports, and synthetic reports
//! of the same units for 2019 (form 2019) and 2021–2023 (form 2021) derived from that split.
//!
//! Only the 2020 city totals are real. The split is invented (fixed weights and a fixed-seed
//! LCG); it says nothing about the real units, and neither do the other years, which drift each
//! unit's 2020 report year by year. Every unit passes R1–R6 every year, the units of 2020 add up
//! exactly to the published totals, and the chains between years hold for every unit (X1
//! carry-over, X2 item counts 2019→2020, X3 documents in force 2021→2023, X4 no copied report),
//! which the program checks on the values and again on the files read back.
//!
//! ```text
//! cargo run -p gongkai-ingest --example lanzhou_sample              # data/lanzhou/…, trend fixture
//! cargo run -p gongkai-ingest --example lanzhou_sample -- --golden  # tests/fixtures/…2020…
//! ```

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gongkai_form::rules::{check_values, check_years};
use gongkai_form::{format_value, FormVersion, Section, ValueKind, MONEY_SCALE};
use gongkai_ingest::{read_file, ReadOptions};
use gongkai_report::write::{grid, tidy};
use gongkai_report::{Layout, UnitReport};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The year of the published totals.
const YEAR: i32 = 2020;
const FORM: FormVersion = FormVersion::F2019;
/// Every year written, in order.
const YEARS: [i32; 5] = [2019, 2020, 2021, 2022, 2023];
const CITY: &str = "兰州市";
const SEED: u64 = 0x1a2b_2020_0309;
const FIXTURE: &str = "tests/fixtures/lanzhou-2020-published.csv";
const TREND_FIXTURE: &str = "tests/fixtures/lanzhou-trend-expected.csv";
const UNITS_CSV: &str = "data/lanzhou/units.csv";
const DATA_ROOT: &str = "data/lanzhou";

/// The city totals written to the trend fixture, per year.
const HEADLINE: [&str; 8] = [
    "requests.new_received.total",
    "requests.granted.total",
    "requests.partially_granted.total",
    "requests.total.total",
    "appeals.reconsideration.total",
    "appeals.litigation_direct.total",
    "appeals.litigation_after_reconsideration.total",
    "active.licensing.decisions",
];

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
    check(FORM, CITY, &values)?;
    Ok(values)
}

/// R1–R6 on one set of values: any violation, warning or error, aborts.
fn check(form: FormVersion, unit: &str, values: &[i64]) -> Result<()> {
    let cat = form.catalogue();
    let violations = check_values(form, values);
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
    /// First report year.
    from: i32,
    /// Last report year (`None`: still reporting).
    to: Option<i32>,
    /// The unit's own drift of applications per year on top of the city's (below 1: falling).
    trend: f64,
}

impl Unit {
    /// Created in `year`: its first report is that year's.
    const fn from(mut self, year: i32) -> Unit {
        self.from = year;
        self
    }

    /// Merged away after `year`: its last report is that year's.
    const fn to(mut self, year: i32) -> Unit {
        self.to = Some(year);
        self
    }

    const fn trend(mut self, trend: f64) -> Unit {
        self.trend = trend;
        self
    }

    fn reports_in(&self, year: i32) -> bool {
        year >= self.from && self.to.is_none_or(|t| year <= t)
    }
}

/// The units reporting for `year`, in registry order.
fn units_in(year: i32) -> Vec<&'static Unit> {
    UNITS.iter().filter(|u| u.reports_in(year)).collect()
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
        from: YEARS[0],
        to: None,
        trend: 1.0,
    }
}

use Blanks as B;
use File as F;
use Kind as K;

const UNITS: &[Unit] = &[
    unit("城关区", K::District, 10.0, 14.0, F::Utf8, B::None).trend(1.04),
    unit("七里河区", K::District, 8.0, 10.0, F::Utf8Bom, B::None),
    unit("西固区", K::District, 6.0, 5.0, F::Utf8, B::None).trend(0.72),
    unit("安宁区", K::District, 6.0, 6.0, F::Utf8, B::None),
    unit("红古区", K::District, 3.0, 2.0, F::Utf8, B::None).trend(0.78),
    unit("永登县", K::County, 5.0, 4.0, F::Gb18030, B::None).trend(0.75),
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
    // Synthetic: as if merged into another body after its 2021 report.
    unit(
        "兰州市交通运输局",
        K::Department,
        2.5,
        0.4,
        F::Utf8,
        B::None,
    )
    .to(2021),
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
    // Synthetic: a new department whose first report is for 2022 (the real city data bureaus
    // were set up in 2024). Not in the 2020 split.
    unit("兰州市数据局", K::Department, 0.5, 0.8, F::Utf8, B::None)
        .from(2022)
        .trend(1.25),
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
fn split_all(golden: &[i64], units_2020: &[&Unit]) -> Result<Vec<Vec<i64>>> {
    let cat = FORM.catalogue();
    let n = units_2020.len();
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
            let weights: Vec<f64> = units_2020
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
    let weights: Vec<f64> = units_2020.iter().map(|u| u.requests).collect();
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
        let w: Vec<f64> = units_2020
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
    for (u, values) in units_2020.iter().zip(&units) {
        check(FORM, u.name, values)?;
    }
    Ok(units)
}

/// Which of a unit's zero cells are written blank.
fn blanks(u: &Unit, form: FormVersion, values: &[i64]) -> Vec<bool> {
    let cat = form.catalogue();
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

// ------------------------------------------------------------------ the other years

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

impl Lcg {
    /// Uniform in [lo, hi).
    fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// `x` (negative: 0) rounded down or up at random, so that the expectation is `x`.
    fn round(&mut self, x: f64) -> i64 {
        let x = x.max(0.0);
        let floor = x.floor();
        floor as i64 + i64::from(self.unit() < x - floor)
    }

    /// `x × factor × U(1 − jitter, 1 + jitter)`, rounded at random.
    fn drift(&mut self, x: i64, factor: f64, jitter: f64) -> i64 {
        let f = factor * self.between(1.0 - jitter, 1.0 + jitter);
        self.round(x as f64 * f)
    }
}

/// Dense index of a cell; the codes are the catalogue's, so a miss is a typo here.
fn ix(form: FormVersion, section: Section, row: &str, col: &str) -> usize {
    match form.catalogue().find(section, row, col) {
        Some(c) => c.index,
        None => panic!("form {form} has no cell {}.{row}.{col}", section.code()),
    }
}

/// The six applicant columns and the result rows (予以公开 … 其他处理) of a form.
fn request_codes(form: FormVersion) -> (Vec<&'static str>, Vec<&'static str>) {
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

/// Money in 万元 as an exact value, a multiple of `step`.
fn money(wan: f64, step: i64) -> i64 {
    (wan * MONEY_SCALE as f64 / step as f64).round().max(0.0) as i64 * step
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
    rng: &mut Lcg,
    mut result: impl FnMut(&str, &str, &mut Lcg) -> i64,
    mut carry: impl FnMut(&str, i64, &mut Lcg) -> (i64, i64),
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
    rng: &mut Lcg,
    mut outcome: impl FnMut(&str, &str, &mut Lcg) -> i64,
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
fn evolve(u: &Unit, year: i32, base_year: i32, base: &[i64], rng: &mut Lcg) -> Result<Vec<i64>> {
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
                let total = rng.drift(b(active, row, "total_published"), 0.875, 0.08);
                let made = rng
                    .drift(b(active, row, "new_made"), act_f, 0.25)
                    .min(total);
                let new = rng.drift(b(active, row, "new_published"), act_f, 0.25);
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
                    out[a(row, "decisions")] = rng.drift(b(active, row, "decisions"), act_f, 0.1);
                }
            }
            out[a("procurement", "projects")] =
                rng.drift(b(active, "procurement", "projects"), act_f, 0.1);
            let amount = b(active, "procurement", "amount") as f64 / MONEY_SCALE as f64;
            out[a("procurement", "amount")] = money(amount * act_f * rng.between(0.9, 1.1), step);
        }
        (FormVersion::F2019, FormVersion::F2021) => {
            for row in ["regulations", "normative_documents"] {
                let stock = rng.drift(b(active, row, "total_published"), 0.7, 0.15);
                let issued = rng.drift(b(active, row, "new_made"), act_f, 0.2);
                let abolished = rng.drift(stock, 0.06, 0.6).min(stock);
                out[a(row, "issued")] = issued;
                out[a(row, "abolished")] = abolished;
                out[a(row, "in_force")] = stock + issued - abolished;
            }
            for row in ["licensing", "penalty", "coercion"] {
                out[a(row, "decisions")] = rng.drift(b(active, row, "decisions"), act_f, 0.1);
            }
            // 收费金额: the unit's fee items (2020, after 本年增/减) × 25–250 万元 each.
            let items = b(active, "fees", "prior_year_items") + b(active, "fees", "change");
            out[a("fees", "amount")] = money(items as f64 * rng.between(25.0, 250.0), step);
        }
        (FormVersion::F2021, FormVersion::F2021) if !back => {
            for row in ["regulations", "normative_documents"] {
                let stock = b(active, row, "in_force");
                let issued = rng.drift(b(active, row, "issued"), act_f, 0.25);
                let abolished = rng.drift(stock, 0.05, 0.8).min(stock);
                out[a(row, "issued")] = issued;
                out[a(row, "abolished")] = abolished;
                out[a(row, "in_force")] = stock + issued - abolished;
            }
            for row in ["licensing", "penalty", "coercion"] {
                out[a(row, "decisions")] = rng.drift(b(active, row, "decisions"), act_f, 0.1);
            }
            let amount = b(active, "fees", "amount") as f64 / MONEY_SCALE as f64;
            out[a("fees", "amount")] = money(amount * act_f * rng.between(0.9, 1.1), step);
        }
        _ => return Err(format!("{}: cannot derive {year} from {base_year}", u.name).into()),
    }

    let last = u.to == Some(year);
    let weight = u.requests;
    let fresh = move |row: &str, col: &str, rng: &mut Lcg| {
        weight > 0.0
            && FRESH.contains(&row)
            && matches!(col, "natural_person" | "commercial_enterprise")
            && rng.unit() < (0.012 * weight).min(0.15) * req_f
    };
    fill_requests(
        form,
        &mut out,
        rng,
        |row, col, rng| match b(Section::Requests, row, col) {
            0 => i64::from(fresh(row, col, rng)),
            v => rng.drift(v, req_f, 0.15),
        },
        |col, total, rng| {
            let r = |row: &str| b(Section::Requests, row, col);
            if back {
                (rng.drift(total, 0.03, 1.0).min(total), r("carried_over"))
            } else if last {
                (r("carried_forward"), 0)
            } else {
                (r("carried_forward"), rng.drift(total, 0.03, 1.0))
            }
        },
    );
    fill_appeals(form, &mut out, rng, |row, col, rng| {
        match b(Section::Appeals, row, col) {
            0 => i64::from(weight > 0.0 && rng.unit() < (0.004 * weight).min(0.05)),
            v => rng.drift(v, req_f.sqrt(), 0.3),
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
fn founding(u: &Unit, year: i32, rng: &mut Lcg) -> Result<Vec<i64>> {
    let form = FormVersion::for_year(year);
    if form != FormVersion::F2021 || u.from != year {
        return Err(format!("{}: no founding report for {year}", u.name).into());
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
    let result = |row: &str, col: &str, _: &mut Lcg| {
        results
            .iter()
            .find(|(r, c, _)| *r == row && *c == col)
            .map_or(0, |(_, _, v)| *v)
    };
    let carry = |col: &str, _, _: &mut Lcg| (0, i64::from(col == "natural_person"));
    fill_requests(form, &mut out, rng, result, carry);
    fill_appeals(form, &mut out, rng, |row, col, _| {
        i64::from(row == "reconsideration" && col == "upheld")
    });
    Ok(out)
}

/// One year's reports, in registry order.
type Year = Vec<(&'static Unit, Vec<i64>)>;

/// Every year: 2020 split from the published totals, 2019 drifted back from 2020, 2021–2023 each
/// drifted from the year before (or founded). Every report passes R1–R6.
fn all_years(golden: &[i64]) -> Result<BTreeMap<i32, Year>> {
    let units_2020 = units_in(YEAR);
    let split = split_all(golden, &units_2020)?;
    let mut years: BTreeMap<i32, Year> = BTreeMap::new();
    years.insert(YEAR, units_2020.into_iter().zip(split).collect());
    for year in YEARS.into_iter().filter(|y| *y != YEAR) {
        let base_year = if year < YEAR { year + 1 } else { year - 1 };
        let base = years
            .get(&base_year)
            .ok_or_else(|| format!("{year} needs {base_year} first"))?;
        let form = FormVersion::for_year(year);
        let mut rng = Lcg(SEED ^ (year as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let mut reports = Year::new();
        for u in units_in(year) {
            let values = match base.iter().find(|(b, _)| b.name == u.name) {
                Some((_, b)) => evolve(u, year, base_year, b, &mut rng)?,
                None => founding(u, year, &mut rng)?,
            };
            check(form, u.name, &values).map_err(|e| format!("{year}: {e}"))?;
            reports.push((u, values));
        }
        years.insert(year, reports);
    }
    Ok(years)
}

/// X1–X4 between each unit's consecutive reports: any finding, warning or error, aborts.
fn check_chains(years: &BTreeMap<i32, Vec<(&str, Vec<i64>)>>) -> Result<usize> {
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
                return Err(format!("{unit} {year}: identical to {} (X4)", year - 1).into());
            }
            if let Some(v) = violations.first() {
                return Err(format!(
                    "{unit} {year}: {} violation(s), first {} {}",
                    violations.len(),
                    v.rule,
                    v.arithmetic((pf, year - 1), (cf, year))
                )
                .into());
            }
            pairs += 1;
        }
    }
    Ok(pairs)
}

/// Per-cell sum of one year's reports.
fn city_total(form: FormVersion, reports: &[(&str, Vec<i64>)]) -> Vec<i64> {
    let mut sum = vec![0i64; form.catalogue().len()];
    for (_, values) in reports {
        for (s, v) in sum.iter_mut().zip(values) {
            *s += v;
        }
    }
    sum
}

/// A city total by dotted code.
fn headline(form: FormVersion, total: &[i64], code: &str) -> Result<i64> {
    form.catalogue()
        .by_code(code)
        .map(|c| total[c.index])
        .ok_or_else(|| format!("form {form} has no cell {code}").into())
}

// ------------------------------------------------------------------ files

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tidy_text(unit: &str, year: i32, form: FormVersion, values: &[i64]) -> String {
    let mut report = UnitReport::empty(
        unit.to_string(),
        year,
        form,
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
    std::fs::write(&path, tidy_text(CITY, YEAR, FORM, golden))?;
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

/// A unit file as written, to compare with what reads back.
struct Written {
    unit: &'static Unit,
    year: i32,
    form: FormVersion,
    path: PathBuf,
    values: Vec<i64>,
    blank: Vec<bool>,
}

/// The file's bytes in the unit's format and encoding.
fn file_bytes(
    u: &Unit,
    year: i32,
    form: FormVersion,
    values: &[i64],
    blank: &[bool],
) -> Result<Vec<u8>> {
    let text = match u.file {
        F::Tidy => tidy_text(u.name, year, form, values),
        _ => {
            let mut text = String::new();
            grid::write(
                form,
                Some(u.name),
                Some(year),
                Some((values, blank)),
                &mut text,
            );
            text
        }
    };
    Ok(match u.file {
        F::Utf8 | F::Tidy => text.into_bytes(),
        F::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        F::Gb18030 => {
            let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
            if unmappable {
                return Err(format!("{}: not encodable in GB18030", u.name).into());
            }
            bytes.into_owned()
        }
    })
}

/// Replaces every `*.csv` in `data/lanzhou/<year>/` with the year's unit files.
fn write_year(year: i32, reports: &Year) -> Result<Vec<Written>> {
    let form = FormVersion::for_year(year);
    let dir = root().join(DATA_ROOT).join(year.to_string());
    std::fs::create_dir_all(&dir)?;
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "csv") {
            std::fs::remove_file(path)?;
        }
    }
    let mut written = Vec::new();
    for (u, values) in reports {
        let blank = blanks(u, form, values);
        let path = dir.join(format!("{}.csv", u.name));
        std::fs::write(&path, file_bytes(u, year, form, values, &blank)?)?;
        written.push(Written {
            unit: u,
            year,
            form,
            path,
            values: values.clone(),
            blank,
        });
    }
    Ok(written)
}

/// The registry: every unit once, with its first and last report year.
fn registry_text() -> String {
    let mut registry = String::from("unit,kind,parent,from,to\n");
    let _ = writeln!(registry, "{CITY},city,,,");
    for u in UNITS {
        let to = u.to.map(|t| t.to_string()).unwrap_or_default();
        let _ = writeln!(
            registry,
            "{},{},{CITY},{},{to}",
            u.name,
            u.kind.code(),
            u.from
        );
    }
    registry
}

/// Reads a written file back: same unit, year, form, layout, encoding, values and blanks.
fn verify_written(w: &Written, warnings: &mut Vec<String>) -> Result<Vec<i64>> {
    let (report, encoding) = read_back(&w.path, warnings)?;
    let path = w.path.display();
    let (layout, expected_encoding) = match w.unit.file {
        F::Tidy => (Layout::Tidy, "UTF-8"),
        F::Gb18030 => (Layout::Grid, "gb18030"),
        _ => (Layout::Grid, "UTF-8"),
    };
    if report.unit != w.unit.name || report.year != w.year || report.form != w.form {
        return Err(format!(
            "{path}: read back as {} {} form {}",
            report.unit, report.year, report.form
        )
        .into());
    }
    if report.source.layout != layout || encoding != expected_encoding {
        return Err(format!("{path}: read as {encoding} {:?}", report.source.layout).into());
    }
    if report.values != w.values {
        return Err(format!("{path}: values differ after reading back").into());
    }
    let written_blank = if w.unit.file == F::Tidy {
        vec![false; w.blank.len()]
    } else {
        w.blank.clone()
    };
    if report.blank != written_blank {
        return Err(format!("{path}: blank cells differ after reading back").into());
    }
    Ok(report.values)
}

fn write_sample(golden: &[i64]) -> Result<()> {
    let years = all_years(golden)?;
    let root = root();
    let mut written = Vec::new();
    for (&year, reports) in &years {
        written.extend(write_year(year, reports)?);
    }
    std::fs::write(root.join(UNITS_CSV), registry_text())?;

    // The trend fixture: headline city totals of the values written.
    let mut trend = String::from("year,measure,value\n");
    for (&year, reports) in &years {
        let form = FormVersion::for_year(year);
        let named: Vec<(&str, Vec<i64>)> =
            reports.iter().map(|(u, v)| (u.name, v.clone())).collect();
        let total = city_total(form, &named);
        for code in HEADLINE {
            let _ = writeln!(trend, "{year},{code},{}", headline(form, &total, code)?);
        }
    }
    std::fs::write(root.join(TREND_FIXTURE), &trend)?;

    // Read every file back; then R1–R6 per unit and city, X1–X4 per unit, 2020 = published.
    let mut warnings = Vec::new();
    let mut read: BTreeMap<i32, Vec<(&str, Vec<i64>)>> = BTreeMap::new();
    let mut encodings: BTreeMap<&str, usize> = BTreeMap::new();
    for w in &written {
        let values = verify_written(w, &mut warnings)?;
        check(w.form, w.unit.name, &values).map_err(|e| format!("{} {e}", w.year))?;
        read.entry(w.year).or_default().push((w.unit.name, values));
        let label = match w.unit.file {
            F::Utf8 => "UTF-8",
            F::Utf8Bom => "UTF-8 with BOM",
            F::Gb18030 => "GB18030",
            F::Tidy => "tidy UTF-8",
        };
        *encodings.entry(label).or_default() += 1;
    }
    let pairs = check_chains(&read)?;
    let mut read_trend = String::from("year,measure,value\n");
    for (&year, reports) in &read {
        let form = FormVersion::for_year(year);
        let total = city_total(form, reports);
        check(form, &format!("{CITY} {year}"), &total)?;
        if year == YEAR && total != golden {
            return Err("the 2020 files read back do not sum to the published totals".into());
        }
        let h = |code: &str| headline(form, &total, code);
        for code in HEADLINE {
            let _ = writeln!(read_trend, "{year},{code},{}", h(code)?);
        }
        let units: Vec<&str> = reports.iter().map(|(u, _)| *u).collect();
        let came: Vec<&str> = units
            .iter()
            .filter(|u| {
                read.get(&(year - 1))
                    .is_some_and(|p| !p.iter().any(|(n, _)| n == *u))
            })
            .copied()
            .collect();
        let went: Vec<&str> = read.get(&(year - 1)).map_or(Vec::new(), |p| {
            p.iter()
                .map(|(n, _)| *n)
                .filter(|n| !units.contains(n))
                .collect()
        });
        let mut change = String::new();
        if !came.is_empty() {
            let _ = write!(change, "; new: {}", came.join(", "));
        }
        if !went.is_empty() {
            let _ = write!(change, "; gone: {}", went.join(", "));
        }
        println!(
            "{year}: {} units, form {form}; {CITY}: new_received {}, granted {}, \
             partially_granted {}, reconsideration {}, licensing decisions {}{change}",
            units.len(),
            h("requests.new_received.total")?,
            h("requests.granted.total")?,
            h("requests.partially_granted.total")?,
            h("appeals.reconsideration.total")?,
            h("active.licensing.decisions")?,
        );
    }
    if read_trend != trend {
        return Err(format!("{TREND_FIXTURE}: the files read back give other totals").into());
    }
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let fixture = if verify_fixture(golden, false)? {
        "; 2020 fixture matches"
    } else {
        ""
    };
    let kinds: Vec<String> = encodings.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let blanks: usize = written
        .iter()
        .map(|w| w.blank.iter().filter(|b| **b).count())
        .sum();
    println!(
        "wrote {} unit reports for {}–{} to {DATA_ROOT}/<year> ({}; {blanks} blank cells), \
         {UNITS_CSV} and {TREND_FIXTURE}; read back: {} warning(s), R1–R6 hold for every \
         report and city total, X1–X4 for {pairs} consecutive pairs, 2020 sum = published \
         {CITY} totals ({} cells){fixture}",
        written.len(),
        YEARS[0],
        YEARS[YEARS.len() - 1],
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
