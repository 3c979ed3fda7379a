//! Decoded text to CSV records with their line numbers.

use csv::{ReaderBuilder, StringRecord};

/// One CSV record and the 1-based line it starts on.
#[derive(Debug, Clone)]
pub struct Record {
    pub line: u32,
    pub fields: StringRecord,
}

impl Record {
    /// The field at 0-based `i`, or "" past the end.
    pub fn get(&self, i: usize) -> &str {
        self.fields.get(i).unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }
}

/// Why a text is not a usable CSV table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableError {
    Empty,
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
            TableError::UnbalancedQuote { line } | TableError::Csv { line, .. } => Some(*line),
        }
    }

    /// What is wrong, without the line (for a diagnostic that carries the line itself).
    pub fn detail(&self) -> String {
        match self {
            TableError::Empty => "empty file: no lines to read".to_string(),
            TableError::UnbalancedQuote { .. } => "a quote (\") opens a field that never closes; \
                 the rest of the file would be one cell"
                .to_string(),
            TableError::Csv { message, .. } => message.clone(),
        }
    }
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line() {
            Some(line) => write!(f, "line {line}: {}", self.detail()),
            None => f.write_str(&self.detail()),
        }
    }
}

/// The delimiter a file uses: `,` unless tabs or `;` separate fields on more of its first lines
/// than commas do (a title line alone says nothing: a tab-separated grid often starts with one).
pub fn sniff_delimiter(text: &str) -> u8 {
    let (mut commas, mut tabs, mut semis) = (0, 0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(30) {
        commas += usize::from(line.contains(','));
        tabs += usize::from(line.contains('\t'));
        semis += usize::from(line.contains(';'));
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

pub fn read_records(text: &str, delimiter: u8) -> Result<Vec<Record>, TableError> {
    if text.trim().is_empty() {
        return Err(TableError::Empty);
    }
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut record = StringRecord::new();
    loop {
        let line = reader.position().line() as u32;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(line, |p| p.line() as u32);
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
                out.push(Record {
                    line: start,
                    fields: record.clone(),
                });
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
    if let Some(last) = out.last() {
        let start = last.fields.position().map_or(0, |p| p.byte() as usize);
        if text
            .get(start..)
            .is_some_and(|raw| ends_in_open_quote(raw, delimiter))
        {
            return Err(TableError::UnbalancedQuote { line: last.line });
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
    use super::*;

    #[test]
    fn lines_are_tracked_across_quoted_breaks() {
        let recs = read_records("a,b\n\"本年新\n制作数量\",x\nc,d\n", b',').unwrap_or_default();
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
