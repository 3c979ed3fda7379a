//! The learned layouts of `gongkai-ingest` on grids we did not lay out: files shaped as units'
//! own tools save them (`--variety`). Built with `cross-check`, every read a layout gives is read
//! again by the full reader and must be the same (values, findings, places): these tests hold
//! the fast path to the full reader on every such file, and hold the share of files it reads, so
//! that its speed on hand-shaped files cannot silently go.

use std::collections::BTreeMap;
use std::path::Path;

use gongkai_ingest::{layout_tally, read_bytes_at, reset_layout_tally, ReadOptions};

use crate::write::render_into;
use crate::*;

/// The ways a varied file departs from the template's grid (a file may show several).
fn departures(v: &Variety, text: &str, blank: &[bool]) -> Vec<&'static str> {
    use crate::variety::{MoneyUnit, Notes, Title, UnitLine, YearLine};
    let mut out = Vec::new();
    let mut see = |yes: bool, what| {
        if yes {
            out.push(what);
        }
    };
    see(v.title != Title::Template, "a title naming the unit");
    see(v.unit_line == UnitLine::OneCell, "填报单位：X in one cell");
    see(v.unit_line == UnitLine::Sealed, "填报单位（盖章）,X");
    see(v.unit_line == UnitLine::Named, "单位名称,X");
    see(v.unit_line == UnitLine::None, "no unit line");
    see(v.year_line == YearLine::OneCell, "年度：2020 in one cell");
    see(
        matches!(v.year_line, YearLine::WithSuffix | YearLine::WithDu),
        "2020年 or 2020年度",
    );
    see(v.year_line == YearLine::None, "no year line");
    see(text.contains(",+"), "+3");
    see(v.money != MoneyUnit::Plain, "money in 元, 万元 or 亿");
    see(
        v.width.is_none() && blank.iter().any(|b| *b),
        "lines not padded, zeros left blank",
    );
    see(
        matches!(v.notes, Notes::Contact | Notes::Date),
        "a notes line of its own (contact, date)",
    );
    see(v.notes == Notes::Period, "a notes line of the period");
    see(v.spaced, "blank lines");
    see(v.half_width, "half-width brackets");
    see(v.no_numbering, "numbering left out");
    see(v.crlf, "CRLF");
    out
}

/// Per departure: files that show it, and of them read by a layout.
type ByDeparture = BTreeMap<&'static str, (usize, usize)>;

/// What the layouts made of the varied files of `units` units over `years` (seed `seed`), read
/// in order on this thread, how many files there were, and the files read by a layout per
/// departure from the template; each file also read back as generated.
fn tally(
    seed: u64,
    units: usize,
    years: &str,
) -> (BTreeMap<&'static str, usize>, usize, ByDeparture) {
    let mut by_departure = ByDeparture::new();
    let plan = Plan::new(Config {
        seed,
        units,
        years: Years::parse(years).unwrap_or_else(|e| panic!("{e}")),
        layout: FileLayout::Grid,
        errors: 0.0,
        variety: true,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    reset_layout_tally();
    let (mut text, mut bytes, mut blank) = (String::new(), Vec::new(), Vec::new());
    let mut files = 0;
    for i in 0..plan.reporting.len() {
        let unit = plan.unit(i);
        let style = FileStyle::of(&plan, i);
        for r in &generate_unit(&plan, i)
            .unwrap_or_else(|e| panic!("{e}"))
            .reports
        {
            render_into(
                FileLayout::Grid,
                unit,
                style,
                r,
                &mut text,
                &mut bytes,
                &mut blank,
            )
            .unwrap_or_else(|e| panic!("{e}"));
            let path = file_path(&plan.config, unit, r.year);
            let hits = |t: BTreeMap<&str, usize>| t.get("hit").copied().unwrap_or(0);
            let before = hits(layout_tally());
            let read = read_bytes_at(&bytes, Path::new(&path), &ReadOptions::default());
            let hit = usize::from(hits(layout_tally()) > before);
            let v = style
                .variety
                .unwrap_or_else(|| panic!("{path}: no variety"));
            let mut departed = departures(&v, &text, &blank);
            departed.push("every file");
            if !read.diagnostics.is_empty() {
                departed.push("with a warning (a table blank in every cell)");
            }
            for d in departed {
                let e = by_departure.entry(d).or_default();
                e.0 += 1;
                e.1 += hit;
            }
            let [report] = read.reports.as_slice() else {
                panic!("{path}: {:?}", read.diagnostics);
            };
            assert_eq!(report.values, r.values, "{path}");
            files += 1;
        }
    }
    (layout_tally(), files, by_departure)
}

/// Most varied files are read by a layout once a file of their layout has been read: the
/// title naming the unit, unit and year lines in any of their forms, blank lines, `+3` and
/// money in 元, 万元 or 亿 are no new layout. Each read it gives is the full reader's (cross-check).
#[test]
fn varied_grids_are_read_by_learned_layouts() {
    for (seed, units, years) in [
        (7, 1500, "2020-2020"),
        (21, 300, "2019-2022"),
        (5, 400, "2021-2021"),
    ] {
        let (tally, files, by_departure) = tally(seed, units, years);
        let hits = tally.get("hit").copied().unwrap_or(0);
        let learned = tally.get("learned").copied().unwrap_or(0);
        let after_first = files - learned;
        eprintln!("seed {seed}: {files} files, {hits} read by a layout, {learned} layouts learned; {tally:#?}");
        for (what, (n, read)) in &by_departure {
            eprintln!("  {what}: {read} of {n} read by a layout");
        }
        assert!(
            hits * 10 >= after_first * 9,
            "seed {seed}: {hits} of {after_first} files after the first of their layout read by one \
             ({files} files, {learned} layouts): {tally:#?}"
        );
    }
}
