//! Header lines: which table a line of column labels belongs to, and where its columns are.

use std::borrow::Cow;

use gongkai_document::Row;
use gongkai_form::{Catalogue, Section};

use super::label::{label_cells, Label, Scope};
use super::state::{Line, Locator, Scratch};
use super::Kind;

const APPLICANT_WORDS: &[&str] = &[
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
];
const APPEAL_WORDS: &[&str] = &["结果维持", "结果纠正", "其他结果", "尚未审结"];

/// The table a line of header words (label keys) belongs to, from words only that table has.
pub(super) fn header_sign<'k>(
    cat: &Catalogue,
    words: impl Iterator<Item = &'k str> + Clone,
) -> Option<Section> {
    let has = |w: &str| words.clone().any(|t| t == w);
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
        || words.clone().any(|t| {
            !cat.labels()
                .match_column_key(cat, Section::Active, t)
                .is_empty()
        })
    {
        return Some(Section::Active);
    }
    None
}

/// The label keys of a row's words from slot `start` on.
fn words<'k>(
    row: Row<'k>,
    keys: &'k [Cow<str>],
    kinds: &'k [Kind],
    start: usize,
) -> impl Iterator<Item = &'k str> + Clone + 'k {
    (start..row.len())
        .filter(move |&i| kinds[i] == Kind::Text)
        .filter_map(move |i| row.cell(i))
        .map(move |c| keys[c.text_index as usize].as_ref())
        .filter(|k| !k.is_empty())
}

/// What a row without values is, without acting on it.
struct Verdict {
    /// The table its header words name, if any.
    sign: Option<Section>,
    /// The table the reader is in after it.
    section: Option<Section>,
    /// A header line of `section`.
    header: bool,
    /// What its label names (for any other row in a table).
    label: Option<Label>,
}

impl<'g> Locator<'_, 'g> {
    /// A row without values: a header line (positions taken), a group heading, a row of the
    /// form whose cells are all blank, or words that are none of these.
    pub(super) fn line_without_values(
        &mut self,
        row: Row<'g>,
        keys: &[Cow<str>],
        sc: &mut Scratch<'g>,
        start: usize,
        label_end: usize,
    ) -> Line {
        let mut text = std::mem::take(&mut sc.text);
        let v = self.verdict(
            row, keys, &sc.kinds, &sc.labels, start, label_end, &mut text,
        );
        sc.text = text;
        if let Some(s) = v.section.filter(|s| self.section != Some(*s)) {
            self.enter(s);
        }
        if !v.header {
            return match v.label {
                Some(label) => Line::Other(label),
                None => Line::BeforeTables,
            };
        }
        let section = v.section.unwrap_or(Section::Active);
        // A header of another table the reader may not go back to says nothing of this one's
        // columns.
        if !row.grid().regrouped && v.sign.is_none_or(|s| s == section) {
            self.record_header(row, keys, section);
        }
        if section == Section::Appeals {
            self.appeals.header_seen = true;
        }
        self.header.last_was_header = true;
        Line::Header
    }

    /// What [`Self::line_without_values`] makes of a row, given its kinds and label cells.
    #[allow(clippy::too_many_arguments)]
    fn verdict(
        &self,
        row: Row<'g>,
        keys: &[Cow<str>],
        kinds: &[Kind],
        labels: &[usize],
        start: usize,
        label_end: usize,
        buf: &mut String,
    ) -> Verdict {
        let sign = header_sign(self.cat, words(row, keys, kinds, start));
        let section = match sign.filter(|s| self.may_enter(*s)) {
            Some(s) => Some(s),
            None => self.section,
        };
        let context = if section == self.section {
            self.context.as_deref()
        } else {
            None
        };
        let Some(current) = section else {
            // Before any table, words without values (a title, a page's prose) open none.
            return Verdict {
                sign,
                section,
                header: false,
                label: None,
            };
        };
        // Blank cells are no sign of another table.
        let scope = Scope {
            section,
            context,
            other_tables: false,
        };
        let label = self.match_label_in(row, keys, labels, scope, buf);
        // Delimited text leaves a row's empty cells out at its end: a row label alone there is
        // a row of blanks.
        let cells_after = row.grid().origin.drops_trailing_empty_cells()
            || (label_end..row.len()).any(|i| row.cell(i).is_some_and(|c| c.first));
        let row_label = matches!(label, Label::Row { .. });
        // A row of the form with every cell blank (`3.其他` is a row here, though 其他 is also
        // a column).
        if sign.is_none() && cells_after && row_label {
            return Verdict {
                sign,
                section,
                header: false,
                label: Some(label),
            };
        }
        let cat = self.cat;
        let header = sign.is_some()
            || words(row, keys, kinds, start)
                .any(|k| !cat.labels().match_column_key(cat, current, k).is_empty());
        // A row label with no cell after it is words beside the table, not a row to read.
        let label = if row_label { Label::Unknown } else { label };
        Verdict {
            sign,
            section,
            header,
            label: Some(label),
        }
    }

    /// Tells a layout learning from this read that `row`, read for its values, would be read as
    /// a header line had its values been blank, as they may be in another file.
    pub(super) fn note_header_if_blank(
        &mut self,
        row: Row<'g>,
        keys: &[Cow<str>],
        sc: &mut Scratch<'g>,
        start: usize,
    ) {
        if self.sources.is_none() {
            return;
        }
        let mut blank = std::mem::take(&mut sc.blank);
        let mut labels = std::mem::take(&mut sc.blank_labels);
        blank.clear();
        blank.extend(sc.kinds.iter().map(|k| match k {
            Kind::Value => Kind::Blank,
            other => *other,
        }));
        let label_end = self.label_end(row, &blank, start, None);
        label_cells(row, keys, &blank, start, label_end, &mut labels);
        let v = self.verdict(row, keys, &blank, &labels, start, label_end, &mut sc.text);
        if v.header {
            if let Some(sources) = &mut self.sources {
                sources.header_if_blank.push(row.number());
            }
        }
        sc.blank = blank;
        sc.blank_labels = labels;
    }

    /// In copied text, header words regrouped before a row's label move to their table.
    pub(super) fn header_words_before_label(
        &mut self,
        row: Row<'g>,
        keys: &[Cow<str>],
        sc: &Scratch,
    ) {
        let n = sc.labels.len();
        if n < 2 {
            return;
        }
        let heads = sc.labels[..n - 1]
            .iter()
            .filter_map(|&i| row.cell(i))
            .map(|c| keys[c.text_index as usize].as_ref());
        if let Some(s) = header_sign(self.cat, heads) {
            if self.section != Some(s) && self.may_enter(s) {
                self.enter(s);
            }
        }
    }

    /// Records where each column of `section` sits, from a header line.
    fn record_header(&mut self, row: Row<'g>, keys: &[Cow<str>], section: Section) {
        let cat = self.cat;
        if section == Section::Appeals {
            self.appeals.header_words(row, keys, cat);
            return;
        }
        // Each of table 二's items has its own header; other tables' headers may run over
        // several lines.
        if section == Section::Active || !self.header.last_was_header {
            self.header.clear();
        }
        for c in row.cells().filter(|c| c.first) {
            for (b, col) in
                cat.labels()
                    .match_column_key(cat, section, &keys[c.text_index as usize])
            {
                self.header.positions.insert((b, col), c.column);
            }
        }
    }
}
