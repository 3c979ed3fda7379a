//! Figures in a sentence: a count in Arabic digits (`357`, `1,024`, `1.2万`) or in Chinese
//! numerals (`一百二十三`, `两千零五`, `十二万`) followed by the word it counts in (件, 起, 个 …),
//! and how exactly it is stated. 约, 近, 逾, 余, 多, 左右, 以上 make a figure approximate; a figure
//! in 万 or 亿 is read to the precision it is written in (`1.2万` is 11,500 to 12,500). A number
//! with no such word (a year, a percentage, a telephone number) is not a figure.

/// One figure: where it is in the sentence's characters and what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Figure {
    pub value: i64,
    /// How far the count may be from `value` as written: 0, or half the last place of a figure
    /// written in 万 or 亿 (or 千 in Chinese numerals).
    pub tolerance: i64,
    /// 约, 近, 余, 多, 左右, 以上 …: not a figure to hold a table to.
    pub approximate: bool,
    /// The first character of the number.
    pub start: usize,
    /// Just past its unit word (and any 左右, 以上 after it).
    pub end: usize,
}

/// The words a count is stated in, longest first: 件次 before 件.
const UNITS: [&str; 12] = [
    "件次", "件", "起", "宗", "个", "份", "条", "项", "次", "例", "部", "家",
];

/// Could `c` begin a unit word? (A sentence without one has no figure.)
pub(crate) fn is_unit_char(c: char) -> bool {
    matches!(
        c,
        '件' | '起' | '宗' | '个' | '份' | '条' | '项' | '次' | '例' | '部' | '家'
    )
}

/// Words just before a number that make it approximate or a bound (约357件, 超过300件).
const BEFORE: [&str; 14] = [
    "大约",
    "将近",
    "接近",
    "超过",
    "不足",
    "不到",
    "不少于",
    "至少",
    "多达",
    "最多",
    "约",
    "近",
    "逾",
    "超",
];

/// Words before a number in Chinese numerals that make it approximate (数十件, 上万件); before
/// digits they are other words (现行有效件数14件).
const BEFORE_CHINESE: [char; 3] = ['数', '几', '上'];

/// Words between a number and its unit that make it approximate (300余件, 1600多份).
const BETWEEN: [char; 4] = ['余', '多', '来', '几'];

/// Words after the unit that make it approximate or a bound (300件左右, 100件以上).
const AFTER: [&str; 8] = ["左右", "以上", "以下", "以内", "之多", "上下", "有余", "多"];

/// Words after the unit that make the number something else (3个百分点, 一次性).
const NOT_A_COUNT: [&str; 4] = ["百分点", "性", "工作日", "月"];

fn digit(c: char) -> Option<i64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// 十, 百, 千 within a section of four places.
fn small_unit(c: char) -> Option<i64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1_000,
        _ => return None,
    })
}

/// 万 and 亿, which scale what came before.
fn big_unit(c: char) -> Option<i64> {
    Some(match c {
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

fn is_chinese_numeral(c: char) -> bool {
    digit(c).is_some() || small_unit(c).is_some() || big_unit(c).is_some()
}

/// Does `chars[at..]` start with `word`?
pub(crate) fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    (at..)
        .zip(word.chars())
        .all(|(i, w)| chars.get(i) == Some(&w))
}

/// Does `chars[..at]` end with `word`?
fn ends_with(chars: &[char], at: usize, word: &str) -> bool {
    let n = word.chars().count();
    at >= n && starts_with(chars, at - n, word)
}

/// A number in Chinese numerals, with the tolerance its last place gives; `None` for what is
/// not one number (`二〇二〇` read digit by digit, `百` alone, a value past `i64`).
fn chinese(s: &[char]) -> Option<(i64, i64)> {
    let mut total: i64 = 0;
    let mut section: i64 = 0;
    let mut number: Option<i64> = None;
    let mut last_unit = 1;
    for (k, &c) in s.iter().enumerate() {
        if let Some(d) = digit(c) {
            // Two digits in a row (二〇二〇) spell a number out; only 零 may precede a digit.
            if number.is_some_and(|n| n != 0) {
                return None;
            }
            number = Some(d);
            last_unit = 1;
        } else if let Some(m) = small_unit(c) {
            let n = match number {
                Some(n) => n,
                // 十二 is twelve; 百 alone is not a number.
                None if m == 10 && (k == 0 || section > 0 || total > 0) => 1,
                None => return None,
            };
            section = section.checked_add(n.checked_mul(m)?)?;
            number = None;
            last_unit = m;
        } else if let Some(m) = big_unit(c) {
            section = section.checked_add(number.unwrap_or(0))?;
            if section == 0 {
                return None;
            }
            total = if m == 100_000_000 {
                total.checked_add(section)?.checked_mul(m)?
            } else {
                total.checked_add(section.checked_mul(m)?)?
            };
            section = 0;
            number = None;
            last_unit = m;
        } else {
            return None;
        }
    }
    let value = total
        .checked_add(section)?
        .checked_add(number.unwrap_or(0))?;
    // 三千件, 十二万件: rounded to that place; 二十件 is twenty.
    let tolerance = if last_unit >= 1_000 { last_unit / 2 } else { 0 };
    Some((value, tolerance))
}

/// An Arabic number at `chars[at..]`: digits with `,` between groups of three, a decimal part
/// only before 万 or 亿. Returns the value, tolerance and the index past it.
fn arabic(chars: &[char], at: usize) -> Option<(i64, i64, usize)> {
    let mut i = at;
    let mut whole: i128 = 0;
    let mut any = false;
    while i < chars.len() {
        let c = chars[i];
        if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            whole = whole.checked_mul(10)?.checked_add(i128::from(d))?;
            any = true;
            i += 1;
        } else if c == ','
            && any
            && (1..=3).all(|k| chars.get(i + k).is_some_and(char::is_ascii_digit))
            && !chars.get(i + 4).is_some_and(char::is_ascii_digit)
        {
            i += 1;
        } else {
            break;
        }
    }
    if !any {
        return None;
    }
    let mut fraction: i128 = 0;
    let mut places: u32 = 0;
    if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
        i += 1;
        while let Some(d) = chars
            .get(i)
            .filter(|c| c.is_ascii_digit())
            .and_then(|c| c.to_digit(10))
        {
            fraction = fraction.checked_mul(10)?.checked_add(i128::from(d))?;
            places += 1;
            i += 1;
        }
    }
    let scale = match chars.get(i).copied() {
        Some('万') => 10_000,
        Some('亿') => 100_000_000,
        Some('千') => 1_000,
        _ => 1,
    };
    if scale == 1 {
        // A count has no fraction (3.5件 is not one).
        if places > 0 {
            return None;
        }
        return Some((i64::try_from(whole).ok()?, 0, i));
    }
    i += 1;
    let denominator = 10i128.checked_pow(places)?;
    let value = (whole.checked_mul(denominator)?.checked_add(fraction)?)
        .checked_mul(scale)?
        .checked_add(denominator / 2)?
        / denominator;
    let tolerance = scale / denominator / 2;
    Some((
        i64::try_from(value).ok()?,
        i64::try_from(tolerance).ok()?,
        i,
    ))
}

/// The unit word at `chars[at..]`, by its length in characters.
fn unit(chars: &[char], at: usize) -> Option<usize> {
    UNITS
        .iter()
        .find(|u| starts_with(chars, at, u))
        .map(|u| u.chars().count())
}

/// Every figure of `chars` (a sentence, whitespace removed, full-width digits made ASCII), in
/// order, approximate ones marked.
pub(crate) fn figures(chars: &[char]) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let before = i.checked_sub(1).map(|k| chars[k]);
        let (value, tolerance, after) = if c.is_ascii_digit() {
            // Part of a code, a date, a version or a telephone number: not a count.
            let glued = before.is_some_and(|b| {
                b.is_ascii_alphanumeric() || matches!(b, '.' | '-' | '/' | '_' | ':' | '—' | '第')
            });
            let parsed = arabic(chars, i);
            let end = parsed.map_or(i + 1, |(_, _, e)| e);
            match parsed {
                Some((v, t, e)) if !glued => (v, t, e),
                _ => {
                    i = end.max(i + 1);
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                    continue;
                }
            }
        } else if is_chinese_numeral(c) {
            let end = (i..chars.len())
                .find(|&k| !is_chinese_numeral(chars[k]))
                .unwrap_or(chars.len());
            // 第三项 is an ordinal, 每一件 and 唯一 are no counts.
            let ordinal =
                before.is_some_and(|b| matches!(b, '第' | '每' | '唯' | '统' | '周' | '逐'));
            match chinese(&chars[i..end]).filter(|_| !ordinal) {
                Some((v, t)) => (v, t, end),
                None => {
                    i = end;
                    continue;
                }
            }
        } else {
            i += 1;
            continue;
        };
        let mut approximate = BEFORE.iter().any(|w| ends_with(chars, i, w))
            || (!c.is_ascii_digit() && before.is_some_and(|b| BEFORE_CHINESE.contains(&b)));
        let mut k = after;
        if chars.get(k).is_some_and(|c| BETWEEN.contains(c)) {
            approximate = true;
            k += 1;
        }
        let Some(len) = unit(chars, k) else {
            i = after;
            continue;
        };
        k += len;
        if NOT_A_COUNT.iter().any(|w| starts_with(chars, k, w)) {
            i = k;
            continue;
        }
        if let Some(w) = AFTER.iter().find(|w| starts_with(chars, k, w)) {
            approximate = true;
            k += w.chars().count();
        }
        out.push(Figure {
            value,
            tolerance,
            approximate,
            start: i,
            end: k,
        });
        i = k;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<(i64, i64, bool)> {
        let chars: Vec<char> = s.chars().collect();
        figures(&chars)
            .iter()
            .map(|f| (f.value, f.tolerance, f.approximate))
            .collect()
    }

    #[test]
    fn arabic_counts_with_their_units() {
        assert_eq!(read("共收到申请357件"), [(357, 0, false)]);
        assert_eq!(
            read("行政复议1起、行政诉讼2宗"),
            [(1, 0, false), (2, 0, false)]
        );
        assert_eq!(read("受理1,024件次"), [(1024, 0, false)]);
        assert_eq!(read("共0件"), [(0, 0, false)]);
        assert_eq!(read("现行有效件数14件"), [(14, 0, false)]);
    }

    #[test]
    fn wan_is_read_to_the_precision_it_is_written_in() {
        assert_eq!(read("1.2万件"), [(12_000, 500, false)]);
        assert_eq!(read("12万件"), [(120_000, 5_000, false)]);
        assert_eq!(read("1.25万件"), [(12_500, 50, false)]);
        assert_eq!(read("十二万件"), [(120_000, 5_000, false)]);
        assert_eq!(read("3亿条"), [(300_000_000, 50_000_000, false)]);
        // Money is no count.
        assert!(read("采购总金额278800万元").is_empty());
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(read("一百二十三件"), [(123, 0, false)]);
        assert_eq!(read("两千零五件"), [(2005, 0, false)]);
        assert_eq!(read("十二件"), [(12, 0, false)]);
        assert_eq!(read("二十件"), [(20, 0, false)]);
        assert_eq!(read("一百零五件"), [(105, 0, false)]);
        assert_eq!(read("两件"), [(2, 0, false)]);
        assert_eq!(read("三千件"), [(3_000, 500, false)]);
        assert_eq!(read("一万二千件"), [(12_000, 500, false)]);
        assert_eq!(read("一亿二千万条"), [(120_000_000, 5_000, false)]);
        // Spelt digit by digit, ordinals, a lone multiplier: no figures.
        assert!(read("二〇二〇年").is_empty());
        assert!(read("第三项加第四项之和").is_empty());
        assert!(read("第二十条第（一）项").is_empty());
        assert!(read("百件").is_empty());
    }

    #[test]
    fn approximate_figures_are_marked() {
        for s in [
            "约357件",
            "近300件",
            "逾300件",
            "超过300件",
            "300余件",
            "1600多份",
            "30299余条",
            "14万余条",
            "300件左右",
            "100件以上",
            "上万件",
            "数十件",
            "十几件",
        ] {
            // Read as approximate, or not as a figure at all (上万 has no number).
            let got = read(s);
            assert!(got.iter().all(|f| f.2), "{s}: {got:?}");
        }
        for s in ["约357件", "300余件", "1600多份", "300件左右", "十几件"] {
            assert_eq!(read(s).len(), 1, "{s}");
        }
    }

    #[test]
    fn numbers_that_are_not_counts() {
        for s in [
            "2020年",
            "公开率为30.80%",
            "办结率100%",
            "上升3个百分点",
            "电话:0931-8848390",
            "国办公开办函〔2021〕30号",
            "20个工作日内",
            "3.5件",
            "12月31日",
            "一次性告知",
            "第32条规定",
        ] {
            assert!(read(s).is_empty(), "{s}: {:?}", read(s));
        }
    }

    #[test]
    fn every_unit_begins_with_a_unit_char() {
        assert!(UNITS
            .iter()
            .all(|u| u.chars().next().is_some_and(is_unit_char)));
    }

    #[test]
    fn never_overflows() {
        assert!(read("99999999999999999999999件").is_empty());
        assert!(read("九千九百亿亿亿亿件").is_empty());
        assert_eq!(read("9223372036854775807件").len(), 1);
    }
}
