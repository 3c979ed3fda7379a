//! Locating the three tables of a report page and every cell in them, by headings and labels.
//!
//! The input is rows of cell texts: a table's rows with their grid columns (HTML, where header
//! lines give each column's position), or regrouped text (a run of labels, then the run of
//! values after it). Headings (`二、主动公开政府信息情况`, `第二十条第（一）项`) and header words
//! (`信息内容`, `申请人情况`, `行政复议`) set the table; the row label names the row; the header
//! positions, else the order of the template's columns, name the column. Nothing here assumes
//! where on the page a table is.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use gongkai_form::label::{match_section_heading, normalise, RowMatch};
use gongkai_form::{parse_value, Catalogue, FormVersion, Section, ValueKind};

use crate::{kind_of, Cell, Kind, Row};
use gongkai_report::value_problem;
use gongkai_report::{Finding, Layout, UnitReport};

/// What the reader made of a page's rows.
#[derive(Debug)]
pub(crate) struct Located {
    pub report: UnitReport,
    pub diagnostics: Vec<Finding>,
    /// Sections whose table (heading, header or a row) was seen.
    pub seen: Vec<Section>,
    /// Cells whose text could not be read as a value (an error each).
    pub bad_cells: usize,
}

/// The section a heading names: the template's heading exactly (numbering and brackets aside),
/// or a short line that says the same.
pub(crate) fn section_heading(text: &str) -> Option<Section> {
    if let Some(s) = match_section_heading(text) {
        return Some(s);
    }
    let key = normalise(text);
    if key.chars().count() > 30 {
        return None;
    }
    if key.contains("主动公开政府信息情况") || key == "主动公开政府信息" {
        Some(Section::Active)
    } else if key.contains("收到和处理政府信息公开申请情况") {
        Some(Section::Requests)
    } else if key.contains("行政复议") && key.contains("行政诉讼") && key.contains("情况")
    {
        Some(Section::Appeals)
    } else {
        None
    }
}

/// The item of article 20 a heading names: `第二十条第（五）项` → 5.
pub(crate) fn item_heading(text: &str) -> Option<u32> {
    let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = s.strip_prefix("第二十条")?;
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let inner = rest.strip_suffix('项')?;
    let inner = inner.trim_matches(|c| "()（）〔〕".contains(c));
    let n = match inner {
        "一" => 1,
        "二" => 2,
        "三" => 3,
        "四" => 4,
        "五" => 5,
        "六" => 6,
        "七" => 7,
        "八" => 8,
        "九" => 9,
        "十" => 10,
        "十一" => 11,
        "十二" => 12,
        "十三" => 13,
        "十四" => 14,
        "十五" => 15,
        _ => inner.parse().ok()?,
    };
    Some(n)
}

/// Units of measure a count cell may carry (`3件`), read as the bare number.
const COUNT_UNITS: &[&str] = &[
    "人次", "件", "个", "项", "条", "次", "人", "宗", "起", "份", "家", "篇",
];

/// Words a value cell may hold for "none": read as a blank cell.
pub(crate) fn is_none_word(text: &str) -> bool {
    matches!(text.trim(), "无" | "空" | "暂无" | "／" | "\\")
}

const APPLICANT_WORDS: &[&str] = &[
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
];
const APPEAL_WORDS: &[&str] = &["结果维持", "结果纠正", "其他结果", "尚未审结"];

/// The table a line of header words belongs to, from words only that table has.
fn header_sign(cat: &Catalogue, texts: &[String]) -> Option<Section> {
    let has = |w: &str| texts.iter().any(|t| t == w);
    let count = |ws: &[&str]| ws.iter().filter(|w| has(w)).count();
    if (has("行政复议") && has("行政诉讼"))
        || has("未经复议直接起诉")
        || has("复议后起诉")
        || count(APPEAL_WORDS) >= 2
    {
        return Some(Section::Appeals);
    }
    if has("申请人情况") || has("法人或其他组织") || count(APPLICANT_WORDS) >= 2 {
        return Some(Section::Requests);
    }
    if has("信息内容")
        || texts.iter().any(|t| {
            !cat.labels()
                .match_column(cat, Section::Active, t)
                .is_empty()
        })
    {
        return Some(Section::Active);
    }
    None
}

/// A matched row label: which row, and how many label cells (from the end) it used.
#[derive(Debug)]
enum Label {
    Row {
        section: Section,
        block: usize,
        row: usize,
        text: String,
        /// Read as this row although the label differs a little (a typo): the row's label.
        close: Option<&'static str>,
    },
    Group(String),
    Ambiguous(Vec<&'static str>, String),
    Unknown(String),
    None,
}

struct Reader<'a> {
    cat: &'static Catalogue,
    form: FormVersion,
    file: &'a Arc<PathBuf>,
    report: UnitReport,
    diags: Vec<Finding>,
    section: Option<Section>,
    context: Option<String>,
    /// The HTML table the header positions belong to.
    table: Option<usize>,
    /// (block, column) → grid column, from the current table's header lines.
    positions: HashMap<(usize, usize), usize>,
    /// Grid column → the header words above it in table 四 (normalised, top first).
    appeal_heads: BTreeMap<usize, Vec<String>>,
    appeal_positions: Option<Vec<usize>>,
    /// Values of table 四 gathered over rows without labels, until there are 15.
    appeal_pending: Vec<(Cell, Place)>,
    appeals_done: bool,
    seen: Vec<Section>,
    bad_cells: usize,
    /// Rows and cells carry lines of the file (copied text), not ordinals (HTML).
    text_lines: bool,
    /// (table, grid column) of values outside the header's columns, already warned about.
    stray_columns: HashSet<(Option<usize>, usize)>,
    /// The row being read was matched by a label close to the form's, not the form's own.
    reading_close: bool,
    /// Cells read from such rows: a row with the form's own label later replaces them.
    close_cells: HashSet<usize>,
}

/// Where a row is, for messages: an HTML table row, or a line of text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place {
    table: Option<(usize, usize)>,
    line: u32,
}

impl Place {
    fn of(row: &Row) -> Place {
        Place {
            table: row.table,
            line: row.line,
        }
    }

    fn prefix(&self) -> String {
        match self.table {
            Some((t, r)) => format!("table {t}, row {r}: "),
            None => String::new(),
        }
    }
}

pub(crate) fn locate(
    rows: &[Row],
    form: FormVersion,
    unit: &str,
    year: i32,
    file: &Arc<PathBuf>,
    text_lines: bool,
) -> Located {
    let cat = form.catalogue();
    let mut r = Reader {
        cat,
        form,
        file,
        report: UnitReport::empty(unit.to_string(), year, form, Arc::clone(file), Layout::Grid),
        diags: Vec::new(),
        section: None,
        context: None,
        table: None,
        positions: HashMap::new(),
        appeal_heads: BTreeMap::new(),
        appeal_positions: None,
        appeal_pending: Vec::new(),
        appeals_done: false,
        seen: Vec::new(),
        bad_cells: 0,
        text_lines,
        stray_columns: HashSet::new(),
        reading_close: false,
        close_cells: HashSet::new(),
    };
    for row in rows {
        r.row(row);
    }
    r.flush_appeals();
    Located {
        report: r.report,
        diagnostics: r.diags,
        seen: r.seen,
        bad_cells: r.bad_cells,
    }
}

impl Reader<'_> {
    /// A diagnostic at `place`: with its line when the page is text (HTML rows say their
    /// table and row in the message instead).
    fn diag(&self, error: bool, place: Place, col: Option<usize>, message: String) -> Finding {
        let message = format!("{}{message}", place.prefix());
        let d = if error {
            Finding::error(self.file, message)
        } else {
            Finding::warning(self.file, message)
        };
        let d = if self.text_lines {
            d.at(place.line, col.map(|c| c as u32 + 1))
        } else {
            d
        };
        d.unit(&self.report.unit, Some(self.report.year))
    }

    fn warn(&mut self, place: Place, col: Option<usize>, message: String) -> &mut Finding {
        let d = self.diag(false, place, col, message);
        self.diags.push(d);
        let last = self.diags.len() - 1;
        &mut self.diags[last]
    }

    fn enter(&mut self, s: Section) {
        if self.section != Some(s) {
            self.context = None;
        }
        self.section = Some(s);
        if !self.seen.contains(&s) {
            self.seen.push(s);
        }
    }

    /// The leftmost column the current table's header gives a value column of the current
    /// section.
    fn min_position(&self) -> Option<usize> {
        let section = self.section?;
        self.positions
            .iter()
            .filter(|((b, _), _)| self.cat.blocks[*b].section == section)
            .map(|(_, p)| *p)
            .min()
    }

    /// Whether the reader may move to `s` on the strength of header words: forward through the
    /// report, or back to a table nothing was read from yet.
    fn may_enter(&self, s: Section) -> bool {
        match self.section {
            None => true,
            Some(cur) if s >= cur => true,
            Some(_) => !self.cat.cells_of(s).any(|c| self.report.present(c.index)),
        }
    }

    fn row(&mut self, row: &Row) {
        let table = row.table.map(|(t, _)| t);
        if table != self.table {
            self.table = table;
            self.positions.clear();
            self.appeal_heads.clear();
            self.appeal_positions = None;
        }
        let kinds: Vec<Kind> = row.cells.iter().map(|c| kind_of(&c.text)).collect();
        // Headings anywhere in the row set the table; labels start after the last one.
        let mut start = 0;
        for (i, c) in row.cells.iter().enumerate() {
            if kinds[i] != Kind::Text || !c.first {
                continue;
            }
            if let Some(s) = section_heading(&c.text) {
                if self.section == Some(Section::Appeals) && s != Section::Appeals {
                    self.flush_appeals();
                }
                self.enter(s);
                start = i + 1;
            } else if item_heading(&c.text).is_some() {
                if self.section.is_none_or(|s| s == Section::Active)
                    || self.may_enter(Section::Active)
                {
                    self.enter(Section::Active);
                }
                start = i + 1;
            }
        }
        let positional = row.table.is_some();
        let first_value = (start..row.cells.len()).find(|&i| kinds[i] == Kind::Value);
        let mut label_end = (start..first_value.unwrap_or(row.cells.len()))
            .rev()
            .find(|&i| kinds[i] == Kind::Text)
            .map_or(start, |i| i + 1);
        // Where the table's header says values start, words in value columns (a typo, a note)
        // are bad values, not part of the label.
        if let Some(min) = self.min_position().filter(|_| positional) {
            let at = row
                .cells
                .iter()
                .position(|c| c.col >= min)
                .unwrap_or(row.cells.len());
            if at >= start && at < label_end && (start..at).all(|i| kinds[i] != Kind::Value) {
                label_end = at;
            }
        }
        let label_cells: Vec<&Cell> = (start..label_end)
            .filter(|&i| kinds[i] == Kind::Text && row.cells[i].first)
            .map(|i| &row.cells[i])
            .filter(|c| !normalise(&c.text).is_empty())
            .collect();
        let mut labels: Vec<&str> = Vec::new();
        for c in &label_cells {
            if labels.last() != Some(&&*c.text) {
                labels.push(&c.text);
            }
        }
        if first_value.is_none() {
            self.row_without_numbers(row, &kinds, start, label_end, &labels);
            return;
        }
        // Text copies: header words before the label move to their table.
        if !positional && labels.len() > 1 {
            let heads: Vec<String> = labels[..labels.len() - 1]
                .iter()
                .map(|t| normalise(t))
                .collect();
            if let Some(s) = header_sign(self.cat, &heads) {
                if self.section != Some(s) && self.may_enter(s) {
                    if self.section == Some(Section::Appeals) {
                        self.flush_appeals();
                    }
                    self.enter(s);
                }
            }
        }
        self.data_row(row, label_end, &labels);
    }

    /// A row with no numbers: a header line (positions), a group heading, or a row of the form
    /// whose cells are all blank.
    fn row_without_numbers(
        &mut self,
        row: &Row,
        kinds: &[Kind],
        start: usize,
        label_end: usize,
        labels: &[&str],
    ) {
        let texts: Vec<String> = row.cells[start..]
            .iter()
            .zip(&kinds[start..])
            .filter(|(_, k)| **k == Kind::Text)
            .map(|(c, _)| normalise(&c.text))
            .filter(|t| !t.is_empty())
            .collect();
        let sign = header_sign(self.cat, &texts);
        if let Some(s) = sign.filter(|s| self.may_enter(*s)) {
            if self.section != Some(s) {
                if self.section == Some(Section::Appeals) {
                    self.flush_appeals();
                }
                self.enter(s);
            }
        }
        let Some(section) = self.section else {
            return;
        };
        let has_cells_after = row.cells[label_end..].iter().any(|c| c.first);
        let label = self.match_label(labels);
        // A row of the form with every cell blank (`3.其他` is a row here, though 其他 is also
        // a column).
        if sign.is_none() && has_cells_after {
            if let Label::Row {
                section: s,
                block,
                row: r,
                text,
                close,
            } = label
            {
                if s != section {
                    self.enter(s);
                }
                self.note_close(row, &text, close);
                self.read_row(row, label_end, block, r, &text);
                return;
            }
        }
        let is_header = sign.is_some()
            || row.cells[start..].iter().any(|c| {
                !self
                    .cat
                    .labels()
                    .match_column(self.cat, section, &c.text)
                    .is_empty()
            });
        if is_header && row.table.is_some() {
            self.header_positions(row, section);
        }
        if let Label::Group(g) = label {
            if !is_header {
                self.context = Some(g);
            }
        }
    }

    /// Records where each column of `section` sits, from a header line of an HTML table.
    fn header_positions(&mut self, row: &Row, section: Section) {
        for c in &row.cells {
            let key = normalise(&c.text);
            if section == Section::Appeals {
                let stack = self.appeal_heads.entry(c.col).or_default();
                if !key.is_empty() && stack.last() != Some(&key) {
                    stack.push(key);
                }
                continue;
            }
            if !c.first {
                continue;
            }
            for (b, col) in self.cat.labels().match_column(self.cat, section, &c.text) {
                self.positions.insert((b, col), c.col);
            }
        }
        if section == Section::Appeals {
            self.appeal_positions = self.appeal_columns();
        }
    }

    /// The grid column of each of table 四's 15 cells, from the header words above them.
    fn appeal_columns(&self) -> Option<Vec<usize>> {
        let block = self.appeals_block();
        let rows = self.cat.blocks[block].rows;
        let cols = self.cat.blocks[block].columns;
        let mut found: Vec<Option<usize>> = vec![None; 15];
        for (&grid_col, heads) in &self.appeal_heads {
            let has = |w: &str| heads.iter().any(|h| h == w);
            let row = if has("未经复议直接起诉") {
                rows.iter().position(|r| r.code == "litigation_direct")
            } else if has("复议后起诉") {
                rows.iter()
                    .position(|r| r.code == "litigation_after_reconsideration")
            } else if has("行政复议") {
                rows.iter().position(|r| r.code == "reconsideration")
            } else {
                None
            };
            let col = heads.last().and_then(|h| {
                cols.iter()
                    .position(|c| normalise(c.label) == *h || (c.code == "total" && h == "合计"))
            });
            if let (Some(r), Some(c)) = (row, col) {
                let i = r * cols.len() + c;
                if found[i].is_none() {
                    found[i] = Some(grid_col);
                }
            }
        }
        found.into_iter().collect()
    }

    fn appeals_block(&self) -> usize {
        self.cat
            .blocks
            .iter()
            .position(|b| b.section == Section::Appeals)
            .unwrap_or(0)
    }

    /// Matches the label cells of a row: the longest run of them, from the end, that names a row
    /// of the current table (else of another table, when unmistakable).
    fn match_label(&self, labels: &[&str]) -> Label {
        if labels.is_empty() {
            return Label::None;
        }
        let sections: Vec<Section> = match self.section {
            Some(s) => {
                let mut v = vec![s];
                v.extend(Section::ALL.into_iter().filter(|x| *x != s));
                v
            }
            None => vec![Section::Active, Section::Requests],
        };
        let n = labels.len();
        let mut group: Option<String> = None;
        let mut ambiguous: Option<(Vec<&'static str>, String)> = None;
        for (si, &section) in sections.iter().enumerate() {
            for k in (1..=n.min(4)).rev() {
                let text: String = labels[n - k..].concat();
                let key = normalise(&text);
                if key.is_empty() {
                    continue;
                }
                // In another table than the current one, words that are columns here (总计,
                // 其他) or rows of table 四 (which are headers on the page) say nothing.
                if si > 0 {
                    let cur = self.section.unwrap_or(Section::Active);
                    if !self
                        .cat
                        .labels()
                        .match_column(self.cat, cur, &text)
                        .is_empty()
                        || section == Section::Appeals
                    {
                        continue;
                    }
                }
                let context = labels[..n - k]
                    .iter()
                    .rev()
                    .find_map(
                        |l| match self.cat.labels().match_row(self.cat, section, l, None) {
                            RowMatch::Group(g) => Some(g),
                            _ => None,
                        },
                    )
                    .or_else(|| self.context.clone());
                match self
                    .cat
                    .labels()
                    .match_row(self.cat, section, &text, context.as_deref())
                {
                    RowMatch::Row { block, row } => {
                        return Label::Row {
                            section,
                            block,
                            row,
                            text: labels[n - k..].join(" "),
                            close: None,
                        }
                    }
                    RowMatch::Group(g) if si == 0 && k == 1 => {
                        group.get_or_insert(g);
                    }
                    RowMatch::Ambiguous(codes) if si == 0 => {
                        ambiguous.get_or_insert((codes, text));
                    }
                    _ => {}
                }
            }
        }
        if let Some((codes, text)) = ambiguous {
            return Label::Ambiguous(codes, text);
        }
        if let Some(g) = group {
            return Label::Group(g);
        }
        if let Some((section, block, row, meant)) = self.close_row(labels[n - 1]) {
            return Label::Row {
                section,
                block,
                row,
                text: labels[n - 1].to_string(),
                close: Some(meant),
            };
        }
        Label::Unknown(labels[n - 1].to_string())
    }

    /// The row whose label is within a few characters of `label` (a typo such as
    /// 属于三类内容事务信息 for 属于三类内部事务信息), if exactly one is that close.
    fn close_row(&self, label: &str) -> Option<(Section, usize, usize, &'static str)> {
        let key = normalise(label);
        let len = key.chars().count();
        if !(4..=60).contains(&len) {
            return None;
        }
        let allowed = (len / 6).max(1);
        let sections = match self.section {
            Some(Section::Appeals) => return None,
            Some(s) => vec![s],
            None => vec![Section::Active, Section::Requests],
        };
        // Every row of the sections in question, with its label and aliases, normalised.
        let rows = || {
            self.cat
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, block)| sections.contains(&block.section))
                .flat_map(|(b, block)| {
                    block.rows.iter().enumerate().map(move |(r, row)| {
                        let last = row.path[row.path.len() - 1];
                        let names: Vec<String> = std::iter::once(last)
                            .chain(row.aliases.iter().copied())
                            .map(normalise)
                            .collect();
                        (block.section, b, r, last, names)
                    })
                })
        };
        let mut best: Option<(usize, Section, usize, usize, &'static str)> = None;
        let mut tie = false;
        for (section, b, r, last, names) in rows() {
            let d = names
                .iter()
                .map(|name| strsim::levenshtein(&key, name))
                .min()
                .unwrap_or(usize::MAX);
            match best {
                Some((bd, ..)) if d > bd => {}
                Some((bd, _, bb, br, _)) if d == bd => tie |= (bb, br) != (b, r),
                _ => {
                    best = Some((d, section, b, r, last));
                    tie = false;
                }
            }
        }
        if let Some((d, s, b, r, last)) = best {
            if d <= allowed && !tie {
                return Some((s, b, r, last));
            }
        }
        // A row label with a word or two more (`行政许可事项`, `行政处罚决定`).
        let mut within: Vec<(Section, usize, usize, &'static str)> = Vec::new();
        for (section, b, r, last, names) in rows() {
            let hit = names.iter().any(|name| {
                let n = name.chars().count();
                n >= 4 && len <= n + 3 && key.contains(name.as_str())
            });
            if hit && !within.iter().any(|(_, bb, rr, _)| (*bb, *rr) == (b, r)) {
                within.push((section, b, r, last));
            }
        }
        match within[..] {
            [one] => Some(one),
            _ => None,
        }
    }

    fn data_row(&mut self, row: &Row, label_end: usize, labels: &[&str]) {
        let place = Place::of(row);
        if self.section == Some(Section::Appeals) {
            let block = self.appeals_block();
            // Table 四 printed as three labelled rows of five.
            if let Some(last) = labels.last() {
                if let RowMatch::Row { block: b, row: r } = self.cat.labels().match_row(
                    self.cat,
                    Section::Appeals,
                    last,
                    self.context.as_deref(),
                ) {
                    if b == block && self.values_after(row, label_end).len() <= 6 {
                        let text = last.to_string();
                        self.read_row(row, label_end, b, r, &text);
                        return;
                    }
                }
            }
            match self.match_label(labels) {
                Label::Row {
                    section,
                    block,
                    row: r,
                    text,
                    close: None,
                } if section != Section::Appeals => {
                    self.flush_appeals();
                    self.enter(section);
                    self.read_row(row, label_end, block, r, &text);
                }
                _ => {
                    if !self.appeals_done {
                        self.appeals_line(row, label_end);
                    }
                }
            }
            return;
        }
        let values = self.values_after(row, label_end);
        let numbers = values
            .iter()
            .filter(|c| kind_of(&c.text) != Kind::Blank)
            .count();
        match self.match_label(labels) {
            Label::Row {
                section,
                block,
                row: r,
                text,
                close,
            } => {
                if self.section != Some(section) {
                    self.enter(section);
                }
                self.note_close(row, &text, close);
                self.read_row(row, label_end, block, r, &text);
            }
            Label::Group(g) => {
                if numbers > 0 {
                    let shown: Vec<&str> = values.iter().map(|c| c.text.trim()).collect();
                    let d = self.warn(
                        place,
                        Some(values[0].col),
                        format!(
                            "values on the group heading {:?}, which is not a row of form {}; not read",
                            labels.last().copied().unwrap_or(""),
                            self.form
                        ),
                    );
                    d.found = Some(shown.join(" "));
                }
                self.context = Some(g);
            }
            Label::Ambiguous(codes, text) => {
                if numbers > 0 {
                    self.warn(
                        place,
                        None,
                        format!(
                            "row label {:?} fits several rows ({}); its values are not read",
                            text.trim(),
                            codes.join(", ")
                        ),
                    );
                }
            }
            Label::Unknown(text) => {
                let inside = self.section.is_some() && !self.appeals_done;
                if numbers > 0 && inside && text.chars().count() <= 80 {
                    let shown: Vec<&str> = values.iter().map(|c| c.text.trim()).collect();
                    let section = self.section.map_or("", Section::code);
                    let d = self.warn(
                        place,
                        Some(values[0].col),
                        format!(
                            "row not in form {} (table {section}): {:?}; its {numbers} value(s) are not read",
                            self.form,
                            text.replace('\n', " ")
                        ),
                    );
                    d.found = Some(shown.join(" "));
                }
            }
            Label::None => {
                if numbers > 0 && self.section.is_some() && !self.appeals_done {
                    let shown: Vec<&str> = values.iter().map(|c| c.text.trim()).collect();
                    let d = self.warn(
                        place,
                        Some(values[0].col),
                        format!("{numbers} value(s) without a row label; not read"),
                    );
                    d.found = Some(shown.join(" "));
                }
            }
        }
    }

    /// Says so when a row was matched by a label close to the form's, not the form's own.
    fn note_close(&mut self, row: &Row, text: &str, close: Option<&'static str>) {
        self.reading_close = close.is_some();
        if let Some(meant) = close {
            self.warn(
                Place::of(row),
                None,
                format!(
                    "row label {:?} is not the form's; read as {meant:?}, the closest",
                    text.replace('\n', " ")
                ),
            );
        }
    }

    /// The value cells of a row after its labels, one per cell (colspans once).
    fn values_after<'r>(&self, row: &'r Row, label_end: usize) -> Vec<&'r Cell> {
        row.cells[label_end..].iter().filter(|c| c.first).collect()
    }

    /// The cells holding the `n` values of a row: at the header's columns when the header gave
    /// them and they fit the row, else the cells after the label in order.
    fn cells_for<'r>(
        &mut self,
        row: &'r Row,
        label_end: usize,
        header: Option<Vec<usize>>,
        n: usize,
        what: &str,
    ) -> Option<Vec<Option<&'r Cell>>> {
        let place = Place::of(row);
        let label_col = row.cells[..label_end].iter().map(|c| c.col).max();
        if let Some(pos) = header {
            let fits = pos.iter().all(|p| label_col.is_none_or(|l| *p > l))
                && pos.iter().all(|p| {
                    row.cells
                        .iter()
                        .find(|c| c.col == *p)
                        .is_some_and(|c| c.first)
                });
            if fits {
                let cells: Vec<Option<&Cell>> = pos
                    .iter()
                    .map(|p| row.cells.iter().find(|c| c.col == *p))
                    .collect();
                let stray: Vec<&Cell> = row.cells[label_end..]
                    .iter()
                    .filter(|c| c.first && !pos.contains(&c.col))
                    .filter(|c| kind_of(&c.text) == Kind::Value)
                    .collect();
                // A column the form does not have (a 小计) is said once per table.
                let table = self.table;
                let new: Vec<&Cell> = stray
                    .into_iter()
                    .filter(|c| self.stray_columns.insert((table, c.col)))
                    .collect();
                if let Some(first) = new.first() {
                    let shown: Vec<&str> = new.iter().map(|c| c.text.trim()).collect();
                    let col = first.col;
                    let d = self.warn(
                        place,
                        Some(col),
                        format!(
                            "{} value(s) outside the columns of {what}; not read (nor in the \
                             same column below)",
                            new.len()
                        ),
                    );
                    d.found = Some(shown.join(" "));
                }
                return Some(cells);
            }
        }
        let mut values = self.values_after(row, label_end);
        let blank = |c: &&Cell| kind_of(&c.text) == Kind::Blank;
        while values.len() > n && values.last().is_some_and(blank) {
            values.pop();
        }
        while values.len() > n && values.first().is_some_and(blank) {
            values.remove(0);
        }
        if values.len() > n {
            let extra = &values[n..];
            let shown: Vec<&str> = extra.iter().map(|c| c.text.trim()).collect();
            let col = extra[0].col;
            let d = self.warn(
                place,
                Some(col),
                format!(
                    "{} value(s) past the {n} column(s) of {what}; not read",
                    extra.len()
                ),
            );
            d.found = Some(shown.join(" "));
            values.truncate(n);
        }
        if values.len() < n {
            if row.table.is_none() {
                // In copied text an empty cell may leave no trace: which one is missing cannot
                // be told, so none of the row is read.
                let shown: Vec<&str> = values.iter().map(|c| c.text.trim()).collect();
                let d = self
                    .diag(
                        true,
                        place,
                        None,
                        format!(
                            "{} value(s) for the {n} column(s) of {what}: cannot tell which cell is empty; row not read",
                            values.len()
                        ),
                    )
                    .found(shown.join(" "), format!("{n} values (write an empty cell as -)"));
                self.diags.push(d);
                self.bad_cells += 1;
                return None;
            }
            let got = values.len();
            self.warn(
                place,
                None,
                format!(
                    "only {got} cell(s) for the {n} column(s) of {what}; the last are not found"
                ),
            );
        }
        let mut out: Vec<Option<&Cell>> = values.into_iter().map(Some).collect();
        out.resize(n, None);
        Some(out)
    }

    fn read_row(&mut self, row: &Row, label_end: usize, block: usize, r: usize, label: &str) {
        self.read_row_cells(row, label_end, block, r, label);
        self.reading_close = false;
    }

    fn read_row_cells(&mut self, row: &Row, label_end: usize, block: usize, r: usize, label: &str) {
        let cat = self.cat;
        let def = &cat.blocks[block].rows[r];
        let ncols = cat.blocks[block].columns.len();
        if def.path.len() > 1 {
            self.context = Some(normalise(def.path[def.path.len() - 2]));
        }
        if self.form == FormVersion::F2021
            && def.code == "normative_documents"
            && normalise(label) == "规范性文件"
        {
            self.warn(
                Place::of(row),
                None,
                "old label 规范性文件 (form 2019) in a form 2021 table; read as 行政规范性文件"
                    .to_string(),
            );
        }
        let header: Option<Vec<usize>> = (0..ncols)
            .map(|c| self.positions.get(&(block, c)).copied())
            .collect();
        let what = format!("row {}", def.code);
        let Some(cells) = self.cells_for(row, label_end, header, ncols, &what) else {
            return;
        };
        let place = Place::of(row);
        for (c, cell) in cells.into_iter().enumerate() {
            let index = cat.cell_index(block, r, c);
            if let Some(cell) = cell {
                self.read_cell(index, cell, place);
            }
        }
    }

    /// The line of 15 numbers of table 四 (or part of it, when a page breaks it over rows).
    fn appeals_line(&mut self, row: &Row, label_end: usize) {
        let place = Place::of(row);
        if let Some(pos) = self.appeal_positions.clone() {
            if let Some(cells) = self.cells_for(row, label_end, Some(pos), 15, "table 四") {
                let block = self.appeals_block();
                let start = self.cat.cell_index(block, 0, 0);
                for (i, cell) in cells.into_iter().enumerate() {
                    if let Some(cell) = cell {
                        self.read_cell(start + i, cell, place);
                    }
                }
                self.appeals_done = true;
            }
            return;
        }
        for c in self.values_after(row, label_end) {
            self.appeal_pending.push((c.clone(), place));
        }
        if self.appeal_pending.len() >= 15 {
            self.flush_appeals();
        }
    }

    /// Reads the values of table 四 gathered so far.
    fn flush_appeals(&mut self) {
        if self.appeal_pending.is_empty() || self.appeals_done {
            return;
        }
        let mut values = std::mem::take(&mut self.appeal_pending);
        let blank = |v: &(Cell, Place)| kind_of(&v.0.text) == Kind::Blank;
        while values.len() > 15 && values.last().is_some_and(blank) {
            values.pop();
        }
        while values.len() > 15 && values.first().is_some_and(blank) {
            values.remove(0);
        }
        let place = values[0].1;
        if values.len() > 15 {
            let extra: Vec<&str> = values[15..].iter().map(|(c, _)| c.text.trim()).collect();
            let col = values[15].0.col;
            let d = self.warn(
                values[15].1,
                Some(col),
                format!("{} value(s) past the 15 of table 四; not read", extra.len()),
            );
            d.found = Some(extra.join(" "));
            values.truncate(15);
        }
        if values.len() < 15 {
            let shown: Vec<&str> = values.iter().map(|(c, _)| c.text.trim()).collect();
            let d = self
                .diag(
                    true,
                    place,
                    None,
                    format!(
                        "table 四 has {} of its 15 values: cannot tell which are missing; not read",
                        values.len()
                    ),
                )
                .found(
                    shown.join(" "),
                    "15 values: 行政复议 5, 未经复议直接起诉 5, 复议后起诉 5",
                );
            self.diags.push(d);
            self.bad_cells += 1;
            self.appeals_done = true;
            return;
        }
        let block = self.appeals_block();
        let start = self.cat.cell_index(block, 0, 0);
        for (i, (cell, place)) in values.iter().enumerate() {
            self.read_cell(start + i, cell, *place);
        }
        self.appeals_done = true;
    }

    fn read_cell(&mut self, index: usize, cell: &Cell, place: Place) {
        let def = &self.cat.cells[index];
        let line = if cell.line != 0 {
            cell.line
        } else {
            place.line
        };
        if self.report.present(index) && !self.reading_close && self.close_cells.remove(&index) {
            // The form's own row after one read by a close label (其他行政许可 before 行政许可).
            let d = self.warn(
                place,
                Some(cell.col),
                format!(
                    "{} read from the row with the form's label, not the one with a close label",
                    def.code()
                ),
            );
            d.found = Some(cell.text.to_string());
            self.report.source.lines[index] = 0;
        }
        if self.reading_close && !self.report.present(index) {
            self.close_cells.insert(index);
        }
        if self.report.present(index) {
            // The same table twice (a print copy, a mobile copy) says nothing new.
            let same = match parse_value(&cell.text, def.kind()) {
                Ok(Some(v)) => !self.report.blank[index] && self.report.values[index] == v,
                Ok(None) => self.report.blank[index],
                Err(_) => false,
            };
            if same {
                return;
            }
            let d = self.warn(
                place,
                Some(cell.col),
                format!("{} given twice; the first is kept", def.code()),
            );
            d.found = Some(cell.text.to_string());
            return;
        }
        let mut parsed = parse_value(&cell.text, def.kind());
        if parsed.is_err() && is_none_word(&cell.text) {
            parsed = Ok(None);
            let d = self.warn(
                place,
                Some(cell.col),
                format!(
                    "{:?} in {} read as a blank cell",
                    cell.text.trim(),
                    def.code()
                ),
            );
            d.found = Some(cell.text.to_string());
        }
        if parsed.is_err() && def.kind() != ValueKind::Money {
            // `3件`: a count with its unit of measure.
            let t = cell.text.trim();
            if let Some((number, unit)) = COUNT_UNITS
                .iter()
                .find_map(|u| t.strip_suffix(u).map(|n| (n, *u)))
            {
                if let Ok(v) = parse_value(number, def.kind()) {
                    parsed = Ok(v);
                    let d = self.warn(
                        place,
                        Some(cell.col),
                        format!("unit {unit} after the number in {} dropped", def.code()),
                    );
                    d.found = Some(cell.text.to_string());
                }
            }
        }
        match parsed {
            Ok(v) => self.report.set(index, v, line.max(1)),
            Err(e) => {
                let place = Place { line, ..place };
                let d = self
                    .diag(
                        true,
                        place,
                        Some(cell.col),
                        format!(
                            "{} in {} ({} / {})",
                            value_problem(e),
                            def.code(),
                            def.row.path.last().copied().unwrap_or(""),
                            def.column.label
                        ),
                    )
                    .found(cell.text.to_string(), def.kind().expected());
                self.diags.push(d);
                self.bad_cells += 1;
            }
        }
    }
}
