//! Rules on reports as findings placed in their files: R1–R6 on each report and on totals,
//! X1–X4 between a unit's consecutive years.

use std::sync::Arc;

use gongkai_report::{Finding, UnitReport};

use rayon::prelude::*;

use crate::link::{Link, Links};

/// R1–R6 on one unit's report, located in its file: one finding per cause (a cell that
/// explains several broken sums is one finding at that cell).
pub fn check_report(report: &UnitReport) -> Vec<Finding> {
    let violations = gongkai_form::rules::check_values(report.form, &report.values);
    Finding::violations(&violations, report.form, &report.unit, report.year)
        .into_iter()
        .map(|(cell, f)| Finding {
            file: Some(Arc::clone(&report.source.file)),
            place: report.source.place(cell),
            ..f
        })
        .collect()
}

/// R1–R6 on a set of values that has no file: a consolidated total.
pub fn check_values(
    unit: &str,
    year: i32,
    form: gongkai_form::FormVersion,
    values: &[i64],
) -> Vec<Finding> {
    let violations = gongkai_form::rules::check_values(form, values);
    Finding::violations(&violations, form, unit, year)
        .into_iter()
        .map(|(_, f)| f)
        .collect()
}

/// X1–X4 between consecutive years of each unit. `reorganised(unit, year)` says whether the
/// unit was merged or split going into `year` (X1 is then a warning).
pub fn check_years(
    links: &Links,
    reorganised: &(dyn Fn(&str, i32) -> bool + Sync),
) -> Vec<Finding> {
    // Each unit's years side by side: one sort, no map of 100,000 small lists; the units in
    // parallel (a national batch over five years has 400,000 pairs), their findings in order.
    let rank = links.unit_ranks();
    let mut sorted: Vec<Link> = links.iter().collect();
    sorted.par_sort_by_key(|l| (rank[l.unit_id() as usize], l.year()));
    sorted
        .par_chunk_by(|a, b| a.unit_id() == b.unit_id())
        .flat_map_iter(|years| unit_years(years, reorganised))
        .collect()
}

/// X1–X4 between the consecutive years of one unit, its links in year order.
fn unit_years(years: &[Link], reorganised: &dyn Fn(&str, i32) -> bool) -> Vec<Finding> {
    let mut out = Vec::new();
    if years.len() < 2 {
        return out;
    }
    let unit = years[0].unit();
    // Each year's values once, though most years are in two pairs.
    let values: Vec<Vec<i64>> = years.iter().map(Link::values).collect();
    for (k, pair) in years.windows(2).enumerate() {
        let (prev, cur) = (&pair[0], &pair[1]);
        if cur.year() != prev.year() + 1 {
            continue;
        }
        // The links hold every cell X1–X3 read; X4 compares fingerprints.
        let (violations, _) = gongkai_form::rules::check_years(
            (prev.form(), &values[k]),
            (cur.form(), &values[k + 1]),
            reorganised(unit, cur.year()),
        );
        let identical = cur.identical_to(prev);
        if violations.is_empty() && !identical {
            continue;
        }
        let file = Arc::new(cur.file());
        let (prev_at, cur_at) = ((prev.form(), prev.year()), (cur.form(), cur.year()));
        for v in violations {
            out.push(Finding {
                file: Some(file.clone()),
                place: cur.place(v.target.0),
                ..Finding::cross_year(&v, prev_at, cur_at, unit)
            });
        }
        if identical {
            let cells = cur.form().catalogue().len();
            let prev_file = prev.file().display().to_string();
            out.push(Finding {
                file: Some(file.clone()),
                ..Finding::copied(unit, cur.year(), cells, &prev_file)
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use gongkai_form::{FormVersion, RuleId, Section};
    use gongkai_report::{Check, Layout, Place, UnitReport};

    use super::{check_report, check_years};
    use crate::link::Links;

    /// Where a workbook's cell `i` is in these tests: column C, row `i + 1`.
    fn cell_place(i: usize) -> Place {
        Place::Sheet {
            sheet: "表1".into(),
            row: i as u32 + 1,
            column: Some(3),
        }
    }

    /// A workbook report of all zeros but `carried` in both carry cells of 自然人.
    fn workbook(year: i32, carried_over: i64, carried_forward: i64) -> UnitReport {
        let form = FormVersion::for_year(year);
        let cat = form.catalogue();
        let file = Arc::new(PathBuf::from(format!("{year}/城关区.xlsx")));
        let mut r = UnitReport::empty("城关区".into(), year, form, file, Layout::Grid);
        let at = |row: &str| {
            cat.find(Section::Requests, row, "natural_person")
                .map_or(0, |c| c.index)
        };
        for i in 0..cat.len() {
            let v = if i == at("carried_over") {
                carried_over
            } else if i == at("carried_forward") {
                carried_forward
            } else {
                0
            };
            r.set(i, Some(v), 100 + i as u32);
            r.source.set_place(i, cell_place(i));
        }
        r
    }

    #[test]
    fn rule_findings_on_a_workbook_name_the_sheet_cell() {
        // 0 + 2 ≠ 0 + 0 (R1 on 自然人) and 0 ≠ 2 (R3 on 上年结转): one cell explains both, so
        // one finding, at that cell.
        let r = workbook(2020, 2, 0);
        let cat = r.form.catalogue();
        let over = cat
            .find(Section::Requests, "carried_over", "natural_person")
            .map_or(0, |c| c.index);
        let found = check_report(&r);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].place, cell_place(over));
        let rules: Vec<Check> = found[0].rules.iter().map(|d| d.rule).collect();
        assert_eq!(rules, [Check::Rule(RuleId::R1), Check::Rule(RuleId::R3)]);
        let shown = found[0].to_string();
        assert!(
            shown.starts_with(&format!(
                "2020/城关区.xlsx[表1]!C{}: 城关区 2020 error: ",
                over + 1
            )) && shown.ends_with("[R1, R3]"),
            "{shown}"
        );
        // X1: 2019 carries 3 forward, 2020 says 0 came over: named at 2020's cell.
        let links = Links::of(&[workbook(2019, 0, 3), workbook(2020, 0, 0)]);
        let x1 = check_years(&links, &|_, _| false)
            .into_iter()
            .find(|f| f.rule == Check::Rule(RuleId::X1));
        assert_eq!(x1.map(|f| f.place), Some(cell_place(over)));
    }
}
