//! Axes: round ticks for a panel's values, year ticks, and numbers as the tick labels write them.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};

/// A linear f64 axis with exactly the given ticks (plotters' own picks fractional years).
#[derive(Debug, Clone)]
pub(crate) struct Ticked {
    pub range: Range<f64>,
    pub ticks: Vec<f64>,
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.range.end - self.range.start;
        if span <= 0.0 {
            return (limit.0 + limit.1) / 2;
        }
        let t = (value - self.range.start) / span;
        limit.0 + ((limit.1 - limit.0) as f64 * t).round() as i32
    }
    fn key_points<H: KeyPointHint>(&self, _hint: H) -> Vec<f64> {
        self.ticks.clone()
    }
    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

/// Year ticks from `first` to `last`, thinned to at most `max` labels, always ending on `last`.
pub(crate) fn year_ticks(first: i32, last: i32, max: usize) -> Vec<f64> {
    let n = (last - first) as usize + 1;
    let step = n.div_ceil(max.max(1)).max(1) as i32;
    let mut ticks: Vec<f64> = (first..=last)
        .filter(|y| (last - y) % step == 0)
        .map(f64::from)
        .collect();
    ticks.sort_by(f64::total_cmp);
    ticks
}

/// A panel's y axis: round ticks that cover the data, and a little room around them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct YAxis {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
    pub decimals: usize,
}

impl YAxis {
    pub fn new(values: &[f64], integral: bool, rate: bool) -> YAxis {
        let (mut lo, mut hi) = values
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        if values.is_empty() {
            (lo, hi) = (0.0, if rate { 100.0 } else { 1.0 });
        }
        let non_negative = lo >= 0.0;
        // Counts and rates near zero read best from a zero baseline.
        if non_negative && lo <= hi * 0.5 {
            lo = 0.0;
        }
        if hi - lo < 1e-9 {
            let pad = if hi.abs() > 1e-9 { hi.abs() * 0.1 } else { 1.0 };
            (lo, hi) = (lo - pad, hi + pad);
            if non_negative {
                lo = lo.max(0.0);
            }
        }
        let step = nice_step((hi - lo) / 4.0, integral);
        let first = (lo / step).floor() * step;
        let last = (hi / step).ceil() * step;
        let n = ((last - first) / step).round() as usize;
        let ticks: Vec<f64> = (0..=n).map(|i| first + i as f64 * step).collect();
        let span = last - first;
        let decimals = if step >= 1.0 {
            0
        } else {
            (-step.log10()).ceil() as usize
        };
        YAxis {
            lo: first - span * 0.04,
            hi: last + span * 0.1,
            ticks,
            decimals,
        }
    }
}

/// The smallest of 1, 2, 2.5, 5 × 10ⁿ at least `raw` (no steps below 1 or of 2.5 for counts).
fn nice_step(raw: f64, integral: bool) -> f64 {
    let raw = if raw.is_finite() && raw > 0.0 {
        raw
    } else {
        1.0
    };
    let mag = 10f64.powf(raw.log10().floor());
    let mults: &[f64] = if integral && mag <= 1.0 {
        &[1.0, 2.0, 5.0, 10.0]
    } else {
        &[1.0, 2.0, 2.5, 5.0, 10.0]
    };
    let step = mults
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * mag);
    if integral {
        step.max(1.0)
    } else {
        step
    }
}

/// `v` with `decimals` places, thousands grouped, and a % sign for rates.
pub(crate) fn number(v: f64, decimals: usize, rate: bool) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s
    };
    let (sign, rest) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = format!("{sign}{grouped}");
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    if rate {
        out.push('%');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_axes_are_round() {
        assert_eq!(
            year_ticks(2019, 2023, 10),
            vec![2019.0, 2020.0, 2021.0, 2022.0, 2023.0]
        );
        assert_eq!(
            year_ticks(2008, 2023, 6),
            vec![2008.0, 2011.0, 2014.0, 2017.0, 2020.0, 2023.0]
        );
        assert_eq!(year_ticks(2023, 2023, 6), vec![2023.0]);
        // Counts: whole steps from zero.
        let a = YAxis::new(&[0.0, 1.0, 3.0], true, false);
        assert_eq!(a.ticks, vec![0.0, 1.0, 2.0, 3.0]);
        assert_eq!(a.decimals, 0);
        let a = YAxis::new(&[1180.0, 1500.0, 2450.0], true, false);
        assert_eq!(a.ticks.first(), Some(&0.0));
        assert!(a.ticks.last().unwrap() >= &2450.0);
        // Rates in percent, close together: not from zero, fractional steps.
        let a = YAxis::new(&[95.2, 96.0, 97.9], false, true);
        assert!(
            a.ticks[0] > 90.0 && a.ticks[0] <= 95.2 && a.decimals <= 1,
            "{a:?}"
        );
        // One value, or none.
        assert!(YAxis::new(&[5.0], true, false).ticks.len() >= 2);
        assert_eq!(YAxis::new(&[], false, true).ticks.last(), Some(&100.0));
        assert_eq!(number(12345.0, 0, false), "12,345");
        assert_eq!(number(-1234.5, 1, false), "-1,234.5");
        assert_eq!(number(-0.0, 0, true), "0%");
        assert_eq!(number(97.5, 1, true), "97.5%");
    }
}
