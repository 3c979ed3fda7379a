//! Reader tests on real-shaped files: the template round trip, label and cell variants,
//! encodings, tidy files and the accounting of values.

use std::path::Path;

use gongkai_form::{FormVersion, Level, Section, MONEY_SCALE};

use gongkai_report::{write, FileRead, Layout, UnitReport};

use crate::{read_bytes_at, ReadOptions};

pub(crate) fn read_text(text: &str, path: &str) -> FileRead {
    read_bytes_at(text.as_bytes(), Path::new(path), &ReadOptions::default())
}

pub(crate) fn errors(f: &FileRead) -> Vec<String> {
    f.diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .map(ToString::to_string)
        .collect()
}

/// Errors in reading, without the rule findings of reports left out.
pub(crate) fn input_errors(f: &FileRead) -> Vec<String> {
    f.diagnostics
        .iter()
        .filter(|d| d.level == Level::Error && d.rule == gongkai_report::Check::Input)
        .map(ToString::to_string)
        .collect()
}

pub(crate) fn warnings(f: &FileRead) -> Vec<String> {
    f.diagnostics
        .iter()
        .filter(|d| d.level == Level::Warning)
        .map(ToString::to_string)
        .collect()
}

/// Values that vary per cell so a misplaced cell shows.
pub(crate) fn distinct_values(form: FormVersion) -> Vec<i64> {
    form.catalogue()
        .cells
        .iter()
        .map(|c| match c.kind() {
            gongkai_form::ValueKind::Money => (c.index as i64 + 1) * MONEY_SCALE + 250_000,
            gongkai_form::ValueKind::SignedCount => -(c.index as i64) - 1,
            gongkai_form::ValueKind::Count => c.index as i64 * 7 + 1,
        })
        .collect()
}

/// The form grid with no unit or year lines filled, its cells with [`distinct_values`].
fn filled_grid(form: FormVersion) -> String {
    let values = distinct_values(form);
    let blank = vec![false; values.len()];
    let mut text = String::new();
    write::grid::write(form, None, None, Some((&values, &blank)), &mut text);
    text
}

fn value(r: &UnitReport, section: Section, row: &str, col: &str) -> i64 {
    let cat = r.form.catalogue();
    let cell = cat.find(section, row, col).map(|c| c.index);
    cell.map_or(i64::MIN, |i| r.values[i])
}

/// A template sent back unfilled is every cell found and blank: refused, not a report of zeros.
#[test]
fn blank_template_is_refused_not_read_as_zeros() {
    for (form, year) in [(FormVersion::F2019, 2020), (FormVersion::F2021, 2022)] {
        let mut text = String::new();
        write::grid::write(form, Some("城关区"), Some(year), None, &mut text);
        let f = read_text(&text, "x.csv");
        assert_eq!(
            errors(&f),
            vec![
                format!("x.csv: error: 城关区 {year}: every cell of the report is blank: the form was sent back unfilled; fill it in (write 0 where there is nothing to report)"),
                format!("x.csv: error: 城关区 {year}: report left out: 1 error(s) in its cells"),
            ],
            "{form}"
        );
        assert_eq!(f.layout, Some(Layout::Grid));
        assert!(f.reports.is_empty() && f.is_rejected());
        assert_eq!(f.rejected, vec![format!("城关区 {year}")]);
    }
}

/// A table left blank while the others are filled is read, with a warning naming the table.
#[test]
fn a_table_all_blank_is_a_warning() {
    let form = FormVersion::F2019;
    let values = distinct_values(form);
    let cat = form.catalogue();
    let blank: Vec<bool> = cat
        .cells
        .iter()
        .map(|c| c.section == Section::Appeals)
        .collect();
    let mut text = String::new();
    write::grid::write(
        form,
        Some("城关区"),
        Some(2020),
        Some((&values, &blank)),
        &mut text,
    );
    let f = read_text(&text, "x.csv");
    assert_eq!(errors(&f), Vec::<String>::new());
    assert_eq!(
        warnings(&f),
        vec!["x.csv: warning: 城关区 2020: table 四、政府信息公开行政复议、行政诉讼情况 is blank in every cell: its totals rest on nothing; write 0 where there is nothing to report"]
    );
    assert_eq!(f.reports.len(), 1);
    assert_eq!(
        f.reports[0].blank_count(),
        cat.cells_of(Section::Appeals).count()
    );
}

#[test]
fn filled_template_round_trips_every_cell() {
    for (form, year) in [(FormVersion::F2019, 2019), (FormVersion::F2021, 2023)] {
        let values = distinct_values(form);
        let blank = vec![false; values.len()];
        let mut text = String::new();
        write::grid::write(
            form,
            Some("兰州市财政局"),
            Some(year),
            Some((&values, &blank)),
            &mut text,
        );
        let f = read_text(&text, "whatever.csv");
        assert_eq!(errors(&f), Vec::<String>::new());
        assert_eq!(f.reports[0].values, values, "{form}");
        assert_eq!(f.reports[0].blank_count(), 0);
        assert_eq!(f.values_read, values.len());
        assert_eq!(f.values_used, values.len());
        assert_eq!(f.values_rejected, 0);
    }
}

#[test]
fn unit_and_year_from_path_when_the_file_has_none() {
    let text = filled_grid(FormVersion::F2019);
    let f = read_text(&text, "data/lanzhou/2020/七里河区.csv");
    assert_eq!(errors(&f), Vec::<String>::new());
    assert_eq!(
        (f.reports[0].unit.as_str(), f.reports[0].year),
        ("七里河区", 2020)
    );
    let f = read_text(&text, "七里河区.csv");
    assert!(
        errors(&f).iter().any(|e| e.contains("no year")),
        "{:?}",
        errors(&f)
    );
    assert!(f.is_rejected());
}

#[test]
fn one_cell_metadata() {
    let text = filled_grid(FormVersion::F2019);
    let text = text
        .replace("填报单位,", "填报单位：西固区,")
        .replace("年度,", "年度：2020年,");
    let f = read_text(&text, "a.csv");
    assert_eq!(errors(&f), Vec::<String>::new());
    assert_eq!(
        (f.reports[0].unit.as_str(), f.reports[0].year),
        ("西固区", 2020)
    );
}

#[test]
fn wrong_form_for_the_year_is_an_error() {
    let mut text = String::new();
    write::grid::write(
        FormVersion::F2021,
        Some("城关区"),
        Some(2020),
        None,
        &mut text,
    );
    let f = read_text(&text, "a.csv");
    assert!(
        errors(&f)
            .iter()
            .any(|e| e.contains("laid out in form 2021")),
        "{:?}",
        errors(&f)
    );
    assert!(f.is_rejected());
}

/// A hand-made grid in the Lanzhou layout with the label variants people type.
pub(crate) const HAND_GRID: &str = "\
填报单位：安宁区,,,,,,,,
年度,2020,,,,,,,
二、主动公开政府信息情况,,,,,,,,
第二十条第(一)项,,,,,,,,
信息内容,\"本年新
制作数量\",本年新 公开数量,对外公开总数量,,,,,
规章,36,3,50,,,,,
行政规范性文件,\"1,705\",８６４,3117,,,,,
第二十条第(五)项,,,,,,,,
信息内容,上一年项目数量,本年增／减,处理决定数量,,,,,
行政许可,1634,+1670,1432816,,,,,
其他对外管理服务事项,2708,-271,197708,,,,,
第二十条第（六）项,,,,,,,,
信息内容,上一年项目数量,本年增/减,处理决定数量,,,,,
行政处罚,6614,2666,2543676,,,,,
行政强制,266,150,284127,,,,,
第二十条第（八）项,,,,,,,,
信息内容,上一年项目数量,本年增/减,,,,,,
行政事业性收费,88,－18,,,,,,
第二十条第（九）项,,,,,,,,
信息内容,采购项目数量,采购总金额,,,,,,
政府集中采购,6447,27.88亿,,,,,,
三、收到和处理政府信息公开申请情况,,,,,,,,
,,申请人情况,,,,,,
,,自然人,法人或其他组织,,,,,总计
,,,商业企业,科研机构,社会公益组织,法律服务机构,其他,
一、本年新收政府信息公开申请数量,,284,50,1,2,6,0,343
二、上年结转政府信息公开申请数量,,14,0,0,0,0,0,14
三、本年度办理结果,(一)予以公开,252,40,1,2,2,0,297
,（二）部分公开（区分处理的，只计这一情形，不计其他情形）,8,0,0,0,0,0,8
,(三)不予公开 1.属于国家秘密,0,0,0,0,0,0,0
,2.其他法律行政法规禁止公开,4,0,0,0,0,0,4
,3.危及\"三安全一稳定\",0,0,0,0,0,0,0
,保护第三方合法权益,1,0,0,0,0,0,1
,5.属于三类内部事务信息,2,1,0,0,0,0,3
,6.属于四类过程性信息,1,1,0,0,0,0,2
,7.属于行政执法案卷,2,1,0,0,0,0,3
,8.属于行政查询事项,1,1,0,0,0,0,2
,（四）无法提供,,,,,,,
,1.本机关不掌握相关政府信息,16,6,0,0,4,0,26
,2.没有现成信息需要另行制作,,,,,,,
,3.补正后申请内容仍不明确,0,0,0,0,0,0,0
,（五）不予处理,,,,,,,
,1.信访举报投诉类申请,2,0,0,0,0,0,2
,2.重复申请,6,0,0,0,0,0,6
,3.要求提供公开出版物,0,0,0,0,0,0,0
,4.无正当理由大量反复申请,3,0,0,0,0,0,3
,5.要求行政机关确认或重新出具已获取信息,0,0,0,0,0,0,0
,（六）其他处理,0,0,0,0,0,0,0
,（七）总计,298,50,1,2,6,0,357
四、结转下年度继续办理,,0,0,0,0,0,0,0
（八）其他情况说明,,1,0,0,0,0,0,1
四、政府信息公开行政复议、行政诉讼情况,,,,,,,,
行政复议,,,,,行政诉讼
,,,,,未经复议直接起诉,,,,,复议后起诉
结果维持,结果纠正,其他结果,尚未审结,总计,结果维持,结果纠正,其他结果,尚未审结,总计,结果维持,结果纠正,其他结果,尚未审结,总计
18,6,30,14,68,1,2,25,13,41,1,0,7,6,14
";

#[test]
fn hand_made_grid_with_label_and_cell_variants() {
    let f = read_text(HAND_GRID, "a.csv");
    assert_eq!(errors(&f), Vec::<String>::new());
    let w = warnings(&f);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("a.csv:52:1: warning: 安宁区 2020: row not in form 2019"),
        "{}",
        w[0]
    );
    assert!(w[0].contains("（八）其他情况说明"), "{}", w[0]);
    let r = &f.reports[0];
    use Section::*;
    assert_eq!(value(r, Active, "normative_documents", "new_made"), 1705);
    assert_eq!(
        value(r, Active, "normative_documents", "new_published"),
        864
    );
    assert_eq!(value(r, Active, "licensing", "change"), 1670);
    assert_eq!(value(r, Active, "other_services", "change"), -271);
    assert_eq!(value(r, Active, "fees", "change"), -18);
    assert_eq!(
        value(r, Active, "procurement", "amount"),
        278_800 * MONEY_SCALE
    );
    assert_eq!(value(r, Requests, "new_received", "total"), 343);
    assert_eq!(value(r, Requests, "withheld.state_secret", "total"), 0);
    assert_eq!(
        value(r, Requests, "withheld.prohibited_by_law", "natural_person"),
        4
    );
    assert_eq!(
        value(r, Requests, "withheld.third_party_rights", "total"),
        1
    );
    assert_eq!(
        value(r, Requests, "unable.not_held", "legal_service_org"),
        4
    );
    assert_eq!(value(r, Requests, "total", "total"), 357);
    assert_eq!(value(r, Appeals, "reconsideration", "total"), 68);
    assert_eq!(
        value(r, Appeals, "litigation_after_reconsideration", "other"),
        7
    );
    // The blank row is blank, not missing; the extra row's value is read and rejected.
    let cat = r.form.catalogue();
    let needs = cat
        .find(Requests, "unable.needs_creation", "total")
        .map_or(0, |c| c.index);
    assert!(r.blank[needs] && r.present(needs));
    assert_eq!(r.blank_count(), 7);
    assert_eq!(f.values_read, 198 + 7);
    assert_eq!(f.values_rejected, 7);
    assert_eq!(f.values_used, 198);
    assert!(gongkai_form::rules::check_values(r.form, &r.values).is_empty());
}

#[test]
fn bad_cells_name_file_line_column_text_and_expectation() {
    let text = HAND_GRID
        .replace("规章,36,3,50", "规章,36,三件,50")
        .replace(",2.重复申请,6,", ",2.重复申请,6.5,");
    let f = read_text(&text, "data/2020/安宁区.csv");
    let e = errors(&f);
    assert!(e.iter().any(|e| e == "data/2020/安宁区.csv:7:3: error: 安宁区 2020: not a number in active.regulations.new_published (规章 / 本年新公开数量): found \"三件\", expected a whole number ≥ 0"), "{e:?}");
    assert!(e.iter().any(|e| e.starts_with("data/2020/安宁区.csv:45:3: error: 安宁区 2020: not a whole number in requests.not_processed.duplicate.natural_person")), "{e:?}");
    assert!(f.is_rejected());
    assert_eq!(f.rejected, vec!["安宁区 2020".to_string()]);
    assert_eq!(f.values_read, f.values_used + f.values_rejected);
    assert_eq!(f.values_used, 0);
}

#[test]
fn gb18030_and_bom_files_read_the_same() {
    let utf8 = read_text(HAND_GRID, "a.csv");
    let (gbk, _, _) = encoding_rs::GB18030.encode(HAND_GRID);
    let g = read_bytes_at(&gbk, Path::new("a.csv"), &ReadOptions::default());
    assert_eq!(g.encoding, Some("gb18030"));
    assert_eq!(g.reports[0].values, utf8.reports[0].values);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(HAND_GRID.as_bytes());
    let b = read_bytes_at(&bom, Path::new("a.csv"), &ReadOptions::default());
    assert_eq!(b.reports[0].values, utf8.reports[0].values);
    let forced = ReadOptions {
        encoding: crate::EncodingChoice::parse("gbk").unwrap_or_default(),
        ..Default::default()
    };
    let g2 = read_bytes_at(&gbk, Path::new("a.csv"), &forced);
    assert_eq!(g2.reports[0].values, utf8.reports[0].values);
}

#[test]
fn tidy_file_with_two_units_and_two_years() {
    let mut text = String::new();
    let values = distinct_values(FormVersion::F2019);
    let values21 = distinct_values(FormVersion::F2021);
    text.push_str("\u{feff}year,unit,section,row,column,value\n");
    let mut body = String::new();
    write::tidy::write_rows("城关区", 2020, FormVersion::F2019, &values, &mut body);
    write::tidy::write_rows("城关区", 2021, FormVersion::F2021, &values21, &mut body);
    write::tidy::write_rows("西固区", 2020, FormVersion::F2019, &values, &mut body);
    text.push_str(&body);
    let f = read_text(&text, "t.csv");
    assert_eq!(errors(&f), Vec::<String>::new());
    assert_eq!(f.layout, Some(Layout::Tidy));
    assert_eq!(f.reports.len(), 3);
    assert_eq!(f.reports[1].values, values21);
    assert_eq!(f.reports[1].form, FormVersion::F2021);
    assert_eq!(f.values_used, 198 * 2 + 200);
}

#[test]
fn tidy_errors_point_at_the_line() {
    let text = "year,unit,section,row,column,value\n\
        2020,城关区,requests,granted,natural_person,41\n\
        2020,城关区,requests,granted,natural_person,42\n\
        2020,城关区,requests,grant,total,1\n\
        2020,城关区,requests,granted,total,abc\n\
        20x0,西固区,requests,granted,total,1\n\
        2020,安宁区,active,procurement,amount,27.88亿\n";
    let f = read_text(text, "t.csv");
    let e = errors(&f);
    assert!(e.iter().any(|e| e.starts_with("t.csv:3:6: error: 城关区 2020: duplicate value for requests.granted.natural_person, first given on line 2 as \"41\"")), "{e:?}");
    assert!(
        e.iter().any(|e| e.starts_with(
            "t.csv:4:4: error: 城关区 2020: unknown row for section requests in form 2019"
        )),
        "{e:?}"
    );
    assert!(
        e.iter().any(|e| e.contains(
            "t.csv:5:6: error: 城关区 2020: not a number in requests.granted.total: found \"abc\""
        )),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|e| e.contains("t.csv:6:1: error: bad year: found \"20x0\"")),
        "{e:?}"
    );
    assert_eq!(f.reports.len(), 1);
    assert_eq!(f.reports[0].unit, "安宁区");
    assert_eq!(f.rejected, vec!["城关区 2020".to_string()]);
    assert_eq!(f.values_read, 6);
    assert_eq!(f.values_read, f.values_used + f.values_rejected);
}

/// A folder's files come in `Path` order (what the batch's order and its output rest on), though
/// they are walked in directory order and sorted by bytes: names that differ at a `/`, a `-`, a
/// `.` or a non-ASCII character, at several depths.
#[test]
fn folder_files_come_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "a/b.csv",
        "a-b.csv",
        "a.b.csv",
        "a/b/c.csv",
        "a b.csv",
        "ab.csv",
        "a0.csv",
        "B.csv",
        "城关区.csv",
        "城关区/2020.csv",
        "z/a.csv",
        "a!/x.csv",
        "a./x.csv",
        "a/a.CSV",
    ];
    for n in names {
        let p = dir.path().join(n);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, "x").unwrap();
    }
    let (files, problems) = crate::collect_files(&[dir.path().to_path_buf()]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(files.len(), names.len());
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
}

/// A streamed read hands every file over once, in path order, `chunk` files at a time (the last
/// chunk what is left), whatever the chunk size.
#[test]
fn chunks_come_in_path_order_and_size() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "b.csv",
        "a/c.csv",
        "a.csv",
        "城关区.csv",
        "a-b.csv",
        "z/y/x.csv",
        "0.csv",
    ] {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, "x").unwrap();
    }
    let input = [dir.path().to_path_buf()];
    let (want, _) = crate::collect_files(&input);
    for chunk in [0, 1, 2, 3, 6, 7, 100, usize::MAX] {
        let (mut got, mut sizes) = (Vec::new(), Vec::new());
        crate::read_chunks(
            &input,
            &ReadOptions::default(),
            &crate::Quiet,
            chunk,
            &mut |reads| {
                sizes.push(reads.len());
                got.extend(reads.into_iter().map(|r| r.file.to_path_buf()));
            },
        );
        assert_eq!(got, want, "chunk {chunk}");
        let want_sizes: Vec<usize> = want.chunks(chunk.max(1)).map(<[_]>::len).collect();
        assert_eq!(sizes, want_sizes, "chunk {chunk}");
    }
}

/// A file with one good report and one bad one is not "left out" as a whole, even once a batch
/// has moved its reports elsewhere (`accepted` remembers them).
#[test]
fn a_file_with_a_good_report_is_not_rejected_once_its_reports_move() {
    let mut text = write::tidy::HEADER.join(",");
    text.push('\n');
    let values = distinct_values(FormVersion::F2019);
    write::tidy::write_rows("城关区", 2020, FormVersion::F2019, &values, &mut text);
    let mut bad = String::new();
    write::tidy::write_rows("七里河区", 2020, FormVersion::F2019, &values, &mut bad);
    text.push_str(&bad.replacen(
        ",active,regulations,new_made,",
        ",active,regulations,nonsense,",
        1,
    ));
    let mut read = read_text(&text, "data/2020/x.csv");
    assert_eq!(
        (read.accepted, read.rejected.len()),
        (1, 1),
        "{:?}",
        errors(&read)
    );
    let moved = std::mem::take(&mut read.reports);
    assert_eq!(moved.len(), 1);
    assert!(!read.is_rejected());
}
/// A published page's blanks read back from its tidy export as blanks, not zeros.
#[test]
fn blank_cells_survive_the_tidy_round_trip() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/reports/county-2022.html");
    let imp = gongkai_pages::import_file(&path);
    let mut csv = String::new();
    gongkai_report::write::tidy::write_as_read(imp.report.iter(), &mut csv);
    assert!(csv.contains("2022,示例县,active,coercion,decisions,\n"));
    let back = crate::read_bytes_at(
        csv.as_bytes(),
        std::path::Path::new("tidy.csv"),
        &Default::default(),
    );
    assert_eq!(back.reports.len(), 1, "{:?}", back.diagnostics);
    let (a, b) = (&back.reports[0], imp.report.as_ref());
    assert_eq!(Some(&a.values), b.map(|r| &r.values));
    assert_eq!(Some(&a.blank), b.map(|r| &r.blank));
    assert_eq!(a.blank_count(), 9);
}
