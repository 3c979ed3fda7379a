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
    /// The fields of every line of the core (its lines are padded to the widest line's).
    pub width: usize,
    /// Byte ranges of the fields of the line being split.
    fields: Vec<(usize, usize)>,
    /// Each line of the text: its start, its end (before `\r\n` or `\n`) and its commas.
    spans: Vec<(usize, usize, usize)>,
}

/// Commas to pad a line of the core with, a slice at a time.
const COMMAS: &str = ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,";

/// The first field of `line` that is not blank (whitespace only): its index and where it starts.
fn first_field(line: &str) -> Option<(usize, usize)> {
    let (mut index, mut at) = (0, 0);
    for (k, c) in line.char_indices() {
        if c == ',' {
            index += 1;
            at = k + 1;
        } else if !c.is_whitespace() {
            return Some((index, at));
        }
    }
    None
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
        // Every line's span and commas first, in one pass over the bytes: the widest line sets
        // the core's width. (A search per line and per comma was a twentieth of a varied
        // batch's read; the count of a line's commas is a filter the compiler vectorises.)
        self.spans.clear();
        let mut width = WIDTH;
        let mut start = 0;
        for newline in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
            if start >= bytes.len() {
                break;
            }
            let mut end = newline;
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
            let commas = bytes[start..end].iter().filter(|&&b| b == b',').count();
            width = width.max(commas + 1);
            self.spans.push((start, end, commas));
            start = newline + 1;
        }
        self.width = width;
        // Where the core was before the last lone texts after it: they are the tail if no line
        // of the form follows them.
        let mut before_texts: Option<(usize, usize)> = None;
        for (number, &(a, b, commas)) in (1u32..).zip(&self.spans) {
            if a == b {
                continue;
            }
            let line = &text[a..b];
            let n = commas + 1;
            // Only a line whose first field may open a unit or year line is split into all its
            // fields; any other needs just its first field that is not blank.
            let first = first_field(line);
            let opens_meta = first
                .and_then(|(_, at)| line[at..].chars().next())
                .is_some_and(may_name_meta);
            if opens_meta {
                self.fields.clear();
                let mut from = 0;
                for comma in memchr::memchr_iter(b',', line.as_bytes()) {
                    self.fields.push((from, comma));
                    from = comma + 1;
                }
                self.fields.push((from, line.len()));
                let field = |i: usize| {
                    let (a, b) = self.fields[i];
                    &line[a..b]
                };
                if let Some((is_unit, value, col)) = meta_entry_of(n, field) {
                    let (Some((key_at, _)), Some(value_at)) =
                        (first, (col as usize).checked_sub(1))
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
            // A lone text: every other field empty, that is, only commas before and after it.
            let lone = first.and_then(|first| lone(line, first, commas));
            if let Some(lone) = lone.filter(|_| self.lines.is_empty()) {
                if passes_over_before_tables(lone) {
                    continue;
                }
            }
            if lone.is_some() {
                before_texts.get_or_insert((self.core.len(), self.lines.len()));
            } else {
                before_texts = None;
            }
            self.lines.push(number);
            self.core.push_str(line);
            let mut pad = width - n;
            while pad > 0 {
                let k = pad.min(COMMAS.len());
                self.core.push_str(&COMMAS[..k]);
                pad -= k;
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

/// The text of `line` if every field but its first not blank, `first` (index, start), is empty:
/// only commas before and after it. `commas` is the line's count of them.
fn lone(line: &str, (index, at): (usize, usize), commas: usize) -> Option<&str> {
    let end = memchr::memchr(b',', &line.as_bytes()[at..]).map_or(line.len(), |k| at + k);
    (at == index && line.len() - end == commas - index).then(|| &line[at..end])
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

#[cfg(test)]
mod tests {
    use super::{first_field, lone};

    /// The first field and the lone text as defined on the line's fields, split at every comma.
    fn by_fields(line: &str) -> (Option<usize>, Option<&str>) {
        let fields: Vec<&str> = line.split(',').collect();
        let first = fields.iter().position(|f| !f.trim().is_empty());
        let lone = first
            .filter(|&i| (0..fields.len()).all(|j| j == i || fields[j].is_empty()))
            .map(|i| fields[i]);
        (first, lone)
    }

    #[test]
    fn first_and_lone_fields_match_a_split_at_every_comma() {
        for line in [
            "",
            ",,,",
            "a",
            "a,,,",
            ",,a,,",
            ",,a,b",
            " ,a,,",
            ", ,a",
            "\u{3000},填报单位,城关区",
            ",\u{3000}注：本表,,",
            ",,　,,",
            " 填报单位 ,,",
            "a b,,",
            "\t,,x\t,",
            ",,,\u{a0}",
            "（一）,1,2,,",
        ] {
            let commas = line.matches(',').count();
            let first = first_field(line);
            let (want_first, want_lone) = by_fields(line);
            assert_eq!(first.map(|(i, _)| i), want_first, "{line:?}");
            if let Some((i, at)) = first {
                assert_eq!(
                    line.split(',').nth(i).map(|f| f.as_ptr()),
                    Some(line[at..].as_ptr())
                );
            }
            assert_eq!(
                first.and_then(|f| lone(line, f, commas)),
                want_lone,
                "{line:?}"
            );
        }
    }
}
