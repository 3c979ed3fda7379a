//! `gongkai consolidate`: read a year-end folder, check every unit, print the summed tables.

use anyhow::{anyhow, Result};
use gongkai_aggregate::findings::{self, Finding};
use gongkai_aggregate::Total;
use gongkai_ingest::{read_batch, Batch, EncodingChoice, ReadOptions};

use crate::args::{ConsolidateArgs, Format, InputArgs};
use crate::output::emit;
use crate::render::{self, Values};
use crate::Outcome;

pub fn read_inputs(input: &InputArgs) -> Result<Batch> {
    let encoding = EncodingChoice::parse(&input.encoding).ok_or_else(|| {
        anyhow!(
            "unknown encoding {:?} (try auto, utf-8, gbk, gb18030)",
            input.encoding
        )
    })?;
    Ok(read_batch(&input.paths, &ReadOptions { encoding }))
}

pub fn run(args: &ConsolidateArgs) -> Result<Outcome> {
    let batch = read_inputs(&args.input)?;
    for d in batch.diagnostics() {
        eprintln!("{d}");
    }
    let mut unit_findings: Vec<Finding> = batch
        .reports
        .iter()
        .flat_map(findings::check_report)
        .collect();
    findings::sort(&mut unit_findings);
    let record_batch = gongkai_ingest::arrow::to_record_batch(&batch.reports)?;
    let totals: Vec<Total> = if batch.reports.is_empty() {
        Vec::new()
    } else {
        gongkai_aggregate::consolidate(&record_batch, &args.name)?
    };
    let mut total_findings: Vec<Finding> = totals.iter().flat_map(|t| t.findings()).collect();
    findings::sort(&mut total_findings);
    for f in unit_findings.iter().chain(&total_findings) {
        eprintln!("{f}");
    }

    let values: Vec<Values> = totals
        .iter()
        .map(|t| Values {
            name: &t.name,
            year: t.year,
            form: t.form,
            values: &t.values,
        })
        .collect();
    let text = match args.format {
        Format::Table => render::terminal(&values),
        Format::Markdown => render::markdown(&values),
        Format::Csv => render::tidy_csv(&values),
        Format::Json => render::tidy_json(&values),
    };
    emit(&text, args.out.as_deref())?;

    let summary = batch.summary();
    print_summary(&batch, &summary, &totals, &unit_findings, &total_findings);
    let read_errors = batch.diagnostics().any(|d| d.is_error());
    let rule_errors = unit_findings
        .iter()
        .chain(&total_findings)
        .any(Finding::is_error);
    Ok(if read_errors || totals.is_empty() {
        Outcome::Unreadable
    } else if rule_errors {
        Outcome::RuleErrors
    } else {
        Outcome::Clean
    })
}

fn print_summary(
    batch: &Batch,
    s: &gongkai_ingest::Summary,
    totals: &[Total],
    unit_findings: &[Finding],
    total_findings: &[Finding],
) {
    let years: Vec<String> = s.years.iter().map(ToString::to_string).collect();
    eprintln!(
        "summary: {} file(s) read, {} used, {} rejected; {} unit report(s) of {} unit(s) for {}; \
         values: {} read = {} used + {} rejected; {} blank cell(s)",
        s.files_seen,
        s.files_used,
        s.files_rejected,
        s.reports,
        s.units,
        if years.is_empty() {
            "no year".to_string()
        } else {
            years.join(", ")
        },
        s.values_read,
        s.values_used,
        s.values_rejected,
        s.blank_cells,
    );
    for f in batch.files.iter().filter(|f| f.is_rejected()) {
        let reason = f
            .errors()
            .next()
            .map_or_else(String::new, |d| d.message.clone());
        eprintln!("left out: {}: {reason}", f.file.display());
    }
    for f in batch
        .files
        .iter()
        .filter(|f| !f.rejected.is_empty() && !f.is_rejected())
    {
        eprintln!("left out: {}: {}", f.file.display(), f.rejected.join(", "));
    }
    let count = |fs: &[Finding], err: bool| fs.iter().filter(|f| f.is_error() == err).count();
    eprintln!(
        "rules: units {} error(s), {} warning(s); totals {} error(s), {} warning(s)",
        count(unit_findings, true),
        count(unit_findings, false),
        count(total_findings, true),
        count(total_findings, false),
    );
    for t in totals {
        let blank_cells = t.blank_units.iter().filter(|b| **b > 0).count();
        eprintln!(
            "total: {} {} (form {}) = {} unit(s); {} cell(s) rest on blanks",
            t.name,
            t.year,
            t.form,
            t.units.len(),
            blank_cells
        );
    }
}
