//! What a sentence says the tables hold: each figure of a sentence read with the words before
//! it in its clause (`共收到政府信息公开申请357件`), or after it where those say nothing
//! (`共受理36件政府信息公开申请`, `除2件结转下年办理外`), as one of the figures the tables hold.
//!
//! Silence over recall: a figure is left alone when anything makes it another figure than the
//! table's — approximate (约, 余), a change (同比增加, 较上年减少), another year (上年结转,
//! 2021年), another period (上半年), a part (其中自然人, 通过网络, 含), a part of the body
//! (市政府办公厅, 各部门; unless 全市 … or the report is that body's own), letters and
//! complaints (信件, 投诉), results of appeals (纠错, 维持), or written in brackets.

use gongkai_report::Place;

use crate::number::{figures, Figure};
use crate::prose::{heading, normalise, sentences, Prose};

/// Which suits a figure of 行政诉讼 counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Suit {
    /// 未经复议直接起诉.
    Direct,
    /// 复议后起诉.
    AfterReconsideration,
    /// Either, or both together.
    Any,
}

/// A row of table 二's 第二十条第（一）项.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum DocumentRow {
    Regulations,
    NormativeDocuments,
}

/// What a figure of table 二 counts of its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum DocumentColumn {
    /// 制发, 制定, 印发, 出台: form 2021's 本年制发件数, form 2019's 本年新制作 or 新公开数量.
    Issued,
    /// 新制作: form 2019's 本年新制作数量 (form 2021's 本年制发件数).
    NewMade,
    /// 新公开: form 2019's 本年新公开数量.
    NewPublished,
    /// 对外公开总数: form 2019's 对外公开总数量.
    TotalPublished,
    /// 废止: form 2021's 本年废止件数.
    Abolished,
    /// 现行有效: form 2021's 现行有效件数.
    InForce,
}

/// The figure of the tables a sentence states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// 收到, 受理: 本年新收, or 本年新收 and 上年结转 together.
    Received,
    /// 办理, 处理 … 申请: received (either reading) or handled.
    ReceivedOrHandled,
    /// 办结, 答复, 办理结果: the results' 总计.
    Handled,
    /// 予以公开, alone or with 部分公开.
    Granted,
    /// 结转下年度继续办理.
    CarriedForward,
    /// 行政复议 总计.
    Reconsideration,
    /// 行政诉讼 总计.
    Litigation(Suit),
    /// 行政复议 and 行政诉讼 together (`行政复议、行政诉讼案件为0件`).
    Appeals,
    /// A count of 规章 or 规范性文件 in table 二.
    Documents(DocumentRow, DocumentColumn),
}

impl Kind {
    /// The kind's code, as the corpus of real sentences writes it.
    pub(crate) fn code(self) -> String {
        match self {
            Kind::Received => "received".into(),
            Kind::ReceivedOrHandled => "received-or-handled".into(),
            Kind::Handled => "handled".into(),
            Kind::Granted => "granted".into(),
            Kind::CarriedForward => "carried-forward".into(),
            Kind::Reconsideration => "reconsideration".into(),
            Kind::Litigation(Suit::Direct) => "litigation-direct".into(),
            Kind::Litigation(Suit::AfterReconsideration) => "litigation-after".into(),
            Kind::Litigation(Suit::Any) => "litigation".into(),
            Kind::Appeals => "appeals".into(),
            Kind::Documents(row, column) => {
                let row = match row {
                    DocumentRow::Regulations => "regulations",
                    DocumentRow::NormativeDocuments => "normative-documents",
                };
                let column = match column {
                    DocumentColumn::Issued => "issued",
                    DocumentColumn::NewMade => "new-made",
                    DocumentColumn::NewPublished => "new-published",
                    DocumentColumn::TotalPublished => "total-published",
                    DocumentColumn::Abolished => "abolished",
                    DocumentColumn::InForce => "in-force",
                };
                format!("{row}.{column}")
            }
        }
    }

    /// A figure about applications: the sentence must be about them.
    fn is_request(self) -> bool {
        matches!(
            self,
            Kind::Received
                | Kind::ReceivedOrHandled
                | Kind::Handled
                | Kind::Granted
                | Kind::CarriedForward
        )
    }
}

/// A figure a sentence states, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claim {
    pub kind: Kind,
    pub value: i64,
    pub tolerance: i64,
    /// The sentence as quoted (whitespace dropped), or the clauses around the figure where the
    /// sentence is long.
    pub quote: String,
    /// The section's heading words (`总体情况`), if the report has numbered one.
    pub section: Option<String>,
    pub place: Place,
}

/// The report the prose is from: its year and its body's name.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    pub year: i32,
    pub unit: &'a str,
}

/// Sentences quoted whole up to this many characters; longer ones by the clauses around the
/// figure.
const QUOTE: usize = 60;

/// Marks between clauses; brackets and quotation marks too.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '：'
            | ':'
            | '、'
            | '（'
            | '）'
            | '('
            | ')'
            | '【'
            | '】'
            | '['
            | ']'
            | '“'
            | '”'
            | '"'
            | '‘'
            | '’'
            | '「'
            | '」'
            | '《'
            | '》'
            | '—'
    ) || crate::prose::ends_sentence(c)
}

/// Another period than the report's year.
const OTHER_PERIOD: [&str; 11] = [
    "上年",
    "上一年",
    "去年",
    "前年",
    "往年",
    "历年",
    "以往",
    "同期",
    "累计",
    "上半年",
    "下半年",
];

/// A half year, a quarter, a month: not the year the tables count.
const PERIOD: [&str; 4] = ["上半年", "下半年", "季度", "月份"];

/// A change, a comparison or a rate: not the figure itself.
const CHANGE: [&str; 11] = [
    "比", "较", "增", "减", "降", "升", "涨", "跌", "多出", "少于", "占",
];

/// A part of what the tables count: by applicant, by channel, a subset.
const PART: [&str; 27] = [
    "自然人",
    "法人",
    "企业",
    "组织",
    "机构",
    "公民",
    "个人",
    "网上",
    "网络",
    "在线",
    "线上",
    "线下",
    "信函",
    "邮寄",
    "邮件",
    "当面",
    "现场",
    "传真",
    "电话",
    "窗口",
    "含",
    "包括",
    "平均",
    "人均",
    "每",
    "关于",
    "其余",
];

/// Parts of a government, whose figures are not the report's unless it is theirs or the
/// sentence says 全市 ….
const BODY: [&str; 14] = [
    "办公室",
    "办公厅",
    "本级",
    "市直",
    "县直",
    "区直",
    "部门",
    "乡镇",
    "镇街",
    "街道",
    "区县",
    "县区",
    "各区",
    "各县",
];

/// The whole of a government: 全市各部门 is all of them.
const WHOLE: [&str; 10] = [
    "全市",
    "全区",
    "全县",
    "全省",
    "全州",
    "全盟",
    "全旗",
    "全局",
    "全系统",
    "全镇",
];

/// What is not an application for government information.
const NOT_APPLICATION: [&str; 15] = [
    "咨询", "投诉", "举报", "留言", "信件", "来信", "来电", "建议", "提案", "信访", "信箱", "热线",
    "诉求", "问政", "意见",
];

/// Results of an appeal: a part of its 总计.
const APPEAL_RESULT: [&str; 13] = [
    "维持",
    "纠正",
    "纠错",
    "撤销",
    "驳回",
    "审结",
    "败诉",
    "胜诉",
    "终止",
    "确认违法",
    "责令",
    "结果",
    "撤诉",
];

fn any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// Does `chars` hold `word` anywhere?
fn holds(chars: &[char], word: &str) -> bool {
    let first = word.chars().next();
    (0..chars.len()).any(|i| Some(chars[i]) == first && crate::number::starts_with(chars, i, word))
}

/// What the words around a figure make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Kind(Kind),
    /// Words that make it another figure than the tables'.
    Other,
    /// Words that say nothing.
    Nothing,
}

/// The row of table 二 named in `text`, if one is (and not both).
fn documents_row(text: &str) -> Option<Option<DocumentRow>> {
    let normative = text.contains("规范性文件");
    let regulations = text.contains("规章");
    match (regulations, normative) {
        (true, true) => Some(None),
        (true, false) => Some(Some(DocumentRow::Regulations)),
        (false, true) => Some(Some(DocumentRow::NormativeDocuments)),
        (false, false) => None,
    }
}

/// The column of table 二's 第二十条第（一）项 a verb names.
fn published(text: &str) -> Option<DocumentColumn> {
    if text.contains("现行有效") {
        Some(DocumentColumn::InForce)
    } else if text.contains("废止") {
        Some(DocumentColumn::Abolished)
    } else if text.contains("公开总数") || (text.contains("对外公开") && text.contains("总数"))
    {
        Some(DocumentColumn::TotalPublished)
    } else if text.contains("新制作") {
        Some(DocumentColumn::NewMade)
    } else if text.contains("新公开") {
        Some(DocumentColumn::NewPublished)
    } else if any(text, &["制发", "制定", "印发", "出台"]) {
        Some(DocumentColumn::Issued)
    } else {
        None
    }
}

/// What `text`, the words around a figure, says it counts; `row` the row of table 二 the
/// sentence spoke of last.
fn read_words(text: &str, row: Option<DocumentRow>) -> Reading {
    // Appeals first: an application is often their cause (因政府信息公开申请引起的行政复议).
    if any(text, &["诉讼", "起诉"]) {
        if any(text, &APPEAL_RESULT) {
            return Reading::Other;
        }
        if any(text, &["未经复议", "直接起诉"]) {
            return Reading::Kind(Kind::Litigation(Suit::Direct));
        }
        if any(text, &["复议后", "经复议"]) {
            return Reading::Kind(Kind::Litigation(Suit::AfterReconsideration));
        }
        if text.contains("复议") {
            return Reading::Kind(Kind::Appeals);
        }
        return Reading::Kind(Kind::Litigation(Suit::Any));
    }
    if text.contains("复议") {
        if any(text, &APPEAL_RESULT) {
            return Reading::Other;
        }
        return Reading::Kind(Kind::Reconsideration);
    }
    if let Some(column) = published(text) {
        return match documents_row(text) {
            Some(Some(r)) => Reading::Kind(Kind::Documents(r, column)),
            Some(None) => Reading::Other,
            None => match row {
                Some(r) => Reading::Kind(Kind::Documents(r, column)),
                None => Reading::Nothing,
            },
        };
    }
    if any(text, &["结转", "转结", "转入下"]) {
        return Reading::Kind(Kind::CarriedForward);
    }
    if any(text, &NOT_APPLICATION) || text.contains("主动") || text.contains("不予") {
        return Reading::Other;
    }
    if any(text, &["予以公开", "同意公开", "全部公开"]) {
        if any(text, &["不予以公开", "不同意公开"]) {
            return Reading::Other;
        }
        return Reading::Kind(Kind::Granted);
    }
    if text.contains("部分公开") {
        return Reading::Other;
    }
    if any(text, &["未办结", "尚未", "未答复", "未办理", "正在"]) {
        return Reading::Other;
    }
    if any(
        text,
        &[
            "办结",
            "办理完毕",
            "处理完毕",
            "已办理",
            "答复",
            "办理结果",
            "办复",
            "完成办理",
        ],
    ) {
        return Reading::Kind(Kind::Handled);
    }
    let application = text.contains("申请");
    let handles = any(text, &["办理", "处理"]);
    if any(text, &["新收", "新接收", "新受理"])
        || (application && any(text, &["收到", "受理", "接收", "接到", "收悉", "登记"]))
    {
        return Reading::Kind(if handles {
            Kind::ReceivedOrHandled
        } else {
            Kind::Received
        });
    }
    if application && handles {
        return Reading::Kind(Kind::ReceivedOrHandled);
    }
    if application
        && any(
            text,
            &[
                "申请量",
                "申请数",
                "申请总",
                "数量",
                "共计",
                "共有",
                "总计",
                "共",
            ],
        )
    {
        return Reading::Kind(Kind::Received);
    }
    Reading::Nothing
}

/// Years written in `chars` (`2021年`, `2021年度`).
fn years(chars: &[char]) -> Vec<i32> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let end = (i..chars.len())
                .find(|&k| !chars[k].is_ascii_digit())
                .unwrap_or(chars.len());
            if end - i == 4 && chars.get(end) == Some(&'年') {
                let y: String = chars[i..end].iter().collect();
                out.extend(y.parse::<i32>().ok());
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// A clause that only says when the rest of the sentence happened (`2021年，`, `去年，`): its
/// year, or `Some(None)` for another period than a year.
fn time_clause(clause: &[char]) -> Option<Option<i32>> {
    let text: String = clause.iter().collect();
    let text = text
        .trim_start_matches(['在', '于'])
        .trim_end_matches("以来")
        .trim_end_matches('度')
        .trim_end_matches("全年");
    if OTHER_PERIOD.contains(&text) {
        return Some(None);
    }
    let chars: Vec<char> = text.chars().collect();
    let ys = years(&chars);
    (ys.len() == 1 && chars.len() == 5).then(|| ys.first().copied())
}

/// The quote of a figure's sentence: whole when short, else its clause and the clauses before
/// it up to [`QUOTE`] characters, with an ellipsis where cut.
fn quote(sentence: &[char], clause: std::ops::Range<usize>) -> String {
    let trimmed_end = if sentence
        .last()
        .is_some_and(|c| crate::prose::ends_sentence(*c))
    {
        sentence.len() - 1
    } else {
        sentence.len()
    };
    let whole = &sentence[..trimmed_end];
    if whole.len() <= QUOTE {
        return whole.iter().collect();
    }
    let mut start = clause.start;
    // Clauses before, while the quote stays short: they often carry the subject.
    while start > 0 {
        let prev = (0..start - 1)
            .rev()
            .find(|&i| ends_clause(sentence[i]))
            .map_or(0, |i| i + 1);
        if clause.end.min(trimmed_end) - prev > QUOTE {
            break;
        }
        start = prev;
    }
    let end = clause.end.min(trimmed_end);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&sentence[start..end]);
    if end < trimmed_end {
        out.push('…');
    }
    out
}

/// Is a part of a government named in `clauses` (the sentence up to the figure, by clause)
/// without 全市 … before it in its clause, and the report not that part's own?
fn names_a_part(clauses: &[&[char]], unit: &str) -> bool {
    clauses.iter().any(|clause| {
        let text: String = clause.iter().collect();
        BODY.iter().any(|body| {
            let Some(at) = text.find(body) else {
                return false;
            };
            let whole_before = WHOLE.iter().any(|w| text[..at].contains(w));
            !whole_before && !unit.contains(body)
        })
    })
}

/// The figures `prose` states that the tables hold, for the report of `ctx`.
pub(crate) fn claims(prose: &Prose, ctx: Context) -> Vec<Claim> {
    let mut out = Vec::new();
    let mut section: Option<String> = None;
    for paragraph in prose.paragraphs() {
        if let Some(h) = heading(&paragraph.text) {
            section = Some(h);
        }
        let chars = normalise(&paragraph.text);
        // Whether the paragraph has spoken of applications yet, or of another period than a
        // year (上半年): what follows in it is of that period too.
        let mut applications = false;
        let mut period = false;
        for range in sentences(&chars) {
            let sentence = &chars[range];
            applications |= holds(sentence, "申请");
            period |= PERIOD.iter().any(|w| holds(sentence, w));
            // Most lines of a page are a table's labels and numbers: no word a count is in.
            if period || !sentence.iter().any(|c| crate::number::is_unit_char(*c)) {
                continue;
            }
            for (kind, figure, clause) in sentence_claims(sentence, ctx, applications) {
                out.push(Claim {
                    kind,
                    value: figure.value,
                    tolerance: figure.tolerance,
                    quote: quote(sentence, clause),
                    section: section.clone(),
                    place: paragraph.place.clone(),
                });
            }
        }
    }
    out
}

/// The figures of one sentence and what each counts, with its clause.
fn sentence_claims(
    s: &[char],
    ctx: Context,
    applications: bool,
) -> Vec<(Kind, Figure, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let figs = figures(s);
    if figs.is_empty() {
        return out;
    }
    // Inside brackets: a breakdown or an aside (含上年结转14件).
    let mut depth = 0usize;
    let bracketed: Vec<bool> = s
        .iter()
        .map(|c| {
            match c {
                '（' | '(' => depth += 1,
                '）' | ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
            depth > 0
        })
        .collect();
    let clause_start = |at: usize| {
        (0..at)
            .rev()
            .find(|&i| ends_clause(s[i]))
            .map_or(0, |i| i + 1)
    };
    let clause_end = |at: usize| {
        (at..s.len())
            .find(|&i| ends_clause(s[i]))
            .unwrap_or(s.len())
    };
    let mut row: Option<DocumentRow> = None;
    for (k, f) in figs.iter().enumerate() {
        let start = clause_start(f.start);
        let end = clause_end(f.end);
        // Nouns listed before a figure share it (行政复议、行政诉讼案件为0件).
        let mut listed = start;
        while listed > 0 && s[listed - 1] == '、' {
            listed = clause_start(listed - 1);
        }
        let before_from = listed.max(if k > 0 { figs[k - 1].end } else { 0 });
        let after_to = end.min(figs.get(k + 1).map_or(s.len(), |g| g.start));
        let before: String = s[before_from..f.start].iter().collect();
        let after: String = s[f.end..after_to.max(f.end)].iter().collect();
        let remembered = row;
        if let Some(Some(r)) = documents_row(&before) {
            row = Some(r);
        }
        if f.approximate || bracketed[f.start] {
            continue;
        }
        // The words before the figure say what it counts; where they say nothing, the words
        // after it (共受理36件政府信息公开申请).
        let (kind, window) = match read_words(&before, remembered) {
            Reading::Kind(kind) => (kind, before),
            Reading::Other => continue,
            Reading::Nothing => {
                let both = format!("{before}{after}");
                match read_words(&both, remembered) {
                    Reading::Kind(kind) => (kind, both),
                    _ => continue,
                }
            }
        };
        if any(&window, &CHANGE) || any(&window, &PART) {
            continue;
        }
        // 涉及政府信息公开的 is the subject itself; 涉及征地拆迁的 a part.
        let topic = window
            .replace("涉及政府信息公开", "")
            .replace("涉及信息公开", "")
            .replace("涉及依申请", "");
        if topic.contains("涉及") {
            continue;
        }
        if any(&window, &OTHER_PERIOD) {
            continue;
        }
        let next_year = |y: i32| kind == Kind::CarriedForward && y == ctx.year + 1;
        let window_chars: Vec<char> = window.chars().collect();
        if years(&window_chars)
            .into_iter()
            .any(|y| y != ctx.year && !next_year(y))
        {
            continue;
        }
        // A clause of its own (`2021年，…`) sets the year of what follows it.
        let mut time: Option<Option<i32>> = None;
        let mut at = 0;
        let mut clauses: Vec<&[char]> = Vec::new();
        while at < start {
            let e = clause_end(at).min(start);
            let clause = &s[at..e];
            if let Some(t) = time_clause(clause) {
                time = Some(t);
            }
            clauses.push(clause);
            at = e + 1;
        }
        match time {
            Some(None) => continue,
            Some(Some(y)) if y != ctx.year && !next_year(y) => continue,
            _ => {}
        }
        if kind == Kind::CarriedForward && !any(&window, &["下年", "下一年", "次年", "明年"])
        {
            // 结转 with no year after it is carried forward unless a year says otherwise.
            let years_named = years(&window_chars);
            if years_named.iter().any(|y| *y != ctx.year + 1) {
                continue;
            }
        }
        clauses.push(&s[start..f.start]);
        if names_a_part(&clauses, ctx.unit) {
            continue;
        }
        if kind.is_request() {
            let specific =
                matches!(kind, Kind::Granted | Kind::CarriedForward) || window.contains("办理结果");
            if !applications && !specific {
                continue;
            }
            // Letters, complaints, consultations named before the figure, and it not said to
            // be an application.
            let prefix: String = s[..f.start].iter().collect();
            if any(&prefix, &NOT_APPLICATION) && !window.contains("申请") {
                continue;
            }
        }
        out.push((kind, *f, start..end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(sentence: &str, year: i32) -> Vec<(String, i64)> {
        let mut prose = Prose::new();
        prose.push(sentence, Place::File);
        claims(
            &prose,
            Context {
                year,
                unit: "示例县",
            },
        )
        .into_iter()
        .map(|c| (c.kind.code(), c.value))
        .collect()
    }

    fn one(kind: &str, value: i64) -> Vec<(String, i64)> {
        vec![(kind.to_string(), value)]
    }

    #[test]
    fn each_kind_of_figure() {
        let cases: [(&str, &str, i64); 14] = [
            ("全年共受理政府信息公开申请357件。", "received", 357),
            ("共受理36件政府信息公开申请。", "received", 36),
            ("收到政府信息公开申请后，共办结355件。", "handled", 355),
            ("收到申请后，予以公开297件。", "granted", 297),
            ("依申请公开中，予以公开或部分公开59件。", "granted", 59),
            ("申请中，结转下年度继续办理2件。", "carried-forward", 2),
            (
                "申请中，除2件结转下年办理外，均已答复。",
                "carried-forward",
                2,
            ),
            ("发生政府信息公开行政复议案件68件。", "reconsideration", 68),
            ("被提起行政诉讼55件。", "litigation", 55),
            ("未经复议直接起诉41件。", "litigation-direct", 41),
            ("复议后起诉14件。", "litigation-after", 14),
            ("行政复议、行政诉讼案件为0件。", "appeals", 0),
            ("制发行政规范性文件2件。", "normative-documents.issued", 2),
            ("新制作规章36件。", "regulations.new-made", 36),
        ];
        for (sentence, kind, value) in cases {
            assert_eq!(read(sentence, 2020), one(kind, value), "{sentence}");
        }
    }

    #[test]
    fn a_row_of_table_two_carries_through_its_sentence() {
        assert_eq!(
            read(
                "制发行政规范性文件2件，废止行政规范性文件10件，现行有效件数14件。",
                2023
            ),
            [
                ("normative-documents.issued".to_string(), 2),
                ("normative-documents.abolished".to_string(), 10),
                ("normative-documents.in-force".to_string(), 14),
            ]
        );
    }

    #[test]
    fn figures_of_another_kind_are_left_alone() {
        for sentence in [
            // Approximate, a change, a percentage.
            "全年共收到政府信息公开申请约300件。",
            "收到政府信息公开申请300余件。",
            "政府信息公开申请比上年增加14件。",
            "收到政府信息公开申请同比增长12%。",
            // Another year, another period.
            "2019年收到政府信息公开申请306件。",
            "上年结转政府信息公开申请14件。",
            "2022年上半年，共受理政府信息公开申请267件。",
            // Parts.
            "其中自然人申请284件。",
            "收到申请357件，其中通过网络申请300件。",
            "收到政府信息公开申请357件（含上年结转14件）。",
            "市政府办公厅收到政府信息公开申请12件。",
            // Not applications; results of appeals.
            "县长信箱收到信件238件，办结99件。",
            "其中结果维持18件，结果纠正6件。",
            "行政复议被纠错2件。",
        ] {
            let got = read(sentence, 2020);
            let kept: Vec<_> = got
                .iter()
                .filter(|(k, v)| !(k == "received" && *v == 357))
                .collect();
            assert!(kept.is_empty(), "{sentence}: {got:?}");
        }
    }

    #[test]
    fn a_clause_of_its_own_sets_the_year() {
        assert_eq!(
            read("2022年，共收到政府信息公开申请130件。", 2022),
            one("received", 130)
        );
        assert!(read("2021年，共收到政府信息公开申请120件。", 2022).is_empty());
        assert_eq!(
            read("收到政府信息公开申请10件，结转2023年度继续办理2件。", 2022),
            [
                ("received".to_string(), 10),
                ("carried-forward".to_string(), 2)
            ]
        );
        assert!(read("申请中，2021年结转2件。", 2022).is_empty());
    }

    #[test]
    fn chinese_numerals_and_wan() {
        assert_eq!(
            read("全年共收到政府信息公开申请一百二十三件。", 2020),
            one("received", 123)
        );
        assert_eq!(
            read("全年共收到政府信息公开申请1.2万件。", 2020),
            one("received", 12_000)
        );
    }

    #[test]
    fn long_sentences_are_quoted_by_their_clauses() {
        let mut prose = Prose::new();
        let long = "2022年，区政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实各项决策部署，持续推进政务公开，不断提升政府透明度，全区共收到政府信息公开申请130件，申请量同比增长103%。";
        prose.push(long, Place::File);
        let got = claims(
            &prose,
            Context {
                year: 2022,
                unit: "示例区",
            },
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].quote.starts_with('…'), "{}", got[0].quote);
        assert!(
            got[0].quote.contains("全区共收到政府信息公开申请130件"),
            "{}",
            got[0].quote
        );
        assert!(
            got[0].quote.chars().count() <= QUOTE + 2,
            "{}",
            got[0].quote
        );
    }
}
