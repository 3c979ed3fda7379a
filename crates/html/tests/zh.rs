//! Notes on a page's charset in Chinese, as a user with a Chinese locale reads them. The language
//! is process-wide, so these run in a test binary of their own; the crate's other tests run in
//! English.

use encoding_rs::GBK;
use gongkai_html::decode_page;
use gongkai_messages::{set_lang, Lang};

#[test]
fn charset_notes_in_chinese() {
    set_lang(Lang::Zh);
    // Declared UTF-8, written GBK: two notes, one after the other.
    let (body, _, _) = GBK.encode("<meta charset=\"utf-8\"><p>主动公开政府信息情况</p>");
    assert_eq!(
        decode_page(&body).note.as_deref(),
        Some("页面声明的字符集为 UTF-8，但内容不符合该编码；已按 gb18030 读取")
    );
    // No declaration, GBK bytes.
    let (body, _, _) = GBK.encode("<p>主动公开政府信息情况</p>");
    assert_eq!(
        decode_page(&body).note.as_deref(),
        Some("页面未声明字符集，已按 gb18030 读取")
    );
    // A charset for no Chinese text: ignored.
    let page = "<meta charset=\"iso-8859-2\"><p>规章</p>";
    assert_eq!(
        decode_page(page.as_bytes()).note.as_deref(),
        Some("页面声明的字符集 ISO-8859-2 不适用于中文，已忽略；已按 UTF-8 读取")
    );
}
