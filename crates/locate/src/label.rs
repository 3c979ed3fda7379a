//! Row labels: which of a row's cells are its label, and which row of the form they name.

use std::borrow::Cow;
use std::sync::OnceLock;

use gongkai_document::Row;
use gongkai_form::label::{key, normalise, RowMatch};
use gongkai_form::{Catalogue, FormVersion, Section};
use gongkai_messages::msg;

use super::state::{Locator, Scratch};
use super::Kind;

/// What a row's label cells name.
#[derive(Debug)]
pub(super) enum Label {
    /// A row of the form, named by the last `cells` label cells.
    Row {
        section: Section,
        block: usize,
        row: usize,
        cells: usize,
        /// Read as this row although the label differs a little (a typo): the row's label.
        close: Option<&'static str>,
    },
    /// A group heading such as `（三）不予公开` (normalised).
    Group(String),
    /// Several rows fit (their codes); named by the last `cells` label cells.
    Ambiguous(Vec<&'static str>, usize),
    /// Words that name no row of the form.
    Unknown,
    /// No label at all.
    None,
}

/// Where a label is matched: the table the reader is in, the group heading last seen there,
/// and whether the label may name a row of another table.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scope<'c> {
    pub section: Option<Section>,
    pub context: Option<&'c str>,
    pub other_tables: bool,
}

/// The label cells of a row (slots, in order): words between `start` and `label_end`, a
/// merged cell once.
pub(super) fn label_cells(
    row: Row,
    keys: &[Cow<str>],
    kinds: &[Kind],
    start: usize,
    label_end: usize,
    out: &mut Vec<usize>,
) {
    out.clear();
    for (i, c) in row.cells().enumerate().take(label_end).skip(start) {
        if kinds[i] != Kind::Text || !c.first || keys[c.text_index as usize].is_empty() {
            continue;
        }
        if out.last().is_some_and(|&j| row.text(j) == c.text) {
            continue;
        }
        out.push(i);
    }
}

/// The texts of `cells` of a row, joined by `sep`.
pub(super) fn joined(row: Row, cells: &[usize], sep: &str) -> String {
    cells
        .iter()
        .map(|&i| row.text(i))
        .collect::<Vec<_>>()
        .join(sep)
}

/// The group a row of the form is under (its path's second-last part), normalised: the
/// context that tells recurring labels apart below it. Once per form, not per row read.
pub(super) fn parent_key(
    cat: &'static Catalogue,
    block: usize,
    row: usize,
) -> Option<&'static str> {
    type Parents = Vec<Vec<Option<String>>>;
    static PARENTS: [OnceLock<Parents>; 2] = [OnceLock::new(), OnceLock::new()];
    let form = FormVersion::ALL.iter().position(|f| *f == cat.form)?;
    let parents = PARENTS.get(form)?.get_or_init(|| {
        cat.blocks
            .iter()
            .map(|b| {
                b.rows
                    .iter()
                    .map(|r| (r.path.len() > 1).then(|| normalise(r.path[r.path.len() - 2])))
                    .collect()
            })
            .collect()
    });
    parents.get(block)?.get(row)?.as_deref()
}

impl<'g> Locator<'_, 'g> {
    /// What the row's label cells name, in the current table (else another, when unmistakable).
    pub(super) fn match_label(
        &self,
        row: Row<'g>,
        keys: &[Cow<str>],
        sc: &mut Scratch<'g>,
    ) -> Label {
        let scope = Scope {
            section: self.section,
            context: self.context.as_deref(),
            other_tables: true,
        };
        self.match_label_in(row, keys, &sc.labels, scope, &mut sc.text)
    }

    /// The longest run of label cells, from the end (up to four), that names a row of
    /// `section`, else (with `other_tables`, or before any table) of another table when
    /// unmistakable; else a group heading, several rows, or (on a page) the row whose label is
    /// a few characters off.
    pub(super) fn match_label_in(
        &self,
        row: Row<'g>,
        keys: &[Cow<str>],
        labels: &[usize],
        scope: Scope,
        buf: &mut String,
    ) -> Label {
        let Scope {
            section,
            context,
            other_tables,
        } = scope;
        let n = labels.len();
        if n == 0 {
            return Label::None;
        }
        let cat = self.cat;
        let key_of = |i: usize| -> &str {
            row.cell(i)
                .map_or("", |c| keys[c.text_index as usize].as_ref())
        };
        let mut order = [None; 3];
        match section {
            Some(s) => {
                order[0] = Some(s);
                for (slot, other) in order[1..]
                    .iter_mut()
                    .zip(Section::ALL.into_iter().filter(|x| *x != s))
                {
                    *slot = Some(other);
                }
            }
            None => {
                order[0] = Some(Section::Active);
                order[1] = Some(Section::Requests);
            }
        }
        let mut group: Option<String> = None;
        let mut ambiguous: Option<(Vec<&'static str>, usize)> = None;
        for (si, &s) in order.iter().flatten().enumerate() {
            for k in (1..=n.min(4)).rev() {
                let joined: Cow<str> = if k == 1 {
                    Cow::Borrowed(key_of(labels[n - 1]))
                } else {
                    buf.clear();
                    for &i in &labels[n - k..] {
                        buf.push_str(row.text(i));
                    }
                    key(buf)
                };
                if joined.is_empty() {
                    continue;
                }
                // In another table than the current one: only for a row with values, and not
                // for words that are columns here (总计, 其他), rows of table 四 (which are
                // headers on a page) or a total (合计: a sum row belongs to its own table).
                if si > 0 {
                    let cur = section.unwrap_or(Section::Active);
                    if !other_tables
                        || s == Section::Appeals
                        || matches!(&*joined, "总计" | "合计")
                        || !cat.labels().match_column_key(cat, cur, &joined).is_empty()
                    {
                        continue;
                    }
                }
                let before = labels[..n - k].iter().rev().find_map(|&i| {
                    match cat.labels().match_row_key(cat, s, key_of(i), None) {
                        RowMatch::Group(g) => Some(g),
                        _ => None,
                    }
                });
                let context = before.as_deref().or(context);
                match cat.labels().match_row_key(cat, s, &joined, context) {
                    RowMatch::Row { block, row } => {
                        return Label::Row {
                            section: s,
                            block,
                            row,
                            cells: k,
                            close: None,
                        }
                    }
                    RowMatch::Group(g) if si == 0 && k == 1 => {
                        group.get_or_insert(g);
                    }
                    RowMatch::Ambiguous(codes) if si == 0 => {
                        ambiguous.get_or_insert((codes, k));
                    }
                    _ => {}
                }
            }
        }
        if let Some((codes, k)) = ambiguous {
            return Label::Ambiguous(codes, k);
        }
        if let Some(g) = group {
            return Label::Group(g);
        }
        if self.conv.close_labels {
            if let Some((section, block, row, meant)) =
                self.close_row(section, key_of(labels[n - 1]))
            {
                return Label::Row {
                    section,
                    block,
                    row,
                    cells: 1,
                    close: Some(meant),
                };
            }
        }
        Label::Unknown
    }

    /// The row whose label is within a few characters of `key` (a typo such as
    /// 属于三类内容事务信息 for 属于三类内部事务信息), if exactly one is that close; else the one
    /// row whose label `key` holds with a word or two more (`行政许可事项`).
    fn close_row(
        &self,
        section: Option<Section>,
        key: &str,
    ) -> Option<(Section, usize, usize, &'static str)> {
        let len = key.chars().count();
        if !(4..=60).contains(&len) {
            return None;
        }
        let allowed = (len / 6).max(1);
        let sections = match section {
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
                .map(|name| strsim::levenshtein(key, name))
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

    /// Says so when a row is read by a label close to the form's, not the form's own.
    pub(super) fn note_close(&mut self, row: Row<'g>, sc: &Scratch, close: Option<&'static str>) {
        self.reading_close = close.is_some();
        if let Some(meant) = close {
            let text = sc
                .labels
                .last()
                .map_or(String::new(), |&i| row.text(i).replace('\n', " "));
            let d = self.warning(
                &row.place(None),
                msg!("locate-close-label", label = text, meant = meant),
            );
            self.push(d);
        }
    }
}
