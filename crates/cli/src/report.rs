//! `gongkai report`: the year-end deliverables from one read of the batch — the review page,
//! the annual report's draft in Word and the ratings — all rendered from one
//! [`gongkai_review::Review`], built from the same totals and findings `consolidate` prints.
//!
//! The page is written whatever the batch holds: showing who fails and who is missing is its
//! job, and it says when a total is not whole. The Word draft is the city's official figures, so
//! like `consolidate` it is refused for a total that is not whole unless `--force`.

use std::collections::BTreeMap;

use anyhow::{bail, Context, Result};
use gongkai_aggregate::{Coverage, Total};
use gongkai_messages::{msg, Lang};
use gongkai_ratings::Thresholds;
use gongkai_report::{Finding, KeptReport, UnitReport};
use gongkai_review::{Parts, Review};

use crate::args::ReportArgs;
use crate::checked::{self, Need, Policy};
use crate::output::{emit_csv, write_atomic};
use crate::{notes, Outcome};

pub fn run(args: &ReportArgs) -> Result<Outcome> {
    if args.out.is_none() && args.docx.is_none() && args.ratings.is_none() {
        bail!(msg!("report-nothing-to-write"));
    }
    let thresholds = match &args.thresholds {
        Some(text) => Thresholds::parse(text)?,
        None => Thresholds::default(),
    };
    let policy = Policy::from_args(&args.policy)?;
    let need = Need::Reports {
        name: &args.name,
        by_parent: false,
        digests: false,
    };
    let mut checked = checked::load(&args.input, &policy, need)?;
    crate::say::findings(&checked.findings);
    // The review shows each unit's figures beside the totals: every report unpacked.
    let reports: Vec<UnitReport> = std::mem::take(&mut checked.closed.reports)
        .iter()
        .map(KeptReport::to_report)
        .collect();
    if reports.is_empty() {
        checked::print_summary(&checked);
        return Ok(Outcome::Unreadable);
    }
    let totals = std::mem::take(&mut checked.closed.totals);
    let summed: BTreeMap<i32, Vec<String>> =
        totals.iter().map(|t| (t.year, t.units.clone())).collect();
    let coverage = checked.coverage(&summed, &policy);
    let whole = coverage.is_complete();
    let total_findings: Vec<Finding> = totals.iter().flat_map(Total::findings).collect();
    crate::say::findings(&total_findings);
    checked.add_findings(total_findings, &policy);

    let review = Review::build(Parts {
        name: &args.name,
        totals: &totals,
        reports: &reports,
        findings: &checked.findings,
        coverage: &coverage,
        thresholds: &thresholds,
    });
    if let Some(path) = &args.out {
        write_atomic(path, gongkai_review::page(&review).as_bytes())
            .with_context(|| path.display().to_string())?;
        crate::say::note(msg!(
            "report-page-written",
            file = path.display().to_string()
        ));
    }
    if let Some(path) = &args.ratings {
        emit_csv(
            &gongkai_ratings::to_csv(&review.ratings()),
            Some(path),
            args.no_bom,
        )
        .with_context(|| path.display().to_string())?;
        crate::say::note(msg!(
            "report-ratings-written",
            file = path.display().to_string()
        ));
    }
    let mut refused = false;
    if let Some(path) = &args.docx {
        if whole || args.force {
            write_draft(path, &review)?;
        } else {
            refused = true;
            for line in notes::refusal(&coverage) {
                eprintln!("{line}");
            }
            eprintln!(
                "{}",
                msg!("report-draft-refused", file = path.display().to_string())
            );
        }
    }
    if notes::worth_noting(&coverage) {
        eprint!("{}", notes::text(&coverage, args.force));
    }
    checked::print_summary(&checked);
    let mut outcome = checked.outcome(&policy);
    if !whole || refused {
        // As `consolidate --force`: written, but a script learns the total is not whole.
        outcome = outcome.max(Outcome::RuleErrors);
    }
    checked::leave(checked);
    Ok(outcome)
}

/// The Word draft of the newest year, compared with the year before where there is one.
fn write_draft(path: &std::path::Path, review: &Review) -> Result<()> {
    let Some(latest) = review.years.first() else {
        bail!(msg!("report-nothing-to-write"));
    };
    fn figures(t: &Total) -> gongkai_draft::Figures<'_> {
        gongkai_draft::Figures {
            year: t.year,
            form: t.form,
            values: &t.values,
        }
    }
    let previous = review
        .years
        .iter()
        .find(|y| y.year() == latest.year() - 1)
        .map(|y| figures(y.total));
    // What the year's total rests on, when it is not whole, in the document's language.
    let year_only = Coverage {
        years: review
            .parts
            .coverage
            .years
            .iter()
            .filter(|c| c.year == latest.year())
            .cloned()
            .collect(),
        unplaced: review.parts.coverage.unplaced.clone(),
    };
    let caveats = if year_only.is_complete() {
        Vec::new()
    } else {
        gongkai_messages::with_lang(Lang::Zh, || notes::lines(&year_only, true))
    };
    let draft = gongkai_draft::Draft {
        name: review.parts.name,
        current: figures(latest.total),
        previous,
        caveats: &caveats,
    };
    let bytes = gongkai_draft::docx(&draft).with_context(|| path.display().to_string())?;
    write_atomic(path, &bytes).with_context(|| path.display().to_string())?;
    crate::say::note(msg!(
        "report-draft-written",
        file = path.display().to_string()
    ));
    Ok(())
}
