//! Rule findings in the form's own words: the table, row and column as the form prints them
//! (the catalogue's labels in Chinese, its English names in English), the numbers on both sides,
//! the difference, and what to check — a sentence an office can read out to the unit that must
//! fix it. The codes (`R3`, `requests.granted.total`) stay beside it, for machines.

use gongkai_form::cause::Cause;
use gongkai_form::{
    format_value, Catalogue, Cell, CrossViolation, FormVersion, RuleId, Section, ValueKind,
    Violation, Which,
};
use gongkai_messages::{lang, msg, Lang};

/// How many terms of a sum a finding lists: the non-zero ones, up to this many (R2 has 21).
const TERMS_SHOWN: usize = 6;

/// The table's name: 表三, or "the requests table (三)".
fn table(section: Section) -> String {
    match section {
        Section::Active => msg!("table-active"),
        Section::Requests => msg!("table-requests"),
        Section::Appeals => msg!("table-appeals"),
    }
}

/// A row as the form prints it: `（一）予以公开`, `（三）不予公开—1.属于国家秘密`, `行政复议`; in
/// English its name. The results heading above 三's rows is left out (every result row has it),
/// and a long note in brackets after a label (`（二）部分公开（区分处理的，…）`) too.
pub fn row_label(cell: &Cell) -> String {
    if lang() == Lang::En {
        return cell.row.english.to_string();
    }
    let path = cell.row.path;
    let shown: Vec<&str> = match (cell.section, path) {
        (Section::Requests, [_results, rest @ ..]) if !rest.is_empty() => rest.to_vec(),
        _ => path.to_vec(),
    };
    shown
        .iter()
        .map(|label| without_note(label))
        .collect::<Vec<_>>()
        .join("—")
}

/// A column as the form prints it (`自然人`, `本年收费金额`), or its English name.
pub fn column_label(cell: &Cell) -> String {
    if lang() == Lang::En {
        return cell.column.english.to_string();
    }
    without_note(cell.column.label).to_string()
}

/// A label without a trailing note in full-width brackets, unless the label is only that.
fn without_note(label: &str) -> &str {
    match label.rfind('（') {
        Some(at) if at > 0 && label.ends_with('）') => &label[..at],
        _ => label,
    }
}

/// `表三“（一）予以公开”行`: a rule that runs along a row.
fn where_row(cell: &Cell) -> String {
    msg!(
        "finding-row",
        table = table(cell.section),
        row = row_label(cell)
    )
}

/// `表三“自然人”列`: a rule that runs down a column.
fn where_column(cell: &Cell) -> String {
    msg!(
        "finding-column",
        table = table(cell.section),
        column = column_label(cell)
    )
}

/// `表三“（一）予以公开”行“自然人”列`: one cell.
pub fn where_cell(cell: &Cell) -> String {
    msg!(
        "finding-cell",
        table = table(cell.section),
        row = row_label(cell),
        column = column_label(cell)
    )
}

/// A value as the form shows it (money in 万元 with its decimals).
fn shown(v: i128, kind: ValueKind) -> String {
    match i64::try_from(v) {
        Ok(v) => format_value(v, kind),
        Err(_) => v.to_string(),
    }
}

/// The non-zero terms of a sum with their labels: `自然人 16 + 商业企业 2`.
fn terms(cat: &Catalogue, terms: &[(usize, i64)], label: fn(&Cell) -> String) -> String {
    let nonzero: Vec<String> = terms
        .iter()
        .filter(|(_, v)| *v != 0)
        .map(|&(i, v)| {
            let cell = &cat.cells[i];
            format!("{} {}", label(cell), format_value(v, cell.kind()))
        })
        .collect();
    if nonzero.is_empty() {
        return msg!("finding-terms-none");
    }
    if nonzero.len() <= TERMS_SHOWN {
        return nonzero.join(" + ");
    }
    msg!(
        "finding-terms-more",
        shown = nonzero[..TERMS_SHOWN].join(" + "),
        count = nonzero.len() - TERMS_SHOWN
    )
}

/// Items joined as a sentence lists them: `A、B和C`, `A, B and C`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => {
            format!(
                "{}{}{last}",
                rest.join(&msg!("list-separator")),
                msg!("list-last")
            )
        }
    }
}

/// A broken rule of one report as a sentence.
pub(crate) fn violation(v: &Violation, cat: &Catalogue) -> String {
    let kind = v
        .lhs
        .first()
        .map_or(ValueKind::Count, |(i, _)| cat.cells[*i].kind());
    let value = |terms: &[(usize, i64)], k: usize| terms.get(k).map_or(0, |(_, v)| *v);
    let diff = shown((v.lhs_sum() - v.rhs_sum()).abs(), kind);
    let anchor = &cat.cells[v.anchor()];
    let show = |x: i64| format_value(x, kind);
    match v.rule {
        RuleId::R1 => msg!(
            "rule-r1",
            place = where_column(anchor),
            new = show(value(&v.lhs, 0)),
            over = show(value(&v.lhs, 1)),
            lhs = shown(v.lhs_sum(), kind),
            total = show(value(&v.rhs, 0)),
            forward = show(value(&v.rhs, 1)),
            rhs = shown(v.rhs_sum(), kind),
            diff = diff
        ),
        RuleId::R2 => msg!(
            "rule-r2",
            place = where_column(anchor),
            total = show(value(&v.lhs, 0)),
            sum = shown(v.rhs_sum(), kind),
            terms = terms(cat, &v.rhs, row_label),
            diff = diff
        ),
        RuleId::R3 | RuleId::R4 => {
            let id = if v.rule == RuleId::R3 {
                "rule-r3"
            } else {
                "rule-r4"
            };
            gongkai_messages::text(
                id,
                &[
                    ("place", where_row(anchor).into()),
                    ("total", show(value(&v.lhs, 0)).into()),
                    ("sum", shown(v.rhs_sum(), kind).into()),
                    ("terms", terms(cat, &v.rhs, column_label).into()),
                    ("diff", diff.into()),
                ],
            )
        }
        RuleId::R5 => msg!(
            "rule-r5",
            place = where_cell(anchor),
            value = show(value(&v.lhs, 0))
        ),
        RuleId::R6 if v.rhs.is_empty() => msg!(
            "rule-r6-items",
            place = where_row(anchor),
            prior = show(value(&v.lhs, 0)),
            change = show(value(&v.lhs, 1)),
            sum = shown(v.lhs_sum(), kind)
        ),
        RuleId::R6 => msg!(
            "rule-r6-published",
            place = where_row(anchor),
            new = show(value(&v.lhs, 0)),
            total = show(value(&v.rhs, 0))
        ),
        // Cross-year rules are worded by [`cross_year`], C1 by [`reconciled`], N1 by
        // `gongkai-narrative`; a violation of one report never carries one.
        RuleId::C1 | RuleId::N1 | RuleId::X1 | RuleId::X2 | RuleId::X3 | RuleId::X4 => {
            v.arithmetic(cat)
        }
    }
}

/// Several broken rules one cell explains, as one sentence at that cell.
pub(crate) fn cause(cause: &Cause, violations: &[Violation], cat: &Catalogue) -> String {
    let cell = &cat.cells[cause.cell];
    let kind = cell.kind();
    let mut sums: Vec<String> = Vec::new();
    for &k in &cause.violations {
        let words = match violations[k].rule {
            RuleId::R1 => msg!("rule-sum-r1"),
            RuleId::R2 => msg!("rule-sum-r2"),
            RuleId::R3 => msg!("rule-sum-r3"),
            _ => msg!("rule-sum-r4"),
        };
        if !sums.contains(&words) {
            sums.push(words);
        }
    }
    let diff = (i128::from(cause.fix) - i128::from(cause.value)).abs();
    msg!(
        "rule-cause",
        place = where_cell(cell),
        value = format_value(cause.value, kind),
        sums = list(&sums),
        diff = shown(diff, kind),
        fix = format_value(cause.fix, kind)
    )
}

/// A broken rule between a unit's two years as a sentence, at the later year's cell.
pub(crate) fn cross_year(
    v: &CrossViolation,
    prev: (FormVersion, i32),
    cur: (FormVersion, i32),
) -> String {
    let cat = cur.0.catalogue();
    let cell = &cat.cells[v.target.0];
    let kind = cell.kind();
    let expected = v.expected();
    let diff = shown((i128::from(v.target.1) - expected).abs(), kind);
    let args = |id: &str, place: String| {
        gongkai_messages::text(
            id,
            &[
                ("place", place.into()),
                ("value", format_value(v.target.1, kind).into()),
                ("prev_year", prev.1.into()),
                ("expected", shown(expected, kind).into()),
                ("diff", diff.clone().into()),
            ],
        )
    };
    match v.rule {
        RuleId::X1 => args("rule-x1", where_column(cell)),
        RuleId::X2 => args("rule-x2", where_row(cell)),
        RuleId::X3 => args("rule-x3", where_row(cell)),
        _ => v.arithmetic(prev, cur),
    }
}

/// X4: every cell as the year before.
pub(crate) fn copied(cells: usize, prev_year: i32, prev_file: &str) -> String {
    msg!(
        "rule-x4",
        cells = cells,
        prev_year = prev_year,
        file = prev_file
    )
}

/// C1: a cell of a parent's report against the sum of its children's.
pub(crate) fn reconciled(
    cell: &Cell,
    value: i64,
    sum: String,
    children: usize,
    diff: String,
) -> String {
    msg!(
        "rule-c1",
        place = where_cell(cell),
        value = format_value(value, cell.kind()),
        sum = sum,
        children = children,
        diff = diff
    )
}

/// The cell of the previous year's form a cross-year term names (for the JSON `cells`).
pub(crate) fn cross_cell_code(
    which: Which,
    i: usize,
    prev: (FormVersion, i32),
    cur: FormVersion,
) -> String {
    match which {
        Which::Previous => format!("{}@{}", prev.0.catalogue().cells[i].code(), prev.1),
        Which::Current => cur.catalogue().cells[i].code(),
    }
}

#[cfg(test)]
mod tests {
    use gongkai_form::rules::check_values;
    use gongkai_form::{FormVersion, RuleId, Section};
    use gongkai_messages::{with_lang, Lang};

    use crate::{Check, Finding};

    fn at(cat: &gongkai_form::Catalogue, section: Section, row: &str, column: &str) -> usize {
        cat.find(section, row, column)
            .map_or_else(|| panic!("no cell {row} {column}"), |c| c.index)
    }

    /// A 2021 report with only （一）予以公开 filled: 自然人 16, 商业企业 2, 法律服务机构 1,
    /// 总计 21 (two too many).
    fn granted_row() -> Vec<i64> {
        let cat = FormVersion::F2021.catalogue();
        let mut values = vec![0; cat.len()];
        for (col, v) in [
            ("natural_person", 16),
            ("commercial_enterprise", 2),
            ("legal_service_org", 1),
            ("total", 21),
        ] {
            values[at(cat, Section::Requests, "granted", col)] = v;
        }
        values
    }

    fn r3_message(lang: Lang) -> String {
        let form = FormVersion::F2021;
        let v = check_values(form, &granted_row());
        let Some(r3) = v.iter().find(|v| v.rule == RuleId::R3) else {
            panic!("no R3 in {v:?}");
        };
        with_lang(lang, || {
            Finding::violation(r3, form, "西固区", 2021).message
        })
    }

    #[test]
    fn a_row_total_is_worded_as_the_form_prints_it() {
        assert_eq!(
            r3_message(Lang::Zh),
            "表三“（一）予以公开”行，总计列填 21，各列之和为 19（自然人 16 + 商业企业 2 + 法律服务机构 1），相差 2。请核对该行各列或总计。"
        );
        assert_eq!(
            r3_message(Lang::En),
            "the requests table (三), row “granted”: the total column has 21, the applicant columns add up to 19 (natural persons 16 + commercial enterprises 2 + legal service organisations 1), a difference of 2. Check the row's columns or its total."
        );
    }

    #[test]
    fn the_line_ends_with_the_rule_ids_in_brackets() {
        let form = FormVersion::F2021;
        let v = check_values(form, &granted_row());
        let Some(r3) = v.iter().find(|v| v.rule == RuleId::R3) else {
            panic!("no R3");
        };
        let line = with_lang(Lang::Zh, || {
            Finding::violation(r3, form, "西固区", 2021).to_string()
        });
        assert!(
            line.starts_with("西固区 2021年 错误：表三“（一）予以公开”行，总计列填 21"),
            "{line}"
        );
        assert!(line.ends_with("请核对该行各列或总计。 [R3]"), "{line}");
    }

    #[test]
    fn one_wrong_cell_is_one_finding_naming_both_rules() {
        let form = FormVersion::F2021;
        let cat = form.catalogue();
        // Consistent: 自然人 applied 1, granted 1; then 自然人's granted cell says 3.
        let mut values = vec![0; cat.len()];
        for row in ["new_received", "granted", "total"] {
            values[at(cat, Section::Requests, row, "natural_person")] = 1;
            values[at(cat, Section::Requests, row, "total")] = 1;
        }
        assert!(check_values(form, &values).is_empty());
        let cell = at(cat, Section::Requests, "granted", "natural_person");
        values[cell] = 3;
        let v = check_values(form, &values);
        assert_eq!(v.len(), 2, "{v:?}");
        let found = with_lang(Lang::Zh, || Finding::violations(&v, form, "西固区", 2021));
        assert_eq!(found.len(), 1);
        let (at, f) = &found[0];
        assert_eq!(*at, cell);
        assert_eq!(
            f.message,
            "表三“（一）予以公开”行“自然人”列填 3：该列总计和该行总计都对不上，均相差 2；此格若为 1，各处都成立。请核对此格。"
        );
        assert_eq!(f.rule, Check::Rule(RuleId::R2));
        let rules: Vec<Check> = f.rules.iter().map(|r| r.rule).collect();
        assert_eq!(rules, [Check::Rule(RuleId::R2), Check::Rule(RuleId::R3)]);
        assert!(f.to_string().ends_with("[R2, R3]"), "{f}");
        // Each rule's detail stays in JSON.
        let json = serde_json::to_value(f).unwrap_or_default();
        assert_eq!(json["rules"][1]["rule"], "R3");
        assert_eq!(
            json["rules"][1]["arithmetic"],
            "granted: 1 ≠ 3 + 0 + 0 + 0 + 0 + 0 (off by 2)"
        );
        assert_eq!(
            (json["found"].as_str(), json["expected"].as_str()),
            (Some("3"), Some("1"))
        );
    }

    #[test]
    fn each_rule_names_its_place_and_numbers() {
        let form = FormVersion::F2021;
        let cat = form.catalogue();
        let mut values = vec![0; cat.len()];
        // R1 on 自然人: received 5 + carried over 0 ≠ total 0 + forward 0 (and R2/R3 hold).
        values[at(cat, Section::Requests, "new_received", "natural_person")] = 5;
        values[at(cat, Section::Requests, "new_received", "total")] = 5;
        // R5: a negative count in table 二.
        values[at(cat, Section::Active, "regulations", "issued")] = -1;
        let v = check_values(form, &values);
        let words: Vec<String> = with_lang(Lang::Zh, || {
            Finding::violations(&v, form, "城关区", 2021)
                .into_iter()
                .map(|(_, f)| f.message)
                .collect()
        });
        assert!(
            words.contains(
                &"表二“规章”行“本年制发件数”列填 -1，应为不小于 0 的数。请核对此格。".to_string()
            ),
            "{words:#?}"
        );
        assert!(
            words.contains(&"表三“自然人”列，本年新收 5 加上年结转 0 为 5，办理结果总计 0 加结转下年度继续办理 0 为 0，相差 5。两者应相等，请核对该列这四项。".to_string()),
            "{words:#?}"
        );
    }
}
