//! `gongkai feedback`: a letter to each unit that has something to fix, and an index of who is
//! complete, who must fix what and who has sent nothing.
//!
//! A letter is addressed to the unit: its name and year, each problem in the form's words with
//! the figures and where it is in the unit's own file, and what already passed. It is written
//! twice, as HTML that prints on A4 and as plain text for pasting into a message. The letters come
//! from the same findings `validate` prints; the folder is made anew in one step (an earlier
//! feedback folder is replaced, any other folder refused).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use gongkai_form::RuleId;
use gongkai_messages::msg;
use gongkai_report::{Check, Finding};
use gongkai_review::escape;

use crate::args::FeedbackArgs;
use crate::checked::{self, Need, Policy};
use crate::Outcome;

/// What marks a folder as an earlier `gongkai feedback` output (in its index.html).
const MARK: &str = "<meta name=\"generator\" content=\"gongkai feedback\">";

/// One unit's letter for one year: its findings, errors first.
struct Letter<'a> {
    unit: &'a str,
    year: i32,
    findings: Vec<&'a Finding>,
}

impl Letter<'_> {
    fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    /// The file name of the letter, without extension: `城关区-2020` (a name's slashes made safe).
    fn stem(&self) -> String {
        let unit: String = self
            .unit
            .chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':') {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        format!("{unit}-{}", self.year)
    }

    /// The files the findings point into, as the unit named them.
    fn files(&self) -> Vec<String> {
        let files: BTreeSet<String> = self
            .findings
            .iter()
            .filter_map(|f| f.file.as_deref())
            .map(|p| {
                p.file_name()
                    .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
            })
            .collect();
        files.into_iter().collect()
    }

    /// The rules of a report that no finding of this letter names: what already passed.
    fn passed(&self) -> Vec<String> {
        let broken: BTreeSet<Check> = self
            .findings
            .iter()
            .flat_map(|f| {
                let mut rules: Vec<Check> = f.rules.iter().map(|r| r.rule).collect();
                rules.push(f.rule);
                rules
            })
            .collect();
        // The rules of one year's report, R1–R6 (X1–X4 need two years: said only when broken).
        RuleId::ALL
            .into_iter()
            .filter(|r| r.code().starts_with('R'))
            .filter(|r| !broken.contains(&Check::Rule(*r)))
            .map(rule_words)
            .collect()
    }

    /// One problem as the letter says it: the words, the rule ids, and where.
    fn item(f: &Finding) -> (String, Option<String>) {
        let ids: Vec<&str> = if f.rules.is_empty() {
            vec![f.rule.code()]
        } else {
            f.rules.iter().map(|r| r.rule.code()).collect()
        };
        let text = match f.rule {
            Check::Input => f.message.clone(),
            _ => format!("{} [{}]", f.message, ids.join(", ")),
        };
        let text = match (&f.found, &f.expected, f.rule) {
            (Some(found), Some(expected), Check::Input) => format!(
                "{text}{}{}{}{}",
                msg!("punct-colon"),
                msg!("finding-found", found = format!("{found:?}")),
                msg!("punct-comma"),
                msg!("finding-expected", expected = expected)
            ),
            _ => text,
        };
        let place = f.file.as_deref().map(|file| {
            let name: &Path = file.file_name().map_or(file.as_path(), Path::new);
            msg!("feedback-where", place = f.place.in_file(name).to_string())
        });
        (text, place)
    }

    fn text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{}", self.title());
        let _ = writeln!(s);
        let _ = writeln!(s, "{}", msg!("feedback-greeting", unit = self.unit));
        let _ = writeln!(s, "{}", self.intro());
        for (heading, items) in self.sections() {
            let _ = writeln!(s);
            let _ = writeln!(s, "{heading}");
            for (k, f) in items.iter().enumerate() {
                let (text, place) = Letter::item(f);
                let _ = writeln!(s, "{}. {text}", k + 1);
                if let Some(place) = place {
                    let _ = writeln!(s, "   {place}");
                }
            }
        }
        let _ = writeln!(s);
        let _ = writeln!(s, "{}", self.passed_line());
        let _ = writeln!(s, "{}", msg!("feedback-closing"));
        s
    }

    fn html(&self) -> String {
        let mut s = String::new();
        let title = escape(&self.title());
        let _ = write!(
            s,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n{MARK}\n\
             <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n",
            gongkai_messages::lang().code()
        );
        let _ = writeln!(
            s,
            "<p>{}</p>\n<p>{}</p>",
            escape(&msg!("feedback-greeting", unit = self.unit)),
            escape(&self.intro())
        );
        for (heading, items) in self.sections() {
            let _ = writeln!(s, "<h2>{}</h2>\n<ol>", escape(&heading));
            for f in items {
                let (text, place) = Letter::item(f);
                let class = if f.is_error() { "error" } else { "warning" };
                let _ = write!(s, "<li class=\"{class}\">{}", escape(&text));
                if let Some(place) = place {
                    let _ = write!(s, "<br><span class=\"where\">{}</span>", escape(&place));
                }
                let _ = writeln!(s, "</li>");
            }
            let _ = writeln!(s, "</ol>");
        }
        let _ = writeln!(
            s,
            "<p class=\"passed\">{}</p>\n<p>{}</p>\n</body>\n</html>",
            escape(&self.passed_line()),
            escape(&msg!("feedback-closing"))
        );
        s
    }

    fn title(&self) -> String {
        msg!(
            "feedback-title",
            unit = self.unit,
            year = self.year.to_string()
        )
    }

    fn intro(&self) -> String {
        msg!(
            "feedback-intro",
            year = self.year.to_string(),
            files = self.files().join(&msg!("list-separator")),
            errors = self.errors(),
            warnings = self.warnings()
        )
    }

    fn sections(&self) -> Vec<(String, Vec<&Finding>)> {
        let (errors, warnings): (Vec<&Finding>, Vec<&Finding>) =
            self.findings.iter().partition(|f| f.is_error());
        let mut out = Vec::new();
        if !errors.is_empty() {
            out.push((msg!("feedback-errors-heading"), errors));
        }
        if !warnings.is_empty() {
            out.push((msg!("feedback-warnings-heading"), warnings));
        }
        out
    }

    fn passed_line(&self) -> String {
        let passed = self.passed();
        if passed.is_empty() {
            msg!("feedback-passed-none")
        } else {
            msg!(
                "feedback-passed",
                rules = passed.join(&msg!("list-separator"))
            )
        }
    }
}

/// A rule in a few plain words, for "what already passed".
fn rule_words(rule: RuleId) -> String {
    match rule {
        RuleId::R1 => msg!("feedback-rule-r1"),
        RuleId::R2 => msg!("feedback-rule-r2"),
        RuleId::R3 => msg!("feedback-rule-r3"),
        RuleId::R4 => msg!("feedback-rule-r4"),
        RuleId::R5 => msg!("feedback-rule-r5"),
        _ => msg!("feedback-rule-r6"),
    }
}

/// Prints on A4: margins of a letter, problems not split across pages, a heading kept with its
/// first problem. In print the text is 五号 (10.5pt) and each problem's place follows it on the
/// same line, so that a unit with some thirty problems still gets two pages (the browser test
/// holds a letter of 33 to that).
const STYLE: &str = "body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",\"PingFang SC\",\
SimSun,sans-serif;max-width:46em;margin:2em auto;line-height:1.6;color:#111}\
h1{font-size:1.3em;text-align:center}h2{font-size:1.05em;margin-top:1.4em;break-after:avoid}\
li{margin:.5em 0;break-inside:avoid}li.error{color:#8b0000}.where{color:#444;font-size:.9em}\
table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3em .5em;text-align:left}\
@page{size:A4;margin:1.6cm 1.8cm}@media print{body{margin:0;max-width:none;font-size:10.5pt;\
line-height:1.45}h1{font-size:15pt;margin:0 0 .6em}h2{font-size:11pt;margin:.9em 0 .3em}\
p{margin:.4em 0}ol{margin:.3em 0;padding-left:2em}li{margin:.2em 0}li br{display:none}\
.where{margin-left:.8em}a{color:inherit;text-decoration:none}}";

pub fn run(args: &FeedbackArgs) -> Result<Outcome> {
    let policy = Policy::from_args(&args.policy)?;
    let need = Need::Reports {
        name: "",
        by_parent: false,
        digests: false,
    };
    let checked = checked::load(&args.input, &policy, need)?;
    let mut by_unit: BTreeMap<(&str, i32), Vec<&Finding>> = BTreeMap::new();
    let mut unplaced: Vec<&Finding> = Vec::new();
    for f in &checked.findings {
        match (f.rule, f.unit.as_deref(), f.year) {
            // A registry gap is said in the index: there is no report to write about.
            (Check::Coverage, _, _) => {}
            (_, Some(unit), Some(year)) => by_unit.entry((unit, year)).or_default().push(f),
            _ => unplaced.push(f),
        }
    }
    let letters: Vec<Letter> = by_unit
        .into_iter()
        .map(|((unit, year), findings)| Letter {
            unit,
            year,
            findings,
        })
        .collect();
    let with_letter: BTreeSet<(&str, i32)> = letters.iter().map(|l| (l.unit, l.year)).collect();
    let complete: BTreeSet<(&str, i32)> = checked
        .closed
        .reports
        .iter()
        .map(|r| (r.unit.as_str(), r.year))
        .filter(|k| !with_letter.contains(k))
        .collect();
    let missing: Vec<(i32, &str)> = checked
        .closed
        .checks
        .missing
        .iter()
        .map(|(y, u)| (*y, u.as_str()))
        .collect();
    let index = index_html(&letters, &complete, &missing, &unplaced);
    let ours = |dir: &Path| {
        std::fs::read_to_string(dir.join("index.html")).is_ok_and(|s| s.contains(MARK))
    };
    gongkai_atomic::replace_dir(&args.out, ours, |dir| -> Result<()> {
        for l in &letters {
            let stem = l.stem();
            gongkai_atomic::write_file(&dir.join(format!("{stem}.html")), l.html().as_bytes())?;
            gongkai_atomic::write_file(&dir.join(format!("{stem}.txt")), l.text().as_bytes())?;
        }
        gongkai_atomic::write_file(&dir.join("index.html"), index.as_bytes())?;
        Ok(())
    })
    .with_context(|| args.out.display().to_string())?;
    crate::say::note(msg!(
        "feedback-written",
        dir = args.out.display().to_string(),
        letters = letters.len(),
        complete = complete.len(),
        missing = missing.len()
    ));
    checked::print_summary(&checked);
    let outcome = checked.outcome(&policy);
    checked::leave(checked);
    Ok(outcome)
}

fn index_html(
    letters: &[Letter],
    complete: &BTreeSet<(&str, i32)>,
    missing: &[(i32, &str)],
    unplaced: &[&Finding],
) -> String {
    let mut s = String::new();
    let title = escape(&msg!("feedback-index-title"));
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n{MARK}\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n",
        gongkai_messages::lang().code()
    );
    let _ = writeln!(
        s,
        "<h2>{}</h2>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        escape(&msg!("feedback-index-to-fix", count = letters.len())),
        escape(&msg!("feedback-col-unit")),
        escape(&msg!("feedback-col-year")),
        escape(&msg!("feedback-col-problems")),
        escape(&msg!("feedback-col-letter")),
    );
    for l in letters {
        let stem = escape(&l.stem());
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><a href=\"{stem}.html\">HTML</a> · \
             <a href=\"{stem}.txt\">{}</a></td></tr>",
            escape(l.unit),
            l.year,
            escape(&msg!(
                "feedback-problems",
                errors = l.errors(),
                warnings = l.warnings()
            )),
            escape(&msg!("feedback-plain-text"))
        );
    }
    let _ = writeln!(s, "</table>");
    let list = |s: &mut String, heading: String, items: Vec<String>| {
        let _ = writeln!(s, "<h2>{}</h2>", escape(&heading));
        if items.is_empty() {
            let _ = writeln!(s, "<p>{}</p>", escape(&msg!("summary-none")));
            return;
        }
        let _ = writeln!(s, "<ul>");
        for i in items {
            let _ = writeln!(s, "<li>{}</li>", escape(&i));
        }
        let _ = writeln!(s, "</ul>");
    };
    list(
        &mut s,
        msg!("feedback-index-missing", count = missing.len()),
        missing
            .iter()
            .map(|(y, u)| msg!("finding-unit-year", unit = *u, year = y.to_string()))
            .collect(),
    );
    list(
        &mut s,
        msg!("feedback-index-complete", count = complete.len()),
        complete
            .iter()
            .map(|(u, y)| msg!("finding-unit-year", unit = *u, year = y.to_string()))
            .collect(),
    );
    if !unplaced.is_empty() {
        list(
            &mut s,
            msg!("feedback-index-unread", count = unplaced.len()),
            unplaced.iter().map(ToString::to_string).collect(),
        );
    }
    let _ = writeln!(s, "</body>\n</html>");
    s
}
