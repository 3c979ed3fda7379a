//! N1 on imported reports: a real report's text raises none in any format it is read in, and a
//! contradiction planted in its 一、总体情况 raises exactly that one, at its place, naming the
//! cell with both figures.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use gongkai_form::RuleId;
use gongkai_messages::{with_lang, Lang};
use gongkai_pages::{import_bytes, import_file, PageImport};
use gongkai_report::{Check, Finding, Place};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn read(name: &str) -> Vec<u8> {
    let path = fixtures().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn n1(imp: &PageImport) -> Vec<&Finding> {
    imp.findings
        .iter()
        .filter(|f| f.rule == Check::Rule(RuleId::N1))
        .collect()
}

/// Every report page, Word file, PDF and workbook of the fixtures: their text says nothing
/// their tables contradict.
#[test]
fn real_reports_raise_no_n1_in_any_format() {
    for name in [
        "reports/lanzhou-2020.txt",
        "reports/county-2022.html",
        "reports/district-2019-gbk.html",
        "reports/bureau-2021-wrong-totals.html",
        "published/lanzhou-2020.docx",
        "published/lanzhou-2020.pdf",
        "published/lanzhou-2020.xlsx",
    ] {
        let imp = import_file(&fixtures().join(name));
        assert!(imp.is_readable(), "{name}: {:?}", imp.diagnostics);
        assert!(n1(&imp).is_empty(), "{name}: {:#?}", n1(&imp));
    }
}

/// The one N1 of a page, in Chinese.
fn the_n1(bytes: &[u8], name: &str) -> Finding {
    let imp = with_lang(Lang::Zh, || import_bytes(bytes, Path::new(name)));
    let found = n1(&imp);
    assert_eq!(found.len(), 1, "{name}: {found:#?}");
    // The tables were read as before: nothing else is new.
    assert!(
        imp.findings.len() == 1 || name.contains("wrong-totals"),
        "{name}: {:#?}",
        imp.findings
    );
    found[0].clone()
}

/// Lanzhou's tables: 本年新收 343, 上年结转 14. The text says 355.
const LANZHOU_SAYS: &str = "表三“一、本年新收政府信息公开申请数量”行“总计”列为 343（二、上年结转政府信息公开申请数量 14，合计 357），相差 2。请核对正文或表格。";

#[test]
fn a_contradiction_planted_in_the_text_copy_is_caught_at_its_line() {
    let text = String::from_utf8(read("reports/lanzhou-2020.txt")).expect("UTF-8");
    let planted = text.replacen(
        "一、总体情况\n",
        "一、总体情况\n\n2020年,全市共受理政府信息公开申请355件。\n",
        1,
    );
    assert_ne!(planted, text);
    let line = planted
        .lines()
        .position(|l| l.contains("355件"))
        .expect("the planted line") as u32
        + 1;
    let f = the_n1(
        planted.as_bytes(),
        "兰州市2020年政府信息公开工作年度报告.txt",
    );
    assert_eq!(
        f.message,
        format!("总体情况称“2020年,全市共受理政府信息公开申请355件”，{LANZHOU_SAYS}")
    );
    assert_eq!(f.place, Place::Line { line, column: None });
    assert_eq!((f.unit.as_deref(), f.year), (Some("兰州市"), Some(2020)));
    assert_eq!(
        f.cells,
        ["requests.new_received.total", "requests.carried_over.total"]
    );
    // In English too.
    let imp = with_lang(Lang::En, || {
        import_bytes(planted.as_bytes(), Path::new("lanzhou.txt"))
    });
    let en = n1(&imp);
    assert_eq!(en.len(), 1);
    assert!(
        en[0].message.starts_with(
            "the section “总体情况” says “2020年,全市共受理政府信息公开申请355件”, but the requests table (三), row “new applications received”, column “total” has 343 (carried over from last year 14, together 357): a difference of 2."
        ),
        "{}",
        en[0].message
    );
}

#[test]
fn a_contradiction_planted_in_a_saved_page_is_caught() {
    let html = String::from_utf8(read("reports/county-2022.html")).expect("UTF-8");
    // The county's tables: 本年新收 52, 上年结转 4; 行政复议 总计 as the page has it.
    let planted = html.replacen(
        "2022年，示例县共主动公开政府信息1520条。",
        "2022年，示例县共主动公开政府信息1520条，共收到政府信息公开申请50件。",
        1,
    );
    assert_ne!(planted, html);
    let f = the_n1(planted.as_bytes(), "county-2022.html");
    assert!(
        f.message.starts_with(
            "总体情况称“2022年，示例县共主动公开政府信息1520条，共收到政府信息公开申请50件”，表三“一、本年新收政府信息公开申请数量”行“总计”列为 52（二、上年结转政府信息公开申请数量 4，合计 56），相差 2。"
        ),
        "{}",
        f.message
    );
    assert_eq!(f.place, Place::File);
    // The same sentence with the figure the table has: silent.
    let right = html.replacen(
        "2022年，示例县共主动公开政府信息1520条。",
        "2022年，示例县共主动公开政府信息1520条，共收到政府信息公开申请52件。",
        1,
    );
    let imp = import_bytes(right.as_bytes(), Path::new("county-2022.html"));
    assert!(n1(&imp).is_empty(), "{:#?}", n1(&imp));
}

/// `bytes`, a zip package, with `part` changed by `edit`.
fn with_part(bytes: &[u8], part: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut changed = false;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("an entry");
        let name = entry.name().expect("a name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read");
        if name == part {
            let text = String::from_utf8(data).expect("XML in UTF-8");
            let edited = edit(&text);
            changed = edited != text;
            data = edited.into_bytes();
        }
        out.start_file(name, options).expect("start");
        out.write_all(&data).expect("write");
    }
    assert!(changed, "{part} unchanged");
    out.finish().expect("finish").into_inner()
}

/// The Word and workbook copies of the Lanzhou report, with 主动公开政府信息2415条 of its first
/// paragraph made 共收到政府信息公开申请355件: in a Word paragraph, in a sheet's cell.
#[test]
fn a_contradiction_planted_in_word_and_in_a_workbook_is_caught() {
    let plant = |xml: &str| {
        let from = xml
            .find("兰州市通过兰州市人民政府网主动公开政府信息")
            .expect("the sentence");
        let (head, tail) = xml.split_at(from);
        let tail = tail
            .replacen("主动公开政府信息", "共收到政府信息公开申请", 1)
            .replacen(">2415<", ">355<", 1)
            .replacen(">条<", ">件<", 1);
        format!("{head}{tail}")
    };
    let docx = with_part(
        &read("published/lanzhou-2020.docx"),
        "word/document.xml",
        plant,
    );
    let f = the_n1(&docx, "兰州市2020年政府信息公开工作年度报告.docx");
    assert!(
        f.message.starts_with(
            "总体情况称“2020年,兰州市通过兰州市人民政府网共收到政府信息公开申请355件,指导全市公开信息"
        ),
        "{}",
        f.message
    );
    assert!(f.message.ends_with(LANZHOU_SAYS), "{}", f.message);
    let xlsx = with_part(
        &read("published/lanzhou-2020.xlsx"),
        "xl/sharedStrings.xml",
        plant,
    );
    let f = the_n1(&xlsx, "兰州市2020年政府信息公开工作年度报告.xlsx");
    assert!(f.message.ends_with(LANZHOU_SAYS), "{}", f.message);
    assert!(
        matches!(f.place, Place::Sheet { .. }),
        "a sheet's cell: {:?}",
        f.place
    );
}
