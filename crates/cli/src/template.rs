//! `gongkai template`: the blank form that `consolidate` reads back, as a CSV grid or as a
//! workbook to fill in.

use anyhow::Result;
use gongkai_form::FormVersion;
use gongkai_messages::msg;

use crate::args::{FormArg, TemplateArgs, TemplateFormat};
use crate::output::{self, emit_bytes, emit_csv};
use crate::Outcome;

pub fn run(args: &TemplateArgs) -> Result<Outcome> {
    let form = match args.form {
        FormArg::F2019 => FormVersion::F2019,
        FormArg::F2021 => FormVersion::F2021,
    };
    if let Some(year) = args.year {
        let due = FormVersion::for_year(year);
        anyhow::ensure!(
            due == form,
            msg!(
                "template-wrong-form",
                year = year,
                due = due.to_string(),
                form = form.to_string()
            )
        );
    }
    let unit = args.unit.as_deref();
    let out = args.out.as_deref();
    match output::choose("template", args.format, out, TemplateFormat::Csv)? {
        TemplateFormat::Csv => {
            let mut text = String::new();
            gongkai_report::write::grid::write(form, unit, args.year, None, &mut text);
            emit_csv(&text, out, args.no_bom)?;
        }
        TemplateFormat::Xlsx => {
            output::refuse_workbook_on_terminal(out, "模板.xlsx")?;
            let bytes = gongkai_report::write::workbook::write(form, unit, args.year, None)?;
            emit_bytes(&bytes, out)?;
        }
    }
    Ok(Outcome::Clean)
}
