//! What the rules between years need of a report, kept when the report itself is not: a national
//! batch is folded chunk by chunk, and X1–X4 are checked once every year is in. Kept packed, a
//! few dozen bytes a report: a unit's name and a folder stored once, values as varints.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use foldhash::fast::FixedState;
use gongkai_form::rules::cross_year_rules;
use gongkai_form::FormVersion;
use gongkai_report::{Place, UnitReport};
use hashbrown::hash_table::{Entry, HashTable};
use rayon::prelude::*;

/// Every accepted report reduced to what X1–X4, coverage and the summary read: the values and
/// lines of [`link_cells`], a fingerprint of every value (X4), its unit, year, form and file.
#[derive(Debug, Default)]
pub struct Links {
    rows: Vec<Row>,
    units: Names,
    /// A file's path is its folder (stored once) and its name.
    folders: Names,
    files: Vec<FileName>,
    file_names: Vec<u8>,
    /// Per row, from `Row::cells`: the values, then the lines (as how far each cell's line is
    /// below its index when that is the same for all, else 0 and each line's difference from the
    /// line before), all zigzag varints: mostly small counts, a byte each.
    cells: Vec<u8>,
    /// The places of [`link_cells`] of a report read from a document without lines (a
    /// workbook, a Word file), by where its row's varints start: few reports, so not packed.
    places: HashMap<u32, Box<[Place]>>,
    /// The file of the last row: a file's reports share one entry.
    last_file: Option<Arc<PathBuf>>,
}

/// The fixed-size part of a link.
#[derive(Debug, Clone, Copy)]
struct Row {
    /// Two independent hashes of all values: "identical to last year" without keeping them.
    fingerprint: (u64, u64),
    year: i32,
    unit: u32,
    file: u32,
    /// Where the row's varints start in `Links::cells`.
    cells: u32,
    /// Cells present in the file (written or blank) and cells blank or absent: for the summary.
    present: u16,
    blanks: u16,
    form: FormVersion,
    any_value: bool,
    /// Whether the report went into the running totals.
    summed: bool,
}

#[derive(Debug, Clone, Copy)]
struct FileName {
    folder: u32,
    end: u32,
}

/// One report's link, read from [`Links`].
#[derive(Debug, Clone, Copy)]
pub struct Link<'a> {
    links: &'a Links,
    row: &'a Row,
}

impl Links {
    /// Links of `reports`, none of them summed.
    pub fn of(reports: &[UnitReport]) -> Links {
        let mut links = Links::default();
        links.extend(reports, &vec![false; reports.len()]);
        links
    }

    /// Adds `reports`; `summed` says which went into the running totals.
    pub fn extend(&mut self, reports: &[UnitReport], summed: &[bool]) {
        // What reads every cell, in parallel; then the packing, in order.
        let rows: Vec<Row> = reports
            .par_iter()
            .zip(summed)
            .map(|(r, &summed)| Row {
                fingerprint: fingerprint(&r.values),
                year: r.year,
                unit: 0,
                file: 0,
                cells: 0,
                present: cell_count(r.source.lines.iter().filter(|l| **l != 0).count()),
                blanks: cell_count(r.blank_count()),
                form: r.form,
                any_value: r.values.iter().any(|v| *v != 0),
                summed,
            })
            .collect();
        for (report, mut row) in reports.iter().zip(rows) {
            row.unit = self.units.intern(report.unit.as_bytes());
            row.file = self.file_of(&report.source.file);
            row.cells = offset(self.cells.len());
            let cells = link_cells(report.form);
            for &i in cells {
                put_varint(&mut self.cells, report.values[i]);
            }
            let line = |i: usize| i64::from(report.source.lines[i]);
            // A tidy file in form order has each cell `shift` lines below its index: one number.
            let shift = line(cells[0]) - cells[0] as i64;
            if shift != 0 && cells.iter().all(|&i| line(i) == i as i64 + shift) {
                put_varint(&mut self.cells, shift);
            } else {
                put_varint(&mut self.cells, 0);
                let mut last = 0;
                for &i in cells {
                    put_varint(&mut self.cells, line(i) - last);
                    last = line(i);
                }
            }
            if !report.source.places.is_empty() {
                let places = cells.iter().map(|&i| report.source.place(i)).collect();
                self.places.insert(row.cells, places);
            }
            self.rows.push(row);
        }
    }

    /// The entry of `file`: the last one again for the next report of the same file.
    fn file_of(&mut self, file: &Arc<PathBuf>) -> u32 {
        if let Some(last) = &self.last_file {
            if Arc::ptr_eq(last, file) {
                return offset(self.files.len() - 1);
            }
        }
        let bytes = file.as_os_str().as_encoded_bytes();
        // Split after the last `/`: concatenated again, the bytes are the path as given.
        let cut = bytes.iter().rposition(|b| *b == b'/').map_or(0, |i| i + 1);
        let folder = self.folders.intern(&bytes[..cut]);
        self.file_names.extend_from_slice(&bytes[cut..]);
        self.files.push(FileName {
            folder,
            end: offset(self.file_names.len()),
        });
        self.last_file = Some(file.clone());
        offset(self.files.len() - 1)
    }

    fn path(&self, file: u32) -> PathBuf {
        let at = file as usize;
        let start = if at == 0 { 0 } else { self.files[at - 1].end };
        let entry = self.files[at];
        let mut bytes = self.folders.get(entry.folder).to_vec();
        bytes.extend_from_slice(&self.file_names[start as usize..entry.end as usize]);
        path_from(bytes)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = Link<'_>> + '_ {
        self.rows.iter().map(|row| Link { links: self, row })
    }

    /// Sorts by year, unit and file (as [`Path`](std::path::Path)s compare).
    pub(crate) fn sort(&mut self) {
        let rank = self.unit_ranks();
        let mut rows = std::mem::take(&mut self.rows);
        rows.sort_by(|a, b| {
            (a.year, rank[a.unit as usize])
                .cmp(&(b.year, rank[b.unit as usize]))
                .then_with(|| {
                    // Paths are made only for a unit and year given twice.
                    if a.file == b.file {
                        std::cmp::Ordering::Equal
                    } else {
                        self.path(a.file).cmp(&self.path(b.file))
                    }
                })
        });
        self.rows = rows;
    }

    /// Once sorted: the links of each unit and year given more than once.
    pub(crate) fn duplicates(&self) -> impl Iterator<Item = Vec<Link<'_>>> + '_ {
        self.rows
            .chunk_by(|a, b| (a.year, a.unit) == (b.year, b.unit))
            .filter(|g| g.len() > 1)
            .map(|g| g.iter().map(|row| Link { links: self, row }).collect())
    }

    pub(crate) fn retain(&mut self, mut keep: impl FnMut(Link) -> bool) {
        let mut rows = std::mem::take(&mut self.rows);
        rows.retain(|row| keep(Link { links: self, row }));
        self.rows = rows;
    }

    /// Each unit's place in the order of names, by unit id: sorting by it sorts by name.
    pub(crate) fn unit_ranks(&self) -> Vec<u32> {
        let mut ids: Vec<u32> = (0..offset(self.units.len())).collect();
        ids.sort_unstable_by(|a, b| self.units.get(*a).cmp(self.units.get(*b)));
        let mut rank = vec![0; ids.len()];
        for (r, id) in ids.into_iter().enumerate() {
            rank[id as usize] = offset(r);
        }
        rank
    }

    /// The id of a unit's name, stored now if it was not: what the running totals keep.
    pub(crate) fn unit_id(&mut self, name: &str) -> u32 {
        self.units.intern(name.as_bytes())
    }

    pub(crate) fn unit_name(&self, id: u32) -> &str {
        std::str::from_utf8(self.units.get(id)).expect("unit names are stored from `str`s")
    }

    /// Files with at least one link.
    pub(crate) fn files_used(&self) -> usize {
        distinct(self.files.len(), self.rows.iter().map(|r| r.file))
    }

    /// Units with at least one link.
    pub(crate) fn units_used(&self) -> usize {
        distinct(self.units.len(), self.rows.iter().map(|r| r.unit))
    }
}

/// How many different ids, below `ids`, `of` holds.
fn distinct(ids: usize, of: impl Iterator<Item = u32>) -> usize {
    let mut seen = vec![false; ids];
    of.filter(|id| !std::mem::replace(&mut seen[*id as usize], true))
        .count()
}

impl<'a> Link<'a> {
    pub fn unit(&self) -> &'a str {
        self.links.unit_name(self.row.unit)
    }

    pub fn year(&self) -> i32 {
        self.row.year
    }

    pub fn form(&self) -> FormVersion {
        self.row.form
    }

    /// The file's path, made again from its folder and name.
    pub fn file(&self) -> PathBuf {
        self.links.path(self.row.file)
    }

    pub fn present(&self) -> usize {
        usize::from(self.row.present)
    }

    pub fn blanks(&self) -> usize {
        usize::from(self.row.blanks)
    }

    /// Whether the report went into the running totals.
    pub fn summed(&self) -> bool {
        self.row.summed
    }

    pub(crate) fn unit_id(&self) -> u32 {
        self.row.unit
    }

    /// Whether `report` is the report this link was made from, value for value (as far as the
    /// fingerprint tells): a file read twice must not have changed in between.
    pub fn matches(&self, report: &UnitReport) -> bool {
        self.row.form == report.form && self.row.fingerprint == fingerprint(&report.values)
    }

    /// The values, then the lines, of [`link_cells`].
    fn cells(&self) -> (Vec<i64>, Vec<u32>) {
        let cells = link_cells(self.row.form);
        let mut varints = Varints {
            bytes: &self.links.cells[self.row.cells as usize..],
        };
        let values = varints.by_ref().take(cells.len()).collect();
        let shift = varints.next().unwrap_or_default();
        let mut line = 0;
        let lines = cells
            .iter()
            .map(|&i| {
                line = match shift {
                    0 => line + varints.next().unwrap_or_default(),
                    _ => i as i64 + shift,
                };
                u32::try_from(line).expect("lines are stored from u32s")
            })
            .collect();
        (values, lines)
    }

    /// The report's values with every cell the cross-year rules do not read set to 0.
    pub(crate) fn values(&self) -> Vec<i64> {
        let mut out = vec![0; self.row.form.catalogue().len()];
        for (&i, v) in link_cells(self.row.form).iter().zip(self.cells().0) {
            out[i] = v;
        }
        out
    }

    /// Where `cell` was read from, if the cross-year rules read it and the file had it: its
    /// line, or its place in a document without lines.
    pub(crate) fn place(&self, cell: usize) -> Place {
        let Ok(at) = link_cells(self.row.form).binary_search(&cell) else {
            return Place::File;
        };
        if let Some(places) = self.links.places.get(&self.row.cells) {
            return places.get(at).cloned().unwrap_or(Place::File);
        }
        match self.cells().1[at] {
            0 => Place::File,
            line => Place::Line { line, column: None },
        }
    }

    /// X4: the same form, every value the same, and not an empty report.
    pub(crate) fn identical_to(&self, prev: &Link) -> bool {
        self.row.form == prev.row.form
            && self.row.fingerprint == prev.row.fingerprint
            && self.row.any_value
    }
}

/// Strings stored once each in one arena, by id, with a table to find an id by its string.
#[derive(Debug, Default)]
struct Names {
    text: Vec<u8>,
    ends: Vec<u32>,
    table: HashTable<u32>,
}

impl Names {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, id: u32) -> &[u8] {
        slice(&self.text, &self.ends, id)
    }

    fn intern(&mut self, name: &[u8]) -> u32 {
        let Names { text, ends, table } = self;
        let found = table.entry(
            hash(name),
            |id| slice(text, ends, *id) == name,
            |id| hash(slice(text, ends, *id)),
        );
        match found {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(e) => {
                text.extend_from_slice(name);
                ends.push(offset(text.len()));
                *e.insert(offset(ends.len() - 1)).get()
            }
        }
    }
}

fn slice<'t>(text: &'t [u8], ends: &[u32], id: u32) -> &'t [u8] {
    let at = id as usize;
    let start = if at == 0 { 0 } else { ends[at - 1] as usize };
    &text[start..ends[at] as usize]
}

fn hash(bytes: &[u8]) -> u64 {
    FixedState::with_seed(0x11e7_a9b1).hash_one(bytes)
}

/// An arena offset or id: a batch's links stay far below 4 GiB.
fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("links of a batch take less than 4 GiB")
}

fn cell_count(n: usize) -> u16 {
    u16::try_from(n).expect("a form has fewer than 65,536 cells")
}

#[cfg(unix)]
fn path_from(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

/// Elsewhere a path that is not Unicode comes back with replacement characters.
#[cfg(not(unix))]
fn path_from(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// Zigzag LEB128: small numbers of either sign in a byte, any `i64` in at most ten.
fn put_varint(out: &mut Vec<u8>, v: i64) {
    let mut z = ((v << 1) ^ (v >> 63)) as u64;
    while z >= 0x80 {
        out.push(z as u8 | 0x80);
        z >>= 7;
    }
    out.push(z as u8);
}

/// The varints from the start of `bytes`, read as far as they are asked for.
#[derive(Debug)]
struct Varints<'a> {
    bytes: &'a [u8],
}

impl Iterator for Varints<'_> {
    type Item = i64;

    fn next(&mut self) -> Option<i64> {
        let mut z = 0u64;
        for (i, b) in self.bytes.iter().enumerate() {
            z |= u64::from(b & 0x7f) << (7 * i);
            if *b < 0x80 {
                self.bytes = &self.bytes[i + 1..];
                return Some((z >> 1) as i64 ^ -((z & 1) as i64));
            }
        }
        None
    }
}

fn fingerprint(values: &[i64]) -> (u64, u64) {
    let hash = |seed| FixedState::with_seed(seed).hash_one(values);
    (hash(0x5eed_0001), hash(0x9e37_79b9_7f4a_7c15))
}

/// The cells of `form` that some rule between years reads, as either year, sorted.
pub fn link_cells(form: FormVersion) -> &'static [usize] {
    static CELLS: [OnceLock<Vec<usize>>; 2] = [OnceLock::new(), OnceLock::new()];
    let forms = [FormVersion::F2019, FormVersion::F2021];
    let slot = &CELLS[usize::from(form == FormVersion::F2021)];
    slot.get_or_init(|| {
        let mut cells = Vec::new();
        for other in forms {
            // As the earlier year: the terms it gives.
            for rule in cross_year_rules(form, other) {
                cells.extend(
                    rule.terms
                        .iter()
                        .filter(|t| t.0 == gongkai_form::Which::Previous)
                        .map(|t| t.1),
                );
            }
            // As the later year: the targets and its own terms.
            for rule in cross_year_rules(other, form) {
                cells.push(rule.target);
                cells.extend(
                    rule.terms
                        .iter()
                        .filter(|t| t.0 == gongkai_form::Which::Current)
                        .map(|t| t.1),
                );
            }
        }
        cells.sort_unstable();
        cells.dedup();
        cells
    })
}
#[cfg(test)]
mod tests {
    use gongkai_form::rules::cross_year_rules;
    use gongkai_form::{FormVersion, Which};

    use super::link_cells;

    /// Every cell a cross-year rule reads is kept, in both roles, whatever the pair of forms;
    /// and only a small part of the form is (the point of links).
    #[test]
    fn links_hold_every_cell_the_rules_between_years_read() {
        let forms = [FormVersion::F2019, FormVersion::F2021];
        for prev in forms {
            for cur in forms {
                for rule in cross_year_rules(prev, cur) {
                    assert!(link_cells(cur).contains(&rule.target));
                    for &(which, cell, _) in &rule.terms {
                        let form = if which == Which::Previous { prev } else { cur };
                        assert!(link_cells(form).contains(&cell), "{rule:?}");
                    }
                }
            }
        }
        for form in forms {
            assert!(link_cells(form).len() * 4 < form.catalogue().len());
        }
    }

    use std::path::PathBuf;
    use std::sync::Arc;

    use gongkai_form::rules::check_years;
    use gongkai_report::{Layout, Place, UnitReport};
    use proptest::prelude::*;

    use super::{Links, Varints};

    fn report(year: i32, values: &[i64]) -> UnitReport {
        let form = FormVersion::for_year(year);
        let file = Arc::new(PathBuf::from(format!("{year}/u.csv")));
        let mut r = UnitReport::empty("u".into(), year, form, file, Layout::Tidy);
        for i in 0..form.catalogue().len() {
            r.set(i, Some(values[i % values.len()]), i as u32 + 2);
        }
        r
    }

    proptest! {
        /// X1–X3 on two links give what they give on the full values; X4 (identical) too.
        #[test]
        fn links_check_years_as_the_full_reports_do(
            year in 2019..2023i32,
            a in prop::collection::vec(0..3i64, 1..40),
            b in prop::collection::vec(0..3i64, 1..40),
            same in any::<bool>(),
        ) {
            let prev = report(year, &a);
            let mut cur = report(year + 1, if same { &a } else { &b });
            if same && prev.form != cur.form {
                cur = report(year + 1, &a);
            }
            let want = check_years((prev.form, &prev.values), (cur.form, &cur.values), false);
            let links = Links::of(&[prev.clone(), cur.clone()]);
            let (lp, lc) = (links.iter().next().unwrap(), links.iter().nth(1).unwrap());
            let got = check_years((lp.form(), &lp.values()), (lc.form(), &lc.values()), false).0;
            prop_assert_eq!(&got, &want.0);
            prop_assert_eq!(lc.identical_to(&lp), want.1);
            for v in &want.0 {
                prop_assert_eq!(lc.place(v.target.0), cur.source.place(v.target.0));
            }
        }

        /// Any `i64` comes back from its varint, read after others.
        #[test]
        fn varints_round_trip(values in prop::collection::vec(any::<i64>(), 0..20)) {
            let mut bytes = Vec::new();
            for &v in &values {
                super::put_varint(&mut bytes, v);
            }
            let got: Vec<i64> = Varints { bytes: &bytes }.collect();
            prop_assert_eq!(got, values);
        }
    }

    /// What goes into the packed links comes back: names (one stored per unit), paths (one per
    /// file, shared by its reports), extreme values, lines (absent, out of order, the largest),
    /// counts and flags.
    #[test]
    fn links_give_back_what_they_were_made_of() {
        let extremes = [i64::MIN, i64::MAX, -1, 0, 1, 63, -64, 64, 1 << 40, -7 << 50];
        let mut reports = Vec::new();
        let files = [
            "数据/2020/城关区.csv",
            "/abs/2021/u1.csv",
            "bare.csv",
            "数据/2020/七里河区.csv",
        ];
        let files: Vec<Arc<PathBuf>> = files.iter().map(|f| Arc::new(f.into())).collect();
        for (i, (unit, year, file)) in [
            ("城关区", 2020, 0),
            ("七里河区", 2021, 1),
            ("城关区", 2021, 1),
            ("u", 2022, 2),
            ("七里河区", 2020, 3),
        ]
        .into_iter()
        .enumerate()
        {
            let form = FormVersion::for_year(year);
            let mut r =
                UnitReport::empty(unit.into(), year, form, files[file].clone(), Layout::Grid);
            for (k, &cell) in super::link_cells(form).iter().enumerate() {
                let line = match (k + i) % 4 {
                    0 => 0,
                    1 => u32::MAX,
                    2 => 7,
                    _ => 40 - k as u32,
                };
                let value = extremes[(k + i) % extremes.len()];
                r.set(cell, (k % 5 != 0).then_some(value), line);
            }
            r.set(0, Some(5), 3);
            reports.push(r);
        }
        // Lines in form order, `shift` below each cell's index (a tidy file) or level with it.
        for (year, shift) in [(2022, 2), (2023, -3), (2019, 0)] {
            let mut r = reports[4].clone();
            r.year = year;
            for &cell in super::link_cells(r.form) {
                r.set(cell, Some(year.into()), (cell as i64 + shift) as u32);
            }
            reports.push(r);
        }
        // A workbook's report: the places of its cells, whatever its lines.
        let mut r = reports[4].clone();
        r.year = 2024;
        for &cell in super::link_cells(r.form) {
            r.source.set_place(
                cell,
                Place::Sheet {
                    sheet: "表1".into(),
                    row: cell as u32 + 1,
                    column: Some(4),
                },
            );
        }
        reports.push(r);
        let summed = [true, false, true, false, true, false, false, true, false];
        let mut links = Links::default();
        links.extend(&reports, &summed);
        assert_eq!(links.len(), reports.len());
        for (link, r) in links.iter().zip(&reports) {
            assert_eq!(link.unit(), r.unit);
            assert_eq!((link.year(), link.form()), (r.year, r.form));
            assert_eq!(&link.file(), r.source.file.as_ref());
            assert_eq!(link.blanks(), r.blank_count());
            let present = r.source.lines.iter().filter(|l| **l != 0).count();
            assert_eq!(link.present(), present);
            assert!(link.matches(r));
            let cells = super::link_cells(r.form);
            for (i, v) in link.values().into_iter().enumerate() {
                let kept = cells.contains(&i);
                assert_eq!(v, if kept { r.values[i] } else { 0 });
                let place = if kept { r.source.place(i) } else { Place::File };
                assert_eq!(link.place(i), place);
            }
        }
        assert!(links.iter().map(|l| l.summed()).eq(summed));
        let n = super::link_cells(FormVersion::F2019).len() as u32;
        let size = links.rows[6].cells - links.rows[5].cells;
        assert_eq!(size, 2 * n + 1, "values of two bytes, the lines in one");
        assert_eq!((links.units_used(), links.files_used()), (3, 4));
        assert_eq!(
            links.units.len(),
            3,
            "a unit's name once, whatever its years"
        );
        assert_eq!(links.folders.len(), 3);
        let id = links.unit_id("城关区");
        assert_eq!(links.unit_name(id), "城关区");
        assert_eq!(links.units.len(), 3);
        let mut r = reports[1].clone();
        r.values[0] += 1;
        assert!(!links.iter().nth(1).unwrap().matches(&r));
        assert!(std::mem::size_of::<super::Row>() <= 40);
    }
}
