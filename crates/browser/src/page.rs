//! One page opened in the browser: what it logged and requested, read from the protocol's events
//! as they come, and the ways a test reads, uses and keeps it.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use base64::Engine as _;
use headless_chrome::browser::tab::RequestPausedDecision;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Fetch, Log, Network, Page as CdpPage, Runtime};
use headless_chrome::types::PrintToPdfOptions;
use headless_chrome::Tab;
use serde_json::Value;

use crate::{wait_for, Error};

/// The start of the console.debug line that marks how far the events have been read.
const SYNC: &str = "gongkai-browser-sync-";

/// A4 in inches, the unit of the protocol's paper size.
const A4_INCHES: (f64, f64) = (210.0 / 25.4, 297.0 / 25.4);

/// Tallest full-page screenshot taken, in CSS pixels (beyond it the picture is cut).
const SCREENSHOT_MAX_HEIGHT: f64 = 16_000.0;

/// An opened page; its tab is closed when dropped.
pub struct Page {
    tab: Arc<Tab>,
    url: String,
    record: Arc<Mutex<Record>>,
    syncs: AtomicU64,
}

impl std::fmt::Debug for Page {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// What the page did, as the events reported it.
#[derive(Debug, Default)]
struct Record {
    console: Vec<String>,
    requests: Vec<String>,
    /// Sync marks seen (see [`Page::sync`]).
    marks: HashSet<String>,
}

fn lock(record: &Mutex<Record>) -> MutexGuard<'_, Record> {
    // A panic elsewhere while holding it leaves the record whole: lines are only pushed.
    record.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Page {
    /// Starts recording on the blank `tab`, then loads `path` in it.
    pub(crate) fn load(tab: Arc<Tab>, path: &Path) -> Result<Page, Error> {
        let url = file_url(path);
        let record = Arc::new(Mutex::new(Record::default()));
        let protocol = |doing: &str| {
            let doing = format!("{doing} for {url}");
            move |e: anyhow::Error| Error::Protocol {
                doing,
                reason: e.to_string(),
            }
        };
        {
            let record = Arc::clone(&record);
            let document = url.clone();
            tab.add_event_listener(Arc::new(move |event: &Event| {
                note(&record, &document, event)
            }))
            .map_err(protocol("listen to the page's events"))?;
        }
        tab.call_method(Log::Enable(None))
            .map_err(protocol("enable the Log domain"))?;
        tab.call_method(Runtime::Enable(None))
            .map_err(protocol("enable the Runtime domain"))?;
        tab.call_method(Network::Enable {
            max_total_buffer_size: None,
            max_resource_buffer_size: None,
            max_post_data_size: None,
            report_direct_socket_traffic: None,
            enable_durable_messages: None,
        })
        .map_err(protocol("enable the Network domain"))?;
        // Every request pauses here before it is sent: local ones go on, the rest fail. The
        // Network domain has already recorded them.
        tab.enable_request_interception(Arc::new(
            |_transport, _session, paused: Fetch::events::RequestPausedEvent| {
                let params = paused.params;
                if is_local(&params.request.url) {
                    RequestPausedDecision::Continue(None)
                } else {
                    RequestPausedDecision::Fail(Fetch::FailRequest {
                        request_id: params.request_id,
                        error_reason: Network::ErrorReason::BlockedByClient,
                    })
                }
            },
        ))
        .map_err(protocol("intercept the page's requests"))?;
        tab.enable_fetch(
            Some(&[Fetch::RequestPattern {
                url_pattern: Some("*".to_string()),
                resource_Type: None,
                request_stage: Some(Fetch::RequestStage::Request),
            }]),
            None,
        )
        .map_err(protocol("enable the Fetch domain"))?;

        tab.navigate_to(&url).map_err(|e| Error::Open {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let page = Page {
            tab,
            url: url.clone(),
            record,
            syncs: AtomicU64::new(0),
        };
        // Loaded: the new document (not the blank one before it) with its load event fired.
        // Until it has replaced the blank one, an evaluation may fail; it is tried again.
        page.wait_until("document.readyState === 'complete' && location.protocol === 'file:'")
            .map_err(|_| Error::Timeout {
                url,
                what: "finish loading".to_string(),
            })?;
        page.sync()?;
        Ok(page)
    }

    /// The address the page was opened at (a file URL; a link followed since does not change it).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The value of `script` (an expression; a promise is awaited) as JSON: `null` for
    /// `undefined`. A script that throws is an error naming the exception.
    pub fn eval(&self, script: &str) -> Result<Value, Error> {
        let evaluated = self
            .tab
            .call_method(Runtime::Evaluate {
                expression: script.to_string(),
                object_group: None,
                include_command_line_api: Some(false),
                silent: Some(false),
                context_id: None,
                return_by_value: Some(true),
                generate_preview: Some(false),
                user_gesture: Some(true),
                await_promise: Some(true),
                throw_on_side_effect: None,
                timeout: None,
                disable_breaks: None,
                repl_mode: None,
                allow_unsafe_eval_blocked_by_csp: None,
                unique_context_id: None,
                serialization_options: None,
            })
            .map_err(|e| Error::Protocol {
                doing: format!("evaluate `{}` on {}", short(script), self.url),
                reason: e.to_string(),
            })?;
        if let Some(details) = evaluated.exception_details {
            return Err(Error::Script {
                script: short(script),
                url: self.url.clone(),
                message: exception_text(&details),
            });
        }
        Ok(evaluated.result.value.unwrap_or(Value::Null))
    }

    /// Waits until `script` is true (it is evaluated every few milliseconds): for a page that
    /// answers a click or a key later, or a link followed to a new document.
    pub fn wait_until(&self, script: &str) -> Result<(), Error> {
        // An evaluation fails while a new document replaces the old: tried again.
        wait_for(|| {
            self.eval(script)
                .ok()
                .filter(|v| v == &Value::Bool(true))
                .map(|_| ())
        })
        .ok_or_else(|| Error::Timeout {
            url: self.url.clone(),
            what: format!("make `{}` true", short(script)),
        })
    }

    /// Clicks the middle of the first element matching the CSS `selector`, as a mouse would
    /// (scrolled into view first).
    pub fn click(&self, selector: &str) -> Result<(), Error> {
        let element = self.element(selector)?;
        element.click().map_err(|e| Error::Protocol {
            doing: format!("click `{selector}` on {}", self.url),
            reason: e.to_string(),
        })?;
        Ok(())
    }

    /// Clicks the first element matching `selector` and types `text` into it, key by key
    /// (characters without a key, such as Chinese, are inserted as an input method would).
    pub fn type_into(&self, selector: &str, text: &str) -> Result<(), Error> {
        let element = self.element(selector)?;
        element.type_into(text).map_err(|e| Error::Protocol {
            doing: format!("type into `{selector}` on {}", self.url),
            reason: e.to_string(),
        })?;
        Ok(())
    }

    /// The text of the first element matching `selector` as rendered (`innerText`: hidden parts
    /// left out, line breaks where the layout puts them).
    pub fn text(&self, selector: &str) -> Result<String, Error> {
        let script = format!(
            "(() => {{ const e = document.querySelector({}); return e === null ? null : e.innerText; }})()",
            js_string(selector)
        );
        match self.eval(&script)? {
            Value::String(text) => Ok(text),
            _ => Err(Error::NoElement {
                selector: selector.to_string(),
                url: self.url.clone(),
            }),
        }
    }

    /// How many elements match `selector`.
    pub fn count(&self, selector: &str) -> Result<usize, Error> {
        let script = format!("document.querySelectorAll({}).length", js_string(selector));
        let count = self.eval(&script)?;
        Ok(count
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0))
    }

    /// Every console error and warning, console.assert failure, uncaught exception and browser
    /// complaint (a failed load, a blocked request) so far, one line each, in order.
    pub fn console_errors(&self) -> Vec<String> {
        let synced = self.sync();
        let mut lines = lock(&self.record).console.clone();
        if let Err(e) = synced {
            lines.push(format!("(the record may be incomplete: {e})"));
        }
        lines
    }

    /// Every URL the page has requested so far other than its own document, in order: images,
    /// styles, scripts, fonts, fetches, frames, web sockets, and navigations away. Inline
    /// `data:` and `blob:` URLs are no requests and are left out.
    pub fn requests(&self) -> Vec<String> {
        let synced = self.sync();
        let mut requests = lock(&self.record).requests.clone();
        // The page's own list of what it loaded, in case an event went unread.
        if let Ok(Value::Array(names)) =
            self.eval("performance.getEntriesByType('resource').map(e => e.name)")
        {
            for name in names.iter().filter_map(Value::as_str) {
                if !is_inline(name) && !requests.iter().any(|r| r == name) {
                    requests.push(name.to_string());
                }
            }
        }
        if let Err(e) = synced {
            requests.push(format!("(the record may be incomplete: {e})"));
        }
        requests
    }

    /// Saves the whole page (not only the window) as a PNG at `path`.
    pub fn screenshot_png(&self, path: &Path) -> Result<(), Error> {
        let protocol = |doing: &str| {
            let doing = format!("{doing} of {}", self.url);
            move |e: anyhow::Error| Error::Protocol {
                doing,
                reason: e.to_string(),
            }
        };
        let metrics = self
            .tab
            .call_method(CdpPage::GetLayoutMetrics(None))
            .map_err(protocol("measure the page"))?;
        let size = metrics.css_content_size;
        let shot = self
            .tab
            .call_method(CdpPage::CaptureScreenshot {
                format: Some(CdpPage::CaptureScreenshotFormatOption::Png),
                quality: None,
                clip: Some(CdpPage::Viewport {
                    x: 0.0,
                    y: 0.0,
                    width: size.width.max(1.0),
                    height: size.height.clamp(1.0, SCREENSHOT_MAX_HEIGHT),
                    scale: 1.0,
                }),
                from_surface: Some(true),
                capture_beyond_viewport: Some(true),
                optimize_for_speed: None,
            })
            .map_err(protocol("take a screenshot"))?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot.data)
            .map_err(|e| Error::Protocol {
                doing: format!("decode the screenshot of {}", self.url),
                reason: e.to_string(),
            })?;
        write(path, &png)
    }

    /// Prints the page to a PDF at `path` as the browser's print dialog would on A4 with
    /// backgrounds (the page's print stylesheet and its `@page` rules apply), and gives the
    /// number of pages printed.
    pub fn print_pdf(&self, path: &Path) -> Result<usize, Error> {
        let pdf = self
            .tab
            .print_to_pdf(Some(PrintToPdfOptions {
                paper_width: Some(A4_INCHES.0),
                paper_height: Some(A4_INCHES.1),
                print_background: Some(true),
                prefer_css_page_size: Some(true),
                ..PrintToPdfOptions::default()
            }))
            .map_err(|e| Error::Protocol {
                doing: format!("print {} to PDF", self.url),
                reason: e.to_string(),
            })?;
        write(path, &pdf)?;
        crate::pdf_pages(&pdf).map_err(|reason| Error::Pdf {
            url: self.url.clone(),
            reason,
        })
    }

    fn element(&self, selector: &str) -> Result<headless_chrome::Element<'_>, Error> {
        self.tab
            .find_element(selector)
            .map_err(|_| Error::NoElement {
                selector: selector.to_string(),
                url: self.url.clone(),
            })
    }

    /// Waits until every event the page sent before now has been recorded: a console.debug
    /// mark is logged, and the events arrive in order, so once it is read all before it are.
    fn sync(&self) -> Result<(), Error> {
        let mark = format!("{SYNC}{}", self.syncs.fetch_add(1, Ordering::Relaxed));
        self.eval(&format!("console.debug({})", js_string(&mark)))?;
        wait_for(|| lock(&self.record).marks.contains(&mark).then_some(())).ok_or_else(|| {
            Error::Timeout {
                url: self.url.clone(),
                what: "report its console events".to_string(),
            }
        })
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        // The browser is killed with its tabs anyway; this frees the tab sooner.
        let _ = self.tab.close(false);
    }
}

/// Records one event from the page.
fn note(record: &Mutex<Record>, document: &str, event: &Event) {
    match event {
        Event::LogEntryAdded(added) => {
            let entry = &added.params.entry;
            let level = match entry.level {
                Log::LogEntryLevel::Error => "error",
                Log::LogEntryLevel::Warning => "warning",
                _ => return,
            };
            let at = entry
                .url
                .as_deref()
                .map(|u| format!(" ({u})"))
                .unwrap_or_default();
            let line = format!("{level}: {}{at}", entry.text);
            lock(record).console.push(line);
        }
        Event::RuntimeConsoleAPICalled(called) => {
            use Runtime::ConsoleAPICalledEventTypeOption as Kind;
            let params = &called.params;
            let text = params
                .args
                .iter()
                .map(remote_text)
                .collect::<Vec<_>>()
                .join(" ");
            let kind = match params.Type {
                Kind::Error => "console.error",
                Kind::Warning => "console.warn",
                Kind::Assert => "console.assert",
                Kind::Debug if text.starts_with(SYNC) => {
                    lock(record).marks.insert(text);
                    return;
                }
                _ => return,
            };
            lock(record).console.push(format!("{kind}: {text}"));
        }
        Event::RuntimeExceptionThrown(thrown) => {
            let line = format!(
                "uncaught exception: {}",
                exception_text(&thrown.params.exception_details)
            );
            lock(record).console.push(line);
        }
        Event::NetworkRequestWillBeSent(sent) => {
            let params = &sent.params;
            let url = &params.request.url;
            let own = params.Type == Some(Network::ResourceType::Document)
                && same_document(url, document);
            if !own && !is_inline(url) {
                lock(record).requests.push(url.clone());
            }
        }
        Event::NetworkWebSocketCreated(created) => {
            lock(record).requests.push(created.params.url.clone());
        }
        _ => {}
    }
}

/// A console argument as the console shows it: strings bare, other values as JSON.
fn remote_text(object: &Runtime::RemoteObject) -> String {
    match (&object.value, &object.description) {
        (Some(Value::String(s)), _) => s.clone(),
        (_, Some(description)) => description.clone(),
        (Some(value), None) => value.to_string(),
        (None, None) => format!("{:?}", object.Type).to_lowercase(),
    }
}

/// An exception's message and where it was thrown.
fn exception_text(details: &Runtime::ExceptionDetails) -> String {
    let message = details
        .exception
        .as_ref()
        .and_then(|e| e.description.clone())
        .unwrap_or_else(|| details.text.clone());
    match &details.url {
        Some(url) if !url.is_empty() => {
            format!("{message} ({url}:{})", details.line_number + 1)
        }
        _ => message,
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let written = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir),
        _ => Ok(()),
    }
    .and_then(|()| std::fs::write(path, bytes));
    written.map_err(|source| Error::Write {
        path: path.display().to_string(),
        source,
    })
}

/// A JavaScript string literal of `text` (JSON's is one).
fn js_string(text: &str) -> String {
    Value::String(text.to_string()).to_string()
}

/// `script` cut short for an error message.
fn short(script: &str) -> String {
    let mut chars = script.chars();
    let head: String = chars.by_ref().take(80).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// Requests that stay on the machine and are let through: local files and inline data.
fn is_local(url: &str) -> bool {
    url.starts_with("file:") || is_inline(url)
}

/// URLs whose content is in the page itself.
fn is_inline(url: &str) -> bool {
    url.starts_with("data:") || url.starts_with("blob:")
}

/// The file URL of an absolute path, its bytes percent-encoded where a URL path needs it.
pub(crate) fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for &byte in path.as_os_str().as_encoded_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// Whether two URLs name the same document, however each was percent-encoded and whatever
/// fragment follows.
fn same_document(a: &str, b: &str) -> bool {
    let plain = |url: &str| {
        let url = url.split('#').next().unwrap_or(url);
        percent_decode(url)
    };
    plain(a) == plain(b)
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = bytes
            .get(i + 1..i + 3)
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (bytes[i], escaped) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_url_encodes_chinese_and_spaces_and_matches_chromiums_spelling() {
        let url = file_url(Path::new("/tmp/信 件/西固区-2020.html"));
        assert_eq!(
            url,
            "file:///tmp/%E4%BF%A1%20%E4%BB%B6/%E8%A5%BF%E5%9B%BA%E5%8C%BA-2020.html"
        );
        assert!(same_document(
            "file:///tmp/%e4%bf%a1%20%e4%bb%b6/西固区-2020.html#top",
            &url
        ));
        assert!(!same_document("file:///tmp/other.html", &url));
    }
}
