//! `gongkai audit`'s page: the published reports ranked worst first, then each report with its
//! findings and its own tables, the cells to check marked. The review page's style, tables and
//! findings lists, its Content Security Policy (no request at all) and no script: the reports
//! open and close as `<details>`, and print opened.

use std::fmt::Write as _;

use gongkai_audit::{Audit, Row};
use gongkai_messages::msg;
use gongkai_report::Finding;

use crate::model::marked_cells;
use crate::page::{escape, findings_list, head, unit_anchor, unit_tables};

/// What marks a file as a page `gongkai audit` wrote.
pub const AUDIT_GENERATOR: &str = "gongkai audit";

/// The page, whole.
pub fn audit_page(audit: &Audit) -> String {
    let reports = audit.rows.iter().filter(|r| r.report.is_some()).count();
    let title = msg!("audit-title", reports = reports);
    let mut s = String::with_capacity(1 << 18);
    head(&mut s, &title, AUDIT_GENERATOR);
    let failing = audit.rows.iter().filter(|r| r.errors() > 0).count();
    let unreadable = audit.rows.iter().filter(|r| r.report.is_none()).count();
    let _ = writeln!(
        s,
        "<p class=\"lead\">{}</p>\n</header>\n<main>",
        escape(&msg!(
            "audit-lead",
            files = audit.rows.len(),
            reports = reports,
            failing = failing,
            unreadable = unreadable
        ))
    );
    ranking(&mut s, audit);
    if !audit.unreconciled.is_empty() {
        let _ = writeln!(s, "<ul class=\"caveat\">");
        for u in &audit.unreconciled {
            let _ = writeln!(
                s,
                "<li>{}</li>",
                escape(&msg!(
                    "audit-unreconciled",
                    unit = u.unit.as_str(),
                    year = u.year,
                    due = u.due
                ))
            );
        }
        let _ = writeln!(s, "</ul>");
    }
    for (i, row) in audit.rows.iter().enumerate() {
        if !row.findings.is_empty() {
            report_section(&mut s, i, row);
        }
    }
    let _ = writeln!(
        s,
        "</main>\n<footer>{}</footer>\n</body>\n</html>",
        escape(&msg!("audit-footer"))
    );
    s
}

/// The anchor of the `i`-th row's section.
fn anchor(i: usize, row: &Row) -> String {
    match (row.unit(), row.year()) {
        (Some(unit), Some(year)) => format!("{}-{}", unit_anchor(unit, year), i + 1),
        _ => format!("file-{}", i + 1),
    }
}

/// The ranking: a line per file, as the CSV has it, the unit linking to its findings.
fn ranking(s: &mut String, audit: &Audit) {
    let heads = gongkai_audit::COLUMN_MESSAGES;
    let _ = write!(s, "<table class=\"units audit\">\n<thead><tr>");
    for h in heads {
        let _ = write!(s, "<th>{}</th>", escape(&gongkai_messages::text(h, &[])));
    }
    let _ = writeln!(s, "</tr></thead>\n<tbody>");
    for (i, r) in audit.rows.iter().enumerate() {
        let class = if r.report.is_none() || r.errors() > 0 {
            "failing"
        } else if r.warnings() > 0 {
            "warned"
        } else {
            "clean"
        };
        let name = r.unit().unwrap_or_default();
        let unit = if r.findings.is_empty() {
            escape(name)
        } else {
            format!(
                "<a href=\"#{}\">{}</a>",
                escape(&anchor(i, r)),
                escape(if name.is_empty() { "—" } else { name })
            )
        };
        let _ = writeln!(
            s,
            "<tr class=\"unit-row {class}\" data-unit=\"{}\"><td class=\"num\">{}</td><td>{unit}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(name),
            i + 1,
            r.year().map_or_else(String::new, |y| y.to_string()),
            r.form().map_or("", |f| f.code()),
            escape(&r.file.display().to_string()),
            r.values(),
            r.blank(),
            r.errors(),
            r.warnings(),
            escape(&r.rules_text())
        );
    }
    let _ = writeln!(s, "</tbody>\n</table>");
}

/// One report: its findings, then its own tables with the cells they name marked.
fn report_section(s: &mut String, i: usize, row: &Row) {
    let summary = row.heading(i + 1);
    let class = if row.errors() > 0 {
        "failing"
    } else {
        "warned"
    };
    let _ = writeln!(
        s,
        "<details class=\"unit {class}\" id=\"{}\" data-unit=\"{}\" open><summary>{}</summary>",
        escape(&anchor(i, row)),
        escape(row.unit().unwrap_or_default()),
        escape(&summary)
    );
    if let Some(name) = &row.published_as {
        let _ = writeln!(
            s,
            "<p class=\"hint\">{}</p>",
            escape(&msg!("audit-published-as", name = name.as_str()))
        );
    }
    let findings: Vec<&Finding> = row.findings.iter().collect();
    findings_list(s, &findings, "findings");
    if let Some(report) = &row.report {
        unit_tables(s, report, &marked_cells(&findings));
    }
    let _ = writeln!(s, "</details>");
}
