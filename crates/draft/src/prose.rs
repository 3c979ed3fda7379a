//! The sentences of 一、总体情况, from the figures: what was published (table 二), the
//! applications received and how they ended (table 三), the reviews and suits (table 四), each
//! number a cell of the totals or a sum of cells, and beside it its change over the year before
//! where that year has the same measure on a comparable form.
//!
//! The sentences are templates of the message catalogue (ids `draft-…`), made in Chinese by the
//! caller. A measure is named as the trend names it (`requests.withheld.total` sums every
//! 不予公开 row; `requests.other.total` is the 2019 row or the three 2021 rows), and whether it
//! compares across the 2021 form change is the crosswalk's word ([`measures::comparable`]).

use gongkai_form::measures::{self, MeasureValue};
use gongkai_form::{format_value, Section, ValueKind};
use gongkai_messages::msg;

use crate::{Draft, Figures};

/// What a number counts, for its unit word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// Documents, decisions, applications, cases: 件.
    Piece,
    /// Procurement projects: 个.
    Project,
    /// 万元.
    Money,
}

impl Unit {
    fn word(self) -> String {
        match self {
            Unit::Piece => msg!("draft-unit-piece"),
            Unit::Project => msg!("draft-unit-project"),
            Unit::Money => msg!("draft-unit-money"),
        }
    }
}

/// The sum of `measures` in one year's figures, `None` where its form lacks one of them.
fn amount(figures: &Figures, sum: &[&str]) -> Option<(i64, ValueKind)> {
    let mut total: i128 = 0;
    let mut kind = None;
    for measure in sum {
        match measures::value(figures.form, figures.values, measure)? {
            MeasureValue::Exact(v, k) => {
                total += i128::from(v);
                kind.get_or_insert(k);
            }
            MeasureValue::Ratio(_) => return None,
        }
    }
    Some((i64::try_from(total).ok()?, kind?))
}

/// A number of the current year as the form prints it (`0` where the form lacks it, which the
/// callers rule out by naming only measures of the form).
fn number(draft: &Draft, sum: &[&str]) -> String {
    amount(&draft.current, sum).map_or_else(
        || "0".to_string(),
        |(value, kind)| format_value(value, kind),
    )
}

/// `，同比增加12件（4.2%）`: the change of `sum` over the year before, or nothing where there is no
/// year before, or it lacks the measure, or the form changed it.
fn change(draft: &Draft, sum: &[&str], unit: Unit) -> String {
    let Some(previous) = &draft.previous else {
        return String::new();
    };
    let comparable = sum
        .iter()
        .all(|m| measures::comparable(m, previous.form, draft.current.form));
    let (Some((now, kind)), Some((before, _)), true) = (
        amount(&draft.current, sum),
        amount(previous, sum),
        comparable,
    ) else {
        return String::new();
    };
    let last_year = previous.year + 1 == draft.current.year;
    let diff = i128::from(now) - i128::from(before);
    if diff == 0 {
        return if last_year {
            msg!("draft-change-same-last-year")
        } else {
            msg!("draft-change-same-year", year = previous.year.to_string())
        };
    }
    let since = if last_year {
        msg!("draft-since-last-year")
    } else {
        msg!("draft-since-year", year = previous.year.to_string())
    };
    let Ok(by) = i64::try_from(diff.abs()) else {
        return String::new();
    };
    let by = format_value(by, kind);
    let unit = unit.word();
    // A share of nothing (or of a negative count) is no percentage.
    let percent = (before > 0).then(|| percent(diff.abs(), i128::from(before)));
    match (diff > 0, percent) {
        (true, Some(p)) => msg!(
            "draft-change-up",
            since = since,
            by = by,
            unit = unit,
            percent = p
        ),
        (false, Some(p)) => {
            msg!(
                "draft-change-down",
                since = since,
                by = by,
                unit = unit,
                percent = p
            )
        }
        (true, None) => msg!(
            "draft-change-up-from-none",
            since = since,
            by = by,
            unit = unit
        ),
        (false, None) => msg!(
            "draft-change-down-from-none",
            since = since,
            by = by,
            unit = unit
        ),
    }
}

/// `part / whole` as a percentage with one decimal, rounded half up: `4.2`.
fn percent(part: i128, whole: i128) -> String {
    let tenths = (part * 2000 + whole) / (2 * whole);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// One figure: its words, the number, its unit, its change.
fn fact(draft: &Draft, label: String, sum: &[&str], unit: Unit) -> String {
    msg!(
        "draft-fact",
        label = label,
        value = number(draft, sum),
        unit = unit.word(),
        change = change(draft, sum, unit),
    )
}

/// The facts of `list` the current form has, joined.
fn facts(draft: &Draft, list: &[(&str, Unit)], label: impl Fn(&str) -> String) -> String {
    list.iter()
        .filter(|(m, _)| amount(&draft.current, &[m]).is_some())
        .map(|(m, unit)| fact(draft, label(m), &[m], *unit))
        .collect::<Vec<_>>()
        .join(&msg!("draft-separator"))
}

/// Table 二's figures: documents made and published, decisions, procurement or fees.
const ACTIVE: &[(&str, Unit)] = &[
    // Form 2019.
    ("active.regulations.new_made", Unit::Piece),
    ("active.regulations.new_published", Unit::Piece),
    ("active.regulations.total_published", Unit::Piece),
    ("active.normative_documents.new_made", Unit::Piece),
    ("active.normative_documents.new_published", Unit::Piece),
    ("active.normative_documents.total_published", Unit::Piece),
    // Form 2021.
    ("active.regulations.issued", Unit::Piece),
    ("active.regulations.abolished", Unit::Piece),
    ("active.regulations.in_force", Unit::Piece),
    ("active.normative_documents.issued", Unit::Piece),
    ("active.normative_documents.abolished", Unit::Piece),
    ("active.normative_documents.in_force", Unit::Piece),
    // Both.
    ("active.licensing.decisions", Unit::Piece),
    ("active.other_services.decisions", Unit::Piece),
    ("active.penalty.decisions", Unit::Piece),
    ("active.coercion.decisions", Unit::Piece),
    ("active.procurement.projects", Unit::Project),
    ("active.procurement.amount", Unit::Money),
    ("active.fees.amount", Unit::Money),
];

fn active_label(measure: &str) -> String {
    match measure {
        "active.regulations.new_made" => msg!("draft-fact-regulations-new-made"),
        "active.regulations.new_published" => msg!("draft-fact-regulations-new-published"),
        "active.regulations.total_published" => msg!("draft-fact-regulations-total-published"),
        "active.normative_documents.new_made" => msg!("draft-fact-normative-new-made"),
        "active.normative_documents.new_published" => msg!("draft-fact-normative-new-published"),
        "active.normative_documents.total_published" => {
            msg!("draft-fact-normative-total-published")
        }
        "active.regulations.issued" => msg!("draft-fact-regulations-issued"),
        "active.regulations.abolished" => msg!("draft-fact-regulations-abolished"),
        "active.regulations.in_force" => msg!("draft-fact-regulations-in-force"),
        "active.normative_documents.issued" => msg!("draft-fact-normative-issued"),
        "active.normative_documents.abolished" => msg!("draft-fact-normative-abolished"),
        "active.normative_documents.in_force" => msg!("draft-fact-normative-in-force"),
        "active.licensing.decisions" => msg!("draft-fact-licensing-decisions"),
        "active.other_services.decisions" => msg!("draft-fact-other-services-decisions"),
        "active.penalty.decisions" => msg!("draft-fact-penalty-decisions"),
        "active.coercion.decisions" => msg!("draft-fact-coercion-decisions"),
        "active.procurement.projects" => msg!("draft-fact-procurement-projects"),
        "active.procurement.amount" => msg!("draft-fact-procurement-amount"),
        "active.fees.amount" => msg!("draft-fact-fees-amount"),
        other => other.to_string(),
    }
}

/// （一）主动公开: table 二 in one sentence.
pub(crate) fn active(draft: &Draft) -> String {
    msg!(
        "draft-active",
        year = draft.current.year.to_string(),
        name = draft.name,
        facts = facts(draft, ACTIVE, active_label),
    )
}

/// The cells of table 三's row `row` under 法人或其他组织 (every column but 自然人 and 总计).
fn organisations(figures: &Figures, row: &str) -> Vec<String> {
    figures
        .form
        .catalogue()
        .cells_of(Section::Requests)
        .filter(|c| c.row.code == row && !matches!(c.column.code, "natural_person" | "total"))
        .map(|c| c.code())
        .collect()
}

/// 申请数量: received this year (by whom) and carried over.
pub(crate) fn received(draft: &Draft) -> String {
    let received = ["requests.new_received.total"];
    let organisations = organisations(&draft.current, "new_received");
    let organisations: Vec<&str> = organisations.iter().map(String::as_str).collect();
    msg!(
        "draft-requests-received",
        year = draft.current.year.to_string(),
        name = draft.name,
        received = number(draft, &received),
        change = change(draft, &received, Unit::Piece),
        persons = number(draft, &["requests.new_received.natural_person"]),
        organisations = number(draft, &organisations),
        carried = number(draft, &["requests.carried_over.total"]),
    )
}

/// Table 三's results, each a group of rows in the 总计 column.
const RESULTS: &[&str] = &[
    "requests.granted.total",
    "requests.partially_granted.total",
    "requests.withheld.total",
    "requests.unable.total",
    "requests.not_processed.total",
    "requests.other.total",
];

fn result_label(measure: &str) -> String {
    match measure {
        "requests.granted.total" => msg!("draft-result-granted"),
        "requests.partially_granted.total" => msg!("draft-result-partially-granted"),
        "requests.withheld.total" => msg!("draft-result-withheld"),
        "requests.unable.total" => msg!("draft-result-unable"),
        "requests.not_processed.total" => msg!("draft-result-not-processed"),
        "requests.other.total" => msg!("draft-result-other"),
        other => other.to_string(),
    }
}

/// 办理结果: how the year's applications ended, the total, what goes on to next year.
pub(crate) fn results(draft: &Draft) -> String {
    let list: Vec<(&str, Unit)> = RESULTS.iter().map(|m| (*m, Unit::Piece)).collect();
    let total = ["requests.total.total"];
    msg!(
        "draft-requests-results",
        results = facts(draft, &list, result_label),
        total = number(draft, &total),
        change = change(draft, &total, Unit::Piece),
        forward = number(draft, &["requests.carried_forward.total"]),
    )
}

/// A column of table 四 summed over `rows`.
fn appeal(rows: &[&str], column: &str) -> Vec<String> {
    rows.iter()
        .map(|r| format!("appeals.{r}.{column}"))
        .collect()
}

/// 复议诉讼: reviews and suits, how they ended.
pub(crate) fn appeals(draft: &Draft) -> String {
    let review = ["reconsideration"];
    let suits = ["litigation_direct", "litigation_after_reconsideration"];
    let n = |rows: &[&str], column: &str| {
        let sum = appeal(rows, column);
        let sum: Vec<&str> = sum.iter().map(String::as_str).collect();
        number(draft, &sum)
    };
    let changed = |rows: &[&str]| {
        let sum = appeal(rows, "total");
        let sum: Vec<&str> = sum.iter().map(String::as_str).collect();
        change(draft, &sum, Unit::Piece)
    };
    msg!(
        "draft-appeals",
        year = draft.current.year.to_string(),
        name = draft.name,
        reviews = n(&review, "total"),
        reviews_change = changed(&review),
        reviews_upheld = n(&review, "upheld"),
        reviews_corrected = n(&review, "corrected"),
        reviews_other = n(&review, "other"),
        reviews_pending = n(&review, "pending"),
        suits = n(&suits, "total"),
        suits_change = changed(&suits),
        suits_direct = n(&suits[..1], "total"),
        suits_after_review = n(&suits[1..], "total"),
        suits_upheld = n(&suits, "upheld"),
        suits_corrected = n(&suits, "corrected"),
        suits_other = n(&suits, "other"),
        suits_pending = n(&suits, "pending"),
    )
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percentages_round_half_up_to_one_decimal() {
        assert_eq!(percent(43, 300), "14.3");
        assert_eq!(percent(1, 8), "12.5");
        assert_eq!(percent(1, 16), "6.3", "6.25 rounds up");
        assert_eq!(percent(3, 3), "100.0");
        assert_eq!(percent(5, 2), "250.0");
        assert_eq!(percent(1, 3000), "0.0");
    }
}
