//! `gongkai template`: the blank form that `consolidate` reads back, as a CSV grid or as a
//! workbook to fill in.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{bail, Result};
use gongkai_form::FormVersion;

use crate::args::{FormArg, TemplateArgs, TemplateFormat};
use crate::output::{emit, emit_bytes, write_atomic};
use crate::Outcome;

/// Workbook formats a name may ask for that are not written: the file would not open as named.
const OTHER_WORKBOOKS: &[&str] = &["xls", "xlsm", "xlsb", "et", "ods"];

/// The format asked for, or else the one the output file's name says; a name that says another
/// format than the one asked for is refused, not written under the wrong name.
fn format_of(asked: Option<TemplateFormat>, out: Option<&Path>) -> Result<TemplateFormat> {
    let extension = out
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let named = match extension.as_deref() {
        Some("xlsx") => Some(TemplateFormat::Xlsx),
        Some("csv") => Some(TemplateFormat::Csv),
        Some(e) if OTHER_WORKBOOKS.contains(&e) => {
            let path = out.map_or_else(String::new, |p| p.display().to_string());
            bail!("{path}: the template is written as .xlsx or .csv, not .{e}: name the file .xlsx")
        }
        _ => None,
    };
    Ok(match (asked, named) {
        (Some(a), Some(n)) if a != n => {
            let path = out.map_or_else(String::new, |p| p.display().to_string());
            let (name, format) = match a {
                TemplateFormat::Csv => ("csv", ".xlsx"),
                TemplateFormat::Xlsx => ("xlsx", ".csv"),
            };
            bail!("{path}: --format {name} does not write a {format} file: name it .{name}, or leave --format out")
        }
        (Some(a), _) => a,
        (None, Some(n)) => n,
        (None, None) => TemplateFormat::Csv,
    })
}

pub fn run(args: &TemplateArgs) -> Result<Outcome> {
    let form = match args.form {
        FormArg::F2019 => FormVersion::F2019,
        FormArg::F2021 => FormVersion::F2021,
    };
    if let Some(year) = args.year {
        let due = FormVersion::for_year(year);
        anyhow::ensure!(due == form, "{year} reports use form {due}, not {form}");
    }
    let unit = args.unit.as_deref();
    match format_of(args.format, args.out.as_deref())? {
        TemplateFormat::Csv => {
            let mut text = String::new();
            gongkai_report::write::grid::write(form, unit, args.year, None, &mut text);
            match &args.out {
                Some(path) => {
                    let mut bytes = b"\xEF\xBB\xBF".to_vec();
                    bytes.extend_from_slice(text.as_bytes());
                    write_atomic(path, &bytes)?;
                }
                None => emit(&text, None)?,
            }
        }
        TemplateFormat::Xlsx => {
            if args.out.is_none() && std::io::stdout().is_terminal() {
                bail!(
                    "a workbook is not text for the terminal: write it to a file with -o 模板.xlsx"
                );
            }
            let bytes = gongkai_report::write::workbook::write(form, unit, args.year, None)?;
            emit_bytes(&bytes, args.out.as_deref())?;
        }
    }
    Ok(Outcome::Clean)
}
