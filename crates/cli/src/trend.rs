//! `gongkai trend`: series of measures and rates over the years, with deltas, for the total or
//! one unit; or units ranked by change.
//!
//! A year whose figures rest on incomplete or failing data (a unit report left out, a
//! registered unit missing, a unit failing rules) is marked in every format (the table's year,
//! the CSV's `caveat` column, JSON's `caveat`) and on standard error, and the exit code says so
//! as `consolidate`'s does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{bail, Context, Result};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};
use gongkai_aggregate::trend::{deltas, points, Change, Delta, Point};
use gongkai_aggregate::Caveat;
use gongkai_chart::{self as chart, Drawn, Figure, Series};
use gongkai_form::measures::{self, MeasureValue};
use gongkai_form::{format_value, FormVersion};
use gongkai_messages::msg;
use gongkai_review::figure::{form_breaks, report_figure, year_span};
use serde_json::json;

use crate::args::{ChartPreset, Format, RankBy, TrendArgs};
use crate::checked::{self, Need, Policy};
use crate::output::{self, emit, emit_csv, write_atomic, TextFormat};
use crate::{notes, Outcome};

/// The CSV header the trend output keeps, whatever the measures. `caveat`: empty, or what the
/// row's figure rests on ([`Caveat::code`]: `incomplete`, `failing`, `incomplete;failing`).
pub const HEADER: &str = "year,unit,measure,value,previous,change,change_pct,caveat";

pub fn run(args: &TrendArgs) -> Result<Outcome> {
    let policy = Policy::default();
    let out = args.out.as_deref();
    let format = output::choose(
        "trend",
        args.format.map(TextFormat),
        out,
        TextFormat(Format::Table),
    )?
    .0;
    if format == Format::Xlsx {
        bail!(msg!("trend-no-workbook"));
    }
    let need = Need::Reports {
        name: &args.name,
        by_parent: false,
        digests: false,
    };
    let checked = checked::load(&args.input, &policy, need)?;
    crate::say::findings(&checked.findings);
    let reports = &checked.closed.reports;
    if reports.is_empty() {
        checked::print_summary(&checked);
        bail!(msg!("trend-no-reports"));
    }
    let forms: BTreeSet<FormVersion> = reports.iter().map(|r| r.form).collect();
    let known = measures::all(&[FormVersion::F2019, FormVersion::F2021]);
    let chosen: Vec<String> = if args.all {
        measures::all(&forms.into_iter().collect::<Vec<_>>())
    } else if args.metrics.is_empty() {
        measures::HEADLINE.iter().map(|m| m.to_string()).collect()
    } else {
        for m in &args.metrics {
            if !known.contains(m) {
                let hint = known
                    .iter()
                    .find(|k| k.contains(m.as_str()))
                    .map_or(String::new(), |k| {
                        msg!("trend-measure-hint", example = k.as_str())
                    });
                bail!(msg!(
                    "trend-unknown-measure",
                    measure = format!("{m:?}"),
                    hint = hint
                ));
            }
        }
        args.metrics.clone()
    };
    if let Some(unit) = &args.unit {
        if !reports.iter().any(|r| &r.unit == unit) {
            bail!(msg!("trend-unknown-unit", unit = format!("{unit:?}")));
        }
    }

    // The total of every year, summed as the batch was read.
    let totals = &checked.closed.totals;
    // What each year's total, and each unit's figures, rest on.
    let summed: BTreeMap<i32, Vec<String>> =
        totals.iter().map(|t| (t.year, t.units.clone())).collect();
    let coverage = checked.coverage(&summed, &policy);
    let caveat = |unit: &str, year: i32| -> Caveat {
        if unit == args.name && args.unit.as_deref() != Some(unit) {
            coverage.caveat(year)
        } else {
            coverage.unit_caveat(unit, year)
        }
    };
    // Points of the total, and of the units the output shows: one unit's series, or, to rank
    // the units, every unit's first measure only (a national batch's every point would not fit).
    let ranking = args.by == Some(RankBy::Unit);
    let plan = measures::Plan::new(&chosen);
    let mut all_points: Vec<Point> = Vec::new();
    for t in totals {
        all_points.extend(points(t.year, &t.name, t.form, &t.values, &plan));
    }
    let unit_plan = if ranking {
        measures::Plan::new(chosen.get(..1).unwrap_or_default())
    } else {
        plan.clone()
    };
    for r in reports
        .iter()
        .filter(|r| ranking || args.unit.as_deref() == Some(r.unit.as_str()))
    {
        all_points.extend(points(r.year, &r.unit, r.form, &r.values(), &unit_plan));
    }
    let all = deltas(all_points)?;
    let in_range = |y: i32| args.from.is_none_or(|f| y >= f) && args.to.is_none_or(|t| y <= t);
    let order: BTreeMap<&str, usize> = chosen
        .iter()
        .enumerate()
        .map(|(i, m)| (m.as_str(), i))
        .collect();

    let marked: bool;
    let text = if args.by == Some(RankBy::Unit) {
        let measure = chosen.first().map(String::as_str).unwrap_or_default();
        let year = args
            .to
            .unwrap_or_else(|| totals.iter().map(|t| t.year).max().unwrap_or_default());
        let mut ranked: Vec<&Delta> = all
            .iter()
            .filter(|d| {
                d.point.measure == measure && d.point.year == year && d.point.unit != args.name
            })
            .collect();
        ranked.sort_by(|a, b| {
            rank_key(b)
                .total_cmp(&rank_key(a))
                .then(a.point.unit.cmp(&b.point.unit))
        });
        marked = ranked
            .iter()
            .any(|d| !caveat(&d.point.unit, d.point.year).is_clear());
        render(
            &ranked,
            format,
            &msg!("trend-ranking-title", measure = measure, year = year),
            true,
            &caveat,
        )
    } else {
        let subject = args.unit.as_deref().unwrap_or(&args.name);
        let mut rows: Vec<&Delta> = all
            .iter()
            .filter(|d| d.point.unit == subject && in_range(d.point.year))
            .collect();
        rows.sort_by_key(|d| {
            (
                order
                    .get(d.point.measure.as_str())
                    .copied()
                    .unwrap_or(usize::MAX),
                d.point.year,
            )
        });
        // Per year, what the subject's figures rest on: the table marks these years, and the
        // chart may.
        let caveats: BTreeMap<i32, Caveat> = rows
            .iter()
            .map(|d| (d.point.year, caveat(&d.point.unit, d.point.year)))
            .collect();
        if let Some(path) = &args.chart {
            let mut figure = match args.preset {
                ChartPreset::Full => full_figure(subject, &rows, &chosen),
                ChartPreset::Report => {
                    let own: Vec<_> = reports
                        .iter()
                        .filter(|r| r.unit == subject)
                        .map(|r| r.to_report())
                        .collect();
                    report_figure(subject, totals, &own, &in_range)
                }
            };
            // The years the table marks, marked on the chart too (a `*` and hollow points).
            figure.incomplete = caveats
                .iter()
                .filter(|(_, c)| !c.is_clear())
                .map(|(year, _)| *year)
                .collect();
            let drawn = write_chart(path, &figure)?;
            crate::say::note(if drawn.chinese {
                msg!("trend-chart-written", file = path.display().to_string())
            } else {
                msg!(
                    "trend-chart-written-english",
                    file = path.display().to_string()
                )
            });
        }
        marked = caveats.values().any(|c| !c.is_clear());
        render(
            &rows,
            format,
            &msg!("trend-title", subject = subject),
            false,
            &caveat,
        )
    };
    if format == Format::Csv {
        emit_csv(&text, out, args.no_bom)?;
    } else {
        emit(&text, out)?;
    }
    if notes::worth_noting(&coverage) {
        eprint!("{}", notes::text(&coverage, false));
    }
    checked::print_summary(&checked);
    let mut outcome = checked.outcome(&policy);
    if marked {
        // Figures resting on incomplete or failing data: exit as `consolidate --force` does.
        outcome = outcome.max(Outcome::RuleErrors);
    }
    Ok(outcome)
}

/// Biggest rise first; no comparable previous value last.
fn rank_key(d: &Delta) -> f64 {
    match d.change {
        Change::By { abs, .. } | Change::New { abs } => abs.as_f64(),
        Change::None => f64::NEG_INFINITY,
    }
}

fn show(v: MeasureValue) -> String {
    match v {
        MeasureValue::Exact(x, kind) => format_value(x, kind),
        MeasureValue::Ratio(r) => format!("{r:.6}"),
    }
}

/// (previous, change, change_pct) as the CSV writes them; empty where there is no comparable
/// previous year, `new` where the previous value was 0.
fn delta_fields(d: &Delta) -> [String; 3] {
    let previous = d.previous.map(show).unwrap_or_default();
    match d.change {
        Change::None => [previous, String::new(), String::new()],
        Change::New { abs } => [previous, show(abs), "new".to_string()],
        Change::By { abs, pct } => [
            previous,
            show(abs),
            pct.map(|p| format!("{p:.4}")).unwrap_or_default(),
        ],
    }
}

/// What a unit's (or the total's) figures of a year rest on.
type CaveatOf<'a> = dyn Fn(&str, i32) -> Caveat + 'a;

fn render(rows: &[&Delta], format: Format, title: &str, ranked: bool, caveat: &CaveatOf) -> String {
    let caveat_of = |d: &Delta| caveat(&d.point.unit, d.point.year);
    match format {
        Format::Csv => {
            let mut out = format!("{HEADER}\n");
            for d in rows {
                let [p, c, pct] = delta_fields(d);
                let unit = gongkai_report::write::tidy::csv_field(&d.point.unit);
                out.push_str(&format!(
                    "{},{unit},{},{},{p},{c},{pct},{}\n",
                    d.point.year,
                    d.point.measure,
                    show(d.point.value),
                    caveat_of(d).code()
                ));
            }
            out
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|d| {
                    let num = |v: Option<MeasureValue>| -> serde_json::Value {
                        match v {
                            Some(MeasureValue::Exact(x, k)) => {
                                serde_json::from_str(&format_value(x, k))
                                    .unwrap_or(serde_json::Value::Null)
                            }
                            Some(MeasureValue::Ratio(r)) => json!(r),
                            None => serde_json::Value::Null,
                        }
                    };
                    let (change, pct) = match d.change {
                        Change::None => (serde_json::Value::Null, serde_json::Value::Null),
                        Change::New { abs } => (num(Some(abs)), json!("new")),
                        Change::By { abs, pct } => (
                            num(Some(abs)),
                            pct.map_or(serde_json::Value::Null, |p| json!(p)),
                        ),
                    };
                    let caveat = caveat_of(d);
                    let caveat = if caveat.is_clear() {
                        serde_json::Value::Null
                    } else {
                        json!(caveat.code())
                    };
                    json!({
                        "year": d.point.year, "unit": d.point.unit, "measure": d.point.measure,
                        "value": num(Some(d.point.value)), "previous": num(d.previous),
                        "change": change, "change_pct": pct, "caveat": caveat,
                    })
                })
                .collect();
            format!(
                "{}\n",
                serde_json::to_string_pretty(&items).unwrap_or_default()
            )
        }
        // The workbook is refused before the batch is read.
        Format::Table | Format::Markdown | Format::Xlsx => {
            let (header, body, marks) = if ranked {
                ranking_grid(rows, &caveat_of)
            } else {
                series_grid(rows, &caveat_of)
            };
            let mut legend = msg!("trend-legend");
            for line in marks {
                legend.push('\n');
                legend.push_str(&line);
            }
            if format == Format::Table {
                let mut t = Table::new();
                t.load_preset(UTF8_FULL_CONDENSED)
                    .set_content_arrangement(ContentArrangement::Disabled);
                t.set_header(header.clone());
                for r in &body {
                    t.add_row(r.clone());
                }
                for i in 2..header.len() {
                    if let Some(c) = t.column_mut(i) {
                        c.set_cell_alignment(CellAlignment::Right);
                    }
                }
                format!("{title}\n{t}\n{legend}\n")
            } else {
                let mut out = format!(
                    "### {title}\n\n| {} |\n|{}\n",
                    header.join(" | "),
                    " --- |".repeat(header.len())
                );
                for r in &body {
                    out.push_str(&format!("| {} |\n", r.join(" | ")));
                }
                out.push_str(&format!("\n{legend}\n"));
                out
            }
        }
    }
}

/// What `caveat` says, in words: `not whole (…); includes units that fail rules`.
fn caveat_words(caveat: Caveat) -> String {
    let mut words = Vec::new();
    if caveat.incomplete {
        words.push(msg!("trend-caveat-incomplete"));
    }
    if caveat.failing {
        words.push(msg!("trend-caveat-failing"));
    }
    words.join(&msg!("trend-caveat-sep"))
}

/// One row per measure, one column per year: `value (Δ%)`; a year resting on incomplete or
/// failing data is marked `*` and said under the table.
fn series_grid(
    rows: &[&Delta],
    caveat: &dyn Fn(&Delta) -> Caveat,
) -> (Vec<String>, Vec<Vec<String>>, Vec<String>) {
    let years: BTreeSet<i32> = rows.iter().map(|d| d.point.year).collect();
    let mut marked: BTreeMap<i32, Caveat> = BTreeMap::new();
    for d in rows {
        let c = caveat(d);
        if !c.is_clear() {
            let seen = marked.entry(d.point.year).or_default();
            *seen = seen.or(c);
        }
    }
    let mut header = vec![msg!("trend-col-label"), msg!("trend-col-measure")];
    header.extend(years.iter().map(|y| {
        if marked.contains_key(y) {
            format!("{y}*")
        } else {
            y.to_string()
        }
    }));
    let mut body: Vec<Vec<String>> = Vec::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for d in rows {
        let i = *index.entry(d.point.measure.as_str()).or_insert_with(|| {
            let mut row = vec![measures::label(&d.point.measure), d.point.measure.clone()];
            row.resize(2 + years.len(), "—".to_string());
            body.push(row);
            body.len() - 1
        });
        let col = 2 + years.iter().position(|y| *y == d.point.year).unwrap_or(0);
        let first = years.first() == Some(&d.point.year);
        body[i][col] = cell(d, first);
    }
    let marks = marked
        .iter()
        .map(|(year, c)| msg!("trend-caveat-year", year = *year, what = caveat_words(*c)))
        .collect();
    (header, body, marks)
}

fn cell(d: &Delta, first_year: bool) -> String {
    let v = match d.point.value {
        MeasureValue::Ratio(r) => format!("{:.1}%", r * 100.0),
        other => show(other),
    };
    match d.change {
        // Rates move in percentage points; counts and money in percent.
        Change::By {
            abs: MeasureValue::Ratio(a),
            ..
        } => format!("{v} ({:+.1}pp)", a * 100.0),
        Change::By { pct: Some(p), .. } => format!("{v} ({p:+.1}%)"),
        Change::By { pct: None, .. } => v,
        Change::New { .. } => format!("{v} ({})", msg!("trend-new")),
        Change::None if first_year => v,
        Change::None => format!("‖ {v}"),
    }
}

/// Units ranked by change; a unit whose figures rest on a report that fails rules or was
/// (partly) left out is marked `*` and said under the table.
fn ranking_grid(
    rows: &[&Delta],
    caveat: &dyn Fn(&Delta) -> Caveat,
) -> (Vec<String>, Vec<Vec<String>>, Vec<String>) {
    let header = vec![
        "#".to_string(),
        msg!("trend-col-unit"),
        msg!("trend-col-previous"),
        msg!("trend-col-value"),
        msg!("trend-col-change"),
        msg!("trend-col-change-pct"),
    ];
    let mut marks = Vec::new();
    let body = rows
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let [p, c, pct] = delta_fields(d);
            let mut unit = d.point.unit.clone();
            let caveat = caveat(d);
            if !caveat.is_clear() {
                unit.push('*');
                marks.push(msg!(
                    "trend-caveat-unit",
                    unit = d.point.unit.as_str(),
                    year = d.point.year,
                    what = caveat_words(caveat)
                ));
            }
            vec![(i + 1).to_string(), unit, p, show(d.point.value), c, pct]
        })
        .collect();
    (header, body, marks)
}

/// The full grid: the subject's series of every measure shown, one panel each.
fn full_figure(subject: &str, rows: &[&Delta], chosen: &[String]) -> Figure {
    let years: BTreeSet<i32> = rows.iter().map(|d| d.point.year).collect();
    let series: Vec<Series> = chosen
        .iter()
        .filter(|m| rows.iter().any(|d| &d.point.measure == *m))
        .map(|m| {
            let of_m: Vec<&&Delta> = rows.iter().filter(|d| &d.point.measure == m).collect();
            let forms: BTreeMap<i32, FormVersion> =
                of_m.iter().map(|d| (d.point.year, d.point.form)).collect();
            let points = years
                .iter()
                .map(|y| {
                    let d = of_m.iter().find(|d| d.point.year == *y);
                    (*y, d.map(|d| d.point.value.as_f64()))
                })
                .collect();
            Series {
                label_zh: measures::label(m),
                label_en: m.clone(),
                points,
                is_rate: m.starts_with("rate."),
                breaks: form_breaks(&forms, &[m.as_str()]),
            }
        })
        .collect();
    let span = year_span(&years);
    Figure::grid(
        &format!("{subject} 政府信息公开 {span}"),
        &format!("{subject} government information disclosure {span}"),
        series,
    )
}

/// Draws `figure` in the format `path` names and writes it there atomically: the chart crate
/// draws in memory, the file appears whole or not at all.
fn write_chart(path: &Path, figure: &Figure) -> Result<Drawn> {
    let Some(format) = chart::Format::from_path(path) else {
        bail!(msg!(
            "trend-chart-extension",
            file = path.display().to_string()
        ));
    };
    let file = || path.display().to_string();
    let chart =
        chart::draw(format, figure).with_context(|| msg!("trend-chart-failed", file = file()))?;
    write_atomic(path, &chart.bytes).with_context(|| msg!("trend-chart-writing", file = file()))?;
    Ok(chart.drawn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Figure {
        let points = |k: f64| {
            (2019..=2023)
                .map(|y| (y, Some(k * f64::from(y - 2018))))
                .collect()
        };
        let series = vec![
            Series {
                label_zh: "予以公开".into(),
                label_en: "requests.granted.total".into(),
                points: points(120.0),
                is_rate: false,
                breaks: Vec::new(),
            },
            Series {
                label_zh: "公开率".into(),
                label_en: "rate.disclosure".into(),
                points: points(0.1),
                is_rate: true,
                breaks: Vec::new(),
            },
        ];
        Figure::grid("标题", "title", series)
    }

    /// Every file in `dir`, by name.
    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn chart_replaces_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trend.svg");
        std::fs::write(&path, "old").unwrap();
        let drawn = write_chart(&path, &sample()).unwrap();
        assert!(drawn.chinese);
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("标题"));
        assert_eq!(files(dir.path()), ["trend.svg"], "no temp file left");
    }

    #[test]
    fn chart_unknown_extension_or_nothing_to_draw_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["trend.pdf", "trend", "trend.svg.txt"] {
            let e = write_chart(&dir.path().join(name), &sample()).unwrap_err();
            assert!(format!("{e:#}").contains(".svg or .png"), "{e:#}");
        }
        let e = write_chart(&dir.path().join("empty.svg"), &Figure::default()).unwrap_err();
        assert!(format!("{e:#}").contains("no measure to draw"), "{e:#}");
        assert!(files(dir.path()).is_empty(), "nothing written");
    }
}
