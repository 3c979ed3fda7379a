//! `gongkai import-report`: published report pages (saved HTML in any charset, copied text) into
//! the tidy CSV, each page checked; the output feeds `validate` and `consolidate` unchanged.

use std::path::Path;

use super::{fixture, gongkai, gongkai_zh, tempdir, write};

fn run(args: &[&str]) -> (String, String, i32) {
    let out = gongkai()
        .arg("import-report")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// The headline: the Lanzhou reference page, as copied text, gives all 198 published values.
#[test]
fn lanzhou_2020_text_copy_gives_the_published_values() {
    let (out, err, code) = run(&["tests/fixtures/reports/lanzhou-2020.txt"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, fixture("lanzhou-2020-published.csv"), "{err}");
    assert!(
        err.contains("complete    tests/fixtures/reports/lanzhou-2020.txt: 兰州市 2020 (form 2019): 198/198 values"),
        "{err}"
    );
    assert!(
        err.contains("1 page(s): 1 complete, 0 partial, 0 unreadable; 0 rule error(s)"),
        "{err}"
    );
}

/// A 2021-form county page: one big 二 table with colspans, 三 with a three-line header and
/// rowspan label columns, 四 with its header over three lines; an old label, a row the form
/// does not have, blank cells, money with its unit.
#[test]
fn county_2022_html_of_the_2021_form() {
    let (out, err, code) = run(&["tests/fixtures/reports/county-2022.html"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, fixture("reports/county-2022.expected.csv"), "{err}");
    assert!(out.contains("2022,示例县,active,fees,amount,25.1\n"));
    assert!(
        out.contains("2022,示例县,active,coercion,decisions,\n"),
        "blank stays blank"
    );
    assert!(
        err.contains("row not in form 2021 (table active): \"行政确认\"; its 1 value(s) are not read: found \"15\""),
        "{err}"
    );
    assert!(err.contains("old label 规范性文件"), "{err}");
    assert!(err.contains("200/200 values, 9 blank"), "{err}");
}

/// A GBK page declaring gb2312 in http-equiv, 二 as five small tables with the item heading in a
/// merged first column, a `<br>`-split header, `+2`, `1.5亿` and a blank total.
#[test]
fn gbk_page_with_small_tables_and_a_blank_total() {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/reports/district-2019-gbk.html"),
    )
    .unwrap_or_default();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture is GBK, not UTF-8"
    );
    let (out, err, code) = run(&["tests/fixtures/reports/district-2019-gbk.html"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        fixture("reports/district-2019-gbk.expected.csv"),
        "{err}"
    );
    assert!(out.contains("2019,示例区,active,procurement,amount,15000\n"));
    assert!(out.contains("2019,示例区,active,licensing,change,2\n"));
    assert!(
        err.contains("blank total requests.new_received.total derived from its parts (R3): 19"),
        "{err}"
    );
}

/// A report whose totals do not add up: every broken rule is reported with the cell, exit 1,
/// and the values are still written as published.
#[test]
fn arithmetic_errors_in_a_published_report_are_caught() {
    let (out, err, code) = run(&["tests/fixtures/reports/bureau-2021-wrong-totals.html"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        fixture("reports/bureau-2021-wrong-totals.expected.csv")
    );
    for needle in [
        "示例市交通运输局 2021 error: the requests table (三), column “natural persons”: the total \
         row has 7, the results add up to 6 (granted 3 + unable: information not held 2 + other: \
         other 1), a difference of 1. Check the column's results or its total. [R2]",
        "示例市交通运输局 2021 error: the requests table (三), column “natural persons”: new \
         applications 6 plus carried over 0 make 6",
        "示例市交通运输局 2021 error: the reconsideration and litigation table (四), row \
         “administrative reconsideration”: the total column has 2, the outcomes add up to 1 \
         (upheld 1), a difference of 1.",
        "5 rule error(s) in 1 report(s)",
    ] {
        assert!(err.contains(needle), "missing {needle} in\n{err}");
    }
}

/// A folder of pages in one run: one tidy CSV, a summary line per page, and the output read
/// back by `validate` (blank cells stay blank) and `consolidate`.
#[test]
fn a_folder_of_pages_feeds_validate_and_consolidate() {
    let dir = tempdir();
    let pages = dir.path().join("pages");
    for name in [
        "lanzhou-2020.txt",
        "county-2022.html",
        "district-2019-gbk.html",
    ] {
        let bytes = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/fixtures/reports")
                .join(name),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        write(&pages.join(name), &bytes);
    }
    write(&pages.join("notes.md"), b"not a page");
    write(
        &pages.join("empty.htm"),
        "<html><head><meta charset=\"utf-8\"><title>某县2022年政府信息公开工作年度报告</title></head><body><p>页面不存在</p></body></html>".as_bytes(),
    );
    let out_file = dir.path().join("tidy/all.csv");
    write(&out_file, b"");
    let pages_arg = pages.display().to_string();
    let out_arg = out_file.display().to_string();
    let (stdout, err, code) = run(&[&pages_arg, "--out", &out_arg]);
    assert_eq!(code, 2, "an unreadable page: {err}");
    assert!(stdout.is_empty());
    assert!(err.contains("unreadable  "), "{err}");
    assert!(
        err.contains("empty.htm: 某县 2022: no table of the form found"),
        "{err}"
    );
    assert!(
        err.contains("4 page(s): 3 complete, 0 partial, 1 unreadable"),
        "{err}"
    );
    let tidy = std::fs::read_to_string(&out_file).unwrap_or_default();
    assert_eq!(tidy.lines().count(), 1 + 200 + 198 + 198);
    // A CSV file gets the byte-order mark Excel needs to read it as UTF-8.
    assert!(tidy.starts_with("\u{feff}year,unit,section,row,column,value\n"));

    let validated = gongkai()
        .args(["validate", &dir.path().join("tidy").display().to_string()])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let verr = String::from_utf8_lossy(&validated.stderr);
    assert_eq!(validated.status.code(), Some(0), "{verr}");
    assert!(
        verr.contains("values: 596 read = 596 used + 0 rejected; 9 blank cell(s)"),
        "{verr}"
    );

    // Lanzhou alone, consolidated from its imported page, is the published report.
    let one = dir.path().join("one");
    let one_file = one.join("lanzhou.csv");
    write(&one_file, b"");
    let (_, err, code) = run(&[
        "tests/fixtures/reports/lanzhou-2020.txt",
        "--out",
        &one_file.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    let total = gongkai()
        .args([
            "consolidate",
            &one.display().to_string(),
            "--name",
            "兰州市",
            "--format",
            "csv",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        String::from_utf8_lossy(&total.stdout),
        fixture("lanzhou-2020-published.csv")
    );
}

/// Text copies: tab-separated as a browser copies a table, with a blank cell and a blank total.
#[test]
fn tab_separated_copy_of_a_2021_report() {
    let dir = tempdir();
    let file = dir.path().join("copy.txt");
    let mut text = String::from("示例镇2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n");
    text.push_str("第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n");
    text.push_str("规章\t0\t0\t0\n行政规范性文件\t2\t\t7\n");
    text.push_str("第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t5\n");
    text.push_str("第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t3\n行政强制\t0\n");
    text.push_str("第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0\n");
    text.push_str("三、收到和处理政府信息公开申请情况\n");
    text.push_str(
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n",
    );
    text.push_str(
        "自然人\t法人或其他组织\t总计\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n",
    );
    let rows: &[(&str, [u32; 6])] = &[
        ("一、本年新收政府信息公开申请数量", [3, 1, 0, 0, 0, 0]),
        ("二、上年结转政府信息公开申请数量", [0; 6]),
        ("三、本年度办理结果\t（一）予以公开", [2, 1, 0, 0, 0, 0]),
        (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            [0; 6],
        ),
        ("（三）不予公开\t1.属于国家秘密", [0; 6]),
        ("2.其他法律行政法规禁止公开", [0; 6]),
        ("3.危及“三安全一稳定”", [0; 6]),
        ("4.保护第三方合法权益", [0; 6]),
        ("5.属于三类内部事务信息", [0; 6]),
        ("6.属于四类过程性信息", [0; 6]),
        ("7.属于行政执法案卷", [0; 6]),
        ("8.属于行政查询事项", [0; 6]),
        (
            "（四）无法提供\t1.本机关不掌握相关政府信息",
            [1, 0, 0, 0, 0, 0],
        ),
        ("2.没有现成信息需要另行制作", [0; 6]),
        ("3.补正后申请内容仍不明确", [0; 6]),
        ("（五）不予处理\t1.信访举报投诉类申请", [0; 6]),
        ("2.重复申请", [0; 6]),
        ("3.要求提供公开出版物", [0; 6]),
        ("4.无正当理由大量反复申请", [0; 6]),
        ("5.要求行政机关确认或重新出具已获取信息", [0; 6]),
        (
            "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            [0; 6],
        ),
        (
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            [0; 6],
        ),
        ("3.其他", [0; 6]),
        ("（七）总计", [3, 1, 0, 0, 0, 0]),
        ("四、结转下年度继续办理", [0; 6]),
    ];
    for (label, v) in rows {
        let total: u32 = v.iter().sum();
        // The total of 总计 is left blank, as some reports print it.
        let total = if label.contains("总计") {
            String::new()
        } else {
            total.to_string()
        };
        let cells: Vec<String> = v.iter().map(u32::to_string).collect();
        text.push_str(&format!("{label}\t{}\t{total}\n", cells.join("\t")));
    }
    text.push_str("四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n");
    text.push_str("结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n");
    text.push_str("结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n");
    text.push_str("0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n");
    write(&file, text.as_bytes());
    let (out, err, code) = run(&[&file.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 201, "{err}");
    assert!(
        out.contains("2023,示例镇,active,normative_documents,abolished,\n"),
        "{out}"
    );
    assert!(
        out.contains("2023,示例镇,requests,total,total,4\n"),
        "{out}"
    );
    assert!(
        err.contains("blank total requests.total.total derived from its parts"),
        "{err}"
    );
}

#[test]
fn json_and_table_outputs_and_unreadable_input() {
    let (json, err, code) = run(&[
        "tests/fixtures/reports/county-2022.html",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let parsed: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(parsed.as_array().map_or(0, Vec::len), 200);
    assert!(json.contains(r#""row": "coercion", "column": "decisions", "value": null}"#));
    let (table, _, code) = run(&[
        "tests/fixtures/reports/county-2022.html",
        "--format",
        "table",
    ]);
    assert_eq!(code, 0);
    assert!(table.contains("示例县 2022年"), "{table}");
    assert!(table.contains("12345"), "{table}");
    let (_, err, code) = run(&["tests/fixtures/reports/no-such-page.html"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no such file or folder"), "{err}");
}

/// The published Lanzhou 2020 report in the shapes a user brings (issue 19): a portal page
/// titled year first, the article's body alone as an API returns it, a page saved without a
/// title, markdown from a PDF converter, a scan's recognised text. Each gives every published
/// value; what was told from the file name or read from letters is said.
#[test]
fn lanzhou_2020_as_fragment_markdown_ocr_and_untitled_page() {
    for (name, notes) in [
        ("lanzhou-2020-portal.html", &[][..]),
        ("lanzhou-2020-fragment.html", &[][..]),
        (
            "兰州市2020.html",
            &["warning: no report title (……2020年政府信息公开工作年度报告) found; unit and year taken from the file name"][..],
        ),
        ("lanzhou-2020.md", &[][..]),
        (
            "lanzhou-2020-ocr.txt",
            &[
                "lanzhou-2020-ocr.txt:36: warning: \"l4\" read as the number 14",
                "lanzhou-2020-ocr.txt:66: warning: \"O\" read as the number 0",
            ][..],
        ),
    ] {
        let path = format!("tests/fixtures/reports/{name}");
        let (out, err, code) = run(&[&path]);
        assert_eq!(code, 0, "{name}: {err}");
        assert_eq!(out, fixture("lanzhou-2020-published.csv"), "{name}: {err}");
        assert!(
            err.contains(&format!("complete    {path}: 兰州市 2020 (form 2019): 198/198 values")),
            "{name}: {err}"
        );
        for note in notes {
            assert!(err.contains(note), "{name}: {note} not in\n{err}");
        }
        if notes.is_empty() {
            assert!(!err.contains("warning"), "{name}: {err}");
        }
    }
    // The county page without its title, a related link naming its 2021 report: 2022, as the
    // file is named.
    let (out, err, code) = run(&["tests/fixtures/reports/示例县2022.html"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, fixture("reports/county-2022.expected.csv"), "{err}");
}

/// A report whose text says a figure its tables do not hold: an N1 warning on standard error
/// that quotes the sentence and names the cell with both figures, at the sentence's line; the
/// values are written as the tables have them and the exit code stays 0 (a warning).
#[test]
fn text_contradicting_the_tables_is_a_warning() {
    let dir = tempdir();
    let page = dir.path().join("兰州市2020年政府信息公开工作年度报告.txt");
    let planted = fixture("reports/lanzhou-2020.txt").replacen(
        "一、总体情况\n",
        "一、总体情况\n\n2020年,全市共受理政府信息公开申请355件。\n",
        1,
    );
    write(&page, planted.as_bytes());
    let path = page.to_string_lossy().into_owned();
    let (out, err, code) = run(&[&path]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, fixture("lanzhou-2020-published.csv"), "{err}");
    let expected = format!(
        "{path}:8: 兰州市 2020 warning: the section “总体情况” says “2020年,全市共受理政府信息公开申请355件”, \
         but the requests table (三), row “new applications received”, column “total” has 343 \
         (carried over from last year 14, together 357): a difference of 2. Check the text or the \
         table. [N1]"
    );
    assert!(err.contains(&expected), "missing {expected} in\n{err}");
    assert_eq!(err.matches("[N1]").count(), 1, "{err}");
    // In Chinese, as a user with a Chinese locale reads it.
    let zh = gongkai_zh()
        .args(["import-report", &path])
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    let zh = String::from_utf8_lossy(&zh.stderr);
    assert!(
        zh.contains(
            "兰州市 2020年 提示：总体情况称“2020年,全市共受理政府信息公开申请355件”，表三“一、本年新收政府信息公开申请数量”行“总计”列为 343（二、上年结转政府信息公开申请数量 14，合计 357），相差 2。请核对正文或表格。 [N1]"
        ),
        "{zh}"
    );
}

/// A folder of saved reports: the files of no report's format beside them (a saved page's image
/// and style, notes in Markdown) are left, counted in one warning that names the first, and the
/// exit code stays 0.
#[test]
fn a_folder_of_reports_names_the_files_it_leaves() {
    let tmp = tempdir();
    let dir = tmp.path().join("saved");
    let page = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/reports/lanzhou-2020.txt"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    write(&dir.join("兰州市2020.txt"), &page);
    write(&dir.join("notes.md"), b"# where these came from");
    write(&dir.join("page_files/logo.png"), b"\x89PNG");
    write(&dir.join("page_files/site.css"), b"body {}");
    let (out, err, code) = run(&[dir.to_str().unwrap_or_default()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, fixture("lanzhou-2020-published.csv"), "{err}");
    assert!(
        err.contains("not read, in no format a report is published in: 3 file(s) in this folder")
            && err.contains("notes.md"),
        "{err}"
    );
}
