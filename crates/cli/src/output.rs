//! Writing results: atomically to files, or to standard output; the output's format chosen by
//! `--format` or else by the name of the `-o` file, the same way in every command; CSV files
//! with a byte-order mark for Excel and WPS.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use gongkai_messages::msg;

use crate::args::{AuditFormat, FindingsFormat, Format, ImportFormat, TemplateFormat};

/// UTF-8's byte-order mark: Excel and WPS read a CSV file without it in the system's code page
/// (GBK on a Chinese Windows), and the Chinese comes out garbled.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes `bytes` to `path` atomically: no reader ever sees a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    Ok(gongkai_atomic::write_file(path, bytes)?)
}

/// Sends `text` to `out` if given (atomically), else to standard output.
pub fn emit(text: &str, out: Option<&Path>) -> Result<()> {
    emit_bytes(text.as_bytes(), out)
}

/// [`emit`] for a CSV: a file gets the byte-order mark first unless `no_bom`; standard output
/// never does (a pipe's reader does not want it).
pub fn emit_csv(text: &str, out: Option<&Path>, no_bom: bool) -> Result<()> {
    match out {
        Some(path) if !no_bom => {
            let mut bytes = BOM.to_vec();
            bytes.extend_from_slice(text.as_bytes());
            write_atomic(path, &bytes)
        }
        _ => emit(text, out),
    }
}

/// [`emit`] for bytes that need not be text (a workbook).
pub fn emit_bytes(bytes: &[u8], out: Option<&Path>) -> Result<()> {
    match out {
        Some(path) => write_atomic(path, bytes),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
                // A closed pipe (`| head`) is the reader's choice, not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.context(msg!("output-stdout-failed")),
            }
        }
    }
}

/// A workbook is written to a file or a pipe, never onto the terminal.
pub fn refuse_workbook_on_terminal(out: Option<&Path>, example: &str) -> Result<()> {
    if out.is_none() && std::io::stdout().is_terminal() {
        bail!(msg!("output-workbook-terminal", example = example));
    }
    Ok(())
}

/// What a file's name says it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Csv,
    Json,
    Markdown,
    Xlsx,
    Html,
}

/// Workbook extensions that are not written: a file so named would not open as what it says.
const OTHER_WORKBOOKS: &[&str] = &["xls", "xlsm", "xlsb", "et", "ods"];

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// What `path`'s extension names: nothing for `.txt` or an extension no output has; an error
/// for a workbook other than `.xlsx`.
fn named(path: &Path, command: &str) -> Result<Option<Named>> {
    let Some(ext) = extension(path) else {
        return Ok(None);
    };
    Ok(match ext.as_str() {
        "csv" => Some(Named::Csv),
        "json" => Some(Named::Json),
        "md" | "markdown" => Some(Named::Markdown),
        "xlsx" => Some(Named::Xlsx),
        "html" | "htm" => Some(Named::Html),
        e if OTHER_WORKBOOKS.contains(&e) => bail!(msg!(
            "output-other-workbook",
            path = path.display().to_string(),
            command = command,
            ext = e
        )),
        _ => None,
    })
}

/// `a, b or c` (`a、b或c`) in the run's language.
pub fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!(
            "{}{}{last}",
            rest.join(&msg!("output-list-sep")),
            msg!("output-list-or")
        ),
    }
}

/// An output format of a command: its `--format` name, the extension it is written under, and
/// which file names ask for it.
pub trait OutputFormat: Copy + PartialEq + 'static {
    /// As `--format` takes it.
    fn name(self) -> &'static str;
    /// The extension a file of this format has.
    fn extension(self) -> &'static str;
    /// The format a file's name asks for, if this command writes it.
    fn from_named(named: Named) -> Option<Self>;
    /// Every format, for the message naming what a command writes.
    fn all() -> &'static [Self];
}

/// The format to write: `asked` (`--format`), else the one `out`'s name says, else `default`.
/// A name that says another format than the one asked for, or one the command does not
/// write, is an error: nothing is written under a name that lies about it.
pub fn choose<F: OutputFormat>(
    command: &str,
    asked: Option<F>,
    out: Option<&Path>,
    default: F,
) -> Result<F> {
    let Some(path) = out else {
        return Ok(asked.unwrap_or(default));
    };
    let Some(named) = named(path, command)? else {
        return Ok(asked.unwrap_or(default));
    };
    let ext = extension(path).unwrap_or_default();
    let by_name = F::from_named(named);
    match (asked, by_name) {
        (Some(a), Some(n)) if a == n => Ok(a),
        (Some(a), _) => bail!(msg!(
            "output-mismatch",
            path = path.display().to_string(),
            format = a.name(),
            ext = ext,
            want = a.extension()
        )),
        (None, Some(n)) => Ok(n),
        (None, None) => {
            let mut kinds: Vec<String> = F::all()
                .iter()
                .map(|f| format!(".{}", f.extension()))
                .collect();
            kinds.dedup();
            bail!(msg!(
                "output-cannot-write",
                path = path.display().to_string(),
                command = command,
                ext = ext,
                kinds = or_list(&kinds)
            ))
        }
    }
}

impl OutputFormat for Format {
    fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Table => "txt",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
        }
    }

    fn from_named(named: Named) -> Option<Format> {
        Some(match named {
            Named::Csv => Format::Csv,
            Named::Json => Format::Json,
            Named::Markdown => Format::Markdown,
            Named::Xlsx => Format::Xlsx,
            Named::Html => return None,
        })
    }

    fn all() -> &'static [Format] {
        &[
            Format::Table,
            Format::Markdown,
            Format::Csv,
            Format::Json,
            Format::Xlsx,
        ]
    }
}

/// `trend`'s formats: those of [`Format`] but the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextFormat(pub Format);

impl OutputFormat for TextFormat {
    fn name(self) -> &'static str {
        self.0.name()
    }

    fn extension(self) -> &'static str {
        self.0.extension()
    }

    fn from_named(named: Named) -> Option<TextFormat> {
        Format::from_named(named)
            .filter(|f| *f != Format::Xlsx)
            .map(TextFormat)
    }

    fn all() -> &'static [TextFormat] {
        &[
            TextFormat(Format::Table),
            TextFormat(Format::Markdown),
            TextFormat(Format::Csv),
            TextFormat(Format::Json),
        ]
    }
}

impl OutputFormat for TemplateFormat {
    fn name(self) -> &'static str {
        match self {
            TemplateFormat::Csv => "csv",
            TemplateFormat::Xlsx => "xlsx",
        }
    }

    fn extension(self) -> &'static str {
        self.name()
    }

    fn from_named(named: Named) -> Option<TemplateFormat> {
        match named {
            Named::Csv => Some(TemplateFormat::Csv),
            Named::Xlsx => Some(TemplateFormat::Xlsx),
            Named::Json | Named::Markdown | Named::Html => None,
        }
    }

    fn all() -> &'static [TemplateFormat] {
        &[TemplateFormat::Csv, TemplateFormat::Xlsx]
    }
}

impl OutputFormat for ImportFormat {
    fn name(self) -> &'static str {
        match self {
            ImportFormat::Csv => "csv",
            ImportFormat::Json => "json",
            ImportFormat::Table => "table",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ImportFormat::Csv => "csv",
            ImportFormat::Json => "json",
            ImportFormat::Table => "txt",
        }
    }

    fn from_named(named: Named) -> Option<ImportFormat> {
        match named {
            Named::Csv => Some(ImportFormat::Csv),
            Named::Json => Some(ImportFormat::Json),
            Named::Markdown | Named::Xlsx | Named::Html => None,
        }
    }

    fn all() -> &'static [ImportFormat] {
        &[ImportFormat::Csv, ImportFormat::Json, ImportFormat::Table]
    }
}

impl OutputFormat for FindingsFormat {
    fn name(self) -> &'static str {
        match self {
            FindingsFormat::Text => "text",
            FindingsFormat::Json => "json",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            FindingsFormat::Text => "txt",
            FindingsFormat::Json => "json",
        }
    }

    fn from_named(named: Named) -> Option<FindingsFormat> {
        match named {
            Named::Json => Some(FindingsFormat::Json),
            Named::Csv | Named::Markdown | Named::Xlsx | Named::Html => None,
        }
    }

    fn all() -> &'static [FindingsFormat] {
        &[FindingsFormat::Text, FindingsFormat::Json]
    }
}

impl OutputFormat for AuditFormat {
    fn name(self) -> &'static str {
        match self {
            AuditFormat::Table => "table",
            AuditFormat::Csv => "csv",
            AuditFormat::Json => "json",
            AuditFormat::Html => "html",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            AuditFormat::Table => "txt",
            other => other.name(),
        }
    }

    fn from_named(named: Named) -> Option<AuditFormat> {
        match named {
            Named::Csv => Some(AuditFormat::Csv),
            Named::Json => Some(AuditFormat::Json),
            Named::Html => Some(AuditFormat::Html),
            Named::Markdown | Named::Xlsx => None,
        }
    }

    fn all() -> &'static [AuditFormat] {
        &[
            AuditFormat::Table,
            AuditFormat::Csv,
            AuditFormat::Json,
            AuditFormat::Html,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(asked: Option<Format>, out: &str) -> Result<Format> {
        choose("consolidate", asked, Some(Path::new(out)), Format::Table)
    }

    #[test]
    fn the_format_follows_the_name_unless_asked_and_never_contradicts_it() {
        assert_eq!(pick(None, "合计.xlsx").unwrap(), Format::Xlsx);
        assert_eq!(pick(None, "c.CSV").unwrap(), Format::Csv);
        assert_eq!(pick(None, "c.json").unwrap(), Format::Json);
        assert_eq!(pick(None, "c.md").unwrap(), Format::Markdown);
        assert_eq!(pick(None, "c.txt").unwrap(), Format::Table);
        assert_eq!(pick(None, "c").unwrap(), Format::Table);
        assert_eq!(pick(Some(Format::Csv), "c.txt").unwrap(), Format::Csv);
        assert_eq!(pick(Some(Format::Json), "c.json").unwrap(), Format::Json);
        let e = pick(Some(Format::Csv), "c.xlsx").unwrap_err().to_string();
        assert_eq!(
            e,
            "c.xlsx: --format csv does not write a .xlsx file: name it .csv, or leave --format out"
        );
        let e = pick(None, "c.xls").unwrap_err().to_string();
        assert!(e.ends_with("not .xls: name the file .xlsx"), "{e}");
        let e = choose(
            "trend",
            None,
            Some(Path::new("t.xlsx")),
            TextFormat(Format::Table),
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            e,
            "t.xlsx: trend does not write .xlsx files; it writes .txt, .md, .csv or .json"
        );
        assert_eq!(
            choose("consolidate", None, None, Format::Table).unwrap(),
            Format::Table
        );
    }
}
