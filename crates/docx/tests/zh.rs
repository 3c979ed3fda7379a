//! Errors in Chinese, as a user with a Chinese locale reads them. The language is process-wide,
//! so these run in a test binary of their own; the crate's other tests run in English.

use std::io::{Cursor, Write};

use gongkai_docx::{read, DocxError};
use gongkai_messages::{set_lang, Lang};

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut out);
    for (name, data) in entries {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .ok();
        writer.write_all(data).ok();
    }
    writer.finish().ok();
    out.into_inner()
}

fn error_of(bytes: &[u8]) -> String {
    match read(bytes) {
        Ok(_) => panic!("read as a Word document"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn errors_say_in_chinese_what_to_do() {
    set_lang(Lang::Zh);
    assert_eq!(
        DocxError::OldWord.to_string(),
        "这是旧版 Word 文件（.doc 或 .wps），无法读取。请用 Word 或 WPS 另存为 .docx（“另存为”时\
         选择“Word 文档”）后再提交。"
    );
    assert_eq!(
        DocxError::AltChunk { chunks: 2 }.to_string(),
        "文档以 HTML 或 RTF 形式嵌入了 2 部分内容（w:altChunk，网上系统导出的 Word 文件常见），\
         须由 Word 打开时才转换为正文。请用 Word 或 WPS 打开，重新保存后再提交。"
    );
    assert_eq!(
        error_of(b"<html><body><table></table></body></html>"),
        "不是 Word 文档（文件格式：HTML 网页）。请按该格式读取，或另存为 .docx 后再提交。"
    );
    let names = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"];
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (*n, &b"x"[..])).collect();
    assert_eq!(
        error_of(&zip_of(&entries)),
        "压缩包中没有 Word 文档（缺少 word/document.xml）：其中有 6 个文件（a.txt, b.txt, c.txt, \
         d.txt, e.txt 等）。"
    );
    let xlsx = zip_of(&[("xl/workbook.xml", b"<workbook/>")]);
    assert_eq!(
        error_of(&xlsx),
        "压缩包中没有 Word 文档（缺少 word/document.xml）：这是 Excel 工作簿（.xlsx），请按工作簿读取。"
    );
    // A document cut short inside its body: the reason is worded here too.
    let cut = zip_of(&[(
        "word/document.xml",
        b"<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>x</w:t></w:r>",
    )]);
    let e = error_of(&cut);
    assert!(
        e.starts_with("文档内容 word/document.xml 在第 ")
            && e.contains("文件在 3 个未闭合的元素中结束，内容不完整")
            && e.ends_with("请用 Word 或 WPS 打开，重新保存后再提交。"),
        "{e}"
    );
}
