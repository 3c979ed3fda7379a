//! N1 on real sentences (the corpus, `tests/fixtures/narrative/sentences.txt`): each block reads
//! exactly its figures, is silent when its tables hold them and catches each one planted
//! wrong; and the findings as they are worded, placed and coded.

use std::path::PathBuf;
use std::sync::Arc;

use gongkai_form::{FormVersion, Level, RuleId};
use gongkai_messages::{with_lang, Lang};
use gongkai_report::{Check, Finding, Layout, Place, UnitReport};

use crate::claim::{claims, Context};
use crate::reading::readings;
use crate::{check, Prose};

const CORPUS: &str = include_str!("../../../tests/fixtures/narrative/sentences.txt");

/// One block of the corpus.
#[derive(Debug)]
struct Block {
    year: i32,
    unit: String,
    source: String,
    paragraphs: Vec<String>,
    figures: Vec<(String, i64)>,
    table: Vec<(String, i64)>,
    contradiction: bool,
}

fn corpus() -> Vec<Block> {
    let mut blocks = Vec::new();
    for text in CORPUS.split("\n\n") {
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        let Some(head) = lines.first().and_then(|l| l.strip_prefix("@ ")) else {
            continue;
        };
        let mut head = head.splitn(3, ' ');
        let year = head.next().and_then(|y| y.parse().ok()).expect("a year");
        let unit = head.next().expect("a unit").to_string();
        let source = head.next().expect("a source").to_string();
        let mut block = Block {
            year,
            unit,
            source,
            paragraphs: Vec::new(),
            figures: Vec::new(),
            table: Vec::new(),
            contradiction: false,
        };
        let mut said_none = false;
        for line in &lines[1..] {
            if let Some(figure) = line.strip_prefix("= ") {
                if figure == "none" {
                    said_none = true;
                    continue;
                }
                let (kind, value) = figure.split_once(' ').expect("= KIND VALUE");
                block
                    .figures
                    .push((kind.to_string(), value.parse().expect("a value")));
            } else if let Some(cell) = line.strip_prefix("table ") {
                let (code, value) = cell.split_once(' ').expect("table CELL VALUE");
                block
                    .table
                    .push((code.to_string(), value.parse().expect("a value")));
            } else if *line == "expect N1" {
                block.contradiction = true;
            } else {
                block.paragraphs.push(line.to_string());
            }
        }
        assert!(
            said_none == block.figures.is_empty(),
            "{}: `= none` or figures, one of the two",
            block.source
        );
        blocks.push(block);
    }
    blocks
}

fn prose_of(block: &Block) -> Prose {
    let mut prose = Prose::new();
    for (k, p) in block.paragraphs.iter().enumerate() {
        prose.push(
            p,
            Place::Line {
                line: k as u32 + 1,
                column: None,
            },
        );
    }
    prose
}

fn report(unit: &str, year: i32) -> UnitReport {
    UnitReport::empty(
        unit.to_string(),
        year,
        FormVersion::for_year(year),
        Arc::new(PathBuf::from(format!("{unit}{year}.html"))),
        Layout::Grid,
    )
}

fn set(r: &mut UnitReport, code: &str, value: i64) {
    let cell = r
        .form
        .catalogue()
        .by_code(code)
        .unwrap_or_else(|| panic!("no cell {code}"))
        .index;
    r.set(cell, Some(value), 1);
}

#[test]
fn the_corpus_is_of_real_reports_of_both_forms() {
    let blocks = corpus();
    let sources: std::collections::BTreeSet<&str> = blocks
        .iter()
        .map(|b| b.source.split(' ').next().unwrap_or_default())
        .collect();
    let paragraphs: usize = blocks.iter().map(|b| b.paragraphs.len()).sum();
    let figures: usize = blocks.iter().map(|b| b.figures.len()).sum();
    assert!(sources.len() >= 20, "{} sources", sources.len());
    assert!(paragraphs >= 45, "{paragraphs} paragraphs");
    assert!(figures >= 30, "{figures} figures read");
    assert!(blocks.iter().any(|b| b.year <= 2020) && blocks.iter().any(|b| b.year >= 2021));
}

#[test]
fn every_block_reads_exactly_its_figures() {
    for block in corpus() {
        let got: Vec<(String, i64)> = claims(
            &prose_of(&block),
            Context {
                year: block.year,
                unit: &block.unit,
            },
        )
        .into_iter()
        .map(|c| (c.kind.code(), c.value))
        .collect();
        assert_eq!(got, block.figures, "{}", block.source);
    }
}

/// A report whose tables hold every figure of `block` (the first reading of each), or the
/// cells the block gives.
fn holding(block: &Block) -> UnitReport {
    let mut r = report(&block.unit, block.year);
    if !block.table.is_empty() {
        for (code, value) in &block.table {
            set(&mut r, code, *value);
        }
        return r;
    }
    let ctx = Context {
        year: block.year,
        unit: &block.unit,
    };
    for claim in claims(&prose_of(block), ctx) {
        if let Some(reading) = readings(claim.kind, r.form).first() {
            for (k, (section, row, column)) in reading.iter().enumerate() {
                let code = format!("{}.{row}.{column}", section.code());
                set(&mut r, &code, if k == 0 { claim.value } else { 0 });
            }
        }
    }
    r
}

#[test]
fn real_sentences_raise_no_false_alarm() {
    for block in corpus() {
        let found = check(&prose_of(&block), &holding(&block));
        let expected = usize::from(block.contradiction);
        assert_eq!(
            found.len(),
            expected,
            "{}: {:#?}",
            block.source,
            found.iter().map(ToString::to_string).collect::<Vec<_>>()
        );
    }
}

#[test]
fn every_real_figure_planted_wrong_is_caught() {
    let mut planted = 0;
    for block in corpus().iter().filter(|b| b.table.is_empty()) {
        let prose = prose_of(block);
        let ctx = Context {
            year: block.year,
            unit: &block.unit,
        };
        for claim in claims(&prose, ctx) {
            // Every reading of the figure made to differ from it by 7.
            let mut r = holding(block);
            for reading in readings(claim.kind, r.form) {
                for (section, row, column) in reading {
                    let cell = r
                        .form
                        .catalogue()
                        .find(section, row, column)
                        .expect("a cell");
                    let v = r.values[cell.index];
                    r.set(cell.index, Some(v + 7), 1);
                }
            }
            let found = check(&prose, &r);
            let about: Vec<&Finding> = found
                .iter()
                .filter(|f| f.found.as_deref() == Some(&claim.value.to_string()))
                .collect();
            assert!(
                !about.is_empty(),
                "{}: {} {} not caught in {found:#?}",
                block.source,
                claim.kind.code(),
                claim.value
            );
            planted += 1;
        }
    }
    assert!(planted >= 25, "{planted}");
}

/// The Changchun sports bureau's 2023 report says 共受理政府信息公开申请2件; its table 三 says
/// 本年新收 3. N1 says so, in the form's words, in both languages.
#[test]
fn a_real_contradiction_worded_in_both_languages() {
    let block = corpus()
        .into_iter()
        .find(|b| b.contradiction)
        .expect("a real contradiction");
    let r = holding(&block);
    let zh = with_lang(Lang::Zh, || check(&prose_of(&block), &r));
    assert_eq!(zh.len(), 1);
    // Its sections are numbered （一）… only: the finding says 正文.
    assert_eq!(
        zh[0].message,
        "正文称“本年度,共受理政府信息公开申请2件,都在法定期限内予以答复”，表三“一、本年新收政府信息公开申请数量”行“总计”列为 3，相差 1。请核对正文或表格。"
    );
    let en = with_lang(Lang::En, || check(&prose_of(&block), &r));
    assert_eq!(
        en[0].message,
        "the text says “本年度,共受理政府信息公开申请2件,都在法定期限内予以答复”, but the requests table (三), row “new applications received”, column “total” has 3: a difference of 1. Check the text or the table."
    );
    let line = with_lang(Lang::Zh, || zh[0].to_string());
    assert!(
        line.starts_with("长春市体育局2023.html 第2行：长春市体育局 2023年 提示：正文称"),
        "{line}"
    );
    assert!(line.ends_with("[N1]"), "{line}");
}

/// Lanzhou 2020's totals with a sentence written wrong.
fn lanzhou() -> UnitReport {
    let mut r = report("兰州市", 2020);
    for (code, v) in [
        ("requests.new_received.total", 343),
        ("requests.carried_over.total", 14),
        ("requests.total.total", 357),
        ("requests.granted.total", 297),
        ("requests.partially_granted.total", 8),
        ("requests.carried_forward.total", 0),
        ("appeals.reconsideration.total", 68),
        ("appeals.litigation_direct.total", 41),
        ("appeals.litigation_after_reconsideration.total", 14),
        ("active.regulations.new_made", 36),
        ("active.regulations.new_published", 3),
        ("active.normative_documents.new_made", 1705),
        ("active.normative_documents.new_published", 864),
    ] {
        set(&mut r, code, v);
    }
    r
}

fn findings(text: &str, r: &UnitReport) -> Vec<Finding> {
    let mut prose = Prose::new();
    for (k, line) in text.lines().enumerate() {
        prose.push(
            line,
            Place::Line {
                line: k as u32 + 10,
                column: None,
            },
        );
    }
    with_lang(Lang::Zh, || check(&prose, r))
}

#[test]
fn either_reading_of_each_figure_is_accepted() {
    let r = lanzhou();
    for sentence in [
        "全年共收到政府信息公开申请343件。",
        "全年共收到政府信息公开申请357件（含上年结转14件）。",
        "全年共受理政府信息公开申请357件，办结357件，结转下年度继续办理0件。",
        "收到申请后，予以公开297件。",
        "收到申请后，予以公开和部分公开共305件。",
        "被申请行政复议68件，被提起行政诉讼55件。",
        "被申请行政复议68件，被提起行政诉讼41件。",
        "其中未经复议直接起诉41件，复议后起诉14件。",
        "全年新制作规范性文件1705件，新公开规范性文件864件。",
        "全年制发规范性文件864件。",
        "全年共受理政府信息公开申请三百四十三件。",
        "全年共受理政府信息公开申请0.03万件。",
    ] {
        let found = findings(&format!("一、总体情况\n{sentence}"), &r);
        assert!(found.is_empty(), "{sentence}: {found:#?}");
    }
}

#[test]
fn planted_contradictions_are_caught() {
    let r = lanzhou();
    let cases: [(&str, &str, i64, &str); 9] = [
        (
            "全年共受理政府信息公开申请355件。",
            "requests.new_received.total",
            355,
            "表三“一、本年新收政府信息公开申请数量”行“总计”列为 343（二、上年结转政府信息公开申请数量 14，合计 357），相差 2",
        ),
        ("政府信息公开申请共办结350件。", "requests.total.total", 350, "相差 7"),
        ("收到的申请中予以公开290件。", "requests.granted.total", 290, "相差 7"),
        ("结转下年度继续办理3件。", "requests.carried_forward.total", 3, "相差 3"),
        (
            "因政府信息公开被申请行政复议70件。",
            "appeals.reconsideration.total",
            70,
            "表四“行政复议”行“总计”列为 68，相差 2",
        ),
        (
            "被提起行政诉讼60件。",
            "appeals.litigation_direct.total",
            60,
            "相差 5",
        ),
        (
            "全年共受理政府信息公开申请一千二百件。",
            "requests.new_received.total",
            1200,
            "相差 843",
        ),
        (
            "全年共受理政府信息公开申请1.2万件。",
            "requests.new_received.total",
            12_000,
            "相差 11643",
        ),
        (
            "全年新制作规章30件。",
            "active.regulations.new_made",
            30,
            "表二“规章”行“本年新制作数量”列为 36，相差 6",
        ),
    ];
    for (sentence, cell, stated, says) in cases {
        let found = findings(&format!("一、总体情况\n{sentence}"), &r);
        assert_eq!(found.len(), 1, "{sentence}: {found:#?}");
        let f = &found[0];
        assert_eq!(f.rule, Check::Rule(RuleId::N1));
        assert_eq!(f.level, Level::Warning);
        assert_eq!(
            f.cells.first().map(String::as_str),
            Some(cell),
            "{sentence}"
        );
        assert_eq!(f.found.as_deref(), Some(stated.to_string().as_str()));
        assert!(
            f.message
                .starts_with(&format!("总体情况称“{}”", sentence.trim_end_matches('。'))),
            "{}",
            f.message
        );
        assert!(f.message.contains(says), "{sentence}: {}", f.message);
        assert_eq!(
            f.place,
            Place::Line {
                line: 11,
                column: None
            }
        );
        assert_eq!(f.unit.as_deref(), Some("兰州市"));
        assert_eq!(f.year, Some(2020));
        assert_eq!(f.rules.len(), 1);
        assert!(f.rules[0]
            .arithmetic
            .starts_with(&format!("text {stated} ≠ ")));
    }
}

#[test]
fn approximate_changed_and_other_year_figures_are_left_alone() {
    let r = lanzhou();
    for sentence in [
        "全年共受理政府信息公开申请约350件。",
        "全年共受理政府信息公开申请350余件。",
        "全年共受理政府信息公开申请350件左右。",
        "全年共受理政府信息公开申请近400件。",
        "政府信息公开申请比上年增加37件，同比增长12.1%。",
        "较2019年减少3件。",
        "2019年共收到政府信息公开申请306件。",
        "2019年，共收到政府信息公开申请306件。",
        "上年结转政府信息公开申请20件。",
        "全年共受理政府信息公开申请1.3万件以上。",
        "其中自然人申请284件，法人或其他组织申请59件。",
        "市政府办公厅共收到政府信息公开申请12件，办结12件。",
        "主动公开政府信息2415条。",
        "行政复议结果纠正6件，行政诉讼败诉2件。",
        // A figure of a cell the tables do not hold, or blank: not compared.
        "全年废止规章3件，现行有效规章50件。",
    ] {
        let found = findings(&format!("一、总体情况\n{sentence}"), &r);
        assert!(found.is_empty(), "{sentence}: {found:#?}");
    }
    // Cells not found on the page: nothing to compare with.
    let blank = report("兰州市", 2020);
    assert!(findings("全年共受理政府信息公开申请355件。", &blank).is_empty());
}

#[test]
fn a_wrapped_pdf_paragraph_is_read_whole() {
    let r = lanzhou();
    let mut prose = Prose::new();
    prose.push_wrapped([
        ("一、总体情况", Place::Page { page: 1 }),
        (
            "2020年，兰州市各区县和市政府各部门全年共受理政府信息公开申请3",
            Place::Page { page: 1 },
        ),
        ("55件，已全部按时答复。", Place::Page { page: 1 }),
    ]);
    let found = with_lang(Lang::Zh, || check(&prose, &r));
    // 各区县和市政府各部门 names parts of the city: silent.
    assert!(found.is_empty(), "{found:#?}");
    let mut prose = Prose::new();
    prose.push_wrapped([
        ("一、总体情况", Place::Page { page: 1 }),
        (
            "2020年，全市各区县和市政府各部门全年共受理政府信息公开申请3",
            Place::Page { page: 1 },
        ),
        ("55件，已全部按时答复。", Place::Page { page: 1 }),
    ]);
    let found = with_lang(Lang::Zh, || check(&prose, &r));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].found.as_deref(), Some("355"));
    assert_eq!(found[0].place, Place::Page { page: 1 });
}

#[test]
fn findings_keep_their_codes_for_machines() {
    let found = findings(
        "一、总体情况\n全年共受理政府信息公开申请355件。",
        &lanzhou(),
    );
    assert_eq!(
        found[0].cells,
        ["requests.new_received.total", "requests.carried_over.total"]
    );
    assert_eq!(found[0].found.as_deref(), Some("355"));
    assert_eq!(found[0].expected.as_deref(), Some("343 | 357"));
    assert_eq!(
        found[0].rules[0].arithmetic,
        "text 355 ≠ requests.new_received.total = 343 | requests.new_received.total + requests.carried_over.total = 357 (off by 2)"
    );
    assert_eq!(found[0].rules[0].scope, "received");
    assert_eq!(found[0].rules[0].rule, Check::Rule(RuleId::N1));
}

/// Any text at all, made of the pieces sentences are made of: no panic, and every finding
/// names a cell of the form.
#[test]
fn any_text_is_read_without_panic() {
    const PIECES: [&str; 40] = [
        "收到",
        "政府信息公开申请",
        "件",
        "起",
        "个",
        "，",
        "。",
        "；",
        "、",
        "（",
        "）",
        "(",
        ")",
        "1",
        "23",
        "4,567",
        "0.5",
        "万",
        "亿",
        "一",
        "十",
        "百",
        "千",
        "零",
        "两",
        "约",
        "余",
        "左右",
        "上年",
        "2019年",
        "2021年",
        "结转下年度",
        "予以公开",
        "办结",
        "行政复议",
        "行政诉讼",
        "制发规范性文件",
        "全市",
        "办公室",
        "第",
    ];
    let r = lanzhou();
    let cat = r.form.catalogue();
    // A small linear congruential generator: the same texts every run.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    let mut findings = 0;
    for _ in 0..3_000 {
        let len = next() % 40;
        let text: String = (0..len).map(|_| PIECES[next() % PIECES.len()]).collect();
        let mut prose = Prose::new();
        prose.push(&text, Place::File);
        prose.push_wrapped([(text.as_str(), Place::File), ("57件。", Place::File)]);
        for f in check(&prose, &r) {
            assert!(f.cells.iter().all(|c| cat.by_code(c).is_some()), "{f:?}");
            findings += 1;
        }
    }
    // Some of them are sentences N1 reads, and holds to the tables.
    assert!(findings > 0);
}
