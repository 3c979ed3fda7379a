//! `gongkai generate`: synthetic unit reports (issue 7), for tests, benchmarks and demos; with
//! `--lanzhou-sample`, the repository's Lanzhou sample.

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use gongkai_messages::msg;
use gongkai_synth::{Config, FileLayout, Years};

use crate::args::{GenerateArgs, GenerateLayout};
use crate::Outcome;

pub fn run(args: &GenerateArgs) -> Result<Outcome> {
    let started = Instant::now();
    if args.lanzhou_sample {
        return lanzhou_sample(args, started);
    }
    // clap requires both without --lanzhou-sample.
    let (Some(units), Some(out)) = (args.units, &args.out) else {
        anyhow::bail!(msg!("generate-needs-units-and-out"));
    };
    let config = Config {
        seed: args.seed,
        units,
        years: Years::parse(&args.years)?,
        layout: match args.layout {
            GenerateLayout::Grid => FileLayout::Grid,
            GenerateLayout::Tidy => FileLayout::Tidy,
            GenerateLayout::Workbook => FileLayout::Workbook,
        },
        errors: args.errors,
        variety: args.variety,
    };
    let summary = gongkai_synth::generate(config, out)?;
    let c = &summary.manifest.counts;
    crate::say::note(msg!(
        "generate-done",
        units = summary.manifest.units,
        registry = c.registry_units,
        reports = c.reports,
        years = config.years.to_string(),
        files = c.files,
        bytes = c.bytes,
        defects = c.defects,
        layout = if config.variety {
            format!("{} --variety", config.layout.code())
        } else {
            config.layout.code().to_string()
        },
        seed = config.seed.to_string(),
        seconds = format!("{:.2}", started.elapsed().as_secs_f64()),
        dir = summary.dir.display().to_string()
    ));
    Ok(Outcome::Clean)
}

/// `--lanzhou-sample`: rewrites `data/lanzhou` and its fixtures below `--out` (default `.`).
fn lanzhou_sample(args: &GenerateArgs, started: Instant) -> Result<Outcome> {
    let root = args.out.as_deref().unwrap_or(Path::new("."));
    let summary = gongkai_synth::lanzhou::write_sample(root)?;
    crate::say::note(format!(
        "{summary}\n{}",
        msg!(
            "generate-sample-time",
            seconds = format!("{:.2}", started.elapsed().as_secs_f64())
        )
    ));
    Ok(Outcome::Clean)
}
