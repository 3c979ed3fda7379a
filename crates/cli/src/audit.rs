//! `gongkai audit`: a folder of published reports checked as a batch: each report's own rules
//! (as `import-report` reads and checks it), X1–X4 between a unit's consecutive years, C1 a
//! unit's report against the sum of the reports of the units below it; ranked worst first.

use std::path::{Path, PathBuf};

use anyhow::Result;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};
use gongkai_audit::{write, Audit, Published};
use gongkai_messages::{msg, text};
use gongkai_pages::PageSource;
use gongkai_report::Registry;

use crate::args::{AuditArgs, AuditFormat};
use crate::checked::{load_registry, Policy};
use crate::output::{self, emit, emit_csv};
use crate::Outcome;

pub fn run(args: &AuditArgs) -> Result<Outcome> {
    let policy = Policy::from_args(&args.policy)?;
    let out = args.out.as_deref();
    let format = output::choose("audit", args.format, out, AuditFormat::Table)?;
    let registry_path = args.units.clone().or_else(|| Registry::find(&args.paths));
    let registry = registry_path.as_deref().map(load_registry).transpose()?;
    let (mut files, problems) = crate::published::report_sources(&args.paths, &args.fetch, out);
    // The registry in a folder of reports is not one of them.
    if let Some(path) = &registry_path {
        files.retain(|f| !matches!(f, PageSource::File(f) if same_file(f, path)));
    }
    if files.is_empty() {
        eprintln!("{}", msg!("audit-no-reports"));
        return Ok(Outcome::Unreadable);
    }
    let batch: Vec<Published> = crate::published::read(&files)
        .into_iter()
        .map(|imp| Published {
            file: imp.file,
            report: imp.report,
            findings: imp.diagnostics.into_iter().chain(imp.findings).collect(),
        })
        .collect();
    let audit = Audit::of(batch, registry.as_ref(), &|f| !policy.allows(f));
    match format {
        AuditFormat::Table => emit(&table(&audit), out)?,
        AuditFormat::Csv => {
            emit_csv(&write::to_csv(&audit.rows), out, args.no_bom)?;
            // A CSV holds the ranking only: each report's findings are said here.
            for row in &audit.rows {
                crate::say::findings(&row.findings);
            }
        }
        AuditFormat::Json => emit(
            &format!(
                "{}\n",
                serde_json::to_string_pretty(&write::to_json(&audit.rows))?
            ),
            out,
        )?,
        AuditFormat::Html => emit(&gongkai_review::audit_page(&audit), out)?,
    }
    for u in &audit.unreconciled {
        crate::say::note(msg!(
            "audit-unreconciled",
            unit = u.unit.as_str(),
            year = u.year,
            due = u.due
        ));
    }
    print_summary(&audit);
    Ok(
        if problems.iter().any(|p| p.is_error()) || audit.unreadable() {
            Outcome::Unreadable
        } else if audit.fails(policy.strict) {
            Outcome::RuleErrors
        } else {
            Outcome::Clean
        },
    )
}

/// Whether `a` and `b` name one file (however each was written).
fn same_file(a: &Path, b: &Path) -> bool {
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| PathBuf::from(p));
    real(a) == real(b)
}

/// The ranking for the terminal, then each report with findings and its findings under it.
fn table(audit: &Audit) -> String {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(gongkai_audit::COLUMN_MESSAGES.map(|id| text(id, &[])));
    for (i, r) in audit.rows.iter().enumerate() {
        t.add_row(std::iter::once((i + 1).to_string()).chain(r.fields()));
    }
    for i in [0, 5, 6, 7, 8] {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut s = format!("{t}\n");
    for (i, r) in audit.rows.iter().enumerate() {
        if r.findings.is_empty() {
            continue;
        }
        let heading = r.heading(i + 1);
        s.push('\n');
        s.push_str(&heading);
        s.push('\n');
        if let Some(name) = &r.published_as {
            s.push_str(&format!(
                "  {}\n",
                msg!("audit-published-as", name = name.as_str())
            ));
        }
        for f in &r.findings {
            s.push_str(&format!("  {f}\n"));
        }
    }
    s
}

/// What was read and found, on standard error.
fn print_summary(audit: &Audit) {
    let reports: Vec<_> = audit.rows.iter().filter(|r| r.report.is_some()).collect();
    let units: std::collections::BTreeSet<&str> = reports.iter().filter_map(|r| r.unit()).collect();
    crate::say::note(msg!(
        "audit-summary",
        files = audit.rows.len(),
        reports = reports.len(),
        units = units.len(),
        unreadable = audit.rows.len() - reports.len(),
        errors = audit.rows.iter().map(|r| r.errors()).sum::<usize>(),
        warnings = audit.rows.iter().map(|r| r.warnings()).sum::<usize>(),
        failing = audit.rows.iter().filter(|r| r.errors() > 0).count()
    ));
}
