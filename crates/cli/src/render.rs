//! Printing totals: the official tables (terminal, Markdown) laid out by walking the form
//! catalogue, and the tidy CSV / JSON for other tools.

use gongkai_report::write::tidy;
use std::fmt::Write as _;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};
use gongkai_form::{format_value, FormVersion, Section};
use gongkai_messages::msg;

/// One set of values to print: a unit's or a total's, for one year.
#[derive(Debug, Clone, Copy)]
pub struct Values<'a> {
    pub name: &'a str,
    pub year: i32,
    pub form: FormVersion,
    pub values: &'a [i64],
}

/// A titled grid of text, the shape shared by the terminal and Markdown renderers.
#[derive(Debug)]
struct Sheet {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// The tables of one section in template order: one per item for 二, one each for 三 and 四.
fn sheets(v: &Values, section: Section) -> Vec<Sheet> {
    let cat = v.form.catalogue();
    let show = |i: usize| format_value(v.values[i], cat.cells[i].kind());
    let mut out = Vec::new();
    for (b, block) in cat
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.section == section)
    {
        let mut header: Vec<String> = vec![match (section, block.heading) {
            (Section::Active, Some(h)) => msg!("tables-info-content", item = h),
            (Section::Requests, _) => msg!("tables-applicants"),
            _ => String::new(),
        }];
        header.extend(block.columns.iter().map(|c| {
            if section == Section::Requests && c.code != "natural_person" && c.code != "total" {
                msg!("tables-organisation-column", column = c.label)
            } else {
                c.label.to_string()
            }
        }));
        let mut rows = Vec::new();
        let mut previous: &[&str] = &[];
        for (r, row) in block.rows.iter().enumerate() {
            // Group headings on their own line, as the form prints them.
            let depth = row.path.len() - 1;
            for d in 0..depth {
                let shared = previous.len() > d && previous[..=d] == row.path[..=d];
                if !shared {
                    let mut heading = vec![format!("{}{}", "  ".repeat(d), row.path[d])];
                    heading.resize(block.columns.len() + 1, String::new());
                    rows.push(heading);
                }
            }
            previous = row.path;
            let label = format!("{}{}", "  ".repeat(depth), row.path[depth]);
            let mut line = vec![label];
            line.extend((0..block.columns.len()).map(|c| show(cat.cell_index(b, r, c))));
            rows.push(line);
        }
        out.push(Sheet { header, rows });
    }
    out
}

fn title(v: &Values) -> String {
    msg!(
        "export-sheet-title",
        name = v.name,
        year = v.year,
        form = v.form.to_string(),
        notice = v.form.notice()
    )
}

/// The three official tables, aligned for a terminal (CJK characters count double width).
pub fn terminal(all: &[Values]) -> String {
    let mut out = String::new();
    for v in all {
        let _ = writeln!(out, "{}\n", title(v));
        for section in Section::ALL {
            let _ = writeln!(out, "{}", section.heading());
            for sheet in sheets(v, section) {
                let mut t = Table::new();
                t.load_preset(UTF8_FULL_CONDENSED)
                    .set_content_arrangement(ContentArrangement::Disabled);
                t.set_header(sheet.header.clone());
                for row in &sheet.rows {
                    t.add_row(row.clone());
                }
                for i in 1..sheet.header.len() {
                    if let Some(c) = t.column_mut(i) {
                        c.set_cell_alignment(CellAlignment::Right);
                    }
                }
                let _ = writeln!(out, "{t}");
            }
            out.push('\n');
        }
    }
    out
}

/// The three official tables as Markdown.
pub fn markdown(all: &[Values]) -> String {
    let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = String::new();
    for v in all {
        let _ = writeln!(out, "## {}\n", title(v));
        for section in Section::ALL {
            let _ = writeln!(out, "### {}\n", section.heading());
            for sheet in sheets(v, section) {
                let header: Vec<String> = sheet.header.iter().map(|h| esc(h)).collect();
                let _ = writeln!(out, "| {} |", header.join(" | "));
                let align: Vec<&str> = (0..header.len())
                    .map(|i| if i == 0 { ":---" } else { "---:" })
                    .collect();
                let _ = writeln!(out, "| {} |", align.join(" | "));
                for row in &sheet.rows {
                    let cells: Vec<String> = row
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            if i == 0 {
                                esc(c).replace("  ", "　")
                            } else {
                                esc(c)
                            }
                        })
                        .collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
                out.push('\n');
            }
        }
    }
    out
}

/// Tidy CSV with the interchange header.
pub fn tidy_csv(all: &[Values]) -> String {
    let mut out = tidy::HEADER.join(",");
    out.push('\n');
    for v in all {
        tidy::write_rows(v.name, v.year, v.form, v.values, &mut out);
    }
    out
}

/// Tidy JSON: one object per value, numbers written exactly as in the CSV.
pub fn tidy_json(all: &[Values]) -> String {
    tidy::to_json(
        all.iter()
            .flat_map(|v| tidy::rows(v.name, v.year, v.form, v.values)),
    )
}
