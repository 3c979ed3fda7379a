//! A large tidy file read in pieces gives what the full reader gives the whole file: reports,
//! findings and their places (the file's line numbers), counts; whatever the order of its
//! lines, its line ends, byte-order mark and encoding, wherever blocks and pieces are cut.

use std::path::Path;

use gongkai_document::EncodingChoice;
use gongkai_form::FormVersion;
use gongkai_report::{write, Check, FileRead, Place};
use proptest::prelude::*;

use crate::big_file::{InFlight, Sizes, READ_IN_ORDER, READ_IN_PIECES};
use crate::read::{read_bytes_in_pieces, FAST_PATHS};
use crate::{learned, read_bytes_at, ReadOptions};

/// Units' names: Chinese, as in every real file (and so GBK differs from UTF-8).
fn unit(i: usize) -> String {
    const NAMES: [&str; 6] = ["城关区", "七里河区", "西固区", "安宁区", "红古区", "永登县"];
    format!("{}{}", NAMES[i % NAMES.len()], i / NAMES.len())
}

/// The value lines of `units` units for each of `years`, as `gongkai generate` writes them: one
/// report after another, in form order; values differ by unit.
fn value_lines(units: usize, years: &[i32]) -> Vec<String> {
    let mut text = String::new();
    for &year in years {
        let form = FormVersion::for_year(year);
        for u in 0..units {
            let values: Vec<i64> = (0..form.catalogue().len() as i64)
                .map(|i| (i * 7 + u as i64 * 13 + i64::from(year)) % 50)
                .collect();
            write::tidy::write_rows(&unit(u), year, form, &values, &mut text);
        }
    }
    text.lines().map(str::to_string).collect()
}

/// The header and `lines`, each ended by `\n`.
fn file_of(lines: &[String]) -> String {
    let mut text = write::tidy::HEADER.join(",");
    text.push('\n');
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    text
}

/// The full reader's read of the whole file: the oracle.
fn full(bytes: &[u8], name: &str, options: &ReadOptions) -> FileRead {
    let was = FAST_PATHS.with(|f| f.replace(false));
    let read = learned::without_learned(|| read_bytes_at(bytes, Path::new(name), options));
    FAST_PATHS.with(|f| f.set(was));
    read
}

/// Blocks and pieces from a byte at a time to the sizes files are read with.
const SIZES: [Sizes; 6] = [
    Sizes {
        start: 4096,
        block: 1,
        piece: 1,
    },
    Sizes {
        start: 4096,
        block: 100,
        piece: 7,
    },
    Sizes {
        start: 4096,
        block: 5000,
        piece: 300,
    },
    Sizes {
        start: 8192,
        block: 20_000,
        piece: 4096,
    },
    Sizes {
        start: 16384,
        block: 70_000,
        piece: 20_000,
    },
    crate::big_file::SIZES,
];

/// Read in pieces at every size of [`SIZES`], `bytes` give what the whole read gives; returned.
fn same_in_pieces(bytes: &[u8], name: &str, options: &ReadOptions) -> FileRead {
    let want = full(bytes, name, options);
    for sizes in SIZES {
        let got = read_bytes_in_pieces(bytes, Path::new(name), options, sizes);
        let Some(got) = got else {
            panic!("{name} is not read in pieces of {sizes:?}");
        };
        assert_eq!(got, want, "{name} in pieces of {sizes:?}");
    }
    want
}

/// `lines` in an order from a seed: a reproducible shuffle.
fn shuffled(mut lines: Vec<String>, mut seed: u64) -> Vec<String> {
    for i in (1..lines.len()).rev() {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        lines.swap(i, (seed >> 33) as usize % (i + 1));
    }
    lines
}

fn options() -> ReadOptions {
    ReadOptions::default()
}

#[test]
fn units_one_after_another_read_the_same_in_pieces() {
    let text = file_of(&value_lines(7, &[2020, 2023]));
    let read = same_in_pieces(text.as_bytes(), "省.csv", &options());
    assert_eq!(read.reports.len(), 14);
    assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
}

/// Units' lines interleaved (a file sorted by cell, say): large pieces see it and read the rest
/// in order; small ones join each report's cells from many pieces.
#[test]
fn interleaved_units_read_the_same_in_pieces() {
    let text = file_of(&shuffled(value_lines(5, &[2020, 2021]), 7));
    let before = READ_IN_ORDER.load(std::sync::atomic::Ordering::SeqCst);
    let read = same_in_pieces(text.as_bytes(), "省.csv", &options());
    assert!(READ_IN_ORDER.load(std::sync::atomic::Ordering::SeqCst) > before);
    // Every report whole, its cells on their own lines however far apart.
    assert_eq!(read.reports.len(), 10);
    assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
    // Each cell's line is the file's line that gave it.
    let file_lines: Vec<&str> = text.lines().collect();
    for r in &read.reports {
        let cat = r.form.catalogue();
        for (cell, line) in r.source.lines.iter().enumerate() {
            let held = file_lines
                .get(*line as usize - 1)
                .copied()
                .unwrap_or_default();
            let c = &cat.cells[cell];
            let key = format!(
                "{},{},{},{},{},",
                r.year,
                r.unit,
                c.section.code(),
                c.row.code,
                c.column.code
            );
            assert!(held.starts_with(&key), "{key} on line {line}: {held}");
        }
    }
}

#[test]
fn crlf_bom_and_quoted_names_read_the_same_in_pieces() {
    let lines: Vec<String> = value_lines(4, &[2022])
        .into_iter()
        .enumerate()
        .map(|(i, l)| match i % 3 {
            // R quotes every text field; some writers only the names.
            0 => l.replacen(',', ",\"", 1).replacen(',', "\",", 2),
            _ => l,
        })
        .collect();
    let text = file_of(&lines).replace('\n', "\r\n");
    let bom = format!("\u{feff}{text}");
    let read = same_in_pieces(bom.as_bytes(), "省.csv", &options());
    assert_eq!(read.reports.len(), 4);
    assert_eq!(read.encoding, Some("UTF-8"));
}

#[test]
fn gbk_reads_the_same_in_pieces_whether_told_or_found() {
    let text = file_of(&shuffled(value_lines(4, &[2020]), 3));
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let found = same_in_pieces(&gbk, "省.csv", &options());
    assert_eq!(found.encoding, Some("gb18030"));
    assert_eq!(found.reports.len(), 4);
    let told = ReadOptions {
        encoding: EncodingChoice::Fixed(encoding_rs::GBK),
        ..Default::default()
    };
    assert_eq!(same_in_pieces(&gbk, "省.csv", &told).encoding, Some("GBK"));
}

/// Bad lines in the middle: a value that is no number, an unknown row, a line cut short, a
/// value with a thousands comma; each said at its line of the file.
#[test]
fn bad_lines_are_said_at_their_lines_of_the_file() {
    let mut lines = value_lines(6, &[2021]);
    let at = [300, 301, 700, 900];
    lines[at[0]] = lines[at[0]]
        .rsplit_once(',')
        .map(|(k, _)| format!("{k},十二"))
        .unwrap_or_default();
    lines[at[1]] = lines[at[1]]
        .replacen(",requests,", ",requests_typo,", 1)
        .replacen(",active,", ",active_typo,", 1);
    lines[at[2]] = lines[at[2]]
        .split(',')
        .take(3)
        .collect::<Vec<_>>()
        .join(",");
    lines[at[3]] = lines[at[3]]
        .rsplit_once(',')
        .map(|(k, _)| format!("{k},1,234"))
        .unwrap_or_default();
    let text = file_of(&lines);
    let read = same_in_pieces(text.as_bytes(), "省.csv", &options());
    // Line numbers are the file's: the header is line 1.
    let errors: Vec<u32> = read
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.rule == Check::Input)
        .filter_map(|d| match d.place {
            Place::Line { line, .. } => Some(line),
            _ => None,
        })
        .collect();
    assert_eq!(errors, at.map(|i| i as u32 + 2));
    // Lines 300 and 301 are one unit's.
    assert_eq!(read.rejected.len(), 3, "{:?}", read.rejected);
}

/// A cell given twice far apart (the second in a later piece), and twice more at the end: each
/// repeat is said against the first line, as the whole read says it.
#[test]
fn a_cell_given_again_in_a_later_piece_is_said_against_the_first() {
    let mut lines = value_lines(5, &[2020]);
    let again = lines[10]
        .rsplit_once(',')
        .map(|(k, _)| format!("{k},99"))
        .unwrap_or_default();
    lines.push(again.clone());
    lines.push(again);
    let text = file_of(&lines);
    let read = same_in_pieces(text.as_bytes(), "省.csv", &options());
    let repeats: Vec<&str> = read
        .diagnostics
        .iter()
        .filter(|d| d.found.as_deref() == Some("99"))
        .map(|d| d.message.as_str())
        .collect();
    // lines[10] is the file's line 12.
    assert_eq!(repeats.len(), 2);
    assert!(
        repeats.iter().all(|m| m.contains("line 12 ")),
        "{repeats:?}"
    );
}

/// A last line cut off (a download stopped short) is said as such, also when blank lines follow
/// it in later pieces; a line short of fields elsewhere is not.
#[test]
fn a_truncated_last_line_is_the_file_cut_short() {
    let text = file_of(&value_lines(3, &[2020]));
    let cut = &text[..text.len() - 12];
    let last = cut.lines().count() as u32;
    let fields = cut.lines().last().map_or(0, |l| l.split(',').count());
    let said = |r: &FileRead| -> Vec<String> {
        r.diagnostics
            .iter()
            .filter(|d| d.rule == Check::Input)
            .filter(|d| matches!(d.place, Place::Line { line, .. } if line == last))
            .map(|d| d.message.clone())
            .collect()
    };
    let cut_short = gongkai_messages::msg!("read-tidy-cut-short", fields = fields, header = 6);
    let read = same_in_pieces(cut.as_bytes(), "省.csv", &options());
    assert_eq!(said(&read), std::slice::from_ref(&cut_short));
    let blank_after = format!("{cut}\n\n,,,\n  \n");
    let after = same_in_pieces(blank_after.as_bytes(), "省.csv", &options());
    assert_eq!(said(&after), [cut_short]);
    // Followed by a line with text, it is a line with too few fields.
    let more = format!("{cut}\n{}\n", value_lines(1, &[2019])[0]);
    let short = same_in_pieces(more.as_bytes(), "省.csv", &options());
    let too_few = gongkai_messages::msg!("read-tidy-too-few-fields", fields = fields, header = 6);
    assert_eq!(said(&short), [too_few]);
}

/// What pieces cannot read as the whole would is left to the whole read: a quoted field over
/// lines, a lone `\r`, a header alone, a file that is no tidy file.
#[test]
fn what_pieces_cannot_read_goes_to_the_whole_read() {
    let lines = value_lines(2, &[2020]);
    let mut over = lines.clone();
    over[40] = over[40].replacen(",requests,", ",\"requests\n,", 1);
    let mut lone = lines.clone();
    lone[50].insert(4, '\r');
    let header_only = file_of(&[]);
    for (case, text) in [
        ("quote over lines", file_of(&over)),
        ("lone CR", file_of(&lone)),
        ("header alone", header_only),
        ("a grid", "填报单位,城关区\n年度,2020\n".repeat(40)),
    ] {
        for sizes in SIZES {
            let got = read_bytes_in_pieces(text.as_bytes(), Path::new("省.csv"), &options(), sizes);
            assert!(got.is_none(), "{case}: read in pieces of {sizes:?}");
        }
    }
}

/// On disk, a tidy file past the size read whole is read in pieces (and, in test builds, read
/// again whole by the cross-check, which must agree); a big file read while another is in
/// flight is read on one core, with the same result.
#[test]
fn read_file_takes_a_big_tidy_file_in_pieces() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("甘肃省.csv");
    let text = file_of(&shuffled(value_lines(12, &[2023]), 11));
    assert!(text.len() > crate::big_file::BIG_FILE_BYTES);
    std::fs::write(&path, &text).unwrap();
    let before = READ_IN_PIECES.load(std::sync::atomic::Ordering::SeqCst);
    let read = crate::read_file(&path, &options());
    assert!(READ_IN_PIECES.load(std::sync::atomic::Ordering::SeqCst) > before);
    assert_eq!(read.reports.len(), 12);
    assert_eq!(
        read,
        full(text.as_bytes(), &path.to_string_lossy(), &options())
    );
    let busy = InFlight::enter();
    let alone = crate::read_file(&path, &options());
    drop(busy);
    assert_eq!(alone, read);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Random files of a few units and years, their lines moved, repeated, dropped, corrupted,
    /// cut short and quoted, with blank lines, CRLF, a byte-order mark or GBK: read in pieces of
    /// random sizes, they give what the whole read gives.
    #[test]
    fn pieces_read_what_the_whole_read_reads(
        units in 1..4usize,
        years in prop::sample::subsequence(vec![2019, 2020, 2021, 2023], 1..3),
        edits in prop::collection::vec((0..8u8, any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..14),
        shuffle in any::<Option<u64>>(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
        gbk in any::<bool>(),
        sizes in (prop::sample::select(vec![4096usize, 9000, 1 << 18]), 1..3000usize, 1..2000usize),
    ) {
        let mut lines = value_lines(units, &years);
        if let Some(seed) = shuffle {
            lines = shuffled(lines, seed);
        }
        let (mut quoted, mut cut) = (false, false);
        for (edit, a, b) in &edits {
            let (i, j) = (a.index(lines.len()), b.index(lines.len()));
            match edit {
                0 => lines.swap(i, j),
                1 => { let l = lines[i].clone(); lines.insert(j, l); }
                2 if lines.len() > 1 => { lines.remove(i); }
                3 => { lines[i] = lines[i].rsplit_once(',').map(|(k, _)| format!("{k},x")).unwrap_or_default(); }
                4 => { lines[i] = lines[i].replacen(",total", ",nope", 1); }
                5 => {
                    let mut end = lines[i].len() / 2;
                    while !lines[i].is_char_boundary(end) { end -= 1; }
                    lines[i].truncate(end);
                    cut = true;
                }
                6 => lines.insert(i, [",,,", "", "  "][j % 3].to_string()),
                // The second field quoted, its quotes closed on the line: a line of blanks
                // (`,,,`) had come out `","",,`, a quote open to the next lines without a cut.
                _ => {
                    lines[i] = match lines[i].split_once(',') {
                        Some((a, rest)) => match rest.split_once(',') {
                            Some((b, c)) => format!("{a},\"{b}\",{c}"),
                            None => format!("{a},\"{rest}\""),
                        },
                        None => format!("\"{}\"", lines[i]),
                    };
                    quoted = true;
                }
            }
        }
        let mut text = file_of(&lines);
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        if bom {
            text.insert(0, '\u{feff}');
        }
        let (bytes, options) = if gbk && !bom {
            (encoding_rs::GB18030.encode(&text).0.into_owned(), ReadOptions::default())
        } else {
            (text.into_bytes(), ReadOptions::default())
        };
        let sizes = Sizes { start: sizes.0, block: sizes.1, piece: sizes.2 };
        let got = read_bytes_in_pieces(&bytes, Path::new("省.csv"), &options, sizes);
        // Only a quote left open by a cut can run over lines.
        prop_assert!(got.is_some() || quoted && cut, "not read in pieces");
        if let Some(got) = got {
            prop_assert_eq!(got, full(&bytes, "省.csv", &options));
        }
    }
}
