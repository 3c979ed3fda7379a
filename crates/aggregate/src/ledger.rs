//! A batch folded chunk by chunk as it is read, so that memory stays flat however many units a
//! province or a national study brings: each chunk's reports are checked (R1–R6), summed cell by
//! cell ([`dense`]) into running totals, and reduced to a [`Link`]; then the
//! reports go. What needs the whole batch (duplicate units, X1–X4, coverage) runs at the close,
//! on the links.
//!
//! A unit and year given by two files is only known at the close, when both may have been summed
//! already: the close reads those files again and takes their reports back out of the totals,
//! after checking that they still hold what was summed.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gongkai_form::FormVersion;
use gongkai_report::{
    Duplicate, FileRead, Finding, Format, KeptReport, Prefer, Registry, Summary, UnitReport,
};
use rayon::prelude::*;

use crate::checks::{close, Checks};
use crate::dense;
use crate::findings::check_report;
use crate::link::{Link, Links};
use crate::{AggregateError, Total};

/// Reports summed into one partial total at a time: as many as a chunk of a batch's files brings
/// (1,024, a report each), with room; tests sum a few at a time, so that slicing is tested.
const SUM_REPORTS: usize = if cfg!(test) { 3 } else { 4096 };

/// Which totals a ledger keeps.
#[derive(Debug, Clone, Copy)]
pub enum Sums<'r> {
    /// None: checking only (`validate`), or the caller sums the kept reports itself.
    Skip,
    /// One total per year for the whole batch.
    Whole,
    /// The whole batch and every unit of the registry with reporting units below it.
    ByParent(&'r Registry),
}

/// Running totals and checks of a batch read so far.
#[derive(Debug)]
pub struct Ledger<'r> {
    name: String,
    sums: Sums<'r>,
    keep_reports: bool,
    prefer: Prefer,
    running: BTreeMap<(String, i32), Running>,
    findings: Vec<Finding>,
    /// Every accepted report, reduced; also the names `running` keeps by id.
    links: Links,
    reports: Vec<KeptReport>,
    /// Every file seen, when keeping reports (for an export's manifest).
    inputs: Vec<SeenFile>,
    /// Files with something to say (diagnostics, rejected reports), or all when keeping reports;
    /// their reports taken out.
    files: Vec<FileRead>,
    files_seen: usize,
    files_skipped: usize,
    formats: BTreeMap<Format, usize>,
    values_read: usize,
    values_rejected: usize,
    reports_rejected: usize,
}

/// One group's total for one year, while chunks come in: exact, whatever the order.
#[derive(Debug)]
struct Running {
    form: FormVersion,
    values: Vec<i128>,
    blank_units: Vec<i64>,
    /// Ids of the units' names in the ledger's links.
    units: Vec<u32>,
}

/// A batch read to the end: totals, checks, and what was read and left out.
#[derive(Debug)]
pub struct Closed {
    /// Per year: the batch's total (named as asked), then, by parent, each group nearest the
    /// root first.
    pub totals: Vec<Total>,
    pub checks: Checks,
    pub summary: Summary,
    /// Problems of the batch as a whole: missing paths, unreadable folders, duplicate units.
    pub diagnostics: Vec<Finding>,
    /// Units and years given by several files: which file was used, if any (each also has its
    /// finding in `diagnostics`).
    pub duplicates: Vec<Duplicate>,
    /// Files with diagnostics or rejected reports, in path order. Their reports are in `reports`
    /// (or gone).
    pub files: Vec<FileRead>,
    /// Every file seen, in path order, when the reports were kept; otherwise empty.
    pub inputs: Vec<SeenFile>,
    /// Every accepted report, packed ([`KeptReport`]: a national batch fits), sorted by year,
    /// unit and file, when the ledger was asked to keep them; otherwise empty.
    pub reports: Vec<KeptReport>,
}

/// A file the batch read, for an export's manifest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SeenFile {
    pub path: Arc<PathBuf>,
    /// Its size as read.
    pub bytes: u64,
    /// The SHA-256 of the bytes read, when the read was asked to take it and read it whole.
    pub sha256: Option<[u8; 32]>,
}

impl Closed {
    /// Every diagnostic: the batch's, then each file's in path order.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Finding> {
        self.diagnostics
            .iter()
            .chain(self.files.iter().flat_map(|f| f.diagnostics.iter()))
    }
}

impl<'r> Ledger<'r> {
    /// `name` names the batch's total.
    pub fn new(name: &str, sums: Sums<'r>) -> Ledger<'r> {
        Ledger {
            name: name.to_string(),
            sums,
            keep_reports: false,
            prefer: Prefer::default(),
            running: BTreeMap::new(),
            findings: Vec::new(),
            links: Links::default(),
            reports: Vec::new(),
            inputs: Vec::new(),
            files: Vec::new(),
            files_seen: 0,
            files_skipped: 0,
            formats: BTreeMap::new(),
            values_read: 0,
            values_rejected: 0,
            reports_rejected: 0,
        }
    }

    /// Keeps every report, packed, for [`Closed::reports`] (export and trend need them all; the
    /// totals are summed as they come all the same).
    pub fn keeping_reports(mut self) -> Ledger<'r> {
        self.keep_reports = true;
        self
    }

    /// Which file of a unit and year given twice is used (`--prefer`); by default only a file
    /// named as the correction.
    pub fn preferring(mut self, prefer: Prefer) -> Ledger<'r> {
        self.prefer = prefer;
        self
    }

    /// Takes in one chunk of files, in any order relative to other chunks.
    pub fn add(&mut self, reads: Vec<FileRead>) -> Result<(), AggregateError> {
        let mut reports = Vec::new();
        for mut f in reads {
            self.files_seen += 1;
            self.files_skipped += usize::from(f.is_skipped());
            if let Some(format) = f.format {
                *self.formats.entry(format).or_default() += 1;
            }
            self.values_read += f.values_read;
            self.values_rejected += f.values_rejected;
            self.reports_rejected += f.rejected.len();
            reports.append(&mut f.reports);
            if self.keep_reports {
                self.inputs.push(SeenFile {
                    path: f.file.clone(),
                    bytes: f.bytes,
                    sha256: f.sha256,
                });
            }
            if !f.diagnostics.is_empty() || !f.rejected.is_empty() {
                // Moved out above: its room too (a national batch has half a million files).
                f.reports = Vec::new();
                self.files.push(f);
            }
        }
        self.findings
            .par_extend(reports.par_iter().flat_map_iter(check_report));
        // A unit and year twice in the chunk is a duplicate for sure: not summed at all.
        let mut count: HashMap<(i32, &str), usize> = HashMap::new();
        for r in &reports {
            *count.entry((r.year, r.unit.as_str())).or_default() += 1;
        }
        let summable: Vec<bool> = reports
            .iter()
            .map(|r| count[&(r.year, r.unit.as_str())] == 1)
            .collect();
        self.links.extend(&reports, &summable);
        if !matches!(self.sums, Sums::Skip) {
            let (sum, held): (Vec<_>, Vec<_>) =
                reports.into_iter().zip(summable).partition(|(_, s)| *s);
            let sum: Vec<UnitReport> = sum.into_iter().map(|(r, _)| r).collect();
            // A slice at a time: one file may bring a province's reports (a tidy file of 25,000
            // units), whose table at once would take more memory than the reports themselves.
            for slice in sum.chunks(SUM_REPORTS) {
                for t in self.partial(slice)? {
                    self.absorb(t, 1)?;
                }
            }
            reports = sum;
            reports.extend(held.into_iter().map(|(r, _)| r));
        }
        if self.keep_reports {
            self.reports
                .par_extend(reports.par_iter().map(KeptReport::from));
        }
        Ok(())
    }

    /// The totals of `reports` alone.
    fn partial(&self, reports: &[UnitReport]) -> Result<Vec<Total>, AggregateError> {
        match self.sums {
            Sums::Skip => Ok(Vec::new()),
            Sums::Whole => dense::sum(reports, &self.name, None),
            Sums::ByParent(registry) => dense::sum(reports, &self.name, Some(registry)),
        }
    }

    /// Adds (`sign` 1) or takes out (`sign` −1) a partial total.
    fn absorb(&mut self, t: Total, sign: i8) -> Result<(), AggregateError> {
        let entry = self
            .running
            .entry((t.name.clone(), t.year))
            .or_insert_with(|| Running {
                form: t.form,
                values: vec![0; t.values.len()],
                blank_units: vec![0; t.values.len()],
                units: Vec::new(),
            });
        if entry.form != t.form {
            let first = entry.units.first().map(|u| self.links.unit_name(*u));
            return Err(AggregateError::MixedForms {
                year: t.year,
                first: entry.form,
                first_unit: first.unwrap_or_default().to_string(),
                second: t.form,
                second_unit: t.units.first().cloned().unwrap_or_default(),
            });
        }
        for (sum, v) in entry.values.iter_mut().zip(&t.values) {
            *sum += i128::from(sign) * i128::from(*v);
        }
        for (sum, b) in entry.blank_units.iter_mut().zip(&t.blank_units) {
            *sum += i64::from(sign) * i64::from(*b);
        }
        let ids = t.units.iter().map(|u| self.links.unit_id(u));
        if sign > 0 {
            entry.units.extend(ids);
        } else {
            // One entry out per report taken out: the file of a duplicate that is used may be
            // summed too. Few reports are taken out, so a scan each is cheap.
            for id in ids {
                if let Some(at) = entry.units.iter().position(|u| *u == id) {
                    entry.units.swap_remove(at);
                }
            }
        }
        Ok(())
    }

    /// Closes the batch: settles duplicate units (reading their files again with `reread` to take
    /// the reports not used out of the totals, and to add the one used if it was held back),
    /// checks what needs every report, and makes the totals.
    /// `diagnostics` are the batch's own (from `gongkai_ingest::read_chunks`); `registry` is for
    /// coverage and X1's reorganised units.
    pub fn close(
        mut self,
        mut diagnostics: Vec<Finding>,
        registry: Option<&Registry>,
        reread: &dyn Fn(&Path) -> FileRead,
    ) -> Result<Closed, AggregateError> {
        self.links.sort();
        // (year, unit) of every duplicate → the file used, if one is.
        let mut settled: BTreeMap<(i32, String), Option<PathBuf>> = BTreeMap::new();
        let mut duplicates = Vec::new();
        let mut values_dropped = 0;
        let mut left_out = 0;
        let mut minus = Vec::new();
        let mut plus = Vec::new();
        {
            // File → the duplicate reports in it to take out of the totals (`out`) or to add
            // (`into`: the file used, held back because its chunk had the unit twice).
            let mut out: BTreeMap<PathBuf, Vec<Link>> = BTreeMap::new();
            let mut into: BTreeMap<PathBuf, Vec<Link>> = BTreeMap::new();
            for group in self.links.duplicates() {
                let first = &group[0];
                let files: Vec<Arc<PathBuf>> = group.iter().map(|l| Arc::new(l.file())).collect();
                let duplicate = Duplicate::resolve(first.unit(), first.year(), files, self.prefer);
                let used = duplicate.chosen.map(|(i, _)| i);
                left_out += if used.is_some() { group.len() - 1 } else { 1 };
                diagnostics.push(duplicate.finding());
                settled.insert(
                    (first.year(), first.unit().to_string()),
                    duplicate.winner().map(|w| w.as_ref().clone()),
                );
                for (i, link) in group.iter().enumerate() {
                    if Some(i) == used {
                        if !link.summed() && !matches!(self.sums, Sums::Skip) {
                            into.entry(link.file()).or_default().push(*link);
                        }
                    } else {
                        values_dropped += link.present();
                        if link.summed() {
                            out.entry(link.file()).or_default().push(*link);
                        }
                    }
                }
                duplicates.push(duplicate);
            }
            for (pending, reports) in [(&out, &mut minus), (&into, &mut plus)] {
                for (file, links) in pending {
                    let again = reread(file);
                    for link in links {
                        let report = again
                            .reports
                            .iter()
                            .find(|r| r.year == link.year() && r.unit == link.unit())
                            .filter(|r| link.matches(r))
                            .ok_or_else(|| AggregateError::Changed {
                                file: file.display().to_string(),
                                unit: link.unit().to_string(),
                                year: link.year(),
                            })?;
                        reports.push(report.clone());
                    }
                }
            }
        }
        let reports_rejected = self.reports_rejected + left_out;
        if !settled.is_empty() {
            // Kept: what is no duplicate, and of a duplicate what came from the file used.
            let keep = |year: i32, unit: &str, file: Option<&Path>| -> bool {
                match settled.get(&(year, unit.to_string())) {
                    None => true,
                    Some(used) => used.is_some() && used.as_deref() == file,
                }
            };
            self.links
                .retain(|l| keep(l.year(), l.unit(), Some(l.file().as_path())));
            self.findings.retain(|f| match (f.year, &f.unit) {
                (Some(y), Some(u)) => keep(y, u, f.file.as_deref().map(PathBuf::as_path)),
                _ => true,
            });
            self.reports
                .retain(|r| keep(r.year, &r.unit, Some(r.file.as_path())));
            // A partial sum takes one report per unit and year: the files of a duplicate that
            // were all summed (in different chunks) are taken out in turns.
            minus.sort_by(|a, b| (a.year, &a.unit).cmp(&(b.year, &b.unit)));
            while !minus.is_empty() {
                let mut turn = Vec::new();
                let mut rest = Vec::new();
                for r in minus {
                    match turn.last() {
                        Some(last) if same_report(last, &r) => rest.push(r),
                        _ => turn.push(r),
                    }
                }
                for t in self.partial(&turn)? {
                    self.absorb(t, -1)?;
                }
                minus = rest;
            }
            // One file used per unit and year: all in one sum.
            for t in self.partial(&plus)? {
                self.absorb(t, 1)?;
            }
        }
        self.reports
            .sort_by(|a, b| (a.year, &a.unit, &a.file).cmp(&(b.year, &b.unit, &b.file)));
        let links = &self.links;
        let checks = close(self.findings, links, registry);
        let totals = totals(self.running, &self.name, self.sums, links)?;

        self.files.sort_by(|a, b| a.file.cmp(&b.file));
        self.inputs.sort();
        let used = links.files_used();
        let years: BTreeSet<i32> = links.iter().map(|l| l.year()).collect();
        let mut closed = Closed {
            totals,
            checks,
            summary: Summary {
                files_seen: self.files_seen,
                files_used: used,
                files_rejected: self.files_seen - used - self.files_skipped,
                files_skipped: self.files_skipped,
                formats: self.formats,
                reports: links.len(),
                reports_rejected,
                units: links.units_used(),
                years: years.into_iter().collect(),
                blank_cells: links.iter().map(|l| l.blanks()).sum(),
                values_read: self.values_read,
                values_used: links.iter().map(|l| l.present()).sum(),
                values_rejected: self.values_rejected + values_dropped,
                errors: 0,
                warnings: 0,
            },
            diagnostics,
            duplicates,
            files: self.files,
            inputs: self.inputs,
            reports: self.reports,
        };
        let errors = closed.diagnostics().filter(|d| d.is_error()).count();
        let all = closed.diagnostics().count();
        closed.summary.errors = errors;
        closed.summary.warnings = all - errors;
        Ok(closed)
    }
}

/// The running totals as [`Total`]s, exact or an overflow error; per year, the batch's total
/// first, then groups nearest the root first, in registry order.
fn totals(
    running: BTreeMap<(String, i32), Running>,
    name: &str,
    sums: Sums,
    links: &Links,
) -> Result<Vec<Total>, AggregateError> {
    let rank: HashMap<&str, (usize, usize)> = match sums {
        Sums::ByParent(registry) => registry
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.name.as_str(), (registry.level(&u.name), i)))
            .collect(),
        _ => HashMap::new(),
    };
    let order = |group: &str| {
        if group == name {
            (0, 0, 0)
        } else {
            let (level, at) = rank.get(group).copied().unwrap_or((usize::MAX, usize::MAX));
            (1, level, at)
        }
    };
    let mut out = Vec::new();
    for ((group, year), r) in running {
        if r.units.is_empty() {
            continue;
        }
        let values = dense::narrow(year, r.form, &r.values)?;
        let mut units: Vec<String> = r.units.iter().map(|u| links.unit_name(*u).into()).collect();
        units.sort();
        out.push(Total {
            name: group,
            year,
            form: r.form,
            values,
            blank_units: r.blank_units.iter().map(|b| *b as u32).collect(),
            units,
        });
    }
    out.sort_by_key(|t| (t.year, order(&t.name)));
    Ok(out)
}

fn same_report(a: &UnitReport, b: &UnitReport) -> bool {
    a.year == b.year && a.unit == b.unit
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::{Path, PathBuf};

    use gongkai_form::FormVersion;
    use gongkai_ingest::{assemble, read_bytes_at, ReadOptions};
    use gongkai_report::{write::tidy, FileRead};
    use proptest::prelude::*;

    use super::*;
    use crate::checks::check_batch;
    use crate::consolidate;

    /// A tidy file of one unit and year: values from `seed`, so units differ and some break rules.
    fn file(unit: &str, year: i32, seed: i64) -> String {
        let form = FormVersion::for_year(year);
        let n = form.catalogue().len();
        let values: Vec<i64> = (0..n as i64).map(|i| (i * 7 + seed * 13) % 5).collect();
        let mut text = tidy::HEADER.join(",");
        text.push('\n');
        tidy::write_rows(unit, year, form, &values, &mut text);
        text
    }

    /// Files as (path, text): units `u0…`, years 2020–2022, some (unit, year) given twice.
    fn batch() -> impl Strategy<Value = Vec<(PathBuf, String)>> {
        prop::collection::vec((0..6usize, 2020..=2022i32, 0..4i64), 1..24).prop_map(|specs| {
            specs
                .iter()
                .enumerate()
                .map(|(i, (u, year, seed))| {
                    let path = PathBuf::from(format!("in/{i:03}.csv"));
                    (path, file(&format!("u{u}"), *year, *seed))
                })
                .collect()
        })
    }

    fn read(files: &[(PathBuf, String)]) -> HashMap<PathBuf, FileRead> {
        files
            .iter()
            .map(|(p, t)| {
                (
                    p.clone(),
                    read_bytes_at(t.as_bytes(), p, &ReadOptions::default()),
                )
            })
            .collect()
    }

    /// The ledger over `order` cut into chunks of `chunk` files.
    fn folded(files: &[(PathBuf, String)], order: &[usize], chunk: usize) -> Closed {
        let texts: HashMap<PathBuf, &String> = files.iter().map(|(p, t)| (p.clone(), t)).collect();
        let reread = |p: &Path| read_bytes_at(texts[p].as_bytes(), p, &ReadOptions::default());
        let mut reads = read(files);
        let mut ledger = Ledger::new("合计", Sums::Whole);
        for part in order.chunks(chunk) {
            let chunk: Vec<FileRead> = part
                .iter()
                .map(|&i| reads.remove(&files[i].0).unwrap())
                .collect();
            ledger.add(chunk).unwrap();
        }
        ledger.close(Vec::new(), None, &reread).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Folding chunk by chunk, in any order and any chunk size, gives what the whole batch
        /// gives at once: totals, findings, diagnostics and summary; duplicate units included.
        #[test]
        fn folding_in_chunks_equals_the_whole_batch(
            (files, order) in batch().prop_flat_map(|f| {
                let n = f.len();
                (Just(f), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
            }),
            chunk in 1..8usize,
        ) {
            let whole = assemble(read(&files).into_values().collect(), Vec::new());
            let want_totals = if whole.reports.is_empty() {
                Vec::new()
            } else {
                consolidate(&gongkai_report::arrow::to_record_batch(&whole.reports).unwrap(), "合计")
                    .unwrap()
            };
            let want_checks = check_batch(&whole.reports, None);
            let got = folded(&files, &order, chunk);
            prop_assert_eq!(&got.totals, &want_totals);
            prop_assert_eq!(&got.checks.findings, &want_checks.findings);
            prop_assert_eq!(&got.summary, &whole.summary());
            let mut want_diags: Vec<String> = whole.diagnostics().map(|d| d.to_string()).collect();
            let mut got_diags: Vec<String> = got.diagnostics().map(|d| d.to_string()).collect();
            want_diags.sort();
            got_diags.sort();
            prop_assert_eq!(got_diags, want_diags);
        }
    }

    /// A unit and year given twice, one file named as the correction: that file is summed, the
    /// other taken out, whether both came in one chunk (neither summed yet) or in two (both
    /// summed), and whichever came first.
    #[test]
    fn a_file_named_as_the_correction_is_summed_in_place_of_the_other() {
        let files = vec![
            (PathBuf::from("in/a.csv"), file("u1", 2020, 1)),
            (PathBuf::from("in/b.csv"), file("u2", 2020, 2)),
            (PathBuf::from("in/c.csv"), file("u1", 2020, 3)),
            (PathBuf::from("in/c更正.csv"), file("u1", 2020, 4)),
        ];
        // What the sum must be: u1 from the correction, u2.
        let want = {
            let keep = [1, 3].map(|i| &files[i]);
            let reports: Vec<_> = keep
                .iter()
                .flat_map(|(p, t)| read_bytes_at(t.as_bytes(), p, &ReadOptions::default()).reports)
                .collect();
            consolidate(
                &gongkai_report::arrow::to_record_batch(&reports).unwrap(),
                "合计",
            )
            .unwrap()
        };
        for (order, chunk) in [
            (vec![0, 1, 2, 3], 4),
            (vec![0, 1, 2, 3], 1),
            (vec![3, 2, 1, 0], 1),
            (vec![3, 0, 1, 2], 2),
        ] {
            let got = folded(&files, &order, chunk);
            assert_eq!(got.totals, want, "{order:?} in chunks of {chunk}");
            assert_eq!(got.duplicates.len(), 1);
            assert_eq!(
                got.duplicates[0].winner().map(|w| w.as_ref().clone()),
                Some(PathBuf::from("in/c更正.csv"))
            );
            assert_eq!((got.summary.reports, got.summary.reports_rejected), (2, 2));
            let warning = got
                .diagnostics()
                .find(|d| d.unit.as_deref() == Some("u1"))
                .unwrap();
            assert!(!warning.is_error(), "{warning}");
        }
    }

    /// A file that changed between the read and the close's second read is an error, not a
    /// silently wrong total.
    #[test]
    fn a_duplicate_that_changed_on_disk_is_an_error() {
        let files = vec![
            (PathBuf::from("in/a.csv"), file("u1", 2020, 1)),
            (PathBuf::from("in/b.csv"), file("u1", 2020, 2)),
        ];
        let mut reads = read(&files);
        let mut ledger = Ledger::new("合计", Sums::Whole);
        for (p, _) in &files {
            ledger.add(vec![reads.remove(p).unwrap()]).unwrap();
        }
        let changed = file("u1", 2020, 3);
        let reread = |p: &Path| read_bytes_at(changed.as_bytes(), p, &ReadOptions::default());
        let err = ledger.close(Vec::new(), None, &reread).unwrap_err();
        assert!(matches!(err, AggregateError::Changed { .. }), "{err}");
    }
}
