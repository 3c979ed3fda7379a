//! Errors in Chinese, as a user with a Chinese locale reads them. The language is process-wide,
//! so these run in a test binary of their own; the crate's other tests run in English.

use std::path::PathBuf;

use gongkai_messages::{set_lang, Lang};
use gongkai_pdf::{read, PdfError};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/published")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn error_of(bytes: &[u8]) -> String {
    match read(bytes) {
        Ok(_) => panic!("read as a PDF"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn errors_say_in_chinese_what_to_do() {
    set_lang(Lang::Zh);
    assert_eq!(
        error_of(&fixture("scanned-2-pages.pdf")),
        "该 PDF 没有文字层（扫描件，共 2 页），无法读取数字。请提交 Word 或 Excel 原件。"
    );
    assert_eq!(
        error_of(&fixture("encrypted-password.pdf")),
        "该 PDF 已加密，须输入密码才能打开。请提交无密码的版本，或 Word、Excel 原件。"
    );
    let whole = fixture("lanzhou-2020.pdf");
    assert_eq!(
        error_of(whole.get(..whole.len() / 2).unwrap_or_default()),
        "该 PDF 不完整（结尾没有 %%EOF），保存或传送时未能完整。请重新导出或重新发送。"
    );
    assert_eq!(
        error_of(b"<html></html>"),
        "不是 PDF 文件：文件开头没有 %PDF- 标记。请核实文件类型后再提交。"
    );
    // A limit: what and how much, both worded in the run's language.
    let e = PdfError::TooLarge {
        what: gongkai_messages::msg!("pdf-what-page-content", page = 3),
        limit: gongkai_messages::msg!("pdf-limit-mib", mib = 32),
    };
    assert_eq!(
        e.to_string(),
        "第 3 页的内容超出一份年报的上限（解压后 32 MiB），未读取。请核实文件是否正确。"
    );
}
