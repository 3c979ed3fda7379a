//! Everything wrong in one pass: a report left out for a cell that could not be read is still
//! checked for all its other problems, and the rules over that cell are said not to be checked.

use gongkai_form::RuleId;
use gongkai_report::{Check, Finding, Place};

use crate::tests::{read_text, warnings, HAND_GRID};

fn of_rule(f: &[Finding], rule: RuleId) -> Vec<String> {
    f.iter()
        .filter(|d| d.rule == Check::Rule(rule))
        .map(ToString::to_string)
        .collect()
}

/// `3.5` in a count cell, `-1` in another and a row that does not add up elsewhere: one read
/// gives all three, and the rules over the `3.5` are not checked, with the value they imply.
#[test]
fn a_report_left_out_for_one_cell_is_checked_for_everything_else() {
    let text = HAND_GRID
        // 予以公开, 自然人 (line 29, field 3): not a whole number.
        .replace("(一)予以公开,252,", "(一)予以公开,3.5,")
        // 规章, 本年新公开数量 (line 7, field 3): a negative count.
        .replace("规章,36,3,50", "规章,36,-1,50")
        // 本机关不掌握相关政府信息 (line 40): 16 + 6 + 4 = 26, not 27.
        .replace(",16,6,0,0,4,0,26", ",16,6,0,0,4,0,27");
    let f = read_text(&text, "a.csv");
    assert!(f.reports.is_empty() && f.is_rejected());
    assert_eq!(f.rejected, ["安宁区 2020"]);
    let d = &f.diagnostics;
    let input: Vec<String> = d
        .iter()
        .filter(|d| d.rule == Check::Input && d.is_error())
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        input,
        [
            "a.csv:29:3: error: 安宁区 2020: not a whole number in requests.granted.natural_person \
             (（一）予以公开 / 自然人): found \"3.5\", expected a whole number ≥ 0",
            "a.csv: error: 安宁区 2020: report left out: 1 error(s) in its cells",
        ]
    );
    // The -1 (R5, at its line) and the row that does not add up: its total cell breaks R3 along
    // the row and R2 down the total column by the same 1, so it is one finding naming both.
    let rules: Vec<String> = d
        .iter()
        .filter(|d| d.rule != Check::Input && d.is_error())
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        rules,
        [
            "a.csv:7: 安宁区 2020 error: the proactive disclosure table (二), row “regulations”, \
             column “published this year” has -1: it must be 0 or more. Check this cell. [R5]",
            "a.csv:40: 安宁区 2020 error: the requests table (三), row “unable: information not \
             held”, column “total” has 27: the column's total and the row's total are each off by \
             1; with 26 in this cell every one holds. Check this cell. [R2, R3]",
        ]
    );
    assert_eq!(of_rule(d, RuleId::R5).len(), 1);
    // The rules over the 3.5 are not evaluated (nothing broken is said of them) but said not
    // to be checked, at the cell, with the value that would make each hold.
    let not_checked: Vec<&Finding> = d
        .iter()
        .filter(|d| d.rule != Check::Input && !d.is_error())
        .collect();
    let shown: Vec<String> = not_checked.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "a.csv:29:3: 安宁区 2020 warning: column natural_person, row granted not checked: \
             requests.granted.natural_person could not be read; 252 there would make it add up \
             [R2, R3]",
        ]
    );
    assert!(not_checked.iter().all(|d| d.place
        == Place::Line {
            line: 29,
            column: Some(3)
        }));
    // Each rule's cells stay in JSON: R3's row of seven.
    assert_eq!(not_checked[0].rules.len(), 2);
    assert_eq!(not_checked[0].rules[1].cells.len(), 7);
    assert!(d
        .iter()
        .filter(|d| d.is_error() && d.rule != Check::Input)
        .all(|d| !d
            .cells
            .contains(&"requests.granted.natural_person".to_string())));
    // Nothing else: the report's other rules hold, and the cell is not said to be missing too.
    // (the hand grid's extra row, and the one not-checked finding for the two rules).
    assert_eq!(warnings(&f).len(), 2, "{:?}", warnings(&f));
}

/// The same in a tidy file: a value that is no number leaves its cell out of the rules; a line
/// whose row is unknown leaves out whichever cell it held (every cell the report lacks), so no
/// rule breaks for a cell that was only lost.
#[test]
fn a_tidy_report_left_out_is_checked_for_everything_else() {
    let grid = read_text(HAND_GRID, "a.csv");
    let Some(report) = grid.reports.first() else {
        panic!("the hand grid reads: {:?}", grid.diagnostics);
    };
    let mut text = gongkai_report::write::tidy::HEADER.join(",");
    text.push('\n');
    gongkai_report::write::tidy::write_rows("安宁区", 2020, report.form, &report.values, &mut text);
    let text = text
        .replace(
            "requests,granted,commercial_enterprise,40",
            "requests,granted,commercial_enterprise,四十",
        )
        .replace(
            "active,regulations,total_published,50",
            "active,regulations,total_published,-1",
        )
        .replace(
            "appeals,reconsideration,total,68",
            "appeals,reconsideration_typo,total,68",
        );
    let f = read_text(&text, "t.csv");
    assert!(f.reports.is_empty() && f.is_rejected());
    let shown: Vec<String> = f
        .diagnostics
        .iter()
        .filter(|d| d.rule != Check::Input)
        .map(ToString::to_string)
        .collect();
    let line = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map_or(0, |i| i + 1)
    };
    let (bad, lost) = (line(",四十"), line("reconsideration_typo"));
    assert_eq!(
        shown,
        [
            // R5 on the -1, and R6 (new_published 3 ≤ total_published -1) on the same row.
            format!(
                "t.csv:{}: 安宁区 2020 error: the proactive disclosure table (二), row \
                 “regulations”, column “total published” has -1: it must be 0 or more. Check this \
                 cell. [R5]",
                line("total_published,-1")
            ),
            format!(
                "t.csv:{}: 安宁区 2020 warning: the proactive disclosure table (二), row \
                 “regulations”: published this year 3 is more than total published -1. Check these \
                 two cells. [R6]",
                line("regulations,new_published")
            ),
            format!(
                "t.csv:{bad}:6: 安宁区 2020 warning: column commercial_enterprise, row granted not \
                 checked: requests.granted.commercial_enterprise could not be read; 40 there would \
                 make it add up [R2, R3]"
            ),
            format!(
                "t.csv:{lost}:4: 安宁区 2020 warning: row reconsideration not checked: \
                 appeals.reconsideration.total could not be read; 68 there would make it add up [R4]"
            ),
        ]
    );
}
