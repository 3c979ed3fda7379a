//! `gongkai validate`: every rule on every unit and year, findings on standard output or in
//! the `-o` file (JSON by its name, or `--format json`).

use anyhow::Result;

use crate::args::{FindingsFormat, ValidateArgs};
use crate::checked::{self, Need, Policy};
use crate::output::{self, emit};
use crate::Outcome;

pub fn run(args: &ValidateArgs) -> Result<Outcome> {
    let policy = Policy::from_args(&args.policy)?;
    let out = args.out.as_deref();
    let format = output::choose("validate", args.format, out, FindingsFormat::Text)?;
    let checked = checked::load(&args.input, &policy, Need::Checks)?;
    let text = match format {
        FindingsFormat::Text => checked
            .findings
            .iter()
            .map(|e| format!("{e}\n"))
            .collect::<String>(),
        FindingsFormat::Json => format!("{}\n", serde_json::to_string_pretty(&checked.findings)?),
    };
    emit(&text, out)?;
    checked::print_summary(&checked);
    let outcome = checked.outcome(&policy);
    checked::leave(checked);
    Ok(outcome)
}
