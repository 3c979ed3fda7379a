//! Decoded text to CSV records with their line numbers.
//!
//! Records borrow from the text where they can: a national batch has tens of millions of lines,
//! and a copy (two allocations) per line was most of the cost of reading one. Text without quotes
//! is split directly, which is what a CSV reader does with it; quoted text goes through the csv
//! crate.

use std::borrow::Cow;

use csv::{ReaderBuilder, StringRecord};
use gongkai_messages::msg;

/// Every record of a text: their fields in one arena, each record a span of it.
#[derive(Debug, Default)]
pub struct Table<'t> {
    pub(crate) fields: Vec<Cow<'t, str>>,
    /// (line, first field, end of fields) per record.
    pub(crate) spans: Vec<(u32, u32, u32)>,
    /// Read from quoted text: a field may hold a line break.
    pub(crate) quoted: bool,
}

impl<'t> Table<'t> {
    /// The records, in order.
    pub fn records(&self) -> Vec<Record<'_>> {
        self.spans
            .iter()
            .map(|&(line, start, end)| {
                let fields = Fields(&self.fields[start as usize..end as usize]);
                Record {
                    line,
                    fields,
                    line_break: self.quoted && fields.iter().any(|f| f.contains('\n')),
                }
            })
            .collect()
    }

    /// Numbers the lines as if the text read were a part of a longer one starting on line
    /// `first` (a piece of a long file read alone).
    pub fn number_from(&mut self, first: u32) {
        for span in &mut self.spans {
            span.0 += first.saturating_sub(1);
        }
    }

    fn push(&mut self, line: u32, fields: impl Iterator<Item = Cow<'t, str>>) {
        let start = self.fields.len() as u32;
        self.fields.extend(fields);
        self.spans.push((line, start, self.fields.len() as u32));
    }
}

/// The fields of one record.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a>(&'a [Cow<'a, str>]);

impl<'a> Fields<'a> {
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &'a str> + ExactSizeIterator + 'a {
        self.0.iter().map(AsRef::as_ref)
    }

    pub fn get(&self, i: usize) -> Option<&'a str> {
        self.0.get(i).map(AsRef::as_ref)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One CSV record and the 1-based line it starts on.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    pub line: u32,
    pub fields: Fields<'a>,
    line_break: bool,
}

impl<'a> Record<'a> {
    /// The field at 0-based `i`, or "" past the end.
    pub fn get(&self, i: usize) -> &'a str {
        self.fields.get(i).unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.iter().all(|f| trim(f).is_empty())
    }

    /// True when a (quoted) field runs over more than one line.
    pub fn has_line_break(&self) -> bool {
        self.line_break
    }
}

/// `str::trim`, answered at once when neither end is whitespace (nearly every field): the
/// general trim is a measurable share of reading tens of millions of fields.
pub fn trim(field: &str) -> &str {
    let clean = |c: Option<char>| c.is_none_or(|c| !c.is_whitespace());
    if clean(field.chars().next()) && clean(field.chars().next_back()) {
        field
    } else {
        field.trim()
    }
}

/// Most fields a record may have: the widest sheet a spreadsheet writes (Excel, WPS and
/// LibreOffice since 7.4 stop at column XFD, 16,384), so no sheet saved as CSV has more. The
/// form grid's widest line has 15 (`gongkai template`, both forms). A line of a data dump or of
/// bare commas has millions, each a field held in memory (24 bytes and more apiece).
pub const MAX_FIELDS: usize = 16_384;

/// Why a text is not a usable CSV table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableError {
    Empty,
    /// A record with more than [`MAX_FIELDS`] fields.
    TooManyFields {
        line: u32,
        /// Fields on the record's line; lines are not split further once one is too wide.
        fields: usize,
    },
    /// A quoted field that swallows the rest of the file.
    UnbalancedQuote {
        line: u32,
    },
    Csv {
        line: u32,
        message: String,
    },
}

impl TableError {
    /// The line the problem starts on, where there is one.
    pub fn line(&self) -> Option<u32> {
        match self {
            TableError::Empty => None,
            TableError::UnbalancedQuote { line }
            | TableError::TooManyFields { line, .. }
            | TableError::Csv { line, .. } => Some(*line),
        }
    }

    /// What is wrong, without the line (for a diagnostic that carries the line itself).
    pub fn detail(&self) -> String {
        match self {
            TableError::Empty => msg!("read-empty-file"),
            TableError::UnbalancedQuote { .. } => msg!("read-unbalanced-quote"),
            TableError::TooManyFields { fields, .. } => msg!(
                "read-too-many-fields",
                fields = thousands(*fields),
                limit = thousands(MAX_FIELDS)
            ),
            TableError::Csv { message, .. } => message.clone(),
        }
    }
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line() {
            Some(line) => f.write_str(&msg!("read-on-line", line = line, problem = self.detail())),
            None => f.write_str(&self.detail()),
        }
    }
}

/// `52428800` as `52,428,800`: the sizes in messages are read by people.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The delimiter a file uses: `,` unless tabs or `;` separate fields on more of its first lines
/// than commas do (a title line alone says nothing: a tab-separated grid often starts with one).
pub fn sniff_delimiter(text: &str) -> u8 {
    let (mut commas, mut tabs, mut semis) = (0, 0, 0);
    // `text.lines()`, with the memchr crate's SIMD search: every file of a batch comes here.
    let mut rest = text;
    let mut seen = 0;
    const LINES: usize = 30;
    // Done once commas lead by more than the lines left to count (a comma grid's first 15).
    while seen < LINES && !rest.is_empty() && commas <= tabs.max(semis) + (LINES - seen) {
        let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        let line = &rest.as_bytes()[..end];
        let blank = rest[..end].trim().is_empty();
        rest = rest.get(end + 1..).unwrap_or_default();
        if blank {
            continue;
        }
        seen += 1;
        commas += usize::from(memchr::memchr(b',', line).is_some());
        tabs += usize::from(memchr::memchr(b'\t', line).is_some());
        semis += usize::from(memchr::memchr(b';', line).is_some());
    }
    if commas >= tabs.max(semis) {
        b','
    } else if tabs >= semis {
        b'\t'
    } else {
        b';'
    }
}

/// Longest a quoted field may run, in lines, before it counts as an unbalanced quote.
const MAX_LINES_IN_FIELD: usize = 8;

pub fn read_records(text: &str, delimiter: u8) -> Result<Table<'_>, TableError> {
    if text.trim().is_empty() {
        return Err(TableError::Empty);
    }
    if plain(text) {
        if let Some(table) = split_simple(text, delimiter)? {
            return Ok(table);
        }
    }
    read_quoted(text, delimiter)
}

/// Bytes of text per table when a long text is read a block at a time.
const BLOCK_BYTES: usize = 1 << 16;

/// The records of `text` as [`read_records`] reads them, in tables of a block of lines each: a
/// long file (a national units registry has 100,000 lines) never has all its fields in memory at
/// once. Lines are numbered from the start of `text`. Text that is not [`plain`] or has a quote is
/// read whole, since a quoted field may hold a line break where a block would end.
pub fn read_records_in_blocks(
    text: &str,
    delimiter: u8,
) -> impl Iterator<Item = Result<Table<'_>, TableError>> + '_ {
    let whole =
        text.trim().is_empty() || !plain(text) || memchr::memchr(b'"', text.as_bytes()).is_some();
    let (mut rest, mut lines_before) = (if whole { "" } else { text }, 0u32);
    let blocks = std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        let cut = match bytes.get(BLOCK_BYTES..) {
            None => bytes.len(),
            Some(after) => {
                memchr::memchr(b'\n', after).map_or(bytes.len(), |i| BLOCK_BYTES + i + 1)
            }
        };
        let (block, next) = rest.split_at(cut);
        rest = next;
        // Never `None`: the text has no quote.
        let mut table = match split_simple(block, delimiter)
            .and_then(|t| t.map_or_else(|| read_quoted(block, delimiter), Ok))
        {
            Ok(table) => table,
            Err(e) => return Some(Err(e)),
        };
        for span in &mut table.spans {
            span.0 += lines_before;
        }
        lines_before += memchr::memchr_iter(b'\n', block.as_bytes()).count() as u32;
        Some(Ok(table))
    });
    // Read whole (blank text: its error), else block by block.
    whole
        .then(|| read_records(text, delimiter))
        .into_iter()
        .chain(blocks)
}

/// Text whose line ends a CSV reader would see as we do: no BOM, and every `\r` part of a `\r\n`.
pub fn plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    !text.starts_with('\u{feff}')
        && memchr::memchr_iter(b'\r', bytes).all(|i| bytes.get(i + 1) == Some(&b'\n'))
}

/// Splits text as the csv crate reads it, fields borrowed: a record per non-empty line, and a
/// quoted field taken as its inside. `None` for any quote it does not read the simple way (a
/// doubled quote, a quote inside a field or after it, a line break inside quotes): the csv crate
/// reads those. One pass over the bytes, stopping only at delimiters, quotes and line ends. A
/// record wider than [`MAX_FIELDS`] is an error as soon as it is seen: its fields are not kept.
fn split_simple(text: &str, delimiter: u8) -> Result<Option<Table<'_>>, TableError> {
    // Sized for a tidy file (a line of ~60 bytes, 6 fields), so the arena rarely grows.
    let mut table = Table {
        fields: Vec::with_capacity(text.len() / 8 + 8),
        spans: Vec::with_capacity(text.len() / 48 + 4),
        quoted: false,
    };
    let bytes = text.as_bytes();
    let (mut line, mut line_start, mut field_start) = (1u32, 0usize, 0usize);
    let mut first_field = 0u32;
    // The inside of the current field when it was quoted.
    let mut inside: Option<&str> = None;
    let mut pos = 0;
    // Every cut is at an ASCII byte (delimiter, quote, \r, \n), so slices fall on char boundaries.
    while let Some(found) = memchr::memchr3(delimiter, b'\n', b'"', &bytes[pos..]) {
        let at = pos + found;
        pos = at + 1;
        if bytes[at] == b'"' {
            if at != field_start || inside.is_some() {
                return Ok(None);
            }
            let Some(close) = memchr::memchr(b'"', &bytes[pos..]).map(|k| pos + k) else {
                return Ok(None);
            };
            let after = bytes.get(close + 1).copied();
            let ends = match after {
                None | Some(b'\n') => true,
                Some(b'\r') => bytes.get(close + 2) == Some(&b'\n'),
                Some(b) => b == delimiter,
            };
            if !ends || memchr::memchr(b'\n', &bytes[pos..close]).is_some() {
                return Ok(None);
            }
            inside = Some(&text[pos..close]);
            pos = close + 1;
            continue;
        }
        if bytes[at] == delimiter {
            let field = inside.take().unwrap_or(&text[field_start..at]);
            table.fields.push(Cow::Borrowed(field));
            field_start = at + 1;
            // This field and at least one more: one past the cap.
            let fields = table.fields.len() - first_field as usize;
            if fields >= MAX_FIELDS {
                let line_end =
                    memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |k| pos + k);
                let more = memchr::memchr_iter(delimiter, &bytes[pos..line_end]).count();
                return Err(TableError::TooManyFields {
                    line,
                    fields: fields + more + 1,
                });
            }
            continue;
        }
        let mut end = at;
        if end > field_start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        let last = inside.take();
        if last.is_none() && (at == line_start || (end == line_start && at == line_start + 1)) {
            // An empty line: no record (a `\r\n` alone too).
            table.fields.truncate(first_field as usize);
        } else {
            let field = last.unwrap_or(&text[field_start..end]);
            table.fields.push(Cow::Borrowed(field));
            table
                .spans
                .push((line, first_field, table.fields.len() as u32));
        }
        first_field = table.fields.len() as u32;
        line += 1;
        line_start = at + 1;
        field_start = at + 1;
    }
    if line_start < bytes.len() {
        let field = inside.unwrap_or(&text[field_start..]);
        table.fields.push(Cow::Borrowed(field));
        table
            .spans
            .push((line, first_field, table.fields.len() as u32));
    }
    Ok(Some(table))
}

/// Text with quotes, through the csv crate; fields are copied out (unescaped).
fn read_quoted(text: &str, delimiter: u8) -> Result<Table<'_>, TableError> {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut out = Table {
        quoted: true,
        ..Table::default()
    };
    let mut record = StringRecord::new();
    let mut last_start = 0usize;
    loop {
        let line = reader.position().line() as u32;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // csv places a record where the read began, before any blank lines it skipped.
                let (mut start, mut byte) = record
                    .position()
                    .map_or((line, 0), |p| (p.line() as u32, p.byte() as usize));
                let bytes = text.as_bytes();
                while let Some(b @ (b'\n' | b'\r')) = bytes.get(byte) {
                    start += u32::from(*b == b'\n');
                    byte += 1;
                }
                let end = reader.position().line() as u32;
                let has_quoted_break = record.as_byte_record().as_slice().contains(&b'\n')
                    && record
                        .iter()
                        .any(|f| f.matches('\n').count() >= MAX_LINES_IN_FIELD);
                let at_eof = reader.is_done();
                if has_quoted_break
                    || (at_eof
                        && end > start + 1
                        && record.iter().any(|f| f.contains('\n'))
                        && !text.trim_end().ends_with('"'))
                {
                    return Err(TableError::UnbalancedQuote { line: start });
                }
                // The csv crate has read the record whole by now; its fields are not kept.
                if record.len() > MAX_FIELDS {
                    return Err(TableError::TooManyFields {
                        line: start,
                        fields: record.len(),
                    });
                }
                last_start = byte;
                out.push(start, record.iter().map(|f| Cow::Owned(f.to_string())));
            }
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line() as u32);
                return Err(TableError::Csv {
                    line,
                    message: e.to_string(),
                });
            }
        }
    }
    // A quote left open in the last record runs to the end of the file, however few lines that is.
    if let Some(&(line, _, _)) = out.spans.last() {
        if text
            .get(last_start..)
            .is_some_and(|raw| ends_in_open_quote(raw, delimiter))
        {
            return Err(TableError::UnbalancedQuote { line });
        }
    }
    Ok(out)
}

/// True when a quote that opens a field in `raw` (one or more CSV records) is never closed.
fn ends_in_open_quote(raw: &str, delimiter: u8) -> bool {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuotedQuote,
    }
    let mut state = State::FieldStart;
    for b in raw.bytes() {
        state = match (state, b) {
            (State::FieldStart, b'"') => State::Quoted,
            (State::Quoted, b'"') => State::QuotedQuote,
            (State::Quoted, _) => State::Quoted,
            (State::QuotedQuote, b'"') => State::Quoted,
            (_, b) if b == delimiter || b == b'\n' || b == b'\r' => State::FieldStart,
            _ => State::Unquoted,
        };
    }
    state == State::Quoted
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn shape(table: &Table) -> Vec<(u32, Vec<String>)> {
        table
            .records()
            .iter()
            .map(|r| (r.line, r.fields.iter().map(str::to_string).collect()))
            .collect()
    }

    proptest! {
        /// The direct split reads text exactly as the csv crate does, whenever it reads it at
        /// all: same records, fields and lines, with LF and CRLF endings, blank lines, empty
        /// fields and quoted fields (holding delimiters); quote-free text it always reads.
        #[test]
        fn direct_split_is_what_csv_reads(
            pieces in prop::collection::vec(
                prop::sample::select(vec![
                    "a", "12", "中文", ",", " ", "\n", "\r\n", "\t", ";", "",
                    "\"城关区\"", "\"1,234\"", "\"\"", "\"", "\"a\"\"b\"", "\"x\ny\"",
                ]),
                0..60,
            ),
            delimiter in prop::sample::select(vec![b',', b'\t', b';']),
        ) {
            let text: String = pieces.concat();
            prop_assert!(plain(&text));
            let direct = split_simple(&text, delimiter).ok().flatten();
            if !text.contains('"') {
                prop_assert!(direct.is_some());
            }
            if let (Some(direct), Ok(csv)) = (direct, read_quoted(&text, delimiter)) {
                prop_assert_eq!(shape(&direct), shape(&csv));
            }
        }
    }

    /// Read in blocks, a long text gives the records, fields and line numbers it gives read
    /// whole: blank lines, CRLF and a last line without its end included; with a quote anywhere
    /// it is one table, as a quoted field may hold a line break.
    #[test]
    fn blocks_read_what_the_whole_text_reads() {
        let mut text = String::from("unit,kind,parent\n");
        for i in 0..6000 {
            text.push_str(&format!("单位{i},department,上级{}\r\n", i / 7));
            if i % 997 == 0 {
                text.push_str("\n,,\n");
            }
        }
        text.push_str("末行,township,上级0");
        let whole: Vec<_> = shape(&read_records(&text, b',').unwrap_or_default());
        let blocks: Vec<Table> = read_records_in_blocks(&text, b',')
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        assert!(blocks.len() > 2, "{} block(s)", blocks.len());
        assert_eq!(blocks.iter().flat_map(shape).collect::<Vec<_>>(), whole);
        assert_eq!(whole.last().map(|r| r.0), Some(6016));

        let quoted = text.replacen("单位5999", "\"单位\n5999\"", 1);
        let blocks: Vec<_> = read_records_in_blocks(&quoted, b',').collect();
        assert_eq!(blocks.len(), 1);
        assert!(matches!(
            read_records_in_blocks(" \n", b',').next(),
            Some(Err(TableError::Empty))
        ));
    }

    #[test]
    fn fast_trim_is_str_trim() {
        for f in [
            "",
            " ",
            "a",
            " a ",
            "2020",
            "城关区",
            " 城关区",
            "\u{3000}a",
            "a\u{3000}",
            "\t1\r",
            "~!",
        ] {
            assert_eq!(trim(f), f.trim(), "{f:?}");
        }
    }

    #[test]
    fn odd_quotes_bom_and_bare_cr_take_the_csv_path() {
        assert!(plain("a,b\r\nc,d\n"));
        for text in ["\u{feff}a,b\n", "a\rb\n"] {
            assert!(!plain(text), "{text:?}");
        }
        assert!(matches!(split_simple("a,\"b,c\"\r\n", b','), Ok(Some(_))));
        for text in [
            "a,\"b\"\"c\"\n",
            "a,b\"c\n",
            "a,\"b\"c\n",
            "a,\"b\nc\"\n",
            "a,\"b\n",
        ] {
            assert!(matches!(split_simple(text, b','), Ok(None)), "{text:?}");
        }
    }

    /// A line of bare separators is millions of fields: one past the spreadsheet's widest is
    /// an error naming the line and how wide it is, read plain, with quotes and in blocks; the
    /// widest a spreadsheet writes is read.
    #[test]
    fn a_line_wider_than_a_spreadsheet_is_an_error() {
        let line = |fields: usize| ",".repeat(fields - 1);
        let widest = format!("a,b\n{}\n", line(MAX_FIELDS));
        let table = read_records(&widest, b',');
        assert_eq!(table.map(|t| t.records()[1].len()).ok(), Some(MAX_FIELDS));
        let wide = format!("a,b\n{}\nc,d\n", line(3 * MAX_FIELDS + 7));
        let error = TableError::TooManyFields {
            line: 2,
            fields: 3 * MAX_FIELDS + 7,
        };
        assert_eq!(read_records(&wide, b',').err(), Some(error.clone()));
        assert_eq!(
            error.to_string(),
            "line 2: the line has 49,159 fields; a spreadsheet's line has at most 16,384 \
             (a form grid's about 15): not a table of the form"
        );
        let quoted = wide.replacen("a,b", "\"a\"\"\",b", 1);
        assert_eq!(read_records(&quoted, b',').err(), Some(error.clone()));
        let first = read_records_in_blocks(&wide, b',').find_map(Result::err);
        assert_eq!(first, Some(error));
        let tabs = format!("a\tb\n{}\n", "\t".repeat(MAX_FIELDS));
        assert!(matches!(
            read_records(&tabs, b'\t'),
            Err(TableError::TooManyFields { line: 2, fields }) if fields == MAX_FIELDS + 1
        ));
    }

    #[test]
    fn thousands_are_grouped() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (52_428_800, "52,428,800"),
        ];
        for (n, text) in cases {
            assert_eq!(thousands(n), text);
        }
    }

    #[test]
    fn lines_are_tracked_across_quoted_breaks() {
        let table = read_records("a,b\n\"本年新\n制作数量\",x\nc,d\n", b',').unwrap_or_default();
        let recs = table.records();
        let lines: Vec<u32> = recs.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 4]);
        assert_eq!(recs[1].get(0), "本年新\n制作数量");
        assert_eq!(recs[1].get(5), "");
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter("year;unit;section\n"), b';');
        assert_eq!(sniff_delimiter("year\tunit\n"), b'\t');
        assert_eq!(sniff_delimiter("\nyear,unit\n"), b',');
        // A title line without separators, then tab-separated lines with thousands commas.
        assert_eq!(
            sniff_delimiter("统计表\n填报单位\t城关区\n规章\t\"1,705\"\t3\n年度\t2020\n"),
            b'\t'
        );
        assert_eq!(sniff_delimiter("统计表\n"), b',');
    }

    #[test]
    fn unbalanced_quote_is_an_error() {
        let mut text = String::from("a,b\n\"open,1\n");
        for i in 0..20 {
            text.push_str(&format!("row{i},{i}\n"));
        }
        assert_eq!(
            read_records(&text, b',').err(),
            Some(TableError::UnbalancedQuote { line: 2 })
        );
        assert_eq!(read_records("  \n", b',').err(), Some(TableError::Empty));
        // Open at the end of the file, however close to it.
        assert_eq!(
            read_records("a,b\nc,d\ne,\"f\ng,h\n", b',').err(),
            Some(TableError::UnbalancedQuote { line: 3 })
        );
        assert_eq!(
            read_records("a,b\ne,\"f", b',').err(),
            Some(TableError::UnbalancedQuote { line: 2 })
        );
        // Closed quotes, escaped quotes and quotes inside unquoted fields are fine.
        for ok in [
            "a,\"b\nc\"\n",
            "a,\"b\"\"c\"\n",
            "3.危及\"三安全一稳定,1\n",
            "a,\"b\"x\"\n",
        ] {
            assert!(read_records(ok, b',').is_ok(), "{ok:?}");
        }
    }
}
