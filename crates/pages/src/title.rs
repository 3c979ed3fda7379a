//! The reporting body and the report year, as a report names them in its title:
//! `兰州市2020年政府信息公开工作年度报告` → 兰州市, 2020.

/// Unit and year read from a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TitleInfo {
    pub unit: Option<String>,
    pub year: i32,
}

/// The phrases a report title ends in, most specific first.
const REPORT_PHRASES: &[&str] = &[
    "政府信息公开工作年度报告",
    "政府信息公开年度报告",
    "政务公开工作年度报告",
    "政府信息公开工作报告",
    "政府信息公开情况的报告",
    "政府信息公开工作情况报告",
    "信息公开工作年度报告",
    "信息公开年度报告",
    "政务公开年度报告",
    "工作年度报告",
    "年度报告",
];

/// Separators between a page title and its site name (`…年度报告_兰州市人民政府`).
const SITE_SEPARATORS: &[char] = &['_', '|', '｜', '－', '—', '-'];

/// What a unit name does not end in: the start of the report's own name
/// (`…外事办公室政府信息公开工作2022年度报告`).
const NOT_UNIT_SUFFIXES: &[&str] = &[
    "政府信息公开工作",
    "政府信息公开",
    "政务公开工作",
    "政务公开",
    "信息公开工作",
    "信息公开",
];

fn ascii_digits(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '〇' | '零' | 'Ｏ' | '○' => '0',
        '一' => '1',
        '二' => '2',
        '三' => '3',
        '四' => '4',
        '五' => '5',
        '六' => '6',
        '七' => '7',
        '八' => '8',
        '九' => '9',
        _ => c,
    }
}

/// A year written before `年`: four ASCII or full-width digits, or four Chinese numerals
/// (`二〇二〇年`). Returns (year, byte start, byte end of the year with 年 and a 度 after it).
fn years(s: &str) -> Vec<(i32, usize, usize)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        if chars[i].1 != '年' || i < 4 {
            continue;
        }
        let digits: String = chars[i - 4..i]
            .iter()
            .map(|(_, c)| ascii_digits(*c))
            .collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        // Not the tail of a longer number.
        if i >= 5 && ascii_digits(chars[i - 5].1).is_ascii_digit() {
            continue;
        }
        let Ok(year) = digits.parse::<i32>() else {
            continue;
        };
        if !(2000..=2100).contains(&year) {
            continue;
        }
        let mut end = chars.get(i + 1).map_or(s.len(), |(b, _)| *b);
        if chars.get(i + 1).is_some_and(|(_, c)| *c == '度') {
            end = chars.get(i + 2).map_or(s.len(), |(b, _)| *b);
        }
        out.push((year, chars[i - 4].0, end));
    }
    out
}

fn trim_unit(s: &str) -> &str {
    let punct =
        |c: char| c.is_whitespace() || "《》“”\"'‘’【】[]()（）:：,，、.。·-—_|｜".contains(c);
    let mut t = s.trim_matches(punct);
    for suffix in ["关于", "的"] {
        if let Some(x) = t.strip_suffix(suffix) {
            t = x;
        }
    }
    for prefix in ["关于"] {
        if let Some(x) = t.strip_prefix(prefix) {
            t = x;
        }
    }
    for suffix in NOT_UNIT_SUFFIXES {
        if let Some(x) = t.strip_suffix(suffix) {
            t = x;
            break;
        }
    }
    t.trim_matches(punct)
}

/// Reads unit and year from a report title; `None` when the text is not one.
pub(crate) fn parse_title(text: &str) -> Option<TitleInfo> {
    let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if s.chars().count() > 120 {
        return None;
    }
    // The part of `标题_网站名` that is the title.
    let part = s
        .split(SITE_SEPARATORS)
        .find(|p| p.contains("报告"))
        .unwrap_or(&s);
    let (key, phrase) = REPORT_PHRASES
        .iter()
        .filter_map(|p| part.find(p).map(|i| (i, *p)))
        .next()?;
    // The year may share its 年 with the phrase: `工作2022年度报告`.
    let (year, start, end) = years(&part[..key + phrase.len()])
        .into_iter()
        .rfind(|(_, start, _)| *start < key)?;
    let before = trim_unit(&part[..start]);
    let unit = if before.is_empty() {
        trim_unit(&part[end.min(key)..key])
    } else {
        before
    };
    Some(TitleInfo {
        unit: (!unit.is_empty()).then(|| unit.to_string()),
        year,
    })
}

/// The first candidate that reads as a report title.
pub(crate) fn find_title<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Option<TitleInfo> {
    let mut year_only: Option<TitleInfo> = None;
    for c in candidates {
        if let Some(t) = parse_title(c) {
            if t.unit.is_some() {
                return Some(t);
            }
            year_only.get_or_insert(t);
        }
    }
    year_only
}

/// A report year in a file name: `lanzhou-2020.html` → 2020.
pub(crate) fn year_in_name(name: &str) -> Option<i32> {
    let b = name.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let run = &b[i..i + 4];
        let before = i.checked_sub(1).map(|j| b[j].is_ascii_digit());
        let after = b.get(i + 4).map(u8::is_ascii_digit);
        if run.iter().all(u8::is_ascii_digit) && before != Some(true) && after != Some(true) {
            std::str::from_utf8(run)
                .ok()
                .and_then(|s| s.parse().ok())
                .filter(|y| (2000..=2100).contains(y))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Option<(Option<String>, i32)> {
        parse_title(s).map(|t| (t.unit, t.year))
    }

    #[test]
    fn titles() {
        let some = |u: &str, y| Some((Some(u.to_string()), y));
        assert_eq!(
            t("兰州市2020年政府信息公开工作年度报告"),
            some("兰州市", 2020)
        );
        assert_eq!(
            t("兰州市2020年政府信息公开工作年度报告_兰州市人民政府"),
            some("兰州市", 2020)
        );
        assert_eq!(
            t("2022年沭阳县政府信息公开工作年度报告"),
            some("沭阳县", 2022)
        );
        assert_eq!(
            t("2022年度沭阳县政府信息公开工作年度报告"),
            some("沭阳县", 2022)
        );
        assert_eq!(
            t("兰州市人民政府办公室关于2021年政府信息公开工作年度报告"),
            some("兰州市人民政府办公室", 2021)
        );
        assert_eq!(
            t("《城关区２０２１年度政府信息公开工作年度报告》"),
            some("城关区", 2021)
        );
        assert_eq!(
            t("七里河区二〇二三年政府信息公开工作年度报告"),
            some("七里河区", 2023)
        );
        assert_eq!(t("政府信息公开工作年度报告（2020年）"), None);
        assert_eq!(
            t("重庆市大足区人民政府外事办公室政府信息公开工作2022年度报告"),
            some("重庆市大足区人民政府外事办公室", 2022)
        );
        assert_eq!(
            t("长春市二道区房屋征收工作管理办公室关于2022年度政府信息公开情况的报告"),
            some("长春市二道区房屋征收工作管理办公室", 2022)
        );
        assert_eq!(
            t("2022年上海市政府信息公开工作年度报告 - 上海市人民政府"),
            some("上海市", 2022)
        );
        assert_eq!(t("2020年政府信息公开工作年度报告"), Some((None, 2020)));
        assert_eq!(t("发布日期:2021-03-09"), None);
        assert_eq!(t("一、总体情况"), None);
    }

    #[test]
    fn first_title_with_a_unit_wins() {
        let got = find_title([
            "首页",
            "2020年政府信息公开工作年度报告",
            "兰州市2020年政府信息公开工作年度报告_兰州市人民政府",
        ]);
        assert_eq!(
            got,
            Some(TitleInfo {
                unit: Some("兰州市".into()),
                year: 2020
            })
        );
    }

    #[test]
    fn years_in_file_names() {
        assert_eq!(year_in_name("lanzhou-2020.html"), Some(2020));
        assert_eq!(year_in_name("城关区2022年报.htm"), Some(2022));
        assert_eq!(year_in_name("20201.txt"), None);
        assert_eq!(year_in_name("page.txt"), None);
    }
}
