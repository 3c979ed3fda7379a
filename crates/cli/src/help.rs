//! Help in the user's language: every command's description, every argument's help, the worked
//! examples and the headings come from the message catalogue, laid over the command the derive
//! builds (which keeps the arguments, their ids and their parsing). `--help`, the shell
//! completions and the man page are all made from [`command`].
//!
//! Ids: `help-<command>-about`, `help-<command>-examples`, and for an argument
//! `help-<command>-<id>` where its meaning is the command's own, else `help-arg-<id>`; the
//! top level is `gongkai`. A test walks the whole command and finds each in the catalogue.

use clap::{Arg, ArgAction, Command, CommandFactory};
use gongkai_messages::{has, msg, text};

use crate::args::Cli;

/// The command line as the user sees it, worded in the run's language.
pub fn command() -> Command {
    localize(Cli::command(), "gongkai", true)
}

/// The catalogue's help for argument `id` of `command`, if any.
pub(crate) fn arg_help_id(command: &str, id: &str) -> Option<String> {
    let own = format!("help-{command}-{}", id.replace('_', "-"));
    let shared = format!("help-arg-{}", id.replace('_', "-"));
    [own, shared].into_iter().find(|k| has(k))
}

fn localize(mut cmd: Command, key: &str, top: bool) -> Command {
    let about = format!("help-{key}-about");
    if has(&about) {
        cmd = cmd.about(text(&about, &[])).long_about(None);
    }
    let examples = format!("help-{key}-examples");
    if has(&examples) {
        let mut after = text(&examples, &[]);
        if key == "validate" {
            after = format!("{after}\n\n{}", msg!("help-rules"));
        }
        cmd = cmd.after_help(after);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = arg_help_id(key, &id).map(|k| text(&k, &[]));
        cmd = cmd.mut_arg(id.as_str(), |a| {
            let heading = if a.is_positional() {
                msg!("help-heading-arguments")
            } else {
                msg!("help-heading-options")
            };
            let a = a.help_heading(heading);
            // The catalogue's text names an enum's values in words: clap's list of them would
            // be the derive's English.
            let takes_value =
                a.get_num_args().is_some_and(|n| n.takes_values()) || a.get_action().takes_values();
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let help = help.map(|h| match defaults.is_empty() {
                true => h,
                false => format!("{h}{}", msg!("help-default", value = defaults.join(", "))),
            });
            match help {
                Some(help) => a
                    .help(help)
                    .hide_default_value(!defaults.is_empty())
                    .long_help(None)
                    .hide_possible_values(takes_value),
                None => a,
            }
        });
    }
    cmd = cmd
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(msg!("help-arg-help"))
                .help_heading(msg!("help-heading-options")),
        )
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
            msg!("help-usage")
        ))
        .subcommand_help_heading(msg!("help-heading-commands"));
    if top {
        cmd = cmd
            .disable_help_subcommand(true)
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help(msg!("help-arg-version"))
                    .help_heading(msg!("help-heading-options")),
            );
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(sub.as_str(), |s| localize(s, &sub, false));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    use gongkai_messages::{with_lang, Lang};

    use super::{arg_help_id, command};
    use crate::args::Cli;

    /// Every command and argument the derive declares has its help in the catalogue, and every
    /// command has worked examples.
    #[test]
    fn every_command_and_argument_has_help_in_the_catalogue() {
        let cli = Cli::command();
        let mut missing = Vec::new();
        for arg in cli.get_arguments() {
            if arg_help_id("gongkai", arg.get_id().as_str()).is_none() {
                missing.push(format!("gongkai --{}", arg.get_id()));
            }
        }
        for sub in cli.get_subcommands() {
            let name = sub.get_name();
            for what in ["about", "examples"] {
                if !gongkai_messages::has(&format!("help-{name}-{what}")) {
                    missing.push(format!("help-{name}-{what}"));
                }
            }
            for arg in sub.get_arguments() {
                if arg_help_id(name, arg.get_id().as_str()).is_none() {
                    missing.push(format!("{name} {}", arg.get_id()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "no help in the catalogue for {missing:#?}"
        );
    }

    fn help_of(lang: Lang, sub: &str) -> String {
        with_lang(lang, || {
            let mut cmd = command();
            cmd.build();
            let sub = cmd
                .find_subcommand_mut(sub)
                .unwrap_or_else(|| panic!("no {sub}"));
            sub.render_long_help().to_string()
        })
    }

    #[test]
    fn help_is_in_the_chosen_language_with_examples() {
        let zh = help_of(Lang::Zh, "consolidate");
        assert!(zh.contains("用法："), "{zh}");
        assert!(zh.contains("选项"), "{zh}");
        assert!(zh.contains("示例"), "{zh}");
        assert!(!zh.contains("Options:"), "{zh}");
        let examples = zh
            .lines()
            .filter(|l| l.trim_start().starts_with("gongkai consolidate"))
            .count();
        assert!((2..=4).contains(&examples), "{zh}");
        let en = help_of(Lang::En, "consolidate");
        assert!(en.contains("Usage: "), "{en}");
        assert!(en.contains("Examples"), "{en}");
        // trend explains its own outputs, not consolidate's.
        let trend = help_of(Lang::Zh, "trend");
        let consolidate_format = zh
            .lines()
            .skip_while(|l| !l.contains("--format"))
            .nth(1)
            .unwrap_or_default()
            .to_string();
        assert!(!trend.contains(&consolidate_format), "{trend}");
        // validate explains the rules in plain words.
        let validate = help_of(Lang::Zh, "validate");
        for rule in ["R1", "R6", "X1", "X4"] {
            assert!(validate.contains(rule), "{validate}");
        }
        assert!(validate.contains("表三每一行"), "{validate}");
    }
}
