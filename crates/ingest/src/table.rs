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

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TableError::Empty => f.write_str("empty file: no lines to read"),
            TableError::UnbalancedQuote { line } => write!(
                f,
                "line {line}: a quote (\") opens a field that never closes; the rest of the file would be one cell"
            ),
            TableError::Csv { line, message } => write!(f, "line {line}: {message}"),
        }
    }
}

/// The delimiter a file uses: `,` unless the first non-empty line has none and has tabs or `;`.
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.contains(',') {
        return b',';
    }
    let tabs = first.matches('\t').count();
    let semis = first.matches(';').count();
    match (tabs, semis) {
        (0, 0) => b',',
        (t, s) if t >= s => b'\t',
        _ => b';',
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
                let has_quoted_break = record
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
    Ok(out)
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
    }
}
