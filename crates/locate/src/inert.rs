//! Lines the walk passes over without a trace, whatever their words: what lets a reader that
//! learned a file's layout (the fast path of `gongkai-ingest`) take a title that names the unit
//! as no part of the layout.

use gongkai_form::label::{form_of_key, key};
use gongkai_form::FormVersion;

use super::header::header_sign;
use super::heading::heading;
use super::meta::meta_entry_of;
use super::{kind, Kind, Values};

/// Whether a line of a unit's file holding `text` alone (its other cells empty), before any
/// line of the form, leaves the read as it found it: `城关区2020年政府信息公开工作年度报告统计表`.
///
/// Such a line is words (no value, no blank) that name no unit or year, open no table (no
/// heading) and are no header (no header word of either form): before any table the walk takes
/// it for a title and goes on where it was (`Line::BeforeTables`); and it votes for neither form
/// in [`crate::Document::form_of_labels`]. Any other line it reads for what it says.
pub fn passes_over_before_tables(text: &str) -> bool {
    if kind(text, Values::Numbers) != Kind::Text || meta_entry_of(1, |_| text).is_some() {
        return false;
    }
    let k = key(text);
    heading(text, &k).is_none()
        && form_of_key(&k).is_none()
        && (k.is_empty()
            || FormVersion::ALL
                .into_iter()
                .all(|f| header_sign(f.catalogue(), std::iter::once(k.as_ref())).is_none()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_passed_over_and_a_heading_is_not() {
        for title in [
            "城关区2020年政府信息公开工作年度报告统计表",
            "城关区政府信息公开工作年度报告（2020年度）",
            "2020年度兰州市城关区人民政府办公室政府信息公开工作年度报告统计表",
            "注：本表统计时限为2020年1月1日至2020年12月31日。",
        ] {
            assert!(passes_over_before_tables(title), "{title}");
        }
        for line in [
            "二、主动公开政府信息情况",
            "主动公开政府信息情况",
            "第二十条第（一）项",
            "信息内容",
            "申请人情况",
            "法人或其他组织",
            "填报单位：城关区",
            "年度",
            "2020",
            "+3",
            "",
            "-",
        ] {
            assert!(!passes_over_before_tables(line), "{line}");
        }
    }
}
