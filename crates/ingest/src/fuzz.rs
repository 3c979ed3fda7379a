//! Fuzzing the readers without nightly: proptest feeds both readers arbitrary bytes, CSV-like
//! token soup made of the form's own labels, and mutations of valid files (the grid template of
//! both forms, blank and filled, and a tidy file of both forms).
//!
//! Properties, for every input, read under paths that name a year of each form or none:
//! nothing panics; `values_read == values_used + values_rejected` for every file and for the
//! batch; every error has a message; every accepted report has one value per cell of its form.
//!
//! A normal `cargo test` runs a few dozen cases per property; `PROPTEST_CASES` scales it up:
//! `PROPTEST_CASES=2000000 cargo test --release -p gongkai-ingest fuzz -- --nocapture`
//! (progress every 10 000 cases on standard error).

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use gongkai_form::{FormVersion, Section};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};

use crate::tests::distinct_values;
use gongkai_report::{write, FileRead};

use crate::{assemble, read_bytes_at, tidy, EncodingChoice, ReadOptions};

/// Cases per property: `PROPTEST_CASES`, else a few dozen (seconds in a debug build).
fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

static CASES: AtomicUsize = AtomicUsize::new(0);

fn progress(property: &str) {
    let n = CASES.fetch_add(1, Ordering::Relaxed) + 1;
    if n.is_multiple_of(10_000) {
        eprintln!("fuzz: {n} cases (now in {property})");
    }
}

/// Paths under which each input is read: a form-2019 year, a form-2021 year, no year at all.
const PATHS: [&str; 3] = [
    "data/2020/城关区.csv",
    "data/2023/七里河区.csv",
    "西固区.csv",
];

/// Reads `bytes` under every path (and once forced to GBK) and checks every property.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let auto = ReadOptions::default();
    let gbk = ReadOptions {
        encoding: EncodingChoice::parse("gbk").unwrap_or_default(),
        ..Default::default()
    };
    let mut reads: Vec<FileRead> = PATHS
        .iter()
        .map(|p| read_bytes_at(bytes, Path::new(p), &auto))
        .collect();
    reads.push(read_bytes_at(bytes, Path::new("gbk/2021/x.csv"), &gbk));
    let lines = bytes.iter().filter(|b| **b == b'\n').count() as u32 + 1;
    for f in &reads {
        check_file(f, lines)?;
    }
    // The same file under four paths: duplicates across files, dropped and counted.
    let batch = assemble(reads, Vec::new());
    let s = batch.summary();
    prop_assert_eq!(s.values_read, s.values_used + s.values_rejected);
    Ok(())
}

fn check_file(f: &FileRead, lines: u32) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        f.values_read,
        f.values_used + f.values_rejected,
        "{}: {:#?}",
        f.file.display(),
        f.diagnostics
    );
    let present: usize = f
        .reports
        .iter()
        .map(|r| r.source.lines.iter().filter(|l| **l != 0).count())
        .sum();
    prop_assert_eq!(f.values_used, present);
    for d in &f.diagnostics {
        prop_assert!(!d.message.trim().is_empty(), "{:?}", d);
        // Lines are the file's: 1-based and within it (UTF-16 has its own line breaks).
        if !f.encoding.is_some_and(|e| e.starts_with("UTF-16")) {
            prop_assert!(
                d.line().is_none_or(|l| (1..=lines).contains(&l)),
                "line out of the file ({lines} lines): {d}"
            );
        }
        prop_assert!(d.column().is_none_or(|c| c >= 1), "{}", d);
    }
    for r in &f.reports {
        let n = r.form.catalogue().len();
        prop_assert_eq!(r.values.len(), n);
        prop_assert_eq!(r.blank.len(), n);
        prop_assert_eq!(r.source.lines.len(), n);
        prop_assert!(!r.unit.trim().is_empty());
        prop_assert!((2000..=2100).contains(&r.year));
        prop_assert_eq!(r.form, FormVersion::for_year(r.year));
    }
    prop_assert_eq!(
        f.is_rejected(),
        f.reports.is_empty() && f.errors().next().is_some()
    );
    Ok(())
}

/// Valid files to mutate: the grid of both forms, blank and filled, and tidy files of both.
fn seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(make_seeds)
}

fn make_seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for (form, year) in [(FormVersion::F2019, 2020), (FormVersion::F2021, 2023)] {
        let mut blank = String::new();
        write::grid::write(form, Some("城关区"), Some(year), None, &mut blank);
        out.push(blank.into_bytes());
        let values = distinct_values(form);
        let filled_mask = vec![false; values.len()];
        let mut filled = String::new();
        write::grid::write(
            form,
            None,
            Some(year),
            Some((&values, &filled_mask)),
            &mut filled,
        );
        out.push(filled.into_bytes());
    }
    let mut text = write::tidy::HEADER.join(",");
    text.push('\n');
    write::tidy::write_rows(
        "城关区",
        2020,
        FormVersion::F2019,
        &distinct_values(FormVersion::F2019),
        &mut text,
    );
    write::tidy::write_rows(
        "七里河区",
        2023,
        FormVersion::F2021,
        &distinct_values(FormVersion::F2021),
        &mut text,
    );
    out.push(text.into_bytes());
    // One unit and year per file, as exporters write them: what the one-pass tidy reader takes.
    for (unit, year, form) in [
        ("城关区", 2020, FormVersion::F2019),
        ("七里河区", 2023, FormVersion::F2021),
    ] {
        let mut text = write::tidy::HEADER.join(",");
        text.push('\n');
        write::tidy::write_rows(unit, year, form, &distinct_values(form), &mut text);
        out.push(text.into_bytes());
    }
    // The same as other exporters write it: every field quoted (R), a BOM and CRLF (Excel).
    let single = String::from_utf8(out[out.len() - 2].clone()).unwrap_or_default();
    let quoted: String = single
        .lines()
        .map(|l| {
            let fields: Vec<String> = l.split(',').map(|f| format!("\"{f}\"")).collect();
            fields.join(",") + "\n"
        })
        .collect();
    out.push(quoted.into_bytes());
    out.push(format!("\u{feff}{}", single.replace('\n', "\r\n")).into_bytes());
    // Columns in another order, lines last to first: another exporter's file.
    let mut lines = single.lines();
    let column = [1, 0, 5, 2, 3, 4];
    let reorder = |l: &str| {
        let fields: Vec<&str> = l.split(',').collect();
        column.map(|k| fields[k]).join(",") + "\n"
    };
    let mut reordered = lines.next().map(reorder).unwrap_or_default();
    let body: Vec<String> = lines.map(reorder).collect();
    reordered.extend(body.into_iter().rev());
    out.push(reordered.into_bytes());
    // A column besides the six, as pandas writes its index.
    let indexed: String = single
        .lines()
        .enumerate()
        .map(|(i, l)| match i {
            0 => format!(",{l}\n"),
            _ => format!("{},{l}\n", i - 1),
        })
        .collect();
    out.push(indexed.into_bytes());
    out
}

/// One change to a file. Positions are taken modulo the length at the time.
#[derive(Debug, Clone)]
enum Mutation {
    FlipByte(usize, u8),
    Truncate(usize),
    Insert(usize, u8),
    InsertText(usize, String),
    /// Re-encode the whole text as GB18030 (if it is still UTF-8).
    Gb18030,
    DuplicateLine(usize),
    DeleteLine(usize),
    /// Replace the field at a position with other text.
    ReplaceField(usize, String),
}

fn nasty_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_string()),
        Just("\"\"".to_string()),
        Just(",".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\t".to_string()),
        Just(";".to_string()),
        Just("\0".to_string()),
        Just("\u{feff}".to_string()),
        Just("-1".to_string()),
        Just("99999999999999999999".to_string()),
        Just("9223372036854775807".to_string()),
        Just("-9223372036854775808".to_string()),
        Just("1,234".to_string()),
        Just("27.88亿".to_string()),
        Just("0.000001元".to_string()),
        Just("—".to_string()),
        Just("１２".to_string()),
        Just("年度：2020".to_string()),
        Just("填报单位,".to_string()),
        Just("year,unit,section,row,column,value".to_string()),
        label(),
        "[0-9a-z.,+\\- ]{0,12}",
    ]
}

/// A label of either form: section headings, row labels, column labels.
fn label() -> impl Strategy<Value = String> {
    proptest::sample::select(form_labels())
}

/// Every label of both forms (headings, row labels and aliases, column labels) and the words
/// around the tables, sorted: what mutations put in place of other text.
pub(crate) fn form_labels() -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for form in FormVersion::ALL {
        let cat = form.catalogue();
        for block in &cat.blocks {
            labels.extend(block.heading.map(str::to_string));
            for row in block.rows {
                labels.extend(row.path.iter().map(|p| p.to_string()));
                labels.extend(row.aliases.iter().map(|p| p.to_string()));
            }
            labels.extend(block.columns.iter().map(|c| c.label.to_string()));
        }
    }
    labels.extend(Section::ALL.iter().map(|s| s.heading().to_string()));
    labels.extend(
        [
            "信息内容",
            "申请人情况",
            "法人或其他组织",
            "总计",
            "合计",
            "行政复议",
            "行政诉讼",
        ]
        .map(str::to_string),
    );
    labels.sort();
    labels.dedup();
    labels
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(i, x)| Mutation::FlipByte(i, x)),
        any::<usize>().prop_map(Mutation::Truncate),
        (
            any::<usize>(),
            prop::sample::select(vec![
                b'"', b',', b'\n', b'\r', b'\0', b'\t', b';', 0xFF, 0x81
            ])
        )
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<usize>(), nasty_text()).prop_map(|(i, t)| Mutation::InsertText(i, t)),
        Just(Mutation::Gb18030),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        any::<usize>().prop_map(Mutation::DeleteLine),
        (any::<usize>(), nasty_text()).prop_map(|(i, t)| Mutation::ReplaceField(i, t)),
    ]
}

/// Start of each line (byte offsets just past a `\n`, and 0).
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .filter(|i| *i < bytes.len())
        .collect()
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    match m {
        Mutation::FlipByte(i, x) => {
            if len > 0 {
                bytes[i % len] ^= x;
            }
        }
        Mutation::Truncate(i) => bytes.truncate(i % (len + 1)),
        Mutation::Insert(i, b) => bytes.insert(i % (len + 1), *b),
        Mutation::InsertText(i, t) => {
            let at = i % (len + 1);
            bytes.splice(at..at, t.bytes());
        }
        Mutation::Gb18030 => {
            if let Ok(text) = std::str::from_utf8(bytes) {
                let (gbk, _, _) = encoding_rs::GB18030.encode(text);
                *bytes = gbk.into_owned();
            }
        }
        Mutation::DuplicateLine(i) | Mutation::DeleteLine(i) => {
            let starts = line_starts(bytes);
            if starts.is_empty() {
                return;
            }
            let k = i % starts.len();
            let (a, b) = (starts[k], starts.get(k + 1).copied().unwrap_or(len));
            if matches!(m, Mutation::DeleteLine(_)) {
                bytes.drain(a..b);
            } else {
                let line: Vec<u8> = bytes[a..b].to_vec();
                bytes.splice(b..b, line);
            }
        }
        Mutation::ReplaceField(i, t) => {
            if len == 0 {
                return;
            }
            let at = i % len;
            let is_sep = |b: &u8| matches!(b, b',' | b'\n' | b'\r');
            let start = bytes[..at].iter().rposition(is_sep).map_or(0, |p| p + 1);
            let end = bytes[at..].iter().position(is_sep).map_or(len, |p| at + p);
            bytes.splice(start..end, t.bytes());
        }
    }
}

/// CSV-like text from the form's own words, numbers and separators.
fn token_soup() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        3 => label(),
        3 => "[0-9]{1,4}",
        4 => Just(",".to_string()),
        2 => Just("\n".to_string()),
        1 => nasty_text(),
        1 => Just("2020".to_string()),
        1 => Just("年度".to_string()),
    ];
    proptest::collection::vec(token, 0..400).prop_map(|t| t.concat().into_bytes())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        progress("arbitrary bytes");
        check(&bytes)?;
    }

    #[test]
    fn fuzz_token_soup(bytes in token_soup()) {
        progress("token soup");
        check(&bytes)?;
    }

    #[test]
    fn fuzz_mutated_valid_files(
        seed in 0..5usize,
        mutations in proptest::collection::vec(mutation(), 1..8),
    ) {
        progress("mutated files");
        let mut bytes = seeds()[seed].clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check(&bytes)?;
    }
}

#[test]
fn seeds_are_valid_files() {
    for (i, seed) in seeds().iter().enumerate() {
        for p in ["data/2020/a.csv", "data/2023/a.csv"] {
            let f = read_bytes_at(seed, Path::new(p), &ReadOptions::default());
            let wrong_form = f.errors().any(|d| d.message.contains("reports use form"));
            // The blank templates are seeds for the values mutations type in; as they are, they
            // are refused (a form sent back unfilled).
            let unfilled = f
                .errors()
                .any(|d| d.message.starts_with("every cell of the report is blank"))
                && f.errors().all(|d| {
                    d.message.starts_with("every cell of the report is blank")
                        || d.message.starts_with("report left out")
                });
            if !wrong_form && !unfilled {
                assert!(f.errors().next().is_none(), "seed {i} at {p}: {f:#?}");
                assert!(!f.reports.is_empty());
            }
        }
    }
}

/// Reads `bytes` as from `path` with the one-pass readers, then with the full readers only.
fn both_ways(bytes: &[u8], path: &str) -> (String, String) {
    let read = || {
        format!(
            "{:?}",
            read_bytes_at(bytes, Path::new(path), &ReadOptions::default())
        )
    };
    let fast = read();
    crate::read::FAST_PATHS.with(|f| f.set(false));
    let full = read();
    crate::read::FAST_PATHS.with(|f| f.set(true));
    (fast, full)
}

proptest! {
    #![proptest_config(config())]

    /// The one-pass readers give what the full readers give, on valid files and mutations of them.
    #[test]
    fn fast_paths_agree_with_full_readers(
        seed in 0..seeds().len(),
        mutations in proptest::collection::vec(mutation(), 0..4),
    ) {
        let mut bytes = seeds()[seed].clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        for path in PATHS {
            let (fast, full) = both_ways(&bytes, path);
            prop_assert_eq!(fast, full);
        }
    }
}

/// The one-pass tidy reader takes the tidy seeds (so the property above is not vacuous): two
/// reports in a file, one per form, quoted, with a BOM and CRLF, columns in another order, a
/// pandas index column, and one with lines left out.
#[test]
fn plain_tidy_seeds_take_the_one_pass_reader() {
    let reader = || crate::reading::Reading::new(std::sync::Arc::new("x.csv".into()));
    for bytes in &seeds()[seeds().len() - 7..] {
        let text = std::str::from_utf8(bytes).unwrap();
        let mut r = reader();
        assert!(tidy::read_plain(text, &mut r), "{text:.200}");
        let cells: usize = r.reports.iter().map(|p| p.values.len()).sum();
        assert_eq!(r.values_read, cells);
        assert!(r.diagnostics.is_empty());
    }
    let sparse: String = std::str::from_utf8(&seeds()[seeds().len() - 6])
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(i, _)| i % 10 != 5)
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    let mut r = reader();
    assert!(tidy::read_plain(&sparse, &mut r));
    assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
    assert!(r.diagnostics[0]
        .message
        .contains("cells absent from the file"));
    let (fast, full) = both_ways(sparse.as_bytes(), PATHS[0]);
    assert_eq!(fast, full);
}

/// The delimiter guess as first written, over `str::lines`.
fn sniff_by_lines(text: &str) -> u8 {
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

proptest! {
    #![proptest_config(config())]

    /// The memchr delimiter guess agrees with the `str::lines` one.
    #[test]
    fn sniff_delimiter_agrees_with_lines(text in "([a-c,;\t \u{3000}\r]{0,6}\n?){0,50}") {
        prop_assert_eq!(gongkai_document::delimited::sniff_delimiter(&text), sniff_by_lines(&text));
    }
}

/// Real office files (the Lanzhou 2020 report as LibreOffice saves it to Word, PDF and Excel)
/// with bytes flipped or cut, through the whole read: each ends as a report or an error, never a
/// panic or a hang. (Each reader's crate mutates its own inputs further.)
#[test]
fn mutated_office_files_read_to_an_outcome() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/published");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |below: usize| {
        // xorshift: the same cases every run.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below.max(1) as u64) as usize
    };
    for name in ["lanzhou-2020.docx", "lanzhou-2020.pdf", "lanzhou-2020.xlsx"] {
        let good = std::fs::read(dir.join(name)).unwrap_or_default();
        assert!(!good.is_empty(), "{name}");
        let path = format!("data/2020/{name}");
        for case in 0..64 {
            let mut bytes = good.clone();
            if case % 4 == 3 {
                bytes.truncate(next(bytes.len()));
            } else {
                for _ in 0..=next(8) {
                    let at = next(bytes.len());
                    bytes[at] = next(256) as u8;
                }
            }
            let f = read_bytes_at(&bytes, Path::new(&path), &ReadOptions::default());
            assert!(
                !f.reports.is_empty() || f.errors().next().is_some(),
                "{name} case {case}: neither a report nor an error: {:?}",
                f.diagnostics
            );
        }
    }
}
