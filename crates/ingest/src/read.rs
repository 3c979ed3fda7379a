//! One file from bytes to reports: decode, split into records, detect the layout, read.

use std::path::Path;
use std::sync::Arc;

use gongkai_document::decode::{decode, EncodingChoice};
use gongkai_document::delimited::{read_records, sniff_delimiter};
use gongkai_document::{sniff, Format, Grid};
use gongkai_messages::msg;
use gongkai_report::{FileRead, Layout};
use sha2::Digest;

use crate::locate::CellSources;
use crate::reading::{unit_from_path, year_from_path, Reading};
use crate::{big_file, document_file, learned, screen, tidy, unit_file, workbook_file};

/// How to read files.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    pub encoding: EncodingChoice,
    /// Take each file's SHA-256 from the bytes read ([`FileRead::sha256`]), for an export's
    /// manifest: hashing the files again afterwards read every byte twice (a tenth of a
    /// national export's time).
    pub digest: bool,
}

#[cfg(any(test, feature = "cross-check"))]
thread_local! {
    /// Off while a cross-check reads a file again the full way, and in tests that compare.
    pub(crate) static FAST_PATHS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

fn fast_paths() -> bool {
    #[cfg(any(test, feature = "cross-check"))]
    return FAST_PATHS.with(std::cell::Cell::get);
    #[cfg(not(any(test, feature = "cross-check")))]
    true
}

/// With the `cross-check` feature (CI's whole test suite, CLI tests included) and in test
/// builds, every read a fast path gave is read again by the full readers, which must give the
/// same reports, problems and counts: the fast paths are held to the full readers on every file
/// the tests read, not only on the fuzz's.
#[cfg(any(test, feature = "cross-check"))]
fn cross_check(read: &FileRead, full: impl FnOnce() -> FileRead) {
    let was = FAST_PATHS.with(|f| f.replace(false));
    let full = learned::without_learned(full);
    FAST_PATHS.with(|f| f.set(was));
    assert_eq!(
        read,
        &full,
        "a fast read differs from the full read of {}",
        read.file.display()
    );
}

/// Reads one file. Never panics and never fails: problems are in the returned diagnostics.
/// A large tidy file is read in pieces on every core ([`big_file`]).
pub fn read_file(path: &Path, options: &ReadOptions) -> FileRead {
    read_file_as(path, options, fast_paths())
}

/// [`read_file`]; `in_pieces`: a large tidy file may be read in pieces.
fn read_file_as(path: &Path, options: &ReadOptions, in_pieces: bool) -> FileRead {
    let file = Arc::new(path.to_path_buf());
    let mut r = Reading::new(file);
    if let Some(why) = passed_over_by_name(path) {
        r.skip(why);
        return r.finish(None, None);
    }
    let read = BUFFER.with_borrow_mut(|buf| {
        let read = match read_into(path, buf, options, in_pieces) {
            // The start goes with the file (and the thread's buffer with it): the pieces are
            // read on every core, and this thread may take up another file meanwhile.
            Ok(Filled::Big { filled, file }) => {
                let mut start = std::mem::take(buf);
                start.truncate(filled);
                return Err((start, file));
            }
            Ok(Filled::Whole(n)) => {
                let mut read = read_bytes(&buf[..n], path, options, r);
                if options.digest {
                    read.sha256 = Some(sha2::Sha256::digest(&buf[..n]).into());
                }
                read
            }
            Ok(Filled::Refused {
                refusal,
                encoding,
                size,
            }) => {
                r.bytes = size;
                refuse(r, refusal, Some(encoding))
            }
            Err(e) => {
                let d = r.error(msg!("read-cannot-read", why = e.to_string()));
                r.fail_file(d);
                r.finish(None, None)
            }
        };
        // A large file (a national tidy export, a stray data dump) would leave its size to the
        // thread for the rest of the batch.
        if buf.len() > KEEP_BUFFER {
            *buf = Vec::new();
        }
        Ok(read)
    });
    match read {
        Ok(read) => read,
        Err((start, mut file)) => {
            let fast = fast_paths();
            match big_file::read(&mut file, start, path, options, big_file::SIZES, fast) {
                Some(read) => {
                    #[cfg(test)]
                    big_file::READ_IN_PIECES.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    #[cfg(any(test, feature = "cross-check"))]
                    if let Ok(bytes) = std::fs::read(path) {
                        cross_check(&read, || {
                            read_bytes(&bytes, path, options, Reading::new(read.file.clone()))
                        });
                    }
                    read
                }
                // Read whole, as any other file: the whole read says what the pieces could not.
                None => read_file_as(path, options, false),
            }
        }
    }
}

/// [`big_file::read`] of a file's contents, pieces and blocks cut to `sizes`: `None` where the
/// file would be read whole.
#[cfg(test)]
pub(crate) fn read_bytes_in_pieces(
    bytes: &[u8],
    path: &Path,
    options: &ReadOptions,
    sizes: big_file::Sizes,
) -> Option<FileRead> {
    let mut source = bytes;
    big_file::read(&mut source, Vec::new(), path, options, sizes, fast_paths())
}

/// Files passed over by their name alone: an Office lock file (`~$城关区.xlsx`, left while the
/// file is open, a few hundred bytes naming who has it open) and hidden files (`.DS_Store`).
fn passed_over_by_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.as_encoded_bytes();
    if name.starts_with("~$".as_bytes()) {
        Some(msg!("read-lock-file"))
    } else if name.starts_with(b".") {
        Some(msg!("read-hidden-file"))
    } else {
        None
    }
}

/// Whether content of `found` is what a name promising `named` may hold without a remark (an
/// empty or binary file is reported as such anyway).
fn same_kind(named: Format, found: Format) -> bool {
    named == found || matches!(found, Format::Empty | Format::Binary)
}

thread_local! {
    /// Each reading thread's file buffer, reused: a national batch is 100,000 small files.
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Largest buffer a reading thread keeps between files: a unit's file is a few KB, a form grid
/// at most [`screen::MAX_GRID_BYTES`].
const KEEP_BUFFER: usize = 16 * 1024 * 1024;

/// What [`read_into`] read.
enum Filled {
    /// The whole file, this many bytes.
    Whole(usize),
    /// The start of a file of `size` bytes, which is enough to turn it away.
    Refused {
        refusal: screen::Refusal,
        encoding: &'static str,
        size: u64,
    },
    /// The start (this many bytes) of a file past [`big_file::BIG_FILE_BYTES`] that opens as a
    /// tidy file: the rest is read in pieces.
    Big { filled: usize, file: std::fs::File },
}

/// Reads the whole file into the front of `buf`, growing it as needed. Unlike `fs::read`, it
/// does not ask the file's size first and allocates nothing per file: one `read` takes a small
/// file whole. Past a grid's size, a file whose start shows it is no report is read no further
/// (a stray data dump of hundreds of MB); past [`big_file::BIG_FILE_BYTES`], a file that opens
/// as a tidy file is left to be read in pieces (if `in_pieces`).
fn read_into(
    path: &Path,
    buf: &mut Vec<u8>,
    options: &ReadOptions,
    in_pieces: bool,
) -> std::io::Result<Filled> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let (mut filled, mut looked) = (0, false);
    loop {
        if filled == buf.len() {
            buf.resize((buf.len() * 2).max(64 * 1024), 0);
        }
        match file.read(&mut buf[filled..]) {
            Ok(0) => return Ok(Filled::Whole(filled)),
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
        if !looked
            && in_pieces
            && filled > big_file::BIG_FILE_BYTES
            && screen::opens_as_tidy(&buf[..filled])
        {
            return Ok(Filled::Big { filled, file });
        }
        if !looked && filled > screen::MAX_GRID_BYTES {
            looked = true;
            let size = file.metadata()?.len();
            if let Some((refusal, encoding)) =
                screen::stop_early(&buf[..filled], size, options.encoding)
            {
                return Ok(Filled::Refused {
                    refusal,
                    encoding,
                    size,
                });
            }
        }
    }
}

/// The read of a file turned away by [`screen`].
fn refuse(mut r: Reading, refusal: screen::Refusal, encoding: Option<&'static str>) -> FileRead {
    let mut d = r.error(refusal.message);
    if let Some(line) = refusal.line {
        d = d.at(line, None);
    }
    r.fail_file(d);
    r.finish(encoding, None)
}

/// Reads a file's contents as if from `path` (which names the unit and year where the file does not).
pub fn read_bytes_at(bytes: &[u8], path: &Path, options: &ReadOptions) -> FileRead {
    read_bytes(
        bytes,
        path,
        options,
        Reading::new(Arc::new(path.to_path_buf())),
    )
}

fn read_bytes(bytes: &[u8], path: &Path, options: &ReadOptions, mut r: Reading) -> FileRead {
    r.bytes = bytes.len() as u64;
    // What the file is, by its bytes: a `.xls` may be an HTML table, a `.csv` a workbook.
    let name = path.file_name().map(|n| n.to_string_lossy());
    let named = name.as_deref().and_then(Format::expected_from_name);
    let format = match (sniff(bytes), named) {
        // A container whose contents the sniffer cannot name (cut short, damaged) under a
        // workbook's name: the workbook reader says what is wrong with it.
        (Format::Binary | Format::Zip, Some(n @ (Format::Xls | Format::Xlsx | Format::Ods)))
            if gongkai_workbook::is_container(bytes) =>
        {
            n
        }
        (format, _) => format,
    };
    r.format = Some(format);
    match (named, format) {
        // A name no report has, and content no report format has: a note, a photo, a dump.
        (None, Format::Text | Format::Empty | Format::Binary | Format::Zip) => {
            r.skip(msg!("read-not-a-report", format = format.name()));
            return r.finish(None, None);
        }
        (Some(named), Format::Binary) if named != Format::Text => {
            let d = r.error(msg!("read-not-readable", format = named.name()));
            r.fail_file(d);
            return r.finish(None, None);
        }
        (Some(named), _) if !same_kind(named, format) => {
            let d = r.warning(msg!(
                "read-name-and-content-differ",
                named = named.name(),
                content = format.name()
            ));
            r.push(d);
        }
        _ => {}
    }
    match format {
        // The text path says what is wrong with an empty or binary file, and where.
        Format::Text | Format::Empty | Format::Binary => {}
        Format::Html | Format::Docx | Format::Pdf => {
            let layout = document_file::read(bytes, path, &mut r);
            return r.finish(None, layout);
        }
        // Encrypted files go to the workbook reader too: it tells an encrypted workbook (FILEPASS,
        // an encrypted package) and says so.
        Format::Xlsx | Format::Xls | Format::Ods | Format::Encrypted => {
            let layout = workbook_file::read(bytes, path, &mut r);
            return r.finish(None, layout);
        }
        other => {
            let d = r.error(other.not_read());
            r.fail_file(d);
            return r.finish(None, None);
        }
    }
    let decoded = match decode(bytes, options.encoding) {
        Ok(d) => d,
        Err(e) => {
            let mut d = r.error(e.detail());
            if let Some(line) = e.line() {
                d = d.at(line, None);
            }
            r.fail_file(d);
            return r.finish(None, None);
        }
    };
    let encoding = Some(decoded.encoding.name());
    let text = match screen::screen(decoded.text.as_ref()) {
        Ok(text) => text,
        Err(refusal) => return refuse(r, refusal, encoding),
    };
    // A canonical tidy export first: every line of one has commas, so the delimiter is a comma.
    if fast_paths() && tidy::read_plain(text, &mut r) {
        let read = r.finish(encoding, Some(Layout::Tidy));
        #[cfg(any(test, feature = "cross-check"))]
        cross_check(&read, || {
            read_bytes(bytes, path, options, Reading::new(read.file.clone()))
        });
        return read;
    }
    let delimiter = sniff_delimiter(text);
    if delimiter != b',' {
        let d = r.warning(if delimiter == b'\t' {
            msg!("read-separated-by-tabs")
        } else {
            msg!("read-separated-by-semicolons")
        });
        r.push(d.at(1, None));
    }
    // Most files of a national batch are plain: the canonical tidy export (above), or a grid laid
    // out as one seen before. Those are read in one pass over the text, with the same result as
    // below (tests compare them); anything else, or anything they are unsure of, goes the full way.
    if delimiter == b',' && fast_paths() && learned::read_known(text, path, &mut r) {
        let read = r.finish(encoding, Some(Layout::Grid));
        #[cfg(any(test, feature = "cross-check"))]
        cross_check(&read, || {
            read_bytes(bytes, path, options, Reading::new(read.file.clone()))
        });
        return read;
    }
    let table = match read_records(text, delimiter) {
        Ok(table) => table,
        Err(e) => {
            let mut d = r.error(e.detail());
            if let Some(line) = e.line() {
                d = d.at(line, None);
            }
            r.fail_file(d);
            return r.finish(encoding, None);
        }
    };
    let records = table.records();
    let first = records.iter().position(|rec| !rec.is_empty());
    if let Some((start, pos)) = first.and_then(|i| Some((i, tidy::header_positions(&records[i])?)))
    {
        if records[start + 1..].iter().all(|rec| rec.is_empty()) {
            let d = r
                .error(msg!("read-header-only"))
                .at(records[start].line, None);
            r.fail_file(d);
        } else {
            tidy::read(&records[start..], pos, &mut r);
        }
        return r.finish(encoding, Some(Layout::Tidy));
    }
    drop(records);
    let grid = Grid::from(table);
    // Where each cell came from, for the layout a clean read of a plain text leaves.
    r.cell_sources = (delimiter == b',' && learned::learning()).then(CellSources::default);
    unit_file::read(&grid, year_from_path(path), &unit_from_path(path), &mut r);
    learned::learn(text, &grid, path, &mut r);
    r.finish(encoding, Some(Layout::Grid))
}
