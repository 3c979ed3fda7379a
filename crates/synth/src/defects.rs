//! Known defects, one per affected report: what is broken, in which cell, and which finding
//! `gongkai validate` must then report.

use gongkai_form::{FormVersion, Level};

use crate::cells::{FormCells, APPLICANTS, TOTAL_COL};
use crate::rng::Rng;

/// A defect a unit's report can carry; each is one mistake units really make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DefectKind {
    /// A result row's 总计 column off (a row summed wrong): R3.
    RowTotal,
    /// An applicant column's （七）总计 off (a column summed wrong): R2.
    ColumnTotal,
    /// A 总计 of table 四 off: R4.
    AppealsTotal,
    /// 结转下年度 that does not balance 本年新收 + 上年结转: R1.
    CarryBalance,
    /// A minus sign in a count (处理决定数量): R5.
    Negative,
    /// 上年结转 that is not last year's 结转下年度, the table itself balanced: X1.
    CarryOver,
    /// Text in a number cell (`约30`, `12a`, `无`): the reader rejects the report.
    Text,
    /// Last year's report submitted again: X4.
    Copy,
    /// No report from a unit the registry expects: coverage.
    Missing,
}

impl DefectKind {
    pub const ALL: [DefectKind; 9] = [
        DefectKind::RowTotal,
        DefectKind::ColumnTotal,
        DefectKind::AppealsTotal,
        DefectKind::CarryBalance,
        DefectKind::Negative,
        DefectKind::CarryOver,
        DefectKind::Text,
        DefectKind::Copy,
        DefectKind::Missing,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DefectKind::RowTotal => "row_total",
            DefectKind::ColumnTotal => "column_total",
            DefectKind::AppealsTotal => "appeals_total",
            DefectKind::CarryBalance => "carry_balance",
            DefectKind::Negative => "negative",
            DefectKind::CarryOver => "carry_over",
            DefectKind::Text => "text",
            DefectKind::Copy => "copy",
            DefectKind::Missing => "missing",
        }
    }

    /// The rule id `validate` reports it under (`input` and `coverage` beside R1…X4).
    pub fn rule(self) -> &'static str {
        match self {
            DefectKind::RowTotal => "R3",
            DefectKind::ColumnTotal => "R2",
            DefectKind::AppealsTotal => "R4",
            DefectKind::CarryBalance => "R1",
            DefectKind::Negative => "R5",
            DefectKind::CarryOver => "X1",
            DefectKind::Text => "input",
            DefectKind::Copy => "X4",
            DefectKind::Missing => "coverage",
        }
    }

    pub fn level(self) -> Level {
        match self {
            DefectKind::Copy | DefectKind::Missing => Level::Warning,
            _ => Level::Error,
        }
    }

    /// Whether it takes the unit's previous report (X1, X4).
    pub fn needs_previous(self) -> bool {
        matches!(self, DefectKind::CarryOver | DefectKind::Copy)
    }

    /// A kind from a hash; a unit's first report gets none of those that need a previous one.
    pub(crate) fn choose(h: u64, first: bool) -> DefectKind {
        let kinds: Vec<DefectKind> = DefectKind::ALL
            .into_iter()
            .filter(|k| !(first && k.needs_previous()))
            .collect();
        kinds[(h % kinds.len() as u64) as usize]
    }
}

/// A count cell that will hold text instead: this value is written, then replaced.
pub(crate) const SENTINEL: i64 = 7_777_777_777_777;

/// What the previous report of the unit is, as far as a defect needs to know.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Previous<'a> {
    pub form: FormVersion,
    pub values: &'a [i64],
    /// Read and accepted (not missing, no text cell): the cross-year rules will see it.
    pub accepted: bool,
}

/// Applies `kind` to `values`: the cell it broke and, for text, what to write there. `None`
/// when it cannot apply to this report (the caller then tries the next kind).
pub(crate) fn apply(
    kind: DefectKind,
    form: FormVersion,
    values: &mut [i64],
    previous: Option<Previous<'_>>,
    rng: &mut Rng,
) -> Option<(Option<usize>, Option<String>)> {
    let f = FormCells::get(form);
    let d = rng.range(1, 3);
    let applicant = rng.below(APPLICANTS as u64) as usize;
    Some(match kind {
        DefectKind::RowTotal => {
            let row = rng.range(f.results.start as i64, f.results.end as i64 - 1) as usize;
            let cell = f.req(row, TOTAL_COL);
            values[cell] += d;
            (Some(cell), None)
        }
        DefectKind::ColumnTotal => {
            let cell = f.req(f.total, applicant);
            values[cell] += d;
            (Some(cell), None)
        }
        DefectKind::AppealsTotal => {
            let cell = f.appeals[rng.below(3) as usize][4];
            values[cell] += d;
            (Some(cell), None)
        }
        DefectKind::CarryBalance => {
            let cell = f.req(f.carried_forward, applicant);
            values[cell] += d;
            values[f.req(f.carried_forward, TOTAL_COL)] += d;
            (Some(cell), None)
        }
        DefectKind::Negative => {
            let row = *rng.pick(&["licensing", "penalty", "coercion"]);
            let cell = f.active(row, "decisions");
            values[cell] = -values[cell].max(1);
            (Some(cell), None)
        }
        DefectKind::CarryOver => {
            previous.filter(|p| p.accepted)?;
            // Balanced within the year (R1–R3 hold): only the link to last year breaks.
            for col in [applicant, TOTAL_COL] {
                for row in [f.carried_over, f.results.start, f.total] {
                    values[f.req(row, col)] += d;
                }
            }
            (Some(f.req(f.carried_over, applicant)), None)
        }
        DefectKind::Text => {
            // Table 三 or a decisions count: never table 四, whose one line of numbers a grid
            // reader locates by where its text ends.
            // A filled cell when there is one within a few tries: most cells are 0.
            let mut cell = 0;
            for _ in 0..8 {
                cell = if rng.chance(0.7) {
                    let row = rng.range(f.new_received as i64, f.total as i64 - 1) as usize;
                    f.req(row, rng.below(APPLICANTS as u64) as usize)
                } else {
                    let row = if rng.chance(0.5) {
                        "licensing"
                    } else {
                        "penalty"
                    };
                    f.active(row, "decisions")
                };
                if values[cell] != 0 {
                    break;
                }
            }
            let v = values[cell];
            let text = match (v, rng.below(4)) {
                (0, _) => "无".to_string(),
                (_, 0) => format!("约{v}"),
                (_, 1) => format!("{v}a"),
                (_, 2) => format!("{v}余"),
                _ => format!("{v}件"),
            };
            (Some(cell), Some(text))
        }
        DefectKind::Copy => {
            let p = previous.filter(|p| p.accepted && p.form == form)?;
            if p.values.iter().all(|v| *v == 0) {
                return None;
            }
            values.copy_from_slice(p.values);
            (None, None)
        }
        DefectKind::Missing => (None, None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_reports_get_no_cross_year_defect() {
        for h in 0..1000 {
            assert!(!DefectKind::choose(h, true).needs_previous());
        }
        let all: std::collections::BTreeSet<DefectKind> =
            (0..1000).map(|h| DefectKind::choose(h, false)).collect();
        assert_eq!(all.len(), DefectKind::ALL.len());
    }
}
