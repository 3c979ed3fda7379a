//! A unit's reports, year by year: a caseload profile drawn once per unit, then each year drawn
//! from it with the chains to the year before built in (X1 carry-over, X2 item counts, X3
//! documents in force, X4 never a copy), and the planned defect applied last so the next year
//! follows what was actually written.

use std::collections::BTreeSet;

use gongkai_form::rules::{check_values, check_years};
use gongkai_form::{check_known, FormVersion, Level, MONEY_SCALE};

use crate::cells::{FormCells, APPLICANTS, TOTAL_COL};
use crate::defects::{self, DefectKind, Previous, SENTINEL};
use crate::names::Class;
use crate::rng::{Rng, Stream};
use crate::units::{Plan, PlannedUnit, Role};
use crate::SynthError;

/// A defect as applied to one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Injected {
    pub kind: DefectKind,
    /// Dense index of the cell it broke (none for a copy or a missing report).
    pub cell: Option<usize>,
    /// The text written in that cell instead of its number.
    pub text: Option<String>,
    /// Every (rule, level) `validate` reports on this unit and year because of it.
    pub expected: Vec<(String, Level)>,
}

/// One report as generated: the values written (after any defect).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedReport {
    pub year: i32,
    pub form: FormVersion,
    pub values: Vec<i64>,
    pub defect: Option<Injected>,
}

impl GeneratedReport {
    /// Whether a file is written for it.
    pub fn has_file(&self) -> bool {
        !matches!(&self.defect, Some(d) if d.kind == DefectKind::Missing)
    }

    /// Whether the reader accepts it (a file without text in a number cell).
    pub fn accepted(&self) -> bool {
        !matches!(&self.defect, Some(d) if matches!(d.kind, DefectKind::Missing | DefectKind::Text))
    }

    /// The values as written to the file: the text cell holds [`SENTINEL`] until rendered.
    pub(crate) fn written(&self) -> std::borrow::Cow<'_, [i64]> {
        match &self.defect {
            Some(Injected {
                cell: Some(c),
                text: Some(_),
                ..
            }) => {
                let mut v = self.values.clone();
                v[*c] = SENTINEL;
                std::borrow::Cow::Owned(v)
            }
            _ => std::borrow::Cow::Borrowed(&self.values),
        }
    }
}

/// All reports of one unit, years ascending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedUnit {
    pub index: usize,
    pub reports: Vec<GeneratedReport>,
}

/// Typical caseloads (per year) of one unit.
#[derive(Debug, Clone)]
struct Profile {
    licensing: f64,
    penalty: f64,
    coercion: f64,
    other_services: f64,
    /// Items (事项) on the lists at the start, form 2019: licensing, other services, penalty,
    /// coercion, fees.
    items: [f64; 5],
    requests: f64,
    /// Share of each applicant column.
    applicants: [f64; APPLICANTS],
    /// Weights of the 18 result rows both forms have, 予以公开 … 要求确认或重新出具.
    results: [f64; 18],
    /// Weight of （六）其他处理 (form 2019) and of its three rows (form 2021).
    other_2019: f64,
    other_2021: [f64; 3],
    /// Share of applications still open at the end of the year.
    forward: f64,
    reconsideration: f64,
    litigation: f64,
    after_reconsideration: f64,
    outcomes: [f64; 4],
    regulations: f64,
    regulation_stock: f64,
    normative: f64,
    normative_stock: f64,
    procurement: f64,
    per_project: f64,
    fee_amount: f64,
    fee_items: f64,
    /// The smallest money amount the unit writes.
    money_step: i64,
    /// The unit's own yearly drift of applications.
    trend: f64,
}

/// A mean caseload for a class (see [`Class`]).
fn decisions(class: Class, rng: &mut Rng) -> f64 {
    match class {
        0 => 0.0,
        1 => rng.log_uniform(0.5, 15.0),
        2 => rng.log_uniform(10.0, 300.0),
        3 => rng.log_uniform(200.0, 5_000.0),
        4 => rng.log_uniform(2_000.0, 60_000.0),
        _ => rng.log_uniform(20_000.0, 300_000.0),
    }
}

fn requests(class: Class, rng: &mut Rng) -> f64 {
    match class {
        0 => rng.log_uniform(0.05, 1.5),
        1 => rng.log_uniform(0.5, 6.0),
        2 => rng.log_uniform(2.0, 20.0),
        3 => rng.log_uniform(8.0, 60.0),
        _ => rng.log_uniform(30.0, 250.0),
    }
}

/// `mean` with probability `p`, else 0: many small units never see a case of a kind.
fn sometimes(rng: &mut Rng, p: f64, lo: f64, hi: f64) -> f64 {
    if rng.chance(p) {
        rng.log_uniform(lo, hi)
    } else {
        0.0
    }
}

/// Items on a list for a yearly caseload: big lists where there are many cases.
fn items_for(mean: f64, rng: &mut Rng) -> f64 {
    if mean <= 0.0 {
        0.0
    } else {
        (mean.powf(0.45) * rng.between(0.5, 1.5)).clamp(1.0, 3_000.0)
    }
}

impl Profile {
    fn draw(u: &PlannedUnit, rng: &mut Rng) -> Profile {
        let mut p = Profile {
            licensing: 0.0,
            penalty: 0.0,
            coercion: 0.0,
            other_services: 0.0,
            items: [0.0; 5],
            requests: 0.0,
            applicants: [0.0; APPLICANTS],
            results: [0.0; 18],
            other_2019: 0.0,
            other_2021: [0.0; 3],
            forward: rng.between(0.0, 0.08),
            reconsideration: rng.log_uniform(0.01, 0.12),
            litigation: rng.log_uniform(0.005, 0.06),
            after_reconsideration: rng.between(0.1, 0.35),
            outcomes: [
                0.5 * rng.between(0.6, 1.4),
                0.1 * rng.log_uniform(0.3, 3.0),
                0.27 * rng.between(0.5, 1.5),
                0.13 * rng.between(0.3, 1.7),
            ],
            regulations: 0.0,
            regulation_stock: 0.0,
            normative: 0.0,
            normative_stock: 0.0,
            procurement: 0.0,
            per_project: rng.log_uniform(3.0, 150.0),
            fee_amount: 0.0,
            fee_items: 0.0,
            money_step: match rng.unit() {
                x if x < 0.9 => MONEY_SCALE / 100,
                x if x < 0.98 => MONEY_SCALE / 10_000,
                _ => 1,
            },
            trend: rng.log_uniform(0.85, 1.2),
        };
        let mut natural = rng.between(0.65, 0.95);
        match u.role {
            Role::Government => {
                p.licensing = rng.log_uniform(2_000.0, 200_000.0);
                p.penalty = rng.log_uniform(500.0, 50_000.0);
                p.coercion = rng.log_uniform(20.0, 3_000.0);
                p.other_services = rng.log_uniform(1_000.0, 80_000.0);
                p.requests = rng.log_uniform(8.0, 250.0);
                p.normative = rng.log_uniform(5.0, 40.0);
                p.procurement = rng.log_uniform(30.0, 400.0);
                p.fee_amount = rng.log_uniform(500.0, 20_000.0);
            }
            Role::Township => {
                p.licensing = sometimes(rng, 0.7, 0.5, 150.0);
                p.penalty = sometimes(rng, 0.5, 0.3, 30.0);
                p.coercion = sometimes(rng, 0.2, 0.2, 5.0);
                p.other_services = sometimes(rng, 0.6, 1.0, 500.0);
                p.requests = rng.log_uniform(0.02, 3.0);
                p.normative = sometimes(rng, 0.4, 0.2, 2.0);
                p.procurement = sometimes(rng, 0.5, 0.5, 8.0);
                p.per_project = rng.log_uniform(1.0, 30.0);
                p.reconsideration *= 0.3;
                p.litigation *= 0.3;
            }
            Role::Department { city_level, .. } => {
                let d = u
                    .department()
                    .copied()
                    .unwrap_or(crate::names::DEPARTMENTS[1]);
                // A district's or county's bureau handles a share of a city bureau's cases.
                let scale = if city_level {
                    1.0
                } else {
                    rng.between(0.1, 0.35)
                };
                p.licensing = decisions(d.licensing, rng) * scale;
                p.penalty = decisions(d.penalty, rng) * scale;
                p.coercion = decisions(d.coercion, rng) * scale;
                p.other_services = decisions(d.other_services, rng) * scale;
                let class = if city_level {
                    d.requests
                } else {
                    d.requests.saturating_sub(1)
                };
                p.requests = requests(class, rng);
                natural = rng.between(0.5, 0.9);
                p.normative = if city_level {
                    rng.log_uniform(1.0, 12.0)
                } else {
                    sometimes(rng, 0.6, 0.2, 4.0)
                };
                if d.regulations && city_level {
                    p.regulations = rng.log_uniform(0.5, 6.0);
                    p.regulation_stock = rng.log_uniform(20.0, 150.0);
                }
                p.procurement = match d.procurement {
                    0 => sometimes(rng, 0.5, 0.3, 3.0),
                    1 => rng.log_uniform(2.0, 20.0),
                    2 => rng.log_uniform(10.0, 100.0),
                    _ => rng.log_uniform(50.0, 500.0),
                } * scale.max(0.3);
                p.fee_amount = match d.fees {
                    0 => 0.0,
                    1 => rng.log_uniform(10.0, 500.0),
                    _ => rng.log_uniform(200.0, 20_000.0),
                } * scale;
            }
            Role::Province | Role::City => {}
        }
        p.normative_stock = p.normative * rng.between(4.0, 15.0);
        p.fee_items = if p.fee_amount > 0.0 {
            rng.log_uniform(1.0, 20.0)
        } else {
            0.0
        };
        p.items = [
            items_for(p.licensing, rng),
            items_for(p.other_services, rng),
            2.0 * items_for(p.penalty, rng),
            items_for(p.coercion, rng),
            p.fee_items,
        ];
        // Organisations: mostly companies and law firms.
        let orgs = [0.55, 0.03, 0.05, 0.25, 0.12];
        p.applicants[0] = natural;
        for (i, w) in orgs.iter().enumerate() {
            p.applicants[i + 1] = (1.0 - natural) * w * rng.log_uniform(0.5, 2.0);
        }
        let results = [
            0.50, 0.07, // granted, partially granted
            0.003, 0.005, 0.004, 0.012, 0.015, 0.02, 0.01, 0.008, // withheld
            0.15, 0.03, 0.02, // unable
            0.03, 0.02, 0.005, 0.006, 0.01, // not processed
        ];
        for (i, w) in results.iter().enumerate() {
            p.results[i] = w * rng.log_uniform(0.4, 2.5);
        }
        p.results[0] = 0.5 * rng.between(0.6, 1.3);
        p.other_2019 = 0.04 * rng.log_uniform(0.4, 2.5);
        p.other_2021 = [
            0.02 * rng.log_uniform(0.4, 2.5),
            0.001 * rng.log_uniform(0.4, 2.5),
            0.02 * rng.log_uniform(0.4, 2.5),
        ];
        p
    }

    /// Result row weights in the form's template order.
    fn result_weights(&self, form: FormVersion, out: &mut Vec<f64>) {
        out.clear();
        out.extend_from_slice(&self.results);
        match form {
            FormVersion::F2019 => out.push(self.other_2019),
            FormVersion::F2021 => out.extend_from_slice(&self.other_2021),
        }
    }
}

/// The drift of applications across all units: they rose every year after the 2019 rules.
fn request_factor(year: i32) -> f64 {
    match year {
        ..=2018 => 0.9f64.powi(2019 - year),
        2019 => 1.0,
        2020 => 1.1,
        2021 => 1.25,
        2022 => 1.45,
        2023 => 1.5,
        _ => 1.5 * 1.03f64.powi(year - 2023),
    }
}

/// The drift of licences and penalties: a dip in 2020.
fn active_factor(year: i32) -> f64 {
    match year {
        2020 => 0.92,
        2021 => 1.05,
        2022 => 0.98,
        2023 => 1.1,
        _ => 1.0,
    }
}

/// Money in 万元 as an exact value, a multiple of `step`.
pub(crate) fn money(wan: f64, step: i64) -> i64 {
    ((wan * MONEY_SCALE as f64 / step as f64).round().max(0.0) as i64) * step
}

/// Where a year sits in the unit's life.
#[derive(Debug, Clone, Copy)]
struct YearContext {
    year: i32,
    /// The unit was created this year: nothing carried over.
    created: bool,
    /// The unit is dissolved after this year: nothing carried forward.
    last: bool,
}

/// One year's values of a unit, built on the report it wrote the year before.
fn year_values(
    p: &Profile,
    ctx: YearContext,
    prev: Option<(FormVersion, &[i64])>,
    rng: &mut Rng,
    weights: &mut Vec<f64>,
) -> Vec<i64> {
    let form = FormVersion::for_year(ctx.year);
    let f = FormCells::get(form);
    let pf = prev.map(|(pform, _)| FormCells::get(pform));
    let mut out = vec![0i64; f.len];
    let act = active_factor(ctx.year) * rng.between(0.9, 1.1);

    // Section 三: per applicant column, applications in, open ones out, the rest decided.
    let mean = p.requests
        * request_factor(ctx.year)
        * p.trend.powi(ctx.year - 2019)
        * rng.between(0.85, 1.15);
    let share_sum: f64 = p.applicants.iter().sum();
    p.result_weights(form, weights);
    let mut shares = vec![0i64; weights.len()];
    for col in 0..APPLICANTS {
        let col_mean = mean * p.applicants[col] / share_sum;
        let over = match (prev, pf) {
            (Some((_, pv)), Some(pf)) => pv[pf.req(pf.carried_forward, col)],
            _ if ctx.created => 0,
            _ => rng.poisson(col_mean * p.forward),
        };
        let new = rng.count(col_mean);
        let open = new + over;
        let forward = if ctx.last {
            0
        } else {
            rng.binomial(open, p.forward)
        };
        let decided = open - forward;
        rng.multinomial(decided, weights, &mut shares);
        for (row, v) in f.results.clone().zip(&shares) {
            out[f.req(row, col)] = *v;
        }
        out[f.req(f.new_received, col)] = new;
        out[f.req(f.carried_over, col)] = over;
        out[f.req(f.total, col)] = decided;
        out[f.req(f.carried_forward, col)] = forward;
    }
    for row in 0..f.requests.len() {
        out[f.req(row, TOTAL_COL)] = (0..APPLICANTS).map(|c| out[f.req(row, c)]).sum();
    }

    // Section 四: appeals follow decided applications.
    let decided = out[f.req(f.total, TOTAL_COL)] as f64;
    let reconsideration = rng.poisson(decided * p.reconsideration);
    let counts = [
        reconsideration,
        rng.poisson(decided * p.litigation),
        rng.binomial(reconsideration, p.after_reconsideration),
    ];
    let mut outcome = [0i64; 4];
    for (row, n) in counts.into_iter().enumerate() {
        rng.multinomial(n, &p.outcomes, &mut outcome);
        for (c, v) in outcome.iter().enumerate() {
            out[f.appeals[row][c]] = *v;
        }
        out[f.appeals[row][4]] = n;
    }

    // Section 二.
    let prev_active = |row: &str, col: &str| -> Option<i64> {
        let (pform, pv) = prev?;
        Some(pv[FormCells::get(pform).active(row, col)])
    };
    let documents = [
        ("regulations", p.regulations, p.regulation_stock),
        ("normative_documents", p.normative, p.normative_stock),
    ];
    match form {
        FormVersion::F2019 => {
            for (row, mean, stock) in documents {
                let made = rng.count(mean * act);
                let published = rng.binomial(made, 0.9);
                let before =
                    prev_active(row, "total_published").unwrap_or_else(|| rng.round(stock));
                out[f.active(row, "new_made")] = made;
                out[f.active(row, "new_published")] = published;
                out[f.active(row, "total_published")] = before + published;
            }
            let rows = [
                ("licensing", p.licensing),
                ("other_services", p.other_services),
                ("penalty", p.penalty),
                ("coercion", p.coercion),
                ("fees", 0.0),
            ];
            for (k, (row, mean)) in rows.into_iter().enumerate() {
                // X2: this year's list starts where last year's ended.
                let prior = match (
                    prev_active(row, "prior_year_items"),
                    prev_active(row, "change"),
                ) {
                    (Some(a), Some(b)) => a + b,
                    _ => rng.round(p.items[k]),
                };
                let change = if prior == 0 {
                    if p.items[k] > 0.0 && rng.chance(0.1) {
                        rng.range(1, 3)
                    } else {
                        0
                    }
                } else {
                    ((prior as f64) * rng.between(-0.08, 0.1)).round() as i64
                };
                out[f.active(row, "prior_year_items")] = prior;
                out[f.active(row, "change")] = change.max(-prior);
                if row != "fees" {
                    out[f.active(row, "decisions")] = rng.count(mean * act);
                }
            }
            let projects = rng.count(p.procurement * act);
            out[f.active("procurement", "projects")] = projects;
            out[f.active("procurement", "amount")] = if projects == 0 {
                0
            } else {
                money(
                    projects as f64 * p.per_project * rng.log_uniform(0.6, 1.6),
                    p.money_step,
                )
            };
        }
        FormVersion::F2021 => {
            for (row, mean, stock) in documents {
                // X3: in force = last year's in force + issued − abolished.
                let before = match prev {
                    Some((FormVersion::F2021, _)) => prev_active(row, "in_force").unwrap_or(0),
                    Some((FormVersion::F2019, _)) => {
                        let published = prev_active(row, "total_published").unwrap_or(0);
                        let kept = rng.between(0.55, 0.9);
                        rng.round(published as f64 * kept)
                    }
                    None => rng.round(stock),
                };
                let issued = rng.count(mean * act);
                let share = rng.between(0.01, 0.06);
                let abolished = rng.binomial(before, share);
                out[f.active(row, "issued")] = issued;
                out[f.active(row, "abolished")] = abolished;
                out[f.active(row, "in_force")] = before + issued - abolished;
            }
            for (row, mean) in [
                ("licensing", p.licensing),
                ("penalty", p.penalty),
                ("coercion", p.coercion),
            ] {
                out[f.active(row, "decisions")] = rng.count(mean * act);
            }
            out[f.active("fees", "amount")] = if p.fee_amount > 0.0 {
                money(p.fee_amount * act * rng.between(0.8, 1.2), p.money_step)
            } else {
                0
            };
        }
    }

    // X4: never last year's report again.
    if let Some((pform, pv)) = prev {
        if pform == form && pv == out.as_slice() && out.iter().any(|v| *v != 0) {
            out[f.active("licensing", "decisions")] += 1;
        }
    }
    out
}

/// Every report of reporting unit `index`, defects applied, each checked against the rules the
/// way `validate` will: a clean report must pass everything, a defective one must show its rule.
pub fn generate_unit(plan: &Plan, index: usize) -> Result<GeneratedUnit, SynthError> {
    let u = plan.unit(index);
    let seed = plan.config.seed;
    let mut rng = Rng::derive(seed, Stream::Values, index as u64, 0);
    let profile = Profile::draw(u, &mut rng);
    let mut weights = Vec::with_capacity(21);
    let mut reports: Vec<GeneratedReport> = Vec::new();
    let years: Vec<i32> = plan.years_of(index).collect();
    for &year in &years {
        let ctx = YearContext {
            year,
            created: u.from == Some(year),
            last: u.to == Some(year),
        };
        let prev = reports.last().map(|r| (r.form, r.values.as_slice()));
        let form = FormVersion::for_year(year);
        let mut values = year_values(&profile, ctx, prev, &mut rng, &mut weights);
        let defect = match plan.defect(index, year) {
            None => None,
            Some(planned) => {
                let previous = reports.last().map(|r| Previous {
                    form: r.form,
                    values: &r.values,
                    accepted: r.accepted(),
                });
                let mut drng = Rng::derive(seed, Stream::Defect, index as u64, year as u64);
                // The planned kind, else the next that applies (a total always does).
                let start = DefectKind::ALL
                    .iter()
                    .position(|k| *k == planned)
                    .unwrap_or(0);
                let mut applied = None;
                for kind in DefectKind::ALL
                    .iter()
                    .cycle()
                    .skip(start)
                    .take(DefectKind::ALL.len())
                {
                    if let Some((cell, text)) =
                        defects::apply(*kind, form, &mut values, previous, &mut drng)
                    {
                        applied = Some(Injected {
                            kind: *kind,
                            cell,
                            text,
                            expected: Vec::new(),
                        });
                        break;
                    }
                }
                applied
            }
        };
        reports.push(GeneratedReport {
            year,
            form,
            values,
            defect,
        });
    }
    expect(u, &mut reports)?;
    Ok(GeneratedUnit { index, reports })
}

/// Fills each defect's expected findings by running the rules as `validate` does (reports that
/// are missing or rejected take no part), and fails if a clean report has any finding or a
/// defect lacks its own.
fn expect(u: &PlannedUnit, reports: &mut [GeneratedReport]) -> Result<(), SynthError> {
    for i in 0..reports.len() {
        let mut found: BTreeSet<(String, Level)> = BTreeSet::new();
        let r = &reports[i];
        match r.defect.as_ref().map(|d| d.kind) {
            Some(DefectKind::Missing) => {
                found.insert(("coverage".to_string(), Level::Warning));
            }
            Some(DefectKind::Text) => {
                // The cell's error and the report left out, and the registry then misses the
                // unit's report. The report is still checked without the cell: each rule over
                // it is said not to be checked (a warning), the others hold.
                found.insert(("input".to_string(), Level::Error));
                found.insert(("coverage".to_string(), Level::Warning));
                let mut known = vec![true; r.values.len()];
                if let Some(c) = r.defect.as_ref().and_then(|d| d.cell) {
                    if let Some(k) = known.get_mut(c) {
                        *k = false;
                    }
                }
                let checked = check_known(r.form, &r.values, &known);
                for v in &checked.violations {
                    found.insert((v.rule.to_string(), v.level));
                }
                for u in &checked.unchecked {
                    found.insert((u.rule.to_string(), Level::Warning));
                }
            }
            _ => {
                for v in check_values(r.form, &r.values) {
                    found.insert((v.rule.to_string(), v.level));
                }
                let prev = i
                    .checked_sub(1)
                    .map(|j| &reports[j])
                    .filter(|p| p.accepted() && p.year + 1 == r.year);
                if let Some(p) = prev {
                    let (violations, identical) =
                        check_years((p.form, &p.values), (r.form, &r.values), false);
                    for v in violations {
                        found.insert((v.rule.to_string(), v.level));
                    }
                    if identical {
                        found.insert(("X4".to_string(), Level::Warning));
                    }
                }
            }
        }
        let place = format!("{} {}", u.name, r.year);
        match reports[i].defect.as_mut() {
            None if !found.is_empty() => {
                return Err(SynthError::Invariant(format!(
                    "{place}: a clean report has findings {found:?}"
                )));
            }
            None => {}
            Some(d) => {
                if !found.contains(&(d.kind.rule().to_string(), d.kind.level())) {
                    return Err(SynthError::Invariant(format!(
                        "{place}: defect {} does not show as {} (found {found:?})",
                        d.kind.code(),
                        d.kind.rule()
                    )));
                }
                d.expected = found.into_iter().collect();
            }
        }
    }
    Ok(())
}
