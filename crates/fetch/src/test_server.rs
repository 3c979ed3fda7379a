//! Test support: a small HTTP/1.1 server on 127.0.0.1 that answers each path as set (a page, a
//! redirect, an error, slowly) and notes every request with its time. It stops when dropped, and
//! by itself after a minute whatever happens. Used by this crate's tests and, through a `#[path]`
//! module, by the CLI's.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The longest a server lives.
const LIFETIME: Duration = Duration::from_secs(60);

/// How one path is answered.
#[derive(Debug, Clone)]
pub struct Route {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Waited before answering.
    pub delay: Duration,
}

impl Route {
    /// A 200 answer of `content_type`.
    pub fn page(content_type: &str, body: &[u8]) -> Route {
        Route {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.to_vec(),
            delay: Duration::ZERO,
        }
    }

    /// A redirect to `location`.
    pub fn redirect(status: u16, location: &str) -> Route {
        Route {
            status,
            headers: vec![("Location".into(), location.into())],
            body: Vec::new(),
            delay: Duration::ZERO,
        }
    }

    /// An answer of `status` with an HTML body.
    pub fn status(status: u16, body: &str) -> Route {
        Route {
            status,
            ..Route::page("text/html; charset=utf-8", body.as_bytes())
        }
    }

    pub fn after(mut self, delay: Duration) -> Route {
        self.delay = delay;
        self
    }
}

/// A running server.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<(String, Instant)>>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `routes` (path → answer; any other path is a 404) on a free port of 127.0.0.1.
    pub fn start(routes: Vec<(String, Route)>) -> Server {
        let listener =
            TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("test server: {e}"));
        let addr = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("test server: {e}"));
        listener
            .set_nonblocking(true)
            .unwrap_or_else(|e| panic!("test server: {e}"));
        let stop = Arc::new(AtomicBool::new(false));
        let log = Arc::new(Mutex::new(Vec::new()));
        let routes = Arc::new(routes);
        let thread = {
            let (stop, log) = (Arc::clone(&stop), Arc::clone(&log));
            std::thread::spawn(move || {
                let born = Instant::now();
                while !stop.load(Ordering::Relaxed) && born.elapsed() < LIFETIME {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            let (stop, log, routes) =
                                (Arc::clone(&stop), Arc::clone(&log), Arc::clone(&routes));
                            std::thread::spawn(move || answer(stream, &routes, &log, &stop));
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
            })
        };
        Server {
            addr,
            stop,
            log,
            thread: Some(thread),
        }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://127.0.0.1:PORT/path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The paths asked so far, with when.
    pub fn requests(&self) -> Vec<(String, Instant)> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// The paths asked so far.
    pub fn paths(&self) -> Vec<String> {
        self.requests().into_iter().map(|(p, _)| p).collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn answer(
    mut stream: TcpStream,
    routes: &[(String, Route)],
    log: &Mutex<Vec<(String, Instant)>>,
    stop: &AtomicBool,
) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head);
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    if let Ok(mut l) = log.lock() {
        l.push((path.clone(), Instant::now()));
    }
    let route = routes
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, r)| r.clone())
        .unwrap_or_else(|| Route::status(404, "<html><body>页面不存在</body></html>"));
    let until = Instant::now() + route.delay;
    while Instant::now() < until {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let mut out = format!("HTTP/1.1 {} X\r\n", route.status);
    for (k, v) in &route.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        route.body.len()
    ));
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.write_all(&route.body);
    let _ = stream.flush();
}
