//! The form's three tables placed on a spreadsheet as the official form prints them: where every
//! label, heading and merged header goes, where each of the form's cells is, and where each
//! consistency check (R1–R4) sits beside the cells it checks. Only positions and texts; the
//! workbook writer ([`super::workbook`]) renders them.
//!
//! The tables are placed by walking the catalogue (blocks, their rows' label paths, their
//! columns); only the few words the catalogue does not hold (信息内容, 申请人情况, 法人或其他组织,
//! the R1 note printed on the form) are written here. The labels and the order of rows and
//! columns are those of the CSV form grid ([`super::grid`]), so the locator reads both alike;
//! label cells are merged where the form merges them.
//!
//! Checks are placed from the rules' data, not per rule. A rule whose cells run along one sheet
//! row of a table with rows of their own (R3: a row of table 三) is checked in a column right of
//! the table, beside its row. Rules whose cells run down one sheet column (R1, R2: a column of
//! table 三) are checked on one line below the table, one line per rule naming each column that
//! is off: a cell under each column would be a row of values the form does not have to the
//! locator reading the filled sheet, while words right of a row, and one merged cell whose
//! text starts in the label columns, are words beside the table. Any other rule (R4: a row of
//! table 四, printed as a group of five columns on its line of 15) is checked under its first
//! cell (the total it checks), on a line below the table.

use std::borrow::Cow;
use std::sync::OnceLock;

use gongkai_form::rules::{rules, Rule};
use gongkai_form::{Block, FormVersion, RuleId, Section};

/// A sheet position, 0-based: (row, column).
pub type At = (u32, u16);

/// A rectangle of cells, merged when it is more than one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: At,
    pub last: At,
}

impl Span {
    pub fn one(at: At) -> Span {
        Span {
            first: at,
            last: at,
        }
    }

    fn new(first: At, last: At) -> Span {
        Span { first, last }
    }

    /// More than one cell: merged on the sheet.
    pub fn is_merged(&self) -> bool {
        self.first != self.last
    }
}

/// What a text on the sheet is, for its look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The form's title line.
    Title,
    /// 填报单位, 年度: the words before the unit's and the year's input cells.
    Meta,
    /// A section heading (二、主动公开政府信息情况), above its table.
    Section,
    /// A table's header cell: an item heading, a column label, a header word or the R1 note.
    Header,
    /// A row label or a group of rows' label.
    Label,
    /// The label of a row or column of checks.
    Check,
}

/// A text written on the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub span: Span,
    pub text: Cow<'static, str>,
    pub role: Role,
}

/// A cell showing consistency checks: one rule's (right of a row of table 三, under a total of
/// table 四), or a line below a table naming each column a rule checks down that is off.
#[derive(Debug, Clone)]
pub struct Check {
    pub span: Span,
    pub rules: Vec<&'static Rule>,
    /// The rules' label, opening a line of checks.
    pub label: Option<&'static str>,
}

/// The form placed on a sheet.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub form: FormVersion,
    pub texts: Vec<Text>,
    /// The input cells of the form, by dense catalogue index: an item of table 二 narrower than
    /// the widest spans the rest of the row, as on the printed form.
    pub cells: Vec<Span>,
    /// The unit's name (an input cell right of 填报单位).
    pub unit: Span,
    /// The report year (an input cell right of 年度).
    pub year: At,
    /// Where the checks' summary is: how many of them fail.
    pub summary: Span,
    pub checks: Vec<Check>,
    /// Rows and columns used.
    pub rows: u32,
    pub columns: u16,
}

const INFO: &str = "信息内容";
const APPLICANTS: &str = "申请人情况";
const ORGANISATIONS: &str = "法人或其他组织";
const R1_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
const UNIT: &str = "填报单位";
const YEAR: &str = "年度";
const SUMMARY: &str = "勾稽关系校验（R1–R4，随填随算）";

/// Header lines of table 三: 申请人情况, then 自然人 · 法人或其他组织 · 总计, then its kinds.
const REQUEST_HEADER_LINES: u32 = 3;

/// Label columns left of tables 二 and 三 (table 三's rows nest three deep).
pub const LABEL_COLUMNS: u16 = 3;

/// The rules shown as checks: the form's own arithmetic, all errors. R5 is each cell's
/// validation; R6 (warnings of form 2019) and the rules between years are left to `validate`.
pub fn checked_rules(form: FormVersion) -> impl Iterator<Item = &'static Rule> {
    rules(form)
        .iter()
        .filter(|r| matches!(r.id, RuleId::R1 | RuleId::R2 | RuleId::R3 | RuleId::R4))
}

/// The short Chinese label of a rule shown beside its checks.
pub fn rule_label(id: RuleId) -> &'static str {
    match id {
        RuleId::R1 => "R1 校验：第一项加第二项之和＝第三项（七）总计加第四项",
        RuleId::R2 => "R2 校验：（七）总计＝（一）至（六）之和",
        RuleId::R3 => "R3 校验：总计＝各类申请人之和",
        RuleId::R4 => "R4 校验：总计＝前四列之和",
        _ => "校验",
    }
}

struct Placer {
    form: FormVersion,
    texts: Vec<Text>,
    cells: Vec<Option<Span>>,
}

impl Placer {
    fn text(&mut self, first: At, last: At, text: impl Into<Cow<'static, str>>, role: Role) {
        self.texts.push(Text {
            span: Span::new(first, last),
            text: text.into(),
            role,
        });
    }

    fn cell(&mut self, index: usize, first: At, last: At) {
        if let Some(slot) = self.cells.get_mut(index) {
            *slot = Some(Span::new(first, last));
        }
    }
}

/// Consecutive rows `from..` of `block` whose label paths share `path[..=depth]` with row `from`.
fn run(block: &Block, from: usize, depth: usize) -> usize {
    let key = &block.rows[from].path[..=depth];
    block.rows[from..]
        .iter()
        .take_while(|r| r.path.len() > depth && &r.path[..=depth] == key)
        .count()
}

/// Whether row `i` starts a new group at `depth` (the row before has another prefix).
fn starts(block: &Block, i: usize, depth: usize) -> bool {
    i == 0 || {
        let (prev, cur) = (block.rows[i - 1].path, block.rows[i].path);
        prev.len() <= depth || prev[..=depth] != cur[..=depth]
    }
}

/// Section 二: per item, its heading, a header line and one line per row. The narrower items'
/// last column spans the rest, so all items share one width as on the printed form.
fn active(p: &mut Placer, mut r: u32) -> u32 {
    let cat = p.form.catalogue();
    let blocks: Vec<(usize, &Block)> = cat
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.section == Section::Active)
        .collect();
    let width = blocks
        .iter()
        .map(|(_, b)| b.columns.len())
        .max()
        .unwrap_or(1) as u16;
    let last = LABEL_COLUMNS + width - 1;
    let span = |block: &Block, c: usize| -> (u16, u16) {
        let c0 = LABEL_COLUMNS + c as u16;
        if c + 1 == block.columns.len() {
            (c0, last)
        } else {
            (c0, c0)
        }
    };
    for (b, block) in blocks {
        if let Some(h) = block.heading {
            p.text((r, 0), (r, last), h, Role::Header);
            r += 1;
        }
        p.text((r, 0), (r, LABEL_COLUMNS - 1), INFO, Role::Header);
        for (c, column) in block.columns.iter().enumerate() {
            let (c0, c1) = span(block, c);
            p.text((r, c0), (r, c1), column.label, Role::Header);
        }
        r += 1;
        for (i, row) in block.rows.iter().enumerate() {
            let label = row.path.last().copied().unwrap_or(row.code);
            p.text((r, 0), (r, LABEL_COLUMNS - 1), label, Role::Label);
            for c in 0..block.columns.len() {
                let (c0, c1) = span(block, c);
                p.cell(cat.cell_index(b, i, c), (r, c0), (r, c1));
            }
            r += 1;
        }
    }
    r
}

/// Section 三: three header lines over the applicant columns, then the rows with their label
/// paths nested in up to three label columns, each group merged down the rows it covers.
fn requests(p: &mut Placer, mut r: u32) -> u32 {
    let cat = p.form.catalogue();
    let Some(b) = cat
        .blocks
        .iter()
        .position(|b| b.section == Section::Requests)
    else {
        return r;
    };
    let block = &cat.blocks[b];
    let n = block.columns.len() as u16;
    let h = REQUEST_HEADER_LINES;
    p.text(
        (r, 0),
        (r + h - 1, LABEL_COLUMNS - 1),
        R1_NOTE,
        Role::Header,
    );
    p.text(
        (r, LABEL_COLUMNS),
        (r, LABEL_COLUMNS + n - 1),
        APPLICANTS,
        Role::Header,
    );
    // Columns other than 自然人 and 总计 are the kinds of 法人或其他组织.
    let grouped = |code: &str| code != "natural_person" && code != "total";
    let mut c = 0usize;
    while c < block.columns.len() {
        let col = LABEL_COLUMNS + c as u16;
        if grouped(block.columns[c].code) {
            let k = block.columns[c..]
                .iter()
                .take_while(|x| grouped(x.code))
                .count();
            p.text(
                (r + 1, col),
                (r + 1, col + k as u16 - 1),
                ORGANISATIONS,
                Role::Header,
            );
            for (j, x) in block.columns[c..c + k].iter().enumerate() {
                let at = (r + 2, col + j as u16);
                p.text(at, at, x.label, Role::Header);
            }
            c += k;
        } else {
            p.text(
                (r + 1, col),
                (r + 2, col),
                block.columns[c].label,
                Role::Header,
            );
            c += 1;
        }
    }
    r += h;
    for (i, row) in block.rows.iter().enumerate() {
        let depth = row.path.len();
        for d in 0..depth.saturating_sub(1) {
            if starts(block, i, d) {
                let k = run(block, i, d) as u32;
                p.text(
                    (r, d as u16),
                    (r + k - 1, d as u16),
                    row.path[d],
                    Role::Label,
                );
            }
        }
        let first = depth.saturating_sub(1) as u16;
        let label = row.path.last().copied().unwrap_or(row.code);
        p.text((r, first), (r, LABEL_COLUMNS - 1), label, Role::Label);
        for c in 0..block.columns.len() {
            let col = LABEL_COLUMNS + c as u16;
            p.cell(cat.cell_index(b, i, c), (r, col), (r, col));
        }
        r += 1;
    }
    r
}

/// Section 四: the rows become column groups (行政复议 | 行政诉讼: 未经复议直接起诉, 复议后起诉),
/// each with its result columns, over one line of numbers.
fn appeals(p: &mut Placer, r: u32) -> u32 {
    let cat = p.form.catalogue();
    let Some(b) = cat
        .blocks
        .iter()
        .position(|b| b.section == Section::Appeals)
    else {
        return r;
    };
    let block = &cat.blocks[b];
    let n = block.columns.len() as u16;
    let depth = block.rows.iter().map(|x| x.path.len()).max().unwrap_or(1) as u32;
    for (i, row) in block.rows.iter().enumerate() {
        let c0 = i as u16 * n;
        for d in 0..row.path.len() {
            if starts(block, i, d) {
                let k = run(block, i, d) as u16;
                p.text(
                    (r + d as u32, c0),
                    (r + d as u32, c0 + k * n - 1),
                    row.path[d],
                    Role::Header,
                );
            }
        }
        let top = r + row.path.len() as u32;
        for (c, column) in block.columns.iter().enumerate() {
            let col = c0 + c as u16;
            p.text((top, col), (r + depth, col), column.label, Role::Header);
            let at = (r + depth + 1, col);
            p.cell(cat.cell_index(b, i, c), at, at);
        }
    }
    r + depth + 2
}

/// The sheet column right of a table's last input column, where checks along its rows go.
fn right_of(cells: &[Span], section: Section, form: FormVersion) -> u16 {
    form.catalogue()
        .cells_of(section)
        .filter_map(|c| cells.get(c.index))
        .map(|s| s.last.1 + 1)
        .max()
        .unwrap_or(0)
}

/// Places the checks of the rules on `section` right of its rows and on lines from row `r`
/// below it; returns the next free row.
fn checks(
    form: FormVersion,
    cells: &[Span],
    section: Section,
    r: u32,
    texts: &mut Vec<Text>,
    out: &mut Vec<Check>,
) -> u32 {
    let cat = form.catalogue();
    let at = |i: usize| cells.get(i).map(|s| s.first);
    let on = |rule: &Rule| {
        rule.lhs
            .first()
            .is_some_and(|&i| cat.cells[i].section == section)
    };
    let right = right_of(cells, section, form);
    let mut down: Vec<(RuleId, Vec<&'static Rule>)> = Vec::new();
    let mut under: Vec<(RuleId, Vec<(&'static Rule, At)>)> = Vec::new();
    let mut column: Option<(RuleId, u32)> = None;
    for rule in checked_rules(form).filter(|r| on(r)) {
        let places: Vec<At> = rule
            .lhs
            .iter()
            .chain(&rule.rhs)
            .filter_map(|&i| at(i))
            .collect();
        let Some(&anchor) = places.first() else {
            continue;
        };
        let one_column = places.iter().all(|p| p.1 == anchor.1);
        let one_row = places.iter().all(|p| p.0 == anchor.0);
        if one_column && !one_row {
            match down.iter_mut().find(|(id, _)| *id == rule.id) {
                Some((_, rules)) => rules.push(rule),
                None => down.push((rule.id, vec![rule])),
            }
        } else if one_row && section != Section::Appeals {
            // A table whose rows are sheet rows (三): checked right of each row.
            out.push(Check {
                span: Span::one((anchor.0, right)),
                rules: vec![rule],
                label: None,
            });
            if column.is_none_or(|(_, first)| anchor.0 < first) {
                column = Some((rule.id, anchor.0));
            }
        } else {
            match under.iter_mut().find(|(id, _)| *id == rule.id) {
                Some((_, list)) => list.push((rule, anchor)),
                None => under.push((rule.id, vec![(rule, anchor)])),
            }
        }
    }
    if let Some((id, first)) = column {
        // Over the column of checks, on the table's header lines.
        let top = first.saturating_sub(REQUEST_HEADER_LINES);
        texts.push(Text {
            span: Span::new((top, right), (first.saturating_sub(1), right)),
            text: Cow::Borrowed(rule_label(id)),
            role: Role::Check,
        });
    }
    let mut next = r;
    for (id, rules) in down {
        // One cell over the table's width: a check under each column would be a row of values
        // the form does not have, to a reader of the filled sheet.
        out.push(Check {
            span: Span::new((next, 0), (next, right.saturating_sub(1).max(1))),
            rules,
            label: Some(rule_label(id)),
        });
        next += 1;
    }
    for (id, list) in under {
        for (rule, anchor) in list {
            out.push(Check {
                span: Span::one((next, anchor.1)),
                rules: vec![rule],
                label: None,
            });
            // Labelled left of it, over the other columns of its group.
            let group = (rule.lhs.len() + rule.rhs.len()) as u16;
            let c0 = (anchor.1 + 1).saturating_sub(group);
            if anchor.1 > c0 {
                texts.push(Text {
                    span: Span::new((next, c0), (next, anchor.1 - 1)),
                    text: Cow::Borrowed(rule_label(id)),
                    role: Role::Check,
                });
            }
        }
        next += 1;
    }
    next
}

/// The form placed on a sheet, placed once per form: a benchmark writes 10,000 workbooks.
pub fn placed(form: FormVersion) -> &'static Sheet {
    static F2019: OnceLock<Sheet> = OnceLock::new();
    static F2021: OnceLock<Sheet> = OnceLock::new();
    match form {
        FormVersion::F2019 => F2019.get_or_init(|| place(form)),
        FormVersion::F2021 => F2021.get_or_init(|| place(form)),
    }
}

/// The form placed on a sheet: title, the unit's and year's cells, the three tables and the
/// checks beside them.
pub fn place(form: FormVersion) -> Sheet {
    let cat = form.catalogue();
    let mut p = Placer {
        form,
        texts: Vec::new(),
        cells: vec![None; cat.len()],
    };
    // Table 四's line of 15 is the widest part of the form.
    let width = cat.block_of(Section::Appeals).columns.len() as u16
        * cat.block_of(Section::Appeals).rows.len() as u16;
    p.text(
        (0, 0),
        (0, width - 1),
        format!("政府信息公开工作年度报告统计表（{}）", form.notice()),
        Role::Title,
    );
    p.text((1, 0), (1, 0), UNIT, Role::Meta);
    let unit = Span::new((1, 1), (1, LABEL_COLUMNS + 2));
    p.text((2, 0), (2, 0), YEAR, Role::Meta);
    let year = (2, 1);
    p.text((3, 0), (3, LABEL_COLUMNS - 1), SUMMARY, Role::Check);
    let summary = Span::new((3, LABEL_COLUMNS), (3, LABEL_COLUMNS + 2));
    let mut r = 5;
    let mut texts = Vec::new();
    let mut checks_out = Vec::new();
    for section in Section::ALL {
        p.text((r, 0), (r, 0), section.heading(), Role::Section);
        r += 1;
        r = match section {
            Section::Active => active(&mut p, r),
            Section::Requests => requests(&mut p, r),
            Section::Appeals => appeals(&mut p, r),
        };
        let cells: Vec<Span> = p
            .cells
            .iter()
            .map(|s| s.unwrap_or(Span::one((0, 0))))
            .collect();
        r = checks(form, &cells, section, r, &mut texts, &mut checks_out) + 1;
    }
    p.texts.extend(texts);
    let cells: Vec<Span> = p
        .cells
        .into_iter()
        .map(|s| s.unwrap_or(Span::one((0, 0))))
        .collect();
    let columns = p
        .texts
        .iter()
        .map(|t| t.span.last.1 + 1)
        .chain(checks_out.iter().map(|c| c.span.last.1 + 1))
        .max()
        .unwrap_or(width);
    Sheet {
        form,
        texts: p.texts,
        cells,
        unit,
        year,
        summary,
        checks: checks_out,
        rows: r,
        columns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every sheet position a span covers.
    fn covered(span: Span) -> impl Iterator<Item = At> {
        (span.first.0..=span.last.0)
            .flat_map(move |r| (span.first.1..=span.last.1).map(move |c| (r, c)))
    }

    #[test]
    fn nothing_is_written_over_anything_else() {
        for form in FormVersion::ALL {
            let sheet = place(form);
            let mut seen: std::collections::HashMap<At, String> = Default::default();
            let mut claim = |span: Span, what: String| {
                assert!(span.first.0 <= span.last.0 && span.first.1 <= span.last.1);
                for at in covered(span) {
                    if let Some(before) = seen.insert(at, what.clone()) {
                        panic!("{form}: {what} over {before} at {at:?}");
                    }
                }
            };
            for t in &sheet.texts {
                claim(t.span, t.text.to_string());
            }
            for (i, s) in sheet.cells.iter().enumerate() {
                claim(*s, form.catalogue().cells[i].code());
            }
            for c in &sheet.checks {
                claim(c.span, format!("check {:?}", c.rules[0].id));
            }
            claim(sheet.unit, "unit".into());
            claim(Span::one(sheet.year), "year".into());
            claim(sheet.summary, "summary".into());
            assert!(seen
                .keys()
                .all(|&(r, c)| r < sheet.rows && c < sheet.columns));
        }
    }

    #[test]
    fn cells_follow_the_catalogue_row_by_row() {
        for form in FormVersion::ALL {
            let sheet = place(form);
            let cat = form.catalogue();
            // Table 四 is one line; the others are read row by row, left to right.
            let mut by_place: Vec<usize> = (0..cat.len()).collect();
            by_place.sort_by_key(|&i| sheet.cells[i].first);
            assert_eq!(by_place, (0..cat.len()).collect::<Vec<_>>(), "{form}");
            // Each row of the form on one sheet row, each column of 三 in one sheet column.
            for cell in cat.cells_of(Section::Requests) {
                let at = sheet.cells[cell.index].first;
                let first = cat.cell_index(cell.block, 0, 0);
                let col = cat.blocks[cell.block]
                    .columns
                    .iter()
                    .position(|c| c.code == cell.column.code)
                    .unwrap_or(0);
                assert_eq!(at.1, sheet.cells[first].first.1 + col as u16);
            }
        }
    }

    #[test]
    fn every_rule_r1_to_r4_is_shown_once() {
        for form in FormVersion::ALL {
            let sheet = place(form);
            let shown: usize = sheet.checks.iter().map(|c| c.rules.len()).sum();
            assert_eq!(shown, checked_rules(form).count(), "{form}");
            // R3 beside the rows of 三, R1 and R2 a line each, R4 a cell per group of 四.
            let cells = |id| {
                sheet
                    .checks
                    .iter()
                    .filter(|c| c.rules.iter().any(|r| r.id == id))
                    .count()
            };
            let rows = cat_rows(form);
            assert_eq!(
                (
                    cells(RuleId::R1),
                    cells(RuleId::R2),
                    cells(RuleId::R3),
                    cells(RuleId::R4)
                ),
                (1, 1, rows, 3),
                "{form}"
            );
        }
    }

    fn cat_rows(form: FormVersion) -> usize {
        form.catalogue().block_of(Section::Requests).rows.len()
    }
}
