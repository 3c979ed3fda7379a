//! `gongkai template`: the blank form grid that `consolidate` reads back.

use anyhow::Result;
use gongkai_form::FormVersion;

use crate::args::{FormArg, TemplateArgs};
use crate::output::{emit, write_atomic};
use crate::Outcome;

pub fn run(args: &TemplateArgs) -> Result<Outcome> {
    let form = match args.form {
        FormArg::F2019 => FormVersion::F2019,
        FormArg::F2021 => FormVersion::F2021,
    };
    if let Some(year) = args.year {
        let due = FormVersion::for_year(year);
        anyhow::ensure!(due == form, "{year} reports use form {due}, not {form}");
    }
    let mut text = String::new();
    gongkai_report::write::grid::write(form, args.unit.as_deref(), args.year, None, &mut text);
    match &args.out {
        Some(path) => {
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            bytes.extend_from_slice(text.as_bytes());
            write_atomic(path, &bytes)?;
        }
        None => emit(&text, None)?,
    }
    Ok(Outcome::Clean)
}
