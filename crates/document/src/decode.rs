//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.
//!
//! Excel on Chinese Windows saves CSV as GBK; everything else writes UTF-8. Strict UTF-8 is
//! tried first because GB18030 decodes almost any byte string without complaint.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use gongkai_messages::msg;

/// Which encoding to read a file in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    /// BOM, else strict UTF-8, else GB18030.
    #[default]
    Auto,
    /// Always this encoding (a BOM is still honoured and stripped).
    Fixed(&'static Encoding),
}

impl EncodingChoice {
    /// `auto`, or any WHATWG label: `utf-8`, `gbk`, `gb18030`, `gb2312`, …
    pub fn parse(label: &str) -> Option<EncodingChoice> {
        if label.eq_ignore_ascii_case("auto") {
            return Some(EncodingChoice::Auto);
        }
        Encoding::for_label(label.trim().as_bytes()).map(EncodingChoice::Fixed)
    }
}

/// Why a file's bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A NUL byte: a spreadsheet's binary format or other junk, not CSV text.
    Binary { offset: usize },
    /// Invalid in the chosen or detected encoding.
    Malformed {
        encoding: &'static str,
        offset: usize,
        line: u32,
        bytes: String,
    },
}

impl DecodeError {
    /// The line the problem is on, where there is one.
    pub fn line(&self) -> Option<u32> {
        match self {
            DecodeError::Binary { .. } => None,
            DecodeError::Malformed { line, .. } => Some(*line),
        }
    }

    /// What is wrong, without the line (for a diagnostic that carries the line itself).
    pub fn detail(&self) -> String {
        match self {
            DecodeError::Binary { offset } => msg!("read-binary", offset = *offset),
            DecodeError::Malformed {
                encoding,
                offset,
                bytes,
                ..
            } => msg!(
                "read-malformed",
                bytes = bytes,
                offset = *offset,
                encoding = *encoding
            ),
        }
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line() {
            Some(line) => f.write_str(&msg!("read-on-line", line = line, problem = self.detail())),
            None => f.write_str(&self.detail()),
        }
    }
}

/// Decoded text and the encoding it was read in.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
}

pub fn decode(bytes: &[u8], choice: EncodingChoice) -> Result<Decoded<'_>, DecodeError> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (Some(enc), &bytes[bom_len..]),
        None => (None, bytes),
    };
    let bom_len = bytes.len() - body.len();
    let encoding = match (encoding, choice) {
        (Some(enc), _) => enc,
        (None, EncodingChoice::Fixed(enc)) => enc,
        (None, EncodingChoice::Auto) => {
            if let Some(offset) = memchr::memchr(0, body) {
                return Err(DecodeError::Binary { offset });
            }
            match utf8(body) {
                Ok(s) => {
                    return Ok(Decoded {
                        text: Cow::Borrowed(s),
                        encoding: UTF_8,
                    })
                }
                // A UTF-8 file with a few bad bytes (a bad copy, a truncated download) would
                // decode as GB18030 without complaint into nonsense names: name its bad bytes.
                Err(_) if mostly_utf8(body) => UTF_8,
                Err(_) => GB18030,
            }
        }
    };
    decode_body(body, bom_len, encoding)
}

/// `body` (which starts `bom_len` bytes into the file) in `encoding`: strict, and never a NUL.
fn decode_body<'a>(
    body: &'a [u8],
    bom_len: usize,
    encoding: &'static Encoding,
) -> Result<Decoded<'a>, DecodeError> {
    if encoding == UTF_8 {
        // NUL bytes are valid UTF-8 but never CSV text.
        if let Some(offset) = memchr::memchr(0, body) {
            return Err(DecodeError::Binary {
                offset: bom_len + offset,
            });
        }
        return match utf8(body) {
            Ok(s) => Ok(Decoded {
                text: Cow::Borrowed(s),
                encoding: UTF_8,
            }),
            Err(e) => Err(malformed(
                body,
                bom_len,
                "UTF-8",
                e.valid_up_to(),
                e.error_len().unwrap_or(1),
            )),
        };
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(body.len() * 3 / 2 + 16);
    let mut read_total = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&body[read_total..], &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => out.reserve(body.len() - read_total + 16),
            DecoderResult::Malformed(bad, extra) => {
                let bad = bad as usize;
                let start = read_total.saturating_sub(bad + extra as usize);
                return Err(malformed(body, bom_len, encoding.name(), start, bad.max(1)));
            }
        }
    }
    if let Some(at) = out.find('\0') {
        let offset = if encoding == UTF_16LE || encoding == UTF_16BE {
            out[..at].encode_utf16().count() * 2
        } else {
            body.iter().position(|b| *b == 0).unwrap_or(at)
        };
        return Err(DecodeError::Binary {
            offset: bom_len + offset,
        });
    }
    Ok(Decoded {
        text: Cow::Owned(out),
        encoding,
    })
}

/// A text too long to hold at once (a province's tidy file), decoded a stretch at a time, each
/// stretch cut just after a line end (`\n`, which no character of UTF-8 or GB18030 holds as a
/// part), with the text and encoding [`decode`] gives the whole, or not at all.
///
/// The encoding is told from the start of the bytes as [`decode`] tells it from the whole: a
/// byte-order mark, the encoding chosen, else UTF-8 if the start is UTF-8, else GB18030. What
/// the start cannot settle is checked as the stretches come: under `Auto`, a start in UTF-8 holds
/// only if every stretch is UTF-8, and GB18030 only if the whole is not mostly UTF-8 (its
/// [`Utf8Evidence`] summed over the stretches). When a stretch or the sum says otherwise, the
/// whole must be decoded at once, which says what is wrong with it.
#[derive(Debug, Clone, Copy)]
pub struct ByLines {
    encoding: &'static Encoding,
    bom: usize,
    /// GB18030 by `Auto` because the start is not UTF-8: the whole must not be mostly UTF-8.
    guessed: bool,
}

impl ByLines {
    /// The way to decode the bytes that `start` begins (cut just after a line end, or the whole):
    /// `None` for an encoding whose line ends may be part of a character (UTF-16, ISO-2022-JP and
    /// the like) or a start with a NUL byte (no text). Only UTF-8 and GB18030 (GBK) are read by
    /// stretches: they are what Chinese units write.
    pub fn new(start: &[u8], choice: EncodingChoice) -> Option<ByLines> {
        let (encoding, bom, guessed) = match (Encoding::for_bom(start), choice) {
            (Some((enc, bom)), _) => (enc, bom, false),
            (None, EncodingChoice::Fixed(enc)) => (enc, 0, false),
            (None, EncodingChoice::Auto) => {
                if memchr::memchr(0, start).is_some() {
                    return None;
                }
                match utf8(start) {
                    Ok(_) => (UTF_8, 0, false),
                    Err(_) => (GB18030, 0, true),
                }
            }
        };
        let by_lines = encoding == UTF_8 || encoding == GB18030 || encoding == encoding_rs::GBK;
        by_lines.then_some(ByLines {
            encoding,
            bom,
            guessed,
        })
    }

    /// The encoding the whole is read in, if every stretch decodes and [`ByLines::agrees`].
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// Bytes of byte-order mark the first stretch opens with: not part of the text.
    pub fn bom(&self) -> usize {
        self.bom
    }

    /// One stretch's text (the first without its byte-order mark), and its evidence for
    /// [`ByLines::agrees`]; `None` when the whole cannot be what the start says: a NUL, a byte
    /// sequence the encoding does not have, or under `Auto` a stretch that is not UTF-8 after a
    /// start that is.
    pub fn decode<'a>(&self, stretch: &'a [u8]) -> Option<(Cow<'a, str>, Utf8Evidence)> {
        let text = decode_body(stretch, 0, self.encoding).ok()?.text;
        let evidence = if self.guessed {
            Utf8Evidence::of(stretch)
        } else {
            Utf8Evidence::default()
        };
        Some((text, evidence))
    }

    /// Whether the whole, whose stretches gave `evidence` in sum, is read in the encoding the
    /// start told: false when `Auto` took GB18030 but the whole is UTF-8 with a few bad bytes.
    pub fn agrees(&self, evidence: Utf8Evidence) -> bool {
        !self.guessed || !evidence.mostly_utf8()
    }
}

/// What tells UTF-8 with a few bad bytes from GBK ([`decode`]'s test): well-formed multi-byte
/// characters and invalid sequences. Sums over stretches cut after line ends are the whole's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Utf8Evidence {
    pub good: usize,
    pub bad: usize,
}

impl Utf8Evidence {
    /// The evidence of `bytes`.
    pub fn of(bytes: &[u8]) -> Utf8Evidence {
        let mut e = Utf8Evidence::default();
        for chunk in bytes.utf8_chunks() {
            e.good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
            e.bad += usize::from(!chunk.invalid().is_empty());
        }
        e
    }

    /// Text with this evidence is UTF-8 with a few bad bytes (the answer of [`mostly_utf8`]).
    pub fn mostly_utf8(&self) -> bool {
        self.good >= 8 && self.good >= 20 * self.bad
    }
}

impl std::ops::Add for Utf8Evidence {
    type Output = Utf8Evidence;
    fn add(self, other: Utf8Evidence) -> Utf8Evidence {
        Utf8Evidence {
            good: self.good + other.good,
            bad: self.bad + other.bad,
        }
    }
}

/// True when `bytes`, though not valid UTF-8, is UTF-8 text with a few bad bytes: far more
/// well-formed multi-byte characters than invalid sequences. GBK text read as UTF-8 is mostly
/// invalid sequences, with a well-formed character only here and there by chance.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad, mut seen) = (0usize, 0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            bad += 1;
        }
        // Each character still to come takes two bytes at least: once they cannot make up for
        // the bad bytes so far (GBK text, after a line or so), the answer is known.
        seen += chunk.valid().len() + chunk.invalid().len();
        if good + (bytes.len() - seen) / 2 < 20 * bad {
            return false;
        }
    }
    good >= 8 && good >= 20 * bad
}

/// The error for `len` bad bytes at `offset` in `body`, which starts `bom_len` bytes into the file.
fn malformed(
    body: &[u8],
    bom_len: usize,
    encoding: &'static str,
    offset: usize,
    len: usize,
) -> DecodeError {
    let line = body[..offset.min(body.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count() as u32
        + 1;
    let end = (offset + len).min(body.len());
    let bytes = body[offset.min(body.len())..end]
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ");
    DecodeError::Malformed {
        encoding,
        offset: bom_len + offset,
        line,
        bytes,
    }
}

/// Strict UTF-8, checked with SIMD; the standard library's check only runs on failure, for the
/// position of the first bad byte. Chinese text is where the scalar check is slowest.
fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(_) => std::str::from_utf8(bytes),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Stopping once the bad bytes cannot be made up for gives the answer of the whole text:
        /// on UTF-8 with bad bytes, GBK, and mixes of the two.
        #[test]
        fn mostly_utf8_stops_early_with_the_same_answer(
            parts in prop::collection::vec(
                ("[a-z0-9,城关区年度报告统计—]{0,40}", any::<bool>(), prop::collection::vec(any::<u8>(), 0..3)),
                0..40,
            )
        ) {
            let mut bytes = Vec::new();
            for (text, gbk, junk) in &parts {
                if *gbk {
                    bytes.extend_from_slice(&GB18030.encode(text).0);
                } else {
                    bytes.extend_from_slice(text.as_bytes());
                }
                bytes.extend_from_slice(junk);
            }
            prop_assert_eq!(mostly_utf8(&bytes), Utf8Evidence::of(&bytes).mostly_utf8());
        }

        /// Decoded by stretches cut after line ends, bytes give the text and encoding the whole
        /// gives, or are refused (never a different text): UTF-8, GBK, either with bad bytes or
        /// NULs, a byte-order mark, each encoding choice. Text all of one encoding and clean is
        /// never refused.
        #[test]
        fn stretches_decode_as_the_whole(
            lines in prop::collection::vec(
                ("[a-z0-9,城关区年度报告统计— ]{0,30}", 0..4u8, prop::collection::vec(any::<u8>(), 0..3)),
                1..30,
            ),
            gbk in any::<bool>(),
            bom in any::<bool>(),
            choice in 0..3u8,
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        ) {
            let mut bytes = if bom { vec![0xEF, 0xBB, 0xBF] } else { Vec::new() };
            let mut clean = true;
            for (text, kind, junk) in &lines {
                if gbk {
                    bytes.extend_from_slice(&GB18030.encode(text).0);
                } else {
                    bytes.extend_from_slice(text.as_bytes());
                }
                // One line in four of each kind: junk, or the other encoding.
                match kind {
                    0 => { bytes.extend_from_slice(junk); clean &= junk.is_empty(); }
                    1 if !gbk => { bytes.extend_from_slice(&GB18030.encode(text).0); clean &= text.is_ascii(); }
                    _ => {}
                }
                bytes.push(b'\n');
            }
            let choice = match choice {
                0 => EncodingChoice::Auto,
                1 => EncodingChoice::Fixed(UTF_8),
                _ => EncodingChoice::Fixed(encoding_rs::GBK),
            };
            // Stretches end just after a line end.
            let ends: Vec<usize> = bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1).collect();
            let mut at: Vec<usize> = cuts.iter().map(|c| ends[c.index(ends.len())]).collect();
            at.push(bytes.len());
            at.sort_unstable();
            at.dedup();
            let whole = decode(&bytes, choice);
            let Some(by) = ByLines::new(&bytes[..at[0]], choice) else {
                // Only a NUL in the start, under `Auto`.
                prop_assert!(!clean);
                return Ok(());
            };
            let (mut text, mut evidence, mut from) = (String::new(), Utf8Evidence::default(), by.bom());
            for to in at {
                let Some((t, e)) = by.decode(&bytes[from..to]) else {
                    // GBK after a start all ASCII is the one clean text `Auto` cannot settle.
                    let auto = matches!(choice, EncodingChoice::Auto);
                    prop_assert!(!clean || whole.is_err() || gbk && auto);
                    return Ok(());
                };
                text.push_str(&t);
                evidence = evidence + e;
                from = to;
            }
            if !by.agrees(evidence) {
                prop_assert!(whole.is_err());
                return Ok(());
            }
            let whole = whole.map(|w| (w.text.into_owned(), w.encoding.name()));
            prop_assert_eq!(whole, Ok((text, by.encoding().name())));
        }
    }

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode("城关区,1".as_bytes(), EncodingChoice::Auto)
            .map(|d| (d.text.into_owned(), d.encoding));
        assert_eq!(d, Ok(("城关区,1".to_string(), UTF_8)));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("年度".as_bytes());
        assert_eq!(
            decode(&bom, EncodingChoice::Auto).map(|d| d.text.into_owned()),
            Ok("年度".to_string())
        );
    }

    #[test]
    fn gb18030_detected() {
        let (bytes, _, _) = GB18030.encode("填报单位,城关区\n年度,2020\n");
        let d = decode(&bytes, EncodingChoice::Auto);
        assert!(
            matches!(&d, Ok(d) if d.encoding == GB18030 && d.text == "填报单位,城关区\n年度,2020\n")
        );
    }

    #[test]
    fn utf16_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "年度\t2020".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            decode(&bytes, EncodingChoice::Auto).map(|d| d.text.into_owned()),
            Ok("年度\t2020".to_string())
        );
    }

    #[test]
    fn invalid_gbk_reports_line_and_bytes() {
        let (bytes, _, _) = GB18030.encode("年度,2020\n城关区,");
        let mut bytes = bytes.into_owned();
        bytes.extend_from_slice(&[0x81, 0x20, b'\n']);
        match decode(&bytes, EncodingChoice::Auto) {
            Err(DecodeError::Malformed {
                encoding,
                line,
                bytes,
                ..
            }) => {
                assert_eq!(encoding, "gb18030");
                assert_eq!(line, 2);
                assert!(bytes.starts_with("81"), "{bytes}");
            }
            other => panic!("expected malformed, got {other:?}"),
        }
    }

    #[test]
    fn forced_utf8_rejects_gbk() {
        let (bytes, _, _) = GB18030.encode("城关区");
        let choice = EncodingChoice::parse("utf-8").unwrap_or_default();
        assert!(matches!(
            decode(&bytes, choice),
            Err(DecodeError::Malformed {
                encoding: "UTF-8",
                line: 1,
                ..
            })
        ));
    }

    #[test]
    fn binary_junk() {
        assert!(matches!(
            decode(&[0x50, 0x4B, 0x03, 0x04, 0x00, 0x01], EncodingChoice::Auto),
            Err(DecodeError::Binary { offset: 4 })
        ));
    }
}
