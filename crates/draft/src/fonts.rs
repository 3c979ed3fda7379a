//! The fonts of the draft, by name as Chinese official documents set them (GB/T 9704: the title
//! in 方正小标宋简体, headings in 黑体 and 楷体_GB2312, the body in 仿宋_GB2312), each declared in
//! the font table with a fallback Word takes where the font is not installed (`w:altName`: 仿宋
//! for 仿宋_GB2312, as Windows names FangSong) and the GB2312 character set, so that a missing
//! font becomes another Chinese font of its kind, not a Western one. Latin letters and digits
//! are in Times New Roman.

use crate::xml::Xml;

/// A font the draft names.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Font {
    pub name: &'static str,
    /// Taken where `name` is not installed.
    pub fallback: &'static str,
    /// Serif (`roman`), sans (`swiss`), brush (`script`): the kind of a substitute.
    pub family: &'static str,
}

/// The title: 方正小标宋简体, else 黑体 (SimHei), which every Chinese Windows has.
pub(crate) const TITLE: Font = Font {
    name: "方正小标宋简体",
    fallback: "黑体",
    family: "roman",
};
/// The headings 一、… (黑体, SimHei).
pub(crate) const HEADING: Font = Font {
    name: "黑体",
    fallback: "SimHei",
    family: "swiss",
};
/// The headings （一）… (楷体_GB2312, else 楷体 KaiTi).
pub(crate) const SUBHEADING: Font = Font {
    name: "楷体_GB2312",
    fallback: "楷体",
    family: "script",
};
/// The body (仿宋_GB2312, else 仿宋 FangSong; Word's last resort for GB2312 is 宋体).
pub(crate) const BODY: Font = Font {
    name: "仿宋_GB2312",
    fallback: "仿宋",
    family: "modern",
};
/// The tables (宋体, SimSun).
pub(crate) const TABLE: Font = Font {
    name: "宋体",
    fallback: "SimSun",
    family: "auto",
};

/// Latin letters and digits.
pub(crate) const LATIN: &str = "Times New Roman";

const ALL: [Font; 5] = [TITLE, HEADING, SUBHEADING, BODY, TABLE];

/// `w:rFonts` for text in `font`: Chinese in it (and punctuation shared by both scripts, by the
/// `eastAsia` hint), Latin in Times New Roman.
pub(crate) fn run_fonts(x: &mut Xml, font: Font) {
    x.empty(
        "w:rFonts",
        &[
            ("w:ascii", LATIN),
            ("w:hAnsi", LATIN),
            ("w:eastAsia", font.name),
            ("w:cs", LATIN),
            ("w:hint", "eastAsia"),
        ],
    );
}

/// `word/fontTable.xml`.
pub(crate) fn font_table() -> String {
    let mut x = Xml::part();
    x.open("w:fonts", &[("xmlns:w", crate::package::W)]);
    for font in ALL {
        x.open("w:font", &[("w:name", font.name)])
            .val("w:altName", font.fallback)
            // 86: GB2312, the character set of simplified Chinese fonts.
            .val("w:charset", "86")
            .val("w:family", font.family)
            .val("w:pitch", "variable")
            .close("w:font");
    }
    x.open("w:font", &[("w:name", LATIN)])
        .val("w:charset", "00")
        .val("w:family", "roman")
        .val("w:pitch", "variable")
        .close("w:font");
    x.close("w:fonts");
    x.finish()
}
