//! Reading workbooks: files made by LibreOffice and by rust_xlsxwriter, typed cells, merged
//! regions, hidden sheets, and hostile files (each a clear error, never a panic or a hang).

use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

use gongkai_document::delimited::read_records;
use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Formula, Workbook as Writer};

use super::*;
use crate::compound::Compound;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/workbooks")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The non-empty cells of each non-empty row, in order: (column, text).
fn cells(grid: &Grid) -> Vec<Vec<(u32, String)>> {
    grid.rows()
        .map(|r| {
            r.cells()
                .filter(|c| !c.text.is_empty())
                .map(|c| (c.column, c.text.to_string()))
                .collect::<Vec<_>>()
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// Every cell as `[Sheet]!D31=text`.
/// The cells with text, by place (a row's empty slots left of its last cell are not listed).
fn places(grid: &Grid) -> Vec<String> {
    grid.rows()
        .flat_map(|r| {
            r.cells()
                .filter(|c| !c.text.is_empty())
                .map(move |c| format!("{}={}", r.place(Some(&c)), c.text))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn book(bytes: &[u8]) -> Workbook {
    match read(bytes) {
        Ok(b) => b,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn libreoffice_workbooks_hold_the_cells_of_the_csv_they_were_saved_from() {
    for (csv, year) in [("城关区.csv", 2020), ("西固区.csv", 2021)] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join(format!("../../data/lanzhou/{year}"))
            .join(csv);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let expected = cells(&Grid::from(read_records(&text, b',').unwrap_or_default()));
        assert!(expected.len() > 50, "{}", path.display());
        let stem = format!("{}-{year}", csv.trim_end_matches(".csv"));
        for (ext, format) in [
            ("xlsx", Format::Xlsx),
            ("xls", Format::Xls),
            ("ods", Format::Ods),
        ] {
            let b = book(&fixture(&format!("{stem}.{ext}")));
            assert_eq!(b.format, format);
            assert_eq!(b.sheets.len(), 1);
            let sheet = &b.sheets[0];
            assert_eq!((sheet.name.as_str(), sheet.visible), (stem.as_str(), true));
            assert_eq!(sheet.grid.origin, Origin::Sheet(stem.clone()));
            assert_eq!(cells(&sheet.grid), expected, "{stem}.{ext}");
        }
    }
    // Rows keep the sheet's numbers: 城关区's procurement amount is in C23.
    let b = book(&fixture("城关区-2020.xlsx"));
    let places = places(&b.sheets[0].grid);
    assert!(
        places.contains(&"[城关区-2020]!C23=46490.37".to_string()),
        "{places:?}"
    );
}

/// A workbook of every kind of cell: merged headers, a formula with its cached value, money as
/// a double, a boolean, an error value, a date; a hidden sheet and a second visible one.
fn typed_book() -> Vec<u8> {
    let mut w = Writer::new();
    let merged = CellFormat::new();
    let s = w.add_worksheet();
    s.set_name("Sheet1").ok();
    s.merge_range(0, 1, 0, 2, "本年新制作数量", &merged).ok();
    s.merge_range(1, 0, 2, 0, "行政许可", &merged).ok();
    s.write(1, 1, 36).ok();
    s.write(1, 2, 22744.07).ok();
    s.write(1, 3, 5.0).ok();
    s.write(2, 1, 0.1 + 0.2).ok();
    s.write_formula(2, 2, Formula::new("=B2+1").set_result("37"))
        .ok();
    s.write(2, 3, true).ok();
    s.write_formula(2, 4, Formula::new("=1/0").set_result("#DIV/0!"))
        .ok();
    let date = ExcelDateTime::from_ymd(2020, 3, 5).ok();
    if let Some(d) = date {
        s.write_datetime_with_format(2, 5, d, &CellFormat::new().set_num_format("yyyy-mm-dd"))
            .ok();
    }
    s.write(30, 3, "abc").ok();
    let hidden = w.add_worksheet();
    hidden.set_name("隐藏").ok();
    hidden.write(0, 0, "x").ok();
    hidden.set_hidden(true);
    let third = w.add_worksheet();
    third.set_name("表三").ok();
    third.write(0, 0, "申请人情况").ok();
    w.save_to_buffer().unwrap_or_default()
}

#[test]
fn typed_cells_read_as_the_sheet_shows_them() {
    let b = book(&typed_book());
    assert_eq!(b.format, Format::Xlsx);
    let names: Vec<(&str, bool)> = b
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.visible))
        .collect();
    assert_eq!(names, [("Sheet1", true), ("隐藏", false), ("表三", true)]);
    let grid = &b.sheets[0].grid;
    assert!(grid.has_merged_cells());
    assert_eq!(
        places(grid),
        [
            "[Sheet1]!B1=本年新制作数量",
            "[Sheet1]!C1=本年新制作数量",
            "[Sheet1]!A2=行政许可",
            "[Sheet1]!B2=36",
            "[Sheet1]!C2=22744.07",
            "[Sheet1]!D2=5",
            "[Sheet1]!A3=行政许可",
            "[Sheet1]!B3=0.3",
            "[Sheet1]!C3=37",
            "[Sheet1]!D3=TRUE",
            "[Sheet1]!E3=#DIV/0!",
            "[Sheet1]!F3=2020-03-05",
            "[Sheet1]!D31=abc",
        ]
    );
    // The merged header starts in B1 only; the merged label starts again in each row.
    let firsts: Vec<bool> = grid
        .rows()
        .flat_map(|r| {
            r.cells()
                .filter(|c| !c.text.is_empty())
                .map(|c| c.first)
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(&firsts[..3], [true, false, true]);
    assert!(firsts[6]);
    // Every column left of a row's last cell is a slot, as in a CSV export: D31 is the 4th.
    let last = grid
        .rows()
        .last()
        .map(|r| r.cells().map(|c| c.text).collect::<Vec<_>>());
    assert_eq!(last, Some(vec!["", "", "", "abc"]));
}

/// `bytes` with each zip entry passed through `change` (`None` leaves it as it is).
fn rezip(bytes: &[u8], change: impl Fn(&str, &[u8]) -> Option<Vec<u8>>) -> Vec<u8> {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    };
    let mut out = Cursor::new(Vec::new());
    {
        let mut writer = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for i in 0..archive.len() {
            let Ok(mut entry) = archive.by_index(i) else {
                continue;
            };
            let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).ok();
            let data = change(&name, &data).unwrap_or(data);
            writer.start_file(name, options).ok();
            writer.write_all(&data).ok();
        }
        writer.finish().ok();
    }
    out.into_inner()
}

fn replace(data: &[u8], from: &str, to: &str) -> Vec<u8> {
    String::from_utf8_lossy(data)
        .replacen(from, to, 1)
        .into_bytes()
}

#[test]
fn a_formula_without_a_cached_value_is_its_own_text() {
    let mut w = Writer::new();
    let s = w.add_worksheet();
    s.write(0, 0, 1).ok();
    s.write_formula(0, 1, "=SUM(A1:A1)").ok();
    let bytes = w.save_to_buffer().unwrap_or_default();
    // A program that does not calculate (openpyxl, a system's export) writes no <v>.
    let bytes = rezip(&bytes, |name, data| {
        (name == "xl/worksheets/sheet1.xml").then(|| replace(data, "<v>0</v>", ""))
    });
    let b = book(&bytes);
    assert_eq!(
        places(&b.sheets[0].grid),
        ["[Sheet1]!A1=1", "[Sheet1]!B1==SUM(A1:A1)"]
    );
}

fn error_of(bytes: &[u8]) -> WorkbookError {
    error_with(bytes, &Limits::default())
}

fn error_with(bytes: &[u8], limits: &Limits) -> WorkbookError {
    match read_with(bytes, limits) {
        Ok(b) => panic!("read {} sheet(s)", b.sheets.len()),
        Err(e) => e,
    }
}

#[test]
fn not_a_workbook_says_what_it_is() {
    assert!(matches!(
        error_of(b"year,unit\n2020,x\n"),
        WorkbookError::NotAWorkbook(_)
    ));
    let docx = {
        let mut out = Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut out);
        writer
            .start_file(
                "word/document.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .ok();
        writer.write_all(b"<w:document/>").ok();
        writer.finish().ok();
        out.into_inner()
    };
    let e = error_of(&docx);
    assert_eq!(e.to_string(), "not a workbook: a Word document (.docx)");
    let doc = compound_file(&[("WordDocument", &[0u8; 5000][..])]);
    let e = error_of(&doc);
    assert!(e.to_string().contains("save it as .docx"), "{e}");
}

#[test]
fn a_password_protected_workbook_is_refused_as_such() {
    // Excel saves an encrypted .xlsx as a compound file holding the encrypted package.
    let ooxml = compound_file(&[
        ("EncryptionInfo", &[1u8; 4096][..]),
        ("EncryptedPackage", &[2u8; 8192][..]),
    ]);
    let e = error_of(&ooxml);
    assert!(matches!(e, WorkbookError::Encrypted(_)), "{e:?}");
    assert!(e.to_string().contains("protected by a password"), "{e}");
    // An .xls saved with a password has FILEPASS among its first records.
    let xls = with_record_changed(&fixture("城关区-2020.xls"), 0x0042, |typ, _| {
        *typ = 0x002F;
    });
    assert_eq!(
        error_of(&xls),
        WorkbookError::Encrypted("the .xls workbook is encrypted (FILEPASS)".to_string())
    );
    // A zip entry flagged encrypted.
    let mut xlsx = typed_book();
    set_zip_encrypted_flags(&mut xlsx);
    assert!(matches!(error_of(&xlsx), WorkbookError::Encrypted(_)));
    // An .ods whose manifest lists encryption data.
    let ods = rezip(&fixture("西固区-2021.ods"), |name, data| {
        (name == "META-INF/manifest.xml").then(|| {
            replace(
                data,
                "</manifest:manifest>",
                "<manifest:encryption-data/></manifest:manifest>",
            )
        })
    });
    assert_eq!(
        error_of(&ods),
        WorkbookError::Encrypted("the .ods content is encrypted".to_string())
    );
}

#[test]
fn cut_short_or_damaged_is_an_error() {
    for name in ["城关区-2020.xlsx", "城关区-2020.xls", "城关区-2020.ods"] {
        let bytes = fixture(name);
        for cut in [600, bytes.len() / 2, bytes.len() - 1] {
            let e = error_of(&bytes[..cut]);
            assert!(
                matches!(
                    e,
                    WorkbookError::Container(_)
                        | WorkbookError::Damaged(_)
                        | WorkbookError::Unreadable(_)
                ),
                "{name} cut at {cut}: {e:?}"
            );
        }
    }
    // A sheet's XML that is not XML.
    let bytes = rezip(&fixture("城关区-2020.xlsx"), |name, _| {
        (name == "xl/worksheets/sheet1.xml").then(|| b"<worksheet><sheetData><row><c r=".to_vec())
    });
    assert!(matches!(error_of(&bytes), WorkbookError::Unreadable(_)));
}

#[test]
fn a_zip_bomb_stops_at_the_limit() {
    let bytes = rezip(&typed_book(), |name, data| {
        (name == "xl/worksheets/sheet2.xml").then(|| {
            let mut d = data.to_vec();
            d.extend(std::iter::repeat_n(b' ', 4 << 20));
            d
        })
    });
    assert!(bytes.len() < 1 << 20);
    let limits = Limits {
        zip: ZipLimits {
            total_bytes: 1 << 20,
            ..ZipLimits::default()
        },
        ..Limits::default()
    };
    let e = error_with(&bytes, &limits);
    assert!(
        matches!(&e, WorkbookError::Container(ZipProblem::TooLarge { .. })),
        "{e:?}"
    );
}

#[test]
fn a_sheet_past_the_limits_is_refused_naming_the_cell() {
    let mut w = Writer::new();
    let s = w.add_worksheet();
    s.write(0, 0, "规章").ok();
    s.write(1_048_575, 16_383, 1).ok();
    let e = error_of(&w.save_to_buffer().unwrap_or_default());
    assert_eq!(
        e.to_string(),
        "sheet Sheet1 is too large: it has a cell at XFD1048576, past the 100000 rows, 1000 \
         columns and 1000000 cells a sheet may span (a report needs about 100 rows of 15 \
         columns); not read"
    );
    // Within rows and columns, past the cells: 2,000 rows of 600 columns.
    let mut w = Writer::new();
    let s = w.add_worksheet();
    s.write(0, 0, 1).ok();
    s.write(1999, 599, 1).ok();
    assert!(matches!(
        error_of(&w.save_to_buffer().unwrap_or_default()),
        WorkbookError::SheetTooLarge {
            at: Some((1999, 599)),
            ..
        }
    ));
    // An .xls cell at IV65536 (calamine would build a block of 65,536 rows of 256 columns).
    let xls = with_record_changed(&fixture("城关区-2020.xls"), 0x027E, |_, data| {
        data[..4].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0x00]);
    });
    assert!(matches!(
        error_of(&xls),
        WorkbookError::SheetTooLarge {
            at: Some((65535, 255)),
            ..
        }
    ));
    // An .xls sheet that declares a billion rows (calamine would reserve room for them).
    let xls = with_record_changed(&fixture("城关区-2020.xls"), 0x0200, |_, data| {
        data[4..8].copy_from_slice(&1_000_000_000u32.to_le_bytes());
    });
    assert!(matches!(
        error_of(&xls),
        WorkbookError::SheetTooLarge { at: None, .. }
    ));
    // An .ods value repeated over 5,000 columns, and over two million rows.
    for (from, to) in [
        (
            "<table:table-cell office:value-type=\"float\"",
            "<table:table-cell table:number-columns-repeated=\"5000\" office:value-type=\"float\"",
        ),
        (
            "<table:table-row ",
            "<table:table-row table:number-rows-repeated=\"2000000\" ",
        ),
    ] {
        let ods = rezip(&fixture("城关区-2020.ods"), |name, data| {
            (name == "content.xml").then(|| replace(data, from, to))
        });
        assert!(
            matches!(error_of(&ods), WorkbookError::SheetTooLarge { .. }),
            "{to}"
        );
    }
}

#[test]
fn a_compound_file_whose_chains_loop_or_run_off_is_damaged() {
    let bytes = fixture("城关区-2020.xls");
    let Ok(file) = Compound::open(&bytes) else {
        panic!("the fixture opens");
    };
    let sectors = file.sector_offsets("Workbook");
    assert!(sectors.len() > 2);
    let first = (sectors[0] / 512 - 1) as u32;
    let fat = (u32::from_le_bytes([bytes[76], bytes[77], bytes[78], bytes[79]]) as usize + 1) * 512;
    for next in [first, 0x00FF_FFFF] {
        let mut b = bytes.clone();
        let at = fat + 4 * first as usize;
        b[at..at + 4].copy_from_slice(&next.to_le_bytes());
        let e = error_of(&b);
        assert!(matches!(e, WorkbookError::Damaged(_)), "{e:?}");
    }
}

/// An `.xls` with the first record of type `typ` in its Workbook stream changed in place.
fn with_record_changed(bytes: &[u8], typ: u16, change: impl Fn(&mut u16, &mut [u8])) -> Vec<u8> {
    let Ok(file) = Compound::open(bytes) else {
        panic!("not a compound file");
    };
    let sectors = file.sector_offsets("Workbook");
    let Some(mut stream) = file.stream("Workbook") else {
        panic!("no Workbook stream");
    };
    let mut at = 0;
    let mut found = None;
    while at + 4 <= stream.len() {
        let t = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = u16::from_le_bytes([stream[at + 2], stream[at + 3]]) as usize;
        if t == typ {
            found = Some((at, len));
            break;
        }
        at += 4 + len;
    }
    let Some((at, len)) = found else {
        panic!("no record {typ:#06x}");
    };
    let mut t = typ;
    change(&mut t, &mut stream[at + 4..at + 4 + len]);
    stream[at..at + 2].copy_from_slice(&t.to_le_bytes());
    let mut out = bytes.to_vec();
    for (i, byte) in stream.iter().enumerate().skip(at).take(4 + len) {
        out[sectors[i / 512] + i % 512] = *byte;
    }
    out
}

/// Sets the "encrypted" flag of every entry of a zip, in its local headers and its directory.
fn set_zip_encrypted_flags(bytes: &mut [u8]) {
    let mut i = 0;
    while i + 10 < bytes.len() {
        match &bytes[i..i + 4] {
            b"PK\x03\x04" => bytes[i + 6] |= 1,
            b"PK\x01\x02" => bytes[i + 8] |= 1,
            _ => {}
        }
        i += 1;
    }
}

/// A compound file of `streams` (each 4,096 bytes or more, kept in whole sectors).
fn compound_file(streams: &[(&str, &[u8])]) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    assert!(streams.len() <= 3 && streams.iter().all(|(_, d)| d.len() >= 4096));
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let put16 = |b: &mut [u8], at: usize, v: u16| b[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 = |b: &mut [u8], at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_le_bytes());
    put16(&mut header, 24, 0x3E);
    put16(&mut header, 26, 3);
    put16(&mut header, 28, 0xFFFE);
    put16(&mut header, 30, 9);
    put16(&mut header, 32, 6);
    put32(&mut header, 44, 1);
    put32(&mut header, 48, 1);
    put32(&mut header, 56, 4096);
    put32(&mut header, 60, END);
    put32(&mut header, 68, END);
    for k in 0..109 {
        put32(&mut header, 76 + 4 * k, if k == 0 { 0 } else { FREE });
    }
    // Sector 0 the FAT, sector 1 the directory, then each stream's sectors in turn.
    let mut fat = vec![FREE; 128];
    fat[0] = 0xFFFF_FFFD;
    fat[1] = END;
    let mut dir = vec![0u8; 512];
    let mut data = Vec::new();
    let mut next = 2u32;
    let entry = |dir: &mut [u8], i: usize, name: &str, kind: u8, start: u32, size: u32| {
        let e = &mut dir[i * 128..(i + 1) * 128];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (k, u) in units.iter().enumerate() {
            e[2 * k..2 * k + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
        e[66] = kind;
        for at in [68, 72, 76] {
            e[at..at + 4].copy_from_slice(&FREE.to_le_bytes());
        }
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
    };
    entry(&mut dir, 0, "Root Entry", 5, END, 0);
    for (i, (name, body)) in streams.iter().enumerate() {
        let n = body.len().div_ceil(512) as u32;
        entry(&mut dir, i + 1, name, 2, next, body.len() as u32);
        for k in 0..n {
            fat[(next + k) as usize] = if k + 1 == n { END } else { next + k + 1 };
        }
        next += n;
        let mut padded = body.to_vec();
        padded.resize(n as usize * 512, 0);
        data.extend(padded);
    }
    let mut out = header;
    out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(dir);
    out.extend(data);
    out
}

/// A small deterministic generator for the mutations.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

#[test]
fn mutated_workbooks_never_panic_or_hang() {
    let mut rng = Lcg(15);
    let started = std::time::Instant::now();
    let mut outcomes = std::collections::BTreeMap::<String, usize>::new();
    let mut tally = |r: Result<Workbook, WorkbookError>| {
        let key = match r {
            Ok(_) => "read".to_string(),
            Err(WorkbookError::Unreadable(why)) if why.contains("failed on malformed") => {
                "calamine panicked (caught)".to_string()
            }
            Err(e) => e.code().to_string(),
        };
        *outcomes.entry(key).or_default() += 1;
    };
    // Raw bytes: compound files reach calamine; a zip mostly fails its checksums first.
    for name in ["城关区-2020.xls", "西固区-2021.xls", "城关区-2020.xlsx"] {
        let bytes = fixture(name);
        for _ in 0..100 {
            let mut b = bytes.clone();
            for _ in 0..1 + rng.next(8) {
                let at = rng.next(b.len());
                b[at] = rng.next(256) as u8;
            }
            tally(read(&b));
        }
    }
    // The XML inside: the sheet, the shared strings, the ODS content, each mutated and zipped
    // again so the checksums hold.
    for (name, entry) in [
        ("城关区-2020.xlsx", "xl/worksheets/sheet1.xml"),
        ("城关区-2020.xlsx", "xl/sharedStrings.xml"),
        ("城关区-2020.xlsx", "xl/workbook.xml"),
        ("城关区-2020.ods", "content.xml"),
    ] {
        let bytes = fixture(name);
        for _ in 0..40 {
            let seed = rng.next(usize::MAX);
            let b = rezip(&bytes, |n, data| {
                (n == entry).then(|| {
                    let mut r = Lcg(seed as u64);
                    let mut d = data.to_vec();
                    for _ in 0..1 + r.next(6) {
                        let at = r.next(d.len());
                        d[at] = b"<>/=\"0123456789 aZ:"[r.next(19)];
                    }
                    d
                })
            });
            tally(read(&b));
        }
    }
    eprintln!("mutations: {outcomes:?} in {:?}", started.elapsed());
    assert!(outcomes.get("read").is_some_and(|n| *n > 0), "{outcomes:?}");
    // The checks before calamine leave it no malformed content to panic on, in these.
    assert!(
        !outcomes.contains_key("calamine panicked (caught)"),
        "{outcomes:?}"
    );
}

#[test]
fn deeply_nested_xml_is_no_stack_to_overflow() {
    // 200,000 elements deep inside a cell and before the ODS table: the XML readers are
    // streaming, so depth costs no stack; the nesting adds no cell.
    let deep = |open: &str, close: &str| {
        let mut s = String::new();
        for _ in 0..200_000 {
            s.push_str(open);
        }
        for _ in 0..200_000 {
            s.push_str(close);
        }
        s
    };
    let rows = |b: &[u8]| read(b).map(|b| cells(&b.sheets[0].grid));
    let plain = rows(&fixture("城关区-2020.xlsx"));
    assert!(plain.as_ref().is_ok_and(|r| r.len() > 50));
    let xlsx = rezip(&fixture("城关区-2020.xlsx"), |name, data| {
        (name == "xl/worksheets/sheet1.xml").then(|| {
            let nested = format!(
                "<c r=\"Z1\" t=\"inlineStr\"><is>{}</is></c>",
                deep("<r>", "</r>")
            );
            replace(data, "<c r=\"A1\"", &format!("{nested}<c r=\"A1\""))
        })
    });
    assert_eq!(rows(&xlsx), plain);
    let ods = rezip(&fixture("城关区-2020.ods"), |name, data| {
        (name == "content.xml").then(|| {
            let nested = deep("<text:p>", "</text:p>");
            replace(data, "<table:table ", &format!("{nested}<table:table "))
        })
    });
    assert_eq!(rows(&ods), plain);
}
