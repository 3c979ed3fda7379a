//! A unit's rating on one measure (counts, rate, interval, verdict), the ranking and the CSV.

use gongkai_form::FormVersion;
use gongkai_messages::msg;

use crate::thresholds::percent;
use crate::{counts, wilson, Counts, Direction, Interval, Line, Measure, Thresholds};

/// What a rating says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The whole interval is past the red line.
    Red,
    /// The whole interval is past the yellow line, not wholly past the red.
    Yellow,
    /// The whole interval is on the good side of the yellow line.
    Green,
    /// The interval straddles the yellow line, or there are fewer cases than the floor: too few
    /// cases to say.
    TooFew,
    /// Nothing to rate: a denominator of 0, or the table left blank.
    NoData,
    /// A negative count or a numerator above its denominator.
    Inconsistent,
}

impl Verdict {
    /// The CSV's code: `red`, `yellow`, `green`, `too_few`, `no_data`, `inconsistent`.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Red => "red",
            Verdict::Yellow => "yellow",
            Verdict::Green => "green",
            Verdict::TooFew => "too_few",
            Verdict::NoData => "no_data",
            Verdict::Inconsistent => "inconsistent",
        }
    }

    /// The verdict in the user's language (红, 样本太少无法判断, …).
    pub fn words(self) -> String {
        match self {
            Verdict::Red => msg!("rating-red"),
            Verdict::Yellow => msg!("rating-yellow"),
            Verdict::Green => msg!("rating-green"),
            Verdict::TooFew => msg!("rating-too-few"),
            Verdict::NoData => msg!("rating-no-data"),
            Verdict::Inconsistent => msg!("rating-inconsistent"),
        }
    }

    /// Worst first in a ranking: the colours that call for action, then the undecided, then the
    /// good, then what has no rate.
    fn severity(self) -> u8 {
        match self {
            Verdict::Red => 0,
            Verdict::Yellow => 1,
            Verdict::TooFew => 2,
            Verdict::Green => 3,
            Verdict::Inconsistent => 4,
            Verdict::NoData => 5,
        }
    }
}

/// One unit's (or the total's) rating on one measure in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    pub unit: String,
    pub year: i32,
    pub measure: Measure,
    pub numerator: i64,
    pub denominator: i64,
    /// numerator / denominator, where that is a proportion (0 ≤ numerator ≤ denominator > 0).
    pub rate: Option<f64>,
    /// The Wilson interval at the thresholds' confidence level, where there is a rate.
    pub interval: Option<Interval>,
    pub verdict: Verdict,
}

impl Rating {
    /// Rates `counts` of `measure` against `thresholds`.
    pub fn new(
        unit: &str,
        year: i32,
        measure: Measure,
        counts: Counts,
        thresholds: &Thresholds,
    ) -> Rating {
        let Counts {
            numerator,
            denominator,
            reported,
        } = counts;
        let mut rating = Rating {
            unit: unit.to_string(),
            year,
            measure,
            numerator,
            denominator,
            rate: None,
            interval: None,
            verdict: Verdict::NoData,
        };
        if !reported || (numerator == 0 && denominator == 0) {
            return rating;
        }
        let (Ok(k), Ok(n)) = (u64::try_from(numerator), u64::try_from(denominator)) else {
            rating.verdict = Verdict::Inconsistent;
            return rating;
        };
        let Some(interval) = wilson(k, n, thresholds.z) else {
            // n = 0 with k > 0, or k > n: more granted or corrected than there were cases.
            rating.verdict = Verdict::Inconsistent;
            return rating;
        };
        rating.rate = Some(k as f64 / n as f64);
        rating.interval = Some(interval);
        rating.verdict = if n < thresholds.min_cases {
            Verdict::TooFew
        } else {
            verdict(measure.direction(), interval, thresholds.line(measure))
        };
        rating
    }

    /// The rating in a line for a page or a letter, in the user's language: `11.1% (6/54; 95%
    /// interval 5.2%–22.2%): too few cases to say`; without a rate, the counts and the verdict.
    pub fn summary(&self, thresholds: &Thresholds) -> String {
        let verdict = self.verdict.words();
        let (numerator, denominator) = (self.numerator, self.denominator);
        match (self.rate, self.interval) {
            (Some(rate), Some(interval)) => msg!(
                "rating-summary",
                rate = percent_1(rate),
                numerator = numerator,
                denominator = denominator,
                level = percent(thresholds.confidence),
                low = percent_1(interval.low),
                high = percent_1(interval.high),
                verdict = verdict
            ),
            _ => msg!(
                "rating-summary-no-rate",
                numerator = numerator,
                denominator = denominator,
                verdict = verdict
            ),
        }
    }

    /// The interval's bound on the side of the line, turned so that larger is worse: a
    /// correction rate's lower bound, one minus the disclosure rate's upper bound.
    fn surely_bad(&self) -> f64 {
        match (self.interval, self.measure.direction()) {
            (Some(i), Direction::HigherIsWorse) => i.low,
            (Some(i), Direction::LowerIsWorse) => 1.0 - i.high,
            (None, _) => f64::NEG_INFINITY,
        }
    }
}

/// The colour of an interval against a measure's lines (the rule of the crate's docs).
fn verdict(direction: Direction, interval: Interval, line: Line) -> Verdict {
    let Interval { low, high } = interval;
    match direction {
        Direction::HigherIsWorse if low > line.red => Verdict::Red,
        Direction::HigherIsWorse if low > line.yellow => Verdict::Yellow,
        Direction::HigherIsWorse if high <= line.yellow => Verdict::Green,
        Direction::LowerIsWorse if high < line.red => Verdict::Red,
        Direction::LowerIsWorse if high < line.yellow => Verdict::Yellow,
        Direction::LowerIsWorse if low >= line.yellow => Verdict::Green,
        _ => Verdict::TooFew,
    }
}

/// A fraction as a percentage with one decimal, as the page and letters print rates: `11.1%`.
fn percent_1(fraction: f64) -> String {
    format!("{:.1}%", fraction * 100.0)
}

/// The three ratings of one report or total, from its dense `values` and `blank` flags in `form`.
/// For a consolidated total, a cell is blank where every unit left it blank.
pub fn ratings_of(
    unit: &str,
    year: i32,
    form: FormVersion,
    values: &[i64],
    blank: &[bool],
    thresholds: &Thresholds,
) -> [Rating; 3] {
    Measure::ALL.map(|m| Rating::new(unit, year, m, counts(form, values, blank, m), thresholds))
}

/// Sorts worst first within each measure (measures in [`Measure::ALL`]'s order): by verdict, by
/// the interval's bound on the side of the line, then by unit and year.
pub fn rank(ratings: &mut [Rating]) {
    ratings.sort_by(|a, b| {
        a.measure
            .cmp(&b.measure)
            .then(a.verdict.severity().cmp(&b.verdict.severity()))
            .then(b.surely_bad().total_cmp(&a.surely_bad()))
            .then_with(|| a.unit.cmp(&b.unit))
            .then(a.year.cmp(&b.year))
    });
}

/// The CSV's columns, in order.
pub const CSV_HEADER: [&str; 9] = [
    "unit",
    "year",
    "measure",
    "numerator",
    "denominator",
    "rate",
    "low",
    "high",
    "verdict",
];

/// Ratings as CSV (`\n` line ends, no BOM: the writer of the file adds what Excel needs): rates
/// and bounds as fractions with 4 decimals, empty where there is none; the verdict's code.
pub fn to_csv(ratings: &[Rating]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push('\n');
    let fraction = |x: Option<f64>| x.map(|x| format!("{x:.4}")).unwrap_or_default();
    for r in ratings {
        let fields = [
            csv_field(&r.unit),
            r.year.to_string(),
            r.measure.code().to_string(),
            r.numerator.to_string(),
            r.denominator.to_string(),
            fraction(r.rate),
            fraction(r.interval.map(|i| i.low)),
            fraction(r.interval.map(|i| i.high)),
            r.verdict.code().to_string(),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// A field quoted where CSV needs it (a unit's name with a comma or a quote).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
