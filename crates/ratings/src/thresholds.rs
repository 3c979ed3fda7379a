//! The red and yellow lines of each measure and the interval's confidence level, with a parser
//! for the user's `key=value,…` (e.g. `correction.red=20%,disclosure.yellow=50%,confidence=90%,min_cases=20`).

use std::fmt;
use std::str::FromStr;

use gongkai_messages::msg;

use crate::{Direction, Measure, Z95};

/// The confidence levels a user may ask for, with their normal quantiles z (two-sided).
pub const CONFIDENCE_LEVELS: &[(&str, f64, f64)] = &[
    ("80%", 0.80, 1.281552),
    ("90%", 0.90, 1.644854),
    ("95%", 0.95, Z95),
    ("98%", 0.98, 2.326348),
    ("99%", 0.99, 2.575829),
    ("99.9%", 0.999, 3.290527),
];

/// The default floor of cases for a colour: ten decisions or applications.
pub const DEFAULT_MIN_CASES: u64 = 10;

/// One measure's lines, as fractions of 1. For a correction rate "past" means above; for the
/// disclosure rate, below.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub red: f64,
    pub yellow: f64,
}

/// Every measure's lines and the confidence level of the intervals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub disclosure: Line,
    pub reconsideration: Line,
    pub litigation: Line,
    /// The confidence level (0.95) and its z (1.959964), one of [`CONFIDENCE_LEVELS`].
    pub confidence: f64,
    pub z: f64,
    /// Below this many cases (the denominator) no colour is given at all: at 95% the interval
    /// of 1 corrected case out of 1 is [20.7%, 100%], wholly above 15%, and one case must not
    /// make a red card. 0 leaves the interval alone to decide.
    pub min_cases: u64,
}

impl Default for Thresholds {
    /// The defaults: 纠错率 above 15% red, above 10% yellow; 公开率 below 40% red, below
    /// 45% yellow; 95% intervals.
    fn default() -> Thresholds {
        let correction = Line {
            red: 0.15,
            yellow: 0.10,
        };
        Thresholds {
            disclosure: Line {
                red: 0.40,
                yellow: 0.45,
            },
            reconsideration: correction,
            litigation: correction,
            confidence: 0.95,
            z: Z95,
            min_cases: DEFAULT_MIN_CASES,
        }
    }
}

/// Why a user's thresholds could not be read, worded from the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThresholdError {
    /// An item without `=`.
    NotKeyValue {
        item: String,
    },
    UnknownKey {
        key: String,
    },
    /// The same key twice.
    Twice {
        key: String,
    },
    /// Not `15%` or `0.15`.
    NotARate {
        key: String,
        value: String,
    },
    OutOfRange {
        key: String,
        value: String,
    },
    NotALevel {
        value: String,
    },
    /// `min_cases` not a whole number.
    NotACount {
        value: String,
    },
    /// A red line on the good side of the yellow one.
    Order {
        measure: Measure,
        red: String,
        yellow: String,
    },
}

impl fmt::Display for ThresholdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            ThresholdError::NotKeyValue { item } => {
                msg!("rating-threshold-not-key-value", item = item)
            }
            ThresholdError::UnknownKey { key } => {
                msg!(
                    "rating-threshold-unknown-key",
                    key = key,
                    keys = THRESHOLD_KEYS.join(", ")
                )
            }
            ThresholdError::Twice { key } => msg!("rating-threshold-twice", key = key),
            ThresholdError::NotARate { key, value } => {
                msg!("rating-threshold-not-a-rate", key = key, value = value)
            }
            ThresholdError::OutOfRange { key, value } => {
                msg!("rating-threshold-out-of-range", key = key, value = value)
            }
            ThresholdError::NotALevel { value } => {
                let levels: Vec<&str> = CONFIDENCE_LEVELS.iter().map(|l| l.0).collect();
                msg!(
                    "rating-threshold-not-a-level",
                    value = value,
                    levels = levels.join(", ")
                )
            }
            ThresholdError::NotACount { value } => {
                msg!("rating-threshold-not-a-count", value = value)
            }
            ThresholdError::Order {
                measure,
                red,
                yellow,
            } => match measure.direction() {
                Direction::HigherIsWorse => msg!(
                    "rating-threshold-order-higher",
                    measure = measure.name(),
                    red = red,
                    yellow = yellow
                ),
                Direction::LowerIsWorse => msg!(
                    "rating-threshold-order-lower",
                    measure = measure.name(),
                    red = red,
                    yellow = yellow
                ),
            },
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ThresholdError {}

/// The keys a user may set; `correction.*` sets both correction rates (a measure's own key wins).
pub const THRESHOLD_KEYS: &[&str] = &[
    "disclosure.red",
    "disclosure.yellow",
    "reconsideration.red",
    "reconsideration.yellow",
    "litigation.red",
    "litigation.yellow",
    "correction.red",
    "correction.yellow",
    "confidence",
    "min_cases",
];

impl Thresholds {
    /// The lines of `measure`.
    pub fn line(&self, measure: Measure) -> Line {
        match measure {
            Measure::Disclosure => self.disclosure,
            Measure::Reconsideration => self.reconsideration,
            Measure::Litigation => self.litigation,
        }
    }

    fn line_mut(&mut self, measure: Measure) -> &mut Line {
        match measure {
            Measure::Disclosure => &mut self.disclosure,
            Measure::Reconsideration => &mut self.reconsideration,
            Measure::Litigation => &mut self.litigation,
        }
    }

    /// The defaults with the user's `key=value,…` over them. Items are separated by `,` or `;`
    /// (full-width `，；` too); values are a percentage (`15%`) or a fraction (`0.15`); keys are
    /// in [`THRESHOLD_KEYS`]. An empty string gives the defaults.
    pub fn parse(text: &str) -> Result<Thresholds, ThresholdError> {
        let text = text
            .replace(['，', '；', ';'], ",")
            .replace('＝', "=")
            .replace('％', "%");
        let mut items: Vec<(String, String)> = Vec::new();
        for item in text.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let Some((key, value)) = item.split_once('=') else {
                return Err(ThresholdError::NotKeyValue {
                    item: item.to_string(),
                });
            };
            let key = key.trim().to_ascii_lowercase();
            if !THRESHOLD_KEYS.contains(&key.as_str()) {
                return Err(ThresholdError::UnknownKey { key });
            }
            if items.iter().any(|(k, _)| *k == key) {
                return Err(ThresholdError::Twice { key });
            }
            items.push((key, value.trim().to_string()));
        }
        // `correction.*` first, so a measure's own key wins whatever the order written.
        items.sort_by_key(|(k, _)| !k.starts_with("correction."));
        let mut out = Thresholds::default();
        for (key, value) in &items {
            if key == "min_cases" {
                out.min_cases = value.parse().map_err(|_| ThresholdError::NotACount {
                    value: value.clone(),
                })?;
                continue;
            }
            if key == "confidence" {
                let level = parse_fraction(key, value)?;
                let Some(&(_, confidence, z)) = CONFIDENCE_LEVELS
                    .iter()
                    .find(|l| (l.1 - level).abs() < 1e-9)
                else {
                    return Err(ThresholdError::NotALevel {
                        value: value.clone(),
                    });
                };
                out.confidence = confidence;
                out.z = z;
                continue;
            }
            let (who, which) = key.split_once('.').unwrap_or((key, ""));
            let measures: &[Measure] = match who {
                "disclosure" => &[Measure::Disclosure],
                "reconsideration" => &[Measure::Reconsideration],
                "litigation" => &[Measure::Litigation],
                _ => &[Measure::Reconsideration, Measure::Litigation],
            };
            let fraction = parse_fraction(key, value)?;
            for &measure in measures {
                let line = out.line_mut(measure);
                if which == "red" {
                    line.red = fraction;
                } else {
                    line.yellow = fraction;
                }
            }
        }
        for measure in Measure::ALL {
            let line = out.line(measure);
            let in_order = match measure.direction() {
                Direction::HigherIsWorse => line.red >= line.yellow,
                Direction::LowerIsWorse => line.red <= line.yellow,
            };
            if !in_order {
                return Err(ThresholdError::Order {
                    measure,
                    red: percent(line.red),
                    yellow: percent(line.yellow),
                });
            }
        }
        Ok(out)
    }
}

impl FromStr for Thresholds {
    type Err = ThresholdError;

    fn from_str(s: &str) -> Result<Thresholds, ThresholdError> {
        Thresholds::parse(s)
    }
}

impl fmt::Display for Thresholds {
    /// Every setting as `key=value,…`, which [`Thresholds::parse`] reads back to the same.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut items = Vec::new();
        for measure in Measure::ALL {
            let line = self.line(measure);
            items.push(format!("{}.red={}", measure.key(), percent(line.red)));
            items.push(format!("{}.yellow={}", measure.key(), percent(line.yellow)));
        }
        items.push(format!("confidence={}", percent(self.confidence)));
        items.push(format!("min_cases={}", self.min_cases));
        f.write_str(&items.join(","))
    }
}

/// `15%` or `0.15` as 0.15; a bare number above 1 is refused rather than guessed at (is `1`
/// 1% or 100%?).
fn parse_fraction(key: &str, value: &str) -> Result<f64, ThresholdError> {
    let not_a_rate = || ThresholdError::NotARate {
        key: key.to_string(),
        value: value.to_string(),
    };
    let (number, scale) = match value.strip_suffix('%') {
        Some(n) => (n.trim(), 100.0),
        None => (value, 1.0),
    };
    let x: f64 = number.parse().map_err(|_| not_a_rate())?;
    if !x.is_finite() {
        return Err(not_a_rate());
    }
    if scale == 1.0 && x > 1.0 {
        return Err(not_a_rate());
    }
    let fraction = x / scale;
    if !(0.0..=1.0).contains(&fraction) {
        return Err(ThresholdError::OutOfRange {
            key: key.to_string(),
            value: value.to_string(),
        });
    }
    Ok(fraction)
}

/// A fraction as a percentage with no needless decimals: 0.15 → `15%`, 0.125 → `12.5%`.
pub(crate) fn percent(fraction: f64) -> String {
    let text = format!("{:.4}", fraction * 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}
