//! The review page opened in a real browser (headless Chromium, [`gongkai_browser`]): the
//! numbers it shows are `consolidate`'s and the published report's, a total opens its make-up,
//! a failing unit's cells are marked, the search and the years work, nothing is asked of the
//! network and nothing goes to the console. A screenshot and an A4 print of each page are kept
//! under `target/page-artifacts/`.

use std::collections::BTreeMap;
use std::path::Path;

use gongkai_browser::{artifacts_dir, require, Page};
use serde_json::Value;

use crate::report::tidy_values;
use crate::{fixture, gongkai, gongkai_zh, root, stdout_of, tempdir};

fn eval(page: &Page, script: &str) -> Value {
    page.eval(script).unwrap_or_else(|e| panic!("{e}"))
}

/// The totals as the browser shows them: (year, code) → the cell's visible text.
fn shown_totals(page: &Page) -> BTreeMap<(i32, String), String> {
    let cells = eval(
        page,
        "Array.from(document.querySelectorAll('.totals td.v')).map(td => \
         [Number(td.dataset.year), td.dataset.code, td.innerText.trim()])",
    );
    cells
        .as_array()
        .unwrap_or_else(|| panic!("no cells: {cells}"))
        .iter()
        .map(|c| {
            let year = c[0].as_i64().unwrap_or_default() as i32;
            (
                (year, c[1].as_str().unwrap_or_default().to_string()),
                c[2].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Keeps a screenshot and an A4 print of `page` as `name`.png and `name`.pdf; the print's pages.
fn keep(page: &Page, name: &str) -> usize {
    let dir = artifacts_dir();
    page.screenshot_png(&dir.join(format!("{name}.png")))
        .unwrap_or_else(|e| panic!("{e}"));
    page.print_pdf(&dir.join(format!("{name}.pdf")))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn assert_quiet(page: &Page, what: &str) {
    assert_eq!(
        page.console_errors(),
        Vec::<String>::new(),
        "{what}: console errors"
    );
    assert_eq!(
        page.requests(),
        Vec::<String>::new(),
        "{what}: network requests"
    );
}

fn report(dir: &Path, name: &str, out: &Path) {
    gongkai_zh()
        .arg("report")
        .arg(dir)
        .args(["--name", name, "-q", "--force", "--out"])
        .arg(out)
        .assert()
        .code(predicates::ord::lt(3));
}

#[test]
fn the_lanzhou_page_shows_the_published_totals_and_each_totals_make_up() {
    let Some(browser) = require() else {
        return;
    };
    let tmp = tempdir();
    let file = tmp.path().join("兰州市2020年汇总.html");
    report(&root().join("data/lanzhou/2020"), "兰州市", &file);
    let page = browser.open(&file).unwrap_or_else(|e| panic!("{e}"));

    // The numbers: the published report's and `consolidate`'s, cell for cell.
    let shown = shown_totals(&page);
    let published = tidy_values(&fixture("lanzhou-2020-published.csv"), "兰州市");
    assert_eq!(published.len(), 198);
    assert!(
        shown == published,
        "the page's totals are not the published report's"
    );
    let csv = stdout_of(
        gongkai()
            .arg("consolidate")
            .arg(root().join("data/lanzhou/2020"))
            .args(["--name", "兰州市", "--format", "csv", "-q"]),
    );
    assert!(
        shown == tidy_values(&csv, "兰州市"),
        "the page's totals are not consolidate's"
    );

    // Clicking 予以公开's total opens its make-up: the units, largest first, adding up to it.
    assert_eq!(
        eval(&page, "document.getElementById('makeup').hidden"),
        Value::Bool(true)
    );
    let cell = ".totals td.v[data-code='requests.granted.total']";
    page.click(cell).unwrap_or_else(|e| panic!("{e}"));
    // The click handler fills the make-up before the click returns.
    assert_eq!(
        eval(&page, "document.getElementById('makeup').hidden"),
        Value::Bool(false)
    );
    let rows = eval(
        &page,
        "Array.from(document.querySelectorAll('#makeup tbody tr')).map(tr => \
         Array.from(tr.cells).map(td => td.innerText.trim()))",
    );
    let rows = rows.as_array().cloned().unwrap_or_default();
    assert!(rows.len() > 3, "{rows:?}");
    let values: Vec<i64> = rows
        .iter()
        .map(|r| r[1].as_str().and_then(|v| v.parse().ok()).unwrap_or(-1))
        .collect();
    assert!(
        values.windows(2).all(|w| w[0] >= w[1]),
        "largest first: {values:?}"
    );
    assert_eq!(
        values.iter().sum::<i64>(),
        297,
        "the units add up to the total"
    );
    assert!(
        rows[0][2].as_str().is_some_and(|s| s.ends_with('%')),
        "{rows:?}"
    );
    let heading = eval(&page, "document.querySelector('#makeup h3').innerText");
    assert!(
        heading.as_str().is_some_and(|h| h.contains("予以公开")),
        "{heading}"
    );
    keep(&page, "review-lanzhou-2020-makeup");

    // Escape closes it; the search keeps the units that match.
    eval(
        &page,
        "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))",
    );
    assert_eq!(
        eval(&page, "document.getElementById('makeup').hidden"),
        Value::Bool(true)
    );
    page.type_into("#unit-search", "区")
        .unwrap_or_else(|e| panic!("{e}"));
    let visible = eval(
        &page,
        "Array.from(document.querySelectorAll('table.units tr.unit-row'))\
         .filter(tr => tr.offsetParent !== null).map(tr => tr.dataset.unit)",
    );
    let visible: Vec<&str> = visible
        .as_array()
        .map(|v| v.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert!(!visible.is_empty() && visible.len() < 20, "{visible:?}");
    assert!(visible.iter().all(|u| u.contains('区')), "{visible:?}");

    let pages = keep(&page, "review-lanzhou-2020");
    assert!((2..=12).contains(&pages), "printed on {pages} A4 pages");
    assert_quiet(&page, "the Lanzhou page");
}

#[test]
fn a_defective_batch_shows_its_failing_units_and_marks_their_cells() {
    let Some(browser) = require() else {
        return;
    };
    let tmp = tempdir();
    let batch = tmp.path().join("batch");
    gongkai()
        .arg("generate")
        .args(["--units", "30", "--years", "2020-2021", "--layout", "grid"])
        .args(["--errors", "0.3", "--seed", "7", "-q", "-o"])
        .arg(&batch)
        .assert()
        .success();
    let file = tmp.path().join("review.html");
    report(&batch, "某市", &file);
    let page = browser.open(&file).unwrap_or_else(|e| panic!("{e}"));

    // The newest year first; its totals are consolidate's (forced: the batch is not whole).
    let csv = stdout_of(
        gongkai()
            .arg("consolidate")
            .arg(&batch)
            .args(["--name", "某市", "--force", "--format", "csv", "-q"]),
    );
    let expected = tidy_values(&csv, "某市");
    assert!(
        shown_totals(&page) == expected,
        "the page's totals are not consolidate's"
    );
    let caveat = eval(
        &page,
        "document.querySelector('#year-2021 .caveat').innerText",
    );
    assert!(
        caveat.as_str().is_some_and(|c| c.contains("不完整")),
        "{caveat}"
    );

    // A failing unit is listed as such, opened, with its findings and its cells marked.
    let failing = eval(
        &page,
        "Array.from(document.querySelectorAll('#year-2021 details.unit.failing')).map(d => [\
           d.dataset.unit, d.open, d.querySelectorAll('ol.findings li.error').length,\
           Array.from(d.querySelectorAll('td.v.fail')).filter(td => td.offsetParent !== null).length,\
           getComputedStyle(d.querySelector('td.v.fail') || d).backgroundColor])",
    );
    let failing = failing.as_array().cloned().unwrap_or_default();
    assert!(!failing.is_empty(), "no failing unit shown");
    for f in &failing {
        assert_eq!(f[1], Value::Bool(true), "{f}: a failing unit is opened");
        assert!(f[2].as_u64().unwrap_or(0) > 0, "{f}: its errors are listed");
        assert!(
            f[3].as_u64().unwrap_or(0) > 0,
            "{f}: a marked cell is visible"
        );
        assert_eq!(f[4], "rgb(253, 226, 224)", "{f}: marked cells are shaded");
    }
    let statuses = eval(
        &page,
        "document.querySelector('#year-2021 table.units').innerText",
    );
    for word in ["未报送", "未通过校验", "报告未纳入汇总"] {
        assert!(
            statuses.as_str().is_some_and(|s| s.contains(word)),
            "{word}"
        );
    }
    let left_out = eval(
        &page,
        "document.querySelector('#year-2021 ul.left-out').innerText",
    );
    assert!(
        left_out.as_str().is_some_and(|s| s.contains("u000010.csv")),
        "{left_out}"
    );
    keep(&page, "review-defective-2021");

    // The other year, by its button.
    page.click("nav.years button[data-year='2020']")
        .unwrap_or_else(|e| panic!("{e}"));
    let shown = eval(
        &page,
        "[document.getElementById('year-2020').offsetParent !== null,\
          document.getElementById('year-2021').offsetParent !== null]",
    );
    assert_eq!(shown, serde_json::json!([true, false]));
    // Ratings: a colour only with enough cases; the page names the rule.
    let chips = eval(
        &page,
        "Array.from(document.querySelectorAll('#year-2020 .chip')).map(c => c.className)",
    );
    assert!(chips.as_array().is_some_and(|c| !c.is_empty()), "{chips}");
    let pages = keep(&page, "review-defective-2020");
    assert!(pages >= 2, "printed on {pages} pages");
    assert_quiet(&page, "the defective batch's page");
}

#[test]
fn several_years_draw_the_trend_inline() {
    let Some(browser) = require() else {
        return;
    };
    let tmp = tempdir();
    let file = tmp.path().join("trend.html");
    report(&root().join("data/lanzhou"), "兰州市", &file);
    let page = browser.open(&file).unwrap_or_else(|e| panic!("{e}"));
    let svg = eval(
        &page,
        "(() => { const s = document.querySelector('figure.chart svg'); \
          const r = s.getBoundingClientRect(); return [r.width > 300, r.height > 200, \
          s.querySelectorAll('text').length]; })()",
    );
    assert_eq!(svg[0], Value::Bool(true), "{svg}");
    assert_eq!(svg[1], Value::Bool(true), "{svg}");
    assert!(
        svg[2].as_u64().unwrap_or(0) > 10,
        "the chart has its words: {svg}"
    );
    let new_received = eval(
        &page,
        "document.querySelector('table.yoy tr[data-measure=\"requests.new_received.total\"]').innerText",
    );
    // 本年新收 of the sample: 306, 343 (+12.1%), … 578 for 2019–2023.
    let row = new_received.as_str().unwrap_or_default();
    assert!(row.contains("343 (+12.1%)") && row.contains("578"), "{row}");
    keep(&page, "review-lanzhou-trend");
    assert_quiet(&page, "the five-year page");
}

/// A batch of 1,600 units, a fifth with a defect: a total's make-up lists its 50 largest values
/// and sums the rest in one line (the listed and the rest add up to the total), each measure's
/// ratings list the 100 worst and count the others, the table of units lists 1,000 clean ones and
/// counts the others, and of the units with findings the first 200 show their tables; every
/// unit is still counted once and every finding is on the page.
#[test]
fn a_large_batch_lists_the_largest_and_counts_the_rest() {
    let Some(browser) = require() else {
        return;
    };
    let tmp = tempdir();
    let data = tmp.path().join("data");
    gongkai()
        .args([
            "generate", "--units", "1600", "--years", "2020", "--errors", "0.2",
        ])
        .args(["--seed", "3", "-q", "-o"])
        .arg(&data)
        .assert()
        .success();
    let file = tmp.path().join("large.html");
    report(&data, "合计", &file);
    let page = browser.open(&file).unwrap_or_else(|e| panic!("{e}"));

    // The cell with the most units other than 0, clicked.
    let cell = eval(
        &page,
        "(() => { const d = JSON.parse(document.getElementById('makeup-data').textContent); \
          const y = d.years['2020']; let best = null; \
          for (const [code, c] of Object.entries(y.cells)) { \
            const n = c.top.length + (c.rest ? c.rest[0] : 0); \
            if (!best || n > best[1]) { best = [code, n]; } } \
          const c = y.cells[best[0]]; \
          return [best[0], best[1], c.total, c.top.reduce((s, t) => s + t[1], 0), \
                  c.rest ? Number(c.rest[1]) : 0, c.zero + c.blank + best[1], y.summed]; })()",
    );
    let code = cell[0].as_str().unwrap_or_default().to_string();
    let nonzero = cell[1].as_i64().unwrap_or_default();
    assert!(nonzero > 50, "a cell with more than 50 values: {cell}");
    assert_eq!(
        cell[3].as_i64().unwrap_or_default() + cell[4].as_i64().unwrap_or_default(),
        cell[2].as_i64().unwrap_or(-1),
        "the listed values and the rest add up to the total: {cell}"
    );
    assert_eq!(cell[5], cell[6], "every summed unit counted once: {cell}");
    page.click(&format!(".totals td.v[data-code='{code}']"))
        .unwrap_or_else(|e| panic!("{e}"));
    let rows = eval(
        &page,
        "document.querySelectorAll('#makeup tbody tr').length",
    );
    assert_eq!(rows.as_u64(), Some(50), "{code}");
    let rest = eval(&page, "document.querySelector('#makeup .rest').innerText");
    let rest = rest.as_str().unwrap_or_default();
    assert!(
        rest.contains(&format!("另有 {} 个单位未逐一列出", nonzero - 50)),
        "{rest}"
    );

    // Ratings: at most 100 a measure, and the others counted where there are more.
    let ratings = eval(
        &page,
        "Array.from(document.querySelectorAll('table.rating')).map(t => \
         [t.querySelectorAll('tbody tr').length, \
          t.nextElementSibling && t.nextElementSibling.matches('p.hint') ? \
            t.nextElementSibling.innerText : ''])",
    );
    let ratings = ratings.as_array().cloned().unwrap_or_default();
    assert!(!ratings.is_empty());
    for r in &ratings {
        let listed = r[0].as_u64().unwrap_or_default();
        let hint = r[1].as_str().unwrap_or_default();
        assert!(listed <= 100, "{r}");
        assert_eq!(listed == 100, !hint.is_empty(), "{r}");
    }
    assert!(
        ratings.iter().any(|r| r[0].as_u64() == Some(100)),
        "{ratings:?}"
    );

    // Units: 1,000 clean ones listed, the others counted; the heading counts them all.
    let units = eval(
        &page,
        "(() => { const t = document.querySelector('table.units'); \
          const hint = t.nextElementSibling.matches('p.hint') ? t.nextElementSibling.innerText : ''; \
          return [t.querySelectorAll('tr.unit-row').length, \
                  t.querySelectorAll('tr.unit-row.clean').length, hint, \
                  t.previousElementSibling.innerText]; })()",
    );
    assert_eq!(units[1].as_u64(), Some(1000), "{units}");
    let hint = units[2].as_str().unwrap_or_default();
    let more: u64 = hint
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or_default();
    let heading = units[3].as_str().unwrap_or_default();
    let all: u64 = heading
        .rsplit('（')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or_default();
    assert!(more > 0, "{units}");
    assert_eq!(units[0].as_u64().unwrap_or_default() + more, all, "{units}");

    // Units with findings: each one's findings, the first 200 with their tables.
    let to_fix = eval(
        &page,
        "[document.querySelectorAll('details.unit').length, \
          document.querySelectorAll('details.unit .unit-tables').length, \
          document.querySelectorAll('details.unit ol.findings li').length, \
          Array.from(document.querySelectorAll('p.hint')).map(p => p.innerText) \
            .filter(t => t.includes('整改通知')).length]",
    );
    let with_findings = to_fix[0].as_u64().unwrap_or_default();
    assert!(with_findings > 200, "{to_fix}");
    assert_eq!(to_fix[1].as_u64(), Some(200), "{to_fix}");
    assert!(
        to_fix[2].as_u64().unwrap_or_default() >= with_findings,
        "{to_fix}"
    );
    assert_eq!(to_fix[3].as_u64(), Some(1), "{to_fix}");
    assert_quiet(&page, "the large page");
}
