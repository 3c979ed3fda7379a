//! Word documents written by hand (the few parts a `.docx` needs, XML as Word writes it): spans,
//! merges, split runs, what a reader does not see, titles, nested tables; and hostile files.

use std::io::{Cursor, Read, Write};

use gongkai_document::zipped::{ZipLimits, ZipProblem};
use gongkai_document::{Block, Flow, Grid, Origin};

use crate::{read, read_with, DocxError, Limits};
use gongkai_document::sniff::ole2_naming as ole2;
use gongkai_document::Format;

const NAMESPACES: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps""#;

/// A zip of the named parts.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, body) in parts {
            zip.start_file(*name, options).ok();
            zip.write_all(body).ok();
        }
        zip.finish().ok();
    }
    out.into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// The main part around `body`.
fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NAMESPACES}><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    )
}

/// A `.docx` whose body is `body`, with a styles part when given.
fn docx_with_styles(body: &str, styles: Option<&str>) -> Vec<u8> {
    let document = document_xml(body);
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ];
    let styles_xml = styles.map(|s| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NAMESPACES}>{s}</w:styles>"#
        )
    });
    if let Some(s) = &styles_xml {
        parts.push(("word/styles.xml", s.as_bytes()));
    }
    zip_of(&parts)
}

fn docx(body: &str) -> Vec<u8> {
    docx_with_styles(body, None)
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

/// A cell with properties `props` and paragraphs of `texts`.
fn tc(props: &str, texts: &[&str]) -> String {
    let body: String = texts.iter().map(|t| p(t)).collect();
    format!("<w:tc><w:tcPr><w:tcW w:w=\"1000\" w:type=\"dxa\"/>{props}</w:tcPr>{body}</w:tc>")
}

fn tr(props: &str, cells: &[String]) -> String {
    let props = if props.is_empty() {
        String::new()
    } else {
        format!("<w:trPr>{props}</w:trPr>")
    };
    format!("<w:tr>{props}{}</w:tr>", cells.concat())
}

fn tbl(rows: &[String]) -> String {
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"1000\"/></w:tblGrid>{}</w:tbl>",
        rows.concat()
    )
}

fn ok(bytes: &[u8]) -> Flow {
    read(bytes).unwrap_or_else(|e| panic!("{e}"))
}

/// Each row's slots as (text, column, first).
fn slots(grid: &Grid) -> Vec<Vec<(String, u32, bool)>> {
    grid.rows()
        .map(|r| {
            r.cells()
                .map(|c| (c.text.to_string(), c.column, c.first))
                .collect()
        })
        .collect()
}

fn s(t: &str, c: u32, f: bool) -> (String, u32, bool) {
    (t.to_string(), c, f)
}

fn lines(flow: &Flow) -> Vec<String> {
    flow.blocks
        .iter()
        .flat_map(|b| match b {
            Block::Lines(l) => l.clone(),
            Block::Table(g) => vec![format!("[{:?}]", g.origin)],
        })
        .collect()
}

// ------------------------------------------------------------------------------------ tables

#[test]
fn spans_merges_and_skipped_columns_fill_the_grid() {
    let table = tbl(&[
        tr(
            "",
            &[
                tc("<w:gridSpan w:val=\"2\"/>", &["A"]),
                tc("", &["B"]),
                tc("<w:vMerge w:val=\"restart\"/>", &["C"]),
            ],
        ),
        tr(
            "",
            &[
                tc("<w:vMerge w:val=\"restart\"/>", &["D"]),
                tc("", &["E"]),
                tc("", &["F"]),
                tc("<w:vMerge/>", &[]),
            ],
        ),
        tr(
            "",
            &[
                tc("<w:vMerge w:val=\"continue\"/>", &[""]),
                tc("<w:gridSpan w:val=\"2\"/>", &["G"]),
                tc("", &["H"]),
            ],
        ),
        tr(
            "<w:gridBefore w:val=\"2\"/><w:wBefore w:w=\"2000\" w:type=\"dxa\"/>",
            &[tc("", &["I"]), tc("", &["J"])],
        ),
    ]);
    let flow = ok(&docx(&format!("{}{table}{}", p("前"), p("后"))));
    assert_eq!(lines(&flow), ["前", "[Table(1)]", "后"]);
    let grid = flow
        .tables()
        .next()
        .cloned()
        .unwrap_or_else(|| Grid::new(Origin::Prose));
    assert_eq!(
        slots(&grid),
        vec![
            vec![
                s("A", 0, true),
                s("A", 1, false),
                s("B", 2, true),
                s("C", 3, true)
            ],
            vec![
                s("D", 0, true),
                s("E", 1, true),
                s("F", 2, true),
                s("C", 3, true)
            ],
            vec![
                s("D", 0, true),
                s("G", 1, true),
                s("G", 2, false),
                s("H", 3, true)
            ],
            vec![s("I", 2, true), s("J", 3, true)],
        ]
    );
    // A merged cell is one text in every slot it fills.
    let index = |r: usize, i: usize| {
        grid.rows()
            .nth(r)
            .and_then(|row| row.cell(i))
            .map(|c| c.text_index)
    };
    assert_eq!(index(0, 3), index(1, 3));
    assert_eq!(index(1, 0), index(2, 0));
    assert_eq!(index(0, 0), index(0, 1));
    assert_ne!(index(1, 1), index(1, 2));
    assert!(grid.has_merged_cells());
    let numbers: Vec<u32> = grid.rows().map(|r| r.number()).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    let place = grid
        .rows()
        .nth(3)
        .map(|r| r.place(r.cell(0).as_ref()).to_string());
    assert_eq!(place.as_deref(), Some(" table 1 row 4"));
}

#[test]
fn older_horizontal_merges_and_deleted_rows() {
    let table = tbl(&[
        tr(
            "",
            &[
                tc("<w:hMerge w:val=\"restart\"/>", &["信息内容"]),
                tc("<w:hMerge/>", &[]),
                tc("", &["X"]),
            ],
        ),
        // Deleted with change tracking on: not in the document as it reads.
        tr(
            "<w:del w:id=\"1\" w:author=\"a\" w:date=\"2021-01-01T00:00:00Z\"/>",
            &[tc("", &["旧"]), tc("", &["1"]), tc("", &["2"])],
        ),
        tr("", &[tc("", &["规章"]), tc("", &["3"]), tc("", &["4"])]),
    ]);
    let flow = ok(&docx(&table));
    let grid = flow
        .tables()
        .next()
        .cloned()
        .unwrap_or_else(|| Grid::new(Origin::Prose));
    assert_eq!(
        slots(&grid),
        vec![
            vec![
                s("信息内容", 0, true),
                s("信息内容", 1, false),
                s("X", 2, true)
            ],
            vec![s("规章", 0, true), s("3", 1, true), s("4", 2, true)],
        ]
    );
    let numbers: Vec<u32> = grid.rows().map(|r| r.number()).collect();
    assert_eq!(numbers, [1, 2]);
}

#[test]
fn runs_are_joined_and_only_what_a_reader_sees_is_kept() {
    // Word's split runs around proofing marks, bookmarks, a field (its code left out, its result
    // kept), an edit (deleted text out, inserted text in), a move, hidden text, tab stops (not
    // tabs), a content control, entities, and the layout whitespace of a pretty-printed part.
    let label = r#"<w:p>
      <w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>
      <w:r><w:t>第二十条</w:t></w:r>
      <w:proofErr w:type="spellStart"/>
      <w:bookmarkStart w:id="0" w:name="_Toc1"/>
      <w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>第（一）</w:t></w:r>
      <w:bookmarkEnd w:id="0"/>
      <w:proofErr w:type="spellEnd"/>
      <w:del w:id="1" w:author="a"><w:r><w:delText>款</w:delText></w:r></w:del>
      <w:ins w:id="2" w:author="a"><w:r><w:t>项</w:t></w:r></w:ins>
      <w:moveFrom w:id="3" w:author="a"><w:r><w:t>搬走</w:t></w:r></w:moveFrom>
      <w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>
      <w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t xml:space="preserve"> &amp; &#x4E00;</w:t></w:r>
    </w:p>"#;
    let field = r#"<w:p><w:r><w:t xml:space="preserve">共 </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> = 1705 + 864 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2569</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>条</w:t></w:r></w:p>"#;
    let tabbed =
        r#"<w:p><w:r><w:t>规章</w:t><w:tab/><w:t>36</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"#;
    let sdt = r#"<w:sdt><w:sdtPr><w:alias w:val="单位"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent><w:p><w:r><w:t>城关区</w:t></w:r></w:p></w:sdtContent></w:sdt>"#;
    let changed = r#"<w:p><w:pPr><w:pPrChange w:id="4" w:author="a"><w:pPr><w:pStyle w:val="Title"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>"#;
    let flow = ok(&docx(&format!("{label}{field}{tabbed}{sdt}{changed}")));
    assert_eq!(
        lines(&flow),
        [
            "第二十条第（一）项 & 一",
            "共 2569条",
            "规章\t36",
            "第二行",
            "城关区",
            "正文"
        ]
    );
    // A style in the old properties of a change is not the paragraph's: no title but the
    // first lines.
    assert_eq!(
        flow.titles.first().map(String::as_str),
        Some("第二十条第（一）项 & 一")
    );

    // In a cell: paragraphs and breaks are lines of the cell, a tab a space.
    let cell = format!("<w:tc>{}{tabbed}<w:p/>{field}</w:tc>", p("本年新"));
    let flow = ok(&docx(&tbl(&[format!("<w:tr>{cell}</w:tr>")])));
    let grid = flow
        .tables()
        .next()
        .cloned()
        .unwrap_or_else(|| Grid::new(Origin::Prose));
    assert_eq!(
        slots(&grid),
        vec![vec![s("本年新\n规章 36\n第二行\n共 2569条", 0, true)]]
    );
}

#[test]
fn a_text_box_is_read_once() {
    // Word writes a text box twice: the drawing (mc:Choice) and a VML copy for old readers.
    let body = r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>段落</w:t></w:r></w:p>"#;
    let flow = ok(&docx(body));
    assert_eq!(lines(&flow), ["框中文字", "段落"]);
}

#[test]
fn a_table_holding_tables_is_read_as_the_document() {
    // A frame around the report: a one-cell table holding a heading and the form's table.
    let inner = tbl(&[tr("", &[tc("", &["规章"]), tc("", &["36"])])]);
    let frame = tbl(&[tr(
        "",
        &[format!(
            "<w:tc><w:tcPr/>{}{inner}{}</w:tc>",
            p("二、主动公开政府信息情况"),
            p("注：单位为件")
        )],
    )]);
    let after = tbl(&[tr("", &[tc("", &["行政复议"])])]);
    let flow = ok(&docx(&format!("{frame}{}{after}", p("三、"))));
    assert_eq!(
        lines(&flow),
        [
            "二、主动公开政府信息情况",
            "[Table(1)]",
            "注：单位为件",
            "三、",
            "[Table(2)]"
        ]
    );
    let first = flow.tables().next().map(slots);
    assert_eq!(
        first,
        Some(vec![vec![s("规章", 0, true), s("36", 1, true)]])
    );
    // Nested in a nested cell: each table comes out once, in order.
    let deep = tbl(&[tr(
        "",
        &[format!(
            "<w:tc>{}</w:tc>",
            tbl(&[tr("", &[format!("<w:tc>{}{inner}</w:tc>", p("内"))])])
        )],
    )]);
    let flow = ok(&docx(&deep));
    assert_eq!(lines(&flow), ["内", "[Table(1)]"]);
}

#[test]
fn empty_tables_take_no_number() {
    let flow = ok(&docx(&format!(
        "<w:tbl><w:tblPr/></w:tbl>{}",
        tbl(&[tr("", &[tc("", &["x"])])])
    )));
    assert_eq!(lines(&flow), ["[Table(1)]"]);
}

// ------------------------------------------------------------------------------------ titles

#[test]
fn titles_from_styles_then_the_first_lines() {
    // Word in Chinese: the Title style's id is `a3`, heading 1's is `1`; the names are Word's own.
    let styles = r#"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>
        <w:style w:type="paragraph" w:styleId="2"><w:name w:val="List 2"/></w:style>
        <w:style w:type="paragraph" w:styleId="a5"><w:name w:val="报告大标题"/></w:style>
        <w:style w:type="character" w:styleId="10"><w:name w:val="heading 1 Char"/></w:style>"#;
    let styled = |id: &str, text: &str| {
        format!("<w:p><w:pPr><w:pStyle w:val=\"{id}\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
    };
    let body = [
        p("附件2"),
        styled("a3", "城关区2020年政府信息公开"),
        styled("a3", "工作年度报告"),
        p("正文开头"),
        styled("1", "一、总体情况"),
        // Defined as a list style: not a heading, though its id is a digit.
        styled("2", "（一）列表"),
        styled("a5", "另一标题"),
        "<w:p><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr><w:r><w:t>二、大纲级别</w:t></w:r></w:p>"
            .to_string(),
    ]
    .concat();
    let flow = ok(&docx_with_styles(&body, Some(styles)));
    assert_eq!(
        flow.titles,
        [
            "城关区2020年政府信息公开",
            "城关区2020年政府信息公开工作年度报告",
            "工作年度报告",
            "一、总体情况",
            "另一标题",
            "二、大纲级别",
            "附件2",
            "正文开头",
            "（一）列表"
        ]
    );
    // Without a styles part, the ids say it.
    let body = [
        styled("Heading1", "一、总体情况"),
        styled("3", "（三）"),
        styled("Normal", "正文"),
    ]
    .concat();
    let flow = ok(&docx(&body));
    assert_eq!(flow.titles, ["一、总体情况", "（三）", "正文"]);
}

#[test]
fn a_centred_bold_or_large_paragraph_at_the_top_is_the_title() {
    let title = |text: &str, props: &str| {
        format!(
            "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr>{props}</w:rPr><w:t>{text}</w:t></w:r></w:p>"
        )
    };
    let mut body = vec![
        p("　"),
        title("兰州市2020年政府信息公开", "<w:b/><w:sz w:val=\"44\"/>"),
        title("工作年度报告", "<w:sz w:val=\"44\"/>"),
        title("（2021年1月）", "<w:b w:val=\"0\"/><w:sz w:val=\"24\"/>"),
    ];
    for i in 0..12 {
        body.push(p(&format!("第{i}段")));
    }
    // Centred and bold, but far down: a table's caption, not the title.
    body.push(title("表一", "<w:b/>"));
    let flow = ok(&docx(&body.concat()));
    // The title, whole and in its two lines; the date under it is neither bold nor large.
    assert_eq!(
        flow.titles[..5],
        [
            "兰州市2020年政府信息公开",
            "兰州市2020年政府信息公开工作年度报告",
            "工作年度报告",
            "（2021年1月）",
            "第0段"
        ]
    );
    assert!(
        !flow.titles.iter().any(|t| t == "表一"),
        "{:?}",
        flow.titles
    );
}

// ------------------------------------------------------------------------- hostile documents

fn err(bytes: &[u8]) -> DocxError {
    match read(bytes) {
        Ok(flow) => panic!("read: {:?}", lines(&flow)),
        Err(e) => e,
    }
}

#[test]
fn old_binary_word_and_encrypted_files_say_what_to_do() {
    let e = err(&ole2(&[
        "WordDocument",
        "1Table",
        "\u{5}SummaryInformation",
    ]));
    assert_eq!(e, DocxError::OldWord);
    assert!(
        e.to_string()
            .starts_with("an old binary Word file (.doc/.wps): save it as .docx"),
        "{e}"
    );
    let e = err(&ole2(&["EncryptionInfo", "EncryptedPackage"]));
    assert_eq!(e, DocxError::Encrypted);
    assert!(e.to_string().contains("password"), "{e}");
    assert_eq!(err(&ole2(&["Workbook"])), DocxError::OtherOffice);
    assert_eq!(err(b""), DocxError::NotAContainer(Format::Empty));
    let e = err(b"{\\rtf1\\ansi\\deff0 {\\fonttbl}}");
    assert_eq!(e, DocxError::NotAContainer(Format::Rtf));
    assert!(e.to_string().contains("save it as .docx"), "{e}");
    assert_eq!(
        err(b"<html><body><table></table></body></html>"),
        DocxError::NotAContainer(Format::Html)
    );
    assert_eq!(
        err("兰州市2020年政府信息公开工作年度报告".as_bytes()),
        DocxError::NotAContainer(Format::Text)
    );
}

#[test]
fn a_docx_cut_short_is_damaged_wherever_it_is_cut() {
    let bytes = docx(&tbl(&[tr("", &[tc("", &["规章"]), tc("", &["36"])])]));
    assert!(read(&bytes).is_ok());
    for cut in (0..bytes.len()).step_by(7) {
        match read(&bytes[..cut]) {
            Err(DocxError::Container(ZipProblem::Damaged(_))) => {}
            Err(DocxError::NotAContainer(Format::Empty)) if cut == 0 => {}
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    let e = err(&bytes[..bytes.len() / 2]);
    assert!(e.to_string().contains("damaged or cut short"), "{e}");
}

#[test]
fn a_password_on_the_entries_is_named() {
    // The zip's own encryption (ZipCrypto): the flag bit set in the local and central headers.
    let mut bytes = docx(&p("x"));
    for (signature, flags) in [(&b"PK\x03\x04"[..], 6), (&b"PK\x01\x02"[..], 8)] {
        let mut at = 0;
        while let Some(i) = bytes[at..].windows(4).position(|w| w == signature) {
            bytes[at + i + flags] |= 1;
            at += i + 4;
        }
    }
    let e = err(&bytes);
    assert_eq!(e, DocxError::Encrypted);
    assert!(e.to_string().contains("without the password"), "{e}");
}

#[test]
fn content_embedded_as_html_is_named() {
    let e = err(&docx(
        r#"<w:altChunk r:id="htmlChunk" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>"#,
    ));
    assert_eq!(e, DocxError::AltChunk { chunks: 1 });
    assert!(
        e.to_string()
            .contains("open it in Word or WPS and save it again"),
        "{e}"
    );
}

#[test]
fn a_zip_that_is_not_a_word_document_says_what_it_holds() {
    let xlsx = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("xl/workbook.xml", b"<workbook/>"),
    ]);
    let e = err(&xlsx);
    assert!(
        matches!(&e, DocxError::NotWord { holds } if holds.contains("workbook")),
        "{e}"
    );
    assert!(e.to_string().contains("no word/document.xml"), "{e}");
    let odt = zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<office:document-content/>"),
    ]);
    assert!(matches!(err(&odt), DocxError::NotWord { holds } if holds.contains(".odt")));
    let other = zip_of(&[("a.txt", b"a"), ("b.txt", b"b")]);
    assert!(
        matches!(err(&other), DocxError::NotWord { holds } if holds == "it holds 2 entries (a.txt, b.txt)")
    );
    // The package relationships point at a part that is not there.
    let rels = PACKAGE_RELS.replace("word/document.xml", "word/missing.xml");
    let broken = zip_of(&[("_rels/.rels", rels.as_bytes()), ("a.txt", b"a")]);
    assert!(matches!(err(&broken), DocxError::NotWord { .. }));
}

#[test]
fn the_main_part_is_where_the_relationships_say() {
    let rels = PACKAGE_RELS.replace("word/document.xml", "/word/document2.xml");
    let document = document_xml(&p("在别处"));
    let bytes = zip_of(&[
        ("_rels/.rels", rels.as_bytes()),
        ("word/document2.xml", document.as_bytes()),
    ]);
    assert_eq!(lines(&ok(&bytes)), ["在别处"]);
    // No package relationships at all: the usual name.
    let bytes = zip_of(&[("word/document.xml", document.as_bytes())]);
    assert_eq!(lines(&ok(&bytes)), ["在别处"]);
}

#[test]
fn a_zip_bomb_stops_at_the_limit() {
    // 16 MiB of spaces inside a paragraph deflates to about 16 KB.
    let mut body = "<w:p><w:r><w:t>".to_string();
    body.push_str(&" ".repeat(16 << 20));
    body.push_str("</w:t></w:r></w:p>");
    let bytes = docx(&body);
    assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
    let small = Limits {
        zip: ZipLimits {
            total_bytes: 4 << 20,
            ..ZipLimits::default()
        },
        ..Limits::default()
    };
    let e = read_with(&bytes, &small).err();
    assert!(
        matches!(&e, Some(DocxError::Container(ZipProblem::TooLarge { .. }))),
        "{e:?}"
    );
    // Within the container's limit, but more than one part may hold.
    let small_part = Limits {
        part_bytes: 8 << 20,
        ..Limits::default()
    };
    let e = read_with(&bytes, &small_part).err();
    assert_eq!(
        e,
        Some(DocxError::PartTooLarge {
            part: "word/document.xml".into(),
            limit: 8 << 20
        })
    );
    assert!(e.is_some_and(|e| e.to_string().contains("8 MiB")));
}

#[test]
fn a_part_larger_than_it_declares_stops_at_the_limit() {
    // The declared size is the archive's word: the part is counted as it inflates.
    let document = document_xml(&p(&"字".repeat(1000)));
    let limits = Limits {
        part_bytes: 1000,
        ..Limits::default()
    };
    let capped = std::io::BufReader::new(crate::Capped {
        inner: document.as_bytes(),
        left: limits.part_bytes,
    });
    let e = crate::body::read(capped, "word/document.xml", &Default::default(), &limits).err();
    assert_eq!(
        e,
        Some(DocxError::PartTooLarge {
            part: "word/document.xml".into(),
            limit: 1000
        })
    );
}

#[test]
fn deep_nesting_is_refused() {
    let open = "<w:sdt><w:sdtContent>".repeat(200);
    let close = "</w:sdtContent></w:sdt>".repeat(200);
    let e = err(&docx(&format!("{open}{}{close}", p("x"))));
    assert!(
        matches!(&e, DocxError::TooDeep { part, limit: 256 } if part == "word/document.xml"),
        "{e}"
    );
    assert!(e.to_string().contains("more than 256 deep"), "{e}");
    // Tables nested in cells as deep as the limit allows are read, each once: a table level
    // is three elements (table, row, cell) below the document and its body, the innermost
    // cell's text three more.
    let nested = |levels: usize| {
        let mut t = tbl(&[tr("", &[tc("", &["最里"])])]);
        for _ in 1..levels {
            t = tbl(&[tr("", &[format!("<w:tc>{t}</w:tc>")])]);
        }
        docx(&t)
    };
    assert_eq!(lines(&ok(&nested(83))), ["[Table(1)]"]);
    assert!(matches!(err(&nested(84)), DocxError::TooDeep { .. }));
}

#[test]
fn malformed_xml_is_named() {
    let bad = |document: &str| {
        let bytes = zip_of(&[("word/document.xml", document.as_bytes())]);
        err(&bytes)
    };
    let e = bad(&document_xml("<w:p><w:r><w:t>x</w:r></w:p>"));
    assert!(
        matches!(&e, DocxError::Xml { part, .. } if part == "word/document.xml"),
        "{e}"
    );
    assert!(
        e.to_string()
            .starts_with("word/document.xml is not well-formed XML at byte"),
        "{e}"
    );
    // Cut short inside the body.
    let whole = document_xml(&p("x"));
    let e = bad(&whole[..whole.find("<w:sectPr").unwrap_or(0)]);
    assert!(
        matches!(&e, DocxError::Xml { why, .. } if why.contains("cut short")),
        "{e}"
    );
    // Bytes that are not UTF-8.
    let mut bytes = document_xml(&p("规章")).into_bytes();
    let at = bytes.len() - 80;
    bytes[at] = 0xFF;
    let e = err(&zip_of(&[("word/document.xml", &bytes)]));
    assert!(matches!(&e, DocxError::Xml { .. }), "{e}");
}

#[test]
fn entities_are_never_expanded() {
    // The "billion laughs": a part defining entities in terms of each other. Only the
    // predefined ones are read; the rest are left out, unexpanded.
    let mut dtd = String::from("<!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\">");
    let mut prev = 'a';
    for name in "bcdefghij".chars() {
        dtd.push_str(&format!(
            "<!ENTITY {name} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
        prev = name;
    }
    dtd.push_str("]>");
    let document =
        document_xml(&p("&j;规章&lt;")).replacen("<w:document", &format!("{dtd}<w:document"), 1);
    let start = std::time::Instant::now();
    let flow = ok(&zip_of(&[("word/document.xml", document.as_bytes())]));
    assert_eq!(lines(&flow), ["规章<"]);
    assert!(start.elapsed().as_secs() < 5);
}

#[test]
fn too_many_cells_or_too_wide_a_table() {
    let row = tr(
        "",
        &(0..10)
            .map(|i| tc("", &[&i.to_string()]))
            .collect::<Vec<_>>(),
    );
    let table = tbl(&[row.clone(), row.clone(), row]);
    // Thirty cells in three rows: thirty-three held.
    let few = Limits {
        cells: 32,
        ..Limits::default()
    };
    assert_eq!(
        read_with(&docx(&table), &few).err(),
        Some(DocxError::TooManyCells { limit: 32 })
    );
    let enough = Limits {
        cells: 33,
        ..Limits::default()
    };
    assert!(read_with(&docx(&table), &enough).is_ok());
    // Rows without cells count too.
    let empty_rows = tbl(&vec!["<w:tr/>".to_string(); 40]);
    assert_eq!(
        read_with(&docx(&empty_rows), &few).err(),
        Some(DocxError::TooManyCells { limit: 32 })
    );
    // Spans count as the slots they fill.
    let wide = tbl(&[tr(
        "",
        &(0..3)
            .map(|_| tc("<w:gridSpan w:val=\"100\"/>", &["x"]))
            .collect::<Vec<_>>(),
    )]);
    let slots = Limits {
        slots: 250,
        ..Limits::default()
    };
    assert_eq!(
        read_with(&docx(&wide), &slots).err(),
        Some(DocxError::TooManyCells { limit: 250 })
    );
    let e = err(&docx(&tbl(&[tr(
        "<w:gridBefore w:val=\"399\"/>",
        &[tc("<w:gridSpan w:val=\"99999999\"/>", &["x"])],
    )])));
    assert_eq!(
        e,
        DocxError::TableTooWide {
            table: 1,
            row: 1,
            limit: 400
        }
    );
    assert_eq!(
        e.to_string(),
        "table 1 row 1 reaches past column 400, wider than Word makes a table; not read"
    );
}

/// The Lanzhou fixture's parts, to mutate.
fn lanzhou_parts() -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/published/lanzhou-2020.docx"),
    )
    .unwrap_or_default();
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    };
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        if let Ok(mut entry) = archive.by_index(i) {
            let mut body = Vec::new();
            entry.read_to_end(&mut body).ok();
            parts.push((String::from_utf8_lossy(entry.name_raw()).into_owned(), body));
        }
    }
    parts
}

#[test]
fn mutated_documents_never_panic() {
    // Deterministic mutations of the real document's main part, zipped again (mutating the zip
    // itself mostly stops at its checksums): flipped bytes, cut and repeated spans.
    let parts = lanzhou_parts();
    assert!(parts.iter().any(|(n, _)| n == "word/document.xml"));
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let (mut read_ok, mut refused) = (0, 0);
    for case in 0..40 {
        let mut mutated: Vec<(String, Vec<u8>)> = parts.clone();
        for (name, body) in &mut mutated {
            if name != "word/document.xml" && name != "word/styles.xml" {
                continue;
            }
            for _ in 0..1 + case % 5 {
                let at = next(body.len());
                match case % 4 {
                    0 => body[at] = next(256) as u8,
                    1 => body[at] = b"<>/\"&=w:"[next(8)],
                    2 => {
                        let end = (at + next(400)).min(body.len());
                        body.drain(at..end);
                    }
                    _ => {
                        let end = (at + next(400)).min(body.len());
                        let span = body[at..end].to_vec();
                        body.splice(at..at, span);
                    }
                }
            }
        }
        let refs: Vec<(&str, &[u8])> = mutated
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        match read(&zip_of(&refs)) {
            Ok(_) => read_ok += 1,
            Err(e) => {
                assert!(!e.to_string().is_empty());
                refused += 1;
            }
        }
    }
    assert_eq!(read_ok + refused, 40);
    assert!(
        refused > 0 && read_ok > 0,
        "{read_ok} read, {refused} refused"
    );
    // The bytes of the file itself, flipped here and there: refused or read, never a panic.
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/published/lanzhou-2020.docx"),
    )
    .unwrap_or_default();
    for _ in 0..40 {
        let mut b = bytes.clone();
        let at = next(b.len());
        b[at] ^= 1 << next(8);
        let _ = read(&b);
    }
}
