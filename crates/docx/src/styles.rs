//! Which paragraph styles are titles and headings (`word/styles.xml`). A paragraph names its
//! style by id, and ids are local: Word in Chinese writes `1` for 标题 1 and `a3` for 标题,
//! while the style's `w:name` stays the built-in English one (`heading 1`, `Title`).

use std::collections::HashMap;
use std::io::BufRead;

use quick_xml::events::Event;

use crate::{xml_error, DocxError, Limits};

/// The paragraph styles the part defines, by id: true for titles and headings.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    headings: HashMap<String, bool>,
}

impl Styles {
    /// True when paragraphs of style `id` are a title or heading: as the styles part defines
    /// it, else by the id itself (`Title`, `Heading1`, `1`…`9`, `标题…`).
    pub(crate) fn is_heading(&self, id: &str) -> bool {
        match self.headings.get(id) {
            Some(heading) => *heading,
            None => heading_name(id) || matches!(id.as_bytes(), [b'1'..=b'9']),
        }
    }
}

/// A style name or id that says title or heading.
fn heading_name(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    lower == "title"
        || lower.starts_with("heading")
        || lower.starts_with("subtitle")
        || lower.contains("标题")
}

/// Reads the styles part.
pub(crate) fn read(part: impl BufRead, name: &str, limits: &Limits) -> Result<Styles, DocxError> {
    let mut reader = quick_xml::Reader::from_reader(part);
    let mut buf = Vec::new();
    let mut styles = Styles::default();
    let mut depth = 0usize;
    // The paragraph style being read: its id, and whether it is a heading yet.
    let mut current: Option<(String, bool)> = None;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| xml_error(name, reader.error_position(), &e, limits))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                    if depth > limits.depth {
                        return Err(DocxError::TooDeep {
                            part: name.to_string(),
                            limit: limits.depth,
                        });
                    }
                }
                let val = || {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "val")
                        .map(|a| a.value.into_owned())
                };
                match e.local_name().as_ref() {
                    "style" => {
                        let mut id = None;
                        let mut paragraph = true;
                        for a in e.attributes().flatten() {
                            match a.key.local_name().as_ref() {
                                "styleId" => id = Some(a.value.into_owned()),
                                "type" => paragraph = a.value == "paragraph",
                                _ => {}
                            }
                        }
                        current = id.filter(|_| paragraph).map(|id| (id, false));
                        if matches!(event, Event::Empty(_)) {
                            current = None;
                        }
                    }
                    "name" => {
                        if let (Some((_, heading)), Some(v)) = (&mut current, val()) {
                            *heading |= heading_name(&v);
                        }
                    }
                    "outlineLvl" => {
                        if let (Some((_, heading)), Some(v)) = (&mut current, val()) {
                            // Levels 0–8 are headings; 9 is body text.
                            *heading |= v.trim().parse::<u8>().is_ok_and(|l| l < 9);
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if e.local_name().as_ref() == "style" {
                    if let Some((id, heading)) = current.take() {
                        styles.headings.insert(id, heading);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(styles)
}
