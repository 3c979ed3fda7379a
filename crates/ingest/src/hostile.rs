//! Hostile input: every malformed file gets an error that says where and what, never a panic,
//! and every value cell seen is accounted for: `values_read = values_used + values_rejected`.

use std::path::Path;

use encoding_rs::GB18030;
use gongkai_form::FormVersion;

use crate::tests::{distinct_values, errors, input_errors, read_text, warnings, HAND_GRID};
use gongkai_report::{write, FileRead};

use crate::{assemble, collect_files, read_bytes_at, ReadOptions};

fn read(bytes: &[u8], path: &str) -> FileRead {
    read_bytes_at(bytes, Path::new(path), &ReadOptions::default())
}

fn balanced(f: &FileRead) {
    assert_eq!(
        f.values_read,
        f.values_used + f.values_rejected,
        "{}: {f:?}",
        f.file.display()
    );
}

/// One unit's complete tidy file (header included) with distinct values.
fn tidy_unit(unit: &str) -> String {
    let mut text = write::tidy::HEADER.join(",");
    text.push('\n');
    let values = distinct_values(FormVersion::F2019);
    write::tidy::write_rows(unit, 2020, FormVersion::F2019, &values, &mut text);
    text
}

/// The 1-based line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(0, |i| i + 1)
}

/// The 1-based line of HAND_GRID that starts with `prefix`.
fn grid_line(prefix: &str) -> usize {
    HAND_GRID
        .lines()
        .position(|l| l.starts_with(prefix))
        .map_or(0, |i| i + 1)
}

// --- decoding -----------------------------------------------------------------------------

/// A UTF-8 file with one damaged byte used to decode as GB18030 without complaint (七里河区 →
/// 涓冮噷娌冲岨): nonsense unit names, summed as units of their own.
#[test]
fn utf8_with_a_bad_byte_is_an_error_not_gb18030_nonsense() {
    let text = tidy_unit("七里河区");
    let mut bytes = text.as_bytes().to_vec();
    // The last byte of 区 (E5 8C BA) on line 40 becomes FE.
    let line_start = text.match_indices('\n').nth(38).map_or(0, |(i, _)| i + 1);
    let qu = line_start + text[line_start..].find('区').unwrap_or(0);
    assert_eq!(&bytes[qu..qu + 3], "区".as_bytes());
    bytes[qu + 2] = 0xFE;
    let (as_gbk, _, bad) = GB18030.decode(&bytes);
    assert!(!bad && as_gbk.contains("涓冮噷娌冲岨"), "GB18030 takes it");
    let f = read(&bytes, "2020/x.csv");
    assert!(f.is_rejected());
    assert_eq!(f.encoding, None);
    assert_eq!(
        errors(&f),
        vec![format!(
            "2020/x.csv:40: error: bytes E5 8C at offset {qu} are not valid UTF-8 \
             (expected UTF-8 or GB18030/GBK text; try --encoding)"
        )]
    );
    balanced(&f);
    // Forced, it is read as asked: the user's call.
    let forced = ReadOptions {
        encoding: crate::EncodingChoice::parse("gb18030").unwrap_or_default(),
        ..Default::default()
    };
    let g = read_bytes_at(&bytes, Path::new("x.csv"), &forced);
    assert_eq!(g.encoding, Some("gb18030"));
    let units: Vec<&str> = g.reports.iter().map(|r| r.unit.as_str()).collect();
    assert_eq!(
        units,
        vec!["涓冮噷娌冲尯", "涓冮噷娌冲岨"],
        "one unit read as two"
    );
}

#[test]
fn gbk_with_invalid_bytes_names_line_and_bytes() {
    let (gbk, _, _) = GB18030.encode(HAND_GRID);
    let mut bytes = gbk.into_owned();
    // After the first field of line 3.
    let at = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .map_or(0, |(i, _)| i + 1);
    bytes.insert(at, 0xFF);
    let f = read(&bytes, "a.csv");
    assert_eq!(
        errors(&f),
        vec![format!(
            "a.csv:3: error: bytes FF at offset {at} are not valid gb18030 \
             (expected UTF-8 or GB18030/GBK text; try --encoding)"
        )]
    );
    assert!(f.is_rejected());
}

#[test]
fn nul_bytes_are_binary_whatever_the_encoding() {
    let mut bytes = b"\xEF\xBB\xBFyear,unit\n".to_vec();
    bytes.extend_from_slice(b"PK\x03\x04\x00");
    let f = read(&bytes, "a.csv");
    assert_eq!(
        errors(&f),
        vec!["a.csv: error: binary data, not CSV text (NUL byte at offset 17); save the sheet as CSV"]
    );
    let forced = ReadOptions {
        encoding: crate::EncodingChoice::parse("utf-8").unwrap_or_default(),
        ..Default::default()
    };
    let f = read_bytes_at(b"\x00\x00PK\x03\x04", Path::new("a.csv"), &forced);
    assert!(
        errors(&f)[0].contains("NUL byte at offset 0"),
        "{:?}",
        errors(&f)
    );
    // A zip is told by its bytes, whatever the encoding asked for.
    let f = read_bytes_at(b"PK\x03\x04\x00\x00", Path::new("a.csv"), &forced);
    assert_eq!(
        errors(&f),
        vec!["a.csv: error: a zip archive holding no workbook or Word document (cut short, or files zipped together): unzip it and give the files inside"]
    );
    let f = read(b"\xFF\xFEy\x00\x00\x00", "a.csv");
    assert!(
        errors(&f)[0].contains("NUL byte at offset 4"),
        "{:?}",
        errors(&f)
    );
}

#[test]
fn empty_and_header_only_files() {
    for (bytes, message) in [
        (&b""[..], "e.csv: error: empty file: no lines to read"),
        (
            b"\xEF\xBB\xBF\r\n  \n",
            "e.csv: error: empty file: no lines to read",
        ),
        (
            b"year,unit,section,row,column,value\n\n",
            "e.csv:1: error: header only: the file has no values",
        ),
    ] {
        let f = read(bytes, "e.csv");
        assert_eq!(errors(&f), vec![message]);
        assert!(f.is_rejected());
        assert_eq!((f.values_read, f.values_used, f.values_rejected), (0, 0, 0));
    }
}

// --- tidy -------------------------------------------------------------------------------------

#[test]
fn tidy_cut_short_in_the_last_line() {
    let text = tidy_unit("城关区");
    let at = text.rfind("litigation_after_reco").unwrap_or(0);
    let cut = &text[..at + "litigation_after_reco".len()];
    let f = read_text(cut, "t.csv");
    // (Its made-up values break rules, which are checked all the same.)
    assert_eq!(
        input_errors(&f),
        vec![
            "t.csv:199:4: error: 城关区 2020: the file ends inside this line (4 of the header's 6 \
             fields): cut short?: found \"2020,城关区,appeals,litigation_after_reco\", expected \
             year,unit,section,row,column,value"
                .to_string(),
            "t.csv: error: 城关区 2020: report left out: 1 error(s) in its cells".to_string(),
        ]
    );
    assert!(f.is_rejected());
    assert_eq!((f.values_read, f.values_rejected), (198, 198));
}

#[test]
fn tidy_line_without_its_value_field_is_not_a_blank() {
    let text =
        tidy_unit("城关区").replacen(",requests,granted,total,", ",requests,granted,total\n#", 1);
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let line = line_of(&text, ",requests,granted,total");
    assert_eq!(line, 44);
    let f = read_text(&text, "t.csv");
    let e = errors(&f);
    assert!(
        e.iter().any(|e| e.starts_with(&format!(
            "t.csv:{line}:5: error: 城关区 2020: the line has 5 field(s), the header 6: found \
             \"2020,城关区,requests,granted,total\""
        ))),
        "{e:?}"
    );
    assert!(f.is_rejected());
    balanced(&f);
}

#[test]
fn tidy_unquoted_thousands_are_not_cut_to_their_first_group() {
    let text = format!(
        "{}2020,西固区,requests,granted,natural_person,1,234\n",
        tidy_unit("城关区")
    );
    let f = read_text(&text, "t.csv");
    let e = errors(&f);
    assert!(
        e.iter().any(|e| e.starts_with(
            "t.csv:200:7: error: 西固区 2020: the line has more fields than the header's 6: a value \
             with an unquoted comma?"
        )),
        "{e:?}"
    );
    assert_eq!(f.reports.len(), 1, "城关区 stays");
    assert_eq!(
        (f.values_read, f.values_used, f.values_rejected),
        (199, 198, 1)
    );
    // Empty trailing fields, as spreadsheets write them, are fine.
    let padded = tidy_unit("城关区").replace('\n', ",,\n");
    let f = read_text(&padded, "t.csv");
    assert_eq!(errors(&f), Vec::<String>::new());
    assert_eq!(f.values_used, 198);
}

#[test]
fn tidy_quote_swallowing_lines_is_an_error() {
    let text = tidy_unit("城关区")
        .replacen(",natural_person,", ",natural_person,\"", 1)
        .replacen(",total,", ",total,\"", 1);
    let (open, close) = (
        line_of(&text, ",natural_person,\""),
        line_of(&text, ",total,\""),
    );
    assert_eq!((open, close), (24, 30));
    let f = read_text(&text, "t.csv");
    let e = errors(&f);
    assert!(
        e.iter().any(|e| e.starts_with(&format!(
            "t.csv:{open}:6: error: 城关区 2020: a quoted field runs over lines {open}–{close}: \
             an unbalanced quote?"
        ))),
        "{e:?}"
    );
    assert!(f.is_rejected());
    balanced(&f);
    // Never closed: the rest of the file would be one cell.
    let text = tidy_unit("城关区").replacen(",natural_person,", ",natural_person,\"", 1);
    let f = read_text(&text, "t.csv");
    assert_eq!(
        errors(&f),
        vec![format!(
            "t.csv:{open}: error: a quote (\") opens a field that never closes; \
             the rest of the file would be one cell"
        )]
    );
}

#[test]
fn tidy_numbers_past_64_bits_and_text() {
    let text = tidy_unit("城关区")
        .replacen(",natural_person,", ",natural_person,x", 1)
        .replacen(
            ",requests,carried_over,total,",
            ",requests,carried_over,total,99999999999999999999",
            1,
        );
    let f = read_text(&text, "t.csv");
    let e = errors(&f);
    assert!(
        e.iter().any(|e| e.starts_with("t.csv:24:6: error: 城关区 2020: not a number in requests.new_received.natural_person: found \"x")),
        "{e:?}"
    );
    assert!(
        e.iter().any(|e| e.contains(": too large: past the 64-bit integer range in requests.carried_over.total: found \"99999999999999999999")),
        "{e:?}"
    );
    balanced(&f);
}

#[test]
fn semicolon_and_tab_tidy_files_are_read_with_a_warning() {
    for (sep, name) in [(";", "semicolon"), ("\t", "tab")] {
        let text = tidy_unit("城关区").replace(',', sep);
        let f = read_text(&text, "t.csv");
        assert_eq!(errors(&f), Vec::<String>::new());
        assert_eq!(
            warnings(&f),
            vec![format!(
                "t.csv:1: warning: fields are separated by {name}s, not commas; read as such"
            )]
        );
        assert_eq!(f.reports[0].values, distinct_values(FormVersion::F2019));
    }
}

// --- grid -------------------------------------------------------------------------------------

#[test]
fn grid_table_four_given_twice_is_an_error() {
    let first = grid_line("18,6,30");
    let text = format!("{HAND_GRID}18,6,30,14,68,1,2,25,13,41,1,0,7,6,15\n");
    let f = read_text(&text, "a.csv");
    let e = errors(&f);
    assert!(
        e.contains(&format!(
            "a.csv:{}:1: error: 安宁区 2020: table 四 given twice: a second line of numbers (the \
             first is line {first}); this line is not summed: found \
             \"18,6,30,14,68,1,2,25,13,41,1,0,7,6,15\", expected one line of 15 numbers in table 四",
            first + 1
        )),
        "{e:?}"
    );
    assert!(f.is_rejected());
    assert_eq!(
        (f.values_read, f.values_used, f.values_rejected),
        (198 + 7 + 15, 0, 198 + 7 + 15)
    );
    // A stray value after the table (a phone number) is a warning; the report stands.
    let text = format!("{HAND_GRID}填表人,张三,电话,8888888\n");
    let f = read_text(&text, "a.csv");
    assert_eq!(errors(&f), Vec::<String>::new());
    assert!(warnings(&f).iter().any(|w| w.starts_with(&format!(
        "a.csv:{}:4: warning: 安宁区 2020: 1 value(s) after table 四's line of numbers (line {first}); not summed",
        first + 1
    ))));
    assert_eq!(
        (f.values_read, f.values_used, f.values_rejected),
        (198 + 7 + 1, 198, 7 + 1)
    );
}

#[test]
fn grid_duplicate_row_is_an_error() {
    let row = ",2.重复申请,6,0,0,0,0,0,6\n";
    let line = grid_line(",2.重复申请");
    let text = HAND_GRID.replacen(row, &format!("{row}{row}"), 1);
    let f = read_text(&text, "a.csv");
    let e = errors(&f);
    assert!(e.contains(&format!(
        "a.csv:{}:3: error: 安宁区 2020: row not_processed.duplicate given twice (first on line {line}); this line is not summed: found \"6\", expected each row once",
        line + 1
    )), "{e:?}");
    assert!(f.is_rejected());
    balanced(&f);
}

#[test]
fn grid_values_outside_the_tables_are_counted_and_reported() {
    let text = HAND_GRID
        .replacen(
            "年度,2020,,,,,,,\n",
            "年度,2020,,,,,,,\n备注,5,6,,,,,,\n",
            1,
        )
        .replacen("规章,36,3,50,,,,,", "规章,36,3,50,99,,,,", 1)
        .replacen(
            "二、主动公开政府信息情况,,,,,,,,",
            "二、主动公开政府信息情况,7,,,,,,,",
            1,
        )
        .replacen("年度,2020,,", "年度,2020,8,", 1)
        .replacen(
            "行政许可,1634,+1670,1432816,,",
            "行政许可,1634,+1670,1432816,见附注,",
            1,
        );
    let f = read_text(&text, "a.csv");
    assert_eq!(errors(&f), Vec::<String>::new());
    let w = warnings(&f);
    for expected in [
        "a.csv:3: warning: 安宁区 2020: 2 value(s) before any table of the form; not summed: found \"备注\"",
        "a.csv:4: warning: 安宁区 2020: 1 value(s) on the heading line of table 二、主动公开政府信息情况; not summed",
        "a.csv:8:5: warning: 安宁区 2020: 1 value(s) right of the row's last column (对外公开总数量); not summed: found \"99\"",
        "a.csv:2: warning: 安宁区 2020: 1 value(s) on the year line; not summed",
    ] {
        assert!(w.iter().any(|w| w.starts_with(expected)), "{expected}\n{w:?}");
    }
    // A note beside the table is text, not a value.
    assert!(!w.iter().any(|w| w.contains("见附注")), "{w:?}");
    assert_eq!(
        (f.values_read, f.values_used, f.values_rejected),
        (198 + 7 + 5, 198, 7 + 5)
    );
}

#[test]
fn grid_cut_short_says_so() {
    let line = grid_line(",2.重复申请");
    let cut: String = HAND_GRID
        .lines()
        .take(line - 1)
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        + ",2.重复申请,6,0";
    let f = read_text(&cut, "2020/七里河区.csv");
    let e = errors(&f);
    assert!(e.contains(&format!(
        "2020/七里河区.csv: error: 安宁区 2020: table 四、政府信息公开行政复议、行政诉讼情况 not found in the file (the file ends at line {line}, in table 三、收到和处理政府信息公开申请情况: cut short?)"
    )), "{e:?}");
    assert!(f.is_rejected());
    balanced(&f);
}

#[test]
fn not_a_form_at_all_is_one_clear_error() {
    let f = read_text("hello,1,2\nworld\n", "2020/x.csv");
    assert_eq!(
        errors(&f),
        vec![
            "2020/x.csv: error: x 2020: no table of the form found: neither a tidy header \
              (year,unit,section,row,column,value) nor the headings and row labels of form \
              2019's tables"
        ]
    );
    assert!(f.is_rejected());
    assert_eq!((f.values_read, f.values_used, f.values_rejected), (2, 0, 2));
}

#[test]
fn grid_quote_swallowing_lines_is_an_error() {
    let line = grid_line(",2.重复申请");
    let text = HAND_GRID
        .replacen(",2.重复申请,6,", ",\"2.重复申请,6,", 1)
        .replacen(
            "4.无正当理由大量反复申请,",
            "4.无正当理由大量反复申请\",",
            1,
        );
    let f = read_text(&text, "a.csv");
    let e = errors(&f);
    assert!(e.iter().any(|e| e.starts_with(&format!(
        "a.csv:{line}:2: error: 安宁区 2020: a quoted cell runs over lines {line}–{} and holds whole lines of the table: an unbalanced quote? The lines inside it are not read",
        line + 2
    ))), "{e:?}");
    assert!(f.is_rejected());
    balanced(&f);
}

#[test]
fn grid_separated_by_tabs_after_a_bare_title_line() {
    let mut text = String::new();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(HAND_GRID.as_bytes());
    for rec in rdr.records().flatten() {
        let fields: Vec<String> = rec.iter().map(|f| f.replace('\n', " ")).collect();
        text.push_str(&fields.join("\t"));
        text.push('\n');
    }
    let text = format!("政府信息公开工作年度报告统计表\n{text}");
    let f = read_text(&text, "a.csv");
    assert_eq!(errors(&f), Vec::<String>::new());
    assert_eq!(
        f.reports[0].values,
        read_text(HAND_GRID, "a.csv").reports[0].values
    );
    assert!(warnings(&f)[0].contains("separated by tabs"));
}

// --- folders --------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn folder_links_loops_and_odd_entries() {
    use std::os::unix::fs::symlink;
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let root = dir.path().join("2020");
    let ok = std::fs::create_dir_all(&root)
        .and_then(|()| std::fs::write(root.join("城关区.csv"), tidy_unit("城关区")))
        .and_then(|()| symlink("城关区.csv", root.join("link.csv")))
        .and_then(|()| symlink("missing", root.join("x.csv")))
        .and_then(|()| symlink("gone", root.join("notes")))
        .and_then(|()| symlink(".", root.join("loop")))
        .and_then(|()| std::fs::create_dir(root.join("dir.csv")))
        .and_then(|()| std::os::unix::net::UnixListener::bind(root.join("sock.csv")).map(drop));
    assert!(ok.is_ok(), "{ok:?}");
    let (files, problems) = collect_files(std::slice::from_ref(&root));
    assert_eq!(files, vec![root.join("城关区.csv")]);
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let at = |name: &str| root.join(name).display().to_string();
    for expected in [
        format!(
            "{}: warning: the same file as {}, reached through a symbolic link; read once",
            at("link.csv"),
            at("城关区.csv")
        ),
        format!(
            "{}: error: cannot read: broken symbolic link: it points to missing, which does not exist",
            at("x.csv")
        ),
        format!(
            "{}: warning: broken symbolic link: it points to gone, which does not exist; skipped",
            at("notes")
        ),
        format!(
            "{}: warning: not a regular file (a pipe, socket or device); skipped",
            at("sock.csv")
        ),
    ] {
        assert!(shown.contains(&expected), "{expected}\n{shown:#?}");
    }
    assert!(
        shown.iter().any(|s| s.contains("symbolic link loop")),
        "{shown:#?}"
    );
    assert_eq!(problems.iter().filter(|d| d.is_error()).count(), 1);
    // A broken link given by name.
    let (files, problems) = collect_files(&[root.join("x.csv")]);
    assert!(files.is_empty());
    assert_eq!(
        problems[0].to_string(),
        format!(
            "{}: error: broken symbolic link: it points to missing, which does not exist",
            at("x.csv")
        )
    );
}

// --- nothing lost -----------------------------------------------------------------------------

/// Every file's count and the batch's: values read = used + rejected, each side counted on its
/// own (read where a cell is seen; used from the accepted reports' cells; rejected where a cell
/// or a report is left out, and for reports dropped as duplicates across files).
#[test]
fn batch_accounting_over_every_kind_of_loss() {
    let good = tidy_unit("城关区");
    let bad_cell = tidy_unit("西固区").replacen(",natural_person,", ",natural_person,abc", 1);
    let mut unknown_row = good.replace("城关区", "榆中县");
    unknown_row.push_str("2020,榆中县,requests,no_such_row,total,3\n");
    let reads = vec![
        read(good.as_bytes(), "in/a-good.csv"),
        read(bad_cell.as_bytes(), "in/b-bad-cell.csv"),
        // 安宁区 twice: a grid with an unknown row (7 values) and a tidy file.
        read(HAND_GRID.as_bytes(), "in/c-grid.csv"),
        read(tidy_unit("安宁区").as_bytes(), "in/d-duplicate.csv"),
        read(b"PK\x03\x04\x00\x00", "in/e-binary.csv"),
        read(b"\xC4\xEA\xB6\xC8,2020\n\xFF\n", "in/f-gbk-invalid.csv"),
        read(unknown_row.as_bytes(), "in/g-unknown-row.csv"),
    ];
    let per_file: Vec<(usize, usize, usize)> = reads
        .iter()
        .map(|f| (f.values_read, f.values_used, f.values_rejected))
        .collect();
    assert_eq!(
        per_file,
        vec![
            (198, 198, 0),
            (198, 0, 198),
            (198 + 7, 198, 7),
            (198, 198, 0),
            (0, 0, 0),
            (0, 0, 0),
            (199, 0, 199),
        ]
    );
    reads.iter().for_each(balanced);
    let batch = assemble(reads, Vec::new());
    assert_eq!(batch.values_dropped, 2 * 198);
    let s = batch.summary();
    assert_eq!(s.values_read, s.values_used + s.values_rejected);
    assert_eq!(
        (s.values_read, s.values_used, s.values_rejected),
        (998, 198, 198 + 7 + 2 * 198 + 199)
    );
    assert_eq!((s.files_seen, s.files_used, s.files_rejected), (7, 1, 6));
    assert_eq!((s.reports, s.reports_rejected), (1, 3));
    let shown: Vec<String> = batch.diagnostics().map(ToString::to_string).collect();
    assert!(
        shown.iter().any(|d| d.contains(
            "two files for 安宁区 2020: in/c-grid.csv and in/d-duplicate.csv; both left out"
        )),
        "{shown:#?}"
    );
}

#[test]
fn overflowing_counts_in_a_grid() {
    let text = HAND_GRID.replacen("规章,36,", "规章,9223372036854775808,", 1);
    let f = read_text(&text, "a.csv");
    assert!(errors(&f).iter().any(|e| e.starts_with(
        "a.csv:7:2: error: 安宁区 2020: too large: past the 64-bit integer range in active.regulations.new_made"
    )), "{:?}", errors(&f));
}

#[test]
fn tidy_header_without_a_needed_column() {
    let f = read_text(
        "year,unit,row,column,value\n2020,城关区,granted,total,1\n\n2020,城关区,granted,natural_person,1\n",
        "t.csv",
    );
    assert_eq!(
        errors(&f),
        vec![
            "t.csv:1: error: tidy header lacks column(s) section: found \
              \"year,unit,row,column,value\", expected year,unit,section,row,column,value"
        ]
    );
    assert!(f.is_rejected());
    // Two lines of values, the blank line is none.
    assert_eq!((f.values_read, f.values_used, f.values_rejected), (2, 0, 2));
}

// --- files that cannot be a report ----------------------------------------------------------

/// Junk of the shapes that once took gigabytes (a line of bare commas; lines of `a,a,…`; a data
/// dump with a header of its own; lines of blanks), each just past a limit: an error naming the
/// limit and what was found, and the batch reads on to the reports beside them.
#[test]
fn junk_past_each_limit_is_turned_away_and_the_batch_reads_on() {
    use crate::screen::{LOOK_BYTES, MAX_GRID_BYTES, MAX_GRID_LINES};
    use gongkai_document::delimited::{thousands, MAX_FIELDS};
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let root = dir.path().join("2020");
    let junk_line = format!("{}\n", vec!["a"; 500].join(","));
    let mut dump = String::from("id,date,region,amount\n");
    while dump.len() <= MAX_GRID_BYTES {
        dump.push_str("1048576,2021-03-01,华东,22744.07\n");
    }
    let not_tidy = "not a tidy CSV (line 1, its first with text, is not the header \
                    year,unit,section,row,column,value)";
    let files: Vec<(&str, String, String)> = vec![
        // Within the look: the CSV reader's cap.
        (
            "commas-short.csv",
            ",".repeat(MAX_FIELDS),
            ":1: error: the line has 16,385 fields; a spreadsheet's line has at most 16,384 \
             (a form grid's about 15): not a table of the form"
                .to_string(),
        ),
        (
            "commas.csv",
            ",".repeat(3 * LOOK_BYTES),
            ":1: error: the line has 196,609 fields; a spreadsheet's line has at most 16,384 \
             (a form grid's about 15): not a table of the form"
                .to_string(),
        ),
        (
            "blank-lines.csv",
            ",,,,,,,,\n".repeat(LOOK_BYTES / 9 + 1),
            format!(
                ": error: the file's {} bytes hold no text, only separators and blanks",
                thousands((LOOK_BYTES / 9 + 1) * 9)
            ),
        ),
        (
            "junk.csv",
            junk_line.repeat(MAX_GRID_BYTES / 1000 + 1),
            format!(
                ": error: the file holds 2,098,000 bytes of text and is {not_tidy}: a form grid \
                 is a few KB, and at most 2,097,152 bytes are read as one"
            ),
        ),
        (
            "dump.csv",
            dump.clone(),
            format!(
                ": error: the file holds {} bytes of text and is {not_tidy}: a form grid is a \
                 few KB, and at most 2,097,152 bytes are read as one",
                thousands(dump.len())
            ),
        ),
        (
            "lines.csv",
            "记录,123456\n".repeat(MAX_GRID_LINES + 1),
            format!(
                ": error: the file has 5,001 lines up to its last with text and is {not_tidy}: \
                 a form grid has about 55, and at most 5,000 are read as one"
            ),
        ),
        (
            "no-sign.csv",
            junk_line.repeat(LOOK_BYTES / 1000 + 2),
            format!(
                ": error: no sign of the form in the first 65,000 bytes of 67,000: {not_tidy}, \
                 no 填报单位 or 年度 line, and fewer than 3 of the form's headings and row \
                 labels; not read further"
            ),
        ),
    ];
    let ok = std::fs::create_dir_all(&root)
        .and_then(|()| std::fs::write(root.join("安宁区.csv"), HAND_GRID))
        .and_then(|()| std::fs::write(root.join("城关区.csv"), tidy_unit("城关区")));
    assert!(ok.is_ok(), "{ok:?}");
    for (name, text, _) in &files {
        assert!(std::fs::write(root.join(name), text).is_ok());
    }
    assert!(files[5].1.len() > LOOK_BYTES, "past the look");
    let batch = crate::read_batch(std::slice::from_ref(&root), &ReadOptions::default());
    let s = batch.summary();
    assert_eq!((s.files_seen, s.files_used), (files.len() + 2, 2));
    let units: Vec<&str> = batch.reports.iter().map(|r| r.unit.as_str()).collect();
    assert_eq!(units, vec!["城关区", "安宁区"]);
    for (name, _, expected) in &files {
        let at = root.join(name).display().to_string();
        let read = batch
            .files
            .iter()
            .find(|f| f.file.display().to_string() == at);
        let errors = read.map(errors).unwrap_or_default();
        assert_eq!(errors, vec![format!("{at}{expected}")], "{name}");
        read.into_iter().for_each(balanced);
    }
}

/// Large files that are reports: a tidy file of many units (read plain and, with its units
/// quoted, the full way), and a grid with a tail of blank lines far past a grid's size, which
/// reads as the grid alone.
#[test]
fn large_reports_are_read() {
    use crate::screen::MAX_GRID_BYTES;
    let mut tidy = write::tidy::HEADER.join(",");
    tidy.push('\n');
    let values = distinct_values(FormVersion::F2019);
    let mut units = 0;
    while tidy.len() <= MAX_GRID_BYTES {
        units += 1;
        write::tidy::write_rows(
            &format!("单位{units}"),
            2020,
            FormVersion::F2019,
            &values,
            &mut tidy,
        );
    }
    let quoted = tidy
        .replace(",单位", ",\"单位")
        .replace(",active", "\",active")
        .replace(",requests", "\",requests")
        .replace(",appeals", "\",appeals");
    assert!(quoted.contains(",\"单位1\",active,"), "{}", &quoted[..200]);
    for text in [&tidy, &quoted] {
        let f = read(text.as_bytes(), "in/national.csv");
        assert_eq!(
            (f.accepted, f.diagnostics.len()),
            (units, 0),
            "{:?}",
            errors(&f)
        );
    }
    let tail = ",,,,,,,,\n".repeat(MAX_GRID_BYTES / 9 + 1);
    let grid = read(HAND_GRID.as_bytes(), "2020/安宁区.csv");
    let long = read(format!("{HAND_GRID}{tail}").as_bytes(), "2020/安宁区.csv");
    assert!(long.bytes > MAX_GRID_BYTES as u64);
    assert_eq!(long.reports, grid.reports);
    assert_eq!(long.diagnostics, grid.diagnostics);
    assert_eq!(
        (long.values_read, long.values_used, long.values_rejected),
        (grid.values_read, grid.values_used, grid.values_rejected)
    );
}

/// A file past a grid's size whose start already shows it is no report is read no further (its
/// size is named); one whose start may still be a report, or another format, is read whole and
/// judged whole. Each is turned away or read as its bytes read in full are.
#[test]
fn a_file_is_read_no_further_than_its_start_shows() {
    use crate::screen::MAX_GRID_BYTES;
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let root = dir.path().join("2020");
    assert!(std::fs::create_dir_all(&root).is_ok());
    let past = 3 * MAX_GRID_BYTES;
    let fill = |line: &str, to: usize| line.repeat(to / line.len() + 1);
    let junk_line = format!("{}\n", vec!["a"; 500].join(","));
    let blank = fill(",,,,,,,,\n", past);
    let mut tidy = write::tidy::HEADER.join(",");
    tidy.push('\n');
    let values = distinct_values(FormVersion::F2019);
    let mut units = 0;
    while tidy.len() <= past {
        units += 1;
        let unit = format!("单位{units}");
        write::tidy::write_rows(&unit, 2020, FormVersion::F2019, &values, &mut tidy);
    }
    let not_tidy = "not a tidy CSV (line 1, its first with text, is not the header \
                    year,unit,section,row,column,value)";
    let no_sign = format!("{}{blank}{}", fill(&junk_line, 100_000), junk_line);
    let lines = format!(
        "{}{blank}{}",
        fill("记录,1\n", MAX_GRID_BYTES / 2),
        junk_line
    );
    let junk = fill(&junk_line, past);
    let thousands = gongkai_document::delimited::thousands;
    // (name, bytes, how the error read from the file starts after its name; None: as from its
    // bytes)
    let cases: Vec<(&str, Vec<u8>, Option<String>)> = vec![
        (
            "junk.csv",
            junk.clone().into_bytes(),
            Some(format!(
                ": error: the file holds {} bytes and is {not_tidy}: a form grid is a few KB, and at \
                 most 2,097,152 bytes are read as one",
                thousands(junk.len())
            )),
        ),
        // One line of bare commas, cut where the start ends; and after blank lines.
        (
            "commas.csv",
            ",".repeat(past).into_bytes(),
            Some(":1: error: the line has more than 4,194,304 fields in its first 4,194,304 bytes".into()),
        ),
        (
            "commas-2.csv",
            format!("\n ,\r\n{}", ";".repeat(past)).into_bytes(),
            Some(":3: error: the line has more than 4,194,299 fields in its first 4,194,299 bytes".into()),
        ),
        // A start within a grid's size, but past the look with no sign of the form.
        (
            "no-sign.csv",
            no_sign.clone().into_bytes(),
            Some(format!(
                ": error: no sign of the form in the first 65,000 bytes of {}: {not_tidy}",
                thousands(no_sign.len())
            )),
        ),
        (
            "lines.csv",
            lines.clone().into_bytes(),
            Some(format!(
                ": error: the file has {} lines in its first ",
                thousands(MAX_GRID_BYTES / 2 / "记录,1\n".len() + 1)
            )),
        ),
        ("grid.csv", format!("{HAND_GRID}{blank}").into_bytes(), None),
        ("tidy.csv", tidy.into_bytes(), None),
        ("page.csv", format!("<table>\n{junk}").into_bytes(), None),
        (
            "word.doc",
            format!("MIME-Version: 1.0\n{junk}").into_bytes(),
            None,
        ),
        (
            "zip.csv",
            [&b"PK\x03\x04\x14\x00"[..], junk.as_bytes()].concat(),
            None,
        ),
    ];
    for (name, bytes, cut) in &cases {
        let path = root.join(name);
        assert!(std::fs::write(&path, bytes).is_ok());
        let from_file = crate::read_file(&path, &ReadOptions::default());
        let whole = read_bytes_at(bytes, &path, &ReadOptions::default());
        assert_eq!(from_file.is_rejected(), whole.is_rejected(), "{name}");
        assert_eq!(from_file.bytes, bytes.len() as u64, "{name}");
        balanced(&from_file);
        match cut {
            Some(start) => {
                let start = format!("{}{start}", path.display());
                let errors = errors(&from_file);
                assert_eq!(errors.len(), 1, "{name}: {errors:?}");
                assert!(errors[0].starts_with(&start), "{name}: {errors:?}");
                assert!(
                    errors[0].ends_with("; not read further"),
                    "{name}: {errors:?}"
                );
                assert!(whole.is_rejected(), "{name}");
            }
            None => assert_eq!(from_file.diagnostics, whole.diagnostics, "{name}"),
        }
    }
    let grid = crate::read_file(&root.join("grid.csv"), &ReadOptions::default());
    let alone = read_bytes_at(
        HAND_GRID.as_bytes(),
        &root.join("grid.csv"),
        &ReadOptions::default(),
    );
    assert_eq!((grid.accepted, &grid.reports), (1, &alone.reports));
    assert_eq!(grid.diagnostics, alone.diagnostics);
    let tidy = crate::read_file(&root.join("tidy.csv"), &ReadOptions::default());
    assert_eq!((tidy.accepted, tidy.diagnostics.len()), (units, 0));
}
