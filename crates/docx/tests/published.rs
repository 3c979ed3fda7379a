//! A real published report saved as Word by an office suite (tests/fixtures/published/README.md)
//! read into a flow, and its tables through the one locator as a published page's are: every
//! value of the Lanzhou 2020 report as published.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use gongkai_document::{Block, Grid, Origin};
use gongkai_form::{FormVersion, Level};
use gongkai_ingest::locate::{self, Conventions, Document, Setting};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn lanzhou() -> Vec<u8> {
    std::fs::read(fixtures().join("published/lanzhou-2020.docx")).unwrap_or_default()
}

#[test]
fn lanzhou_2020_docx_gives_all_198_published_values() {
    let flow = gongkai_docx::read(&lanzhou()).unwrap_or_else(|e| panic!("{e}"));
    // The title first, then the document's headings.
    assert_eq!(
        flow.titles.first().map(String::as_str),
        Some("兰州市2020年政府信息公开工作年度报告"),
        "{:?}",
        flow.titles
    );
    assert!(
        flow.titles.iter().any(|t| t == "一、总体情况"),
        "{:?}",
        flow.titles
    );
    // Three tables, between the section headings, in document order.
    let order: Vec<String> = flow
        .blocks
        .iter()
        .map(|b| match b {
            Block::Lines(lines) => lines
                .last()
                .map(|l| l.chars().take(20).collect())
                .unwrap_or_default(),
            Block::Table(g) => format!("{:?}", g.origin),
        })
        .collect();
    assert_eq!(
        order,
        [
            "二、主动公开政府信息情况",
            "Table(1)",
            "三、收到和处理政府信息公开申请情况",
            "Table(2)",
            "四、政府信息公开行政复议、行政诉讼情况",
            "Table(3)",
            "报告所列数据的统计期限为 2020 年 "
        ]
        .map(String::from),
        "{order:#?}"
    );

    let grids: Vec<Grid> = flow.tables().cloned().collect();
    let file = Arc::new(PathBuf::from("lanzhou-2020.docx"));
    let document = Document::new(&grids);
    assert_eq!(document.form_of_labels(), Some(FormVersion::F2019));
    let mut located = locate::locate(
        &document,
        Setting {
            form: FormVersion::F2019,
            unit: "兰州市",
            year: 2020,
            file: &file,
            conventions: Conventions::PUBLISHED,
        },
    );
    located.report_missing();
    let messages: String = located
        .diagnostics
        .iter()
        .map(|d| format!("{d}\n"))
        .collect();
    assert_eq!(located.bad_cells, 0, "{messages}");
    assert!(
        located.diagnostics.iter().all(|d| d.level != Level::Error),
        "{messages}"
    );
    let mut tidy = String::new();
    gongkai_report::write::tidy::write_as_read([&located.report], &mut tidy);
    let published =
        std::fs::read_to_string(fixtures().join("lanzhou-2020-published.csv")).unwrap_or_default();
    assert_eq!(published.lines().count(), 199);
    assert_eq!(tidy, published, "{messages}");
}

#[test]
fn lanzhou_tables_have_their_spans_expanded() {
    let flow = gongkai_docx::read(&lanzhou()).unwrap_or_else(|e| panic!("{e}"));
    let grids: Vec<&Grid> = flow.tables().collect();
    assert_eq!(grids.len(), 3);
    let row = |g: &Grid, n: usize| -> Vec<(String, u32, bool)> {
        g.rows()
            .nth(n)
            .map(|r| {
                r.cells()
                    .map(|c| (c.text.to_string(), c.column, c.first))
                    .collect()
            })
            .unwrap_or_default()
    };
    let s = |t: &str, c: u32, f: bool| (t.to_string(), c, f);
    // 二: the item heading over all four columns; a header cell broken over two lines.
    assert_eq!(grids[0].origin, Origin::Table(1));
    assert_eq!(
        row(grids[0], 0),
        [
            s("第二十条第(一)项", 0, true),
            s("第二十条第(一)项", 1, false),
            s("第二十条第(一)项", 2, false),
            s("第二十条第(一)项", 3, false)
        ]
    );
    assert_eq!(row(grids[0], 1)[1], s("本年新\n制作数量", 1, true));
    // The non-breaking spaces around a value are not its text.
    assert_eq!(row(grids[0], 2)[1], s("36", 1, true));
    // (八): the last value spans the column its header leaves.
    assert_eq!(
        row(grids[0], 14),
        [
            s("行政事业性收费", 0, true),
            s("88", 1, true),
            s("-18", 2, true),
            s("-18", 3, false)
        ]
    );
    // 三: the note over three columns and three rows, beside the header's three lines.
    let note = "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)";
    let r2 = row(grids[1], 2);
    assert_eq!(
        &r2[..3],
        [s(note, 0, true), s(note, 1, false), s(note, 2, false)]
    );
    // 自然人 over two rows, then the organisations under 法人或其他组织.
    assert_eq!(&r2[3..5], [s("自然人", 3, true), s("商业企业", 4, true)]);
    assert_eq!(r2[9], s("总计", 9, true));
    // 三、本年度办理结果 over twenty rows; (三)不予公开 over eight.
    let r7 = row(grids[1], 7);
    assert_eq!(
        &r7[..3],
        [
            s("三、本年度办理结果", 0, true),
            s("(三)不予公开", 1, true),
            s("1.属于国家秘密", 2, true)
        ]
    );
    let r14 = row(grids[1], 14);
    assert_eq!(
        &r14[..3],
        [
            s("三、本年度办理结果", 0, true),
            s("(三)不予公开", 1, true),
            s("8.属于行政查询事项", 2, true)
        ]
    );
    // A merged cell's slots share one text.
    let g = grids[1];
    let ids = |n: usize| {
        g.rows()
            .nth(n)
            .and_then(|r| r.cell(0))
            .map(|c| c.text_index)
    };
    assert_eq!(ids(5), ids(24));
    assert_ne!(ids(4), ids(5));
    assert_eq!(g.row_count(), 26);
    // 四: fifteen values on the last row.
    assert_eq!(row(grids[2], 3).len(), 15);
    assert_eq!(row(grids[2], 3)[14], s("14", 14, true));
}

/// Debug builds: the time one read of the Lanzhou document takes, printed for the record
/// (`cargo test -p gongkai-docx --test published -- --nocapture`).
#[test]
fn lanzhou_read_time() {
    let bytes = lanzhou();
    let runs = 20;
    let start = std::time::Instant::now();
    for _ in 0..runs {
        assert!(gongkai_docx::read(&bytes).is_ok());
    }
    let each = start.elapsed() / runs;
    println!(
        "lanzhou-2020.docx ({} bytes): {:.2} ms per read",
        bytes.len(),
        each.as_secs_f64() * 1e3
    );
}
