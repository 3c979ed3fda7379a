//! A PDF font as far as reading text needs it: how a shown string splits into character codes,
//! each code's Unicode text and its advance width.
//!
//! Text comes from the font's ToUnicode map first (what LibreOffice and Word write for every
//! embedded font, CJK included), else from its encoding: a named or differences encoding for a
//! simple font, UTF-16 for the Unicode CJK CMaps (`UniGB-UCS2-H`), GBK for the GB CMaps
//! (`GBK-EUC-H`, old Chinese PDFs). A Type0 font with `Identity-H` and no ToUnicode has no text
//! a reader can know: its glyphs are counted as undecoded.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Encoding, Object};

use crate::content::resolve;

/// How a string's bytes split into character codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Split {
    One,
    Two,
    /// By the ToUnicode map's code lengths (a Type0 font with a CMap of its own).
    ByMap,
    /// GBK: a byte below 0x80 alone, else two.
    Gbk,
}

enum Decoder {
    /// One-byte codes: the text of each.
    Table(Vec<Option<String>>),
    /// Multi-byte codes through the ToUnicode map (owned by the encoding).
    Map(Encoding<'static>),
    Utf16,
    Gbk,
    None,
}

/// Widths in thousandths of the font size.
#[derive(Debug)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f64>,
        missing: f64,
    },
    Cid {
        default: f64,
        widths: HashMap<u32, f64>,
    },
}

/// The `/W` entries one font keeps at most: a whole CJK font's run to tens of thousands.
const MAX_WIDTHS: usize = 100_000;

pub(crate) struct Font {
    split: Split,
    decoder: Decoder,
    widths: Widths,
    /// Type3 glyph space to text space, in thousandths.
    scale: f64,
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font")
            .field("split", &self.split)
            .field("widths", &self.widths)
            .finish()
    }
}

/// One character code of a shown string.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Code<'b> {
    pub code: u32,
    pub bytes: &'b [u8],
}

impl Font {
    /// Reads a font dictionary; `limit` bounds the inflated bytes of its ToUnicode map, and
    /// `widths` the width entries a CID font may still keep (spent here).
    pub fn new(doc: &Document, dict: &Dictionary, limit: usize, widths: &mut usize) -> Font {
        let name = |d: &Dictionary, k: &[u8]| -> Option<Vec<u8>> {
            d.get(k)
                .ok()
                .and_then(|o| resolve(doc, o))
                .and_then(|o| o.as_name().ok())
                .map(<[u8]>::to_vec)
        };
        let subtype = name(dict, b"Subtype").unwrap_or_default();
        let encoding_name = name(dict, b"Encoding");
        let has_to_unicode = dict.get(b"ToUnicode").is_ok();
        // lopdf reads /Encoding first and ToUnicode after; a ToUnicode map is what the
        // writer meant the text to be, so it goes first here. A limit hit (a bomb) or a map
        // that does not read leaves the encoding.
        let to_unicode = if has_to_unicode {
            let mut only_map = dict.clone();
            only_map.remove(b"Encoding");
            match only_map.get_font_encoding_with_limit(doc, limit) {
                Ok(Encoding::UnicodeMapEncoding(map)) => Some(Encoding::UnicodeMapEncoding(map)),
                _ => None,
            }
        } else {
            None
        };
        if subtype == b"Type0" {
            let descendant = dict
                .get(b"DescendantFonts")
                .ok()
                .and_then(|o| resolve(doc, o))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| resolve(doc, o))
                .and_then(|o| o.as_dict().ok());
            let cmap = encoding_name.unwrap_or_default();
            let identity = cmap.starts_with(b"Identity");
            let unicode =
                cmap.starts_with(b"Uni") && (contains(&cmap, b"UCS2") || contains(&cmap, b"UTF16"));
            let gbk = cmap.starts_with(b"GB");
            let widths = descendant.map_or(
                Widths::Cid {
                    default: 1000.0,
                    widths: HashMap::new(),
                },
                |d| cid_widths(doc, d, widths),
            );
            let (split, decoder) = match to_unicode {
                Some(map) if identity || unicode => (Split::Two, Decoder::Map(map)),
                Some(map) if gbk => (Split::Gbk, Decoder::Map(map)),
                Some(map) => (Split::ByMap, Decoder::Map(map)),
                None if unicode => (Split::Two, Decoder::Utf16),
                None if gbk => (Split::Gbk, Decoder::Gbk),
                None => (Split::Two, Decoder::None),
            };
            return Font {
                split,
                decoder,
                widths,
                scale: 1.0,
            };
        }
        // A simple font: one byte a code.
        let encoding = match to_unicode {
            Some(map) => Some(map),
            None => dict.get_font_encoding_with_limit(doc, limit).ok(),
        };
        let table = (0..=255u8)
            .map(|b| {
                encoding
                    .as_ref()
                    .and_then(|e| e.bytes_to_string(&[b]).ok())
                    .filter(|t| !t.is_empty() && t != "\u{fffd}")
            })
            .collect();
        let scale = if subtype == b"Type3" {
            dict.get(b"FontMatrix")
                .ok()
                .and_then(|o| resolve(doc, o))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(number)
                .map_or(1.0, |a| a * 1000.0)
        } else {
            1.0
        };
        Font {
            split: Split::One,
            decoder: Decoder::Table(table),
            widths: simple_widths(doc, dict),
            scale,
        }
    }

    /// The codes of a shown string.
    pub fn codes<'s, 'b: 's>(&'s self, bytes: &'b [u8]) -> impl Iterator<Item = Code<'b>> + 's {
        let mut at = 0;
        std::iter::from_fn(move || {
            let rest = bytes.get(at..).filter(|r| !r.is_empty())?;
            let len = match self.split {
                Split::One => 1,
                Split::Two => 2,
                Split::Gbk => {
                    if rest.first().is_some_and(|b| *b < 0x80) {
                        1
                    } else {
                        2
                    }
                }
                Split::ByMap => (1..=4)
                    .find(|n| {
                        let Decoder::Map(Encoding::UnicodeMapEncoding(map)) = &self.decoder else {
                            return false;
                        };
                        rest.get(..*n)
                            .is_some_and(|c| map.get(code_of(c), *n as u8).is_some())
                    })
                    .unwrap_or(1),
            }
            .min(rest.len());
            at += len;
            let code = rest.get(..len)?;
            Some(Code {
                code: code_of(code),
                bytes: code,
            })
        })
    }

    /// A code's text; `None` when the font does not say.
    pub fn text(&self, code: &[u8]) -> Option<String> {
        let text = match &self.decoder {
            Decoder::Table(table) => {
                return code
                    .first()
                    .and_then(|b| table.get(usize::from(*b)))
                    .cloned()
                    .flatten()
            }
            Decoder::Map(Encoding::UnicodeMapEncoding(map)) => {
                let units = map.get(code_of(code), code.len() as u8)?;
                String::from_utf16_lossy(&units)
            }
            Decoder::Map(_) | Decoder::None => return None,
            Decoder::Utf16 => {
                let units: Vec<u16> = code
                    .chunks(2)
                    .map(|c| match c {
                        [a, b] => u16::from_be_bytes([*a, *b]),
                        [a] => u16::from(*a),
                        _ => 0,
                    })
                    .collect();
                String::from_utf16_lossy(&units)
            }
            Decoder::Gbk => encoding_rs::GBK
                .decode_without_bom_handling(code)
                .0
                .into_owned(),
        };
        (!text.is_empty() && !text.contains('\u{fffd}')).then_some(text)
    }

    /// A code's advance, in thousandths of the font size.
    pub fn width(&self, code: u32) -> f64 {
        let w = match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Cid { default, widths } => {
                if self.split == Split::Gbk && code < 0x80 {
                    default / 2.0
                } else {
                    widths.get(&code).copied().unwrap_or(*default)
                }
            }
        };
        let w = w * self.scale;
        if w.is_finite() {
            w
        } else {
            0.0
        }
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |c, b| (c << 8) | u32::from(*b))
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// /FirstChar and /Widths; a standard font without them gets a typical width (Courier's 600,
/// else half an em), which only spaces its glyphs.
fn simple_widths(doc: &Document, dict: &Dictionary) -> Widths {
    let base = dict
        .get(b"BaseFont")
        .ok()
        .and_then(|o| o.as_name().ok())
        .unwrap_or_default();
    let fallback = if contains(base, b"Courier") {
        600.0
    } else {
        500.0
    };
    let missing = dict
        .get(b"FontDescriptor")
        .ok()
        .and_then(|o| resolve(doc, o))
        .and_then(|o| o.as_dict().ok())
        .and_then(|d| d.get(b"MissingWidth").ok())
        .and_then(|o| resolve(doc, o))
        .and_then(number)
        .filter(|w| *w > 0.0);
    let first = dict
        .get(b"FirstChar")
        .ok()
        .and_then(|o| resolve(doc, o))
        .and_then(number)
        .map_or(0, |f| f.clamp(0.0, 255.0) as u32);
    let widths: Vec<f64> = dict
        .get(b"Widths")
        .ok()
        .and_then(|o| resolve(doc, o))
        .and_then(|o| o.as_array().ok())
        .map(|a| {
            a.iter()
                .take(256)
                .map(|w| resolve(doc, w).and_then(number).unwrap_or(0.0))
                .collect()
        })
        .unwrap_or_default();
    let missing = missing.unwrap_or(if widths.is_empty() { fallback } else { 0.0 });
    Widths::Simple {
        first,
        widths,
        missing,
    }
}

/// A CID font's /DW and /W, keeping at most `budget` entries (spent here).
fn cid_widths(doc: &Document, dict: &Dictionary, budget: &mut usize) -> Widths {
    let most = MAX_WIDTHS.min(*budget);
    let default = dict
        .get(b"DW")
        .ok()
        .and_then(|o| resolve(doc, o))
        .and_then(number)
        .unwrap_or(1000.0);
    let mut widths = HashMap::new();
    let w = dict
        .get(b"W")
        .ok()
        .and_then(|o| resolve(doc, o))
        .and_then(|o| o.as_array().ok());
    if let Some(w) = w {
        let mut items = w.iter().map(|o| resolve(doc, o));
        // Entries: `c [w1 w2 …]` or `c_first c_last w`.
        while let Some(Some(first)) = items.next() {
            let Some(first) = number(first).filter(|f| *f >= 0.0) else {
                break;
            };
            let first = first as u32;
            match items.next().flatten() {
                Some(Object::Array(list)) => {
                    for (i, w) in list.iter().enumerate() {
                        if widths.len() >= most {
                            break;
                        }
                        if let Some(w) = resolve(doc, w).and_then(number) {
                            widths.insert(first.saturating_add(i as u32), w);
                        }
                    }
                }
                Some(last) => {
                    let (Some(last), Some(w)) =
                        (number(last), items.next().flatten().and_then(number))
                    else {
                        break;
                    };
                    let last = (last.max(0.0) as u32).min(first.saturating_add(most as u32));
                    for c in first..=last {
                        if widths.len() >= most {
                            break;
                        }
                        widths.insert(c, w);
                    }
                }
                None => break,
            }
            if widths.len() >= most {
                break;
            }
        }
    }
    *budget = budget.saturating_sub(widths.len());
    Widths::Cid { default, widths }
}
