//! The draft's structure, its money sentences, and its language, from small figures made here.
//! (The round trip through the project's Word reader is in `tests/round_trip.rs`.)

use std::io::Read;

use gongkai_form::{FormVersion, MONEY_SCALE};

use super::*;

fn zeros(form: FormVersion) -> Vec<i64> {
    vec![0; form.catalogue().len()]
}

fn index(form: FormVersion, section: Section, row: &str, column: &str) -> usize {
    form.catalogue()
        .find(section, row, column)
        .map(|c| c.index)
        .unwrap_or_else(|| panic!("{form}: no {row}.{column}"))
}

fn draft<'a>(form: FormVersion, values: &'a [i64], previous: Option<Figures<'a>>) -> Draft<'a> {
    Draft {
        caveats: &[],
        name: "兰州市",
        current: Figures {
            year: if form == FormVersion::F2019 {
                2020
            } else {
                2022
            },
            form,
            values,
        },
        previous,
    }
}

#[test]
fn the_parts_follow_the_official_report() {
    for form in FormVersion::ALL {
        let values = zeros(form);
        let parts = with_lang(Lang::Zh, || parts(&draft(form, &values, None)));
        let outline: Vec<String> = parts
            .iter()
            .filter_map(|p| match p {
                Part::Title(t) => Some(format!("title {t}")),
                Part::Heading(t) => Some(t.clone()),
                Part::Subheading(t) => Some(format!("  {t}")),
                Part::Table(s) => Some(format!("table {}", s.code())),
                Part::Note(_) => Some("note".to_string()),
                Part::Paragraph(_) => None,
            })
            .collect();
        let year = if form == FormVersion::F2019 {
            2020
        } else {
            2022
        };
        let mut expected = vec![
            format!("title 兰州市{year}年政府信息公开工作年度报告"),
            "一、总体情况".to_string(),
            "  （一）主动公开".to_string(),
            "  （二）依申请公开".to_string(),
            "  （三）政府信息管理".to_string(),
            "  （四）平台建设".to_string(),
            "  （五）监督保障".to_string(),
            "二、主动公开政府信息情况".to_string(),
            "table active".to_string(),
        ];
        if form == FormVersion::F2019 {
            // 采购总金额 has no unit on the 2019 form.
            expected.push("note".to_string());
        }
        expected.extend(
            [
                "三、收到和处理政府信息公开申请情况",
                "table requests",
                "四、政府信息公开行政复议、行政诉讼情况",
                "table appeals",
                "五、存在的主要问题及改进情况",
                "六、其他需要报告的事项",
            ]
            .map(String::from),
        );
        assert_eq!(outline, expected, "{form}");
        // 五 and 六 are places to write in, marked for the analyst.
        let tail: Vec<&Part> = parts.iter().rev().take(3).collect();
        assert!(
            matches!(tail[0], Part::Paragraph(p) if p.starts_with('【') && p.ends_with('】')),
            "{tail:?}"
        );
    }
}

#[test]
fn money_is_stated_in_wan_yuan_with_its_change() {
    let form = FormVersion::F2021;
    let fees = index(form, Section::Active, "fees", "amount");
    let mut now = zeros(form);
    now[fees] = 1500 * MONEY_SCALE + MONEY_SCALE / 2;
    let mut before = zeros(form);
    before[fees] = 1000 * MONEY_SCALE;
    let previous = Figures {
        year: 2021,
        form,
        values: &before,
    };
    let text = with_lang(Lang::Zh, || {
        prose::active(&draft(form, &now, Some(previous)))
    });
    assert!(
        text.contains("收取行政事业性收费1500.5万元，同比增加500.5万元（50.1%）"),
        "{text}"
    );
    // Less than a year before, to the cent.
    before[fees] = 1500 * MONEY_SCALE + MONEY_SCALE / 2 + 100;
    let previous = Figures {
        year: 2021,
        form,
        values: &before,
    };
    let text = with_lang(Lang::Zh, || {
        prose::active(&draft(form, &now, Some(previous)))
    });
    assert!(
        text.contains("收取行政事业性收费1500.5万元，同比减少0.0001万元（0.0%）"),
        "{text}"
    );
}

/// The main part's XML.
fn document_xml(bytes: Vec<u8>) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn the_document_is_in_chinese_whatever_the_run_speaks() {
    let values = zeros(FormVersion::F2019);
    let bytes = with_lang(Lang::En, || {
        docx(&draft(FormVersion::F2019, &values, None)).unwrap()
    });
    let xml = document_xml(bytes);
    for words in ["一、总体情况", "新收政府信息公开申请0件", "【请填写"] {
        assert!(xml.contains(words), "{words}");
    }
    assert!(!xml.contains("Overall"), "no English in the document");
    // The errors are the user's, in the run's language.
    let short = [0i64; 3];
    let err = docx(&draft(FormVersion::F2019, &short, None)).unwrap_err();
    let en = with_lang(Lang::En, || err.to_string());
    let zh = with_lang(Lang::Zh, || err.to_string());
    assert!(
        en.contains("198 cells") && en.contains("hold 3 values"),
        "{en}"
    );
    assert!(zh.contains("应有 198 个单元格"), "{zh}");
}

#[test]
fn the_fonts_are_named_with_their_fallbacks() {
    let xml = fonts::font_table();
    for (name, fallback) in [
        ("仿宋_GB2312", "仿宋"),
        ("方正小标宋简体", "黑体"),
        ("楷体_GB2312", "楷体"),
        ("黑体", "SimHei"),
        ("宋体", "SimSun"),
    ] {
        let entry = format!(r#"<w:font w:name="{name}"><w:altName w:val="{fallback}"/>"#);
        assert!(xml.contains(&entry), "{entry}");
    }
    let values = zeros(FormVersion::F2021);
    let xml = document_xml(docx(&draft(FormVersion::F2021, &values, None)).unwrap());
    // Spans written as Word writes them: table 三's header and its groups of rows.
    assert!(xml.contains(r#"<w:gridSpan w:val="3"/><w:vMerge w:val="restart"/>"#));
    assert!(xml.contains("<w:vMerge/>"));
    assert!(xml.contains("<w:tblHeader/>"));
}

#[test]
fn a_total_that_is_not_whole_says_so_under_the_title() {
    let values = zeros(FormVersion::F2021);
    let caveats = ["注意：本合计系加 --force 强行汇总，数据不完整。".to_string()];
    let plain = document_xml(docx(&draft(FormVersion::F2021, &values, None)).unwrap());
    assert!(!plain.contains("数据不完整"));
    let mut noted = draft(FormVersion::F2021, &values, None);
    noted.caveats = &caveats;
    let xml = document_xml(docx(&noted).unwrap());
    let at = xml.find("数据不完整").expect("the caveat is in the draft");
    let overview = xml.find("一、总体情况").expect("the overview");
    assert!(at < overview, "the caveat comes before the overview");
    // Highlighted, as the places to write are: the run holding it is marked.
    let run = &xml[xml[..at].rfind("<w:r>").expect("its run")..at];
    assert!(run.contains("w:highlight"), "{run}");
}
