//! The lines of a text that the full reader passes over without a trace, taken out before a
//! layout is looked for, and the rest put in one form: files laid out alike but for a title
//! naming the unit, their unit and year lines (in any of their forms), blank lines, a note
//! after the tables or how far their lines are padded, share one layout.
//!
//! Why each is no part of the layout (the full reader, `unit_file::read` and the locator):
//! - an empty line is no record;
//! - a unit or year line is taken for its unit or year and goes no further into the walk
//!   (`walk::unit_line`): what it names is checked as the unit's or year's field always is
//!   ([`super::LearnedLayout::report`]); other words or numbers on it are left to the full read;
//! - a lone text before any line of the form, or after the line of table 四 when that ends the
//!   form, is passed over (`gongkai_locate::passes_over_before_tables`; after table 四, words that
//!   name no row or column of either form are no row, and the table is done);
//! - a delimited line's empty tail: a cell past the end of a line is read as an empty one
//!   (`Origin::drops_trailing_empty_cells`). Where it is not (a labelled row of table 四,
//!   counted by its cells) the layout is not learned ([`Side::pads_safely`]).

use gongkai_form::label::{key, normalise, RowMatch};
use gongkai_form::{FormVersion, Section};
use gongkai_locate::meta::{may_name_meta, meta_entry_of};
use gongkai_locate::passes_over_before_tables;

use super::names_a_label;

/// Every line of the core is padded with empty fields to at least this many.
const WIDTH: usize = 16;

/// A text without its side lines.
#[derive(Debug, Default)]
pub(super) struct Side {
    /// The other lines, each padded to the same number of fields and ended by `\n`.
    pub core: String,
    /// The line in the file of each line of `core` (the first is line 1 of the core).
    pub lines: Vec<u32>,
    /// The field that names the unit, and the unit as the full reader takes it from it.
    pub unit: Option<(String, String)>,
    pub year: Option<(String, String)>,
    /// Lone texts after the last line of the core.
    pub tail: bool,
    /// Byte ranges of the fields of the line being split.
    fields: Vec<(usize, usize)>,
}

impl Side {
    /// Splits a plain text (see `super::plain`); false for side lines no layout stands for: a
    /// second unit or year line, or words or numbers beside a unit or year.
    pub fn split(&mut self, text: &str) -> bool {
        self.core.clear();
        self.lines.clear();
        self.unit = None;
        self.year = None;
        self.tail = false;
        let bytes = text.as_bytes();
        // The widest line's fields, in one pass over the bytes (a search per line and per comma
        // was a twentieth of a varied batch's read).
        // (The count of a line's commas is a filter the compiler turns into vector code.)
        let width = bytes
            .split(|&b| b == b'\n')
            .map(|line| line.iter().filter(|&&b| b == b',').count() + 1)
            .max()
            .unwrap_or(0)
            .max(WIDTH);
        // Where the core was before the last lone texts after it: they are the tail if no line
        // of the form follows them.
        let mut before_texts: Option<(usize, usize)> = None;
        let (mut start, mut number) = (0, 0u32);
        while start < bytes.len() {
            let newline = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |k| start + k);
            let mut end = newline;
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
            number += 1;
            let line = (start, end);
            start = newline + 1;
            if line.0 == line.1 {
                continue;
            }
            self.fields.clear();
            // Byte by byte: a grid's line is short and mostly commas (`,,,,`).
            let mut a = line.0;
            for (k, &b) in bytes[line.0..line.1].iter().enumerate() {
                if b == b',' {
                    self.fields.push((a, line.0 + k));
                    a = line.0 + k + 1;
                }
            }
            self.fields.push((a, line.1));
            let field = |i: usize| {
                let (a, b) = self.fields[i];
                &text[a..b]
            };
            let n = self.fields.len();
            let first = (0..n).find(|&i| !field(i).trim().is_empty());
            let opens_meta = first
                .and_then(|i| field(i).chars().next())
                .is_some_and(may_name_meta);
            if opens_meta {
                if let Some((is_unit, value, col)) = meta_entry_of(n, field) {
                    let (Some(key_at), Some(value_at)) = (first, (col as usize).checked_sub(1))
                    else {
                        return false;
                    };
                    if (0..n).any(|i| i != key_at && i != value_at && !field(i).is_empty()) {
                        return false;
                    }
                    if !value.is_empty() {
                        let slot = if is_unit {
                            &mut self.unit
                        } else {
                            &mut self.year
                        };
                        if slot.is_some() {
                            return false;
                        }
                        *slot = Some((field(value_at).to_string(), value));
                    }
                    // The key's own words count in the reader's guess of the form.
                    if key_at != value_at && names_a_label(field(key_at)) {
                        return false;
                    }
                    continue;
                }
            }
            let lone = first.filter(|&i| (0..n).all(|j| j == i || field(j).is_empty()));
            if let Some(i) = lone.filter(|_| self.lines.is_empty()) {
                if passes_over_before_tables(field(i)) {
                    continue;
                }
            }
            if lone.is_some() {
                before_texts.get_or_insert((self.core.len(), self.lines.len()));
            } else {
                before_texts = None;
            }
            self.lines.push(number);
            self.core.push_str(&text[line.0..line.1]);
            for _ in n..width {
                self.core.push(',');
            }
            self.core.push('\n');
        }
        if let Some((len, lines)) = before_texts {
            // Each lone text of the tail, passed over as no row, column or heading.
            let tail = &self.core[len..];
            let passed = tail.lines().all(|l| {
                let t = l.trim_end_matches(',');
                passes_over_before_tables(t) && !names_a_label(t)
            });
            if passed && lines > 0 {
                self.core.truncate(len);
                self.lines.truncate(lines);
                self.tail = true;
            }
        }
        true
    }
}

/// Whether a line whose label cell is `label` reads the same padded or not: not a labelled row
/// of table 四 (read as such when it has at most 6 cells after its label), in any context the
/// reader may be in there (none, or a group of table 四's rows).
pub(super) fn pads_safely(label: &str) -> bool {
    let k = key(label);
    k.is_empty()
        || FormVersion::ALL.into_iter().all(|f| {
            let cat = f.catalogue();
            let groups = cat
                .blocks
                .iter()
                .filter(|b| b.section == Section::Appeals)
                .flat_map(|b| b.rows.iter())
                .filter(|r| r.path.len() > 1)
                .map(|r| normalise(r.path[r.path.len() - 2]));
            std::iter::once(None)
                .chain(groups.map(Some))
                .all(|context| {
                    !matches!(
                        cat.labels()
                            .match_row_key(cat, Section::Appeals, &k, context.as_deref()),
                        RowMatch::Row { .. }
                    )
                })
        })
}
