//! The three measures supervisors rate, and their exact counts from a report's dense values.

use gongkai_form::measures::{cells_of, rate, Rate};
use gongkai_form::FormVersion;
use gongkai_messages::msg;

/// A rate a unit is rated on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    /// 实质公开率: (予以公开 + 部分公开) / 办理结果总计.
    Disclosure,
    /// 行政复议纠错率: 纠正 / (总计 − 尚未审结).
    Reconsideration,
    /// 行政诉讼纠错率: the same over both litigation rows.
    Litigation,
}

/// Which side of a line is bad.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// A correction rate: the higher, the more decisions courts and reviewers overturned.
    HigherIsWorse,
    /// The disclosure rate: the lower, the less the unit disclosed.
    LowerIsWorse,
}

impl Measure {
    pub const ALL: [Measure; 3] = [
        Measure::Disclosure,
        Measure::Reconsideration,
        Measure::Litigation,
    ];

    /// The form crate's name of the rate (`rate.disclosure`, …): the CSV's `measure` column and
    /// `gongkai trend --measure`.
    pub fn code(self) -> &'static str {
        match self {
            Measure::Disclosure => "rate.disclosure",
            Measure::Reconsideration => "rate.reconsideration_corrected",
            Measure::Litigation => "rate.litigation_corrected",
        }
    }

    /// The short name thresholds are set by (`disclosure.red=40%`).
    pub fn key(self) -> &'static str {
        match self {
            Measure::Disclosure => "disclosure",
            Measure::Reconsideration => "reconsideration",
            Measure::Litigation => "litigation",
        }
    }

    /// The measure's name in the user's language (实质公开率 …).
    pub fn name(self) -> String {
        match self {
            Measure::Disclosure => msg!("rating-measure-disclosure"),
            Measure::Reconsideration => msg!("rating-measure-reconsideration"),
            Measure::Litigation => msg!("rating-measure-litigation"),
        }
    }

    pub fn direction(self) -> Direction {
        match self {
            Measure::Disclosure => Direction::LowerIsWorse,
            Measure::Reconsideration | Measure::Litigation => Direction::HigherIsWorse,
        }
    }

    /// The form's definition of the rate.
    fn definition(self) -> Option<&'static Rate> {
        rate(self.code())
    }
}

/// A measure's exact counts in one report or total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub numerator: i64,
    pub denominator: i64,
    /// False when every cell the denominator adds (its totals, not what it subtracts) was left
    /// blank: the unit did not fill the table, which is "no data" whatever else it wrote.
    pub reported: bool,
}

/// The counts of `measure` from dense `values` (and `blank` flags, one per cell; a missing flag
/// counts as filled) of a report in `form`. Cells beyond `values` count as blank zeros, so a
/// short slice gives "no data", never a panic.
pub fn counts(form: FormVersion, values: &[i64], blank: &[bool], measure: Measure) -> Counts {
    let catalogue = form.catalogue();
    let Some(definition) = measure.definition() else {
        // The form crate defines all three rates; its tests hold that.
        return Counts {
            numerator: 0,
            denominator: 0,
            reported: false,
        };
    };
    let mut reported = false;
    let mut sum = |terms: &[(i64, &str)], note_reported: bool| -> i64 {
        let mut total: i128 = 0;
        for &(sign, term) in terms {
            for cell in cells_of(catalogue, term) {
                let Some(&value) = values.get(cell) else {
                    continue;
                };
                if note_reported && sign > 0 && !blank.get(cell).copied().unwrap_or(false) {
                    reported = true;
                }
                total += i128::from(sign) * i128::from(value);
            }
        }
        // Sums of a handful of i64 cells; beyond i64 only on nonsense input, which then reads as
        // figures that do not add up rather than wrapping.
        i64::try_from(total).unwrap_or(if total > 0 { i64::MAX } else { i64::MIN })
    };
    let numerator = sum(definition.numerator, false);
    let denominator = sum(definition.denominator, true);
    Counts {
        numerator,
        denominator,
        reported,
    }
}
