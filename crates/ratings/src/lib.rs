//! Ratings a head of office can act on: each unit (and the total) rated red, yellow or green on
//! the three rates supervisors use, with the uncertainty of small numbers made explicit.
//!
//! The measures, from one report's dense values (or a total's):
//!
//! - 实质公开率 (`rate.disclosure`): (予以公开 + 部分公开) / 办理结果总计, the total column of
//!   section 三;
//! - 行政复议纠错率 (`rate.reconsideration_corrected`): 结果纠正 / (总计 − 尚未审结) of the
//!   行政复议 row of section 四;
//! - 行政诉讼纠错率 (`rate.litigation_corrected`): the same over both 行政诉讼 rows summed.
//!
//! The terms are the form crate's own rate definitions ([`gongkai_form::measures::RATES`]), so a
//! rating and `gongkai trend` never disagree on a rate. Counts are exact integers; a rate is
//! always numerator / denominator of summed counts, never an average of rates.
//!
//! # The rule for a colour
//!
//! Each rate carries its 95% Wilson score interval ([`wilson`]; the level is settable). With the
//! red and yellow lines of [`Thresholds`] (defaults: a correction rate above 15% is red, above
//! 10% yellow; a disclosure rate below 40% is red, below 45% yellow):
//!
//! - **red**: the whole interval lies past the red line;
//! - **yellow**: the whole interval lies past the yellow line, but not wholly past the red one;
//! - **green**: the whole interval lies on the good side of the yellow line (a correction rate's
//!   upper bound at most the yellow line; a disclosure rate's lower bound at least it);
//! - **too few cases to say**: anything else — the interval straddles the yellow line, so the
//!   numbers cannot tell a good unit from a bad one (1 of 3 decisions corrected is never red) —
//!   and always below a floor of cases (`min_cases`, default 10): at 95% the interval of 1
//!   corrected case out of 1 is [20.7%, 100%], wholly above 15%, yet one case must not make a
//!   red card;
//! - **no data**: the denominator is 0 (no applications, no concluded cases), or every cell the
//!   denominator adds was left blank. Never green.
//! - **figures do not add up**: a negative count or a numerator above its denominator (e.g. more
//!   corrected than concluded); no rate is given, the rules' findings say what to fix.
//!
//! "Past the line" is strict (above 15%, below 40%); "the good side" includes the line itself,
//! as a rate of exactly 10% is not "above 10%".
//!
//! Ranking ([`rank`]) puts the worst first within each measure: by verdict (red, yellow, too few,
//! green, figures do not add up, no data), then by the interval's bound on the side of the line
//! (a correction rate's lower bound, highest first; a disclosure rate's upper bound, lowest first:
//! how bad the unit surely is), then by unit name and year.

mod measure;
mod rating;
mod thresholds;
mod wilson;

pub use measure::{counts, Counts, Direction, Measure};
pub use rating::{rank, ratings_of, to_csv, Rating, Verdict, CSV_HEADER};
pub use thresholds::{
    Line, ThresholdError, Thresholds, CONFIDENCE_LEVELS, DEFAULT_MIN_CASES, THRESHOLD_KEYS,
};
pub use wilson::{wilson, Interval, Z95};

#[cfg(test)]
mod tests;
