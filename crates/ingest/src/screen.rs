//! Texts turned away before they are split into cells: one that shows no sign of the form early,
//! or that holds more than a form grid can. Split into cells, a text takes 10 to 50 times its
//! size in memory (a cell is 24 bytes and more; a line of bare commas is a cell per byte), so a
//! stray data dump of a few hundred MB in a folder once took gigabytes.
//!
//! A tidy file (its first line with text is the tidy header) may be as large as a national batch
//! and is let through; only its lines' width is capped, by the CSV reader
//! ([`gongkai_document::delimited::MAX_FIELDS`]). Anything else must be a form grid, and is held
//! to a grid's size. A text no longer than [`LOOK_BYTES`] is read without a look: reading it
//! costs about what looking at it does, and the full read says best what is wrong with it. A
//! file on disk past a grid's size is read no further than its start when the start is enough
//! to turn it away ([`stop_early`]): a dump of any size then costs a few MB.

use foldhash::{HashSet, HashSetExt};
use gongkai_document::decode::{decode, EncodingChoice};
use gongkai_document::delimited::{
    read_records, sniff_delimiter, thousands, TableError, MAX_FIELDS,
};
use gongkai_messages::msg;
use gongkai_report::write::tidy::HEADER;

use crate::learned::names_a_label;
use crate::locate::meta::meta_entry_of;
use crate::tidy;

/// How much of a text is looked at for a sign of the form, and the length below which a text is
/// read without a look. The template grid is 2,972 bytes in 55 lines (`gongkai template`, the
/// 2021 form; 2,966 in 57 for 2019), so 64 KiB holds it 22 times over.
pub(crate) const LOOK_BYTES: usize = 64 * 1024;

/// Most bytes a form grid may hold up to its last line with text (blank lines after it, which
/// a sheet's formatting can run far below the form, are not read). 2 MiB is 700 times the
/// template, and holds 100 lines that each run to a spreadsheet's last column. The most cells
/// 2 MiB can hold (a `年度,2020` line, then 127 lines of `x` and 16,383 commas) take 2.5 s and
/// 130–150 MB at peak to read the full way (`validate`, debug build; 29–33 MB for a template
/// grid), where a 50 MB line of commas took 32 s and 1.9 GB before there were limits.
pub(crate) const MAX_GRID_BYTES: usize = 2 * 1024 * 1024;

/// Most lines a form grid may have up to its last with text: 90 times the template's 55.
pub(crate) const MAX_GRID_LINES: usize = 5_000;

/// Distinct headings and labels of the form that make a sign of it in the look (a grid has
/// dozens; a data dump may have a word of the form, `合计` or `其他`, by chance).
const SIGN_LABELS: usize = 3;

/// Most distinct texts of the look compared with the form's labels: bounds the look's time.
const MAX_LOOKED_UP: usize = 2_000;

/// Why a text was turned away: a sentence naming the limit and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub line: Option<u32>,
    pub message: String,
}

/// The part of `text` to read: all of it, or a grid up to its last line with text; or why none.
pub(crate) fn screen(text: &str) -> Result<&str, Refusal> {
    judge(text, None)
}

/// Whether the start of a file, read past a grid's size, is enough to turn the whole file away
/// (`start` of `size` bytes): then the rest is not read. It is enough when [`screen`] turns away
/// the start's whole lines, as it then turns away the whole file: every line that starts in the
/// look ends within them, and what follows them only adds to a grid's size. A file that may be
/// another format (a workbook, a Word file, a PDF, a web page), or whose start is not text, goes
/// to its reader whole. The refusal, and the encoding of the start.
pub(crate) fn stop_early(
    start: &[u8],
    size: u64,
    encoding: EncodingChoice,
) -> Option<(Refusal, &'static str)> {
    // The look at the first line first: a large tidy file passes at once.
    if start.len() as u64 >= size
        || opens_as_tidy(start)
        || other_format(start)
        || memchr::memchr(0, start).is_some()
    {
        return None;
    }
    let lines = &start[..memchr::memrchr(b'\n', start).map_or(0, |k| k + 1)];
    if lines.len() <= MAX_GRID_BYTES {
        return runs_on_too_wide(start, lines.len(), encoding);
    }
    let decoded = decode(lines, encoding).ok()?;
    let refusal = judge(&decoded.text, Some(size)).err()?;
    Some((refusal, decoded.encoding.name()))
}

/// Whether the first line with text of `start` (in the look) is a tidy header with any of the
/// separators: a large tidy file, the one kind of text read at any size, is not decoded twice.
pub(crate) fn opens_as_tidy(start: &[u8]) -> bool {
    let look = &start[..start.len().min(LOOK_BYTES)];
    let first = look.split(|b| *b == b'\n').find(|line| {
        !line
            .iter()
            .all(|b| b.is_ascii_whitespace() || b",;\t".contains(b))
    });
    first
        .and_then(|line| std::str::from_utf8(line).ok())
        .is_some_and(|line| b",;\t".iter().any(|d| is_tidy_header(line, *d)))
}

/// The refusal of a start whose line from `from` (after blank lines only, and in the look) runs
/// past its end with more separators of one kind than a spreadsheet writes (a line of bare
/// commas). Whatever the file's delimiter, [`screen`] turns the whole file away: a line too
/// wide, or a grid's first line with text and past a grid's size.
fn runs_on_too_wide(
    start: &[u8],
    from: usize,
    encoding: EncodingChoice,
) -> Option<(Refusal, &'static str)> {
    let separators = b",;\t";
    let blank_before = start[..from]
        .iter()
        .all(|b| b.is_ascii_whitespace() || separators.contains(b));
    if from >= LOOK_BYTES || !blank_before {
        return None;
    }
    let tail = &start[from..];
    let widest = separators
        .iter()
        .map(|d| memchr::memchr_iter(*d, tail).count())
        .max()?;
    if widest < MAX_FIELDS {
        return None;
    }
    // Cut at a separator, which no character of UTF-8 or GB18030 holds: the start's encoding.
    let cut = tail.iter().rposition(|b| separators.contains(b))?;
    let decoded = decode(&start[..from + cut], encoding).ok()?;
    let line = memchr::memchr_iter(b'\n', &start[..from]).count() as u32 + 1;
    let message = msg!(
        "read-too-wide-start",
        fields = thousands(widest),
        bytes = thousands(tail.len()),
        limit = thousands(MAX_FIELDS)
    );
    let refusal = Refusal {
        line: Some(line),
        message,
    };
    Some((refusal, decoded.encoding.name()))
}

/// Starts as a web page or XML, a PDF, an RTF or MHTML file (both saved by Word as `.doc`), a
/// zip (a workbook, a Word file) or an OLE file (`.xls`, `.doc`, `.et`, `.wps`) does.
fn other_format(start: &[u8]) -> bool {
    let body = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    let text = body.trim_ascii_start();
    [
        &b"<"[..],
        b"%PDF",
        b"{\\rtf",
        b"MIME-Version:",
        b"PK\x03\x04",
        b"\xD0\xCF\x11\xE0",
    ]
    .iter()
    .any(|magic| text.starts_with(magic))
}

/// [`screen`] of a whole text, or of the start of a file of `file` bytes.
fn judge(text: &str, file: Option<u64>) -> Result<&str, Refusal> {
    if text.len() <= LOOK_BYTES {
        return Ok(text);
    }
    let delimiter = sniff_delimiter(text);
    let look = look(text);
    // A tidy file's header is its first line with text: such a file passes at once.
    let first_text = lines_in(text, look).find(|(_, line)| !blank(line.as_bytes(), delimiter));
    if first_text.is_some_and(|(_, first)| is_tidy_header(first, delimiter)) {
        return Ok(text);
    }
    // Too wide a line is the first thing a file of bare separators shows.
    for (line, whole) in lines_in(text, look) {
        let fields = memchr::memchr_iter(delimiter, whole.as_bytes()).count() + 1;
        if fields > MAX_FIELDS {
            let e = TableError::TooManyFields { line, fields };
            return Err(Refusal {
                line: Some(line),
                message: e.detail(),
            });
        }
    }
    let Some((first_line, _)) = first_text else {
        return Err(nothing_in(text, delimiter, file));
    };
    let grid = up_to_last_text(text, delimiter);
    let not_tidy = || {
        msg!(
            "read-not-tidy",
            line = first_line,
            header = HEADER.join(",")
        )
    };
    // Of the start of a file, what was read is said, and that the rest was not.
    let (further, total) = match file {
        Some(size) => (msg!("read-not-further"), size as usize),
        None => (String::new(), grid.len()),
    };
    if grid.len() > MAX_GRID_BYTES {
        let holds = match file {
            Some(size) => msg!("read-bytes", bytes = thousands(size as usize)),
            None => msg!("read-bytes-of-text", bytes = thousands(grid.len())),
        };
        return Err(Refusal {
            line: None,
            message: msg!(
                "read-grid-too-large",
                holds = holds,
                not_tidy = not_tidy(),
                limit = thousands(MAX_GRID_BYTES),
                further = further
            ),
        });
    }
    let lines =
        memchr::memchr_iter(b'\n', grid.as_bytes()).count() + usize::from(!grid.ends_with('\n'));
    if lines > MAX_GRID_LINES {
        let within = match file {
            Some(_) => msg!("read-in-first-bytes", bytes = thousands(text.len())),
            None => msg!("read-up-to-last-text"),
        };
        return Err(Refusal {
            line: None,
            message: msg!(
                "read-grid-too-long",
                lines = thousands(lines),
                within = within,
                not_tidy = not_tidy(),
                limit = thousands(MAX_GRID_LINES),
                further = further
            ),
        });
    }
    if grid.len() > LOOK_BYTES && !shows_the_form(look, delimiter) {
        return Err(Refusal {
            line: None,
            message: msg!(
                "read-no-sign-of-the-form",
                bytes = thousands(look.len()),
                total = thousands(total),
                not_tidy = not_tidy(),
                labels = SIGN_LABELS
            ),
        });
    }
    Ok(grid)
}

/// The first [`LOOK_BYTES`] of `text`, to the end of its last whole line there (or to a
/// character boundary, when a line is longer than that).
fn look(text: &str) -> &str {
    let mut end = LOOK_BYTES.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    match memchr::memrchr(b'\n', head.as_bytes()) {
        Some(k) if end < text.len() => &head[..=k],
        _ => head,
    }
}

/// The lines of `text` that start in `look` (its start), each whole wherever it ends, with
/// their 1-based numbers.
fn lines_in<'t>(text: &'t str, look: &str) -> impl Iterator<Item = (u32, &'t str)> + 't {
    let (look_len, mut start, mut line) = (look.len(), 0, 0u32);
    std::iter::from_fn(move || {
        if start >= look_len {
            return None;
        }
        let rest = text.get(start..)?;
        let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        start += end + 1;
        line += 1;
        Some((line, rest.get(..end)?))
    })
}

/// True when a line holds only separators and blanks: a record the readers take as empty.
fn blank(line: &[u8], delimiter: u8) -> bool {
    line.iter()
        .all(|&b| b == delimiter || b.is_ascii_whitespace())
}

/// `text` up to the end of its last line with text (its line break included).
fn up_to_last_text(text: &str, delimiter: u8) -> &str {
    let bytes = text.as_bytes();
    let Some(last) = bytes
        .iter()
        .rposition(|&b| b != delimiter && !b.is_ascii_whitespace())
    else {
        return "";
    };
    let end = memchr::memchr(b'\n', &bytes[last..]).map_or(bytes.len(), |k| last + k + 1);
    // Cut at a line break or the end: a char boundary.
    text.get(..end).unwrap_or(text)
}

/// The refusal of a text (the start of a file of `file` bytes) with no line of text in its look.
fn nothing_in(text: &str, delimiter: u8, file: Option<u64>) -> Refusal {
    let message = if file.is_none() && up_to_last_text(text, delimiter).is_empty() {
        msg!("read-no-text", bytes = thousands(text.len()))
    } else {
        msg!(
            "read-no-text-at-start",
            bytes = thousands(look(text).len()),
            total = thousands(file.map_or(text.len(), |size| size as usize))
        )
    };
    Refusal {
        line: None,
        message,
    }
}

/// Whether `line` is a tidy header as the tidy reader takes one.
fn is_tidy_header(line: &str, delimiter: u8) -> bool {
    read_records(line, delimiter).is_ok_and(|table| {
        table
            .records()
            .first()
            .is_some_and(|record| tidy::header_positions(record).is_some())
    })
}

/// Whether the lines of `look` name a unit or year as a grid does, or hold [`SIGN_LABELS`] of
/// the form's headings and labels.
fn shows_the_form(look: &str, delimiter: u8) -> bool {
    let mut seen = HashSet::new();
    let mut labels = 0;
    for line in look.lines() {
        let fields: Vec<&str> = line
            .split(char::from(delimiter))
            .map(|f| f.trim().trim_matches('"').trim())
            .collect();
        if meta_entry_of(fields.len(), |i| fields.get(i).copied().unwrap_or_default()).is_some() {
            return true;
        }
        // The form's labels are Chinese: numbers, codes and Latin words are never one.
        for field in fields.into_iter().filter(|f| !f.is_ascii()) {
            if seen.len() >= MAX_LOOKED_UP {
                return false;
            }
            if seen.insert(field) && names_a_label(field) {
                labels += 1;
                if labels >= SIGN_LABELS {
                    return true;
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::tests::HAND_GRID;

    /// A line of text that names nothing of the form: 1,000 bytes.
    fn junk_line() -> String {
        format!("{}\n", vec!["a"; 500].join(","))
    }

    #[test]
    fn a_short_text_is_read_without_a_look() {
        let junk = junk_line().repeat(LOOK_BYTES / 1000);
        assert!(junk.len() <= LOOK_BYTES);
        assert_eq!(screen(&junk), Ok(junk.as_str()));
        let one_more = format!("{junk}{}", junk_line());
        assert!(screen(&one_more).is_err());
    }

    /// A tidy file is let through whole at any size, blank lines before its header and after
    /// its last line included.
    #[test]
    fn a_tidy_text_passes_whole() {
        let mut text = format!(",,,\n\n{}\n", HEADER.join(","));
        while text.len() <= MAX_GRID_BYTES {
            text.push_str("2020,城关区,active,regulations,new_made,1\n");
        }
        text.push_str(&",,,,,\n".repeat(1000));
        assert_eq!(screen(&text), Ok(text.as_str()));
        let semicolons = text.replace(',', ";");
        assert_eq!(screen(&semicolons), Ok(semicolons.as_str()));
    }

    /// Blank lines below a grid (a sheet's formatting run far below the form) are not read, and
    /// do not count against a grid's size.
    #[test]
    fn a_grid_is_read_to_its_last_line_with_text() {
        let text = format!(
            "{HAND_GRID},,,,,,,,\n{}",
            ",,,,,,,,\r\n".repeat(MAX_GRID_BYTES / 10)
        );
        assert!(text.len() > MAX_GRID_BYTES);
        assert_eq!(screen(&text), Ok(HAND_GRID));
        let no_break = format!("{}{}", HAND_GRID.trim_end(), " ,\n".repeat(LOOK_BYTES));
        let last = format!("{} ,\n", HAND_GRID.trim_end());
        assert_eq!(screen(&no_break), Ok(last.as_str()));
    }

    /// Past the look, three of the form's labels or a unit or year line are a sign; two labels,
    /// or any number of other words, are not.
    #[test]
    fn signs_of_the_form() {
        let filler = junk_line().repeat(LOOK_BYTES / 1000 + 5);
        let with = |head: &str| format!("{head}\n{filler}");
        for sign in [
            "二、主动公开政府信息情况,规章,行政许可",
            "x,\"本年新制作数量\",y\n行政处罚,结果维持",
            "填报单位：城关区",
            " 年度 ,2020",
        ] {
            let text = with(sign);
            assert_eq!(screen(&text), Ok(text.as_str()), "{sign}");
        }
        for none in ["规章,行政许可", "客户,地区,金额,合计,合计,合计", "年,2020"]
        {
            let text = with(none);
            let refused = screen(&text).err().map(|r| r.message);
            assert!(
                refused
                    .as_ref()
                    .is_some_and(|m| m.starts_with("no sign of the form")),
                "{none}: {refused:?}"
            );
        }
    }

    #[test]
    fn a_tidy_start_is_seen_before_it_is_decoded() {
        let header = HEADER.join(",");
        for start in [
            format!("{header}\n2020,城关区"),
            format!(",,\r\n \n\u{feff}{header}\r\n"),
            format!("\n{}\n", header.replace(',', ";")),
        ] {
            assert!(opens_as_tidy(start.as_bytes()), "{start:?}");
        }
        for start in [
            "id,date,region,amount\nyear,unit,section,row,column,value\n".to_string(),
            format!("{}{header}", ",".repeat(LOOK_BYTES)),
            format!("{header}\n")
                .replace("unit", "单位")
                .replace("row", "行")
                .replace("value", "值"),
        ] {
            assert!(!opens_as_tidy(start.as_bytes()), "{start:?}");
        }
    }

    #[test]
    fn the_look_ends_at_a_line_end_or_a_character() {
        let text = "城".repeat(LOOK_BYTES);
        let look = look(&text);
        assert!(look.len() <= LOOK_BYTES && look.len() > LOOK_BYTES - 3);
        let lines = "一二三\n".repeat(LOOK_BYTES / 5);
        assert!(self::look(&lines).ends_with('\n'));
        assert!(self::look(&lines).len() <= LOOK_BYTES);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Lines of every kind, repeated to sizes about the limits: the screen never panics; what
        /// it lets through is the text, or a grid within the limits that leaves out only blank
        /// lines; what it turns away it names a limit of, and the read turns away the same way.
        #[test]
        fn hostile_texts(
            parts in prop::collection::vec(
                (
                    prop::sample::select(vec![
                        ",", ",,,,,,,,\n", "\n", "\r\n", " ", "a,a,a,a\n", "1,2,3\n", "城关区,",
                        "规章,", "行政许可,", "二、主动公开政府信息情况\n", "年度,2020\n",
                        "year,unit,section,row,column,value\n", "\"", "\"a,\nb\",", ";", "\t",
                    ]),
                    prop::sample::select(vec![1usize, 7, 300, 5_000, 40_000, 400_000]),
                ),
                1..5,
            ),
        ) {
            let text: String = parts.iter().map(|(piece, times)| piece.repeat(*times)).collect();
            match screen(&text) {
                Ok(part) => {
                    prop_assert!(text.starts_with(part));
                    let rest = &text.as_bytes()[part.len()..];
                    prop_assert!(rest.iter().all(|b| b.is_ascii_whitespace() || b",;\t".contains(b)));
                    if part.len() != text.len() {
                        prop_assert!(part.len() <= MAX_GRID_BYTES);
                    }
                }
                Err(refusal) => {
                    prop_assert!(text.len() > LOOK_BYTES);
                    let names_a_limit = ["16,384", "2,097,152", "5,000", "no sign", "no text"]
                        .iter()
                        .any(|limit| refusal.message.contains(limit));
                    prop_assert!(names_a_limit, "{}", refusal.message);
                    let read = crate::read_bytes_at(
                        text.as_bytes(),
                        std::path::Path::new("2020/x.csv"),
                        &crate::ReadOptions::default(),
                    );
                    prop_assert!(read.is_rejected());
                    let errors: Vec<&str> = read.errors().map(|e| e.message.as_str()).collect();
                    prop_assert_eq!(errors, vec![refusal.message.as_str()]);
                }
            }
        }
    }
}
