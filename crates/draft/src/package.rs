//! The `.docx` package: the main document from the draft's parts, the styles (an official
//! document's: A4, 三号 仿宋 body at a fixed 28 pt line, 二号 title, 黑体 and 楷体 headings), the
//! font table, a footer with the page number, the package's relationships and content types,
//! zipped.
//!
//! Elements are written in the schema's order (Word refuses a file whose `w:pPr` or `w:tcPr`
//! children are out of order, where LibreOffice forgives).

use std::io::{Cursor, Write};

use gongkai_report::write::official::official_tables;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::fonts::{self, Font};
use crate::xml::Xml;
use crate::{table, Draft, DraftError, Part};

/// WordprocessingML's namespace.
pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC_RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A4, in twips.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
/// Margins of an official document (GB/T 9704): top 37 mm, bottom 35 mm, left 28 mm, right
/// 26 mm.
const MARGIN_TOP: u32 = 2098;
const MARGIN_BOTTOM: u32 = 1984;
const MARGIN_LEFT: u32 = 1588;
const MARGIN_RIGHT: u32 = 1474;
/// The width between the margins: 156 mm.
pub(crate) const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;

/// Sizes in half-points: 二号 22 pt, 三号 16 pt, 五号 10.5 pt, 小五 9 pt.
const TITLE_SIZE: &str = "44";
const BODY_SIZE: &str = "32";
const TABLE_SIZE: &str = "21";
const SMALL_SIZE: &str = "18";

/// The package's bytes.
pub(crate) fn write(parts: &[Part], draft: &Draft) -> Result<Vec<u8>, DraftError> {
    let title = parts
        .iter()
        .find_map(|p| match p {
            Part::Title(t) => Some(t.as_str()),
            _ => None,
        })
        .unwrap_or_default();
    let files: [(&str, String); 10] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core(title)),
        ("docProps/app.xml", app()),
        ("word/_rels/document.xml.rels", document_rels()),
        ("word/document.xml", document(parts, draft)),
        ("word/styles.xml", styles()),
        ("word/settings.xml", settings()),
        ("word/fontTable.xml", fonts::font_table()),
        ("word/footer1.xml", footer()),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let package = |e: &dyn std::fmt::Display| DraftError::Package(e.to_string());
    for (name, text) in files {
        zip.start_file(name, options).map_err(|e| package(&e))?;
        zip.write_all(text.as_bytes()).map_err(|e| package(&e))?;
    }
    let cursor = zip.finish().map_err(|e| package(&e))?;
    Ok(cursor.into_inner())
}

fn content_types() -> String {
    let mut x = Xml::part();
    x.open(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    x.empty(
        "Default",
        &[
            ("Extension", "rels"),
            (
                "ContentType",
                "application/vnd.openxmlformats-package.relationships+xml",
            ),
        ],
    );
    x.empty(
        "Default",
        &[("Extension", "xml"), ("ContentType", "application/xml")],
    );
    let word = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    for (part, kind) in [
        ("/word/document.xml", format!("{word}.document.main+xml")),
        ("/word/styles.xml", format!("{word}.styles+xml")),
        ("/word/settings.xml", format!("{word}.settings+xml")),
        ("/word/fontTable.xml", format!("{word}.fontTable+xml")),
        ("/word/footer1.xml", format!("{word}.footer+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".to_string(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_string(),
        ),
    ] {
        x.empty("Override", &[("PartName", part), ("ContentType", &kind)]);
    }
    x.close("Types");
    x.finish()
}

fn relationships(list: &[(&str, &str, &str)]) -> String {
    let mut x = Xml::part();
    x.open("Relationships", &[("xmlns", PACKAGE_RELS)]);
    for (id, kind, target) in list {
        x.empty(
            "Relationship",
            &[("Id", id), ("Type", kind), ("Target", target)],
        );
    }
    x.close("Relationships");
    x.finish()
}

fn package_rels() -> String {
    relationships(&[
        (
            "rId1",
            &format!("{DOC_RELS}/officeDocument"),
            "word/document.xml",
        ),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        (
            "rId3",
            &format!("{DOC_RELS}/extended-properties"),
            "docProps/app.xml",
        ),
    ])
}

fn document_rels() -> String {
    relationships(&[
        ("rId1", &format!("{DOC_RELS}/styles"), "styles.xml"),
        ("rId2", &format!("{DOC_RELS}/settings"), "settings.xml"),
        ("rId3", &format!("{DOC_RELS}/fontTable"), "fontTable.xml"),
        ("rId4", &format!("{DOC_RELS}/footer"), "footer1.xml"),
    ])
}

/// The document's title and language; no dates, so the same figures give the same bytes.
fn core(title: &str) -> String {
    let mut x = Xml::part();
    x.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ],
    );
    x.element("dc:title", title)
        .element("dc:creator", "gongkai")
        .element("dc:language", "zh-CN");
    x.close("cp:coreProperties");
    x.finish()
}

fn app() -> String {
    let mut x = Xml::part();
    x.open(
        "Properties",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        )],
    );
    x.element("Application", "gongkai");
    x.close("Properties");
    x.finish()
}

fn settings() -> String {
    let mut x = Xml::part();
    x.open("w:settings", &[("xmlns:w", W)]);
    x.val("w:zoom", "100")
        .val("w:defaultTabStop", "420")
        // Chinese punctuation compressed at line starts and ends, as Word in Chinese does.
        .val("w:characterSpacingControl", "compressPunctuation");
    x.open("w:compat", &[]);
    x.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode"),
            ("w:uri", "http://schemas.microsoft.com/office/word"),
            ("w:val", "15"),
        ],
    );
    x.close("w:compat");
    x.empty(
        "w:themeFontLang",
        &[("w:val", "en-US"), ("w:eastAsia", "zh-CN")],
    );
    x.close("w:settings");
    x.finish()
}

/// `w:rPr` of a style: its font and size.
fn run_properties(x: &mut Xml, font: Font, size: &str) {
    x.open("w:rPr", &[]);
    fonts::run_fonts(x, font);
    x.val("w:sz", size).val("w:szCs", size);
    x.close("w:rPr");
}

/// A paragraph style.
struct Style {
    id: &'static str,
    /// Word's built-in name where there is one (`heading 1`), so Word shows it in its own
    /// language and readers know the title and headings.
    name: &'static str,
    based_on: Option<&'static str>,
    next: Option<&'static str>,
    font: Font,
    size: &'static str,
    /// Written into `w:pPr`, in the schema's order.
    paragraph: fn(&mut Xml),
}

fn styles() -> String {
    let mut x = Xml::part();
    x.open("w:styles", &[("xmlns:w", W)]);
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]);
    x.open("w:rPr", &[]);
    fonts::run_fonts(&mut x, fonts::BODY);
    x.val("w:kern", "2")
        .val("w:sz", BODY_SIZE)
        .val("w:szCs", BODY_SIZE)
        .empty(
            "w:lang",
            &[
                ("w:val", "en-US"),
                ("w:eastAsia", "zh-CN"),
                ("w:bidi", "ar-SA"),
            ],
        );
    x.close("w:rPr");
    x.close("w:rPrDefault");
    x.open("w:pPrDefault", &[]);
    x.open("w:pPr", &[]);
    x.val("w:jc", "both");
    x.close("w:pPr");
    x.close("w:pPrDefault");
    x.close("w:docDefaults");

    let list = [
        Style {
            id: "Normal",
            name: "Normal",
            based_on: None,
            next: None,
            font: fonts::BODY,
            size: BODY_SIZE,
            paragraph: |x| {
                x.empty("w:spacing", &[("w:line", "560"), ("w:lineRule", "exact")]);
                x.empty(
                    "w:ind",
                    &[("w:firstLineChars", "200"), ("w:firstLine", "640")],
                );
                x.val("w:jc", "both");
            },
        },
        Style {
            id: "Title",
            name: "Title",
            based_on: Some("Normal"),
            next: Some("Normal"),
            font: fonts::TITLE,
            size: TITLE_SIZE,
            paragraph: |x| {
                x.empty("w:keepNext", &[]);
                x.empty(
                    "w:spacing",
                    &[
                        ("w:before", "0"),
                        ("w:after", "560"),
                        ("w:line", "240"),
                        ("w:lineRule", "auto"),
                    ],
                );
                x.empty("w:ind", &[("w:firstLineChars", "0"), ("w:firstLine", "0")]);
                x.val("w:jc", "center");
                x.val("w:outlineLvl", "0");
            },
        },
        Style {
            id: "Heading1",
            name: "heading 1",
            based_on: Some("Normal"),
            next: Some("Normal"),
            font: fonts::HEADING,
            size: BODY_SIZE,
            paragraph: |x| {
                x.empty("w:keepNext", &[]);
                x.empty("w:keepLines", &[]);
                x.empty("w:spacing", &[("w:line", "560"), ("w:lineRule", "exact")]);
                x.empty(
                    "w:ind",
                    &[("w:firstLineChars", "200"), ("w:firstLine", "640")],
                );
                x.val("w:outlineLvl", "0");
            },
        },
        Style {
            id: "Heading2",
            name: "heading 2",
            based_on: Some("Normal"),
            next: Some("Normal"),
            font: fonts::SUBHEADING,
            size: BODY_SIZE,
            paragraph: |x| {
                x.empty("w:keepNext", &[]);
                x.empty("w:keepLines", &[]);
                x.empty("w:spacing", &[("w:line", "560"), ("w:lineRule", "exact")]);
                x.empty(
                    "w:ind",
                    &[("w:firstLineChars", "200"), ("w:firstLine", "640")],
                );
                x.val("w:outlineLvl", "1");
            },
        },
        Style {
            id: "TableText",
            name: "Table Text",
            based_on: Some("Normal"),
            next: None,
            font: fonts::TABLE,
            size: TABLE_SIZE,
            paragraph: |x| {
                x.empty(
                    "w:spacing",
                    &[
                        ("w:before", "0"),
                        ("w:after", "0"),
                        ("w:line", "240"),
                        ("w:lineRule", "auto"),
                    ],
                );
                x.empty("w:ind", &[("w:firstLineChars", "0"), ("w:firstLine", "0")]);
                x.val("w:jc", "center");
            },
        },
        Style {
            id: "TableTextSmall",
            name: "Table Text Small",
            based_on: Some("TableText"),
            next: None,
            font: fonts::TABLE,
            size: SMALL_SIZE,
            paragraph: |_| {},
        },
        Style {
            id: "TableNote",
            name: "Table Note",
            based_on: Some("Normal"),
            next: Some("Normal"),
            font: fonts::BODY,
            size: TABLE_SIZE,
            paragraph: |x| {
                x.empty(
                    "w:spacing",
                    &[
                        ("w:before", "60"),
                        ("w:after", "120"),
                        ("w:line", "240"),
                        ("w:lineRule", "auto"),
                    ],
                );
                x.empty("w:ind", &[("w:firstLineChars", "0"), ("w:firstLine", "0")]);
            },
        },
    ];
    for style in list {
        let mut attributes = vec![("w:type", "paragraph"), ("w:styleId", style.id)];
        if style.id == "Normal" {
            attributes.push(("w:default", "1"));
        }
        x.open("w:style", &attributes);
        x.val("w:name", style.name);
        if let Some(b) = style.based_on {
            x.val("w:basedOn", b);
        }
        if let Some(n) = style.next {
            x.val("w:next", n);
        }
        x.empty("w:qFormat", &[]);
        x.open("w:pPr", &[]);
        (style.paragraph)(&mut x);
        x.close("w:pPr");
        run_properties(&mut x, style.font, style.size);
        x.close("w:style");
    }
    // The default table style Word expects.
    x.open(
        "w:style",
        &[
            ("w:type", "table"),
            ("w:default", "1"),
            ("w:styleId", "TableNormal"),
        ],
    );
    x.val("w:name", "Normal Table");
    x.empty("w:semiHidden", &[]);
    x.open("w:tblPr", &[]);
    x.empty("w:tblInd", &[("w:w", "0"), ("w:type", "dxa")]);
    x.open("w:tblCellMar", &[]);
    for (side, w) in [
        ("w:top", "0"),
        ("w:left", "108"),
        ("w:bottom", "0"),
        ("w:right", "108"),
    ] {
        x.empty(side, &[("w:w", w), ("w:type", "dxa")]);
    }
    x.close("w:tblCellMar");
    x.close("w:tblPr");
    x.close("w:style");
    x.close("w:styles");
    x.finish()
}

/// The page number, centred: — 1 —.
fn footer() -> String {
    let mut x = Xml::part();
    x.open("w:ftr", &[("xmlns:w", W)]);
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:ind", &[("w:firstLineChars", "0"), ("w:firstLine", "0")]);
    x.val("w:jc", "center");
    x.close("w:pPr");
    let run = |x: &mut Xml, inner: &dyn Fn(&mut Xml)| {
        x.open("w:r", &[]);
        x.open("w:rPr", &[]);
        x.val("w:sz", "28").val("w:szCs", "28");
        x.close("w:rPr");
        inner(x);
        x.close("w:r");
    };
    run(&mut x, &|x| {
        x.open("w:t", &[("xml:space", "preserve")])
            .text("— ")
            .close("w:t");
    });
    run(&mut x, &|x| {
        x.empty("w:fldChar", &[("w:fldCharType", "begin")]);
    });
    run(&mut x, &|x| {
        x.open("w:instrText", &[("xml:space", "preserve")])
            .text(" PAGE ")
            .close("w:instrText");
    });
    run(&mut x, &|x| {
        x.empty("w:fldChar", &[("w:fldCharType", "separate")]);
    });
    run(&mut x, &|x| {
        x.element("w:t", "1");
    });
    run(&mut x, &|x| {
        x.empty("w:fldChar", &[("w:fldCharType", "end")]);
    });
    run(&mut x, &|x| {
        x.open("w:t", &[("xml:space", "preserve")])
            .text(" —")
            .close("w:t");
    });
    x.close("w:p");
    x.close("w:ftr");
    x.finish()
}

/// Text split where the analyst is to write: `【…】` spans are `true`.
fn placeholders(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('【') {
        let Some(len) = rest[open..].find('】').map(|i| i + '】'.len_utf8()) else {
            break;
        };
        if open > 0 {
            out.push((&rest[..open], false));
        }
        out.push((&rest[open..open + len], true));
        rest = &rest[open + len..];
    }
    if !rest.is_empty() {
        out.push((rest, false));
    }
    out
}

/// A paragraph of `style`; placeholders highlighted.
fn paragraph(x: &mut Xml, style: &str, text: &str) {
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    x.val("w:pStyle", style);
    x.close("w:pPr");
    for (piece, placeholder) in placeholders(text) {
        x.open("w:r", &[]);
        if placeholder {
            x.open("w:rPr", &[]);
            x.val("w:highlight", "yellow");
            x.close("w:rPr");
        }
        x.open("w:t", &[("xml:space", "preserve")])
            .text(piece)
            .close("w:t");
        x.close("w:r");
    }
    x.close("w:p");
}

fn document(parts: &[Part], draft: &Draft) -> String {
    let tables = official_tables(draft.current.form);
    let mut x = Xml::part();
    x.open("w:document", &[("xmlns:w", W), ("xmlns:r", R)]);
    x.open("w:body", &[]);
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Title(t) => paragraph(&mut x, "Title", t),
            Part::Heading(t) => paragraph(&mut x, "Heading1", t),
            Part::Subheading(t) => paragraph(&mut x, "Heading2", t),
            Part::Paragraph(t) => paragraph(&mut x, "Normal", t),
            Part::Note(t) => paragraph(&mut x, "TableNote", t),
            Part::Table(section) => {
                if let Some(t) = tables.iter().find(|t| t.section == *section) {
                    table::write(&mut x, t, &draft.current);
                    // A small empty line under a table, unless a note follows: it spaces the
                    // table from the next heading, and keeps two tables from joining into one.
                    if !matches!(parts.get(i + 1), Some(Part::Note(_))) {
                        paragraph(&mut x, "TableNote", "");
                    }
                }
            }
        }
    }
    x.open("w:sectPr", &[]);
    x.empty(
        "w:footerReference",
        &[("w:type", "default"), ("r:id", "rId4")],
    );
    x.empty(
        "w:pgSz",
        &[
            ("w:w", &PAGE_WIDTH.to_string()),
            ("w:h", &PAGE_HEIGHT.to_string()),
        ],
    );
    x.empty(
        "w:pgMar",
        &[
            ("w:top", &MARGIN_TOP.to_string()),
            ("w:right", &MARGIN_RIGHT.to_string()),
            ("w:bottom", &MARGIN_BOTTOM.to_string()),
            ("w:left", &MARGIN_LEFT.to_string()),
            ("w:header", "851"),
            ("w:footer", "992"),
            ("w:gutter", "0"),
        ],
    );
    x.close("w:sectPr");
    x.close("w:body");
    x.close("w:document");
    x.finish()
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn placeholders_are_the_bracketed_spans() {
        assert_eq!(
            placeholders("如有疑问，请与【联系单位】联系（电话：【电话】）。"),
            vec![
                ("如有疑问，请与", false),
                ("【联系单位】", true),
                ("联系（电话：", false),
                ("【电话】", true),
                ("）。", false),
            ]
        );
        assert_eq!(placeholders("【请填写】"), vec![("【请填写】", true)]);
        assert_eq!(placeholders("未闭合【请"), vec![("未闭合【请", false)]);
    }
}
