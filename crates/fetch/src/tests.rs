//! The fetcher against a local server: pages, charsets, redirects (followed, limited, checked
//! again), errors, limits and the pace; and which addresses are refused.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use encoding_rs::{GBK, UTF_8};

use super::*;
use crate::resolve::Policy;
use crate::test_server::{Route, Server};

fn limits() -> Limits {
    Limits {
        connect: Duration::from_secs(5),
        overall: Duration::from_secs(10),
        max_bytes: 1 << 20,
        max_redirects: 5,
        pace: Duration::ZERO,
        allow_private: true,
    }
}

fn routes(list: &[(&str, Route)]) -> Vec<(String, Route)> {
    list.iter()
        .map(|(p, r)| (p.to_string(), r.clone()))
        .collect()
}

const PAGE: &str = "<html><head><title>示例县2022年政府信息公开工作年度报告</title></head></html>";

#[test]
fn a_page_with_its_type_charset_and_time() {
    let (gbk, _, _) = GBK.encode(PAGE);
    let server = Server::start(routes(&[(
        "/nb/2022.html",
        Route::page("text/html; charset=GBK", &gbk),
    )]));
    let before = Utc::now();
    let page = Fetcher::new(limits())
        .fetch(&server.url("/nb/2022.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.status, 200);
    assert_eq!(page.bytes, gbk.to_vec());
    assert_eq!(page.charset(), Some(GBK));
    assert_eq!(page.content_type.as_deref(), Some("text/html; charset=GBK"));
    assert_eq!(page.address, server.url("/nb/2022.html"));
    assert_eq!(page.final_address, page.address);
    assert!(page.redirects.is_empty());
    assert!(page.fetched_at >= before - chrono::Duration::seconds(1));
    let t = page.fetched_at_text();
    assert!(
        t.len() == 20 && t.ends_with('Z') && t.as_bytes()[10] == b'T',
        "{t}"
    );
    assert_eq!(server.paths(), ["/nb/2022.html"]);
}

#[test]
fn charset_of_content_type() {
    assert_eq!(charset_of("text/html; charset=gbk"), Some(GBK));
    assert_eq!(charset_of("text/html;Charset=\"UTF-8\""), Some(UTF_8));
    assert_eq!(charset_of("text/html; charset='gb2312' ; q=1"), Some(GBK));
    assert_eq!(charset_of("text/html"), None);
    assert_eq!(charset_of("text/html; charset=klingon"), None);
}

#[test]
fn loopback_is_refused_before_any_request_unless_allowed() {
    let server = Server::start(routes(&[("/a.html", Route::page("text/html", b"x"))]));
    let strict = Limits {
        allow_private: false,
        ..limits()
    };
    let mut fetcher = Fetcher::new(strict);
    for address in [
        server.url("/a.html"),
        format!("http://localhost:{}/a.html", server.port()),
    ] {
        match fetcher.fetch(&address) {
            Err(FetchError::NonPublic { ip, kind, .. }) => {
                assert!(ip.is_loopback(), "{ip}");
                assert_eq!(kind, NonPublic::Loopback);
            }
            other => panic!("{address}: {other:?}"),
        }
    }
    assert!(server.paths().is_empty(), "nothing was asked");
    // The message says what and how to allow it.
    let e = fetcher.fetch(&server.url("/a.html")).err();
    let text = e.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        text.contains("127.0.0.1") && text.contains("--allow-private"),
        "{text}"
    );
    assert!(Fetcher::new(limits()).fetch(&server.url("/a.html")).is_ok());
}

#[test]
fn redirects_are_followed_and_recorded() {
    let server = Server::start(routes(&[
        ("/old", Route::redirect(301, "/mid?x=1")),
        ("/mid?x=1", Route::redirect(302, "new.html")),
        (
            "/new.html",
            Route::page("text/html; charset=utf-8", PAGE.as_bytes()),
        ),
    ]));
    let page = Fetcher::new(limits())
        .fetch(&server.url("/old"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.final_address, server.url("/new.html"));
    assert_eq!(page.redirects, [server.url("/old"), server.url("/mid?x=1")]);
    assert_eq!(page.bytes, PAGE.as_bytes());
    assert_eq!(server.paths(), ["/old", "/mid?x=1", "/new.html"]);
}

#[test]
fn redirects_are_limited() {
    let server = Server::start(routes(&[
        ("/1", Route::redirect(302, "/2")),
        ("/2", Route::redirect(307, "/3")),
        ("/3", Route::page("text/html", b"x")),
    ]));
    let mut fetcher = Fetcher::new(Limits {
        max_redirects: 1,
        ..limits()
    });
    let e = fetcher.fetch(&server.url("/1")).err();
    assert!(
        matches!(e, Some(FetchError::TooManyRedirects { limit: 1 })),
        "{e:?}"
    );
    assert_eq!(server.paths(), ["/1", "/2"], "the third is not asked");
    // A loop ends the same way.
    let looping = Server::start(routes(&[("/a", Route::redirect(302, "/a"))]));
    let e = Fetcher::new(limits()).fetch(&looping.url("/a")).err();
    assert!(
        matches!(e, Some(FetchError::TooManyRedirects { limit: 5 })),
        "{e:?}"
    );
    assert_eq!(looping.paths().len(), 6);
    // A redirect to something that is not a web address.
    let odd = Server::start(routes(&[(
        "/f",
        Route::redirect(302, "file:///etc/passwd"),
    )]));
    let e = Fetcher::new(limits()).fetch(&odd.url("/f")).err();
    assert!(matches!(e, Some(FetchError::BadRedirect { .. })), "{e:?}");
}

/// A public page that redirects to a private address: the target is checked when it is
/// connected to, and refused. (127.0.0.1 stands for the public host here.)
#[test]
fn a_redirect_target_is_checked_again() {
    let server = Server::start(Vec::new());
    let target = format!("http://127.0.0.2:{}/admin", server.port());
    let first = Server::start(routes(&[("/report", Route::redirect(302, &target))]));
    let only_first = Policy::Only(std::sync::Arc::new(|ip: IpAddr| {
        (ip != IpAddr::from([127, 0, 0, 1])).then_some(NonPublic::Private)
    }));
    let mut fetcher = Fetcher::with_policy(limits(), only_first);
    match fetcher.fetch(&first.url("/report")) {
        Err(FetchError::NonPublic { ip, host, .. }) => {
            assert_eq!(ip, IpAddr::from([127, 0, 0, 2]));
            assert_eq!(host, "127.0.0.2");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(first.paths(), ["/report"]);
}

#[test]
fn an_error_status_keeps_the_page() {
    let server = Server::start(Vec::new());
    match Fetcher::new(limits()).fetch(&server.url("/gone.html")) {
        Err(e @ FetchError::Status { .. }) => {
            assert!(e.to_string().contains("404 Not Found"), "{e}");
            let FetchError::Status { page } = e else {
                return;
            };
            assert_eq!(page.status, 404);
            assert!(String::from_utf8_lossy(&page.bytes).contains("页面不存在"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_page_larger_than_the_limit_is_refused() {
    let big = vec![b'x'; 5000];
    let server = Server::start(routes(&[("/big", Route::page("text/html", &big))]));
    let mut fetcher = Fetcher::new(Limits {
        max_bytes: 4096,
        ..limits()
    });
    let e = fetcher.fetch(&server.url("/big")).err();
    assert!(
        matches!(e, Some(FetchError::TooLarge { limit: 4096 })),
        "{e:?}"
    );
    let mut fetcher = Fetcher::new(Limits {
        max_bytes: 5000,
        ..limits()
    });
    assert!(
        fetcher.fetch(&server.url("/big")).is_ok(),
        "exactly the limit"
    );
}

#[test]
fn a_slow_server_times_out() {
    let server = Server::start(routes(&[(
        "/slow",
        Route::page("text/html", b"late").after(Duration::from_secs(5)),
    )]));
    let mut fetcher = Fetcher::new(Limits {
        overall: Duration::from_millis(300),
        ..limits()
    });
    let start = Instant::now();
    let e = fetcher.fetch(&server.url("/slow")).err();
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    match e {
        Some(e @ FetchError::Timeout { .. }) => {
            assert!(e.to_string().contains("0.3 s"), "{e}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn requests_to_one_host_are_paced() {
    let server = Server::start(routes(&[
        ("/a", Route::redirect(302, "/b")),
        ("/b", Route::page("text/html", b"b")),
    ]));
    let gap = Duration::from_millis(250);
    let mut fetcher = Fetcher::new(Limits {
        pace: gap,
        ..limits()
    });
    for _ in 0..2 {
        fetcher
            .fetch(&server.url("/a"))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let times: Vec<Instant> = server.requests().into_iter().map(|(_, t)| t).collect();
    assert_eq!(times.len(), 4, "two addresses, each redirected once");
    for w in times.windows(2) {
        // The server notes a request a little after the client sends it; allow for that.
        assert!(
            w[1] - w[0] >= gap - Duration::from_millis(20),
            "{:?}",
            w[1] - w[0]
        );
    }
}

#[test]
fn only_web_addresses_are_asked() {
    let mut fetcher = Fetcher::new(limits());
    for bad in [
        "ftp://example.gov.cn/a.html",
        "http://",
        "not an address",
        "file:///etc/passwd",
    ] {
        let e = fetcher.fetch(bad).err();
        assert!(
            matches!(e, Some(FetchError::BadAddress { .. })),
            "{bad}: {e:?}"
        );
    }
    assert!(is_web_address("HTTPS://www.gov.cn/"));
    assert!(is_web_address("http://x"));
    assert!(!is_web_address("data/http/2020.csv"));
    assert!(!is_web_address("httpx://"));
}

/// A name that is not found. (No test looks a name up: that would ask the network's name
/// server; the look-up's failure is mapped here as the resolver reports it.)
#[test]
fn a_name_not_found_is_said_with_the_name() {
    let fetcher = Fetcher::new(limits());
    let e = fetcher.error(ureq::Error::Other(Box::new(crate::resolve::Refusal::Dns {
        host: "www.example.gov.cn".into(),
        detail: "failed to lookup address information: Name or service not known".into(),
    })));
    assert!(matches!(e, FetchError::Dns { ref host, .. } if host == "www.example.gov.cn"));
    let text = e.to_string();
    assert!(
        text.contains("www.example.gov.cn") && text.contains("Name or service not known"),
        "{text}"
    );
    // Other errors of the client keep their words.
    let e = fetcher.error(ureq::Error::ConnectionFailed);
    assert!(matches!(e, FetchError::Network { .. }), "{e:?}");
}
