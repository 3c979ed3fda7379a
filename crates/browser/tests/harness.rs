//! The harness on small pages it writes itself: what it records (console errors, exceptions,
//! requests, and nothing on a clean page), what it does (eval, click, type) and what it keeps
//! (a full-page PNG, an A4 PDF and its page count).

use std::io::ErrorKind;
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use gongkai_browser::{require, Error};
use serde_json::json;

fn page(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    let html = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>t</title></head>\
         <body>{body}</body></html>"
    );
    std::fs::write(&path, html).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

#[test]
fn a_clean_page_reports_nothing_and_its_own_document_is_no_request() {
    let Some(browser) = require() else { return };
    let dir = tempdir();
    // A Chinese file name: the page's own address is matched however it is percent-encoded.
    let path = page(
        dir.path(),
        "西固区 2020.html",
        "<h1>核对意见</h1><img alt=\"dot\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">\
         <script>console.log('fine'); console.info('also fine');</script>",
    );
    let page = browser.open(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(page.url().starts_with("file:///"), "{}", page.url());
    assert_eq!(page.text("h1").ok().as_deref(), Some("核对意见"));
    assert_eq!(page.console_errors(), Vec::<String>::new());
    assert_eq!(page.requests(), Vec::<String>::new());
}

#[test]
fn requests_to_other_hosts_are_reported_and_never_leave() {
    let Some(browser) = require() else { return };
    // A loopback listener the page is pointed at: had the request gone out, it would be here.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    listener
        .set_nonblocking(true)
        .unwrap_or_else(|e| panic!("{e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    let dir = tempdir();
    let path = page(
        dir.path(),
        "fetches.html",
        &format!(
            "<style>body{{background:url(http://127.0.0.1:{port}/bg.png)}}</style>\
             <img src=\"http://127.0.0.1:9/x.png\">\
             <script>fetch('http://127.0.0.1:{port}/data.json').catch(() => {{}});</script>\
             <p>text</p>"
        ),
    );
    let page = browser.open(&path).unwrap_or_else(|e| panic!("{e}"));
    let requests = page.requests();
    for url in [
        "http://127.0.0.1:9/x.png".to_string(),
        format!("http://127.0.0.1:{port}/bg.png"),
        format!("http://127.0.0.1:{port}/data.json"),
    ] {
        assert!(requests.contains(&url), "{url} not in {requests:?}");
    }
    assert!(
        !requests.iter().any(|r| r.ends_with("fetches.html")),
        "{requests:?}"
    );
    match listener.accept() {
        Err(e) if e.kind() == ErrorKind::WouldBlock => {}
        other => panic!("a request reached the loopback listener: {other:?}"),
    }
    // The blocked loads are the browser's complaints too.
    let errors = page.console_errors();
    assert!(
        errors.iter().any(|e| e.contains("127.0.0.1:9/x.png")),
        "{errors:?}"
    );
}

#[test]
fn console_errors_warnings_and_exceptions_are_reported_in_order() {
    let Some(browser) = require() else { return };
    let dir = tempdir();
    let path = page(
        dir.path(),
        "noisy.html",
        "<script>console.log('quiet'); console.error('x', 2); console.warn('小心');\
         console.assert(1 === 2, 'one is not two');</script>\
         <script>null.total;</script>\
         <button id=\"later\" onclick=\"throw new Error('on click')\">go</button>",
    );
    let page = browser.open(&path).unwrap_or_else(|e| panic!("{e}"));
    let errors = page.console_errors();
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert_eq!(errors[0], "console.error: x 2");
    assert_eq!(errors[1], "console.warn: 小心");
    assert_eq!(errors[2], "console.assert: one is not two");
    assert!(
        errors[3].starts_with("uncaught exception: TypeError: Cannot read properties of null")
            && errors[3].contains("noisy.html:1"),
        "{errors:?}"
    );
    // Recording goes on after the load.
    page.click("#later").unwrap_or_else(|e| panic!("{e}"));
    let errors = page.console_errors();
    assert!(
        errors.len() == 5 && errors[4].starts_with("uncaught exception: Error: on click"),
        "{errors:?}"
    );
    assert_eq!(page.requests(), Vec::<String>::new());
}

#[test]
fn clicks_and_typing_change_the_page_and_eval_reads_it() {
    let Some(browser) = require() else { return };
    let dir = tempdir();
    let path = page(
        dir.path(),
        "click.html",
        "<button id=\"open\" onclick=\"document.getElementById('units').hidden = false\">展开</button>\
         <ul id=\"units\" hidden><li>城关区 12</li><li>西固区 7</li></ul>\
         <input id=\"q\" oninput=\"document.getElementById('echo').textContent = this.value\">\
         <p id=\"echo\"></p>\
         <button id=\"slow\" onclick=\"setTimeout(() => document.body.append('来了'), 300)\">等</button>",
    );
    let page = browser.open(&path).unwrap_or_else(|e| panic!("{e}"));
    // innerText leaves hidden parts out.
    let before = page.text("body").unwrap_or_default();
    assert!(
        before.contains("展开") && !before.contains("城关区"),
        "{before}"
    );
    page.click("#open").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        page.text("#units").ok().as_deref(),
        Some("城关区 12\n西固区 7")
    );
    assert_eq!(page.count("#units li").ok(), Some(2));
    page.type_into("#q", "西固 2")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.text("#echo").ok().as_deref(), Some("西固 2"));
    page.click("#slow").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        page.eval("document.body.innerText.includes('来了')").ok(),
        Some(json!(false))
    );
    page.wait_until("document.body.innerText.includes('来了')")
        .unwrap_or_else(|e| panic!("{e}"));
    let value = page
        .eval("({n: document.querySelectorAll('li').length, first: document.querySelector('li').textContent})")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value, json!({"n": 2, "first": "城关区 12"}));
    assert_eq!(page.eval("Promise.resolve(6 * 7)").ok(), Some(json!(42)));
    assert_eq!(page.eval("undefined").ok(), Some(json!(null)));

    let missing = page.click("#nowhere").map(|_| ());
    assert!(
        matches!(&missing, Err(e @ Error::NoElement { .. }) if e.to_string().contains("#nowhere")),
        "{missing:?}"
    );
    let thrown = page.eval("no_such_function()");
    assert!(
        matches!(&thrown, Err(e @ Error::Script { .. }) if e.to_string().contains("ReferenceError")),
        "{thrown:?}"
    );
    // A failing script run by the test is the test's, not the page's.
    assert_eq!(page.console_errors(), Vec::<String>::new());
}

#[test]
fn a_long_table_prints_on_several_a4_pages_and_a_screenshot_is_a_png() {
    let Some(browser) = require() else { return };
    let dir = tempdir();
    let rows: String = (1..=150)
        .map(|i| format!("<tr><td>单位{i}</td><td>{}</td></tr>", i * 3))
        .collect();
    let long = page(
        dir.path(),
        "long.html",
        &format!("<table><tr><th>单位</th><th>件数</th></tr>{rows}</table>"),
    );
    let short = page(dir.path(), "short.html", "<p>一页</p>");
    let long = browser.open(&long).unwrap_or_else(|e| panic!("{e}"));
    let pdf = dir.path().join("out/long.pdf");
    let pages = long.print_pdf(&pdf).unwrap_or_else(|e| panic!("{e}"));
    assert!(pages > 1, "{pages} pages");
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(gongkai_browser::pdf_pages(&bytes), Ok(pages));
    let short = browser.open(&short).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(short.print_pdf(&dir.path().join("short.pdf")).ok(), Some(1));

    let png = dir.path().join("out/long.png");
    long.screenshot_png(&png).unwrap_or_else(|e| panic!("{e}"));
    let bytes = std::fs::read(&png).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    // The whole page, not only the 900-pixel window: the IHDR height.
    let height = bytes
        .get(20..24)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .unwrap_or(0);
    assert!(height > 2000, "{height} pixels high");
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let Some(browser) = require() else { return };
    let dir = tempdir();
    let err = browser
        .open(&dir.path().join("nowhere.html"))
        .map(|_| ())
        .map_err(|e| e.to_string());
    assert!(
        matches!(&err, Err(e) if e.contains("nowhere.html") && e.contains("no such file")),
        "{err:?}"
    );
}
