//! `gongkai import-report`: published report pages (saved HTML or copied text, or fetched from
//! their addresses: `sources`) into the tidy CSV that `consolidate`, `validate` and `trend` read,
//! every page checked against R1–R6 and its text against its tables (N1).

use std::collections::BTreeMap;

use anyhow::Result;
use gongkai_form::Level;
use gongkai_messages::msg;
use gongkai_pages::PageImport;
use gongkai_report::write::tidy;
use gongkai_report::UnitReport;

use crate::args::{ImportFormat, ImportReportArgs};
use crate::output::{self, emit, emit_csv};
use crate::render::{self, Values};
use crate::Outcome;

pub fn run(args: &ImportReportArgs) -> Result<Outcome> {
    let out = args.out.as_deref();
    let format = output::choose("import-report", args.format, out, ImportFormat::Csv)?;
    // Addresses fetched (each problem said as it happens), then files and folders searched.
    let (pages, problems) = crate::published::report_sources(&args.paths, &args.fetch, out);
    if pages.is_empty() {
        eprintln!("{}", msg!("import-no-pages"));
        return Ok(Outcome::Unreadable);
    }
    let imports = crate::published::read(&pages);
    for imp in &imports {
        crate::say::findings(&imp.diagnostics);
        crate::say::findings(&imp.findings);
    }
    let reports: Vec<&UnitReport> = imports.iter().filter_map(|i| i.report.as_ref()).collect();
    let mut pages_of: BTreeMap<(&str, i32), Vec<String>> = BTreeMap::new();
    for imp in &imports {
        if let Some(r) = &imp.report {
            pages_of
                .entry((r.unit.as_str(), r.year))
                .or_default()
                .push(imp.file.display().to_string());
        }
    }
    for ((unit, year), files) in pages_of.iter().filter(|(_, f)| f.len() > 1) {
        crate::say::note(msg!(
            "import-pages-twice",
            unit = *unit,
            year = *year,
            count = files.len(),
            files = files.join(&msg!("summary-sep"))
        ));
    }

    match format {
        ImportFormat::Csv => {
            let mut text = String::new();
            tidy::write_as_read(reports.iter().copied(), &mut text);
            emit_csv(&text, out, args.no_bom)?;
        }
        ImportFormat::Json => emit(&tidy_json(&reports), out)?,
        ImportFormat::Table => {
            let values: Vec<Values> = reports
                .iter()
                .map(|r| Values {
                    name: &r.unit,
                    year: r.year,
                    form: r.form,
                    values: &r.values,
                })
                .collect();
            emit(&render::terminal(&values), out)?;
        }
    }
    print_summary(&imports);

    let unreadable =
        problems.iter().any(|p| p.is_error()) || imports.iter().any(|i| !i.is_readable());
    Ok(if unreadable {
        Outcome::Unreadable
    } else if imports.iter().any(PageImport::has_errors) {
        Outcome::RuleErrors
    } else {
        Outcome::Clean
    })
}

/// Tidy JSON: one object per cell found, `null` for a blank one.
fn tidy_json(reports: &[&UnitReport]) -> String {
    tidy::to_json(reports.iter().flat_map(|r| tidy::rows_as_read(r)))
}

/// Which pages yielded all their values, which are partial and why, which could not be read.
fn print_summary(imports: &[PageImport]) {
    let complete = imports.iter().filter(|i| i.is_complete()).count();
    let unreadable = imports.iter().filter(|i| !i.is_readable()).count();
    let partial = imports.len() - complete - unreadable;
    let rule_errors: usize = imports
        .iter()
        .map(|i| {
            i.findings
                .iter()
                .filter(|f| f.level == Level::Error)
                .count()
        })
        .sum();
    let failing = imports.iter().filter(|i| i.has_errors()).count();
    if !crate::say::quiet() {
        eprintln!();
        for imp in imports {
            eprintln!("{}", imp.summary());
        }
    }
    crate::say::note(msg!(
        "import-summary",
        pages = imports.len(),
        complete = complete,
        partial = partial,
        unreadable = unreadable,
        errors = rule_errors,
        failing = failing
    ));
}
