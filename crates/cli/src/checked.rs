//! Reading and checking a batch, shared by `validate` and `consolidate`: one list of findings
//! (input problems, rule findings, coverage), the policy that filters them, and the summary.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{anyhow, bail, Result};
use gongkai_aggregate::{Closed, Coverage, Ledger, Sums};
use gongkai_ingest::{read_chunks, read_file, EncodingChoice, ReadOptions, CHUNK_FILES};
use gongkai_messages::msg;
use gongkai_report::{Check, Finding, Prefer, Registry};

use crate::args::{self, InputArgs, PolicyArgs};
use crate::Outcome;

/// Which findings count: `--allow` silences rules, `--strict` makes warnings fail.
#[derive(Debug, Default)]
pub struct Policy {
    pub strict: bool,
    allowed: BTreeSet<Check>,
}

impl Policy {
    pub fn from_args(args: &PolicyArgs) -> Result<Policy> {
        let mut allowed = BTreeSet::new();
        for a in &args.allow {
            match Check::parse(a) {
                Some(Check::Input) | None => {
                    bail!(msg!("policy-not-a-rule", rule = format!("{a:?}")))
                }
                Some(check) => allowed.insert(check),
            };
        }
        Ok(Policy {
            strict: args.strict,
            allowed,
        })
    }

    pub fn allows(&self, f: &Finding) -> bool {
        self.allowed.contains(&f.rule)
    }

    /// Whether registered units without a report are silenced (`--allow coverage`).
    pub fn allows_missing(&self) -> bool {
        self.allowed.contains(&Check::Coverage)
    }
}

/// What a command needs of a batch besides its checks.
#[derive(Debug, Clone, Copy)]
pub enum Need<'a> {
    /// Findings only (`validate`).
    Checks,
    /// Totals named `name`, and by parent in the registry if asked (`consolidate`).
    Totals { name: &'a str, by_parent: bool },
    /// Totals as for `Totals` (by parent when asked and a registry is found), and every report,
    /// packed (`export`, `trend`, `report`); with `digests`, each file's SHA-256 taken as it is
    /// read (`export`'s manifest).
    Reports {
        name: &'a str,
        by_parent: bool,
        digests: bool,
    },
}

/// A read and checked batch.
#[derive(Debug)]
pub struct Checked {
    /// Totals (if asked), checks, summary, problem files, reports (if asked).
    pub closed: Closed,
    pub registry: Option<Registry>,
    /// Every finding the policy lets through, sorted by file, line, unit, year, rule.
    pub findings: Vec<Finding>,
    /// Units (and years) with rule errors: `城关区 2020`.
    pub failing: BTreeSet<(String, i32)>,
}

impl Checked {
    pub fn input_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|e| e.rule == Check::Input && e.is_error())
    }

    pub fn rule_errors(&self, policy: &Policy) -> bool {
        self.findings
            .iter()
            .any(|e| e.rule != Check::Input && (e.is_error() || policy.strict))
    }

    /// Exit code for the findings so far: unreadable input wins over rule errors.
    pub fn outcome(&self, policy: &Policy) -> Outcome {
        if self.input_errors() {
            Outcome::Unreadable
        } else if self.rule_errors(policy) {
            Outcome::RuleErrors
        } else {
            Outcome::Clean
        }
    }

    /// Lets go of the copies of the reading diagnostics kept with their files: `findings` holds
    /// them, and the summary needs only a rejected file's own. Hand-shaped grids have a warning
    /// in one file of three; a national batch kept 160,000 of them twice (about 60 MB of an
    /// export's peak).
    pub fn shed_file_diagnostics(&mut self) {
        for f in &mut self.closed.files {
            if !f.is_rejected() {
                f.diagnostics = Vec::new();
            }
        }
    }

    /// Adds findings on totals (no file), keeping the order.
    pub fn add_findings(&mut self, findings: Vec<Finding>, policy: &Policy) {
        self.findings
            .extend(findings.into_iter().filter(|f| !policy.allows(f)));
    }

    /// What totals of `summed` (units per year) rest on, under `policy`.
    pub fn coverage(&self, summed: &BTreeMap<i32, Vec<String>>, policy: &Policy) -> Coverage {
        Coverage::build(
            &self.closed,
            summed,
            &self.failing,
            !policy.allows_missing(),
        )
    }
}

/// Reads the batch chunk by chunk, checking and (if asked) summing each chunk as it comes: memory
/// holds a chunk, running totals and a small link per report, unless every report is needed.
pub fn load(input: &InputArgs, policy: &Policy, need: Need) -> Result<Checked> {
    let encoding = EncodingChoice::parse(&input.encoding).ok_or_else(|| {
        anyhow!(msg!(
            "input-unknown-encoding",
            name = format!("{:?}", input.encoding)
        ))
    })?;
    let registry_path = input.units.clone().or_else(|| Registry::find(&input.paths));
    let by_parent = match need {
        Need::Checks => false,
        Need::Totals { by_parent, .. } => by_parent,
        Need::Reports { by_parent, .. } => by_parent && registry_path.is_some(),
    };
    // Summing by parent needs the registry for every chunk; otherwise it loads (100,000 units
    // take a tenth of a second) while the files are read, and is needed only at the close.
    let early = match &registry_path {
        Some(path) if by_parent => Some(load_registry(path)?),
        None if by_parent => bail!(msg!("input-by-parent-needs-registry")),
        _ => None,
    };
    let (name, sums) = match (need, &early) {
        (Need::Checks, _) => ("", Sums::Skip),
        (Need::Totals { name, .. } | Need::Reports { name, .. }, Some(r)) => {
            (name, Sums::ByParent(r))
        }
        (Need::Totals { name, .. } | Need::Reports { name, .. }, None) => (name, Sums::Whole),
    };
    let prefer = match input.prefer {
        Some(args::Prefer::Newer) => Prefer::Newer,
        None => Prefer::Corrected,
    };
    let mut ledger = Ledger::new(name, sums).preferring(prefer);
    if matches!(need, Need::Reports { .. }) {
        ledger = ledger.keeping_reports();
    }
    let options = ReadOptions {
        encoding,
        digest: matches!(need, Need::Reports { digests: true, .. }),
    };
    let progress = crate::progress::Bar::new(crate::say::quiet());
    let mut failed = None;
    let (diagnostics, late) = std::thread::scope(|scope| {
        let late = registry_path
            .as_ref()
            .filter(|_| early.is_none())
            .map(|path| scope.spawn(move || load_registry(path)));
        let diagnostics = read_chunks(
            &input.paths,
            &options,
            &progress,
            chunk_files(),
            &mut |chunk| {
                if failed.is_none() {
                    failed = ledger.add(chunk).err();
                }
            },
        );
        let late = late.map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        (diagnostics, late)
    });
    progress.finish();
    let late = late.transpose()?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    let closed = ledger.close(diagnostics, early.as_ref().or(late.as_ref()), &|path| {
        read_file(path, &options)
    })?;
    let registry = early.or(late);
    let checks = &closed.checks;
    // A reading diagnostic is silenced only when it is a rule's (N1 of a unit's document);
    // `input` cannot be allowed.
    let mut findings: Vec<Finding> = closed
        .diagnostics()
        .filter(|f| !policy.allows(f))
        .cloned()
        .collect();
    findings.extend(
        checks
            .findings
            .iter()
            .chain(&checks.coverage)
            .filter(|f| !policy.allows(f))
            .cloned(),
    );
    let s = &closed.summary;
    if s.reports == 0 && s.files_seen > 0 {
        findings.push(Finding::new(
            Check::Input,
            gongkai_form::Level::Error,
            msg!(
                "input-no-reports",
                files = s.files_seen,
                rejected = s.files_rejected,
                skipped = s.files_skipped
            ),
        ));
    }
    Finding::sort(&mut findings);
    let failing = checks
        .findings
        .iter()
        .filter(|f| f.is_error() && !policy.allows(f))
        .filter_map(|f| Some((f.unit.clone()?, f.year?)))
        .collect();
    Ok(Checked {
        closed,
        registry,
        findings,
        failing,
    })
}

/// The units registry at `path`, its problems printed if it has any.
pub fn load_registry(path: &std::path::Path) -> Result<Registry> {
    Registry::load(path).map_err(|problems| {
        for p in &problems {
            eprintln!("{p}");
        }
        anyhow!(msg!(
            "input-registry-problems",
            file = path.display().to_string(),
            count = problems.len()
        ))
    })
}

/// Files read and folded at a time: `GONGKAI_CHUNK_FILES`, else [`CHUNK_FILES`]. Smaller chunks
/// hold less memory at once; the results are the same whatever the size (a test says so).
fn chunk_files() -> usize {
    std::env::var("GONGKAI_CHUNK_FILES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(CHUNK_FILES)
}

/// Leaves a checked batch to the end of the process instead of freeing it: the run is over, and
/// 100,000 reports freed one by one take longer (a tenth of a national run) than the OS takes to
/// drop the whole address space.
pub fn leave(checked: Checked) {
    std::mem::forget(checked);
}

/// The summary on standard error: what was read, what was left out, findings by rule and unit.
pub fn print_summary(c: &Checked) {
    if crate::say::quiet() {
        return;
    }
    let s = &c.closed.summary;
    let years: Vec<String> = s.years.iter().map(ToString::to_string).collect();
    let formats: Vec<String> = s
        .formats
        .iter()
        .map(|(format, n)| format!("{n} {}", format.name()))
        .collect();
    let formats = if formats.is_empty() {
        String::new()
    } else {
        msg!(
            "summary-formats",
            formats = formats.join(&msg!("summary-sep"))
        )
    };
    eprintln!(
        "{}",
        msg!(
            "summary-line",
            files = s.files_seen,
            used = s.files_used,
            rejected = s.files_rejected,
            skipped = s.files_skipped,
            formats = formats,
            reports = s.reports,
            units = s.units,
            years = if years.is_empty() {
                msg!("summary-no-year")
            } else {
                years.join(&msg!("summary-sep"))
            },
            values = s.values_read,
            values_used = s.values_used,
            values_rejected = s.values_rejected,
            blanks = s.blank_cells
        )
    );
    let left_out = |file: &std::path::Path, reason: &str| {
        eprintln!(
            "{}",
            msg!(
                "summary-left-out",
                file = file.display().to_string(),
                reason = reason
            )
        );
    };
    for f in c.closed.files.iter().filter(|f| f.is_rejected()) {
        let reason = f
            .errors()
            .next()
            .map_or_else(String::new, |d| d.message.clone());
        left_out(&f.file, &reason);
    }
    for f in c
        .closed
        .files
        .iter()
        .filter(|f| !f.rejected.is_empty() && !f.is_rejected())
    {
        left_out(&f.file, &f.rejected.join(&msg!("summary-sep")));
    }
    for f in &c.closed.files {
        if let Some(why) = &f.skipped {
            eprintln!(
                "{}",
                msg!(
                    "summary-skipped",
                    file = f.file.display().to_string(),
                    reason = why.as_str()
                )
            );
        }
    }
    let mut by_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut by_unit: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for e in &c.findings {
        let bump = |m: &mut (usize, usize)| if e.is_error() { m.0 += 1 } else { m.1 += 1 };
        bump(by_rule.entry(e.rule.code()).or_default());
        bump(
            by_unit
                .entry(e.unit.clone().unwrap_or_else(|| msg!("summary-no-unit")))
                .or_default(),
        );
    }
    fn show<K: AsRef<str>>(m: &BTreeMap<K, (usize, usize)>) -> String {
        if m.is_empty() {
            return msg!("summary-none");
        }
        m.iter()
            .map(|(k, (e, w))| {
                let name = match k.as_ref() {
                    "input" => msg!("summary-check-input"),
                    "coverage" => msg!("summary-check-coverage"),
                    other => other.to_string(),
                };
                msg!("summary-count", name = name, errors = *e, warnings = *w)
            })
            .collect::<Vec<_>>()
            .join(&msg!("summary-sep"))
    }
    let (errors, warnings) =
        c.findings.iter().fold(
            (0, 0),
            |(e, w), x| if x.is_error() { (e + 1, w) } else { (e, w + 1) },
        );
    eprintln!(
        "{}",
        msg!(
            "summary-findings",
            errors = errors,
            warnings = warnings,
            rules = show(&by_rule)
        )
    );
    eprintln!(
        "{}",
        msg!("summary-findings-by-unit", units = show(&by_unit))
    );
    if let Some(r) = &c.registry {
        eprintln!(
            "{}",
            msg!(
                "summary-registry",
                file = r.file.display().to_string(),
                units = r.units.len(),
                missing = c.closed.checks.missing.len()
            )
        );
    }
}
