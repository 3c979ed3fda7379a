//! The catalogue is whole: both languages have every message with the same variables, every id
//! the code asks for exists, and the language follows the locale.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

use super::{text, text_in, with_lang, Arg, Lang, EN, ZH};

/// Each message's id and the variables it uses, from one catalogue file.
fn messages(source: &str, name: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{name} does not parse: {errors:?}"),
    };
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                pattern_vars(p, &mut vars);
            } else {
                panic!("{name}: message {} has no value", m.id.name);
            }
            assert!(
                out.insert(m.id.name.to_string(), vars).is_none(),
                "{name}: {} twice",
                m.id.name
            );
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(inline) => inline_vars(inline, vars),
    }
}

fn inline_vars(e: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn every_message_is_in_both_languages_with_the_same_variables() {
    let zh = messages(ZH, "zh.ftl");
    let en = messages(EN, "en.ftl");
    let only_zh: Vec<&String> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<&String> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    assert!(only_zh.is_empty(), "only in zh.ftl: {only_zh:?}");
    assert!(only_en.is_empty(), "only in en.ftl: {only_en:?}");
    for (id, vars) in &zh {
        assert_eq!(Some(vars), en.get(id), "{id}: variables differ");
    }
    assert!(zh.len() > 100, "the catalogue is nearly empty");
}

#[test]
fn every_message_formats_without_errors_in_both_languages() {
    let en = messages(EN, "en.ftl");
    for lang in Lang::ALL {
        let bundle = super::bundle(lang);
        for (id, vars) in &en {
            let mut args = fluent_bundle::FluentArgs::new();
            for v in vars {
                args.set(v.clone(), 2);
            }
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                panic!("{id} missing in {lang:?}");
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
            assert!(errors.is_empty(), "{lang:?} {id}: {errors:?}");
            assert!(!text.trim().is_empty(), "{lang:?} {id} is empty");
        }
    }
}

/// Every `msg!("id"` in the workspace's sources and tests names a message of the catalogue.
#[test]
fn every_id_the_code_uses_is_in_the_catalogue() {
    let en = messages(EN, "en.ftl");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut used = 0;
    let mut missing = Vec::new();
    for dir in ["crates", "tests"] {
        for entry in walkdir::WalkDir::new(root.join(dir))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        {
            let Ok(source) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            // This file names the macro in its own checks.
            if entry.path().ends_with("messages/src/tests.rs") {
                continue;
            }
            // Code, not comments (the docs show the macro with made-up ids); a call may break
            // its line after `msg!(`, as rustfmt does with long ones.
            let code: String = source
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            for (i, _) in code.match_indices("msg!(") {
                let rest = code[i + 5..].trim_start();
                let Some(rest) = rest.strip_prefix('"') else {
                    continue;
                };
                let id: String = rest.chars().take_while(|c| *c != '"').collect();
                used += 1;
                if !en.contains_key(&id) {
                    missing.push(format!("{}: {id}", entry.path().display()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "ids not in the catalogue: {missing:#?}");
    assert!(used > 0, "no msg! found: the scan is broken");
}

#[test]
fn the_language_follows_the_locale_in_posix_order() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(Lang::from_vars(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
    assert_eq!(Lang::from_vars(env(&[("LANG", "C")])), Lang::En);
    assert_eq!(Lang::from_vars(env(&[])), Lang::En);
    // LC_ALL before LC_MESSAGES before LANG; empty values do not count.
    assert_eq!(
        Lang::from_vars(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")])),
        Lang::En
    );
    assert_eq!(
        Lang::from_vars(env(&[
            ("LC_ALL", ""),
            ("LC_MESSAGES", "zh_TW"),
            ("LANG", "en_US")
        ])),
        Lang::Zh
    );
    assert_eq!(Lang::parse("ZH-cn"), Some(Lang::Zh));
    assert_eq!(Lang::parse("en"), Some(Lang::En));
    assert_eq!(Lang::parse("fr"), None);
}

#[test]
fn arguments_are_put_in_and_numbers_pick_the_plural() {
    let files = |n: i64| text_in(Lang::En, "files-read", &[("count", Arg::Number(n))]);
    assert_eq!(files(1), "1 file read");
    assert_eq!(files(3), "3 files read");
    assert_eq!(
        text_in(Lang::Zh, "files-read", &[("count", Arg::Number(3))]),
        "读取文件 3 个"
    );
    // An unknown id still says what it was asked.
    assert_eq!(
        text_in(Lang::En, "no-such-message", &[("x", Arg::from("y"))]),
        "no-such-message x=y"
    );
}

#[test]
fn a_thread_can_speak_another_language_than_the_run() {
    let count = || text("files-read", &[("count", Arg::Number(2))]);
    assert_eq!(with_lang(Lang::Zh, count), "读取文件 2 个");
    assert_eq!(
        with_lang(Lang::Zh, || with_lang(Lang::En, count)),
        "2 files read"
    );
    // Back to the run's language (English in tests) once `with_lang` returns.
    assert_eq!(count(), "2 files read");
}
