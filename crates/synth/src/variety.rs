//! `gongkai generate --variety`: the form grid as units' own tools save it, not as the template
//! writes it. One unit a file, the same tables and labels, but shaped the way Excel, WPS, a
//! script or a hand in Notepad really leave it: a title line naming the unit, lines not padded to
//! one width, blank or 0 for zero, `+3` for a rise, half-width brackets, numbering left out, money
//! in 元, 万元 or 亿, UTF-8, GBK or a BOM, CRLF, extra blank lines, a notes line at the end.
//!
//! A unit keeps its tool from year to year: its [`Variety`] is drawn once from its own stream
//! ([`Stream::Variety`], so neither the values nor the uniform grid's bytes change); what a person
//! does differently each time (which zeros are typed) comes from a stream of the unit and year.
//! Every shape here is one the full reader (`gongkai-ingest`) reads to exactly the values meant;
//! the crate's tests hold it to that ([`REFUSED`] lists those it does not, which are not written).

use std::borrow::Cow;

use gongkai_form::{format_value, FormVersion, Section, ValueKind, MONEY_SCALE};
use gongkai_report::write::tidy::csv_field;

use crate::rng::{hash, Rng, Stream};
use crate::write::Encoding;

/// Fields a padded line has: the template's width, or one more (Excel pads to the used range,
/// which a stray note beside the tables widens).
const TEMPLATE_WIDTH: usize = 15;

/// The first line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Title {
    /// The template's: `政府信息公开工作年度报告统计表（国办公开办函〔2019〕60号）`.
    Template,
    /// `城关区2020年政府信息公开工作年度报告统计表`.
    UnitYear,
    /// `城关区政府信息公开工作年度报告（2020年度）`.
    UnitThenYear,
    /// `2020年度城关区政府信息公开工作年度报告统计表`.
    YearUnit,
}

/// How the unit is named on a line of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitLine {
    /// `填报单位,城关区`.
    Cells,
    /// `填报单位：城关区`, one cell.
    OneCell,
    /// `单位名称,城关区`.
    Named,
    /// `填报单位（盖章）,城关区`, as the printed form asks for the seal. The readers do not
    /// take `填报单位（盖章）` for a unit key: the unit comes from the file's name, which is why
    /// varied files are named after their unit.
    Sealed,
    /// No line: the title and the file's name (`城关区.csv`) name it.
    None,
}

/// How the year is named on a line of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearLine {
    /// `年度,2020`.
    Cells,
    /// `年度：2020`, one cell.
    OneCell,
    /// `报告年度,2020年`.
    WithSuffix,
    /// `年度,2020年度`.
    WithDu,
    /// No line: the folder (`2020/`) names it.
    None,
}

/// Which zero cells are written blank instead of 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zeros {
    /// Every zero is typed.
    Written,
    /// Every zero is left blank.
    Blank,
    /// Zeros are left blank in tables 三 and 四 only.
    RequestsBlank,
    /// Each zero typed or not, at random (a person filling the form by hand), anew each year.
    Mixed,
}

/// How money cells (采购总金额, 本年收费金额) are written: always converted exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyUnit {
    /// The form's unit, unsaid: `23441.81`.
    Plain,
    /// `23441.81万元`.
    Wan,
    /// `234418100元`, to the fen.
    Yuan,
    /// `2.344181亿`.
    Yi,
    /// `2.344181亿元`.
    YiYuan,
}

/// A last line after the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notes {
    None,
    /// `注：本表统计时限为2020年1月1日至2020年12月31日。`
    Period,
    /// `填报人：王敏　联系电话：0931-8123456`
    Contact,
    /// `填报日期：2021年1月15日`
    Date,
}

/// How one unit's tool saves its form grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variety {
    pub encoding: Encoding,
    /// `\r\n` line ends (Excel, WPS, Python's csv module on any system).
    pub crlf: bool,
    /// Lines padded with empty fields to this many (Excel, WPS), or `None`: each line ends at
    /// its last non-empty field (a script, a hand).
    pub width: Option<usize>,
    pub title: Title,
    pub unit_line: UnitLine,
    pub year_line: YearLine,
    pub zeros: Zeros,
    /// `+3` for a positive 本年增/减.
    pub plus: bool,
    /// `(一)` for `（一）` in every label.
    pub half_width: bool,
    /// Row labels and table headings without their numbering: `予以公开` for `（一）予以公开`,
    /// `属于国家秘密` for `1.属于国家秘密`, `本年新收政府信息公开申请数量` for `一、本年新收…`,
    /// `主动公开政府信息情况` for `二、主动公开政府信息情况`.
    pub no_numbering: bool,
    pub money: MoneyUnit,
    /// An extra blank line before each table and after the tables.
    pub spaced: bool,
    pub notes: Notes,
    /// The unit's stream of what it does differently each year.
    yearly: u64,
}

/// Shapes real tools produce that the full reader does not read as meant: never written, so
/// the files stay a test of the readers' speed, not of their coverage. Each is `(what, why)`.
pub const REFUSED: &[(&str, &str)] = &[(
    "table 四 left blank in a file whose lines are not padded: its line of values is an \
         empty line (`结果维持,…,总计` and then nothing); such files get 0 typed in that line",
    "`table 四、政府信息公开行政复议、行政诉讼情况 not found in the file (the file ends at \
         line N, in table 三…: cut short?)`, the report left out; the same table padded with \
         commas is read as blank, with a warning",
)];

impl Variety {
    /// Unit `index`'s tool, from its own stream.
    pub(crate) fn of(seed: u64, index: usize) -> Variety {
        let mut rng = Rng::derive(seed, Stream::Variety, index as u64, 0);
        // Excel "CSV UTF-8" (BOM), Excel or WPS "CSV" on Chinese Windows (GBK), a script (UTF-8).
        let encoding = match rng.unit() {
            x if x < 0.4 => Encoding::Utf8,
            x if x < 0.65 => Encoding::Utf8Bom,
            _ => Encoding::Gb18030,
        };
        let padded = rng.chance(0.5);
        let width = padded.then(|| TEMPLATE_WIDTH + usize::from(rng.chance(0.2)));
        let crlf = padded || rng.chance(0.6);
        let title = match rng.below(8) {
            0 => Title::Template,
            1..=3 => Title::UnitYear,
            4 | 5 => Title::UnitThenYear,
            _ => Title::YearUnit,
        };
        let unit_line = match rng.below(9) {
            0..=2 => UnitLine::Cells,
            3 | 4 => UnitLine::OneCell,
            5 => UnitLine::Named,
            6 => UnitLine::Sealed,
            _ => UnitLine::None,
        };
        let year_line = match rng.below(8) {
            0..=2 => YearLine::Cells,
            3 => YearLine::OneCell,
            4 => YearLine::WithSuffix,
            5 => YearLine::WithDu,
            _ => YearLine::None,
        };
        let zeros = match rng.below(8) {
            0..=2 => Zeros::Written,
            3 | 4 => Zeros::Blank,
            5 => Zeros::RequestsBlank,
            _ => Zeros::Mixed,
        };
        let money = match rng.below(8) {
            0..=2 => MoneyUnit::Plain,
            3 | 4 => MoneyUnit::Wan,
            5 => MoneyUnit::Yuan,
            6 => MoneyUnit::Yi,
            _ => MoneyUnit::YiYuan,
        };
        let notes = match rng.below(6) {
            0..=2 => Notes::None,
            3 => Notes::Period,
            4 => Notes::Contact,
            _ => Notes::Date,
        };
        Variety {
            encoding,
            crlf,
            width,
            title,
            unit_line,
            year_line,
            zeros,
            plus: rng.chance(0.5),
            half_width: rng.chance(0.4),
            no_numbering: rng.chance(0.4),
            money,
            spaced: rng.chance(0.3),
            notes,
            yearly: hash(seed, Stream::Variety, index as u64, 1),
        }
    }
}

/// A value as this unit writes it; `None` for a zero it leaves blank.
fn value_text(v: &Variety, kind: ValueKind, value: i64) -> String {
    match kind {
        ValueKind::SignedCount if v.plus && value > 0 => format!("+{value}"),
        ValueKind::Money if value != 0 => money_text(v.money, value),
        _ => format_value(value, kind),
    }
}

/// Money (10⁻⁶ 万元, that is fen) in `unit`, exactly.
fn money_text(unit: MoneyUnit, value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    // `places` decimals of `abs / 10^places`, trailing zeros dropped.
    let decimal = |places: u32| {
        let scale = 10u64.pow(places);
        let (int, frac) = (abs / scale, abs % scale);
        if frac == 0 {
            format!("{sign}{int}")
        } else {
            let f = format!("{frac:0width$}", width = places as usize);
            format!("{sign}{int}.{}", f.trim_end_matches('0'))
        }
    };
    // One 元 is 100 fen; one 亿 is 10⁴ 万元.
    let yuan_places = 2;
    let yi_places = MONEY_SCALE.ilog10() + 4;
    match unit {
        MoneyUnit::Plain => format_value(value, ValueKind::Money),
        MoneyUnit::Wan => format!("{}万元", format_value(value, ValueKind::Money)),
        MoneyUnit::Yuan => format!("{}元", decimal(yuan_places)),
        MoneyUnit::Yi => format!("{}亿", decimal(yi_places)),
        MoneyUnit::YiYuan => format!("{}亿元", decimal(yi_places)),
    }
}

/// A label as this unit writes it.
fn label<'a>(v: &Variety, text: &'a str, numbered: bool) -> Cow<'a, str> {
    let text = if v.no_numbering && numbered {
        without_numbering(text)
    } else {
        text
    };
    if v.half_width && text.contains(['（', '）']) {
        Cow::Owned(text.replace('（', "(").replace('）', ")"))
    } else {
        Cow::Borrowed(text)
    }
}

/// `予以公开` of `（一）予以公开`, `属于国家秘密` of `1.属于国家秘密`, `本年新收…` of
/// `一、本年新收…`; other text as it is.
pub(crate) fn without_numbering(text: &str) -> &str {
    const NUMERALS: &str = "一二三四五六七八九十";
    if let Some(rest) = text.strip_prefix('（') {
        if let Some((n, after)) = rest.split_once('）') {
            if !n.is_empty() && n.chars().all(|c| NUMERALS.contains(c)) && !after.is_empty() {
                return after;
            }
        }
        return text;
    }
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
    if digits > 0 {
        return text[digits..]
            .strip_prefix('.')
            .filter(|r| !r.is_empty())
            .unwrap_or(text);
    }
    let numerals = text
        .char_indices()
        .find(|(_, c)| !NUMERALS.contains(*c))
        .map_or(0, |(i, _)| i);
    if numerals > 0 {
        return text[numerals..]
            .strip_prefix('、')
            .filter(|r| !r.is_empty())
            .unwrap_or(text);
    }
    text
}

/// Whether this zero cell is written blank.
fn blank_zero(v: &Variety, section: Section, rng: &mut Rng) -> bool {
    match v.zeros {
        Zeros::Written => false,
        Zeros::Blank => true,
        Zeros::RequestsBlank => section != Section::Active,
        Zeros::Mixed => rng.chance(0.5),
    }
}

/// Names people give a contact (a notes line).
const CONTACTS: &[&str] = &[
    "王敏", "李静", "张伟", "刘洋", "陈晨", "杨帆", "赵磊", "周婷",
];

/// One report as the unit's tool writes it, into `text`; `blank` is set to the cells
/// written blank, and their number returned. `values` may hold the text defect's sentinel,
/// written as a plain number for the caller to replace.
pub(crate) fn render_text(
    v: &Variety,
    unit: &str,
    year: i32,
    values: &[i64],
    text: &mut String,
    blank: &mut Vec<bool>,
) -> usize {
    let form = FormVersion::for_year(year);
    let cat = form.catalogue();
    let mut rng = Rng::derive(v.yearly, Stream::Variety, year as u64, 0);
    blank.clear();
    blank.extend(
        values
            .iter()
            .enumerate()
            .map(|(i, value)| *value == 0 && blank_zero(v, cat.cells[i].section, &mut rng)),
    );
    // A report with every cell blank is a template sent back unfilled, which the readers
    // refuse: a unit with nothing at all to report writes its zeros.
    if blank.iter().all(|b| *b) {
        blank.fill(false);
    }
    // Table 四's line of values all blank, unpadded, is an empty line: refused (see REFUSED).
    let appeals = cat.cells.iter().position(|c| c.section == Section::Appeals);
    if let Some(first) = appeals.filter(|_| v.width.is_none()) {
        if blank[first..].iter().all(|b| *b) {
            blank[first..].fill(false);
        }
    }
    let value = |i: usize| -> String {
        if blank[i] {
            String::new()
        } else {
            value_text(v, cat.cells[i].kind(), values[i])
        }
    };

    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut line = |cells: Vec<Cow<str>>| {
        lines.push(cells.into_iter().map(Cow::into_owned).collect());
    };
    let own = |s: String| Cow::Owned(s);
    let title = match v.title {
        Title::Template => format!("政府信息公开工作年度报告统计表（{}）", form.notice()),
        Title::UnitYear => format!("{unit}{year}年政府信息公开工作年度报告统计表"),
        Title::UnitThenYear => format!("{unit}政府信息公开工作年度报告（{year}年度）"),
        Title::YearUnit => format!("{year}年度{unit}政府信息公开工作年度报告统计表"),
    };
    line(vec![label(v, &title, false).into_owned().into()]);
    match v.unit_line {
        UnitLine::Cells => line(vec!["填报单位".into(), unit.into()]),
        UnitLine::OneCell => line(vec![own(format!("填报单位：{unit}"))]),
        UnitLine::Named => line(vec!["单位名称".into(), unit.into()]),
        UnitLine::Sealed => line(vec!["填报单位（盖章）".into(), unit.into()]),
        UnitLine::None => {}
    }
    match v.year_line {
        YearLine::Cells => line(vec!["年度".into(), own(year.to_string())]),
        YearLine::OneCell => line(vec![own(format!("年度：{year}"))]),
        YearLine::WithSuffix => line(vec!["报告年度".into(), own(format!("{year}年"))]),
        YearLine::WithDu => line(vec!["年度".into(), own(format!("{year}年度"))]),
        YearLine::None => {}
    }
    let gap = |line: &mut dyn FnMut(Vec<Cow<str>>)| {
        line(vec![]);
        if v.spaced {
            line(vec![]);
        }
    };
    gap(&mut line);
    line(vec![label(v, Section::Active.heading(), true)]);
    let mut cell = 0;
    for block in cat.blocks.iter().filter(|b| b.section == Section::Active) {
        line(vec![label(v, block.heading.unwrap_or(""), false)]);
        let mut head = vec![Cow::Borrowed("信息内容")];
        head.extend(block.columns.iter().map(|c| label(v, c.label, false)));
        line(head);
        for row in block.rows {
            let mut cells = vec![label(v, row.path[0], true)];
            cells.extend((0..block.columns.len()).map(|c| own(value(cell + c))));
            cell += block.columns.len();
            line(cells);
        }
    }
    gap(&mut line);
    line(vec![label(v, Section::Requests.heading(), true)]);
    line(vec![
        label(
            v,
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            false,
        ),
        "".into(),
        "".into(),
        "申请人情况".into(),
    ]);
    let mut head = vec![Cow::Borrowed(""); 3];
    head.extend(["自然人", "法人或其他组织", "", "", "", "", "总计"].map(Cow::Borrowed));
    line(head);
    let req = cat.block_of(Section::Requests);
    let mut sub = vec![Cow::Borrowed(""); 4];
    sub.extend(req.columns[1..6].iter().map(|c| label(v, c.label, false)));
    line(sub);
    let mut previous: &[&str] = &[];
    for row in req.rows {
        let mut cells = vec![Cow::Borrowed(""); 3];
        for (d, part) in row.path.iter().enumerate() {
            let shared = previous.len() > d && previous[..=d] == row.path[..=d];
            if !shared {
                cells[d] = label(v, part, true);
            }
        }
        previous = row.path;
        cells.extend((0..req.columns.len()).map(|c| own(value(cell + c))));
        cell += req.columns.len();
        line(cells);
    }
    gap(&mut line);
    line(vec![label(v, Section::Appeals.heading(), true)]);
    let app = cat.block_of(Section::Appeals);
    let mut top = vec![Cow::Borrowed(""); 6];
    top[0] = app.rows[0].path[0].into();
    top[5] = app.rows[1].path[0].into();
    line(top);
    let mut second = vec![Cow::Borrowed(""); 11];
    second[5] = app.rows[1].path[1].into();
    second[10] = app.rows[2].path[1].into();
    line(second);
    line(
        (0..3)
            .flat_map(|_| app.columns.iter().map(|c| Cow::Borrowed(c.label)))
            .collect(),
    );
    line((0..15).map(|c| own(value(cell + c))).collect());
    if v.spaced {
        line(vec![]);
    }
    let note = match v.notes {
        Notes::None => None,
        Notes::Period => Some(format!(
            "注：本表统计时限为{year}年1月1日至{year}年12月31日。"
        )),
        Notes::Contact => Some(format!(
            "填报人：{}　联系电话：0931-8{:06}",
            rng.pick(CONTACTS),
            rng.below(1_000_000)
        )),
        Notes::Date => Some(format!("填报日期：{}年1月{}日", year + 1, rng.range(5, 28))),
    };
    if let Some(note) = note {
        line(vec![own(note)]);
    }

    text.clear();
    let end = if v.crlf { "\r\n" } else { "\n" };
    for cells in &mut lines {
        match v.width {
            Some(w) => cells.resize(w.max(cells.len()), String::new()),
            None => {
                while cells.last().is_some_and(String::is_empty) {
                    cells.pop();
                }
            }
        }
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&csv_field(c));
        }
        text.push_str(end);
    }
    blank.iter().filter(|b| **b).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate_unit;
    use crate::units::Plan;
    use crate::{Config, FileLayout, Years};
    use gongkai_ingest::{read_bytes_at, ReadOptions};

    /// The template's shape, as `--variety` never leaves it whole.
    fn plain() -> Variety {
        Variety {
            encoding: Encoding::Utf8,
            crlf: false,
            width: Some(TEMPLATE_WIDTH),
            title: Title::Template,
            unit_line: UnitLine::Cells,
            year_line: YearLine::Cells,
            zeros: Zeros::Written,
            plus: false,
            half_width: false,
            no_numbering: false,
            money: MoneyUnit::Plain,
            spaced: false,
            notes: Notes::None,
            yearly: 0,
        }
    }

    /// Each shape of [`REFUSED`] is still refused by the full reader: once one is read, this
    /// fails, and the shape belongs in the variety.
    #[test]
    fn refused_shapes_are_still_refused() {
        let plan = Plan::new(Config {
            seed: 3,
            units: 40,
            years: Years {
                first: 2020,
                last: 2020,
            },
            layout: FileLayout::Grid,
            errors: 0.0,
            variety: false,
        })
        .unwrap_or_else(|e| panic!("{e}"));
        // A report without appeals, unpadded, zeros typed: table 四's line is fifteen 0s.
        let v = Variety {
            width: None,
            ..plain()
        };
        let (mut text, mut blank) = (String::new(), Vec::new());
        let (unit, report) = (0..plan.reporting.len())
            .find_map(|i| {
                let unit = plan.unit(i);
                let g = generate_unit(&plan, i).ok()?;
                let r = g.reports.into_iter().next()?;
                render_text(&v, &unit.name, r.year, &r.values, &mut text, &mut blank);
                text.ends_with(&format!("{}\n", ["0"; 15].join(",")))
                    .then_some((unit, r))
            })
            .unwrap_or_else(|| panic!("no unit without appeals"));
        let path = std::path::PathBuf::from(format!("2020/{}.csv", unit.name));
        let read = |text: &str| read_bytes_at(text.as_bytes(), &path, &ReadOptions::default());
        let plainly = read(&text);
        assert_eq!(plainly.reports.len(), 1, "{:?}", plainly.diagnostics);
        assert_eq!(plainly.reports[0].values, report.values);

        let blank_appeals = text.replace(&format!("{}\n", ["0"; 15].join(",")), "\n");
        let shapes = [blank_appeals];
        assert_eq!(shapes.len(), REFUSED.len());
        for (shape, (what, _)) in shapes.iter().zip(REFUSED) {
            let r = read(shape);
            assert!(
                r.reports.is_empty() && r.diagnostics.iter().any(|d| d.is_error()),
                "now read (move it into the variety): {what}"
            );
        }
    }

    #[test]
    fn numbering_is_left_out_of_labels_only() {
        for (with, without) in [
            ("（一）予以公开", "予以公开"),
            ("（七）总计", "总计"),
            ("1.属于国家秘密", "属于国家秘密"),
            ("3.危及“三安全一稳定”", "危及“三安全一稳定”"),
            (
                "一、本年新收政府信息公开申请数量",
                "本年新收政府信息公开申请数量",
            ),
            ("四、结转下年度继续办理", "结转下年度继续办理"),
            ("十、其他", "其他"),
            ("规章", "规章"),
            ("（本列数据）", "（本列数据）"),
            ("2020", "2020"),
            ("一、", "一、"),
        ] {
            assert_eq!(without_numbering(with), without, "{with}");
        }
    }

    #[test]
    fn money_is_converted_exactly() {
        use gongkai_form::parse_value;
        let w = MONEY_SCALE;
        let cases = [
            (23_441_810_000, MoneyUnit::Plain, "23441.81"),
            (23_441_810_000, MoneyUnit::Wan, "23441.81万元"),
            (23_441_810_000, MoneyUnit::Yuan, "234418100元"),
            (23_441_810_000, MoneyUnit::Yi, "2.344181亿"),
            (23_441_810_000, MoneyUnit::YiYuan, "2.344181亿元"),
            (1, MoneyUnit::Yuan, "0.01元"),
            (1, MoneyUnit::Yi, "0.0000000001亿"),
            (123, MoneyUnit::Yuan, "1.23元"),
            (5 * w, MoneyUnit::Yuan, "50000元"),
            (10_000 * w, MoneyUnit::Yi, "1亿"),
            (-150, MoneyUnit::Yuan, "-1.5元"),
        ];
        for (value, unit, text) in cases {
            assert_eq!(money_text(unit, value), text);
            assert_eq!(
                parse_value(text, ValueKind::Money),
                Ok(Some(value)),
                "{text}"
            );
        }
    }
}
