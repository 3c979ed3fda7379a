//! A published report's import in Chinese, as a user with a Chinese locale reads it. The language
//! is process-wide, so these run in a test binary of their own; the crate's other tests run in
//! English.

use std::path::{Path, PathBuf};

use gongkai_messages::{set_lang, Lang};
use gongkai_pages::{import_bytes, import_file};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

#[test]
fn import_notes_and_summaries_in_chinese() {
    set_lang(Lang::Zh);
    // A blank total derived from its parts, named as the form prints it.
    let file = fixtures().join("reports/district-2019-gbk.html");
    let imp = import_file(&file);
    let notes: Vec<&str> = imp.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        notes,
        [
            "表三“一、本年新收政府信息公开申请数量”行“总计”列为空，已按各分项之和计为 19\
          （R3，requests.new_received.total）。"
        ]
    );
    assert_eq!(
        imp.summary(),
        format!(
            "完整读取  {}：示例区 2019 年（2019 年版格式）：读取数值 198/198 项",
            file.display()
        )
    );

    // Tables 三 and 四 missing: said table by table.
    let text = "兰州市2020年政府信息公开工作年度报告\n\
        二、主动公开政府信息情况\n\
        第二十条第（一）项\n\
        信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n\
        规章\t36\t3\t50\n\
        规范性文件\t1705\t864\t3117\n\
        第二十条第（五）项\n\
        信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n\
        行政许可\t1634\t1670\t1432816\n";
    let partial = import_bytes(text.as_bytes(), Path::new("x.txt")).summary();
    assert!(
        partial
            .starts_with("部分读取  x.txt：兰州市 2020 年（2019 年版格式）：读取数值 9/198 项。")
            && partial.contains("未找到表三（收到和处理政府信息公开申请情况）；未找到表四"),
        "{partial}"
    );
    // A heading seen, no row of the form under it.
    let text =
        "兰州市2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n";
    assert_eq!(
        import_bytes(text.as_bytes(), Path::new("x.txt")).summary(),
        "无法读取  x.txt：兰州市 2020 年：未找到年报表格。页面上有表二（主动公开政府信息情况）的标题或\
         表头，但其下没有 2019 年版格式中的行。请核对表格的行名是否与格式一致。"
    );

    // Unreadable: why, and what to do.
    let scan = import_file(&fixtures().join("published/scanned-2-pages.pdf")).summary();
    assert!(
        scan.starts_with("无法读取  ")
            && scan.ends_with(
                "scanned-2-pages.pdf：该 PDF 没有文字层（扫描件，共 2 页），无法读取数字。\
                 请提交 Word 或 Excel 原件。"
            ),
        "{scan}"
    );
    let no_year = import_bytes("一些文字\n没有表格\n".as_bytes(), Path::new("说明.txt"));
    assert_eq!(
        no_year.summary(),
        "无法读取  说明.txt：无法确定报告年度：既没有“兰州市2020年政府信息公开工作年度报告”这样的\
         标题，文件名中也没有年份。请在文件名中写明年度后再导入。"
    );
    let empty = import_bytes(
        "<html><head><meta charset=\"utf-8\"><title>某县2022年政府信息公开工作年度报告</title>\
         </head><body><p>页面不存在</p></body></html>"
            .as_bytes(),
        Path::new("empty.htm"),
    );
    assert_eq!(
        empty.summary(),
        "无法读取  empty.htm：某县 2022 年：未找到年报表格（2021 年版格式各表的行名均未出现）。\
         请核对文件是否为政府信息公开工作年度报告。"
    );

    // A file name whose year is not the title's; numbers a scan's recognition wrote with
    // letters, and one it garbled.
    let page =
        std::fs::read(fixtures().join("reports/lanzhou-2020-portal.html")).unwrap_or_default();
    let renamed = import_bytes(&page, Path::new("兰州市2021.html"));
    let notes: Vec<&str> = renamed
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        notes,
        ["文件名“兰州市2021”中的年度为 2021 年，页面标题为 2020 年，已按标题记为 2020 年。请核对。"]
    );
    let scan = import_bytes(
        "兰州市2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
         一、本年新收政府信息公开申请数量 284 5O 1 2 6 0 343\n\
         二、上年结转政府信息公开申请数量 1? 0 0 0 0 0 14\n"
            .as_bytes(),
        Path::new("scan.txt"),
    );
    let notes: Vec<&str> = scan
        .diagnostics
        .iter()
        .take(2)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        notes,
        [
            "“5O”已按数字 50 读取（文字识别常把 0、1 识别为字母 O、l）。请核对原件。",
            "“1?”位于一行数字之中，但不是数字，该行数值未读取。请核对原件。"
        ]
    );
}
