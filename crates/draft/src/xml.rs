//! Writing XML parts: elements with attributes, text escaped (quick-xml's escaping), into one
//! string. The parts are built in order, so a writer that only appends is enough.

use quick_xml::escape::escape;

/// The XML declaration every part starts with.
const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// A part being written.
#[derive(Debug)]
pub(crate) struct Xml {
    out: String,
}

impl Xml {
    /// A part, with its declaration.
    pub(crate) fn part() -> Xml {
        let mut out = String::with_capacity(4096);
        out.push_str(DECLARATION);
        Xml { out }
    }

    /// A fragment, without the declaration.
    #[cfg(test)]
    pub(crate) fn fragment() -> Xml {
        Xml { out: String::new() }
    }

    fn start(&mut self, tag: &str, attributes: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attributes {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            self.out.push_str(&escape(*value));
            self.out.push('"');
        }
    }

    /// `<tag a="v">`.
    pub(crate) fn open(&mut self, tag: &str, attributes: &[(&str, &str)]) -> &mut Xml {
        self.start(tag, attributes);
        self.out.push('>');
        self
    }

    /// `<tag a="v"/>`.
    pub(crate) fn empty(&mut self, tag: &str, attributes: &[(&str, &str)]) -> &mut Xml {
        self.start(tag, attributes);
        self.out.push_str("/>");
        self
    }

    /// `<tag w:val="v"/>`: most of WordprocessingML's properties.
    pub(crate) fn val(&mut self, tag: &str, value: &str) -> &mut Xml {
        self.empty(tag, &[("w:val", value)])
    }

    /// `</tag>`.
    pub(crate) fn close(&mut self, tag: &str) -> &mut Xml {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// Text, escaped.
    pub(crate) fn text(&mut self, text: &str) -> &mut Xml {
        self.out.push_str(&escape(text));
        self
    }

    /// `<tag>text</tag>`.
    pub(crate) fn element(&mut self, tag: &str, text: &str) -> &mut Xml {
        self.open(tag, &[]).text(text).close(tag)
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::Xml;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut x = Xml::fragment();
        x.open("a", &[("v", r#"1<2 & "q""#)])
            .text("x<y&z")
            .close("a")
            .val("w:b", "'");
        assert_eq!(
            x.finish(),
            r#"<a v="1&lt;2 &amp; &quot;q&quot;">x&lt;y&amp;z</a><w:b w:val="&apos;"/>"#
        );
    }
}
