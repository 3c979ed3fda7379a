//! What a cell's text is to the locator: a value, a blank, or words (a label, a heading, a note).

use gongkai_form::{parse_value, ValueKind};

/// What a cell holds, for telling labels from values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A label or other words.
    Text,
    /// A number (or, in a published report, something meant as one: `3件`).
    Value,
    /// Empty, or a blank marker (`-`, `—`, `/`).
    Blank,
}

/// Which texts are values: the one real difference between the two kinds of document the form
/// comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    /// Numbers only. A unit's own file is filled into the form's template: `5件` and `无` in a
    /// number cell are text the unit must fix (an error), not values.
    Numbers,
    /// As reports are published: also a count with its unit of measure (`3件`, `1.5亿元`) and
    /// words for none (`无`, `暂无`), which the locator reads with a warning each.
    Published,
}

/// Whether a cell's text is a value, a blank or words. `1.属于国家秘密` and `3.其他` are words
/// (numbering, then words); `27.88亿`, `+2`, `1,705` are values; `3件` is one when published.
pub fn kind(text: &str, values: Values) -> Kind {
    // Plain digits and empty cells, most of a grid, answered without the full parser. Up to 12
    // digits: money (× 10⁶) still fits in an i64, as the parser would find.
    if text.is_empty() {
        return Kind::Blank;
    }
    if text.len() <= 12 && text.bytes().all(|b| b.is_ascii_digit()) {
        return Kind::Value;
    }
    let t = text.trim();
    if t.is_empty() {
        return Kind::Blank;
    }
    // Text that opens with a CJK ideograph is never a number (units such as 万元 only follow
    // one): most label cells, answered without the value parser.
    let words = starts_with_ideograph(t);
    if !words {
        match parse_value(t, ValueKind::Money) {
            Ok(Some(_)) => return Kind::Value,
            Ok(None) => return Kind::Blank,
            Err(_) => {}
        }
    }
    if values == Values::Published {
        if is_none_word(t) {
            return Kind::Blank;
        }
        if !words && is_count_with_unit(t) {
            return Kind::Value;
        }
    }
    Kind::Text
}

fn starts_with_ideograph(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Words a published value cell may hold for "none": read as a blank cell.
pub(crate) fn is_none_word(text: &str) -> bool {
    matches!(text.trim(), "无" | "空" | "暂无" | "／" | "\\")
}

/// Units of measure a published count may carry (`3件`), read as the bare number.
pub(crate) const COUNT_UNITS: &[&str] = &[
    "人次", "件", "个", "项", "条", "次", "人", "宗", "起", "份", "家", "篇",
];

/// A number and its unit (`3件`, `1.5亿元`), not numbering before words (`1.属于…`, `2、重复申请`,
/// `3其他`) nor a year (`2020年`).
fn is_count_with_unit(t: &str) -> bool {
    let s: String = t
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '＋' => '+',
            '－' | '−' => '-',
            _ => c,
        })
        .collect();
    let body = s.strip_prefix(['+', '-']).unwrap_or(&s);
    let digits = body
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(body.len());
    if digits == 0 || !body.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let number = &body[..digits];
    let rest = &body[digits..];
    if number.ends_with('.') || rest.starts_with(['、', ',', '，']) {
        return false;
    }
    rest.chars().count() <= 3
        && rest
            .chars()
            .all(|c| "件个项条次人宗起份家篇元万亿（）()".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_file_holds_numbers_only() {
        let of = |t: &str| kind(t, Values::Numbers);
        for t in [
            "36",
            " 1,705 ",
            "27.88亿",
            "-271",
            "+2",
            "４０",
            "0  ",
            "８６４",
        ] {
            assert_eq!(of(t), Kind::Value, "{t}");
        }
        for t in ["", " ", "\u{a0}", "-", "—", "/"] {
            assert_eq!(of(t), Kind::Blank, "{t:?}");
        }
        // What a published page may say, a unit file may not: words the unit must fix.
        for t in [
            "3件", "无", "暂无", "约30", "12a", "3.其他", "规章", "2020年",
        ] {
            assert_eq!(of(t), Kind::Text, "{t}");
        }
    }
}
