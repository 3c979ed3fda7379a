//! `gongkai import-report` from the portal itself: report pages fetched from their addresses
//! (given, or listed in `--urls FILE`) on a local server, read as the saved pages are, each kept
//! as evidence with its address and time; limits, redirects, errors and the refusal of private
//! addresses, said per address as the batch goes on.

use std::path::Path;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::{fixture, gongkai, gongkai_zh, root, tempdir, write};

#[path = "../../crates/fetch/src/test_server.rs"]
mod server;

use server::{Route, Server};

fn run(cmd: &mut assert_cmd::Command) -> (String, String, i32) {
    let out = cmd.output().unwrap_or_else(|e| panic!("run: {e}"));
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn report(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/reports").join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The GBK page as a portal serves it: no `<meta>` charset; the header says GBK instead.
fn district_without_meta() -> Vec<u8> {
    let bytes = report("district-2019-gbk.html");
    let meta = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">";
    let at = bytes
        .windows(meta.len())
        .position(|w| w == meta)
        .unwrap_or_else(|| panic!("the fixture declares gb2312"));
    [&bytes[..at], &bytes[at + meta.len()..]].concat()
}

/// A portal with the real report pages, redirects, a missing page, a slow one.
fn portal() -> Server {
    let routes = vec![
        // Declares UTF-8 in its <meta>; the server says GBK: the page is right and wins.
        (
            "/zwgk/county-2022.html",
            Route::page("text/html; charset=gbk", &report("county-2022.html")),
        ),
        (
            "/zwgk/district-2019.html",
            Route::page("text/html; charset=gbk", &district_without_meta()),
        ),
        (
            "/zwgk/bureau-2021.html",
            Route::page("text/html", &report("bureau-2021-wrong-totals.html")),
        ),
        (
            "/zwgk/lanzhou-2020.txt",
            Route::page("text/plain; charset=utf-8", &report("lanzhou-2020.txt")),
        ),
        ("/old/county", Route::redirect(301, "/moved/county")),
        (
            "/moved/county",
            Route::redirect(302, "../zwgk/county-2022.html"),
        ),
        (
            "/slow.html",
            Route::page("text/html", &report("county-2022.html")).after(Duration::from_secs(5)),
        ),
    ];
    Server::start(
        routes
            .into_iter()
            .map(|(p, r)| (p.to_string(), r))
            .collect(),
    )
}

/// The tidy CSV of several pages: one header, each page's rows in order.
fn expected(files: &[&str]) -> String {
    let mut out = String::from("\u{feff}year,unit,section,row,column,value\n");
    for f in files {
        let text = fixture(f);
        out.push_str(text.split_once('\n').map_or("", |(_, rows)| rows));
    }
    out
}

/// Each page's evidence record in `dir`, by the address it was fetched from.
fn records(dir: &Path) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for host in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(host.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if file.path().extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(file.path()).unwrap_or_default();
                let mut v: serde_json::Value =
                    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
                v["_dir"] = serde_json::Value::String(host.path().display().to_string());
                out.push(v);
            }
        }
    }
    out
}

fn record_of<'a>(records: &'a [serde_json::Value], url: &str) -> &'a serde_json::Value {
    records
        .iter()
        .find(|r| r["url"] == url)
        .unwrap_or_else(|| panic!("no evidence of {url} in {records:?}"))
}

/// The headline: three real report pages fetched from a portal, the GBK one served without a
/// `<meta>` charset, give exactly the values of the saved pages; each page is kept as fetched
/// with its address, time and hash; one request at a time, paced.
#[test]
fn fetched_reports_give_the_expected_values_and_are_kept_as_evidence() {
    let portal = portal();
    let dir = tempdir();
    let out = dir.path().join("published/2022.csv");
    let pages = [
        portal.url("/zwgk/county-2022.html"),
        portal.url("/zwgk/district-2019.html"),
        portal.url("/zwgk/lanzhou-2020.txt"),
    ];
    let started = Instant::now();
    let (stdout, err, code) = run(gongkai()
        .arg("import-report")
        .args(&pages)
        .args(["--allow-private", "--pace", "0.3", "-o"])
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    assert!(stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&out).unwrap_or_default(),
        expected(&[
            "reports/county-2022.expected.csv",
            "reports/district-2019-gbk.expected.csv",
            "lanzhou-2020-published.csv",
        ]),
        "{err}"
    );
    // Each page is named by its address.
    for (page, what) in [
        (&pages[0], "示例县 2022 (form 2021): 200/200 values"),
        (&pages[1], "示例区 2019 (form 2019): 198/198 values"),
        (&pages[2], "兰州市 2020 (form 2019): 198/198 values"),
    ] {
        assert!(
            err.contains(&format!("complete    {page}: {what}")),
            "{err}"
        );
    }
    // The GBK page was read in the header's charset: no note of a missing declaration.
    assert!(!err.contains("charset"), "{err}");
    let evidence = dir.path().join("published/evidence");
    assert!(
        err.contains(&format!(
            "3 page(s) fetched, kept as evidence in {}",
            evidence.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}: fetched, HTTP 200, ", pages[1])),
        "{err}"
    );

    // The evidence: the bytes as served, and where and when.
    let records = records(&evidence);
    assert_eq!(records.len(), 3, "{records:?}");
    for (page, served, content_type) in [
        (
            &pages[0],
            report("county-2022.html"),
            "text/html; charset=gbk",
        ),
        (&pages[1], district_without_meta(), "text/html; charset=gbk"),
        (
            &pages[2],
            report("lanzhou-2020.txt"),
            "text/plain; charset=utf-8",
        ),
    ] {
        let r = record_of(&records, page);
        assert_eq!(r["final_url"], page.as_str());
        assert_eq!(r["status"], 200);
        assert_eq!(r["content_type"], content_type);
        assert_eq!(r["size"], served.len());
        let sha: String = Sha256::digest(&served)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(r["sha256"], sha);
        let file = Path::new(r["_dir"].as_str().unwrap_or_default())
            .join(r["file"].as_str().unwrap_or_default());
        assert_eq!(
            std::fs::read(&file).ok(),
            Some(served),
            "{}",
            file.display()
        );
        // RFC 3339 in UTC, to the second, within this run.
        let at = r["fetched_at"].as_str().unwrap_or_default();
        assert!(
            at.len() == 20 && at.ends_with('Z') && at.as_bytes()[10] == b'T',
            "{at}"
        );
    }
    assert!(
        records.iter().all(|r| r["_dir"]
            .as_str()
            .unwrap_or_default()
            .ends_with(&format!("127.0.0.1_{}", portal.port()))),
        "one folder per host: {records:?}"
    );

    // One request at a time, paced: the server notes a request a little after it is sent, and
    // on a busy machine that lag differs from request to request (a 300 ms pace was once seen as
    // 266 ms), so a gap must be two thirds of the pace (unpaced requests come milliseconds
    // apart) and the whole run at least two paces long.
    let times: Vec<Instant> = portal.requests().into_iter().map(|(_, t)| t).collect();
    assert_eq!(times.len(), 3);
    for w in times.windows(2) {
        assert!(
            w[1] - w[0] >= Duration::from_millis(200),
            "{:?}",
            w[1] - w[0]
        );
    }
    assert!(started.elapsed() >= Duration::from_millis(600));
}

/// An auditor's list: comments and blank lines skipped, a redirected address followed, a line
/// that is not an address, a missing page and an address listed twice each said as the batch
/// goes on; the pages that came are read, with a file given beside the list.
#[test]
fn a_list_of_addresses_with_redirects_and_failures() {
    let portal = portal();
    let dir = tempdir();
    let list = dir.path().join("网址清单.txt");
    let text = format!(
        "# 2022 年报，各单位\n{}\n\n{}\n   # 已撤销\nftp://example.gov.cn/nb.html\n{}\n{}\n{}\n",
        portal.url("/old/county"),
        portal.url("/zwgk/bureau-2021.html"),
        portal.url("/gone.html"),
        portal.url("/zwgk/bureau-2021.html"),
        portal.url("/zwgk/district-2019.html"),
    );
    write(&list, text.as_bytes());
    let out = dir.path().join("out.csv");
    let (_, err, code) = run(gongkai()
        .arg("import-report")
        .arg("tests/fixtures/reports/lanzhou-2020.txt")
        .arg("--urls")
        .arg(&list)
        .args(["--allow-private", "--pace", "0", "--no-bom", "-o"])
        .arg(&out));
    assert_eq!(
        code, 2,
        "a missing page and a bad line are unreadable input: {err}"
    );
    let list_name = list.display().to_string();
    for needle in [
        format!(
            "{list_name}:6: error: not a web address: found \"ftp://example.gov.cn/nb.html\", \
             expected an address starting http:// or https://"
        ),
        format!(
            "{}: fetched, HTTP 200, 24684 bytes, redirected to {}; kept as ",
            portal.url("/old/county"),
            portal.url("/zwgk/county-2022.html")
        ),
        format!(
            "{}: error: the server answered HTTP 404 Not Found; the page is kept as ",
            portal.url("/gone.html")
        ),
        format!(
            "{list_name}:8: warning: {} is listed twice; fetched once",
            portal.url("/zwgk/bureau-2021.html")
        ),
        // The report's findings name its address.
        format!(
            "{} table 2 row 27: 示例市交通运输局 2021 error: the requests table (三), column \
             “natural persons”: the total row has 7",
            portal.url("/zwgk/bureau-2021.html")
        ),
        format!(
            "complete    {}: 示例县 2022 (form 2021): 200/200 values, 9 blank",
            portal.url("/old/county")
        ),
        "4 page(s): 4 complete, 0 partial, 0 unreadable; 5 rule error(s) in 1 report(s)"
            .to_string(),
        "3 page(s) fetched, kept as evidence in ".to_string(),
    ] {
        assert!(err.contains(&needle), "missing {needle} in\n{err}");
    }
    // The file given first, then the list's pages in its order.
    let tidy = std::fs::read_to_string(&out).unwrap_or_default();
    let mut want = fixture("lanzhou-2020-published.csv");
    for f in [
        "reports/county-2022.expected.csv",
        "reports/bureau-2021-wrong-totals.expected.csv",
        "reports/district-2019-gbk.expected.csv",
    ] {
        want.push_str(fixture(f).split_once('\n').map_or("", |(_, rows)| rows));
    }
    assert_eq!(tidy, want);
    // The bad line was not asked, the duplicate asked once.
    let asked = portal.paths();
    assert_eq!(
        asked,
        [
            "/old/county",
            "/moved/county",
            "/zwgk/county-2022.html",
            "/zwgk/bureau-2021.html",
            "/gone.html",
            "/zwgk/district-2019.html"
        ]
    );
    // Evidence beside the output: the redirect's path, and the missing page as it was.
    let records = records(&dir.path().join("evidence"));
    assert_eq!(records.len(), 4, "{records:?}");
    let county = record_of(&records, &portal.url("/old/county"));
    assert_eq!(county["final_url"], portal.url("/zwgk/county-2022.html"));
    assert_eq!(county["redirects"][1], portal.url("/moved/county"));
    let gone = record_of(&records, &portal.url("/gone.html"));
    assert_eq!(gone["status"], 404);
}

/// Limits: redirects, size and time, each an error for its address that names the option.
#[test]
fn redirects_size_and_time_are_limited() {
    let portal = portal();
    let dir = tempdir();
    let evidence = dir.path().join("evidence");
    let base = |extra: &[&str], address: &str| {
        let mut cmd = gongkai();
        cmd.arg("import-report")
            .arg(address)
            .args(["--allow-private", "--pace", "0", "--evidence"])
            .arg(&evidence)
            .args(extra);
        run(&mut cmd)
    };
    let (out, err, code) = base(&["--max-redirects", "1"], &portal.url("/old/county"));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains(&format!(
            "{}: error: more than 1 redirect(s) (--max-redirects)",
            portal.url("/old/county")
        )),
        "{err}"
    );
    assert!(err.contains("no pages to read"), "{err}");
    let (_, err, code) = base(
        &["--max-size", "16K"],
        &portal.url("/zwgk/county-2022.html"),
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("error: the page is larger than 16384 bytes (--max-size)"),
        "{err}"
    );
    let (_, err, code) = base(
        &["--max-size", "24684"],
        &portal.url("/zwgk/county-2022.html"),
    );
    assert_eq!(code, 0, "exactly the limit: {err}");
    let started = Instant::now();
    let (_, err, code) = base(&["--timeout", "0.5"], &portal.url("/slow.html"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!(
            "{}: error: no complete answer within 0.5 s (--timeout)",
            portal.url("/slow.html")
        )),
        "{err}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    // A value that is not one.
    let (_, err, code) = base(&["--timeout", "soon"], &portal.url("/slow.html"));
    assert_eq!(code, 2);
    assert!(err.contains("not a number of seconds: soon"), "{err}");
}

/// Without --allow-private, an address on this machine is refused before anything is asked,
/// by number or by name, in the user's language.
#[test]
fn private_addresses_are_refused_without_allow_private() {
    let portal = portal();
    let dir = tempdir();
    let evidence = dir.path().join("evidence");
    let page = portal.url("/zwgk/county-2022.html");
    let by_name = format!("http://localhost:{}/zwgk/county-2022.html", portal.port());
    let (out, err, code) = run(gongkai()
        .arg("import-report")
        .args([&page, &by_name])
        .arg("--evidence")
        .arg(&evidence));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains(&format!(
            "{page}: error: refused: 127.0.0.1 is 127.0.0.1, a loopback address (this machine), \
             not a public address; --allow-private fetches it"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{by_name}: error: refused: localhost is ")),
        "{err}"
    );
    assert!(portal.paths().is_empty(), "nothing was asked");
    assert!(!evidence.exists(), "nothing was kept");
    let (_, err, code) = run(gongkai_zh()
        .arg("import-report")
        .arg(&page)
        .arg("--evidence")
        .arg(&evidence));
    assert_eq!(code, 2);
    assert!(
        err.contains("已拒绝：127.0.0.1 的地址 127.0.0.1 是本机回环地址，不是公网地址；确需访问请加 --allow-private"),
        "{err}"
    );
}

#[test]
fn help_names_the_fetch_options_in_both_languages() {
    let (en, _, _) = run(gongkai().args(["import-report", "--help"]));
    for needle in [
        "--urls <FILE>",
        "--allow-private",
        "--evidence <DIR>",
        "--pace <SECONDS>",
        "gongkai import-report --urls addresses.txt",
    ] {
        assert!(en.contains(needle), "missing {needle} in\n{en}");
    }
    let (zh, _, _) = run(gongkai_zh().args(["import-report", "--help"]));
    assert!(zh.contains("报告网址清单文件"), "{zh}");
    assert!(zh.contains("同一主机"), "{zh}");
}

/// `audit` fetches its reports from the portal as `import-report` does: each address's report is
/// ranked with its findings (the page with wrong totals first, with its rule errors), each page is
/// kept as evidence, and the ranking is the one the saved pages give, address for file.
#[test]
fn audit_fetches_its_reports_from_their_addresses() {
    let portal = portal();
    let dir = tempdir();
    let evidence = dir.path().join("evidence");
    let pages = [
        portal.url("/zwgk/county-2022.html"),
        portal.url("/zwgk/bureau-2021.html"),
    ];
    let (fetched, err, code) = run(gongkai()
        .arg("audit")
        .args(&pages)
        .args([
            "--allow-private",
            "--pace",
            "0",
            "--format",
            "csv",
            "--evidence",
        ])
        .arg(&evidence));
    assert_eq!(code, 1, "rule errors in the bureau's page: {err}");
    let lines: Vec<&str> = fetched.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "{fetched}");
    assert!(lines[1].contains(&pages[1]), "worst first: {fetched}");
    assert!(lines[1].contains("R1:2;R2:2;R4:1"), "{fetched}");
    assert!(lines[2].contains(&pages[0]), "{fetched}");
    let records = records(&evidence);
    for page in &pages {
        assert_eq!(record_of(&records, page)["status"], 200, "{page}");
    }

    // The same pages saved: the same ranking, a file in place of each address.
    let saved = dir.path().join("saved");
    write(&saved.join("county-2022.html"), &report("county-2022.html"));
    write(
        &saved.join("bureau-2021.html"),
        &report("bureau-2021-wrong-totals.html"),
    );
    let (from_files, err, code) = run(gongkai()
        .arg("audit")
        .arg(saved.join("county-2022.html"))
        .arg(saved.join("bureau-2021.html"))
        .args(["--format", "csv"]));
    assert_eq!(code, 1, "{err}");
    let strip = |csv: &str, names: [&str; 2]| {
        let mut out = csv.to_string();
        for n in names {
            out = out.replace(n, "PAGE");
        }
        out
    };
    let files = [
        saved.join("county-2022.html").display().to_string(),
        saved.join("bureau-2021.html").display().to_string(),
    ];
    assert_eq!(
        strip(&fetched, [&pages[0], &pages[1]]),
        strip(&from_files, [&files[0], &files[1]])
    );
}
