//! Summing unit reports into a city's totals, one per year.
//!
//! One pass in Rust checks the batch's shape (units and form per year, no cell twice, every cell
//! in its form); one polars group-by on a `(year, cell)` key gives the sums and blank counts.
//! Everything after that is a few hundred rows per year, turned into dense [`Total`]s in
//! catalogue order.
//!
//! # Overflow
//!
//! polars sums `Int64` with wrapping arithmetic (and `i128` would need the `dtype-i128` feature),
//! so a sum is never taken on raw values. Each value is split as `v = hi · 2³² + lo` with
//! `lo = v % 2³²` (polars' modulo: `0 ≤ lo < 2³²`; a truncating one would give `|lo| < 2³²`, which
//! works as well) and `hi = (v - lo) / 2³²`, so `|hi| ≤ 2³¹`. With fewer than 2³¹ rows in the batch,
//! neither `Σhi` nor `Σlo` can overflow `i64`; the exact sum `Σhi · 2³² + Σlo` is then formed in
//! `i128` and must fit in `i64`, else [`AggregateError::Overflow`]. No false alarms: only a total
//! that really does not fit fails.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use arrow::array::{
    Array as _, ArrayRef, BooleanArray, DictionaryArray, Int32Array, Int64Array, StringArray,
    UInt16Array, UInt32Array,
};
use arrow::datatypes::{DataType as ArrowType, UInt32Type};
use arrow::record_batch::RecordBatch;
use gongkai_form::{FormVersion, Violation};
use gongkai_report::arrow::{col as c, unit_type};
use polars::prelude::*;

use crate::bridge::record_batch_to_dataframe;

/// The sum of a set of unit reports for one year: what a city publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Total {
    pub name: String,
    pub year: i32,
    pub form: FormVersion,
    /// Dense in `form`'s catalogue order; money in 万元 × 10⁶.
    pub values: Vec<i64>,
    /// per cell: how many units left it blank
    pub blank_units: Vec<u32>,
    /// units summed, sorted
    pub units: Vec<String>,
}

impl Total {
    /// R1–R6 on this total, as findings without a file.
    pub fn findings(&self) -> Vec<gongkai_report::Finding> {
        crate::findings::check_values(&self.name, self.year, self.form, &self.values)
    }

    /// Rules R1–R6 on the summed values.
    pub fn violations(&self) -> Vec<Violation> {
        gongkai_form::rules::check_values(self.form, &self.values)
    }
}

/// Why a batch could not be consolidated.
#[derive(Debug, thiserror::Error)]
pub enum AggregateError {
    #[error("the batch has no column \"{column}\" (see gongkai_report::arrow::schema)")]
    MissingColumn { column: &'static str },
    #[error("column \"{column}\" should be {expected} but is {found}")]
    ColumnType {
        column: &'static str,
        expected: ArrowType,
        found: ArrowType,
    },
    #[error("column \"{column}\" has {nulls} empty (null) entries; every row needs a value")]
    Nulls { column: &'static str, nulls: usize },
    #[error("the batch has {rows} rows; at most 2147483647 can be summed at once")]
    TooManyRows { rows: usize },
    #[error(
        "unit {unit}, year {year}: form code {code} is not a form version (expected 2019 or 2021)"
    )]
    UnknownForm { year: i32, unit: String, code: u16 },
    #[error(
        "year {year} mixes two form versions: form {first} (e.g. {first_unit}) and form {second} \
         (e.g. {second_unit}); a year's total can only sum reports of one form"
    )]
    MixedForms {
        year: i32,
        first: FormVersion,
        first_unit: String,
        second: FormVersion,
        second_unit: String,
    },
    #[error("year {year}: cell {cell} does not exist in form {form}, which has {len} cells")]
    CellOutOfRange {
        year: i32,
        form: FormVersion,
        cell: u16,
        len: usize,
    },
    #[error("unit {unit} has the same cell more than once in year {year}: its report would be counted twice")]
    DuplicateCell { year: i32, unit: String },
    #[error(
        "year {year}: the total of {code} would be {sum}, which does not fit in a 64-bit integer"
    )]
    Overflow {
        year: i32,
        form: FormVersion,
        cell: usize,
        code: String,
        sum: i128,
    },
    #[error(
        "{file} changed while the batch was read: its report for {unit} {year}, summed before \
         another file for the same unit turned up, no longer reads the same, so it cannot be \
         taken back out; run again on files that are not being written"
    )]
    Changed {
        file: String,
        unit: String,
        year: i32,
    },
    #[error("the batch spans years {first} to {last}; one sum takes at most 256 years")]
    YearSpan { first: i32, last: i32 },
    #[error("{groups} groups to sum by parent; at most 65536 fit in one sum")]
    TooManyGroups { groups: usize },
    #[error("polars failed: {0}")]
    Polars(#[from] PolarsError),
    #[error("arrow: {0}")]
    Arrow(String),
}

/// `value = hi · SPLIT + lo`; see the module docs.
const SPLIT: i64 = 1 << 32;

/// The batch's columns, typed: unit keys and names, year, form, cell, value, blank.
struct Columns<'a> {
    unit_keys: &'a UInt32Array,
    unit_names: &'a StringArray,
    year: &'a Int32Array,
    form: &'a UInt16Array,
    cell: &'a UInt16Array,
    value: &'a Int64Array,
}

impl<'a> Columns<'a> {
    fn of(batch: &'a RecordBatch) -> Result<Columns<'a>, AggregateError> {
        if batch.num_rows() > i32::MAX as usize {
            return Err(AggregateError::TooManyRows {
                rows: batch.num_rows(),
            });
        }
        let schema = batch.schema();
        let expected = [
            (c::UNIT, unit_type()),
            (c::YEAR, ArrowType::Int32),
            (c::FORM, ArrowType::UInt16),
            (c::CELL, ArrowType::UInt16),
            (c::VALUE, ArrowType::Int64),
            (c::BLANK, ArrowType::Boolean),
        ];
        for (column, expected) in expected {
            let i = schema
                .index_of(column)
                .map_err(|_| AggregateError::MissingColumn { column })?;
            let found = schema.field(i).data_type();
            if *found != expected {
                return Err(AggregateError::ColumnType {
                    column,
                    expected,
                    found: found.clone(),
                });
            }
            let nulls = batch.column(i).logical_null_count();
            if nulls > 0 {
                return Err(AggregateError::Nulls { column, nulls });
            }
        }
        let get = |name: &str| batch.column_by_name(name).map(|a| a.as_any());
        let typed = || -> Option<Columns<'a>> {
            let units = get(c::UNIT)?.downcast_ref::<DictionaryArray<UInt32Type>>()?;
            Some(Columns {
                unit_keys: units.keys(),
                unit_names: units.values().as_any().downcast_ref::<StringArray>()?,
                year: get(c::YEAR)?.downcast_ref()?,
                form: get(c::FORM)?.downcast_ref()?,
                cell: get(c::CELL)?.downcast_ref()?,
                value: get(c::VALUE)?.downcast_ref()?,
            })
        };
        typed().ok_or_else(|| AggregateError::Arrow("columns of unexpected array types".into()))
    }

    fn unit(&self, key: u32) -> String {
        self.unit_names.value(key as usize).to_string()
    }
}

/// One unit's rows for one year, as seen in the scan.
#[derive(Debug, Clone, Copy)]
struct Seen {
    form: u16,
    cells: [u64; 4],
    duplicate: bool,
}

/// What the scan learned: the units and form of every year, and the largest magnitude.
struct Shape {
    years: BTreeMap<i32, (FormVersion, Vec<String>)>,
    max_abs: u64,
}

/// One pass over the rows, in Rust: who reports which year in which form, no cell twice, every
/// cell in its form. Rows of a report are usually adjacent, so the map is touched once a report.
/// Errors name the first offender in (year, form, unit) order, whatever the row order.
fn scan(cols: &Columns) -> Result<Shape, AggregateError> {
    let mut seen: HashMap<(u32, i32), Seen> = HashMap::new();
    let mut current: Option<((u32, i32), Seen)> = None;
    let mut out_of_range: Option<(i32, u16, u16)> = None;
    let flush = |seen: &mut HashMap<(u32, i32), Seen>, (key, s): ((u32, i32), Seen)| {
        seen.entry(key)
            .and_modify(|old| {
                old.duplicate |=
                    s.duplicate || old.cells.iter().zip(&s.cells).any(|(a, b)| a & b != 0);
                for (a, b) in old.cells.iter_mut().zip(&s.cells) {
                    *a |= b;
                }
            })
            .or_insert(s);
    };
    let (keys, years, forms, cells) = (
        cols.unit_keys.values(),
        cols.year.values(),
        cols.form.values(),
        cols.cell.values(),
    );
    for i in 0..keys.len() {
        let key = (keys[i], years[i]);
        match &current {
            Some((k, s)) if *k == key && s.form == forms[i] => {}
            _ => {
                if let Some(done) = current.take() {
                    flush(&mut seen, done);
                }
                current = Some((
                    key,
                    Seen {
                        form: forms[i],
                        cells: [0; 4],
                        duplicate: false,
                    },
                ));
            }
        }
        let Some((_, s)) = current.as_mut() else {
            continue;
        };
        let Some(form) = FormVersion::from_code(forms[i]) else {
            continue;
        };
        let cell = cells[i];
        if usize::from(cell) >= form.catalogue().len() {
            let candidate = (years[i], cell, form.catalogue().len() as u16);
            if out_of_range.is_none_or(|o| (candidate.0, candidate.1) < (o.0, o.1)) {
                out_of_range = Some(candidate);
            }
            continue;
        }
        let (word, bit) = (usize::from(cell) / 64, 1u64 << (cell % 64));
        s.duplicate |= s.cells[word] & bit != 0;
        s.cells[word] |= bit;
    }
    if let Some(done) = current.take() {
        flush(&mut seen, done);
    }

    let mut reports: Vec<(i32, u16, String, bool)> = seen
        .into_iter()
        .map(|((unit, year), s)| (year, s.form, cols.unit(unit), s.duplicate))
        .collect();
    reports.sort();
    let mut years: BTreeMap<i32, (FormVersion, Vec<String>)> = BTreeMap::new();
    for (year, code, unit, duplicate) in reports {
        let Some(form) = FormVersion::from_code(code) else {
            return Err(AggregateError::UnknownForm { year, unit, code });
        };
        if duplicate {
            return Err(AggregateError::DuplicateCell { year, unit });
        }
        let entry = years.entry(year).or_insert_with(|| (form, Vec::new()));
        if entry.0 != form {
            return Err(AggregateError::MixedForms {
                year,
                first: entry.0,
                first_unit: entry.1[0].clone(),
                second: form,
                second_unit: unit,
            });
        }
        // Two forms in one unit's year would be caught above; a name is listed once a year.
        if entry.1.last() != Some(&unit) {
            entry.1.push(unit);
        }
    }
    if let Some((year, cell, len)) = out_of_range {
        let form = years.get(&year).map_or(FormVersion::F2019, |(f, _)| *f);
        return Err(AggregateError::CellOutOfRange {
            year,
            form,
            cell,
            len: usize::from(len),
        });
    }
    let max_abs = cols
        .value
        .values()
        .iter()
        .map(|v| v.unsigned_abs())
        .max()
        .unwrap_or(0);
    Ok(Shape { years, max_abs })
}

/// Sums the unit reports in `batch` (the layout of [`gongkai_report::arrow::to_record_batch`])
/// into one [`Total`] per year, sorted by year. `name` names the consolidated body.
///
/// A cell absent from the batch for a unit counts as a written 0 for that unit (the batch is
/// sparse); blank cells have rows marked `blank`.
pub fn consolidate(batch: &RecordBatch, name: &str) -> Result<Vec<Total>, AggregateError> {
    sum_groups(batch, &[name], None)
}

/// Sums `batch` once per group of units in one group-by: `names[g]` names group `g`, and
/// `of_unit[k]` lists the groups the unit with dictionary key `k` counts in (`None`: every unit in
/// group 0 alone). A row counts once in each of its unit's groups. Totals come sorted by year,
/// then group; a group without rows in a year has no total for it.
pub(crate) fn sum_groups(
    batch: &RecordBatch,
    names: &[&str],
    of_unit: Option<&[Vec<u16>]>,
) -> Result<Vec<Total>, AggregateError> {
    let cols = Columns::of(batch)?;
    let shape = scan(&cols)?;
    // The group key, one u32 a row: the group, the year's place and the cell (< 256 once the scan
    // passed). Made here rather than as a polars expression, whose casts would each copy the column.
    let first_year = shape.years.keys().next().copied().unwrap_or(0);
    let last_year = shape.years.keys().next_back().copied().unwrap_or(0);
    if i64::from(last_year) - i64::from(first_year) > 255 {
        return Err(AggregateError::YearSpan {
            first: first_year,
            last: last_year,
        });
    }
    let cell_key = |y: i32, c: u16| (y.wrapping_sub(first_year) as u32 & 0xff) << 8 | u32::from(c);
    // By set of groups (`of_unit`): the groups of each set key.
    let mut sets: Vec<&[u16]> = Vec::new();
    let blank = batch
        .column_by_name(c::BLANK)
        .ok_or(AggregateError::MissingColumn { column: c::BLANK })?;
    let (key, value, blank): (UInt32Array, ArrayRef, ArrayRef) = match of_unit {
        None => (
            cols.year
                .values()
                .iter()
                .zip(cols.cell.values())
                .map(|(y, c)| cell_key(*y, *c))
                .collect(),
            Arc::new(cols.value.clone()),
            blank.clone(),
        ),
        Some(of_unit) => {
            let blank = blank
                .as_any()
                .downcast_ref::<BooleanArray>()
                .ok_or_else(|| AggregateError::Arrow("blank is not a boolean column".into()))?;
            // Rows are summed once per set of groups (units under one parent share theirs), and
            // each set's sums then go to its groups: no row is copied for each level of the tree.
            let mut set_of: HashMap<&[u16], u32> = HashMap::new();
            let unit_set: Vec<u32> = of_unit
                .iter()
                .map(|groups| {
                    let next = sets.len() as u32;
                    *set_of.entry(groups.as_slice()).or_insert_with(|| {
                        sets.push(groups.as_slice());
                        next
                    })
                })
                .collect();
            if sets.len() > usize::from(u16::MAX) {
                return Err(AggregateError::TooManyGroups { groups: sets.len() });
            }
            let no_set = sets.len() as u32;
            sets.push(&[]);
            let key: UInt32Array = cols
                .unit_keys
                .values()
                .iter()
                .zip(cols.year.values().iter().zip(cols.cell.values()))
                .map(|(u, (y, c))| {
                    let set = unit_set.get(*u as usize).copied().unwrap_or(no_set);
                    set << 16 | cell_key(*y, *c)
                })
                .collect();
            (key, Arc::new(cols.value.clone()), Arc::new(blank.clone()))
        }
    };
    let rows = key.len() as u128;
    if rows > i32::MAX as u128 {
        return Err(AggregateError::TooManyRows {
            rows: rows as usize,
        });
    }
    let numeric = RecordBatch::try_from_iter([
        ("key", Arc::new(key) as ArrayRef),
        (c::VALUE, value),
        (c::BLANK, blank),
    ])
    .map_err(|e| AggregateError::Arrow(e.to_string()))?;
    // Numbers only cross into polars, without a copy.
    let df = record_batch_to_dataframe(&numeric)?;

    // A plain sum is exact when no sum of these rows can leave i64; otherwise each value is split
    // (see the module docs). Real batches take the first way.
    let plain = u128::from(shape.max_abs) * rows <= i64::MAX as u128;
    let mut aggs = vec![col(c::BLANK).sum().alias("blank")];
    if plain {
        aggs.push(col(c::VALUE).sum().alias("lo"));
        aggs.push(lit(0i64).alias("hi"));
    } else {
        // `Expr::floor_div` would need the `round_series` feature; `(v - lo) / 2³²` is an exact
        // division whatever way polars rounds, and `v - lo` cannot overflow.
        let lo = col(c::VALUE) % lit(SPLIT);
        aggs.push(
            ((col(c::VALUE) - lo.clone()) / lit(SPLIT))
                .sum()
                .alias("hi"),
        );
        aggs.push(lo.sum().alias("lo"));
    }
    let by_cell = df.lazy().group_by([col("key")]).agg(aggs).collect()?;

    // Each year's units, sorted, into the groups they count in.
    let key_of: HashMap<&str, usize> = (0..cols.unit_names.len())
        .map(|k| (cols.unit_names.value(k), k))
        .collect();
    let mut totals: BTreeMap<(i32, u16), Total> = BTreeMap::new();
    for (year, (form, units)) in shape.years {
        let n = form.catalogue().len();
        for unit in units {
            let groups: &[u16] = match of_unit {
                None => &[0],
                Some(of) => key_of
                    .get(unit.as_str())
                    .and_then(|k| of.get(*k))
                    .map_or(&[], |g| g),
            };
            for &g in groups {
                totals
                    .entry((year, g))
                    .or_insert_with(|| Total {
                        name: names
                            .get(usize::from(g))
                            .copied()
                            .unwrap_or_default()
                            .to_string(),
                        year,
                        form,
                        // A cell without rows is 0 and blank nowhere (written zeros have no row).
                        values: vec![0; n],
                        blank_units: vec![0; n],
                        units: Vec::new(),
                    })
                    .units
                    .push(unit.clone());
            }
        }
    }

    let [key, hi, lo, blank] = ["key", "hi", "lo", "blank"].map(|n| ints(&by_cell, n));
    let (key, hi, lo, blank) = (key?, hi?, lo?, blank?);
    // Exact sums per group, year and cell, in key order: (group, year, cell).
    let mut sums: BTreeMap<u32, (i128, i64)> = BTreeMap::new();
    for i in 0..key.len() {
        let cell = (key[i] & 0xffff) as u32;
        let sum = i128::from(hi[i]) * i128::from(SPLIT) + i128::from(lo[i]);
        let groups: &[u16] = match of_unit {
            None => &[0],
            Some(_) => sets
                .get((key[i] >> 16) as usize)
                .copied()
                .unwrap_or_default(),
        };
        for &g in groups {
            let entry = sums.entry(u32::from(g) << 16 | cell).or_default();
            entry.0 += sum;
            entry.1 += blank[i];
        }
    }
    for (key, (sum, blank)) in sums {
        let group = (key >> 16) as u16;
        let year = first_year.wrapping_add((key >> 8 & 0xff) as i32);
        let index = (key & 0xff) as usize;
        // Every year here was seen by the scan, with a known form and cells in range.
        let Some(total) = totals.get_mut(&(year, group)) else {
            continue;
        };
        let cat = total.form.catalogue();
        total.values[index] = i64::try_from(sum).map_err(|_| AggregateError::Overflow {
            year: total.year,
            form: total.form,
            cell: index,
            code: cat.cells[index].code(),
            sum,
        })?;
        // Blank cells always have a row; no unit has a cell twice, so this is at most the units.
        total.blank_units[index] = blank as u32;
    }
    Ok(totals.into_values().collect())
}

/// An integer column of a (small, aggregated) frame as `i64`s.
fn ints(df: &DataFrame, name: &str) -> PolarsResult<Vec<i64>> {
    let column = df.column(name)?.cast(&DataType::Int64)?;
    let values = column.i64()?;
    polars_ensure!(values.null_count() == 0, ComputeError: "aggregated column {name} has nulls");
    Ok(values.into_no_null_iter().collect())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use arrow::array::{ArrayRef, BooleanArray};
    use gongkai_form::{Section, ValueKind};
    use gongkai_report::arrow::to_record_batch;
    use gongkai_report::{Layout, UnitReport};
    use proptest::prelude::*;

    use super::*;

    fn report(unit: &str, year: i32, cells: &[(usize, Option<i64>)]) -> UnitReport {
        let form = FormVersion::for_year(year);
        let file = Arc::new(PathBuf::from(format!("{unit}-{year}.csv")));
        let mut r = UnitReport::empty(unit.to_string(), year, form, file, Layout::Tidy);
        for (line, &(cell, value)) in cells.iter().enumerate() {
            r.set(cell, value, line as u32 + 2);
        }
        r
    }

    /// Every cell of `form` filled with 0.
    fn zeros(unit: &str, year: i32) -> UnitReport {
        let n = FormVersion::for_year(year).catalogue().len();
        let cells: Vec<_> = (0..n).map(|i| (i, Some(0))).collect();
        report(unit, year, &cells)
    }

    /// The totals by plain Rust arithmetic.
    fn expected(reports: &[UnitReport], name: &str) -> Vec<Total> {
        let mut totals: BTreeMap<i32, Total> = BTreeMap::new();
        for r in reports {
            let n = r.values.len();
            let t = totals.entry(r.year).or_insert_with(|| Total {
                name: name.to_string(),
                year: r.year,
                form: r.form,
                values: vec![0; n],
                blank_units: vec![0; n],
                units: Vec::new(),
            });
            for i in 0..n {
                t.values[i] += r.values[i];
                t.blank_units[i] += u32::from(r.blank[i]);
            }
            t.units.push(r.unit.clone());
        }
        for t in totals.values_mut() {
            t.units.sort();
            t.units.dedup();
        }
        totals.into_values().collect()
    }

    fn run(reports: &[UnitReport]) -> Result<Vec<Total>, AggregateError> {
        consolidate(&to_record_batch(reports).unwrap(), "兰州市")
    }

    /// A batch with the ingest schema from raw columns, for inputs no `UnitReport` can express.
    fn raw_batch(rows: &[(&str, i32, u16, u16, i64, bool)]) -> RecordBatch {
        let units: DictionaryArray<UInt32Type> = rows.iter().map(|r| r.0).collect();
        let columns: Vec<ArrayRef> = vec![
            Arc::new(units),
            Arc::new(Int32Array::from_iter_values(rows.iter().map(|r| r.1))),
            Arc::new(UInt16Array::from_iter_values(rows.iter().map(|r| r.2))),
            Arc::new(UInt16Array::from_iter_values(rows.iter().map(|r| r.3))),
            Arc::new(Int64Array::from_iter_values(rows.iter().map(|r| r.4))),
            Arc::new(BooleanArray::from_iter(rows.iter().map(|r| Some(r.5)))),
        ];
        RecordBatch::try_new(gongkai_report::arrow::schema(), columns).unwrap()
    }

    #[test]
    fn two_zero_units_sum_to_zero_and_pass_the_rules() {
        for year in [2020, 2022] {
            let totals = run(&[zeros("城关区", year), zeros("七里河区", year)]).unwrap();
            assert_eq!(totals.len(), 1);
            let t = &totals[0];
            assert_eq!((t.year, t.form), (year, FormVersion::for_year(year)));
            assert_eq!(t.name, "兰州市");
            assert_eq!(t.values.len(), t.form.catalogue().len());
            assert!(t.values.iter().all(|v| *v == 0));
            assert!(t.blank_units.iter().all(|b| *b == 0));
            assert_eq!(t.units, ["七里河区", "城关区"]);
            assert_eq!(t.violations(), []);
        }
    }

    #[test]
    fn empty_batch_gives_no_totals() {
        assert!(run(&[]).unwrap().is_empty());
    }

    #[test]
    fn money_sums_exactly() {
        let cat = FormVersion::F2019.catalogue();
        let amount = cat.find(Section::Active, "procurement", "amount").unwrap();
        assert_eq!(amount.kind(), ValueKind::Money);
        // 27.88亿 = 278800 万元, split over three units as 0.1 + 0.2 + the rest.
        let m = gongkai_form::MONEY_SCALE;
        let parts = [m / 10, m / 5, 278_800 * m - m / 10 - m / 5];
        let reports: Vec<_> = parts
            .iter()
            .enumerate()
            .map(|(i, v)| report(&format!("unit{i}"), 2020, &[(amount.index, Some(*v))]))
            .collect();
        let t = &run(&reports).unwrap()[0];
        assert_eq!(t.values[amount.index], 278_800 * m);
        assert_eq!(t.blank_units[amount.index], 0);
        assert_eq!(t.blank_units[0], 3);
    }

    #[test]
    fn written_zeros_have_no_rows_and_absent_rows_are_zero() {
        let filled = |unit: &str, cells: &[(usize, Option<i64>)]| {
            let mut r = zeros(unit, 2021);
            for &(cell, value) in cells {
                r.set(cell, value, 2);
            }
            r
        };
        let a = filled("a", &[(0, Some(5)), (1, None), (20, Some(7))]);
        let b = filled("b", &[(0, Some(1)), (20, Some(1))]);
        let batch = to_record_batch(&[a.clone(), b.clone()]).unwrap();
        // a: cells 0, 1 (blank) and 20; b: 0 and 20. The other 395 cells are written zeros.
        assert_eq!(batch.num_rows(), 5);
        assert_eq!(run(&[a, b]).unwrap(), {
            let t = &consolidate(&batch, "兰州市").unwrap()[0];
            assert_eq!(t.units, ["a", "b"]);
            assert_eq!((t.values[0], t.blank_units[0]), (6, 0));
            assert_eq!((t.values[1], t.blank_units[1]), (0, 1));
            assert_eq!((t.values[20], t.blank_units[20]), (8, 0));
            assert_eq!((t.values[199], t.blank_units[199]), (0, 0));
            vec![t.clone()]
        });
        // A slice (non-zero offset) without a's first row: a's cell 0 counts as 0.
        let t = &consolidate(&batch.slice(1, 4), "x").unwrap()[0];
        assert_eq!(t.units, ["a", "b"]);
        assert_eq!(t.values[0], 1);
        // A report of zeros keeps its first cell, so it is still summed.
        let t = &run(&[zeros("c", 2021)]).unwrap()[0];
        assert_eq!((t.units.len(), t.values.iter().sum::<i64>()), (1, 0));
    }

    #[test]
    fn a_year_with_two_forms_is_refused() {
        let mut odd = zeros("七里河区", 2020);
        odd.form = FormVersion::F2021;
        odd.values.resize(200, 0);
        odd.blank.resize(200, false);
        odd.source.lines.resize(200, 1);
        let err = run(&[zeros("城关区", 2020), odd]).unwrap_err();
        assert!(matches!(
            err,
            AggregateError::MixedForms {
                year: 2020,
                first: FormVersion::F2019,
                second: FormVersion::F2021,
                ..
            }
        ));
        assert_eq!(
            err.to_string(),
            "year 2020 mixes two form versions: form 2019 (e.g. 城关区) and form 2021 (e.g. 七里河区); \
             a year's total can only sum reports of one form"
        );
    }

    #[test]
    fn unknown_form_codes_are_refused() {
        let batch = raw_batch(&[
            ("a", 2020, 2019, 0, 1, false),
            ("b", 2020, 2020, 0, 1, false),
        ]);
        let err = consolidate(&batch, "x").unwrap_err();
        assert!(matches!(
            err,
            AggregateError::UnknownForm {
                year: 2020,
                code: 2020,
                ..
            }
        ));
        assert_eq!(
            err.to_string(),
            "unit b, year 2020: form code 2020 is not a form version (expected 2019 or 2021)"
        );
    }

    #[test]
    fn cells_out_of_range_are_refused() {
        let batch = raw_batch(&[
            ("a", 2020, 2019, 197, 1, false),
            ("a", 2020, 2019, 198, 1, false),
        ]);
        let err = consolidate(&batch, "x").unwrap_err();
        assert!(matches!(
            err,
            AggregateError::CellOutOfRange {
                cell: 198,
                len: 198,
                ..
            }
        ));
        let batch = raw_batch(&[("a", 2021, 2021, 199, 1, false)]);
        assert!(consolidate(&batch, "x").is_ok());
    }

    #[test]
    fn a_unit_counted_twice_is_refused() {
        let err = run(&[zeros("城关区", 2020), zeros("城关区", 2020)]).unwrap_err();
        assert!(matches!(
            err,
            AggregateError::DuplicateCell { year: 2020, .. }
        ));
    }

    #[test]
    fn overflow_is_detected_not_wrapped() {
        let batch = raw_batch(&[
            ("a", 2020, 2019, 5, i64::MAX, false),
            ("b", 2020, 2019, 5, 1, false),
        ]);
        let err = consolidate(&batch, "x").unwrap_err();
        match &err {
            AggregateError::Overflow { cell, sum, .. } => {
                assert_eq!((*cell, *sum), (5, i128::from(i64::MAX) + 1));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            err.to_string(),
            "year 2020: the total of active.normative_documents.total_published would be \
             9223372036854775808, which does not fit in a 64-bit integer"
        );
        let batch = raw_batch(&[
            ("a", 2020, 2019, 5, i64::MIN, false),
            ("b", 2020, 2019, 5, -1, false),
        ]);
        assert!(matches!(
            consolidate(&batch, "x"),
            Err(AggregateError::Overflow { .. })
        ));
    }

    #[test]
    fn extreme_values_that_fit_are_exact() {
        let cases: [&[i64]; 5] = [
            &[i64::MAX],
            &[i64::MIN],
            &[i64::MAX, i64::MIN, 1],
            &[i64::MAX - 5, 2, 3],
            &[i64::MIN + 1, -1, i64::MAX, -(1 << 32), (1 << 32) - 1],
        ];
        for values in cases {
            let rows: Vec<_> = values
                .iter()
                .enumerate()
                .map(|(i, v)| (["a", "b", "c", "d", "e"][i], 2020, 2019, 4, *v, false))
                .collect();
            let t = &consolidate(&raw_batch(&rows), "x").unwrap()[0];
            let sum: i128 = values.iter().map(|v| i128::from(*v)).sum();
            assert_eq!(i128::from(t.values[4]), sum, "{values:?}");
        }
    }

    #[test]
    fn schema_problems_are_named() {
        let batch = raw_batch(&[("a", 2020, 2019, 0, 1, false)]);
        let err = consolidate(&batch.project(&[0, 1, 2, 3, 4]).unwrap(), "x").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the batch has no column \"blank\" (see gongkai_report::arrow::schema)"
        );
    }

    /// A cell's raw draw, turned into a value fitting its kind by [`value_for`].
    fn raw_cell() -> impl Strategy<Value = Option<u64>> {
        prop::option::weighted(0.8, any::<u64>())
    }

    fn value_for(kind: ValueKind, raw: u64) -> i64 {
        match kind {
            ValueKind::Count => (raw % 100_000) as i64,
            ValueKind::SignedCount => (raw % 20_001) as i64 - 10_000,
            // Up to 10¹⁰ 万元 (a trillion yuan), in 万元 × 10⁶.
            ValueKind::Money => (raw % 10_000_000_000_000_000) as i64,
        }
    }

    /// 1–3 years, 1–20 units, each unit reporting in a year with probability 0.85.
    fn reports() -> impl Strategy<Value = Vec<UnitReport>> {
        (
            prop::collection::btree_set(2018i32..=2025, 1..=3),
            1usize..=20,
        )
            .prop_flat_map(|(years, n_units)| {
                let slots: Vec<(i32, usize)> = years
                    .iter()
                    .flat_map(|y| (0..n_units).map(move |u| (*y, u)))
                    .collect();
                let cells = prop::collection::vec(raw_cell(), 200);
                prop::collection::vec((prop::bool::weighted(0.85), cells), slots.len()).prop_map(
                    move |draws| {
                        slots
                            .iter()
                            .zip(draws)
                            .filter(|(_, (present, _))| *present)
                            .map(|(&(year, u), (_, raw))| {
                                let cat = FormVersion::for_year(year).catalogue();
                                let cells: Vec<_> = cat
                                    .cells
                                    .iter()
                                    .map(|cell| {
                                        let v = raw[cell.index].map(|r| value_for(cell.kind(), r));
                                        (cell.index, v)
                                    })
                                    .collect();
                                report(&format!("单位{u:02}"), year, &cells)
                            })
                            .collect()
                    },
                )
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn totals_are_plain_sums_in_any_order(
            (reports, shuffled) in reports().prop_flat_map(|r| (Just(r.clone()), Just(r).prop_shuffle()))
        ) {
            let want = expected(&reports, "兰州市");
            let got = run(&reports).unwrap();
            prop_assert_eq!(&got, &want);
            prop_assert_eq!(run(&shuffled).unwrap(), want);
            for t in &got {
                prop_assert!(t.units.windows(2).all(|w| w[0] < w[1]));
                prop_assert!(t.blank_units.iter().all(|b| *b as usize <= t.units.len()));
            }
        }

        #[test]
        fn any_i64_sums_exactly_or_reports_overflow(
            columns in prop::collection::vec(
                prop::collection::vec(
                    prop_oneof![any::<i64>(), -3i64..3, Just(i64::MAX), Just(i64::MIN)],
                    1..=6,
                ),
                1..=4,
            )
        ) {
            // Column k holds cell k's value for each unit.
            let mut rows = Vec::new();
            for (cell, values) in columns.iter().enumerate() {
                for (u, v) in values.iter().enumerate() {
                    rows.push((["a", "b", "c", "d", "e", "f"][u], 2021, 2021, cell as u16, *v, false));
                }
            }
            let sums: Vec<i128> =
                columns.iter().map(|vs| vs.iter().map(|v| i128::from(*v)).sum()).collect();
            match consolidate(&raw_batch(&rows), "x") {
                Ok(totals) => {
                    for (cell, sum) in sums.iter().enumerate() {
                        prop_assert_eq!(i128::from(totals[0].values[cell]), *sum);
                    }
                }
                Err(AggregateError::Overflow { cell, sum, .. }) => {
                    let first = sums.iter().position(|s| i64::try_from(*s).is_err());
                    prop_assert_eq!(Some(cell), first);
                    prop_assert_eq!(sum, sums[cell]);
                }
                Err(e) => prop_assert!(false, "{}", e),
            }
        }
    }
}
