//! `gongkai completions SHELL` and `gongkai man`: both made from the same localised command as
//! `--help`, so they never disagree with it.

use std::io::Write;

use anyhow::{Context, Result};

use crate::args::{CompletionsArgs, ManArgs};
use crate::help;
use crate::Outcome;

pub fn completions(args: &CompletionsArgs) -> Result<Outcome> {
    let mut cmd = help::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "gongkai", &mut out);
    std::io::stdout().write_all(&out)?;
    Ok(Outcome::Clean)
}

pub fn man(args: &ManArgs) -> Result<Outcome> {
    let mut cmd = help::command();
    cmd.build();
    let Some(dir) = &args.out else {
        let mut out = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut out)?;
        std::io::stdout().write_all(&out)?;
        return Ok(Outcome::Clean);
    };
    std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    let mut pages = vec![("gongkai".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands() {
        let name = format!("gongkai-{}", sub.get_name());
        pages.push((name.clone(), sub.clone().name(name)));
    }
    for (name, page) in pages {
        let mut out = Vec::new();
        clap_mangen::Man::new(page).render(&mut out)?;
        let path = dir.join(format!("{name}.1"));
        gongkai_atomic::write_file(&path, &out)?;
    }
    Ok(Outcome::Clean)
}
