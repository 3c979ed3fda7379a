//! The review as one self-contained HTML file: safe to email and to open offline. Styles and
//! the script are inline, charts are inline SVG, fonts are the system's; a Content Security
//! Policy forbids the page any request at all, so nothing can leak from it or be fetched by it.
//!
//! The numbers are in the markup (`data-code`, `data-value` on every cell) and each year's
//! make-up of the totals in one JSON block the script reads when a total cell is clicked.

use std::fmt::Write as _;

use gongkai_aggregate::trend::{deltas, points, Change, Delta};
use gongkai_form::measures::{self, MeasureValue};
use gongkai_form::{format_value, FormVersion};
use gongkai_messages::msg;
use gongkai_ratings::{Measure, Rating, Verdict};
use gongkai_report::wording::where_cell;
use gongkai_report::write::official::{official_tables, Slot};
use gongkai_report::write::sheet::Role;
use gongkai_report::Finding;
use serde_json::{json, Map, Value};

use crate::figure::report_figure;
use crate::model::{Review, UnitEntry, YearReview};

pub(crate) const STYLE: &str = include_str!("assets/page.css");
const SCRIPT: &str = include_str!("assets/page.js");

/// What marks a file as a page this command wrote.
pub const GENERATOR: &str = "gongkai report";

/// No request of any kind: styles and scripts inline only, pictures only as data.
pub(crate) const POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
img-src data:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'";

/// The page, whole.
pub fn page(review: &Review) -> String {
    let name = review.parts.name;
    let years: Vec<i32> = review.years.iter().map(YearReview::year).collect();
    let span = match (years.last(), years.first()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    };
    let title = msg!("review-title", name = name, years = span.as_str());
    let mut s = String::with_capacity(1 << 20);
    head(&mut s, &title, GENERATOR);
    let _ = writeln!(s, "<p class=\"lead\">{}</p>", escape(&lead(review)));
    if years.len() > 1 {
        let _ = write!(
            s,
            "<nav class=\"years\" aria-label=\"{}\">",
            escape(&msg!("review-years"))
        );
        for (i, y) in years.iter().enumerate() {
            let _ = write!(
                s,
                "<button type=\"button\" data-year=\"{y}\"{}>{}</button>",
                if i == 0 { " aria-pressed=\"true\"" } else { "" },
                escape(&msg!("review-year", year = *y))
            );
        }
        let _ = writeln!(s, "</nav>");
    }
    let _ = writeln!(
        s,
        "<p class=\"search\"><label>{} <input id=\"unit-search\" type=\"search\" \
         autocomplete=\"off\" placeholder=\"{}\"></label></p>\n</header>\n<main>",
        escape(&msg!("review-search")),
        escape(&msg!("review-search-placeholder"))
    );
    for (i, y) in review.years.iter().enumerate() {
        year_section(&mut s, review, y, i == 0);
    }
    if review.years.len() > 1 {
        trend_section(&mut s, review);
    }
    if !review.unplaced.is_empty() {
        let _ = writeln!(
            s,
            "<section id=\"unplaced\"><h2>{}</h2><ul>",
            escape(&msg!("review-unplaced", count = review.unplaced.len()))
        );
        for f in &review.unplaced {
            let _ = writeln!(s, "<li>{}</li>", escape(&f.to_string()));
        }
        let _ = writeln!(s, "</ul></section>");
    }
    let _ = writeln!(
        s,
        "</main>\n<div id=\"makeup\" role=\"dialog\" aria-modal=\"false\" hidden>\
         <button type=\"button\" class=\"close\" aria-label=\"{close}\">×</button>\
         <h3></h3><p class=\"sum\"></p><table><thead><tr><th>{unit}</th><th>{value}</th>\
         <th>{share}</th></tr></thead><tbody></tbody></table><p class=\"rest\"></p></div>",
        close = escape(&msg!("review-close")),
        unit = escape(&msg!("review-col-unit")),
        value = escape(&msg!("review-col-value")),
        share = escape(&msg!("review-col-share")),
    );
    let _ = writeln!(
        s,
        "<script type=\"application/json\" id=\"makeup-data\">{}</script>",
        script_safe(&makeup_data(review).to_string())
    );
    let _ = writeln!(
        s,
        "<footer>{}</footer>\n<script>{SCRIPT}</script>\n</body>\n</html>",
        escape(&msg!("review-footer"))
    );
    s
}

/// One line under the title: how many units were summed, fail, are missing, per latest year.
fn lead(review: &Review) -> String {
    let Some(y) = review.years.first() else {
        return msg!("review-nothing");
    };
    msg!(
        "review-lead",
        year = y.year(),
        summed = y.units.iter().filter(|u| u.summed).count(),
        failing = y.units.iter().filter(|u| u.failing).count(),
        missing = y.units.iter().filter(|u| u.missing).count(),
        left = y.units.iter().filter(|u| u.left_out).count()
    )
}

fn year_section(s: &mut String, review: &Review, y: &YearReview, first: bool) {
    let year = y.year();
    let _ = writeln!(
        s,
        "<section class=\"year\" id=\"year-{year}\" data-year=\"{year}\"{}>",
        if first { "" } else { " data-hidden-year" }
    );
    let _ = writeln!(
        s,
        "<h2>{}</h2>",
        escape(&msg!(
            "review-totals",
            name = review.parts.name,
            year = year,
            form = y.form().to_string(),
            units = y.total.units.len()
        ))
    );
    if let Some(c) = y.coverage {
        if !c.left_out.is_empty() || !c.missing.is_empty() || !c.failing.is_empty() {
            let _ = writeln!(
                s,
                "<p class=\"caveat\" role=\"note\">{}</p>",
                escape(&msg!(
                    "review-caveat",
                    left = c.left_out.len(),
                    missing = c.missing.len(),
                    failing = c.failing.len()
                ))
            );
        }
    }
    if !y.total_findings.is_empty() {
        findings_list(s, &y.total_findings, "total-findings");
    }
    let _ = writeln!(
        s,
        "<p class=\"hint\">{}</p>",
        escape(&msg!("review-click-hint"))
    );
    let _ = writeln!(s, "<div class=\"totals\" id=\"totals-{year}\">");
    form_tables(s, y.form(), &y.total.values, None, |_| None, Some(year));
    let _ = writeln!(s, "</div>");
    units_section(s, y);
    ratings_section(s, y, review.parts.thresholds);
    let _ = writeln!(s, "</section>");
}

/// A unit's own report as the three tables, the cells its findings name (`marks`) marked.
pub(crate) fn unit_tables(
    s: &mut String,
    report: &gongkai_report::UnitReport,
    marks: &std::collections::BTreeMap<String, Vec<&str>>,
) {
    let _ = writeln!(s, "<div class=\"unit-tables\">");
    form_tables(
        s,
        report.form,
        &report.values,
        Some(&report.blank),
        |code| marks.get(code).map(Vec::as_slice),
        None,
    );
    let _ = writeln!(s, "</div>");
}

/// The three tables of `form` with `values`; `marked` gives the messages of a cell's findings
/// (its cell is marked); `blank` which cells were left blank; `clickable` makes the cells open
/// their make-up (the totals of `year`).
pub(crate) fn form_tables<'m>(
    s: &mut String,
    form: FormVersion,
    values: &[i64],
    blank: Option<&[bool]>,
    marked: impl Fn(&str) -> Option<&'m [&'m str]>,
    clickable: Option<i32>,
) {
    let cat = form.catalogue();
    for table in official_tables(form) {
        let _ = writeln!(
            s,
            "<h3>{}</h3>\n<table class=\"form {}\">",
            escape(table.heading),
            table.section.code()
        );
        // The header lines (those above the first of the form's cells) repeat on each printed
        // page the table runs onto.
        let header_rows = table
            .slots
            .iter()
            .position(|row| row.iter().any(|c| matches!(c, Slot::Cell { .. })))
            .unwrap_or(0);
        for (r, row) in table.slots.iter().enumerate() {
            if r == 0 && header_rows > 0 {
                let _ = write!(s, "<thead>");
            }
            if r == header_rows {
                let _ = write!(s, "<tbody>");
            }
            let _ = write!(s, "<tr>");
            for slot in row {
                match *slot {
                    Slot::Covered { .. } => {}
                    Slot::Empty => {
                        let _ = write!(s, "<td></td>");
                    }
                    Slot::Text {
                        text,
                        role,
                        rows,
                        columns,
                    } => {
                        let tag = if role == Role::Header { "th" } else { "td" };
                        let _ = write!(
                            s,
                            "<{tag}{}{} class=\"{}\">{}</{tag}>",
                            span_attr("rowspan", rows as usize),
                            span_attr("colspan", columns as usize),
                            if role == Role::Header { "h" } else { "label" },
                            escape(text)
                        );
                    }
                    Slot::Cell {
                        index,
                        rows,
                        columns,
                    } => {
                        let Some(cell) = cat.cells.get(index) else {
                            continue;
                        };
                        let code = cell.code();
                        let value = values.get(index).copied().unwrap_or(0);
                        let shown = format_value(value, cell.kind());
                        let is_blank = blank.and_then(|b| b.get(index)).copied() == Some(true);
                        let mut class = String::from("v");
                        let mut title = where_cell(cell);
                        if is_blank {
                            class.push_str(" blank");
                        }
                        if let Some(messages) = marked(&code) {
                            class.push_str(" fail");
                            for m in messages {
                                title.push('\n');
                                title.push_str(m);
                            }
                        }
                        let click = clickable.map_or(String::new(), |year| {
                            format!(" data-year=\"{year}\" tabindex=\"0\" role=\"button\"")
                        });
                        let _ = write!(
                            s,
                            "<td{}{} class=\"{class}\" data-code=\"{code}\" \
                             data-value=\"{shown}\" title=\"{}\"{click}>{}</td>",
                            span_attr("rowspan", rows as usize),
                            span_attr("colspan", columns as usize),
                            escape(&title),
                            if is_blank {
                                String::new()
                            } else {
                                shown.clone()
                            }
                        );
                    }
                }
            }
            let _ = writeln!(s, "</tr>");
            if r + 1 == header_rows {
                let _ = write!(s, "</thead>");
            }
        }
        let _ = writeln!(s, "</tbody></table>");
    }
}

fn span_attr(name: &str, n: usize) -> String {
    if n > 1 {
        format!(" {name}=\"{n}\"")
    } else {
        String::new()
    }
}

/// The units of a year: a table of who is summed, failing, missing, left out or not registered,
/// then each unit with findings: its findings and its own tables with the failing cells marked.
fn units_section(s: &mut String, y: &YearReview) {
    let year = y.year();
    let _ = writeln!(
        s,
        "<h2>{}</h2>\n<table class=\"units\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th>\
         <th>{}</th></tr></thead>\n<tbody>",
        escape(&msg!("review-units", year = year, count = y.units.len())),
        escape(&msg!("review-col-unit")),
        escape(&msg!("review-col-status")),
        escape(&msg!("review-col-errors")),
        escape(&msg!("review-col-warnings")),
    );
    // Every unit with something to see; of the clean ones, the first [`CLEAN_UNITS_LISTED`].
    let mut clean = 0usize;
    for u in &y.units {
        if status_class(u) == "clean" {
            clean += 1;
            if clean > CLEAN_UNITS_LISTED {
                continue;
            }
        }
        let link = if u.findings.is_empty() {
            escape(&u.name)
        } else {
            format!(
                "<a href=\"#{}\">{}</a>",
                unit_anchor(&u.name, year),
                escape(&u.name)
            )
        };
        let _ = writeln!(
            s,
            "<tr class=\"unit-row {}\" data-unit=\"{}\"><td>{link}</td><td>{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            status_class(u),
            escape(&u.name),
            escape(&status_words(u)),
            u.errors(),
            u.warnings()
        );
    }
    let _ = writeln!(s, "</tbody>\n</table>");
    if clean > CLEAN_UNITS_LISTED {
        let _ = writeln!(
            s,
            "<p class=\"hint\">{}</p>",
            escape(&msg!(
                "review-units-clean-more",
                count = clean - CLEAN_UNITS_LISTED
            ))
        );
    }
    let left = y.left_out();
    if !left.is_empty() {
        let _ = writeln!(
            s,
            "<h3>{}</h3>\n<ul class=\"left-out\">",
            escape(&msg!("review-left-out", count = left.len()))
        );
        for l in left {
            let files: Vec<String> = l.files.iter().map(|f| f.display().to_string()).collect();
            let _ = writeln!(
                s,
                "<li data-unit=\"{}\">{}：{}</li>",
                escape(l.unit.as_deref().unwrap_or("")),
                escape(&files.join(&msg!("list-separator"))),
                escape(&l.detail)
            );
        }
        let _ = writeln!(s, "</ul>");
    }
    let with_findings: Vec<&UnitEntry> =
        y.units.iter().filter(|u| !u.findings.is_empty()).collect();
    if with_findings.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "<h2>{}</h2>",
        escape(&msg!(
            "review-to-fix",
            year = year,
            count = with_findings.len()
        ))
    );
    let with_tables = with_findings.iter().filter(|u| u.report.is_some()).count();
    let without_tables = with_tables.saturating_sub(UNIT_TABLES_LISTED);
    if without_tables > 0 {
        let _ = writeln!(
            s,
            "<p class=\"hint\">{}</p>",
            escape(&msg!(
                "review-unit-tables-more",
                listed = UNIT_TABLES_LISTED,
                count = without_tables
            ))
        );
    }
    let mut tables = 0usize;
    for u in with_findings {
        let _ = writeln!(
            s,
            "<details class=\"unit {}\" id=\"{}\" data-unit=\"{}\" data-year=\"{year}\"{}>\
             <summary>{}</summary>",
            status_class(u),
            unit_anchor(&u.name, year),
            escape(&u.name),
            if u.failing { " open" } else { "" },
            escape(&msg!(
                "review-unit-summary",
                unit = u.name.as_str(),
                status = status_words(u),
                errors = u.errors(),
                warnings = u.warnings()
            ))
        );
        findings_list(s, &u.findings, "findings");
        if let Some(report) = u.report.filter(|_| tables < UNIT_TABLES_LISTED) {
            unit_tables(s, report, &u.marked_cells());
            tables += 1;
        }
        let _ = writeln!(s, "</details>");
    }
}

pub(crate) fn findings_list(s: &mut String, findings: &[&Finding], class: &str) {
    let _ = writeln!(s, "<ol class=\"{class}\">");
    for f in findings {
        let ids: Vec<&str> = if f.rules.is_empty() {
            vec![f.rule.code()]
        } else {
            f.rules.iter().map(|r| r.rule.code()).collect()
        };
        let cells: Vec<&str> = f.cells.iter().map(String::as_str).collect();
        let place = f
            .file
            .as_deref()
            .map(|file| {
                let name = file.file_name().map_or_else(
                    || file.display().to_string(),
                    |n| n.to_string_lossy().into(),
                );
                format!(
                    " <span class=\"where\">{}</span>",
                    escape(&f.place.in_file(std::path::Path::new(&name)).to_string())
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "<li class=\"{}\" data-rule=\"{}\" data-cells=\"{}\">{} <span class=\"rule\">[{}]</span>{place}</li>",
            if f.is_error() { "error" } else { "warning" },
            ids.join(" "),
            escape(&cells.join(" ")),
            escape(&f.message),
            ids.join(", ")
        );
    }
    let _ = writeln!(s, "</ol>");
}

pub(crate) fn unit_anchor(name: &str, year: i32) -> String {
    // Ids may hold any character but spaces; the name is escaped where it is written.
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == '"' || c == '&' || c == '<' {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("unit-{year}-{safe}")
}

fn status_class(u: &UnitEntry) -> &'static str {
    if u.missing {
        "missing"
    } else if u.left_out {
        "left-out"
    } else if u.failing {
        "failing"
    } else if !u.findings.is_empty() {
        "warned"
    } else {
        "clean"
    }
}

fn status_words(u: &UnitEntry) -> String {
    let mut words = Vec::new();
    if u.missing {
        words.push(msg!("review-status-missing"));
    }
    if u.left_out {
        words.push(msg!("review-status-left-out"));
    }
    if u.summed {
        words.push(msg!("review-status-summed"));
    }
    if u.failing {
        words.push(msg!("review-status-failing"));
    } else if u.summed && !u.findings.is_empty() {
        words.push(msg!("review-status-warned"));
    }
    if u.unregistered {
        words.push(msg!("review-status-unregistered"));
    }
    words.join(&msg!("list-separator"))
}

/// The ratings of a year: per measure, the total and every summed unit, worst first.
fn ratings_section(s: &mut String, y: &YearReview, thresholds: &gongkai_ratings::Thresholds) {
    let _ = writeln!(
        s,
        "<h2>{}</h2>\n<p class=\"hint\">{}</p>\n<div class=\"ratings\">",
        escape(&msg!("review-ratings", year = y.year())),
        escape(&msg!(
            "review-ratings-rule",
            thresholds = thresholds.to_string()
        ))
    );
    for measure in Measure::ALL {
        let _ = writeln!(
            s,
            "<table class=\"rating\" data-measure=\"{}\"><caption>{}</caption>\n<thead><tr>\
             <th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            measure.code(),
            escape(&measure.name()),
            escape(&msg!("review-col-rank")),
            escape(&msg!("review-col-unit")),
            escape(&msg!("review-col-rating")),
        );
        let rated: Vec<&Rating> = y.ratings.iter().filter(|r| r.measure == measure).collect();
        for (i, r) in rated.iter().take(RATINGS_LISTED).enumerate() {
            let _ = writeln!(
                s,
                "<tr data-unit=\"{}\"><td class=\"num\">{}</td><td>{}</td>\
                 <td><span class=\"chip {}\">{}</span> {}</td></tr>",
                escape(&r.unit),
                i + 1,
                escape(&r.unit),
                r.verdict.code(),
                escape(&r.verdict.words()),
                escape(&rate_words(r, thresholds))
            );
        }
        let _ = writeln!(s, "</tbody></table>");
        if rated.len() > RATINGS_LISTED {
            let _ = writeln!(
                s,
                "<p class=\"hint\">{}</p>",
                escape(&msg!(
                    "review-ratings-more",
                    count = rated.len() - RATINGS_LISTED
                ))
            );
        }
    }
    let _ = writeln!(s, "</div>");
}

/// Units with findings whose own tables (their cells to check marked) are on the page, in its
/// order; every one's findings are, each naming its cell and its place in the unit's file.
/// (1,000 failing units' tables were 26 of a 34 MB page.)
pub const UNIT_TABLES_LISTED: usize = 200;

/// Clean units (summed, nothing found) listed in a year's table of units, in its order; the rest
/// are counted. Units with findings, missing or left out are always listed.
pub const CLEAN_UNITS_LISTED: usize = 1000;

/// Units listed per measure in a year's ratings, worst first; the rest are counted, and every
/// unit's rating is in the CSV `--ratings` writes. (10,000 units over five years had listed
/// 21 MB of ratings.)
pub const RATINGS_LISTED: usize = 100;

fn rate_words(r: &Rating, thresholds: &gongkai_ratings::Thresholds) -> String {
    match r.verdict {
        Verdict::NoData => String::new(),
        _ => r.summary(thresholds),
    }
}

/// Several years: the report's charts and the headline measures year by year.
fn trend_section(s: &mut String, review: &Review) {
    let name = review.parts.name;
    let _ = writeln!(
        s,
        "<section id=\"trend\">\n<h2>{}</h2>",
        escape(&msg!("review-trend", name = name))
    );
    let reports = review.parts.reports;
    let figure = report_figure(name, review.parts.totals, reports, &|_| true);
    match gongkai_chart::draw(gongkai_chart::Format::Svg, &figure) {
        Ok(chart) => {
            let svg = String::from_utf8_lossy(&chart.bytes);
            let svg = svg.find("<svg").map_or(&*svg, |i| &svg[i..]);
            let _ = writeln!(s, "<figure class=\"chart\">{svg}</figure>");
        }
        Err(e) => {
            let _ = writeln!(s, "<p class=\"caveat\">{}</p>", escape(&e.to_string()));
        }
    }
    // The headline measures of the total, year by year, with their change.
    let chosen: Vec<String> = measures::HEADLINE.iter().map(|m| m.to_string()).collect();
    let chosen = measures::Plan::new(&chosen);
    let mut pts = Vec::new();
    let mut years: Vec<(i32, FormVersion)> = Vec::new();
    for t in review.parts.totals.iter().filter(|t| t.name == name) {
        pts.extend(points(t.year, &t.name, t.form, &t.values, &chosen));
        years.push((t.year, t.form));
    }
    years.sort();
    let Ok(all) = deltas(pts) else {
        let _ = writeln!(s, "</section>");
        return;
    };
    let forms: std::collections::BTreeMap<i32, FormVersion> = years.iter().copied().collect();
    let _ = write!(
        s,
        "<table class=\"yoy\">\n<thead><tr><th>{}</th>",
        escape(&msg!("review-col-measure"))
    );
    for (year, _) in &years {
        // The form changed since the year before: some measures do not compare.
        let broken = forms
            .get(&(year - 1))
            .is_some_and(|prev| Some(prev) != forms.get(year));
        let _ = write!(
            s,
            "<th{}>{}{}</th>",
            if broken { " class=\"break\"" } else { "" },
            year,
            if broken { "†" } else { "" }
        );
    }
    let _ = writeln!(s, "</tr></thead><tbody>");
    for m in chosen.names() {
        let row: Vec<&Delta> = all.iter().filter(|d| &d.point.measure == m).collect();
        if row.is_empty() {
            continue;
        }
        let _ = write!(
            s,
            "<tr data-measure=\"{}\"><th>{}</th>",
            escape(m),
            escape(&measures::label(m))
        );
        for (year, _) in &years {
            match row.iter().find(|d| d.point.year == *year) {
                Some(d) => {
                    let _ = write!(s, "<td class=\"num\">{}</td>", escape(&yoy_cell(d)));
                }
                None => {
                    let _ = write!(s, "<td class=\"num\">—</td>");
                }
            }
        }
        let _ = writeln!(s, "</tr>");
    }
    let _ = writeln!(
        s,
        "</tbody></table>\n<p class=\"hint\">{}</p>\n</section>",
        escape(&msg!("review-break-note"))
    );
}

fn yoy_cell(d: &Delta) -> String {
    let show = |v: MeasureValue| match v {
        MeasureValue::Ratio(r) => format!("{:.1}%", r * 100.0),
        MeasureValue::Exact(x, kind) => format_value(x, kind),
    };
    let value = show(d.point.value);
    match d.change {
        Change::None => value,
        Change::New { .. } => format!("{value} ({})", msg!("review-new")),
        Change::By {
            abs: MeasureValue::Ratio(a),
            ..
        } => format!("{value} ({:+.1} pp)", a * 100.0),
        Change::By { pct: Some(p), .. } => format!("{value} ({p:+.1}%)"),
        Change::By { abs, pct: None } => format!("{value} ({})", show(abs)),
    }
}

/// Units listed by name in a total cell's make-up: the largest values (by size, either sign);
/// the others are counted and summed in one line. A city's make-up is listed whole; a province's
/// or a nation's would otherwise put every unit's value of every cell into the page (10,000 units
/// over five years: 81 MB of a 115 MB page).
pub const MAKEUP_LISTED: usize = 50;

/// Per year: how many units were summed, the names the make-ups list, and per cell its total,
/// its largest values (by name index, largest first, at most [`MAKEUP_LISTED`]) as (raw, shown),
/// the rest of its values other than 0 counted and summed, and how many units wrote 0 or left
/// it blank. Read by the script when a total cell is clicked.
fn makeup_data(review: &Review) -> Value {
    let mut years = Map::new();
    for y in &review.years {
        let cat = y.form().catalogue();
        let summed: Vec<(&str, &gongkai_report::UnitReport)> = y.summed().collect();
        // The names listed in any cell of the year, each once.
        let mut names: Vec<&str> = Vec::new();
        let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut cells = Map::new();
        for cell in &cat.cells {
            let (mut zero, mut blank) = (0usize, 0usize);
            let mut values: Vec<(&str, i64)> = Vec::new();
            for (name, r) in &summed {
                let v = r.values.get(cell.index).copied().unwrap_or(0);
                if r.blank.get(cell.index).copied().unwrap_or(true) {
                    blank += 1;
                } else if v == 0 {
                    zero += 1;
                } else {
                    values.push((name, v));
                }
            }
            // The largest by size are listed, largest first; the rest go in one line.
            values.sort_by(|a, b| {
                b.1.unsigned_abs()
                    .cmp(&a.1.unsigned_abs())
                    .then(a.0.cmp(b.0))
            });
            let rest = values.split_off(values.len().min(MAKEUP_LISTED));
            values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let top: Vec<Value> = values
                .iter()
                .map(|(name, v)| {
                    let k = *index.entry(name).or_insert_with(|| {
                        names.push(name);
                        names.len() - 1
                    });
                    json!([k, v, format_value(*v, cell.kind())])
                })
                .collect();
            let total = y.total.values.get(cell.index).copied().unwrap_or(0);
            let mut entry = json!({
                "name": where_cell(cell),
                "total": total,
                "shown": format_value(total, cell.kind()),
                "top": top,
                "zero": zero,
                "blank": blank,
            });
            if !rest.is_empty() {
                let sum: i64 = rest.iter().map(|(_, v)| *v).fold(0i64, i64::saturating_add);
                entry["rest"] = json!([rest.len(), format_value(sum, cell.kind())]);
            }
            cells.insert(cell.code(), entry);
        }
        years.insert(
            y.year().to_string(),
            json!({ "summed": summed.len(), "units": names, "cells": cells }),
        );
    }
    json!({
        "years": years,
        "words": {
            "sum": msg!("review-makeup-sum"),
            "others": msg!("review-makeup-others"),
            "rest": msg!("review-makeup-rest"),
            "blank": msg!("review-makeup-blank"),
            "none": msg!("review-makeup-none"),
        }
    })
}

/// JSON inside a `<script>` element: `</` would end it early.
fn script_safe(json: &str) -> String {
    json.replace("</", "<\\/")
}

/// A self-contained page's opening, to its heading: the language, the content policy (nothing
/// fetched), the generator named, the style; then `<header>` and the `<h1>` of `title`.
pub(crate) fn head(s: &mut String, title: &str, generator: &str) {
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">\n\
         <meta name=\"generator\" content=\"{generator}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{t}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{t}</h1>\n",
        lang = gongkai_messages::lang().code(),
        t = escape(title)
    );
}

/// Text for HTML: in an element or a quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
