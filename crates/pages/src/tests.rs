//! Pages end to end: text copies and HTML layouts of both forms into reports.

use std::path::{Path, PathBuf};

use gongkai_form::{FormVersion, Level, RuleId, Section};

use super::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn tidy(imp: &PageImport) -> String {
    let mut out = String::new();
    gongkai_report::write::tidy::write_as_read(imp.report.iter(), &mut out);
    out
}

fn value(imp: &PageImport, section: Section, row: &str, column: &str) -> Option<i64> {
    let r = imp.report.as_ref()?;
    let cell = r.form.catalogue().find(section, row, column)?;
    (r.present(cell.index) && !r.blank[cell.index]).then(|| r.values[cell.index])
}

fn messages(imp: &PageImport) -> String {
    imp.diagnostics
        .iter()
        .map(|d| format!("{d}\n"))
        .chain(imp.findings.iter().map(|f| format!("{f}\n")))
        .collect()
}

#[test]
fn kinds_of_cells() {
    for t in [
        "36", " 1,705 ", "27.88亿", "-271", "+2", "3件", "４０", "0  ",
    ] {
        assert_eq!(kind_of(t), Kind::Value, "{t}");
    }
    for t in ["", " ", "\u{a0}", "-", "—", "/"] {
        assert_eq!(kind_of(t), Kind::Blank, "{t:?}");
    }
    for t in [
        "1.属于国家秘密",
        "3.其他",
        "１．属于国家秘密",
        "2、重复申请",
        "规章",
        "第二十条第（一）项",
        "2020年,兰州市通过兰州市人民政府网主动公开政府信息2415条",
        "本年新\n制作数量",
        "3其他",
        "2020年",
    ] {
        assert_eq!(kind_of(t), Kind::Text, "{t}");
    }
}

#[test]
fn lanzhou_2020_text_copy_gives_all_198_published_values() {
    let path = fixtures().join("reports/lanzhou-2020.txt");
    let imp = import_file(&path);
    let published =
        std::fs::read_to_string(fixtures().join("lanzhou-2020-published.csv")).unwrap_or_default();
    assert_eq!(tidy(&imp), published, "{}", messages(&imp));
    assert_eq!(imp.kind, Some(PageKind::Text));
    assert_eq!((imp.found(), imp.expected()), (198, 198));
    assert!(imp.findings.is_empty(), "{}", messages(&imp));
    assert!(!imp.has_errors());
    assert!(
        imp.diagnostics.iter().all(|d| d.level == Level::Warning),
        "{}",
        messages(&imp)
    );
    assert!(imp.summary().starts_with("complete"), "{}", imp.summary());
}

/// The GBK page as a portal serves it: no `<meta>` charset (it is in the header instead), read
/// in the header's charset without a note; named by its address, whose last part is no help.
#[test]
fn a_served_page_takes_the_header_charset_and_is_named_by_its_address() {
    let bytes =
        std::fs::read(fixtures().join("reports/district-2019-gbk.html")).unwrap_or_default();
    let meta = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">";
    let at = bytes
        .windows(meta.len())
        .position(|w| w == meta)
        .unwrap_or_else(|| panic!("the fixture declares gb2312"));
    let bare = [&bytes[..at], &bytes[at + meta.len()..]].concat();
    assert_eq!(gongkai_html::declared_charset(&bare), None);
    let expected =
        std::fs::read_to_string(fixtures().join("reports/district-2019-gbk.expected.csv"))
            .unwrap_or_default();
    let address = Path::new("http://www.example.gov.cn/zwgk/content.jsp?id=77");
    let imp = import_served(&bare, address, Some(encoding_rs::GBK));
    assert_eq!(tidy(&imp), expected, "{}", messages(&imp));
    assert_eq!(imp.encoding, Some("GBK"));
    assert!(!messages(&imp).contains("charset"), "{}", messages(&imp));
    assert!(
        imp.summary().starts_with(
            "complete    http://www.example.gov.cn/zwgk/content.jsp?id=77: 示例区 2019"
        ),
        "{}",
        imp.summary()
    );
    // Without the header: the same values, and a note that no charset was declared.
    let unserved = import_served(&bare, address, None);
    assert_eq!(tidy(&unserved), expected);
    assert!(
        messages(&unserved).contains("no charset declared"),
        "{}",
        messages(&unserved)
    );
    // A text copy served as GBK.
    let text =
        std::fs::read_to_string(fixtures().join("reports/lanzhou-2020.txt")).unwrap_or_default();
    // GBK has no no-break space: a GBK copy has plain spaces there.
    let text = text.replace('\u{a0}', " ");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let imp = import_served(
        &gbk,
        Path::new("https://x.gov.cn/nb.txt"),
        Some(encoding_rs::GBK),
    );
    assert_eq!(imp.encoding, Some("GBK"));
    assert_eq!(imp.found(), 198, "{}", messages(&imp));
}

/// The same report as an office suite saves it (LibreOffice: Word, PDF, Excel; made by
/// `tests/fixtures/published/make*.py`): value for value the published figures, no rule broken.
#[test]
fn lanzhou_2020_as_word_pdf_and_workbook_gives_all_198_published_values() {
    let published =
        std::fs::read_to_string(fixtures().join("lanzhou-2020-published.csv")).unwrap_or_default();
    for (name, kind) in [
        ("lanzhou-2020.docx", PageKind::Word),
        ("lanzhou-2020.pdf", PageKind::Pdf),
        ("lanzhou-2020.xlsx", PageKind::Workbook),
    ] {
        let imp = import_file(&fixtures().join("published").join(name));
        assert_eq!(imp.kind, Some(kind), "{name}");
        assert_eq!(tidy(&imp), published, "{name}: {}", messages(&imp));
        assert_eq!((imp.found(), imp.expected()), (198, 198), "{name}");
        assert!(imp.findings.is_empty(), "{name}: {}", messages(&imp));
        assert!(imp.summary().starts_with("complete"), "{}", imp.summary());
    }
    // A scan and a PDF locked by a password say what they are.
    let scan = import_file(&fixtures().join("published/scanned-2-pages.pdf"));
    assert!(
        scan.summary()
            .contains("a scanned PDF: 2 page(s), no text layer"),
        "{}",
        scan.summary()
    );
    let locked = import_file(&fixtures().join("published/encrypted-password.pdf"));
    assert!(
        locked.summary().contains("password"),
        "{}",
        locked.summary()
    );
}

#[test]
fn lanzhou_tables_only_tab_separated() {
    // The same tables as a browser copies them: tabs, merged label cells left empty.
    let text = "兰州市2020年政府信息公开工作年度报告\n\
二、主动公开政府信息情况\n\
第二十条第（一）项\n\
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n\
规章\t36\t3\t50\n\
规范性文件\t1705\t864\t3117\n\
第二十条第（五）项\n\
信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n\
行政许可\t1634\t1670\t1432816\n\
其他对外管理服务事项\t2708\t-271\t197708\n\
第二十条第（六）项\n\
信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n\
行政处罚\t6614\t2666\t2543676\n\
行政强制\t266\t150\t284127\n\
第二十条第（八）项\n\
信息内容\t上一年项目数量\t本年增/减\n\
行政事业性收费\t88\t-18\n\
第二十条第（九）项\n\
信息内容\t采购项目数量\t采购总金额\n\
政府集中采购\t6447\t27.88亿\n";
    let imp = import_bytes(text.as_bytes(), Path::new("x.txt"));
    assert_eq!(imp.kind, Some(PageKind::Tabbed));
    assert_eq!(
        value(&imp, Section::Active, "procurement", "amount"),
        Some(278_800_000_000)
    );
    assert_eq!(
        value(&imp, Section::Active, "other_services", "change"),
        Some(-271)
    );
    let r = imp
        .report
        .as_ref()
        .map(|r| (r.unit.clone(), r.year, r.form));
    assert_eq!(r, Some(("兰州市".to_string(), 2020, FormVersion::F2019)));
    assert_eq!(imp.found(), 22);
    assert!(imp.summary().starts_with("partial"), "{}", imp.summary());
    assert!(
        imp.summary().contains("table requests not found"),
        "{}",
        imp.summary()
    );
}

// ------------------------------------------------------------------ pages built from the catalogue

/// How a generated page lays out its tables.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// 二 as one big table (else a small table per item).
    one_active_table: bool,
    /// The item heading in a merged first column (else a row of its own).
    item_column: bool,
    /// 三's row labels over three merged columns (else one cell with the whole label).
    label_columns: bool,
    /// 四 as three labelled rows of five (else one line of 15 under a three-line header).
    appeals_rows: bool,
    /// 三's header: 0 the template's (a note cell over three lines beside 申请人情况), 1 two
    /// lines (no 申请人情况), 2 申请人情况 over every column, the label columns included.
    request_header: u8,
    /// 三 with a column the form does not have: 小计 of the five organisation columns.
    subtotal: bool,
}

const OFFICIAL: Layout = Layout {
    one_active_table: true,
    item_column: false,
    label_columns: true,
    appeals_rows: false,
    request_header: 0,
    subtotal: false,
};

/// A distinct value for every cell (money with a fraction, signed changes negative now and then).
fn sample_values(form: FormVersion) -> Vec<i64> {
    let cat = form.catalogue();
    cat.cells
        .iter()
        .map(|c| {
            let base = (c.index as i64 * 37 + 11) % 97;
            match c.kind() {
                gongkai_form::ValueKind::Money => base * 1_500_000,
                gongkai_form::ValueKind::SignedCount if c.index % 2 == 0 => -base,
                _ => base,
            }
        })
        .collect()
}

fn shown(form: FormVersion, values: &[i64], index: usize) -> String {
    gongkai_form::format_value(values[index], form.catalogue().cells[index].kind())
}

fn html_page(form: FormVersion, year: i32, values: &[i64], layout: Layout) -> String {
    let cat = form.catalogue();
    let td = |s: &str| format!("<td><p><span>{s}</span></p></td>");
    let mut h = format!(
        "<html><head><meta charset=\"utf-8\"><title>测试局{year}年政府信息公开工作年度报告_测试网</title></head><body>\
         <div class=\"nav\">首页 政务公开</div><h2>测试局{year}年政府信息公开工作年度报告</h2>\
         <p>一、总体情况</p><p>（一）主动公开政府信息情况</p><p>本年公开信息120条。</p>\
         <p>二、主动公开政府信息情况</p>"
    );
    let width = cat
        .blocks
        .iter()
        .filter(|b| b.section == Section::Active)
        .map(|b| b.columns.len())
        .max()
        .unwrap_or(3);
    if layout.one_active_table {
        h.push_str("<table border=1>");
    }
    for (b, block) in cat.blocks.iter().enumerate() {
        if block.section != Section::Active {
            continue;
        }
        if !layout.one_active_table {
            h.push_str("<table border=1>");
        }
        let heading = block.heading.unwrap_or("");
        let span = width + 1 - block.columns.len();
        if layout.item_column {
            h.push_str(&format!(
                "<tr><td rowspan=\"{}\">{heading}</td><td>信息内容</td>",
                block.rows.len() + 1
            ));
        } else {
            h.push_str(&format!(
                "<tr><td colspan=\"{}\">{heading}</td></tr><tr><td>信息内容</td>",
                width + 1
            ));
        }
        for (c, col) in block.columns.iter().enumerate() {
            let label = col.label.replacen("数量", "<br>数量", 1);
            let colspan = if c + 1 == block.columns.len() {
                span
            } else {
                1
            };
            h.push_str(&format!("<td colspan=\"{colspan}\">{label}</td>"));
        }
        h.push_str("</tr>");
        for (r, row) in block.rows.iter().enumerate() {
            h.push_str(&format!("<tr>{}", td(row.path[0])));
            for c in 0..block.columns.len() {
                let colspan = if c + 1 == block.columns.len() {
                    span
                } else {
                    1
                };
                let v = shown(form, values, cat.cell_index(b, r, c));
                h.push_str(&format!(
                    "<td colspan=\"{colspan}\"><span style=\"font-size:12px\"><font>{v}</font></span></td>"
                ));
            }
            h.push_str("</tr>");
        }
        if !layout.one_active_table {
            h.push_str("</table>");
        }
    }
    if layout.one_active_table {
        h.push_str("</table>");
    }
    // 三
    h.push_str("<p>三、收到和处理政府信息公开申请情况</p><table border=1>");
    let req = cat.block_of(Section::Requests);
    let rb = cat
        .blocks
        .iter()
        .position(|b| b.section == Section::Requests)
        .unwrap_or(0);
    let label_cols = if layout.label_columns { 3 } else { 1 };
    let corner = format!("<td colspan=\"{label_cols}\" rowspan=\"2\"></td>");
    match layout.request_header {
        0 => h.push_str(&format!(
            "<tr><td colspan=\"{label_cols}\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=\"7\">申请人情况</td></tr>\
             <tr>"
        )),
        1 => h.push_str(&format!("<tr>{corner}")),
        _ => h.push_str(&format!(
            "<tr><td colspan=\"{}\">申请人情况</td></tr><tr>{corner}",
            label_cols + 7
        )),
    }
    let orgs = if layout.subtotal { 6 } else { 5 };
    h.push_str(&format!(
        "<td rowspan=\"2\">自然人</td><td colspan=\"{orgs}\">法人或其他组织</td><td rowspan=\"2\">总计</td></tr><tr>",
    ));
    for col in &req.columns[1..6] {
        h.push_str(&td(col.label));
    }
    if layout.subtotal {
        h.push_str(&td("小计"));
    }
    h.push_str("</tr>");
    let mut previous: &[&str] = &[];
    for (r, row) in req.rows.iter().enumerate() {
        h.push_str("<tr>");
        if layout.label_columns {
            let depth = row.path.len();
            for d in 0..depth {
                let shared = previous.len() > d && previous[..=d] == row.path[..=d];
                if shared {
                    continue;
                }
                // How many rows below share this part of the path.
                let rowspan = req.rows[r..]
                    .iter()
                    .take_while(|x| x.path.len() > d && x.path[..=d] == row.path[..=d])
                    .count();
                let colspan = if d + 1 == depth { 3 - d } else { 1 };
                h.push_str(&format!(
                    "<td rowspan=\"{rowspan}\" colspan=\"{colspan}\">{}</td>",
                    row.path[d]
                ));
            }
        } else {
            h.push_str(&td(&row.path.join("")));
        }
        previous = row.path;
        for c in 0..7 {
            if c == 6 && layout.subtotal {
                let sub: i64 = (1..6).map(|k| values[cat.cell_index(rb, r, k)]).sum();
                h.push_str(&td(&sub.to_string()));
            }
            h.push_str(&td(&shown(form, values, cat.cell_index(rb, r, c))));
        }
        h.push_str("</tr>");
    }
    h.push_str("</table>");
    // 四
    h.push_str("<p>四、政府信息公开行政复议、行政诉讼情况</p><table border=1>");
    let app = cat.block_of(Section::Appeals);
    let ab = cat
        .blocks
        .iter()
        .position(|b| b.section == Section::Appeals)
        .unwrap_or(0);
    if layout.appeals_rows {
        h.push_str("<tr><td colspan=2></td>");
        for col in app.columns {
            h.push_str(&td(col.label));
        }
        h.push_str("</tr>");
        for (r, row) in app.rows.iter().enumerate() {
            if row.path.len() == 1 {
                h.push_str(&format!("<tr><td colspan=2>{}</td>", row.path[0]));
            } else if r == 1 {
                h.push_str(&format!(
                    "<tr><td rowspan=2>{}</td><td>{}</td>",
                    row.path[0], row.path[1]
                ));
            } else {
                h.push_str(&format!("<tr><td>{}</td>", row.path[1]));
            }
            for c in 0..5 {
                h.push_str(&td(&shown(form, values, cat.cell_index(ab, r, c))));
            }
            h.push_str("</tr>");
        }
    } else {
        h.push_str("<tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr><tr>");
        for col in app.columns {
            h.push_str(&format!("<td rowspan=2>{}</td>", col.label));
        }
        h.push_str("<td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr><tr>");
        for _ in 0..2 {
            for col in app.columns {
                h.push_str(&td(col.label));
            }
        }
        h.push_str("</tr><tr>");
        for i in 0..15 {
            h.push_str(&td(&shown(form, values, cat.cell_index(ab, i / 5, i % 5))));
        }
        h.push_str("</tr>");
    }
    h.push_str("</table><p>五、存在的主要问题及改进情况</p><p>2024年将培训3次。</p></body></html>");
    h
}

fn assert_all_read(imp: &PageImport, values: &[i64]) {
    let r = imp
        .report
        .as_ref()
        .unwrap_or_else(|| panic!("unreadable: {}", messages(imp)));
    assert_eq!(imp.found(), imp.expected(), "{}", messages(imp));
    let cat = r.form.catalogue();
    for cell in &cat.cells {
        assert_eq!(
            r.values[cell.index],
            values[cell.index],
            "{} in\n{}",
            cell.code(),
            messages(imp)
        );
    }
    assert_eq!(imp.bad_cells, 0, "{}", messages(imp));
}

#[test]
fn generated_layouts_of_both_forms_read_every_cell() {
    let layouts = [
        OFFICIAL,
        Layout {
            one_active_table: false,
            item_column: true,
            label_columns: false,
            appeals_rows: true,
            request_header: 1,
            subtotal: true,
        },
        Layout {
            one_active_table: true,
            item_column: true,
            label_columns: true,
            appeals_rows: false,
            request_header: 2,
            subtotal: false,
        },
        Layout {
            one_active_table: false,
            item_column: false,
            label_columns: true,
            appeals_rows: true,
            request_header: 2,
            subtotal: false,
        },
    ];
    for (form, year) in [(FormVersion::F2019, 2020), (FormVersion::F2021, 2023)] {
        let values = sample_values(form);
        for layout in layouts {
            let page = html_page(form, year, &values, layout);
            let imp = import_bytes(page.as_bytes(), Path::new("p.html"));
            assert_all_read(&imp, &values);
            if layout.subtotal {
                // Read by the header's columns: the subtotal is outside them.
                let m = messages(&imp);
                assert!(
                    m.contains("1 value(s) outside the columns of row new_received; not read"),
                    "{m}"
                );
                assert_eq!(m.matches("outside the columns").count(), 1, "{m}");
            }
            let r = imp.report.as_ref().map(|r| (r.unit.as_str(), r.year));
            assert_eq!(r, Some(("测试局", year)), "{layout:?}");
        }
    }
}

/// The text a page gives when copied: every cell on its own line, blank lines between.
fn text_copy(html: &str) -> String {
    let page = gongkai_html::extract(html);
    let mut out = String::new();
    for item in page.blocks {
        match item {
            gongkai_document::Block::Lines(lines) => {
                for l in lines {
                    out.push_str(&l);
                    out.push_str("\n\n");
                }
            }
            gongkai_document::Block::Table(grid) => {
                // Merged cells once, where they start: a cell the row above has in the same
                // column is its rowspan.
                let mut above: Vec<(u32, String)> = Vec::new();
                for row in grid.rows() {
                    for c in row.cells().filter(|c| c.first) {
                        if kind_of(c.text) == Kind::Text
                            && above.contains(&(c.column, c.text.to_string()))
                        {
                            continue;
                        }
                        out.push_str(if c.text.is_empty() { "\u{a0}" } else { c.text });
                        out.push_str("\n\n");
                    }
                    above = row
                        .cells()
                        .map(|c| (c.column, c.text.to_string()))
                        .collect();
                }
            }
        }
    }
    out
}

#[test]
fn text_copies_of_generated_pages_read_every_cell() {
    for (form, year) in [(FormVersion::F2019, 2019), (FormVersion::F2021, 2022)] {
        let values = sample_values(form);
        let html = html_page(form, year, &values, OFFICIAL);
        let text = text_copy(&html);
        assert_eq!(text.matches("三、本年度办理结果").count(), 1);
        let imp = import_bytes(text.as_bytes(), Path::new("copy.txt"));
        assert_eq!(imp.kind, Some(PageKind::Text));
        assert_all_read(&imp, &values);
    }
}

fn set_text(html: &str, from: &str, to: &str) -> String {
    assert!(html.contains(from), "{from}");
    html.replacen(from, to, 1)
}

#[test]
fn deviations_are_data() {
    let form = FormVersion::F2021;
    let cat = form.catalogue();
    let values = sample_values(form);
    let base = html_page(form, 2022, &values, OFFICIAL);
    let idx = |s: Section, r: &str, c: &str| cat.find(s, r, c).map_or(0, |c| c.index);
    // A typo in a row label; a unit of measure in a count; 无 for none.
    let typo = set_text(&base, "5.属于三类内部事务信息", "5.属于三类内容事务信息");
    let v = shown(
        form,
        &values,
        idx(Section::Requests, "granted", "natural_person"),
    );
    let page = set_text(
        &typo,
        &format!("<td><p><span>{v}</span></p></td>"),
        &format!("<td>{v}件</td>"),
    );
    let page = set_text(
        &page,
        "<td><p><span>行政许可</span></p></td>",
        "<td>行政许可事项</td>",
    );
    let fees = shown(form, &values, idx(Section::Active, "fees", "amount"));
    let page = set_text(&page, &format!("<font>{fees}</font>"), "<font>无</font>");
    let imp = import_bytes(page.as_bytes(), Path::new("p.html"));
    assert_eq!(imp.found(), 200, "{}", messages(&imp));
    let text = messages(&imp);
    assert!(
        text.contains(
            "\"5.属于三类内容事务信息\" is not the form's; read as \"5.属于三类内部事务信息\""
        ),
        "{text}"
    );
    assert!(
        text.contains("unit 件 after the number in requests.granted.natural_person dropped"),
        "{text}"
    );
    assert!(
        text.contains("\"行政许可事项\" is not the form's; read as \"行政许可\""),
        "{text}"
    );
    assert!(
        text.contains("\"无\" in active.fees.amount read as a blank cell"),
        "{text}"
    );
    assert_eq!(value(&imp, Section::Active, "fees", "amount"), None);
    assert_eq!(
        value(
            &imp,
            Section::Requests,
            "withheld.internal_affairs",
            "total"
        ),
        Some(values[idx(Section::Requests, "withheld.internal_affairs", "total")])
    );
    // Text in a number cell is an error naming the cell; the rest is read.
    let page = set_text(
        &base,
        &format!("<font>{fees}</font>"),
        "<font>见附件</font>",
    );
    let imp = import_bytes(page.as_bytes(), Path::new("p.html"));
    assert!(imp.has_errors());
    assert_eq!(imp.found(), 199);
    assert!(
        messages(&imp).contains("not a number in active.fees.amount"),
        "{}",
        messages(&imp)
    );
    assert!(imp.summary().starts_with("partial"), "{}", imp.summary());
}

#[test]
fn form_and_year_must_agree() {
    let values = sample_values(FormVersion::F2021);
    let page = html_page(FormVersion::F2021, 2021, &values, OFFICIAL).replace("2021年", "2020年");
    let imp = import_bytes(page.as_bytes(), Path::new("p.html"));
    assert!(!imp.is_readable());
    assert!(
        messages(&imp).contains("laid out in form 2021, but 2020 reports use form 2019"),
        "{}",
        messages(&imp)
    );
}

#[test]
fn a_short_row_in_a_text_copy_is_not_guessed() {
    let text = "示例乡2020年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n\
一、本年新收政府信息公开申请数量\n\n1\n\n2\n\n3\n\n6\n\n\
二、上年结转政府信息公开申请数量\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n";
    let imp = import_bytes(text.as_bytes(), Path::new("t.txt"));
    let m = messages(&imp);
    assert!(
        m.contains("t.txt:5: error: 示例乡 2020: 4 value(s) for the 7 column(s) of row new_received: cannot tell which cell is empty; row not read"),
        "{m}"
    );
    assert_eq!(imp.found(), 7);
    assert_eq!(
        value(&imp, Section::Requests, "carried_over", "total"),
        Some(0)
    );
    assert!(imp.has_errors());
    let _ = RuleId::R1;
}

#[test]
fn the_page_title_wins_over_other_reports_listed_beside_it() {
    let page = "<html><head><title>示例区2021年政府信息公开工作年度报告_示例区人民政府</title></head><body>\
        <div class=sidebar><h3>示例区2020年政府信息公开工作年度报告</h3></div>\
        <h1>示例区2021年政府信息公开工作年度报告</h1><p>正文</p></body></html>";
    let imp = import_bytes(page.as_bytes(), Path::new("p.html"));
    assert!(!imp.is_readable());
    let m = messages(&imp);
    assert!(m.contains("示例区 2021: no table of the form found"), "{m}");
}

/// Empties the `n` value cells after the label cell `label` of a generated page.
fn blank_row(html: &str, label: &str, n: usize) -> String {
    let at = html.find(&format!(">{label}</td>")).unwrap_or(0) + label.len() + 6;
    let (head, tail) = html.split_at(at);
    let mut tail = tail.to_string();
    let mut from = 0;
    for _ in 0..n {
        let open = tail[from..].find("<td").map_or(tail.len(), |i| i + from);
        let close = tail[open..]
            .find("</td>")
            .map_or(tail.len(), |i| i + open + 5);
        tail.replace_range(open..close, "<td>&nbsp;</td>");
        from = open + "<td>&nbsp;</td>".len();
    }
    format!("{head}{tail}")
}

#[test]
fn a_row_of_blanks_named_like_a_column_is_a_row() {
    let form = FormVersion::F2021;
    let cat = form.catalogue();
    let values = sample_values(form);
    let page = blank_row(&html_page(form, 2022, &values, OFFICIAL), "3.其他", 7);
    let imp = import_bytes(page.as_bytes(), Path::new("p.html"));
    assert_eq!(imp.found(), 200, "{}", messages(&imp));
    let r = imp
        .report
        .as_ref()
        .map(|r| r.blank.clone())
        .unwrap_or_default();
    for cell in cat.cells.iter() {
        let blank = cell.row.code == "other.other";
        assert_eq!(r[cell.index], blank, "{}", cell.code());
        if !blank && !imp.derived.contains(&cell.index) {
            assert_eq!(
                imp.report.as_ref().map(|r| r.values[cell.index]),
                Some(values[cell.index]),
                "{}",
                cell.code()
            );
        }
    }
}

#[test]
fn the_forms_own_label_wins_over_a_close_one() {
    let form = FormVersion::F2021;
    let values = sample_values(form);
    let page = html_page(form, 2022, &values, OFFICIAL);
    let licensing = "<tr><td><p><span>行政许可</span></p></td>";
    let page = set_text(
        &page,
        licensing,
        &format!("<tr><td>其他行政许可</td><td colspan=3>99999</td></tr>{licensing}"),
    );
    let imp = import_bytes(page.as_bytes(), Path::new("p.html"));
    let cat = form.catalogue();
    let i = cat
        .find(Section::Active, "licensing", "decisions")
        .map_or(0, |c| c.index);
    assert_eq!(
        value(&imp, Section::Active, "licensing", "decisions"),
        Some(values[i])
    );
    assert!(
        messages(&imp)
            .contains("active.licensing.decisions read from the row with the form's label"),
        "{}",
        messages(&imp)
    );
}

#[test]
fn findings_on_a_page_name_the_table_row_and_on_a_text_copy_the_line() {
    let form = FormVersion::F2021;
    let values = sample_values(form);
    let base = html_page(form, 2022, &values, OFFICIAL);
    // The sample values break the rules: R3 on 予以公开 is found on its row of table 三.
    let imp = import_bytes(base.as_bytes(), Path::new("p.html"));
    let r3 = "测试局 2022 error: the requests table (三), row “granted”: the total column has 54, \
              the applicant columns add up to 226 (natural persons 26 + commercial enterprises 63 + \
              research institutions 3 + social welfare organisations 40 + legal service \
              organisations 77 + other organisations 17), a difference of 172. Check the row's \
              columns or its total. [R3]";
    let m = messages(&imp);
    assert!(m.contains(&format!("\np.html table 2 row 6: {r3}")), "{m}");
    let copy = import_bytes(text_copy(&base).as_bytes(), Path::new("p.txt"));
    let m = messages(&copy);
    let line = m
        .lines()
        .find(|l| l.contains(r3))
        .and_then(|l| l.strip_prefix("p.txt:"))
        .and_then(|l| l.split(':').next())
        .and_then(|n| n.parse::<u32>().ok());
    assert!(line.is_some(), "{m}");
    // A reading problem in a table cell: its place before the level, not in the message.
    let fees = shown(
        form,
        &values,
        form.catalogue()
            .find(Section::Active, "fees", "amount")
            .map_or(0, |c| c.index),
    );
    let page = set_text(
        &base,
        &format!("<font>{fees}</font>"),
        "<font>见附件</font>",
    );
    let imp = import_bytes(page.as_bytes(), Path::new("p.html"));
    let bad = imp
        .diagnostics
        .iter()
        .find(|d| d.found.as_deref() == Some("见附件"));
    let shown = bad.map(ToString::to_string).unwrap_or_default();
    assert!(
        shown.starts_with("p.html table 1 row ")
            && shown.contains(": error: 测试局 2022: not a number in active.fees.amount"),
        "{shown}"
    );
    assert!(bad.is_some_and(|d| d.table() == Some(1) && d.row().is_some()));
}

/// A blank total filled from its parts is named by its code and by the form's names of its row
/// and column (in English here; Chinese in tests/zh.rs).
#[test]
fn a_derived_total_names_its_cell() {
    let imp = import_file(&fixtures().join("reports/district-2019-gbk.html"));
    let notes: Vec<&str> = imp.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        notes,
        [
            "blank total requests.new_received.total derived from its parts (R3): 19 (the \
             requests table (三), row “new applications received”, column “total”)"
        ]
    );
}

// --------------------------------------------- real report content in the shapes users bring

/// The published Lanzhou 2020 cells (`lanzhou-2020-published.csv`).
fn published() -> String {
    std::fs::read_to_string(fixtures().join("lanzhou-2020-published.csv")).unwrap_or_default()
}

/// The warnings of an import, without their file (messages as printed after it).
fn warnings(imp: &PageImport) -> Vec<String> {
    imp.diagnostics
        .iter()
        .map(|d| {
            let shown = d.to_string();
            let file = imp.file.display().to_string();
            shown.strip_prefix(&file).unwrap_or(&shown).to_string()
        })
        .collect()
}

/// Reads a fixture of `reports/` and checks it gives every published value of Lanzhou 2020.
fn lanzhou_as(name: &str, kind: PageKind) -> PageImport {
    let imp = import_file(&fixtures().join("reports").join(name));
    assert_eq!(imp.kind, Some(kind), "{name}");
    assert_eq!(tidy(&imp), published(), "{name}: {}", messages(&imp));
    assert_eq!((imp.found(), imp.expected()), (198, 198), "{name}");
    assert!(imp.findings.is_empty(), "{name}: {}", messages(&imp));
    assert!(!imp.has_errors(), "{name}: {}", messages(&imp));
    imp
}
/// A portal's page (TRS/Hanweb shape: the State Council's metadata set, menus, a breadcrumb,
/// related links to other years), its title year first: every published value, no warning.
#[test]
fn lanzhou_2020_portal_page_titled_year_first_gives_all_198_published_values() {
    let imp = lanzhou_as("lanzhou-2020-portal.html", PageKind::Html);
    assert_eq!(warnings(&imp), Vec::<String>::new());
    // Saved under another year's name: the title's year is used, and the difference named.
    let bytes =
        std::fs::read(fixtures().join("reports/lanzhou-2020-portal.html")).unwrap_or_default();
    let renamed = import_bytes(&bytes, Path::new("lanzhou-2021.html"));
    assert_eq!(tidy(&renamed), published(), "{}", messages(&renamed));
    assert_eq!(
        warnings(&renamed),
        [": warning: the file name \"lanzhou-2021\" says 2021, the page's title says 2020: read \
          as 2020, the title's year"]
    );
}

/// The article's body alone, as a content system's API returns it (no <html>, <body> or
/// <meta>; its first table after 6 KB of prose): read as HTML, as it is when wrapped in a page.
#[test]
fn a_bare_content_fragment_reads_as_the_page_it_came_from() {
    let imp = lanzhou_as("lanzhou-2020-fragment.html", PageKind::Html);
    assert_eq!(warnings(&imp), Vec::<String>::new());
    let bytes =
        std::fs::read(fixtures().join("reports/lanzhou-2020-fragment.html")).unwrap_or_default();
    let mut wrapped = b"<html><head><meta charset=\"utf-8\"></head><body>".to_vec();
    wrapped.extend_from_slice(&bytes);
    wrapped.extend_from_slice(b"</body></html>");
    let whole = import_bytes(&wrapped, Path::new("x.html"));
    assert_eq!(tidy(&whole), tidy(&imp));
}

/// A page saved without any title: unit and year from the file's name, with a warning, never
/// from its related links (兰州市2019…, 兰州市人民政府2021…, 七里河区2020…年度报告).
#[test]
fn a_page_without_a_title_is_named_by_its_file_not_its_links() {
    let imp = lanzhou_as("兰州市2020.html", PageKind::Html);
    assert_eq!(
        warnings(&imp),
        [
            ": warning: no report title (……2020年政府信息公开工作年度报告) found; unit and year \
          taken from the file name"
        ]
    );
    // The county page of the form 2021 without its title, a 相关链接 naming
    // 示例县人民政府2021年…年度报告: 示例县 2022, as the file is named.
    let imp = import_file(&fixtures().join("reports/示例县2022.html"));
    let expected = std::fs::read_to_string(fixtures().join("reports/county-2022.expected.csv"))
        .unwrap_or_default();
    assert_eq!(tidy(&imp), expected, "{}", messages(&imp));
    let w = warnings(&imp);
    assert_eq!(
        w[0],
        ": warning: no report title (……2022年政府信息公开工作年度报告) found; unit and year \
         taken from the file name"
    );
    assert_eq!(w.len(), 3, "{w:?}");
}

/// Markdown as a PDF converter writes it: a pipe table per item and per group of rows, each
/// under a made-up header (| 类别 | 数据1 | … | 总计 |, fewer columns than the rows have),
/// separator lines, merged label cells left empty: read by the rows' labels and the order of
/// their values.
#[test]
fn markdown_tables_with_made_up_headers_read_by_their_labels() {
    let imp = lanzhou_as("lanzhou-2020.md", PageKind::Markdown);
    assert_eq!(warnings(&imp), Vec::<String>::new());
}

/// The text recognition of a scan: a table row on one line, numbers separated by spaces,
/// stray spaces in labels, full-width digits, O and l for 0 and 1 — each such number named
/// at its line.
#[test]
fn ocr_text_rows_on_one_line_with_letters_for_digits() {
    let imp = lanzhou_as("lanzhou-2020-ocr.txt", PageKind::Text);
    let read = |line: u32, text: &str, value: u32| {
        format!(
            ":{line}: warning: \"{text}\" read as the number {value}: letters for digits, as text \
             recognition writes 0 and 1"
        )
    };
    assert_eq!(
        warnings(&imp),
        [
            read(36, "l4", 14),
            read(50, "l6", 16),
            read(55, "O", 0),
            read(59, "o", 0),
            read(66, "l8", 18),
            read(66, "O", 0),
        ]
    );
}

/// A cell the recognition garbled beyond reading is named with its line and text, and its
/// row is not guessed: never a value made up.
#[test]
fn an_unreadable_ocr_cell_is_named_and_its_row_not_guessed() {
    let text = "兰州市2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
        一、本年新收政府信息公开申请数量 284 50 1 2 6 0 343\n\
        二、上年结转政府信息公开申请数量 1? 0 0 0 0 0 14\n\
        (一)予以公开 252 40 1 2 2 0 297\n";
    let imp = import_bytes(text.as_bytes(), Path::new("scan.txt"));
    let m = messages(&imp);
    assert!(
        m.contains(
            "scan.txt:4: error: \"1?\" among a row's numbers is no number: the row is \
                    not read by its values"
        ),
        "{m}"
    );
    assert_eq!(
        value(&imp, Section::Requests, "carried_over", "natural_person"),
        None
    );
    assert_eq!(
        value(&imp, Section::Requests, "carried_over", "total"),
        None
    );
    assert_eq!(
        value(&imp, Section::Requests, "granted", "total"),
        Some(297)
    );
    assert_eq!(
        value(&imp, Section::Requests, "new_received", "natural_person"),
        Some(284)
    );
    assert!(imp.has_errors(), "{m}");
    assert_eq!(imp.bad_cells, 1, "{m}");
    assert!(
        m.contains(
            "scan.txt:4: warning: 兰州市 2020: row not in form 2019 (table requests): \"1?\"; \
                    its 6 value(s) are not read"
        ),
        "{m}"
    );
}

/// A title without the body's name: the portal's section (ColumnName) names it, else the file's
/// Chinese name, else the site (SiteName), each with a warning; a title only in the page's
/// metadata is read there.
#[test]
fn metadata_names_what_a_title_leaves_out() {
    let form = FormVersion::F2021;
    let values = sample_values(form);
    let base = html_page(form, 2023, &values, OFFICIAL)
        .replace(
            "测试局2023年政府信息公开工作年度报告_测试网",
            "2023年政府信息公开工作年度报告",
        )
        .replace("<h2>测试局2023年政府信息公开工作年度报告</h2>", "");
    let with_meta = |meta: &str| base.replacen("<head>", &format!("<head>{meta}"), 1);
    let named = |page: &str, name: &str| {
        let imp = import_bytes(page.as_bytes(), Path::new(name));
        let r = imp.report.as_ref().map(|r| (r.unit.clone(), r.year));
        (
            r,
            warnings(&imp)
                .into_iter()
                .filter(|w| !w.contains("R3") && !w.contains("R2") && !w.contains("R1"))
                .collect::<Vec<_>>(),
        )
    };
    let (r, w) = named(
        &with_meta("<meta name=\"ColumnName\" content=\"示例县财政局\"><meta name=\"SiteName\" content=\"示例县人民政府\">"),
        "p.html",
    );
    assert_eq!(r, Some(("示例县财政局".to_string(), 2023)));
    assert_eq!(
        w,
        [": warning: the title does not name the reporting body; named \"示例县财政局\" after the \
          portal section the page is in (ColumnName)"]
    );
    let (r, w) = named(
        &with_meta("<meta name=\"ColumnName\" content=\"政府信息公开年报\"><meta name=\"SiteName\" content=\"示例县人民政府\">"),
        "示例县审计局.html",
    );
    assert_eq!(r, Some(("示例县审计局".to_string(), 2023)), "{w:?}");
    let (r, w) = named(
        &with_meta("<meta name=\"SiteName\" content=\"示例县人民政府\">"),
        "p.html",
    );
    assert_eq!(r, Some(("示例县人民政府".to_string(), 2023)));
    assert!(
        w[0].contains("named \"示例县人民政府\" after the site the page is on (SiteName)"),
        "{w:?}"
    );
    // No title at all but the section's name.
    let untitled = base.replace("<title>2023年政府信息公开工作年度报告</title>", "");
    let page = untitled.replacen(
        "<head>",
        "<head><meta name=\"ColumnName\" content=\"示例县财政局2023年政府信息公开工作年度报告\">",
        1,
    );
    let (r, w) = named(&page, "p.html");
    assert_eq!(r, Some(("示例县财政局".to_string(), 2023)));
    assert!(
        w[0].contains("unit and year read from its metadata (columnname: \"示例县财政局2023年"),
        "{w:?}"
    );
}

/// A sheet per (name, CSV text), each field typed into its cell: numbers as numbers, the rest as
/// text.
fn workbook(sheets: &[(&str, &str)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, text) in sheets {
        let s = book.add_worksheet();
        s.set_name(*name).ok();
        for (r, line) in text.lines().enumerate() {
            for (c, field) in line.split(',').enumerate() {
                let (r, c) = (r as u32, c as u16);
                match field.parse::<f64>() {
                    Ok(n) => s.write(r, c, n).ok(),
                    Err(_) if field.is_empty() => None,
                    Err(_) => s.write(r, c, field).ok(),
                };
            }
        }
    }
    book.save_to_buffer().unwrap_or_default()
}

fn unit_grid(year: i32, unit: &str) -> String {
    std::fs::read_to_string(fixtures().join(format!("../../data/lanzhou/{year}/{unit}.csv")))
        .unwrap_or_else(|e| panic!("{unit} {year}: {e}"))
}

/// A workbook a sheet a year gives a report per sheet (each year from its sheet's name where the
/// sheet says none); one report's tables over three sheets stay one report; a single sheet saved
/// by LibreOffice is one report.
#[test]
fn a_workbook_is_a_report_a_sheet_only_when_each_sheet_is_whole() {
    // Two years of one unit, the grids without their 年度 line, and a sheet of notes.
    let without_year = |text: String| -> String {
        text.lines()
            .filter(|l| !l.starts_with("年度"))
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let years = workbook(&[
        ("2020年", &without_year(unit_grid(2020, "城关区"))),
        ("2021年", &without_year(unit_grid(2021, "城关区"))),
        ("说明", "本表由城关区政务公开办汇总"),
    ]);
    let imports = import_all(&years, Path::new("城关区.xlsx"), None);
    let got: Vec<(i32, bool)> = imports
        .iter()
        .map(|i| (i.report.as_ref().map_or(0, |r| r.year), i.is_complete()))
        .collect();
    assert_eq!(
        got,
        [(2020, true), (2021, true)],
        "{}",
        messages(&imports[0])
    );
    assert!(
        messages(&imports[0]).contains("说明"),
        "{}",
        messages(&imports[0])
    );
    for (i, year) in imports.iter().zip([2020, 2021]) {
        // The same grid, its 年度 line kept, as the one sheet of a workbook.
        let one = workbook(&[("Sheet1", &unit_grid(year, "城关区"))]);
        let named = PathBuf::from(format!("城关区{year}.xlsx"));
        let [whole] = &import_all(&one, &named, None)[..] else {
            panic!("one report");
        };
        assert!(whole.is_complete(), "{}", messages(whole));
        assert_eq!(tidy(i), tidy(whole), "{year}");
    }

    // 二, 三 and 四 of one report on three sheets: each partial alone, so one report.
    let text = unit_grid(2021, "西固区");
    let lines: Vec<&str> = text.lines().collect();
    let at = |h: &str| lines.iter().position(|l| l.starts_with(h)).unwrap_or(0);
    let (three, four) = (at("三、收到"), at("四、政府信息公开"));
    assert!(0 < three && three < four);
    let part = |a: usize, b: usize| lines[a..b].join("\n");
    let split = workbook(&[
        ("表二", &part(0, three)),
        ("表三", &part(three, four)),
        ("表四", &part(four, lines.len())),
    ]);
    let imports = import_all(&split, Path::new("西固区2021.xlsx"), None);
    assert_eq!(imports.len(), 1);
    assert!(imports[0].is_complete(), "{}", messages(&imports[0]));

    // Saved by LibreOffice: one sheet, one report.
    let imports = import_file_all(&fixtures().join("workbooks/城关区-2020.xlsx"));
    assert_eq!(imports.len(), 1);
    assert!(imports[0].is_complete(), "{}", messages(&imports[0]));
}
