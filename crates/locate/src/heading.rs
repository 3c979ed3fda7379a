//! Section and item headings: `二、主动公开政府信息情况` sets the table, `第二十条第（一）项` the item
//! of table 二.

use gongkai_form::label::section_of_key;
use gongkai_form::Section;

/// What a heading names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Heading {
    Section(Section),
    /// An item of article 20 (table 二): `第二十条第（五）项` → 5.
    Item(u32),
}

/// The heading a cell is, from its text and its label key: the template's section heading
/// exactly (numbering and brackets aside), a short line that says the same, or an item of
/// article 20.
pub(crate) fn heading(text: &str, key: &str) -> Option<Heading> {
    section(key)
        .map(Heading::Section)
        .or_else(|| item(text).map(Heading::Item))
}

fn section(key: &str) -> Option<Section> {
    if let Some(s) = section_of_key(key) {
        return Some(s);
    }
    // A short line only: a sentence that mentions the table is not its heading.
    if key.len() > 120 || key.chars().count() > 30 {
        return None;
    }
    if key.contains("主动公开政府信息情况") || key == "主动公开政府信息" {
        Some(Section::Active)
    } else if key.contains("收到和处理政府信息公开申请情况") {
        Some(Section::Requests)
    } else if key.contains("行政复议") && key.contains("行政诉讼") && key.contains("情况")
    {
        Some(Section::Appeals)
    } else {
        None
    }
}

/// The item of article 20 a heading names: `第二十条第（五）项` → 5.
fn item(text: &str) -> Option<u32> {
    // Every label cell comes here: most fail on the first character, without a copy.
    if !text.trim_start().starts_with('第') {
        return None;
    }
    let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = s.strip_prefix("第二十条")?;
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let inner = rest.strip_suffix('项')?;
    let inner = inner.trim_matches(|c| "()（）〔〕".contains(c));
    let n = match inner {
        "一" => 1,
        "二" => 2,
        "三" => 3,
        "四" => 4,
        "五" => 5,
        "六" => 6,
        "七" => 7,
        "八" => 8,
        "九" => 9,
        "十" => 10,
        "十一" => 11,
        "十二" => 12,
        "十三" => 13,
        "十四" => 14,
        "十五" => 15,
        _ => inner.parse().ok()?,
    };
    Some(n)
}

#[cfg(test)]
mod tests {
    use gongkai_form::label::key;

    use super::*;

    #[test]
    fn headings_exact_short_and_items() {
        let of = |t: &str| heading(t, &key(t));
        assert_eq!(
            of("二、主动公开政府信息情况"),
            Some(Heading::Section(Section::Active))
        );
        assert_eq!(
            of("（二）主动公开政府信息情况"),
            Some(Heading::Section(Section::Active))
        );
        assert_eq!(
            of("四、政府信息公开行政复议、行政诉讼情况"),
            Some(Heading::Section(Section::Appeals))
        );
        assert_eq!(of("第二十条第（五）项"), Some(Heading::Item(5)));
        assert_eq!(of("第二十条第(一)项"), Some(Heading::Item(1)));
        assert_eq!(of(" 第 二十条 第（十二）项"), Some(Heading::Item(12)));
        assert_eq!(of("规章"), None);
        assert_eq!(
            of("2020年，本机关主动公开政府信息情况良好，全年共发布各类信息2415条，其中规章36件"),
            None
        );
    }
}
