//! Errors in Chinese, as a user with a Chinese locale reads them. The language is process-wide,
//! so these run in a test binary of their own; the crate's other tests run in English.

use std::io::{Cursor, Write};
use std::path::PathBuf;

use gongkai_messages::{set_lang, Lang};
use gongkai_workbook::{read, WorkbookError};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/workbooks")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn error_of(bytes: &[u8]) -> String {
    match read(bytes) {
        Ok(_) => panic!("read as a workbook"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn errors_say_in_chinese_what_to_do() {
    set_lang(Lang::Zh);
    assert_eq!(
        error_of(b"just text"),
        "该文件不是工作簿：既不是 .xlsx、.ods 所用的 zip 格式，也不是 .xls、.et 所用的复合文档格式。"
    );

    let mut docx = Cursor::new(Vec::new());
    {
        let mut writer = zip::ZipWriter::new(&mut docx);
        let options = zip::write::SimpleFileOptions::default();
        writer.start_file("word/document.xml", options).ok();
        writer.write_all(b"<w:document/>").ok();
        writer.finish().ok();
    }
    assert_eq!(
        error_of(&docx.into_inner()),
        "该文件不是工作簿：这是 Word 文档（.docx）。"
    );

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write(0, 0, "规章").ok();
    sheet.write(1_048_575, 16_383, 1).ok();
    assert_eq!(
        error_of(&book.save_to_buffer().unwrap_or_default()),
        "工作表“Sheet1”过大，未读取：单元格 XFD1048576 超出一张工作表允许的范围（至多 100000 \
         行、1000 列、1000000 个单元格；一份年报约 100 行、15 列）。请删除表格以外的多余内容后再提交。"
    );

    // An .xls cut short: the compound file's own words, in Chinese too.
    let xls = fixture("城关区-2020.xls");
    let cut = error_of(xls.get(..xls.len() / 2).unwrap_or_default());
    assert_eq!(
        cut,
        "工作簿已损坏或不完整（扇区链指向第 19 扇区，超出文件末尾）。请用 Excel 或 WPS 打开，\
         重新保存后再提交。"
    );

    assert_eq!(
        WorkbookError::Encrypted(gongkai_messages::msg!("workbook-xls-filepass")).to_string(),
        "工作簿设有密码，无法读取：.xls 工作簿已加密（FILEPASS）。请取消密码另存一份后再提交。"
    );
}
