//! The export's tables as Arrow record batches, built from the checked reports.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use arrow::record_batch::RecordBatch;
use gongkai_aggregate::trend::{series, Change, Step};
use gongkai_aggregate::Total;
use gongkai_form::measures::{self, MeasureValue};
use gongkai_form::{Cell, FormVersion, ValueKind};
use gongkai_report::{KeptReport, Registry};

use crate::columns::ParquetTable;
use crate::dir::Sink;
use crate::rows::{Rows, Val};
use crate::schema;
use crate::{ExportError, Input};

/// A table encoded to Parquet as its rows are pushed ([`ParquetTable`]); with a CSV copy asked
/// for, the rows are also built into Arrow batches of [`STREAM_ROWS`] rows, kept for it.
#[derive(Debug)]
pub struct Stream {
    table: ParquetTable,
    pub written: usize,
    /// The CSV copy's rows: built only when asked for.
    rows: Option<Rows>,
    pub kept: Vec<RecordBatch>,
}

/// Rows built into one Arrow batch for the CSV copy: 16,384 rows of facts are about 4 MB of
/// builders.
const STREAM_ROWS: usize = 1 << 14;

impl Stream {
    pub fn new(
        spec: &'static schema::TableSpec,
        keep: bool,
        out: Sink,
    ) -> Result<Stream, ExportError> {
        Ok(Stream {
            table: ParquetTable::new(spec, out)?,
            written: 0,
            rows: keep.then(|| Rows::new(spec)),
            kept: Vec::new(),
        })
    }

    fn push(&mut self, values: &[Val]) -> Result<(), ExportError> {
        self.table.push(values)?;
        self.written += 1;
        if let Some(rows) = &mut self.rows {
            rows.push(values)?;
            if rows.len() >= STREAM_ROWS {
                self.kept.push(rows.take()?);
            }
        }
        Ok(())
    }

    /// The file written to the end with `metadata` (not yet closed), the rows in it and the
    /// batches kept. With no rows at all, an empty batch still gives the CSV its header.
    pub fn finish(
        mut self,
        metadata: Vec<(String, String)>,
    ) -> Result<(Sink, usize, Vec<RecordBatch>), ExportError> {
        if let Some(rows) = &mut self.rows {
            if rows.len() > 0 || self.kept.is_empty() {
                self.kept.push(rows.take()?);
            }
        }
        Ok((self.table.finish(metadata)?, self.written, self.kept))
    }
}

/// One piece of an export's work, done on any core: a year's facts, the deltas and rates of a
/// run of units (the last run also those of the totals, so a city's export has one row group
/// in each), the totals' table, or a small table written whole (units, measures, findings).
#[derive(Debug, Clone)]
pub enum Part {
    Facts(i32),
    Units {
        range: std::ops::Range<usize>,
        totals: bool,
    },
    Totals,
    /// A table written whole by one part: the units, the measures or the findings.
    Whole(&'static schema::TableSpec),
}

/// Reports a run of units may hold for one part of the deltas and rates: 16,384 reports are
/// about 4.3 million delta rows (four row groups), so a national batch (500,000 reports) is cut
/// in 31 parts and a city's stays one. The cut depends on the data alone, never on the cores.
pub const PART_REPORTS: usize = 16_384;

/// What every part of an export reads, made once: the batch's name, the totals as exported,
/// the reports by unit and the measures followed.
#[derive(Debug)]
pub struct Batch<'a> {
    input: &'a Input<'a>,
    /// The name of the batch's total ([`whole_name`]).
    pub name: &'a str,
    /// The registry's root above every unit, whose total is the batch's.
    root: Option<&'a str>,
    /// Every year's totals read, as exported ([`exported_totals`]; named by [`Batch::name_of`]).
    totals: Vec<&'a Total>,
    plan: measures::Plan,
    /// Per form, the id of each measure of the plan.
    ids: Vec<(FormVersion, Vec<String>)>,
    /// Per form, each cell's code and measure id, in catalogue order.
    cell_codes: Vec<(FormVersion, Vec<(String, String)>)>,
    /// Each rate's place in the plan, in [`measures::RATES`] order.
    rates: Vec<Option<usize>>,
    /// Every unit's reports (all years read), in unit order.
    units: Vec<(&'a str, Vec<&'a KeptReport>)>,
    /// Years in range with reports.
    pub years: Vec<i32>,
    /// Form versions of those years.
    pub forms: Vec<FormVersion>,
    /// Unit reports with rule errors, by year.
    failing: BTreeMap<i32, HashSet<&'a str>>,
    /// Every cell and unit delta written, zeros too ([`crate::Options::zeros`]).
    zeros: bool,
}

impl<'a> Batch<'a> {
    pub fn new(input: &'a Input<'a>, zeros: bool) -> Batch<'a> {
        let name = whole_name(input);
        let root = input
            .registry
            .and_then(|r| single_root(r, input.reports.iter().map(|r| r.unit.as_str())));
        let in_range: Vec<&KeptReport> = input
            .reports
            .iter()
            .filter(|r| input.in_range(r.year))
            .collect();
        let years = distinct(in_range.iter().map(|r| r.year));
        let forms = distinct(in_range.iter().map(|r| r.form));
        // Deltas over every year read: the year before --from still gives a previous value.
        let all_forms = distinct(input.reports.iter().map(|r| r.form));
        let plan = measures::Plan::new(&measures::all(&all_forms));
        let ids = all_forms
            .iter()
            .map(|&f| (f, plan.names().iter().map(|m| measure_id(f, m)).collect()))
            .collect();
        let cell_codes = all_forms
            .iter()
            .map(|&f| {
                let codes = f.catalogue().cells.iter().map(|c| {
                    let code = c.code();
                    let id = measure_id(f, &code);
                    (code, id)
                });
                (f, codes.collect())
            })
            .collect();
        let mut by_unit: BTreeMap<&str, Vec<&KeptReport>> = BTreeMap::new();
        for r in input.reports {
            by_unit.entry(r.unit.as_str()).or_default().push(r);
        }
        let mut failing: BTreeMap<i32, HashSet<&str>> = BTreeMap::new();
        for (unit, year) in input.failing {
            failing.entry(*year).or_default().insert(unit.as_str());
        }
        Batch {
            input,
            name,
            root,
            totals: exported_totals(input),
            rates: measures::RATES.iter().map(|r| plan.index(r.name)).collect(),
            plan,
            ids,
            cell_codes,
            units: by_unit.into_iter().collect(),
            years,
            forms,
            failing,
            zeros,
        }
    }

    /// The parts of the work, largest first: each year's facts, runs of whole units of about
    /// `part_reports` reports ([`PART_REPORTS`]), the totals, then the units, measures and
    /// findings (written while the other parts run; written after them, the findings of 10,000
    /// hand-shaped units' five years were 3% of the export's time, on one core while the
    /// others waited).
    pub fn parts(&self, part_reports: usize) -> Vec<Part> {
        let mut parts: Vec<Part> = self.years.iter().map(|&y| Part::Facts(y)).collect();
        let mut start = 0;
        let mut reports = 0;
        for (i, (_, rs)) in self.units.iter().enumerate() {
            reports += rs.len();
            if reports >= part_reports && i + 1 < self.units.len() {
                parts.push(Part::Units {
                    range: start..i + 1,
                    totals: false,
                });
                start = i + 1;
                reports = 0;
            }
        }
        parts.push(Part::Units {
            range: start..self.units.len(),
            totals: true,
        });
        parts.push(Part::Totals);
        parts.extend([&schema::UNITS, &schema::MEASURES, &schema::FINDINGS].map(Part::Whole));
        parts
    }

    /// The level of a total in the registry (0 for the batch's) and the name of its parent.
    fn level_of(&self, t: &Total) -> (i32, Option<String>) {
        if self.name_of(t) == self.name {
            return (0, None);
        }
        match self.input.registry {
            Some(r) => (
                r.level(&t.name) as i32,
                r.get(&t.name).and_then(|u| u.parent.clone()).map(|p| {
                    // With every unit below one root, the root's total is the batch's: written
                    // once, at level 0, under the batch's name.
                    if Some(p.as_str()) == self.root {
                        self.name.to_string()
                    } else {
                        p
                    }
                }),
            ),
            None => (0, None),
        }
    }

    /// The name a total is exported under: the batch's total under the batch's name.
    fn name_of<'t>(&'t self, t: &'t Total) -> &'t str {
        if t.name == self.input.summed_as {
            self.name
        } else {
            &t.name
        }
    }

    /// Each cell's code and measure id in `form`, in catalogue order.
    fn codes(&self, form: FormVersion) -> &[(String, String)] {
        self.cell_codes
            .iter()
            .find(|(f, _)| *f == form)
            .map_or(&[], |(_, c)| c.as_slice())
    }

    fn id(&self, form: FormVersion, index: usize) -> &str {
        self.ids
            .iter()
            .find(|(f, _)| *f == form)
            .and_then(|(_, ids)| ids.get(index))
            .map_or("", String::as_str)
    }

    /// The deltas (all their measures, year by year) and rates of the units `range`, in unit
    /// order, then with `totals` those of the totals.
    pub fn units_part(
        &self,
        range: std::ops::Range<usize>,
        totals: bool,
        deltas: &mut Stream,
        rates: &mut Stream,
    ) -> Result<(), ExportError> {
        let input = self.input;
        for (unit, reports) in &self.units[range] {
            let values: Vec<Vec<i64>> = reports.iter().map(|r| r.values()).collect();
            let years: Vec<YearValues> = reports
                .iter()
                .zip(&values)
                .map(|(r, v)| (r.year, r.form, v.as_slice()))
                .collect();
            series(&self.plan, &years, |step| {
                if !input.in_range(step.year) || (!self.zeros && stays_zero(&step)) {
                    return Ok(());
                }
                push_delta(deltas, unit, &step, self.id(step.form, step.index), None)
            })?;
            for (r, v) in reports.iter().zip(&values) {
                if input.in_range(r.year) {
                    self.push_rates(rates, r.year, unit, None, r.form, v)?;
                }
            }
        }
        if !totals {
            return Ok(());
        }
        let mut by_total: BTreeMap<&str, Vec<&Total>> = BTreeMap::new();
        for t in &self.totals {
            by_total.entry(self.name_of(t)).or_default().push(t);
        }
        for (name, totals) in &by_total {
            let level = self.level_of(totals[0]).0;
            let years: Vec<YearValues> = totals
                .iter()
                .map(|t| (t.year, t.form, t.values.as_slice()))
                .collect();
            series(&self.plan, &years, |step| {
                // A registry group's 0 that stays 0 is left out as a unit's is; the batch's
                // total keeps every measure.
                if !input.in_range(step.year) || (!self.zeros && level != 0 && stays_zero(&step)) {
                    return Ok(());
                }
                push_delta(
                    deltas,
                    name,
                    &step,
                    self.id(step.form, step.index),
                    Some(level),
                )
            })?;
        }
        for t in self.totals.iter().filter(|t| input.in_range(t.year)) {
            let level = self.level_of(t).0;
            self.push_rates(
                rates,
                t.year,
                self.name_of(t),
                Some(level),
                t.form,
                &t.values,
            )?;
        }
        Ok(())
    }

    /// The rates of one report (`level` `None`) or total: Σ numerator, Σ denominator and their
    /// quotient, each rate resolved to its cells once in the plan (resolving them by name per
    /// report was a tenth of an export's time). Without `zeros`, a rate of 0 over 0 is written
    /// for the batch's total only (six in ten of the units' rates are).
    fn push_rates(
        &self,
        rows: &mut Stream,
        year: i32,
        unit: &str,
        level: Option<i32>,
        form: FormVersion,
        values: &[i64],
    ) -> Result<(), ExportError> {
        for (r, (rate, i)) in measures::RATES.iter().zip(&self.rates).enumerate() {
            let Some(i) = *i else {
                continue;
            };
            let Some((n, d)) = self.plan.rate_terms(form, values, i) else {
                continue;
            };
            if n == 0 && d == 0 && !self.zeros && level != Some(0) {
                continue;
            }
            let value = (d != 0).then(|| n as f64 / d as f64);
            rows.push(&[
                Val::I32(Some(year)),
                Val::Str(Some(unit)),
                Val::Bool(Some(level.is_some())),
                Val::I32(level),
                Val::Str(Some(form.code())),
                Val::key(form, r, rate.name),
                Val::key(form, r, rate.label),
                Val::key(form, r, rate.english),
                Val::I64(Some(n)),
                Val::I64(Some(d)),
                Val::F64(value),
            ])?;
        }
        Ok(())
    }

    /// The totals table: every total of the years in range, a row per cell.
    pub fn totals_table(&self, table: &mut Stream) -> Result<(), ExportError> {
        let input = self.input;
        let no_one = HashSet::new();
        for t in self.totals.iter().filter(|t| input.in_range(t.year)) {
            let (level, parent) = self.level_of(t);
            let failing_here = self.failing.get(&t.year).unwrap_or(&no_one);
            let failing = t
                .units
                .iter()
                .filter(|u| failing_here.contains(u.as_str()))
                .count() as i32;
            let cat = t.form.catalogue();
            let form = t.form.code();
            let codes = self.codes(t.form);
            for (cell, (code, id)) in cat.cells.iter().zip(codes) {
                let key = |text| Val::key(t.form, cell.index, text);
                let (value, amount) = split(t.values[cell.index], cell.kind());
                table.push(&[
                    Val::I32(Some(t.year)),
                    Val::Str(Some(self.name_of(t))),
                    Val::I32(Some(level)),
                    Val::Str(parent.as_deref()),
                    Val::I32(Some(t.units.len() as i32)),
                    Val::I32(Some(failing)),
                    Val::Str(Some(form)),
                    Val::Str(Some(cell.section.code())),
                    key(cell.row.code),
                    key(cell.column.code),
                    key(code),
                    key(id),
                    Val::Str(Some(cell.kind().code())),
                    Val::I64(value),
                    Val::Money(amount),
                    Val::I32(Some(t.blank_units[cell.index] as i32)),
                ])?;
            }
        }
        Ok(())
    }

    /// The facts of `year`: one row per report and cell, without a year column (it is the
    /// partition); without `zeros`, a cell that is 0 (filled with 0, left blank or absent) has none.
    pub fn facts_part(&self, year: i32, facts: &mut Stream) -> Result<(), ExportError> {
        for r in self.input.reports.iter().filter(|r| r.year == year) {
            let cat = r.form.catalogue();
            let codes = self.codes(r.form);
            let file = r.file.display().to_string();
            let cells = r.unpack();
            for (cell, (code, id)) in cat.cells.iter().zip(codes) {
                let i = cell.index;
                if !self.zeros && cells.values[i] == 0 {
                    continue;
                }
                let key = |text| Val::key(r.form, i, text);
                let (value, amount) = split(cells.values[i], cell.kind());
                let line = cells.lines[i];
                facts.push(&[
                    Val::Str(Some(&r.unit)),
                    Val::Str(Some(r.form.code())),
                    Val::Str(Some(cell.section.code())),
                    key(cell.row.code),
                    key(cell.column.code),
                    key(code),
                    key(id),
                    Val::Str(Some(cell.kind().code())),
                    Val::I64(value),
                    Val::Money(amount),
                    Val::Bool(Some(cells.blank[i])),
                    Val::Str(Some(&file)),
                    Val::I32((line != 0).then(|| i32::try_from(line).ok()).flatten()),
                ])?;
            }
        }
        Ok(())
    }

    /// The units table (the registry's, then units read that it lacks).
    pub fn units_table(&self, table: &mut Stream) -> Result<(), ExportError> {
        let reports: Vec<&KeptReport> = self
            .input
            .reports
            .iter()
            .filter(|r| self.input.in_range(r.year))
            .collect();
        units(&reports, self.input.registry, table)
    }

    /// The `--name` totals of the years in range, for the workbook.
    pub fn grand_totals(&self) -> Vec<Total> {
        self.totals
            .iter()
            .filter(|t| self.name_of(t) == self.name && self.input.in_range(t.year))
            .map(|t| Total {
                name: self.name.to_string(),
                ..(*t).clone()
            })
            .collect()
    }
}

/// Each value once, in order.
fn distinct<T: Ord>(values: impl Iterator<Item = T>) -> Vec<T> {
    values.collect::<BTreeSet<_>>().into_iter().collect()
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

/// The totals of every year read that are exported, not copied: a root of the registry above
/// every unit is left out (its total is the batch's, which [`Batch::name_of`] names). Copies of
/// the national batch's totals, each with its units' names, were a tenth of its export's memory.
fn exported_totals<'a>(input: &Input<'a>) -> Vec<&'a Total> {
    let root = input
        .registry
        .and_then(|r| single_root(r, input.reports.iter().map(|r| r.unit.as_str())))
        .filter(|root| *root != input.summed_as);
    input
        .totals
        .iter()
        .filter(|t| Some(t.name.as_str()) != root)
        .collect()
}

fn units(
    reports: &[&KeptReport],
    registry: Option<&Registry>,
    rows: &mut Stream,
) -> Result<(), ExportError> {
    let mut counts: BTreeMap<&str, i32> = BTreeMap::new();
    for r in reports {
        *counts.entry(r.unit.as_str()).or_default() += 1;
    }
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
    Ok(())
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

pub fn measures_table(rows: &mut Stream) -> Result<(), ExportError> {
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
    Ok(())
}

/// A unit's measure that is 0 (or absent) in the year before and 0 in this one: without
/// `--zeros` it has no row in deltas. Nine in ten of a unit's deltas are such rows (10,000
/// generated units × 5 years: 10.58 of 11.59 million), and they say nothing a missing row does
/// not. Rates keep every row: a rate of 0 over a denominator is a figure.
fn stays_zero(step: &Step) -> bool {
    let zero = |v: Option<MeasureValue>| match v {
        None => true,
        Some(MeasureValue::Exact(x, _)) => x == 0,
        Some(MeasureValue::Ratio(_)) => false,
    };
    zero(Some(step.value)) && zero(step.previous)
}

fn push_delta(
    rows: &mut Stream,
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
        Val::key(step.form, step.index, step.measure),
        Val::key(step.form, step.index, id),
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

pub fn findings(input: &Input, rows: &mut Stream) -> Result<(), ExportError> {
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
    Ok(())
}
