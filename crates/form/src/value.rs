//! Cell values: what people type into the form, read exactly.
//!
//! Every value is an `i64`. Counts are themselves; money is an integer number of
//! [`MONEY_SCALE`]ths of 万元 (one unit = 0.01 yuan), so sums never drift.

use std::fmt;

use gongkai_messages::msg;

use unicode_normalization::UnicodeNormalization;

use crate::ValueKind;

/// Money is carried as 万元 × 10⁶: exact for anything printed in 元 (to the fen), 万元 or 亿.
pub const MONEY_SCALE: i64 = 1_000_000;

/// Why a cell's text is not a value of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueError {
    /// Not a number at all.
    NotANumber,
    /// A count with a fraction.
    NotWhole,
    /// Money finer than 0.01 yuan.
    TooPrecise,
    /// Past what an i64 holds.
    Overflow,
    /// A money unit in a count cell.
    UnitInCount,
}

impl fmt::Display for ValueError {
    /// What is wrong, in a few words of the run's language (`not a number`, `不是数字`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            ValueError::NotANumber => msg!("value-not-a-number"),
            ValueError::NotWhole => msg!("value-not-whole"),
            ValueError::TooPrecise => msg!("value-too-precise"),
            ValueError::Overflow => msg!("value-too-large"),
            ValueError::UnitInCount => msg!("value-unit-in-count"),
        })
    }
}

impl std::error::Error for ValueError {}

/// Text that stands for an empty cell: nothing, or a lone dash or slash.
fn is_blank_marker(s: &str) -> bool {
    matches!(s, "" | "-" | "—" | "–" | "/" | "－" | "／" | "--" | "——")
}

/// Reads a cell. `Ok(None)` is a blank cell (recorded as blank, counted as 0 by callers).
///
/// Accepts full-width digits, thousands separators (`1,234`), a leading `+`/`-` and, in money
/// cells, a unit (`27.88亿`, `251000元`, `350.5万元`; no unit means 万元).
pub fn parse_value(text: &str, kind: ValueKind) -> Result<Option<i64>, ValueError> {
    // A blank cell: a third of a grid's.
    if text.is_empty() {
        return Ok(None);
    }
    if let Some(v) = plain_number(text.as_bytes(), kind) {
        return Ok(Some(v));
    }
    parse_general(text, kind)
}

/// A number as exports write them, `41`, `-3`, `41.0` (pandas, once a column has a blank),
/// `1520.5`, read without the general parser, whose allocation and Unicode checks took most of a
/// file's reading; `None` for anything else, or a value the parser would refuse.
#[inline]
fn plain_number(text: &[u8], kind: ValueKind) -> Option<i64> {
    let (negative, number) = match text.strip_prefix(b"-") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = match number.iter().position(|b| *b == b'.') {
        Some(dot) => (&number[..dot], &number[dot + 1..]),
        None => (number, &number[..0]),
    };
    let digits = |d: &[u8]| d.iter().all(u8::is_ascii_digit);
    if int.is_empty() || int.len() > 15 || frac.len() > 9 || !digits(int) || !digits(frac) {
        return None;
    }
    let scale = if kind == ValueKind::Money {
        MONEY_SCALE
    } else {
        1
    };
    let frac = &frac[..frac.len() - frac.iter().rev().take_while(|d| **d == b'0').count()];
    if frac.len() > scale.ilog10() as usize {
        return None;
    }
    let value = |d: &[u8]| d.iter().fold(0i64, |v, d| v * 10 + i64::from(d - b'0'));
    let frac = value(frac) * (scale / 10i64.pow(frac.len() as u32));
    let magnitude = value(int).checked_mul(scale)?.checked_add(frac)?;
    Some(if negative { -magnitude } else { magnitude })
}

/// [`parse_value`] for any text: NFKC, blank markers, signs, separators and money units.
fn parse_general(text: &str, kind: ValueKind) -> Result<Option<i64>, ValueError> {
    // NFKC only where it changes something (full-width digits, ＋, …): it dominated grid reading.
    let mut s: String = if text.chars().all(crate::label::nfkc_stable) {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        text.nfkc().filter(|c| !c.is_whitespace()).collect()
    };
    if is_blank_marker(&s) {
        return Ok(None);
    }
    // Unicode minus signs that NFKC leaves alone.
    if s.starts_with('−') || s.starts_with('﹣') {
        s = format!(
            "-{}",
            &s[s.char_indices().nth(1).map_or(s.len(), |(i, _)| i)..]
        );
    }
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s.as_str()),
    };
    // Money units, as multiples of 万元 expressed as (numerator, denominator) of 10⁶ scale.
    let (number, unit_scale_num, unit_scale_den): (&str, i128, i128) = {
        let units: [(&str, i128, i128); 6] = [
            ("亿元", 10_000 * MONEY_SCALE as i128, 1),
            ("亿", 10_000 * MONEY_SCALE as i128, 1),
            ("万元", MONEY_SCALE as i128, 1),
            ("万", MONEY_SCALE as i128, 1),
            ("元", MONEY_SCALE as i128, 10_000),
            ("", MONEY_SCALE as i128, 1),
        ];
        let mut found = None;
        for (suffix, num, den) in units {
            if let Some(n) = body.strip_suffix(suffix) {
                found = Some((n, num, den, !suffix.is_empty()));
                break;
            }
        }
        let (n, num, den, has_unit) = found.unwrap_or((body, MONEY_SCALE as i128, 1, false));
        if kind != ValueKind::Money {
            if has_unit {
                return Err(ValueError::UnitInCount);
            }
            (n, 1, 1)
        } else {
            (n, num, den)
        }
    };
    let digits = strip_thousands(number).ok_or(ValueError::NotANumber)?;
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((i, f)) => (i, f),
        None => (digits.as_str(), ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(ValueError::NotANumber);
    }
    if !int_part.bytes().all(|b| b.is_ascii_digit())
        || !frac_part.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(ValueError::NotANumber);
    }
    let frac_trimmed = frac_part.trim_end_matches('0');
    if frac_trimmed.len() > 30 || int_part.trim_start_matches('0').len() > 30 {
        return Err(ValueError::Overflow);
    }
    let int: i128 = if int_part.is_empty() {
        0
    } else {
        int_part.parse().map_err(|_| ValueError::Overflow)?
    };
    let (frac, frac_den): (i128, i128) = if frac_trimmed.is_empty() {
        (0, 1)
    } else {
        (
            frac_trimmed.parse().map_err(|_| ValueError::Overflow)?,
            10i128.pow(frac_trimmed.len() as u32),
        )
    };
    // value = (int + frac/frac_den) * num / den, must be a whole number.
    let numerator = int
        .checked_mul(frac_den)
        .and_then(|x| x.checked_add(frac))
        .and_then(|x| x.checked_mul(unit_scale_num))
        .ok_or(ValueError::Overflow)?;
    let denominator = frac_den * unit_scale_den;
    if numerator % denominator != 0 {
        return Err(if kind == ValueKind::Money {
            ValueError::TooPrecise
        } else {
            ValueError::NotWhole
        });
    }
    let magnitude = numerator / denominator;
    let signed = if negative { -magnitude } else { magnitude };
    i64::try_from(signed)
        .map(Some)
        .map_err(|_| ValueError::Overflow)
}

/// Removes `,` thousands separators, only where they sit between digit groups of three.
fn strip_thousands(s: &str) -> Option<String> {
    if !s.contains(',') {
        return Some(s.to_string());
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let ok =
        !groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    if !ok {
        return None;
    }
    let mut out = groups.concat();
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// Prints a value the way the tidy CSV carries it: counts as integers, money as a decimal in 万元
/// without trailing zeros.
pub fn format_value(value: i64, kind: ValueKind) -> String {
    match kind {
        ValueKind::Count | ValueKind::SignedCount => value.to_string(),
        ValueKind::Money => {
            let sign = if value < 0 { "-" } else { "" };
            let abs = value.unsigned_abs();
            let scale = MONEY_SCALE as u64;
            let (int, frac) = (abs / scale, abs % scale);
            if frac == 0 {
                format!("{sign}{int}")
            } else {
                let f = format!("{frac:06}");
                format!("{sign}{int}.{}", f.trim_end_matches('0'))
            }
        }
    }
}

/// `2020`, `2020年`, `2020.0`: a plausible report year.
pub fn parse_year(text: &str) -> Option<i32> {
    // The common case, plainly: four digits.
    if let [a @ b'0'..=b'9', b @ b'0'..=b'9', c @ b'0'..=b'9', d @ b'0'..=b'9'] = *text.as_bytes() {
        let y = [a, b, c, d]
            .iter()
            .fold(0, |y, digit| y * 10 + i32::from(digit - b'0'));
        return (2000..=2100).contains(&y).then_some(y);
    }
    // `2020年度` as units write it on the year line, `2020年`, a spreadsheet's `2020.0`.
    let t = text
        .trim()
        .trim_end_matches('度')
        .trim_end_matches('年')
        .trim_end_matches(".0");
    let y: i32 = t.parse().ok()?;
    (2000..=2100).contains(&y).then_some(y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const C: ValueKind = ValueKind::Count;
    const S: ValueKind = ValueKind::SignedCount;
    const M: ValueKind = ValueKind::Money;

    #[test]
    fn years_as_units_write_them() {
        for text in ["2020", " 2020 ", "2020年", "2020年度", "2020.0"] {
            assert_eq!(parse_year(text), Some(2020), "{text}");
        }
        for text in ["20", "度", "2020度年", "1899", "二〇二〇"] {
            assert_eq!(parse_year(text), None, "{text}");
        }
    }

    #[test]
    fn counts() {
        assert_eq!(parse_value("343", C), Ok(Some(343)));
        assert_eq!(parse_value("  36 ", C), Ok(Some(36)));
        assert_eq!(parse_value("1,234", C), Ok(Some(1234)));
        assert_eq!(parse_value("1,432,816", C), Ok(Some(1_432_816)));
        assert_eq!(parse_value("１２３", C), Ok(Some(123)));
        assert_eq!(parse_value("１，２３４", C), Ok(Some(1234)));
        assert_eq!(parse_value("12.00", C), Ok(Some(12)));
        assert_eq!(parse_value("", C), Ok(None));
        assert_eq!(parse_value(" \u{3000}", C), Ok(None));
        assert_eq!(parse_value("—", C), Ok(None));
        assert_eq!(parse_value("/", C), Ok(None));
        assert_eq!(
            parse_value("-3", C),
            Ok(Some(-3)),
            "negative counts parse; R5 rejects them"
        );
    }

    #[test]
    fn bad_counts() {
        assert_eq!(parse_value("abc", C), Err(ValueError::NotANumber));
        assert_eq!(parse_value("3件", C), Err(ValueError::NotANumber));
        assert_eq!(parse_value("1.5", C), Err(ValueError::NotWhole));
        assert_eq!(parse_value("12,34", C), Err(ValueError::NotANumber));
        assert_eq!(
            parse_value("99999999999999999999", C),
            Err(ValueError::Overflow)
        );
        assert_eq!(
            parse_value("9223372036854775808", C),
            Err(ValueError::Overflow)
        );
        assert_eq!(parse_value("9223372036854775807", C), Ok(Some(i64::MAX)));
        assert_eq!(parse_value("5元", C), Err(ValueError::UnitInCount));
        assert_eq!(parse_value(".", C), Err(ValueError::NotANumber));
        assert_eq!(parse_value("+", C), Err(ValueError::NotANumber));
    }

    #[test]
    fn signed() {
        assert_eq!(parse_value("+2", S), Ok(Some(2)));
        assert_eq!(parse_value("-271", S), Ok(Some(-271)));
        assert_eq!(parse_value("－18", S), Ok(Some(-18)));
        assert_eq!(parse_value("−18", S), Ok(Some(-18)));
        assert_eq!(parse_value("＋5", S), Ok(Some(5)));
    }

    #[test]
    fn money() {
        let w = MONEY_SCALE;
        assert_eq!(parse_value("27.88亿", M), Ok(Some(278_800 * w)));
        assert_eq!(parse_value("27.88亿元", M), Ok(Some(278_800 * w)));
        assert_eq!(parse_value("251000元", M), Ok(Some(25_100_000)));
        assert_eq!(parse_value("350.5万元", M), Ok(Some(350_500_000)));
        assert_eq!(parse_value("350.5万", M), Ok(Some(350_500_000)));
        assert_eq!(parse_value("4068.208", M), Ok(Some(4_068_208_000)));
        assert_eq!(parse_value("1,520.5", M), Ok(Some(1_520_500_000)));
        assert_eq!(parse_value("0.01元", M), Ok(Some(1)));
        assert_eq!(parse_value("0.001元", M), Err(ValueError::TooPrecise));
        assert_eq!(parse_value("0.0000001", M), Err(ValueError::TooPrecise));
        assert_eq!(parse_value("", M), Ok(None));
    }

    #[test]
    fn formatting() {
        assert_eq!(format_value(278_800 * MONEY_SCALE, M), "278800");
        assert_eq!(format_value(25_100_000, M), "25.1");
        assert_eq!(format_value(1, M), "0.000001");
        assert_eq!(format_value(-1_500_000, M), "-1.5");
        assert_eq!(format_value(-271, S), "-271");
    }

    proptest! {
        /// The fast path for plain numbers agrees with the general parser.
        #[test]
        fn fast_value_path_agrees(
            text in "[0-9]{0,20}|[0-9 ,.+\\-]{0,12}|-?[0-9]{0,17}(\\.[0-9]{0,11})?|-?0*[0-9]{1,3}\\.[0-9]{0,8}0*"
        ) {
            for kind in [ValueKind::Count, ValueKind::SignedCount, ValueKind::Money] {
                let general = if text.is_empty() { Ok(None) } else { parse_general(&text, kind) };
                prop_assert_eq!(parse_value(&text, kind), general);
            }
        }

        /// So does the year's fast path.
        #[test]
        fn fast_year_path_agrees(text in "[0-9]{4}|[0-9年. ]{0,8}") {
            let slow = {
                // `2020年度` as units write it on the year line, `2020年`, a spreadsheet's `2020.0`.
    let t = text.trim().trim_end_matches('度').trim_end_matches('年').trim_end_matches(".0");
                t.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y))
            };
            prop_assert_eq!(parse_year(&text), slow);
        }
    }

    proptest! {
        #[test]
        fn money_round_trips(v in 0i64..i64::MAX) {
            prop_assert_eq!(parse_value(&format_value(v, M), M), Ok(Some(v)));
        }

        #[test]
        fn counts_round_trip(v in i64::MIN + 1..i64::MAX) {
            prop_assert_eq!(parse_value(&format_value(v, S), S), Ok(Some(v)));
        }

        #[test]
        fn never_panics(s in "\\PC{0,12}") {
            for k in [C, S, M] {
                let _ = parse_value(&s, k);
            }
        }
    }
}
