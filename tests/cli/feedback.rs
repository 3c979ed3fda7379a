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

/// The letters as a unit opens them: in a real browser (Chromium, headless), with nothing logged
/// or requested, printing on one or two A4 pages, the index's links leading to the letters.
/// Screenshots and prints are kept under the target folder's page-artifacts/feedback.
#[test]
fn the_letters_open_clean_in_a_browser_and_print_on_one_or_two_a4_pages() {
    let Some(browser) = gongkai_browser::require() else {
        return;
    };
    let dir = tempdir();
    batch(dir.path());
    // And a unit whose every third figure is 7 too many: a letter of some thirty problems.
    let broken = dir.path().join("2020/安宁区.csv");
    let text = std::fs::read_to_string(&broken).unwrap_or_else(|e| panic!("{e}"));
    let mut figure = 0;
    let text: Vec<String> = text
        .lines()
        .map(|line| {
            let fields: Vec<String> = line
                .split(',')
                .map(|field| match field.parse::<i64>() {
                    Ok(n) if !field.starts_with(['+', '-']) => {
                        figure += 1;
                        if figure % 3 == 0 {
                            (n + 7).to_string()
                        } else {
                            field.to_string()
                        }
                    }
                    _ => field.to_string(),
                })
                .collect();
            fields.join(",")
        })
        .collect();
    write(&broken, (text.join("\n") + "\n").as_bytes());
    let out = dir.path().join("letters");
    gongkai_zh()
        .args(["feedback", "-o"])
        .arg(&out)
        .arg(dir.path().join("2020"))
        .assert()
        .code(1);
    let keep = gongkai_browser::artifacts_dir().join("feedback");
    let open = |path: &Path| {
        let page = browser
            .open(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            page.console_errors(),
            Vec::<String>::new(),
            "{}",
            page.url()
        );
        assert_eq!(page.requests(), Vec::<String>::new(), "{}", page.url());
        page
    };

    let index = open(&out.join("index.html"));
    index
        .screenshot_png(&keep.join("index.png"))
        .unwrap_or_else(|e| panic!("{e}"));
    index
        .print_pdf(&keep.join("index.pdf"))
        .unwrap_or_else(|e| panic!("{e}"));
    let links = index
        .eval("Array.from(document.querySelectorAll('a[href]'), a => a.getAttribute('href'))")
        .unwrap_or_else(|e| panic!("{e}"));
    let links: Vec<&str> = links
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    assert!(
        links.contains(&"西固区-2020.html") && links.contains(&"安宁区-2020.html"),
        "{links:?}"
    );
    for link in &links {
        assert!(
            out.join(link).is_file(),
            "the index links to {link}, which is not there"
        );
    }
    // Followed as a reader would: the click opens 西固区's letter.
    index
        .click("a[href='西固区-2020.html']")
        .unwrap_or_else(|e| panic!("{e}"));
    index
        .wait_until(
            "decodeURIComponent(location.pathname).endsWith('/西固区-2020.html') \
             && document.readyState === 'complete'",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        index.text("h1").ok().as_deref(),
        Some("关于西固区2020年度政府信息公开工作年度报告统计表的核对意见")
    );

    let letters: Vec<_> = links.iter().filter(|l| l.ends_with(".html")).collect();
    assert!(!letters.is_empty());
    for link in letters {
        let letter = open(&out.join(link));
        let stem = link.trim_end_matches(".html");
        let pages = letter
            .print_pdf(&keep.join(format!("{stem}.pdf")))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            (1..=2).contains(&pages),
            "{link} prints on {pages} A4 pages"
        );
        if stem == "安宁区-2020" {
            let problems = letter.count("li").unwrap_or(0);
            assert!(problems >= 30, "{problems} problems for 安宁区");
            letter
                .screenshot_png(&keep.join(format!("{stem}.png")))
                .unwrap_or_else(|e| panic!("{e}"));
        }
        if stem == "西固区-2020" {
            letter
                .screenshot_png(&keep.join(format!("{stem}.png")))
                .unwrap_or_else(|e| panic!("{e}"));
            let problems = letter.text("li.error").unwrap_or_default();
            assert!(problems.starts_with("表四“行政复议”行"), "{problems}");
        }
    }
}
