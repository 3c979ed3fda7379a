//! A unit and year that several files give: which file is used, if any, and the finding that
//! says so. Both the batch reader (`gongkai-ingest`) and the streamed ledger
//! (`gongkai-aggregate`) decide here, so they decide alike.
//!
//! A file whose name says it is a correction (更正, 修改, 修正, 修订) is used over the others;
//! with [`Prefer::Newer`] the file last modified is. Otherwise there is no telling which is
//! right and all are left out, the finding naming the newer file so the user can choose.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use gongkai_messages::msg;

use crate::Finding;

/// Words in a file's name that mark it as the corrected copy of a report.
pub const CORRECTION_MARKS: [&str; 4] = ["更正", "修改", "修正", "修订"];

/// Which of several files of one unit and year is used (`--prefer`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Prefer {
    /// Only a file named as the correction (更正, 修改, …); else none.
    #[default]
    Corrected,
    /// The file modified last (when the times differ); else as [`Prefer::Corrected`].
    Newer,
}

/// Why a file of a duplicate was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Its name marks it as the correction.
    Corrected,
    /// It was modified last, and the user asked for the newer file.
    Newer,
}

impl Why {
    /// `corrected` or `newer`, for machines (JSON).
    pub fn code(self) -> &'static str {
        match self {
            Why::Corrected => "corrected",
            Why::Newer => "newer",
        }
    }
}

/// A unit and year given by more than one file, and what became of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub unit: String,
    pub year: i32,
    /// The files, in the order given (path order in a batch).
    pub files: Vec<Arc<PathBuf>>,
    /// The file used and why; `None` when all are left out.
    pub chosen: Option<(usize, Why)>,
    /// The file modified last, when one was (for the hint when none is chosen).
    pub newest: Option<usize>,
}

impl Duplicate {
    /// Decides between `files` of `unit` and `year`, reading their modification times.
    pub fn resolve(unit: &str, year: i32, files: Vec<Arc<PathBuf>>, prefer: Prefer) -> Duplicate {
        Duplicate::resolve_with(unit, year, files, prefer, &|p| {
            std::fs::metadata(p).and_then(|m| m.modified()).ok()
        })
    }

    /// [`Duplicate::resolve`] with the modification times from `modified` (for tests).
    pub fn resolve_with(
        unit: &str,
        year: i32,
        files: Vec<Arc<PathBuf>>,
        prefer: Prefer,
        modified: &dyn Fn(&Path) -> Option<SystemTime>,
    ) -> Duplicate {
        let times: Vec<Option<SystemTime>> = files.iter().map(|f| modified(f)).collect();
        let newest = unique_max(&times);
        let corrected = {
            let marked: Vec<usize> = (0..files.len())
                .filter(|&i| files.get(i).is_some_and(|f| is_correction(f)))
                .collect();
            match marked.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        };
        let chosen = match (prefer, newest, corrected) {
            (Prefer::Newer, Some(n), _) => Some((n, Why::Newer)),
            (_, _, Some(c)) => Some((c, Why::Corrected)),
            _ => None,
        };
        Duplicate {
            unit: unit.to_string(),
            year,
            files,
            chosen,
            newest,
        }
    }

    /// The file used, if any.
    pub fn winner(&self) -> Option<&Arc<PathBuf>> {
        self.chosen.and_then(|(i, _)| self.files.get(i))
    }

    /// The files left out: all of them, or all but the one used.
    pub fn left_out(&self) -> impl Iterator<Item = &Arc<PathBuf>> {
        let chosen = self.chosen.map(|(i, _)| i);
        self.files
            .iter()
            .enumerate()
            .filter(move |(i, _)| Some(*i) != chosen)
            .map(|(_, f)| f)
    }

    /// The finding: an error when all are left out (naming the newer file and how to choose),
    /// a warning naming the file used and why.
    pub fn finding(&self) -> Finding {
        let names: Vec<String> = self.files.iter().map(|f| f.display().to_string()).collect();
        let files = names.join(&msg!("duplicate-and"));
        let count = self.files.len();
        let (unit, year) = (self.unit.as_str(), self.year);
        let finding = match (self.winner(), self.chosen) {
            (Some(winner), Some((_, why))) => {
                let why = match why {
                    Why::Corrected => msg!("duplicate-why-corrected"),
                    Why::Newer => msg!("duplicate-why-newer"),
                };
                let message = msg!(
                    "duplicate-used",
                    unit = unit,
                    year = year,
                    count = count,
                    files = files,
                    file = winner.display().to_string(),
                    why = why
                );
                Finding::warning(winner, message)
            }
            _ => {
                let hint = match self.newest.and_then(|i| self.files.get(i)) {
                    Some(newer) => {
                        msg!("duplicate-hint-newer", file = newer.display().to_string())
                    }
                    None => msg!("duplicate-hint-rename"),
                };
                let message = msg!(
                    "duplicate-left-out",
                    unit = unit,
                    year = year,
                    count = count,
                    files = files,
                    hint = hint
                );
                let first = self.files.first().cloned().unwrap_or_default();
                Finding::error(&first, message)
            }
        };
        finding.unit(unit, Some(year))
    }
}

/// Whether the file's name marks it as a correction.
pub fn is_correction(path: &Path) -> bool {
    path.file_stem()
        .map(|s| s.to_string_lossy())
        .is_some_and(|s| CORRECTION_MARKS.iter().any(|m| s.contains(m)))
}

/// The index of the one latest time, when every time is known and one is later than the rest.
fn unique_max(times: &[Option<SystemTime>]) -> Option<usize> {
    let known: Option<Vec<SystemTime>> = times.iter().copied().collect();
    let known = known?;
    let max = known.iter().max()?;
    let at: Vec<usize> = (0..known.len()).filter(|&i| known[i] == *max).collect();
    match at.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn files(names: &[&str]) -> Vec<Arc<PathBuf>> {
        names.iter().map(|n| Arc::new(PathBuf::from(n))).collect()
    }

    /// Modification times: the file named `newer` one minute after the others.
    fn times(newer: &'static str) -> impl Fn(&Path) -> Option<SystemTime> {
        move |p| {
            let base = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
            Some(if p.ends_with(newer) {
                base + Duration::from_secs(60)
            } else {
                base
            })
        }
    }

    #[test]
    fn a_file_named_as_the_correction_is_used() {
        let d = Duplicate::resolve_with(
            "城关区",
            2020,
            files(&["in/城关区.csv", "in/城关区（更正）.csv"]),
            Prefer::Corrected,
            &times("城关区.csv"),
        );
        assert_eq!(d.chosen, Some((1, Why::Corrected)));
        let f = d.finding();
        assert!(!f.is_error());
        assert_eq!(
            f.to_string(),
            "in/城关区（更正）.csv: warning: 城关区 2020: two files for 城关区 2020: \
             in/城关区.csv and in/城关区（更正）.csv; in/城关区（更正）.csv is used (its name \
             marks it as the correction), the other left out"
        );
        let out: Vec<_> = d.left_out().collect();
        assert_eq!(out, [&files(&["in/城关区.csv"])[0]]);
    }

    #[test]
    fn the_newer_is_used_only_when_asked_and_named_otherwise() {
        let names = files(&["in/a.csv", "in/b.csv"]);
        let d = Duplicate::resolve_with(
            "城关区",
            2020,
            names.clone(),
            Prefer::Corrected,
            &times("b.csv"),
        );
        assert_eq!((d.chosen, d.newest), (None, Some(1)));
        let f = d.finding();
        assert!(f.is_error());
        assert!(
            f.to_string().ends_with(
                "two files for 城关区 2020: in/a.csv and in/b.csv; both left out (in/b.csv is \
                 the newer: --prefer newer uses it)"
            ),
            "{f}"
        );
        let d = Duplicate::resolve_with("城关区", 2020, names, Prefer::Newer, &times("b.csv"));
        assert_eq!(d.chosen, Some((1, Why::Newer)));
        assert!(d
            .finding()
            .to_string()
            .contains("in/b.csv is used (the newer"));
    }

    #[test]
    fn no_telling_which_leaves_all_out() {
        // Same times, two corrections, three files: nothing to go by.
        let same = |_: &Path| Some(SystemTime::UNIX_EPOCH);
        let d = Duplicate::resolve_with(
            "安宁区",
            2021,
            files(&["a更正.csv", "b更正.csv", "c.csv"]),
            Prefer::Newer,
            &same,
        );
        assert_eq!((d.chosen, d.newest), (None, None));
        assert_eq!(d.left_out().count(), 3);
        let text = d.finding().to_string();
        assert!(
            text.contains("3 files for 安宁区 2021: a更正.csv and b更正.csv and c.csv; all left out (keep one"),
            "{text}"
        );
        // Times unknown (files gone): the correction still decides.
        let d = Duplicate::resolve_with(
            "安宁区",
            2021,
            files(&["a.csv", "a修改.csv"]),
            Prefer::Newer,
            &|_| None,
        );
        assert_eq!(d.chosen, Some((1, Why::Corrected)));
    }
}
