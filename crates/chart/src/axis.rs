//! Axes: even "nice" ticks for a panel's values (steps of 1, 2, 2.5 or 5 × 10ᵏ, 4 to 8 ticks,
//! whole steps for counts), year ticks, and numbers as the tick and value labels write them.
//!
//! Ticks are computed as whole multiples of the step in units of 10⁻ᵈ (d = the decimals the step
//! needs), so a tick is the double nearest its decimal and prints without float noise: 7.5, never
//! 7.4999999 or 7.25 cut to 7.2.

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

/// Fewest and most ticks on a value axis.
pub(crate) const MIN_TICKS: usize = 4;
pub(crate) const MAX_TICKS: usize = 8;

/// A nice step: `mantissa` × 10^`exp`, the mantissa one of 1, 2, 25 (with `exp` one lower: 2.5 ×
/// 10ᵏ) or 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Step {
    mantissa: i64,
    exp: i32,
}

impl Step {
    /// The nice steps in increasing order from the first one at least `raw`.
    fn from_at_least(raw: f64) -> impl Iterator<Item = Step> {
        let raw = if raw.is_finite() && raw > 0.0 {
            raw
        } else {
            1.0
        };
        // Start a decade below so that rounding in log10 never skips the right step.
        let start = raw.log10().floor() as i32 - 1;
        (start..=start.saturating_add(400))
            .flat_map(|e| {
                [(1, e), (2, e), (25, e - 1), (5, e)].map(|(mantissa, exp)| Step { mantissa, exp })
            })
            .skip_while(move |s| s.value() < raw * (1.0 - 1e-9))
    }

    /// The step as the double nearest its decimal (2.5, 0.25, not 25 × 0.1).
    fn value(self) -> f64 {
        match self.units() {
            Some(units) if self.decimals() <= 22 => from_units(units, self.decimals()),
            _ => self.mantissa as f64 * 10f64.powi(self.exp),
        }
    }

    /// Decimals the step (and so every multiple of it) needs to be written exactly.
    fn decimals(self) -> usize {
        (-self.exp).max(0) as usize
    }

    /// The step as a whole number of 10^-decimals units (`None` past i128).
    fn units(self) -> Option<i128> {
        let scale = u32::try_from(self.exp + self.decimals() as i32).ok()?;
        10i128
            .checked_pow(scale)?
            .checked_mul(i128::from(self.mantissa))
    }

    fn is_whole(self) -> bool {
        self.exp >= 0
    }
}

/// A panel's y axis: even, nice ticks that cover the data, and a little room around them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct YAxis {
    /// The drawn range (a little beyond the first and last tick).
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
    /// Decimals every tick label is written with.
    pub decimals: usize,
    /// The distance between ticks.
    pub step: f64,
}

impl YAxis {
    /// Ticks for `values` (percent for rates); `integral` (counts) keeps every tick a whole
    /// number.
    pub fn new(values: &[f64], integral: bool, rate: bool) -> YAxis {
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let (mut lo, mut hi) = finite
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        if finite.is_empty() {
            (lo, hi) = (0.0, if rate { 100.0 } else { 1.0 });
        }
        let non_negative = lo >= 0.0;
        // Counts and rates near zero read best from a zero baseline.
        if non_negative && lo <= hi * 0.5 {
            lo = 0.0;
        }
        // One value (or all the same): from zero if not negative, else ±10 % around it.
        if hi - lo < 1e-9 * hi.abs().max(1.0) {
            if non_negative {
                (lo, hi) = (0.0, if hi > 1e-9 { hi } else { 1.0 });
            } else {
                let pad = hi.abs() * 0.1;
                (lo, hi) = (lo - pad, hi + pad);
            }
        }
        // Differences below a hundredth of a percentage point, or a millionth of the values,
        // are noise: such series are drawn flat, not with ticks of seven decimals.
        let least = if rate {
            0.07
        } else {
            1e-6 * lo.abs().max(hi.abs())
        };
        if hi - lo < least {
            let mid = (lo + hi) / 2.0;
            (lo, hi) = (mid - least / 2.0, mid + least / 2.0);
            if non_negative && lo < 0.0 {
                (lo, hi) = (0.0, hi - lo);
            }
        }
        let span = hi - lo;
        // The candidates: the smallest nice step that gives at most eight ticks and the next
        // few; the best has about five ticks and wastes little of its range.
        let mut chosen: Option<(f64, Step, Vec<f64>)> = None;
        let mut candidates = 0;
        for step in Step::from_at_least(span / (MAX_TICKS - 1) as f64) {
            if integral && !step.is_whole() {
                continue;
            }
            let ticks = match ticks_for(lo, hi, step) {
                Fit::Ticks(ticks) => ticks,
                Fit::TooMany => continue,
                Fit::OutOfRange => break,
            };
            candidates += 1;
            if ticks.len() < MIN_TICKS && chosen.is_some() || candidates > 4 {
                break;
            }
            let score = score(&ticks, span, step);
            if chosen.as_ref().is_none_or(|(best, _, _)| score < *best) {
                chosen = Some((score, step, ticks));
            }
        }
        let Some((_, step, mut ticks)) = chosen else {
            return YAxis::fallback(lo, hi);
        };
        // Only whole steps of a small count can leave fewer than four ticks: add whole steps
        // above (counts grow from their zero baseline).
        while ticks.len() < MIN_TICKS {
            let Some(next) = ticks.last().map(|t| t + step.value()) else {
                break;
            };
            ticks.push(exact(next, step.decimals()));
        }
        let (first, last) = (
            ticks.first().copied().unwrap_or(lo),
            ticks.last().copied().unwrap_or(hi),
        );
        let drawn = last - first;
        YAxis {
            lo: first - drawn * 0.04,
            hi: last + drawn * 0.1,
            ticks,
            decimals: step.decimals(),
            step: step.value(),
        }
    }

    /// Values beyond whole-unit arithmetic (about 10³⁸, or spans below 10⁻¹⁵): the data's
    /// range, no ticks between.
    fn fallback(lo: f64, hi: f64) -> YAxis {
        YAxis {
            lo,
            hi,
            ticks: vec![lo, hi],
            decimals: 0,
            step: hi - lo,
        }
    }

    /// The tick labels, in tick order.
    pub fn labels(&self, rate: bool) -> Vec<String> {
        self.ticks
            .iter()
            .map(|t| number(*t, self.decimals, rate))
            .collect()
    }
}

/// Lower is better: ticks away from five, range beyond the data's, and (a little) steps of 2.5,
/// which are harder to count along than 1, 2 and 5.
fn score(ticks: &[f64], span: f64, step: Step) -> f64 {
    let (first, last) = (
        ticks.first().copied().unwrap_or(0.0),
        ticks.last().copied().unwrap_or(0.0),
    );
    let covered = (last - first).max(f64::MIN_POSITIVE);
    let waste = ((covered - span) / covered).clamp(0.0, 1.0);
    let quarter = if step.mantissa == 25 { 0.3 } else { 0.0 };
    (ticks.len() as f64 - 5.0).abs() + 2.0 * waste + quarter
}

/// What a step makes of a range.
enum Fit {
    Ticks(Vec<f64>),
    /// More than [`MAX_TICKS`]: a larger step is needed.
    TooMany,
    /// Beyond exact whole-unit arithmetic (values past ±10¹⁵ steps, or more than 15 decimals).
    OutOfRange,
}

/// The ticks of `step` from the last multiple at or below `lo` to the first at or above `hi`,
/// each the double nearest its decimal.
fn ticks_for(lo: f64, hi: f64, step: Step) -> Fit {
    let s = step.value();
    // A value within a millionth of a step of a multiple is on it (rates ×100 are not exact).
    let first = (lo / s + 1e-6).floor();
    let last = (hi / s - 1e-6).ceil();
    let d = step.decimals();
    let in_range = |k: f64| k.is_finite() && k.abs() <= 1e15;
    let (Some(units), true, true, true) = (step.units(), in_range(first), in_range(last), d <= 15)
    else {
        return Fit::OutOfRange;
    };
    let (first, last) = (first as i128, last as i128);
    if last - first + 1 > MAX_TICKS as i128 {
        return Fit::TooMany;
    }
    let ticks: Option<Vec<f64>> = (first..=last)
        .map(|k| k.checked_mul(units).map(|v| from_units(v, d)))
        .collect();
    ticks.map_or(Fit::OutOfRange, Fit::Ticks)
}

/// `units` × 10^-`decimals` as the double nearest that decimal.
fn from_units(units: i128, decimals: usize) -> f64 {
    // Both are exact in f64 for the magnitudes used here (≤ 10¹⁵ units, ≤ 10²² scale), and
    // IEEE division rounds once: the nearest double to the quotient.
    units as f64 / 10f64.powi(decimals as i32)
}

/// `v` rounded to `decimals` places, as the double nearest that decimal.
fn exact(v: f64, decimals: usize) -> f64 {
    from_units((v * 10f64.powi(decimals as i32)).round() as i128, decimals)
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

/// A value as its label writes it: counts whole, rates (in percent) to one decimal, other
/// amounts (money in 万元) with the decimals they have, up to four.
pub(crate) fn value_label(v: f64, integral: bool, rate: bool) -> String {
    if rate {
        return number(v, 1, true);
    }
    if integral {
        return number(v, 0, false);
    }
    let four = format!("{v:.4}");
    let decimals = four
        .split_once('.')
        .map_or(0, |(_, f)| f.trim_end_matches('0').len());
    number(v, decimals, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
        // Counts: whole steps from zero, four ticks at least.
        let a = YAxis::new(&[0.0, 1.0, 3.0], true, false);
        assert_eq!(a.ticks, vec![0.0, 1.0, 2.0, 3.0]);
        assert_eq!(a.decimals, 0);
        let a = YAxis::new(&[0.0, 1.0], true, false);
        assert_eq!(a.ticks, vec![0.0, 1.0, 2.0, 3.0], "no 0.5 applications");
        let a = YAxis::new(&[1180.0, 1500.0, 2450.0], true, false);
        assert_eq!(a.ticks, vec![0.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0]);
        // Rates in percent, close together: not from zero, fractional steps.
        let a = YAxis::new(&[95.2, 96.0, 97.9], false, true);
        assert!(
            a.ticks[0] > 90.0 && a.ticks[0] <= 95.2 && a.decimals <= 1,
            "{a:?}"
        );
        // One value, or none.
        assert_eq!(
            YAxis::new(&[3.0, 3.0], true, false).ticks,
            [0.0, 1.0, 2.0, 3.0]
        );
        assert_eq!(YAxis::new(&[0.0], true, false).ticks, [0.0, 1.0, 2.0, 3.0]);
        assert_eq!(
            YAxis::new(&[12.5], false, true).labels(true),
            ["0.0%", "2.5%", "5.0%", "7.5%", "10.0%", "12.5%"]
        );
        let a = YAxis::new(&[-40.0], true, false);
        assert!(
            a.ticks[0] <= -44.0 && *a.ticks.last().unwrap() >= -36.0,
            "{a:?}"
        );
        assert_eq!(YAxis::new(&[], false, true).ticks.last(), Some(&100.0));
        assert_eq!(number(12345.0, 0, false), "12,345");
        assert_eq!(number(-1234.5, 1, false), "-1,234.5");
        assert_eq!(number(-0.0, 0, true), "0%");
        assert_eq!(number(97.5, 1, true), "97.5%");
    }

    #[test]
    fn chart_ticks_of_two_and_a_half() {
        // 0 to 10 %: steps of 2.5, written with the one decimal they need.
        let a = YAxis::new(&[0.3, 9.6], false, true);
        assert_eq!(a.ticks, vec![0.0, 2.5, 5.0, 7.5, 10.0], "{a:?}");
        assert_eq!(
            a.labels(true),
            ["0.0%", "2.5%", "5.0%", "7.5%", "10.0%"],
            "no float noise"
        );
        // A step of 0.25 keeps both decimals (7.25, not 7.2 rounded half to even).
        let a = YAxis::new(&[7.27, 7.31, 8.18], false, true);
        assert_eq!(a.step, 0.25, "{a:?}");
        assert_eq!(
            a.labels(true),
            ["7.25%", "7.50%", "7.75%", "8.00%", "8.25%"]
        );
        // Tenths that binary floating point cannot hold: 0.1 × 3 = 0.30000000000000004.
        let a = YAxis::new(&[0.05, 0.35], false, false);
        assert!(a.ticks.contains(&0.3), "{:?}", a.ticks);
        assert!(a.labels(false).iter().all(|l| l.len() <= 4), "{a:?}");
        // Counts step by 25 where that fits, never by 2.5.
        let a = YAxis::new(&[3.0, 70.0], true, false);
        assert_eq!(a.ticks, vec![0.0, 20.0, 40.0, 60.0, 80.0]);
        let a = YAxis::new(&[0.0, 9.0], true, false);
        assert_eq!(a.ticks, vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        let a = YAxis::new(&[0.0, 150.0], true, false);
        assert_eq!(a.ticks, vec![0.0, 50.0, 100.0, 150.0]);
        let a = YAxis::new(&[0.0, 96.0], true, false);
        assert_eq!(a.ticks, vec![0.0, 25.0, 50.0, 75.0, 100.0]);
    }

    #[test]
    fn chart_value_labels_are_exact() {
        assert_eq!(value_label(2_569_181.0, true, false), "2,569,181");
        assert_eq!(value_label(0.844 * 100.0, false, true), "84.4%");
        assert_eq!(value_label(4068.208, false, false), "4,068.208");
        assert_eq!(value_label(6510.5, false, false), "6,510.5");
        assert_eq!(value_label(12.0, false, false), "12");
    }

    /// Whether `step` is 1, 2, 2.5 or 5 × 10ᵏ (to a relative millionth).
    fn is_nice(step: f64) -> bool {
        let mag = 10f64.powf(step.log10().floor());
        let m = step / mag;
        [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .any(|n| (m - n).abs() < 1e-6 * n)
    }

    fn check(values: &[f64], integral: bool, rate: bool) -> Result<(), TestCaseError> {
        let a = YAxis::new(values, integral, rate);
        let t = &a.ticks;
        prop_assert!(
            (MIN_TICKS..=MAX_TICKS).contains(&t.len()),
            "{} ticks: {a:?}",
            t.len()
        );
        prop_assert!(is_nice(a.step), "step {}: {a:?}", a.step);
        let tol = (a.step * 1e-9).max(t.iter().fold(0.0f64, |m, t| m.max(t.abs())) * 1e-12);
        for w in t.windows(2) {
            prop_assert!(((w[1] - w[0]) - a.step).abs() <= tol, "uneven: {a:?}");
        }
        for v in values {
            prop_assert!(
                t[0] <= v + tol && *t.last().unwrap() >= v - tol,
                "{v} outside {a:?}"
            );
        }
        prop_assert!(a.lo < t[0] && a.hi > *t.last().unwrap());
        for (tick, label) in t.iter().zip(a.labels(rate)) {
            // The label, read back, is the tick: no digit lost, no float noise.
            let back: f64 = label
                .trim_end_matches('%')
                .replace(',', "")
                .parse()
                .unwrap();
            prop_assert_eq!(back, *tick, "label {}", label);
            prop_assert!(
                (tick / a.step - (tick / a.step).round()).abs() < 1e-6,
                "{} is not a multiple of {}",
                tick,
                a.step
            );
            if integral {
                prop_assert_eq!(tick.fract(), 0.0, "counts: whole ticks only");
                prop_assert!(!label.contains('.'));
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn chart_ticks_counts(values in prop::collection::vec(0i64..5_000_000, 1..12)) {
            let values: Vec<f64> = values.iter().map(|&v| v as f64).collect();
            check(&values, true, false)?;
        }

        #[test]
        fn chart_ticks_small_counts(values in prop::collection::vec(0i64..12, 1..12)) {
            let values: Vec<f64> = values.iter().map(|&v| v as f64).collect();
            check(&values, true, false)?;
        }

        /// Signed counts (section 二's 本年增/减): whole ticks on both sides of zero.
        #[test]
        fn chart_ticks_signed_counts(values in prop::collection::vec(-3000i64..3000, 1..12)) {
            let values: Vec<f64> = values.iter().map(|&v| v as f64).collect();
            check(&values, true, false)?;
        }

        #[test]
        fn chart_ticks_rates(values in prop::collection::vec(0.0f64..=1.0, 1..12)) {
            let values: Vec<f64> = values.iter().map(|v| v * 100.0).collect();
            check(&values, false, true)?;
        }

        #[test]
        fn chart_ticks_close_rates(base in 0.0f64..0.99, spread in 0.0f64..0.01, n in 1usize..10) {
            let values: Vec<f64> = (0..n)
                .map(|i| (base + spread * i as f64 / n as f64) * 100.0)
                .collect();
            check(&values, false, true)?;
        }

        #[test]
        fn chart_ticks_amounts(values in prop::collection::vec(-1.0e7f64..1.0e7, 1..12),
                               scale in -6i32..3) {
            let values: Vec<f64> = values.iter().map(|v| v * 10f64.powi(scale)).collect();
            check(&values, false, false)?;
        }
    }
}
