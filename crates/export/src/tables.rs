//! The export's tables as Arrow record batches, built from the checked reports.

use std::collections::{BTreeMap, BTreeSet};

use arrow::record_batch::RecordBatch;
use gongkai_aggregate::trend::{series, Change, Step};
use gongkai_aggregate::Total;
use gongkai_form::measures::{self, MeasureValue};
use gongkai_form::{Cell, FormVersion, ValueKind};
use gongkai_report::{KeptReport, Registry};

use crate::dir::Sink;
use crate::parquet_out::Encoder;
use crate::rows::{Rows, Val};
use crate::schema;
use crate::{ExportError, Input};

/// Every table of an export, ready to write.
#[derive(Debug)]
pub struct Tables {
    /// The name of the batch's total ([`whole_name`]).
    pub name: String,
    pub units: RecordBatch,
    pub measures: RecordBatch,
    pub totals: RecordBatch,
    /// Every unit's and total's change in every measure: the largest table (a row per report
    /// and measure), so it is encoded as it is built ([`Streamed`]).
    pub deltas: Streamed,
    /// A row per report and rate: streamed as the deltas are.
    pub rates: Streamed,
    pub findings: RecordBatch,
    /// The `--name` totals of the years in range, for the workbook.
    pub grand_totals: Vec<Total>,
    /// Years in range with reports.
    pub years: Vec<i32>,
    /// Form versions of those years.
    pub forms: Vec<FormVersion>,
}

/// A table encoded to Parquet while it was built, a batch of [`STREAM_ROWS`] rows at a time;
/// its batches are kept only when a CSV copy is asked for.
#[derive(Debug)]
pub struct Streamed {
    pub parquet: Option<Encoder>,
    pub kept: Vec<RecordBatch>,
    pub rows: usize,
    keep: bool,
}

/// Rows built before they are encoded: 65,536 rows of deltas are about 10 MB of builders.
const STREAM_ROWS: usize = 1 << 16;

impl Streamed {
    fn new(
        spec: &'static schema::TableSpec,
        keep: bool,
        out: Sink,
    ) -> Result<Streamed, ExportError> {
        Ok(Streamed {
            parquet: Some(Encoder::new(spec.schema(), out)?),
            kept: Vec::new(),
            rows: 0,
            keep,
        })
    }

    /// Encodes the last rows; with none at all, an empty batch still gives the CSV its header.
    fn finish_rows(&mut self, rows: &mut Rows) -> Result<(), ExportError> {
        self.drain(rows, true)?;
        if self.rows == 0 && self.keep {
            let empty = rows.take()?;
            self.kept.push(empty);
        }
        Ok(())
    }

    /// Encodes the rows built so far once there are enough of them (or `all`).
    fn drain(&mut self, rows: &mut Rows, all: bool) -> Result<(), ExportError> {
        if rows.len() == 0 || (!all && rows.len() < STREAM_ROWS) {
            return Ok(());
        }
        let batch = rows.take()?;
        self.rows += batch.num_rows();
        if let Some(parquet) = &mut self.parquet {
            parquet.write(&batch)?;
        }
        if self.keep {
            self.kept.push(batch);
        }
        Ok(())
    }
}

impl Tables {
    /// Every non-facts table with its spec, in [`schema::ALL`] order; `None` for the streamed
    /// deltas.
    pub fn others(&self) -> [(&'static schema::TableSpec, Option<&RecordBatch>); 6] {
        [
            (&schema::UNITS, Some(&self.units)),
            (&schema::MEASURES, Some(&self.measures)),
            (&schema::TOTALS, Some(&self.totals)),
            (&schema::DELTAS, None),
            (&schema::RATES, None),
            (&schema::FINDINGS, Some(&self.findings)),
        ]
    }
}

/// A unit's (or total's) figures of one year, as a series takes them.
type YearValues<'a> = (i32, FormVersion, &'a [i64]);

/// `2019:requests.granted.total`.
pub fn measure_id(form: FormVersion, measure: &str) -> String {
    format!("{}:{measure}", form.code())
}

/// (value, amount) of an exact number: counts in the first, money in the second.
fn split(v: i64, kind: ValueKind) -> (Option<i64>, Option<i64>) {
    if kind == ValueKind::Money {
        (None, Some(v))
    } else {
        (Some(v), None)
    }
}

/// The name the batch's total is written under when `--name` is not given and the units are not
/// all below one root of the registry.
pub const DEFAULT_NAME: &str = "合计";

/// The registry's root when every unit reporting lies below it (or is it): then the batch's
/// total and the root's are one total.
pub fn single_root<'r, 'u>(
    registry: &'r Registry,
    units: impl IntoIterator<Item = &'u str>,
) -> Option<&'r str> {
    let mut root: Option<&'r str> = None;
    let mut last_unit: Option<&str> = None;
    for u in units {
        if last_unit == Some(u) {
            continue;
        }
        last_unit = Some(u);
        let unit = registry.get(u)?;
        let top = registry
            .ancestors(&unit.name)
            .last()
            .copied()
            .unwrap_or(unit.name.as_str());
        match root {
            Some(seen) if seen != top => return None,
            _ => root = Some(top),
        }
    }
    root
}

/// The name of the batch's total: `--name`, else the registry's root above every unit, else
/// [`DEFAULT_NAME`].
pub fn whole_name<'a>(input: &Input<'a>) -> &'a str {
    match (input.name, input.registry) {
        (Some(name), _) => name,
        (None, Some(registry)) => {
            single_root(registry, input.reports.iter().map(|r| r.unit.as_str()))
                .unwrap_or(DEFAULT_NAME)
        }
        (None, None) => DEFAULT_NAME,
    }
}

/// The totals of every year read, as exported: the batch's under its name, and a root of the
/// registry above every unit not twice (its total is the batch's).
fn exported_totals(input: &Input, name: &str) -> Vec<Total> {
    let root = input
        .registry
        .and_then(|r| single_root(r, input.reports.iter().map(|r| r.unit.as_str())))
        .filter(|root| *root != input.summed_as);
    input
        .totals
        .iter()
        .filter(|t| Some(t.name.as_str()) != root)
        .map(|t| {
            let mut t = t.clone();
            if t.name == input.summed_as {
                t.name = name.to_string();
            }
            t
        })
        .collect()
}

/// Every table of the export but the facts; the deltas are encoded into `deltas` as they are
/// built, and `keep` keeps their batches (for a CSV copy).
pub fn build(
    input: &Input,
    keep: bool,
    deltas_out: Sink,
    rates_out: Sink,
) -> Result<Tables, ExportError> {
    let name = whole_name(input);
    let all_totals = exported_totals(input, name);
    // With every unit below one root, the root's total is the batch's: written once, at level
    // 0, under `name` (a BI tool summing level 0 counts each figure once).
    let root = input
        .registry
        .and_then(|r| single_root(r, input.reports.iter().map(|r| r.unit.as_str())));
    let level_of = |t: &Total| -> (i32, Option<String>) {
        if t.name == name {
            return (0, None);
        }
        match input.registry {
            Some(r) => (
                r.level(&t.name) as i32,
                r.get(&t.name).and_then(|u| u.parent.clone()).map(|p| {
                    if Some(p.as_str()) == root {
                        name.to_string()
                    } else {
                        p
                    }
                }),
            ),
            None => (0, None),
        }
    };

    let reports: Vec<&KeptReport> = input
        .reports
        .iter()
        .filter(|r| input.in_range(r.year))
        .collect();
    let years: Vec<i32> = reports
        .iter()
        .map(|r| r.year)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let forms: Vec<FormVersion> = reports
        .iter()
        .map(|r| r.form)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();

    let totals_in_range: Vec<&Total> = all_totals
        .iter()
        .filter(|t| input.in_range(t.year))
        .collect();

    // Deltas over every year read (the year before --from still gives a previous value), in
    // two joins so that a unit and a total of the same name never meet.
    let all_forms: Vec<FormVersion> = input
        .reports
        .iter()
        .map(|r| r.form)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let chosen = measures::Plan::new(&measures::all(&all_forms));
    let levels: BTreeMap<&str, i32> = all_totals
        .iter()
        .map(|t| (t.name.as_str(), level_of(t).0))
        .collect();
    let mut delta_rows = Rows::new(&schema::DELTAS);
    let mut streamed = Streamed::new(&schema::DELTAS, keep, deltas_out)?;
    // A unit's deltas need only its own years: one unit's points at a time, in unit order (the
    // order `deltas` sorts in), so the export never holds every report's points at once.
    let mut by_unit: BTreeMap<&str, Vec<&KeptReport>> = BTreeMap::new();
    for r in input.reports {
        by_unit.entry(r.unit.as_str()).or_default().push(r);
    }
    let mut ids: BTreeMap<(FormVersion, &str), String> = BTreeMap::new();
    for (unit, reports) in &by_unit {
        let values: Vec<Vec<i64>> = reports.iter().map(|r| r.values()).collect();
        let years: Vec<YearValues> = reports
            .iter()
            .zip(&values)
            .map(|(r, v)| (r.year, r.form, v.as_slice()))
            .collect();
        series(&chosen, &years, |step| {
            if !input.in_range(step.year) {
                return Ok(());
            }
            let id = ids
                .entry((step.form, step.measure))
                .or_insert_with(|| measure_id(step.form, step.measure));
            push_delta(&mut delta_rows, unit, &step, id, None)
        })?;
        streamed.drain(&mut delta_rows, false)?;
    }
    drop(by_unit);
    let mut by_total: BTreeMap<&str, Vec<YearValues>> = BTreeMap::new();
    for t in &all_totals {
        by_total
            .entry(t.name.as_str())
            .or_default()
            .push((t.year, t.form, &t.values));
    }
    for (name, years) in &by_total {
        let level = levels.get(name).copied();
        series(&chosen, years, |step| {
            if !input.in_range(step.year) {
                return Ok(());
            }
            let id = ids
                .entry((step.form, step.measure))
                .or_insert_with(|| measure_id(step.form, step.measure));
            push_delta(&mut delta_rows, name, &step, id, level)
        })?;
    }
    streamed.finish_rows(&mut delta_rows)?;

    let mut total_rows = Rows::new(&schema::TOTALS);
    let mut rate_rows = Rows::new(&schema::RATES);
    for t in &totals_in_range {
        let (level, parent) = level_of(t);
        let failing = t
            .units
            .iter()
            .filter(|u| input.failing.contains(&((*u).clone(), t.year)))
            .count() as i32;
        let cat = t.form.catalogue();
        let form = t.form.code();
        for cell in &cat.cells {
            let code = cell.code();
            let id = measure_id(t.form, &code);
            let (value, amount) = split(t.values[cell.index], cell.kind());
            total_rows.push(&[
                Val::I32(Some(t.year)),
                Val::Str(Some(&t.name)),
                Val::I32(Some(level)),
                Val::Str(parent.as_deref()),
                Val::I32(Some(t.units.len() as i32)),
                Val::I32(Some(failing)),
                Val::Str(Some(form)),
                Val::Str(Some(cell.section.code())),
                Val::Str(Some(cell.row.code)),
                Val::Str(Some(cell.column.code)),
                Val::Str(Some(&code)),
                Val::Str(Some(&id)),
                Val::Str(Some(cell.kind().code())),
                Val::I64(value),
                Val::Money(amount),
                Val::I32(Some(t.blank_units[cell.index] as i32)),
            ])?;
        }
    }
    let mut rates = Streamed::new(&schema::RATES, keep, rates_out)?;
    for r in &reports {
        push_rates(
            &mut rate_rows,
            r.year,
            &r.unit,
            false,
            None,
            r.form,
            &r.values(),
        )?;
        rates.drain(&mut rate_rows, false)?;
    }
    for t in &totals_in_range {
        let level = level_of(t).0;
        push_rates(
            &mut rate_rows,
            t.year,
            &t.name,
            true,
            Some(level),
            t.form,
            &t.values,
        )?;
    }
    rates.finish_rows(&mut rate_rows)?;

    let grand_totals = totals_in_range
        .iter()
        .filter(|t| t.name == name)
        .map(|t| (*t).clone())
        .collect();
    Ok(Tables {
        name: name.to_string(),
        units: units(&reports, input.registry)?,
        measures: measures_table()?,
        totals: total_rows.finish()?,
        deltas: streamed,
        rates,
        findings: findings(input)?,
        grand_totals,
        years,
        forms,
    })
}

/// The facts of one year, encoded as they are built ([`STREAM_ROWS`] rows at a time): one row
/// per report and cell, without a year column (it is the partition). Returns the rows written
/// and, when `keep`, the batches (for a CSV copy).
pub fn facts<'a>(
    reports: impl Iterator<Item = &'a KeptReport>,
    encoder: &mut Encoder,
    keep: bool,
) -> Result<(usize, Vec<RecordBatch>), ExportError> {
    let mut rows = Rows::new(&schema::FACTS);
    let mut written = 0;
    let mut kept = Vec::new();
    let mut flush = |rows: &mut Rows, written: &mut usize| -> Result<(), ExportError> {
        let batch = rows.take()?;
        *written += batch.num_rows();
        encoder.write(&batch)?;
        if keep {
            kept.push(batch);
        }
        Ok(())
    };
    // Codes and ids once per form, not per row.
    let mut codes: BTreeMap<FormVersion, Vec<(String, String)>> = BTreeMap::new();
    for r in reports {
        let cat = r.form.catalogue();
        let ids = codes.entry(r.form).or_insert_with(|| {
            cat.cells
                .iter()
                .map(|c| (c.code(), measure_id(r.form, &c.code())))
                .collect()
        });
        let file = r.file.display().to_string();
        let cells = r.unpack();
        for cell in &cat.cells {
            let i = cell.index;
            let (value, amount) = split(cells.values[i], cell.kind());
            let line = cells.lines[i];
            rows.push(&[
                Val::Str(Some(&r.unit)),
                Val::Str(Some(r.form.code())),
                Val::Str(Some(cell.section.code())),
                Val::Str(Some(cell.row.code)),
                Val::Str(Some(cell.column.code)),
                Val::Str(Some(&ids[i].0)),
                Val::Str(Some(&ids[i].1)),
                Val::Str(Some(cell.kind().code())),
                Val::I64(value),
                Val::Money(amount),
                Val::Bool(Some(cells.blank[i])),
                Val::Str(Some(&file)),
                Val::I32((line != 0).then(|| i32::try_from(line).ok()).flatten()),
            ])?;
        }
        if rows.len() >= STREAM_ROWS {
            flush(&mut rows, &mut written)?;
        }
    }
    if rows.len() > 0 || written == 0 {
        flush(&mut rows, &mut written)?;
    }
    Ok((written, kept))
}

fn units(reports: &[&KeptReport], registry: Option<&Registry>) -> Result<RecordBatch, ExportError> {
    let mut counts: BTreeMap<&str, i32> = BTreeMap::new();
    for r in reports {
        *counts.entry(r.unit.as_str()).or_default() += 1;
    }
    let mut rows = Rows::new(&schema::UNITS);
    if let Some(reg) = registry {
        for u in &reg.units {
            rows.push(&[
                Val::Str(Some(&u.name)),
                Val::Str(Some(u.kind.code())),
                Val::Str(u.parent.as_deref()),
                Val::I32(Some(reg.level(&u.name) as i32)),
                Val::Bool(Some(true)),
                Val::I32(u.from),
                Val::I32(u.to),
                Val::I32(Some(counts.get(u.name.as_str()).copied().unwrap_or(0))),
            ])?;
        }
    }
    for (unit, n) in &counts {
        if registry.is_some_and(|r| r.get(unit).is_some()) {
            continue;
        }
        rows.push(&[
            Val::Str(Some(unit)),
            Val::Str(None),
            Val::Str(None),
            Val::I32(Some(0)),
            Val::Bool(Some(false)),
            Val::I32(None),
            Val::I32(None),
            Val::I32(Some(*n)),
        ])?;
    }
    rows.finish()
}

/// The English name of a row group: the part before `:` of its first row's name
/// (`withheld: state secret` → `withheld`).
fn group_english(cell: &Cell) -> &'static str {
    cell.row
        .english
        .split(':')
        .next()
        .unwrap_or(cell.row.english)
}

fn measures_table() -> Result<RecordBatch, ExportError> {
    let mut rows = Rows::new(&schema::MEASURES);
    for form in FormVersion::ALL {
        let cat = form.catalogue();
        for (order, m) in measures::all(&[form]).iter().enumerate() {
            let id = measure_id(form, m);
            let label_zh = measures::label(m);
            let comparable = measures::comparable(m, FormVersion::F2019, FormVersion::F2021);
            if let Some(rate) = measures::rate(m) {
                rows.push(&[
                    Val::Str(Some(&id)),
                    Val::Str(Some(form.code())),
                    Val::Str(Some(m)),
                    Val::Str(Some("rate")),
                    Val::Str(None),
                    Val::Str(None),
                    Val::Str(None),
                    Val::I32(None),
                    Val::I32(Some(order as i32)),
                    Val::Str(Some(rate.label)),
                    Val::Str(None),
                    Val::Str(None),
                    Val::Str(None),
                    Val::Str(Some(rate.english)),
                    Val::Str(Some("rate")),
                    Val::Bool(Some(false)),
                    Val::Bool(Some(comparable)),
                    Val::Str(Some(rate.formula)),
                ])?;
                continue;
            }
            let cells = measures::cells_of(cat, m);
            let Some(&first) = cells.first() else {
                continue;
            };
            let cell = &cat.cells[first];
            let is_cell = cell.code() == *m;
            // `section.row.column` with a dotted row: the row is everything between.
            let row = m
                .split_once('.')
                .and_then(|(_, rest)| rest.rsplit_once('.'))
                .map_or(cell.row.code, |(r, _)| r);
            let (row_label, label_en) = if is_cell {
                (
                    cell.row.path.join(" / "),
                    format!("{} · {}", cell.row.english, cell.column.english),
                )
            } else {
                let depth = cell.row.path.len().saturating_sub(1);
                (
                    cell.row.path[..depth].join(" / "),
                    format!(
                        "{} (all {} rows) · {}",
                        group_english(cell),
                        cells.len(),
                        cell.column.english
                    ),
                )
            };
            rows.push(&[
                Val::Str(Some(&id)),
                Val::Str(Some(form.code())),
                Val::Str(Some(m)),
                Val::Str(Some(if is_cell { "cell" } else { "group" })),
                Val::Str(Some(cell.section.code())),
                Val::Str(Some(row)),
                Val::Str(Some(cell.column.code)),
                Val::I32(is_cell.then_some(cell.index as i32)),
                Val::I32(Some(order as i32)),
                Val::Str(Some(&label_zh)),
                Val::Str(Some(cell.section.heading())),
                Val::Str(Some(&row_label)),
                Val::Str(Some(cell.column.label)),
                Val::Str(Some(&label_en)),
                Val::Str(Some(cell.kind().code())),
                Val::Bool(Some(true)),
                Val::Bool(Some(comparable)),
                Val::Str(None),
            ])?;
        }
    }
    rows.finish()
}

fn push_delta(
    rows: &mut Rows,
    unit: &str,
    step: &Step,
    id: &str,
    level: Option<i32>,
) -> Result<(), ExportError> {
    /// (value, amount, rate) of a measure value: one of the three is set.
    fn parts(v: Option<MeasureValue>) -> (Option<i64>, Option<i64>, Option<f64>) {
        match v {
            Some(MeasureValue::Exact(x, ValueKind::Money)) => (None, Some(x), None),
            Some(MeasureValue::Exact(x, _)) => (Some(x), None, None),
            Some(MeasureValue::Ratio(r)) => (None, None, Some(r)),
            None => (None, None, None),
        }
    }
    let kind = match step.value {
        MeasureValue::Exact(_, k) => k.code(),
        MeasureValue::Ratio(_) => "rate",
    };
    let (value, amount, rate) = parts(Some(step.value));
    let (pv, pa, pr) = parts(step.previous);
    let (abs, pct, status) = match step.change {
        Change::None => (None, None, "none"),
        Change::New { abs } => (Some(abs), None, "new"),
        Change::By { abs, pct } => (Some(abs), pct, "compared"),
    };
    let (cv, ca, cr) = parts(abs);
    rows.push(&[
        Val::I32(Some(step.year)),
        Val::Str(Some(unit)),
        Val::Bool(Some(level.is_some())),
        Val::I32(level),
        Val::Str(Some(step.form.code())),
        Val::Str(Some(step.measure)),
        Val::Str(Some(id)),
        Val::Str(Some(kind)),
        Val::I64(value),
        Val::Money(amount),
        Val::F64(rate),
        Val::I64(pv),
        Val::Money(pa),
        Val::F64(pr),
        Val::I64(cv),
        Val::Money(ca),
        Val::F64(cr),
        Val::F64(pct.filter(|x| x.is_finite())),
        Val::Str(Some(status)),
    ])
}

fn push_rates(
    rows: &mut Rows,
    year: i32,
    unit: &str,
    is_total: bool,
    level: Option<i32>,
    form: FormVersion,
    values: &[i64],
) -> Result<(), ExportError> {
    // Σ sign × measure over the rate's terms; `None` when the form lacks a term.
    let sum = |terms: &[(i64, &str)]| -> Option<i64> {
        terms.iter().try_fold(0i64, |acc, (sign, m)| {
            match measures::value(form, values, m)? {
                MeasureValue::Exact(v, _) => acc.checked_add(sign.checked_mul(v)?),
                MeasureValue::Ratio(_) => None,
            }
        })
    };
    for rate in measures::RATES {
        let (Some(n), Some(d)) = (sum(rate.numerator), sum(rate.denominator)) else {
            continue;
        };
        let value = match measures::value(form, values, rate.name) {
            Some(MeasureValue::Ratio(r)) => Some(r),
            _ => None,
        };
        rows.push(&[
            Val::I32(Some(year)),
            Val::Str(Some(unit)),
            Val::Bool(Some(is_total)),
            Val::I32(level),
            Val::Str(Some(form.code())),
            Val::Str(Some(rate.name)),
            Val::Str(Some(rate.label)),
            Val::Str(Some(rate.english)),
            Val::I64(Some(n)),
            Val::I64(Some(d)),
            Val::F64(value),
        ])?;
    }
    Ok(())
}

fn findings(input: &Input) -> Result<RecordBatch, ExportError> {
    let mut rows = Rows::new(&schema::FINDINGS);
    for f in input.findings_in_range() {
        let file = f.file.as_deref().map(|p| p.to_string_lossy());
        let cells = f.cells.join(";");
        let message = f.to_string();
        let int = |x: Option<u32>| x.and_then(|x| i32::try_from(x).ok());
        let cell = f.cell();
        rows.push(&[
            Val::Str(file.as_deref()),
            Val::I32(int(f.line())),
            Val::I32(int(f.column())),
            Val::Str(f.sheet()),
            Val::Str(cell.as_deref()),
            Val::I32(int(f.table())),
            Val::I32(int(f.row())),
            Val::I32(int(f.page())),
            Val::Str(f.unit.as_deref()),
            Val::I32(f.year),
            Val::Str(Some(f.rule.code())),
            Val::Str(Some(f.level.code())),
            Val::Str(Some(&cells)),
            Val::Str(f.expected.as_deref()),
            Val::Str(f.found.as_deref()),
            Val::Str(Some(&message)),
        ])?;
    }
    rows.finish()
}
