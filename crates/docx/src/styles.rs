//! Which paragraph styles are titles and headings (`word/styles.xml`). A paragraph names its
//! style by id, and ids are local: Word in Chinese writes `1` for 标题 1 and `a3` for 标题,
//! while the style's `w:name` stays the built-in English one (`heading 1`, `Title`).

use std::collections::HashMap;
use std::io::BufRead;

use quick_xml::events::Event;

use crate::{xml_error, DocxError, Limits};

/// What a paragraph style makes a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The document's title (`Title`, a custom 报告标题): a title broken over two paragraphs
    /// reads as one.
    Title,
    /// A heading of a section (`heading 1`, an outline level).
    Heading,
    Body,
}

/// The paragraph styles the part defines, by id.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    roles: HashMap<String, Role>,
}

impl Styles {
    /// What paragraphs of style `id` are: as the styles part defines it, else as the id says
    /// (`Title`, `Heading1`, `1`…`9`, `标题…`).
    pub(crate) fn role(&self, id: &str) -> Role {
        match self.roles.get(id) {
            Some(role) => *role,
            None if matches!(id.as_bytes(), [b'1'..=b'9']) => Role::Heading,
            None => role_of_name(id),
        }
    }
}

/// What a style's name (or id) says it is.
fn role_of_name(name: &str) -> Role {
    let lower = name.trim().to_lowercase();
    if lower.starts_with("heading") {
        Role::Heading
    } else if lower == "title" || lower.starts_with("subtitle") {
        Role::Title
    } else if lower.contains("标题") {
        // 标题 1 is a heading; 标题, 报告大标题 a title.
        if lower.chars().any(|c| c.is_ascii_digit()) {
            Role::Heading
        } else {
            Role::Title
        }
    } else {
        Role::Body
    }
}

/// Reads the styles part.
pub(crate) fn read(part: impl BufRead, name: &str, limits: &Limits) -> Result<Styles, DocxError> {
    let mut reader = quick_xml::Reader::from_reader(part);
    let mut buf = Vec::new();
    let mut styles = Styles::default();
    let mut depth = 0usize;
    // The paragraph style being read: its id, and its role so far.
    let mut current: Option<(String, Role)> = None;
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
                        current = id.filter(|_| paragraph).map(|id| (id, Role::Body));
                        if matches!(event, Event::Empty(_)) {
                            current = None;
                        }
                    }
                    "name" => {
                        if let (Some((_, role)), Some(v)) = (&mut current, val()) {
                            *role = role_of_name(&v);
                        }
                    }
                    "outlineLvl" => {
                        if let (Some((_, role)), Some(v)) = (&mut current, val()) {
                            // Levels 0–8 are headings; 9 is body text.
                            if *role == Role::Body && v.trim().parse::<u8>().is_ok_and(|l| l < 9) {
                                *role = Role::Heading;
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if e.local_name().as_ref() == "style" {
                    if let Some((id, role)) = current.take() {
                        styles.roles.insert(id, role);
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
