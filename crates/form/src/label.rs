//! Matching printed labels to the catalogue by meaning, not by bytes.
//!
//! Published and hand-filled forms differ from the template in brackets, digits, spacing,
//! numbering and a few renamed labels. Both sides are reduced with [`normalise`] and then compared
//! exactly, within a section, so that a recurring word (`其他`, `总计`) resolves in context.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::borrow::Cow;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use crate::{Catalogue, FormVersion, Section};

/// Reduces a label to what it means: NFKC (full-width → half-width), no whitespace or quotes,
/// no parenthesised notes (which also drops `（三）`-style numbering), no `三、`/`1.` numbering.
pub fn normalise(label: &str) -> String {
    key(label).into_owned()
}

/// [`normalise`] without a copy when the label is already its own key (most labels, every empty
/// cell): the form's look-ups run on every cell of every grid.
pub fn key(label: &str) -> Cow<'_, str> {
    // A plain number is all numbering: nothing of it is a label.
    if label.bytes().all(|b| b.is_ascii_digit()) {
        return Cow::Borrowed("");
    }
    if label.chars().all(|c| nfkc_stable(c) && !strippable(c)) {
        return Cow::Borrowed(label);
    }
    Cow::Owned(normalised(label))
}

/// Characters [`strip`] may drop or look past.
fn strippable(c: char) -> bool {
    matches!(c, '(' | '[' | '〔' | '【' | ')' | ']' | '〕' | '】' | '、')
        || c.is_whitespace()
        || c.is_ascii_digit()
        || is_ignored_punctuation(c)
        || is_chinese_numeral(c)
}

fn normalised(label: &str) -> String {
    // Most cells (numbers, names, labels in plain ideographs) are their own NFKC form: skip the
    // transform for them. Grids repeat the same few hundred full-width labels in every file, and
    // NFKC is most of the cost of reading one: remember those per thread (bounded).
    if label.chars().all(nfkc_stable) {
        return strip(label);
    }
    // Full-width ASCII and the ideographic space are all most other labels have (`（一）`,
    // `：`, titles with full-width brackets): NFKC maps each to its ASCII twin. (A title naming
    // its unit is new in every file of a batch; NFKC of each was 4% of reading varied grids.)
    if label
        .chars()
        .all(|c| nfkc_stable(c) || wide_ascii(c).is_some())
    {
        let narrow: String = label.chars().map(|c| wide_ascii(c).unwrap_or(c)).collect();
        return strip(&narrow);
    }
    thread_local! {
        static SEEN: std::cell::RefCell<HashMap<String, String>> =
            std::cell::RefCell::new(HashMap::new());
    }
    const MAX_SEEN: usize = 4096;
    if let Some(hit) = SEEN.with(|s| s.borrow().get(label).cloned()) {
        return hit;
    }
    let nfkc: String = label.nfkc().collect();
    let out = strip(&nfkc);
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() >= MAX_SEEN {
            s.clear();
        }
        s.insert(label.to_string(), out.clone());
    });
    out
}

/// Characters NFKC leaves alone: ASCII, CJK unified ideographs and the CJK punctuation labels use
/// (full-width forms such as `（` are not among them).
pub(crate) fn nfkc_stable(c: char) -> bool {
    c.is_ascii()
        || ('\u{4e00}'..='\u{9fff}').contains(&c)
        || matches!(
            c,
            '、' | '。'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '〔'
                | '〕'
                | '【'
                | '】'
                | '《'
                | '》'
                | '—'
        )
}

/// What NFKC makes of a full-width ASCII character (U+FF01–U+FF5E) or the ideographic space.
fn wide_ascii(c: char) -> Option<char> {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
        '\u{3000}' => Some(' '),
        _ => None,
    }
}

/// [`normalise`] after NFKC: notes, numbering, whitespace and quotes out.
fn strip(nfkc: &str) -> String {
    let mut out = String::with_capacity(nfkc.len());
    let mut depth = 0usize;
    let mut rest = nfkc;
    while let Some(c) = rest.chars().next() {
        let next = &rest[c.len_utf8()..];
        match c {
            '(' | '[' | '〔' | '【' => depth += 1,
            ')' | ']' | '〕' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ if c.is_whitespace() || is_ignored_punctuation(c) => {}
            _ if is_chinese_numeral(c) => {
                // `三、` numbering: a run of numerals followed by 、
                let end = rest
                    .find(|ch| !is_chinese_numeral(ch))
                    .unwrap_or(rest.len());
                match rest[end..].strip_prefix('、') {
                    Some(after) => rest = after,
                    None => {
                        out.push_str(&rest[..end]);
                        rest = &rest[end..];
                    }
                }
                continue;
            }
            _ if c.is_ascii_digit() => {
                // `1.` / `1、` numbering; labels of the form carry no digits otherwise.
                let end = rest
                    .find(|ch: char| !ch.is_ascii_digit())
                    .unwrap_or(rest.len());
                let after = &rest[end..];
                rest = after.strip_prefix(['.', '、', ',']).unwrap_or(after);
                continue;
            }
            _ => out.push(c),
        }
        rest = next;
    }
    out
}

fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

fn is_ignored_punctuation(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '/' | ':' | '*' | '·'
    )
}

/// What a run of label cells names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowMatch {
    /// A row of the form: `block` indexes [`Catalogue::blocks`], `row` that block's rows.
    Row {
        block: usize,
        row: usize,
    },
    /// A group heading such as `（三）不予公开` with rows below it (normalised text).
    Group(String),
    /// Several rows fit and the context does not decide (their codes).
    Ambiguous(Vec<&'static str>),
    Unknown,
}

/// The normalised labels of one form, for matching rows, columns and section headings.
#[derive(Debug)]
pub struct LabelIndex {
    /// (normalised key, block, row): every suffix of a row's label path, with aliases.
    rows: Vec<(String, usize, usize)>,
    /// (normalised key, block, column), header labels with aliases.
    columns: Vec<(String, usize, usize)>,
    /// Normalised group labels (every suffix of every group path).
    groups: HashSet<String>,
    /// Positions in `rows`, `columns` by key, in order: every cell of
    /// every grid is looked up, so these are hashed rather than scanned.
    row_at: HashMap<String, Vec<usize>>,
    column_at: HashMap<String, Vec<usize>>,
}

impl Catalogue {
    /// The form's labels, normalised for matching: built once per form, on first use. The index
    /// lives here, above the catalogue, so the catalogue knows nothing of matching.
    pub fn labels(&self) -> &'static LabelIndex {
        static F2019: OnceLock<LabelIndex> = OnceLock::new();
        static F2021: OnceLock<LabelIndex> = OnceLock::new();
        let index = match self.form {
            FormVersion::F2019 => &F2019,
            FormVersion::F2021 => &F2021,
        };
        index.get_or_init(|| LabelIndex::build(self.form.catalogue()))
    }
}

/// Labels of the total row and column that some reports print as 合计.
const TOTAL_ALIASES: &[&str] = &["合计"];

impl LabelIndex {
    fn build(cat: &Catalogue) -> LabelIndex {
        let mut rows = Vec::new();
        let mut groups = HashSet::default();
        let mut columns = Vec::new();
        for (b, block) in cat.blocks.iter().enumerate() {
            for (r, row) in block.rows.iter().enumerate() {
                let last = row.path.len() - 1;
                let mut lasts: Vec<&str> = vec![row.path[last]];
                lasts.extend(row.aliases);
                if row.code == "total" {
                    lasts.extend(TOTAL_ALIASES);
                }
                for l in &lasts {
                    for start in 0..=last {
                        let key: String = row.path[start..last]
                            .iter()
                            .map(|p| normalise(p))
                            .collect::<String>()
                            + &normalise(l);
                        if !rows
                            .iter()
                            .any(|(k, bb, rr)| k == &key && *bb == b && *rr == r)
                        {
                            rows.push((key, b, r));
                        }
                    }
                }
                for end in 1..=last {
                    for start in 0..end {
                        let key: String =
                            row.path[start..end].iter().map(|p| normalise(p)).collect();
                        groups.insert(key);
                    }
                }
            }
            for (c, column) in block.columns.iter().enumerate() {
                let mut keys = vec![normalise(column.label)];
                if column.code == "total" {
                    keys.extend(TOTAL_ALIASES.iter().map(|a| normalise(a)));
                }
                for key in keys {
                    columns.push((key, b, c));
                }
            }
        }
        let positions = |keys: &[(String, usize, usize)]| {
            let mut at: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, (k, _, _)) in keys.iter().enumerate() {
                at.entry(k.clone()).or_default().push(i);
            }
            at
        };
        LabelIndex {
            row_at: positions(&rows),
            column_at: positions(&columns),
            rows,
            groups,
            columns,
        }
    }

    /// Matches the label cells of one line (already joined) within `section`, using the
    /// group heading last seen (`context`, normalised) to settle ambiguity.
    pub fn match_row(
        &self,
        cat: &Catalogue,
        section: Section,
        label: &str,
        context: Option<&str>,
    ) -> RowMatch {
        self.match_row_key(cat, section, &key(label), context)
    }

    /// [`LabelIndex::match_row`] for a label already normalised (by [`key`]).
    pub fn match_row_key(
        &self,
        cat: &Catalogue,
        section: Section,
        key: &str,
        context: Option<&str>,
    ) -> RowMatch {
        if key.is_empty() {
            return RowMatch::Unknown;
        }
        let mut hits: Vec<(usize, usize)> = self
            .row_at
            .get(key)
            .into_iter()
            .flatten()
            .map(|&i| &self.rows[i])
            .filter(|(_, b, _)| cat.blocks[*b].section == section)
            .map(|(_, b, r)| (*b, *r))
            .collect();
        hits.dedup();
        match hits.len() {
            0 => {
                if self.groups.contains(key) {
                    RowMatch::Group(key.to_string())
                } else {
                    RowMatch::Unknown
                }
            }
            1 => RowMatch::Row {
                block: hits[0].0,
                row: hits[0].1,
            },
            _ => {
                let in_context: Vec<(usize, usize)> = hits
                    .iter()
                    .copied()
                    .filter(|(b, r)| {
                        context.is_some_and(|g| {
                            cat.blocks[*b].rows[*r]
                                .path
                                .iter()
                                .any(|p| normalise(p) == g)
                        })
                    })
                    .collect();
                if in_context.len() == 1 {
                    RowMatch::Row {
                        block: in_context[0].0,
                        row: in_context[0].1,
                    }
                } else {
                    RowMatch::Ambiguous(
                        hits.iter()
                            .map(|(b, r)| cat.blocks[*b].rows[*r].code)
                            .collect(),
                    )
                }
            }
        }
    }

    /// The (block, column) pairs of `section` whose header is `label`.
    pub fn match_column(
        &self,
        cat: &Catalogue,
        section: Section,
        label: &str,
    ) -> Vec<(usize, usize)> {
        self.match_column_key(cat, section, &key(label))
    }

    /// [`LabelIndex::match_column`] for a label already normalised (by [`key`]).
    pub fn match_column_key(
        &self,
        cat: &Catalogue,
        section: Section,
        key: &str,
    ) -> Vec<(usize, usize)> {
        if key.is_empty() {
            return Vec::new();
        }
        self.column_at
            .get(key)
            .into_iter()
            .flatten()
            .map(|&i| &self.columns[i])
            .filter(|(_, b, _)| cat.blocks[*b].section == section)
            .map(|(_, b, c)| (*b, *c))
            .collect()
    }
}

/// The section whose heading `label` is, if any.
pub fn match_section_heading(label: &str) -> Option<Section> {
    section_of_key(&key(label))
}

/// [`match_section_heading`] for a label already normalised (by [`key`]).
pub fn section_of_key(key: &str) -> Option<Section> {
    static HEADINGS: OnceLock<Vec<(String, Section)>> = OnceLock::new();
    if key.is_empty() {
        return None;
    }
    HEADINGS
        .get_or_init(|| {
            Section::ALL
                .into_iter()
                .map(|s| (normalise(s.heading()), s))
                .collect()
        })
        .iter()
        .find(|(h, _)| *h == key)
        .map(|(_, s)| *s)
}

/// Which form a header or row label belongs to, when only one of the two forms has it.
pub fn form_of_label(label: &str) -> Option<FormVersion> {
    form_of_key(&key(label))
}

/// [`form_of_label`] for a label already normalised (by [`key`]).
pub fn form_of_key(key: &str) -> Option<FormVersion> {
    // Every label key of both forms, looked up once per cell instead of scanned.
    static ONLY_IN: OnceLock<HashMap<String, FormVersion>> = OnceLock::new();
    if key.is_empty() {
        return None;
    }
    ONLY_IN
        .get_or_init(|| {
            let keys = |form: FormVersion| -> HashSet<String> {
                let cat = form.catalogue();
                cat.labels()
                    .columns
                    .iter()
                    .map(|(k, _, _)| k.clone())
                    .chain(cat.labels().rows.iter().map(|(k, _, _)| k.clone()))
                    .chain(cat.labels().groups.iter().cloned())
                    .collect()
            };
            let (k19, k21) = (keys(FormVersion::F2019), keys(FormVersion::F2021));
            k19.difference(&k21)
                .map(|k| (k.clone(), FormVersion::F2019))
                .chain(
                    k21.difference(&k19)
                        .map(|k| (k.clone(), FormVersion::F2021)),
                )
                .collect()
        })
        .get(key)
        .copied()
}

#[cfg(test)]
mod tests {
    #[test]
    fn wide_ascii_is_what_nfkc_makes_of_it() {
        use unicode_normalization::UnicodeNormalization;
        for c in ('\u{ff01}'..='\u{ff5e}').chain(['\u{3000}']) {
            assert_eq!(
                super::wide_ascii(c).map(String::from),
                Some(c.to_string().nfkc().collect::<String>()),
                "{c}"
            );
        }
        for label in ["（一）ＡＢ区　２０２０年：报告", "第十条（二）项", "　"]
        {
            let nfkc: String = label.nfkc().collect();
            assert_eq!(super::normalised(label), super::strip(&nfkc), "{label}");
        }
    }

    use super::*;

    #[test]
    fn skipping_nfkc_for_stable_text_changes_nothing() {
        let pieces = [
            "城关区",
            "（三）",
            "(一)",
            "1.",
            "１．",
            "本年新",
            "\n",
            " ",
            "“三安全”",
            "、",
            "〔2019〕",
            "ａｂ",
            "—",
            "12,345",
            "：",
            "万元",
            "ﾃ",
            "é",
            "e\u{301}",
        ];
        // Every sequence of up to three pieces.
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}");
                    let slow = strip(&text.nfkc().collect::<String>());
                    assert_eq!(normalise(&text), slow, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalise("（三）不予公开"), "不予公开");
        assert_eq!(normalise("(三)不予公开"), "不予公开");
        assert_eq!(normalise("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(normalise("１．属于国家秘密"), "属于国家秘密");
        assert_eq!(normalise("属于 国家\n秘密"), "属于国家秘密");
        assert_eq!(normalise("3.危及“三安全一稳定”"), "危及三安全一稳定");
        assert_eq!(normalise("三、本年度办理结果"), "本年度办理结果");
        assert_eq!(normalise("本年新\n制作数量"), "本年新制作数量");
        assert_eq!(normalise("本年收费金额（单位：万元）"), "本年收费金额");
        assert_eq!(
            normalise("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        );
    }

    fn row_code(
        form: FormVersion,
        section: Section,
        label: &str,
        ctx: Option<&str>,
    ) -> Option<&'static str> {
        let cat = form.catalogue();
        match cat.labels().match_row(cat, section, label, ctx) {
            RowMatch::Row { block, row } => Some(cat.blocks[block].rows[row].code),
            _ => None,
        }
    }

    #[test]
    fn rows_by_meaning() {
        let f = FormVersion::F2019;
        let r = Section::Requests;
        assert_eq!(
            row_code(f, r, "1.属于国家秘密", None),
            Some("withheld.state_secret")
        );
        assert_eq!(
            row_code(f, r, "属于国家秘密", None),
            Some("withheld.state_secret")
        );
        assert_eq!(
            row_code(f, r, "（三）不予公开1.属于国家秘密", None),
            Some("withheld.state_secret")
        );
        assert_eq!(
            row_code(f, r, "三、本年度办理结果（一）予以公开", None),
            Some("granted")
        );
        assert_eq!(
            row_code(f, r, "(二)部分公开", None),
            Some("partially_granted")
        );
        assert_eq!(row_code(f, r, "（六）其他处理", None), Some("other"));
        assert_eq!(row_code(f, r, "（七）总计", None), Some("total"));
        assert_eq!(row_code(f, r, "合计", None), Some("total"));
        assert_eq!(
            row_code(FormVersion::F2021, r, "3.其他", None),
            Some("other.other")
        );
        assert_eq!(row_code(f, r, "3.其他", None), None);
        assert_eq!(
            row_code(f, Section::Active, "行政规范性文件", None),
            Some("normative_documents")
        );
        assert_eq!(
            row_code(FormVersion::F2021, Section::Active, "规范性文件", None),
            Some("normative_documents")
        );
        let cat = f.catalogue();
        assert_eq!(
            cat.labels().match_row(cat, r, "（三）不予公开", None),
            RowMatch::Group("不予公开".into())
        );
        assert_eq!(
            cat.labels().match_row(cat, r, "合计人数", None),
            RowMatch::Unknown
        );
    }

    #[test]
    fn columns_and_sections() {
        let cat = FormVersion::F2021.catalogue();
        assert_eq!(
            cat.labels()
                .match_column(cat, Section::Active, "本年收费金额（单位：万元）")
                .len(),
            1
        );
        assert_eq!(
            cat.labels()
                .match_column(cat, Section::Requests, "其他")
                .len(),
            1
        );
        assert_eq!(
            match_section_heading("三、收到和处理政府信息公开申请情况"),
            Some(Section::Requests)
        );
        assert_eq!(
            match_section_heading("四、政府信息公开行政复议、行政诉讼情况"),
            Some(Section::Appeals)
        );
        assert_eq!(form_of_label("本年制发件数"), Some(FormVersion::F2021));
        assert_eq!(form_of_label("本年新 制作数量"), Some(FormVersion::F2019));
        assert_eq!(form_of_label("总计"), None);
        assert_eq!(
            form_of_label("（六）其他处理"),
            None,
            "a row in 2019, a group in 2021"
        );
        assert_eq!(
            form_of_label("3.其他"),
            None,
            "其他 is also a column of both forms"
        );
        assert_eq!(
            form_of_label(
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
            ),
            Some(FormVersion::F2021)
        );
    }
}
