//! `gongkai export`: the checked batch as Parquet (and CSV, XLSX) for BI tools.
//!
//! The export is a data-quality hand-off: it is written even when units fail rules, with the
//! findings in `findings.parquet` (the entries `validate --format json` prints) and each total
//! saying how many failing reports it rests on; the exit code is then 1 (2 when input could not
//! be read), as for `validate`.

use anyhow::{bail, Result};
use gongkai_export::{Input, InputFile, Options};
use gongkai_messages::msg;
use rayon::prelude::*;

use crate::args::ExportArgs;
use crate::checked::{self, Need, Policy};
use crate::Outcome;

pub fn run(args: &ExportArgs) -> Result<Outcome> {
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if from > to {
            bail!(msg!("export-from-after-to", from = from, to = to));
        }
    }
    let policy = Policy::from_args(&args.policy)?;
    // The batch's total is summed as the files are read, under `--name` or, until the reports say
    // what to call it, under a name no unit has.
    let summed_as = args.name.as_deref().unwrap_or(gongkai_export::UNNAMED);
    let need = Need::Reports {
        name: summed_as,
        by_parent: true,
        digests: true,
    };
    let mut checked = checked::load(&args.input, &policy, need)?;
    checked.shed_file_diagnostics();
    crate::say::findings(&checked.findings);
    let reports = &checked.closed.reports;
    let in_range = |y: i32| args.from.is_none_or(|f| y >= f) && args.to.is_none_or(|t| y <= t);
    if !reports.iter().any(|r| in_range(r.year)) {
        checked::print_summary(&checked);
        bail!(msg!("export-no-reports"));
    }

    // The manifest: every file read, with the SHA-256 of the bytes read, and the registry. A file
    // not hashed as it was read (a large tidy file read in pieces, the registry) is hashed now,
    // on all cores; one that cannot be read again is left out (its reading is in the findings).
    let mut inputs: Vec<InputFile> = std::mem::take(&mut checked.closed.inputs)
        .into_par_iter()
        .filter_map(|f| match f.sha256 {
            Some(sha) => Some(InputFile::hashed(f.path, f.bytes, sha)),
            None => InputFile::read(&f.path).ok(),
        })
        .collect();
    // In path order as the batch was read; the registry goes in its place, unless it was read.
    if let Some(r) = &checked.registry {
        if let Err(at) = inputs.binary_search_by(|f| f.path.as_path().cmp(r.file.as_path())) {
            if let Ok(registry) = InputFile::read(&r.file) {
                inputs.insert(at, registry);
            }
        }
    }
    let input = Input {
        name: args.name.as_deref(),
        reports,
        totals: &checked.closed.totals,
        summed_as,
        registry: checked.registry.as_ref(),
        findings: &checked.findings,
        failing: &checked.failing,
        from: args.from,
        to: args.to,
        inputs: &inputs,
    };
    let options = Options {
        csv: args.csv,
        xlsx: args.xlsx.clone(),
        part_reports: None,
        zeros: args.zeros,
    };
    let rendered = gongkai_export::export(&input, &args.out, &options)?;

    checked::print_summary(&checked);
    let years: Vec<String> = rendered.years.iter().map(ToString::to_string).collect();
    let facts: usize = rendered
        .files
        .iter()
        .filter(|f| f.path.starts_with("facts/"))
        .filter_map(|f| f.rows)
        .sum();
    let bytes: u64 = rendered.files.iter().map(|f| f.bytes).sum();
    crate::say::note(msg!(
        "export-written",
        dir = args.out.display().to_string(),
        files = rendered.files.len(),
        bytes = bytes,
        facts = facts,
        years = years.join(&msg!("summary-sep")),
        findings = checked
            .findings
            .iter()
            .filter(|f| f.year.is_none_or(in_range))
            .count()
    ));
    if args.name.is_none() && rendered.name != gongkai_export::DEFAULT_NAME {
        crate::say::note(msg!(
            "export-named-by-registry",
            name = rendered.name.as_str()
        ));
    }
    if let (Some(path), Some(bytes)) = (&args.xlsx, &rendered.xlsx) {
        crate::say::note(msg!(
            "export-workbook-written",
            file = path.display().to_string(),
            bytes = bytes.len()
        ));
    }
    if !checked.failing.is_empty() {
        crate::say::note(msg!("export-with-failing", count = checked.failing.len()));
    }
    let outcome = checked.outcome(&policy);
    // The batch is left for the process's end to free: freeing half a million kept reports one
    // by one took a tenth of a second of one core after the export was written.
    std::mem::forget(checked);
    Ok(outcome)
}
