//! The unit and year a grid names on lines of its own: `填报单位,城关区`, `年度：2020`.

use std::sync::LazyLock;

/// Labels of the unit and year lines (`填报单位,城关区` / `年度：2020`).
// Not plain 单位: tables often say 单位：件 (the unit of measure).
const UNIT_KEYS: &[&str] = &["填报单位", "单位名称", "报送单位", "填报机关", "机关名称"];
const YEAR_KEYS: &[&str] = &["年度", "年份", "报告年度", "统计年度", "填报年度"];

/// Whether a line whose first non-empty cell opens with `c` may name the unit or year, as
/// [`meta_entry_of`] first asks (a cell opening with whitespace may trim to anything).
pub fn may_name_meta(c: char) -> bool {
    static FIRST: LazyLock<Vec<char>> = LazyLock::new(|| {
        let keys = UNIT_KEYS.iter().chain(YEAR_KEYS);
        keys.filter_map(|k| k.chars().next()).collect()
    });
    c.is_whitespace() || FIRST.contains(&c)
}

/// [`meta_entry`] of a line given as its field count and its fields by index: the template
/// reader splits lines itself and must find the unit and year exactly as this reader does.
pub fn meta_entry_of<'a>(
    len: usize,
    field: impl Fn(usize) -> &'a str,
) -> Option<(bool, String, u32)> {
    let (i, first) = (0..len)
        .map(|i| (i, field(i)))
        .find(|(_, f)| !f.trim().is_empty())?;
    let first = first.trim();
    // Every line of a grid comes here: most fail on the first character, and the rest are
    // compared without whitespace and without allocating.
    let opens = |keys: &[&str]| {
        keys.iter()
            .any(|k| k.chars().next() == first.chars().next())
    };
    if !opens(UNIT_KEYS) && !opens(YEAR_KEYS) {
        return None;
    }
    let split = first.split_once(['：', ':']);
    // The printed form asks for the seal beside the unit: `填报单位（盖章）`.
    let key = split.map_or(first, |(k, _)| k);
    let key = key
        .trim_end()
        .strip_suffix("（盖章）")
        .or_else(|| key.trim_end().strip_suffix("(盖章)"))
        .unwrap_or(key);
    let is = |keys: &[&str]| {
        keys.iter()
            .any(|k| key.chars().filter(|c| !c.is_whitespace()).eq(k.chars()))
    };
    let (is_unit, is_year) = (is(UNIT_KEYS), is(YEAR_KEYS));
    if !is_unit && !is_year {
        return None;
    }
    let (value, col) = match split {
        Some((_, v)) if !v.trim().is_empty() => (v.trim().to_string(), i),
        _ => match (i + 1..len)
            .map(|j| (j, field(j)))
            .find(|(_, f)| !f.trim().is_empty())
        {
            Some((j, v)) => (v.trim().to_string(), j),
            None => (String::new(), i),
        },
    };
    Some((is_unit, value, col as u32 + 1))
}
