//! The reporting body and the report year, as a report names them in its title:
//! `兰州市2020年政府信息公开工作年度报告` → 兰州市, 2020.

use gongkai_document::Flow;
use gongkai_messages::msg;

/// Unit and year read from a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TitleInfo {
    pub unit: Option<String>,
    pub year: i32,
}

/// The phrases a report title ends in, most specific first.
const REPORT_PHRASES: &[&str] = &[
    "政府信息公开工作年度报告",
    "政府信息公开工作年报",
    "政府信息公开年报",
    "政务公开工作年报",
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
    // The year may share its 年 with the phrase: `工作2022年度报告`; or it follows the phrase
    // (`…年度报告（2020年）`), where the unit is all before the phrase.
    let Some((year, start, end)) = years(&part[..key + phrase.len()])
        .into_iter()
        .rfind(|(_, start, _)| *start < key)
    else {
        let year = year_after(&part[key + phrase.len()..])?;
        let unit = trim_unit(&part[..key]);
        return Some(TitleInfo {
            unit: (!unit.is_empty()).then(|| unit.to_string()),
            year,
        });
    };
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

/// A year right after a report's phrase, bracketed or not: `（2020年）`, `(2020年度)`, `2020`.
fn year_after(rest: &str) -> Option<i32> {
    let rest = rest.trim_start_matches(['（', '(', '【', '[', '：', ':']);
    let digits: String = rest.chars().take(4).map(ascii_digits).collect();
    let year: i32 = digits.parse().ok().filter(|y| (2000..=2100).contains(y))?;
    let tail: String = rest.chars().skip(4).collect();
    let tail = tail
        .trim_start_matches('年')
        .trim_start_matches('度')
        .trim_start_matches(['）', ')', '】', ']']);
    tail.chars()
        .all(|c| SITE_SEPARATORS.contains(&c) || !c.is_alphanumeric())
        .then_some(year)
        .or_else(|| tail.starts_with(SITE_SEPARATORS).then_some(year))
}

/// The endings of a body's name: a government, its offices, bureaus and commissions, towns
/// and streets.
const UNIT_SUFFIXES: &[&str] = &[
    "政府",
    "办公室",
    "办公厅",
    "委员会",
    "局",
    "委",
    "办",
    "厅",
    "院",
    "所",
    "署",
    "中心",
    "街道",
    "办事处",
    "镇",
    "乡",
    "市",
    "县",
    "区",
    "旗",
    "州",
    "盟",
    "处",
    "站",
    "队",
    "会",
    "部",
    "馆",
];

/// Text that is a body's name and nothing else (`某市人民政府办公厅`, `（示例县财政局）`): a
/// title's unit printed apart from its year and phrase.
pub(crate) fn unit_like(text: &str) -> Option<String> {
    let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.trim_matches(|c: char| "（）()【】[]《》“”\"'：:".contains(c));
    let n = s.chars().count();
    let ok = (2..=30).contains(&n)
        && s.chars()
            .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || "（）()、".contains(c))
        && !s.contains("报告")
        && !s.contains("年报")
        && UNIT_SUFFIXES.iter().any(|x| s.ends_with(x));
    ok.then(|| s.to_string())
}

/// True when `text` is a year on its own (`2019年`, `2019年度`), as a title split over two
/// lines may print it.
fn year_alone(text: &str) -> bool {
    let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    years(&s)
        .first()
        .is_some_and(|(_, start, end)| *start == 0 && *end == s.len())
}

/// The first candidate that reads as a report title. A title printed over two candidates (the
/// body's name, then `2019年政府信息公开工作年度报告`; `2019年`, then the rest; the year and
/// phrase, then `（某市人民政府办公厅）`) is read joined.
pub(crate) fn find_title<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Option<TitleInfo> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let mut year_only: Option<TitleInfo> = None;
    for (i, c) in candidates.iter().enumerate() {
        let next = candidates.get(i + 1).copied();
        match parse_title(c) {
            Some(t) if t.unit.is_some() => return Some(t),
            Some(t) => {
                let before = i.checked_sub(1).map(|j| candidates[j]);
                if let Some(unit) = before
                    .and_then(unit_like)
                    .or_else(|| next.and_then(unit_like))
                {
                    return Some(TitleInfo {
                        unit: Some(unit),
                        year: t.year,
                    });
                }
                year_only.get_or_insert(t);
            }
            None => {
                if let Some(next) = next.filter(|_| year_alone(c) || unit_like(c).is_some()) {
                    if let Some(t) = parse_title(&format!("{c}{next}")).filter(|t| t.unit.is_some())
                    {
                        return Some(t);
                    }
                }
            }
        }
    }
    year_only
}

/// The reporting body and the year a file's name gives: `示例县2022.html` → 示例县, 2022;
/// `兰州市2020年政府信息公开工作年度报告.txt` → 兰州市, 2020; `lanzhou-2020` → lanzhou, 2020.
pub(crate) fn name_parts(stem: &str) -> (Option<String>, Option<i32>) {
    if let Some(t) = parse_title(stem).filter(|t| t.unit.is_some()) {
        return (t.unit, Some(t.year));
    }
    let year = year_in_name(stem);
    let mut unit = stem.to_string();
    if let Some(y) = year {
        let y = y.to_string();
        if let Some(at) = unit.find(&y) {
            let mut tail = &unit[at + y.len()..];
            for word in ["年度", "年报", "年"] {
                if let Some(t) = tail.strip_prefix(word) {
                    tail = t;
                    break;
                }
            }
            for phrase in REPORT_PHRASES.iter().chain(&["报告", "年报"]) {
                if let Some(t) = tail.strip_prefix(phrase) {
                    tail = t;
                    break;
                }
            }
            unit = format!("{}{}", &unit[..at], tail);
        }
    }
    let unit = unit.trim_matches(|c: char| c.is_whitespace() || "-_.·（）()【】[]".contains(c));
    let unit = (unit.chars().any(char::is_alphanumeric)).then(|| unit.to_string());
    (unit, year)
}

/// True when a name has Chinese in it: a file named for its body, not `page.html`.
pub(crate) fn is_chinese(name: &str) -> bool {
    name.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Who reports for which year, and the warnings on how that was told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Naming {
    pub unit: String,
    pub year: i32,
    /// Warnings, in the run's language.
    pub notes: Vec<String>,
}

/// The unit and year of a document: its title (`about.titles`, else a title-like line among
/// the first `lines` that is no link or menu), else a title in its metadata (the portal's
/// section, `og:title`), else its file's name (`stem`), else the folder's year. The title wins
/// over the file name; a file name whose year differs is named in a warning. A title without
/// the body's name takes it from the portal's section, the file's name, or the site's name,
/// in that order, with a warning. `Err` says why no year could be told.
pub(crate) fn name_report<'a>(
    about: &Flow,
    lines: impl Iterator<Item = &'a str>,
    stem: &str,
    folder_year: Option<i32>,
) -> Result<Naming, String> {
    let mut notes = Vec::new();
    let (name_unit, name_year) = name_parts(stem);
    let found = find_title(about.titles.iter().map(String::as_str))
        .or_else(|| find_title(lines.take(400).filter(|l| !about.is_navigation(l))))
        .or_else(|| {
            let (field, text) = ["columnname", "og:title"].into_iter().find_map(|f| {
                about
                    .meta(f)
                    .filter(|t| parse_title(t).is_some())
                    .map(|t| (f, t))
            })?;
            notes.push(msg!("pages-title-from-meta", field = field, title = text));
            parse_title(text)
        });
    let Some(t) = found else {
        let year = name_year
            .or(folder_year)
            .ok_or_else(|| msg!("pages-no-year"))?;
        notes.push(msg!("pages-no-title", year = year));
        return Ok(Naming {
            unit: name_unit.unwrap_or_else(|| stem.to_string()),
            year,
            notes,
        });
    };
    if let Some(y) = name_year.filter(|y| *y != t.year) {
        notes.push(msg!(
            "pages-year-differs",
            name = stem,
            name_year = y,
            title_year = t.year
        ));
    }
    let unit = match t.unit {
        Some(u) => u,
        None => {
            let column = about.meta("columnname").and_then(unit_like);
            let site = about.meta("sitename").or(about.meta("og:site_name"));
            if let Some(c) = column {
                notes.push(msg!("pages-unit-from-column", name = &c));
                c
            } else if let Some(n) = name_unit.clone().filter(|n| is_chinese(n)) {
                notes.push(msg!("pages-unit-from-file-name", name = &n));
                n
            } else if let Some(site) = site {
                notes.push(msg!("pages-unit-from-site", name = site));
                site.to_string()
            } else {
                let n = name_unit.unwrap_or_else(|| stem.to_string());
                notes.push(msg!("pages-unit-from-file-name", name = &n));
                n
            }
        }
    };
    Ok(Naming {
        unit,
        year: t.year,
        notes,
    })
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
        // The year last.
        assert_eq!(t("政府信息公开工作年度报告（2020年）"), Some((None, 2020)));
        assert_eq!(
            t("某市人民政府办公厅政府信息公开工作年度报告（2019年度）"),
            some("某市人民政府办公厅", 2019)
        );
        assert_eq!(
            t("某市人民政府办公厅政府信息公开工作年度报告(2019)_某市人民政府"),
            some("某市人民政府办公厅", 2019)
        );
        assert_eq!(t("政府信息公开工作年度报告（2020年）填报说明"), None);
        // The year first, 年度 or not, 年报.
        assert_eq!(
            t("2019年某市人民政府办公厅政府信息公开工作年度报告"),
            some("某市人民政府办公厅", 2019)
        );
        assert_eq!(
            t("2019年度某市人民政府办公厅政府信息公开工作年度报告"),
            some("某市人民政府办公厅", 2019)
        );
        assert_eq!(
            t("2021年度示例县财政局政府信息公开工作年报"),
            some("示例县财政局", 2021)
        );
        assert_eq!(
            t("2020年兰州市政府信息公开工作年度报告_兰州市人民政府"),
            some("兰州市", 2020)
        );
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
    fn titles_split_over_two_lines() {
        let got = |c: &[&str]| find_title(c.iter().copied()).map(|t| (t.unit, t.year));
        let some = |u: &str, y| Some((Some(u.to_string()), y));
        assert_eq!(
            got(&["某市人民政府办公厅", "2019年政府信息公开工作年度报告"]),
            some("某市人民政府办公厅", 2019)
        );
        assert_eq!(
            got(&["2019年", "某市人民政府办公厅政府信息公开工作年度报告"]),
            some("某市人民政府办公厅", 2019)
        );
        assert_eq!(
            got(&["2019年度政府信息公开工作年度报告", "（某市人民政府办公厅）"]),
            some("某市人民政府办公厅", 2019)
        );
        // A menu word before a year-only title is no unit.
        assert_eq!(
            got(&["首页", "2019年政府信息公开工作年度报告"]),
            Some((None, 2019))
        );
    }

    #[test]
    fn units_and_years_in_file_names() {
        let parts = |s: &str| name_parts(s);
        assert_eq!(parts("示例县2022"), (Some("示例县".into()), Some(2022)));
        assert_eq!(parts("城关区2022年报"), (Some("城关区".into()), Some(2022)));
        assert_eq!(
            parts("兰州市2020年政府信息公开工作年度报告"),
            (Some("兰州市".into()), Some(2020))
        );
        assert_eq!(
            parts("2020年-七里河区"),
            (Some("七里河区".into()), Some(2020))
        );
        assert_eq!(parts("lanzhou-2020"), (Some("lanzhou".into()), Some(2020)));
        assert_eq!(parts("城关区"), (Some("城关区".into()), None));
        assert_eq!(parts("2020"), (None, Some(2020)));
        assert!(is_chinese("示例县") && !is_chinese("lanzhou"));
        assert_eq!(unit_like("（示例县财政局）"), Some("示例县财政局".into()));
        assert_eq!(unit_like("政府信息公开年报"), None);
        assert_eq!(unit_like("相关链接"), None);
    }

    #[test]
    fn years_in_file_names() {
        assert_eq!(year_in_name("lanzhou-2020.html"), Some(2020));
        assert_eq!(year_in_name("城关区2022年报.htm"), Some(2022));
        assert_eq!(year_in_name("20201.txt"), None);
        assert_eq!(year_in_name("page.txt"), None);
    }
}
