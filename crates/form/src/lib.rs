//! The 政府信息公开工作年度报告 statistical form, as data: both versions' cells with their codes,
//! labels and value kinds, the value parser, the label matcher, the rules (勾稽关系) and the
//! 2020→2021 crosswalk. Everything that reads, checks or prints a report walks this catalogue.
//!
//! Layers, lowest first: `catalogue` · [`value`] → [`label`] (the catalogue's labels, indexed
//! for matching) · [`names`] (tables, rows, columns and cells named as the form prints them) ·
//! [`rules`] → [`known`] (the rules on a report with cells that could not be read) ·
//! [`measures`] (trend measures and the crosswalk).

mod catalogue;
pub mod cause;
pub mod known;
pub mod label;
pub mod measures;
pub mod names;
pub mod rules;
pub mod value;

pub use catalogue::{Block, Catalogue, Cell, ColumnDef, RowDef};
pub use known::{check_known, Known, Unchecked};
pub use rules::{CrossViolation, Level, Relation, Rule, RuleId, Violation, Which};
pub use value::{format_value, parse_value, parse_year, ValueError, MONEY_SCALE};

use std::fmt;

use gongkai_messages::msg;

/// The two versions of the form: 国办公开办函〔2019〕60号 and 〔2021〕30号.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FormVersion {
    /// Used for report years 2019 and 2020.
    F2019,
    /// Used for report years 2021 onward.
    F2021,
}

impl FormVersion {
    pub const ALL: [FormVersion; 2] = [FormVersion::F2019, FormVersion::F2021];

    /// The form a report of `year` is due in.
    pub fn for_year(year: i32) -> FormVersion {
        if year >= 2021 {
            FormVersion::F2021
        } else {
            FormVersion::F2019
        }
    }

    /// `"2019"` or `"2021"`, as used on the command line and in exports.
    pub fn code(self) -> &'static str {
        match self {
            FormVersion::F2019 => "2019",
            FormVersion::F2021 => "2021",
        }
    }

    /// The version numbered `code` (2019 or 2021), as in the Arrow batch's `form` column.
    pub fn from_code(code: u16) -> Option<FormVersion> {
        match code {
            2019 => Some(FormVersion::F2019),
            2021 => Some(FormVersion::F2021),
            _ => None,
        }
    }

    /// The number of [`FormVersion::from_code`].
    pub fn number(self) -> u16 {
        match self {
            FormVersion::F2019 => 2019,
            FormVersion::F2021 => 2021,
        }
    }

    pub fn parse(s: &str) -> Option<FormVersion> {
        match s.trim() {
            "2019" => Some(FormVersion::F2019),
            "2021" => Some(FormVersion::F2021),
            _ => None,
        }
    }

    /// The notice that set this version.
    pub fn notice(self) -> &'static str {
        match self {
            FormVersion::F2019 => "国办公开办函〔2019〕60号",
            FormVersion::F2021 => "国办公开办函〔2021〕30号",
        }
    }

    pub fn catalogue(self) -> &'static Catalogue {
        Catalogue::get(self)
    }
}

impl fmt::Display for FormVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The three statistical sections of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// 二、主动公开政府信息情况
    Active,
    /// 三、收到和处理政府信息公开申请情况
    Requests,
    /// 四、政府信息公开行政复议、行政诉讼情况
    Appeals,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Active, Section::Requests, Section::Appeals];

    pub fn code(self) -> &'static str {
        match self {
            Section::Active => "active",
            Section::Requests => "requests",
            Section::Appeals => "appeals",
        }
    }

    pub fn parse(s: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|x| x.code() == s.trim())
    }

    /// The section heading as the template prints it.
    pub fn heading(self) -> &'static str {
        match self {
            Section::Active => "二、主动公开政府信息情况",
            Section::Requests => "三、收到和处理政府信息公开申请情况",
            Section::Appeals => "四、政府信息公开行政复议、行政诉讼情况",
        }
    }
}

/// What a cell holds, which decides how it is parsed, checked (R5) and printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// A whole number ≥ 0.
    Count,
    /// A whole number that may be negative (本年增/减).
    SignedCount,
    /// Money in 万元, carried as an integer number of [`MONEY_SCALE`]ths of 万元.
    Money,
}

impl ValueKind {
    pub fn code(self) -> &'static str {
        match self {
            ValueKind::Count => "count",
            ValueKind::SignedCount => "signed_count",
            ValueKind::Money => "money",
        }
    }

    /// What a cell of this kind must contain, for error messages, in the run's language.
    pub fn expected(self) -> String {
        match self {
            ValueKind::Count => msg!("value-expected-count"),
            ValueKind::SignedCount => msg!("value-expected-signed"),
            ValueKind::Money => msg!("value-expected-money"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_counts_match_the_spec() {
        let c19 = FormVersion::F2019.catalogue();
        let c21 = FormVersion::F2021.catalogue();
        assert_eq!(c19.len(), 198);
        assert_eq!(c21.len(), 200);
        assert_eq!(c19.cells_of(Section::Active).count(), 22);
        assert_eq!(c19.cells_of(Section::Requests).count(), 161);
        assert_eq!(c21.cells_of(Section::Active).count(), 10);
        assert_eq!(c21.cells_of(Section::Requests).count(), 175);
        assert_eq!(c21.cells_of(Section::Appeals).count(), 15);
        for c in [c19, c21] {
            for (i, cell) in c.cells.iter().enumerate() {
                assert_eq!(cell.index, i);
            }
        }
    }

    #[test]
    fn codes_are_unique_within_a_form() {
        for form in FormVersion::ALL {
            let mut codes: Vec<String> = form.catalogue().cells.iter().map(Cell::code).collect();
            let n = codes.len();
            codes.sort();
            codes.dedup();
            assert_eq!(codes.len(), n, "{form}");
        }
    }

    #[test]
    fn form_by_year() {
        assert_eq!(FormVersion::for_year(2019), FormVersion::F2019);
        assert_eq!(FormVersion::for_year(2020), FormVersion::F2019);
        assert_eq!(FormVersion::for_year(2021), FormVersion::F2021);
        assert_eq!(FormVersion::for_year(2024), FormVersion::F2021);
    }

    #[test]
    fn kinds_follow_the_spec() {
        let c19 = FormVersion::F2019.catalogue();
        let change = c19
            .find(Section::Active, "penalty", "change")
            .map(|c| c.kind());
        assert_eq!(change, Some(ValueKind::SignedCount));
        let amount = c19
            .find(Section::Active, "procurement", "amount")
            .map(|c| c.kind());
        assert_eq!(amount, Some(ValueKind::Money));
        let c21 = FormVersion::F2021.catalogue();
        assert_eq!(
            c21.find(Section::Active, "fees", "amount")
                .map(|c| c.kind()),
            Some(ValueKind::Money)
        );
        assert!(c21.find(Section::Requests, "other", "total").is_none());
        assert!(c21
            .find(Section::Requests, "other.other", "total")
            .is_some());
    }
}
