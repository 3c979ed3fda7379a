//! A large tidy file (a province's units in one CSV, hundreds of MB) read on every core, with
//! memory bounded by a block of the file and the reports, not by the file.
//!
//! The file is read a block at a time (the next block read while this one is worked on); each
//! block, cut at line ends, is split into pieces read in parallel, each alone
//! ([`tidy::Piece`]): one pass where its lines are plain, else the full way. The pieces are then
//! taken in, in order, by the reading of the whole ([`tidy::TidyLines::absorb`]): a report whose
//! lines fall in several pieces (a unit cut by a piece's end, or units interleaved) is joined
//! cell by cell. Lines are numbered from the start of the file, so every place is the file's.
//! The result is what the full reader gives the whole file (tests compare them, and the
//! `cross-check` feature reads every such file again whole).
//!
//! What a piece cannot settle alone is settled at the end or handed back: a piece giving a cell
//! a report had already is read again in order after the pieces before it (which line came first
//! decides what is said of both); a line cut short is the file's end cut off only if no line
//! with text follows. Anything a piece cannot read as the whole would be (an encoding only the
//! whole can settle, a quoted field over lines, a lone `\r`, a line longer than a block) sends
//! the file to the whole read, which says what is wrong.

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use gongkai_document::decode::{ByLines, Utf8Evidence};
use gongkai_document::delimited::{read_records, sniff_delimiter, Table};
use gongkai_document::{sniff, Format};
use gongkai_report::{FileRead, Layout};
use rayon::prelude::*;

use crate::read::ReadOptions;
use crate::reading::Reading;
use crate::screen::LOOK_BYTES;
use crate::tidy::{records_of, Clash, Columns, Joined, Piece, PlainHeader, TidyLines};

/// How a long file is cut: blocks read from disk, each split into pieces read on the cores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sizes {
    /// Bytes of the file's start read before any piece, to tell its format, encoding, header
    /// and delimiter as the whole read tells them (at least [`MIN_START`]).
    pub start: usize,
    /// Bytes read from the file at a time (two blocks are held: one read while one is worked on).
    pub block: usize,
    /// Bytes of a piece: each is read by one core, and its reports are joined to the whole's.
    pub piece: usize,
}

/// The sizes files are read with. 32 MiB blocks keep a 1 GB file's read to 64 MiB of text at a
/// time; 1 MiB pieces give each core a few dozen per block, and cut few units in two (a unit's
/// lines are 13 KB).
#[cfg(not(any(test, feature = "cross-check")))]
pub(crate) const SIZES: Sizes = Sizes {
    start: 256 << 10,
    block: 32 << 20,
    piece: 1 << 20,
};

/// Tests and cross-checked builds cut the files they read small, so that every tidy file of the
/// tests past [`BIG_FILE_BYTES`] is read in many pieces and held to the whole read.
#[cfg(any(test, feature = "cross-check"))]
pub(crate) const SIZES: Sizes = Sizes {
    start: 16 << 10,
    block: 48 << 10,
    piece: 3 << 10,
};

/// Bytes past which a file that opens as a tidy file is read in pieces: past a form grid's size
/// ([`crate::screen::MAX_GRID_BYTES`]), where a file is looked at before it is read further.
#[cfg(not(any(test, feature = "cross-check")))]
pub(crate) const BIG_FILE_BYTES: usize = crate::screen::MAX_GRID_BYTES;

/// In tests and cross-checked builds, any tidy file past the look.
#[cfg(any(test, feature = "cross-check"))]
pub(crate) const BIG_FILE_BYTES: usize = LOOK_BYTES;

/// The least start that tells the format as the whole does: the sniff looks at 4 KiB. (The
/// header must be in the screen's look, 64 KiB, and the delimiter is told by 30 lines with text:
/// a start without them sends the file to the whole read.)
const MIN_START: usize = 4 << 10;

/// Longest line kept whole across blocks; a file with a longer one is read whole (and its
/// line's problem said there).
const MAX_LINE: usize = 64 << 20;

/// Lines with text that settle the delimiter ([`sniff_delimiter`] looks at 30).
const DELIMITER_LINES: usize = 30;

/// Big files being read. Only the first is read in parallel: its pieces' joins let a waiting
/// core take up other files of the batch, and another big file taken up so is read on that core
/// alone, so that no more than one block per core is held whatever the batch.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// Files read to the end in pieces by [`crate::read_file`] (tests see that a file took the path).
#[cfg(test)]
pub(crate) static READ_IN_PIECES: AtomicUsize = AtomicUsize::new(0);

/// Files whose lines turned out interleaved, read in order from then on (tests see it happen).
#[cfg(test)]
pub(crate) static READ_IN_ORDER: AtomicUsize = AtomicUsize::new(0);

/// One big file being read, counted in [`IN_FLIGHT`] while it lives.
pub(crate) struct InFlight {
    parallel: bool,
}

impl InFlight {
    pub(crate) fn enter() -> InFlight {
        InFlight {
            parallel: IN_FLIGHT.fetch_add(1, Ordering::SeqCst) == 0,
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Reads the tidy file at `path` from `source`, whose first bytes, `start`, were read already.
/// `None` when it must be read whole (see the module docs): nothing is lost but the time.
/// `fast`: pieces may be read in one pass (off while a cross-check reads the full way).
pub(crate) fn read(
    source: &mut (dyn Read + Send),
    start: Vec<u8>,
    path: &Path,
    options: &ReadOptions,
    sizes: Sizes,
    fast: bool,
) -> Option<FileRead> {
    let in_flight = InFlight::enter();
    let sizes = Sizes {
        start: sizes.start.max(MIN_START),
        block: sizes.block.max(1),
        piece: sizes.piece.max(1),
    };
    let mut block = start;
    let mut eof = fill(source, &mut block, sizes.start)?;
    let name = path.file_name().map(|n| n.to_string_lossy());
    let named = name.as_deref().and_then(Format::expected_from_name);
    if named != Some(Format::Text) || sniff(&block) != Format::Text {
        return None;
    }
    let start_end = if eof {
        block.len()
    } else {
        memchr::memrchr(b'\n', &block)? + 1
    };
    let by = ByLines::new(block.get(..start_end)?, options.encoding)?;
    let header = {
        let (head, _) = by.decode(block.get(by.bom()..start_end)?)?;
        Header::find(&head, eof && start_end == block.len())?
    };
    // The value lines start after the header's line end.
    let mut from = by.bom();
    for _ in 0..header.line {
        from += memchr::memchr(b'\n', block.get(from..)?)? + 1;
    }
    let file = Arc::new(path.to_path_buf());
    let mut whole = Whole {
        r: Reading::new(file),
        lines: TidyLines::in_pieces(header.columns),
        evidence: Utf8Evidence::default(),
        in_order: false,
    };
    let mut bytes = block.len() as u64;
    // Lines before `from`.
    let mut line = header.line;
    let mut spare = Vec::new();
    let parallel = in_flight.parallel;
    loop {
        // The whole lines from `from`: to the last line end, or all at the end of the file.
        let cut = if eof {
            block.len()
        } else {
            match memchr::memrchr(b'\n', block.get(from..)?) {
                Some(i) => from + i + 1,
                None if block.len() - from > MAX_LINE => return None,
                None => {
                    let had = block.len();
                    eof = fill(source, &mut block, had + sizes.block)?;
                    bytes += (block.len() - had) as u64;
                    continue;
                }
            }
        };
        let mut next = std::mem::take(&mut spare);
        next.clear();
        next.extend_from_slice(block.get(cut..)?);
        let carried = next.len();
        let lines = block.get(from..cut)?;
        let (filled, newlines) = both(
            parallel,
            || {
                if eof {
                    Some(true)
                } else {
                    fill(source, &mut next, carried + sizes.block)
                }
            },
            || whole.read_block(lines, line, &header, &by, sizes.piece, parallel, fast),
        );
        line = line.checked_add(newlines?)?;
        if eof {
            break;
        }
        // A read error stops the pieces: the whole read says what it is.
        eof = filled?;
        bytes += (next.len() - carried) as u64;
        spare = std::mem::replace(&mut block, next);
        from = 0;
    }
    let Whole {
        mut r,
        lines,
        evidence,
        ..
    } = whole;
    // A header alone is the whole read's to say; so is a text taken for GBK that turns out to
    // be UTF-8 with a few bad bytes.
    if !lines.any_read() || !by.agrees(evidence) {
        return None;
    }
    lines.finish(&mut r);
    r.bytes = bytes;
    r.format = Some(Format::Text);
    Some(r.finish(Some(by.encoding().name()), Some(Layout::Tidy)))
}

/// The reading of the whole file, piece after piece.
struct Whole {
    r: Reading,
    lines: TidyLines,
    /// Of the bytes decoded so far, for [`ByLines::agrees`].
    evidence: Utf8Evidence,
    /// The file's lines are found apart from their reports' other lines (sorted by cell rather
    /// than by unit, say): pieces are split on every core but read in order here, since a
    /// piece's reports would each hold a whole form for a few cells.
    in_order: bool,
}

/// A piece's reports joined to earlier ones past which the lines are taken as interleaved: a
/// file of units one after another joins one a piece (the unit its start cuts).
const JOINED_MAX: usize = 8;

/// A piece split or read on a core.
enum Parsed<'t> {
    Piece(Box<Piece>),
    /// Its records, to be read in order ([`Whole::in_order`]).
    Records(Table<'t>),
}

impl Whole {
    /// Reads the whole lines `bytes`, after `before` lines of the file, in pieces of about
    /// `piece` bytes (in parallel, if asked), and takes the pieces in, in order. The number of
    /// lines they end, or `None` if the file must be read whole.
    #[allow(clippy::too_many_arguments)]
    fn read_block(
        &mut self,
        bytes: &[u8],
        before: u32,
        header: &Header,
        by: &ByLines,
        piece: usize,
        parallel: bool,
        fast: bool,
    ) -> Option<u32> {
        let pieces = cut(bytes, piece);
        // Decoded, and their line ends counted: a piece's first line is known before it is read.
        let decoded: Vec<Option<(Cow<str>, Utf8Evidence, u32)>> = map(parallel, &pieces, |p| {
            let (text, evidence) = by.decode(p)?;
            let ends = u32::try_from(memchr::memchr_iter(b'\n', p).count()).ok()?;
            Some((text, evidence, ends))
        });
        let decoded: Vec<(Cow<str>, Utf8Evidence, u32)> =
            decoded.into_iter().collect::<Option<_>>()?;
        let mut work: Vec<(&str, u32)> = Vec::with_capacity(decoded.len());
        let mut at = before.checked_add(1)?;
        for (text, evidence, ends) in &decoded {
            work.push((text.as_ref(), at));
            at = at.checked_add(*ends)?;
            self.evidence = self.evidence + *evidence;
        }
        let plain = header.plain.as_ref().filter(|_| fast);
        let (columns, file) = (header.columns, self.r.file.clone());
        // A wave of pieces (one a core) is read while the wave before is taken in: the pieces
        // held at once are two waves', whatever the block.
        let wave = if parallel {
            rayon::current_num_threads().max(1)
        } else {
            1
        };
        let mut waves = work.chunks(wave);
        let mut pending: Option<Vec<(Option<Parsed>, &str, u32)>> = None;
        loop {
            let next = waves.next();
            if next.is_none() && pending.is_none() {
                break;
            }
            let in_order = self.in_order;
            let (parsed, taken) = both(
                parallel,
                || {
                    next.map(|w| {
                        map(parallel, w, |&(text, first)| {
                            let parsed = if in_order {
                                records_of(text, first).map(Parsed::Records)
                            } else {
                                Piece::read(text, first, columns, plain, &file)
                                    .map(|p| Parsed::Piece(Box::new(p)))
                            };
                            (parsed, text, first)
                        })
                    })
                },
                || pending.take().map_or(Some(()), |wave| self.take(wave)),
            );
            taken?;
            pending = parsed;
        }
        Some(at - before - 1)
    }

    /// Takes in a wave of pieces, in order: a piece giving a cell a report had already is read
    /// again here in order; pieces whose reports join earlier ones turn the rest of the file to
    /// being read in order.
    fn take(&mut self, wave: Vec<(Option<Parsed>, &str, u32)>) -> Option<()> {
        for (parsed, text, first) in wave {
            match parsed? {
                Parsed::Piece(piece) => match self.lines.absorb(&mut self.r, *piece) {
                    Ok(Joined { reports, joined }) => {
                        if !self.in_order && joined > JOINED_MAX && joined * 2 > reports {
                            self.in_order = true;
                            #[cfg(test)]
                            READ_IN_ORDER.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    Err(Clash) => self.lines.read_text(text, first, &mut self.r)?,
                },
                Parsed::Records(table) => self.lines.read_table(&table, &mut self.r),
            }
        }
        Some(())
    }
}

/// The tidy header of a file, found in its start.
#[derive(Debug)]
struct Header {
    /// Its line number.
    line: u32,
    columns: Columns,
    /// As the one-pass reader takes it, if it does, at the places the full reader finds.
    plain: Option<PlainHeader>,
}

impl Header {
    /// The header of the text that `head` starts (`whole`: is all of), if the whole read would
    /// read the text as a tidy file with all six columns and a comma between fields: its first
    /// line with text (past lines of blanks and commas only, and within the screen's look) is
    /// that header, and the delimiter is a comma by the lines the sniff looks at.
    fn find(head: &str, whole: bool) -> Option<Header> {
        if sniff_delimiter(head) != b',' {
            return None;
        }
        if !whole {
            let with_text = head.lines().filter(|l| !l.trim().is_empty());
            if with_text.take(DELIMITER_LINES).count() < DELIMITER_LINES {
                return None;
            }
        }
        let (mut at, mut line) = (0usize, 1u32);
        let (text, end) = loop {
            let rest = head.get(at..)?;
            let end = match memchr::memchr(b'\n', rest.as_bytes()) {
                Some(i) => at + i + 1,
                None if whole && !rest.is_empty() => head.len(),
                None => return None,
            };
            let text = head.get(at..end)?;
            let blank = text.bytes().all(|b| b == b',' || b.is_ascii_whitespace());
            if !blank {
                break (text, end);
            }
            at = end;
            line += 1;
        };
        if end > LOOK_BYTES {
            return None;
        }
        let table = read_records(text, b',').ok()?;
        let columns = Columns::of(table.records().first()?)?;
        let line_text = text.strip_suffix('\n').unwrap_or(text);
        let plain = PlainHeader::of(line_text).filter(|p| p.agrees(&columns));
        Some(Header {
            line,
            columns,
            plain,
        })
    }
}

/// Reads from `source` onto the end of `buf` until it holds `want` bytes or the source ends:
/// whether it ended; `None` on a read error.
fn fill(source: &mut (dyn Read + Send), buf: &mut Vec<u8>, want: usize) -> Option<bool> {
    let need = want.saturating_sub(buf.len());
    if need == 0 {
        return Some(false);
    }
    buf.reserve_exact(need);
    let got = source.take(need as u64).read_to_end(buf).ok()?;
    Some(got < need)
}

/// `bytes` cut into pieces of about `size` bytes, each up to just after a line end (the last up
/// to the end).
fn cut(bytes: &[u8], size: usize) -> Vec<&[u8]> {
    let mut pieces = Vec::with_capacity(bytes.len() / size + 1);
    let mut rest = bytes;
    while !rest.is_empty() {
        let end = match rest.get(size..) {
            None => rest.len(),
            Some(after) => memchr::memchr(b'\n', after).map_or(rest.len(), |i| size + i + 1),
        };
        let (piece, next) = rest.split_at(end);
        pieces.push(piece);
        rest = next;
    }
    pieces
}

/// `f` of every item, in order: on every core, or on this one.
fn map<T: Sync, U: Send>(parallel: bool, items: &[T], f: impl Fn(&T) -> U + Sync + Send) -> Vec<U> {
    if parallel {
        items.par_iter().map(f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

/// Both, at once if asked.
fn both<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if parallel {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}
