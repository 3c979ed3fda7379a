//! `gongkai generate`: synthetic unit reports (issue 7), for tests, benchmarks and demos; with
//! `--lanzhou-sample`, the repository's Lanzhou sample.

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
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
        anyhow::bail!("generate needs --units and --out");
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
    };
    let summary = gongkai_synth::generate(config, out)?;
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

/// `--lanzhou-sample`: rewrites `data/lanzhou` and its fixtures below `--out` (default `.`).
fn lanzhou_sample(args: &GenerateArgs, started: Instant) -> Result<Outcome> {
    let root = args.out.as_deref().unwrap_or(Path::new("."));
    let summary = gongkai_synth::lanzhou::write_sample(root)?;
    eprintln!("{summary}\nin {:.2} s", started.elapsed().as_secs_f64());
    Ok(Outcome::Clean)
}
