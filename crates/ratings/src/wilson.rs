//! The Wilson score interval for a proportion: honest about small numbers where the plain
//! "rate ± 2 standard errors" is not (it gives 0/3 an interval of width 0).

/// z of a two-sided 95% interval (the 0.975 quantile of the standard normal), as the issue fixes it.
pub const Z95: f64 = 1.959964;

/// A closed interval within [0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Interval {
    pub fn width(self) -> f64 {
        self.high - self.low
    }

    pub fn contains(self, x: f64) -> bool {
        self.low <= x && x <= self.high
    }
}

/// The Wilson score interval of `successes` out of `trials` at normal quantile `z`:
///
/// ```text
///            k + z²/2 ∓ z·√(k(n−k)/n + z²/4)
/// low,high = ───────────────────────────────
///                       n + z²
/// ```
///
/// `None` when there is nothing to estimate from (`trials` 0), when `successes > trials`, or
/// when `z` is not a positive number.
pub fn wilson(successes: u64, trials: u64, z: f64) -> Option<Interval> {
    if trials == 0 || successes > trials || !(z.is_finite() && z > 0.0) {
        return None;
    }
    let (k, n) = (successes as f64, trials as f64);
    let z2 = z * z;
    let centre = k + z2 / 2.0;
    let spread = z * (k * (n - k) / n + z2 / 4.0).sqrt();
    let denominator = n + z2;
    // At k = 0 (k = n) the lower (upper) bound is exactly 0 (1); floating point would leave a
    // crumb of ±1e-17 there, which a "wholly past the line" test must not see.
    let low = if successes == 0 {
        0.0
    } else {
        ((centre - spread) / denominator).clamp(0.0, 1.0)
    };
    let high = if successes == trials {
        1.0
    } else {
        ((centre + spread) / denominator).clamp(0.0, 1.0)
    };
    Some(Interval { low, high })
}
