//! Year-over-year: every measure's previous-year value, absolute and percent change, for units
//! and totals, joined on the keys (unit, measure, year − 1) — never by position.
//!
//! A previous value only counts when the measure compares across the two years' forms
//! ([`gongkai_form::measures::comparable`]); otherwise the series shows a break, not a fall to 0.

use gongkai_form::measures::{self, MeasureValue, Plan};
use gongkai_form::FormVersion;

use crate::AggregateError;

/// One observation: a measure of a unit (or total) in a year.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub year: i32,
    pub unit: String,
    pub form: FormVersion,
    pub measure: String,
    pub value: MeasureValue,
}

/// How the value moved since the previous comparable year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    /// No previous year, or the previous year's form does not compare (a break in the series).
    None,
    /// Changed by `abs` (exact for counts and money), `pct` percent of the previous value.
    By { abs: MeasureValue, pct: Option<f64> },
    /// From 0 (or no rate) to something: new, not an infinite increase.
    New { abs: MeasureValue },
}

/// A point with its previous comparable value and the change.
#[derive(Debug, Clone, PartialEq)]
pub struct Delta {
    pub point: Point,
    pub previous: Option<MeasureValue>,
    pub change: Change,
}

/// Points for `measures` of one report's values.
pub fn points(year: i32, unit: &str, form: FormVersion, values: &[i64], plan: &Plan) -> Vec<Point> {
    plan.names()
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            plan.value(form, values, i).map(|value| Point {
                year,
                unit: unit.to_string(),
                form,
                measure: m.clone(),
                value,
            })
        })
        .collect()
}

/// Joins every point to the same unit's and measure's point of the year before and computes the
/// change. Output is sorted by unit, measure, year.
///
/// Sorted by those keys, a point's year before is the point just above it: no join table is
/// built (a polars join here held every point twice over as strings: 1.8 GB for the deltas of
/// 10,000 reports), so a caller may also feed it one unit at a time.
pub fn deltas(mut points: Vec<Point>) -> Result<Vec<Delta>, AggregateError> {
    points.sort_by(|a, b| (&a.unit, &a.measure, a.year).cmp(&(&b.unit, &b.measure, b.year)));
    let mut out: Vec<Delta> = Vec::with_capacity(points.len());
    let mut before: Option<&Point> = None;
    for point in &points {
        let prev = before
            .filter(|p| p.unit == point.unit && p.measure == point.measure)
            .filter(|p| p.year.checked_add(1) == Some(point.year))
            .filter(|p| measures::comparable(&point.measure, p.form, point.form));
        let previous = match (prev.map(|p| p.value), point.value) {
            (Some(MeasureValue::Exact(e, _)), MeasureValue::Exact(_, k)) => {
                Some(MeasureValue::Exact(e, k))
            }
            (Some(MeasureValue::Ratio(r)), MeasureValue::Ratio(_)) => Some(MeasureValue::Ratio(r)),
            _ => None,
        };
        out.push(Delta {
            point: point.clone(),
            previous,
            change: change(previous, point.value),
        });
        before = Some(point);
    }
    Ok(out)
}

/// One step of a series: a measure's value in a year, with its previous comparable value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step<'p> {
    pub year: i32,
    pub form: FormVersion,
    pub measure: &'p str,
    /// `measure`'s place in the plan's [`Plan::names`], for tables kept per measure.
    pub index: usize,
    pub value: MeasureValue,
    pub previous: Option<MeasureValue>,
    pub change: Change,
}

/// One unit's (or total's) changes, measure by measure in name order and year by year: the
/// [`deltas`] of its [`points`], without making them (a national export has 129 million, each
/// two strings). `reports` are the unit's, one a year.
pub fn series<'p, E>(
    plan: &'p Plan,
    reports: &[(i32, FormVersion, &[i64])],
    mut each: impl FnMut(Step<'p>) -> Result<(), E>,
) -> Result<(), E> {
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by_key(|&i| reports[i].0);
    // Every measure of each year's report, computed once, in year order.
    let table: Vec<Vec<Option<MeasureValue>>> = order
        .iter()
        .map(|&i| plan.values_of(reports[i].1, reports[i].2))
        .collect();
    for &m in plan.by_name() {
        let measure = plan.names()[m].as_str();
        let mut before: Option<(i32, FormVersion, MeasureValue)> = None;
        for (&i, values) in order.iter().zip(&table) {
            let (year, form, _) = reports[i];
            let Some(value) = values[m] else {
                continue;
            };
            let prev = before
                .filter(|p| p.0.checked_add(1) == Some(year))
                .filter(|p| measures::comparable(measure, p.1, form));
            let previous = match (prev.map(|p| p.2), value) {
                (Some(MeasureValue::Exact(e, _)), MeasureValue::Exact(_, k)) => {
                    Some(MeasureValue::Exact(e, k))
                }
                (Some(MeasureValue::Ratio(r)), MeasureValue::Ratio(_)) => {
                    Some(MeasureValue::Ratio(r))
                }
                _ => None,
            };
            each(Step {
                year,
                form,
                measure,
                index: m,
                value,
                previous,
                change: change(previous, value),
            })?;
            before = Some((year, form, value));
        }
    }
    Ok(())
}

fn change(previous: Option<MeasureValue>, value: MeasureValue) -> Change {
    match (previous, value) {
        (Some(MeasureValue::Exact(p, k)), MeasureValue::Exact(v, _)) => {
            let Some(abs) = v.checked_sub(p) else {
                return Change::None;
            };
            let abs = MeasureValue::Exact(abs, k);
            match (p, v) {
                (0, 0) => Change::By { abs, pct: None },
                (0, _) => Change::New { abs },
                _ => Change::By {
                    abs,
                    pct: Some((v - p) as f64 / p as f64 * 100.0),
                },
            }
        }
        (Some(MeasureValue::Ratio(p)), MeasureValue::Ratio(v)) => {
            let abs = MeasureValue::Ratio(v - p);
            if p == 0.0 {
                if v == 0.0 {
                    Change::By { abs, pct: None }
                } else {
                    Change::New { abs }
                }
            } else {
                Change::By {
                    abs,
                    pct: Some((v - p) / p * 100.0),
                }
            }
        }
        _ => Change::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_form::ValueKind;

    /// A series gives what the points' deltas give: every measure (cells, groups, rates) over
    /// years with a gap and the form change, zeros and values that make rates undefined.
    #[test]
    fn a_series_is_the_deltas_of_its_points() {
        use FormVersion::*;
        let plan = Plan::new(&measures::all(&[F2019, F2021]));
        let years = [
            (2018, F2019),
            (2019, F2019),
            (2020, F2019),
            (2021, F2021),
            (2023, F2021),
        ];
        for seed in 0..20u64 {
            let mut x = seed;
            let reports: Vec<(i32, FormVersion, Vec<i64>)> = years
                .iter()
                .map(|&(year, form)| {
                    let values = (0..form.catalogue().len())
                        .map(|_| {
                            x = x
                                .wrapping_mul(6364136223846793005)
                                .wrapping_add(1442695040888963407);
                            [0, 0, 1, 7, 250, 1_000_000][(x >> 59) as usize % 6]
                        })
                        .collect();
                    (year, form, values)
                })
                .rev()
                .collect();
            let pts: Vec<Point> = reports
                .iter()
                .flat_map(|(y, f, v)| points(*y, "甲", *f, v, &plan))
                .collect();
            let want = deltas(pts).unwrap();
            let borrowed: Vec<(i32, FormVersion, &[i64])> = reports
                .iter()
                .map(|(y, f, v)| (*y, *f, v.as_slice()))
                .collect();
            let mut got = Vec::new();
            series(&plan, &borrowed, |s| -> Result<(), ()> {
                got.push(s);
                Ok(())
            })
            .unwrap();
            assert_eq!(got.len(), want.len(), "seed {seed}");
            for (g, w) in got.iter().zip(&want) {
                assert_eq!(
                    (g.year, g.form, g.measure, g.value, g.previous, g.change),
                    (
                        w.point.year,
                        w.point.form,
                        w.point.measure.as_str(),
                        w.point.value,
                        w.previous,
                        w.change
                    ),
                    "seed {seed}"
                );
            }
        }
    }

    fn point(year: i32, unit: &str, form: FormVersion, measure: &str, v: i64) -> Point {
        Point {
            year,
            unit: unit.into(),
            form,
            measure: measure.into(),
            value: MeasureValue::Exact(v, ValueKind::Count),
        }
    }

    #[test]
    fn joins_on_keys_not_positions() {
        use FormVersion::*;
        let m = "requests.granted.total";
        // Shuffled input, a gap year and a second unit.
        let pts = vec![
            point(2021, "A", F2021, m, 150),
            point(2019, "A", F2019, m, 100),
            point(2020, "B", F2019, m, 7),
            point(2020, "A", F2019, m, 120),
            point(2023, "A", F2021, m, 0),
            point(2019, "B", F2019, m, 0),
        ];
        let d = deltas(pts).unwrap_or_else(|e| panic!("{e}"));
        let a: Vec<(i32, Option<MeasureValue>, Change)> = d
            .iter()
            .filter(|d| d.point.unit == "A")
            .map(|d| (d.point.year, d.previous, d.change))
            .collect();
        let ex = |v| Some(MeasureValue::Exact(v, ValueKind::Count));
        assert_eq!(a[0], (2019, None, Change::None));
        assert_eq!(a[1].1, ex(100));
        assert_eq!(
            a[1].2,
            Change::By {
                abs: MeasureValue::Exact(20, ValueKind::Count),
                pct: Some(20.0)
            }
        );
        assert_eq!(a[2].1, ex(120), "requests compare across the form change");
        assert_eq!(
            a[2].2,
            Change::By {
                abs: MeasureValue::Exact(30, ValueKind::Count),
                pct: Some(25.0)
            }
        );
        assert_eq!(
            a[3],
            (2023, None, Change::None),
            "2022 is missing: no previous"
        );
        let b: Vec<Change> = d
            .iter()
            .filter(|d| d.point.unit == "B")
            .map(|d| d.change)
            .collect();
        assert_eq!(
            b[1],
            Change::New {
                abs: MeasureValue::Exact(7, ValueKind::Count)
            }
        );
    }

    #[test]
    fn active_section_breaks_at_the_form_change() {
        use FormVersion::*;
        let d = deltas(vec![
            point(2020, "A", F2019, "active.penalty.decisions", 10),
            point(2021, "A", F2021, "active.penalty.decisions", 12),
            point(2020, "A", F2019, "active.fees.prior_year_items", 3),
            point(2021, "A", F2021, "active.fees.prior_year_items", 3),
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        let by = |m: &str, y| {
            d.iter()
                .find(|d| d.point.measure == m && d.point.year == y)
                .map(|d| d.change)
        };
        assert!(matches!(
            by("active.penalty.decisions", 2021),
            Some(Change::By { .. })
        ));
        assert_eq!(by("active.fees.prior_year_items", 2021), Some(Change::None));
    }
}
