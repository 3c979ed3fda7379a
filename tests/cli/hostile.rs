//! Hostile input end to end: one bad file beside a good unit. Every case checks the exit code,
//! the message (file, line and column where there is one, the offending text, what was
//! expected), that a total the bad file leaves incomplete is refused, that with `--force` the
//! good unit is still summed, and the summary's accounting of values.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{fixture, gongkai, tempdir, write};

/// The published Lanzhou totals as one unit's tidy file.
fn unit_tidy(unit: &str) -> String {
    fixture("lanzhou-2020-published.csv").replace(",兰州市,", &format!(",{unit},"))
}

/// What `consolidate --format csv` prints for the good unit alone (or `n` copies of it).
fn totals_times(n: i64) -> String {
    unit_tidy("合计")
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                return format!("{l}\n");
            }
            let (head, value) = l.rsplit_once(',').unwrap_or((l, "0"));
            let v: i64 = value.parse().unwrap_or_else(|e| panic!("{l}: {e}"));
            format!("{head},{}\n", v * n)
        })
        .collect()
}

/// A temp folder with the good unit, 城关区, in `2020/`; returns it and the `2020/` folder.
fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    let year = dir.path().join("2020");
    write(&year.join("城关区.csv"), unit_tidy("城关区").as_bytes());
    (dir, year)
}

#[derive(Debug)]
struct Run {
    code: i32,
    out: String,
    err: String,
    /// Whether the same folder without `--force` was refused: exit 1, nothing written.
    refused: bool,
}

/// The numbers of the summary line.
#[derive(Debug, PartialEq, Eq)]
struct Summary {
    /// Files read, used, rejected.
    files: (usize, usize, usize),
    /// Values read, used, rejected.
    values: (usize, usize, usize),
}

impl Run {
    fn summary(&self) -> Summary {
        let line = self
            .err
            .lines()
            .find(|l| l.starts_with("summary: "))
            .unwrap_or_else(|| panic!("no summary line:\n{}", self.err));
        let (files, values) = line
            .split_once("values: ")
            .unwrap_or_else(|| panic!("no values in {line}"));
        let n = |part: &str, marker: &str| -> usize {
            let at = part
                .find(marker)
                .unwrap_or_else(|| panic!("{marker:?} not in {line}"));
            let digits: String = part[..at]
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            digits
                .parse()
                .unwrap_or_else(|e| panic!("{marker:?} in {line}: {e}"))
        };
        let s = Summary {
            files: (
                n(files, " file(s) read"),
                n(files, " used,"),
                n(files, " rejected,"),
            ),
            values: (
                n(values, " read ="),
                n(values, " used +"),
                n(values, " rejected;"),
            ),
        };
        assert_eq!(
            s.values.0,
            s.values.1 + s.values.2,
            "values read = used + rejected: {line}"
        );
        s
    }

    fn has(&self, text: &str) {
        assert!(
            self.err.contains(text),
            "stderr lacks\n  {text}\nstderr:\n{}",
            self.err
        );
    }
}

fn consolidate(folder: &Path, extra: &[&str]) -> Run {
    let out = gongkai()
        .args(["consolidate", "--format", "csv"])
        .args(extra)
        .arg(folder)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    let code = out.status.code().unwrap_or(-1);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    Run {
        code,
        refused: code == 1 && out.stdout.is_empty() && err.contains("refused: "),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err,
    }
}

/// The folder consolidated without `--force` (is it refused?), then with it: what was summed.
fn forced(folder: &Path) -> Run {
    let plain = consolidate(folder, &[]);
    let forced = consolidate(folder, &["--force"]);
    Run {
        refused: plain.refused,
        ..forced
    }
}

/// Asserts the total was refused for the bad file, and forced, the good unit summed alone, the
/// note on what it rests on on standard error.
fn only_the_good_unit(run: &Run, code: i32) {
    assert!(run.refused, "not refused without --force");
    assert_eq!(run.code, code, "{}", run.err);
    assert_eq!(run.out, totals_times(1), "{}", run.err);
    run.has("Note: this total was summed with --force and is not whole.");
    run.has("  - left out: ");
}

/// The summary when the bad file gave no values at all: two files read, one used, one rejected.
fn one_file_left_out_whole(run: &Run) {
    assert_eq!(
        run.summary(),
        Summary {
            files: (2, 1, 1),
            values: (198, 198, 0)
        }
    );
}

fn show(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn empty_file() {
    let (_dir, year) = folder();
    let bad = year.join("空.csv");
    write(&bad, b"");
    let run = forced(&year);
    only_the_good_unit(&run, 2);
    run.has(&format!(
        "{}: error: empty file: no lines to read",
        show(&bad)
    ));
    one_file_left_out_whole(&run);
}

#[test]
fn header_only() {
    let (_dir, year) = folder();
    let bad = year.join("表头.csv");
    write(&bad, b"year,unit,section,row,column,value\r\n");
    let run = forced(&year);
    only_the_good_unit(&run, 2);
    run.has(&format!(
        "{}:1: error: header only: the file has no values",
        show(&bad)
    ));
    one_file_left_out_whole(&run);
}

#[test]
fn binary_junk() {
    let (_dir, year) = folder();
    let bad = year.join("西固区.csv");
    // The start of an .xlsx (a zip): local file header, then the name of its first part.
    let mut xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec();
    xlsx.extend_from_slice(b"[Content_Types].xml\xEC\x97\xCB\x6E\xDB\x30");
    write(&bad, &xlsx);
    let run = forced(&year);
    only_the_good_unit(&run, 2);
    // Told by its bytes, not its name: a zip, named .csv.
    run.has(&format!(
        "{}: error: a zip archive holding no workbook or Word document (cut short, or files \
         zipped together)",
        show(&bad)
    ));
    run.has(&format!("left out: {}: a zip archive", show(&bad)));
    one_file_left_out_whole(&run);
}

#[test]
fn tidy_file_cut_inside_a_code() {
    let (_dir, year) = folder();
    let bad = year.join("西固区.csv");
    let text = unit_tidy("西固区");
    let at = text.rfind("litigation_after_reco").unwrap_or(0) + "litigation_after_reco".len();
    write(&bad, &text.as_bytes()[..at]);
    let run = forced(&year);
    only_the_good_unit(&run, 2);
    run.has(&format!(
        "{}:199:4: error: 西固区 2020: the file ends inside this line (4 of the header's 6 \
         fields): cut short?: found \"2020,西固区,appeals,litigation_after_reco\", expected \
         year,unit,section,row,column,value",
        show(&bad)
    ));
    run.has(&format!(
        "left out: {}: the file ends inside this line",
        show(&bad)
    ));
    // 197 whole lines and the cut one, all left out with the report.
    assert_eq!(
        run.summary(),
        Summary {
            files: (2, 1, 1),
            values: (396, 198, 198)
        }
    );
}

/// The template of form 2019 for 七里河区 2020, as `gongkai template` writes it.
fn template() -> String {
    super::blank_grid("2019", "七里河区", 2020)
}

/// The template with values in a few cells: 规章 1/2/3, and reconsideration 1 upheld.
fn filled_grid() -> String {
    let text = template();
    assert!(text.contains("\n规章,,,,"), "{text}");
    let appeals_values = ",".repeat(14);
    assert!(text.ends_with(&format!("\n{appeals_values}\n")));
    let mut filled = text.replacen("\n规章,,,,", "\n规章,1,2,3,", 1);
    filled.truncate(filled.len() - appeals_values.len() - 1);
    filled.push_str("1,0,0,0,1,0,0,0,0,0,0,0,0,0,0\n");
    filled
}

#[test]
fn grid_file_cut_mid_table() {
    let (_dir, year) = folder();
    let bad = year.join("七里河区.csv");
    let text = template();
    let keep: Vec<&str> = text.lines().take(44).collect();
    let cut = format!("{}\n,,2.重复申请,3", keep.join("\n"));
    write(&bad, cut.as_bytes());
    let run = forced(&year);
    only_the_good_unit(&run, 2);
    run.has(&format!(
        "{}: error: 七里河区 2020: table 四、政府信息公开行政复议、行政诉讼情况 not found in the \
         file (the file ends at line 45, in table 三、收到和处理政府信息公开申请情况: cut short?)",
        show(&bad)
    ));
    run.has(&format!(
        "{}: warning: 七里河区 2020: 42 cell(s) of requests not found, counted as blank",
        show(&bad)
    ));
    run.has(&format!("left out: {}: table 四", show(&bad)));
    // Read: 22 cells of 二 and 17 rows of 三 (the cut one included), all left out.
    assert_eq!(
        run.summary(),
        Summary {
            files: (2, 1, 1),
            values: (198 + 22 + 17 * 7, 198, 22 + 17 * 7)
        }
    );
}

#[test]
fn semicolon_separated_tidy_file_is_read_with_a_warning() {
    let (_dir, year) = folder();
    let file = year.join("西固区.csv");
    write(&file, unit_tidy("西固区").replace(',', ";").as_bytes());
    let run = forced(&year);
    assert_eq!(run.code, 0, "{}", run.err);
    run.has(&format!(
        "{}:1: warning: fields are separated by semicolons, not commas; read as such",
        show(&file)
    ));
    assert_eq!(run.out, totals_times(2));
    assert_eq!(
        run.summary(),
        Summary {
            files: (2, 2, 0),
            values: (396, 396, 0)
        }
    );
}

#[test]
fn tab_separated_grid_is_read_with_a_warning() {
    let (_dir, year) = folder();
    let file = year.join("七里河区.csv");
    // Tabs for commas; the title line alone, without separators, as a hand-made sheet has it.
    let tsv: Vec<String> = filled_grid()
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let l = l.replace(',', "\t");
            if i == 0 {
                l.trim_end_matches('\t').to_string()
            } else {
                l
            }
        })
        .collect();
    write(&file, (tsv.join("\n") + "\n").as_bytes());
    let run = forced(&year);
    assert_eq!(run.code, 0, "{}", run.err);
    run.has(&format!(
        "{}:1: warning: fields are separated by tabs, not commas; read as such",
        show(&file)
    ));
    for line in [
        "2020,合计,active,regulations,new_made,37\n",
        "2020,合计,active,regulations,new_published,5\n",
        "2020,合计,active,regulations,total_published,53\n",
        "2020,合计,appeals,reconsideration,upheld,19\n",
        "2020,合计,appeals,reconsideration,total,69\n",
        "2020,合计,requests,total,total,357\n",
    ] {
        assert!(run.out.contains(line), "{line}{}", run.out);
    }
    assert_eq!(
        run.summary(),
        Summary {
            files: (2, 2, 0),
            values: (396, 396, 0)
        }
    );
}

#[test]
fn unbalanced_quote() {
    let (_dir, year) = folder();
    let bad = year.join("西固区.csv");
    let text: Vec<String> = unit_tidy("西固区")
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == 30 {
                l.replace(",343", ",\"343")
            } else {
                l.to_string()
            }
        })
        .collect();
    write(&bad, (text.join("\n") + "\n").as_bytes());
    let run = forced(&year);
    only_the_good_unit(&run, 2);
    run.has(&format!(
        "{}:30: error: a quote (\") opens a field that never closes; the rest of the file \
         would be one cell",
        show(&bad)
    ));
    // Nothing of the file can be read, so it has no values to count: it is a rejected file.
    one_file_left_out_whole(&run);
}

#[test]
fn utf8_bom_and_gb18030_files_in_one_folder() {
    let (_dir, year) = folder();
    // UTF-8 with BOM (as `template --out` writes it) and GB18030: a tidy file and a grid.
    let bom_grid = format!("\u{feff}{}", filled_grid());
    write(&year.join("七里河区.csv"), bom_grid.as_bytes());
    let tidy = unit_tidy("西固区");
    let (gbk_tidy, _, _) = encoding_rs::GB18030.encode(&tidy);
    write(&year.join("西固区.csv"), &gbk_tidy);
    let grid = filled_grid().replace("七里河区", "安宁区");
    let (gbk_grid, _, _) = encoding_rs::GB18030.encode(&grid);
    write(&year.join("安宁区.csv"), &gbk_grid);
    let run = forced(&year);
    assert_eq!(run.code, 0, "{}", run.err);
    for line in [
        "2020,合计,active,regulations,new_made,74\n",
        "2020,合计,appeals,reconsideration,upheld,38\n",
        "2020,合计,requests,total,total,714\n",
        "2020,合计,active,procurement,amount,557600\n",
    ] {
        assert!(run.out.contains(line), "{line}{}", run.out);
    }
    run.has("4 unit report(s) of 4 unit(s) for 2020");
    assert_eq!(
        run.summary(),
        Summary {
            files: (4, 4, 0),
            values: (4 * 198, 4 * 198, 0)
        }
    );
}

#[test]
fn gbk_file_with_invalid_bytes() {
    let (_dir, year) = folder();
    let bad = year.join("西固区.csv");
    let tidy = unit_tidy("西固区");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&tidy);
    let mut bytes = gbk.into_owned();
    // An invalid byte pair in the unit name of line 30: lead byte 0x81, then a space.
    let at = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(28)
        .map_or(0, |(i, _)| i + 1)
        + 5;
    bytes.splice(at..at, [0x81, 0x20]);
    write(&bad, &bytes);
    let run = forced(&year);
    only_the_good_unit(&run, 2);
    run.has(&format!(
        "{}:30: error: bytes 81 at offset {at} are not valid gb18030 (expected UTF-8 or \
         GB18030/GBK text; try --encoding)",
        show(&bad)
    ));
    one_file_left_out_whole(&run);
}

#[test]
fn duplicate_lines_for_one_cell_in_a_tidy_file() {
    let (_dir, year) = folder();
    let bad = year.join("西固区.csv");
    let text = unit_tidy("西固区") + "2020,西固区,requests,granted,natural_person,253\n";
    write(&bad, text.as_bytes());
    let run = forced(&year);
    only_the_good_unit(&run, 2);
    run.has(&format!(
        "{}:200:6: error: 西固区 2020: duplicate value for requests.granted.natural_person, \
         first given on line 38 as \"252\": found \"253\", expected one line per cell",
        show(&bad)
    ));
    assert_eq!(
        run.summary(),
        Summary {
            files: (2, 1, 1),
            values: (198 + 199, 198, 199)
        }
    );
}

#[test]
fn duplicate_rows_in_a_grid() {
    let (_dir, year) = folder();
    let bad = year.join("七里河区.csv");
    let grid = filled_grid();
    let text = grid.replacen("\n规章,1,2,3,", "\n规章,1,2,3,\n规章,4,5,6,", 1);
    assert_ne!(text, grid);
    write(&bad, text.as_bytes());
    let run = forced(&year);
    only_the_good_unit(&run, 2);
    for (col, found) in [(2, "4"), (3, "5"), (4, "6")] {
        run.has(&format!(
            "{}:9:{col}: error: 七里河区 2020: row regulations given twice (first on line 8); \
             this line is not summed: found \"{found}\", expected each row once",
            show(&bad)
        ));
    }
    assert_eq!(
        run.summary(),
        Summary {
            files: (2, 1, 1),
            values: (198 + 198 + 3, 198, 198 + 3)
        }
    );
}

#[test]
fn table_four_given_twice_in_a_grid() {
    let (_dir, year) = folder();
    let bad = year.join("七里河区.csv");
    let text = filled_grid() + "2,0,0,0,2,0,0,0,0,0,0,0,0,0,0\n";
    write(&bad, text.as_bytes());
    let run = forced(&year);
    only_the_good_unit(&run, 2);
    run.has(&format!(
        "{}:58:1: error: 七里河区 2020: table 四 given twice: a second line of numbers (the first \
         is line 57); this line is not summed: found \"2,0,0,0,2,0,0,0,0,0,0,0,0,0,0\", expected \
         one line of 15 numbers in table 四",
        show(&bad)
    ));
    assert_eq!(
        run.summary(),
        Summary {
            files: (2, 1, 1),
            values: (198 + 198 + 15, 198, 198 + 15)
        }
    );
}

#[test]
fn text_in_a_number_cell() {
    let (_dir, year) = folder();
    let bad = year.join("西固区.csv");
    let text = unit_tidy("西固区").replacen(
        "requests,granted,natural_person,252",
        "requests,granted,natural_person,二百五十二",
        1,
    );
    write(&bad, text.as_bytes());
    let run = forced(&year);
    only_the_good_unit(&run, 2);
    run.has(&format!(
        "{}:38:6: error: 西固区 2020: not a number in requests.granted.natural_person: found \
         \"二百五十二\", expected a whole number ≥ 0",
        show(&bad)
    ));
    run.has(&format!("left out: {}: not a number", show(&bad)));
    assert_eq!(
        run.summary(),
        Summary {
            files: (2, 1, 1),
            values: (396, 198, 198)
        }
    );
}

#[test]
fn negative_count_is_read_then_fails_rule_r5() {
    let (_dir, year) = folder();
    let bad = year.join("西固区.csv");
    let text = unit_tidy("西固区").replacen(
        "active,regulations,new_made,36",
        "active,regulations,new_made,-36",
        1,
    );
    write(&bad, text.as_bytes());
    let run = consolidate(&year, &[]);
    assert_eq!(run.code, 1, "{}", run.err);
    assert_eq!(
        run.out, "",
        "a unit failing a rule is not summed without --force"
    );
    run.has(&format!(
        "{}:2: 西固区 2020 error: the proactive disclosure table (二), row “regulations”, column \
         “made this year” has -36: it must be 0 or more. Check this cell. [R5]",
        show(&bad)
    ));
    run.has("refused: 1 unit report(s) fail rules (西固区 2020)");
    // Read and used: the value is valid text; the rule check is what stops it.
    let expected = Summary {
        files: (2, 2, 0),
        values: (396, 396, 0),
    };
    assert_eq!(run.summary(), expected);
    let forced = consolidate(&year, &["--force"]);
    assert_eq!(forced.code, 1, "{}", forced.err);
    assert!(forced
        .out
        .contains("2020,合计,active,regulations,new_made,0\n"));
    assert!(forced.out.contains("2020,合计,requests,total,total,714\n"));
    assert_eq!(forced.summary(), expected);
}

#[test]
fn numbers_past_64_bits() {
    let (_dir, year) = folder();
    let bad = year.join("西固区.csv");
    let text = unit_tidy("西固区")
        .replacen(
            "requests,granted,natural_person,252",
            "requests,granted,natural_person,99999999999999999999",
            1,
        )
        .replacen(
            "active,procurement,amount,278800",
            "active,procurement,amount,9223372036854775807亿",
            1,
        );
    write(&bad, text.as_bytes());
    let run = forced(&year);
    only_the_good_unit(&run, 2);
    run.has(&format!(
        "{}:38:6: error: 西固区 2020: too large: past the 64-bit integer range in \
         requests.granted.natural_person: found \"99999999999999999999\", expected a whole \
         number ≥ 0",
        show(&bad)
    ));
    run.has(&format!(
        "{}:23:6: error: 西固区 2020: too large: past the 64-bit integer range in \
         active.procurement.amount: found \"9223372036854775807亿\"",
        show(&bad)
    ));
    assert_eq!(
        run.summary(),
        Summary {
            files: (2, 1, 1),
            values: (396, 198, 198)
        }
    );
}

/// 50 MB of tidy lines for thousands of units: read completely, and in reasonable time.
#[test]
fn fifty_megabyte_tidy_file() {
    let (_dir, year) = folder();
    let file = year.join("全市.csv");
    let body: String = unit_tidy("X")
        .lines()
        .skip(1)
        .map(|l| format!("{l}\n"))
        .collect();
    let mut text = String::from("year,unit,section,row,column,value\n");
    let mut units = 0;
    while text.len() < 50 * 1024 * 1024 {
        units += 1;
        text.push_str(&body.replace(",X,", &format!(",单位{units:05},")));
    }
    write(&file, text.as_bytes());
    let started = Instant::now();
    let run = forced(&year);
    let elapsed = started.elapsed();
    eprintln!(
        "50 MB file: {} bytes, {units} units, consolidated in {elapsed:.2?}",
        text.len()
    );
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(run.out, totals_times(units + 1));
    let n = 198 * (units as usize + 1);
    assert_eq!(
        run.summary(),
        Summary {
            files: (2, 2, 0),
            values: (n, n, 0)
        }
    );
    run.has(&format!(
        "{} unit report(s) of {} unit(s) for 2020",
        units + 1,
        units + 1
    ));
    // About 5 s in a debug build on two cores; far more means the reader went quadratic.
    assert!(elapsed.as_secs() < 60, "{elapsed:?}");
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_and_the_batch_goes_on() {
    let (_dir, year) = folder();
    let link = year.join("循环");
    std::os::unix::fs::symlink(".", &link).unwrap_or_else(|e| panic!("symlink: {e}"));
    let run = forced(&year);
    // Nothing is left out (the loop leads to a folder being read), so it is a warning, and the
    // total is whole.
    assert!(!run.refused, "{}", run.err);
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(run.out, totals_times(1), "{}", run.err);
    run.has(&format!(
        "{}: warning: symbolic link loop: it leads back to {}, which is read already; not followed",
        show(&link),
        show(&year)
    ));
    assert_eq!(
        run.summary(),
        Summary {
            files: (1, 1, 0),
            values: (198, 198, 0)
        }
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, year) = folder();
    let locked = year.join("西固区.csv");
    write(&locked, unit_tidy("西固区").as_bytes());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000))
        .unwrap_or_else(|e| panic!("chmod: {e}"));
    // Root (as in CI containers) reads a mode-000 file anyway.
    let privileged = std::fs::read(&locked).is_ok();
    let run = forced(&year);
    if privileged {
        assert_eq!(run.code, 0, "{}", run.err);
        assert_eq!(run.out, totals_times(2));
        assert_eq!(
            run.summary(),
            Summary {
                files: (2, 2, 0),
                values: (396, 396, 0)
            }
        );
    } else {
        only_the_good_unit(&run, 2);
        run.has(&format!(
            "{}: error: cannot read the file: Permission denied (os error 13)",
            show(&locked)
        ));
        assert_eq!(
            run.summary(),
            Summary {
                files: (2, 1, 1),
                values: (198, 198, 0)
            }
        );
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644))
        .unwrap_or_else(|e| panic!("chmod: {e}"));
}

/// Unreadable even for root: a link to a file that is not there.
#[cfg(unix)]
#[test]
fn dangling_symlink_and_a_folder_named_like_a_file() {
    let (_dir, year) = folder();
    let link = year.join("西固区.csv");
    std::os::unix::fs::symlink("missing.csv", &link).unwrap_or_else(|e| panic!("symlink: {e}"));
    // A folder named x.csv is a folder: its files are read.
    write(
        &year.join("安宁区.csv").join("安宁区.csv"),
        unit_tidy("安宁区").as_bytes(),
    );
    let run = forced(&year);
    assert_eq!(run.code, 2, "{}", run.err);
    assert_eq!(run.out, totals_times(2));
    run.has(&format!(
        "{}: error: cannot read: broken symbolic link: it points to missing.csv, which does not exist",
        show(&link)
    ));
    assert_eq!(
        run.summary(),
        Summary {
            files: (2, 2, 0),
            values: (396, 396, 0)
        }
    );
    // Named on the command line, the same.
    let run = forced(&link);
    assert_eq!(run.code, 2, "{}", run.err);
    run.has(&format!(
        "{}: error: broken symbolic link: it points to missing.csv, which does not exist",
        show(&link)
    ));
}

#[test]
fn sums_past_64_bits_are_an_error_not_a_wrap() {
    let (_dir, year) = folder();
    for unit in ["甲", "乙"] {
        let text = unit_tidy(unit).replacen(
            "active,regulations,total_published,50",
            "active,regulations,total_published,9223372036854775807",
            1,
        );
        write(&year.join(format!("{unit}.csv")), text.as_bytes());
    }
    let run = forced(&year);
    assert_eq!(run.code, 2, "{}", run.err);
    assert_eq!(run.out, "");
    run.has("active.regulations.total_published would be");
    run.has("which does not fit in a 64-bit integer");
}
