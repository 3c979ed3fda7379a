//! A checked report at rest: what `export`, `trend` and the review read of a report after the
//! batch is closed, packed into about a fifth of a [`UnitReport`]'s memory, so that a national
//! batch (100,000 units × 5 years) can be held whole.
//!
//! Values are zigzag varints (most cells of a report are 0 or small: a byte each), blanks a bit
//! each, and the line of each cell the varint of its step from the cell before (the form is read
//! top to bottom: a byte each). What is dropped is where each cell sat in a document without lines
//! (a sheet's cell, a page): findings were made while the report was whole.

use std::path::PathBuf;
use std::sync::Arc;

use gongkai_form::FormVersion;

use crate::report::{Layout, Source, UnitReport};

/// A report packed for keeping ([`KeptReport::from`] and [`KeptReport::to_report`] round-trip
/// everything but the places of cells in documents without lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptReport {
    pub unit: String,
    pub year: i32,
    pub form: FormVersion,
    pub file: Arc<PathBuf>,
    pub layout: Layout,
    /// Each cell's value, zigzag varint, runs of zeros as a 0 and their length ([`put_runs`]).
    values: Box<[u8]>,
    /// A bit per cell, set where the cell was blank.
    blank: Box<[u8]>,
    /// Each cell's line as the zigzag varint of its step from the cell before, runs of zero
    /// steps as for `values`; empty for a document without lines, whose cells have no line to
    /// name.
    lines: Box<[u8]>,
}

/// A kept report unpacked: one value, blank and line per cell of its form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Unpacked {
    pub values: Vec<i64>,
    pub blank: Vec<bool>,
    /// 1-based line of each cell, 0 where it has none (or the document has no lines).
    pub lines: Vec<u32>,
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// The varints of `bytes`, in order.
fn varints(bytes: &[u8]) -> impl Iterator<Item = u64> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = *bytes.get(at)?;
            at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
            shift += 7;
        }
    })
}

/// `values` as varints, each run of zeros as a 0 and the run's length: nine in ten of a
/// report's cells are 0, as are most steps between its cells' lines in a grid (the cells of one
/// row). A national batch of hand-shaped grids kept 0.8 KB a report before, 0.6 KB after.
fn put_runs(out: &mut Vec<u8>, values: impl Iterator<Item = u64>) {
    let mut zeros = 0u64;
    for v in values {
        if v == 0 {
            zeros += 1;
            continue;
        }
        if zeros > 0 {
            out.push(0);
            put_varint(out, zeros);
            zeros = 0;
        }
        put_varint(out, v);
    }
    if zeros > 0 {
        out.push(0);
        put_varint(out, zeros);
    }
}

/// The values [`put_runs`] wrote, runs of zeros spelled out.
fn runs(bytes: &[u8]) -> impl Iterator<Item = u64> + '_ {
    let mut varints = varints(bytes);
    let mut zeros = 0u64;
    std::iter::from_fn(move || {
        if zeros > 0 {
            zeros -= 1;
            return Some(0);
        }
        match varints.next()? {
            0 => {
                zeros = varints.next()?.saturating_sub(1);
                Some(0)
            }
            v => Some(v),
        }
    })
}

impl KeptReport {
    pub fn from(r: &UnitReport) -> KeptReport {
        let mut values = Vec::with_capacity(r.values.len() / 2 + 16);
        put_runs(&mut values, r.values.iter().map(|&v| zigzag(v)));
        let mut blank = vec![0u8; r.blank.len().div_ceil(8)];
        for (i, _) in r.blank.iter().enumerate().filter(|(_, b)| **b) {
            blank[i / 8] |= 1 << (i % 8);
        }
        let mut lines = Vec::new();
        // A document without lines counts its rows through in `lines`: not a line to name.
        if r.source.places.is_empty() {
            let mut before = 0i64;
            let steps = r.source.lines.iter().map(|&line| {
                let step = zigzag(i64::from(line) - before);
                before = i64::from(line);
                step
            });
            put_runs(&mut lines, steps);
        }
        KeptReport {
            unit: r.unit.clone(),
            year: r.year,
            form: r.form,
            file: r.source.file.clone(),
            layout: r.source.layout,
            values: values.into_boxed_slice(),
            blank: blank.into_boxed_slice(),
            lines: lines.into_boxed_slice(),
        }
    }

    /// Cells of the report's form.
    pub fn cells(&self) -> usize {
        self.form.catalogue().len()
    }

    /// Each cell's value (0 where blank).
    pub fn values(&self) -> Vec<i64> {
        runs(&self.values).map(unzigzag).collect()
    }

    /// Each cell's value, blank mark and line.
    pub fn unpack(&self) -> Unpacked {
        let n = self.cells();
        let blank = (0..n)
            .map(|i| {
                self.blank
                    .get(i / 8)
                    .is_some_and(|b| b & (1 << (i % 8)) != 0)
            })
            .collect();
        let lines = if self.lines.is_empty() {
            vec![0; n]
        } else {
            let mut line = 0i64;
            runs(&self.lines)
                .map(|step| {
                    line += unzigzag(step);
                    u32::try_from(line).unwrap_or(0)
                })
                .collect()
        };
        Unpacked {
            values: self.values(),
            blank,
            lines,
        }
    }

    /// The report again, without the places of cells in a document without lines.
    pub fn to_report(&self) -> UnitReport {
        let Unpacked {
            values,
            blank,
            lines,
        } = self.unpack();
        UnitReport {
            unit: self.unit.clone(),
            year: self.year,
            form: self.form,
            values,
            blank,
            source: Source {
                file: self.file.clone(),
                layout: self.layout,
                lines,
                places: Vec::new(),
            },
        }
    }

    /// Bytes this report holds on the heap besides its shared file name: what a batch keeps per
    /// report (the README states it).
    pub fn heap_bytes(&self) -> usize {
        self.unit.capacity() + self.values.len() + self.blank.len() + self.lines.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_zeros_come_back_as_they_went_in() {
        let cases: Vec<Vec<u64>> = vec![
            vec![],
            vec![0],
            vec![0; 300],
            vec![5],
            vec![0, 0, 7, 0],
            [vec![1], vec![0; 128], vec![2], vec![0; 129]].concat(),
            (0..500)
                .map(|i| if i % 9 == 0 { i * 1000 } else { 0 })
                .collect(),
            vec![u64::MAX, 0, u64::MAX],
        ];
        for values in cases {
            let mut bytes = Vec::new();
            put_runs(&mut bytes, values.iter().copied());
            assert_eq!(runs(&bytes).collect::<Vec<_>>(), values);
        }
    }
    use gongkai_document::Place;

    fn report(form: FormVersion, seed: u64, places: bool) -> UnitReport {
        let mut r = UnitReport::empty(
            "城关区".to_string(),
            2021,
            form,
            Arc::new(PathBuf::from("城关区.csv")),
            Layout::Grid,
        );
        let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        for i in 0..r.values.len() {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let v = match x % 7 {
                0 => None,
                1 => Some(0),
                2 => Some((x >> 20) as i64 % 1_000_000_000_000_000),
                3 => Some(-((x >> 40) as i64)),
                4 => Some(i64::MAX - (x % 3) as i64),
                5 => Some(i64::MIN + (x % 3) as i64),
                _ => Some((x >> 50) as i64),
            };
            let line = if x.is_multiple_of(5) {
                0
            } else {
                (x >> 33) as u32
            };
            r.set(i, v, line);
            if places {
                r.source.set_place(i, Place::File);
            }
        }
        r
    }

    #[test]
    fn packing_keeps_every_value_blank_and_line() {
        for form in FormVersion::ALL {
            for seed in 0..200 {
                let r = report(form, seed, false);
                let kept = KeptReport::from(&r);
                assert_eq!(kept.to_report(), r, "{form:?} seed {seed}");
                assert!(
                    kept.heap_bytes() < r.values.len() * 8 + r.values.len() * 5,
                    "no bigger than the report"
                );
            }
        }
    }

    #[test]
    fn a_document_without_lines_keeps_no_lines() {
        let r = report(FormVersion::F2021, 7, true);
        let back = KeptReport::from(&r).to_report();
        assert_eq!(back.values, r.values);
        assert_eq!(back.blank, r.blank);
        assert!(back.source.lines.iter().all(|l| *l == 0));
        assert!(back.source.places.is_empty());
    }

    #[test]
    fn a_typical_report_packs_to_a_fraction() {
        // Mostly zeros and small counts, lines one after another: about a byte a cell each.
        let mut r = UnitReport::empty(
            "兰州市城关区人民政府办公室".to_string(),
            2020,
            FormVersion::F2019,
            Arc::new(PathBuf::from("x.csv")),
            Layout::Grid,
        );
        let n = r.values.len();
        for i in 0..n {
            r.set(i, Some((i % 4) as i64 * 3), 10 + i as u32);
        }
        let kept = KeptReport::from(&r);
        let whole = n * (8 + 1 + 4);
        assert!(
            kept.heap_bytes() * 4 < whole,
            "{} bytes kept of {whole}",
            kept.heap_bytes()
        );
    }
}
