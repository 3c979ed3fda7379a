//! The reader on a real office suite's PDF of a published report (tests/fixtures/published), on
//! small PDFs built here for one layout each, and on hostile files.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gongkai_document::{Block, Flow, Grid, Origin};
use lopdf::{dictionary, Document, Object, ObjectId, Stream};

use super::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn lanzhou() -> Flow {
    read(&fixture("published/lanzhou-2020.pdf")).unwrap_or_else(|e| panic!("{e}"))
}

/// Every row of a grid as its cells' texts (a merged cell's further slots as `<`).
fn rows(grid: &Grid) -> Vec<Vec<String>> {
    grid.rows()
        .map(|r| {
            r.cells()
                .map(|c| {
                    if c.first {
                        c.text.to_string()
                    } else {
                        "<".to_string()
                    }
                })
                .collect()
        })
        .collect()
}

fn lines(flow: &Flow) -> Vec<&str> {
    flow.blocks
        .iter()
        .flat_map(|b| match b {
            Block::Lines(l) => l.iter().map(String::as_str).collect(),
            Block::Table(_) => Vec::new(),
        })
        .collect()
}

/// The table holding a row whose first cell is `label`.
fn table_with<'f>(flow: &'f Flow, label: &str) -> &'f Grid<'static> {
    flow.tables()
        .find(|g| g.rows().any(|r| r.text(0) == label))
        .unwrap_or_else(|| panic!("no table has a row {label}"))
}

// ------------------------------------------------------------------------ the Lanzhou 2020 PDF

#[test]
fn lanzhou_2020_pdf_tables_give_every_published_value() {
    let flow = lanzhou();
    assert_eq!(
        flow.titles.first().map(String::as_str),
        Some("兰州市2020年政府信息公开工作年度报告")
    );
    let grids: Vec<Grid> = flow.tables().cloned().collect();
    assert_eq!(grids.len(), 3, "二, 三 (across two pages) and 四");
    let document = gongkai_ingest::locate::Document::new(&grids);
    let file = std::sync::Arc::new(PathBuf::from("lanzhou-2020.pdf"));
    let setting = gongkai_ingest::locate::Setting {
        form: gongkai_form::FormVersion::F2019,
        unit: "兰州市",
        year: 2020,
        file: &file,
        conventions: gongkai_ingest::locate::Conventions::PUBLISHED,
    };
    let located = gongkai_ingest::locate::locate(&document, setting);
    let mut tidy = String::new();
    gongkai_report::write::tidy::write_as_read([&located.report], &mut tidy);
    let published = String::from_utf8(fixture("lanzhou-2020-published.csv")).unwrap_or_default();
    let messages: Vec<String> = located.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(tidy, published, "{messages:#?}");
    assert_eq!(located.bad_cells, 0);
    // Not a warning either: no label read as a close one, no row left out.
    assert!(located.diagnostics.is_empty(), "{messages:#?}");
}

#[test]
fn lanzhou_cells_are_rebuilt_from_positions() {
    let flow = lanzhou();
    let active = table_with(&flow, "规章");
    assert_eq!(active.origin, Origin::Page(4));
    let rows = rows(active);
    assert_eq!(
        rows.first().map(Vec::as_slice),
        Some(&["第二十条第(一)项", "<", "<", "<"].map(String::from)[..])
    );
    assert!(rows.contains(
        &["规范性文件", "1705", "864", "3117"]
            .map(String::from)
            .to_vec()
    ));
    assert!(rows.contains(
        &["其他对外管理服务事项", "2708", "-271", "197708"]
            .map(String::from)
            .to_vec()
    ));
    // A value over two columns is one cell.
    assert!(rows.contains(
        &["政府集中采购", "6447", "27.88亿", "<"]
            .map(String::from)
            .to_vec()
    ));
    // Labels wrapped inside their cells are whole; merged label cells fill their rows.
    let requests = table_with(&flow, "一、本年新收政府信息公开申请数量");
    let labels: Vec<(String, String, String)> = requests
        .rows()
        .map(|r| (r.text(0).into(), r.text(1).into(), r.text(2).into()))
        .collect();
    assert!(labels.contains(&(
        "三、本年度办理结果".into(),
        "(二)部分公开(区分处理的,只计这一情形,不计其他情形)".into(),
        "(二)部分公开(区分处理的,只计这一情形,不计其他情形)".into()
    )));
    assert!(labels.contains(&(
        "三、本年度办理结果".into(),
        "(三)不予公开".into(),
        "1.属于国家秘密".into()
    )));
    // Prose lines in reading order: headings between the tables.
    let text = lines(&flow);
    let at = |s: &str| text.iter().position(|l| *l == s);
    assert!(at("一、总体情况") < at("二、主动公开政府信息情况"));
    assert!(at("五、存在的问题及改进情况").is_some());
    let order: Vec<usize> = flow
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Table(_)))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(order.len(), 3);
}

#[test]
fn lanzhou_running_header_and_page_numbers_are_dropped() {
    let flow = lanzhou();
    let text = lines(&flow);
    // Every page of the file has them (see the fixture's README): none is left.
    assert!(
        text.iter().all(|l| !l.contains("兰州市人民政府办公室")),
        "{text:#?}"
    );
    assert!(
        text.iter().all(|l| !assemble::is_page_number(l)),
        "{text:#?}"
    );
    // The body around them is kept: the last line of page 1 and the first of page 2.
    assert!(text.iter().any(|l| l.starts_with("报告所列数据的统计期限")));
}

#[test]
fn lanzhou_table_broken_by_a_page_is_one_grid() {
    let flow = lanzhou();
    let requests = table_with(&flow, "一、本年新收政府信息公开申请数量");
    // Table 三 starts on page 4 and ends on page 5.
    assert_eq!(requests.origin, Origin::Page(4));
    let labels: Vec<&str> = requests.rows().map(|r| r.text(2)).collect();
    for label in [
        "1.属于国家秘密",
        "5.属于三类内部事务信息",
        "3.要求提供公开出版物",
    ] {
        assert!(labels.contains(&label), "{label}: {labels:#?}");
    }
    assert!(requests.rows().any(|r| r.text(1) == "(七)总计"));
    // The row the page broke (its label runs on at the top of page 5) is one row again.
    assert!(labels.contains(&"4.保护第三方合法权益"), "{labels:#?}");
    assert!(!labels.contains(&"益"));
    let numbers: Vec<u32> = requests.rows().map(|r| r.number()).collect();
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
}

#[test]
fn a_scanned_pdf_says_so_and_names_its_pages() {
    let e = read(&fixture("published/scanned-2-pages.pdf")).err();
    assert!(matches!(e, Some(PdfError::Scanned { pages: 2 })), "{e:?}");
    assert_eq!(
        e.map(|e| e.to_string()).unwrap_or_default(),
        "a scanned PDF: 2 page(s), no text layer; OCR it or send the Word file"
    );
}

#[test]
fn encrypted_pdfs() {
    let e = read(&fixture("published/encrypted-password.pdf")).err();
    assert!(matches!(e, Some(PdfError::Encrypted)), "{e:?}");
    // Encrypted with an empty user password (an owner's restrictions only): read as it opens.
    for name in ["encrypted-owner-only.pdf", "encrypted-rc4-owner-only.pdf"] {
        let flow = read(&fixture(&format!("published/{name}"))).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            lines(&flow).contains(&"兰州市2020年政府信息公开工作年度报告"),
            "{name}: {:?}",
            flow.blocks
        );
    }
}

// ------------------------------------------------------------------ PDFs built for one layout

/// A PDF built here: Helvetica as `/F1`, and `/C1` a Type0 CJK font (Identity-H, no font file)
/// whose ToUnicode map gives the characters [`Pdf::cjk`] used.
struct Pdf {
    doc: Document,
    pages: ObjectId,
    kids: Vec<Object>,
    cjk: Vec<char>,
    to_unicode: bool,
}

impl Pdf {
    fn new() -> Pdf {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        Pdf {
            doc,
            pages,
            kids: Vec::new(),
            cjk: Vec::new(),
            to_unicode: true,
        }
    }

    /// `text` in Helvetica at (x, y) (PDF space, y up).
    fn text(x: f64, y: f64, size: f64, text: &str) -> String {
        let escaped = text
            .replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)");
        format!("BT /F1 {size} Tf {x} {y} Td ({escaped}) Tj ET\n")
    }

    /// `text` in the CJK font, as 2-byte codes.
    fn cjk(&mut self, x: f64, y: f64, size: f64, text: &str) -> String {
        let mut hex = String::new();
        for c in text.chars() {
            let code = match self.cjk.iter().position(|k| *k == c) {
                Some(i) => i + 1,
                None => {
                    self.cjk.push(c);
                    self.cjk.len()
                }
            };
            hex.push_str(&format!("{code:04X}"));
        }
        format!("BT /C1 {size} Tf {x} {y} Td <{hex}> Tj ET\n")
    }

    fn page(&mut self, content: &str) {
        let stream = self
            .doc
            .add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        let page = self.doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => self.pages,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => stream,
        });
        self.kids.push(page.into());
    }

    fn resources(&mut self) -> ObjectId {
        let helvetica = self.doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
            // Helvetica's space and digits; letters as wide as digits.
            "FirstChar" => 32,
            "Widths" => (32..127).map(|c| if c == 32 { 278 } else { 556 }.into()).collect::<Vec<Object>>(),
        });
        let mut cmap = String::from(
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
             /CMapName /Test-UCS def /CMapType 2 def\n\
             1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
        );
        for chunk in self.cjk.chunks(100).enumerate() {
            let (n, chars) = chunk;
            cmap.push_str(&format!("{} beginbfchar\n", chars.len()));
            for (i, c) in chars.iter().enumerate() {
                cmap.push_str(&format!("<{:04X}> <{:04X}>\n", n * 100 + i + 1, *c as u32));
            }
            cmap.push_str("endbfchar\n");
        }
        cmap.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");
        let map = self
            .doc
            .add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
        let descendant = self.doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "SimSun",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "DW" => 1000,
        });
        let mut type0 = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "SimSun",
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![descendant.into()],
        };
        if self.to_unicode {
            type0.set("ToUnicode", map);
        }
        let cjk = self.doc.add_object(type0);
        self.doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => helvetica, "C1" => cjk },
        })
    }

    fn bytes(mut self) -> Vec<u8> {
        let resources = self.resources();
        let count = self.kids.len() as i64;
        self.doc.objects.insert(
            self.pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => self.kids.clone(),
                "Count" => count,
                "Resources" => resources,
            }),
        );
        let catalog = self.doc.add_object(dictionary! {
            "Type" => "Catalog", "Pages" => self.pages,
        });
        self.doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        self.doc.save_to(&mut out).unwrap_or_else(|e| panic!("{e}"));
        out
    }
}

/// A Word-style ruled table: borders as thin filled bars, `rows` × `widths`, top-left at
/// (x, top) in PDF space; each cell's text by [`Pdf::cjk`] for words, Helvetica for numbers.
fn ruled_table(pdf: &mut Pdf, x: f64, top: f64, widths: &[f64], rows: &[&[&str]]) -> String {
    table_drawn(pdf, x, top, widths, rows, true)
}

/// [`ruled_table`], with or without its side borders.
fn table_drawn(
    pdf: &mut Pdf,
    x: f64,
    top: f64,
    widths: &[f64],
    rows: &[&[&str]],
    sides: bool,
) -> String {
    let height = 20.0;
    let total: f64 = widths.iter().sum();
    let mut s = String::new();
    for r in 0..=rows.len() {
        let y = top - r as f64 * height;
        s.push_str(&format!("{x} {} {total} 0.5 re f\n", y - 0.25));
    }
    let mut cx = x;
    for (i, w) in widths.iter().chain([&0.0]).enumerate() {
        let side = i == 0 || i == widths.len();
        if side && !sides {
            cx += w;
            continue;
        }
        s.push_str(&format!(
            "{} {} 0.5 {} re f\n",
            cx - 0.25,
            top - rows.len() as f64 * height,
            rows.len() as f64 * height
        ));
        cx += w;
    }
    for (r, row) in rows.iter().enumerate() {
        let baseline = top - r as f64 * height - 14.0;
        let mut cx = x;
        for (cell, w) in row.iter().zip(widths) {
            if cell.is_ascii() {
                s.push_str(&Pdf::text(cx + 3.0, baseline, 10.0, cell));
            } else {
                s.push_str(&pdf.cjk(cx + 3.0, baseline, 10.0, cell));
            }
            cx += w;
        }
    }
    s
}

#[test]
fn type0_cjk_text_and_a_word_style_ruled_table() {
    let mut pdf = Pdf::new();
    let mut content = pdf.cjk(72.0, 780.0, 22.0, "测试局2020年政府信息公开工作年度报告");
    content.push_str(&pdf.cjk(72.0, 740.0, 16.0, "二、主动公开政府信息情况"));
    let table = ruled_table(
        &mut pdf,
        72.0,
        720.0,
        &[120.0, 90.0, 90.0, 90.0],
        &[
            &[
                "信息内容",
                "本年新制作数量",
                "本年新公开数量",
                "对外公开总数量",
            ],
            &["规章", "36", "3", "50"],
            &["规范性文件", "1705", "864", "3117"],
        ],
    );
    content.push_str(&table);
    // Kerning inside a string (TJ) moves glyphs without splitting the word.
    content.push_str("BT /F1 12 Tf 72 600 Td [(Tot) -20 (al)] TJ ET\n");
    pdf.page(&content);
    let flow = read(&pdf.bytes()).unwrap_or_else(|e| panic!("{e}"));
    // "测试局2020年…" mixes CJK codes with digits in the same font; the title is the largest text.
    assert_eq!(
        flow.titles.first().map(String::as_str),
        Some("测试局2020年政府信息公开工作年度报告")
    );
    let grids: Vec<&Grid> = flow.tables().collect();
    assert_eq!(grids.len(), 1);
    assert_eq!(
        grids.first().map(|g| rows(g)),
        Some(vec![
            [
                "信息内容",
                "本年新制作数量",
                "本年新公开数量",
                "对外公开总数量"
            ]
            .map(String::from)
            .to_vec(),
            ["规章", "36", "3", "50"].map(String::from).to_vec(),
            ["规范性文件", "1705", "864", "3117"]
                .map(String::from)
                .to_vec(),
        ])
    );
    assert_eq!(
        grids.first().map(|g| g.origin.clone()),
        Some(Origin::Page(1))
    );
    assert!(lines(&flow).contains(&"Total"), "{:?}", lines(&flow));
}

#[test]
fn a_table_without_side_borders_keeps_its_outer_columns() {
    let mut pdf = Pdf::new();
    let content = table_drawn(
        &mut pdf,
        72.0,
        720.0,
        &[120.0, 90.0, 90.0],
        // A blank cell keeps its column only in a ruled table.
        &[
            &["信息内容", "上一年项目数量", "本年增/减"],
            &["行政事业性收费", "", "-18"],
        ],
        false,
    );
    pdf.page(&content);
    let flow = read(&pdf.bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        flow.tables().next().map(rows),
        Some(vec![
            ["信息内容", "上一年项目数量", "本年增/减"]
                .map(String::from)
                .to_vec(),
            ["行政事业性收费", "", "-18"].map(String::from).to_vec(),
        ])
    );
    assert!(lines(&flow).is_empty(), "{:?}", lines(&flow));
}

#[test]
fn lines_without_rulings_split_into_cells_and_rows() {
    let mut pdf = Pdf::new();
    let mut content = pdf.cjk(72.0, 780.0, 16.0, "规章及规范性文件情况如下");
    // Three lines of cells set apart by wide gaps: a table without rulings.
    for (i, (label, numbers)) in [
        ("信息内容", ""),
        ("规章", "36  3  50"),
        ("规范性文件", "1705  864  3117"),
    ]
    .iter()
    .enumerate()
    {
        let y = 740.0 - i as f64 * 20.0;
        content.push_str(&pdf.cjk(72.0, y, 12.0, label));
        for (j, n) in numbers.split_whitespace().enumerate() {
            content.push_str(&Pdf::text(250.0 + j as f64 * 80.0, y, 12.0, n));
        }
        if numbers.is_empty() {
            content.push_str(&pdf.cjk(250.0, y, 12.0, "本年新制作数量"));
        }
    }
    // Words a space apart stay one cell.
    content.push_str(&Pdf::text(72.0, 600.0, 12.0, "Tel: 0931 8848390"));
    pdf.page(&content);
    let flow = read(&pdf.bytes()).unwrap_or_else(|e| panic!("{e}"));
    let grids: Vec<&Grid> = flow.tables().collect();
    assert_eq!(
        grids.first().map(|g| rows(g)),
        Some(vec![
            vec!["信息内容".to_string(), "本年新制作数量".to_string()],
            ["规章", "36", "3", "50"].map(String::from).to_vec(),
            ["规范性文件", "1705", "864", "3117"]
                .map(String::from)
                .to_vec(),
        ])
    );
    assert_eq!(
        lines(&flow),
        ["规章及规范性文件情况如下", "Tel: 0931 8848390"]
    );
}

#[test]
fn running_headers_footers_and_page_numbers_are_dropped() {
    let mut pdf = Pdf::new();
    for page in 1..=3 {
        let mut content = pdf.cjk(400.0, 810.0, 9.0, "某某局政府信息公开");
        content.push_str(&pdf.cjk(
            72.0,
            700.0,
            16.0,
            &format!("第{}段正文", ["一", "二", "三"][page - 1]),
        ));
        // A number alone in the body is the report's, not a page number.
        content.push_str(&Pdf::text(72.0, 400.0, 16.0, "12"));
        content.push_str(&pdf.cjk(280.0, 30.0, 10.0, &format!("第{page}页 共3页")));
        pdf.page(&content);
    }
    let flow = read(&pdf.bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        lines(&flow),
        ["第一段正文", "12", "第二段正文", "12", "第三段正文", "12"]
    );
}

#[test]
fn page_numbers_as_printed() {
    for t in [
        "- 3 -",
        "— 3 —",
        "3",
        "第3页",
        "第 3 页 共 12 页",
        "第3页/共12页",
        "3/12",
        "Page 3 of 12",
        "（3）",
    ] {
        assert!(assemble::is_page_number(t), "{t}");
    }
    for t in [
        "2020年",
        "3.其他",
        "第三页",
        "1705 864",
        "第二十条第(一)项",
        "",
    ] {
        assert!(!assemble::is_page_number(t), "{t}");
    }
}

#[test]
fn rotated_text_is_not_a_line() {
    let mut pdf = Pdf::new();
    let mut content = pdf.cjk(72.0, 700.0, 16.0, "正文");
    // A watermark at 45 degrees.
    content.push_str(&format!(
        "BT /C1 40 Tf 0.7071 0.7071 -0.7071 0.7071 200 300 Tm <{}> Tj ET\n",
        pdf.cjk(0.0, 0.0, 1.0, "内部资料")
            .split(['<', '>'])
            .nth(1)
            .unwrap_or_default()
    ));
    pdf.page(&content);
    let flow = read(&pdf.bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(lines(&flow), ["正文"]);
}

#[test]
fn a_page_turned_by_rotate_reads_as_shown() {
    let mut pdf = Pdf::new();
    // Text running up the page in PDF space: upright once the page is turned a quarter.
    pdf.page("BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Turned page) Tj ET\n");
    let page = pdf.kids.last().and_then(|k| k.as_reference().ok());
    if let Some(Ok(Object::Dictionary(d))) = page.map(|p| pdf.doc.get_object_mut(p)) {
        d.set("Rotate", 90);
    }
    let flow = read(&pdf.bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(lines(&flow), ["Turned page"]);
}

#[test]
fn a_type0_font_without_a_unicode_map_is_an_error() {
    let mut pdf = Pdf::new();
    pdf.to_unicode = false;
    let content = pdf.cjk(72.0, 700.0, 16.0, "兰州市2020年政府信息公开工作年度报告");
    pdf.page(&content);
    let e = read(&pdf.bytes()).err();
    assert!(matches!(e, Some(PdfError::Undecodable)), "{e:?}");
}

// ------------------------------------------------------------------------------------ hostile

#[test]
fn not_a_pdf() {
    for bytes in [
        &b""[..],
        b"PK\x03\x04 a zip",
        "兰州市,2020\n规章,36".as_bytes(),
    ] {
        assert!(matches!(read(bytes), Err(PdfError::NotPdf)));
    }
}

#[test]
fn a_pdf_cut_short() {
    let bytes = fixture("published/lanzhou-2020.pdf");
    for cut in [bytes.len() / 2, bytes.len() - 200, 2000, 9] {
        let e = read(bytes.get(..cut).unwrap_or_default()).err();
        assert!(
            matches!(e, Some(PdfError::Truncated)),
            "cut at {cut}: {e:?}"
        );
    }
}

#[test]
fn a_broken_cross_reference_table_is_rebuilt() {
    let mut bytes = fixture("published/lanzhou-2020.pdf");
    // Point startxref at nothing: the table is rebuilt by scanning the objects.
    let at = bytes
        .windows(9)
        .rposition(|w| w == b"startxref")
        .unwrap_or_default();
    for b in bytes.iter_mut().skip(at + 10).take(4) {
        if b.is_ascii_digit() {
            *b = b'9';
        }
    }
    // And spoil the table itself.
    if let Some(x) = bytes.windows(6).rposition(|w| w == b"\nxref\n") {
        for b in bytes.iter_mut().skip(x + 6).take(40) {
            *b = b'#';
        }
    }
    let flow = read(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(flow.tables().count(), 3);
    // Garbage where the objects are: an error, not a guess.
    let mut garbage = b"%PDF-1.7\n".to_vec();
    garbage.extend(std::iter::repeat_n(b'x', 5000));
    garbage.extend(b"\nstartxref\n123\n%%EOF\n");
    let e = read(&garbage).err();
    assert!(matches!(e, Some(PdfError::Damaged(_))), "{e:?}");
}

#[test]
fn a_decompression_bomb_is_refused() {
    // 3 MiB of spaces, deflated to a few KB, read with a limit of 1 MiB a stream (a report's
    // is 32 MiB: the same path, a smaller test).
    let mut doc = Document::with_version("1.7");
    let pages = doc.new_object_id();
    let mut stream = Stream::new(dictionary! {}, vec![b' '; 3 << 20]);
    stream.compress().unwrap_or_else(|e| panic!("{e}"));
    assert!(stream.content.len() < 64 << 10);
    let content = doc.add_object(stream);
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap_or_else(|e| panic!("{e}"));
    let limits = Limits {
        inflated: 1 << 20,
        ..Limits::REPORT
    };
    let e = guarded(|| read_text(&bytes, &limits)).err();
    assert!(matches!(e, Some(PdfError::TooLarge { .. })), "{e:?}");
    assert_eq!(
        e.map(|e| e.to_string()).unwrap_or_default(),
        "the content of page 1 would take more than 1 MiB inflated (the limit for a report); not read"
    );
    // Within the limit it reads (no text: a blank page).
    let roomy = Limits {
        inflated: 4 << 20,
        ..Limits::REPORT
    };
    let e = guarded(|| read_text(&bytes, &roomy)).err();
    assert!(matches!(e, Some(PdfError::Scanned { pages: 1 })), "{e:?}");
}

#[test]
fn a_page_tree_that_loops() {
    let mut pdf = Pdf::new();
    pdf.page(&Pdf::text(72.0, 700.0, 12.0, "page"));
    let pages = pdf.pages;
    // The tree's root is its own kid.
    pdf.kids.push(pages.into());
    let e = read(&pdf.bytes()).err();
    assert!(matches!(e, Some(PdfError::PageTreeLoop(_))), "{e:?}");
}

#[test]
fn a_form_that_draws_itself_is_drawn_once() {
    let mut pdf = Pdf::new();
    let form = pdf.doc.new_object_id();
    pdf.doc.objects.insert(
        form,
        Object::Stream(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => dictionary! { "XObject" => dictionary! { "Me" => form } },
            },
            b"BT /F1 12 Tf 72 700 Td (inside) Tj ET /Me Do".to_vec(),
        )),
    );
    let page_resources = dictionary! { "XObject" => dictionary! { "Me" => form } };
    let content = pdf
        .doc
        .add_object(Stream::new(dictionary! {}, b"/Me Do".to_vec()));
    let page = pdf.doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pdf.pages, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => page_resources,
    });
    pdf.kids.push(page.into());
    let start = Instant::now();
    let flow = read(&pdf.bytes());
    assert!(start.elapsed() < Duration::from_secs(5));
    // The form's own resources have no font: its text is shown in none, so nothing reads;
    // what matters is that it ends.
    assert!(
        flow.is_ok() || matches!(flow, Err(PdfError::Scanned { .. })),
        "{flow:?}"
    );
}

/// A small, fixed pseudo-random sequence (xorshift): the same mutations on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
}

/// Each mutation of `bytes` reads to a flow or an error, quickly; a panic inside lopdf would be
/// [`PdfError::Failed`], counted here and shown.
fn mutate_and_read(bytes: &[u8], seed: u64, rounds: usize) -> (usize, usize, Vec<String>) {
    let mut rng = Rng(seed);
    let (mut ok, mut errors, mut failed) = (0, 0, Vec::new());
    for round in 0..rounds {
        let mut m = bytes.to_vec();
        match round % 4 {
            // A few bytes overwritten.
            0 | 1 => {
                for _ in 0..1 + rng.next() % 8 {
                    let at = rng.next() % m.len().max(1);
                    if let Some(b) = m.get_mut(at) {
                        *b = rng.next() as u8;
                    }
                }
            }
            // A run of bytes removed.
            2 => {
                let at = rng.next() % m.len().max(1);
                let len = (rng.next() % 512).min(m.len() - at);
                m.drain(at..at + len);
            }
            // A run repeated.
            _ => {
                let at = rng.next() % m.len().max(1);
                let len = (rng.next() % 256).min(m.len() - at);
                let copy: Vec<u8> = m.get(at..at + len).unwrap_or_default().to_vec();
                m.splice(at..at, copy);
            }
        }
        let start = Instant::now();
        match read(&m) {
            Ok(_) => ok += 1,
            Err(PdfError::Failed(why)) => failed.push(format!("round {round}: {why}")),
            Err(_) => errors += 1,
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "round {round} took {:?}",
            start.elapsed()
        );
    }
    (ok, errors, failed)
}

#[test]
fn mutated_pdfs_read_or_fail_clearly() {
    let bytes = fixture("published/lanzhou-2020.pdf");
    // The same report with its streams inflated, so mutations reach the drawing itself.
    let mut doc = Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{e}"));
    doc.decompress();
    let mut plain = Vec::new();
    doc.save_to(&mut plain).unwrap_or_else(|e| panic!("{e}"));
    let mut seen = Vec::new();
    for (input, seed) in [(&bytes, 7), (&plain, 11)] {
        let (ok, errors, failed) = mutate_and_read(input, seed, 60);
        assert_eq!(ok + errors + failed.len(), 60);
        seen.push((ok, errors, failed));
    }
    // The guard catches what lopdf might throw; none has been seen on these mutations.
    assert!(seen.iter().all(|(_, _, f)| f.is_empty()), "{seen:#?}");
    // Most mutations still read: they hit text or drawing, not structure.
    assert!(seen.iter().all(|(ok, _, _)| *ok > 20), "{seen:#?}");
}

#[test]
fn a_panic_inside_is_an_error() {
    let r: Result<(), PdfError> = guarded(|| panic!("a fault in the library"));
    assert!(
        matches!(r, Err(PdfError::Failed(ref why)) if why == "a fault in the library"),
        "{r:?}"
    );
    // The thread is no longer guarded: the flag is reset.
    assert!(!GUARDED.with(Cell::get));
}

#[test]
fn pathological_pages_end_quickly() {
    let mut pdf = Pdf::new();
    // 100,000 glyphs: one spot overprinted, then a dense block of text.
    let mut content = String::from("BT /F1 12 Tf 100 700 Td\n");
    for _ in 0..50_000 {
        content.push_str("(a) Tj 0 0 Td\n");
    }
    content.push_str("ET\n");
    for row in 0..500 {
        content.push_str(&format!(
            "BT /F1 2 Tf 10 {} Td ({}) Tj ET\n",
            40 + row,
            "x".repeat(100)
        ));
    }
    pdf.page(&content);
    // A lattice of 6,000 rulings, past what a table holds.
    let mut lattice = String::new();
    for i in 0..3_000 {
        let at = 10.0 + f64::from(i) * 0.25;
        lattice.push_str(&format!("{at} 10 m {at} 830 l S 10 {at} m 580 {at} l S\n"));
    }
    lattice.push_str(&Pdf::text(72.0, 700.0, 12.0, "under the lattice"));
    pdf.page(&lattice);
    let start = Instant::now();
    let flow = read(&pdf.bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    // The overprinted spot is one glyph; the lattice is no table.
    assert_eq!(flow.tables().count(), 0);
    assert!(lines(&flow).contains(&"a"), "{:?}", lines(&flow).first());
    assert!(lines(&flow).contains(&"under the lattice"));
}
