//! The trend charts of a total or a unit, as `gongkai trend --chart` draws them and the review
//! page shows them: the report preset's four panels, with a break where the form changed.

use std::collections::{BTreeMap, BTreeSet};

use gongkai_aggregate::trend::{points, Point};
use gongkai_aggregate::Total;
use gongkai_chart::{Figure, Panel, Preset, Series};
use gongkai_form::measures::{self, MeasureValue};
use gongkai_form::FormVersion;

/// The years from `first` to `last`, as a chart title writes them.
pub fn year_span(years: &BTreeSet<i32>) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    }
}

/// Years whose value does not compare with the year before in any of `measures` (the report
/// form changed between them): the chart breaks its lines there.
pub fn form_breaks(forms: &BTreeMap<i32, FormVersion>, measures: &[&str]) -> Vec<i32> {
    forms
        .iter()
        .filter_map(|(&year, &form)| {
            let prev = *forms.get(&(year - 1))?;
            measures
                .iter()
                .any(|m| !measures::comparable(m, prev, form))
                .then_some(year)
        })
        .collect()
}

/// A line of the report preset: its label (Chinese, English) and the measures it sums.
type ReportLine = (&'static str, &'static str, &'static [&'static str]);

/// The report preset's four panels: (title, English title, unit, lines). They are the figures an
/// office's annual report leads its sections with, one panel per statistical table and two for
/// table 三, the core of the report:
///
/// - 本年新收政府信息公开申请数量 (table 三, row 一): the demand, the first number of the section
///   on applications;
/// - 公开率, (予以公开 + 部分公开) ÷ 总计 (table 三): how the applications were answered, the
///   figure evaluations ask for;
/// - 行政复议 and 行政诉讼 (table 四, 总计 column; 行政诉讼 = 未经复议直接起诉 + 复议后起诉): the
///   disputes the disclosures led to;
/// - 行政规范性文件 (table 二, the first row of 主动公开): the 2019 form's 本年新制作数量 and the
///   2021 form's 本年制发件数. They do not compare, so they are two lines with the form change
///   drawn between them; section 二 has nothing that compares across the change but the
///   decisions on licences, penalties and coercion, which measure enforcement, not disclosure.
const REPORT_PANELS: [(&str, &str, &str, &[ReportLine]); 4] = [
    (
        "本年新收政府信息公开申请数量",
        "New applications for government information",
        "件",
        &[(
            "本年新收",
            "new applications",
            &["requests.new_received.total"],
        )],
    ),
    (
        "公开率：予以公开和部分公开占办理结果总计的比例",
        "Disclosure rate: granted and partly granted, of all applications answered",
        "%",
        &[("公开率", "disclosure rate", &["rate.disclosure"])],
    ),
    (
        "政府信息公开行政复议、行政诉讼",
        "Administrative reconsiderations and lawsuits",
        "件",
        &[
            (
                "行政复议",
                "reconsiderations",
                &["appeals.reconsideration.total"],
            ),
            (
                "行政诉讼",
                "lawsuits",
                &[
                    "appeals.litigation_direct.total",
                    "appeals.litigation_after_reconsideration.total",
                ],
            ),
        ],
    ),
    (
        "主动公开：行政规范性文件",
        "Proactive disclosure: normative documents",
        "件",
        &[
            (
                "本年新制作数量",
                "made (2019 form)",
                &["active.normative_documents.new_made"],
            ),
            (
                "本年制发件数",
                "issued (2021 form)",
                &["active.normative_documents.issued"],
            ),
        ],
    ),
];

/// The report preset: the four panels of [`REPORT_PANELS`] for the subject (the total or a
/// unit), whatever measures the table shows. Counts are summed exactly before drawing.
pub fn report_figure(
    subject: &str,
    totals: &[Total],
    reports: &[gongkai_report::UnitReport],
    in_range: &dyn Fn(i32) -> bool,
) -> Figure {
    let wanted: Vec<String> = REPORT_PANELS
        .iter()
        .flat_map(|p| p.3.iter().flat_map(|l| l.2.iter().map(|m| m.to_string())))
        .collect();
    let wanted = gongkai_form::measures::Plan::new(&wanted);
    let mut pts: Vec<Point> = Vec::new();
    for t in totals
        .iter()
        .filter(|t| t.name == subject && in_range(t.year))
    {
        pts.extend(points(t.year, &t.name, t.form, &t.values, &wanted));
    }
    for r in reports
        .iter()
        .filter(|r| r.unit == subject && in_range(r.year))
    {
        pts.extend(points(r.year, &r.unit, r.form, &r.values, &wanted));
    }
    let years: BTreeSet<i32> = pts.iter().map(|p| p.year).collect();
    let forms: BTreeMap<i32, FormVersion> = pts.iter().map(|p| (p.year, p.form)).collect();
    let value = |year: i32, measure: &str| {
        pts.iter()
            .find(|p| p.year == year && p.measure == measure)
            .map(|p| p.value)
    };
    // A line's value: its one measure, or the exact sum of its counts (all present).
    let line_value = |year: i32, sum: &[&str]| -> Option<f64> {
        match sum {
            [one] => value(year, one).map(MeasureValue::as_f64),
            many => many
                .iter()
                .try_fold(0i64, |acc, m| match value(year, m)? {
                    MeasureValue::Exact(v, _) => acc.checked_add(v),
                    MeasureValue::Ratio(_) => None,
                })
                .map(|v| v as f64),
        }
    };
    let panels = REPORT_PANELS
        .iter()
        .map(|&(title_zh, title_en, unit, lines)| {
            let measures: Vec<&str> = lines.iter().flat_map(|l| l.2.iter().copied()).collect();
            let breaks = form_breaks(&forms, &measures);
            Panel {
                title_zh: title_zh.to_string(),
                title_en: title_en.to_string(),
                unit_zh: Some(unit.to_string()),
                unit_en: Some(if unit == "件" { "cases" } else { unit }.to_string()),
                lines: lines
                    .iter()
                    .map(|&(label_zh, label_en, sum)| Series {
                        label_zh: label_zh.to_string(),
                        label_en: label_en.to_string(),
                        points: years.iter().map(|&y| (y, line_value(y, sum))).collect(),
                        is_rate: sum.iter().all(|m| m.starts_with("rate.")),
                        breaks: breaks.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    let span = year_span(&years);
    Figure {
        title_zh: format!("{subject}政府信息公开工作情况（{span}年）"),
        title_en: format!("{subject}: government information disclosure, {span}"),
        preset: Preset::Report,
        panels,
        incomplete: Vec::new(),
    }
}
