//! Workbooks read as reports: files saved by LibreOffice read value for value as the CSV they
//! came from; unit grids saved as `.xlsx` consolidate to the published totals; several units,
//! one unit's tables over several sheets, tidy sheets, hidden sheets; bad cells named by their
//! sheet cell; hostile files an error each.

use std::path::{Path, PathBuf};

use gongkai_document::delimited::read_records;
use gongkai_form::Level;
use gongkai_report::{FileRead, Layout, UnitReport};
use rust_xlsxwriter::{Formula, Workbook};

use crate::tests::{errors, warnings, HAND_GRID};
use crate::{read_bytes_at, ReadOptions};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_at(bytes: &[u8], path: &str) -> FileRead {
    read_bytes_at(bytes, Path::new(path), &ReadOptions::default())
}

/// A sample unit's CSV grid as text (some are GB18030, as Excel on a Chinese Windows saves).
fn csv(year: i32, unit: &str) -> String {
    let path = root().join(format!("data/lanzhou/{year}/{unit}.csv"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    gongkai_document::decode::decode(&bytes, gongkai_document::EncodingChoice::default())
        .map(|d| d.text.into_owned())
        .unwrap_or_default()
}

/// What a report says, without where it came from.
fn values(r: &UnitReport) -> (String, i32, String, Vec<i64>, Vec<bool>) {
    (
        r.unit.clone(),
        r.year,
        r.form.to_string(),
        r.values.clone(),
        r.blank.clone(),
    )
}

/// A sheet per (name, CSV text), each field in its cell: numbers as numbers, the rest as text,
/// as a person types the form into Excel; an empty field is a bordered blank cell, as in a
/// template left blank.
fn xlsx(sheets: &[(&str, &str)], hidden: &[&str]) -> Vec<u8> {
    let border = rust_xlsxwriter::Format::new().set_border(rust_xlsxwriter::FormatBorder::Thin);
    let mut book = Workbook::new();
    for (name, text) in sheets {
        let s = book.add_worksheet();
        s.set_name(*name).ok();
        let table = read_records(text, b',').unwrap_or_default();
        for (row, rec) in table.records().iter().enumerate() {
            for (col, field) in rec.fields.iter().enumerate() {
                let (r, c) = (row as u32, col as u16);
                match field.parse::<f64>() {
                    Ok(n) if !field.starts_with('+') && n.is_finite() => s.write(r, c, n).ok(),
                    _ if field.is_empty() => s.write_blank(r, c, &border).ok(),
                    _ => s.write(r, c, field).ok(),
                };
            }
        }
        if hidden.contains(name) {
            s.set_hidden(true);
        }
    }
    book.save_to_buffer().unwrap_or_default()
}

#[test]
fn libreoffice_workbooks_read_value_for_value_as_their_csv() {
    for (unit, year) in [("城关区", 2020), ("西固区", 2021)] {
        let text = csv(year, unit);
        let from_csv = read_at(text.as_bytes(), &format!("{year}/{unit}.csv"));
        assert_eq!(errors(&from_csv), Vec::<String>::new());
        assert_eq!(from_csv.reports.len(), 1);
        for ext in ["xlsx", "xls", "ods"] {
            let name = format!("{unit}-{year}.{ext}");
            let bytes = std::fs::read(root().join("tests/fixtures/workbooks").join(&name))
                .unwrap_or_default();
            let f = read_at(&bytes, &format!("{year}/{name}"));
            assert_eq!(errors(&f), Vec::<String>::new(), "{name}");
            assert_eq!(warnings(&f), warnings(&from_csv), "{name}");
            assert_eq!(f.layout, Some(Layout::Workbook));
            assert_eq!(f.reports.len(), 1, "{name}");
            assert_eq!(
                values(&f.reports[0]),
                values(&from_csv.reports[0]),
                "{name}"
            );
            assert_eq!(
                (f.values_read, f.values_used, f.values_rejected),
                (
                    from_csv.values_read,
                    from_csv.values_used,
                    from_csv.values_rejected
                ),
                "{name}"
            );
            // The same cells found; each placed at its sheet row, the CSV's line (one record a
            // line here).
            let found = |r: &UnitReport| r.source.lines.iter().map(|l| *l != 0).collect::<Vec<_>>();
            assert_eq!(found(&f.reports[0]), found(&from_csv.reports[0]), "{name}");
            for (i, line) in from_csv.reports[0].source.lines.iter().enumerate() {
                if *line != 0 {
                    assert!(
                        matches!(f.reports[0].source.place(i), gongkai_report::Place::Sheet { row, .. } if row == *line),
                        "{name}: cell {i}"
                    );
                }
            }
        }
    }
    // The official layout's merged headers and labels (rowspan/colspan of an HTML table
    // LibreOffice saved as a workbook), expanded: the same report.
    let text = csv(2021, "西固区");
    let from_csv = read_at(text.as_bytes(), "2021/西固区.csv");
    for ext in ["xlsx", "xls"] {
        let name = format!("西固区-2021-merged.{ext}");
        let bytes =
            std::fs::read(root().join("tests/fixtures/workbooks").join(&name)).unwrap_or_default();
        let book = gongkai_workbook::read(&bytes);
        assert!(
            book.as_ref()
                .is_ok_and(|b| b.sheets[0].grid.has_merged_cells()),
            "{name}"
        );
        let f = read_at(&bytes, &format!("2021/{name}"));
        assert_eq!(errors(&f), Vec::<String>::new(), "{name}");
        assert_eq!(f.reports.len(), 1, "{name}");
        assert_eq!(
            values(&f.reports[0]),
            values(&from_csv.reports[0]),
            "{name}"
        );
    }
}

#[test]
fn unit_grids_saved_as_workbooks_consolidate_to_the_published_totals() {
    let dir = root().join("data/lanzhou/2020");
    let mut units: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|n| n.ends_with(".csv"))
                .collect()
        })
        .unwrap_or_default();
    units.sort();
    assert_eq!(units.len(), 20);
    let mut from_csv: Vec<i64> = Vec::new();
    let mut from_xlsx: Vec<i64> = Vec::new();
    let add = |sum: &mut Vec<i64>, r: &UnitReport| {
        sum.resize(r.values.len(), 0);
        for (s, v) in sum.iter_mut().zip(&r.values) {
            *s += v;
        }
    };
    for name in &units {
        let unit = name.trim_end_matches(".csv");
        let text = csv(2020, unit);
        let a = read_at(text.as_bytes(), &format!("2020/{name}"));
        // Each unit as its own sheet name, blank cells left empty.
        let b = read_at(&xlsx(&[(unit, &text)], &[]), &format!("2020/{unit}.xlsx"));
        assert_eq!(errors(&b), Vec::<String>::new(), "{unit}");
        assert_eq!((a.reports.len(), b.reports.len()), (1, 1), "{unit}");
        assert_eq!(values(&a.reports[0]), values(&b.reports[0]), "{unit}");
        add(&mut from_csv, &a.reports[0]);
        add(&mut from_xlsx, &b.reports[0]);
    }
    assert_eq!(from_xlsx, from_csv);
    // The published 2020 totals (reference/lanzhou-2020-report.txt): 343 new requests, 357
    // in all; procurement 278800 万元.
    let cat = gongkai_form::FormVersion::F2019.catalogue();
    let at = |s, r, c| cat.find(s, r, c).map_or(i64::MIN, |c| from_xlsx[c.index]);
    use gongkai_form::Section::{Active, Requests};
    assert_eq!(at(Requests, "new_received", "total"), 343);
    assert_eq!(at(Requests, "total", "total"), 357);
    assert_eq!(
        at(Active, "procurement", "amount"),
        278_800 * gongkai_form::MONEY_SCALE
    );
}

#[test]
fn several_units_on_several_sheets_hidden_and_other_sheets_named() {
    let a = csv(2020, "城关区");
    let b = csv(2020, "西固区");
    let bytes = xlsx(
        &[
            ("城关区", &a),
            ("说明", "本表由办公室填报,,\n联系人,张三\n"),
            ("西固区", &b),
            ("旧表", &a),
        ],
        &["旧表"],
    );
    let f = read_at(&bytes, "2020/汇总.xlsx");
    assert_eq!(errors(&f), Vec::<String>::new());
    let units: Vec<&str> = f.reports.iter().map(|r| r.unit.as_str()).collect();
    assert_eq!(units, ["城关区", "西固区"]);
    assert_eq!(
        warnings(&f),
        [
            "2020/汇总.xlsx: warning: sheet 旧表 is hidden: not read",
            "2020/汇总.xlsx: warning: sheet 说明 holds no table of the form: not read",
        ]
    );
    // Without their 填报单位 lines, the sheets' names name the units.
    let strip = |t: &str| {
        t.lines()
            .filter(|l| !l.starts_with("填报单位"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let bytes = xlsx(&[("一", &strip(&a)), ("二", &strip(&b))], &[]);
    let f = read_at(&bytes, "2020/汇总.xlsx");
    let units: Vec<&str> = f.reports.iter().map(|r| r.unit.as_str()).collect();
    assert_eq!(units, ["一", "二"]);
}

#[test]
fn one_units_tables_on_three_sheets_read_as_one_report() {
    let text = csv(2021, "西固区");
    let whole = read_at(text.as_bytes(), "2021/西固区.csv");
    // Split before the headings of 三 and 四.
    let lines: Vec<&str> = text.lines().collect();
    let at = |h: &str| lines.iter().position(|l| l.starts_with(h)).unwrap_or(0);
    let (three, four) = (at("三、收到"), at("四、政府信息公开"));
    assert!(0 < three && three < four);
    let part = |a: usize, b: usize| lines[a..b].join("\n");
    let bytes = xlsx(
        &[
            ("表二", &part(0, three)),
            ("表三", &part(three, four)),
            ("表四", &part(four, lines.len())),
        ],
        &[],
    );
    let f = read_at(&bytes, "2021/报表.xlsx");
    assert_eq!(errors(&f), Vec::<String>::new());
    assert_eq!(f.reports.len(), 1);
    assert_eq!(values(&f.reports[0]), values(&whole.reports[0]));
}

#[test]
fn a_tidy_sheet_reads_as_tidy_rows() {
    let text = "year,unit,section,row,column,value\n\
                2020,城关区,requests,new_received,natural_person,41\n\
                2020,城关区,active,procurement,amount,1520.5\n\
                2020,城关区,requests,new_received,total,abc\n";
    let f = read_at(&xlsx(&[("tidy", text)], &[]), "x.xlsx");
    let errs = errors(&f);
    assert!(
        errs.iter()
            .any(|e| e.starts_with("x.xlsx[tidy]!F4: error: 城关区 2020:")),
        "{errs:?}"
    );
    assert_eq!(f.layout, Some(Layout::Tidy));
}

/// Writes one cell of a sheet.
type WriteCell = Box<dyn Fn(&mut rust_xlsxwriter::Worksheet)>;

#[test]
fn a_bad_cell_is_named_by_its_sheet_cell() {
    let text = csv(2020, "城关区");
    // D31 holds 予以公开 / 自然人 (61).
    let table = read_records(&text, b',').unwrap_or_default();
    let cases: [(&str, WriteCell); 4] = [
        ("abc", Box::new(|s| drop(s.write(30, 3, "abc")))),
        ("TRUE", Box::new(|s| drop(s.write(30, 3, true)))),
        (
            "#DIV/0!",
            Box::new(|s| drop(s.write_formula(30, 3, Formula::new("=1/0").set_result("#DIV/0!")))),
        ),
        (
            "=SUM(E31:F31)",
            Box::new(|s| drop(s.write_formula(30, 3, "=SUM(E31:F31)"))),
        ),
    ];
    for (found, write) in cases {
        let mut book = Workbook::new();
        let s = book.add_worksheet();
        s.set_name("Sheet1").ok();
        for (row, rec) in table.records().iter().enumerate() {
            for (col, field) in rec.fields.iter().enumerate() {
                if !field.is_empty() {
                    s.write(row as u32, col as u16, field).ok();
                }
            }
        }
        write(s);
        let mut bytes = book.save_to_buffer().unwrap_or_default();
        if found.starts_with('=') {
            // No cached value, as a program that does not calculate writes it.
            bytes = without_cached_values(&bytes);
        }
        let f = read_at(&bytes, "2020/城关区.xlsx");
        let errs = errors(&f);
        let expected = format!(
            "2020/城关区.xlsx[Sheet1]!D31: error: 城关区 2020: not a number in \
             requests.granted.natural_person (（一）予以公开 / 自然人): found {found:?}, \
             expected a whole number ≥ 0"
        );
        assert!(errs.contains(&expected), "{found}: {errs:#?}");
        assert!(f.reports.is_empty(), "{found}");
        let d = f.diagnostics.iter().find(|d| d.level == Level::Error);
        assert_eq!(
            d.map(|d| (d.sheet(), d.cell())),
            Some((Some("Sheet1"), Some("D31".to_string())))
        );
    }
}

/// The workbook with the cached values of its formulas taken out.
fn without_cached_values(bytes: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    };
    let mut out = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut out);
    for i in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(i) else {
            continue;
        };
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut text = String::new();
        entry.read_to_string(&mut text).ok();
        if name.starts_with("xl/worksheets/") {
            text = text.replace("</f><v>0</v>", "</f>");
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .ok();
        writer.write_all(text.as_bytes()).ok();
    }
    writer.finish().ok();
    out.into_inner()
}

#[test]
fn hostile_workbooks_are_an_error_each() {
    let good =
        std::fs::read(root().join("tests/fixtures/workbooks/城关区-2020.xlsx")).unwrap_or_default();
    let xls =
        std::fs::read(root().join("tests/fixtures/workbooks/城关区-2020.xls")).unwrap_or_default();
    let mut ole_junk = xls[..8].to_vec();
    ole_junk.extend([7u8; 600]);
    // Saved with a password: every zip entry flagged encrypted.
    let mut locked = good.clone();
    for i in 0..locked.len().saturating_sub(10) {
        match &locked[i..i + 4] {
            b"PK\x03\x04" => locked[i + 6] |= 1,
            b"PK\x01\x02" => locked[i + 8] |= 1,
            _ => {}
        }
    }
    // A Word document given a workbook's name.
    let docx = {
        use std::io::Write;
        let mut out = std::io::Cursor::new(Vec::new());
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
    let cases: [(&str, &[u8], &str); 6] = [
        ("locked.xlsx", &locked, "protected by a password"),
        (
            "report.xlsx",
            &docx,
            // Read as what it is, a Word document (a note says the name is wrong), which holds
            // no form.
            "no table of the form found",
        ),
        ("cut.xlsx", &good[..good.len() / 2], "damaged or cut short"),
        ("cut.xls", &xls[..xls.len() / 2], "damaged or cut short"),
        (
            "junk.xlsx",
            b"PK\x03\x04 not really a zip",
            "damaged or cut short",
        ),
        ("junk.xls", &ole_junk, "damaged or cut short"),
    ];
    for (name, bytes, says) in cases {
        let f = read_at(bytes, &format!("2020/{name}"));
        let errs = errors(&f);
        assert_eq!(errs.len(), 1, "{name}: {errs:?}");
        assert!(errs[0].contains(says), "{name}: {errs:?}");
        assert!(f.reports.is_empty());
    }
}

#[test]
fn a_hand_made_grid_with_label_variants_reads_the_same_from_a_workbook() {
    let from_csv = read_at(HAND_GRID.as_bytes(), "2020/安宁区.csv");
    let f = read_at(&xlsx(&[("填报表", HAND_GRID)], &[]), "2020/安宁区.xlsx");
    assert_eq!(errors(&f), Vec::<String>::new());
    assert_eq!(f.reports.len(), 1);
    assert_eq!(values(&f.reports[0]), values(&from_csv.reports[0]));
    assert_eq!(
        (f.values_read, f.values_used, f.values_rejected),
        (198 + 7, 198, 7)
    );
    // The row the form does not have, at its sheet row (the CSV's line 52 is row 51: a label
    // there runs over two lines of the file, in one cell of the sheet).
    let w = warnings(&f);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].starts_with(
            "2020/安宁区.xlsx[填报表]!A51: warning: 安宁区 2020: row not in form 2019"
        ),
        "{w:?}"
    );
}

#[test]
fn mutated_workbooks_read_to_an_outcome_and_never_panic() {
    // The sheet's XML of a real workbook, mutated and zipped again (checksums hold), so the
    // damage reaches calamine and the locator, not only the zip check.
    use std::io::{Read, Write};
    let good = std::fs::read(root().join("tests/fixtures/workbooks/西固区-2021-merged.xlsx"))
        .unwrap_or_default();
    let mut seed = 0x1515_u64;
    let mut next = |below: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % below.max(1)
    };
    let (mut read, mut refused) = (0, 0);
    for _ in 0..60 {
        let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(&good[..])) else {
            panic!("the fixture opens");
        };
        let mut out = std::io::Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut out);
        for i in 0..archive.len() {
            let Ok(mut entry) = archive.by_index(i) else {
                continue;
            };
            let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).ok();
            if name.starts_with("xl/worksheets/") || name == "xl/sharedStrings.xml" {
                for _ in 0..1 + next(4) {
                    let at = next(data.len());
                    data[at] = b"<>/=\"0123456789-.,E"[next(19)];
                }
            }
            writer
                .start_file(name, zip::write::SimpleFileOptions::default())
                .ok();
            writer.write_all(&data).ok();
        }
        writer.finish().ok();
        let f = read_at(&out.into_inner(), "2021/西固区.xlsx");
        assert_eq!(f.values_read, f.values_used + f.values_rejected);
        if f.reports.is_empty() {
            refused += 1;
            assert!(!errors(&f).is_empty());
        } else {
            read += 1;
        }
    }
    assert!(read > 0 && refused > 0, "{read} read, {refused} refused");
}

/// The form as a workbook (`gongkai template --format xlsx`), filled in as a unit types it (money
/// with decimals, some cells left blank), reads back exactly: every value and every blank.
#[test]
fn the_template_workbook_filled_reads_back_exactly() {
    for (form, year) in [
        (gongkai_form::FormVersion::F2019, 2020),
        (gongkai_form::FormVersion::F2021, 2023),
    ] {
        let values = crate::tests::distinct_values(form);
        // Every seventh cell left blank (not on every cell of a table: a whole table blank
        // is a warning of its own).
        let blank: Vec<bool> = (0..values.len()).map(|i| i % 7 == 3).collect();
        let written: Vec<i64> = values
            .iter()
            .zip(&blank)
            .map(|(v, b)| if *b { 0 } else { *v })
            .collect();
        let bytes = gongkai_report::write::workbook::write(
            form,
            Some("城关区"),
            Some(year),
            Some((&written, &blank)),
        )
        .unwrap_or_default();
        let f = read_at(&bytes, &format!("{year}/城关区.xlsx"));
        assert_eq!(errors(&f), Vec::<String>::new(), "{form}");
        assert_eq!(warnings(&f), Vec::<String>::new(), "{form}");
        assert_eq!(f.reports.len(), 1, "{form}");
        let r = &f.reports[0];
        assert_eq!((r.unit.as_str(), r.year), ("城关区", year));
        assert_eq!(r.values, written, "{form}");
        assert_eq!(r.blank, blank, "{form}");
    }
}
