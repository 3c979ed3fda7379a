//! A layout compiled to steps over a text: a file laid out as the layout's is walked once,
//! comparing its labels and the commas between its fields as whole runs of bytes and looking
//! only at its value fields. Splitting and classifying every field to compare shapes (most of
//! a grid's fields are empty) was half of a layout read. The outcome is the shape
//! comparison's and [`LearnedLayout::read`]'s: test builds do both and assert they agree.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{
    classify, is_blank, line_meta, plain, LearnedLayout, LineMeta, Scratch, Side, EMPTY, NUMBER,
    PAST_END, TEXT, UNIT, YEAR,
};
use crate::locate::meta::may_name_meta;
use gongkai_report::UnitReport;

/// A layout as steps over a text.
#[derive(Debug, Default)]
pub(super) struct Program {
    steps: Vec<Step>,
    /// The bytes of every [`Step::Lit`].
    lits: Vec<u8>,
    lines: Vec<MetaLine>,
    /// Per cell of [`LearnedLayout::cells`], where its text is.
    sources: Vec<Source>,
    /// Value fields, each read into a slot.
    slots: usize,
}

#[derive(Debug, Clone, Copy)]
enum Step {
    /// A record starts on `line` (empty lines before it are skipped, as the full reader does).
    Record { line: u32 },
    /// Bytes every file of the layout holds here: labels, the commas between fields, and
    /// fields that must be empty.
    Lit { at: u32, len: u32 },
    /// A field that holds a value: blank or a number.
    Value { slot: u32 },
    /// The end of a line (`\n`, `\r\n` or the end of the text); whether the line must hold a
    /// number (`Some(true)`), must not (`Some(false)`: a line of blanks) or may.
    End { number: Option<bool> },
    /// A whole line that may name the unit or year, matched field by field.
    Line { index: u32 },
}

/// Where the text of a layout's cell is.
#[derive(Debug)]
enum Source {
    /// In a value field.
    Slot(u32),
    /// The same in every file of the layout: a label the full reader reads as a value (`—`),
    /// or nothing (a field past the end of its line).
    Fixed(Box<str>),
}

/// A line that may name the unit or year, as the layout has it.
#[derive(Debug)]
struct MetaLine {
    line: u32,
    fields: Vec<MetaField>,
    meta: Expect,
    blank: bool,
    /// It must hold a number (see `CellSources::header_if_blank`).
    numbered: bool,
}

#[derive(Debug)]
struct MetaField {
    /// `TEXT` (its text must be the same), `EMPTY` (blank, or a number if it has a slot),
    /// `UNIT` or `YEAR` (anything).
    class: u8,
    text: Box<str>,
    slot: Option<u32>,
}

/// What a [`MetaLine`] must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Neither,
    Key { is_unit: bool },
    Named { is_unit: bool, field: usize },
}

/// Buffers for [`Program::read`], reused from file to file.
#[derive(Debug, Default)]
pub(super) struct Walk {
    /// Byte range of each value field.
    slots: Vec<(usize, usize)>,
    /// Fields and classes of the meta line being matched.
    fields: Vec<(usize, usize)>,
    classes: Vec<u8>,
}

/// Where a text names its unit or year: the field's byte range and the value taken from it.
type Named = ((usize, usize), String);

impl Program {
    /// The steps of `t`, learned from `text` as `s` split it; `None` for a layout the steps
    /// cannot express.
    pub(super) fn compile(t: &LearnedLayout, text: &str, s: &Scratch) -> Option<Program> {
        let heads = heads(&s.shape, &s.records)?;
        let mut p = Program::default();
        let mut slot_of = vec![u32::MAX; s.fields.len()];
        let mut lit = Vec::new();
        let mut new_slot = |p: &mut Program, field: usize| {
            slot_of[field] = p.slots as u32;
            p.slots += 1;
            p.slots as u32 - 1
        };
        for (r, (&(line, first, end), &(meta, blank))) in s.records.iter().zip(&heads).enumerate() {
            let fields = first as usize..end as usize;
            let get = |i: usize| s.field(text, i as u32);
            let class = |i: usize| s.classes[i];
            let numbered = t.numbered.contains(&(r as u32));
            let blank = blank == b'e';
            let names = fields.clone().any(|i| {
                matches!(class(i), UNIT | YEAR)
                    || class(i) == TEXT && get(i).chars().next().is_some_and(may_name_meta)
            });
            if meta != b'.' || names {
                p.flush(&mut lit);
                let named = |is_unit| {
                    let at = fields
                        .clone()
                        .position(|i| class(i) == if is_unit { UNIT } else { YEAR });
                    at.map(|field| Expect::Named { is_unit, field })
                };
                let meta = match meta {
                    b'.' => Expect::Neither,
                    b'u' | b'y' => Expect::Key {
                        is_unit: meta == b'u',
                    },
                    UNIT | YEAR => named(meta == UNIT)?,
                    _ => return None,
                };
                let mut line_fields = Vec::with_capacity(fields.len());
                for i in fields {
                    let (class, text) = match class(i) {
                        TEXT => (TEXT, get(i)),
                        EMPTY | NUMBER => (EMPTY, ""),
                        other => (other, ""),
                    };
                    let slot = (class == EMPTY && t.values[i]).then(|| new_slot(&mut p, i));
                    line_fields.push(MetaField {
                        class,
                        text: text.into(),
                        slot,
                    });
                }
                p.steps.push(Step::Line {
                    index: p.lines.len() as u32,
                });
                p.lines.push(MetaLine {
                    line,
                    fields: line_fields,
                    meta,
                    blank,
                    numbered,
                });
                continue;
            }
            p.steps.push(Step::Record { line });
            let mut texts = false;
            for (k, i) in fields.enumerate() {
                if k > 0 {
                    lit.push(b',');
                }
                match class(i) {
                    TEXT => {
                        texts = true;
                        lit.extend_from_slice(get(i).as_bytes());
                    }
                    EMPTY | NUMBER if t.values[i] => {
                        p.flush(&mut lit);
                        let slot = new_slot(&mut p, i);
                        p.steps.push(Step::Value { slot });
                    }
                    // Blank in every file: no number where no value goes.
                    EMPTY | NUMBER => {}
                    _ => return None,
                }
            }
            p.flush(&mut lit);
            // A line of value fields only is blank, or not, as the layout's was.
            let number = if numbered || !texts && !blank {
                Some(true)
            } else if !texts {
                Some(false)
            } else {
                None
            };
            p.steps.push(Step::End { number });
        }
        for &(field, _, _) in &t.cells {
            let source = if field == PAST_END {
                Source::Fixed("".into())
            } else {
                match s.classes[field as usize] {
                    TEXT => Source::Fixed(s.field(text, field).into()),
                    EMPTY | NUMBER if slot_of[field as usize] != u32::MAX => {
                        Source::Slot(slot_of[field as usize])
                    }
                    _ => return None,
                }
            };
            p.sources.push(source);
        }
        Some(p)
    }

    fn flush(&mut self, lit: &mut Vec<u8>) {
        if !lit.is_empty() {
            self.steps.push(Step::Lit {
                at: self.lits.len() as u32,
                len: lit.len() as u32,
            });
            self.lits.append(lit);
        }
    }

    /// The report of `text` (the core of a file whose side lines are `side`), if it is laid out
    /// as `t` (whose program this is) and `t` would read it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn read(
        &self,
        t: &LearnedLayout,
        text: &str,
        side: &Side,
        path: &Path,
        file: &Arc<PathBuf>,
        w: &mut Walk,
    ) -> Option<UnitReport> {
        if !plain(text) {
            return None;
        }
        let bytes = text.as_bytes();
        w.slots.clear();
        w.slots.resize(self.slots, (0, 0));
        let (mut pos, mut line, mut number) = (0, 1, false);
        let (mut unit, mut year): (Option<Named>, Option<Named>) = (None, None);
        for step in &self.steps {
            match *step {
                Step::Record { line: want } => {
                    skip_empty_lines(bytes, &mut pos, &mut line);
                    if line != want || pos == bytes.len() {
                        return None;
                    }
                    number = false;
                }
                Step::Lit { at, len } => {
                    let lit = &self.lits[at as usize..(at + len) as usize];
                    if !starts_with(&bytes[pos..], lit) {
                        return None;
                    }
                    pos += lit.len();
                }
                Step::Value { slot } => {
                    let rest = &bytes[pos..];
                    let len = rest
                        .iter()
                        .position(|b| matches!(b, b',' | b'\n' | b'\r'))
                        .unwrap_or(rest.len());
                    match classify(&rest[..len]) {
                        EMPTY => {}
                        NUMBER => number = true,
                        _ => return None,
                    }
                    w.slots[slot as usize] = (pos, pos + len);
                    pos += len;
                }
                Step::End { number: want } => {
                    end_line(bytes, &mut pos)?;
                    line += 1;
                    if want.is_some_and(|want| want != number) {
                        return None;
                    }
                }
                Step::Line { index } => {
                    let m = &self.lines[index as usize];
                    skip_empty_lines(bytes, &mut pos, &mut line);
                    if line != m.line || pos == bytes.len() {
                        return None;
                    }
                    match m.read(text, &mut pos, w)? {
                        Some((true, named)) => unit = Some(named),
                        Some((false, named)) => year = Some(named),
                        None => {}
                    }
                    line += 1;
                }
            }
        }
        skip_empty_lines(bytes, &mut pos, &mut line);
        if pos != bytes.len() {
            return None;
        }
        // The side lines name the unit and year: the core has none.
        if unit.is_some() || year.is_some() {
            return None;
        }
        t.report(side, path, file, |k| match &self.sources[k] {
            Source::Slot(slot) => {
                let (a, b) = w.slots[*slot as usize];
                &text[a..b]
            }
            Source::Fixed(text) => text,
        })
    }
}

impl MetaLine {
    /// Matches the line at `pos` and moves past it: what it names (`true` for the unit), or
    /// `None` if it does not fit.
    fn read(&self, text: &str, pos: &mut usize, w: &mut Walk) -> Option<Option<(bool, Named)>> {
        let bytes = text.as_bytes();
        let start = *pos;
        let newline = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |k| start + k);
        let end = match bytes[start..newline].last() {
            Some(b'\r') => newline - 1,
            _ => newline,
        };
        w.fields.clear();
        let mut a = start;
        for k in memchr::memchr_iter(b',', &bytes[start..end]) {
            w.fields.push((a, start + k));
            a = start + k + 1;
        }
        w.fields.push((a, end));
        if w.fields.len() != self.fields.len() {
            return None;
        }
        w.classes.clear();
        for (&(a, b), f) in w.fields.iter().zip(&self.fields) {
            let field = &bytes[a..b];
            let class = classify(field);
            let fits = match f.class {
                TEXT => field == f.text.as_bytes(),
                UNIT | YEAR => true,
                _ => class == EMPTY || class == NUMBER && f.slot.is_some(),
            };
            if !fits {
                return None;
            }
            if let Some(slot) = f.slot {
                w.slots[slot as usize] = (a, b);
            }
            w.classes.push(class);
        }
        let get = |i: usize| {
            let (a, b) = w.fields[i];
            &text[a..b]
        };
        if is_blank(&w.classes, get) != self.blank {
            return None;
        }
        let (named, at) = match (line_meta(&w.classes, get)?, self.meta) {
            (LineMeta::Neither, Expect::Neither) => (None, None),
            (LineMeta::Key { is_unit }, Expect::Key { is_unit: want }) if is_unit == want => {
                (None, None)
            }
            (
                LineMeta::Named {
                    is_unit,
                    field,
                    value,
                },
                Expect::Named {
                    is_unit: want,
                    field: at,
                },
            ) if (is_unit, field) == (want, at) => {
                (Some((is_unit, (w.fields[field], value))), Some(field))
            }
            _ => return None,
        };
        // The unit's or year's field counts as such, not as a number.
        let number = |(i, c): (usize, &u8)| *c == NUMBER && Some(i) != at;
        if self.numbered && !w.classes.iter().enumerate().any(number) {
            return None;
        }
        *pos = (newline + 1).min(bytes.len());
        Some(named)
    }
}

/// Whether `text` opens with `lit`: compared eight bytes at a time, inline (most are short runs
/// of commas and labels, which a call to `memcmp` each took longer to compare).
#[inline]
fn starts_with(text: &[u8], lit: &[u8]) -> bool {
    let Some(head) = text.get(..lit.len()) else {
        return false;
    };
    let ((a, a_rest), (b, b_rest)) = (head.as_chunks::<8>(), lit.as_chunks::<8>());
    a.iter().zip(b).all(|(x, y)| x == y) && a_rest.iter().zip(b_rest).all(|(x, y)| x == y)
}

/// Moves `pos` past empty lines (`\n`, `\r\n`), counting them.
fn skip_empty_lines(bytes: &[u8], pos: &mut usize, line: &mut u32) {
    loop {
        match bytes.get(*pos..) {
            Some([b'\n', ..]) => *pos += 1,
            Some([b'\r', b'\n', ..]) => *pos += 2,
            _ => return,
        }
        *line += 1;
    }
}

/// Moves `pos` past the end of a line; `None` if there is none at `pos`.
fn end_line(bytes: &[u8], pos: &mut usize) -> Option<()> {
    match bytes.get(*pos..)? {
        [] => {}
        [b'\n', ..] => *pos += 1,
        [b'\r', b'\n', ..] => *pos += 2,
        _ => return None,
    }
    Some(())
}

/// Per record of a shape: what `meta::meta_entry_of` makes of it and whether it is blank (the two
/// bytes after its line number; see [`Scratch::shape`]).
fn heads(shape: &[u8], records: &[(u32, u32, u32)]) -> Option<Vec<(u8, u8)>> {
    let mut at = 0;
    let mut out = Vec::with_capacity(records.len());
    for &(_, first, end) in records {
        if shape.get(at) != Some(&b'\n') {
            return None;
        }
        out.push((*shape.get(at + 5)?, *shape.get(at + 6)?));
        at += 7;
        for _ in first..end {
            if shape.get(at) != Some(&b',') {
                return None;
            }
            let class = *shape.get(at + 1)?;
            at += 2;
            if class == TEXT {
                while shape.get(at).is_some_and(|b| *b != b',' && *b != b'\n') {
                    at += 1;
                }
            }
        }
    }
    (at == shape.len()).then_some(out)
}
