//! A published report checked against itself (rule N1): the figures its text states —
//! 一、总体情况 and every other section — compared with the cells of its tables that hold them.
//!
//! The text says `全年共受理政府信息公开申请357件`; table 三 holds 本年新收 355 and 上年结转 14.
//! Neither 355 nor 355 + 14 is 357, so the finding quotes the sentence, names the cell as the
//! form prints it with both figures and the difference, and is a warning (the text may be the
//! one that is right). The figures read: applications received (本年新收, or with 上年结转),
//! handled (办理结果总计), granted (予以公开, or with 部分公开), carried forward (结转下年度继续办
//! 理), administrative reconsiderations (行政复议 总计), lawsuits (未经复议直接起诉, 复议后起诉, or
//! both), and the 规章 and 规范性文件 of table 二 where the form has the column the verb names.
//!
//! No false alarm is worth more than a catch: a figure is left alone when its words make it any
//! other figure (approximate, a change, another year or period, a part, a part of the body, not
//! an application, in brackets; see [`claim`]). The corpus of real sentences that must stay
//! silent is `tests/fixtures/narrative/sentences.txt`.
//!
//! [`check`] takes the report's [`Prose`] — its paragraphs outside the tables, as the reader
//! gives them (a PDF's lines rejoined where the page wrapped them) — and its [`UnitReport`].
//!
//! Layers, lowest first: [`number`] (figures: digits, Chinese numerals, 万) · [`prose`]
//! (paragraphs, sentences, headings) → [`claim`] (what a figure counts) → [`reading`] (the cells
//! that hold it) → this module (the comparison, worded).

mod claim;
mod number;
mod prose;
mod reading;

use gongkai_form::{format_value, Catalogue, Cell, Level, RuleId, ValueKind};
use gongkai_messages::msg;
use gongkai_report::wording::{column_label, row_label, where_cell};
use gongkai_report::{Check, Finding, RuleDetail, UnitReport};

pub use prose::{Paragraph, Prose};

use claim::{claims, Claim, Context};

/// The figures `prose` states that `report`'s tables do not hold, as N1 warnings: each quotes
/// its sentence and names the cell with both figures. A figure whose cells were not found, or
/// are blank, is not compared.
pub fn check(prose: &Prose, report: &UnitReport) -> Vec<Finding> {
    let ctx = Context {
        year: report.year,
        unit: &report.unit,
    };
    claims(prose, ctx)
        .iter()
        .filter_map(|claim| compare(claim, report))
        .collect()
}

/// One reading's cells and their sum.
struct Sum<'c> {
    cells: Vec<&'c Cell>,
    value: i128,
}

/// The readings of `claim` the report's tables give: those of its form whose cells were all
/// found and written.
fn sums<'c>(claim: &Claim, report: &UnitReport, cat: &'c Catalogue) -> Vec<Sum<'c>> {
    reading::readings(claim.kind, report.form)
        .into_iter()
        .filter_map(|reading| {
            let cells: Vec<&Cell> = reading
                .iter()
                .map(|(section, row, column)| cat.find(*section, row, column))
                .collect::<Option<_>>()?;
            let known = cells
                .iter()
                .all(|c| report.present(c.index) && !report.blank[c.index]);
            known.then(|| Sum {
                value: cells
                    .iter()
                    .map(|c| i128::from(report.values[c.index]))
                    .sum(),
                cells,
            })
        })
        .collect()
}

fn shown(v: i128) -> String {
    match i64::try_from(v) {
        Ok(v) => format_value(v, ValueKind::Count),
        Err(_) => v.to_string(),
    }
}

/// The finding when no reading of the tables gives the claim's figure.
fn compare(claim: &Claim, report: &UnitReport) -> Option<Finding> {
    let cat = report.form.catalogue();
    let sums = sums(claim, report, cat);
    let stated = i128::from(claim.value);
    let off = |s: &Sum| (s.value - stated).abs();
    if sums.is_empty() || sums.iter().any(|s| off(s) <= i128::from(claim.tolerance)) {
        return None;
    }
    let nearest = sums.iter().min_by_key(|s| off(s))?;
    let diff = off(nearest);
    let table = tables_say(&sums, report);
    let section = claim.section.as_deref().map_or_else(
        || msg!("narrative-section-none"),
        |name| msg!("narrative-section", name = name),
    );
    let message = msg!(
        "narrative-mismatch",
        section = section,
        quote = claim.quote.as_str(),
        table = table,
        diff = shown(diff),
    );
    let mut cells: Vec<String> = Vec::new();
    for s in &sums {
        for c in &s.cells {
            if !cells.contains(&c.code()) {
                cells.push(c.code());
            }
        }
    }
    let expected = sums
        .iter()
        .map(|s| shown(s.value))
        .collect::<Vec<_>>()
        .join(" | ");
    let found = shown(stated);
    let arithmetic = format!(
        "text {found} ≠ {} (off by {})",
        sums.iter()
            .map(|s| {
                let codes: Vec<String> = s.cells.iter().map(|c| c.code()).collect();
                format!("{} = {}", codes.join(" + "), shown(s.value))
            })
            .collect::<Vec<_>>()
            .join(" | "),
        shown(diff)
    );
    let detail = RuleDetail {
        rule: Check::Rule(RuleId::N1),
        level: Level::Warning,
        scope: claim.kind.code(),
        cells: cells.clone(),
        expected: expected.clone(),
        found: found.clone(),
        arithmetic,
    };
    Some(Finding {
        file: Some(std::sync::Arc::clone(&report.source.file)),
        cells,
        rules: vec![detail],
        ..Finding::new(Check::Rule(RuleId::N1), Level::Warning, message)
            .unit(&report.unit, Some(report.year))
            .found(found, expected)
            .place(claim.place.clone())
    })
}

/// What the tables hold, as the form prints it: the first reading's first cell with its value,
/// then the other cells of every reading by their row (or column) and the sums they make:
/// `表三“一、本年新收政府信息公开申请数量”行“总计”列为 355（二、上年结转政府信息公开申请数量
/// 14，合计 369）`.
fn tables_say(sums: &[Sum], report: &UnitReport) -> String {
    let value = |c: &Cell| shown(i128::from(report.values[c.index]));
    let Some(first) = sums.first().and_then(|s| s.cells.first()) else {
        return String::new();
    };
    let mut others: Vec<&Cell> = Vec::new();
    for s in sums {
        for c in &s.cells {
            if c.index != first.index && !others.iter().any(|o| o.index == c.index) {
                others.push(c);
            }
        }
    }
    // Cells of 0 and sums that add nothing to what is shown are left out (上年结转 0).
    let mut parts: Vec<String> = others
        .iter()
        .filter(|c| report.values[c.index] != 0)
        .map(|c| {
            let label = if c.column.code == first.column.code && c.section == first.section {
                row_label(c)
            } else if c.row.code == first.row.code && c.section == first.section {
                column_label(c)
            } else {
                where_cell(c)
            };
            msg!("narrative-part", label = label, value = value(c))
        })
        .collect();
    let first_value = i128::from(report.values[first.index]);
    let mut together: Vec<i128> = Vec::new();
    for s in sums.iter().filter(|s| s.cells.len() > 1) {
        if s.value != first_value && !together.contains(&s.value) {
            together.push(s.value);
        }
    }
    if !parts.is_empty() {
        parts.extend(
            together
                .iter()
                .map(|v| msg!("narrative-together", value = shown(*v))),
        );
    }
    let mut out = msg!(
        "narrative-cell-value",
        cell = where_cell(first),
        value = value(first)
    );
    if !parts.is_empty() {
        out.push_str(&msg!(
            "narrative-parts",
            parts = parts.join(&msg!("narrative-separator"))
        ));
    }
    out
}

#[cfg(test)]
mod tests;
