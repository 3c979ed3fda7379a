//! Places and formats in Chinese. The language is process-wide: every test of this binary (and
//! only of this one) speaks Chinese.

use std::path::Path;

use gongkai_document::decode::{decode, EncodingChoice};
use gongkai_document::{Format, Place};
use gongkai_messages::{set_lang, Lang};

#[test]
fn places_formats_and_decoding_speak_chinese() {
    set_lang(Lang::Zh);
    let file = Path::new("西固区.csv");
    let at = |place: Place| place.in_file(file).to_string();
    assert_eq!(
        at(Place::Line {
            line: 12,
            column: Some(4)
        }),
        "西固区.csv 第12行第4列"
    );
    assert_eq!(at(Place::File), "西固区.csv");
    assert_eq!(
        at(Place::Sheet {
            sheet: "表三".into(),
            row: 7,
            column: None
        }),
        "西固区.csv[表三]!7:7"
    );
    assert_eq!(Format::Xlsx.name(), "Excel 工作簿");
    assert_eq!(
        Format::Odt.not_read(),
        "OpenDocument 文本文件：请另存为 .docx 后重新报送"
    );
    assert_eq!(Format::Binary.not_read(), "不是报表：文件内容为二进制数据");
    let e = decode(b"a,b\n\0", EncodingChoice::Auto).err();
    assert_eq!(
        e.map(|e| e.to_string()),
        Some(
            "文件是二进制数据，不是 CSV 文本（第 4 字节处为空字节）；请将表格另存为 CSV"
                .to_string()
        )
    );
}
