//! `gongkai feedback`: a letter to each unit with something to fix, in the user's language, and
//! an index of who is complete, who must fix what and who sent nothing.

use std::path::Path;

use super::{gongkai, gongkai_zh, root, tempdir, write};

/// The Lanzhou 2020 units with 西固区's 行政复议 total one too few and 城关区's file gone.
fn batch(dir: &Path) {
    let from = root().join("data/lanzhou/2020");
    for entry in std::fs::read_dir(&from).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name == "城关区.csv" {
            continue;
        }
        // Copied as they are (some are GB18030); only 西固区's (UTF-8) is changed.
        let mut bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        if name == "西固区.csv" {
            let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            // Table 四's values row (below its 结果维持… header): 行政复议's 总计 one too few.
            let lines: Vec<&str> = text.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.starts_with("结果维持,"))
                .map(|i| i + 1)
                .unwrap_or_else(|| panic!("no table 四 header in {name}"));
            let mut fields: Vec<String> = lines[at].split(',').map(str::to_string).collect();
            let total: i64 = fields[4]
                .parse()
                .unwrap_or_else(|e| panic!("{}: {e}", fields[4]));
            fields[4] = (total - 1).to_string();
            let mut changed: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            changed[at] = fields.join(",");
            bytes = (changed.join("\n") + "\n").into_bytes();
        }
        write(&dir.join("2020").join(&name), &bytes);
    }
    std::fs::copy(root().join("data/lanzhou/units.csv"), dir.join("units.csv"))
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_letter_names_each_problem_in_the_forms_words_and_the_index_who_is_missing() {
    let dir = tempdir();
    batch(dir.path());
    let out = dir.path().join("letters");
    let run = gongkai_zh()
        .args(["feedback", "-o"])
        .arg(&out)
        .arg(dir.path().join("2020"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let letter = std::fs::read_to_string(out.join("西固区-2020.txt"))
        .unwrap_or_else(|e| panic!("{e}: {:?}", std::fs::read_dir(&out).map(|d| d.count())));
    assert!(
        letter.starts_with(
            "关于西固区2020年度政府信息公开工作年度报告统计表的核对意见\n\n西固区：\n"
        ),
        "{letter}"
    );
    assert!(letter.contains("表四“行政复议”行，总计列填"), "{letter}");
    assert!(letter.contains("请核对该行各项或总计。 [R4]"), "{letter}");
    assert!(letter.contains("位置：西固区.csv 第"), "{letter}");
    assert!(letter.contains("以下各项已核对无误：表三各列"), "{letter}");
    let html = std::fs::read_to_string(out.join("西固区-2020.html")).unwrap_or_default();
    assert!(
        html.contains("<li class=\"error\">表四“行政复议”行"),
        "{html}"
    );
    assert!(html.contains("@page{size:A4"), "prints on A4");
    // No letter for a unit with nothing to fix; the index says who is complete and who is missing.
    assert!(!out.join("城关区-2020.txt").exists());
    assert!(!out.join("七里河区-2020.txt").exists());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap_or_default();
    assert!(
        index.contains("未报送（1）") && index.contains("<li>城关区 2020年</li>"),
        "{index}"
    );
    assert!(index.contains("<li>七里河区 2020年</li>"), "{index}");
    assert!(index.contains("href=\"西固区-2020.html\""), "{index}");
    // Run again: the folder is replaced whole; any other folder is refused.
    gongkai()
        .args(["feedback", "-o"])
        .arg(&out)
        .arg(dir.path().join("2020"))
        .assert()
        .code(1);
    let other = dir.path().join("other");
    write(&other.join("keep.txt"), b"mine");
    gongkai()
        .args(["feedback", "-o"])
        .arg(&other)
        .arg(dir.path().join("2020"))
        .assert()
        .code(2);
    assert!(other.join("keep.txt").exists() && !other.join("index.html").exists());
}
