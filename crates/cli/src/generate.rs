//! `gongkai generate`: synthetic unit reports (issue 7), for tests, benchmarks and demos.

use std::time::Instant;

use anyhow::Result;
use gongkai_synth::{Config, FileLayout, Years};

use crate::args::{GenerateArgs, GenerateLayout};
use crate::Outcome;

pub fn run(args: &GenerateArgs) -> Result<Outcome> {
    let started = Instant::now();
    let config = Config {
        seed: args.seed,
        units: args.units,
        years: Years::parse(&args.years)?,
        layout: match args.layout {
            GenerateLayout::Grid => FileLayout::Grid,
            GenerateLayout::Tidy => FileLayout::Tidy,
        },
        errors: args.errors,
    };
    let summary = gongkai_synth::generate(config, &args.out)?;
    let c = &summary.manifest.counts;
    eprintln!(
        "generated: {} unit(s) ({} registry rows), {} report(s) for {}, {} file(s), {} bytes, \
         {} defect(s), layout {}, seed {}, in {:.2} s -> {}",
        summary.manifest.units,
        c.registry_units,
        c.reports,
        config.years,
        c.files,
        c.bytes,
        c.defects,
        config.layout.code(),
        config.seed,
        started.elapsed().as_secs_f64(),
        summary.dir.display()
    );
    Ok(Outcome::Clean)
}
